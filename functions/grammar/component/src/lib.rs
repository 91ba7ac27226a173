//! HTTP glue of the grammar function; the engine is `grammar-core`.
//!
//! - `POST /api/v1/grammar/v2/check`: LanguageTool's form-encoded API and JSON answer
//! - `GET /api/v1/grammar/v2/languages`: LanguageTool's language list
//! - `POST /api/v1/grammar/check`: our JSON API, with `apply` for the corrected text
//! - `GET, POST /api/v1/grammar/dictionary`, `DELETE /api/v1/grammar/dictionary/{word}`: the
//!   caller's personal dictionary

// `ApiError` is deliberately a plain struct with public fields; it only travels on the error
// path of a request, where its size costs nothing measurable.
#![allow(clippy::result_large_err)]

pub mod deep;
pub mod dictionary;
pub mod requests;

use api_kit::{ApiError, ApiResponse, RequestContext};
use spin_sdk::http::{IncomingRequest, Response};

/// Form encoding can triple a text's size; the text limits are checked after decoding.
const MAX_BODY_BYTES: u64 = 512 * 1024;

#[spin_sdk::http_component]
async fn handle(req: IncomingRequest) -> Response {
    let options = api_kit::spin::Options {
        max_body_bytes: MAX_BODY_BYTES,
    };
    api_kit::spin::respond_with(req, options, route).await
}

fn route(ctx: RequestContext) -> Result<ApiResponse, ApiError> {
    let path = ctx.path().trim_end_matches('/');
    if path.starts_with(dictionary::PREFIX) {
        return dictionary::route(&ctx, path);
    }
    match path {
        "/api/v1/grammar/v2/check" => {
            ctx.allow_methods(&["POST"])?;
            requests::languagetool_check(&ctx, &requests::Settings::load()?)
        }
        "/api/v1/grammar/v2/languages" => {
            ctx.allow_methods(&["GET"])?;
            ApiResponse::json(200, &grammar_core::languagetool::languages_response())
        }
        "/api/v1/grammar/check" => {
            ctx.allow_methods(&["POST"])?;
            requests::native_check(&ctx, &requests::Settings::load()?)
        }
        other => Err(ApiError::not_found(format!("no grammar route {other}"))),
    }
}
