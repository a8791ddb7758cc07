//! The cart, carried in the buy form and never in a cookie: each line is a
//! hidden `line` field ("hoodie.L.black.1", "sticker..white.2"), so the
//! storefront stays the same bytes for everyone and the flow works without
//! JavaScript. *Add to cart* and *Remove* post the form and get the
//! storefront back with the cart; *Buy* takes the cart plus what is picked;
//! *Check out* takes the cart alone.

use crate::domain::{Drop, Product, ShirtColour, Size};
use crate::i18n::{self, Arg};
use crate::routes::shop::storefront::BuyChoice;
use crate::sales::Pick;
pub use crate::sales::cart::{decode, encode};
use crate::web::forms::FormData;

/// Most lines one cart may carry.
pub const MAX_LINES: usize = 10;

/// What the form asks for.
pub struct Picked {
    /// The lines to buy (or the cart, for `cart_only`).
    pub picks: Vec<Pick>,
    /// *Add to cart* or *Remove*: show the cart, buy nothing yet.
    pub cart_only: bool,
    /// The page's picks to keep (cart, product, size, colour, quantity).
    pub kept: BuyChoice,
}

/// The cart and the picker's product, size, colour and quantity, each one
/// the drop offers; else the storefront's choice with the message for what
/// is missing.
pub fn picked(form: &FormData, drop: &Drop, code: String) -> Result<Picked, Box<BuyChoice>> {
    let lang = drop.language;
    let most = drop.most_per_order();
    let cart: Vec<Pick> = form.all("line").into_iter().take(MAX_LINES).filter_map(|l| decode(drop, l)).collect();
    let checkout = !form.get("checkout").is_empty();
    if checkout && !cart.is_empty() {
        return within_most(drop, cart.clone(), false, BuyChoice { cart, code, ..BuyChoice::default() });
    }
    // The picker: a product the drop sells (the T-shirt when the form says
    // none), in a size it comes in and a colour it offers. A one-size
    // product has no size; a colour its blank lacks (a tote in a shirt
    // colour) becomes its own first one.
    let product = match form.get("product") {
        // A merch table's fan picks one (none is checked when the picked
        // one sold out meanwhile); the T-shirt alone is the T-shirt.
        "" if drop.has_merch_table() => None,
        "" => drop.products.first().map(|p| p.product),
        key => Product::parse(key).filter(|p| drop.product(*p).is_some()),
    };
    let sold = product.and_then(|p| drop.product(p));
    let size = Size::parse(form.get("size"));
    let size_ok =
        sold.map(|s| if s.sizes.is_empty() { Some(None) } else { size.filter(|z| s.sizes.contains(z)).map(Some) });
    let colour = ShirtColour::parse(form.get("colour"));
    let colour_ok = sold.and_then(|s| match colour {
        Some(c) if s.colours.contains(&c) => Some(c),
        Some(_) if product.is_some_and(|p| p.spec().colours.is_some()) => s.colours.first().copied(),
        _ => None,
    });
    let quantity = form.get("quantity").trim().parse::<i64>().ok().filter(|q| (1..=most).contains(q));
    // *Apply code* buys nothing: the picks are kept as they are, whatever
    // the picker or the cart's size holds, and the code is checked.
    let applying = !form.get("apply").is_empty();
    let mut kept = BuyChoice {
        product,
        size,
        colour: colour.map(|c| c.key.to_owned()),
        quantity: quantity.unwrap_or(1),
        code,
        cart: cart.clone(),
        ..BuyChoice::default()
    };
    if let Ok(gone) = form.get("remove").parse::<usize>()
        && gone < kept.cart.len()
    {
        // The line goes; what the picker holds stays picked.
        kept.cart.remove(gone);
        return Ok(Picked { picks: Vec::new(), cart_only: true, kept });
    }
    let error = match (product, size_ok.flatten(), colour_ok, quantity) {
        (Some(product), Some(size), Some(colour), Some(quantity)) => {
            let mut picks = cart;
            match picks.iter().position(|p| p.product == product && p.size == size && p.colour == colour) {
                Some(same) => picks[same].quantity += quantity,
                None if picks.len() < MAX_LINES => picks.push(Pick { product, size, colour, quantity }),
                // A line more than a cart carries: said, not dropped.
                None if !applying => {
                    let error = i18n::text_with(lang, "buy-cart-full", &[("most", Arg::Number(MAX_LINES as i64))]);
                    return Err(Box::new(BuyChoice { error: Some(error), ..kept }));
                }
                None => {}
            }
            if applying {
                return Ok(Picked { picks, cart_only: false, kept });
            }
            return within_most(drop, picks, !form.get("add").is_empty(), kept);
        }
        (None, ..) => i18n::text(lang, "buy-pick-product"),
        (_, None, ..) => i18n::text(lang, "buy-pick-size"),
        (_, _, None, _) => i18n::text(lang, &words(drop, "buy-pick-colour")),
        _ if most == 1 => i18n::text(lang, &words(drop, "buy-one-per-order")),
        _ => i18n::text_with(lang, &words(drop, "buy-quantity"), &[("most", Arg::Number(most))]),
    };
    if applying {
        return Ok(Picked { picks: Vec::new(), cart_only: false, kept });
    }
    Err(Box::new(BuyChoice { error: Some(error), ..kept }))
}

/// The message `id`, or on a merch table its `-item` variant ("items",
/// not "shirts").
pub fn words(drop: &Drop, id: &str) -> String {
    if drop.has_merch_table() { format!("{id}-item") } else { id.to_owned() }
}

/// The cart if its units stay within the drop's most per order. `kept`
/// holds the cart as it was: refused, an *Add to cart* leaves it so; taken,
/// the cart shown is `picks`.
fn within_most(drop: &Drop, picks: Vec<Pick>, cart_only: bool, kept: BuyChoice) -> Result<Picked, Box<BuyChoice>> {
    let most = drop.most_per_order();
    if Pick::units(&picks) > most {
        let lang = drop.language;
        let error = if most == 1 {
            i18n::text(lang, &words(drop, "buy-one-per-order"))
        } else {
            i18n::text_with(lang, &words(drop, "buy-quantity"), &[("most", Arg::Number(most))])
        };
        return Err(Box::new(BuyChoice { error: Some(error), ..kept }));
    }
    let kept = if cart_only { BuyChoice { cart: picks.clone(), ..kept } } else { kept };
    Ok(Picked { picks, cart_only, kept })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_round_trip_and_refuse_what_the_drop_does_not_sell() {
        let drop = crate::domain::samples::drop();
        let pick = Pick {
            product: Product::Tee,
            size: Some(Size::M),
            colour: ShirtColour::parse("white").unwrap(),
            quantity: 2,
        };
        assert_eq!(encode(&pick), "tee.M.white.2");
        assert_eq!(decode(&drop, "tee.M.white.2"), Some(pick));
        for bad in ["tee.XL.white.2", "tee.M.black.2", "hoodie.M.white.1", "tee.M.white.0", "tee.M.white", "x"] {
            assert_eq!(decode(&drop, bad), None, "{bad}");
        }
    }

    #[test]
    fn a_line_more_than_a_cart_carries_is_refused_with_a_reason() {
        let mut drop = crate::domain::samples::drop();
        drop.max_per_order = 20;
        drop.products[0].sizes = vec![Size::M, Size::L];
        drop.products[0].colours = ShirtColour::PALETTE.to_vec();
        // Ten lines (every colour in M), and an eleventh kind added (L).
        let lines: Vec<String> = ShirtColour::PALETTE.iter().map(|c| format!("line=tee.M.{}.1", c.key)).collect();
        assert_eq!(lines.len(), MAX_LINES);
        let body = format!("{}&product=tee&size=L&colour=white&quantity=1&add=1", lines.join("&"));
        let refused = picked(&FormData::parse(body.as_bytes()), &drop, String::new()).err().expect("refused");
        assert!(refused.error.as_deref().is_some_and(|e| e.contains("10")), "said, not dropped: {:?}", refused.error);
        assert_eq!(refused.cart.len(), MAX_LINES, "the cart as it was");
        // One more of a line it has is fine.
        let body = format!("{}&product=tee&size=M&colour=white&quantity=1&add=1", lines.join("&"));
        let taken = picked(&FormData::parse(body.as_bytes()), &drop, String::new()).expect("taken");
        assert_eq!(taken.kept.cart.len(), MAX_LINES);
    }
}
