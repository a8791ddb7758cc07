//! An artist launches a drop (in English and in German) and sees the storefront.

use super::*;

#[tokio::test]
async fn a_new_artist_launches_a_drop_and_sees_the_storefront() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    let web = browser(&driver).await;
    let result = journey(&app, &web).await;
    web.quit().await.ok();
    result.unwrap();
}

async fn journey(app: &TestApp, web: &WebDriver) -> WebDriverResult<()> {
    web.goto(app.url("/")).await?;
    web.find(By::Id("slogan")).await?.send_keys("Be a Friday Night Loser with me").await?;
    web.find(By::Id("artist_name")).await?.send_keys("The Friday Losers").await?;
    web.find(By::Css("input[name=colours][value=white]")).await?.click().await?;
    web.find(By::Id("email")).await?.send_keys("artist@example.com").await?;
    web.find(By::Id("password")).await?.send_keys("correct horse battery").await?;
    // Shipping and the description are folded away until asked for.
    assert!(!web.find(By::Id("shipping")).await?.is_displayed().await?, "folded");
    web.find(By::Css("details.more summary")).await?.click().await?;
    web.find(By::Id("shipping")).await?.send_keys("5.00").await?;
    web.find(By::Id("description")).await?.send_keys("Printed the night after the gig.").await?;
    // The live preview follows the typing (JavaScript enhancement).
    let preview = web.find(By::Css("#preview img")).await?;
    let alt = until_alt(&preview, "Be a Friday Night Loser with me").await?;
    assert!(alt.contains("Be a Friday Night Loser with me"), "live preview shows the slogan: {alt:?}");
    assert!(preview.attr("src").await?.unwrap_or_default().starts_with("blob:"), "drawn from the preview's answer");
    assert!(picture_shown(web, "#preview img").await?, "preview drawn");
    shoot(web, "studio-form-desktop", 1280, 900).await;
    shoot(web, "studio-form-phone", 390, 844).await;

    web.find(By::Id("launch")).await?.click().await?;
    // Launch navigates; wait for the private page rather than racing it.
    let banner = web.query(By::ClassName("success")).first().await?;
    assert!(banner.text().await?.contains("Your drop is live!"));
    shoot(web, "drop-admin-desktop", 1280, 900).await;
    let link = web.find(By::Id("public-link")).await?.prop("value").await?.expect("public link");
    assert!(
        link.ends_with("/d/be-a-friday-night-loser-with-me?ref=link"),
        "the copied link says where fans came from: {link}"
    );

    web.goto(&link).await?;
    // The shirt is a picture with its letters as outlines: Chromium shows it
    // whatever fonts it has, and says what it shows.
    let front = web.find(By::Css(".gallery .views img")).await?;
    let alt = front.attr("alt").await?.unwrap_or_default();
    assert!(alt.contains("Be a Friday Night Loser with me"), "{alt}");
    assert!(picture_shown(web, ".gallery .views img").await?, "front picture drawn");
    // The Close-up button swipes the row to the close-up, without moving the page.
    web.find(By::LinkText("Close-up")).await?.click().await?;
    let mut scrolled = 0.0;
    for _ in 0..40 {
        scrolled =
            web.execute("return document.querySelector('.gallery .views').scrollLeft", vec![]).await?.convert()?;
        if scrolled > 100.0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(scrolled > 100.0, "row scrolled to the close-up: {scrolled}");
    // Tapping a picture opens it large; Close closes it.
    web.find(By::LinkText("Front")).await?.click().await?;
    for _ in 0..40 {
        let left: f64 =
            web.execute("return document.querySelector('.gallery .views').scrollLeft", vec![]).await?.convert()?;
        if left < 1.0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    web.find(By::Css(".gallery .views a.zoom")).await?.click().await?;
    let dialog = web.query(By::Css("dialog.zoom-dialog[open] img")).first().await?;
    assert!(dialog.attr("src").await?.unwrap_or_default().contains("-front.svg"));
    shoot(web, "storefront-zoom-desktop", 1280, 900).await;
    web.find(By::Css("dialog.zoom-dialog button")).await?.click().await?;
    // The dialog's `close` event, which removes it, comes a moment after the click.
    assert!(web.query(By::Css("dialog.zoom-dialog")).not_exists().await?, "closed");
    let price = web.find(By::ClassName("price")).await?.text().await?;
    assert_eq!(price, "$25.00");
    let shipping = web.find(By::ClassName("shipping-line")).await?.text().await?;
    assert_eq!(shipping, "Shipping $5.00 · arrives in 5–10 business days");
    let words = web.find(By::ClassName("description")).await?.text().await?;
    assert_eq!(words, "Printed the night after the gig.");
    let buy = web.find(By::Id("buy")).await?.text().await?;
    assert_eq!(buy, "Buy — $25.00");
    shoot(web, "storefront-desktop", 1280, 900).await;
    shoot(web, "storefront-phone", 390, 844).await;

    // Nothing overflows sideways on a phone.
    let overflow: bool =
        web.execute("return document.documentElement.scrollWidth > window.innerWidth", vec![]).await?.convert()?;
    assert!(!overflow, "storefront scrolls sideways on a 390 px phone");
    Ok(())
}

#[tokio::test]
async fn a_german_artist_launches_a_german_drop_and_a_fan_buys_in_german() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    let web = browser_in(&driver, "de-DE,de").await;
    let result = german_journey(&app, &web).await;
    web.quit().await.ok();
    result.unwrap();
}

async fn german_journey(app: &TestApp, web: &WebDriver) -> WebDriverResult<()> {
    web.set_window_rect(0, 0, 390, 844).await?;
    web.goto(app.url("/")).await?;
    assert_eq!(web.find(By::Tag("html")).await?.attr("lang").await?.as_deref(), Some("de"));
    let heading = web.find(By::Tag("h1")).await?.text().await?;
    assert!(heading.contains("Dein Slogan auf einem Shirt"), "{heading}");
    web.find(By::Id("slogan")).await?.send_keys("Sei ein Freitagabend-Loser mit mir").await?;
    web.find(By::Id("artist_name")).await?.send_keys("Die Freitagabend-Loser").await?;
    web.find(By::Id("email")).await?.send_keys("kuenstlerin@example.com").await?;
    web.find(By::Id("password")).await?.send_keys("richtiges pferd batterie").await?;
    // The preview's words follow the page's language too (written by the script).
    let alt = until_alt(&web.find(By::Css("#preview img")).await?, "Sei ein Freitagabend-Loser").await?;
    assert!(alt.starts_with("Vorschau: T-Shirt mit dem Aufdruck"), "{alt}");
    // While the artist picks a look, the shirt stays in view at the top but
    // leaves most of the screen to the looks (it took 38%).
    let (top, height, screen): (f64, f64, f64) = web
        .execute(
            "document.querySelector('fieldset.looks').scrollIntoView();
             const r = document.getElementById('preview').getBoundingClientRect();
             return [r.top, r.height, innerHeight];",
            vec![],
        )
        .await?
        .convert()?;
    assert!(top.abs() < 2.0, "the preview sticks to the top: {top}");
    assert!(height / screen < 0.26, "the sticky preview takes {height} of {screen} px");
    // The shop's language is the page's unless the artist picks another.
    web.find(By::Css("details.more summary")).await?.click().await?;
    let language = web.find(By::Id("language")).await?;
    assert_eq!(language.value().await?.as_deref(), Some("de"));
    shoot(web, "create-form-phone-german", 390, 844).await;
    web.find(By::Id("launch")).await?.click().await?;
    let banner = web.query(By::Css(".banner.success")).first().await?.text().await?;
    assert!(banner.contains("Dein Drop ist live!"), "{banner}");

    let slug = "sei-ein-freitagabend-loser-mit-mir";
    web.goto(app.url(&format!("/d/{slug}"))).await?;
    let buy = web.find(By::Id("buy")).await?;
    assert_eq!(buy.text().await?, "Kaufen — 25,00 $");
    let (top, bottom, viewport): (f64, f64, f64) = web
        .execute(
            "const r = document.getElementById('buy').getBoundingClientRect(); return [r.top, r.bottom, window.innerHeight];",
            vec![],
        )
        .await?
        .convert()?;
    assert!(top >= 0.0 && bottom <= viewport, "Kaufen on the first screen: {top}..{bottom} of {viewport}");
    let text = web.find(By::Tag("main")).await?.text().await?;
    assert!(text.contains("Kostenloser Versand · Lieferzeit 5–10 Werktage"), "{text}");
    // A sale arrives live; the script's words are German too.
    let sold = web.find(By::Css("[data-live=sold-item]")).await?;
    assert!(!sold.is_displayed().await?, "no '0 verkauft'");
    sell(app, slug, 1).await;
    until_sold(web, "1", 10).await?;
    assert_eq!(web.find(By::Css("[data-live=sold-item]")).await?.text().await?, "1 verkauft");
    shoot(web, "storefront-phone-german", 390, 844).await;

    let size = web.find(By::Css("input[name=size][value=L]")).await?;
    size.scroll_into_view().await?;
    size.click().await?;
    web.find(By::Id("buy")).await?.click().await?;
    let banner = web.query(By::ClassName("demo")).first().await?.text().await?;
    assert!(banner.contains("es fließt kein Geld"), "{banner}");
    fill_address(web, ["fan@example.com", "Fan Person", "Hauptstraße 1", "10115", "Berlin"]).await?;
    web.find(By::Id("country")).await?.clear().await?;
    web.find(By::Id("country")).await?.send_keys("DE").await?;
    web.find(By::Id("pay")).await?.click().await?;
    web.query(By::Css("h1.slogan")).with_text("Danke!").first().await?;
    let body = web.find(By::Tag("main")).await?.text().await?;
    assert!(body.contains("Du bist Nr. 2"), "{body}");
    shoot(web, "thanks-phone-german", 390, 844).await;

    // The switch on popshop's own pages: English, and it stays English.
    web.goto(app.url("/login")).await?;
    web.find(By::Css("a.language[lang=en]")).await?.click().await?;
    web.query(By::Tag("h1")).with_text("Log in").first().await?;
    web.goto(app.url("/")).await?;
    assert_eq!(web.find(By::Tag("html")).await?.attr("lang").await?.as_deref(), Some("en"));
    Ok(())
}

#[tokio::test]
async fn after_a_failed_launch_or_pay_the_summary_has_focus_and_links_each_field() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    app.sign_up("summary@example.com", "correct horse battery").await;
    let res = app.launch_with(&[("slogan", "Summaries help")]).await;
    assert_eq!(res.status().as_u16(), 303);
    let web = browser(&driver).await;
    let result = async {
        web.set_window_rect(0, 0, 390, 844).await?;
        // Launch with no slogan and a price that is none.
        web.goto(app.url("/")).await?;
        web.find(By::Id("artist_name")).await?.send_keys("The Losers").await?;
        web.find(By::Id("price")).await?.clear().await?;
        web.find(By::Id("price")).await?.send_keys("free").await?;
        web.find(By::Id("email")).await?.send_keys("summary2@example.com").await?;
        web.find(By::Id("password")).await?.send_keys("correct horse battery").await?;
        web.find(By::Id("launch")).await?.click().await?;
        web.query(By::Css("#form-errors li")).first().await?;
        let focused: String = web.execute("return document.activeElement.id", vec![]).await?.convert()?;
        assert_eq!(focused, "form-errors", "the summary has focus");
        let links: Vec<String> = web
            .execute("return [...document.querySelectorAll('#form-errors a')].map(a => a.getAttribute('href'))", vec![])
            .await?
            .convert()?;
        assert!(links.contains(&"#slogan".to_owned()) && links.contains(&"#price".to_owned()), "{links:?}");
        // Pay with the address left out.
        let res = app.buy("summaries-help", "M", "black", 1).await;
        web.goto(app.url(&common::location(&res))).await?;
        web.find(By::Id("pay")).await?.click().await?;
        web.query(By::Css("#error-summary li")).first().await?;
        let focused: String = web.execute("return document.activeElement.id", vec![]).await?.convert()?;
        assert_eq!(focused, "error-summary");
        let links: Vec<String> = web
            .execute(
                "return [...document.querySelectorAll('#error-summary a')].map(a => a.getAttribute('href'))",
                vec![],
            )
            .await?
            .convert()?;
        assert!(links.contains(&"#email".to_owned()), "{links:?}");
        WebDriverResult::Ok(())
    }
    .await;
    web.quit().await.ok();
    result.unwrap();
}
