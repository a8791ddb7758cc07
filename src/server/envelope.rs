//! The one layer every request to actix passes through; it also replaces
//! actix's own error bodies by popshop's pages.

use crate::auth::csrf;
use crate::web::error::AppError;
use crate::web::headers::{REQUEST_ID, RequestId, request_id, security_headers};
use actix_web::HttpMessage;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{StatusCode, header};
use actix_web::middleware::Next;
use std::time::Instant;
use tracing::Instrument;

/// actix's own answer to a request it could not read (400) or that was too
/// large (413) has a plain-text body: the error whose page replaces it,
/// keeping the status. A handler's own 400 or 413 is a page already.
fn actix_refusal<B>(res: &ServiceResponse<B>) -> Option<AppError> {
    let error = match res.status() {
        StatusCode::PAYLOAD_TOO_LARGE => AppError::TooLarge,
        StatusCode::BAD_REQUEST => AppError::BadRequest,
        _ => return None,
    };
    let is_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    (!is_html).then_some(error)
}

/// How popshop is served, for the [`envelope`] (app data).
#[derive(Debug, Clone, Copy)]
pub struct Envelope {
    /// Over https: HSTS, and cookies marked `Secure`.
    pub https: bool,
    /// How long a request's body may take to arrive.
    pub body_within: std::time::Duration,
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
pub async fn envelope<B: MessageBody + 'static>(
    mut req: ServiceRequest,
    next: Next<B>,
) -> actix_web::Result<ServiceResponse<EitherBody<B>>> {
    let start = Instant::now();
    let envelope = req.app_data::<Envelope>().copied();
    let https = envelope.is_some_and(|e| e.https);
    let late = match envelope {
        Some(envelope) if has_body(req.headers()) => {
            let (payload, late) = super::gate::with_deadline(req.take_payload(), envelope.body_within);
            req.set_payload(payload);
            Some(late)
        }
        _ => None,
    };
    let id = request_id();
    // Nothing is copied for the log unless it will be written.
    let logged = tracing::enabled!(tracing::Level::INFO)
        .then(|| (req.method().clone(), crate::web::headers::loggable_path(req.path()).into_owned()));
    let span = match &logged {
        Some((method, path)) => request_span(id, method, path),
        None => tracing::Span::none(),
    };
    let res = next.call(req).instrument(span.clone()).await?;
    let refusal = actix_refusal(&res);
    // Error pages come out of actix in English; a German visitor gets theirs
    // in German (an internal error keeps its page: its id is logged).
    let mut res = match (refusal, res.response().error().and_then(|e| e.as_error::<AppError>())) {
        // Whatever the handler made of a body cut off (usually "could not
        // read that"), the answer is that it was too slow.
        _ if late.is_some_and(|late| late.get()) => {
            let page = AppError::SlowBody.response_in(crate::web::PageLanguage::of(res.request()));
            res.into_response(page).map_into_right_body()
        }
        (Some(refusal), _) => {
            let page = refusal.response_in(crate::web::PageLanguage::of(res.request()));
            res.into_response(page).map_into_right_body()
        }
        (None, Some(error)) if !matches!(error, AppError::Internal(_)) => {
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
    let elapsed = start.elapsed();
    let route = res.request().match_pattern();
    let route = route.as_deref().unwrap_or("unmatched");
    count(route, res.request().method(), res.status(), elapsed, crate::telemetry::AnsweredBy::App);
    if let Some((method, path)) = logged {
        log_line(&span, &method, &path, res.status(), elapsed, id);
    }
    csrf::set_new_cookie(&mut res, https);
    seal(res.headers_mut(), https, id);
    Ok(res)
}

/// Whether a request with these headers sends a body.
pub fn has_body(headers: &header::HeaderMap) -> bool {
    headers.contains_key(header::TRANSFER_ENCODING)
        || headers.get(header::CONTENT_LENGTH).is_some_and(|n| n.as_bytes() != b"0")
}

/// The log line of a request answered before the envelope (the shelf's),
/// as the envelope writes its own: in a `request` span, the path loggable.
pub fn log_answered(
    method: &actix_web::http::Method,
    path: &str,
    status: StatusCode,
    elapsed: std::time::Duration,
    id: RequestId,
) {
    if tracing::enabled!(tracing::Level::INFO) {
        let path = crate::web::headers::loggable_path(path);
        log_line(&request_span(id, method, &path), method, &path, status, elapsed, id);
    }
}

/// A request's span: every line logged within names its id, method and
/// (loggable) path.
fn request_span(id: RequestId, method: &actix_web::http::Method, path: &str) -> tracing::Span {
    tracing::info_span!("request", request_id = %id, %method, %path)
}

/// A request's one log line, written in its `span` once it is answered.
fn log_line(
    span: &tracing::Span,
    method: &actix_web::http::Method,
    path: &str,
    status: StatusCode,
    elapsed: std::time::Duration,
    id: RequestId,
) {
    let (status, latency_us) = (status.as_u16(), elapsed.as_micros() as u64);
    span.in_scope(|| tracing::info!(%method, %path, status, latency_us, request_id = %id, "request"));
}

/// The headers every response leaves with: the security headers its
/// handler did not set itself, and its request's id.
pub fn seal(headers: &mut header::HeaderMap, https: bool, id: RequestId) {
    for (name, value) in security_headers(https) {
        if !headers.contains_key(&name) {
            headers.insert(name, value);
        }
    }
    headers.insert(REQUEST_ID, id.header_value());
}

/// Counts an answer in `popshop_http_requests_total` and its time in
/// `popshop_http_request_duration_seconds`, by the route's pattern
/// (`/d/{slug}`, never the path: a label per drop would grow without end).
pub fn count(
    route: &str,
    method: &actix_web::http::Method,
    status: StatusCode,
    elapsed: std::time::Duration,
    by: crate::telemetry::AnsweredBy,
) {
    let method = match *method {
        actix_web::http::Method::GET => "GET",
        actix_web::http::Method::POST => "POST",
        actix_web::http::Method::HEAD => "HEAD",
        _ => "other",
    };
    crate::telemetry::count_answer(route, method, status.as_u16(), elapsed, by);
}
