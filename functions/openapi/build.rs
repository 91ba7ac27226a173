//! Merges every `functions/*/openapi.json` fragment into the app's OpenAPI document (see
//! `src/merge.rs`) and writes it, with its ETag, into `$OUT_DIR` for the component to embed.
//! A collision or a dangling `$ref` fails the build.

use std::path::PathBuf;

use sha2::{Digest, Sha256};

#[path = "src/merge.rs"]
mod merge;

fn main() {
    let crate_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let functions_dir = crate_dir.join("..");
    let spin_toml = functions_dir.join("../spin.toml");
    println!("cargo:rerun-if-changed={}", spin_toml.display());
    // The directory itself, so adding a new function's fragment triggers a rebuild.
    println!("cargo:rerun-if-changed={}", functions_dir.display());
    println!("cargo:rerun-if-changed=src/merge.rs");

    let text = std::fs::read_to_string(&spin_toml)
        .unwrap_or_else(|e| panic!("reading {}: {e}", spin_toml.display()));
    let manifest: serde_json::Value =
        toml::from_str(&text).unwrap_or_else(|e| panic!("parsing {}: {e}", spin_toml.display()));

    let (document, fragment_files) = merge::build_document(&manifest, &functions_dir)
        .unwrap_or_else(|e| panic!("building the OpenAPI document: {e}"));
    for file in &fragment_files {
        println!("cargo:rerun-if-changed={}", file.display());
    }
    let undocumented = merge::undocumented_routes(&document, &manifest);
    if !undocumented.is_empty() {
        // The e2e manifest test fails on this; a warning here tells the developer sooner.
        println!(
            "cargo:warning=routes in spin.toml missing from the OpenAPI document: {}",
            undocumented.join(", ")
        );
    }

    let body = serde_json::to_string_pretty(&document).expect("a Value always serializes");
    let etag = format!("\"{:x}\"", Sha256::digest(body.as_bytes()));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo"));
    std::fs::write(out.join("openapi.json"), &body).expect("writing openapi.json");
    std::fs::write(out.join("openapi.etag"), &etag).expect("writing openapi.etag");
}
