//! What the command-line tool does besides serving (issue 24,
//! docs/operations.md): migrate, back up and restore the SQLite database,
//! grant and revoke operators, and show the effective settings. Each
//! returns the text to print; `main` prints it.

use crate::config::Settings;
use crate::domain::EmailAddress;
use crate::store::backup::{self, CopyReport};
use crate::store::{Audit, Store, redact};
use std::fmt::Write;
use std::path::Path;

/// Sets the gauges a scrape reads at that moment: the live audience, the
/// background queues, the database pool, the `LISTEN` connection.
pub async fn observe(store: &Store, live: &crate::live::Live, print_delay: std::time::Duration) {
    let (topics, viewers) = live.hub.audience();
    metrics::gauge!("popshop_live_topics").set(topics as f64);
    metrics::gauge!("popshop_live_viewers").set(viewers as f64);
    metrics::gauge!("popshop_live_streams").set(live.streams.total() as f64);
    let print_due_before = store.now_ms() - i64::try_from(print_delay.as_millis()).unwrap_or(i64::MAX);
    match store.backlog(print_due_before).await {
        Ok(backlog) => {
            metrics::gauge!("popshop_outbox_backlog").set(backlog.mail as f64);
            metrics::gauge!("popshop_outbox_oldest_seconds").set(backlog.mail_oldest_due_ms as f64 / 1000.0);
            metrics::gauge!("popshop_print_backlog").set(backlog.print as f64);
        }
        Err(e) => tracing::warn!(error = %e, "could not read the queues for /metrics"),
    }
    let (in_use, idle, max) = store.pool_connections();
    metrics::gauge!("popshop_db_pool_connections", "state" => "in_use").set(f64::from(in_use));
    metrics::gauge!("popshop_db_pool_connections", "state" => "idle").set(f64::from(idle));
    metrics::gauge!("popshop_db_pool_connections", "state" => "max").set(f64::from(max));
    metrics::gauge!("popshop_db_pool_waiting").set(store.waiting_to_write() as f64);
    metrics::gauge!("popshop_db_listen_up").set(if store.hears_every_change() { 1.0 } else { 0.0 });
}

/// Who the audit log names for what the command-line tool does.
pub const CLI_ACTOR: &str = "cli";

async fn open(settings: &Settings) -> anyhow::Result<Store> {
    Store::connect(&settings.database_url, 2).await
}

/// Applies the migrations this popshop carries (the server does it too on
/// start; this is for deploys that migrate first).
pub async fn migrate(settings: &Settings) -> anyhow::Result<String> {
    let store = open(settings).await?;
    store.close().await;
    Ok(format!("{} is up to date with this popshop's migrations", redact(&settings.database_url)))
}

fn describe_copy(what: &str, report: &CopyReport) -> String {
    format!(
        "{what} {} ({} bytes, migration {}, {} drops, {} orders); SQLite's integrity check passed",
        report.path.display(),
        report.bytes,
        report.migration,
        report.drops,
        report.orders
    )
}

pub async fn backup(settings: &Settings, file: &Path) -> anyhow::Result<String> {
    let report = backup::backup(&settings.database_url, file).await?;
    Ok(describe_copy("wrote", &report))
}

pub async fn restore(settings: &Settings, file: &Path) -> anyhow::Result<String> {
    let now = crate::clock::Clock::default().now_ms();
    let (report, kept) = backup::restore(&settings.database_url, file, now).await?;
    let mut out = describe_copy("restored", &report);
    if let Some(kept) = kept {
        let _ = write!(out, "\nthe database it replaced is kept at {}", kept.display());
    }
    Ok(out)
}

/// `admin grant EMAIL` (`operator` true) and `admin revoke EMAIL`.
pub async fn set_operator(settings: &Settings, email: &str, operator: bool) -> anyhow::Result<String> {
    let email = EmailAddress::parse(email).map_err(|_| anyhow::anyhow!("`{email}` is not an email address"))?;
    let store = open(settings).await?;
    let action = if operator { "grant" } else { "revoke" };
    let audit = Audit { actor: CLI_ACTOR, action, target_kind: "account", target: email.as_str(), reason: "" };
    let found = store.set_operator(&email, operator, audit).await?;
    store.close().await;
    anyhow::ensure!(found, "there is no account for {email}: it signs up first, then it can be made an operator");
    let listed = settings.operators.contains(&email);
    Ok(match (operator, listed) {
        (true, _) => format!("{email} is an operator"),
        (false, false) => format!("{email} is no longer an operator"),
        (false, true) => format!(
            "{email} is no longer an operator in the database, but POPSHOP_OPERATORS still lists it: remove it there too"
        ),
    })
}

/// `admin list`: every operator, and where its rights come from.
pub async fn list_operators(settings: &Settings) -> anyhow::Result<String> {
    let store = open(settings).await?;
    let granted = store.operator_emails().await?;
    store.close().await;
    let mut lines: Vec<String> = granted.iter().map(|e| format!("{e}\tgranted")).collect();
    for email in &settings.operators {
        if !granted.iter().any(|g| g == email.as_str()) {
            lines.push(format!("{email}\tPOPSHOP_OPERATORS"));
        }
    }
    if lines.is_empty() {
        return Ok("no operators yet: `popshop admin grant EMAIL` makes one".to_owned());
    }
    Ok(lines.join("\n"))
}

/// `check-config`: the effective settings, by the variable that sets each,
/// secrets masked. Contradictions fail before this is reached
/// (`Settings::from_env`, `Settings::check`).
pub fn describe(settings: &Settings) -> String {
    let secret = |set: bool| if set { "set (hidden)".to_owned() } else { "not set".to_owned() };
    let on = |b: bool| if b { "on".to_owned() } else { "off".to_owned() };
    let secs = |d: std::time::Duration| format!("{} s", d.as_secs());
    let mut rows: Vec<(&str, String)> = vec![
        ("POPSHOP_ADDR", settings.addr.clone()),
        ("DATABASE_URL", redact(&settings.database_url)),
        ("POPSHOP_DB_MAX_CONNECTIONS", settings.db_max_connections.to_string()),
        ("POPSHOP_PUBLIC_URL", settings.public_url.clone().unwrap_or_else(|| "(the bound address)".into())),
        ("POPSHOP_STATIC_DIR", settings.static_dir.display().to_string()),
        ("POPSHOP_LOG_FORMAT", format!("{:?}", settings.log_format).to_lowercase()),
        ("payments", if settings.stripe.is_some() { "Stripe".into() } else { "demo checkout (no money taken)".into() }),
        ("POPSHOP_SHIPPING_COUNTRIES", settings.shipping_countries.join(",")),
        ("POPSHOP_MAIL_FROM", settings.mail_from.clone()),
        ("POPSHOP_SMTP_URL", secret(settings.smtp_url.is_some())),
        ("POPSHOP_MAIL_DIR", settings.mail_dir.as_ref().map_or("not set".into(), |d| d.display().to_string())),
        ("POPSHOP_MAIL_SENDER", on(settings.mail_sender)),
        ("POPSHOP_HOLD_MINUTES", settings.hold_minutes.to_string()),
        ("POPSHOP_CHECKOUT_MINUTES", settings.checkout_minutes.to_string()),
        ("POPSHOP_CHECKOUT_RATE", settings.checkout_rate_per_minute.to_string()),
        ("POPSHOP_HOLDS_PER_CLIENT", settings.holds_per_client.to_string()),
        ("POPSHOP_HOLD_SHARE_PERCENT", settings.hold_share_percent.to_string()),
        ("POPSHOP_SWEEP_SECONDS", secs(settings.sweep_interval)),
        ("POPSHOP_STREAMS_PER_CLIENT", settings.streams_per_client.to_string()),
        ("POPSHOP_MAX_CONNECTIONS", settings.max_connections.to_string()),
        ("POPSHOP_MAX_STREAMS", settings.max_streams.to_string()),
        ("POPSHOP_HEAD_SECONDS", secs(settings.head_timeout)),
        ("POPSHOP_BODY_SECONDS", secs(settings.body_timeout)),
        (
            "POPSHOP_TRUSTED_PROXIES",
            settings.trusted_proxies.iter().map(ToString::to_string).collect::<Vec<_>>().join(","),
        ),
        ("POPSHOP_FORWARDED_HEADER", format!("{:?}", settings.forwarded_header)),
        ("POPSHOP_DEMO", on(settings.demo_allowed)),
        ("POPSHOP_HASH_SLOTS", settings.hash_slots.to_string()),
        ("POPSHOP_SIGNUP_RATE", settings.signup_rate_per_hour.to_string()),
        ("POPSHOP_LAUNCH_RATE", settings.launch_rate_per_hour.to_string()),
        ("POPSHOP_PREVIEW_RATE", settings.preview_rate_per_minute.to_string()),
        ("POPSHOP_IDEA_RATE", settings.idea_rate_per_minute.to_string()),
        ("POPSHOP_VOTE_RATE", settings.vote_rate_per_minute.to_string()),
        ("POPSHOP_CODE_TRY_RATE", settings.code_try_rate_per_minute.to_string()),
        ("POPSHOP_VOTERS_PER_ADDRESS", settings.voters_per_address.to_string()),
        ("POPSHOP_STRIPE_READ_SECONDS", settings.stripe_read_seconds.to_string()),
        ("POPSHOP_IDEAS_PER_CALL", settings.ideas_per_call.to_string()),
        ("POPSHOP_STRIPE_TAX", on(settings.stripe_tax)),
        ("POPSHOP_PRODUCTION_DELAY", format!("{} min", settings.production_delay.as_secs() / 60)),
        ("POPSHOP_METRICS_TOKEN", secret(settings.metrics_token.is_some())),
        ("POPSHOP_METRICS_ADDR", settings.metrics_addr.clone().unwrap_or_else(|| "not set".into())),
        ("POPSHOP_OPERATORS", settings.operators.iter().map(ToString::to_string).collect::<Vec<_>>().join(",")),
    ];
    if let Some(stripe) = &settings.stripe {
        rows.extend([
            ("STRIPE_SECRET_KEY", secret(true)),
            ("STRIPE_WEBHOOK_SECRET", secret(true)),
            ("STRIPE_API_BASE", stripe.api_base.clone().unwrap_or_else(|| "Stripe".into())),
            ("STRIPE_CONNECT", on(stripe.connect.is_some())),
            ("STRIPE_CONNECT_WEBHOOK_SECRET", secret(stripe.connect_webhook_secret.is_some())),
        ]);
        if let Some(fee) = stripe.connect {
            rows.push(("POPSHOP_FEE_PERCENT", format!("{}", fee.basis_points as f64 / 100.0)));
            rows.push(("POPSHOP_FEE_FIXED", fee.fixed_minor.to_string()));
        }
    }
    match &settings.printful {
        Some(printful) => rows.extend([
            ("PRINTFUL_TOKEN", secret(true)),
            ("PRINTFUL_STORE_ID", printful.store_id.clone().unwrap_or_else(|| "not set".into())),
            ("PRINTFUL_API_BASE", printful.api_base.clone()),
            ("PRINTFUL_WEBHOOK_SECRET", secret(true)),
            ("PRINTFUL_RATE", printful.rate_per_minute.to_string()),
        ]),
        None => rows.push(("PRINTFUL_TOKEN", "not set (no printer orders)".into())),
    }
    let width = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    let mut out = String::new();
    for (name, value) in rows {
        let value = if value.is_empty() { "(none)".to_owned() } else { value };
        let _ = writeln!(out, "{name:<width$}  {value}");
    }
    out.push_str("the settings hang together");
    out
}
