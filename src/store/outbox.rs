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

/// What a queued message is. To the fan: the order confirmation…
pub const ORDER_PAID: &str = "order-paid";
/// …the same again, asked for on the order page…
pub const ORDER_AGAIN: &str = "order-again";
/// …and the refund notice.
pub const ORDER_REFUNDED: &str = "order-refunded";
/// To the fan: the order is on its way (carrier, tracking link).
pub const ORDER_SHIPPED: &str = "order-shipped";
/// To an account: confirm the address (sign-up)…
pub const CONFIRM_EMAIL: &str = "confirm-email";
/// …reset the password…
pub const PASSWORD_RESET: &str = "password-reset";
/// …confirm a new address (sent to the new one)…
pub const EMAIL_CHANGE: &str = "email-change";
/// …and "your address was changed" (sent to the old one).
pub const EMAIL_CHANGED: &str = "email-changed";
/// To the artist, each one switchable (`accounts.mail_off`):
pub const FIRST_SALE: &str = "first-sale";
pub const GOAL_REACHED: &str = "goal-reached";
pub const SOLD_OUT: &str = "sold-out";
pub const DROP_ENDED: &str = "drop-ended";
pub const DAILY_DIGEST: &str = "daily-digest";
/// To a fan who asked: a sold-out or ended drop opened a new wave (subject
/// `{drop}:{wave}:{waitlist entry}`).
pub const BACK_IN_STOCK: &str = "back-in-stock";
/// To the artist: a fan disputed an order's payment with their bank. Not
/// switchable: money is at stake and evidence is due.
pub const DISPUTE_OPENED: &str = "dispute-opened";
/// To the artist: the bank decided an order's dispute.
pub const DISPUTE_CLOSED: &str = "dispute-closed";
/// The artist's kinds, in the order the dashboard lists their switches.
pub const ARTIST_KINDS: [&str; 5] = [FIRST_SALE, GOAL_REACHED, SOLD_OUT, DROP_ENDED, DAILY_DIGEST];

/// How long after midnight (UTC) a day's digest is written, and what it covers.
/// To the artist: an operator took their drop down, and why (issue 24).
pub const DROP_TAKEN_DOWN: &str = "drop-taken-down";
pub const DAY_MS: i64 = 24 * 3600 * 1000;

row! {
    /// A message claimed for delivery.
    #[derive(Debug, Clone, PartialEq, Eq)]
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
        /// The secret of the link the message carries (account mail), blanked
        /// once the message is sent or refused.
        pub link_token: String,
        /// The language of a message that has no drop to take it from.
        pub language: String,
    }
}

/// A message to write.
pub(super) struct Queue<'a> {
    pub kind: &'a str,
    pub subject_id: &'a str,
    pub to: &'a str,
    pub language: &'a str,
    pub link_token: &'a str,
}

/// Writes one message inside the caller's transaction; none when one of the
/// same kind about the same thing exists (a replay writes none again).
pub(super) async fn queue(tx: &mut sqlx::Transaction<'_, sqlx::Any>, q: Queue<'_>, now: i64) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO outbox (id, message_id, kind, subject_id, to_address, next_attempt_at, created_at, language, \
         link_token) VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8) ON CONFLICT DO NOTHING",
    )
    .bind(new_id())
    .bind(new_id())
    .bind(q.kind)
    .bind(q.subject_id)
    .bind(q.to)
    .bind(now)
    .bind(q.language)
    .bind(q.link_token)
    .execute(&mut **tx)
    .await
    .with_context(|| format!("queue {} mail", q.kind))?;
    Ok(())
}

/// The artist's mail after `order_id` was paid: the first sale, the goal
/// reached, sold out (once per wave). Each only to a confirmed address and
/// when the artist has not switched it off.
pub(super) async fn after_sale(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    order_id: &str,
    now: i64,
) -> anyhow::Result<()> {
    for (kind, subject, when) in [
        (FIRST_SALE, "d.id", "d.paid_orders = 1"),
        (GOAL_REACHED, "d.id", "d.goal IS NOT NULL AND d.sold >= d.goal"),
        (SOLD_OUT, "d.id || ':' || d.wave", "d.stock IS NOT NULL AND d.sold >= d.stock"),
    ] {
        let select = format!(
            "SELECT $1, $2, $3, {subject}, a.email, $4, $4, d.language FROM orders o \
             JOIN drops d ON d.id = o.drop_id JOIN accounts a ON a.id = d.account_id \
             WHERE o.id = $5 AND {when} AND {ARTIST_WANTS}"
        );
        queue_from(tx, &select, kind, order_id, now).await?;
    }
    Ok(())
}

/// `a` (the account) has a confirmed address and has not switched `$3` (the
/// kind) off.
const ARTIST_WANTS: &str =
    "a.email_confirmed_at IS NOT NULL AND (',' || a.mail_off || ',') NOT LIKE ('%,' || $3 || ',%')";

/// The artist's mail of `kind` ([`DISPUTE_OPENED`], [`DISPUTE_CLOSED`])
/// about order `order_id`, to a confirmed address whatever they switched
/// off.
pub(super) async fn about_dispute(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    kind: &str,
    order_id: &str,
    now: i64,
) -> anyhow::Result<()> {
    let select = "SELECT $1, $2, $3, o.id, a.email, $4, $4, d.language FROM orders o \
         JOIN drops d ON d.id = o.drop_id JOIN accounts a ON a.id = d.account_id \
         WHERE o.id = $5 AND a.email_confirmed_at IS NOT NULL";
    queue_from(tx, select, kind, order_id, now).await
}

/// The artist's "your drop ended" for drop `drop_id` (its current wave).
pub(super) async fn drop_ended(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    drop_id: &str,
    now: i64,
) -> anyhow::Result<()> {
    let select = format!(
        "SELECT $1, $2, $3, d.id || ':' || d.wave, a.email, $4, $4, d.language FROM drops d \
         JOIN accounts a ON a.id = d.account_id WHERE d.id = $5 AND {ARTIST_WANTS}"
    );
    queue_from(tx, &select, DROP_ENDED, drop_id, now).await
}

/// The artist's mail that an operator took `drop_id` down, to a confirmed
/// address whatever they switched off (it is about their shop, not a
/// notification). One per takedown.
pub(super) async fn drop_taken_down(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    drop_id: &str,
    now: i64,
) -> anyhow::Result<()> {
    let select = "SELECT $1, $2, $3, d.id || ':' || d.taken_down_at, a.email, $4, $4, d.language FROM drops d \
         JOIN accounts a ON a.id = d.account_id WHERE d.id = $5 AND a.email_confirmed_at IS NOT NULL";
    queue_from(tx, select, DROP_TAKEN_DOWN, drop_id, now).await
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
    queue_from(
        tx,
        "SELECT $1, $2, $3, id, email, $4, $4, '' FROM orders WHERE id = $5 AND email IS NOT NULL AND email <> ''",
        kind,
        order_id,
        now,
    )
    .await
}

/// Writes the message of `kind` that `select` finds for `subject` (`$5`),
/// in the caller's transaction. `select` yields the outbox row from
/// `$1, $2, $3, <subject_id>, <to>, $4, $4, <language>` ($1 and $2 the id
/// and Message-ID, $3 the kind, $4 now); none when one of the same kind
/// about the same thing exists.
async fn queue_from(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    select: &str,
    kind: &str,
    subject: &str,
    now: i64,
) -> anyhow::Result<()> {
    let sql = format!(
        "INSERT INTO outbox (id, message_id, kind, subject_id, to_address, next_attempt_at, created_at, language) \
         {select} ON CONFLICT DO NOTHING"
    );
    sqlx::query(&sql)
        .bind(new_id())
        .bind(new_id())
        .bind(kind)
        .bind(now)
        .bind(subject)
        .execute(&mut **tx)
        .await
        .with_context(|| format!("queue {kind} mail"))?;
    Ok(())
}

impl Store {
    /// Claims up to `limit` messages that are due, each for `lease_ms`.
    #[tracing::instrument(skip(self))]
    pub async fn claim_mail(&self, limit: i64, lease_ms: i64) -> anyhow::Result<Vec<Outgoing>> {
        let _gate = self.write_gate().await;
        let now = self.now_ms();
        let mut tx = self.begin().await.context("begin claim")?;
        let skip_locked = match backend_of(&tx) {
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        };
        let sql = format!(
            "UPDATE outbox SET next_attempt_at = $1, attempts = attempts + 1 WHERE id IN \
             (SELECT id FROM outbox WHERE status = 'queued' AND next_attempt_at <= $2 \
             ORDER BY next_attempt_at LIMIT $3{skip_locked}) \
             RETURNING id, message_id, kind, subject_id, to_address, attempts, link_token, language"
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
        sqlx::query("UPDATE outbox SET status = 'sent', sent_at = $1, last_error = '', link_token = '' WHERE id = $2")
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
        sqlx::query("UPDATE outbox SET status = 'failed', last_error = $1, link_token = '' WHERE id = $2")
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

row! {
    /// A message that was refused for good, for the artist's pages.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct FailedMail {
        pub to_address: String,
        pub kind: String,
        /// The order it was about, for the fan's mail.
        pub subject_id: String,
        /// The mail server's words.
        pub last_error: String,
    }
}

impl Store {
    /// The order page's "Email me this again": the confirmation queued anew
    /// (a new Message-ID), unless one is still queued or was asked for less
    /// than `every_ms` ago. Only a paid or refunded order with an address
    /// gets one. Returns whether one was queued.
    pub async fn mail_order_again(&self, order_id: &str, every_ms: i64) -> anyhow::Result<bool> {
        let now = self.now_ms();
        let queued = sqlx::query(
            "INSERT INTO outbox (id, message_id, kind, subject_id, to_address, next_attempt_at, created_at) \
             SELECT $1, $2, $3, id, email, $4, $4 FROM orders WHERE id = $5 AND email IS NOT NULL AND email <> '' \
             AND status IN ('paid', 'refunded') \
             ON CONFLICT (kind, subject_id) DO UPDATE SET message_id = excluded.message_id, status = 'queued', \
             attempts = 0, next_attempt_at = excluded.next_attempt_at, created_at = excluded.created_at, \
             last_error = '', sent_at = NULL WHERE outbox.status <> 'queued' AND outbox.created_at <= $6",
        )
        .bind(new_id())
        .bind(new_id())
        .bind(ORDER_AGAIN)
        .bind(now)
        .bind(order_id)
        .bind(now - every_ms)
        .execute(&self.pool)
        .await
        .context("queue the confirmation again")?;
        Ok(queued.rows_affected() == 1)
    }

    /// The fan mail of a drop's orders that was refused for good, newest
    /// first: the artist sees "we could not reach jo@…".
    pub async fn failed_mail_of_drop(&self, drop_id: &str) -> anyhow::Result<Vec<FailedMail>> {
        let rows = sqlx::query_as(
            "SELECT m.to_address, m.kind, m.subject_id, m.last_error FROM outbox m \
             JOIN orders o ON o.id = m.subject_id WHERE o.drop_id = $1 AND m.status = 'failed' \
             ORDER BY m.created_at DESC LIMIT 50",
        )
        .bind(drop_id)
        .fetch_all(&self.pool)
        .await
        .context("failed mail of a drop")?;
        Ok(rows)
    }

    /// Mail to `address` that was refused for good (the artist's own).
    pub async fn failed_mail_to(&self, address: &str) -> anyhow::Result<Vec<FailedMail>> {
        let rows = sqlx::query_as(
            "SELECT to_address, kind, subject_id, last_error FROM outbox WHERE to_address = $1 AND status = 'failed' \
             ORDER BY created_at DESC LIMIT 10",
        )
        .bind(address)
        .fetch_all(&self.pool)
        .await
        .context("failed mail to an address")?;
        Ok(rows)
    }

    /// Writes the artist mail that time causes: "your drop ended" for drops
    /// whose end passed in the last day, and yesterday's digest (UTC) for
    /// artists who asked for one and sold something. Several instances may
    /// run it at once: each message is written once (one of a kind per
    /// subject). Returns how many were written.
    pub async fn queue_timed_artist_mail(&self) -> anyhow::Result<usize> {
        let now = self.now_ms();
        let ended: Vec<(String,)> = sqlx::query_as(&format!(
            "SELECT d.id FROM drops d JOIN accounts a ON a.id = d.account_id \
             WHERE COALESCE(d.ended_at, d.ends_at) <= $1 AND COALESCE(d.ended_at, d.ends_at) > $2 AND {ARTIST_WANTS} \
             AND NOT EXISTS (SELECT 1 FROM outbox m WHERE m.kind = $3 AND m.subject_id = d.id || ':' || d.wave)"
        ))
        .bind(now)
        .bind(now - DAY_MS)
        .bind(DROP_ENDED)
        .fetch_all(&self.pool)
        .await
        .context("drops that ended")?;
        let today = now.div_euclid(DAY_MS);
        let digests: Vec<(String, String)> = sqlx::query_as(&format!(
            "SELECT a.id, a.email FROM accounts a WHERE {ARTIST_WANTS} \
             AND EXISTS (SELECT 1 FROM orders o JOIN drops d ON d.id = o.drop_id WHERE d.account_id = a.id \
             AND o.status = 'paid' AND o.paid_at >= $1 AND o.paid_at < $2) \
             AND NOT EXISTS (SELECT 1 FROM outbox m WHERE m.kind = $3 AND m.subject_id = a.id || ':' || $4)"
        ))
        .bind((today - 1) * DAY_MS)
        .bind(today * DAY_MS)
        .bind(DAILY_DIGEST)
        .bind(today.to_string())
        .fetch_all(&self.pool)
        .await
        .context("artists due a digest")?;
        let mut written = 0;
        for (drop_id,) in &ended {
            let _gate = self.write_gate().await;
            let mut tx = self.begin().await.context("begin ended mail")?;
            drop_ended(&mut tx, drop_id, now).await?;
            tx.commit().await.context("commit ended mail")?;
            written += 1;
        }
        for (account_id, email) in &digests {
            let _gate = self.write_gate().await;
            let mut tx = self.begin().await.context("begin digest")?;
            let subject = format!("{account_id}:{today}");
            queue(
                &mut tx,
                Queue { kind: DAILY_DIGEST, subject_id: &subject, to: email, language: "", link_token: "" },
                now,
            )
            .await?;
            tx.commit().await.context("commit digest")?;
            written += 1;
        }
        Ok(written)
    }
}

row! {
    /// One drop's sales in a digest's day.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct DaySales {
        pub drop_id: crate::domain::DropId,
        pub slogan: String,
        pub language: String,
        pub orders: i64,
        pub shirts: i64,
        /// Minor units of `currency`, shipping not included.
        pub revenue_minor: i64,
        pub currency: String,
    }
}

impl Store {
    /// What the account's drops sold between `from` and `to` (unix ms).
    pub async fn sales_between(&self, account_id: &str, from: i64, to: i64) -> anyhow::Result<Vec<DaySales>> {
        let rows = sqlx::query_as(
            "SELECT d.id AS drop_id, d.slogan, d.language, COUNT(*) AS orders, CAST(SUM(o.quantity) AS BIGINT) AS shirts, \
             CAST(SUM(o.amount - o.shipping_minor - o.included_tax_minor) AS BIGINT) AS revenue_minor, d.currency FROM orders o JOIN drops d ON d.id = o.drop_id \
             WHERE d.account_id = $1 AND o.status = 'paid' AND o.paid_at >= $2 AND o.paid_at < $3 \
             GROUP BY d.id, d.slogan, d.language, d.currency ORDER BY SUM(o.quantity) DESC, d.id",
        )
        .bind(account_id)
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await
        .context("a day's sales")?;
        Ok(rows)
    }
}
