//! The create-a-drop form: the values as typed, their validation, and the
//! choices the page offers.

use crate::design::{THEMES, Theme};
use crate::domain::details::{self, Delivery};
use crate::domain::{
    Currency, EmailAddress, Goal, Money, Password, ShirtColour, ShirtColours, Size, Sizes, Slogan, Stock,
    parse_display_name,
};
use crate::forms::FormData;
use crate::store::NewDrop;
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
}

impl DropFormErrors {
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
        ]
        .iter()
        .any(|e| e.is_some())
    }
}

/// A drop that passed validation, not yet tied to an account.
pub struct ValidDrop {
    pub slogan: Slogan,
    pub artist_name: String,
    pub price: Money,
    pub sizes: Sizes,
    pub colours: ShirtColours,
    pub stock: Option<Stock>,
    pub max_per_order: i64,
    pub goal: Option<Goal>,
    pub ends_at: Option<i64>,
    pub theme: &'static Theme,
    pub description: String,
    pub shipping: Money,
    pub delivery: Delivery,
}

impl ValidDrop {
    pub fn for_account(self, account_id: String) -> NewDrop {
        NewDrop {
            account_id,
            slogan: self.slogan,
            artist_name: self.artist_name,
            price: self.price,
            sizes: self.sizes,
            colours: self.colours,
            stock: self.stock,
            max_per_order: self.max_per_order,
            goal: self.goal,
            ends_at: self.ends_at,
            theme: self.theme.key,
            description: self.description,
            shipping: self.shipping,
            delivery: self.delivery,
        }
    }
}

/// Most shirts per order when the artist does not say.
pub const DEFAULT_MAX_PER_ORDER: i64 = 4;

/// "1" to "10"; blank means the default.
fn parse_max_per_order(typed: &str) -> Result<i64, &'static str> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(DEFAULT_MAX_PER_ORDER);
    }
    typed
        .parse::<i64>()
        .ok()
        .filter(|n| (1..=crate::domain::Quantity::MAX).contains(n))
        .ok_or("Choose how many shirts one order may take: 1 to 10.")
}

/// Longest a drop may run.
const MAX_DURATION: TimeDelta = TimeDelta::days(90);

fn clip(s: &str, max_chars: usize) -> String {
    s.chars().take(max_chars).collect()
}

impl DropForm {
    /// A fresh form with the choices most artists want.
    pub fn blank() -> Self {
        Self {
            price: "25.00".into(),
            currency: "usd".into(),
            sizes: ["S", "M", "L", "XL"].map(String::from).to_vec(),
            colours: vec!["black".into()],
            tz_offset: "0".into(),
            theme: "auto".into(),
            max_per_order: DEFAULT_MAX_PER_ORDER.to_string(),
            delivery: Delivery::DEFAULT.key(),
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
        }
    }

    /// The delivery times offered: (value, label, chosen).
    pub fn delivery_choices(&self) -> Vec<(String, String, bool)> {
        let chosen = Delivery::parse(&self.delivery).unwrap_or(Delivery::DEFAULT);
        Delivery::CHOICES.iter().map(|d| (d.key(), d.label(), *d == chosen)).collect()
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

    /// The look to show: the chosen one, or the slogan's default.
    pub fn theme(&self) -> &'static Theme {
        Theme::by_key(&self.theme).unwrap_or_else(|| Theme::default_for(self.slogan.trim()))
    }

    /// The look after the one shown now, for *Shuffle look* (cycles through all).
    pub fn next_theme(&self) -> &'static Theme {
        let current = THEMES.iter().position(|t| t.key == self.theme().key).unwrap_or(0);
        &THEMES[(current + 1) % THEMES.len()]
    }

    /// Validates every field, collecting all messages at once.
    pub fn validate(&self, now_ms: i64) -> Result<ValidDrop, Box<DropFormErrors>> {
        let mut errors = DropFormErrors::default();
        let slogan = Slogan::parse(&self.slogan).map_err(|e| errors.slogan = Some(e.to_string())).ok();
        let artist_name = parse_display_name(&self.artist_name).map_err(|e| errors.artist_name = Some(e.into())).ok();
        let currency = Currency::parse(&self.currency).unwrap_or(Currency::Usd);
        let price = Money::parse_price(&self.price, currency).map_err(|e| errors.price = Some(e.to_string())).ok();
        let sizes =
            Sizes::parse(self.sizes.iter().map(String::as_str)).map_err(|e| errors.sizes = Some(e.to_string())).ok();
        let colours = ShirtColours::parse(self.colours.iter().map(String::as_str))
            .map_err(|e| errors.colours = Some(e.to_string()))
            .ok();
        let stock = Stock::parse_optional(&self.stock).map_err(|e| errors.stock = Some(e.to_string())).ok();
        let max_per_order = parse_max_per_order(&self.max_per_order).map_err(|e| errors.max_per_order = Some(e.into()));
        let goal = Goal::parse_optional(&self.goal).map_err(|e| errors.goal = Some(e.to_string())).ok();
        let ends_at = self.parse_end(now_ms).map_err(|e| errors.ends_at = Some(e.into())).ok();
        let description =
            details::parse_description(&self.description).map_err(|e| errors.description = Some(e.into())).ok();
        let shipping = details::parse_shipping(&self.shipping, currency).map_err(|e| errors.shipping = Some(e)).ok();
        let delivery =
            if self.delivery.trim().is_empty() { Some(Delivery::DEFAULT) } else { Delivery::parse(&self.delivery) };
        if delivery.is_none() {
            errors.delivery = Some("Pick one of the delivery times offered.".into());
        }
        match (slogan, artist_name, price, sizes, colours, stock, goal, ends_at) {
            (
                Some(slogan),
                Some(artist_name),
                Some(price),
                Some(sizes),
                Some(colours),
                Some(stock),
                Some(goal),
                Some(ends_at),
            ) if !errors.any() => {
                let theme = self.theme();
                let max_per_order = max_per_order.unwrap_or(DEFAULT_MAX_PER_ORDER);
                Ok(ValidDrop {
                    slogan,
                    artist_name,
                    price,
                    sizes,
                    colours,
                    stock,
                    max_per_order,
                    goal,
                    ends_at,
                    theme,
                    description: description.unwrap_or_default(),
                    shipping: shipping.unwrap_or(Money::from_minor(0, currency)),
                    delivery: delivery.unwrap_or(Delivery::DEFAULT),
                })
            }
            _ => Err(Box::new(errors)),
        }
    }

    /// The end time in unix milliseconds, if one was given.
    fn parse_end(&self, now_ms: i64) -> Result<Option<i64>, &'static str> {
        let typed = self.ends_at.trim();
        if typed.is_empty() {
            return Ok(None);
        }
        let local = NaiveDateTime::parse_from_str(typed, "%Y-%m-%dT%H:%M")
            .or_else(|_| NaiveDateTime::parse_from_str(typed, "%Y-%m-%dT%H:%M:%S"))
            .or_else(|_| NaiveDateTime::parse_from_str(typed, "%Y-%m-%d %H:%M"))
            .map_err(|_| "Enter the end as a date and time, for example 2026-12-31 20:00.")?;
        let offset_min = self.tz_offset.trim().parse::<i64>().ok().filter(|m| m.abs() <= 14 * 60).unwrap_or(0);
        // Checked: chrono parses years up to ±262143, where adding the offset overflows.
        let end = local
            .and_utc()
            .checked_add_signed(TimeDelta::minutes(offset_min))
            .map(|t| t.timestamp_millis())
            .ok_or("A drop can run for at most 90 days.")?;
        if end <= now_ms + 60_000 {
            return Err("The end time must be in the future.");
        }
        if end > now_ms + MAX_DURATION.num_milliseconds() {
            return Err("A drop can run for at most 90 days.");
        }
        Ok(Some(end))
    }

    /// Validates the sign-up fields shown to visitors who are not logged in.
    pub fn validate_account(&self, password: &str, errors: &mut DropFormErrors) -> Option<(EmailAddress, Password)> {
        let email = EmailAddress::parse(&self.email).map_err(|e| errors.email = Some(e.to_string())).ok();
        let password = Password::parse(password).map_err(|e| errors.password = Some(e.to_string())).ok();
        email.zip(password)
    }
}

/// One option of a checkbox, radio or select group.
pub struct Choice {
    pub value: &'static str,
    pub label: &'static str,
    pub checked: bool,
    /// Swatch colour for shirt colours.
    pub swatch: &'static str,
}

impl DropForm {
    pub fn size_choices(&self) -> Vec<Choice> {
        Size::ALL
            .iter()
            .map(|s| Choice {
                value: s.label(),
                label: s.label(),
                checked: self.sizes.iter().any(|v| v == s.label()),
                swatch: "",
            })
            .collect()
    }

    pub fn colour_choices(&self) -> Vec<Choice> {
        ShirtColour::PALETTE
            .iter()
            .map(|c| Choice {
                value: c.key,
                label: c.name,
                checked: self.colours.iter().any(|v| v == c.key),
                swatch: c.hex,
            })
            .collect()
    }

    pub fn currency_choices(&self) -> Vec<Choice> {
        Currency::ALL
            .iter()
            .map(|c| Choice { value: c.code(), label: c.label(), checked: self.currency == c.code(), swatch: "" })
            .collect()
    }

    pub fn theme_choices(&self) -> Vec<Choice> {
        let auto = Choice {
            value: "auto",
            label: "Auto — picked from your slogan",
            checked: Theme::by_key(&self.theme).is_none(),
            swatch: "",
        };
        std::iter::once(auto)
            .chain(THEMES.iter().map(|t| Choice {
                value: t.key,
                label: t.name,
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
    pub fn preview_slogan(&self) -> String {
        Slogan::parse(&self.slogan).map(|s| s.to_string()).unwrap_or_else(|_| "Your slogan here".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> DropForm {
        DropForm { slogan: "Hello".into(), artist_name: "Ana".into(), ..DropForm::blank() }
    }

    #[test]
    fn blank_form_with_slogan_and_name_is_valid() {
        let d = valid().validate(0).ok().unwrap();
        assert_eq!(d.price.minor(), 2500);
        assert!(d.stock.is_none() && d.ends_at.is_none());
    }

    #[test]
    fn end_time_uses_the_browser_offset_and_must_be_future() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-27T12:00:00Z").unwrap().timestamp_millis();
        let mut f = DropForm { ends_at: "2026-11-27T20:00".into(), tz_offset: "-60".into(), ..valid() };
        let end = f.validate(now).ok().unwrap().ends_at.unwrap();
        assert_eq!(end, now + 7 * 3600 * 1000);
        f.ends_at = "2026-11-27T11:00".into();
        assert!(f.validate(now).err().unwrap().ends_at.is_some());
        f.ends_at = "tomorrow-ish".into();
        assert!(f.validate(now).err().unwrap().ends_at.is_some());
    }

    #[test]
    fn collects_every_error_at_once() {
        let f = DropForm {
            slogan: "".into(),
            price: "free".into(),
            sizes: vec![],
            stock: "-3".into(),
            ..DropForm::blank()
        };
        let e = f.validate(0).err().unwrap();
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
