//! Dependency names as spin.toml spells them, and how they select a component's imports.
//!
//! A dependency name is either a plain kebab-case import name (`my-dep`) or a WIT package
//! reference: `ns:pkg/iface@1.2.3` names one interface, `ns:pkg@1.2.3` (or `ns:pkg`) every
//! imported interface of that package. The version, when given, must equal the import's version
//! exactly (semver equality, as Spin compares them); when omitted, any version matches.

use std::fmt;
use std::str::FromStr;

use semver::Version;

/// A parsed key of a component's `[component.X.dependencies]` table.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DependencyName {
    /// A plain import name such as `my-dep`; matches only the import of exactly that name.
    Plain(String),
    /// A WIT package reference, optionally narrowed to one interface and one version.
    Package {
        namespace: String,
        package: String,
        interface: Option<String>,
        version: Option<Version>,
    },
}

/// Why a dependency name could not be parsed.
#[derive(Debug, thiserror::Error)]
#[error("invalid dependency name `{name}`: {reason}")]
pub struct NameError {
    pub name: String,
    pub reason: String,
}

impl DependencyName {
    /// Whether the import named `import_name` (as it appears in a component's type) is one this
    /// dependency is declared to satisfy.
    pub fn matches_import(&self, import_name: &str) -> bool {
        match (self, ImportName::parse(import_name)) {
            (DependencyName::Plain(name), Some(ImportName::Plain(import))) => name == import,
            (
                DependencyName::Package {
                    namespace,
                    package,
                    interface,
                    version,
                },
                Some(ImportName::Interface {
                    namespace: import_namespace,
                    package: import_package,
                    interface: import_interface,
                    version: import_version,
                }),
            ) => {
                namespace == import_namespace
                    && package == import_package
                    && interface.as_deref().is_none_or(|i| i == import_interface)
                    && version
                        .as_ref()
                        .is_none_or(|v| import_version.as_ref() == Some(v))
            }
            _ => false,
        }
    }
}

impl FromStr for DependencyName {
    type Err = NameError;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        let fail = |reason: &str| NameError {
            name: name.to_owned(),
            reason: reason.to_owned(),
        };
        let Some((namespace, rest)) = name.split_once(':') else {
            check_kebab(name).map_err(|reason| fail(&reason))?;
            return Ok(DependencyName::Plain(name.to_owned()));
        };
        let (path, version) = match rest.split_once('@') {
            Some((path, version)) => {
                let version = Version::parse(version)
                    .map_err(|e| fail(&format!("version `{version}` is not semver: {e}")))?;
                (path, Some(version))
            }
            None => (rest, None),
        };
        let (package, interface) = match path.split_once('/') {
            Some((package, interface)) => (package, Some(interface)),
            None => (path, None),
        };
        check_kebab(namespace).map_err(|reason| fail(&format!("namespace: {reason}")))?;
        check_kebab(package).map_err(|reason| fail(&format!("package: {reason}")))?;
        if let Some(interface) = interface {
            check_kebab(interface).map_err(|reason| fail(&format!("interface: {reason}")))?;
        }
        Ok(DependencyName::Package {
            namespace: namespace.to_owned(),
            package: package.to_owned(),
            interface: interface.map(str::to_owned),
            version,
        })
    }
}

impl fmt::Display for DependencyName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DependencyName::Plain(name) => f.write_str(name),
            DependencyName::Package {
                namespace,
                package,
                interface,
                version,
            } => {
                write!(f, "{namespace}:{package}")?;
                if let Some(interface) = interface {
                    write!(f, "/{interface}")?;
                }
                if let Some(version) = version {
                    write!(f, "@{version}")?;
                }
                Ok(())
            }
        }
    }
}

/// A component import name, split the way dependency names are matched against it.
enum ImportName<'a> {
    Plain(&'a str),
    Interface {
        namespace: &'a str,
        package: &'a str,
        interface: &'a str,
        version: Option<Version>,
    },
}

impl<'a> ImportName<'a> {
    /// `None` for names no dependency can match (e.g. an unparsable version); such imports are
    /// simply left for the host to satisfy.
    fn parse(name: &'a str) -> Option<Self> {
        let Some((namespace, rest)) = name.split_once(':') else {
            return Some(ImportName::Plain(name));
        };
        let (path, version) = match rest.split_once('@') {
            Some((path, version)) => (path, Some(Version::parse(version).ok()?)),
            None => (rest, None),
        };
        let (package, interface) = path.split_once('/')?;
        Some(ImportName::Interface {
            namespace,
            package,
            interface,
            version,
        })
    }
}

/// The component model's kebab-case: `-`-separated words, each starting with a letter and
/// either all lowercase or all uppercase.
fn check_kebab(word: &str) -> Result<(), String> {
    if word.is_empty() {
        return Err("is empty".into());
    }
    for part in word.split('-') {
        let valid = part.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && part.chars().all(|c| c.is_ascii_alphanumeric())
            && (part.chars().all(|c| !c.is_ascii_uppercase())
                || part.chars().all(|c| !c.is_ascii_lowercase()));
        if !valid {
            return Err(format!("`{word}` is not kebab-case"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(s: &str) -> DependencyName {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn parses_and_displays_round_trip() {
        for s in [
            "test:greeter/greet@0.1.0",
            "test:greeter/greet",
            "test:greeter@0.1.0",
            "test:greeter",
            "my-dep",
            "a:b/c@1.0.0-rc.1",
        ] {
            assert_eq!(name(s).to_string(), s);
        }
        assert_eq!(
            name("test:greeter@0.1.0"),
            DependencyName::Package {
                namespace: "test".into(),
                package: "greeter".into(),
                interface: None,
                version: Some(Version::new(0, 1, 0)),
            }
        );
    }

    #[test]
    fn rejects_malformed_names() {
        for s in [
            "",
            "Bad_Name",
            "test:",
            ":greeter",
            "test:greeter/",
            "test:greeter@",
            "test:greeter@one",
            "test:gr eeter/greet",
            "test:greeter/greet@0.1",
            "test:greeter/9greet",
            "test:greeter/a/b",
        ] {
            assert!(
                s.parse::<DependencyName>().is_err(),
                "`{s}` should not parse"
            );
        }
    }

    #[test]
    fn interface_names_match_their_interface_at_the_given_version() {
        let dep = name("test:greeter/greet@0.1.0");
        assert!(dep.matches_import("test:greeter/greet@0.1.0"));
        assert!(!dep.matches_import("test:greeter/greet@0.1.1"));
        assert!(!dep.matches_import("test:greeter/greet"));
        assert!(!dep.matches_import("test:greeter/other@0.1.0"));

        let any_version = name("test:greeter/greet");
        assert!(any_version.matches_import("test:greeter/greet@0.1.0"));
        assert!(any_version.matches_import("test:greeter/greet"));
        assert!(!any_version.matches_import("test:greeter/greet-more"));
    }

    #[test]
    fn package_names_match_every_interface_of_the_package() {
        let dep = name("test:greeter@0.1.0");
        assert!(dep.matches_import("test:greeter/greet@0.1.0"));
        assert!(dep.matches_import("test:greeter/other@0.1.0"));
        assert!(!dep.matches_import("test:greeter/greet@0.2.0"));
        assert!(!dep.matches_import("test:greeter/greet"));
        assert!(!dep.matches_import("test:greeting/greet@0.1.0"));
        assert!(!dep.matches_import("other:greeter/greet@0.1.0"));

        assert!(name("test:greeter").matches_import("test:greeter/greet@9.9.9"));
    }

    #[test]
    fn plain_names_match_only_the_same_plain_import() {
        let dep = name("my-dep");
        assert!(dep.matches_import("my-dep"));
        assert!(!dep.matches_import("my-dep-2"));
        assert!(!dep.matches_import("test:my-dep/my-dep"));
        assert!(!name("test:greeter").matches_import("greeter"));
    }
}
