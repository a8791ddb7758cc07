//! The first render of every picture a new drop's storefront shows (issue
//! 23: "under 1 s on this machine"): the shirt's front and back in each of
//! its colours, each other product's picture and the share card, for a slogan never drawn
//! before — on one thread, then on every core as the server's render slots
//! draw them side by side.
//!
//!     cargo run --release --example bench_mockups

use popshop::design::{DesignEngine, Theme, View};
use popshop::domain::{Product, ShirtColour};
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

fn colours_first() -> ShirtColour {
    ShirtColour::parse("black").unwrap_or(ShirtColour::PALETTE[1])
}

fn main() -> anyhow::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let engine = Arc::new(DesignEngine::load(&root.join("static/fonts"))?);
    let colours: Vec<ShirtColour> =
        ["black", "white", "navy", "sand"].iter().filter_map(|k| ShirtColour::parse(k)).collect();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "{} pictures a drop: shirt front, back and on a hanger in {} colours, five other products in their views \
         (hoodie and long-sleeve: front, back, hanger), the share card",
        colours.len() * 3 + 10,
        colours.len()
    );
    for (round, slogan) in
        ["Merch table night, first of its kind", "Sei ein Freitagabend-Loser mit mir!", "金曜の夜の負け犬になろう"]
            .iter()
            .enumerate()
    {
        let theme = Theme::default_for(slogan);
        let mut jobs: Vec<Box<dyn Fn() -> usize + Send + Sync>> = Vec::new();
        for colour in &colours {
            for view in [View::Front, View::Back, View::Hanger] {
                let (e, s, c) = (engine.clone(), slogan.to_string(), *colour);
                jobs.push(Box::new(move || e.shirt_svg(&s, theme, c, view).map_or(0, |x| x.len())));
            }
        }
        for product in Product::ALL.into_iter().filter(|p| *p != Product::Tee) {
            let (e, s) = (engine.clone(), slogan.to_string());
            let colour = product.offered_colours(&colours)[0];
            for &view in DesignEngine::product_views(product) {
                let (e, s) = (e.clone(), s.clone());
                jobs.push(Box::new(move || e.product_svg(&s, theme, colour, product, view).map_or(0, |x| x.len())));
            }
        }
        // The share card (a PNG, the heaviest of them).
        let (e, s) = (engine.clone(), slogan.to_string());
        jobs.push(Box::new(move || {
            e.card_png(&s, "by The Losers", "$25.00", theme, colours_first()).map_or(0, |x| x.len())
        }));
        let jobs = Arc::new(jobs);
        let started = Instant::now();
        let bytes: usize = jobs.iter().map(|j| j()).sum();
        let serial = started.elapsed();
        let started = Instant::now();
        let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let handles: Vec<_> = (0..cores)
            .map(|_| {
                let (jobs, next) = (jobs.clone(), next.clone());
                std::thread::spawn(move || {
                    let mut done = 0;
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(job) = jobs.get(i) else { return done };
                        done += job();
                    }
                })
            })
            .collect();
        let parallel_bytes: usize = handles.into_iter().map(|h| h.join().unwrap_or(0)).sum();
        let parallel = started.elapsed();
        println!(
            "round {}: {:?} ({}): {} pictures, {} KB; one thread {:.0} ms, {cores} threads {:.0} ms",
            round + 1,
            slogan,
            theme.key,
            jobs.len(),
            bytes / 1024,
            serial.as_secs_f64() * 1000.0,
            parallel.as_secs_f64() * 1000.0
        );
        assert_eq!(bytes, parallel_bytes, "the same pictures both ways");
    }
    Ok(())
}
