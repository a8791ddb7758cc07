//! Browser tests in headless Chromium (Debian's `chromium` + `chromium-driver`),
//! driven over WebDriver. Screenshots go to `target/screenshots/` and their
//! paths are printed, so pages can be checked by eye.

#[path = "../common/mod.rs"]
mod common;

use common::{TestApp, in_ci};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use thirtyfour::prelude::*;

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// A chromedriver process, killed on drop.
struct Driver {
    child: Child,
    port: u16,
    _profile: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts chromedriver, or returns `None` (outside CI only) when it is missing.
fn start_driver() -> Option<Driver> {
    if !std::path::Path::new(CHROMEDRIVER).exists() || !std::path::Path::new(CHROMIUM).exists() {
        assert!(!in_ci(), "chromium/chromedriver missing under CI=true: run scripts/ensure-chromium");
        eprintln!("SKIPPING BROWSER TEST: {CHROMEDRIVER} or {CHROMIUM} not found (run scripts/ensure-chromium)");
        return None;
    }
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    Some(Driver { child, port, _profile: tempfile::tempdir().unwrap() })
}

async fn browser(driver: &Driver) -> WebDriver {
    browser_in(driver, "en-US,en").await
}

/// A browser whose language settings ask for `languages` (its
/// `Accept-Language` header and `navigator.languages`).
async fn browser_in(driver: &Driver, languages: &str) -> WebDriver {
    let mut caps = DesiredCapabilities::chrome();
    caps.add_experimental_option("prefs", serde_json::json!({ "intl.accept_languages": languages })).unwrap();
    caps.add_arg(&format!("--lang={}", languages.split(',').next().unwrap_or("en-US"))).unwrap();
    caps.set_binary(CHROMIUM).unwrap();
    for arg in [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        "--window-size=1280,900",
    ] {
        caps.add_arg(arg).unwrap();
    }
    caps.add_arg(&format!("--user-data-dir={}", driver._profile.path().display())).unwrap();
    let url = format!("http://127.0.0.1:{}", driver.port);
    // chromedriver needs a moment to listen.
    for attempt in 0..50 {
        match WebDriver::new(&url, caps.clone()).await {
            Ok(web) => return web,
            Err(e) if attempt == 49 => panic!("cannot start a Chromium session: {e}"),
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
    unreachable!()
}

/// The picture's `alt` once it mentions `text` (the live preview redraws
/// after a pause in the typing), or what it says after 5 s.
async fn until_alt(img: &WebElement, text: &str) -> WebDriverResult<String> {
    let mut alt = String::new();
    for _ in 0..50 {
        alt = img.attr("alt").await?.unwrap_or_default();
        if alt.contains(text) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(alt)
}

fn screenshot_path(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(format!("{name}.png"))
}

async fn shoot(web: &WebDriver, name: &str, width: u32, height: u32) {
    web.set_window_rect(0, 0, width, height).await.unwrap();
    // Full-page capture: grow the window to the document height.
    let full: i64 = web
        .execute("return Math.ceil(document.documentElement.scrollHeight)", vec![])
        .await
        .unwrap()
        .convert()
        .unwrap();
    web.set_window_rect(0, 0, width, (full as u32).clamp(height, 6000)).await.unwrap();
    let path = screenshot_path(name);
    web.screenshot(&path).await.unwrap();
    println!("screenshot: {}", path.display());
    web.set_window_rect(0, 0, width, height).await.unwrap();
}

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

/// Fills in the demo checkout's address form (the shop's own country).
async fn fill_address(web: &WebDriver, [email, name, line1, postal_code, city]: [&str; 5]) -> WebDriverResult<()> {
    for (id, value) in
        [("email", email), ("name", name), ("line1", line1), ("postal_code", postal_code), ("city", city)]
    {
        web.find(By::Id(id)).await?.send_keys(value).await?;
    }
    Ok(())
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
async fn storefronts_in_three_looks() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    app.sign_up("looks@example.com", "correct horse battery").await;
    let looks =
        [("retro", "Liebe ist laut 💖"), ("neon", "Rave till the sun comes up"), ("serif", "Poems for the quiet ones")];
    for (theme, slogan) in looks {
        let res =
            app.launch_with(&[("slogan", slogan), ("theme", theme), ("colours", "white"), ("colours", "navy")]).await;
        assert_eq!(res.status().as_u16(), 303, "{theme}");
    }
    let web = browser(&driver).await;
    let result = async {
        for (theme, slogan) in looks {
            let slug = popshop::domain::DropSlug::from_slogan(slogan);
            web.goto(app.url(&format!("/d/{slug}"))).await?;
            let heading = web.find(By::Css("h1.slogan")).await?.text().await?;
            assert_eq!(heading, slogan);
            // The navy colour swaps the mockup without JavaScript (CSS :has).
            web.find(By::Css("input[name=colour][value=navy]")).await?.click().await?;
            let visible = web.find(By::Css(".mockup[data-colour=navy]")).await?.is_displayed().await?;
            assert!(visible, "{theme}: navy mockup shown");
            shoot(&web, &format!("storefront-look-{theme}"), 1280, 900).await;
        }
        WebDriverResult::Ok(())
    }
    .await;
    web.quit().await.ok();
    result.unwrap();
}

#[tokio::test]
async fn an_open_storefront_counts_a_sale_without_reloading() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    app.sign_up("live@example.com", "correct horse battery").await;
    app.launch_with(&[("slogan", "Watch it tick"), ("stock", "50"), ("goal", "10")]).await;
    let web = browser(&driver).await;
    let result = async {
        web.goto(app.url("/d/watch-it-tick")).await?;
        let sold = web.find(By::Css("[data-live=sold]")).await?;
        assert!(!sold.is_displayed().await?, "'0 sold' is not shown");
        // Another fan buys in another tab (here: another client).
        let other = TestApp::spawn_shell(&app);
        let res = other.buy("watch-it-tick", "M", "black", 3).await;
        other.pay_demo(&common::location(&res)).await;
        for _ in 0..50 {
            if sold.text().await? == "3" {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert_eq!(sold.text().await?, "3", "the counter moved without a reload");
        let left = web.find(By::Css("[data-live=left]")).await?.text().await?;
        assert_eq!(left, "47");
        shoot(&web, "storefront-live-update", 1280, 900).await;
        WebDriverResult::Ok(())
    }
    .await;
    web.quit().await.ok();
    result.unwrap();
}

#[tokio::test]
async fn the_artists_page_charts_twenty_demo_sales() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    app.sign_up("chart@example.com", "correct horse battery").await;
    app.launch_with(&[
        ("slogan", "Chart the rush"),
        ("goal", "30"),
        ("sizes", "M"),
        ("sizes", "L"),
        ("colours", "white"),
        ("colours", "black"),
    ])
    .await;
    let drop = app.drop_by_slug("chart-the-rush").await;
    let fans = TestApp::spawn_shell(&app);
    for i in 0..20 {
        let size = if i % 3 == 0 { "L" } else { "M" };
        let colour = if i % 2 == 0 { "black" } else { "white" };
        let res = fans.buy("chart-the-rush", size, colour, 1 + (i % 2)).await;
        fans.pay_demo(&common::location(&res)).await;
    }
    let web = browser(&driver).await;
    let result = async {
        web.goto(app.url(&format!("/login?next=/dashboard/drops/{}", drop.id))).await?;
        web.find(By::Id("email")).await?.send_keys("chart@example.com").await?;
        web.find(By::Id("password")).await?.send_keys("correct horse battery").await?;
        web.find(By::Css("form button[type=submit].primary")).await?.click().await?;
        web.query(By::Id("live-stats")).first().await?;
        let bars = web.find_all(By::Css("#live-stats svg.chart rect")).await?;
        assert!(!bars.is_empty(), "the chart has bars");
        let numbers = web.find(By::Id("live-stats")).await?.text().await?;
        assert!(numbers.contains("Paid orders\n20"), "{numbers}");
        shoot(&web, "dashboard-chart-20-sales", 1280, 900).await;
        WebDriverResult::Ok(())
    }
    .await;
    web.quit().await.ok();
    result.unwrap();
}

/// Every bundled font, as browsers get it (WOFF2 via `/fonts.css`), must pass
/// Chromium's font sanitiser (OTS) and load.
#[tokio::test]
async fn every_bundled_font_loads_in_chromium() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    let web = browser(&driver).await;
    web.goto(app.url("/")).await.unwrap();
    let script = r#"
        return (async () => {
            const css = await (await fetch('/fonts.css')).text();
            const faces = [...css.matchAll(/font-family: "([^"]+)"; src: url\(([^)]+)\)/g)];
            const results = [];
            for (const [, family, url] of faces) {
                try {
                    const face = new FontFace(family + ' check', `url(${url})`);
                    await face.load();
                    results.push([family, face.status]);
                } catch (e) {
                    results.push([family, String(e)]);
                }
            }
            return results;
        })();
    "#;
    let results: Vec<(String, String)> = web.execute(script, vec![]).await.unwrap().convert().unwrap();
    web.quit().await.ok();
    assert!(results.len() >= 10, "every font face in /fonts.css was tried: {results:?}");
    let broken: Vec<_> = results.iter().filter(|(_, status)| status != "loaded").collect();
    assert!(broken.is_empty(), "fonts Chromium refused: {broken:?}");
}

/// Streams 127.0.0.1 holds open on `app`, once it has held `n` for a moment
/// (waits up to `secs`).
/// Whether the first image matching `css` has loaded and been decoded
/// (waits up to 5 s): a picture Chromium could not read has no natural width.
async fn picture_shown(web: &WebDriver, css: &str) -> WebDriverResult<bool> {
    for _ in 0..100 {
        let shown: bool = web
            .execute(
                "const i = document.querySelector(arguments[0]); return !!i && i.complete && i.naturalWidth > 0;",
                vec![serde_json::json!(css)],
            )
            .await?
            .convert()?;
        if shown {
            return Ok(true);
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    Ok(false)
}

async fn until_streams(app: &TestApp, n: usize, secs: u64) -> usize {
    let client = "127.0.0.1".parse().unwrap();
    for _ in 0..secs * 10 {
        if app.state.live.streams.open(client) == n {
            return n;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.state.live.streams.open(client)
}

/// The text of `[data-live=sold]` in the current tab, once it reads `want`
/// (waits up to `secs`).
async fn until_sold(web: &WebDriver, want: &str, secs: u64) -> WebDriverResult<String> {
    let mut seen = String::new();
    for _ in 0..secs * 10 {
        seen = web.find(By::Css("[data-live=sold]")).await?.text().await?;
        if seen == want {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(seen)
}

async fn sell(app: &TestApp, slug: &str, quantity: u32) {
    let other = TestApp::spawn_shell(app);
    let res = other.buy(slug, "M", "black", quantity).await;
    other.pay_demo(&common::location(&res)).await;
}

#[tokio::test]
async fn eight_tabs_of_one_browser_share_one_stream_and_all_see_each_sale() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    app.sign_up("live@example.com", "correct horse battery").await;
    app.launch_with(&[("slogan", "Tabs everywhere"), ("stock", "50")]).await;
    let web = browser(&driver).await;
    let result = async {
        // Eight tabs: past HTTP/1.1's six connections per host, every one
        // loads, and the server sees one stream.
        let mut tabs = vec![web.window().await?];
        web.goto(app.url("/d/tabs-everywhere")).await?;
        for _ in 1..8 {
            let tab = web.new_tab().await?;
            web.switch_to_window(tab.clone()).await?;
            web.goto(app.url("/d/tabs-everywhere")).await?;
            tabs.push(tab);
        }
        assert_eq!(until_streams(&app, 1, 5).await, 1, "eight tabs hold one stream");
        sell(&app, "tabs-everywhere", 3).await;
        for tab in &tabs {
            web.switch_to_window(tab.clone()).await?;
            assert_eq!(until_sold(&web, "3", 5).await?, "3", "every tab counts the sale");
        }
        // The streaming tab (the first) closes: another takes over.
        web.switch_to_window(tabs[0].clone()).await?;
        web.close_window().await?;
        web.switch_to_window(tabs[1].clone()).await?;
        sell(&app, "tabs-everywhere", 2).await;
        for tab in &tabs[1..] {
            web.switch_to_window(tab.clone()).await?;
            assert_eq!(until_sold(&web, "5", 8).await?, "5", "the other tabs go on counting");
        }
        // The new streaming tab holds one; the closed tab's is freed at once
        // on a connection of its own, else at its next keep-alive write.
        let held = app.state.live.streams.open("127.0.0.1".parse().unwrap());
        assert!((1..=2).contains(&held), "{held} streams for seven tabs");
        WebDriverResult::Ok(())
    }
    .await;
    web.quit().await.ok();
    result.unwrap();
}

#[tokio::test]
async fn a_fan_past_the_venue_address_limit_sees_sales_by_polling_then_streams_again() {
    let (Some(first_driver), Some(second_driver)) = (start_driver(), start_driver()) else { return };
    // One stream per address: the second fan at the venue is refused.
    let app = TestApp::spawn_with(|s| s.streams_per_client = 1).await;
    app.sign_up("live@example.com", "correct horse battery").await;
    app.launch_with(&[("slogan", "Venue wifi"), ("stock", "50")]).await;
    let (first, second) = (browser(&first_driver).await, browser(&second_driver).await);
    let result = async {
        first.goto(app.url("/d/venue-wifi")).await?;
        assert_eq!(until_streams(&app, 1, 5).await, 1);
        second.goto(app.url("/d/venue-wifi")).await?;
        // Refused twice (about 2 s, then 4 s), it polls the totals.
        tokio::time::sleep(Duration::from_secs(4)).await;
        sell(&app, "venue-wifi", 2).await;
        assert_eq!(until_sold(&first, "2", 5).await?, "2", "the streaming fan sees it");
        assert_eq!(until_sold(&second, "2", 15).await?, "2", "the refused fan sees it by polling");
        // The first fan leaves: their place is free at once, and the second
        // fan's next retry gets a stream.
        first.quit().await?;
        let started = std::time::Instant::now();
        tokio::time::sleep(Duration::from_millis(500)).await;
        // Its place frees when the server notices (at once on a connection
        // of its own, else at the next keep-alive write), and the refused
        // fan's next retry (backing off up to a minute) takes it.
        assert_eq!(until_streams(&app, 1, 100).await, 1, "the refused fan streams again");
        println!("the refused fan streamed again {:?} after the first left", started.elapsed());
        sell(&app, "venue-wifi", 1).await;
        assert_eq!(until_sold(&second, "3", 5).await?, "3");
        WebDriverResult::Ok(())
    }
    .await;
    second.quit().await.ok();
    result.unwrap();
}

#[tokio::test]
async fn on_a_phone_the_buy_button_is_on_the_first_screen_in_every_look() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    app.sign_up("phone@example.com", "correct horse battery").await;
    let themes: Vec<&str> = popshop::design::THEMES.iter().map(|t| t.key).collect();
    for theme in &themes {
        let slogan = format!("Sei ein Freitagabend-Loser mit mir {theme}");
        let res = app
            .launch_with(&[
                ("slogan", &slogan),
                ("theme", theme),
                ("colours", "black"),
                ("colours", "white"),
                ("stock", "200"),
            ])
            .await;
        assert_eq!(res.status().as_u16(), 303, "{theme}");
    }
    let web = browser(&driver).await;
    let result = async {
        for theme in &themes {
            let slug = popshop::domain::DropSlug::from_slogan(&format!("Sei ein Freitagabend-Loser mit mir {theme}"));
            web.set_window_rect(0, 0, 390, 844).await?;
            web.goto(app.url(&format!("/d/{slug}"))).await?;
            let (top, bottom, viewport, overflow): (f64, f64, f64, bool) = web
                .execute(
                    "const r = document.getElementById('buy').getBoundingClientRect();
                     const e = document.documentElement;
                     return [r.top, r.bottom, window.innerHeight, e.scrollWidth > e.clientWidth];",
                    vec![],
                )
                .await?
                .convert()?;
            assert!(top >= 0.0 && bottom <= viewport, "{theme}: Buy at {top}..{bottom} of {viewport}");
            assert!(picture_shown(&web, ".gallery .views img").await?, "{theme}: shirt drawn");
            let width: f64 = web
                .execute("return document.querySelector('.gallery .views img').getBoundingClientRect().width", vec![])
                .await?
                .convert()?;
            assert!(width >= 340.0, "{theme}: the shirt fills the phone's width ({width} px)");
            assert!(!overflow, "{theme}: no sideways scroll on a phone");
            // The bar's button submits the form above it.
            let form: String = web.execute("return document.getElementById('buy').form.id", vec![]).await?.convert()?;
            assert_eq!(form, "buy-form");
            shoot(&web, &format!("storefront-phone-{theme}"), 390, 844).await;
            shoot(&web, &format!("storefront-desktop-{theme}"), 1280, 900).await;
        }
        WebDriverResult::Ok(())
    }
    .await;
    web.quit().await.ok();
    result.unwrap();
}

#[tokio::test]
async fn a_japanese_storefront_loads_its_own_few_glyphs_not_the_whole_cjk_font() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    let (_, slug) = app.launch("金曜の夜の負け犬になろう").await;
    let web = browser(&driver).await;
    let result = async {
        web.goto(app.url(&format!("/d/{slug}"))).await?;
        let (fonts, bytes, cjk_loaded): (Vec<String>, f64, bool) = web
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 document.fonts.ready.then(() => {
                   const fonts = performance.getEntriesByType('resource')
                     .filter((e) => /\\.(otf|ttf|woff2?)$/.test(new URL(e.name).pathname));
                   const bytes = fonts.reduce((sum, e) => sum + (e.encodedBodySize || e.transferSize), 0);
                   const cjk = [...document.fonts].some((f) => f.family.includes('CJK') && f.status === 'loaded');
                   done([fonts.map((e) => new URL(e.name).pathname), bytes, cjk]);
                 });",
                vec![],
            )
            .await?
            .convert()?;
        assert!(fonts.iter().any(|f| f.ends_with("/cjk.otf")), "the cut-down font is loaded: {fonts:?}");
        assert!(!fonts.iter().any(|f| f.contains("NotoSansCJK")), "not the whole 2.3 MB font: {fonts:?}");
        assert!(cjk_loaded, "the heading is set in it");
        assert!(bytes < 400_000.0, "{bytes} bytes of fonts: {fonts:?}");
        println!("a Japanese storefront loads {bytes} bytes of fonts: {fonts:?}");
        shoot(&web, "storefront-japanese-phone", 390, 844).await;
        WebDriverResult::Ok(())
    }
    .await;
    web.quit().await.ok();
    result.unwrap();
}

/// axe-core's WCAG 2.1 A/AA findings on the page open in `web`, as
/// "rule-id (n): first target" lines (empty: clean).
async fn axe_violations(web: &WebDriver, axe: &str) -> WebDriverResult<Vec<String>> {
    web.execute(axe, vec![]).await?;
    let found: Vec<String> = web
        .execute(
            "return axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] })
               .then((r) => r.violations.map((v) => v.id + ' (' + v.nodes.length + '): ' + v.nodes[0].target.join(' ')));",
            vec![],
        )
        .await?
        .convert()?;
    Ok(found)
}

#[tokio::test]
async fn axe_finds_nothing_on_the_create_form_and_every_storefront_look() {
    let axe_path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/axe/node_modules/axe-core/axe.min.js");
    let Ok(axe) = std::fs::read_to_string(&axe_path) else {
        assert_ne!(std::env::var("CI").as_deref(), Ok("true"), "axe-core missing: run scripts/ensure-axe");
        eprintln!("axe-core missing (scripts/ensure-axe installs it); skipping");
        return;
    };
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    app.sign_up("axe@example.com", "correct horse battery").await;
    let mut pages = vec![("create form".to_owned(), "/".to_owned())];
    for theme in popshop::design::THEMES.iter() {
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
    // An open call with an idea on it, and the form that opens one.
    let res = app
        .post_form("/calls", &[("question", "Axe the call"), ("artist_name", "Axe"), ("hours", "2"), ("theme", "auto")])
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
    pages.push(("new call form".to_owned(), "/calls/new".to_owned()));
    let web = browser(&driver).await;
    let result = async {
        let mut problems = Vec::new();
        // Every page on a phone; the create form and one look on a desktop
        // too (each run takes seconds).
        for (width, height, count) in [(390, 844, pages.len()), (1280, 900, 2)] {
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
    assert!(text.contains("Kostenloser Versand · Lieferung in 5–10 Werktage"), "{text}");
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
async fn lighthouse_scores_the_storefront_and_the_create_form_at_least_95_everywhere() {
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
    for path in ["/", "/d/be-a-friday-night-loser-with-me", "/d/sei-ein-freitagabend-loser-mit-mir"] {
        // The performance score moves from run to run (Lighthouse's own
        // advice is to run several times): other browser tests share these
        // two cores. Up to three runs; the other three categories do not vary.
        let mut run = lighthouse(&app.url(path)).await;
        for _ in 0..2 {
            if run.0.iter().all(|(_, score)| *score >= 0.95) {
                break;
            }
            run = lighthouse(&app.url(path)).await;
        }
        let (scores, lost) = run;
        println!("lighthouse {path}: {scores:?}; points lost: {lost:?}");
        assert_eq!(scores.len(), 4, "{path}: four categories");
        for (category, score) in scores {
            assert!(score >= 0.95, "{path}: {category} {score} < 0.95; points lost: {lost:?}");
        }
    }
}

/// Issue 10: fans write the slogan together. The artist (over HTTP) opens a
/// call; two fans, each in their own Chromium, send ideas and vote; the
/// artist hides one and launches the winner; a voter follows the call page
/// to the shirt and buys it in the demo checkout.
#[tokio::test]
async fn fans_write_the_slogan_together_and_a_voter_buys_the_winner() {
    let (Some(driver_a), Some(driver_b), Some(driver_c)) = (start_driver(), start_driver(), start_driver()) else {
        return;
    };
    let app = TestApp::spawn().await;
    app.sign_up("caller@example.com", "correct horse battery").await;
    let res = app
        .post_form(
            "/calls",
            &[
                ("question", "What should the Friday-night shirt say?"),
                ("artist_name", "The Losers"),
                ("hours", "2"),
                ("theme", "auto"),
                ("colours", "black"),
            ],
        )
        .await;
    let call = common::location(&res);
    let (ana, ben, cleo) = (browser(&driver_a).await, browser(&driver_b).await, browser(&driver_c).await);
    let (ana_idea, ben_idea) = ("Sei ein Freitagabend-Loser mit mir", "Loser Club forever");
    let result = async {
        // Three fans, each in their own browser, open the board.
        for web in [&ana, &ben, &cleo] {
            web.set_window_rect(0, 0, 390, 844).await?;
            web.goto(app.url(&call)).await?;
        }
        until_streams(&app, 3, 10).await;
        // Ana sends an idea: Ben's and Cleo's open pages show it, unreloaded.
        send(&ana, ana_idea).await?;
        for web in [&ben, &cleo] {
            let board = until_board(web, |b| b.len() == 1, 5).await?;
            assert!(board[0].contains(ana_idea) && board[0].contains("1 vote"), "{board:?}");
        }
        // Ben sends his; it reaches Ana's page (reloaded once, by her post) live.
        send(&ben, ben_idea).await?;
        let board = until_board(&ana, |b| b.len() == 2, 5).await?;
        assert!(board[0].contains(ana_idea) && board[1].contains(ben_idea), "{board:?}");
        assert!(picture_shown(&cleo, "li.idea img").await?, "each idea is drawn as a shirt");

        // Cleo votes with the button of an idea that arrived live (made from
        // the page's blank idea): Ben's idea leads on Ana's page, unreloaded.
        let board = until_board(&cleo, |b| b.len() == 2, 5).await?;
        assert!(board[0].contains(ana_idea) && board[1].contains(ben_idea), "{board:?}");
        vote(&cleo, 1).await?;
        let board = until_board(&ana, |b| b[0].contains(ben_idea), 5).await?;
        assert!(board[0].contains("2 votes") && board[1].contains("1 vote"), "{board:?}");
        // Ben and Cleo vote for Ana's idea: it is back on top, 3 to 2.
        vote(&ben, board_index(&ben, ana_idea).await?).await?;
        vote(&cleo, board_index(&cleo, ana_idea).await?).await?;
        let board = until_board(&ana, |b| b[0].contains(ana_idea) && b[0].contains("3 votes"), 5).await?;
        assert!(board[1].contains(ben_idea) && board[1].contains("2 votes"), "{board:?}");
        shoot(&ana, "call-board-phone", 390, 844).await;

        // The artist hides Ben's idea: it leaves Ana's page live.
        let (_, own) = app.get_html(&call).await;
        let id_of = |text: &str| {
            let at = own.find(text).unwrap();
            let li = own[..at].rfind("id=\"idea-").unwrap() + 9;
            own[li..].split('"').next().unwrap().to_owned()
        };
        let (winner, other) = (id_of(ana_idea), id_of(ben_idea));
        app.post_form(&format!("{call}/ideas/{other}/moderate"), &[("action", "hide")]).await;
        let board = until_board(&ana, |b| b.len() == 1, 5).await?;
        assert!(board[0].contains(ana_idea), "{board:?}");

        // The artist launches Ana's idea: the open pages turn into "This became a shirt".
        let slug = call.trim_start_matches("/c/");
        let res = app
            .launch_with(&[("slogan", ana_idea), ("call", slug), ("idea", winner.as_str()), ("colours", "black")])
            .await;
        assert_eq!(res.status().as_u16(), 303);
        let became = cleo.query(By::Css(".became a")).wait(Duration::from_secs(8), Duration::from_millis(100));
        became.first().await?;
        let text = cleo.find(By::Tag("main")).await?.text().await?;
        assert!(text.contains("This became a shirt!") && !text.contains(ben_idea), "{text}");

        // Cleo, a voter, follows it to the shirt and buys it.
        cleo.query(By::Css(".became a")).first().await?.click().await?;
        let credit = cleo.find(By::Css(".credit")).await?.text().await?;
        assert!(credit.contains("voted by 3 fans"), "{credit}");
        cleo.find(By::Id("buy")).await?.click().await?;
        fill_address(&cleo, ["cleo@example.com", "Cleo Fan", "1 Main St", "10001", "New York"]).await?;
        cleo.find(By::Id("pay")).await?.click().await?;
        cleo.query(By::Css("h1.slogan")).with_text("Thank you!").first().await?;
        WebDriverResult::Ok(())
    }
    .await;
    for web in [ana, ben, cleo] {
        web.quit().await.ok();
    }
    result.unwrap();
}

/// Sends an idea from the call's page (a form post; the page comes back).
async fn send(web: &WebDriver, idea: &str) -> WebDriverResult<()> {
    web.find(By::Id("idea")).await?.send_keys(idea).await?;
    web.find(By::Css(".idea-form button[type=submit]")).await?.click().await?;
    web.query(By::Css(".banner.success")).first().await?;
    Ok(())
}

/// Clicks the vote button of the `n`th idea on the board (the page comes back).
async fn vote(web: &WebDriver, n: usize) -> WebDriverResult<()> {
    let ideas = web.find_all(By::Css("ol.ideas > li")).await?;
    // "Vote for this" (a fan who voted sees "Take my vote back" instead).
    let button = ideas[n].find(By::Css("form[action$='/vote'] button.primary")).await?;
    button.scroll_into_view().await?;
    button.click().await?;
    // The old page is gone once the board comes back.
    button.wait_until().stale().await?;
    web.query(By::Css("ol.ideas")).first().await?;
    Ok(())
}

/// Where the idea reading `text` is on the board.
async fn board_index(web: &WebDriver, text: &str) -> WebDriverResult<usize> {
    let board = until_board(web, |_| true, 1).await?;
    Ok(board.iter().position(|idea| idea.contains(text)).expect("the idea on the board"))
}

/// The board's ideas (their text, in order), once `wanted` holds (or after `secs`).
async fn until_board(web: &WebDriver, wanted: impl Fn(&[String]) -> bool, secs: u64) -> WebDriverResult<Vec<String>> {
    let mut board = Vec::new();
    for _ in 0..secs * 10 {
        board = web
            .execute("return [...document.querySelectorAll('ol.ideas > li')].map((li) => li.innerText)", vec![])
            .await?
            .convert()?;
        if !board.is_empty() && wanted(&board) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(board)
}

#[tokio::test]
async fn an_artist_connects_stripe_from_the_dashboard_and_the_storefront_opens() {
    let Some(driver) = start_driver() else { return };
    let standin = common::stripe_standin::StripeStandIn::start().await;
    let uri = standin.uri();
    let app = TestApp::spawn_with(move |s| {
        common::use_stripe(s, uri);
        if let Some(stripe) = s.stripe.as_mut() {
            stripe.connect = Some(popshop::domain::Fee { basis_points: 500, fixed_minor: 30 });
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
        shoot(&web, "payouts-not-connected-phone", 390, 844).await;
        if let Some(axe) = &axe {
            let found = axe_violations(&web, axe).await?;
            assert!(found.is_empty(), "axe on the payouts page: {found:?}");
        }
        // Stripe's hosted onboarding (the stand-in finishes it at once) sends the artist back.
        web.find(By::LinkText("Connect with Stripe")).await?.click().await?;
        let badge = web.query(By::Css(".payout-status .badge")).first().await?.text().await?;
        let status = web.find(By::Css(".payout-status")).await?.text().await?;
        assert!(badge == "Taking payments" && status.contains("Stripe pays them out to your bank"), "{status}");
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

#[tokio::test]
async fn a_sold_out_drop_opens_a_second_wave_and_an_open_storefront_comes_back_live() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    app.sign_up("wave@example.com", "correct horse battery").await;
    let res = app.launch_with(&[("slogan", "Ride the second wave"), ("stock", "1"), ("colours", "black")]).await;
    let drop_id = common::location(&res).trim_start_matches("/dashboard/drops/").split('?').next().unwrap().to_owned();
    sell(&app, "ride-the-second-wave", 1).await;
    let web = browser(&driver).await;
    let result = async {
        web.set_window_rect(0, 0, 390, 844).await?;
        // A fan's tab stays open on the sold-out storefront.
        web.goto(app.url("/d/ride-the-second-wave")).await?;
        assert!(web.find(By::Css(".state-sold-out")).await.is_ok());
        let fan_tab = web.window().await?;
        // The artist, in another tab, opens a second wave from the drop's page.
        let artist_tab = web.new_tab().await?;
        web.switch_to_window(artist_tab).await?;
        web.goto(app.url(&format!("/login?next=/dashboard/drops/{drop_id}"))).await?;
        web.find(By::Id("email")).await?.send_keys("wave@example.com").await?;
        web.find(By::Id("password")).await?.send_keys("correct horse battery").await?;
        web.find(By::Css("form button[type=submit].primary")).await?.click().await?;
        let more = web.query(By::Id("add_stock")).first().await?;
        more.scroll_into_view().await?;
        more.send_keys("2").await?;
        web.find(By::Id("price")).await?.send_keys("oops").await?;
        web.find(By::Css("#reopen button[type=submit]")).await?.click().await?;
        // A mistake comes back beside its field, the rest kept.
        let error = web.query(By::Id("price-error")).first().await?.text().await?;
        assert!(!error.is_empty());
        assert_eq!(web.find(By::Id("add_stock")).await?.prop("value").await?.as_deref(), Some("2"));
        web.find(By::Id("price")).await?.clear().await?;
        web.find(By::Id("price")).await?.send_keys("30").await?;
        web.find(By::Css("#reopen button[type=submit]")).await?.click().await?;
        let banner = web.query(By::Css(".banner.success")).first().await?.text().await?;
        assert!(banner.contains("Wave 2 is live"), "{banner}");
        shoot(&web, "second-wave-artist-phone", 390, 844).await;
        // The fan's tab comes back live by itself, at the new price.
        web.switch_to_window(fan_tab).await?;
        let buy = web.query(By::Id("buy")).wait(Duration::from_secs(10), Duration::from_millis(200)).first().await?;
        assert!(buy.text().await?.contains("$30.00"));
        WebDriverResult::Ok(())
    }
    .await;
    web.quit().await.ok();
    result.unwrap();
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
        // A typo first: the message sits beside the field, the code stays.
        field.send_keys("fridya").await?;
        web.find(By::Css("button[name=apply]")).await?.click().await?;
        let error = web.query(By::Id("code-error")).first().await?.text().await?;
        assert!(error.contains("doesn't work here"), "{error}");
        let field = web.find(By::Id("code")).await?;
        field.clear().await?;
        // Enter in the field applies it (the form's first button).
        field.send_keys("friday\u{E007}").await?;
        let note = web.query(By::Id("code-note")).first().await?.text().await?;
        assert!(note.contains("$20.00 a shirt instead of $25.00"), "{note}");
        assert!(web.find(By::Id("buy")).await?.text().await?.contains("$20.00"), "the button says what it costs");
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
