//! `GET /d/{slug}/favicon.svg`: the storefront's icon, a little shirt in the
//! look's colours (no fonts, so it renders the same in every tab).

use crate::domain::DropSlug;
use crate::state::AppState;
use crate::web::error::AppError;
use actix_web::http::header;
use actix_web::{HttpResponse, web};
use askama::Template;

#[derive(Template)]
#[template(path = "design/favicon.svg", escape = "html")]
pub struct FaviconSvg<'a> {
    pub bg: &'a str,
    pub shirt: &'a str,
    pub ink: &'a str,
}

pub async fn favicon(state: web::Data<AppState>, slug: web::Path<String>) -> Result<HttpResponse, AppError> {
    let slug = DropSlug::parse(&slug).ok_or(AppError::NotFound)?;
    let entry = state.shop.load_design(&slug).await?.ok_or(AppError::NotFound)?;
    let theme = entry.theme;
    let svg = FaviconSvg { bg: theme.page_bg, shirt: theme.accent, ink: theme.accent_ink }
        .render()
        .map_err(|e| anyhow::anyhow!("render favicon: {e}"))?;
    Ok(HttpResponse::Ok()
        .content_type("image/svg+xml")
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
        .body(svg))
}
