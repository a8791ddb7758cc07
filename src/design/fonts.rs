//! The bundled fonts: loaded and parsed once, then used to measure text.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use unicode_segmentation::UnicodeSegmentation;

/// Files under `static/fonts/`, by the key themes use to name them.
const BUNDLED: [(&str, &str); 20] = [
    ("bebas", "BebasNeue-Bold.otf"),
    ("lobster", "Lobster-Regular.otf"),
    ("marker", "PermanentMarker-Regular.ttf"),
    ("courier", "CourierPrime-Bold.otf"),
    ("spartan", "LeagueSpartan-Bold.otf"),
    ("garamond", "EBGaramond-Bold.otf"),
    ("kaushan", "KaushanScript-Regular.otf"),
    ("quicksand", "Quicksand-Bold.ttf"),
    ("dancing", "DancingScript-Bold.otf"),
    ("sketch", "CabinSketch-Bold.ttf"),
    // Each look's second face, for slogans with letters its own face lacks
    // (Cyrillic, Greek, Vietnamese, Turkish İ …), chosen to keep its character.
    ("mono", "LiberationMono-Bold.ttf"),
    ("comfortaa", "Comfortaa-Bold.ttf"),
    ("serif-italic", "NotoSerif-BoldItalic.ttf"),
    ("noto-sans", "NotoSans-Bold.ttf"),
    ("noto-arabic", "NotoSansArabic-Bold.ttf"),
    ("noto-hebrew", "NotoSansHebrew-Bold.ttf"),
    ("noto-devanagari", "NotoSansDevanagari-Bold.ttf"),
    ("noto-thai", "NotoSansThai-Bold.ttf"),
    ("noto-cjk", "NotoSansCJK-Bold-subset.otf"),
    ("noto-emoji", "NotoEmoji-Bold.ttf"),
];

/// Where glyphs missing from a theme's typeface are looked up, in order:
/// Latin/Cyrillic/Greek, Arabic, Hebrew, Devanagari, Thai (Noto, from
/// Debian's fonts-noto-core), then Chinese/Japanese/Korean (a subset, see
/// `static/fonts/subset-cjk.sh`), then emoji.
pub const FALLBACK_CHAIN: [&str; 7] =
    ["noto-sans", "noto-arabic", "noto-hebrew", "noto-devanagari", "noto-thai", CJK, EMOJI];

/// Fallbacks for scripts whose letters change shape with their neighbours
/// (Arabic joining, Indic and Thai marks): resvg shapes a fallback glyph on
/// its own, which breaks them, so text in these scripts is set in the
/// script's font from the start (see [`FontLibrary::face_for`]).
const SHAPED_SCRIPTS: [&str; 4] = ["noto-arabic", "noto-hebrew", "noto-devanagari", "noto-thai"];

/// The Chinese/Japanese/Korean fallback: 2.3 MB as WOFF2, so a storefront
/// that needs it gets it cut down to its own text (`design::subset`).
pub const CJK: &str = "noto-cjk";

/// The emoji fallback (monochrome outlines): 470 KB as WOFF2, so a
/// storefront that needs it gets it cut down to its own text too.
pub const EMOJI: &str = "noto-emoji";

#[derive(Debug, thiserror::Error)]
pub enum FontError {
    #[error("cannot read font file {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("font file {path} is not a font we can parse")]
    Parse { path: PathBuf },
}

/// How far a text's ink reaches above and below its baseline, in em: the
/// font's ascender and descender, or more where the text's own glyphs reach
/// further (an accent over a capital in a caps-height face like Bebas Neue,
/// Thai and Devanagari marks, a fallback font's taller glyphs).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Vertical {
    pub ascender: f32,
    pub descender: f32,
}

/// One parsed font file.
pub struct FontFile {
    pub key: &'static str,
    pub file_name: &'static str,
    /// Family name from the font's own name table; the SVG and the CSS use it.
    pub family: String,
    pub data: &'static [u8],
    face: rustybuzz::Face<'static>,
    /// Ascender and descender in em (descender positive, below the baseline).
    pub ascender: f32,
    pub descender: f32,
    /// The code points it has glyphs for, ascending.
    coverage: Vec<u32>,
}

impl FontFile {
    /// The code points it has glyphs for, ascending.
    pub fn coverage(&self) -> &[u32] {
        &self.coverage
    }

    fn parse(key: &'static str, file_name: &'static str, path: &Path) -> Result<Self, FontError> {
        let bytes = std::fs::read(path).map_err(|source| FontError::Read { path: path.to_owned(), source })?;
        // Fonts live for the whole process; the library is loaded once per directory.
        let data: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        let face = rustybuzz::Face::from_slice(data, 0).ok_or_else(|| FontError::Parse { path: path.to_owned() })?;
        let upem = f32::from(face.units_per_em() as u16);
        // The typographic family (name 16) when present, else the family (name 1):
        // the same choice fontdb makes, so resvg finds the font under this name.
        let name_of = |id: u16| {
            face.names().into_iter().filter(|n| n.name_id == id && n.is_unicode()).find_map(|n| n.to_string())
        };
        let family = name_of(ttf_parser::name_id::TYPOGRAPHIC_FAMILY)
            .or_else(|| name_of(ttf_parser::name_id::FAMILY))
            .ok_or_else(|| FontError::Parse { path: path.to_owned() })?;
        let mut coverage = Vec::new();
        if let Some(cmap) = face.tables().cmap {
            for table in cmap.subtables.into_iter().filter(|t| t.is_unicode()) {
                table.codepoints(|c| {
                    if table.glyph_index(c).is_some_and(|g| g.0 != 0) {
                        coverage.push(c);
                    }
                });
            }
        }
        coverage.sort_unstable();
        coverage.dedup();
        Ok(Self {
            key,
            file_name,
            family,
            coverage,
            data,
            ascender: f32::from(face.ascender()) / upem,
            descender: -f32::from(face.descender()) / upem,
            face,
        })
    }

    fn covers(&self, grapheme: &str) -> bool {
        grapheme.chars().filter(|c| !is_default_ignorable(*c)).all(|c| self.face.glyph_index(c).is_some())
    }

    /// `text` shaped with this font (kerning, ligatures, marks placed).
    fn shape(&self, text: &str) -> rustybuzz::GlyphBuffer {
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        rustybuzz::shape(&self.face, &[], buffer)
    }

    /// How far the ink of `text`, shaped with this font, reaches above and
    /// below the baseline, in em (`None`: no glyph has ink).
    fn shaped_ink(&self, text: &str) -> Option<(f32, f32)> {
        let shaped = self.shape(text);
        let upem = f32::from(self.face.units_per_em() as u16);
        shaped
            .glyph_infos()
            .iter()
            .zip(shaped.glyph_positions())
            .filter_map(|(info, pos)| {
                let bbox = self.face.glyph_bounding_box(ttf_parser::GlyphId(info.glyph_id as u16))?;
                Some((f32::from(bbox.y_max) + pos.y_offset as f32, -(f32::from(bbox.y_min) + pos.y_offset as f32)))
            })
            .reduce(|(a, b), (c, d)| (a.max(c), b.max(d)))
            .map(|(a, b)| (a / upem, b / upem))
    }

    /// Where the ink of `text`, shaped with this font, starts and ends
    /// across, in em from the pen's start, and the advance (`None` for the
    /// extent: no glyph has ink).
    fn shaped_across(&self, text: &str) -> (Option<(f32, f32)>, f32) {
        let shaped = self.shape(text);
        let upem = f32::from(self.face.units_per_em() as u16);
        let mut pen = 0;
        let mut extent: Option<(i32, i32)> = None;
        for (info, pos) in shaped.glyph_infos().iter().zip(shaped.glyph_positions()) {
            if let Some(bbox) = self.face.glyph_bounding_box(ttf_parser::GlyphId(info.glyph_id as u16)) {
                let (from, to) =
                    (pen + pos.x_offset + i32::from(bbox.x_min), pen + pos.x_offset + i32::from(bbox.x_max));
                extent = Some(extent.map_or((from, to), |(a, b)| (a.min(from), b.max(to))));
            }
            pen += pos.x_advance;
        }
        (extent.map(|(a, b)| (a as f32 / upem, b as f32 / upem)), pen as f32 / upem)
    }

    /// Advance width of `text` at 1 em, shaped (kerning, ligatures) with this font.
    fn shaped_width(&self, text: &str) -> f32 {
        let shaped = self.shape(text);
        let units: i32 = shaped.glyph_positions().iter().map(|p| p.x_advance).sum();
        units as f32 / f32::from(self.face.units_per_em() as u16)
    }
}

/// Joiners and selectors that never need a glyph of their own.
fn is_default_ignorable(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{FE00}'..='\u{FE0F}' | '\u{E0020}'..='\u{E007F}' | '\u{2060}')
}

/// All bundled fonts.
pub struct FontLibrary {
    fonts: Vec<FontFile>,
    /// The same fonts for resvg, built on first use.
    fontdb: std::sync::OnceLock<Arc<resvg::usvg::fontdb::Database>>,
}

impl FontLibrary {
    /// Loads (once per process and directory) every bundled font from `dir`.
    pub fn load(dir: &Path) -> Result<Arc<Self>, FontError> {
        static LOADED: Mutex<Vec<(PathBuf, Arc<FontLibrary>)>> = Mutex::new(Vec::new());
        let mut loaded = crate::sync::lock(&LOADED);
        if let Some((_, library)) = loaded.iter().find(|(d, _)| d == dir) {
            return Ok(library.clone());
        }
        let fonts = BUNDLED
            .iter()
            .map(|(key, file)| FontFile::parse(key, file, &dir.join(file)))
            .collect::<Result<Vec<_>, _>>()?;
        let library = Arc::new(Self { fonts, fontdb: std::sync::OnceLock::new() });
        loaded.push((dir.to_owned(), library.clone()));
        Ok(library)
    }

    /// The font with this key. Keys are our own constants, checked by a test.
    pub fn get(&self, key: &str) -> &FontFile {
        self.fonts.iter().find(|f| f.key == key).unwrap_or(&self.fonts[0])
    }

    pub fn all(&self) -> &[FontFile] {
        &self.fonts
    }

    /// The font that will draw `grapheme`: the primary if it has the glyphs, else
    /// the first fallback that does; `None` when no bundled font covers it.
    fn font_for<'a>(&'a self, primary: &'a FontFile, grapheme: &str) -> Option<&'a FontFile> {
        std::iter::once(primary).chain(FALLBACK_CHAIN.iter().map(|k| self.get(k))).find(|f| f.covers(grapheme))
    }

    /// The face to set `text` in for a look whose typeface is `primary`: the
    /// typeface itself, unless the text needs a script that must be shaped
    /// as a whole (Arabic, Hebrew, Devanagari, Thai) and the typeface lacks
    /// it — then that script's font, so it is shaped, measured and drawn as
    /// one run — or letters the typeface lacks (then `sibling`, the look's
    /// second face, or Noto Sans).
    pub fn face_for<'a>(&'a self, primary: &'a FontFile, sibling: &str, text: &str) -> &'a FontFile {
        if let Some(script) =
            text.graphemes(true).filter_map(|g| self.font_for(primary, g)).find(|f| SHAPED_SCRIPTS.contains(&f.key))
        {
            return script;
        }
        // Letters the typeface lacks would come from Noto Sans one by one
        // (and resvg re-sets the rest of such a run in the fallback too, so
        // it would no longer fit): set the whole slogan in the look's
        // sibling face, or in Noto Sans, whichever has every letter.
        if text.graphemes(true).any(|g| self.font_for(primary, g).is_some_and(|f| f.key == "noto-sans")) {
            let has_every_letter = |face: &FontFile| {
                text.graphemes(true).all(|g| {
                    self.font_for(face, g).is_none_or(|f| f.key == face.key || f.key == CJK || f.key == "noto-emoji")
                })
            };
            return [sibling, "noto-sans"]
                .iter()
                .map(|k| self.get(k))
                .find(|f| has_every_letter(f))
                .unwrap_or(self.get("noto-sans"));
        }
        primary
    }

    /// Whether any of `text`, set in `primary`, is drawn with the font `key`.
    pub fn falls_back_to(&self, primary: &FontFile, text: &str, key: &str) -> bool {
        text.graphemes(true).any(|g| self.font_for(primary, g).is_some_and(|f| f.key == key))
    }

    /// CSS `font-family` list for text set in `primary`: the font, then the fallbacks.
    pub fn css_family(&self, primary: &FontFile) -> String {
        std::iter::once(primary.family.as_str())
            .chain(FALLBACK_CHAIN.iter().map(|k| self.get(k).family.as_str()))
            .map(|f| format!("'{f}'"))
            .chain(std::iter::once("sans-serif".to_owned()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// A font database holding only the bundled fonts (never system fonts), for
    /// rasterising our SVGs exactly as they were measured.
    pub fn font_database(&self) -> Arc<resvg::usvg::fontdb::Database> {
        self.fontdb.get_or_init(|| self.build_font_database()).clone()
    }

    fn build_font_database(&self) -> Arc<resvg::usvg::fontdb::Database> {
        let mut db = resvg::usvg::fontdb::Database::new();
        // usvg falls back to the first font in the database that has a missing
        // glyph; loading the fallback chain first makes that our chain, as in CSS.
        let fallbacks_first = FALLBACK_CHAIN
            .iter()
            .map(|k| self.get(k))
            .chain(self.fonts.iter().filter(|f| !FALLBACK_CHAIN.contains(&f.key)));
        for font in fallbacks_first {
            db.load_font_data(font.data.to_vec());
        }
        db.set_sans_serif_family(self.get("noto-sans").family.clone());
        Arc::new(db)
    }

    /// How far the ink of `text` set in `primary` (and its fallbacks) reaches
    /// above and below the baseline, in em, from the glyphs' own outlines:
    /// an accent over a capital counts, a descender the text does not have
    /// does not (so "YES" is centred on its capitals and may grow into the
    /// room a "g" would need). The font's ascender and descender when no
    /// glyph has ink (only spaces).
    pub fn vertical_extent(&self, primary: &FontFile, text: &str) -> Vertical {
        let (mut above, mut below) = (f32::MIN, f32::MIN);
        // Shaped in runs of one font, so marks sit where shaping puts them
        // (a Devanagari vowel sign below its consonant).
        self.for_each_run(primary, text, |font, run| {
            if let Some((a, b)) = font.and_then(|f| f.shaped_ink(run)) {
                (above, below) = (above.max(a), below.max(b));
            }
        });
        if above <= f32::MIN || below <= f32::MIN || above + below <= 0.0 {
            return Vertical { ascender: primary.ascender, descender: primary.descender };
        }
        Vertical { ascender: above, descender: below }
    }

    /// Whether every grapheme of `text` has a glyph in `primary` or a fallback.
    pub fn covers(&self, primary: &FontFile, text: &str) -> bool {
        text.graphemes(true).all(|g| g.trim().is_empty() || self.font_for(primary, g).is_some())
    }

    /// Width of `text` at a font size of 1 em: runs of graphemes that share a font
    /// are shaped together. A grapheme no bundled font covers counts as 1 em, the
    /// width of a full-width ideograph, so the estimate errs towards fitting.
    pub fn measure<'a>(&'a self, primary: &'a FontFile, text: &str) -> f32 {
        let mut width = 0.0;
        self.for_each_run(primary, text, |font, run| width += run_width(font, run));
        width
    }

    /// Width of the ink of `text` at 1 em: its advances less the side
    /// bearings at its ends (the room a glyph keeps beside its drawing,
    /// wide for an emoji: 🔥's flame is 0.8 of its 1.27 em advance). A
    /// grapheme no bundled font covers counts as 1 em of ink.
    pub fn ink_width<'a>(&'a self, primary: &'a FontFile, text: &str) -> f32 {
        let (mut pen, mut extent) = (0.0f32, None::<(f32, f32)>);
        self.for_each_run(primary, text, |font, run| {
            let (ink, advance) = match font {
                Some(font) => font.shaped_across(run),
                None => {
                    let n = run_width(None, run);
                    (Some((0.0, n)), n)
                }
            };
            if let Some((a, b)) = ink {
                let (a, b) = (pen + a, pen + b);
                extent = Some(extent.map_or((a, b), |(x, y)| (x.min(a), y.max(b))));
            }
            pen += advance;
        });
        extent.map_or(0.0, |(a, b)| b - a)
    }

    /// Calls `f` for each run of consecutive graphemes of `text` drawn with
    /// the same font: per grapheme, the first font that has it — spaces
    /// included — as browsers and resvg choose (`None`: no bundled font).
    fn for_each_run<'a>(&'a self, primary: &'a FontFile, text: &str, mut f: impl FnMut(Option<&'a FontFile>, &str)) {
        let mut run: Option<(Option<&FontFile>, usize)> = None;
        for (i, g) in text.grapheme_indices(true) {
            let font = self.font_for(primary, g);
            match run {
                Some((current, start)) if !same_font(current, font) => {
                    f(current, &text[start..i]);
                    run = Some((font, i));
                }
                None => run = Some((font, i)),
                Some(_) => {}
            }
        }
        if let Some((font, start)) = run {
            f(font, &text[start..]);
        }
    }
}

fn same_font(a: Option<&FontFile>, b: Option<&FontFile>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.key == b.key,
        (None, None) => true,
        _ => false,
    }
}

fn run_width(font: Option<&FontFile>, run: &str) -> f32 {
    match font {
        Some(font) => font.shaped_width(run),
        None => run.graphemes(true).count() as f32,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn library() -> Arc<FontLibrary> {
        FontLibrary::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("static/fonts")).unwrap()
    }

    #[test]
    fn every_bundled_font_loads_with_a_family_name() {
        let lib = library();
        for font in lib.all() {
            assert!(!font.family.is_empty(), "{}", font.file_name);
            assert!(font.ascender > 0.3 && font.descender >= 0.0, "{}", font.file_name);
        }
    }

    #[test]
    fn missing_file_is_named_in_the_error() {
        let err = FontLibrary::load(Path::new("/nonexistent-fonts")).err().unwrap();
        assert!(err.to_string().contains("BebasNeue-Bold.otf"), "{err}");
    }

    #[test]
    fn measures_with_real_advances() {
        let lib = library();
        let courier = lib.get("courier");
        // A monospace font: every glyph has the same advance.
        let w1 = lib.measure(courier, "iiii");
        let w2 = lib.measure(courier, "MMMM");
        assert!((w1 - w2).abs() < 1e-3);
        let bebas = lib.get("bebas");
        assert!(lib.measure(bebas, "WWW") > lib.measure(bebas, "III"));
    }

    #[test]
    fn falls_back_for_cyrillic_and_emoji() {
        let lib = library();
        let bebas = lib.get("bebas");
        assert!(lib.covers(bebas, "Привет 🔥 Grüße"));
        assert!(lib.measure(bebas, "🔥") > 0.5);
    }
}

#[cfg(test)]
mod fallback_tests {
    use crate::design::THEMES;

    /// A slogan in letters a look's face lacks is set whole in the look's own
    /// second face (its character kept), never patched from Noto Sans.
    #[test]
    fn each_look_sets_other_alphabets_in_its_own_second_face() {
        let fonts = super::tests::library();
        for slogan in ["Будь лузером пятницы со мной", "Γεια σου κόσμε", "Tiệc tối thứ Sáu", "İstanbul gecesi"]
        {
            for theme in &THEMES {
                let primary = fonts.get(theme.font);
                let chosen = fonts.face_for(primary, theme.fallback_font, slogan);
                if !fonts.falls_back_to(primary, slogan, "noto-sans") {
                    assert_eq!(chosen.key, primary.key, "{}: {slogan}", theme.key);
                } else {
                    assert_eq!(chosen.key, theme.fallback_font, "{}: {slogan} in its second face", theme.key);
                }
            }
        }
        let typewriter = THEMES.iter().find(|t| t.key == "typewriter").unwrap();
        assert_eq!(fonts.face_for(fonts.get(typewriter.font), typewriter.fallback_font, "Привет").key, "mono");
    }
}
