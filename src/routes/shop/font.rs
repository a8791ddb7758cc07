//! `GET /d/{slug}/cjk.otf`: the CJK fallback font cut down to this drop's
//! text (a few KB instead of 2.3 MB), for storefronts whose slogan or artist
//! name needs it. Cut once per drop and look on a blocking thread, under the
//! same single-flight cache and render slots as share cards.

use crate::domain::DropSlug;
use crate::state::AppState;
use crate::web::error::AppError;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn cjk_otf(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = DropSlug::parse(&slug).ok_or(AppError::NotFound)?;
    let entry = state.shop.load_design(&slug).await?.ok_or(AppError::NotFound)?;
    let etag = format!("\"{}-cjk\"", entry.card_key);
    let busy = "busy; try again in a moment";
    super::card::serve_rendered(&req, etag, "font/otf", "public, max-age=86400", busy, state.shop.cjk_font(&entry))
        .await
}
