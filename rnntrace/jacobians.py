"""The Jacobian ledger: J^(i) = ∂h^(i)/∂h^(i−1) for every step, their products, their norms.

Numerator layout: entry (a, b) = ∂h_i[a]/∂h_{i−1}[b], so a row gradient goes back one step as
∂L/∂h_{i−1} = ∂L/∂h_i·J_i and the lecture's ∂h^(t)/∂h^(k) = ∏_{i=k+1}^{t} ∂h^(i)/∂h^(i−1) is the
matrix product J_t·J_{t−1}⋯J_{k+1}. For the LSTM the state is s_t = (h_t, c_t) and J is 2H×2H:

    ⎡∂h_t/∂h_{t−1}  ∂h_t/∂c_{t−1}⎤
    ⎣∂c_t/∂h_{t−1}  ∂c_t/∂c_{t−1}⎦

Norms are spectral (σ_max) and carried as log10: a product of 10,000 Jacobians is 1e-3000 or
1e+3000, far outside float64, and is still shown as such. Every function takes the forward
values stacked over t (arrays (T, H)) and works on all steps at once.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from rnntrace.cells import ACTIVATIONS
from rnntrace.mathx import log_sigmoid, log_slope, times_pow10


def _diag_times(d: np.ndarray, M: np.ndarray) -> np.ndarray:
    """diag(d_t)·M for every t: d (T, H), M (H, H) or (T, H, H) → (T, H, H)."""
    return d[:, :, None] * M


def _diag(d: np.ndarray) -> np.ndarray:
    """diag(d_t) for every t: (T, H) → (T, H, H)."""
    out = np.zeros(d.shape + d.shape[-1:])
    idx = np.arange(d.shape[-1])
    out[:, idx, idx] = d
    return out


def slope_factored(activation: str, a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """f′(a_t) for every step as (rel (T, H), e (T,)): f′(a_t) = rel_t·10^(e_t), max rel_t = 1.

    From ln f′ (``mathx.log_slope``), so its size survives where 1 − h_t² rounds to 0 (|a| > 19)
    and where f′ underflows (|a| > 354). e_t = −inf where f′(a_t) = 0 exactly (relu off
    everywhere), nan where a_t holds nan."""
    with np.errstate(all="ignore"):
        ls = log_slope(activation, a) / math.log(10.0)  # log10 f′(a_t)
        top = np.max(np.where(np.isnan(ls), -np.inf, ls), axis=-1)
        e = np.where(np.isnan(ls).any(axis=-1), np.nan, top)
        shift = np.where(np.isfinite(e), e, 0.0)
        return np.power(10.0, ls - shift[..., None]), e


def rnn_factored(params: dict, values: dict, activation: str = "tanh") -> tuple[np.ndarray, np.ndarray]:
    """Elman, with each step's size set aside: (J̃ (T, H, H), e (T,)) with J_t = J̃_t·10^(e_t),
    J̃_t = diag(rel_t)·W_hhᵀ from ``slope_factored``: the products and norms keep their
    magnitude under saturation (1e-33 at distance 1 with --scale 100, not 0)."""
    rel, e = slope_factored(activation, values["a"])
    with np.errstate(all="ignore"):
        return _diag_times(rel, params["W_hh"].T), e


def rnn(params: dict, values: dict, activation: str = "tanh") -> np.ndarray:
    """Elman: J_t = diag(f′(a_t))·W_hhᵀ  (row convention; 1 − h_t² for tanh).  (T, H, H)

    In float64, from ``rnn_factored``: entries below 1e-308 are 0 here, but not in the norms."""
    Jt, e = rnn_factored(params, values, activation)
    return times_pow10(Jt, e)


def gru(params: dict, values: dict, h_prev: np.ndarray, variant: str = "lecture") -> np.ndarray:
    """GRU: J_t = diag(z_t) + diag(h_{t−1} − h̃_t)·∂z_t/∂h_{t−1} + diag(1 − z_t)·∂h̃_t/∂h_{t−1}

    with ∂z_t/∂h_{t−1} = diag(z_t ⊙ (1 − z_t))·W_hzᵀ, ∂r_t/∂h_{t−1} = diag(r_t ⊙ (1 − r_t))·W_hrᵀ,
    ∂h̃_t/∂h_{t−1} = diag(1 − h̃_t²)·∂ã_t/∂h_{t−1} where ã_t is the candidate's pre-activation:
    lecture ∂ã_t/∂h_{t−1} = W_hhᵀ·(diag(r_t) + diag(h_{t−1})·∂r_t/∂h_{t−1});
    torch   ∂ã_t/∂h_{t−1} = diag(r_t)·W_hhᵀ + diag(h_{t−1}·W_hh + b_hn)·∂r_t/∂h_{t−1}.
    The first term, diag(z_t), is the path through the update gate.  (T, H, H)
    """
    r, z, n = values["r"], values["z"], values["h_tilde"]
    with np.errstate(all="ignore"):
        dr = _diag_times(r * (1.0 - r), params["W_hr"].T)
        dz = _diag_times(z * (1.0 - z), params["W_hz"].T)
        if variant == "lecture":
            dpre = params["W_hh"].T @ (_diag(r) + _diag_times(h_prev, dr))
        else:
            hn = h_prev @ params["W_hh"] + params.get("b_hn", 0.0)
            dpre = _diag_times(r, params["W_hh"].T) + _diag_times(hn, dr)
        dn = _diag_times(1.0 - n * n, dpre)
        return _diag(z) + _diag_times(h_prev - n, dz) + _diag_times(1.0 - z, dn)


def lstm(params: dict, values: dict, c_prev: np.ndarray) -> np.ndarray:
    """LSTM, state s_t = (h_t, c_t), with ∂g_t/∂h_{t−1} = diag(σ′)·W_hgᵀ for each gate:

        ∂c_t/∂h_{t−1} = diag(c_{t−1})·∂f_t/∂h_{t−1} + diag(c̃_t)·∂i_t/∂h_{t−1} + diag(i_t)·∂c̃_t/∂h_{t−1}
        ∂c_t/∂c_{t−1} = diag(f_t)                                   the memory path: adds, so f_t alone
        ∂h_t/∂h_{t−1} = diag(tanh c_t)·∂o_t/∂h_{t−1} + diag(o_t ⊙ (1 − tanh² c_t))·∂c_t/∂h_{t−1}
        ∂h_t/∂c_{t−1} = diag(o_t ⊙ (1 − tanh² c_t) ⊙ f_t)

    Returns (T, 2H, 2H), rows and columns ordered (h, c).
    """
    f, i, g, o, c = values["f"], values["i"], values["c_tilde"], values["o"], values["c"]
    with np.errstate(all="ignore"):
        df = _diag_times(f * (1.0 - f), params["W_hf"].T)
        di = _diag_times(i * (1.0 - i), params["W_hi"].T)
        dg = _diag_times(1.0 - g * g, params["W_hc"].T)
        do = _diag_times(o * (1.0 - o), params["W_ho"].T)
        tc = np.tanh(c)
        k = o * (1.0 - tc * tc)
        dc_dh = _diag_times(c_prev, df) + _diag_times(g, di) + _diag_times(i, dg)
        dh_dh = _diag_times(tc, do) + _diag_times(k, dc_dh)
        top = np.concatenate([dh_dh, _diag(k * f)], axis=2)
        bottom = np.concatenate([dc_dh, _diag(f)], axis=2)
        return np.concatenate([top, bottom], axis=1)


# ---- the gated cells' Jacobians with their sizes set aside ---------------------------------------
# Every term of a gated J_t is diag(coefficient_t)·M: a product of slopes and gate values times a
# fixed matrix (or the identity). The slopes come from the pre-activations in log space
# (``log_slope``: σ′(a) = σ(a)·σ(−a), tanh′(a) = sech²(a)), so a term keeps its size where
# z ⊙ (1 − z) or 1 − h̃² computed from the rounded gate would be 0: (1 − z)·(1 − h̃²) with
# a_z = −100 and a_h̃ = 30 is 4e-26, not 0, and outweighs diag(z) = 4e-44.
def _pre(params: dict, values: dict, h_prev: np.ndarray, g: str) -> np.ndarray:
    """Gate g's pre-activation x_t·W_xg + h_{t−1}·W_hg + b_g for every t, (T, H)."""
    with np.errstate(all="ignore"):
        return values["x"] @ params[f"W_x{g}"] + h_prev @ params[f"W_h{g}"] + params.get(f"b_{g}", 0.0)


def _log_abs(v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(ln |v|, sign v): −inf for an exact 0."""
    with np.errstate(all="ignore"):
        return np.log(np.abs(v)), np.sign(v)


def _assemble(T: int, S: int, terms) -> tuple[np.ndarray, np.ndarray]:
    """Σ of terms diag(coef_t)·M placed at block (row, col) of an S×S matrix, as (J̃ (T, S, S), e (T,))
    with J_t = J̃_t·10^(e_t) and the largest |coef| of step t 1. ``terms``: (row, col, ln |coef|
    (T, H), sign (T, H), M (H, H) or (T, H, H), or None for the identity)."""
    with np.errstate(all="ignore"):
        logs = np.stack([lc for _, _, lc, _, _ in terms])  # (terms, T, H)
        top = np.max(np.where(np.isnan(logs), -np.inf, logs), axis=(0, 2))
        e = np.where(np.isnan(logs).any(axis=(0, 2)), np.nan, top)
        shift = np.where(np.isfinite(e), e, 0.0)
        J = np.zeros((T, S, S))
        for row, col, lc, sign, M in terms:
            H = lc.shape[1]
            coef = sign * np.exp(lc - shift[:, None])  # (T, H), |coef| ≤ 1
            block = J[:, row:row + H, col:col + H]
            if M is None:
                idx = np.arange(H)
                block[:, idx, idx] += coef
            else:
                block += coef[:, :, None] * M
        return J, e / math.log(10.0)


def gru_factored(params: dict, values: dict, h_prev: np.ndarray, variant: str = "lecture"):
    """``gru``'s J_t as (J̃ (T, H, H), e (T,)), J_t = J̃_t·10^(e_t), its three terms' sizes from logs:

        diag(z_t) + diag((h_{t−1} − h̃_t) ⊙ σ′(a_z))·W_hzᵀ + diag(σ(−a_z) ⊙ sech²(a_h̃))·∂ã_t/∂h_{t−1}
    """
    r, n = values["r"], values["h_tilde"]
    T, H = r.shape
    a_r, a_z = _pre(params, values, h_prev, "r"), _pre(params, values, h_prev, "z")
    with np.errstate(all="ignore"):
        if variant == "lecture":
            a_n = values["x"] @ params["W_xh"] + (r * h_prev) @ params["W_hh"] + params.get("b_h", 0.0)
        else:
            hn = h_prev @ params["W_hh"] + params.get("b_hn", 0.0)
            a_n = values["x"] @ params["W_xh"] + params.get("b_h", 0.0) + r * hn
        dr = _diag_times(np.exp(log_slope("sigmoid", a_r)), params["W_hr"].T)
        if variant == "lecture":
            dpre = params["W_hh"].T @ (_diag(r) + _diag_times(h_prev, dr))
        else:
            dpre = _diag_times(r, params["W_hh"].T) + _diag_times(hn, dr)
        old_minus_new, sign = _log_abs(h_prev - n)
        terms = [(0, 0, log_sigmoid(a_z), np.ones((T, H)), None),
                 (0, 0, old_minus_new + log_slope("sigmoid", a_z), sign, params["W_hz"].T),
                 (0, 0, log_sigmoid(-a_z) + log_slope("tanh", a_n), np.ones((T, H)), dpre)]
    return _assemble(T, H, terms)


def lstm_factored(params: dict, values: dict, h_prev: np.ndarray, c_prev: np.ndarray):
    """``lstm``'s J_t as (J̃ (T, 2H, 2H), e (T,)), J_t = J̃_t·10^(e_t), every term's size from logs:
    ∂c_t/∂h_{t−1} = Σ_g diag(v_g ⊙ g′(a_g))·W_hgᵀ over (f, c_{t−1}), (i, c̃_t), (c̃, i_t);
    ∂h_t/∂h_{t−1} = diag(tanh c_t ⊙ σ′(a_o))·W_hoᵀ + diag(k_t)·∂c_t/∂h_{t−1}, k_t = σ(a_o) ⊙ sech²(c_t);
    ∂h_t/∂c_{t−1} = diag(k_t ⊙ f_t);  ∂c_t/∂c_{t−1} = diag(f_t)."""
    g, c = values["c_tilde"], values["c"]
    T, H = c.shape
    a = {k: _pre(params, values, h_prev, k) for k in "fico"}
    with np.errstate(all="ignore"):
        lk = log_sigmoid(a["o"]) + log_slope("tanh", c)
        log_f = log_sigmoid(a["f"])
        ones = np.ones((T, H))
        terms = []
        for (lv, sv), slope, k in ((_log_abs(c_prev), log_slope("sigmoid", a["f"]), "f"),
                                   (_log_abs(g), log_slope("sigmoid", a["i"]), "i"),
                                   ((log_sigmoid(a["i"]), ones), log_slope("tanh", a["c"]), "c")):
            W = params[f"W_h{k}"].T
            terms += [(H, 0, lv + slope, sv, W), (0, 0, lk + lv + slope, sv, W)]
        lt, st = _log_abs(np.tanh(c))
        terms += [(0, 0, lt + log_slope("sigmoid", a["o"]), st, params["W_ho"].T),
                  (0, H, lk + log_f, ones, None), (H, H, log_f, ones, None)]
    return _assemble(T, 2 * H, terms)


def memory_path(J: np.ndarray, values: dict) -> tuple[np.ndarray, np.ndarray]:
    """The LSTM's cell-state path, per step: (diag(f_t) as the vector f_t, the whole
    dc_t/dc_{t−1} through h_{t−1} too: diag(f_t) + ∂c_t/∂h_{t−1}·∂h_{t−1}/∂c_{t−1}).

    ∂h_{t−1}/∂c_{t−1} = diag(o_{t−1} ⊙ (1 − tanh² c_{t−1})) comes from step t−1 (zero at t = 1,
    where c_0 is not computed from anything). Returns (f (T, H), total (T, H, H)).
    """
    H = J.shape[1] // 2
    f = values["f"]
    with np.errstate(all="ignore"):
        o, tc = values["o"], np.tanh(values["c"])
        k_prev = np.zeros_like(o)
        k_prev[1:] = o[:-1] * (1.0 - tc[:-1] * tc[:-1])
        total = J[:, H:, H:] + J[:, H:, :H] * k_prev[:, None, :]
    return f, total


@dataclass
class Paths:
    """Gated cells: the additive path beside the full Jacobian, per step (``Cell.paths``).
    GRU: diag(z_t) inside ∂h_t/∂h_{t−1}; LSTM: diag(f_t) inside ∂c_t/∂c_{t−1}, and the whole
    dc_t/dc_{t−1} with the indirect terms through h_{t−1}."""

    gate: str  # "z" or "f"
    gate_values: np.ndarray  # (T, H)
    log10_direct: np.ndarray  # ‖diag(gate_t)‖ = max gate_t
    log10_total: np.ndarray  # GRU: ‖J_t‖; LSTM: ‖dc_t/dc_{t−1}‖ with the indirect terms
    log10_hidden: np.ndarray | None  # LSTM: ‖∂h_t/∂h_{t−1}‖, the hidden path
    log10_memory_products: np.ndarray | None  # LSTM: ‖∂c_T/∂c_k‖ (the c-block of the product)


# ---- norms as logarithms ------------------------------------------------------------------
def max_abs(M: np.ndarray) -> np.ndarray:
    """The largest |entry| of every matrix of a stack (n, S, S), nan where one holds nan. Exact
    (a maximum does not round), so the order is free: for a stack of small matrices (S ≤ 4),
    entry by entry across the stack, several times faster than numpy's reduction over a short
    axis; larger ones by that reduction."""
    n, a, b = M.shape
    A = np.abs(M.reshape(n, a * b))
    if a * b > 16 or a * b == 0:
        return A.max(axis=1) if a * b else np.zeros(n)
    m = A[:, 0].copy()
    for j in range(1, a * b):
        np.maximum(m, A[:, j], out=m)
    return m


def log10_spectral(M: np.ndarray) -> np.ndarray:
    """log10 σ_max(M) for a stack (n, S, S): each matrix is scaled by its largest entry first,
    so 1e-300 and 1e+300 stay exact. −inf for a zero matrix, nan where M holds inf or nan."""
    n = M.shape[0]
    out = np.full(n, np.nan)
    with np.errstate(all="ignore"):
        s = max_abs(M)
        finite = np.isfinite(s)
        zero = s == 0
        ok = finite & ~zero
        out[zero] = -np.inf
        if ok.any():
            scaled = M[ok] / s[ok, None, None]
            # σ_max² = largest eigenvalue of MᵀM
            top = _largest_eigenvalue(np.swapaxes(scaled, 1, 2) @ scaled)
            out[ok] = 0.5 * np.log10(np.maximum(top, 0.0)) + np.log10(s[ok])
    return out


def _largest_eigenvalue(B: np.ndarray) -> np.ndarray:
    """λ_max of a stack of symmetric positive semi-definite matrices (n, S, S).

    S ≤ 3 in closed form (all matrices at once, no LAPACK call per matrix: 10,000 small ones are
    the common case), larger S with eigvalsh. For 3×3, the trigonometric solution of the
    characteristic cubic: with q = tr(B)/3, p = ‖B − qI‖_F/√6 and r = det((B − qI)/p)/2,
    λ_max = q + 2p·cos(arccos(r)/3)."""
    S = B.shape[-1]
    if S == 1:
        return B[:, 0, 0]
    if S == 2:
        a, b, d = B[:, 0, 0], B[:, 0, 1], B[:, 1, 1]
        return 0.5 * (a + d + np.hypot(a - d, 2.0 * b))
    if S != 3:
        return np.linalg.eigvalsh(B)[:, -1]
    tr = np.trace(B, axis1=1, axis2=2)
    unit = np.where(tr > 0, tr, 1.0)
    B = B / unit[:, None, None]  # trace 1: nothing under- or overflows below
    q = np.trace(B, axis1=1, axis2=2) / 3.0
    C = B - q[:, None, None] * np.eye(3)
    p = np.sqrt(np.sum(C * C, axis=(1, 2)) / 6.0)
    safe = np.where(p > 0, p, 1.0)
    r = np.clip(np.linalg.det(C / safe[:, None, None]) / 2.0, -1.0, 1.0)
    return unit * np.where(p > 0, q + 2.0 * p * np.cos(np.arccos(r) / 3.0), q)


@dataclass
class Products:
    """∂h^(n)/∂h^(k) = J_n⋯J_{k+1} for k = 0 … n−1, as ``scaled[k]·10^log_scale[k]``.

    ``log10_norm[k]`` is log10 ‖∂h^(n)/∂h^(k)‖₂: −inf for an exact zero, nan after inf/nan.
    """

    scaled: np.ndarray  # (n, S, S), largest entry of each about 1
    log_scale: np.ndarray  # (n,)
    log10_norm: np.ndarray  # (n,)

    def matrix(self, k: int) -> np.ndarray:
        """The product itself in float64 (inf or 0 where it leaves the range, nan after nan; an
        exact 0 stays 0)."""
        return times_pow10(self.scaled[k], self.log_scale[k])


def products(J: np.ndarray, log10_unit: np.ndarray | None = None) -> Products:
    """The suffix products of J_1 … J_n (J[i−1] = J_i) without overflow or underflow.

    ``log10_unit`` (n,), if given, is a size set aside per factor: J_i·10^log10_unit[i−1] is the
    Jacobian (``rnn_factored``), so sizes below float64's range still count.

    Each J_i is divided by its largest entry (its log10 kept aside), so every factor is about 1
    in size, and every partial product is rescaled the same way: a float product would reach
    1e±308 after a few hundred steps; this one never does.
    """
    scaled, log_scale = suffix_products(J, log10_unit)
    return Products(scaled, log_scale, product_norms(scaled, log_scale))


def suffix_products(J: np.ndarray, log10_unit: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """``products`` without the norms: (scaled (n, S, S), log_scale (n,))."""
    S = J.shape[1]
    with np.errstate(all="ignore"):
        Jn, suffix = _units(J, log10_unit)
        scaled, offset = (_scan if S <= 8 else _loop)(Jn)
        return scaled, suffix + offset


def product_norms_at(J: np.ndarray, log10_unit: np.ndarray | None, ks: np.ndarray) -> np.ndarray:
    """``products(J, log10_unit).log10_norm[ks]``, the same numbers, for a few k (what a chart
    samples): the scan computes only the partial products those k are made of (a quarter of them
    for 16 of 10,000), each exactly as the whole scan does."""
    n, S, _ = J.shape
    if S > 8:  # the step-by-step loop: every product is on the way to the last
        scaled, log_scale = suffix_products(J, log10_unit)
        return product_norms(scaled[ks], log_scale[ks])
    with np.errstate(all="ignore"):
        Jn, suffix = _units(J, log10_unit)
        scaled, offset = _scan_at(Jn, n - 1 - np.asarray(ks))
        return product_norms(scaled, suffix[ks] + offset)


def _units(J: np.ndarray, log10_unit: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """(each J_i divided by its largest entry, Σ_{i=k+1}^{n} log10 of those entries (and of
    ``log10_unit``) for every k: the scales set aside, a suffix sum over J's index)."""
    s = max_abs(J)
    bad = ~np.isfinite(s)
    zero = s == 0
    unit = np.where(bad | zero, 1.0, s)
    log_s = np.where(zero, -np.inf, np.where(bad, np.nan, np.log10(unit)))
    if log10_unit is not None:
        log_s = log_s + log10_unit
    return J / unit[:, None, None], (np.cumsum(log_s[::-1])[::-1] if len(J) else log_s)


def product_norms(scaled: np.ndarray, log_scale: np.ndarray) -> np.ndarray:
    """log10 ‖scaled[k]·10^log_scale[k]‖₂ for a stack of products (all of them, or those a view
    samples: each norm is computed from its own matrix alone), nan where the scale is nan."""
    with np.errstate(all="ignore"):
        norm = log10_spectral(scaled) + log_scale
        norm[np.isnan(log_scale)] = np.nan
    return norm


def _renorm(Q: np.ndarray) -> np.ndarray:
    """Divide each matrix of the stack by its largest entry, in place; return the log10 scales
    (0 for a zero matrix or one holding inf or nan, which is left as it is)."""
    m = max_abs(Q)
    m = np.where((m > 0) & (m < np.inf), m, 1.0)
    Q /= m[:, None, None]
    return np.log10(m)


def _scan(Jn: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """All suffix products in log2(n) rounds of batched products (Hillis–Steele scan):
    Q[j] = J_n·J_{n−1}⋯J_{n−j}, so ∂h^(n)/∂h^(k) = Q[n−1−k]. n·log n small products, but each
    round is one numpy call: for small matrices far faster than n calls."""
    n = len(Jn)
    Q = Jn[::-1].copy()
    L = np.zeros(n)
    d = 1
    while d < n:
        Q[d:] = Q[:-d] @ Q[d:]  # Q[j] ← Q[j−d]·Q[j]: the right side is computed first
        L[d:] = L[:-d] + L[d:]
        L[d:] += _renorm(Q[d:])
        d *= 2
    return Q[::-1].copy(), L[::-1].copy()


def _scan_at(Jn: np.ndarray, want: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``_scan``'s Q[j] and its log10 scale for the j in ``want`` only. Round d sets Q[j] from
    Q[j−d] and Q[j] for every j ≥ d; going back from the last round, the j whose value some
    wanted one is made of are found, and each round computes those alone (the same products,
    in the same order, renormalised the same way)."""
    n = len(Jn)
    rounds = []
    d = 1
    while d < n:
        rounds.append(d)
        d *= 2
    need = np.zeros(n, dtype=bool)
    need[want] = True
    plan = []
    for d in reversed(rounds):
        js = np.flatnonzero(need[d:]) + d
        plan.append((d, js))
        need[js - d] = True
    Q = np.empty_like(Jn)
    have = np.flatnonzero(need)
    Q[have] = Jn[n - 1 - have]  # Q starts as J reversed
    L = np.zeros(n)
    for d, js in reversed(plan):
        if js.size:
            P = Q[js - d] @ Q[js]
            Lj = L[js - d] + L[js]
            Lj += _renorm(P)
            Q[js], L[js] = P, Lj
    return Q[want], L[want]


def _loop(Jn: np.ndarray, renorm_every: int = 4) -> tuple[np.ndarray, np.ndarray]:
    """The same, one product per step (fewer flops: for larger matrices)."""
    n, S, _ = Jn.shape
    scaled = np.empty((n, S, S))
    offset = np.zeros(n)
    prev, off = np.eye(S), 0.0
    for step, k in enumerate(range(n - 1, -1, -1)):
        np.matmul(prev, Jn[k], out=scaled[k])  # ∂h^(n)/∂h^(k) = ∂h^(n)/∂h^(k+1)·J_{k+1}
        if step % renorm_every == renorm_every - 1:
            off += _renorm(scaled[k:k + 1])[0]
        offset[k] = off
        prev = scaled[k]
    return scaled, offset


# ---- the bound (Pascanu, Mikolov & Bengio, 2013) ------------------------------------------------
@dataclass
class Bound:
    """‖∂h_t/∂h_k‖ ≤ ∏ ‖diag(f′)‖·‖W_hhᵀ‖ ≤ (γ·σ_max)^(t−k), for the Elman cell."""

    sigma_max: float  # of the W_hh actually used (after --scale)
    gamma: float  # max |f′|: 1 tanh, 1/4 sigmoid, 1 relu
    holds: bool  # on every product ∂h_T/∂h_k and every single J_t
    log10_rate: float  # log10(γ·σ_max): the bound's slope per step on the log chart

    @property
    def vanishing(self) -> bool:
        return self.gamma * self.sigma_max < 1.0


def bound(W_hh: np.ndarray, activation: str, log10_products: np.ndarray,
          log10_jacobians: np.ndarray) -> Bound:
    """Check the bound on the trace: log10 ‖∂h_T/∂h_k‖ ≤ (T−k)·log10(γσ) for every k (allowing
    for rounding), and ‖J_t‖ ≤ γσ for every t. A nan (from inf/nan) does not count as holding."""
    gamma = ACTIVATIONS[activation][2]
    with np.errstate(all="ignore"):
        sigma = float(np.linalg.norm(W_hh, 2)) if np.all(np.isfinite(W_hh)) else math.nan
        rate = math.log10(gamma * sigma) if gamma * sigma > 0 else -math.inf
        n = len(log10_products)
        dist = n - np.arange(n)  # T − k for k = 0 … T−1
        slack = 1e-9 * np.maximum(1.0, np.abs(dist * rate)) if math.isfinite(rate) else 0.0
        limit = dist * rate + slack if math.isfinite(rate) else np.full(n, rate)
        ok_p = (log10_products <= limit) | (log10_products == -np.inf)
        limit_j = rate + (1e-9 * max(1.0, abs(rate)) if math.isfinite(rate) else 0.0)
        ok_j = (log10_jacobians <= limit_j) | (log10_jacobians == -np.inf)
    return Bound(sigma, gamma, bool(np.all(ok_p) and np.all(ok_j)), rate)
