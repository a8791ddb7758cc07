//! Payment events (from the webhook, the demo checkout, or the artist's refund
//! button) applied to orders and drop totals. Each event id is handled once:
//! it is recorded in `processed_events` in the same transaction as its effect,
//! and every transition is conditional on the order's current status, so
//! replays, duplicates and out-of-order delivery end in the same state.

use super::changes::{and_announce, backend_of, returning_announce};
use super::orders::release_in;
use super::{Store, new_id};
use crate::domain::payment::{CreatedCheckout, Mismatch, check_binding};
use crate::domain::{Currency, EventSubject, Money, OrderStatus, PaymentEvent, PaymentEventKind};
use crate::domain::{DropId, OrderId};
use anyhow::Context;
use sqlx::{Any, Transaction};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventOutcome {
    /// This event id was handled before.
    Duplicate,
    /// No order matches (recorded, so retries stop).
    NoOrder,
    /// Valid, but the order was already past this step.
    Unchanged,
    /// The order moved to `status`; the drop's totals may have changed.
    Changed { drop_id: crate::domain::DropId, order_id: crate::domain::OrderId, status: OrderStatus },
    /// The event named a popshop order but does not match the checkout popshop
    /// created for it. Recorded for the artist; nothing changed.
    Mismatch {
        drop_id: Option<crate::domain::DropId>,
        reason: String,
        /// A genuine payment on popshop's own checkout for the wrong amount
        /// or currency: (the order, the payment to refund). Never counted,
        /// refunded at once (`sales::payment_events`).
        refund: Option<(crate::domain::OrderId, String)>,
    },
}

row! {
    /// A payment that did not match its order, as the artist sees it.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct PaymentProblem {
        pub event_id: String,
        pub order_id: Option<String>,
        pub session_id: Option<String>,
        pub reason: String,
        /// Unix milliseconds.
        pub created_at: i64,
    }
}

/// The order an event is about, with what popshop created for it.
struct FoundOrder {
    created: CreatedCheckout,
    drop_id: DropId,
    status: OrderStatus,
}

impl Store {
    /// Applies one verified event. `livemode` is the mode popshop's own
    /// provider runs in: a session event must match it.
    #[tracing::instrument(skip(self, event), fields(event = %event.id, kind = ?event.kind))]
    pub async fn apply_payment_event(&self, event: &PaymentEvent, livemode: bool) -> anyhow::Result<EventOutcome> {
        let _gate = self.write_gate().await;
        let mut tx = self.begin().await.context("begin payment event")?;
        let first_time = sqlx::query(
            "INSERT INTO processed_events (event_id, event_type, processed_at) VALUES ($1, $2, $3) \
             ON CONFLICT (event_id) DO NOTHING",
        )
        .bind(&event.id)
        .bind(&event.event_type)
        .bind(self.now_ms())
        .execute(&mut *tx)
        .await
        .context("record event")?
        .rows_affected()
            == 1;
        if !first_time {
            tx.rollback().await.ok();
            return Ok(EventOutcome::Duplicate);
        }
        let found = match &event.subject {
            EventSubject::Session(facts) => {
                match find_order(&mut tx, "session_id", &facts.session_id).await? {
                    Some(found) => match check_binding(&found.created, facts, livemode) {
                        Ok(()) => Some(found),
                        Err(mismatch) => {
                            let outcome =
                                record_problem(&mut tx, event, Some(&found), &mismatch, self.now_ms()).await?;
                            tx.commit().await.context("commit mismatched event")?;
                            return Ok(outcome);
                        }
                    },
                    // Not a session popshop created. If it names one of our
                    // orders, someone else's checkout tried to pay it.
                    None => match &facts.claimed_order {
                        Some(claimed) => match find_order(&mut tx, "id", claimed).await? {
                            Some(named) => {
                                let mismatch = Mismatch::ForeignSession { session_id: facts.session_id.clone() };
                                let outcome =
                                    record_problem(&mut tx, event, Some(&named), &mismatch, self.now_ms()).await?;
                                tx.commit().await.context("commit foreign event")?;
                                return Ok(outcome);
                            }
                            None => None,
                        },
                        None => None,
                    },
                }
            }
            EventSubject::PaymentIntent(pi) => find_order(&mut tx, "payment_intent", pi).await?,
            EventSubject::Order(id) => find_order(&mut tx, "id", id).await?,
        };
        let Some(found) = found else {
            tx.commit().await.context("commit unmatched event")?;
            return Ok(EventOutcome::NoOrder);
        };
        let order_id = found.created.order_id;
        let new_status = apply(&mut tx, event, &order_id, found.status, self.now_ms()).await?;
        tx.commit().await.context("commit payment event")?;
        if new_status.is_some() {
            self.committed(&found.drop_id);
        }
        Ok(match new_status {
            Some(status) => EventOutcome::Changed { drop_id: found.drop_id, order_id, status },
            None => EventOutcome::Unchanged,
        })
    }

    /// Records that the provider refused to open a checkout for `order_id`
    /// (a 4xx: the shop's settings or account), for the artist to see.
    pub async fn record_checkout_refusal(&self, drop_id: &str, order_id: &str, why: &str) -> anyhow::Result<()> {
        let reason = format!("Stripe refused to open a checkout, so a fan could not pay: “{why}”");
        self.record_note(drop_id, order_id, &format!("popshop-checkout-refused-{order_id}"), &reason).await
    }

    /// Records (once per order) that the provider refused a refund popshop
    /// owes, for the artist to settle in Stripe's dashboard.
    pub async fn record_refund_refusal(&self, drop_id: &str, order_id: &str, why: &str) -> anyhow::Result<()> {
        let reason = format!(
            "A refund popshop owes a fan (their payment came after the shirts were gone) was refused by Stripe: \
             “{why}”. Refund it in Stripe's dashboard."
        );
        self.record_note(drop_id, order_id, &format!("popshop-refund-refused-{order_id}"), &reason).await
    }

    /// A note for the artist under *Needs your attention*, once per `key`.
    async fn record_note(&self, drop_id: &str, order_id: &str, key: &str, reason: &str) -> anyhow::Result<()> {
        let reason: String = reason.chars().take(500).collect();
        let _gate = self.write_gate().await;
        sqlx::query(
            "INSERT INTO payment_problems (id, event_id, drop_id, order_id, reason, created_at) \
             SELECT $1, $2, $3, $4, $5, $6 WHERE NOT EXISTS (SELECT 1 FROM payment_problems WHERE event_id = $2)",
        )
        .bind(new_id())
        .bind(key)
        .bind(drop_id)
        .bind(order_id)
        .bind(reason)
        .bind(self.now_ms())
        .execute(&self.pool)
        .await
        .context("record a note for the artist")?;
        Ok(())
    }

    /// Payments that did not match their order, newest first.
    pub async fn payment_problems(&self, drop_id: &str, limit: i64) -> anyhow::Result<Vec<PaymentProblem>> {
        sqlx::query_as(
            "SELECT event_id, order_id, session_id, reason, created_at FROM payment_problems WHERE drop_id = $1 \
             ORDER BY created_at DESC, id DESC LIMIT $2",
        )
        .bind(drop_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await
        .context("select payment problems")
    }
}

row! {
    struct FoundRow {
        id: OrderId,
        drop_id: DropId,
        status: String,
        session_id: Option<String>,
        amount: i64,
        currency: String,
        tax_mode: String,
    }
}

/// The order whose `column` (`id`, `session_id` or `payment_intent`) is `value`.
async fn find_order(tx: &mut Transaction<'_, Any>, column: &str, value: &str) -> anyhow::Result<Option<FoundOrder>> {
    debug_assert!(matches!(column, "id" | "session_id" | "payment_intent"));
    let sql =
        format!("SELECT id, drop_id, status, session_id, amount, currency, tax_mode FROM orders WHERE {column} = $1");
    let row: Option<FoundRow> =
        sqlx::query_as(&sql).bind(value).fetch_optional(&mut **tx).await.context("find order for event")?;
    Ok(row.map(|r| FoundOrder {
        created: CreatedCheckout {
            order_id: r.id,
            session_id: r.session_id,
            amount: Money::from_minor(r.amount, Currency::parse(&r.currency).unwrap_or(Currency::Usd)),
            tax: crate::domain::TaxMode::parse(&r.tax_mode),
        },
        drop_id: r.drop_id,
        status: OrderStatus::parse(&r.status),
    }))
}

async fn record_problem(
    tx: &mut Transaction<'_, Any>,
    event: &PaymentEvent,
    order: Option<&FoundOrder>,
    mismatch: &Mismatch,
    now: i64,
) -> anyhow::Result<EventOutcome> {
    let (session_id, amount, currency) = match &event.subject {
        EventSubject::Session(f) => (Some(f.session_id.as_str()), f.amount_total, f.currency.as_deref()),
        _ => (None, None, None),
    };
    // Money taken on popshop's own checkout, but not what the order says:
    // it goes back to the fan.
    let paid = matches!(event.kind, PaymentEventKind::Completed { paid: true } | PaymentEventKind::AsyncSucceeded);
    let refund = match (mismatch, order, &event.buyer.payment_intent) {
        (Mismatch::Amount { .. } | Mismatch::Currency { .. }, Some(found), Some(payment)) if paid => {
            Some((found.created.order_id.clone(), payment.clone()))
        }
        _ => None,
    };
    let mut reason = mismatch.describe();
    if refund.is_some() {
        reason.push_str(" popshop refunds that payment to the fan automatically.");
    }
    let drop_id = order.map(|o| o.drop_id.clone());
    sqlx::query(
        "INSERT INTO payment_problems (id, event_id, drop_id, order_id, session_id, amount, currency, reason, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(new_id())
    .bind(&event.id)
    .bind(drop_id.as_deref())
    .bind(order.map(|o| o.created.order_id.as_str()))
    .bind(session_id)
    .bind(amount)
    .bind(currency)
    .bind(&reason)
    .bind(now)
    .execute(&mut **tx)
    .await
    .context("record payment problem")?;
    tracing::warn!(event = %event.id, ?mismatch, "payment event does not match the checkout popshop created; not counted");
    Ok(EventOutcome::Mismatch { drop_id, reason, refund })
}

/// The transition for this event from `status`, or `None` when there is none.
async fn apply(
    tx: &mut Transaction<'_, Any>,
    event: &PaymentEvent,
    order_id: &str,
    status: OrderStatus,
    now: i64,
) -> anyhow::Result<Option<OrderStatus>> {
    use OrderStatus as S;
    use PaymentEventKind as K;
    match (&event.kind, status) {
        (K::Completed { paid: true } | K::AsyncSucceeded, S::Pending | S::Processing) => {
            Store::store_buyer(tx, order_id, &event.buyer).await?;
            store_tax(tx, order_id, event).await?;
            // Read without a lock: on PostgreSQL a release may have committed
            // since, and then the payment is a late one.
            let paid = match mark_paid(tx, order_id, true, now).await? {
                Some(status) => Some(status),
                None => mark_paid(tx, order_id, false, now).await?,
            };
            confirm_paid(tx, order_id, paid, now).await
        }
        // Paid after its stock was released (late webhook): count it again if
        // stock allows, else it must be refunded, never oversold.
        (K::Completed { paid: true } | K::AsyncSucceeded, S::Expired | S::Cancelled | S::Failed) => {
            Store::store_buyer(tx, order_id, &event.buyer).await?;
            store_tax(tx, order_id, event).await?;
            let paid = mark_paid(tx, order_id, false, now).await?;
            confirm_paid(tx, order_id, paid, now).await
        }
        (K::Completed { paid: false }, S::Pending) => {
            Store::store_buyer(tx, order_id, &event.buyer).await?;
            store_tax(tx, order_id, event).await?;
            let moved = sqlx::query(
                "UPDATE orders SET status = 'processing', updated_at = $1 WHERE id = $2 AND status = 'pending'",
            )
            .bind(now)
            .bind(order_id)
            .execute(&mut **tx)
            .await
            .context("mark processing")?;
            Ok((moved.rows_affected() == 1).then_some(S::Processing))
        }
        (K::AsyncFailed, S::Pending | S::Processing) => {
            Ok(release_in(tx, order_id, S::Failed, now).await?.map(|_| S::Failed))
        }
        (K::Expired, S::Pending | S::Processing) => {
            Ok(release_in(tx, order_id, S::Expired, now).await?.map(|_| S::Expired))
        }
        (K::Refunded { fully: true }, S::Paid | S::RefundDue) => {
            let refunded = mark_refunded(tx, order_id, now).await?;
            if refunded == Some(S::Refunded) {
                super::outbox::to_fan(tx, super::outbox::ORDER_REFUNDED, order_id, now).await?;
            }
            Ok(refunded)
        }
        // A dispute on money already going back: nothing to count, but
        // evidence may still be due.
        (K::Disputed, S::Refunded | S::RefundDue) => {
            super::outbox::about_dispute(tx, super::outbox::DISPUTE_OPENED, order_id, now).await?;
            Ok(None)
        }
        // Stripe refunded a disputed charge (an inquiry settled by refund):
        // its money was out of the revenue already; its shirts go back.
        (K::Refunded { fully: true }, S::Disputed) => {
            let moved: Option<(String, i64)> = sqlx::query_as(
                "UPDATE orders SET status = 'refunded', updated_at = $1 WHERE id = $2 AND status = 'disputed' \
                 RETURNING drop_id, quantity",
            )
            .bind(now)
            .bind(order_id)
            .fetch_optional(&mut **tx)
            .await
            .context("mark disputed order refunded")?;
            let Some((drop_id, quantity)) = moved else { return Ok(None) };
            sqlx::query(&format!(
                "UPDATE drops SET sold = sold - $1, version = version + 1 WHERE id = $2{}",
                returning_announce(backend_of(tx))
            ))
            .bind(quantity)
            .bind(&drop_id)
            .execute(&mut **tx)
            .await
            .context("uncount refunded disputed order")?;
            super::products::move_lines(tx, order_id, &drop_id, super::products::Move::Unsold).await?;
            Ok(Some(S::Refunded))
        }
        // Closed as lost before its opening arrived (events come in any
        // order): the money is gone all the same.
        (K::DisputeClosed { won: false }, S::Paid) => {
            let moved = move_disputed(tx, order_id, S::Paid, S::DisputeLost, now).await?;
            if moved.is_some() {
                super::outbox::about_dispute(tx, super::outbox::DISPUTE_CLOSED, order_id, now).await?;
            }
            Ok(moved)
        }
        (K::Disputed, S::Paid) => {
            let moved = move_disputed(tx, order_id, S::Paid, S::Disputed, now).await?;
            if moved.is_some() {
                super::outbox::about_dispute(tx, super::outbox::DISPUTE_OPENED, order_id, now).await?;
            }
            Ok(moved)
        }
        (K::DisputeClosed { won }, S::Disputed) => {
            let to = if *won { S::Paid } else { S::DisputeLost };
            let moved = move_disputed(tx, order_id, S::Disputed, to, now).await?;
            if moved.is_some() {
                super::outbox::about_dispute(tx, super::outbox::DISPUTE_CLOSED, order_id, now).await?;
            }
            Ok(moved)
        }
        _ => Ok(None),
    }
}

/// paid → disputed takes the order's money out of the drop's revenue (its
/// shirts stay sold: they left the stock, and may be on their way);
/// disputed → paid (won) puts it back; disputed → dispute_lost leaves it out.
async fn move_disputed(
    tx: &mut Transaction<'_, Any>,
    order_id: &str,
    from: OrderStatus,
    to: OrderStatus,
    now: i64,
) -> anyhow::Result<Option<OrderStatus>> {
    let moved: Option<(String, i64)> = sqlx::query_as(
        "UPDATE orders SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4 \
         RETURNING drop_id, amount - shipping_minor - included_tax_minor",
    )
    .bind(to.as_str())
    .bind(now)
    .bind(order_id)
    .bind(from.as_str())
    .fetch_optional(&mut **tx)
    .await
    .context("move a disputed order")?;
    let Some((drop_id, amount)) = moved else { return Ok(None) };
    let change = match (from, to) {
        (OrderStatus::Paid, _) => -amount,
        (_, OrderStatus::Paid) => amount,
        _ => 0,
    };
    if change != 0 {
        sqlx::query(&format!(
            "UPDATE drops SET revenue_minor = revenue_minor + $1, version = version + 1 WHERE id = $2{}",
            returning_announce(backend_of(tx))
        ))
        .bind(change)
        .bind(&drop_id)
        .execute(&mut **tx)
        .await
        .context("count a disputed order's money")?;
    }
    Ok(Some(to))
}

/// An order that became paid gets its confirmation mail, and the artist's
/// milestones it reached, queued in the same transaction (one that must be
/// refunded gets none).
async fn confirm_paid(
    tx: &mut Transaction<'_, Any>,
    order_id: &str,
    status: Option<OrderStatus>,
    now: i64,
) -> anyhow::Result<Option<OrderStatus>> {
    if status == Some(OrderStatus::Paid) {
        super::outbox::to_fan(tx, super::outbox::ORDER_PAID, order_id, now).await?;
        super::outbox::after_sale(tx, order_id, now).await?;
    }
    Ok(status)
}

/// The tax Stripe worked out for the session (its `total_details`), and
/// the part of an included tax that falls on the shirts (the tax's share of
/// the amount that is not postage): the artist's revenue leaves it out.
async fn store_tax(tx: &mut Transaction<'_, Any>, order_id: &str, event: &PaymentEvent) -> anyhow::Result<()> {
    let EventSubject::Session(facts) = &event.subject else { return Ok(()) };
    let Some(tax) = facts.amount_tax.filter(|t| *t > 0) else { return Ok(()) };
    sqlx::query(
        "UPDATE orders SET tax_minor = $1, included_tax_minor = CASE WHEN tax_mode = 'inclusive' AND amount > 0 \
         THEN ($1 * (amount - shipping_minor)) / amount ELSE 0 END WHERE id = $2",
    )
    .bind(tax)
    .bind(order_id)
    .execute(&mut **tx)
    .await
    .context("store the order's tax")?;
    Ok(())
}

/// pending/processing (`held`: its stock is reserved) or released → paid.
async fn mark_paid(
    tx: &mut Transaction<'_, Any>,
    order_id: &str,
    held: bool,
    now: i64,
) -> anyhow::Result<Option<OrderStatus>> {
    let from = if held { "('pending', 'processing')" } else { "('expired', 'cancelled', 'failed')" };
    let sql = format!(
        "UPDATE orders SET status = 'paid', paid_at = $1, updated_at = $1 WHERE id = $2 AND status IN {from} \
         RETURNING drop_id, quantity, amount - shipping_minor - included_tax_minor, client_key"
    );
    let row: Option<(String, i64, i64, Option<String>)> =
        sqlx::query_as(&sql).bind(now).bind(order_id).fetch_optional(&mut **tx).await.context("mark order paid")?;
    let Some((drop_id, quantity, amount, client_key)) = row else { return Ok(None) };
    // The client's holds are unlocked last, after the drop and its
    // products, in the order a reservation locks them (see `release_in`).
    // A drop an operator took down sells nothing more: its payments are
    // refunded (issue 24), a held one giving its units back.
    if super::moderation::is_taken_down(tx, &drop_id).await? {
        if held {
            sqlx::query(&format!(
                "UPDATE drops SET reserved = reserved - $1, version = version + 1 WHERE id = $2{}",
                super::changes::returning_announce(backend_of(tx))
            ))
            .bind(quantity)
            .bind(&drop_id)
            .execute(&mut **tx)
            .await
            .context("release a taken-down drop's hold")?;
            super::products::move_lines(tx, order_id, &drop_id, super::products::Move::Released).await?;
            super::orders::hold_ended(tx, &drop_id, client_key.as_deref(), quantity).await?;
        }
        sqlx::query("UPDATE orders SET status = 'refund_due', updated_at = $1 WHERE id = $2")
            .bind(now)
            .bind(order_id)
            .execute(&mut **tx)
            .await
            .context("mark refund due (taken down)")?;
        return Ok(Some(OrderStatus::RefundDue));
    }
    let announce = and_announce(backend_of(tx));
    // A late payment counts only while each of its products has room (on
    // PostgreSQL two at once may both see room: the products' CHECK then
    // fails one transaction, and its event is taken again).
    let fits = held || super::products::lines_fit(tx, order_id, &drop_id).await?;
    let counted: Option<(i64,)> = if !fits {
        None
    } else if held {
        sqlx::query_as(&format!(
            "UPDATE drops SET sold = sold + $1, reserved = reserved - $1, revenue_minor = revenue_minor + $2, \
             paid_orders = paid_orders + 1, version = version + 1 WHERE id = $3 RETURNING paid_orders{announce}",
        ))
        .bind(quantity)
        .bind(amount)
        .bind(&drop_id)
        .fetch_optional(&mut **tx)
        .await
        .context("count paid order")?
    } else {
        sqlx::query_as(&format!(
            "UPDATE drops SET sold = sold + $1, revenue_minor = revenue_minor + $2, paid_orders = paid_orders + 1, \
             version = version + 1 WHERE id = $3 AND (stock IS NULL OR sold + reserved + $1 <= stock) \
             RETURNING paid_orders{announce}",
        ))
        .bind(quantity)
        .bind(amount)
        .bind(&drop_id)
        .fetch_optional(&mut **tx)
        .await
        .context("count late paid order")?
    };
    if counted.is_some() {
        let how = if held { super::products::Move::PaidFromHold } else { super::products::Move::PaidLate };
        super::products::move_lines(tx, order_id, &drop_id, how).await?;
    }
    if held {
        super::orders::hold_ended(tx, &drop_id, client_key.as_deref(), quantity).await?;
    }
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
async fn mark_refunded(tx: &mut Transaction<'_, Any>, order_id: &str, now: i64) -> anyhow::Result<Option<OrderStatus>> {
    let paid: Option<(String, i64, i64)> = sqlx::query_as(
        "UPDATE orders SET status = 'refunded', updated_at = $1 WHERE id = $2 AND status = 'paid' \
         RETURNING drop_id, quantity, amount - shipping_minor - included_tax_minor",
    )
    .bind(now)
    .bind(order_id)
    .fetch_optional(&mut **tx)
    .await
    .context("mark paid order refunded")?;
    if let Some((drop_id, quantity, amount)) = paid {
        sqlx::query(&format!(
            "UPDATE drops SET sold = sold - $1, revenue_minor = revenue_minor - $2, version = version + 1 WHERE id = $3{}",
            returning_announce(backend_of(tx))
        ))
        .bind(quantity)
        .bind(amount)
        .bind(&drop_id)
        .execute(&mut **tx)
        .await
        .context("uncount refunded order")?;
        super::products::move_lines(tx, order_id, &drop_id, super::products::Move::Unsold).await?;
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
