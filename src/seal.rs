//! Seals: popshop's own word that it made a value, so a form or an address
//! can carry it back and any instance can trust it (HMAC-SHA-256 with the
//! store's signing key, cut to 128 bits, as hex). Each use names its own
//! purpose, so a seal made for one never passes for another: a fan's form
//! token, a print file's address, a promo code already checked.

use hmac::Mac;

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

/// `message` names its purpose first ("popshop-print:…", "popshop-fan:…",
/// "popshop-promo:…"), and each caller keeps its parts apart with a
/// separator none of them holds.
fn mac(key: &[u8], message: &str) -> HmacSha256 {
    // HMAC takes a key of any length: this cannot fail.
    let mut mac = HmacSha256::new_from_slice(key).unwrap_or_else(|_| unreachable!("HMAC takes a key of any length"));
    mac.update(message.as_bytes());
    mac
}

/// The seal of `message`: 32 hex digits.
pub fn seal(key: &[u8], message: &str) -> String {
    hex::encode(&mac(key, message).finalize().into_bytes()[..16])
}

/// Whether `seal` is [`seal`]'s for `message` (compared in constant time).
/// Only the lower-case hex [`seal`] writes passes: a seal has one spelling,
/// so a value that carries it (a fan's token, whose hash is the fan's id)
/// cannot be respelled into another that passes too.
pub fn is_sealed(key: &[u8], message: &str, seal: &str) -> bool {
    seal.len() == 32
        && seal.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        && hex::decode(seal).is_ok_and(|given| mac(key, message).verify_truncated_left(&given).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seal_passes_only_for_its_own_key_and_message() {
        let key = b"the store's key";
        let s = seal(key, "popshop-promo:drop-1:FRIDAY");
        assert_eq!(s.len(), 32);
        assert!(is_sealed(key, "popshop-promo:drop-1:FRIDAY", &s));
        assert!(!is_sealed(b"another key", "popshop-promo:drop-1:FRIDAY", &s));
        assert!(!is_sealed(key, "popshop-print:drop-1:FRIDAY", &s));
        assert!(!is_sealed(key, "popshop-promo:drop-2:FRIDAY", &s));
        assert!(!is_sealed(key, "popshop-promo:drop-1:FRIDAY2", &s));
        let mut changed = s.clone().into_bytes();
        changed[0] = if changed[0] == b'0' { b'1' } else { b'0' };
        assert!(!is_sealed(key, "popshop-promo:drop-1:FRIDAY", &String::from_utf8(changed).unwrap()));
        assert!(s.bytes().any(|b| b.is_ascii_alphabetic()), "a seal with a letter to respell");
        assert!(!is_sealed(key, "popshop-promo:drop-1:FRIDAY", &s.to_uppercase()));
        for bad in ["", "zz", &"z".repeat(32), &"é".repeat(16)] {
            assert!(!is_sealed(key, "popshop-promo:drop-1:FRIDAY", bad), "{bad}");
        }
    }
}
