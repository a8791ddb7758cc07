//! Stripe-shaped events built from Stripe's own published example objects
//! (`fixtures/stripe/`, MIT). The demo checkout sends these through the webhook
//! handler, and tests use them, so both exercise the exact shape Stripe sends.

use crate::domain::ShippingAddress;
use serde_json::{Value, json};

const EVENT: &str = include_str!("../../fixtures/stripe/event.json");
const CHECKOUT_SESSION: &str = include_str!("../../fixtures/stripe/checkout_session.json");
const CHARGE: &str = include_str!("../../fixtures/stripe/charge.json");
const ACCOUNT: &str = include_str!("../../fixtures/stripe/account.json");
const DISPUTE: &str = include_str!("../../fixtures/stripe/dispute.json");

/// The API version async-stripe 1.0.0-rc.10 speaks.
pub const API_VERSION: &str = "2026-09-30.endive";

/// What a checkout session event says about the session.
#[derive(Debug, Clone, Default)]
pub struct SessionFacts {
    pub session_id: String,
    pub order_id: crate::domain::OrderId,
    /// "paid", "unpaid" or "no_payment_required".
    pub payment_status: String,
    pub amount_total: i64,
    /// `total_details.amount_tax` (Stripe Tax; 0 without).
    pub amount_tax: i64,
    pub currency: String,
    pub email: Option<String>,
    pub name: Option<String>,
    pub shipping: Option<ShippingAddress>,
    pub payment_intent: Option<String>,
    /// `payment` when empty.
    pub mode: String,
    pub livemode: bool,
}

fn parse(fixture: &str) -> Value {
    serde_json::from_str(fixture).unwrap_or(Value::Null)
}

fn envelope(event_id: &str, event_type: &str, object: Value, created: i64, livemode: bool) -> String {
    let mut event = parse(EVENT);
    event["id"] = json!(event_id);
    event["type"] = json!(event_type);
    event["api_version"] = json!(API_VERSION);
    event["created"] = json!(created);
    event["livemode"] = json!(livemode);
    event["data"] = json!({ "object": object });
    event.to_string()
}

/// A `checkout.session.*` event (`event_type` e.g. "checkout.session.completed").
pub fn session_event(event_id: &str, event_type: &str, facts: &SessionFacts, created: i64) -> String {
    let mut session = parse(CHECKOUT_SESSION);
    session["id"] = json!(facts.session_id);
    session["client_reference_id"] = json!(facts.order_id);
    session["metadata"] = json!({ "order_id": facts.order_id });
    session["payment_status"] = json!(facts.payment_status);
    session["status"] = json!(if event_type.ends_with("expired") { "expired" } else { "complete" });
    session["amount_total"] = json!(facts.amount_total);
    session["amount_subtotal"] = json!(facts.amount_total);
    if !session["total_details"].is_object() {
        session["total_details"] = json!({ "amount_discount": 0, "amount_shipping": 0 });
    }
    session["total_details"]["amount_tax"] = json!(facts.amount_tax);
    session["currency"] = json!(facts.currency);
    session["payment_intent"] = json!(facts.payment_intent);
    session["mode"] = json!(if facts.mode.is_empty() { "payment" } else { facts.mode.as_str() });
    session["livemode"] = json!(facts.livemode);
    session["customer_details"]["email"] = json!(facts.email);
    session["customer_details"]["name"] = json!(facts.name);
    session["customer_email"] = json!(facts.email);
    match &facts.shipping {
        Some(address) => {
            session["collected_information"]["shipping_details"] = json!({
                "name": address.name,
                "address": {
                    "line1": address.line1, "line2": non_empty(&address.line2), "postal_code": address.postal_code,
                    "city": address.city, "state": non_empty(&address.state), "country": address.country,
                }
            });
        }
        None => session["collected_information"]["shipping_details"] = Value::Null,
    }
    envelope(event_id, event_type, session, created, facts.livemode)
}

/// A `charge.refunded` event for a payment intent.
pub fn charge_refunded_event(
    event_id: &str,
    payment_intent: &str,
    amount: i64,
    currency: &str,
    fully: bool,
    created: i64,
) -> String {
    let mut charge = parse(CHARGE);
    charge["payment_intent"] = json!(payment_intent);
    charge["amount"] = json!(amount);
    charge["amount_captured"] = json!(amount);
    charge["amount_refunded"] = json!(if fully { amount } else { amount / 2 });
    charge["refunded"] = json!(fully);
    charge["currency"] = json!(currency);
    envelope(event_id, "charge.refunded", charge, created, false)
}

/// A `charge.dispute.created` (or `.closed`, with `status` such as `won`,
/// `lost`, `warning_closed`) event about a payment intent's charge.
pub fn charge_dispute_event(
    event_id: &str,
    event_type: &str,
    payment_intent: &str,
    status: &str,
    amount: i64,
    currency: &str,
    created: i64,
) -> String {
    let mut dispute = parse(DISPUTE);
    dispute["payment_intent"] = json!(payment_intent);
    dispute["status"] = json!(status);
    dispute["amount"] = json!(amount);
    dispute["currency"] = json!(currency);
    dispute["reason"] = json!("fraudulent");
    envelope(event_id, event_type, dispute, created, false)
}

/// A Connect `account.updated` event saying what `account` says.
pub fn account_updated_event(event_id: &str, account: &crate::domain::PayoutAccount, created: i64) -> String {
    let mut object = parse(ACCOUNT);
    object["id"] = json!(account.stripe_account);
    object["charges_enabled"] = json!(account.charges_enabled);
    object["payouts_enabled"] = json!(account.payouts_enabled);
    object["details_submitted"] = json!(account.details_submitted);
    object["requirements"]["currently_due"] = json!(account.currently_due);
    object["requirements"]["eventually_due"] = json!(account.currently_due);
    object["requirements"]["disabled_reason"] =
        if account.disabled_reason.is_empty() { Value::Null } else { json!(account.disabled_reason) };
    let mut event: Value =
        serde_json::from_str(&envelope(event_id, "account.updated", object, created, false)).unwrap_or(Value::Null);
    // Connect events name the connected account they are about.
    event["account"] = json!(account.stripe_account);
    event.to_string()
}

fn non_empty(s: &str) -> Value {
    if s.is_empty() { Value::Null } else { json!(s) }
}

/// Signs `payload` as Stripe does: `t=…,v1=hex(HMAC-SHA256(secret, "t.payload"))`.
pub fn sign(payload: &str, secret: &str, timestamp: i64) -> String {
    stripe_webhook::Webhook::generate_test_header(payload, secret, Some(timestamp))
}
