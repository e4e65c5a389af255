"""The gradient check: every analytic gradient against central finite differences of the loss.

For each entry θ_j of a parameter, with a 4-point stencil (error O(ε⁴), against O(ε²) for the
2-point one):

    ĝ_j = (L(θ − 2ε·e_j) − 8·L(θ − ε·e_j) + 8·L(θ + ε·e_j) − L(θ + 2ε·e_j)) / (12·ε)

and per parameter, over the whole matrix, the relative error

    ‖g − ĝ‖ / max(‖g‖, ‖ĝ‖, 1e-12)

(Frobenius norms). The loss is run by ``scan`` for every perturbed copy of one parameter at once.

A gradient far smaller than the loss cannot be checked to 1e-6 relative: L itself is only exact
to rounding, about T·u·|L| (u = 2⁻⁵³), and the stencil divides that by 12ε. Each parameter
therefore also gets the *resolution* of its finite differences, √n · 18·δ / (12ε) with
δ = 16·T·u·|L| (a generous bound on the rounding of one L, for its n entries); a gradient whose
difference from ĝ is within it agrees as far as finite differences can tell (``confirmed``),
and the relative error, by the formula above, is still reported as it is.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rnntrace import scan

EPS = 1e-3
STENCIL = (-2.0, -1.0, 1.0, 2.0)
FLOOR = 1e-12
TOLERANCE = 1e-6  # the relative error that confirms a gradient
UNIT_ROUNDOFF = 2.0 ** -53
CHUNK_VALUES = 4_000_000  # floats held at once per pass (about 32 MB)


@dataclass
class ParamCheck:
    name: str
    rel_error: float
    norm_analytic: float
    norm_numeric: float
    numeric: np.ndarray  # ĝ, same shape as the parameter
    abs_error: float = 0.0  # ‖g − ĝ‖
    resolution: float = 0.0  # the rounding noise of ĝ (see the module docstring)

    @property
    def within_tolerance(self) -> bool:
        return self.rel_error < TOLERANCE

    @property
    def within_resolution(self) -> bool:
        """Not within the tolerance, but g and ĝ differ by no more than ĝ's rounding noise."""
        return not self.within_tolerance and self.abs_error <= self.resolution

    @property
    def confirmed(self) -> bool:
        return self.within_tolerance or self.within_resolution


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
        return all(p.confirmed for p in self.params)


def numeric_gradient(cell: str, params: dict, name: str, idx: np.ndarray, targets: np.ndarray,
                     gru_variant: str = "lecture", activation: str = "tanh", eps: float = EPS) -> np.ndarray:
    """ĝ for one parameter: the loss at 4 perturbed copies of every entry, in batches."""
    base = params[name]
    n = base.size
    T = len(idx)
    width = max(base.shape[-1], params["W_hy"].shape[-1]) + params["W_hy"].shape[0]
    per_copy = T * width + base.size
    chunk = max(1, CHUNK_VALUES // (4 * per_copy))
    out = np.empty(n)
    flat = base.reshape(-1)
    for start in range(0, n, chunk):
        j = np.arange(start, min(n, start + chunk))
        copies = np.repeat(flat[None, :], 4 * len(j), axis=0)  # (4m, n)
        rows = np.arange(4 * len(j))
        copies[rows, np.repeat(j, 4)] += np.tile(np.array(STENCIL) * eps, len(j))
        P = dict(params)
        P[name] = copies.reshape((4 * len(j),) + base.shape)
        hs, _ = scan.states(cell, P, idx, gru_variant, activation)
        with np.errstate(all="ignore"):
            L = scan.loss(P, hs, targets).reshape(len(j), 4)  # columns: θ − 2ε, θ − ε, θ + ε, θ + 2ε
            # differences first: equal losses give exactly 0, and nothing large is subtracted late
            out[j] = ((L[:, 0] - L[:, 3]) + 8.0 * (L[:, 2] - L[:, 1])) / (12.0 * eps)
    return out.reshape(base.shape)


def check(cell: str, params: dict, grads: dict, idx: np.ndarray, targets: np.ndarray,
          gru_variant: str = "lecture", activation: str = "tanh", eps: float = EPS) -> GradCheck:
    """Compare ``grads`` (analytic, name → array) with finite differences, parameter by parameter."""
    hs, _ = scan.states(cell, params, idx, gru_variant, activation)
    with np.errstate(all="ignore"):
        delta = 16.0 * len(idx) * UNIT_ROUNDOFF * abs(float(scan.loss(params, hs, targets)))
    out = []
    for name, g in grads.items():
        num = numeric_gradient(cell, params, name, idx, targets, gru_variant, activation, eps)
        with np.errstate(all="ignore"):
            na, nn = float(np.linalg.norm(g)), float(np.linalg.norm(num))
            err = float(np.linalg.norm(g - num))
            rel = err / max(na, nn, FLOOR)
        resolution = float(np.sqrt(g.size)) * 18.0 * delta / (12.0 * eps)
        out.append(ParamCheck(name, rel, na, nn, num, err, resolution))
    return GradCheck(eps, out)
