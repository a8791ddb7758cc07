//! What operators and fans say about a shop (issue 24): the reason a drop
//! was taken down, and a fan's report.

/// Why an operator took something down (shown to fans and the artist), or
/// a fan's note on a report: trimmed, 1–500 characters, no control
/// characters but line breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModerationText(String);

/// The most characters a reason or a note takes.
pub const MODERATION_TEXT_MAX: usize = 500;

impl ModerationText {
    /// `None` when empty (after trimming) or too long.
    pub fn parse(input: &str) -> Option<Self> {
        let text: String = input.trim().chars().filter(|c| !c.is_control() || *c == '\n').collect();
        (!text.is_empty() && text.chars().count() <= MODERATION_TEXT_MAX).then_some(Self(text))
    }

    /// As stored (trusted).
    pub fn from_stored(text: String) -> Self {
        Self(text)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for ModerationText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A drop an operator took down: when, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Takedown {
    pub at_ms: i64,
    pub reason: ModerationText,
}

/// What a fan reports a shop for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportReason {
    Infringement,
    Hate,
    Scam,
    Other,
}

impl ReportReason {
    pub const ALL: [Self; 4] = [Self::Infringement, Self::Hate, Self::Scam, Self::Other];

    pub fn key(self) -> &'static str {
        match self {
            Self::Infringement => "infringement",
            Self::Hate => "hate",
            Self::Scam => "scam",
            Self::Other => "other",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.key() == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_trimmed_bounded_and_never_empty() {
        assert_eq!(ModerationText::parse("  Trademark of ACME  ").unwrap().as_str(), "Trademark of ACME");
        assert!(ModerationText::parse("   ").is_none());
        assert!(ModerationText::parse(&"x".repeat(501)).is_none());
        assert_eq!(ModerationText::parse("a\u{0}b\r\nc").unwrap().as_str(), "ab\nc");
        assert_eq!(ReportReason::parse("hate"), Some(ReportReason::Hate));
        assert_eq!(ReportReason::parse("nope"), None);
    }
}
