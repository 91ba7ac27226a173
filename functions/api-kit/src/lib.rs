//! What every function shares: JSON errors, request ids, body limits, JSON parsing, configuration.
//!
//! The core is plain Rust so it is tested natively; the `spin` feature adds the thin glue that
//! turns a spin-sdk request into these types and back.

// `ApiError` is deliberately a plain struct with public fields; it only travels on the error
// path of a request, where its size costs nothing measurable.
#![allow(clippy::result_large_err)]

pub mod body;
pub mod config;
pub mod context;
pub mod error;
pub mod finish;
pub mod headers;
pub mod json;
pub mod request_id;
pub mod response;
pub mod routing;
#[cfg(feature = "spin")]
pub mod spin;

pub use body::{BodyCollector, DEFAULT_MAX_BODY_BYTES};
pub use config::{ConfigError, ConfigSource, FromConfig, MapConfig, Variables};
pub use context::RequestContext;
pub use error::ApiError;
pub use finish::{finish, finish_with_log};
pub use headers::Headers;
pub use json::parse_json;
pub use request_id::{RequestId, REQUEST_ID_HEADER};
pub use response::ApiResponse;
pub use routing::allow_methods;
