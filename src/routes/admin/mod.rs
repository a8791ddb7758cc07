//! `/admin`: the operators' console (issue 24). Anyone else gets the same
//! 404 as for a page that does not exist; a visitor is asked to log in first.

pub mod drop;
pub mod index;

use crate::auth::Artist;
use crate::state::AppState;
use crate::store::Account;
use crate::web::error::AppError;

/// The logged-in operator.
async fn operator(state: &AppState, artist: Artist) -> Result<Account, AppError> {
    let Artist(account) = artist;
    if state.moderation().is_operator(&account).await? { Ok(account) } else { Err(AppError::NotFound) }
}
