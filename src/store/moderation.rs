//! Operators' moderation (issue 24): taking a drop down and restoring it,
//! fans' reports, and finding drops. Each operator action writes its audit
//! line in the transaction of the change it records.

use super::changes::{and_announce, backend_of, returning_announce, returning_announce_call};
use super::drops::{DROP_COLUMNS, DropRow};
use super::operators::{Audit, write_audit};
use super::{Store, new_id};
use crate::domain::{Drop, ModerationText, ReportReason};
use anyhow::Context;
use sqlx::{Any, Transaction};

row! {
    /// A fan's report as the operators' queue shows it.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Report {
        pub id: String,
        pub target_kind: String,
        pub target_id: String,
        pub reason: String,
        pub note: String,
        pub created_at: i64,
        /// What the report is about, as fans see it (a drop's slug and slogan),
        /// when it still exists.
        pub slug: Option<String>,
        pub title: Option<String>,
    }
}

/// What a fan reports: a drop or a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportTarget<'a> {
    Drop(&'a str),
    Call(&'a str),
}

/// A drop found by the operators' search, with its artist's email.
#[derive(Debug, Clone)]
pub struct FoundDrop {
    pub drop: Drop,
    pub artist_email: String,
    pub open_reports: i64,
}

row! {
    /// An account found by the operators' search.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct FoundAccount {
        pub id: String,
        pub email: String,
        pub created_at: i64,
        pub drops: i64,
        pub sold: i64,
        pub suspended_at: Option<i64>,
        pub suspension_reason: String,
        pub operator: i32,
    }
}

/// A [`FoundAccount`]'s columns, from `accounts a`.
const ACCOUNT_COLUMNS: &str = "a.id, a.email, a.created_at, \
     (SELECT COUNT(*) FROM drops d WHERE d.account_id = a.id) AS drops, \
     (SELECT CAST(COALESCE(SUM(d.sold), 0) AS BIGINT) FROM drops d WHERE d.account_id = a.id) AS sold, \
     a.suspended_at, a.suspension_reason, a.operator";

/// The `LIKE` pattern for "contains `query`", case-folded; `%` and `_`
/// typed by the operator are dropped (they would match anything).
fn contains_pattern(query: &str) -> String {
    format!("%{}%", query.trim().to_lowercase().replace(['%', '_'], ""))
}

/// Whether the drop `drop_id` is taken down, inside a transaction.
pub(super) async fn is_taken_down(tx: &mut Transaction<'_, Any>, drop_id: &str) -> anyhow::Result<bool> {
    let row: Option<(Option<i64>,)> = sqlx::query_as("SELECT taken_down_at FROM drops WHERE id = $1")
        .bind(drop_id)
        .fetch_optional(&mut **tx)
        .await
        .context("is the drop taken down")?;
    Ok(row.is_some_and(|(at,)| at.is_some()))
}

impl Store {
    /// Takes the drop down: fans get a 410 with `reason`, checkouts stop, and
    /// every open checkout's hold ends now (the sweeper closes its page at
    /// the provider, then gives its units back; a payment that still
    /// arrives is refunded). The artist is mailed why. `Ok(false)`: no such
    /// drop, or it is down already.
    pub async fn take_down_drop(
        &self,
        drop_id: &str,
        reason: &ModerationText,
        audit: Audit<'_>,
    ) -> anyhow::Result<bool> {
        let now = self.now_ms();
        let _gate = self.write_gate().await;
        let mut tx = self.begin().await.context("begin takedown")?;
        let sql = format!(
            "UPDATE drops SET taken_down_at = $1, takedown_reason = $2, version = version + 1 \
             WHERE id = $3 AND taken_down_at IS NULL{}",
            returning_announce(backend_of(&tx))
        );
        let done = sqlx::query(&sql)
            .bind(now)
            .bind(reason.as_str())
            .bind(drop_id)
            .execute(&mut *tx)
            .await
            .context("take drop down")?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        sqlx::query("UPDATE orders SET expires_at = $1 WHERE drop_id = $2 AND status = 'pending' AND expires_at > $1")
            .bind(now)
            .bind(drop_id)
            .execute(&mut *tx)
            .await
            .context("end the open checkouts' holds")?;
        sqlx::query("UPDATE reports SET resolved_at = $1, resolved_by = $2 WHERE target_kind = 'drop' AND target_id = $3 AND resolved_at IS NULL")
            .bind(now)
            .bind(audit.actor)
            .bind(drop_id)
            .execute(&mut *tx)
            .await
            .context("resolve the drop's reports")?;
        super::outbox::drop_taken_down(&mut tx, drop_id, now).await?;
        write_audit(&mut tx, now, audit).await?;
        tx.commit().await.context("commit takedown")?;
        self.committed(drop_id);
        Ok(true)
    }

    /// Puts a taken-down drop back as it was (its own end, stock and price
    /// unchanged). `Ok(false)`: no such drop, or it is not down.
    pub async fn restore_drop(&self, drop_id: &str, audit: Audit<'_>) -> anyhow::Result<bool> {
        let now = self.now_ms();
        let _gate = self.write_gate().await;
        let mut tx = self.begin().await.context("begin restore")?;
        let sql = format!(
            "UPDATE drops SET taken_down_at = NULL, takedown_reason = '', down_with_account = 0, \
             version = version + 1 WHERE id = $1 AND taken_down_at IS NOT NULL{}",
            returning_announce(backend_of(&tx))
        );
        let done = sqlx::query(&sql).bind(drop_id).execute(&mut *tx).await.context("restore drop")?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        write_audit(&mut tx, now, audit).await?;
        tx.commit().await.context("commit restore")?;
        self.committed(drop_id);
        Ok(true)
    }

    /// Files a fan's report. Limits are the caller's (per address).
    pub async fn file_report(
        &self,
        target: ReportTarget<'_>,
        reason: ReportReason,
        note: Option<&ModerationText>,
    ) -> anyhow::Result<String> {
        let (kind, id) = match target {
            ReportTarget::Drop(id) => ("drop", id),
            ReportTarget::Call(id) => ("call", id),
        };
        let report_id = new_id();
        sqlx::query(
            "INSERT INTO reports (id, target_kind, target_id, reason, note, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&report_id)
        .bind(kind)
        .bind(id)
        .bind(reason.key())
        .bind(note.map_or("", ModerationText::as_str))
        .bind(self.now_ms())
        .execute(&self.pool)
        .await
        .context("file report")?;
        Ok(report_id)
    }

    /// Reports not yet dealt with, oldest first.
    pub async fn open_reports(&self, limit: i64) -> anyhow::Result<Vec<Report>> {
        sqlx::query_as(
            "SELECT r.id, r.target_kind, r.target_id, r.reason, r.note, r.created_at, \
             COALESCE(d.slug, c.slug) AS slug, COALESCE(d.slogan, c.question) AS title \
             FROM reports r LEFT JOIN drops d ON r.target_kind = 'drop' AND d.id = r.target_id \
             LEFT JOIN calls c ON r.target_kind = 'call' AND c.id = r.target_id \
             WHERE r.resolved_at IS NULL ORDER BY r.created_at, r.id LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await
        .context("select open reports")
    }

    /// Marks a report dealt with (kept, not deleted), with its audit line.
    pub async fn dismiss_report(&self, report_id: &str, audit: Audit<'_>) -> anyhow::Result<bool> {
        let now = self.now_ms();
        let _gate = self.write_gate().await;
        let mut tx = self.begin().await.context("begin dismiss")?;
        let done =
            sqlx::query("UPDATE reports SET resolved_at = $1, resolved_by = $2 WHERE id = $3 AND resolved_at IS NULL")
                .bind(now)
                .bind(audit.actor)
                .bind(report_id)
                .execute(&mut *tx)
                .await
                .context("dismiss report")?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        write_audit(&mut tx, now, audit).await?;
        tx.commit().await.context("commit dismiss")?;
        Ok(true)
    }

    /// Drops whose slug, slogan, artist name or artist email contains
    /// `query` (every drop, newest first, when it is empty).
    pub async fn search_drops(&self, query: &str, limit: i64) -> anyhow::Result<Vec<FoundDrop>> {
        let pattern = contains_pattern(query);
        let columns: String =
            DROP_COLUMNS.split(", ").map(|c| format!("d.{}", c.trim())).collect::<Vec<_>>().join(", ");
        let sql = format!(
            "SELECT {columns}, a.email, \
             (SELECT COUNT(*) FROM reports r WHERE r.target_kind = 'drop' AND r.target_id = d.id AND r.resolved_at IS NULL) \
             FROM drops d JOIN accounts a ON a.id = d.account_id \
             WHERE LOWER(d.slug) LIKE $1 OR LOWER(d.slogan) LIKE $1 OR LOWER(d.artist_name) LIKE $1 OR LOWER(a.email) LIKE $1 \
             ORDER BY d.created_at DESC, d.id LIMIT $2"
        );
        let rows = sqlx::query(&sql).bind(&pattern).bind(limit).fetch_all(&self.pool).await.context("search drops")?;
        use sqlx::{FromRow, Row};
        let mut found = Vec::with_capacity(rows.len());
        let mut drops = Vec::with_capacity(rows.len());
        for row in &rows {
            drops.push(Drop::from(DropRow::from_row(row).context("read found drop")?));
            found.push((row.try_get::<String, _>("email")?, row.try_get::<i64, _>(rows_last(row))?));
        }
        let drops = self.with_products(drops).await?;
        Ok(drops
            .into_iter()
            .zip(found)
            .map(|(drop, (artist_email, open_reports))| FoundDrop { drop, artist_email, open_reports })
            .collect())
    }
}

/// The index of a row's last column.
fn rows_last(row: &sqlx::any::AnyRow) -> usize {
    use sqlx::Row;
    row.len() - 1
}

impl Store {
    /// Suspends the account: its sessions end, its drops still up go
    /// offline with `reason` (as a takedown: 410, checkouts stop, holds
    /// end, payments refunded), and sign-in says why. `Ok(false)`: no such
    /// account, or suspended already.
    pub async fn suspend_account(
        &self,
        account_id: &str,
        reason: &ModerationText,
        audit: Audit<'_>,
    ) -> anyhow::Result<bool> {
        let now = self.now_ms();
        let _gate = self.write_gate().await;
        let mut tx = self.begin().await.context("begin suspend")?;
        let done = sqlx::query(
            "UPDATE accounts SET suspended_at = $1, suspension_reason = $2 WHERE id = $3 AND suspended_at IS NULL",
        )
        .bind(now)
        .bind(reason.as_str())
        .bind(account_id)
        .execute(&mut *tx)
        .await
        .context("suspend account")?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        sqlx::query("DELETE FROM sessions WHERE account_id = $1")
            .bind(account_id)
            .execute(&mut *tx)
            .await
            .context("end the account's sessions")?;
        let announce = and_announce(backend_of(&tx));
        let downed: Vec<(String,)> = sqlx::query_as(&format!(
            "UPDATE drops SET taken_down_at = $1, takedown_reason = $2, down_with_account = 1, version = version + 1 \
             WHERE account_id = $3 AND taken_down_at IS NULL RETURNING id{announce}"
        ))
        .bind(now)
        .bind(reason.as_str())
        .bind(account_id)
        .fetch_all(&mut *tx)
        .await
        .context("take the account's drops down")?;
        sqlx::query(
            "UPDATE orders SET expires_at = $1 WHERE status = 'pending' AND expires_at > $1 \
             AND drop_id IN (SELECT id FROM drops WHERE account_id = $2)",
        )
        .bind(now)
        .bind(account_id)
        .execute(&mut *tx)
        .await
        .context("end the open checkouts' holds")?;
        write_audit(&mut tx, now, audit).await?;
        tx.commit().await.context("commit suspend")?;
        for (drop_id,) in &downed {
            self.committed(drop_id);
        }
        Ok(true)
    }

    /// Lifts the suspension: sign-in works again and the drops that went
    /// down with the account come back (one taken down on its own stays
    /// down). `Ok(false)`: no such account, or not suspended.
    pub async fn unsuspend_account(&self, account_id: &str, audit: Audit<'_>) -> anyhow::Result<bool> {
        let now = self.now_ms();
        let _gate = self.write_gate().await;
        let mut tx = self.begin().await.context("begin unsuspend")?;
        let done = sqlx::query(
            "UPDATE accounts SET suspended_at = NULL, suspension_reason = '' WHERE id = $1 AND suspended_at IS NOT NULL",
        )
        .bind(account_id)
        .execute(&mut *tx)
        .await
        .context("unsuspend account")?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        let announce = and_announce(backend_of(&tx));
        let back: Vec<(String,)> = sqlx::query_as(&format!(
            "UPDATE drops SET taken_down_at = NULL, takedown_reason = '', down_with_account = 0, version = version + 1 \
             WHERE account_id = $1 AND down_with_account = 1 RETURNING id{announce}"
        ))
        .bind(account_id)
        .fetch_all(&mut *tx)
        .await
        .context("bring the account's drops back")?;
        write_audit(&mut tx, now, audit).await?;
        tx.commit().await.context("commit unsuspend")?;
        for (drop_id,) in &back {
            self.committed(drop_id);
        }
        Ok(true)
    }

    /// Why the account is suspended, or `None` when it is not.
    pub async fn suspension_of(&self, account_id: &str) -> anyhow::Result<Option<ModerationText>> {
        let row: Option<(Option<i64>, String)> =
            sqlx::query_as("SELECT suspended_at, suspension_reason FROM accounts WHERE id = $1")
                .bind(account_id)
                .fetch_optional(&self.pool)
                .await
                .context("select suspension")?;
        Ok(row.and_then(|(at, reason)| at.map(|_| ModerationText::from_stored(reason))))
    }

    /// Accounts whose email contains `query` (the newest first when empty),
    /// with their drops, sales and standing.
    pub async fn search_accounts(&self, query: &str, limit: i64) -> anyhow::Result<Vec<FoundAccount>> {
        let pattern = contains_pattern(query);
        sqlx::query_as(&format!(
            "SELECT {ACCOUNT_COLUMNS} FROM accounts a WHERE LOWER(a.email) LIKE $1 \
             ORDER BY a.created_at DESC, a.id LIMIT $2"
        ))
        .bind(pattern)
        .bind(limit)
        .fetch_all(&self.pool)
        .await
        .context("search accounts")
    }

    /// One account as the operators' search shows it.
    pub async fn found_account(&self, account_id: &str) -> anyhow::Result<Option<FoundAccount>> {
        sqlx::query_as(&format!("SELECT {ACCOUNT_COLUMNS} FROM accounts a WHERE a.id = $1"))
            .bind(account_id)
            .fetch_optional(&self.pool)
            .await
            .context("select account for operators")
    }
}

/// How far the refunds an operator asked for on a drop got.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RefundProgress {
    /// Orders the operator asked to refund.
    pub requested: i64,
    /// Of them, refunded.
    pub refunded: i64,
    /// Paid orders not asked for yet (the button's count).
    pub paid_left: i64,
}

impl Store {
    /// Asks for every paid order of the taken-down drop to be refunded (the
    /// sweeper refunds them through the normal path), with its audit line.
    /// Returns how many were asked for; 0 when the drop is not taken down.
    pub async fn request_refunds(&self, drop_id: &str, audit: Audit<'_>) -> anyhow::Result<u64> {
        let now = self.now_ms();
        let _gate = self.write_gate().await;
        let mut tx = self.begin().await.context("begin refund request")?;
        if !is_taken_down(&mut tx, drop_id).await? {
            return Ok(0);
        }
        let asked = sqlx::query(
            "UPDATE orders SET refund_requested_at = $1 WHERE drop_id = $2 AND status = 'paid' \
             AND refund_requested_at IS NULL",
        )
        .bind(now)
        .bind(drop_id)
        .execute(&mut *tx)
        .await
        .context("request refunds")?
        .rows_affected();
        if asked > 0 {
            write_audit(&mut tx, now, audit).await?;
        }
        tx.commit().await.context("commit refund request")?;
        Ok(asked)
    }

    /// How far the refunds asked for on `drop_id` got.
    pub async fn refund_progress(&self, drop_id: &str) -> anyhow::Result<RefundProgress> {
        let (requested, refunded, paid_left): (i64, i64, i64) = sqlx::query_as(
            "SELECT \
             CAST(COALESCE(SUM(CASE WHEN refund_requested_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS BIGINT), \
             CAST(COALESCE(SUM(CASE WHEN refund_requested_at IS NOT NULL AND status = 'refunded' THEN 1 ELSE 0 END), 0) AS BIGINT), \
             CAST(COALESCE(SUM(CASE WHEN refund_requested_at IS NULL AND status = 'paid' THEN 1 ELSE 0 END), 0) AS BIGINT) \
             FROM orders WHERE drop_id = $1",
        )
        .bind(drop_id)
        .fetch_one(&self.pool)
        .await
        .context("refund progress")?;
        Ok(RefundProgress { requested, refunded, paid_left })
    }
}

row! {
    /// A call found by the operators' search.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct FoundCall {
        pub id: String,
        pub slug: String,
        pub question: String,
        pub artist_email: String,
        pub ideas: i64,
        pub taken_down_at: Option<i64>,
    }
}

impl Store {
    /// Takes a fans' call down: its page answers 410 with `reason`, ideas
    /// and votes stop; the open reports on it are dealt with.
    pub async fn take_down_call(
        &self,
        call_id: &str,
        reason: &ModerationText,
        audit: Audit<'_>,
    ) -> anyhow::Result<bool> {
        self.set_call_down(call_id, Some(reason), audit).await
    }

    /// Puts a taken-down call back as it was.
    pub async fn restore_call(&self, call_id: &str, audit: Audit<'_>) -> anyhow::Result<bool> {
        self.set_call_down(call_id, None, audit).await
    }

    async fn set_call_down(
        &self,
        call_id: &str,
        reason: Option<&ModerationText>,
        audit: Audit<'_>,
    ) -> anyhow::Result<bool> {
        let now = self.now_ms();
        let _gate = self.write_gate().await;
        let mut tx = self.begin().await.context("begin call takedown")?;
        let announce = returning_announce_call(backend_of(&tx));
        let down = format!(
            "UPDATE calls SET taken_down_at = $1, takedown_reason = $2, version = version + 1 \
             WHERE id = $3 AND taken_down_at IS NULL{announce}"
        );
        let back = format!(
            "UPDATE calls SET taken_down_at = NULL, takedown_reason = '', version = version + 1 \
             WHERE id = $1 AND taken_down_at IS NOT NULL{announce}"
        );
        let done = match reason {
            Some(reason) => sqlx::query(&down).bind(now).bind(reason.as_str()).bind(call_id),
            None => sqlx::query(&back).bind(call_id),
        }
        .execute(&mut *tx)
        .await
        .context("take call down or back")?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        if reason.is_some() {
            sqlx::query("UPDATE reports SET resolved_at = $1, resolved_by = $2 WHERE target_kind = 'call' AND target_id = $3 AND resolved_at IS NULL")
                .bind(now)
                .bind(audit.actor)
                .bind(call_id)
                .execute(&mut *tx)
                .await
                .context("resolve the call's reports")?;
        }
        write_audit(&mut tx, now, audit).await?;
        tx.commit().await.context("commit call takedown")?;
        self.committed_call(call_id);
        Ok(true)
    }

    /// Takes one idea off its call's board for good (the artist cannot
    /// show it again).
    pub async fn take_down_idea(&self, call_id: &str, idea_id: &str, audit: Audit<'_>) -> anyhow::Result<bool> {
        let now = self.now_ms();
        let _gate = self.write_gate().await;
        let mut tx = self.begin().await.context("begin idea takedown")?;
        let done = sqlx::query(
            "UPDATE ideas SET hidden = 1, pinned = 0, taken_down = 1 WHERE id = $1 AND call_id = $2 AND taken_down = 0",
        )
        .bind(idea_id)
        .bind(call_id)
        .execute(&mut *tx)
        .await
        .context("take idea down")?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        super::calls::bump_call(&mut tx, call_id).await?;
        write_audit(&mut tx, now, audit).await?;
        tx.commit().await.context("commit idea takedown")?;
        self.committed_call(call_id);
        Ok(true)
    }

    /// Puts an idea an operator took down back on its board.
    pub async fn restore_idea(&self, call_id: &str, idea_id: &str, audit: Audit<'_>) -> anyhow::Result<bool> {
        let now = self.now_ms();
        let _gate = self.write_gate().await;
        let mut tx = self.begin().await.context("begin idea restore")?;
        let done = sqlx::query(
            "UPDATE ideas SET hidden = 0, taken_down = 0 WHERE id = $1 AND call_id = $2 AND taken_down = 1",
        )
        .bind(idea_id)
        .bind(call_id)
        .execute(&mut *tx)
        .await
        .context("restore idea")?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        super::calls::bump_call(&mut tx, call_id).await?;
        write_audit(&mut tx, now, audit).await?;
        tx.commit().await.context("commit idea restore")?;
        self.committed_call(call_id);
        Ok(true)
    }

    /// Calls whose slug, question or artist email contains `query`.
    pub async fn search_calls(&self, query: &str, limit: i64) -> anyhow::Result<Vec<FoundCall>> {
        let pattern = contains_pattern(query);
        sqlx::query_as(
            "SELECT c.id, c.slug, c.question, a.email AS artist_email, \
             (SELECT COUNT(*) FROM ideas i WHERE i.call_id = c.id) AS ideas, c.taken_down_at \
             FROM calls c JOIN accounts a ON a.id = c.account_id \
             WHERE LOWER(c.slug) LIKE $1 OR LOWER(c.question) LIKE $1 OR LOWER(a.email) LIKE $1 \
             ORDER BY c.created_at DESC, c.id LIMIT $2",
        )
        .bind(pattern)
        .bind(limit)
        .fetch_all(&self.pool)
        .await
        .context("search calls")
    }
}
