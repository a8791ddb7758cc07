//! Which language a visitor reads popshop's own pages in: the one they
//! picked with the switch (a `popshop_lang` cookie), else the best match for
//! their browser's `Accept-Language`, else English. A drop's pages ignore
//! this and speak the language its artist picked.

use crate::domain::Language;
use actix_web::cookie::{Cookie, SameSite, time::Duration};
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest};
use std::future::{Ready, ready};

pub const LANGUAGE_COOKIE: &str = "popshop_lang";

/// The visitor's language for a house page.
#[derive(Debug, Clone, Copy)]
pub struct PageLanguage(pub Language);

impl PageLanguage {
    pub fn of(req: &HttpRequest) -> Language {
        if let Some(chosen) = req.cookie(LANGUAGE_COOKIE).and_then(|c| Language::parse(c.value())) {
            return chosen;
        }
        req.headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            // A header longer than any browser sends is not worth parsing.
            .filter(|v| v.len() <= 512)
            .map(crate::i18n::negotiate)
            .unwrap_or_default()
    }
}

impl FromRequest for PageLanguage {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(Self(Self::of(req))))
    }
}

/// The cookie the language switch sets: a preference, kept for a year.
pub fn language_cookie(lang: Language, secure: bool) -> Cookie<'static> {
    Cookie::build(LANGUAGE_COOKIE, lang.code())
        .path("/")
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Lax)
        .max_age(Duration::days(365))
        .finish()
}
