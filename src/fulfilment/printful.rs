//! Printful's API v2, the part popshop uses (issue 16, part 3): create an
//! order from the catalog (`POST /v2/orders`), read it back by popshop's id
//! (`GET /v2/orders/@{external_id}`), confirm it
//! (`POST /v2/orders/{id}/confirmation`) and read its shipments. The shapes
//! follow Printful's published OpenAPI spec; the subset used, and where it
//! came from, is in `tests/fixtures/printful_openapi_subset.json` and
//! `fixtures/printful/README.md`, and the tests' stand-in checks every
//! request against it.
//!
//! Webhook events (`/webhooks/printful`) are signed as Printful documents
//! for v2: `x-pf-webhook-signature` is the hex HMAC-SHA-256 of the raw body,
//! keyed with the hex-decoded `secret_key` of the webhook configuration.

use crate::config::PrintfulSettings;
use crate::domain::{ShirtColour, Size};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::Request;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;
use std::time::Duration;

type Https = hyper_rustls::HttpsConnector<HttpConnector>;

/// Printful's client: one connection pool, the token and the store.
#[derive(Clone)]
pub struct Printful {
    http: Client<Https, Full<Bytes>>,
    base: String,
    token: secrecy::SecretString,
    store_id: Option<String>,
    timeout: Duration,
    /// Printful's leaky bucket, kept on popshop's side (`PRINTFUL_RATE`):
    /// a request waits for its turn rather than earning a 429.
    pace: Option<std::sync::Arc<governor::DefaultDirectRateLimiter>>,
}

/// Why a call did not go through.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallError {
    /// Printful said no to this order (a 4xx other than 408, 409 and 429):
    /// trying again would give the same answer.
    #[error("Printful refused: {0}")]
    Refused(String),
    /// Too many requests: wait this long (Printful's `retry-after`).
    #[error("Printful asked popshop to slow down")]
    Busy(Duration),
    /// No answer, or a failure on Printful's side: try again later.
    #[error("Printful could not be reached: {0}")]
    Unreachable(String),
}

/// An order at Printful, as popshop reads it.
#[derive(Debug, Clone, Deserialize)]
pub struct PfOrder {
    pub id: i64,
    #[serde(default)]
    pub external_id: Option<String>,
    /// draft, failed, inreview, pending, canceled, onhold, inprocess, partial, fulfilled.
    pub status: String,
    pub costs: PfCosts,
}

/// What Printful charges for an order (decimal strings).
#[derive(Debug, Clone, Deserialize)]
pub struct PfCosts {
    /// done, calculating or failed.
    pub calculation_status: String,
    #[serde(default)]
    pub currency: Option<String>,
    #[serde(default)]
    pub total: Option<String>,
}

impl PfCosts {
    /// The total in minor units and its currency code, once calculated.
    pub fn total_minor(&self) -> Option<(i64, String)> {
        let currency = self.currency.as_deref()?.to_ascii_lowercase();
        Some((decimal_to_minor(self.total.as_deref()?)?, currency))
    }
}

/// `"12.5"` → 1250; `None` for anything but a plain non-negative decimal
/// with at most two places.
pub fn decimal_to_minor(text: &str) -> Option<i64> {
    let (whole, fraction) = text.trim().split_once('.').unwrap_or((text.trim(), ""));
    if whole.is_empty() || fraction.len() > 2 || !(whole.bytes().chain(fraction.bytes()).all(|b| b.is_ascii_digit())) {
        return None;
    }
    let cents: i64 = format!("{fraction:0<2}").parse().ok()?;
    whole.parse::<i64>().ok()?.checked_mul(100)?.checked_add(cents)
}

/// A shipment of an order, as `GET /v2/orders/{id}/shipments` lists it.
#[derive(Debug, Clone, Deserialize)]
pub struct PfShipment {
    pub id: i64,
    #[serde(default)]
    pub carrier: Option<String>,
    #[serde(default)]
    pub tracking_number: Option<String>,
    #[serde(default)]
    pub tracking_url: String,
}

/// The order popshop places: who gets it and what is printed.
#[derive(Debug, Clone, Serialize)]
pub struct NewPfOrder {
    /// popshop's order id: a retry finds the order instead of placing another.
    pub external_id: String,
    pub shipping: &'static str,
    pub recipient: Recipient,
    pub order_items: Vec<OrderItem>,
}

/// Printful's `Address`, only the fields popshop knows (none is required).
#[derive(Debug, Clone, Serialize, Default)]
pub struct Recipient {
    pub name: String,
    pub address1: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub address2: String,
    pub city: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub state_code: String,
    pub country_code: String,
    pub zip: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub email: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct OrderItem {
    pub source: &'static str,
    pub catalog_variant_id: i64,
    pub quantity: i64,
    pub external_id: String,
    pub placements: Vec<Placement>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Placement {
    pub placement: &'static str,
    pub technique: &'static str,
    pub layers: Vec<Layer>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Layer {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub url: String,
}

impl OrderItem {
    /// `quantity` shirts of `variant`, the print file at `url` on the front
    /// (direct to garment, as Printful prints this blank).
    pub fn front_print(variant: i64, quantity: i64, external_id: String, url: String) -> Self {
        Self {
            source: "catalog",
            catalog_variant_id: variant,
            quantity,
            external_id,
            placements: vec![Placement {
                placement: "front",
                technique: "dtg",
                layers: vec![Layer { kind: "file", url }],
            }],
        }
    }
}

#[derive(Deserialize)]
struct Data<T> {
    data: T,
}

impl Printful {
    pub fn new(settings: &PrintfulSettings) -> anyhow::Result<Self> {
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_native_roots()
            .map_err(|e| anyhow::anyhow!("no root certificates for Printful's TLS: {e}"))?
            .https_or_http()
            .enable_http1()
            .build();
        Ok(Self {
            http: Client::builder(TokioExecutor::new()).pool_idle_timeout(Duration::from_secs(60)).build(https),
            base: settings.api_base.clone(),
            token: settings.token.clone(),
            store_id: settings.store_id.clone(),
            timeout: settings.timeout,
            pace: std::num::NonZeroU32::new(settings.rate_per_minute)
                .map(|n| std::sync::Arc::new(governor::RateLimiter::direct(governor::Quota::per_minute(n)))),
        })
    }

    /// The order placed for popshop's order `external_id`, if any.
    pub async fn order_by_external_id(&self, external_id: &str) -> Result<Option<PfOrder>, CallError> {
        match self.call("GET", &format!("/v2/orders/@{external_id}"), None).await {
            Ok(body) => Ok(Some(parse::<Data<PfOrder>>(&body)?.data)),
            Err(Call::NotFound) => Ok(None),
            Err(Call::Error(e)) => Err(e),
        }
    }

    /// Places `order` as a draft.
    pub async fn create_order(&self, order: &NewPfOrder) -> Result<PfOrder, CallError> {
        let body = serde_json::to_vec(order).map_err(|e| CallError::Refused(e.to_string()))?;
        let answer = self.call("POST", "/v2/orders", Some(body)).await.map_err(Call::into_error)?;
        Ok(parse::<Data<PfOrder>>(&answer)?.data)
    }

    /// Confirms a draft: Printful charges for it and starts making it.
    pub async fn confirm(&self, id: i64) -> Result<PfOrder, CallError> {
        let answer =
            self.call("POST", &format!("/v2/orders/{id}/confirmation"), None).await.map_err(Call::into_error)?;
        Ok(parse::<Data<PfOrder>>(&answer)?.data)
    }

    /// The order's shipments (the carrier is only here, not in the event).
    pub async fn shipments(&self, id: i64) -> Result<Vec<PfShipment>, CallError> {
        let answer =
            self.call("GET", &format!("/v2/orders/{id}/shipments?limit=100"), None).await.map_err(Call::into_error)?;
        Ok(parse::<Data<Vec<PfShipment>>>(&answer)?.data)
    }

    async fn call(&self, method: &str, path: &str, body: Option<Vec<u8>>) -> Result<Bytes, Call> {
        if let Some(pace) = &self.pace {
            pace.until_ready().await;
        }
        let mut request = Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base))
            .header("authorization", format!("Bearer {}", self.token.expose_secret()))
            .header("accept", "application/json")
            .header("user-agent", "popshop");
        if let Some(store) = &self.store_id {
            request = request.header("x-pf-store-id", store);
        }
        if body.is_some() {
            request = request.header("content-type", "application/json");
        }
        let request = request
            .body(Full::new(Bytes::from(body.unwrap_or_default())))
            .map_err(|e| Call::Error(CallError::Refused(e.to_string())))?;
        let answer = async {
            let response = self.http.request(request).await.map_err(|e| CallError::Unreachable(e.to_string()))?;
            let status = response.status().as_u16();
            let retry_after = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok());
            let body = response.into_body().collect().await.map_err(|e| CallError::Unreachable(e.to_string()))?;
            Ok::<_, CallError>((status, retry_after, body.to_bytes()))
        };
        let (status, retry_after, body) = tokio::time::timeout(self.timeout, answer)
            .await
            .map_err(|_| Call::Error(CallError::Unreachable(format!("no answer within {:?}", self.timeout))))?
            .map_err(Call::Error)?;
        match status {
            200..=299 => Ok(body),
            404 => Err(Call::NotFound),
            429 => Err(Call::Error(CallError::Busy(Duration::from_secs(retry_after.unwrap_or(60).clamp(1, 600))))),
            408 | 409 | 500..=599 => {
                Err(Call::Error(CallError::Unreachable(format!("{status}: {}", message_of(&body)))))
            }
            _ => Err(Call::Error(CallError::Refused(message_of(&body)))),
        }
    }
}

enum Call {
    NotFound,
    Error(CallError),
}

impl Call {
    fn into_error(self) -> CallError {
        match self {
            Self::NotFound => CallError::Refused("not found".into()),
            Self::Error(e) => e,
        }
    }
}

fn parse<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, CallError> {
    serde_json::from_slice(body).map_err(|e| CallError::Unreachable(format!("an answer popshop cannot read: {e}")))
}

/// What an error answer says: RFC 9457 (`detail`, `title`) or the v1-style
/// envelope some operations still use (`error.message`, `result`).
fn message_of(body: &[u8]) -> String {
    let value: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
    let text = [&value["detail"], &value["error"]["message"], &value["result"], &value["title"]]
        .into_iter()
        .find_map(|v| v.as_str().filter(|s| !s.trim().is_empty()))
        .map(str::to_owned)
        .unwrap_or_else(|| String::from_utf8_lossy(&body[..body.len().min(200)]).into_owned());
    text.chars().take(300).collect()
}

/// The blank Printful prints popshop's shirts on: Bella+Canvas 3001
/// (catalog product 71), one catalog variant per colour × size. The ids are
/// in `fixtures/printful/bc3001_variants.json` (where they come from is in
/// its README); a colour or size without one is refused at launch.
pub struct Catalog {
    variants: HashMap<(&'static str, Size), i64>,
}

#[derive(Deserialize)]
struct CatalogFile {
    variants: HashMap<String, CatalogVariant>,
}

#[derive(Deserialize)]
struct CatalogVariant {
    id: i64,
}

impl Catalog {
    /// The bundled catalog.
    pub fn bundled() -> &'static Self {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG.get_or_init(|| {
            let file: CatalogFile = serde_json::from_str(include_str!("../../fixtures/printful/bc3001_variants.json"))
                .unwrap_or_else(|e| {
                    tracing::error!(error = %e, "the bundled Printful catalog is unreadable");
                    CatalogFile { variants: HashMap::new() }
                });
            let mut variants = HashMap::new();
            for (key, variant) in file.variants {
                let Some((colour, size)) = key.split_once('/') else { continue };
                let colour = ShirtColour::PALETTE.into_iter().find(|c| c.name.eq_ignore_ascii_case(colour));
                if let (Some(colour), Some(size)) = (colour, Size::parse(size)) {
                    variants.insert((colour.key, size), variant.id);
                }
            }
            Catalog { variants }
        })
    }

    /// Printful's catalog variant for a shirt.
    pub fn variant(&self, colour: ShirtColour, size: Size) -> Option<i64> {
        self.variants.get(&(colour.key, size)).copied()
    }

    /// The colours it has in at least one size, and the sizes in at least one colour.
    pub fn offers(&self) -> (Vec<ShirtColour>, Vec<Size>) {
        let colours =
            ShirtColour::PALETTE.into_iter().filter(|c| Size::ALL.iter().any(|s| self.variant(*c, *s).is_some()));
        let sizes =
            Size::ALL.into_iter().filter(|s| ShirtColour::PALETTE.iter().any(|c| self.variant(*c, *s).is_some()));
        (colours.collect(), sizes.collect())
    }

    /// The chosen colours and sizes Printful lacks (every pair must exist).
    pub fn lacks(&self, colours: &[ShirtColour], sizes: &[Size]) -> (Vec<ShirtColour>, Vec<Size>) {
        let colours_lacking = colours.iter().filter(|c| sizes.iter().any(|s| self.variant(**c, *s).is_none()));
        let sizes_lacking = sizes.iter().filter(|s| colours.iter().any(|c| self.variant(*c, **s).is_none()));
        (colours_lacking.copied().collect(), sizes_lacking.copied().collect())
    }
}

/// A webhook event, as far as popshop reads it.
#[derive(Debug, Clone, Deserialize)]
pub struct Event {
    #[serde(rename = "type")]
    pub kind: String,
    pub occurred_at: String,
    pub data: EventData,
}

#[derive(Debug, Clone, Deserialize)]
pub struct EventData {
    pub order: EventOrder,
    #[serde(default)]
    pub shipment: Option<EventShipment>,
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct EventOrder {
    pub id: i64,
    #[serde(default)]
    pub external_id: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct EventShipment {
    pub id: i64,
    #[serde(default)]
    pub tracking_number: Option<String>,
    #[serde(default)]
    pub tracking_url: Option<String>,
}

/// Whether `signature` (the `x-pf-webhook-signature` header) signs `body`
/// with the webhook's `secret_hex`: HMAC-SHA-256, hex, any case, compared
/// in constant time.
pub fn signed(secret_hex: &str, body: &[u8], signature: &str) -> bool {
    use hmac::Mac;
    let (Ok(key), Ok(given)) = (hex::decode(secret_hex.trim()), hex::decode(signature.trim())) else {
        return false;
    };
    let Ok(mut mac) = hmac::Hmac::<sha2::Sha256>::new_from_slice(&key) else { return false };
    mac.update(body);
    mac.verify_slice(&given).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_become_minor_units() {
        assert_eq!(decimal_to_minor("12.5"), Some(1250));
        assert_eq!(decimal_to_minor("12.05"), Some(1205));
        assert_eq!(decimal_to_minor("7"), Some(700));
        assert_eq!(decimal_to_minor("-1.00"), None);
        assert_eq!(decimal_to_minor("1.005"), None);
        assert_eq!(decimal_to_minor("1e3"), None);
        assert_eq!(decimal_to_minor(""), None);
    }

    #[test]
    fn the_bundled_catalog_has_black_white_and_navy_from_s_to_3xl() {
        let catalog = Catalog::bundled();
        let black = ShirtColour::parse("black").unwrap();
        assert_eq!(catalog.variant(black, Size::M), Some(4017));
        let (colours, sizes) = catalog.offers();
        assert_eq!(colours.iter().map(|c| c.key).collect::<Vec<_>>(), ["white", "black", "navy"]);
        assert_eq!(sizes, [Size::S, Size::M, Size::L, Size::Xl, Size::Xxl, Size::Xxxl]);
        let heather = ShirtColour::parse("heather").unwrap();
        assert_eq!(
            catalog.lacks(&[black, heather], &[Size::Xs, Size::M]),
            (vec![black, heather], vec![Size::Xs, Size::M])
        );
        assert_eq!(catalog.lacks(&[black], &[Size::M]), (vec![], vec![]));
    }

    #[test]
    fn a_signature_is_the_hex_hmac_of_the_raw_body_under_the_decoded_key() {
        use hmac::Mac;
        let secret = "00ff10aa";
        let body = br#"{"type":"shipment_sent"}"#;
        let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(&[0x00, 0xff, 0x10, 0xaa]).unwrap();
        mac.update(body);
        let good = hex::encode(mac.finalize().into_bytes());
        assert!(signed(secret, body, &good));
        assert!(signed(secret, body, &good.to_uppercase()));
        assert!(!signed(secret, br#"{"type":"shipment_sent" }"#, &good));
        assert!(!signed("00ff10ab", body, &good));
        assert!(!signed(secret, body, "zz"));
    }
}
