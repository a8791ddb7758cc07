//! A cart as text: each line as the buy form's hidden `line` field carries
//! it ("hoodie.L.black.1", "sticker..white.2"), and what the lines cost at
//! the products' prices. The form flow is `routes::checkout::cart`.

use super::Pick;
use crate::domain::{Currency, Drop, DropProduct, Money, OrderLine, Product, PromoCode, ShirtColour, Size};

/// A line as its hidden field carries it.
pub fn encode(pick: &Pick) -> String {
    format!("{}.{}.{}.{}", pick.product.key(), pick.size.map_or("", Size::label), pick.colour.key, pick.quantity)
}

/// A carried line, if `drop` sells it so (else it is dropped).
pub fn decode(drop: &Drop, text: &str) -> Option<Pick> {
    let mut parts = text.split('.');
    let (product, size, colour, quantity) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    let product = Product::parse(product)?;
    let sold = drop.product(product)?;
    let size = match Size::parse(size) {
        Some(size) if sold.sizes.contains(&size) => Some(size),
        None if sold.sizes.is_empty() => None,
        _ => return None,
    };
    let colour = ShirtColour::parse(colour).filter(|c| sold.colours.contains(c))?;
    let quantity = quantity.parse::<i64>().ok().filter(|q| (1..=crate::domain::Quantity::MAX).contains(q))?;
    Some(Pick { product, size, colour, quantity })
}

/// A line of `sold` as `pick` asks for it, at the product's price less
/// `promo`'s share when the code covers the product (a code for one
/// product leaves the other lines at their price). The checkout charges
/// what this says, and every page that shows a cart shows it.
pub fn line(sold: &DropProduct, pick: &Pick, promo: Option<&PromoCode>) -> OrderLine {
    let unit = promo.filter(|p| p.covers(pick.product)).map_or(sold.price, |p| p.unit_price(sold.price));
    OrderLine {
        product: pick.product,
        size: pick.size,
        colour: pick.colour,
        quantity: pick.quantity,
        unit_amount: unit,
        discount: Money::from_minor((sold.price.minor() - unit.minor()) * pick.quantity, sold.price.currency()),
    }
}

/// The lines of products `drop` sells, priced as [`line`] does.
pub fn lines(drop: &Drop, picks: &[Pick], promo: Option<&PromoCode>) -> Vec<OrderLine> {
    picks.iter().filter_map(|p| Some(line(drop.product(p.product)?, p, promo))).collect()
}

/// What priced `lines` cost before shipping: as priced, and before any
/// code.
pub fn totals(lines: &[OrderLine], currency: Currency) -> (Money, Money) {
    let sum = |of: fn(&OrderLine) -> Money| Money::from_minor(lines.iter().map(|l| of(l).minor()).sum(), currency);
    (sum(OrderLine::amount), sum(OrderLine::list_amount))
}
