//! A paid order's way after payment (issue 16): sent to the printer,
//! shipped with a tracking number, delivered. Each move is one conditional
//! update from the state it expects; shipping writes the fan's "on its way"
//! mail in the same transaction (once per order, whatever is replayed), and
//! every move announces the drop, as sales do.

use super::changes::{backend_of, returning_announce};
use super::orders::ORDER_COLUMNS;
use super::{Store, outbox};
use crate::domain::{Carrier, Fulfilment, Order, OrderId, TrackingNumber};
use anyhow::Context;
use sqlx::{Any, Transaction};
use std::collections::{BTreeSet, HashMap};

/// Where shirts went: the carrier, its number and the tracking page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shipment {
    pub carrier: Carrier,
    pub number: TrackingNumber,
    /// The printer's own link, else the carrier's page for the number.
    pub url: Option<String>,
}

impl Shipment {
    /// The tracking page: the given link, else the carrier's.
    pub fn tracking_url(&self) -> String {
        self.url.clone().or_else(|| self.carrier.tracking_url(self.number.as_str())).unwrap_or_default()
    }
}

/// One line of a printer's tracking CSV, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShipLine {
    /// The line number in the file (the header is line 1).
    pub line: usize,
    /// The order's reference (`74B4F7CF`), as the export carries it.
    pub reference: String,
    pub shipment: Shipment,
}

/// Why a line of the CSV was not taken (nothing is, then).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineProblem {
    UnknownOrder,
    /// The order is not in production (waiting, or refused).
    NotInProduction,
    /// Shipped already with another number.
    ShippedElsewhere,
    /// The same order twice in the file.
    Duplicate,
    /// Two of the artist's orders share this reference: the line must give
    /// the order's full id.
    Ambiguous,
}

/// What applying a tracking CSV did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Shipped {
    /// Orders now shipped (their fans are mailed).
    pub shipped: usize,
    /// Lines for orders shipped already with that very number (a file sent twice).
    pub again: usize,
}

impl Store {
    /// Sends `account_id`'s paid orders waiting to be made to the printer:
    /// `only` those (of any of the artist's drops), or all of `drop_id`'s.
    /// Returns the orders moved.
    #[tracing::instrument(skip(self, only))]
    pub async fn start_production(
        &self,
        account_id: &str,
        drop_id: Option<&str>,
        only: Option<&[OrderId]>,
    ) -> anyhow::Result<Vec<OrderId>> {
        let now = self.now_ms();
        let _gate = self.write_gate().await;
        let mut tx = self.begin().await.context("begin production")?;
        let candidates: Vec<(OrderId, String)> = sqlx::query_as(
            "SELECT o.id, o.drop_id FROM orders o JOIN drops d ON d.id = o.drop_id \
             WHERE d.account_id = $1 AND ($2 = '' OR o.drop_id = $2) AND o.status = 'paid' AND o.fulfilment = '' \
             ORDER BY o.paid_at, o.id",
        )
        .bind(account_id)
        .bind(drop_id.unwrap_or(""))
        .fetch_all(&mut *tx)
        .await
        .context("orders waiting for the printer")?;
        let wanted: Option<BTreeSet<&str>> = only.map(|ids| ids.iter().map(|id| id.as_str()).collect());
        let mut moved = Vec::new();
        let mut drops = BTreeSet::new();
        for (id, drop) in candidates {
            if wanted.as_ref().is_some_and(|w| !w.contains(id.as_str())) {
                continue;
            }
            let done = sqlx::query(
                "UPDATE orders SET fulfilment = 'in_production', produced_at = $1, fulfilment_at = $1 \
                 WHERE id = $2 AND status = 'paid' AND fulfilment = ''",
            )
            .bind(now)
            .bind(id.as_str())
            .execute(&mut *tx)
            .await
            .context("send to the printer")?;
            if done.rows_affected() == 1 {
                moved.push(id);
                drops.insert(drop);
            }
        }
        announce(&mut tx, &drops).await?;
        tx.commit().await.context("commit production")?;
        drops.iter().for_each(|d| self.committed(d));
        Ok(moved)
    }

    /// Ships one of `account_id`'s orders that is in production; `false`
    /// when it is not (another state, or not theirs). The fan's mail is
    /// written in the same transaction.
    #[tracing::instrument(skip(self, shipment))]
    pub async fn ship_order(&self, account_id: &str, order_id: &str, shipment: &Shipment) -> anyhow::Result<bool> {
        let now = self.now_ms();
        let _gate = self.write_gate().await;
        let mut tx = self.begin().await.context("begin shipping")?;
        let drop = ship_in(&mut tx, Some(account_id), order_id, shipment, now).await?;
        if let Some(drop) = &drop {
            announce(&mut tx, &BTreeSet::from([drop.clone()])).await?;
        }
        tx.commit().await.context("commit shipping")?;
        if let Some(drop) = &drop {
            self.committed(drop);
        }
        Ok(drop.is_some())
    }

    /// Applies a printer's tracking CSV for `account_id`: every line is
    /// checked first, and either every order is shipped (each fan mailed
    /// once) or, when any line is wrong, nothing changes and each wrong
    /// line is named.
    #[tracing::instrument(skip(self, lines), fields(lines = lines.len()))]
    pub async fn ship_lines(
        &self,
        account_id: &str,
        lines: &[ShipLine],
    ) -> anyhow::Result<Result<Shipped, Vec<(usize, LineProblem)>>> {
        let now = self.now_ms();
        let _gate = self.write_gate().await;
        let mut tx = self.begin().await.context("begin tracking upload")?;
        let sql = format!(
            "SELECT {} FROM orders o JOIN drops d ON d.id = o.drop_id WHERE d.account_id = $1 AND o.status = 'paid'",
            ORDER_COLUMNS.split(", ").map(|c| format!("o.{}", c.trim())).collect::<Vec<_>>().join(", ")
        );
        let rows: Vec<super::orders::OrderRow> =
            sqlx::query_as(&sql).bind(account_id).fetch_all(&mut *tx).await.context("orders to ship")?;
        // By reference (the id's first 8 characters, as the export has them)
        // and by full id: two of an artist's orders may share a reference
        // (one in 4 billion per pair); then only the full id names one.
        let all: Vec<Order> = self.with_lines(rows.into_iter().map(Order::from).collect()).await?;
        let mut orders: HashMap<String, Vec<&Order>> = HashMap::new();
        for order in &all {
            orders.entry(order.reference()).or_default().push(order);
            orders.entry(order.id.as_str().to_uppercase()).or_default().push(order);
        }
        let mut problems = Vec::new();
        let mut seen = BTreeSet::new();
        let mut to_ship = Vec::new();
        let mut again = 0;
        for line in lines {
            let key = line.reference.trim().to_uppercase();
            let order = match orders.get(&key).map(Vec::as_slice) {
                Some([order]) => *order,
                Some(_) => {
                    problems.push((line.line, LineProblem::Ambiguous));
                    continue;
                }
                None => {
                    problems.push((line.line, LineProblem::UnknownOrder));
                    continue;
                }
            };
            if !seen.insert(order.id.clone()) {
                problems.push((line.line, LineProblem::Duplicate));
                continue;
            }
            match order.way.fulfilment {
                Fulfilment::InProduction => to_ship.push((order, &line.shipment)),
                Fulfilment::Shipped | Fulfilment::Delivered
                    if order.way.tracking_number == line.shipment.number.as_str() =>
                {
                    again += 1
                }
                Fulfilment::Shipped | Fulfilment::Delivered => {
                    problems.push((line.line, LineProblem::ShippedElsewhere))
                }
                _ => problems.push((line.line, LineProblem::NotInProduction)),
            }
        }
        if !problems.is_empty() {
            tx.rollback().await.ok();
            return Ok(Err(problems));
        }
        let mut drops = BTreeSet::new();
        for (order, shipment) in &to_ship {
            if let Some(drop) = ship_in(&mut tx, Some(account_id), order.id.as_str(), shipment, now).await? {
                drops.insert(drop);
            }
        }
        announce(&mut tx, &drops).await?;
        tx.commit().await.context("commit tracking upload")?;
        drops.iter().for_each(|d| self.committed(d));
        Ok(Ok(Shipped { shipped: to_ship.len(), again }))
    }

    /// Marks a shipped order of `account_id`'s delivered; `false` when it
    /// is not shipped (or not theirs).
    pub async fn mark_delivered(&self, account_id: &str, order_id: &str) -> anyhow::Result<bool> {
        self.move_fulfilment(account_id, order_id, Fulfilment::Shipped, Fulfilment::Delivered).await
    }

    /// Marks a shipped or delivered order of `account_id`'s returned (it
    /// may then be refunded); `false` when it is neither.
    pub async fn mark_returned(&self, account_id: &str, order_id: &str) -> anyhow::Result<bool> {
        for from in [Fulfilment::Shipped, Fulfilment::Delivered] {
            if self.move_fulfilment(account_id, order_id, from, Fulfilment::Returned).await? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// One move `from` → `to` of a paid order of `account_id`'s.
    async fn move_fulfilment(
        &self,
        account_id: &str,
        order_id: &str,
        from: Fulfilment,
        to: Fulfilment,
    ) -> anyhow::Result<bool> {
        let now = self.now_ms();
        let _gate = self.write_gate().await;
        let mut tx = self.begin().await.context("begin fulfilment move")?;
        let delivered = if to == Fulfilment::Delivered { "delivered_at = $1, " } else { "" };
        let moved: Option<(String,)> = sqlx::query_as(&format!(
            "UPDATE orders SET fulfilment = $2, {delivered}fulfilment_at = $1 WHERE id = $3 AND status = 'paid' \
             AND fulfilment = $4 AND drop_id IN (SELECT id FROM drops WHERE account_id = $5) RETURNING drop_id"
        ))
        .bind(now)
        .bind(to.as_str())
        .bind(order_id)
        .bind(from.as_str())
        .bind(account_id)
        .fetch_optional(&mut *tx)
        .await
        .context("move fulfilment")?;
        let Some((drop,)) = moved else {
            tx.rollback().await.ok();
            return Ok(false);
        };
        announce(&mut tx, &BTreeSet::from([drop.clone()])).await?;
        tx.commit().await.context("commit fulfilment move")?;
        self.committed(&drop);
        Ok(true)
    }

    /// Paid orders of a drop per fulfilment state.
    pub async fn fulfilment_counts(&self, drop_id: &str) -> anyhow::Result<Vec<(Fulfilment, i64)>> {
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT fulfilment, COUNT(*) FROM orders WHERE drop_id = $1 AND status = 'paid' GROUP BY fulfilment",
        )
        .bind(drop_id)
        .fetch_all(&self.pool)
        .await
        .context("count fulfilment")?;
        Ok(Fulfilment::ALL
            .into_iter()
            .map(|f| (f, rows.iter().find(|(s, _)| Fulfilment::parse(s) == f).map_or(0, |(_, n)| *n)))
            .collect())
    }

    /// `account_id`'s paid orders for the production queue, oldest paid
    /// first: of one drop or all, in one state or any.
    pub async fn production_orders(
        &self,
        account_id: &str,
        drop_id: Option<&str>,
        state: Option<Fulfilment>,
        limit: i64,
    ) -> anyhow::Result<Vec<Order>> {
        let columns = ORDER_COLUMNS.split(", ").map(|c| format!("o.{}", c.trim())).collect::<Vec<_>>().join(", ");
        let sql = format!(
            "SELECT {columns} FROM orders o JOIN drops d ON d.id = o.drop_id WHERE d.account_id = $1 \
             AND ($2 = '' OR o.drop_id = $2) AND o.status = 'paid' AND ($3 = '-' OR o.fulfilment = $3) \
             ORDER BY o.paid_at, o.id LIMIT $4"
        );
        let rows: Vec<super::orders::OrderRow> = sqlx::query_as(&sql)
            .bind(account_id)
            .bind(drop_id.unwrap_or(""))
            .bind(state.map_or("-", Fulfilment::as_str))
            .bind(limit)
            .fetch_all(&self.pool)
            .await
            .context("production queue")?;
        self.with_lines(rows.into_iter().map(Order::from).collect()).await
    }
}

/// In production → shipped, for one of `account_id`'s orders (any order
/// when `None`: the printer's own event), with the fan's mail; the order's
/// drop when it moved.
pub(super) async fn ship_in(
    tx: &mut Transaction<'_, Any>,
    account_id: Option<&str>,
    order_id: &str,
    shipment: &Shipment,
    now: i64,
) -> anyhow::Result<Option<String>> {
    let moved: Option<(String,)> = sqlx::query_as(
        "UPDATE orders SET fulfilment = 'shipped', shipped_at = $1, fulfilment_at = $1, carrier = $2, \
         tracking_number = $3, tracking_url = $4 WHERE id = $5 AND status = 'paid' AND fulfilment = 'in_production' \
         AND ($6 = '' OR drop_id IN (SELECT id FROM drops WHERE account_id = $6)) RETURNING drop_id",
    )
    .bind(now)
    .bind(shipment.carrier.key)
    .bind(shipment.number.as_str())
    .bind(shipment.tracking_url())
    .bind(order_id)
    .bind(account_id.unwrap_or(""))
    .fetch_optional(&mut **tx)
    .await
    .context("ship order")?;
    let Some((drop,)) = moved else { return Ok(None) };
    outbox::to_fan(tx, outbox::ORDER_SHIPPED, order_id, now).await?;
    Ok(Some(drop))
}

/// The drops whose orders moved: their version goes up (pages and caches
/// re-read them) and, on PostgreSQL, the other instances hear of it.
pub(super) async fn announce(tx: &mut Transaction<'_, Any>, drops: &BTreeSet<String>) -> anyhow::Result<()> {
    let sql = format!("UPDATE drops SET version = version + 1 WHERE id = $1{}", returning_announce(backend_of(tx)));
    for drop in drops {
        sqlx::query(&sql).bind(drop).execute(&mut **tx).await.context("announce fulfilment")?;
    }
    Ok(())
}
