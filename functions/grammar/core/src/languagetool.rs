//! LanguageTool's `/v2/check` and `/v2/languages` response shapes.

use harper_core::linting::LintKind;
use serde_json::{json, Value};

use crate::engine::{CheckResult, Match};
use crate::language::SUPPORTED;

/// Characters of context on each side of a match, as LanguageTool's public API uses.
const CONTEXT_CHARS: usize = 40;

/// LanguageTool's category id/name and issue type for a harper lint kind.
pub fn category(kind: LintKind) -> (&'static str, &'static str, &'static str) {
    match kind {
        LintKind::Spelling | LintKind::Typo => ("TYPOS", "Possible Typo", "misspelling"),
        LintKind::Capitalization => ("CASING", "Capitalization", "typographical"),
        LintKind::Punctuation => ("PUNCTUATION", "Punctuation", "typographical"),
        LintKind::Formatting => ("TYPOGRAPHY", "Typography", "whitespace"),
        LintKind::Repetition => ("REPETITIONS", "Repetitions", "duplication"),
        LintKind::Redundancy => ("REDUNDANCY", "Redundant Phrases", "style"),
        LintKind::Style | LintKind::Readability | LintKind::Enhancement => {
            ("STYLE", "Style", "style")
        }
        LintKind::WordChoice | LintKind::Eggcorn | LintKind::Malapropism => {
            ("CONFUSED_WORDS", "Commonly Confused Words", "grammar")
        }
        _ => ("GRAMMAR", "Grammar", "grammar"),
    }
}

fn match_json(text: &[char], utf16: &[usize], m: &Match) -> Value {
    let (category_id, category_name, issue_type) = category(m.kind);
    let ctx_start = m.char_start.saturating_sub(CONTEXT_CHARS);
    let ctx_end = (m.char_end + CONTEXT_CHARS).min(text.len());
    let context: String = text[ctx_start..ctx_end].iter().collect();
    let sentence: String = text[m.sentence_start.min(text.len())..m.sentence_end.min(text.len())]
        .iter()
        .collect();
    json!({
        "message": m.message,
        "shortMessage": category_name,
        "replacements": m.replacements.iter().map(|r| json!({ "value": r })).collect::<Vec<_>>(),
        "offset": m.offset,
        "length": m.length,
        "context": {
            "text": context,
            "offset": utf16[m.char_start] - utf16[ctx_start],
            "length": m.length,
        },
        "sentence": sentence.trim(),
        "type": { "typeName": "Other" },
        "rule": {
            "id": m.rule_id,
            "description": if m.rule_description.is_empty() { m.message.clone() } else { m.rule_description.clone() },
            "issueType": issue_type,
            "category": { "id": category_id, "name": category_name },
        },
        "ignoreForIncompleteSentence": false,
        "contextForSureMatch": 0,
    })
}

/// The body of a `/v2/check` answer.
pub fn check_response(text: &str, result: &CheckResult) -> Value {
    let chars: Vec<char> = text.chars().collect();
    let utf16 = crate::engine::utf16_prefix(&chars);
    json!({
        "software": {
            "name": "english-assistant grammar (harper)",
            "version": env!("CARGO_PKG_VERSION"),
            "buildDate": null,
            "apiVersion": 1,
            "premium": false,
            "status": "",
        },
        "warnings": { "incompleteResults": false },
        "language": {
            "name": result.language.name(),
            "code": result.language.long_code(),
            "detectedLanguage": {
                "name": result.detected.name(),
                "code": result.detected.long_code(),
                "confidence": result.detected_confidence,
            },
        },
        "matches": result.matches.iter().map(|m| match_json(&chars, &utf16, m)).collect::<Vec<_>>(),
    })
}

/// The body of a `/v2/languages` answer.
pub fn languages_response() -> Value {
    Value::Array(
        SUPPORTED
            .iter()
            .map(|l| json!({ "name": l.name(), "code": l.code(), "longCode": l.long_code() }))
            .collect(),
    )
}
