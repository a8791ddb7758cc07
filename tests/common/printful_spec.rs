//! Checks what popshop sends to Printful (and what the stand-in answers)
//! against Printful's published API v2 reference: the schemas of the
//! OpenAPI spec, cut down by `scripts/printful-spec-subset` to
//! `tests/fixtures/printful_openapi_subset.json` (its source is in
//! `fixtures/printful/README.md`).
//!
//! The checker knows the keywords the subset uses: `type` (with `nullable`),
//! `properties`, `required`, `enum`, `items`, `anyOf`, `minimum`, `maximum`
//! and `additionalProperties`. The spec never sets `additionalProperties` on
//! bodies, so Printful would silently drop a misspelt key; the checker
//! refuses unknown keys in requests (popshop's choice: a dropped key is a
//! lost address line) and allows them in answers.

use serde_json::{Map, Value};

const SUBSET: &str = include_str!("../fixtures/printful_openapi_subset.json");

pub struct PrintfulSpec {
    pub source: String,
    operations: Map<String, Value>,
    webhooks: Map<String, Value>,
}

/// Whether unknown keys are refused (requests) or allowed (answers, events).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Strict {
    Request,
    Answer,
}

impl PrintfulSpec {
    pub fn load() -> Self {
        let mut subset: Value = serde_json::from_str(SUBSET).expect("the bundled Printful spec subset is JSON");
        let source = subset["source"].as_str().unwrap_or("an unknown spec").to_owned();
        let Value::Object(operations) = subset["operations"].take() else { panic!("no operations in the subset") };
        let Value::Object(webhooks) = subset["webhooks"].take() else { panic!("no webhooks in the subset") };
        Self { source, operations, webhooks }
    }

    /// The operation (`"POST /v2/orders"`) a request's method and path are,
    /// with its path parameters.
    pub fn operation(&self, method: &str, path: &str) -> Option<(String, Map<String, Value>)> {
        let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
        for key in self.operations.keys() {
            let Some((m, template)) = key.split_once(' ') else { continue };
            let parts: Vec<&str> = template.split('/').collect();
            if m != method || parts.len() != segments.len() {
                continue;
            }
            let mut params = Map::new();
            let fits =
                parts.iter().zip(&segments).all(|(t, s)| match t.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
                    Some(name) => {
                        let value = s.parse::<i64>().map(Value::from).unwrap_or_else(|_| Value::from(*s));
                        params.insert(name.to_owned(), value);
                        true
                    }
                    None => t == s,
                });
            if fits {
                return Some((key.clone(), params));
            }
        }
        None
    }

    /// Checks one request: headers, path parameters, query, JSON body.
    pub fn check_request(
        &self,
        operation: &str,
        headers: &Map<String, Value>,
        path: &Map<String, Value>,
        query: &Map<String, Value>,
        body: Option<&Value>,
    ) -> Result<(), String> {
        let op = self.operations.get(operation).ok_or_else(|| format!("{operation} is not in the subset"))?;
        if let Some(schema) = op.get("headers") {
            // Other headers (Authorization, Content-Type…) are HTTP's, not the operation's.
            let known: Map<String, Value> = headers
                .iter()
                .filter(|(k, _)| {
                    schema["properties"].as_object().is_some_and(|p| p.keys().any(|n| n.eq_ignore_ascii_case(k)))
                })
                .map(|(k, v)| {
                    let name =
                        schema["properties"].as_object().and_then(|p| p.keys().find(|n| n.eq_ignore_ascii_case(k)));
                    (name.cloned().unwrap_or_else(|| k.clone()), v.clone())
                })
                .collect();
            validate(schema, &Value::Object(known), "header", Strict::Request)?;
        }
        if let Some(schema) = op.get("path") {
            validate(schema, &Value::Object(path.clone()), "path", Strict::Request)?;
        }
        match (op.get("query"), query.is_empty()) {
            (Some(schema), _) => validate(schema, &Value::Object(query.clone()), "query", Strict::Request)?,
            (None, false) => return Err(format!("{operation} takes no query parameters: {query:?}")),
            (None, true) => {}
        }
        match (op.get("body"), body) {
            (Some(schema), Some(body)) => validate(schema, body, "body", Strict::Request),
            (Some(_), None) if op["body_required"] == true => Err(format!("{operation} needs a body")),
            (None, Some(body)) if !body.is_null() => Err(format!("{operation} takes no body")),
            _ => Ok(()),
        }
    }

    /// Checks an answer the stand-in gives against the operation's 2xx schema.
    pub fn check_answer(&self, operation: &str, answer: &Value) -> Result<(), String> {
        let op = self.operations.get(operation).ok_or_else(|| format!("{operation} is not in the subset"))?;
        match op.get("response") {
            Some(schema) => validate(schema, answer, "response", Strict::Answer),
            None => Ok(()),
        }
    }

    /// Checks a webhook event body against its published schema.
    pub fn check_event(&self, kind: &str, event: &Value) -> Result<(), String> {
        let schema = self.webhooks.get(kind).ok_or_else(|| format!("event {kind} is not in the subset"))?;
        validate(&schema["body"], event, "event", Strict::Answer)
    }
}

/// Walks `schema` and `value` together.
pub fn validate(schema: &Value, value: &Value, at: &str, strict: Strict) -> Result<(), String> {
    if schema.as_object().is_none_or(Map::is_empty) {
        return Ok(());
    }
    if value.is_null() {
        return if schema["nullable"] == true || schema.get("type").is_none() && schema.get("anyOf").is_none() {
            Ok(())
        } else {
            Err(format!("{at} may not be null"))
        };
    }
    if let Some(branches) = schema.get("anyOf").and_then(Value::as_array) {
        let errors: Vec<String> = branches.iter().filter_map(|b| validate(b, value, at, strict).err()).collect();
        return if errors.len() < branches.len() {
            Ok(())
        } else {
            Err(format!("{at} matches none of its forms: {}", errors.join(" / ")))
        };
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array)
        && !values.contains(value)
    {
        return Err(format!("{at} is {value}, not one of {values:?}"));
    }
    match schema.get("type").and_then(Value::as_str) {
        Some("object") => {
            let object = value.as_object().ok_or_else(|| format!("{at} must be an object, not {value}"))?;
            let properties = schema.get("properties").and_then(Value::as_object);
            let extra = schema.get("additionalProperties");
            for (key, child) in object {
                let name = format!("{at}.{key}");
                match properties.and_then(|p| p.get(key)) {
                    Some(property) => validate(property, child, &name, strict)?,
                    None if extra == Some(&Value::Bool(false)) => return Err(format!("{name} is not a parameter")),
                    None if extra.is_some_and(Value::is_object) => {
                        validate(&extra.cloned().unwrap_or_default(), child, &name, strict)?
                    }
                    None if strict == Strict::Request && properties.is_some() => {
                        return Err(format!("{name} is not in Printful's schema"));
                    }
                    None => {}
                }
            }
            for key in schema.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str)
            {
                if !object.contains_key(key) {
                    return Err(format!("{at}.{key} is required"));
                }
            }
            Ok(())
        }
        Some("array") => {
            let items = value.as_array().ok_or_else(|| format!("{at} must be an array, not {value}"))?;
            for (i, item) in items.iter().enumerate() {
                validate(schema.get("items").unwrap_or(&Value::Null), item, &format!("{at}[{i}]"), strict)?;
            }
            Ok(())
        }
        Some("string") => value.is_string().then_some(()).ok_or_else(|| format!("{at} must be a string, not {value}")),
        Some("boolean") => {
            value.is_boolean().then_some(()).ok_or_else(|| format!("{at} must be a boolean, not {value}"))
        }
        Some(kind @ ("integer" | "number")) => {
            let n = value.as_f64().ok_or_else(|| format!("{at} must be a number, not {value}"))?;
            if kind == "integer" && !(value.is_i64() || value.is_u64()) {
                return Err(format!("{at} must be an integer, not {value}"));
            }
            if schema.get("minimum").and_then(Value::as_f64).is_some_and(|min| n < min) {
                return Err(format!("{at} is below its minimum"));
            }
            if schema.get("maximum").and_then(Value::as_f64).is_some_and(|max| n > max) {
                return Err(format!("{at} is above its maximum"));
            }
            Ok(())
        }
        _ => Ok(()),
    }
}
