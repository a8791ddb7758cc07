//! What waits in the background queues, and whether the schema is current:
//! for `/metrics` and `/readyz` (issue 24).

use super::{MIGRATOR, Store};
use anyhow::Context;

/// The queues' depth, read at a scrape.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Backlog {
    /// Mails queued (due now or waiting for a retry).
    pub mail: i64,
    /// Milliseconds since the oldest mail that is due now became due (0: none due).
    pub mail_oldest_due_ms: i64,
    /// Paid orders due at the printer and not yet placed.
    pub print: i64,
}

impl Store {
    /// The queues' depth now; print orders count once paid before `print_due_before`.
    pub async fn backlog(&self, print_due_before: i64) -> anyhow::Result<Backlog> {
        let now = self.now_ms();
        let (mail, oldest): (i64, Option<i64>) = sqlx::query_as(
            "SELECT COUNT(*), MIN(CASE WHEN next_attempt_at <= $1 THEN next_attempt_at END) FROM outbox \
             WHERE status = 'queued'",
        )
        .bind(now)
        .fetch_one(&self.pool)
        .await
        .context("count the outbox")?;
        let (print,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM orders o JOIN drops d ON d.id = o.drop_id LEFT JOIN print_jobs p ON p.order_id = o.id \
             WHERE d.printer = 'printful' AND o.status = 'paid' AND o.fulfilment = '' AND o.paid_at <= $1 \
             AND (p.order_id IS NULL OR p.state = 'trying')",
        )
        .bind(print_due_before)
        .fetch_one(&self.pool)
        .await
        .context("count print jobs due")?;
        Ok(Backlog { mail, mail_oldest_due_ms: oldest.map_or(0, |at| (now - at).max(0)), print })
    }

    /// Whether every migration this popshop carries has been applied (a
    /// new version's instance has not yet migrated a shared database, or an
    /// old one runs against a newer schema: either way not ready).
    pub async fn migrations_current(&self) -> anyhow::Result<bool> {
        let applied: Vec<(i64,)> = sqlx::query_as("SELECT version FROM _sqlx_migrations WHERE success = TRUE")
            .fetch_all(&self.pool)
            .await
            .context("read the applied migrations")?;
        let known: Vec<i64> = MIGRATOR.iter().map(|m| m.version).collect();
        let applied: Vec<i64> = applied.into_iter().map(|(v,)| v).collect();
        Ok(known.iter().all(|v| applied.contains(v)) && applied.iter().all(|v| known.contains(v)))
    }

    /// Database connections: (in use, idle, the most the pool opens).
    pub fn pool_connections(&self) -> (u32, u32, u32) {
        let size = self.pool.size();
        let idle = u32::try_from(self.pool.num_idle()).unwrap_or(u32::MAX).min(size);
        (size - idle, idle, self.pool.options().get_max_connections())
    }
}
