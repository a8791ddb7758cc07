//! Payment events (from the webhook, the demo checkout, or the artist's refund
//! button) applied to orders and drop totals. Each event id is handled once:
//! it is recorded in `processed_events` in the same transaction as its effect,
//! and every transition is conditional on the order's current status, so
//! replays, duplicates and out-of-order delivery end in the same state.

use super::orders::{Buyer, release_in};
use super::{Store, now_ms};
use crate::domain::OrderStatus;
use anyhow::Context;
use sqlx::{Any, Transaction};

/// What happened, as far as orders care.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentEventKind {
    /// Checkout finished; `paid` is false for payment methods that clear later.
    Completed {
        paid: bool,
    },
    AsyncSucceeded,
    AsyncFailed,
    Expired,
    /// The charge was refunded; `fully` false for partial refunds (ignored).
    Refunded {
        fully: bool,
    },
}

/// How the event names its order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderRef {
    Order(String),
    Session(String),
    PaymentIntent(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentEvent {
    /// The provider's event id; handled at most once.
    pub id: String,
    pub event_type: String,
    pub kind: PaymentEventKind,
    pub order: OrderRef,
    pub buyer: Buyer,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventOutcome {
    /// This event id was handled before.
    Duplicate,
    /// No order matches (recorded, so retries stop).
    NoOrder,
    /// Valid, but the order was already past this step.
    Unchanged,
    /// The order moved to `status`; the drop's totals may have changed.
    Changed { drop_id: String, order_id: String, status: OrderStatus },
}

impl Store {
    #[tracing::instrument(skip(self, event), fields(event = %event.id, kind = ?event.kind))]
    pub async fn apply_payment_event(&self, event: &PaymentEvent) -> anyhow::Result<EventOutcome> {
        let _gate = self.write_gate().await;
        let mut tx = self.pool.begin().await.context("begin payment event")?;
        let first_time = sqlx::query(
            "INSERT INTO processed_events (event_id, event_type, processed_at) VALUES ($1, $2, $3) \
             ON CONFLICT (event_id) DO NOTHING",
        )
        .bind(&event.id)
        .bind(&event.event_type)
        .bind(now_ms())
        .execute(&mut *tx)
        .await
        .context("record event")?
        .rows_affected()
            == 1;
        if !first_time {
            tx.rollback().await.ok();
            return Ok(EventOutcome::Duplicate);
        }
        let Some((order_id, drop_id, status)) = find_order(&mut tx, &event.order).await? else {
            tx.commit().await.context("commit unmatched event")?;
            return Ok(EventOutcome::NoOrder);
        };
        let new_status = apply(&mut tx, event, &order_id, status).await?;
        tx.commit().await.context("commit payment event")?;
        Ok(match new_status {
            Some(status) => EventOutcome::Changed { drop_id, order_id, status },
            None => EventOutcome::Unchanged,
        })
    }
}

async fn find_order(
    tx: &mut Transaction<'_, Any>,
    order: &OrderRef,
) -> anyhow::Result<Option<(String, String, OrderStatus)>> {
    let (column, value) = match order {
        OrderRef::Order(id) => ("id", id),
        OrderRef::Session(id) => ("session_id", id),
        OrderRef::PaymentIntent(id) => ("payment_intent", id),
    };
    let sql = format!("SELECT id, drop_id, status FROM orders WHERE {column} = $1");
    let row: Option<(String, String, String)> =
        sqlx::query_as(&sql).bind(value).fetch_optional(&mut **tx).await.context("find order for event")?;
    Ok(row.map(|(id, drop, status)| (id, drop, OrderStatus::parse(&status))))
}

/// The transition for this event from `status`, or `None` when there is none.
async fn apply(
    tx: &mut Transaction<'_, Any>,
    event: &PaymentEvent,
    order_id: &str,
    status: OrderStatus,
) -> anyhow::Result<Option<OrderStatus>> {
    use OrderStatus as S;
    use PaymentEventKind as K;
    match (&event.kind, status) {
        (K::Completed { paid: true } | K::AsyncSucceeded, S::Pending | S::Processing) => {
            Store::store_buyer(tx, order_id, &event.buyer).await?;
            mark_paid(tx, order_id, true).await
        }
        // Paid after its stock was released (late webhook): count it again if
        // stock allows, else it must be refunded, never oversold.
        (K::Completed { paid: true } | K::AsyncSucceeded, S::Expired | S::Cancelled | S::Failed) => {
            Store::store_buyer(tx, order_id, &event.buyer).await?;
            mark_paid(tx, order_id, false).await
        }
        (K::Completed { paid: false }, S::Pending) => {
            Store::store_buyer(tx, order_id, &event.buyer).await?;
            let moved = sqlx::query(
                "UPDATE orders SET status = 'processing', updated_at = $1 WHERE id = $2 AND status = 'pending'",
            )
            .bind(now_ms())
            .bind(order_id)
            .execute(&mut **tx)
            .await
            .context("mark processing")?;
            Ok((moved.rows_affected() == 1).then_some(S::Processing))
        }
        (K::AsyncFailed, S::Pending | S::Processing) => {
            Ok(release_in(tx, order_id, S::Failed).await?.then_some(S::Failed))
        }
        (K::Expired, S::Pending | S::Processing) => {
            Ok(release_in(tx, order_id, S::Expired).await?.then_some(S::Expired))
        }
        (K::Refunded { fully: true }, S::Paid | S::RefundDue) => mark_refunded(tx, order_id).await,
        _ => Ok(None),
    }
}

/// pending/processing (`held`: its stock is reserved) or released → paid.
async fn mark_paid(tx: &mut Transaction<'_, Any>, order_id: &str, held: bool) -> anyhow::Result<Option<OrderStatus>> {
    let now = now_ms();
    let from = if held { "('pending', 'processing')" } else { "('expired', 'cancelled', 'failed')" };
    let sql = format!(
        "UPDATE orders SET status = 'paid', paid_at = $1, updated_at = $1 WHERE id = $2 AND status IN {from} \
         RETURNING drop_id, quantity, amount"
    );
    let row: Option<(String, i64, i64)> =
        sqlx::query_as(&sql).bind(now).bind(order_id).fetch_optional(&mut **tx).await.context("mark order paid")?;
    let Some((drop_id, quantity, amount)) = row else { return Ok(None) };
    let counted: Option<(i64,)> = if held {
        sqlx::query_as(
            "UPDATE drops SET sold = sold + $1, reserved = reserved - $1, revenue_minor = revenue_minor + $2, \
             paid_orders = paid_orders + 1, version = version + 1 WHERE id = $3 RETURNING paid_orders",
        )
        .bind(quantity)
        .bind(amount)
        .bind(&drop_id)
        .fetch_optional(&mut **tx)
        .await
        .context("count paid order")?
    } else {
        sqlx::query_as(
            "UPDATE drops SET sold = sold + $1, revenue_minor = revenue_minor + $2, paid_orders = paid_orders + 1, \
             version = version + 1 WHERE id = $3 AND (stock IS NULL OR sold + reserved + $1 <= stock) RETURNING paid_orders",
        )
        .bind(quantity)
        .bind(amount)
        .bind(&drop_id)
        .fetch_optional(&mut **tx)
        .await
        .context("count late paid order")?
    };
    match counted {
        Some((number,)) => {
            sqlx::query("UPDATE orders SET number = $1 WHERE id = $2")
                .bind(number)
                .bind(order_id)
                .execute(&mut **tx)
                .await
                .context("number paid order")?;
            Ok(Some(OrderStatus::Paid))
        }
        None => {
            sqlx::query("UPDATE orders SET status = 'refund_due', updated_at = $1 WHERE id = $2")
                .bind(now)
                .bind(order_id)
                .execute(&mut **tx)
                .await
                .context("mark refund due")?;
            Ok(Some(OrderStatus::RefundDue))
        }
    }
}

/// paid → refunded (totals go down) or refund_due → refunded (never counted).
async fn mark_refunded(tx: &mut Transaction<'_, Any>, order_id: &str) -> anyhow::Result<Option<OrderStatus>> {
    let now = now_ms();
    let paid: Option<(String, i64, i64)> = sqlx::query_as(
        "UPDATE orders SET status = 'refunded', updated_at = $1 WHERE id = $2 AND status = 'paid' \
         RETURNING drop_id, quantity, amount",
    )
    .bind(now)
    .bind(order_id)
    .fetch_optional(&mut **tx)
    .await
    .context("mark paid order refunded")?;
    if let Some((drop_id, quantity, amount)) = paid {
        sqlx::query(
            "UPDATE drops SET sold = sold - $1, revenue_minor = revenue_minor - $2, version = version + 1 WHERE id = $3",
        )
        .bind(quantity)
        .bind(amount)
        .bind(&drop_id)
        .execute(&mut **tx)
        .await
        .context("uncount refunded order")?;
        return Ok(Some(OrderStatus::Refunded));
    }
    let due =
        sqlx::query("UPDATE orders SET status = 'refunded', updated_at = $1 WHERE id = $2 AND status = 'refund_due'")
            .bind(now)
            .bind(order_id)
            .execute(&mut **tx)
            .await
            .context("mark refund-due order refunded")?;
    Ok((due.rows_affected() == 1).then_some(OrderStatus::Refunded))
}
