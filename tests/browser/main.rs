//! Browser tests in headless Chromium (Debian's `chromium` + `chromium-driver`),
//! driven over WebDriver. Screenshots go to `target/screenshots/` and their
//! paths are printed, so pages can be checked by eye.

#[path = "../common/mod.rs"]
mod common;

mod accounts;
mod buy;
mod calls;
mod connect;
mod launch;
mod live;
mod looks;
mod merch;
mod moderation;
mod production;
mod quality;

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
        // chromedriver waits about a minute on a navigation away from a page
        // the browser keeps in its back/forward cache (the stream overlay,
        // whose page holds no lock): the tests go forward only.
        "--disable-features=BackForwardCache",
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

/// Fills in the demo checkout's address form (the shop's own country).
async fn fill_address(web: &WebDriver, [email, name, line1, postal_code, city]: [&str; 5]) -> WebDriverResult<()> {
    for (id, value) in
        [("email", email), ("name", name), ("line1", line1), ("postal_code", postal_code), ("city", city)]
    {
        web.find(By::Id(id)).await?.send_keys(value).await?;
    }
    Ok(())
}

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

/// Streams 127.0.0.1 holds open on `app`, once it has held `n` for a moment
/// (waits up to `secs`).
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
