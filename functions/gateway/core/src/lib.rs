//! The AI gateway's logic, independent of Spin: provider configuration, routing strategies,
//! sticky A/B variants, circuit breakers, failover, budgets in integer micro-dollars, the
//! response cache, OpenAI SSE, and the usage ledger. State lives behind `storage::KeyValue`
//! and `storage::Sql` so every instance shares it; provider I/O behind [`Transport`].

// `ApiError` is deliberately a plain struct with public fields; it only travels on the error
// path of a request, where its size costs nothing measurable.
#![allow(clippy::result_large_err)]

pub mod budget;
pub mod cache;
pub mod config;
pub mod engine;
pub mod health;
pub mod lazy;
pub mod ledger;
#[cfg(feature = "native")]
pub mod native;
pub mod routing;
pub mod sse;
pub mod transport;
#[cfg(feature = "spin")]
pub mod wasi_http;
pub mod wire;

pub use config::{GatewayConfig, ModelKind, Tier};
pub use engine::{Answer, CallOptions, Caller, ChatStream, Gateway, Served};
pub use transport::{
    BodyReader, Clock, HttpRequest, HttpResponse, SystemClock, Transport, TransportError,
};
pub use wire::{ChatRequest, EmbeddingRequest, Usage};
