//! A step that cannot be undone (ending a drop, refunding an order) is done
//! only when the form says `confirmed=yes`. With JavaScript the form's
//! `confirm()` dialog sets it; without, the first post shows this page,
//! whose button posts again, confirmed.

use crate::web::error::AppError;
use crate::web::forms::FormData;
use crate::web::layout::Layout;
use crate::web::page::render;
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use askama::Template;

#[derive(Template)]
#[template(path = "dashboard/confirm.html")]
pub struct ConfirmPage<'a> {
    pub layout: Layout,
    pub heading: &'a str,
    pub message: &'a str,
    /// Where the confirmed form posts (the same address).
    pub action: &'a str,
    pub csrf: &'a str,
    pub button: &'a str,
    pub back_url: &'a str,
    pub back_label: &'a str,
}

/// Whether the post carries the artist's confirmation.
pub fn confirmed(form: &FormData) -> bool {
    form.get("confirmed") == "yes"
}

/// The page asking once more.
pub fn ask(page: ConfirmPage<'_>) -> Result<HttpResponse, AppError> {
    render(StatusCode::OK, &page)
}
