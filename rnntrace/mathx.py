"""Numerically careful elementwise functions shared by every computation.

numpy only; everything in float64. Nothing here formats text.
"""
from __future__ import annotations

import math

import numpy as np


def sigmoid(a: np.ndarray) -> np.ndarray:
    """σ(a) = 1 / (1 + e^(−a)), computed without overflow for large |a|: with e = e^(−|a|) ≤ 1,
    σ(a) = 1 / (1 + e) for a ≥ 0 and e / (1 + e) below (the same two formulas on each side as
    picking the halves out and back, without the copies: a third of the time on 10,000×3)."""
    a = np.asarray(a, dtype=np.float64)
    pos = a >= 0
    e = np.exp(np.where(pos, -a, a))  # a nan stays on the lower side, as it always has
    d = 1.0 + e
    return np.where(pos, 1.0 / d, e / d)


def softmax(y: np.ndarray, axis: int = -1) -> np.ndarray:
    """softmax(y)_j = e^(y_j − max y) / Σ_k e^(y_k − max y): shifting by the max changes nothing
    mathematically and keeps every exponent ≤ 0, so nothing overflows.

    A row holding NaN or ±inf gives NaN (the caller reports it); a row of −inf only (every entry
    masked) gives zeros rather than 0/0.
    """
    y = np.asarray(y, dtype=np.float64)
    m = np.max(y, axis=axis, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    with np.errstate(invalid="ignore", over="ignore"):
        e = np.exp(y - m)
        s = np.sum(e, axis=axis, keepdims=True)
        return np.where(s > 0, e / np.where(s > 0, s, 1.0), 0.0)


def log_softmax(y: np.ndarray, axis: int = -1) -> np.ndarray:
    """log softmax(y) = y − max y − log Σ e^(y − max y), stable for large logits."""
    y = np.asarray(y, dtype=np.float64)
    m = np.max(y, axis=axis, keepdims=True)
    with np.errstate(invalid="ignore", over="ignore"):
        z = y - m
        return z - np.log(np.sum(np.exp(z), axis=axis, keepdims=True))


def cross_entropy(y: np.ndarray, target: int) -> float:
    """L = −log p[target] with p = softmax(y), from the logits (stable)."""
    return float(-log_softmax(y)[target])


def log_slope(activation: str, a: np.ndarray) -> np.ndarray:
    """ln f′(a) for the Elman cell's activation, exact where f′(a) itself is not representable.

    tanh: f′ = 1 − tanh²(a) = sech²(a), and 1 − h² rounds to 0 once |a| > 19 (h rounds to ±1)
    though sech²(a) ≈ 4·e^(−2|a|) is still far from 0; so
        ln sech²(a) = ln 4 − 2|a| − 2·ln(1 + e^(−2|a|)).
    sigmoid: ln σ′(a) = ln σ(a) + ln σ(−a) = −|a| − 2·ln(1 + e^(−|a|)).
    relu: 0 where a > 0, −inf elsewhere (f′ = 0 exactly).
    """
    a = np.asarray(a, dtype=np.float64)
    with np.errstate(all="ignore"):
        m = np.abs(a)
        if activation == "tanh":
            return np.log(4.0) - 2.0 * m - 2.0 * np.log1p(np.exp(-2.0 * m))
        if activation == "sigmoid":
            return -m - 2.0 * np.log1p(np.exp(-m))
        return np.where(a > 0, 0.0, np.where(np.isnan(a), np.nan, -np.inf))


def log_sigmoid(a: np.ndarray) -> np.ndarray:
    """ln σ(a) = −ln(1 + e^(−a)), exact where σ(a) rounds to 1 or underflows (ln σ(−a) is ln(1 − σ(a)))."""
    a = np.asarray(a, dtype=np.float64)
    with np.errstate(all="ignore"):
        return np.minimum(a, 0.0) - np.log1p(np.exp(-np.abs(a)))


def times_pow10(M: np.ndarray, log10) -> np.ndarray:
    """M·10^log10 in float64: inf or 0 where the result leaves the range, but an exact 0 of M stays
    0 (never 0·inf = nan); a nan in M or in log10 gives nan. 10^log10 is applied in two halves, so
    a product that fits is not lost to an intermediate 10^log10 = inf or 0. ``log10`` is a number
    or an array of one per matrix of a stack M (n, …)."""
    M = np.asarray(M, dtype=np.float64)
    e = np.asarray(log10, dtype=np.float64).reshape(np.shape(log10) + (1,) * (M.ndim - np.ndim(log10)))
    with np.errstate(all="ignore"):
        half = np.where(np.isfinite(e), e / 2, e)
        rest = np.where(np.isfinite(e), e - half, 0.0)
        out = M * np.power(10.0, half) * np.power(10.0, rest)
        return np.where((M == 0) & ~np.isnan(e), 0.0, out)


def norm(plain: float, *arrays: np.ndarray) -> float:
    """‖·‖₂ of every entry of ``arrays`` together, given ``plain``: the same norm as the caller
    computed it (the square root of a sum of squares), returned as it is unless it overflowed to
    inf while every entry is finite. Entries above ~1.3e154 square to inf though their norm may be
    far below float64's 1.8e308 (a gradient of 1e166 after 560 exploding steps): then it is
    computed again with the entries divided by the largest one first, and is inf only if it is."""
    if not math.isinf(plain) or not all(np.all(np.isfinite(a)) for a in arrays):
        return plain
    top = max(float(np.max(np.abs(a))) for a in arrays if np.size(a))
    with np.errstate(over="ignore"):
        return top * math.sqrt(sum(float(np.sum(np.square(np.asarray(a) / top))) for a in arrays))


def pow10(x: float) -> float:
    """10^x as a float: inf above float64's range, where Python's ``**`` raises OverflowError
    (a factor per step read back from a log10 norm can be beyond 1.8e308)."""
    try:
        return 10.0 ** x
    except OverflowError:
        return math.inf
