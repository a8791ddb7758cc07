//! Validated domain types. Form input becomes these through `parse` at the edge;
//! everything past the edge can trust them.

pub mod call;
pub mod colour;
pub mod details;
mod drop;
pub mod email;
pub mod id;
pub mod language;
pub mod moderation;
pub mod money;
mod order;
pub mod password;
pub mod payment;
pub mod payout;
pub mod product;
pub mod promo;
pub mod quantity;
#[cfg(test)]
pub mod samples;
pub mod shipping;
pub mod size;
pub mod slogan;
mod slug;
pub mod source;

pub use call::{Call, Idea};
pub use colour::{ShirtColour, ShirtColours};
pub use details::Delivery;
pub use drop::{Drop, DropState, FromCall};
pub use email::EmailAddress;
pub use id::{AccountId, CallId, DropId, OrderId};
pub use language::Language;
pub use moderation::{ModerationText, ReportReason, Takedown};
pub use money::{Currency, Money, TaxMode};
pub use order::{Order, OrderStatus, Quantity, ShippingAddress, Way};
pub use password::Password;
pub use payment::{Buyer, EventSubject, PaymentEvent, PaymentEventKind, SessionFacts};
pub use payout::{Fee, PayoutAccount, PayoutStatus, Requirement};
pub use product::{DropProduct, Measures, OrderLine, Product, ProductSpec};
pub use promo::{Discount, PromoCode, PromoProblem};
pub use quantity::{Goal, Stock};
pub use shipping::{Carrier, Fulfilment, Printer, TrackingNumber};
pub use size::{Size, Sizes};
pub use slogan::Slogan;
pub use slug::DropSlug;

/// Why an artist or shop name was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("Enter the artist or shop name fans know you by.")]
    Empty,
    #[error("The name contains invisible control characters; please retype it.")]
    ControlCharacters,
    #[error("Keep the name to 60 characters or fewer.")]
    TooLong,
}

/// Names shown to people (artist or shop name): like a slogan, but at most 60 characters.
pub fn parse_display_name(input: &str) -> Result<String, NameError> {
    match Slogan::parse(input) {
        Err(slogan::SloganError::Empty) => Err(NameError::Empty),
        Err(slogan::SloganError::ControlCharacters | slogan::SloganError::TooManyMarks) => {
            Err(NameError::ControlCharacters)
        }
        Err(slogan::SloganError::TooLong(_)) => Err(NameError::TooLong),
        Ok(s) if unicode_segmentation::UnicodeSegmentation::graphemes(s.as_str(), true).count() > 60 => {
            Err(NameError::TooLong)
        }
        Ok(s) => Ok(s.to_string()),
    }
}
