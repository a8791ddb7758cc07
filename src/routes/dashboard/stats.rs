//! The numbers on a drop's private page: paid orders, average order value,
//! conversion, units per size × colour, and sales over time as an SVG bar chart
//! (per minute in the drop's first hour, then per hour). Pure functions of the
//! orders, rendered on the server; the page refreshes them live.

use crate::domain::{Drop, Language, Money, Product, ShirtColour, Size};
use crate::i18n::{self, Arg};

/// One bar of the sales chart, in SVG units (chart is 600×160).
pub struct Bar {
    pub x: String,
    pub y: String,
    pub width: String,
    pub height: String,
    /// Tooltip: "14:05 — 3 shirts".
    pub title: String,
}

pub struct SalesStats {
    pub paid_orders: i64,
    pub average_order: String,
    /// Paid orders per checkout started, in whole percent.
    pub conversion: i64,
    pub checkouts: i64,
    /// Units per product × size × colour, products in the merch table's
    /// order, sizes in size-chart order.
    pub variants: Vec<Variant>,
    /// Each product's price, units sold, held in checkouts and left.
    pub products: Vec<ProductTotals>,
    pub bars: Vec<Bar>,
    /// "per minute, first hour" or "per hour".
    pub bucket_label: String,
    pub peak: i64,
    /// Time labels under the chart, five evenly spaced from the launch on.
    pub ticks: Vec<Tick>,
    /// Where each later wave began on the chart.
    pub waves: Vec<WaveMark>,
}

/// Units sold of one product in one size and colour.
pub struct Variant {
    /// The product's name in the page's language.
    pub product: String,
    /// "One size" for a one-size product.
    pub size: String,
    /// The colour's name in the page's language.
    pub colour: String,
    pub units: i64,
}

/// One product's numbers.
pub struct ProductTotals {
    pub name: String,
    pub price: String,
    pub sold: i64,
    pub held: i64,
    /// `None`: unlimited.
    pub left: Option<i64>,
}

/// A time label under the chart.
pub struct Tick {
    /// Left edge, in percent of the chart's width.
    pub left: String,
    /// Unix milliseconds (the page's script shows them in local time).
    pub at: i64,
    /// "14:05 UTC", until the script replaces it.
    pub label: String,
}

/// Where a later wave began on the chart.
pub struct WaveMark {
    /// In chart units (the chart is 600 wide).
    pub x: String,
    /// "Wave 2".
    pub label: String,
}

const CHART_W: f32 = 600.0;
const CHART_H: f32 = 150.0;

pub fn sales_stats(
    drop: &Drop,
    variants: Vec<crate::store::Variant>,
    timeline: &[(i64, i64)],
    waves: &[(i64, i64)],
    now: i64,
    lang: Language,
) -> SalesStats {
    let paid_orders = timeline.len() as i64;
    let average = if paid_orders > 0 { drop.revenue_minor / paid_orders } else { 0 };
    let mut variants: Vec<(Product, Variant)> = variants
        .into_iter()
        .map(|(product, size, colour, units)| {
            let product = Product::from_db(&product);
            let variant = Variant {
                product: i18n::product_name(lang, product),
                size: if size.is_empty() { i18n::text(lang, "studio-one-size") } else { size },
                colour: ShirtColour::parse(&colour).map_or(colour, |c| i18n::colour_name(lang, c)),
                units,
            };
            (product, variant)
        })
        .collect();
    variants.sort_by_key(|(p, v)| (*p, Size::parse(&v.size).map_or(usize::MAX, |s| s as usize), v.colour.clone()));
    let variants: Vec<Variant> = variants.into_iter().map(|(_, v)| v).collect();
    let products = drop
        .products
        .iter()
        .map(|p| ProductTotals {
            name: i18n::product_name(lang, p.product),
            price: i18n::money(lang, p.price),
            sold: p.sold,
            held: p.reserved,
            left: p.units_left(),
        })
        .collect();

    // The drop's first hour minute by minute; after that, hour by hour.
    let age = (now - drop.created_at).max(0);
    let (bucket_ms, bucket_label, buckets) = if age <= 3_600_000 {
        (60_000, "chart-per-minute", 60)
    } else {
        (3_600_000, "chart-per-hour", (age / 3_600_000 + 1).clamp(1, 240) as usize)
    };
    let first = drop.created_at;
    let mut counts = vec![0i64; buckets];
    for (paid_at, quantity) in timeline {
        let i = ((paid_at - first) / bucket_ms).clamp(0, buckets as i64 - 1) as usize;
        counts[i] += quantity;
    }
    let peak = counts.iter().copied().max().unwrap_or(0).max(1);
    let slot = CHART_W / buckets as f32;
    let bars = counts
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(i, n)| {
            let h = CHART_H * *n as f32 / peak as f32;
            let at = chrono::DateTime::from_timestamp_millis(first + i as i64 * bucket_ms)
                .map(|t| t.format("%H:%M UTC").to_string())
                .unwrap_or_default();
            Bar {
                x: format!("{:.1}", i as f32 * slot + slot * 0.1),
                y: format!("{:.1}", CHART_H - h + 5.0),
                width: format!("{:.1}", (slot * 0.8).max(1.0)),
                height: format!("{h:.1}"),
                title: i18n::text_with(lang, "chart-bar", &[("at", Arg::Text(at)), ("count", Arg::Number(*n))]),
            }
        })
        .collect();
    SalesStats {
        paid_orders,
        average_order: i18n::money(lang, Money::from_minor(average, drop.currency())),
        conversion: if drop.checkouts_started > 0 { paid_orders * 100 / drop.checkouts_started } else { 0 },
        checkouts: drop.checkouts_started,
        variants,
        products,
        bars,
        bucket_label: i18n::text(lang, bucket_label),
        peak: counts.iter().copied().max().unwrap_or(0),
        waves: waves
            .iter()
            .map(|(number, started)| {
                let x = (started - first) as f32 / (bucket_ms * buckets as i64) as f32 * CHART_W;
                WaveMark {
                    x: format!("{:.1}", x.clamp(1.0, CHART_W - 1.0)),
                    label: i18n::text_with(lang, "drop-wave", &[("number", Arg::Number(*number))]),
                }
            })
            .collect(),
        ticks: (0..=4)
            .map(|k| {
                let i = k * buckets / 4;
                let at = first + i as i64 * bucket_ms;
                let label = chrono::DateTime::from_timestamp_millis(at)
                    .map(|t| t.format("%H:%M UTC").to_string())
                    .unwrap_or_default();
                Tick { left: format!("{:.1}", i as f32 * 100.0 / buckets as f32), at, label }
            })
            .collect(),
    }
}
