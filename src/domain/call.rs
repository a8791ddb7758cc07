//! An open call: the artist asks the fans for the slogan, fans send ideas
//! (one line each, the same rules as a slogan) and vote for them; the
//! artist launches the winner as a drop.

use super::{DropSlug, Language, ShirtColours, Slogan};

/// An artist's question to the fans, open until it ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    pub id: super::CallId,
    pub account_id: super::AccountId,
    /// Public at `/c/{slug}`.
    pub slug: DropSlug,
    pub question: String,
    pub artist_name: String,
    /// A look key, or `None`: each idea is shown in its own default look.
    pub theme: Option<String>,
    /// The shirt colours the drop will offer; ideas are drawn on the first.
    pub colours: ShirtColours,
    pub language: Language,
    /// Unix milliseconds.
    pub ends_at: i64,
    /// When the artist ended it early.
    pub ended_at: Option<i64>,
    pub created_at: i64,
    /// Bumped on every change (ideas, votes, moderation).
    pub version: i64,
    /// The drop the winning idea became, once launched.
    pub drop_slug: Option<DropSlug>,
    /// The idea that drop was launched from (empty for calls closed before
    /// popshop recorded it).
    pub winner_idea: String,
    /// Taken down by an operator (issue 24), `None` otherwise.
    pub takedown: Option<super::Takedown>,
}

impl Call {
    /// Whether fans may still send ideas and vote.
    pub fn is_open(&self, now: i64) -> bool {
        self.takedown.is_none() && self.ended_at.is_none() && now < self.ends_at
    }
}

/// One fan's idea on a call's board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Idea {
    pub id: String,
    pub call_id: super::CallId,
    /// Validated like a slogan when it was sent.
    pub text: String,
    /// The name the fan wants credited (may be empty).
    pub credit: String,
    pub votes: i64,
    /// Hidden by the artist: off the public board, kept for the artist.
    pub hidden: bool,
    pub pinned: bool,
    /// Taken down by an operator: hidden for good (the artist cannot show it).
    pub taken_down: bool,
    pub created_at: i64,
}

/// What two ideas are compared by to merge duplicates: the text without
/// case or spacing differences ("Loser  Club" = "loser club").
pub fn normalized(idea: &Slogan) -> String {
    idea.as_str().split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// A name to credit: optional, at most 40 characters, no control characters.
pub fn parse_credit(input: &str) -> Result<String, CreditError> {
    let name = input.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.chars().any(super::slogan::is_forbidden) {
        return Err(CreditError::ControlCharacters);
    }
    if unicode_segmentation::UnicodeSegmentation::graphemes(name.as_str(), true).count() > 40 {
        return Err(CreditError::TooLong);
    }
    Ok(name)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CreditError {
    #[error("The name contains invisible control characters; please retype it.")]
    ControlCharacters,
    #[error("Keep the name to 40 characters or fewer.")]
    TooLong,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_idea_typed_twice_is_one_idea() {
        let a = Slogan::parse("Loser  Club ").unwrap();
        let b = Slogan::parse("loser club").unwrap();
        assert_eq!(normalized(&a), normalized(&b));
        let c = Slogan::parse("Freitagabend-Loser").unwrap();
        assert_ne!(normalized(&a), normalized(&c));
    }

    #[test]
    fn credits_are_optional_short_and_clean() {
        assert_eq!(parse_credit("  Jo   K. ").unwrap(), "Jo K.");
        assert_eq!(parse_credit("").unwrap(), "");
        assert_eq!(parse_credit(&"x".repeat(41)), Err(CreditError::TooLong));
        assert_eq!(parse_credit("a\u{202e}b"), Err(CreditError::ControlCharacters));
    }
}
