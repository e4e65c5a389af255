"""The recurrences alone, as tight loops: the states h_1 … h_T (and c_1 … c_T) of a sentence.

``cells`` computes a step through the Recorder, which costs tens of microseconds a step in
Python; that is nothing for a 5-token trace and seconds for ``bptt --steps 10000`` or for the
finite-difference check, which runs the sentence four times per weight entry. Here only the
recurrence runs step by step: every x_t·W_x· is looked up for all t at once before the loop.
The equations are the cells' (tests hold the states to ``forward.run``'s), and ``bptt``
recomputes every gate from these states with the cells' own step functions, batched over t.

Every parameter may carry leading batch axes (weights (..., m, n), biases (..., n)): the
finite-difference check runs every perturbed copy of one weight in a single pass.
"""
from __future__ import annotations

import numpy as np

from rnntrace.cells import ACTIVATIONS
from rnntrace.mathx import log_softmax


def _sigmoid(a):
    """σ(a) = ½·(1 + tanh(a/2)): the same function, no overflow, one ufunc (fast in a loop)."""
    return 0.5 * (1.0 + np.tanh(0.5 * a))


def _mv(h, W):
    """h·W for a row h (..., H) and W (H, n) or a batch of them (..., H, n)."""
    if W.ndim == 2:
        return h @ W
    return (h[..., None, :] @ W)[..., 0, :]


def _rows(xs: np.ndarray):
    """The time steps of (..., T, n) one by one, each (..., n)."""
    return np.moveaxis(xs, -2, 0)


def _inputs(P: dict, g: str, idx: np.ndarray) -> np.ndarray:
    """x_t·W_xg + b_g for every t at once, (..., T, H): x_t is one-hot, so x_t·W_xg is a row."""
    W, b = P[f"W_x{g}"], P[f"b_{g}"]
    return W[..., idx, :] + (b[..., None, :] if b.ndim > 1 else b)


def states(cell: str, P: dict, idx: np.ndarray, gru_variant: str = "lecture",
           activation: str = "tanh") -> tuple[np.ndarray, np.ndarray | None]:
    """(h (..., T, H), c (..., T, H) for the LSTM else None), from h_0 = c_0 = 0: the cell's own
    scan (``Cell.states``: ``elman``, ``gru`` or ``lstm`` below).

    ``P`` maps every parameter name of the cell to its array (zeros for absent biases);
    ``idx`` holds the token indices x_1 … x_T.
    """
    from rnntrace.cells import make

    return make(cell, gru_variant, activation).states(P, idx)


def elman(P: dict, idx: np.ndarray, activation: str = "tanh") -> tuple[np.ndarray, None]:
    """h_t = f(x_t·W_xh + h_{t−1}·W_hh + b_h) for t = 1 … T."""
    W = P["W_hh"]
    H = W.shape[-1]
    with np.errstate(over="ignore", invalid="ignore"):
        if activation == "tanh" and W.ndim == 2 and P["W_xh"].ndim == 2 and P["b_h"].ndim == 1 and idx.ndim == 1:
            return tanh_rows(W[None], _inputs(P, "h", idx)[None])[0], None
        f = np.tanh if activation == "tanh" else (_sigmoid if activation == "sigmoid" else ACTIVATIONS[activation][0])
        h, hs = np.zeros(H), []
        for x_t in _rows(_inputs(P, "h", idx)):
            h = f(x_t + _mv(h, W))
            hs.append(h)
        return np.stack(hs, axis=-2), None


def tanh_rows(W: np.ndarray, inputs: np.ndarray) -> np.ndarray:
    """h_t = tanh(inputs_t + h_{t−1}·W_hh) from h_0 = 0 for k independent recurrences at once (the
    two directions of a layer): W (k, H, H), inputs (k, T, H), every x_t·W_xh + b_h → h (k, T, H).

    Two numpy calls a step, written in place: with the row [h_{t−1}, 1] and the matrix
    [W_hh; inputs_t], a_t is one product (one vector–matrix product per recurrence, the same for
    k = 1 as for k = 2: a recurrence's states do not depend on which others run beside it); then
    h_t = tanh(a_t)."""
    k, T, H = inputs.shape
    with np.errstate(over="ignore", invalid="ignore"):
        rows = np.ones((T + 1, k, H + 1))
        rows[0, :, :H] = 0.0  # h_0 = 0
        M = np.empty((T, k, H + 1, H))
        M[:, :, :H] = W
        M[:, :, H] = np.swapaxes(inputs, 0, 1)
        lefts, outs, Ms = list(rows[:, :, None, :]), list(rows[1:, :, None, :H]), list(M)
        matmul, tanh = np.matmul, np.tanh
        for t in range(T):
            h_t = outs[t]
            matmul(lefts[t], Ms[t], out=h_t)
            tanh(h_t, out=h_t)
    return np.swapaxes(rows[1:, :, :H], 0, 1).copy()


def gru(P: dict, idx: np.ndarray, variant: str = "lecture") -> tuple[np.ndarray, None]:
    """The GRU's h_t for t = 1 … T (``cells.gru_step``'s equations)."""
    H = P["W_hh"].shape[-1]
    h, hs = np.zeros(H), []
    with np.errstate(over="ignore", invalid="ignore"):
        # r_t and z_t in one product: [W_hr | W_hz] is H×2H
        xrz = np.concatenate(np.broadcast_arrays(_inputs(P, "r", idx), _inputs(P, "z", idx)), axis=-1)
        W_rz = np.concatenate(np.broadcast_arrays(P["W_hr"], P["W_hz"]), axis=-1)
        xh, W_hh, b_hn = _inputs(P, "h", idx), P["W_hh"], P.get("b_hn")
        for xrz_t, xh_t in zip(_rows(xrz), _rows(xh)):
            rz = _sigmoid(xrz_t + _mv(h, W_rz))
            r, z = rz[..., :H], rz[..., H:]
            if variant == "lecture":
                n = np.tanh(xh_t + _mv(r * h, W_hh))
            else:
                n = np.tanh(xh_t + r * (_mv(h, W_hh) + b_hn))
            h = n + z * (h - n)  # = z ⊙ h_{t−1} + (1 − z) ⊙ h̃_t
            hs.append(h)
        return np.stack(hs, axis=-2), None


def lstm(P: dict, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The LSTM's (h_t, c_t) for t = 1 … T (``cells.lstm_step``'s equations)."""
    H = P["W_hf"].shape[-1]
    h, c, hs, cs = np.zeros(H), np.zeros(H), [], []
    with np.errstate(over="ignore", invalid="ignore"):
        # the four gates in one product: [W_hf | W_hi | W_hc | W_ho] is H×4H
        xs = np.concatenate(np.broadcast_arrays(*(_inputs(P, g, idx) for g in "fico")), axis=-1)
        W = np.concatenate(np.broadcast_arrays(*(P[f"W_h{g}"] for g in "fico")), axis=-1)
        for x_t in _rows(xs):
            a = x_t + _mv(h, W)
            s = _sigmoid(a)
            c = s[..., :H] * c + s[..., H:2 * H] * np.tanh(a[..., 2 * H:3 * H])
            h = s[..., 3 * H:] * np.tanh(c)
            hs.append(h)
            cs.append(c)
        return np.stack(hs, axis=-2), np.stack(cs, axis=-2)


def loss(P: dict, hs: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """L = Σ_t −log softmax(h_t·W_hy + b_y)[target_t] over the steps with a target (−1: none).

    hs (..., T, H) → L (...,).
    """
    b = P["b_y"]
    with np.errstate(over="ignore", invalid="ignore"):
        y = hs @ P["W_hy"] + (b[..., None, :] if b.ndim > 1 else b)  # (..., T, V)
        logp = log_softmax(y)
    has = np.nonzero(targets >= 0)[0]
    if has.size == 0:
        return np.zeros(y.shape[:-2])
    picked = logp[..., has, targets[has]]  # (..., n_targets)
    return -np.sum(picked, axis=-1)
