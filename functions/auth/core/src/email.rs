//! Email addresses: normalisation and the syntax we accept.
//!
//! Normalised form: surrounding whitespace trimmed, domain lower-cased; the local part keeps its
//! case (RFC 5321 lets servers treat it as case-sensitive). Accounts are unique by this form
//! across the whole app, since login is by email alone.
//!
//! Only ASCII addresses are accepted (no SMTPUTF8): internationalised domains must be given in
//! punycode. That keeps look-alike Unicode out of account names and makes every stored address
//! deliverable by any mail server.

/// Longest address SMTP can carry (RFC 5321 path limit minus the angle brackets).
pub const MAX_LEN: usize = 254;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidEmail {
    pub message: &'static str,
}

/// The normalised address, or why it is not one we accept.
pub fn normalise(raw: &str) -> Result<String, InvalidEmail> {
    let invalid = |message| Err(InvalidEmail { message });
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return invalid("email is empty");
    }
    if trimmed.len() > MAX_LEN {
        return invalid("email is longer than 254 characters");
    }
    if !trimmed.is_ascii() {
        return invalid("email must be ASCII (give internationalised domains in punycode)");
    }
    let Some((local, domain)) = trimmed.rsplit_once('@') else {
        return invalid("email has no @");
    };
    if local.is_empty() || local.len() > 64 {
        return invalid("the part before @ must be 1 to 64 characters");
    }
    // RFC 5322 dot-atom: printable characters except specials; no leading, trailing or double dot.
    let atext = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c);
    if !local
        .split('.')
        .all(|atom| !atom.is_empty() && atom.chars().all(atext))
    {
        return invalid("the part before @ contains characters not allowed in an email address");
    }
    let domain = domain.to_ascii_lowercase();
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |label: &&str| {
        (1..=63).contains(&label.len())
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    if labels.len() < 2 || !labels.iter().all(label_ok) {
        return invalid("the domain is not a valid host name with a dot");
    }
    Ok(format!("{local}@{domain}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_lowercases_only_the_domain() {
        assert_eq!(
            normalise("  Ann.Lee@Example.COM \n").unwrap(),
            "Ann.Lee@example.com"
        );
        assert_eq!(
            normalise("a+tag@sub.example.co.uk").unwrap(),
            "a+tag@sub.example.co.uk"
        );
        assert_eq!(
            normalise("x@xn--bcher-kva.example").unwrap(),
            "x@xn--bcher-kva.example"
        );
    }

    #[test]
    fn rejects_malformed_and_hostile_addresses() {
        for bad in [
            "",
            "   ",
            "no-at-sign",
            "@example.com",
            "ann@",
            "ann@localhost",
            "ann@exa_mple.com",
            "ann@-example.com",
            "a..b@example.com",
            ".a@example.com",
            "a b@example.com",
            "ann@example..com",
            "'; DROP TABLE auth_users; --@example.com",
            "ann\"@example.com",
            "ann@example.com\0",
            "ánn@example.com",
            "ann@bücher.example",
            "ann@exam\u{200b}ple.com",
            "\u{202e}moc.elpmaxe@nna",
        ] {
            assert!(normalise(bad).is_err(), "{bad:?} accepted");
        }
        let long_local = format!("{}@example.com", "a".repeat(65));
        assert!(normalise(&long_local).is_err());
        let long = format!("a@{}.com", "b".repeat(250));
        assert!(normalise(&long).is_err());
    }

    #[test]
    fn sql_metacharacters_allowed_by_rfc_pass_through_unchanged() {
        // Legal in a local part; parameterised queries make them harmless.
        assert_eq!(
            normalise("o'brien@example.com").unwrap(),
            "o'brien@example.com"
        );
    }
}
