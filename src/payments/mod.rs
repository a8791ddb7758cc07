//! Taking payment. Two providers behind one small interface: Stripe Checkout
//! (when `STRIPE_SECRET_KEY` is set) and a built-in demo checkout. Both report
//! back through the same signed webhook events, so everything downstream of a
//! payment is exercised by the demo too.

pub mod connect;
pub mod demo;
pub mod events;
pub mod stripe;
pub mod webhook;

use crate::domain::{Buyer, Money, Order, SessionFacts};
use secrecy::SecretString;

/// What the provider needs to open a checkout page for one order.
#[derive(Debug, Clone)]
pub struct CheckoutRequest {
    pub order_id: crate::domain::OrderId,
    /// One per line of the order, in its order (at least one).
    pub items: Vec<CheckoutItem>,
    /// One fixed shipping rate for the order (zero: free shipping).
    pub shipping: Money,
    pub delivery: crate::domain::Delivery,
    pub success_url: String,
    pub cancel_url: String,
    /// How long the provider's page stays open, counted from when the
    /// provider creates it (Stripe: 30 minutes to 24 hours *after creation*,
    /// so the timestamp is computed per attempt, at sending).
    pub session_minutes: i64,
    /// The drop's language: Stripe's page speaks it too.
    pub language: crate::domain::Language,
    /// "Free shipping" / "Standard shipping" in that language.
    pub shipping_name: String,
    /// With Stripe Connect: a destination charge to the artist's account,
    /// popshop keeping this fee (minor units).
    pub payout: Option<(String, i64)>,
    /// Stripe Tax: the price includes tax or has it added (`None`: no tax
    /// worked out).
    pub tax: crate::domain::TaxMode,
}

/// One line item on the provider's page.
#[derive(Debug, Clone)]
pub struct CheckoutItem {
    /// "“Slogan” hoodie — L, Black".
    pub name: String,
    /// Absolute URL of the product's picture.
    pub image_url: String,
    pub unit_amount: Money,
    pub quantity: i64,
    /// Stripe Tax's code for the product.
    pub tax_code: &'static str,
}

/// A checkout page opened at the provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckoutSession {
    pub id: String,
    pub url: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ProviderError {
    /// The provider refused the request (4xx): retrying will not help.
    #[error("the payment provider refused: {0}")]
    Rejected(String),
    /// The provider did not answer usefully (5xx, timeout), even after retries.
    #[error("the payment provider is unavailable: {0}")]
    Unavailable(String),
    /// The provider does not know the object (another account or key).
    #[error("the payment provider does not know it: {0}")]
    NotFound(String),
    /// What was asked is already done (a refund of a refunded charge).
    #[error("already done")]
    AlreadyDone,
}

/// Where a checkout session stands at the provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionStatus {
    Open,
    /// Finished; `paid` false while a slow payment method clears.
    Complete {
        paid: bool,
    },
    Expired,
}

/// A checkout session as the provider reports it now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionNow {
    pub status: SessionStatus,
    pub facts: SessionFacts,
    pub buyer: Buyer,
}

pub enum Payments {
    Stripe(Box<stripe::StripeProvider>),
    Demo(demo::DemoProvider),
}

impl Payments {
    /// "stripe" or "demo", stored on each order.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Stripe(_) => "stripe",
            Self::Demo(_) => "demo",
        }
    }

    /// Stripe, when popshop takes payments through it.
    pub fn stripe(&self) -> Option<&stripe::StripeProvider> {
        match self {
            Self::Stripe(stripe) => Some(stripe),
            Self::Demo(_) => None,
        }
    }

    pub fn is_demo(&self) -> bool {
        matches!(self, Self::Demo(_))
    }

    /// The session for `order_id` when it is known without asking anyone
    /// (the demo), so it can be saved with the reservation.
    pub fn predetermined_session(&self, order_id: &str) -> Option<CheckoutSession> {
        match self {
            Self::Stripe(_) => None,
            Self::Demo(demo) => Some(demo.session_for(order_id)),
        }
    }

    pub async fn create_checkout(&self, request: &CheckoutRequest) -> Result<CheckoutSession, ProviderError> {
        match self {
            Self::Stripe(stripe) => stripe.create_checkout(request).await,
            Self::Demo(demo) => Ok(demo.session_for(&request.order_id)),
        }
    }

    /// Refunds a paid order in full, through the provider that took its
    /// money: a demo order moved no money; a Stripe order needs Stripe.
    pub async fn refund(&self, order: &Order) -> Result<(), ProviderError> {
        match (order.provider.as_str(), self) {
            ("demo", _) => Ok(()),
            ("stripe", Self::Stripe(stripe)) => stripe.refund(order).await,
            ("stripe", Self::Demo(_)) => Err(ProviderError::Rejected(
                "this order was paid through Stripe, but popshop now runs without a Stripe key; \
                 refund it in Stripe's dashboard or set STRIPE_SECRET_KEY again"
                    .into(),
            )),
            (other, _) => Err(ProviderError::Rejected(format!("unknown payment provider `{other}`"))),
        }
    }

    /// Closes an order's checkout page at the provider, so nobody can pay for
    /// stock popshop is about to release. `Ok(None)`: closed (or nothing to
    /// close); `Ok(Some(session))`: it could not be closed because it is no
    /// longer open — here is what it is now (paid, for instance).
    pub async fn close_session(&self, order: &Order) -> Result<Option<SessionNow>, ProviderError> {
        match (self, order.provider.as_str(), order.session_id.as_deref()) {
            (Self::Stripe(stripe), "stripe", Some(session)) => stripe.expire(session).await,
            _ => Ok(None),
        }
    }

    /// What the provider says about an order's checkout now (`None` when the
    /// provider keeps no sessions of its own: the demo).
    pub async fn session_now(&self, order: &Order) -> Result<Option<SessionNow>, ProviderError> {
        match (self, order.provider.as_str(), order.session_id.as_deref()) {
            (Self::Stripe(stripe), "stripe", Some(session)) => stripe.retrieve(session).await.map(Some),
            _ => Ok(None),
        }
    }

    /// popshop's fee when artists are paid through Stripe Connect (`None`:
    /// the server's own account takes the money, or the demo).
    pub fn connect_fee(&self) -> Option<crate::domain::Fee> {
        match self {
            Self::Stripe(stripe) => stripe.connect_fee(),
            Self::Demo(_) => None,
        }
    }

    /// Whether events must say `livemode: true`: a live Stripe key.
    pub fn livemode(&self) -> bool {
        match self {
            Self::Stripe(stripe) => stripe.livemode(),
            Self::Demo(_) => false,
        }
    }

    /// Connect: the secret of the connected accounts' webhook endpoint, if set.
    pub fn connect_webhook_secret(&self) -> Option<&SecretString> {
        match self {
            Self::Stripe(stripe) => stripe.connect_webhook_secret(),
            Self::Demo(_) => None,
        }
    }

    /// The secret webhook signatures are checked against.
    pub fn webhook_secret(&self) -> &SecretString {
        match self {
            Self::Stripe(stripe) => stripe.webhook_secret(),
            Self::Demo(demo) => demo.webhook_secret(),
        }
    }
}
