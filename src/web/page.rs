//! Answers every handler gives: a rendered askama page with its status, and
//! a redirect after a post (303 See Other).

use super::error::AppError;
use actix_web::HttpResponse;
use actix_web::http::{StatusCode, header};

/// Renders an askama page with a status code.
pub fn render(status: StatusCode, page: &impl askama::Template) -> Result<HttpResponse, AppError> {
    let body = page.render().map_err(|e| anyhow::anyhow!("render template: {e}"))?;
    Ok(HttpResponse::build(status)
        .content_type(header::ContentType::html())
        // Pages speak the visitor's language (the switch's cookie, else
        // Accept-Language): a cache must keep the languages apart.
        .insert_header((header::VARY, "Accept-Language, Cookie"))
        .body(body))
}

/// 303 See Other to `to`: after a post, the browser asks for `to` with a GET.
pub fn redirect(to: impl Into<String>) -> HttpResponse {
    see_other(to).finish()
}

/// [`redirect`]'s builder, for an answer that also sets a cookie.
pub fn see_other(to: impl Into<String>) -> actix_web::HttpResponseBuilder {
    let mut builder = HttpResponse::SeeOther();
    builder.insert_header((header::LOCATION, to.into()));
    builder
}
