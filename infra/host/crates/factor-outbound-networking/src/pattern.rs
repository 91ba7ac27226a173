//! One `allowed_outbound_hosts` entry: `<scheme>://<host>[:<port>]`, each part possibly a
//! wildcard, parsed into something that can be matched against a request's address.

use std::net::{IpAddr, Ipv6Addr};
use std::ops::Range;

use anyhow::{anyhow, bail};
use ipnet::IpNet;

/// Link given in parse errors, as Spin's own messages do.
const FORMAT_HELP: &str = "entries must look like <scheme>://<host>[:<port>] with '*' allowed for \
     each part (e.g. 'https://example.com', 'https://*.example.com:8443', '*://*:*'); \
     see https://spinframework.dev/v3/http-outbound#granting-http-permissions-to-components";

/// The port a scheme implies when an entry or a URL names none.
pub fn default_port(scheme: &str) -> Option<u16> {
    match scheme {
        "http" => Some(80),
        "https" => Some(443),
        "postgres" => Some(5432),
        "mysql" => Some(3306),
        "redis" => Some(6379),
        "mqtt" => Some(1883),
        _ => None,
    }
}

/// Whether `host` names the application itself rather than a network host.
///
/// `self` is what manifests write; `self.alt` is Spin's spelling for SDKs that insist on a
/// dotted authority.
pub fn is_self_host(host: &str) -> bool {
    host.eq_ignore_ascii_case("self") || host.eq_ignore_ascii_case("self.alt")
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct AllowedHost {
    /// The entry as written, for diagnostics.
    pub(crate) original: String,
    pub(crate) scheme: SchemePattern,
    pub(crate) host: HostPattern,
    pub(crate) port: PortPattern,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum SchemePattern {
    Any,
    /// Lowercased.
    Exact(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum HostPattern {
    Any,
    /// `*.example.com`, stored as `.example.com`: any strict subdomain.
    Subdomain(String),
    /// `self`: requests to the application itself.
    SelfApp,
    /// A DNS name, lowercased and in ASCII (IDNA) form.
    Domain(String),
    Ip(IpAddr),
    Cidr(IpNet),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum PortPattern {
    Any,
    Port(u16),
    /// `start..end`, end exclusive, as in Spin.
    Range(Range<u16>),
}

/// A request's host, normalised the same way entries are.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum RequestHost {
    SelfApp,
    Domain(String),
    Ip(IpAddr),
}

impl SchemePattern {
    pub(crate) fn matches(&self, scheme: &str) -> bool {
        match self {
            Self::Any => true,
            Self::Exact(s) => s.eq_ignore_ascii_case(scheme),
        }
    }
}

impl HostPattern {
    pub(crate) fn matches(&self, host: &RequestHost) -> bool {
        match (self, host) {
            (Self::Any, _) => true,
            (Self::SelfApp, RequestHost::SelfApp) => true,
            (Self::Subdomain(suffix), RequestHost::Domain(d)) => d.ends_with(suffix.as_str()),
            (Self::Domain(allowed), RequestHost::Domain(d)) => allowed == d,
            (Self::Ip(allowed), RequestHost::Ip(ip)) => allowed == ip,
            (Self::Cidr(net), RequestHost::Ip(ip)) => net.contains(ip),
            _ => false,
        }
    }
}

impl PortPattern {
    pub(crate) fn matches(&self, port: Option<u16>) -> bool {
        match (self, port) {
            (Self::Any, _) => true,
            (Self::Port(p), Some(port)) => *p == port,
            (Self::Range(r), Some(port)) => r.contains(&port),
            (_, None) => false,
        }
    }
}

impl RequestHost {
    /// Normalises a URL's host. `url` leaves hosts of non-special schemes (`postgres:`,
    /// `redis:`) as opaque strings, so IP literals and case are handled here for all schemes.
    pub(crate) fn from_url(url: &url::Url) -> Option<Self> {
        Some(match url.host()? {
            url::Host::Ipv4(ip) => Self::Ip(ip.into()),
            url::Host::Ipv6(ip) => Self::Ip(ip.into()),
            url::Host::Domain(domain) => {
                // A fully qualified `example.com.` is the same host as `example.com`.
                let domain = domain.strip_suffix('.').unwrap_or(domain);
                if is_self_host(domain) {
                    Self::SelfApp
                } else if let Ok(ip) = domain.parse::<IpAddr>() {
                    Self::Ip(ip)
                } else {
                    Self::Domain(domain.to_ascii_lowercase())
                }
            }
        })
    }
}

impl AllowedHost {
    pub(crate) fn parse(raw: &str) -> anyhow::Result<Self> {
        // Every error names the entry and says why, in its Display form alone.
        Self::parse_inner(raw)
            .map_err(|reason| anyhow!("invalid allowed_outbound_hosts entry {raw:?}: {reason}"))
    }

    fn parse_inner(raw: &str) -> anyhow::Result<Self> {
        let entry = raw.trim();
        if entry == "insecure:allow-all" {
            bail!("not supported; use '*://*:*' if you really want to allow all outbound traffic");
        }
        let Some((scheme, rest)) = entry.split_once("://") else {
            bail!("it has no scheme (such as 'https://' or '*://'); {FORMAT_HELP}");
        };
        let scheme = parse_scheme(scheme)?;
        let authority = split_authority(rest)?;
        let host = parse_host(&authority)?;
        let port = parse_port(authority.port, &scheme)?;
        Ok(Self {
            original: raw.to_string(),
            scheme,
            host,
            port,
        })
    }

    pub(crate) fn matches(&self, scheme: &str, host: &RequestHost, port: Option<u16>) -> bool {
        self.scheme.matches(scheme) && self.host.matches(host) && self.port.matches(port)
    }
}

fn parse_scheme(scheme: &str) -> anyhow::Result<SchemePattern> {
    if scheme == "*" {
        return Ok(SchemePattern::Any);
    }
    // RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !valid {
        bail!("scheme {scheme:?} is not '*' or a valid URL scheme; {FORMAT_HELP}");
    }
    Ok(SchemePattern::Exact(scheme.to_ascii_lowercase()))
}

/// The pieces of `<host>[/<prefix>][:<port>][/]`, still unparsed.
#[derive(Debug)]
struct Authority<'a> {
    /// Without IPv6 brackets.
    host: &'a str,
    bracketed: bool,
    /// CIDR prefix length, as in `10.0.0.0/8`.
    prefix: Option<&'a str>,
    port: Option<&'a str>,
}

fn split_authority(rest: &str) -> anyhow::Result<Authority<'_>> {
    if rest.contains(['@', '?', '#', '\\']) {
        bail!("user info, queries and fragments are not allowed; {FORMAT_HELP}");
    }
    // A single trailing slash is tolerated (Spin accepts `https://example.com/`).
    let rest = rest.strip_suffix('/').unwrap_or(rest);

    let (host, bracketed, after_host) = if let Some(inner) = rest.strip_prefix('[') {
        let close = inner
            .find(']')
            .ok_or_else(|| anyhow!("'[' without a closing ']'"))?;
        (&inner[..close], true, &inner[close + 1..])
    } else {
        let end = rest.find(['/', ':']).unwrap_or(rest.len());
        match rest.split_once('/') {
            // Spin also accepts an unbracketed IPv6 network such as `ff00::/8:80`.
            Some((ip, _)) if ip.contains(':') && ip.parse::<IpAddr>().is_ok() => {
                (ip, false, &rest[ip.len()..])
            }
            _ if rest[..rest.find('/').unwrap_or(rest.len())]
                .matches(':')
                .count()
                > 1 =>
            {
                bail!("IPv6 addresses must be written in brackets, e.g. 'http://[::1]:8080'")
            }
            _ => (&rest[..end], false, &rest[end..]),
        }
    };

    // `/<digits>` right after the host is a CIDR prefix length; anything else is a path.
    let (prefix, after_prefix) = match after_host.strip_prefix('/') {
        Some(tail) => {
            let end = tail.find(':').unwrap_or(tail.len());
            let prefix = &tail[..end];
            if prefix.is_empty() || !prefix.bytes().all(|b| b.is_ascii_digit()) {
                bail!("entries must not have a path; {FORMAT_HELP}");
            }
            (Some(prefix), &tail[end..])
        }
        None => (None, after_host),
    };

    let port = match after_prefix.strip_prefix(':') {
        Some(port) if port.contains('/') => {
            bail!("entries must not have a path; {FORMAT_HELP}")
        }
        Some(port) if port.contains(':') => {
            bail!("IPv6 addresses must be written in brackets, e.g. 'http://[::1]:8080'")
        }
        Some(port) => Some(port),
        None if after_prefix.is_empty() => None,
        None => bail!("unexpected {after_prefix:?} after the host; {FORMAT_HELP}"),
    };

    Ok(Authority {
        host,
        bracketed,
        prefix,
        port,
    })
}

fn parse_host(authority: &Authority<'_>) -> anyhow::Result<HostPattern> {
    let host = authority.host.trim();
    if host.is_empty() {
        bail!("the host is empty; {FORMAT_HELP}");
    }

    if let Some(prefix) = authority.prefix {
        let net: IpNet = format!("{host}/{prefix}")
            .parse()
            .map_err(|_| anyhow!("{host}/{prefix} is not a valid CIDR IP network"))?;
        // `127.0.0.1/24` means the network 127.0.0.0/24, as in Spin.
        return Ok(HostPattern::Cidr(net.trunc()));
    }

    if authority.bracketed {
        let ip: Ipv6Addr = host
            .parse()
            .map_err(|_| anyhow!("[{host}] is not a valid IPv6 address"))?;
        return Ok(HostPattern::Ip(ip.into()));
    }

    if host == "*" {
        return Ok(HostPattern::Any);
    }
    if is_self_host(host) {
        return Ok(HostPattern::SelfApp);
    }
    if let Some(domain) = host.strip_prefix("*.") {
        if domain.contains('*') {
            bail!("wildcards are only allowed as the whole host ('*') or as the first label ('*.example.com')");
        }
        return match normalise_host(domain)? {
            HostPattern::Domain(domain) => Ok(HostPattern::Subdomain(format!(".{domain}"))),
            _ => bail!("'*.' must be followed by a domain name, not an IP address"),
        };
    }
    if host.contains('*') {
        bail!("wildcards are only allowed as the whole host ('*') or as the first label ('*.example.com')");
    }
    normalise_host(host)
}

/// Lowercases and IDNA-encodes a domain (matching what `url` does to request URLs) or
/// recognises an IPv4 literal.
fn normalise_host(host: &str) -> anyhow::Result<HostPattern> {
    match url::Host::parse(host).map_err(|e| anyhow!("{host:?} is not a valid host: {e}"))? {
        url::Host::Domain(domain) => {
            let domain = domain.strip_suffix('.').unwrap_or(&domain);
            Ok(HostPattern::Domain(domain.to_ascii_lowercase()))
        }
        url::Host::Ipv4(ip) => Ok(HostPattern::Ip(ip.into())),
        url::Host::Ipv6(ip) => Ok(HostPattern::Ip(ip.into())),
    }
}

fn parse_port(port: Option<&str>, scheme: &SchemePattern) -> anyhow::Result<PortPattern> {
    let Some(port) = port else {
        return match scheme {
            SchemePattern::Exact(s) => default_port(s).map(PortPattern::Port).ok_or_else(|| {
                anyhow!("no port given and scheme {s:?} has no default port; add ':<port>' or ':*'")
            }),
            SchemePattern::Any => {
                bail!("no port given and scheme '*' has no default port; add ':<port>' or ':*'")
            }
        };
    };
    if port == "*" {
        return Ok(PortPattern::Any);
    }
    if let Some((start, end)) = port.split_once("..") {
        let start = parse_port_number(start)?;
        let end = parse_port_number(end)?;
        if start >= end {
            bail!("port range {port:?} is empty (the end is exclusive)");
        }
        return Ok(PortPattern::Range(start..end));
    }
    parse_port_number(port).map(PortPattern::Port)
}

fn parse_port_number(port: &str) -> anyhow::Result<u16> {
    // `u16::from_str` would accept a leading '+'.
    if port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()) {
        bail!("port {port:?} is not '*', a number or a range 'start..end'");
    }
    port.parse()
        .map_err(|_| anyhow!("port {port:?} is out of range (0-65535)"))
}
