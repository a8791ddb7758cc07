//! The store announces its own commits, so no caller has to remember to.
//!
//! Every statement that changes a drop's row (its totals, state or settings)
//! bumps the drop's `version`. After such a transaction commits, the store
//! tells this instance's [`ChangeListener`]s (the storefront cache, the live
//! hub) at once. On PostgreSQL the same statement also calls
//! `pg_notify('popshop_drops', id)`, which PostgreSQL delivers only when (and
//! if) the transaction commits, to every instance that `LISTEN`s
//! ([`listen`]): several instances stay in step without a query per view.
//! When the listening connection is lost, an instance treats every drop as
//! changed once it is back, so nothing stays out of date.
//!
//! Open calls (issue 10) are announced the same way, on their own channel
//! (`popshop_calls`, the call's id): every idea, vote and moderation moves
//! the call's version in the writing transaction, and that statement
//! announces it.

use super::{Backend, Store};
use sqlx::postgres::PgListener;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// The PostgreSQL channel drop changes are announced on.
pub const CHANNEL: &str = "popshop_drops";
/// The PostgreSQL channel call changes (ideas, votes, moderation) are announced on.
pub const CALLS_CHANNEL: &str = "popshop_calls";

/// Something that keeps a copy of drops (a cache, live viewers).
pub trait ChangeListener: Send + Sync {
    /// The drop's row changed and the change is committed.
    fn drop_changed(&self, drop_id: &str);
    /// A call's board (its ideas, votes, moderation or state) changed and
    /// the change is committed.
    fn call_changed(&self, _call_id: &str) {}
    /// Changes may have been missed: treat every drop as changed.
    fn everything_changed(&self);
}

/// Who hears about committed changes on this instance.
#[derive(Default)]
pub(super) struct Changes {
    listeners: RwLock<Vec<Arc<dyn ChangeListener>>>,
    /// Server process id of the `LISTEN` connection (0: none); tests end it.
    listener_pid: AtomicI32,
    /// PostgreSQL: the `LISTEN` connection is up, so no change goes unheard.
    listening: AtomicBool,
    /// Counts announcements, so a reader can tell whether one came while it read.
    generation: AtomicU64,
}

impl std::fmt::Debug for Changes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Changes").field("listener_pid", &self.listener_pid).finish_non_exhaustive()
    }
}

impl Changes {
    fn each(&self, f: impl Fn(&dyn ChangeListener)) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        for listener in self.listeners.read().unwrap_or_else(|p| p.into_inner()).iter() {
            f(listener.as_ref());
        }
    }
}

/// On PostgreSQL, the clause that announces the updated drop when the
/// transaction commits: append to an `UPDATE drops …` without `RETURNING`.
/// (The function's `void` result is turned into a boolean the Any driver
/// can read.)
pub(super) fn returning_announce(backend: Backend) -> &'static str {
    match backend {
        Backend::Postgres => " RETURNING (pg_notify('popshop_drops', id) IS NULL) AS announced",
        Backend::Sqlite => "",
    }
}

/// On PostgreSQL, the clause that announces the updated call when the
/// transaction commits: append to an `UPDATE calls …` without `RETURNING`.
pub(super) fn returning_announce_call(backend: Backend) -> &'static str {
    match backend {
        Backend::Postgres => " RETURNING (pg_notify('popshop_calls', id) IS NULL) AS announced",
        Backend::Sqlite => "",
    }
}

/// The same as one more column of an existing `RETURNING` list.
pub(super) fn and_announce(backend: Backend) -> &'static str {
    match backend {
        Backend::Postgres => ", (pg_notify('popshop_drops', id) IS NULL) AS announced",
        Backend::Sqlite => "",
    }
}

/// The backend a transaction runs on.
pub(super) fn backend_of(tx: &sqlx::Transaction<'_, sqlx::Any>) -> Backend {
    if tx.backend_name() == "PostgreSQL" { Backend::Postgres } else { Backend::Sqlite }
}

impl Store {
    /// `listener` hears about every committed drop change from now on.
    pub fn on_change(&self, listener: Arc<dyn ChangeListener>) {
        self.changes.listeners.write().unwrap_or_else(|p| p.into_inner()).push(listener);
    }

    /// Tells this instance's listeners (after the commit).
    pub(super) fn committed(&self, drop_id: &str) {
        self.changes.each(|l| l.drop_changed(drop_id));
    }

    /// Tells this instance's listeners that a call's board changed (after the commit).
    pub(super) fn committed_call(&self, call_id: &str) {
        self.changes.each(|l| l.call_changed(call_id));
    }

    /// Whether this instance hears every committed change of every drop:
    /// always on SQLite (the only writer); on PostgreSQL while the `LISTEN`
    /// connection is up. Caches may be trusted only then.
    pub fn hears_every_change(&self) -> bool {
        self.backend == Backend::Sqlite || self.changes.listening.load(Ordering::SeqCst)
    }

    /// Goes up with every announced change (see [`Self::hears_every_change`]).
    pub fn change_generation(&self) -> u64 {
        self.changes.generation.load(Ordering::SeqCst)
    }

    /// Server process id of the PostgreSQL `LISTEN` connection (0: none yet).
    pub fn listener_pid(&self) -> i32 {
        self.changes.listener_pid.load(Ordering::Relaxed)
    }

    /// PostgreSQL: runs for the life of the process, passing every instance's
    /// announced changes to this instance's listeners. When the connection
    /// drops it reconnects and announces everything as changed.
    pub async fn listen(self, database_url: String) {
        if self.backend != Backend::Postgres {
            return;
        }
        loop {
            match self.connect_listener(&database_url).await {
                Ok(mut listener) => {
                    // Anything announced while we were away: catch up.
                    self.changes.each(|l| l.everything_changed());
                    self.changes.listening.store(true, Ordering::SeqCst);
                    loop {
                        match listener.try_recv().await {
                            Ok(Some(note)) if note.channel() == CALLS_CHANNEL => self.committed_call(note.payload()),
                            Ok(Some(note)) => self.committed(note.payload()),
                            // The connection was lost; sqlx reconnects on the next call.
                            Ok(None) => {
                                self.changes.listening.store(false, Ordering::SeqCst);
                                tracing::warn!("LISTEN connection lost; reconnecting and re-reading everything");
                                // A query on the listener reconnects and listens again.
                                let back = self.note_backend_pid(&mut listener).await;
                                self.changes.each(|l| l.everything_changed());
                                self.changes.listening.store(back, Ordering::SeqCst);
                            }
                            Err(e) => {
                                self.changes.listening.store(false, Ordering::SeqCst);
                                tracing::warn!(error = %e, "LISTEN failed; reconnecting");
                                break;
                            }
                        }
                    }
                }
                Err(e) => tracing::warn!(error = %e, "cannot LISTEN; retrying in a second"),
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    }

    async fn connect_listener(&self, url: &str) -> anyhow::Result<PgListener> {
        let mut listener = PgListener::connect(url).await?;
        listener.listen_all([CHANNEL, CALLS_CHANNEL]).await?;
        self.note_backend_pid(&mut listener).await;
        Ok(listener)
    }

    /// True when the listener is connected (and listening) again.
    async fn note_backend_pid(&self, listener: &mut PgListener) -> bool {
        match sqlx::query_scalar::<_, i32>("SELECT pg_backend_pid()").fetch_one(&mut *listener).await {
            Ok(pid) => {
                self.changes.listener_pid.store(pid, Ordering::Relaxed);
                true
            }
            Err(_) => false,
        }
    }
}
