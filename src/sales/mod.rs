//! The money path, in one place and in the business's words: start a
//! checkout (limits, the hold, the provider's page), apply what the payment
//! provider reports (bound to the checkout popshop created), refund, and sweep
//! holds that ran out (closing the provider's page first, so nobody pays for
//! a released shirt). Handlers call these and render what comes back.

pub mod checkout;
pub mod payment_events;
pub mod payouts;
pub mod refund;
pub mod sweep;

pub use checkout::{CheckoutOutcome, Purchase, cancel_checkout, start_checkout};
pub use payment_events::{ReceiveError, apply_event, receive, reconcile};
pub use refund::{RefundError, refund_order};
