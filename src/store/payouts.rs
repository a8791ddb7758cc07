//! Artists' connected Stripe accounts (issue 11). Stripe's status reports
//! (`account.updated`, or a read after onboarding) are applied in order of
//! when Stripe made them; applying one also points the artist's drops at the
//! account (or away from it) in the same transaction, and announces those
//! drops, so their storefronts show at once whether they take payments.

use super::Store;
use super::changes::{and_announce, backend_of};
use crate::domain::PayoutAccount;
use anyhow::Context;

row! {
    struct PayoutRow {
        stripe_account: String,
        charges_enabled: i64,
        payouts_enabled: i64,
        details_submitted: i64,
        currently_due: String,
        disabled_reason: String,
    }
}

impl From<PayoutRow> for PayoutAccount {
    fn from(r: PayoutRow) -> Self {
        PayoutAccount {
            stripe_account: r.stripe_account,
            charges_enabled: r.charges_enabled != 0,
            payouts_enabled: r.payouts_enabled != 0,
            details_submitted: r.details_submitted != 0,
            currently_due: r.currently_due.split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect(),
            disabled_reason: r.disabled_reason,
        }
    }
}

/// Money of one drop as the artist's page shows it: what fans paid (shirts
/// and shipping, refunds taken off), popshop's fee and what is left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DropMoney {
    pub gross_minor: i64,
    pub fees_minor: i64,
}

impl DropMoney {
    pub fn net_minor(self) -> i64 {
        self.gross_minor - self.fees_minor
    }
}

impl Store {
    /// The artist's connected account, if they started connecting one.
    #[tracing::instrument(skip(self))]
    pub async fn payout_account(&self, account_id: &str) -> anyhow::Result<Option<PayoutAccount>> {
        let row: Option<PayoutRow> = sqlx::query_as(
            "SELECT stripe_account, charges_enabled, payouts_enabled, details_submitted, currently_due, \
             disabled_reason FROM payout_accounts WHERE account_id = $1",
        )
        .bind(account_id)
        .fetch_optional(&self.pool)
        .await
        .context("select payout account")?;
        Ok(row.map(PayoutAccount::from))
    }

    /// Keeps the Stripe account just made for the artist; when two requests
    /// raced, the first one's account stays and is returned.
    #[tracing::instrument(skip(self))]
    pub async fn save_payout_account(&self, account_id: &str, stripe_account: &str) -> anyhow::Result<String> {
        sqlx::query(
            "INSERT INTO payout_accounts (account_id, stripe_account, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (account_id) DO NOTHING",
        )
        .bind(account_id)
        .bind(stripe_account)
        .bind(self.now_ms())
        .execute(&self.pool)
        .await
        .context("insert payout account")?;
        let (kept,): (String,) = sqlx::query_as("SELECT stripe_account FROM payout_accounts WHERE account_id = $1")
            .bind(account_id)
            .fetch_one(&self.pool)
            .await
            .context("select payout account")?;
        Ok(kept)
    }

    /// Applies what Stripe reported about a connected account at
    /// `reported_at` (seconds), unless a later report was applied already.
    /// Returns whether it was applied (false: unknown account, or stale).
    #[tracing::instrument(skip(self, report), fields(account = %report.stripe_account))]
    pub async fn apply_payout_report(&self, report: &PayoutAccount, reported_at: i64) -> anyhow::Result<bool> {
        let _gate = self.write_gate().await;
        let mut tx = self.begin().await.context("begin payout report")?;
        let artist: Option<(String,)> = sqlx::query_as(
            "UPDATE payout_accounts SET charges_enabled = $1, payouts_enabled = $2, details_submitted = $3, \
             currently_due = $4, disabled_reason = $5, reported_at = $6 \
             WHERE stripe_account = $7 AND reported_at <= $6 RETURNING account_id",
        )
        .bind(i64::from(report.charges_enabled))
        .bind(i64::from(report.payouts_enabled))
        .bind(i64::from(report.details_submitted))
        .bind(report.currently_due.join(","))
        .bind(&report.disabled_reason)
        .bind(reported_at)
        .bind(&report.stripe_account)
        .fetch_optional(&mut *tx)
        .await
        .context("update payout account")?;
        let Some((artist,)) = artist else {
            tx.rollback().await.ok();
            return Ok(false);
        };
        // The artist's drops take payments to this account while it can
        // take charges; each drop that changes is announced.
        let payments_to = if report.charges_enabled { report.stripe_account.as_str() } else { "" };
        let sql = format!(
            "UPDATE drops SET payments_to = $1, version = version + 1 WHERE account_id = $2 AND payments_to <> $1 \
             RETURNING id{}",
            and_announce(backend_of(&tx))
        );
        let changed: Vec<String> = sqlx::query_scalar(&sql)
            .bind(payments_to)
            .bind(&artist)
            .fetch_all(&mut *tx)
            .await
            .context("point drops at the payout account")?;
        tx.commit().await.context("commit payout report")?;
        for drop_id in &changed {
            self.committed(drop_id);
        }
        Ok(true)
    }

    /// What fans paid for the drop (paid orders, shirts and shipping) and
    /// popshop's fee on it.
    #[tracing::instrument(skip(self))]
    pub async fn drop_money(&self, drop_id: &str) -> anyhow::Result<DropMoney> {
        let (gross_minor, fees_minor): (i64, i64) = sqlx::query_as(
            // PostgreSQL sums BIGINT as NUMERIC: cast back.
            "SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT), CAST(COALESCE(SUM(application_fee), 0) AS BIGINT) \
             FROM orders WHERE drop_id = $1 AND status = 'paid'",
        )
        .bind(drop_id)
        .fetch_one(&self.pool)
        .await
        .context("sum drop money")?;
        Ok(DropMoney { gross_minor, fees_minor })
    }
}
