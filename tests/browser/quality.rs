//! Accessibility and Lighthouse on the create form and the storefronts.

use super::*;

#[tokio::test]
async fn axe_finds_nothing_on_the_create_form_the_call_pages_and_the_first_five_looks() {
    axe_finds_nothing(0..5, true).await;
}

#[tokio::test]
async fn axe_finds_nothing_on_the_other_five_storefront_looks() {
    axe_finds_nothing(5..popshop::design::THEMES.len(), false).await;
}

/// axe-core on the storefronts of the looks `looks` (indexes into
/// `THEMES`), on a phone; `with_forms`: also the create form, an open call
/// and the new-call form, and the create form and the first look on a
/// desktop. Two tests of half the looks each, so they run side by side.
async fn axe_finds_nothing(looks: std::ops::Range<usize>, with_forms: bool) {
    let axe_path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/axe/node_modules/axe-core/axe.min.js");
    let Ok(axe) = std::fs::read_to_string(&axe_path) else {
        assert_ne!(std::env::var("CI").as_deref(), Ok("true"), "axe-core missing: run scripts/ensure-axe");
        eprintln!("axe-core missing (scripts/ensure-axe installs it); skipping");
        return;
    };
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    app.sign_up("axe@example.com", "correct horse battery").await;
    let mut pages = Vec::new();
    if with_forms {
        pages.push(("create form".to_owned(), "/".to_owned()));
    }
    for theme in &popshop::design::THEMES[looks] {
        let slogan = format!("Axe checks {}", theme.key);
        let res = app
            .launch_with(&[
                ("slogan", &slogan),
                ("theme", theme.key),
                ("colours", "black"),
                ("colours", "white"),
                ("goal", "50"),
                ("description", "Printed after the show."),
            ])
            .await;
        assert_eq!(res.status().as_u16(), 303);
        let slug = popshop::domain::DropSlug::from_slogan(&slogan);
        pages.push((format!("storefront, {}", theme.key), format!("/d/{slug}")));
    }
    if with_forms {
        // An open call with an idea on it, and the form that opens one.
        let res = app
            .post_form(
                "/calls",
                &[("question", "Axe the call"), ("artist_name", "Axe"), ("hours", "2"), ("theme", "auto")],
            )
            .await;
        let call = common::location(&res);
        let token = app.csrf().await;
        app.client
            .post(app.url(&format!("{call}/ideas")))
            .form(&[("csrf", token.as_str()), ("idea", "An idea to check"), ("credit", "Jo")])
            .send()
            .await
            .unwrap();
        pages.push(("open call".to_owned(), call));
        // The stream overlay of the first look (its goal label over the bar).
        let first = popshop::design::THEMES[0].key;
        let slug = popshop::domain::DropSlug::from_slogan(&format!("Axe checks {first}"));
        pages.push(("stream overlay".to_owned(), format!("/d/{slug}/live")));
        pages.push(("new call form".to_owned(), "/calls/new".to_owned()));
    }
    let web = browser(&driver).await;
    let result = async {
        let mut problems = Vec::new();
        // Every page on a phone; the create form and one look on a desktop
        // too (each run takes seconds).
        let desktop = if with_forms { 2 } else { 0 };
        for (width, height, count) in [(390, 844, pages.len()), (1280, 900, desktop)] {
            web.set_window_rect(0, 0, width, height).await?;
            for (name, path) in pages.iter().take(count) {
                web.goto(app.url(path)).await?;
                for v in axe_violations(&web, &axe).await? {
                    problems.push(format!("{name} at {width}px: {v}"));
                }
            }
        }
        WebDriverResult::Ok(problems)
    }
    .await;
    web.quit().await.ok();
    let problems = result.unwrap();
    assert!(problems.is_empty(), "axe found:\n{}", problems.join("\n"));
}

const LIGHTHOUSE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/target/lighthouse/node_modules/.bin/lighthouse");

/// Lighthouse's four category scores (0–1) for `url`, with the audits that
/// cost points, run as Lighthouse runs by default: a mid-range phone on a
/// throttled mobile network (simulated), in its own headless Chromium.
async fn lighthouse(url: &str) -> (Vec<(String, f64)>, Vec<String>) {
    let out = tokio::process::Command::new(LIGHTHOUSE)
        .arg(url)
        .arg(format!("--chrome-path={CHROMIUM}"))
        .arg("--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage")
        .args(["--output=json", "--output-path=stdout", "--quiet"])
        .output()
        .await
        .expect("run lighthouse");
    assert!(out.status.success(), "lighthouse {url}: {}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("lighthouse JSON");
    let categories = report["categories"].as_object().expect("categories");
    let scores = categories.iter().map(|(k, v)| (k.clone(), v["score"].as_f64().unwrap_or(0.0))).collect();
    let mut lost = Vec::new();
    for (name, category) in categories {
        for r in category["auditRefs"].as_array().into_iter().flatten() {
            let audit = &report["audits"][r["id"].as_str().unwrap_or_default()];
            if r["weight"].as_f64().unwrap_or(0.0) > 0.0 && audit["score"].as_f64().is_some_and(|s| s < 1.0) {
                lost.push(format!("{name}: {} ({})", r["id"], audit["displayValue"]));
            }
        }
    }
    (scores, lost)
}

#[tokio::test]
async fn lighthouse_scores_the_storefront_the_create_form_and_an_order_page_at_least_95_everywhere() {
    if !std::path::Path::new(LIGHTHOUSE).exists() {
        assert!(!in_ci(), "lighthouse missing under CI=true: run scripts/ensure-lighthouse");
        eprintln!("SKIPPING LIGHTHOUSE TEST: {LIGHTHOUSE} not found (run scripts/ensure-lighthouse)");
        return;
    }
    if start_driver().is_none() {
        return;
    }
    let app = TestApp::spawn().await;
    app.sign_up("lighthouse@example.com", "correct horse battery").await;
    for (slogan, language) in [("Be a Friday Night Loser with me", "en"), ("Sei ein Freitagabend-Loser mit mir", "de")]
    {
        let res = app
            .launch_with(&[
                ("slogan", slogan),
                ("language", language),
                ("colours", "black"),
                ("colours", "white"),
                ("stock", "200"),
                ("goal", "100"),
                ("description", "Printed the night after the gig."),
            ])
            .await;
        assert_eq!(res.status().as_u16(), 303);
    }
    // A fan's order page too (issue 14).
    let res = app.buy("be-a-friday-night-loser-with-me", "M", "white", 1).await;
    let session = common::location(&res).trim_start_matches("/demo-checkout/").to_owned();
    app.pay_demo(&common::location(&res)).await;
    let order = app.state.store.order_by_session(&session).await.unwrap().unwrap();
    let order_page = format!("/orders/{}", order.view_token.unwrap());
    for path in ["/", "/d/be-a-friday-night-loser-with-me", "/d/sei-ein-freitagabend-loser-mit-mir", &order_page] {
        // The performance score moves from run to run (Lighthouse's own
        // advice is to run several times): other browser tests share these
        // two cores. Up to three runs; the other three categories do not vary.
        let mut run = lighthouse(&app.url(path)).await;
        for _ in 0..2 {
            if run.0.iter().all(|(c, score)| *score >= 0.95 || (path.starts_with("/orders/") && c == "seo")) {
                break;
            }
            run = lighthouse(&app.url(path)).await;
        }
        let (scores, lost) = run;
        println!("lighthouse {path}: {scores:?}; points lost: {lost:?}");
        assert_eq!(scores.len(), 4, "{path}: four categories");
        for (category, score) in scores {
            // An order page is private and says so (`X-Robots-Tag: noindex`):
            // the one SEO point it may lose is being crawlable.
            let private = path.starts_with("/orders/") && category == "seo";
            if private {
                assert!(lost.iter().filter(|l| l.starts_with("seo:")).all(|l| l.contains("is-crawlable")), "{lost:?}");
                continue;
            }
            assert!(score >= 0.95, "{path}: {category} {score} < 0.95; points lost: {lost:?}");
        }
    }
}

#[tokio::test]
async fn the_drops_private_page_fits_a_phone_and_axe_finds_nothing() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    app.sign_up("phone@example.com", "correct horse battery").await;
    let res = app
        .launch_with(&[
            ("slogan", "A long slogan for a narrow phone screen"),
            ("colours", "black"),
            ("colours", "white"),
            ("stock", "100"),
            ("goal", "50"),
            ("description", "Printed after the show."),
        ])
        .await;
    let page = common::location(&res);
    let slug = "a-long-slogan-for-a-narrow-phone-screen";
    // Visitors from a share link, and orders, so every table has rows.
    let fan = TestApp::spawn_shell(&app);
    fan.get(&format!("/d/{slug}?ref=newsletter")).await;
    for _ in 0..3 {
        sell(&app, slug, 2).await;
    }
    let axe = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/axe/node_modules/axe-core/axe.min.js"),
    )
    .ok();
    assert!(axe.is_some() || !in_ci(), "axe-core missing: run scripts/ensure-axe");
    let web = browser(&driver).await;
    let result = async {
        web.set_window_rect(0, 0, 390, 844).await?;
        web.goto(app.url("/login")).await?;
        web.find(By::Id("email")).await?.send_keys("phone@example.com").await?;
        web.find(By::Id("password")).await?.send_keys("correct horse battery").await?;
        web.find(By::Css("main form button[type=submit]")).await?.click().await?;
        web.query(By::Css("h1")).first().await?;
        web.goto(app.url(&page)).await?;
        // Nothing scrolls the page sideways: wide tables scroll in their own
        // focusable region (a hidden header inside one once pushed the page
        // to 634 px).
        let (wide, view): (i64, i64) =
            web.execute("return [document.documentElement.scrollWidth, window.innerWidth]", vec![]).await?.convert()?;
        assert!(wide <= view, "the page scrolls sideways: {wide} > {view}");
        shoot(&web, "drop-page-phone", 390, 844).await;
        if let Some(axe) = &axe {
            let found = axe_violations(&web, axe).await?;
            assert!(found.is_empty(), "axe on the drop's page at 390 px: {found:?}");
        }
        WebDriverResult::Ok(())
    }
    .await;
    web.quit().await.ok();
    result.unwrap();
}
