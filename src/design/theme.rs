//! The looks a drop can wear: palette, typeface and layout style.

use super::layout::Align;

/// How the slogan's letters are cased on the shirt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Upper,
    AsTyped,
}

/// A decoration drawn with the slogan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ornament {
    None,
    /// A bar under the last line in the accent colour.
    Underline,
    /// A frame around the whole block.
    Box,
}

/// A curated look. Page colours meet WCAG AA against each other (checked by a test).
#[derive(Debug, PartialEq)]
pub struct Theme {
    /// Stable identifier stored on the drop.
    pub key: &'static str,
    pub name: &'static str,
    /// Key of the typeface in the font library.
    pub font: &'static str,
    /// The face a slogan is set in when the typeface lacks some of its
    /// letters (Vietnamese, Turkish İ, Cyrillic in a Latin-only face): a
    /// serif for the serif and script looks, a sans for the others — the
    /// whole slogan in one face rather than a patchwork of two.
    pub fallback_font: &'static str,
    /// The face for small page text (the artist's name, subheadings) when
    /// the look's own face is only legible large (Sketchbook's hatching).
    pub small_font: Option<&'static str>,
    pub case: Case,
    pub align: Align,
    /// Rotation of the design in degrees (negative tilts up to the right).
    pub slant: f32,
    /// Distance between baselines, in em.
    pub line_height: f32,
    pub ornament: Ornament,
    /// A soft halo of the accent colour around the letters (part of the
    /// design: mockup, card and print file all carry it).
    pub glow: bool,
    /// The first line set on an arch, as a varsity or college shirt does,
    /// when the slogan's shape allows it (`mockup::arch_for`).
    pub arch: bool,
    /// Storefront page colours.
    pub page_bg: &'static str,
    pub page_ink: &'static str,
    pub accent: &'static str,
    /// Text on `accent` (buttons).
    pub accent_ink: &'static str,
    /// Candidate inks for the print; the most legible on the shirt colour wins.
    pub print_inks: [&'static str; 2],
    /// Words that make this look the default for a slogan.
    keywords: &'static [&'static str],
}

pub const THEMES: [Theme; 10] = [
    Theme {
        key: "poster",
        name: "Bold poster",
        font: "bebas",
        fallback_font: "noto-sans",
        small_font: None,
        case: Case::Upper,
        align: Align::Center,
        slant: 0.0,
        line_height: 0.92,
        ornament: Ornament::None,
        glow: false,
        arch: false,
        page_bg: "#141414",
        page_ink: "#f7f3ea",
        accent: "#ffd23f",
        accent_ink: "#141414",
        print_inks: ["#141414", "#ffd23f"],
        keywords: &["night", "midnight", "loud", "live", "tour", "friday", "party", "dark"],
    },
    Theme {
        key: "retro",
        name: "Retro script",
        font: "lobster",
        // Letters Lobster lacks: a bold italic serif, still slanted and warm.
        fallback_font: "serif-italic",
        small_font: None,
        case: Case::AsTyped,
        align: Align::Center,
        slant: -4.0,
        line_height: 1.08,
        ornament: Ornament::Underline,
        glow: false,
        arch: false,
        page_bg: "#fdf1dc",
        page_ink: "#3a1d0f",
        accent: "#a63d16",
        accent_ink: "#ffffff",
        print_inks: ["#a63d16", "#fdf1dc"],
        keywords: &["love", "heart", "sweet", "baby", "summer", "kiss", "sun", "dream", "liebe"],
    },
    Theme {
        key: "zine",
        name: "Punk zine",
        // Hand-lettered in marker, like a photocopied gig flyer.
        font: "marker",
        fallback_font: "noto-sans",
        small_font: None,
        case: Case::Upper,
        align: Align::Center,
        slant: -6.0,
        line_height: 1.0,
        ornament: Ornament::Box,
        glow: false,
        arch: false,
        page_bg: "#fffef5",
        page_ink: "#111111",
        accent: "#c8104f",
        accent_ink: "#ffffff",
        print_inks: ["#111111", "#f5f5f0"],
        keywords: &["riot", "punk", "chaos", "noise", "fight", "zine", "rage", "loser", "rebel"],
    },
    Theme {
        key: "typewriter",
        name: "Typewriter",
        font: "courier",
        // Letters Courier Prime lacks: Liberation Mono, Courier-metric monospace.
        fallback_font: "mono",
        small_font: None,
        case: Case::AsTyped,
        align: Align::Left,
        slant: 0.0,
        line_height: 1.12,
        ornament: Ornament::None,
        glow: false,
        arch: false,
        page_bg: "#f3efe6",
        page_ink: "#222222",
        accent: "#1f4e79",
        accent_ink: "#ffffff",
        print_inks: ["#222222", "#f3efe6"],
        keywords: &["poem", "words", "letter", "write", "story", "book", "quiet", "code"],
    },
    Theme {
        key: "geometric",
        name: "Geometric",
        font: "spartan",
        fallback_font: "noto-sans",
        small_font: None,
        case: Case::Upper,
        align: Align::Center,
        slant: 0.0,
        line_height: 1.0,
        ornament: Ornament::Underline,
        glow: false,
        arch: true,
        page_bg: "#ffffff",
        page_ink: "#0f172a",
        accent: "#4338ca",
        accent_ink: "#ffffff",
        print_inks: ["#0f172a", "#ffffff"],
        keywords: &["future", "city", "club", "team", "crew", "studio", "modern"],
    },
    Theme {
        key: "serif",
        name: "Serif classic",
        font: "garamond",
        fallback_font: "garamond",
        small_font: None,
        case: Case::AsTyped,
        align: Align::Center,
        slant: 0.0,
        line_height: 1.05,
        ornament: Ornament::Underline,
        glow: false,
        arch: true,
        page_bg: "#f7f3ec",
        page_ink: "#1d1a16",
        accent: "#7a1f1f",
        accent_ink: "#ffffff",
        print_inks: ["#1d1a16", "#f7f3ec"],
        keywords: &["classic", "forever", "history", "grace", "soul", "old", "family"],
    },
    Theme {
        key: "brush",
        name: "Brush script",
        font: "kaushan",
        // Letters Kaushan lacks: a bold italic serif keeps the handwritten slant.
        fallback_font: "serif-italic",
        small_font: None,
        case: Case::AsTyped,
        align: Align::Center,
        slant: -5.0,
        line_height: 1.0,
        ornament: Ornament::None,
        glow: false,
        arch: false,
        page_bg: "#0f2a2e",
        page_ink: "#f4efe6",
        accent: "#ff7a45",
        accent_ink: "#1a1a1a",
        print_inks: ["#0f2a2e", "#f4efe6"],
        keywords: &["surf", "wild", "free", "road", "ride", "ocean", "wave"],
    },
    Theme {
        key: "neon",
        name: "Neon night",
        font: "quicksand",
        // Letters Quicksand lacks: Comfortaa, as round as neon tubing.
        fallback_font: "comfortaa",
        small_font: None,
        case: Case::Upper,
        align: Align::Center,
        slant: 0.0,
        line_height: 1.0,
        ornament: Ornament::Box,
        glow: true,
        arch: false,
        page_bg: "#0b0b1a",
        page_ink: "#e8e8ff",
        accent: "#ff3ea5",
        accent_ink: "#0b0b1a",
        print_inks: ["#111133", "#ff3ea5"],
        keywords: &["neon", "rave", "disco", "glow", "techno", "electric", "dance"],
    },
    Theme {
        key: "pastel",
        name: "Pastel script",
        font: "dancing",
        // Letters Dancing Script lacks: a bold italic serif keeps it soft and slanted.
        fallback_font: "serif-italic",
        small_font: None,
        case: Case::AsTyped,
        align: Align::Center,
        slant: -3.0,
        line_height: 1.05,
        ornament: Ornament::Underline,
        glow: false,
        arch: false,
        page_bg: "#fdf0f5",
        page_ink: "#4a2040",
        accent: "#b83280",
        accent_ink: "#ffffff",
        print_inks: ["#b83280", "#fdf0f5"],
        keywords: &["cute", "soft", "pastel", "flower", "bloom", "honey", "sweetheart"],
    },
    Theme {
        key: "sketch",
        name: "Sketchbook",
        font: "sketch",
        fallback_font: "noto-sans",
        small_font: Some("noto-sans"),
        case: Case::Upper,
        align: Align::Center,
        slant: 0.0,
        line_height: 1.0,
        ornament: Ornament::Box,
        glow: false,
        arch: false,
        page_bg: "#f2f5ea",
        page_ink: "#1f2d1f",
        accent: "#2f6b3a",
        accent_ink: "#ffffff",
        print_inks: ["#1f2d1f", "#f2f5ea"],
        keywords: &["school", "college", "campus", "sketch", "draw", "art", "varsity"],
    },
];

/// Looks whose face is a bold sans, like the Noto fallbacks that draw
/// scripts the display faces lack: "auto" picks among these for such slogans.
pub const LOOKS_FOR_OTHER_SCRIPTS: [&str; 4] = ["poster", "zine", "geometric", "neon"];

/// *Auto* picks among the looks printing a slogan at least this share of
/// the largest any look prints it.
pub const AUTO_WITHIN: f32 = 0.8;

/// Whether most of the letters are Latin (the display faces' script).
fn mostly_latin(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic());
    let (latin, all) = letters
        .fold((0, 0), |(l, a), c| (l + usize::from(c <= '\u{024F}' || ('\u{1E00}'..='\u{1EFF}').contains(&c)), a + 1));
    all == 0 || latin * 2 > all
}

impl Theme {
    pub fn by_key(key: &str) -> Option<&'static Theme> {
        THEMES.iter().find(|t| t.key == key)
    }

    /// The look a slogan gets unless the artist picks another: a keyword match if
    /// any, else a stable hash of the slogan. Never random.
    ///
    /// A slogan mostly in a script other than Latin (Japanese, Arabic, Thai…)
    /// is drawn by the Noto fallbacks, bold sans faces, whatever the look:
    /// "auto" then picks among the looks whose own face is a bold sans too
    /// ([`LOOKS_FOR_OTHER_SCRIPTS`]), never a script or serif look whose
    /// character would be lost.
    pub fn default_for(slogan: &str) -> &'static Theme {
        let lower = slogan.to_lowercase();
        let candidates: Vec<&'static Theme> = if mostly_latin(slogan) {
            THEMES.iter().collect()
        } else {
            THEMES.iter().filter(|t| LOOKS_FOR_OTHER_SCRIPTS.contains(&t.key)).collect()
        };
        let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        if let Some(theme) = candidates.iter().find(|t| t.keywords.iter().any(|k| words.contains(k))) {
            return theme;
        }
        // FNV-1a: stable across runs, platforms and Rust versions (unlike `DefaultHasher`).
        let hash = crate::design::stable_hash(lower.as_bytes());
        candidates[(hash % candidates.len() as u64) as usize]
    }

    /// *Auto* with a measure: [`Self::default_for`]'s choice among the
    /// looks that print the slogan within [`AUTO_WITHIN`] of the largest
    /// (`share`: the share of the print area its lettering takes in a look),
    /// so a look that would print it as a small stamp is never picked.
    pub fn auto(slogan: &str, share: impl Fn(&Theme) -> f32) -> &'static Theme {
        let lower = slogan.to_lowercase();
        let candidates: Vec<(&'static Theme, f32)> = THEMES
            .iter()
            .filter(|t| mostly_latin(slogan) || LOOKS_FOR_OTHER_SCRIPTS.contains(&t.key))
            .map(|t| (t, share(t)))
            .collect();
        let best = candidates.iter().map(|(_, s)| *s).fold(0.0, f32::max);
        let fine: Vec<&'static Theme> =
            candidates.iter().filter(|(_, s)| *s >= best * AUTO_WITHIN).map(|(t, _)| *t).collect();
        let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        if let Some(theme) = fine.iter().find(|t| t.keywords.iter().any(|k| words.contains(k))) {
            return theme;
        }
        match fine.len() {
            0 => Self::default_for(slogan),
            n => fine[(crate::design::stable_hash(lower.as_bytes()) % n as u64) as usize],
        }
    }

    /// The look stored on a drop (`key`), or the slogan's default if the key
    /// is unknown (a look removed since the drop was made).
    pub fn of_drop(key: &str, slogan: &str) -> &'static Theme {
        Theme::by_key(key).unwrap_or_else(|| Theme::default_for(slogan))
    }

    /// The slogan as it is printed in this look.
    pub fn apply_case(&self, slogan: &str) -> String {
        match self.case {
            Case::Upper => slogan.to_uppercase(),
            Case::AsTyped => slogan.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::contrast_ratio;

    #[test]
    fn auto_never_picks_a_look_that_prints_the_slogan_small() {
        let fonts = crate::design::fonts::tests::library();
        // The seed's German sentence: "loser" steers to Punk zine, unless
        // the zine prints it small.
        for slogan in
            ["Sei ein Freitagabend-Loser mit mir!", "Be a Friday Night Loser with me", "Punk is not dead, just tired"]
        {
            let shares: Vec<(&str, f32)> =
                THEMES.iter().map(|t| (t.key, crate::design::mockup::ink_share(&fonts, slogan, t))).collect();
            let best = shares.iter().map(|(_, s)| *s).fold(0.0, f32::max);
            let picked = Theme::auto(slogan, |t| crate::design::mockup::ink_share(&fonts, slogan, t));
            let share = shares.iter().find(|(k, _)| *k == picked.key).unwrap().1;
            assert!(
                share >= best * AUTO_WITHIN,
                "{slogan}: {} prints {share:.2} of the best {best:.2}: {shares:?}",
                picked.key
            );
            assert_eq!(
                picked.key,
                Theme::auto(slogan, |t| crate::design::mockup::ink_share(&fonts, slogan, t)).key,
                "stable"
            );
        }
        // Keywords still steer among the looks that print well.
        assert_eq!(Theme::auto("Neon rave till dawn", |_| 0.5).key, "neon");
        assert_ne!(Theme::auto("Neon rave till dawn", |t| if t.key == "neon" { 0.1 } else { 0.5 }).key, "neon");
    }

    #[test]
    fn page_colours_meet_wcag_aa() {
        for t in &THEMES {
            assert!(contrast_ratio(t.page_bg, t.page_ink) >= 4.5, "{} ink", t.key);
            assert!(contrast_ratio(t.page_bg, t.accent) >= 3.0, "{} accent", t.key);
            assert!(contrast_ratio(t.accent, t.accent_ink) >= 4.5, "{} button", t.key);
        }
    }

    #[test]
    fn keys_are_unique_and_fonts_exist() {
        let lib = crate::design::fonts::tests::library();
        for (i, t) in THEMES.iter().enumerate() {
            assert!(THEMES[i + 1..].iter().all(|o| o.key != t.key));
            assert!(lib.all().iter().any(|f| f.key == t.font), "{}", t.font);
        }
    }

    #[test]
    fn default_is_deterministic_and_steered_by_keywords() {
        assert_eq!(Theme::default_for("Riot in the kitchen").key, "zine");
        assert_eq!(Theme::default_for("I love Fridays").key, "retro");
        let a = Theme::default_for("Completely ordinary words");
        assert_eq!(a, Theme::default_for("Completely ordinary words"));
    }

    #[test]
    fn auto_never_picks_a_script_look_for_a_slogan_the_fallbacks_draw() {
        for slogan in ["金曜の夜の負け犬になろう", "سهرة الجمعة", "คืนวันศุกร์", "Ночь пятницы", "我爱周五 love"]
        {
            let picked = Theme::default_for(slogan);
            assert!(LOOKS_FOR_OTHER_SCRIPTS.contains(&picked.key), "{slogan}: {}", picked.key);
        }
        let latin: std::collections::HashSet<_> =
            (0..200).map(|i| Theme::default_for(&format!("slogan number {i}")).key).collect();
        assert!(latin.len() > LOOKS_FOR_OTHER_SCRIPTS.len(), "Latin slogans still get every look");
    }

    #[test]
    fn themes_are_spread_over_slogans() {
        let picked: std::collections::HashSet<_> =
            (0..200).map(|i| Theme::default_for(&format!("slogan number {i}")).key).collect();
        assert!(picked.len() >= 4);
    }
}
