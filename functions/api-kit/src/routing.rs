//! Method routing: each function serves one route; anything but its methods is a 405.

use crate::ApiError;

/// `Ok` when `method` is one of `allowed` (case-sensitive, as HTTP methods are), else 405 with
/// `Allow`. `HEAD` is not implied by `GET`: list it explicitly if a route supports it.
pub fn allow_methods(method: &str, allowed: &[&str]) -> Result<(), ApiError> {
    if allowed.contains(&method) {
        Ok(())
    } else {
        Err(ApiError::method_not_allowed(method, allowed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_method_passes_and_others_are_405() {
        assert!(allow_methods("GET", &["GET"]).is_ok());
        let err = allow_methods("POST", &["GET", "HEAD"]).unwrap_err();
        assert_eq!(err.status, 405);
        assert_eq!(err.to_response().header("allow"), Some("GET, HEAD"));
        assert!(allow_methods("get", &["GET"]).is_err());
    }
}
