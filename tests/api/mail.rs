//! Mail (issue 14, first part): a paid order's confirmation is written to
//! the outbox in the payment's transaction and delivered by the sender task;
//! without a mail server, as an `.eml` file. The file is read as a mail
//! client reads it (mail-parser): headers, and both parts of the
//! multipart/alternative body.

use crate::common::{TestApp, eml_files, eml_in, location};
use mail_parser::{MessageParser, MimeHeaders};
use std::time::Duration;

/// The `.eml` files to the fan in the app's mail folder, once there are `n`
/// (waits up to 10 s). The artist's own mail (the sign-up's confirmation
/// link) is left out.
async fn mail_files(app: &TestApp, n: usize) -> Vec<Vec<u8>> {
    let to_fan = |raw: &Vec<u8>| {
        MessageParser::default()
            .parse(raw)
            .and_then(|m| m.to().and_then(|a| a.first()).and_then(|a| a.address()).map(|a| a == "fan@example.com"))
            .unwrap_or(false)
    };
    for _ in 0..200 {
        let fan: Vec<Vec<u8>> =
            eml_files(&app.dir.path().join("mail"), 0, 1).await.into_iter().filter(to_fan).collect();
        if fan.len() >= n {
            return fan;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("fewer than {n} messages to the fan arrived");
}

/// Launches a drop in `language` and buys two shirts in the demo checkout.
async fn bought(app: &TestApp, slogan: &str, language: &str) -> String {
    app.sign_up(&format!("artist-{language}@example.com"), "correct horse battery").await;
    app.launch_with(&[
        ("slogan", slogan),
        ("language", language),
        ("shipping", "5.00"),
        ("description", "Printed the night after the gig."),
    ])
    .await;
    let slug = popshop::domain::DropSlug::from_slogan(slogan).to_string();
    let res = app.buy(&slug, "M", "black", 2).await;
    assert_eq!(app.pay_demo(&location(&res)).await.status().as_u16(), 303, "paid");
    slug
}

#[tokio::test]
async fn a_paid_order_sends_the_fan_one_confirmation_a_mail_client_can_read() {
    let app = TestApp::spawn().await;
    bought(&app, "Mail me a shirt", "en").await;
    let raw = mail_files(&app, 1).await.remove(0);
    let mail = MessageParser::default().parse(&raw).expect("a MIME message");

    assert_eq!(mail.subject(), Some("Your order #1: “Mail me a shirt”"));
    let from = mail.from().and_then(|a| a.first()).unwrap();
    assert_eq!((from.name(), from.address()), (Some("popshop"), Some("shop@localhost")));
    assert_eq!(mail.to().and_then(|a| a.first()).and_then(|a| a.address()), Some("fan@example.com"));
    assert!(mail.message_id().is_some_and(|id| id.ends_with("@localhost")), "a Message-ID of our domain");
    assert!(mail.date().is_some(), "dated");
    assert_eq!(mail.header_raw("Auto-Submitted").map(str::trim), Some("auto-generated"));
    let root = mail.root_part();
    assert_eq!(root.content_type().map(|c| (c.ctype(), c.subtype())), Some(("multipart", Some("alternative"))));

    let text = mail.body_text(0).expect("a plain-text part");
    for line in [
        "Thank you, your order is paid",
        "You’re #1",
        "2 × “Mail me a shirt” T-shirt, M, Black",
        "Total: $55.00",
        "Shipping $5.00 · arrives in 5–10 business days",
        "Fán Ünïcode",
        "10001 New York",
        "Printed the night after the gig.",
    ] {
        assert!(text.contains(line), "the text part says {line:?}:\n{text}");
    }
    assert!(text.contains("/d/mail-me-a-shirt"), "links to the shop");
    let html = mail.body_html(0).expect("an HTML part");
    assert!(html.contains("<html lang=\"en\">") && html.contains("You’re #1") && html.contains("$55.00"));
    assert!(!html.contains("<img") && !html.contains("<link"), "no outside pictures or styles");
    // Kept for a look in a browser (scripts/screenshots).
    let keep = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    if std::fs::create_dir_all(&keep).is_ok() {
        let _ = std::fs::write(keep.join("mail-order-paid.html"), html.as_bytes());
        let _ = std::fs::write(keep.join("mail-order-paid.eml"), &raw);
    }

    // Exactly one, marked sent; nothing more arrives.
    let order = app
        .state
        .store
        .orders_of_drop(&app.drop_by_slug("mail-me-a-shirt").await.id, &[popshop::domain::OrderStatus::Paid], 10)
        .await
        .unwrap();
    let sent = app.state.store.mail_about(popshop::store::outbox::ORDER_PAID, &order[0].id).await.unwrap();
    assert_eq!(sent.len(), 1);
    assert_eq!((sent[0].0.as_str(), sent[0].1), ("sent", 1));
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(mail_files(&app, 1).await.len(), 1, "never twice");
}

#[tokio::test]
async fn a_german_drop_writes_to_its_fans_in_german() {
    let app = TestApp::spawn().await;
    bought(&app, "Schick mir ein Shirt", "de").await;
    let raw = mail_files(&app, 1).await.remove(0);
    let mail = MessageParser::default().parse(&raw).expect("a MIME message");
    assert_eq!(mail.subject(), Some("Deine Bestellung Nr. 1: „Schick mir ein Shirt“"));
    let text = mail.body_text(0).unwrap();
    assert!(text.contains("Danke, deine Bestellung ist bezahlt") && text.contains("Du bist Nr. 1"), "{text}");
    let total = popshop::i18n::money(
        popshop::domain::Language::De,
        popshop::domain::Money::from_minor(5500, popshop::domain::Currency::Usd),
    );
    assert!(text.contains(&format!("Summe: {total}")) && total.starts_with("55,00"), "prices the German way: {text}");
    assert!(mail.body_html(0).unwrap().contains("<html lang=\"de\">"));
}

#[tokio::test]
async fn a_message_delivered_again_after_a_crash_keeps_its_id_and_its_file() {
    let app = TestApp::spawn().await;
    bought(&app, "Crash after sending", "en").await;
    let first = mail_files(&app, 1).await.remove(0);
    // The sender died after writing the file, before marking it sent: the
    // message is due again (its lease ran out) and goes out once more.
    sqlx::query("UPDATE outbox SET status = 'queued', next_attempt_at = 0 WHERE kind = 'order-paid'")
        .execute(app.state.store.pool())
        .await
        .unwrap();
    for _ in 0..100 {
        let (status,): (String,) = sqlx::query_as("SELECT status FROM outbox WHERE kind = 'order-paid'")
            .fetch_one(app.state.store.pool())
            .await
            .unwrap();
        if status == "sent" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let again = mail_files(&app, 1).await;
    assert_eq!(again.len(), 1, "the same file, not a second message");
    let id = |raw: &[u8]| MessageParser::default().parse(raw).unwrap().message_id().unwrap().to_owned();
    assert_eq!(id(&again[0]), id(&first), "the same Message-ID");
}

#[tokio::test]
async fn two_instances_on_one_outbox_send_each_message_once() {
    let a = TestApp::spawn().await;
    let b = a.spawn_sibling().await;
    a.sign_up("artist@example.com", "correct horse battery").await;
    a.launch_with(&[("slogan", "Two senders")]).await;
    for _ in 0..6 {
        let res = a.buy("two-senders", "M", "black", 1).await;
        a.pay_demo(&location(&res)).await;
    }
    // Every confirmation (and the artist's sign-up link) is sent, by one
    // instance or the other, never both.
    let sent = || async {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE status = 'sent'")
            .fetch_one(a.state.store.pool())
            .await
            .unwrap();
        n
    };
    for _ in 0..200 {
        if sent().await == 7 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(sent().await, 7);
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let count = |app: &TestApp| eml_in(&app.dir.path().join("mail")).len();
    assert_eq!(count(&a) + count(&b), 7, "seven messages in all, none twice");
    let (attempts,): (i64,) =
        sqlx::query_as("SELECT MAX(attempts) FROM outbox").fetch_one(a.state.store.pool()).await.unwrap();
    assert_eq!(attempts, 1, "each claimed once");
}

#[tokio::test]
async fn a_refunded_order_tells_the_fan_once() {
    let app = TestApp::spawn().await;
    let slug = bought(&app, "Refund me kindly", "en").await;
    mail_files(&app, 1).await;
    let drop = app.drop_by_slug(&slug).await;
    let paid = app.state.store.orders_of_drop(&drop.id, &[popshop::domain::OrderStatus::Paid], 10).await.unwrap();
    let res = app
        .post_form(&format!("/dashboard/drops/{}/orders/{}/refund", drop.id, paid[0].id), &[("confirmed", "yes")])
        .await;
    assert_eq!(res.status().as_u16(), 303, "refunded");
    let files = mail_files(&app, 2).await;
    let mails: Vec<_> = files.iter().map(|raw| MessageParser::default().parse(raw).unwrap()).collect();
    let refund = mails.iter().find(|m| m.subject() == Some("Refunded: your order #1")).expect("a refund notice");
    let text = refund.body_text(0).unwrap();
    assert!(text.contains("Your order was refunded") && text.contains("Refunded: $55.00"), "{text}");
    assert!(refund.body_html(0).unwrap().contains("Your order was refunded"));
    let sent = app.state.store.mail_about(popshop::store::outbox::ORDER_REFUNDED, &paid[0].id).await.unwrap();
    assert_eq!(sent.len(), 1, "one notice");
}

#[tokio::test]
async fn a_message_committed_by_an_instance_that_stops_before_sending_goes_out_after_the_restart() {
    // The instance commits the payment and its confirmation, then stops
    // before its sender runs (here: it has none, `POPSHOP_MAIL_SENDER=off`).
    let before = TestApp::spawn_with(|s| s.mail_sender = false).await;
    let slug = bought(&before, "Stopped before sending", "en").await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert!(eml_in(&before.dir.path().join("mail")).is_empty(), "nothing sent yet");
    let drop = before.drop_by_slug(&slug).await;
    let paid = before.state.store.orders_of_drop(&drop.id, &[popshop::domain::OrderStatus::Paid], 1).await.unwrap();
    let queued = before.state.store.mail_about(popshop::store::outbox::ORDER_PAID, &paid[0].id).await.unwrap();
    assert_eq!((queued[0].0.as_str(), queued[0].1), ("queued", 0), "kept in the outbox");
    // Restarted on the same database: the message goes out, once.
    let after = before.spawn_sibling().await;
    let raw = mail_files(&after, 1).await.remove(0);
    let mail = MessageParser::default().parse(&raw).unwrap();
    assert_eq!(mail.message_id().map(|id| id.split('@').next().unwrap().to_owned()), Some(queued[0].2.clone()));
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(mail_files(&after, 1).await.len(), 1, "once");
    let sent = after.state.store.mail_about(popshop::store::outbox::ORDER_PAID, &paid[0].id).await.unwrap();
    assert_eq!((sent[0].0.as_str(), sent[0].1), ("sent", 1));
}
