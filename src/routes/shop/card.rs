//! `GET /d/{slug}/card.png`: the share card (the storefront's `og:image`).
//! Rendered once per drop and look on a blocking thread, then served from
//! memory with a strong ETag; the URL carries the card's key, so caches may keep
//! it for a year.

use crate::domain::DropSlug;
use crate::shop::RenderError;
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::headers::try_again;
use actix_web::http::{StatusCode, header};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn card_png(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = DropSlug::parse(&slug).ok_or(AppError::NotFound)?;
    let entry = state.shop.load(&slug).await?.ok_or(AppError::NotFound)?;
    if let Some(takedown) = &entry.drop.takedown {
        return Err(AppError::Gone { reason: takedown.reason.to_string() });
    }
    let etag = format!("\"{}\"", entry.card_key);
    let busy = "busy rendering share cards; try again in a moment";
    let cache = "public, max-age=31536000, immutable";
    serve_rendered(&req, etag, "image/png", cache, busy, state.shop.card(&entry)).await
}

/// Something rendered once per drop and look (a share card, a font cut):
/// `304` when the request has `etag` already (nothing rendered), `503` with
/// `Retry-After` while every render slot stays busy, else the bytes.
pub(crate) async fn serve_rendered(
    req: &HttpRequest,
    etag: String,
    content_type: &'static str,
    cache_control: &'static str,
    busy: &'static str,
    render: impl std::future::Future<Output = Result<Bytes, RenderError>>,
) -> Result<HttpResponse, AppError> {
    if crate::web::compressed::if_none_match(req, etag.as_bytes()) {
        return Ok(HttpResponse::NotModified().insert_header((header::ETAG, etag)).finish());
    }
    let body = match render.await {
        Ok(body) => body,
        Err(RenderError::Busy) => return Ok(try_again(StatusCode::SERVICE_UNAVAILABLE, busy, 2)),
        Err(RenderError::Render(e)) => return Err(AppError::Internal(e)),
    };
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((header::ETAG, etag))
        .insert_header((header::CACHE_CONTROL, cache_control))
        .body(body))
}
