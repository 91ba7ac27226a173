//! Test-only component exercising every host interface end to end.
//!
//! Every route reports what the host did as JSON and never judges it: the assertions live in
//! the end-to-end tests (`tests/tests/*.rs`). Host-call failures are reported in the body
//! (with status 200) so a test can tell "the host returned an error value" apart from
//! "the guest trapped" (which the host turns into a 500).
//!
//! Routes (matched on the last path segment after `/probe/`; anything else is `echo`, so the
//! component can be mounted on arbitrary routes for routing tests):
//! `echo`, `vars`, `kv`, `sqlite`, `pg`, `redis`, `http`, `trap`, `oom`, `sleep`, `print`,
//! `body-limit`.

mod body_limit;
mod echo;
mod failures;
mod key_value;
mod outbound_http;
mod postgres;
mod query;
mod redis;
mod report;
mod sqlite;
mod variables;

use spin_sdk::http::{IncomingRequest, Response};
use spin_sdk::http_component;

use crate::query::Query;

#[http_component]
async fn handle(req: IncomingRequest) -> Response {
    let path_with_query = req.path_with_query().unwrap_or_default();
    let (path, raw_query) = match path_with_query.split_once('?') {
        Some((path, query)) => (path.to_owned(), query.to_owned()),
        None => (path_with_query.clone(), String::new()),
    };
    let query = Query::parse(&raw_query);
    let operation = path
        .strip_prefix("/probe/")
        .map(|rest| rest.trim_end_matches('/'));

    match operation {
        Some("vars") => variables::handle(&query),
        Some("kv") => key_value::handle(&query),
        Some("sqlite") => sqlite::handle(&query),
        Some("pg") => postgres::handle(&query),
        Some("redis") => redis::handle(&query),
        Some("http") => outbound_http::handle(&query).await,
        Some("trap") => failures::trap(),
        Some("oom") => failures::out_of_memory(),
        Some("sleep") => failures::sleep(&query),
        Some("print") => failures::print(&query),
        Some("body-limit") => body_limit::handle(req).await,
        _ => echo::handle(req, &path, &raw_query).await,
    }
}
