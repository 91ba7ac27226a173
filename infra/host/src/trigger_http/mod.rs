//! The HTTP trigger: accepts connections, routes each request to its component, runs it in
//! a fresh instance under the per-request limits, and turns failures into JSON errors.

pub mod headers;
pub mod router;

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Result;
use bytes::Bytes;
use http::{HeaderValue, Request, Response, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo};
use serde_json::json;
use tokio::net::TcpListener;
use tokio::sync::{oneshot, OwnedSemaphorePermit, Semaphore};
use wasmtime::Store;
use wasmtime_wasi_http::handler::ProxyPre;
use wasmtime_wasi_http::WasiHttpView;

use crate::app::{App, LoadedComponent};
use crate::state::HostState;

type Body = http_body_util::combinators::UnsyncBoxBody<Bytes, wasmtime_wasi_http::Error>;

/// How long in-flight requests may take to finish after a shutdown signal.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

pub struct HttpTrigger {
    app: Arc<App>,
    /// One permit per pooled instance slot, so overload queues instead of failing. An
    /// instance holds its permit until it ends, which may be after its response was sent
    /// (a guest may keep working once its body is finished), so shutdown waits for them.
    slots: Arc<Semaphore>,
}

impl HttpTrigger {
    pub fn new(app: Arc<App>) -> Arc<Self> {
        Arc::new(Self {
            app,
            slots: Arc::new(Semaphore::new(
                crate::engine::MAX_CONCURRENT_INSTANCES as usize,
            )),
        })
    }

    /// Serves until `shutdown` resolves, then lets in-flight requests finish (bounded).
    pub async fn serve(
        self: Arc<Self>,
        listener: TcpListener,
        shutdown: impl std::future::Future<Output = ()>,
    ) -> Result<()> {
        let graceful = hyper_util::server::graceful::GracefulShutdown::new();
        let builder = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
        tokio::pin!(shutdown);
        loop {
            tokio::select! {
                accepted = listener.accept() => {
                    let (stream, client) = match accepted {
                        Ok(conn) => conn,
                        Err(e) => {
                            crate::logging::warn("accept_failed", json!({"error": e.to_string()}));
                            continue;
                        }
                    };
                    // Streamed answers (SSE) are written in small frames; with Nagle's
                    // algorithm each waits for the client's delayed ACK (~40 ms).
                    if let Err(e) = stream.set_nodelay(true) {
                        crate::logging::warn("set_nodelay_failed", json!({"error": e.to_string()}));
                    }
                    let trigger = self.clone();
                    let service = hyper::service::service_fn(move |req| {
                        let trigger = trigger.clone();
                        async move { Ok::<_, Infallible>(trigger.handle(req, client).await) }
                    });
                    let conn = builder.serve_connection_with_upgrades(TokioIo::new(stream), service);
                    let conn = graceful.watch(conn.into_owned());
                    tokio::spawn(async move {
                        if let Err(e) = conn.await {
                            crate::logging::info("connection_closed", json!({"client": client.to_string(), "error": e.to_string()}));
                        }
                    });
                }
                _ = &mut shutdown => break,
            }
        }
        drop(listener);
        crate::logging::info(
            "shutting_down",
            json!({"grace_secs": SHUTDOWN_GRACE.as_secs()}),
        );
        let deadline = tokio::time::Instant::now() + SHUTDOWN_GRACE;
        let connections_done = tokio::time::timeout_at(deadline, graceful.shutdown())
            .await
            .is_ok();
        // Instances still running after their response went out (work a guest does after
        // finishing its body, such as writing a usage record) end before the process does.
        let instances_done = tokio::time::timeout_at(
            deadline,
            self.slots
                .acquire_many(crate::engine::MAX_CONCURRENT_INSTANCES),
        )
        .await
        .is_ok();
        if !(connections_done && instances_done) {
            crate::logging::warn(
                "shutdown_grace_expired",
                json!({"instances_running": crate::engine::MAX_CONCURRENT_INSTANCES as usize
                    - self.slots.available_permits()}),
            );
        }
        Ok(())
    }

    async fn handle(&self, req: Request<Incoming>, client: SocketAddr) -> Response<Body> {
        let started = Instant::now();
        let request_id = headers::request_id(req.headers());
        let method = req.method().clone();
        let path = req.uri().path().to_string();

        let mut log = json!({
            "method": method.as_str(), "path": path, "request_id": &*request_id,
        });
        let response = match self.route(req, client, &request_id, &mut log).await {
            Ok(response) => response,
            Err(error) => error.into_response(),
        };
        let mut response = response;
        if !response.headers().contains_key("x-request-id") {
            if let Ok(value) = HeaderValue::from_str(&request_id) {
                response.headers_mut().insert("x-request-id", value);
            }
        }
        log["status"] = json!(response.status().as_u16());
        log["latency_ms"] = json!(started.elapsed().as_secs_f64() * 1e3);
        crate::logging::info("request", log);
        response
    }

    async fn route(
        &self,
        req: Request<Incoming>,
        client: SocketAddr,
        request_id: &Arc<str>,
        log: &mut serde_json::Value,
    ) -> Result<Response<Body>, HostError> {
        let path = req.uri().path().to_string();
        match path.as_str() {
            "/.well-known/spin/health" => return Ok(text_response(StatusCode::OK, "OK")),
            "/.well-known/spin/info" => {
                let info = json!({"name": self.app.name, "version": self.app.version});
                return Ok(json_response(StatusCode::OK, &info));
            }
            _ => {}
        }
        let Some(matched) = self.app.router.route(&path) else {
            return Err(HostError::not_found(&path));
        };
        log["component"] = json!(matched.component_id);
        log["route"] = json!(matched.raw_route);
        let component = &self.app.components[matched.component_id];
        let req =
            headers::prepare_guest_request(req, &matched, &self.app.base_path, client, request_id)
                .map_err(|e| HostError::bad_request(&e.to_string()))?;

        let permit = self
            .slots
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| HostError::unavailable())?;
        let (response, instantiate) = self
            .run_component(component, req, request_id, permit)
            .await?;
        log["instantiate_us"] = json!(instantiate.as_micros() as u64);
        Ok(response)
    }

    /// Runs one request in a fresh instance. Returns once the response head is ready; the
    /// body keeps streaming from a task that is still bound by the request's deadline and
    /// holds `permit` until the instance ends.
    async fn run_component(
        &self,
        component: &LoadedComponent,
        req: Request<Body>,
        request_id: &Arc<str>,
        permit: OwnedSemaphorePermit,
    ) -> Result<(Response<Body>, Duration), HostError> {
        let deadline = tokio::time::Instant::now() + self.app.limits.timeout;
        let mut store = Store::new(
            &self.app.engine,
            HostState::new(&self.app, component, request_id),
        );
        store.limiter(|state| &mut state.limits);
        store.set_epoch_deadline(1);
        store.epoch_deadline_async_yield_and_update(1);

        let started = Instant::now();
        let proxy = tokio::time::timeout_at(deadline, component.pre.instantiate_async(&mut store))
            .await
            .map_err(|_| HostError::timeout(&component.id))?
            .map_err(|e| HostError::trap(&component.id, &e, false))?;
        let instantiate = started.elapsed();
        let id = component.id.clone();

        match (&component.pre, proxy) {
            (ProxyPre::P2(_), wasmtime_wasi_http::handler::Proxy::P2(proxy)) => {
                let (sender, receiver) = oneshot::channel();
                let incoming = store
                    .data_mut()
                    .http()
                    .new_incoming_request(
                        wasmtime_wasi_http::p2::bindings::http::types::Scheme::Http,
                        req,
                    )
                    .map_err(|e| HostError::trap(&id, &e, false))?;
                let outparam = store
                    .data_mut()
                    .http()
                    .new_response_outparam(sender)
                    .map_err(|e| HostError::trap(&id, &e, false))?;
                let task_id = id.clone();
                let task = tokio::spawn(async move {
                    let _permit = permit;
                    let call = proxy
                        .wasi_http_incoming_handler()
                        .call_handle(&mut store, incoming, outparam);
                    let outcome = tokio::time::timeout_at(deadline, call).await;
                    let memory_denied = store.data().limits_denied_memory();
                    match outcome {
                        Ok(Ok(())) => Ok(()),
                        Ok(Err(trap)) => Err(HostError::trap(&task_id, &trap, memory_denied)),
                        Err(_) => Err(HostError::timeout(&task_id)),
                    }
                });
                match receiver.await {
                    Ok(Ok(response)) => Ok((response, instantiate)),
                    Ok(Err(code)) => Err(HostError::guest_error(&id, &format!("{code:?}"))),
                    // The guest finished (or failed) without setting a response.
                    Err(_) => match task.await {
                        Ok(Err(error)) => Err(error),
                        Ok(Ok(())) => Err(HostError::guest_error(
                            &id,
                            "the component returned without sending a response",
                        )),
                        Err(join) => Err(HostError::guest_error(&id, &join.to_string())),
                    },
                }
            }
            (ProxyPre::P3(_), wasmtime_wasi_http::handler::Proxy::P3(service)) => self
                .run_p3(store, service, req, deadline, id, permit)
                .await
                .map(|r| (r, instantiate)),
            _ => Err(HostError::guest_error(
                &id,
                "handler kind changed between pre-instantiation and instantiation",
            )),
        }
    }

    /// WASI 0.3 (`wasi:http/handler@0.3.0`): the store's event loop must keep running
    /// while the guest streams its body, so the task lives until the body is done.
    async fn run_p3(
        &self,
        mut store: Store<HostState>,
        service: wasmtime_wasi_http::p3::bindings::Service,
        req: Request<Body>,
        deadline: tokio::time::Instant,
        id: Arc<str>,
        permit: OwnedSemaphorePermit,
    ) -> Result<Response<Body>, HostError> {
        let (sender, receiver) = oneshot::channel::<Result<Response<Body>, HostError>>();
        let task_id = id.clone();
        tokio::spawn(async move {
            let _permit = permit;
            let (body_done_tx, body_done_rx) = oneshot::channel::<()>();
            // The default hooks strip the same forbidden headers ours do; using them avoids
            // borrowing the store for the lifetime of the request's I/O future.
            let (request, request_io) = wasmtime_wasi_http::p3::Request::from_http(
                wasmtime_wasi_http::default_hooks(),
                req,
            );
            let run_id = task_id.clone();
            let run = store.run_concurrent(async move |accessor| {
                let task_id = run_id;
                let response = match service.handle(accessor, request).await {
                    Ok(Ok(response)) => response,
                    Ok(Err(code)) => {
                        let _ = sender
                            .send(Err(HostError::guest_error(&task_id, &format!("{code:?}"))));
                        return;
                    }
                    Err(trap) => {
                        let _ = sender.send(Err(HostError::trap(&task_id, &trap, false)));
                        return;
                    }
                };
                let http = accessor.with(|mut access| response.into_http(&mut access, request_io));
                match http {
                    Ok(http) => {
                        let (parts, body) = http.into_parts();
                        let body = NotifyOnDrop {
                            inner: body,
                            done: Some(body_done_tx),
                        }
                        .boxed_unsync();
                        if sender.send(Ok(Response::from_parts(parts, body))).is_ok() {
                            let _ = body_done_rx.await;
                        }
                    }
                    Err(e) => {
                        let _ = sender.send(Err(HostError::trap(&task_id, &e, false)));
                    }
                }
            });
            if let Err(_elapsed) = tokio::time::timeout_at(deadline, run).await {
                crate::logging::warn(
                    "request_timeout",
                    json!({"component": &*task_id, "phase": "body"}),
                );
            }
        });
        match tokio::time::timeout_at(deadline, receiver).await {
            Ok(Ok(result)) => result,
            Ok(Err(_)) => Err(HostError::guest_error(
                &id,
                "the component failed before sending a response",
            )),
            Err(_) => Err(HostError::timeout(&id)),
        }
    }
}

/// Signals when the client has consumed (or dropped) a streamed response body.
struct NotifyOnDrop<B> {
    inner: B,
    done: Option<oneshot::Sender<()>>,
}

impl<B: hyper::body::Body + Unpin> hyper::body::Body for NotifyOnDrop<B> {
    type Data = B::Data;
    type Error = B::Error;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<hyper::body::Frame<Self::Data>, Self::Error>>> {
        let poll = std::pin::Pin::new(&mut self.inner).poll_frame(cx);
        if let std::task::Poll::Ready(None) = poll {
            self.done.take();
        }
        poll
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }
}

/// An error the host answers itself, always as Spin apps answer: `{"error":{...}}`.
#[derive(Debug)]
pub struct HostError {
    status: StatusCode,
    code: &'static str,
    message: String,
    details: serde_json::Value,
}

impl HostError {
    fn not_found(path: &str) -> Self {
        Self {
            status: StatusCode::NOT_FOUND,
            code: "not_found",
            message: "no route matches this path".into(),
            details: json!({"path": path}),
        }
    }

    fn bad_request(message: &str) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            code: "bad_request",
            message: message.into(),
            details: serde_json::Value::Null,
        }
    }

    fn unavailable() -> Self {
        Self {
            status: StatusCode::SERVICE_UNAVAILABLE,
            code: "unavailable",
            message: "the host is shutting down".into(),
            details: serde_json::Value::Null,
        }
    }

    fn timeout(component: &str) -> Self {
        crate::logging::warn("request_timeout", json!({"component": component}));
        Self {
            status: StatusCode::GATEWAY_TIMEOUT,
            code: "timeout",
            message: "the component did not answer within the request time limit".into(),
            details: json!({"component": component}),
        }
    }

    fn trap(component: &str, error: &wasmtime::Error, memory_denied: bool) -> Self {
        // The full trap (with backtrace) goes to the log; the client gets no internals.
        crate::logging::error(
            "component_trap",
            json!({"component": component, "error": format!("{error:?}"), "out_of_memory": memory_denied}),
        );
        let (code, message) = if memory_denied {
            ("out_of_memory", "the component exceeded its memory limit")
        } else {
            (
                "component_failed",
                "the component failed while handling the request",
            )
        };
        Self {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code,
            message: message.into(),
            details: json!({"component": component}),
        }
    }

    fn guest_error(component: &str, detail: &str) -> Self {
        crate::logging::error(
            "component_error",
            json!({"component": component, "error": detail}),
        );
        Self {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code: "component_failed",
            message: "the component failed while handling the request".into(),
            details: json!({"component": component}),
        }
    }

    fn into_response(self) -> Response<Body> {
        let body =
            json!({"error": {"code": self.code, "message": self.message, "details": self.details}});
        json_response(self.status, &body)
    }
}

fn json_response(status: StatusCode, body: &serde_json::Value) -> Response<Body> {
    let mut response = Response::new(full(body.to_string()));
    *response.status_mut() = status;
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

fn text_response(status: StatusCode, text: &'static str) -> Response<Body> {
    let mut response = Response::new(full(text));
    *response.status_mut() = status;
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain"),
    );
    response
}

fn full(body: impl Into<Bytes>) -> Body {
    Full::new(body.into())
        .map_err(|never: Infallible| match never {})
        .boxed_unsync()
}
