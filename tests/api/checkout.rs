//! Fans buying through the demo checkout, which drives the same order code as Stripe.

use crate::common::{TestApp, location, text};
use popshop::domain::OrderStatus;

#[tokio::test]
async fn a_fan_buys_through_the_demo_checkout() {
    let app = TestApp::spawn().await;
    let (drop_id, slug) = app.launch("Buy me now").await;
    let fan = app.into_new_visitor();

    let res = fan.buy(&slug, "M", "black", 2).await;
    assert_eq!(res.status().as_u16(), 303);
    let checkout = location(&res);
    assert!(checkout.starts_with("/demo-checkout/demo_cs_"), "{checkout}");
    let drop = fan.drop_by_slug(&slug).await;
    assert_eq!((drop.reserved, drop.sold, drop.checkouts_started), (2, 0, 1), "stock reserved before paying");

    let (_, page) = fan.get_html(&checkout).await;
    assert!(page.contains("Demo checkout — no money moves."));
    assert!(page.contains("Pay $50.00"));

    let res = fan.pay_demo(&checkout).await;
    assert_eq!(res.status().as_u16(), 303);
    let thanks = location(&res);
    assert!(thanks.starts_with(&format!("/d/{slug}/thanks?session_id=demo_cs_")), "{thanks}");
    let (status, html) = fan.get_html(&thanks).await;
    assert_eq!(status, 200);
    assert!(html.contains("Thank you!"));
    assert!(html.contains("You’re #1"));
    assert!(html.contains("$50.00"));
    assert!(!html.contains("http-equiv=\"refresh\""), "a paid order does not refresh");

    let drop = fan.drop_by_slug(&slug).await;
    assert_eq!((drop.reserved, drop.sold, drop.revenue_minor, drop.paid_orders), (0, 2, 5000, 1));
    let (_, store) = fan.get_html(&format!("/d/{slug}")).await;
    assert_eq!(text(&store, "[data-live=sold]"), "2", "storefront shows the sale");

    let orders = fan.state.store.orders_of_drop(&drop_id, &[OrderStatus::Paid], 10).await.unwrap();
    assert_eq!(orders.len(), 1);
    assert_eq!(orders[0].email.as_deref(), Some("fan@example.com"));
    assert_eq!(orders[0].shipping.as_ref().unwrap().one_line(), "Fán Ünïcode, 1 Main St, 10001 New York, US");
    assert_eq!(orders[0].number, Some(1));
}

#[tokio::test]
async fn the_artist_sees_orders_and_can_refund() {
    let app = TestApp::spawn().await;
    let (drop_id, slug) = app.launch("Refund me").await;
    let artist_client = app.client.clone();
    let fan = app.into_new_visitor();
    let res = fan.buy(&slug, "L", "black", 1).await;
    fan.pay_demo(&location(&res)).await;

    let artist = TestApp { client: artist_client, ..fan };
    let (_, dash) = artist.get_html(&format!("/dashboard/drops/{drop_id}")).await;
    assert!(dash.contains("fan@example.com"));
    assert!(dash.contains("1 Main St"));
    assert!(dash.contains("T-shirt, L, Black"), "the order's line");
    assert!(dash.contains("$25.00"));
    let order = artist.state.store.orders_of_drop(&drop_id, &[OrderStatus::Paid], 1).await.unwrap().remove(0);

    let res = artist
        .post_form(&format!("/dashboard/drops/{drop_id}/orders/{}/refund", order.id), &[("confirmed", "yes")])
        .await;
    assert_eq!(res.status().as_u16(), 303);
    let drop = artist.drop_by_slug(&slug).await;
    assert_eq!((drop.sold, drop.revenue_minor), (0, 0), "totals go down");
    let refunded = artist.state.store.order_by_id(&order.id).await.unwrap().unwrap();
    assert_eq!(refunded.status, OrderStatus::Refunded);
    let (_, list) = artist.get_html("/dashboard").await;
    assert!(list.contains("$0.00"));
}

#[tokio::test]
async fn cancelling_gives_the_stock_back() {
    let app = TestApp::spawn().await;
    let (_, slug) = app.launch("Cancel me").await;
    let res = app.buy(&slug, "S", "black", 3).await;
    let checkout = location(&res);
    let (_, html) = app.get_html(&checkout).await;
    let token = crate::common::extract_csrf(&html);
    let res = app
        .client
        .post(app.url(&checkout))
        .form(&[("csrf", token.as_str()), ("action", "cancel")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    let cancel_page = location(&res);
    let (status, html) = app.get_html(&cancel_page).await;
    assert_eq!(status, 200);
    assert_eq!(app.drop_by_slug(&slug).await.reserved, 3, "looking changes nothing");
    let order = cancel_page.rsplit("order=").next().unwrap().to_owned();
    assert!(html.contains(&order));
    let res = app.post_form(&format!("/d/{slug}/cancelled"), &[("order", &order)]).await;
    assert_eq!(location(&res), format!("/d/{slug}"));
    let drop = app.drop_by_slug(&slug).await;
    assert_eq!((drop.reserved, drop.sold), (0, 0));
    let (status, _) = app.get_html(&checkout).await;
    assert_eq!(status, 303, "a cancelled checkout cannot be paid");
}

#[tokio::test]
async fn limited_stock_says_how_many_are_left_and_then_sold_out() {
    let app = TestApp::spawn().await;
    app.sign_up("artist@example.com", "correct horse battery").await;
    app.launch_with(&[("slogan", "Only three"), ("stock", "3")]).await;
    let slug = "only-three";
    let first = app.buy(slug, "M", "black", 2).await;
    assert_eq!(first.status().as_u16(), 303);
    let too_many = app.buy(slug, "M", "black", 2).await;
    assert_eq!(too_many.status().as_u16(), 409);
    let html = too_many.text().await.unwrap();
    assert!(html.contains("Only 1 left"), "clear answer");
    assert!(html.contains("value=\"1\" selected"), "quantity lowered to what is left");
    assert_eq!(app.buy(slug, "M", "black", 1).await.status().as_u16(), 303);
    let sold_out = app.buy(slug, "M", "black", 1).await;
    assert_eq!(sold_out.status().as_u16(), 409);
    assert!(sold_out.text().await.unwrap().contains("Sold out"));
    let (_, store) = app.get_html(&format!("/d/{slug}")).await;
    assert_eq!(text(&store, "[data-live=left]"), "0");
}

#[tokio::test]
async fn ended_drops_refuse_checkouts() {
    let app = TestApp::spawn().await;
    let (id, slug) = app.launch("Over already").await;
    app.post_form(&format!("/dashboard/drops/{id}/end"), &[("confirmed", "yes")]).await;
    let res = app.buy(&slug, "M", "black", 1).await;
    assert_eq!(res.status().as_u16(), 409);
    assert!(res.text().await.unwrap().contains("This drop has ended"));
}

#[tokio::test]
async fn bad_picks_come_back_with_a_message() {
    let app = TestApp::spawn().await;
    let (_, slug) = app.launch("Pick well").await;
    for (size, colour, quantity, message) in [
        ("XXL", "black", "1", "Pick a size."),
        ("XS", "black", "1", "Pick a size."),
        ("M", "chartreuse", "1", "Pick a shirt colour."),
        ("M", "white", "1", "Pick a shirt colour."),
        ("M", "black", "0", "1 to 4 per order"),
        ("M", "black", "5", "1 to 4 per order"),
        ("M", "black", "11", "1 to 4 per order"),
        ("M", "black", "';DROP TABLE orders;--", "1 to 4 per order"),
    ] {
        let res = app
            .client
            .post(app.url(&format!("/d/{slug}/checkout")))
            .header("origin", &app.address)
            .form(&[("size", size), ("colour", colour), ("quantity", quantity)])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 422, "{size} {colour} {quantity}");
        assert!(res.text().await.unwrap().contains(message), "{message}");
    }
    let drop = app.drop_by_slug(&slug).await;
    assert_eq!(drop.checkouts_started, 0, "nothing reserved");
}

#[tokio::test]
async fn checkouts_are_rate_limited_per_client() {
    let app = TestApp::spawn_with(|s| s.checkout_rate_per_minute = 2).await;
    let (_, slug) = app.launch("Not so fast").await;
    assert_eq!(app.buy(&slug, "M", "black", 1).await.status().as_u16(), 303);
    assert_eq!(app.buy(&slug, "M", "black", 1).await.status().as_u16(), 303);
    let third = app.buy(&slug, "M", "black", 1).await;
    assert_eq!(third.status().as_u16(), 429);
    assert!(third.text().await.unwrap().contains("Slow down"));
}

#[tokio::test]
async fn the_sweeper_releases_expired_reservations() {
    let app = TestApp::spawn().await;
    let (_, slug) = app.launch("Sweep me").await;
    let res = app.buy(&slug, "M", "black", 4).await;
    let session = location(&res).trim_start_matches("/demo-checkout/").to_owned();
    let order = app.state.store.order_by_session(&session).await.unwrap().unwrap();
    assert_eq!(popshop::sales::sweep::sweep(&app.state.sales).await.unwrap().released, 0, "not expired yet");
    // The hold (10 minutes) runs out on the app's clock: nothing sleeps and
    // no row is rewritten.
    app.state.store.clock().advance(std::time::Duration::from_secs(10 * 60 + 1));
    assert_eq!(popshop::sales::sweep::sweep(&app.state.sales).await.unwrap().released, 1);
    let drop = app.drop_by_slug(&slug).await;
    assert_eq!(drop.reserved, 0);
    assert_eq!(app.state.store.order_by_id(&order.id).await.unwrap().unwrap().status, OrderStatus::Expired);
    let (_, html) = app.get_html(&format!("/d/{slug}/thanks?session_id={session}")).await;
    assert!(html.contains("Checkout not completed"));
}

#[tokio::test]
async fn the_thanks_page_waits_for_the_payment() {
    let app = TestApp::spawn().await;
    let (_, slug) = app.launch("Wait for it").await;
    let res = app.buy(&slug, "M", "black", 1).await;
    let session = location(&res).trim_start_matches("/demo-checkout/").to_owned();
    let (status, html) = app.get_html(&format!("/d/{slug}/thanks?session_id={session}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Payment processing…"));
    assert!(html.contains("http-equiv=\"refresh\""));
    let (status, _) = app.get_html(&format!("/d/{slug}/thanks?session_id=nope")).await;
    assert_eq!(status, 404);
    let (status, _) = app.get_html(&format!("/d/other-slug/thanks?session_id={session}")).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn the_storefront_is_the_same_cacheable_bytes_for_everyone() {
    let app = TestApp::spawn().await;
    let (_, slug) = app.launch("Same for everyone").await;
    let url = app.url(&format!("/d/{slug}"));
    let plain = reqwest::Client::builder().no_gzip().no_brotli().build().unwrap();
    let first = plain.get(&url).send().await.unwrap();
    assert_eq!(first.status().as_u16(), 200);
    assert!(first.headers().get("set-cookie").is_none(), "no cookie, nothing per visitor");
    let cache_control = first.headers()["cache-control"].to_str().unwrap().to_owned();
    assert!(cache_control.starts_with("public, max-age=0, s-maxage="), "{cache_control}");
    assert!(cache_control.contains("stale-while-revalidate="), "{cache_control}");
    assert_eq!(first.headers()["vary"], "Accept-Encoding");
    let etag = first.headers()["etag"].to_str().unwrap().to_owned();
    assert!(etag.starts_with('"') && !etag.starts_with("W/"), "a strong ETag: {etag}");
    let html = first.text().await.unwrap();
    assert!(!html.contains("name=\"csrf\""), "no per-visitor token in the buy form");
    let second = app.other_visitor().get(&url).header("accept-encoding", "identity").send().await.unwrap();
    assert_eq!(second.headers()["etag"].to_str().unwrap(), etag);
    assert_eq!(second.text().await.unwrap(), html, "byte for byte the same");

    let again = plain.get(&url).header("if-none-match", &etag).send().await.unwrap();
    assert_eq!(again.status().as_u16(), 304);
    assert_eq!(again.headers()["etag"].to_str().unwrap(), etag);

    // Compressed once, negotiated per request.
    for (accept, coding) in [("gzip, deflate, br", "br"), ("gzip", "gzip")] {
        let res = plain.get(&url).header("accept-encoding", accept).send().await.unwrap();
        assert_eq!(res.headers()["content-encoding"], coding);
        let packed = res.bytes().await.unwrap();
        assert!(packed.len() < html.len() / 2, "{coding}: {} of {} bytes", packed.len(), html.len());
        assert!(packed.len() < 4 * 1024, "{coding}: {} bytes over the wire", packed.len());
    }

    // A sale changes the page, and so its ETag.
    let res = app.buy(&slug, "M", "black", 1).await;
    assert_eq!(res.status().as_u16(), 303);
    app.pay_demo(&crate::common::location(&res)).await;
    let after = plain.get(&url).header("if-none-match", &etag).send().await.unwrap();
    assert_eq!(after.status().as_u16(), 200);
    assert_ne!(after.headers()["etag"].to_str().unwrap(), etag);
}

#[tokio::test]
async fn a_buy_from_another_site_is_refused_and_one_without_origin_is_confirmed_first() {
    let app = TestApp::spawn().await;
    let (_, slug) = app.launch("Only from here").await;
    let url = app.url(&format!("/d/{slug}/checkout"));
    let picks = [("size", "M"), ("colour", "black"), ("quantity", "1")];
    for (name, value) in [("origin", "https://evil.example"), ("sec-fetch-site", "cross-site"), ("origin", "null")] {
        let res = app.client.post(&url).header(name, value).form(&picks).send().await.unwrap();
        if value == "null" {
            assert_eq!(res.status().as_u16(), 200, "an opaque origin is asked to confirm");
            continue;
        }
        assert_eq!(res.status().as_u16(), 403, "{name}: {value}");
    }
    // A browser that sends neither header: a confirmation page with a token.
    let res = app.client.post(&url).form(&picks).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("Confirm your order") && html.contains("Continue to payment"));
    let token = crate::common::extract_csrf(&html);
    let res =
        app.client.post(&url).form(&[("csrf", token.as_str()), ("size", "M"), ("colour", "black"), ("quantity", "1")]);
    let res = res.send().await.unwrap();
    assert_eq!(res.status().as_u16(), 303, "confirmed with the token");
    assert_eq!(app.drop_by_slug(&slug).await.checkouts_started, 1, "one checkout, not two");
}
