//! Holds that ran out, slow payments, and refunds still owed. Every
//! `POPSHOP_SWEEP_SECONDS`:
//!
//! - each pending order past its hold first has its checkout page closed at
//!   the provider (Stripe: `POST /v1/checkout/sessions/{id}/expire`), so
//!   nobody can pay for a shirt about to go back on sale; if the page had
//!   already been paid, the payment is applied instead. Only then is the
//!   stock released. A provider that cannot be reached keeps the hold and is
//!   asked again a minute later (the order moves to the back of the queue, so
//!   a few stuck orders never block the rest);
//! - orders whose payment is still clearing (`processing`) are checked with
//!   the provider once an hour, in case its event was lost;
//! - refunds owed are retried, oldest attempt first;
//! - paid orders an operator asked to refund (a taken-down drop) are
//!   refunded, a few a round.
//!
//! Orders are handled a few at a time; one order's failure is logged and
//! never stops the others.

use super::Sales;
use super::payment_events::apply_session_now;
use crate::domain::{Order, OrderStatus};
use crate::payments::ProviderError;

use futures_util::StreamExt;

/// Orders looked at per round, and how many at once.
const BATCH: i64 = 200;
const AT_ONCE: usize = 8;
/// A hold the provider could not close is tried again after this.
const RETRY_AFTER_MS: i64 = 60_000;
/// How often a clearing payment is checked with the provider.
const PROCESSING_CHECK_MS: i64 = 60 * 60_000;

pub async fn run(sales: Sales) {
    let mut tick = tokio::time::interval(sales.rules.sweep_interval);
    loop {
        tick.tick().await;
        let swept = sweep(&sales).await;
        if swept.is_ok() {
            crate::telemetry::task_ran("sweep");
        }
        match swept {
            Ok(swept) if swept == Swept::default() => {}
            Ok(swept) => tracing::info!(?swept, "swept holds, payments and refunds"),
            Err(e) => tracing::warn!(error = %e, "sweep failed; will retry"),
        }
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
    /// Orders that failed for another reason (logged).
    pub failed: usize,
}

/// What became of one hold.
enum HoldEnd {
    Released,
    Reconciled,
    Kept,
    Untouched,
    Failed,
}

pub async fn sweep(sales: &Sales) -> anyhow::Result<Swept> {
    let now = sales.store.now_ms();
    let mut swept = Swept::default();
    let stale = sales.store.stale_pending_orders(now, BATCH).await?;
    let ends: Vec<HoldEnd> =
        futures_util::stream::iter(stale).map(|o| end_hold(sales, o)).buffer_unordered(AT_ONCE).collect().await;
    for end in ends {
        match end {
            HoldEnd::Released => swept.released += 1,
            HoldEnd::Reconciled => swept.reconciled += 1,
            HoldEnd::Kept => swept.kept += 1,
            HoldEnd::Failed => swept.failed += 1,
            HoldEnd::Untouched => {}
        }
    }
    let clearing = sales.store.orders_in_status(OrderStatus::Processing, now - PROCESSING_CHECK_MS, 50).await?;
    for order in clearing {
        match super::reconcile(sales, &order).await {
            Ok(_) => sales.store.touch_order(&order.id).await?,
            Err(e) => tracing::warn!(order = %order.id, error = %e, "could not check a clearing payment"),
        }
    }

    let owed = sales.store.orders_in_status(OrderStatus::RefundDue, now - RETRY_AFTER_MS, 20).await?;
    refund_each(sales, owed, &mut swept, "refund still owed; will retry").await?;
    // Refunds an operator asked for (a taken-down drop's paid orders), a
    // few a round, through the normal refund path.
    let asked = sales.store.refunds_requested(now - RETRY_AFTER_MS, 20).await?;
    refund_each(sales, asked, &mut swept, "a refund the operators asked for failed; will retry").await?;
    if let Err(e) = sales.store.refresh_holds().await {
        tracing::warn!(error = %e, "could not recount holds per client");
    }
    Ok(swept)
}

/// Refunds each of `orders` through the normal path; one that fails is
/// tried again a minute later (its refusal shown to the artist).
async fn refund_each(sales: &Sales, orders: Vec<Order>, swept: &mut Swept, failing: &str) -> anyhow::Result<()> {
    for order in orders {
        match super::refund_order(sales, &order).await {
            Ok(_) => swept.refunded += 1,
            Err(e) => {
                tracing::warn!(order = %order.id, error = %e, "{failing}");
                swept.failed += 1;
                sales.store.touch_order(&order.id).await?;
                if let super::RefundError::Refused(why) = &e {
                    sales.store.record_refund_refusal(&order.drop_id, &order.id, why).await?;
                }
            }
        }
    }
    Ok(())
}

/// Closes one hold's checkout page, then releases it (or applies the payment
/// the page already took).
async fn end_hold(sales: &Sales, order: Order) -> HoldEnd {
    let result = async {
        match sales.payments.close_session(&order).await {
            Ok(None) => release(sales, &order, OrderStatus::Expired).await,
            Err(ProviderError::NotFound(why)) => {
                tracing::warn!(order = %order.id, %why, "the provider does not know this checkout; releasing");
                release(sales, &order, OrderStatus::Expired).await
            }
            Ok(Some(now)) => {
                apply_session_now(sales, &now).await?;
                // A paid page that does not match the order (recorded for the
                // artist) must not keep the stock either.
                let after = sales.store.order_by_id(&order.id).await?;
                if after.is_some_and(|o| o.status == OrderStatus::Pending) {
                    return release(sales, &order, OrderStatus::Failed).await;
                }
                Ok(HoldEnd::Reconciled)
            }
            Err(e) => {
                tracing::warn!(order = %order.id, error = %e, "could not close the checkout page; keeping the hold");
                sales.store.postpone_hold(&order.id, sales.store.now_ms() + RETRY_AFTER_MS).await?;
                Ok(HoldEnd::Kept)
            }
        }
    };
    result.await.unwrap_or_else(|e: anyhow::Error| {
        tracing::error!(order = %order.id, error = %e, "sweeping this hold failed");
        HoldEnd::Failed
    })
}

async fn release(sales: &Sales, order: &Order, to: OrderStatus) -> anyhow::Result<HoldEnd> {
    Ok(if sales.store.release(&order.id, to).await? { HoldEnd::Released } else { HoldEnd::Untouched })
}
