//! The design engine: pure functions from (slogan, theme, shirt colour) to SVG.
//!
//! Text is measured with the bundled fonts' real glyph advances (shaped with
//! rustybuzz, kerning included), never with guessed character widths. Output is
//! deterministic: the same input gives byte-identical SVG.

mod colour;
mod fonts;
mod layout;
mod mockup;
mod theme;

pub use colour::{contrast_ratio, parse_hex};
pub use fonts::{FontError, FontFile, FontLibrary};
pub use layout::{Align, FittedText, fit_text};
pub use mockup::{MockupSvg, PRINT_AREA, mockup_svg};
pub use theme::{Case, Ornament, THEMES, Theme};

use crate::domain::ShirtColour;
use std::path::Path;
use std::sync::Arc;

/// Fonts loaded once at start-up plus the functions that use them.
#[derive(Clone)]
pub struct DesignEngine {
    fonts: Arc<FontLibrary>,
}

impl DesignEngine {
    /// Loads every bundled font from `fonts_dir`; fails naming the file that is
    /// missing or unreadable, so a broken install stops at start-up.
    pub fn load(fonts_dir: &Path) -> Result<Self, FontError> {
        Ok(Self {
            fonts: FontLibrary::load(fonts_dir)?,
        })
    }

    pub fn fonts(&self) -> &FontLibrary {
        &self.fonts
    }

    /// The shirt mockup with the slogan typeset in `theme`, as an SVG document.
    /// `dom_id` prefixes element ids so several mockups can share one page.
    pub fn mockup(&self, slogan: &str, theme: &Theme, colour: ShirtColour, dom_id: &str) -> String {
        mockup_svg(&self.fonts, slogan, theme, colour, dom_id)
    }
}
