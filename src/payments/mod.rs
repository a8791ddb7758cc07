//! Taking payment. Two providers behind one small interface: Stripe Checkout
//! (when `STRIPE_SECRET_KEY` is set) and a built-in demo checkout. Both report
//! back through the same signed webhook events, so everything downstream of a
//! payment is exercised by the demo too.

pub mod demo;
pub mod events;
pub mod stripe;
pub mod webhook;

use crate::domain::{Money, Order};
use secrecy::SecretString;

/// What the provider needs to open a checkout page for one order.
#[derive(Debug, Clone)]
pub struct CheckoutRequest {
    pub order_id: String,
    /// "“Slogan” T-shirt — M, Black".
    pub product_name: String,
    /// Absolute URL of the product image (the share card).
    pub image_url: String,
    pub unit_amount: Money,
    pub quantity: i64,
    pub success_url: String,
    pub cancel_url: String,
    /// Unix seconds; Stripe accepts 30 minutes to 24 hours ahead.
    pub expires_at: i64,
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

    /// Refunds a paid order in full.
    pub async fn refund(&self, order: &Order) -> Result<(), ProviderError> {
        match self {
            Self::Stripe(stripe) => stripe.refund(order).await,
            Self::Demo(_) => Ok(()),
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
