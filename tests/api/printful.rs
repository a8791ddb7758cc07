//! Print on demand with Printful (issue 16, part 3), against a stand-in that
//! holds every request to Printful's published v2 reference
//! (`tests/common/printful_standin.rs`): a paid order is placed once after
//! the cooling-off, confirmed, shipped by Printful's signed event (the fan
//! mailed once), and Printful's refusals, incidents and lost answers never
//! lose an order or place it twice.

use crate::common::printful_standin::{self, PrintfulStandIn, STORE_ID, TOKEN, WEBHOOK_SECRET};
use crate::common::{TestApp, location};
use popshop::config::PrintfulSettings;
use popshop::domain::{Fulfilment, Order};
use std::time::Duration;

/// How late a lost answer comes, and how long popshop waits for one.
const LATE: Duration = Duration::from_millis(1500);
const TIMEOUT: Duration = Duration::from_millis(400);

async fn with_printful(standin: &PrintfulStandIn, delay: Duration) -> TestApp {
    let base = standin.uri();
    TestApp::spawn_with(move |s| {
        s.printful = Some(PrintfulSettings {
            token: TOKEN.to_owned().into(),
            store_id: Some(STORE_ID.to_owned()),
            api_base: base,
            webhook_secret: WEBHOOK_SECRET.to_owned().into(),
            timeout: TIMEOUT,
            poll: Duration::from_millis(40),
            retry: Duration::from_millis(60),
            rate_per_minute: 120,
        });
        s.production_delay = delay;
    })
    .await
}

/// One paid order of a new drop, by a fan with an address.
async fn paid_order(app: &TestApp, slug: &str, fan: &str) -> Order {
    let shell = TestApp::spawn_shell(app);
    let res = shell.buy(slug, "M", "black", 2).await;
    assert_eq!(res.status().as_u16(), 303);
    let checkout = location(&res);
    shell.pay_demo_as(&checkout, fan).await;
    let session = checkout.trim_start_matches("/demo-checkout/");
    app.state.store.order_by_session(session).await.unwrap().unwrap()
}

async fn now(app: &TestApp, order: &Order) -> Order {
    app.state.store.order_by_id(&order.id).await.unwrap().unwrap()
}

/// Waits (at most 10 s) until `order` is in `state`.
async fn reaches(app: &TestApp, order: &Order, state: Fulfilment) -> Order {
    for _ in 0..500 {
        let current = now(app, order).await;
        if current.way.fulfilment == state {
            return current;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("order {} never reached {state:?}: {:?}", order.id, now(app, order).await.way);
}

/// Orders Printful holds; never two for one of popshop's.
fn creates(standin: &PrintfulStandIn) -> usize {
    let orders = standin.orders();
    let mut ids: Vec<String> = orders.iter().map(|o| o["external_id"].as_str().unwrap().to_owned()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), orders.len(), "an order placed twice: {orders:#?}");
    orders.len()
}

fn all_on_spec(standin: &PrintfulStandIn) {
    let refused: Vec<_> = standin.seen().into_iter().filter(|s| s.refused.is_some()).collect();
    assert!(refused.is_empty(), "requests Printful's reference refuses ({}): {refused:#?}", standin.spec.source);
    assert_eq!(standin.off_spec(), Vec::<String>::new());
}

async fn post_event(app: &TestApp, body: &str, signature: Option<&str>) -> (u16, String) {
    let mut req = app.client.post(app.url("/webhooks/printful")).header("content-type", "application/json");
    if let Some(signature) = signature {
        req = req.header("x-pf-webhook-signature", signature);
    }
    let res = req.body(body.to_owned()).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// `days` before the app's now, as Printful writes `occurred_at`.
fn days_ago(app: &TestApp, days: i64) -> String {
    let at = app.state.store.now_ms() - days * 24 * 3600 * 1000;
    chrono::DateTime::from_timestamp_millis(at).unwrap().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[tokio::test]
async fn a_paid_order_is_made_by_printful_once_and_ships_with_its_carrier_and_one_mail() {
    let standin = PrintfulStandIn::start(LATE).await;
    let app = with_printful(&standin, Duration::ZERO).await;
    let (drop_id, slug) = app.launch_confirmed("Printed far away").await;
    let order = paid_order(&app, &slug, "far@example.com").await;
    let placed = reaches(&app, &order, Fulfilment::InProduction).await;
    assert!(placed.way.produced_at.is_some());
    all_on_spec(&standin);

    // What Printful got: popshop's id, the recipient, Black M of the
    // Bella+Canvas 3001, twice, the print file on the front.
    let at_printful = standin.order_for(order.id.as_str()).expect("placed at Printful");
    assert_eq!(at_printful["status"], "pending", "confirmed");
    let create = standin.seen().into_iter().find(|s| s.operation == "POST /v2/orders").unwrap();
    assert_eq!(create.body["recipient"]["address1"], "1 Main St");
    assert_eq!(create.body["recipient"]["country_code"], "US");
    let item = &create.body["order_items"][0];
    assert_eq!((item["catalog_variant_id"].as_i64(), item["quantity"].as_i64()), (Some(4017), Some(2)));
    assert_eq!(item["placements"][0]["placement"], "front");
    let file = item["placements"][0]["layers"][0]["url"].as_str().unwrap().to_owned();
    assert!(file.starts_with(&format!("{}/print-files/{drop_id}/black/", app.address)), "{file}");

    // The print file is the 300 DPI PNG, to whoever has the address, and
    // to nobody with it changed.
    let res = app.client.get(&file).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let png = res.bytes().await.unwrap();
    assert_eq!(&png[1..4], b"PNG");
    let (w, h) =
        (u32::from_be_bytes(png[16..20].try_into().unwrap()), u32::from_be_bytes(png[20..24].try_into().unwrap()));
    assert_eq!((w, h), (3600, 4800));
    // The signature's last digit changed (to another digit).
    let last = if file.ends_with("0.png") { "1" } else { "0" };
    let forged = format!("{}{last}.png", &file[..file.len() - 5]);
    assert_eq!(app.client.get(&forged).send().await.unwrap().status().as_u16(), 404);
    let other_colour = file.replace("/black/", "/white/");
    assert_eq!(app.client.get(&other_colour).send().await.unwrap().status().as_u16(), 404);

    // The drop's page: Printful's cost and what the artist keeps.
    let (_, page) = app.get_html(&format!("/dashboard/drops/{drop_id}")).await;
    assert!(page.contains("$14.64"), "Printful's cost on the drop page");
    assert!(page.contains("At Printful"));

    // Printful ships: the carrier comes from the order's shipments.
    let printful_id = at_printful["id"].as_i64().unwrap();
    standin.ship(printful_id, "USPS", "9400111899223856928499");
    let (body, signature) = standin.event("shipment_sent", printful_id, &days_ago(&app, 0), None);
    assert_eq!(post_event(&app, &body, Some(&signature)).await, (200, "applied".into()));
    let shipped = now(&app, &order).await;
    assert_eq!(shipped.way.fulfilment, Fulfilment::Shipped);
    assert_eq!(shipped.way.carrier.map(|c| c.key), Some("usps"));
    assert_eq!(shipped.way.tracking_number, "9400111899223856928499");
    assert_eq!(shipped.way.tracking_url.as_deref(), Some("https://www.printful.com/tracking/9400111899223856928499"));
    all_on_spec(&standin);

    // The same event again (Printful retries, or someone replays it):
    // nothing changes, and the fan hears once.
    assert_eq!(post_event(&app, &body, Some(&signature)).await, (200, "replayed".into()));
    // Tampered with, unsigned, signed with another key, or stale: refused.
    let tampered = body.replace("9400111899223856928499", "9400111899223856928400");
    assert_eq!(post_event(&app, &tampered, Some(&signature)).await.0, 401);
    assert_eq!(post_event(&app, &body, None).await.0, 401);
    let other_key = printful_standin::sign("00112233", body.as_bytes());
    assert_eq!(post_event(&app, &body, Some(&other_key)).await.0, 401);
    let old = days_ago(&app, 10);
    let (stale, stale_signature) = standin.event("shipment_delivered", printful_id, &old, None);
    assert_eq!(post_event(&app, &stale, Some(&stale_signature)).await.0, 400);
    assert_eq!(now(&app, &order).await.way.fulfilment, Fulfilment::Shipped);

    let (delivered, delivered_signature) = standin.event("shipment_delivered", printful_id, &days_ago(&app, 0), None);
    assert_eq!(post_event(&app, &delivered, Some(&delivered_signature)).await, (200, "applied".into()));
    assert_eq!(now(&app, &order).await.way.fulfilment, Fulfilment::Delivered);

    let mut shipped_mails = 0;
    for _ in 0..100 {
        shipped_mails =
            app.mails().iter().filter(|(to, s, _)| to.contains("far@example.com") && s.contains("on its way")).count();
        if shipped_mails > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mails = app.mails();
    let on_its_way: Vec<_> =
        mails.iter().filter(|(to, s, _)| to.contains("far@example.com") && s.contains("on its way")).collect();
    assert_eq!((shipped_mails, on_its_way.len()), (1, 1), "{mails:#?}");
    assert!(on_its_way[0].2.contains("https://www.printful.com/tracking/9400111899223856928499"));
    assert_eq!(creates(&standin), 1, "one order at Printful");
}

#[tokio::test]
async fn incidents_lost_answers_and_slow_costs_never_order_twice_and_refusals_show_why() {
    let standin = PrintfulStandIn::start(LATE).await;
    let app = with_printful(&standin, Duration::ZERO).await;
    let (drop_id, slug) = app.launch_confirmed("Printed whatever happens").await;

    // Printful saves the order but its answer comes after popshop gave up;
    // the next try finds it by popshop's id instead of ordering again.
    standin.lose_next_answer();
    let lost = paid_order(&app, &slug, "lost@example.com").await;
    reaches(&app, &lost, Fulfilment::InProduction).await;
    assert_eq!(creates(&standin), 1, "{:#?}", standin.seen());

    // An incident (500s), then costs worked out slowly: tried again until placed.
    standin.fail_next(2);
    standin.calculate_slowly();
    let unlucky = paid_order(&app, &slug, "unlucky@example.com").await;
    reaches(&app, &unlucky, Fulfilment::InProduction).await;
    assert_eq!(creates(&standin), 2);
    assert_eq!(standin.order_for(unlucky.id.as_str()).unwrap()["status"], "pending");
    all_on_spec(&standin);

    // Printful refuses an order: it stops there, and the artist sees why.
    standin.refuse_next("Recipient address is not valid: state_code is required for US");
    let refused = paid_order(&app, &slug, "refused@example.com").await;
    let refused = reaches(&app, &refused, Fulfilment::PrinterRefused).await;
    assert!(refused.way.note.contains("state_code is required"), "{:?}", refused.way);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let tries = standin.seen().iter().filter(|s| s.body["external_id"] == refused.id.as_str()).count();
    assert_eq!((creates(&standin), tries), (2, 1), "a refusal is not retried");
    let (_, page) = app.get_html(&format!("/dashboard/drops/{drop_id}")).await;
    assert!(page.contains("Refused by Printful") && page.contains("state_code is required"));
    assert!(
        page.contains("Fix the order in Printful&#39;s dashboard")
            || page.contains("Fix the order in Printful's dashboard")
    );

    // Printful fails or cancels a placed order later: the same.
    let printful_id = standin.order_for(lost.id.as_str()).unwrap()["id"].as_i64().unwrap();
    let (body, signature) =
        standin.event("order_failed", printful_id, &days_ago(&app, 0), Some("The blank is out of stock"));
    assert_eq!(post_event(&app, &body, Some(&signature)).await, (200, "applied".into()));
    let failed = now(&app, &lost).await;
    assert_eq!(failed.way.fulfilment, Fulfilment::PrinterRefused);
    assert_eq!(failed.way.note, "The blank is out of stock");
    // An event about an order that is not popshop's changes nothing.
    let (body, signature) = standin.event("order_canceled", printful_id, &days_ago(&app, 0), Some("again"));
    assert_eq!(post_event(&app, &body, Some(&signature)).await, (200, "ignored".into()));
    all_on_spec(&standin);
}

#[tokio::test]
async fn an_order_refunded_in_the_cooling_off_never_reaches_printful() {
    let standin = PrintfulStandIn::start(LATE).await;
    let app = with_printful(&standin, Duration::from_secs(3600)).await;
    let (drop_id, slug) = app.launch_confirmed("Changed my mind").await;
    let order = paid_order(&app, &slug, "undecided@example.com").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(creates(&standin), 0, "an hour's cooling-off");
    let res =
        app.post_form(&format!("/dashboard/drops/{drop_id}/orders/{}/refund", order.id), &[("confirmed", "yes")]).await;
    assert!(res.status().is_redirection(), "{}", res.status());
    assert_eq!(now(&app, &order).await.status, popshop::domain::OrderStatus::Refunded);
    let (_, page) = app.get_html(&format!("/dashboard/drops/{drop_id}")).await;
    assert!(page.contains("60 minutes after payment"));
    assert_eq!(creates(&standin), 0);
}

#[tokio::test]
async fn with_printful_on_a_colour_or_size_it_lacks_is_refused_at_launch() {
    let standin = PrintfulStandIn::start(LATE).await;
    let app = with_printful(&standin, Duration::ZERO).await;
    assert_eq!(app.sign_up("lacks@example.com", "correct horse battery").await.status().as_u16(), 303);
    let res = app.launch_with(&[("colours", "black"), ("colours", "heather")]).await;
    assert_eq!(res.status().as_u16(), 422);
    let page = res.text().await.unwrap();
    assert!(page.contains("Printful prints this shirt in White, Black, Navy. Untick Heather grey"), "{page:.0}");
    let res = app.launch_with(&[("sizes", "XS"), ("sizes", "M")]).await;
    assert_eq!(res.status().as_u16(), 422);
    let page = res.text().await.unwrap();
    assert!(page.contains("Untick XS"), "{page:.0}");
    // Black from S to 3XL is Printful's: the drop launches, to be printed there.
    let res = app.launch_with(&[("sizes", "S"), ("sizes", "3XL")]).await;
    assert_eq!(res.status().as_u16(), 303);
    let id = location(&res).trim_start_matches("/dashboard/drops/").split('?').next().unwrap().to_owned();
    let drop = app.state.store.drop_by_id(&id).await.unwrap().unwrap();
    assert_eq!(drop.printer, popshop::domain::Printer::Printful);
}
