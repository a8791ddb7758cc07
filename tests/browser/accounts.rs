//! After the sale, in Chromium (issue 14): a forgotten password reset from
//! the mail's link, and the fan's order page and the account page read on a
//! phone and a desktop, checked by axe.

use super::*;

/// axe-core's script, when installed (`scripts/ensure-axe`; required under CI).
pub(crate) fn axe() -> Option<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/axe/node_modules/axe-core/axe.min.js");
    let axe = std::fs::read_to_string(path).ok();
    assert!(axe.is_some() || !in_ci(), "axe-core missing: run scripts/ensure-axe");
    axe
}

async fn clean(web: &WebDriver, axe: &Option<String>, page: &str) -> WebDriverResult<()> {
    if let Some(axe) = axe {
        let found = axe_violations(web, axe).await?;
        assert!(found.is_empty(), "axe on {page}: {found:?}");
    }
    Ok(())
}

#[tokio::test]
async fn a_forgotten_password_is_reset_from_the_mails_link_and_old_sessions_end() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    // Signed in on another device (this client) before forgetting.
    assert_eq!(app.sign_up("forgetful@example.com", "correct horse battery").await.status().as_u16(), 303);
    assert_eq!(app.get("/dashboard").await.status().as_u16(), 200);
    let axe = axe();
    let web = browser(&driver).await;
    let result = async {
        web.set_window_rect(0, 0, 390, 844).await?;
        web.goto(app.url("/login")).await?;
        web.find(By::LinkText("Forgot your password?")).await?.click().await?;
        web.query(By::Css("h1")).with_text("Reset your password").first().await?;
        clean(&web, &axe, "the forgot-password form").await?;
        shoot(&web, "password-forgot-phone", 390, 844).await;
        web.find(By::Id("email")).await?.send_keys("forgetful@example.com").await?;
        web.find(By::Css("main form button[type=submit]")).await?.click().await?;
        web.query(By::Css("h1")).with_text("Check your inbox").first().await?;
        clean(&web, &axe, "the check-your-inbox page").await?;

        let link = app.mail_link("forgetful@example.com", "Reset your popshop password", "/password/reset/").await;
        web.goto(&link).await?;
        web.query(By::Css("h1")).with_text("Choose a new password").first().await?;
        clean(&web, &axe, "the new-password form").await?;
        shoot(&web, "password-reset-phone", 390, 844).await;
        web.find(By::Id("password")).await?.send_keys("a brand new secret").await?;
        web.find(By::Css("main form button[type=submit]")).await?.click().await?;
        let saved = web.query(By::Css(".banner.success")).first().await?.text().await?;
        assert!(saved.contains("Your new password is saved"), "{saved}");
        assert!(web.current_url().await?.path().starts_with("/dashboard"), "signed in");

        // The same link again: a clear page that offers a new one.
        web.goto(&link).await?;
        web.query(By::Css("h1")).with_text("This link was already used").first().await?;
        web.find(By::LinkText("Email me a new link")).await?;
        clean(&web, &axe, "the used-link page").await?;
        WebDriverResult::Ok(())
    }
    .await;
    web.quit().await.ok();
    result.unwrap();
    assert_eq!(app.get("/dashboard").await.status().as_u16(), 303, "the other device was signed out");
}

#[tokio::test]
async fn the_order_page_and_the_account_page_read_well_on_a_phone_and_a_desktop() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    app.sign_up("pages@example.com", "correct horse battery").await;
    app.confirm_email("pages@example.com").await;
    let mut orders = Vec::new();
    for (theme, language) in [("poster", "en"), ("neon", "de"), ("pastel", "en")] {
        let slogan = format!("Order page in {theme}");
        let res = app
            .launch_with(&[
                ("slogan", &slogan),
                ("theme", theme),
                ("language", language),
                ("colours", "black"),
                ("colours", "white"),
                ("shipping", "5.00"),
                ("description", "Printed after the show."),
            ])
            .await;
        assert_eq!(res.status().as_u16(), 303);
        let slug = popshop::domain::DropSlug::from_slogan(&slogan).to_string();
        let res = app.buy(&slug, "L", "white", 2).await;
        let session = common::location(&res).trim_start_matches("/demo-checkout/").to_owned();
        app.pay_demo(&common::location(&res)).await;
        let order = app.state.store.order_by_session(&session).await.unwrap().unwrap();
        orders.push((theme, format!("/orders/{}", order.view_token.unwrap())));
    }
    let axe = axe();
    let web = browser(&driver).await;
    let result = async {
        for (theme, path) in &orders {
            web.set_window_rect(0, 0, 390, 844).await?;
            web.goto(app.url(path)).await?;
            clean(&web, &axe, &format!("the order page in {theme}")).await?;
            shoot(&web, &format!("order-page-{theme}-phone"), 390, 844).await;
        }
        // "Email me this again", without JavaScript's help: a form.
        let (_, path) = &orders[0];
        web.goto(app.url(path)).await?;
        web.find(By::Css("#mail button[type=submit]")).await?.click().await?;
        let sent = web.query(By::Css("#mail .banner.success")).first().await?.text().await?;
        assert!(sent.contains("On its way again to fan@example.com"), "{sent}");
        clean(&web, &axe, "the order page after a resend").await?;
        web.set_window_rect(0, 0, 1280, 900).await?;
        shoot(&web, "order-page-poster-desktop", 1280, 900).await;
        clean(&web, &axe, "the order page on a desktop").await?;
        WebDriverResult::Ok(())
    }
    .await;
    web.quit().await.ok();
    result.unwrap();

    // The account page, signed in in the browser.
    let web = browser(&driver).await;
    let result = async {
        web.set_window_rect(0, 0, 390, 844).await?;
        web.goto(app.url("/login")).await?;
        web.find(By::Id("email")).await?.send_keys("pages@example.com").await?;
        web.find(By::Id("password")).await?.send_keys("correct horse battery").await?;
        web.find(By::Css("main form button[type=submit]")).await?.click().await?;
        web.query(By::Css("h1")).with_text("Your drops").first().await.ok();
        web.goto(app.url("/account")).await?;
        web.query(By::Css("h1")).with_text("Your account").first().await?;
        clean(&web, &axe, "the account page").await?;
        shoot(&web, "account-phone", 390, 844).await;
        // Switch the first-sale mail off, without JavaScript's help.
        web.find(By::Css("input[value=first-sale]")).await?.click().await?;
        web.find(By::Css("form[action='/account/mail'] button")).await?.click().await?;
        web.query(By::Css(".banner.success")).with_text("Mail settings saved.").first().await?;
        assert!(!web.find(By::Css("input[value=first-sale]")).await?.is_selected().await?);
        web.set_window_rect(0, 0, 1280, 900).await?;
        clean(&web, &axe, "the account page on a desktop").await?;
        shoot(&web, "account-desktop", 1280, 900).await;
        WebDriverResult::Ok(())
    }
    .await;
    web.quit().await.ok();
    result.unwrap();
}
