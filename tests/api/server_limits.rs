//! The server's own limits (issue 21, item 7): open connections, live
//! streams in all, and how long a request's head and body may take. Each
//! answer is clear (a 503 or 408 page) and frees its place.

use crate::common::TestApp;
use crate::raw::Raw;
use std::time::{Duration, Instant};

const HOME: &str = "GET / HTTP/1.1\r\nHost: shop.test\r\n\r\n";

/// Sends `head`, then `drip` every 200 ms until the server closes the
/// connection; returns what the server answered (within 5 s).
async fn trickle(app: &TestApp, head: &'static [u8], drip: &'static [u8]) -> Option<String> {
    let (mut read, mut write) = Raw::connect(app).await.0.into_split();
    let dripping = tokio::spawn(async move {
        use tokio::io::AsyncWriteExt;
        let _ = write.write_all(head).await;
        while write.write_all(drip).await.is_ok() {
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    });
    let answer = tokio::time::timeout(Duration::from_secs(5), async {
        use tokio::io::AsyncReadExt;
        let mut seen = Vec::new();
        let _ = read.read_to_end(&mut seen).await;
        String::from_utf8_lossy(&seen).into_owned()
    })
    .await
    .ok();
    dripping.abort();
    answer
}

#[tokio::test]
async fn a_connection_over_the_cap_gets_a_clear_503_and_a_freed_place_serves_again() {
    let app = TestApp::spawn_with(|s| s.max_connections = 2).await;
    // Two connections that say nothing hold both places (for up to the
    // head timeout).
    let mut first = Raw::connect(&app).await;
    let _second = Raw::connect(&app).await;
    tokio::time::sleep(Duration::from_millis(200)).await;

    let mut third = Raw::connect(&app).await;
    third.send(HOME).await;
    let answer = third.until_closed(Duration::from_secs(5)).await.expect("the turned-away connection is closed");
    assert!(answer.starts_with("HTTP/1.1 503 Service Unavailable\r\n"), "{answer}");
    assert!(answer.contains("\r\nretry-after: 5\r\n"), "{answer}");
    assert!(answer.contains("So many people are here right now") && answer.contains("lang=\"de\""), "{answer}");

    // The first one asks for the storefront after all: it holds a place.
    first.send(HOME).await;
    assert!(first.until("</html>").await.starts_with("HTTP/1.1 200"));
    drop(first);
    // Its place is free again: a new connection is served.
    let served = async {
        loop {
            let mut next = Raw::connect(&app).await;
            next.send(HOME).await;
            let answer = next.until_closed(Duration::from_secs(2)).await.unwrap_or_default();
            if !answer.starts_with("HTTP/1.1 503") {
                return answer;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    };
    let answer = tokio::time::timeout(Duration::from_secs(5), served).await.expect("served within 5 s");
    assert!(answer.is_empty() || answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[tokio::test]
async fn a_body_that_trickles_in_gets_a_408_and_its_connection_closed() {
    let app = TestApp::spawn_with(|s| s.body_timeout = Duration::from_secs(1)).await;
    let started = Instant::now();
    // A byte every 200 ms: it never finishes.
    let head = b"POST /login HTTP/1.1\r\nHost: shop.test\r\nContent-Type: application/x-www-form-urlencoded\r\n\
                 Content-Length: 500\r\n\r\nemail=a";
    let answer = trickle(&app, head, b"x").await;
    let answer = answer.expect("closed within 5 s");
    assert!(started.elapsed() < Duration::from_secs(4), "cut off after {:?}", started.elapsed());
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("That took too long to arrive"), "{answer}");

    // A German visitor is told in German; a form sent in time still works.
    let mut german = Raw::connect(&app).await;
    german
        .send(
            "POST /login HTTP/1.1\r\nHost: shop.test\r\nAccept-Language: de\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 500\r\n\r\nemail=a",
        )
        .await;
    let answer = german.until_closed(Duration::from_secs(5)).await.expect("closed");
    assert!(answer.starts_with("HTTP/1.1 408") && answer.contains("Das hat zu lange gedauert"), "{answer}");
    let page = app.client.get(app.url("/login")).send().await.unwrap();
    assert_eq!(page.status(), 200);
}

#[tokio::test]
async fn a_head_that_trickles_in_is_cut_off() {
    let app = TestApp::spawn_with(|s| s.head_timeout = Duration::from_secs(1)).await;
    let started = Instant::now();
    let answer = trickle(&app, b"GET / HTTP/1.1\r\nHost: shop.test\r\n", b"X-Slow: 1\r\n").await;
    let answer = answer.expect("closed within 5 s");
    assert!(started.elapsed() < Duration::from_secs(4), "cut off after {:?}", started.elapsed());
    assert!(answer.is_empty() || answer.starts_with("HTTP/1.1 408"), "{answer}");
}

#[tokio::test]
async fn live_streams_over_the_servers_cap_get_a_503_and_pages_still_load() {
    let app = TestApp::spawn_with(|s| s.max_streams = 1).await;
    app.sign_up("artist@example.com", "correct horse battery").await;
    app.launch_with(&[("slogan", "Cap test"), ("stock", "10")]).await;
    const STREAM: &str = "GET /d/cap-test/events HTTP/1.1\r\nHost: shop.test\r\nAccept: text/event-stream\r\n\r\n";
    let mut watching = Raw::connect(&app).await;
    watching.send(STREAM).await;
    assert!(watching.until("event: totals").await.starts_with("HTTP/1.1 200"));

    let mut another = Raw::connect(&app).await;
    another.send(STREAM).await;
    let refused = another.until("</html>").await;
    assert!(refused.starts_with("HTTP/1.1 503"), "{refused}");
    assert!(refused.to_ascii_lowercase().contains("retry-after: 30"), "{refused}");
    assert!(refused.contains("So many people are here right now"), "{refused}");
    assert_eq!(app.state.live.streams.total(), 1);
    assert_eq!(app.client.get(app.url("/d/cap-test")).send().await.unwrap().status(), 200);

    // The watcher leaves: its place is free for the next.
    drop(watching);
    let opened = async {
        loop {
            let mut next = Raw::connect(&app).await;
            next.send(STREAM).await;
            let head = next.until("\r\n\r\n").await;
            if head.starts_with("HTTP/1.1 200") {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    };
    tokio::time::timeout(Duration::from_secs(5), opened).await.expect("a stream opens again");
}
