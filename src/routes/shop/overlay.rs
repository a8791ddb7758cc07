//! `/d/{slug}/live`: a stream overlay for OBS (browser source): a transparent,
//! full-window ticker with the count, the goal bar, and a short animation on
//! each sale and milestone. `/dashboard/drops/{id}/live` is the artist's
//! variant that also shows the money raised.

use crate::auth::OwnedDrop;
use crate::domain::{DropSlug, Language};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::page::render;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use askama::Template;

#[derive(Template)]
#[template(path = "shop/overlay.html")]
pub struct OverlayPage {
    pub slug: String,
    pub slogan: String,
    pub sold: i64,
    pub goal: Option<i64>,
    pub goal_percent: i64,
    /// Price in minor units and its formatting, for the artist's "raised" figure.
    pub show_revenue: bool,
    pub price_minor: i64,
    pub revenue: String,
    pub currency: &'static str,
    pub style: String,
    pub font_file: String,
    /// The drop's language.
    pub lang: Language,
}

impl OverlayPage {
    /// The versioned address of a static file.
    pub fn asset(&self, path: &str) -> String {
        crate::web::assets::url(path)
    }

    /// The versioned address of the look's font.
    pub fn font_url(&self) -> String {
        crate::web::assets::url(&self.font_file)
    }

    pub fn t(&self, message: &str) -> String {
        crate::i18n::text(self.lang, message)
    }
}

/// The overlay is the one page other sites (a stream's web player, a
/// streaming tool) may frame; everything else of its policy stays.
fn framable(mut res: HttpResponse) -> HttpResponse {
    let policy = crate::web::headers::CONTENT_SECURITY_POLICY.replace("frame-ancestors 'none'", "frame-ancestors *");
    if let Ok(value) = header::HeaderValue::from_str(&policy) {
        res.headers_mut().insert(header::CONTENT_SECURITY_POLICY, value);
    }
    res
}

fn page(state: &AppState, drop: &crate::domain::Drop, show_revenue: bool) -> OverlayPage {
    let theme = crate::design::Theme::of_drop(&drop.theme, &drop.slogan);
    OverlayPage {
        slug: drop.slug.to_string(),
        slogan: drop.slogan.clone(),
        sold: drop.sold,
        goal: drop.goal,
        goal_percent: drop.goal_percent().unwrap_or(0),
        show_revenue,
        price_minor: drop.price.minor(),
        revenue: crate::i18n::money(drop.language, drop.revenue()),
        currency: drop.currency().code(),
        style: crate::web::layout::theme_style(theme, state.design.fonts()),
        font_file: crate::design::web_fonts::first_file(state.design.fonts().get(theme.font)),
        lang: drop.language,
    }
}

pub async fn public(state: web::Data<AppState>, slug: web::Path<String>) -> Result<HttpResponse, AppError> {
    let slug = DropSlug::parse(&slug).ok_or(AppError::NotFound)?;
    let entry = state.shop.load(&slug).await?.ok_or(AppError::NotFound)?;
    if let Some(takedown) = &entry.drop.takedown {
        return Err(AppError::Gone { reason: takedown.reason.to_string() });
    }
    Ok(framable(render(StatusCode::OK, &page(&state, &entry.drop, false))?))
}

pub async fn private(state: web::Data<AppState>, owned: OwnedDrop) -> Result<HttpResponse, AppError> {
    let drop = owned.drop;
    Ok(crate::web::headers::no_store(framable(render(StatusCode::OK, &page(&state, &drop, true))?)))
}
