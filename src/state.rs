//! What every handler shares.

use crate::config::Settings;
use crate::design::DesignEngine;
use crate::payments::Payments;
use crate::routes::checkout::limiter::RateLimiter;
use crate::routes::shop::{CardCache, StorefrontCache};
use crate::store::Store;

pub struct AppState {
    pub store: Store,
    pub design: DesignEngine,
    pub settings: Settings,
    /// Absolute base URL for links that leave the page (share, QR, meta tags).
    pub public_url: String,
    pub storefronts: StorefrontCache,
    pub cards: CardCache,
    pub payments: Payments,
    /// Checkouts per client per minute.
    pub limiter: RateLimiter,
    /// Live totals to open streams.
    pub hub: crate::live::Hub,
    /// Server process id of the PostgreSQL `LISTEN` connection (0: none).
    pub listener_pid: std::sync::atomic::AtomicI32,
    /// Open live streams per client.
    pub streams: crate::live::sse::StreamCounts,
    /// Bounds concurrent print-file renders (CPU and ~70 MB of pixels each).
    pub print_slots: tokio::sync::Semaphore,
}
