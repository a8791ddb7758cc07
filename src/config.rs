//! Settings from environment variables, each with a default that runs popshop
//! locally with nothing to set. The README lists them all.

use std::path::PathBuf;

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Pretty,
    Json,
}

#[derive(Debug, Clone)]
pub struct Settings {
    /// `POPSHOP_ADDR`: address to listen on (port 0 picks a free port).
    pub addr: String,
    /// `DATABASE_URL`: `postgres://…` or `sqlite://…`; defaults to the SQLite file below.
    pub database_url: String,
    /// `POPSHOP_DB_MAX_CONNECTIONS`: pool size.
    pub db_max_connections: u32,
    /// `POPSHOP_PUBLIC_URL`: how the outside world reaches this server (links,
    /// QR codes, share cards). Defaults to `http://` + the bound address.
    pub public_url: Option<String>,
    /// `POPSHOP_STATIC_DIR`: css, js and fonts.
    pub static_dir: PathBuf,
    /// `POPSHOP_LOG_FORMAT`: `pretty` or `json`.
    pub log_format: LogFormat,
}

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name)
        .ok()
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| default.to_owned())
}

impl Settings {
    pub fn from_env() -> anyhow::Result<Self> {
        let sqlite_path = env_or("POPSHOP_SQLITE_PATH", "popshop.db");
        let database_url = env_or("DATABASE_URL", &format!("sqlite://{sqlite_path}?mode=rwc"));
        let db_max_connections = env_or("POPSHOP_DB_MAX_CONNECTIONS", "16")
            .parse()
            .map_err(|_| anyhow::anyhow!("POPSHOP_DB_MAX_CONNECTIONS must be a whole number"))?;
        let log_format = match env_or("POPSHOP_LOG_FORMAT", "pretty").as_str() {
            "json" => LogFormat::Json,
            "pretty" => LogFormat::Pretty,
            other => anyhow::bail!("POPSHOP_LOG_FORMAT must be `pretty` or `json`, not `{other}`"),
        };
        Ok(Self {
            addr: env_or("POPSHOP_ADDR", "127.0.0.1:8080"),
            database_url,
            db_max_connections,
            public_url: std::env::var("POPSHOP_PUBLIC_URL")
                .ok()
                .map(|u| u.trim_end_matches('/').to_owned()),
            static_dir: PathBuf::from(env_or(
                "POPSHOP_STATIC_DIR",
                concat!(env!("CARGO_MANIFEST_DIR"), "/static"),
            )),
            log_format,
        })
    }

    /// Cookies get the `Secure` flag when popshop is served over https.
    pub fn secure_cookies(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }
}
