//! Composes the real test guests (`greeter`, `greeter-client`) and checks the result's surface,
//! plus the errors spin.toml mistakes must produce.
//!
//! The guests must be built first:
//! `cargo build --target wasm32-wasip2 --release -p greeter -p greeter-client`.

use std::path::PathBuf;

use host_compose::{compose, ComposeError, Dependency};
use wasmparser::{Parser, Payload, Validator};

const GREET: &str = "test:greeter/greet@0.1.0";
const INCOMING_HANDLER_PREFIX: &str = "wasi:http/incoming-handler@";

fn guest(file: &str) -> Vec<u8> {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .ancestors()
                .nth(4)
                .expect("crate lives four levels below the workspace root")
                .join("target")
        });
    let path = target.join("wasm32-wasip2/release").join(file);
    std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read test guest {}: {e}\nbuild the test guests first: \
             cargo build --target wasm32-wasip2 --release -p greeter -p greeter-client",
            path.display()
        )
    })
}

fn client() -> Vec<u8> {
    guest("greeter_client.wasm")
}

fn greeter() -> Vec<u8> {
    guest("greeter.wasm")
}

fn dependency(name: &str, component: Vec<u8>, export: Option<&str>) -> Dependency {
    Dependency {
        name: name.parse().expect("test dependency names are valid"),
        component,
        export: export.map(str::to_owned),
    }
}

/// The top-level import and export names of a component (nested components and modules skipped).
struct Surface {
    imports: Vec<String>,
    exports: Vec<String>,
}

impl Surface {
    fn of(component: &[u8]) -> Self {
        Validator::new()
            .validate_all(component)
            .expect("component validates");
        let mut surface = Surface {
            imports: Vec::new(),
            exports: Vec::new(),
        };
        let mut depth = 0usize;
        for payload in Parser::new(0).parse_all(component) {
            match payload.expect("component parses") {
                Payload::ModuleSection { .. } | Payload::ComponentSection { .. } => depth += 1,
                Payload::End(_) => depth = depth.saturating_sub(1),
                Payload::ComponentImportSection(section) if depth == 0 => {
                    for import in section {
                        let import = import.expect("import parses");
                        surface.imports.push(import.name.name.to_owned());
                    }
                }
                Payload::ComponentExportSection(section) if depth == 0 => {
                    for export in section {
                        let export = export.expect("export parses");
                        surface.exports.push(export.name.name.to_owned());
                    }
                }
                _ => {}
            }
        }
        surface
    }

    fn imports(&self, name: &str) -> bool {
        self.imports.iter().any(|i| i == name)
    }

    fn exports_incoming_handler(&self) -> bool {
        self.exports
            .iter()
            .any(|e| e.starts_with(INCOMING_HANDLER_PREFIX))
    }
}

fn compose_err(main: &[u8], dependencies: &[Dependency], inherit: bool) -> ComposeError {
    match compose(main, dependencies, inherit) {
        Ok(_) => panic!("composition should have failed"),
        Err(e) => e
            .downcast::<ComposeError>()
            .unwrap_or_else(|e| panic!("expected a ComposeError, got: {e:#}")),
    }
}

#[test]
fn the_uncomposed_client_imports_greet() {
    // Guards the other tests: if the client stopped importing greet they would prove nothing.
    let surface = Surface::of(&client());
    assert!(surface.imports(GREET), "imports: {:?}", surface.imports);
    assert!(surface.exports_incoming_handler());
}

#[test]
fn interface_dependency_satisfies_the_import() {
    for inherit in [true, false] {
        let composed =
            compose(&client(), &[dependency(GREET, greeter(), None)], inherit).expect("composes");
        let surface = Surface::of(&composed);
        assert!(
            !surface.imports(GREET),
            "still imports greet: {:?}",
            surface.imports
        );
        assert!(
            surface.exports_incoming_handler(),
            "exports: {:?}",
            surface.exports
        );
        // The host still provides what neither component supplies.
        assert!(surface
            .imports
            .iter()
            .any(|i| i.starts_with("wasi:http/types@")));
    }
}

#[test]
fn package_and_unversioned_names_satisfy_the_import() {
    for name in ["test:greeter", "test:greeter@0.1.0", "test:greeter/greet"] {
        let composed = compose(&client(), &[dependency(name, greeter(), None)], true)
            .unwrap_or_else(|e| panic!("{name}: {e:#}"));
        assert!(!Surface::of(&composed).imports(GREET), "{name}");
    }
}

#[test]
fn explicit_export_name_is_used() {
    let composed = compose(
        &client(),
        &[dependency("test:greeter", greeter(), Some(GREET))],
        true,
    )
    .expect("composes");
    assert!(!Surface::of(&composed).imports(GREET));

    let err = compose_err(
        &client(),
        &[dependency(
            "test:greeter",
            greeter(),
            Some("test:greeter/hello@0.1.0"),
        )],
        true,
    );
    assert!(
        matches!(&err, ComposeError::MissingExport { export, import, .. }
            if export == "test:greeter/hello@0.1.0" && import == GREET),
        "{err}"
    );
}

#[test]
fn no_dependencies_returns_the_component_unchanged() {
    let main = client();
    assert_eq!(compose(&main, &[], false).expect("no-op"), main);
}

#[test]
fn dependency_without_the_export_is_an_error() {
    // The client exports only the HTTP handler, not greet.
    let err = compose_err(&client(), &[dependency(GREET, client(), None)], true);
    let ComposeError::MissingExport {
        export,
        import,
        available,
        ..
    } = &err
    else {
        panic!("expected MissingExport, got: {err}");
    };
    assert_eq!(export, GREET);
    assert_eq!(import, GREET);
    assert!(available
        .iter()
        .any(|e| e.starts_with(INCOMING_HANDLER_PREFIX)));
    let message = err.to_string();
    assert!(message.contains("doesn't export"), "{message}");
}

#[test]
fn dependency_matching_no_import_is_an_error() {
    for name in [
        "test:other/greet@0.1.0",
        "test:greeter/greet@0.2.0",
        "test:greeter/hello",
        "greet",
    ] {
        let err = compose_err(&client(), &[dependency(name, greeter(), None)], true);
        assert!(
            matches!(&err, ComposeError::UnmatchedDependency { dependency, imports }
                if dependency.to_string() == name && imports.iter().any(|i| i == GREET)),
            "{name}: {err}"
        );
    }
}

#[test]
fn import_matched_twice_is_an_error() {
    let err = compose_err(
        &client(),
        &[
            dependency(GREET, greeter(), None),
            dependency("test:greeter", greeter(), None),
        ],
        true,
    );
    assert!(
        matches!(&err, ComposeError::DependencyConflict { import, dependencies }
            if import == GREET && dependencies.len() == 2),
        "{err}"
    );
}

#[test]
fn export_of_the_wrong_type_is_an_error() {
    let wrong_type = wat::parse_str(
        r#"(component
            (import "impl" (instance $impl
                (export "greet" (func (param "n" u32) (result string)))))
            (export "test:greeter/greet@0.1.0" (instance $impl)))"#,
    )
    .expect("fixture is valid WAT");
    let err = compose_err(&client(), &[dependency(GREET, wrong_type, None)], true);
    assert!(
        matches!(&err, ComposeError::IncompatibleExport { import, .. } if import == GREET),
        "{err}"
    );
}

#[test]
fn configuration_is_denied_to_dependencies_unless_inherited() {
    let uses_variables = wat::parse_str(
        r#"(component
            (import "fermyon:spin/variables@2.0.0" (instance
                (export "get" (func (param "name" string) (result string)))))
            (import "impl" (instance $impl
                (export "greet" (func (param "name" string) (result string)))))
            (export "test:greeter/greet@0.1.0" (instance $impl)))"#,
    )
    .expect("fixture is valid WAT");
    let deps = [dependency(GREET, uses_variables, None)];

    let err = compose_err(&client(), &deps, false);
    assert!(
        matches!(&err, ComposeError::ConfigurationDenied { imports, .. }
            if imports == &["fermyon:spin/variables@2.0.0".to_owned()]),
        "{err}"
    );
    assert!(err
        .to_string()
        .contains("dependencies_inherit_configuration = true"));

    let composed = compose(&client(), &deps, true).expect("inherited configuration composes");
    let surface = Surface::of(&composed);
    assert!(!surface.imports(GREET));
    assert!(surface.imports("fermyon:spin/variables@2.0.0"));
}

#[test]
fn invalid_dependency_bytes_are_an_error() {
    let err = compose_err(
        &client(),
        &[dependency(GREET, b"not wasm".to_vec(), None)],
        true,
    );
    assert!(
        matches!(&err, ComposeError::InvalidComponent { what, .. } if what.contains(GREET)),
        "{err}"
    );
}
