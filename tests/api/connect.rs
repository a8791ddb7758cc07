//! Paying artists through Stripe Connect (issue 11, part 1), against the
//! stand-in that holds every request to Stripe's published parameter
//! definitions and Connect's documented rules for destination charges.

use crate::common::stripe_standin::StripeStandIn;
use crate::common::{TestApp, location, use_stripe};
use popshop::domain::{Fee, OrderStatus, PayoutAccount};
use popshop::payments::events::account_updated_event;

/// popshop with Stripe Connect on, keeping 5% + $0.30 of each order.
async fn connect_app(standin: &StripeStandIn) -> TestApp {
    let uri = standin.uri();
    TestApp::spawn_with(move |s| {
        use_stripe(s, uri);
        if let Some(stripe) = s.stripe.as_mut() {
            stripe.connect = Some(Fee { basis_points: 500, fixed_minor: 30 });
            stripe.connect_webhook_secret = Some(CONNECT_SECRET.into());
        }
    })
    .await
}

/// The secret of the "Events on Connected accounts" endpoint.
const CONNECT_SECRET: &str = "whsec_test_connect_endpoint";

/// Delivers an event as Stripe's Connect endpoint signs it.
async fn deliver_connect(app: &TestApp, body: &str) -> u16 {
    let res = app
        .client
        .post(app.url("/webhooks/stripe"))
        .header("stripe-signature", popshop::payments::events::sign(body, CONNECT_SECRET, now()))
        .body(body.to_owned())
        .send()
        .await
        .unwrap();
    res.status().as_u16()
}

fn now() -> i64 {
    popshop::clock::system_now_secs()
}

fn report(account: &str, charges: bool, payouts: bool, due: &[&str]) -> PayoutAccount {
    PayoutAccount {
        stripe_account: account.into(),
        charges_enabled: charges,
        payouts_enabled: payouts,
        details_submitted: charges,
        currently_due: due.iter().map(|d| d.to_string()).collect(),
        disabled_reason: String::new(),
    }
}

#[tokio::test]
async fn an_artist_connects_stripe_and_is_paid_minus_popshops_fee() {
    let standin = StripeStandIn::start().await;
    let app = connect_app(&standin).await;
    let (drop_id, slug) = app.launch_confirmed("Paid to the artist").await;

    // Not connected: fans are told orders open soon, and no checkout starts.
    let (_, shop) = app.get_html(&format!("/d/{slug}")).await;
    assert!(shop.contains("Orders open soon") && !shop.contains("id=\"buy\""), "no buy button yet");
    let res = app.buy(&slug, "M", "black", 1).await;
    assert_eq!(res.status().as_u16(), 409);
    assert!(res.text().await.unwrap().contains("still setting up payments"));
    assert!(standin.seen().is_empty(), "Stripe was not asked for a checkout");
    let (_, dashboard) = app.get_html("/dashboard").await;
    assert!(dashboard.contains("take payments until you connect a Stripe account"));
    let (_, page) = app.get_html(&format!("/dashboard/drops/{drop_id}")).await;
    assert!(page.contains("cannot take payments until you connect a Stripe account"), "the drop's page says so too");

    // Connect: an Express account, then Stripe's hosted onboarding.
    let res = app.get("/dashboard/payouts/continue").await;
    assert_eq!(res.status().as_u16(), 303);
    let onboarding = location(&res);
    assert!(onboarding.starts_with(&format!("{}/standin/onboarding/acct_", standin.uri())), "{onboarding}");
    let seen = standin.seen();
    let made = seen.iter().find(|r| r.operation == "POST /v1/accounts").expect("an account made");
    assert_eq!(made.refused, None, "Stripe's definitions accept the account");
    let pair = |k: &str| made.pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str());
    assert_eq!(pair("controller[stripe_dashboard][type]"), Some("express"));
    assert_eq!(pair("capabilities[transfers][requested]"), Some("true"));
    let link = seen.iter().find(|r| r.operation == "POST /v1/account_links").expect("a link");
    assert_eq!(link.refused, None);
    let account = standin.account_ids().pop().unwrap();

    // Back before finishing: the page says plainly what Stripe needs.
    let (status, payouts) = app.get_html("/dashboard/payouts?from=stripe").await;
    assert_eq!(status, 200);
    assert!(payouts.contains("Stripe needs:") && payouts.contains("your bank details, to pay you out"));
    assert!(payouts.contains("you to accept Stripe&#39;s terms") || payouts.contains("you to accept Stripe's terms"));

    // Finishing on Stripe sends the artist back; the account is read at once.
    let stripe_page = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let back = stripe_page.get(&onboarding).send().await.unwrap();
    assert_eq!(location(&back), format!("{}/dashboard/payouts?from=stripe", app.address));
    let (_, payouts) = app.get_html("/dashboard/payouts?from=stripe").await;
    assert!(payouts.contains("Your drops take payments, and Stripe pays them out to your bank."));
    let (_, shop) = app.get_html(&format!("/d/{slug}")).await;
    assert!(shop.contains("id=\"buy\""), "the storefront takes orders now");

    // A fan buys: a destination charge to the artist, popshop's fee on the way.
    let order = app.checkout(&slug, 2).await;
    let session = order.session_id.clone().unwrap();
    let (destination, fee) = standin.destination_of(&session).expect("a destination charge");
    assert_eq!(destination, account);
    // Two shirts at $25 and free shipping: 5% of $50 plus $0.30.
    assert_eq!((order.amount.minor(), fee), (5000, 280));
    assert_eq!((order.destination.as_deref(), order.application_fee.minor()), (Some(account.as_str()), 280));
    standin.pay(&session, "pi_connect");
    popshop::sales::reconcile(&app.state.sales, &order).await.unwrap();
    assert_eq!(app.order(&order.id).await.status, OrderStatus::Paid);
    let (_, page) = app.get_html(&format!("/dashboard/drops/{drop_id}")).await;
    for figure in ["Fans paid", "$50.00", "popshop&#39;s fee", "$2.80", "Yours", "$47.20"] {
        assert!(page.contains(figure) || page.contains(&figure.replace("&#39;", "'")), "{figure} on the drop page");
    }

    // A refund takes the transfer and the fee back, as Stripe documents.
    let res =
        app.post_form(&format!("/dashboard/drops/{drop_id}/orders/{}/refund", order.id), &[("confirmed", "yes")]).await;
    assert_eq!(res.status().as_u16(), 303);
    let refund = standin.seen().into_iter().find(|r| r.operation == "POST /v1/refunds").unwrap();
    assert_eq!(refund.refused, None);
    let flag = |k: &str| refund.pairs.iter().any(|(key, v)| key == k && v == "true");
    assert!(flag("reverse_transfer") && flag("refund_application_fee"), "{:?}", refund.pairs);
    let (_, page) = app.get_html(&format!("/dashboard/drops/{drop_id}")).await;
    assert!(page.contains("$0.00"), "nothing left after the refund");
}

#[tokio::test]
async fn signed_account_updates_switch_the_storefront_and_never_go_back_in_time() {
    let standin = StripeStandIn::start().await;
    let app = connect_app(&standin).await;
    let (_, slug) = app.launch_confirmed("Follows Stripe").await;
    let res = app.get("/dashboard/payouts/continue").await;
    assert_eq!(res.status().as_u16(), 303);
    let account = standin.account_ids().pop().unwrap();

    // Stripe reports the account ready: the storefront takes orders.
    let ready = account_updated_event("evt_ready", &report(&account, true, true, &[]), now() - 10);
    assert_eq!(deliver_connect(&app, &ready).await, 200);
    let (_, shop) = app.get_html(&format!("/d/{slug}")).await;
    assert!(shop.contains("id=\"buy\""));
    let (_, dashboard) = app.get_html("/dashboard").await;
    assert!(!dashboard.contains("take payments until you connect"));

    // An older report arriving late changes nothing.
    let stale = account_updated_event("evt_old", &report(&account, false, false, &["external_account"]), now() - 60);
    assert_eq!(app.deliver_signed(&stale).await, 200, "the platform endpoint's secret works too");
    let (_, shop) = app.get_html(&format!("/d/{slug}")).await;
    assert!(shop.contains("id=\"buy\""), "a stale event does not switch payments off");

    // Stripe disables charges (say, a verification failed): orders pause,
    // and the artist reads why in plain words.
    let paused = account_updated_event(
        "evt_paused",
        &report(&account, false, false, &["individual.verification.document"]),
        now(),
    );
    assert_eq!(deliver_connect(&app, &paused).await, 200);
    let (_, shop) = app.get_html(&format!("/d/{slug}")).await;
    assert!(shop.contains("Orders open soon"));
    let (_, payouts) = app.get_html("/dashboard/payouts").await;
    assert!(payouts.contains("your personal details, to confirm who you are"));

    // Forged or unknown accounts change nothing.
    let forged = account_updated_event("evt_forged", &report(&account, true, true, &[]), now());
    let res = app
        .client
        .post(app.url("/webhooks/stripe"))
        .header("stripe-signature", popshop::payments::events::sign(&forged, "whsec_other", now()))
        .body(forged)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 400);
    let unknown = account_updated_event("evt_unknown", &report("acct_nobody", true, true, &[]), now());
    assert_eq!(deliver_connect(&app, &unknown).await, 200, "acknowledged, so Stripe does not retry");
    let (_, shop) = app.get_html(&format!("/d/{slug}")).await;
    assert!(shop.contains("Orders open soon"));
}

#[tokio::test]
async fn without_connect_there_is_nothing_to_set_up_and_the_server_account_is_paid() {
    let standin = StripeStandIn::start().await;
    let uri = standin.uri();
    let app = TestApp::spawn_with(move |s| use_stripe(s, uri)).await;
    let (_, slug) = app.launch("One artist, one account").await;
    let (_, payouts) = app.get_html("/dashboard/payouts").await;
    assert!(payouts.contains("there are no payouts to set up"));
    let res = app.get("/dashboard/payouts/continue").await;
    assert_eq!(location(&res), "/dashboard/payouts");
    let order = app.checkout(&slug, 1).await;
    assert_eq!(standin.destination_of(order.session_id.as_deref().unwrap()), None, "no destination charge");
    assert!(standin.seen().iter().all(|r| r.operation != "POST /v1/accounts"));
}

#[tokio::test]
async fn stripes_connect_rules_are_enforced_by_the_stand_in() {
    // The stand-in itself refuses what Stripe refuses, so the tests above prove something.
    let standin = StripeStandIn::start().await;
    let client = reqwest::Client::new();
    let post =
        |path: &str, form: Vec<(&str, String)>| client.post(format!("{}{path}", standin.uri())).form(&form).send();
    let base = |expires: i64| {
        vec![
            ("mode", "payment".to_owned()),
            ("line_items[0][price_data][currency]", "usd".to_owned()),
            ("line_items[0][price_data][unit_amount]", "1000".to_owned()),
            ("line_items[0][price_data][product_data][name]", "Shirt".to_owned()),
            ("line_items[0][quantity]", "1".to_owned()),
            ("success_url", "https://example.com/ok".to_owned()),
            ("expires_at", expires.to_string()),
        ]
    };
    let expires = now() + 3600;
    let mut fee_only = base(expires);
    fee_only.push(("payment_intent_data[application_fee_amount]", "100".into()));
    let res = post("/v1/checkout/sessions", fee_only).await.unwrap();
    assert_eq!(res.status().as_u16(), 400);
    assert!(res.text().await.unwrap().contains("transfer_data[destination]"));
    let account: serde_json::Value =
        post("/v1/accounts", vec![("email", "a@example.com".into())]).await.unwrap().json().await.unwrap();
    let id = account["id"].as_str().unwrap().to_owned();
    let mut to_new = base(expires);
    to_new.push(("payment_intent_data[transfer_data][destination]", id.clone()));
    let res = post("/v1/checkout/sessions", to_new.clone()).await.unwrap();
    assert!(res.text().await.unwrap().contains("capabilities enabled: transfers"), "not onboarded yet");
    standin.complete_onboarding(&id);
    assert_eq!(post("/v1/checkout/sessions", to_new.clone()).await.unwrap().status().as_u16(), 200);
    let mut too_much = to_new;
    too_much.push(("payment_intent_data[application_fee_amount]", "1001".into()));
    let res = post("/v1/checkout/sessions", too_much).await.unwrap();
    assert!(res.text().await.unwrap().contains("less than or equal to the amount"));
    let res = post("/v1/accounts", vec![("type_of_thing", "x".into())]).await.unwrap();
    assert!(res.text().await.unwrap().contains("Received unknown parameter: type_of_thing"));
}

#[tokio::test]
async fn an_artist_cannot_spend_the_platforms_stripe_rate_limit() {
    let standin = StripeStandIn::start().await;
    let uri = standin.uri();
    let app = TestApp::spawn_with(move |s| {
        use_stripe(s, uri);
        if let Some(stripe) = s.stripe.as_mut() {
            stripe.connect = Some(Fee { basis_points: 500, fixed_minor: 30 });
            stripe.connect_webhook_secret = Some("whsec_connect_test".into());
        }
        s.stripe_read_seconds = 10;
    })
    .await;
    app.launch_confirmed("Rate limited payouts").await;
    // Onboarding links: five a minute, then a clear "wait".
    for n in 0..popshop::web::limits::STRIPE_LINKS_PER_MINUTE {
        assert_eq!(app.get("/dashboard/payouts/continue").await.status().as_u16(), 303, "link {n}");
    }
    let res = app.get("/dashboard/payouts/continue").await;
    assert_eq!(res.status().as_u16(), 429);
    assert!(res.text().await.unwrap().contains("You opened Stripe several times in a row"));
    let links =
        |standin: &StripeStandIn| standin.seen().iter().filter(|r| r.operation == "POST /v1/account_links").count();
    assert_eq!(links(&standin), 5);
    // Coming back from Stripe again and again reads the account once; the
    // page shows what popshop stored in between.
    for _ in 0..10 {
        assert_eq!(app.get("/dashboard/payouts?from=stripe").await.status().as_u16(), 200);
    }
    let reads = standin.seen().iter().filter(|r| r.operation == "GET /v1/accounts/{account}").count();
    assert_eq!(reads, 1, "one read from Stripe");
}
