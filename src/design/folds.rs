//! The print follows the cloth: a displacement field drawn from a garment's
//! own fold lines (the same paths its shading strokes), so the letters bend
//! where the fabric does, as a screen print photographed on a shirt does.
//!
//! Where a fold runs, the cloth is gathered: the print on either side of it
//! is pulled towards the fold, most at [`REACH`] units from it and not at
//! all on it or far from it. The field is applied to the print's outlines
//! themselves (every point of every path moves), not as a raster filter: a
//! browser's `feDisplacementMap` samples the print pixel by pixel and a
//! small map scaled up tears letters into steps, while moved outlines stay
//! crisp at any zoom and look the same in resvg and every browser, for no
//! extra bytes.

use super::num;

/// The most (units) the print moves towards a fold.
pub const PULL: f32 = 2.6;
/// How far (units) from a fold the pull is strongest; it fades past twice that.
pub const REACH: f32 = 16.0;

use resvg::tiny_skia::{Point, Transform};
use svgtypes::SimplePathSegment as Segment;

/// A transform list (`matrix(…)`, `translate(…)`, `scale(…)`…), as SVG
/// reads it; `None` for one that does not parse.
fn parse_transform(text: &str) -> Option<Transform> {
    let t: svgtypes::Transform = text.parse().ok()?;
    Some(Transform::from_row(t.a as f32, t.b as f32, t.c as f32, t.d as f32, t.e as f32, t.f as f32))
}

/// Path data as absolute segments (`svgtypes` turns relative commands,
/// arcs and shorthand curves into `M L C Q Z`); `None` if it does not parse.
fn segments(d: &str) -> Option<Vec<Segment>> {
    svgtypes::SimplifyingPathParser::from(d).collect::<Result<_, _>>().ok()
}

/// A garment's folds as polylines (picture units): each curve flattened
/// into 16 straight pieces.
fn polylines(folds: &str) -> Vec<Vec<(f32, f32)>> {
    let mut lines: Vec<Vec<(f32, f32)>> = Vec::new();
    for segment in segments(folds).unwrap_or_default() {
        if let Segment::MoveTo { x, y } = segment {
            lines.push(vec![(x as f32, y as f32)]);
            continue;
        }
        let Some(line) = lines.last_mut() else { continue };
        let Some(&(x0, y0)) = line.last() else { continue };
        let (x0, y0) = (f64::from(x0), f64::from(y0));
        let (c1, c2, end) = match segment {
            Segment::LineTo { x, y } => ((x0, y0), (x, y), (x, y)),
            Segment::Quadratic { x1, y1, x, y } => {
                // The same curve as a cubic.
                let c1 = (x0 + 2.0 / 3.0 * (x1 - x0), y0 + 2.0 / 3.0 * (y1 - y0));
                (c1, (x + 2.0 / 3.0 * (x1 - x), y + 2.0 / 3.0 * (y1 - y)), (x, y))
            }
            Segment::CurveTo { x1, y1, x2, y2, x, y } => ((x1, y1), (x2, y2), (x, y)),
            Segment::MoveTo { .. } | Segment::ClosePath => continue,
        };
        for step in 1..=16 {
            let t = f64::from(step) / 16.0;
            let u = 1.0 - t;
            let at = |a: f64, b: f64, c: f64, d: f64| {
                u * u * u * a + 3.0 * u * u * t * b + 3.0 * u * t * t * c + t * t * t * d
            };
            line.push((at(x0, c1.0, c2.0, end.0) as f32, at(y0, c1.1, c2.1, end.1) as f32));
        }
    }
    lines
}

/// The displacement field of a garment's folds.
pub struct Cloth {
    folds: Vec<Vec<(f32, f32)>>,
}

impl Cloth {
    pub fn new(folds: &str) -> Self {
        Cloth { folds: polylines(folds) }
    }

    /// Where the print at `p` (picture units) lands on the cloth: pulled
    /// towards each fold near it, by at most [`PULL`] units. The pull grows
    /// from nothing on the fold to its most at [`REACH`] and fades past
    /// twice that, slowly enough that no outline ever crosses itself
    /// (its slope stays well under 1).
    pub fn displace(&self, p: (f32, f32)) -> (f32, f32) {
        let (mut dx, mut dy) = (0.0, 0.0);
        for line in &self.folds {
            let Some((q, d)) = nearest(line, p) else { continue };
            if !(1e-3..=REACH * 4.0).contains(&d) {
                continue;
            }
            let r = d / REACH;
            let pull = PULL * r * libm::expf(0.5 - r * r / 2.0);
            dx -= (p.0 - q.0) / d * pull;
            dy -= (p.1 - q.1) / d * pull;
        }
        (p.0 + dx, p.1 + dy)
    }

    /// The print (outlines as usvg writes them, in a group placed by
    /// `placed`) with every path point moved by [`Cloth::displace`].
    /// Paths in `<defs>` (clip paths, patterns) stay as they are.
    pub fn warp(&self, print: &str, placed: &str) -> String {
        let Some(base) = parse_transform(placed) else { return print.to_owned() };
        let mut out = String::with_capacity(print.len() + print.len() / 8);
        // The transform of each open group; `<defs>` and the like are
        // `None`: nothing inside them is moved.
        let mut stack: Vec<Option<Transform>> = vec![Some(base)];
        let mut rest = print;
        while let Some(open) = rest.find('<') {
            out.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('>') else { break };
            let tag = &rest[open..open + close + 1];
            rest = &rest[open + close + 1..];
            let name = tag[1..].split([' ', '>']).next().unwrap_or("").trim_end_matches('/');
            let self_closing = tag.ends_with("/>");
            let outer = stack.last().copied().flatten();
            let own = attribute(tag, "transform").map(parse_transform);
            match name {
                "/g" | "/defs" | "/clipPath" | "/mask" | "/pattern" | "/symbol" | "/marker" => {
                    stack.pop();
                    out.push_str(tag);
                }
                "g" if !self_closing => {
                    stack.push(match (outer, own) {
                        (Some(m), None) => Some(m),
                        (Some(m), Some(Some(t))) => Some(m.pre_concat(t)),
                        _ => None,
                    });
                    out.push_str(tag);
                }
                "defs" | "clipPath" | "mask" | "pattern" | "symbol" | "marker" if !self_closing => {
                    stack.push(None);
                    out.push_str(tag);
                }
                "path" => {
                    let matrix = match (outer, own) {
                        (Some(m), None) => Some(m),
                        (Some(m), Some(Some(t))) => Some(m.pre_concat(t)),
                        _ => None,
                    };
                    match (matrix, matrix.and_then(|m| m.invert()), attribute(tag, "d")) {
                        (Some(m), Some(back), Some(d)) => {
                            let moved = self.warp_path(d, m, back);
                            out.push_str(&tag.replacen(&format!(r#"d="{d}""#), &format!(r#"d="{moved}""#), 1));
                        }
                        _ => out.push_str(tag),
                    }
                }
                _ => out.push_str(tag),
            }
        }
        out.push_str(rest);
        out
    }

    /// Path data with each point taken to the picture by `m`, moved, and
    /// brought back by `back`, written as usvg writes it (`M L Q C Z`);
    /// path data that does not parse is left as it is.
    fn warp_path(&self, d: &str, m: Transform, back: Transform) -> String {
        let Some(segments) = segments(d) else { return d.to_owned() };
        let point = |x: f64, y: f64| {
            let mut p = Point::from_xy(x as f32, y as f32);
            m.map_point(&mut p);
            let (wx, wy) = self.displace((p.x, p.y));
            let mut p = Point::from_xy(wx, wy);
            back.map_point(&mut p);
            format!("{} {}", num(p.x), num(p.y))
        };
        let mut out = String::with_capacity(d.len() + 16);
        for segment in segments {
            match segment {
                Segment::MoveTo { x, y } => out.push_str(&format!("M{}", point(x, y))),
                Segment::LineTo { x, y } => out.push_str(&format!("L{}", point(x, y))),
                Segment::Quadratic { x1, y1, x, y } => out.push_str(&format!("Q{} {}", point(x1, y1), point(x, y))),
                Segment::CurveTo { x1, y1, x2, y2, x, y } => {
                    out.push_str(&format!("C{} {} {}", point(x1, y1), point(x2, y2), point(x, y)))
                }
                Segment::ClosePath => out.push('Z'),
            }
        }
        out
    }
}

/// The value of `name="…"` in a start tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    tag[start..].find('"').map(|end| &tag[start..start + end])
}

/// The point of `line` nearest `p`, and how far it is.
fn nearest(line: &[(f32, f32)], p: (f32, f32)) -> Option<((f32, f32), f32)> {
    let mut best: Option<((f32, f32), f32)> = None;
    let mut consider = |q: (f32, f32)| {
        let d = ((p.0 - q.0).powi(2) + (p.1 - q.1).powi(2)).sqrt();
        if best.is_none_or(|(_, b)| d < b) {
            best = Some((q, d));
        }
    };
    match line {
        [] => {}
        [only] => consider(*only),
        _ => {
            for pair in line.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                let (vx, vy) = (b.0 - a.0, b.1 - a.1);
                let len2 = vx * vx + vy * vy;
                let t = if len2 > 0.0 { (((p.0 - a.0) * vx + (p.1 - a.1) * vy) / len2).clamp(0.0, 1.0) } else { 0.0 };
                consider((a.0 + t * vx, a.1 + t * vy));
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use resvg::{tiny_skia, usvg};

    #[test]
    fn a_fold_pulls_the_print_towards_it_and_leaves_the_rest() {
        let cloth = Cloth::new("M300 100C300 200 300 400 300 540");
        // Far from the fold, and on it: nothing moves.
        assert_eq!(cloth.displace((520.0, 320.0)), (520.0, 320.0));
        assert_eq!(cloth.displace((300.0, 320.0)), (300.0, 320.0));
        // Either side: pulled towards it, sideways only, by at most PULL.
        let (left, right) = (cloth.displace((300.0 - REACH, 320.0)), cloth.displace((300.0 + REACH, 320.0)));
        assert!(left.0 > 300.0 - REACH && left.0 - (300.0 - REACH) <= PULL + 1e-3, "{left:?}");
        assert!(right.0 < 300.0 + REACH && (300.0 + REACH) - right.0 <= PULL + 1e-3, "{right:?}");
        assert!((left.1 - 320.0).abs() < 1e-3 && (right.1 - 320.0).abs() < 1e-3);
        // Points keep their order across the fold: nothing crosses.
        let xs: Vec<f32> = (200..400).map(|x| cloth.displace((x as f32, 320.0)).0).collect();
        assert!(xs.windows(2).all(|w| w[1] > w[0]), "monotonic");
    }

    #[test]
    fn the_outlines_move_in_the_pictures_units_through_their_groups() {
        let cloth = Cloth::new("M300 100C300 200 300 400 300 540");
        // A path at local (150, 160) scaled by 2 sits at (300 + REACH…) in the picture.
        let print = format!(
            r#"<defs><clipPath id="c"><path d="M0 0L10 10Z"/></clipPath></defs><g transform="matrix(2 0 0 2 0 0)"><path fill="red" d="M{x} 160L{x} 170Z"/></g>"#,
            x = (300.0 + REACH) / 2.0
        );
        let warped = cloth.warp(&print, "translate(0 0)");
        assert!(warped.contains(r#"<path d="M0 0L10 10Z"/>"#), "defs stay: {warped}");
        let d = attribute(&warped[warped.find("fill=\"red\"").unwrap() - 6..], "d").unwrap();
        let x: f32 = d[1..].split(' ').next().unwrap().parse().unwrap();
        // Moved towards the fold by the pull, halved by the group's scale.
        let expected = (300.0 + REACH - PULL) / 2.0;
        assert!((x - expected).abs() <= 0.1, "{d} vs {expected}");
        assert!(d.ends_with('Z') && d.contains('L'), "{d}");
        // A transform it cannot read leaves the print alone.
        assert_eq!(cloth.warp(&print, "bend(3)"), print);
    }

    /// Where a stripe's left edge lands after the warp, row by row (resvg).
    fn warped_edges(folds: &str) -> Vec<u32> {
        let stripe = r#"<path fill="red" d="M300 100L500 100L500 540L300 540Z"/>"#;
        let mut dense = String::from("M300 100");
        for y in (110..=540).step_by(10) {
            dense.push_str(&format!("L300 {y}"));
        }
        let stripe = stripe.replace("M300 100L500 100L500 540L300 540Z", &format!("{dense}L500 540L500 100Z"));
        let svg = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="600" height="640" viewBox="0 0 600 640">{}</svg>"#,
            Cloth::new(folds).warp(&stripe, "translate(0 0)")
        );
        let tree = usvg::Tree::from_str(&svg, &usvg::Options::default()).unwrap();
        let mut pixmap = tiny_skia::Pixmap::new(600, 640).unwrap();
        resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
        (150..500).map(|y| (0..600).find(|&x| pixmap.pixel(x, y).unwrap().alpha() > 128).unwrap_or(0)).collect()
    }

    #[test]
    fn the_print_stays_put_away_from_folds_and_bends_smoothly_at_one() {
        // A fold far away: the edge stays where it was drawn.
        assert!(warped_edges("M40 100C40 200 40 400 40 540").iter().all(|&x| x.abs_diff(300) <= 1));
        // A fold beside the edge, running across it: the edge bends by a
        // few units, and from row to row by at most one pixel (no tearing).
        let bent = warped_edges("M250 100C280 250 320 400 350 540");
        let moved = bent.iter().map(|&x| x.abs_diff(300)).max().unwrap();
        assert!((1..=PULL.ceil() as u32).contains(&moved), "moved {moved}: {bent:?}");
        assert!(bent.windows(2).all(|w| w[0].abs_diff(w[1]) <= 1), "smooth: {bent:?}");
    }
}
