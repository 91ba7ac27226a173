//! Outbound Redis (`fermyon:spin/redis@2.0.0`): every connection method once, keys under
//! `?prefix=`.

use serde_json::{json, Value as Json};
use spin_sdk::http::Response;
use spin_sdk::redis::{Connection, RedisParameter, RedisResult};

use crate::query::Query;
use crate::report;

pub fn handle(query: &Query) -> Response {
    let Some(address) = query
        .get("url")
        .map(str::to_owned)
        .or_else(|| spin_sdk::variables::get("redis_url").ok())
    else {
        return report::bad_request("missing ?url= and no redis_url variable");
    };
    let prefix = query.get_or("prefix", "probe");
    let connection = match Connection::open(&address) {
        Ok(connection) => connection,
        Err(error) => return report::host_error("open", error),
    };
    match exercise(&connection, prefix) {
        Ok(body) => report::ok(&body),
        Err((step, error)) => report::host_error(step, error),
    }
}

type StepResult<T> = Result<T, (&'static str, spin_sdk::redis::Error)>;

fn exercise(connection: &Connection, prefix: &str) -> StepResult<Json> {
    let string_key = format!("{prefix}:string");
    let counter_key = format!("{prefix}:counter");
    let set_key = format!("{prefix}:set");
    let list_key = format!("{prefix}:list");
    let missing_key = format!("{prefix}:missing");

    connection
        .set(&string_key, b"value \x00\xff".as_ref())
        .map_err(|e| ("set", e))?;
    let got = connection.get(&string_key).map_err(|e| ("get", e))?;
    let missing = connection
        .get(&missing_key)
        .map_err(|e| ("get-missing", e))?;
    let incr_first = connection.incr(&counter_key).map_err(|e| ("incr", e))?;
    let incr_second = connection.incr(&counter_key).map_err(|e| ("incr", e))?;
    let sadd = connection
        .sadd(&set_key, &["a".to_owned(), "b".to_owned(), "a".to_owned()])
        .map_err(|e| ("sadd", e))?;
    let mut members = connection.smembers(&set_key).map_err(|e| ("smembers", e))?;
    members.sort();
    let srem = connection
        .srem(&set_key, &["a".to_owned(), "zzz".to_owned()])
        .map_err(|e| ("srem", e))?;
    let members_after_srem = connection
        .smembers(&set_key)
        .map_err(|e| ("smembers-after-srem", e))?;
    connection
        .publish(&format!("{prefix}:channel"), b"hello".as_ref())
        .map_err(|e| ("publish", e))?;
    let rpush = connection
        .execute(
            "RPUSH",
            &[
                RedisParameter::Binary(list_key.clone().into_bytes()),
                RedisParameter::Binary(b"x".to_vec()),
                RedisParameter::Int64(42),
            ],
        )
        .map_err(|e| ("execute-rpush", e))?;
    let lrange = connection
        .execute(
            "LRANGE",
            &[
                RedisParameter::Binary(list_key.clone().into_bytes()),
                RedisParameter::Int64(0),
                RedisParameter::Int64(-1),
            ],
        )
        .map_err(|e| ("execute-lrange", e))?;
    let ping = connection
        .execute("PING", &[])
        .map_err(|e| ("execute-ping", e))?;
    let bad_command = connection
        .execute("NOSUCHCOMMAND", &[])
        .err()
        .map(|error| format!("{error:?}"));
    let deleted = connection
        .del(&[
            string_key.clone(),
            counter_key,
            set_key,
            list_key,
            missing_key,
        ])
        .map_err(|e| ("del", e))?;
    let after_del = connection
        .get(&string_key)
        .map_err(|e| ("get-after-del", e))?;

    Ok(json!({
        "get": got,
        "get_missing": missing,
        "incr": [incr_first, incr_second],
        "sadd": sadd,
        "smembers": members,
        "srem": srem,
        "smembers_after_srem": members_after_srem,
        "execute_rpush": results_json(&rpush),
        "execute_lrange": results_json(&lrange),
        "execute_ping": results_json(&ping),
        "execute_error": bad_command,
        "del": deleted,
        "get_after_del": after_del,
    }))
}

fn results_json(results: &[RedisResult]) -> Json {
    Json::Array(
        results
            .iter()
            .map(|result| match result {
                RedisResult::Nil => json!("nil"),
                RedisResult::Status(s) => json!({ "status": s }),
                RedisResult::Int64(v) => json!({ "int64": v }),
                RedisResult::Binary(v) => json!({ "binary": String::from_utf8_lossy(v) }),
            })
            .collect(),
    )
}
