//! A drop's products and an order's lines. Every statement here runs
//! inside the caller's transaction, right after the statement that moved
//! the drop's own totals: the drop's row is locked first (on PostgreSQL),
//! so its products' rows are only ever changed in that order.

use super::Store;
use crate::domain::{DropProduct, Money, Order, OrderLine, Product, ShirtColour, ShirtColours, Size, Sizes};
use anyhow::Context;
use sqlx::{Any, Transaction};
use std::collections::BTreeMap;

/// One product of a drop about to launch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProduct {
    pub product: Product,
    pub price: Money,
    pub sizes: Vec<Size>,
    pub colours: Vec<ShirtColour>,
    /// `None`: unlimited.
    pub stock: Option<i64>,
}

type ProductRow = (String, String, i64, String, String, Option<i64>, i64, i64);

fn sizes_to_db(sizes: &[Size]) -> String {
    sizes.iter().map(|s| s.label()).collect::<Vec<_>>().join(",")
}

fn colours_to_db(colours: &[ShirtColour]) -> String {
    colours.iter().map(|c| c.key).collect::<Vec<_>>().join(",")
}

/// Saves the products of a new drop, in the order given.
pub(super) async fn insert_products(
    tx: &mut Transaction<'_, Any>,
    drop_id: &str,
    products: &[NewProduct],
) -> anyhow::Result<()> {
    for (position, p) in products.iter().enumerate() {
        sqlx::query(
            "INSERT INTO drop_products (drop_id, product, position, price_minor, sizes, colours, stock) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(drop_id)
        .bind(p.product.key())
        .bind(position as i64)
        .bind(p.price.minor())
        .bind(sizes_to_db(&p.sizes))
        .bind(colours_to_db(&p.colours))
        .bind(p.stock)
        .execute(&mut **tx)
        .await
        .context("insert drop product")?;
    }
    Ok(())
}

/// The lines of a new order, in one statement.
pub(super) async fn insert_lines(
    tx: &mut Transaction<'_, Any>,
    order_id: &str,
    lines: &[OrderLine],
) -> anyhow::Result<()> {
    let rows = (0..lines.len())
        .map(|i| {
            let b = i * 8;
            format!("(${}, ${}, ${}, ${}, ${}, ${}, ${}, ${})", b + 1, b + 2, b + 3, b + 4, b + 5, b + 6, b + 7, b + 8)
        })
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "INSERT INTO order_lines (order_id, line, product, size, colour, quantity, unit_amount, discount_minor) \
         VALUES {rows}"
    );
    let mut query = sqlx::query(&sql);
    for (n, line) in lines.iter().enumerate() {
        query = query
            .bind(order_id)
            .bind(n as i64 + 1)
            .bind(line.product.key())
            .bind(line.size_key())
            .bind(line.colour.key)
            .bind(line.quantity)
            .bind(line.unit_amount.minor())
            .bind(line.discount.minor());
    }
    query.execute(&mut **tx).await.context("insert order lines")?;
    Ok(())
}

/// Units per product over `lines`, with the product's price the order was
/// worked out from (before a code).
pub fn units_per_product(lines: &[(Product, i64, i64)]) -> BTreeMap<Product, (i64, i64)> {
    let mut per: BTreeMap<Product, (i64, i64)> = BTreeMap::new();
    for (product, quantity, price) in lines {
        let entry = per.entry(*product).or_insert((0, *price));
        entry.0 += quantity;
    }
    per
}

/// Reserves every product's units of a new order, each at the price it
/// was worked out from: all or none (false, and the caller rolls back). One
/// statement for every product: a `CASE` per product gives its units and
/// price, and every product's row must take them.
pub(super) async fn take_products(
    tx: &mut Transaction<'_, Any>,
    drop_id: &str,
    per_product: &BTreeMap<Product, (i64, i64)>,
) -> anyhow::Result<bool> {
    // $1 the drop; then per product: its key, units and price.
    let case = |column: usize| {
        let arms: String =
            (0..per_product.len()).map(|i| format!(" WHEN ${} THEN ${}", 2 + i * 3, 2 + i * 3 + column)).collect();
        format!("CASE product{arms} END")
    };
    let keys = (0..per_product.len()).map(|i| format!("${}", 2 + i * 3)).collect::<Vec<_>>().join(", ");
    let (units, price) = (case(1), case(2));
    let sql = format!(
        "UPDATE drop_products SET reserved = reserved + {units} WHERE drop_id = $1 AND product IN ({keys}) \
         AND price_minor = {price} AND (stock IS NULL OR sold + reserved + {units} <= stock)"
    );
    let mut query = sqlx::query(&sql).bind(drop_id);
    for (product, (quantity, price)) in per_product {
        query = query.bind(product.key()).bind(*quantity).bind(*price);
    }
    let done = query.execute(&mut **tx).await.context("reserve the products")?;
    Ok(done.rows_affected() == per_product.len() as u64)
}

/// The order's units per product, as a sub-select on `drop_products`' row.
const LINE_UNITS: &str = "(SELECT COALESCE(SUM(l.quantity), 0) FROM order_lines l \
     WHERE l.order_id = $1 AND l.product = drop_products.product)";
const OF_ORDER: &str = "drop_id = $2 AND product IN (SELECT product FROM order_lines WHERE order_id = $1)";

/// How an order's units move on its products' rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Move {
    /// A hold ended unpaid.
    Released,
    /// A held order was paid.
    PaidFromHold,
    /// A payment after its hold was released (the caller checked room).
    PaidLate,
    /// A paid order was refunded.
    Unsold,
}

pub(super) async fn move_lines(
    tx: &mut Transaction<'_, Any>,
    order_id: &str,
    drop_id: &str,
    how: Move,
) -> anyhow::Result<()> {
    let set = match how {
        Move::Released => format!("reserved = reserved - {LINE_UNITS}"),
        Move::PaidFromHold => format!("sold = sold + {LINE_UNITS}, reserved = reserved - {LINE_UNITS}"),
        Move::PaidLate => format!("sold = sold + {LINE_UNITS}"),
        Move::Unsold => format!("sold = sold - {LINE_UNITS}"),
    };
    sqlx::query(&format!("UPDATE drop_products SET {set} WHERE {OF_ORDER}"))
        .bind(order_id)
        .bind(drop_id)
        .execute(&mut **tx)
        .await
        .context("move an order's units on its products")?;
    Ok(())
}

/// Whether every product of a released order still has room for its units
/// (a payment that arrived after its hold ended).
pub(super) async fn lines_fit(tx: &mut Transaction<'_, Any>, order_id: &str, drop_id: &str) -> anyhow::Result<bool> {
    let (short,): (i64,) = sqlx::query_as(&format!(
        "SELECT COUNT(*) FROM drop_products WHERE {OF_ORDER} \
         AND stock IS NOT NULL AND sold + reserved + {LINE_UNITS} > stock"
    ))
    .bind(order_id)
    .bind(drop_id)
    .fetch_one(&mut **tx)
    .await
    .context("check room for a late payment")?;
    Ok(short == 0)
}

/// After a new wave: each limited product gets `add_stock` more, the first
/// product takes the wave's price, and the drop's total stock is summed
/// again.
pub(super) async fn products_reopened(
    tx: &mut Transaction<'_, Any>,
    drop_id: &str,
    add_stock: i64,
    price_minor: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE drop_products SET stock = CASE WHEN stock IS NULL THEN NULL ELSE stock + $1 END, \
         price_minor = CASE WHEN position = 0 THEN $2 ELSE price_minor END WHERE drop_id = $3",
    )
    .bind(add_stock)
    .bind(price_minor)
    .bind(drop_id)
    .execute(&mut **tx)
    .await
    .context("restock products")?;
    sqlx::query(&format!("UPDATE drops SET stock = {TOTAL_STOCK} WHERE id = $1"))
        .bind(drop_id)
        .execute(&mut **tx)
        .await
        .context("sum the drop's stock")?;
    Ok(())
}

/// The drop's stock: its products' summed while every one is limited.
const TOTAL_STOCK: &str = "(SELECT CASE WHEN COUNT(*) = COUNT(stock) THEN SUM(stock) ELSE NULL END \
     FROM drop_products WHERE drop_id = $1)";

impl Store {
    /// The products of these drops (each with its currency), in each
    /// drop's order, priced in the drop's currency.
    pub(super) async fn products_of(
        &self,
        drops: &[(&str, crate::domain::Currency)],
    ) -> anyhow::Result<BTreeMap<String, Vec<DropProduct>>> {
        let currency_of: BTreeMap<&str, crate::domain::Currency> = drops.iter().copied().collect();
        let drop_ids: Vec<&str> = drops.iter().map(|(id, _)| *id).collect();
        let mut out: BTreeMap<String, Vec<DropProduct>> = BTreeMap::new();
        for chunk in drop_ids.chunks(500) {
            let marks = (1..=chunk.len()).map(|n| format!("${n}")).collect::<Vec<_>>().join(", ");
            let sql = format!(
                "SELECT p.drop_id, p.product, p.price_minor, p.sizes, p.colours, p.stock, p.sold, p.reserved \
                 FROM drop_products p WHERE p.drop_id IN ({marks}) ORDER BY p.drop_id, p.position"
            );
            let mut query = sqlx::query_as::<_, ProductRow>(&sql);
            for id in chunk {
                query = query.bind(*id);
            }
            let rows = query.fetch_all(&self.pool).await.context("select drop products")?;
            for (drop_id, product, price, sizes, colours, stock, sold, reserved) in rows {
                let product = Product::from_db(&product);
                let currency = currency_of.get(drop_id.as_str()).copied().unwrap_or(crate::domain::Currency::Usd);
                out.entry(drop_id).or_default().push(DropProduct {
                    product,
                    price: Money::from_minor(price, currency),
                    sizes: if sizes.is_empty() { Vec::new() } else { Sizes::from_db(&sizes).as_slice().to_vec() },
                    colours: ShirtColours::from_db(&colours).as_slice().to_vec(),
                    stock,
                    sold,
                    reserved,
                });
            }
        }
        Ok(out)
    }

    /// Fills in each order's lines from `order_lines`.
    pub(super) async fn attach_lines(&self, orders: &mut [Order]) -> anyhow::Result<()> {
        type LineRow = (String, String, String, String, i64, i64, i64);
        let mut found: BTreeMap<String, Vec<LineRow>> = BTreeMap::new();
        for chunk in orders.chunks(500) {
            let marks = (1..=chunk.len()).map(|n| format!("${n}")).collect::<Vec<_>>().join(", ");
            let sql = format!(
                "SELECT order_id, product, size, colour, quantity, unit_amount, discount_minor FROM order_lines \
                 WHERE order_id IN ({marks}) ORDER BY order_id, line"
            );
            let mut query = sqlx::query_as::<_, LineRow>(&sql);
            for o in chunk {
                query = query.bind(o.id.as_str());
            }
            for row in query.fetch_all(&self.pool).await.context("select order lines")? {
                found.entry(row.0.clone()).or_default().push(row);
            }
        }
        for order in orders.iter_mut() {
            let Some(rows) = found.remove(order.id.as_str()) else { continue };
            let currency = order.amount.currency();
            order.lines = rows
                .into_iter()
                .map(|(_, product, size, colour, quantity, unit, discount)| OrderLine {
                    product: Product::from_db(&product),
                    size: Size::parse(&size),
                    colour: ShirtColour::parse(&colour).unwrap_or(order.colour),
                    quantity,
                    unit_amount: Money::from_minor(unit, currency),
                    discount: Money::from_minor(discount, currency),
                })
                .collect();
        }
        Ok(())
    }
}
