//! One JSON object per line on stderr: request logs, component output, host events.
//! Stdout is kept for the human-readable startup banner.

use std::io::Write;

use serde_json::{json, Map, Value};

/// Writes one log line. `fields` must be a JSON object; `event` and a timestamp are added.
pub fn event(level: &str, event: &str, fields: Value) {
    let mut line = Map::new();
    line.insert(
        "ts".into(),
        json!(chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)),
    );
    line.insert("level".into(), json!(level));
    line.insert("event".into(), json!(event));
    if let Value::Object(extra) = fields {
        line.extend(extra);
    }
    let mut text = Value::Object(line).to_string();
    text.push('\n');
    // A failed log write must never fail a request.
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

pub fn info(name: &str, fields: Value) {
    event("info", name, fields)
}

pub fn warn(name: &str, fields: Value) {
    event("warn", name, fields)
}

pub fn error(name: &str, fields: Value) {
    event("error", name, fields)
}
