//! The subset of Spin's manifest (version 2) that this host runs: application metadata,
//! variables, HTTP triggers and components with their permissions and dependencies.
//! Unknown keys are accepted (they are validated against Spin's JSON schema by a test),
//! so a manifest written for real Spin loads unchanged.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use host_factor_variables::VariableDecl;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct Manifest {
    pub spin_manifest_version: u32,
    pub application: Application,
    #[serde(default)]
    pub variables: BTreeMap<String, VariableDecl>,
    #[serde(default)]
    pub trigger: Triggers,
    #[serde(default)]
    pub component: BTreeMap<String, Component>,
}

#[derive(Debug, Deserialize)]
pub struct Application {
    pub name: String,
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default)]
    pub trigger: ApplicationTriggers,
}

#[derive(Debug, Default, Deserialize)]
pub struct ApplicationTriggers {
    #[serde(default)]
    pub http: Option<HttpAppSettings>,
}

#[derive(Debug, Default, Deserialize)]
pub struct HttpAppSettings {
    #[serde(default)]
    pub base: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Triggers {
    #[serde(default)]
    pub http: Vec<HttpTrigger>,
    /// Scheduled triggers arrive with a later issue; parsed now so such manifests load.
    #[serde(default)]
    pub cron: Vec<toml::Value>,
}

#[derive(Debug, Deserialize)]
pub struct HttpTrigger {
    pub route: RouteSpec,
    pub component: ComponentRef,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RouteSpec {
    Path(String),
    Private { private: bool },
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum ComponentRef {
    Id(String),
    /// Spin allows an inline component table in the trigger; we require named components.
    Inline(serde::de::IgnoredAny),
}

#[derive(Debug, Deserialize)]
pub struct Component {
    pub source: ComponentSource,
    #[serde(default)]
    pub variables: BTreeMap<String, String>,
    #[serde(default)]
    pub environment: BTreeMap<String, String>,
    #[serde(default)]
    pub allowed_outbound_hosts: Vec<String>,
    /// Spin 1.x name, still accepted by Spin 2+.
    #[serde(default)]
    pub allowed_http_hosts: Vec<String>,
    #[serde(default)]
    pub key_value_stores: Vec<String>,
    #[serde(default)]
    pub sqlite_databases: Vec<String>,
    /// Models the component may use through fermyon:spin/llm.
    #[serde(default)]
    pub ai_models: Vec<String>,
    #[serde(default)]
    pub dependencies_inherit_configuration: bool,
    #[serde(default)]
    pub dependencies: BTreeMap<String, DependencySpec>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum ComponentSource {
    Path(String),
    Remote { url: String },
    Registry { package: String },
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum DependencySpec {
    Local {
        path: String,
        #[serde(default)]
        export: Option<String>,
    },
    Other(serde::de::IgnoredAny),
}

impl Manifest {
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read manifest {}", path.display()))?;
        let manifest: Manifest = toml::from_str(&text)
            .with_context(|| format!("invalid manifest {}", path.display()))?;
        if manifest.spin_manifest_version != 2 {
            bail!(
                "{}: spin_manifest_version {} is not supported (expected 2)",
                path.display(),
                manifest.spin_manifest_version
            );
        }
        for trigger in &manifest.trigger.http {
            match &trigger.component {
                ComponentRef::Id(id) if !manifest.component.contains_key(id) => {
                    bail!(
                        "trigger for route {:?} names unknown component {id:?}",
                        trigger.route
                    )
                }
                ComponentRef::Inline(_) => {
                    bail!("inline trigger components are not supported: declare [component.<id>] and name it")
                }
                _ => {}
            }
        }
        Ok(manifest)
    }
}

impl Component {
    /// Local file the component's Wasm is read from, relative to the manifest directory.
    pub fn source_path(&self, id: &str, app_dir: &Path) -> Result<PathBuf> {
        match &self.source {
            ComponentSource::Path(p) => Ok(app_dir.join(p)),
            ComponentSource::Remote { url } => {
                bail!("component {id:?}: remote sources ({url}) are not supported by this host; build it locally")
            }
            ComponentSource::Registry { package } => {
                bail!(
                    "component {id:?}: registry sources ({package}) are not supported by this host"
                )
            }
        }
    }

    pub fn outbound_hosts(&self) -> impl Iterator<Item = &String> {
        self.allowed_outbound_hosts
            .iter()
            .chain(&self.allowed_http_hosts)
    }
}

impl HttpTrigger {
    pub fn component_id(&self) -> &str {
        match &self.component {
            ComponentRef::Id(id) => id,
            ComponentRef::Inline(_) => unreachable!("rejected by Manifest::load"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Manifest> {
        let dir = std::env::temp_dir().join(format!("manifest-test-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir)?;
        let path = dir.join("spin.toml");
        std::fs::write(&path, text)?;
        Manifest::load(&path)
    }

    #[test]
    fn parses_routes_components_and_dependencies() {
        let m = parse(
            r#"
spin_manifest_version = 2
[application]
name = "app"
version = "1.2.3"
[variables]
token = { required = true, secret = true }
[[trigger.http]]
route = "/a/..."
component = "a"
[[trigger.http]]
route = { private = true }
component = "a"
[component.a]
source = "a.wasm"
key_value_stores = ["default"]
[component.a.dependencies]
"x:y/z@0.1.0" = { path = "dep.wasm" }
"#,
        )
        .unwrap();
        assert_eq!(m.application.version.as_deref(), Some("1.2.3"));
        assert_eq!(m.trigger.http.len(), 2);
        assert!(matches!(
            m.trigger.http[1].route,
            RouteSpec::Private { private: true }
        ));
        assert!(m.variables["token"].required);
        let a = &m.component["a"];
        assert!(matches!(
            a.dependencies["x:y/z@0.1.0"],
            DependencySpec::Local { .. }
        ));
    }

    #[test]
    fn rejects_unknown_component_and_wrong_version() {
        let err = parse(
            "spin_manifest_version = 2\n[application]\nname='a'\n[[trigger.http]]\nroute='/'\ncomponent='nope'\n",
        )
        .unwrap_err();
        assert!(format!("{err:#}").contains("nope"), "{err:#}");
        let err = parse("spin_manifest_version = 1\n[application]\nname='a'\n").unwrap_err();
        assert!(format!("{err:#}").contains("spin_manifest_version"));
    }
}
