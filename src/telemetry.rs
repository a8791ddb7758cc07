//! Structured logs with `tracing`: human-readable by default, JSON on request.
//! `RUST_LOG` filters (default `info`). Metrics through the `metrics` facade,
//! rendered for Prometheus (issue 24, docs/operations.md).

use crate::config::LogFormat;
use tracing_subscriber::EnvFilter;

pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_target(false);
    // `try_init`: tests start many apps in one process; only the first installs.
    let _ = match format {
        LogFormat::Json => builder.json().flatten_event(true).with_current_span(true).try_init(),
        LogFormat::Pretty => builder.try_init(),
    };
}

/// The Prometheus recorder behind the `metrics` macros, installed once per
/// process (tests run many apps in one; they share it). `/metrics` renders
/// it (`routes::metrics`).
pub fn prometheus() -> &'static metrics_exporter_prometheus::PrometheusHandle {
    static HANDLE: std::sync::OnceLock<metrics_exporter_prometheus::PrometheusHandle> = std::sync::OnceLock::new();
    HANDLE.get_or_init(|| {
        use metrics_exporter_prometheus::{Matcher, PrometheusBuilder};
        // Request latencies from 1 ms (a cached storefront) to 10 s (a
        // Stripe call retried); the pages' own work is under 50 ms.
        let buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];
        let recorder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), &buckets)
            .map(PrometheusBuilder::build_recorder)
            .unwrap_or_else(|_| PrometheusBuilder::new().build_recorder());
        let handle = recorder.handle();
        // Another recorder may be installed already (a test's); this one
        // still renders what is recorded through it.
        let _ = metrics::set_global_recorder(recorder);
        describe();
        handle
    })
}

/// Every metric's help text and unit, as Prometheus shows them.
fn describe() {
    use metrics::{Unit, describe_counter, describe_gauge, describe_histogram};
    describe_counter!("popshop_http_requests_total", "HTTP requests answered, by route pattern, method and status");
    describe_histogram!(
        "popshop_http_request_duration_seconds",
        Unit::Seconds,
        "Time from a request's arrival to its answer, by route pattern"
    );
    describe_counter!(
        "popshop_checkouts_total",
        "Checkouts by result: started (stock held), paid, refused (sold out, limits, codes), failed (the provider)"
    );
    describe_counter!("popshop_webhook_events_total", "Webhook events by provider, type and result");
    describe_gauge!("popshop_live_streams", "Open live streams (storefront totals, dashboards, boards)");
    describe_gauge!("popshop_live_topics", "Drops and calls somebody is watching live on this instance");
    describe_gauge!("popshop_live_viewers", "Viewers of those drops and calls on this instance");
    describe_gauge!("popshop_outbox_backlog", "Mails waiting to be sent (due now or retrying)");
    describe_gauge!("popshop_outbox_oldest_seconds", Unit::Seconds, "Age of the oldest mail due and not yet sent");
    describe_gauge!("popshop_print_backlog", "Paid orders due at the printer and not yet placed");
    describe_gauge!(
        "popshop_task_last_run_timestamp_seconds",
        Unit::Seconds,
        "When each background task (sweep, mail, printer) last finished a round, as Unix time"
    );
    describe_gauge!("popshop_db_pool_connections", "Database connections by state (in_use, idle) and the maximum");
    describe_gauge!(
        "popshop_db_pool_waiting",
        "Tasks waiting for a database connection to begin a write transaction (checkouts, payments, launches)"
    );
    describe_gauge!("popshop_db_listen_up", "1 while this instance's PostgreSQL LISTEN connection is up (1 on SQLite)");
}

/// Marks that background task `task` finished a round now.
pub fn task_ran(task: &'static str) {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0.0, |d| d.as_secs_f64());
    metrics::gauge!("popshop_task_last_run_timestamp_seconds", "task" => task).set(now);
}
