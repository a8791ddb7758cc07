//! A page that explains why something cannot go ahead (sold out, ended, too
//! many tries, the payment service refused) and offers the way back.

pub use super::headers::with_retry_after;

use crate::error::AppError;
use crate::routes::account::render;
use crate::routes::layout::Layout;
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use askama::Template;

#[derive(Template)]
#[template(path = "checkout/problem.html")]
pub struct ProblemPage {
    pub layout: Layout,
    pub heading: String,
    pub message: String,
    pub back_url: String,
    pub back_label: &'static str,
}

/// The problem page with "Back to the shop".
pub fn problem(status: StatusCode, heading: &str, message: String, back_url: String) -> Result<HttpResponse, AppError> {
    problem_page(status, heading, message, back_url, "Back to the shop")
}

/// The problem page with its own way back.
pub fn problem_page(
    status: StatusCode,
    heading: &str,
    message: String,
    back_url: String,
    back_label: &'static str,
) -> Result<HttpResponse, AppError> {
    let page =
        ProblemPage { layout: Layout::house(heading), heading: heading.to_owned(), message, back_url, back_label };
    render(status, &page)
}
