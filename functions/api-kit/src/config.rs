//! Typed configuration from Spin variables (or any other name → string source).
//!
//! A function declares its settings as a struct implementing [`FromConfig`] and loads it with
//! [`Variables::load`]. An empty value counts as "not set": `spin.toml` uses `""` defaults to
//! mean "not configured".

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use crate::ApiError;

/// Where variable values come from. `None` means the variable is undefined.
pub trait ConfigSource {
    fn get(&self, name: &str) -> Option<String>;
}

/// An in-memory source, for tests and for callers that resolve variables themselves.
#[derive(Debug, Clone, Default)]
pub struct MapConfig(HashMap<String, String>);

impl MapConfig {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with(mut self, name: &str, value: impl Into<String>) -> Self {
        self.0.insert(name.to_string(), value.into());
        self
    }
}

impl<N: Into<String>, V: Into<String>> FromIterator<(N, V)> for MapConfig {
    fn from_iter<I: IntoIterator<Item = (N, V)>>(iter: I) -> Self {
        Self(
            iter.into_iter()
                .map(|(n, v)| (n.into(), v.into()))
                .collect(),
        )
    }
}

impl ConfigSource for MapConfig {
    fn get(&self, name: &str) -> Option<String> {
        self.0.get(name).cloned()
    }
}

/// A configuration problem, always naming the variable so operators know what to fix.
/// Values are never included: they may be secrets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    Missing { name: String },
    Invalid { name: String, reason: String },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing { name } => write!(f, "variable `{name}` is required but not set"),
            Self::Invalid { name, reason } => write!(f, "variable `{name}` is invalid: {reason}"),
        }
    }
}

impl std::error::Error for ConfigError {}

/// Misconfiguration is the operator's fault, not the client's: a 500 whose cause is logged.
impl From<ConfigError> for ApiError {
    fn from(e: ConfigError) -> Self {
        ApiError::internal(e)
    }
}

/// A settings struct built from variables.
pub trait FromConfig: Sized {
    fn from_config(vars: &Variables<'_>) -> Result<Self, ConfigError>;
}

/// Typed accessors over a [`ConfigSource`].
pub struct Variables<'a> {
    source: &'a dyn ConfigSource,
}

impl<'a> Variables<'a> {
    pub fn new(source: &'a dyn ConfigSource) -> Self {
        Self { source }
    }

    pub fn load<T: FromConfig>(&self) -> Result<T, ConfigError> {
        T::from_config(self)
    }

    /// The value, or `None` when undefined or empty (surrounding whitespace ignored).
    pub fn optional(&self, name: &str) -> Option<String> {
        self.source
            .get(name)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    }

    pub fn required(&self, name: &str) -> Result<String, ConfigError> {
        self.optional(name).ok_or_else(|| ConfigError::Missing {
            name: name.to_string(),
        })
    }

    /// Parses the value if set; a value that does not parse is an error naming the variable.
    pub fn parse<T>(&self, name: &str) -> Result<Option<T>, ConfigError>
    where
        T: FromStr,
        T::Err: fmt::Display,
    {
        self.optional(name)
            .map(|raw| {
                raw.parse().map_err(|e: T::Err| ConfigError::Invalid {
                    name: name.to_string(),
                    reason: e.to_string(),
                })
            })
            .transpose()
    }

    pub fn parse_or<T>(&self, name: &str, default: T) -> Result<T, ConfigError>
    where
        T: FromStr,
        T::Err: fmt::Display,
    {
        Ok(self.parse(name)?.unwrap_or(default))
    }

    pub fn parse_required<T>(&self, name: &str) -> Result<T, ConfigError>
    where
        T: FromStr,
        T::Err: fmt::Display,
    {
        self.parse(name)?.ok_or_else(|| ConfigError::Missing {
            name: name.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Settings {
        db_url: Option<String>,
        model: String,
        max_tokens: u32,
    }

    impl FromConfig for Settings {
        fn from_config(vars: &Variables<'_>) -> Result<Self, ConfigError> {
            Ok(Self {
                db_url: vars.optional("db_url"),
                model: vars.required("model")?,
                max_tokens: vars.parse_or("max_tokens", 256)?,
            })
        }
    }

    #[test]
    fn loads_a_typed_struct_with_defaults() {
        let src = MapConfig::new().with("model", "small").with("db_url", "");
        let settings: Settings = Variables::new(&src).load().unwrap();
        assert_eq!(
            settings,
            Settings {
                db_url: None,
                model: "small".into(),
                max_tokens: 256
            }
        );
    }

    #[test]
    fn missing_required_names_the_variable() {
        let src = MapConfig::new().with("model", "  ");
        let err = Variables::new(&src).load::<Settings>().unwrap_err();
        assert_eq!(
            err,
            ConfigError::Missing {
                name: "model".into()
            }
        );
        assert!(err.to_string().contains("`model`"));
    }

    #[test]
    fn bad_value_names_the_variable_but_not_the_value() {
        let src = MapConfig::new()
            .with("model", "m")
            .with("max_tokens", "secret-ish");
        let err = Variables::new(&src).load::<Settings>().unwrap_err();
        let text = err.to_string();
        assert!(text.contains("`max_tokens`"), "{text}");
        assert!(!text.contains("secret-ish"), "{text}");
    }

    #[test]
    fn parse_required_and_conversion_to_500() {
        let src: MapConfig = [("port", "80")].into_iter().collect();
        let vars = Variables::new(&src);
        assert_eq!(vars.parse_required::<u16>("port").unwrap(), 80);
        let err: ApiError = vars.parse_required::<u16>("nope").unwrap_err().into();
        assert_eq!(err.status, 500);
        assert!(err.internal_cause().unwrap().contains("`nope`"));
    }
}
