//! Verifying and reading payment events: Stripe's signature scheme (5-minute
//! tolerance) through async-stripe's `Webhook::construct_event`, then the few
//! facts orders need.

use super::{SessionNow, SessionStatus};
use crate::domain::{Buyer, EventSubject, PaymentEvent, PaymentEventKind, SessionFacts, ShippingAddress};
use stripe_checkout::{CheckoutSession, CheckoutSessionMode, CheckoutSessionPaymentStatus, CheckoutSessionStatus};
use stripe_webhook::{EventObject, Webhook, WebhookError};

/// Why an event was refused.
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
    /// Correctly signed, so it really is from the provider, but popshop cannot
    /// read it (a newer API version?). Answered 5xx so the provider delivers
    /// it again once popshop is fixed, instead of losing it.
    #[error("signed but unreadable event: {0}")]
    SignedButUnreadable(String),
}

impl WebhookRejection {
    /// True when the sender is genuine and the fault is popshop's.
    pub fn is_ours(&self) -> bool {
        matches!(self, Self::SignedButUnreadable(_))
    }
}

/// A verified event popshop acts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Incoming {
    /// About a checkout or a payment.
    Payment(Box<PaymentEvent>),
    /// Connect: an artist's account changed (`account.updated`), as Stripe
    /// saw it at `reported_at` (the event's creation, seconds).
    Payout { account: crate::domain::PayoutAccount, reported_at: i64 },
}

/// Verifies and reads an event. `Ok(None)` for event types we do not act on.
pub fn parse(body: &[u8], signature: Option<&str>, secret: &str) -> Result<Option<Incoming>, WebhookRejection> {
    let signature = signature.ok_or(WebhookRejection::MissingSignature)?;
    let payload = std::str::from_utf8(body).map_err(|_| WebhookRejection::NotUtf8)?;
    // async-stripe checks the signature before it parses the JSON, so a
    // parse error means a genuine event popshop cannot read.
    let event = match Webhook::construct_event(payload, signature, secret) {
        Ok(event) => event,
        Err(WebhookError::BadTimestamp(_)) => return Err(WebhookRejection::Stale),
        // Genuine, but of a type popshop does not act on (the endpoint may
        // be subscribed to more): acknowledged, so Stripe does not retry it
        // for days and disable the endpoint.
        Err(WebhookError::BadParse(_)) if !is_handled(payload) => return Ok(None),
        Err(WebhookError::BadParse(msg)) => return Err(WebhookRejection::SignedButUnreadable(msg)),
        Err(_) => return Err(WebhookRejection::BadSignature),
    };
    let id = event.id.as_str().to_owned();
    let event_type = event.type_.as_str().to_owned();
    let reported_at = event.created;
    let (kind, session) = match event.data.object {
        EventObject::AccountUpdated(account) => {
            let account = super::connect::payout_account(&account);
            return Ok(Some(Incoming::Payout { account, reported_at }));
        }
        EventObject::CheckoutSessionCompleted(s) => {
            let paid = matches!(
                s.payment_status,
                CheckoutSessionPaymentStatus::Paid | CheckoutSessionPaymentStatus::NoPaymentRequired
            );
            (PaymentEventKind::Completed { paid }, s)
        }
        EventObject::CheckoutSessionAsyncPaymentSucceeded(s) => (PaymentEventKind::AsyncSucceeded, s),
        EventObject::CheckoutSessionAsyncPaymentFailed(s) => (PaymentEventKind::AsyncFailed, s),
        EventObject::CheckoutSessionExpired(s) => (PaymentEventKind::Expired, s),
        EventObject::ChargeRefunded(c) => {
            let kind = PaymentEventKind::Refunded { fully: c.refunded };
            return Ok(about_payment(id, event_type, kind, c.payment_intent.as_ref().map(|p| p.id().as_str())));
        }
        EventObject::ChargeDisputeCreated(d) | EventObject::ChargeDisputeClosed(d) => {
            let kind = if event_type == "charge.dispute.created" {
                PaymentEventKind::Disputed
            } else {
                use stripe_shared::DisputeStatus as D;
                PaymentEventKind::DisputeClosed { won: matches!(d.status, D::Won | D::WarningClosed | D::Prevented) }
            };
            return Ok(about_payment(id, event_type, kind, d.payment_intent.as_ref().map(|p| p.id().as_str())));
        }
        _ => return Ok(None),
    };
    let now = session_now(&session);
    let buyer = match kind {
        PaymentEventKind::Completed { .. } | PaymentEventKind::AsyncSucceeded => now.buyer,
        _ => Buyer::default(),
    };
    Ok(Some(Incoming::Payment(Box::new(PaymentEvent {
        id,
        event_type,
        kind,
        subject: EventSubject::Session(now.facts),
        buyer,
    }))))
}

/// An event about a charge's payment intent (refunds, disputes); none for
/// a charge without one (not from a Checkout session popshop made).
fn about_payment(id: String, event_type: String, kind: PaymentEventKind, pi: Option<&str>) -> Option<Incoming> {
    let subject = EventSubject::PaymentIntent(pi?.to_owned());
    Some(Incoming::Payment(Box::new(PaymentEvent { id, event_type, kind, subject, buyer: Buyer::default() })))
}

/// The event types popshop acts on; subscribe the webhook endpoint to these.
pub const HANDLED_EVENTS: [&str; 8] = [
    "checkout.session.completed",
    "checkout.session.async_payment_succeeded",
    "checkout.session.async_payment_failed",
    "checkout.session.expired",
    "charge.refunded",
    "charge.dispute.created",
    "charge.dispute.closed",
    // Connect (STRIPE_CONNECT=on): an artist's account status.
    "account.updated",
];

/// Whether a (signed) payload is an event popshop acts on; unreadable JSON
/// counts as one, so it is never silently dropped.
fn is_handled(payload: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(payload)
        .ok()
        .and_then(|v| v.get("type").and_then(|t| t.as_str()).map(|t| HANDLED_EVENTS.contains(&t)))
        .unwrap_or(true)
}

/// What a Stripe checkout session says, in popshop's words.
pub fn session_now(s: &CheckoutSession) -> SessionNow {
    let claimed_order = s
        .client_reference_id
        .clone()
        .or_else(|| s.metadata.as_ref().and_then(|m| m.get("order_id").cloned()))
        .filter(|id| !id.is_empty());
    let facts = SessionFacts {
        session_id: s.id.as_str().to_owned(),
        claimed_order,
        amount_total: s.amount_total,
        amount_tax: s.total_details.as_ref().map(|t| t.amount_tax),
        currency: s.currency.as_ref().map(|c| c.to_string()),
        payment_mode: matches!(s.mode, CheckoutSessionMode::Payment),
        livemode: s.livemode,
    };
    let paid = matches!(
        s.payment_status,
        CheckoutSessionPaymentStatus::Paid | CheckoutSessionPaymentStatus::NoPaymentRequired
    );
    let status = match s.status {
        Some(CheckoutSessionStatus::Complete) => SessionStatus::Complete { paid },
        Some(CheckoutSessionStatus::Expired) => SessionStatus::Expired,
        _ => SessionStatus::Open,
    };
    SessionNow { status, facts, buyer: buyer(s) }
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
            ..Default::default()
        }
    }

    fn now() -> i64 {
        crate::clock::system_now_secs()
    }

    #[test]
    fn reads_a_completed_session_built_from_stripes_fixture() {
        let body = session_event("evt_1", "checkout.session.completed", &facts(), now());
        let sig = sign(&body, SECRET, now());
        let Some(Incoming::Payment(event)) = parse(body.as_bytes(), Some(&sig), SECRET).unwrap() else {
            panic!("a payment event")
        };
        assert_eq!(event.id, "evt_1");
        assert_eq!(event.kind, PaymentEventKind::Completed { paid: true });
        let EventSubject::Session(facts) = &event.subject else { panic!("a session event") };
        assert_eq!(facts.session_id, "cs_test_1");
        assert_eq!(facts.claimed_order.as_deref(), Some("order-1"));
        assert_eq!((facts.amount_total, facts.currency.as_deref()), (Some(5000), Some("usd")));
        assert!(facts.payment_mode && !facts.livemode);
        assert_eq!(event.buyer.email.as_deref(), Some("fan@example.com"));
        assert_eq!(event.buyer.payment_intent.as_deref(), Some("pi_123"));
        assert_eq!(event.buyer.shipping.unwrap().city, "New York");
    }

    #[test]
    fn reads_refunds_and_ignores_other_types() {
        let body = charge_refunded_event("evt_2", "pi_123", 5000, "usd", true, now());
        let Some(Incoming::Payment(event)) = parse(body.as_bytes(), Some(&sign(&body, SECRET, now())), SECRET).unwrap()
        else {
            panic!("a payment event")
        };
        assert_eq!(event.kind, PaymentEventKind::Refunded { fully: true });
        assert_eq!(event.subject, EventSubject::PaymentIntent("pi_123".into()));
        let plan = include_str!("../../fixtures/stripe/event.json");
        assert!(parse(plan.as_bytes(), Some(&sign(plan, SECRET, now())), SECRET).unwrap().is_none());
    }

    #[test]
    fn reads_an_account_update_built_from_stripes_fixture() {
        use crate::domain::PayoutAccount;
        let account = PayoutAccount {
            stripe_account: "acct_artist".into(),
            charges_enabled: true,
            payouts_enabled: false,
            details_submitted: true,
            currently_due: vec!["external_account".into()],
            disabled_reason: String::new(),
        };
        // One reading of the clock: two could fall in different seconds.
        let now = now();
        let body = crate::payments::events::account_updated_event("evt_a", &account, now - 5);
        let parsed = parse(body.as_bytes(), Some(&sign(&body, SECRET, now)), SECRET).unwrap();
        assert_eq!(parsed, Some(Incoming::Payout { account, reported_at: now - 5 }));
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

    #[test]
    fn a_genuine_event_popshop_cannot_read_is_its_own_fault() {
        let body = r#"{"id": "evt_x", "object": "event", "type": "checkout.session.completed", "data": 7}"#;
        let rejection = parse(body.as_bytes(), Some(&sign(body, SECRET, now())), SECRET).unwrap_err();
        assert!(rejection.is_ours(), "{rejection:?}");
        let forged = parse(body.as_bytes(), Some(&sign(body, "whsec_other", now())), SECRET).unwrap_err();
        assert!(!forged.is_ours());
        let other = r#"{"id": "evt_y", "object": "event", "type": "invoice.paid", "data": 7}"#;
        assert!(parse(other.as_bytes(), Some(&sign(other, SECRET, now())), SECRET).unwrap().is_none(), "not ours: 200");
    }
}
