//! Builds the app's OpenAPI 3.1 document from the per-function fragments
//! `functions/<name>/openapi.json` and the Spin manifest.
//!
//! Plain Rust over `serde_json` and `std` only, because it is compiled three times: by the
//! `openapi` build script (which embeds the result), by the e2e manifest test (which checks every
//! route is documented) and by the e2e response validator — one implementation for all.
#![allow(dead_code)] // each includer uses a different subset

use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value};

/// Component sections a fragment may contribute to; names must be unique across the document.
const COMPONENT_SECTIONS: &[&str] = &[
    "schemas",
    "responses",
    "parameters",
    "examples",
    "requestBodies",
    "headers",
    "securitySchemes",
    "links",
    "callbacks",
    "pathItems",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeError(pub String);

impl fmt::Display for MergeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for MergeError {}

fn err<T>(message: impl Into<String>) -> Result<T, MergeError> {
    Err(MergeError(message.into()))
}

/// One function's contribution: its `paths`, `components` and optional `tags`.
#[derive(Debug, Clone)]
pub struct Fragment {
    /// Where it came from, for error messages (e.g. `functions/health/openapi.json`).
    pub source: String,
    pub value: Value,
}

/// The merged document for the app in `manifest` (spin.toml converted to JSON) from every
/// fragment under `functions_dir`. Also returns the fragment files read, for rebuild tracking.
pub fn build_document(
    manifest: &Value,
    functions_dir: &Path,
) -> Result<(Value, Vec<PathBuf>), MergeError> {
    let (fragments, files) = load_fragments(functions_dir)?;
    Ok((merge(base_document(manifest)?, &fragments)?, files))
}

/// Reads `<functions_dir>/*/openapi.json`, sorted by directory name so output is stable.
pub fn load_fragments(functions_dir: &Path) -> Result<(Vec<Fragment>, Vec<PathBuf>), MergeError> {
    let entries = std::fs::read_dir(functions_dir)
        .map_err(|e| MergeError(format!("reading {}: {e}", functions_dir.display())))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry =
            entry.map_err(|e| MergeError(format!("reading {}: {e}", functions_dir.display())))?;
        let candidate = entry.path().join("openapi.json");
        if candidate.is_file() {
            files.push(candidate);
        }
    }
    files.sort();
    let mut fragments = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file)
            .map_err(|e| MergeError(format!("reading {}: {e}", file.display())))?;
        let value = serde_json::from_str(&text)
            .map_err(|e| MergeError(format!("{} is not valid JSON: {e}", file.display())))?;
        let source = match (file.parent().and_then(Path::file_name), file.file_name()) {
            (Some(dir), Some(name)) => format!(
                "functions/{}/{}",
                dir.to_string_lossy(),
                name.to_string_lossy()
            ),
            _ => file.display().to_string(),
        };
        fragments.push(Fragment { source, value });
    }
    Ok((fragments, files))
}

/// The skeleton every fragment is merged into: info from the manifest, the shared `Error`
/// schema, the standard error responses and the bearer security scheme.
pub fn base_document(manifest: &Value) -> Result<Value, MergeError> {
    let app = &manifest["application"];
    let Some(title) = app["name"].as_str() else {
        return err("spin.toml has no application.name");
    };
    let version = app["version"].as_str().unwrap_or("0.0.0");
    let mut info = json!({ "title": title, "version": version });
    if let Some(description) = app["description"].as_str() {
        info["description"] = json!(description);
    }

    let error_response = |description: &str| {
        json!({
            "description": description,
            "headers": { "X-Request-Id": { "$ref": "#/components/headers/X-Request-Id" } },
            "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } }
        })
    };
    let mut responses = Map::new();
    for (name, description) in [
        (
            "BadRequest",
            "The request is malformed (e.g. invalid JSON).",
        ),
        ("Unauthorized", "Missing or invalid bearer token."),
        ("Forbidden", "The caller may not do this."),
        ("NotFound", "No such resource."),
        (
            "MethodNotAllowed",
            "The route does not accept this method; see `Allow`.",
        ),
        ("Conflict", "The request conflicts with the current state."),
        (
            "PayloadTooLarge",
            "The body exceeds the route's limit (`details.limit_bytes`).",
        ),
        (
            "UnsupportedMediaType",
            "The body's content type is not accepted.",
        ),
        (
            "UnprocessableEntity",
            "The body is well-formed but invalid (`details.path` names the field).",
        ),
        ("TooManyRequests", "Rate limited; see `Retry-After`."),
        ("InternalError", "An unexpected server error."),
        (
            "ServiceUnavailable",
            "Temporarily unavailable; may carry `Retry-After`.",
        ),
    ] {
        responses.insert(name.to_string(), error_response(description));
    }
    responses["Unauthorized"]["headers"]["WWW-Authenticate"] =
        json!({ "description": "Always `Bearer`.", "schema": { "type": "string" } });
    responses["MethodNotAllowed"]["headers"]["Allow"] =
        json!({ "description": "The methods the route accepts.", "schema": { "type": "string" } });
    for name in ["TooManyRequests", "ServiceUnavailable"] {
        responses[name]["headers"]["Retry-After"] = json!({ "description": "Seconds to wait.", "schema": { "type": "integer", "minimum": 0 } });
    }

    Ok(json!({
        "openapi": "3.1.0",
        "info": info,
        "servers": [ { "url": "/", "description": "The deployment serving this document" } ],
        "paths": {},
        "components": {
            "schemas": {
                "Error": {
                    "type": "object",
                    "description": "The body of every error response.",
                    "required": ["error"],
                    "additionalProperties": false,
                    "properties": {
                        "error": {
                            "type": "object",
                            "required": ["code", "message"],
                            "properties": {
                                "code": { "type": "string", "description": "Stable machine-readable error code." },
                                "message": { "type": "string", "description": "Human-readable explanation." },
                                "details": { "description": "Structured context, or null." }
                            }
                        }
                    }
                }
            },
            "headers": {
                "X-Request-Id": {
                    "description": "The request's id: the caller's `X-Request-Id` if sane, otherwise generated.",
                    "schema": { "type": "string", "minLength": 1, "maxLength": 128 }
                }
            },
            "responses": Value::Object(responses),
            "securitySchemes": {
                "bearerAuth": { "type": "http", "scheme": "bearer", "bearerFormat": "JWT" }
            }
        },
        "tags": []
    }))
}

/// Merges fragments into `doc`. Any path, component name or tag defined twice is an error naming
/// both sources, as is a fragment key other than `paths`, `components`, `tags`, or a local
/// `$ref` that points nowhere.
pub fn merge(mut doc: Value, fragments: &[Fragment]) -> Result<Value, MergeError> {
    // Where each entry came from, to name both sides of a collision.
    let mut origins: Vec<(String, String)> = Vec::new();
    let origin_of = |origins: &[(String, String)], key: &str| {
        origins
            .iter()
            .find(|(k, _)| k == key)
            .map_or("the base document".to_string(), |(_, s)| s.clone())
    };

    for fragment in fragments {
        let source = &fragment.source;
        let Some(object) = fragment.value.as_object() else {
            return err(format!("{source}: a fragment must be a JSON object"));
        };
        for key in object.keys() {
            if !["paths", "components", "tags"].contains(&key.as_str()) {
                return err(format!(
                    "{source}: unexpected top-level key `{key}` (fragments hold only paths, components and tags)"
                ));
            }
        }

        if let Some(paths) = object.get("paths") {
            let Some(paths) = paths.as_object() else {
                return err(format!("{source}: `paths` must be an object"));
            };
            let target = section_mut(&mut doc, &["paths"]);
            for (path, item) in paths {
                if !path.starts_with('/') {
                    return err(format!("{source}: path `{path}` must start with `/`"));
                }
                let key = format!("paths {path}");
                if target.contains_key(path) {
                    return err(format!(
                        "path `{path}` is defined by both {} and {source}",
                        origin_of(&origins, &key)
                    ));
                }
                target.insert(path.clone(), item.clone());
                origins.push((key, source.clone()));
            }
        }

        if let Some(components) = object.get("components") {
            let Some(components) = components.as_object() else {
                return err(format!("{source}: `components` must be an object"));
            };
            for (section, entries) in components {
                if !COMPONENT_SECTIONS.contains(&section.as_str()) {
                    return err(format!("{source}: unknown components section `{section}`"));
                }
                let Some(entries) = entries.as_object() else {
                    return err(format!("{source}: components.{section} must be an object"));
                };
                let target = section_mut(&mut doc, &["components", section]);
                for (name, definition) in entries {
                    let key = format!("components.{section}.{name}");
                    if target.contains_key(name) {
                        return err(format!(
                            "{key} is defined by both {} and {source}",
                            origin_of(&origins, &key)
                        ));
                    }
                    target.insert(name.clone(), definition.clone());
                    origins.push((key, source.clone()));
                }
            }
        }

        if let Some(tags) = object.get("tags") {
            let Some(tags) = tags.as_array() else {
                return err(format!("{source}: `tags` must be an array"));
            };
            for tag in tags {
                let Some(name) = tag["name"].as_str() else {
                    return err(format!("{source}: every tag needs a `name`"));
                };
                let key = format!("tag {name}");
                if origins.iter().any(|(k, _)| *k == key) {
                    return err(format!(
                        "tag `{name}` is defined by both {} and {source}",
                        origin_of(&origins, &key)
                    ));
                }
                if let Some(list) = doc["tags"].as_array_mut() {
                    list.push(tag.clone());
                }
                origins.push((key, source.clone()));
            }
        }
    }

    let mut dangling = Vec::new();
    collect_dangling_refs(&doc, &doc, "#", &mut dangling);
    if !dangling.is_empty() {
        return err(format!("unresolvable $ref(s): {}", dangling.join(", ")));
    }
    Ok(doc)
}

/// The object at `path` in `doc`, created if absent. The base document always has these as
/// objects; a non-object would be a bug in `base_document`, so it is replaced rather than panic.
fn section_mut<'a>(doc: &'a mut Value, path: &[&str]) -> &'a mut Map<String, Value> {
    let mut current = doc;
    for key in path {
        if !current.is_object() {
            *current = Value::Object(Map::new());
        }
        current = current
            .as_object_mut()
            .map(|o| {
                o.entry(key.to_string())
                    .or_insert_with(|| Value::Object(Map::new()))
            })
            .expect("made an object above");
    }
    if !current.is_object() {
        *current = Value::Object(Map::new());
    }
    current.as_object_mut().expect("made an object above")
}

/// Every `$ref` that is not a JSON pointer into this document, or points at nothing.
fn collect_dangling_refs(root: &Value, value: &Value, at: &str, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                if key == "$ref" {
                    if let Some(target) = child.as_str() {
                        let resolves = target
                            .strip_prefix('#')
                            .is_some_and(|pointer| root.pointer(pointer).is_some());
                        if !resolves {
                            out.push(format!("{target} (at {at})"));
                        }
                    }
                } else {
                    collect_dangling_refs(root, child, &format!("{at}/{key}"), out);
                }
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                collect_dangling_refs(root, child, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// The public HTTP routes of the manifest (`[[trigger.http]]` with a string `route`; private
/// routes have a table instead).
pub fn manifest_routes(manifest: &Value) -> Vec<String> {
    manifest["trigger"]["http"]
        .as_array()
        .map(|triggers| {
            triggers
                .iter()
                .filter_map(|t| t["route"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Routes of the manifest that the document does not describe. A Spin route `/a/:id` matches the
/// OpenAPI path `/a/{id}`; a wildcard route `/a/...` needs at least one path under `/a/`.
pub fn undocumented_routes(doc: &Value, manifest: &Value) -> Vec<String> {
    let empty = Map::new();
    let paths = doc["paths"].as_object().unwrap_or(&empty);
    manifest_routes(manifest)
        .into_iter()
        .filter(|route| {
            let documented = match route.strip_suffix("/...") {
                Some(prefix) => {
                    let prefix = format!("{}/", spin_route_to_openapi(prefix));
                    paths
                        .keys()
                        .any(|p| p.starts_with(&prefix) || *p == prefix[..prefix.len() - 1])
                }
                None => paths.contains_key(&spin_route_to_openapi(route)),
            };
            !documented
        })
        .collect()
}

/// `/kb/:kb_id/docs` → `/kb/{kb_id}/docs`.
pub fn spin_route_to_openapi(route: &str) -> String {
    route
        .split('/')
        .map(|segment| match segment.strip_prefix(':') {
            Some(name) => format!("{{{name}}}"),
            None => segment.to_string(),
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest() -> Value {
        json!({
            "application": { "name": "app", "version": "1.2.3" },
            "trigger": { "http": [
                { "route": "/a", "component": "a" },
                { "route": "/kb/:kb_id", "component": "kb" },
                { "route": "/files/...", "component": "files" },
                { "route": { "private": true }, "component": "internal" }
            ] }
        })
    }

    fn fragment(source: &str, value: Value) -> Fragment {
        Fragment {
            source: source.into(),
            value,
        }
    }

    fn ok_op() -> Value {
        json!({ "get": { "responses": { "200": { "description": "ok" } } } })
    }

    #[test]
    fn base_document_has_info_error_schema_and_security() {
        let doc = base_document(&manifest()).unwrap();
        assert_eq!(doc["openapi"], "3.1.0");
        assert_eq!(doc["info"]["version"], "1.2.3");
        assert!(doc
            .pointer("/components/schemas/Error/properties/error")
            .is_some());
        assert_eq!(
            doc["components"]["securitySchemes"]["bearerAuth"]["scheme"],
            "bearer"
        );
        assert!(doc
            .pointer("/components/responses/MethodNotAllowed/headers/Allow")
            .is_some());
    }

    #[test]
    fn merges_paths_and_components() {
        let doc = merge(
            base_document(&manifest()).unwrap(),
            &[
                fragment("a", json!({ "paths": { "/a": ok_op() }, "components": { "schemas": { "A": {} } } })),
                fragment("b", json!({ "paths": { "/b": { "get": { "responses": {
                    "200": { "description": "ok", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/A" } } } }
                } } } } })),
            ],
        )
        .unwrap();
        assert!(doc["paths"]["/a"].is_object() && doc["paths"]["/b"].is_object());
        assert!(doc["components"]["schemas"]["A"].is_object());
        assert!(doc["components"]["schemas"]["Error"].is_object());
    }

    #[test]
    fn path_collision_names_both_fragments() {
        let e = merge(
            base_document(&manifest()).unwrap(),
            &[
                fragment("one.json", json!({ "paths": { "/a": ok_op() } })),
                fragment("two.json", json!({ "paths": { "/a": ok_op() } })),
            ],
        )
        .unwrap_err();
        assert!(
            e.0.contains("one.json") && e.0.contains("two.json") && e.0.contains("/a"),
            "{e}"
        );
    }

    #[test]
    fn schema_collision_with_base_or_other_fragment_fails() {
        let base = base_document(&manifest()).unwrap();
        let e = merge(
            base.clone(),
            &[fragment(
                "x",
                json!({ "components": { "schemas": { "Error": {} } } }),
            )],
        )
        .unwrap_err();
        assert!(
            e.0.contains("components.schemas.Error") && e.0.contains("base document"),
            "{e}"
        );
        let s = json!({ "components": { "schemas": { "S": {} } } });
        let e = merge(base, &[fragment("x", s.clone()), fragment("y", s)]).unwrap_err();
        assert!(e.0.contains("components.schemas.S"), "{e}");
    }

    #[test]
    fn unknown_keys_and_dangling_refs_fail() {
        let base = base_document(&manifest()).unwrap();
        assert!(merge(base.clone(), &[fragment("x", json!({ "info": {} }))]).is_err());
        let dangling = json!({ "paths": { "/a": { "get": { "responses": { "200": { "$ref": "#/components/responses/Nope" } } } } } });
        let e = merge(base, &[fragment("x", dangling)]).unwrap_err();
        assert!(e.0.contains("#/components/responses/Nope"), "{e}");
    }

    #[test]
    fn route_check_converts_params_and_wildcards() {
        let mut doc = json!({ "paths": { "/a": {}, "/kb/{kb_id}": {}, "/files/{name}": {} } });
        assert!(undocumented_routes(&doc, &manifest()).is_empty());
        doc["paths"].as_object_mut().unwrap().remove("/kb/{kb_id}");
        doc["paths"]
            .as_object_mut()
            .unwrap()
            .remove("/files/{name}");
        assert_eq!(
            undocumented_routes(&doc, &manifest()),
            vec!["/kb/:kb_id", "/files/..."]
        );
    }
}
