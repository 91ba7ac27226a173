//! Prints a new Ed25519 signing key as the two variables auth needs, as one JSON object:
//! `{"auth_signing_keys": "...", "auth_public_keys": "..."}`.
//!
//! `cargo run -p auth-core --bin auth-keygen -- [kid]`. For rotation, prepend the new entry
//! to the existing `auth_signing_keys` array and the new key to `auth_public_keys`.

use auth_core::keys::{SigningKey, SigningKeys};

fn main() {
    let kid = std::env::args().nth(1).unwrap_or_else(|| {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        format!("k{secs}")
    });
    let keys = match SigningKeys::new(vec![SigningKey::generate(&kid)]) {
        Ok(keys) => keys,
        Err(e) => {
            eprintln!("auth-keygen: {e}");
            std::process::exit(2);
        }
    };
    let out = serde_json::json!({
        "auth_signing_keys": keys.to_variable(),
        "auth_public_keys": keys.public_keys().to_jwks().to_string(),
    });
    println!("{out}");
}
