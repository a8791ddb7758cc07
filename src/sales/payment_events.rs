//! What the payment provider reports: verified, bound to the checkout popshop
//! created, applied once, then followed up (fresh totals; a refund when a
//! payment arrived for stock that was no longer there). The demo checkout
//! hands its signed events to [`receive`] too, so both providers share this
//! path.

use super::Sales;
use crate::domain::{EventSubject, Order, OrderStatus, PaymentEvent, PaymentEventKind};
use crate::payments::webhook::{self, WebhookRejection};
use crate::payments::{SessionNow, SessionStatus};
use crate::store::EventOutcome;
use secrecy::ExposeSecret;

#[derive(Debug, thiserror::Error)]
pub enum ReceiveError {
    /// Not a genuine event (or one popshop cannot read): nothing changed.
    #[error(transparent)]
    Rejected(#[from] WebhookRejection),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// Verifies, applies and follows up one signed event.
#[tracing::instrument(skip_all)]
pub async fn receive(sales: &Sales, body: &[u8], signature: Option<&str>) -> Result<EventOutcome, ReceiveError> {
    let secret = sales.payments.webhook_secret().expose_secret().to_owned();
    // Connected accounts' events come from their own endpoint, signed with its own secret.
    let parsed = match (webhook::parse(body, signature, &secret), sales.payments.connect_webhook_secret()) {
        (Err(WebhookRejection::BadSignature), Some(connect)) => {
            webhook::parse(body, signature, connect.expose_secret())
        }
        (parsed, _) => parsed,
    };
    let parsed = match parsed {
        Ok(parsed) => parsed,
        Err(rejection) => {
            count_event("rejected", "rejected");
            return Err(rejection.into());
        }
    };
    match parsed {
        None => {
            count_event("ignored", "unchanged");
            Ok(EventOutcome::Unchanged)
        }
        Some(webhook::Incoming::Payment(event)) => {
            let outcome = apply_event(sales, &event).await;
            let result = match &outcome {
                Ok(EventOutcome::Duplicate) => "duplicate",
                Ok(EventOutcome::NoOrder) => "no_order",
                Ok(EventOutcome::Unchanged) => "unchanged",
                Ok(EventOutcome::Changed { .. }) => "changed",
                Ok(EventOutcome::Mismatch { .. }) => "mismatch",
                Err(_) => "error",
            };
            count_event(event.event_type.clone(), result);
            Ok(outcome?)
        }
        Some(webhook::Incoming::Payout { account, reported_at }) => {
            let applied = sales.store.apply_payout_report(&account, reported_at).await;
            count_event("account.updated", if applied.is_ok() { "changed" } else { "error" });
            let applied = applied?;
            tracing::info!(account = %account.stripe_account, applied, charges = account.charges_enabled,
                payouts = account.payouts_enabled, due = account.currently_due.len(), "account.updated");
            Ok(EventOutcome::Unchanged)
        }
    }
}

/// Counts a Stripe event in `popshop_webhook_events_total`.
fn count_event(kind: impl Into<metrics::SharedString>, result: &'static str) {
    metrics::counter!("popshop_webhook_events_total", "provider" => "stripe", "type" => kind.into(), "result" => result)
        .increment(1);
}

/// Applies one verified event and follows it up.
pub async fn apply_event(sales: &Sales, event: &PaymentEvent) -> anyhow::Result<EventOutcome> {
    let outcome = sales.store.apply_payment_event(event, sales.payments.livemode()).await?;
    if let EventOutcome::Changed { status: OrderStatus::Paid, .. } = &outcome {
        metrics::counter!("popshop_checkouts_total", "result" => "paid").increment(1);
    }
    match &outcome {
        EventOutcome::NoOrder => {
            tracing::warn!(event = %event.id, kind = ?event.kind, "payment event for no popshop order")
        }
        _ => tracing::info!(event = %event.id, kind = ?event.kind, outcome = ?outcome, "payment event"),
    }
    follow_up(sales, &outcome).await;
    Ok(outcome)
}

/// A refund when a payment arrived for stock that was no longer there
/// (retried by the sweeper if it fails now).
async fn follow_up(sales: &Sales, outcome: &EventOutcome) {
    if let EventOutcome::Mismatch { refund: Some((order_id, payment)), .. } = outcome {
        return refund_mismatch(sales, order_id, payment).await;
    }
    let EventOutcome::Changed { order_id, status: OrderStatus::RefundDue, .. } = outcome else { return };
    match sales.store.order_by_id(order_id).await {
        Ok(Some(order)) => {
            if let Err(e) = super::refund_order(sales, &order).await {
                tracing::error!(order = %order_id, error = %e, "refund of an over-stock payment failed; the sweeper retries it");
            }
        }
        Ok(None) => {}
        Err(e) => tracing::error!(order = %order_id, error = %e, "cannot read a refund-due order"),
    }
}

/// A genuine payment for the wrong amount or currency on `order_id`'s
/// checkout: refunded in full (by its own payment, with the order's
/// idempotency key); the order itself is left as it was. The artist sees
/// the problem on the drop's page.
async fn refund_mismatch(sales: &Sales, order_id: &str, payment: &str) {
    let order = match sales.store.order_by_id(order_id).await {
        Ok(Some(order)) => order,
        Ok(None) => return,
        Err(e) => {
            return tracing::error!(order = %order_id, error = %e, "cannot read the order of a mismatched payment");
        }
    };
    let paid = Order { payment_intent: Some(payment.to_owned()), ..order };
    match sales.payments.refund(&paid).await {
        Ok(()) | Err(crate::payments::ProviderError::AlreadyDone) => {
            tracing::warn!(order = %order_id, %payment, "mismatched payment refunded")
        }
        Err(e) => {
            tracing::error!(order = %order_id, %payment, error = %e, "could not refund a mismatched payment; refund it in Stripe's dashboard")
        }
    }
}

/// Asks the provider where an order's checkout stands and applies the
/// answer, for when its own event is late or lost (the thanks page waiting,
/// the sweeper). `Ok(None)`: nothing to learn (still open, or the demo).
pub async fn reconcile(sales: &Sales, order: &Order) -> anyhow::Result<Option<EventOutcome>> {
    let Some(now) = sales.payments.session_now(order).await? else { return Ok(None) };
    apply_session_now(sales, &now).await
}

/// Applies a session state learned by asking the provider.
pub(super) async fn apply_session_now(sales: &Sales, now: &SessionNow) -> anyhow::Result<Option<EventOutcome>> {
    let Some(event) = event_from(now) else { return Ok(None) };
    apply_event(sales, &event).await.map(Some)
}

/// The event a session's current state amounts to. Its id is derived from the
/// session and state, so asking twice applies it once; the provider's own
/// event for the same change finds the order already moved.
fn event_from(now: &SessionNow) -> Option<PaymentEvent> {
    let (kind, tag) = match now.status {
        SessionStatus::Open => return None,
        SessionStatus::Complete { paid: true } => (PaymentEventKind::Completed { paid: true }, "paid"),
        SessionStatus::Complete { paid: false } => (PaymentEventKind::Completed { paid: false }, "processing"),
        SessionStatus::Expired => (PaymentEventKind::Expired, "expired"),
    };
    Some(PaymentEvent {
        id: format!("popshop-reconcile-{}-{tag}", now.facts.session_id),
        event_type: format!("popshop.reconcile.{tag}"),
        kind,
        subject: EventSubject::Session(now.facts.clone()),
        buyer: now.buyer.clone(),
    })
}
