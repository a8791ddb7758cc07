//! The create-a-drop form: the values as typed, their validation, and the
//! choices the page offers.

use crate::design::{THEMES, Theme};
use crate::domain::details::{self, Delivery};
use crate::domain::quantity::CountError;
use crate::domain::{
    Currency, EmailAddress, FromCall, Goal, Language, Money, Password, Product, ShirtColour, ShirtColours, Size, Sizes,
    Slogan, Stock, parse_display_name,
};
use crate::i18n::{self, Localized};
use crate::store::NewDrop;
use crate::web::forms::Choice;
use crate::web::forms::FormData;
use chrono::{NaiveDateTime, TimeDelta};

/// Every field exactly as typed, so a rejected form comes back filled in.
#[derive(Debug, Clone, Default)]
pub struct DropForm {
    pub slogan: String,
    pub artist_name: String,
    pub price: String,
    pub currency: String,
    pub sizes: Vec<String>,
    pub colours: Vec<String>,
    pub stock: String,
    /// Most shirts one order may take ("4" by default).
    pub max_per_order: String,
    pub ends_at: String,
    /// Minutes to add to the local end time to get UTC (JavaScript's
    /// `getTimezoneOffset()`); "0" (UTC) without JavaScript.
    pub tz_offset: String,
    pub goal: String,
    /// A theme key, or "auto" for the slogan's default look.
    pub theme: String,
    pub email: String,
    /// The artist's few words for fans.
    pub description: String,
    /// Shipping per order; empty is free.
    pub shipping: String,
    /// A [`Delivery`] key ("5-10").
    pub delivery: String,
    /// The storefront's language ("en", "de"); the page's own by default.
    pub language: String,
    /// Launching a fan's idea: the call's slug and the idea's id (hidden).
    pub call: String,
    pub idea: String,
    /// The products ticked (keys); the form says it showed them
    /// (`products_shown`), so none ticked is an answer, not an old client.
    pub products: Vec<String>,
    pub products_shown: bool,
    /// Each product's price as typed (the T-shirt's is `price`).
    pub product_prices: Vec<(String, String)>,
}

/// A message per field; `None` where the field is fine.
#[derive(Debug, Clone, Default)]
pub struct DropFormErrors {
    /// About the whole form (e.g. too many launches), shown at the top.
    pub form: Option<String>,
    pub slogan: Option<String>,
    pub artist_name: Option<String>,
    pub price: Option<String>,
    pub sizes: Option<String>,
    pub colours: Option<String>,
    pub stock: Option<String>,
    pub max_per_order: Option<String>,
    pub ends_at: Option<String>,
    pub goal: Option<String>,
    pub email: Option<String>,
    pub password: Option<String>,
    pub description: Option<String>,
    pub shipping: Option<String>,
    pub delivery: Option<String>,
    /// About the products (none picked, or a price that does not parse).
    pub products: Option<String>,
}

impl DropFormErrors {
    /// Each field's message with where it is (the field, or the message
    /// beside a group of boxes), in the order of the form: the summary at
    /// the top links each one.
    pub fn list(&self) -> Vec<(&'static str, &str)> {
        [
            ("slogan", &self.slogan),
            ("artist_name", &self.artist_name),
            ("price", &self.price),
            ("products-error", &self.products),
            ("sizes-error", &self.sizes),
            ("colours-error", &self.colours),
            ("email", &self.email),
            ("password", &self.password),
            ("description", &self.description),
            ("stock", &self.stock),
            ("max_per_order", &self.max_per_order),
            ("goal", &self.goal),
            ("ends_at", &self.ends_at),
            ("shipping", &self.shipping),
            ("delivery", &self.delivery),
        ]
        .into_iter()
        .filter_map(|(target, message)| message.as_deref().map(|m| (target, m)))
        .collect()
    }

    pub fn any(&self) -> bool {
        [
            &self.form,
            &self.slogan,
            &self.artist_name,
            &self.price,
            &self.sizes,
            &self.colours,
            &self.stock,
            &self.max_per_order,
            &self.ends_at,
            &self.goal,
            &self.email,
            &self.password,
            &self.description,
            &self.shipping,
            &self.delivery,
            &self.products,
        ]
        .iter()
        .any(|e| e.is_some())
    }
}

/// A drop that passed validation, not yet tied to an account.
pub struct ValidDrop {
    pub slogan: Slogan,
    pub artist_name: String,
    /// The sizes and colours picked (each product offers those it comes in).
    pub sizes: Sizes,
    pub colours: ShirtColours,
    pub max_per_order: i64,
    pub goal: Option<Goal>,
    pub ends_at: Option<i64>,
    pub theme: &'static Theme,
    pub description: String,
    pub shipping: Money,
    pub delivery: Delivery,
    /// The language of the drop's storefront, checkout and thanks pages.
    pub language: Language,
    /// What it sells (at least one), the T-shirt first when ticked: each
    /// with its price and stock.
    pub products: Vec<crate::store::NewProduct>,
}

impl ValidDrop {
    /// `from_call`: the fan's idea it launches, checked to be the artist's.
    pub fn for_account(self, account_id: crate::domain::AccountId, from_call: Option<FromCall>) -> NewDrop {
        NewDrop {
            account_id,
            slogan: self.slogan,
            artist_name: self.artist_name,
            sizes: self.sizes,
            colours: self.colours,
            max_per_order: self.max_per_order,
            goal: self.goal,
            ends_at: self.ends_at,
            theme: self.theme.key,
            description: self.description,
            shipping: self.shipping,
            delivery: self.delivery,
            language: self.language,
            from_call,
            printer: crate::domain::Printer::Own,
            products: self.products,
        }
    }
}

/// One product on the create form.
pub struct ProductChoice {
    pub key: &'static str,
    pub name: String,
    /// "S–3XL", "One size".
    pub sizes: String,
    /// As typed ("45.00"); empty for the T-shirt, whose price is the form's.
    pub price: String,
    pub checked: bool,
}

/// Why the end time was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EndError {
    #[error("Enter the end as a date and time, for example 2026-12-31 20:00.")]
    NotATime,
    #[error("The end time must be in the future.")]
    Past,
    #[error("A drop can run for at most 90 days.")]
    TooFar,
}

impl Localized for EndError {
    fn localized(&self, lang: Language) -> String {
        i18n::text(
            lang,
            match self {
                Self::NotATime => "error-end-format",
                Self::Past => "error-end-past",
                Self::TooFar => "error-end-too-far",
            },
        )
    }
}

/// Most shirts per order when the artist does not say.
pub const DEFAULT_MAX_PER_ORDER: i64 = 4;

/// "1" to "10"; blank means the default.
fn parse_max_per_order(typed: &str) -> Result<i64, CountError> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(DEFAULT_MAX_PER_ORDER);
    }
    typed
        .parse::<i64>()
        .ok()
        .filter(|n| (1..=crate::domain::Quantity::MAX).contains(n))
        .ok_or(CountError::OutOfRange { min: 1, max: crate::domain::Quantity::MAX })
}

/// Longest a drop may run.
const MAX_DURATION: TimeDelta = TimeDelta::days(90);

fn clip(s: &str, max_chars: usize) -> String {
    s.chars().take(max_chars).collect()
}

impl DropForm {
    /// A fresh form with the choices most artists want.
    pub fn blank(lang: Language) -> Self {
        Self {
            language: lang.code().into(),
            // Written as the artist would: "25.00", "25,00" (either parses).
            price: match lang {
                Language::En => "25.00".into(),
                Language::De => "25,00".into(),
            },
            currency: "usd".into(),
            sizes: ["S", "M", "L", "XL"].map(String::from).to_vec(),
            colours: vec!["black".into()],
            tz_offset: "0".into(),
            theme: "auto".into(),
            max_per_order: DEFAULT_MAX_PER_ORDER.to_string(),
            delivery: Delivery::DEFAULT.key(),
            products: vec![Product::Tee.key().into()],
            products_shown: true,
            product_prices: Product::ALL
                .iter()
                .filter(|p| **p != Product::Tee)
                .map(|p| {
                    let price = p.default_price(Currency::Usd).plain();
                    let typed = if lang == Language::De { price.replace('.', ",") } else { price };
                    (p.key().to_owned(), typed)
                })
                .collect(),
            ..Self::default()
        }
    }

    /// Reads the typed values; long junk is clipped so the page stays small.
    pub fn from_form(form: &FormData) -> Self {
        Self {
            slogan: clip(form.get("slogan"), 400),
            artist_name: clip(form.get("artist_name"), 200),
            price: clip(form.get("price"), 40),
            currency: clip(form.get("currency"), 8),
            sizes: form.all("sizes").into_iter().take(20).map(|s| clip(s, 8)).collect(),
            colours: form.all("colours").into_iter().take(20).map(|s| clip(s, 20)).collect(),
            stock: clip(form.get("stock"), 40),
            max_per_order: clip(form.get("max_per_order"), 8),
            ends_at: clip(form.get("ends_at"), 40),
            tz_offset: clip(form.get("tz_offset"), 8),
            goal: clip(form.get("goal"), 40),
            theme: clip(form.get("theme"), 20),
            email: clip(form.get("email"), 254),
            description: clip(form.get("description"), 2_000),
            shipping: clip(form.get("shipping"), 40),
            delivery: clip(form.get("delivery"), 8),
            language: clip(form.get("language"), 8),
            call: clip(form.get("call"), 120),
            idea: clip(form.get("idea"), 64),
            products: form.all("products").into_iter().take(12).map(|s| clip(s, 16)).collect(),
            products_shown: !form.get("products_shown").is_empty(),
            product_prices: Product::ALL
                .iter()
                .filter(|p| **p != Product::Tee)
                .map(|p| (p.key().to_owned(), clip(form.get(&format!("price_{}", p.key())), 40)))
                .collect(),
        }
    }

    /// The products the form offers: (key, name, sizes, price as typed,
    /// ticked). The T-shirt's price is the form's `price`.
    pub fn product_choices(&self, lang: impl std::borrow::Borrow<Language>) -> Vec<ProductChoice> {
        let lang = *lang.borrow();
        Product::ALL
            .iter()
            .map(|p| ProductChoice {
                key: p.key(),
                name: i18n::product_name(lang, *p),
                sizes: match (p.spec().sizes.first(), p.spec().sizes.last()) {
                    (Some(a), Some(b)) => format!("{a}–{b}"),
                    _ => i18n::text(lang, "studio-one-size"),
                },
                price: if *p == Product::Tee {
                    String::new()
                } else {
                    self.product_prices.iter().find(|(k, _)| k == p.key()).map(|(_, v)| v.clone()).unwrap_or_default()
                },
                checked: self.ticked(*p),
            })
            .collect()
    }

    /// Whether `product` is on the table: as ticked, or the T-shirt alone
    /// from a form that did not show the products.
    fn ticked(&self, product: Product) -> bool {
        if !self.products_shown && self.products.is_empty() {
            return product == Product::Tee;
        }
        self.products.iter().any(|k| k == product.key())
    }

    /// The products as validated: each ticked one with its price (the
    /// T-shirt at `price`), sizes and colours from the artist's picks, and
    /// the stock limit per product.
    fn valid_products(
        &self,
        tee_price: Option<Money>,
        currency: Currency,
        sizes: Option<&Sizes>,
        colours: Option<&ShirtColours>,
        stock: Option<Option<Stock>>,
        lang: Language,
    ) -> Result<Vec<crate::store::NewProduct>, String> {
        let mut out = Vec::new();
        for product in Product::ALL.into_iter().filter(|p| self.ticked(*p)) {
            let price = if product == Product::Tee {
                match tee_price {
                    Some(price) => price,
                    None => continue,
                }
            } else {
                let typed = self.product_prices.iter().find(|(k, _)| k == product.key()).map_or("", |(_, v)| v);
                Money::parse_price(typed, currency)
                    .map_err(|e| format!("{}: {}", i18n::product_name(lang, product), e.localized(lang)))?
            };
            out.push(crate::store::NewProduct {
                product,
                price,
                sizes: if product.sized() {
                    product.offered_sizes(sizes.map_or(&[], |s| s.as_slice()))
                } else {
                    Vec::new()
                },
                colours: product.offered_colours(colours.map_or(&[], |c| c.as_slice())),
                stock: stock.flatten().map(Stock::get),
            });
        }
        if out.is_empty() && tee_price.is_some() {
            return Err(i18n::text(lang, "studio-pick-product"));
        }
        Ok(out)
    }

    /// The delivery times offered: (value, label, chosen).
    pub fn delivery_choices(&self, lang: impl std::borrow::Borrow<Language>) -> Vec<Choice> {
        let lang = *lang.borrow();
        let chosen = Delivery::parse(&self.delivery).unwrap_or(Delivery::DEFAULT);
        Delivery::CHOICES
            .iter()
            .map(|d| Choice { value: d.key(), label: i18n::delivery_days(lang, *d), checked: *d == chosen, swatch: "" })
            .collect()
    }

    /// Whether the folded "shipping and description" part starts open: when
    /// something in it was typed or needs fixing.
    pub fn details_open(&self, errors: &DropFormErrors) -> bool {
        !self.description.trim().is_empty()
            || !self.shipping.trim().is_empty()
            || errors.description.is_some()
            || errors.shipping.is_some()
            || errors.delivery.is_some()
    }

    /// The look to show without the fonts at hand: the chosen one, or the
    /// slogan's default by keywords (the launch then measures, see
    /// [`Self::theme_in`]).
    pub fn theme(&self) -> &'static Theme {
        Theme::by_key(&self.theme).unwrap_or_else(|| Theme::default_for(self.slogan.trim()))
    }

    /// The look to show and launch: the chosen one, or what *Auto* gives the
    /// slogan, never a look that prints it small (`DesignEngine::auto_look`).
    /// Measured only for a slogan the form accepts (at most 80 characters):
    /// junk that comes back with its message costs no fitting.
    pub fn theme_in(&self, design: &crate::design::DesignEngine) -> &'static Theme {
        Theme::by_key(&self.theme).unwrap_or_else(|| match Slogan::parse(&self.slogan) {
            Ok(slogan) => design.auto_look(slogan.as_str()),
            Err(_) => Theme::default_for(self.slogan.trim()),
        })
    }

    /// The look after the one shown now, for *Shuffle look* (cycles through all).
    pub fn next_theme(&self, design: &crate::design::DesignEngine) -> &'static Theme {
        let current = THEMES.iter().position(|t| t.key == self.theme_in(design).key).unwrap_or(0);
        &THEMES[(current + 1) % THEMES.len()]
    }

    /// Validates every field, collecting all messages at once.
    /// Messages are written in `lang`, the language of the page.
    pub fn validate(&self, now_ms: i64, lang: Language) -> Result<ValidDrop, Box<DropFormErrors>> {
        let mut errors = DropFormErrors::default();
        let say = |e: &dyn Localized| Some(e.localized(lang));
        let slogan = Slogan::parse(&self.slogan).map_err(|e| errors.slogan = say(&e)).ok();
        let artist_name = parse_display_name(&self.artist_name).map_err(|e| errors.artist_name = say(&e)).ok();
        let currency = Currency::parse(&self.currency).unwrap_or(Currency::Usd);
        let price = Money::parse_price(&self.price, currency).map_err(|e| errors.price = say(&e)).ok();
        let sizes = Sizes::parse(self.sizes.iter().map(String::as_str)).map_err(|e| errors.sizes = say(&e)).ok();
        let colours =
            ShirtColours::parse(self.colours.iter().map(String::as_str)).map_err(|e| errors.colours = say(&e)).ok();
        let stock = Stock::parse_optional(&self.stock).map_err(|e| errors.stock = say(&e)).ok();
        let max_per_order = parse_max_per_order(&self.max_per_order).map_err(|e| errors.max_per_order = say(&e));
        let goal = Goal::parse_optional(&self.goal).map_err(|e| errors.goal = say(&e)).ok();
        let ends_at = self.parse_end(now_ms).map_err(|e| errors.ends_at = say(&e)).ok();
        let description = details::parse_description(&self.description).map_err(|e| errors.description = say(&e)).ok();
        let shipping = details::parse_shipping(&self.shipping, currency).map_err(|e| errors.shipping = say(&e)).ok();
        let delivery =
            if self.delivery.trim().is_empty() { Some(Delivery::DEFAULT) } else { Delivery::parse(&self.delivery) };
        if delivery.is_none() {
            errors.delivery = Some(i18n::text(lang, "error-delivery"));
        }
        let language = Language::parse(&self.language).unwrap_or(lang);
        let products = self
            .valid_products(price, currency, sizes.as_ref(), colours.as_ref(), stock, lang)
            .map_err(|e| errors.products = Some(e))
            .ok();
        // The price and stock live on in the products (the T-shirt's).
        match (slogan, artist_name, price, sizes, colours, stock, goal, ends_at, products) {
            (
                Some(slogan),
                Some(artist_name),
                Some(_),
                Some(sizes),
                Some(colours),
                Some(_),
                Some(goal),
                Some(ends_at),
                Some(products),
            ) if !errors.any() && !products.is_empty() => {
                let theme = self.theme();
                let max_per_order = max_per_order.unwrap_or(DEFAULT_MAX_PER_ORDER);
                Ok(ValidDrop {
                    slogan,
                    artist_name,
                    sizes,
                    colours,
                    max_per_order,
                    goal,
                    ends_at,
                    theme,
                    description: description.unwrap_or_default(),
                    shipping: shipping.unwrap_or(Money::from_minor(0, currency)),
                    delivery: delivery.unwrap_or(Delivery::DEFAULT),
                    language,
                    products,
                })
            }
            _ => Err(Box::new(errors)),
        }
    }

    /// The end time in unix milliseconds, if one was given.
    fn parse_end(&self, now_ms: i64) -> Result<Option<i64>, EndError> {
        let typed = self.ends_at.trim();
        if typed.is_empty() {
            return Ok(None);
        }
        let local = NaiveDateTime::parse_from_str(typed, "%Y-%m-%dT%H:%M")
            .or_else(|_| NaiveDateTime::parse_from_str(typed, "%Y-%m-%dT%H:%M:%S"))
            .or_else(|_| NaiveDateTime::parse_from_str(typed, "%Y-%m-%d %H:%M"))
            .map_err(|_| EndError::NotATime)?;
        let offset_min = self.tz_offset.trim().parse::<i64>().ok().filter(|m| m.abs() <= 14 * 60).unwrap_or(0);
        // Checked: chrono parses years up to ±262143, where adding the offset overflows.
        let end = local
            .and_utc()
            .checked_add_signed(TimeDelta::minutes(offset_min))
            .map(|t| t.timestamp_millis())
            .ok_or(EndError::TooFar)?;
        if end <= now_ms + 60_000 {
            return Err(EndError::Past);
        }
        if end > now_ms + MAX_DURATION.num_milliseconds() {
            return Err(EndError::TooFar);
        }
        Ok(Some(end))
    }

    /// Validates the sign-up fields shown to visitors who are not logged in.
    pub fn validate_account(
        &self,
        password: &str,
        errors: &mut DropFormErrors,
        lang: Language,
    ) -> Option<(EmailAddress, Password)> {
        let email = EmailAddress::parse(&self.email).map_err(|e| errors.email = Some(e.localized(lang))).ok();
        let password = Password::parse(password).map_err(|e| errors.password = Some(e.localized(lang))).ok();
        email.zip(password)
    }
}

impl DropForm {
    pub fn size_choices(&self) -> Vec<Choice> {
        Size::ALL
            .iter()
            .map(|s| Choice {
                value: s.label().into(),
                label: s.label().to_owned(),
                checked: self.sizes.iter().any(|v| v == s.label()),
                swatch: "",
            })
            .collect()
    }

    pub fn colour_choices(&self, lang: impl std::borrow::Borrow<Language>) -> Vec<Choice> {
        Choice::colours(*lang.borrow(), &self.colours)
    }

    pub fn currency_choices(&self, lang: impl std::borrow::Borrow<Language>) -> Vec<Choice> {
        let lang = *lang.borrow();
        Currency::ALL
            .iter()
            .map(|c| Choice {
                value: c.code().into(),
                label: i18n::text(lang, &format!("currency-{}", c.code())),
                checked: self.currency == c.code(),
                swatch: "",
            })
            .collect()
    }

    /// The storefront's language: English, Deutsch.
    pub fn language_choices(&self) -> Vec<Choice> {
        Choice::languages(&self.language)
    }

    pub fn theme_choices(&self, lang: impl std::borrow::Borrow<Language>) -> Vec<Choice> {
        let lang = *lang.borrow();
        let auto = Choice {
            value: "auto".into(),
            label: i18n::text(lang, "look-auto"),
            checked: Theme::by_key(&self.theme).is_none(),
            swatch: "",
        };
        std::iter::once(auto)
            .chain(THEMES.iter().map(|t| Choice {
                value: t.key.into(),
                label: i18n::look_name(lang, t),
                checked: self.theme == t.key,
                swatch: t.accent,
            }))
            .collect()
    }

    /// The first chosen colour that exists, for the preview.
    pub fn preview_colour(&self) -> ShirtColour {
        self.colours.iter().find_map(|c| ShirtColour::parse(c)).unwrap_or(ShirtColour::PALETTE[1])
    }

    /// What the preview shirt says while the slogan is empty or invalid.
    pub fn preview_slogan(&self, lang: Language) -> String {
        Slogan::parse(&self.slogan).map(|s| s.to_string()).unwrap_or_else(|_| i18n::text(lang, "preview-placeholder"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> DropForm {
        DropForm { slogan: "Hello".into(), artist_name: "Ana".into(), ..DropForm::blank(Language::En) }
    }

    #[test]
    fn blank_form_with_slogan_and_name_is_valid() {
        let d = valid().validate(0, Language::En).ok().unwrap();
        // The T-shirt alone, at the default price, without a stock limit.
        assert_eq!(d.products.len(), 1);
        assert_eq!((d.products[0].product, d.products[0].price.minor()), (Product::Tee, 2500));
        assert!(d.products[0].stock.is_none() && d.ends_at.is_none());
    }

    #[test]
    fn end_time_uses_the_browser_offset_and_must_be_future() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-27T12:00:00Z").unwrap().timestamp_millis();
        let mut f = DropForm { ends_at: "2026-11-27T20:00".into(), tz_offset: "-60".into(), ..valid() };
        let end = f.validate(now, Language::En).ok().unwrap().ends_at.unwrap();
        assert_eq!(end, now + 7 * 3600 * 1000);
        f.ends_at = "2026-11-27T11:00".into();
        assert!(f.validate(now, Language::En).err().unwrap().ends_at.is_some());
        f.ends_at = "tomorrow-ish".into();
        assert!(f.validate(now, Language::En).err().unwrap().ends_at.is_some());
    }

    #[test]
    fn collects_every_error_at_once() {
        let f = DropForm {
            slogan: "".into(),
            price: "free".into(),
            sizes: vec![],
            stock: "-3".into(),
            ..DropForm::blank(Language::En)
        };
        let e = f.validate(0, Language::En).err().unwrap();
        assert!(
            e.slogan.is_some()
                && e.artist_name.is_some()
                && e.price.is_some()
                && e.sizes.is_some()
                && e.stock.is_some()
        );
        assert!(e.colours.is_none() && e.goal.is_none());
    }
}
