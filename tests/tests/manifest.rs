//! The manifest is valid Spin and every public route in it is documented in the OpenAPI document.

use std::path::Path;

use serde_json::{json, Value};

#[path = "../../functions/openapi/src/merge.rs"]
mod merge;

fn repo_root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn manifest() -> Value {
    let path = repo_root().join("spin.toml");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("parsing {}: {e}", path.display()))
}

fn document(manifest: &Value) -> Value {
    merge::build_document(manifest, &repo_root().join("functions"))
        .unwrap_or_else(|e| panic!("building the OpenAPI document: {e}"))
        .0
}

#[test]
fn spin_toml_matches_spins_manifest_schema() {
    let schema_path = repo_root().join("../shared/schemas/spin-manifest-v2.schema.json");
    let text = std::fs::read_to_string(&schema_path).unwrap_or_else(|e| {
        panic!(
            "Spin's manifest schema is required at {} (the shared/ directory beside the repo): {e}",
            schema_path.display()
        )
    });
    let schema: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}", schema_path.display()));
    let validator = jsonschema::validator_for(&schema)
        .unwrap_or_else(|e| panic!("{} is not a usable schema: {e}", schema_path.display()));

    let problems: Vec<String> = validator
        .iter_errors(&manifest())
        .map(|e| format!("  at {}: {e}", e.instance_path()))
        .collect();
    assert!(
        problems.is_empty(),
        "spin.toml does not match Spin's manifest schema:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_schema_check_can_fail() {
    // Guards the test above against a schema that accepts anything.
    let schema_path = repo_root().join("../shared/schemas/spin-manifest-v2.schema.json");
    let Ok(text) = std::fs::read_to_string(&schema_path) else {
        panic!(
            "Spin's manifest schema is required at {}",
            schema_path.display()
        );
    };
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema is usable");
    let mut wrong_type = manifest();
    wrong_type["spin_manifest_version"] = json!("two");
    assert!(!validator.is_valid(&wrong_type));
    let mut no_source = manifest();
    let removed = no_source["component"]["health"]
        .as_object_mut()
        .and_then(|c| c.remove("source"));
    assert!(
        removed.is_some(),
        "spin.toml has no component.health.source"
    );
    assert!(!validator.is_valid(&no_source));
}

#[test]
fn every_route_is_in_the_openapi_document() {
    let manifest = manifest();
    let routes = merge::manifest_routes(&manifest);
    assert!(!routes.is_empty(), "spin.toml declares no HTTP routes");
    let missing = merge::undocumented_routes(&document(&manifest), &manifest);
    assert!(
        missing.is_empty(),
        "routes in spin.toml without an OpenAPI path (add them to functions/<name>/openapi.json): {missing:?}"
    );
}

#[test]
fn an_undocumented_route_is_reported() {
    let mut manifest = manifest();
    let doc = document(&manifest);
    let Some(triggers) = manifest["trigger"]["http"].as_array_mut() else {
        panic!("spin.toml has no [[trigger.http]]");
    };
    triggers.push(json!({ "route": "/api/v1/not-documented/:id", "component": "health" }));
    triggers.push(json!({ "route": { "private": true }, "component": "health" }));
    assert_eq!(
        merge::undocumented_routes(&doc, &manifest),
        vec!["/api/v1/not-documented/:id".to_string()]
    );
}

#[test]
fn the_document_is_openapi_3_1_with_shared_parts() {
    let doc = document(&manifest());
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["info"]["title"], "english-assistant");
    assert!(doc.pointer("/components/schemas/Error").is_some());
    assert!(doc
        .pointer("/components/securitySchemes/bearerAuth")
        .is_some());
}
