//! Password policy and argon2id hashing.
//!
//! Hashes are PHC strings (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`), so the parameters
//! travel with each hash and can be raised later without breaking existing accounts.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

/// OWASP's current minimum for argon2id (m = 19 MiB, t = 2, p = 1).
pub const MEMORY_KIB: u32 = 19_456;
pub const ITERATIONS: u32 = 2;
pub const PARALLELISM: u32 = 1;

pub const MIN_LEN: usize = 8;
pub const MAX_LEN: usize = 128;

/// Why a password was refused; `message` says what to change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyViolation {
    pub message: &'static str,
}

/// Seed 003's policy: 8..=128 characters with an upper-case letter, a lower-case letter and a
/// digit; and not the email (or its local part) itself, compared case-insensitively.
pub fn check_policy(password: &str, email: &str) -> Result<(), PolicyViolation> {
    let chars = password.chars().count();
    let violation = |message| Err(PolicyViolation { message });
    if chars < MIN_LEN {
        return violation("password must be at least 8 characters long");
    }
    if chars > MAX_LEN {
        return violation("password must be at most 128 characters long");
    }
    if !password.chars().any(char::is_uppercase) {
        return violation("password must contain an upper-case letter");
    }
    if !password.chars().any(char::is_lowercase) {
        return violation("password must contain a lower-case letter");
    }
    if !password.chars().any(|c| c.is_ascii_digit()) {
        return violation("password must contain a digit");
    }
    let lowered = password.to_lowercase();
    let email = email.trim().to_lowercase();
    let local = email.split('@').next().unwrap_or_default();
    if lowered == email || (!local.is_empty() && lowered == local) {
        return violation("password must not be the email address");
    }
    Ok(())
}

fn hasher() -> Argon2<'static> {
    let params = Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None)
        .expect("the OWASP parameters are valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A fresh PHC hash of `password` with a random 16-byte salt.
pub fn hash(password: &str) -> String {
    let mut salt = [0u8; 16];
    crate::random::fill(&mut salt);
    let salt = SaltString::encode_b64(&salt).expect("16 bytes is a valid salt length");
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .expect("hashing with valid parameters cannot fail")
        .to_string()
}

/// Whether `password` matches `phc`. A corrupt stored hash verifies as false (and still costs
/// a full hash, so it cannot be told apart by timing either).
pub fn verify(password: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        // The hash's own parameters are used, so older hashes keep verifying after an upgrade.
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => {
            burn_equal_cost(password);
            false
        }
    }
}

/// A hash of a random throwaway password made with the current parameters. Logging in to an
/// unknown account verifies against it, so that path costs what a wrong password costs and the
/// answer time does not reveal whether the account exists.
pub const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$ZHVtbXktc2FsdC0xMjM0$4tmEW0T7lZ8Sx9fP4pyzi3lEcmVB5GFkV7fX4i1uykA";

/// Spends one full verification; the result is meaningless and ignored.
pub fn burn_equal_cost(password: &str) {
    if let Ok(parsed) = PasswordHash::new(DUMMY_HASH) {
        let _ = Argon2::default().verify_password(password.as_bytes(), &parsed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_accepts_a_good_password() {
        assert!(check_policy("Correct1horse", "ann@example.com").is_ok());
        // Non-ASCII letters count for case.
        assert!(check_policy("Ärger1234ß", "ann@example.com").is_ok());
    }

    #[test]
    fn policy_rejects_each_rule_with_its_message() {
        let cases = [
            ("Ab1", "at least 8"),
            ("abcdefg1", "upper-case"),
            ("ABCDEFG1", "lower-case"),
            ("Abcdefgh", "digit"),
        ];
        for (password, needle) in cases {
            let err = check_policy(password, "x@example.com").unwrap_err();
            assert!(err.message.contains(needle), "{password}: {}", err.message);
        }
        let long = format!("Aa1{}", "x".repeat(126));
        assert!(check_policy(&long, "x@example.com")
            .unwrap_err()
            .message
            .contains("at most"));
        let max = format!("Aa1{}", "x".repeat(125));
        assert!(check_policy(&max, "x@example.com").is_ok());
    }

    #[test]
    fn policy_rejects_the_email_itself() {
        let err = check_policy("Ann1@Example.com", "ann1@example.com").unwrap_err();
        assert!(err.message.contains("email"));
        let err = check_policy("Bobby1234X", "bobby1234x@example.com").unwrap_err();
        assert!(err.message.contains("email"));
    }

    #[test]
    fn hash_uses_owasp_argon2id_and_verifies() {
        let phc = hash("Correct1horse");
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert!(verify("Correct1horse", &phc));
        assert!(!verify("Correct1hors", &phc));
        // Salted: the same password hashes differently each time.
        assert_ne!(phc, hash("Correct1horse"));
    }

    #[test]
    fn dummy_hash_has_the_current_parameters_and_corrupt_hashes_fail() {
        let parsed = PasswordHash::new(DUMMY_HASH).unwrap();
        assert_eq!(parsed.algorithm.as_str(), "argon2id");
        let params = Params::try_from(&parsed).unwrap();
        assert_eq!(
            (params.m_cost(), params.t_cost(), params.p_cost()),
            (MEMORY_KIB, ITERATIONS, PARALLELISM)
        );
        assert!(!verify("anything", "not a phc string"));
    }

    #[test]
    fn unknown_account_path_costs_about_a_wrong_password() {
        let phc = hash("Correct1horse");
        // Interleaved, keeping each path's fastest run: other tests share the cores.
        let time = |f: &dyn Fn()| {
            let start = std::time::Instant::now();
            f();
            start.elapsed().as_secs_f64()
        };
        let (mut wrong, mut unknown) = (f64::MAX, f64::MAX);
        for _ in 0..5 {
            wrong = wrong.min(time(&|| assert!(!verify("Wrong1horse", &phc))));
            unknown = unknown.min(time(&|| burn_equal_cost("Wrong1horse")));
        }
        let ratio = unknown / wrong;
        assert!((0.5..2.0).contains(&ratio), "unknown/wrong = {ratio:.2}");
    }
}
