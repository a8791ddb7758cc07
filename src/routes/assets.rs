//! `/static/…`: CSS, JavaScript, fonts and licences, read into memory once at
//! start-up — text compressed then too, brotli and gzip — and served with
//! the encoding the browser accepts and a strong ETag. Pages link them by
//! content-hashed addresses (`web::assets::url`): asked for with its current
//! version a file is cached for a year (`immutable`), otherwise for a day.
//! (Reading from disk on every request, as actix-files does, managed about
//! 2,000 requests a second here — see docs/BENCHMARKS.md.) Fonts go to
//! browsers as WOFF2 (`static/fonts/woff2/`), which is compressed already.

use crate::web::compressed::Precompressed;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, web};
use std::collections::HashMap;
use std::path::Path;

struct Asset {
    body: Precompressed,
    content_type: &'static str,
    /// `web::assets::version_of` its bytes.
    version: String,
}

/// Every file under the static directory, by its path below it ("css/app.css").
pub struct StaticFiles {
    files: HashMap<String, Asset>,
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "otf" => "font/otf",
        "ttf" => "font/ttf",
        "woff2" => "font/woff2",
        "lua" | "md" | "txt" | "sh" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

pub use crate::web::assets::{FONTS_CSS, STOREFRONT_FONTS_CSS};

impl StaticFiles {
    /// Every file below `dir`, and the files `generate` makes (name, text)
    /// given the address of each file read (for the font rules' `url()`s).
    pub fn load(
        dir: &Path,
        generate: impl FnOnce(&dyn Fn(&str) -> String) -> Vec<(&'static str, String)>,
    ) -> std::io::Result<Self> {
        let mut files = HashMap::new();
        let mut pending = vec![dir.to_owned()];
        while let Some(current) = pending.pop() {
            for entry in std::fs::read_dir(&current)? {
                let path = entry?.path();
                if path.is_dir() {
                    pending.push(path);
                    continue;
                }
                let Ok(relative) = path.strip_prefix(dir) else { continue };
                let key = relative.to_string_lossy().replace('\\', "/");
                let body = Bytes::from(std::fs::read(&path)?);
                let version = crate::web::assets::version_of(&body);
                let content_type = content_type(&key);
                let body =
                    if compressible(content_type) { Precompressed::new(body) } else { Precompressed::plain(body) };
                files.insert(key, Asset { content_type, body, version });
            }
        }
        let url_of = |path: &str| match files.get(path) {
            Some(asset) => format!("/static/{path}?v={}", asset.version),
            None => format!("/static/{path}"),
        };
        for (key, text) in generate(&url_of) {
            let body = Bytes::from(text);
            let version = crate::web::assets::version_of(&body);
            let content_type = content_type(key);
            files.insert(key.to_owned(), Asset { content_type, body: Precompressed::new(body), version });
        }
        crate::web::assets::set_versions(files.iter().map(|(k, a)| (k.clone(), a.version.clone())).collect());
        Ok(Self { files })
    }
}

impl StaticFiles {
    /// The file `key` with `cache`.
    pub fn respond(
        &self,
        req: &HttpRequest,
        key: &str,
        cache: &'static str,
    ) -> Result<HttpResponse, crate::web::error::AppError> {
        let asset = self.files.get(key).ok_or(crate::web::error::AppError::NotFound)?;
        Ok(asset.body.respond(req, asset.content_type, cache))
    }
}

pub async fn serve(
    req: HttpRequest,
    files: web::Data<StaticFiles>,
    path: web::Path<String>,
) -> Result<HttpResponse, crate::web::error::AppError> {
    let asset = files.files.get(path.as_str()).ok_or(crate::web::error::AppError::NotFound)?;
    let asked = req.query_string().split('&').find_map(|pair| pair.strip_prefix("v="));
    let cache = if asked == Some(asset.version.as_str()) {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=86400"
    };
    Ok(asset.body.respond(&req, asset.content_type, cache))
}

/// Text worth compressing (images and WOFF2 fonts are compressed already;
/// the OTF/TTF originals are for drawing on the server, not for browsers).
fn compressible(content_type: &str) -> bool {
    content_type.starts_with("text/") || content_type == "image/svg+xml"
}
