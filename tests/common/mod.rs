//! The test harness shared by the API and browser suites: the real server on
//! port 0 with a fresh database per test — a SQLite file in a temp dir, or a
//! new PostgreSQL database when `POPSHOP_TEST_BACKEND=postgres`.
#![allow(dead_code)]

pub mod printful_spec;
pub mod printful_standin;
pub mod stripe_spec;
pub mod stripe_standin;

use popshop::config::{LogFormat, Settings};
use popshop::startup::Application;
use popshop::state::AppState;
use sqlx::Connection;
use std::sync::Arc;

/// True under CI, where a missing browser or database must fail, never skip.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

pub struct TestApp {
    pub address: String,
    pub port: u16,
    pub client: reqwest::Client,
    pub state: actix_web::web::Data<AppState>,
    /// Which database this app runs on: "sqlite" or "postgres".
    pub backend: &'static str,
    pub database_url: String,
    pub dir: tempfile::TempDir,
    /// The test's PostgreSQL database, shared by its siblings and shells.
    pub database: Option<Arc<Database>>,
    /// The port of `POPSHOP_METRICS_ADDR`, when the test set one.
    pub metrics_port: Option<u16>,
}

/// The text of every element matching the CSS selector `css` in `html`,
/// trimmed: tests read numbers on a page the way a browser finds them,
/// not by searching the markup.
pub fn texts(html: &str, css: &str) -> Vec<String> {
    let selector = scraper::Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e}"));
    scraper::Html::parse_document(html)
        .select(&selector)
        .map(|e| e.text().collect::<String>().trim().to_owned())
        .collect()
}

/// The text of the first element matching `css` (panics when none does).
pub fn text(html: &str, css: &str) -> String {
    texts(html, css).into_iter().next().unwrap_or_else(|| panic!("nothing on the page matches {css}"))
}

/// A fresh database for one test: a SQLite file in `dir`, or, with
/// `POPSHOP_TEST_BACKEND=postgres`, a PostgreSQL database cloned from one
/// migrated template (crates.io's habit: `CREATE DATABASE … TEMPLATE` copies
/// files instead of running every migration again), dropped when the test's
/// last app lets go of it.
async fn fresh_database(dir: &std::path::Path) -> (String, &'static str, Option<Arc<Database>>) {
    let wants_pg = std::env::var("POPSHOP_TEST_BACKEND").is_ok_and(|b| b == "postgres");
    let sqlite = || (format!("sqlite://{}?mode=rwc", dir.join("popshop.db").display()), "sqlite", None);
    if !wants_pg {
        return sqlite();
    }
    let Ok(admin_url) = std::env::var("POPSHOP_TEST_PG_URL") else {
        assert!(!in_ci(), "POPSHOP_TEST_BACKEND=postgres under CI but POPSHOP_TEST_PG_URL is not set");
        eprintln!("SKIPPING POSTGRES: POPSHOP_TEST_PG_URL is not set; this test runs on SQLite instead");
        return sqlite();
    };
    let template = migrated_template(&admin_url).await;
    let name = format!("popshop_test_{}", uuid::Uuid::new_v4().simple());
    let mut admin = sqlx::PgConnection::connect(&admin_url).await.expect("connect to the test PostgreSQL server");
    sqlx::query(&format!("CREATE DATABASE {name} TEMPLATE {template}"))
        .execute(&mut admin)
        .await
        .expect("create test database");
    let url = database_url(&admin_url, &name);
    (url, "postgres", Some(Arc::new(Database { admin_url, name })))
}

/// `admin_url` with its database replaced by `name`.
fn database_url(admin_url: &str, name: &str) -> String {
    let base = admin_url.rsplit_once('/').map(|(base, _)| base).unwrap_or(admin_url);
    format!("{base}/{name}")
}

/// The template every PostgreSQL test database is cloned from: created and
/// migrated once per test process (popshop's own migrations, through the
/// store), with no connection left open (a template must have none).
async fn migrated_template(admin_url: &str) -> String {
    static TEMPLATE: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    TEMPLATE
        .get_or_init(|| async {
            let name = format!("popshop_template_{}", uuid::Uuid::new_v4().simple());
            let mut admin =
                sqlx::PgConnection::connect(admin_url).await.expect("connect to the test PostgreSQL server");
            sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut admin).await.expect("create template");
            let store = popshop::store::Store::connect(&database_url(admin_url, &name), 1).await.expect("migrate");
            store.close().await;
            name
        })
        .await
        .clone()
}

/// A test's PostgreSQL database, dropped (its connections ended) when the
/// last app on it is gone.
pub struct Database {
    admin_url: String,
    name: String,
}

impl Drop for Database {
    fn drop(&mut self) {
        let (admin_url, name) = (self.admin_url.clone(), self.name.clone());
        // Drop runs inside the test's runtime: a thread of its own may block.
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().ok()?;
            runtime.block_on(async {
                let mut admin = sqlx::PgConnection::connect(&admin_url).await.ok()?;
                sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut admin).await.ok()
            })
        });
        let _ = dropped.join();
    }
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with(|_| {}).await
    }

    /// Spawns with settings adjusted by `configure` (Stripe stub, limits…).
    pub async fn spawn_with(configure: impl FnOnce(&mut Settings)) -> Self {
        if std::env::var("TEST_LOG").is_ok() {
            popshop::telemetry::init(LogFormat::Pretty);
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let (database_url, backend, database) = fresh_database(dir.path()).await;
        Self { database, ..Self::start(database_url, backend, dir, configure).await }
    }

    /// A second instance of popshop on the same database (several instances
    /// behind a load balancer).
    pub async fn spawn_sibling(&self) -> Self {
        self.spawn_sibling_with(|_| {}).await
    }

    /// A popshop on the database at `database_url` (a restored copy).
    pub async fn spawn_sibling_url(database_url: String) -> Self {
        let backend = if database_url.starts_with("postgres") { "postgres" } else { "sqlite" };
        Self::start(database_url, backend, tempfile::tempdir().expect("temp dir"), |_| {}).await
    }

    /// [`Self::spawn_sibling`] with adjusted settings.
    pub async fn spawn_sibling_with(&self, configure: impl FnOnce(&mut Settings)) -> Self {
        let sibling =
            Self::start(self.database_url.clone(), self.backend, tempfile::tempdir().expect("temp dir"), configure)
                .await;
        Self { database: self.database.clone(), ..sibling }
    }

    async fn start(
        database_url: String,
        backend: &'static str,
        dir: tempfile::TempDir,
        configure: impl FnOnce(&mut Settings),
    ) -> Self {
        let mut settings = Settings {
            addr: "127.0.0.1:0".into(),
            database_url: database_url.clone(),
            db_max_connections: 8,
            // Limits are off unless a test is about them (tests share one address).
            checkout_rate_per_minute: 0,
            holds_per_client: 1_000_000,
            hold_share_percent: 0,
            signup_rate_per_hour: 0,
            code_try_rate_per_minute: 0,
            voters_per_address: 0,
            stripe_read_seconds: 0,
            launch_rate_per_hour: 0,
            // Each test's mail in its own folder (PostgreSQL has no file to sit beside).
            mail_dir: Some(dir.path().join("mail")),
            ..Settings::defaults()
        };
        configure(&mut settings);
        let app = Application::build(settings).await.expect("build app");
        let port = app.port();
        let metrics_port = app.metrics_port();
        let address = app.public_url().to_owned();
        let state = app.state();
        tokio::spawn(app.run_until_stopped());
        let client = test_client();
        Self { address, port, client, state, backend, database_url, dir, database: None, metrics_port }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("GET")
    }

    /// `path` as a new visitor sees it (no cookies).
    pub async fn other_visitor_html(&self, path: &str) -> (u16, String) {
        let res = self.other_visitor().get(self.url(path)).send().await.expect("GET");
        let status = res.status().as_u16();
        (status, res.text().await.unwrap())
    }

    pub async fn get_html(&self, path: &str) -> (u16, String) {
        let res = self.get(path).await;
        let status = res.status().as_u16();
        (status, res.text().await.unwrap())
    }

    /// The visitor's CSRF token, from a form page (creates the cookie on first call).
    pub async fn csrf(&self) -> String {
        let (_, html) = self.get_html("/login").await;
        extract_csrf(&html)
    }

    /// POSTs a form with the visitor's CSRF token added.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let token = self.csrf().await;
        let mut all: Vec<(&str, &str)> = vec![("csrf", &token)];
        all.extend_from_slice(fields);
        self.client.post(self.url(path)).form(&all).send().await.expect("POST")
    }

    pub async fn sign_up(&self, email: &str, password: &str) -> reqwest::Response {
        self.post_form("/signup", &[("email", email), ("password", password)]).await
    }

    /// Makes a promo code on `drop_id` from the dashboard's form (`code`,
    /// `kind`, `value`, …); it must be taken.
    pub async fn make_code(&self, drop_id: &str, fields: &[(&str, &str)]) {
        let res = self.post_form(&format!("/dashboard/drops/{drop_id}/promo-codes"), fields).await;
        assert_eq!(res.status().as_u16(), 303, "code made: {}", res.text().await.unwrap_or_default());
    }

    /// Submits the create form: sensible defaults, overridden by `fields`.
    pub async fn launch_with(&self, fields: &[(&str, &str)]) -> reqwest::Response {
        let defaults = [
            ("slogan", "Be a Friday Night Loser with me"),
            ("artist_name", "The Losers"),
            ("price", "25.00"),
            ("currency", "usd"),
            ("theme", "auto"),
            ("action", "launch"),
        ];
        let mut all: Vec<(&str, &str)> =
            defaults.iter().filter(|(k, _)| !fields.iter().any(|(f, _)| f == k)).copied().collect();
        if !fields.iter().any(|(k, _)| *k == "sizes") {
            all.extend([("sizes", "S"), ("sizes", "M"), ("sizes", "L")]);
        }
        if !fields.iter().any(|(k, _)| *k == "colours") {
            all.push(("colours", "black"));
        }
        all.extend_from_slice(fields);
        self.post_form("/", &all).await
    }

    /// Signs up a new artist and launches a drop; returns (drop id, slug).
    pub async fn launch(&self, slogan: &str) -> (String, String) {
        self.launch_as(&format!("artist-{}@example.com", uuid::Uuid::new_v4().simple()), slogan, false).await
    }

    /// [`Self::launch`] by an artist who confirmed their address (payouts
    /// and the artist's mail wait for that).
    pub async fn launch_confirmed(&self, slogan: &str) -> (String, String) {
        self.launch_as(&format!("artist-{}@example.com", uuid::Uuid::new_v4().simple()), slogan, true).await
    }

    /// [`Self::launch`] as `email`, confirmed first or not.
    pub async fn launch_as(&self, email: &str, slogan: &str, confirmed: bool) -> (String, String) {
        let res = self.sign_up(email, "correct horse battery").await;
        assert_eq!(res.status().as_u16(), 303, "sign-up failed");
        if confirmed {
            self.confirm_email(email).await;
        }
        let res = self.launch_with(&[("slogan", slogan)]).await;
        assert_eq!(res.status().as_u16(), 303, "launch failed: {}", res.text().await.unwrap_or_default());
        let location = res.headers()["location"].to_str().unwrap().to_owned();
        let id = location.trim_start_matches("/dashboard/drops/").split('?').next().unwrap().to_owned();
        let drop = self.state.store.drop_by_id(&id).await.unwrap().expect("drop saved");
        (id, drop.slug.to_string())
    }

    /// The mail this app wrote (its `.eml` folder), parsed: (to, subject,
    /// plain text), oldest first by file name.
    pub fn mails(&self) -> Vec<(String, String, String)> {
        eml_in(&self.dir.path().join("mail"))
            .iter()
            .filter_map(|p| std::fs::read(p).ok())
            .filter_map(|raw| {
                let mail = mail_parser::MessageParser::default().parse(&raw)?;
                let to = mail.to()?.first()?.address()?.to_owned();
                Some((to, mail.subject()?.to_owned(), mail.body_text(0)?.into_owned()))
            })
            .collect()
    }

    /// The plain text of the mail to `to` whose subject holds `subject`,
    /// once it is written (waits up to 10 s).
    pub async fn mail_to(&self, to: &str, subject: &str) -> String {
        for _ in 0..200 {
            if let Some((_, _, text)) = self.mails().into_iter().find(|(t, s, _)| t == to && s.contains(subject)) {
                return text;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("no mail to {to} about {subject:?}; mail so far: {:?}", self.mails());
    }

    /// The link under `prefix` (`/password/reset/`) in the mail to `to`
    /// whose subject holds `subject`, as an absolute URL.
    pub async fn mail_link(&self, to: &str, subject: &str, prefix: &str) -> String {
        let text = self.mail_to(to, subject).await;
        let start = format!("{}{prefix}", self.address);
        text.split_whitespace()
            .find(|w| w.starts_with(&start))
            .unwrap_or_else(|| panic!("no {start}… link in:\n{text}"))
            .to_owned()
    }

    /// Follows the confirmation link mailed to `email` at sign-up, as its
    /// owner would (the page, then its button).
    pub async fn confirm_email(&self, email: &str) {
        let link = self.mail_link(email, "Confirm your email", "/account/confirm/").await;
        let path = link.trim_start_matches(&self.address).to_owned();
        let res = self.post_form(&path, &[]).await;
        assert_eq!(res.status().as_u16(), 200, "confirming {email}");
    }

    /// Another handle on the same running server (no temp dir of its own to
    /// keep alive: `app` owns it), for a second client.
    pub fn spawn_shell(app: &TestApp) -> Self {
        Self {
            address: app.address.clone(),
            port: app.port,
            client: app.other_visitor(),
            state: app.state.clone(),
            backend: app.backend,
            database_url: app.database_url.clone(),
            dir: tempfile::tempdir().expect("temp dir"),
            database: app.database.clone(),
            metrics_port: app.metrics_port,
        }
    }

    /// The same server seen from a new browser (no cookies).
    pub fn into_new_visitor(self) -> Self {
        Self { client: self.other_visitor(), ..self }
    }

    /// A second browser: its own cookies, same server.
    pub fn other_visitor(&self) -> reqwest::Client {
        test_client()
    }
}

pub fn extract_csrf(html: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    let start = html.find(marker).expect("page has a CSRF field") + marker.len();
    html[start..start + 64].to_owned()
}

impl TestApp {
    /// Starts a checkout as the current visitor: POST /d/{slug}/checkout.
    pub async fn buy(&self, slug: &str, size: &str, colour: &str, quantity: u32) -> reqwest::Response {
        self.buy_from(slug, size, colour, quantity, None).await
    }

    /// [`Self::buy`] from the client a trusted proxy names in `X-Forwarded-For`.
    pub async fn buy_from(
        &self,
        slug: &str,
        size: &str,
        colour: &str,
        quantity: u32,
        forwarded_for: Option<&str>,
    ) -> reqwest::Response {
        // As a browser posts the storefront's form: with its page's Origin
        // (the storefront carries no token).
        let quantity = quantity.to_string();
        let mut req = self
            .client
            .post(self.url(&format!("/d/{slug}/checkout")))
            .header("origin", &self.address)
            .form(&[("size", size), ("colour", colour), ("quantity", quantity.as_str())]);
        if let Some(client) = forwarded_for {
            req = req.header("x-forwarded-for", client);
        }
        req.send().await.expect("POST checkout")
    }

    /// Pays a demo checkout at `location` (/demo-checkout/…) with a test address.
    pub async fn pay_demo(&self, location: &str) -> reqwest::Response {
        self.pay_demo_as(location, "fan@example.com").await
    }

    /// [`Self::pay_demo`] with the fan's own `email`.
    pub async fn pay_demo_as(&self, location: &str, email: &str) -> reqwest::Response {
        let (status, html) = self.get_html(location).await;
        assert_eq!(status, 200, "demo checkout page");
        let token = extract_csrf(&html);
        self.client
            .post(self.url(location))
            .form(&[
                ("csrf", token.as_str()),
                ("action", "pay"),
                ("email", email),
                ("name", "Fán Ünïcode"),
                ("line1", "1 Main St"),
                ("postal_code", "10001"),
                ("city", "New York"),
                ("country", "US"),
            ])
            .send()
            .await
            .expect("POST demo pay")
    }

    pub async fn drop_by_slug(&self, slug: &str) -> popshop::domain::Drop {
        let slug = popshop::domain::DropSlug::parse(slug).unwrap();
        self.state.store.drop_by_slug(&slug).await.unwrap().expect("drop exists")
    }
}

/// Settings for a popshop that takes payments through `standin` (Stripe's
/// rules, enforced).
pub fn use_stripe(settings: &mut Settings, api_base: String) {
    settings.stripe = Some(popshop::config::StripeSettings {
        secret_key: secrecy::SecretString::from("sk_test_popshop"),
        webhook_secret: secrecy::SecretString::from("whsec_test_popshop"),
        api_base: Some(api_base),
        timeout: std::time::Duration::from_secs(5),
        max_attempts: 3,
        backoff: std::time::Duration::from_millis(20),
        connect: None,
        connect_webhook_secret: None,
    });
    settings.shipping_countries = vec!["US".into(), "DE".into()];
}

pub fn location(res: &reqwest::Response) -> String {
    res.headers().get("location").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default()
}

/// A real SMTP server (Python's aiosmtpd, `scripts/smtp-server.py`) on a
/// port of its own, keeping what it accepts in `inbox`; killed on drop.
pub struct SmtpServer {
    pub port: u16,
    pub inbox: std::path::PathBuf,
    child: Option<std::process::Child>,
    _dir: tempfile::TempDir,
}

impl SmtpServer {
    const PYTHON: &'static str = concat!(env!("CARGO_MANIFEST_DIR"), "/target/smtp-venv/bin/python");
    const SCRIPT: &'static str = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/smtp-server.py");

    /// A port and an inbox, the server not started yet (a mail server that
    /// is down); `None` outside CI when aiosmtpd is missing.
    pub fn reserve() -> Option<Self> {
        if !std::path::Path::new(Self::PYTHON).exists() {
            assert!(!in_ci(), "aiosmtpd missing under CI=true: run scripts/ensure-smtp");
            eprintln!("SKIPPING SMTP TEST: aiosmtpd missing (scripts/ensure-smtp installs it)");
            return None;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let dir = tempfile::tempdir().unwrap();
        Some(Self { port, inbox: dir.path().join("inbox"), child: None, _dir: dir })
    }

    /// A running server.
    pub async fn start() -> Option<Self> {
        let mut server = Self::reserve()?;
        server.up().await;
        Some(server)
    }

    /// Starts the server (again), once it listens.
    pub async fn up(&mut self) {
        use std::io::BufRead;
        let mut child = std::process::Command::new(Self::PYTHON)
            .args([Self::SCRIPT, "--port", &self.port.to_string(), "--dir"])
            .arg(&self.inbox)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("start the SMTP server");
        let stdout = child.stdout.take().unwrap();
        let ready = tokio::task::spawn_blocking(move || {
            std::io::BufReader::new(stdout).lines().next().and_then(Result::ok).unwrap_or_default()
        });
        assert_eq!(ready.await.unwrap(), "ready", "the SMTP server listens");
        self.child = Some(child);
    }

    /// `smtp://127.0.0.1:PORT`, for `POPSHOP_SMTP_URL`.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// The messages received, once there are `n` (waits up to `secs`).
    pub async fn received(&self, n: usize, secs: u64) -> Vec<Vec<u8>> {
        eml_files(&self.inbox, n, secs).await
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// The `.eml` files in `dir` (an app's mail folder, an SMTP server's inbox),
/// sorted by name.
pub fn eml_in(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "eml")).collect())
        .unwrap_or_default();
    files.sort();
    files
}

/// The messages in `dir`, once there are `n` (waits up to `secs`).
pub async fn eml_files(dir: &std::path::Path, n: usize, secs: u64) -> Vec<Vec<u8>> {
    for _ in 0..secs * 20 {
        let files = eml_in(dir);
        if files.len() >= n {
            return files.iter().map(|p| std::fs::read(p).unwrap()).collect();
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("fewer than {n} messages arrived in {} in {secs} s", dir.display());
}

/// The tests' HTTP client: no redirects followed, cookies kept, and idle
/// connections dropped after 2 s, before the server's 5 s keep-alive closes
/// them (a request sent on a connection the server is closing that moment
/// fails with "connection reset" on a busy machine).
pub fn test_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .pool_idle_timeout(std::time::Duration::from_secs(2))
        .build()
        .unwrap()
}
