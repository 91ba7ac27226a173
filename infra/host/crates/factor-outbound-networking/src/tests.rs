use super::*;

fn hosts(entries: &[&str]) -> AllowedHosts {
    AllowedHosts::parse(entries).unwrap_or_else(|e| panic!("{entries:?} should parse: {e:#}"))
}

fn url(s: &str) -> url::Url {
    url::Url::parse(s).unwrap_or_else(|e| panic!("test URL {s:?}: {e}"))
}

/// For each entry, URLs it must allow and URLs it must deny.
#[test]
fn matching_table() {
    let cases: &[(&str, &[&str], &[&str])] = &[
        (
            "https://example.com",
            &[
                "https://example.com",
                "https://example.com/",
                "https://example.com:443/a/b?q=1",
                "https://EXAMPLE.com/path",
                "https://Example.Com.",
                "https://user:pw@example.com/",
            ],
            &[
                "http://example.com",
                "https://example.com:8443",
                "https://www.example.com",
                "https://example.org",
                "https://notexample.com",
            ],
        ),
        (
            "https://example.com:8443",
            &["https://example.com:8443/x"],
            &["https://example.com", "http://example.com:8443"],
        ),
        (
            "HTTPS://Example.COM",
            &["https://example.com", "https://eXample.com"],
            &["http://example.com"],
        ),
        (
            "http://localhost:3000",
            &["http://localhost:3000/", "http://LOCALHOST:3000"],
            &[
                "http://localhost",
                "http://localhost:3001",
                "https://localhost:3000",
            ],
        ),
        (
            "https://*.example.com",
            &[
                "https://a.example.com",
                "https://a.b.example.com/x",
                "https://A.Example.com",
            ],
            &[
                "https://example.com",
                "https://myexample.com",
                "https://a.example.com:8443",
                "http://a.example.com",
                "https://example.com.evil.org",
            ],
        ),
        (
            "*://example.com:*",
            &[
                "http://example.com",
                "https://example.com:1234",
                "redis://example.com",
                "postgres://user:pw@example.com:6543/db",
            ],
            &["https://example.org", "https://a.example.com"],
        ),
        (
            "http://127.0.0.1:*",
            &["http://127.0.0.1", "http://127.0.0.1:65535/x"],
            &[
                "https://127.0.0.1",
                "http://127.0.0.2:80",
                "http://localhost:80",
            ],
        ),
        (
            "postgres://db.internal:5432",
            &[
                "postgres://db.internal",
                "postgres://user:secret@db.internal:5432/app",
                "postgres://DB.Internal/app",
            ],
            &["postgres://db.internal:5433", "mysql://db.internal:5432"],
        ),
        (
            "postgres://db.internal",
            &["postgres://db.internal:5432", "postgres://db.internal/app"],
            &["postgres://db.internal:5433"],
        ),
        (
            "redis://127.0.0.1:6379",
            &["redis://127.0.0.1", "redis://127.0.0.1:6379/0"],
            &["redis://127.0.0.1:6380", "redis://localhost:6379"],
        ),
        (
            "mysql://db.example.com",
            &[
                "mysql://db.example.com:3306",
                "mysql://user:pa%23ss@db.example.com",
            ],
            &["mysql://db.example.com:3307"],
        ),
        (
            "mqtt://broker.example.com",
            &["mqtt://broker.example.com:1883"],
            &["mqtt://broker.example.com:8883"],
        ),
        (
            "https://10.0.0.0/8",
            &["https://10.1.2.3", "https://10.255.255.255:443/x"],
            &[
                "https://11.0.0.1",
                "http://10.1.2.3",
                "https://10.1.2.3:8443",
            ],
        ),
        (
            "*://192.168.1.77/24:*",
            &["http://192.168.1.1:8080", "redis://192.168.1.200"],
            &["http://192.168.2.1"],
        ),
        (
            "*://[fd00::]/8:5432",
            &["postgres://[fd12::1]:5432", "http://[FD00::AB]:5432"],
            &["postgres://[fe80::1]:5432", "postgres://[fd12::1]:5433"],
        ),
        (
            "*://ff00::/8:80",
            &["http://[ff02::1]"],
            &["http://[fe80::1]"],
        ),
        (
            "http://[::1]:8080",
            &["http://[::1]:8080", "http://[0:0:0:0:0:0:0:1]:8080/x"],
            &["http://[::1]", "http://[::2]:8080", "http://127.0.0.1:8080"],
        ),
        (
            "https://[2001:DB8::1]",
            &["https://[2001:db8::1]", "https://[2001:db8:0::1]:443"],
            &["https://[2001:db8::2]"],
        ),
        (
            "http://example.com:8000..8010",
            &["http://example.com:8000", "http://example.com:8009"],
            &["http://example.com:8010", "http://example.com"],
        ),
        (
            "https://bücher.example/",
            &["https://xn--bcher-kva.example", "https://BÜCHER.example"],
            &["https://bucher.example"],
        ),
        (
            "*://*:*",
            &[
                "http://anything.example",
                "postgres://10.0.0.1:1",
                "https://[::1]:9",
                "http://self/x",
            ],
            &[],
        ),
        (
            "http://self",
            &[
                "http://self/api",
                "http://self:3000/api",
                "http://self.alt/api",
            ],
            &[
                "https://self/api",
                "http://localhost/",
                "http://example.com/",
            ],
        ),
        ("https://self", &["https://self/api"], &["http://self/api"]),
    ];

    for (entry, allowed, denied) in cases {
        let list = hosts(&[entry]);
        for u in *allowed {
            assert!(list.allows(&url(u)), "{entry:?} should allow {u:?}");
        }
        for u in *denied {
            assert!(!list.allows(&url(u)), "{entry:?} should deny {u:?}");
        }
    }
}

#[test]
fn any_entry_in_the_list_can_allow() {
    let list = hosts(&["https://api.example.com", "redis://cache.internal:6380"]);
    assert!(list.allows(&url("https://api.example.com/v1")));
    assert!(list.allows(&url("redis://cache.internal:6380")));
    assert!(!list.allows(&url("redis://cache.internal")));
    assert!(!list.allows(&url("https://example.com")));
}

#[test]
fn empty_list_allows_nothing() {
    let list = hosts(&[]);
    assert!(!list.allows(&url("https://example.com")));
    assert!(!list.allows(&url("http://self/")));
    assert!(!list.allows_self());
}

#[test]
fn allows_self_table() {
    for (entries, expected) in [
        (&["http://self"][..], true),
        (&["https://self"][..], true),
        (&["http://self.alt"][..], true),
        (&["*://*:*"][..], true),
        (&["http://*:*"][..], true),
        (&["https://example.com", "http://localhost:3000"][..], false),
        (&["postgres://*:*"][..], false),
        (&["https://*.example.com"][..], false),
    ] {
        assert_eq!(hosts(entries).allows_self(), expected, "{entries:?}");
    }
}

#[test]
fn url_without_host_is_denied() {
    let list = hosts(&["*://*:*"]);
    assert!(!list.allows(&url("unix:/run/socket")));
}

#[test]
fn unknown_scheme_needs_explicit_port_in_url() {
    let list = hosts(&["*://example.com:9000"]);
    assert!(list.allows(&url("tcp://example.com:9000")));
    assert!(!list.allows(&url("tcp://example.com")));
    let any_port = hosts(&["tcp://example.com:*"]);
    assert!(any_port.allows(&url("tcp://example.com")));
}

#[test]
fn invalid_entries_are_errors_naming_the_entry() {
    let cases: &[(&str, &str)] = &[
        ("example.com", "no scheme"),
        ("example.com:443", "no scheme"),
        ("*", "no scheme"),
        ("", "no scheme"),
        ("insecure:allow-all", "*://*:*"),
        ("https://example.com/api", "path"),
        ("https://example.com:443/api", "path"),
        ("https://*.example.com/a/b", "path"),
        ("https://example.com:http", "port"),
        ("https://example.com:70000", "out of range"),
        ("https://example.com:", "port"),
        ("https://example.com:+80", "port"),
        ("https://example.com:90..80", "empty"),
        ("https://example.com:1..x", "port"),
        ("*://example.com", "no default port"),
        ("tcp://example.com", "no default port"),
        ("https://", "empty"),
        ("https://ex*ample.com", "wildcards"),
        ("https://*.*.example.com", "wildcards"),
        ("https://*.10.0.0.1", "domain name"),
        ("h@ttp://example.com", "scheme"),
        ("1http://example.com", "scheme"),
        ("https://user@example.com", "user info"),
        ("https://example.com?x=1", "quer"),
        ("https://::1", "brackets"),
        ("http://[::1", "']'"),
        ("http://[not-ip]:80", "IPv6"),
        ("http://[::1]x", "unexpected"),
        ("https://10.0.0.0/33", "CIDR"),
        ("https://example.com/8", "CIDR"),
        ("https://exa mple.com", "valid host"),
    ];
    for (entry, needle) in cases {
        let err = match AllowedHosts::parse(&["https://fine.example", entry]) {
            Ok(parsed) => panic!("{entry:?} should be rejected, got {parsed:?}"),
            Err(e) => e.to_string(),
        };
        assert!(
            err.contains(&format!("{entry:?}")),
            "error for {entry:?} should name it: {err}"
        );
        assert!(
            err.contains(needle),
            "error for {entry:?} should mention {needle:?}: {err}"
        );
    }
}

#[test]
fn entries_keep_their_original_spelling() {
    let list = hosts(&["HTTPS://Example.com/", "redis://127.0.0.1:6379"]);
    assert_eq!(
        list.entries().collect::<Vec<_>>(),
        ["HTTPS://Example.com/", "redis://127.0.0.1:6379"]
    );
}

#[test]
fn default_ports() {
    for (scheme, port) in [
        ("http", Some(80)),
        ("https", Some(443)),
        ("postgres", Some(5432)),
        ("redis", Some(6379)),
        ("mysql", Some(3306)),
        ("mqtt", Some(1883)),
        ("tcp", None),
    ] {
        assert_eq!(default_port(scheme), port, "{scheme}");
    }
}
