//! Turning Redis replies and errors into the interface's shapes.

use redis::{ErrorKind, RedisError, Value};

/// One element of `execute`'s result list, independent of the generated bindings.
#[derive(Debug, Clone, PartialEq)]
pub enum RedisResult {
    Nil,
    Status(String),
    Int64(i64),
    Binary(Vec<u8>),
}

/// Why a command failed, before it is spelled as the interface's `error`.
#[derive(Debug, Clone, PartialEq)]
pub enum CommandError {
    /// The value had the wrong type for the operation (WRONGTYPE, "not an integer", or a
    /// reply we can't represent).
    TypeError,
    Other(String),
}

impl From<RedisError> for CommandError {
    fn from(err: RedisError) -> Self {
        let server_type_error = err.code() == Some("WRONGTYPE")
            || (err.kind() == ErrorKind::ResponseError
                && err.detail().is_some_and(|d| d.contains("not an integer")));
        if err.kind() == ErrorKind::TypeError || server_type_error {
            CommandError::TypeError
        } else {
            CommandError::Other(err.to_string())
        }
    }
}

/// Flattens a reply into a list: arrays and sets contribute their elements in order
/// (recursively), maps their keys and values alternately — the shape RESP2 gives, so
/// guests see the same list whichever protocol the connection speaks.
pub fn flatten(value: Value) -> Result<Vec<RedisResult>, CommandError> {
    let mut out = Vec::new();
    append(&mut out, value)?;
    Ok(out)
}

fn append(out: &mut Vec<RedisResult>, value: Value) -> Result<(), CommandError> {
    match value {
        Value::Nil => out.push(RedisResult::Nil),
        Value::Int(i) => out.push(RedisResult::Int64(i)),
        Value::BulkString(bytes) => out.push(RedisResult::Binary(bytes)),
        Value::SimpleString(s) => out.push(RedisResult::Status(s)),
        Value::Okay => out.push(RedisResult::Status("OK".into())),
        Value::Array(items) | Value::Set(items) => {
            for item in items {
                append(out, item)?;
            }
        }
        Value::Map(pairs) => {
            for (key, value) in pairs {
                append(out, key)?;
                append(out, value)?;
            }
        }
        Value::Attribute { data, .. } => append(out, *data)?,
        Value::Double(f) => out.push(RedisResult::Binary(f.to_string().into_bytes())),
        Value::Boolean(b) => out.push(RedisResult::Int64(i64::from(b))),
        Value::VerbatimString { text, .. } => out.push(RedisResult::Binary(text.into_bytes())),
        Value::BigNumber(n) => out.push(RedisResult::Binary(n.to_string().into_bytes())),
        Value::ServerError(err) => {
            return Err(CommandError::from(RedisError::from(err)));
        }
        // Push messages only arrive on RESP3 subscriptions, which `execute` can't set up.
        Value::Push { .. } => return Err(CommandError::TypeError),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_replies_flatten_in_order() {
        let reply = Value::Array(vec![
            Value::Int(1),
            Value::Array(vec![Value::BulkString(b"a".to_vec()), Value::Nil]),
            Value::Okay,
            Value::Map(vec![(
                Value::SimpleString("k".into()),
                Value::Boolean(true),
            )]),
        ]);
        assert_eq!(
            flatten(reply).unwrap(),
            vec![
                RedisResult::Int64(1),
                RedisResult::Binary(b"a".to_vec()),
                RedisResult::Nil,
                RedisResult::Status("OK".into()),
                RedisResult::Status("k".into()),
                RedisResult::Int64(1),
            ]
        );
        assert_eq!(flatten(Value::Array(vec![])).unwrap(), vec![]);
    }
}
