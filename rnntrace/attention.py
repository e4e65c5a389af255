"""Attention, as the lectures write it (numpy only, float64; nothing here formats text).

Encoder–decoder attention ("Mecanismo de Atención"), for decoder step i over encoder states
h^e_1 … h^e_n:

    score(h^d_{i−1}, h^e_j) = h^d_{i−1} · h^e_j
    α_{i,j} = softmax_j(score(h^d_{i−1}, h^e_j))
    c_i     = Σ_j α_{i,j} h^e_j

Self-attention ("Todo junto"), for the rows of X (one token per row, n × d_model):

    Q = X·W_Q,  K = X·W_K,  V = X·W_V
    A(Q, K, V) = softmax(Q·Kᵀ / scaling)·V,     scaling = √d_k (or 1 with scaling off)

With h heads, W_Q and W_K are d_model × (h·d_k) and W_V is d_model × (h·d_v), d_v = d_model / h;
head i uses columns (i−1)·d_k … i·d_k − 1 of Q and K and its own columns of V; the heads'
outputs are concatenated (n × h·d_v) and projected by W_O (h·d_v × d_model).

Every function returns a small dataclass holding every intermediate array, for tracing.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rnntrace.attention_scoring import Scoring, score
from rnntrace.errors import InputError
from rnntrace.i18n import t
from rnntrace.mathx import softmax

MAX_TOKENS = 64
MAX_DIM = 256
MAX_HEADS = 16


def _shape(a: np.ndarray) -> str:
    return "×".join(str(s) for s in a.shape)


def check_product(left: str, a: np.ndarray, right: str, b: np.ndarray, want: str | None = None) -> None:
    """``a·b`` needs a's columns to match b's rows (and, given ``want``, b to be exactly that
    shape); say which product breaks if not."""
    if a.ndim != 2 or b.ndim != 2 or a.shape[1] != b.shape[0]:
        raise InputError(t("attention.bad_product", left=left, right=right,
                           lshape=_shape(a), rshape=_shape(b), rows=a.shape[-1]))
    if want is not None and _shape(b) != want:
        raise InputError(t("attention.bad_weight", left=left, right=right,
                           lshape=_shape(a), rshape=_shape(b), want=want))


# ---- heads and sizes ----------------------------------------------------------------------
def head_dims(d_model: int, heads: int = 1, d_k: int | None = None) -> tuple[int, int]:
    """(d_k, d_v) per head: d_v = d_model / h (h must divide d_model); d_k = d_v unless given."""
    if not 1 <= d_model <= MAX_DIM:
        raise InputError(t("attention.bad_dim", value=d_model, max=MAX_DIM))
    if not 1 <= heads <= min(MAX_HEADS, d_model):
        raise InputError(t("attention.bad_heads", value=heads, max=min(MAX_HEADS, d_model)))
    if d_model % heads:
        choices = ", ".join(str(h) for h in range(1, min(MAX_HEADS, d_model) + 1) if d_model % h == 0)
        raise InputError(t("attention.heads_divide", heads=heads, d_model=d_model, choices=choices))
    d_v = d_model // heads
    if d_k is None:
        return d_v, d_v
    if not 1 <= d_k <= MAX_DIM:
        raise InputError(t("attention.bad_dk", value=d_k, max=MAX_DIM))
    return d_k, d_v


def causal_mask(n: int) -> np.ndarray:
    """A decoder's mask: True where query i may not see key j, i.e. j > i. (n, n) bool."""
    return np.triu(np.ones((n, n), dtype=bool), k=1)


# ---- one head ----------------------------------------------------------------------------
class WeightRows:
    """What a table of attention weights (one row per query or target word, rows summing to 1)
    is asked for."""

    weights: np.ndarray

    @property
    def row_sums(self) -> np.ndarray:
        """Σ_j α_{i,j} for each row i, each 1 up to round-off."""
        return self.weights.sum(axis=1)

    @property
    def argmax(self) -> np.ndarray:
        """For each row, the column (key or source word) with the largest weight."""
        return np.argmax(self.weights, axis=1)

    @property
    def sums_to_one(self) -> np.ndarray:
        """For each row, whether it sums to 1 up to round-off (1e-9); False when a weight is inf or nan."""
        return np.abs(self.row_sums - 1.0) <= 1e-9  # (n,) bool

    @property
    def rows_sum_to_one(self) -> bool:
        return bool(np.all(self.sums_to_one))


@dataclass
class Head(WeightRows):
    """One head of self-attention: every intermediate array, named as in the lecture.

    ``scaled_scores`` holds −inf where the mask hides a key; ``weights`` is exactly 0 there.
    """

    index: int  # 1-based
    W_Q: np.ndarray  # (d_model, d_k)
    W_K: np.ndarray  # (d_model, d_k)
    W_V: np.ndarray  # (d_model, d_v)
    Q: np.ndarray  # (n, d_k)
    K: np.ndarray  # (n, d_k)
    V: np.ndarray  # (n, d_v)
    scores: np.ndarray  # (n, n)  Q·Kᵀ
    scaling: float  # √d_k, or 1.0 with scaling off
    scaled_scores: np.ndarray  # (n, n)  Q·Kᵀ / scaling, −inf where masked
    weights: np.ndarray  # (n, n)  softmax row by row; rows sum to 1
    output: np.ndarray  # (n, d_v)  weights·V


    def terms(self, i: int) -> np.ndarray:
        """Query i's output row term by term: row j = α_{i,j} v_j, (n, d_v); the rows sum to
        ``output[i]``."""
        return self.weights[i][:, None] * self.V  # (n, d_v)


def attend(Q: np.ndarray, K: np.ndarray, V: np.ndarray, scale: bool = True,
           mask: np.ndarray | None = None):
    """A(Q, K, V) = softmax(Q·Kᵀ / scaling)·V for one head.

    Q (n, d_k), K (m, d_k), V (m, d_v), mask (n, m) bool (True = hidden) →
    (scores (n, m), scaling, scaled_scores (n, m), weights (n, m), output (n, d_v)).
    A masked score becomes −inf before the softmax, so its weight is exactly 0; a row with
    every key hidden gets weights 0 (never NaN).
    """
    scores = Q @ np.swapaxes(K, -1, -2)  # (n, m); with leading batch axes too (``attention_backward.train``)
    scaling = float(np.sqrt(Q.shape[-1])) if scale else 1.0
    scaled = scores / scaling  # (n, m)
    if mask is not None:
        scaled = np.where(mask, -np.inf, scaled)
    weights = softmax(scaled, axis=-1)  # (n, m)
    if mask is not None:
        weights = np.where(mask, 0.0, weights)  # exactly 0, whatever the softmax rounding
    return scores, scaling, scaled, weights, weights @ V  # ..., (n, d_v)


# ---- self-attention ----------------------------------------------------------------------
@dataclass
class SelfAttention:
    """Self-attention over X, every step kept: Q, K, V, one ``Head`` per head, their
    concatenation and (with several heads) the output projection W_O."""

    X: np.ndarray  # (n, d_model)
    W_Q: np.ndarray  # (d_model, h·d_k)
    W_K: np.ndarray  # (d_model, h·d_k)
    W_V: np.ndarray  # (d_model, h·d_v)
    W_O: np.ndarray | None  # (h·d_v, d_model); None with one head
    Q: np.ndarray  # (n, h·d_k)
    K: np.ndarray  # (n, h·d_k)
    V: np.ndarray  # (n, h·d_v)
    d_k: int
    d_v: int
    scale: bool
    mask: np.ndarray | None  # (n, n) bool, True = hidden; None without a mask
    heads: list[Head]
    concat: np.ndarray  # (n, h·d_v)  [head_1 | head_2 | …]
    output: np.ndarray  # (n, d_model) with W_O; (n, d_v) = the one head's output without

    @property
    def n_heads(self) -> int:
        return len(self.heads)

    @property
    def row_sum_error(self) -> float:
        """max over heads and queries of |Σ_j α_{i,j} − 1| (round-off only)."""
        return max(float(np.max(np.abs(h.row_sums - 1.0))) for h in self.heads)

    @property
    def rows_sum_to_one(self) -> bool:
        """Every head's rows sum to 1 up to round-off; False when a weight is inf or nan."""
        return all(h.rows_sum_to_one for h in self.heads)


def self_attention(X: np.ndarray, W_Q: np.ndarray, W_K: np.ndarray, W_V: np.ndarray,
                   heads: int = 1, W_O: np.ndarray | None = None, scale: bool = True,
                   causal: bool = False) -> SelfAttention:
    """Q = X·W_Q, K = X·W_K, V = X·W_V; per head A = softmax(Q·Kᵀ / √d_k)·V; with h > 1 heads,
    output = [A_1 | … | A_h]·W_O.

    X (n, d_model); W_Q, W_K (d_model, h·d_k); W_V (d_model, h·d_v) with d_v = d_model / h;
    W_O (h·d_v, d_model), required when h > 1 and not used when h = 1.
    """
    X, W_Q, W_K, W_V = (np.asarray(a, dtype=np.float64) for a in (X, W_Q, W_K, W_V))
    if X.ndim != 2 or X.shape[0] == 0:
        raise InputError(t("attention.bad_X", shape=_shape(X)))
    n, d_model = X.shape
    if n > MAX_TOKENS:
        raise InputError(t("attention.too_many_tokens", n=n, max=MAX_TOKENS))
    d_v = head_dims(d_model, heads)[1]
    check_product("X", X, "W_Q", W_Q)
    check_product("X", X, "W_K", W_K)
    check_product("X", X, "W_V", W_V)
    if W_Q.shape != W_K.shape:
        raise InputError(t("attention.qk_differ", q=_shape(W_Q), k=_shape(W_K)))
    if W_Q.shape[1] % heads:
        raise InputError(t("attention.split_columns", name="W_Q", shape=_shape(W_Q),
                           cols=W_Q.shape[1], heads=heads))
    if W_V.shape[1] != heads * d_v:
        raise InputError(t("attention.bad_WV", shape=_shape(W_V), want=f"{d_model}×{heads * d_v}"))
    d_k = W_Q.shape[1] // heads
    if heads > 1:
        if W_O is None:
            raise InputError(t("attention.need_WO", heads=heads))
        W_O = np.asarray(W_O, dtype=np.float64)
        if W_O.shape != (heads * d_v, d_model):
            raise InputError(t("attention.bad_WO", shape=_shape(W_O), want_rows=heads * d_v,
                               want=f"{heads * d_v}×{d_model}"))
    else:
        W_O = None

    Q, K, V = X @ W_Q, X @ W_K, X @ W_V  # (n, h·d_k), (n, h·d_k), (n, h·d_v)
    mask = causal_mask(n) if causal else None
    out_heads = []
    for i in range(heads):
        qk, v = slice(i * d_k, (i + 1) * d_k), slice(i * d_v, (i + 1) * d_v)
        scores, scaling, scaled, weights, out = attend(Q[:, qk], K[:, qk], V[:, v], scale, mask)
        out_heads.append(Head(i + 1, W_Q[:, qk], W_K[:, qk], W_V[:, v], Q[:, qk], K[:, qk], V[:, v],
                              scores, scaling, scaled, weights, out))
    concat = np.concatenate([h.output for h in out_heads], axis=1)  # (n, h·d_v)
    output = concat @ W_O if W_O is not None else concat  # (n, d_model)
    return SelfAttention(X, W_Q, W_K, W_V, W_O, Q, K, V, d_k, d_v, scale, mask, out_heads,
                         concat, output)


# ---- what the notes say about the rows, measured ----------------------------------------------
SATURATED = 0.99  # a row whose largest weight reaches this is one-hot: its softmax Jacobian's entries are ≤ 0.01
NEAR_UNIFORM = 1.5  # a row whose largest weight is below 1.5/m (m keys it sees) is close to uniform


@dataclass
class Sharpness:
    """How close one head's rows of weights are to one-hot, over the rows that see at least two
    keys (a row with one key, the first under a causal mask, is 1 whatever the scores).

    ``verdict``: ``one_hot`` when some row's largest weight is ≥ SATURATED; ``uniform`` when every
    row's is below NEAR_UNIFORM / (keys it sees); ``between`` otherwise; None when no row sees two
    keys or a weight is inf or nan. ``row`` (0-based) is the row with the largest weight among them.
    """

    max_weight: np.ndarray  # (n,)  largest α of each row
    keys: np.ndarray  # (n,)  keys each row sees
    gap: np.ndarray  # (n,)  largest minus smallest score the row sees (before the softmax)
    verdict: str | None
    row: int | None

    @property
    def largest(self) -> float | None:
        return None if self.row is None else float(self.max_weight[self.row])

    @property
    def saturated(self) -> list[int]:
        """The rows (0-based, seeing two keys or more) whose largest weight is ≥ SATURATED."""
        return [i for i in range(len(self.keys)) if self.keys[i] >= 2 and self.max_weight[i] >= SATURATED]


def sharpness(weights: np.ndarray, scores: np.ndarray, mask: np.ndarray | None = None) -> Sharpness:
    """The largest weight of each row of ``weights`` (n, m), the spread of the scores it came from
    (``scores`` (n, m), as the softmax read them) and the verdict on the rows that see two keys or
    more (``mask`` (n, m) bool, True = hidden)."""
    W = np.asarray(weights, dtype=np.float64)
    keys = (W.shape[1] - np.sum(mask, axis=1)) if mask is not None else np.full(W.shape[0], W.shape[1])
    seen = np.asarray(scores, dtype=np.float64) if mask is None else np.where(mask, np.nan, scores)
    with np.errstate(invalid="ignore"):
        gap = np.nanmax(seen, axis=1) - np.nanmin(seen, axis=1)  # (n,)
    top = np.max(W, axis=1)  # (n,)
    rows = np.flatnonzero(keys >= 2)
    if rows.size == 0 or not np.all(np.isfinite(W)):
        return Sharpness(top, keys, gap, None, None)
    row = int(rows[np.argmax(top[rows])])
    if top[row] >= SATURATED:
        verdict = "one_hot"
    elif np.all(top[rows] < NEAR_UNIFORM / keys[rows]):
        verdict = "uniform"
    else:
        verdict = "between"
    return Sharpness(top, keys, gap, verdict, row)


def reorder_change(X: np.ndarray, r: SelfAttention) -> float:
    """The words reversed, the same weights: the largest change of any output row against the
    original's rows reversed. 0 (up to round-off) means the order only permutes the rows, as
    self-attention without positional encodings and without a mask does; a causal mask makes the
    order matter. inf or nan when the output is not finite."""
    again = self_attention(X[::-1], r.W_Q, r.W_K, r.W_V, heads=r.n_heads, W_O=r.W_O, scale=r.scale,
                           causal=r.mask is not None)
    return float(np.max(np.abs(again.output - r.output[::-1])))


def order_free(change: float, output: np.ndarray) -> bool | None:
    """Whether ``reorder_change`` is round-off only (≤ 1e-10 of the output's size); None when it
    is not finite."""
    if not np.isfinite(change):
        return None
    return change <= 1e-10 * max(1.0, float(np.max(np.abs(output))))


def masked_exactly_zero(r: SelfAttention) -> bool | None:
    """Whether every masked weight is exactly 0 and every weight finite (None without a mask)."""
    if r.mask is None:
        return None
    return all(bool(np.all(h.weights[r.mask] == 0.0)) and bool(np.all(np.isfinite(h.weights))) for h in r.heads)


# ---- encoder–decoder attention -----------------------------------------------------------
@dataclass
class AttentionStep:
    """Decoder step i: h^d_{i−1} scores every encoder state, and the context is their weighted sum."""

    i: int  # 1-based target position
    query: np.ndarray  # (H,)  h^d_{i−1}
    scores: np.ndarray  # (n,)  score(h^d_{i−1}, h^e_j) = h^d_{i−1} · h^e_j
    weights: np.ndarray  # (n,)  α_{i,j}; sums to 1
    terms: np.ndarray  # (n, H)  row j = α_{i,j} h^e_j
    context: np.ndarray  # (H,)  c_i = Σ_j α_{i,j} h^e_j
    scoring: Scoring | None = None  # how the scores were made (general, additive: their terms)


def attention_step(i: int, h_dec_prev: np.ndarray, encoder_states: np.ndarray, kind: str = "dot",
                   score_params: dict[str, np.ndarray] | None = None) -> AttentionStep:
    """score_j = score(h^d_{i−1}, h^e_j) (the dot product by default, see ``attention_scoring``),
    α_{i,·} = softmax(score),  c_i = Σ_j α_{i,j} h^e_j.

    h_dec_prev (H,), encoder_states (n, H) with row j−1 = h^e_j → ``AttentionStep``.
    """
    q = np.asarray(h_dec_prev, dtype=np.float64)
    E = np.asarray(encoder_states, dtype=np.float64)
    if E.ndim != 2 or E.shape[0] == 0 or q.shape != (E.shape[1],):
        raise InputError(t("attention.bad_states", dec=_shape(q), enc=_shape(E)))
    scoring = score(kind, q, E, score_params or {})
    weights = softmax(scoring.scores)  # (n,)
    terms = weights[:, None] * E  # (n, H)
    return AttentionStep(i, q, scoring.scores, weights, terms, terms.sum(axis=0), scoring)


@dataclass
class CrossAttention(WeightRows):
    """Encoder–decoder attention for every target position, stacked: row i is decoder step i."""

    encoder_states: np.ndarray  # (n, H)  row j−1 = h^e_j
    decoder_states: np.ndarray  # (m, H)  row i−1 = h^d_{i−1}, the state that scores
    scores: np.ndarray  # (m, n)  decoder_states·Eᵀ
    weights: np.ndarray  # (m, n)  α; rows sum to 1
    terms: np.ndarray  # (m, n, H)  [i, j] = α_{i,j} h^e_j
    contexts: np.ndarray  # (m, H)  row i−1 = c_i
    steps: list[AttentionStep]



def stack(steps: list[AttentionStep], encoder_states: np.ndarray) -> CrossAttention:
    """The per-step records as matrices (the alignment table is ``weights``)."""
    return CrossAttention(
        encoder_states=np.asarray(encoder_states, dtype=np.float64),
        decoder_states=np.stack([s.query for s in steps]),  # (m, H)
        scores=np.stack([s.scores for s in steps]),  # (m, n)
        weights=np.stack([s.weights for s in steps]),  # (m, n)
        terms=np.stack([s.terms for s in steps]),  # (m, n, H)
        contexts=np.stack([s.context for s in steps]),  # (m, H)
        steps=list(steps))


def dot_product_attention(decoder_states: np.ndarray, encoder_states: np.ndarray) -> CrossAttention:
    """Every decoder state h^d_{i−1} (rows of decoder_states, (m, H)) against every encoder
    state h^e_j (rows of encoder_states, (n, H)): scores (m, n), α (m, n), contexts (m, H)."""
    D = np.asarray(decoder_states, dtype=np.float64)
    if D.ndim != 2 or D.shape[0] == 0:
        raise InputError(t("attention.bad_states", dec=_shape(D), enc=_shape(np.asarray(encoder_states))))
    return stack([attention_step(i, q, encoder_states) for i, q in enumerate(D, start=1)],
                 encoder_states)


# ---- why scale by √d_k -------------------------------------------------------------------
@dataclass
class Saturation:
    """What ``--no-scale`` goes wrong on, measured: for random q, k with unit-variance entries,
    q·k has variance d_k, so without scaling the softmax saturates (one weight near 1) as d_k
    grows; dividing by √d_k keeps the variance at 1.

    ``score_std[i]`` is the measured standard deviation of q·k for ``d_k[i]``;
    ``max_weight_scaled[i]`` / ``max_weight_unscaled[i]`` are the mean, over trials, of the
    largest of the n weights, with and without the division by √d_k.
    """

    d_k: np.ndarray  # (s,)
    n_keys: int
    trials: int
    score_std: np.ndarray  # (s,)
    max_weight_scaled: np.ndarray  # (s,)
    max_weight_unscaled: np.ndarray  # (s,)

    @property
    def unscaled_grows(self) -> bool:
        """The unscaled mean largest weight rises with every larger d_k (two keys or more)."""
        return self.n_keys >= 2 and bool(np.all(np.diff(self.max_weight_unscaled) > 0))

    @property
    def as_expected(self) -> bool:
        """What the note under the table says, measured: std(q·k) within 10 % of √d_k at every d_k,
        the unscaled largest weight rising with d_k, the scaled one within 0.1 over every d_k."""
        spread = np.abs(self.score_std / np.sqrt(self.d_k) - 1.0)
        return bool(np.all(spread <= 0.1)) and self.unscaled_grows and \
            float(np.ptp(self.max_weight_scaled)) <= 0.1


def saturation(d_ks=(1, 4, 16, 64, 256), n_keys: int = 5, trials: int = 2000, seed: int = 0) -> Saturation:
    """Measure the softmax's saturation with and without scaling, for random q, k ~ N(0, 1)."""
    rng = np.random.default_rng(seed)
    d_ks = np.asarray(d_ks, dtype=np.int64)
    std, m_s, m_u = [], [], []
    for d in d_ks:
        q = rng.standard_normal((trials, 1, d))
        k = rng.standard_normal((trials, n_keys, d))
        s = np.sum(q * k, axis=-1)  # (trials, n_keys)
        std.append(np.std(s))
        m_s.append(np.mean(np.max(softmax(s / np.sqrt(d), axis=-1), axis=-1)))
        m_u.append(np.mean(np.max(softmax(s, axis=-1), axis=-1)))
    return Saturation(d_ks, n_keys, trials, np.array(std), np.array(m_s), np.array(m_u))
