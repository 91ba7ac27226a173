#!/usr/bin/env python3
"""Grammar function benchmark, printed as markdown.

- A 1,000-word and a 20-word check (POST /api/v1/grammar/check) through the host, each
  request on a fresh instance (as every request is): p50/p99 end to end, and the host's
  `instantiate_us` for the same requests, so instantiation and checking are told apart.
- The same texts through grammar-core natively in the same run (`grammar-native bench`):
  the first check in a fresh process (every lazy initialisation included) and warm checks.
- Component size, and the smallest `--memory-limit-mb` under which the 1,000-word check
  still succeeds (an upper bound of its peak linear memory).

The 1,000-word text is the first 1,000 words of JFLEG dev's sources (learner English with
real errors) from ../shared/datasets, or $DATASETS_DIR.
"""
import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROUTE = "/api/v1/grammar/check"
SENTENCE_20 = "This are a short sentence with a speling mistake, and I has a apple in it which I eat every days."


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post(port, text, timeout=60):
    body = json.dumps({"text": text}).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}{ROUTE}", data=body,
                                 headers={"content-type": "application/json"})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            resp.read()
            status = resp.status
    except urllib.error.HTTPError as e:
        status = e.code
    return status, (time.perf_counter() - start) * 1e3


def start_host(args, work, memory_mb=None):
    port = free_port()
    cmd = [args.host, "--manifest", args.manifest, "--state-dir", str(work / "state"),
           "--listen", f"127.0.0.1:{port}", "--cache-dir", str(args.cache_dir)]
    if memory_mb:
        cmd += ["--memory-limit-mb", str(memory_mb)]
    stderr = open(work / f"host-{memory_mb or 'default'}.stderr", "wb")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPIN_VARIABLE_")}
    # The bench sends far more anonymous checks than the per-IP limit allows; each still pays
    # the limiter's counter increment, as a real anonymous check does.
    env["SPIN_VARIABLE_GRAMMAR_ANONYMOUS_RATE_LIMIT_PER_MINUTE"] = str(10**9)
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=stderr, env=env)
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/grammar/v2/languages", timeout=2):
                return proc, port, Path(stderr.name)
        except Exception:
            if proc.poll() is not None:
                raise RuntimeError(f"host exited: {Path(stderr.name).read_text()[-2000:]}")
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError("host did not serve the grammar route within 120 s")


def stop(proc):
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


def instantiate_us(stderr_path):
    values = []
    for line in stderr_path.read_text(errors="replace").splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict) and record.get("route", "").startswith("/api/v1/grammar") \
                and "instantiate_us" in record and record.get("status") == 200:
            values.append(record["instantiate_us"])
    return values


def pct(values, q):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q * (len(s) - 1))))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", required=True)
    ap.add_argument("--native", required=True, help="target/release/grammar-native")
    ap.add_argument("--manifest", required=True)
    ap.add_argument("--wasm", required=True)
    ap.add_argument("--cache-dir", required=True)
    ap.add_argument("--requests", type=int, default=30)
    args = ap.parse_args()

    datasets = Path(os.environ.get("DATASETS_DIR", "../shared/datasets"))
    words = []
    for line in (datasets / "jfleg-dev" / "dev.src").read_text().splitlines():
        words += line.split()
        if len(words) >= 1000:
            break
    text_1000 = " ".join(words[:1000])

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "t1000.txt").write_text(text_1000)
        (work / "t20.txt").write_text(SENTENCE_20)
        native = {name: json.loads(subprocess.run([args.native, "bench", str(work / f"{name}.txt"), "30"],
                                                  capture_output=True, text=True, check=True).stdout)
                  for name in ("t1000", "t20")}

        proc, port, stderr_path = start_host(args, work)
        rows = {}
        try:
            post(port, SENTENCE_20)  # first request after start: compiled-module cache, page faults
            for name, text in (("t1000", text_1000), ("t20", SENTENCE_20)):
                before = len(instantiate_us(stderr_path))
                latencies = []
                for _ in range(args.requests):
                    status, ms = post(port, text)
                    if status != 200:
                        raise RuntimeError(f"{ROUTE} answered {status}")
                    latencies.append(ms)
                time.sleep(0.2)
                inst = instantiate_us(stderr_path)[before:]
                rows[name] = (latencies, inst)
        finally:
            stop(proc)

        limit = None
        for mb in (16, 24, 32, 48, 64, 96, 128):
            try:
                proc, port, _ = start_host(args, work, mb)
            except RuntimeError:
                continue  # the module's own minimum memory (data + zeroed statics) is larger
            try:
                ok = post(port, text_1000)[0] == 200
            finally:
                stop(proc)
            if ok:
                limit = mb
                break

    print("## grammar: fresh-instance checks through the host vs grammar-core natively\n")
    print("| text | host p50 (ms) | host p99 (ms) | instantiation p50 (ms) | native first check in a fresh process (ms) | native warm p50 (ms) | host p50 / native first | host p50 / native warm |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, label in (("t1000", "1,000 words"), ("t20", "20 words")):
        latencies, inst = rows[name]
        p50 = statistics.median(latencies)
        inst_p50 = statistics.median(inst) / 1000 if inst else float("nan")
        n = native[name]
        print(f"| {label} | {p50:.1f} | {pct(latencies, 0.99):.1f} | {inst_p50:.2f} | {n['cold_ms']:.1f} | "
              f"{n['warm_p50_ms']:.1f} | {p50 / n['cold_ms']:.2f}x | {p50 / n['warm_p50_ms']:.2f}x |")
    print()
    print(f"| component | value |\n| --- | --- |")
    print(f"| grammar.wasm size | {os.path.getsize(args.wasm) / 1e6:.1f} MB |")
    print(f"| smallest --memory-limit-mb that passes the 1,000-word check | "
          f"{f'{limit} MiB' if limit else 'over 128 MiB'} |")
    print(f"| requests per text | {args.requests} (each on a fresh instance) |")


if __name__ == "__main__":
    sys.exit(main())
