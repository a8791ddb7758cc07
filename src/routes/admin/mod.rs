//! `/admin`: the operators' console (issue 24). Anyone else gets the same
//! 404 as for a page that does not exist; a visitor is asked to log in first.

pub mod account;
pub mod call;
pub mod drop;
pub mod index;

use crate::auth::Artist;
use crate::state::AppState;
use crate::store::Account;
use crate::web::error::AppError;
use crate::web::layout::Layout;
use askama::Template;

/// The logged-in operator.
async fn operator(state: &AppState, artist: Artist) -> Result<Account, AppError> {
    let Artist(account) = artist;
    if state.moderation().is_operator(&account).await? { Ok(account) } else { Err(AppError::NotFound) }
}

/// The no-JavaScript confirmation of an action that carries a reason
/// (taking a drop down, suspending an account).
#[derive(Template)]
#[template(path = "admin/confirm_with_reason.html")]
pub struct ConfirmWithReason {
    pub layout: Layout,
    pub heading: String,
    pub message: String,
    pub button: String,
    pub action: String,
    pub csrf: String,
    pub reason: String,
    pub back: String,
}

impl ConfirmWithReason {
    /// The page in `lang`, its words from the `heading`, `message` and
    /// `button` message ids.
    #[allow(clippy::too_many_arguments)]
    pub fn ask(
        lang: crate::domain::Language,
        [heading, message, button]: [&str; 3],
        action: String,
        csrf: &str,
        reason: &crate::domain::ModerationText,
        back: String,
    ) -> Result<actix_web::HttpResponse, AppError> {
        let t = |id: &str| crate::i18n::text(lang, id);
        let page = Self {
            layout: Layout::house(lang, &t(heading)),
            heading: t(heading),
            message: t(message),
            button: t(button),
            action,
            csrf: csrf.to_owned(),
            reason: reason.to_string(),
            back,
        };
        crate::web::page::render(actix_web::http::StatusCode::OK, &page)
    }
}

/// The no-JavaScript confirmation of an action without a reason (restore,
/// unsuspend): the page's words from the `heading`, `message` and `button`
/// message ids.
pub fn ask_plain(
    lang: crate::domain::Language,
    [heading, message, button]: [&str; 3],
    action: &str,
    csrf: &str,
    back: &str,
) -> Result<actix_web::HttpResponse, AppError> {
    let t = |id: &str| crate::i18n::text(lang, id);
    crate::web::confirm::ask(crate::web::confirm::ConfirmPage {
        layout: Layout::house(lang, &t(heading)),
        heading: &t(heading),
        message: &t(message),
        action,
        csrf,
        button: &t(button),
        back_url: back,
        back_label: &t("admin-back"),
    })
}
