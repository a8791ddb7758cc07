//! Accounts that can be confirmed and recovered (issue 14): the links are
//! read from the mail popshop writes (its `.eml` folder, parsed as a mail
//! client parses it) and followed as their owner would.

use crate::common::{TestApp, location};
use std::time::Duration;

const PASSWORD: &str = "correct horse battery";

async fn signed_up(app: &TestApp, email: &str) {
    assert_eq!(app.sign_up(email, PASSWORD).await.status().as_u16(), 303);
}

fn path_of(app: &TestApp, link: &str) -> String {
    link.trim_start_matches(&app.address).to_owned()
}

#[tokio::test]
async fn a_sign_up_is_confirmed_by_the_link_mailed_to_it_once() {
    let app = TestApp::spawn().await;
    signed_up(&app, "new@example.com").await;
    let (_, dashboard) = app.get_html("/dashboard").await;
    assert!(dashboard.contains("Confirm your email: we sent a link to new@example.com"), "asked to confirm");
    let text = app.mail_to("new@example.com", "Confirm your email for popshop").await;
    assert!(text.contains("The link works for 3 days."), "{text}");
    let link = app.mail_link("new@example.com", "Confirm your email", "/account/confirm/").await;
    let path = path_of(&app, &link);

    // Opening the link uses nothing (a mail scanner may open it); the button does.
    let (status, page) = app.get_html(&path).await;
    assert_eq!(status, 200);
    assert!(page.contains("Confirm new@example.com as the address"), "{page}");
    assert_eq!(app.get(&path).await.headers()["referrer-policy"], "no-referrer");
    let res = app.post_form(&path, &[]).await;
    assert_eq!(res.status().as_u16(), 200);
    assert!(res.text().await.unwrap().contains("Your email is confirmed"));
    let (_, dashboard) = app.get_html("/dashboard").await;
    assert!(!dashboard.contains("Confirm your email:"), "confirmed");

    // Used once: a clear page with the way on; a made-up link is not found.
    let again = app.post_form(&path, &[]).await;
    assert_eq!(again.status().as_u16(), 410);
    assert!(again.text().await.unwrap().contains("This link was already used"));
    let (status, page) = app.get_html(&format!("/account/confirm/{}", "0".repeat(64))).await;
    assert_eq!(status, 404);
    assert!(page.contains("This link does not work"));
    let (status, _) = app.get_html("/account/confirm/not-a-token").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn forgot_password_answers_the_same_whether_or_not_the_account_exists() {
    let app = TestApp::spawn().await;
    signed_up(&app, "owner@example.com").await;
    let stranger = TestApp::spawn_shell(&app);
    let known = stranger.post_form("/password/forgot", &[("email", "Owner@Example.com")]).await;
    let unknown = stranger.post_form("/password/forgot", &[("email", "nobody@example.com")]).await;
    assert_eq!((known.status().as_u16(), unknown.status().as_u16()), (200, 200));
    let (known, unknown) = (known.text().await.unwrap(), unknown.text().await.unwrap());
    let heading = |html: &str| crate::common::text(html, "h1");
    assert_eq!(heading(&known), "Check your inbox");
    assert_eq!(known.replace("owner@example.com", "X"), unknown.replace("nobody@example.com", "X"), "no hint");
    app.mail_to("owner@example.com", "Reset your popshop password").await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert!(app.mails().iter().all(|(to, ..)| to != "nobody@example.com"), "nothing sent to a stranger");

    // A malformed address is answered beside the field.
    let res = stranger.post_form("/password/forgot", &[("email", "owner@")]).await;
    assert_eq!(res.status().as_u16(), 422);
    let page = res.text().await.unwrap();
    assert!(crate::common::text(&page, "#email-error").contains("Enter an email address like name@example.com"));
}

#[tokio::test]
async fn a_reset_sets_a_new_password_ends_every_session_and_works_once() {
    let app = TestApp::spawn().await;
    signed_up(&app, "jo@example.com").await;
    // Another device stays signed in until the reset.
    let laptop = TestApp::spawn_shell(&app);
    let res = laptop.post_form("/login", &[("email", "jo@example.com"), ("password", PASSWORD)]).await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(laptop.get("/dashboard").await.status().as_u16(), 200);

    let phone = TestApp::spawn_shell(&app);
    phone.post_form("/password/forgot", &[("email", "jo@example.com")]).await;
    let link = app.mail_link("jo@example.com", "Reset your popshop password", "/password/reset/").await;
    let path = path_of(&app, &link);
    let (status, form) = phone.get_html(&path).await;
    assert_eq!(status, 200);
    assert!(form.contains("For the account jo@example.com"));
    // Too short: said beside the field, and the link still works.
    let res = phone.post_form(&path, &[("password", "short")]).await;
    assert_eq!(res.status().as_u16(), 422);
    assert!(crate::common::text(&res.text().await.unwrap(), "#password-error").contains("at least 8"));
    let res = phone.post_form(&path, &[("password", "a brand new secret")]).await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(location(&res), "/dashboard?password=reset");
    let (status, dashboard) = phone.get_html("/dashboard?password=reset").await;
    assert_eq!(status, 200, "signed in on the phone");
    assert!(dashboard.contains("Your new password is saved"));

    // Every other session ended; the old password is gone, the new one works.
    assert_eq!(laptop.get("/dashboard").await.status().as_u16(), 303, "the laptop is signed out");
    let old = laptop.post_form("/login", &[("email", "jo@example.com"), ("password", PASSWORD)]).await;
    assert_eq!(old.status().as_u16(), 422);
    let new = laptop.post_form("/login", &[("email", "jo@example.com"), ("password", "a brand new secret")]).await;
    assert_eq!(new.status().as_u16(), 303);
    // Following the link also confirmed the address.
    assert!(
        app.state
            .store
            .account_with_hash(&popshop::domain::EmailAddress::parse("jo@example.com").unwrap())
            .await
            .unwrap()
            .is_some_and(|(a, _)| a.confirmed)
    );

    // Used: a clear page that offers a new link.
    let (status, page) = phone.get_html(&path).await;
    assert_eq!(status, 410);
    assert!(page.contains("This link was already used") && page.contains("href=\"/password/forgot\""));
}

#[tokio::test]
async fn a_reset_link_expires_after_an_hour() {
    let app = TestApp::spawn().await;
    signed_up(&app, "late@example.com").await;
    app.post_form("/password/forgot", &[("email", "late@example.com")]).await;
    let link = app.mail_link("late@example.com", "Reset your popshop password", "/password/reset/").await;
    app.state.store.clock().advance(Duration::from_secs(61 * 60));
    let path = path_of(&app, &link);
    let (status, page) = app.get_html(&path).await;
    assert_eq!(status, 410);
    assert!(page.contains("This link has expired") && page.contains("Email me a new link"));
    let res = app.post_form(&path, &[("password", "a brand new secret")]).await;
    assert_eq!(res.status().as_u16(), 410, "and cannot be used");
}

#[tokio::test]
async fn reset_mail_is_bounded_per_account_and_per_client() {
    let app = TestApp::spawn().await;
    signed_up(&app, "target@example.com").await;
    for _ in 0..5 {
        let res = app.post_form("/password/forgot", &[("email", "target@example.com")]).await;
        assert_eq!(res.status().as_u16(), 200, "the same answer");
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let resets = app.mails().iter().filter(|(to, s, _)| to == "target@example.com" && s.contains("Reset")).count();
    assert_eq!(resets, popshop::store::LINKS_PER_HOUR as usize, "at most three links an hour to one inbox");
    // One client asking for many addresses is stopped too.
    let mut refused = false;
    for n in 0..popshop::web::limits::ACCOUNT_MAIL_PER_HOUR {
        let res = app.post_form("/password/forgot", &[("email", &format!("x{n}@example.com"))]).await;
        refused |= res.status().as_u16() == 429;
    }
    assert!(refused, "a 429 after {} asks an hour", popshop::web::limits::ACCOUNT_MAIL_PER_HOUR);
}

#[tokio::test]
async fn a_new_address_is_confirmed_before_it_counts_and_the_old_one_is_told() {
    let app = TestApp::spawn().await;
    signed_up(&app, "old@example.com").await;
    let res = app.post_form("/account/email", &[("email", "new@example.com"), ("password", "wrong password")]).await;
    assert_eq!(res.status().as_u16(), 422);
    assert!(
        crate::common::text(&res.text().await.unwrap(), "#current-password-error")
            .contains("not your current password")
    );
    let res = app.post_form("/account/email", &[("email", "not an address"), ("password", PASSWORD)]).await;
    assert_eq!(res.status().as_u16(), 422);
    assert!(!crate::common::text(&res.text().await.unwrap(), "#new-email-error").is_empty());
    let res = app.post_form("/account/email", &[("email", "new@example.com"), ("password", PASSWORD)]).await;
    assert_eq!(location(&res), "/account?done=moving");
    let (_, page) = app.get_html("/account").await;
    assert!(page.contains("<strong>old@example.com</strong>"), "not moved before the link is followed");

    let link = app.mail_link("new@example.com", "Confirm your new email", "/account/email/confirm/").await;
    let res = app.post_form(&path_of(&app, &link), &[]).await;
    assert_eq!(res.status().as_u16(), 200);
    let (_, page) = app.get_html("/account").await;
    assert!(page.contains("<strong>new@example.com</strong>") && page.contains("confirmed"));
    let told = app.mail_to("old@example.com", "Your popshop email was changed").await;
    assert!(told.contains("reset your password"), "{told}");
    let fresh = TestApp::spawn_shell(&app);
    let login = fresh.post_form("/login", &[("email", "new@example.com"), ("password", PASSWORD)]).await;
    assert_eq!(login.status().as_u16(), 303, "the new address logs in");
}
