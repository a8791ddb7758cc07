//! Settings from environment variables, each with a default that runs popshop
//! locally with nothing to set. The README lists them all.

use secrecy::{ExposeSecret, SecretString};
use std::path::PathBuf;
use std::time::Duration;

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Pretty,
    Json,
}

/// Which header the trusted proxies write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ForwardedHeader {
    #[default]
    XForwardedFor,
    Forwarded,
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
    /// `STRIPE_CONNECT=on`: every artist connects their own Stripe account
    /// (Express) and is paid directly, popshop keeping this fee
    /// (`POPSHOP_FEE_PERCENT`, e.g. `5` or `2.5`, and `POPSHOP_FEE_FIXED` in
    /// minor units, e.g. `30`; both 0 unless set). `None`: the server's own
    /// Stripe account takes the money (one artist running their own popshop).
    pub connect: Option<crate::domain::Fee>,
    /// `STRIPE_CONNECT_WEBHOOK_SECRET`: signs the events of connected
    /// accounts (`account.updated`), which Stripe sends from a webhook
    /// endpoint of their own ("Events on Connected accounts"), with its own secret.
    pub connect_webhook_secret: Option<SecretString>,
}

/// Printful, when `PRINTFUL_TOKEN` is set: drops launched then are printed
/// and shipped by Printful (docs/production.md).
#[derive(Debug, Clone)]
pub struct PrintfulSettings {
    /// `PRINTFUL_TOKEN`: a private token (Printful's developer portal) with
    /// the `orders` and `webhooks` scopes.
    pub token: SecretString,
    /// `PRINTFUL_STORE_ID`: the store the orders go to (sent as
    /// `X-PF-Store-Id`; needed with an account-level token).
    pub store_id: Option<String>,
    /// `PRINTFUL_API_BASE`: Printful's API address (tests point it at a stand-in).
    pub api_base: String,
    /// `PRINTFUL_WEBHOOK_SECRET`: the `secret_key` (hex) Printful returned
    /// when the webhook was set up; signs the events it sends to `/webhooks/printful`.
    pub webhook_secret: SecretString,
    /// `PRINTFUL_TIMEOUT_MS`: per request.
    pub timeout: Duration,
    /// `PRINTFUL_POLL_MS`: how often paid orders due at Printful are looked for.
    pub poll: Duration,
    /// `PRINTFUL_RATE`: requests a minute popshop sends Printful, in bursts
    /// of as many (Printful's documented policy: 120 a minute, "120;w=60");
    /// 0 sends as fast as Printful answers (benchmarks).
    pub rate_per_minute: u32,
    /// `PRINTFUL_RETRY_MS`: the first wait after Printful could not be
    /// reached (doubling each time, at most an hour), and between asks while
    /// it works out an order's costs.
    pub retry: Duration,
}

/// `POPSHOP_FEE_PERCENT` as hundredths of a percent ("2.5" → 250).
fn fee_basis_points(text: &str) -> anyhow::Result<i64> {
    let percent: f64 = text
        .trim()
        .parse()
        .map_err(|_| anyhow::anyhow!("POPSHOP_FEE_PERCENT must be a number like 5 or 2.5, not `{text}`"))?;
    anyhow::ensure!((0.0..=50.0).contains(&percent), "POPSHOP_FEE_PERCENT must be between 0 and 50, not {percent}");
    Ok((percent * 100.0).round() as i64)
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
    /// `POPSHOP_MAIL_FROM`: who popshop's mail comes from, e.g.
    /// `popshop <shop@example.com>`; its domain names the Message-IDs.
    pub mail_from: String,
    /// `POPSHOP_SMTP_URL`: the mail server, `smtp://host:port` (plain, a
    /// local relay), `smtp://user:pass@host:587?tls=required` (STARTTLS) or
    /// `smtps://user:pass@host:465` (implicit TLS). None: `.eml` files.
    pub smtp_url: Option<secrecy::SecretString>,
    /// Where `.eml` files go while no mail server is set: `mail/` next to a
    /// SQLite database file, else `./mail` (`POPSHOP_MAIL_DIR` overrides).
    pub mail_dir: Option<PathBuf>,
    /// `POPSHOP_MAIL_SENDER=off`: this instance writes mail to the outbox
    /// but sends none (another instance does; or a benchmark's baseline).
    pub mail_sender: bool,
    /// `POPSHOP_HOLD_MINUTES`: how long a checkout holds stock (1–29). Shorter
    /// than any Stripe session can live, so popshop expires the session
    /// through Stripe's API before it gives the stock back.
    pub hold_minutes: i64,
    /// `POPSHOP_CHECKOUT_MINUTES`: how long Stripe's checkout page lives,
    /// counted from when Stripe creates it (clamped to 31–1439: a minute
    /// inside Stripe's 30 min–24 h).
    pub checkout_minutes: i64,
    /// `POPSHOP_CHECKOUT_RATE`: checkouts a client may start per minute (0: no limit).
    pub checkout_rate_per_minute: u32,
    /// `POPSHOP_HOLDS_PER_CLIENT`: unpaid checkouts' worth of shirts (each
    /// the drop's most per order) one client may hold per drop.
    pub holds_per_client: i64,
    /// `POPSHOP_HOLD_SHARE_PERCENT`: of a limited drop, one client may hold
    /// at most this share of the stock (at most 10 shirts, at least one
    /// full order); 0 turns it off.
    pub hold_share_percent: i64,
    /// `POPSHOP_SWEEP_SECONDS`: how often expired holds are released.
    pub sweep_interval: Duration,
    /// `POPSHOP_STREAMS_PER_CLIENT`: live (SSE) streams one client may hold open.
    pub streams_per_client: usize,
    /// `POPSHOP_MAX_CONNECTIONS`: open connections served at once; the next
    /// one gets a short 503 and is closed. Default: the open-files limit
    /// (raised to its hard limit at start) less 256 for the database,
    /// mail and files.
    pub max_connections: usize,
    /// `POPSHOP_MAX_STREAMS`: live streams open at once, all clients
    /// together (503 beyond). Default: the connections less a quarter of
    /// them, at most 1,000, kept for pages and checkouts.
    pub max_streams: usize,
    /// `POPSHOP_HEAD_SECONDS`: how long a new connection may take to send
    /// its first bytes (closed after), and then the rest of its request's
    /// head (408 after): at most twice this in all.
    pub head_timeout: Duration,
    /// `POPSHOP_BODY_SECONDS`: how long a request's body may take to arrive
    /// (408 after).
    pub body_timeout: Duration,
    /// `POPSHOP_TRUSTED_PROXIES`: proxies (CIDRs) whose `X-Forwarded-For` /
    /// `Forwarded` header names the client.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// `POPSHOP_FORWARDED_HEADER`: the header those proxies write,
    /// `x-forwarded-for` (nginx's default) or `forwarded` (RFC 7239).
    pub forwarded_header: ForwardedHeader,
    /// `POPSHOP_DEMO`: run the demo checkout even on an https address.
    pub demo_allowed: bool,
    /// `POPSHOP_HASH_SLOTS`: password hashes computed at once (19 MiB each).
    pub hash_slots: usize,
    /// `POPSHOP_SIGNUP_RATE`: accounts one client may create per hour (0: no limit).
    pub signup_rate_per_hour: u32,
    /// `POPSHOP_LAUNCH_RATE`: drops one client may launch per hour (0: no limit).
    pub launch_rate_per_hour: u32,
    /// `POPSHOP_PREVIEW_RATE`: preview shirts one client may have drawn per
    /// minute while typing a slogan (0: no limit).
    pub preview_rate_per_minute: u32,
    /// `POPSHOP_IDEA_RATE`: ideas one client may send to open calls per
    /// minute (each is drawn as a shirt; 0: no limit).
    pub idea_rate_per_minute: u32,
    /// `POPSHOP_VOTE_RATE`: votes (and take-backs) one client may cast per
    /// minute (0: no limit).
    pub vote_rate_per_minute: u32,
    /// `POPSHOP_CODE_TRY_RATE`: promo codes one client may try a minute
    /// (*Apply code* and checkout, right or wrong); 0 turns it off.
    pub code_try_rate_per_minute: u32,
    /// `POPSHOP_VOTERS_PER_ADDRESS`: distinct fans (signed fan ids) one
    /// client address may vote with on one call; 0 turns the cap off. A
    /// venue's wifi is one address, so it is generous.
    pub voters_per_address: i64,
    /// `POPSHOP_STRIPE_READ_SECONDS`: an artist's Stripe account is read
    /// from Stripe at most this often (the payouts page shows what popshop
    /// stored in between), and onboarding links are made at most
    /// [`crate::web::limits::STRIPE_LINKS_PER_MINUTE`] a minute per artist;
    /// 0 turns both limits off.
    pub stripe_read_seconds: u64,
    /// `POPSHOP_IDEAS_PER_CALL`: ideas one open call takes in all (bounds
    /// what one call stores and draws; checked before each idea, so a rush
    /// may overshoot by a few).
    pub ideas_per_call: u32,
    pub printful: Option<PrintfulSettings>,
    /// `POPSHOP_STRIPE_TAX=on`: Stripe Tax works out the tax of each
    /// checkout (EUR, GBP and AUD prices include it, USD and CAD add it); the
    /// demo checkout shows the same words and works out none.
    pub stripe_tax: bool,
    /// `POPSHOP_PRODUCTION_DELAY`: minutes a paid order waits before it goes
    /// to Printful (a refund or a changed size costs nothing until then).
    pub production_delay: Duration,
    /// `POPSHOP_OPERATORS`: emails (comma-separated) whose accounts are
    /// operators besides those granted with `popshop admin grant`.
    pub operators: Vec<crate::domain::EmailAddress>,
    /// `POPSHOP_METRICS_TOKEN`: `/metrics` on the shop's own address answers
    /// a scrape that sends `Authorization: Bearer` this token (404 without a
    /// token set).
    pub metrics_token: Option<SecretString>,
    /// `POPSHOP_METRICS_ADDR`: a second address (e.g. `127.0.0.1:9464`)
    /// serving only `/metrics`, for a scraper on a private network.
    pub metrics_addr: Option<String>,
}

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty()).unwrap_or_else(|| default.to_owned())
}

/// Open files this process may hold, less 256 kept for the database pool,
/// mail and files: the connections served at once.
fn default_connections() -> usize {
    let (soft, _) = rlimit::Resource::NOFILE.get().unwrap_or((1024, 1024));
    usize::try_from(soft).unwrap_or(usize::MAX).saturating_sub(256).max(64)
}

/// Of `connections`, a quarter (at most 1,000) is kept for pages and
/// checkouts; live streams may take the rest.
fn default_streams(connections: usize) -> usize {
    connections - (connections / 4).min(1000)
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
            mail_from: "popshop <shop@localhost>".into(),
            mail_dir: None,
            mail_sender: true,
            smtp_url: None,
            hold_minutes: 10,
            checkout_minutes: 31,
            checkout_rate_per_minute: 20,
            holds_per_client: 5,
            hold_share_percent: 5,
            sweep_interval: Duration::from_secs(30),
            streams_per_client: 32,
            max_connections: default_connections(),
            max_streams: default_streams(default_connections()),
            head_timeout: Duration::from_secs(5),
            body_timeout: Duration::from_secs(15),
            trusted_proxies: Vec::new(),
            forwarded_header: ForwardedHeader::XForwardedFor,
            demo_allowed: false,
            hash_slots: std::thread::available_parallelism().map_or(2, |n| n.get()),
            signup_rate_per_hour: 10,
            launch_rate_per_hour: 30,
            preview_rate_per_minute: 240,
            idea_rate_per_minute: 30,
            vote_rate_per_minute: 120,
            code_try_rate_per_minute: 10,
            voters_per_address: 20,
            stripe_read_seconds: 10,
            ideas_per_call: 2_000,
            printful: None,
            stripe_tax: false,
            production_delay: Duration::from_secs(60 * 60),
            operators: Vec::new(),
            metrics_token: None,
            metrics_addr: None,
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
                connect: match env_or("STRIPE_CONNECT", "off").to_ascii_lowercase().as_str() {
                    "on" | "true" | "1" | "yes" => Some(crate::domain::Fee {
                        // With destination charges the platform pays Stripe's
                        // processing fee (and keeps paying it on refunds): the
                        // default fee covers it (docs/stripe.md).
                        basis_points: fee_basis_points(&env_or("POPSHOP_FEE_PERCENT", "5"))?,
                        fixed_minor: env_number("POPSHOP_FEE_FIXED", 30)?,
                    }),
                    "off" | "false" | "0" | "no" | "" => None,
                    other => anyhow::bail!("STRIPE_CONNECT must be `on` or `off`, not `{other}`"),
                },
                connect_webhook_secret: std::env::var("STRIPE_CONNECT_WEBHOOK_SECRET")
                    .ok()
                    .filter(|s| !s.trim().is_empty())
                    .map(SecretString::from),
            }),
        };
        if stripe.is_none()
            && matches!(env_or("STRIPE_CONNECT", "off").to_ascii_lowercase().as_str(), "on" | "true" | "1" | "yes")
        {
            anyhow::bail!(
                "STRIPE_CONNECT=on pays artists through Stripe Connect, which needs STRIPE_SECRET_KEY (your platform account's key) and STRIPE_WEBHOOK_SECRET"
            );
        }
        let printful = match std::env::var("PRINTFUL_TOKEN").ok().filter(|k| !k.trim().is_empty()) {
            None => None,
            Some(token) => Some(PrintfulSettings {
                token: SecretString::from(token.trim().to_owned()),
                store_id: std::env::var("PRINTFUL_STORE_ID")
                    .ok()
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty()),
                api_base: env_or("PRINTFUL_API_BASE", "https://api.printful.com").trim_end_matches('/').to_owned(),
                webhook_secret: std::env::var("PRINTFUL_WEBHOOK_SECRET")
                    .ok()
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .map(|s| {
                        anyhow::ensure!(
                            hex::decode(&s).is_ok_and(|k| !k.is_empty()),
                            "PRINTFUL_WEBHOOK_SECRET must be the secret_key Printful returned (hexadecimal)"
                        );
                        Ok(SecretString::from(s))
                    })
                    .transpose()?
                    .ok_or_else(|| {
                        anyhow::anyhow!(
                            "PRINTFUL_WEBHOOK_SECRET must be set when PRINTFUL_TOKEN is: without Printful's events \
                             no shirt would ever show as shipped (docs/production.md)"
                        )
                    })?,
                timeout: Duration::from_millis(env_number("PRINTFUL_TIMEOUT_MS", 15_000)?),
                poll: Duration::from_millis(env_number("PRINTFUL_POLL_MS", 5_000)?.max(10)),
                retry: Duration::from_millis(env_number("PRINTFUL_RETRY_MS", 30_000)?.max(10)),
                rate_per_minute: env_number("PRINTFUL_RATE", 120)?,
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
            mail_from: env_or("POPSHOP_MAIL_FROM", &d.mail_from),
            mail_dir: std::env::var("POPSHOP_MAIL_DIR").ok().map(PathBuf::from),
            mail_sender: std::env::var("POPSHOP_MAIL_SENDER").map_or(true, |v| !v.trim().eq_ignore_ascii_case("off")),
            smtp_url: std::env::var("POPSHOP_SMTP_URL").ok().filter(|u| !u.trim().is_empty()).map(Into::into),
            shipping_countries: countries
                .split(',')
                .map(|c| c.trim().to_ascii_uppercase())
                .filter(|c| c.len() == 2)
                .collect(),
            hold_minutes: env_number("POPSHOP_HOLD_MINUTES", d.hold_minutes)?.clamp(1, 29),
            checkout_minutes: env_number("POPSHOP_CHECKOUT_MINUTES", d.checkout_minutes)?.clamp(31, 1439),
            checkout_rate_per_minute: env_number("POPSHOP_CHECKOUT_RATE", d.checkout_rate_per_minute)?,
            holds_per_client: env_number("POPSHOP_HOLDS_PER_CLIENT", d.holds_per_client)?.max(1),
            hold_share_percent: env_number("POPSHOP_HOLD_SHARE_PERCENT", d.hold_share_percent)?.clamp(0, 100),
            sweep_interval: Duration::from_secs(env_number("POPSHOP_SWEEP_SECONDS", 30)?.max(1)),
            streams_per_client: env_number("POPSHOP_STREAMS_PER_CLIENT", d.streams_per_client)?,
            max_connections: env_number("POPSHOP_MAX_CONNECTIONS", d.max_connections)?.max(1),
            max_streams: match std::env::var("POPSHOP_MAX_STREAMS").ok().filter(|v| !v.trim().is_empty()) {
                Some(_) => env_number("POPSHOP_MAX_STREAMS", 0)?,
                None => default_streams(env_number("POPSHOP_MAX_CONNECTIONS", d.max_connections)?.max(1)),
            },
            head_timeout: Duration::from_secs(env_number("POPSHOP_HEAD_SECONDS", 5)?.clamp(1, 60)),
            body_timeout: Duration::from_secs(env_number("POPSHOP_BODY_SECONDS", 15)?.clamp(1, 600)),
            trusted_proxies: parse_trusted(&env_or("POPSHOP_TRUSTED_PROXIES", ""))
                .map_err(|e| anyhow::anyhow!("POPSHOP_TRUSTED_PROXIES: {e}"))?,
            forwarded_header: match env_or("POPSHOP_FORWARDED_HEADER", "x-forwarded-for").to_ascii_lowercase().as_str()
            {
                "x-forwarded-for" => ForwardedHeader::XForwardedFor,
                "forwarded" => ForwardedHeader::Forwarded,
                other => {
                    anyhow::bail!("POPSHOP_FORWARDED_HEADER must be `x-forwarded-for` or `forwarded`, not `{other}`")
                }
            },
            demo_allowed: matches!(env_or("POPSHOP_DEMO", "0").as_str(), "1" | "true" | "yes"),
            hash_slots: env_number("POPSHOP_HASH_SLOTS", d.hash_slots)?.max(1),
            signup_rate_per_hour: env_number("POPSHOP_SIGNUP_RATE", d.signup_rate_per_hour)?,
            launch_rate_per_hour: env_number("POPSHOP_LAUNCH_RATE", d.launch_rate_per_hour)?,
            preview_rate_per_minute: env_number("POPSHOP_PREVIEW_RATE", d.preview_rate_per_minute)?,
            idea_rate_per_minute: env_number("POPSHOP_IDEA_RATE", d.idea_rate_per_minute)?,
            vote_rate_per_minute: env_number("POPSHOP_VOTE_RATE", d.vote_rate_per_minute)?,
            code_try_rate_per_minute: env_number("POPSHOP_CODE_TRY_RATE", d.code_try_rate_per_minute)?,
            voters_per_address: env_number("POPSHOP_VOTERS_PER_ADDRESS", d.voters_per_address)?.max(0),
            stripe_read_seconds: env_number("POPSHOP_STRIPE_READ_SECONDS", d.stripe_read_seconds)?,
            printful,
            stripe_tax: match env_or("POPSHOP_STRIPE_TAX", "off").to_ascii_lowercase().as_str() {
                "on" | "true" | "1" | "yes" => true,
                "off" | "false" | "0" | "no" | "" => false,
                other => anyhow::bail!("POPSHOP_STRIPE_TAX must be `on` or `off`, not `{other}`"),
            },
            production_delay: Duration::from_secs(60 * env_number("POPSHOP_PRODUCTION_DELAY", 60u64)?),
            ideas_per_call: env_number("POPSHOP_IDEAS_PER_CALL", d.ideas_per_call)?,
            operators: env_or("POPSHOP_OPERATORS", "")
                .split(',')
                .map(str::trim)
                .filter(|e| !e.is_empty())
                .map(|e| {
                    crate::domain::EmailAddress::parse(e)
                        .map_err(|_| anyhow::anyhow!("POPSHOP_OPERATORS lists `{e}`, which is not an email address"))
                })
                .collect::<anyhow::Result<_>>()?,
            metrics_token: std::env::var("POPSHOP_METRICS_TOKEN")
                .ok()
                .map(|t| t.trim().to_owned())
                .filter(|t| !t.is_empty())
                .map(SecretString::from),
            metrics_addr: std::env::var("POPSHOP_METRICS_ADDR").ok().filter(|a| !a.trim().is_empty()),
        })
    }

    /// Refuses settings that would lose money: the demo checkout (which
    /// marks shirts paid without taking money) on a public https address,
    /// unless `POPSHOP_DEMO=1` says it is meant.
    pub fn check(&self) -> anyhow::Result<()> {
        if self.mail_from.parse::<lettre::message::Mailbox>().is_err() {
            anyhow::bail!(
                "POPSHOP_MAIL_FROM is not an address popshop can send from: {:?} (write it like \
                 `popshop <shop@example.com>`)",
                self.mail_from
            );
        }
        if let Some(stripe) = &self.stripe
            && stripe.connect.is_some()
            && stripe.connect_webhook_secret.is_none()
        {
            anyhow::bail!(
                "STRIPE_CONNECT=on but STRIPE_CONNECT_WEBHOOK_SECRET is not set: artists' Stripe accounts send their \
                 updates (account.updated) from a Connect webhook endpoint with a secret of its own, and without it \
                 popshop never learns that an artist can be paid. Add the endpoint in Stripe's dashboard (\"Events on \
                 Connected accounts\") and set its secret."
            );
        }
        if let Some(token) = &self.metrics_token
            && token.expose_secret().len() < 16
        {
            anyhow::bail!(
                "POPSHOP_METRICS_TOKEN is {} characters; use at least 16 (e.g. `openssl rand -hex 24`): anyone who \
                 guesses it reads the shop's traffic",
                token.expose_secret().len()
            );
        }
        if self.metrics_addr.as_deref().is_some_and(|a| a == self.addr && !a.ends_with(":0")) {
            anyhow::bail!("POPSHOP_METRICS_ADDR is the shop's own address ({}); give metrics another port", self.addr);
        }
        if self.stripe.is_none() && self.secure_cookies() && !self.demo_allowed {
            anyhow::bail!(
                "no STRIPE_SECRET_KEY is set, so popshop would run its demo checkout (shirts marked paid, no money \
                 taken) on the public https address {}. Set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET to take \
                 payments, or POPSHOP_DEMO=1 if a demo is what you want.",
                self.public_url.as_deref().unwrap_or_default()
            );
        }
        Ok(())
    }

    /// The absolute base URL for links that leave the page (share, QR, meta
    /// tags, the payment provider's return pages): `POPSHOP_PUBLIC_URL`, or
    /// the bound address once `startup` has resolved it.
    pub fn base_url(&self) -> &str {
        self.public_url.as_deref().unwrap_or_default()
    }

    /// Cookies get the `Secure` flag when popshop is served over https.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.as_deref().is_some_and(|u| u.starts_with("https://"))
    }
}

/// Parses `POPSHOP_TRUSTED_PROXIES`: CIDRs or single addresses, comma-separated.
pub fn parse_trusted(list: &str) -> Result<Vec<ipnet::IpNet>, String> {
    list.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|item| {
            item.parse::<ipnet::IpNet>()
                .or_else(|_| item.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| format!("`{item}` is not an address or CIDR (like 10.0.0.0/8 or ::1)"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_mode_is_refused_on_a_public_https_address_unless_asked_for() {
        let local = Settings::defaults();
        assert!(local.check().is_ok(), "http://localhost runs the demo");
        let public = Settings { public_url: Some("https://shop.example".into()), ..Settings::defaults() };
        assert!(public.check().unwrap_err().to_string().contains("POPSHOP_DEMO=1"));
        assert!(Settings { demo_allowed: true, ..public }.check().is_ok());
    }
}
