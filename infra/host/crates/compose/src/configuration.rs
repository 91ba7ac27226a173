//! Which imports give a component access to the capabilities its spin.toml entry configures.
//!
//! With `dependencies_inherit_configuration = false`, Spin denies a dependency these
//! capabilities (key-value stores, databases, variables, outbound network, files). Spin does it by
//! plugging a deny-all adapter into the dependency so calls fail at run time; we refuse to compose
//! such a dependency instead (see the crate docs), and this module decides what to refuse.

/// Import-name prefixes of the configured capabilities. Matched by prefix so every version (and
/// every interface of the `fermyon:spin` / `spin:*` packages) is covered.
const CONFIGURED_CAPABILITIES: &[&str] = &[
    // Spin's own APIs: key-value, sqlite, redis, postgres, mysql, mqtt, llm, variables.
    "fermyon:spin/",
    "spin:",
    // Standard WASI APIs Spin backs with the same configuration.
    "wasi:config/",
    "wasi:keyvalue/",
    // Outbound network, governed by `allowed_outbound_hosts`.
    "wasi:http/outgoing-handler@",
    "wasi:http/handler@",
    "wasi:http/client@",
    "wasi:sockets/",
    // Files mounted with `files`.
    "wasi:filesystem/",
];

/// Whether importing `import_name` would let a component reach a capability the main
/// component's configuration grants.
pub(crate) fn is_configured_capability(import_name: &str) -> bool {
    CONFIGURED_CAPABILITIES
        .iter()
        .any(|prefix| import_name.starts_with(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spin_and_network_imports_are_capabilities() {
        for name in [
            "fermyon:spin/key-value@2.0.0",
            "fermyon:spin/variables@2.0.0",
            "spin:postgres/postgres@4.0.0",
            "wasi:config/store@0.2.0-draft-2024-09-27",
            "wasi:keyvalue/store@0.2.0-draft2",
            "wasi:http/outgoing-handler@0.2.0",
            "wasi:http/handler@0.3.0-rc-2025-09-16",
            "wasi:sockets/tcp@0.2.6",
            "wasi:filesystem/preopens@0.2.0",
        ] {
            assert!(is_configured_capability(name), "{name}");
        }
    }

    #[test]
    fn plumbing_imports_are_not_capabilities() {
        for name in [
            "wasi:io/streams@0.2.0",
            "wasi:cli/environment@0.2.6",
            "wasi:clocks/monotonic-clock@0.2.0",
            "wasi:random/random@0.2.0",
            "wasi:http/types@0.2.0",
            "test:greeter/greet@0.1.0",
        ] {
            assert!(!is_configured_capability(name), "{name}");
        }
    }
}
