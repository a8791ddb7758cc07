//! Operators (issue 24, docs/operations.md): who they are, and what they do
//! to shops: take a drop down and restore it, deal with fans' reports. Every
//! action names its operator and reason in the audit log, in the
//! transaction of the change.

use crate::domain::{Call, Drop, EmailAddress, Idea, ModerationText, ReportReason};
use crate::store::{Account, Audit, ReportTarget, Store};
use crate::web::Client;
use crate::web::limits::{Action, Limits};
use std::time::Duration;

/// What the operators' work needs.
pub struct Moderation<'a> {
    pub store: &'a Store,
    /// `POPSHOP_OPERATORS`: operators besides those the database knows.
    pub listed: &'a [EmailAddress],
    pub limits: &'a Limits,
}

/// What came of a fan's report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reported {
    Filed,
    /// This address filed as many as it may lately.
    TooMany(Duration),
}

impl Moderation<'_> {
    /// Whether `account` is an operator (granted, or listed in the settings).
    pub async fn is_operator(&self, account: &Account) -> anyhow::Result<bool> {
        let listed = self.listed.iter().any(|e| e.as_str().eq_ignore_ascii_case(&account.email));
        Ok(listed || self.store.is_operator(&account.id).await?)
    }

    /// Takes `drop` down for `reason` (see `Store::take_down_drop`).
    pub async fn take_down(&self, operator: &Account, drop: &Drop, reason: &ModerationText) -> anyhow::Result<bool> {
        let audit = audit(operator, "takedown", "drop", drop.slug.as_str(), reason.as_str());
        let done = self.store.take_down_drop(&drop.id, reason, audit).await?;
        if done {
            tracing::warn!(operator = %operator.email, slug = %drop.slug, reason = %reason, "drop taken down");
        }
        Ok(done)
    }

    /// Puts `drop` back on sale as it was.
    pub async fn restore(
        &self,
        operator: &Account,
        drop: &Drop,
        reason: Option<&ModerationText>,
    ) -> anyhow::Result<bool> {
        let why = reason.map_or("", ModerationText::as_str);
        let done =
            self.store.restore_drop(&drop.id, audit(operator, "restore", "drop", drop.slug.as_str(), why)).await?;
        if done {
            tracing::warn!(operator = %operator.email, slug = %drop.slug, "drop restored");
        }
        Ok(done)
    }

    /// Asks for every paid order of the taken-down `drop` to be refunded
    /// (the sweeper refunds them); how many were asked for.
    pub async fn refund_all(&self, operator: &Account, drop: &Drop) -> anyhow::Result<u64> {
        let asked =
            self.store.request_refunds(&drop.id, audit(operator, "refund-all", "drop", drop.slug.as_str(), "")).await?;
        tracing::warn!(operator = %operator.email, slug = %drop.slug, asked, "refunds of a taken-down drop asked for");
        Ok(asked)
    }

    /// Takes the fans' call down for `reason`.
    pub async fn take_down_call(
        &self,
        operator: &Account,
        call: &Call,
        reason: &ModerationText,
    ) -> anyhow::Result<bool> {
        let audit = audit(operator, "takedown", "call", call.slug.as_str(), reason.as_str());
        self.store.take_down_call(&call.id, reason, audit).await
    }

    /// Puts the call back as it was.
    pub async fn restore_call(&self, operator: &Account, call: &Call) -> anyhow::Result<bool> {
        self.store.restore_call(&call.id, audit(operator, "restore", "call", call.slug.as_str(), "")).await
    }

    /// Takes one idea off its call's board for good.
    pub async fn take_down_idea(
        &self,
        operator: &Account,
        call: &Call,
        idea: &Idea,
        reason: &ModerationText,
    ) -> anyhow::Result<bool> {
        let what = format!("{}: {}", call.slug, idea.text);
        self.store.take_down_idea(&call.id, &idea.id, audit(operator, "takedown", "idea", &what, reason.as_str())).await
    }

    /// Puts an idea an operator took down back on its board.
    pub async fn restore_idea(&self, operator: &Account, call: &Call, idea: &Idea) -> anyhow::Result<bool> {
        let what = format!("{}: {}", call.slug, idea.text);
        self.store.restore_idea(&call.id, &idea.id, audit(operator, "restore", "idea", &what, "")).await
    }

    /// Suspends `account` (see `Store::suspend_account`).
    pub async fn suspend(
        &self,
        operator: &Account,
        account: &Account,
        reason: &ModerationText,
    ) -> anyhow::Result<bool> {
        let audit = audit(operator, "suspend", "account", &account.email, reason.as_str());
        let done = self.store.suspend_account(&account.id, reason, audit).await?;
        if done {
            tracing::warn!(operator = %operator.email, account = %account.email, reason = %reason, "account suspended");
        }
        Ok(done)
    }

    /// Lifts `account`'s suspension.
    pub async fn unsuspend(&self, operator: &Account, account: &Account) -> anyhow::Result<bool> {
        let done = self
            .store
            .unsuspend_account(&account.id, audit(operator, "unsuspend", "account", &account.email, ""))
            .await?;
        if done {
            tracing::warn!(operator = %operator.email, account = %account.email, "account unsuspended");
        }
        Ok(done)
    }

    /// Marks report `report_id` dealt with, without action on its shop.
    pub async fn dismiss(&self, operator: &Account, report_id: &str) -> anyhow::Result<bool> {
        self.store.dismiss_report(report_id, audit(operator, "dismiss", "report", report_id, "")).await
    }

    /// Files a fan's report, at most `REPORTS_PER_HOUR` per address.
    pub async fn report(
        &self,
        target: ReportTarget<'_>,
        reason: ReportReason,
        note: Option<&ModerationText>,
        client: &Client,
    ) -> anyhow::Result<Reported> {
        if let Err(wait) = self.limits.check(Action::Report, client) {
            return Ok(Reported::TooMany(wait));
        }
        let id = self.store.file_report(target, reason, note).await?;
        tracing::info!(report = %id, ?target, reason = reason.key(), "report filed");
        Ok(Reported::Filed)
    }
}

fn audit<'a>(operator: &'a Account, action: &'a str, kind: &'a str, target: &'a str, reason: &'a str) -> Audit<'a> {
    Audit { actor: &operator.email, action, target_kind: kind, target, reason }
}
