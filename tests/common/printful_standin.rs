//! A stand-in for Printful's API v2 that holds popshop to Printful's
//! *published* reference ([`PrintfulSpec`]): every request's path, query,
//! headers and JSON body are checked against the spec's schemas (a request
//! that fails is answered 400 and recorded as refused), and every answer the
//! stand-in gives is checked against the spec's response schema too, so
//! popshop reads what Printful documents, not what we made up.
//!
//! Orders live here as at Printful: created as drafts (`external_id`
//! unique per store), costs "calculating" on the first read when asked
//! ([`PrintfulStandIn::calculate_slowly`]), confirmed into `pending`.
//! Incidents: [`PrintfulStandIn::fail_next`] (500s), [`PrintfulStandIn::lose_next_answer`]
//! (the order is created but the answer comes too late, a timeout),
//! [`PrintfulStandIn::refuse_next`] (a 400 with Printful's problem body).
//! Events are built by [`PrintfulStandIn::event`], checked against the
//! webhook schemas and signed as Printful signs v2 events.

use super::printful_spec::PrintfulSpec;
use serde_json::{Map, Value, json};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

pub const TOKEN: &str = "pf-test-token";
pub const STORE_ID: &str = "4711";
/// The webhook configuration's `secret_key`, hex as Printful returns it.
pub const WEBHOOK_SECRET: &str = "6f70656e20736573616d652c20706f7073686f70";

/// One request as the stand-in judged it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub operation: String,
    pub body: Value,
    /// `None` when accepted; what the spec says otherwise.
    pub refused: Option<String>,
}

#[derive(Default)]
struct Books {
    /// Printful order id → order.
    orders: HashMap<i64, Value>,
    shipments: HashMap<i64, Vec<Value>>,
    next: i64,
    seen: Vec<Seen>,
    failing: u32,
    losing: u32,
    refusing: Option<String>,
    slow_costs: bool,
    /// Orders whose costs have been read once while "calculating".
    calculated: Vec<i64>,
    /// Answers of the stand-in's own that the spec refuses (a test fails on any).
    off_spec: Vec<String>,
}

#[derive(Clone)]
pub struct PrintfulStandIn {
    pub server: Arc<MockServer>,
    books: Arc<Mutex<Books>>,
    pub spec: Arc<PrintfulSpec>,
    /// How late a lost answer comes (longer than popshop's timeout).
    late: Duration,
}

struct Handler(PrintfulStandIn);

impl Respond for Handler {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        self.0.handle(request)
    }
}

fn problem(status: u16, detail: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({
        "type": "about:blank", "status": status, "title": "Bad Request", "detail": detail,
    }))
}

const NOW: &str = "2026-12-06T12:00:00Z";

impl PrintfulStandIn {
    pub async fn start(late: Duration) -> Self {
        let server = MockServer::start().await;
        let standin =
            Self { server: Arc::new(server), books: Arc::default(), spec: Arc::new(PrintfulSpec::load()), late };
        Mock::given(wiremock::matchers::any()).respond_with(Handler(standin.clone())).mount(&standin.server).await;
        standin
    }

    pub fn uri(&self) -> String {
        self.server.uri()
    }

    pub fn seen(&self) -> Vec<Seen> {
        popshop::sync::lock(&self.books).seen.clone()
    }

    /// The stand-in's own answers the spec refused (none, or the test is wrong).
    pub fn off_spec(&self) -> Vec<String> {
        popshop::sync::lock(&self.books).off_spec.clone()
    }

    /// Orders Printful holds, by id.
    pub fn orders(&self) -> Vec<Value> {
        let mut orders: Vec<Value> = popshop::sync::lock(&self.books).orders.values().cloned().collect();
        orders.sort_by_key(|o| o["id"].as_i64());
        orders
    }

    pub fn order_for(&self, external_id: &str) -> Option<Value> {
        self.orders().into_iter().find(|o| o["external_id"] == external_id)
    }

    pub fn fail_next(&self, count: u32) {
        popshop::sync::lock(&self.books).failing = count;
    }

    pub fn lose_next_answer(&self) {
        popshop::sync::lock(&self.books).losing = 1;
    }

    pub fn refuse_next(&self, detail: &str) {
        popshop::sync::lock(&self.books).refusing = Some(detail.to_owned());
    }

    pub fn calculate_slowly(&self) {
        popshop::sync::lock(&self.books).slow_costs = true;
    }

    /// Printful ships the order: a shipment with a carrier and tracking.
    pub fn ship(&self, printful_id: i64, carrier: &str, tracking: &str) -> Value {
        let mut books = popshop::sync::lock(&self.books);
        let shipment_id = 9000 + printful_id;
        let shipment = json!({
            "id": shipment_id, "order_id": printful_id,
            "order_external_id": books.orders[&printful_id]["external_id"],
            "carrier": carrier, "service": "Standard", "shipment_status": "shipped",
            "shipped_at": NOW, "delivery_status": "in_transit", "delivered_at": null,
            "departure_address": {"country_name": "Latvia", "country_code": "LV", "state_code": ""},
            "is_reshipment": false, "tracking_number": tracking,
            "tracking_url": format!("https://www.printful.com/tracking/{tracking}"),
            "tracking_events": [], "estimated_delivery": null, "shipment_items": [],
            "_links": {"self": {"href": "x"}, "order": {"href": "y"}},
        });
        books.shipments.entry(printful_id).or_default().push(shipment.clone());
        if let Some(order) = books.orders.get_mut(&printful_id) {
            order["status"] = json!("fulfilled");
        }
        shipment
    }

    /// A webhook event of `kind` about `printful_id`, as Printful sends it:
    /// (raw body, `x-pf-webhook-signature`). Checked against the spec's
    /// event schema.
    pub fn event(&self, kind: &str, printful_id: i64, occurred_at: &str, reason: Option<&str>) -> (String, String) {
        let books = popshop::sync::lock(&self.books);
        let order = &books.orders[&printful_id];
        let summary = json!({
            "id": printful_id, "external_id": order["external_id"], "status": order["status"],
            "store_id": STORE_ID.parse::<i64>().unwrap(),
            "dashboard_url": format!("https://www.printful.com/dashboard?order_id={printful_id}"),
            "created_at": NOW, "updated_at": NOW,
        });
        let mut data = Map::new();
        data.insert("order".into(), summary);
        if let Some(reason) = reason {
            data.insert("reason".into(), json!(reason));
        }
        if kind.starts_with("shipment_") {
            let s = books.shipments.get(&printful_id).and_then(|s| s.last()).cloned().expect("ship it first");
            data.insert(
                "shipment".into(),
                json!({
                    "id": s["id"], "status": "shipped", "store_id": STORE_ID.parse::<i64>().unwrap(),
                    "tracking_number": s["tracking_number"], "tracking_url": s["tracking_url"],
                    "created_at": NOW, "ship_date": "2026-12-06", "shipped_at": NOW,
                    "delivered_at": if kind == "shipment_delivered" { json!(NOW) } else { Value::Null },
                    "reshipment": false,
                }),
            );
        }
        let event = json!({
            "type": kind, "occurred_at": occurred_at, "retries": 0,
            "store_id": STORE_ID.parse::<i64>().unwrap(), "data": data,
        });
        self.spec.check_event(kind, &event).unwrap_or_else(|e| panic!("the stand-in's {kind} event is off-spec: {e}"));
        let body = event.to_string();
        (body.clone(), sign(WEBHOOK_SECRET, body.as_bytes()))
    }

    fn handle(&self, request: &Request) -> ResponseTemplate {
        let method = request.method.as_str().to_owned();
        let path = request.url.path().to_owned();
        if path == "/standin/summary" {
            // For the benchmark (examples/printful_standin.rs): orders held,
            // distinct external ids, refused requests, off-spec answers.
            let books = popshop::sync::lock(&self.books);
            let mut ids: Vec<&str> = books.orders.values().filter_map(|o| o["external_id"].as_str()).collect();
            ids.sort_unstable();
            ids.dedup();
            return ResponseTemplate::new(200).set_body_json(json!({
                "orders": books.orders.len(), "distinct": ids.len(),
                "confirmed": books.orders.values().filter(|o| o["status"] == "pending").count(),
                "requests": books.seen.len(),
                "refused": books.seen.iter().filter(|s| s.refused.is_some()).count(),
                "off_spec": books.off_spec.len(),
            }));
        }
        let Some((operation, params)) = self.spec.operation(&method, &path) else {
            return problem(404, &format!("no such operation: {method} {path}"));
        };
        let body: Option<Value> = if request.body.is_empty() {
            None
        } else {
            serde_json::from_slice(&request.body).ok().or(Some(Value::Null))
        };
        let headers: Map<String, Value> = request
            .headers
            .iter()
            .map(|(k, v)| (k.as_str().to_owned(), Value::from(v.to_str().unwrap_or(""))))
            .collect();
        let query: Map<String, Value> = request
            .url
            .query_pairs()
            .map(|(k, v)| {
                (k.into_owned(), v.parse::<i64>().map(Value::from).unwrap_or_else(|_| Value::from(v.into_owned())))
            })
            .collect();
        let mut refused = self.spec.check_request(&operation, &headers, &params, &query, body.as_ref()).err();
        let auth = request.headers.get("authorization").and_then(|v| v.to_str().ok());
        if refused.is_none() && auth != Some(&format!("Bearer {TOKEN}")) {
            refused = Some("the token is missing or wrong".into());
        }
        if refused.is_none() && request.headers.get("x-pf-store-id").and_then(|v| v.to_str().ok()) != Some(STORE_ID) {
            refused = Some("X-PF-Store-Id is missing or another store's".into());
        }
        let mut books = popshop::sync::lock(&self.books);
        books.seen.push(Seen {
            operation: operation.clone(),
            body: body.clone().unwrap_or_default(),
            refused: refused.clone(),
        });
        if let Some(reason) = refused {
            return problem(400, &reason);
        }
        if books.failing > 0 {
            books.failing -= 1;
            return problem(500, "incident at Printful");
        }
        let (status, answer) = match operation.as_str() {
            "POST /v2/orders" => {
                if let Some(detail) = books.refusing.take() {
                    return problem(400, &detail);
                }
                let body = body.unwrap_or_default();
                let external = body["external_id"].as_str().unwrap_or("").to_owned();
                if !external.is_empty() && books.orders.values().any(|o| o["external_id"] == external.as_str()) {
                    return problem(409, "An order with this external_id already exists");
                }
                books.next += 1;
                let id = 100_000 + books.next;
                let order = order_json(id, &body, if books.slow_costs { "calculating" } else { "done" });
                books.orders.insert(id, order.clone());
                if books.losing > 0 {
                    books.losing -= 1;
                    // Saved, but the answer comes after popshop gave up.
                    return ResponseTemplate::new(200).set_body_json(json!({"data": order})).set_delay(self.late);
                }
                (200, json!({"data": order}))
            }
            "GET /v2/orders/{order_id}" => match find(&mut books, &params["order_id"]) {
                Some(id) => {
                    if books.slow_costs && !books.calculated.contains(&id) {
                        books.calculated.push(id);
                    } else if let Some(order) = books.orders.get_mut(&id) {
                        order["costs"] = costs("done");
                    }
                    (200, json!({"data": books.orders[&id]}))
                }
                None => return problem(404, "Order not found"),
            },
            "POST /v2/orders/{order_id}/confirmation" => match find(&mut books, &params["order_id"]) {
                Some(id) if books.orders[&id]["costs"]["calculation_status"] != "done" => {
                    return problem(400, "The order's costs are not calculated yet");
                }
                Some(id) if books.orders[&id]["status"] != "draft" => {
                    return problem(400, "Only a draft can be confirmed");
                }
                Some(id) => {
                    let order = books.orders.get_mut(&id).expect("found");
                    order["status"] = json!("pending");
                    let link = |rel: &str| json!({"href": format!("/v2/orders/{id}{rel}")});
                    (
                        200,
                        json!({
                            "data": order.clone(),
                            "_links": {"self": link("/confirmation"), "order": link(""), "order_items": link("/order-items"),
                                       "shipments": link("/shipments")},
                        }),
                    )
                }
                None => return problem(404, "Order not found"),
            },
            "GET /v2/orders/{order_id}/shipments" => match find(&mut books, &params["order_id"]) {
                Some(id) => {
                    let shipments = books.shipments.get(&id).cloned().unwrap_or_default();
                    let total = shipments.len();
                    (
                        200,
                        json!({
                            "data": shipments, "_links": {"self": {"href": path}},
                            "paging": {"total": total, "offset": 0, "limit": 100},
                        }),
                    )
                }
                None => return problem(404, "Order not found"),
            },
            other => return problem(501, &format!("the stand-in does not answer {other}")),
        };
        if let Err(e) = self.spec.check_answer(&operation, &answer) {
            books.off_spec.push(format!("the stand-in's answer to {operation} is off-spec: {e}"));
            return problem(500, "the stand-in's answer is off-spec");
        }
        ResponseTemplate::new(status).set_body_json(answer)
    }
}

fn find(books: &mut Books, key: &Value) -> Option<i64> {
    match key {
        Value::Number(n) => n.as_i64().filter(|id| books.orders.contains_key(id)),
        Value::String(s) => {
            let external = s.strip_prefix('@')?;
            books.orders.iter().find(|(_, o)| o["external_id"] == external).map(|(id, _)| *id)
        }
        _ => None,
    }
}

fn costs(status: &str) -> Value {
    let done = status == "done";
    let amount = |v: &str| if done { json!(v) } else { Value::Null };
    json!({
        "calculation_status": status, "currency": if done { json!("USD") } else { Value::Null },
        "subtotal": amount("9.95"), "discount": amount("0.00"), "shipping": amount("4.69"),
        "digitization": amount("0.00"), "additional_fee": amount("0.00"), "fulfillment_fee": amount("0.00"),
        "retail_delivery_fee": amount("0.00"), "vat": amount("0.00"), "tax": amount("0.00"), "total": amount("14.64"),
    })
}

/// The order Printful answers with, from what was sent.
fn order_json(id: i64, body: &Value, calculation: &str) -> Value {
    let r = &body["recipient"];
    let text = |v: &Value| json!(v.as_str().unwrap_or(""));
    let items: Vec<Value> = body["order_items"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, item)| {
            json!({
                "id": id * 10 + i as i64, "type": "order_item", "source": "catalog",
                "catalog_variant_id": item["catalog_variant_id"], "external_id": item["external_id"],
                "quantity": item["quantity"], "name": "Bella + Canvas 3001", "price": "9.95", "retail_price": "25.00",
                "currency": "USD", "retail_currency": "USD", "_links": {"self": {"href": "x"}},
            })
        })
        .collect();
    let link = json!({"href": format!("/v2/orders/{id}")});
    json!({
        "id": id, "external_id": body["external_id"], "store_id": STORE_ID.parse::<i64>().unwrap(),
        "shipping": body["shipping"].as_str().unwrap_or("STANDARD"), "status": "draft",
        "created_at": NOW, "updated_at": NOW,
        "recipient": {
            "name": text(&r["name"]), "company": "", "address1": text(&r["address1"]), "address2": text(&r["address2"]),
            "city": text(&r["city"]), "state_code": text(&r["state_code"]), "state_name": "",
            "country_code": text(&r["country_code"]), "country_name": "", "zip": text(&r["zip"]),
            "phone": "", "email": text(&r["email"]), "tax_number": "",
        },
        "costs": costs(calculation),
        "retail_costs": {
            "calculation_status": "done", "currency": "USD", "subtotal": null, "discount": "0.00",
            "shipping": "0.00", "vat": "0.00", "tax": "0.00", "total": null,
        },
        "order_items": items,
        "_links": {"self": link, "order_confirmation": link, "order_invoices": link, "order_items": link, "shipments": link},
    })
}

/// Printful's v2 event signature: hex HMAC-SHA-256 of the raw body, keyed
/// with the hex-decoded secret.
pub fn sign(secret_hex: &str, body: &[u8]) -> String {
    use hmac::Mac;
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(&hex::decode(secret_hex).unwrap()).unwrap();
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}
