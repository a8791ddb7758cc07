//! The only place with SQL. One implementation serves SQLite and PostgreSQL
//! through sqlx's `AnyPool` with portable statements (`$n` placeholders,
//! integers and text only).

/// A struct read from a row by its fields' names, as
/// `#[derive(sqlx::FromRow)]` writes it (`FromRow` for `AnyRow`, each field
/// by `try_get` of its name), without sqlx's proc-macro crate (see
/// `build.rs`). Wraps the struct's definition:
/// `row! { #[derive(Debug)] pub struct Found { pub id: String } }`.
macro_rules! row {
    ($(#[$meta:meta])* $vis:vis struct $name:ident {
        $($(#[$field_meta:meta])* $field_vis:vis $field:ident : $ty:ty),* $(,)?
    }) => {
        $(#[$meta])* $vis struct $name {
            $($(#[$field_meta])* $field_vis $field: $ty),*
        }

        impl<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> for $name {
            fn from_row(row: &'r sqlx::any::AnyRow) -> Result<Self, sqlx::Error> {
                use sqlx::Row;
                Ok(Self { $($field: row.try_get(stringify!($field))?),* })
            }
        }
    };
}

mod accounts;
mod backlog;
pub mod backup;
mod calls;
mod changes;
mod drops;
mod fulfilment;
mod holds;
mod ids;
mod moderation;
mod operators;
mod orders;
pub mod outbox;
mod payments;
mod payouts;
mod printer;
mod products;
mod promos;
mod sessions;
mod sources;
mod waitlist;

pub use accounts::{Account, CreateAccountError, LINKS_PER_HOUR, LinkFor, LinkProblem, Purpose};
pub use backlog::Backlog;
pub use calls::{Board, NewCall, SentIdea};
pub use changes::{CHANNEL, ChangeListener};
pub use drops::{NewDrop, NewWave};
pub use fulfilment::{LineProblem, ShipLine, Shipment, Shipped};
pub use moderation::{FoundAccount, FoundCall, FoundDrop, RefundProgress, Report, ReportTarget};
pub use operators::{Audit, AuditEntry};
pub use orders::{NewOrder, Reservation, Variant};
pub use payments::{EventOutcome, PaymentProblem};
pub use payouts::DropMoney;
pub use printer::{PrintCost, PrintJob, PrinterEffect, PrinterOutcome};
pub use products::NewProduct;
pub use promos::NewPromo;
pub use sources::SourceStats;
pub use waitlist::{WAITLIST_PER_DROP, Waiting};

use anyhow::Context;
use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor};
use std::sync::Arc;
use std::time::Duration;

/// Every file in `migrations/`, (name, SQL), by name (written by `build.rs`).
const MIGRATION_FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/migrations.rs"));

/// The migrations, read from [`MIGRATION_FILES`] the way sqlx's
/// `migrate!` reads the directory: `{version}_{description}.sql`, the
/// description's underscores as spaces, the checksum of the SQL, and
/// `-- no-transaction` at the top opting out of a transaction.
static MIGRATOR: std::sync::LazyLock<sqlx::migrate::Migrator> = std::sync::LazyLock::new(|| {
    use sqlx::migrate::{Migration, MigrationType, Migrator};
    use std::borrow::Cow;
    let mut migrations: Vec<Migration> = MIGRATION_FILES
        .iter()
        .filter_map(|(name, sql)| {
            let (version, rest) = name.split_once('_')?;
            let migration_type = MigrationType::from_filename(rest);
            let description = rest.trim_end_matches(migration_type.suffix()).replace('_', " ");
            let version = version.parse().ok()?;
            Some(Migration::new(
                version,
                Cow::Owned(description),
                migration_type,
                Cow::Borrowed(*sql),
                sql.starts_with("-- no-transaction"),
            ))
        })
        .collect();
    migrations.sort_by_key(|m| m.version);
    Migrator { migrations: Cow::Owned(migrations), ..Migrator::DEFAULT }
});

/// Which database the store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Handle to the database; cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// SQLite allows one writer at a time; queueing hot write transactions here
    /// instead of in SQLite's busy handler (which sleeps in steps of
    /// milliseconds) keeps checkout latency flat under load. Unused on PostgreSQL.
    write_gate: Arc<tokio::sync::Mutex<()>>,
    /// SQLite: stock-holding orders per client and drop (see `holds`).
    holds: Arc<holds::HoldBook>,
    /// Who hears about committed drop changes (see `changes`).
    changes: Arc<changes::Changes>,
    /// The app's business time (`crate::clock`).
    clock: crate::clock::Clock,
    /// The key popshop signs fan ids with (`auth::csrf`), the same for every
    /// instance on the database.
    signing_key: Arc<Vec<u8>>,
    /// Tasks waiting for a connection to begin a transaction ([`Store::begin`]).
    waiting: Arc<std::sync::atomic::AtomicUsize>,
}

/// How many numbered slugs (`slug-2` … ) to try before a random suffix.
const NUMBERED_SLUG_TRIES: u32 = 50;

/// Slugs to try, in order, for a new drop or call: the plain one, then
/// `slug-2`, `slug-3` …, then one with part of the new id.
fn slug_candidates<'a>(
    base: &'a crate::domain::DropSlug,
    id: &'a str,
) -> impl Iterator<Item = crate::domain::DropSlug> + 'a {
    std::iter::once(base.clone())
        .chain((2..=NUMBERED_SLUG_TRIES).map(|n| base.with_suffix(n)))
        .chain(std::iter::once(crate::domain::DropSlug::parse(&format!("{base}-{}", &id[..6])).unwrap_or(base.clone())))
}

impl Store {
    /// Connects, applies SQLite settings (WAL, busy timeout, foreign keys) on each
    /// new connection, and runs pending migrations.
    pub async fn connect(url: &str, max_connections: u32) -> anyhow::Result<Self> {
        install_default_drivers();
        let backend = if url.starts_with("postgres") { Backend::Postgres } else { Backend::Sqlite };
        let options = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 10000; \
                             PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            });
        let pool = options.connect(url).await.with_context(|| format!("cannot open database {}", redact(url)))?;
        MIGRATOR.run(&pool).await.context("cannot apply database migrations")?;
        let store = Self {
            pool,
            backend,
            write_gate: Arc::new(tokio::sync::Mutex::new(())),
            clock: crate::clock::Clock::default(),
            holds: Arc::default(),
            changes: Arc::default(),
            signing_key: Arc::default(),
            waiting: Arc::default(),
        };
        let key = store.app_secret("fan-ids").await?;
        let store = Self { signing_key: Arc::new(hex::decode(key).context("the stored fan-id key")?), ..store };
        store.unlog_hold_counts().await?;
        store.refresh_holds().await?;
        Ok(store)
    }

    /// Starts a transaction, counted in [`Store::waiting_to_write`] while it
    /// waits for a connection (every business write begins here).
    pub(crate) async fn begin(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
        /// Counts one waiter until dropped: also when the caller gives up
        /// (a cancelled request) while waiting.
        struct Waiting<'a>(&'a std::sync::atomic::AtomicUsize);
        impl Drop for Waiting<'_> {
            fn drop(&mut self) {
                self.0.fetch_sub(1, std::sync::atomic::Ordering::Relaxed);
            }
        }
        self.waiting.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let _waiting = Waiting(&self.waiting);
        match self.backend {
            // IMMEDIATE takes SQLite's write lock now, waiting out the busy
            // timeout. A plain (deferred) BEGIN reads a snapshot first; if a
            // write outside the gate (a session touch, a mail marked sent)
            // commits before this transaction's first write, that write
            // fails at once with SQLITE_BUSY_SNAPSHOT, which no timeout
            // retries: a tracking upload once came back as a 500 that way.
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }

    /// Tasks waiting for a database connection to start a write
    /// transaction right now (issue 24's "pool waiting").
    pub fn waiting_to_write(&self) -> usize {
        self.waiting.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The connection pool, for tests and tools that check invariants with
    /// their own SQL; application code goes through the methods.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Waits for the SQLite write gate (no-op on PostgreSQL); hold the guard
    /// until the write transaction has committed.
    pub(crate) async fn write_gate(&self) -> Option<tokio::sync::MutexGuard<'_, ()>> {
        match self.backend {
            Backend::Sqlite => Some(self.write_gate.lock().await),
            Backend::Postgres => None,
        }
    }

    /// The app's business clock (`crate::clock`): every write's "now".
    pub fn clock(&self) -> &crate::clock::Clock {
        &self.clock
    }

    /// Now on the app's clock, as unix milliseconds.
    pub fn now_ms(&self) -> i64 {
        self.clock.now_ms()
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The secret `name`, made by the first instance that asks (every
    /// instance on the database then reads the same one).
    async fn app_secret(&self, name: &str) -> anyhow::Result<String> {
        sqlx::query("INSERT INTO app_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
            .bind(name)
            .bind(random_token())
            .execute(&self.pool)
            .await
            .context("make an app secret")?;
        let (value,): (String,) = sqlx::query_as("SELECT value FROM app_secrets WHERE name = $1")
            .bind(name)
            .fetch_one(&self.pool)
            .await
            .context("read an app secret")?;
        Ok(value)
    }

    /// The key fan ids are signed with.
    pub fn signing_key(&self) -> &[u8] {
        &self.signing_key
    }

    /// True when the database answers a trivial query.
    #[tracing::instrument(skip(self))]
    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// The URL without its password, for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let creds = &url[scheme + 3..at];
            let user = creds.split(':').next().unwrap_or("");
            format!("{}{user}:***{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.to_owned(),
    }
}

/// 256 random bits as hex: session tokens, CSRF tokens, secrets.
pub fn random_token() -> String {
    hex::encode(rand::random::<[u8; 32]>())
}

/// A fresh app-generated id.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

#[cfg(test)]
mod tests {
    /// A transaction that reads, then writes while a write outside the
    /// gate commits in between, still commits on SQLite (and that write
    /// waits for it rather than failing).
    #[tokio::test]
    async fn a_write_outside_the_gate_never_fails_a_transaction_that_read_first() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("t.db").display());
        let store = super::Store::connect(&url, 4).await.unwrap();
        let mut tx = store.begin().await.unwrap();
        sqlx::query("SELECT count(*) FROM app_secrets").fetch_one(&mut *tx).await.unwrap();
        let pool = store.pool().clone();
        let outside = tokio::spawn(async move {
            sqlx::query("INSERT INTO app_secrets (name, value) VALUES ('outside', 'x')").execute(&pool).await
        });
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        sqlx::query("INSERT INTO app_secrets (name, value) VALUES ('inside', 'y')")
            .execute(&mut *tx)
            .await
            .expect("the transaction's own write");
        tx.commit().await.unwrap();
        outside.await.unwrap().expect("the outside write, after the commit");
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM app_secrets WHERE name IN ('inside', 'outside')")
            .fetch_one(store.pool())
            .await
            .unwrap();
        assert_eq!(n, 2);
    }

    #[test]
    fn redacts_passwords() {
        assert_eq!(super::redact("postgres://u:secret@h:5/db"), "postgres://u:***@h:5/db");
        assert_eq!(super::redact("sqlite://x.db"), "sqlite://x.db");
    }
}

#[cfg(test)]
mod migrator_tests {
    #[test]
    fn every_file_in_migrations_is_a_migration_in_order() {
        assert_eq!(super::MIGRATOR.iter().count(), super::MIGRATION_FILES.len());
        let versions: Vec<i64> = super::MIGRATOR.iter().map(|m| m.version).collect();
        assert!(versions.windows(2).all(|w| w[0] < w[1]), "{versions:?}");
        let first = super::MIGRATOR.iter().next().expect("migrations");
        assert_eq!((first.version, first.description.as_ref()), (20261127000001, "accounts sessions drops"));
    }
}
