//! The money path, in one place and in the business's words: start a
//! checkout (limits, the hold, the provider's page), apply what the payment
//! provider reports (bound to the checkout popshop created), refund, and sweep
//! holds that ran out (closing the provider's page first, so nobody pays for
//! a released shirt). Handlers call these and render what comes back.
//!
//! The service takes only what it uses ([`Sales`]): the store, the payment
//! provider, the per-client limits and its own rules from the settings.

pub mod cart;
pub mod checkout;
pub mod payment_events;
pub mod payouts;
pub mod refund;
pub mod sweep;

pub use checkout::{CheckoutOutcome, Pick, Purchase, cancel_checkout, start_checkout};
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
    /// Unpaid checkouts' worth of shirts one client may hold of one drop.
    pub holds_per_client: i64,
    /// A limited drop's share (percent of its stock) one client may hold,
    /// at most [`MOST_HELD`] shirts and at least one full order.
    pub hold_share_percent: i64,
    /// The provider's checkout page lifetime, in minutes.
    pub checkout_minutes: i64,
    /// Absolute base URL for the provider's return pages and product image.
    pub base_url: String,
    /// How often holds, slow payments and owed refunds are swept.
    pub sweep_interval: Duration,
    /// Stripe Tax works out each checkout's tax (`POPSHOP_STRIPE_TAX=on`
    /// with Stripe; the demo checkout works out none).
    pub stripe_tax: bool,
}

impl Rules {
    pub fn of(settings: &Settings) -> Self {
        Self {
            hold_minutes: settings.hold_minutes,
            holds_per_client: settings.holds_per_client,
            hold_share_percent: settings.hold_share_percent,
            checkout_minutes: settings.checkout_minutes,
            base_url: settings.base_url().to_owned(),
            sweep_interval: settings.sweep_interval,
            stripe_tax: settings.stripe_tax && settings.stripe.is_some(),
        }
    }

    /// Shirts of `drop` one client may hold in unpaid checkouts: its
    /// checkouts' worth, and of a limited drop at most its share of the
    /// stock (at most [`MOST_HELD`], at least one full order), so no address
    /// can sit on a small drop again and again.
    pub fn shirts_per_client(&self, drop: &crate::domain::Drop) -> i64 {
        let most = drop.most_per_order();
        let by_checkouts = self.holds_per_client.saturating_mul(most);
        match drop.stock {
            Some(stock) if self.hold_share_percent > 0 => {
                let share = (stock.saturating_mul(self.hold_share_percent) + 99) / 100;
                by_checkouts.min(share.min(MOST_HELD).max(most))
            }
            _ => by_checkouts,
        }
    }
}

/// The most shirts one client may hold of a limited drop, whatever its size.
pub const MOST_HELD: i64 = 10;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_holds_a_share_of_a_limited_drop_and_at_least_one_order() {
        let rules = Rules::of(&Settings::defaults());
        let mut drop = crate::domain::samples::drop();
        drop.max_per_order = 4;
        drop.stock = Some(100);
        assert_eq!(rules.shirts_per_client(&drop), 5, "5% of 100");
        drop.stock = Some(20);
        assert_eq!(rules.shirts_per_client(&drop), 4, "one full order even of a small drop");
        drop.stock = Some(10_000);
        assert_eq!(rules.shirts_per_client(&drop), 10, "at most ten shirts");
        drop.stock = None;
        assert_eq!(rules.shirts_per_client(&drop), 20, "unlimited: five checkouts' worth");
    }
}
