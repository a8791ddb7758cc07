//! Pictures of the products besides the T-shirt (whose pictures are
//! `mockup`'s): a hoodie, a long-sleeve tee, a tote bag on a flat lay, a
//! framed poster on a wall and a die-cut sticker on a desk. Each is a
//! blank drawn in the product's colour with the design fitted into the
//! blank's print area (`BLANKS`: one row per product; a new product is a
//! row and its drawing).
//!
//! The design is laid out for the product's own print area
//! (`mockup::layout_area`: a wide hoodie chest, a square tote, a tall
//! poster, a square sticker) and scaled uniformly into the blank's area,
//! which has the same shape, so it fills it as the print file does.

use super::fonts::FontLibrary;
use super::mockup::{View, artwork_in, layout_area, outlined, stage_for};
use super::num;
use super::theme::Theme;
use crate::domain::{Product, ShirtColour};

/// One product's blank: what is drawn behind and in front of the print,
/// and where the print goes (x, y, width, height in a 600×640 picture).
struct Blank {
    product: Product,
    area: (f32, f32, f32, f32),
    /// Drawn before the print; `{fill}` is the product's colour, `{id}` the
    /// picture's id prefix.
    under: &'static str,
    /// Drawn over the print: seams and shading.
    over: &'static str,
    /// The print is clipped to this outline (the fabric or paper).
    clip: &'static str,
    /// Where the cloth folds: shaded, and the print bends along them
    /// (`folds::Cloth`); empty for paper.
    folds: &'static str,
    /// The back, drawn over the blank's body instead of `under`'s front
    /// details and `over` (no print): seams, a neck label, the hood lying
    /// flat. Empty for a product shown from the front only.
    back: &'static str,
}

const HOODIE_BODY: &str = "M220 60C240 30 360 30 380 60L460 86C506 106 540 146 566 210L548 520C546 534 534 540 520 538L498 534L486 262L478 612C478 622 470 628 460 628L140 628C130 628 122 622 122 612L114 262L102 534L80 538C66 540 54 534 52 520L34 210C60 146 94 106 140 86Z";
const LONG_BODY: &str = "M230 44C252 84 348 84 370 44L452 72C498 92 528 136 548 200L592 560C594 572 586 580 574 580L536 584C524 585 516 578 514 566L468 262L466 606C466 614 460 618 452 618L148 618C140 618 134 614 134 606L132 262L86 566C84 578 76 585 64 584L26 580C14 580 6 572 8 560L52 200C72 136 102 92 148 72Z";
const TOTE_BAG: &str = "M128 176L472 170L488 604C488 612 482 618 474 618L128 622C120 622 114 616 114 608Z";
const POSTER_PAPER: &str = "M174 92H426V470H174Z";
const STICKER_SHAPE: &str = "M160 190C160 158 186 132 218 132H382C414 132 440 158 440 190V354C440 386 414 412 382 412H218C186 412 160 386 160 354Z";

const BLANKS: [Blank; 5] = [
    Blank {
        product: Product::Hoodie,
        area: (205.0, 150.0, 190.0, 175.0),
        under: r##"<path d="M232 64C230 18 370 18 368 64C350 100 250 100 232 64Z" fill="{fill}"/><path d="M244 62C250 34 350 34 356 62C340 86 260 86 244 62Z" fill="#000" fill-opacity=".35"/><use href="#{id}-body" fill="{fill}"/>"##,
        over: r##"<path d="M196 420L404 420L424 530L176 530Z" fill="#000" fill-opacity=".08" stroke="#000" stroke-opacity=".18" stroke-width="2"/><path d="M276 84L270 190M324 84L332 176" stroke="#eee" stroke-opacity=".8" stroke-width="4" stroke-linecap="round"/><path d="M122 596H478" stroke="#000" stroke-opacity=".2" stroke-width="22"/>"##,
        clip: HOODIE_BODY,
        folds: "M150 250C190 300 206 360 214 410M458 268C432 312 420 350 414 392M236 560C246 590 250 610 252 626",
        back: r##"<path d="M218 62C214 -2 386 -2 382 62L392 150C350 178 250 178 208 150Z" fill="{fill}"/><path d="M218 62C214 -2 386 -2 382 62L392 150C350 178 250 178 208 150Z" fill="#000" fill-opacity=".1"/><path d="M300 10V168" stroke="#000" stroke-opacity=".22" stroke-width="2" stroke-dasharray="5 4"/><path d="M214 112C250 132 350 132 386 112" fill="none" stroke="#000" stroke-opacity=".12" stroke-width="10"/><path d="M122 596H478" stroke="#000" stroke-opacity=".2" stroke-width="22"/><path d="M140 86L114 262M460 86L486 262" fill="none" stroke="#000" stroke-opacity=".16" stroke-width="2" stroke-dasharray="5 4"/>"##,
    },
    Blank {
        product: Product::LongSleeve,
        area: (195.0, 130.0, 210.0, 280.0),
        under: r##"<use href="#{id}-body" fill="{fill}"/><path d="M236 43C262 66 338 66 364 43Z" fill="#000" fill-opacity=".28"/>"##,
        over: r##"<path d="M520 560L590 552M80 560L10 552" stroke="#000" stroke-opacity=".2" stroke-width="10"/>"##,
        clip: LONG_BODY,
        folds: "M150 226C198 262 224 300 240 346M452 246C418 276 398 312 388 362M180 470C214 506 232 552 236 606M424 540C414 562 410 584 412 606",
        back: r##"<path d="M230 44C254 60 346 60 370 44" fill="none" stroke="#000" stroke-opacity=".22" stroke-width="7"/><rect x="284" y="58" width="32" height="20" rx="2" fill="#f4f1ea"/><path d="M290 65H310M292 71H308" stroke="#6b645c" stroke-width="1.6"/><path d="M230 44L148 72M370 44L452 72M148 72L132 262M452 72L468 262" fill="none" stroke="#8a8a8a" stroke-opacity=".5" stroke-width="1.5" stroke-dasharray="4 3"/><path d="M520 560L590 552M80 560L10 552M134 600H466" stroke="#000" stroke-opacity=".2" stroke-width="10"/>"##,
    },
    Blank {
        product: Product::Tote,
        area: (176.0, 250.0, 250.0, 250.0),
        under: r##"<path d="M196 178C190 70 250 36 300 36C352 36 410 72 404 176" fill="none" stroke="{fill}" stroke-width="22"/><path d="M196 178C190 70 250 36 300 36C352 36 410 72 404 176" fill="none" stroke="#000" stroke-opacity=".18" stroke-width="22"/><use href="#{id}-body" fill="{fill}"/>"##,
        over: r##"<path d="M128 176L472 170L474 194L128 200Z" fill="#000" fill-opacity=".1"/><path d="M128 176L114 608" stroke="#000" stroke-opacity=".14" stroke-width="8"/>"##,
        clip: TOTE_BAG,
        folds: "M150 560C220 540 300 566 380 548C420 540 450 552 478 560M214 214C236 300 232 420 262 520",
        back: "",
    },
    Blank {
        product: Product::Poster,
        area: (184.0, 102.0, 232.0, 358.0),
        under: r##"<rect x="150" y="68" width="300" height="426" fill="#2a2623"/><rect x="162" y="80" width="276" height="402" fill="#f6f3ec"/><use href="#{id}-body" fill="{fill}"/>"##,
        over: r##"<path d="M150 68H450L438 80H162Z" fill="#fff" fill-opacity=".12"/><path d="M162 80L438 482" stroke="#fff" stroke-opacity=".06" stroke-width="120"/><path d="M300 20V68" stroke="#6b645c" stroke-width="2"/>"##,
        clip: POSTER_PAPER,
        folds: "",
        back: "",
    },
    Blank {
        product: Product::Sticker,
        area: (184.0, 156.0, 232.0, 232.0),
        under: r##"<use href="#{id}-body" fill="#fff" stroke="#fff" stroke-width="24" stroke-linejoin="round"/><use href="#{id}-body" fill="{fill}"/>"##,
        over: r##"<path d="M420 140C442 160 450 186 446 212L406 142Z" fill="#fff" fill-opacity=".6"/><use href="#{id}-body" fill="none" stroke="#000" stroke-opacity=".12" stroke-width="2" stroke-dasharray="6 5"/>"##,
        clip: STICKER_SHAPE,
        folds: "",
        back: "",
    },
];

/// The surface each product is photographed on.
fn stage(product: Product, colour: ShirtColour) -> &'static str {
    match product {
        Product::Poster => "#d9d3c7",
        Product::Sticker => "#8a6a4f",
        Product::Tote => "#cfc6b6",
        _ => stage_for(colour.hex),
    }
}

/// The views each product is shown in: apparel from the front, the back
/// and on a hanger; the tote, the poster and the sticker in their one
/// scene (a flat lay, a frame on a wall, a desk).
pub fn views(product: Product) -> &'static [View] {
    match BLANKS.iter().find(|b| b.product == product) {
        Some(blank) if !blank.back.is_empty() => &[View::Front, View::Back, View::Hanger],
        _ => &[View::Front],
    }
}

/// The product's picture in `view`, `None` for the T-shirt (drawn by
/// `mockup`) and for a view the product is not shown in.
pub fn product_svg(
    fonts: &FontLibrary,
    slogan: &str,
    theme: &Theme,
    colour: ShirtColour,
    product: Product,
    view: View,
) -> Option<String> {
    let blank = BLANKS.iter().find(|b| b.product == product)?;
    if !views(product).contains(&view) {
        return None;
    }
    let title = match view {
        View::Back => format!("{} — back, no print", product.key()),
        View::Hanger => format!("{} on a hanger — {slogan}", product.key()),
        _ => format!("{} — {slogan}", product.key()),
    };
    let garment = garment(fonts, slogan, theme, colour, blank, view, &title);
    Some(match view {
        View::Hanger => super::scene::on_hanger(&garment, blank.clip, colour, &title, "h"),
        _ => garment,
    })
}

/// One picture of `blank`: on its stage with its shadow, or alone (to hang
/// in a scene) for [`View::Hanger`].
fn garment(
    fonts: &FontLibrary,
    slogan: &str,
    theme: &Theme,
    colour: ShirtColour,
    blank: &Blank,
    view: View,
    title: &str,
) -> String {
    let id = "p";
    let product = blank.product;
    let fill = colour.hex;
    let fill_in = |s: &str| s.replace("{fill}", fill).replace("{id}", id);
    let hanging = view == View::Hanger;
    let (stage, shadow) = if hanging {
        (String::new(), "")
    } else if product == Product::Poster {
        (
            format!(r#"<rect width="600" height="640" fill="{}"/>"#, stage(product, colour)),
            r##"<rect x="158" y="80" width="300" height="426" fill="#000" fill-opacity=".22" filter="url(#p-soft)"/>"##,
        )
    } else {
        (
            format!(r#"<rect width="600" height="640" fill="{}"/>"#, stage(product, colour)),
            r##"<ellipse cx="300" cy="622" rx="200" ry="12" fill="#000" fill-opacity=".22" filter="url(#p-soft)"/>"##,
        )
    };
    let shading = if blank.folds.is_empty() {
        String::new()
    } else {
        format!(
            r##"<path d="{}" fill="none" stroke="#000" stroke-opacity=".11" stroke-width="14" stroke-linecap="round" filter="url(#p-soft)"/>"##,
            blank.folds
        )
    };
    let (under, inside, over) = if view == View::Back {
        // The back: the body, its folds, and the back's own details.
        (r##"<use href="#p-body" fill="{fill}"/>"##.replace("{fill}", fill), String::new(), fill_in(blank.back))
    } else {
        let laid_out = layout_area(product);
        let print = outlined(fonts, artwork_in(fonts, slogan, theme, colour, id, laid_out), id, 1);
        // The layout's area onto the blank's (the same shape), uniformly, centred.
        let (sx, sy, sw, sh) = laid_out;
        let (ax, ay, aw, ah) = blank.area;
        let scale = (aw / sw).min(ah / sh);
        let (dx, dy) = (ax + (aw - sw * scale) / 2.0 - sx * scale, ay + (ah - sh * scale) / 2.0 - sy * scale);
        let placement = format!("translate({} {}) scale({scale:.4})", num(dx), num(dy));
        // Cloth bends the print along its folds; paper keeps it flat.
        let print =
            if blank.folds.is_empty() { print } else { super::folds::Cloth::new(blank.folds).warp(&print, &placement) };
        let inside = format!(r#"<g id="p-print" transform="{placement}">{print}</g>"#);
        (fill_in(blank.under), inside, fill_in(blank.over))
    };
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 640" role="img" aria-labelledby="p-title" class="mockup-svg"><title id="p-title">{title}</title><defs><path id="p-body" d="{body}"/><clipPath id="p-clip"><use href="#p-body"/></clipPath><filter id="p-soft" x="-20%" y="-20%" width="140%" height="140%"><feGaussianBlur stdDeviation="7"/></filter><linearGradient id="p-light" x1="0" x2="1" y1="0" y2="1"><stop offset="0" stop-color="#fff" stop-opacity=".10"/><stop offset=".55" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity=".18"/></linearGradient></defs>{stage}{shadow}{under}<g clip-path="url(#p-clip)">{inside}{shading}<use href="#p-body" fill="url(#p-light)"/></g>{over}</svg>"##,
        title = super::escape_text(title),
        body = blank.clip,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_product_but_the_tee_has_a_blank_that_draws() {
        let fonts = crate::design::fonts::tests::library();
        let theme = &crate::design::THEMES[0];
        for product in Product::ALL {
            let colour = product.offered_colours(&[ShirtColour::PALETTE[1]])[0];
            let svg = product_svg(&fonts, "Donaudampfschifffahrt", theme, colour, product, View::Front);
            if product == Product::Tee {
                assert!(svg.is_none());
                continue;
            }
            for &view in views(product) {
                let svg = product_svg(&fonts, "Donaudampfschifffahrt", theme, colour, product, view).expect("a view");
                let tree = resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default());
                assert!(tree.is_ok(), "{product} {view:?} parses");
                // Cloth bends the print along its folds (none on the back); paper does not.
                let cloth = !matches!(product, Product::Poster | Product::Sticker);
                let blank = BLANKS.iter().find(|b| b.product == product).expect("a blank");
                assert_eq!(blank.folds.is_empty(), !cloth, "{product}: folds for cloth only");
                let printed = svg.contains(r#"<g id="p-print""#);
                assert_eq!(printed, view != View::Back, "{product} {view:?}: print on the front and hanger only");
            }
            let apparel = matches!(product, Product::Hoodie | Product::LongSleeve);
            assert_eq!(views(product).len(), if apparel { 3 } else { 1 }, "{product}");
            assert!(product_svg(&fonts, "x", theme, colour, product, View::Detail).is_none());
        }
    }
}
