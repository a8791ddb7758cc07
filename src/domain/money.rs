use std::fmt;

/// Currencies a drop can be priced in. All have two decimal places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Currency {
    Usd,
    Eur,
    Gbp,
    Cad,
    Aud,
}

impl Currency {
    pub const ALL: [Currency; 5] = [Self::Usd, Self::Eur, Self::Gbp, Self::Cad, Self::Aud];

    /// ISO 4217 code, lowercase as Stripe wants it.
    pub fn code(self) -> &'static str {
        match self {
            Self::Usd => "usd",
            Self::Eur => "eur",
            Self::Gbp => "gbp",
            Self::Cad => "cad",
            Self::Aud => "aud",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code().eq_ignore_ascii_case(code.trim()))
    }

    /// How buyers expect prices in this currency with tax on: VAT or GST
    /// included (euro, pound, Australian dollar), or sales tax added at
    /// checkout (US and Canadian dollars).
    pub fn tax_mode(self) -> TaxMode {
        match self {
            Self::Eur | Self::Gbp | Self::Aud => TaxMode::Inclusive,
            Self::Usd | Self::Cad => TaxMode::Exclusive,
        }
    }
}

/// Whether an order's price includes tax, has it added, or has none worked
/// out (Stripe Tax off, or the demo checkout). Fixed when the checkout is
/// created.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TaxMode {
    #[default]
    None,
    /// The price includes VAT/GST; the tax is a part of it.
    Inclusive,
    /// Tax is added to the price at checkout.
    Exclusive,
}

impl TaxMode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "",
            Self::Inclusive => "inclusive",
            Self::Exclusive => "exclusive",
        }
    }

    pub fn parse(stored: &str) -> Self {
        match stored {
            "inclusive" => Self::Inclusive,
            "exclusive" => Self::Exclusive,
            _ => Self::None,
        }
    }
}

/// An amount of money: integer minor units (cents, pence) plus a currency. Never floats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    minor: i64,
    currency: Currency,
}

/// Why a price was refused; the message is shown beside the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PriceError {
    #[error("Enter a price, for example 25.00.")]
    Empty,
    #[error("Enter the price as a number, for example 25.00.")]
    NotANumber,
    #[error("The price must be between {min} and {max}.")]
    OutOfRange { min: Money, max: Money },
}

impl Money {
    pub const MIN_PRICE_MINOR: i64 = 100;
    pub const MAX_PRICE_MINOR: i64 = 100_000;

    pub fn from_minor(minor: i64, currency: Currency) -> Self {
        Self { minor, currency }
    }

    pub fn minor(self) -> i64 {
        self.minor
    }

    pub fn currency(self) -> Currency {
        self.currency
    }

    /// Parses a shirt price as typed by an artist: "25", "25.00", "25,5", "1,000.00",
    /// "1.000,00", with or without a currency sign. Must be 1.00–1,000.00.
    pub fn parse_price(input: &str, currency: Currency) -> Result<Self, PriceError> {
        let cleaned: String = input
            .trim()
            .trim_matches(|c: char| matches!(c, '$' | '€' | '£' | 'A' | 'C' | ' ' | '\u{a0}'))
            .chars()
            .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\''))
            .collect();
        if cleaned.is_empty() {
            return Err(PriceError::Empty);
        }
        let minor = parse_decimal_minor(&cleaned).ok_or(PriceError::NotANumber)?;
        if !(Self::MIN_PRICE_MINOR..=Self::MAX_PRICE_MINOR).contains(&minor) {
            return Err(PriceError::OutOfRange {
                min: Self::from_minor(Self::MIN_PRICE_MINOR, currency),
                max: Self::from_minor(Self::MAX_PRICE_MINOR, currency),
            });
        }
        Ok(Self { minor, currency })
    }

    /// The amount as a plain decimal for form fields: "25.00".
    pub fn plain(self) -> String {
        format!("{}.{:02}", self.minor / 100, self.minor % 100)
    }
}

/// A separator followed by one or two final digits is the decimal point; any other
/// separator must be a thousands separator followed by exactly three digits.
fn parse_decimal_minor(s: &str) -> Option<i64> {
    if !s.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',') || s.len() > 16 {
        return None;
    }
    let (whole, cents) = match s.rfind(['.', ',']) {
        Some(i) if (1..=2).contains(&(s.len() - i - 1)) => (&s[..i], &s[i + 1..]),
        _ => (s, ""),
    };
    let mut groups = whole.split(['.', ',']);
    let first = groups.next()?;
    if first.is_empty() || (whole.contains(['.', ',']) && first.len() > 3) {
        return None;
    }
    let mut digits = first.to_owned();
    for group in groups {
        if group.len() != 3 {
            return None;
        }
        digits.push_str(group);
    }
    let units: i64 = digits.parse().ok()?;
    let cents: i64 = match cents.len() {
        0 => 0,
        1 => cents.parse::<i64>().ok()? * 10,
        _ => cents.parse().ok()?,
    };
    units.checked_mul(100)?.checked_add(cents)
}

/// Group the integer part in threes with `sep`.
fn group_thousands(mut n: i64, sep: char) -> String {
    let mut groups = Vec::new();
    loop {
        if n < 1000 {
            groups.push(n.to_string());
            break;
        }
        groups.push(format!("{:03}", n % 1000));
        n /= 1000;
    }
    groups.reverse();
    groups.join(&sep.to_string())
}

impl fmt::Display for Money {
    /// Formats the amount the way shoppers of that currency read it:
    /// "$25.00", "25,00 €", "£25.00".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.abs();
        let (units, cents) = (abs / 100, abs % 100);
        match self.currency {
            Currency::Eur => write!(f, "{sign}{},{cents:02}\u{a0}€", group_thousands(units, '.')),
            other => {
                let symbol = match other {
                    Currency::Usd => "$",
                    Currency::Gbp => "£",
                    Currency::Cad => "CA$",
                    Currency::Aud => "A$",
                    Currency::Eur => unreachable!("handled above"),
                };
                write!(f, "{sign}{symbol}{}.{cents:02}", group_thousands(units, ','))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn price(s: &str) -> Result<i64, PriceError> {
        Money::parse_price(s, Currency::Usd).map(Money::minor)
    }

    #[test]
    fn formats_each_currency_like_its_shoppers() {
        assert_eq!(Money::from_minor(2500, Currency::Usd).to_string(), "$25.00");
        assert_eq!(Money::from_minor(2500, Currency::Eur).to_string(), "25,00\u{a0}€");
        assert_eq!(Money::from_minor(2500, Currency::Gbp).to_string(), "£25.00");
        assert_eq!(Money::from_minor(12_345_678, Currency::Usd).to_string(), "$123,456.78");
        assert_eq!(Money::from_minor(100_000, Currency::Eur).to_string(), "1.000,00\u{a0}€");
    }

    #[test]
    fn parses_common_ways_of_typing_a_price() {
        assert_eq!(price("25"), Ok(2500));
        assert_eq!(price("25.00"), Ok(2500));
        assert_eq!(price("25,5"), Ok(2550));
        assert_eq!(price("$ 25.99"), Ok(2599));
        assert_eq!(price("1,000.00"), Ok(100_000));
        assert_eq!(price("1.000,00"), Ok(100_000));
        assert_eq!(price("1,000"), Ok(100_000));
    }

    #[test]
    fn refuses_garbage_and_out_of_range() {
        assert_eq!(price(""), Err(PriceError::Empty));
        assert_eq!(price("abc"), Err(PriceError::NotANumber));
        assert_eq!(price("1e3"), Err(PriceError::NotANumber));
        assert_eq!(price("-5"), Err(PriceError::NotANumber));
        assert_eq!(price("12.34.5"), Err(PriceError::NotANumber));
        assert_eq!(price("99999999999999999999"), Err(PriceError::NotANumber));
        assert!(matches!(price("0.99"), Err(PriceError::OutOfRange { .. })));
        assert!(matches!(price("1000.01"), Err(PriceError::OutOfRange { .. })));
    }
}
