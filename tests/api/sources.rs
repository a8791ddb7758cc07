//! Which share link sold (issue 11, part 3): links carry their source, a
//! visitor is counted once (also when the page itself came from a cache),
//! the order keeps the source, and the drop's page shows each source's
//! visitors, orders, revenue and conversion.

use crate::common::{TestApp, location, texts};

/// A fan opening the storefront at `path` (`/d/slug?ref=x`) as a browser
/// does: the page, then its counter picture with the page as Referer.
async fn visit(fan: &TestApp, path: &str) -> reqwest::Response {
    let (status, html) = fan.get_html(path).await;
    assert_eq!(status, 200);
    let slug = path.trim_start_matches("/d/").split('?').next().unwrap();
    assert!(html.contains(&format!("src=\"/d/{slug}/seen.gif\"")), "the page carries the counter");
    fan.client.get(fan.url(&format!("/d/{slug}/seen.gif"))).header("referer", fan.url(path)).send().await.unwrap()
}

async fn buy_from(fan: &TestApp, path: &str) {
    let slug = path.trim_start_matches("/d/").split('?').next().unwrap();
    let res = fan
        .client
        .post(fan.url(&format!("/d/{slug}/checkout")))
        .header("sec-fetch-site", "same-origin")
        .header("referer", fan.url(path))
        .form(&[("size", "M"), ("colour", "black"), ("quantity", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    fan.pay_demo(&location(&res)).await;
}

#[tokio::test]
async fn every_share_link_carries_its_source_onto_visits_and_orders() {
    let app = TestApp::spawn().await;
    let (drop_id, slug) = app.launch("Which link sold").await;
    let (_, page) = app.get_html(&format!("/dashboard/drops/{drop_id}")).await;
    for encoded in ["ref%3Dx", "ref%3Dbluesky", "ref%3Dfacebook"] {
        assert!(page.contains(encoded), "share links say {encoded}");
    }
    assert!(page.contains(&format!("/d/{slug}?ref=link\"")), "the copied link says so");
    assert!(page.contains(&format!("data-share=\"{}/d/{slug}?ref=share\"", app.address)));
    assert!(page.contains("No visits yet."));

    // Four fans, four ways in; the first comes back twice and counts once.
    let (x_fan, qr_fan, plain_fan, mail_fan) = (
        TestApp::spawn_shell(&app),
        TestApp::spawn_shell(&app),
        TestApp::spawn_shell(&app),
        TestApp::spawn_shell(&app),
    );
    let first = visit(&x_fan, &format!("/d/{slug}?ref=x")).await;
    assert_eq!(first.headers()["content-type"], "image/gif");
    assert_eq!(first.headers()["cache-control"], "no-store");
    assert!(first.headers()["set-cookie"].to_str().unwrap().starts_with("popshop_v="));
    let again = visit(&x_fan, &format!("/d/{slug}?ref=qr")).await;
    assert!(again.headers().get("set-cookie").is_none(), "a known visitor keeps their cookie");
    visit(&qr_fan, &format!("/d/{slug}?ref=qr")).await;
    visit(&plain_fan, &format!("/d/{slug}")).await;
    visit(&mail_fan, &format!("/d/{slug}?ref=Newsletter")).await;
    // A page elsewhere claiming a source counts as direct.
    let spoof = TestApp::spawn_shell(&app);
    spoof
        .client
        .get(spoof.url(&format!("/d/{slug}/seen.gif")))
        .header("referer", "https://evil.test/?ref=x")
        .send()
        .await
        .unwrap();

    buy_from(&x_fan, &format!("/d/{slug}?ref=x")).await;
    buy_from(&mail_fan, &format!("/d/{slug}?ref=newsletter")).await;
    let stats = app.state.store.source_stats(&drop_id).await.unwrap();
    let of = |s: &str| stats.iter().find(|r| r.source == s).cloned().unwrap_or_default();
    assert_eq!((of("x").visits, of("x").orders, of("x").revenue_minor), (1, 1, 2500), "counted once, sold once");
    assert_eq!((of("qr").visits, of("qr").orders), (1, 0));
    assert_eq!((of("direct").visits, of("newsletter").visits, of("newsletter").orders), (2, 1, 1));

    let (_, page) = app.get_html(&format!("/dashboard/drops/{drop_id}")).await;
    let rows = texts(&page, ".sources-table tbody tr");
    let row = |label: &str| {
        let cells = texts(&page, ".sources-table tbody tr > *");
        let at = cells.iter().position(|c| c == label).unwrap_or_else(|| panic!("no row {label}: {rows:?}"));
        cells[at..at + 5].to_vec()
    };
    assert_eq!(row("X"), ["X", "1", "1", "$25.00", "100%"], "{rows:?}");
    assert_eq!(row("QR code"), ["QR code", "1", "0", "$0.00", "0%"]);
    assert_eq!(row("?ref=newsletter")[0], "?ref=newsletter");
    // The storefront itself still sets no cookie and stays cacheable.
    let res = TestApp::spawn_shell(&app).get(&format!("/d/{slug}?ref=x")).await;
    assert!(res.headers().get("set-cookie").is_none());
}

#[tokio::test]
async fn a_fan_who_applies_a_code_keeps_the_share_link_they_came_by() {
    let app = TestApp::spawn().await;
    let (drop_id, slug) = app.launch("Code and source").await;
    app.post_form(
        &format!("/dashboard/drops/{drop_id}/promo-codes"),
        &[("code", "TEN"), ("kind", "percent"), ("value", "10")],
    )
    .await;
    let fan = TestApp::spawn_shell(&app);
    let from = fan.url(&format!("/d/{slug}?ref=x"));
    let post = |fields: Vec<(&'static str, &'static str)>, referer: String| {
        fan.client
            .post(fan.url(&format!("/d/{slug}/checkout")))
            .header("sec-fetch-site", "same-origin")
            .header("referer", referer)
            .form(&fields)
            .send()
    };
    // *Apply code* from the shared link: the page that comes back carries the source…
    let applied =
        post(vec![("size", "M"), ("colour", "black"), ("quantity", "1"), ("code", "TEN"), ("apply", "1")], from)
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
    assert!(applied.contains("name=\"ref\" value=\"x\""), "the source rides along");
    // …so the buy posted from it (whose Referer is the checkout address) is booked to x.
    let res = post(
        vec![("size", "M"), ("colour", "black"), ("quantity", "1"), ("code", "TEN"), ("ref", "x")],
        fan.url(&format!("/d/{slug}/checkout")),
    )
    .await
    .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    fan.pay_demo(&location(&res)).await;
    let stats = app.state.store.source_stats(&drop_id).await.unwrap();
    let x = stats.iter().find(|s| s.source.as_str() == "x").expect("a row for x");
    assert_eq!((x.orders, x.revenue_minor), (1, 2250), "one order, its shirts without shipping");
    assert!(stats.iter().all(|s| s.source.as_str() != "direct" || s.orders == 0), "nothing booked as direct");
}
