"""The training gradient of a cell over a batch of sentences: the backward recursion, vector by vector.

``bptt`` carries the gradient at the state back through the Jacobians J_t = ∂s_t/∂s_{t−1}
(S×S, 2H×2H for the LSTM), because its ledger shows them. Training needs only ∂L/∂θ, and the
cell's own backward equations (``cells.*_backward``) carry it back with vector products alone:
what step t passes to step t−1 is a few element-wise products and one product of the gates' δ
with the recurrent weights, [δ_·]·[W_h·]ᵀ, never a matrix J_t. Inside the recursion only what
depends on the gradient coming back from t + 1 is computed; the local slopes are computed for
every row at once before it, and every weight gradient is one matrix product over all rows after
it: ∂L/∂W_x· = Xᵀ·Δ, ∂L/∂W_h· = H_prevᵀ·Δ, ∂L/∂b_· = Σ_rows Δ (Δ: every gate's δ, side by side).

The rows are *packed*, as PyTorch packs a batch of sentences: sentences sorted by length, longest
first; step t holds ``sizes[t]`` rows, one per sentence still running, in that order, and the
rows of step t + 1 continue the first ``sizes[t + 1]`` rows of step t. So the recursion runs
(longest sentence) times for all sentences at once, every slice is a view, and no gradient
crosses from one sentence into another (a sentence that has ended has no row).

Every function takes, for the N packed rows: the parameters, the inputs X (N, d_in), the previous
state (h_{t−1} (N, H); and c_{t−1} for the LSTM), the forward values of the rows (the cells' step
functions on the stacked rows), D (N, H) = ∂L^(t)/∂h_t, what the loss puts on h_t directly, and
``sizes``; it returns ∂L/∂θ for each of the cell's parameters, biases included.
"""
from __future__ import annotations

import numpy as np

from rnntrace.cells import ACTIVATIONS


def _steps(sizes) -> list[tuple[slice, int, int | None]]:
    """From the last step to the first: (step t's rows, n_t, the first row of step t−1 or None at
    t = 1). Step t's n_t rows continue rows start_{t−1} … start_{t−1} + n_t of step t−1."""
    sizes = [int(n) for n in sizes]
    starts = [0]
    for n in sizes[:-1]:
        starts.append(starts[-1] + n)
    prevs = [None] + starts[:-1]
    return [(slice(s, s + n), n, p) for s, n, p in zip(starts, sizes, prevs)][::-1]


def _gate_grads(gates: str, X: np.ndarray, h_prev: np.ndarray, Delta: np.ndarray) -> dict[str, np.ndarray]:
    """∂L/∂W_xg = Xᵀ·δ_g, ∂L/∂W_hg = H_prevᵀ·δ_g, ∂L/∂b_g = Σ_rows δ_g for the gates whose δ are
    Delta's columns (gate j in columns jH … (j+1)H): one product for all gates at once."""
    H = h_prev.shape[1]
    dWx, dWh, db = X.T @ Delta, h_prev.T @ Delta, Delta.sum(axis=0)
    out = {}
    for j, g in enumerate(gates):
        cols = slice(j * H, (j + 1) * H)
        out[f"W_x{g}"], out[f"W_h{g}"], out[f"b_{g}"] = dWx[:, cols], dWh[:, cols], db[cols]
    return out


def elman(params: dict, X: np.ndarray, h_prev: np.ndarray, values: dict, D: np.ndarray, sizes,
          activation: str = "tanh") -> dict[str, np.ndarray]:
    """δ_t = (D_t + δ_{t+1}·W_hhᵀ) ⊙ f′(a_t)  (``cells.rnn_backward``): per step, one product and two
    element-wise operations."""
    with np.errstate(all="ignore"):
        slope = ACTIVATIONS[activation][1](values["a"], values["h"])
        Delta = D * slope
        Wt = np.ascontiguousarray(params["W_hh"].T)
        buf = np.empty_like(Delta[: int(sizes[0])])
        for rows, n, prev in _steps(sizes):
            if prev is None:
                break
            back, into = buf[:n], slice(prev, prev + n)
            np.matmul(Delta[rows], Wt, out=back)
            back *= slope[into]
            Delta[into] += back
        return _gate_grads("h", X, h_prev, Delta)


def gru(params: dict, X: np.ndarray, h_prev: np.ndarray, values: dict, D: np.ndarray, sizes,
        variant: str = "lecture") -> dict[str, np.ndarray]:
    """``cells.gru_backward`` with ∂L/∂h_t = D_t + what step t + 1 passed back (dh below):

        δ_z = dh ⊙ (h_{t−1} − h̃_t) ⊙ z(1 − z),   δ_h̃ = dh ⊙ (1 − z) ⊙ (1 − h̃²)
        lecture: g = δ_h̃·W_hhᵀ,  δ_r = g ⊙ h_{t−1} ⊙ r(1 − r)
                 back = dh ⊙ z + g ⊙ r + [δ_r | δ_z]·[W_hr | W_hz]ᵀ
        torch:   δ_r = δ_h̃ ⊙ (h_{t−1}·W_hh + b_hn) ⊙ r(1 − r),  δ_n = δ_h̃ ⊙ r
                 back = dh ⊙ z + [δ_n | δ_r | δ_z]·[W_hh | W_hr | W_hz]ᵀ
    """
    N, H = D.shape
    r, z, ht = values["r"], values["z"], values["h_tilde"]
    lecture = variant == "lecture"
    with np.errstate(all="ignore"):
        cand = (1.0 - z) * (1.0 - ht * ht)  # δ_h̃ = dh ⊙ cand
        zpart = (h_prev - ht) * z * (1.0 - z)  # δ_z = dh ⊙ zpart
        sr = r * (1.0 - r)
        if lecture:
            # Delta = [δ_r | δ_z | δ_h̃]; dh fills δ_z and δ_h̃ (K), δ_r comes from g
            K = np.stack([zpart, cand], axis=1)  # (N, 2, H)
            gates, filled, rz = 3, slice(1, 3), slice(0, 2 * H)
            W_rz = np.ascontiguousarray(np.hstack([params["W_hr"], params["W_hz"]]).T)
            W_hh = np.ascontiguousarray(params["W_hh"].T)
            Kr = h_prev * sr
            g = np.empty_like(D[: int(sizes[0])])
        else:
            # Delta = [δ_n | δ_r | δ_z | δ_h̃]: dh times K fills every column
            hn = h_prev @ params["W_hh"] + params["b_hn"]
            K = np.stack([cand * r, cand * hn * sr, zpart, cand], axis=1)  # (N, 4, H)
            gates, filled, rz = 4, slice(0, 4), slice(0, 3 * H)
            W_rz = np.ascontiguousarray(np.hstack([params["W_hh"], params["W_hr"], params["W_hz"]]).T)
        by_gate = np.empty((N, gates, H))
        Delta = by_gate.reshape(N, gates * H)  # the same memory, the gates side by side
        dh = D.copy()
        for rows, n, prev in _steps(sizes):
            d = dh[rows]
            np.multiply(d[:, None, :], K[rows], out=by_gate[rows, filled])
            if lecture:
                gn = g[:n]
                np.matmul(by_gate[rows, 2], W_hh, out=gn)
                np.multiply(gn, Kr[rows], out=by_gate[rows, 0])
            if prev is None:
                break
            back = d * z[rows]
            if lecture:
                gn *= r[rows]
                back += gn
            back += Delta[rows, rz] @ W_rz
            dh[prev:prev + n] += back
        if lecture:
            out = _gate_grads("rzh", X, h_prev, Delta)
            out["W_hh"] = (r * h_prev).T @ Delta[:, 2 * H:]  # the candidate's W_hh meets r_t ⊙ h_{t−1}
            return out
        out = _gate_grads("rzh", X, h_prev, Delta[:, H:])
        out["W_hh"] = h_prev.T @ Delta[:, :H]  # torch: W_hh inside r_t ⊙ (h_{t−1}·W_hh + b_hn), δ_n
        out["b_hn"] = Delta[:, :H].sum(axis=0)
        return out


def lstm(params: dict, X: np.ndarray, state_prev: tuple[np.ndarray, np.ndarray], values: dict,
         D: np.ndarray, sizes) -> dict[str, np.ndarray]:
    """``cells.lstm_backward`` with dh = D_t + what step t + 1 passed back to h_t, and dc_{t+1}:

        dc = dh ⊙ o ⊙ (1 − tanh²c_t) + dc_{t+1} ⊙ f_{t+1}
        δ_f = dc ⊙ c_{t−1} ⊙ f(1 − f),  δ_i = dc ⊙ c̃ ⊙ i(1 − i),  δ_c̃ = dc ⊙ i ⊙ (1 − c̃²)
        δ_o = dh ⊙ tanh(c_t) ⊙ o(1 − o)
        back to h_{t−1}: [δ_f | δ_i | δ_c̃ | δ_o]·[W_hf | W_hi | W_hc | W_ho]ᵀ;  to c_{t−1}: dc ⊙ f
    """
    h_prev, c_prev = state_prev
    N, H = D.shape
    f, i, ct, o = values["f"], values["i"], values["c_tilde"], values["o"]
    with np.errstate(all="ignore"):
        tc = np.tanh(values["c"])
        through = o * (1.0 - tc * tc)  # dc's part from dh
        K = np.stack([c_prev * f * (1.0 - f), ct * i * (1.0 - i), i * (1.0 - ct * ct)], axis=1)  # (N, 3, H)
        Ko = tc * o * (1.0 - o)
        W = np.ascontiguousarray(np.hstack([params[f"W_h{g}"] for g in "fico"]).T)  # (4H, H)
        by_gate = np.empty((N, 4, H))
        Delta = by_gate.reshape(N, 4 * H)  # the same memory, the gates side by side
        dh = D.copy()
        dc = np.zeros_like(D)
        for rows, n, prev in _steps(sizes):
            d, c = dh[rows], dc[rows]
            c += d * through[rows]
            np.multiply(c[:, None, :], K[rows], out=by_gate[rows, :3])
            np.multiply(d, Ko[rows], out=by_gate[rows, 3])
            if prev is None:
                break
            into = slice(prev, prev + n)
            dh[into] += Delta[rows] @ W
            np.multiply(c, f[rows], out=dc[into])
        return _gate_grads("fico", X, h_prev, Delta)
