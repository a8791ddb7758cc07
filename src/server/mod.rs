//! Serving: actix-web's own HTTP service, assembled as `HttpServer` builds
//! it, behind the door ([`door`]), which serves a connection itself when its
//! first request is a live stream; the [`shelf`] in front of the `App`,
//! which answers a storefront view from the page the shop keeps; and the
//! [`envelope`] every other request passes through.

pub mod door;
pub mod envelope;
pub mod gate;
pub mod shelf;

use crate::routes;
use crate::routes::assets::StaticFiles;
use crate::state::AppState;
use actix_http::{HttpService, KeepAlive, Request, Response};
use actix_service::{
    IntoServiceFactory, Service, ServiceFactory, apply_fn_factory, fn_factory, fn_service, map_config,
};
use actix_web::dev::{AppConfig, Server, ServiceResponse};
use actix_web::middleware::from_fn;
use actix_web::rt::net::TcpStream;
use actix_web::{App, web};
use door::Door;
use envelope::{Envelope, envelope};
use futures_util::FutureExt;
use futures_util::future::{Either, ready};
use std::net::TcpListener;
use std::rc::Rc;
use std::time::Duration;

/// Largest request body we read (forms are a few KiB).
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Serves popshop on `listener` until a signal stops it.
pub fn serve(
    listener: TcpListener,
    state: web::Data<AppState>,
    static_files: web::Data<StaticFiles>,
) -> anyhow::Result<Server> {
    let bound = listener.local_addr()?;
    let https = state.settings.secure_cookies();
    let body_within = state.settings.body_timeout;
    let head_within = state.settings.head_timeout;
    let gate = gate::Gate::new(state.settings.max_connections);
    let app_state = state.clone();
    let proxies = crate::web::client::Proxies {
        trusted: state.settings.trusted_proxies.clone(),
        header: state.settings.forwarded_header,
    };
    let app = move || {
        App::new()
            .wrap(from_fn(envelope))
            .app_data(Envelope { https, body_within })
            .app_data(proxies.clone())
            .app_data(app_state.store.clone())
            .app_data(app_state.clone())
            .app_data(web::PayloadConfig::new(MAX_BODY_BYTES))
            .app_data(web::FormConfig::default().limit(MAX_BODY_BYTES))
            .app_data(static_files.clone())
            .configure(routes::configure)
    };
    // actix-web's own HTTP service (as `HttpServer` builds it, with its
    // default timeouts; only the host for requests without a `Host`
    // header differs, `AppConfig::default()`, which popshop never reads)
    // behind the door, which serves a connection itself when its first
    // request is a live stream.
    let builder = Server::build();
    // Started by SIGTERM/SIGINT: idle keep-alive connections close and
    // live streams end at once (browsers reconnect, behind a proxy to
    // another instance), instead of holding the worker for its timeout.
    let shutdown = builder.graceful_shutdown_signal();
    let server = builder
        .listen("popshop", listener, move || {
            let on_shutdown = shutdown.clone();
            let shelf_state = state.clone();
            let http = HttpService::build()
                .graceful_shutdown_signal(move || {
                    let signal = on_shutdown.clone();
                    async move { signal.notified().await }
                })
                .keep_alive(KeepAlive::default())
                .client_request_timeout(head_within)
                .client_disconnect_timeout(Duration::from_secs(1))
                // Half-closed connections stay allowed (actix's default): a
                // client hanging up never cancels a handler mid-way (a
                // refund between Stripe and our books). A stream served here
                // ends at its next keep-alive write; the door ends its own
                // at once.
                .local_addr(bound)
                .finish(apply_fn_factory(
                    map_config(app().into_factory(), move |_| AppConfig::default()),
                    // The shelf answers what it keeps; the `App` all else.
                    move |req: Request, app: &_| match shelf::answer(&req, &shelf_state, https) {
                        Some(res) => Either::Left(ready(Ok::<_, actix_web::Error>(res))),
                        None => Either::Right(app.call(req).map(|res| {
                            res.map(|res: ServiceResponse<_>| {
                                let res: Response<_> = res.into_parts().1.into();
                                res.map_into_boxed_body()
                            })
                        })),
                    },
                ))
                .tcp();
            let (state, shutdown, gate) = (state.clone(), shutdown.clone(), gate.clone());
            fn_factory(move || {
                let http = http.new_service(());
                let (state, shutdown, gate) = (state.clone(), shutdown.clone(), gate.clone());
                async move {
                    let http = Rc::new(http.await?);
                    Ok::<_, ()>(fn_service(move |mut io: TcpStream| {
                        let (http, state, shutdown) = (http.clone(), state.clone(), shutdown.clone());
                        let entry = gate.enter();
                        async move {
                            let _place = match entry {
                                gate::Entry::In(place) => place,
                                gate::Entry::Away(_turning) => {
                                    gate::turn_away(io).await;
                                    return Ok(());
                                }
                                gate::Entry::Closed => return Ok(()),
                            };
                            match door::look(&mut io, &state).await {
                                Door::Stream(taken) => {
                                    door::serve(io, taken, https, shutdown).await;
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
    Ok(server)
}
