//! `POST /webhooks/stripe`: payment events, verified by signature and applied
//! once each. The demo checkout hands its signed events to [`receive`] too, so
//! both providers share this path.

use crate::domain::OrderStatus;
use crate::error::AppError;
use crate::payments::webhook::{self, WebhookRejection};
use crate::state::AppState;
use crate::store::{EventOutcome, OrderRef, PaymentEvent, PaymentEventKind};
use actix_web::{HttpRequest, HttpResponse, web};
use secrecy::ExposeSecret;

/// Largest event we read (checkout session events are a few KiB).
pub const MAX_EVENT_BYTES: usize = 512 * 1024;

pub async fn stripe_webhook(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let signature = req.headers().get("stripe-signature").and_then(|v| v.to_str().ok());
    match receive(&state, &body, signature).await {
        Ok(()) => Ok(HttpResponse::Ok().content_type("text/plain").body("ok")),
        Err(ReceiveError::Rejected(why)) => {
            tracing::warn!(reason = %why, "webhook refused");
            Ok(HttpResponse::BadRequest().content_type("text/plain").body(format!("refused: {why}")))
        }
        // A 500 makes Stripe deliver the event again later.
        Err(ReceiveError::Internal(e)) => Err(AppError::Internal(e)),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ReceiveError {
    #[error(transparent)]
    Rejected(#[from] WebhookRejection),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// Verifies, applies and follows up one event.
#[tracing::instrument(skip_all)]
pub async fn receive(state: &AppState, body: &[u8], signature: Option<&str>) -> Result<(), ReceiveError> {
    let secret = state.payments.webhook_secret().expose_secret().to_owned();
    let Some(event) = webhook::parse(body, signature, &secret)? else { return Ok(()) };
    let outcome = state.store.apply_payment_event(&event).await?;
    tracing::info!(event = %event.id, kind = ?event.kind, outcome = ?outcome, "payment event");
    after(state, outcome).await;
    Ok(())
}

/// Follow-ups of a state change: fresh storefront numbers, and a refund when a
/// payment arrived for stock that was no longer there.
pub async fn after(state: &AppState, outcome: EventOutcome) {
    let EventOutcome::Changed { drop_id, order_id, status } = outcome else { return };
    crate::live::drop_changed(state, &drop_id).await;
    if status == OrderStatus::RefundDue
        && let Err(e) = refund_order(state, &order_id).await
    {
        tracing::error!(order = %order_id, error = %e, "refund of an over-stock payment failed; it stays refund_due");
    }
}

/// Refunds a paid (or refund-due) order at the provider, then records it.
pub async fn refund_order(state: &AppState, order_id: &str) -> anyhow::Result<EventOutcome> {
    let order = state.store.order_by_id(order_id).await?.ok_or_else(|| anyhow::anyhow!("no order {order_id}"))?;
    state.payments.refund(&order).await?;
    let event = PaymentEvent {
        id: format!("popshop-refund-{order_id}"),
        event_type: "popshop.refund".into(),
        kind: PaymentEventKind::Refunded { fully: true },
        order: OrderRef::Order(order_id.to_owned()),
        buyer: Default::default(),
    };
    let outcome = state.store.apply_payment_event(&event).await?;
    if let EventOutcome::Changed { drop_id, .. } = &outcome {
        crate::live::drop_changed(state, drop_id).await;
    }
    Ok(outcome)
}
