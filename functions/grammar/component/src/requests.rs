//! Request parsing, callers and limits for the check routes.

use api_kit::spin::SpinVariables;
use api_kit::{ApiError, ApiResponse, RequestContext};
use auth_client::Principal;
use grammar_core::personal::PersonalDictionary;
use grammar_core::{CheckOptions, LanguageRequest, Match};
use serde::Deserialize;
use serde_json::json;

/// Largest text an anonymous caller may check, in UTF-8 bytes (LanguageTool's public API
/// allows 20 KB too).
pub const ANONYMOUS_TEXT_LIMIT: usize = 20 * 1024;
/// Largest text an authenticated caller may check.
pub const AUTHENTICATED_TEXT_LIMIT: usize = 100 * 1024;

fn text_too_large(limit: usize) -> ApiError {
    ApiError::new(
        413,
        "payload_too_large",
        format!("text exceeds the limit of {limit} bytes"),
    )
    .with_details(json!({ "limit_bytes": limit }))
}

/// The function's variables.
pub struct Settings {
    /// `grammar_allow_anonymous` (default on).
    pub allow_anonymous: bool,
    /// `grammar_anonymous_rate_limit_per_minute`: anonymous checks per client IP per minute.
    pub anonymous_per_minute: u64,
}

impl Settings {
    pub fn load() -> Result<Self, ApiError> {
        let vars = api_kit::Variables::new(&SpinVariables);
        Ok(Self {
            allow_anonymous: vars.parse_or("grammar_allow_anonymous", true)?,
            anonymous_per_minute: vars.parse_or(
                "grammar_anonymous_rate_limit_per_minute",
                grammar_core::anonymous::DEFAULT_PER_MINUTE,
            )?,
        })
    }
}

/// Who is checking: a verified principal, or nobody (allowed when `grammar_allow_anonymous`
/// is on, as LanguageTool's public API allows, since many stock clients send no credentials).
pub enum Caller {
    Anonymous,
    Authenticated(Principal),
}

impl Caller {
    pub fn text_limit(&self) -> usize {
        match self {
            Self::Anonymous => ANONYMOUS_TEXT_LIMIT,
            Self::Authenticated(_) => AUTHENTICATED_TEXT_LIMIT,
        }
    }
}

/// `Authorization` / `X-Api-Key` headers first, then LanguageTool's `apiKey` form field
/// (`username` is accepted and ignored: our API keys identify their user). A credential that
/// is present but wrong is a 401, never a silent fall back to anonymous.
pub fn caller(
    ctx: &RequestContext,
    form_api_key: Option<&str>,
    allow_anonymous: bool,
) -> Result<Caller, ApiError> {
    if ctx.headers.get("authorization").is_some()
        || ctx.headers.get(auth_client::API_KEY_HEADER).is_some()
    {
        return Ok(Caller::Authenticated(auth_client::authenticate(
            &ctx.headers,
        )?));
    }
    if let Some(key) = form_api_key.filter(|k| !k.is_empty()) {
        return Ok(Caller::Authenticated(auth_client::verify_api_key(key)?));
    }
    if allow_anonymous {
        Ok(Caller::Anonymous)
    } else {
        Err(auth_client::authenticate(&ctx.headers)
            .err()
            .unwrap_or_else(|| ApiError::unauthorized("authentication required")))
    }
}

/// The limits a check passes before any work: for anonymous callers the per-IP rate (counted
/// in the key-value store: Redis when `redis_url` is set), then the text size.
fn admit(
    ctx: &RequestContext,
    caller: &Caller,
    settings: &Settings,
    text: &str,
) -> Result<(), ApiError> {
    if let Caller::Anonymous = caller {
        let kv = storage::open_key_value(&SpinVariables)?;
        grammar_core::anonymous::limit_anonymous(
            &kv,
            ctx.client_ip().as_deref(),
            settings.anonymous_per_minute,
            grammar_core::unix_now(),
        )?;
    }
    let limit = caller.text_limit();
    if text.len() > limit {
        return Err(text_too_large(limit));
    }
    Ok(())
}

/// Drops matches on the caller's personal-dictionary words. The dictionary is read (one
/// query) only for an authenticated caller whose text has matches at all.
fn personalise(caller: &Caller, text: &str, matches: &mut Vec<Match>) -> Result<(), ApiError> {
    let Caller::Authenticated(principal) = caller else {
        return Ok(());
    };
    if matches.is_empty() {
        return Ok(());
    }
    let db = storage::open_sql(&SpinVariables)?;
    let words =
        PersonalDictionary::new(&db, &principal.tenant_id, &principal.user_id).words_for_check()?;
    grammar_core::drop_personal_words(text, matches, &words);
    Ok(())
}

fn language(code: Option<&str>) -> Result<LanguageRequest, ApiError> {
    let Some(code) = code.filter(|c| !c.trim().is_empty()) else {
        return Ok(LanguageRequest::default());
    };
    grammar_core::parse_language(code).ok_or_else(|| {
        let supported = grammar_core::supported_codes();
        ApiError::bad_request(format!(
            "language {code:?} is not supported; use one of {}",
            supported.join(", ")
        ))
        .with_details(json!({ "language": code, "supported": supported }))
    })
}

fn deep_mode_not_here() -> ApiError {
    ApiError::bad_request(
        "deep mode has no place in LanguageTool's answer; use POST /api/v1/grammar/check with mode=deep",
    )
}

fn list(value: Option<&str>) -> Vec<String> {
    value
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// LanguageTool's `data` parameter: text and markup pieces. Markup is replaced by spaces of
/// the same length so offsets still point into the document the client holds.
fn text_from_data(data: &str) -> Result<String, ApiError> {
    #[derive(Deserialize)]
    struct Data {
        annotation: Vec<Piece>,
    }
    #[derive(Deserialize)]
    struct Piece {
        text: Option<String>,
        markup: Option<String>,
    }
    let data: Data = serde_json::from_str(data).map_err(|e| {
        ApiError::bad_request(format!("`data` is not LanguageTool annotation JSON: {e}"))
    })?;
    let mut text = String::new();
    for piece in data.annotation {
        match (piece.text, piece.markup) {
            (Some(t), _) => text.push_str(&t),
            (None, Some(m)) => text.extend(m.chars().map(|c| if c == '\n' { '\n' } else { ' ' })),
            (None, None) => {
                return Err(ApiError::bad_request(
                    "each `data.annotation` item needs `text` or `markup`",
                ))
            }
        }
    }
    Ok(text)
}

/// `POST /v2/check` with `application/x-www-form-urlencoded` (the body) or the query string.
pub fn languagetool_check(
    ctx: &RequestContext,
    settings: &Settings,
) -> Result<ApiResponse, ApiError> {
    if let Some(content_type) = ctx.headers.get("content-type") {
        let essence = content_type.split(';').next().unwrap_or_default().trim();
        if !essence.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
            return Err(ApiError::unsupported_media_type(format!(
                "expected an application/x-www-form-urlencoded body, got {content_type:?}"
            )));
        }
    }
    let body = std::str::from_utf8(&ctx.body)
        .map_err(|_| ApiError::bad_request("the form body is not UTF-8"))?;
    let query = ctx
        .path_and_query
        .split_once('?')
        .map(|(_, q)| q)
        .unwrap_or_default();
    let mut params: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for (k, v) in
        form_urlencoded::parse(query.as_bytes()).chain(form_urlencoded::parse(body.as_bytes()))
    {
        params.insert(k.into_owned(), v.into_owned());
    }
    if !body.is_empty() && !body.contains('=') {
        return Err(ApiError::bad_request(
            "the body is not form-encoded (expected key=value pairs)",
        ));
    }
    let get = |k: &str| params.get(k).map(String::as_str);
    let text = match (get("text"), get("data")) {
        (Some(t), _) => t.to_string(),
        (None, Some(d)) => text_from_data(d)?,
        (None, None) => return Err(ApiError::bad_request("missing `text` or `data`")),
    };
    let caller = caller(ctx, get("apiKey"), settings.allow_anonymous)?;
    admit(ctx, &caller, settings, &text)?;
    if get("mode").is_some_and(|m| m.eq_ignore_ascii_case("deep")) {
        return Err(deep_mode_not_here());
    }
    let options = CheckOptions {
        language: language(get("language"))?,
        disabled_rules: list(get("disabledRules")),
        enabled_rules: list(get("enabledRules")),
        enabled_only: get("enabledOnly").is_some_and(|v| v == "true"),
        picky: get("level").is_some_and(|v| v == "picky"),
        personal_words: Vec::new(),
    };
    let mut result = grammar_core::check(&text, &options);
    personalise(&caller, &text, &mut result.matches)?;
    ApiResponse::json(
        200,
        &grammar_core::languagetool::check_response(&text, &result),
    )
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NativeCheck {
    pub text: String,
    pub language: Option<String>,
    #[serde(default)]
    pub apply: bool,
    pub mode: Option<String>,
    #[serde(default)]
    pub disabled_rules: Vec<String>,
    #[serde(default)]
    pub enabled_rules: Vec<String>,
}

/// `POST /check`: our JSON shape.
pub fn native_check(ctx: &RequestContext, settings: &Settings) -> Result<ApiResponse, ApiError> {
    let request: NativeCheck = ctx.json()?;
    let caller = caller(ctx, None, settings.allow_anonymous)?;
    admit(ctx, &caller, settings, &request.text)?;
    // Deep mode calls a paid model: only for a caller the cost can be attributed to.
    let deep_for = match (request.mode.as_deref(), &caller) {
        (None | Some("offline"), _) => None,
        (Some("deep"), Caller::Authenticated(principal)) => Some(principal),
        (Some("deep"), Caller::Anonymous) => {
            return Err(ApiError::unauthorized(
                "deep mode calls a language model billed to your tenant: authenticate first",
            ))
        }
        (Some(other), _) => {
            return Err(ApiError::unprocessable(
                "invalid_request",
                format!("unknown mode {other:?}; use offline or deep"),
            )
            .with_details(json!({ "path": "mode" })))
        }
    };
    let options = CheckOptions {
        language: language(request.language.as_deref())?,
        disabled_rules: request.disabled_rules,
        enabled_rules: request.enabled_rules,
        ..Default::default()
    };
    let mut result = grammar_core::check(&request.text, &options);
    personalise(&caller, &request.text, &mut result.matches)?;
    let matches: Vec<_> = result
        .matches
        .iter()
        .map(|m| {
            let (category, _, issue_type) = grammar_core::languagetool::category(m.kind);
            json!({
                "rule_id": m.rule_id,
                "category": category,
                "issue_type": issue_type,
                "message": m.message,
                "offset": m.offset,
                "length": m.length,
                "replacements": m.replacements,
            })
        })
        .collect();
    let mut body = json!({ "language": result.language.long_code(), "matches": matches });
    if request.apply {
        body["corrected"] = json!(grammar_core::apply(&request.text, &result.matches));
    }
    if let Some(principal) = deep_for {
        body["deep"] = crate::deep::rewrite(ctx, principal, &request.text)?;
    }
    ApiResponse::json(200, &body)
}
