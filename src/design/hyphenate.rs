//! Where a word too long for a line may break: at its syllables, by
//! Knuth–Liang hyphenation with TeX's patterns (the `hyphenation` crate),
//! German (1996 spelling) or US English as the slogan reads, never leaving
//! fewer than two letters on either side. The same function serves every
//! picture (shirt, card, print file), so they break alike.

use hyphenation::{Hyphenator, Language, Load, Standard};
use std::sync::OnceLock;

/// The languages popshop hyphenates in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SloganLanguage {
    English,
    German,
}

fn dictionary(language: SloganLanguage) -> Option<&'static Standard> {
    static EN: OnceLock<Option<Standard>> = OnceLock::new();
    static DE: OnceLock<Option<Standard>> = OnceLock::new();
    let (cell, lang) = match language {
        SloganLanguage::English => (&EN, Language::EnglishUS),
        SloganLanguage::German => (&DE, Language::German1996),
    };
    cell.get_or_init(|| Standard::from_embedded(lang).ok()).as_ref()
}

/// Words only German writes.
const GERMAN_WORDS: [&str; 24] = [
    "der", "die", "das", "und", "ich", "nicht", "mit", "ein", "eine", "ist", "sei", "du", "wir", "ihr", "auf", "aus",
    "zu", "für", "von", "im", "dem", "den", "mir", "dich",
];

/// The slogan's language, as far as hyphenation cares: German when it has
/// German letters (ä ö ü ß) or words, else English.
pub fn language_of(text: &str) -> SloganLanguage {
    let lower = text.to_lowercase();
    let german_letters = lower.contains(['ä', 'ö', 'ü', 'ß']);
    let german_words = lower.split(|c: char| !c.is_alphabetic()).any(|w| GERMAN_WORDS.contains(&w));
    if german_letters || german_words { SloganLanguage::German } else { SloganLanguage::English }
}

/// `word` cut at its syllables (the whole word when it has none, or is no
/// plain word): the pieces join back to `word`.
pub fn syllables(word: &str, language: SloganLanguage) -> Vec<&str> {
    // The letters to hyphenate: the word's leading run of letters (trailing
    // punctuation stays with the last syllable), lowercased letter for letter.
    let core_end = word.char_indices().find(|(_, c)| !c.is_alphabetic()).map_or(word.len(), |(i, _)| i);
    let core = &word[..core_end];
    let lower: String = core.chars().flat_map(char::to_lowercase).collect();
    let (Some(dictionary), true) = (dictionary(language), lower.chars().count() == core.chars().count()) else {
        return vec![word];
    };
    if core.chars().count() < 4 {
        return vec![word];
    }
    // Breaks are byte offsets in `lower`; as letter counts they are the
    // same in `core`.
    let starts: Vec<usize> = core.char_indices().map(|(i, _)| i).collect();
    let lower_starts: Vec<usize> = lower.char_indices().map(|(i, _)| i).collect();
    let mut pieces = Vec::new();
    let mut from = 0;
    for at in dictionary.hyphenate(&lower).breaks {
        let Some(letter) = lower_starts.iter().position(|&i| i == at) else { continue };
        let (left, right) = (letter, starts.len() - letter);
        // At least two letters on either side, and no one-letter syllable
        // (it could end up a line of its own): "hy-phen-a-tion" breaks as
        // "hy-phen-ation".
        let since = starts.iter().filter(|&&i| i >= from && i < starts[letter]).count();
        if left < 2 || right < 2 || since < 2 {
            continue;
        }
        pieces.push(&word[from..starts[letter]]);
        from = starts[letter];
    }
    pieces.push(&word[from..]);
    pieces
}

/// Words of at least this many letters get their syllables marked on the
/// page heading.
const MARKED_LETTERS: usize = 10;

/// `text` with a soft hyphen (U+00AD) between the syllables of its long
/// words: a browser breaks such a word only there, with a hyphen, as the
/// pictures do ([`syllables`]), and shows nothing where it does not break.
pub fn soft_hyphenated(text: &str) -> String {
    let language = language_of(text);
    let mut out = String::with_capacity(text.len() + 16);
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if word.chars().filter(|c| c.is_alphabetic()).count() >= MARKED_LETTERS {
            out.push_str(&syllables(word, language).join("\u{AD}"));
        } else {
            out.push_str(word);
        }
    }
    out
}

/// The slogan's language as an HTML `lang` value, where its letters tell
/// it (so a screen reader reads it in the right voice and a browser breaks
/// it by the right rules); `None` leaves the page's language.
pub fn lang_attribute(text: &str) -> Option<&'static str> {
    let has = |range: std::ops::RangeInclusive<char>| text.chars().any(|c| range.contains(&c));
    if has('\u{3040}'..='\u{30FF}') {
        return Some("ja");
    }
    if has('\u{AC00}'..='\u{D7AF}') || has('\u{1100}'..='\u{11FF}') {
        return Some("ko");
    }
    if has('\u{4E00}'..='\u{9FFF}') {
        return Some("zh");
    }
    for (range, code) in [
        ('\u{0E00}'..='\u{0E7F}', "th"),
        ('\u{0600}'..='\u{06FF}', "ar"),
        ('\u{0590}'..='\u{05FF}', "he"),
        ('\u{0370}'..='\u{03FF}', "el"),
        ('\u{0900}'..='\u{097F}', "hi"),
    ] {
        if has(range) {
            return Some(code);
        }
    }
    (language_of(text) == SloganLanguage::German).then_some("de")
}

/// Whether `text` is written in Han, kana or CJK punctuation (no spaces
/// between words).
pub fn is_cjk(text: &str) -> bool {
    !text.is_empty()
        && text.chars().all(|c| {
            matches!(c, '\u{3000}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}')
        })
}

/// A CJK run cut into phrases by BudouX's model: Japanese when it has kana,
/// else Simplified Chinese. The phrases join back to `run`.
pub fn phrases(run: &str) -> Vec<String> {
    let kana = run.chars().any(|c| ('\u{3040}'..='\u{30FF}').contains(&c));
    let model = if kana {
        budoux::models::default_japanese_model()
    } else {
        budoux::models::default_simplified_chinese_model()
    };
    budoux::parse(model, run)
}

/// Where a word may break besides what UAX #14 allows: before a `<` and
/// after a `>` inside it, as a typesetter breaks markup-like text
/// ("<script>alert(1)</script>" → "<script>", "alert(1)", "</script>").
/// Byte offsets inside `word`, never at its ends.
pub fn tag_breaks(word: &str) -> Vec<usize> {
    let mut breaks = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in word.char_indices() {
        let after_tag = prev == Some('>') && c != '<';
        let before_tag = c == '<' && prev.is_some_and(|p| !p.is_whitespace());
        if i > 0 && (after_tag || before_tag) && !prev.is_some_and(char::is_whitespace) && !c.is_whitespace() {
            breaks.push(i);
        }
        prev = Some(c);
    }
    breaks
}

/// The storefront heading's text in parts, a break allowed between them
/// (`<wbr>`) and nowhere else inside a CJK run: Japanese and Chinese break
/// between BudouX's phrases, as the pictures do; long Latin words carry
/// their syllables as soft hyphens ([`soft_hyphenated`]).
pub fn heading_parts(text: &str) -> Vec<String> {
    let marked = soft_hyphenated(text);
    // The parts before the current one, the current one, and the CJK run
    // being collected (cut into phrases when it ends).
    let (mut parts, mut current, mut run) = (Vec::new(), String::new(), String::new());
    let flush = |run: &mut String, current: &mut String, parts: &mut Vec<String>| {
        for (k, phrase) in phrases(run).into_iter().enumerate() {
            if k > 0 {
                parts.push(std::mem::take(current));
            }
            current.push_str(&phrase);
        }
        run.clear();
    };
    let tags = tag_breaks(&marked);
    for (i, c) in marked.char_indices() {
        let mut buf = [0u8; 4];
        if tags.contains(&i) && run.is_empty() {
            // Markup-like text breaks where the pictures break it.
            parts.push(std::mem::take(&mut current));
        }
        if is_cjk(c.encode_utf8(&mut buf)) {
            run.push(c);
        } else {
            if !run.is_empty() {
                flush(&mut run, &mut current, &mut parts);
            }
            current.push(c);
        }
    }
    if !run.is_empty() {
        flush(&mut run, &mut current, &mut parts);
    }
    parts.push(current);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_breaks_between_its_tags() {
        let text = "<script>alert(1)</script>";
        let at = tag_breaks(text);
        let parts: Vec<&str> =
            [0].iter().chain(&at).zip(at.iter().chain([&text.len()])).map(|(a, b)| &text[*a..*b]).collect();
        assert_eq!(parts, ["<script>", "alert(1)", "</script>"]);
        assert!(tag_breaks("I <3 you").is_empty(), "a heart after a space is not a tag");
        assert_eq!(heading_parts(text), ["<script>", "alert(1)", "</script>"]);
    }

    #[test]
    fn a_german_compound_splits_at_its_syllables() {
        let word = "Donaudampfschifffahrtsgesellschaftskapitän";
        let parts = syllables(word, SloganLanguage::German);
        assert_eq!(parts, ["Do", "nau", "dampf", "schiff", "fahrts", "ge", "sell", "schafts", "ka", "pi", "tän"]);
        assert_eq!(parts.concat(), word);
        let shouting = syllables("NACHTEULEN!", SloganLanguage::German);
        assert_eq!(shouting, ["NACHT", "EU", "LEN!"]);
    }

    #[test]
    fn english_follows_the_us_patterns_and_short_or_odd_words_stay_whole() {
        assert_eq!(
            syllables("hyphenation", SloganLanguage::English),
            ["hy", "phen", "ation"],
            "no one-letter syllable"
        );
        assert_eq!(syllables("Loser", SloganLanguage::English), ["Loser"]);
        assert_eq!(syllables("🎸🎸🎸🎸", SloganLanguage::English), ["🎸🎸🎸🎸"]);
        assert_eq!(syllables("負け犬負け犬", SloganLanguage::German), ["負け犬負け犬"]);
    }

    #[test]
    fn the_page_heading_marks_the_syllables_of_long_words_only() {
        assert_eq!(soft_hyphenated("Ihr Nachteule"), "Ihr Nachteule", "nine letters stay whole");
        assert_eq!(soft_hyphenated("Donaudampfschiff für alle"), "Do\u{AD}nau\u{AD}dampf\u{AD}schiff für alle");
        assert_eq!(lang_attribute("Donaudampfschiff für alle"), Some("de"));
        assert_eq!(lang_attribute("Friday night"), None, "the page's own language");
        assert_eq!(lang_attribute("負け犬の金曜日 🎸"), Some("ja"));
        assert_eq!(lang_attribute("我爱周五晚上的音乐"), Some("zh"));
    }

    #[test]
    fn the_heading_may_break_between_phrases_only() {
        assert_eq!(heading_parts("金曜の夜の負け犬になろう 🎸"), ["金曜の", "夜の", "負け犬になろう 🎸"]);
        assert_eq!(heading_parts("Friday night"), ["Friday night"]);
    }

    #[test]
    fn cjk_runs_split_into_phrases() {
        assert_eq!(phrases("金曜の夜の負け犬になろう"), ["金曜の", "夜の", "負け犬になろう"]);
        assert_eq!(phrases("今天是晴天。").concat(), "今天是晴天。");
        assert!(is_cjk("負け犬、") && !is_cjk("負け犬 ok") && !is_cjk(""));
    }

    #[test]
    fn german_is_told_by_its_letters_and_words() {
        assert_eq!(language_of("Schöne Grüße"), SloganLanguage::German);
        assert_eq!(language_of("Sei ein Loser mit mir"), SloganLanguage::German);
        assert_eq!(language_of("Be a Friday Night Loser with me"), SloganLanguage::English);
    }
}
