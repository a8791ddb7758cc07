//! The mail outbox (issue 14): a message is written in the same transaction
//! as what causes it, and a sender task (`crate::mail`) claims, delivers and
//! marks it. A claim is a lease: a sender that dies between delivering and
//! marking leaves the message to be delivered again when the lease ends,
//! with the same Message-ID (at most once more). On PostgreSQL several
//! instances claim from one outbox (`FOR UPDATE SKIP LOCKED`); on SQLite the
//! one writer claims under the write gate.

use super::changes::backend_of;
use super::{Backend, Store, new_id};
use anyhow::Context;

/// What a queued message is: the fan's order confirmation…
pub const ORDER_PAID: &str = "order-paid";
/// …and the fan's refund notice.
pub const ORDER_REFUNDED: &str = "order-refunded";

/// A message claimed for delivery.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Outgoing {
    pub id: String,
    /// The Message-ID's left part (`<{message_id}@{domain}>`), fixed at writing.
    pub message_id: String,
    pub kind: String,
    /// What it is about: an order's id for the fan's mail.
    pub subject_id: String,
    pub to_address: String,
    /// Deliveries tried, this one included.
    pub attempts: i64,
}

/// Writes the fan's mail of `kind` ([`ORDER_PAID`], [`ORDER_REFUNDED`])
/// about `order_id`, inside the transaction that changes the order. An
/// order without an email (the provider collected none) gets none; a
/// replayed event writes none again (one of each kind per order).
pub(super) async fn to_fan(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    kind: &str,
    order_id: &str,
    now: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO outbox (id, message_id, kind, subject_id, to_address, next_attempt_at, created_at) \
         SELECT $1, $2, $3, id, email, $4, $4 FROM orders WHERE id = $5 AND email IS NOT NULL AND email <> '' \
         ON CONFLICT DO NOTHING",
    )
    .bind(new_id())
    .bind(new_id())
    .bind(kind)
    .bind(now)
    .bind(order_id)
    .execute(&mut **tx)
    .await
    .with_context(|| format!("queue the fan's {kind} mail"))?;
    Ok(())
}

impl Store {
    /// Claims up to `limit` messages that are due, each for `lease_ms`.
    #[tracing::instrument(skip(self))]
    pub async fn claim_mail(&self, limit: i64, lease_ms: i64) -> anyhow::Result<Vec<Outgoing>> {
        let _gate = self.write_gate().await;
        let now = self.now_ms();
        let mut tx = self.pool.begin().await.context("begin claim")?;
        let skip_locked = match backend_of(&tx) {
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        };
        let sql = format!(
            "UPDATE outbox SET next_attempt_at = $1, attempts = attempts + 1 WHERE id IN \
             (SELECT id FROM outbox WHERE status = 'queued' AND next_attempt_at <= $2 \
             ORDER BY next_attempt_at LIMIT $3{skip_locked}) \
             RETURNING id, message_id, kind, subject_id, to_address, attempts"
        );
        let claimed: Vec<Outgoing> = sqlx::query_as(&sql)
            .bind(now + lease_ms)
            .bind(now)
            .bind(limit)
            .fetch_all(&mut *tx)
            .await
            .context("claim mail")?;
        tx.commit().await.context("commit claim")?;
        Ok(claimed)
    }

    /// The message went out.
    pub async fn mail_sent(&self, id: &str) -> anyhow::Result<()> {
        sqlx::query("UPDATE outbox SET status = 'sent', sent_at = $1, last_error = '' WHERE id = $2")
            .bind(self.now_ms())
            .bind(id)
            .execute(&self.pool)
            .await
            .context("mark mail sent")?;
        Ok(())
    }

    /// Delivery failed for now; tried again at `retry_at` (unix ms).
    pub async fn mail_retry(&self, id: &str, retry_at: i64, error: &str) -> anyhow::Result<()> {
        sqlx::query("UPDATE outbox SET next_attempt_at = $1, last_error = $2 WHERE id = $3 AND status = 'queued'")
            .bind(retry_at)
            .bind(error)
            .bind(id)
            .execute(&self.pool)
            .await
            .context("postpone mail")?;
        Ok(())
    }

    /// Delivery was refused for good (a 5xx, or nothing to send).
    pub async fn mail_failed(&self, id: &str, error: &str) -> anyhow::Result<()> {
        sqlx::query("UPDATE outbox SET status = 'failed', last_error = $1 WHERE id = $2")
            .bind(error)
            .bind(id)
            .execute(&self.pool)
            .await
            .context("mark mail failed")?;
        Ok(())
    }

    /// Every message of `kind` about `subject_id`, with its status (tests,
    /// tools, and later the artist's page): (status, attempts, message_id).
    pub async fn mail_about(&self, kind: &str, subject_id: &str) -> anyhow::Result<Vec<(String, i64, String)>> {
        let rows: Vec<(String, i64, String)> =
            sqlx::query_as("SELECT status, attempts, message_id FROM outbox WHERE kind = $1 AND subject_id = $2")
                .bind(kind)
                .bind(subject_id)
                .fetch_all(&self.pool)
                .await
                .context("mail about")?;
        Ok(rows)
    }
}
