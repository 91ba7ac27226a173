//! Randomness from the OS (WASI `random` in a component).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

/// Fills `buf` with cryptographically secure random bytes. The OS source failing is not
/// something a request can recover from, so it panics (the host turns that into a 500).
pub fn fill(buf: &mut [u8]) {
    getrandom::fill(buf).expect("the OS random source is available");
}

/// `n` random bytes as unpadded base64url.
pub fn token(n: usize) -> String {
    let mut buf = vec![0u8; n];
    fill(&mut buf);
    URL_SAFE_NO_PAD.encode(buf)
}

/// A new opaque id (UUID v4 text).
pub fn id() -> String {
    uuid::Uuid::new_v4().to_string()
}
