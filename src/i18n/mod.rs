//! Words in the visitor's language: every message lives in Project Fluent
//! files (`locales/en/*.ftl`, `locales/de/*.ftl`, compiled into the binary by
//! `fluent-templates`), and this module is the one door to them. Numbers,
//! prices and dates are written the way each language writes them.
//!
//! Pages call [`text`] (or `Layout::t`) with a message id; a message missing
//! from German falls back to English, and a test keeps both files complete.

mod format;
mod messages;

pub use format::{centimetres, count, date_time_utc, date_utc, money};
pub use messages::{
    Localized, colour_name, delivery_days, line_item, look_name, order_item, order_line, order_total, product_name,
    promo_label, promo_problem, source_label, tax_note, time_left,
};

use crate::domain::Language;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};
use std::borrow::Cow;
use std::collections::HashMap;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // No invisible isolation marks around values: they would end up in
        // attributes, e-mails and Stripe's line items.
        customise: |bundle| {
            bundle.set_use_isolating(false);
            if bundle.locales.first().is_some_and(|l| l.language.as_str() == "de") {
                bundle.set_formatter(Some(format::fluent_number_de));
            } else {
                bundle.set_formatter(Some(format::fluent_number_en));
            }
        },
    };
}

static EN: LanguageIdentifier = langid!("en");
static DE: LanguageIdentifier = langid!("de");

fn id(lang: Language) -> &'static LanguageIdentifier {
    match lang {
        Language::En => &EN,
        Language::De => &DE,
    }
}

/// A message with no values.
pub fn text(lang: Language, message: &str) -> String {
    LOCALES.lookup(id(lang), message)
}

/// A message with named values (`{ $count }`, `{ $name }`).
pub fn text_with(lang: Language, message: &str, args: &[(&'static str, Arg)]) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue<'static>> =
        args.iter().map(|(name, value)| (Cow::Borrowed(*name), value.to_fluent())).collect();
    LOCALES.lookup_with_args(id(lang), message, &args)
}

/// A value put into a message: a number (which also picks the plural form)
/// or text.
#[derive(Debug, Clone)]
pub enum Arg {
    Number(i64),
    Text(String),
}

impl Arg {
    fn to_fluent(&self) -> FluentValue<'static> {
        match self {
            Self::Number(n) => FluentValue::from(*n),
            Self::Text(s) => FluentValue::from(s.clone()),
        }
    }
}

/// What may be put into a message from a template, however many references
/// deep askama hands it over.
pub trait ToArg {
    fn to_arg(&self) -> Arg;
}

macro_rules! number_args {
    ($($t:ty),*) => {$(impl ToArg for $t { fn to_arg(&self) -> Arg { Arg::Number(*self as i64) } })*};
}
number_args!(i64, i32, u32, u16, u8, usize);

impl ToArg for str {
    fn to_arg(&self) -> Arg {
        Arg::Text(self.to_owned())
    }
}
impl ToArg for String {
    fn to_arg(&self) -> Arg {
        Arg::Text(self.clone())
    }
}
impl<T: ToArg + ?Sized> ToArg for &T {
    fn to_arg(&self) -> Arg {
        (**self).to_arg()
    }
}

/// The language a visitor asked for in `Accept-Language`, among those
/// popshop speaks (Fluent's own negotiation: `de-CH, en;q=0.5` is German).
pub fn negotiate(accept_language: &str) -> Language {
    let requested = fluent_langneg::accepted_languages::parse(accept_language);
    let available = [EN.clone(), DE.clone()];
    let chosen = fluent_langneg::negotiate_languages(
        &requested,
        &available,
        Some(&EN),
        fluent_langneg::NegotiationStrategy::Lookup,
    );
    chosen.first().and_then(|l| Language::parse(l.language.as_str())).unwrap_or_default()
}

#[cfg(test)]
mod tests;
