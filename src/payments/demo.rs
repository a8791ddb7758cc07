//! The built-in demo checkout, used when no Stripe key is configured. It is
//! clearly labelled "demo — no money moves". Paying signs a Stripe-shaped
//! `checkout.session.completed` event with the demo's own secret and hands it
//! to the same webhook handler Stripe's events go through.

use super::CheckoutSession;
use super::events::{SessionFacts, session_event, sign};
use crate::domain::{Order, ShippingAddress};
use secrecy::{ExposeSecret, SecretString};

/// Session ids of the demo start with this.
pub const SESSION_PREFIX: &str = "demo_cs_";

pub struct DemoProvider {
    /// Random per process: nobody outside can forge demo events.
    secret: SecretString,
}

impl Default for DemoProvider {
    fn default() -> Self {
        Self { secret: SecretString::from(format!("whsec_demo_{}", crate::store::random_token())) }
    }
}

impl DemoProvider {
    pub fn session_for(&self, order_id: &str) -> CheckoutSession {
        let id = format!("{SESSION_PREFIX}{order_id}");
        CheckoutSession { url: format!("/demo-checkout/{id}"), id }
    }

    pub fn webhook_secret(&self) -> &SecretString {
        &self.secret
    }

    /// The signed event (payload, `Stripe-Signature` header) a paid demo checkout sends.
    pub fn completed_event(&self, order: &Order, email: &str, shipping: ShippingAddress) -> (String, String) {
        let now = crate::clock::system_now_secs();
        let facts = SessionFacts {
            session_id: order.session_id.clone().unwrap_or_default(),
            order_id: order.id.clone(),
            payment_status: "paid".into(),
            amount_total: order.amount.minor(),
            currency: order.amount.currency().code().into(),
            email: Some(email.to_owned()),
            name: Some(shipping.name.clone()),
            shipping: Some(shipping),
            payment_intent: Some(format!("pi_demo_{}", order.id)),
            ..Default::default()
        };
        let payload =
            session_event(&format!("evt_demo_{}", crate::store::new_id()), "checkout.session.completed", &facts, now);
        let signature = sign(&payload, self.secret.expose_secret(), now);
        (payload, signature)
    }
}
