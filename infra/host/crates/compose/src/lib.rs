//! Composes a component with the dependencies spin.toml declares for it, as Spin does at load time.
//!
//! ```toml
//! [component.greeter-client]
//! source = "greeter_client.wasm"
//! dependencies_inherit_configuration = false   # the default
//! [component.greeter-client.dependencies]
//! "test:greeter/greet@0.1.0" = { path = "greeter.wasm" }          # one interface
//! "test:greeter@0.1.0" = { path = "greeter.wasm", export = "x" }  # or every interface of a package
//! ```
//!
//! [`compose`] instantiates every dependency inside one new component, wires each dependency
//! export into the main component's matching import (see [`DependencyName`] for how names and
//! versions match), and re-exports everything the main component exports. Imports no dependency
//! satisfies — and all of the dependencies' own imports — become imports of the composed
//! component, for the host to provide as usual.
//!
//! Each matched import is satisfied by the dependency's export of the same name, or by the export
//! named in `export` if given (then every import the dependency matches uses that export). The
//! export's type must be compatible with the import's (checked here, so a mismatch is a load-time
//! error naming both sides, not an instantiation failure later).
//!
//! # `dependencies_inherit_configuration`
//!
//! * `true`: dependencies share the main component's imports, so they use the host capabilities
//!   (key-value stores, databases, variables, outbound hosts, files) exactly as the main
//!   component is configured to.
//! * `false`: **differs from Spin.** Spin plugs a prebuilt deny-all adapter into each dependency,
//!   so the dependency loads and its calls to Spin/config/network APIs fail at run time. We have no
//!   such adapter; rather than silently granting the capabilities, [`compose`] refuses a dependency
//!   that imports any of them ([`ComposeError::ConfigurationDenied`], which tells the user to set
//!   `dependencies_inherit_configuration = true`). Dependencies that import only plumbing
//!   (`wasi:io`, `wasi:cli`, clocks, random, `wasi:http/types`) compose normally. Environment
//!   variables (`wasi:cli/environment`) are shared with the main component either way; newer Spin
//!   releases isolate them per component.

mod configuration;
mod name;

use std::collections::{BTreeMap, HashSet};

use wac_graph::types::{ItemKind, Package, SubtypeChecker, WorldId};
use wac_graph::{CompositionGraph, EncodeOptions, NodeId};

pub use name::{DependencyName, NameError};

/// One entry of a component's `dependencies` table, with its component already read.
#[derive(Debug, Clone)]
pub struct Dependency {
    /// The table key: which of the main component's imports this dependency satisfies.
    pub name: DependencyName,
    /// The dependency's component binary.
    pub component: Vec<u8>,
    /// The dependency export to use instead of the export named like the import.
    pub export: Option<String>,
}

/// Why a component could not be composed with its dependencies.
#[derive(Debug, thiserror::Error)]
pub enum ComposeError {
    #[error("{what} is not a valid WebAssembly component")]
    InvalidComponent {
        what: String,
        #[source]
        source: anyhow::Error,
    },
    #[error(
        "dependency `{dependency}` doesn't match any import of the component (its imports: {})",
        list(.imports)
    )]
    UnmatchedDependency {
        dependency: DependencyName,
        imports: Vec<String>,
    },
    #[error("import `{import}` is matched by more than one dependency: {}", list(.dependencies))]
    DependencyConflict {
        import: String,
        dependencies: Vec<String>,
    },
    #[error(
        "dependency `{dependency}` doesn't export `{export}` to satisfy import `{import}` (its exports: {})",
        list(.available)
    )]
    MissingExport {
        dependency: DependencyName,
        export: String,
        import: String,
        available: Vec<String>,
    },
    #[error(
        "dependency `{dependency}` exports `{export}`, whose type is not compatible with import `{import}`"
    )]
    IncompatibleExport {
        dependency: DependencyName,
        export: String,
        import: String,
        #[source]
        source: anyhow::Error,
    },
    #[error(
        "dependency `{dependency}` imports host capabilities ({}) but dependencies_inherit_configuration \
         is false; set `dependencies_inherit_configuration = true` on the component to let its \
         dependencies use its configuration",
        list(.imports)
    )]
    ConfigurationDenied {
        dependency: DependencyName,
        imports: Vec<String>,
    },
    #[error("failed to build the composed component")]
    Graph(#[source] anyhow::Error),
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_owned()
    } else {
        items.join(", ")
    }
}

/// Composes `main` with its `dependencies`; returns `main` unchanged if there are none.
///
/// See the crate docs for the matching rules and what `inherit_configuration` does. Errors are
/// [`ComposeError`]s (downcast the `anyhow::Error` to inspect them).
pub fn compose(
    main: &[u8],
    dependencies: &[Dependency],
    inherit_configuration: bool,
) -> anyhow::Result<Vec<u8>> {
    if dependencies.is_empty() {
        return Ok(main.to_vec());
    }
    Composition::new(main)?.compose(dependencies, inherit_configuration)
}

/// A component registered in the graph and instantiated once.
struct Instance {
    world: WorldId,
    node: NodeId,
}

struct Composition {
    graph: CompositionGraph,
    main: Instance,
}

impl Composition {
    fn new(main: &[u8]) -> anyhow::Result<Self> {
        let mut graph = CompositionGraph::new();
        let main = register(&mut graph, "main", main, "the main component".to_owned())?;
        Ok(Self { graph, main })
    }

    fn compose(
        mut self,
        dependencies: &[Dependency],
        inherit_configuration: bool,
    ) -> anyhow::Result<Vec<u8>> {
        let satisfied_by = self.match_imports(dependencies)?;

        let mut instances = Vec::with_capacity(dependencies.len());
        for (index, dependency) in dependencies.iter().enumerate() {
            let instance = register(
                &mut self.graph,
                &format!("dependency-{index}"),
                &dependency.component,
                format!("dependency `{}`", dependency.name),
            )?;
            if !inherit_configuration {
                self.deny_configuration(dependency, &instance)?;
            }
            instances.push(instance);
        }

        let mut subtype_cache = HashSet::new();
        for (import, index) in satisfied_by {
            self.plug(
                &import,
                &dependencies[index],
                &instances[index],
                &mut subtype_cache,
            )?;
        }

        self.export_main_exports()?;
        let composed = self
            .graph
            .encode(EncodeOptions::default())
            .map_err(|e| ComposeError::Graph(e.into()))?;
        Ok(composed)
    }

    /// Maps each import a dependency satisfies to that dependency's index; every dependency must
    /// match at least one import and no import may be matched twice.
    fn match_imports(
        &self,
        dependencies: &[Dependency],
    ) -> anyhow::Result<BTreeMap<String, usize>> {
        let imports: Vec<String> = self.graph.types()[self.main.world]
            .imports
            .keys()
            .cloned()
            .collect();
        let mut matches: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (index, dependency) in dependencies.iter().enumerate() {
            let mut matched_any = false;
            for import in imports.iter().filter(|i| dependency.name.matches_import(i)) {
                matches.entry(import.clone()).or_default().push(index);
                matched_any = true;
            }
            if !matched_any {
                return Err(ComposeError::UnmatchedDependency {
                    dependency: dependency.name.clone(),
                    imports,
                }
                .into());
            }
        }
        matches
            .into_iter()
            .map(|(import, indexes)| match indexes.as_slice() {
                [index] => Ok((import, *index)),
                _ => Err(ComposeError::DependencyConflict {
                    import,
                    dependencies: indexes
                        .iter()
                        .map(|&i| dependencies[i].name.to_string())
                        .collect(),
                }
                .into()),
            })
            .collect()
    }

    fn deny_configuration(
        &self,
        dependency: &Dependency,
        instance: &Instance,
    ) -> anyhow::Result<()> {
        let denied: Vec<String> = self.graph.types()[instance.world]
            .imports
            .keys()
            .filter(|import| configuration::is_configured_capability(import))
            .cloned()
            .collect();
        if denied.is_empty() {
            Ok(())
        } else {
            Err(ComposeError::ConfigurationDenied {
                dependency: dependency.name.clone(),
                imports: denied,
            }
            .into())
        }
    }

    /// Satisfies the main component's `import` with the matching export of `dependency`.
    fn plug(
        &mut self,
        import: &str,
        dependency: &Dependency,
        instance: &Instance,
        subtype_cache: &mut HashSet<(ItemKind, ItemKind)>,
    ) -> anyhow::Result<()> {
        let export = dependency.export.as_deref().unwrap_or(import);
        let exports = &self.graph.types()[instance.world].exports;
        let Some(&export_kind) = exports.get(export) else {
            return Err(ComposeError::MissingExport {
                dependency: dependency.name.clone(),
                export: export.to_owned(),
                import: import.to_owned(),
                available: exports.keys().cloned().collect(),
            }
            .into());
        };
        let import_kind = self.graph.types()[self.main.world].imports[import];
        let incompatible = |source| -> anyhow::Error {
            ComposeError::IncompatibleExport {
                dependency: dependency.name.clone(),
                export: export.to_owned(),
                import: import.to_owned(),
                source,
            }
            .into()
        };
        SubtypeChecker::new(subtype_cache)
            .is_subtype(
                export_kind,
                self.graph.types(),
                import_kind,
                self.graph.types(),
            )
            .map_err(incompatible)?;

        let export_node = self
            .graph
            .alias_instance_export(instance.node, export)
            .map_err(|e| ComposeError::Graph(e.into()))?;
        self.graph
            .set_instantiation_argument(self.main.node, import, export_node)
            .map_err(|e| incompatible(e.into()))
    }

    fn export_main_exports(&mut self) -> anyhow::Result<()> {
        let exports: Vec<String> = self.graph.types()[self.main.world]
            .exports
            .keys()
            .cloned()
            .collect();
        for export in exports {
            let node = self
                .graph
                .alias_instance_export(self.main.node, &export)
                .map_err(|e| ComposeError::Graph(e.into()))?;
            self.graph
                .export(node, &export)
                .map_err(|e| ComposeError::Graph(e.into()))?;
        }
        Ok(())
    }
}

/// Registers `bytes` as a package named `package_name` (unique within the graph) and
/// instantiates it; `what` names the component in errors.
fn register(
    graph: &mut CompositionGraph,
    package_name: &str,
    bytes: &[u8],
    what: String,
) -> anyhow::Result<Instance> {
    let package = Package::from_bytes(package_name, None, bytes, graph.types_mut())
        .map_err(|source| ComposeError::InvalidComponent { what, source })?;
    let world = package.ty();
    let package = graph
        .register_package(package)
        .map_err(|e| ComposeError::Graph(e.into()))?;
    let node = graph.instantiate(package);
    Ok(Instance { world, node })
}
