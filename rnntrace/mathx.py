"""Numerically careful elementwise functions shared by every computation.

numpy only; everything in float64. Nothing here formats text.
"""
from __future__ import annotations

import numpy as np


def sigmoid(a: np.ndarray) -> np.ndarray:
    """σ(a) = 1 / (1 + e^(−a)), computed without overflow for large |a|."""
    a = np.asarray(a, dtype=np.float64)
    out = np.empty_like(a)
    pos = a >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-a[pos]))
    ea = np.exp(a[~pos])
    out[~pos] = ea / (1.0 + ea)
    return out


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
