//! One open stream of a drop's live totals or a call's live board,
//! whichever front serves it (the lean door for a connection's first
//! request, or actix-web's handler for a stream asked for on a connection
//! that served other requests before).
//!
//! Every stream starts with `retry:` and the current totals or board (so a
//! reconnect, with or without `Last-Event-ID`, is always correct), then
//! gets each change with the drop's or call's version as event id, and a
//! keep-alive comment every 15 seconds. A client may hold at most
//! `POPSHOP_STREAMS_PER_CLIENT` streams (default 32), drops and calls together,
//! and the server `POPSHOP_MAX_STREAMS` in all.

use super::streams::{NoPlace, StreamCounts, StreamSlot};
use super::{Hub, Topic, Viewer};
use crate::domain::DropSlug;
use crate::store::Store;
use actix_web::web::Bytes;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

pub const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Sent first: how long a browser waits before it reconnects (ms).
const RETRY: &[u8] = b"retry: 3000\n";

/// Why no stream was opened.
#[derive(Debug)]
pub enum Refused {
    /// No drop (or call) by that name.
    UnknownDrop,
    /// The client holds its limit of open streams already.
    TooManyStreams,
    /// The server holds its limit of open streams, all clients together.
    Full,
    Store(anyhow::Error),
}

/// Everything one open stream holds; dropping it (the client left) stops
/// watching and frees the client's place at once.
pub struct LiveStream {
    viewer: Viewer,
    _slot: StreamSlot,
    first: Option<Bytes>,
    keep_alive: tokio::time::Interval,
    /// The drop was taken down: its frame said so, and the stream ends.
    over: bool,
}

/// What opening a stream needs (parts of the app's state).
pub struct Streams<'a> {
    pub store: &'a Store,
    pub hub: &'a Arc<Hub>,
    pub counts: &'a StreamCounts,
    /// Streams one client may hold open.
    pub per_client: usize,
    /// Streams open at once, all clients together.
    pub in_all: usize,
}

/// Which kind of page a stream follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `/d/{slug}/events`: a drop's totals.
    Drop,
    /// `/c/{slug}/events`: an open call's board.
    Call,
}

impl Streams<'_> {
    /// A stream of `slug`'s totals (or board) for `client` (an address bucket).
    pub async fn open(&self, kind: Kind, slug: &str, client: IpAddr) -> Result<LiveStream, Refused> {
        let slug = DropSlug::parse(slug).ok_or(Refused::UnknownDrop)?;
        // The place first: a client over its limit costs no query.
        let slot = self.counts.try_open(client, self.per_client, self.in_all).map_err(|no| match no {
            NoPlace::Client => Refused::TooManyStreams,
            NoPlace::Server => Refused::Full,
        })?;
        let mut viewer = match kind {
            Kind::Drop => {
                let drop = self.store.drop_by_slug(&slug).await.map_err(Refused::Store)?.ok_or(Refused::UnknownDrop)?;
                self.hub.watch(&drop, self.store.now_ms())
            }
            Kind::Call => {
                let call = self.store.call_by_slug(&slug).await.map_err(Refused::Store)?.ok_or(Refused::UnknownDrop)?;
                let topic = Topic::Call(call.id.clone());
                // Thousands join one call: only the first reads the board.
                match self.hub.join(&topic, call.version) {
                    Some(viewer) => viewer,
                    None => {
                        let board = super::board::read(self.store, &call).await.map_err(Refused::Store)?;
                        self.hub.watch_topic(topic, board.version, || board.frame())
                    }
                }
            }
        };
        let current = viewer.current();
        let mut first = Vec::with_capacity(RETRY.len() + current.len());
        first.extend_from_slice(RETRY);
        first.extend_from_slice(&current);
        let start = tokio::time::Instant::now() + KEEP_ALIVE;
        Ok(LiveStream {
            viewer,
            _slot: slot,
            first: Some(Bytes::from(first)),
            keep_alive: tokio::time::interval_at(start, KEEP_ALIVE),
            over: false,
        })
    }
}

/// What a drop's frame carries once an operator took it down.
const TAKEN_DOWN: &[u8] = br#""state":"taken-down""#;

impl LiveStream {
    /// The next bytes to send: the first frame, then each change, with a
    /// keep-alive comment when nothing changed for a while; `None` when the
    /// hub closed this drop's channel.
    ///
    /// A drop taken down by an operator closes its streams: the frame that
    /// says so is the last (issue 24; the page stops following it).
    pub async fn next(&mut self) -> Option<Bytes> {
        if self.over {
            return None;
        }
        let next = match self.first.take() {
            Some(first) => Some(first),
            None => tokio::select! {
                frame = self.viewer.next() => frame,
                _ = self.keep_alive.tick() => Some(Bytes::from_static(b": keep-alive\n\n")),
            },
        };
        if let Some(bytes) = &next {
            self.over = bytes.windows(TAKEN_DOWN.len()).any(|w| w == TAKEN_DOWN);
        }
        next
    }
}
