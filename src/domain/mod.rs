//! Validated domain types. Form input becomes these through `parse` at the edge;
//! everything past the edge can trust them.

pub mod colour;
pub mod details;
mod drop;
pub mod email;
pub mod money;
mod order;
pub mod password;
pub mod payment;
pub mod quantity;
pub mod size;
pub mod slogan;
mod slug;

pub use colour::{ShirtColour, ShirtColours};
pub use details::Delivery;
pub use drop::{Drop, DropState, time_left_label};
pub use email::EmailAddress;
pub use money::{Currency, Money};
pub use order::{Order, OrderStatus, Quantity, ShippingAddress};
pub use password::Password;
pub use payment::{Buyer, EventSubject, PaymentEvent, PaymentEventKind, SessionFacts};
pub use quantity::{Goal, Stock};
pub use size::{Size, Sizes};
pub use slogan::Slogan;
pub use slug::DropSlug;

/// Names shown to people (artist or shop name): like a slogan, but at most 60 characters.
pub fn parse_display_name(input: &str) -> Result<String, &'static str> {
    match Slogan::parse(input) {
        Err(slogan::SloganError::Empty) => Err("Enter the artist or shop name fans know you by."),
        Err(slogan::SloganError::ControlCharacters | slogan::SloganError::TooManyMarks) => {
            Err("The name contains invisible control characters; please retype it.")
        }
        Err(slogan::SloganError::TooLong(_)) => Err("Keep the name to 60 characters or fewer."),
        Ok(s) if unicode_segmentation::UnicodeSegmentation::graphemes(s.as_str(), true).count() > 60 => {
            Err("Keep the name to 60 characters or fewer.")
        }
        Ok(s) => Ok(s.to_string()),
    }
}
