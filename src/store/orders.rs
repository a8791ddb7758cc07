//! Orders and stock. Stock is reserved by one conditional update
//! (`… WHERE sold + reserved + q <= stock`) inside a short transaction that also
//! inserts the pending order; no read-then-write, no lock held across a call to
//! the payment provider.

use super::changes::{backend_of, returning_announce};
use super::{Backend, Store};
use crate::domain::{
    Buyer, Carrier, Currency, Fulfilment, Money, Order, OrderLine, OrderStatus, Product, ShirtColour, Size, Way,
};
use anyhow::Context;

/// Paid units of one product in one size ("" for one size) and colour.
pub type Variant = (String, String, String, i64);

/// A checkout about to start.
#[derive(Debug, Clone)]
pub struct NewOrder {
    /// Chosen by the caller, so a provider whose session id follows from it
    /// (the demo) can be recorded in the same transaction.
    pub id: crate::domain::OrderId,
    pub drop_id: crate::domain::DropId,
    /// What the fan picked, at the price each line pays (after a code); at
    /// least one line, at most `Quantity::MAX` units in all.
    pub lines: Vec<OrderLine>,
    /// Each product's price the lines were worked out from: the hold is
    /// taken only while the drop's products still have it.
    pub list_prices: Vec<(Product, i64)>,
    /// Shipping for the whole order (zero when free); the order's amount is
    /// the shirts plus this.
    pub shipping_cost: Money,
    pub provider: &'static str,
    /// Unix milliseconds after which the reservation may be released.
    pub expires_at: i64,
    /// Checkout session (id, url) when known before the provider is asked.
    pub session: Option<(String, String)>,
    /// Who asks (see `sales::ClientKey`): one client may hold at most
    /// `shirts_per_client` shirts of a drop in unpaid checkouts.
    pub client_key: String,
    pub shirts_per_client: i64,
    /// With Stripe Connect: the artist's account and popshop's fee (minor units).
    pub payout: Option<(String, i64)>,
    /// A promo code used: its id and its spelling (the lines' prices are
    /// already discounted; each line says what it took off).
    pub promo: Option<(String, String)>,
    /// The share link the fan came by (`domain::source`).
    pub source: crate::domain::source::Source,
    /// Whether tax is included in the price or added at checkout (Stripe
    /// Tax), or none is worked out.
    pub tax: crate::domain::TaxMode,
}

impl NewOrder {
    /// What the fan pays: every line plus shipping, in minor units.
    pub fn total_minor(&self) -> i64 {
        self.lines.iter().map(|l| l.amount().minor()).sum::<i64>() + self.shipping_cost.minor()
    }

    /// Units of every line.
    pub fn quantity(&self) -> i64 {
        self.lines.iter().map(|l| l.quantity).sum()
    }

    /// What the code took off the whole order.
    pub fn discount_minor(&self) -> i64 {
        self.lines.iter().map(|l| l.discount.minor()).sum()
    }

    fn currency(&self) -> Currency {
        self.shipping_cost.currency()
    }

    fn first(&self) -> Option<&OrderLine> {
        self.lines.first()
    }
}

/// What came of trying to reserve stock.
#[derive(Debug)]
pub enum Reservation {
    Reserved(Box<Order>),
    /// Not enough of `product` left; `left` is what remains for new buyers.
    SoldOut {
        product: crate::domain::Product,
        left: i64,
    },
    /// Ended, or gone.
    NotLive,
    /// This order would take the client past the `open` shirts of this drop
    /// one client may hold in unpaid checkouts.
    TooManyHolds {
        open: i64,
    },
    /// The promo code ran out or ended just now.
    PromoGone,
    /// This client already holds an unpaid checkout with this limited code.
    PromoHeld,
    /// A product's price is no longer its `list_prices` entry (a new
    /// wave): work the order out again from the drop as it is.
    PriceChanged,
}

row! {
    pub(super) struct OrderRow {
        id: crate::domain::OrderId,
        drop_id: crate::domain::DropId,
        number: Option<i64>,
        size: String,
        colour: String,
        quantity: i64,
        unit_amount: i64,
        amount: i64,
        currency: String,
        status: String,
        provider: String,
        session_id: Option<String>,
        checkout_url: Option<String>,
        payment_intent: Option<String>,
        email: Option<String>,
        name: Option<String>,
        shipping: Option<String>,
        created_at: i64,
        expires_at: i64,
        paid_at: Option<i64>,
        shipping_minor: i64,
        destination: String,
        application_fee: i64,
        promo_code: String,
        discount_minor: i64,
        view_token: Option<String>,
        fulfilment: String,
        produced_at: Option<i64>,
        shipped_at: Option<i64>,
        delivered_at: Option<i64>,
        carrier: String,
        tracking_number: String,
        tracking_url: String,
        fulfilment_note: String,
        tax_mode: String,
        tax_minor: i64,
    }
}

pub(super) const ORDER_COLUMNS: &str = "id, drop_id, number, size, colour, quantity, unit_amount, amount, currency, status, \
     provider, session_id, checkout_url, payment_intent, email, name, shipping, created_at, expires_at, paid_at, shipping_minor, \
     destination, application_fee, promo_code, discount_minor, view_token, fulfilment, produced_at, shipped_at, \
     delivered_at, carrier, tracking_number, tracking_url, fulfilment_note, tax_mode, tax_minor";

impl From<OrderRow> for Order {
    fn from(r: OrderRow) -> Self {
        let currency = Currency::parse(&r.currency).unwrap_or(Currency::Usd);
        let size = Size::parse(&r.size).unwrap_or(Size::M);
        let colour = ShirtColour::parse(&r.colour).unwrap_or(ShirtColour::PALETTE[0]);
        // Until `Store::attach_lines` reads them: the one line every order
        // before carts had.
        let lines = vec![OrderLine {
            product: crate::domain::Product::Tee,
            size: Some(size),
            colour,
            quantity: r.quantity,
            unit_amount: Money::from_minor(r.unit_amount, currency),
            discount: Money::from_minor(r.discount_minor, currency),
        }];
        Order {
            lines,
            id: r.id,
            drop_id: r.drop_id,
            number: r.number,
            // Written from the typed values; an unknown one (edited by hand)
            // reads as the first of its kind rather than failing the page.
            size,
            colour,
            quantity: r.quantity,
            unit_amount: Money::from_minor(r.unit_amount, currency),
            amount: Money::from_minor(r.amount, currency),
            status: OrderStatus::parse(&r.status),
            provider: r.provider,
            session_id: r.session_id,
            checkout_url: r.checkout_url,
            payment_intent: r.payment_intent,
            email: r.email,
            name: r.name,
            shipping: r.shipping.and_then(|s| serde_json::from_str(&s).ok()),
            created_at: r.created_at,
            expires_at: r.expires_at,
            paid_at: r.paid_at,
            shipping_cost: Money::from_minor(r.shipping_minor, currency),
            destination: Some(r.destination).filter(|d| !d.is_empty()),
            application_fee: Money::from_minor(r.application_fee, currency),
            promo_code: Some(r.promo_code).filter(|c| !c.is_empty()),
            discount: Money::from_minor(r.discount_minor, currency),
            view_token: r.view_token,
            way: Way {
                fulfilment: Fulfilment::parse(&r.fulfilment),
                produced_at: r.produced_at,
                shipped_at: r.shipped_at,
                delivered_at: r.delivered_at,
                carrier: Carrier::parse(&r.carrier),
                tracking_number: r.tracking_number,
                tracking_url: Some(r.tracking_url).filter(|u| !u.is_empty()),
                note: r.fulfilment_note,
            },
            tax_mode: crate::domain::TaxMode::parse(&r.tax_mode),
            tax: Money::from_minor(r.tax_minor, currency),
        }
    }
}

impl Store {
    /// Reserves stock and creates the pending order, atomically.
    #[tracing::instrument(skip(self, new), fields(drop = %new.drop_id, quantity = new.quantity()))]
    pub async fn reserve(&self, new: &NewOrder) -> anyhow::Result<Reservation> {
        let now = self.now_ms();
        let gate = self.write_gate().await;
        let mut tx = self.begin().await.context("begin reservation")?;
        // SQLite: the write gate serialises everything, so the order of the
        // statements does not matter. PostgreSQL: the drop's row, which every
        // checkout of the drop contends for, is locked by the stock update
        // until the commit, so only one more round trip may follow it: the
        // client's hold count and the order in one statement.
        let postgres = self.backend == Backend::Postgres;
        let Some(first) = new.first() else { anyhow::bail!("an order without lines") };
        if !postgres && !self.hold_allowed(&new.drop_id, &new.client_key, new.shirts_per_client, new.quantity()).await?
        {
            tx.rollback().await.ok();
            return Ok(Reservation::TooManyHolds { open: new.shirts_per_client });
        }
        // The code's use first (on PostgreSQL before the drop's row is
        // locked); a failed stock update below rolls it back.
        if let Some((promo_id, ..)) = &new.promo
            && let Err(no) = super::promos::take_use(&mut tx, promo_id, &new.client_key, now).await?
        {
            tx.rollback().await.ok();
            return Ok(match no {
                super::promos::NoUse::Gone => Reservation::PromoGone,
                super::promos::NoUse::HeldByClient => Reservation::PromoHeld,
            });
        }
        // Every line's product, or none: the drop's totals first (its row
        // is the lock), then each product's own stock at its price.
        if !take_stock(&mut tx, new, now).await?
            || !super::products::take_products(&mut tx, &new.drop_id, &per_product(new)).await?
        {
            tx.rollback().await.ok();
            drop(gate);
            return self.why_not_reserved(new, now).await;
        }
        let view_token = super::random_token();
        if !insert_order(&mut tx, new, &view_token, now, postgres).await? {
            tx.rollback().await.ok();
            return Ok(Reservation::TooManyHolds { open: new.shirts_per_client });
        }
        super::products::insert_lines(&mut tx, &new.id, &new.lines).await?;
        let amount = new.total_minor();
        let (session_id, checkout_url) = new.session.clone().unzip();
        tx.commit().await.context("commit reservation")?;
        if !postgres {
            self.hold_taken(&new.drop_id, &new.client_key, new.quantity());
        }
        let currency = new.currency();
        drop(gate);
        self.committed(&new.drop_id);
        Ok(Reservation::Reserved(Box::new(Order {
            id: new.id.clone(),
            drop_id: new.drop_id.clone(),
            number: None,
            size: first.size.unwrap_or(Size::M),
            colour: first.colour,
            quantity: new.quantity(),
            unit_amount: first.unit_amount,
            amount: Money::from_minor(amount, currency),
            shipping_cost: new.shipping_cost,
            status: OrderStatus::Pending,
            provider: new.provider.to_owned(),
            session_id,
            checkout_url,
            payment_intent: None,
            email: None,
            name: None,
            shipping: None,
            created_at: now,
            expires_at: new.expires_at,
            paid_at: None,
            destination: new.payout.as_ref().map(|(account, _)| account.clone()),
            application_fee: Money::from_minor(new.payout.as_ref().map_or(0, |p| p.1), currency),
            promo_code: new.promo.as_ref().map(|p| p.1.clone()),
            discount: Money::from_minor(new.discount_minor(), currency),
            view_token: Some(view_token),
            way: Way::default(),
            tax_mode: new.tax,
            tax: Money::from_minor(0, currency),
            lines: new.lines.clone(),
        })))
    }

    async fn why_not_reserved(&self, new: &NewOrder, now: i64) -> anyhow::Result<Reservation> {
        /// stock, sold, reserved, ended_at, ends_at
        type Availability = (Option<i64>, i64, i64, Option<i64>, Option<i64>);
        let row: Option<Availability> =
            sqlx::query_as("SELECT stock, sold, reserved, ended_at, ends_at FROM drops WHERE id = $1")
                .bind(&new.drop_id)
                .fetch_optional(&self.pool)
                .await
                .context("read drop after failed reservation")?;
        Ok(match row {
            Some((_, _, _, ended, ends)) if ended.is_some() || ends.is_some_and(|e| e <= now) => Reservation::NotLive,
            Some(_) => self.why_no_product(new).await?,
            None => Reservation::NotLive,
        })
    }

    /// Which of the order's products ran short or changed price.
    async fn why_no_product(&self, new: &NewOrder) -> anyhow::Result<Reservation> {
        let drop = self.drop_by_id(&new.drop_id).await?;
        let Some(drop) = drop else { return Ok(Reservation::NotLive) };
        let mut answer = Reservation::NotLive;
        for (product, (quantity, price)) in per_product(new) {
            let Some(now) = drop.product(product) else { return Ok(Reservation::NotLive) };
            match now.units_left() {
                Some(left) if left < quantity => return Ok(Reservation::SoldOut { product, left }),
                _ if now.price.minor() != price => answer = Reservation::PriceChanged,
                _ => {}
            }
        }
        Ok(answer)
    }

    /// Records the provider's checkout session on a still-pending order.
    /// False when the hold was released meanwhile (a very slow provider):
    /// then nobody may be sent to pay on that page.
    #[tracing::instrument(skip(self, url))]
    pub async fn attach_session(&self, order_id: &str, session_id: &str, url: &str) -> anyhow::Result<bool> {
        let _gate = self.write_gate().await;
        let done = sqlx::query(
            "UPDATE orders SET session_id = $1, checkout_url = $2, updated_at = $3 WHERE id = $4 AND status = 'pending'",
        )
        .bind(session_id)
        .bind(url)
        .bind(self.now_ms())
        .bind(order_id)
        .execute(&self.pool)
        .await
        .context("attach checkout session")?;
        Ok(done.rows_affected() == 1)
    }

    /// Marks an order as looked at now (moves it to the back of retry queues).
    pub async fn touch_order(&self, order_id: &str) -> anyhow::Result<()> {
        let _gate = self.write_gate().await;
        sqlx::query("UPDATE orders SET updated_at = $1 WHERE id = $2")
            .bind(self.now_ms())
            .bind(order_id)
            .execute(&self.pool)
            .await
            .context("touch order")?;
        Ok(())
    }

    /// Keeps a pending hold until `until` (unix ms): its checkout page could
    /// not be closed yet, so the sweeper asks again then.
    pub async fn postpone_hold(&self, order_id: &str, until: i64) -> anyhow::Result<()> {
        let _gate = self.write_gate().await;
        sqlx::query("UPDATE orders SET expires_at = $1, updated_at = $2 WHERE id = $3 AND status = 'pending'")
            .bind(until)
            .bind(self.now_ms())
            .bind(order_id)
            .execute(&self.pool)
            .await
            .context("postpone hold")?;
        Ok(())
    }

    /// Ends an order that still holds stock (`pending` or `processing`) with
    /// `to` and gives its shirts back. Returns false when it held none.
    #[tracing::instrument(skip(self))]
    pub async fn release(&self, order_id: &str, to: OrderStatus) -> anyhow::Result<bool> {
        let _gate = self.write_gate().await;
        let mut tx = self.begin().await.context("begin release")?;
        let released = release_in(&mut tx, order_id, to, self.now_ms()).await?;
        tx.commit().await.context("commit release")?;
        if let Some(drop_id) = &released {
            self.committed(drop_id);
        }
        Ok(released.is_some())
    }

    pub async fn order_by_id(&self, id: &str) -> anyhow::Result<Option<Order>> {
        let sql = format!("SELECT {ORDER_COLUMNS} FROM orders WHERE id = $1");
        let row: Option<OrderRow> =
            sqlx::query_as(&sql).bind(id).fetch_optional(&self.pool).await.context("select order")?;
        self.one_with_lines(row.map(Order::from)).await
    }

    /// The order whose page is `/orders/{token}`.
    pub async fn order_by_view_token(&self, token: &str) -> anyhow::Result<Option<Order>> {
        let sql = format!("SELECT {ORDER_COLUMNS} FROM orders WHERE view_token = $1");
        let row: Option<OrderRow> =
            sqlx::query_as(&sql).bind(token).fetch_optional(&self.pool).await.context("select order by page")?;
        self.one_with_lines(row.map(Order::from)).await
    }

    /// The order page's secret, written now for an order older than order
    /// pages (first writer wins; every caller gets the same one).
    pub async fn order_view_token(&self, order: &Order) -> anyhow::Result<String> {
        if let Some(token) = &order.view_token {
            return Ok(token.clone());
        }
        sqlx::query("UPDATE orders SET view_token = $1 WHERE id = $2 AND view_token IS NULL")
            .bind(super::random_token())
            .bind(&order.id)
            .execute(&self.pool)
            .await
            .context("give the order a page")?;
        let (token,): (String,) = sqlx::query_as("SELECT view_token FROM orders WHERE id = $1")
            .bind(&order.id)
            .fetch_one(&self.pool)
            .await
            .context("read the order page's token")?;
        Ok(token)
    }

    pub async fn order_by_session(&self, session_id: &str) -> anyhow::Result<Option<Order>> {
        let sql = format!("SELECT {ORDER_COLUMNS} FROM orders WHERE session_id = $1");
        let row: Option<OrderRow> = sqlx::query_as(&sql)
            .bind(session_id)
            .fetch_optional(&self.pool)
            .await
            .context("select order by session")?;
        self.one_with_lines(row.map(Order::from)).await
    }

    /// A drop's orders that got past checkout (paid, processing, refunded…), newest first.
    pub async fn orders_of_drop(
        &self,
        drop_id: &str,
        statuses: &[OrderStatus],
        limit: i64,
    ) -> anyhow::Result<Vec<Order>> {
        let list = statuses.iter().map(|s| format!("'{}'", s.as_str())).collect::<Vec<_>>().join(", ");
        let sql = format!(
            "SELECT {ORDER_COLUMNS} FROM orders WHERE drop_id = $1 AND status IN ({list}) \
             ORDER BY COALESCE(paid_at, created_at) DESC, id DESC LIMIT $2"
        );
        let rows: Vec<OrderRow> = sqlx::query_as(&sql)
            .bind(drop_id)
            .bind(limit)
            .fetch_all(&self.pool)
            .await
            .context("select orders of drop")?;
        self.with_lines(rows.into_iter().map(Order::from).collect()).await
    }

    /// What the artist's charts need: paid units per (product, size, colour) and each
    /// paid order's (paid_at, quantity), oldest first.
    pub async fn drop_sales(&self, drop_id: &str) -> anyhow::Result<(Vec<Variant>, Vec<(i64, i64)>)> {
        let by_variant = sqlx::query_as(
            "SELECT l.product, l.size, l.colour, CAST(SUM(l.quantity) AS BIGINT) FROM order_lines l \
             JOIN orders o ON o.id = l.order_id WHERE o.drop_id = $1 AND o.status = 'paid' \
             GROUP BY l.product, l.size, l.colour",
        )
        .bind(drop_id)
        .fetch_all(&self.pool)
        .await
        .context("sales per size and colour")?;
        let timeline = sqlx::query_as(
            "SELECT paid_at, quantity FROM orders WHERE drop_id = $1 AND status = 'paid' AND paid_at IS NOT NULL ORDER BY paid_at",
        )
        .bind(drop_id)
        .fetch_all(&self.pool)
        .await
        .context("sales over time")?;
        Ok((by_variant, timeline))
    }

    /// Pending orders whose hold ran out before `before` (unix ms), oldest first.
    pub async fn stale_pending_orders(&self, before: i64, limit: i64) -> anyhow::Result<Vec<Order>> {
        let sql = format!(
            "SELECT {ORDER_COLUMNS} FROM orders WHERE status = 'pending' AND expires_at < $1 ORDER BY expires_at LIMIT $2"
        );
        let rows: Vec<OrderRow> = sqlx::query_as(&sql)
            .bind(before)
            .bind(limit)
            .fetch_all(&self.pool)
            .await
            .context("select stale pending orders")?;
        self.with_lines(rows.into_iter().map(Order::from).collect()).await
    }

    /// Orders in `status` last touched before `updated_before` (unix ms),
    /// least recently touched first (e.g. refunds owed, to retry).
    pub async fn orders_in_status(
        &self,
        status: OrderStatus,
        updated_before: i64,
        limit: i64,
    ) -> anyhow::Result<Vec<Order>> {
        let sql = format!(
            "SELECT {ORDER_COLUMNS} FROM orders WHERE status = $1 AND updated_at < $2 ORDER BY updated_at, id LIMIT $3"
        );
        let rows: Vec<OrderRow> = sqlx::query_as(&sql)
            .bind(status.as_str())
            .bind(updated_before)
            .bind(limit)
            .fetch_all(&self.pool)
            .await
            .context("select orders in status")?;
        self.with_lines(rows.into_iter().map(Order::from).collect()).await
    }

    /// Paid orders an operator asked to refund (`Store::request_refunds`):
    /// untouched since the request, or (after a failed try) since
    /// `updated_before`; oldest request first.
    pub async fn refunds_requested(&self, updated_before: i64, limit: i64) -> anyhow::Result<Vec<Order>> {
        let sql = format!(
            "SELECT {ORDER_COLUMNS} FROM orders WHERE refund_requested_at IS NOT NULL AND status = 'paid' \
             AND (updated_at <= refund_requested_at OR updated_at < $1) ORDER BY refund_requested_at, id LIMIT $2"
        );
        let rows: Vec<OrderRow> = sqlx::query_as(&sql)
            .bind(updated_before)
            .bind(limit)
            .fetch_all(&self.pool)
            .await
            .context("select requested refunds")?;
        self.with_lines(rows.into_iter().map(Order::from).collect()).await
    }

    pub(super) async fn with_lines(&self, mut orders: Vec<Order>) -> anyhow::Result<Vec<Order>> {
        self.attach_lines(&mut orders).await?;
        Ok(orders)
    }

    async fn one_with_lines(&self, order: Option<Order>) -> anyhow::Result<Option<Order>> {
        Ok(match order {
            Some(o) => self.with_lines(vec![o]).await?.pop(),
            None => None,
        })
    }

    /// Shipping details collected at checkout.
    pub(super) async fn store_buyer(
        tx: &mut sqlx::Transaction<'_, sqlx::Any>,
        order_id: &str,
        buyer: &Buyer,
    ) -> anyhow::Result<()> {
        sqlx::query(
            "UPDATE orders SET email = COALESCE($1, email), name = COALESCE($2, name), shipping = COALESCE($3, shipping), \
             payment_intent = COALESCE($4, payment_intent) WHERE id = $5",
        )
        .bind(buyer.email.as_deref())
        .bind(buyer.name.as_deref())
        .bind(buyer.shipping.as_ref().and_then(|s| serde_json::to_string(s).ok()))
        .bind(buyer.payment_intent.as_deref())
        .bind(order_id)
        .execute(&mut **tx)
        .await
        .context("store buyer details")?;
        Ok(())
    }
}

/// Moves a stock-holding order to `to` and returns its shirts, inside `tx`;
/// the drop whose stock came back, if it held any.
pub(super) async fn release_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    order_id: &str,
    to: OrderStatus,
    now: i64,
) -> anyhow::Result<Option<String>> {
    let row: Option<(String, i64, Option<String>, String)> = sqlx::query_as(
        "UPDATE orders SET status = $1, updated_at = $2 WHERE id = $3 AND status IN ('pending', 'processing') \
         RETURNING drop_id, quantity, client_key, promo_id",
    )
    .bind(to.as_str())
    .bind(now)
    .bind(order_id)
    .fetch_optional(&mut **tx)
    .await
    .context("mark order released")?;
    let Some((drop_id, quantity, client_key, promo_id)) = row else { return Ok(None) };
    // Rows are locked in the order a reservation locks them (promo code,
    // drop, products, then the client's holds): two transactions on
    // PostgreSQL never wait for each other in a circle.
    if !promo_id.is_empty() {
        super::promos::give_back(tx, &promo_id).await?;
    }
    let sql = format!(
        "UPDATE drops SET reserved = reserved - $1, version = version + 1 WHERE id = $2{}",
        returning_announce(backend_of(tx))
    );
    sqlx::query(&sql).bind(quantity).bind(&drop_id).execute(&mut **tx).await.context("return reserved stock")?;
    super::products::move_lines(tx, order_id, &drop_id, super::products::Move::Released).await?;
    hold_ended(tx, &drop_id, client_key.as_deref(), quantity).await?;
    Ok(Some(drop_id))
}

/// An order of `shirts` stopped holding stock (paid or released): on
/// PostgreSQL its client holds that many less (SQLite's in-memory book is
/// recounted instead).
pub(super) async fn hold_ended(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    drop_id: &str,
    client_key: Option<&str>,
    shirts: i64,
) -> anyhow::Result<()> {
    let Some(client_key) = client_key else { return Ok(()) };
    if backend_of(tx) != Backend::Postgres {
        return Ok(());
    }
    sqlx::query(
        "UPDATE client_holds SET open = CASE WHEN open > $3 THEN open - $3 ELSE 0 END \
         WHERE drop_id = $1 AND client_key = $2 AND open > 0",
    )
    .bind(drop_id)
    .bind(client_key)
    .bind(shirts)
    .execute(&mut **tx)
    .await
    .context("fewer shirts held by the client")?;
    Ok(())
}

/// PostgreSQL: this order's shirts ($7) held by this client of this drop,
/// unless that would pass its share ($3): a conditional upsert on the
/// (drop, client) row.
const COUNT_HOLD: &str = "INSERT INTO client_holds (drop_id, client_key, open) VALUES ($1, $2, $7) \
     ON CONFLICT (drop_id, client_key) DO UPDATE SET open = client_holds.open + $7 \
     WHERE client_holds.open + $7 <= $3";

/// The order's units and list price per product.
fn per_product(new: &NewOrder) -> std::collections::BTreeMap<Product, (i64, i64)> {
    let lines: Vec<(Product, i64, i64)> = new
        .lines
        .iter()
        .map(|l| {
            let price = new.list_prices.iter().find(|(p, _)| *p == l.product).map_or(0, |(_, price)| *price);
            (l.product, l.quantity, price)
        })
        .collect();
    super::products::units_per_product(&lines)
}

/// Reserves the shirts if the drop is live and has them.
async fn take_stock(tx: &mut sqlx::Transaction<'_, sqlx::Any>, new: &NewOrder, now: i64) -> anyhow::Result<bool> {
    let sql = format!(
        "UPDATE drops SET reserved = reserved + $1, checkouts_started = checkouts_started + 1, version = version + 1 \
         WHERE id = $2 AND ended_at IS NULL AND taken_down_at IS NULL AND (ends_at IS NULL OR ends_at > $3) \
         AND (stock IS NULL OR sold + reserved + $1 <= stock){}",
        returning_announce(backend_of(tx))
    );
    let reserved = sqlx::query(&sql)
        .bind(new.quantity())
        .bind(&new.drop_id)
        .bind(now)
        .execute(&mut **tx)
        .await
        .context("reserve stock")?;
    Ok(reserved.rows_affected() == 1)
}

/// Inserts the pending order. With `count_hold_too` (PostgreSQL) the
/// client's hold is counted in the same statement (a data-modifying CTE);
/// false when the client already holds its share.
async fn insert_order(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    new: &NewOrder,
    view_token: &str,
    now: i64,
    count_hold_too: bool,
) -> anyhow::Result<bool> {
    const COLUMNS: &str = "id, drop_id, size, colour, quantity, unit_amount, amount, currency, status, provider, \
         created_at, expires_at, updated_at, session_id, checkout_url, client_key, shipping_minor, destination, \
         application_fee, promo_id, promo_code, discount_minor, source, view_token, tax_mode";
    const VALUES: &str = "$4, $1, $5, $6, $7, $8, $9, $10, 'pending', $11, $12, $13, $12, $14, $15, $2, $16, $17, $18, \
         $19, $20, $21, $22, $23, $24";
    let sql = if count_hold_too {
        format!("WITH hold AS ({COUNT_HOLD} RETURNING 1) INSERT INTO orders ({COLUMNS}) SELECT {VALUES} FROM hold")
    } else {
        format!("INSERT INTO orders ({COLUMNS}) VALUES ({VALUES})")
    };
    let (session_id, checkout_url) = new.session.clone().unzip();
    let Some(first) = new.first() else { anyhow::bail!("an order without lines") };
    let inserted = sqlx::query(&sql)
        .bind(&new.drop_id)
        .bind(&new.client_key)
        .bind(new.shirts_per_client)
        .bind(&new.id)
        .bind(first.size.map_or("", Size::label))
        .bind(first.colour.key)
        .bind(new.quantity())
        .bind(first.unit_amount.minor())
        .bind(new.total_minor())
        .bind(new.currency().code())
        .bind(new.provider)
        .bind(now)
        .bind(new.expires_at)
        .bind(session_id.as_deref())
        .bind(checkout_url.as_deref())
        .bind(new.shipping_cost.minor())
        .bind(new.payout.as_ref().map_or("", |(account, _)| account.as_str()))
        .bind(new.payout.as_ref().map_or(0, |p| p.1))
        .bind(new.promo.as_ref().map_or("", |p| p.0.as_str()))
        .bind(new.promo.as_ref().map_or("", |p| p.1.as_str()))
        .bind(new.discount_minor())
        .bind(new.source.as_str())
        .bind(view_token)
        .bind(new.tax.as_str())
        .execute(&mut **tx)
        .await
        .context("insert pending order")?;
    Ok(inserted.rows_affected() == 1)
}
