//! Stripe Tax (issue 16, part 4): with `POPSHOP_STRIPE_TAX=on` Checkout works
//! out the tax (the request checked against Stripe's published parameters by
//! the stand-in), euro prices include VAT and dollar prices have it added,
//! the order records what was collected, and the artist's revenue leaves it
//! out. The demo says the same words and works none out.

use crate::common::stripe_standin::StripeStandIn;
use crate::common::{TestApp, location, use_stripe};
use popshop::domain::{OrderStatus, TaxMode};

async fn taxed(standin: &StripeStandIn) -> TestApp {
    let uri = standin.uri();
    TestApp::spawn_with(move |s| {
        use_stripe(s, uri);
        s.stripe_tax = true;
    })
    .await
}

/// Launches a drop at 25.00 in `currency` with 4.00 shipping.
async fn drop_in(app: &TestApp, slogan: &str, currency: &str) -> (String, String) {
    let email = format!("artist-{}@example.com", uuid::Uuid::new_v4().simple());
    assert_eq!(app.sign_up(&email, "correct horse battery").await.status().as_u16(), 303);
    let res = app.launch_with(&[("slogan", slogan), ("currency", currency), ("shipping", "4.00")]).await;
    assert_eq!(res.status().as_u16(), 303, "{}", res.text().await.unwrap_or_default());
    let id = location(&res).trim_start_matches("/dashboard/drops/").split('?').next().unwrap().to_owned();
    let drop = app.state.store.drop_by_id(&id).await.unwrap().unwrap();
    (id, drop.slug.to_string())
}

fn pair<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

#[tokio::test]
async fn checkout_works_out_tax_included_in_euros_and_added_to_dollars() {
    let standin = StripeStandIn::start().await;
    let app = taxed(&standin).await;

    // Euros: VAT included, as Europeans expect; the storefront says so.
    let (eur_id, eur) = drop_in(&app, "Steuer inklusive", "eur").await;
    let (_, page) = app.get_html(&format!("/d/{eur}")).await;
    assert!(page.contains("incl. VAT"), "the storefront says the price includes VAT");
    let order = app.checkout(&eur, 1).await;
    assert_eq!(order.tax_mode, TaxMode::Inclusive);
    let request = standin.seen().into_iter().find(|r| r.operation == "POST /v1/checkout/sessions").unwrap();
    assert_eq!(request.refused, None, "Stripe's published parameters take it");
    let p = &request.pairs;
    assert_eq!(pair(p, "automatic_tax[enabled]"), Some("true"));
    assert_eq!(pair(p, "line_items[0][price_data][tax_behavior]"), Some("inclusive"));
    assert_eq!(pair(p, "line_items[0][price_data][product_data][tax_code]"), Some("txcd_30011000"));
    assert_eq!(pair(p, "shipping_options[0][shipping_rate_data][tax_behavior]"), Some("inclusive"));
    assert_eq!(pair(p, "shipping_options[0][shipping_rate_data][tax_code]"), Some("txcd_92010001"));
    assert_eq!(pair(p, "automatic_tax[liability][type]"), None, "no destination charge, no liability to name");

    // Paid: €29.00 with €4.63 VAT in it (19/119 of it). The order keeps the
    // tax; the artist's revenue is the shirt without its VAT (25.00 less
    // its share, 3.99).
    let session = order.session_id.clone().unwrap();
    standin.pay(&session, "pi_vat");
    popshop::sales::reconcile(&app.state.sales, &order).await.unwrap();
    let paid = app.order(&order.id).await;
    assert_eq!(paid.status, OrderStatus::Paid, "the included tax binds");
    assert_eq!((paid.amount.minor(), paid.tax.minor(), paid.total_paid().minor()), (2900, 463, 2900));
    assert_eq!(app.state.store.drop_by_id(&eur_id).await.unwrap().unwrap().revenue_minor, 2500 - 399);
    let (_, thanks) = app.get_html(&format!("/d/{eur}/thanks?session_id={session}")).await;
    assert!(thanks.contains("€29.00 (incl. €4.63 tax)"), "the thanks page shows the tax");
    let (_, dashboard) = app.get_html(&format!("/dashboard/drops/{eur_id}")).await;
    assert!(dashboard.contains("€4.63"), "a tax column on the drop page");
    // The confirmation mail says it too.
    let mut mail = String::new();
    for _ in 0..200 {
        if let Some((_, _, text)) = app.mails().into_iter().find(|(to, _, _)| to.contains("fan@example.com")) {
            mail = text;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    assert!(mail.contains("€29.00 (incl. €4.63 tax)"), "{mail}");
    let csv = app.get(&format!("/dashboard/drops/{eur_id}/orders.csv")).await.text().await.unwrap();
    assert!(csv.lines().next().unwrap().trim_end().ends_with(",tax,product"), "{csv}");
    assert!(csv.lines().nth(1).unwrap().trim_end().ends_with(",4.63,tee"), "{csv}");

    // Dollars: tax added at checkout; the storefront says so, and the
    // event's larger total binds (the price plus Stripe's tax).
    let (usd_id, usd) = drop_in(&app, "Plus tax", "usd").await;
    let (_, page) = app.get_html(&format!("/d/{usd}")).await;
    assert!(page.contains("+ tax at checkout"));
    let order = app.checkout(&usd, 2).await;
    assert_eq!(order.tax_mode, TaxMode::Exclusive);
    let request = standin.seen().into_iter().rfind(|r| r.operation == "POST /v1/checkout/sessions").unwrap();
    assert_eq!(request.refused, None);
    assert_eq!(pair(&request.pairs, "line_items[0][price_data][tax_behavior]"), Some("exclusive"));
    let session = order.session_id.clone().unwrap();
    let at_stripe = standin.pay(&session, "pi_sales_tax");
    assert_eq!(at_stripe["amount_total"], 5400 + 446, "Stripe adds 8.25% of $54.00");
    popshop::sales::reconcile(&app.state.sales, &order).await.unwrap();
    let paid = app.order(&order.id).await;
    assert_eq!(paid.status, OrderStatus::Paid, "the added tax binds");
    assert_eq!((paid.amount.minor(), paid.tax.minor(), paid.total_paid().minor()), (5400, 446, 5846));
    assert_eq!(app.state.store.drop_by_id(&usd_id).await.unwrap().unwrap().revenue_minor, 5000, "tax is not revenue");
    let token = app.state.store.order_view_token(&paid).await.unwrap();
    let (_, order_page) = app.get_html(&format!("/orders/{token}")).await;
    assert!(order_page.contains("$58.46 (incl. $4.46 tax)"), "the order page shows the tax");
}

#[tokio::test]
async fn with_connect_the_platform_is_named_liable_for_the_tax() {
    let standin = StripeStandIn::start().await;
    let uri = standin.uri();
    let app = TestApp::spawn_with(move |s| {
        use_stripe(s, uri);
        s.stripe_tax = true;
        if let Some(stripe) = s.stripe.as_mut() {
            stripe.connect = Some(popshop::domain::Fee { basis_points: 500, fixed_minor: 30 });
            stripe.connect_webhook_secret = Some("whsec_connect_test".into());
        }
    })
    .await;
    let (_, slug) = app.launch_confirmed("Taxed marketplace").await;
    // The artist connects a Stripe account (finished at once at the stand-in).
    let res = app.get("/dashboard/payouts/continue").await;
    let onboarding = location(&res);
    let stripe_page = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    stripe_page.get(&onboarding).send().await.unwrap();
    let (_, payouts) = app.get_html("/dashboard/payouts?from=stripe").await;
    assert!(payouts.contains("Your drops take payments"));
    // The fan opens the storefront, as fans do (the cached drop has heard of the account).
    let (_, shop) = app.get_html(&format!("/d/{slug}")).await;
    assert!(shop.contains("+ tax at checkout"));
    let order = app.checkout(&slug, 1).await;
    assert_eq!(order.tax_mode, TaxMode::Exclusive);
    let request = standin.seen().into_iter().rfind(|r| r.operation == "POST /v1/checkout/sessions").unwrap();
    assert_eq!(request.refused, None);
    assert_eq!(pair(&request.pairs, "automatic_tax[liability][type]"), Some("self"));
    assert!(pair(&request.pairs, "payment_intent_data[transfer_data][destination]").is_some());
}

#[tokio::test]
async fn the_demo_says_the_same_words_and_works_out_no_tax() {
    let app = TestApp::spawn_with(|s| s.stripe_tax = true).await;
    let (_, slug) = drop_in(&app, "Demo VAT", "eur").await;
    let (_, page) = app.get_html(&format!("/d/{slug}")).await;
    assert!(page.contains("incl. VAT"));
    let res = app.buy(&slug, "M", "black", 1).await;
    let checkout = location(&res);
    let (_, demo) = app.get_html(&checkout).await;
    assert!(demo.contains("incl. VAT. Tax: worked out by Stripe in a real shop"), "{demo:.0}");
    app.pay_demo(&checkout).await;
    let session = checkout.trim_start_matches("/demo-checkout/");
    let order = app.state.store.order_by_session(session).await.unwrap().unwrap();
    assert_eq!((order.status, order.tax_mode, order.tax.minor()), (OrderStatus::Paid, TaxMode::None, 0));
}
