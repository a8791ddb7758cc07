use std::fmt;

/// A shirt size, in the order a size chart lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Size {
    Xs,
    S,
    M,
    L,
    Xl,
    Xxl,
    Xxxl,
}

impl Size {
    pub const ALL: [Size; 7] = [Self::Xs, Self::S, Self::M, Self::L, Self::Xl, Self::Xxl, Self::Xxxl];

    pub fn label(self) -> &'static str {
        match self {
            Self::Xs => "XS",
            Self::S => "S",
            Self::M => "M",
            Self::L => "L",
            Self::Xl => "XL",
            Self::Xxl => "2XL",
            Self::Xxxl => "3XL",
        }
    }

    pub fn parse(input: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.label().eq_ignore_ascii_case(input.trim()))
    }
}

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The sizes a drop offers: at least one, no duplicates, in chart order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sizes(Vec<Size>);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SizesError {
    #[error("Pick at least one size.")]
    None,
    #[error("“{0}” is not a size we print. Pick from XS to 3XL.")]
    Unknown(String),
}

impl Sizes {
    pub fn parse<'a>(inputs: impl IntoIterator<Item = &'a str>) -> Result<Self, SizesError> {
        let mut sizes = Vec::new();
        for input in inputs {
            let size = Size::parse(input).ok_or_else(|| SizesError::Unknown(truncate(input)))?;
            sizes.push(size);
        }
        sizes.sort();
        sizes.dedup();
        if sizes.is_empty() {
            return Err(SizesError::None);
        }
        Ok(Self(sizes))
    }

    /// Stored form: labels joined by commas, "S,M,L".
    pub fn to_db(&self) -> String {
        self.0.iter().map(|s| s.label()).collect::<Vec<_>>().join(",")
    }

    pub fn from_db(stored: &str) -> Self {
        Self::parse(stored.split(',')).unwrap_or_else(|_| Self(vec![Size::M]))
    }

    pub fn as_slice(&self) -> &[Size] {
        &self.0
    }

    pub fn contains(&self, size: Size) -> bool {
        self.0.contains(&size)
    }
}

/// Echo at most a few characters of junk input back in a message.
pub(crate) fn truncate(input: &str) -> String {
    let mut s: String = input.chars().filter(|c| !c.is_control()).take(20).collect();
    if input.chars().count() > 20 {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_and_dedups() {
        let sizes = Sizes::parse(["XL", "s", "M", "S"]).unwrap();
        assert_eq!(sizes.to_db(), "S,M,XL");
        assert_eq!(Sizes::from_db("S,M,XL"), sizes);
    }

    #[test]
    fn refuses_none_and_unknown() {
        assert_eq!(Sizes::parse([]), Err(SizesError::None));
        assert!(matches!(Sizes::parse(["XXXXL"]), Err(SizesError::Unknown(_))));
    }
}
