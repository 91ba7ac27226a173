//! The app's name, version and components, embedded from `spin.toml` at build time.

use serde::Serialize;

/// One component of the app as declared in `spin.toml`.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct ComponentInfo {
    pub id: &'static str,
    /// Its first public HTTP route; `None` for private or trigger-less components.
    pub route: Option<&'static str>,
    pub description: Option<&'static str>,
}

include!(concat!(env!("OUT_DIR"), "/app_info.rs"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embeds_spin_toml() {
        assert_eq!(APP_NAME, "english-assistant");
        assert!(!APP_VERSION.is_empty());
        let health = COMPONENTS.iter().find(|c| c.id == "health").unwrap();
        assert_eq!(health.route, Some("/api/v1/health"));
        assert!(health.description.is_some());
        assert_eq!(KEY_VALUE_STORES, ["default"]);
        assert_eq!(SQLITE_DATABASES, ["default"]);
    }
}
