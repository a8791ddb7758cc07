//! Stripe Checkout against `wiremock` standing in for Stripe's API: the exact
//! request we send, and how we react to its answers.

use crate::common::{TestApp, location};
use popshop::config::StripeSettings;
use popshop::domain::OrderStatus;
use secrecy::SecretString;
use std::collections::BTreeMap;
use std::time::Duration;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const SESSION: &str = include_str!("../../fixtures/stripe/checkout_session.json");

fn session_body(id: &str, url: &str) -> serde_json::Value {
    let mut session: serde_json::Value = serde_json::from_str(SESSION).unwrap();
    session["id"] = id.into();
    session["url"] = url.into();
    session
}

async fn stripe_app(server: &MockServer, timeout_ms: u64) -> TestApp {
    let uri = server.uri();
    TestApp::spawn_with(move |s| {
        s.stripe = Some(StripeSettings {
            secret_key: SecretString::from("sk_test_popshop"),
            webhook_secret: SecretString::from("whsec_test_popshop"),
            api_base: Some(uri),
            timeout: Duration::from_millis(timeout_ms),
            max_attempts: 3,
            backoff: Duration::from_millis(20),
            connect: None,
            connect_webhook_secret: None,
        });
        s.shipping_countries = vec!["US".into(), "DE".into()];
    })
    .await
}

fn form_pairs(request: &Request) -> BTreeMap<String, String> {
    form_urlencoded::parse(&request.body).into_owned().collect()
}

#[tokio::test]
async fn the_session_request_carries_exactly_the_order() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/checkout/sessions"))
        .and(header("authorization", "Bearer sk_test_popshop"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(session_body("cs_test_exact", "https://checkout.stripe.test/c/pay/cs_test_exact")),
        )
        .expect(1)
        .mount(&server)
        .await;
    let app = stripe_app(&server, 2000).await;
    let (_, slug) = app.launch("Exact body").await;
    let res = app.buy(&slug, "M", "black", 2).await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(location(&res), "https://checkout.stripe.test/c/pay/cs_test_exact");

    let order = app.state.store.order_by_session("cs_test_exact").await.unwrap().expect("session attached");
    // wiremock lends its servers from a pool: a request another test's app
    // sent as it shut down may be recorded here too. This order's request
    // is the one naming it, and there is exactly one.
    let requests: Vec<Request> = server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| form_pairs(r).get("client_reference_id").map(String::as_str) == Some(order.id.as_str()))
        .collect();
    assert_eq!(requests.len(), 1, "one session request for the order");
    let request = &requests[0];
    let mut pairs = form_pairs(request);
    let expires_at = pairs.remove("expires_at").unwrap();
    // One key per attempt: Stripe replays a key's saved answer (a 500 too)
    // and refuses a key reused with other parameters (a fresh `expires_at`).
    assert_eq!(request.headers.get("idempotency-key").unwrap(), &format!("popshop-checkout-{}-1", order.id));
    let ahead = expires_at.parse::<i64>().unwrap() - order.created_at / 1000;
    assert!((31 * 60 - 5..=31 * 60 + 5).contains(&ahead), "Stripe's page lives 31 minutes: {ahead}");
    let hold = order.expires_at - order.created_at;
    assert!((10 * 60_000 - 5_000..=10 * 60_000 + 5_000).contains(&hold), "popshop holds 10 minutes: {hold}");
    let drop = app.drop_by_slug(&slug).await;
    let card = format!("{}/d/{slug}/card.png?v=", app.address);
    let image = pairs.remove("line_items[0][price_data][product_data][images][0]").unwrap();
    assert!(image.starts_with(&card), "{image}");
    let expected: BTreeMap<String, String> = [
        ("cancel_url", format!("{}/d/{slug}/cancelled?order={}", app.address, order.id)),
        ("client_reference_id", order.id.to_string()),
        ("line_items[0][price_data][currency]", "usd".into()),
        ("line_items[0][price_data][product_data][name]", "“Exact body” T-shirt — M, Black".into()),
        ("line_items[0][price_data][unit_amount]", "2500".into()),
        ("line_items[0][quantity]", "2".into()),
        // Stripe's page speaks the drop's language.
        ("locale", "en".into()),
        ("metadata[order_id]", order.id.to_string()),
        ("mode", "payment".into()),
        ("shipping_address_collection[allowed_countries][0]", "US".into()),
        ("shipping_address_collection[allowed_countries][1]", "DE".into()),
        // One fixed rate with the artist's delivery promise (free, 5–10 days by default).
        ("shipping_options[0][shipping_rate_data][delivery_estimate][maximum][unit]", "business_day".into()),
        ("shipping_options[0][shipping_rate_data][delivery_estimate][maximum][value]", "10".into()),
        ("shipping_options[0][shipping_rate_data][delivery_estimate][minimum][unit]", "business_day".into()),
        ("shipping_options[0][shipping_rate_data][delivery_estimate][minimum][value]", "5".into()),
        ("shipping_options[0][shipping_rate_data][display_name]", "Free shipping".into()),
        ("shipping_options[0][shipping_rate_data][fixed_amount][amount]", "0".into()),
        ("shipping_options[0][shipping_rate_data][fixed_amount][currency]", "usd".into()),
        ("shipping_options[0][shipping_rate_data][type]", "fixed_amount".into()),
        ("success_url", format!("{}/d/{slug}/thanks?session_id={{CHECKOUT_SESSION_ID}}", app.address)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    assert_eq!(pairs, expected);
    assert_eq!(drop.reserved, 2);
}

#[tokio::test]
async fn a_card_error_is_explained_and_the_stock_released() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/checkout/sessions"))
        .respond_with(ResponseTemplate::new(402).set_body_json(serde_json::json!({
            "error": { "type": "card_error", "code": "card_declined", "message": "Your card was declined." }
        })))
        .expect(1)
        .mount(&server)
        .await;
    let app = stripe_app(&server, 2000).await;
    let (_, slug) = app.launch("Declined").await;
    let res = app.buy(&slug, "M", "black", 1).await;
    assert_eq!(res.status().as_u16(), 503, "a clear page, never a 502");
    assert!(res.headers().contains_key("retry-after"));
    let html = res.text().await.unwrap();
    assert!(!html.contains("Your card was declined."), "Stripe's raw words are for the artist");
    assert!(html.contains("nothing was charged"));
    let drop = app.drop_by_slug(&slug).await;
    assert_eq!((drop.reserved, drop.sold), (0, 0), "reservation released");
    let problems = app.state.store.payment_problems(&drop.id, 5).await.unwrap();
    assert!(problems[0].reason.contains("Your card was declined."), "the artist sees Stripe's reason");
}

#[tokio::test]
async fn a_5xx_is_retried_as_a_new_request_with_a_fresh_expiry() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/checkout/sessions"))
        .respond_with(
            ResponseTemplate::new(500)
                .set_body_json(serde_json::json!({ "error": { "type": "api_error", "message": "boom" } })),
        )
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/checkout/sessions"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(session_body("cs_test_retry", "https://checkout.stripe.test/retry")),
        )
        .expect(1)
        .mount(&server)
        .await;
    let app = stripe_app(&server, 2000).await;
    let (_, slug) = app.launch("Try again").await;
    let res = app.buy(&slug, "M", "black", 1).await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(location(&res), "https://checkout.stripe.test/retry");
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    let key = |r: &Request| r.headers.get("idempotency-key").unwrap().to_str().unwrap().to_owned();
    assert!(key(&requests[0]).ends_with("-1") && key(&requests[1]).ends_with("-2"), "Stripe would replay the 500");
    let (mut first, mut second) = (form_pairs(&requests[0]), form_pairs(&requests[1]));
    let (a, b) = (first.remove("expires_at").unwrap(), second.remove("expires_at").unwrap());
    assert!(b.parse::<i64>().unwrap() >= a.parse::<i64>().unwrap(), "measured again at the retry");
    assert_eq!(first, second, "otherwise the same request");
}

#[tokio::test]
async fn a_stripe_that_never_answers_releases_the_stock_after_retries() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/checkout/sessions"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(session_body("cs_slow", "https://x"))
                .set_delay(Duration::from_secs(5)),
        )
        .expect(3)
        .mount(&server)
        .await;
    let app = stripe_app(&server, 200).await;
    let (_, slug) = app.launch("Too slow").await;
    let res = app.buy(&slug, "M", "black", 1).await;
    assert_eq!(res.status().as_u16(), 503);
    assert!(res.text().await.unwrap().contains("not answering"));
    let drop = app.drop_by_slug(&slug).await;
    assert_eq!(drop.reserved, 0);
    let orders = app.state.store.orders_of_drop(&drop.id, &[OrderStatus::Failed], 5).await.unwrap();
    assert_eq!(orders.len(), 1);
}

#[tokio::test]
async fn refunds_go_to_stripe_with_an_idempotency_key() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/checkout/sessions"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(session_body("cs_test_refund", "https://checkout.stripe.test/r")),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/refunds"))
        .respond_with(ResponseTemplate::new(200).set_body_string(include_str!("../../fixtures/stripe/refund.json")))
        .expect(1)
        .mount(&server)
        .await;
    let app = stripe_app(&server, 2000).await;
    let (drop_id, slug) = app.launch("Stripe refund").await;
    app.buy(&slug, "M", "black", 1).await;
    let order = app.state.store.order_by_session("cs_test_refund").await.unwrap().unwrap();
    let facts = popshop::payments::events::SessionFacts {
        session_id: "cs_test_refund".into(),
        order_id: order.id.clone(),
        payment_status: "paid".into(),
        amount_total: 2500,
        currency: "usd".into(),
        payment_intent: Some("pi_test_refund".into()),
        ..Default::default()
    };
    let now = popshop::clock::system_now_secs();
    let body = popshop::payments::events::session_event("evt_stripe_paid", "checkout.session.completed", &facts, now);
    let sig = popshop::payments::events::sign(&body, "whsec_test_popshop", now);
    let res =
        app.client.post(app.url("/webhooks/stripe")).header("stripe-signature", sig).body(body).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);

    let res =
        app.post_form(&format!("/dashboard/drops/{drop_id}/orders/{}/refund", order.id), &[("confirmed", "yes")]).await;
    assert_eq!(res.status().as_u16(), 303);
    let refund = server.received_requests().await.unwrap().into_iter().find(|r| r.url.path() == "/v1/refunds").unwrap();
    let key = refund.headers.get("idempotency-key").unwrap().to_str().unwrap();
    assert!(key.starts_with(&format!("popshop-refund-{}-", order.id)), "{key}");
    let pairs = form_pairs(&refund);
    assert_eq!(pairs.get("payment_intent").map(String::as_str), Some("pi_test_refund"));
    assert_eq!(pairs.get("reason").map(String::as_str), Some("requested_by_customer"));
    assert_eq!(app.state.store.order_by_id(&order.id).await.unwrap().unwrap().status, OrderStatus::Refunded);
    assert_eq!(app.drop_by_slug(&slug).await.sold, 0);
}

#[tokio::test]
async fn the_stripe_webhook_refuses_the_demo_secret() {
    let server = MockServer::start().await;
    let app = stripe_app(&server, 2000).await;
    let now = popshop::clock::system_now_secs();
    let body = include_str!("../../fixtures/stripe/event.json");
    let forged = popshop::payments::events::sign(body, "whsec_something_else", now);
    let res = app
        .client
        .post(app.url("/webhooks/stripe"))
        .header("stripe-signature", forged)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 400);
    let real = popshop::payments::events::sign(body, "whsec_test_popshop", now);
    let res =
        app.client.post(app.url("/webhooks/stripe")).header("stripe-signature", real).body(body).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
}
