//! Design engine timings (docs/BENCHMARKS.md): median of many runs for
//! a shirt picture (layout + letters as outlines) and its size, the share card PNG (first render, uncached), the
//! 300 DPI print PNG, and the CJK font cut down to one slogan.
//!
//!     cargo run --release --example bench_design

use popshop::design::{DesignEngine, THEMES, Theme, View};
use popshop::domain::ShirtColour;
use popshop::web::compressed::Precompressed;
use std::path::Path;
use std::time::{Duration, Instant};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut(usize) -> T) -> (Duration, Duration) {
    let samples: Vec<Duration> = (0..runs)
        .map(|i| {
            let start = Instant::now();
            std::hint::black_box(f(i));
            start.elapsed()
        })
        .collect();
    let max = *samples.iter().max().unwrap();
    (median(samples), max)
}

fn main() -> anyhow::Result<()> {
    let engine = DesignEngine::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("static/fonts"))?;
    let slogans = [
        "Be a Friday Night Loser with me",
        "YES",
        "Schöne Grüße aus Köln, ihr Nachteulen",
        "This slogan is exactly as long as the form allows, eighty characters, no more!!",
        "我爱周五晚上的音乐 🔥",
    ];
    let theme = |i: usize| -> &'static Theme { &THEMES[i % THEMES.len()] };
    let colour = ShirtColour::PALETTE[1];

    let (med, max) =
        time(500, |i| engine.shirt_svg(slogans[i % slogans.len()], theme(i), colour, View::ALL[i % 3]).unwrap());
    println!(
        "shirt picture SVG        median {:>9.3} ms   max {:>8.3} ms   (500 runs: layout + outlines; 10 looks, 5 slogans, 3 views)",
        ms(med),
        ms(max)
    );
    // What a fan downloads per picture (brotli, as served), per look.
    let mut sizes: Vec<(usize, &str)> = THEMES
        .iter()
        .map(|t| {
            let svg = engine.shirt_svg(slogans[0], t, colour, View::Front).unwrap();
            (Precompressed::new(svg.into()).brotli_len().unwrap_or(0), t.key)
        })
        .collect();
    sizes.sort();
    let listed: Vec<String> = sizes.iter().map(|(n, k)| format!("{k} {:.1}", *n as f64 / 1024.0)).collect();
    println!("front picture, brotli KB: {}", listed.join(", "));

    // The create form's look picker: one sheet with the slogan in all ten looks.
    let (med, max) = time(50, |i| engine.looks_svg(slogans[i % slogans.len()], colour));
    let sheet = engine.looks_svg(slogans[0], colour);
    let brotli = Precompressed::new(sheet.clone().into()).brotli_len().unwrap_or(0);
    println!(
        "look picker sheet SVG    median {:>9.3} ms   max {:>8.3} ms   (50 runs, 10 looks; {:.0} KB, brotli {:.0} KB)",
        ms(med),
        ms(max),
        sheet.len() as f64 / 1024.0,
        brotli as f64 / 1024.0
    );

    let (med, max) = time(100, |i| {
        engine.card_png(slogans[i % slogans.len()], "by The Losers", "$25.00", theme(i), colour).unwrap()
    });
    println!("share card PNG 1200x630  median {:>9.3} ms   max {:>8.3} ms   (100 runs, uncached)", ms(med), ms(max));

    let (med, max) = time(6, |i| engine.print_png(slogans[i % slogans.len()], theme(i), colour).unwrap());
    println!("print PNG 3600x4800      median {:>9.3} ms   max {:>8.3} ms   (6 runs)", ms(med), ms(max));
    let (med, max) = time(20, |i| engine.print_svg(slogans[i % slogans.len()], theme(i), colour).unwrap());
    println!("print SVG (outlined)     median {:>9.3} ms   max {:>8.3} ms   (20 runs)", ms(med), ms(max));

    let japanese = ["金曜の夜の負け犬になろう", "我爱周五晚上的音乐", "금요일 밤의 패배자가 되자"];
    let (med, max) = time(200, |i| engine.cut_font(popshop::design::CJK, japanese[i % japanese.len()]).unwrap());
    let size = engine.cut_font(popshop::design::CJK, japanese[0])?.len();
    println!(
        "CJK font cut to a slogan median {:>9.3} ms   max {:>8.3} ms   (200 runs; {size} bytes for {:?})",
        ms(med),
        ms(max),
        japanese[0]
    );
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
