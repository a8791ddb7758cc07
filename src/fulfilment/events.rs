//! Printful's webhook events (`POST /webhooks/printful`, issue 16, part 3),
//! checked as Printful documents v2 event signing, then applied once:
//!
//! - `shipment_sent`: the order ships, with the carrier read from the
//!   order's shipments (the event carries none), and the fan is mailed;
//! - `shipment_delivered`: delivered;
//! - `order_failed`, `order_canceled`: the printer refused, with Printful's
//!   reason for the artist.
//!
//! An event is taken once: its body's SHA-256 is stored in the transaction
//! that applies it, so a replay changes nothing. An event older than
//! [`OLDEST_EVENT_DAYS`] is refused (Printful's own retries end within a day).

use super::printful::{CallError, Event, Printful, signed};
use crate::domain::{Carrier, TrackingNumber};
use crate::store::{PrinterEffect, PrinterOutcome, Shipment, Store};
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};

/// How old an event may be.
pub const OLDEST_EVENT_DAYS: i64 = 3;

/// What taking events uses.
pub struct PrinterEvents<'a> {
    pub store: &'a Store,
    pub printful: &'a Printful,
    pub secret: &'a SecretString,
}

/// Why an event was not taken.
#[derive(Debug, thiserror::Error)]
pub enum EventError {
    /// No signature, or not Printful's: tampered with or made up.
    #[error("the signature does not match")]
    Unsigned,
    #[error("the event cannot be read: {0}")]
    Unreadable(String),
    #[error("the event is too old")]
    Stale,
    /// Printful could not tell popshop the shipment's carrier: Printful
    /// sends the event again later.
    #[error("Printful could not be asked about the shipment: {0}")]
    Printful(CallError),
    #[error(transparent)]
    Store(#[from] anyhow::Error),
}

impl PrinterEvents<'_> {
    /// Checks and applies one event, `body` as it arrived, counted in
    /// `popshop_webhook_events_total` by its type and result.
    pub async fn take(&self, body: &[u8], signature: Option<&str>) -> Result<PrinterOutcome, EventError> {
        let mut kind = None;
        let outcome = self.check_and_apply(body, signature, &mut kind).await;
        let result = match &outcome {
            Ok(PrinterOutcome::Applied) => "changed",
            Ok(PrinterOutcome::Replayed) => "duplicate",
            Ok(PrinterOutcome::Ignored) => "unchanged",
            Err(EventError::Unsigned | EventError::Unreadable(_) | EventError::Stale) => "rejected",
            Err(_) => "error",
        };
        // Only the types popshop acts on name themselves (the label stays bounded).
        let kind: &'static str = match kind.as_deref() {
            Some("shipment_sent") => "shipment_sent",
            Some("shipment_delivered") => "shipment_delivered",
            Some("order_failed") => "order_failed",
            Some("order_canceled") => "order_canceled",
            Some(_) => "other",
            None => "rejected",
        };
        metrics::counter!("popshop_webhook_events_total", "provider" => "printful", "type" => kind, "result" => result)
            .increment(1);
        outcome
    }

    async fn check_and_apply(
        &self,
        body: &[u8],
        signature: Option<&str>,
        kind: &mut Option<String>,
    ) -> Result<PrinterOutcome, EventError> {
        if !signature.is_some_and(|s| signed(self.secret.expose_secret(), body, s)) {
            return Err(EventError::Unsigned);
        }
        let event: Event = serde_json::from_slice(body).map_err(|e| EventError::Unreadable(e.to_string()))?;
        *kind = Some(event.kind.clone());
        let occurred = chrono::DateTime::parse_from_rfc3339(&event.occurred_at)
            .map_err(|e| EventError::Unreadable(format!("occurred_at: {e}")))?;
        if occurred.timestamp_millis() < self.store.now_ms() - OLDEST_EVENT_DAYS * 24 * 3600 * 1000 {
            return Err(EventError::Stale);
        }
        let digest = hex::encode(Sha256::digest(body));
        if self.store.printer_event_seen(&digest).await? {
            return Ok(PrinterOutcome::Replayed);
        }
        let Some(order_id) = event.data.order.external_id.clone().filter(|id| !id.is_empty()) else {
            return Ok(PrinterOutcome::Ignored);
        };
        let reason = event.data.reason.clone().unwrap_or_default();
        let outcome = match event.kind.as_str() {
            "shipment_sent" => {
                let shipment = self.shipment(&event).await?;
                self.store.printer_event(&digest, &order_id, PrinterEffect::Shipped(&shipment)).await?
            }
            "shipment_delivered" => self.store.printer_event(&digest, &order_id, PrinterEffect::Delivered).await?,
            "order_failed" | "order_canceled" => {
                let why = if reason.trim().is_empty() { format!("Printful: {}", event.kind) } else { reason };
                self.store.printer_event(&digest, &order_id, PrinterEffect::Refused(&why)).await?
            }
            _ => PrinterOutcome::Ignored,
        };
        tracing::info!(kind = %event.kind, order = %order_id, ?outcome, "Printful event");
        Ok(outcome)
    }

    /// The shipment the event names, with its carrier from Printful.
    async fn shipment(&self, event: &Event) -> Result<Shipment, EventError> {
        let sent = event.data.shipment.as_ref().ok_or_else(|| EventError::Unreadable("no shipment".into()))?;
        let shipments = self.printful.shipments(event.data.order.id).await.map_err(EventError::Printful)?;
        let listed = shipments.into_iter().find(|s| s.id == sent.id);
        let carrier = listed
            .as_ref()
            .and_then(|s| s.carrier.as_deref())
            .and_then(Carrier::parse)
            .or_else(|| Carrier::parse("other"))
            .ok_or_else(|| EventError::Unreadable("no carrier".into()))?;
        let number = [listed.as_ref().and_then(|s| s.tracking_number.clone()), sent.tracking_number.clone()]
            .into_iter()
            .flatten()
            .find_map(|n| TrackingNumber::parse(&n))
            .ok_or_else(|| EventError::Unreadable("the shipment has no tracking number".into()))?;
        let url = [listed.map(|s| s.tracking_url), sent.tracking_url.clone()]
            .into_iter()
            .flatten()
            .map(|u| u.trim().to_owned())
            .find(|u| u.starts_with("https://") || u.starts_with("http://"));
        Ok(Shipment { carrier, number, url })
    }
}
