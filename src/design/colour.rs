//! Colour arithmetic for legible ink: WCAG relative luminance and contrast.

/// `#rrggbb` → (r, g, b). Anything malformed reads as black; inputs are our own constants.
pub fn parse_hex(hex: &str) -> (u8, u8, u8) {
    let h = hex.trim_start_matches('#');
    let byte = |i: usize| h.get(i..i + 2).and_then(|s| u8::from_str_radix(s, 16).ok()).unwrap_or(0);
    (byte(0), byte(2), byte(4))
}

fn relative_luminance(hex: &str) -> f64 {
    let (r, g, b) = parse_hex(hex);
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 { c / 12.92 } else { libm::pow((c + 0.055) / 1.055, 2.4) }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// WCAG 2 contrast ratio between two `#rrggbb` colours, 1.0–21.0.
pub fn contrast_ratio(a: &str, b: &str) -> f64 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// Of the candidate inks, the one that stands out most on `background`.
pub fn most_legible<'a>(background: &str, candidates: &[&'a str]) -> &'a str {
    candidates
        .iter()
        .copied()
        .max_by(|a, b| contrast_ratio(background, a).total_cmp(&contrast_ratio(background, b)))
        .unwrap_or("#000000")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn black_on_white_is_21() {
        assert!((contrast_ratio("#000000", "#ffffff") - 21.0).abs() < 0.01);
        assert!((contrast_ratio("#777777", "#777777") - 1.0).abs() < 0.01);
    }

    #[test]
    fn picks_light_ink_for_dark_shirts() {
        assert_eq!(most_legible("#1c1c1e", &["#111111", "#f7f7f7"]), "#f7f7f7");
        assert_eq!(most_legible("#f4f4f1", &["#111111", "#f7f7f7"]), "#111111");
    }
}
