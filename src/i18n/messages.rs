//! Domain values and refusals in words: each maps to a Fluent message id
//! (and its values), so the domain stays free of any language.

use super::{Arg, money, text, text_with};
use crate::domain::details::{DescriptionError, ShippingError};
use crate::domain::email::EmailError;
use crate::domain::money::PriceError;
use crate::domain::password::PasswordError;
use crate::domain::quantity::CountError;
use crate::domain::size::SizesError;
use crate::domain::slogan::SloganError;
use crate::domain::{Delivery, DropState, Language, NameError, Password, ShirtColour, Slogan, colour::ColoursError};

/// A refusal or state that can be said in any of popshop's languages.
pub trait Localized {
    fn localized(&self, lang: Language) -> String;
}

impl Localized for SloganError {
    fn localized(&self, lang: Language) -> String {
        match self {
            Self::Empty => text(lang, "error-slogan-empty"),
            Self::TooLong(n) => text_with(
                lang,
                "error-slogan-too-long",
                &[("max", Arg::Number(Slogan::MAX_CHARS as i64)), ("count", Arg::Number(*n as i64))],
            ),
            Self::ControlCharacters => text(lang, "error-slogan-control"),
            Self::TooManyMarks => text(lang, "error-slogan-marks"),
        }
    }
}

impl Localized for NameError {
    fn localized(&self, lang: Language) -> String {
        match self {
            Self::Empty => text(lang, "error-name-empty"),
            Self::ControlCharacters => text(lang, "error-name-control"),
            Self::TooLong => text(lang, "error-name-too-long"),
        }
    }
}

impl Localized for PriceError {
    fn localized(&self, lang: Language) -> String {
        match self {
            Self::Empty => text(lang, "error-price-empty"),
            Self::NotANumber => text(lang, "error-price-number"),
            Self::OutOfRange { min, max } => text_with(
                lang,
                "error-price-range",
                &[("min", Arg::Text(money(lang, *min))), ("max", Arg::Text(money(lang, *max)))],
            ),
        }
    }
}

impl Localized for SizesError {
    fn localized(&self, lang: Language) -> String {
        match self {
            Self::None => text(lang, "error-sizes-none"),
            Self::Unknown(s) => text_with(lang, "error-sizes-unknown", &[("size", Arg::Text(s.clone()))]),
        }
    }
}

impl Localized for ColoursError {
    fn localized(&self, lang: Language) -> String {
        match self {
            Self::None => text(lang, "error-colours-none"),
            Self::Unknown(s) => text_with(lang, "error-colours-unknown", &[("colour", Arg::Text(s.clone()))]),
        }
    }
}

impl Localized for crate::domain::promo::CodeError {
    fn localized(&self, lang: Language) -> String {
        use crate::domain::promo::CodeError as E;
        text(
            lang,
            match self {
                E::Empty => "error-code-empty",
                E::Characters => "error-code-characters",
                E::Length => "error-code-length",
            },
        )
    }
}

impl Localized for crate::domain::promo::DiscountError {
    fn localized(&self, lang: Language) -> String {
        use crate::domain::promo::DiscountError as E;
        text(
            lang,
            match self {
                E::Percent => "error-discount-percent",
                E::Amount => "error-discount-amount",
                E::Kind => "error-discount-kind",
            },
        )
    }
}

impl Localized for CountError {
    fn localized(&self, lang: Language) -> String {
        match self {
            Self::NotANumber => text(lang, "error-count-number"),
            Self::OutOfRange { min, max } => {
                text_with(lang, "error-count-range", &[("min", Arg::Number(*min)), ("max", Arg::Number(*max))])
            }
        }
    }
}

impl Localized for DescriptionError {
    fn localized(&self, lang: Language) -> String {
        match self {
            Self::ControlCharacters => text(lang, "error-description-control"),
            Self::TooLong => text(lang, "error-description-too-long"),
        }
    }
}

impl Localized for ShippingError {
    fn localized(&self, lang: Language) -> String {
        match self {
            Self::OutOfRange { max } => text_with(
                lang,
                "error-shipping-range",
                &[
                    ("min", Arg::Text(money(lang, crate::domain::Money::from_minor(0, max.currency())))),
                    ("max", Arg::Text(money(lang, *max))),
                ],
            ),
            Self::NotANumber => text(lang, "error-shipping-number"),
        }
    }
}

impl Localized for EmailError {
    fn localized(&self, lang: Language) -> String {
        match self {
            Self::Empty => text(lang, "error-email-empty"),
            Self::Invalid => text(lang, "error-email-invalid"),
        }
    }
}

impl Localized for PasswordError {
    fn localized(&self, lang: Language) -> String {
        match self {
            Self::TooShort => {
                text_with(lang, "error-password-short", &[("min", Arg::Number(Password::MIN_CHARS as i64))])
            }
            Self::TooLong => {
                text_with(lang, "error-password-long", &[("max", Arg::Number(Password::MAX_CHARS as i64))])
            }
        }
    }
}

impl Localized for DropState {
    fn localized(&self, lang: Language) -> String {
        text(lang, &format!("state-{}", self.key()))
    }
}

impl Localized for crate::domain::OrderStatus {
    fn localized(&self, lang: Language) -> String {
        use crate::domain::OrderStatus as S;
        text(
            lang,
            match self {
                S::Pending => "order-status-pending",
                S::Processing => "order-status-processing",
                S::Paid => "order-status-paid",
                S::Expired => "order-status-expired",
                S::Cancelled => "order-status-cancelled",
                S::Failed => "order-status-failed",
                S::RefundDue => "order-status-refund-due",
                S::Refunded => "order-status-refunded",
                S::Disputed => "order-status-disputed",
                S::DisputeLost => "order-status-dispute-lost",
            },
        )
    }
}

impl Localized for crate::domain::call::CreditError {
    fn localized(&self, lang: Language) -> String {
        match self {
            Self::ControlCharacters => text(lang, "error-name-control"),
            Self::TooLong => text(lang, "error-credit-too-long"),
        }
    }
}

/// A shirt colour's name: "Heather grey", "Grau meliert".
pub fn colour_name(lang: Language, colour: ShirtColour) -> String {
    text(lang, &format!("colour-{}", colour.key))
}

/// "code FRIDAY: 20% off each shirt" / "code FRIDAY: $5.00 off each shirt";
/// on a merch table (`merch`) a code for every product says "each item".
pub fn promo_label(lang: Language, promo: &crate::domain::PromoCode, merch: bool) -> String {
    let off = match promo.discount {
        crate::domain::Discount::Percent(p) => format!("{p}%"),
        crate::domain::Discount::AmountOff(m) => super::money(lang, m),
    };
    match promo.product {
        Some(product) => text_with(
            lang,
            "promo-label-product",
            &[
                ("code", Arg::Text(promo.code.clone())),
                ("off", Arg::Text(off)),
                ("product", Arg::Text(product_name(lang, product))),
            ],
        ),
        None => text_with(
            lang,
            if merch { "promo-label-item" } else { "promo-label" },
            &[("code", Arg::Text(promo.code.clone())), ("off", Arg::Text(off))],
        ),
    }
}

/// Where fans came from (`domain::source`), as the artist reads it:
/// "X", "QR code", … and `?ref=name` for the artist's own sources.
pub fn source_label(lang: Language, source: &str) -> String {
    use crate::domain::source;
    match source {
        source::X => "X".to_owned(),
        source::BLUESKY => "Bluesky".to_owned(),
        source::FACEBOOK => "Facebook".to_owned(),
        source::SHARE_SHEET => text(lang, "source-share"),
        source::QR => text(lang, "source-qr"),
        source::LINK => text(lang, "source-link"),
        source::DIRECT => text(lang, "source-direct"),
        other => format!("?ref={other}"),
    }
}

/// Why a promo code cannot be used, in `lang`.
pub fn promo_problem(lang: Language, problem: crate::domain::PromoProblem) -> String {
    text(
        lang,
        match problem {
            // One answer for any code that cannot be used, so a guesser
            // learns nothing about which codes exist.
            crate::domain::PromoProblem::Unknown
            | crate::domain::PromoProblem::Ended
            | crate::domain::PromoProblem::UsedUp => "promo-unknown",
            crate::domain::PromoProblem::TooManyTries => "promo-too-many-tries",
            crate::domain::PromoProblem::AlreadyHeld => "promo-already-held",
        },
    )
}

/// A look's name in `lang` ("Neon night", "Neonnacht").
pub fn look_name(lang: Language, theme: &crate::design::Theme) -> String {
    text(lang, &format!("look-{}", theme.key))
}

/// A product's name in `lang` ("Hoodie", "Stoffbeutel").
pub fn product_name(lang: Language, product: crate::domain::Product) -> String {
    text(lang, &format!("product-{}", product.key()))
}

/// What sets a line apart: its size and colour ("L, Black"), the colour
/// alone for a one-size product whose blank comes in several, else nothing.
fn line_details(lang: Language, line: &crate::domain::OrderLine) -> String {
    let colour = colour_name(lang, line.colour);
    match line.size {
        Some(size) => format!("{size}, {colour}"),
        None if line.product.spec().colours.is_some_and(|own| own.len() > 1) => colour,
        None => String::new(),
    }
}

/// "“Slogan” Hoodie — L, Black": a line as the payment page names it.
pub fn line_item(lang: Language, slogan: &str, line: &crate::domain::OrderLine) -> String {
    let details = line_details(lang, line);
    text_with(
        lang,
        "checkout-product",
        &[
            ("slogan", Arg::Text(slogan.to_owned())),
            ("product", Arg::Text(product_name(lang, line.product))),
            ("details", Arg::Text(if details.is_empty() { details } else { format!(" — {details}") })),
        ],
    )
}

/// "2 × “Slogan” T-shirt, M, Black": one line of an order.
pub fn order_line(lang: Language, slogan: &str, line: &crate::domain::OrderLine) -> String {
    let details = line_details(lang, line);
    text_with(
        lang,
        "order-item",
        &[
            ("quantity", Arg::Number(line.quantity)),
            ("slogan", Arg::Text(slogan.to_owned())),
            ("product", Arg::Text(product_name(lang, line.product))),
            ("details", Arg::Text(if details.is_empty() { details } else { format!(", {details}") })),
        ],
    )
}

/// Every line of an order, one per line of text ("1 × “Slogan” Hoodie, L,
/// Black", "2 × “Slogan” Sticker"): pages show it with `white-space:
/// pre-line`.
pub fn order_item(lang: Language, slogan: &str, lines: &[crate::domain::OrderLine]) -> String {
    lines.iter().map(|l| order_line(lang, slogan, l)).collect::<Vec<_>>().join("\n")
}

/// "5–10 business days", "5–10 Werktage".
pub fn delivery_days(lang: Language, d: Delivery) -> String {
    text_with(lang, "delivery-days", &[("min", Arg::Number(d.min_days)), ("max", Arg::Number(d.max_days))])
}

/// How long a drop still runs: "2d 3h", "2 T. 3 Std.", "under a minute".
pub fn time_left(lang: Language, seconds: i64) -> String {
    let (d, h, m) = (seconds / 86_400, seconds % 86_400 / 3600, seconds % 3600 / 60);
    let n = Arg::Number;
    match (d, h, m) {
        _ if seconds < 60 => text(lang, "time-left-under-minute"),
        (0, 0, m) => text_with(lang, "time-left-minutes", &[("m", n(m))]),
        (0, h, m) => text_with(lang, "time-left-hours", &[("h", n(h)), ("m", n(m))]),
        (d, h, _) => text_with(lang, "time-left-days", &[("d", n(d)), ("h", n(h))]),
    }
}

/// How the price stands to tax with Stripe Tax on: "incl. VAT" (euro,
/// pound), "incl. GST" (Australian dollar), "+ tax at checkout" (US and
/// Canadian dollars).
pub fn tax_note(lang: Language, currency: crate::domain::Currency) -> String {
    use crate::domain::{Currency, TaxMode};
    let key = match (currency.tax_mode(), currency) {
        (TaxMode::Inclusive, Currency::Aud) => "tax-incl-gst",
        (TaxMode::Inclusive, _) => "tax-incl-vat",
        _ => "tax-added",
    };
    super::text(lang, key)
}

/// What a fan paid for an order, with the tax in it once Stripe worked it
/// out: "€29.00 (incl. €4.63 tax)", "$27.06 (incl. $2.06 tax)".
pub fn order_total(lang: Language, order: &crate::domain::Order) -> String {
    let total = super::money(lang, order.total_paid());
    if order.tax.minor() > 0 {
        let tax = super::text_with(lang, "tax-line-included", &[("tax", Arg::Text(super::money(lang, order.tax)))]);
        format!("{total} ({tax})")
    } else {
        total
    }
}
