"""The gradient check: every analytic gradient against finite differences of the loss.

For each checked entry θ_j of a parameter, central differences at LEVELS steps that halve,

    D_i = (L(θ + h_i·e_j) − L(θ − h_i·e_j)) / 2h_i,     h_i = H0 / 2^i,

and Richardson extrapolation (Ridders' method): D_i = g_j + c_1·h_i² + c_2·h_i⁴ + …, so

    A_{i,0} = D_i,   A_{i,m} = (4^m·A_{i,m−1} − A_{i−1,m−1}) / (4^m − 1)

cancels the h², h⁴, … terms one column at a time. Each A_{i,m} comes with an error estimate,
its distance to the two entries it was made from, plus the rounding of L divided by h_i; ĝ_j is
the entry whose estimate is the smallest, and that estimate is ĝ_j's *uncertainty*. A fixed
step cannot do this: the truncation error of a stencil grows with the loss's derivatives, and a
steep loss (large output weights) needs a smaller step than a flat one. Here the tableau finds
where truncation and rounding balance, entry by entry.

L is exact only to rounding: about u = 2⁻⁵³ times the size of what each step adds and subtracts
(its loss, its largest logit, and the 1 inside log Σ e^y), δ = 16·u·Σ_t (1 + |L^(t)| + max|y_t|).

Per parameter, over the checked entries (Frobenius norms), the relative error

    ‖g − ĝ‖ / max(‖g‖, ‖ĝ‖)      (0 when both are 0)

with no floor under the denominator (a floor made 3.8e-20 against an exact 0 look like 3.8e-08),
and the *resolution* ‖uncertainty‖. A parameter is then, in this order:

- ``not_checked``: ‖g‖ and ‖ĝ‖ are both within the resolution, so neither side is resolved and
  agreement would mean nothing (3.8e-20 against an exact 0 is not a confirmation); a resolution
  of 0 (no step has a target: L is 0 whatever θ is) resolves everything;
- ``confirmed``: relative error below TOLERANCE;
- ``within_resolution``: g and ĝ differ by no more than the resolution;
- ``failed``: none of these.

A small network has every entry checked; a parameter with more than SAMPLE entries has SAMPLE
of them drawn at random (half among the entries whose g is not 0, when there are enough), from a
fixed seed, so the same run checks the same entries.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from rnntrace import scan
from rnntrace.mathx import log_softmax

H0 = 1e-2  # the first step; the tableau halves it LEVELS − 1 times
LEVELS = 10
EPS = H0
TOLERANCE = 1e-6  # the relative error that confirms a gradient
UNIT_ROUNDOFF = 2.0 ** -53
SAMPLE = 128  # a parameter with more entries than this has this many checked, drawn at random
CHUNK_VALUES = 4_000_000  # floats held at once per pass (about 32 MB)
METHOD = "central differences, Richardson extrapolation (Ridders)"

STATUSES = ("confirmed", "within_resolution", "not_checked", "failed")


@dataclass
class ParamCheck:
    name: str
    rel_error: float
    norm_analytic: float  # ‖g‖ over the checked entries
    norm_numeric: float  # ‖ĝ‖ over the checked entries
    numeric: np.ndarray  # ĝ, same shape as the parameter; nan where an entry was not checked
    abs_error: float = 0.0  # ‖g − ĝ‖ over the checked entries
    resolution: float = 0.0  # ‖uncertainty of ĝ‖ over the checked entries (see the module docstring)
    entries: int = 0  # the parameter's size
    checked: int = 0  # how many of its entries were checked

    @property
    def sampled(self) -> bool:
        return self.checked < self.entries

    @property
    def status(self) -> str:
        if max(self.norm_analytic, self.norm_numeric) <= self.resolution and self.resolution > 0:
            return "not_checked"
        if self.rel_error < TOLERANCE:
            return "confirmed"
        if self.abs_error <= self.resolution:
            return "within_resolution"
        return "failed"

    @property
    def within_tolerance(self) -> bool:
        return self.status == "confirmed"

    @property
    def within_resolution(self) -> bool:
        """Not within the tolerance, but g and ĝ differ by no more than ĝ's uncertainty."""
        return self.status == "within_resolution"

    @property
    def confirmed(self) -> bool:
        return self.status in ("confirmed", "within_resolution")


@dataclass
class GradCheck:
    eps: float
    params: list[ParamCheck]

    @property
    def max_rel_error(self) -> float:
        errs = [p.rel_error for p in self.params]
        return float(np.nan if any(e != e for e in errs) else max(errs, default=0.0))

    @property
    def confirmed(self) -> bool:
        """Every parameter confirmed (to the tolerance or within the resolution): one that could
        not be checked is not confirmed."""
        return all(p.confirmed for p in self.params)

    @property
    def failed(self) -> list[str]:
        return [p.name for p in self.params if p.status == "failed"]


def rounding(P: dict, hs: np.ndarray, targets: np.ndarray) -> float:
    """δ: a generous bound on the rounding error of one evaluation of L (module docstring)."""
    b = P["b_y"]
    with np.errstate(all="ignore"):
        y = hs @ P["W_hy"] + b  # (T, V)
        logp = log_softmax(y)
    has = np.nonzero(targets >= 0)[0]
    size = 1.0 + np.abs(logp[has, targets[has]]) + np.max(np.abs(y[has]), axis=-1, initial=0.0)
    return float(16.0 * UNIT_ROUNDOFF * np.sum(size))


def entries_to_check(g: np.ndarray, rng: np.random.Generator, sample: int = SAMPLE) -> np.ndarray:
    """Flat indices: all of them, or ``sample`` drawn at random (half, when there are enough,
    among the entries where g is not 0, so a sparse gradient is not all zeros checked)."""
    n = g.size
    if n <= sample:
        return np.arange(n)
    flat = g.reshape(-1)
    nonzero = np.flatnonzero(flat != 0)
    k = min(len(nonzero), sample // 2)
    first = rng.choice(nonzero, size=k, replace=False) if k else np.zeros(0, dtype=int)
    rest = np.setdiff1d(np.arange(n), first, assume_unique=True)
    second = rng.choice(rest, size=sample - k, replace=False)
    return np.sort(np.concatenate([first, second]))


def perturbed(base: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Copies of ``base`` with entry j[k] moved by +h_0 … +h_{K−1}, then −h_0 … −h_{K−1}:
    (len(j)·2·LEVELS,) + base.shape, entry by entry. A loss of them, reshaped (len(j), 2, LEVELS),
    gives the differences ``extrapolate`` takes as L[:, 0] − L[:, 1]."""
    steps = H0 / 2.0 ** np.arange(LEVELS)
    signed = np.concatenate([steps, -steps])  # (2K,)
    flat = base.reshape(-1)
    copies = np.repeat(flat[None, :], len(j) * len(signed), axis=0)  # (m·2K, n)
    copies[np.arange(len(copies)), np.repeat(j, len(signed))] += np.tile(signed, len(j))
    return copies.reshape((len(copies),) + base.shape)


def _differences(cell, params, name, j, targets, idx, gru_variant, activation, hs) -> np.ndarray:
    """L(θ + h_i·e_j) − L(θ − h_i·e_j) for the entries ``j`` (flat indices) and every level i:
    (len(j), LEVELS). The loss runs once for every perturbed copy of the parameter at once; for the
    output layer's parameters the states do not change, so only the loss is run."""
    P = dict(params)
    P[name] = perturbed(params[name], j)
    with np.errstate(all="ignore"):
        states = hs if name in ("W_hy", "b_y") else scan.states(cell, P, idx, gru_variant, activation)[0]
        L = scan.loss(P, states, targets).reshape(len(j), 2, LEVELS)
        return L[:, 0] - L[:, 1]


def extrapolate(diff: np.ndarray, delta: float) -> tuple[np.ndarray, np.ndarray]:
    """Ridders' tableau over the levels: (ĝ, its uncertainty) for each row of ``diff``
    ((m, LEVELS) differences L(θ + h_i) − L(θ − h_i))."""
    steps = H0 / 2.0 ** np.arange(LEVELS)
    m = len(diff)
    with np.errstate(all="ignore"):
        A = diff / (2.0 * steps)  # column 0: D_i
        noise = 2.0 * delta / steps  # ≥ what rounding of L does to any A_{i,·} (weights sum below 2)
        best = A[:, 0].copy()
        best_err = np.abs(A[:, 0] - A[:, 1]) + noise[1]  # a plain difference: as good as it can be told
        prev = A
        for col in range(1, LEVELS):
            f = 4.0 ** col
            cur = (f * prev[:, 1:] - prev[:, :-1]) / (f - 1.0)  # A_{i,col} for i = col … K−1
            err = np.maximum(np.abs(cur - prev[:, 1:]), np.abs(cur - prev[:, :-1])) + noise[col:]
            k = np.argmin(np.where(np.isnan(err), np.inf, err), axis=1)
            e = err[np.arange(m), k]
            better = e < best_err
            best = np.where(better, cur[np.arange(m), k], best)
            best_err = np.where(better, e, best_err)
            prev = cur
    return best, best_err


def check(cell: str, params: dict, grads: dict, idx: np.ndarray, targets: np.ndarray,
          gru_variant: str = "lecture", activation: str = "tanh", seed: int = 0,
          sample: int = SAMPLE) -> GradCheck:
    """Compare ``grads`` (analytic, name → array) with finite differences, parameter by parameter."""
    hs, _ = scan.states(cell, params, idx, gru_variant, activation)
    delta = rounding(params, hs, targets)
    rng = np.random.default_rng([seed, 13])
    T = len(idx)
    out = []
    for name, g in grads.items():
        j = entries_to_check(g, rng, sample)
        width = max(params[name].shape[-1], params["W_hy"].shape[-1]) + params["W_hy"].shape[0]
        chunk = max(1, CHUNK_VALUES // (2 * LEVELS * (T * width + g.size)))
        diff = np.concatenate([_differences(cell, params, name, j[s:s + chunk], targets, idx, gru_variant,
                                            activation, hs) for s in range(0, len(j), chunk)])
        out.append(param_check(name, g, j, diff, delta))
    return GradCheck(H0, out)


def param_check(name: str, g: np.ndarray, j: np.ndarray, diff: np.ndarray, delta: float) -> ParamCheck:
    """One parameter's verdict: its analytic gradient ``g`` against the extrapolated differences
    ``diff`` ((len(j), LEVELS), for the flat entries ``j``), with δ the rounding of one L."""
    num_j, unc = extrapolate(diff, delta)
    g_j = g.reshape(-1)[j]
    with np.errstate(all="ignore"):
        na, nn = float(np.linalg.norm(g_j)), float(np.linalg.norm(num_j))
        err = float(np.linalg.norm(g_j - num_j))
        if not (math.isfinite(na) and math.isfinite(nn) and math.isfinite(err)):
            rel = math.nan  # inf or nan on either side: nothing is confirmed
        else:
            rel = err / max(na, nn) if max(na, nn) > 0 else 0.0
        resolution = float(np.linalg.norm(unc))
    num = np.full(g.size, np.nan)
    num[j] = num_j
    return ParamCheck(name, rel, na, nn, num.reshape(g.shape), err, resolution, g.size, len(j))
