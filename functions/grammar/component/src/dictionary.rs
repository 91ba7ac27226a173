//! `/api/v1/grammar/dictionary`: the caller's personal dictionary (authenticated callers only;
//! one dictionary per tenant and user).

use api_kit::spin::SpinVariables;
use api_kit::{ApiError, ApiResponse, RequestContext};
use grammar_core::personal::{PersonalDictionary, MAX_WORDS_PER_USER};
use serde::Deserialize;
use serde_json::json;

pub const PREFIX: &str = "/api/v1/grammar/dictionary";

/// `{word}` or `{words: [...]}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AddWords {
    word: Option<String>,
    words: Option<Vec<String>>,
}

/// Routes `path` (already known to start with [`PREFIX`]).
pub fn route(ctx: &RequestContext, path: &str) -> Result<ApiResponse, ApiError> {
    let rest = &path[PREFIX.len()..];
    let word = match rest.strip_prefix('/') {
        None if rest.is_empty() => None,
        Some(segment) if !segment.is_empty() && !segment.contains('/') => Some(segment),
        _ => return Err(ApiError::not_found(format!("no grammar route {path}"))),
    };
    match word {
        None => ctx.allow_methods(&["GET", "POST"])?,
        Some(_) => ctx.allow_methods(&["DELETE"])?,
    }
    let principal = auth_client::authenticate(&ctx.headers)?;
    let db = storage::open_sql(&SpinVariables)?;
    let dictionary = PersonalDictionary::new(&db, &principal.tenant_id, &principal.user_id);
    match (ctx.method.as_str(), word) {
        ("GET", None) => {
            let words = dictionary.list()?;
            no_store(ApiResponse::json(
                200,
                &json!({ "count": words.len(), "limit": MAX_WORDS_PER_USER, "words": words }),
            )?)
        }
        ("POST", None) => {
            let request: AddWords = ctx.json()?;
            let words = match (request.word, request.words) {
                (Some(word), None) => vec![word],
                (None, Some(words)) if !words.is_empty() => words,
                _ => {
                    return Err(ApiError::unprocessable(
                        "invalid_request",
                        "send either `word` or a non-empty `words` list",
                    ))
                }
            };
            let added = dictionary.add(&words)?;
            no_store(ApiResponse::json(
                200,
                &json!({ "added": added.added, "count": added.count, "limit": MAX_WORDS_PER_USER }),
            )?)
        }
        ("DELETE", Some(segment)) => {
            let word = percent_encoding::percent_decode_str(segment)
                .decode_utf8()
                .map_err(|_| ApiError::bad_request("the word in the path is not UTF-8"))?;
            dictionary.remove(&word)?;
            Ok(ApiResponse::new(204))
        }
        (method, None) => Err(ApiError::method_not_allowed(method, &["GET", "POST"])),
        (method, Some(_)) => Err(ApiError::method_not_allowed(method, &["DELETE"])),
    }
}

fn no_store(response: ApiResponse) -> Result<ApiResponse, ApiError> {
    Ok(response.with_header("cache-control", "no-store"))
}
