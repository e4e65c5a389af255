"""One encoder block of the Transformer (Vaswani et al. 2017, the lecture's "Todo junto" figure),
post-norm, as PyTorch's nn.TransformerEncoderLayer computes it with norm_first=False, ReLU and
no dropout (numpy only, float64):

    M   = MultiHead(X) = [head_1 | … | head_h]·W_O,  head_k = softmax(Q_k·K_kᵀ / √d_k)·V_k
    R_1 = X + M                                      (residual connection)
    N_1 = LayerNorm(R_1; γ_1, β_1)
    F   = ReLU(N_1·W_1 + b_1)·W_2 + b_2              (feed-forward: d_model → d_ff → d_model)
    R_2 = N_1 + F                                    (residual connection)
    Y   = LayerNorm(R_2; γ_2, β_2)

LayerNorm(r) = γ ⊙ (r − μ) / √(σ² + ε) + β, row by row, μ and σ² the row's mean and (biased)
variance over its d_model entries; γ, β (d_model) are learnt, ε = 1e-5 keeps the division finite.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rnntrace import attention as att

EPSILON = 1e-5  # PyTorch's default layer_norm_eps
FF_FACTOR = 4  # d_ff = 4·d_model, as in Vaswani et al. (512 → 2048)
BLOCK_PARAMS = ("W_Q", "W_K", "W_V", "W_O", "gamma_1", "beta_1", "W_1", "b_1", "W_2", "b_2", "gamma_2", "beta_2")


@dataclass
class LayerNorm:
    input: np.ndarray  # (n, d)  r
    mean: np.ndarray  # (n,)  μ_i
    var: np.ndarray  # (n,)  σ²_i (biased: divided by d)
    std: np.ndarray  # (n,)  √(σ²_i + ε)
    normed: np.ndarray  # (n, d)  (r − μ) / √(σ² + ε)
    output: np.ndarray  # (n, d)  γ ⊙ normed + β


def layer_norm(r: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = EPSILON) -> LayerNorm:
    mean = r.mean(axis=1)  # (n,)
    var = ((r - mean[:, None]) ** 2).mean(axis=1)  # (n,)
    std = np.sqrt(var + eps)
    normed = (r - mean[:, None]) / std[:, None]  # (n, d)
    return LayerNorm(r, mean, var, std, normed, normed * gamma + beta)


@dataclass
class EncoderBlock:
    X: np.ndarray  # (n, d_model)
    params: dict[str, np.ndarray]
    epsilon: float
    attention: att.SelfAttention  # its concat is the heads before W_O, its output M = concat·W_O
    residual_1: np.ndarray  # (n, d_model)  X + M
    norm_1: LayerNorm
    hidden_pre: np.ndarray  # (n, d_ff)  N_1·W_1 + b_1
    hidden: np.ndarray  # (n, d_ff)  ReLU
    ff: np.ndarray  # (n, d_model)  hidden·W_2 + b_2
    residual_2: np.ndarray  # (n, d_model)  N_1 + F
    norm_2: LayerNorm

    @property
    def output(self) -> np.ndarray:
        return self.norm_2.output

    @property
    def d_ff(self) -> int:
        return self.hidden.shape[1]


def block_shapes(d_model: int, heads: int) -> dict[str, tuple[int, ...]]:
    d_ff = FF_FACTOR * d_model
    sq = (d_model, d_model)
    return {"W_Q": sq, "W_K": sq, "W_V": sq, "W_O": sq, "gamma_1": (d_model,), "beta_1": (d_model,),
            "W_1": (d_model, d_ff), "b_1": (d_ff,), "W_2": (d_ff, d_model), "b_2": (d_model,),
            "gamma_2": (d_model,), "beta_2": (d_model,)}


def encoder_block(X: np.ndarray, params: dict[str, np.ndarray], heads: int, eps: float = EPSILON) -> EncoderBlock:
    """X (n, d_model) through one post-norm encoder block; ``params`` as ``block_shapes`` says.
    With one head, W_O still projects (nn.MultiheadAttention always has its out_proj)."""
    p = params
    a = att.self_attention(X, p["W_Q"], p["W_K"], p["W_V"], heads=heads, W_O=p["W_O"] if heads > 1 else None)
    M = a.concat @ p["W_O"]  # (n, d_model)
    a.W_O, a.output = p["W_O"], M
    R1 = X + M
    N1 = layer_norm(R1, p["gamma_1"], p["beta_1"], eps)
    pre = N1.output @ p["W_1"] + p["b_1"]  # (n, d_ff)
    hidden = np.maximum(pre, 0.0)
    F = hidden @ p["W_2"] + p["b_2"]  # (n, d_model)
    R2 = N1.output + F
    N2 = layer_norm(R2, p["gamma_2"], p["beta_2"], eps)
    return EncoderBlock(X, dict(p), eps, a, R1, N1, pre, hidden, F, R2, N2)
