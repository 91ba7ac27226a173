//! Ed25519 signing keys (secret, auth only) and public key rings (what verifiers need).
//!
//! * `auth_signing_keys` (secret variable, given to the auth component only): a JSON array
//!   `[{"kid": "2026-05", "private_key": "<base64 of the 32-byte Ed25519 seed>"}, ...]`. The
//!   first key signs new tokens; every key in the list still verifies, which is how rotation
//!   works: prepend the new key, keep the old one until the last token it signed has expired.
//! * `auth_public_keys` (not secret, given to every component that composes the identity
//!   verifier): the JWKS document `GET /api/v1/auth/.well-known/jwks.json` serves, i.e.
//!   `{"keys": [{"kty": "OKP", "crv": "Ed25519", "kid": "...", "x": "<base64url>"}]}`.
//!   Verifiers never see private keys.

use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine;
use ed25519_dalek::{SigningKey as DalekSigningKey, VerifyingKey};
use serde::Deserialize;
use serde_json::{json, Value};

/// One private key and its id.
#[derive(Clone)]
pub struct SigningKey {
    pub kid: String,
    pub key: DalekSigningKey,
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print key material.
        f.debug_struct("SigningKey")
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

impl SigningKey {
    pub fn from_seed(kid: &str, seed: [u8; 32]) -> Self {
        Self {
            kid: kid.to_string(),
            key: DalekSigningKey::from_bytes(&seed),
        }
    }

    /// A new random key (the development key on the embedded default).
    pub fn generate(kid: &str) -> Self {
        let mut seed = [0u8; 32];
        crate::random::fill(&mut seed);
        Self::from_seed(kid, seed)
    }

    pub fn seed_base64(&self) -> String {
        STANDARD.encode(self.key.to_bytes())
    }

    pub fn public(&self) -> PublicKey {
        PublicKey {
            kid: self.kid.clone(),
            key: self.key.verifying_key(),
        }
    }
}

/// The keys auth signs with: never empty; the first one signs.
#[derive(Debug, Clone)]
pub struct SigningKeys(Vec<SigningKey>);

impl SigningKeys {
    pub fn new(keys: Vec<SigningKey>) -> Result<Self, String> {
        if keys.is_empty() {
            return Err("no signing key".into());
        }
        check_unique_kids(keys.iter().map(|k| k.kid.as_str()))?;
        Ok(Self(keys))
    }

    /// Parses the `auth_signing_keys` variable. Errors never include key material.
    pub fn parse(text: &str) -> Result<Self, String> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Entry {
            kid: String,
            private_key: String,
        }
        let entries: Vec<Entry> = serde_json::from_str(text).map_err(|e| {
            format!(
                "expected a JSON array of {{\"kid\", \"private_key\"}} objects (line {}, column {})",
                e.line(),
                e.column()
            )
        })?;
        let keys = entries
            .into_iter()
            .map(|entry| {
                check_kid(&entry.kid)?;
                let seed: [u8; 32] = decode_base64(&entry.private_key)
                    .and_then(|bytes| bytes.try_into().ok())
                    .ok_or_else(|| {
                        format!(
                            "private_key of kid {:?} is not the base64 of a 32-byte Ed25519 seed",
                            entry.kid
                        )
                    })?;
                Ok(SigningKey::from_seed(&entry.kid, seed))
            })
            .collect::<Result<Vec<_>, String>>()?;
        Self::new(keys)
    }

    pub fn current(&self) -> &SigningKey {
        &self.0[0]
    }

    pub fn public_keys(&self) -> KeyRing {
        KeyRing(self.0.iter().map(SigningKey::public).collect())
    }

    /// The variable text for these keys (for tests and key generation).
    pub fn to_variable(&self) -> String {
        let entries: Vec<Value> = self
            .0
            .iter()
            .map(|k| json!({ "kid": k.kid, "private_key": k.seed_base64() }))
            .collect();
        Value::Array(entries).to_string()
    }
}

/// One public key and its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicKey {
    pub kid: String,
    pub key: VerifyingKey,
}

/// The keys tokens are verified with, looked up by `kid`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyRing(pub Vec<PublicKey>);

impl KeyRing {
    pub fn get(&self, kid: &str) -> Option<&VerifyingKey> {
        self.0.iter().find(|k| k.kid == kid).map(|k| &k.key)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn contains(&self, key: &PublicKey) -> bool {
        self.0.iter().any(|k| k == key)
    }

    /// Parses a JWKS document (the `auth_public_keys` variable). Keys of other types are
    /// ignored, as RFC 7517 asks; an Ed25519 key that does not decode is an error.
    pub fn from_jwks(text: &str) -> Result<Self, String> {
        let doc: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
        let keys = doc
            .get("keys")
            .and_then(Value::as_array)
            .ok_or("expected a JWKS document {\"keys\": [...]}")?;
        let mut ring = Vec::new();
        for key in keys {
            if key.get("kty").and_then(Value::as_str) != Some("OKP")
                || key.get("crv").and_then(Value::as_str) != Some("Ed25519")
            {
                continue;
            }
            let kid = key
                .get("kid")
                .and_then(Value::as_str)
                .ok_or("an Ed25519 key has no kid")?;
            check_kid(kid)?;
            let x: [u8; 32] = key
                .get("x")
                .and_then(Value::as_str)
                .and_then(|x| URL_SAFE_NO_PAD.decode(x).ok())
                .and_then(|bytes| bytes.try_into().ok())
                .ok_or_else(|| format!("key {kid:?}: x is not a base64url 32-byte public key"))?;
            let key = VerifyingKey::from_bytes(&x)
                .map_err(|_| format!("key {kid:?}: x is not a valid Ed25519 point"))?;
            ring.push(PublicKey {
                kid: kid.to_string(),
                key,
            });
        }
        if ring.is_empty() {
            return Err("the JWKS document has no Ed25519 key".into());
        }
        check_unique_kids(ring.iter().map(|k| k.kid.as_str()))?;
        Ok(Self(ring))
    }

    /// RFC 7517/8037 JWKS: what `/.well-known/jwks.json` serves and `auth_public_keys` holds.
    pub fn to_jwks(&self) -> Value {
        let keys: Vec<Value> = self
            .0
            .iter()
            .map(|k| {
                json!({
                    "kty": "OKP",
                    "crv": "Ed25519",
                    "kid": k.kid,
                    "x": URL_SAFE_NO_PAD.encode(k.key.as_bytes()),
                    "alg": "EdDSA",
                    "use": "sig",
                })
            })
            .collect();
        json!({ "keys": keys })
    }
}

fn check_kid(kid: &str) -> Result<(), String> {
    let ok = (1..=64).contains(&kid.len())
        && kid
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "kid {kid:?} must be 1 to 64 characters of letters, digits, '-', '_' or '.'"
        ))
    }
}

fn check_unique_kids<'a>(kids: impl Iterator<Item = &'a str>) -> Result<(), String> {
    let mut seen = std::collections::HashSet::new();
    for kid in kids {
        if !seen.insert(kid) {
            return Err(format!("kid {kid:?} appears twice"));
        }
    }
    Ok(())
}

/// Operators paste keys from many tools: accept standard and URL-safe base64, padded or not.
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let text = text.trim();
    [&STANDARD, &STANDARD_NO_PAD, &URL_SAFE, &URL_SAFE_NO_PAD]
        .iter()
        .find_map(|engine| engine.decode(text).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signing_keys_round_trip_through_the_variable_and_first_signs() {
        let keys = SigningKeys::new(vec![
            SigningKey::generate("new"),
            SigningKey::generate("old"),
        ])
        .unwrap();
        let parsed = SigningKeys::parse(&keys.to_variable()).unwrap();
        assert_eq!(parsed.current().kid, "new");
        assert_eq!(parsed.public_keys(), keys.public_keys());
    }

    #[test]
    fn signing_key_errors_name_the_problem_but_not_the_key() {
        let secret = "c2VjcmV0LXRvby1zaG9ydA==";
        let err = SigningKeys::parse(&format!(r#"[{{"kid":"a","private_key":"{secret}"}}]"#))
            .unwrap_err();
        assert!(err.contains("32-byte"), "{err}");
        assert!(!err.contains(secret), "{err}");
        assert!(SigningKeys::parse("[]")
            .unwrap_err()
            .contains("no signing key"));
        assert!(SigningKeys::parse("{").is_err());
        let dup = SigningKeys::new(vec![SigningKey::generate("a"), SigningKey::generate("a")]);
        assert!(dup.unwrap_err().contains("twice"));
        let bad_kid = format!(
            r#"[{{"kid":"a b","private_key":"{}"}}]"#,
            STANDARD.encode([1u8; 32])
        );
        assert!(SigningKeys::parse(&bad_kid).unwrap_err().contains("kid"));
    }

    #[test]
    fn jwks_round_trips_and_ignores_foreign_key_types() {
        let ring = SigningKeys::new(vec![SigningKey::generate("k1"), SigningKey::generate("k2")])
            .unwrap()
            .public_keys();
        let mut jwks = ring.to_jwks();
        jwks["keys"]
            .as_array_mut()
            .unwrap()
            .push(json!({"kty": "RSA", "kid": "rsa", "n": "AQAB", "e": "AQAB"}));
        let parsed = KeyRing::from_jwks(&jwks.to_string()).unwrap();
        assert_eq!(parsed, ring);
        assert!(parsed.get("k2").is_some());
        assert!(parsed.get("rsa").is_none());
    }

    #[test]
    fn jwks_errors() {
        assert!(KeyRing::from_jwks("[]").is_err());
        assert!(KeyRing::from_jwks(r#"{"keys":[]}"#).is_err());
        let bad_x = r#"{"keys":[{"kty":"OKP","crv":"Ed25519","kid":"a","x":"AAAA"}]}"#;
        assert!(KeyRing::from_jwks(bad_x).unwrap_err().contains("32-byte"));
    }
}
