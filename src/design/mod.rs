//! The design engine: pure functions from (slogan, theme, shirt colour) to SVG.
//!
//! Text is measured with the bundled fonts' real glyph advances (shaped with
//! rustybuzz, kerning included), never with guessed character widths. Output is
//! deterministic: the same input gives byte-identical SVG.

mod card;
mod colour;
mod folds;
mod fonts;
mod hyphenate;
mod layout;
mod looks;
pub(crate) mod mockup;
pub mod print;
mod products;
mod scene;
#[cfg(test)]
mod snapshots;
mod subset;
mod theme;
pub mod web_fonts;

pub use card::{CARD_HEIGHT, CARD_WIDTH, card_svg, render_png};
pub use colour::{contrast_ratio, parse_hex};
pub use fonts::{CJK, EMOJI, FALLBACK_CHAIN, FontError, FontFile, FontLibrary};
pub use hyphenate::{heading_parts, lang_attribute, soft_hyphenated};
pub use layout::{Align, FittedText, fit_text};
pub use mockup::{MockupSvg, PRINT_AREA, View, layout_area, mockup_svg, stage_for};
pub use theme::{Case, Ornament, THEMES, Theme};
pub use web_fonts::{CUT_DISPLAY, CUT_FONTS};

use crate::domain::ShirtColour;
use std::path::Path;
use std::sync::Arc;

/// Fonts loaded once at start-up plus the functions that use them.
#[derive(Clone)]
pub struct DesignEngine {
    fonts: Arc<FontLibrary>,
    /// The bundled fonts for resvg, built once.
    fontdb: Arc<resvg::usvg::fontdb::Database>,
}

impl DesignEngine {
    /// Loads every bundled font from `fonts_dir`; fails naming the file that is
    /// missing or unreadable, so a broken install stops at start-up.
    pub fn load(fonts_dir: &Path) -> Result<Self, FontError> {
        let fonts = FontLibrary::load(fonts_dir)?;
        Ok(Self { fontdb: fonts.font_database(), fonts })
    }

    pub fn fonts(&self) -> &FontLibrary {
        &self.fonts
    }

    /// A fallback font ([`CUT_FONTS`]) cut down to what `text` needs, for a
    /// page whose text falls back to it (see [`FontLibrary::falls_back_to`]).
    pub fn cut_font(&self, key: &str, text: &str) -> anyhow::Result<Vec<u8>> {
        subset::subset(self.fonts.get(key), text)
    }

    /// The shirt mockup with the slogan typeset in `theme`, as an SVG document.
    /// `dom_id` prefixes element ids so several mockups can share one page.
    pub fn mockup(&self, slogan: &str, theme: &Theme, colour: ShirtColour, dom_id: &str) -> String {
        mockup_svg(&self.fonts, &xml_safe(slogan), theme, colour, dom_id)
    }

    /// One view of the shirt as a standalone SVG document (for an `<img>`):
    /// the letters are outlines, so it looks the same in every browser. A
    /// few milliseconds of CPU: run it on a blocking thread.
    pub fn shirt_svg(&self, slogan: &str, theme: &Theme, colour: ShirtColour, view: View) -> anyhow::Result<String> {
        use askama::Template;
        let shirt = mockup::mockup(&self.fonts, &xml_safe(slogan), theme, colour, "s", view);
        if view == View::Hanger {
            let title = shirt.title.clone();
            return Ok(scene::on_hanger(&shirt.render()?, mockup::FRONT, colour, &title, "h"));
        }
        Ok(shirt.render()?)
    }

    /// A product's picture besides the T-shirt's (`None` for the T-shirt):
    /// a few milliseconds of CPU, like [`Self::shirt_svg`].
    pub fn product_svg(
        &self,
        slogan: &str,
        theme: &Theme,
        colour: ShirtColour,
        product: crate::domain::Product,
        view: View,
    ) -> Option<String> {
        products::product_svg(&self.fonts, &xml_safe(slogan), theme, colour, product, view)
    }

    /// The views `product` is shown in besides the T-shirt's gallery
    /// (apparel: front, back, on a hanger; the others one scene each).
    pub fn product_views(product: crate::domain::Product) -> &'static [View] {
        products::views(product)
    }

    /// The look *Auto* gives `slogan`: among the looks that print it large
    /// ([`Theme::auto`], measured with the real fonts). A few fits of the
    /// text, no drawing: well under a millisecond a look.
    pub fn auto_look(&self, slogan: &str) -> &'static Theme {
        Theme::auto(slogan, |t| mockup::ink_share(&self.fonts, slogan, t))
    }

    /// The slogan in every look on one sheet, a `<view>` per look (the
    /// create form's look picker). About ten shirt pictures' worth of CPU:
    /// run it on a blocking thread.
    pub fn looks_svg(&self, slogan: &str, colour: ShirtColour) -> String {
        looks::looks_svg(&self.fonts, &xml_safe(slogan), colour)
    }

    /// The print files: (SVG with outlines, 300 DPI PNG). Heavy: run on a
    /// blocking thread.
    pub fn print_svg(&self, slogan: &str, theme: &Theme, colour: ShirtColour) -> anyhow::Result<String> {
        print::print_svg_outlined(
            self.fontdb.clone(),
            &print::print_svg_text(&self.fonts, &xml_safe(slogan), theme, colour),
        )
    }

    pub fn print_png(&self, slogan: &str, theme: &Theme, colour: ShirtColour) -> anyhow::Result<Vec<u8>> {
        print::print_png(self.fontdb.clone(), &print::print_svg_text(&self.fonts, &xml_safe(slogan), theme, colour))
    }

    /// `product`'s print files, at its size (`ProductSpec::print`): the
    /// outlined SVG. Heavy: run on a blocking thread.
    pub fn product_print_svg(
        &self,
        slogan: &str,
        theme: &Theme,
        colour: ShirtColour,
        product: crate::domain::Product,
    ) -> anyhow::Result<String> {
        print::print_svg_outlined(
            self.fontdb.clone(),
            &print::product_print_svg_text(&self.fonts, &xml_safe(slogan), theme, colour, product),
        )
    }

    /// `product`'s 300 DPI PNG, bleed included.
    pub fn product_print_png(
        &self,
        slogan: &str,
        theme: &Theme,
        colour: ShirtColour,
        product: crate::domain::Product,
    ) -> anyhow::Result<Vec<u8>> {
        let text = print::product_print_svg_text(&self.fonts, &xml_safe(slogan), theme, colour, product);
        print::print_png_sized(self.fontdb.clone(), &text, product.spec().print.pixels())
    }

    /// The bundled fonts as a resvg font database.
    pub fn fontdb(&self) -> Arc<resvg::usvg::fontdb::Database> {
        self.fontdb.clone()
    }

    /// The 1200×630 share card as PNG. Takes tens of milliseconds of CPU: run it
    /// on a blocking thread.
    pub fn card_png(
        &self,
        slogan: &str,
        byline: &str,
        price: &str,
        theme: &Theme,
        colour: ShirtColour,
    ) -> anyhow::Result<Vec<u8>> {
        let (slogan, byline) = (xml_safe(slogan), xml_safe(byline));
        render_png(self.fontdb.clone(), &card_svg(&self.fonts, &slogan, &byline, price, theme, colour))
    }
}

/// A coordinate or size as the pictures write it: one decimal, none when
/// it is whole ("12", "12.5").
pub(crate) fn num(v: f32) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map(str::to_owned).unwrap_or(s)
}

/// `text` as XML character data: `&`, `<` and `>` escaped (titles of the
/// pictures assembled without a template).
fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The text without characters XML may not hold (noncharacters, controls).
/// New slogans cannot contain them; drops saved before that rule must still
/// render instead of failing forever.
fn xml_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(crate::domain::slogan::is_forbidden) {
        std::borrow::Cow::Owned(text.chars().filter(|c| !crate::domain::slogan::is_forbidden(*c)).collect())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// FNV-1a, 64 bit: a small hash that is stable across runs, platforms and Rust
/// versions (unlike `DefaultHasher`), for default looks, cache keys and ETags.
pub fn stable_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}
