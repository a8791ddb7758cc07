//! `GET /d/{slug}/events`: server-sent events with a drop's public totals
//! ([`crate::live::stream`]), for a stream asked for on a connection that
//! served other requests first. A connection whose first request is a
//! stream is served by the lean door ([`crate::server::door`]) instead, with the
//! same bytes.
//!
//! `GET /d/{slug}/totals`: the same totals once, as JSON, for a page that
//! could not get a stream (hundreds of fans on one venue address past the
//! per-client limit, a proxy that cuts streams): it polls this instead.
//! Served from the storefront cache (no query while nothing changed) and
//! cacheable for a second, so a proxy absorbs a venue's polling.

use crate::domain::DropSlug;
use crate::live::PublicTotals;
use crate::live::stream::{Kind, Refused};
use crate::state::AppState;
use crate::web::error::AppError;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn events(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    stream(&req, &state, Kind::Drop, &slug).await
}

/// A drop's totals or a call's board as server-sent events, until the client leaves.
pub async fn stream(req: &HttpRequest, state: &AppState, kind: Kind, slug: &str) -> Result<HttpResponse, AppError> {
    // The client as the trusted proxies report it (IPv6 per /64).
    let client = crate::web::client_of(req).bucket();
    let stream = match state.live_streams().open(kind, slug, client).await {
        Ok(stream) => stream,
        Err(refused) => return refusal(refused),
    };
    let body = futures_util::stream::unfold(stream, |mut s| async move {
        s.next().await.map(|bytes| (Ok::<_, actix_web::Error>(bytes), s))
    });
    Ok(HttpResponse::Ok()
        .content_type("text/event-stream")
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .insert_header(("X-Accel-Buffering", "no"))
        .streaming(body))
}

pub async fn totals(state: web::Data<AppState>, slug: web::Path<String>) -> Result<HttpResponse, AppError> {
    let slug = DropSlug::parse(&slug).ok_or(AppError::NotFound)?;
    let entry = state.shop.load(&slug).await?.ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "public, max-age=1, s-maxage=1"))
        .json(PublicTotals::of(&entry.drop, state.store.now_ms())))
}

/// The answer when no stream was opened.
pub fn refusal(refused: Refused) -> Result<HttpResponse, AppError> {
    match refused {
        Refused::UnknownDrop => Err(AppError::NotFound),
        Refused::TooManyStreams => Ok(HttpResponse::TooManyRequests()
            .content_type("text/plain")
            .body("too many live streams from this address")),
        // The page keeps working without live totals (it polls on reload).
        Refused::Full => Err(AppError::Crowded { retry_after: 30 }),
        Refused::Store(e) => Err(e.into()),
    }
}
