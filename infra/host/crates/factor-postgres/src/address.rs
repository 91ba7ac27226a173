//! Works out which network endpoints a guest's connection string would reach, so each
//! can be checked against the component's `allowed_outbound_hosts` before connecting.

use tokio_postgres::config::Host;
use url::Url;

/// PostgreSQL's default port, used by `tokio-postgres` when the address names none.
const DEFAULT_PORT: u16 = 5432;

/// Parses a guest's connection string (URL or `key=value` form).
///
/// The error text never includes the address itself, which may hold a password.
pub fn parse(address: &str) -> Result<tokio_postgres::Config, String> {
    address
        .parse::<tokio_postgres::Config>()
        .map_err(|e| format!("invalid PostgreSQL connection string: {e}"))
}

/// Every endpoint `tokio-postgres` may connect to for `config`, as
/// `postgres://host:port` URLs with the port always explicit.
///
/// Mirrors `tokio-postgres`' own choice of target: the i-th `hostaddr` (an IP) wins
/// over the i-th `host` (which is then only the TLS server name), and the i-th port
/// applies, or the only port if just one is given.
pub fn endpoints(config: &tokio_postgres::Config) -> Result<Vec<Url>, String> {
    let hosts = config.get_hosts();
    let hostaddrs = config.get_hostaddrs();
    let ports = config.get_ports();
    let count = hosts.len().max(hostaddrs.len());
    if count == 0 {
        return Err("the connection string names no host".to_string());
    }
    (0..count)
        .map(|i| {
            let port = ports
                .get(i)
                .or_else(|| ports.first())
                .copied()
                .unwrap_or(DEFAULT_PORT);
            match (hostaddrs.get(i), hosts.get(i)) {
                (Some(ip), _) => endpoint_url(&ip.to_string(), port),
                (None, Some(Host::Tcp(name))) => endpoint_url(name, port),
                #[cfg(unix)]
                (None, Some(Host::Unix(_))) => {
                    Err("Unix-domain sockets are not supported; use a TCP host".to_string())
                }
                (None, None) => Err("the connection string names no host".to_string()),
            }
        })
        .collect()
}

fn endpoint_url(host: &str, port: u16) -> Result<Url, String> {
    let authority_host = if host.contains(':') {
        format!("[{host}]")
    } else {
        host.to_string()
    };
    let invalid = || format!("invalid PostgreSQL host {host:?}");
    let url = Url::parse(&format!("postgres://{authority_host}:{port}")).map_err(|_| invalid())?;
    // A host containing URL syntax ('/', '@', '?') would parse as some other host
    // than the one tokio-postgres resolves; refuse rather than check the wrong name.
    let parsed_host = url
        .host_str()
        .map(|h| h.trim_start_matches('[').trim_end_matches(']'));
    let same_host = parsed_host.is_some_and(|h| h.eq_ignore_ascii_case(host));
    if !same_host || url.port() != Some(port) || !matches!(url.path(), "" | "/") {
        return Err(invalid());
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn endpoint_strings(address: &str) -> Result<Vec<String>, String> {
        Ok(endpoints(&parse(address)?)?
            .into_iter()
            .map(String::from)
            .collect())
    }

    #[test]
    fn url_form_with_and_without_port() {
        assert_eq!(
            endpoint_strings("postgres://user:secret@db.example:6543/app").unwrap(),
            ["postgres://db.example:6543"]
        );
        assert_eq!(
            endpoint_strings("postgresql://user@127.0.0.1/app").unwrap(),
            ["postgres://127.0.0.1:5432"]
        );
    }

    #[test]
    fn key_value_form_multiple_hosts_and_ipv6() {
        assert_eq!(
            endpoint_strings("host=a.example,::1 port=1,2 user=u").unwrap(),
            ["postgres://a.example:1", "postgres://[::1]:2"]
        );
        assert_eq!(
            endpoint_strings("host=a.example,b.example port=7000").unwrap(),
            ["postgres://a.example:7000", "postgres://b.example:7000"]
        );
    }

    #[test]
    fn hostaddr_is_what_gets_checked() {
        assert_eq!(
            endpoint_strings("host=allowed.example hostaddr=10.1.2.3 user=u").unwrap(),
            ["postgres://10.1.2.3:5432"]
        );
    }

    #[test]
    fn rejects_sockets_missing_hosts_and_url_tricks() {
        assert!(endpoint_strings("host=/var/run/postgresql user=u").is_err());
        assert!(endpoint_strings("user=u dbname=x").is_err());
        assert!(endpoint_strings("host='evil.example/x@allowed.example' user=u").is_err());
        assert!(endpoint_strings("not a connection string =").is_err());
    }

    #[test]
    fn parse_errors_do_not_echo_the_password() {
        let err = parse("postgres://user:hunter2@host:notaport/db").unwrap_err();
        assert!(!err.contains("hunter2"), "{err}");
    }
}
