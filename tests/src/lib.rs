//! Shared harness for the end-to-end tests.

pub mod harness;
pub mod openapi;
