"""The numbers a view shows about a trace, beyond the trace's own values: computed once, with the
trace, so every view (terminal, documents, notebooks) and the JSON have the same ones.

``prediction`` is called by ``forward.run`` for each step; ``bptt`` by ``bptt.run`` (its result
is ``BPTTTrace.analysis``); ``compare`` for ``bptt --compare``. Numpy only; nothing here formats.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from rnntrace.cells import ACTIVATIONS
from rnntrace.gates import Survival, survival

FAR_SHARE_SMALL = 0.1  # the far terms of the lecture's sum below this share: truncating them is safe


def prediction(prob: np.ndarray, vocab: list[str], target: str | None) -> tuple[str | None, float | None, float | None]:
    """(predicted word, its probability, the target's probability) for one step's p_t. No
    prediction when p_t holds inf or nan (argmax means nothing there); no p_target without a
    target."""
    finite = bool(np.all(np.isfinite(prob)))
    best = int(np.argmax(prob)) if finite else None
    p_target = None if target is None else float(prob[vocab.index(target)])
    return (vocab[best] if finite else None), (float(prob[best]) if finite else None), p_target


def per_step(logs: np.ndarray) -> float:
    """The average factor per step of ‖∂h^(T)/∂h^(k)‖: the slope of the chart's line from
    distance 1 to distance T (``logs[k]`` is log10 of the norm at k = 0 … T−1), as a factor."""
    T = len(logs)
    first, last = float(logs[T - 1]), float(logs[0])
    if T == 1:
        return 10.0 ** first if math.isfinite(first) else (0.0 if first == -math.inf else math.nan)
    if not (math.isfinite(first) and math.isfinite(last)):
        return 0.0 if last == -math.inf and math.isfinite(first) else math.nan
    return 10.0 ** ((last - first) / (T - 1))


def decay(logs: np.ndarray) -> str | None:
    """How the norm changes with distance: ``down`` or ``up`` when every step goes the same way
    (a geometric decay or growth), ``uneven`` otherwise; None for one step or inf/nan norms."""
    if len(logs) < 2 or not np.all(np.isfinite(logs)):
        return None
    steps = np.diff(logs[::-1])  # change of log10 norm per unit of distance
    if np.all(steps <= 0) or np.all(steps >= 0):
        return "down" if per_step(logs) < 1 else "up"
    return "uneven"


@dataclass
class SumShares:
    """The lecture's sum at step t: each term's share of the sum of the terms' sizes (k = 1 … t),
    and the verdict on truncating it. ``far`` is the share of the terms at distance ≥ ``d``,
    ``near`` that of the term k = t; ``verdict``: ``small`` (far < 10 %: truncation is safe),
    ``near`` (the nearest term outweighs the far ones), ``far``; None when t < 3 or a share is
    undefined."""

    shares: np.ndarray  # (t,); nan when the sizes are not all finite
    positive: np.ndarray  # (t,) bool: the term is not 0 (even where its share underflows to 0)
    d: int
    far: float | None
    near: float | None
    far_positive: bool
    verdict: str | None


def sum_shares(log10_term: np.ndarray) -> SumShares:
    at = len(log10_term)
    with np.errstate(all="ignore"):
        finite = np.isfinite(log10_term)
        top = np.max(log10_term[finite]) if finite.any() else 0.0
        # shares of the sum of the sizes, from the logs (a term of 1e-3000 is a share of 0, not nan)
        sizes = np.where(finite, 10.0 ** (log10_term - top), np.where(log10_term == -np.inf, 0.0, np.nan))
        shares = sizes / np.sum(sizes) if np.sum(sizes) > 0 else sizes * np.nan
    d = max(2, at // 2)
    far = near = verdict = None
    far_positive = False
    if at >= 3 and np.all(np.isfinite(shares)):
        # distance t − k ≥ d means k ≤ t − d: the first t − d terms (k = 1 … t − d)
        far, near = float(np.sum(shares[: at - d])), float(shares[at - 1])
        far_positive = bool(np.any(finite[: at - d]))
        verdict = "small" if far < FAR_SHARE_SMALL else ("near" if far < near else "far")
    return SumShares(shares, finite, d, far, near, far_positive, verdict)


@dataclass
class BPTTAnalysis:
    """What ``bptt``'s views say about a run, beyond its values."""

    p_target: np.ndarray  # (T,) p_t of the target word, nan where there is no target
    grad_norms: dict[str, float]  # Frobenius norm of each ∂L/∂θ
    largest_grad: str  # the parameter with the largest gradient norm (nan counts as smallest)
    per_step: float  # average factor per step of ‖∂h^(T)/∂h^(k)‖ (nan when undefined)
    decay: str | None  # down | up | uneven | None (see ``decay``)
    jacobian_max: int | None  # 1-based i of the largest ‖J^(i)‖ (None when every norm is nan)
    jacobian_min: int | None
    bound_rate: float | None  # γ·σ_max(W_hh), the bound's factor per step (Elman)
    mean_slope: float | None  # mean of the activation's derivative over every step and unit (Elman)
    gate_mean: float | None  # mean of the additive path's gate (z_t for a GRU, f_t for an LSTM)
    b_f: float | None  # the LSTM's forget bias when every entry is the same, else None
    sums: SumShares | None
    survival: Survival | None = None  # does ‖∂s^(T)/∂s^(k)‖ stay ≥ 1 back to k = 1 (rnntrace.gates)


def bptt(tr) -> BPTTAnalysis:
    """The figures of a ``bptt.BPTTTrace``."""
    with np.errstate(all="ignore"):
        P = tr.values["p"]
        index = {w: i for i, w in enumerate(tr.vocab)}
        p_target = np.array([P[i][index[g]] if g is not None else np.nan for i, g in enumerate(tr.targets)])
        grad_norms = {n: float(np.linalg.norm(g)) for n, g in tr.grads.items()}
        lj = tr.log10_jacobian_norms
        ok = np.where(np.isnan(lj), -np.inf, lj)
        jmax = jmin = None
        if np.any(np.isfinite(ok)):
            jmax = int(np.argmax(ok)) + 1
            jmin = int(np.argmin(np.where(np.isnan(lj), np.inf, lj))) + 1
        slope = rate = None
        if tr.bound is not None:
            rate = tr.bound.gamma * tr.bound.sigma_max
            slope = float(np.mean(ACTIVATIONS[tr.activation][1](tr.values["a"], tr.values["h"])))
    largest = max(grad_norms, key=lambda n: -1.0 if grad_norms[n] != grad_norms[n] else grad_norms[n])
    gate_mean = float(np.mean(tr.paths.gate_values)) if tr.paths is not None else None
    b_f = None
    if "b_f" in tr.params:
        bf = tr.params["b_f"]
        b_f = float(np.mean(bf)) if np.all(bf == bf.flat[0]) else None
    logs = tr.products.log10_norm
    return BPTTAnalysis(p_target, grad_norms, largest, per_step(logs), decay(logs), jmax, jmin, rate, slope,
                        gate_mean, b_f, sum_shares(tr.sums.log10_term) if tr.sums is not None else None,
                        survival(logs))
