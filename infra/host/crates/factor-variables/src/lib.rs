//! fermyon:spin/variables and wasi:config/store.
//!
//! Spin's model: the manifest's `[variables]` declares application variables (each with a
//! `default` or `required = true`, possibly `secret`); each component's `variables` table maps
//! the names its guest asks for to templates over application variables
//! (`"{{ api_key }}"`, `"prefix-{{ a }}-{{ b }}"`). Application variable values come from
//! providers, highest priority first: the process environment (`SPIN_VARIABLE_<NAME>`, then
//! `./.env`), then each `[[variables_provider]]` of the runtime config in order, then the
//! declared default.
//!
//! Providers here are static, so everything is resolved once in [`VariablesFactor::new`] and
//! a guest's `get` is a map read.

mod host;
mod provider;
mod template;

mod bindings {
    include!(concat!(env!("OUT_DIR"), "/bindings.rs"));
}

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use anyhow::{anyhow, bail};
use wasmtime::component::{HasSelf, Linker};

use provider::Provider;
use template::{check_name, Template};

/// One entry of the manifest's `[variables]` table.
#[derive(Clone, Default, serde::Deserialize)]
pub struct VariableDecl {
    pub default: Option<String>,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub secret: bool,
}

/// Never shows a secret's default.
impl std::fmt::Debug for VariableDecl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let default = match (&self.default, self.secret) {
            (Some(_), true) => Some("<redacted>"),
            (Some(value), false) => Some(value.as_str()),
            (None, _) => None,
        };
        f.debug_struct("VariableDecl")
            .field("default", &default)
            .field("required", &self.required)
            .field("secret", &self.secret)
            .finish()
    }
}

/// Why a guest's variable lookup failed. Messages never include values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VariableError {
    #[error("invalid variable name {name:?}: {reason}")]
    InvalidName { name: String, reason: String },
    #[error("variable {name:?} is not defined for component {component:?}")]
    Undefined { component: String, name: String },
}

/// One component's resolved variables, shared by all of its instances.
struct ComponentVariables {
    component_id: String,
    values: BTreeMap<String, String>,
}

impl ComponentVariables {
    fn get(&self, name: &str) -> Result<&str, VariableError> {
        check_name(name).map_err(|reason| VariableError::InvalidName {
            name: name.to_string(),
            reason,
        })?;
        self.values
            .get(name)
            .map(String::as_str)
            .ok_or_else(|| VariableError::Undefined {
                component: self.component_id.clone(),
                name: name.to_string(),
            })
    }
}

/// All application and component variables, resolved at start-up.
pub struct VariablesFactor {
    app_values: HashMap<String, String>,
    components: HashMap<String, Arc<ComponentVariables>>,
}

impl std::fmt::Debug for VariablesFactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Names only: values may be secrets.
        let mut app: Vec<_> = self.app_values.keys().collect();
        app.sort();
        let mut components: Vec<_> = self.components.keys().collect();
        components.sort();
        f.debug_struct("VariablesFactor")
            .field("app_variables", &app)
            .field("components", &components)
            .finish()
    }
}

impl VariablesFactor {
    /// Validates the declarations, asks the providers for every application variable, and
    /// renders every component template.
    ///
    /// `runtime_config` is the runtime config's `variables_provider` value (an array of
    /// tables). `env` looks up process environment variables.
    pub fn new(
        app_variables: BTreeMap<String, VariableDecl>,
        component_variables: BTreeMap<String, BTreeMap<String, String>>,
        runtime_config: Option<&toml::Value>,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> anyhow::Result<Self> {
        for (name, decl) in &app_variables {
            check_name(name).map_err(|reason| {
                anyhow!("invalid application variable name {name:?}: {reason}")
            })?;
            if decl.required == decl.default.is_some() {
                bail!("application variable {name:?} must either be `required = true` or have a `default`, not both or neither");
            }
        }

        let mut providers = vec![Provider::default_env()?];
        if let Some(section) = runtime_config {
            providers.extend(Provider::from_runtime_config(section)?);
        }

        let mut app_values = HashMap::new();
        let mut missing = Vec::new();
        for (name, decl) in &app_variables {
            let value = providers
                .iter()
                .find_map(|provider| provider.get(name, env))
                .or_else(|| decl.default.clone());
            match value {
                Some(value) => {
                    app_values.insert(name.clone(), value);
                }
                None => missing.push(name.as_str()),
            }
        }
        if !missing.is_empty() {
            let hints: Vec<String> = missing
                .iter()
                .map(|name| {
                    format!(
                        "{name:?} (e.g. {}_{})",
                        provider::DEFAULT_ENV_PREFIX,
                        name.to_ascii_uppercase()
                    )
                })
                .collect();
            bail!(
                "required application variable(s) have no value: {}; set them in the environment or through a variables provider",
                hints.join(", ")
            );
        }

        let mut components = HashMap::new();
        for (component_id, templates) in component_variables {
            let mut values = BTreeMap::new();
            for (name, text) in templates {
                check_name(&name).map_err(|reason| {
                    anyhow!("component {component_id:?}: invalid variable name {name:?}: {reason}")
                })?;
                let rendered = render_template(&text, &app_values).map_err(|reason| {
                    anyhow!("component {component_id:?}, variable {name:?}: {reason}")
                })?;
                values.insert(name, rendered);
            }
            components.insert(
                component_id.clone(),
                Arc::new(ComponentVariables {
                    component_id,
                    values,
                }),
            );
        }

        Ok(Self {
            app_values,
            components,
        })
    }

    /// The value of `component_id`'s variable `name`.
    pub fn resolve(&self, component_id: &str, name: &str) -> Result<String, VariableError> {
        match self.components.get(component_id) {
            Some(vars) => vars.get(name).map(str::to_owned),
            None => {
                check_name(name).map_err(|reason| VariableError::InvalidName {
                    name: name.to_string(),
                    reason,
                })?;
                Err(VariableError::Undefined {
                    component: component_id.to_string(),
                    name: name.to_string(),
                })
            }
        }
    }

    /// Expands `{{ app_var }}` templates in manifest strings such as allowed_outbound_hosts.
    /// The error names the template (a manifest string), never a variable's value.
    pub fn expand_app_template(&self, template: &str) -> anyhow::Result<String> {
        render_template(template, &self.app_values)
            .map_err(|reason| anyhow!("cannot expand {template:?}: {reason}"))
    }

    /// Per-instance state for `component_id`; a component without variables gets an empty
    /// set, so every `get` answers `undefined`.
    pub fn instance_state(&self, component_id: &str) -> VariablesInstanceState {
        let vars = self
            .components
            .get(component_id)
            .cloned()
            .unwrap_or_else(|| {
                Arc::new(ComponentVariables {
                    component_id: component_id.to_string(),
                    values: BTreeMap::new(),
                })
            });
        VariablesInstanceState { vars }
    }
}

fn render_template(text: &str, app_values: &HashMap<String, String>) -> Result<String, String> {
    let template = Template::parse(text)?;
    if let Some(unknown) = template
        .variables()
        .find(|name| !app_values.contains_key(*name))
    {
        return Err(format!(
            "refers to {unknown:?}, which is not declared in the application's [variables]"
        ));
    }
    template.render(|name| app_values.get(name).map(String::as_str))
}

/// What one component instance may read.
pub struct VariablesInstanceState {
    vars: Arc<ComponentVariables>,
}

impl VariablesInstanceState {
    /// The component variable `name`, as the guest's `get` sees it.
    pub fn get(&self, name: &str) -> Result<&str, VariableError> {
        self.vars.get(name)
    }
}

/// Adds `fermyon:spin/variables@2.0.0` and `wasi:config/store@0.2.0-draft-2024-09-27`.
pub fn add_to_linker<T: Send + 'static>(
    linker: &mut Linker<T>,
    get: fn(&mut T) -> &mut VariablesInstanceState,
) -> anyhow::Result<()> {
    type State = HasSelf<VariablesInstanceState>;
    bindings::fermyon::spin2_0_0::variables::add_to_linker::<T, State>(linker, get)?;
    bindings::wasi::config::store::add_to_linker::<T, State>(linker, get)?;
    Ok(())
}

#[cfg(test)]
mod tests;
