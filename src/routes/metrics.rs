//! `GET /metrics`: Prometheus' text format (issue 24, docs/operations.md).
//! On the shop's address only with `Authorization: Bearer
//! $POPSHOP_METRICS_TOKEN` (404 when no token is set, 401 for a wrong one);
//! on `POPSHOP_METRICS_ADDR`, a private address, as it is.

use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use secrecy::ExposeSecret;

const TEXT_FORMAT: &str = "text/plain; version=0.0.4; charset=utf-8";

/// `/metrics` on the shop's own address.
pub async fn with_token(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let Some(token) = &state.settings.metrics_token else {
        return HttpResponse::NotFound().content_type("text/plain").body("not found");
    };
    let sent = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    if !crate::auth::csrf::constant_time_eq(sent.trim().as_bytes(), token.expose_secret().as_bytes()) {
        return HttpResponse::Unauthorized()
            .insert_header((header::WWW_AUTHENTICATE, "Bearer realm=\"popshop metrics\""))
            .content_type("text/plain")
            .body("send Authorization: Bearer $POPSHOP_METRICS_TOKEN");
    }
    scrape(state).await
}

/// `/metrics` on the private metrics address.
pub async fn scrape(state: web::Data<AppState>) -> HttpResponse {
    crate::ops::observe(&state.store, &state.live, state.settings.production_delay).await;
    HttpResponse::Ok()
        .content_type(TEXT_FORMAT)
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(crate::telemetry::render())
}
