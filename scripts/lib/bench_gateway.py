"""The AI gateway's added latency, printed as a markdown table (part of scripts/bench).

One zero-latency upstream (the fake OpenAI-compatible provider, tests/fake-providers) and
the app from spin.toml on the host, configured with that provider. In the same run, one
client alternates the same chat completion sent straight to the provider and through
POST /api/v1/llm/chat/completions, so both see the same machine load; the difference of
the percentiles is what the gateway adds (host, fresh instance, auth, routing, rate-limit and
breaker state, the call itself; the ledger row is written after the response, so its cost
shows only as load on the machine). Cache hits are measured separately.
Everything runs on loopback on the embedded defaults (SQLite + built-in key-value store).
"""

import argparse
import http.client
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path


def start(cmd: list[str], env: dict, prefix: str, stderr) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=stderr, text=True)
    deadline = time.time() + 120
    while time.time() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        if line.startswith(prefix):
            return process, line[len(prefix):].strip().rstrip("/")
    process.kill()
    raise SystemExit(f"{cmd[0]} did not print {prefix!r}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


class Client:
    """One keep-alive connection, like an SDK's."""

    def __init__(self, origin: str):
        host, port = origin.removeprefix("http://").split(":")
        self.conn = http.client.HTTPConnection(host, int(port), timeout=30)

    def get(self, path: str, headers: dict) -> tuple[int, bytes, float]:
        started = time.perf_counter()
        self.conn.request("GET", path, headers=headers)
        response = self.conn.getresponse()
        payload = response.read()
        return response.status, payload, (time.perf_counter() - started) * 1000

    def post(self, path: str, body: dict, headers: dict) -> tuple[int, bytes, float]:
        data = json.dumps(body).encode()
        started = time.perf_counter()
        self.conn.request("POST", path, body=data, headers={"content-type": "application/json", **headers})
        response = self.conn.getresponse()
        payload = response.read()
        return response.status, payload, (time.perf_counter() - started) * 1000


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", required=True)
    parser.add_argument("--fake", required=True)
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--warmup", type=int, default=100)
    parser.add_argument("--postgres-url", default="", help="ledger on this PostgreSQL (default: SQLite)")
    parser.add_argument("--redis-url", default="", help="state on this Redis (default: built-in key-value store)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-gateway-"))
    fake, fake_origin = start([args.fake, "--listen", "127.0.0.1:0"], os.environ.copy(), "Listening ", subprocess.DEVNULL)
    config = {
        "providers": [{
            "name": "fake", "base_url": f"{fake_origin}/v1",
            "models": [{"id": "fake-small", "tier": "simple",
                        "input_micro_usd_per_million": 150000, "output_micro_usd_per_million": 600000}],
        }],
        # Far above what one client sends, so the rate limit never answers.
        "limits": {"requests_per_minute": 1000000},
    }
    env = os.environ.copy()
    env["SPIN_VARIABLE_LLM_CONFIG"] = json.dumps(config)
    env["SPIN_VARIABLE_LLM_PROVIDER_ORIGIN"] = fake_origin
    for name, url, port in [("POSTGRES", args.postgres_url, 5432), ("REDIS", args.redis_url, 6379)]:
        if url:
            authority = url.split("://", 1)[1].split("/", 1)[0].split("@")[-1]
            env[f"SPIN_VARIABLE_{name}_URL"] = url
            env[f"SPIN_VARIABLE_{name}_HOST"] = authority if ":" in authority else f"{authority}:{port}"
    stores = ("PostgreSQL" if args.postgres_url else "SQLite") + " + " + ("Redis" if args.redis_url else "built-in key-value store")
    host_log = open(work / "host.stderr", "w")
    host, app_origin = start(
        [args.host, "--manifest", args.manifest, "--listen", "127.0.0.1:0", "--state-dir", str(work / "state")],
        env, "Serving ", host_log,
    )
    try:
        app = Client(app_origin)
        status, body, _ = app.post("/api/v1/auth/register", {
            "email": f"bench.{uuid.uuid4().hex[:10]}@example.com", "password": "Bench1password",
            "display_name": "Bench",
        }, {})
        if status != 201:
            raise SystemExit(f"registering the bench user failed: {status} {body[:300]!r}")
        token = json.loads(body)["tokens"]["access_token"]
        auth = {"authorization": f"Bearer {token}"}
        direct = Client(fake_origin)
        request = {"model": "fake-small", "messages": [{"role": "user", "content": "the quick brown fox"}]}

        def through_gateway(extra: dict) -> float:
            status, body, ms = app.post("/api/v1/llm/chat/completions", request, {**auth, **extra})
            if status != 200:
                raise SystemExit(f"gateway answered {status}: {body[:300]!r}")
            return ms

        def straight() -> float:
            status, body, ms = direct.post("/v1/chat/completions", request, {})
            if status != 200:
                raise SystemExit(f"provider answered {status}")
            return ms

        no_store = {"x-llm-cache": "no-store"}
        for _ in range(args.warmup):
            straight()
            through_gateway(no_store)
        direct_ms, gateway_ms = [], []
        for _ in range(args.requests):
            direct_ms.append(straight())
            gateway_ms.append(through_gateway(no_store))
        through_gateway({})  # fill the cache
        hit_ms = [through_gateway({}) for _ in range(args.requests)]
        # The same component answering from configuration alone: instance + token check.
        models_ms = [app.get("/api/v1/llm/models", auth)[2] for _ in range(args.requests)]
    finally:
        stop(host)
        stop(fake)
        host_log.close()

    p = {name: (percentile(v, 0.5), percentile(v, 0.99)) for name, v in
         [("direct", direct_ms), ("gateway", gateway_ms), ("hit", hit_ms), ("models", models_ms)]}
    print()
    print(f"### AI gateway overhead ({args.requests} sequential requests each, one keep-alive client, zero-latency upstream; {stores})")
    print()
    print("| path | p50 ms | p99 ms |")
    print("| --- | ---: | ---: |")
    print(f"| provider directly (fake, loopback) | {p['direct'][0]:.2f} | {p['direct'][1]:.2f} |")
    print(f"| through the gateway, cache bypassed | {p['gateway'][0]:.2f} | {p['gateway'][1]:.2f} |")
    print(f"| **added by the gateway** | **{p['gateway'][0] - p['direct'][0]:.2f}** | **{p['gateway'][1] - p['direct'][1]:.2f}** |")
    print(f"| through the gateway, cache hit (no upstream call) | {p['hit'][0]:.2f} | {p['hit'][1]:.2f} |")
    print(f"| GET /api/v1/llm/models (fresh instance + token check, no state) | {p['models'][0]:.2f} | {p['models'][1]:.2f} |")
    print()
    print("Target (issue 4): added ≤ 1 ms p50, ≤ 3 ms p99. Each gateway request runs a fresh component "
          "instance, verifies the token, counts the rate limit and reads the breaker before the "
          "call; the ledger row and the statistics are written after the response "
          "(functions/gateway/README.md).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
