//! CSRF protection, two ways.
//!
//! Forms of signed-in and personal pages use a double submit: a random token
//! lives in an HttpOnly cookie and in a hidden field; a POST is accepted only
//! when both are present and equal. A cross-site page can make the browser
//! send the cookie, but cannot read it to fill in the field.
//!
//! The storefront is the same bytes for every visitor (so proxies and CDNs
//! may cache it): its buy form carries no token. A buy is accepted when the
//! browser itself says the form came from popshop's own page — its
//! `Sec-Fetch-Site` header, else its `Origin` header compared with popshop's
//! origin (OWASP's fetch-metadata and origin checks; neither can be set by
//! another site's page). A browser that sends neither gets a short page with
//! a token to confirm the purchase (see [`origin_of`]).

use crate::web::error::AppError;
use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::{Payload, ServiceResponse};
use actix_web::{FromRequest, HttpMessage, HttpRequest};
use std::future::{Ready, ready};

pub const CSRF_COOKIE: &str = "popshop_csrf";
/// Name of the hidden form field.
pub const CSRF_FIELD: &str = "csrf";

/// The visitor's CSRF token, for rendering into forms. Extracting it creates a
/// token (and schedules its cookie) when the visitor has none yet.
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

/// Marker left in request extensions when a new token needs its cookie set.
#[derive(Clone)]
struct NewToken(String);

impl FromRequest for CsrfToken {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let key = req.app_data::<crate::store::Store>().map(|s| s.signing_key().to_vec());
        // A token popshop did not sign (made up, or from before tokens were
        // signed) is replaced: the page's forms carry the new one.
        if let Some(token) = cookie_token(req).filter(|t| key.as_deref().is_none_or(|k| is_signed(t, k))) {
            return ready(Ok(Self(token)));
        }
        if let Some(NewToken(token)) = req.extensions().get::<NewToken>() {
            return ready(Ok(Self(token.clone())));
        }
        let token = match &key {
            Some(key) => signed_token(key),
            None => super::random_token(),
        };
        req.extensions_mut().insert(NewToken(token.clone()));
        ready(Ok(Self(token)))
    }
}

/// The signature half of a token: the seal of its random half.
fn signature(key: &[u8], random: &str) -> String {
    crate::seal::seal(key, &format!("popshop-fan:{random}"))
}

/// A new token: 128 random bits and their signature, 64 hex digits in all.
fn signed_token(key: &[u8]) -> String {
    let random = hex::encode(rand::random::<[u8; 16]>());
    let signature = signature(key, &random);
    format!("{random}{signature}")
}

/// Whether popshop signed `token` with `key`.
fn is_signed(token: &str, key: &[u8]) -> bool {
    token.len() == 64 && token.is_char_boundary(32) && {
        let (random, signature) = token.split_at(32);
        crate::seal::is_sealed(key, &format!("popshop-fan:{random}"), signature)
    }
}

/// A fan's anonymous identity on calls: a hash of the browser's form-token
/// cookie as the request carries it (never the token itself), and only of a
/// token popshop signed: a made-up cookie is no fan at all.
pub fn fan_of(req: &HttpRequest) -> Option<String> {
    let key = req.app_data::<crate::store::Store>()?.signing_key();
    cookie_token(req).filter(|t| is_signed(t, key)).map(|t| fan_id(&t))
}

/// The fan id of a (signed) token.
pub fn fan_id(token: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(&Sha256::digest(format!("popshop-fan:{token}").as_bytes())[..12])
}

fn cookie_token(req: &HttpRequest) -> Option<String> {
    req.cookie(CSRF_COOKIE).map(|c| c.value().to_owned()).filter(|v| v.len() == 64)
}

/// Accepts the POST only if the submitted field matches the cookie.
pub fn verify(req: &HttpRequest, submitted: &str) -> Result<(), AppError> {
    match cookie_token(req) {
        Some(expected) if constant_time_eq(expected.as_bytes(), submitted.as_bytes()) => Ok(()),
        _ => Err(AppError::Csrf),
    }
}

/// A posted form whose token matches the cookie (see [`verify`]).
pub fn verified_form(req: &HttpRequest, body: &[u8]) -> Result<crate::web::forms::FormData, AppError> {
    let form = crate::web::forms::FormData::parse(body);
    verify(req, form.get(CSRF_FIELD))?;
    Ok(form)
}

/// Where a request says it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestOrigin {
    /// One of popshop's own pages (or the fan's own typing).
    Same,
    /// Another site.
    Cross,
    /// The browser did not say (an old browser, a privacy proxy, `Origin: null`).
    Unknown,
}

/// The request's origin by the browser's own headers: `Sec-Fetch-Site`
/// first, else `Origin`, compared with `public_url`'s origin and with the
/// `Host` the request was sent to.
pub fn origin_of(req: &HttpRequest, public_url: &str) -> RequestOrigin {
    let header = |name| req.headers().get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    if let Some(site) = header("sec-fetch-site") {
        return match site {
            "same-origin" | "none" => RequestOrigin::Same,
            _ => RequestOrigin::Cross,
        };
    }
    let Some(origin) = header("origin").filter(|o| !o.is_empty() && *o != "null") else {
        return RequestOrigin::Unknown;
    };
    let ours = public_url.trim_end_matches('/');
    let ours = ours.find("://").and_then(|i| ours[i + 3..].find('/').map(|j| &ours[..i + 3 + j])).unwrap_or(ours);
    let host = header("host").unwrap_or_default();
    let authority = origin.split_once("://").map_or("", |(_, rest)| rest);
    if origin.eq_ignore_ascii_case(ours) || (!host.is_empty() && authority.eq_ignore_ascii_case(host)) {
        RequestOrigin::Same
    } else {
        RequestOrigin::Cross
    }
}

pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Sets the cookie for a token created while handling the request (called
/// by the layer every request passes through).
pub fn set_new_cookie<B>(res: &mut ServiceResponse<B>, secure: bool) {
    let new_token = res.request().extensions().get::<NewToken>().cloned();
    if let Some(NewToken(token)) = new_token {
        let cookie = Cookie::build(CSRF_COOKIE, token)
            .path("/")
            .http_only(true)
            .secure(secure)
            .same_site(SameSite::Lax)
            .finish();
        res.response_mut().add_cookie(&cookie).ok();
    }
}

#[cfg(test)]
mod tests {
    use super::RequestOrigin::{Cross, Same, Unknown};
    use actix_web::test::TestRequest;

    fn origin(headers: &[(&'static str, &'static str)]) -> super::RequestOrigin {
        let mut req = TestRequest::post().uri("/d/x/checkout").insert_header(("host", "shop.example:8080"));
        for h in headers {
            req = req.insert_header(*h);
        }
        super::origin_of(&req.to_http_request(), "https://popshop.example/")
    }

    #[test]
    fn a_buy_is_same_origin_only_by_the_browsers_own_word() {
        assert_eq!(origin(&[("sec-fetch-site", "same-origin")]), Same);
        assert_eq!(origin(&[("sec-fetch-site", "cross-site"), ("origin", "https://popshop.example")]), Cross);
        assert_eq!(origin(&[("sec-fetch-site", "same-site")]), Cross, "a sibling subdomain is another site");
        assert_eq!(origin(&[("origin", "https://popshop.example")]), Same);
        assert_eq!(origin(&[("origin", "http://shop.example:8080")]), Same, "the host it was sent to");
        assert_eq!(origin(&[("origin", "https://evil.example")]), Cross);
        assert_eq!(origin(&[("origin", "https://popshop.example.evil.example")]), Cross);
        assert_eq!(origin(&[("origin", "null")]), Unknown);
        assert_eq!(origin(&[]), Unknown);
    }

    #[test]
    fn only_tokens_popshop_signed_are_signed() {
        let key = b"a key";
        let token = super::signed_token(key);
        assert!(super::is_signed(&token, key) && token.len() == 64);
        assert!(!super::is_signed(&token, b"another key"));
        assert!(!super::is_signed(&"ab".repeat(32), key), "a made-up token");
        let mut tampered = token.clone().into_bytes();
        tampered[3] = if tampered[3] == b'0' { b'1' } else { b'0' };
        assert!(!super::is_signed(&String::from_utf8(tampered).unwrap(), key));
        assert!(!super::is_signed("é".repeat(32).as_str(), key), "no panic on odd bytes");
    }

    #[test]
    fn constant_time_eq_compares_whole_strings() {
        assert!(super::constant_time_eq(b"abc", b"abc"));
        assert!(!super::constant_time_eq(b"abc", b"abd"));
        assert!(!super::constant_time_eq(b"abc", b"ab"));
    }
}
