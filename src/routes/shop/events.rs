//! `GET /d/{slug}/events`: server-sent events with a drop's public totals
//! ([`crate::live::stream`]), for a stream asked for on a connection that
//! served other requests first. A connection whose first request is a
//! stream is served by the lean door ([`crate::door`]) instead, with the
//! same bytes.

use crate::error::AppError;
use crate::live::stream::Refused;
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn events(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    // The client as the trusted proxies report it (IPv6 per /64).
    let client = crate::web::client_of(&req).bucket();
    let stream = match state.live_streams().open(&slug, client).await {
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

/// The answer when no stream was opened.
pub fn refusal(refused: Refused) -> Result<HttpResponse, AppError> {
    match refused {
        Refused::UnknownDrop => Err(AppError::NotFound),
        Refused::TooManyStreams => Ok(HttpResponse::TooManyRequests()
            .content_type("text/plain")
            .body("too many live streams from this address")),
        Refused::Store(e) => Err(e.into()),
    }
}
