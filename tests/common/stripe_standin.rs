//! A stand-in for Stripe's API that holds popshop to Stripe's *published*
//! rules, not to bodies we wrote ourselves: every request is checked against
//! the parameter schemas of Stripe's OpenAPI spec ([`StripeSpec`]), the
//! documented `expires_at` window (30 minutes to 24 hours after the session is
//! created, measured when the request arrives), and Stripe's idempotency rules
//! (a key reused with other parameters is refused; with the same ones, the
//! first answer is replayed). Sessions live here like at Stripe: open, then
//! completed by [`StripeStandIn::pay`] or expired through the API.
//!
//! Connect: accounts (`POST /v1/accounts`, `GET /v1/accounts/{account}`)
//! start with Stripe's requirements due; an account link leads to
//! `/standin/onboarding/{account}` (Stripe's hosted form, here finished at
//! once) which sends the artist back to the link's `return_url`. A
//! destination charge is held to Stripe's documented rules: an
//! `application_fee_amount` needs a `transfer_data[destination]`, the
//! destination needs the `transfers` capability, and the fee cannot exceed
//! the charge.

use super::stripe_spec::StripeSpec;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const SESSION_FIXTURE: &str = include_str!("../../fixtures/stripe/checkout_session.json");
const REFUND_FIXTURE: &str = include_str!("../../fixtures/stripe/refund.json");
const ACCOUNT_FIXTURE: &str = include_str!("../../fixtures/stripe/account.json");
/// What Stripe asks of a new Express account before it takes payments.
const NEW_ACCOUNT_DUE: [&str; 6] = [
    "business_profile.url",
    "external_account",
    "individual.dob.day",
    "individual.first_name",
    "tos_acceptance.date",
    "tos_acceptance.ip",
];

/// One request as the stand-in judged it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub operation: String,
    pub pairs: Vec<(String, String)>,
    /// `None` when accepted; Stripe's message otherwise.
    pub refused: Option<String>,
    /// For session creation: seconds between arrival and `expires_at`.
    pub expires_in: Option<f64>,
    /// The `Idempotency-Key` header, when sent.
    pub idempotency_key: Option<String>,
}

/// What Stripe saved for an idempotency key: the parameters, status and body.
type SavedAnswer = (Vec<(String, String)>, u16, Value);

#[derive(Default)]
struct Books {
    sessions: HashMap<String, Value>,
    /// idempotency key → (parameters, status, body)
    idempotent: HashMap<String, SavedAnswer>,
    seen: Vec<Seen>,
    next: u64,
    /// Answer this many coming requests with a 500 (an incident at Stripe).
    failing: u32,
    /// Refuse refunds with this error code.
    refund_error: Option<String>,
    /// Connect accounts by id.
    accounts: HashMap<String, Value>,
    /// Account link id → (account, return_url).
    links: HashMap<String, (String, String)>,
    /// Session id → (destination account, application fee).
    destinations: HashMap<String, (String, i64)>,
}

#[derive(Clone)]
pub struct StripeStandIn {
    pub server: Arc<MockServer>,
    books: Arc<Mutex<Books>>,
    spec: Arc<StripeSpec>,
}

struct Handler(StripeStandIn);

impl Respond for Handler {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        self.0.handle(request)
    }
}

fn error(status: u16, kind: &str, message: &str) -> (u16, Value) {
    (status, json!({ "error": { "type": kind, "message": message } }))
}

impl StripeStandIn {
    pub async fn start() -> Self {
        let server = MockServer::start().await;
        let standin = Self { server: Arc::new(server), books: Arc::default(), spec: Arc::new(StripeSpec::load()) };
        Mock::given(wiremock::matchers::any()).respond_with(Handler(standin.clone())).mount(&standin.server).await;
        standin
    }

    pub fn uri(&self) -> String {
        self.server.uri()
    }

    /// Every request so far, in order.
    pub fn seen(&self) -> Vec<Seen> {
        popshop::sync::lock(&self.books).seen.clone()
    }

    pub fn session(&self, id: &str) -> Option<Value> {
        popshop::sync::lock(&self.books).sessions.get(id).cloned()
    }

    /// The next `count` requests get a 500, as during an incident at Stripe.
    pub fn fail_next(&self, count: u32) {
        popshop::sync::lock(&self.books).failing = count;
    }

    /// Refunds are refused with Stripe's error `code` (e.g. `charge_already_refunded`).
    pub fn refuse_refunds(&self, code: &str) {
        popshop::sync::lock(&self.books).refund_error = Some(code.to_owned());
    }

    /// A connected account as Stripe would return it.
    pub fn account(&self, id: &str) -> Option<Value> {
        popshop::sync::lock(&self.books).accounts.get(id).cloned()
    }

    /// Every connected account made so far.
    pub fn account_ids(&self) -> Vec<String> {
        popshop::sync::lock(&self.books).accounts.keys().cloned().collect()
    }

    /// The artist finished Stripe's onboarding: nothing due, charges and
    /// payouts enabled, capabilities active. Returns the account.
    pub fn complete_onboarding(&self, id: &str) -> Value {
        let mut books = popshop::sync::lock(&self.books);
        let account = books.accounts.get_mut(id).expect("an account the stand-in made");
        complete(account);
        account.clone()
    }

    /// The destination and application fee a session was created with.
    pub fn destination_of(&self, session: &str) -> Option<(String, i64)> {
        popshop::sync::lock(&self.books).destinations.get(session).cloned()
    }

    /// The fan paid on Stripe's page: the session completes. Returns it.
    pub fn pay(&self, id: &str, payment_intent: &str) -> Value {
        let mut books = popshop::sync::lock(&self.books);
        let session = books.sessions.get_mut(id).expect("a session the stand-in created");
        assert_eq!(session["status"], "open", "only an open session can be paid");
        session["status"] = json!("complete");
        session["payment_status"] = json!("paid");
        session["payment_intent"] = json!(payment_intent);
        session["customer_details"]["email"] = json!("fan@example.com");
        session.clone()
    }

    fn handle(&self, request: &Request) -> ResponseTemplate {
        let received = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs_f64())
            .unwrap_or_default();
        let method = request.method.as_str().to_owned();
        let path = request.url.path().to_owned();
        let raw =
            if method == "GET" { request.url.query().unwrap_or("").as_bytes().to_vec() } else { request.body.clone() };
        let pairs: Vec<(String, String)> = form_urlencoded::parse(&raw).into_owned().collect();
        let (operation, session_id) = operation_of(&method, &path);
        if let Some(account) = path.strip_prefix("/standin/onboarding/") {
            return self.onboarding_page(account);
        }
        let key = request.headers.get("idempotency-key").and_then(|v| v.to_str().ok()).map(str::to_owned);

        let mut books = popshop::sync::lock(&self.books);
        let idempotency_key = request.headers.get("idempotency-key").and_then(|k| k.to_str().ok()).map(str::to_owned);
        let mut seen = Seen {
            operation: operation.clone(),
            pairs: pairs.clone(),
            refused: None,
            expires_in: None,
            idempotency_key,
        };
        let (status, body) = 'answer: {
            if books.failing > 0 {
                books.failing -= 1;
                break 'answer error(500, "api_error", "An unknown error occurred (stand-in incident).");
            }
            if let Err(message) = self.spec.check(&operation, &pairs) {
                break 'answer error(400, "invalid_request_error", &message);
            }
            // Idempotency: the same key with other parameters is an error;
            // with the same parameters, the first answer again.
            if let Some(key) = &key
                && let Some((first, status, body)) = books.idempotent.get(key)
            {
                if first != &pairs {
                    break 'answer error(
                        400,
                        "idempotency_error",
                        &format!(
                            "Keys for idempotent requests can only be used with the same parameters they were first \
                             used with. Try using a key other than '{key}' if you meant to execute a different request."
                        ),
                    );
                }
                break 'answer (*status, body.clone());
            }
            let answer = match operation.as_str() {
                "POST /v1/checkout/sessions" => {
                    let get = |k: &str| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
                    let expires_at: f64 = get("expires_at").and_then(|v| v.parse().ok()).unwrap_or(received + 86_400.0);
                    seen.expires_in = Some(expires_at - received);
                    if expires_at - received < 1800.0 {
                        error(
                            400,
                            "invalid_request_error",
                            "The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.",
                        )
                    } else if expires_at - received > 86_400.0 {
                        error(
                            400,
                            "invalid_request_error",
                            "The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.",
                        )
                    } else if get("shipping_options[0][shipping_rate_data][fixed_amount][currency]")
                        .is_some_and(|c| Some(c) != get("line_items[0][price_data][currency]"))
                    {
                        // Stripe: a shipping rate's currency must be the session's.
                        error(
                            400,
                            "invalid_request_error",
                            "The shipping rate's currency must match the currency of the Checkout Session.",
                        )
                    } else if let Some(refusal) = connect_refusal(&books, &pairs) {
                        refusal
                    } else {
                        books.next += 1;
                        let id = format!("cs_test_standin_{}", books.next);
                        let session = new_session(&id, &pairs, expires_at as i64);
                        if let Some(destination) = get("payment_intent_data[transfer_data][destination]") {
                            let fee = get("payment_intent_data[application_fee_amount]")
                                .and_then(|f| f.parse().ok())
                                .unwrap_or(0);
                            books.destinations.insert(id.clone(), (destination, fee));
                        }
                        books.sessions.insert(id, session.clone());
                        (200, session)
                    }
                }
                "POST /v1/checkout/sessions/{session}/expire" => match books.sessions.get_mut(&session_id) {
                    None => error(404, "invalid_request_error", &format!("No such checkout.session: '{session_id}'")),
                    Some(session) if session["status"] == "open" => {
                        session["status"] = json!("expired");
                        (200, session.clone())
                    }
                    Some(_) => error(
                        400,
                        "invalid_request_error",
                        "Only Checkout Sessions with a status in [\"open\"] can be expired.",
                    ),
                },
                "GET /v1/checkout/sessions/{session}" => match books.sessions.get(&session_id) {
                    None => error(404, "invalid_request_error", &format!("No such checkout.session: '{session_id}'")),
                    Some(session) => (200, session.clone()),
                },
                "POST /v1/refunds" if books.refund_error.is_some() => {
                    let code = books.refund_error.clone().unwrap_or_default();
                    (
                        400,
                        json!({ "error": { "type": "invalid_request_error", "code": code,
                        "message": "Charge ch_1 has already been refunded." } }),
                    )
                }
                "POST /v1/refunds" => {
                    let mut refund: Value = serde_json::from_str(REFUND_FIXTURE).unwrap();
                    if let Some((_, pi)) = pairs.iter().find(|(k, _)| k == "payment_intent") {
                        refund["payment_intent"] = json!(pi);
                    }
                    (200, refund)
                }
                "POST /v1/accounts" => {
                    books.next += 1;
                    let id = format!("acct_standin{:06}", books.next);
                    let account = new_account(&id, &pairs);
                    books.accounts.insert(id, account.clone());
                    (200, account)
                }
                "GET /v1/accounts/{account}" => match books.accounts.get(&session_id) {
                    None => error(404, "invalid_request_error", &format!("No such account: '{session_id}'")),
                    Some(account) => (200, account.clone()),
                },
                "POST /v1/account_links" => {
                    let get = |k: &str| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
                    let account = get("account").unwrap_or_default();
                    if !books.accounts.contains_key(&account) {
                        error(400, "invalid_request_error", &format!("No such account: '{account}'"))
                    } else {
                        books.next += 1;
                        let link = format!("link_{}", books.next);
                        let back = get("return_url").unwrap_or_default();
                        books.links.insert(link.clone(), (account.clone(), back));
                        let created = received as i64;
                        (
                            200,
                            json!({ "object": "account_link", "created": created, "expires_at": created + 300,
                                "url": format!("{}/standin/onboarding/{account}?link={link}", self.server.uri()) }),
                        )
                    }
                }
                other => error(404, "invalid_request_error", &format!("Unrecognized request URL ({other})")),
            };
            // Stripe saves the answer of a request that started executing.
            if let Some(key) = &key
                && answer.0 != 404
            {
                books.idempotent.insert(key.clone(), (pairs.clone(), answer.0, answer.1.clone()));
            }
            answer
        };
        if status >= 400 {
            seen.refused = body["error"]["message"].as_str().map(str::to_owned);
        }
        books.seen.push(seen);
        ResponseTemplate::new(status).set_body_json(body)
    }
}

/// "POST /v1/checkout/sessions/{session}/expire" and the session id.
fn operation_of(method: &str, path: &str) -> (String, String) {
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    match parts.as_slice() {
        ["v1", "checkout", "sessions", id, "expire"] => {
            (format!("{method} /v1/checkout/sessions/{{session}}/expire"), (*id).to_owned())
        }
        ["v1", "checkout", "sessions", id] => (format!("{method} /v1/checkout/sessions/{{session}}"), (*id).to_owned()),
        ["v1", "accounts", id] => (format!("{method} /v1/accounts/{{account}}"), (*id).to_owned()),
        _ => (format!("{method} {path}"), String::new()),
    }
}

/// A session as Stripe returns it, from Stripe's example object and the request.
fn new_session(id: &str, pairs: &[(String, String)], expires_at: i64) -> Value {
    let get = |k: &str| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
    let (subtotal, shipping) = amounts(pairs);
    // Stripe Tax (`automatic_tax[enabled]`): the stand-in charges 19% VAT
    // included in a price marked `inclusive`, and 8.25% sales tax added to
    // one marked `exclusive`, on the items and the shipping alike.
    let tax =
        match (get("automatic_tax[enabled]").as_deref(), get("line_items[0][price_data][tax_behavior]").as_deref()) {
            (Some("true"), Some("inclusive")) => ((subtotal + shipping) as f64 * 19.0 / 119.0).round() as i64,
            (Some("true"), Some("exclusive")) => ((subtotal + shipping) as f64 * 0.0825).round() as i64,
            _ => 0,
        };
    let added = if get("line_items[0][price_data][tax_behavior]").as_deref() == Some("exclusive") { tax } else { 0 };
    let total = subtotal + shipping + added;
    let mut session: Value = serde_json::from_str(SESSION_FIXTURE).unwrap();
    session["id"] = json!(id);
    session["url"] = json!(format!("https://checkout.stripe.com/c/pay/{id}"));
    session["status"] = json!("open");
    session["payment_status"] = json!("unpaid");
    session["mode"] = json!(get("mode"));
    session["livemode"] = json!(false);
    session["amount_total"] = json!(total);
    session["amount_subtotal"] = json!(subtotal);
    session["total_details"]["amount_shipping"] = json!(shipping);
    session["total_details"]["amount_tax"] = json!(tax);
    session["currency"] = json!(get("line_items[0][price_data][currency]"));
    session["client_reference_id"] = json!(get("client_reference_id"));
    session["metadata"] = json!({ "order_id": get("metadata[order_id]") });
    session["expires_at"] = json!(expires_at);
    session["payment_intent"] = Value::Null;
    session["success_url"] = json!(get("success_url"));
    session["cancel_url"] = json!(get("cancel_url"));
    session
}

impl StripeStandIn {
    /// Stripe's hosted onboarding, finished at once: the account can take
    /// payments and be paid out; the artist goes back to the link's `return_url`.
    fn onboarding_page(&self, account: &str) -> ResponseTemplate {
        let mut books = popshop::sync::lock(&self.books);
        let back = books.links.values().find(|(a, _)| a == account).map(|(_, back)| back.clone());
        let (Some(back), Some(found)) = (back, books.accounts.get_mut(account)) else {
            return ResponseTemplate::new(404).set_body_string("no such account link");
        };
        complete(found);
        ResponseTemplate::new(303).insert_header("location", back.as_str())
    }
}

/// Stripe's example account, as a new Express account with everything due.
fn new_account(id: &str, pairs: &[(String, String)]) -> Value {
    let get = |k: &str| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
    let mut account: Value = serde_json::from_str(ACCOUNT_FIXTURE).unwrap();
    account["id"] = json!(id);
    account["email"] = json!(get("email"));
    account["charges_enabled"] = json!(false);
    account["payouts_enabled"] = json!(false);
    account["details_submitted"] = json!(false);
    account["capabilities"] = json!({ "card_payments": "inactive", "transfers": "inactive" });
    account["requirements"]["currently_due"] = json!(NEW_ACCOUNT_DUE);
    account["requirements"]["eventually_due"] = json!(NEW_ACCOUNT_DUE);
    account["requirements"]["disabled_reason"] = json!("requirements.past_due");
    account["controller"] = json!({ "type": "application", "is_controller": true,
        "stripe_dashboard": { "type": get("controller[stripe_dashboard][type]") } });
    account["metadata"] = json!({ "popshop_account": get("metadata[popshop_account]") });
    account
}

/// Onboarding finished: nothing due, everything enabled.
fn complete(account: &mut Value) {
    account["charges_enabled"] = json!(true);
    account["payouts_enabled"] = json!(true);
    account["details_submitted"] = json!(true);
    account["capabilities"] = json!({ "card_payments": "active", "transfers": "active" });
    account["requirements"]["currently_due"] = json!([]);
    account["requirements"]["eventually_due"] = json!([]);
    account["requirements"]["disabled_reason"] = Value::Null;
}

/// Stripe's documented rules for a Checkout destination charge.
fn connect_refusal(books: &Books, pairs: &[(String, String)]) -> Option<(u16, Value)> {
    let get = |k: &str| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
    let fee: Option<i64> = get("payment_intent_data[application_fee_amount]").and_then(|f| f.parse().ok());
    let destination = get("payment_intent_data[transfer_data][destination]");
    let Some(destination) = destination else {
        return fee.map(|_| {
            error(
                400,
                "invalid_request_error",
                "Can only apply an application_fee_amount when the PaymentIntent is attempting a direct payment \
                 (using an OAuth key or Stripe-Account header) or destination payment (using `transfer_data[destination]`).",
            )
        });
    };
    let transfers = books.accounts.get(&destination).map(|a| a["capabilities"]["transfers"] == "active");
    match transfers {
        None => return Some(error(400, "invalid_request_error", &format!("No such destination: '{destination}'"))),
        Some(false) => {
            return Some(error(
                400,
                "invalid_request_error",
                "Your destination account needs to have at least one of the following capabilities enabled: \
                 transfers, crypto_transfers, legacy_payments",
            ));
        }
        Some(true) => {}
    }
    let (subtotal, shipping) = amounts(pairs);
    let total = subtotal + shipping;
    match fee {
        Some(fee) if fee > total => Some(error(
            400,
            "invalid_request_error",
            "The application fee amount must be less than or equal to the amount of the charge.",
        )),
        _ => None,
    }
}

/// A session's items and its shipping, from the request: Stripe adds the
/// chosen shipping rate (the first, when one is offered) to the total
/// (`amount_subtotal` is the items, `amount_total` items + shipping).
fn amounts(pairs: &[(String, String)]) -> (i64, i64) {
    let get = |k: &str| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
    let mut items = 0_i64;
    for i in 0.. {
        let Some(amount) = get(&format!("line_items[{i}][price_data][unit_amount]")) else { break };
        let quantity: i64 = get(&format!("line_items[{i}][quantity]")).and_then(|q| q.parse().ok()).unwrap_or(1);
        items += amount.parse::<i64>().unwrap_or(0) * quantity;
    }
    let shipping =
        get("shipping_options[0][shipping_rate_data][fixed_amount][amount]").and_then(|a| a.parse().ok()).unwrap_or(0);
    (items, shipping)
}
