//! The fan's order page (issue 14): `/orders/{token}`, linked from the
//! confirmation mail and the thanks page, with no account.

use crate::common::{TestApp, location};
use mail_parser::MessageParser;
use std::time::Duration;

/// A drop in `language`, one order paid in the demo checkout; returns the
/// thanks page's address.
async fn paid(app: &TestApp, slogan: &str, language: &str) -> String {
    app.sign_up(&format!("artist-{language}@example.com"), "correct horse battery").await;
    let slug = popshop::domain::DropSlug::from_slogan(slogan).to_string();
    assert_eq!(app.launch_with(&[("slogan", slogan), ("language", language)]).await.status().as_u16(), 303);
    let res = app.buy(&slug, "L", "black", 1).await;
    let paid = app.pay_demo(&location(&res)).await;
    location(&paid)
}

#[tokio::test]
async fn the_confirmation_and_the_thanks_page_lead_to_the_order_page() {
    let app = TestApp::spawn().await;
    let thanks = paid(&app, "Keep this link", "en").await;
    let link = app.mail_link("fan@example.com", "Your order #1", "/orders/").await;
    let path = link.trim_start_matches(&app.address).to_owned();
    assert_eq!(path.len(), "/orders/".len() + 64, "a 256-bit token");
    let (_, thanks) = app.get_html(thanks.trim_start_matches(&app.address)).await;
    assert!(thanks.contains(&format!("href=\"{path}\"")), "the thanks page links it");

    let fan = TestApp::spawn_shell(&app);
    let res = fan.get(&path).await;
    assert_eq!(res.status().as_u16(), 200, "no account needed");
    assert_eq!(res.headers()["referrer-policy"], "no-referrer");
    assert_eq!(res.headers()["cache-control"], "no-store");
    let page = res.text().await.unwrap();
    for words in
        ["Your order is paid", "You’re #1", "1 × “Keep this link” T-shirt, L, Black", "Fán Ünïcode", "fan@example.com"]
    {
        assert!(page.contains(words), "the page says {words:?}");
    }
    assert!(crate::common::text(&page, "h2").contains("Where your order is"), "the way comes first");
    assert!(page.contains("What you bought</h2>"));
    // Paid now, made, shipped and delivered ahead, with when to expect it.
    assert!(page.contains("<li class=\"done\" aria-current=\"step\"><strong>Paid</strong>"), "{page:.0}");
    assert!(page.contains("<li class=\"ahead\"><strong>Shipped</strong>") && page.contains("Expected between"));
    // A guess is not found.
    assert_eq!(fan.get(&format!("/orders/{}", "ab".repeat(32))).await.status().as_u16(), 404);
    assert_eq!(fan.get("/orders/1").await.status().as_u16(), 404);
}

#[tokio::test]
async fn email_me_this_again_sends_a_new_copy_at_most_every_few_minutes() {
    let app = TestApp::spawn().await;
    paid(&app, "Send it again", "en").await;
    let link = app.mail_link("fan@example.com", "Your order #1", "/orders/").await;
    let path = link.trim_start_matches(&app.address).to_owned();
    let fan = TestApp::spawn_shell(&app);
    let res = fan.post_form(&format!("{path}/resend"), &[]).await;
    assert_eq!(location(&res), format!("{path}?mail=sent#mail"));
    let (_, page) = fan.get_html(&format!("{path}?mail=sent")).await;
    assert!(page.contains("On its way again to fan@example.com"));
    let copies = |app: &TestApp| {
        app.mails().into_iter().filter(|(to, s, _)| to == "fan@example.com" && s.starts_with("Your order #1")).count()
    };
    for _ in 0..100 {
        if copies(&app) == 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(copies(&app), 2, "a second copy");
    let ids: std::collections::HashSet<String> = crate::common::eml_in(&app.dir.path().join("mail"))
        .iter()
        .filter_map(|p| {
            MessageParser::default().parse(&std::fs::read(p).unwrap()).and_then(|m| m.message_id().map(str::to_owned))
        })
        .collect();
    assert_eq!(ids.len(), app.mails().len(), "each copy its own Message-ID");
    // Asked again at once: told to wait, nothing more sent.
    let res = fan.post_form(&format!("{path}/resend"), &[]).await;
    assert_eq!(location(&res), format!("{path}?mail=wait#mail"));
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(copies(&app), 2);
    // A few minutes later, once more.
    app.state.store.clock().advance(Duration::from_secs(11 * 60));
    let res = fan.post_form(&format!("{path}/resend"), &[]).await;
    assert_eq!(location(&res), format!("{path}?mail=sent#mail"));
}

#[tokio::test]
async fn a_german_drop_has_a_german_order_page() {
    let app = TestApp::spawn().await;
    paid(&app, "Meine Bestellung", "de").await;
    let link = app.mail_link("fan@example.com", "Deine Bestellung", "/orders/").await;
    let (status, page) = app.get_html(link.trim_start_matches(&app.address)).await;
    assert_eq!(status, 200);
    assert!(page.contains("<html lang=\"de\"") && page.contains("Deine Bestellung ist bezahlt"), "German");
    assert!(page.contains("Schick mir die E-Mail noch einmal"));
}
