//! The auth function's domain logic, independent of Spin so it builds and tests natively.

#![allow(clippy::result_large_err)]

pub mod email;
pub mod http;
pub mod identity;
pub mod jwt;
pub mod keys;
pub mod password;
pub mod random;
pub mod schema;
pub mod service;
pub mod settings;
