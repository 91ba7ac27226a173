#!/usr/bin/env python3
"""Cranfield through the real retrieval function (a running host, e.g. scripts/up).

Registers a throwaway user, creates a knowledge base, uploads the 1400 abstracts (title +
text, `metadata.cran_id`), runs the 225 queries in each mode and prints nDCG@10, MAP@50,
Recall@50 and P@10 (the API returns at most 50 results, so the function's figures stop at 50;
the native benchmark `retrieval-quality` reports Recall@100), plus search latency.

Same parsing and metrics as retrieval-core's `eval` module: queries are matched to judgements
by position, grades 1..4 are relevant with gain 5 - grade, -1 is not relevant.
"""
import argparse
import json
import math
import os
import statistics
import sys
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor


def parse_smart(path):
    records, current, field = [], None, None
    with open(path, encoding="utf-8", newline="") as f:
        for line in f.read().splitlines():
            line = line.rstrip("\r")
            if line.startswith(".I"):
                if current:
                    records.append(current)
                current, field = {"id": int(line[2:].strip() or 0), "T": "", "W": ""}, None
            elif line.strip() in (".T", ".A", ".B", ".W"):
                field = line.strip()[1]
            elif current is not None and field in ("T", "W"):
                current[field] = (current[field] + "\n" + line) if current[field] else line
    if current:
        records.append(current)
    return records


def parse_qrels(path):
    qrels = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 3:
                continue
            q, d, g = int(parts[0]), int(parts[1]), int(parts[2])
            if 1 <= g <= 4:
                qrels.setdefault(q, {})[d] = g
    return qrels


def ndcg(ranking, judged, k=10):
    dcg = sum((5 - judged[d]) / math.log2(i + 2) for i, d in enumerate(ranking[:k]) if d in judged)
    ideal = sorted((5 - g for g in judged.values()), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def average_precision(ranking, judged):
    hits, total = 0, 0.0
    for i, d in enumerate(ranking):
        if d in judged:
            hits += 1
            total += hits / (i + 1)
    return total / len(judged)


class Api:
    def __init__(self, base, token=None):
        self.base, self.token = base.rstrip("/"), token

    def call(self, method, path, body=None, ok=(200, 201, 202)):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("content-type", "application/json")
        if self.token:
            req.add_header("authorization", "Bearer " + self.token)
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                status, text = r.status, r.read()
        except urllib.error.HTTPError as e:
            status, text = e.code, e.read()
        if status not in ok:
            raise SystemExit(f"{method} {path} → {status}: {text[:500]!r}")
        return json.loads(text) if text else None


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--url", default="http://127.0.0.1:3000")
    p.add_argument("--dataset", default=os.path.join(os.environ.get("DATASETS_DIR", "../shared/datasets"), "cranfield"))
    p.add_argument("--modes", default="lexical,dense,hybrid")
    p.add_argument("--workers", type=int, default=4)
    p.add_argument("--fusion", default="default",
                   help="comma-separated fusions for hybrid runs: default (the server's), rrf, convex")
    p.add_argument("--rrf-k", default="", help="comma-separated RRF k values for hybrid rrf runs (default: the server's)")
    p.add_argument("--dense-weight", default="", help="comma-separated dense weights for hybrid runs (default: the server's)")
    args = p.parse_args()

    docs = parse_smart(os.path.join(args.dataset, "cran.all.1400"))
    queries = parse_smart(os.path.join(args.dataset, "cran.qry"))
    qrels = parse_qrels(os.path.join(args.dataset, "cranqrel"))

    anon = Api(args.url)
    email = f"cranfield-{uuid.uuid4().hex[:12]}@example.com"
    anon.call("POST", "/api/v1/auth/register", {"email": email, "password": "Correct1horse", "display_name": "Cranfield"})
    token = anon.call("POST", "/api/v1/auth/login", {"email": email, "password": "Correct1horse"})["access_token"]
    api = Api(args.url, token)
    kb = api.call("POST", "/api/v1/kb", {"name": "cranfield"})["id"]

    owners = {}  # doc_id → Cranfield ids (identical abstracts share one document)
    vectors = set()

    def upload(d):
        text = d["T"] + "\n\n" + d["W"]
        if not text.strip():
            return d["id"], None  # a few records are empty; the API refuses them (422)
        return d["id"], api.call("POST", f"/api/v1/kb/{kb}/documents", {"text": text, "metadata": {"cran_id": d["id"]}})

    started = time.time()
    with ThreadPoolExecutor(args.workers) as pool:
        for cran_id, doc in pool.map(upload, docs):
            if doc is None:
                continue
            owners.setdefault(doc["doc_id"], []).append(cran_id)
            vectors.add(doc["vectors"])
    ingest_s = time.time() - started
    info = api.call("GET", f"/api/v1/kb/{kb}")
    print(f"ingested {sum(map(len, owners.values()))} of {len(docs)} records as {len(owners)} documents ({info['chunk_count']} chunks, vectors: {sorted(vectors)}) "
          f"in {ingest_s:.1f} s with {args.workers} clients: {info['chunk_count'] / ingest_s:.1f} chunks/s")

    print("| mode | nDCG@10 | MAP@50 | Recall@50 | P@10 | search p50 ms | p95 ms | degraded |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    runs = []
    for mode in args.modes.split(","):
        if mode != "hybrid":
            runs.append((mode, {}))
            continue
        for fusion in args.fusion.split(","):
            for k in args.rrf_k.split(",") if fusion == "rrf" else [""]:
                for w in args.dense_weight.split(","):
                    extra = {}
                    if fusion != "default":
                        extra["fusion"] = fusion
                    if k:
                        extra["rrf_k"] = float(k)
                    if w:
                        extra["dense_weight"] = float(w)
                    runs.append((mode, extra))
    for mode, extra in runs:
        n = nd = ap = rec = p10 = 0.0
        latencies, degraded = [], set()
        for i, q in enumerate(queries):
            t = time.time()
            body = {"query": q["W"], "mode": mode, "top_k": 50, **extra}
            r = api.call("POST", f"/api/v1/kb/{kb}/search", body)
            latencies.append((time.time() - t) * 1000)
            degraded.add(r["degraded"])
            judged = qrels.get(i + 1)
            if not judged:
                continue
            ranking, seen = [], set()
            for hit in r["results"]:
                for cid in owners.get(hit["doc_id"], []):
                    if cid not in seen:
                        seen.add(cid)
                        ranking.append(cid)
            n += 1
            nd += ndcg(ranking, judged)
            ap += average_precision(ranking[:50], judged)
            rec += sum(1 for d in ranking[:50] if d in judged) / len(judged)
            p10 += sum(1 for d in ranking[:10] if d in judged) / 10
        latencies.sort()
        p95 = latencies[int(0.95 * (len(latencies) - 1))]
        label = mode + "".join(f", {key} {value}" for key, value in extra.items())
        print(f"| {label} | {nd / n:.3f} | {ap / n:.3f} | {rec / n:.3f} | {p10 / n:.3f} | "
              f"{statistics.median(latencies):.1f} | {p95:.1f} | {sorted(map(str, degraded))} |")
    api.call("DELETE", f"/api/v1/kb/{kb}", ok=(204,))


if __name__ == "__main__":
    sys.exit(main())
