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
    describe_counter!(
        "popshop_shelf_answers_total",
        "Storefront views answered from the page kept in memory, before actix's router (also in popshop_http_requests_total)"
    );
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

/// `/metrics`' text: every worker's answers held back (see [`count_answer`])
/// are handed to the recorder first, so a scrape counts every answer given.
pub fn render() -> String {
    hand_over_every_tally();
    prometheus().render()
}

/// What answered a request: actix's `App`, or the shelf in front of it
/// (`server::shelf`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnsweredBy {
    App,
    Shelf,
}

/// Answers a worker holds back per route before it hands them to the
/// recorder itself (4 KiB of latencies per route and worker at most).
const HELD_BACK: usize = 512;

/// One route's meters on one worker: the recorder's handles, and what this
/// worker has counted since it last handed them over.
struct RouteMeters {
    duration: metrics::Histogram,
    durations: Vec<f64>,
    answers: Vec<(&'static str, u16, metrics::Counter, u64)>,
    /// `popshop_shelf_answers_total`, once the shelf answered this route.
    shelved: Option<(metrics::Counter, u64)>,
}

impl RouteMeters {
    fn new(route: &str) -> Self {
        let duration = metrics::histogram!("popshop_http_request_duration_seconds", "route" => route.to_owned());
        Self { duration, durations: Vec::with_capacity(HELD_BACK), answers: Vec::new(), shelved: None }
    }

    fn record(&mut self, route: &str, method: &'static str, status: u16, seconds: f64, by: AnsweredBy) {
        self.durations.push(seconds);
        if by == AnsweredBy::Shelf {
            self.shelved.get_or_insert_with(|| (metrics::counter!("popshop_shelf_answers_total"), 0)).1 += 1;
        }
        match self.answers.iter_mut().find(|(m, s, _, _)| *m == method && *s == status) {
            Some((_, _, _, held)) => *held += 1,
            None => {
                let counter = metrics::counter!("popshop_http_requests_total",
                    "route" => route.to_owned(), "method" => method, "status" => status.to_string());
                self.answers.push((method, status, counter, 1));
            }
        }
        if self.durations.len() >= HELD_BACK {
            self.hand_over();
        }
    }

    fn hand_over(&mut self) {
        self.durations.drain(..).for_each(|seconds| self.duration.record(seconds));
        for (counter, held) in
            self.answers.iter_mut().map(|(_, _, c, h)| (&*c, h)).chain(self.shelved.as_mut().map(|(c, h)| (&*c, h)))
        {
            counter.increment(std::mem::take(held));
        }
    }
}

/// One worker's meters by route pattern. Registering a metric builds its
/// key and looks it up in the recorder's registry (labels hashed, a lock
/// taken), which was 6% of a storefront view, so each worker keeps the
/// handles. And the recorder's counters and histograms are shared atomics,
/// whose cache lines moved between the cores on every answer (a tenth of a
/// storefront view's user time), so each worker counts on its own and hands
/// its numbers over every [`HELD_BACK`] answers and before every scrape
/// ([`render`]). The map is bounded: one entry per route pattern, a few
/// answers per status.
#[derive(Default)]
struct Tally(std::collections::HashMap<String, RouteMeters>);

impl Tally {
    fn hand_over(&mut self) {
        self.0.values_mut().for_each(RouteMeters::hand_over);
    }
}

type SharedTally = std::sync::Arc<std::sync::Mutex<Tally>>;

/// Every thread's tally, for [`render`]. Only its own thread and a scrape
/// lock one, so its lock is nearly always free and stays in its core's cache.
/// A thread that ends leaves its tally here: the recorder cannot be called
/// from a thread's last moments (its clock is a thread-local already gone),
/// so the next scrape, or the next thread to count, hands it over.
static TALLIES: std::sync::Mutex<Vec<SharedTally>> = std::sync::Mutex::new(Vec::new());

thread_local! {
    static TALLY: SharedTally = {
        let tally = SharedTally::default();
        let mut tallies = crate::sync::lock(&TALLIES);
        hand_over_from(&mut tallies);
        tallies.push(tally.clone());
        tally
    };
}

/// Counts an answer in `popshop_http_requests_total` and its time in
/// `popshop_http_request_duration_seconds` under `route`, a route's pattern
/// (and one the shelf gave in `popshop_shelf_answers_total`).
pub fn count_answer(route: &str, method: &'static str, status: u16, elapsed: std::time::Duration, by: AnsweredBy) {
    TALLY.with(|tally| {
        let mut tally = crate::sync::lock(tally);
        let seconds = elapsed.as_secs_f64();
        match tally.0.get_mut(route) {
            // One lookup for a route seen before; its key is copied once.
            Some(meters) => meters.record(route, method, status, seconds, by),
            None => {
                let mut meters = RouteMeters::new(route);
                meters.record(route, method, status, seconds, by);
                tally.0.insert(route.to_owned(), meters);
            }
        }
    });
}

/// Hands every thread's held-back answers to the recorder.
fn hand_over_every_tally() {
    hand_over_from(&mut crate::sync::lock(&TALLIES));
}

/// Hands each of `tallies`' held-back answers to the recorder, and forgets
/// the tallies of threads that ended (only this list holds them).
fn hand_over_from(tallies: &mut Vec<SharedTally>) {
    tallies.retain(|tally| {
        // Asked first: a thread that counts once more and ends between a
        // hand-over and the question would leave that answer behind.
        let alive = std::sync::Arc::strong_count(tally) > 1;
        crate::sync::lock(tally).hand_over();
        alive
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counted(text: &str, route: &str) -> u64 {
        let line = format!("popshop_http_requests_total{{route=\"{route}\",method=\"GET\",status=\"200\"}} ");
        text.lines().find_map(|l| l.strip_prefix(&line)).map_or(0, |n| n.parse().unwrap())
    }

    /// Answers held back by a worker are in the next scrape, and so are
    /// those of a thread that ended; a worker hands over on its own too.
    #[test]
    fn every_answer_counted_on_any_thread_is_in_the_next_scrape() {
        let route = "/test/held-back/{n}";
        // The recorder is installed before the first answer is counted.
        assert_eq!(counted(&render(), route), 0);
        let answer = || count_answer(route, "GET", 200, std::time::Duration::from_micros(300), AnsweredBy::App);
        answer();
        std::thread::spawn(move || (0..HELD_BACK + 3).for_each(|_| answer())).join().unwrap();
        let (counted_two, wait) = std::sync::mpsc::channel();
        let shelf = |text: &str| {
            text.lines().find_map(|l| l.strip_prefix("popshop_shelf_answers_total ")).map_or(0, |n| n.parse().unwrap())
        };
        let shelved = shelf(&render());
        let worker = std::thread::spawn(move || {
            answer();
            count_answer(route, "GET", 200, std::time::Duration::from_micros(30), AnsweredBy::Shelf);
            counted_two.send(()).unwrap();
            std::thread::park();
        });
        wait.recv().unwrap();
        let text = render();
        let expected = 1 + HELD_BACK as u64 + 3 + 2;
        assert_eq!(counted(&text, route), expected, "{text}");
        let durations = format!("popshop_http_request_duration_seconds_count{{route=\"{route}\"}} ");
        let durations = text.lines().find_map(|l| l.strip_prefix(&durations)).map(|n| n.parse::<u64>().unwrap());
        assert_eq!(durations, Some(expected));
        assert_eq!(shelf(&text), shelved + 1, "one answered by the shelf");
        worker.thread().unpark();
        worker.join().unwrap();
    }
}
