//! The money path against Stripe's published rules (the stand-in checks every
//! request against Stripe's OpenAPI parameter schemas and the documented
//! `expires_at` window) and against events that try to pay the wrong order.

use crate::common::stripe_standin::StripeStandIn;
use crate::common::{TestApp, location, use_stripe};
use popshop::domain::{Order, OrderStatus};
use popshop::payments::events::{SessionFacts, session_event, sign};
use secrecy::ExposeSecret;

async fn stripe_app(standin: &StripeStandIn) -> TestApp {
    let uri = standin.uri();
    TestApp::spawn_with(move |s| use_stripe(s, uri)).await
}

fn now() -> i64 {
    popshop::clock::system_now_secs()
}

impl TestApp {
    /// Starts a checkout and returns its order.
    pub(crate) async fn checkout(&self, slug: &str, quantity: u32) -> Order {
        let res = self.buy(slug, "M", "black", quantity).await;
        assert_eq!(res.status().as_u16(), 303, "checkout: {}", res.text().await.unwrap_or_default());
        let url = location(&res);
        let session = url.rsplit('/').next().unwrap().to_owned();
        self.state.store.order_by_session(&session).await.unwrap().expect("order for the session")
    }

    pub(crate) async fn order(&self, id: &str) -> Order {
        self.state.store.order_by_id(id).await.unwrap().unwrap()
    }

    /// Delivers an event signed with this app's webhook secret.
    pub(crate) async fn deliver_signed(&self, body: &str) -> u16 {
        let secret = self.state.sales.payments.webhook_secret().expose_secret().to_owned();
        let res = self
            .client
            .post(self.url("/webhooks/stripe"))
            .header("stripe-signature", sign(body, &secret, now()))
            .body(body.to_owned())
            .send()
            .await
            .unwrap();
        res.status().as_u16()
    }

    /// Makes the order's hold run out now.
    async fn end_hold(&self, order_id: &str) {
        sqlx::query("UPDATE orders SET expires_at = 0 WHERE id = $1")
            .bind(order_id)
            .execute(self.state.store.pool())
            .await
            .unwrap();
    }
}

pub(crate) fn paid(order: &Order) -> SessionFacts {
    SessionFacts {
        session_id: order.session_id.clone().unwrap(),
        order_id: order.id.clone(),
        payment_status: "paid".into(),
        amount_total: order.amount.minor(),
        currency: order.amount.currency().code().into(),
        email: Some("fan@example.com".into()),
        payment_intent: Some(format!("pi_{}", order.id)),
        ..Default::default()
    }
}

#[tokio::test]
async fn stripe_accepts_the_checkout_popshop_asks_for() {
    let standin = StripeStandIn::start().await;
    let app = stripe_app(&standin).await;
    let (_, slug) = app.launch("Stripe's own rules").await;
    for _ in 0..3 {
        let order = app.checkout(&slug, 2).await;
        assert_eq!(order.status, OrderStatus::Pending);
        let session = standin.session(order.session_id.as_deref().unwrap()).unwrap();
        assert_eq!(session["amount_total"], 5000);
        assert_eq!(session["client_reference_id"], order.id.as_str());
    }
    let seen = standin.seen();
    assert_eq!(seen.len(), 3);
    for request in &seen {
        assert_eq!(request.refused, None, "{request:?}");
        let ahead = request.expires_in.unwrap();
        // Measured when Stripe receives it: inside 30 min–24 h with margin.
        assert!((1800.0 + 30.0..=1439.0 * 60.0).contains(&ahead), "expires_at {ahead} s ahead");
    }
    // popshop's own hold is much shorter than the session.
    let order = app.state.store.orders_of_drop(&app.drop_by_slug(&slug).await.id, &[OrderStatus::Pending], 1).await;
    let order = &order.unwrap()[0];
    assert!(order.expires_at - order.created_at <= 10 * 60_000 + 1_000);
}

#[tokio::test]
async fn the_session_setting_is_clamped_inside_stripes_window() {
    let standin = StripeStandIn::start().await;
    let uri = standin.uri();
    let app = TestApp::spawn_with(move |s| {
        use_stripe(s, uri);
        s.checkout_minutes = 1439;
    })
    .await;
    let (_, slug) = app.launch("Almost a day").await;
    app.checkout(&slug, 1).await;
    let ahead = standin.seen()[0].expires_in.unwrap();
    assert!(ahead < 86_400.0 && ahead > 86_000.0, "{ahead}");
}

#[tokio::test]
async fn a_hold_that_runs_out_closes_the_stripe_page_before_the_stock_returns() {
    let standin = StripeStandIn::start().await;
    let app = stripe_app(&standin).await;
    let (_, slug) = app.launch("Closed in time").await;
    let order = app.checkout(&slug, 3).await;
    app.end_hold(&order.id).await;
    let swept = popshop::sales::sweep::sweep(&app.state.sales).await.unwrap();
    assert_eq!(swept.released, 1);
    let session = order.session_id.clone().unwrap();
    let expire = standin.seen().into_iter().find(|r| r.operation.ends_with("/expire")).expect("expired at Stripe");
    assert_eq!(expire.refused, None);
    assert_eq!(expire.idempotency_key, Some(format!("popshop-expire-{session}")), "a key of its own");
    assert_eq!(standin.session(&session).unwrap()["status"], "expired");
    assert_eq!(app.order(&order.id).await.status, OrderStatus::Expired);
    assert_eq!(app.drop_by_slug(&slug).await.reserved, 0);
}

#[tokio::test]
async fn a_hold_paid_at_stripe_meanwhile_is_counted_not_released() {
    let standin = StripeStandIn::start().await;
    let app = stripe_app(&standin).await;
    let (_, slug) = app.launch("Paid just in time").await;
    let order = app.checkout(&slug, 1).await;
    let session = order.session_id.clone().unwrap();
    standin.pay(&session, "pi_just_in_time");
    app.end_hold(&order.id).await;
    // Stripe refuses to expire a completed session; popshop reads it back.
    let swept = popshop::sales::sweep::sweep(&app.state.sales).await.unwrap();
    assert_eq!((swept.released, swept.reconciled), (0, 1));
    let paid = app.order(&order.id).await;
    assert_eq!(paid.status, OrderStatus::Paid);
    assert_eq!(paid.payment_intent.as_deref(), Some("pi_just_in_time"));
    let drop = app.drop_by_slug(&slug).await;
    assert_eq!((drop.sold, drop.reserved), (1, 0));
    let ops: Vec<String> = standin.seen().into_iter().map(|r| r.operation).collect();
    assert!(ops.contains(&"GET /v1/checkout/sessions/{session}".to_owned()), "{ops:?}");
}

#[tokio::test]
async fn the_thanks_page_asks_stripe_when_the_event_is_late() {
    let standin = StripeStandIn::start().await;
    let app = stripe_app(&standin).await;
    let (_, slug) = app.launch("Thanks without a webhook").await;
    let order = app.checkout(&slug, 1).await;
    let session = order.session_id.clone().unwrap();
    standin.pay(&session, "pi_thanks");
    let res = app.get(&format!("/d/{slug}/thanks?session_id={session}")).await;
    assert_eq!(res.headers()["cache-control"], "no-store");
    let html = res.text().await.unwrap();
    assert!(html.contains("Thank you!"), "a fan who paid is told so");
    assert_eq!(app.order(&order.id).await.status, OrderStatus::Paid);
    // Stripe's own event arrives later and changes nothing.
    let body = session_event("evt_late", "checkout.session.completed", &paid(&app.order(&order.id).await), now());
    assert_eq!(app.deliver_signed(&body).await, 200);
    assert_eq!(app.drop_by_slug(&slug).await.sold, 1);
}

#[tokio::test]
async fn a_fan_who_backs_out_is_asked_before_the_stock_goes_back() {
    let standin = StripeStandIn::start().await;
    let app = stripe_app(&standin).await;
    let (_, slug) = app.launch("Changed my mind").await;
    let order = app.checkout(&slug, 2).await;
    let cancel = format!("/d/{slug}/cancelled?order={}", order.id);
    let (status, html) = app.get_html(&cancel).await;
    assert_eq!(status, 200);
    assert!(html.contains("Go back to payment") && html.contains("Put the shirts back"));
    assert_eq!(app.drop_by_slug(&slug).await.reserved, 2, "a GET changes nothing");
    // Another drop's slug with this order is not found.
    let (other_id, other) = app.launch("Another drop").await;
    let _ = other_id;
    let (status, _) = app.get_html(&format!("/d/{other}/cancelled?order={}", order.id)).await;
    assert_eq!(status, 404);
    let res = app.post_form(&format!("/d/{other}/cancelled"), &[("order", &order.id)]).await;
    assert_eq!(res.status().as_u16(), 404);
    assert_eq!(app.drop_by_slug(&slug).await.reserved, 2);

    let res = app.post_form(&format!("/d/{slug}/cancelled"), &[("order", &order.id)]).await;
    assert_eq!((res.status().as_u16(), location(&res)), (303, format!("/d/{slug}")));
    assert_eq!(app.drop_by_slug(&slug).await.reserved, 0);
    assert_eq!(standin.session(order.session_id.as_deref().unwrap()).unwrap()["status"], "expired");
}

#[tokio::test]
async fn refunds_pass_stripes_rules_and_a_refusal_is_a_clear_page() {
    let standin = StripeStandIn::start().await;
    let app = stripe_app(&standin).await;
    let (drop_id, slug) = app.launch("Refund me properly").await;
    let order = app.checkout(&slug, 1).await;
    standin.pay(order.session_id.as_deref().unwrap(), "pi_refund_me");
    popshop::sales::reconcile(&app.state.sales, &order).await.unwrap();
    // Without JavaScript's confirm(), the first post asks once more.
    let ask = app.post_form(&format!("/dashboard/drops/{drop_id}/orders/{}/refund", order.id), &[]).await;
    assert_eq!(ask.status().as_u16(), 200);
    assert!(ask.text().await.unwrap().contains("Refund this order in full?"));
    assert!(standin.seen().iter().all(|r| r.operation != "POST /v1/refunds"), "nothing refunded yet");
    let res =
        app.post_form(&format!("/dashboard/drops/{drop_id}/orders/{}/refund", order.id), &[("confirmed", "yes")]).await;
    assert_eq!(res.status().as_u16(), 303);
    let refund = standin.seen().into_iter().find(|r| r.operation == "POST /v1/refunds").unwrap();
    assert_eq!(refund.refused, None);
    assert_eq!(app.order(&order.id).await.status, OrderStatus::Refunded);
}

/// One event per way of not matching; none pays, each is shown to the artist.
#[tokio::test]
async fn events_that_do_not_match_the_checkout_never_pay() {
    let app = TestApp::spawn().await;
    let (drop_id, slug) = app.launch("Bound to its session").await;
    let a = app.checkout(&slug, 1).await;
    let b = app.checkout(&slug, 1).await;
    let cases: Vec<(&str, SessionFacts)> = vec![
        // Another checkout (a Payment Link, say) that carries B's order id.
        ("foreign", SessionFacts { session_id: "cs_live_elsewhere".into(), ..paid(&b) }),
        ("amount", SessionFacts { amount_total: 100, ..paid(&b) }),
        ("currency", SessionFacts { currency: "eur".into(), ..paid(&b) }),
        ("livemode", SessionFacts { livemode: true, ..paid(&b) }),
        ("mode", SessionFacts { mode: "setup".into(), ..paid(&b) }),
        // Fan A's session naming fan B's order.
        ("swap", SessionFacts { order_id: b.id.clone(), ..paid(&a) }),
    ];
    for (name, facts) in &cases {
        let body = session_event(&format!("evt_{name}"), "checkout.session.completed", facts, now());
        assert_eq!(app.deliver_signed(&body).await, 200, "{name}: acknowledged so Stripe stops retrying");
    }
    for order in [&a, &b] {
        let now = app.order(&order.id).await;
        assert_eq!(now.status, OrderStatus::Pending, "never paid");
        assert_eq!(now.payment_intent, None, "no one else's payment stored on it");
    }
    let drop = app.drop_by_slug(&slug).await;
    assert_eq!((drop.sold, drop.revenue_minor, drop.paid_orders), (0, 0, 0));
    let problems = app.state.store.payment_problems(&drop_id, 20).await.unwrap();
    assert_eq!(problems.len(), cases.len(), "{problems:?}");
    let (_, page) = app.get_html(&format!("/dashboard/drops/{drop_id}")).await;
    assert!(page.contains("Needs your attention"));
    assert!(page.contains("cs_live_elsewhere"));
    assert!(page.contains("It was not counted"));

    // The real thing still pays.
    let body = session_event("evt_real", "checkout.session.completed", &paid(&b), now());
    assert_eq!(app.deliver_signed(&body).await, 200);
    assert_eq!(app.order(&b.id).await.status, OrderStatus::Paid);
}

#[tokio::test]
async fn a_genuine_event_popshop_cannot_read_is_kept_for_a_retry() {
    let app = TestApp::spawn().await;
    let body = r#"{"id": "evt_new_shape", "object": "event", "type": "checkout.session.completed", "data": 7}"#;
    assert_eq!(app.deliver_signed(body).await, 500, "Stripe retries a 5xx");
    let forged = app
        .client
        .post(app.url("/webhooks/stripe"))
        .header("stripe-signature", sign(body, "whsec_someone_else", now()))
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status().as_u16(), 400);
}

#[tokio::test]
async fn a_stripe_order_is_never_marked_refunded_without_stripe() {
    // Paid through Stripe, then the server restarted without a Stripe key.
    let app = TestApp::spawn().await;
    let (drop_id, slug) = app.launch("Keep the money honest").await;
    let order = app.checkout(&slug, 1).await;
    let body = session_event("evt_paid", "checkout.session.completed", &paid(&order), now());
    assert_eq!(app.deliver_signed(&body).await, 200);
    sqlx::query("UPDATE orders SET provider = 'stripe' WHERE id = $1")
        .bind(&order.id)
        .execute(app.state.store.pool())
        .await
        .unwrap();
    let res =
        app.post_form(&format!("/dashboard/drops/{drop_id}/orders/{}/refund", order.id), &[("confirmed", "yes")]).await;
    assert_eq!(res.status().as_u16(), 409);
    assert!(res.text().await.unwrap().contains("without a Stripe key"));
    assert_eq!(app.order(&order.id).await.status, OrderStatus::Paid);
}

#[tokio::test]
async fn demo_orders_are_labelled_for_the_artist_and_the_printer() {
    let app = TestApp::spawn().await;
    let (drop_id, slug) = app.launch("Only a demo").await;
    let res = app.buy(&slug, "M", "black", 1).await;
    app.pay_demo(&location(&res)).await;
    let (_, page) = app.get_html(&format!("/dashboard/drops/{drop_id}")).await;
    assert!(page.contains("badge demo"));
    let (_, csv) = app.get_html(&format!("/dashboard/drops/{drop_id}/orders.csv")).await;
    assert!(csv.lines().next().unwrap().ends_with(",payment,order_id,tax,product"));
    assert!(csv.contains("demo (no money taken)"));
}

#[tokio::test]
async fn a_hold_stripe_cannot_close_now_is_kept_and_closed_later() {
    let standin = StripeStandIn::start().await;
    let app = stripe_app(&standin).await;
    let (_, slug) = app.launch("Stripe has an incident").await;
    let order = app.checkout(&slug, 2).await;
    app.end_hold(&order.id).await;
    standin.fail_next(3);
    let swept = popshop::sales::sweep::sweep(&app.state.sales).await.unwrap();
    assert_eq!((swept.released, swept.kept), (0, 1), "nobody may pay for a released shirt");
    let kept = app.order(&order.id).await;
    assert_eq!(kept.status, OrderStatus::Pending);
    assert!(kept.expires_at > app.state.store.now_ms(), "asked again later, behind newer holds");
    app.end_hold(&order.id).await;
    let swept = popshop::sales::sweep::sweep(&app.state.sales).await.unwrap();
    assert_eq!(swept.released, 1);
    assert_eq!(standin.session(order.session_id.as_deref().unwrap()).unwrap()["status"], "expired");
}

#[tokio::test]
async fn a_hold_whose_session_stripe_does_not_know_is_released() {
    let standin = StripeStandIn::start().await;
    let app = stripe_app(&standin).await;
    let (_, slug) = app.launch("Another account's session").await;
    let order = app.checkout(&slug, 1).await;
    // As after switching to another Stripe account's key.
    sqlx::query("UPDATE orders SET session_id = 'cs_test_unknown_elsewhere', expires_at = 0 WHERE id = $1")
        .bind(&order.id)
        .execute(app.state.store.pool())
        .await
        .unwrap();
    let swept = popshop::sales::sweep::sweep(&app.state.sales).await.unwrap();
    assert_eq!(swept.released, 1, "never held forever");
    assert_eq!(app.drop_by_slug(&slug).await.reserved, 0);
}

#[tokio::test]
async fn a_refund_stripe_already_made_counts_as_done() {
    let standin = StripeStandIn::start().await;
    let app = stripe_app(&standin).await;
    let (drop_id, slug) = app.launch("Refunded in the dashboard").await;
    let order = app.checkout(&slug, 1).await;
    standin.pay(order.session_id.as_deref().unwrap(), "pi_dashboard_refund");
    popshop::sales::reconcile(&app.state.sales, &order).await.unwrap();
    standin.refuse_refunds("charge_already_refunded");
    let res =
        app.post_form(&format!("/dashboard/drops/{drop_id}/orders/{}/refund", order.id), &[("confirmed", "yes")]).await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(app.order(&order.id).await.status, OrderStatus::Refunded);
    assert_eq!(app.drop_by_slug(&slug).await.sold, 0);
}

#[tokio::test]
async fn refunds_owed_are_retried_without_blocking_each_other() {
    let standin = StripeStandIn::start().await;
    let app = stripe_app(&standin).await;
    let (drop_id, slug) = app.launch("Owed refunds").await;
    let mut owed = Vec::new();
    for i in 0..3 {
        let order = app.checkout(&slug, 1).await;
        sqlx::query("UPDATE orders SET status = 'refund_due', payment_intent = $1, updated_at = 0 WHERE id = $2")
            .bind(format!("pi_owed_{i}"))
            .bind(&order.id)
            .execute(app.state.store.pool())
            .await
            .unwrap();
        owed.push(order);
    }
    standin.refuse_refunds("charge_disputed");
    let swept = popshop::sales::sweep::sweep(&app.state.sales).await.unwrap();
    assert_eq!((swept.refunded, swept.failed), (0, 3));
    let problems = app.state.store.payment_problems(&drop_id, 20).await.unwrap();
    assert_eq!(problems.iter().filter(|p| p.reason.contains("Refund it in Stripe's dashboard")).count(), 3);
    // Not retried at once: each failure moves the order to the back.
    let swept = popshop::sales::sweep::sweep(&app.state.sales).await.unwrap();
    assert_eq!(swept.failed, 0);
    let problems = app.state.store.payment_problems(&drop_id, 20).await.unwrap();
    assert_eq!(problems.len(), 3, "one note per order, not one per try");
}

#[tokio::test]
async fn shipping_is_shown_charged_at_stripe_and_kept_out_of_the_artists_sales() {
    let standin = StripeStandIn::start().await;
    let app = stripe_app(&standin).await;
    app.sign_up("ship@example.com", "correct horse battery").await;
    let res = app
        .launch_with(&[
            ("slogan", "Shipped with care"),
            ("shipping", "4.50"),
            ("delivery", "7-14"),
            ("description", "Printed in Leipzig.\nSigned edition."),
        ])
        .await;
    assert_eq!(res.status().as_u16(), 303);
    let slug = "shipped-with-care";
    let (_, html) = app.get_html(&format!("/d/{slug}")).await;
    assert!(html.contains("Shipping $4.50 · arrives in 7–14 business days"), "before paying");
    assert!(html.contains("plus $4.50 shipping per order"));
    assert!(
        html.contains("<p class=\"description\">Printed in Leipzig.</p><p class=\"description\">Signed edition.</p>")
    );

    let order = app.checkout(slug, 2).await;
    assert_eq!((order.amount.minor(), order.shipping_cost.minor()), (5450, 450));
    let rate = &standin.seen()[0].pairs;
    let get = |k: &str| rate.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str());
    assert_eq!(get("shipping_options[0][shipping_rate_data][fixed_amount][amount]"), Some("450"));
    assert_eq!(get("shipping_options[0][shipping_rate_data][display_name]"), Some("Standard shipping"));
    assert_eq!(get("shipping_options[0][shipping_rate_data][delivery_estimate][maximum][value]"), Some("14"));
    let session = order.session_id.clone().unwrap();
    assert_eq!(standin.session(&session).unwrap()["amount_total"], 5450, "Stripe charges shirts + shipping");

    standin.pay(&session, "pi_shipped");
    let html = app.get(&format!("/d/{slug}/thanks?session_id={session}")).await.text().await.unwrap();
    assert!(html.contains("Thank you!"), "the total Stripe took matches the order");
    let drop = app.drop_by_slug(slug).await;
    assert_eq!((drop.sold, drop.revenue_minor), (2, 5000), "sales count the shirts, not the post");
}

/// A genuine payment on popshop's own checkout, for another amount than the
/// order's: never counted, refunded to the fan at once, shown to the artist.
#[tokio::test]
async fn a_genuine_payment_for_the_wrong_amount_is_refunded_and_the_artist_told() {
    let standin = StripeStandIn::start().await;
    let app = stripe_app(&standin).await;
    let (drop_id, slug) = app.launch("Wrong amount paid").await;
    let order = app.checkout(&slug, 1).await;
    let facts = SessionFacts { amount_total: 100, payment_intent: Some("pi_wrong_amount".into()), ..paid(&order) };
    let body = session_event("evt_wrong_amount", "checkout.session.completed", &facts, now());
    assert_eq!(app.deliver_signed(&body).await, 200);
    let refund = standin.seen().into_iter().find(|r| r.operation == "POST /v1/refunds").expect("refunded at Stripe");
    assert_eq!(refund.refused, None, "Stripe's definitions accept the refund");
    assert!(refund.pairs.iter().any(|(k, v)| k == "payment_intent" && v == "pi_wrong_amount"), "{:?}", refund.pairs);
    assert!(refund.idempotency_key.is_some(), "with an idempotency key");
    assert_eq!(app.order(&order.id).await.status, OrderStatus::Pending, "the order itself is untouched");
    let drop = app.drop_by_slug(&slug).await;
    assert_eq!((drop.sold, drop.revenue_minor), (0, 0), "never counted");
    let (_, page) = app.get_html(&format!("/dashboard/drops/{drop_id}")).await;
    assert!(page.contains("popshop refunds that payment to the fan automatically"), "the artist is told");
    // The same event again refunds nothing more.
    assert_eq!(app.deliver_signed(&body).await, 200);
    assert_eq!(standin.seen().iter().filter(|r| r.operation == "POST /v1/refunds").count(), 1);
}
