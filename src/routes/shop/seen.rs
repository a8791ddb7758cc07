//! `GET /d/{slug}/seen.gif`: counts a visit to a storefront once per
//! visitor, with the share link they came by. The storefront is the same
//! cached bytes for everyone (no cookie, possibly served by a proxy), so it
//! carries this 1×1 picture: the browser asks for it on every view, with the
//! storefront's address (and its `?ref=`) as `Referer`. The picture's answer
//! sets a random first-party visitor cookie (`popshop_v`, a year); popshop
//! keeps only its hash. A visitor's repeat views cost no query
//! (`Shop::count_visit`). Bounded per client (`web::limits::VISITS_PER_MINUTE`): past it,
//! a view is simply not counted.

use crate::domain::DropSlug;
use crate::domain::source::{Source, of_url};
use crate::state::AppState;
use crate::web::Client;
use crate::web::error::AppError;
use actix_web::cookie::{Cookie, SameSite, time::Duration};
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

/// The visitor cookie.
pub const VISITOR_COOKIE: &str = "popshop_v";

/// A transparent 1×1 GIF.
const PIXEL: &[u8] = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff\x21\xf9\x04\x01\x00\x00\x00\x00\x2c\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02\x44\x01\x00\x3b";

pub async fn seen(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    client: Client,
) -> Result<HttpResponse, AppError> {
    let slug = DropSlug::parse(&slug).ok_or(AppError::NotFound)?;
    let mut res = HttpResponse::Ok();
    res.content_type("image/gif").insert_header((header::CACHE_CONTROL, "no-store"));
    let known = req.cookie(VISITOR_COOKIE).map(|c| c.value().to_owned()).filter(|v| v.len() == 32);
    let visitor = known.clone().unwrap_or_else(|| hex::encode(rand::random::<[u8; 16]>()));
    if known.is_none() {
        res.cookie(
            Cookie::build(VISITOR_COOKIE, visitor.clone())
                .path("/")
                .http_only(true)
                .secure(state.settings.secure_cookies())
                .same_site(SameSite::Lax)
                .max_age(Duration::days(365))
                .finish(),
        );
    }
    if state.limits.check(crate::web::Action::Visit, &client).is_ok()
        && let Some(entry) = state.shop.load(&slug).await?
    {
        // Only this storefront's own address says where the fan came from.
        let own = format!("/d/{slug}");
        let source = req
            .headers()
            .get(header::REFERER)
            .and_then(|r| r.to_str().ok())
            .filter(|r| r.split('?').next().is_some_and(|path| path.ends_with(&own)))
            .map_or_else(Source::direct, of_url);
        let hashed = {
            use sha2::{Digest, Sha256};
            hex::encode(&Sha256::digest(format!("popshop-visitor:{visitor}").as_bytes())[..12])
        };
        state.shop.count_visit(&entry.drop.id, &hashed, &source).await?;
    }
    Ok(res.body(PIXEL))
}
