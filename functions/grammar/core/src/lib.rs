//! The offline grammar engine behind `functions/grammar`: harper-core with its curated
//! dictionary compiled into read-only tables ([`dictionary`]), only the rules a request uses
//! constructed ([`engine`]), and LanguageTool-compatible output ([`languagetool`]).

pub mod dictionary;
pub mod engine;
pub mod language;
pub mod languagetool;
pub mod tagger;

pub use engine::{apply, check, CheckOptions, CheckResult, Match};
pub use language::{parse_language, supported_codes, Language, LanguageRequest};
