//! What a drop sells besides (or instead of) its T-shirt: every product's
//! facts in one table, [`CATALOG`]. A seventh product is a row here, its
//! words in `locales/` (`product-{key}`) and its blank in
//! `design::mockup` — no other code path knows products by name.

use super::{Currency, Money, ShirtColour, Size};
use std::fmt;

/// A product's key, stored in `drop_products` and `order_lines`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Product {
    Tee,
    Hoodie,
    LongSleeve,
    Tote,
    Poster,
    Sticker,
}

/// Where the design goes on the printer's file: its size in inches at
/// `dpi`, plus the bleed the printer trims off (posters) and whether a cut
/// line follows the design (die-cut stickers).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PrintArea {
    pub width_in: f32,
    pub height_in: f32,
    pub dpi: u32,
    pub bleed_in: f32,
    pub cut_line: bool,
}

impl PrintArea {
    /// The file's size in pixels, bleed included.
    pub fn pixels(&self) -> (u32, u32) {
        let px = |inches: f32| ((inches + 2.0 * self.bleed_in) * self.dpi as f32).round() as u32;
        (px(self.width_in), px(self.height_in))
    }
}

/// One product's facts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProductSpec {
    pub product: Product,
    /// Stored and in forms: "tee", "hoodie", …
    pub key: &'static str,
    /// The sizes it comes in; empty for one size.
    pub sizes: &'static [Size],
    /// The colours its blank comes in (palette keys); `None`: every colour
    /// the artist picks for the drop's apparel.
    pub colours: Option<&'static [&'static str]>,
    /// The price the create form suggests, in whole units of any currency.
    pub default_price: i64,
    pub print: PrintArea,
    /// Stripe Tax's product tax code.
    pub tax_code: &'static str,
    /// What the storefront's size chart says about it. Its material and
    /// care are the message `product-facts-{key}` in `locales/`.
    pub measures: Measures,
}

/// How a product is measured on the storefront.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measures {
    /// Apparel, measured flat: (size, chest width, body length) in cm, one
    /// row per size it comes in.
    BySize(&'static [(Size, u32, u32)]),
    /// One size: its width and height in millimetres.
    Flat { width_mm: u32, height_mm: u32 },
}

const APPAREL: &[Size] = &[Size::Xs, Size::S, Size::M, Size::L, Size::Xl, Size::Xxl, Size::Xxxl];
const S_TO_3XL: &[Size] = &[Size::S, Size::M, Size::L, Size::Xl, Size::Xxl, Size::Xxxl];
/// Stripe's "Clothing and footwear" (docs.stripe.com/tax/tax-codes).
const CLOTHING: &str = "txcd_30011000";
/// Stripe's "General - Tangible Goods".
const GOODS: &str = "txcd_99999999";

/// Unisex regular-fit T-shirt (the blank Printful prints: Bella+Canvas 3001).
const TEE_MEASURES: &[(Size, u32, u32)] = &[
    (Size::Xs, 44, 66),
    (Size::S, 47, 69),
    (Size::M, 51, 72),
    (Size::L, 55, 74),
    (Size::Xl, 58, 76),
    (Size::Xxl, 62, 78),
    (Size::Xxxl, 66, 80),
];
/// Unisex pullover hoodie, relaxed fit (a heavy blend blank such as
/// Gildan 18500: 20–30 in wide, 27–32 in long).
const HOODIE_MEASURES: &[(Size, u32, u32)] = &[
    (Size::S, 51, 69),
    (Size::M, 56, 71),
    (Size::L, 61, 74),
    (Size::Xl, 66, 76),
    (Size::Xxl, 71, 79),
    (Size::Xxxl, 76, 81),
];
/// Unisex long-sleeve tee (such as Bella+Canvas 3501: 18–28 in wide,
/// 29–34 in long).
const LONGSLEEVE_MEASURES: &[(Size, u32, u32)] = &[
    (Size::S, 46, 74),
    (Size::M, 51, 76),
    (Size::L, 56, 79),
    (Size::Xl, 61, 81),
    (Size::Xxl, 66, 84),
    (Size::Xxxl, 71, 86),
];

const fn area(width_in: f32, height_in: f32, bleed_in: f32, cut_line: bool) -> PrintArea {
    PrintArea { width_in, height_in, dpi: 300, bleed_in, cut_line }
}

/// Every product popshop makes, in the order the merch table shows them.
pub const CATALOG: [ProductSpec; 6] = [
    ProductSpec {
        product: Product::Tee,
        key: "tee",
        sizes: APPAREL,
        colours: None,
        default_price: 25,
        print: area(12.0, 16.0, 0.0, false),
        tax_code: CLOTHING,
        measures: Measures::BySize(TEE_MEASURES),
    },
    ProductSpec {
        product: Product::Hoodie,
        key: "hoodie",
        sizes: S_TO_3XL,
        colours: None,
        default_price: 45,
        // Front print, above the pouch pocket.
        print: area(12.0, 11.0, 0.0, false),
        tax_code: CLOTHING,
        measures: Measures::BySize(HOODIE_MEASURES),
    },
    ProductSpec {
        product: Product::LongSleeve,
        key: "longsleeve",
        sizes: S_TO_3XL,
        colours: None,
        default_price: 30,
        print: area(12.0, 16.0, 0.0, false),
        tax_code: CLOTHING,
        measures: Measures::BySize(LONGSLEEVE_MEASURES),
    },
    ProductSpec {
        product: Product::Tote,
        key: "tote",
        sizes: &[],
        colours: Some(&["sand", "black"]),
        default_price: 20,
        print: area(12.0, 12.0, 0.0, false),
        tax_code: GOODS,
        measures: Measures::Flat { width_mm: 380, height_mm: 420 },
    },
    ProductSpec {
        product: Product::Poster,
        key: "poster",
        sizes: &[],
        colours: Some(&["white"]),
        default_price: 15,
        // 12×18 in matte, with an eighth of an inch trimmed off each edge.
        print: area(12.0, 18.0, 0.125, false),
        tax_code: GOODS,
        measures: Measures::Flat { width_mm: 305, height_mm: 457 },
    },
    ProductSpec {
        product: Product::Sticker,
        key: "sticker",
        sizes: &[],
        colours: Some(&["white"]),
        default_price: 5,
        // A 4 in die-cut sticker: the cutter follows the design's outline.
        print: area(4.0, 4.0, 0.0625, true),
        tax_code: GOODS,
        measures: Measures::Flat { width_mm: 102, height_mm: 102 },
    },
];

impl Product {
    pub const ALL: [Product; 6] = [Self::Tee, Self::Hoodie, Self::LongSleeve, Self::Tote, Self::Poster, Self::Sticker];

    pub fn spec(self) -> &'static ProductSpec {
        CATALOG.iter().find(|s| s.product == self).unwrap_or(&CATALOG[0])
    }

    pub fn key(self) -> &'static str {
        self.spec().key
    }

    pub fn parse(key: &str) -> Option<Self> {
        CATALOG.iter().find(|s| s.key == key.trim()).map(|s| s.product)
    }

    /// As stored; anything unknown reads as the T-shirt (every drop before
    /// products sold only that).
    pub fn from_db(key: &str) -> Self {
        Self::parse(key).unwrap_or(Self::Tee)
    }

    /// Whether it comes in sizes (apparel).
    pub fn sized(self) -> bool {
        !self.spec().sizes.is_empty()
    }

    /// The suggested price in `currency`.
    pub fn default_price(self, currency: Currency) -> Money {
        // Every currency popshop takes has two decimals.
        Money::from_minor(self.spec().default_price * 100, currency)
    }

    /// The sizes it is offered in, given the sizes the artist picked for the
    /// drop: those the blank comes in (all of its own when none match);
    /// empty for a one-size product.
    pub fn offered_sizes(self, picked: &[Size]) -> Vec<Size> {
        let own = self.spec().sizes;
        let both: Vec<Size> = own.iter().copied().filter(|s| picked.contains(s)).collect();
        if both.is_empty() { own.to_vec() } else { both }
    }

    /// The colours it is offered in, given the artist's picks for the drop.
    pub fn offered_colours(self, picked: &[ShirtColour]) -> Vec<ShirtColour> {
        match self.spec().colours {
            None => picked.to_vec(),
            Some(own) => {
                let own: Vec<ShirtColour> = own.iter().filter_map(|k| ShirtColour::parse(k)).collect();
                let both: Vec<ShirtColour> = own.iter().copied().filter(|c| picked.contains(c)).collect();
                if both.is_empty() { own } else { both }
            }
        }
    }
}

impl fmt::Display for Product {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// One product as a drop sells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DropProduct {
    pub product: Product,
    pub price: Money,
    pub sizes: Vec<Size>,
    pub colours: Vec<ShirtColour>,
    /// Most that may be sold; `None` is unlimited.
    pub stock: Option<i64>,
    pub sold: i64,
    pub reserved: i64,
}

impl DropProduct {
    /// Still available to new buyers, when limited.
    pub fn units_left(&self) -> Option<i64> {
        self.stock.map(|s| (s - self.sold - self.reserved).max(0))
    }

    pub fn sold_out(&self) -> bool {
        self.units_left() == Some(0)
    }
}

/// One line of an order: some of one product in one size and colour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderLine {
    pub product: Product,
    /// `None` for a one-size product.
    pub size: Option<Size>,
    pub colour: ShirtColour,
    pub quantity: i64,
    /// What one costs after a promo code.
    pub unit_amount: Money,
    /// What the code took off the whole line.
    pub discount: Money,
}

impl OrderLine {
    pub fn amount(&self) -> Money {
        Money::from_minor(self.unit_amount.minor() * self.quantity, self.unit_amount.currency())
    }

    /// What the line costs before any code: its amount and its discount.
    pub fn list_amount(&self) -> Money {
        Money::from_minor(self.amount().minor() + self.discount.minor(), self.unit_amount.currency())
    }

    /// As stored in `order_lines.size`: the label, or "" for one size.
    pub fn size_key(&self) -> &'static str {
        self.size.map_or("", Size::label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_each_product_is_one_row() {
        for p in Product::ALL {
            assert_eq!(Product::parse(p.key()), Some(p));
            assert_eq!(p.spec().product, p);
        }
        assert_eq!(Product::from_db("mug"), Product::Tee);
        assert_eq!(CATALOG.len(), Product::ALL.len());
    }

    #[test]
    fn sizes_and_colours_follow_the_blank() {
        assert_eq!(Product::Hoodie.offered_sizes(&[Size::Xs, Size::M]), vec![Size::M]);
        assert_eq!(Product::Hoodie.offered_sizes(&[Size::Xs]), S_TO_3XL.to_vec());
        assert!(Product::Tote.offered_sizes(&[Size::M]).is_empty());
        let black = ShirtColour::parse("black").unwrap();
        let red = ShirtColour::parse("red").unwrap();
        assert_eq!(Product::Tote.offered_colours(&[black, red]), vec![black]);
        assert_eq!(Product::Tote.offered_colours(&[red]).len(), 2);
        assert_eq!(Product::Hoodie.offered_colours(&[red]), vec![red]);
        assert_eq!(Product::Poster.default_price(Currency::Eur).minor(), 1500);
    }

    #[test]
    fn every_product_is_measured_the_way_it_is_sold() {
        for spec in CATALOG {
            match spec.measures {
                Measures::BySize(rows) => {
                    let sizes: Vec<Size> = rows.iter().map(|r| r.0).collect();
                    assert_eq!(sizes, spec.sizes, "{}: a row per size it comes in", spec.key);
                    assert!(rows.windows(2).all(|w| w[0].1 < w[1].1 && w[0].2 < w[1].2), "{} grows", spec.key);
                }
                Measures::Flat { width_mm, height_mm } => {
                    assert!(spec.sizes.is_empty(), "{}: one size", spec.key);
                    // The print fits on it (posters and stickers are their print).
                    let mm = |inches: f32| (inches * 25.4).round() as u32;
                    assert!(
                        width_mm >= mm(spec.print.width_in) && height_mm >= mm(spec.print.height_in),
                        "{}",
                        spec.key
                    );
                }
            }
        }
    }

    #[test]
    fn print_files_carry_their_bleed() {
        assert_eq!(Product::Tee.spec().print.pixels(), (3600, 4800));
        assert_eq!(Product::Poster.spec().print.pixels(), (3675, 5475));
        assert!(Product::Sticker.spec().print.cut_line);
    }
}
