//! `GET /d/{slug}/events`: server-sent events with a drop's public totals.
//! Every stream starts with the current totals (so a reconnect, with or without
//! `Last-Event-ID`, is always correct), then gets each change of this drop,
//! with the drop's version as event id and a keep-alive comment every 15
//! seconds. A client may hold at most `POPSHOP_STREAMS_PER_CLIENT` streams
//! (default 32).

use crate::domain::DropSlug;
use crate::error::AppError;
use crate::live::Viewer;
use crate::state::AppState;
use crate::store::now_ms;
use crate::web::streams::StreamSlot;
use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, web};
use std::time::Duration;

const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Everything one open stream holds; dropping it (the client left) stops
/// watching and frees the client's place.
struct Stream {
    viewer: Viewer,
    _slot: StreamSlot,
    first: Option<Bytes>,
    keep_alive: tokio::time::Interval,
}

impl Stream {
    async fn next(&mut self) -> Option<Bytes> {
        if let Some(first) = self.first.take() {
            return Some(first);
        }
        tokio::select! {
            frame = self.viewer.next() => frame,
            _ = self.keep_alive.tick() => Some(Bytes::from_static(b": keep-alive\n\n")),
        }
    }
}

pub async fn events(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = DropSlug::parse(&slug).ok_or(AppError::NotFound)?;
    let drop = state.store.drop_by_slug(&slug).await?.ok_or(AppError::NotFound)?;
    // The client as the trusted proxies report it (IPv6 per /64).
    let client = crate::web::client_of(&req).bucket();
    let Some(slot) = state.streams.try_open(client, state.settings.streams_per_client) else {
        return Ok(HttpResponse::TooManyRequests()
            .content_type("text/plain")
            .body("too many live streams from this address"));
    };
    let mut viewer = state.hub.watch(&drop, now_ms());
    let mut first = b"retry: 3000\n".to_vec();
    first.extend_from_slice(&viewer.current());
    let stream = Stream {
        viewer,
        _slot: slot,
        first: Some(Bytes::from(first)),
        keep_alive: tokio::time::interval_at(tokio::time::Instant::now() + KEEP_ALIVE, KEEP_ALIVE),
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
