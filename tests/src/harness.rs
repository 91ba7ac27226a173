//! Starts the real host binary on a generated `spin.toml` and talks HTTP to it.
//!
//! Nothing here skips: a missing binary, component or backing service is a test failure with
//! a message saying what to do, because a silently skipped end-to-end test looks exactly like
//! a passing one.

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpStream as StdTcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, HeaderValue, Request};
use http_body_util::{BodyExt, Full};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader};
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::process::{Child, Command};

/// How long the host may take to print `Serving http://...` (the first start compiles the
/// components, which takes a while on a busy 2-core machine).
const START_TIMEOUT: Duration = Duration::from_secs(60);
/// Upper bound for one request; generous because the limits tests deliberately run slow guests.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

const MISSING_BUILD_HINT: &str = "run scripts/test (or build the components) first";

// ---------------------------------------------------------------------------------------------
// Paths

/// The cargo workspace root (the parent of this crate).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the e2e crate lives inside the workspace")
        .to_path_buf()
}

/// The host binary: `$HOST_BIN`, or `target/debug/host`.
pub fn host_binary() -> PathBuf {
    let path = std::env::var_os("HOST_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target/debug/host"));
    assert!(
        path.is_file(),
        "host binary {} not found: {MISSING_BUILD_HINT} (`cargo build -p host`)",
        path.display()
    );
    path
}

/// `target/wasm32-wasip2/release/<name>.wasm`, which must exist.
pub fn component_wasm(name: &str) -> PathBuf {
    let path = workspace_root()
        .join("target/wasm32-wasip2/release")
        .join(format!("{name}.wasm"));
    assert!(
        path.is_file(),
        "component {} not found: {MISSING_BUILD_HINT} \
         (`cargo build --target wasm32-wasip2 --release -p {name}`)",
        path.display()
    );
    path
}

/// A name no other test (or earlier run) uses: for tables, key prefixes, markers.
pub fn unique_name(prefix: &str) -> String {
    let id = uuid::Uuid::new_v4().simple().to_string();
    format!("{prefix}_{}", &id[..12])
}

// ---------------------------------------------------------------------------------------------
// Backing services

/// `$TEST_POSTGRES_URL` (default `postgres://postgres@127.0.0.1:5432/postgres`); panics if
/// nothing listens there.
pub fn postgres_url() -> String {
    let url = std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    let stream = connect_to_service(&url, 5432, "TEST_POSTGRES_URL");
    drop(stream);
    url
}

/// `$TEST_REDIS_URL` (default `redis://127.0.0.1:6379`); panics unless it answers `PING`.
pub fn redis_url() -> String {
    use std::io::{Read, Write};

    let url =
        std::env::var("TEST_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".to_owned());
    let mut stream = connect_to_service(&url, 6379, "TEST_REDIS_URL");
    let mut reply = [0u8; 5];
    let answered = stream
        .write_all(b"PING\r\n")
        .and_then(|()| stream.read_exact(&mut reply));
    assert!(
        answered.is_ok() && &reply == b"+PONG",
        "Redis at {url} (TEST_REDIS_URL) did not answer PING: {answered:?} {:?}",
        String::from_utf8_lossy(&reply)
    );
    url
}

/// Runs one Redis command over a fresh connection (RESP) and returns the raw first reply
/// line, e.g. `+OK` or `:1`; for setting up and cleaning behind the host's back.
pub fn redis_command(url: &str, args: &[&str]) -> String {
    use std::io::{BufRead, BufReader as StdBufReader, Write};

    let mut stream = connect_to_service(url, 6379, "TEST_REDIS_URL");
    let mut command = format!("*{}\r\n", args.len()).into_bytes();
    for arg in args {
        command.extend_from_slice(format!("${}\r\n{arg}\r\n", arg.len()).as_bytes());
    }
    stream
        .write_all(&command)
        .unwrap_or_else(|e| panic!("sending {args:?} to Redis at {url}: {e}"));
    let mut reply = String::new();
    StdBufReader::new(stream)
        .read_line(&mut reply)
        .unwrap_or_else(|e| panic!("reading the reply to {args:?} from Redis at {url}: {e}"));
    assert!(!reply.starts_with('-'), "Redis refused {args:?}: {reply}");
    reply.trim_end().to_owned()
}

/// `host:port` of a service URL, as `allowed_outbound_hosts` wants it (`redis://host:port`).
pub fn service_authority(url: &str, default_port: u16) -> String {
    let parsed = url::Url::parse(url).unwrap_or_else(|e| panic!("bad service URL {url}: {e}"));
    let host = parsed
        .host_str()
        .unwrap_or_else(|| panic!("service URL {url} has no host"));
    format!("{host}:{}", parsed.port().unwrap_or(default_port))
}

fn connect_to_service(url: &str, default_port: u16, env_name: &str) -> StdTcpStream {
    let authority = service_authority(url, default_port);
    let addrs: Vec<SocketAddr> = authority
        .to_socket_addrs()
        .unwrap_or_else(|e| panic!("cannot resolve {authority} from {env_name}={url}: {e}"))
        .collect();
    let mut last_error = None;
    for addr in addrs {
        match StdTcpStream::connect_timeout(&addr, Duration::from_secs(5)) {
            Ok(stream) => {
                // The PING read must not hang a test forever.
                let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                return stream;
            }
            Err(e) => last_error = Some(e),
        }
    }
    panic!("{env_name}={url} is unreachable ({last_error:?}); the end-to-end tests need it running")
}

// ---------------------------------------------------------------------------------------------
// Manifest description

/// One `[component.<id>]` plus its `[[trigger.http]]` entries.
#[derive(Clone, Debug)]
pub struct Component {
    id: String,
    source: PathBuf,
    routes: Vec<Route>,
    key_value_stores: Vec<String>,
    sqlite_databases: Vec<String>,
    allowed_outbound_hosts: Vec<String>,
    variables: BTreeMap<String, String>,
    dependencies: BTreeMap<String, PathBuf>,
    inherit_configuration: Option<bool>,
    ai_models: Vec<String>,
}

#[derive(Clone, Debug)]
enum Route {
    Path(String),
    Private,
}

impl Component {
    pub fn new(id: &str, source: impl Into<PathBuf>) -> Self {
        Self {
            id: id.to_owned(),
            source: source.into(),
            routes: Vec::new(),
            key_value_stores: Vec::new(),
            sqlite_databases: Vec::new(),
            allowed_outbound_hosts: Vec::new(),
            variables: BTreeMap::new(),
            dependencies: BTreeMap::new(),
            inherit_configuration: None,
            ai_models: Vec::new(),
        }
    }

    /// The stores every function declares in spin.toml: the `default` key-value store and
    /// SQLite database, and PostgreSQL and Redis at the hosts the application variables
    /// `postgres_host` and `redis_host` name (see [`TestAppBuilder::app_variables`]).
    pub fn with_app_stores(self) -> Self {
        self.key_value_store("default")
            .sqlite_database("default")
            .allowed_outbound_host("postgres://{{ postgres_host }}")
            .allowed_outbound_host("redis://{{ redis_host }}")
    }

    /// Composes the identity verifier (auth-identity) as spin.toml does: it inherits this
    /// component's stores and is passed the variables it reads.
    pub fn with_identity(mut self) -> Self {
        for name in IDENTITY_VARIABLES {
            self = self.variable(name, &format!("{{{{ {name} }}}}"));
        }
        self.inherit_configuration(true)
            .dependency(IDENTITY_INTERFACE, component_wasm("auth_identity"))
    }

    /// `ai_models = [...]`: the models the host's `fermyon:spin/llm` lets this component use.
    pub fn ai_model(mut self, model: &str) -> Self {
        self.ai_models.push(model.to_owned());
        self
    }

    /// Satisfies the import `name` (`ns:pkg/iface@ver` or `ns:pkg@ver`) with another
    /// component, composed by the host at load time (`[component.x.dependencies]`).
    pub fn dependency(mut self, name: &str, source: impl Into<PathBuf>) -> Self {
        self.dependencies.insert(name.to_owned(), source.into());
        self
    }

    /// `dependencies_inherit_configuration`.
    pub fn inherit_configuration(mut self, inherit: bool) -> Self {
        self.inherit_configuration = Some(inherit);
        self
    }

    /// The auth component as spin.toml declares it: its routes, the app's stores and its own
    /// identity verifier.
    pub fn auth() -> Self {
        Self::new("auth", component_wasm("auth"))
            .route("/api/v1/auth/...")
            .route("/api/v1/tenants")
            .route("/api/v1/tenants/...")
            .route("/.well-known/jwks.json")
            .with_app_stores()
            .with_identity()
    }

    /// The retrieval component as spin.toml declares it (the model name is spin.toml's too).
    pub fn retrieval() -> Self {
        Self::new("retrieval", component_wasm("retrieval"))
            .route("/api/v1/kb/...")
            .with_app_stores()
            .with_identity()
            .ai_model("all-minilm-l6-v2")
    }

    /// The probe component, with a `label` variable equal to `id` so responses say which
    /// component answered.
    pub fn probe(id: &str) -> Self {
        Self::new(id, component_wasm("probe")).variable("label", id)
    }

    pub fn route(mut self, route: &str) -> Self {
        self.routes.push(Route::Path(route.to_owned()));
        self
    }

    /// `route = { private = true }`: reachable only from other components, never over HTTP.
    pub fn private_route(mut self) -> Self {
        self.routes.push(Route::Private);
        self
    }

    pub fn key_value_store(mut self, label: &str) -> Self {
        self.key_value_stores.push(label.to_owned());
        self
    }

    pub fn sqlite_database(mut self, label: &str) -> Self {
        self.sqlite_databases.push(label.to_owned());
        self
    }

    pub fn allowed_outbound_host(mut self, host: &str) -> Self {
        self.allowed_outbound_hosts.push(host.to_owned());
        self
    }

    /// `[component.<id>.variables] name = "template"`.
    pub fn variable(mut self, name: &str, template: &str) -> Self {
        self.variables.insert(name.to_owned(), template.to_owned());
        self
    }
}

/// An application-level `[variables]` entry.
#[derive(Clone, Debug)]
pub enum Variable {
    Default(String),
    Required,
}

// ---------------------------------------------------------------------------------------------
// Builder

pub struct TestAppBuilder {
    app_name: String,
    app_version: String,
    components: Vec<Component>,
    variables: BTreeMap<String, Variable>,
    existing_manifest: Option<PathBuf>,
    runtime_config: Option<String>,
    env: Vec<(String, String)>,
    host_args: Vec<String>,
}

impl TestAppBuilder {
    pub fn app_name(mut self, name: &str) -> Self {
        self.app_name = name.to_owned();
        self
    }

    pub fn app_version(mut self, version: &str) -> Self {
        self.app_version = version.to_owned();
        self
    }

    pub fn component(mut self, component: Component) -> Self {
        self.components.push(component);
        self
    }

    pub fn variable(mut self, name: &str, variable: Variable) -> Self {
        self.variables.insert(name.to_owned(), variable);
        self
    }

    /// The application variables that [`Component::with_app_stores`] and
    /// [`Component::with_identity`] read: the standard local PostgreSQL and Redis ports
    /// (allowed, not used unless a URL variable is set) and the identity settings unset.
    pub fn app_variables(mut self) -> Self {
        for name in IDENTITY_VARIABLES {
            self = self.variable(name, Variable::Default(String::new()));
        }
        self.variable("postgres_host", Variable::Default("127.0.0.1:5432".into()))
            .variable("redis_host", Variable::Default("127.0.0.1:6379".into()))
    }

    /// Run this manifest file as is (e.g. the repo's `spin.toml`) instead of a generated one;
    /// the components added with [`Self::component`] are then ignored.
    pub fn existing_manifest(mut self, path: impl Into<PathBuf>) -> Self {
        self.existing_manifest = Some(path.into());
        self
    }

    /// Contents of `runtime-config.toml`, passed with `--runtime-config-file`.
    pub fn runtime_config(mut self, toml_text: &str) -> Self {
        self.runtime_config = Some(toml_text.to_owned());
        self
    }

    pub fn env(mut self, name: &str, value: &str) -> Self {
        self.env.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Points the app's `postgres_url`/`postgres_host` at a fresh, empty PostgreSQL database
    /// (`{db_prefix}_{random}` on `$TEST_POSTGRES_URL`) and `redis_url`/`redis_host` at
    /// `$TEST_REDIS_URL`, through `SPIN_VARIABLE_*`; panics when either is not running.
    pub fn on_fresh_services(self, db_prefix: &str) -> Self {
        postgres_url();
        let prefix = db_prefix.to_owned();
        // The synchronous client runs its own runtime, which cannot nest in a test's.
        let postgres = std::thread::spawn(move || {
            storage::native::test_services::fresh_postgres_database(&prefix)
        })
        .join()
        .expect("creating a fresh PostgreSQL database");
        let redis = redis_url();
        self.env("SPIN_VARIABLE_POSTGRES_URL", &postgres)
            .env(
                "SPIN_VARIABLE_POSTGRES_HOST",
                &service_authority(&postgres, 5432),
            )
            .env("SPIN_VARIABLE_REDIS_URL", &redis)
            .env("SPIN_VARIABLE_REDIS_HOST", &service_authority(&redis, 6379))
    }

    /// Extra command-line arguments for the host, e.g. `["--timeout-secs", "2"]`.
    pub fn host_args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.host_args.extend(args.into_iter().map(Into::into));
        self
    }

    /// The manifest text this builder generates (for a test to inspect).
    pub fn manifest_text(&self) -> String {
        let mut root = toml::Table::new();
        root.insert("spin_manifest_version".into(), 2.into());

        let mut application = toml::Table::new();
        application.insert("name".into(), self.app_name.clone().into());
        application.insert("version".into(), self.app_version.clone().into());
        root.insert("application".into(), application.into());

        if !self.variables.is_empty() {
            let mut variables = toml::Table::new();
            for (name, variable) in &self.variables {
                let mut entry = toml::Table::new();
                match variable {
                    Variable::Default(value) => {
                        entry.insert("default".into(), value.clone().into())
                    }
                    Variable::Required => entry.insert("required".into(), true.into()),
                };
                variables.insert(name.clone(), entry.into());
            }
            root.insert("variables".into(), variables.into());
        }

        let mut triggers = Vec::new();
        let mut components = toml::Table::new();
        for component in &self.components {
            for route in &component.routes {
                let mut trigger = toml::Table::new();
                let route_value: toml::Value = match route {
                    Route::Path(path) => path.clone().into(),
                    Route::Private => {
                        let mut private = toml::Table::new();
                        private.insert("private".into(), true.into());
                        private.into()
                    }
                };
                trigger.insert("route".into(), route_value);
                trigger.insert("component".into(), component.id.clone().into());
                triggers.push(toml::Value::Table(trigger));
            }

            let mut table = toml::Table::new();
            table.insert(
                "source".into(),
                component.source.to_string_lossy().into_owned().into(),
            );
            let lists = [
                ("key_value_stores", &component.key_value_stores),
                ("sqlite_databases", &component.sqlite_databases),
                ("allowed_outbound_hosts", &component.allowed_outbound_hosts),
                ("ai_models", &component.ai_models),
            ];
            for (key, list) in lists {
                if !list.is_empty() {
                    table.insert(key.into(), list.clone().into());
                }
            }
            if let Some(inherit) = component.inherit_configuration {
                table.insert("dependencies_inherit_configuration".into(), inherit.into());
            }
            if !component.dependencies.is_empty() {
                let dependencies: toml::Table = component
                    .dependencies
                    .iter()
                    .map(|(name, source)| {
                        let mut dep = toml::Table::new();
                        dep.insert("path".into(), source.to_string_lossy().into_owned().into());
                        (name.clone(), dep.into())
                    })
                    .collect();
                table.insert("dependencies".into(), dependencies.into());
            }
            if !component.variables.is_empty() {
                let variables: toml::Table = component
                    .variables
                    .iter()
                    .map(|(name, template)| (name.clone(), template.clone().into()))
                    .collect();
                table.insert("variables".into(), variables.into());
            }
            components.insert(component.id.clone(), table.into());
        }
        let mut trigger = toml::Table::new();
        trigger.insert("http".into(), toml::Value::Array(triggers));
        root.insert("trigger".into(), trigger.into());
        root.insert("component".into(), components.into());

        toml::to_string(&root).expect("a toml::Table always serializes")
    }

    /// Starts the host and waits until it serves; panics (with the host's stderr) otherwise.
    pub async fn start(self) -> TestApp {
        let dir = TempDir::new();
        let mut child = self.spawn(&dir);
        let stderr = OutputLines::capture(child.stderr.take());
        let stdout_pipe = child.stdout.take().expect("stdout is piped");
        let mut stdout_reader = BufReader::new(stdout_pipe).lines();
        let stdout = OutputLines::default();

        let serving = tokio::time::timeout(START_TIMEOUT, async {
            while let Ok(Some(line)) = stdout_reader.next_line().await {
                stdout.push(line.clone());
                if let Some(url) = line.trim().strip_prefix("Serving ") {
                    return Some(url.trim_end_matches('/').to_owned());
                }
            }
            None
        })
        .await;

        let base_url = match serving {
            Ok(Some(url)) => url,
            outcome => {
                let reason = if outcome.is_err() {
                    let _ = child.start_kill();
                    format!("did not print `Serving http://...` within {START_TIMEOUT:?}")
                } else {
                    let status = child.wait().await;
                    format!("exited before serving ({status:?})")
                };
                // Let the stderr reader drain what the process wrote before dying.
                tokio::time::sleep(Duration::from_millis(300)).await;
                panic!(
                    "host {reason}\n--- stdout ---\n{}\n--- stderr ---\n{}\n--- manifest ---\n{}",
                    stdout.joined(),
                    stderr.joined(),
                    std::fs::read_to_string(dir.path().join("spin.toml")).unwrap_or_default()
                );
            }
        };
        let addr: SocketAddr = base_url
            .strip_prefix("http://")
            .and_then(|authority| authority.parse().ok())
            .unwrap_or_else(|| panic!("cannot parse the address in `Serving {base_url}`"));

        // The route listing (and anything unexpected) keeps being recorded.
        let background_stdout = stdout.clone();
        tokio::spawn(async move {
            while let Ok(Some(line)) = stdout_reader.next_line().await {
                background_stdout.push(line);
            }
        });

        TestApp {
            child,
            base_url,
            addr,
            stdout,
            stderr,
            dir,
        }
    }

    /// Starts the host expecting it to exit with an error before serving.
    pub async fn start_expecting_failure(self) -> StartFailure {
        let dir = TempDir::new();
        let mut child = self.spawn(&dir);
        let stdout = OutputLines::capture(child.stdout.take());
        let stderr = OutputLines::capture(child.stderr.take());
        let status = match tokio::time::timeout(START_TIMEOUT, child.wait()).await {
            Ok(status) => status.expect("waiting for the host process"),
            Err(_) => {
                let _ = child.start_kill();
                panic!(
                    "host was expected to fail at start but still runs after {START_TIMEOUT:?}\n\
                     --- stdout ---\n{}\n--- stderr ---\n{}",
                    stdout.joined(),
                    stderr.joined()
                );
            }
        };
        // The pipes close with the process; give the readers a moment to finish.
        tokio::time::sleep(Duration::from_millis(200)).await;
        StartFailure {
            status,
            stdout: stdout.joined(),
            stderr: stderr.joined(),
        }
    }

    fn spawn(&self, dir: &TempDir) -> Child {
        let manifest_path = match &self.existing_manifest {
            Some(path) => path.clone(),
            None => {
                let path = dir.path().join("spin.toml");
                std::fs::write(&path, self.manifest_text()).expect("writing spin.toml");
                path
            }
        };
        let mut command = Command::new(host_binary());
        command
            .arg("--manifest")
            .arg(&manifest_path)
            .arg("--listen")
            .arg("127.0.0.1:0")
            .arg("--state-dir")
            .arg(dir.path().join("state"))
            // Shared across tests: each component compiles once per run, not once per test.
            .arg("--cache-dir")
            .arg(workspace_root().join("target").join("e2e-component-cache"));
        if let Some(runtime_config) = &self.runtime_config {
            let path = dir.path().join("runtime-config.toml");
            std::fs::write(&path, runtime_config).expect("writing runtime-config.toml");
            command.arg("--runtime-config-file").arg(path);
        }
        command.args(&self.host_args);
        // Hermetic: only the variables this test sets reach the host.
        for (name, _) in std::env::vars_os() {
            let is_spin_variable = name
                .to_str()
                .is_some_and(|name| name.starts_with("SPIN_VARIABLE_") || name == "HOST_LISTEN");
            if is_spin_variable {
                command.env_remove(&name);
            }
        }
        command.envs(self.env.iter().map(|(k, v)| (k, v)));
        command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        command
            .spawn()
            .unwrap_or_else(|e| panic!("cannot spawn {}: {e}", host_binary().display()))
    }
}

/// How a host that was expected not to start ended.
#[derive(Debug)]
pub struct StartFailure {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

// ---------------------------------------------------------------------------------------------
// The running app

/// A running host process; killed on drop.
pub struct TestApp {
    child: Child,
    base_url: String,
    addr: SocketAddr,
    stdout: OutputLines,
    stderr: OutputLines,
    dir: TempDir,
}

impl TestApp {
    pub fn builder() -> TestAppBuilder {
        TestAppBuilder {
            app_name: "e2e-app".to_owned(),
            app_version: "0.0.1".to_owned(),
            components: Vec::new(),
            variables: BTreeMap::new(),
            existing_manifest: None,
            runtime_config: None,
            env: Vec::new(),
            host_args: Vec::new(),
        }
    }

    /// `http://127.0.0.1:PORT<path>`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The host's state directory (SQLite files, caches).
    pub fn state_dir(&self) -> PathBuf {
        self.dir.path().join("state")
    }

    pub async fn get(&self, path_and_query: &str) -> TestResponse {
        self.send(request("GET", path_and_query, Bytes::new()))
            .await
    }

    pub async fn post(&self, path_and_query: &str, body: impl Into<Bytes>) -> TestResponse {
        self.send(request("POST", path_and_query, body.into()))
            .await
    }

    /// Sends `request` (URI = path and query) on a fresh connection; panics on transport
    /// errors or after [`REQUEST_TIMEOUT`].
    pub async fn send(&self, request: Request<Bytes>) -> TestResponse {
        match self.try_send(request).await {
            Ok(response) => response,
            Err(error) => panic!(
                "request to the host failed: {error:#}\n--- host stderr ---\n{}",
                self.stderr.joined()
            ),
        }
    }

    /// Like [`Self::send`] but returns transport errors (e.g. the host closed the connection).
    pub async fn try_send(&self, request: Request<Bytes>) -> anyhow::Result<TestResponse> {
        send_http1(self.addr, request).await
    }

    /// A `'static` handle for sending requests from spawned tasks.
    pub fn client(&self) -> HttpClient {
        HttpClient {
            addr: self.addr,
            stderr: self.stderr.clone(),
        }
    }

    /// Lines the host wrote to stdout so far (`Serving ...`, the route listing).
    pub fn stdout_lines(&self) -> Vec<String> {
        self.stdout.snapshot()
    }

    /// Lines the host wrote to stderr so far (request logs, component output).
    pub fn stderr_lines(&self) -> Vec<String> {
        self.stderr.snapshot()
    }

    /// Waits (up to `timeout`) for a stderr line containing `needle`.
    pub async fn wait_for_stderr(&self, needle: &str, timeout: Duration) -> Option<String> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            if let Some(line) = self
                .stderr
                .snapshot()
                .into_iter()
                .find(|l| l.contains(needle))
            {
                return Some(line);
            }
            if tokio::time::Instant::now() >= deadline {
                return None;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Whether the host process is still alive.
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Sends SIGTERM and waits for the process to exit.
    pub async fn terminate(mut self) -> ExitStatus {
        if let Some(pid) = self.child.id() {
            let signalled = std::process::Command::new("kill")
                .args(["-TERM", &pid.to_string()])
                .status();
            assert!(
                signalled.is_ok_and(|s| s.success()),
                "could not send SIGTERM to the host"
            );
        }
        match tokio::time::timeout(Duration::from_secs(30), self.child.wait()).await {
            Ok(status) => status.expect("waiting for the host process"),
            Err(_) => panic!("host did not exit within 30 s of SIGTERM"),
        }
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
        if std::thread::panicking() {
            eprintln!(
                "--- host stderr (test failed; state kept in {}) ---\n{}",
                self.dir.path().display(),
                self.stderr.joined()
            );
            self.dir.keep();
        }
    }
}

/// Sends requests to a running host; cheap to clone into spawned tasks.
#[derive(Clone)]
pub struct HttpClient {
    addr: SocketAddr,
    stderr: OutputLines,
}

impl HttpClient {
    pub async fn get(&self, path_and_query: &str) -> TestResponse {
        self.send(request("GET", path_and_query, Bytes::new()))
            .await
    }

    pub async fn send(&self, request: Request<Bytes>) -> TestResponse {
        match send_http1(self.addr, request).await {
            Ok(response) => response,
            Err(error) => panic!(
                "request to the host failed: {error:#}\n--- host stderr ---\n{}",
                self.stderr.joined()
            ),
        }
    }
}

/// Where the host finds all-minilm-l6-v2: `HOST_EMBEDDING_MODEL_DIR` as scripts/test sets it
/// (`ensure_embedding_model`), else the directory that function installs into.
pub fn embedding_model_dir() -> String {
    std::env::var("HOST_EMBEDDING_MODEL_DIR").unwrap_or_else(|_| {
        workspace_root()
            .join("target/embedding-model/all-minilm-l6-v2")
            .to_string_lossy()
            .into_owned()
    })
}

/// The identity interface auth exports and every authenticated function composes.
pub const IDENTITY_INTERFACE: &str = "english:assistant/identity@0.1.0";

/// The variables the composed identity verifier reads, which a component composing it
/// must therefore pass through.
pub const IDENTITY_VARIABLES: &[&str] = &[
    "environment",
    "auth_signing_keys",
    "auth_public_keys",
    "auth_operator_key",
    "auth_self_signup",
    "auth_rate_limit_per_minute",
    "auth_tenant_rate_limit_per_minute",
    "auth_lockout_secs",
    "auth_clock_offset_secs",
    "postgres_url",
    "redis_url",
];

/// A JSON API request (`content-type: application/json`), with a bearer token when given.
pub fn json_request(
    method: &str,
    path_and_query: &str,
    token: Option<&str>,
    body: Option<serde_json::Value>,
) -> Request<Bytes> {
    let bytes = body.map_or_else(Bytes::new, |b| Bytes::from(b.to_string()));
    let mut req = request(method, path_and_query, bytes);
    req.headers_mut()
        .insert("content-type", HeaderValue::from_static("application/json"));
    with_bearer(req, token)
}

/// Adds `Authorization: Bearer <token>` when a token is given.
pub fn with_bearer(mut req: Request<Bytes>, token: Option<&str>) -> Request<Bytes> {
    if let Some(token) = token {
        let value = HeaderValue::from_str(&format!("Bearer {token}"))
            .unwrap_or_else(|e| panic!("token is not a header value: {e}"));
        req.headers_mut().insert("authorization", value);
    }
    req
}

/// Builds a request whose URI is a path and query, as a client sends it to the host.
pub fn request(method: &str, path_and_query: &str, body: Bytes) -> Request<Bytes> {
    Request::builder()
        .method(method)
        .uri(path_and_query)
        .body(body)
        .unwrap_or_else(|e| panic!("bad test request {method} {path_and_query}: {e}"))
}

/// Sends `request` from `source` (any 127.0.0.0/8 address), so a test gets its own client
/// IP (`spin-client-addr`) for per-IP limits; panics on transport errors.
pub async fn send_from(
    addr: SocketAddr,
    source: Ipv4Addr,
    request: Request<Bytes>,
) -> TestResponse {
    send_http1_from(addr, Some(IpAddr::V4(source)), request)
        .await
        .unwrap_or_else(|e| panic!("request from {source} to the host failed: {e:#}"))
}

/// A random loopback address other than 127.0.0.1, for [`send_from`].
pub fn random_loopback() -> Ipv4Addr {
    let b = uuid::Uuid::new_v4().into_bytes();
    Ipv4Addr::new(127, b[0].max(1), b[1], b[2].max(2))
}

/// For fixed-window rate limits: start well inside a minute so a burst is not split by a
/// rollover.
pub async fn wait_for_fresh_minute() {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    if secs % 60 > 40 {
        tokio::time::sleep(Duration::from_secs(61 - secs % 60)).await;
    }
}

async fn send_http1(addr: SocketAddr, request: Request<Bytes>) -> anyhow::Result<TestResponse> {
    send_http1_from(addr, None, request).await
}

async fn send_http1_from(
    addr: SocketAddr,
    source: Option<IpAddr>,
    mut request: Request<Bytes>,
) -> anyhow::Result<TestResponse> {
    if !request.headers().contains_key(http::header::HOST) {
        let host = HeaderValue::from_str(&addr.to_string())?;
        request.headers_mut().insert(http::header::HOST, host);
    }
    let exchange = async {
        let stream = match source {
            None => TcpStream::connect(addr).await?,
            Some(source) => {
                let socket = if source.is_ipv4() {
                    TcpSocket::new_v4()?
                } else {
                    TcpSocket::new_v6()?
                };
                socket.bind(SocketAddr::new(source, 0))?;
                socket.connect(addr).await?
            }
        };
        let (mut sender, connection) =
            hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
        tokio::spawn(connection);
        let response = sender.send_request(request.map(Full::new)).await?;
        let (parts, body) = response.into_parts();
        let body = body.collect().await?.to_bytes();
        anyhow::Ok(TestResponse {
            status: parts.status.as_u16(),
            headers: parts.headers,
            body,
        })
    };
    tokio::time::timeout(REQUEST_TIMEOUT, exchange)
        .await
        .map_err(|_| anyhow::anyhow!("no response within {REQUEST_TIMEOUT:?}"))?
}

/// A complete response.
#[derive(Debug, Clone)]
pub struct TestResponse {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl TestResponse {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body as JSON; panics with the raw body if it isn't.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "response ({}) is not JSON ({e}): {}",
                self.status,
                self.text()
            )
        })
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// Values of header `name` (case-insensitive) in a probe `echo` report, in arrival order.
pub fn echoed_header(echo: &serde_json::Value, name: &str) -> Vec<String> {
    echo["headers"]
        .as_array()
        .unwrap_or_else(|| panic!("not an echo report: {echo}"))
        .iter()
        .filter_map(|pair| {
            let header = pair.get(0)?.as_str()?;
            let value = pair.get(1)?.as_str()?;
            header.eq_ignore_ascii_case(name).then(|| value.to_owned())
        })
        .collect()
}

/// The `error` object of the host's JSON error body (`{"error":{"code","message","details"}}`);
/// panics if the body has another shape.
pub fn host_error_body(response: &TestResponse) -> serde_json::Value {
    let body = response.json();
    let error = &body["error"];
    assert!(
        error["code"].is_string() && error["message"].is_string(),
        "not the host's JSON error body ({}): {body}",
        response.status
    );
    error.clone()
}

/// Percent-encodes a query parameter value.
pub fn query_value(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

// ---------------------------------------------------------------------------------------------
// A local HTTP server for outbound tests

/// Answers every request with 200 and `hello from local server`, recording request paths.
pub struct LocalServer {
    addr: SocketAddr,
    paths: Arc<Mutex<Vec<String>>>,
    task: tokio::task::JoinHandle<()>,
}

pub const LOCAL_SERVER_BODY: &str = "hello from local server";

impl LocalServer {
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("binding a local test server");
        let addr = listener.local_addr().expect("local server address");
        let paths = Arc::new(Mutex::new(Vec::new()));
        let recorded = paths.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let recorded = recorded.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |req: Request<hyper::body::Incoming>| {
                        let recorded = recorded.clone();
                        async move {
                            let path = req
                                .uri()
                                .path_and_query()
                                .map(|p| p.to_string())
                                .unwrap_or_default();
                            lock(&recorded).push(path);
                            let response = hyper::Response::builder()
                                .status(200)
                                .header("content-type", "text/plain")
                                .body(Full::new(Bytes::from_static(LOCAL_SERVER_BODY.as_bytes())));
                            response
                        }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Self { addr, paths, task }
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT<path>`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Paths (with query) of the requests received so far.
    pub fn received_paths(&self) -> Vec<String> {
        lock(&self.paths).clone()
    }
}

impl Drop for LocalServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

// ---------------------------------------------------------------------------------------------
// Plumbing

/// Lines captured from a child's pipe by a background task.
#[derive(Clone, Default)]
struct OutputLines(Arc<Mutex<Vec<String>>>);

impl OutputLines {
    fn capture(pipe: Option<impl AsyncRead + Unpin + Send + 'static>) -> Self {
        let lines = Self::default();
        if let Some(pipe) = pipe {
            let sink = lines.clone();
            tokio::spawn(async move {
                let mut reader = BufReader::new(pipe).lines();
                while let Ok(Some(line)) = reader.next_line().await {
                    sink.push(line);
                }
            });
        }
        lines
    }

    fn push(&self, line: String) {
        lock(&self.0).push(line);
    }

    fn snapshot(&self) -> Vec<String> {
        lock(&self.0).clone()
    }

    fn joined(&self) -> String {
        self.snapshot().join("\n")
    }
}

/// A poisoned lock only means another test thread panicked mid-push; the lines are still
/// usable.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A directory under the system temp dir, removed on drop unless [`TempDir::keep`] was called.
struct TempDir {
    path: PathBuf,
    keep: bool,
}

impl TempDir {
    fn new() -> Self {
        let path = std::env::temp_dir().join(unique_name("e2e-host"));
        std::fs::create_dir_all(&path)
            .unwrap_or_else(|e| panic!("creating {}: {e}", path.display()));
        Self { path, keep: false }
    }

    fn path(&self) -> &Path {
        &self.path
    }

    fn keep(&mut self) {
        self.keep = true;
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if !self.keep {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_manifest_has_spin_shape() {
        let builder = TestApp::builder()
            .app_name("shape")
            .variable("token", Variable::Required)
            .variable("greeting", Variable::Default("hi".into()))
            .component(
                Component::new("public", "/abs/public.wasm")
                    .route("/a/...")
                    .key_value_store("default")
                    .allowed_outbound_host("http://127.0.0.1:1")
                    .variable("token", "{{ token }}"),
            )
            .component(Component::new("hidden", "/abs/hidden.wasm").private_route());
        let manifest: toml::Table = toml::from_str(&builder.manifest_text()).expect("valid TOML");

        assert_eq!(manifest["spin_manifest_version"].as_integer(), Some(2));
        assert_eq!(manifest["application"]["name"].as_str(), Some("shape"));
        assert_eq!(
            manifest["variables"]["token"]["required"].as_bool(),
            Some(true)
        );
        assert_eq!(
            manifest["variables"]["greeting"]["default"].as_str(),
            Some("hi")
        );
        let triggers = manifest["trigger"]["http"]
            .as_array()
            .expect("[[trigger.http]]");
        assert_eq!(triggers.len(), 2);
        assert_eq!(triggers[0]["route"].as_str(), Some("/a/..."));
        assert_eq!(triggers[0]["component"].as_str(), Some("public"));
        assert_eq!(triggers[1]["route"]["private"].as_bool(), Some(true));
        let public = &manifest["component"]["public"];
        assert_eq!(public["source"].as_str(), Some("/abs/public.wasm"));
        assert_eq!(public["key_value_stores"][0].as_str(), Some("default"));
        assert_eq!(public["variables"]["token"].as_str(), Some("{{ token }}"));
        assert!(manifest["component"]["hidden"].get("variables").is_none());
    }

    #[test]
    fn echoed_header_is_case_insensitive_and_keeps_duplicates() {
        let echo =
            serde_json::json!({ "headers": [["X-Dup", "1"], ["x-dup", "2"], ["other", "3"]] });
        assert_eq!(echoed_header(&echo, "x-dup"), ["1", "2"]);
        assert!(echoed_header(&echo, "missing").is_empty());
    }
}
