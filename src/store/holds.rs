//! How many shirts each client holds per drop in stock-holding (pending or
//! processing) orders, for the per-client cap. PostgreSQL (several instances) keeps them in
//! the `client_holds` table, counted in the same statement as the order.
//! SQLite (one instance by design, every write behind the write gate) keeps
//! them here in memory, so a checkout needs no extra statement: a count is
//! only ever too high (holds that ended are not subtracted), and a client
//! that seems to be at the cap is recounted from the orders before being
//! refused. The whole book is rebuilt from the orders at start-up and by
//! every sweep, which also forgets clients that hold nothing.
//!
//! On PostgreSQL `client_holds` is an UNLOGGED table: the counts can be
//! rebuilt from the orders, and skipping the write-ahead log for the upsert
//! every checkout makes is worth 13% more checkouts per second (measured,
//! `docs/BENCHMARKS.md`). PostgreSQL empties an unlogged table after a crash;
//! each sweep refills the rows that are missing from the orders, so after a
//! crash the cap is lenient for at most one sweep.

use super::Store;
use anyhow::Context;
use std::collections::HashMap;
use std::sync::Mutex;

/// (drop id, client key) → shirts in stock-holding orders; at least the true number.
#[derive(Debug, Default)]
pub(crate) struct HoldBook(Mutex<HashMap<(String, String), i64>>);

impl HoldBook {
    fn get(&self, key: &(String, String)) -> i64 {
        crate::sync::lock(&self.0).get(key).copied().unwrap_or(0)
    }

    fn set(&self, key: (String, String), open: i64) {
        crate::sync::lock(&self.0).insert(key, open);
    }

    fn add(&self, key: (String, String), shirts: i64) {
        *crate::sync::lock(&self.0).entry(key).or_default() += shirts;
    }
}

impl Store {
    /// SQLite: whether `client_key` may hold `shirts` more of `drop_id`
    /// within `cap` (call with the write gate held).
    pub(super) async fn hold_allowed(
        &self,
        drop_id: &str,
        client_key: &str,
        cap: i64,
        shirts: i64,
    ) -> anyhow::Result<bool> {
        let key = (drop_id.to_owned(), client_key.to_owned());
        if self.holds.get(&key) + shirts <= cap {
            return Ok(true);
        }
        let (open,): (i64,) = sqlx::query_as(
            "SELECT CAST(COALESCE(SUM(quantity), 0) AS BIGINT) FROM orders WHERE drop_id = $1 \
             AND status IN ('pending', 'processing') AND client_key = $2",
        )
        .bind(drop_id)
        .bind(client_key)
        .fetch_one(&self.pool)
        .await
        .context("recount the client's holds")?;
        self.holds.set(key, open);
        Ok(open + shirts <= cap)
    }

    /// SQLite: a hold of `shirts` was committed (call with the write gate held).
    pub(super) fn hold_taken(&self, drop_id: &str, client_key: &str, shirts: i64) {
        self.holds.add((drop_id.to_owned(), client_key.to_owned()), shirts);
    }

    /// PostgreSQL: makes `client_holds` UNLOGGED (once; a migration cannot,
    /// as the same migrations run on SQLite).
    pub(super) async fn unlog_hold_counts(&self) -> anyhow::Result<()> {
        if self.backend != super::Backend::Postgres {
            return Ok(());
        }
        let (persistence,): (String,) =
            sqlx::query_as("SELECT CAST(relpersistence AS TEXT) FROM pg_class WHERE oid = 'client_holds'::regclass")
                .fetch_one(&self.pool)
                .await
                .context("look up client_holds")?;
        if persistence == "p" {
            sqlx::query("ALTER TABLE client_holds SET UNLOGGED")
                .execute(&self.pool)
                .await
                .context("make client_holds unlogged")?;
        }
        Ok(())
    }

    /// Rebuilds the counts from the orders (at start-up and each sweep).
    /// SQLite: the whole in-memory book. PostgreSQL: only the rows that are
    /// missing (after a crash emptied the unlogged table); rows that exist
    /// are kept by the transactions that move orders.
    pub async fn refresh_holds(&self) -> anyhow::Result<()> {
        if self.backend != super::Backend::Sqlite {
            sqlx::query(
                "INSERT INTO client_holds (drop_id, client_key, open) \
                 SELECT drop_id, client_key, CAST(SUM(quantity) AS BIGINT) FROM orders \
                 WHERE status IN ('pending', 'processing') \
                 AND client_key IS NOT NULL GROUP BY drop_id, client_key \
                 ON CONFLICT (drop_id, client_key) DO NOTHING",
            )
            .execute(&self.pool)
            .await
            .context("refill missing hold counts")?;
            return Ok(());
        }
        let _gate = self.write_gate().await;
        let rows: Vec<(String, String, i64)> = sqlx::query_as(
            "SELECT drop_id, client_key, CAST(SUM(quantity) AS BIGINT) FROM orders \
             WHERE status IN ('pending', 'processing') AND client_key IS NOT NULL GROUP BY drop_id, client_key",
        )
        .fetch_all(&self.pool)
        .await
        .context("count holds per client")?;
        let book: HashMap<(String, String), i64> = rows.into_iter().map(|(d, c, n)| ((d, c), n)).collect();
        *crate::sync::lock(&self.holds.0) = book;
        Ok(())
    }

    /// Shirts in stock-holding orders of `drop_id` as the hold counts see
    /// them (tests compare it with the orders).
    pub async fn counted_holds(&self, drop_id: &str) -> anyhow::Result<i64> {
        if self.backend == super::Backend::Sqlite {
            let book = crate::sync::lock(&self.holds.0);
            return Ok(book.iter().filter(|((d, _), _)| d == drop_id).map(|(_, n)| n).sum());
        }
        let (open,): (i64,) =
            sqlx::query_as("SELECT CAST(COALESCE(SUM(open), 0) AS BIGINT) FROM client_holds WHERE drop_id = $1")
                .bind(drop_id)
                .fetch_one(&self.pool)
                .await
                .context("sum the client holds")?;
        Ok(open)
    }
}
