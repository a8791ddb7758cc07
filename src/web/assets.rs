//! Content-hashed addresses of static files: `/static/css/app.css?v=3f2a…`.
//! The version is the first 64 bits of the file's SHA-256, taken when the
//! files are loaded (`routes::assets`), the same on every instance serving
//! the same files; a file asked for with its current version may be cached
//! for a year (`immutable`), since a changed file gets a new address.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The `@font-face` rules of every page (`design::web_fonts`), made at
/// start-up and served among the static files.
pub const FONTS_CSS: &str = "fonts.css";
/// The same without the whole CJK and emoji fonts: storefronts get those
/// cut down to their own text.
pub const STOREFRONT_FONTS_CSS: &str = "fonts-storefront.css";

static VERSIONS: OnceLock<HashMap<String, String>> = OnceLock::new();

/// Records each file's version ("css/app.css" → "3f2a…"); the first call wins
/// (every app in a process serves the same files).
pub fn set_versions(versions: HashMap<String, String>) {
    let _ = VERSIONS.set(versions);
}

/// The version of `path` (below `/static/`), if the file is known.
pub fn version(path: &str) -> Option<&'static str> {
    VERSIONS.get()?.get(path).map(String::as_str)
}

/// The address of `path` (below `/static/`) with its version.
pub fn url(path: &str) -> String {
    match version(path) {
        Some(v) => format!("/static/{path}?v={v}"),
        None => format!("/static/{path}"),
    }
}

/// A version for `bytes`: 16 hex digits of their SHA-256.
pub fn version_of(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(&Sha256::digest(bytes)[..8])
}
