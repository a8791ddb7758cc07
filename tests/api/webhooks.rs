//! Payment events signed as Stripe signs them, built from Stripe's own example
//! objects: valid, forged, stale, tampered, replayed, out of order.

use crate::common::{TestApp, location};
use popshop::domain::{Order, OrderStatus, ShippingAddress};
use popshop::payments::events::{SessionFacts, charge_dispute_event, charge_refunded_event, session_event, sign};
use secrecy::ExposeSecret;

fn now() -> i64 {
    popshop::clock::system_now_secs()
}

fn facts(order: &Order, payment_status: &str) -> SessionFacts {
    SessionFacts {
        session_id: order.session_id.clone().unwrap(),
        order_id: order.id.clone(),
        payment_status: payment_status.into(),
        amount_total: order.amount.minor(),
        currency: "usd".into(),
        email: Some("hook@example.com".into()),
        name: Some("Hook Buyer".into()),
        shipping: Some(ShippingAddress {
            name: "Hook Buyer".into(),
            line1: "2 Side St".into(),
            postal_code: "02134".into(),
            city: "Boston".into(),
            country: "US".into(),
            ..Default::default()
        }),
        payment_intent: Some(format!("pi_{}", order.id)),
        ..Default::default()
    }
}

impl TestApp {
    fn secret(&self) -> String {
        self.state.sales.payments.webhook_secret().expose_secret().to_owned()
    }

    async fn post_event(&self, body: &str, signature: Option<&str>) -> u16 {
        let mut req = self
            .client
            .post(self.url("/webhooks/stripe"))
            .header("content-type", "application/json")
            .body(body.to_owned());
        if let Some(sig) = signature {
            req = req.header("stripe-signature", sig);
        }
        req.send().await.unwrap().status().as_u16()
    }

    async fn deliver(&self, body: &str) -> u16 {
        let sig = sign(body, &self.secret(), now());
        self.post_event(body, Some(&sig)).await
    }

    async fn pending_order(&self, slug: &str, quantity: u32) -> Order {
        let res = self.buy(slug, "M", "black", quantity).await;
        assert_eq!(res.status().as_u16(), 303);
        let session = location(&res).trim_start_matches("/demo-checkout/").to_owned();
        self.state.store.order_by_session(&session).await.unwrap().unwrap()
    }

    async fn status_of(&self, order: &Order) -> OrderStatus {
        self.state.store.order_by_id(&order.id).await.unwrap().unwrap().status
    }
}

#[tokio::test]
async fn a_signed_completed_event_marks_the_order_paid() {
    let app = TestApp::spawn().await;
    let (_, slug) = app.launch("Hooked").await;
    let order = app.pending_order(&slug, 2).await;
    let body = session_event("evt_paid_1", "checkout.session.completed", &facts(&order, "paid"), now());
    assert_eq!(app.deliver(&body).await, 200);
    let paid = app.state.store.order_by_id(&order.id).await.unwrap().unwrap();
    assert_eq!(paid.status, OrderStatus::Paid);
    assert_eq!(paid.email.as_deref(), Some("hook@example.com"));
    assert_eq!(paid.shipping.unwrap().city, "Boston");
    assert_eq!(paid.payment_intent, Some(format!("pi_{}", order.id)));
    let drop = app.drop_by_slug(&slug).await;
    assert_eq!((drop.sold, drop.reserved, drop.revenue_minor), (2, 0, 5000));
}

#[tokio::test]
async fn forged_stale_tampered_and_unsigned_events_get_400_and_change_nothing() {
    let app = TestApp::spawn().await;
    let (_, slug) = app.launch("Forge me").await;
    let order = app.pending_order(&slug, 1).await;
    let body = session_event("evt_forged", "checkout.session.completed", &facts(&order, "paid"), now());
    let secret = app.secret();
    let wrong_secret = sign(&body, "whsec_not_ours", now());
    let stale = sign(&body, &secret, now() - 6 * 60);
    let tampered = body.replace("\"paid\"", "\"unpaid\"");
    assert_eq!(app.post_event(&body, Some(&wrong_secret)).await, 400);
    assert_eq!(app.post_event(&body, Some(&stale)).await, 400);
    assert_eq!(app.post_event(&tampered, Some(&sign(&body, &secret, now()))).await, 400);
    assert_eq!(app.post_event(&body, None).await, 400);
    assert_eq!(app.post_event(&body, Some("t=1,v1=deadbeef")).await, 400);
    assert_eq!(app.post_event("\u{0}\u{1}not json", Some("x")).await, 400);
    assert_eq!(app.status_of(&order).await, OrderStatus::Pending);
    // The same event, properly signed, is then accepted: nothing was recorded as processed.
    assert_eq!(app.deliver(&body).await, 200);
    assert_eq!(app.status_of(&order).await, OrderStatus::Paid);
}

#[tokio::test]
async fn replays_and_duplicates_count_once() {
    let app = TestApp::spawn().await;
    let (_, slug) = app.launch("Once only").await;
    let order = app.pending_order(&slug, 3).await;
    let body = session_event("evt_dup", "checkout.session.completed", &facts(&order, "paid"), now());
    for _ in 0..3 {
        assert_eq!(app.deliver(&body).await, 200, "replay answered 200");
    }
    let again = session_event("evt_dup_other_id", "checkout.session.completed", &facts(&order, "paid"), now());
    assert_eq!(app.deliver(&again).await, 200);
    let drop = app.drop_by_slug(&slug).await;
    assert_eq!((drop.sold, drop.paid_orders, drop.revenue_minor), (3, 1, 7500));
}

#[tokio::test]
async fn expired_before_completed_ends_paid_when_stock_allows() {
    let app = TestApp::spawn().await;
    let (_, slug) = app.launch("Out of order").await;
    let order = app.pending_order(&slug, 1).await;
    let expired = session_event("evt_exp", "checkout.session.expired", &facts(&order, "unpaid"), now());
    let completed = session_event("evt_done", "checkout.session.completed", &facts(&order, "paid"), now());
    assert_eq!(app.deliver(&expired).await, 200);
    assert_eq!(app.status_of(&order).await, OrderStatus::Expired);
    assert_eq!(app.drop_by_slug(&slug).await.reserved, 0);
    assert_eq!(app.deliver(&completed).await, 200);
    assert_eq!(app.status_of(&order).await, OrderStatus::Paid);
    // And the other order of delivery ends the same way.
    let other = app.pending_order(&slug, 1).await;
    let completed = session_event("evt_done2", "checkout.session.completed", &facts(&other, "paid"), now());
    let expired = session_event("evt_exp2", "checkout.session.expired", &facts(&other, "unpaid"), now());
    assert_eq!(app.deliver(&completed).await, 200);
    assert_eq!(app.deliver(&expired).await, 200);
    assert_eq!(app.status_of(&other).await, OrderStatus::Paid);
    let drop = app.drop_by_slug(&slug).await;
    assert_eq!((drop.sold, drop.reserved), (2, 0));
}

#[tokio::test]
async fn a_late_payment_for_stock_sold_meanwhile_is_refunded_not_oversold() {
    let app = TestApp::spawn().await;
    app.sign_up("a@example.com", "correct horse battery").await;
    app.launch_with(&[("slogan", "Last one"), ("stock", "1")]).await;
    let late = app.pending_order("last-one", 1).await;
    let expired = session_event("evt_e", "checkout.session.expired", &facts(&late, "unpaid"), now());
    assert_eq!(app.deliver(&expired).await, 200);
    let winner = app.pending_order("last-one", 1).await;
    let win = session_event("evt_w", "checkout.session.completed", &facts(&winner, "paid"), now());
    assert_eq!(app.deliver(&win).await, 200);
    let too_late = session_event("evt_l", "checkout.session.completed", &facts(&late, "paid"), now());
    assert_eq!(app.deliver(&too_late).await, 200);
    assert_eq!(app.status_of(&late).await, OrderStatus::Refunded, "refunded at once by the demo provider");
    let drop = app.drop_by_slug("last-one").await;
    assert_eq!((drop.sold, drop.reserved, drop.stock), (1, 0, Some(1)), "never oversold");
}

#[tokio::test]
async fn slow_payment_methods_hold_stock_until_they_clear_or_fail() {
    let app = TestApp::spawn().await;
    let (_, slug) = app.launch("Bank transfer").await;
    let ok = app.pending_order(&slug, 1).await;
    let bad = app.pending_order(&slug, 2).await;
    for (order, id) in [(&ok, "evt_u1"), (&bad, "evt_u2")] {
        let body = session_event(id, "checkout.session.completed", &facts(order, "unpaid"), now());
        assert_eq!(app.deliver(&body).await, 200);
        assert_eq!(app.status_of(order).await, OrderStatus::Processing);
    }
    assert_eq!(app.drop_by_slug(&slug).await.reserved, 3);
    let succeeded = session_event("evt_s", "checkout.session.async_payment_succeeded", &facts(&ok, "paid"), now());
    let failed = session_event("evt_f", "checkout.session.async_payment_failed", &facts(&bad, "unpaid"), now());
    assert_eq!(app.deliver(&succeeded).await, 200);
    assert_eq!(app.deliver(&failed).await, 200);
    assert_eq!(app.status_of(&ok).await, OrderStatus::Paid);
    assert_eq!(app.status_of(&bad).await, OrderStatus::Failed);
    let drop = app.drop_by_slug(&slug).await;
    assert_eq!((drop.sold, drop.reserved), (1, 0));
}

#[tokio::test]
async fn charge_refunded_adjusts_the_totals_once() {
    let app = TestApp::spawn().await;
    let (_, slug) = app.launch("Refund via hook").await;
    let order = app.pending_order(&slug, 2).await;
    let paid = session_event("evt_p", "checkout.session.completed", &facts(&order, "paid"), now());
    assert_eq!(app.deliver(&paid).await, 200);
    let pi = format!("pi_{}", order.id);
    let partial = charge_refunded_event("evt_partial", &pi, 5000, "usd", false, now());
    assert_eq!(app.deliver(&partial).await, 200);
    assert_eq!(app.status_of(&order).await, OrderStatus::Paid, "partial refunds leave the order paid");
    let full = charge_refunded_event("evt_full", &pi, 5000, "usd", true, now());
    assert_eq!(app.deliver(&full).await, 200);
    assert_eq!(app.deliver(&charge_refunded_event("evt_full_again", &pi, 5000, "usd", true, now())).await, 200);
    assert_eq!(app.status_of(&order).await, OrderStatus::Refunded);
    let drop = app.drop_by_slug(&slug).await;
    assert_eq!((drop.sold, drop.revenue_minor), (0, 0));
}

#[tokio::test]
async fn a_disputed_payment_leaves_the_revenue_until_won_and_the_artist_is_told() {
    let app = TestApp::spawn().await;
    let artist = "disputes@example.com";
    let (drop_id, slug) = app.launch_as(artist, "Dispute me", true).await;
    let (lost, won) = (app.pending_order(&slug, 1).await, app.pending_order(&slug, 2).await);
    for (i, order) in [&lost, &won].into_iter().enumerate() {
        let paid = session_event(&format!("evt_paid_{i}"), "checkout.session.completed", &facts(order, "paid"), now());
        assert_eq!(app.deliver(&paid).await, 200);
    }
    let before = app.drop_by_slug(&slug).await;
    assert_eq!(before.sold, 3);
    let dispute = |id: &str, kind: &str, order: &Order, status: &str| {
        charge_dispute_event(id, kind, &format!("pi_{}", order.id), status, order.amount.minor(), "usd", now())
    };

    // Opened: the order is disputed, its money leaves the revenue (its
    // shirt stays sold), the artist is told once, the fan's page says so.
    let opened = dispute("evt_d1", "charge.dispute.created", &lost, "needs_response");
    assert_eq!(app.deliver(&opened).await, 200);
    assert_eq!(app.deliver(&opened).await, 200, "a replay changes nothing");
    assert_eq!(app.status_of(&lost).await, OrderStatus::Disputed);
    let during = app.drop_by_slug(&slug).await;
    let lost_money = before.revenue_minor - during.revenue_minor;
    assert!(lost_money > 0 && lost_money <= lost.amount.minor(), "{lost_money}");
    assert_eq!(during.sold, 3);
    let mail = app.mail_to(artist, "A payment was disputed").await;
    assert!(mail.contains("Dispute me") && mail.contains("Stripe dashboard"), "{mail}");
    let page = app.get(&format!("/dashboard/drops/{drop_id}")).await.text().await.unwrap();
    assert!(page.contains("Disputed with the bank"), "the artist's order list shows it");
    let stored = app.state.store.order_by_id(&lost.id).await.unwrap().unwrap();
    let token = app.state.store.order_view_token(&stored).await.unwrap();
    let fan_page = app.get(&format!("/orders/{token}")).await.text().await.unwrap();
    assert!(fan_page.contains("Payment disputed"), "{fan_page}");

    // Lost: it stays out of the revenue, and the artist hears the outcome.
    assert_eq!(app.deliver(&dispute("evt_d2", "charge.dispute.closed", &lost, "lost")).await, 200);
    assert_eq!(app.status_of(&lost).await, OrderStatus::DisputeLost);
    assert_eq!(app.drop_by_slug(&slug).await.revenue_minor, during.revenue_minor);
    let decided = app.mail_to(artist, "Dispute decided").await;
    assert!(decided.contains("The dispute was lost"), "{decided}");

    // Won: the money counts again; a second close says nothing new.
    assert_eq!(app.deliver(&dispute("evt_d3", "charge.dispute.created", &won, "warning_needs_response")).await, 200);
    assert_eq!(app.deliver(&dispute("evt_d4", "charge.dispute.closed", &won, "won")).await, 200);
    assert_eq!(app.deliver(&dispute("evt_d5", "charge.dispute.closed", &won, "won")).await, 200);
    assert_eq!(app.status_of(&won).await, OrderStatus::Paid);
    assert_eq!(app.drop_by_slug(&slug).await.revenue_minor, during.revenue_minor);
    let wins =
        || app.mails().into_iter().filter(|(_, s, t)| s.contains("Dispute decided") && t.contains("You won")).count();
    for _ in 0..200 {
        if wins() > 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert_eq!(wins(), 1);
}

#[tokio::test]
async fn disputes_in_any_order_and_on_refunded_money_keep_the_books_right() {
    let app = TestApp::spawn().await;
    let artist = "disputes-late@example.com";
    let (_, slug) = app.launch_as(artist, "Late disputes", true).await;
    let orders =
        [app.pending_order(&slug, 1).await, app.pending_order(&slug, 1).await, app.pending_order(&slug, 1).await];
    for (i, order) in orders.iter().enumerate() {
        let paid = session_event(&format!("evt_p{i}"), "checkout.session.completed", &facts(order, "paid"), now());
        assert_eq!(app.deliver(&paid).await, 200);
    }
    let full = app.drop_by_slug(&slug).await;
    let per_order = full.revenue_minor / 3;
    let dispute = |id: &str, kind: &str, order: &Order, status: &str| {
        charge_dispute_event(id, kind, &format!("pi_{}", order.id), status, order.amount.minor(), "usd", now())
    };
    // Closed as lost before its opening arrives: lost all the same, once.
    assert_eq!(app.deliver(&dispute("evt_c", "charge.dispute.closed", &orders[0], "lost")).await, 200);
    assert_eq!(app.deliver(&dispute("evt_o", "charge.dispute.created", &orders[0], "needs_response")).await, 200);
    assert_eq!(app.status_of(&orders[0]).await, OrderStatus::DisputeLost);
    assert_eq!(app.drop_by_slug(&slug).await.revenue_minor, full.revenue_minor - per_order);
    // An inquiry Stripe settled with a refund: refunded, its shirt back in stock.
    assert_eq!(
        app.deliver(&dispute("evt_i", "charge.dispute.created", &orders[1], "warning_needs_response")).await,
        200
    );
    let pi = format!("pi_{}", orders[1].id);
    assert_eq!(app.deliver(&charge_refunded_event("evt_r", &pi, 2500, "usd", true, now())).await, 200);
    assert_eq!(app.status_of(&orders[1]).await, OrderStatus::Refunded);
    assert_eq!(app.deliver(&dispute("evt_w", "charge.dispute.closed", &orders[1], "warning_closed")).await, 200);
    assert_eq!(app.status_of(&orders[1]).await, OrderStatus::Refunded, "a later close counts nothing back");
    let drop = app.drop_by_slug(&slug).await;
    assert_eq!((drop.sold, drop.revenue_minor), (2, full.revenue_minor - 2 * per_order));
    // A dispute on a refunded order still tells the artist (evidence may be due).
    let pi = format!("pi_{}", orders[2].id);
    assert_eq!(app.deliver(&charge_refunded_event("evt_r2", &pi, 2500, "usd", true, now())).await, 200);
    assert_eq!(app.deliver(&dispute("evt_d", "charge.dispute.created", &orders[2], "needs_response")).await, 200);
    assert_eq!(app.status_of(&orders[2]).await, OrderStatus::Refunded);
    let reference = orders[2].reference();
    let mut told = false;
    for _ in 0..200 {
        told = app.mails().iter().any(|(to, s, t)| to == artist && s.contains("disputed") && t.contains(&reference));
        if told {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert!(told, "the artist hears of the dispute on the refunded order");
}

#[tokio::test]
async fn unknown_event_types_and_unknown_orders_are_acknowledged() {
    let app = TestApp::spawn().await;
    let plan = include_str!("../../fixtures/stripe/event.json");
    assert_eq!(app.deliver(plan).await, 200);
    let ghost = SessionFacts {
        session_id: "cs_ghost".into(),
        order_id: "no-such-order".into(),
        payment_status: "paid".into(),
        currency: "usd".into(),
        ..Default::default()
    };
    assert_eq!(app.deliver(&session_event("evt_ghost", "checkout.session.completed", &ghost, now())).await, 200);
}
