"""Backpropagation through one head of self-attention, op by op (numpy only, float64).

The loss is a per-token classifier on the attention's output: token i's row a_i of A says which
word of the vocabulary it is labelled with (the example's task, e.g. the word it depends on):

    Q = X·W_Q,  K = X·W_K,  V = X·W_V                       (n×d_k, n×d_k, n×d_v)
    S = Q·Kᵀ / s,  s = √d_k (or 1)                          (n×n; −∞ where a mask hides a key)
    α = softmax(S) row by row,   A = α·V                    (n×n, n×d_v)
    Z = A·W_C + b_C,  P = softmax(Z) row by row             (n×C, C = the vocabulary's size)
    L = Σ_i −log P[i, y_i]

and the backward pass, each line the chain rule of the line above it (Y one-hot of the labels):

    ∂L/∂Z = P − Y;  ∂L/∂W_C = Aᵀ·∂L/∂Z;  ∂L/∂b_C = Σ_i ∂L/∂Z[i]
    ∂L/∂A = ∂L/∂Z·W_Cᵀ
    ∂L/∂α = ∂L/∂A·Vᵀ;   ∂L/∂V = αᵀ·∂L/∂A
    ∂L/∂S[i] = ∂L/∂α[i]·J_i,  J_i = ∂α_i/∂S_i = diag(α_i) − α_iᵀα_i   (the softmax's Jacobian, n×n)
    ∂L/∂Q = (∂L/∂S / s)·K;   ∂L/∂K = (∂L/∂S / s)ᵀ·Q
    ∂L/∂W_Q = Xᵀ·∂L/∂Q;  ∂L/∂W_K = Xᵀ·∂L/∂K;  ∂L/∂W_V = Xᵀ·∂L/∂V
    ∂L/∂X = ∂L/∂Q·W_Qᵀ + ∂L/∂K·W_Kᵀ + ∂L/∂V·W_Vᵀ

A masked key has α = 0, so its row and column of J_i are 0 and no gradient flows through it.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rnntrace.attention import attend
from rnntrace.mathx import log_softmax, softmax

PARAMS = ("W_Q", "W_K", "W_V", "W_C", "b_C")
FD_EPS = 1e-5  # central differences: error O(ε²) ≈ 1e-10 against round-off ≈ 1e-16/ε ≈ 1e-11


@dataclass
class Forward:
    X: np.ndarray  # (n, d_model)
    params: dict[str, np.ndarray]  # W_Q, W_K (d_model×d_k), W_V (d_model×d_v), W_C (d_v×C), b_C (C,)
    labels: np.ndarray  # (n,) class index of each token
    Q: np.ndarray
    K: np.ndarray
    V: np.ndarray
    scores: np.ndarray  # (n, n)  Q·Kᵀ
    scaling: float
    S: np.ndarray  # (n, n)  Q·Kᵀ / s, −inf where masked
    alpha: np.ndarray  # (n, n)
    A: np.ndarray  # (n, d_v)
    Z: np.ndarray  # (n, C)
    P: np.ndarray  # (n, C)
    losses: np.ndarray  # (n,)  −log P[i, y_i]
    mask: np.ndarray | None

    @property
    def loss(self) -> float:
        return float(self.losses.sum())

    @property
    def predictions(self) -> np.ndarray:
        return np.argmax(self.P, axis=1)


def forward(X: np.ndarray, params: dict[str, np.ndarray], labels, scale: bool = True,
            mask: np.ndarray | None = None) -> Forward:
    p = params
    Q, K, V = X @ p["W_Q"], X @ p["W_K"], X @ p["W_V"]  # (n, d_k), (n, d_k), (n, d_v)
    scores, scaling, S, alpha, A = attend(Q, K, V, scale, mask)
    Z = A @ p["W_C"] + p["b_C"]  # (n, C)
    labels = np.asarray(labels, dtype=np.int64)
    with np.errstate(over="ignore", invalid="ignore"):
        losses = -np.take_along_axis(log_softmax(Z, axis=-1), labels[..., None], axis=-1)[..., 0]
        P = softmax(Z, axis=-1)
    return Forward(X, dict(p), labels, Q, K, V, scores, scaling, S, alpha, A, Z, P, losses, mask)


@dataclass
class Backward:
    dZ: np.ndarray  # (n, C)
    dW_C: np.ndarray  # (d_v, C)
    db_C: np.ndarray  # (C,)
    dA: np.ndarray  # (n, d_v)
    dalpha: np.ndarray  # (n, n)
    dV: np.ndarray  # (n, d_v)
    jacobians: np.ndarray  # (n, n, n)  J_i = ∂α_i/∂S_i
    dS: np.ndarray  # (n, n)  ∂L/∂S, S the scaled scores
    dscores: np.ndarray  # (n, n)  ∂L/∂(Q·Kᵀ) = ∂L/∂S / s
    dQ: np.ndarray  # (n, d_k)
    dK: np.ndarray  # (n, d_k)
    dW_Q: np.ndarray
    dW_K: np.ndarray
    dW_V: np.ndarray
    dX: np.ndarray  # (n, d_model)

    @property
    def grads(self) -> dict[str, np.ndarray]:
        return {"W_Q": self.dW_Q, "W_K": self.dW_K, "W_V": self.dW_V, "W_C": self.dW_C, "b_C": self.db_C}

    @property
    def identities(self) -> dict[str, np.ndarray]:
        """What the notes under the gradients say, measured: the largest |row sum| of ∂L/∂Z = P − Y
        and of ∂L/∂S (0 but for round-off), and for each J_i the largest |row sum| and the largest
        |J_i − J_iᵀ| (0: symmetric). inf or nan when a gradient is."""
        J = self.jacobians  # (n, n, n)
        return {"dZ_row_sum": np.max(np.abs(self.dZ.sum(axis=-1))), "dS_row_sum": np.max(np.abs(self.dS.sum(axis=-1))),
                "jacobian_row_sum": np.max(np.abs(J.sum(axis=-1)), axis=-1),  # (n,)
                "jacobian_asymmetry": np.max(np.abs(J - np.swapaxes(J, -1, -2)), axis=(-2, -1))}  # (n,)


def round_off(x, scale) -> bool:
    """Whether ``x`` (a measured |sum| or |difference| that is 0 in exact arithmetic) is round-off
    only: at most 1e-9 of ``scale`` (the size of what was summed; at least 1). False for inf/nan."""
    return bool(np.all(np.asarray(x) <= 1e-9 * max(1.0, float(np.max(np.abs(scale))))))


def softmax_jacobians(alpha: np.ndarray) -> np.ndarray:
    """∂α_i/∂s_i for each row α_i = softmax(s_i) of alpha (n, m): J_i = diag(α_i) − α_iᵀα_i, entry
    (j, k) = α_ij(δ_jk − α_ik). (n, m, m)"""
    return alpha[..., :, None] * np.eye(alpha.shape[-1]) - alpha[..., :, None] * alpha[..., None, :]


def _xt(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """aᵀ·b, over the rows of every sentence when there is a batch axis: (…, n, p), (…, n, q) → (p, q)."""
    return a.reshape(-1, a.shape[-1]).T @ b.reshape(-1, b.shape[-1])


def backward(f: Forward) -> Backward:
    """Every gradient of ``forward``'s loss. The arrays may carry a leading batch axis (sentences of
    the same length, ``train``): then each parameter's gradient is summed over the batch."""
    p = f.params
    T = lambda a: np.swapaxes(a, -1, -2)  # noqa: E731  (a matrix's transpose, per sentence)
    dZ = f.P - np.eye(f.Z.shape[-1])[f.labels]  # P − Y
    dW_C = _xt(f.A, dZ)  # Aᵀ·∂L/∂Z  (d_v, C)
    db_C = dZ.reshape(-1, dZ.shape[-1]).sum(axis=0)  # (C,)
    dA = dZ @ p["W_C"].T  # (n, d_v)
    dalpha = dA @ T(f.V)  # (n, n)
    dV = T(f.alpha) @ dA  # (n, d_v)
    J = softmax_jacobians(f.alpha)  # (n, n, n)
    dS = np.einsum("...ij,...ijk->...ik", dalpha, J)  # row i: ∂L/∂α[i]·J_i
    dscores = dS / f.scaling
    dQ = dscores @ f.K  # (n, d_k)
    dK = T(dscores) @ f.Q  # (n, d_k)
    dW_Q, dW_K, dW_V = _xt(f.X, dQ), _xt(f.X, dK), _xt(f.X, dV)
    dX = dQ @ p["W_Q"].T + dK @ p["W_K"].T + dV @ p["W_V"].T
    return Backward(dZ, dW_C, db_C, dA, dalpha, dV, J, dS, dscores, dQ, dK, dW_Q, dW_K, dW_V, dX)


@dataclass
class Check:
    """Central finite differences (L(θ + ε) − L(θ − ε)) / 2ε, entry by entry. A parameter with more
    than ``MAX_CHECKED`` entries is checked on that many, evenly spaced in its flat order (each
    costs two forward passes); ``entries`` says which."""

    entries: dict[str, np.ndarray]  # flat indices checked
    numeric: dict[str, np.ndarray]  # ĝ at those entries
    rel_error: dict[str, float]  # ‖g − ĝ‖ / max(‖g‖, ‖ĝ‖, 1e-12) over the checked entries
    sizes: dict[str, int]  # entries of each parameter
    eps: float

    @property
    def worst(self) -> float:
        return max(self.rel_error.values())


MAX_CHECKED = 64


def gradient_check(f: Forward, b: Backward, scale: bool = True, eps: float = FD_EPS) -> Check:
    entries, numeric, rel, sizes = {}, {}, {}, {}
    for name, g in b.grads.items():
        theta = f.params[name]
        idx = np.unique(np.linspace(0, theta.size - 1, min(theta.size, MAX_CHECKED)).astype(np.int64))
        num = np.zeros(idx.size)
        for k, flat in enumerate(idx):
            losses = []
            for sign in (1.0, -1.0):
                q = dict(f.params)
                q[name] = theta.copy()
                q[name].flat[flat] += sign * eps
                losses.append(forward(f.X, q, f.labels, scale, f.mask).loss)
            num[k] = (losses[0] - losses[1]) / (2 * eps)
        mine = g.ravel()[idx]
        entries[name], numeric[name], sizes[name] = idx, num, theta.size
        rel[name] = float(np.linalg.norm(mine - num) / max(np.linalg.norm(mine), np.linalg.norm(num), 1e-12))
    return Check(entries, numeric, rel, sizes, eps)


@dataclass
class Training:
    """Full-batch gradient descent θ ← θ − η·Σ_s ∂L_s/∂θ over the training sentences s, on every
    parameter of ``PARAMS``."""

    steps: int
    lr: float
    losses: np.ndarray  # (steps + 1,)  Σ_s L_s before each step, and after the last
    params: dict[str, np.ndarray]  # after the last step


def train(data, params: dict[str, np.ndarray], steps: int, lr: float, scale: bool = True,
          causal: bool = False) -> Training:
    """``data``: (X (n×d_model), labels (n,)) per sentence. Sentences of the same length go through
    ``forward`` and ``backward`` together, stacked on a leading axis; a causal mask per length."""
    p = {k: np.array(v, dtype=np.float64) for k, v in params.items()}
    groups = {}
    for X, y in data:
        groups.setdefault(len(y), []).append((X, y))
    batches = [(np.stack([X for X, _ in g]), np.stack([np.asarray(y) for _, y in g]),
                np.triu(np.ones((n, n), dtype=bool), k=1) if causal else None) for n, g in groups.items()]

    def run(p):
        return [forward(X, p, y, scale, m) for X, y, m in batches]

    losses = []
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps):
            fs = run(p)
            losses.append(sum(f.loss for f in fs))
            grads = [backward(f).grads for f in fs]
            for name in PARAMS:
                p[name] = p[name] - lr * sum(g[name] for g in grads)
        losses.append(sum(f.loss for f in run(p)))
    return Training(steps, lr, np.array(losses), p)
