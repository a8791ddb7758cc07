//! After the sale (issue 16): the printer's package (CSV, packing list,
//! print files), Printful (`printful`: the client, `printer`: placing
//! orders, `events`: its webhooks) and signed print file addresses (`files`).
//!
//! Exports for the printer: paid orders as CSV, and how many shirts of each
//! size × colour to print. UTF-8 with a byte-order mark (so spreadsheet apps
//! read accents right), a header row, RFC 4180 quoting, and cells that a
//! spreadsheet would run as a formula (`= + - @`, tab, carriage return) are
//! prefixed with `'`.

pub mod events;
pub mod files;
pub mod printer;
pub mod printful;

use crate::domain::{Order, Product, Size};
use std::collections::BTreeMap;

const BOM: &str = "\u{feff}";

/// One CSV cell, neutralised against formula injection and quoted when needed.
pub fn cell(value: &str) -> String {
    let value =
        if value.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{value}") } else { value.to_owned() };
    if value.contains([',', '"', '\n', '\r']) { format!("\"{}\"", value.replace('"', "\"\"")) } else { value }
}

fn row(cells: &[&str]) -> String {
    let mut line = cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join(",");
    line.push_str("\r\n");
    line
}

/// Paid orders, oldest first: what the printer ships.
pub fn orders_csv(orders: &[Order]) -> String {
    let mut out = String::from(BOM);
    out.push_str(&row(&[
        "order_number",
        "reference",
        "paid_at",
        "name",
        "email",
        "size",
        "colour",
        "quantity",
        "amount",
        "shipping",
        "currency",
        "address_line1",
        "address_line2",
        "postal_code",
        "city",
        "state",
        "country",
        "payment",
        // The order's full id: a tracking CSV may name it where two of an
        // artist's orders share a reference.
        "order_id",
        // The tax Stripe collected (part of the amount), 0.00 without Stripe
        // Tax; last, so a sheet reading columns by position still works.
        "tax",
        // What the line is ("tee", "hoodie", …); after the tax for the
        // same reason.
        "product",
    ]));
    let mut sorted: Vec<&Order> = orders.iter().collect();
    sorted.sort_by_key(|o| (o.number, o.paid_at));
    for o in sorted {
        let ship = o.shipping.clone().unwrap_or_default();
        let paid_at = o
            .paid_at
            .and_then(chrono::DateTime::from_timestamp_millis)
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
            .unwrap_or_default();
        let decimal = |m: crate::domain::Money| format!("{}.{:02}", m.minor() / 100, m.minor() % 100);
        // The total paid, and the part of it that paid the post.
        let (amount, shipping, tax) = (decimal(o.total_paid()), decimal(o.shipping_cost), decimal(o.tax));
        // One row per line; the order's money on its first row only, so a
        // sum over the column is what was paid.
        for (n, line) in o.lines.iter().enumerate() {
            let money = |m: &str| if n == 0 { m.to_owned() } else { String::new() };
            out.push_str(&row(&[
                &o.number.map(|n| n.to_string()).unwrap_or_default(),
                &o.reference(),
                &paid_at,
                o.name.as_deref().unwrap_or(&ship.name),
                o.email.as_deref().unwrap_or(""),
                line.size_key(),
                line.colour.name,
                &line.quantity.to_string(),
                &money(&amount),
                &money(&shipping),
                &o.amount.currency().code().to_uppercase(),
                &ship.line1,
                &ship.line2,
                &ship.postal_code,
                &ship.city,
                &ship.state,
                &ship.country,
                payment_label(&o.provider),
                o.id.as_str(),
                &money(&tax),
                line.product.key(),
            ]));
        }
    }
    out
}

/// How the order was paid; demo orders moved no money and must not ship as sold.
pub fn payment_label(provider: &str) -> &str {
    match provider {
        "demo" => "demo (no money taken)",
        other => other,
    }
}

/// What to print per product × size × colour, products in the merch
/// table's order and sizes in size-chart order (`product` last, as in the
/// orders' sheet).
pub fn print_sheet_csv(orders: &[Order]) -> String {
    let mut totals: BTreeMap<(Product, usize, &str, &str), i64> = BTreeMap::new();
    for line in orders.iter().flat_map(|o| &o.lines) {
        let rank = line.size.and_then(|s| Size::ALL.iter().position(|x| *x == s)).unwrap_or(usize::MAX);
        *totals.entry((line.product, rank, line.size_key(), line.colour.name)).or_default() += line.quantity;
    }
    let mut out = String::from(BOM);
    out.push_str(&row(&["size", "colour", "quantity", "product"]));
    for ((product, _, size, colour), quantity) in totals {
        out.push_str(&row(&[size, colour, &quantity.to_string(), product.key()]));
    }
    out
}

/// A packing list for the printer: each order with its number, reference,
/// the name and address on the label, and what goes in the parcel.
pub fn packing_list(slogan: &str, orders: &[Order]) -> String {
    let mut out = format!("Packing list: “{slogan}” — {} orders\r\n\r\n", orders.len());
    for order in orders {
        let number = order.number.map(|n| format!("#{n} ")).unwrap_or_default();
        out.push_str(&format!("{number}{}\r\n", order.reference()));
        if let Some(address) = &order.shipping {
            for line in address.lines() {
                out.push_str(&format!("    {line}\r\n"));
            }
        }
        for line in &order.lines {
            let name = crate::i18n::product_name(crate::domain::Language::En, line.product);
            let size = line.size.map(|s| format!(" {s}")).unwrap_or_default();
            out.push_str(&format!("    {} × {name}{size} {} — “{slogan}”\r\n", line.quantity, line.colour.name));
        }
        out.push_str("\r\n");
    }
    out
}

/// A ZIP of `files` (name, bytes): text compressed, pictures stored as
/// they are (PNG is compressed already).
pub fn zip(files: &[(String, Vec<u8>)]) -> anyhow::Result<Vec<u8>> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in files {
        let method =
            if name.ends_with(".png") { zip::CompressionMethod::Stored } else { zip::CompressionMethod::Deflated };
        zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default().compression_method(method))?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::domain::samples::order;

    #[test]
    fn neutralises_formulas_and_quotes() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("+1"), "'+1");
        assert_eq!(cell("-2"), "'-2");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(cell("Zoë"), "Zoë");
    }

    #[test]
    fn orders_csv_has_a_header_and_one_row_per_order() {
        let csv =
            orders_csv(&[order(2, "=cmd|' /C calc'!A0", "L", "black", 2), order(1, "Zoë Ångström", "M", "navy", 1)]);
        assert!(csv.starts_with(
            "\u{feff}order_number,reference,paid_at,name,email,size,colour,quantity,amount,shipping,currency,"
        ));
        let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), 3);
        assert!(
            lines[1].starts_with("1,ORDER1XX,2025-11-27T00:00:00Z,Zoë Ångström,1@example.com,M,Navy,1,25.00,0.00,EUR,"),
            "{}",
            lines[1]
        );
        assert!(lines[1].contains("\"Straße 1, Hof \"\"links\"\"\""));
        assert!(lines[2].contains(",'=cmd|' /C calc'!A0,"), "{}", lines[2]);
    }

    #[test]
    fn print_sheet_sums_per_size_and_colour_in_chart_order() {
        let csv = print_sheet_csv(&[
            order(1, "a", "XL", "black", 2),
            order(2, "b", "S", "black", 1),
            order(3, "c", "XL", "black", 3),
        ]);
        assert_eq!(csv, "\u{feff}size,colour,quantity,product\r\nS,Black,1,tee\r\nXL,Black,5,tee\r\n");
    }
}
