//! Stripe Connect payouts from the dashboard.

use super::*;

#[tokio::test]
async fn an_artist_connects_stripe_from_the_dashboard_and_the_storefront_opens() {
    let Some(driver) = start_driver() else { return };
    let standin = common::stripe_standin::StripeStandIn::start().await;
    let uri = standin.uri();
    let app = TestApp::spawn_with(move |s| {
        common::use_stripe(s, uri);
        if let Some(stripe) = s.stripe.as_mut() {
            stripe.connect = Some(popshop::domain::Fee { basis_points: 500, fixed_minor: 30 });
            stripe.connect_webhook_secret = Some("whsec_connect_test".into());
        }
    })
    .await;
    let axe = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/axe/node_modules/axe-core/axe.min.js"),
    )
    .ok();
    assert!(axe.is_some() || !in_ci(), "axe-core missing: run scripts/ensure-axe");
    let web = browser(&driver).await;
    let result = async {
        web.set_window_rect(0, 0, 390, 844).await?;
        web.goto(app.url("/")).await?;
        web.find(By::Id("slogan")).await?.send_keys("Paid straight to me").await?;
        web.find(By::Id("artist_name")).await?.send_keys("The Losers").await?;
        web.find(By::Id("email")).await?.send_keys("connect@example.com").await?;
        web.find(By::Id("password")).await?.send_keys("correct horse battery").await?;
        web.find(By::Id("launch")).await?.click().await?;
        web.query(By::ClassName("success")).first().await?;
        // Fans are told orders open soon until the artist connects Stripe.
        web.goto(app.url("/d/paid-straight-to-me")).await?;
        let shop = web.find(By::Tag("main")).await?.text().await?;
        assert!(shop.contains("Orders open soon"), "{shop}");
        // The dashboard points to payouts; the page says what to do.
        web.goto(app.url("/dashboard")).await?;
        web.find(By::LinkText("Set up payouts")).await?.click().await?;
        web.query(By::Css("h1")).with_text("Payouts").first().await?;
        // Payouts wait for a confirmed address: the artist follows the
        // link mailed at sign-up, in the browser, and comes back.
        let banner = web.find(By::Css(".banner.warning")).await?.text().await?;
        assert!(banner.contains("Confirm your email first"), "{banner}");
        assert!(web.find_all(By::LinkText("Connect with Stripe")).await?.is_empty(), "no payouts before confirming");
        let link = app.mail_link("connect@example.com", "Confirm your email", "/account/confirm/").await;
        web.goto(&link).await?;
        web.find(By::Css("main form button[type=submit]")).await?.click().await?;
        web.query(By::Css("h1")).with_text("Your email is confirmed").first().await?;
        web.goto(app.url("/dashboard/payouts")).await?;
        web.query(By::Css("h1")).with_text("Payouts").first().await?;
        shoot(&web, "payouts-not-connected-phone", 390, 844).await;
        if let Some(axe) = &axe {
            let found = axe_violations(&web, axe).await?;
            assert!(found.is_empty(), "axe on the payouts page: {found:?}");
        }
        // Stripe's hosted onboarding (the stand-in finishes it at once) sends the artist back.
        web.find(By::LinkText("Connect with Stripe")).await?.click().await?;
        // The way back passes through a redirect or two: read the page once
        // it has settled (an element of a page being left goes stale).
        let mut status = String::new();
        for _ in 0..50 {
            let read = async {
                let badge = web.find(By::Css(".payout-status .badge")).await?.text().await?;
                let status = web.find(By::Css(".payout-status")).await?.text().await?;
                WebDriverResult::Ok((badge, status))
            };
            match read.await {
                Ok((badge, read)) if badge == "Taking payments" => {
                    status = read;
                    break;
                }
                _ => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
        assert!(status.contains("Stripe pays them out to your bank"), "{status}");
        shoot(&web, "payouts-ready-phone", 390, 844).await;
        if let Some(axe) = &axe {
            let found = axe_violations(&web, axe).await?;
            assert!(found.is_empty(), "axe on the payouts page, connected: {found:?}");
        }
        web.goto(app.url("/d/paid-straight-to-me")).await?;
        assert!(web.find(By::Id("buy")).await?.is_displayed().await?, "the storefront takes orders now");
        WebDriverResult::Ok(())
    }
    .await;
    web.quit().await.ok();
    result.unwrap();
}
