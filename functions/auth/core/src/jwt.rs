//! Access tokens: compact JWS (RFC 7515) with EdDSA (RFC 8037) over Ed25519, written here on
//! top of `ed25519-dalek` rather than through a general JWT library.
//!
//! Why by hand: the only algorithm we ever accept is `EdDSA`, and a verifier that cannot even
//! represent another algorithm cannot be confused into using one (`none`, or HS256 keyed with
//! our public key). The whole format is base64url, JSON and one signature check; the general
//! libraries (`jsonwebtoken`) pull in `ring`, which needs a C toolchain for wasm32-wasip2.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ed25519_dalek::{Signature, Signer};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::keys::{KeyRing, SigningKey};

/// The only `alg` we issue and accept.
pub const ALG: &str = "EdDSA";
/// Tokens longer than this are refused before any decoding work.
pub const MAX_TOKEN_LEN: usize = 8 * 1024;
/// Allowed clock difference between the issuer and a verifier for `exp`, `nbf` and `iat`.
pub const CLOCK_SKEW_SECS: u64 = 30;

/// The claims of our access tokens. All are required when verifying.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessClaims {
    pub iss: String,
    pub aud: String,
    /// The user id.
    pub sub: String,
    pub tenant_id: String,
    pub roles: Vec<String>,
    /// `FREE`, `PREMIUM` or `ENTERPRISE`.
    pub plan: String,
    /// The session (refresh-token family) the token belongs to, so logout can end it.
    pub sid: String,
    pub jti: String,
    pub iat: u64,
    pub nbf: u64,
    pub exp: u64,
}

/// What the claims must say besides the signature.
#[derive(Debug, Clone)]
pub struct Expected<'a> {
    pub issuer: &'a str,
    pub audience: &'a str,
    pub now: u64,
}

/// Why a token was refused; mirrors the WIT `auth-error` cases a token can produce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenError {
    Malformed(String),
    /// Bad signature, or an algorithm other than EdDSA.
    InvalidSignature,
    UnknownKey,
    Expired,
    NotYetValid,
    WrongIssuerOrAudience,
}

impl std::fmt::Display for TokenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Malformed(why) => write!(f, "malformed token: {why}"),
            Self::InvalidSignature => f.write_str("invalid signature or algorithm"),
            Self::UnknownKey => f.write_str("the token's kid names no known key"),
            Self::Expired => f.write_str("token expired"),
            Self::NotYetValid => f.write_str("token not yet valid"),
            Self::WrongIssuerOrAudience => f.write_str("token issuer or audience is not ours"),
        }
    }
}

/// Signs `claims` with `key`; the header names the key's `kid`.
pub fn sign(claims: &AccessClaims, key: &SigningKey) -> String {
    let header = serde_json::json!({ "alg": ALG, "typ": "JWT", "kid": key.kid });
    let signing_input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(claims).expect("claims always serialize"))
    );
    let signature = key.key.sign(signing_input.as_bytes());
    format!(
        "{signing_input}.{}",
        URL_SAFE_NO_PAD.encode(signature.to_bytes())
    )
}

/// Verifies signature, algorithm, key id, times, issuer and audience, in that order: nothing
/// in the payload is trusted (or even parsed) before the signature checks out.
pub fn verify(
    token: &str,
    keys: &KeyRing,
    expected: &Expected<'_>,
) -> Result<AccessClaims, TokenError> {
    let malformed = |why: &str| TokenError::Malformed(why.to_string());
    if token.len() > MAX_TOKEN_LEN {
        return Err(malformed("token is too long"));
    }
    let mut parts = token.split('.');
    let (Some(header_b64), Some(payload_b64), Some(signature_b64), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(malformed("a JWT has three dot-separated parts"));
    };

    let header_bytes = URL_SAFE_NO_PAD
        .decode(header_b64)
        .map_err(|_| malformed("header is not base64url"))?;
    let header: serde_json::Map<String, Value> = serde_json::from_slice(&header_bytes)
        .map_err(|_| malformed("header is not a JSON object"))?;
    // Anything but EdDSA (`none`, HS256, RS256, a missing alg) is refused outright.
    if header.get("alg").and_then(Value::as_str) != Some(ALG) {
        return Err(TokenError::InvalidSignature);
    }
    if header.contains_key("crit") {
        return Err(malformed("critical header extensions are not supported"));
    }
    let kid = header
        .get("kid")
        .and_then(Value::as_str)
        .ok_or_else(|| malformed("header has no kid"))?;
    let key = keys.get(kid).ok_or(TokenError::UnknownKey)?;

    let signature: [u8; 64] = URL_SAFE_NO_PAD
        .decode(signature_b64)
        .ok()
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or(TokenError::InvalidSignature)?;
    let signing_input = &token[..header_b64.len() + 1 + payload_b64.len()];
    // Strict verification also rejects malleable signatures and weak keys.
    key.verify_strict(signing_input.as_bytes(), &Signature::from_bytes(&signature))
        .map_err(|_| TokenError::InvalidSignature)?;

    let payload = URL_SAFE_NO_PAD
        .decode(payload_b64)
        .map_err(|_| malformed("payload is not base64url"))?;
    let claims: AccessClaims = serde_json::from_slice(&payload)
        .map_err(|e| TokenError::Malformed(format!("claims: {e}")))?;

    if expected.now >= claims.exp.saturating_add(CLOCK_SKEW_SECS) {
        return Err(TokenError::Expired);
    }
    let not_before = claims.nbf.max(claims.iat);
    if expected.now.saturating_add(CLOCK_SKEW_SECS) < not_before {
        return Err(TokenError::NotYetValid);
    }
    if claims.iss != expected.issuer || claims.aud != expected.audience {
        return Err(TokenError::WrongIssuerOrAudience);
    }
    Ok(claims)
}

#[cfg(test)]
mod tests {
    //! The rejected-token matrix: every way a token can be wrong, each refused for its reason.

    use super::*;
    use crate::keys::SigningKeys;

    const ISS: &str = "https://auth.test";
    const AUD: &str = "test-api";
    const NOW: u64 = 1_800_000_000;

    fn claims() -> AccessClaims {
        AccessClaims {
            iss: ISS.into(),
            aud: AUD.into(),
            sub: "user-1".into(),
            tenant_id: "tenant-1".into(),
            roles: vec!["member".into()],
            plan: "FREE".into(),
            sid: "family-1".into(),
            jti: "jti-1".into(),
            iat: NOW,
            nbf: NOW,
            exp: NOW + 3600,
        }
    }

    fn expected(now: u64) -> Expected<'static> {
        Expected {
            issuer: ISS,
            audience: AUD,
            now,
        }
    }

    fn keys() -> SigningKeys {
        SigningKeys::new(vec![
            SigningKey::generate("k-new"),
            SigningKey::generate("k-old"),
        ])
        .unwrap()
    }

    fn b64(bytes: impl AsRef<[u8]>) -> String {
        URL_SAFE_NO_PAD.encode(bytes)
    }

    fn parts(token: &str) -> Vec<String> {
        token.split('.').map(str::to_string).collect()
    }

    #[test]
    fn a_signed_token_verifies_with_every_active_key() {
        let new = SigningKey::generate("k-new");
        let old = SigningKey::generate("k-old");
        let ring = SigningKeys::new(vec![new.clone(), old.clone()])
            .unwrap()
            .public_keys();
        let token = sign(&claims(), &new);
        assert_eq!(verify(&token, &ring, &expected(NOW)).unwrap(), claims());
        // Rotation: a token the previous key signed still verifies.
        let token_old = sign(&claims(), &old);
        let header: Value = serde_json::from_slice(
            &URL_SAFE_NO_PAD
                .decode(parts(&token_old)[0].as_str())
                .unwrap(),
        )
        .unwrap();
        assert_eq!(header["kid"], "k-old");
        assert_eq!(header["alg"], "EdDSA");
        assert_eq!(verify(&token_old, &ring, &expected(NOW)).unwrap(), claims());
    }

    #[test]
    fn tampered_payload_is_rejected() {
        let keys = keys();
        let token = sign(&claims(), keys.current());
        let p = parts(&token);
        let mut forged = claims();
        forged.roles = vec!["owner".into()];
        let tampered = format!(
            "{}.{}.{}",
            p[0],
            b64(serde_json::to_vec(&forged).unwrap()),
            p[2]
        );
        assert_eq!(
            verify(&tampered, &keys.public_keys(), &expected(NOW)),
            Err(TokenError::InvalidSignature)
        );
        // A flipped bit in the signature too.
        let mut sig = URL_SAFE_NO_PAD.decode(p[2].as_str()).unwrap();
        sig[5] ^= 1;
        let tampered = format!("{}.{}.{}", p[0], p[1], b64(sig));
        assert_eq!(
            verify(&tampered, &keys.public_keys(), &expected(NOW)),
            Err(TokenError::InvalidSignature)
        );
    }

    #[test]
    fn unknown_kid_and_foreign_key_are_rejected() {
        let keys = keys();
        let stranger = SigningKey::generate("k-stranger");
        let token = sign(&claims(), &stranger);
        assert_eq!(
            verify(&token, &keys.public_keys(), &expected(NOW)),
            Err(TokenError::UnknownKey)
        );
        // A foreign key claiming one of our kids fails the signature check.
        let impostor = SigningKey::generate("k-new");
        let token = sign(&claims(), &impostor);
        assert_eq!(
            verify(&token, &keys.public_keys(), &expected(NOW)),
            Err(TokenError::InvalidSignature)
        );
    }

    #[test]
    fn alg_none_and_hs256_with_the_public_key_are_rejected() {
        let keys = keys();
        let payload = b64(serde_json::to_vec(&claims()).unwrap());
        for alg in [
            "none", "None", "NONE", "HS256", "RS256", "ES256", "eddsa", "",
        ] {
            let header = b64(format!(r#"{{"alg":"{alg}","typ":"JWT","kid":"k-new"}}"#));
            for signature in ["", "AAAA"] {
                let token = format!("{header}.{payload}.{signature}");
                assert_eq!(
                    verify(&token, &keys.public_keys(), &expected(NOW)),
                    Err(TokenError::InvalidSignature),
                    "alg {alg:?}"
                );
            }
        }
        // Algorithm confusion: HMAC-SHA256 keyed with the public key bytes (and with the JWKS x).
        use sha2::{Digest, Sha256};
        fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
            let mut block = [0u8; 64];
            if key.len() > 64 {
                block[..32].copy_from_slice(&Sha256::digest(key));
            } else {
                block[..key.len()].copy_from_slice(key);
            }
            let pad = |byte: u8| block.iter().map(|b| b ^ byte).collect::<Vec<u8>>();
            let inner = Sha256::new()
                .chain_update(pad(0x36))
                .chain_update(message)
                .finalize();
            Sha256::new()
                .chain_update(pad(0x5c))
                .chain_update(inner)
                .finalize()
                .into()
        }
        let public = keys.current().public().key.to_bytes();
        let x = b64(public);
        let header = b64(r#"{"alg":"HS256","typ":"JWT","kid":"k-new"}"#);
        for secret in [public.to_vec(), x.into_bytes()] {
            let input = format!("{header}.{payload}");
            let token = format!("{input}.{}", b64(hmac_sha256(&secret, input.as_bytes())));
            assert_eq!(
                verify(&token, &keys.public_keys(), &expected(NOW)),
                Err(TokenError::InvalidSignature)
            );
        }
    }

    #[test]
    fn expiry_and_not_before_allow_only_the_skew() {
        let keys = keys();
        let ring = keys.public_keys();
        let token = sign(&claims(), keys.current());
        let exp = claims().exp;
        assert!(verify(&token, &ring, &expected(exp + CLOCK_SKEW_SECS - 1)).is_ok());
        assert_eq!(
            verify(&token, &ring, &expected(exp + CLOCK_SKEW_SECS)),
            Err(TokenError::Expired)
        );
        assert!(verify(&token, &ring, &expected(NOW - CLOCK_SKEW_SECS)).is_ok());
        assert_eq!(
            verify(&token, &ring, &expected(NOW - CLOCK_SKEW_SECS - 1)),
            Err(TokenError::NotYetValid)
        );
        let mut future = claims();
        future.nbf = NOW + 600;
        let token = sign(&future, keys.current());
        assert_eq!(
            verify(&token, &ring, &expected(NOW)),
            Err(TokenError::NotYetValid)
        );
    }

    #[test]
    fn wrong_audience_or_issuer_is_rejected() {
        let keys = keys();
        let ring = keys.public_keys();
        let mut other = claims();
        other.aud = "someone-else".into();
        let token = sign(&other, keys.current());
        assert_eq!(
            verify(&token, &ring, &expected(NOW)),
            Err(TokenError::WrongIssuerOrAudience)
        );
        let mut other = claims();
        other.iss = "https://evil.test".into();
        let token = sign(&other, keys.current());
        assert_eq!(
            verify(&token, &ring, &expected(NOW)),
            Err(TokenError::WrongIssuerOrAudience)
        );
    }

    #[test]
    fn malformed_tokens_are_rejected_without_panicking() {
        let keys = keys();
        let ring = keys.public_keys();
        let good = sign(&claims(), keys.current());
        let p = parts(&good);
        let long = "a".repeat(MAX_TOKEN_LEN + 1);
        let cases = [
            String::new(),
            "abc".into(),
            "a.b".into(),
            "a.b.c.d".into(),
            format!("{}.{}", p[0], p[1]),
            format!("{good}."),
            format!("!!!.{}.{}", p[1], p[2]),
            format!("{}.{}.{}", b64("[1,2]"), p[1], p[2]),
            format!("{}.{}.{}", b64(r#"{"alg":"EdDSA"}"#), p[1], p[2]),
            format!(
                "{}.{}.{}",
                b64(r#"{"alg":"EdDSA","kid":"k-new","crit":["x"]}"#),
                p[1],
                p[2]
            ),
            format!("{}=.{}.{}", p[0], p[1], p[2]),
            long,
        ];
        for token in cases {
            assert!(
                matches!(
                    verify(&token, &ring, &expected(NOW)),
                    Err(TokenError::Malformed(_))
                ),
                "{token:.60}: {:?}",
                verify(&token, &ring, &expected(NOW))
            );
        }
        // A correctly signed payload missing required claims is malformed, not accepted.
        let header = b64(r#"{"alg":"EdDSA","typ":"JWT","kid":"k-new"}"#);
        let payload = b64(r#"{"sub":"x"}"#);
        let input = format!("{header}.{payload}");
        let sig = keys.current().key.sign(input.as_bytes());
        let token = format!("{input}.{}", b64(sig.to_bytes()));
        assert!(matches!(
            verify(&token, &ring, &expected(NOW)),
            Err(TokenError::Malformed(_))
        ));
    }
}
