//! `GET /d/{slug}/events`: server-sent events with a drop's public totals.
//! Every stream starts with the current totals (so a reconnect, with or without
//! `Last-Event-ID`, is always correct), then gets each change, with the drop's
//! version as event id and a keep-alive comment every 15 seconds. A client may
//! hold at most `POPSHOP_STREAMS_PER_CLIENT` streams (default 32).

use super::{PublicTotals, SaleEvent};
use crate::domain::DropSlug;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::now_ms;
use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, web};
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;

const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Open streams per client address.
#[derive(Default)]
pub struct StreamCounts(Mutex<HashMap<IpAddr, usize>>);

impl StreamCounts {
    fn try_add(&self, ip: IpAddr, limit: usize) -> bool {
        let mut counts = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let n = counts.entry(ip).or_default();
        if *n >= limit {
            return false;
        }
        *n += 1;
        true
    }

    fn remove(&self, ip: IpAddr) {
        let mut counts = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(n) = counts.get_mut(&ip) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                counts.remove(&ip);
            }
        }
    }
}

/// One SSE frame.
pub fn frame(totals: &PublicTotals) -> Bytes {
    let json = serde_json::to_string(totals).unwrap_or_else(|_| "{}".into());
    Bytes::from(format!("id: {}\nevent: totals\ndata: {json}\n\n", totals.version))
}

/// Everything a stream holds; dropping it (the client left) releases the counts.
struct Stream {
    state: web::Data<AppState>,
    drop_id: String,
    client: Option<IpAddr>,
    events: tokio::sync::broadcast::Receiver<SaleEvent>,
    first: Option<Bytes>,
    keep_alive: tokio::time::Interval,
}

impl std::ops::Drop for Stream {
    fn drop(&mut self) {
        self.state.hub.unwatch(&self.drop_id);
        if let Some(ip) = self.client {
            self.state.streams.remove(ip);
        }
    }
}

impl Stream {
    async fn next(&mut self) -> Option<Bytes> {
        if let Some(first) = self.first.take() {
            return Some(first);
        }
        loop {
            tokio::select! {
                event = self.events.recv() => match event {
                    Ok(event) if event.drop_id == self.drop_id => return Some(frame(&event.totals)),
                    Ok(_) => continue,
                    // Too slow to keep up: skip to the current totals.
                    Err(RecvError::Lagged(_)) => match self.state.store.drop_by_id(&self.drop_id).await {
                        Ok(Some(drop)) => return Some(frame(&PublicTotals::of(&drop, now_ms()))),
                        _ => continue,
                    },
                    Err(RecvError::Closed) => return None,
                },
                _ = self.keep_alive.tick() => return Some(Bytes::from_static(b": keep-alive\n\n")),
            }
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
    let client = Some(crate::web::client_of(&req).bucket());
    if let Some(ip) = client
        && !state.streams.try_add(ip, state.settings.streams_per_client)
    {
        return Ok(HttpResponse::TooManyRequests()
            .content_type("text/plain")
            .body("too many live streams from this address"));
    }
    state.hub.watch(&drop.id);
    let mut first = b"retry: 3000\n".to_vec();
    first.extend_from_slice(&frame(&PublicTotals::of(&drop, now_ms())));
    let stream = Stream {
        events: state.hub.subscribe(),
        state: state.clone(),
        drop_id: drop.id,
        client,
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
