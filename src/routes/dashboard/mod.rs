//! The artist's private side: all drops, one drop's page, ending a drop, QR codes.

pub mod drop;
pub mod end;
pub mod export;
pub mod index;
pub mod payouts;
pub mod print;
pub mod production;
pub mod promos;
pub mod qr;
pub mod raised;
pub mod refund;
pub mod reopen;
pub mod stats;

use crate::domain::{Drop, DropState, Language};
use crate::i18n::{self, Localized};

/// A drop as listed on the dashboard.
pub struct DropSummary {
    pub id: crate::domain::DropId,
    pub slogan: String,
    pub slug: String,
    pub state: DropState,
    /// The state in the page's words.
    pub state_label: String,
    pub sold: i64,
    pub revenue: String,
    pub units_left: Option<i64>,
    /// Taken down by popshop's operators: when, and why (issue 24).
    pub takedown: Option<(String, String)>,
}

impl DropSummary {
    pub fn of(drop: &Drop, now: i64, lang: Language) -> Self {
        Self {
            id: drop.id.clone(),
            slogan: drop.slogan.clone(),
            slug: drop.slug.to_string(),
            state: drop.state(now),
            state_label: drop.state(now).localized(lang),
            sold: drop.sold,
            revenue: i18n::money(lang, drop.revenue()),
            units_left: drop.units_left(),
            takedown: drop.takedown.as_ref().map(|t| (i18n::date_time_utc(lang, t.at_ms), t.reason.to_string())),
        }
    }
}

/// An optional whole number typed in a dashboard form: empty is `None`;
/// otherwise it must lie in `min..=max` (the message says so, in `lang`).
pub fn optional_count(text: &str, min: i64, max: i64, lang: crate::domain::Language) -> Result<Option<i64>, String> {
    match text.trim() {
        "" => Ok(None),
        text => text.parse::<i64>().ok().filter(|n| (min..=max).contains(n)).map(Some).ok_or_else(|| {
            crate::i18n::text_with(
                lang,
                "error-count-range",
                &[("min", crate::i18n::Arg::Number(min)), ("max", crate::i18n::Arg::Number(max))],
            )
        }),
    }
}

/// An optional "ends in so many hours" (1 to `max_hours`), as unix ms after `now`.
pub fn optional_end(
    text: &str,
    now: i64,
    max_hours: i64,
    lang: crate::domain::Language,
) -> Result<Option<i64>, String> {
    optional_count(text, 1, max_hours, lang).map(|hours| hours.map(|h| now + h * 3_600_000))
}
