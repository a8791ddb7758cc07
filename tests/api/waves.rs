//! A second wave (issue 11, part 4): an ended or sold-out drop opens again
//! with more shirts, a new end and a new price; everything earlier is kept.

use crate::common::{TestApp, location};
use crate::live::Events;

async fn sell(app: &TestApp, slug: &str, quantity: u32) {
    let fan = TestApp::spawn_shell(app);
    let res = fan.buy(slug, "M", "black", quantity).await;
    assert_eq!(res.status().as_u16(), 303, "checkout");
    fan.pay_demo(&location(&res)).await;
}

#[tokio::test]
async fn a_sold_out_drop_opens_a_second_wave_and_keeps_everything_earlier() {
    let app = TestApp::spawn().await;
    app.sign_up("waves@example.com", "correct horse battery").await;
    let res = app.launch_with(&[("slogan", "Second wave"), ("stock", "2"), ("colours", "black")]).await;
    let drop_id = location(&res).trim_start_matches("/dashboard/drops/").split('?').next().unwrap().to_owned();
    sell(&app, "second-wave", 2).await;
    let (_, shop) = app.get_html("/d/second-wave").await;
    assert!(shop.contains("state-sold-out"));
    let mut viewer = Events::open(&app, "second-wave", None).await;
    assert_eq!(viewer.next().await.1["state"], "sold-out");

    // A live drop has no wave to open.
    let (_, page) = app.get_html(&format!("/dashboard/drops/{drop_id}")).await;
    assert!(page.contains("Open a second wave"));

    // Bad input comes back beside its field, with what was typed.
    let reopen = format!("/dashboard/drops/{drop_id}/reopen");
    let res = app.post_form(&reopen, &[("add_stock", ""), ("hours", "soon"), ("price", "free")]).await;
    assert_eq!(res.status().as_u16(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"add-stock-error\"") && html.contains("id=\"hours-error\""));
    assert!(html.contains("id=\"price-error\"") && html.contains("value=\"soon\"") && html.contains("value=\"free\""));
    assert_eq!(app.state.store.drop_by_id(&drop_id).await.unwrap().unwrap().wave, 1, "nothing changed");

    // Three more shirts, two hours, $30: the same link sells again.
    let res = app.post_form(&reopen, &[("add_stock", "3"), ("hours", "2"), ("price", "30")]).await;
    assert_eq!(location(&res), format!("/dashboard/drops/{drop_id}?wave=2"));
    let (_, shop) = app.get_html("/d/second-wave").await;
    assert!(shop.contains("state-live") && shop.contains("$30.00"), "live again at the new price");
    let (_, live) = viewer.until(|t| t["state"] == "live").await;
    assert_eq!((live["sold"].clone(), live["left"].clone()), (2.into(), 3.into()), "counters carry on");
    sell(&app, "second-wave", 1).await;
    let drop = app.state.store.drop_by_id(&drop_id).await.unwrap().unwrap();
    assert_eq!((drop.wave, drop.sold, drop.revenue_minor), (2, 3, 8000), "$50 from wave 1, $30 from wave 2");
    assert!(drop.ends_at.is_some_and(|end| end > app.state.store.now_ms()));
    let (_, page) = app.get_html(&format!("/dashboard/drops/{drop_id}?wave=2")).await;
    assert!(page.contains("Wave 2 is live"));
    assert!(page.contains("class=\"wave\"") && page.contains("Wave 2"), "the chart marks the wave");
    assert!(page.contains("#1") && page.contains("#2") && page.contains("#3"), "every order kept, numbers go on");

    // While live, a second reopen changes nothing.
    let res = app.post_form(&reopen, &[("add_stock", "5")]).await;
    assert_eq!(location(&res), format!("/dashboard/drops/{drop_id}"));
    assert_eq!(app.state.store.drop_by_id(&drop_id).await.unwrap().unwrap().wave, 2);
    // Another artist cannot.
    let other = TestApp::spawn_shell(&app);
    other.sign_up("other@example.com", "correct horse battery").await;
    assert_eq!(other.post_form(&reopen, &[("add_stock", "5")]).await.status().as_u16(), 404);
}

#[tokio::test]
async fn an_ended_drop_with_unlimited_stock_reopens_without_an_end() {
    let app = TestApp::spawn().await;
    let (drop_id, slug) = app.launch("Ended early").await;
    app.post_form(&format!("/dashboard/drops/{drop_id}/end"), &[("confirmed", "yes")]).await;
    let (_, shop) = app.get_html(&format!("/d/{slug}")).await;
    assert!(shop.contains("state-ended"));
    let res = app.post_form(&format!("/dashboard/drops/{drop_id}/reopen"), &[]).await;
    assert_eq!(location(&res), format!("/dashboard/drops/{drop_id}?wave=2"));
    let drop = app.state.store.drop_by_id(&drop_id).await.unwrap().unwrap();
    assert_eq!((drop.ended_at, drop.ends_at, drop.stock), (None, None, None), "open until ended, unlimited");
    let (_, shop) = app.get_html(&format!("/d/{slug}")).await;
    assert!(shop.contains("id=\"buy\""));
}

#[tokio::test]
async fn a_checkout_charges_the_price_in_the_drops_row_not_an_instances_stale_copy() {
    let app = TestApp::spawn().await;
    let other = app.spawn_sibling().await;
    let (drop_id, slug) = app.launch("Price moves").await;
    // The other instance has the drop in its cache at $25.00…
    let (_, page) = other.get_html(&format!("/d/{slug}")).await;
    assert!(page.contains("$25.00"));
    // …when a second wave's price reaches the database, before any word of
    // it reaches that instance (written here with no announcement at all).
    sqlx::query("UPDATE drops SET price_minor = 3000, wave = wave + 1 WHERE id = $1")
        .bind(&drop_id)
        .execute(app.state.store.pool())
        .await
        .unwrap();
    // A wave's price is its first product's too (the same transaction).
    sqlx::query("UPDATE drop_products SET price_minor = 3000 WHERE drop_id = $1 AND position = 0")
        .bind(&drop_id)
        .execute(app.state.store.pool())
        .await
        .unwrap();
    let res = other.buy(&slug, "M", "black", 2).await;
    assert_eq!(res.status().as_u16(), 303);
    let session = crate::common::location(&res).trim_start_matches("/demo-checkout/").to_owned();
    let order = other.state.store.order_by_session(&session).await.unwrap().unwrap();
    assert_eq!((order.unit_amount.minor(), order.amount.minor()), (3000, 6000), "the new price, never the stale one");
}

#[tokio::test]
async fn fans_of_a_sold_out_drop_hear_once_when_it_is_back() {
    let app = TestApp::spawn().await;
    app.sign_up("restock@example.com", "correct horse battery").await;
    let res = app.launch_with(&[("slogan", "Back again"), ("stock", "1"), ("colours", "black")]).await;
    let drop_id = location(&res).trim_start_matches("/dashboard/drops/").split('?').next().unwrap().to_owned();
    let fan = TestApp::spawn_shell(&app);
    // While it sells, there is no list to join.
    let (_, live) = fan.get_html("/d/back-again").await;
    assert!(!live.contains("id=\"restock\""));
    sell(&app, "back-again", 1).await;

    // Sold out: no Buy button, the bar is marked inactive, and a form asks
    // for an address (no account, no JavaScript).
    let (_, shop) = fan.get_html("/d/back-again").await;
    assert!(!shop.contains("id=\"buy\"") && shop.contains("aria-disabled=\"true\""));
    assert!(shop.contains("action=\"/d/back-again/restock#restock\"") && shop.contains("Tell me when it’s back"));
    // A bad address comes back beside the field, as typed.
    let res = fan.post_form("/d/back-again/restock", &[("email", "not an address")]).await;
    assert_eq!(res.status().as_u16(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"restock-error\"") && html.contains("value=\"not an address\""), "{html:.200}");
    // A good one is on the list; twice is still once.
    for _ in 0..2 {
        let res = fan.post_form("/d/back-again/restock", &[("email", " Fan@Example.com ")]).await;
        assert_eq!(res.status().as_u16(), 200);
        assert!(res.text().await.unwrap().contains("You’re on the list"));
    }
    fan.post_form("/d/back-again/restock", &[("email", "other@example.com")]).await;
    assert_eq!(app.state.store.waiting_for(&drop_id).await.unwrap(), 2);

    // The artist opens a second wave: each address gets one mail, with the
    // link, and the list is empty; a third wave mails nobody again.
    let reopen = format!("/dashboard/drops/{drop_id}/reopen");
    assert_eq!(app.post_form(&reopen, &[("add_stock", "5")]).await.status().as_u16(), 303);
    let mail = app.mail_to("fan@example.com", "is back").await;
    assert!(mail.contains("/d/back-again") && mail.contains("Shirts in this wave"), "{mail}");
    app.mail_to("other@example.com", "is back").await;
    assert_eq!(app.state.store.waiting_for(&drop_id).await.unwrap(), 0);
    let (_, shop) = fan.get_html("/d/back-again").await;
    assert!(shop.contains("id=\"buy\""), "back on sale");
    // Asking while it is live again just shows the page.
    assert_eq!(fan.post_form("/d/back-again/restock", &[("email", "late@example.com")]).await.status().as_u16(), 200);
    assert_eq!(app.state.store.waiting_for(&drop_id).await.unwrap(), 0);
    sell(&app, "back-again", 4).await;
    sell(&app, "back-again", 1).await;
    assert_eq!(app.post_form(&reopen, &[("add_stock", "5")]).await.status().as_u16(), 303);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let back: Vec<_> = app.mails().into_iter().filter(|(_, s, _)| s.contains("is back")).collect();
    assert_eq!(back.len(), 2, "one each, never again: {back:?}");
}
