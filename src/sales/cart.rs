//! A cart as text: each line as the buy form's hidden `line` field carries
//! it ("hoodie.L.black.1", "sticker..white.2"), and what the lines cost at
//! the products' prices. The form flow is `routes::checkout::cart`.

use super::Pick;
use crate::domain::{Drop, Money, OrderLine, Product, ShirtColour, Size};

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

/// The lines at the products' prices (before any code), for pages.
pub fn lines_at_list_price(drop: &Drop, picks: &[Pick]) -> Vec<OrderLine> {
    picks
        .iter()
        .filter_map(|p| {
            let sold = drop.product(p.product)?;
            Some(OrderLine {
                product: p.product,
                size: p.size,
                colour: p.colour,
                quantity: p.quantity,
                unit_amount: sold.price,
                discount: Money::from_minor(0, sold.price.currency()),
            })
        })
        .collect()
}

/// What the lines cost before shipping and codes.
pub fn total(drop: &Drop, picks: &[Pick]) -> Money {
    let minor = lines_at_list_price(drop, picks).iter().map(|l| l.amount().minor()).sum();
    Money::from_minor(minor, drop.currency())
}
