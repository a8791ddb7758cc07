//! Orders placed with Printful (issue 16, part 3). The paid order itself is
//! the durable record: a drop launched with Printful on has each of its paid
//! orders still waiting picked up once the cooling-off has passed, claimed
//! with a lease (`print_jobs.next_attempt_at`, as the mail outbox does), and
//! moved by conditional updates: placed → in production (with Printful's
//! cost), refused → printer refused (with the reason), shipped by Printful's
//! event → shipped (and the fan's mail, once). Every webhook event is taken
//! once (`printer_events`, by the digest of its body) in the transaction
//! that applies it.

use super::changes::backend_of;
use super::fulfilment::Shipment;
use super::orders::{ORDER_COLUMNS, OrderRow};
use super::{Backend, Store};
use crate::domain::{Fulfilment, Money, Order, OrderId};
use anyhow::Context;
use sqlx::{Any, Transaction};

/// An order claimed for Printful.
#[derive(Debug, Clone)]
pub struct PrintJob {
    pub order: Order,
    /// Tries so far, this one included.
    pub attempts: i64,
    /// Printful's order id, once created ('' before).
    pub printful_id: String,
}

/// What an order cost at the printer, for the artist's drop page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintCost {
    pub order_id: OrderId,
    /// The order's number among the drop's paid orders.
    pub number: Option<i64>,
    /// What the artist keeps of the order before the printer: the fan's
    /// payment less popshop's fee (Stripe's own fee aside).
    pub kept: Money,
    /// `None` while Printful has not worked it out (or charged in another
    /// currency than the drop's).
    pub cost: Option<Money>,
    pub state: String,
    pub last_error: String,
}

row! {
    struct CostRow {
        order_id: OrderId,
        number: Option<i64>,
        cost: Option<i64>,
        cost_currency: String,
        state: String,
        last_error: String,
        amount: i64,
        application_fee: i64,
        currency: String,
    }
}

/// What a Printful event did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrinterOutcome {
    Applied,
    /// This very event was taken before.
    Replayed,
    /// The order is not popshop's, or not in a state the event moves.
    Ignored,
}

impl Store {
    /// Claims up to `limit` orders due at Printful: paid, of a Printful
    /// drop, still waiting, paid before `paid_before`, and not leased by
    /// another sender. Each claim holds for `lease_ms`.
    pub async fn claim_print_jobs(&self, paid_before: i64, limit: i64, lease_ms: i64) -> anyhow::Result<Vec<PrintJob>> {
        let now = self.now_ms();
        let _gate = self.write_gate().await;
        let mut tx = self.begin().await.context("begin print claim")?;
        let skip_locked = match backend_of(&tx) {
            Backend::Postgres => " FOR UPDATE OF o SKIP LOCKED",
            Backend::Sqlite => "",
        };
        let due: Vec<(String,)> = sqlx::query_as(&format!(
            "SELECT o.id FROM orders o JOIN drops d ON d.id = o.drop_id LEFT JOIN print_jobs p ON p.order_id = o.id \
             WHERE d.printer = 'printful' AND o.status = 'paid' AND o.fulfilment = '' AND o.paid_at <= $1 \
             AND (p.order_id IS NULL OR (p.state = 'trying' AND p.next_attempt_at <= $2)) \
             ORDER BY o.paid_at, o.id LIMIT $3{skip_locked}"
        ))
        .bind(paid_before)
        .bind(now)
        .bind(limit)
        .fetch_all(&mut *tx)
        .await
        .context("orders due at the printer")?;
        let mut claimed = Vec::new();
        for (order_id,) in due {
            let row: Option<(i64, String)> = sqlx::query_as(
                "INSERT INTO print_jobs (order_id, state, attempts, next_attempt_at, created_at, updated_at) \
                 VALUES ($1, 'trying', 1, $2, $3, $3) ON CONFLICT (order_id) DO UPDATE \
                 SET attempts = print_jobs.attempts + 1, next_attempt_at = excluded.next_attempt_at, \
                 updated_at = excluded.updated_at \
                 WHERE print_jobs.state = 'trying' AND print_jobs.next_attempt_at <= $3 \
                 RETURNING attempts, printful_id",
            )
            .bind(&order_id)
            .bind(now + lease_ms)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await
            .context("claim print job")?;
            if let Some((attempts, printful_id)) = row {
                claimed.push((order_id, attempts, printful_id));
            }
        }
        let mut jobs = Vec::with_capacity(claimed.len());
        for (order_id, attempts, printful_id) in claimed {
            let row: OrderRow = sqlx::query_as(&format!("SELECT {ORDER_COLUMNS} FROM orders WHERE id = $1"))
                .bind(&order_id)
                .fetch_one(&mut *tx)
                .await
                .context("read claimed order")?;
            jobs.push(PrintJob { order: Order::from(row), attempts, printful_id });
        }
        tx.commit().await.context("commit print claim")?;
        let mut orders: Vec<Order> = jobs.iter().map(|j| j.order.clone()).collect();
        self.attach_lines(&mut orders).await?;
        for (job, order) in jobs.iter_mut().zip(orders) {
            job.order = order;
        }
        Ok(jobs)
    }

    /// Not now: try again at `retry_at` (unix ms), saying why.
    pub async fn print_job_retry(&self, order_id: &str, retry_at: i64, error: &str) -> anyhow::Result<()> {
        sqlx::query(
            "UPDATE print_jobs SET next_attempt_at = $1, last_error = $2, updated_at = $3 \
             WHERE order_id = $4 AND state = 'trying'",
        )
        .bind(retry_at)
        .bind(error)
        .bind(self.now_ms())
        .bind(order_id)
        .execute(&self.pool)
        .await
        .context("postpone print job")?;
        Ok(())
    }

    /// Printful confirmed the order: it is in production, at `cost`.
    pub async fn print_job_sent(
        &self,
        order_id: &str,
        printful_id: &str,
        cost: Option<(i64, String)>,
    ) -> anyhow::Result<bool> {
        let now = self.now_ms();
        let _gate = self.write_gate().await;
        let mut tx = self.begin().await.context("begin print sent")?;
        let (cost, currency) = cost.map_or((None, String::new()), |(c, cur)| (Some(c), cur));
        sqlx::query(
            "UPDATE print_jobs SET state = 'sent', printful_id = $1, cost = $2, cost_currency = $3, last_error = '', \
             updated_at = $4 WHERE order_id = $5",
        )
        .bind(printful_id)
        .bind(cost)
        .bind(&currency)
        .bind(now)
        .bind(order_id)
        .execute(&mut *tx)
        .await
        .context("print job sent")?;
        let moved =
            move_order(&mut tx, order_id, Fulfilment::Waiting, Fulfilment::InProduction, "produced_at", now).await?;
        self.finish(tx, moved).await
    }

    /// Printful refused the order (or failed or cancelled it later): the
    /// order shows the reason to the artist and goes no further.
    pub async fn print_job_refused(&self, order_id: &str, reason: &str) -> anyhow::Result<bool> {
        let now = self.now_ms();
        let _gate = self.write_gate().await;
        let mut tx = self.begin().await.context("begin print refused")?;
        let moved = refuse_in(&mut tx, order_id, reason, now).await?;
        self.finish(tx, moved).await
    }

    /// Applies a Printful event (its body's `digest`) to `order_id`: taken
    /// once, in one transaction with its effect. `shipment` ships an order
    /// in production (mailing the fan); `refused` moves it to printer
    /// refused; `delivered` marks a shipped order delivered.
    pub async fn printer_event(
        &self,
        digest: &str,
        order_id: &str,
        effect: PrinterEffect<'_>,
    ) -> anyhow::Result<PrinterOutcome> {
        let now = self.now_ms();
        let _gate = self.write_gate().await;
        let mut tx = self.begin().await.context("begin printer event")?;
        let fresh = sqlx::query(
            "INSERT INTO printer_events (digest, received_at) VALUES ($1, $2) ON CONFLICT (digest) DO NOTHING",
        )
        .bind(digest)
        .bind(now)
        .execute(&mut *tx)
        .await
        .context("take printer event")?;
        if fresh.rows_affected() == 0 {
            tx.rollback().await.ok();
            return Ok(PrinterOutcome::Replayed);
        }
        let moved = match effect {
            PrinterEffect::Shipped(shipment) => {
                super::fulfilment::ship_in(&mut tx, None, order_id, shipment, now).await?
            }
            PrinterEffect::Refused(reason) => refuse_in(&mut tx, order_id, reason, now).await?,
            PrinterEffect::Delivered => {
                move_order(&mut tx, order_id, Fulfilment::Shipped, Fulfilment::Delivered, "delivered_at", now).await?
            }
        };
        let applied = moved.is_some();
        // The event is remembered either way: a replay of one that did
        // nothing must not do something later.
        self.finish(tx, moved).await?;
        Ok(if applied { PrinterOutcome::Applied } else { PrinterOutcome::Ignored })
    }

    /// Whether an event with this digest was taken already.
    pub async fn printer_event_seen(&self, digest: &str) -> anyhow::Result<bool> {
        let row: Option<(String,)> = sqlx::query_as("SELECT digest FROM printer_events WHERE digest = $1")
            .bind(digest)
            .fetch_optional(&self.pool)
            .await
            .context("printer event seen")?;
        Ok(row.is_some())
    }

    /// A drop's orders at the printer: each one's cost and state.
    pub async fn print_costs(&self, drop_id: &str) -> anyhow::Result<Vec<PrintCost>> {
        let rows: Vec<CostRow> = sqlx::query_as(
            "SELECT p.order_id, o.number, p.cost, p.cost_currency, p.state, p.last_error, o.amount, \
             o.application_fee, o.currency FROM print_jobs p \
             JOIN orders o ON o.id = p.order_id WHERE o.drop_id = $1 ORDER BY o.paid_at, o.id",
        )
        .bind(drop_id)
        .fetch_all(&self.pool)
        .await
        .context("print costs")?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let currency = crate::domain::Currency::parse(&r.currency).unwrap_or(crate::domain::Currency::Usd);
                PrintCost {
                    order_id: r.order_id,
                    number: r.number,
                    kept: Money::from_minor(r.amount - r.application_fee, currency),
                    cost: r
                        .cost
                        .zip(crate::domain::Currency::parse(&r.cost_currency))
                        .map(|(c, cur)| Money::from_minor(c, cur)),
                    state: r.state,
                    last_error: r.last_error,
                }
            })
            .collect())
    }

    /// Commits a move of `drop` (if any): its version goes up and it is announced.
    async fn finish(&self, mut tx: Transaction<'_, Any>, drop: Option<String>) -> anyhow::Result<bool> {
        let moved: std::collections::BTreeSet<String> = drop.iter().cloned().collect();
        super::fulfilment::announce(&mut tx, &moved).await?;
        tx.commit().await.context("commit printer move")?;
        if let Some(drop) = &drop {
            self.committed(drop);
        }
        Ok(drop.is_some())
    }
}

/// What a Printful event does to its order.
#[derive(Debug, Clone, Copy)]
pub enum PrinterEffect<'a> {
    Shipped(&'a Shipment),
    Refused(&'a str),
    Delivered,
}

/// `from` → `to` for a paid order, stamping `stamp` (a column) with `now`;
/// the order's drop when it moved.
async fn move_order(
    tx: &mut Transaction<'_, Any>,
    order_id: &str,
    from: Fulfilment,
    to: Fulfilment,
    stamp: &'static str,
    now: i64,
) -> anyhow::Result<Option<String>> {
    let moved: Option<(String,)> = sqlx::query_as(&format!(
        "UPDATE orders SET fulfilment = $1, {stamp} = $2, fulfilment_at = $2 \
         WHERE id = $3 AND status = 'paid' AND fulfilment = $4 RETURNING drop_id"
    ))
    .bind(to.as_str())
    .bind(now)
    .bind(order_id)
    .bind(from.as_str())
    .fetch_optional(&mut **tx)
    .await
    .with_context(|| format!("order {} → {}", from.key(), to.key()))?;
    Ok(moved.map(|(d,)| d))
}

/// Waiting or in production → printer refused, with the reason; the job
/// stops. The order's drop when it moved.
async fn refuse_in(
    tx: &mut Transaction<'_, Any>,
    order_id: &str,
    reason: &str,
    now: i64,
) -> anyhow::Result<Option<String>> {
    let reason: String = reason.chars().take(500).collect();
    sqlx::query(
        "UPDATE print_jobs SET state = 'refused', last_error = $1, updated_at = $2 WHERE order_id = $3 AND state <> 'refused'",
    )
    .bind(&reason)
    .bind(now)
    .bind(order_id)
    .execute(&mut **tx)
    .await
    .context("print job refused")?;
    let moved: Option<(String,)> = sqlx::query_as(
        "UPDATE orders SET fulfilment = 'printer_refused', fulfilment_note = $1, fulfilment_at = $2 \
         WHERE id = $3 AND status = 'paid' AND fulfilment IN ('', 'in_production') RETURNING drop_id",
    )
    .bind(&reason)
    .bind(now)
    .bind(order_id)
    .fetch_optional(&mut **tx)
    .await
    .context("order refused by the printer")?;
    Ok(moved.map(|(d,)| d))
}
