//! Live sales totals, one channel per watched drop.
//!
//! The store announces every committed change of a drop ([`ChangeListener`]);
//! the [`Hub`] notes it if anyone on this instance watches that drop, and
//! [`coalesce`] re-reads the totals of each noted drop at most every
//! [`PUBLISH_EVERY`] (the database is the source of truth) and hands one
//! ready-made server-sent-event frame to that drop's viewers. A viewer wakes
//! only for its own drop, and only for the latest totals: a hundred sales a
//! second are ten frames a second, nothing is lost, and a quiet drop's
//! viewers cost nothing while other drops sell.

pub mod stream;
pub mod streams;

use crate::domain::{Drop, DropState};
use crate::store::{ChangeListener, Store};
use actix_web::web::Bytes;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::watch;

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
            raised: drop.show_raised.then(|| crate::i18n::money(drop.language, drop.revenue())),
            version: drop.version,
        }
    }

    /// The totals as one server-sent event, with the drop's version as id.
    pub fn frame(&self) -> Bytes {
        let json = serde_json::to_string(self).unwrap_or_else(|_| "{}".into());
        Bytes::from(format!("id: {}\nevent: totals\ndata: {json}\n\n", self.version))
    }
}

/// One watched drop: its latest frame and how many viewers hold it.
struct Channel {
    frames: watch::Sender<Bytes>,
    /// The drop version the frame shows.
    version: i64,
    viewers: usize,
}

/// The drops watched on this instance, each with its own channel.
#[derive(Default)]
pub struct Hub {
    drops: Mutex<HashMap<String, Channel>>,
    /// Watched drops that changed since the last publish round.
    changed: Mutex<HashSet<String>>,
}

/// One viewer of one drop; dropping it (the client left) stops watching.
pub struct Viewer {
    hub: Arc<Hub>,
    drop_id: String,
    frames: watch::Receiver<Bytes>,
}

impl Viewer {
    /// The drop's current totals (the first thing a stream sends).
    pub fn current(&mut self) -> Bytes {
        self.frames.borrow_and_update().clone()
    }

    /// The next totals of this drop (the latest, when several came at once);
    /// `None` once the hub has closed the channel.
    pub async fn next(&mut self) -> Option<Bytes> {
        self.frames.changed().await.ok()?;
        Some(self.frames.borrow_and_update().clone())
    }
}

impl std::ops::Drop for Viewer {
    fn drop(&mut self) {
        self.hub.unwatch(&self.drop_id);
    }
}

impl Hub {
    /// Starts watching `drop` (as just read): the viewer gets the newest
    /// totals known here, then every later change of this drop and no other.
    pub fn watch(self: &Arc<Self>, drop: &Drop, now: i64) -> Viewer {
        let totals = PublicTotals::of(drop, now);
        let mut drops = self.drops.lock().unwrap_or_else(|p| p.into_inner());
        let channel = drops.entry(drop.id.clone()).or_insert_with(|| Channel {
            frames: watch::Sender::new(totals.frame()),
            version: totals.version,
            viewers: 0,
        });
        if totals.version > channel.version {
            channel.frames.send_replace(totals.frame());
            channel.version = totals.version;
        }
        channel.viewers += 1;
        Viewer { hub: self.clone(), drop_id: drop.id.clone(), frames: channel.frames.subscribe() }
    }

    fn unwatch(&self, drop_id: &str) {
        let mut drops = self.drops.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(channel) = drops.get_mut(drop_id) {
            channel.viewers = channel.viewers.saturating_sub(1);
            if channel.viewers == 0 {
                drops.remove(drop_id);
            }
        }
    }

    /// Hands `totals` to the drop's viewers, unless they have exactly these
    /// or newer ones.
    pub fn publish(&self, drop_id: &str, totals: &PublicTotals) {
        let frame = totals.frame();
        let mut drops = self.drops.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(channel) = drops.get_mut(drop_id)
            && totals.version >= channel.version
        {
            channel.version = totals.version;
            channel.frames.send_if_modified(|current| {
                if *current == frame {
                    return false;
                }
                *current = frame;
                true
            });
        }
    }

    /// Drops that have viewers on this instance.
    pub fn watched(&self) -> Vec<String> {
        self.drops.lock().unwrap_or_else(|p| p.into_inner()).keys().cloned().collect()
    }

    /// Viewers of `drop_id` on this instance.
    pub fn viewers(&self, drop_id: &str) -> usize {
        self.drops.lock().unwrap_or_else(|p| p.into_inner()).get(drop_id).map_or(0, |c| c.viewers)
    }

    fn take_changed(&self) -> Vec<String> {
        self.changed.lock().unwrap_or_else(|p| p.into_inner()).drain().collect()
    }
}

impl ChangeListener for Hub {
    /// Notes a watched drop for the next publish round; unwatched drops cost nothing.
    fn drop_changed(&self, drop_id: &str) {
        if self.drops.lock().unwrap_or_else(|p| p.into_inner()).contains_key(drop_id) {
            self.changed.lock().unwrap_or_else(|p| p.into_inner()).insert(drop_id.to_owned());
        }
    }

    fn everything_changed(&self) {
        let watched = self.watched();
        self.changed.lock().unwrap_or_else(|p| p.into_inner()).extend(watched);
    }
}

/// How often changed totals go out. A hundred sales a second become ten
/// updates a second per viewer: the latest totals win, nothing is lost, and a
/// sale still reaches viewers well within a second.
pub const PUBLISH_EVERY: Duration = Duration::from_millis(100);

/// Runs for the life of the process: every [`PUBLISH_EVERY`], reads the totals
/// of each watched drop that changed (one query per drop) and publishes them.
pub async fn coalesce(hub: Arc<Hub>, store: Store) {
    let mut tick = tokio::time::interval(PUBLISH_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        for drop_id in hub.take_changed() {
            match store.drop_by_id(&drop_id).await {
                Ok(Some(drop)) => hub.publish(&drop_id, &PublicTotals::of(&drop, crate::store::now_ms())),
                Ok(None) => {}
                Err(e) => tracing::warn!(drop = %drop_id, error = %e, "could not read totals to publish"),
            }
        }
    }
}
