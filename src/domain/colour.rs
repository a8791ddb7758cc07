use super::size::truncate;

/// A shirt colour from the printer's palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ShirtColour {
    /// Stable identifier stored in the database and used in forms.
    pub key: &'static str,
    /// Name shown to people.
    pub name: &'static str,
    /// Fabric colour as `#rrggbb`.
    pub hex: &'static str,
}

impl ShirtColour {
    pub const PALETTE: [ShirtColour; 10] = [
        Self::new("white", "White", "#f4f4f1"),
        Self::new("black", "Black", "#1c1c1e"),
        Self::new("heather", "Heather grey", "#b4b7bb"),
        Self::new("navy", "Navy", "#1f2a48"),
        Self::new("red", "Red", "#b3232d"),
        Self::new("forest", "Forest green", "#24503a"),
        Self::new("sand", "Sand", "#dccaa8"),
        Self::new("pink", "Pink", "#f1b9c9"),
        Self::new("royal", "Royal blue", "#2850a8"),
        Self::new("mustard", "Mustard", "#d9a21b"),
    ];

    const fn new(key: &'static str, name: &'static str, hex: &'static str) -> Self {
        Self { key, name, hex }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Self::PALETTE.into_iter().find(|c| c.key == key.trim())
    }
}

/// The colours a drop offers: at least one, no duplicates, palette order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShirtColours(Vec<ShirtColour>);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ColoursError {
    #[error("Pick at least one shirt colour.")]
    None,
    #[error("“{0}” is not one of our shirt colours.")]
    Unknown(String),
}

impl ShirtColours {
    pub fn parse<'a>(keys: impl IntoIterator<Item = &'a str>) -> Result<Self, ColoursError> {
        let mut chosen = Vec::new();
        for key in keys {
            let colour = ShirtColour::parse(key).ok_or_else(|| ColoursError::Unknown(truncate(key)))?;
            if !chosen.contains(&colour) {
                chosen.push(colour);
            }
        }
        chosen.sort_by_key(|c| ShirtColour::PALETTE.iter().position(|p| p == c));
        if chosen.is_empty() {
            return Err(ColoursError::None);
        }
        Ok(Self(chosen))
    }

    pub fn to_db(&self) -> String {
        self.0.iter().map(|c| c.key).collect::<Vec<_>>().join(",")
    }

    pub fn from_db(stored: &str) -> Self {
        Self::parse(stored.split(',')).unwrap_or_else(|_| Self(vec![ShirtColour::PALETTE[0]]))
    }

    pub fn as_slice(&self) -> &[ShirtColour] {
        &self.0
    }

    /// The colour shown first on the storefront mockup.
    pub fn first(&self) -> ShirtColour {
        self.0[0]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_palette_keys_in_palette_order() {
        let c = ShirtColours::parse(["navy", "white", "navy"]).unwrap();
        assert_eq!(c.to_db(), "white,navy");
        assert_eq!(c.first().name, "White");
    }

    #[test]
    fn refuses_none_and_unknown() {
        assert_eq!(ShirtColours::parse([]), Err(ColoursError::None));
        assert!(matches!(ShirtColours::parse(["chartreuse"]), Err(ColoursError::Unknown(_))));
    }
}
