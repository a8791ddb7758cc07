//! Live totals over server-sent events, and the fulfilment exports.

use crate::common::{TestApp, extract_csrf, location, text};
use crate::raw::Raw;
use std::time::Duration;

/// Reads a server-sent-event stream, one event (`totals`, `board`) at a time.
pub struct Events {
    response: reqwest::Response,
    buffer: String,
}

impl Events {
    pub async fn open(app: &TestApp, slug: &str, last_event_id: Option<&str>) -> Self {
        Self::open_path(app, &format!("/d/{slug}/events"), last_event_id).await
    }

    /// A stream at `path` (a call's board: `/c/{slug}/events`).
    pub async fn open_path(app: &TestApp, path: &str, last_event_id: Option<&str>) -> Self {
        let mut req = app.other_visitor().get(app.url(path));
        if let Some(id) = last_event_id {
            req = req.header("last-event-id", id);
        }
        let response = req.send().await.unwrap();
        assert_eq!(response.status().as_u16(), 200);
        assert_eq!(response.headers()["content-type"], "text/event-stream");
        Self { response, buffer: String::new() }
    }

    /// The next totals event as (id, json), within 5 seconds.
    pub async fn next(&mut self) -> (String, serde_json::Value) {
        self.within(Duration::from_secs(5)).await.expect("an event within 5 s")
    }

    /// The next totals event, if one comes within `wait`.
    pub async fn within(&mut self, wait: Duration) -> Option<(String, serde_json::Value)> {
        tokio::time::timeout(wait, async {
            loop {
                if let Some(end) = self.buffer.find("\n\n") {
                    let frame: String = self.buffer.drain(..end + 2).collect();
                    let field = |name: &str| frame.lines().find_map(|l| l.strip_prefix(name)).map(str::to_owned);
                    if let (Some(id), Some(data)) = (field("id: "), field("data: ")) {
                        return (id, serde_json::from_str(&data).unwrap());
                    }
                    continue;
                }
                let chunk = self.response.chunk().await.unwrap().expect("stream open");
                self.buffer.push_str(&String::from_utf8_lossy(&chunk));
            }
        })
        .await
        .ok()
    }

    /// Whether the server ends the stream within `wait` (nothing more
    /// buffered, the body closed).
    pub async fn ends_within(&mut self, wait: Duration) -> bool {
        tokio::time::timeout(wait, async {
            loop {
                match self.response.chunk().await {
                    Ok(Some(chunk)) => self.buffer.push_str(&String::from_utf8_lossy(&chunk)),
                    Ok(None) | Err(_) => return true,
                }
            }
        })
        .await
        .unwrap_or(false)
    }

    /// Skips events until one satisfies `wanted`.
    pub async fn until(&mut self, wanted: impl Fn(&serde_json::Value) -> bool) -> (String, serde_json::Value) {
        loop {
            let event = self.next().await;
            if wanted(&event.1) {
                return event;
            }
        }
    }
}

#[tokio::test]
async fn a_storefront_stream_follows_sales_and_resumes_correctly() {
    let app = TestApp::spawn().await;
    app.sign_up("artist@example.com", "correct horse battery").await;
    app.launch_with(&[("slogan", "Live wire"), ("stock", "10"), ("goal", "4")]).await;
    let mut stream = Events::open(&app, "live-wire", None).await;
    let (_, first) = stream.next().await;
    assert_eq!(
        first,
        serde_json::json!({"sold": 0, "left": 10, "goal": 4, "goal_percent": 0, "state": "live", "raised": null, "version": first["version"]})
    );
    assert!(first.get("revenue").is_none(), "no revenue for fans");

    let fan = app.into_new_visitor();
    let res = fan.buy("live-wire", "M", "black", 2).await;
    let (_, reserved) = stream.until(|t| t["left"] == 8).await;
    assert_eq!(reserved["sold"], 0, "a reservation lowers what is left");
    tokio::time::sleep(popshop::live::PUBLISH_EVERY * 2).await;
    fan.pay_demo(&location(&res)).await;
    let (id, paid) = stream.until(|t| t["sold"] == 2).await;
    assert_eq!((paid["left"].clone(), paid["goal_percent"].clone()), (8.into(), 50.into()));

    // Reconnecting (with Last-Event-ID) starts from the current totals.
    let mut again = Events::open(&fan, "live-wire", Some(&id)).await;
    let (resumed_id, resumed) = again.next().await;
    assert_eq!(resumed["sold"], 2);
    assert_eq!(resumed_id, id);
}

#[tokio::test]
async fn ending_a_drop_reaches_viewers() {
    let app = TestApp::spawn().await;
    let (drop_id, slug) = app.launch("End live").await;
    let mut stream = Events::open(&app, &slug, None).await;
    stream.next().await;
    app.post_form(&format!("/dashboard/drops/{drop_id}/end"), &[("confirmed", "yes")]).await;
    let (_, ended) = stream.until(|t| t["state"] == "ended").await;
    assert_eq!(ended["state"], "ended");
    let (status, _) = app.get_html("/d/no-such-drop/events").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn paid_orders_export_as_safe_csv_for_the_artist_only() {
    let app = TestApp::spawn().await;
    let (drop_id, slug) = app.launch("Export me").await;
    let artist_client = app.client.clone();
    let fan = app.into_new_visitor();
    for (name, size, quantity) in
        [("=HYPERLINK(\"http://evil\")", "M", 2), ("Zoë, \"Ångström\"", "L", 1), ("Bob", "M", 1)]
    {
        let res = fan.buy(&slug, size, "black", quantity).await;
        let checkout = location(&res);
        let (_, html) = fan.get_html(&checkout).await;
        let token = extract_csrf(&html);
        let res = fan
            .client
            .post(fan.url(&checkout))
            .form(&[
                ("csrf", token.as_str()),
                ("action", "pay"),
                ("email", "fan@example.com"),
                ("name", name),
                ("line1", "1 Main St"),
                ("postal_code", "1"),
                ("city", "Köln"),
                ("country", "DE"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 303);
    }
    fan.buy(&slug, "S", "black", 1).await; // pending: not exported

    let artist = crate::common::TestApp { client: artist_client, ..fan };
    let res = artist.get(&format!("/dashboard/drops/{drop_id}/orders.csv")).await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    let csv = res.text().await.unwrap();
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 4, "header + 3 paid orders: {csv}");
    assert!(lines[0].starts_with(
        "\u{feff}order_number,reference,paid_at,name,email,size,colour,quantity,amount,shipping,currency"
    ));
    assert!(lines[1].starts_with("1,"), "{}", lines[1]);
    assert!(lines[1].contains(",\"'=HYPERLINK(\"\"http://evil\"\")\","), "formula neutralised: {}", lines[1]);
    assert!(lines[2].contains(",\"Zoë, \"\"Ångström\"\"\","), "quoted, UTF-8: {}", lines[2]);
    assert!(lines[2].contains(",Köln,"));
    assert!(lines[1].contains(",M,Black,2,50.00,0.00,USD,1 Main St,"), "total, of it shipping: {}", lines[1]);

    let sheet = artist.get(&format!("/dashboard/drops/{drop_id}/print-sheet.csv")).await.text().await.unwrap();
    assert_eq!(sheet, "\u{feff}size,colour,quantity,product\r\nM,Black,3,tee\r\nL,Black,1,tee\r\n");

    let other = artist.into_new_visitor();
    other.sign_up("other@example.com", "correct horse battery").await;
    assert_eq!(other.get(&format!("/dashboard/drops/{drop_id}/orders.csv")).await.status().as_u16(), 404);
}

#[tokio::test]
async fn the_stream_overlay_is_public_and_its_money_variant_private() {
    let app = TestApp::spawn().await;
    let (drop_id, slug) = app.launch("Overlay me").await;
    let (status, html) = app
        .other_visitor()
        .get(app.url(&format!("/d/{slug}/live")))
        .send()
        .await
        .map(|r| (r.status().as_u16(), r))
        .unwrap();
    assert_eq!(status, 200);
    let html = html.text().await.unwrap();
    assert!(html.contains(&format!("data-events=\"/d/{slug}/events\"")));
    assert_eq!(text(&html, "[data-live=sold]"), "0");
    assert!(!html.contains("raised"), "no money on the public overlay");
    let (status, private) = app.get_html(&format!("/dashboard/drops/{drop_id}/live")).await;
    assert_eq!(status, 200);
    assert_eq!(text(&private, "[data-live=revenue]"), "$0.00");
    let stranger = app.into_new_visitor();
    stranger.sign_up("x@example.com", "correct horse battery").await;
    assert_eq!(stranger.get(&format!("/dashboard/drops/{drop_id}/live")).await.status().as_u16(), 404);
}

#[tokio::test]
async fn the_artist_may_show_the_money_raised() {
    let app = TestApp::spawn().await;
    let (drop_id, slug) = app.launch("Show the money").await;
    let fan = TestApp::spawn_shell(&app);
    let res = fan.buy(&slug, "M", "black", 2).await;
    fan.pay_demo(&location(&res)).await;
    let (_, page) = fan.get_html(&format!("/d/{slug}")).await;
    assert!(!page.contains("raised</li>"), "hidden by default");
    let mut stream = Events::open(&app, &slug, None).await;
    assert!(stream.next().await.1["raised"].is_null());

    let res = app.post_form(&format!("/dashboard/drops/{drop_id}/show-raised"), &[("show", "1")]).await;
    assert_eq!(res.status().as_u16(), 303);
    let (_, shown) = stream.until(|t| !t["raised"].is_null()).await;
    assert_eq!(shown["raised"], "$50.00");
    let (_, page) = fan.get_html(&format!("/d/{slug}")).await;
    assert_eq!(text(&page, "[data-live=raised]"), "$50.00");

    let stranger = fan.into_new_visitor();
    stranger.sign_up("s@example.com", "correct horse battery").await;
    let res = stranger.post_form(&format!("/dashboard/drops/{drop_id}/show-raised"), &[("show", "0")]).await;
    assert_eq!(res.status().as_u16(), 404);
}

#[tokio::test]
async fn a_viewer_wakes_only_for_its_own_drop_and_the_store_announces_every_commit() {
    let app = TestApp::spawn().await;
    let (quiet_id, quiet) = app.launch("Quiet corner").await;
    let (busy_id, busy) = app.launch("Busy corner").await;
    let mut quiet_stream = Events::open(&app, &quiet, None).await;
    let mut busy_stream = Events::open(&app, &busy, None).await;
    quiet_stream.next().await;
    let (_, before) = busy_stream.next().await;
    assert_eq!((app.state.live.hub.viewers(&quiet_id), app.state.live.hub.viewers(&busy_id)), (1, 1));

    for _ in 0..3 {
        assert_eq!(app.buy_from(&busy, "M", "black", 1, None).await.status().as_u16(), 303);
    }
    let (_, after) =
        busy_stream.until(|t| t["version"].as_i64() >= Some(before["version"].as_i64().unwrap() + 3)).await;
    assert_eq!(after["state"], "live");
    assert!(quiet_stream.within(Duration::from_millis(600)).await.is_none(), "the quiet drop's viewer slept");

    // A change made straight through the store (no handler) reaches viewers:
    // the store announces its own commits.
    let (order_id,): (String,) =
        sqlx::query_as("SELECT id FROM orders WHERE drop_id = $1 AND status = 'pending' LIMIT 1")
            .bind(&busy_id)
            .fetch_one(app.state.store.pool())
            .await
            .unwrap();
    assert!(app.state.store.release(&order_id, popshop::domain::OrderStatus::Cancelled).await.unwrap());
    let version = after["version"].as_i64().unwrap();
    busy_stream.until(|t| t["version"].as_i64() > Some(version)).await;
}

/// A raw HTTP/1.1 connection, to choose what arrives in which packet.
/// Waits until the client 127.0.0.1 holds `n` streams (at most 2 s).
async fn streams_held(app: &TestApp, n: usize) {
    let client = "127.0.0.1".parse().unwrap();
    for _ in 0..200 {
        if app.state.live.streams.open(client) == n {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("127.0.0.1 holds {} streams, not {n}", app.state.live.streams.open(client));
}

const STREAM_REQUEST: &str = "GET /d/door-test/events HTTP/1.1\r\nHost: shop.test\r\nAccept: text/event-stream\r\n\r\n";

#[tokio::test]
async fn a_stream_on_a_new_connection_is_served_lean_and_a_closed_tab_frees_its_place_at_once() {
    let app = TestApp::spawn().await;
    app.sign_up("artist@example.com", "correct horse battery").await;
    app.launch_with(&[("slogan", "Door test"), ("stock", "10")]).await;
    let mut tab = Raw::connect(&app).await;
    tab.send(STREAM_REQUEST).await;
    let head = tab.until("event: totals").await;
    let lower = head.to_ascii_lowercase();
    assert!(lower.starts_with("http/1.1 200 ok\r\n"), "{head}");
    for header in [
        "content-type: text/event-stream",
        "cache-control: no-cache",
        "x-accel-buffering: no",
        "connection: close",
        "x-content-type-options: nosniff",
        "x-request-id: ",
        "date: ",
    ] {
        assert!(lower.contains(header), "{header} missing: {head}");
    }
    assert!(!lower.contains("transfer-encoding"), "the door's body lasts until the connection closes: {head}");
    assert!(head.contains("retry: 3000\n") && head.contains("\"left\":10"), "{head}");
    streams_held(&app, 1).await;

    // A sale reaches it.
    let fan = app.into_new_visitor();
    fan.buy("door-test", "M", "black", 1).await;
    tab.until("\"left\":9").await;

    // The fan closes the tab: the place is free at once, not at the next
    // keep-alive write 15 s later.
    drop(tab);
    streams_held(&fan, 0).await;
}

#[tokio::test]
async fn a_stream_on_a_connection_that_served_a_page_first_is_served_the_same() {
    let app = TestApp::spawn().await;
    app.sign_up("artist@example.com", "correct horse battery").await;
    app.launch_with(&[("slogan", "Door test"), ("stock", "10")]).await;
    let mut tab = Raw::connect(&app).await;
    tab.send("GET /healthz HTTP/1.1\r\nHost: shop.test\r\n\r\n").await;
    tab.until("\r\n\r\n").await;
    tab.send(STREAM_REQUEST).await;
    let head = tab.until("event: totals").await;
    let stream = &head[head.rfind("HTTP/1.1 ").unwrap()..];
    let lower = stream.to_ascii_lowercase();
    assert!(lower.starts_with("http/1.1 200 ok\r\n"), "{stream}");
    assert!(lower.contains("content-type: text/event-stream") && lower.contains("x-accel-buffering: no"), "{stream}");
    assert!(stream.contains("retry: 3000\n") && stream.contains("\"left\":10"), "{stream}");
    streams_held(&app, 1).await;
    // (actix frees this one at its next keep-alive write after the client
    // left: half-closed connections stay allowed, so that a hang-up never
    // cancels a handler mid-way.)
    drop(tab);
}

#[tokio::test]
async fn a_stream_request_split_over_packets_and_refused_streams_still_get_their_answers() {
    let app = TestApp::spawn_with(|s| s.streams_per_client = 1).await;
    app.sign_up("artist@example.com", "correct horse battery").await;
    app.launch_with(&[("slogan", "Door test"), ("stock", "10")]).await;
    // An unknown drop: the door leaves it to actix, whose 404 page says so.
    let mut unknown = Raw::connect(&app).await;
    unknown.send("GET /d/no-such-drop/events HTTP/1.1\r\nHost: shop.test\r\n\r\n").await;
    let missing = unknown.until("</html>").await;
    assert!(missing.starts_with("HTTP/1.1 404"), "{missing}");
    streams_held(&app, 0).await;

    // Split in two packets: actix reads it, the stream is the same.
    let mut split = Raw::connect(&app).await;
    let (a, b) = STREAM_REQUEST.split_at(14);
    split.send(a).await;
    tokio::time::sleep(Duration::from_millis(50)).await;
    split.send(b).await;
    let head = split.until("event: totals").await;
    assert!(head.contains("\"left\":10"), "{head}");
    streams_held(&app, 1).await;

    // Over the client's limit: the door leaves it to actix, which says so.
    let mut second = Raw::connect(&app).await;
    second.send(STREAM_REQUEST).await;
    let refused = second.until("too many live streams").await;
    assert!(refused.starts_with("HTTP/1.1 429"), "{refused}");
    drop(split);
}

#[tokio::test]
async fn a_page_without_a_stream_can_poll_the_same_totals() {
    let app = TestApp::spawn().await;
    app.sign_up("artist@example.com", "correct horse battery").await;
    app.launch_with(&[("slogan", "Poll me"), ("stock", "10"), ("goal", "4")]).await;
    let mut stream = Events::open(&app, "poll-me", None).await;
    let (_, streamed) = stream.next().await;
    let res = app.get("/d/poll-me/totals").await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.headers()["cache-control"], "public, max-age=1, s-maxage=1");
    assert!(res.headers().get("set-cookie").is_none());
    let polled: serde_json::Value = res.json().await.unwrap();
    assert_eq!(polled, streamed, "the same totals either way");
    assert_eq!(app.get("/d/no-such-drop/totals").await.status().as_u16(), 404);
    assert_eq!(app.get("/d/Bad%20Slug!/totals").await.status().as_u16(), 404);
}
