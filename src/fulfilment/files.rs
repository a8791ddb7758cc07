//! Print files a printer fetches by itself (Printful downloads the file from
//! the URL in the order): `/print-files/{drop}/{colour}/{expires}/{signature}.png`,
//! signed with the store's key (HMAC-SHA-256, so any instance can check
//! it), unguessable, and expiring.

/// How long a print file's address works: long enough for Printful to
/// fetch it again for a reprint of a damaged shirt.
pub const PRINT_URL_DAYS: i64 = 30;

/// Signs and checks print file addresses.
#[derive(Clone)]
pub struct PrintFiles {
    /// The server's public address (`Settings::base_url`).
    pub base_url: String,
    pub key: Vec<u8>,
}

impl PrintFiles {
    /// What a signature seals.
    fn message(drop_id: &str, colour: &str, expires_s: i64) -> String {
        format!("popshop-print:{drop_id}:{colour}:{expires_s}")
    }

    fn signature(&self, drop_id: &str, colour: &str, expires_s: i64) -> String {
        crate::seal::seal(&self.key, &Self::message(drop_id, colour, expires_s))
    }

    /// The address of `drop_id`'s print file for shirts of `colour`, valid
    /// for [`PRINT_URL_DAYS`] from `now_ms`.
    pub fn url(&self, drop_id: &str, colour: &str, now_ms: i64) -> String {
        let expires = now_ms / 1000 + PRINT_URL_DAYS * 24 * 3600;
        let signature = self.signature(drop_id, colour, expires);
        format!("{}/print-files/{drop_id}/{colour}/{expires}/{signature}.png", self.base_url)
    }

    /// Whether an address's parts were signed here and have not expired.
    pub fn valid(&self, drop_id: &str, colour: &str, expires_s: i64, signature: &str, now_ms: i64) -> bool {
        expires_s >= now_ms / 1000
            && crate::seal::is_sealed(&self.key, &Self::message(drop_id, colour, expires_s), signature)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_works_until_it_expires_and_only_as_signed() {
        let files = PrintFiles { base_url: "https://shop.example".into(), key: b"key".to_vec() };
        let url = files.url("d1", "black", 1_000_000);
        let parts: Vec<&str> = url.trim_end_matches(".png").rsplit('/').take(4).collect();
        let (signature, expires, colour, drop) = (parts[0], parts[1].parse().unwrap(), parts[2], parts[3]);
        assert_eq!((drop, colour), ("d1", "black"));
        assert!(files.valid(drop, colour, expires, signature, 1_000_000));
        assert!(!files.valid(drop, "white", expires, signature, 1_000_000));
        assert!(!files.valid("d2", colour, expires, signature, 1_000_000));
        assert!(!files.valid(drop, colour, expires + 1, signature, 1_000_000));
        assert!(!files.valid(drop, colour, expires, signature, (expires + 1) * 1000));
        let other = PrintFiles { key: b"other".to_vec(), ..files.clone() };
        assert!(!other.valid(drop, colour, expires, signature, 1_000_000));
        // The signature as popshop writes it (lower-case hex) and no other
        // spelling: every address popshop ever gave out is lower-case.
        assert!(signature.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')));
        if signature.bytes().any(|b| b.is_ascii_alphabetic()) {
            assert!(!files.valid(drop, colour, expires, &signature.to_uppercase(), 1_000_000));
        }
    }
}

/// The last few print files rendered, by drop and colour (a 300 DPI PNG
/// takes a second or more to draw; a drop's orders all want the same few).
#[derive(Default)]
pub struct PrintCache {
    kept: std::sync::Mutex<std::collections::VecDeque<((String, &'static str), bytes::Bytes)>>,
}

/// Print files kept.
const CACHED_FILES: usize = 8;

impl PrintCache {
    pub fn get(&self, key: &(String, &'static str)) -> Option<bytes::Bytes> {
        let kept = crate::sync::lock(&self.kept);
        kept.iter().find(|(k, _)| k == key).map(|(_, png)| png.clone())
    }

    pub fn put(&self, key: (String, &'static str), png: bytes::Bytes) {
        let mut kept = crate::sync::lock(&self.kept);
        kept.retain(|(k, _)| *k != key);
        if kept.len() >= CACHED_FILES {
            kept.pop_front();
        }
        kept.push_back((key, png));
    }
}

/// What serving and placing print work needs: signed print file addresses,
/// the files last drawn, and Printful's client when it is on.
pub struct Printing {
    pub files: PrintFiles,
    pub cache: PrintCache,
    pub printful: Option<super::printful::Printful>,
}
