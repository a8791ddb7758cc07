//! What fans see: the storefront.

pub mod cache;
pub mod storefront;

pub use cache::StorefrontCache;
