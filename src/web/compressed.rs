//! A body kept ready in each encoding a browser may ask for: compressed once
//! (gzip by [`flate2`], brotli by [`brotli`], the same crates actix uses),
//! then served by copying bytes, with a strong `ETag` per encoding and `304`
//! for a browser or proxy that has it already.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderMap, HeaderValue};
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

/// One encoding of a body, with its strong `ETag` ready to send.
#[derive(Debug)]
struct Variant {
    encoding: Encoding,
    body: Bytes,
    etag: HeaderValue,
}

/// One body in every encoding worth having.
#[derive(Debug)]
pub struct Precompressed {
    identity: Variant,
    gzip: Option<Variant>,
    br: Option<Variant>,
}

impl Precompressed {
    /// Compresses `body` (kept only where it comes out smaller).
    pub fn new(body: Bytes) -> Self {
        let (gzip, br) = (gzip(&body), brotli(&body));
        Self::with(body, gzip, br)
    }

    /// Bytes sent to a browser that takes brotli (`None`: sent uncompressed).
    pub fn brotli_len(&self) -> Option<usize> {
        self.br.as_ref().map(|v| v.body.len())
    }

    /// `body` as it is (already compressed: images, WOFF2 fonts).
    pub fn plain(body: Bytes) -> Self {
        Self::with(body, None, None)
    }

    /// A copy of its own: every body and tag in new memory (see
    /// `shop::StorefrontCache::with_page`).
    pub fn copied(&self) -> Self {
        let copy = |v: &Variant| Variant {
            encoding: v.encoding,
            body: Bytes::copy_from_slice(&v.body),
            etag: HeaderValue::from_bytes(v.etag.as_bytes()).unwrap_or(HeaderValue::from_static("\"\"")),
        };
        Self { identity: copy(&self.identity), gzip: self.gzip.as_ref().map(copy), br: self.br.as_ref().map(copy) }
    }

    /// The ETags name the uncompressed bytes, with a suffix per encoding.
    fn with(body: Bytes, gzip: Option<Vec<u8>>, br: Option<Vec<u8>>) -> Self {
        let tag = format!("{:016x}", crate::design::stable_hash(&body));
        let variant = |encoding, body: Bytes, suffix: &str| Variant {
            encoding,
            body,
            // Quotes around hex digits: always a valid header value.
            etag: HeaderValue::from_str(&format!("\"{tag}{suffix}\"")).unwrap_or(HeaderValue::from_static("\"\"")),
        };
        let smaller = |packed: Option<Vec<u8>>| packed.filter(|p| p.len() < body.len()).map(Bytes::from);
        Self {
            gzip: smaller(gzip).map(|b| variant(Encoding::Gzip, b, "-gz")),
            br: smaller(br).map(|b| variant(Encoding::Brotli, b, "-br")),
            identity: variant(Encoding::Identity, body, ""),
        }
    }

    /// The variant for `encoding`: brotli falls back to gzip, either to
    /// identity when that encoding is not kept.
    fn get(&self, encoding: Encoding) -> &Variant {
        match encoding {
            Encoding::Brotli => self.br.as_ref().or(self.gzip.as_ref()).unwrap_or(&self.identity),
            Encoding::Gzip => self.gzip.as_ref().unwrap_or(&self.identity),
            Encoding::Identity => &self.identity,
        }
    }

    /// `200` with the best encoding the request accepts, or `304` when its
    /// `If-None-Match` names what it would get.
    pub fn respond(&self, req: &HttpRequest, content_type: &'static str, cache_control: &'static str) -> HttpResponse {
        let mut res = HttpResponse::new(StatusCode::OK);
        let (status, body) = self.answer(req.headers(), content_type, cache_control, res.headers_mut());
        *res.status_mut() = status;
        match body {
            Some(body) => res.set_body(body).map_into_boxed_body(),
            None => res.map_into_boxed_body(),
        }
    }

    /// What [`Self::respond`] answers a request with `request` headers: the
    /// status, its headers (added to `headers`) and the body (none for a
    /// `304`). The server's shelf answers kept pages with it too.
    ///
    /// The header values are static or kept (nothing copied per request):
    /// a storefront view should cost little more than its bytes.
    pub fn answer(
        &self,
        request: &HeaderMap,
        content_type: &'static str,
        cache_control: &'static str,
        headers: &mut HeaderMap,
    ) -> (StatusCode, Option<Bytes>) {
        let variant = self.get(accepted_in(request));
        let unchanged = names_etag(request, variant.etag.as_bytes());
        headers.insert(header::ETAG, variant.etag.clone());
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache_control));
        headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
        let coding = match variant.encoding {
            Encoding::Brotli => Some("br"),
            Encoding::Gzip => Some("gzip"),
            Encoding::Identity => None,
        };
        if let Some(coding) = coding {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
        }
        if unchanged {
            return (StatusCode::NOT_MODIFIED, None);
        }
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        (StatusCode::OK, Some(variant.body.clone()))
    }
}

/// Whether the request's `If-None-Match` names `etag` (or `*`).
pub fn if_none_match(req: &HttpRequest, etag: &[u8]) -> bool {
    names_etag(req.headers(), etag)
}

/// Whether `If-None-Match` among `request` headers names `etag` (or `*`).
fn names_etag(request: &HeaderMap, etag: &[u8]) -> bool {
    request
        .get_all(header::IF_NONE_MATCH)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t.as_bytes() == etag || t == "*")
}

/// The best encoding `Accept-Encoding` among `request` headers allows:
/// brotli, then gzip, else none.
pub fn accepted_in(request: &HeaderMap) -> Encoding {
    let Some(accept) = request.get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()) else {
        return Encoding::Identity;
    };
    // One pass over the codings (this runs on every storefront view).
    let mut gzip = false;
    for part in accept.split(',') {
        let (coding, params) = part.split_once(';').unwrap_or((part, ""));
        let refused = !params.is_empty()
            && params
                .split(';')
                .any(|p| p.trim().strip_prefix("q=").is_some_and(|q| q.trim().parse::<f32>().is_ok_and(|q| q <= 0.0)));
        let coding = coding.trim();
        if refused {
            continue;
        } else if coding.eq_ignore_ascii_case("br") {
            return Encoding::Brotli;
        } else if coding.eq_ignore_ascii_case("gzip") || coding.eq_ignore_ascii_case("x-gzip") {
            gzip = true;
        }
    }
    if gzip { Encoding::Gzip } else { Encoding::Identity }
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
        accepted_in(TestRequest::get().insert_header((header::ACCEPT_ENCODING, accept)).to_http_request().headers())
    }

    #[test]
    fn negotiates_brotli_then_gzip_and_honours_q_zero() {
        assert_eq!(encoding("gzip, deflate, br, zstd"), Encoding::Brotli);
        assert_eq!(encoding("gzip"), Encoding::Gzip);
        assert_eq!(encoding("br;q=0, gzip;q=0.5"), Encoding::Gzip);
        assert_eq!(encoding("identity"), Encoding::Identity);
        assert_eq!(encoding("BR ; q=1, gzip"), Encoding::Brotli);
        assert_eq!(encoding("gzip;q=0, br;q=0"), Encoding::Identity);
        assert_eq!(encoding("br;q=0, br"), Encoding::Brotli, "any part allowing it");
        assert_eq!(encoding("gzip;level=1;q=0.0, deflate"), Encoding::Identity);
        assert_eq!(encoding("x-gzip, brotli"), Encoding::Gzip, "x-gzip is gzip (RFC 9110, 8.4.1.3)");
        assert_eq!(encoding("compress, deflate"), Encoding::Identity);
        assert_eq!(accepted_in(TestRequest::get().to_http_request().headers()), Encoding::Identity);
    }

    #[test]
    fn each_encoding_round_trips_with_its_own_etag() {
        let body = Bytes::from("<p>Sei ein Freitagabend-Loser mit mir</p>".repeat(50));
        let packed = Precompressed::new(body.clone());
        let (br, br_tag) = (&packed.get(Encoding::Brotli).body, &packed.get(Encoding::Brotli).etag);
        let (gz, gz_tag) = (&packed.get(Encoding::Gzip).body, &packed.get(Encoding::Gzip).etag);
        let (plain, tag) = (&packed.get(Encoding::Identity).body, &packed.get(Encoding::Identity).etag);
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
