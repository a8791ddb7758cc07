//! A garment photographed on a hanger against a wall (the lifestyle view of
//! the T-shirt, the hoodie and the long-sleeve): a wooden rail, a hook, the
//! hanger's bar showing through the neckline, the garment a little smaller
//! than on the flat views, and its soft shadow on the wall.

use super::mockup::stage_for;
use crate::domain::ShirtColour;

/// Where the garment (drawn in its own 600×640 units) sits in the scene.
const GARMENT: (f32, f32, f32) = (45.0, 64.0, 0.85);

/// The scene around `garment`: a complete `<svg>` of the garment drawn with
/// no backdrop and no ground shadow, 600×640 units, whose outline
/// (`outline`, path data in the same units) casts the shadow. `id`
/// prefixes the scene's own ids.
pub fn on_hanger(garment: &str, outline: &str, colour: ShirtColour, title: &str, id: &str) -> String {
    let (x, y, k) = GARMENT;
    let wall = stage_for(colour.hex);
    // The garment's `<svg>` placed in the scene's coordinates.
    let placed = garment.replacen("<svg ", r#"<svg x="0" y="0" width="600" height="640" "#, 1);
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 640" role="img" aria-labelledby="{id}-title" class="mockup-svg"><title id="{id}-title">{title}</title><defs><linearGradient id="{id}-light" x1="0" x2="1" y1="0" y2="1"><stop offset="0" stop-color="#fff" stop-opacity=".14"/><stop offset=".6" stop-color="#fff" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity=".14"/></linearGradient><filter id="{id}-shade" x="-20%" y="-20%" width="140%" height="140%"><feGaussianBlur stdDeviation="12"/></filter></defs><rect width="600" height="640" fill="{wall}"/><rect width="600" height="640" fill="url(#{id}-light)"/><path d="M30 40H570" stroke="#000" stroke-opacity=".22" stroke-width="12" stroke-linecap="round" transform="translate(3 5)" filter="url(#{id}-shade)"/><path d="M30 40H570" stroke="#7a5230" stroke-width="10" stroke-linecap="round"/><path d="M30 37H570" stroke="#fff" stroke-opacity=".25" stroke-width="2" stroke-linecap="round"/><g transform="translate({x} {y}) scale({k})"><path d="{outline}" fill="#000" fill-opacity=".22" transform="translate(16 20)" filter="url(#{id}-shade)"/><path d="M152 84Q300 28 448 84" fill="none" stroke="#8b5a2b" stroke-width="11" stroke-linecap="round"/></g><path d="M300 100V52C300 34 318 28 326 40" fill="none" stroke="#9a9a9a" stroke-width="4" stroke-linecap="round"/><g transform="translate({x} {y}) scale({k})">{placed}</g></svg>"##,
        title = super::escape_text(title),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_garment_hangs_in_a_scene_that_parses() {
        let colour = ShirtColour::PALETTE[0];
        let garment = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 640"><path d="M100 100H500V600H100Z" fill="red"/></svg>"#;
        let svg = on_hanger(garment, "M100 100H500V600H100Z", colour, "A shirt & a hanger", "h");
        let tree = resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).expect("parses");
        // The garment is drawn smaller than the scene, centred, below the rail.
        let mut pixmap = resvg::tiny_skia::Pixmap::new(600, 640).unwrap();
        resvg::render(&tree, resvg::tiny_skia::Transform::default(), &mut pixmap.as_mut());
        let red: Vec<(u32, u32)> = (0..640)
            .flat_map(|y| (0..600).map(move |x| (x, y)))
            .filter(|&(x, y)| {
                let p = pixmap.pixel(x, y).unwrap();
                p.red() > 200 && p.green() < 60 && p.blue() < 60
            })
            .collect();
        let (left, right) = (red.iter().map(|p| p.0).min().unwrap(), red.iter().map(|p| p.0).max().unwrap());
        let (top, bottom) = (red.iter().map(|p| p.1).min().unwrap(), red.iter().map(|p| p.1).max().unwrap());
        let (x, y, k) = GARMENT;
        assert!(
            left.abs_diff((x + 100.0 * k) as u32) <= 1 && right.abs_diff((x + 500.0 * k) as u32) <= 1,
            "{left}..{right}"
        );
        assert!(
            top.abs_diff((y + 100.0 * k) as u32) <= 1 && bottom.abs_diff((y + 600.0 * k) as u32) <= 1,
            "{top}..{bottom}"
        );
        assert!(top > 46, "below the rail");
        // The wall stands out from the garment's colour.
        let wall = pixmap.pixel(8, 600).unwrap();
        let wall_hex = format!("#{:02x}{:02x}{:02x}", wall.red(), wall.green(), wall.blue());
        assert!(crate::design::contrast_ratio(&wall_hex, colour.hex) >= 1.25, "{wall_hex} against {}", colour.hex);
        assert!(svg.contains("A shirt &amp; a hanger</title>"), "{svg}");
        assert!(svg.contains(r#"<svg x="0" y="0" width="600" height="640" xmlns"#), "the garment is placed");
    }
}
