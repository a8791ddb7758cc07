//! Artist accounts: password hashing, login sessions and CSRF protection.

pub mod accounts;
pub mod csrf;
pub mod password;
pub mod session;
pub mod throttle;

pub use csrf::CsrfToken;
pub use session::{Artist, MaybeArtist, OwnedDrop, SESSION_COOKIE};

/// 256 random bits as hex: session tokens and CSRF tokens.
pub fn random_token() -> String {
    hex::encode(rand::random::<[u8; 32]>())
}
