//! Deep mode: a fluency rewrite with explanations by a language model (through the AI
//! gateway). This module only builds the prompt and reads the answer; the call is the
//! component's, so the offline engine never depends on the gateway.

use serde::Deserialize;

/// The system prompt: what the model must do and the JSON it must answer with.
pub const SYSTEM_PROMPT: &str = "You are an English writing assistant. Rewrite the user's \
text so it is fluent, natural and grammatically correct, keeping its meaning, tone and \
formatting. Answer with one JSON object and nothing else: \
{\"rewrite\": \"<the rewritten text>\", \"explanations\": [\"<one short reason per change>\"]}.";

/// Output tokens allowed for a rewrite of `text`: about twice its length in tokens (a token
/// is roughly four bytes of English) plus room for the explanations.
pub fn max_tokens(text: &str) -> u32 {
    let estimate = text.len() / 2 + 256;
    u32::try_from(estimate.min(8_192)).unwrap_or(8_192)
}

/// What the model proposed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rewrite {
    pub rewrite: String,
    pub explanations: Vec<String>,
    /// False when the model did not answer in the requested JSON; then `rewrite` is its whole
    /// answer, trimmed, and there are no explanations.
    pub structured: bool,
}

#[derive(Deserialize)]
struct Answer {
    rewrite: String,
    #[serde(default)]
    explanations: Vec<String>,
}

/// Reads the model's answer: the JSON object (also inside a Markdown code fence or after
/// some preamble), else the plain text as the rewrite.
pub fn parse_reply(content: &str) -> Rewrite {
    let trimmed = content.trim();
    let candidate = match (trimmed.find('{'), trimmed.rfind('}')) {
        (Some(start), Some(end)) if start < end => &trimmed[start..=end],
        _ => trimmed,
    };
    match serde_json::from_str::<Answer>(candidate) {
        Ok(answer) => Rewrite {
            rewrite: answer.rewrite,
            explanations: answer.explanations,
            structured: true,
        },
        Err(_) => Rewrite {
            rewrite: trimmed.to_string(),
            explanations: Vec::new(),
            structured: false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_json_plain_fenced_or_falls_back_to_text() {
        let json = r#"{"rewrite": "I have an apple.", "explanations": ["a → an before a vowel"]}"#;
        let parsed = parse_reply(json);
        assert_eq!(parsed.rewrite, "I have an apple.");
        assert_eq!(parsed.explanations, ["a → an before a vowel"]);
        assert!(parsed.structured);
        assert_eq!(parse_reply(&format!("Sure!\n```json\n{json}\n```")), parsed);
        let plain = parse_reply("  I have an apple.\n");
        assert_eq!(
            (plain.rewrite.as_str(), plain.structured),
            ("I have an apple.", false)
        );
        assert!(plain.explanations.is_empty());
    }

    #[test]
    fn output_budget_grows_with_the_text_and_is_capped() {
        assert_eq!(max_tokens(""), 256);
        assert!(max_tokens(&"x".repeat(1000)) > max_tokens("short"));
        assert_eq!(max_tokens(&"x".repeat(100_000)), 8_192);
    }
}
