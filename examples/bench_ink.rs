//! How much of the print area each look's print fills, across the slogan
//! corpus (`tests/fixtures/slogans.tsv`, issue 23: "the print's ink box
//! covers at least 60% of the area a designer would use, in every look and
//! product"). For every product shape (the T-shirt's 12×16 in, which the
//! long-sleeve shares; the hoodie's 12×11; the tote's and the sticker's
//! square; the poster's 12×18) and every look: the least and the median
//! share of the print area that the ink's bounding box covers, and how many
//! slogans stay under 60%.
//!
//!     cargo run --release --example bench_ink
//!     INK_DETAIL=1 cargo run --release --example bench_ink   # and each one under 60%

use popshop::design::print::{artwork_with_margin, rasterise};
use popshop::design::{DesignEngine, THEMES, layout_area};
use popshop::domain::{Product, ShirtColour};
use std::path::Path;

fn main() -> anyhow::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let engine = DesignEngine::load(&root.join("static/fonts"))?;
    let lib = engine.fonts();
    let db = lib.font_database();
    let corpus: Vec<String> = std::fs::read_to_string(root.join("tests/fixtures/slogans.tsv"))?
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split('\t').nth(1).map(str::to_owned))
        .collect();
    // One product per print shape.
    let mut shapes: Vec<Product> = Vec::new();
    for product in Product::ALL {
        if !shapes.iter().any(|p| layout_area(*p) == layout_area(product)) {
            shapes.push(product);
        }
    }
    let mut everything = Vec::new();
    for product in shapes {
        let (_, _, aw, ah) = layout_area(product);
        println!("== {} ({aw:.0}×{ah:.0} units)", product.key());
        println!("{:<12} {:>8} {:>8} {:>10}   smallest", "look", "least", "median", "under 60%");
        let mut all = Vec::new();
        let mut per_slogan: Vec<(String, f32)> = Vec::new();
        for theme in &THEMES {
            let mut shares: Vec<(f32, &str)> = Vec::new();
            for slogan in &corpus {
                let svg = artwork_with_margin(lib, slogan, theme, ShirtColour::PALETTE[0], product, 0.0);
                let size = ((aw * 2.0) as u32, (ah * 2.0) as u32);
                let pixmap = rasterise(db.clone(), &svg, size)?;
                let (mut x0, mut y0, mut x1, mut y1) = (u32::MAX, u32::MAX, 0, 0);
                for (i, px) in pixmap.pixels().iter().enumerate() {
                    if px.alpha() > 24 {
                        let (x, y) = (i as u32 % size.0, i as u32 / size.0);
                        (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
                    }
                }
                let share =
                    if x1 < x0 { 0.0 } else { ((x1 - x0 + 1) * (y1 - y0 + 1)) as f32 / (size.0 * size.1) as f32 };
                if share < 0.6 && std::env::var_os("INK_DETAIL").is_some() {
                    // The lines as set, and the box the ink takes (in print-area shares).
                    let lines: Vec<&str> = svg
                        .split("<text ")
                        .skip(1)
                        .filter_map(|t| t.split_once('>').and_then(|(_, r)| r.split_once('<')).map(|(l, _)| l))
                        .collect();
                    println!(
                        "  {:<10} {:>3.0}%  w {:>3.0}% h {:>3.0}%  {:?}",
                        theme.key,
                        share * 100.0,
                        (x1 + 1).saturating_sub(x0) as f32 / size.0 as f32 * 100.0,
                        (y1 + 1).saturating_sub(y0) as f32 / size.1 as f32 * 100.0,
                        lines
                    );
                }
                shares.push((share, slogan));
                per_slogan.push((slogan.clone(), share));
            }
            shares.sort_by(|a, b| a.0.total_cmp(&b.0));
            let under = shares.iter().filter(|(s, _)| *s < 0.6).count();
            all.extend(shares.iter().map(|(s, _)| *s));
            println!(
                "{:<12} {:>7.0}% {:>7.0}% {:>7} of {}   {:?}",
                theme.key,
                shares[0].0 * 100.0,
                shares[shares.len() / 2].0 * 100.0,
                under,
                shares.len(),
                shares[0].1
            );
        }
        // Which slogans print small, and in how many looks.
        let mut small: Vec<(&String, usize)> = corpus.iter().map(|c| (c, 0)).collect();
        for (slogan, share) in &per_slogan {
            if *share < 0.6
                && let Some(entry) = small.iter_mut().find(|(c, _)| *c == slogan)
            {
                entry.1 += 1;
            }
        }
        small.retain(|(_, n)| *n > 0);
        small.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
        for (slogan, n) in &small {
            println!("  under 60% in {n:>2} looks: {slogan:?}");
        }
        summary(product.key(), &mut all);
        everything.extend(all);
    }
    summary("every product", &mut everything);
    Ok(())
}

fn summary(what: &str, shares: &mut [f32]) {
    shares.sort_by(f32::total_cmp);
    println!(
        "{what}, all looks: least {:.0}%, median {:.0}%, {} of {} under 60%",
        shares[0] * 100.0,
        shares[shares.len() / 2] * 100.0,
        shares.iter().filter(|s| **s < 0.6).count(),
        shares.len()
    );
}
