//! The offline grammar engine behind `functions/grammar`: harper-core with its curated
//! dictionary compiled into read-only tables ([`dictionary`]), only the rules a request uses
//! constructed ([`engine`]), LanguageTool-compatible output ([`languagetool`]), and what
//! the function stores: personal dictionaries ([`personal`]) and the anonymous limit
//! ([`anonymous`]).

// `ApiError` is deliberately a plain struct with public fields; it only travels on the error
// path of a request, where its size costs nothing measurable.
#![allow(clippy::result_large_err)]

pub mod anonymous;
pub mod deep;
pub mod dictionary;
pub mod engine;
pub mod language;
pub mod languagetool;
pub mod personal;
pub mod tagger;

pub use engine::{apply, check, drop_personal_words, CheckOptions, CheckResult, Match};
pub use language::{parse_language, supported_codes, Language, LanguageRequest};

/// Seconds since the Unix epoch (0 if the clock is before it), for stored timestamps and
/// rate-limit windows.
pub fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
