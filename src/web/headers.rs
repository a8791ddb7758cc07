//! Response headers every part of popshop shares (a leaf: imports only actix).

use actix_web::HttpResponse;
use actix_web::http::header::{self, HeaderName, HeaderValue};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

/// The policy every page gets unless its handler set its own (the stream
/// overlay may be framed). Scripts and styles come from popshop only (inline
/// `style` attributes carry each look's colours); forms may lead to Stripe
/// Checkout, whose address the checkout redirects to. Scripts, fonts and
/// connections (the live stream) fall back to `default-src 'self'`, so
/// they are not named again: the policy rides on every response.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; style-src 'self' 'unsafe-inline'; \
     img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; \
     form-action 'self' https://checkout.stripe.com; frame-ancestors 'none'";

/// Adds `Retry-After: secs` to a response.
pub fn with_retry_after(mut res: HttpResponse, secs: u64) -> HttpResponse {
    res.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
    res
}

/// A plain-text refusal that says when to come back (`Retry-After`): a
/// limit reached (429) or every slot busy (503).
pub fn try_again(status: actix_web::http::StatusCode, message: &'static str, secs: u64) -> HttpResponse {
    with_retry_after(HttpResponse::build(status).content_type("text/plain").body(message), secs)
}

/// Marks a response with buyers' data as never to be stored by any cache.
pub fn no_store(mut res: HttpResponse) -> HttpResponse {
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// A page whose address holds a secret (an order page, a mailed link):
/// never cached, never sent on as a `Referer`.
pub fn secret_page(mut res: HttpResponse) -> HttpResponse {
    let headers = res.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    res
}

/// Whether `token` can be one of popshop's secrets in an address (256 bits
/// as 64 hex digits); anything else is not looked up.
pub fn is_secret(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Every response carries its request's id (quoted in the log line).
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// A request id unique across instances and restarts: 8 random hex digits
/// chosen once per process, then a count (no system call per request, as
/// a random UUID per request would be): `0a1b2c3d-00000004d2`. Each thread
/// counts through blocks of its own, so ids are unique (the ten digits
/// repeat after 2^24 blocks taken), not in order. The hex
/// is written by [`hex`] into a buffer, not by `format!`, which was 2% of a
/// storefront view's time.
#[derive(Clone, Copy)]
pub struct RequestId([u8; 19]);

impl RequestId {
    pub fn as_str(&self) -> &str {
        // Hex digits and a dash (see `request_id`).
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The `x-request-id` header's value.
    pub fn header_value(&self) -> HeaderValue {
        HeaderValue::from_bytes(&self.0).unwrap_or(HeaderValue::from_static("-"))
    }
}

impl std::fmt::Display for RequestId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The next request's id (see [`RequestId`]).
pub fn request_id() -> RequestId {
    static PROCESS: OnceLock<u32> = OnceLock::new();
    /// The next block of counts a thread takes for its own.
    static NEXT_BLOCK: AtomicU64 = AtomicU64::new(0);
    const BLOCK: u64 = 1 << 16;
    thread_local! {
        /// This thread's next count and the end of its block: one shared
        /// atomic add per 65,536 requests, not one whose cache line moves
        /// between the cores on every request.
        static COUNTS: std::cell::Cell<(u64, u64)> = const { std::cell::Cell::new((0, 0)) };
    }
    let process = *PROCESS.get_or_init(rand::random);
    let count = COUNTS.with(|counts| {
        let (mut next, mut end) = counts.get();
        if next == end {
            next = NEXT_BLOCK.fetch_add(BLOCK, Ordering::Relaxed) + 1;
            end = next + BLOCK;
        }
        counts.set((next + 1, end));
        next
    });
    let mut id = [b'-'; 19];
    // Both fit their slices exactly (4 bytes in 8 digits, the count's low
    // 5 bytes in 10), so neither can fail.
    let written = hex::encode_to_slice(process.to_be_bytes(), &mut id[..8])
        .and_then(|()| hex::encode_to_slice(&count.to_be_bytes()[3..], &mut id[9..]));
    debug_assert!(written.is_ok());
    RequestId(id)
}

/// Paths whose next segment is a secret (an order page, a mailed link).
const SECRET_PATHS: [&str; 5] =
    ["/orders/", "/password/reset/", "/account/confirm/", "/account/email/confirm/", "/unsubscribe/"];

/// The path as the request log writes it: a secret in it becomes `…`, so a
/// log never holds a key to someone's order or account.
pub fn loggable_path(path: &str) -> std::borrow::Cow<'_, str> {
    for prefix in SECRET_PATHS {
        if let Some(rest) = path.strip_prefix(prefix) {
            let tail = rest.find('/').map_or("", |i| &rest[i..]);
            return format!("{prefix}…{tail}").into();
        }
    }
    path.into()
}

/// The security headers every response gets unless its handler set its own:
/// the policy above, no sniffing, a careful referrer, and HSTS when popshop
/// is served over https.
pub fn security_headers(https: bool) -> impl Iterator<Item = (HeaderName, HeaderValue)> {
    [
        (header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CONTENT_SECURITY_POLICY)),
        (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        (header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin")),
    ]
    .into_iter()
    .chain(https.then(|| (header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000"))))
}

#[cfg(test)]
mod tests {
    #[test]
    fn secrets_never_reach_the_log() {
        let token = "ab".repeat(32);
        assert_eq!(super::loggable_path(&format!("/orders/{token}")), "/orders/…");
        assert_eq!(super::loggable_path(&format!("/orders/{token}/resend")), "/orders/…/resend");
        assert_eq!(super::loggable_path(&format!("/password/reset/{token}")), "/password/reset/…");
        assert_eq!(super::loggable_path(&format!("/unsubscribe/{token}/first-sale")), "/unsubscribe/…/first-sale");
        assert_eq!(super::loggable_path("/d/my-drop"), "/d/my-drop");
    }

    #[test]
    fn request_ids_differ_and_are_header_values() {
        let (a, b) = (super::request_id(), super::request_id());
        assert_ne!(a.as_str(), b.as_str());
        assert_eq!(a.as_str().len(), 19);
        assert!(a.as_str().bytes().all(|c| c.is_ascii_hexdigit() || c == b'-'));
        assert_eq!(a.header_value(), a.as_str());
        // Threads count in blocks of their own: no id is given twice.
        let ids = |n| (0..n).map(|_| super::request_id().as_str().to_owned()).collect::<Vec<_>>();
        let threads: Vec<_> = (0..4).map(|_| std::thread::spawn(move || ids(70_000))).collect();
        let mut all: Vec<String> = threads.into_iter().flat_map(|t| t.join().unwrap()).collect();
        all.extend(ids(10));
        let given = all.len();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), given);
    }
}
