//! The languages popshop speaks: every page in English and German. A drop
//! keeps the language its artist picked for its storefront, checkout and
//! thanks pages; the artist's own pages follow the visitor's choice.

/// A language popshop's pages are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Language {
    #[default]
    En,
    De,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::En, Language::De];

    /// The BCP 47 tag: `<html lang>`, the stored value, Stripe's `locale`.
    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::De => "de",
        }
    }

    /// The language's own name for itself, as a language switch shows it.
    pub fn name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::De => "Deutsch",
        }
    }

    /// A stored or submitted tag; `de-AT` counts as German.
    pub fn parse(tag: &str) -> Option<Self> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
        Self::ALL.into_iter().find(|l| l.code().eq_ignore_ascii_case(primary))
    }

    /// The stored value back; anything unknown reads as English.
    pub fn from_stored(tag: &str) -> Self {
        Self::parse(tag).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::Language;

    #[test]
    fn parses_tags_with_regions_and_refuses_others() {
        assert_eq!(Language::parse("de-AT"), Some(Language::De));
        assert_eq!(Language::parse("EN_gb"), Some(Language::En));
        assert_eq!(Language::parse("fr"), None);
        assert_eq!(Language::parse(""), None);
        assert_eq!(Language::from_stored("xx"), Language::En);
    }
}
