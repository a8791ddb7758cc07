//! `GET /d/{slug}/card.png`: the share card (the storefront's `og:image`).
//! Rendered once per drop and look on a blocking thread, then served from
//! memory with a strong ETag; the URL carries the card's key, so caches may keep
//! it for a year.

use super::storefront::load;
use crate::domain::DropSlug;
use crate::error::AppError;
use crate::state::AppState;
use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn card_png(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = DropSlug::parse(&slug).ok_or(AppError::NotFound)?;
    let entry = load(&state, &slug).await?.ok_or(AppError::NotFound)?;
    let etag = format!("\"{}\"", entry.card_key);
    let matches =
        req.headers().get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()).is_some_and(|v| v == etag || v == "*");
    if matches {
        return Ok(HttpResponse::NotModified().insert_header((header::ETAG, etag)).finish());
    }
    let png = match state.cards.get(&entry.card_key) {
        Some(png) => png,
        None => {
            let (state2, entry2) = (state.clone(), entry.clone());
            let png = web::block(move || {
                let drop = &entry2.drop;
                state2.design.card_png(
                    &drop.slogan,
                    &drop.artist_name,
                    &drop.price.to_string(),
                    entry2.theme,
                    drop.colours.first(),
                )
            })
            .await
            .map_err(|e| anyhow::anyhow!("card render task: {e}"))??;
            let png = Bytes::from(png);
            state.cards.put(entry.card_key.clone(), png.clone());
            png
        }
    };
    Ok(HttpResponse::Ok()
        .content_type("image/png")
        .insert_header((header::ETAG, etag))
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .body(png))
}
