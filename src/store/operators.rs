//! Operators and the audit log (issue 24): who may moderate, and every
//! action an operator (or the command-line tool) took, append-only.

use super::{Store, new_id};
use crate::domain::EmailAddress;
use anyhow::Context;

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub at_ms: i64,
    pub actor: String,
    pub action: String,
    pub target_kind: String,
    pub target: String,
    pub reason: String,
}

/// What an operator did, to be written in the audit log with the change it
/// describes.
#[derive(Debug, Clone, Copy)]
pub struct Audit<'a> {
    pub actor: &'a str,
    pub action: &'a str,
    pub target_kind: &'a str,
    pub target: &'a str,
    pub reason: &'a str,
}

impl Store {
    /// Makes the account of `email` an operator (or not, with `operator`
    /// false), and logs it, in one transaction. `Ok(false)`: no such account.
    pub async fn set_operator(&self, email: &EmailAddress, operator: bool, audit: Audit<'_>) -> anyhow::Result<bool> {
        let _gate = self.write_gate().await;
        let mut tx = self.begin().await.context("begin set operator")?;
        let changed = sqlx::query("UPDATE accounts SET operator = $1 WHERE email = $2")
            .bind(i32::from(operator))
            .bind(email.as_str())
            .execute(&mut *tx)
            .await
            .context("update operator")?
            .rows_affected();
        if changed == 0 {
            return Ok(false);
        }
        write_audit(&mut tx, self.now_ms(), audit).await?;
        tx.commit().await.context("commit set operator")?;
        Ok(true)
    }

    /// The emails of the accounts granted operator rights in the database
    /// (`POPSHOP_OPERATORS` adds more, without the database knowing).
    pub async fn operator_emails(&self) -> anyhow::Result<Vec<String>> {
        let rows: Vec<(String,)> = sqlx::query_as("SELECT email FROM accounts WHERE operator = 1 ORDER BY email")
            .fetch_all(&self.pool)
            .await
            .context("select operators")?;
        Ok(rows.into_iter().map(|(e,)| e).collect())
    }

    /// Whether the account `id` was granted operator rights in the database.
    pub async fn is_operator(&self, account_id: &str) -> anyhow::Result<bool> {
        let row: Option<(i32,)> = sqlx::query_as("SELECT operator FROM accounts WHERE id = $1")
            .bind(account_id)
            .fetch_optional(&self.pool)
            .await
            .context("select operator")?;
        Ok(row.is_some_and(|(o,)| o == 1))
    }

    /// The newest `limit` lines of the audit log, newest first.
    pub async fn audit_log(&self, limit: i64) -> anyhow::Result<Vec<AuditEntry>> {
        let rows: Vec<(i64, String, String, String, String, String)> = sqlx::query_as(
            "SELECT at, actor, action, target_kind, target, reason FROM audit_log ORDER BY at DESC, id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await
        .context("select audit log")?;
        Ok(rows
            .into_iter()
            .map(|(at_ms, actor, action, target_kind, target, reason)| AuditEntry {
                at_ms,
                actor,
                action,
                target_kind,
                target,
                reason,
            })
            .collect())
    }
}

/// Appends `audit` to the log inside the caller's transaction: the line and
/// the change it records commit together or not at all.
pub(crate) async fn write_audit(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    now_ms: i64,
    audit: Audit<'_>,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (id, at, actor, action, target_kind, target, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(new_id())
    .bind(now_ms)
    .bind(audit.actor)
    .bind(audit.action)
    .bind(audit.target_kind)
    .bind(audit.target)
    .bind(audit.reason)
    .execute(&mut **tx)
    .await
    .context("insert audit line")?;
    Ok(())
}
