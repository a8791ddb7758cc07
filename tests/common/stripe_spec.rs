//! Checks the requests popshop sends to Stripe against Stripe's own parameter
//! definitions: the request schemas of Stripe's published OpenAPI spec, cut
//! down by `scripts/stripe-spec-subset` to `tests/fixtures/stripe_openapi_subset.json`.
//!
//! Like Stripe, [`StripeSpec::check`] builds nested parameters from bracket keys
//! (`line_items[0][price_data][currency]=usd`), then walks schema and values
//! together, refusing what Stripe refuses with a Stripe-like message.

use serde_json::{Map, Value};
use std::collections::BTreeMap;

const SUBSET: &str = include_str!("../fixtures/stripe_openapi_subset.json");

/// Stripe's request parameter schemas for the operations popshop calls.
pub struct StripeSpec {
    source: String,
    operations: Map<String, Value>,
}

/// One parameter as Stripe parses it: a plain value, or a hash of named (or
/// indexed, for arrays) children.
enum Param {
    Value(String),
    Hash(BTreeMap<String, Param>),
}

impl StripeSpec {
    /// The subset of Stripe's spec bundled with the tests.
    pub fn load() -> Self {
        let mut subset: Value = serde_json::from_str(SUBSET).expect("the bundled Stripe spec subset is JSON");
        let source = subset["source"].as_str().unwrap_or("an unknown spec").to_owned();
        let Value::Object(operations) = subset["operations"].take() else {
            panic!("the bundled Stripe spec subset has no operations");
        };
        Self { source, operations }
    }

    /// Where the schemas come from: repository, commit and API version.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Checks the decoded form pairs (the body of a POST, the query of a GET)
    /// of `operation`, such as `"POST /v1/checkout/sessions"`.
    pub fn check(&self, operation: &str, form_pairs: &[(String, String)]) -> Result<(), String> {
        let op = self
            .operations
            .get(operation)
            .ok_or_else(|| format!("{operation} is not in the Stripe spec subset ({})", self.source))?;
        let schema =
            op.get("body").or_else(|| op.get("query")).ok_or_else(|| format!("{operation} has no parameter schema"))?;
        let mut root = BTreeMap::new();
        for (key, value) in form_pairs {
            insert(&mut root, &split_key(key)?, value, key)?;
        }
        validate(schema, &Param::Hash(root), "")
    }

    /// [`Self::check`] for a raw `application/x-www-form-urlencoded` body or
    /// query string, brackets percent-encoded or not.
    pub fn check_encoded(&self, operation: &str, encoded: &[u8]) -> Result<(), String> {
        let pairs: Vec<(String, String)> = form_urlencoded::parse(encoded).into_owned().collect();
        self.check(operation, &pairs)
    }
}

/// `a[b][0][c]` is `["a", "b", "0", "c"]`; an empty `[]` appends to an array.
fn split_key(key: &str) -> Result<Vec<&str>, String> {
    let invalid = || format!("Invalid parameter name: {key}");
    let (head, mut rest) = key.split_at(key.find('[').unwrap_or(key.len()));
    if head.is_empty() {
        return Err(invalid());
    }
    let mut path = vec![head];
    while !rest.is_empty() {
        let (segment, tail) = rest.strip_prefix('[').and_then(|r| r.split_once(']')).ok_or_else(invalid)?;
        if segment.contains('[') {
            return Err(invalid());
        }
        path.push(segment);
        rest = tail;
    }
    Ok(path)
}

fn insert(hash: &mut BTreeMap<String, Param>, path: &[&str], value: &str, key: &str) -> Result<(), String> {
    let Some((first, rest)) = path.split_first() else {
        return Ok(());
    };
    let name = if first.is_empty() { hash.len().to_string() } else { (*first).to_owned() };
    let clash = || format!("Invalid parameter {key}: a parameter can't be both a value and a hash");
    if rest.is_empty() {
        if matches!(hash.get(&name), Some(Param::Hash(_))) {
            return Err(clash());
        }
        // As at Stripe, the last of repeated keys wins.
        hash.insert(name, Param::Value(value.to_owned()));
        return Ok(());
    }
    match hash.entry(name).or_insert_with(|| Param::Hash(BTreeMap::new())) {
        Param::Hash(child) => insert(child, rest, value, key),
        Param::Value(_) => Err(clash()),
    }
}

fn child_name(parent: &str, key: &str) -> String {
    if parent.is_empty() { key.to_owned() } else { format!("{parent}[{key}]") }
}

/// Checks `param`, called `name` in messages, against `schema`.
fn validate(schema: &Value, param: &Param, name: &str) -> Result<(), String> {
    // No schema, or one the subset script cut short at a `$ref` cycle: anything goes.
    if schema.as_object().is_none_or(Map::is_empty) {
        return Ok(());
    }
    if let Some(branches) = schema.get("anyOf").and_then(Value::as_array) {
        let mut first_error = None;
        for branch in branches {
            match validate(branch, param, name) {
                Ok(()) => return Ok(()),
                Err(error) if first_error.is_none() => first_error = Some(error),
                Err(_) => {}
            }
        }
        return Err(first_error.unwrap_or_else(|| format!("Invalid {name}")));
    }
    let kind = schema.get("type").and_then(Value::as_str);
    match (kind, param) {
        (Some("object"), Param::Hash(hash)) => validate_hash(schema, hash, name),
        (Some("array"), Param::Hash(hash)) => validate_array(schema, hash, name),
        (None, Param::Hash(_)) => Ok(()),
        (Some(kind), Param::Hash(_)) => Err(format!("Invalid {kind}: {name} must be a {kind}, not a hash")),
        (_, Param::Value(value)) if value.is_empty() => unset(schema, name),
        (Some("object"), Param::Value(_)) => Err(format!("Invalid hash: {name} must be a hash")),
        (Some("array"), Param::Value(_)) => Err(format!("Invalid array: {name} must be an array")),
        (_, Param::Value(value)) => validate_value(schema, kind, value, name),
    }
}

fn validate_hash(schema: &Value, hash: &BTreeMap<String, Param>, name: &str) -> Result<(), String> {
    let properties = schema.get("properties").and_then(Value::as_object);
    // A schema here (metadata's `{"type": "string"}`) frees the keys; `false` or none doesn't.
    let free_keys = schema.get("additionalProperties").filter(|extra| extra.is_object());
    for (key, param) in hash {
        let child = child_name(name, key);
        match (properties.and_then(|p| p.get(key)), free_keys) {
            (Some(property), _) => validate(property, param, &child)?,
            // A free key is unset with an empty value.
            (None, Some(_)) if matches!(param, Param::Value(v) if v.is_empty()) => {}
            (None, Some(values)) => validate(values, param, &child)?,
            (None, None) => return Err(format!("Received unknown parameter: {child}")),
        }
    }
    let required = schema.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str);
    for key in required {
        if !hash.contains_key(key) {
            return Err(format!("Missing required param: {}.", child_name(name, key)));
        }
    }
    Ok(())
}

fn validate_array(schema: &Value, hash: &BTreeMap<String, Param>, name: &str) -> Result<(), String> {
    let mut items = Vec::with_capacity(hash.len());
    for (index, param) in hash {
        let position = Some(index)
            .filter(|i| !i.is_empty() && i.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|i| i.parse::<usize>().ok())
            .ok_or_else(|| format!("Invalid array: {name}[{index}] (an array takes integer indexes)"))?;
        items.push((position, index, param));
    }
    items.sort_by_key(|(position, ..)| *position);
    let item_schema = schema.get("items").unwrap_or(&Value::Null);
    for (_, index, param) in items {
        validate(item_schema, param, &format!("{name}[{index}]"))?;
    }
    Ok(())
}

/// Whether the schema's enum lists `value`; `None` without an enum.
fn enum_allows(schema: &Value, value: &str) -> Option<bool> {
    schema.get("enum").and_then(Value::as_array).map(|values| values.iter().any(|v| v.as_str() == Some(value)))
}

/// An empty value asks Stripe to unset a parameter: only those whose schema
/// lists `""` can be.
fn unset(schema: &Value, name: &str) -> Result<(), String> {
    if enum_allows(schema, "") == Some(true) {
        return Ok(());
    }
    Err(format!(
        "You passed an empty string for '{name}'. We assume empty values are an attempt to unset a parameter; \
         however '{name}' cannot be unset. You should remove '{name}' from your request or supply a non-empty value."
    ))
}

fn validate_value(schema: &Value, kind: Option<&str>, value: &str, name: &str) -> Result<(), String> {
    let format = schema.get("format").and_then(Value::as_str);
    let valid = match (kind, format) {
        (Some("integer"), _) => is_integer(value),
        (Some("number"), _) | (_, Some("decimal")) => is_number(value),
        (Some("boolean"), _) => value == "true" || value == "false",
        (_, Some("currency")) => value.len() == 3 && value.bytes().all(|b| b.is_ascii_alphabetic()),
        _ => true,
    };
    if !valid {
        let what = format.filter(|f| matches!(*f, "decimal" | "currency")).or(kind).unwrap_or("value");
        return Err(format!("Invalid {what}: {value} (param: {name})"));
    }
    if enum_allows(schema, value) == Some(false) {
        let values: Vec<&str> = schema["enum"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
        return Err(format!("Invalid {name}: must be one of {}", values.join(", ")));
    }
    let max = schema.get("maxLength").and_then(Value::as_u64).unwrap_or(u64::MAX);
    if value.chars().count() as u64 > max {
        let shown: String = value.chars().take(40).collect();
        return Err(format!("Invalid string: {shown}...; must be at most {max} characters (param: {name})"));
    }
    Ok(())
}

fn is_integer(value: &str) -> bool {
    let digits = value.strip_prefix('-').unwrap_or(value);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && value.parse::<i64>().is_ok()
}

fn is_number(value: &str) -> bool {
    value.bytes().all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b)) && value.parse::<f64>().is_ok_and(f64::is_finite)
}

#[cfg(test)]
mod tests {
    use super::StripeSpec;

    const CREATE: &str = "POST /v1/checkout/sessions";

    fn pairs(raw: &[(&str, &str)]) -> Vec<(String, String)> {
        raw.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    /// The body popshop sends to create a Checkout Session.
    fn session_body() -> Vec<(String, String)> {
        pairs(&[
            ("cancel_url", "https://popshop.test/s/slogan?cancelled=1"),
            ("client_reference_id", "0b9e6f0c-5d43-4a55-9d1e-3f1f8f7c2a10"),
            ("expires_at", "1767225600"),
            ("line_items[0][price_data][currency]", "usd"),
            ("line_items[0][price_data][product_data][name]", "I SURVIVED THE STANDUP tee, M"),
            ("line_items[0][price_data][product_data][images][0]", "https://popshop.test/s/slogan/card.png"),
            ("line_items[0][price_data][unit_amount]", "2500"),
            ("line_items[0][quantity]", "2"),
            ("metadata[order_id]", "0b9e6f0c-5d43-4a55-9d1e-3f1f8f7c2a10"),
            ("mode", "payment"),
            ("shipping_address_collection[allowed_countries][0]", "US"),
            ("success_url", "https://popshop.test/orders/0b9e6f0c"),
        ])
    }

    /// The session body with `changes` replacing (or adding) parameters.
    fn session_with(changes: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut body = session_body();
        for (key, value) in changes {
            body.retain(|(k, _)| k != key);
            body.push(((*key).to_owned(), (*value).to_owned()));
        }
        body
    }

    #[test]
    fn the_session_popshop_creates_is_valid() {
        let spec = StripeSpec::load();
        assert_eq!(spec.check(CREATE, &session_body()), Ok(()), "spec: {}", spec.source());
    }

    #[test]
    fn unknown_parameters_are_refused_like_stripe_does() {
        let spec = StripeSpec::load();
        let body = session_with(&[("line_items[0][foo]", "1")]);
        assert_eq!(spec.check(CREATE, &body), Err("Received unknown parameter: line_items[0][foo]".to_owned()));
        assert!(spec.check(CREATE, &session_with(&[("payment_method_types[0]", "card")])).is_err());
    }

    #[test]
    fn enum_violations_and_non_integer_expiry_are_refused() {
        let spec = StripeSpec::load();
        let error = spec.check(CREATE, &session_with(&[("mode", "subscriptionx")])).unwrap_err();
        assert_eq!(error, "Invalid mode: must be one of payment, setup, subscription");
        let error = spec.check(CREATE, &session_with(&[("expires_at", "abc")])).unwrap_err();
        assert_eq!(error, "Invalid integer: abc (param: expires_at)");
    }

    #[test]
    fn nested_known_parameters_pass() {
        let spec = StripeSpec::load();
        assert_eq!(spec.check(CREATE, &pairs(&[("line_items[0][quantity]", "2")])), Ok(()));
        assert_eq!(spec.check(CREATE, &pairs(&[("payment_intent_data[application_fee_amount]", "100")])), Ok(()));
    }

    #[test]
    fn shapes_lengths_and_required_params_are_checked() {
        let spec = StripeSpec::load();
        let long = "x".repeat(201);
        for (change, expected) in [
            (("payment_intent_data", "oops"), "Invalid hash"),
            (("line_items[first][quantity]", "2"), "Invalid array"),
            (("customer_email[x]", "a@popshop.test"), "Invalid string"),
            (("client_reference_id", long.as_str()), "Invalid string: xxx"),
            (("cancel_url", ""), "You passed an empty string for 'cancel_url'"),
            (("line_items[0][quantity]", "two"), "Invalid integer: two"),
            (("line_items[0][price_data][currency]", "dollars"), "Invalid currency: dollars"),
            (("shipping_address_collection[allowed_countries][0]", "XX"), "Invalid shipping_address_collection"),
        ] {
            let error = spec.check(CREATE, &session_with(&[change])).unwrap_err();
            assert!(error.starts_with(expected), "{change:?}: {error}");
        }
        let nameless = session_body().into_iter().filter(|(k, _)| !k.ends_with("[name]")).collect::<Vec<_>>();
        let error = spec.check(CREATE, &nameless).unwrap_err();
        assert_eq!(error, "Missing required param: line_items[0][price_data][product_data][name].");
    }

    #[test]
    fn the_other_calls_popshop_makes_are_valid() {
        let spec = StripeSpec::load();
        let refund = pairs(&[("payment_intent", "pi_123"), ("reason", "requested_by_customer")]);
        assert_eq!(spec.check("POST /v1/refunds", &refund), Ok(()));
        assert_eq!(spec.check("POST /v1/checkout/sessions/{session}/expire", &[]), Ok(()));
        let retrieve = "GET /v1/checkout/sessions/{session}";
        assert_eq!(spec.check_encoded(retrieve, b"expand%5B0%5D=payment_intent"), Ok(()));
        assert!(spec.check_encoded(retrieve, b"expand=payment_intent").unwrap_err().starts_with("Invalid array"));
        assert_eq!(spec.check_encoded("GET /v1/checkout/sessions", b"payment_intent=pi_123&limit=1"), Ok(()));
        assert!(spec.check("DELETE /v1/checkout/sessions", &[]).is_err());
    }
}
