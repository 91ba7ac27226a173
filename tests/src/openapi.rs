//! Validates responses against the app's OpenAPI document.
