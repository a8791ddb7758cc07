//! Reading `application/x-www-form-urlencoded` bodies without ever failing:
//! invalid UTF-8 is replaced, repeated keys (checkbox groups) are kept, and a
//! missing field reads as empty. Validation happens in the domain types.

/// One option of a checkbox, radio or select group, as a page shows it.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub checked: bool,
    /// Swatch colour for shirt colours ("" for others).
    pub swatch: &'static str,
}

impl Choice {
    /// Every shirt colour of the palette, named in `lang`, those in `chosen`
    /// (keys) checked.
    pub fn colours(lang: crate::domain::Language, chosen: &[String]) -> Vec<Choice> {
        crate::domain::ShirtColour::PALETTE
            .iter()
            .map(|c| Choice {
                value: c.key.into(),
                label: crate::i18n::colour_name(lang, *c),
                checked: chosen.iter().any(|k| k == c.key),
                swatch: c.hex,
            })
            .collect()
    }

    /// Every language popshop speaks, by its own name (English, Deutsch),
    /// `chosen` (a code) checked.
    pub fn languages(chosen: &str) -> Vec<Choice> {
        crate::domain::Language::ALL
            .iter()
            .map(|l| Choice {
                value: l.code().into(),
                label: l.name().to_owned(),
                checked: chosen == l.code(),
                swatch: "",
            })
            .collect()
    }
}

/// A parsed form body.
#[derive(Debug, Default, Clone)]
pub struct FormData {
    pairs: Vec<(String, String)>,
}

impl FormData {
    pub fn parse(body: &[u8]) -> Self {
        Self { pairs: form_urlencoded::parse(body).map(|(k, v)| (k.into_owned(), v.into_owned())).collect() }
    }

    /// The first value of `name`, or "" when absent.
    pub fn get(&self, name: &str) -> &str {
        self.pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or("")
    }

    /// Every value of `name`, in order (checkbox groups).
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.pairs.iter().filter(|(k, _)| k == name).map(|(_, v)| v.as_str()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_repeated_keys_and_survives_garbage() {
        let f = FormData::parse(b"sizes=S&sizes=M&slogan=%FF%FEhi&x");
        assert_eq!(f.all("sizes"), ["S", "M"]);
        assert_eq!(f.get("slogan"), "\u{FFFD}\u{FFFD}hi");
        assert_eq!(f.get("missing"), "");
    }
}
