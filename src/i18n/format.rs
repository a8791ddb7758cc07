//! Numbers, prices and times the way each language writes them (CLDR's
//! patterns for `en` and `de`): `$1,250.00` / `1.250,00 $`, `27 Nov 2026,
//! 21:05 UTC` / `27.11.2026, 21:05 UTC`.

use crate::domain::{Currency, Language, Money};
use fluent_templates::fluent_bundle::FluentValue;

/// Digits grouped by thousands: `12,345` / `12.345`.
pub fn count(lang: Language, n: i64) -> String {
    let (group, _) = separators(lang);
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(group);
        }
        out.push(c);
    }
    out
}

fn separators(lang: Language) -> (char, char) {
    match lang {
        Language::En => (',', '.'),
        Language::De => ('.', ','),
    }
}

/// Millimetres as centimetres to one decimal, the decimal left out when
/// it is zero: `30.5` / `30,5`, `38`.
pub fn centimetres(lang: Language, mm: u32) -> String {
    let (_, decimal) = separators(lang);
    match mm % 10 {
        0 => count(lang, i64::from(mm / 10)),
        tenth => format!("{}{decimal}{tenth}", count(lang, i64::from(mm / 10))),
    }
}

/// A price: `$25.00`, `€25.00`, `CA$25.00` in English; `25,00 $`,
/// `25,00 €`, `25,00 CA$` in German (CLDR's currency symbols for each).
pub fn money(lang: Language, amount: Money) -> String {
    let minor = amount.minor();
    let sign = if minor < 0 { "-" } else { "" };
    let (units, cents) = (minor.abs() / 100, minor.abs() % 100);
    let (_, decimal) = separators(lang);
    let number = format!("{}{decimal}{cents:02}", count(lang, units));
    match lang {
        Language::En => {
            let symbol = match amount.currency() {
                Currency::Usd => "$",
                Currency::Eur => "€",
                Currency::Gbp => "£",
                Currency::Cad => "CA$",
                Currency::Aud => "A$",
            };
            format!("{sign}{symbol}{number}")
        }
        Language::De => {
            let symbol = match amount.currency() {
                Currency::Usd => "$",
                Currency::Eur => "€",
                Currency::Gbp => "£",
                Currency::Cad => "CA$",
                Currency::Aud => "AU$",
            };
            format!("{sign}{number}\u{a0}{symbol}")
        }
    }
}

/// A unix-millisecond time in UTC, for pages read without JavaScript (the
/// script shows the reader's local time instead).
pub fn date_time_utc(lang: Language, ms: i64) -> String {
    let Some(t) = chrono::DateTime::from_timestamp_millis(ms) else { return String::new() };
    match lang {
        Language::En => t.format("%-d %b %Y, %H:%M UTC").to_string(),
        Language::De => t.format("%d.%m.%Y, %H:%M UTC").to_string(),
    }
}

/// A unix-millisecond day in UTC: "5 Dec 2026", "05.12.2026".
pub fn date_utc(lang: Language, ms: i64) -> String {
    let Some(t) = chrono::DateTime::from_timestamp_millis(ms) else { return String::new() };
    match lang {
        Language::En => t.format("%-d %b %Y").to_string(),
        Language::De => t.format("%d.%m.%Y").to_string(),
    }
}

/// Fluent's own number output has no grouping; these give it the language's.
pub(super) fn fluent_number_en<M>(value: &FluentValue, _: &M) -> Option<String> {
    fluent_number(Language::En, value)
}

pub(super) fn fluent_number_de<M>(value: &FluentValue, _: &M) -> Option<String> {
    fluent_number(Language::De, value)
}

fn fluent_number(lang: Language, value: &FluentValue) -> Option<String> {
    match value {
        FluentValue::Number(n) if n.value.fract() == 0.0 && n.value.abs() < 1e15 => Some(count(lang, n.value as i64)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_prices_the_way_each_language_does() {
        let m = |minor, c| Money::from_minor(minor, c);
        assert_eq!(money(Language::En, m(2500, Currency::Usd)), "$25.00");
        assert_eq!(money(Language::En, m(125_000, Currency::Eur)), "€1,250.00");
        assert_eq!(money(Language::De, m(125_000, Currency::Eur)), "1.250,00\u{a0}€");
        assert_eq!(money(Language::De, m(2500, Currency::Usd)), "25,00\u{a0}$");
        assert_eq!(money(Language::De, m(-450, Currency::Aud)), "-4,50\u{a0}AU$");
        assert_eq!(money(Language::En, m(99, Currency::Gbp)), "£0.99");
    }

    #[test]
    fn writes_centimetres_with_the_languages_decimal() {
        assert_eq!(centimetres(Language::En, 305), "30.5");
        assert_eq!(centimetres(Language::De, 457), "45,7");
        assert_eq!(centimetres(Language::De, 380), "38");
    }

    #[test]
    fn groups_thousands_and_writes_dates() {
        assert_eq!(count(Language::En, 1_234_567), "1,234,567");
        assert_eq!(count(Language::De, 12_345), "12.345");
        assert_eq!(count(Language::De, 999), "999");
        assert_eq!(count(Language::En, -1000), "-1,000");
        let ms = 1_795_813_500_000; // 2026-11-27 21:05 UTC
        assert_eq!(date_time_utc(Language::En, ms), "27 Nov 2026, 21:05 UTC");
        assert_eq!(date_time_utc(Language::De, ms), "27.11.2026, 21:05 UTC");
    }
}
