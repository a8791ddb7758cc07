//! The create form's look picker: the slogan drawn in every look, side by
//! side on the shirt's colour, in one SVG with a `<view>` per look, so each
//! thumbnail is `/looks.svg?…#zine` and the browser fetches one image for
//! all ten. Letters are outlines, like the shirt pictures.

use super::fonts::FontLibrary;
use super::mockup::{PRINT_AREA, artwork, outlined};
use super::theme::THEMES;
use crate::domain::ShirtColour;

/// Room around the print area in each thumbnail, in mockup units.
const PAD: f32 = 16.0;

pub fn looks_svg(fonts: &FontLibrary, slogan: &str, colour: ShirtColour) -> String {
    let (x, y, w, h) = PRINT_AREA;
    let (cell_w, cell_h) = (w + 2.0 * PAD, h + 2.0 * PAD);
    let mut views = String::new();
    let mut cells = String::new();
    // "auto" names the look the slogan gets when the artist picks none.
    let chosen = super::Theme::auto(slogan, |t| super::mockup::ink_share(fonts, slogan, t));
    let auto = THEMES.iter().position(|t| t.key == chosen.key).unwrap_or(0);
    views.push_str(&format!(r#"<view id="auto" viewBox="{} 0 {cell_w} {cell_h}"/>"#, auto as f32 * cell_w));
    for (i, theme) in THEMES.iter().enumerate() {
        let left = i as f32 * cell_w;
        let inner = outlined(fonts, artwork(fonts, slogan, theme, colour, theme.key), theme.key, 0);
        views.push_str(&format!(r#"<view id="{}" viewBox="{left} 0 {cell_w} {cell_h}"/>"#, theme.key));
        let (vx, vy) = (x - PAD, y - PAD);
        cells.push_str(&format!(
            r#"<svg x="{left}" y="0" width="{cell_w}" height="{cell_h}" viewBox="{vx} {vy} {cell_w} {cell_h}"><rect x="{vx}" y="{vy}" width="{cell_w}" height="{cell_h}" rx="14" fill="{}"/>{inner}</svg>"#,
            colour.hex
        ));
    }
    let total_w = cell_w * THEMES.len() as f32;
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{total_w}" height="{cell_h}" viewBox="0 0 {total_w} {cell_h}">{views}{cells}</svg>"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_sheet_holds_every_look_as_its_own_view_in_outlines() {
        let fonts = super::super::fonts::tests::library();
        let svg = looks_svg(&fonts, "Sei ein Freitagabend-Loser mit mir", ShirtColour::PALETTE[1]);
        for key in THEMES.iter().map(|t| t.key).chain(["auto"]) {
            assert!(svg.contains(&format!("<view id=\"{key}\" ")), "{key}");
        }
        assert!(!svg.contains("<text"), "letters are outlines");
        assert!(svg.matches("<path").count() >= THEMES.len());
        assert!(svg.contains(ShirtColour::PALETTE[1].hex), "drawn on the shirt's colour");
    }
}
