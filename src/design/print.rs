//! Files for the printer: the design alone (no shirt) on a transparent
//! background, sized for a 12×16 inch print area — as SVG with the text turned
//! into outlines (opens anywhere, no fonts needed) and as a 300 DPI PNG
//! (3600×4800).

use super::fonts::FontLibrary;
use super::mockup::{PRINT_AREA, PrintSvg, artwork, artwork_in, layout_area};
use super::theme::Theme;
use crate::domain::{Product, ShirtColour};
use anyhow::Context;
use askama::Template;
use resvg::{tiny_skia, usvg};
use std::sync::Arc;

/// 12×16 inches at 300 dots per inch.
pub const PRINT_PNG_SIZE: (u32, u32) = (3600, 4800);

/// The design as SVG with live text, exactly the print area, 12×16 in.
/// `colour` is the shirt it will be printed on (it decides the ink).
pub fn print_svg_text(fonts: &FontLibrary, slogan: &str, theme: &Theme, colour: ShirtColour) -> String {
    let (x, y, w, h) = PRINT_AREA;
    PrintSvg::of(artwork(fonts, slogan, theme, colour, "print"), format!("{x} {y} {w} {h}"), "12in", "16in")
        .render()
        .unwrap_or_default()
}

/// The design for `product`'s print area, at its size in inches, as SVG
/// with live text. The design is laid out for the product's own area
/// (`layout_area`, the shape of its print); a poster is printed on white paper to the trimmed edge,
/// with its bleed around it; a die-cut sticker carries its cut line as a
/// separate path named `CutContour` (magenta, hairline, as cutters expect),
/// a rounded square an eighth of an inch inside the trim, the design inside
/// it.
pub fn product_print_svg_text(
    fonts: &FontLibrary,
    slogan: &str,
    theme: &Theme,
    colour: ShirtColour,
    product: Product,
) -> String {
    let spec = product.spec().print;
    let area = layout_area(product);
    let (x, y, w, h) = area;
    let (vw, vh) = (w, h);
    // A sticker's design stays inside its cut line.
    let (vw, vh) = if spec.cut_line { (vw * 1.25, vh * 1.25) } else { (vw, vh) };
    let per_inch = vw / spec.width_in;
    let bleed = spec.bleed_in * per_inch;
    let (vx, vy) = (x + w / 2.0 - vw / 2.0 - bleed, y + h / 2.0 - vh / 2.0 - bleed);
    let (bw, bh) = (vw + 2.0 * bleed, vh + 2.0 * bleed);
    let inches = |v: f32| format!("{}in", exact(v));
    let art = PrintSvg::of(
        artwork_in(fonts, slogan, theme, colour, "print", area),
        format!("{} {} {} {}", exact(vx), exact(vy), exact(bw), exact(bh)),
        &inches(spec.width_in + 2.0 * spec.bleed_in),
        &inches(spec.height_in + 2.0 * spec.bleed_in),
    )
    .render()
    .unwrap_or_default();
    let paper = match product {
        Product::Poster | Product::Sticker => {
            format!(
                r##"<rect x="{}" y="{}" width="{}" height="{}" fill="#ffffff"/>"##,
                exact(vx),
                exact(vy),
                exact(bw),
                exact(bh)
            )
        }
        _ => String::new(),
    };
    let cut = if spec.cut_line {
        let inset = bleed + 0.125 * per_inch;
        format!(
            r##"<rect id="CutContour" x="{}" y="{}" width="{}" height="{}" rx="{}" fill="none" stroke="#ec008c" stroke-width="{}"/>"##,
            exact(vx + inset),
            exact(vy + inset),
            exact(bw - 2.0 * inset),
            exact(bh - 2.0 * inset),
            exact(0.375 * per_inch),
            exact(0.01 * per_inch)
        )
    } else {
        String::new()
    };
    // The paper under the design, the cut line over it.
    match art.find('>') {
        Some(open) if !paper.is_empty() || !cut.is_empty() => {
            let (head, rest) = art.split_at(open + 1);
            let rest = rest.strip_suffix("</svg>").unwrap_or(rest);
            format!("{head}{paper}{rest}{cut}</svg>")
        }
        _ => art,
    }
}

/// `v` with up to three decimals, trailing zeros dropped: "12.25", "16".
fn exact(v: f32) -> String {
    let s = format!("{v:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// `product`'s design with `margin` units of empty canvas around its print
/// area (`layout_area`), so anything drawn outside it can be seen (used by
/// the quality tests and `bench_ink`).
pub fn artwork_with_margin(
    fonts: &FontLibrary,
    slogan: &str,
    theme: &Theme,
    colour: ShirtColour,
    product: Product,
    margin: f32,
) -> String {
    let area = layout_area(product);
    let (x, y, w, h) = area;
    let view_box = format!("{} {} {} {}", x - margin, y - margin, w + 2.0 * margin, h + 2.0 * margin);
    let (pw, ph) = ((w + 2.0 * margin) * 2.0, (h + 2.0 * margin) * 2.0);
    PrintSvg::of(artwork_in(fonts, slogan, theme, colour, "qa", area), view_box, &pw.to_string(), &ph.to_string())
        .render()
        .unwrap_or_default()
}

fn parse(fontdb: Arc<usvg::fontdb::Database>, svg: &str) -> anyhow::Result<usvg::Tree> {
    let options = usvg::Options { fontdb, ..usvg::Options::default() };
    usvg::Tree::from_str(svg, &options).context("parse print SVG")
}

/// The print SVG with every glyph converted to a path: no fonts needed to open it.
pub fn print_svg_outlined(fontdb: Arc<usvg::fontdb::Database>, text_svg: &str) -> anyhow::Result<String> {
    let tree = parse(fontdb, text_svg)?;
    let options = usvg::WriteOptions {
        preserve_text: false,
        coordinates_precision: 3,
        // A sticker's cut line keeps its name (`CutContour`) for the cutter.
        id_prefix: None,
        ..usvg::WriteOptions::default()
    };
    let out = tree.to_string(&options);
    // usvg writes the size in CSS pixels (96 per inch); say inches for the printer.
    let (w, h) = (tree.size().width(), tree.size().height());
    let inches = |px: f32| format!("{}in", exact(px / 96.0));
    Ok(out.replacen(
        &format!("width=\"{w}\" height=\"{h}\""),
        &format!("width=\"{}\" height=\"{}\"", inches(w), inches(h)),
        1,
    ))
}

/// Rasterises an SVG to a transparent PNG of `size` pixels (the viewBox is
/// scaled to fill it). CPU- and memory-heavy at print size: run it off the
/// async runtime.
pub fn rasterise(
    fontdb: Arc<usvg::fontdb::Database>,
    svg: &str,
    size: (u32, u32),
) -> anyhow::Result<tiny_skia::Pixmap> {
    let tree = parse(fontdb, svg)?;
    let mut pixmap = tiny_skia::Pixmap::new(size.0, size.1).context("allocate print pixmap")?;
    let scale = (size.0 as f32 / tree.size().width()).min(size.1 as f32 / tree.size().height());
    resvg::render(&tree, tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    Ok(pixmap)
}

/// The 300 DPI print PNG.
pub fn print_png(fontdb: Arc<usvg::fontdb::Database>, text_svg: &str) -> anyhow::Result<Vec<u8>> {
    print_png_sized(fontdb, text_svg, PRINT_PNG_SIZE)
}

/// A print PNG of `size` pixels (a product's area at 300 DPI, bleed included).
pub fn print_png_sized(
    fontdb: Arc<usvg::fontdb::Database>,
    text_svg: &str,
    size: (u32, u32),
) -> anyhow::Result<Vec<u8>> {
    rasterise(fontdb, text_svg, size)?.encode_png().context("encode print PNG")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::THEMES;
    use crate::design::fonts::tests::library;

    /// Slogans of every kind the form accepts.
    pub(crate) const SLOGANS: [&str; 8] = [
        "YES",
        "Be a Friday Night Loser with me",
        "Schöne Grüße aus Köln, ihr Nachteulen",
        "Party 🎉🔥 all night",
        "Привет, мир! Пятница!",
        "Καλημέρα κόσμε",
        "我爱周五晚上的音乐",
        "This slogan is exactly as long as the form allows, eighty characters, no more!!",
    ];

    /// Least share of the print area the ink covers, and least share of its
    /// width or height the design spans, for any slogan in any look.
    const MIN_INK_SHARE: f32 = 0.025;
    const MIN_SPAN: f32 = 0.6;

    /// The render-quality corpus (`tests/fixtures/slogans.tsv`: the seed's
    /// German compound, 20 scripts incl. right-to-left, emoji, 1 and 80
    /// characters, markup): (language, slogan).
    fn corpus() -> Vec<(String, String)> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/slogans.tsv");
        std::fs::read_to_string(path)
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| l.split('\t').next().zip(l.split('\t').nth(1)))
            .map(|(lang, slogan)| (lang.to_owned(), slogan.to_owned()))
            .collect()
    }

    #[test]
    fn every_theme_keeps_every_slogan_inside_the_print_area_and_fills_it() {
        let lib = library();
        let db = lib.font_database();
        let margin = 60.0;
        let corpus = corpus();
        assert!(corpus.len() >= 27, "the whole corpus is read");
        let slogans: Vec<&str> = SLOGANS.into_iter().chain(corpus.iter().map(|(_, s)| s.as_str())).collect();
        // One product of each print shape: the tee's 3:4 (the long-sleeve's
        // too), the hoodie's wide chest, the tote's square (the sticker's
        // too), the poster's 2:3.
        let shapes = [Product::Tee, Product::Hoodie, Product::Tote, Product::Poster];
        // Every problem is collected, so one run shows them all.
        let mut problems = Vec::new();
        for (theme, product) in THEMES.iter().flat_map(|t| shapes.map(|p| (t, p))) {
            let (ax, ay, aw, ah) = layout_area(product);
            for &slogan in &slogans {
                let what = format!("{} / {} / {slogan:?}", theme.key, product.key());
                if !lib.covers(lib.get(theme.font), &theme.apply_case(slogan)) {
                    problems.push(format!("{what}: no glyph for part of it"));
                }
                let svg = artwork_with_margin(&lib, slogan, theme, ShirtColour::PALETTE[0], product, margin);
                let size = ((aw + 2.0 * margin) as u32, (ah + 2.0 * margin) as u32);
                let pixmap = rasterise(db.clone(), &svg, size).unwrap();
                let (mut x0, mut y0, mut x1, mut y1, mut ink) = (u32::MAX, u32::MAX, 0, 0, 0u32);
                for (i, px) in pixmap.pixels().iter().enumerate() {
                    if px.alpha() > 24 {
                        let (x, y) = (i as u32 % size.0, i as u32 / size.0);
                        (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
                        ink += 1;
                    }
                }
                if ink == 0 {
                    problems.push(format!("{what}: nothing drawn"));
                    continue;
                }
                // Back to design coordinates; 1.5 units of antialiasing slack.
                let (left, top) = (x0 as f32 + ax - margin, y0 as f32 + ay - margin);
                let (right, bottom) = (x1 as f32 + 1.0 + ax - margin, y1 as f32 + 1.0 + ay - margin);
                if left < ax - 1.5 || right > ax + aw + 1.5 {
                    problems.push(format!("{what}: x {left}..{right} outside {ax}..{}", ax + aw));
                }
                if top < ay - 1.5 || bottom > ay + ah + 1.5 {
                    problems.push(format!("{what}: y {top}..{bottom} outside {ay}..{}", ay + ah));
                }
                let share = ink as f32 / (aw * ah);
                if share < MIN_INK_SHARE {
                    problems.push(format!("{what}: ink covers only {:.1}% of the print area", share * 100.0));
                }
                let filled = ((right - left) / aw).max((bottom - top) / ah);
                if filled < MIN_SPAN {
                    problems.push(format!("{what}: the design spans only {:.0}% of the area", filled * 100.0));
                }
            }
        }
        assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
    }

    #[test]
    fn the_print_svg_has_outlines_and_print_size() {
        let lib = library();
        let theme = Theme::by_key("retro").unwrap();
        let svg =
            print_svg_outlined(lib.font_database(), &print_svg_text(&lib, "Grüße 🔥", theme, ShirtColour::PALETTE[1]))
                .unwrap();
        assert!(svg.contains("width=\"12in\" height=\"16in\""), "{}", &svg[..200]);
        assert!(!svg.contains("<text"), "text converted to outlines");
        assert!(svg.contains("<path"));
    }

    #[test]
    fn the_print_png_is_300_dpi_and_transparent() {
        let lib = library();
        let text = print_svg_text(&lib, "Print me", &THEMES[0], ShirtColour::PALETTE[0]);
        let pixmap = rasterise(lib.font_database(), &text, PRINT_PNG_SIZE).unwrap();
        assert_eq!((pixmap.width(), pixmap.height()), (3600, 4800));
        assert_eq!(pixmap.pixel(0, 0).unwrap().alpha(), 0, "transparent background");
        assert!(pixmap.pixels().iter().any(|p| p.alpha() == 255), "opaque ink");
    }
}
