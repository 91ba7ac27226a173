//! allowed_outbound_hosts parsing and matching, as Spin documents it.
//!
//! Each entry is `<scheme>://<host>[:<port>]`:
//! - scheme: a URL scheme or `*`;
//! - host: a DNS name, `*.` + a domain (any strict subdomain), `*`, an IP address
//!   (IPv6 in brackets), a CIDR network (`10.0.0.0/8`, `[fd00::]/8`), or `self`
//!   (requests to the application itself, also spelt `self.alt`);
//! - port: a number, `*`, or a range `start..end` (end exclusive, as in Spin); when absent,
//!   the scheme's well-known port ([`default_port`]) and an error for schemes without one.
//!
//! A single trailing `/` is tolerated; any other path, user info, query or fragment is an
//! error. Host names compare case-insensitively. Templates (`{{ var }}`) must already be
//! expanded by the caller.

mod pattern;

pub use pattern::{default_port, is_self_host};

/// Decides whether a component may reach an address, given as `scheme://host:port` (port
/// always explicit, no credentials). Database and Redis factors take one per request, built
/// from the component's [`AllowedHosts`], so they need not know the manifest.
pub type AddressCheck = std::sync::Arc<dyn Fn(&url::Url) -> bool + Send + Sync>;
use pattern::{AllowedHost, HostPattern, RequestHost};

/// A component's parsed `allowed_outbound_hosts`. An empty list allows nothing.
#[derive(Clone, Debug, Default)]
pub struct AllowedHosts {
    entries: Vec<AllowedHost>,
}

impl AllowedHosts {
    /// Parses every entry; the first invalid one fails the whole list, naming the entry.
    pub fn parse<S: AsRef<str>>(entries: &[S]) -> anyhow::Result<Self> {
        let entries = entries
            .iter()
            .map(|entry| AllowedHost::parse(entry.as_ref()))
            .collect::<anyhow::Result<Vec<_>>>()?;
        Ok(Self { entries })
    }

    /// Whether a connection to `url`'s scheme, host and port (explicit, or the scheme's
    /// default) is allowed. A URL whose host is `self` matches only `self` or `*` entries
    /// of the same scheme, whatever its port.
    pub fn allows(&self, url: &url::Url) -> bool {
        let Some(host) = RequestHost::from_url(url) else {
            return false;
        };
        let scheme = url.scheme();
        if host == RequestHost::SelfApp {
            return self.entries.iter().any(|entry| {
                entry.scheme.matches(scheme)
                    && matches!(entry.host, HostPattern::SelfApp | HostPattern::Any)
            });
        }
        let port = url.port().or_else(|| default_port(scheme));
        self.entries
            .iter()
            .any(|entry| entry.matches(scheme, &host, port))
    }

    /// Whether HTTP requests to the application itself (`http://self`, `https://self`, or a
    /// `*` host) are allowed.
    pub fn allows_self(&self) -> bool {
        self.entries.iter().any(|entry| {
            matches!(entry.host, HostPattern::SelfApp | HostPattern::Any)
                && (entry.scheme.matches("http") || entry.scheme.matches("https"))
        })
    }

    /// The entries as written in the manifest.
    pub fn entries(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|entry| entry.original.as_str())
    }
}

#[cfg(test)]
mod tests;
