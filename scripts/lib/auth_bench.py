"""Auth measurements for scripts/bench, printed as a markdown table.

Access-token verification, the work every authenticated request of every function does:
  * inside a component through the WIT interface: the auth-bench guest calls
    english:assistant/identity (the composed auth-identity component) N times in one request
    and reports its own timing;
  * through HTTP: wrk on the bench guest with n=1 (one fresh instance + one verification per
    request) and on GET /api/v1/auth/me (verification + two SQL reads);
  * natively: the same verification code (auth-core's auth-verify-bench) in the same run.
Plus login throughput, which argon2id (m=19 MiB, t=2) bounds by design.
Runs on the embedded default (SQLite, built-in key-value store) on loopback, with configured
signing keys; rate limits are raised so they do not cut the runs short.
"""

import argparse
import http.client
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import free_port, parse_wrk, stop  # noqa: E402

IDENTITY = "english:assistant/identity@0.1.0"


def request(port, method, path, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(method, path, body=json.dumps(body) if body is not None else None,
                     headers={"content-type": "application/json", **(headers or {})})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def manifest(wasm_dir: Path, keys: dict) -> str:
    def q(s):
        return json.dumps(s)
    variables = {
        "auth_signing_keys": keys["auth_signing_keys"],
        "auth_public_keys": keys["auth_public_keys"],
        "auth_rate_limit_per_minute": "1000000000",
        "auth_tenant_rate_limit_per_minute": "1000000000",
    }
    lines = ['spin_manifest_version = 2', '[application]', 'name = "auth-bench"', 'version = "0.0.1"', '[variables]']
    lines += [f"{name} = {{ default = {q(value)} }}" for name, value in variables.items()]
    for route, component in [("/api/v1/auth/...", "auth"), ("/bench/...", "bench")]:
        lines += ["[[trigger.http]]", f"route = {q(route)}", f"component = {q(component)}"]
    for component, wasm, names in [
        ("auth", "auth.wasm", list(variables)),
        ("bench", "auth_bench.wasm", ["auth_public_keys"]),
    ]:
        lines += [
            f"[component.{component}]",
            f"source = {q(str(wasm_dir / wasm))}",
            'key_value_stores = ["default"]',
            'sqlite_databases = ["default"]',
            "dependencies_inherit_configuration = true",
            f"[component.{component}.variables]",
        ]
        lines += [f"{name} = {q('{{ ' + name + ' }}')}" for name in names]
        lines += [
            f"[component.{component}.dependencies]",
            f"{q(IDENTITY)} = {{ path = {q(str(wasm_dir / 'auth_identity.wasm'))} }}",
        ]
    return "\n".join(lines) + "\n"


def log_lines(path: Path) -> int:
    return len(path.read_text(errors="replace").splitlines())


def instantiate_us(path: Path, skip: int, request_path: str) -> list[int]:
    """`instantiate_us` of the host's request log lines for `request_path`, after `skip` lines."""
    values = []
    for line in path.read_text(errors="replace").splitlines()[skip:]:
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if entry.get("event") == "request" and entry.get("path") == request_path \
                and "instantiate_us" in entry:
            values.append(entry["instantiate_us"])
    return sorted(values)


def wrk(args, url, headers=(), script=None, connections=None, threads=None):
    base = [args.wrk, f"-t{threads or args.threads}", f"-c{connections or args.connections}"]
    for header in headers:
        base += ["-H", header]
    if script:
        base += ["-s", str(script)]
    subprocess.run(base + ["-d2s", url], check=True, stdout=subprocess.DEVNULL)
    output = subprocess.run(base + [f"-d{args.duration}", "--latency", url],
                            check=True, capture_output=True, text=True).stdout
    return parse_wrk(output)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", required=True)
    parser.add_argument("--wasm-dir", required=True)
    parser.add_argument("--keygen", required=True)
    parser.add_argument("--native", required=True, help="auth-verify-bench binary")
    parser.add_argument("--wrk", default="wrk")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--duration", default="10s")
    parser.add_argument("--iterations", type=int, default=5000)
    parser.add_argument("--label", default="", help="added to the table's title (e.g. before/after)")
    args = parser.parse_args()

    keys = json.loads(subprocess.run([args.keygen, "bench"], check=True, capture_output=True, text=True).stdout)
    work = Path(tempfile.mkdtemp(prefix="auth-bench-"))
    (work / "spin.toml").write_text(manifest(Path(args.wasm_dir).resolve(), keys))
    port = free_port()
    stderr = open(work / "host.stderr", "w")
    host = subprocess.Popen(
        [args.host, "--manifest", str(work / "spin.toml"), "--listen", f"127.0.0.1:{port}",
         "--state-dir", str(work / "state")],
        stdout=subprocess.DEVNULL, stderr=stderr)
    try:
        deadline = time.time() + 120
        while True:
            try:
                request(port, "GET", "/api/v1/auth/.well-known/jwks.json")
                break
            except OSError:
                if host.poll() is not None or time.time() > deadline:
                    raise RuntimeError(f"host did not start; see {work / 'host.stderr'}")
                time.sleep(0.05)
        email, password = f"bench-{int(time.time())}@example.com", "Correct1horse"
        status, body = request(port, "POST", "/api/v1/auth/register",
                               {"email": email, "password": password, "display_name": "Bench"})
        if status != 201:
            raise RuntimeError(f"register: {status} {body!r}")
        token = json.loads(body)["tokens"]["access_token"]
        auth = {"authorization": f"Bearer {token}"}

        # Warm the compiled-component cache and the instance path, then measure.
        request(port, "GET", "/bench/verify?n=10", headers=auth)
        status, body = request(port, "GET", f"/bench/verify?n={args.iterations}", headers=auth)
        if status != 200:
            raise RuntimeError(f"bench guest: {status} {body!r}")
        in_component = json.loads(body)
        # The token check alone in wasm (no WIT call, variables or denylist read); bench
        # guests older than mode=local ignore it and answer the identity figures again.
        status, body = request(port, "GET", f"/bench/verify?n={args.iterations}&mode=local",
                               headers=auth)
        local = json.loads(body) if status == 200 else {}
        status, body = request(port, "GET", f"/bench/verify?n={args.iterations}&mode=settings",
                               headers=auth)
        settings = json.loads(body) if status == 200 else {}
        native = json.loads(subprocess.run([args.native, str(args.iterations * 4)], check=True,
                                           capture_output=True, text=True).stdout)
        header = f"Authorization: Bearer {token}"
        log_mark = log_lines(work / "host.stderr")
        http_verify = wrk(args, f"http://127.0.0.1:{port}/bench/verify?n=1", [header])
        instantiate = instantiate_us(work / "host.stderr", log_mark, "/bench/verify")
        http_verify_c1 = wrk(args, f"http://127.0.0.1:{port}/bench/verify?n=1", [header],
                             connections=1, threads=1)
        http_me = wrk(args, f"http://127.0.0.1:{port}/api/v1/auth/me", [header])
        lua = work / "login.lua"
        lua.write_text('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n'
                       f"wrk.body = {json.dumps(json.dumps({'email': email, 'password': password}))}\n")
        # One login per core at a time: more only queues behind argon2 (and trips wrk's
        # 2-second timeout), it cannot add throughput.
        login = wrk(args, f"http://127.0.0.1:{port}/api/v1/auth/login", script=lua, connections=2)
    finally:
        stop(host)
        stderr.close()

    def row(what, r, unit="µs", scale=1.0):
        if not r:
            return
        cells = [f"{r[k] * scale:.0f} {unit}" if k in r else "" for k in ("p50_us", "p95_us", "p99_us")]
        print(f"| {what} | {r['per_sec']:,.0f} | " + " | ".join(cells) + " |")

    def http_row(what, w, extra=""):
        print(f"| {what} | {w.requests_per_s:,.0f} | {w.p50_ms:.2f} ms | | {w.p99_ms:.2f} ms |{extra}")

    title = "### Auth: access-token verification and login (embedded default, 2 cores)"
    print(f"{title}{' — ' + args.label if args.label else ''}\n")
    print("| what | per second | p50 | p95 | p99 |")
    print("| --- | ---: | ---: | ---: | ---: |")
    row("verify, native (auth-core, same code, 1 thread; settings parsed per call)", native["verify"])
    row("verify, native, settings parsed once (later calls in one instance)",
        native.get("verify_settings_cached"))
    row("  of which: parsing the settings (3 variables, JWKS, key decompression), native",
        native.get("settings_load"))
    row("  of which: the Ed25519 signature check alone, native", native.get("signature_only"))
    ic = in_component
    row(f"verify through WIT inside a component (n={ic['n']}, 1 instance)", ic)
    if local.get("mode") == "local":
        row(f"  token check alone in the same wasm (mode=local, no WIT/variables/denylist, n={local['n']})",
            local)
    if settings.get("mode") == "settings":
        row(f"  parsing the settings in the same wasm (mode=settings; once per instance, n={settings['n']})",
            settings)
    http_row(f"verify through HTTP (fresh instance + 1 verify per request, wrk -c{args.connections}, both cores)",
             http_verify)
    if instantiate:
        at = lambda q: instantiate[round((len(instantiate) - 1) * q)]
        print(f"|   of which: instantiation, host log ({len(instantiate):,} requests) | | {at(0.5)} µs | {at(0.95)} µs | {at(0.99)} µs |")
    http_row("verify through HTTP, one connection (wrk -c1: latency without queueing)", http_verify_c1)
    http_row(f"GET /api/v1/auth/me (verify + 2 SQL reads, wrk -c{args.connections})", http_me)
    na = native["argon2_verify"]
    print(f"| argon2id verify, native (one login's hash) | {na['per_sec']:,.1f} | {na['p50_us'] / 1000:.1f} ms | {na['p95_us'] / 1000:.1f} ms | {na['p99_us'] / 1000:.1f} ms |")
    print(f"| POST /api/v1/auth/login (wrk -c2) | {login.requests_per_s:,.1f} | {login.p50_ms:.1f} ms | | {login.p99_ms:.1f} ms |")
    errors = http_verify.errors + http_verify_c1.errors + http_me.errors + login.errors
    if errors:
        print(f"\n{errors} requests failed or were not 2xx during the wrk runs; see {work / 'host.stderr'}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
