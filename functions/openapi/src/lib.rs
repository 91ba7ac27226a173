//! GET /api/v1/openapi.json: the app's OpenAPI 3.1 document.
//!
//! The document is merged from the functions' fragments at build time (`build.rs`, `merge.rs`)
//! and embedded; this component only serves it, with an ETag so clients can revalidate cheaply.

// `ApiError` is deliberately a plain struct with public fields; it only travels on the error
// path of a request, where its size costs nothing measurable.
#![allow(clippy::result_large_err)]

use api_kit::{ApiError, ApiResponse, RequestContext};
use spin_sdk::http::{IncomingRequest, Response};

#[cfg(test)]
mod merge;

const DOCUMENT: &str = include_str!(concat!(env!("OUT_DIR"), "/openapi.json"));
const ETAG: &str = include_str!(concat!(env!("OUT_DIR"), "/openapi.etag"));

#[spin_sdk::http_component]
async fn handle(req: IncomingRequest) -> Response {
    api_kit::spin::respond(req, serve).await
}

fn serve(ctx: RequestContext) -> Result<ApiResponse, ApiError> {
    ctx.allow_methods(&["GET"])?;
    let response = if etag_matches(ctx.headers.get("if-none-match"), ETAG) {
        ApiResponse::new(304)
    } else {
        ApiResponse::new(200)
            .with_header("content-type", "application/json")
            .with_body(DOCUMENT)
    };
    // The document changes only with a new build, but a deploy must show up within minutes.
    Ok(response
        .with_header("etag", ETAG)
        .with_header("cache-control", "public, max-age=300"))
}

/// `If-None-Match` holds `*` or a comma-separated list of (possibly weak) entity tags.
fn etag_matches(if_none_match: Option<&str>, etag: &str) -> bool {
    let Some(header) = if_none_match else {
        return false;
    };
    header.split(',').map(str::trim).any(|candidate| {
        candidate == "*" || candidate.strip_prefix("W/").unwrap_or(candidate) == etag
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(if_none_match: Option<&str>) -> ApiResponse {
        let mut ctx = RequestContext::new("GET", "/api/v1/openapi.json");
        if let Some(v) = if_none_match {
            ctx.headers.insert("if-none-match", v);
        }
        serve(ctx).unwrap()
    }

    #[test]
    fn serves_the_merged_document() {
        let r = get(None);
        assert_eq!(r.status, 200);
        assert_eq!(r.header("content-type"), Some("application/json"));
        let doc: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(doc["openapi"], "3.1.0");
        assert!(doc["paths"]["/api/v1/health"].is_object());
        assert!(doc["paths"]["/api/v1/openapi.json"].is_object());
        assert_eq!(r.header("etag"), Some(ETAG));
    }

    #[test]
    fn matching_etag_is_304_without_body() {
        let r = get(Some(&format!("\"other\", W/{ETAG}")));
        assert_eq!(r.status, 304);
        assert!(r.body.is_empty());
        assert_eq!(get(Some("\"other\"")).status, 200);
        assert_eq!(get(Some("*")).status, 304);
    }

    #[test]
    fn other_methods_are_405() {
        let err = serve(RequestContext::new("POST", "/api/v1/openapi.json")).unwrap_err();
        assert_eq!(err.status, 405);
    }
}
