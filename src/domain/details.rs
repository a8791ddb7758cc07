//! What fans want to know before paying, besides the shirt: the artist's few
//! words, what shipping costs and when the shirt arrives. Each product's
//! measurements are its blank's, the same for every drop
//! (`ProductSpec::measures`; its material and care are the message
//! `product-facts-{key}` in `locales/`).

use super::money::{Currency, Money, PriceError};

/// Business days from order to doorstep, as the artist promises them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delivery {
    pub min_days: i64,
    pub max_days: i64,
}

impl Delivery {
    /// The promises the form offers: print-on-demand takes a few days to
    /// print, then the post.
    pub const CHOICES: [Delivery; 4] = [Self::new(3, 5), Self::new(5, 10), Self::new(7, 14), Self::new(10, 20)];
    pub const DEFAULT: Delivery = Self::new(5, 10);

    const fn new(min_days: i64, max_days: i64) -> Self {
        Self { min_days, max_days }
    }

    /// "5-10", the form's value.
    pub fn key(self) -> String {
        format!("{}-{}", self.min_days, self.max_days)
    }

    /// One of [`Self::CHOICES`] by its key.
    pub fn parse(key: &str) -> Option<Self> {
        Self::CHOICES.into_iter().find(|d| d.key() == key.trim())
    }

    /// As stored; anything odd becomes the default.
    pub fn from_db(min_days: i64, max_days: i64) -> Self {
        if (1..=60).contains(&min_days) && (min_days..=60).contains(&max_days) {
            Self::new(min_days, max_days)
        } else {
            Self::DEFAULT
        }
    }
}

/// The artist's description: at most this many characters.
pub const DESCRIPTION_MAX: usize = 500;

/// Most a drop may charge for shipping one order.
pub const SHIPPING_MAX_MINOR: i64 = 5_000;

/// The artist's description as typed: trimmed, line breaks kept (as `\n`),
/// other control characters refused.
pub fn parse_description(input: &str) -> Result<String, DescriptionError> {
    let text = input.replace("\r\n", "\n").replace('\r', "\n");
    let text = text.trim();
    if text.chars().any(|c| c != '\n' && super::slogan::is_forbidden(c)) {
        return Err(DescriptionError::ControlCharacters);
    }
    if text.chars().count() > DESCRIPTION_MAX {
        return Err(DescriptionError::TooLong);
    }
    Ok(text.to_owned())
}

/// Why the artist's description was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DescriptionError {
    #[error("The description contains invisible control characters; please retype it.")]
    ControlCharacters,
    #[error("Keep the description to 500 characters or fewer.")]
    TooLong,
}

/// Why the shipping price was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ShippingError {
    #[error("Shipping must be between {} and {max} (leave it empty for free shipping).", Money::from_minor(0, max.currency()))]
    OutOfRange { max: Money },
    #[error("Enter shipping as a number, for example 5.00, or leave it empty for free shipping.")]
    NotANumber,
}

/// Shipping per order as typed: empty or 0 is free; at most 50.00.
pub fn parse_shipping(input: &str, currency: Currency) -> Result<Money, ShippingError> {
    let typed = input.trim();
    if typed.is_empty() || typed.trim_matches(|c| matches!(c, '0' | '.' | ',')).is_empty() {
        return Ok(Money::from_minor(0, currency));
    }
    match Money::parse_price(typed, currency) {
        Ok(m) if m.minor() <= SHIPPING_MAX_MINOR => Ok(m),
        Ok(_) | Err(PriceError::OutOfRange { .. }) => {
            Err(ShippingError::OutOfRange { max: Money::from_minor(SHIPPING_MAX_MINOR, currency) })
        }
        Err(_) => Err(ShippingError::NotANumber),
    }
}

/// Centimetres as inches to the nearest half: "20".
pub fn inches(cm: u32) -> String {
    inches_of_mm(cm * 10)
}

/// Millimetres as inches to the nearest half: "16½".
pub fn inches_of_mm(mm: u32) -> String {
    let halves = (f64::from(mm) / 25.4 * 2.0).round() as i64;
    if halves % 2 == 0 { format!("{}", halves / 2) } else { format!("{}½", halves / 2) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_keep_line_breaks_and_refuse_controls_and_length() {
        assert_eq!(parse_description("  Hi\r\nthere  ").unwrap(), "Hi\nthere");
        assert_eq!(parse_description("").unwrap(), "");
        assert!(parse_description("bad\u{7}bell").is_err());
        assert!(parse_description(&"x".repeat(501)).is_err());
        assert!(parse_description(&"ü".repeat(500)).is_ok());
    }

    #[test]
    fn shipping_is_free_when_empty_and_bounded() {
        let usd = Currency::Usd;
        assert_eq!(parse_shipping("", usd).unwrap().minor(), 0);
        assert_eq!(parse_shipping("0.00", usd).unwrap().minor(), 0);
        assert_eq!(parse_shipping("4,50", usd).unwrap().minor(), 450);
        assert!(parse_shipping("50.01", usd).is_err());
        assert_eq!(parse_shipping("five", usd), Err(ShippingError::NotANumber));
    }

    #[test]
    fn delivery_choices_round_trip() {
        for d in Delivery::CHOICES {
            assert_eq!(Delivery::parse(&d.key()), Some(d));
        }
        assert_eq!(Delivery::parse("1-2"), None);
        assert_eq!(Delivery::from_db(0, 5), Delivery::DEFAULT);
        assert_eq!(inches(51), "20");
        assert_eq!(inches(47), "18½");
    }
}
