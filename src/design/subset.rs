//! A font cut down to the characters one page shows, for browsers: a
//! Japanese drop's storefront loads a few KB of Noto Sans CJK instead of
//! the whole 2.3 MB (issues 9 and 12). The cutting is done by
//! [`allsorts`] (YesLogic's font toolkit, the one inside the Prince
//! typesetter): the glyphs' outlines and metrics, with a new Unicode `cmap`
//! for just those glyphs, as a complete OpenType font a browser accepts.

use super::fonts::FontFile;
use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile};
use anyhow::Context;

/// `font` with only the glyphs `text` needs (and `.notdef`).
pub fn subset(font: &FontFile, text: &str) -> anyhow::Result<Vec<u8>> {
    let face = ttf_parser::Face::parse(font.data, 0).context("parse the font")?;
    let mut glyphs: Vec<u16> = text.chars().filter_map(|c| face.glyph_index(c)).map(|g| g.0).collect();
    glyphs.push(0);
    glyphs.sort_unstable();
    glyphs.dedup();
    let data = ReadScope::new(font.data).read::<FontData<'_>>().context("read the font")?;
    let provider = data.table_provider(0).context("read the font's tables")?;
    allsorts::subset::subset(&provider, &glyphs, &SubsetProfile::Minimal, CmapTarget::Unicode)
        .with_context(|| format!("subset {}", font.file_name))
}

#[cfg(test)]
mod tests {
    use crate::design::fonts::tests::library;

    #[test]
    fn a_japanese_slogan_needs_a_few_kilobytes_of_its_font() {
        let lib = library();
        let cjk = lib.get("noto-cjk");
        let text = "金曜の夜の負け犬になろう、一緒に";
        let cut = super::subset(cjk, text).unwrap();
        assert!(cut.len() < 40_000, "{} bytes (the whole font is {})", cut.len(), cjk.data.len());
        let face = ttf_parser::Face::parse(&cut, 0).expect("the subset is a font");
        for c in text.chars() {
            assert!(face.glyph_index(c).is_some_and(|g| g.0 != 0), "{c} kept");
        }
        assert!(face.glyph_index('X').is_none(), "nothing else");
    }
}
