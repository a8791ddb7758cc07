//! The money path, in one place and in the business's words: start a
//! checkout (limits, the hold, the provider's page), apply what the payment
//! provider reports (bound to the checkout popshop created), refund, and sweep
//! holds that ran out (closing the provider's page first, so nobody pays for
//! a released shirt). Handlers call these and render what comes back.
//!
//! The service takes only what it uses ([`Sales`]): the store, the payment
//! provider, the per-client limits and its own rules from the settings.

pub mod checkout;
pub mod payment_events;
pub mod payouts;
pub mod refund;
pub mod sweep;

pub use checkout::{CheckoutOutcome, Purchase, cancel_checkout, start_checkout};
pub use payment_events::{ReceiveError, apply_event, receive, reconcile};
pub use refund::{RefundError, refund_order};

use crate::config::Settings;
use crate::payments::Payments;
use crate::store::Store;
use crate::web::Limits;
use std::sync::Arc;
use std::time::Duration;

/// What the money path uses; cheap to clone (the sweeper owns one).
#[derive(Clone)]
pub struct Sales {
    pub store: Store,
    pub payments: Arc<Payments>,
    pub limits: Arc<Limits>,
    pub rules: Rules,
}

/// The settings the money path follows.
#[derive(Debug, Clone)]
pub struct Rules {
    /// How long a checkout holds its shirts (`POPSHOP_HOLD_MINUTES`).
    pub hold_minutes: i64,
    /// Unpaid holds one client may have on one drop.
    pub holds_per_client: i64,
    /// The provider's checkout page lifetime, in minutes.
    pub checkout_minutes: i64,
    /// Absolute base URL for the provider's return pages and product image.
    pub base_url: String,
    /// How often holds, slow payments and owed refunds are swept.
    pub sweep_interval: Duration,
}

impl Rules {
    pub fn of(settings: &Settings) -> Self {
        Self {
            hold_minutes: settings.hold_minutes,
            holds_per_client: settings.holds_per_client,
            checkout_minutes: settings.checkout_minutes,
            base_url: settings.base_url().to_owned(),
            sweep_interval: settings.sweep_interval,
        }
    }
}
