//! Mail through a real SMTP server (aiosmtpd, `scripts/smtp-server.py`):
//! delivered as sent, kept and retried while the server is down, and marked
//! failed (never retried) when the server refuses the mailbox for good.

use crate::common::{SmtpServer, TestApp, location};
use mail_parser::MessageParser;
use popshop::store::outbox::ORDER_PAID;
use std::time::Duration;

async fn app_on(server: &SmtpServer) -> TestApp {
    let url = server.url();
    TestApp::spawn_with(move |s| s.smtp_url = Some(url.into())).await
}

/// A fan buys one shirt in the demo checkout, giving `email`; returns the order id.
async fn fan_pays(app: &TestApp, slug: &str, email: &str) -> String {
    let res = app.buy(slug, "M", "black", 1).await;
    let at = location(&res);
    assert_eq!(app.pay_demo_as(&at, email).await.status().as_u16(), 303, "paid");
    let session = at.trim_start_matches("/demo-checkout/");
    app.state.store.order_by_session(session).await.unwrap().unwrap().id.to_string()
}

/// (status, attempts, last error) of the order's confirmation.
async fn outbox_row(app: &TestApp, order_id: &str) -> (String, i64, String) {
    sqlx::query_as("SELECT status, attempts, last_error FROM outbox WHERE kind = $1 AND subject_id = $2")
        .bind(ORDER_PAID)
        .bind(order_id)
        .fetch_one(app.state.store.pool())
        .await
        .unwrap()
}

/// What reached the server for `to`, once there are `n` (waits up to `secs`);
/// the artist's own mail (the sign-up's confirmation link) is left out.
async fn received_by(server: &SmtpServer, to: &str, n: usize, secs: u64) -> Vec<Vec<u8>> {
    let for_to = |raw: &Vec<u8>| {
        MessageParser::default()
            .parse(raw)
            .and_then(|m| m.to().and_then(|a| a.first()).and_then(|a| a.address()).map(|a| a == to))
            .unwrap_or(false)
    };
    for _ in 0..secs * 20 {
        let got: Vec<Vec<u8>> = server.received(0, 1).await.into_iter().filter(for_to).collect();
        if got.len() >= n {
            return got;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    server.received(0, 1).await.into_iter().filter(for_to).collect()
}

async fn until_status(app: &TestApp, order_id: &str, status: &str) -> (String, i64, String) {
    for _ in 0..200 {
        let row = outbox_row(app, order_id).await;
        if row.0 == status {
            return row;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the confirmation never became {status}: {:?}", outbox_row(app, order_id).await);
}

#[tokio::test]
async fn the_confirmation_goes_through_the_mail_server() {
    let Some(server) = SmtpServer::start().await else { return };
    let app = app_on(&server).await;
    let (_, slug) = app.launch("Through the relay").await;
    let order = fan_pays(&app, &slug, "jo@example.com").await;
    let raw = received_by(&server, "jo@example.com", 1, 10).await.remove(0);
    let mail = MessageParser::default().parse(&raw).unwrap();
    assert_eq!(mail.to().and_then(|a| a.first()).and_then(|a| a.address()), Some("jo@example.com"));
    assert_eq!(mail.subject(), Some("Your order #1: “Through the relay”"));
    assert!(mail.body_text(0).unwrap().contains("You’re #1"));
    let (status, attempts, _) = until_status(&app, &order, "sent").await;
    assert_eq!((status.as_str(), attempts), ("sent", 1));
    assert!(!app.dir.path().join("mail").exists(), "no .eml files once a server is set");
}

#[tokio::test]
async fn while_the_mail_server_is_down_nothing_is_lost_and_nothing_sent_twice() {
    let Some(mut server) = SmtpServer::reserve() else { return };
    let app = app_on(&server).await;
    let (_, slug) = app.launch("Server down").await;
    let order = fan_pays(&app, &slug, "jo@example.com").await;
    // Nobody listens: tried, kept, tried again later.
    for _ in 0..100 {
        if outbox_row(&app, &order).await.1 >= 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (status, attempts, error) = outbox_row(&app, &order).await;
    assert_eq!(status, "queued", "kept: {error}");
    assert!(attempts >= 1 && !error.is_empty(), "tried and said why: {error}");
    // The server comes back; the backoff is waited out on the app's clock.
    server.up().await;
    app.state.store.clock().advance(Duration::from_secs(15 * 60));
    assert_eq!(received_by(&server, "jo@example.com", 1, 10).await.len(), 1, "delivered once it is back");
    until_status(&app, &order, "sent").await;
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(received_by(&server, "jo@example.com", 2, 1).await.len(), 1, "never twice");
}

#[tokio::test]
async fn a_mailbox_the_server_refuses_is_marked_failed_and_not_retried() {
    let Some(server) = SmtpServer::start().await else { return };
    let app = app_on(&server).await;
    let (drop_id, slug) = app.launch("No such fan").await;
    let order = fan_pays(&app, &slug, "reject@example.com").await;
    let (_, attempts, error) = until_status(&app, &order, "failed").await;
    assert_eq!(attempts, 1, "a 550 is not tried again");
    assert!(error.contains("550") || error.contains("permanent"), "the server's answer is kept: {error}");
    app.state.store.clock().advance(Duration::from_secs(3600));
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(outbox_row(&app, &order).await.1, 1, "still one attempt");
    // The artist sees who was not reached, and why.
    let (_, page) = app.get_html(&format!("/dashboard/drops/{drop_id}")).await;
    let warning = crate::common::text(&page, "#unreachable");
    assert!(warning.contains("We could not reach reject@example.com") && warning.contains("550"), "{warning}");
}
