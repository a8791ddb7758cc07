//! CSRF protection by double submit: a random token lives in an HttpOnly cookie
//! and in a hidden field of every state-changing form; a POST is accepted only
//! when both are present and equal. A cross-site page can make the browser send
//! the cookie, but cannot read it to fill in the field.

use crate::error::AppError;
use actix_web::body::MessageBody;
use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
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
        if let Some(token) = cookie_token(req) {
            return ready(Ok(Self(token)));
        }
        if let Some(NewToken(token)) = req.extensions().get::<NewToken>() {
            return ready(Ok(Self(token.clone())));
        }
        let token = super::random_token();
        req.extensions_mut().insert(NewToken(token.clone()));
        ready(Ok(Self(token)))
    }
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

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Middleware: sets the cookie for a token created while handling the request.
pub async fn set_cookie(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let secure =
        req.app_data::<actix_web::web::Data<crate::state::AppState>>().is_some_and(|s| s.settings.secure_cookies());
    let mut res = next.call(req).await?;
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
    Ok(res)
}

#[cfg(test)]
mod tests {
    #[test]
    fn constant_time_eq_compares_whole_strings() {
        assert!(super::constant_time_eq(b"abc", b"abc"));
        assert!(!super::constant_time_eq(b"abc", b"abd"));
        assert!(!super::constant_time_eq(b"abc", b"ab"));
    }
}
