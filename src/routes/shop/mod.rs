//! What fans see: the storefront, its share card and its live totals.

pub mod card;
pub mod events;
pub mod favicon;
pub mod font;
pub mod overlay;
pub mod report;
pub mod restock;
pub mod seen;
pub mod shirt;
pub mod storefront;
