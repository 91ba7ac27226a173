//! Validates responses against the app's OpenAPI document.
//!
//! The document is the one the `openapi` component serves, built here with the same merge code
//! (`functions/openapi/src/merge.rs`), so tests need no running server to get it. Response
//! schemas are JSON Schema 2020-12 (OpenAPI 3.1); `$ref`s into `#/components` resolve because
//! the validator's root schema carries the document's `components`.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

#[path = "../../functions/openapi/src/merge.rs"]
mod merge;

/// The repository root (this crate lives in `<repo>/tests`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `<repo>/spin.toml` as JSON.
pub fn load_manifest() -> Value {
    let path = repo_root().join("spin.toml");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("parsing {}: {e}", path.display()))
}

/// The merged OpenAPI document, built from `spin.toml` and every `functions/*/openapi.json`.
pub fn load_document() -> Value {
    let (doc, _) = merge::build_document(&load_manifest(), &repo_root().join("functions"))
        .unwrap_or_else(|e| panic!("building the OpenAPI document: {e}"));
    doc
}

/// Manifest routes the document does not describe (see `merge::undocumented_routes`).
pub fn undocumented_routes(doc: &Value, manifest: &Value) -> Vec<String> {
    merge::undocumented_routes(doc, manifest)
}

/// Panics with a readable message unless `body` is a valid response of `method path` with
/// `status` according to `doc`. `path` is concrete (`/api/v1/kb/7?x=1`); it is matched against
/// templated paths (`/api/v1/kb/{kb_id}`). An empty-bodied response (no `content`) expects
/// `body` to be `Value::Null`.
pub fn assert_response_matches(doc: &Value, method: &str, path: &str, status: u16, body: &Value) {
    if let Err(problem) = check_response(doc, method, path, status, body) {
        let mut shown = serde_json::to_string_pretty(body).unwrap_or_default();
        if shown.len() > 4000 {
            shown.truncate(4000);
            shown.push_str("\n…(truncated)");
        }
        panic!("{method} {path} → {status}: response does not match the OpenAPI document:\n{problem}\nbody:\n{shown}");
    }
}

/// [`assert_response_matches`] as a `Result`, for callers that want to inspect the failure.
pub fn check_response(
    doc: &Value,
    method: &str,
    path: &str,
    status: u16,
    body: &Value,
) -> Result<(), String> {
    let (template, response) = match find_operation(doc, method, path) {
        Ok((template, operation)) => (
            template,
            pick_response(doc, operation, status)
                .map_err(|e| format!("operation {method} {template}: {e}"))?,
        ),
        // A method the path does not document is answered by the shared 405 response.
        Err(OperationLookup::NoMethod(template)) if status == 405 => (
            template,
            doc.pointer("/components/responses/MethodNotAllowed")
                .ok_or("405 for an undocumented method, and the document has no components.responses.MethodNotAllowed")
                .and_then(|r| resolve_ref(doc, r).map_err(|_| "unresolvable MethodNotAllowed"))?,
        ),
        Err(e) => return Err(e.to_string()),
    };
    let Some(content) = response.get("content").and_then(Value::as_object) else {
        return if body.is_null() {
            Ok(())
        } else {
            Err(format!(
                "{method} {template} documents no body for {status}, but one was returned"
            ))
        };
    };
    let schema = content
        .iter()
        .find(|(media, _)| media.starts_with("application/json") || media.ends_with("+json"))
        .and_then(|(_, media)| media.get("schema"))
        .ok_or_else(|| format!("{method} {template} {status} has no JSON schema"))?;
    validate(doc, schema, body)
}

/// Why [`find_operation`] found nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OperationLookup<'d> {
    NoDocumentPaths,
    NoPath(String),
    /// The path template exists but documents no operation for the method.
    NoMethod(&'d str),
}

impl std::fmt::Display for OperationLookup<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NoDocumentPaths => write!(f, "the document has no `paths` object"),
            Self::NoPath(path) => write!(f, "no path in the document matches {path}"),
            Self::NoMethod(template) => write!(f, "{template} documents no such method"),
        }
    }
}

/// The operation for `method` on the first path template matching `path` (query ignored).
pub fn find_operation<'d>(
    doc: &'d Value,
    method: &str,
    path: &str,
) -> Result<(&'d str, &'d Value), OperationLookup<'d>> {
    let path = path.split_once('?').map_or(path, |(p, _)| p);
    let paths = doc["paths"]
        .as_object()
        .ok_or(OperationLookup::NoDocumentPaths)?;
    // Literal paths win over templates, as OpenAPI requires.
    let (template, item) = paths
        .iter()
        .find(|(t, _)| t.as_str() == path)
        .or_else(|| paths.iter().find(|(t, _)| template_matches(t, path)))
        .ok_or_else(|| OperationLookup::NoPath(path.to_string()))?;
    let operation = item
        .get(method.to_ascii_lowercase())
        .ok_or(OperationLookup::NoMethod(template.as_str()))?;
    Ok((template.as_str(), operation))
}

/// `/kb/{kb_id}` matches `/kb/7`: same segment count, `{…}` matches one non-empty segment.
pub fn template_matches(template: &str, path: &str) -> bool {
    let t: Vec<&str> = template.split('/').collect();
    let p: Vec<&str> = path.split('/').collect();
    t.len() == p.len()
        && t.iter()
            .zip(&p)
            .all(|(t, p)| (t.starts_with('{') && t.ends_with('}') && !p.is_empty()) || t == p)
}

/// The response object for `status`: exact code, then `4XX`-style range, then `default`;
/// a `$ref` to `#/components/responses/…` is followed.
fn pick_response<'d>(
    doc: &'d Value,
    operation: &'d Value,
    status: u16,
) -> Result<&'d Value, String> {
    let responses = operation["responses"]
        .as_object()
        .ok_or("operation has no `responses`")?;
    let range = format!("{}XX", status / 100);
    let response = responses
        .get(&status.to_string())
        .or_else(|| responses.get(&range))
        .or_else(|| responses.get(&range.to_ascii_lowercase()))
        .or_else(|| responses.get("default"))
        .ok_or_else(|| {
            let documented: Vec<_> = responses.keys().cloned().collect();
            format!(
                "status {status} is not documented (documented: {})",
                documented.join(", ")
            )
        })?;
    resolve_ref(doc, response)
}

fn resolve_ref<'d>(doc: &'d Value, mut value: &'d Value) -> Result<&'d Value, String> {
    // Bounded so a reference cycle cannot hang the test.
    for _ in 0..16 {
        let Some(target) = value.get("$ref").and_then(Value::as_str) else {
            return Ok(value);
        };
        value = target
            .strip_prefix('#')
            .and_then(|pointer| doc.pointer(pointer))
            .ok_or_else(|| format!("unresolvable $ref {target}"))?;
    }
    Err("$ref chain too long".into())
}

fn validate(doc: &Value, schema: &Value, body: &Value) -> Result<(), String> {
    // The schema is wrapped so that its `#/components/...` refs resolve against a root that holds
    // the document's components.
    let root = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "allOf": [schema],
        "components": doc.get("components").cloned().unwrap_or(Value::Null),
    });
    let validator = jsonschema::draft202012::new(&root)
        .map_err(|e| format!("the documented schema is invalid: {e}"))?;
    let problems: Vec<String> = validator
        .iter_errors(body)
        .map(|e| {
            let at = e.instance_path().to_string();
            format!("  at {}: {e}", if at.is_empty() { "/" } else { &at })
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny_doc() -> Value {
        json!({
            "openapi": "3.1.0",
            "paths": {
                "/kb/{kb_id}": { "get": { "responses": {
                    "200": { "description": "ok", "content": { "application/json": {
                        "schema": { "$ref": "#/components/schemas/Kb" } } } },
                    "304": { "description": "not modified" },
                    "default": { "$ref": "#/components/responses/Problem" }
                } } },
                "/kb/special": { "get": { "responses": {
                    "200": { "description": "ok", "content": { "application/json": {
                        "schema": { "type": "string" } } } }
                } } }
            },
            "components": {
                "schemas": {
                    "Kb": {
                        "type": "object",
                        "required": ["id", "state"],
                        "properties": {
                            "id": { "type": "integer" },
                            "state": { "$ref": "#/components/schemas/State" }
                        }
                    },
                    "State": { "type": "string", "enum": ["ready", "indexing"] },
                    "Error": { "type": "object", "required": ["error"] }
                },
                "responses": {
                    "Problem": { "description": "error", "content": { "application/json": {
                        "schema": { "$ref": "#/components/schemas/Error" } } } }
                }
            }
        })
    }

    #[test]
    fn valid_response_through_nested_refs_and_template_path() {
        let doc = tiny_doc();
        assert_response_matches(
            &doc,
            "GET",
            "/kb/7?verbose=1",
            200,
            &json!({"id": 7, "state": "ready"}),
        );
    }

    #[test]
    fn invalid_enum_and_missing_field_are_reported_with_location() {
        let doc = tiny_doc();
        let e = check_response(
            &doc,
            "GET",
            "/kb/7",
            200,
            &json!({"id": 7, "state": "gone"}),
        )
        .unwrap_err();
        assert!(e.contains("/state"), "{e}");
        let e = check_response(&doc, "GET", "/kb/7", 200, &json!({"state": "ready"})).unwrap_err();
        assert!(e.contains("id"), "{e}");
    }

    #[test]
    #[should_panic(expected = "does not match the OpenAPI document")]
    fn assert_panics_on_mismatch() {
        assert_response_matches(
            &tiny_doc(),
            "GET",
            "/kb/7",
            200,
            &json!({"id": "seven", "state": "ready"}),
        );
    }

    #[test]
    fn default_response_and_empty_bodies() {
        let doc = tiny_doc();
        assert!(check_response(&doc, "GET", "/kb/7", 404, &json!({"error": {}})).is_ok());
        assert!(check_response(&doc, "GET", "/kb/7", 404, &json!({"nope": 1})).is_err());
        assert!(check_response(&doc, "GET", "/kb/7", 304, &Value::Null).is_ok());
        assert!(check_response(&doc, "GET", "/kb/7", 304, &json!({})).is_err());
    }

    #[test]
    fn literal_path_beats_template_and_unknowns_fail() {
        let doc = tiny_doc();
        assert!(check_response(&doc, "GET", "/kb/special", 200, &json!("x")).is_ok());
        assert!(check_response(&doc, "GET", "/nowhere", 200, &json!({}))
            .unwrap_err()
            .contains("no path"));
        assert!(check_response(&doc, "POST", "/kb/7", 200, &json!({}))
            .unwrap_err()
            .contains("no such method"));
        assert!(!template_matches("/kb/{id}", "/kb/"));
        assert!(!template_matches("/kb/{id}", "/kb/1/x"));
    }

    #[test]
    fn status_without_default_is_undocumented() {
        let doc = tiny_doc();
        let e = check_response(&doc, "GET", "/kb/special", 500, &json!({})).unwrap_err();
        assert!(e.contains("500 is not documented"), "{e}");
    }

    #[test]
    fn the_real_document_builds_and_describes_health() {
        let doc = load_document();
        let (template, _) = find_operation(&doc, "GET", "/api/v1/health").unwrap();
        assert_eq!(template, "/api/v1/health");
        let ok_body = json!({
            "status": "ok",
            "app": {"name": "english-assistant", "version": "0.1.0"},
            "components": [{"id": "health", "route": "/api/v1/health", "description": null}],
            "checks": {
                "sqlite": {"status": "ok", "latency_ms": 0.4},
                "key_value": {"default": {"status": "ok", "latency_ms": 1.0}},
                "postgres": {"status": "not_configured", "latency_ms": 0.0},
                "redis": {"status": "error", "latency_ms": 3.0, "error": "connect: refused"}
            },
            "request_id": "r-1"
        });
        assert_response_matches(&doc, "GET", "/api/v1/health", 503, &ok_body);
        // An error check must say why.
        let mut bad = ok_body.clone();
        bad["checks"]["redis"] = json!({"status": "error", "latency_ms": 3.0});
        assert!(check_response(&doc, "GET", "/api/v1/health", 503, &bad).is_err());
        let err =
            json!({"error": {"code": "method_not_allowed", "message": "no", "details": null}});
        assert_response_matches(&doc, "POST", "/api/v1/health", 405, &err);
        assert!(check_response(&doc, "GET", "/api/v1/health", 200, &err).is_err());
        assert!(check_response(&doc, "POST", "/api/v1/health", 200, &ok_body).is_err());
    }
}
