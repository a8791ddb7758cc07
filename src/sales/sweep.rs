//! Holds that ran out, and refunds still owed. Every `POPSHOP_SWEEP_SECONDS`:
//! each pending order past its hold first has its checkout page closed at the
//! provider (Stripe: `POST /v1/checkout/sessions/{id}/expire`), so nobody can
//! pay for a shirt about to go back on sale; if the page had already been
//! paid, the payment is applied instead. Only then is the stock released. A
//! provider that cannot be reached keeps the hold until the next sweep.

use super::payment_events::apply_session_now;
use crate::domain::OrderStatus;
use crate::payments::ProviderError;
use crate::state::AppState;
use crate::store::now_ms;
use actix_web::web;

/// Orders looked at per round.
const BATCH: i64 = 200;

pub async fn run(state: web::Data<AppState>) {
    let mut tick = tokio::time::interval(state.settings.sweep_interval);
    loop {
        tick.tick().await;
        match sweep(&state).await {
            Ok(Swept { released: 0, refunded: 0, .. }) => {}
            Ok(swept) => tracing::info!(?swept, "swept holds and refunds"),
            Err(e) => tracing::warn!(error = %e, "sweep failed; will retry"),
        }
        state.checkout_rate.forget_idle();
    }
}

/// What one sweep did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Swept {
    /// Holds given back.
    pub released: usize,
    /// Holds that turned out paid (or paying) at the provider.
    pub reconciled: usize,
    /// Holds kept because the provider could not close the page now.
    pub kept: usize,
    /// Refunds owed that went through.
    pub refunded: usize,
}

pub async fn sweep(state: &AppState) -> anyhow::Result<Swept> {
    let mut swept = Swept::default();
    let mut drops = std::collections::BTreeSet::new();
    for order in state.store.stale_pending_orders(now_ms(), BATCH).await? {
        match state.payments.close_session(&order).await {
            Ok(None) => {
                if state.store.release(&order.id, OrderStatus::Expired).await? {
                    swept.released += 1;
                    drops.insert(order.drop_id.clone());
                }
            }
            Ok(Some(now)) => {
                apply_session_now(state, &now).await.map_err(|e| anyhow::anyhow!("{e}"))?;
                swept.reconciled += 1;
            }
            Err(ProviderError::Rejected(why) | ProviderError::Unavailable(why)) => {
                tracing::warn!(order = %order.id, %why, "could not close the checkout page; keeping the hold");
                swept.kept += 1;
            }
        }
    }
    for drop_id in drops {
        crate::live::drop_changed(state, &drop_id).await;
    }
    for order in state.store.orders_in_status(OrderStatus::RefundDue, 20).await? {
        match super::refund_order(state, &order).await {
            Ok(_) => swept.refunded += 1,
            Err(e) => tracing::warn!(order = %order.id, error = %e, "refund still owed; will retry"),
        }
    }
    Ok(swept)
}
