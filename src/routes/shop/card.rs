//! `GET /d/{slug}/card.png`: the share card (the storefront's `og:image`).
//! Rendered once per drop and look on a blocking thread, then served from
//! memory with a strong ETag; the URL carries the card's key, so caches may keep
//! it for a year.

use crate::domain::DropSlug;
use crate::error::AppError;
use crate::shop::RenderError;
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn card_png(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = DropSlug::parse(&slug).ok_or(AppError::NotFound)?;
    let entry = state.shop.load(&slug).await?.ok_or(AppError::NotFound)?;
    let etag = format!("\"{}\"", entry.card_key);
    if crate::web::compressed::if_none_match(&req, etag.as_bytes()) {
        return Ok(HttpResponse::NotModified().insert_header((header::ETAG, etag)).finish());
    }
    let rendered = state.shop.card(&entry).await;
    let png = match rendered {
        Ok(png) => png,
        Err(RenderError::Busy) => {
            return Ok(HttpResponse::ServiceUnavailable()
                .insert_header((header::RETRY_AFTER, "2"))
                .content_type("text/plain")
                .body("busy rendering share cards; try again in a moment"));
        }
        Err(RenderError::Render(e)) => return Err(AppError::Internal(e)),
    };
    Ok(HttpResponse::Ok()
        .content_type("image/png")
        .insert_header((header::ETAG, etag))
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .body(png))
}
