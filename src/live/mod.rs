//! Live sales totals. One [`SaleEvent`] type flows from every committed order or
//! drop change to a [`Hub`]; server-sent-event streams subscribe to it.
//! Totals are always re-read from the database (the source of truth) before
//! they are published, so a viewer never sees a number the orders disagree with.

pub mod postgres;
pub mod sse;

use crate::domain::{Drop, DropState};
use crate::state::AppState;
use crate::store::Backend;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;
use std::time::Duration;
use tokio::sync::broadcast;

/// What fans may see of a drop: never revenue, never buyers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublicTotals {
    pub sold: i64,
    /// Shirts still available, when stock is limited.
    pub left: Option<i64>,
    pub goal: Option<i64>,
    pub goal_percent: Option<i64>,
    /// "live", "sold-out" or "ended".
    pub state: &'static str,
    /// Money raised ("$1,250.00"), only when the artist chose to show it.
    pub raised: Option<String>,
    /// Increases with every change; used as the SSE event id.
    pub version: i64,
}

impl PublicTotals {
    pub fn of(drop: &Drop, now: i64) -> Self {
        let state = drop.state(now);
        Self {
            sold: drop.sold,
            left: drop.units_left(),
            goal: drop.goal,
            goal_percent: drop.goal_percent(),
            state: match state {
                DropState::Live => "live",
                DropState::SoldOut => "sold-out",
                DropState::Ended => "ended",
            },
            raised: drop.show_raised.then(|| drop.revenue().to_string()),
            version: drop.version,
        }
    }
}

/// A drop's totals changed (a payment, refund, reservation, expiry or end).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaleEvent {
    pub drop_id: String,
    pub totals: PublicTotals,
}

/// Fans events out to every open stream on this instance.
pub struct Hub {
    sender: broadcast::Sender<SaleEvent>,
    /// Watched drops that changed since the last publish round.
    changed: Mutex<HashSet<String>>,
    /// Open streams per drop, so changes nobody watches cost no query.
    watchers: Mutex<HashMap<String, usize>>,
}

impl Default for Hub {
    fn default() -> Self {
        Self {
            sender: broadcast::channel(4096).0,
            changed: Mutex::new(HashSet::new()),
            watchers: Mutex::new(HashMap::new()),
        }
    }
}

impl Hub {
    pub fn publish(&self, event: SaleEvent) {
        // No receivers is fine: nobody is watching.
        let _ = self.sender.send(event);
    }

    pub fn subscribe(&self) -> broadcast::Receiver<SaleEvent> {
        self.sender.subscribe()
    }

    /// A stream starts watching `drop_id`; pair with [`Hub::unwatch`].
    pub fn watch(&self, drop_id: &str) {
        *self.watchers.lock().unwrap_or_else(|p| p.into_inner()).entry(drop_id.to_owned()).or_default() += 1;
    }

    pub fn unwatch(&self, drop_id: &str) {
        let mut watchers = self.watchers.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(n) = watchers.get_mut(drop_id) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                watchers.remove(drop_id);
            }
        }
    }

    /// Notes that a watched drop changed; [`coalesce`] publishes it within
    /// [`PUBLISH_EVERY`]. Unwatched drops cost nothing.
    pub fn mark_changed(&self, drop_id: &str) {
        if self.is_watched(drop_id) {
            self.changed.lock().unwrap_or_else(|p| p.into_inner()).insert(drop_id.to_owned());
        }
    }

    fn take_changed(&self) -> Vec<String> {
        self.changed.lock().unwrap_or_else(|p| p.into_inner()).drain().collect()
    }

    /// Drops that have viewers on this instance.
    pub fn watched(&self) -> Vec<String> {
        self.watchers.lock().unwrap_or_else(|p| p.into_inner()).keys().cloned().collect()
    }

    pub fn is_watched(&self, drop_id: &str) -> bool {
        self.watchers.lock().unwrap_or_else(|p| p.into_inner()).get(drop_id).is_some_and(|n| *n > 0)
    }
}

/// Call after any committed change to a drop or its orders: refreshes cached
/// storefront numbers and tells live viewers, reading the totals anew. On
/// PostgreSQL the change is announced to every instance (this one included)
/// through `NOTIFY`; see [`postgres`].
pub async fn drop_changed(state: &AppState, drop_id: &str) {
    if state.store.backend() == Backend::Postgres {
        if let Err(e) = state.store.notify(postgres::CHANNEL, drop_id).await {
            tracing::warn!(drop = %drop_id, error = %e, "NOTIFY failed; updating this instance only");
            state.storefronts.invalidate_drop(drop_id);
            postgres::publish_current(state, drop_id).await;
        }
        return;
    }
    state.storefronts.invalidate_drop(drop_id);
    postgres::publish_current(state, drop_id).await;
}

/// How often changed totals go out. A hundred sales a second become ten
/// updates a second per viewer: the latest totals win, nothing is lost, and a
/// sale still reaches viewers well within a second.
pub const PUBLISH_EVERY: Duration = Duration::from_millis(100);

/// Runs for the life of the process: every [`PUBLISH_EVERY`], reads the totals
/// of each watched drop that changed (one query per drop) and publishes them.
pub async fn coalesce(state: actix_web::web::Data<AppState>) {
    let mut tick = tokio::time::interval(PUBLISH_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        for drop_id in state.hub.take_changed() {
            match state.store.drop_by_id(&drop_id).await {
                Ok(Some(drop)) => {
                    state.hub.publish(SaleEvent { drop_id, totals: PublicTotals::of(&drop, crate::store::now_ms()) })
                }
                Ok(None) => {}
                Err(e) => tracing::warn!(drop = %drop_id, error = %e, "could not read totals to publish"),
            }
        }
    }
}
