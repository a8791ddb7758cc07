//! Building the application: fonts, database, routes, middleware; binding the
//! listener first so callers (tests) learn the port before the server runs.

use crate::auth::csrf;
use crate::config::Settings;
use crate::design::{DesignEngine, Theme};
use crate::domain::ShirtColour;
use crate::door::Door;
use crate::error::{AppError, NOT_FOUND_MOCKUP};
use crate::payments::Payments;
use crate::payments::demo::DemoProvider;
use crate::payments::stripe::StripeProvider;
use crate::routes;
use crate::shop::Shop;
use crate::state::AppState;
use crate::store::{Backend, Store, redact};
use crate::web::headers::{REQUEST_ID, request_id, security_headers};
use actix_http::{HttpService, KeepAlive};
use actix_service::{
    IntoServiceFactory, Service, ServiceFactory, ServiceFactoryExt, fn_factory, fn_service, map_config,
};
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{AppConfig, Server, ServiceRequest, ServiceResponse};
use actix_web::http::{StatusCode, header};
use actix_web::middleware::{ErrorHandlerResponse, ErrorHandlers, Next, from_fn};
use actix_web::rt::net::TcpStream;
use actix_web::{App, web};
use anyhow::Context;
use std::net::TcpListener;
use std::rc::Rc;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tracing::Instrument;

/// Largest request body we read (forms are a few KiB).
pub const MAX_BODY_BYTES: usize = 64 * 1024;

pub struct Application {
    port: u16,
    public_url: String,
    server: Server,
    state: web::Data<AppState>,
    /// Sweeper and LISTEN tasks, stopped when the server stops.
    background: Vec<tokio::task::JoinHandle<()>>,
}

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        settings.check()?;
        let fonts_dir = settings.static_dir.join("fonts");
        let design = DesignEngine::load(&fonts_dir)
            .with_context(|| format!("cannot load the bundled fonts from {}", fonts_dir.display()))?;
        let store = Store::connect(&settings.database_url, settings.db_max_connections).await?;
        tracing::info!(database = %redact(&settings.database_url), "database ready");

        let listener =
            TcpListener::bind(&settings.addr).with_context(|| format!("cannot listen on {}", settings.addr))?;
        let bound = listener.local_addr()?;
        let port = bound.port();
        let public_url = settings.public_url.clone().unwrap_or_else(|| {
            let host = if bound.ip().is_unspecified() { "localhost".to_owned() } else { bound.ip().to_string() };
            format!("http://{host}:{port}")
        });

        let _ = NOT_FOUND_MOCKUP.set(design.mockup(
            "404: this shirt does not exist",
            Theme::by_key("zine").unwrap_or(&crate::design::THEMES[0]),
            ShirtColour::PALETTE[0],
            "notfound",
        ));
        let static_files = web::Data::new(
            routes::assets::StaticFiles::load(&settings.static_dir)
                .with_context(|| format!("cannot read the static files in {}", settings.static_dir.display()))?,
        );
        let payments = match &settings.stripe {
            Some(stripe) => {
                Payments::Stripe(Box::new(StripeProvider::new(stripe.clone(), settings.shipping_countries.clone())?))
            }
            None => Payments::Demo(DemoProvider::default()),
        };
        tracing::info!(provider = payments.name(), "payments ready");
        // The store tells the caches and the live viewers about every commit.
        let shop = Shop::new(store.clone(), design.clone());
        let hub = Arc::new(crate::live::Hub::default());
        store.on_change(hub.clone());
        let state = web::Data::new(AppState {
            shop,
            checkout_rate: crate::web::PerClientRate::per_minute(settings.checkout_rate_per_minute),
            signup_rate: crate::web::PerClientRate::per_hour(settings.signup_rate_per_hour),
            launch_rate: crate::web::PerClientRate::per_hour(settings.launch_rate_per_hour),
            preview_rate: crate::web::PerClientRate::per_minute(settings.preview_rate_per_minute),
            idea_rate: crate::web::PerClientRate::per_minute(settings.idea_rate_per_minute),
            vote_rate: crate::web::PerClientRate::per_minute(settings.vote_rate_per_minute),
            visit_rate: crate::web::PerClientRate::per_minute(crate::routes::shop::seen::VISITS_PER_MINUTE),
            preview_slots: crate::web::slots::Slots::new(2, Some(std::time::Duration::from_secs(2))),
            hasher: crate::auth::password::Hasher::new(settings.hash_slots),
            logins: Default::default(),
            reconcile_rate: crate::web::PerClientRate::one_per(std::time::Duration::from_secs(5)),
            payments,
            hub,
            streams: Default::default(),
            print_slots: crate::web::slots::Slots::new(crate::routes::dashboard::print::PRINT_RENDERS, None),
            store,
            design,
            settings,
            public_url: public_url.clone(),
        });
        let mut background = vec![
            tokio::spawn(crate::sales::sweep::run(state.clone())),
            tokio::spawn(crate::live::coalesce(state.hub.clone(), state.store.clone())),
        ];
        if state.store.backend() == Backend::Postgres {
            background.push(tokio::spawn(state.store.clone().listen(state.settings.database_url.clone())));
        }
        let app_state = state.clone();
        let https = state.settings.secure_cookies();
        let app = move || {
            App::new()
                .wrap(
                    ErrorHandlers::new()
                        .handler(StatusCode::PAYLOAD_TOO_LARGE, |res| replace_body(res, AppError::TooLarge))
                        .handler(StatusCode::BAD_REQUEST, |res| replace_body(res, AppError::BadRequest)),
                )
                .wrap(from_fn(envelope))
                .app_data(Envelope { https })
                .app_data(app_state.clone())
                .app_data(web::PayloadConfig::new(MAX_BODY_BYTES))
                .app_data(web::FormConfig::default().limit(MAX_BODY_BYTES))
                .app_data(static_files.clone())
                .configure(routes::configure)
        };
        let door_state = state.clone();
        // actix-web's own HTTP service (as `HttpServer` builds it, with its
        // default timeouts; only the host for requests without a `Host`
        // header differs, `AppConfig::default()`, which popshop never reads)
        // behind the door (`crate::door`), which serves a connection itself
        // when its first request is a live stream.
        let builder = Server::build();
        // Started by SIGTERM/SIGINT: idle keep-alive connections close and
        // live streams end at once (browsers reconnect, behind a proxy to
        // another instance), instead of holding the worker for its timeout.
        let shutdown = builder.graceful_shutdown_signal();
        let server = builder
            .listen("popshop", listener, move || {
                let on_shutdown = shutdown.clone();
                let http = HttpService::build()
                    .graceful_shutdown_signal(move || {
                        let signal = on_shutdown.clone();
                        async move { signal.notified().await }
                    })
                    .keep_alive(KeepAlive::default())
                    .client_request_timeout(Duration::from_secs(5))
                    .client_disconnect_timeout(Duration::from_secs(1))
                    // Half-closed connections stay allowed (actix's default): a
                    // client hanging up never cancels a handler mid-way (a
                    // refund between Stripe and our books). A stream served here
                    // ends at its next keep-alive write; the door ends its own
                    // at once.
                    .local_addr(bound)
                    .finish(map_config(app().into_factory().map_err(|e| e.error_response()), move |_| {
                        AppConfig::default()
                    }))
                    .tcp();
                let (state, shutdown) = (door_state.clone(), shutdown.clone());
                fn_factory(move || {
                    let http = http.new_service(());
                    let (state, shutdown) = (state.clone(), shutdown.clone());
                    async move {
                        let http = Rc::new(http.await?);
                        Ok::<_, ()>(fn_service(move |mut io: TcpStream| {
                            let (http, state, shutdown) = (http.clone(), state.clone(), shutdown.clone());
                            async move {
                                match crate::door::look(&mut io, &state).await {
                                    Door::Stream(taken) => {
                                        crate::door::serve(io, taken, https, shutdown).await;
                                        Ok(())
                                    }
                                    Door::Actix => http.call(io).await,
                                    Door::Close => Ok(()),
                                }
                            }
                        }))
                    }
                })
            })?
            .run();
        Ok(Self { port, public_url, server, state, background })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn public_url(&self) -> &str {
        &self.public_url
    }

    pub fn state(&self) -> web::Data<AppState> {
        self.state.clone()
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let result = self.server.await;
        // Stop the LISTEN task before the runtime goes away (a PgListener
        // dropped during runtime shutdown can panic).
        for task in &self.background {
            task.abort();
        }
        result
    }
}

/// Replaces actix's plain-text error body (oversized or unreadable requests)
/// with our friendly page, keeping the status.
fn replace_body<B>(res: ServiceResponse<B>, error: AppError) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let is_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_html {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let (req, _) = res.into_parts();
    let page = error.response_in(crate::web::PageLanguage::of(&req));
    Ok(ErrorHandlerResponse::Response(ServiceResponse::new(req, page).map_into_right_body()))
}

/// How popshop is served, for the [`envelope`] (app data).
#[derive(Debug, Clone, Copy)]
struct Envelope {
    /// Over https: HSTS, and cookies marked `Secure`.
    https: bool,
}

/// The one layer every request passes through: a request id (sent back as
/// `x-request-id`, and carried by the request's span so every log line of
/// the request names it), one log line per request, the security headers,
/// and the CSRF cookie a page asked for.
///
/// One layer instead of four (tracing-actix-web's logger, a log layer,
/// `DefaultHeaders`, a cookie layer): each was a boxed future, a span, a
/// `getrandom` for a UUID and a formatted client address per request, and a
/// storefront view should cost little more than copying bytes (issue 9).
async fn envelope<B: MessageBody + 'static>(
    req: ServiceRequest,
    next: Next<B>,
) -> actix_web::Result<ServiceResponse<EitherBody<B>>> {
    let start = Instant::now();
    let https = req.app_data::<Envelope>().is_some_and(|e| e.https);
    let id = request_id();
    // Nothing is copied for the log unless it will be written.
    let logged = tracing::enabled!(tracing::Level::INFO).then(|| (req.method().clone(), req.path().to_owned()));
    let span = match &logged {
        Some((method, path)) => tracing::info_span!("request", request_id = %id, %method, %path),
        None => tracing::Span::none(),
    };
    let res = next.call(req).instrument(span.clone()).await?;
    // Error pages come out of actix in English; a German visitor gets theirs
    // in German (an internal error keeps its page: its id is logged).
    let mut res = match res.response().error().and_then(|e| e.as_error::<AppError>()) {
        Some(error) if !matches!(error, AppError::Internal(_)) => {
            let lang = crate::web::PageLanguage::of(res.request());
            if lang == crate::domain::Language::En {
                res.map_into_left_body()
            } else {
                let page = error.response_in(lang);
                res.into_response(page).map_into_right_body()
            }
        }
        _ => res.map_into_left_body(),
    };
    if let Some((method, path)) = logged {
        let status = res.status().as_u16();
        let latency_us = start.elapsed().as_micros() as u64;
        span.in_scope(|| tracing::info!(%method, %path, status, latency_us, request_id = %id, "request"));
    }
    csrf::set_new_cookie(&mut res, https);
    let headers = res.headers_mut();
    for (name, value) in security_headers(https) {
        if !headers.contains_key(&name) {
            headers.insert(name, value);
        }
    }
    if let Ok(value) = header::HeaderValue::try_from(id) {
        headers.insert(REQUEST_ID, value);
    }
    Ok(res)
}
