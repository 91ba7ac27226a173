//! Test-only component exporting `wasi:http/handler` (WASI 0.3), for the host's p3 HTTP path.
//!
//! Answers every request with `200 text/plain` `hello from wasi:http@0.3: <METHOD> <path>`, so a
//! test can tell the request really reached this component through the 0.3 handler.

use wasip3::http::types::{ErrorCode, Fields, Method, Request, Response};
use wasip3::{wit_future, wit_stream};

wasip3::http::service::export!(Hello);

struct Hello;

impl wasip3::exports::http::handler::Guest for Hello {
    async fn handle(request: Request) -> Result<Response, ErrorCode> {
        let body = format!(
            "hello from wasi:http@0.3: {} {}",
            method_name(&request.get_method()),
            request.get_path_with_query().unwrap_or_default()
        );

        let headers = Fields::from_list(&[(
            "content-type".to_owned(),
            b"text/plain; charset=utf-8".to_vec(),
        )])
        .map_err(|e| ErrorCode::InternalError(Some(format!("building headers: {e:?}"))))?;
        let (mut body_tx, body_rx) = wit_stream::new();
        // No trailers: the body ends when the stream closes.
        let (trailers_tx, trailers_rx) = wit_future::new(|| Ok(None));
        drop(trailers_tx);
        let (response, _transmitted) = Response::new(headers, Some(body_rx), trailers_rx);

        // The response is returned before its body is written; the host reads the stream
        // concurrently, so the write happens in a task that outlives `handle`.
        wasip3::spawn_local(async move {
            // A short write only means the client went away; there is no one left to tell.
            let _unwritten = body_tx.write_all(body.into_bytes()).await;
        });
        Ok(response)
    }
}

fn method_name(method: &Method) -> &str {
    match method {
        Method::Get => "GET",
        Method::Head => "HEAD",
        Method::Post => "POST",
        Method::Put => "PUT",
        Method::Delete => "DELETE",
        Method::Connect => "CONNECT",
        Method::Options => "OPTIONS",
        Method::Trace => "TRACE",
        Method::Patch => "PATCH",
        Method::Other(other) => other,
    }
}
