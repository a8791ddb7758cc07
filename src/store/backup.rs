//! Copies of the SQLite database (issue 24): `popshop backup FILE` while the
//! server runs (SQLite's `VACUUM INTO`: one read transaction, so the copy
//! is one consistent moment), and `popshop restore FILE`, which checks the
//! copy and refuses while a server has the database open. PostgreSQL is
//! backed up with its own tools (`pg_dump`; docs/operations.md).

use super::MIGRATOR;
use anyhow::{Context, bail};
use sqlx::ConnectOptions;
use sqlx::sqlite::SqliteConnectOptions;
use std::fs::File;
use std::path::{Path, PathBuf};

/// What a checked copy holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyReport {
    pub path: PathBuf,
    pub bytes: u64,
    /// The newest migration in it.
    pub migration: i64,
    pub drops: i64,
    pub orders: i64,
}

/// The database file of a `sqlite://…` (or `sqlite:…`) URL; `None` for
/// PostgreSQL and for in-memory databases.
pub fn sqlite_path(url: &str) -> Option<PathBuf> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && !path.contains(":memory:")).then(|| PathBuf::from(path))
}

/// Refuses PostgreSQL with what to use instead.
fn sqlite_only(url: &str, what: &str) -> anyhow::Result<PathBuf> {
    if url.starts_with("postgres") {
        bail!(
            "popshop {what} works on the embedded SQLite database; this one is PostgreSQL. Use PostgreSQL's own \
             tools: `pg_dump --format=custom --file=popshop.dump \"$DATABASE_URL\"` to back up, and `pg_restore \
             --clean --dbname=\"$DATABASE_URL\" popshop.dump` to restore (docs/operations.md)."
        );
    }
    sqlite_path(url).ok_or_else(|| anyhow::anyhow!("DATABASE_URL is not a SQLite file: {}", super::redact(url)))
}

/// The file a serving popshop holds a shared lock on, beside the database.
fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_owned();
    name.push(".serving");
    db.with_file_name(name)
}

/// Opens (creating) the lock file of the database at `db`.
fn open_lock(db: &Path) -> anyhow::Result<(File, PathBuf)> {
    let path = lock_path(db);
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("cannot open {}", path.display()))?;
    Ok((file, path))
}

/// Held by a running server (`startup`) for as long as it serves a SQLite
/// database: `restore` takes the lock exclusively, so it cannot replace a
/// database under a running server. Several servers in one process (tests)
/// share it.
#[derive(Debug)]
pub struct ServingLock {
    _file: File,
}

/// Takes the serving lock for the database of `url` (nothing on PostgreSQL).
pub fn serving_lock(url: &str) -> anyhow::Result<Option<ServingLock>> {
    let Some(db) = sqlite_path(url) else { return Ok(None) };
    let (file, path) = open_lock(&db)?;
    match file.try_lock_shared() {
        Ok(()) => Ok(Some(ServingLock { _file: file })),
        Err(std::fs::TryLockError::WouldBlock) => {
            bail!(
                "{} is being restored (popshop restore holds {}); start popshop when it is done",
                db.display(),
                path.display()
            )
        }
        Err(std::fs::TryLockError::Error(e)) => Err(e).with_context(|| format!("cannot lock {}", path.display())),
    }
}

/// Writes a consistent copy of the database of `url` to `dest` while it
/// serves, then checks the copy.
pub async fn backup(url: &str, dest: &Path) -> anyhow::Result<CopyReport> {
    let db = sqlite_only(url, "backup")?;
    if !db.exists() {
        bail!("there is no database at {} to back up", db.display());
    }
    if dest.exists() {
        bail!("{} exists already; popshop backup never overwrites a file (choose a new name)", dest.display());
    }
    let dest_text = dest.to_str().ok_or_else(|| anyhow::anyhow!("the backup path is not valid UTF-8"))?;
    let mut conn = SqliteConnectOptions::new()
        .filename(&db)
        .busy_timeout(std::time::Duration::from_secs(30))
        .connect()
        .await
        .with_context(|| format!("cannot open {}", db.display()))?;
    // One read transaction: every committed write before it, none after.
    sqlx::query("VACUUM INTO $1")
        .bind(dest_text)
        .execute(&mut conn)
        .await
        .with_context(|| format!("cannot write the backup to {}", dest.display()))?;
    check_copy(dest).await
}

/// Checks that `path` is a whole popshop database this version can run:
/// SQLite's `integrity_check` passes and its migrations are ones this
/// popshop knows.
pub async fn check_copy(path: &Path) -> anyhow::Result<CopyReport> {
    if !path.is_file() {
        bail!("{} is not a file", path.display());
    }
    let mut conn = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .connect()
        .await
        .with_context(|| format!("{} is not a SQLite database", path.display()))?;
    let integrity: Vec<(String,)> = sqlx::query_as("PRAGMA integrity_check")
        .fetch_all(&mut conn)
        .await
        .with_context(|| format!("{} is not a SQLite database", path.display()))?;
    if integrity.first().map(|(r,)| r.as_str()) != Some("ok") {
        let problems: Vec<String> = integrity.into_iter().take(5).map(|(r,)| r).collect();
        bail!("{} fails SQLite's integrity check: {}", path.display(), problems.join("; "));
    }
    let migration: Option<(Option<i64>,)> =
        sqlx::query_as("SELECT MAX(version) FROM _sqlx_migrations WHERE success = TRUE")
            .fetch_optional(&mut conn)
            .await
            .ok()
            .flatten();
    let Some((Some(migration),)) = migration else {
        bail!("{} is a SQLite database but not popshop's (it has no migrations table)", path.display());
    };
    let newest = MIGRATOR.iter().map(|m| m.version).max().unwrap_or_default();
    if migration > newest {
        bail!(
            "{} was written by a newer popshop (migration {migration}; this one knows up to {newest}); restore it \
             with that version",
            path.display()
        );
    }
    let (drops,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM drops").fetch_one(&mut conn).await?;
    let (orders,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM orders").fetch_one(&mut conn).await?;
    let bytes = std::fs::metadata(path)?.len();
    Ok(CopyReport { path: path.to_owned(), bytes, migration, drops, orders })
}

/// Replaces the database of `url` with the checked copy at `source`. Refuses
/// while a server has the database open; keeps the database it replaces
/// beside it (`….before-restore-{ms}`). Returns the report of the copy and
/// where the old database went.
pub async fn restore(url: &str, source: &Path, now_ms: i64) -> anyhow::Result<(CopyReport, Option<PathBuf>)> {
    let db = sqlite_only(url, "restore")?;
    let report = check_copy(source).await?;
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let (lock_file, lock) = open_lock(&db)?;
    if lock_file.try_lock().is_err() {
        bail!("a popshop server is running on {} (it holds {}); stop it, then restore", db.display(), lock.display());
    }
    // The copy goes in beside the database first, then one rename puts it
    // in place: never half a database.
    let staged = db.with_extension("restoring");
    std::fs::copy(source, &staged).with_context(|| format!("cannot copy {}", source.display()))?;
    File::open(&staged)?.sync_all()?;
    let kept = if db.exists() {
        let mut name = db.file_name().unwrap_or_default().to_owned();
        name.push(format!(".before-restore-{now_ms}"));
        let kept = db.with_file_name(name);
        std::fs::rename(&db, &kept).with_context(|| format!("cannot move {} aside", db.display()))?;
        Some(kept)
    } else {
        None
    };
    // The old database's write-ahead log belongs to it, not to the copy.
    for suffix in ["-wal", "-shm"] {
        let mut name = db.file_name().unwrap_or_default().to_owned();
        name.push(suffix);
        let side = db.with_file_name(name);
        if let Some(kept) = &kept
            && side.exists()
        {
            let mut moved = kept.file_name().unwrap_or_default().to_owned();
            moved.push(suffix);
            std::fs::rename(&side, kept.with_file_name(moved))?;
        }
    }
    std::fs::rename(&staged, &db).with_context(|| format!("cannot put the copy in place at {}", db.display()))?;
    drop(lock_file);
    Ok((CopyReport { path: db, ..report }, kept))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_name_their_file() {
        assert_eq!(sqlite_path("sqlite://popshop.db?mode=rwc"), Some(PathBuf::from("popshop.db")));
        assert_eq!(sqlite_path("sqlite:///var/lib/popshop/p.db"), Some(PathBuf::from("/var/lib/popshop/p.db")));
        assert_eq!(sqlite_path("sqlite::memory:"), None);
        assert_eq!(sqlite_path("postgres://u@h/db"), None);
    }
}
