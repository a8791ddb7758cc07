//! Promo codes (issue 11): an artist's code takes a percentage or an amount
//! off each shirt of one drop (or of all their drops), perhaps a limited
//! number of times, perhaps until a set time. Shipping is not discounted.

use super::{Currency, Drop, Money};

/// What a code takes off each shirt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Discount {
    /// 1–90 percent.
    Percent(i64),
    /// An amount, in the currency of the drops it applies to.
    AmountOff(Money),
}

/// The lowest a discounted shirt may cost (minor units): card payments
/// below about 0.50 are refused by Stripe.
pub const LOWEST_UNIT_MINOR: i64 = 50;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromoCode {
    pub id: String,
    pub account_id: super::AccountId,
    /// `None`: every drop of the artist.
    pub drop_id: Option<super::DropId>,
    /// Upper-cased, as stored.
    pub code: String,
    pub discount: Discount,
    pub max_uses: Option<i64>,
    pub uses: i64,
    /// Unix ms.
    pub ends_at: Option<i64>,
    /// The one product it covers; `None`: every product.
    pub product: Option<super::Product>,
}

/// Why a code cannot be used on a drop now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromoProblem {
    Unknown,
    Ended,
    UsedUp,
    /// This client (or everyone, on this drop) tried too many codes lately:
    /// nothing was looked up.
    TooManyTries,
    /// This client already holds an unpaid checkout with this limited code.
    AlreadyHeld,
}

impl PromoCode {
    /// Whether a fan of `drop` may use it at `now`.
    pub fn check(&self, drop: &Drop, now: i64) -> Result<(), PromoProblem> {
        let for_drop = self.account_id == drop.account_id
            && self.drop_id.as_ref().is_none_or(|d| *d == drop.id)
            && match self.discount {
                Discount::AmountOff(off) => off.currency() == drop.currency(),
                Discount::Percent(_) => true,
            };
        if !for_drop {
            return Err(PromoProblem::Unknown);
        }
        if self.ends_at.is_some_and(|end| end <= now) {
            return Err(PromoProblem::Ended);
        }
        if self.max_uses.is_some_and(|max| self.uses >= max) {
            return Err(PromoProblem::UsedUp);
        }
        Ok(())
    }

    /// Whether it takes its share off a line of `product`.
    pub fn covers(&self, product: super::Product) -> bool {
        self.product.is_none_or(|p| p == product)
    }

    /// The price of one shirt with the code (never below [`LOWEST_UNIT_MINOR`]
    /// unless the price itself is).
    pub fn unit_price(&self, unit: Money) -> Money {
        let off = match self.discount {
            Discount::Percent(p) => (unit.minor() * p + 50) / 100,
            Discount::AmountOff(off) => off.minor(),
        };
        let lowest = LOWEST_UNIT_MINOR.min(unit.minor());
        Money::from_minor((unit.minor() - off).max(lowest), unit.currency())
    }
}

/// A promo code's text as a fan or an artist may type it: trimmed,
/// upper-cased, letters A–Z, digits and dashes, 3–20 of them. Only
/// [`normalize_code`] makes one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Code(String);

super::id::text_type!(Code);

/// A code as typed, checked and tidied into a [`Code`].
pub fn normalize_code(input: &str) -> Result<Code, CodeError> {
    let code = input.trim().to_uppercase();
    if code.is_empty() {
        return Err(CodeError::Empty);
    }
    if !code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-') {
        return Err(CodeError::Characters);
    }
    if !(3..=20).contains(&code.len()) {
        return Err(CodeError::Length);
    }
    Ok(Code(code))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("Enter a code.")]
    Empty,
    #[error("Use letters A–Z, digits and dashes only.")]
    Characters,
    #[error("A code has 3 to 20 characters.")]
    Length,
}

/// A discount as the artist typed it: `kind` "percent" (1–90) or "amount"
/// (off each shirt, in `currency`).
pub fn parse_discount(kind: &str, value: &str, currency: Currency) -> Result<Discount, DiscountError> {
    match kind {
        "percent" => value
            .trim()
            .trim_end_matches('%')
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|p| (1..=90).contains(p))
            .map(Discount::Percent)
            .ok_or(DiscountError::Percent),
        "amount" => Money::parse_price(value, currency).map(Discount::AmountOff).map_err(|_| DiscountError::Amount),
        _ => Err(DiscountError::Kind),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DiscountError {
    #[error("Enter a percentage from 1 to 90.")]
    Percent,
    #[error("Enter an amount like 5 or 4.50.")]
    Amount,
    #[error("Pick a percentage or an amount off.")]
    Kind,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(discount: Discount) -> PromoCode {
        PromoCode {
            id: "p".into(),
            account_id: "a1".into(),
            drop_id: None,
            code: "FRIDAY".into(),
            discount,
            max_uses: Some(2),
            uses: 0,
            ends_at: Some(1_000),
            product: None,
        }
    }

    #[test]
    fn a_code_takes_its_share_off_each_shirt_but_never_all_of_it() {
        let usd = |m| Money::from_minor(m, Currency::Usd);
        assert_eq!(code(Discount::Percent(20)).unit_price(usd(2500)), usd(2000));
        assert_eq!(code(Discount::Percent(15)).unit_price(usd(2999)), usd(2549), "449.85 rounds to 450");
        assert_eq!(code(Discount::AmountOff(usd(500))).unit_price(usd(2500)), usd(2000));
        assert_eq!(code(Discount::AmountOff(usd(9900))).unit_price(usd(2500)), usd(LOWEST_UNIT_MINOR));
    }

    #[test]
    fn codes_are_typed_loosely_and_stored_strictly() {
        assert_eq!(normalize_code(" friday-20 ").map(String::from), Ok("FRIDAY-20".into()));
        assert_eq!(normalize_code(""), Err(CodeError::Empty));
        assert_eq!(normalize_code("ab"), Err(CodeError::Length));
        assert_eq!(normalize_code("FRÍDAY"), Err(CodeError::Characters));
        assert_eq!(parse_discount("percent", "20%", Currency::Usd), Ok(Discount::Percent(20)));
        assert_eq!(parse_discount("percent", "95", Currency::Usd), Err(DiscountError::Percent));
        assert_eq!(
            parse_discount("amount", "4.50", Currency::Eur),
            Ok(Discount::AmountOff(Money::from_minor(450, Currency::Eur)))
        );
    }
}
