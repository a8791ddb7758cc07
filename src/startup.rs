//! Building the application in three steps: the components (fonts,
//! database, payments, caches, limits), the background tasks (the sweeper,
//! the live coalescer, LISTEN, the limits' janitor), then the server
//! (`crate::server`). The listener is bound first, so callers (tests) learn
//! the port before the server runs.

use crate::auth::password::Passwords;
use crate::config::Settings;
use crate::design::{DesignEngine, Theme};
use crate::domain::ShirtColour;
use crate::live::Live;
use crate::payments::Payments;
use crate::payments::demo::DemoProvider;
use crate::payments::stripe::StripeProvider;
use crate::routes::assets::StaticFiles;
use crate::sales::Sales;
use crate::shop::Shop;
use crate::state::AppState;
use crate::store::{Backend, Store, redact};
use crate::web::Limits;
use crate::web::error::NOT_FOUND_MOCKUP;
use actix_web::dev::Server;
use actix_web::web;
use anyhow::Context;
use std::net::TcpListener;
use std::sync::Arc;

pub struct Application {
    port: u16,
    public_url: String,
    server: Server,
    state: web::Data<AppState>,
    /// Sweeper, janitor and LISTEN tasks, stopped when the server stops.
    background: Vec<tokio::task::JoinHandle<()>>,
    /// While it serves a SQLite file, `popshop restore` cannot replace it.
    _serving: Option<crate::store::backup::ServingLock>,
    /// `POPSHOP_METRICS_ADDR`'s own server, stopped with the shop's.
    metrics: Option<(u16, actix_web::dev::ServerHandle)>,
}

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        settings.check()?;
        let serving = crate::store::backup::serving_lock(&settings.database_url)?;
        // The recorder goes in before anything is counted.
        crate::telemetry::prometheus();
        let listener =
            TcpListener::bind(&settings.addr).with_context(|| format!("cannot listen on {}", settings.addr))?;
        let port = listener.local_addr()?.port();
        let (state, static_files) = components(settings, &listener).await?;
        let background = spawn_background(&state)?;
        let public_url = state.settings.base_url().to_owned();
        let server = crate::server::serve(listener, state.clone(), static_files)?;
        let metrics = match &state.settings.metrics_addr {
            Some(addr) => Some(serve_metrics(addr, state.clone())?),
            None => None,
        };
        Ok(Self { port, public_url, server, state, background, _serving: serving, metrics })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The port `POPSHOP_METRICS_ADDR` was bound to, when it is set.
    pub fn metrics_port(&self) -> Option<u16> {
        self.metrics.as_ref().map(|(port, _)| *port)
    }

    pub fn public_url(&self) -> &str {
        &self.public_url
    }

    pub fn state(&self) -> web::Data<AppState> {
        self.state.clone()
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let result = self.server.await;
        if let Some((_, metrics)) = &self.metrics {
            metrics.stop(false).await;
        }
        // Stop the LISTEN task before the runtime goes away (a PgListener
        // dropped during runtime shutdown can panic).
        for task in &self.background {
            task.abort();
        }
        result
    }
}

/// The static files under `dir` with the generated font rules, read and
/// compressed once per process and directory: they are deployed with the
/// binary and do not change while it runs, and brotli at its best setting
/// over every file was half of an app's start (a test process starts
/// hundreds of apps).
fn static_files(dir: &std::path::Path, design: &DesignEngine) -> std::io::Result<web::Data<StaticFiles>> {
    static LOADED: std::sync::Mutex<Vec<(std::path::PathBuf, web::Data<StaticFiles>)>> =
        std::sync::Mutex::new(Vec::new());
    let mut loaded = crate::sync::lock(&LOADED);
    if let Some((_, files)) = loaded.iter().find(|(d, _)| d == dir) {
        return Ok(files.clone());
    }
    let files = web::Data::new(StaticFiles::load(dir, |url_of| {
        let fonts = design.fonts();
        vec![
            (crate::routes::assets::FONTS_CSS, fonts.font_face_css(true, url_of)),
            (crate::routes::assets::STOREFRONT_FONTS_CSS, fonts.font_face_css(false, url_of)),
        ]
    })?);
    loaded.push((dir.to_owned(), files.clone()));
    Ok(files)
}

/// Step one: everything the handlers and tasks use, built once.
async fn components(
    mut settings: Settings,
    listener: &TcpListener,
) -> anyhow::Result<(web::Data<AppState>, web::Data<StaticFiles>)> {
    let fonts_dir = settings.static_dir.join("fonts");
    let design = DesignEngine::load(&fonts_dir)
        .with_context(|| format!("cannot load the bundled fonts from {}", fonts_dir.display()))?;
    let store = Store::connect(&settings.database_url, settings.db_max_connections).await?;
    tracing::info!(database = %redact(&settings.database_url), "database ready");

    let bound = listener.local_addr()?;
    if settings.public_url.is_none() {
        let host = if bound.ip().is_unspecified() { "localhost".to_owned() } else { bound.ip().to_string() };
        settings.public_url = Some(format!("http://{host}:{}", bound.port()));
    }

    // Drawn once per process (a test process starts hundreds of apps).
    NOT_FOUND_MOCKUP.get_or_init(|| {
        design.mockup(
            "404: this shirt does not exist",
            Theme::by_key("zine").unwrap_or(&crate::design::THEMES[0]),
            ShirtColour::PALETTE[0],
            "notfound",
        )
    });
    let static_files = static_files(&settings.static_dir, &design)
        .with_context(|| format!("cannot read the static files in {}", settings.static_dir.display()))?;
    let payments = match &settings.stripe {
        Some(stripe) => {
            Payments::Stripe(Box::new(StripeProvider::new(stripe.clone(), settings.shipping_countries.clone())?))
        }
        None => Payments::Demo(DemoProvider::default()),
    };
    tracing::info!(provider = payments.name(), "payments ready");
    // The store tells the caches and the live viewers about every commit.
    let shop = Shop::new(store.clone(), design.clone());
    let live = Live::default();
    store.on_change(live.hub.clone());
    let limits = Arc::new(Limits::new(&settings));
    let sales = Sales {
        store: store.clone(),
        payments: Arc::new(payments),
        limits: limits.clone(),
        rules: crate::sales::Rules::of(&settings),
    };
    let printing = crate::fulfilment::files::Printing {
        files: crate::fulfilment::files::PrintFiles {
            base_url: settings.base_url().to_owned(),
            key: store.signing_key().to_vec(),
        },
        cache: Default::default(),
        printful: settings.printful.as_ref().map(crate::fulfilment::printful::Printful::new).transpose()?,
    };
    if printing.printful.is_some() {
        tracing::info!(delay_minutes = settings.production_delay.as_secs() / 60, "Printful prints new drops");
    }
    let state = web::Data::new(AppState {
        printing,
        shop,
        limits,
        passwords: Passwords::new(settings.hash_slots),
        sales,
        live,
        store,
        design,
        settings,
    });
    Ok((state, static_files))
}

/// `/metrics` alone on `addr` (a private address for the scraper): one
/// worker, no token asked.
fn serve_metrics(addr: &str, state: web::Data<AppState>) -> anyhow::Result<(u16, actix_web::dev::ServerHandle)> {
    let listener = TcpListener::bind(addr).with_context(|| format!("cannot listen on POPSHOP_METRICS_ADDR {addr}"))?;
    let port = listener.local_addr()?.port();
    let server = actix_web::HttpServer::new(move || {
        actix_web::App::new().app_data(state.clone()).route("/metrics", web::get().to(crate::routes::metrics::scrape))
    })
    .workers(1)
    .disable_signals()
    .listen(listener)?
    .run();
    let handle = server.handle();
    tokio::spawn(server);
    tracing::info!(%addr, "metrics are served at /metrics");
    Ok((port, handle))
}

/// Step two: the tasks that run beside the server.
fn spawn_background(state: &web::Data<AppState>) -> anyhow::Result<Vec<tokio::task::JoinHandle<()>>> {
    let mut background = vec![
        tokio::spawn(crate::sales::sweep::run(state.sales.clone())),
        tokio::spawn(crate::live::coalesce(state.live.hub.clone(), state.store.clone())),
        tokio::spawn(janitor(state.clone())),
    ];
    let mailer = crate::mail::Mailer::new(&state.settings, &state.store)?;
    if state.settings.mail_sender {
        background.push(tokio::spawn(crate::mail::run(mailer)));
    } else {
        tracing::info!("this instance sends no mail (POPSHOP_MAIL_SENDER=off); it waits in the outbox");
    }
    if let (Some(printful), Some(settings)) = (&state.printing.printful, &state.settings.printful) {
        let orders = crate::fulfilment::printer::PrintOrders {
            store: state.store.clone(),
            printful: printful.clone(),
            catalog: crate::fulfilment::printful::Catalog::bundled(),
            files: state.printing.files.clone(),
            delay: state.settings.production_delay,
            poll: settings.poll,
            retry: settings.retry,
            quiet_until: Default::default(),
        };
        background.push(tokio::spawn(orders.run()));
    }
    if state.store.backend() == Backend::Postgres {
        background.push(tokio::spawn(state.store.clone().listen(state.settings.database_url.clone())));
    }
    Ok(background)
}

/// Forgets clients no limit needs to remember any more (bounded memory),
/// every sweep interval.
async fn janitor(state: web::Data<AppState>) {
    let mut tick = tokio::time::interval(state.settings.sweep_interval);
    loop {
        tick.tick().await;
        state.limits.forget_idle();
        state.passwords.logins.forget_idle();
    }
}
