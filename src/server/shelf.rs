//! The shelf: a storefront view answered from the page the shop keeps,
//! in front of actix-web's `App`.
//!
//! A viral drop's traffic is nearly all one request, `GET /d/{slug}`, whose
//! answer is the same bytes for everyone (`shop::RenderedPage`). When the
//! shop holds that page and knows it is current, the shelf answers it
//! without the `App`'s request object, router, extractors and middleware
//! future, which were a third of a view's time (docs/BENCHMARKS.md).
//! The answer is the one the `App` would give: the same encoding choice,
//! `ETag` and `304` (`Precompressed::answer`), the envelope's security
//! headers and request id (`envelope::seal`), its metrics under the route's
//! pattern (`envelope::count`) and its log line. Everything else, and every
//! view the shelf cannot answer from what is kept (no page yet, a stale
//! copy, a drop taken down, a request with a body), goes on to the `App`.

use super::envelope::{count, has_body, log_answered, seal};
use crate::routes::shop::storefront::{ROUTE, STOREFRONT_CACHE_CONTROL, STOREFRONT_CONTENT_TYPE};
use crate::state::AppState;
use crate::telemetry::AnsweredBy;
use crate::web::headers::request_id;
use actix_http::body::BoxBody;
use actix_http::{Method, Request, Response, StatusCode};
use std::time::Instant;

/// The answer to `req` from the shelf, or `None` when the `App` answers it.
pub fn answer(req: &Request, state: &AppState, https: bool) -> Option<Response<BoxBody>> {
    let start = Instant::now();
    if req.method() != Method::GET {
        return None;
    }
    // The slug as sent: one spelled otherwise (percent-encoded, say) is
    // not on the shelf, and the `App` reads it.
    let slug = req.path().strip_prefix("/d/").filter(|slug| !slug.is_empty() && !slug.contains('/'))?;
    let headers = &req.head().headers;
    if has_body(headers) {
        return None;
    }
    let mut res = Response::new(StatusCode::OK);
    let (status, body) = state.shop.with_kept_page(slug, state.store.now_ms(), |page| {
        page.answer(headers, STOREFRONT_CONTENT_TYPE, STOREFRONT_CACHE_CONTROL, res.headers_mut())
    })?;
    res.head_mut().status = status;
    let id = request_id();
    let elapsed = start.elapsed();
    count(ROUTE, &Method::GET, status, elapsed, AnsweredBy::Shelf);
    log_answered(&Method::GET, req.path(), status, elapsed, id);
    seal(res.headers_mut(), https, id);
    Some(match body {
        Some(body) => res.set_body(BoxBody::new(body)),
        None => res,
    })
}
