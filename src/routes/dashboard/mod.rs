//! The artist's private side: all drops, one drop's page, ending a drop, QR codes.

pub mod confirm;
pub mod drop;
pub mod end;
pub mod export;
pub mod index;
pub mod payouts;
pub mod print;
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
    pub id: String,
    pub slogan: String,
    pub slug: String,
    pub state: DropState,
    /// The state in the page's words.
    pub state_label: String,
    pub sold: i64,
    pub revenue: String,
    pub units_left: Option<i64>,
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
        }
    }
}
