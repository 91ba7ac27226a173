#!/usr/bin/env python3
"""GLEU of the grammar function's `apply` output on JFLEG dev, with per-rule ablation.

GLEU is implemented here from Napoles et al. (2015, updated 2016): per sentence and n = 1..4,
matches = |h ∩ r| - |h ∩ (s - r)| (clipped n-gram counts, floored at 0), over h's n-gram
count; corpus sums; brevity penalty min(1, exp(1 - r/h)); geometric mean of the four
precisions. With four references, each of 500 iterations draws one reference per sentence
(seeded, so runs repeat) and the mean GLEU is reported, as the JFLEG scorer does.

The corpus is tokenised (`do n't`, `word ,`). The engine gets detokenised text (no space
before punctuation and clitics), remembering where each source token lies in it. After the
edits, tokens no edit touches are kept verbatim and only the region an edit touches is
retokenised (punctuation and clitics split off, as in the corpus), so an unedited sentence
scores exactly as the source does.

Engines: `--native BIN` runs `grammar-native edits` (grammar-core in-process); `--url URL`
posts every sentence to POST /api/v1/grammar/check through the host (the real function).
Either way every match (rule, span, first replacement) comes back, so the score of any
subset of rules is computed here without rerunning the engine.
"""
import argparse
import json
import math
import os
import random
import re
import subprocess
import sys
import urllib.request
from collections import Counter

CLITICS = ("n't", "'s", "'re", "'ve", "'m", "'ll", "'d", "'S", "N'T")


def detokenize_with_spans(tokens):
    """The text and the (start, end) of every token in it."""
    out, spans = "", []
    for i, tok in enumerate(tokens):
        glue = i == 0 or tok in {",", ".", "!", "?", ";", ":", ")", "%", "''"} \
            or tok.lower() in {c.lower() for c in CLITICS} or out.endswith(("(", "$", "``"))
        if not glue:
            out += " "
        spans.append((len(out), len(out) + len(tok)))
        out += tok
    return out, spans


def detokenize(tokens):
    return detokenize_with_spans(tokens)[0]


def tokens_after_edits(text, spans, tokens, chosen):
    """Source tokens untouched by any edit stay as they are; the tokens an edit touches are
    replaced by the retokenised edited region, so an unedited sentence scores as the source."""
    out, t = [], 0
    for e in chosen:
        s, end = e["start"], e["end"]
        while t < len(tokens) and spans[t][1] < s:
            out.append(tokens[t]); t += 1
        first = t
        while t < len(tokens) and spans[t][0] <= end and (spans[t][0] < end or s == end or spans[t][1] <= end):
            t += 1
        if first == t:
            region_start, region_end = s, end
        else:
            region_start, region_end = min(s, spans[first][0]), max(end, spans[t - 1][1])
        out += retokenize(text[region_start:s] + e["replacement"] + text[end:region_end])
    out += tokens[t:]
    return out


TOKEN_RE = re.compile(r"n't|N'T|'(?:s|re|ve|m|ll|d)\b|\w+(?=n't)|[\w\-]+(?:\.\w+)*|\.\.\.|[^\w\s]", re.UNICODE)


def retokenize(text):
    return TOKEN_RE.findall(text)


def ngrams(tokens, n):
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def sentence_stats(h, s, r, n_max=4):
    stats = [len(h), len(r)]
    for n in range(1, n_max + 1):
        hn, sn, rn = ngrams(h, n), ngrams(s, n), ngrams(r, n)
        # n-grams of the source that the reference lacks entirely (presence, not counts)
        s_minus_r = Counter({k: v for k, v in sn.items() if k not in rn})
        matched = sum((hn & rn).values()) - sum((hn & s_minus_r).values())
        stats += [max(matched, 0), max(len(h) - n + 1, 0)]
    return stats


def gleu_from_stats(stats):
    if any(x == 0 for x in stats):
        return 0.0
    c, r = stats[:2]
    log_prec = sum(math.log(x / y) for x, y in zip(stats[2::2], stats[3::2])) / 4
    return math.exp(min(0.0, 1 - r / c) + log_prec)


def corpus_gleu(hyps, srcs, refs, iterations=500):
    n_refs = len(refs)
    # Per sentence and reference the stats do not depend on the iteration: compute once.
    per = [[sentence_stats(h, s, refs[k][i]) for k in range(n_refs)] for i, (h, s) in enumerate(zip(hyps, srcs))]
    scores = []
    for it in range(iterations):
        rnd = random.Random(it * 101)
        total = [0] * 10
        for i in range(len(hyps)):
            st = per[i][rnd.randint(0, n_refs - 1)]
            total = [a + b for a, b in zip(total, st)]
        scores.append(gleu_from_stats(total))
    return 100 * sum(scores) / len(scores)


def apply_edits(text, edits):
    """First replacement of each non-overlapping edit, earliest first (as grammar-core does)."""
    chosen = []
    for e in sorted(edits, key=lambda e: (e["start"], e["end"])):
        if e["replacement"] is None:
            continue
        if chosen and (e["start"] < chosen[-1]["end"] or (e["start"] == chosen[-1]["start"] and e["start"] == e["end"])):
            continue
        chosen.append(e)
    out, cursor = [], 0
    for e in chosen:
        out.append(text[cursor:e["start"]])
        out.append(e["replacement"])
        cursor = e["end"]
    out.append(text[cursor:])
    return "".join(out), chosen


def utf16_to_index(text):
    """Map UTF-16 offsets to Python string indices."""
    mapping, u = {}, 0
    for i, ch in enumerate(text):
        mapping[u] = i
        u += 2 if ord(ch) > 0xFFFF else 1
    mapping[u] = len(text)
    return mapping


def native_edits(binary, texts, rules):
    cmd = [binary, "edits"] + (["--rules", rules] if rules else [])
    out = subprocess.run(cmd, input="\n".join(texts) + "\n", capture_output=True, text=True, check=True).stdout
    return [json.loads(line)["matches"] for line in out.splitlines()]


def http_edits(url, texts, rules, api_key=None):
    result = []
    headers = {"content-type": "application/json"}
    if api_key:
        # Anonymous checks are rate-limited per client IP (20 a minute by default).
        headers["x-api-key"] = api_key
    for text in texts:
        body = {"text": text}
        if rules:
            body["enabled_rules"] = rules.split(",")
        req = urllib.request.Request(url.rstrip("/") + "/api/v1/grammar/check", data=json.dumps(body).encode(),
                                     headers=headers)
        with urllib.request.urlopen(req, timeout=60) as resp:
            answer = json.load(resp)
        m = utf16_to_index(text)
        result.append([{"rule": x["rule_id"], "start": m[x["offset"]], "end": m[x["offset"] + x["length"]],
                        "replacement": (x["replacements"] or [None])[0]} for x in answer["matches"]])
    return result


def edit_is_supported(src_text, edit, ref_token_sets):
    """An applied edit counts as correct when some reference contains its new tokens and
    lacks the tokens it replaced (a token-level proxy for the JFLEG annotators' choice)."""
    old = retokenize(src_text[edit["start"]:edit["end"]])
    new = retokenize(edit["replacement"])
    for ref in ref_token_sets:
        ref_counts = Counter(ref)
        if all(ref_counts[t] > 0 for t in new) and (not old or any(ref_counts[t] == 0 for t in old if t not in new)):
            return True
    return False


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--datasets", default=os.environ.get("DATASETS_DIR", "../shared/datasets"))
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--native", metavar="BIN")
    group.add_argument("--url", metavar="BASE_URL")
    ap.add_argument("--api-key", default=os.environ.get("GRAMMAR_API_KEY"),
                    help="with --url: an API key (else the anonymous rate limit stops the run)")
    ap.add_argument("--rules", help="comma-separated rule names, 'default' or 'all-curated' (native only)")
    ap.add_argument("--limit", type=int, default=0, help="only the first N sentences")
    ap.add_argument("--iterations", type=int, default=500)
    args = ap.parse_args()

    d = os.path.join(args.datasets, "jfleg-dev")
    src_lines = open(os.path.join(d, "dev.src"), encoding="utf-8").read().splitlines()
    refs_lines = [open(os.path.join(d, f"dev.ref{k}"), encoding="utf-8").read().splitlines() for k in range(4)]
    if args.limit:
        src_lines = src_lines[:args.limit]
        refs_lines = [r[:args.limit] for r in refs_lines]
    srcs = [l.split() for l in src_lines]
    refs = [[l.split() for l in r] for r in refs_lines]

    print(f"source, as is: GLEU {corpus_gleu(srcs, srcs, refs, args.iterations):.2f}")
    detok = [detokenize_with_spans(s) for s in srcs]
    texts = [t for t, _ in detok]
    base = corpus_gleu([tokens_after_edits(t, sp, s, []) for (t, sp), s in zip(detok, srcs)], srcs, refs, args.iterations)
    print(f"source through the detokenise/edit/retokenise path with no edits: GLEU {base:.2f}")

    edits = native_edits(args.native, texts, args.rules) if args.native else http_edits(args.url, texts, args.rules, args.api_key)

    def score(excluded=frozenset()):
        hyps, applied = [], []
        for (text, spans), src, es in zip(detok, srcs, edits):
            _, chosen = apply_edits(text, [e for e in es if e["rule"] not in excluded])
            hyps.append(tokens_after_edits(text, spans, src, chosen))
            applied.append(chosen)
        return corpus_gleu(hyps, srcs, refs, args.iterations), applied

    system, applied = score()
    print(f"system (apply): GLEU {system:.2f} ({system - base:+.2f} vs round-tripped source)")

    per_rule = Counter()
    supported = Counter()
    for i, chosen in enumerate(applied):
        ref_tokens = [refs[k][i] for k in range(4)]
        for e in chosen:
            per_rule[e["rule"]] += 1
            if edit_is_supported(texts[i], e, ref_tokens):
                supported[e["rule"]] += 1
    total = sum(per_rule.values())
    print(f"applied edits: {total}; precision (supported by a reference): "
          f"{100 * sum(supported.values()) / max(total, 1):.1f}%")
    print("\nper rule: edits, precision, GLEU change when the rule is removed (positive = rule hurts)")
    rows = []
    for rule, count in per_rule.items():
        without, _ = score(frozenset([rule]))
        rows.append((without - system, rule, count, 100 * supported[rule] / count))
    for delta, rule, count, prec in sorted(rows, reverse=True):
        print(f"  {rule:40s} {count:5d} {prec:6.1f}% {delta:+.3f}")


if __name__ == "__main__":
    main()
