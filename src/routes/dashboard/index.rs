use super::DropSummary;
use crate::auth::{Artist, CsrfToken};
use crate::i18n;
use crate::state::AppState;

use crate::web::PageLanguage;
use crate::web::error::AppError;
use crate::web::layout::Layout;
use crate::web::page::render;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;

/// `/dashboard`: the artist's drops, newest first.
/// One of the artist's calls in the dashboard's list.
pub struct CallRow {
    pub question: String,
    pub slug: String,
    /// Still taking ideas.
    pub open: bool,
}

#[derive(Template)]
#[template(path = "dashboard/index.html")]
pub struct DashboardPage {
    pub layout: Layout,
    pub email: String,
    pub drops: Vec<DropSummary>,
    /// Public base URL, for the storefront links.
    pub public_url: String,
    /// Shirts sold across all drops.
    pub total_sold: i64,
    /// Gross revenue across all drops, one figure per currency ("$120.00", "50,00 €").
    pub revenue_by_currency: Vec<String>,
    /// The artist's calls for slogans, newest first.
    pub calls: Vec<CallRow>,
    /// Stripe Connect: `Some(true)` while the artist's account cannot take
    /// payments yet (the page asks them to set up payouts); `None` without Connect.
    pub payouts_due: Option<bool>,
    /// The artist's address is confirmed (else a banner asks for it).
    pub confirmed: bool,
    /// Just back from choosing a new password.
    pub password_reset: bool,
}

#[derive(serde::Deserialize)]
pub struct IndexQuery {
    #[serde(default)]
    password: String,
}

pub async fn index(
    state: web::Data<AppState>,
    artist: Artist,
    csrf: CsrfToken,
    lang: PageLanguage,
    query: web::Query<IndexQuery>,
) -> Result<HttpResponse, AppError> {
    let lang = lang.0;
    let now = state.store.now_ms();
    let drops = state.store.drops_of(&artist.0.id).await?;
    let payouts_due = match state.sales.payments.connect_fee() {
        None => None,
        Some(_) => Some(!state.store.payout_account(&artist.0.id).await?.is_some_and(|a| a.charges_enabled)),
    };
    let page = DashboardPage {
        layout: Layout::house(lang, &i18n::text(lang, "dashboard-title")).signed_in(true, &csrf.0),
        confirmed: artist.0.confirmed,
        password_reset: query.password == "reset",
        email: artist.0.email,
        drops: drops.iter().map(|d| DropSummary::of(d, now, lang)).collect(),
        total_sold: drops.iter().map(|d| d.sold).sum(),
        revenue_by_currency: crate::domain::Currency::ALL
            .iter()
            .filter(|c| drops.iter().any(|d| d.currency() == **c))
            .map(|c| {
                let minor = drops.iter().filter(|d| d.currency() == *c).map(|d| d.revenue_minor).sum();
                i18n::money(lang, crate::domain::Money::from_minor(minor, *c))
            })
            .collect(),
        public_url: state.settings.base_url().to_owned(),
        payouts_due,
        calls: state
            .store
            .calls_of(&artist.0.id)
            .await?
            .into_iter()
            .map(|c| CallRow { open: c.is_open(now), question: c.question, slug: c.slug.to_string() })
            .collect(),
    };
    render(StatusCode::OK, &page)
}
