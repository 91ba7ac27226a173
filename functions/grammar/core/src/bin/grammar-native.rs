//! Native driver of the engine, for scripts/grammar-quality and scripts/bench.
//!
//! - `grammar-native edits [--rules a,b|default|all-curated]`: one JSON line per stdin line
//!   with every match (rule, char span, first replacement), so the quality script can score
//!   any subset of rules without rerunning.
//! - `grammar-native bench FILE [RUNS]`: cold (first check in the process, including every
//!   lazy initialisation) and warm check times of FILE, as one JSON object.
//! - `grammar-native curated-rules`: names of harper's curated rules enabled by default.

use std::io::{BufRead, Write};
use std::time::Instant;

use grammar_core::engine::{self, CheckOptions};
use harper_core::linting::LintGroup;
use harper_core::Dialect;

fn curated_default_rules() -> Vec<String> {
    let group = LintGroup::new_curated(
        std::sync::Arc::new(grammar_core::dictionary::StaticDictionary),
        Dialect::American,
    );
    let mut names: Vec<String> = group
        .iter_keys()
        .filter(|k| group.config.is_rule_enabled(k))
        .map(str::to_string)
        .collect();
    names.sort();
    names
}

fn options_for(rules: Option<&str>) -> CheckOptions {
    match rules {
        None | Some("default") => CheckOptions::default(),
        Some("all-curated") => CheckOptions {
            enabled_rules: curated_default_rules(),
            enabled_only: true,
            ..Default::default()
        },
        Some(list) => CheckOptions {
            enabled_rules: list
                .split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
            enabled_only: true,
            ..Default::default()
        },
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("curated-rules") => {
            for name in curated_default_rules() {
                println!("{name}");
            }
        }
        Some("edits") => {
            let rules = args
                .iter()
                .position(|a| a == "--rules")
                .and_then(|i| args.get(i + 1));
            let options = options_for(rules.map(String::as_str));
            let stdin = std::io::stdin();
            let mut out = std::io::BufWriter::new(std::io::stdout());
            for line in stdin.lock().lines() {
                let line = line.expect("reading stdin");
                let result = engine::check(&line, &options);
                let matches: Vec<_> = result
                    .matches
                    .iter()
                    .map(|m| {
                        serde_json::json!({
                            "rule": m.rule_id, "start": m.char_start, "end": m.char_end,
                            "replacement": m.replacements.first(),
                        })
                    })
                    .collect();
                let corrected = engine::apply(&line, &result.matches);
                writeln!(
                    out,
                    "{}",
                    serde_json::json!({ "matches": matches, "corrected": corrected })
                )
                .expect("stdout");
            }
        }
        Some("rule-costs") => {
            // Construction + first lint of each default rule, alone, in one process (so shared
            // lazy state is charged to the first rule that touches it).
            let file = args.get(1).expect("usage: grammar-native rule-costs FILE");
            let text = std::fs::read_to_string(file).expect("reading the text");
            let dictionary = grammar_core::dictionary::StaticDictionary;
            let start = Instant::now();
            grammar_core::tagger::install();
            let document =
                harper_core::Document::new(&text, &harper_core::parsers::PlainEnglish, &dictionary);
            println!(
                "{:8.2} ms  tagger install + Document::new",
                start.elapsed().as_secs_f64() * 1e3
            );
            for rule in engine::DEFAULT_RULES {
                let start = Instant::now();
                let mut group = engine::lint_group(
                    &[rule.to_string()].into_iter().collect(),
                    Dialect::American,
                );
                let built = start.elapsed().as_secs_f64() * 1e3;
                let lints: usize = group
                    .organized_lints(&document)
                    .values()
                    .map(Vec::len)
                    .sum();
                println!(
                    "{:8.2} ms  {rule} (build {built:.2} ms, {lints} lints)",
                    start.elapsed().as_secs_f64() * 1e3
                );
            }
        }
        Some("bench") => {
            let file = args
                .get(1)
                .expect("usage: grammar-native bench FILE [RUNS]");
            let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(20);
            let text = std::fs::read_to_string(file).expect("reading the text");
            let options = CheckOptions::default();
            let start = Instant::now();
            let first = engine::check(&text, &options);
            let cold_ms = start.elapsed().as_secs_f64() * 1e3;
            let mut warm = Vec::new();
            for _ in 0..runs {
                let start = Instant::now();
                let result = engine::check(&text, &options);
                warm.push(start.elapsed().as_secs_f64() * 1e3);
                assert_eq!(result.matches.len(), first.matches.len());
            }
            warm.sort_by(|a, b| a.total_cmp(b));
            println!(
                "{}",
                serde_json::json!({
                    "words": text.split_whitespace().count(),
                    "matches": first.matches.len(),
                    "cold_ms": cold_ms,
                    "warm_p50_ms": warm[warm.len() / 2],
                    "warm_p99_ms": warm[(warm.len() * 99 / 100).min(warm.len() - 1)],
                })
            );
        }
        _ => {
            eprintln!(
                "usage: grammar-native curated-rules | edits [--rules LIST] | bench FILE [RUNS]"
            );
            std::process::exit(2);
        }
    }
}
