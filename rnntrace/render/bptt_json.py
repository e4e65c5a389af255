"""``rnntrace bptt --format json``: the forward document's fields, then the backward pass.

``loss``, ``grads`` (every parameter, the names and shapes of ``params``), ``backward`` (the
step-by-step view's steps, t = T … 1, each {t, token, target, ops}, the ops as in ``steps``;
null in the summary view and when their values hold more than ``BACKWARD_LIMIT`` numbers),
``backward_omitted`` (null, or {numbers, limit} when they were left out), ``jacobians``
({t, matrix} for t = 1 … T; null when the T matrices hold more than ``JACOBIAN_LIMIT`` numbers),
``jacobians_omitted`` (null, or {numbers, limit} when they were left out), ``norms`` ({k, distance, norm, log10_norm} for ∂h_T/∂h_k,
k = 0 … T−1: ``norm`` is null where it leaves float64's range, ``log10_norm`` only for an exact
zero), ``bound`` ({sigma_max, gamma, holds}; null for gated cells), ``gradcheck``
({max_rel_error, epsilon, stencil, per_parameter, abs_error, resolution, confirmed, levels, and
per parameter its status, entries, entries_checked and sampled}; null when off), ``sum`` (the lecture's sum at ``t``), ``warnings``.
"""
from __future__ import annotations

import math

import numpy as np

from rnntrace.render.jsondoc import Records, cell_fields, forward_document, gc_paused, jsonable, op_entries

# The Jacobians are written while the T matrices hold at most this many numbers (about 40 MB of
# JSON). An LSTM at H = 256 over 50 steps has 50 of 512×512: 13 million numbers, 258 MB of JSON,
# two minutes and 2.2 GB to write; its norms, the products' norms and the bound are written
# whatever the size.
JACOBIAN_LIMIT = 2_000_000
# The step-by-step view's backward ops are written while their values hold at most this many
# numbers: two bidirectional LSTM layers over the lecture's 5 steps hold 705,000 at H = 64 (14 MB
# of JSON) and 11 million at H = 256; the gradients are written whatever the size.
BACKWARD_LIMIT = 2_000_000


def backward_size(steps) -> int:
    """How many numbers the ops of the backward steps hold (what ``backward`` would write)."""
    return sum(int(np.size(op.value)) for s in steps for op in s.ops)


def numbers(arr, path: str, warnings: list[str]):
    """The array itself (float64) when every entry is finite, else ``jsonable``'s lists."""
    arr = np.asarray(arr, dtype=np.float64)
    return (arr if arr.ndim else float(arr)) if np.all(np.isfinite(arr)) else jsonable(arr, path, warnings)


def matrices(stack: np.ndarray, path: str, warnings: list[str]) -> list[dict] | Records:
    """[{t, matrix}] for t = 1 … T: ``numbers`` of each matrix, with the finite ones (nearly all)
    found in one call (all finite: ``Records``, written at once)."""
    stack = np.asarray(stack, dtype=np.float64)
    finite = np.isfinite(stack.reshape(len(stack), -1)).all(axis=1).tolist()
    if all(finite) and stack.ndim == 3:
        return Records({"t": list(range(1, len(stack) + 1)), "matrix": stack})
    return [{"t": i + 1, "matrix": stack[i] if ok else jsonable(stack[i], f"{path}[{i}].matrix", warnings)}
            for i, ok in enumerate(finite)]


def step_records(tr) -> Records | None:
    """The summary view's steps (no ops) as ``Records``, straight from the stacked values: the
    objects ``forward_trace``'s steps would give, written at once. None for the short view's
    steps (they carry ops) and when a step holds inf or nan (``forward_document`` then writes
    ``forward_trace``'s steps, with their nulls and warnings)."""
    from rnntrace.bptt import value_names

    if tr.forward_trace is not None or not tr.T:
        return None
    names = value_names(tr)
    values = {n: np.asarray(tr.values[n], dtype=np.float64) for n in names}
    if any(v.ndim != 2 or not np.isfinite(v).all() for v in values.values()):
        return None
    losses = tr.losses.tolist()
    loss = [None if g is None else x for g, x in zip(tr.targets, losses)]
    if not all(x is None or math.isfinite(x) for x in loss):
        return None
    values["loss"] = loss
    T = tr.T
    best = np.argmax(values["p"], axis=1).tolist()
    return Records({"t": list(range(1, T + 1)), "token": list(tr.sentence), "target": list(tr.targets),
                    "prediction": [tr.vocab[b] for b in best], "values": Records(values),
                    "ops": [[] for _ in range(T)]})


def logs(x: float, path: str, warnings: list[str]):
    """A log10 size: null for an exact zero (−inf), null and a warning for nan or +inf."""
    if math.isfinite(x):
        return x
    return None if x == -math.inf else jsonable(x, path, warnings)


def norm_entry(k: int, distance: int, log10: float, path: str, warnings: list[str]) -> dict:
    """{k, distance, norm, log10_norm}: the norm itself when float64 can hold it. ``path`` is
    ``norms``' list path: this entry's is made only if a warning needs it."""
    norm = None
    if math.isfinite(log10):
        if log10 < 308.25:
            v = 10.0 ** log10
            norm = v if v > 0 else None
        return {"k": k, "distance": distance, "norm": norm, "log10_norm": log10}
    return {"k": k, "distance": distance, "norm": norm, "log10_norm": logs(log10, f"{path}[{k}].log10_norm", warnings)}


def norms(log10: list[float] | object, T: int, path: str, warnings: list[str]) -> list[dict] | Records:
    """``norm_entry`` for k = 0 … T−1; as ``Records`` when no log10 is nan or +inf (10,000 steps)."""
    values = np.asarray(log10, dtype=float).tolist()
    if not _no_warning(values):
        return [norm_entry(k, T - k, x, path, warnings) for k, x in enumerate(values)]
    powers = [10.0 ** x if x < 308.25 else 0.0 for x in values]  # −inf: 0.0
    return Records({"k": list(range(len(values))), "distance": [T - k for k in range(len(values))],
                    "norm": [v if v > 0 else None for v in powers], "log10_norm": _zero_null(values)})


def _no_warning(values: list[float]) -> bool:
    """No nan and no +inf among log10 sizes: ``logs`` would warn about none of them."""
    return not any(x != x or x == math.inf for x in values)


def _zero_null(values: list[float]) -> list[float | None]:
    """``logs`` of log10 sizes with no nan or +inf: null for an exact zero (−inf)."""
    return [None if x == -math.inf else x for x in values]


def bound(b) -> dict | None:
    if b is None:
        return None
    return {"sigma_max": b.sigma_max if math.isfinite(b.sigma_max) else None, "gamma": b.gamma, "holds": b.holds}


def document(tr, conv: str = "row") -> dict:
    with gc_paused():
        return _document(tr, conv)


def _document(tr, conv: str) -> dict:
    from rnntrace.bptt import forward_trace

    steps = step_records(tr)
    doc = forward_document(forward_trace(tr, steps=steps is None), conv, figures=False, steps=steps)
    warnings = doc.pop("warnings")
    loss = doc.pop("loss")
    doc["command"] = "bptt"
    doc["scale"] = tr.scale
    doc["loss"] = loss
    doc["grads"] = {n: numbers(g, f"grads.{n}", warnings) for n, g in tr.grads.items()}
    ops = 0 if tr.steps is None else backward_size(tr.steps)
    doc["backward"] = None if tr.steps is None or ops > BACKWARD_LIMIT else [
        {"t": s.t, "token": s.token, "target": s.target,
         "ops": op_entries(s.ops, conv, f"backward[{k}]", warnings)} for k, s in enumerate(tr.steps)]
    doc["backward_omitted"] = None if ops <= BACKWARD_LIMIT else {"numbers": ops, "limit": BACKWARD_LIMIT}
    size = int(np.size(tr.jacobians))
    doc["jacobians"] = matrices(tr.jacobians, "jacobians", warnings) if size <= JACOBIAN_LIMIT else None
    doc["jacobians_omitted"] = None if size <= JACOBIAN_LIMIT else {"numbers": size, "limit": JACOBIAN_LIMIT}
    doc["norms"] = norms(tr.products.log10_norm, tr.T, "norms", warnings)
    doc["bound"] = bound(tr.bound)
    doc["gradcheck"] = gradcheck(tr.gradcheck, warnings)
    s = tr.sums
    doc["sum"] = None if s is None else {
        "t": s.t, "weights": s.weights,
        "terms": sum_terms(s, warnings)}
    doc["analysis"] = analysis(tr.analysis, tr.targets, warnings)
    doc["warnings"] = warnings
    return doc


def sum_terms(s, warnings: list[str]) -> list[dict] | Records:
    """The lecture's sum at t, term by term: {k, distance, log10_product_norm, log10_term_norm}
    (a log10 null for an exact 0, and for nan or +inf with a warning); ``Records`` when no log10
    is nan or +inf."""
    P, Q = s.log10_product.tolist(), s.log10_term.tolist()
    if _no_warning(P) and _no_warning(Q):
        return Records({"k": list(range(1, len(P) + 1)), "distance": [s.t - k - 1 for k in range(len(P))],
                        "log10_product_norm": _zero_null(P), "log10_term_norm": _zero_null(Q)})
    return [{"k": k + 1, "distance": s.t - k - 1,
             "log10_product_norm": p if math.isfinite(p) else logs(p, f"sum.terms[{k}].log10_product_norm", warnings),
             "log10_term_norm": q if math.isfinite(q) else logs(q, f"sum.terms[{k}].log10_term_norm", warnings)}
            for k, (p, q) in enumerate(zip(P, Q))]


def analysis(a, targets: list, warnings: list[str], path: str = "analysis") -> dict:
    """The figures the views show (``rnntrace.analysis.BPTTAnalysis``); ``p_target`` is null
    where the step has no target."""
    s = a.sums
    p_target = [None if g is None else p for g, p in zip(targets, a.p_target.tolist())]
    if not all(p is None or math.isfinite(p) for p in p_target):  # else the list as it is (10,000 steps)
        p_target = jsonable(p_target, f"{path}.p_target", warnings)
    return {"p_target": p_target, **jsonable({
        "grad_norms": a.grad_norms, "largest_grad": a.largest_grad,
        "per_step_factor": a.per_step, "decay": a.decay,
        "jacobian_max": a.jacobian_max, "jacobian_min": a.jacobian_min,
        "bound_rate": a.bound_rate, "mean_activation_slope": a.mean_slope, "gate_mean": a.gate_mean,
        "forget_bias": a.b_f, "exploding": a.exploding, "shrinking": a.shrinking,
        "sum_shares": None if s is None else {"shares": s.shares, "far_distance": s.d,
                                              "far_max_distance": s.d_max, "far": s.far,
                                              "near": s.near, "verdict": s.verdict},
        "survival": None if a.survival is None else {
            "log10_smallest": a.survival.log10_smallest, "k_smallest": a.survival.k_smallest,
            "log10_largest": a.survival.log10_largest,
            "k_largest": a.survival.k_largest, "survives": a.survival.survives},
    }, path, warnings)}


def compare_document(traces, conv: str = "row", forget_bias: float | None = None) -> dict:
    first = traces[0]
    warnings: list[str] = []
    curves = []
    for tr in traces:
        c = cell_fields(tr.cell, tr.gru_variant, tr.activation)
        c["norms"] = norms(tr.products.log10_norm, tr.T, f"curves.{tr.cell}.norms", warnings)
        c["bound"] = bound(tr.bound)
        c["analysis"] = analysis(tr.analysis, tr.targets, warnings, f"curves.{tr.cell}.analysis")
        curves.append(c)
    from rnntrace.analysis import SUGGESTED_FORGET_BIAS, compare

    c = compare(traces)
    comparison = jsonable({"lstm_keeps_log10": c.keeps, "gap_grows": c.gap_grows, "forget_low": c.forget_low,
                           "forget_untrained": c.forget_untrained, "suggested_forget_bias": SUGGESTED_FORGET_BIAS,
                           "suggested_forget_mean": c.suggested}, "comparison", warnings)
    return {"command": "bptt", "compare": True, "convention": conv, "example": first.example,
            "vocab": first.vocab, "sentence": first.sentence, "hidden_size": first.hidden_size,
            "seed": first.seed, "scale": first.scale, "forget_bias": forget_bias, "curves": curves,
            "comparison": comparison, "warnings": warnings}


def gradcheck(gc, warnings: list[str]) -> dict | None:
    """The gradient check as JSON (bptt's and a network's): per parameter its relative and
    absolute error, resolution, status, and how many entries were checked."""
    from rnntrace.gradcheck import LEVELS, METHOD

    return None if gc is None else {
        "max_rel_error": jsonable(gc.max_rel_error, "gradcheck.max_rel_error", warnings),
        "epsilon": gc.eps,
        "stencil": METHOD,
        "per_parameter": {p.name: jsonable(p.rel_error, f"gradcheck.per_parameter.{p.name}", warnings)
                          for p in gc.params},
        "abs_error": {p.name: jsonable(p.abs_error, f"gradcheck.abs_error.{p.name}", warnings)
                      for p in gc.params},
        "resolution": {p.name: jsonable(p.resolution, f"gradcheck.resolution.{p.name}", warnings)
                       for p in gc.params},
        "confirmed": gc.confirmed,
        "levels": LEVELS,
        "status": {p.name: p.status for p in gc.params},
        "entries": {p.name: p.entries for p in gc.params},
        "entries_checked": {p.name: p.checked for p in gc.params},
        "sampled": {p.name: p.sampled for p in gc.params},
    }
