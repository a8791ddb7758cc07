//! What fans see: the storefront.

pub mod cache;
pub mod card;
pub mod favicon;
pub mod overlay;
pub mod storefront;

pub use cache::{CardCache, StorefrontCache};
