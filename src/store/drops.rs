use super::changes::{and_announce, backend_of, returning_announce};
use super::{Store, new_id};
use crate::domain::{Currency, Delivery, Drop, DropSlug, FromCall, Goal, Language, Money, ShirtColours, Sizes, Slogan};
use anyhow::Context;

/// Everything needed to launch a drop, already validated.
#[derive(Debug, Clone)]
pub struct NewDrop {
    pub account_id: crate::domain::AccountId,
    pub slogan: Slogan,
    pub artist_name: String,
    /// The sizes and colours the artist picked: the storefront's pickers
    /// (each product offers those of them it comes in).
    pub sizes: Sizes,
    pub colours: ShirtColours,
    /// Most shirts one order may take (1–10).
    pub max_per_order: i64,
    pub goal: Option<Goal>,
    /// Unix milliseconds.
    pub ends_at: Option<i64>,
    pub theme: &'static str,
    /// The artist's few words (may be empty).
    pub description: String,
    /// Per order, in the price's currency; zero is free shipping.
    pub shipping: Money,
    pub delivery: Delivery,
    pub language: Language,
    /// The fan's idea it was launched from.
    pub from_call: Option<FromCall>,
    /// Who makes its shirts: Printful when it was on at launch (and took
    /// every size and colour).
    pub printer: crate::domain::Printer,
    /// What it sells, in the merch table's order (at least one): each with
    /// its price, sizes, colours and stock. The first leads: its price is
    /// the drop's own; the drop's stock is theirs summed while every one is
    /// limited.
    pub products: Vec<super::products::NewProduct>,
}

row! {
    pub(super) struct DropRow {
        id: crate::domain::DropId,
        account_id: crate::domain::AccountId,
        slug: String,
        slogan: String,
        artist_name: String,
        price_minor: i64,
        currency: String,
        sizes: String,
        colours: String,
        stock: Option<i64>,
        max_per_order: i64,
        sold: i64,
        reserved: i64,
        revenue_minor: i64,
        paid_orders: i64,
        checkouts_started: i64,
        show_raised: i64,
        goal: Option<i64>,
        ends_at: Option<i64>,
        ended_at: Option<i64>,
        theme: String,
        created_at: i64,
        version: i64,
        description: String,
        shipping_minor: i64,
        delivery_min_days: i64,
        delivery_max_days: i64,
        language: String,
        call_slug: String,
        idea_credit: String,
        idea_votes: i64,
        payments_to: String,
        wave: i64,
        printer: String,
        taken_down_at: Option<i64>,
        takedown_reason: String,
    }
}

pub(super) const DROP_COLUMNS: &str = "id, account_id, slug, slogan, artist_name, price_minor, currency, sizes, colours, \
     stock, max_per_order, sold, reserved, revenue_minor, paid_orders, checkouts_started, show_raised, goal, ends_at, ended_at, theme, created_at, version, \
     description, shipping_minor, delivery_min_days, delivery_max_days, language, call_slug, idea_credit, idea_votes, payments_to, wave, printer, taken_down_at, takedown_reason";

impl From<DropRow> for Drop {
    fn from(r: DropRow) -> Self {
        let currency = Currency::parse(&r.currency).unwrap_or(Currency::Usd);
        Drop {
            slug: DropSlug::parse(&r.slug).unwrap_or_else(|| DropSlug::from_slogan(&r.slug)),
            id: r.id,
            account_id: r.account_id,
            slogan: r.slogan,
            artist_name: r.artist_name,
            price: Money::from_minor(r.price_minor, currency),
            sizes: Sizes::from_db(&r.sizes),
            colours: ShirtColours::from_db(&r.colours),
            stock: r.stock,
            max_per_order: r.max_per_order,
            sold: r.sold,
            reserved: r.reserved,
            revenue_minor: r.revenue_minor,
            paid_orders: r.paid_orders,
            checkouts_started: r.checkouts_started,
            show_raised: r.show_raised != 0,
            goal: r.goal,
            ends_at: r.ends_at,
            ended_at: r.ended_at,
            theme: r.theme,
            created_at: r.created_at,
            version: r.version,
            description: r.description,
            shipping: Money::from_minor(r.shipping_minor.max(0), currency),
            delivery: Delivery::from_db(r.delivery_min_days, r.delivery_max_days),
            language: Language::from_stored(&r.language),
            from_call: DropSlug::parse(&r.call_slug).map(|call_slug| FromCall {
                call_slug,
                credit: r.idea_credit,
                votes: r.idea_votes,
            }),
            payments_to: Some(r.payments_to).filter(|a| !a.is_empty()),
            wave: r.wave,
            printer: crate::domain::Printer::parse(&r.printer),
            takedown: r.taken_down_at.map(|at_ms| crate::domain::Takedown {
                at_ms,
                reason: crate::domain::ModerationText::from_stored(r.takedown_reason),
            }),
            products: Vec::new(),
        }
    }
}

impl Store {
    /// Saves a new drop under a unique slug derived from its slogan: the plain
    /// slug if free, else `slug-2`, `slug-3`, …
    pub async fn insert_drop(&self, new: &NewDrop) -> anyhow::Result<Drop> {
        self.launch_drop(new, None).await
    }

    /// Saves a new drop ([`Self::insert_drop`]); when it is a fan's idea from
    /// a call (`from_call`: the call's id and the idea's), the call closes,
    /// marks the idea and points to the drop
    /// in the same transaction: a drop is never saved without its call
    /// knowing, nor a call closed for a drop that is not there.
    #[tracing::instrument(skip(self, new), fields(account = %new.account_id))]
    pub async fn launch_drop(&self, new: &NewDrop, from_call: Option<(&str, &str)>) -> anyhow::Result<Drop> {
        let base = DropSlug::from_slogan(new.slogan.as_str());
        let id = new_id();
        let _gate = self.write_gate().await;
        let mut tx = self.begin().await.context("begin launch")?;
        let products = &new.products;
        // The drop's own price is its first product's; its stock, theirs summed
        // while every one is limited.
        let Some(price) = products.first().map(|p| p.price) else { anyhow::bail!("a drop sells at least one product") };
        let stock: Option<i64> = products.iter().map(|p| p.stock).sum();
        let mut saved = None;
        for slug in super::slug_candidates(&base, &id) {
            let inserted = sqlx::query(
                "INSERT INTO drops (id, account_id, slug, slogan, artist_name, price_minor, currency, sizes, colours, \
                 stock, goal, ends_at, theme, created_at, max_per_order, description, shipping_minor, \
                 delivery_min_days, delivery_max_days, language, call_slug, idea_credit, idea_votes, payments_to, printer) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, \
                 $21, $22, $23, COALESCE((SELECT stripe_account FROM payout_accounts \
                 WHERE account_id = $2 AND charges_enabled = 1), ''), $24) \
                 ON CONFLICT (slug) DO NOTHING",
            )
            .bind(&id)
            .bind(&new.account_id)
            .bind(slug.as_str())
            .bind(new.slogan.as_str())
            .bind(&new.artist_name)
            .bind(price.minor())
            .bind(price.currency().code())
            .bind(new.sizes.to_db())
            .bind(new.colours.to_db())
            .bind(stock)
            .bind(new.goal.map(Goal::get))
            .bind(new.ends_at)
            .bind(new.theme)
            .bind(self.now_ms())
            .bind(new.max_per_order.clamp(1, crate::domain::Quantity::MAX))
            .bind(&new.description)
            .bind(new.shipping.minor())
            .bind(new.delivery.min_days)
            .bind(new.delivery.max_days)
            .bind(new.language.code())
            .bind(new.from_call.as_ref().map_or("", |f| f.call_slug.as_str()))
            .bind(new.from_call.as_ref().map_or("", |f| f.credit.as_str()))
            .bind(new.from_call.as_ref().map_or(0, |f| f.votes))
            .bind(new.printer.as_str())
            .execute(&mut *tx)
            .await
            .context("insert drop")?;
            if inserted.rows_affected() == 1 {
                saved = Some(slug);
                break;
            }
        }
        let Some(slug) = saved else { anyhow::bail!("no free slug for {base}") };
        super::products::insert_products(&mut tx, &id, products).await?;
        let announce_call = match from_call {
            Some((call_id, idea_id)) => {
                super::calls::call_became_drop(&mut tx, call_id, idea_id, &slug, self.now_ms()).await?
            }
            None => false,
        };
        tx.commit().await.context("commit launch")?;
        if let (Some((call_id, _)), true) = (from_call, announce_call) {
            self.committed_call(call_id);
        }
        self.drop_by_id(&id).await?.context("drop vanished right after insert")
    }

    #[tracing::instrument(skip(self))]
    pub async fn drop_by_slug(&self, slug: &DropSlug) -> anyhow::Result<Option<Drop>> {
        let sql = format!("SELECT {DROP_COLUMNS} FROM drops WHERE slug = $1");
        let row: Option<DropRow> =
            sqlx::query_as(&sql).bind(slug.as_str()).fetch_optional(&self.pool).await.context("select drop by slug")?;
        self.with_products_one(row.map(Drop::from)).await
    }

    #[tracing::instrument(skip(self))]
    pub async fn drop_by_id(&self, id: &str) -> anyhow::Result<Option<Drop>> {
        let sql = format!("SELECT {DROP_COLUMNS} FROM drops WHERE id = $1");
        let row: Option<DropRow> =
            sqlx::query_as(&sql).bind(id).fetch_optional(&self.pool).await.context("select drop by id")?;
        self.with_products_one(row.map(Drop::from)).await
    }

    /// A drop only if `account_id` owns it; anyone else gets `None`, exactly as
    /// for a drop that does not exist.
    #[tracing::instrument(skip(self))]
    pub async fn owned_drop(&self, id: &str, account_id: &str) -> anyhow::Result<Option<Drop>> {
        let sql = format!("SELECT {DROP_COLUMNS} FROM drops WHERE id = $1 AND account_id = $2");
        let row: Option<DropRow> = sqlx::query_as(&sql)
            .bind(id)
            .bind(account_id)
            .fetch_optional(&self.pool)
            .await
            .context("select owned drop")?;
        self.with_products_one(row.map(Drop::from)).await
    }

    /// The artist's drops, newest first.
    #[tracing::instrument(skip(self))]
    pub async fn drops_of(&self, account_id: &str) -> anyhow::Result<Vec<Drop>> {
        let sql = format!("SELECT {DROP_COLUMNS} FROM drops WHERE account_id = $1 ORDER BY created_at DESC, id DESC");
        let rows: Vec<DropRow> =
            sqlx::query_as(&sql).bind(account_id).fetch_all(&self.pool).await.context("select drops of account")?;
        self.with_products(rows.into_iter().map(Drop::from).collect()).await
    }

    async fn with_products_one(&self, drop: Option<Drop>) -> anyhow::Result<Option<Drop>> {
        Ok(match drop {
            Some(d) => self.with_products(vec![d]).await?.pop(),
            None => None,
        })
    }

    /// Each drop with its products (the T-shirt alone for a drop that has
    /// no rows, as written by hand).
    pub(super) async fn with_products(&self, mut drops: Vec<Drop>) -> anyhow::Result<Vec<Drop>> {
        let ids: Vec<(&str, crate::domain::Currency)> = drops.iter().map(|d| (d.id.as_str(), d.currency())).collect();
        let mut found = self.products_of(&ids).await?;
        for drop in &mut drops {
            drop.products = match found.remove(drop.id.as_str()) {
                Some(products) => products,
                None => vec![crate::domain::DropProduct {
                    product: crate::domain::Product::Tee,
                    price: drop.price,
                    sizes: drop.sizes.as_slice().to_vec(),
                    colours: drop.colours.as_slice().to_vec(),
                    stock: drop.stock,
                    sold: drop.sold,
                    reserved: drop.reserved,
                }],
            };
        }
        Ok(drops)
    }

    /// Shows or hides the money raised on the public storefront.
    #[tracing::instrument(skip(self))]
    pub async fn set_show_raised(&self, id: &str, account_id: &str, show: bool) -> anyhow::Result<bool> {
        let sql = format!(
            "UPDATE drops SET show_raised = $1, version = version + 1 WHERE id = $2 AND account_id = $3{}",
            returning_announce(self.backend)
        );
        let done = sqlx::query(&sql)
            .bind(i64::from(show))
            .bind(id)
            .bind(account_id)
            .execute(&self.pool)
            .await
            .context("set show_raised")?;
        let changed = done.rows_affected() == 1;
        if changed {
            self.committed(id);
        }
        Ok(changed)
    }

    /// Ends a live drop now. Returns false when it was not the artist's or had
    /// already ended.
    #[tracing::instrument(skip(self))]
    pub async fn end_drop(&self, id: &str, account_id: &str) -> anyhow::Result<bool> {
        let now = self.now_ms();
        let _gate = self.write_gate().await;
        let mut tx = self.begin().await.context("begin end drop")?;
        let sql = format!(
            "UPDATE drops SET ended_at = $1, version = version + 1 \
             WHERE id = $2 AND account_id = $3 AND ended_at IS NULL{}",
            returning_announce(backend_of(&tx))
        );
        let done = sqlx::query(&sql).bind(now).bind(id).bind(account_id).execute(&mut *tx).await.context("end drop")?;
        let changed = done.rows_affected() == 1;
        if changed {
            super::outbox::drop_ended(&mut tx, id, now).await?;
        }
        tx.commit().await.context("commit end drop")?;
        if changed {
            self.committed(id);
        }
        Ok(changed)
    }

    /// Opens an ended or sold-out drop again (a new wave): a new end (or
    /// none), `add_stock` more shirts (ignored when stock is unlimited) and
    /// perhaps a new price; orders and totals carry on. Returns the new wave
    /// number, or `None` when the drop is not the artist's, is still live,
    /// or would still have nothing to sell.
    #[tracing::instrument(skip(self))]
    pub async fn reopen_drop(
        &self,
        id: &str,
        account_id: &str,
        wave: &NewWave,
        now: i64,
    ) -> anyhow::Result<Option<i64>> {
        let _gate = self.write_gate().await;
        let mut tx = self.begin().await.context("begin reopen")?;
        let sql = format!(
            "UPDATE drops SET ended_at = NULL, ends_at = $1, \
             stock = CASE WHEN stock IS NULL THEN NULL ELSE stock + $2 END, \
             price_minor = COALESCE($3, price_minor), wave = wave + 1, version = version + 1 \
             WHERE id = $4 AND account_id = $5 \
             AND (ended_at IS NOT NULL OR (ends_at IS NOT NULL AND ends_at <= $6) \
                  OR (stock IS NOT NULL AND sold + reserved >= stock)) \
             AND (stock IS NULL OR stock + $2 > sold + reserved) \
             RETURNING wave, price_minor{}",
            and_announce(backend_of(&tx))
        );
        let row: Option<(i64, i64)> = sqlx::query_as(&sql)
            .bind(wave.ends_at)
            .bind(wave.add_stock)
            .bind(wave.price_minor)
            .bind(id)
            .bind(account_id)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await
            .context("reopen drop")?;
        let Some((number, price_minor)) = row else {
            tx.rollback().await.ok();
            return Ok(None);
        };
        super::products::products_reopened(&mut tx, id, wave.add_stock, price_minor).await?;
        sqlx::query(
            "INSERT INTO drop_waves (drop_id, number, started_at, added_stock, price_minor, ends_at) \
             SELECT id, $1, $2, CASE WHEN stock IS NULL THEN NULL ELSE $3 END, $4, $5 FROM drops WHERE id = $6",
        )
        .bind(number)
        .bind(now)
        .bind(wave.add_stock)
        .bind(price_minor)
        .bind(wave.ends_at)
        .bind(id)
        .execute(&mut *tx)
        .await
        .context("record wave")?;
        super::waitlist::mail_waitlist(&mut tx, id, number, now).await?;
        tx.commit().await.context("commit reopen")?;
        self.committed(id);
        Ok(Some(number))
    }

    /// When each later wave of the drop began: (wave number, unix ms), in order.
    #[tracing::instrument(skip(self))]
    pub async fn waves_of(&self, drop_id: &str) -> anyhow::Result<Vec<(i64, i64)>> {
        let rows: Vec<(i64, i64)> =
            sqlx::query_as("SELECT number, started_at FROM drop_waves WHERE drop_id = $1 ORDER BY number")
                .bind(drop_id)
                .fetch_all(&self.pool)
                .await
                .context("select waves")?;
        Ok(rows)
    }
}

/// A new wave of a drop, as the artist set it (already validated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewWave {
    /// Unix ms; `None`: open until the artist ends it.
    pub ends_at: Option<i64>,
    /// Shirts added to a limited stock.
    pub add_stock: i64,
    /// The new price in the drop's currency; `None` keeps it.
    pub price_minor: Option<i64>,
}
