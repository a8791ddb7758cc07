//! A page that explains why something cannot go ahead (sold out, ended, too
//! many tries, the payment service refused) and offers the way back.

pub use super::headers::with_retry_after;

use crate::domain::Language;
use crate::i18n;
use crate::web::error::AppError;
use crate::web::layout::Layout;
use crate::web::page::render;
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
    pub back_label: String,
}

/// The problem page of a drop's fan, in the drop's language, with "Back to
/// the shop"; `heading` is a message id, `message` already in `lang`.
pub fn problem(
    lang: Language,
    status: StatusCode,
    heading: &str,
    message: String,
    back_url: String,
) -> Result<HttpResponse, AppError> {
    let back_label = i18n::text(lang, "back-to-shop");
    let mut page = page(lang, heading, message, back_url, back_label);
    page.layout = page.layout.drop_language();
    render(status, &page)
}

/// The problem page with its own way back (`back_label` a message id).
pub fn problem_page(
    lang: Language,
    status: StatusCode,
    heading: &str,
    message: String,
    back_url: String,
    back_label: &str,
) -> Result<HttpResponse, AppError> {
    render(status, &page(lang, heading, message, back_url, i18n::text(lang, back_label)))
}

fn page(lang: Language, heading: &str, message: String, back_url: String, back_label: String) -> ProblemPage {
    let heading = i18n::text(lang, heading);
    ProblemPage { layout: Layout::house(lang, &heading), heading, message, back_url, back_label }
}
