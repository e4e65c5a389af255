"""``rnntrace attention`` and ``rnntrace positional`` as strict JSON-ready dicts.

Matrices are nested lists of float64 at full precision. A non-finite number is written as null
and named in ``warnings`` (``jsondoc.jsonable``); a masked entry of ``scaled_scores`` (−inf before
the softmax) is null too, but it is the mask, not an overflow, so it is not a warning.
"""
from __future__ import annotations

import numpy as np

from rnntrace.attention import Head
from rnntrace.attention_trace import BackwardTrace, BlockTrace, Seq2SeqTrace, SelfAttentionTrace
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
    doc["sharpness"] = [{"max_weight": jsonable(s.max_weight, f"sharpness[{k}].max_weight", w),
                         "keys": [int(x) for x in s.keys],
                         "gap": jsonable(s.gap, f"sharpness[{k}].gap", w), "verdict": s.verdict, "row": s.row}
                        for k, s in enumerate(tr.sharpness)]
    doc["reorder_change"] = None if tr.reorder_change is None else jsonable(tr.reorder_change, "reorder_change", w)
    doc["order_free"] = tr.order_free
    doc["masked_zero"] = tr.masked_zero
    doc["rows_sum_to_one"] = r.rows_sum_to_one
    sat = tr.saturation
    doc["saturation"] = None if sat is None else {
        "d_k": [int(x) for x in sat.d_k], "n_keys": sat.n_keys, "trials": sat.trials,
        "score_std": jsonable(sat.score_std, "saturation.score_std", w),
        "max_weight_scaled": jsonable(sat.max_weight_scaled, "saturation.max_weight_scaled", w),
        "max_weight_unscaled": jsonable(sat.max_weight_unscaled, "saturation.max_weight_unscaled", w),
        "unscaled_grows": sat.unscaled_grows, "as_expected": sat.as_expected}
    doc["warnings"] = w
    return doc


def seq2seq_document(tr: Seq2SeqTrace) -> dict:
    """{command, mode, feed_context, source, target, encoder_states, decoder_states, scores, weights,
    contexts, outputs, predictions, losses, loss}; row i of ``scores`` scores decoder_states[i] =
    h^d_{i−1} (the state that scores target word i, fed its context or not) against every h^e_j;
    row i of ``outputs`` is y_i = softmax([h^d_i ; c_i]·W_out + b_out) over ``output_vocab``, with
    hidden_states[i] = h^d_i; params.decoder has W_out, b_out (and W_ch when it is used),
    params.attention the score's weights (general, additive)."""
    a = tr.attention
    w: list[str] = []
    params = {"encoder": jsonable(tr.encoder_params, "params.encoder", w),
              "decoder": jsonable(tr.decoder_params, "params.decoder", w)}
    if tr.score_params:
        params["attention"] = jsonable(tr.score_params, "params.attention", w)
    return {
        "command": "attention", "mode": "seq2seq", "feed_context": tr.feed_context, "example": tr.example,
        "source": tr.source, "target": tr.target,
        "source_vocab": tr.source_vocab, "target_vocab": tr.target_vocab,
        "hidden_size": tr.hidden_size, "seed": tr.seed, "drawn": tr.drawn,
        "params": params,
        "encoder_states": jsonable(a.encoder_states, "encoder_states", w),
        "decoder_states": jsonable(a.decoder_states, "decoder_states", w),
        "scores": jsonable(a.scores, "scores", w),
        "weights": jsonable(a.weights, "weights", w),
        "contexts": jsonable(a.contexts, "contexts", w),
        "rows_sum_to_one": a.rows_sum_to_one,
        "score": tr.score, "decode": tr.decode, "output_vocab": tr.output_vocab,
        "decoder_reads": [s.word for s in tr.decoder],
        "hidden_states": jsonable(np.stack([o.h for o in tr.outputs]), "hidden_states", w),
        "outputs": jsonable(np.stack([o.probs for o in tr.outputs]), "outputs", w),
        "predictions": tr.predictions,
        "hits": [o.hit for o in tr.outputs],
        "losses": jsonable(tr.losses, "losses", w),
        "loss": jsonable(tr.loss, "loss", w),
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
        out["dot_matches_expected"] = rel.matches_expected
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
        "slide_omega": jsonable(c.slide_omega, "slide_omega", w),
        "periods": jsonable(c.periods, "periods", w),
        "properties": {k: _props(p, f"properties.{k}", w) for k, p in c.props.items()},
        "warnings": w,
    }


def backward_document(tr: BackwardTrace) -> dict:
    """The forward pass of the classifier on one head and every gradient of the backward pass:
    ``gradients`` (dZ … dX, each as its array), ``softmax_jacobians`` (J_i, one n×n per query
    row) and ``gradient_check`` (per parameter: the flat indices checked, their finite differences
    and the relative error)."""
    f, b, c = tr.forward, tr.backward, tr.check
    w: list[str] = []
    params = {k: f.params[k] for k in ("W_Q", "W_K", "W_V", "W_C", "b_C")}
    grads = {"dZ": b.dZ, "dW_C": b.dW_C, "db_C": b.db_C, "dA": b.dA, "dalpha": b.dalpha, "dV": b.dV,
             "dS": b.dS, "dscores": b.dscores, "dQ": b.dQ, "dK": b.dK, "dW_Q": b.dW_Q, "dW_K": b.dW_K,
             "dW_V": b.dW_V, "dX": b.dX}
    return {
        "command": "attention", "mode": "self", "view": "backward", "example": tr.forward_trace.example,
        "tokens": tr.forward_trace.tokens, "classes": tr.classes, "labels": tr.labels,
        "seed": tr.forward_trace.seed, "drawn": tr.forward_trace.drawn + tr.drawn,
        "scaling": f.scaling, "mask": "causal" if f.mask is not None else "none",
        "X": jsonable(f.X, "X", w), "params": jsonable(params, "params", w),
        "Q": jsonable(f.Q, "Q", w), "K": jsonable(f.K, "K", w), "V": jsonable(f.V, "V", w),
        "scaled_scores": _masked(f.S, f.mask, "scaled_scores", w),
        "weights": jsonable(f.alpha, "weights", w), "output": jsonable(f.A, "output", w),
        "logits": jsonable(f.Z, "logits", w), "probabilities": jsonable(f.P, "probabilities", w),
        "predictions": [tr.classes[int(k)] for k in f.predictions],
        "losses": jsonable(f.losses, "losses", w), "loss": jsonable(f.loss, "loss", w),
        "gradients": jsonable(grads, "gradients", w),
        "softmax_jacobians": jsonable(b.jacobians, "softmax_jacobians", w),
        "identities": jsonable(b.identities, "identities", w),
        "training": None if tr.training is None else {
            "steps": tr.training.steps, "lr": tr.training.lr, "sentences": tr.trained_on,
            "losses": jsonable(tr.training.losses[[0, -1]], "training.losses", w)},
        "gradient_check": {"eps": c.eps, "rel_error": jsonable(c.rel_error, "gradient_check.rel_error", w),
                           "entries": {k: [int(x) for x in v] for k, v in c.entries.items()},
                           "numeric": jsonable(c.numeric, "gradient_check.numeric", w)},
        "warnings": w,
    }


def block_document(tr: BlockTrace) -> dict:
    """The encoder block: ``params`` (W_Q, W_K, W_V, W_O d_model×d_model, heads split by columns;
    gamma_1, beta_1, W_1, b_1, W_2, b_2, gamma_2, beta_2), ``epsilon``, ``input`` (X), ``attention``
    (the heads concatenated, before W_O) and ``output``, with every op between them."""
    b = tr.block
    w: list[str] = []
    return {
        "command": "attention", "mode": "self", "view": "block", "example": tr.forward_trace.example,
        "tokens": tr.forward_trace.tokens, "seed": tr.forward_trace.seed, "drawn": tr.drawn,
        "initial": tr.initial,
        "block": {
            "d_model": int(b.X.shape[1]), "n_heads": b.attention.n_heads, "d_k": b.attention.d_k,
            "d_ff": b.d_ff, "epsilon": b.epsilon,
            "params": jsonable(b.params, "block.params", w),
            "input": jsonable(b.X, "block.input", w),
            "weights": [jsonable(h.weights, f"block.weights[{k}]", w) for k, h in enumerate(b.attention.heads)],
            "attention": jsonable(b.attention.concat, "block.attention", w),
            "projected": jsonable(b.attention.output, "block.projected", w),
            "residual_1": jsonable(b.residual_1, "block.residual_1", w),
            "norm_1": jsonable(b.norm_1.output, "block.norm_1", w),
            "hidden": jsonable(b.hidden, "block.hidden", w),
            "feed_forward": jsonable(b.ff, "block.feed_forward", w),
            "residual_2": jsonable(b.residual_2, "block.residual_2", w),
            "output": jsonable(b.output, "block.output", w),
        },
        "warnings": w,
    }
