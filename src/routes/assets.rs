//! `/static/…`: CSS, JavaScript, fonts and licences, read into memory once at
//! start-up and served with a strong ETag and a day of caching. (Reading from
//! disk on every request, as actix-files does, managed about 2,000 requests a
//! second here — see docs/BENCHMARKS.md.)

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, web};
use std::collections::HashMap;
use std::path::Path;

struct Asset {
    body: Bytes,
    content_type: &'static str,
    etag: String,
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

impl StaticFiles {
    pub fn load(dir: &Path) -> std::io::Result<Self> {
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
                let body = std::fs::read(&path)?;
                let hash = crate::design::stable_hash(&body);
                files.insert(
                    key.clone(),
                    Asset { content_type: content_type(&key), etag: format!("\"{hash:016x}\""), body: body.into() },
                );
            }
        }
        Ok(Self { files })
    }
}

pub async fn serve(
    req: HttpRequest,
    files: web::Data<StaticFiles>,
    path: web::Path<String>,
) -> Result<HttpResponse, crate::error::AppError> {
    let asset = files.files.get(path.as_str()).ok_or(crate::error::AppError::NotFound)?;
    let fresh = req.headers().get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()).is_some_and(|v| v == asset.etag);
    let mut response = if fresh { HttpResponse::NotModified() } else { HttpResponse::Ok() };
    response
        .insert_header((header::ETAG, asset.etag.clone()))
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400"));
    if fresh {
        return Ok(response.finish());
    }
    Ok(response.content_type(asset.content_type).body(asset.body.clone()))
}
