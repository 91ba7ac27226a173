//! The languages we check: English dialects harper knows, by LanguageTool's codes.

use harper_core::Dialect;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    EnUs,
    EnGb,
    EnAu,
    EnCa,
}

pub const SUPPORTED: &[Language] = &[
    Language::EnUs,
    Language::EnGb,
    Language::EnAu,
    Language::EnCa,
];

impl Language {
    /// LanguageTool's `longCode`.
    pub fn long_code(self) -> &'static str {
        match self {
            Self::EnUs => "en-US",
            Self::EnGb => "en-GB",
            Self::EnAu => "en-AU",
            Self::EnCa => "en-CA",
        }
    }

    /// LanguageTool's `code`.
    pub fn code(self) -> &'static str {
        "en"
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::EnUs => "English (US)",
            Self::EnGb => "English (GB)",
            Self::EnAu => "English (Australian)",
            Self::EnCa => "English (Canadian)",
        }
    }

    pub fn dialect(self) -> Dialect {
        match self {
            Self::EnUs => Dialect::American,
            Self::EnGb => Dialect::British,
            Self::EnAu => Dialect::Australian,
            Self::EnCa => Dialect::Canadian,
        }
    }

    pub fn from_dialect(dialect: Dialect) -> Self {
        match dialect {
            Dialect::British => Self::EnGb,
            Dialect::Australian => Self::EnAu,
            Dialect::Canadian => Self::EnCa,
            _ => Self::EnUs,
        }
    }
}

/// A `language` parameter: a fixed language or `auto`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LanguageRequest {
    Fixed(Language),
    Auto,
}

impl Default for LanguageRequest {
    fn default() -> Self {
        Self::Fixed(Language::EnUs)
    }
}

/// The codes a client may send, for error messages.
pub fn supported_codes() -> Vec<&'static str> {
    let mut codes = vec!["auto", "en"];
    codes.extend(SUPPORTED.iter().map(|l| l.long_code()));
    codes
}

/// Parses `auto`, `en` (= en-US) or a long code, case-insensitively (`en_us` too).
pub fn parse_language(code: &str) -> Option<LanguageRequest> {
    let normalized = code.trim().replace('_', "-").to_ascii_lowercase();
    match normalized.as_str() {
        "auto" => Some(LanguageRequest::Auto),
        "en" => Some(LanguageRequest::Fixed(Language::EnUs)),
        other => SUPPORTED
            .iter()
            .find(|l| l.long_code().eq_ignore_ascii_case(other))
            .map(|l| LanguageRequest::Fixed(*l)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes() {
        assert_eq!(
            parse_language("en-GB"),
            Some(LanguageRequest::Fixed(Language::EnGb))
        );
        assert_eq!(
            parse_language("EN_us"),
            Some(LanguageRequest::Fixed(Language::EnUs))
        );
        assert_eq!(parse_language("auto"), Some(LanguageRequest::Auto));
        assert_eq!(parse_language("de-DE"), None);
    }
}
