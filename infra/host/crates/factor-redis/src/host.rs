//! Guest-facing `fermyon:spin/redis@2.0.0`.

use std::sync::Arc;

use redis::aio::ConnectionManager;
use redis::{AsyncCommands, ErrorKind};
use wasmtime::component::{Resource, ResourceTable};

use crate::bindings::fermyon::spin2_0_0::redis as wit;
use crate::results::{self, CommandError, RedisResult};
use crate::{address, AddressCheck, ConnectionPool};

/// Most connections one request may hold open; past it `open` gives `too-many-connections`.
pub const MAX_CONNECTIONS_PER_REQUEST: usize = 64;

/// A guest's connection: a handle on the pooled, multiplexed connection for its address.
pub struct OpenConnection {
    manager: ConnectionManager,
}

/// Per-request outbound Redis state.
pub struct RedisInstanceState {
    pool: Arc<ConnectionPool>,
    component_id: String,
    is_allowed: AddressCheck,
    table: ResourceTable,
}

impl From<CommandError> for wit::Error {
    fn from(err: CommandError) -> Self {
        match err {
            CommandError::TypeError => wit::Error::TypeError,
            CommandError::Other(msg) => wit::Error::Other(msg),
        }
    }
}

impl From<RedisResult> for wit::RedisResult {
    fn from(result: RedisResult) -> Self {
        match result {
            RedisResult::Nil => wit::RedisResult::Nil,
            RedisResult::Status(s) => wit::RedisResult::Status(s),
            RedisResult::Int64(i) => wit::RedisResult::Int64(i),
            RedisResult::Binary(b) => wit::RedisResult::Binary(b),
        }
    }
}

/// Command outcome for the guest: redis errors become interface errors, never traps.
fn reply<T>(result: redis::RedisResult<T>) -> wasmtime::Result<Result<T, wit::Error>> {
    Ok(result.map_err(|err| CommandError::from(err).into()))
}

/// Redis counts fit in u32 for any realistic request; a larger count is reported, not cut.
fn count(n: i64) -> Result<u32, wit::Error> {
    u32::try_from(n).map_err(|_| wit::Error::Other(format!("count {n} out of range")))
}

impl RedisInstanceState {
    pub(crate) fn new(
        pool: Arc<ConnectionPool>,
        component_id: &str,
        is_allowed: AddressCheck,
    ) -> Self {
        let mut table = ResourceTable::new();
        table.set_max_capacity(MAX_CONNECTIONS_PER_REQUEST);
        Self {
            pool,
            component_id: component_id.to_string(),
            is_allowed,
            table,
        }
    }

    fn manager(
        &self,
        connection: &Resource<OpenConnection>,
    ) -> wasmtime::Result<ConnectionManager> {
        Ok(self.table.get(connection)?.manager.clone())
    }

    fn log_denied(&self, url: &url::Url) {
        eprintln!("{}", denial_log_line(&self.component_id, url));
    }
}

/// One JSON line for a refused address; credentials never appear in it.
fn denial_log_line(component_id: &str, url: &url::Url) -> String {
    serde_json::json!({
        "level": "warn",
        "event": "outbound_denied",
        "component": component_id,
        "address": address::redacted(url),
    })
    .to_string()
}

impl wit::Host for RedisInstanceState {}

impl wit::HostConnection for RedisInstanceState {
    /// A malformed or disallowed address is `invalid-address`, as in Spin; a server that
    /// can't be reached is `other`.
    async fn open(
        &mut self,
        address: String,
    ) -> wasmtime::Result<Result<Resource<OpenConnection>, wit::Error>> {
        let Some(url) = address::parse(&address) else {
            return Ok(Err(wit::Error::InvalidAddress));
        };
        if !(self.is_allowed)(&url) {
            self.log_denied(&url);
            return Ok(Err(wit::Error::InvalidAddress));
        }
        let manager = match self.pool.get(&address).await {
            Ok(manager) => manager,
            Err(err) if err.kind() == ErrorKind::InvalidClientConfig => {
                return Ok(Err(wit::Error::InvalidAddress))
            }
            Err(err) => return Ok(Err(wit::Error::Other(err.to_string()))),
        };
        Ok(self
            .table
            .push(OpenConnection { manager })
            .map_err(|_| wit::Error::TooManyConnections))
    }

    async fn publish(
        &mut self,
        connection: Resource<OpenConnection>,
        channel: String,
        payload: Vec<u8>,
    ) -> wasmtime::Result<Result<(), wit::Error>> {
        let mut conn = self.manager(&connection)?;
        reply(
            conn.publish::<_, _, i64>(channel, payload)
                .await
                .map(|_| ()),
        )
    }

    async fn get(
        &mut self,
        connection: Resource<OpenConnection>,
        key: String,
    ) -> wasmtime::Result<Result<Option<Vec<u8>>, wit::Error>> {
        let mut conn = self.manager(&connection)?;
        reply(conn.get(key).await)
    }

    async fn set(
        &mut self,
        connection: Resource<OpenConnection>,
        key: String,
        value: Vec<u8>,
    ) -> wasmtime::Result<Result<(), wit::Error>> {
        let mut conn = self.manager(&connection)?;
        reply(conn.set(key, value).await)
    }

    async fn incr(
        &mut self,
        connection: Resource<OpenConnection>,
        key: String,
    ) -> wasmtime::Result<Result<i64, wit::Error>> {
        let mut conn = self.manager(&connection)?;
        reply(redis::cmd("INCR").arg(key).query_async(&mut conn).await)
    }

    async fn del(
        &mut self,
        connection: Resource<OpenConnection>,
        keys: Vec<String>,
    ) -> wasmtime::Result<Result<u32, wit::Error>> {
        if keys.is_empty() {
            // DEL with no keys is a Redis arity error; deleting nothing deletes nothing.
            return Ok(Ok(0));
        }
        let mut conn = self.manager(&connection)?;
        Ok(reply(conn.del::<_, i64>(keys).await)?.and_then(count))
    }

    async fn sadd(
        &mut self,
        connection: Resource<OpenConnection>,
        key: String,
        values: Vec<String>,
    ) -> wasmtime::Result<Result<u32, wit::Error>> {
        let mut conn = self.manager(&connection)?;
        Ok(reply(conn.sadd::<_, _, i64>(key, values).await)?.and_then(count))
    }

    async fn smembers(
        &mut self,
        connection: Resource<OpenConnection>,
        key: String,
    ) -> wasmtime::Result<Result<Vec<String>, wit::Error>> {
        let mut conn = self.manager(&connection)?;
        // Members that aren't UTF-8 can't be `string`s: redis-rs reports that as a type error.
        reply(conn.smembers(key).await)
    }

    async fn srem(
        &mut self,
        connection: Resource<OpenConnection>,
        key: String,
        values: Vec<String>,
    ) -> wasmtime::Result<Result<u32, wit::Error>> {
        let mut conn = self.manager(&connection)?;
        Ok(reply(conn.srem::<_, _, i64>(key, values).await)?.and_then(count))
    }

    async fn execute(
        &mut self,
        connection: Resource<OpenConnection>,
        command: String,
        arguments: Vec<wit::RedisParameter>,
    ) -> wasmtime::Result<Result<Vec<wit::RedisResult>, wit::Error>> {
        let mut conn = self.manager(&connection)?;
        let mut cmd = redis::cmd(&command);
        for argument in arguments {
            match argument {
                wit::RedisParameter::Int64(i) => cmd.arg(i),
                wit::RedisParameter::Binary(bytes) => cmd.arg(bytes),
            };
        }
        let value: redis::Value = match cmd.query_async(&mut conn).await {
            Ok(value) => value,
            Err(err) => return Ok(Err(CommandError::from(err).into())),
        };
        Ok(results::flatten(value)
            .map(|list| list.into_iter().map(Into::into).collect())
            .map_err(Into::into))
    }

    async fn drop(&mut self, connection: Resource<OpenConnection>) -> wasmtime::Result<()> {
        self.table.delete(connection)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    //! Each command against the real Redis at TEST_REDIS_URL (default 127.0.0.1:6379);
    //! these fail, not skip, when it is unreachable.
    use super::*;
    use crate::RedisFactor;
    use wit::HostConnection as _;

    fn redis_url() -> String {
        std::env::var("TEST_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into())
    }

    fn prefix(test: &str) -> String {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        format!("outbound-test:{test}:{}:{nanos}:", std::process::id())
    }

    fn allow_all() -> AddressCheck {
        Arc::new(|_| true)
    }

    async fn connect(state: &mut RedisInstanceState) -> Resource<OpenConnection> {
        let opened = state.open(redis_url()).await.expect("no trap");
        opened.unwrap_or_else(|e| panic!("Redis at {} is unreachable: {e:?}", redis_url()))
    }

    fn borrow(conn: &Resource<OpenConnection>) -> Resource<OpenConnection> {
        Resource::new_borrow(conn.rep())
    }

    #[tokio::test]
    async fn get_set_incr_del() {
        let factor = RedisFactor::new();
        let mut state = factor.instance_state("test", allow_all());
        let conn = connect(&mut state).await;
        let p = prefix("kv");
        let (k, n) = (format!("{p}k"), format!("{p}n"));

        assert_eq!(
            state.get(borrow(&conn), k.clone()).await.unwrap().unwrap(),
            None
        );
        let bytes: Vec<u8> = (0..=255).collect();
        state
            .set(borrow(&conn), k.clone(), bytes.clone())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            state.get(borrow(&conn), k.clone()).await.unwrap().unwrap(),
            Some(bytes)
        );

        assert_eq!(
            state.incr(borrow(&conn), n.clone()).await.unwrap().unwrap(),
            1
        );
        assert_eq!(
            state.incr(borrow(&conn), n.clone()).await.unwrap().unwrap(),
            2
        );
        // `k` holds binary data that isn't an integer.
        let not_int = state.incr(borrow(&conn), k.clone()).await.unwrap();
        assert!(matches!(not_int, Err(wit::Error::TypeError)), "{not_int:?}");

        let deleted = state
            .del(
                borrow(&conn),
                vec![k.clone(), n.clone(), format!("{p}absent")],
            )
            .await
            .unwrap()
            .unwrap();
        assert_eq!(deleted, 2);
        assert_eq!(state.del(borrow(&conn), vec![]).await.unwrap().unwrap(), 0);
        state.drop(conn).await.unwrap();
    }

    #[tokio::test]
    async fn set_commands_and_wrong_type() {
        let factor = RedisFactor::new();
        let mut state = factor.instance_state("test", allow_all());
        let conn = connect(&mut state).await;
        let p = prefix("sets");
        let set = format!("{p}set");
        let strings = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();

        let added = state
            .sadd(borrow(&conn), set.clone(), strings(&["a", "b", "a", "c"]))
            .await;
        assert_eq!(added.unwrap().unwrap(), 3);
        let mut members = state
            .smembers(borrow(&conn), set.clone())
            .await
            .unwrap()
            .unwrap();
        members.sort();
        assert_eq!(members, strings(&["a", "b", "c"]));
        let removed = state
            .srem(borrow(&conn), set.clone(), strings(&["a", "zz"]))
            .await;
        assert_eq!(removed.unwrap().unwrap(), 1);
        assert_eq!(
            state
                .smembers(borrow(&conn), format!("{p}none"))
                .await
                .unwrap()
                .unwrap(),
            Vec::<String>::new()
        );

        // GET on a set is WRONGTYPE.
        let wrong = state.get(borrow(&conn), set.clone()).await.unwrap();
        assert!(matches!(wrong, Err(wit::Error::TypeError)), "{wrong:?}");
        state.del(borrow(&conn), vec![set]).await.unwrap().unwrap();
    }

    #[tokio::test]
    async fn execute_maps_arguments_and_flattens_nested_results() {
        let factor = RedisFactor::new();
        let mut state = factor.instance_state("test", allow_all());
        let conn = connect(&mut state).await;
        let p = prefix("exec");
        let key = format!("{p}list");
        let bin = |s: &str| wit::RedisParameter::Binary(s.as_bytes().to_vec());

        // Int and binary arguments; an integer reply.
        let pushed = state
            .execute(
                borrow(&conn),
                "RPUSH".into(),
                vec![
                    bin(&key),
                    wit::RedisParameter::Int64(42),
                    wit::RedisParameter::Binary(vec![0, 255]),
                ],
            )
            .await
            .unwrap()
            .unwrap();
        assert!(matches!(pushed[..], [wit::RedisResult::Int64(2)]));

        // An array reply flattens into its elements; ints come back as Redis stores them.
        let range = state
            .execute(
                borrow(&conn),
                "LRANGE".into(),
                vec![
                    bin(&key),
                    wit::RedisParameter::Int64(0),
                    wit::RedisParameter::Int64(-1),
                ],
            )
            .await
            .unwrap()
            .unwrap();
        assert!(
            matches!(&range[..], [wit::RedisResult::Binary(a), wit::RedisResult::Binary(b)] if a == b"42" && b == &[0, 255])
        );

        // Status replies.
        let status = state
            .execute(
                borrow(&conn),
                "SET".into(),
                vec![bin(&format!("{p}s")), bin("v")],
            )
            .await
            .unwrap()
            .unwrap();
        assert!(matches!(&status[..], [wit::RedisResult::Status(s)] if s == "OK"));

        // A nested reply (EVAL returning a table inside a table) with a nil hole.
        let nested = state
            .execute(
                borrow(&conn),
                "EVAL".into(),
                vec![
                    bin("return {1, {'x', {2}}, ARGV[1]}"),
                    wit::RedisParameter::Int64(0),
                    bin("y"),
                ],
            )
            .await
            .unwrap()
            .unwrap();
        assert!(
            matches!(
                &nested[..],
                [
                    wit::RedisResult::Int64(1),
                    wit::RedisResult::Binary(x),
                    wit::RedisResult::Int64(2),
                    wit::RedisResult::Binary(y),
                ] if x == b"x" && y == b"y"
            ),
            "{nested:?}"
        );
        let nil = state
            .execute(
                borrow(&conn),
                "GET".into(),
                vec![bin(&format!("{p}missing"))],
            )
            .await
            .unwrap()
            .unwrap();
        assert!(matches!(nil[..], [wit::RedisResult::Nil]));

        // Server errors are error values.
        let unknown = state
            .execute(borrow(&conn), "NOSUCHCOMMAND".into(), vec![])
            .await
            .unwrap();
        assert!(matches!(unknown, Err(wit::Error::Other(_))), "{unknown:?}");

        state
            .del(borrow(&conn), vec![key, format!("{p}s")])
            .await
            .unwrap()
            .unwrap();
    }

    #[tokio::test]
    async fn publish_reaches_a_subscriber() {
        let factor = RedisFactor::new();
        let mut state = factor.instance_state("test", allow_all());
        let conn = connect(&mut state).await;
        let channel = prefix("pubsub");

        let client = redis::Client::open(redis_url()).unwrap();
        let mut pubsub = client
            .get_async_pubsub()
            .await
            .expect("subscriber connects");
        pubsub.subscribe(&channel).await.unwrap();
        state
            .publish(borrow(&conn), channel.clone(), b"hello".to_vec())
            .await
            .unwrap()
            .unwrap();
        use futures_util::StreamExt as _;
        let message = tokio::time::timeout(
            std::time::Duration::from_secs(5),
            pubsub.on_message().next(),
        )
        .await
        .expect("message arrives")
        .expect("stream open");
        assert_eq!(message.get_payload_bytes(), b"hello");
    }

    #[tokio::test]
    async fn denied_and_malformed_addresses_are_invalid_address() {
        let factor = RedisFactor::new();
        let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
        let recorder = seen.clone();
        let check: AddressCheck = Arc::new(move |url| {
            recorder.lock().unwrap().push(url.to_string());
            url.port() == Some(6379)
        });
        let mut state = factor.instance_state("guarded", check);

        let denied = state
            .open("redis://:secret@127.0.0.1:6380".into())
            .await
            .unwrap();
        assert!(matches!(denied, Err(wit::Error::InvalidAddress)));
        let malformed = state.open("127.0.0.1:6379".into()).await.unwrap();
        assert!(matches!(malformed, Err(wit::Error::InvalidAddress)));
        // The check saw the parsed URL of the well-formed address only.
        assert_eq!(seen.lock().unwrap().len(), 1);

        // Allowed but nothing listening: a connection error, not a trap.
        let unreachable = RedisFactor::new()
            .instance_state("c", allow_all())
            .open("redis://127.0.0.1:1".into())
            .await
            .unwrap();
        assert!(
            matches!(unreachable, Err(wit::Error::Other(_))),
            "{unreachable:?}"
        );
    }

    #[tokio::test]
    async fn connections_are_pooled_per_address_and_capped_per_request() {
        let factor = RedisFactor::new();
        let mut state = factor.instance_state("test", allow_all());
        let mut open = Vec::new();
        for _ in 0..MAX_CONNECTIONS_PER_REQUEST {
            open.push(connect(&mut state).await);
        }
        let over = state.open(redis_url()).await.unwrap();
        assert!(matches!(over, Err(wit::Error::TooManyConnections)));
        assert_eq!(factor.pool.managers.lock().unwrap().len(), 1);
        for conn in open {
            state.drop(conn).await.unwrap();
        }
        assert!(state.open(redis_url()).await.unwrap().is_ok());
    }

    #[test]
    fn denial_log_line_is_json_without_credentials() {
        let url = address::parse("redis://user:hunter2@10.1.2.3:6380/1").unwrap();
        let line = denial_log_line("comp\"1", &url);
        assert!(
            !line.contains("hunter2") && !line.contains("user"),
            "{line}"
        );
        let parsed: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(
            parsed,
            serde_json::json!({
                "level": "warn",
                "event": "outbound_denied",
                "component": "comp\"1",
                "address": "redis://10.1.2.3:6380",
            })
        );
    }

    #[tokio::test]
    async fn registers_in_a_linker() {
        let engine = wasmtime::Engine::new(&wasmtime::Config::new()).unwrap();
        let mut linker = wasmtime::component::Linker::<RedisInstanceState>::new(&engine);
        crate::add_to_linker(&mut linker, |state| state).expect("links");
    }
}
