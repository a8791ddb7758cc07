//! `GET /d/{slug}/cjk.otf`: the CJK fallback font cut down to this drop's
//! text (a few KB instead of 2.3 MB), for storefronts whose slogan or artist
//! name needs it. Cut once per drop and look on a blocking thread, under the
//! same single-flight cache and render slots as share cards.

use crate::domain::DropSlug;
use crate::error::AppError;
use crate::shop::RenderError;
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn cjk_otf(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = DropSlug::parse(&slug).ok_or(AppError::NotFound)?;
    let entry = state.shop.load_design(&slug).await?.ok_or(AppError::NotFound)?;
    let etag = format!("\"{}-cjk\"", entry.card_key);
    if crate::web::compressed::if_none_match(&req, etag.as_bytes()) {
        return Ok(HttpResponse::NotModified().insert_header((header::ETAG, etag)).finish());
    }
    let font = match state.shop.cjk_font(&entry).await {
        Ok(font) => font,
        Err(RenderError::Busy) => {
            return Ok(crate::web::headers::with_retry_after(
                HttpResponse::ServiceUnavailable().content_type("text/plain").body("busy; try again in a moment"),
                2,
            ));
        }
        Err(RenderError::Render(e)) => return Err(AppError::Internal(e)),
    };
    Ok(HttpResponse::Ok()
        .content_type("font/otf")
        .insert_header((header::ETAG, etag))
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
        .body(font))
}
