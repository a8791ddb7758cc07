//! A body kept ready in each encoding a browser may ask for: compressed once
//! (gzip by [`flate2`], brotli by [`brotli`], the same crates actix uses),
//! then served by copying bytes, with a strong `ETag` per encoding and `304`
//! for a browser or proxy that has it already.

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};
use std::io::Write;

/// Brotli quality 5 and gzip level 6: a few milliseconds for a page, within
/// a few per cent of the best sizes for small text.
const BROTLI_QUALITY: u32 = 5;
const BROTLI_WINDOW: u32 = 22;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Identity,
    Gzip,
    Brotli,
}

/// One body in every encoding worth having.
#[derive(Debug)]
pub struct Precompressed {
    /// Identifies the uncompressed bytes (an encoding adds its suffix).
    tag: String,
    identity: Bytes,
    gzip: Option<Bytes>,
    br: Option<Bytes>,
}

impl Precompressed {
    /// Compresses `body` (kept only where it comes out smaller).
    pub fn new(body: Bytes) -> Self {
        let tag = format!("{:016x}", crate::design::stable_hash(&body));
        let smaller = |packed: Option<Vec<u8>>| packed.filter(|p| p.len() < body.len()).map(Bytes::from);
        Self { gzip: smaller(gzip(&body)), br: smaller(brotli(&body)), identity: body, tag }
    }

    /// `body` as it is (already compressed: images, WOFF2 fonts).
    pub fn plain(body: Bytes) -> Self {
        Self { tag: format!("{:016x}", crate::design::stable_hash(&body)), identity: body, gzip: None, br: None }
    }

    /// The bytes and strong `ETag` for `encoding` (identity when that
    /// encoding is not kept).
    pub fn get(&self, encoding: Encoding) -> (Encoding, &Bytes, String) {
        match encoding {
            Encoding::Brotli if self.br.is_some() => {
                (Encoding::Brotli, self.br.as_ref().unwrap_or(&self.identity), format!("\"{}-br\"", self.tag))
            }
            Encoding::Gzip | Encoding::Brotli if self.gzip.is_some() => {
                (Encoding::Gzip, self.gzip.as_ref().unwrap_or(&self.identity), format!("\"{}-gz\"", self.tag))
            }
            _ => (Encoding::Identity, &self.identity, format!("\"{}\"", self.tag)),
        }
    }

    /// Bytes sent for `encoding` (for tests and benchmarks).
    pub fn len(&self, encoding: Encoding) -> usize {
        self.get(encoding).1.len()
    }

    pub fn is_empty(&self) -> bool {
        self.identity.is_empty()
    }

    /// `200` with the best encoding the request accepts, or `304` when its
    /// `If-None-Match` names what it would get.
    pub fn respond(&self, req: &HttpRequest, content_type: &str, cache_control: &str) -> HttpResponse {
        let (encoding, body, etag) = self.get(accepted(req));
        let unchanged = if_none_match(req, &etag);
        let mut res = if unchanged { HttpResponse::NotModified() } else { HttpResponse::Ok() };
        res.insert_header((header::ETAG, etag))
            .insert_header((header::CACHE_CONTROL, cache_control))
            .insert_header((header::VARY, "Accept-Encoding"));
        match encoding {
            Encoding::Brotli => res.insert_header((header::CONTENT_ENCODING, "br")),
            Encoding::Gzip => res.insert_header((header::CONTENT_ENCODING, "gzip")),
            Encoding::Identity => &mut res,
        };
        if unchanged {
            return res.finish();
        }
        // The body is already encoded: keep any compression middleware off it.
        res.content_type(content_type).body(body.clone())
    }
}

fn if_none_match(req: &HttpRequest, etag: &str) -> bool {
    req.headers()
        .get_all(header::IF_NONE_MATCH)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == etag || t == "*")
}

/// The best encoding `Accept-Encoding` allows: brotli, then gzip, else none.
pub fn accepted(req: &HttpRequest) -> Encoding {
    let Some(accept) = req.headers().get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()) else {
        return Encoding::Identity;
    };
    let allows = |name: &str| {
        accept.split(',').any(|part| {
            let mut pieces = part.split(';');
            let coding = pieces.next().unwrap_or("").trim();
            let refused = pieces.any(|p| {
                let p = p.trim();
                p.strip_prefix("q=").is_some_and(|q| q.trim().parse::<f32>().is_ok_and(|q| q <= 0.0))
            });
            coding.eq_ignore_ascii_case(name) && !refused
        })
    };
    if allows("br") {
        Encoding::Brotli
    } else if allows("gzip") {
        Encoding::Gzip
    } else {
        Encoding::Identity
    }
}

fn gzip(body: &[u8]) -> Option<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    encoder.write_all(body).ok()?;
    encoder.finish().ok()
}

fn brotli(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, BROTLI_QUALITY, BROTLI_WINDOW);
        writer.write_all(body).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    fn encoding(accept: &'static str) -> Encoding {
        accepted(&TestRequest::get().insert_header((header::ACCEPT_ENCODING, accept)).to_http_request())
    }

    #[test]
    fn negotiates_brotli_then_gzip_and_honours_q_zero() {
        assert_eq!(encoding("gzip, deflate, br, zstd"), Encoding::Brotli);
        assert_eq!(encoding("gzip"), Encoding::Gzip);
        assert_eq!(encoding("br;q=0, gzip;q=0.5"), Encoding::Gzip);
        assert_eq!(encoding("identity"), Encoding::Identity);
        assert_eq!(accepted(&TestRequest::get().to_http_request()), Encoding::Identity);
    }

    #[test]
    fn each_encoding_round_trips_with_its_own_etag() {
        let body = Bytes::from("<p>Sei ein Freitagabend-Loser mit mir</p>".repeat(50));
        let packed = Precompressed::new(body.clone());
        let (_, br, br_tag) = packed.get(Encoding::Brotli);
        let (_, gz, gz_tag) = packed.get(Encoding::Gzip);
        let (_, plain, tag) = packed.get(Encoding::Identity);
        assert_eq!(plain, &body);
        assert!(br.len() < body.len() / 10 && gz.len() < body.len() / 10);
        let mut unbrotli = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut unbrotli).unwrap();
        assert_eq!(unbrotli, body);
        let mut ungzip = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gz[..]), &mut ungzip).unwrap();
        assert_eq!(ungzip, body);
        assert!(tag != br_tag && tag != gz_tag && br_tag != gz_tag);
    }
}
