//! Settings from environment variables, each with a default that runs popshop
//! locally with nothing to set. The README lists them all.

use secrecy::SecretString;
use std::path::PathBuf;
use std::time::Duration;

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Pretty,
    Json,
}

/// Stripe, when `STRIPE_SECRET_KEY` is set; otherwise the demo checkout runs.
#[derive(Debug, Clone)]
pub struct StripeSettings {
    /// `STRIPE_SECRET_KEY`.
    pub secret_key: SecretString,
    /// `STRIPE_WEBHOOK_SECRET`: signs the events Stripe sends to `/webhooks/stripe`.
    pub webhook_secret: SecretString,
    /// `STRIPE_API_BASE`: Stripe's API address (tests point it at a stub).
    pub api_base: Option<String>,
    /// `STRIPE_TIMEOUT_MS`: per attempt.
    pub timeout: Duration,
    /// `STRIPE_MAX_ATTEMPTS`: tries for a request that fails with 5xx or a timeout.
    pub max_attempts: u32,
    /// `STRIPE_RETRY_BACKOFF_MS`: wait before the second try; doubles each time.
    pub backoff: Duration,
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
    /// QR codes, share cards, payment return pages). Defaults to `http://` + the bound address.
    pub public_url: Option<String>,
    /// `POPSHOP_STATIC_DIR`: css, js and fonts.
    pub static_dir: PathBuf,
    /// `POPSHOP_LOG_FORMAT`: `pretty` or `json`.
    pub log_format: LogFormat,
    pub stripe: Option<StripeSettings>,
    /// `POPSHOP_SHIPPING_COUNTRIES`: ISO codes Stripe Checkout ships to.
    pub shipping_countries: Vec<String>,
    /// `POPSHOP_CHECKOUT_MINUTES`: how long a checkout holds stock (30–1440, Stripe's limits).
    pub checkout_minutes: i64,
    /// `POPSHOP_CHECKOUT_RATE`: checkouts a client may start per minute (0: no limit).
    pub checkout_rate_per_minute: u32,
    /// `POPSHOP_SWEEP_SECONDS`: how often expired reservations are released.
    pub sweep_interval: Duration,
    /// `POPSHOP_EXPIRY_GRACE_SECONDS`: wait past a checkout's expiry for the provider's own event.
    pub expiry_grace: Duration,
    /// `POPSHOP_STREAMS_PER_CLIENT`: live (SSE) streams one IP address may hold open.
    pub streams_per_client: usize,
}

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty()).unwrap_or_else(|| default.to_owned())
}

fn env_number<T: std::str::FromStr>(name: &str, default: T) -> anyhow::Result<T> {
    match std::env::var(name).ok().filter(|v| !v.trim().is_empty()) {
        None => Ok(default),
        Some(v) => v.trim().parse().map_err(|_| anyhow::anyhow!("{name} must be a whole number, not `{v}`")),
    }
}

impl Settings {
    /// Every default, as documented in the README.
    pub fn defaults() -> Self {
        Self {
            addr: "127.0.0.1:8080".into(),
            database_url: "sqlite://popshop.db?mode=rwc".into(),
            db_max_connections: 16,
            public_url: None,
            static_dir: PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/static")),
            log_format: LogFormat::Pretty,
            stripe: None,
            shipping_countries: "US,CA,GB,IE,DE,AT,CH,FR,NL,BE,LU,ES,PT,IT,DK,SE,NO,FI,PL,CZ,AU,NZ"
                .split(',')
                .map(String::from)
                .collect(),
            checkout_minutes: 30,
            checkout_rate_per_minute: 20,
            sweep_interval: Duration::from_secs(30),
            expiry_grace: Duration::from_secs(300),
            streams_per_client: 32,
        }
    }

    pub fn from_env() -> anyhow::Result<Self> {
        let d = Self::defaults();
        let sqlite_path = env_or("POPSHOP_SQLITE_PATH", "popshop.db");
        let log_format = match env_or("POPSHOP_LOG_FORMAT", "pretty").as_str() {
            "json" => LogFormat::Json,
            "pretty" => LogFormat::Pretty,
            other => anyhow::bail!("POPSHOP_LOG_FORMAT must be `pretty` or `json`, not `{other}`"),
        };
        let stripe = match std::env::var("STRIPE_SECRET_KEY").ok().filter(|k| !k.trim().is_empty()) {
            None => None,
            Some(key) => Some(StripeSettings {
                secret_key: SecretString::from(key),
                webhook_secret: SecretString::from(std::env::var("STRIPE_WEBHOOK_SECRET").ok().filter(|s| !s.is_empty()).ok_or_else(
                    || anyhow::anyhow!("STRIPE_WEBHOOK_SECRET must be set when STRIPE_SECRET_KEY is (see the webhook endpoint in Stripe's dashboard)"),
                )?),
                api_base: std::env::var("STRIPE_API_BASE").ok().filter(|s| !s.is_empty()),
                timeout: Duration::from_millis(env_number("STRIPE_TIMEOUT_MS", 10_000)?),
                max_attempts: env_number("STRIPE_MAX_ATTEMPTS", 3)?,
                backoff: Duration::from_millis(env_number("STRIPE_RETRY_BACKOFF_MS", 250)?),
            }),
        };
        let countries = env_or("POPSHOP_SHIPPING_COUNTRIES", &d.shipping_countries.join(","));
        Ok(Self {
            addr: env_or("POPSHOP_ADDR", &d.addr),
            database_url: env_or("DATABASE_URL", &format!("sqlite://{sqlite_path}?mode=rwc")),
            db_max_connections: env_number("POPSHOP_DB_MAX_CONNECTIONS", d.db_max_connections)?,
            public_url: std::env::var("POPSHOP_PUBLIC_URL").ok().map(|u| u.trim_end_matches('/').to_owned()),
            static_dir: std::env::var("POPSHOP_STATIC_DIR").map(PathBuf::from).unwrap_or(d.static_dir),
            log_format,
            stripe,
            shipping_countries: countries
                .split(',')
                .map(|c| c.trim().to_ascii_uppercase())
                .filter(|c| c.len() == 2)
                .collect(),
            checkout_minutes: env_number("POPSHOP_CHECKOUT_MINUTES", d.checkout_minutes)?.clamp(30, 1440),
            checkout_rate_per_minute: env_number("POPSHOP_CHECKOUT_RATE", d.checkout_rate_per_minute)?,
            sweep_interval: Duration::from_secs(env_number("POPSHOP_SWEEP_SECONDS", 30)?.max(1)),
            expiry_grace: Duration::from_secs(env_number("POPSHOP_EXPIRY_GRACE_SECONDS", 300)?),
            streams_per_client: env_number("POPSHOP_STREAMS_PER_CLIENT", d.streams_per_client)?,
        })
    }

    /// Cookies get the `Secure` flag when popshop is served over https.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.as_deref().is_some_and(|u| u.starts_with("https://"))
    }
}
