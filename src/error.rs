//! One error type for handlers. Every variant renders a real page: bad input and
//! missing things get a clear 4xx, internal failures a friendly 500 with an id
//! to quote (the details go to the log, never to the browser).

use crate::domain::Language;
use crate::routes::layout::Layout;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, ContentType};
use actix_web::{HttpResponse, ResponseError};
use askama::Template;
use std::sync::OnceLock;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("page not found")]
    NotFound,
    #[error("missing or wrong CSRF token")]
    Csrf,
    #[error("login required")]
    LoginRequired { next: String },
    #[error("request body too large")]
    TooLarge,
    #[error("unreadable request")]
    BadRequest,
    /// Too busy to take this now (every password hashing slot taken):
    /// 503 with `Retry-After`.
    #[error("busy")]
    Busy { retry_after: u64 },
    /// This client or account must wait: 429 with `Retry-After`.
    #[error("too many attempts")]
    TooMany { retry_after: u64 },
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<crate::auth::password::HashError> for AppError {
    fn from(e: crate::auth::password::HashError) -> Self {
        match e {
            crate::auth::password::HashError::Busy => Self::Busy { retry_after: 2 },
            crate::auth::password::HashError::Internal(e) => Self::Internal(e),
        }
    }
}

/// The themed shirt shown on the 404 page; rendered once at start-up.
pub static NOT_FOUND_MOCKUP: OnceLock<String> = OnceLock::new();

/// A page explaining what went wrong.
#[derive(Template)]
#[template(path = "errors/page.html")]
pub struct ErrorPage {
    pub layout: Layout,
    pub heading: &'static str,
    pub message: &'static str,
    /// Quoted to support for internal errors; matches the log line.
    pub error_id: Option<String>,
    /// Shirt mockup for the 404 page.
    pub mockup: Option<&'static str>,
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Csrf => StatusCode::FORBIDDEN,
            Self::LoginRequired { .. } => StatusCode::SEE_OTHER,
            Self::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::BadRequest => StatusCode::BAD_REQUEST,
            Self::Busy { .. } => StatusCode::SERVICE_UNAVAILABLE,
            Self::TooMany { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let (heading, message, error_id, mockup) = match self {
            Self::LoginRequired { next } => {
                let target =
                    format!("/login?next={}", form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>());
                return HttpResponse::SeeOther().insert_header((header::LOCATION, target)).finish();
            }
            Self::NotFound => (
                "Nothing here",
                "This page or drop does not exist. Check the link, or start your own drop.",
                None,
                NOT_FOUND_MOCKUP.get().map(String::as_str),
            ),
            Self::Csrf => (
                "This form has expired",
                "For your safety we could not accept it. Go back, reload the page and send the form again.",
                None,
                None,
            ),
            Self::TooLarge => ("That was too much", "The form you sent is larger than we accept (64 KiB).", None, None),
            Self::BadRequest => {
                ("We could not read that", "The link or form was malformed. Go back and try again.", None, None)
            }
            Self::Busy { .. } => (
                "We are very busy right now",
                "Too many people are signing in at this moment. Go back and send the form again in a few seconds \
                 — nothing was saved yet.",
                None,
                None,
            ),
            Self::TooMany { .. } => (
                "Too many attempts",
                "Please wait a little before trying again. Go back when the wait is over; nothing was saved yet.",
                None,
                None,
            ),
            Self::Internal(err) => {
                let id = crate::store::new_id()[..12].to_owned();
                tracing::error!(error_id = %id, error = ?err, "internal error");
                (
                    "Something went wrong on our side",
                    "Nothing you typed was lost on purpose — please try again in a moment.",
                    Some(id),
                    None,
                )
            }
        };
        let page = error_page(self.status_code(), heading, message, error_id, mockup);
        match self {
            Self::Busy { retry_after } | Self::TooMany { retry_after } => {
                crate::web::headers::with_retry_after(page, *retry_after)
            }
            _ => page,
        }
    }
}

pub fn error_page(
    status: StatusCode,
    heading: &'static str,
    message: &'static str,
    error_id: Option<String>,
    mockup: Option<&'static str>,
) -> HttpResponse {
    let page = ErrorPage { layout: Layout::house(Language::En, heading), heading, message, error_id, mockup };
    let body = page.render().unwrap_or_else(|_| message.to_owned());
    HttpResponse::build(status).content_type(ContentType::html()).body(body)
}
