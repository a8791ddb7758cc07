//! The artist's mail (issue 14): first sale, goal reached, sold out, drop
//! ended and the daily digest, only to a confirmed address, each switchable,
//! each with a one-click unsubscribe (RFC 8058) a mail client can use.

use crate::common::{TestApp, location};
use mail_parser::MessageParser;
use std::time::Duration;

const ARTIST: &str = "band@example.com";

/// The raw message to `to` whose subject starts with `subject` (waits up to 10 s).
async fn raw_mail(app: &TestApp, to: &str, subject: &str) -> Vec<u8> {
    for _ in 0..200 {
        for path in crate::common::eml_in(&app.dir.path().join("mail")) {
            let raw = std::fs::read(&path).unwrap();
            let Some(mail) = MessageParser::default().parse(&raw) else { continue };
            let to_ok = mail.to().and_then(|a| a.first()).and_then(|a| a.address()) == Some(to);
            if to_ok && mail.subject().is_some_and(|s| s.starts_with(subject)) {
                return raw;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no mail to {to} about {subject:?}: {:?}", app.mails());
}

async fn fan_buys(app: &TestApp, slug: &str) {
    let res = app.buy(slug, "M", "black", 1).await;
    assert_eq!(app.pay_demo(&location(&res)).await.status().as_u16(), 303);
}

fn artist_subjects(app: &TestApp) -> Vec<String> {
    app.mails().into_iter().filter(|(to, ..)| to == ARTIST).map(|(_, s, _)| s).collect()
}

#[tokio::test]
async fn a_confirmed_artist_hears_of_the_first_sale_the_goal_sold_out_and_the_end() {
    let app = TestApp::spawn().await;
    app.sign_up(ARTIST, "correct horse battery").await;
    app.confirm_email(ARTIST).await;
    let res = app.launch_with(&[("slogan", "Tell the band"), ("stock", "2"), ("goal", "1")]).await;
    let drop_id = location(&res).trim_start_matches("/dashboard/drops/").split('?').next().unwrap().to_owned();
    fan_buys(&app, "tell-the-band").await;
    let raw = raw_mail(&app, ARTIST, "First sale: “Tell the band”").await;
    let mail = MessageParser::default().parse(&raw).unwrap();
    let text = mail.body_text(0).unwrap();
    assert!(text.contains("Your first sale!") && text.contains("Shirts sold: 1"), "{text}");
    // RFC 8058: the address to POST to, and the one-click marker.
    let unsubscribe = mail.header_raw("List-Unsubscribe").unwrap().trim().trim_matches(['<', '>']).to_owned();
    assert!(unsubscribe.starts_with(&format!("{}/unsubscribe/", app.address)) && unsubscribe.ends_with("/first-sale"));
    assert_eq!(mail.header_raw("List-Unsubscribe-Post").map(str::trim), Some("List-Unsubscribe=One-Click"));
    raw_mail(&app, ARTIST, "Goal reached: “Tell the band”").await;

    fan_buys(&app, "tell-the-band").await;
    let raw = raw_mail(&app, ARTIST, "Sold out: “Tell the band”").await;
    let sold_out = MessageParser::default().parse(&raw).unwrap();
    assert!(sold_out.body_text(0).unwrap().contains("Shirts sold: 2"));

    let res = app.post_form(&format!("/dashboard/drops/{drop_id}/end"), &[("confirmed", "yes")]).await;
    assert_eq!(res.status().as_u16(), 303);
    let raw = raw_mail(&app, ARTIST, "Your drop ended").await;
    let ended = MessageParser::default().parse(&raw).unwrap();
    let text = ended.body_text(0).unwrap();
    assert!(text.contains(&format!("{}/dashboard/drops/{drop_id}/orders.csv", app.address)), "the CSV: {text}");
    assert!(ended.body_html(0).unwrap().contains("Your drop ended"));

    // A mail client's one-click POST: no cookie, no token, the key in the address.
    let client = reqwest::Client::new();
    let res = client.post(&unsubscribe).form(&[("List-Unsubscribe", "One-Click")]).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let (_, settings) = app.get_html("/account").await;
    assert!(!settings.contains("value=\"first-sale\" checked"), "switched off");
    assert!(settings.contains("value=\"sold-out\" checked"), "the others stay on");
    // A made-up key changes nothing.
    let fake = format!("{}/unsubscribe/{}/first-sale", app.address, "ab".repeat(32));
    assert_eq!(client.post(&fake).send().await.unwrap().status().as_u16(), 404);
    let (status, page) = app.get_html(unsubscribe.trim_start_matches(&app.address)).await;
    assert!(status == 200 && page.contains("Stop these emails"), "the link opened in a browser asks first");
}

#[tokio::test]
async fn an_unconfirmed_artist_gets_no_mail_about_their_drops() {
    let app = TestApp::spawn().await;
    app.sign_up(ARTIST, "correct horse battery").await;
    app.launch_with(&[("slogan", "Nobody told me"), ("stock", "1"), ("goal", "1")]).await;
    fan_buys(&app, "nobody-told-me").await;
    app.mail_to("fan@example.com", "Your order #1").await;
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(artist_subjects(&app), ["Confirm your email for popshop"], "only the confirmation link");
}

#[tokio::test]
async fn the_switches_choose_a_daily_digest_instead() {
    let app = TestApp::spawn().await;
    app.sign_up(ARTIST, "correct horse battery").await;
    app.confirm_email(ARTIST).await;
    let res = app.post_form("/account/mail", &[("on", "daily-digest")]).await;
    assert_eq!(location(&res), "/account?done=saved#mail-heading");
    app.launch_with(&[("slogan", "Once a day")]).await;
    fan_buys(&app, "once-a-day").await;
    fan_buys(&app, "once-a-day").await;
    app.mail_to("fan@example.com", "Your order #2").await;
    // The next day: the digest of yesterday's sales, once, however often it is looked for.
    app.state.store.clock().advance(Duration::from_secs(24 * 3600));
    assert_eq!(app.state.store.queue_timed_artist_mail().await.unwrap(), 1);
    assert_eq!(app.state.store.queue_timed_artist_mail().await.unwrap(), 0);
    let raw = raw_mail(&app, ARTIST, "Your sales on").await;
    let text = MessageParser::default().parse(&raw).unwrap().body_text(0).unwrap().into_owned();
    assert!(text.contains("“Once a day”: 2 shirts in 2 orders, $50.00"), "{text}");
    assert!(!artist_subjects(&app).iter().any(|s| s.starts_with("First sale")), "switched off");
}
