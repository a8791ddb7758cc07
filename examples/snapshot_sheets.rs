//! The quality gate's snapshot sheets (issue 23): for each product, one PNG
//! with every look (rows, in `THEMES` order) × a sample of the slogan corpus
//! (columns: a German compound sentence, Japanese, a long English sentence,
//! a short one, a lone letter, a markup-like token that no break fits), as
//! the storefront shows them. Written to `docs/sheets/`;
//! `docs/looks.md` grades each look from them.
//!
//!     cargo run --release --example snapshot_sheets [OUT_DIR]

use popshop::design::print::rasterise;
use popshop::design::{DesignEngine, THEMES, View};
use popshop::domain::{Product, ShirtColour};
use resvg::tiny_skia::{Pixmap, PixmapPaint, Transform};
use std::path::{Path, PathBuf};

/// The corpus sample, one per column.
pub const SAMPLE: [&str; 6] = [
    "Sei ein Freitagabend-Loser mit mir!",
    "金曜の夜の負け犬になろう 🎸",
    "Be a Friday Night Loser with me",
    "YES",
    "A",
    "<script>alert(1)</script>",
];
const CELL: (u32, u32) = (150, 160);

fn main() -> anyhow::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out: PathBuf = std::env::args().nth(1).map_or_else(|| root.join("docs/sheets"), PathBuf::from);
    std::fs::create_dir_all(&out)?;
    let engine = DesignEngine::load(&root.join("static/fonts"))?;
    let black = ShirtColour::parse("black").unwrap_or(ShirtColour::PALETTE[1]);
    let white = ShirtColour::parse("white").unwrap_or(ShirtColour::PALETTE[0]);
    for product in Product::ALL {
        let mut sheet = Pixmap::new(CELL.0 * SAMPLE.len() as u32, CELL.1 * THEMES.len() as u32)
            .ok_or_else(|| anyhow::anyhow!("sheet"))?;
        for (row, theme) in THEMES.iter().enumerate() {
            for (col, slogan) in SAMPLE.iter().enumerate() {
                // Alternate dark and light blanks, so each look is seen on both.
                let colour = product.offered_colours(&[if row % 2 == 0 { black } else { white }])[0];
                let svg = match product {
                    Product::Tee => engine.shirt_svg(slogan, theme, colour, View::Front)?,
                    _ => engine.product_svg(slogan, theme, colour, product, View::Front).unwrap_or_default(),
                };
                let cell = rasterise(engine.fontdb(), &svg, CELL)?;
                sheet.draw_pixmap(
                    (col as u32 * CELL.0) as i32,
                    (row as u32 * CELL.1) as i32,
                    cell.as_ref(),
                    &PixmapPaint::default(),
                    Transform::identity(),
                    None,
                );
            }
        }
        let path = out.join(format!("{}.png", product.key()));
        sheet.save_png(&path)?;
        println!("{}: {} × {} → {}", product.key(), THEMES.len(), SAMPLE.len(), path.display());
    }
    // Every view of every product (rows), in one look, on a dark and a light blank.
    let views = |p: Product| -> Vec<View> {
        if p == Product::Tee { View::ALL.to_vec() } else { DesignEngine::product_views(p).to_vec() }
    };
    let cols = Product::ALL.iter().map(|p| views(*p).len()).max().unwrap_or(1) * 2;
    let big = (CELL.0 * 2, CELL.1 * 2);
    let mut sheet =
        Pixmap::new(big.0 * cols as u32, big.1 * Product::ALL.len() as u32).ok_or_else(|| anyhow::anyhow!("sheet"))?;
    let theme = &THEMES[0];
    for (row, product) in Product::ALL.into_iter().enumerate() {
        let pairs = views(product).into_iter().flat_map(|v| [(v, black), (v, white)]);
        for (col, (view, colour)) in pairs.enumerate() {
            let colour = product.offered_colours(&[colour])[0];
            let svg = match product {
                Product::Tee => engine.shirt_svg(SAMPLE[2], theme, colour, view)?,
                _ => engine.product_svg(SAMPLE[2], theme, colour, product, view).unwrap_or_default(),
            };
            let cell = rasterise(engine.fontdb(), &svg, big)?;
            let at = ((col as u32 * big.0) as i32, (row as u32 * big.1) as i32);
            sheet.draw_pixmap(at.0, at.1, cell.as_ref(), &PixmapPaint::default(), Transform::identity(), None);
        }
    }
    let path = out.join("views.png");
    sheet.save_png(&path)?;
    println!("views: every product × its views → {}", path.display());
    Ok(())
}
