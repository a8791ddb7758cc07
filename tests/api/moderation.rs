//! Operators and moderation (issue 24): a takedown in the middle of a
//! checkout (the hold released, a late payment refunded, the open tab told,
//! the artist told), restore, reports without an account (limited per
//! address), the console closed to everyone else, and the audit log.

use crate::common::{TestApp, extract_csrf, location};
use crate::live::Events;

const OPERATOR: &str = "ops@example.com";
const REASON: &str = "Uses the ACME trademark without permission.";

/// An app whose settings list `OPERATOR`, and the operator's own browser.
async fn with_operator() -> (TestApp, TestApp) {
    let app = TestApp::spawn_with(|s| {
        s.operators = vec![popshop::domain::EmailAddress::parse(OPERATOR).unwrap()];
        s.trusted_proxies = popshop::config::parse_trusted("127.0.0.1/32").unwrap();
    })
    .await;
    let ops = TestApp::spawn_shell(&app);
    assert_eq!(ops.sign_up(OPERATOR, "correct horse battery").await.status().as_u16(), 303);
    (app, ops)
}

async fn console_csrf(ops: &TestApp) -> String {
    let (status, html) = ops.get_html("/admin").await;
    assert_eq!(status, 200, "the operator reaches /admin");
    extract_csrf(&html)
}

#[tokio::test]
async fn a_takedown_mid_checkout_releases_the_hold_refunds_a_late_payment_and_restore_undoes_it() {
    let (app, ops) = with_operator().await;
    let artist = "takedown-artist@example.com";
    let (id, slug) = app.launch_as(artist, "Totally original logo", true).await;
    // A fan holds a shirt; another watches the storefront.
    let fan = TestApp::spawn_shell(&app);
    let held = fan.buy(&slug, "M", "black", 1).await;
    assert_eq!(held.status().as_u16(), 303);
    let checkout = location(&held);
    assert_eq!(app.drop_by_slug(&slug).await.reserved, 1);
    let mut watching = Events::open(&app, &slug, None).await;
    let (_, first) = watching.next().await;
    assert_eq!(first["state"], "live");

    // Without JavaScript the first post asks once more, carrying the reason.
    let csrf = console_csrf(&ops).await;
    let path = format!("/admin/drops/{id}/takedown");
    let asked =
        ops.client.post(ops.url(&path)).form(&[("csrf", csrf.as_str()), ("reason", REASON)]).send().await.unwrap();
    assert_eq!(asked.status().as_u16(), 200);
    let page = asked.text().await.unwrap();
    assert!(page.contains("ACME trademark") && page.contains("name=\"confirmed\" value=\"yes\""));
    assert!(app.drop_by_slug(&slug).await.takedown.is_none(), "nothing happens before the confirmation");
    // A reason is required.
    let empty = ops
        .client
        .post(ops.url(&path))
        .form(&[("csrf", csrf.as_str()), ("reason", "   "), ("confirmed", "yes")])
        .send()
        .await
        .unwrap();
    assert_eq!(empty.status().as_u16(), 422);
    let done = ops
        .client
        .post(ops.url(&path))
        .form(&[("csrf", csrf.as_str()), ("reason", REASON), ("confirmed", "yes")])
        .send()
        .await
        .unwrap();
    assert_eq!(done.status().as_u16(), 303);

    // Fans: 410 with the reason; the open tab hears it; no new checkout.
    let (status, html) = app.other_visitor_html(&format!("/d/{slug}")).await;
    assert_eq!(status, 410);
    assert!(html.contains(REASON), "fans see the reason");
    assert_eq!(app.get(&format!("/d/{slug}/card.png")).await.status().as_u16(), 410);
    let (_, gone) = watching.until(|t| t["state"] == "taken-down").await;
    assert_eq!(gone["state"], "taken-down");
    assert_eq!(gone["reason"], REASON, "the open tab gets the reason");
    assert!(watching.ends_within(std::time::Duration::from_secs(5)).await, "and its stream closes");
    let refused = TestApp::spawn_shell(&app).buy(&slug, "M", "black", 1).await;
    assert!(!location(&refused).contains("/demo-checkout/"), "no checkout opens on a taken-down drop");

    // The open hold ends at the next sweep; its payment, arriving late, is
    // refunded.
    let first_order = order_at(&app, &checkout).await;
    popshop::sales::sweep::sweep(&app.state.sales).await.unwrap();
    let drop = app.drop_by_slug(&slug).await;
    assert_eq!((drop.sold, drop.reserved), (0, 0), "the hold was given back");
    pay(&app, &first_order).await;
    let drop = app.drop_by_slug(&slug).await;
    assert_eq!((drop.sold, drop.reserved), (0, 0), "a late payment on a taken-down drop is not sold");
    let late = app.state.store.order_by_id(&first_order.id).await.unwrap().unwrap();
    assert_eq!(late.status, popshop::domain::OrderStatus::Refunded, "the late payment is refunded");

    // The artist: the reason on the drop's page, and a mail.
    let artist_view = TestApp::spawn_shell(&app);
    artist_view.post_form("/login", &[("email", artist), ("password", "correct horse battery")]).await;
    let (_, dashboard) = artist_view.get_html(&format!("/dashboard/drops/{id}")).await;
    assert!(dashboard.contains(REASON), "the artist sees why on the drop's page");
    let mail = app.mail_to(artist, "was taken down").await;
    assert!(mail.contains(REASON), "the artist is mailed the reason: {mail}");

    // The audit log names the operator, the drop and the reason.
    let log = app.state.store.audit_log(10).await.unwrap();
    assert_eq!(
        (log[0].actor.as_str(), log[0].action.as_str(), log[0].target.as_str()),
        (OPERATOR, "takedown", slug.as_str())
    );
    assert_eq!(log[0].reason, REASON);

    // Restore: the storefront and checkouts are back.
    let restored = ops
        .client
        .post(ops.url(&format!("/admin/drops/{id}/restore")))
        .form(&[("csrf", csrf.as_str()), ("confirmed", "yes")])
        .send()
        .await
        .unwrap();
    assert_eq!(restored.status().as_u16(), 303);
    let (status, _) = app.other_visitor_html(&format!("/d/{slug}")).await;
    assert_eq!(status, 200);
    let again = TestApp::spawn_shell(&app).buy(&slug, "M", "black", 1).await;
    assert!(location(&again).starts_with("/demo-checkout/"), "checkouts open again");
    let log = app.state.store.audit_log(10).await.unwrap();
    assert_eq!((log[0].action.as_str(), log[0].target.as_str()), ("restore", slug.as_str()));
}

/// The order behind a demo checkout's address.
async fn order_at(app: &TestApp, checkout: &str) -> popshop::domain::Order {
    let session = checkout.trim_start_matches("/demo-checkout/");
    app.state.store.order_by_session(session).await.unwrap().expect("the checkout's order")
}

/// Stripe's signed `checkout.session.completed` for `order`, as the
/// provider sends it when the fan pays.
async fn pay(app: &TestApp, order: &popshop::domain::Order) {
    use popshop::payments::events::{SessionFacts, session_event, sign};
    use secrecy::ExposeSecret;
    let facts = SessionFacts {
        session_id: order.session_id.clone().unwrap(),
        order_id: order.id.clone(),
        payment_status: "paid".into(),
        amount_total: order.amount.minor(),
        currency: "usd".into(),
        email: Some("fan@example.com".into()),
        payment_intent: Some(format!("pi_{}", order.id)),
        ..Default::default()
    };
    let body = session_event(&format!("evt_{}", order.id), "checkout.session.completed", &facts, 0);
    let secret = app.state.sales.payments.webhook_secret().expose_secret().to_owned();
    let res = app
        .client
        .post(app.url("/webhooks/stripe"))
        .header("stripe-signature", sign(&body, &secret, popshop::clock::system_now_secs()))
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
}

#[tokio::test]
async fn a_payment_on_a_hold_still_open_at_the_takedown_is_refunded_and_its_units_return() {
    let (app, ops) = with_operator().await;
    let (id, slug) = app.launch_as("held-artist@example.com", "Held at takedown", true).await;
    let held = TestApp::spawn_shell(&app).buy(&slug, "M", "black", 2).await;
    let order = order_at(&app, &location(&held)).await;
    assert_eq!(app.drop_by_slug(&slug).await.reserved, 2);
    let csrf = console_csrf(&ops).await;
    let res = ops
        .client
        .post(ops.url(&format!("/admin/drops/{id}/takedown")))
        .form(&[("csrf", csrf.as_str()), ("reason", REASON), ("confirmed", "yes")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    // The fan had paid just before: the event arrives before any sweep.
    pay(&app, &order).await;
    let drop = app.drop_by_slug(&slug).await;
    assert_eq!((drop.sold, drop.reserved), (0, 0), "not sold, and the held units are back");
    let paid = app.state.store.order_by_id(&order.id).await.unwrap().unwrap();
    assert_eq!(paid.status, popshop::domain::OrderStatus::Refunded);
    let products: (i64, i64) = sqlx::query_as(
        "SELECT CAST(SUM(sold) AS BIGINT), CAST(SUM(reserved) AS BIGINT) FROM drop_products WHERE drop_id = $1",
    )
    .bind(&id)
    .fetch_one(app.state.store.pool())
    .await
    .unwrap();
    assert_eq!(products, (0, 0), "the products' counts follow");
}

#[tokio::test]
async fn the_console_is_for_operators_only() {
    let (app, ops) = with_operator().await;
    let visitor = TestApp::spawn_shell(&app).into_new_visitor();
    let res = visitor.get("/admin").await;
    assert_eq!(res.status().as_u16(), 303, "a visitor is asked to log in");
    let (_, slug) = app.launch_as("plain-artist@example.com", "Just an artist", true).await;
    let (status, _) = app.get_html("/admin").await;
    assert_eq!(status, 404, "an artist finds nothing there");
    let drop = app.drop_by_slug(&slug).await;
    let csrf = app.csrf().await;
    let res = app
        .client
        .post(app.url(&format!("/admin/drops/{}/takedown", drop.id)))
        .form(&[("csrf", csrf.as_str()), ("reason", "mine now"), ("confirmed", "yes")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 404);
    assert!(app.drop_by_slug(&slug).await.takedown.is_none());
    // A granted operator (not in the settings) gets in too.
    let granted = TestApp::spawn_shell(&app).into_new_visitor();
    granted.sign_up("granted@example.com", "correct horse battery").await;
    let email = popshop::domain::EmailAddress::parse("granted@example.com").unwrap();
    let audit = popshop::store::Audit {
        actor: "cli",
        action: "grant",
        target_kind: "account",
        target: "granted@example.com",
        reason: "",
    };
    assert!(app.state.store.set_operator(&email, true, audit).await.unwrap());
    assert_eq!(granted.get_html("/admin").await.0, 200);
    // The operator finds the drop by its artist's email.
    let (_, found) = ops.get_html("/admin?q=plain-artist").await;
    assert!(found.contains("Just an artist"));
}

#[tokio::test]
async fn fans_report_a_shop_without_an_account_limited_per_address() {
    let (app, ops) = with_operator().await;
    let (_, slug) = app.launch_as("reported-artist@example.com", "Reported tee", true).await;
    let (_, storefront) = app.other_visitor_html(&format!("/d/{slug}")).await;
    assert!(storefront.contains(&format!("/d/{slug}/report")), "the storefront links the report form");
    let fan = TestApp::spawn_shell(&app).into_new_visitor();
    let (status, form) = fan.get_html(&format!("/d/{slug}/report")).await;
    assert_eq!(status, 200);
    assert!(form.contains("name=\"reason\" value=\"infringement\""));
    let report = |from: &'static str, fields: Vec<(&'static str, &'static str)>| {
        let (client, url, origin) = (fan.client.clone(), fan.url(&format!("/d/{slug}/report")), fan.address.clone());
        async move {
            client
                .post(url)
                .header("origin", origin)
                .header("x-forwarded-for", from)
                .form(&fields)
                .send()
                .await
                .unwrap()
        }
    };
    // No reason, or "other" without a note: a clear answer, nothing filed.
    assert_eq!(report("198.51.100.1", vec![("note", "hm")]).await.status().as_u16(), 422);
    assert_eq!(report("198.51.100.1", vec![("reason", "other")]).await.status().as_u16(), 422);
    let filed = report("198.51.100.1", vec![("reason", "infringement"), ("note", "That is the ACME logo.")]).await;
    assert_eq!(filed.status().as_u16(), 200);
    assert!(filed.text().await.unwrap().contains("Thank you"));
    for _ in 0..4 {
        assert_eq!(report("198.51.100.1", vec![("reason", "scam")]).await.status().as_u16(), 200);
    }
    assert_eq!(
        report("198.51.100.1", vec![("reason", "scam")]).await.status().as_u16(),
        429,
        "five an hour per address"
    );
    assert_eq!(
        report("198.51.100.2", vec![("reason", "hate")]).await.status().as_u16(),
        200,
        "another address still can"
    );
    let cross = fan
        .client
        .post(fan.url(&format!("/d/{slug}/report")))
        .header("origin", "https://evil.example")
        .form(&[("reason", "scam")])
        .send()
        .await
        .unwrap();
    assert_eq!(cross.status().as_u16(), 403, "another site cannot file reports");

    // The operators' queue shows them; dismissing one is logged.
    let reports = app.state.store.open_reports(50).await.unwrap();
    assert_eq!(reports.len(), 6);
    let noted = reports.iter().find(|r| r.note == "That is the ACME logo.").expect("the fan's note is kept");
    assert_eq!(noted.reason, "infringement");
    let (_, console) = ops.get_html("/admin").await;
    assert!(console.contains("That is the ACME logo.") && console.contains("Reported tee"));
    let csrf = extract_csrf(&console);
    let res = ops
        .client
        .post(ops.url(&format!("/admin/reports/{}/dismiss", noted.id)))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(app.state.store.open_reports(50).await.unwrap().len(), 5);
    let log = app.state.store.audit_log(5).await.unwrap();
    assert_eq!((log[0].actor.as_str(), log[0].action.as_str()), (OPERATOR, "dismiss"));
}

#[tokio::test]
async fn suspending_an_account_ends_its_sessions_takes_its_drops_offline_and_sign_in_says_why() {
    let (app, ops) = with_operator().await;
    let artist = "suspended-artist@example.com";
    let (first_id, first) = app.launch_as(artist, "First of theirs", true).await;
    let second = app.launch_with(&[("slogan", "Second of theirs")]).await;
    assert_eq!(second.status().as_u16(), 303);
    let second_slug = app
        .state
        .store
        .drop_by_id(location(&second).trim_start_matches("/dashboard/drops/").split('?').next().unwrap())
        .await
        .unwrap()
        .unwrap()
        .slug
        .to_string();
    // One of the drops was taken down on its own before.
    let csrf = console_csrf(&ops).await;
    let res = ops
        .client
        .post(ops.url(&format!("/admin/drops/{first_id}/takedown")))
        .form(&[("csrf", csrf.as_str()), ("reason", REASON), ("confirmed", "yes")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(app.get_html("/dashboard").await.0, 200, "the artist is signed in");
    let account = app.state.store.search_accounts(artist, 5).await.unwrap().remove(0);
    let (_, console) = ops.get_html(&format!("/admin?q={artist}")).await;
    assert!(console.contains(&format!("/admin/accounts/{}", account.id)), "the console finds the account");
    let path = format!("/admin/accounts/{}/suspend", account.id);
    let why = "Sells counterfeit merch across many shops.";
    // Without JavaScript: asked once more, with the reason carried.
    let asked = ops.client.post(ops.url(&path)).form(&[("csrf", csrf.as_str()), ("reason", why)]).send().await.unwrap();
    assert_eq!(asked.status().as_u16(), 200);
    assert!(asked.text().await.unwrap().contains("counterfeit"));
    let done = ops
        .client
        .post(ops.url(&path))
        .form(&[("csrf", csrf.as_str()), ("reason", why), ("confirmed", "yes")])
        .send()
        .await
        .unwrap();
    assert_eq!(done.status().as_u16(), 303);

    // The session ended; both drops are offline; sign-in says why.
    assert_eq!(app.get("/dashboard").await.status().as_u16(), 303, "sent to log in");
    let (status, html) = app.other_visitor_html(&format!("/d/{second_slug}")).await;
    assert_eq!(status, 410);
    assert!(html.contains(why));
    let login = app.post_form("/login", &[("email", artist), ("password", "correct horse battery")]).await;
    assert_eq!(login.status().as_u16(), 403);
    assert!(login.text().await.unwrap().contains(why), "sign-in shows the reason");
    let wrong = app.post_form("/login", &[("email", artist), ("password", "not the password")]).await;
    assert!(!wrong.text().await.unwrap().contains(why), "a guesser is not told");
    // An operator cannot suspend themselves.
    let me = app.state.store.search_accounts(OPERATOR, 1).await.unwrap().remove(0);
    let own = ops
        .client
        .post(ops.url(&format!("/admin/accounts/{}/suspend", me.id)))
        .form(&[("csrf", csrf.as_str()), ("reason", "oops"), ("confirmed", "yes")])
        .send()
        .await
        .unwrap();
    assert_eq!(own.status().as_u16(), 422);

    // Unsuspended: sign-in works, the drop that went down with the account
    // is back, the one taken down on its own stays down.
    let res = ops
        .client
        .post(ops.url(&format!("/admin/accounts/{}/unsuspend", account.id)))
        .form(&[("csrf", csrf.as_str()), ("confirmed", "yes")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    let login = app.post_form("/login", &[("email", artist), ("password", "correct horse battery")]).await;
    assert_eq!(login.status().as_u16(), 303);
    assert_eq!(app.other_visitor_html(&format!("/d/{second_slug}")).await.0, 200);
    assert_eq!(app.other_visitor_html(&format!("/d/{first}")).await.0, 410);
    let log = app.state.store.audit_log(10).await.unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(&actions[..3], ["unsuspend", "suspend", "takedown"]);
    assert_eq!(log[1].reason, why);
    assert_eq!(log[1].target, artist);
}

#[tokio::test]
async fn refund_every_order_of_a_taken_down_drop_through_the_normal_path_with_progress() {
    let (app, ops) = with_operator().await;
    let (id, slug) = app.launch_as("refund-all-artist@example.com", "Refund them all", true).await;
    for n in 0..3 {
        let fan = TestApp::spawn_shell(&app);
        let res = fan.buy(&slug, "M", "black", 1).await;
        fan.pay_demo_as(&location(&res), &format!("fan{n}@example.com")).await;
    }
    assert_eq!(app.drop_by_slug(&slug).await.sold, 3);
    let csrf = console_csrf(&ops).await;
    let refund_all = format!("/admin/drops/{id}/refund-all");
    // Only a taken-down drop offers it.
    let res = ops
        .client
        .post(ops.url(&refund_all))
        .form(&[("csrf", csrf.as_str()), ("confirmed", "yes")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(app.state.store.refund_progress(&id).await.unwrap().requested, 0, "nothing asked while it is up");
    let res = ops
        .client
        .post(ops.url(&format!("/admin/drops/{id}/takedown")))
        .form(&[("csrf", csrf.as_str()), ("reason", REASON), ("confirmed", "yes")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    let (_, page) = ops.get_html(&format!("/admin/drops/{id}")).await;
    assert!(page.contains("3 paid orders have not been refunded."), "the console offers it");
    // Without JavaScript: asked once more.
    let asked = ops.client.post(ops.url(&refund_all)).form(&[("csrf", csrf.as_str())]).send().await.unwrap();
    assert_eq!(asked.status().as_u16(), 200);
    assert_eq!(app.state.store.refund_progress(&id).await.unwrap().requested, 0);
    let res = ops
        .client
        .post(ops.url(&refund_all))
        .form(&[("csrf", csrf.as_str()), ("confirmed", "yes")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    let (_, page) = ops.get_html(&format!("/admin/drops/{id}")).await;
    assert!(page.contains("0 of 3 orders refunded"), "progress before the sweep");
    popshop::sales::sweep::sweep(&app.state.sales).await.unwrap();
    let progress = app.state.store.refund_progress(&id).await.unwrap();
    assert_eq!((progress.requested, progress.refunded, progress.paid_left), (3, 3, 0));
    let (_, page) = ops.get_html(&format!("/admin/drops/{id}")).await;
    assert!(page.contains("3 of 3 orders refunded"));
    assert_eq!(app.drop_by_slug(&slug).await.sold, 0, "the totals follow the refunds");
    let mail = app.mail_to("fan1@example.com", "Refunded").await;
    assert!(!mail.is_empty(), "fans get the usual refund mail");
    let log = app.state.store.audit_log(5).await.unwrap();
    assert_eq!((log[0].action.as_str(), log[0].target.as_str()), ("refund-all", slug.as_str()));
}

#[tokio::test]
async fn an_operator_takes_an_idea_and_a_call_down_and_the_artist_cannot_show_the_idea_again() {
    use crate::calls::{open_call, send_idea};
    let (app, ops) = with_operator().await;
    let slug = open_call(&app, "Name our tour shirt").await;
    let fan = TestApp::spawn_shell(&app);
    let res = send_idea(&fan, &slug, "A hateful idea").await;
    let hateful = location(&res).rsplit("#idea-").next().unwrap().to_owned();
    send_idea(&TestApp::spawn_shell(&app), &slug, "Friday Loser Club").await;
    let call = app.state.store.call_by_slug(&popshop::domain::DropSlug::parse(&slug).unwrap()).await.unwrap().unwrap();
    let csrf = console_csrf(&ops).await;
    let (_, console) = ops.get_html(&format!("/admin?q={slug}")).await;
    assert!(console.contains(&format!("/admin/calls/{}", call.id)), "the console finds the call");
    let takedown = format!("/admin/calls/{}/takedown", call.id);
    // One idea, with a reason.
    let res = ops
        .client
        .post(ops.url(&takedown))
        .form(&[("csrf", csrf.as_str()), ("idea", hateful.as_str()), ("reason", "Hate speech.")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    let (_, board) = fan.get_html(&format!("/c/{slug}")).await;
    assert!(!board.contains("A hateful idea") && board.contains("Friday Loser Club"), "off the board");
    // The artist cannot show it again.
    let res = app.post_form(&format!("/c/{slug}/ideas/{hateful}/moderate"), &[("action", "show")]).await;
    assert_eq!(res.status().as_u16(), 303);
    let (_, board) = fan.get_html(&format!("/c/{slug}")).await;
    assert!(!board.contains("A hateful idea"), "the artist cannot bring back an idea an operator took down");

    // The whole call: 410 with the reason; ideas and votes stop.
    let res = ops
        .client
        .post(ops.url(&takedown))
        .form(&[("csrf", csrf.as_str()), ("reason", "Harassment campaign."), ("confirmed", "yes")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    let (status, html) = TestApp::spawn_shell(&app).into_new_visitor().get_html(&format!("/c/{slug}")).await;
    assert_eq!(status, 410);
    assert!(html.contains("Harassment campaign."));
    let token = fan.csrf().await;
    let res = fan
        .client
        .post(fan.url(&format!("/c/{slug}/ideas")))
        .form(&[("csrf", token.as_str()), ("idea", "one more")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 410, "no more ideas");
    let log = app.state.store.audit_log(5).await.unwrap();
    assert_eq!((log[0].action.as_str(), log[0].target_kind.as_str()), ("takedown", "call"));
    assert_eq!((log[1].target_kind.as_str(), log[1].reason.as_str()), ("idea", "Hate speech."));
    // Restored, the page is back (the taken-down idea stays off).
    let res = ops
        .client
        .post(ops.url(&format!("/admin/calls/{}/restore", call.id)))
        .form(&[("csrf", csrf.as_str()), ("confirmed", "yes")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    let (status, board) = TestApp::spawn_shell(&app).into_new_visitor().get_html(&format!("/c/{slug}")).await;
    assert_eq!(status, 200);
    assert!(!board.contains("A hateful idea"));
    // An idea taken down by mistake comes back the same way.
    let (_, page) = ops.get_html(&format!("/admin/calls/{}", call.id)).await;
    assert!(page.contains("Restore this idea"));
    let res = ops
        .client
        .post(ops.url(&format!("/admin/calls/{}/restore", call.id)))
        .form(&[("csrf", csrf.as_str()), ("idea", hateful.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    let (_, board) = TestApp::spawn_shell(&app).into_new_visitor().get_html(&format!("/c/{slug}")).await;
    assert!(board.contains("A hateful idea"), "back on the board");
    let log = app.state.store.audit_log(1).await.unwrap();
    assert_eq!((log[0].action.as_str(), log[0].target_kind.as_str()), ("restore", "idea"));
}

#[tokio::test]
async fn fans_report_a_call_and_the_operators_queue_links_it() {
    use crate::calls::open_call;
    let (app, ops) = with_operator().await;
    let slug = open_call(&app, "Name our tour shirt").await;
    let fan = TestApp::spawn_shell(&app).into_new_visitor();
    let (_, board) = fan.get_html(&format!("/c/{slug}")).await;
    assert!(board.contains(&format!("/c/{slug}/report")), "the board links the report form");
    let (status, form) = fan.get_html(&format!("/c/{slug}/report")).await;
    assert_eq!(status, 200);
    assert!(form.contains("Report this call") && form.contains("Name our tour shirt"));
    let res = fan
        .client
        .post(fan.url(&format!("/c/{slug}/report")))
        .header("origin", &fan.address)
        .form(&[("reason", "hate"), ("note", "The board is full of slurs.")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let reports = app.state.store.open_reports(10).await.unwrap();
    assert_eq!((reports[0].target_kind.as_str(), reports[0].note.as_str()), ("call", "The board is full of slurs."));
    let (_, console) = ops.get_html("/admin").await;
    assert!(console.contains(&format!("href=\"/c/{slug}\"")), "the queue links the call");
    assert!(console.contains(&format!("/admin/calls/{}", reports[0].target_id)), "and its console page");
}
