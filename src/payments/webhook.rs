//! Verifying and reading payment events: Stripe's signature scheme (5-minute
//! tolerance) through async-stripe's `Webhook::construct_event`, then the few
//! facts orders need.

use crate::domain::ShippingAddress;
use crate::store::{Buyer, OrderRef, PaymentEvent, PaymentEventKind};
use stripe_checkout::{CheckoutSession, CheckoutSessionPaymentStatus};
use stripe_webhook::{EventObject, Webhook, WebhookError};

/// Why an event was refused (the webhook answers 400 and changes nothing).
#[derive(Debug, thiserror::Error)]
pub enum WebhookRejection {
    #[error("missing Stripe-Signature header")]
    MissingSignature,
    #[error("body is not UTF-8")]
    NotUtf8,
    #[error("bad signature")]
    BadSignature,
    #[error("timestamp outside the tolerance")]
    Stale,
    #[error("unreadable event: {0}")]
    Unreadable(String),
}

/// Verifies and reads an event. `Ok(None)` for event types we do not act on.
pub fn parse(body: &[u8], signature: Option<&str>, secret: &str) -> Result<Option<PaymentEvent>, WebhookRejection> {
    let signature = signature.ok_or(WebhookRejection::MissingSignature)?;
    let payload = std::str::from_utf8(body).map_err(|_| WebhookRejection::NotUtf8)?;
    let event = Webhook::construct_event(payload, signature, secret).map_err(|e| match e {
        WebhookError::BadTimestamp(_) => WebhookRejection::Stale,
        WebhookError::BadParse(msg) => WebhookRejection::Unreadable(msg),
        _ => WebhookRejection::BadSignature,
    })?;
    let id = event.id.as_str().to_owned();
    let event_type = event.type_.as_str().to_owned();
    let (kind, order, buyer) = match event.data.object {
        EventObject::CheckoutSessionCompleted(s) => {
            let paid = matches!(
                s.payment_status,
                CheckoutSessionPaymentStatus::Paid | CheckoutSessionPaymentStatus::NoPaymentRequired
            );
            (PaymentEventKind::Completed { paid }, session_ref(&s), buyer(&s))
        }
        EventObject::CheckoutSessionAsyncPaymentSucceeded(s) => {
            (PaymentEventKind::AsyncSucceeded, session_ref(&s), buyer(&s))
        }
        EventObject::CheckoutSessionAsyncPaymentFailed(s) => {
            (PaymentEventKind::AsyncFailed, session_ref(&s), Buyer::default())
        }
        EventObject::CheckoutSessionExpired(s) => (PaymentEventKind::Expired, session_ref(&s), Buyer::default()),
        EventObject::ChargeRefunded(c) => {
            let Some(pi) = c.payment_intent.as_ref().map(|p| p.id().as_str().to_owned()) else { return Ok(None) };
            (PaymentEventKind::Refunded { fully: c.refunded }, OrderRef::PaymentIntent(pi), Buyer::default())
        }
        _ => return Ok(None),
    };
    Ok(Some(PaymentEvent { id, event_type, kind, order, buyer }))
}

/// Our order id travels as `client_reference_id` (and in metadata); the
/// session id is the fallback.
fn session_ref(s: &CheckoutSession) -> OrderRef {
    s.client_reference_id
        .clone()
        .or_else(|| s.metadata.as_ref().and_then(|m| m.get("order_id").cloned()))
        .filter(|id| !id.is_empty())
        .map(OrderRef::Order)
        .unwrap_or_else(|| OrderRef::Session(s.id.as_str().to_owned()))
}

fn buyer(s: &CheckoutSession) -> Buyer {
    let details = s.customer_details.as_ref();
    let shipping = s.collected_information.as_ref().and_then(|c| c.shipping_details.as_ref()).map(|d| {
        let a = &d.address;
        let get = |v: &Option<String>| v.clone().unwrap_or_default();
        ShippingAddress {
            name: d.name.clone(),
            line1: get(&a.line1),
            line2: get(&a.line2),
            postal_code: get(&a.postal_code),
            city: get(&a.city),
            state: get(&a.state),
            country: get(&a.country),
        }
    });
    Buyer {
        email: details.and_then(|d| d.email.clone()).or_else(|| s.customer_email.clone()),
        name: details.and_then(|d| d.name.clone()).or_else(|| shipping.as_ref().map(|a| a.name.clone())),
        shipping,
        payment_intent: s.payment_intent.as_ref().map(|p| p.id().as_str().to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::payments::events::{SessionFacts, charge_refunded_event, session_event, sign};

    const SECRET: &str = "whsec_test_secret";

    fn facts() -> SessionFacts {
        SessionFacts {
            session_id: "cs_test_1".into(),
            order_id: "order-1".into(),
            payment_status: "paid".into(),
            amount_total: 5000,
            currency: "usd".into(),
            email: Some("fan@example.com".into()),
            name: Some("Fan Name".into()),
            shipping: Some(ShippingAddress {
                name: "Fan Name".into(),
                line1: "1 Main St".into(),
                postal_code: "10001".into(),
                city: "New York".into(),
                country: "US".into(),
                ..Default::default()
            }),
            payment_intent: Some("pi_123".into()),
        }
    }

    fn now() -> i64 {
        chrono::Utc::now().timestamp()
    }

    #[test]
    fn reads_a_completed_session_built_from_stripes_fixture() {
        let body = session_event("evt_1", "checkout.session.completed", &facts(), now());
        let sig = sign(&body, SECRET, now());
        let event = parse(body.as_bytes(), Some(&sig), SECRET).unwrap().unwrap();
        assert_eq!(event.id, "evt_1");
        assert_eq!(event.kind, PaymentEventKind::Completed { paid: true });
        assert_eq!(event.order, OrderRef::Order("order-1".into()));
        assert_eq!(event.buyer.email.as_deref(), Some("fan@example.com"));
        assert_eq!(event.buyer.payment_intent.as_deref(), Some("pi_123"));
        assert_eq!(event.buyer.shipping.unwrap().city, "New York");
    }

    #[test]
    fn reads_refunds_and_ignores_other_types() {
        let body = charge_refunded_event("evt_2", "pi_123", 5000, "usd", true, now());
        let event = parse(body.as_bytes(), Some(&sign(&body, SECRET, now())), SECRET).unwrap().unwrap();
        assert_eq!(event.kind, PaymentEventKind::Refunded { fully: true });
        assert_eq!(event.order, OrderRef::PaymentIntent("pi_123".into()));
        let plan = include_str!("../../fixtures/stripe/event.json");
        assert!(parse(plan.as_bytes(), Some(&sign(plan, SECRET, now())), SECRET).unwrap().is_none());
    }

    #[test]
    fn refuses_forgeries() {
        let body = session_event("evt_1", "checkout.session.completed", &facts(), now());
        let good = sign(&body, SECRET, now());
        assert!(matches!(parse(body.as_bytes(), None, SECRET), Err(WebhookRejection::MissingSignature)));
        assert!(matches!(
            parse(body.as_bytes(), Some(&sign(&body, "whsec_other", now())), SECRET),
            Err(WebhookRejection::BadSignature)
        ));
        assert!(matches!(
            parse(body.as_bytes(), Some(&sign(&body, SECRET, now() - 301)), SECRET),
            Err(WebhookRejection::Stale)
        ));
        let tampered = body.replace("5000", "1");
        assert!(matches!(parse(tampered.as_bytes(), Some(&good), SECRET), Err(WebhookRejection::BadSignature)));
        assert!(matches!(parse(body.as_bytes(), Some("garbage"), SECRET), Err(WebhookRejection::BadSignature)));
    }
}
