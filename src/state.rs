//! What every handler shares.

use crate::config::Settings;
use crate::design::DesignEngine;
use crate::payments::Payments;
use crate::store::Store;

pub struct AppState {
    pub store: Store,
    pub design: DesignEngine,
    pub settings: Settings,
    /// Absolute base URL for links that leave the page (share, QR, meta tags).
    pub public_url: String,
    /// The storefronts' rendered-once parts and share cards.
    pub shop: crate::shop::Shop,
    pub payments: Payments,
    /// Checkouts per client per minute.
    pub checkout_rate: crate::web::PerClientRate,
    /// Accounts created per client per hour.
    pub signup_rate: crate::web::PerClientRate,
    /// Drops launched per client per hour.
    pub launch_rate: crate::web::PerClientRate,
    /// Preview shirts drawn per client per minute.
    pub preview_rate: crate::web::PerClientRate,
    /// Ideas sent to open calls per client.
    pub idea_rate: crate::web::PerClientRate,
    /// Votes cast on open calls per client.
    pub vote_rate: crate::web::PerClientRate,
    /// Storefront visits counted per client per minute (`routes::shop::seen`).
    pub visit_rate: crate::web::PerClientRate,
    /// Bounds concurrent preview renders (a few ms of CPU each).
    pub preview_slots: crate::web::slots::Slots,
    /// Bounded password hashing.
    pub hasher: crate::auth::password::Hasher,
    /// Growing delays after wrong passwords, per account and per client.
    pub logins: crate::auth::throttle::LoginThrottle,
    /// How often the thanks page may ask the provider about one order.
    pub reconcile_rate: crate::web::PerClientRate<String>,
    /// Live totals to open streams, one channel per watched drop.
    pub hub: std::sync::Arc<crate::live::Hub>,
    /// Open live streams per client.
    pub streams: crate::live::streams::StreamCounts,
    /// Bounds concurrent print-file renders (CPU and ~70 MB of pixels each).
    pub print_slots: crate::web::slots::Slots,
}

impl AppState {
    /// What opening a live stream needs.
    pub fn live_streams(&self) -> crate::live::stream::Streams<'_> {
        crate::live::stream::Streams {
            store: &self.store,
            hub: &self.hub,
            counts: &self.streams,
            per_client: self.settings.streams_per_client,
        }
    }

    /// Forgets clients no limit needs to remember any more (bounded memory).
    pub fn forget_idle_clients(&self) {
        self.checkout_rate.forget_idle();
        self.signup_rate.forget_idle();
        self.launch_rate.forget_idle();
        self.reconcile_rate.forget_idle();
        self.preview_rate.forget_idle();
        self.idea_rate.forget_idle();
        self.vote_rate.forget_idle();
        self.visit_rate.forget_idle();
        self.logins.forget_idle();
    }
}
