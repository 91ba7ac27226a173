//! Build-time helper for the host's factor crates.
//!
//! The host implements Spin's interfaces faithfully to the WIT that ships inside the
//! `spin-sdk` crate our guests are built with. That WIT is read from the crate at build
//! time (never copied into this repository): the guests' `Cargo.lock` entry says which
//! spin-sdk version they use, and Cargo's registry (or `cargo metadata`) says where it is.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Directory holding spin-sdk's `wit/` tree (its `world.wit` plus `deps/`).
///
/// `SPIN_SDK_WIT_DIR` overrides the lookup, for vendored or offline builds.
pub fn spin_sdk_wit_dir() -> PathBuf {
    println!("cargo:rerun-if-env-changed=SPIN_SDK_WIT_DIR");
    if let Some(dir) = std::env::var_os("SPIN_SDK_WIT_DIR") {
        return PathBuf::from(dir);
    }
    let workspace = workspace_root();
    let lock = workspace.join("Cargo.lock");
    println!("cargo:rerun-if-changed={}", lock.display());
    if let Some(dir) = locked_version(&lock).and_then(|v| registry_source(&v)) {
        return dir.join("wit");
    }
    metadata_lookup(&workspace)
        .map(|dir| dir.join("wit"))
        .unwrap_or_else(|| {
            panic!(
                "cannot find the spin-sdk crate's WIT: run `cargo fetch` in {} or set SPIN_SDK_WIT_DIR",
                workspace.display()
            )
        })
}

/// Writes `$OUT_DIR/<file_name>` containing one `wasmtime::component::bindgen!` call over
/// spin-sdk's WIT. `options` is the rest of the bindgen! option list (e.g. `interfaces`,
/// `imports`, `with`); the crate then does
/// `include!(concat!(env!("OUT_DIR"), "/<file_name>"))`.
pub fn write_bindings(file_name: &str, options: &str) {
    let wit = spin_sdk_wit_dir();
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR is set by cargo"));
    let source = format!(
        "wasmtime::component::bindgen!({{\n    path: {path:?},\n    {options}\n}});\n",
        path = wit.display().to_string(),
    );
    std::fs::write(out.join(file_name), source).expect("write generated bindings");
}

fn workspace_root() -> PathBuf {
    let manifest_dir =
        PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    manifest_dir
        .ancestors()
        .find(|dir| dir.join("Cargo.lock").exists())
        .unwrap_or(&manifest_dir)
        .to_path_buf()
}

/// The spin-sdk version recorded in the workspace lock file.
fn locked_version(lock: &Path) -> Option<String> {
    let text = std::fs::read_to_string(lock).ok()?;
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"spin-sdk\"" {
            let version = lines.next()?.trim().strip_prefix("version = \"")?;
            return Some(version.trim_end_matches('"').to_string());
        }
    }
    None
}

fn registry_source(version: &str) -> Option<PathBuf> {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))?;
    let src = cargo_home.join("registry").join("src");
    std::fs::read_dir(src)
        .ok()?
        .filter_map(Result::ok)
        .map(|index| index.path().join(format!("spin-sdk-{version}")))
        .find(|dir| dir.join("wit").is_dir())
}

fn metadata_lookup(workspace: &Path) -> Option<PathBuf> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--manifest-path"])
        .arg(workspace.join("Cargo.toml"))
        .output()
        .ok()?;
    let meta: serde_json::Value = serde_json::from_slice(&output.stdout).ok()?;
    meta["packages"].as_array()?.iter().find_map(|p| {
        (p["name"] == "spin-sdk")
            .then(|| Path::new(p["manifest_path"].as_str()?).parent().map(Path::to_path_buf))
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_locked_spin_sdk_version() {
        let dir = std::env::temp_dir().join(format!("spin-wit-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let lock = dir.join("Cargo.lock");
        std::fs::write(
            &lock,
            "[[package]]\nname = \"spin-sdk\"\nversion = \"5.2.0\"\nsource = \"registry\"\n",
        )
        .unwrap();
        assert_eq!(locked_version(&lock).as_deref(), Some("5.2.0"));
        std::fs::write(&lock, "[[package]]\nname = \"other\"\nversion = \"1.0.0\"\n").unwrap();
        assert_eq!(locked_version(&lock), None);
    }
}
