//! Promo codes (issue 11, part 2): the artist makes codes; fans apply them on
//! the storefront and pay the discounted price, worked out on the server;
//! uses are counted with the stock, given back when a hold ends unpaid.

use crate::common::stripe_standin::StripeStandIn;
use crate::common::{TestApp, location, use_stripe};

/// The one answer for any code that cannot be used (as the page escapes it).
const CANNOT: &str = "That code can&#39;t be used for this drop";

async fn code(app: &TestApp, drop_id: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    app.post_form(&format!("/dashboard/drops/{drop_id}/promo-codes"), fields).await
}

/// A fan posting the storefront's form, as a browser does (same origin).
async fn post_buy(fan: &TestApp, slug: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    fan.client
        .post(fan.url(&format!("/d/{slug}/checkout")))
        .header("sec-fetch-site", "same-origin")
        .form(fields)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_artist_makes_codes_and_bad_ones_come_back_beside_their_fields() {
    let app = TestApp::spawn().await;
    let (drop_id, _) = app.launch("Codes please").await;
    let res =
        code(&app, &drop_id, &[("code", "fri day!"), ("kind", "percent"), ("value", "95"), ("max_uses", "0")]).await;
    assert_eq!(res.status().as_u16(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("letters A–Z, digits and dashes only") && html.contains("from 1 to 90"));
    assert!(html.contains("value=\"fri day!\"") && html.contains("value=\"95\""), "typed values kept");
    let res =
        code(&app, &drop_id, &[("code", "friday"), ("kind", "percent"), ("value", "20"), ("max_uses", "3")]).await;
    assert_eq!(location(&res), format!("/dashboard/drops/{drop_id}?code=FRIDAY#promo-codes"));
    let (_, page) = app.get_html(&format!("/dashboard/drops/{drop_id}?code=FRIDAY")).await;
    assert!(
        page.contains("Code FRIDAY is ready.") && page.contains("0 of 3 used") && page.contains("20% off each shirt")
    );
    let again = code(&app, &drop_id, &[("code", "FRIDAY"), ("kind", "amount"), ("value", "5")]).await;
    assert_eq!(again.status().as_u16(), 422);
    assert!(again.text().await.unwrap().contains("You already have a code spelled FRIDAY"));
    // Another artist cannot add codes to this drop.
    let other = TestApp::spawn_shell(&app);
    other.sign_up("other@example.com", "correct horse battery").await;
    assert_eq!(
        code(&other, &drop_id, &[("code", "MINE"), ("kind", "percent"), ("value", "10")]).await.status().as_u16(),
        404
    );
}

#[tokio::test]
async fn a_fan_applies_a_code_sees_the_price_and_pays_it() {
    let app = TestApp::spawn().await;
    let (drop_id, slug) = app.launch("Twenty off").await;
    code(&app, &drop_id, &[("code", "FRIDAY"), ("kind", "percent"), ("value", "20"), ("max_uses", "1")]).await;
    let fan = TestApp::spawn_shell(&app);
    let picks = |code: &'static str| vec![("size", "L"), ("colour", "black"), ("quantity", "2"), ("code", code)];

    // A code that is not this artist's: a clear message, the picks kept.
    let mut apply = picks("nope");
    apply.push(("apply", "1"));
    let res = post_buy(&fan, &slug, &apply).await;
    assert_eq!(res.status().as_u16(), 409);
    let html = res.text().await.unwrap();
    assert!(html.contains(CANNOT), "{html:.0}");
    assert!(html.contains("value=\"L\" checked") && html.contains("value=\"nope\""), "picks and code kept");
    // The right one: the price per shirt, worked out on the server, before paying.
    let mut apply = picks("friday");
    apply.push(("apply", "1"));
    let html = post_buy(&fan, &slug, &apply).await.text().await.unwrap();
    assert!(html.contains("code FRIDAY: 20% off each shirt — $20.00 a shirt instead of $25.00"), "{html:.0}");
    // The big price strikes the old one through, and says so to a screen reader.
    assert!(
        html.contains(
            "<s><span class=\"visually-hidden\">Was </span>$25.00</s> <span class=\"visually-hidden\">now </span>$20.00"
        ),
        "{html:.0}"
    );
    // The parts the page's script takes in place are there, with a live region.
    for id in ["id=\"shop-price\"", "id=\"promo-field\"", "id=\"buy\"", "id=\"code-live\""] {
        assert!(html.contains(id), "{id}");
    }

    // Buying with it: the demo checkout charges $40 for two.
    let res = post_buy(&fan, &slug, &picks("friday")).await;
    assert_eq!(res.status().as_u16(), 303);
    let checkout = location(&res);
    let order =
        app.state.store.order_by_session(checkout.trim_start_matches("/demo-checkout/")).await.unwrap().unwrap();
    assert_eq!(
        (order.amount.minor(), order.discount.minor(), order.promo_code.as_deref()),
        (4000, 1000, Some("FRIDAY"))
    );
    let (_, demo) = fan.get_html(&checkout).await;
    assert!(demo.contains("$40.00") && demo.contains("Code FRIDAY: −$10.00"), "the demo shows the price and the code");

    // Its one use is taken: the next fan hears so and keeps their picks.
    let next = TestApp::spawn_shell(&app);
    let res = post_buy(&next, &slug, &picks("FRIDAY")).await;
    assert_eq!(res.status().as_u16(), 409);
    let html = res.text().await.unwrap();
    assert!(html.contains(CANNOT) && html.contains("value=\"L\" checked"), "the same answer as a wrong code");
    // The first fan backs out: the use comes back.
    popshop::sales::cancel_checkout(&app.state.sales, &order).await.unwrap();
    let res = post_buy(&next, &slug, &picks("FRIDAY")).await;
    assert_eq!(res.status().as_u16(), 303, "the use came back when the hold ended unpaid");
    next.pay_demo(&location(&res)).await;
    let drop = app.state.store.drop_by_id(&drop_id).await.unwrap().unwrap();
    assert_eq!((drop.sold, drop.revenue_minor), (2, 4000), "the discounted price is what counts");

    // An ended code says so.
    sqlx::query("UPDATE promo_codes SET ends_at = 1, max_uses = NULL").execute(app.state.store.pool()).await.unwrap();
    let res = post_buy(&TestApp::spawn_shell(&app), &slug, &picks("FRIDAY")).await;
    assert!(res.text().await.unwrap().contains(CANNOT), "an ended code: the same answer");
}

#[tokio::test]
async fn codes_for_all_drops_and_an_amount_off_in_the_drops_currency() {
    let app = TestApp::spawn().await;
    let (first, _) = app.launch("First of many").await;
    let res = app.launch_with(&[("slogan", "Second of many")]).await;
    assert_eq!(res.status().as_u16(), 303);
    let res = app.launch_with(&[("slogan", "In euros"), ("currency", "eur")]).await;
    assert_eq!(res.status().as_u16(), 303);
    code(&app, &first, &[("code", "FIVE-OFF"), ("kind", "amount"), ("value", "5"), ("scope", "all")]).await;
    let fan = TestApp::spawn_shell(&app);
    let buy = |slug: &'static str| {
        let fan = &fan;
        async move {
            post_buy(fan, slug, &[("size", "M"), ("colour", "black"), ("quantity", "1"), ("code", "five-off")]).await
        }
    };
    assert_eq!(buy("second-of-many").await.status().as_u16(), 303, "works on every drop of the artist");
    let res = buy("in-euros").await;
    assert_eq!(res.status().as_u16(), 409, "a dollar amount does not apply to a euro drop");
}

#[tokio::test]
async fn stripe_checkout_charges_the_discounted_price_and_names_the_code() {
    let standin = StripeStandIn::start().await;
    let uri = standin.uri();
    let app = TestApp::spawn_with(move |s| use_stripe(s, uri)).await;
    let (drop_id, slug) = app.launch("Discount at Stripe").await;
    code(&app, &drop_id, &[("code", "TENNER"), ("kind", "amount"), ("value", "10")]).await;
    let res = post_buy(&app, &slug, &[("size", "M"), ("colour", "black"), ("quantity", "2"), ("code", "tenner")]).await;
    assert_eq!(res.status().as_u16(), 303);
    let request = standin.seen().into_iter().find(|r| r.operation == "POST /v1/checkout/sessions").unwrap();
    assert_eq!(request.refused, None, "Stripe's definitions accept it");
    let pair = |k: &str| request.pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone()).unwrap_or_default();
    assert_eq!(pair("line_items[0][price_data][unit_amount]"), "1500");
    assert!(pair("line_items[0][price_data][product_data][name]").contains("code TENNER: $10.00 off each shirt"));
}

#[tokio::test]
async fn a_guesser_is_stopped_after_ten_codes_a_minute_and_learns_nothing() {
    let app = TestApp::spawn_with(|s| {
        s.code_try_rate_per_minute = 10;
        s.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
    })
    .await;
    let (drop_id, slug) = app.launch("Guess my code").await;
    code(&app, &drop_id, &[("code", "SECRET7"), ("kind", "percent"), ("value", "50")]).await;
    code(&app, &drop_id, &[("code", "OLDIE"), ("kind", "percent"), ("value", "50"), ("max_uses", "1")]).await;
    let guesser = TestApp::spawn_shell(&app);
    let apply = |code: &'static str| {
        vec![("size", "M"), ("colour", "black"), ("quantity", "1"), ("code", code), ("apply", "1")]
    };
    for n in 0..10 {
        let guess: &'static str = Box::leak(format!("GUESS{n}").into_boxed_str());
        let res = post_buy(&guesser, &slug, &apply(guess)).await;
        assert_eq!(res.status().as_u16(), 409, "wrong code {n}");
        assert!(res.text().await.unwrap().contains(CANNOT));
    }
    // The eleventh try, even the right code: a clear "too many tries".
    let res = post_buy(&guesser, &slug, &apply("SECRET7")).await;
    assert_eq!(res.status().as_u16(), 429);
    assert!(res.text().await.unwrap().contains("Too many codes tried"));
    // Checkout with a code counts too.
    let buy = vec![("size", "M"), ("colour", "black"), ("quantity", "1"), ("code", "SECRET7")];
    assert_eq!(post_buy(&guesser, &slug, &buy).await.status().as_u16(), 429);
    // Another fan (another address, through the trusted proxy) is not held back.
    let res = app
        .other_visitor()
        .post(app.url(&format!("/d/{slug}/checkout")))
        .header("sec-fetch-site", "same-origin")
        .header("x-forwarded-for", "198.51.100.7")
        .form(&apply("SECRET7"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
}

#[tokio::test]
async fn wrong_codes_from_many_addresses_close_codes_on_the_drop_for_a_while() {
    let app = TestApp::spawn_with(|s| s.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()]).await;
    let (drop_id, slug) = app.launch("Spread guessing").await;
    code(&app, &drop_id, &[("code", "SECRET7"), ("kind", "percent"), ("value", "50")]).await;
    let apply = |code: String, fan: u32| {
        let url = app.url(&format!("/d/{slug}/checkout"));
        let client = app.other_visitor();
        async move {
            let form = [("size", "M"), ("colour", "black"), ("quantity", "1"), ("code", code.as_str()), ("apply", "1")];
            client
                .post(url)
                .header("sec-fetch-site", "same-origin")
                .header("x-forwarded-for", format!("198.51.{}.{}", fan / 250, fan % 250 + 1))
                .form(&form)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    let limit = popshop::web::limits::CODE_MISSES_PER_DROP_MINUTE;
    for n in 0..limit {
        assert_eq!(apply(format!("GUESS{n}"), n).await, 409);
    }
    assert_eq!(apply("GUESSX".into(), limit).await, 409, "the miss that closes codes is still answered");
    assert_eq!(apply("SECRET7".into(), limit + 1).await, 429, "closed: not looked up, from any address");
}

#[tokio::test]
async fn one_client_cannot_sit_on_a_limited_codes_uses_with_unpaid_holds() {
    let app = TestApp::spawn().await;
    let (drop_id, slug) = app.launch("Few codes").await;
    code(&app, &drop_id, &[("code", "FIVE"), ("kind", "percent"), ("value", "10"), ("max_uses", "5")]).await;
    let hoarder = TestApp::spawn_shell(&app);
    let buy = vec![("size", "M"), ("colour", "black"), ("quantity", "1"), ("code", "FIVE")];
    assert_eq!(post_buy(&hoarder, &slug, &buy).await.status().as_u16(), 303);
    for _ in 0..3 {
        let res = post_buy(&hoarder, &slug, &buy).await;
        assert_eq!(res.status().as_u16(), 409);
        assert!(res.text().await.unwrap().contains("You already have a checkout open with this code"));
    }
    let (uses,): (i64,) = sqlx::query_as("SELECT uses FROM promo_codes WHERE code = 'FIVE'")
        .fetch_one(app.state.store.pool())
        .await
        .unwrap();
    assert_eq!(uses, 1, "one hold, one use");
    // Without the code the same client may still buy (its holds are capped apart).
    let plain = vec![("size", "M"), ("colour", "black"), ("quantity", "1")];
    assert_eq!(post_buy(&hoarder, &slug, &plain).await.status().as_u16(), 303);
}
