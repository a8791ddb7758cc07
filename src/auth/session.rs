//! Who is logged in: the session cookie resolved to an account.

use crate::store::{Account, Store};
use crate::web::error::AppError;
use actix_web::cookie::{Cookie, SameSite, time::Duration};
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use std::future::Future;
use std::pin::Pin;

pub const SESSION_COOKIE: &str = "popshop_session";

/// The logged-in artist, or `None` for a visitor.
pub struct MaybeArtist(pub Option<Account>);

/// The logged-in artist; visitors are sent to the login page and brought back.
pub struct Artist(pub Account);

async fn resolve(req: HttpRequest) -> Result<Option<Account>, AppError> {
    let Some(cookie) = req.cookie(SESSION_COOKIE) else {
        return Ok(None);
    };
    // The store is app data of its own (`server::serve`), so that this layer
    // needs nothing else of the app.
    let store = req.app_data::<Store>().ok_or_else(|| anyhow::anyhow!("the store is not app data"))?;
    Ok(store.session_account(cookie.value()).await?)
}

impl FromRequest for MaybeArtist {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { resolve(req).await.map(Self) })
    }
}

impl FromRequest for Artist {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let next = req.uri().path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_else(|| "/dashboard".into());
            resolve(req).await?.map(Self).ok_or(AppError::LoginRequired { next })
        })
    }
}

/// A drop of the logged-in artist, from the `{id}` in the path: the guard of
/// every `/dashboard/drops/{id}/…` page. Visitors are sent to log in; a drop
/// that is not theirs is a 404, as if there were nothing.
pub struct OwnedDrop {
    pub artist: Account,
    pub drop: crate::domain::Drop,
}

impl FromRequest for OwnedDrop {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let artist = Artist::from_request(req, payload);
        let req = req.clone();
        Box::pin(async move {
            let Artist(artist) = artist.await?;
            let id = req.match_info().get("id").ok_or(AppError::NotFound)?;
            let store = req.app_data::<Store>().ok_or_else(|| anyhow::anyhow!("the store is not app data"))?;
            let drop = store.owned_drop(id, &artist.id).await?.ok_or(AppError::NotFound)?;
            Ok(Self { artist, drop })
        })
    }
}

/// The cookie that logs a browser in.
pub fn login_cookie(token: String, secure: bool) -> Cookie<'static> {
    Cookie::build(SESSION_COOKIE, token)
        .path("/")
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Lax)
        .max_age(Duration::days(30))
        .finish()
}

/// The cookie that logs a browser out.
pub fn logout_cookie(secure: bool) -> Cookie<'static> {
    let mut cookie = login_cookie(String::new(), secure);
    cookie.make_removal();
    cookie
}

/// Only local paths are followed after login, never another site.
pub fn safe_next(next: &str) -> &str {
    // Browsers drop tabs and newlines from URLs ("/\t/evil.example" becomes
    // "//evil.example", another site), so any control or space character, like
    // a backslash, makes the target unsafe.
    let local = next.starts_with('/')
        && !next.starts_with("//")
        && !next.chars().any(|c| c == '\\' || c.is_control() || c.is_whitespace());
    if local { next } else { "/dashboard" }
}
