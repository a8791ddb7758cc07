//! Snapshot tests: every look's outputs are compared with stored copies in
//! `tests/snapshots/` (SVG as text, PNGs by SHA-256), so any change to the
//! rendering shows up in review. `UPDATE_SNAPSHOTS=1 cargo test --lib snapshots`
//! rewrites them after an intended change.

use super::THEMES;
use super::card::{card_svg, render_png};
use super::fonts::tests::library;
use super::mockup::mockup_svg;
use super::print::{print_svg_outlined, print_svg_text};
use crate::domain::ShirtColour;
use sha2::{Digest, Sha256};
use std::path::PathBuf;

const SLOGAN: &str = "Be a Friday Night Loser with me";

fn check(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots").join(name);
    if std::env::var("UPDATE_SNAPSHOTS").is_ok() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!("missing snapshot {}: run UPDATE_SNAPSHOTS=1 cargo test --lib snapshots", path.display())
    });
    assert!(
        expected == actual,
        "{name} differs from its snapshot; if intended, run UPDATE_SNAPSHOTS=1 cargo test --lib snapshots"
    );
}

#[test]
fn mockups_match_their_snapshots() {
    let lib = library();
    for theme in &THEMES {
        let colour = ShirtColour::PALETTE[(theme.key.len()) % ShirtColour::PALETTE.len()];
        check(&format!("mockup-{}.svg", theme.key), &mockup_svg(&lib, SLOGAN, theme, colour, "snap"));
    }
}

/// A PNG's size and pixels, decoded: what the picture shows, whatever
/// deflate implementation the build links (another crate's features can
/// switch flate2's backend, which changes the bytes, not the picture).
fn pixels(png_bytes: &[u8]) -> Vec<u8> {
    let mut reader = png::Decoder::new(std::io::Cursor::new(png_bytes)).read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let mut out = format!("{}x{}:", info.width, info.height).into_bytes();
    out.extend_from_slice(&buf[..info.buffer_size()]);
    out
}

#[test]
fn cards_and_print_files_match_their_snapshot_hashes() {
    let lib = library();
    let db = lib.font_database();
    let mut lines = String::new();
    for theme in &THEMES {
        let colour = ShirtColour::PALETTE[1];
        let card = render_png(db.clone(), &card_svg(&lib, SLOGAN, "by The Losers", "$25.00", theme, colour)).unwrap();
        let print = print_svg_outlined(db.clone(), &print_svg_text(&lib, SLOGAN, theme, colour)).unwrap();
        lines.push_str(&format!("card-{} {}\n", theme.key, hex::encode(Sha256::digest(pixels(&card)))));
        lines.push_str(&format!("print-{} {}\n", theme.key, hex::encode(Sha256::digest(print.as_bytes()))));
    }
    check("renders.sha256", &lines);
}
