use std::fmt;
use unicode_segmentation::UnicodeSegmentation;

/// The words on the shirt: trimmed, whitespace collapsed, 1–80 user-perceived
/// characters (grapheme clusters), no control or bidi-override characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slogan(String);

/// Why a slogan was refused; the message is shown beside the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SloganError {
    #[error("Type a slogan for the shirt.")]
    Empty,
    #[error("Keep the slogan to {max} characters or fewer (this one has {0}).", max = Slogan::MAX_CHARS)]
    TooLong(usize),
    #[error("The slogan contains invisible control or text-direction characters; please retype it.")]
    ControlCharacters,
    #[error("One character of the slogan carries too many accents or marks to print; please retype it.")]
    TooManyMarks,
}

impl Slogan {
    pub const MAX_CHARS: usize = 80;
    /// Code points one user-perceived character may have: room for the
    /// longest emoji sequences (a family or a kiss with skin tones is 7–10)
    /// and stacked accents, not for "Zalgo" text with hundreds of marks.
    pub const MAX_CODE_POINTS_PER_CHARACTER: usize = 12;

    pub fn parse(input: &str) -> Result<Self, SloganError> {
        // Collapse every run of whitespace (newlines and tabs too) into one space.
        let collapsed = input.split_whitespace().collect::<Vec<_>>().join(" ");
        if collapsed.is_empty() {
            return Err(SloganError::Empty);
        }
        if collapsed.chars().any(is_forbidden) {
            return Err(SloganError::ControlCharacters);
        }
        if collapsed.graphemes(true).any(|g| g.chars().count() > Self::MAX_CODE_POINTS_PER_CHARACTER) {
            return Err(SloganError::TooManyMarks);
        }
        let count = collapsed.graphemes(true).count();
        if count > Self::MAX_CHARS {
            return Err(SloganError::TooLong(count));
        }
        Ok(Self(collapsed))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Control characters and the bidi embedding/override/isolate controls, which can
/// make a slogan display differently from what it says; and Unicode's
/// noncharacters (U+FDD0–U+FDEF, U+xFFFE, U+xFFFF), which XML — so SVG, so the
/// card and the print file — may not contain.
pub fn is_forbidden(c: char) -> bool {
    let code = u32::from(c);
    (0xFDD0..=0xFDEF).contains(&code)
        || code & 0xFFFE == 0xFFFE
        || c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
        || matches!(c, '\u{FFF9}'..='\u{FFFB}' | '\u{FEFF}')
}

impl fmt::Display for Slogan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Slogan {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn trims_and_collapses_whitespace() {
        let s = Slogan::parse("  Be a\n Friday   Night Loser  ").unwrap();
        assert_eq!(s.as_str(), "Be a Friday Night Loser");
    }

    #[test]
    fn counts_grapheme_clusters_not_bytes() {
        // A family emoji is one grapheme made of several code points.
        let family = "👨‍👩‍👧‍👦".repeat(80);
        assert!(Slogan::parse(&family).is_ok());
        assert_eq!(Slogan::parse(&"ü".repeat(81)), Err(SloganError::TooLong(81)));
    }

    #[test]
    fn rejects_empty_control_and_bidi_override() {
        assert_eq!(Slogan::parse("   "), Err(SloganError::Empty));
        assert_eq!(Slogan::parse("a\u{0}b"), Err(SloganError::ControlCharacters));
        assert_eq!(Slogan::parse("abc\u{202E}def"), Err(SloganError::ControlCharacters));
    }

    #[test]
    fn keeps_html_as_plain_text() {
        let s = Slogan::parse("<script>alert(1)</script>").unwrap();
        assert_eq!(s.as_str(), "<script>alert(1)</script>");
    }

    proptest! {
        #[test]
        fn parse_never_panics_and_accepted_slogans_are_within_limits(input in "\\PC{0,120}") {
            if let Ok(s) = Slogan::parse(&input) {
                let n = s.as_str().graphemes(true).count();
                prop_assert!((1..=Slogan::MAX_CHARS).contains(&n));
                prop_assert_eq!(s.as_str().trim(), s.as_str());
            }
        }
    }
}
