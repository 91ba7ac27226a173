//! Checking text: rule selection, harper's lints turned into [`Match`]es with UTF-16 offsets,
//! personal-dictionary filtering and `apply`.

use std::collections::BTreeSet;
use std::sync::Arc;

use harper_core::linting::{LintGroup, LintKind, Suggestion};
use harper_core::parsers::PlainEnglish;
use harper_core::{Dialect, Document, TokenStringExt};

use crate::dictionary::StaticDictionary;
use crate::language::{Language, LanguageRequest};

/// Rules that run unless disabled, strongest effect first. Chosen by measurement
/// (scripts/grammar-quality --rules all-curated): every harper rule enabled in its curated
/// configuration was scored on JFLEG dev with and without it, and only those whose removal
/// lowers GLEU are kept. Left out although they helped: `CompoundNouns`, `MergeWords` and
/// `SplitWords`, which build harper's own curated dictionary (or a trie of it) on first use
/// and so cost most of a second on a fresh instance.
pub const DEFAULT_RULES: &[&str] = &[
    "SpellCheck",
    "CapitalizePersonalPronouns",
    "SentenceCapitalization",
    "DiscourseMarkers",
    "PronounVerbAgreement",
    "OpenCompounds",
    "AnA",
    "ItsContraction",
    "MassNouns",
    "ToTwoToo",
    "Gonna",
    "InflectedVerbAfterTo",
    "Nowadays",
    "ThenThan",
    "PluralWrongWordOfPhrase",
    "NounVerbConfusion",
    "Everyone",
    "RegularIrregulars",
    "VeryLess",
    "Therefore",
    "ThereIsAgreement",
    "Lots",
    "ThereToTheir",
    "Cant",
    "AvoidAndAlso",
    "QuoteSpacing",
    "OneOfTheSingular",
    "RepeatedWords",
    "OxfordComma",
    "Myself",
    "DisjointPrefixes",
    "DespiteOf",
    "NeedToNoun",
    "ModalBeAdjective",
    "PossessiveYour",
    "ThatThan",
    "Someone",
    "NationalCapitals",
    "PronounInflectionBe",
    "EllipsisLength",
    "CorrectNumberSuffix",
    "WrongApostrophe",
    "DoesOrDose",
    "Everybody",
    "Hazzle",
    "SimplePastToPastParticiple",
    "Furthermore",
    "SingleBe",
    "Spaces",
];

/// Extra rules for LanguageTool's `level=picky`.
pub const PICKY_RULES: &[&str] = &["LongSentences", "BoringWords", "CommaFixes"];

/// What the caller asked for.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    pub language: LanguageRequest,
    /// Rule ids never to run.
    pub disabled_rules: Vec<String>,
    /// Rule ids to run in addition to the defaults (any curated harper rule name).
    pub enabled_rules: Vec<String>,
    /// Run only `enabled_rules`.
    pub enabled_only: bool,
    /// LanguageTool's `level=picky`.
    pub picky: bool,
    /// Words never flagged (compared case-insensitively with the flagged text).
    pub personal_words: Vec<String>,
}

/// One problem found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    pub rule_id: String,
    pub rule_description: String,
    pub kind: LintKind,
    pub message: String,
    /// Offsets into the text in Unicode scalar values (`char`s).
    pub char_start: usize,
    pub char_end: usize,
    /// The same span in UTF-16 code units, as LanguageTool reports it.
    pub offset: usize,
    pub length: usize,
    /// Replacement texts for the span, best first.
    pub replacements: Vec<String>,
    /// The sentence containing the match (char span).
    pub sentence_start: usize,
    pub sentence_end: usize,
}

#[derive(Debug, Clone)]
pub struct CheckResult {
    pub language: Language,
    /// For `auto`: what the text looked like; otherwise the requested language.
    pub detected: Language,
    pub detected_confidence: f32,
    pub matches: Vec<Match>,
}

/// The rule names a request runs, in a stable order.
pub fn selected_rules(options: &CheckOptions) -> BTreeSet<String> {
    let mut rules: BTreeSet<String> = BTreeSet::new();
    if !options.enabled_only {
        rules.extend(DEFAULT_RULES.iter().map(|r| r.to_string()));
        if options.picky {
            rules.extend(PICKY_RULES.iter().map(|r| r.to_string()));
        }
    }
    rules.extend(options.enabled_rules.iter().cloned());
    for disabled in &options.disabled_rules {
        rules.remove(disabled);
    }
    rules
}

/// Builds a lint group holding only `rules` (harper's curated rules of those names).
pub fn lint_group(rules: &BTreeSet<String>, dialect: Dialect) -> LintGroup {
    let wanted = rules.clone();
    let mut group =
        LintGroup::new_curated_selected(Arc::new(StaticDictionary), dialect, move |name| {
            wanted.contains(name)
        });
    for rule in rules {
        group.config.set_rule_enabled(rule, true);
    }
    group
}

/// Checks `text`.
pub fn check(text: &str, options: &CheckOptions) -> CheckResult {
    crate::tagger::install();
    let rules = selected_rules(options);
    let dictionary = StaticDictionary;
    let document = Document::new(text, &PlainEnglish, &dictionary);
    let (language, detected, confidence) = match options.language {
        LanguageRequest::Fixed(language) => (language, language, 1.0),
        LanguageRequest::Auto => {
            let english =
                harper_core::language_detection::is_doc_likely_english(&document, &dictionary);
            let guessed = Dialect::try_guess_from_document(&document)
                .map(Language::from_dialect)
                .unwrap_or(Language::EnUs);
            (guessed, guessed, if english { 0.9 } else { 0.1 })
        }
    };
    if rules.is_empty() || text.is_empty() {
        return CheckResult {
            language,
            detected,
            detected_confidence: confidence,
            matches: Vec::new(),
        };
    }
    let mut group = lint_group(&rules, language.dialect());
    let descriptions: std::collections::HashMap<String, String> = group
        .all_descriptions()
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let organized = group.organized_lints(&document);

    let source = document.get_source();
    let utf16 = utf16_prefix(source);
    let sentences: Vec<(usize, usize)> = document
        .iter_sentences()
        .filter_map(|s| s.span())
        .map(|s| (s.start, s.end))
        .collect();
    let mut matches = Vec::new();
    for (rule_id, lints) in organized {
        for lint in lints {
            let (start, end) = (
                lint.span.start.min(source.len()),
                lint.span.end.min(source.len()),
            );
            let flagged: String = source[start..end].iter().collect();
            let replacements = lint
                .suggestions
                .iter()
                .map(|s| match s {
                    Suggestion::ReplaceWith(chars) => chars.iter().collect(),
                    Suggestion::InsertAfter(chars) => {
                        let mut value = flagged.clone();
                        value.extend(chars.iter());
                        value
                    }
                    Suggestion::Remove => String::new(),
                })
                .collect();
            let (sentence_start, sentence_end) = sentences
                .iter()
                .copied()
                .find(|(s, e)| *s <= start && start < *e)
                .unwrap_or((0, source.len()));
            matches.push(Match {
                rule_description: descriptions.get(&rule_id).cloned().unwrap_or_default(),
                rule_id: rule_id.clone(),
                kind: lint.lint_kind,
                message: lint.message,
                char_start: start,
                char_end: end,
                offset: utf16[start],
                length: utf16[end] - utf16[start],
                replacements,
                sentence_start,
                sentence_end,
            });
        }
    }
    matches.sort_by(|a, b| {
        (a.char_start, a.char_end, &a.rule_id).cmp(&(b.char_start, b.char_end, &b.rule_id))
    });
    matches.dedup_by(|a, b| {
        a.char_start == b.char_start && a.char_end == b.char_end && a.rule_id == b.rule_id
    });
    drop_personal_words(text, &mut matches, &options.personal_words);
    CheckResult {
        language,
        detected,
        detected_confidence: confidence,
        matches,
    }
}

/// Drops the matches whose flagged text is one of `words` (case-insensitively). Separate from
/// [`check`] so a caller can look the words up only when there is something to drop.
pub fn drop_personal_words(text: &str, matches: &mut Vec<Match>, words: &[String]) {
    if words.is_empty() || matches.is_empty() {
        return;
    }
    let chars: Vec<char> = text.chars().collect();
    let personal: BTreeSet<String> = words.iter().map(|w| w.to_lowercase()).collect();
    matches.retain(|m| {
        let end = m.char_end.min(chars.len());
        let flagged: String = chars[m.char_start.min(end)..end].iter().collect();
        !personal.contains(&flagged.to_lowercase())
    });
}

/// `utf16[i]` = UTF-16 offset of char `i`; one extra entry for the end.
pub fn utf16_prefix(chars: &[char]) -> Vec<usize> {
    let mut out = Vec::with_capacity(chars.len() + 1);
    let mut offset = 0;
    out.push(0);
    for c in chars {
        offset += c.len_utf16();
        out.push(offset);
    }
    out
}

/// The matches `apply` uses: the earliest-starting of each overlapping run, with a suggestion.
pub fn applicable(matches: &[Match]) -> Vec<&Match> {
    let mut chosen: Vec<&Match> = Vec::new();
    let mut sorted: Vec<&Match> = matches
        .iter()
        .filter(|m| !m.replacements.is_empty())
        .collect();
    sorted.sort_by_key(|m| (m.char_start, m.char_end));
    for m in sorted {
        let overlaps = chosen.last().is_some_and(|last| {
            m.char_start < last.char_end
                || (m.char_start == last.char_start && m.char_start == m.char_end)
        });
        if !overlaps {
            chosen.push(m);
        }
    }
    chosen
}

/// The text with the first suggestion of each non-overlapping match applied.
pub fn apply(text: &str, matches: &[Match]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for m in applicable(matches) {
        out.extend(&chars[cursor..m.char_start]);
        out.push_str(&m.replacements[0]);
        cursor = m.char_end;
    }
    out.extend(&chars[cursor..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> CheckOptions {
        CheckOptions::default()
    }

    #[test]
    fn finds_a_spelling_error_with_offsets() {
        let result = check("This is a speling mistake.", &options());
        let m = result
            .matches
            .iter()
            .find(|m| m.rule_id == "SpellCheck")
            .expect("flagged");
        assert_eq!((m.offset, m.length), (10, 7));
        assert_eq!(m.replacements[0], "spelling");
    }

    #[test]
    fn utf16_offsets_count_emoji_as_two_units() {
        let text = "😀 I have a apple.";
        let result = check(text, &options());
        let m = result
            .matches
            .iter()
            .find(|m| m.rule_id == "AnA")
            .expect("a apple flagged");
        // "😀 I have " = 2 + 1 + 1 + 1 + 4 + 1 UTF-16 units.
        assert_eq!(m.offset, 10);
        assert_eq!(m.length, 1);
        assert_eq!(m.char_start, 9);
    }

    #[test]
    fn apply_uses_first_suggestion_of_non_overlapping_matches() {
        // harper leaves a lone sentence's first letter alone (it may be a fragment); two
        // sentences get both capitalised.
        let text = "this is a speling mistake. i have a apple.";
        let result = check(text, &options());
        assert_eq!(
            apply(text, &result.matches),
            "This is a spelling mistake. I have an apple."
        );
    }

    #[test]
    fn personal_words_and_disabled_rules_suppress_matches() {
        let text = "Our product is Zorblax.";
        assert!(check(text, &options())
            .matches
            .iter()
            .any(|m| m.rule_id == "SpellCheck"));
        let with_word = CheckOptions {
            personal_words: vec!["zorblax".into()],
            ..options()
        };
        assert!(check(text, &with_word).matches.is_empty());
        let disabled = CheckOptions {
            disabled_rules: vec!["SpellCheck".into()],
            ..options()
        };
        assert!(check(text, &disabled)
            .matches
            .iter()
            .all(|m| m.rule_id != "SpellCheck"));
    }

    #[test]
    fn empty_text_has_no_matches() {
        assert!(check("", &options()).matches.is_empty());
    }
}
