//! The fonts as browsers get them: each bundled font cut into pieces by
//! script (`static/fonts/subsets.txt`, Google Fonts' subsets, plus "rest"),
//! written as WOFF2 by `scripts/fonts-woff2`, and declared each with the
//! `unicode-range` it actually covers. A browser downloads a piece only when
//! the page has a character in its range that the fonts before it in the
//! family list lack: a Latin storefront loads its look's Latin piece and
//! nothing else. The Chinese/Japanese/Korean and emoji fallbacks are sent
//! whole (with their ranges) only to pages that are not storefronts;
//! storefronts get them cut down to their own text (`design::subset`).

use super::fonts::{CJK, EMOJI, FALLBACK_CHAIN, FontFile, FontLibrary};
use std::collections::BTreeSet;

/// The named pieces and their ranges (`static/fonts/subsets.txt`).
const SUBSETS: &str = include_str!("../../static/fonts/subsets.txt");

/// The fallbacks a storefront gets cut down to its own text: (font key,
/// the file's name below `/d/{slug}/`).
pub const CUT_FONTS: [(&str, &str); 2] = [(CJK, "cjk.otf"), (EMOJI, "emoji.ttf")];

/// Looks' typefaces whose Latin piece alone is heavy (Cabin Sketch's
/// hatched letters: 134 KB; every other look's is 10–35 KB): a storefront
/// in them gets its heading's font cut to the slogan too, as
/// `/d/{slug}/display.ttf` (or `.otf`). The cut has no kerning or
/// ligatures (allsorts writes no GSUB/GPOS), so only these are cut.
pub const CUT_DISPLAY: [&str; 1] = ["sketch"];

/// The file name below `/d/{slug}/` of a look's typeface cut to a drop.
pub fn display_file(font: &FontFile) -> &'static str {
    if font.file_name.ends_with(".otf") { "display.otf" } else { "display.ttf" }
}

/// Fonts sent whole, not in pieces.
const WHOLE: [&str; 2] = [CJK, EMOJI];

/// One `@font-face`: a file below `/static/` and the characters it draws.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebFace {
    pub family: String,
    pub file: String,
    pub ranges: Vec<(u32, u32)>,
}

/// The named pieces: (name, code points).
fn pieces() -> Vec<(&'static str, BTreeSet<u32>)> {
    SUBSETS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once(':'))
        .map(|(name, ranges)| (name.trim(), parse_ranges(ranges)))
        .collect()
}

fn parse_ranges(text: &str) -> BTreeSet<u32> {
    let mut points = BTreeSet::new();
    for part in text.split(',') {
        let part = part.trim().trim_start_matches("U+");
        let (a, b) = part.split_once('-').unwrap_or((part, part));
        if let (Ok(a), Ok(b)) = (u32::from_str_radix(a, 16), u32::from_str_radix(b, 16)) {
            points.extend(a..=b);
        }
    }
    points
}

/// Sorted code points as ranges.
pub fn ranges_of(points: impl IntoIterator<Item = u32>) -> Vec<(u32, u32)> {
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for p in points {
        match ranges.last_mut() {
            Some((_, end)) if *end + 1 == p => *end = p,
            _ => ranges.push((p, p)),
        }
    }
    ranges
}

/// `U+41-5A, U+61` for CSS.
pub fn css_range(ranges: &[(u32, u32)]) -> String {
    ranges
        .iter()
        .map(|&(a, b)| if a == b { format!("U+{a:X}") } else { format!("U+{a:X}-{b:X}") })
        .collect::<Vec<_>>()
        .join(", ")
}

fn stem(font: &FontFile) -> &str {
    font.file_name.rsplit_once('.').map_or(font.file_name, |(stem, _)| stem)
}

/// The file a font's piece `name` is in, below `/static/`.
pub fn piece_file(font: &FontFile, name: &str) -> String {
    format!("fonts/woff2/{}.{name}.woff2", stem(font))
}

/// The file a whole font is in, below `/static/`.
pub fn whole_file(font: &FontFile) -> String {
    format!("fonts/woff2/{}.woff2", stem(font))
}

/// The face a look's display font is first drawn from (its Latin piece),
/// worth preloading.
pub fn first_file(font: &FontFile) -> String {
    if WHOLE.contains(&font.key) { whole_file(font) } else { piece_file(font, "latin") }
}

impl FontLibrary {
    /// Every face browsers may be sent; with `whole`, the CJK and emoji
    /// fallbacks too (each less what an earlier fallback covers, so Latin
    /// text never reaches them).
    pub fn web_faces(&self, whole: bool) -> Vec<WebFace> {
        let pieces = pieces();
        let named: BTreeSet<u32> = pieces.iter().flat_map(|(_, p)| p.iter().copied()).collect();
        let mut faces = Vec::new();
        for font in self.all() {
            if WHOLE.contains(&font.key) {
                if whole {
                    let earlier: BTreeSet<u32> = FALLBACK_CHAIN
                        .iter()
                        .take_while(|k| **k != font.key)
                        .flat_map(|k| self.get(k).coverage().iter().copied())
                        .collect();
                    let own = font.coverage().iter().copied().filter(|p| !earlier.contains(p));
                    faces.push(WebFace { family: font.family.clone(), file: whole_file(font), ranges: ranges_of(own) });
                }
                continue;
            }
            let covered = font.coverage();
            let rest: BTreeSet<u32> = covered.iter().copied().filter(|p| !named.contains(p)).collect();
            for (name, points) in pieces.iter().map(|(n, p)| (*n, p)).chain(std::iter::once(("rest", &rest))) {
                let wanted: Vec<u32> = covered.iter().copied().filter(|p| points.contains(p)).collect();
                if !wanted.is_empty() {
                    faces.push(WebFace {
                        family: font.family.clone(),
                        file: piece_file(font, name),
                        ranges: ranges_of(wanted),
                    });
                }
            }
        }
        faces
    }

    /// `@font-face` rules for [`Self::web_faces`], under the family name
    /// each font itself declares (the page, the SVG and the print agree);
    /// `url_of` gives the address of a file below `/static/`.
    /// First `--fallbacks`, the fallback families in order, for the page's
    /// `font-family` lists.
    pub fn font_face_css(&self, whole: bool, url_of: impl Fn(&str) -> String) -> String {
        let fallbacks =
            FALLBACK_CHAIN.iter().map(|k| format!("\"{}\"", self.get(k).family)).collect::<Vec<_>>().join(",");
        let rules: String = self
            .web_faces(whole)
            .iter()
            .map(|face| {
                format!(
                    "@font-face{{font-family:\"{}\";src:url({}) format(\"woff2\");font-display:swap;unicode-range:{}}}\n",
                    face.family,
                    url_of(&face.file),
                    css_range(&face.ranges)
                )
            })
            .collect();
        format!(":root{{--fallbacks:{fallbacks}}}\n{rules}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::fonts::tests::library;
    use std::path::Path;

    #[test]
    fn every_piece_is_on_disk_as_woff2() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("static");
        let faces = library().web_faces(true);
        assert!(faces.len() > 40, "{}", faces.len());
        for face in &faces {
            let bytes = std::fs::read(dir.join(&face.file))
                .unwrap_or_else(|e| panic!("{}: {e} (run scripts/fonts-woff2)", face.file));
            assert_eq!(&bytes[..4], b"wOF2", "{}", face.file);
            assert!(!face.ranges.is_empty(), "{}", face.file);
        }
    }

    #[test]
    fn a_latin_look_draws_latin_from_one_small_piece() {
        let lib = library();
        let faces = lib.web_faces(true);
        let bebas = lib.get("bebas");
        let latin: Vec<_> = faces.iter().filter(|f| f.family == bebas.family).collect();
        let a = u32::from('A');
        let holding_a: Vec<_> = latin.iter().filter(|f| f.ranges.iter().any(|&(x, y)| (x..=y).contains(&a))).collect();
        assert_eq!(holding_a.len(), 1, "{holding_a:?}");
        assert!(holding_a[0].file.ends_with(".latin.woff2"));
        // The CJK and emoji fallbacks never claim Latin letters or digits.
        for key in [CJK, EMOJI] {
            let family = &lib.get(key).family;
            let face = faces.iter().find(|f| &f.family == family).unwrap();
            for c in ['A', 'z', '1', '#'] {
                let c = u32::from(c);
                assert!(!face.ranges.iter().any(|&(x, y)| (x..=y).contains(&c)), "{family} claims {c:X}");
            }
        }
        // Storefronts get neither whole.
        let storefront = lib.web_faces(false);
        assert!(!storefront.iter().any(|f| f.family == lib.get(CJK).family || f.family == lib.get(EMOJI).family));
    }

    #[test]
    fn ranges_are_written_for_css() {
        assert_eq!(css_range(&ranges_of([0x41, 0x42, 0x43, 0x61, 0x1F525])), "U+41-43, U+61, U+1F525");
        assert!(parse_ranges("U+0000-00FF, U+0131").contains(&0x131));
    }
}
