//! A fan reports a drop on their phone; an operator takes it down from
//! /admin on a desktop; the fan's open tab shows it is gone without a
//! reload (issue 24).

use super::*;

#[tokio::test]
async fn a_fan_reports_a_drop_and_the_operator_takes_it_down_while_the_fan_watches() {
    let Some(driver) = start_driver() else { return };
    // Two browsers: one profile each (Chromium locks its profile).
    let Some(second) = start_driver() else { return };
    let app = TestApp::spawn_with(|s| {
        s.operators = vec![popshop::domain::EmailAddress::parse("ops@example.com").unwrap()];
    })
    .await;
    let (_, slug) = app.launch_as("copycat@example.com", "Definitely not ACME", true).await;
    let axe = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/axe/node_modules/axe-core/axe.min.js"),
    )
    .ok();
    assert!(axe.is_some() || !in_ci(), "axe-core missing: run scripts/ensure-axe");
    let fan = browser(&driver).await;
    let operator = browser(&second).await;
    let result = async {
        // The fan reports it from the storefront's footer.
        fan.set_window_rect(0, 0, 390, 844).await?;
        fan.goto(app.url(&format!("/d/{slug}"))).await?;
        fan.find(By::LinkText("Report this shop")).await?.click().await?;
        fan.query(By::Css("h1")).with_text("Report this shop").first().await?;
        fan.find(By::Css("label[for=reason-infringement]")).await?.click().await?;
        fan.find(By::Id("report-note")).await?.send_keys("That is the ACME logo, redrawn.").await?;
        shoot(&fan, "report-form-phone", 390, 844).await;
        if let Some(axe) = &axe {
            let found = axe_violations(&fan, axe).await?;
            assert!(found.is_empty(), "axe on the report form: {found:?}");
        }
        fan.find(By::Css("main form button[type=submit]")).await?.click().await?;
        let thanks = fan.query(By::Css(".banner.success")).first().await?.text().await?;
        assert!(thanks.contains("Thank you"), "{thanks}");
        // Back on the storefront, the tab follows the live totals.
        fan.find(By::LinkText("Back to the shop")).await?.click().await?;
        assert!(fan.find(By::Id("buy")).await?.is_enabled().await?);
        let mut streams = 0;
        for _ in 0..100 {
            streams = app.state.live.streams.open("127.0.0.1".parse().unwrap());
            if streams >= 1 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(streams >= 1, "the fan's tab streams the totals");

        // The operator logs in and finds the report.
        operator.set_window_rect(0, 0, 1440, 900).await?;
        operator.goto(app.url("/signup")).await?;
        operator.find(By::Id("email")).await?.send_keys("ops@example.com").await?;
        operator.find(By::Id("password")).await?.send_keys("correct horse battery").await?;
        operator.find(By::Css("main form button[type=submit]")).await?.click().await?;
        // The signed-in create form first: going on while the sign-up is
        // still being answered may leave the browser without its session
        // (seen once in CI: /admin then showed the log-in page).
        operator.query(By::Id("slogan")).first().await?;
        operator.goto(app.url("/admin")).await?;
        let queue = operator.find(By::Css("table.reports")).await?.text().await?;
        assert!(queue.contains("That is the ACME logo, redrawn.") && queue.contains("Definitely not ACME"), "{queue}");
        shoot(&operator, "admin-reports-desktop", 1440, 900).await;
        if let Some(axe) = &axe {
            let found = axe_violations(&operator, axe).await?;
            assert!(found.is_empty(), "axe on /admin: {found:?}");
        }
        operator.find(By::LinkText("Review")).await?.click().await?;
        operator
            .find(By::Id("takedown-reason"))
            .await?
            .send_keys("Uses the ACME trademark without permission.")
            .await?;
        if let Some(axe) = &axe {
            let found = axe_violations(&operator, axe).await?;
            assert!(found.is_empty(), "axe on the operator's drop page: {found:?}");
        }
        operator.find(By::Css("main form button.danger")).await?.click().await?;
        operator.accept_alert().await?;
        let banner = operator.query(By::Css(".banner.warning")).first().await?.text().await?;
        assert!(banner.contains("Taken down"), "{banner}");

        // The account's console page, with its suspend form, is clean too.
        let artist = app.state.store.search_accounts("copycat@example.com", 1).await.unwrap().remove(0);
        operator.goto(app.url(&format!("/admin/accounts/{}", artist.id))).await?;
        operator.find(By::Id("suspend-reason")).await?;
        shoot(&operator, "admin-account-desktop", 1440, 900).await;
        if let Some(axe) = &axe {
            let found = axe_violations(&operator, axe).await?;
            assert!(found.is_empty(), "axe on the account's console page: {found:?}");
        }

        // The fan's open tab says so, with the reason, and sells nothing.
        let gone = fan
            .query(By::Css("[data-live=taken-down]"))
            .wait(Duration::from_secs(10), Duration::from_millis(100))
            .first()
            .await?;
        let said = gone.text().await?;
        assert!(said.contains("Uses the ACME trademark without permission."), "{said}");
        assert!(!fan.find(By::Id("buy")).await?.is_enabled().await?, "the buy button is off");
        let state = fan.find(By::Css("[data-live=state]")).await?.text().await?;
        assert_eq!(state, "Taken down");
        assert_eq!(until_streams(&app, 0, 10).await, 0, "the stream closed, and the tab did not open another");
        shoot(&fan, "storefront-taken-down-live-phone", 390, 844).await;
        // A reload gets the 410 page with the reason.
        fan.refresh().await?;
        let page = fan.find(By::Tag("main")).await?.text().await?;
        assert!(page.contains("This shop was taken down") && page.contains("ACME trademark"), "{page}");
        shoot(&fan, "storefront-gone-phone", 390, 844).await;
        WebDriverResult::Ok(())
    }
    .await;
    fan.quit().await.ok();
    operator.quit().await.ok();
    result.unwrap();
}
