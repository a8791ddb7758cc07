//! The shirt mockup: a front-view T-shirt in the fabric colour with the slogan
//! fitted into the print area.

use super::colour::most_legible;
use super::fonts::FontLibrary;
use super::layout::{Align, FittedText, fit_text};
use super::theme::{Ornament, Theme};
use crate::domain::ShirtColour;
use askama::Template;

/// The print area on the mockup (x, y, width, height): 3:4, like a 12×16 inch print.
pub const PRINT_AREA: (f32, f32, f32, f32) = (195.0, 130.0, 210.0, 280.0);

/// One line of the slogan as placed in the SVG.
pub struct SvgLine {
    pub x: String,
    pub y: String,
    pub text: String,
}

/// A rectangle for an ornament (underline bar or frame).
pub struct SvgRect {
    pub x: String,
    pub y: String,
    pub width: String,
    pub height: String,
}

/// The printed design itself, in mockup coordinates: shared by the mockup, the
/// share card and the print files (`templates/design/artwork.svg`).
pub struct Artwork {
    pub ink: &'static str,
    pub accent: &'static str,
    /// CSS font-family list: the theme's typeface, then the fallbacks.
    pub font_family: String,
    pub font_size: String,
    pub anchor: &'static str,
    /// `rotate(…)` for slanted looks, empty otherwise.
    pub transform: String,
    pub lines: Vec<SvgLine>,
    pub underline: Option<SvgRect>,
    pub frame: Option<SvgRect>,
    pub frame_stroke: String,
}

/// The mockup document. Fields are pre-formatted so output is byte-stable.
#[derive(Template)]
#[template(path = "design/mockup.svg", escape = "html")]
pub struct MockupSvg<'a> {
    /// Extra attributes on the root element, to place it inside another SVG
    /// (`x="…" y="…" width="…" height="…"`); empty when standalone.
    pub placement: String,
    /// Prefix for element ids, unique per page.
    pub id: &'a str,
    /// Accessible description: the slogan as typed.
    pub label: &'a str,
    pub shirt: &'a str,
    pub art: Artwork,
}

pub(crate) fn num(v: f32) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map(str::to_owned).unwrap_or(s)
}

/// Renders the mockup for `slogan` (as typed; the theme applies its casing).
pub fn mockup_svg(fonts: &FontLibrary, slogan: &str, theme: &Theme, colour: ShirtColour, dom_id: &str) -> String {
    mockup(fonts, slogan, theme, colour, dom_id).render().unwrap_or_default()
}

/// The mockup document before rendering, for embedding with a `placement`.
pub fn mockup<'a>(
    fonts: &FontLibrary,
    slogan: &'a str,
    theme: &'a Theme,
    colour: ShirtColour,
    dom_id: &'a str,
) -> MockupSvg<'a> {
    let text = theme.apply_case(slogan);
    let font = fonts.get(theme.font);
    let (area_x, area_y, area_w, area_h) = PRINT_AREA;

    // Slanted designs are fitted into a smaller box so the rotated block stays inside.
    let (sin, cos) = theme.slant.abs().to_radians().sin_cos();
    let shrink = (area_w / (area_w * cos + area_h * sin)).min(area_h / (area_w * sin + area_h * cos));
    // Ornaments take their room from the box before the text is fitted.
    let (fit_w, fit_h) = match theme.ornament {
        Ornament::None => (area_w, area_h),
        Ornament::Underline => (area_w, area_h * 0.86),
        Ornament::Box => (area_w * 0.82, area_h * 0.82),
    };
    let (fit_w, fit_h) = (fit_w * shrink, fit_h * shrink);
    let fitted = fit_text(fonts, font, &text, fit_w, fit_h, theme.line_height);

    let centre_x = area_x + area_w / 2.0;
    let centre_y = area_y + area_h / 2.0;
    let block_h = fitted.block_bottom - fitted.block_top;
    let bar_h = fitted.font_size * 0.09;
    let bar_gap = fitted.font_size * 0.22;
    let extra = if theme.ornament == Ornament::Underline { bar_gap + bar_h } else { 0.0 };
    // Top of the text block, so that block plus ornament sit centred in the area.
    let top = centre_y - (block_h + extra) / 2.0;
    let shift = top - fitted.block_top;
    let max_w = fitted.max_width();
    let (x, anchor) = match theme.align {
        Align::Center => (centre_x, "middle"),
        Align::Left => (centre_x - max_w / 2.0, "start"),
    };
    let lines = lines(&fitted, x, shift);

    let underline = (theme.ornament == Ornament::Underline).then(|| {
        let bar_w = (max_w * 0.55).max(fitted.font_size);
        let bar_x = match theme.align {
            Align::Center => centre_x - bar_w / 2.0,
            Align::Left => x,
        };
        SvgRect { x: num(bar_x), y: num(top + block_h + bar_gap), width: num(bar_w), height: num(bar_h) }
    });
    let pad = (fitted.font_size * 0.28).min(area_w * 0.07);
    let frame = (theme.ornament == Ornament::Box).then(|| SvgRect {
        x: num(centre_x - max_w / 2.0 - pad),
        y: num(top - pad * 0.8),
        width: num(max_w + 2.0 * pad),
        height: num(block_h + 1.6 * pad),
    });

    let ink = most_legible(colour.hex, &theme.print_inks);
    let accent = most_legible(colour.hex, &[theme.accent, ink]);
    let family = fonts.css_family(font);
    let transform = if theme.slant == 0.0 {
        String::new()
    } else {
        format!("rotate({} {} {})", num(theme.slant), num(centre_x), num(centre_y))
    };

    MockupSvg {
        placement: String::new(),
        id: dom_id,
        label: slogan,
        shirt: colour.hex,
        art: Artwork {
            ink,
            accent,
            font_family: family,
            font_size: num(fitted.font_size),
            anchor,
            transform,
            lines,
            underline,
            frame,
            frame_stroke: num((fitted.font_size * 0.07).max(2.0)),
        },
    }
}

pub(crate) fn lines(fitted: &FittedText, x: f32, shift: f32) -> Vec<SvgLine> {
    fitted
        .lines
        .iter()
        .zip(&fitted.baselines)
        .map(|(text, baseline)| SvgLine { x: num(x), y: num(baseline + shift), text: text.clone() })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::fonts::tests::library;
    use crate::design::{THEMES, Theme};

    fn white() -> ShirtColour {
        ShirtColour::parse("white").unwrap()
    }

    #[test]
    fn same_input_gives_byte_identical_svg() {
        let lib = library();
        let theme = Theme::by_key("zine").unwrap();
        let a = mockup_svg(&lib, "Be a Friday Night Loser with me", theme, white(), "m");
        let b = mockup_svg(&lib, "Be a Friday Night Loser with me", theme, white(), "m");
        assert_eq!(a, b);
        assert!(a.starts_with("<svg"));
        assert!(a.contains(">FRIDAY<"), "{a}");
    }

    #[test]
    fn html_in_a_slogan_is_escaped() {
        let lib = library();
        let svg = mockup_svg(&lib, "<script>alert(1)</script>", &THEMES[3], white(), "m");
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&#60;script&#62;"), "{svg}");
    }

    #[test]
    fn ink_switches_on_dark_shirts() {
        let lib = library();
        let theme = Theme::by_key("typewriter").unwrap();
        let on_white = mockup_svg(&lib, "hello", theme, white(), "m");
        let on_black = mockup_svg(&lib, "hello", theme, ShirtColour::parse("black").unwrap(), "m");
        assert!(on_white.contains("fill=\"#222222\""));
        assert!(on_black.contains("fill=\"#f3efe6\""));
    }
}
