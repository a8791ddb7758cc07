//! Artist accounts: password hashing, login sessions and CSRF protection.

pub mod accounts;
pub mod csrf;
pub mod password;
pub mod session;
pub mod throttle;

pub use csrf::CsrfToken;
pub use session::{Artist, MaybeArtist, OwnedDrop, SESSION_COOKIE};

pub use crate::store::random_token;
