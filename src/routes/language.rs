//! `GET /language/{code}`: the language switch on popshop's own pages. It
//! keeps the choice in a cookie and goes back to the page it was pressed on
//! (its `Referer`, when that is a page of this site), else the start page.

use crate::domain::Language;
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::language::language_cookie;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn switch(
    req: HttpRequest,
    code: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let lang = Language::parse(&code).ok_or(AppError::NotFound)?;
    let back = req
        .headers()
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| same_site_path(&req, r))
        .unwrap_or_else(|| "/".to_owned());
    Ok(crate::web::see_other(back)
        .cookie(language_cookie(lang, state.settings.secure_cookies()))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .finish())
}

/// The path of a referring page on this same host; nothing for other sites.
fn same_site_path(req: &HttpRequest, referer: &str) -> Option<String> {
    let host = req.connection_info().host().to_owned();
    let rest = referer.strip_prefix("https://").or_else(|| referer.strip_prefix("http://"))?;
    let path = rest.strip_prefix(host.as_str())?;
    let path = if path.is_empty() { "/" } else { path };
    let safe = crate::auth::session::safe_next(path);
    (safe == path && !path.starts_with("/language/")).then(|| path.to_owned())
}
