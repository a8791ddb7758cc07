//! The money path for fans: start a checkout, the demo checkout page, and the
//! pages a payment provider sends buyers back to.

pub mod cancel;
pub mod demo;
pub mod limiter;
pub mod start;
pub mod sweeper;
pub mod thanks;

use crate::routes::layout::Layout;
use askama::Template;

/// A page that explains why a checkout cannot go ahead (sold out, ended,
/// provider trouble) and offers the way back.
#[derive(Template)]
#[template(path = "checkout/problem.html")]
pub struct ProblemPage {
    pub layout: Layout,
    pub heading: String,
    pub message: String,
    pub back_url: String,
    pub back_label: &'static str,
}
