//! Sign up, log in, log out.

pub mod login;
pub mod logout;
pub mod signup;

use crate::auth::session::login_cookie;
use actix_web::HttpResponse;
use actix_web::http::header;

/// After a successful sign-up or login: set the session cookie and go on.
pub fn logged_in_redirect(token: String, to: &str, secure: bool) -> HttpResponse {
    HttpResponse::SeeOther()
        .cookie(login_cookie(token, secure))
        .insert_header((header::LOCATION, crate::auth::session::safe_next(to).to_owned()))
        .finish()
}

/// Renders an askama page with a status code.
pub fn render(
    status: actix_web::http::StatusCode,
    page: &impl askama::Template,
) -> Result<HttpResponse, crate::error::AppError> {
    let body = page.render().map_err(|e| anyhow::anyhow!("render template: {e}"))?;
    Ok(HttpResponse::build(status)
        .content_type(actix_web::http::header::ContentType::html())
        // Pages speak the visitor's language (the switch's cookie, else
        // Accept-Language): a cache must keep the languages apart.
        .insert_header((actix_web::http::header::VARY, "Accept-Language, Cookie"))
        .body(body))
}
