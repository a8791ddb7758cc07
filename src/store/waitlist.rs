//! "Tell me when it's back": the addresses fans leave on a sold-out or
//! ended drop, mailed once when its next wave opens (`Store::reopen_drop`).

use super::{Store, new_id};
use crate::domain::EmailAddress;
use anyhow::Context;

/// Addresses one drop's list holds at most: bounds what anyone can make
/// popshop send when a wave opens.
pub const WAITLIST_PER_DROP: i64 = 10_000;

/// What became of an address left on a drop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Waiting {
    /// On the list now (or already was: the same answer, so the list does
    /// not tell who is on it).
    Listed,
    /// The list is full.
    Full,
}

impl Store {
    /// Puts `email` on drop `drop_id`'s list.
    #[tracing::instrument(skip(self, email))]
    pub async fn wait_for_restock(&self, drop_id: &str, email: &EmailAddress) -> anyhow::Result<Waiting> {
        let _gate = self.write_gate().await;
        let inserted = sqlx::query(
            "INSERT INTO restock_waitlist (id, drop_id, email, created_at) SELECT $1, $2, $3, $4 \
             WHERE (SELECT COUNT(*) FROM restock_waitlist WHERE drop_id = $2) < $5 \
             ON CONFLICT (drop_id, email) DO NOTHING",
        )
        .bind(new_id())
        .bind(drop_id)
        .bind(email.as_str())
        .bind(self.now_ms())
        .bind(WAITLIST_PER_DROP)
        .execute(&self.pool)
        .await
        .context("join restock list")?;
        if inserted.rows_affected() == 1 {
            return Ok(Waiting::Listed);
        }
        let (on,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM restock_waitlist WHERE drop_id = $1 AND email = $2")
            .bind(drop_id)
            .bind(email.as_str())
            .fetch_one(&self.pool)
            .await
            .context("look up restock list")?;
        Ok(if on > 0 { Waiting::Listed } else { Waiting::Full })
    }

    /// Addresses waiting for drop `drop_id`.
    pub async fn waiting_for(&self, drop_id: &str) -> anyhow::Result<i64> {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM restock_waitlist WHERE drop_id = $1")
            .bind(drop_id)
            .fetch_one(&self.pool)
            .await
            .context("count restock list")?;
        Ok(n)
    }
}

/// Inside the transaction that opens wave `wave` of drop `drop_id`: one
/// "it's back" mail to every address on its list, then the list is emptied.
pub(super) async fn mail_waitlist(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    drop_id: &str,
    wave: i64,
    now: i64,
) -> anyhow::Result<()> {
    // Taken off the list and read in one statement: an address left while
    // this runs (PostgreSQL: another instance) stays for the next wave
    // rather than being deleted unmailed.
    let waiting: Vec<(String, String)> =
        sqlx::query_as("DELETE FROM restock_waitlist WHERE drop_id = $1 RETURNING id, email")
            .bind(drop_id)
            .fetch_all(&mut **tx)
            .await
            .context("take the restock list")?;
    for (id, email) in &waiting {
        let subject = format!("{drop_id}:{wave}:{id}");
        let q = super::outbox::Queue {
            kind: super::outbox::BACK_IN_STOCK,
            subject_id: &subject,
            to: email,
            language: "",
            link_token: "",
        };
        super::outbox::queue(tx, q, now).await?;
    }
    Ok(())
}
