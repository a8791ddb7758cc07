//! The shirt mockup: a front-view T-shirt in the fabric colour with the slogan
//! fitted into the print area.

use super::colour::most_legible;
use super::fonts::FontLibrary;
use super::layout::{Align, FittedText, fit_text};
use super::num;
use super::theme::{Ornament, Theme};
use crate::domain::{Product, ShirtColour};
use askama::Template;
use unicode_segmentation::UnicodeSegmentation;

/// The print area on the mockup (x, y, width, height): 3:4, like a 12×16 inch print.
pub const PRINT_AREA: (f32, f32, f32, f32) = (195.0, 130.0, 210.0, 280.0);

/// Where `product`'s design is laid out, in mockup units: at the T-shirt's
/// place and width (so type, glow and strokes keep one scale), as tall as
/// the product's print area is for its width. A designer sets a wide hoodie
/// chest, a square tote and a tall poster each to its own shape; the breaks
/// may differ between them, the break points (syllables, phrases) do not.
pub fn layout_area(product: Product) -> (f32, f32, f32, f32) {
    let (x, y, w, _) = PRINT_AREA;
    let print = product.spec().print;
    (x, y, w, w * print.height_in / print.width_in)
}

/// One line of the slogan as placed in the SVG.
pub struct SvgLine {
    pub x: String,
    pub y: String,
    pub text: String,
    /// Its own size when stacked (`None`: the artwork's).
    pub size: Option<String>,
    /// Path data of the arch the line is set on (`None`: straight).
    pub arc: Option<String>,
}

/// A rectangle for an ornament (underline bar or frame).
pub struct SvgRect {
    pub x: String,
    pub y: String,
    pub width: String,
    pub height: String,
}

/// A badge's ring: a thick circle in the accent, a thin one inside it in the ink.
pub struct SvgRing {
    pub cx: String,
    pub cy: String,
    pub outer_r: String,
    pub outer_width: String,
    pub inner_r: String,
    pub inner_width: String,
}

/// The printed design itself, in mockup coordinates: shared by the mockup, the
/// share card and the print files (`templates/design/artwork.svg`).
pub struct Artwork {
    /// Prefix for the ids the artwork defines (its glow filter).
    pub id: String,
    pub ink: &'static str,
    pub accent: &'static str,
    /// CSS font-family list: the theme's typeface, then the fallbacks.
    pub font_family: String,
    pub font_size: String,
    pub anchor: &'static str,
    /// `rotate(…)` for slanted looks, empty otherwise.
    pub transform: String,
    pub lines: Vec<SvgLine>,
    pub underline: Option<SvgRect>,
    pub frame: Option<SvgRect>,
    pub frame_stroke: String,
    /// A badge's double ring, when the slogan is set in one.
    pub ring: Option<SvgRing>,
    /// Blur radius and colour of the halo around the letters (Neon night),
    /// `None` for flat looks.
    pub glow: Option<(String, &'static str)>,
}

/// The artwork of a mockup on its own canvas.
#[derive(Template)]
#[template(path = "design/print.svg", escape = "html")]
pub struct PrintSvg {
    pub width: String,
    pub height: String,
    pub view_box: String,
    pub art: Artwork,
}

impl PrintSvg {
    /// `art`, framed by `view_box` (in mockup coordinates).
    pub(super) fn of(art: Artwork, view_box: String, width: &str, height: &str) -> Self {
        Self { width: width.to_owned(), height: height.to_owned(), view_box, art }
    }
}

/// Which side of the shirt a mockup shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum View {
    /// The whole shirt from the front, with the print.
    Front,
    /// A close-up of the print on the cloth.
    Detail,
    /// The back of the shirt (popshop prints the front only).
    Back,
    /// The shirt on a hanger against a wall (`scene::on_hanger`).
    Hanger,
}

impl View {
    pub const ALL: [View; 4] = [View::Front, View::Detail, View::Back, View::Hanger];

    pub fn key(self) -> &'static str {
        match self {
            View::Front => "front",
            View::Detail => "detail",
            View::Back => "back",
            View::Hanger => "hanger",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.key() == key)
    }

    /// The message naming the view on its button ("Front", "Close-up", "Back").
    pub fn message(self) -> &'static str {
        match self {
            View::Front => "view-front",
            View::Detail => "view-detail",
            View::Back => "view-back",
            View::Hanger => "view-hanger",
        }
    }
}

/// The front and back outlines of the shirt (600×640 units).
pub(super) const FRONT: &str = "M228 42C250 84 350 84 372 42L452 70C500 92 540 130 574 178L520 236C500 222 480 210 462 204L466 604C466 612 460 616 452 616L148 616C140 616 134 612 134 604L138 204C120 210 100 222 80 236L26 178C60 130 100 92 148 70Z";
const BACK: &str = "M228 42C252 56 348 56 372 42L452 70C500 92 540 130 574 178L520 236C500 222 480 210 462 204L466 604C466 612 460 616 452 616L148 616C140 616 134 612 134 604L138 204C120 210 100 222 80 236L26 178C60 130 100 92 148 70Z";

/// Where the shirt's cloth folds (600×640 units): shaded on the picture,
/// and the print bends along them (`folds::Cloth`).
/// Not a mirror image: the left armpit drags longer, the right side
/// gathers lower, one hem fold is short.
const TEE_FOLDS: &str = "M146 214C196 250 226 292 244 336M458 232C424 262 398 300 384 354M168 468C204 500 226 548 232 604M418 528C404 552 398 578 402 606";

/// Backdrops for the shirt: the first that stands out from the fabric
/// (contrast at least [`STAGE_CONTRAST`]) is used, so a white shirt never
/// sits on white nor a black one on black.
const STAGES: [&str; 3] = ["#ebe7e0", "#bdb7ad", "#34373d"];
const STAGE_CONTRAST: f64 = 1.5;

/// The stage behind a shirt of fabric colour `shirt`.
pub fn stage_for(shirt: &str) -> &'static str {
    STAGES.into_iter().find(|stage| super::colour::contrast_ratio(stage, shirt) >= STAGE_CONTRAST).unwrap_or(STAGES[2])
}

/// The mockup document. Fields are pre-formatted so output is byte-stable.
/// The close-up of the print: a view of the front picture. Each front
/// picture names it (`<view id="detail">`), so a storefront shows the
/// close-up as `front.svg#detail`: one download for both.
pub const DETAIL_VIEW_BOX: &str = "150 110 300 320";

#[derive(Template)]
#[template(path = "design/mockup.svg", escape = "html")]
pub struct MockupSvg<'a> {
    /// Extra attributes on the root element, to place it inside another SVG
    /// (`x="…" y="…" width="…" height="…"`); empty when standalone.
    pub placement: String,
    /// Prefix for element ids, unique per page.
    pub id: &'a str,
    /// Accessible description of the picture.
    pub title: String,
    pub shirt: &'a str,
    /// Outline of the shirt for this view.
    pub outline: &'static str,
    /// The back of the shirt (its own collar).
    pub back: bool,
    pub view_box: &'static str,
    /// The backdrop, chosen to stand out from the fabric.
    pub stage: &'static str,
    /// Knit texture, blurred folds and a soft shadow: for pictures people
    /// look at closely. Off for the share card, whose few hundred pixels
    /// would not show them, and whose first render must stay quick (the
    /// blurs and the texture cost ~80 ms there); it draws its folds as
    /// unblurred soft strokes instead, so the bent print has cloth under it.
    pub rich: bool,
    /// The artwork with its letters as outlines (no fonts needed to show
    /// it); empty on the back.
    pub print: String,
    pub detail_view_box: &'static str,
    /// Hanging in a scene (`scene::on_hanger`): no backdrop, no ground shadow.
    pub hanging: bool,
    /// The fold lines, shaded (the print is already bent along them).
    pub folds: &'static str,
}

/// Renders the front mockup for `slogan` (as typed; the theme applies its
/// casing), for embedding in a page.
pub fn mockup_svg(fonts: &FontLibrary, slogan: &str, theme: &Theme, colour: ShirtColour, dom_id: &str) -> String {
    mockup(fonts, slogan, theme, colour, dom_id, View::Front).render().unwrap_or_default()
}

/// The mockup document before rendering (to place it inside another SVG with
/// a `placement`).
pub fn mockup<'a>(
    fonts: &FontLibrary,
    slogan: &str,
    theme: &Theme,
    colour: ShirtColour,
    dom_id: &'a str,
    view: View,
) -> MockupSvg<'a> {
    let print = match view {
        View::Back => String::new(),
        // A tenth of a unit: a fifth of a pixel in the close-up (2×); the
        // sketch look's outlines are half the bytes they are at 0.01.
        View::Front | View::Detail | View::Hanger => {
            let print = outlined(fonts, artwork(fonts, slogan, theme, colour, dom_id), dom_id, 1);
            // Printed on cloth: it follows the shirt's folds.
            super::folds::Cloth::new(TEE_FOLDS).warp(&print, "translate(0 0)")
        }
    };
    let title = match view {
        View::Front => format!("{} T-shirt printed with: {slogan}", colour.name),
        View::Detail => format!("Close-up of the print on the {} shirt: {slogan}", colour.name.to_lowercase()),
        View::Back => format!("Back of the {} shirt, no print", colour.name.to_lowercase()),
        View::Hanger => format!("{} T-shirt on a hanger, printed with: {slogan}", colour.name),
    };
    MockupSvg {
        placement: String::new(),
        id: dom_id,
        title,
        shirt: colour.hex,
        outline: if view == View::Back { BACK } else { FRONT },
        back: view == View::Back,
        view_box: if view == View::Detail { DETAIL_VIEW_BOX } else { "0 0 600 640" },
        stage: stage_for(colour.hex),
        rich: true,
        print,
        detail_view_box: DETAIL_VIEW_BOX,
        hanging: view == View::Hanger,
        folds: TEE_FOLDS,
    }
}

/// The artwork drawn with outlines instead of text, by the same text engine
/// (usvg, with the bundled fonts) that draws the share card and the print
/// files: what the fan's browser shows no longer depends on its fonts.
/// `precision`: decimals kept in coordinates (2 for shirt pictures; the
/// look picker's small thumbnails need none).
pub(super) fn outlined(fonts: &FontLibrary, art: Artwork, dom_id: &str, precision: u8) -> String {
    let doc = PrintSvg { width: "600".into(), height: "640".into(), view_box: "0 0 600 640".into(), art };
    let Ok(svg) = doc.render() else { return String::new() };
    let options = resvg::usvg::Options { fontdb: fonts.font_database(), ..resvg::usvg::Options::default() };
    let Ok(tree) = resvg::usvg::Tree::from_str(&svg, &options) else { return String::new() };
    let written = tree.to_string(&resvg::usvg::WriteOptions {
        id_prefix: Some(format!("{dom_id}-o")),
        preserve_text: false,
        coordinates_precision: precision,
        transforms_precision: 4,
        indent: resvg::usvg::Indent::None,
        attributes_indent: resvg::usvg::Indent::None,
        ..resvg::usvg::WriteOptions::default()
    });
    // Keep what is inside the root element: the mockup provides its own.
    let inner = written.find('>').map(|open| &written[open + 1..]).unwrap_or("");
    inner.rsplit_once("</svg>").map_or(inner, |(inside, _)| inside).to_owned()
}

/// How a slogan is set: its lines, and whether they sit in a badge.
pub(super) struct Setting {
    pub fitted: FittedText,
    /// The outer radius of the badge's ring, `None` for type alone.
    pub badge: Option<f32>,
}

/// The slogan as `theme` prints it (`text`, in `font`), fitted into the
/// print area's room: a slanted look keeps its turned corners inside, an
/// ornament and a glow take theirs first; uneven lines are stacked; a
/// slogan that cannot fill the area as type is set in a badge.
pub(super) fn fit_for(
    fonts: &FontLibrary,
    font: &super::fonts::FontFile,
    text: &str,
    theme: &Theme,
    (area_w, area_h): (f32, f32),
) -> Setting {
    // Slanted designs are fitted into a smaller box so the rotated block stays inside.
    let (sin, cos) = libm::sincosf(theme.slant.abs().to_radians());
    let shrink = (area_w / (area_w * cos + area_h * sin)).min(area_h / (area_w * sin + area_h * cos));
    // Ornaments take their room from the box before the text is fitted.
    let (fit_w, fit_h) = match theme.ornament {
        Ornament::None => (area_w, area_h),
        Ornament::Underline => (area_w, area_h * 0.86),
        Ornament::Box => (area_w * 0.82, area_h * 0.82),
    };
    // A glow needs its own room inside the area too.
    let halo = if theme.glow { GLOW_ROOM } else { 0.0 };
    let (fit_w, fit_h) = (fit_w * shrink - 2.0 * halo, fit_h * shrink - 2.0 * halo);
    // A slogan of uneven lines is stacked, each line as wide as the area:
    // the same breaks, a poster's sizes.
    // The share of the room the block's box takes, turned as a slanted look
    // prints it (what the eye, and `bench_ink`, measure); the look's frame
    // or bar and the glow take the rest of the area.
    let turned = |w: f32, h: f32| (w * cos + h * sin) * (w * sin + h * cos);
    let covers = |f: &FittedText| {
        turned(f.max_width() + 2.0 * halo, f.block_bottom - f.block_top + 2.0 * halo)
            / turned(fit_w + 2.0 * halo, fit_h + 2.0 * halo)
    };
    // Stacked, unless the lines set evenly fill the room clearly better
    // ("🔥 / 🔥🔥" on a square tote: a lone mark grown to the width makes the
    // block too tall for it).
    let settle = |fitted: FittedText| {
        if !super::layout::suits_stacking(&fitted) {
            return fitted;
        }
        let stacked =
            super::layout::stacked(fonts, font, text, &fitted, (fit_w, fit_h), theme.line_height, theme.slant != 0.0);
        if covers(&fitted) > covers(&stacked) * EVEN_OVER_STACKED { fitted } else { stacked }
    };
    let fits = super::layout::every_fit(fonts, font, text, (fit_w, fit_h), theme.line_height);
    let Some(largest) = fits.first() else {
        return Setting { fitted: fit_text(fonts, font, text, fit_w, fit_h, theme.line_height), badge: None };
    };
    // The type's ink, not its advances, is what prints: a column of narrow
    // marks ("🔥 / 🔥 / 🔥" on a poster, each flame 0.6 of its advance)
    // fills the area's height but half its width. When the chosen setting's
    // ink, grown as `filled` grows it, leaves the area this empty, the
    // setting whose grown ink fills most is taken ("🔥 / 🔥🔥").
    let size = largest.font_size;
    let ink = |f: &FittedText| ink_covers(fonts, font, f, (area_w, area_h), halo, (sin, cos));
    let by_ink = |best: FittedText| {
        let covered = ink(&best);
        if covered >= INK_LEAST {
            return best;
        }
        fits.iter()
            .filter(|f| f.font_size >= size * LEAST_OF_LARGEST)
            .flat_map(|f| [f.clone(), settle(f.clone())])
            .map(|f| (ink(&f), f))
            .fold((covered, best), |best, other| if other.0 > best.0 * 1.05 { other } else { best })
            .1
    };
    let first = settle(largest.clone());
    if covers(&first) >= FILLS {
        return Setting { fitted: by_ink(first), badge: None };
    }
    // The largest type leaves the area half empty (a tall column of single
    // words, or a wide band): a designer sets it in more or fewer lines,
    // stacked, until it fills, but never much smaller.
    let best = fits[1..]
        .iter()
        .filter(|f| f.font_size >= size * LEAST_OF_LARGEST)
        .map(|f| settle(f.clone()))
        .fold(first, |best, other| if covers(&other) > covers(&best) * 1.05 { other } else { best });
    let best = by_ink(best);
    // Only a short slogan reads as a badge ("YES", "A", "🔥🔥🔥"); a long one
    // in a ring would be the small stamp a designer avoids.
    let short = text.graphemes(true).filter(|g| !g.trim().is_empty()).count() <= BADGE_GRAPHEMES;
    if covers(&best) >= BADGE_BELOW || !short {
        // A block as wide as its room but short of its height (lines that
        // cannot break any further) opens its leading to fill it.
        let fitted = if covers(&best) < FILLS && best.max_width() >= fit_w * WIDTH_BOUND {
            super::layout::spread(&best, fit_h * SPREAD_TO, SPREAD_MOST)
        } else {
            best
        };
        return Setting { fitted, badge: None };
    }
    // Still a band or a lone mark ("<script>…", "A"): a designer sets it in
    // a badge, a ring as wide as the area (round, so a slanted look turns
    // the type inside it and nothing leaves the area).
    let ring = (area_w.min(area_h) / 2.0 - halo) * BADGE_RING;
    let room = ring * BADGE_ROOM;
    let in_badge = fits
        .iter()
        .map(|f| {
            let (w, h) = (f.max_width(), f.block_bottom - f.block_top);
            super::layout::scaled(f, 2.0 * room / w.hypot(h).max(1e-3))
        })
        .max_by(|a, b| a.font_size.total_cmp(&b.font_size));
    // Its type is compared with the smallest line of the best setting.
    let smallest = best.sizes.iter().copied().fold(best.font_size, f32::min);
    match in_badge {
        Some(fitted) if fitted.font_size >= smallest * BADGE_LEAST => Setting { fitted, badge: Some(ring) },
        _ => Setting { fitted: best, badge: None },
    }
}

/// The share of the area a setting's ink covers once `filled` has grown it
/// (by at most [`FILL_GROWTH`], to [`FILL_EDGE`] of the area less the
/// glow's room), turned by `slant` (sine, cosine) as a slanted look prints
/// it: each line's ink at its size, the block's height (its extent is the
/// ink's already). The Box look's padding and the underline bar are left
/// out: a setting is compared with other settings of the same look.
fn ink_covers(
    fonts: &FontLibrary,
    font: &super::fonts::FontFile,
    f: &FittedText,
    (area_w, area_h): (f32, f32),
    halo: f32,
    (sin, cos): (f32, f32),
) -> f32 {
    let ink_w = f.lines.iter().zip(&f.sizes).map(|(line, size)| fonts.ink_width(font, line) * size).fold(0.0, f32::max);
    let ink_h = f.block_bottom - f.block_top;
    let (w, h) = (ink_w * cos + ink_h * sin, ink_w * sin + ink_h * cos);
    if w <= 0.0 || h <= 0.0 {
        return 0.0;
    }
    let room = |side: f32| (side - 2.0 * halo) * FILL_EDGE;
    let k = (room(area_w) / w).min(room(area_h) / h).min(FILL_GROWTH);
    (w * k) * (h * k) / (area_w * area_h)
}

/// Below this share of its room (see [`ink_covers`]) a setting's ink is
/// too small, and the one filling most is taken instead.
const INK_LEAST: f32 = 0.7;

/// A setting that covers less than this share of its room goes in a badge…
const BADGE_BELOW: f32 = 0.6;
/// …if it has at most this many letters (spaces aside)…
const BADGE_GRAPHEMES: usize = 8;
/// …and its type keeps this share of its size there.
const BADGE_LEAST: f32 = 0.7;
/// The ring's radius as a share of half the area's width (its stroke
/// inside), and the share of the ring's radius the type may take.
const BADGE_RING: f32 = 0.97;
const BADGE_ROOM: f32 = 0.84;

/// A setting at least this share of its room's width that covers less
/// than [`FILLS`] is spread (`layout::spread`) to this share of the room's
/// height, each gap growing by at most [`SPREAD_MOST`] of the type size.
const WIDTH_BOUND: f32 = 0.9;
const SPREAD_TO: f32 = 0.9;
const SPREAD_MOST: f32 = 1.5;

/// Lines set evenly are kept instead of stacked when they cover this much
/// more of the room.
const EVEN_OVER_STACKED: f32 = 1.1;

/// A setting whose block covers this share of its room fills the area.
const FILLS: f32 = 0.75;
/// A setting chosen to fill the area keeps its type at least this share of
/// the largest size the slogan can be set at.
const LEAST_OF_LARGEST: f32 = 0.6;

/// The share of the print area the slogan's lettering takes in `theme`
/// (its block: widest line × height), without drawing it: how *Auto* tells
/// a look that prints a slogan small.
pub fn ink_share(fonts: &FontLibrary, slogan: &str, theme: &Theme) -> f32 {
    let text = theme.apply_case(slogan);
    let font = fonts.face_for(fonts.get(theme.font), theme.fallback_font, &text);
    let (_, _, area_w, area_h) = PRINT_AREA;
    let setting = fit_for(fonts, font, &text, theme, (area_w, area_h));
    let fitted = &setting.fitted;
    match setting.badge {
        Some(r) => 4.0 * r * r / (area_w * area_h),
        None => fitted.max_width() * (fitted.block_bottom - fitted.block_top) / (area_w * area_h),
    }
}

/// The design laid out in the T-shirt's print area of the mockup's coordinates.
pub fn artwork(fonts: &FontLibrary, slogan: &str, theme: &Theme, colour: ShirtColour, dom_id: &str) -> Artwork {
    artwork_in(fonts, slogan, theme, colour, dom_id, PRINT_AREA)
}

/// The design laid out in `area` (x, y, width, height, in mockup units;
/// `layout_area` gives each product's).
pub fn artwork_in(
    fonts: &FontLibrary,
    slogan: &str,
    theme: &Theme,
    colour: ShirtColour,
    dom_id: &str,
    area: (f32, f32, f32, f32),
) -> Artwork {
    let text = theme.apply_case(slogan);
    let font = fonts.face_for(fonts.get(theme.font), theme.fallback_font, &text);
    let (area_x, area_y, area_w, area_h) = area;
    let Setting { fitted, badge } = fit_for(fonts, font, &text, theme, (area_w, area_h));
    // In a badge the ring is the ornament.
    let ornament = if badge.is_some() { Ornament::None } else { theme.ornament };

    let centre_x = area_x + area_w / 2.0;
    let centre_y = area_y + area_h / 2.0;
    let block_h = fitted.block_bottom - fitted.block_top;
    let bar_h = fitted.font_size * 0.09;
    let bar_gap = fitted.font_size * 0.22;
    let extra = if ornament == Ornament::Underline { bar_gap + bar_h } else { 0.0 };
    // Top of the text block, so that block plus ornament sit centred in the area.
    let top = centre_y - (block_h + extra) / 2.0;
    let shift = top - fitted.block_top;
    let max_w = fitted.max_width();
    let (x, anchor) = match theme.align {
        Align::Center => (centre_x, "middle"),
        Align::Left => (centre_x - max_w / 2.0, "start"),
    };
    let mut lines = lines(&fitted, x, shift);
    if badge.is_none() && theme.align == Align::Center {
        let baseline = fitted.baselines.first().map_or(0.0, |b| b + shift);
        if let (Some(first), Some(arc)) = (lines.first_mut(), arch_for(theme, &fitted, centre_x, baseline, area_h)) {
            first.arc = Some(arc);
        }
    }

    let underline = (ornament == Ornament::Underline).then(|| {
        let bar_w = (max_w * 0.55).max(fitted.font_size.min(max_w));
        let bar_x = match theme.align {
            Align::Center => centre_x - bar_w / 2.0,
            Align::Left => x,
        };
        SvgRect { x: num(bar_x), y: num(top + block_h + bar_gap), width: num(bar_w), height: num(bar_h) }
    });
    let pad = (fitted.font_size * 0.28).min(area_w * 0.07);
    let frame = (ornament == Ornament::Box).then(|| SvgRect {
        x: num(centre_x - max_w / 2.0 - pad),
        y: num(top - pad * 0.8),
        width: num(max_w + 2.0 * pad),
        height: num(block_h + 1.6 * pad),
    });

    let ink = most_legible(colour.hex, &theme.print_inks);
    let accent = most_legible(colour.hex, &[theme.accent, ink]);
    let family = fonts.css_family(font);
    let transform = if theme.slant == 0.0 {
        String::new()
    } else {
        format!("rotate({} {} {})", num(theme.slant), num(centre_x), num(centre_y))
    };

    let art = Artwork {
        id: dom_id.to_owned(),
        ink,
        accent,
        font_family: family,
        font_size: num(fitted.font_size),
        anchor,
        transform,
        lines,
        underline,
        frame,
        frame_stroke: num((fitted.font_size * 0.07).max(2.0)),
        ring: badge.map(|r| {
            let (outer, gap, inner) = (r * 0.06, r * 0.035, r * 0.018);
            SvgRing {
                cx: num(centre_x),
                cy: num(centre_y),
                outer_r: num(r - outer / 2.0),
                outer_width: num(outer),
                inner_r: num(r - outer - gap - inner / 2.0),
                inner_width: num(inner),
            }
        }),
        glow: theme.glow.then(|| (num(GLOW_BLUR), theme.accent)),
    };
    let halo = if theme.glow { GLOW_ROOM } else { 0.0 };
    filled(fonts, art, area, halo)
}

/// `art` grown about its ink until the ink meets the area's edges on one
/// side (the glow's room kept), and centred on its ink. The layout sets
/// type by its advances and line boxes, which hold side bearings, accent
/// room and leading that print nothing; the ink as drawn (measured by usvg,
/// the engine that draws every picture and print file) is what the eye and
/// the printer see. Growth is capped at [`FILL_GROWTH`]; ink that would pass
/// an edge (a swash, a colour emoji drawn past its line) is drawn back in.
fn filled(fonts: &FontLibrary, art: Artwork, area: (f32, f32, f32, f32), halo: f32) -> Artwork {
    let (ax, ay, aw, ah) = area;
    let doc = PrintSvg::of(art, "0 0 600 640".into(), "600", "640");
    let svg = doc.render().unwrap_or_default();
    let mut art = doc.art;
    let options = resvg::usvg::Options { fontdb: fonts.font_database(), ..resvg::usvg::Options::default() };
    let Ok(tree) = resvg::usvg::Tree::from_str(&svg, &options) else { return art };
    let ink = tree.root().abs_stroke_bounding_box();
    if ink.width() < 1e-3 || ink.height() < 1e-3 {
        return art;
    }
    let room = |side: f32| (side - 2.0 * halo) * FILL_EDGE;
    let k = (room(aw) / ink.width()).min(room(ah) / ink.height()).min(FILL_GROWTH);
    let (cx, cy) = (ax + aw / 2.0, ay + ah / 2.0);
    let (ix, iy) = (ink.x() + ink.width() / 2.0, ink.y() + ink.height() / 2.0);
    let (tx, ty) = (cx - k * ix, cy - k * iy);
    if (k - 1.0).abs() < 0.005 && tx.abs() < 0.05 && ty.abs() < 0.05 {
        return art;
    }
    let turn = std::mem::take(&mut art.transform);
    art.transform = format!("translate({} {}) scale({}) {turn}", num(tx), num(ty), (k * 10_000.0).round() / 10_000.0)
        .trim_end()
        .to_owned();
    art
}

/// The share of the area (per side) a design's ink may reach…
const FILL_EDGE: f32 = 0.98;
/// …growing at most this much beyond the size its layout gave it.
const FILL_GROWTH: f32 = 1.6;

/// Blur radius of a glowing look's halo, and the room kept for it on each
/// side (three radii: where a Gaussian blur has faded out).
const GLOW_BLUR: f32 = 4.0;
const GLOW_ROOM: f32 = 3.0 * GLOW_BLUR;

pub(crate) fn lines(fitted: &FittedText, x: f32, shift: f32) -> Vec<SvgLine> {
    fitted
        .lines
        .iter()
        .zip(&fitted.baselines)
        .zip(&fitted.sizes)
        .map(|((text, baseline), size)| SvgLine {
            x: num(x),
            y: num(baseline + shift),
            text: text.clone(),
            size: (*size != fitted.font_size || fitted.sizes.iter().any(|s| *s != *size)).then(|| num(*size)),
            arc: None,
        })
        .collect()
}

/// How high an arch rises over its chord.
const ARCH_RISE: f32 = 0.12;

/// The arch the first line is set on, when `theme` arches and the slogan's
/// shape allows it: two lines or more (one line on an arch reads as a
/// logo, not a slogan), the first at least ¾ as wide as the widest (a
/// short word on an arch looks bent, not set), left to right, not CJK
/// (phrases set upright read better), and room enough in the area's
/// height that the arch does not make the print smaller. The arch is a
/// circle's arc through the line's ends, rising [`ARCH_RISE`] of its width.
/// `baseline`: where the line's ends sit.
fn arch_for(theme: &Theme, fitted: &FittedText, centre_x: f32, baseline: f32, area_h: f32) -> Option<String> {
    if !theme.arch || fitted.lines.len() < 2 {
        return None;
    }
    let first = fitted.lines.first()?;
    // Each line's width at its own size (a stacked line's is already scaled).
    let width = fitted.widths.first().copied().unwrap_or(0.0);
    let upright = first.chars().all(|c| {
        let cjk = matches!(c as u32, 0x3000..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF);
        let rtl = matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF);
        !cjk && !rtl
    });
    let rise = width * ARCH_RISE;
    let block_h = fitted.block_bottom - fitted.block_top;
    if !upright || width <= 0.0 || width < fitted.max_width() * 0.75 || block_h + rise > area_h * 0.95 {
        return None;
    }
    // The circle through the line's ends (a little wider than the line)
    // and its top `rise` above them…
    let chord = width * 1.08;
    let radius = (chord * chord / 4.0 + rise * rise) / (2.0 * rise);
    let centre_y = baseline - rise + radius;
    // …drawn well past those ends (the text is centred on it): a glyph whose
    // middle falls off a text path is not drawn at all, so the path never
    // ends where the letters do.
    let half = libm::asinf((chord / 2.0) / radius) * ARCH_SPAN;
    let half = half.min(80f32.to_radians());
    let (sin, cos) = libm::sincosf(half);
    let (y, r) = (num(centre_y - radius * cos), num(radius));
    Some(format!("M{} {y}A{r} {r} 0 0 1 {} {y}", num(centre_x - radius * sin), num(centre_x + radius * sin)))
}

/// How much longer than its line an arch is drawn (see [`arch_for`]).
const ARCH_SPAN: f32 = 1.5;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::fonts::tests::library;
    use crate::design::{THEMES, Theme};

    fn white() -> ShirtColour {
        ShirtColour::parse("white").unwrap()
    }

    #[test]
    fn same_input_gives_byte_identical_svg() {
        let lib = library();
        let theme = Theme::by_key("zine").unwrap();
        let a = mockup_svg(&lib, "Be a Friday Night Loser with me", theme, white(), "m");
        let b = mockup_svg(&lib, "Be a Friday Night Loser with me", theme, white(), "m");
        assert_eq!(a, b);
        assert!(a.starts_with("<svg"));
        assert!(a.contains("printed with: Be a Friday Night Loser with me</title>"), "{a}");
        assert!(!a.contains("<text") && a.contains("<path"), "letters drawn as outlines, no fonts needed: {a}");
    }

    #[test]
    fn every_looks_print_bends_along_the_folds_and_still_draws_inside_the_area() {
        let lib = library();
        let cloth = crate::design::folds::Cloth::new(TEE_FOLDS);
        for slogan in ["Be a Friday Night Loser with me", "金曜の夜の負け犬になろう 🔥"] {
            for theme in &THEMES {
                let flat = outlined(&lib, artwork(&lib, slogan, theme, white(), "m"), "m", 1);
                let bent = cloth.warp(&flat, "translate(0 0)");
                assert_ne!(flat, bent, "{}: the print follows the folds", theme.key);
                // The same paths, each point moved by at most the pull.
                let points = |svg: &str| -> Vec<f32> {
                    svg.split(" d=\"")
                        .skip(1)
                        .flat_map(|d| {
                            d.split('"').next().unwrap_or("").split(|c: char| c == ' ' || c.is_ascii_alphabetic())
                        })
                        .filter_map(|n| n.parse().ok())
                        .collect()
                };
                let (a, b) = (points(&flat), points(&bent));
                assert_eq!(a.len(), b.len(), "{}", theme.key);
                let most = a.iter().zip(&b).map(|(x, y)| (x - y).abs()).fold(0.0f32, f32::max);
                // Moved in the picture by at most the pull; in a scaled group by that over its scale.
                assert!(most <= crate::design::folds::PULL * 1.5 + 0.1, "{}: moved {most}", theme.key);
                let doc = format!(r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 640">{bent}</svg>"#);
                assert!(resvg::usvg::Tree::from_str(&doc, &resvg::usvg::Options::default()).is_ok(), "{}", theme.key);
            }
        }
    }

    #[test]
    fn every_view_has_its_shirt_on_a_stage_that_stands_out() {
        let lib = library();
        let theme = Theme::by_key("poster").unwrap();
        for colour in ShirtColour::PALETTE {
            let stage = stage_for(colour.hex);
            let ratio = crate::design::contrast_ratio(stage, colour.hex);
            assert!(ratio >= STAGE_CONTRAST, "{}: stage {stage} only {ratio:.2}:1", colour.key);
            for view in View::ALL {
                let svg = mockup(&lib, "Hi", theme, colour, "m", view).render().unwrap();
                // On a hanger the shirt has no backdrop of its own: the scene
                // around it (`scene::on_hanger`) has the wall.
                let backdrop = format!("<rect width=\"600\" height=\"640\" fill=\"{stage}\"/>");
                assert_eq!(svg.contains(&backdrop), view != View::Hanger, "{} {view:?}", colour.key);
                assert_eq!(
                    svg.contains("<path fill=\"#"),
                    view != View::Back,
                    "{} {view:?}: print only in front",
                    colour.key
                );
            }
        }
    }

    #[test]
    fn neon_glows_in_the_mockup_and_the_print() {
        let lib = library();
        let neon = Theme::by_key("neon").unwrap();
        let svg = mockup_svg(&lib, "Glow", neon, ShirtColour::parse("black").unwrap(), "m");
        assert!(svg.contains("-glow") && svg.contains("flood-color=\"#ff3ea5\""), "{svg}");
        let print = crate::design::print::print_svg_text(&lib, "Glow", neon, white());
        assert!(print.contains("-glow"), "{print}");
        let flat = mockup_svg(&lib, "Flat", Theme::by_key("poster").unwrap(), white(), "m");
        assert!(!flat.contains("SourceAlpha"));
    }

    #[test]
    fn html_in_a_slogan_is_escaped() {
        let lib = library();
        let svg = mockup_svg(&lib, "<script>alert(1)</script>", &THEMES[3], white(), "m");
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&#60;script&#62;"), "{svg}");
    }

    #[test]
    fn ink_switches_on_dark_shirts() {
        let lib = library();
        let theme = Theme::by_key("typewriter").unwrap();
        let on_white = mockup_svg(&lib, "hello", theme, white(), "m");
        let on_black = mockup_svg(&lib, "hello", theme, ShirtColour::parse("black").unwrap(), "m");
        assert!(on_white.contains("fill=\"#222222\""));
        assert!(on_black.contains("fill=\"#f3efe6\""));
    }

    #[test]
    fn narrow_marks_are_set_by_their_ink_and_fill_a_tall_area() {
        let lib = library();
        let fire = lib.get(crate::design::fonts::EMOJI);
        // 🔥's flame is narrower than its advance; letters' ink is close to theirs.
        assert!(lib.ink_width(fire, "🔥") < lib.measure(fire, "🔥") * 0.8);
        let bebas = lib.get("bebas");
        assert!(lib.ink_width(bebas, "LOSER") > lib.measure(bebas, "LOSER") * 0.9);
        assert!(lib.ink_width(bebas, "LOSER") <= lib.measure(bebas, "LOSER"));
        // On a poster (2:3) three flames stacked in a column would cover 40%
        // of the area; set by their ink they make a pyramid that fills it.
        let area = layout_area(crate::domain::Product::Poster);
        for key in ["poster", "brush"] {
            let theme = Theme::by_key(key).unwrap();
            let art = artwork_in(&lib, "🔥🔥🔥", theme, white(), "a", area);
            assert_eq!(art.lines.len(), 2, "{key}: {:?}", art.lines.iter().map(|l| &l.text).collect::<Vec<_>>());
            let svg = PrintSvg::of(art, "0 0 600 640".into(), "600", "640").render().unwrap();
            let options = resvg::usvg::Options { fontdb: lib.font_database(), ..resvg::usvg::Options::default() };
            let ink = resvg::usvg::Tree::from_str(&svg, &options).unwrap().root().abs_stroke_bounding_box();
            let (_, _, w, h) = area;
            assert!(ink.width() * ink.height() >= 0.6 * w * h, "{key}: {ink:?} in {w}×{h}");
        }
    }

    #[test]
    fn serif_and_geometric_arch_a_wide_first_line_and_keep_a_column_straight() {
        let lib = library();
        let colour = ShirtColour::parse("white").unwrap();
        let art = |theme: &Theme, slogan: &str| artwork(&lib, slogan, theme, colour, "a");
        let arched = |theme: &Theme, slogan: &str| art(theme, slogan).lines.first().is_some_and(|l| l.arc.is_some());
        let german = "Sei ein Freitagabend-Loser mit mir!";
        for key in ["serif", "geometric"] {
            let theme = Theme::by_key(key).unwrap();
            // Two slogans in one look, two layouts: the wide first line arches…
            assert!(arched(theme, german), "{key}");
            // …a column of short words stays straight, and Japanese upright.
            assert!(!arched(theme, "Be a Friday Night Loser with me"), "{key}");
            assert!(!arched(theme, "金曜の夜の負け犬になろう"), "{key}");
            // The arch is drawn: its letters are outlines inside the print area.
            let svg = PrintSvg::of(art(theme, german), "0 0 600 640".into(), "600", "640").render().unwrap();
            assert!(svg.contains("<textPath href=\"#a-arc1\""), "{svg}");
            let options = resvg::usvg::Options { fontdb: lib.font_database(), ..resvg::usvg::Options::default() };
            let tree = resvg::usvg::Tree::from_str(&svg, &options).unwrap();
            let ink = tree.root().abs_stroke_bounding_box();
            let (x, y, w, h) = PRINT_AREA;
            assert!(ink.x() >= x - 0.5 && ink.right() <= x + w + 0.5, "{key}: {ink:?}");
            assert!(ink.y() >= y - 0.5 && ink.bottom() <= y + h + 0.5, "{key}: {ink:?}");
            assert!(ink.width() * ink.height() >= 0.6 * w * h || ink.width() >= 0.9 * w, "{key} fills: {ink:?}");
        }
        // The arch runs well past its line's ends in every setting (a glyph
        // off the end of a text path is not drawn): stacked lines included.
        for key in ["serif", "geometric"] {
            let theme = Theme::by_key(key).unwrap();
            for slogan in [
                german,
                "Friday Night Losers Club Tour",
                "Größer, schöner, lauter — Straßenfest!",
                "Freitagabend Loser Club",
            ] {
                let text = theme.apply_case(slogan);
                let font = lib.face_for(lib.get(theme.font), theme.fallback_font, &text);
                let setting = fit_for(&lib, font, &text, theme, (PRINT_AREA.2, PRINT_AREA.3));
                let Some(arc) = arch_for(theme, &setting.fitted, 300.0, 200.0, PRINT_AREA.3) else { continue };
                let n: Vec<f32> = arc.split(['M', 'A', ' ']).filter_map(|v| v.parse().ok()).collect();
                let (x1, r, x2) = (n[0], n[2], n[7]);
                let length = 2.0 * r * ((x2 - x1) / 2.0 / r).asin();
                let size = setting.fitted.sizes[0];
                let width = lib.measure(font, &setting.fitted.lines[0]) * size;
                assert!(length >= 1.3 * width, "{key} {slogan:?}: arc {length} for a line {width} wide ({arc})");
            }
        }
        // Looks that do not arch never do.
        for theme in THEMES.iter().filter(|t| !t.arch) {
            assert!(!arched(theme, german), "{}", theme.key);
        }
    }
}
