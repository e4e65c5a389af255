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
from rnntrace.mathx import norm, pow10

FAR_SHARE_SMALL = 0.1  # the far terms of the lecture's sum below this share: truncating them is safe
STEADY = math.log10(2.0)  # a step's factor within ×/÷ 2 of the average: a nearly straight line on a log scale
SATURATED = 0.5  # a mean slope f′(a_t) below this fraction of its largest, γ: the activation saturates
NEAR_IDENTITY = 0.05  # |tanh(a) − a| within this fraction of |a|: tanh is almost the identity there
SATURATES_AT = 0.99  # |tanh(a)| at least this: that entry is saturated


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
    distance 1 to distance T (``logs[k]`` is log10 of the norm at k = 0 … T−1), as a factor
    (inf when it is beyond float64, as a relu step with weights of 1e308 makes it)."""
    T = len(logs)
    first, last = float(logs[T - 1]), float(logs[0])
    if T == 1:
        return pow10(first) if math.isfinite(first) else (0.0 if first == -math.inf else math.nan)
    if not (math.isfinite(first) and math.isfinite(last)):
        return 0.0 if last == -math.inf and math.isfinite(first) else math.nan
    return pow10((last - first) / (T - 1))


def decay(logs: np.ndarray) -> str | None:
    """How the norm changes with distance: ``down`` or ``up`` when each step's factor is within
    STEADY (a factor of 2) of the average factor on a log scale, so the chart's line is nearly
    straight (a geometric decay or growth), ``uneven`` otherwise; None for one step or inf/nan
    norms."""
    if len(logs) < 2 or not np.all(np.isfinite(logs)):
        return None
    steps = np.diff(logs[::-1])  # change of log10 norm per unit of distance
    if np.max(np.abs(steps - np.mean(steps))) <= STEADY:
        return "down" if per_step(logs) < 1 else "up"
    return "uneven"


@dataclass
class SumShares:
    """The lecture's sum at step t: each term's share of the sum of the terms' sizes (k = 1 … t),
    and the verdict on truncating it. ``far`` is the share of the terms at distance ``d`` …
    ``d_max``, ``near`` that of the term k = t. ``d_max`` is t − 1, or t − 2 when the term k = 1 is
    exactly 0 (h^(0) = 0 makes it so, whatever the distance: it says nothing about vanishing).
    ``verdict``: ``small`` (far < 10 %: truncation is safe), ``near`` (the nearest term outweighs
    the far ones), ``far``; ``h0`` when the only far term is that exact 0; None when t < 3 or a
    share is undefined. ``nearest_largest``: the term k = t has the largest share."""

    shares: np.ndarray  # (t,); nan when the sizes are not all finite
    positive: np.ndarray  # (t,) bool: the term is not 0 (even where its share underflows to 0)
    d: int
    far: float | None
    near: float | None
    far_positive: bool
    verdict: str | None
    d_max: int = 0
    nearest_largest: bool = False


def sum_shares(log10_term: np.ndarray) -> SumShares:
    at = len(log10_term)
    with np.errstate(all="ignore"):
        finite = np.isfinite(log10_term)
        top = np.max(log10_term[finite]) if finite.any() else 0.0
        # shares of the sum of the sizes, from the logs (a term of 1e-3000 is a share of 0, not nan)
        sizes = np.where(finite, 10.0 ** (log10_term - top), np.where(log10_term == -np.inf, 0.0, np.nan))
        shares = sizes / np.sum(sizes) if np.sum(sizes) > 0 else sizes * np.nan
    d = max(2, at // 2)
    zero_first = at > 0 and log10_term[0] == -np.inf  # k = 1: h^(0) = 0
    d_max = at - 2 if zero_first else at - 1
    far = near = verdict = None
    far_positive = nearest = False
    if at >= 3 and np.all(np.isfinite(shares)):
        # distance t − k ≥ d means k ≤ t − d: the first t − d terms (k = 1 … t − d); an exact 0 at
        # k = 1 adds nothing to the share, and is not counted as a far term that vanished
        far, near = float(np.sum(shares[: at - d])), float(shares[at - 1])
        far_positive = bool(np.any(finite[: at - d]))
        nearest = bool(shares[at - 1] >= np.max(shares))
        if d_max < d:
            verdict = "h0"
        else:
            verdict = "small" if far < FAR_SHARE_SMALL else ("near" if far < near else "far")
    return SumShares(shares, finite, d, far, near, far_positive, verdict, d_max, nearest)


def exploding(logs: np.ndarray, sums: SumShares | None) -> str | None:
    """What the bound's note may say once the products grow (‖∂h^(T)/∂h^(0)‖ > 1), from the
    lecture's sum on the same page: ``dominate`` when the far terms give at least the nearest
    one's share (verdict ``far``), ``nearest`` when the nearest term has the largest share; None
    when the products do not grow or the sum says neither."""
    if not len(logs) or not logs[0] > 0 or sums is None or sums.verdict is None:
        return None
    if sums.verdict == "far":
        return "dominate"
    return "nearest" if sums.nearest_largest else None


def shrinking(logs: np.ndarray, activation: str, mean_slope: float | None, rate: float | None) -> str | None:
    """Why the products shrink although γ·σ_max ≥ 1 (the bound's note): ``saturated`` when the
    mean slope is below SATURATED·γ for tanh or σ, ``off`` when relu′ is 0 somewhere (mean slope
    below 1), ``ceiling`` otherwise; None when γ·σ_max (``rate``) is below 1 (the bound itself
    vanishes) or ‖∂h^(T)/∂h^(0)‖ is not below 1 or is undefined."""
    if rate is None or not rate >= 1.0 or not len(logs) or not logs[0] < 0 or mean_slope is None \
            or mean_slope != mean_slope:
        return None
    gamma = ACTIVATIONS[activation][2]
    if activation == "relu":
        return "off" if mean_slope < 1.0 else "ceiling"
    return "saturated" if mean_slope < SATURATED * gamma else "ceiling"


def tanh_examples(a: np.ndarray, h: np.ndarray) -> tuple[int | None, int | None]:
    """(an entry where tanh is almost the identity, an entry where it saturates), as indices of
    ``a`` (None where there is none). Near the identity: a ≠ 0 with |tanh(a) − a| ≤
    NEAR_IDENTITY·|a|, the largest such |a|; saturated: |h| ≥ SATURATES_AT, the largest |a|."""
    a, h = np.asarray(a, dtype=np.float64).ravel(), np.asarray(h, dtype=np.float64).ravel()
    with np.errstate(all="ignore"):
        size = np.abs(a)
        near = np.isfinite(a) & (a != 0) & (np.abs(h - a) <= NEAR_IDENTITY * size)
        sat = np.isfinite(h) & (np.abs(h) >= SATURATES_AT)
    pick = lambda mask: int(np.argmax(np.where(mask, np.where(np.isfinite(size), size, np.inf), -1.0))) \
        if mask.any() else None  # noqa: E731
    return pick(near), pick(sat)


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
    exploding: str | None = None  # see ``exploding``: what the bound's note says of growing products
    shrinking: str | None = None  # see ``shrinking``: why products shrink although γ·σ_max ≥ 1
    slope_range: tuple[float, float] | None = None  # Elman: min and max of f′(a^(i)) over every i and unit
    order: tuple[float, float] | None = None  # log10 ‖J^(T)·J^(T−1)‖ and ‖J^(T−1)·J^(T)‖ (T ≥ 2)
    survival: Survival | None = None  # does ‖∂s^(T)/∂s^(k)‖ stay ≥ 1 back to k = 1 (rnntrace.gates)


def product_orders(J: np.ndarray) -> tuple[float, float] | None:
    """log10 of the spectral norms of J^(T)·J^(T−1) (numerator layout: ∂h^(T)/∂h^(T−2), the later
    Jacobian on the left) and of J^(T−1)·J^(T) (the order the lecture writes, right only in the
    denominator layout); each factor divided by its largest entry first, so neither overflows nor
    underflows. None for T < 2 or a factor with inf or nan."""
    if len(J) < 2 or not np.all(np.isfinite(J[-2:])):
        return None
    a, b = J[-1], J[-2]
    sa, sb = float(np.max(np.abs(a))), float(np.max(np.abs(b)))
    if sa == 0 or sb == 0:
        return -math.inf, -math.inf
    A, B = a / sa, b / sb
    with np.errstate(divide="ignore"):
        log = math.log10(sa) + math.log10(sb)
        return (float(np.log10(np.linalg.norm(A @ B, 2))) + log, float(np.log10(np.linalg.norm(B @ A, 2))) + log)


def bptt(tr) -> BPTTAnalysis:
    """The figures of a ``bptt.BPTTTrace``."""
    with np.errstate(all="ignore"):
        P = tr.values["p"]
        index = {w: i for i, w in enumerate(tr.vocab)}
        p_target = np.array([P[i][index[g]] if g is not None else np.nan for i, g in enumerate(tr.targets)])
        grad_norms = {n: norm(float(np.linalg.norm(g)), g) for n, g in tr.grads.items()}
        lj = tr.log10_jacobian_norms
        ok = np.where(np.isnan(lj), -np.inf, lj)
        jmax = jmin = None
        if np.any(np.isfinite(ok)):
            jmax = int(np.argmax(ok)) + 1
            jmin = int(np.argmin(np.where(np.isnan(lj), np.inf, lj))) + 1
        slope = rate = slopes = None
        if tr.bound is not None:
            rate = tr.bound.gamma * tr.bound.sigma_max
            f_prime = ACTIVATIONS[tr.activation][1](tr.values["a"], tr.values["h"])
            slope = float(np.mean(f_prime))
            slopes = (float(np.min(f_prime)), float(np.max(f_prime)))
    largest = max(grad_norms, key=lambda n: -1.0 if grad_norms[n] != grad_norms[n] else grad_norms[n])
    gate_mean = float(np.mean(tr.paths.gate_values)) if tr.paths is not None else None
    b_f = None
    if "b_f" in tr.params:
        bf = tr.params["b_f"]
        b_f = float(bf.flat[0]) if np.all(bf == bf.flat[0]) else None  # one value (a mean of ±1e308s overflows)
    logs = tr.products.log10_norm
    sums = sum_shares(tr.sums.log10_term) if tr.sums is not None else None
    return BPTTAnalysis(p_target, grad_norms, largest, per_step(logs), decay(logs), jmax, jmin, rate, slope,
                        gate_mean, b_f, sums, exploding(logs, sums),
                        shrinking(logs, tr.activation, slope, rate) if tr.bound is not None else None, slopes,
                        product_orders(tr.jacobians), survival(logs))


SUGGESTED_FORGET_BIAS = 3.0  # what ``bptt --compare``'s note suggests for b_f when f_t is far from 1
FORGET_LOW = 0.9  # a mean f_t below this: the LSTM's memory loses a visible part of its gradient


@dataclass
class CompareAnalysis:
    """What ``bptt --compare``'s notes say, from its three traces (rnn, gru, lstm).

    ``keeps``: log10 of how many times the LSTM's ‖∂s^(T)/∂s^(0)‖ is the Elman cell's, when it is
    larger (else None). ``gap_grows``: the LSTM's advantage (log10 of the ratio) is positive at
    distance T and larger there than at distance 1. ``forget_low``: its mean f_t is below
    FORGET_LOW. ``forget_untrained``: f_t's weights were drawn from the seed. ``suggested``: the
    mean f_t the same LSTM has with b_f = SUGGESTED_FORGET_BIAS on this sentence, when that is
    larger than its mean f_t now (None otherwise)."""

    keeps: float | None
    gap_grows: bool
    forget_low: bool
    forget_untrained: bool
    suggested: float | None


def compare(traces) -> CompareAnalysis:
    rnn, _, lstm = traces
    e_rnn, e_lstm = rnn.products.log10_norm, lstm.products.log10_norm
    end = float(e_lstm[0] - e_rnn[0]) if math.isfinite(e_rnn[0]) and math.isfinite(e_lstm[0]) else math.nan
    keeps = end if end > 0 else None
    first = float(e_lstm[-1] - e_rnn[-1]) if math.isfinite(e_rnn[-1]) and math.isfinite(e_lstm[-1]) else math.nan
    gap_grows = bool(end > 0 and end > first)
    f_mean = lstm.analysis.gate_mean
    suggested = None
    bf = lstm.params["b_f"]
    if f_mean < FORGET_LOW and np.all(np.isfinite(bf)) and np.all(bf < SUGGESTED_FORGET_BIAS):
        mean = mean_forget(lstm, SUGGESTED_FORGET_BIAS)
        suggested = mean if mean > f_mean else None
    return CompareAnalysis(keeps, gap_grows, bool(f_mean < FORGET_LOW),
                           "W_xf" in lstm.drawn and "W_hf" in lstm.drawn, suggested)


def mean_forget(lstm, b_f: float) -> float:
    """Mean f_t over the sentence of an LSTM trace's weights with every entry of b_f set to ``b_f``
    (the forward pass again, from h_0 = c_0 = 0)."""
    from rnntrace import scan
    from rnntrace.mathx import sigmoid

    P = {**lstm.params, "b_f": np.full(lstm.hidden_size, float(b_f))}
    position = {w: i for i, w in enumerate(lstm.vocab)}
    idx = np.array([position[w] for w in lstm.sentence])
    hs, _ = scan.states("lstm", P, idx)
    h_prev = np.vstack([np.zeros((1, lstm.hidden_size)), hs[:-1]])
    with np.errstate(all="ignore"):
        f = sigmoid(P["W_xf"][idx] + h_prev @ P["W_hf"] + P["b_f"])
    return float(np.mean(f))


@dataclass
class SlideStep:
    """The slide's step on the lecture's example (``forward`` at t = 1): where x_1 has its 1,
    what it picks from each input weight (x_1·W_x·, read off the step's own ops, in the cell's
    order), and whether the slide's h_0·W_hy = 0 differs from the output at t = 1 (h_1 ≠ 0)."""

    index: int
    inputs: list[tuple[str, np.ndarray]]
    output_slip: bool


def slide_step(step) -> SlideStep | None:
    """The slide's step for ``step`` (a ``trace.Step``) when it is t = 1 with a one-hot x_1 and
    the state starts at 0 (else None)."""
    from rnntrace.trace import MatMul, Sym

    x = np.asarray(step.values["x"])
    if step.t != 1 or np.count_nonzero(x) != 1 or np.count_nonzero(x == 1.0) != 1:
        return None
    inputs = [(op.expr.mat.name, np.asarray(op.value)) for op in step.ops
              if isinstance(op.expr, MatMul) and isinstance(op.expr.vec, Sym) and op.expr.vec.name == "x_t"
              and isinstance(op.expr.mat, Sym)]
    h = np.asarray(step.values["h"])
    return SlideStep(int(np.argmax(x)), inputs, bool(np.any(h != 0)))
