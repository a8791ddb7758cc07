//! Response headers every part of popshop shares (a leaf: imports only actix).

use actix_web::HttpResponse;
use actix_web::http::header;

/// The policy every page gets unless its handler set its own (the stream
/// overlay may be framed). Scripts and styles come from popshop only (inline
/// `style` attributes carry each look's colours); forms may lead to Stripe
/// Checkout, whose address the checkout redirects to.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
     img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
     form-action 'self' https://checkout.stripe.com; frame-ancestors 'none'";

/// Adds `Retry-After: secs` to a response.
pub fn with_retry_after(mut res: HttpResponse, secs: u64) -> HttpResponse {
    res.headers_mut().insert(header::RETRY_AFTER, header::HeaderValue::from(secs));
    res
}

/// Marks a response with buyers' data as never to be stored by any cache.
pub fn no_store(mut res: HttpResponse) -> HttpResponse {
    res.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    res
}
