//! Live sales totals, one channel per watched drop; live idea boards, one
//! channel per watched call (issue 10).
//!
//! The store announces every committed change of a drop ([`ChangeListener`]);
//! the [`Hub`] notes it if anyone on this instance watches that drop, and
//! [`coalesce`] re-reads the totals of each noted drop at most every
//! [`PUBLISH_EVERY`] (the database is the source of truth) and hands one
//! ready-made server-sent-event frame to that drop's viewers. A viewer wakes
//! only for its own drop, and only for the latest totals: a hundred sales a
//! second are ten frames a second, nothing is lost, and a quiet drop's
//! viewers cost nothing while other drops sell.
//!
//! An open call's board works the same way ([`Topic::Call`]): each idea,
//! vote or moderation the store announces is noted, and the next round
//! reads the board once and hands every viewer of that call one frame with
//! the new order ([`board::BoardFrame`]).

pub mod board;
pub mod stream;
pub mod streams;

use crate::domain::Drop;
use crate::store::{ChangeListener, Store};
use actix_web::web::Bytes;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::watch;

/// The live side of the app: the hub that fans changes out to open streams,
/// and the streams each client holds open.
#[derive(Default)]
pub struct Live {
    pub hub: Arc<Hub>,
    pub streams: streams::StreamCounts,
}

/// What fans may see of a drop: never revenue, never buyers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublicTotals {
    pub sold: i64,
    /// Shirts still available, when stock is limited.
    pub left: Option<i64>,
    pub goal: Option<i64>,
    pub goal_percent: Option<i64>,
    /// "live", "sold-out", "ended" or "taken-down".
    pub state: &'static str,
    /// Taken down: the operators' reason, which open pages show; left out otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Money raised ("$1,250.00"), only when the artist chose to show it.
    pub raised: Option<String>,
    /// Increases with every change; used as the SSE event id.
    pub version: i64,
    /// On a merch table: the products sold out (keys); left out otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sold_out: Vec<&'static str>,
}

impl PublicTotals {
    pub fn of(drop: &Drop, now: i64) -> Self {
        let state = drop.state(now);
        Self {
            sold: drop.sold,
            left: drop.units_left(),
            goal: drop.goal,
            goal_percent: drop.goal_percent(),
            state: state.key(),
            reason: drop.takedown.as_ref().map(|t| t.reason.to_string()),
            raised: drop.show_raised.then(|| crate::i18n::money(drop.language, drop.revenue())),
            version: drop.version,
            sold_out: if drop.has_merch_table() {
                drop.products.iter().filter(|p| p.sold_out()).map(|p| p.product.key()).collect()
            } else {
                Vec::new()
            },
        }
    }

    /// The totals as one server-sent event, with the drop's version as id.
    pub fn frame(&self) -> Bytes {
        let json = serde_json::to_string(self).unwrap_or_else(|_| "{}".into());
        Bytes::from(format!("id: {}\nevent: totals\ndata: {json}\n\n", self.version))
    }
}

/// What a viewer watches: a drop's totals or a call's board (by id).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Topic {
    Drop(crate::domain::DropId),
    Call(crate::domain::CallId),
}

/// One watched topic: its latest frame and how many viewers hold it.
struct Channel {
    frames: watch::Sender<Bytes>,
    /// The drop's or call's version the frame shows.
    version: i64,
    viewers: usize,
}

/// The drops and calls watched on this instance, each with its own channel.
#[derive(Default)]
pub struct Hub {
    topics: Mutex<HashMap<Topic, Channel>>,
    /// Watched topics that changed since the last publish round.
    changed: Mutex<HashSet<Topic>>,
}

/// One viewer of one drop or call; dropping it (the client left) stops watching.
pub struct Viewer {
    hub: Arc<Hub>,
    topic: Topic,
    frames: watch::Receiver<Bytes>,
}

impl Viewer {
    /// The newest frame (the first thing a stream sends).
    pub fn current(&mut self) -> Bytes {
        self.frames.borrow_and_update().clone()
    }

    /// The next frame of this topic (the latest, when several came at once);
    /// `None` once the hub has closed the channel.
    pub async fn next(&mut self) -> Option<Bytes> {
        self.frames.changed().await.ok()?;
        Some(self.frames.borrow_and_update().clone())
    }
}

impl std::ops::Drop for Viewer {
    fn drop(&mut self) {
        self.hub.unwatch(&self.topic);
    }
}

impl Hub {
    fn lock_topics(&self) -> std::sync::MutexGuard<'_, HashMap<Topic, Channel>> {
        crate::sync::lock(&self.topics)
    }

    fn lock_changed(&self) -> std::sync::MutexGuard<'_, HashSet<Topic>> {
        crate::sync::lock(&self.changed)
    }

    /// Starts watching `drop` (as just read): the viewer gets the newest
    /// totals known here, then every later change of this drop and no other.
    pub fn watch(self: &Arc<Self>, drop: &Drop, now: i64) -> Viewer {
        let totals = PublicTotals::of(drop, now);
        self.watch_topic(Topic::Drop(drop.id.clone()), totals.version, || totals.frame())
    }

    /// Starts watching `topic`, whose newest state (at `version`) is
    /// `frame()`, asked for only when this instance has nothing as new.
    pub fn watch_topic(self: &Arc<Self>, topic: Topic, version: i64, frame: impl FnOnce() -> Bytes) -> Viewer {
        let mut topics = self.lock_topics();
        let channel = match topics.entry(topic.clone()) {
            std::collections::hash_map::Entry::Occupied(entry) => {
                let channel = entry.into_mut();
                if version > channel.version {
                    channel.frames.send_replace(frame());
                    channel.version = version;
                }
                channel
            }
            std::collections::hash_map::Entry::Vacant(entry) => {
                // A change committed after `frame` was read but before this
                // channel existed was not noted: read once more next round.
                self.lock_changed().insert(topic.clone());
                entry.insert(Channel { frames: watch::Sender::new(frame()), version, viewers: 0 })
            }
        };
        channel.viewers += 1;
        Viewer { hub: self.clone(), topic, frames: channel.frames.subscribe() }
    }

    /// Joins `topic`'s viewers when this instance already has its state at
    /// `version` or newer (no read needed); `None` otherwise.
    pub fn join(self: &Arc<Self>, topic: &Topic, version: i64) -> Option<Viewer> {
        let mut topics = self.lock_topics();
        let channel = topics.get_mut(topic).filter(|c| c.version >= version)?;
        channel.viewers += 1;
        Some(Viewer { hub: self.clone(), topic: topic.clone(), frames: channel.frames.subscribe() })
    }

    fn unwatch(&self, topic: &Topic) {
        let mut topics = self.lock_topics();
        if let Some(channel) = topics.get_mut(topic) {
            channel.viewers = channel.viewers.saturating_sub(1);
            if channel.viewers == 0 {
                topics.remove(topic);
            }
        }
    }

    /// Hands `totals` to the drop's viewers, unless they have exactly these
    /// or newer ones.
    pub fn publish(&self, drop_id: &str, totals: &PublicTotals) {
        self.publish_topic(&Topic::Drop(drop_id.into()), totals.version, totals.frame());
    }

    /// Hands `frame` (at `version`) to `topic`'s viewers, unless they have
    /// exactly it or a newer one.
    pub fn publish_topic(&self, topic: &Topic, version: i64, frame: Bytes) {
        let mut topics = self.lock_topics();
        if let Some(channel) = topics.get_mut(topic)
            && version >= channel.version
        {
            channel.version = version;
            channel.frames.send_if_modified(|current| {
                if *current == frame {
                    return false;
                }
                *current = frame;
                true
            });
        }
    }

    /// Drops and calls that have viewers on this instance.
    pub fn watched(&self) -> Vec<Topic> {
        self.lock_topics().keys().cloned().collect()
    }

    /// How many drops and calls have viewers on this instance, and how many
    /// viewers they have in all.
    pub fn audience(&self) -> (usize, usize) {
        let topics = self.lock_topics();
        (topics.len(), topics.values().map(|c| c.viewers).sum())
    }

    /// Viewers of `drop_id` on this instance.
    pub fn viewers(&self, drop_id: &str) -> usize {
        self.viewers_of(&Topic::Drop(drop_id.into()))
    }

    /// Viewers of `topic` on this instance.
    pub fn viewers_of(&self, topic: &Topic) -> usize {
        self.lock_topics().get(topic).map_or(0, |c| c.viewers)
    }

    fn take_changed(&self) -> Vec<Topic> {
        self.lock_changed().drain().collect()
    }

    /// Notes a watched topic for the next publish round; unwatched ones cost nothing.
    fn note(&self, topic: Topic) {
        if self.lock_topics().contains_key(&topic) {
            self.lock_changed().insert(topic);
        }
    }
}

impl ChangeListener for Hub {
    fn drop_changed(&self, drop_id: &str) {
        self.note(Topic::Drop(drop_id.into()));
    }

    fn call_changed(&self, call_id: &str) {
        self.note(Topic::Call(call_id.into()));
    }

    fn everything_changed(&self) {
        let watched = self.watched();
        self.lock_changed().extend(watched);
    }
}

/// How often changed totals go out. A hundred sales a second become ten
/// updates a second per viewer: the latest totals win, nothing is lost, and a
/// sale still reaches viewers well within a second.
pub const PUBLISH_EVERY: Duration = Duration::from_millis(100);

/// Runs for the life of the process: every [`PUBLISH_EVERY`], reads the
/// totals of each watched drop that changed (one query per drop), and the
/// board of each watched call that changed, and publishes them.
pub async fn coalesce(hub: Arc<Hub>, store: Store) {
    let mut tick = tokio::time::interval(PUBLISH_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        for topic in hub.take_changed() {
            match &topic {
                Topic::Drop(drop_id) => match store.drop_by_id(drop_id).await {
                    Ok(Some(drop)) => hub.publish(drop_id, &PublicTotals::of(&drop, store.now_ms())),
                    Ok(None) => {}
                    Err(e) => tracing::warn!(drop = %drop_id, error = %e, "could not read totals to publish"),
                },
                Topic::Call(call_id) => match board::read_by_id(&store, call_id).await {
                    Ok(Some(frame)) => hub.publish_topic(&topic, frame.version, frame.frame()),
                    Ok(None) => {}
                    Err(e) => tracing::warn!(call = %call_id, error = %e, "could not read the board to publish"),
                },
            }
        }
    }
}
