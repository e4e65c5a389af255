"""``rnntrace attention`` and ``rnntrace positional`` as strict JSON-ready dicts.

Matrices are nested lists of float64 at full precision. A non-finite number is written as null
and named in ``warnings`` (``jsondoc.jsonable``); a masked entry of ``scaled_scores`` (−inf before
the softmax) is null too, but it is the mask, not an overflow, so it is not a warning.
"""
from __future__ import annotations

import numpy as np

from rnntrace.attention import Head
from rnntrace.attention_trace import Seq2SeqTrace, SelfAttentionTrace
from rnntrace.positional import PositionalComparison, Properties
from rnntrace.render.jsondoc import jsonable


def _masked(scaled: np.ndarray, mask: np.ndarray | None, path: str, warnings: list[str]):
    """scaled_scores with the masked entries as null (and only those: others go through jsonable)."""
    rows = []
    for i, row in enumerate(scaled):
        rows.append([None if (mask is not None and mask[i, j]) else jsonable(x, f"{path}[{i}][{j}]", warnings)
                     for j, x in enumerate(row)])
    return rows


def _head(h: Head, mask, prefix: str, warnings: list[str]) -> dict:
    def p(key: str) -> str:
        return f"{prefix}.{key}" if prefix else key

    return {
        "Q": jsonable(h.Q, p("Q"), warnings),
        "K": jsonable(h.K, p("K"), warnings),
        "V": jsonable(h.V, p("V"), warnings),
        "scores": jsonable(h.scores, p("scores"), warnings),
        "scaled_scores": _masked(h.scaled_scores, mask, p("scaled_scores"), warnings),
        "weights": jsonable(h.weights, p("weights"), warnings),
        "output": jsonable(h.output, p("output"), warnings),
    }


def self_document(tr: SelfAttentionTrace) -> dict:
    """{command, mode, tokens, X, Q, K, V, scores, scaled_scores, weights, output} (+ heads with
    several); see the README for the extra fields."""
    r = tr.result
    w: list[str] = []
    doc: dict = {"command": "attention", "mode": "self", "example": tr.example, "tokens": tr.tokens,
                 "d_model": int(r.X.shape[1]), "n_heads": r.n_heads, "d_k": r.d_k, "d_v": r.d_v,
                 "scaling": r.heads[0].scaling, "mask": "causal" if r.mask is not None else "none",
                 "positional": tr.positional, "seed": tr.seed, "drawn": tr.drawn,
                 "embeddings": jsonable(tr.E, "embeddings", w),
                 "positional_encodings": jsonable(tr.P, "positional_encodings", w),
                 "X": jsonable(tr.X, "X", w)}
    params = {"W_Q": r.W_Q, "W_K": r.W_K, "W_V": r.W_V}
    if r.W_O is not None:
        params["W_O"] = r.W_O
    doc["params"] = jsonable(params, "params", w)
    doc.update({"Q": jsonable(r.Q, "Q", w), "K": jsonable(r.K, "K", w), "V": jsonable(r.V, "V", w)})
    if r.n_heads == 1:
        h = r.heads[0]
        doc["scores"] = jsonable(h.scores, "scores", w)
        doc["scaled_scores"] = _masked(h.scaled_scores, r.mask, "scaled_scores", w)
        doc["weights"] = jsonable(h.weights, "weights", w)
        doc["output"] = jsonable(r.output, "output", w)
    else:
        heads = [_head(h, r.mask, f"heads[{k}]", w) for k, h in enumerate(r.heads)]
        doc["scores"] = [h["scores"] for h in heads]  # (heads, n, n)
        doc["scaled_scores"] = [h["scaled_scores"] for h in heads]
        doc["weights"] = [h["weights"] for h in heads]
        doc["heads"] = heads
        doc["concat"] = jsonable(r.concat, "concat", w)
        doc["output"] = jsonable(r.output, "output", w)
    doc["warnings"] = w
    return doc


def seq2seq_document(tr: Seq2SeqTrace) -> dict:
    """{command, mode, feed_context, source, target, encoder_states, decoder_states, scores, weights,
    contexts}; row i of ``scores`` is decoder_states[i]·Eᵀ, decoder_states[i] = h^d_{i−1} (the state
    that scores target word i, fed its context or not); params.decoder has W_ch when it is used."""
    a = tr.attention
    w: list[str] = []
    return {
        "command": "attention", "mode": "seq2seq", "feed_context": tr.feed_context, "example": tr.example,
        "source": tr.source, "target": tr.target,
        "source_vocab": tr.source_vocab, "target_vocab": tr.target_vocab,
        "hidden_size": tr.hidden_size, "seed": tr.seed, "drawn": tr.drawn,
        "params": {"encoder": jsonable(tr.encoder_params, "params.encoder", w),
                   "decoder": jsonable(tr.decoder_params, "params.decoder", w)},
        "encoder_states": jsonable(a.encoder_states, "encoder_states", w),
        "decoder_states": jsonable(a.decoder_states, "decoder_states", w),
        "scores": jsonable(a.scores, "scores", w),
        "weights": jsonable(a.weights, "weights", w),
        "contexts": jsonable(a.contexts, "contexts", w),
        "warnings": w,
    }


def _props(p: Properties, path: str, w: list[str]) -> dict:
    rel = p.relative
    out = {
        "unique": p.unique.ok, "min_distance": jsonable(p.unique.min_distance, f"{path}.min_distance", w),
        "closest": [p.unique.s, p.unique.t],
        "bounded": p.bounds.ok, "min": p.bounds.min, "max": p.bounds.max,
        "relative": rel.ok, "dot_spread": jsonable(rel.spread, f"{path}.dot_spread", w),
    }
    if rel.expected is not None:
        out["dot_expected"] = jsonable(rel.expected, f"{path}.dot_expected", w)
    return out


def positional_document(c: PositionalComparison) -> dict:
    """{command, positions, index, binary, sinusoidal} plus omega and the measured properties."""
    w: list[str] = []
    return {
        "command": "positional", "length": c.length, "dim": c.dim,
        "positions": [int(x) for x in c.positions],
        "index": jsonable(c.index, "index", w),
        "binary": [[int(b) for b in row] for row in c.binary],
        "sinusoidal": jsonable(c.sinusoidal, "sinusoidal", w),
        "omega": jsonable(c.omega, "omega", w),
        "properties": {k: _props(p, f"properties.{k}", w) for k, p in c.props.items()},
        "warnings": w,
    }
