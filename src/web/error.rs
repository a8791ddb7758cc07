//! One error type for handlers. Every variant renders a real page: bad input and
//! missing things get a clear 4xx, internal failures a friendly 500 with an id
//! to quote (the details go to the log, never to the browser).

use crate::domain::Language;
use crate::web::layout::Layout;
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
    /// The server holds as many connections or live streams as it may:
    /// 503 with `Retry-After`.
    #[error("crowded")]
    Crowded { retry_after: u64 },
    /// The request's body did not arrive in time (`POPSHOP_BODY_SECONDS`):
    /// 408, and the connection is closed.
    #[error("request body too slow")]
    SlowBody,
    /// This client or account must wait: 429 with `Retry-After`.
    #[error("too many attempts")]
    TooMany { retry_after: u64 },
    /// An operator took the shop down (issue 24): 410 with their reason.
    #[error("taken down")]
    Gone { reason: String },
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// The themed shirt shown on the 404 page; rendered once at start-up.
pub static NOT_FOUND_MOCKUP: OnceLock<String> = OnceLock::new();

/// A page explaining what went wrong.
#[derive(Template)]
#[template(path = "errors/page.html")]
pub struct ErrorPage {
    pub layout: Layout,
    pub heading: String,
    pub message: String,
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
            Self::Busy { .. } | Self::Crowded { .. } => StatusCode::SERVICE_UNAVAILABLE,
            Self::SlowBody => StatusCode::REQUEST_TIMEOUT,
            Self::TooMany { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Gone { .. } => StatusCode::GONE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        self.response_in(Language::En)
    }
}

impl AppError {
    /// The error's page in `lang`. Every page is first rendered in English
    /// (actix asks for it without the request); the request layer
    /// (`server::envelope`) asks again in the visitor's language, except
    /// for internal errors, whose page carries the id already logged.
    pub fn response_in(&self, lang: Language) -> HttpResponse {
        let (heading, message, error_id, mockup) = match self {
            Self::LoginRequired { next } => {
                let target =
                    format!("/login?next={}", form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>());
                return crate::web::redirect(target);
            }
            Self::NotFound => {
                ("error-not-found", "error-not-found-note", None, NOT_FOUND_MOCKUP.get().map(String::as_str))
            }
            Self::Csrf => ("error-csrf", "error-csrf-note", None, None),
            Self::TooLarge => ("error-too-large", "error-too-large-note", None, None),
            Self::BadRequest => ("error-bad-request", "error-bad-request-note", None, None),
            Self::Busy { .. } => ("error-busy", "error-busy-note", None, None),
            Self::Crowded { .. } => ("error-crowded", "error-crowded-note", None, None),
            Self::SlowBody => ("error-slow", "error-slow-note", None, None),
            Self::TooMany { .. } => ("error-too-many", "error-too-many-note", None, None),
            Self::Gone { reason } => {
                let heading = crate::i18n::text(lang, "error-gone");
                let message = crate::i18n::text_with(
                    lang,
                    "error-gone-note",
                    &[("reason", crate::i18n::Arg::Text(reason.clone()))],
                );
                let page =
                    ErrorPage { layout: Layout::house(lang, &heading), heading, message, error_id: None, mockup: None };
                let body = page.render().unwrap_or_else(|_| page.message.clone());
                return HttpResponse::build(StatusCode::GONE)
                    .content_type(ContentType::html())
                    .insert_header((header::VARY, "Accept-Language, Cookie"))
                    .insert_header((header::CACHE_CONTROL, "no-store"))
                    .body(body);
            }
            Self::Internal(err) => {
                let id = crate::store::new_id()[..12].to_owned();
                tracing::error!(error_id = %id, error = ?err, "internal error");
                ("error-internal", "error-internal-note", Some(id), None)
            }
        };
        let page = error_page(lang, self.status_code(), heading, message, error_id, mockup);
        match self {
            Self::Busy { retry_after } | Self::Crowded { retry_after } | Self::TooMany { retry_after } => {
                crate::web::headers::with_retry_after(page, *retry_after)
            }
            // The rest of a slow body is not worth waiting for.
            Self::SlowBody => {
                let mut page = page;
                page.head_mut().set_connection_type(actix_web::http::ConnectionType::Close);
                page
            }
            _ => page,
        }
    }
}

/// An error page; `heading` and `message` are message ids.
pub fn error_page(
    lang: Language,
    status: StatusCode,
    heading: &str,
    message: &str,
    error_id: Option<String>,
    mockup: Option<&'static str>,
) -> HttpResponse {
    let (heading, message) = (crate::i18n::text(lang, heading), crate::i18n::text(lang, message));
    let page = ErrorPage { layout: Layout::house(lang, &heading), heading, message, error_id, mockup };
    let body = page.render().unwrap_or_else(|_| page.message.clone());
    HttpResponse::build(status)
        .content_type(ContentType::html())
        .insert_header((header::VARY, "Accept-Language, Cookie"))
        .body(body)
}
