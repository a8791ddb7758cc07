//! Fitting a slogan into the print area: balanced line breaks and the largest
//! font size at which every line fits, from real shaped widths.

use super::fonts::{FontFile, FontLibrary, Vertical};
use unicode_segmentation::UnicodeSegmentation;

/// Horizontal alignment of the lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Center,
    Left,
}

/// The slogan set in lines, in the coordinates of the box it was fitted to.
#[derive(Debug, Clone, PartialEq)]
pub struct FittedText {
    pub lines: Vec<String>,
    /// Width of each line at its own size (`sizes`; `font_size` unless stacked).
    pub widths: Vec<f32>,
    pub font_size: f32,
    /// Each line's size: `font_size` for all, unless [`stacked`].
    pub sizes: Vec<f32>,
    /// Baseline of each line, from the top of the box.
    pub baselines: Vec<f32>,
    /// Top and bottom of the ink block (ascender of the first line to descender of the last).
    pub block_top: f32,
    pub block_bottom: f32,
}

impl FittedText {
    pub fn max_width(&self) -> f32 {
        self.widths.iter().copied().fold(0.0, f32::max)
    }
}

/// A piece of text that may start a line: what lies between two places the
/// Unicode line-breaking rules allow a break (a word; "Freitagabend-" of
/// "Freitagabend-Loser"; one CJK character), or a single grapheme of an
/// over-long word. `glued` pieces follow the previous one without a space;
/// a piece that ended in a soft hyphen shows a hyphen when a line ends with it.
struct Piece<'a> {
    text: &'a str,
    width: f32,
    glued: bool,
    soft_hyphen: bool,
}

/// The slogan cut where UAX #14 allows a line break ([`icu_segmenter`]):
/// after spaces (which belong to no line), after hyphens and soft hyphens,
/// between CJK characters and emoji, and between the words of Thai (found
/// by ICU's dictionary).
fn break_pieces<'a>(fonts: &FontLibrary, font: &FontFile, text: &'a str) -> Vec<Piece<'a>> {
    let mut pieces = Vec::new();
    let (mut start, mut glued) = (0, false);
    // UAX #14 as browsers apply it, with word dictionaries for the scripts
    // written without spaces (Thai, Lao, Khmer, Burmese), by ICU4X.
    let segmenter = icu_segmenter::LineSegmenter::new_dictionary(Default::default());
    for end in segmenter.segment_str(text).filter(|&i| i > 0) {
        let segment = &text[start..end];
        // A tag stays whole: no break after the "</" that opens one.
        if end < text.len() && segment.ends_with("</") {
            continue;
        }
        start = end;
        let trimmed = segment.trim_end();
        let (body, soft_hyphen) = match trimmed.strip_suffix('\u{AD}') {
            Some(body) => (body, true),
            None => (trimmed, false),
        };
        if !body.is_empty() {
            // Markup-like text also breaks between its tags, glued.
            let mut from = 0;
            for at in super::hyphenate::tag_breaks(body).into_iter().chain([body.len()]) {
                let part = &body[from..at];
                let last = at == body.len();
                pieces.push(Piece {
                    text: part,
                    width: fonts.measure(font, part),
                    glued: if from == 0 { glued } else { true },
                    soft_hyphen: last && soft_hyphen,
                });
                from = at;
            }
        }
        // The next piece follows without a space unless this one ended in one.
        glued = trimmed.len() == segment.len() && !body.is_empty();
    }
    join_phrases(fonts, font, text, pieces)
}

/// Japanese and Chinese: UAX #14 allows a break between any two
/// characters; a typesetter breaks between phrases (負け犬 stays whole).
/// Runs of glued CJK pieces are joined back into the phrases BudouX finds.
fn join_phrases<'a>(fonts: &FontLibrary, font: &FontFile, text: &'a str, pieces: Vec<Piece<'a>>) -> Vec<Piece<'a>> {
    let offset = |p: &Piece| p.text.as_ptr() as usize - text.as_ptr() as usize;
    let mut out: Vec<Piece<'a>> = Vec::with_capacity(pieces.len());
    let mut i = 0;
    while i < pieces.len() {
        // A run: CJK pieces that follow each other with nothing between.
        let mut j = i + 1;
        if super::hyphenate::is_cjk(pieces[i].text) {
            while j < pieces.len()
                && pieces[j].glued
                && !pieces[j - 1].soft_hyphen
                && super::hyphenate::is_cjk(pieces[j].text)
                && offset(&pieces[j]) == offset(&pieces[j - 1]) + pieces[j - 1].text.len()
            {
                j += 1;
            }
        }
        if j - i < 2 {
            out.push(Piece { ..pieces[i] });
            i = j;
            continue;
        }
        let start = offset(&pieces[i]);
        let end = offset(&pieces[j - 1]) + pieces[j - 1].text.len();
        let run = &text[start..end];
        // A phrase boundary is kept only where UAX #14 allowed a break too.
        let allowed: Vec<usize> = pieces[i + 1..j].iter().map(|p| offset(p) - start).collect();
        let mut from = 0;
        let mut first = true;
        let mut at = 0;
        for phrase in super::hyphenate::phrases(run) {
            at += phrase.len();
            if at < run.len() && !allowed.contains(&at) {
                continue;
            }
            let body = &run[from..at];
            out.push(Piece {
                text: body,
                width: fonts.measure(font, body),
                glued: if first { pieces[i].glued } else { true },
                soft_hyphen: at == run.len() && pieces[j - 1].soft_hyphen,
            });
            first = false;
            from = at;
        }
        i = j;
    }
    out
}

/// Share of the box width the advances may fill.
const INK_SAFETY: f32 = 0.97;
/// The most lines we break a slogan into; more would make the type too small to read.
const MAX_LINES: usize = 7;
/// Below this size (as a share of the box width) words are broken between letters.
const MIN_SIZE_SHARE: f32 = 1.0 / 12.0;
/// A German word of this many graphemes may be hyphenated even when it
/// fits…
const LONG_WORD: usize = 16;
/// …if its syllables let the slogan print this much larger.
const SYLLABLE_GAIN: f32 = 1.5;
/// Largest size as a share of the box height, so "YES" does not become a wall.
const MAX_SIZE_SHARE: f32 = 0.42;

/// Slogans of at most this many graphemes ("A", "♥", "OK") are a mark, not
/// a line: they may fill the print area.
const MARK_GRAPHEMES: usize = 2;

/// Fits `text` into a `width`×`height` box with `font` (and its fallbacks):
/// the breaks that print it largest.
pub fn fit_text(
    fonts: &FontLibrary,
    font: &FontFile,
    text: &str,
    width: f32,
    height: f32,
    line_height: f32,
) -> FittedText {
    Setter::new(fonts, font, text, width, height, line_height).best()
}

/// Every way of setting `text` in the box that [`fit_text`] considers, one
/// per line count (its widest line as narrow as it can be, the lines as
/// even as they can be): [`fit_text`]'s first, then the others largest
/// size first. A layout that wants to fill the area picks among them.
pub fn every_fit(
    fonts: &FontLibrary,
    font: &FontFile,
    text: &str,
    (width, height): (f32, f32),
    lh: f32,
) -> Vec<FittedText> {
    let setter = Setter::new(fonts, font, text, width, height, lh);
    let table = WidthTable::new(&setter.pieces, setter.space, setter.hyphen);
    let chosen = setter.best.1.len();
    let mut others: Vec<FittedText> = (1..=setter.pieces.len().clamp(1, MAX_LINES))
        .filter(|&lines| lines != chosen)
        .filter_map(|lines| {
            let starts = balanced_breaks(&table, lines)?;
            let size = setter.size_for(&table, &starts);
            Some(setter.layout(&starts, size))
        })
        .collect();
    others.sort_by(|a, b| b.font_size.total_cmp(&a.font_size));
    let mut all = vec![setter.best()];
    all.append(&mut others);
    all
}

/// The pieces a slogan is set from (words; a German compound's syllables;
/// an impossible word's letters), chosen once, and what a setting of them
/// needs.
struct Setter<'a> {
    pieces: Vec<Piece<'a>>,
    /// The breaks that print largest, and that size.
    best: (f32, Vec<usize>),
    space: f32,
    hyphen: f32,
    vertical: Vertical,
    width: f32,
    height: f32,
    line_height: f32,
    max_share: f32,
}

impl<'a> Setter<'a> {
    fn new(fonts: &FontLibrary, font: &FontFile, text: &'a str, width: f32, height: f32, line_height: f32) -> Self {
        // Glyph ink may overhang the advances (script swashes, side bearings) and
        // renderers round differently: keep a little room spare.
        let width = width * INK_SAFETY;
        let vertical = fonts.vertical_extent(font, text);
        let space = fonts.measure(font, " ");
        let hyphen = fonts.measure(font, "-");
        let words = break_pieces(fonts, font, text);
        let graphemes: usize = words.iter().map(|p| p.text.graphemes(true).count()).sum();
        let max_share = if graphemes <= MARK_GRAPHEMES { 1.0 } else { MAX_SIZE_SHARE };
        let best = best_breaks(&words, space, hyphen, &vertical, width, height, line_height);
        let setter =
            |pieces, best| Self { pieces, best, space, hyphen, vertical, width, height, line_height, max_share };
        // A German compound ("Donaudampfschifffahrt") is hyphenated to print
        // larger; English display type shrinks instead, as typesetters set it.
        let language = super::hyphenate::language_of(text);
        let long_word = language == super::hyphenate::SloganLanguage::German
            && words.iter().any(|w| w.text.graphemes(true).count() >= LONG_WORD);
        if best.0 < width * MIN_SIZE_SHARE || long_word {
            // Nothing fits at a readable size without breaking words, or a long
            // word keeps the whole slogan small: break the long ones at their
            // syllables, as a typesetter would (a hyphen at the line's end:
            // "DONAU-DAMPF-SCHIFF-…"), when that prints clearly larger.
            let syllables = split(fonts, font, &words, |t| super::hyphenate::syllables(t, language), true);
            let by_syllable = best_breaks(&syllables, space, hyphen, &vertical, width, height, line_height);
            let needed = best.0 < width * MIN_SIZE_SHARE && by_syllable.0 >= width * MIN_SIZE_SHARE;
            if needed || by_syllable.0 >= best.0 * SYLLABLE_GAIN {
                return setter(syllables, by_syllable);
            }
            // Still too small (a word without syllables, "WWWW…"): allow breaks
            // between the graphemes of long words too.
            let by_grapheme = |t| {
                let graphemes: Vec<_> = UnicodeSegmentation::graphemes(t, true).collect();
                if graphemes.len() <= 6 { vec![t] } else { graphemes }
            };
            let pieces = split(fonts, font, &words, by_grapheme, false);
            let broken = best_breaks(&pieces, space, hyphen, &vertical, width, height, line_height);
            if best.0 < width * MIN_SIZE_SHARE && broken.0 > best.0 {
                return setter(pieces, broken);
            }
        }
        setter(words, best)
    }

    fn best(&self) -> FittedText {
        self.layout(&self.best.1, self.best.0)
    }

    /// The largest size at which the lines starting at `starts` fit.
    fn size_for(&self, table: &WidthTable, starts: &[usize]) -> f32 {
        let n = self.pieces.len();
        let widest = (0..starts.len())
            .map(|i| table.get(starts[i], starts.get(i + 1).copied().unwrap_or(n)))
            .fold(0.0, f32::max)
            .max(1e-3);
        (self.width / widest)
            .min(self.height / block_height(starts.len(), &self.vertical, self.line_height))
            .min(self.height * self.max_share)
    }

    fn layout(&self, starts: &[usize], size: f32) -> FittedText {
        layout(&self.pieces, starts, self.space, self.hyphen, &self.vertical, size, self.height, self.line_height)
    }
}

/// `words` cut into the parts `parts_of` gives each (glued to each other);
/// with `hyphenated`, a line ending inside a word shows a hyphen.
fn split<'a>(
    fonts: &FontLibrary,
    font: &FontFile,
    words: &[Piece<'a>],
    parts_of: impl Fn(&'a str) -> Vec<&'a str>,
    hyphenated: bool,
) -> Vec<Piece<'a>> {
    words
        .iter()
        .flat_map(|w| {
            let parts = parts_of(w.text);
            let last = parts.len() - 1;
            parts
                .into_iter()
                .enumerate()
                .map(|(i, part)| Piece {
                    text: part,
                    width: if last == 0 { w.width } else { fonts.measure(font, part) },
                    glued: i > 0 || w.glued,
                    soft_hyphen: if i == last { w.soft_hyphen } else { hyphenated },
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Width of pieces `from..to` set on one line, at 1 em (with the hyphen a
/// soft hyphen shows at the end of a line).
fn line_width(pieces: &[Piece], from: usize, to: usize, space: f32, hyphen: f32) -> f32 {
    let words: f32 =
        pieces[from..to].iter().enumerate().map(|(i, p)| p.width + if i > 0 && !p.glued { space } else { 0.0 }).sum();
    words + if to > from && pieces[to - 1].soft_hyphen { hyphen } else { 0.0 }
}

/// Block height at 1 em for `n` lines.
fn block_height(n: usize, font: &Vertical, line_height: f32) -> f32 {
    (n as f32 - 1.0) * line_height + font.ascender + font.descender
}

/// For each line count, the breaks with the narrowest widest line, then the
/// evenest lines within that width; returns the largest font size and its breaks
/// (indices where lines start).
fn best_breaks(
    pieces: &[Piece],
    space: f32,
    hyphen: f32,
    font: &Vertical,
    width: f32,
    height: f32,
    lh: f32,
) -> (f32, Vec<usize>) {
    let n_pieces = pieces.len().max(1);
    let graphemes: usize = pieces.iter().map(|p| p.text.graphemes(true).count()).sum();
    let max_share = if graphemes <= MARK_GRAPHEMES { 1.0 } else { MAX_SIZE_SHARE };
    let table = WidthTable::new(pieces, space, hyphen);
    let mut best: (f32, Vec<usize>) = (0.0, vec![0]);
    for lines in 1..=n_pieces.min(MAX_LINES) {
        let Some(starts) = balanced_breaks(&table, lines) else {
            continue;
        };
        let widest = (0..starts.len())
            .map(|i| table.get(starts[i], starts.get(i + 1).copied().unwrap_or(pieces.len())))
            .fold(0.0, f32::max)
            .max(1e-3);
        let size = (width / widest).min(height / block_height(lines, font, lh)).min(height * max_share);
        // A new line must buy a clearly bigger size; otherwise fewer lines read better.
        if size > best.0 * 1.04 {
            best = (size, starts);
        }
    }
    best
}

/// Splits pieces into exactly `lines` lines. First minimises the widest line, then the squared slack.
fn balanced_breaks(table: &WidthTable, lines: usize) -> Option<Vec<usize>> {
    if lines == 0 || lines > table.n {
        return None;
    }
    // Pass 1: minimal possible widest line (DP over prefix splits).
    let widest = dp(table, lines, |w, acc| acc.max(w))?.0;
    // Pass 2: among splits no wider than that, the evenest.
    let limit = widest * 1.0001;
    dp(table, lines, |w, acc| if w > limit { f32::INFINITY } else { acc + (limit - w).powi(2) })
        .map(|(_, starts)| starts)
}

/// Widths of every run of consecutive pieces, so the DPs never re-add them.
struct WidthTable {
    n: usize,
    /// `cells[from * (n + 1) + to]`: width of pieces `from..to` on one line.
    cells: Vec<f32>,
}

impl WidthTable {
    fn new(pieces: &[Piece], space: f32, hyphen: f32) -> Self {
        let n = pieces.len();
        let mut cells = vec![0.0; (n + 1) * (n + 1)];
        for from in 0..n {
            let mut width = 0.0;
            for (k, p) in pieces[from..].iter().enumerate() {
                width += p.width + if k > 0 && !p.glued { space } else { 0.0 };
                cells[from * (n + 1) + from + k + 1] = width + if p.soft_hyphen { hyphen } else { 0.0 };
            }
        }
        Self { n, cells }
    }

    fn get(&self, from: usize, to: usize) -> f32 {
        self.cells[from * (self.n + 1) + to]
    }
}

/// Generic split DP: `combine(line_width, cost_so_far)` → new cost. Returns the
/// minimal cost and the line start indices.
fn dp(table: &WidthTable, lines: usize, combine: impl Fn(f32, f32) -> f32) -> Option<(f32, Vec<usize>)> {
    let (n, inf) = (table.n, f32::INFINITY);
    // cost[k][i]: best cost of setting pieces[..i] in k lines; back[k][i]: start of line k.
    let mut cost = vec![vec![inf; n + 1]; lines + 1];
    let mut back = vec![vec![0usize; n + 1]; lines + 1];
    cost[0][0] = 0.0;
    for k in 1..=lines {
        for i in k..=n {
            for j in (k - 1)..i {
                if cost[k - 1][j] == inf {
                    continue;
                }
                let c = combine(table.get(j, i), cost[k - 1][j]);
                if c < cost[k][i] {
                    cost[k][i] = c;
                    back[k][i] = j;
                }
            }
        }
    }
    if cost[lines][n] == inf {
        return None;
    }
    let mut starts = vec![0; lines];
    let mut i = n;
    for k in (1..=lines).rev() {
        starts[k - 1] = back[k][i];
        i = back[k][i];
    }
    Some((cost[lines][n], starts))
}

#[allow(clippy::too_many_arguments)]
fn layout(
    pieces: &[Piece],
    starts: &[usize],
    space: f32,
    hyphen: f32,
    font: &Vertical,
    size: f32,
    height: f32,
    lh: f32,
) -> FittedText {
    let mut lines = Vec::with_capacity(starts.len());
    let mut widths = Vec::with_capacity(starts.len());
    for (i, &from) in starts.iter().enumerate() {
        let to = starts.get(i + 1).copied().unwrap_or(pieces.len());
        let mut line = String::new();
        for (k, p) in pieces[from..to].iter().enumerate() {
            if k > 0 && !p.glued {
                line.push(' ');
            }
            line.push_str(p.text);
        }
        if to > from && pieces[to - 1].soft_hyphen {
            line.push('-');
        }
        lines.push(line);
        widths.push(line_width(pieces, from, to, space, hyphen) * size);
    }
    let block = block_height(lines.len(), font, lh) * size;
    let top = (height - block) / 2.0;
    let baselines = (0..lines.len()).map(|i| top + font.ascender * size + i as f32 * lh * size).collect();
    let sizes = vec![size; lines.len()];
    FittedText { lines, widths, font_size: size, sizes, baselines, block_top: top, block_bottom: top + block }
}

/// `fitted` at `k` times its size: the same lines, the block centred in a
/// box `k` times as tall.
pub fn scaled(fitted: &FittedText, k: f32) -> FittedText {
    let times = |v: &[f32]| v.iter().map(|x| x * k).collect::<Vec<f32>>();
    FittedText {
        lines: fitted.lines.clone(),
        widths: times(&fitted.widths),
        font_size: fitted.font_size * k,
        sizes: times(&fitted.sizes),
        baselines: times(&fitted.baselines),
        block_top: fitted.block_top * k,
        block_bottom: fitted.block_bottom * k,
    }
}

/// `fitted` with its lines moved apart (each gap by at most `most` times
/// the block's type size) until the block is `height` tall, centred where
/// it was: a designer's vertical justification, for a block that meets the
/// width of its room but leaves it half empty above and below (three short
/// lines that cannot break further, "<SCRIPT> / ALERT(1) / </SCRIPT>").
pub fn spread(fitted: &FittedText, height: f32, most: f32) -> FittedText {
    let n = fitted.lines.len();
    let block = fitted.block_bottom - fitted.block_top;
    if n < 2 || block >= height {
        return fitted.clone();
    }
    let gap = ((height - block) / (n - 1) as f32).min(most * fitted.font_size);
    let half = gap * (n - 1) as f32 / 2.0;
    FittedText {
        baselines: fitted.baselines.iter().enumerate().map(|(i, b)| b + i as f32 * gap - half).collect(),
        block_top: fitted.block_top - half,
        block_bottom: fitted.block_bottom + half,
        ..fitted.clone()
    }
}

/// Share of the box a stacked setting fills at most.
const STACK_SAFETY: f32 = 0.95;
const STACK_SAFETY_SLANTED: f32 = 0.95;
/// How much larger than the even size a stacked line may grow.
const STACK_MAX_GROWTH: f32 = 2.4;

/// Whether `fitted` reads better stacked: two to seven lines of clearly
/// different widths (a short word between long ones; Japanese phrases of
/// different lengths too).
pub fn suits_stacking(fitted: &FittedText) -> bool {
    let n = fitted.lines.len();
    let (narrowest, widest) = fitted.widths.iter().fold((f32::MAX, 0.0f32), |(a, b), w| (a.min(*w), b.max(*w)));
    (2..=MAX_LINES).contains(&n) && narrowest < widest * 0.8
}

/// `fitted`'s lines set stacked, as a poster would: the same breaks, each
/// line as wide as the box (growing at most [`STACK_MAX_GROWTH`] times the
/// even size), the whole block scaled down if it would pass `height`, and
/// centred in it. Baselines are `line_height` times the lower line's size
/// apart, so a large line never runs into the one above.
pub fn stacked(
    fonts: &FontLibrary,
    font: &FontFile,
    text: &str,
    fitted: &FittedText,
    (width, height): (f32, f32),
    line_height: f32,
    slanted: bool,
) -> FittedText {
    let vertical = fonts.vertical_extent(font, text);
    // Every stacked line meets the edges, swashes and overhangs too: keep
    // a little more room spare than an even setting's widest line needs.
    // A slanted block's corners turn outwards: more room still.
    // Colour emoji draw past their font's line: a little height spare.
    let emoji = text.chars().any(|c| u32::from(c) >= 0x1F000);
    let (safety, across) = match (slanted, emoji) {
        (true, _) => (STACK_SAFETY_SLANTED, STACK_SAFETY_SLANTED),
        (false, true) => (STACK_SAFETY, 1.0),
        (false, false) => (1.0, 1.0),
    };
    let (width, height) = (width * INK_SAFETY * across, height * safety);
    let base = fitted.font_size.max(1e-3);
    let mut sizes: Vec<f32> =
        fitted.widths.iter().map(|w| (width / (w / base).max(1e-3)).min(base * STACK_MAX_GROWTH).max(base)).collect();
    let block_of = |sizes: &[f32]| {
        let gaps: f32 = sizes.iter().skip(1).map(|s| s * line_height).sum();
        sizes[0] * vertical.ascender + gaps + sizes[sizes.len() - 1] * vertical.descender
    };
    let block = block_of(&sizes);
    if block > height {
        let k = height / block;
        sizes.iter_mut().for_each(|s| *s *= k);
    }
    let block = block_of(&sizes);
    let top = (height / safety - block) / 2.0;
    let mut baselines = Vec::with_capacity(sizes.len());
    let mut y = top + sizes[0] * vertical.ascender;
    for (i, size) in sizes.iter().enumerate() {
        if i > 0 {
            y += size * line_height;
        }
        baselines.push(y);
    }
    let widths = fitted.widths.iter().zip(&sizes).map(|(w, s)| w / base * s).collect();
    FittedText {
        lines: fitted.lines.clone(),
        widths,
        font_size: sizes.iter().copied().fold(0.0, f32::max),
        sizes,
        baselines,
        block_top: top,
        block_bottom: top + block,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::fonts::tests::library;

    fn fit(text: &str) -> FittedText {
        let lib = library();
        fit_text(&lib, lib.get("bebas"), text, 210.0, 280.0, 0.95)
    }

    #[test]
    fn every_line_fits_the_box() {
        for text in ["HI", "BE A FRIDAY NIGHT LOSER WITH ME", &"ABCDEFGHIJ".repeat(8), "ПРИВЕТ МИР 🔥🔥🔥"]
        {
            let f = fit(text);
            assert!(f.max_width() <= 210.0 + 0.01, "{text}: {}", f.max_width());
            assert!(f.block_top >= -0.01 && f.block_bottom <= 280.01, "{text}");
        }
    }

    #[test]
    fn lines_are_balanced_without_orphans() {
        let f = fit("BE A FRIDAY NIGHT LOSER WITH ME");
        assert!(f.lines.len() >= 2);
        let last = f.lines.last().unwrap();
        assert!(last.contains(' ') || f.lines.len() == 1 || f.lines.iter().all(|l| !l.contains(' ')), "{:?}", f.lines);
        let (min, max) = f.widths.iter().fold((f32::MAX, 0.0f32), |(a, b), w| (a.min(*w), b.max(*w)));
        assert!(min > max * 0.4, "{:?}", f.widths);
    }

    #[test]
    fn long_words_shrink_before_they_break() {
        let f = fit("SUPERCALIFRAGILISTIC FUN");
        assert!(f.lines.iter().any(|l| l == "SUPERCALIFRAGILISTIC"), "{:?}", f.lines);
    }

    #[test]
    fn an_impossible_word_breaks_between_letters() {
        let f = fit(&"W".repeat(80));
        assert!(f.lines.len() > 1);
        assert!(f.font_size >= 210.0 / 12.0);
        assert_eq!(f.lines.concat(), "W".repeat(80));
    }

    #[test]
    fn a_german_compound_breaks_at_its_hyphen_in_every_look() {
        let lib = library();
        for theme in &crate::design::THEMES {
            let text = theme.apply_case("Sei ein Freitagabend-Loser mit mir");
            let f = fit_text(&lib, lib.get(theme.font), &text, 210.0, 280.0, theme.line_height);
            let glued = f.lines.iter().any(|l| l.to_lowercase().contains("freitagabend-loser"));
            assert!(!glued, "{}: {:?}", theme.key, f.lines);
            assert!(
                f.lines.iter().any(|l| l.to_lowercase().ends_with("freitagabend-")),
                "{}: {:?}",
                theme.key,
                f.lines
            );
            assert!(f.max_width() <= 210.0 + 0.01);
        }
    }

    #[test]
    fn a_german_compound_too_long_for_a_line_breaks_at_its_syllables_with_hyphens() {
        let f = fit("DONAUDAMPFSCHIFFFAHRTSGESELLSCHAFTSKAPITÄN");
        assert!(f.lines.len() > 1, "{:?}", f.lines);
        let joined: String = f.lines.iter().map(|l| l.trim_end_matches('-')).collect();
        assert_eq!(joined, "DONAUDAMPFSCHIFFFAHRTSGESELLSCHAFTSKAPITÄN");
        let syllables = ["DO", "NAU", "DAMPF", "SCHIFF", "FAHRTS", "GE", "SELL", "SCHAFTS", "KA", "PI", "TÄN"];
        let mut at = 0;
        let bounds: Vec<usize> = syllables
            .iter()
            .map(|s| {
                at += s.len();
                at
            })
            .collect();
        let mut end = 0;
        for line in &f.lines[..f.lines.len() - 1] {
            assert!(line.ends_with('-'), "every broken line shows its hyphen: {:?}", f.lines);
            end += line.trim_end_matches('-').len();
            assert!(bounds.contains(&end), "a break inside a syllable: {:?}", f.lines);
        }
        assert!(f.lines.iter().all(|l| l.trim_end_matches('-').chars().count() >= 2), "no one-letter line");
    }

    #[test]
    fn japanese_breaks_between_phrases_not_inside_them() {
        let lib = library();
        for width in [120.0, 160.0, 210.0] {
            let f = fit_text(&lib, lib.get("bebas"), "金曜の夜の負け犬になろう", width, 280.0, 0.95);
            assert!(f.lines.len() > 1, "{:?}", f.lines);
            assert!(f.lines.iter().any(|l| l.contains("負け犬")), "負け犬 is never split: {:?}", f.lines);
            for line in &f.lines {
                assert!(
                    ["金曜の", "夜の", "負け犬になろう"].iter().any(|p| line.starts_with(p)),
                    "each line starts a phrase: {:?}",
                    f.lines
                );
            }
        }
    }

    #[test]
    fn a_soft_hyphen_shows_only_where_the_line_breaks() {
        let f = fit("UNBELIEVABLE\u{AD}ANTIDISESTABLISHMENT");
        assert_eq!(f.lines, ["UNBELIEVABLE-", "ANTIDISESTABLISHMENT"], "{:?}", f.lines);
        let short = fit("A\u{AD}B");
        assert_eq!(short.lines, ["AB"]);
    }

    #[test]
    fn japanese_breaks_between_characters_by_the_unicode_rules() {
        let lib = library();
        let text = "金曜の夜の負け犬になろう、一緒に";
        let f = fit_text(&lib, lib.get("bebas"), text, 210.0, 280.0, 0.95);
        assert!(f.lines.len() > 1, "{:?}", f.lines);
        assert_eq!(f.lines.concat(), text);
        // No line starts with the comma (UAX #14 forbids a break before it).
        assert!(f.lines.iter().all(|l| !l.starts_with('、')), "{:?}", f.lines);
        assert!(f.font_size >= 210.0 / 10.0, "{}", f.font_size);
    }

    #[test]
    fn is_deterministic() {
        assert_eq!(fit("SAME INPUT SAME OUTPUT"), fit("SAME INPUT SAME OUTPUT"));
    }

    proptest::proptest! {
        // 64 random slogans a run (each draws every look's mockup, which
        // measures its ink with usvg: the slowest test of a debug build).
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn any_accepted_slogan_fits_in_every_theme(input in "\\PC{1,80}") {
            let Ok(slogan) = crate::domain::Slogan::parse(&input) else { return Ok(()) };
            let lib = library();
            for theme in &crate::design::THEMES {
                let text = theme.apply_case(slogan.as_str());
                let f = fit_text(&lib, lib.get(theme.font), &text, 210.0, 280.0, theme.line_height);
                proptest::prop_assert!(f.max_width() <= 210.0 * 1.001, "{} {:?}: {}", theme.key, f.lines, f.max_width());
                proptest::prop_assert!(f.block_top >= -0.01 && f.block_bottom <= 280.01);
                proptest::prop_assert!(f.font_size > 0.0);
                let svg = crate::design::mockup_svg(&lib, slogan.as_str(), theme, crate::domain::ShirtColour::PALETTE[0], "p");
                proptest::prop_assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
                // Stacked, the same lines stay inside the box too.
                let font = lib.face_for(lib.get(theme.font), theme.fallback_font, &text);
                let f = fit_text(&lib, font, &text, 210.0, 280.0, theme.line_height);
                let s = stacked(&lib, font, &text, &f, (210.0, 280.0), theme.line_height, theme.slant != 0.0);
                proptest::prop_assert_eq!(&s.lines, &f.lines, "the same breaks");
                proptest::prop_assert!(s.max_width() <= 210.0 * 1.001, "{} {:?}: {}", theme.key, s.lines, s.max_width());
                proptest::prop_assert!(s.block_top >= -0.01 && s.block_bottom <= 280.01, "{} {:?}", theme.key, s.lines);
            }
        }
    }
}

#[cfg(test)]
mod same_breaks {
    use super::*;
    use crate::design::fonts::tests::library;

    /// The print file breaks a German compound only where the storefront's
    /// heading may (its soft hyphens), in every look: the same syllables on
    /// the page, the shirt, the card and the print file.
    #[test]
    fn the_print_breaks_a_compound_where_the_page_may() {
        let lib = library();
        let word = "Donaudampfschifffahrtsgesellschaftskapitänsmütze";
        let page = crate::design::soft_hyphenated(word);
        let mut allowed = Vec::new();
        let mut at = 0;
        for c in page.chars() {
            if c == '\u{AD}' {
                allowed.push(at);
            } else {
                at += 1;
            }
        }
        assert!(allowed.len() >= 5, "the page marks the syllables: {page:?}");
        for theme in &crate::design::THEMES {
            let text = theme.apply_case(word);
            let font = lib.face_for(lib.get(theme.font), theme.fallback_font, &text);
            let f = fit_text(&lib, font, &text, 210.0, 280.0, theme.line_height);
            assert!(f.lines.len() > 1, "{}: hyphenated to print large: {:?}", theme.key, f.lines);
            let mut end = 0;
            for line in &f.lines[..f.lines.len() - 1] {
                assert!(line.ends_with('-'), "{}: {:?}", theme.key, f.lines);
                end += line.trim_end_matches('-').chars().count();
                assert!(allowed.contains(&end), "{}: a break the page does not have: {:?}", theme.key, f.lines);
            }
        }
    }
}
