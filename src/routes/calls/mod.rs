//! Fans write the slogan together (issue 10): the artist opens a call
//! (`/calls/new`), fans send ideas and vote on `/c/{slug}`; every idea is
//! drawn as a shirt in the call's look. Works without JavaScript: ideas and
//! votes are form posts that come back to the board.

pub mod board;
pub mod live;
pub mod new;
pub mod picture;

use crate::design::Theme;
use crate::domain::{Call, Idea};

/// The look an idea is shown in: the call's, or the idea's own default.
pub fn theme_of(call: &Call, idea: &Idea) -> &'static Theme {
    call.theme.as_deref().and_then(Theme::by_key).unwrap_or_else(|| Theme::default_for(&idea.text))
}

/// The fan id of the page's own form token (always one popshop signed), to
/// show which ideas this browser voted for. Votes and ideas take the fan
/// from the request's cookie instead (`csrf::fan_of`).
pub fn fan_of(csrf: &crate::auth::CsrfToken) -> String {
    crate::auth::csrf::fan_id(&csrf.0)
}

/// The call at `/c/{slug}` (anything else: a 404; taken down: a 410).
pub async fn call_at(state: &crate::state::AppState, slug: &str) -> Result<Call, crate::web::error::AppError> {
    use crate::web::error::AppError;
    let slug = crate::domain::DropSlug::parse(slug).ok_or(AppError::NotFound)?;
    let call = state.store.call_by_slug(&slug).await?.ok_or(AppError::NotFound)?;
    // Taken down by an operator: gone, with the reason (issue 24).
    match &call.takedown {
        Some(takedown) => Err(AppError::Gone { reason: takedown.reason.to_string() }),
        None => Ok(call),
    }
}
