//! The components every handler may reach, built once at start-up
//! (`startup::components`). Services take only the parts they use.

use crate::auth::password::Passwords;
use crate::config::Settings;
use crate::design::DesignEngine;
use crate::live::Live;
use crate::sales::Sales;
use crate::store::Store;
use crate::web::Limits;
use std::sync::Arc;

pub struct AppState {
    pub store: Store,
    pub design: DesignEngine,
    /// The settings, with `public_url` resolved (`Settings::base_url`).
    pub settings: Settings,
    /// The storefronts' rendered-once parts and share cards.
    pub shop: crate::shop::Shop,
    /// The money path: checkouts, payment events, refunds, the sweep; its
    /// `payments` is the provider.
    pub sales: Sales,
    /// Every per-client limit and render slot.
    pub limits: Arc<Limits>,
    /// Live totals to open streams, and the streams each client holds.
    pub live: Live,
    /// Bounded password hashing and the growing delays after wrong passwords.
    pub passwords: Passwords,
    /// Print files for printers, and Printful when it is on.
    pub printing: crate::fulfilment::files::Printing,
}

impl AppState {
    /// Launching drops.
    pub fn launcher(&self) -> crate::launch::Launcher<'_> {
        crate::launch::Launcher { store: &self.store, shop: &self.shop }
    }

    /// Fans' ideas and votes on open calls.
    pub fn calls(&self) -> crate::calls::Calls<'_> {
        crate::calls::Calls {
            store: &self.store,
            limits: &self.limits,
            ideas_per_call: self.settings.ideas_per_call,
            voters_per_address: self.settings.voters_per_address,
        }
    }

    /// Signing up and logging in.
    pub fn accounts(&self) -> crate::auth::accounts::Accounts<'_> {
        crate::auth::accounts::Accounts { store: &self.store, passwords: &self.passwords, limits: &self.limits }
    }

    /// Operators' work: takedowns, restores, fans' reports.
    pub fn moderation(&self) -> crate::admin::Moderation<'_> {
        crate::admin::Moderation { store: &self.store, listed: &self.settings.operators, limits: &self.limits }
    }

    /// What opening a live stream needs.
    pub fn live_streams(&self) -> crate::live::stream::Streams<'_> {
        crate::live::stream::Streams {
            store: &self.store,
            hub: &self.live.hub,
            counts: &self.live.streams,
            per_client: self.settings.streams_per_client,
            in_all: self.settings.max_streams,
        }
    }
}
