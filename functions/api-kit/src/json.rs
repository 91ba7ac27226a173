//! JSON request bodies: content-type check, syntax errors with positions, and data errors with
//! the path of the offending field.

use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use crate::{ApiError, Headers};

/// Parses a JSON request body.
///
/// - a `Content-Type` that is present but not JSON → 415 `unsupported_media_type`
///   (no `Content-Type` at all is accepted: many clients omit it for JSON);
/// - malformed JSON → 400 `invalid_json` with `details.line` / `details.column`;
/// - well-formed JSON of the wrong shape → 422 `invalid_request` with `details.path`
///   (e.g. `items[0].name`).
pub fn parse_json<T: DeserializeOwned>(headers: &Headers, body: &[u8]) -> Result<T, ApiError> {
    if let Some(content_type) = headers.get("content-type") {
        if !is_json_media_type(content_type) {
            return Err(ApiError::unsupported_media_type(format!(
                "expected an application/json body, got {content_type:?}"
            ))
            .with_details(json!({ "expected": "application/json" })));
        }
    }

    let mut de = serde_json::Deserializer::from_slice(body);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        classify(e.into_inner(), Some(path))
    })?;
    // Trailing garbage after a valid value is a syntax error, as in `serde_json::from_slice`.
    de.end().map_err(|e| classify(e, None))?;
    Ok(value)
}

/// `application/json` or any `+json` structured syntax suffix, parameters ignored.
pub fn is_json_media_type(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

fn classify(e: serde_json::Error, path: Option<String>) -> ApiError {
    use serde_json::error::Category;
    match e.classify() {
        Category::Data => {
            let path = path.unwrap_or_else(|| ".".to_string());
            ApiError::unprocessable(
                "invalid_request",
                format!("invalid request body at {path}: {e}"),
            )
            .with_details(json!({ "path": path, "line": e.line(), "column": e.column() }))
        }
        Category::Syntax | Category::Eof | Category::Io => {
            let mut details = serde_json::Map::new();
            details.insert("line".into(), Value::from(e.line()));
            details.insert("column".into(), Value::from(e.column()));
            ApiError::new(
                400,
                "invalid_json",
                format!("request body is not valid JSON: {e}"),
            )
            .with_details(Value::Object(details))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Order {
        customer: String,
        items: Vec<Item>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Item {
        name: String,
        qty: u32,
    }

    fn json_headers() -> Headers {
        Headers::new().with("Content-Type", "application/json; charset=utf-8")
    }

    #[test]
    fn parses_valid_json() {
        let order: Order = parse_json(
            &json_headers(),
            br#"{"customer":"ann","items":[{"name":"tea","qty":2}]}"#,
        )
        .unwrap();
        assert_eq!(order.items[0].qty, 2);
    }

    #[test]
    fn missing_content_type_is_accepted_and_plus_json_too() {
        let v: Value = parse_json(&Headers::new(), b"{}").unwrap();
        assert_eq!(v, json!({}));
        let h = Headers::new().with("content-type", "application/merge-patch+json");
        let _: Value = parse_json(&h, b"{}").unwrap();
    }

    #[test]
    fn non_json_content_type_is_415() {
        let h = Headers::new().with("content-type", "text/plain");
        let err = parse_json::<Value>(&h, b"{}").unwrap_err();
        assert_eq!(err.status, 415);
        assert_eq!(err.code, "unsupported_media_type");
    }

    #[test]
    fn syntax_error_is_400_with_position() {
        let err = parse_json::<Value>(&json_headers(), b"{\"a\": 1,\n  \"b\": ]}").unwrap_err();
        assert_eq!(err.status, 400);
        assert_eq!(err.code, "invalid_json");
        let details = err.details.unwrap();
        assert_eq!(details["line"], 2);
        assert!(details["column"].as_u64().unwrap() > 0);
    }

    #[test]
    fn empty_body_and_trailing_garbage_are_400() {
        for body in [b"".as_slice(), b"{} x"] {
            let err = parse_json::<Value>(&json_headers(), body).unwrap_err();
            assert_eq!(err.status, 400, "{:?}", String::from_utf8_lossy(body));
        }
    }

    #[test]
    fn wrong_type_is_422_with_field_path() {
        let err = parse_json::<Order>(
            &json_headers(),
            br#"{"customer":"ann","items":[{"name":"tea","qty":"two"}]}"#,
        )
        .unwrap_err();
        assert_eq!(err.status, 422);
        assert_eq!(err.code, "invalid_request");
        assert_eq!(err.details.unwrap()["path"], "items[0].qty");
    }

    #[test]
    fn missing_field_is_422_naming_the_field() {
        let err = parse_json::<Order>(&json_headers(), br#"{"items":[]}"#).unwrap_err();
        assert_eq!(err.status, 422);
        assert!(err.message.contains("customer"), "{}", err.message);
    }
}
