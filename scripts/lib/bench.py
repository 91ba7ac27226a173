"""Measurements for scripts/bench, printed as a markdown table.

Three numbers make the first baseline of the local host:
  * throughput and latency of each route in ROUTES through the host (/api/v1/health, which
    touches SQLite and key-value, and /api/v1/openapi.json, a static body that shows the
    host's own overhead), each beside a native hyper server answering the same bytes
    (tests/src/bin/native_baseline.rs), both driven by wrk;
  * time from process start to the first 200 of /api/v1/health, with the host's
    compiled-component cache (<state-dir>/cache) cold and warm;
  * per-request instantiation time, the median of `instantiate_us` from the host's
    per-request JSON log lines on stderr.
Everything runs on loopback; scripts/bench builds the binaries and passes their paths.
"""

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HEALTH = "/api/v1/health"
# Each route through the host, beside a native server answering the same bytes.
ROUTES = [
    (HEALTH, "per request: a fresh instance, SQLite SELECT 1, key-value set/get/delete"),
    ("/api/v1/openapi.json", "per request: a fresh instance returning a static body (host overhead)"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str, timeout: float = 2.0) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def tail(path: Path, lines: int = 20) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


class Host:
    """One run of the host on a free port, its stdout and stderr kept in files."""

    def __init__(self, args, work: Path, name: str):
        self.port = free_port()
        self.stderr_path = work / f"{name}.stderr"
        self.stdout_path = work / f"{name}.stdout"
        # The embedded defaults only: a SPIN_VARIABLE_* in the caller's environment would
        # point the health check at real services and measure those instead.
        env = {k: v for k, v in os.environ.items() if not k.startswith("SPIN_VARIABLE_")}
        command = [
            args.host, "--manifest", args.manifest, "--state-dir", str(args.state_dir),
            "--listen", f"127.0.0.1:{self.port}",
        ]
        with open(self.stdout_path, "wb") as out, open(self.stderr_path, "wb") as err:
            self.started = time.perf_counter()
            self.process = subprocess.Popen(command, stdout=out, stderr=err, env=env)

    def wait_first_ok(self, timeout: float) -> float:
        """Seconds from process start to the first 200 of the health route."""
        deadline = self.started + timeout
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"host exited with {self.process.returncode} before serving:\n"
                    f"{tail(self.stderr_path)}"
                )
            try:
                status, _ = get(self.port, HEALTH)
                if status == 200:
                    return time.perf_counter() - self.started
            except OSError:
                pass
            time.sleep(0.002)
        raise RuntimeError(f"no 200 from {HEALTH} within {timeout}s:\n{tail(self.stderr_path)}")

    def stop(self) -> None:
        stop(self.process)


@dataclass
class WrkResult:
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int


DURATION_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def parse_duration_ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not match:
        raise ValueError(f"unexpected wrk duration {text!r}")
    return float(match.group(1)) * DURATION_UNITS_MS[match.group(2)]


def parse_wrk(output: str) -> WrkResult:
    def find(pattern: str) -> re.Match:
        match = re.search(pattern, output, re.MULTILINE)
        if not match:
            raise ValueError(f"wrk output lacks {pattern!r}:\n{output}")
        return match

    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = (sum(int(n) for n in socket_errors.groups()) if socket_errors else 0) + (
        int(non_2xx.group(1)) if non_2xx else 0
    )
    return WrkResult(
        requests_per_s=float(find(r"^Requests/sec:\s+([\d.]+)").group(1)),
        p50_ms=parse_duration_ms(find(r"^\s+50%\s+(\S+)").group(1)),
        p99_ms=parse_duration_ms(find(r"^\s+99%\s+(\S+)").group(1)),
        requests=int(find(r"^\s+(\d+) requests in").group(1)),
        errors=errors,
    )


def run_wrk(args, url: str) -> WrkResult:
    # A short unrecorded run first, so connection set-up and lazy first-use work on either
    # server don't land in the measured run.
    subprocess.run(
        [args.wrk, "-t1", "-c4", "-d2s", url], check=True, stdout=subprocess.DEVNULL
    )
    command = [
        args.wrk, f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}",
        "--latency", url,
    ]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return parse_wrk(output)


def instantiate_us(stderr_path: Path) -> list[int]:
    """`instantiate_us` of every JSON request log line the host wrote."""
    values = []
    for line in stderr_path.read_text(errors="replace").splitlines():
        line = line.strip()
        if not line.startswith("{"):
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        value = record.get("instantiate_us") if isinstance(record, dict) else None
        if isinstance(value, (int, float)):
            values.append(int(value))
    return values


def measure_start(args, work: Path, cold: bool, runs: int) -> list[float]:
    times_ms = []
    for run in range(runs):
        if cold:
            shutil.rmtree(args.state_dir / "cache", ignore_errors=True)
        host = Host(args, work, f"start-{'cold' if cold else 'warm'}-{run}")
        try:
            times_ms.append(host.wait_first_ok(args.start_timeout) * 1000)
        finally:
            host.stop()
    return times_ms


def wait_serving(process: subprocess.Popen, port: int, timeout: float = 30) -> None:
    deadline = time.perf_counter() + timeout
    while True:
        try:
            get(port, HEALTH)
            return
        except OSError:
            if process.poll() is not None or time.perf_counter() > deadline:
                raise RuntimeError(f"server on port {port} did not start")
            time.sleep(0.01)


def percentile(values: list[int], fraction: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "n/a"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", required=True)
    parser.add_argument("--native", required=True, help="the native_baseline binary")
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--wrk", default="wrk")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--duration", default="10s")
    parser.add_argument("--start-runs", type=int, default=3)
    parser.add_argument("--start-timeout", type=float, default=120.0)
    args = parser.parse_args()

    # SIGTERM ends the run like Ctrl-C does, so the `finally` blocks stop what was started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    with tempfile.TemporaryDirectory(prefix="english-assistant-bench.") as tmp:
        work = Path(tmp)
        args.state_dir = work / "state"

        print("==> cold start (compiled-component cache deleted before each run)", flush=True)
        cold = measure_start(args, work, cold=True, runs=args.start_runs)
        print("==> warm start (cache kept from the previous run)", flush=True)
        warm = measure_start(args, work, cold=False, runs=args.start_runs)

        host = Host(args, work, "throughput")
        results = []
        try:
            host.wait_first_ok(args.start_timeout)
            for route, what in ROUTES:
                status, body = get(host.port, route)
                if status != 200:
                    raise RuntimeError(f"{route} answered {status}: {body[:200]!r}")
                body_file = work / "body.bin"
                body_file.write_bytes(body)
                native_port = free_port()
                native = subprocess.Popen(
                    [args.native, "--body-file", str(body_file), "--listen", f"127.0.0.1:{native_port}"],
                    stdout=subprocess.DEVNULL,
                )
                try:
                    wait_serving(native, native_port)
                    print(f"==> wrk on the host: {route}", flush=True)
                    host_result = run_wrk(args, f"http://127.0.0.1:{host.port}{route}")
                    print("==> wrk on the native hyper baseline (same body bytes)", flush=True)
                    native_result = run_wrk(args, f"http://127.0.0.1:{native_port}{route}")
                finally:
                    stop(native)
                results.append((route, what, body, host_result, native_result))
        finally:
            host.stop()
        instantiations = instantiate_us(host.stderr_path)

    print_report(args, results, cold, warm, instantiations)
    return 0


def print_report(args, results, cold, warm, instantiations) -> None:
    wrk = f"wrk -t{args.threads} -c{args.connections} -d{args.duration} --latency"
    print()
    print("## Baseline on the embedded defaults")
    print()
    print(
        f"Machine: {os.cpu_count()} CPUs, all on loopback (wrk shares the cores with the server). "
        f"Host: `{os.path.relpath(args.host)}`, the dev-profile build the tests use; its dependencies "
        "(wasmtime, cranelift, hyper) are compiled optimised (opt-level 3), our own crates at "
        f"opt-level 1. Load: `{wrk}` after a 2 s warm-up."
    )
    for route, what, body, host, native in results:
        print()
        print(f"### GET {route} ({what}; body {len(body):,} bytes)")
        print()
        print("| measure | host | native hyper | host / native |")
        print("| --- | ---: | ---: | ---: |")
        print(
            f"| requests/s | {host.requests_per_s:,.0f} | {native.requests_per_s:,.0f} "
            f"| {ratio(host.requests_per_s, native.requests_per_s)} |"
        )
        print(f"| p50 latency (ms) | {host.p50_ms:.3f} | {native.p50_ms:.3f} | {ratio(host.p50_ms, native.p50_ms)} |")
        print(f"| p99 latency (ms) | {host.p99_ms:.3f} | {native.p99_ms:.3f} | {ratio(host.p99_ms, native.p99_ms)} |")
        print(f"| requests (errors) | {host.requests:,} ({host.errors}) | {native.requests:,} ({native.errors}) | |")
    print()
    print(f"| process start to first 200 ({len(cold)} runs each) | median (ms) | min (ms) | max (ms) |")
    print("| --- | ---: | ---: | ---: |")
    for label, times in (("compiled-component cache cold", cold), ("compiled-component cache warm", warm)):
        print(f"| {label} | {statistics.median(times):.0f} | {min(times):.0f} | {max(times):.0f} |")
    print()
    print("| per-request instantiation (`instantiate_us` in the host's request log) | value |")
    print("| --- | ---: |")
    if instantiations:
        print(f"| median (µs) | {statistics.median(instantiations):.0f} |")
        print(f"| p99 (µs) | {percentile(instantiations, 0.99)} |")
        print(f"| requests logged | {len(instantiations):,} |")
    else:
        print("| median (µs) | not logged: no request log line had `instantiate_us` |")
    if host.errors or native.errors:
        print()
        print("Warning: some requests failed (socket errors or non-2xx); the numbers above include them.")


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
    except (RuntimeError, ValueError, subprocess.CalledProcessError) as error:
        print(f"bench failed: {error}", file=sys.stderr)
        sys.exit(1)
