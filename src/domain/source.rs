//! Where a fan came from (issue 11): every share link popshop makes carries
//! `?ref=`, and an artist may invent their own (`?ref=newsletter`).

/// The sources popshop's own links carry.
pub const X: &str = "x";
pub const BLUESKY: &str = "bluesky";
pub const FACEBOOK: &str = "facebook";
/// The phone's share sheet.
pub const SHARE_SHEET: &str = "share";
pub const QR: &str = "qr";
/// The copied link on the artist's page.
pub const LINK: &str = "link";
/// No `ref` at all.
pub const DIRECT: &str = "direct";

/// Where a fan came from, as popshop keeps it: a `ref` value in lower case,
/// letters, digits, `-` and `_`, at most 32 characters; anything else (or
/// nothing) is [`DIRECT`]. Free text from the URL never reaches the store
/// untyped.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Source(String);

impl Source {
    /// A fan who came by no share link.
    pub fn direct() -> Self {
        Self(DIRECT.to_owned())
    }

    /// A source as it was stored (empty is [`DIRECT`]).
    pub fn from_stored(stored: String) -> Self {
        if stored.is_empty() { Self::direct() } else { Self(stored) }
    }
}

super::id::text_type!(Source);

impl Default for Source {
    fn default() -> Self {
        Self::direct()
    }
}

/// A `ref` value as typed, tidied into a [`Source`].
pub fn normalize(input: &str) -> Source {
    let value = input.trim().to_ascii_lowercase();
    let ok = !value.is_empty()
        && value.len() <= 32
        && value.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if ok { Source(value) } else { Source::direct() }
}

/// The `ref` of a URL's query (`…/d/slug?ref=qr&x=1` → "qr"), normalized.
pub fn of_url(url: &str) -> Source {
    let query = url.split_once('?').map_or("", |(_, q)| q).split('#').next().unwrap_or("");
    form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == "ref")
        .map_or_else(Source::direct, |(_, v)| normalize(&v))
}

/// `url` with `?ref=source` added.
pub fn with_ref(url: &str, source: &str) -> String {
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}ref={source}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_kept_tidy() {
        assert_eq!(normalize("Newsletter"), "newsletter");
        assert_eq!(normalize(""), DIRECT);
        assert_eq!(normalize("<script>"), DIRECT);
        assert_eq!(normalize(&"a".repeat(40)), DIRECT);
        assert_eq!(of_url("https://x.test/d/s?ref=QR#buy"), "qr");
        assert_eq!(of_url("https://x.test/d/s?a=1&ref=mail-2"), "mail-2");
        assert_eq!(of_url("https://x.test/d/s"), DIRECT);
        assert_eq!(with_ref("https://x.test/d/s", QR), "https://x.test/d/s?ref=qr");
    }
}
