//! Fans buy: the demo checkout, a promo code, and a fan from the QR code.

use super::*;

#[tokio::test]
async fn a_fan_pays_in_the_demo_checkout_and_the_artist_sees_the_sale() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    let (drop_id, slug) = app.launch("Friday merch run").await;
    let web = browser(&driver).await;
    let result = fan_journey(&app, &web, &slug).await;
    web.quit().await.ok();
    result.unwrap();

    // The artist's dashboard (same server, the artist's own session).
    let (_, dashboard) = app.get_html("/dashboard").await;
    assert!(dashboard.contains("Friday merch run"));
    let drop = app.state.store.drop_by_id(&drop_id).await.unwrap().unwrap();
    assert_eq!((drop.sold, drop.revenue_minor), (1, 2500));
    assert!(dashboard.contains("<td>1</td>") || dashboard.contains("<td>1 "), "1 sold on the dashboard");
    assert!(dashboard.contains("$25.00"), "revenue on the dashboard");
}

async fn fan_journey(app: &TestApp, web: &WebDriver, slug: &str) -> WebDriverResult<()> {
    web.set_window_rect(0, 0, 390, 844).await?;
    web.goto(app.url(&format!("/d/{slug}"))).await?;
    // On a phone the buy bar sits over the bottom of the screen: scroll the
    // picker up first, as a thumb would.
    let large = web.find(By::Css("input[name=size][value=L]")).await?;
    large.scroll_into_view().await?;
    large.click().await?;
    web.find(By::Id("buy")).await?.click().await?;
    let banner = web.query(By::ClassName("demo")).first().await?;
    assert!(banner.text().await?.contains("no money moves"));
    fill_address(web, ["fan@example.com", "Fan Person", "1 Main St", "10001", "New York"]).await?;
    shoot(web, "demo-checkout-phone", 390, 844).await;
    web.find(By::Id("pay")).await?.click().await?;
    let heading = web.query(By::Css("h1.slogan")).with_text("Thank you!").first().await?;
    assert_eq!(heading.text().await?, "Thank you!");
    let body = web.find(By::Tag("main")).await?.text().await?;
    assert!(body.contains("You’re #1"), "{body}");
    shoot(web, "thanks-phone", 390, 844).await;
    Ok(())
}

#[tokio::test]
async fn a_fan_applies_a_promo_code_and_pays_the_lower_price() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    let (drop_id, slug) = app.launch("Friday discount").await;
    let res = app
        .post_form(
            &format!("/dashboard/drops/{drop_id}/promo-codes"),
            &[("code", "FRIDAY"), ("kind", "percent"), ("value", "20")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 303);
    let web = browser(&driver).await;
    let result = async {
        web.set_window_rect(0, 0, 390, 844).await?;
        web.goto(app.url(&format!("/d/{slug}"))).await?;
        let field = web.find(By::Id("code")).await?;
        field.scroll_into_view().await?;
        // A typo first: the message sits beside the field, the code stays,
        // and it all happens in place (no reload, no jump to the top).
        web.execute("window.__samePage = true", vec![]).await?;
        let before: f64 = web.execute("return scrollY", vec![]).await?.convert()?;
        field.send_keys("fridya").await?;
        web.find(By::Css("button[name=apply]")).await?.click().await?;
        let error = web.query(By::Id("code-error")).first().await?.text().await?;
        assert!(error.contains("can't be used for this drop"), "{error}");
        let (same, after, live): (bool, f64, String) = web
            .execute(
                "return [window.__samePage === true, scrollY, document.getElementById('code-live').textContent]",
                vec![],
            )
            .await?
            .convert()?;
        assert!(same, "applied in place");
        assert!((after - before).abs() < 50.0, "the page stayed where it was: {before} → {after}");
        assert!(live.contains("can't be used"), "the live region says it: {live:?}");
        let field = web.find(By::Id("code")).await?;
        assert_eq!(field.value().await?.as_deref(), Some("fridya"), "the code stays");
        field.clear().await?;
        // Enter in the field applies it (the form's first button).
        field.send_keys("friday\u{E007}").await?;
        let note = web.query(By::Id("code-note")).first().await?.text().await?;
        assert!(note.contains("$20.00 a shirt instead of $25.00"), "{note}");
        assert!(web.find(By::Id("buy")).await?.text().await?.contains("$20.00"), "the button says what it costs");
        // The big price: the old one struck through, the new one beside it.
        let struck = web.find(By::Css("#shop-price s")).await?.text().await?;
        assert!(struck.contains("$25.00"), "{struck}");
        assert!(web.find(By::Id("shop-price")).await?.text().await?.contains("$20.00"));
        let live = web.find(By::Id("code-live")).await?.text().await?;
        assert!(live.contains("$20.00 a shirt"), "{live}");
        shoot(&web, "storefront-promo-phone", 390, 844).await;
        web.find(By::Id("buy")).await?.click().await?;
        let summary = web.query(By::Css(".admin-grid")).first().await?.text().await?;
        assert!(summary.contains("Code FRIDAY: −$5.00") && summary.contains("$20.00"), "{summary}");
        fill_address(&web, ["fan@example.com", "Fan Person", "1 Main St", "10001", "New York"]).await?;
        web.find(By::Id("pay")).await?.click().await?;
        web.query(By::Css("h1.slogan")).with_text("Thank you!").first().await?;
        WebDriverResult::Ok(())
    }
    .await;
    web.quit().await.ok();
    result.unwrap();
}

#[tokio::test]
async fn a_fan_from_the_qr_code_buys_and_the_artist_sees_which_link_sold() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    app.sign_up("sources@example.com", "correct horse battery").await;
    let res = app.launch_with(&[("slogan", "Scan to buy"), ("colours", "black")]).await;
    let drop_id = common::location(&res).trim_start_matches("/dashboard/drops/").split('?').next().unwrap().to_owned();
    let web = browser(&driver).await;
    let result = async {
        web.set_window_rect(0, 0, 390, 844).await?;
        // The poster's QR code leads here; the page is the cached one, the
        // visit is counted by its picture.
        web.goto(app.url("/d/scan-to-buy?ref=qr")).await?;
        web.find(By::Id("buy")).await?.click().await?;
        fill_address(&web, ["fan@example.com", "Fan Person", "1 Main St", "10001", "New York"]).await?;
        web.find(By::Id("pay")).await?.click().await?;
        web.query(By::Css("h1.slogan")).with_text("Thank you!").first().await?;
        // The artist's page says the QR code brought a visitor and a sale.
        web.goto(app.url(&format!("/login?next=/dashboard/drops/{drop_id}"))).await?;
        web.find(By::Id("email")).await?.send_keys("sources@example.com").await?;
        web.find(By::Id("password")).await?.send_keys("correct horse battery").await?;
        web.find(By::Css("form button[type=submit].primary")).await?.click().await?;
        let row = web.query(By::Css(".sources-table tbody tr")).first().await?.text().await?;
        assert!(row.contains("QR code") && row.contains("100%") && row.contains("$25.00"), "{row}");
        let table = web.find(By::Css(".sources")).await?;
        table.scroll_into_view().await?;
        shoot(&web, "drop-sources-phone", 390, 844).await;
        WebDriverResult::Ok(())
    }
    .await;
    web.quit().await.ok();
    result.unwrap();
}
