//! `GET /d/{slug}/cjk.otf` and `/d/{slug}/emoji.ttf`: the CJK and emoji
//! fallback fonts cut down to this drop's text (a few KB instead of 2.3 MB
//! and 470 KB), for storefronts whose slogan or artist name needs them. Cut
//! once per drop and look on a blocking thread, under the same
//! single-flight cache and render slots as share cards.

use crate::design::CUT_FONTS;
use crate::domain::DropSlug;
use crate::state::AppState;
use crate::web::error::AppError;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn cut(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, file) = path.into_inner();
    let (key, _) = CUT_FONTS.iter().find(|(_, name)| *name == file).ok_or(AppError::NotFound)?;
    let content_type = if file.ends_with(".otf") { "font/otf" } else { "font/ttf" };
    let slug = DropSlug::parse(&slug).ok_or(AppError::NotFound)?;
    let entry = state.shop.load_design(&slug).await?.ok_or(AppError::NotFound)?;
    let etag = format!("\"{}-{key}\"", entry.card_key);
    let busy = "busy; try again in a moment";
    let font = state.shop.cut_font(&entry, key);
    super::card::serve_rendered(&req, etag, content_type, "public, max-age=86400", busy, font).await
}
