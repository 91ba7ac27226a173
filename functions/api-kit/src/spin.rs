//! spin-sdk glue: turns an `IncomingRequest` into a [`RequestContext`], runs the handler, and
//! sends its result (or error) as a response carrying the request id. Also the Spin-variables
//! [`ConfigSource`].
//!
//! A function's entry point stays a few lines:
//! ```ignore
//! #[spin_sdk::http_component]
//! async fn handle(req: spin_sdk::http::IncomingRequest) -> spin_sdk::http::Response {
//!     api_kit::spin::respond(req, |ctx| { ctx.allow_methods(&["GET"])?; ... }).await
//! }
//! ```

use std::future::Future;

use futures::StreamExt;
use spin_sdk::http::{IncomingRequest, Response};

use crate::{
    finish, ApiError, ApiResponse, BodyCollector, ConfigSource, Headers, RequestContext, RequestId,
    DEFAULT_MAX_BODY_BYTES, REQUEST_ID_HEADER,
};

/// Per-route settings for [`respond_with`] / [`respond_async`].
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub max_body_bytes: u64,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
        }
    }
}

/// Runs a synchronous handler with the default [`Options`].
pub async fn respond<F>(req: IncomingRequest, handler: F) -> Response
where
    F: FnOnce(RequestContext) -> Result<ApiResponse, ApiError>,
{
    respond_with(req, Options::default(), handler).await
}

/// Runs a synchronous handler with explicit per-route [`Options`].
pub async fn respond_with<F>(req: IncomingRequest, options: Options, handler: F) -> Response
where
    F: FnOnce(RequestContext) -> Result<ApiResponse, ApiError>,
{
    respond_async(req, options, |ctx| std::future::ready(handler(ctx))).await
}

/// Runs an async handler (one that awaits outbound HTTP, for instance).
pub async fn respond_async<F, Fut>(req: IncomingRequest, options: Options, handler: F) -> Response
where
    F: FnOnce(RequestContext) -> Fut,
    Fut: Future<Output = Result<ApiResponse, ApiError>>,
{
    let headers = read_headers(&req);
    // The id is settled before the body is read so that even a 413 carries it.
    let request_id = RequestId::from_header(headers.get(REQUEST_ID_HEADER));
    let result = match read_context(req, headers, request_id.clone(), options.max_body_bytes).await {
        Ok(ctx) => handler(ctx).await,
        Err(err) => Err(err),
    };
    to_spin_response(finish(&request_id, result))
}

/// The request's headers, for handlers that answer outside [`respond_async`] (streaming).
pub fn read_headers(req: &IncomingRequest) -> Headers {
    req.headers()
        .entries()
        .into_iter()
        .map(|(name, value)| (name, String::from_utf8_lossy(&value).into_owned()))
        .collect()
}

/// Reads the whole request (body capped at `max_body_bytes`, 413 beyond), for handlers
/// that answer outside [`respond_async`] (streaming).
pub async fn read_context(
    req: IncomingRequest,
    headers: Headers,
    request_id: RequestId,
    max_body_bytes: u64,
) -> Result<RequestContext, ApiError> {
    let method = req.method().to_string();
    let path_and_query = req.path_with_query().unwrap_or_else(|| "/".to_string());
    let mut collector = BodyCollector::new(max_body_bytes, headers.get("content-length"))?;
    let mut stream = req.into_body_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| {
            ApiError::bad_request("could not read the request body")
                .with_details(serde_json::json!({ "reason": format!("{e:?}") }))
        })?;
        collector.push(&chunk)?;
    }
    Ok(RequestContext {
        request_id,
        method,
        path_and_query,
        headers,
        body: collector.finish(),
    })
}

fn to_spin_response(response: ApiResponse) -> Response {
    let mut builder = Response::builder();
    builder.status(response.status);
    for (name, value) in response.headers {
        builder.header(name, value);
    }
    builder.body(response.body).build()
}

/// Spin variables (`spin_sdk::variables::get`). Undefined variables and provider failures both
/// read as `None`; the typed loader then reports the variable by name.
#[derive(Debug, Clone, Copy, Default)]
pub struct SpinVariables;

impl ConfigSource for SpinVariables {
    fn get(&self, name: &str) -> Option<String> {
        spin_sdk::variables::get(name).ok()
    }
}
