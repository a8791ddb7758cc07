//! Artists' promo codes (issue 11). A use is taken inside the reservation's
//! transaction by one conditional update ([`take_use`]), so a rush never uses
//! a code more often than allowed, and given back when the hold is released.

use super::{Store, new_id};
use crate::domain::{Currency, Discount, Money, PromoCode};
use anyhow::Context;

row! {
    struct PromoRow {
        id: String,
        account_id: crate::domain::AccountId,
        drop_id: Option<crate::domain::DropId>,
        code: String,
        percent_off: Option<i64>,
        amount_off: Option<i64>,
        currency: String,
        max_uses: Option<i64>,
        uses: i64,
        ends_at: Option<i64>,
        product: String,
    }
}

const PROMO_COLUMNS: &str =
    "id, account_id, drop_id, code, percent_off, amount_off, currency, max_uses, uses, ends_at, product";

impl From<PromoRow> for PromoCode {
    fn from(r: PromoRow) -> Self {
        let discount = match (r.percent_off, r.amount_off) {
            (Some(p), _) => Discount::Percent(p),
            (None, amount) => Discount::AmountOff(Money::from_minor(
                amount.unwrap_or(0),
                Currency::parse(&r.currency).unwrap_or(Currency::Usd),
            )),
        };
        PromoCode {
            id: r.id,
            account_id: r.account_id,
            drop_id: r.drop_id,
            code: r.code,
            discount,
            max_uses: r.max_uses,
            uses: r.uses,
            ends_at: r.ends_at,
            product: crate::domain::Product::parse(&r.product),
        }
    }
}

/// A code to save, already validated.
#[derive(Debug, Clone)]
pub struct NewPromo {
    pub account_id: crate::domain::AccountId,
    pub drop_id: Option<crate::domain::DropId>,
    pub code: crate::domain::promo::Code,
    pub discount: Discount,
    pub max_uses: Option<i64>,
    pub ends_at: Option<i64>,
    /// The one product it covers; `None`: every product.
    pub product: Option<crate::domain::Product>,
}

impl Store {
    /// Saves a code; `Ok(false)` when the artist already has one spelled so.
    #[tracing::instrument(skip(self, new), fields(code = %new.code))]
    pub async fn insert_promo(&self, new: &NewPromo) -> anyhow::Result<bool> {
        let (percent, amount, currency) = match new.discount {
            Discount::Percent(p) => (Some(p), None, String::new()),
            Discount::AmountOff(m) => (None, Some(m.minor()), m.currency().code().to_owned()),
        };
        let done = sqlx::query(
            "INSERT INTO promo_codes (id, account_id, drop_id, code, percent_off, amount_off, currency, max_uses, \
             ends_at, created_at, product) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
             ON CONFLICT (account_id, code) DO NOTHING",
        )
        .bind(new_id())
        .bind(&new.account_id)
        .bind(new.drop_id.as_deref())
        .bind(new.code.as_str())
        .bind(percent)
        .bind(amount)
        .bind(currency)
        .bind(new.max_uses)
        .bind(new.ends_at)
        .bind(self.now_ms())
        .bind(new.product.map_or("", crate::domain::Product::key))
        .execute(&self.pool)
        .await
        .context("insert promo code")?;
        Ok(done.rows_affected() == 1)
    }

    /// The artist's code spelled `code` (normalized), if any.
    #[tracing::instrument(skip(self))]
    pub async fn promo_for(&self, account_id: &str, code: &str) -> anyhow::Result<Option<PromoCode>> {
        let sql = format!("SELECT {PROMO_COLUMNS} FROM promo_codes WHERE account_id = $1 AND code = $2");
        let row: Option<PromoRow> = sqlx::query_as(&sql)
            .bind(account_id)
            .bind(code)
            .fetch_optional(&self.pool)
            .await
            .context("select promo code")?;
        Ok(row.map(PromoCode::from))
    }

    /// The codes that work on a drop: its own and the artist's all-drop codes.
    #[tracing::instrument(skip(self))]
    pub async fn promos_for_drop(&self, account_id: &str, drop_id: &str) -> anyhow::Result<Vec<PromoCode>> {
        let sql = format!(
            "SELECT {PROMO_COLUMNS} FROM promo_codes WHERE account_id = $1 AND (drop_id IS NULL OR drop_id = $2) \
             ORDER BY created_at, code"
        );
        let rows: Vec<PromoRow> = sqlx::query_as(&sql)
            .bind(account_id)
            .bind(drop_id)
            .fetch_all(&self.pool)
            .await
            .context("select promo codes")?;
        Ok(rows.into_iter().map(PromoCode::from).collect())
    }
}

/// Why a use of a code was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NoUse {
    /// Used up or ended just now.
    Gone,
    /// A limited code this client already holds in an unpaid checkout: one
    /// client cannot sit on a limited code's uses with holds.
    HeldByClient,
}

/// Takes one use of a code, if it is still allowed now and `client_key`
/// holds no unpaid checkout with it (for a limited code): one conditional
/// update.
pub(super) async fn take_use(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    promo_id: &str,
    client_key: &str,
    now: i64,
) -> anyhow::Result<Result<(), NoUse>> {
    let done = sqlx::query(
        "UPDATE promo_codes SET uses = uses + 1 WHERE id = $1 AND (max_uses IS NULL OR uses < max_uses) \
         AND (ends_at IS NULL OR ends_at > $2) AND (max_uses IS NULL OR NOT EXISTS (SELECT 1 FROM orders \
         WHERE promo_id = $1 AND client_key = $3 AND status IN ('pending', 'processing')))",
    )
    .bind(promo_id)
    .bind(now)
    .bind(client_key)
    .execute(&mut **tx)
    .await
    .context("use promo code")?;
    if done.rows_affected() == 1 {
        return Ok(Ok(()));
    }
    let (held,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM orders WHERE promo_id = $1 AND client_key = $2 AND status IN ('pending', 'processing')",
    )
    .bind(promo_id)
    .bind(client_key)
    .fetch_one(&mut **tx)
    .await
    .context("does the client hold the code")?;
    Ok(Err(if held > 0 { NoUse::HeldByClient } else { NoUse::Gone }))
}

/// Gives a use back (the hold it was taken for ended unpaid).
pub(super) async fn give_back(tx: &mut sqlx::Transaction<'_, sqlx::Any>, promo_id: &str) -> anyhow::Result<()> {
    sqlx::query("UPDATE promo_codes SET uses = uses - 1 WHERE id = $1 AND uses > 0")
        .bind(promo_id)
        .execute(&mut **tx)
        .await
        .context("give back promo use")?;
    Ok(())
}
