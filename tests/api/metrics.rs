//! `/metrics` (Prometheus' text format, read by a published parser) moving
//! with real requests, its two ways in (a bearer token on the shop's
//! address, or an address of its own), and `/readyz`.

use crate::common::{TestApp, location};

const TOKEN: &str = "metrics-token-for-the-tests-0123";

/// One sample as Prometheus reads it: its family, labels, value (a
/// histogram's count) and, for a histogram, how many buckets.
struct Sample {
    metric: String,
    labels: std::collections::HashMap<String, String>,
    value: f64,
    buckets: Option<usize>,
}

/// The text format parsed by a published parser (`openmetrics-parser`'s
/// Prometheus grammar).
fn parse(text: &str) -> Vec<Sample> {
    use openmetrics_parser::PrometheusValue;
    let exposition = openmetrics_parser::prometheus::parse_prometheus(text).expect("Prometheus text format");
    let mut samples = Vec::new();
    for (name, family) in &exposition.families {
        for sample in family.iter_samples() {
            let set = sample.get_labelset().expect("labels");
            let labels = set.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
            let (value, buckets) = match &sample.value {
                PrometheusValue::Unknown(n) | PrometheusValue::Gauge(n) => (n.as_f64(), None),
                PrometheusValue::Counter(c) => (c.value.as_f64(), None),
                PrometheusValue::Histogram(h) => (h.count.map(|c| c as f64).unwrap_or_default(), Some(h.buckets.len())),
                PrometheusValue::Summary(_) => (0.0, None),
            };
            samples.push(Sample { metric: name.clone(), labels, value, buckets });
        }
    }
    samples
}

/// The sum of `name`'s samples that carry every label in `labels`.
fn value(samples: &[Sample], name: &str, labels: &[(&str, &str)]) -> f64 {
    samples
        .iter()
        .filter(|s| s.metric == name && labels.iter().all(|(k, v)| s.labels.get(*k).map(String::as_str) == Some(*v)))
        .map(|s| s.value)
        .sum()
}

async fn scrape(app: &TestApp) -> Vec<Sample> {
    let res = app.client.get(app.url("/metrics")).bearer_auth(TOKEN).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/plain; version=0.0.4"));
    parse(&res.text().await.unwrap())
}

/// Storefront views, a checkout started and paid, a refused one and a
/// forged webhook each move their counters between two scrapes; the
/// latency histogram has buckets; the gauges are there. (Tests share one
/// recorder per process, so counters are compared as at least the change.)
#[tokio::test]
async fn metrics_move_with_real_requests() {
    let app = TestApp::spawn_with(|s| s.metrics_token = Some(TOKEN.into())).await;
    let (_, slug) = app.launch_confirmed("Count me in").await;
    let before = scrape(&app).await;
    for _ in 0..5 {
        assert_eq!(app.get(&format!("/d/{slug}")).await.status().as_u16(), 200);
    }
    let res = app.buy(&slug, "M", "black", 1).await;
    assert_eq!(res.status().as_u16(), 303);
    app.pay_demo(&location(&res)).await;
    let refused = app.buy(&slug, "XXL-not-a-size", "black", 1).await;
    assert!(refused.status().is_client_error() || refused.status().as_u16() == 200);
    let forged = app.client.post(app.url("/webhooks/stripe")).body("{}").send().await.unwrap();
    assert!(forged.status().is_client_error());
    let after = scrape(&app).await;

    let storefront = [("route", "/d/{slug}"), ("method", "GET"), ("status", "200")];
    let views = value(&after, "popshop_http_requests_total", &storefront)
        - value(&before, "popshop_http_requests_total", &storefront);
    assert!(views >= 5.0, "5 storefront views counted under the route's pattern, not the path: {views}");
    assert!(
        after.iter().all(|s| s.labels.get("route").is_none_or(|r| !r.contains(&slug))),
        "no label carries a drop's slug"
    );
    // The views after the first are the shelf's, counted on their own too
    // (the counter is the process's, shared with tests running beside this
    // one: `storefront::the_shelf_answers_…` shows this server's shelf).
    let shelved =
        value(&after, "popshop_shelf_answers_total", &[]) - value(&before, "popshop_shelf_answers_total", &[]);
    assert!(shelved >= 1.0, "views answered from the shelf are counted: {shelved}");
    let started = [("result", "started")];
    assert!(value(&after, "popshop_checkouts_total", &started) > value(&before, "popshop_checkouts_total", &started));
    let paid = [("result", "paid")];
    assert!(value(&after, "popshop_checkouts_total", &paid) > value(&before, "popshop_checkouts_total", &paid));
    let latency = [("route", "/d/{slug}")];
    assert!(
        value(&after, "popshop_http_request_duration_seconds", &latency)
            >= value(&before, "popshop_http_request_duration_seconds", &latency) + 5.0,
        "the latency histogram counts the views"
    );
    let buckets = after
        .iter()
        .find(|s| s.metric == "popshop_http_request_duration_seconds")
        .and_then(|s| s.buckets)
        .expect("a latency histogram");
    assert!(buckets >= 10, "latency in buckets from 1 ms to 10 s: {buckets}");
    for gauge in [
        "popshop_live_streams",
        "popshop_outbox_backlog",
        "popshop_print_backlog",
        "popshop_db_pool_connections",
        "popshop_db_pool_waiting",
        "popshop_db_listen_up",
    ] {
        assert!(after.iter().any(|s| s.metric == gauge), "{gauge} is exported");
    }
    assert_eq!(value(&after, "popshop_db_listen_up", &[]), 1.0);
    assert!(value(&after, "popshop_db_pool_connections", &[("state", "max")]) >= 1.0);
    assert!(after.iter().all(|s| s.metric.starts_with("popshop_")), "every name starts with popshop_");
}

/// A forged Stripe event is counted as rejected.
#[tokio::test]
async fn webhook_events_are_counted_by_result() {
    let app = TestApp::spawn_with(|s| {
        crate::common::use_stripe(s, "http://127.0.0.1:9".into());
        s.metrics_token = Some(TOKEN.into());
    })
    .await;
    let rejected = [("provider", "stripe"), ("result", "rejected")];
    let before = value(&scrape(&app).await, "popshop_webhook_events_total", &rejected);
    let res = app
        .client
        .post(app.url("/webhooks/stripe"))
        .header("stripe-signature", "t=1,v1=00")
        .body(r#"{"id":"evt_forged","type":"checkout.session.completed"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 400);
    let after = value(&scrape(&app).await, "popshop_webhook_events_total", &rejected);
    assert!(after > before, "rejected events are counted ({before} → {after})");
}

/// Without a token there is no /metrics on the shop's address; with one, a
/// wrong or missing token is a 401. On `POPSHOP_METRICS_ADDR` it is served
/// alone, without a token.
#[tokio::test]
async fn metrics_need_their_token_or_their_own_address() {
    let plain = TestApp::spawn().await;
    assert_eq!(plain.get("/metrics").await.status().as_u16(), 404);
    let guarded = TestApp::spawn_with(|s| s.metrics_token = Some(TOKEN.into())).await;
    assert_eq!(guarded.get("/metrics").await.status().as_u16(), 401);
    let wrong = guarded.client.get(guarded.url("/metrics")).bearer_auth("nope").send().await.unwrap();
    assert_eq!(wrong.status().as_u16(), 401);
    let own = TestApp::spawn_with(|s| s.metrics_addr = Some("127.0.0.1:0".into())).await;
    let port = own.metrics_port.expect("the metrics address is bound");
    let res = own.client.get(format!("http://127.0.0.1:{port}/metrics")).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let text = res.text().await.unwrap();
    assert!(parse(&text).iter().any(|s| s.metric == "popshop_db_pool_connections"));
    let other = own.client.get(format!("http://127.0.0.1:{port}/")).send().await.unwrap();
    assert_eq!(other.status().as_u16(), 404, "the metrics address serves nothing else");
}

#[tokio::test]
async fn readyz_is_ready_with_the_database_and_fails_without_it() {
    let app = TestApp::spawn().await;
    // On PostgreSQL the instance is ready once its LISTEN connection is up,
    // a moment after it starts serving.
    let mut ready = (0, String::new());
    for _ in 0..100 {
        let res = app.get("/readyz").await;
        ready = (res.status().as_u16(), res.text().await.unwrap());
        if ready.0 == 200 {
            break;
        }
        assert!(ready.1.contains("LISTEN"), "only LISTEN may lag at start: {}", ready.1);
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(ready, (200, "ready".to_owned()));
    app.state.store.close().await;
    let res = app.get("/readyz").await;
    assert_eq!(res.status().as_u16(), 503);
    assert!(res.text().await.unwrap().contains("database unavailable"));
}
