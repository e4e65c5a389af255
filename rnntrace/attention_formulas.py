"""Attention's and the positional encodings' formulas as expression trees (``rnntrace.trace``'s
nodes), so every view writes them from the tree: the terminal as text, LaTeX and Markdown as TeX.

Plain data, no numbers and no text formatting: the builders (``present.attention*``,
``present.positional``) put these trees in their ``Formula`` blocks.
"""
from __future__ import annotations

from rnntrace.trace import (Add, Apply, Call, Concat, Div, Eq, Expr, Had, MatMul, Neg, Pow, Scale, Seq, Sqrt, Sub, Sum,
                            Sym, Transpose)

S = Sym
Q, K, V, X, E, P = S("Q"), S("K"), S("V"), S("X"), S("E"), S("P")
ALPHA = S("α")


def eqs(*pairs: tuple[Expr, Expr]) -> Seq:
    """``a = b,  c = d, …`` on one line."""
    return Seq(tuple(Eq(a, b) for a, b in pairs))


def scaling(scale: bool, value: str | None = None) -> Expr:
    """What the scores are divided by: √d_k, the number it is (``value``), or 1 unscaled."""
    if not scale:
        return S("1")
    return S(value) if value is not None else Sqrt(S("d_k"))


def scores(q: Expr = Q, k: Expr = K) -> MatMul:
    """Q·Kᵀ."""
    return MatMul(q, Transpose(k))


def scaled(q: Expr = Q, k: Expr = K, scale: bool = True, value: str | None = None) -> Div:
    """Q·Kᵀ / √d_k (or / 1)."""
    return Div(scores(q, k), scaling(scale, value))


def softmax(e: Expr) -> Apply:
    return Apply("softmax", e)


# ---- the positional encodings ----------------------------------------------------------------
OMEGA_K = S("ω_k")


def sinusoidal() -> Seq:
    """p_t^(2k) = sin(ω_k t),  p_t^(2k+1) = cos(ω_k t),  ω_k = 1/10000^(2k/d)."""
    angle = Scale(OMEGA_K, S("t"))
    return eqs((S("p_t^(2k)"), Apply("sin", angle)), (S("p_t^(2k+1)"), Apply("cos", angle)),
               (OMEGA_K, Div(S("1"), Pow(S("10000"), Div(S("2k"), S("d"))))))


# ---- self-attention ------------------------------------------------------------------------
def projections() -> Seq:
    """Q = X·W_Q,  K = X·W_K,  V = X·W_V."""
    return eqs(*[(S(n), MatMul(X, S(f"W_{n}"))) for n in ("Q", "K", "V")])


def attention(scale: bool) -> Eq:
    """A(Q, K, V) = softmax(Q·Kᵀ / √d_k)·V."""
    return Eq(Call("A", (Q, K, V)), MatMul(softmax(scaled(scale=scale)), V))


def head(scale: bool, heads: int) -> Seq:
    """head_h = softmax(Q_h·K_hᵀ / √d_k)·V_h,  h = 1 … H."""
    return Seq((Eq(S("head_h"), MatMul(softmax(scaled(S("Q_h"), S("K_h"), scale)), S("V_h"))),
                Eq(S("h"), S(f"1 … {heads}"))))


def heads_concat(heads: int, full: bool = False) -> Concat:
    """[head_1 | … | head_H] as the header writes it; ``full``: every head written out."""
    names = [S(f"head_{h}") for h in range(1, heads + 1)]
    return Concat(tuple(names if full else [names[0], S("…"), names[-1]]), "|")


def output(heads: int, full: bool = False) -> MatMul:
    """[head_1 | … | head_H]·W_O."""
    return MatMul(heads_concat(heads, full), S("W_O"))


def query_score(i: int, scale: bool) -> Div:
    """q_i · k_j / √d_k, query i's score against key j."""
    return Div(MatMul(S(f"q_{i}"), S("k_j")), scaling(scale))


def query_weights(i: int) -> Seq:
    """α_{i,j} = softmax_j(s_{i,j}),  a_i = Σ_j α_{i,j} v_j."""
    a = S(f"α_{{{i},j}}")
    return Seq((Eq(a, Apply("softmax_j", S(f"s_{{{i},j}}"))), Eq(S(f"a_{i}"), Sum("j", Scale(a, S("v_j"))))))


# ---- seq2seq -------------------------------------------------------------------------------
HD_PREV, HE_J = S("h^d_{i−1}"), S("h^e_j")


def rnn(h: str, x: str, h_prev: str, side: str, context: bool = False) -> Eq:
    """h = tanh(x·W_xh + h_prev·W_hh (+ c_i·W_ch) + b_h), the side's weights (^e or ^d)."""
    terms = [MatMul(S(x), S(f"W_xh^{side}")), MatMul(S(h_prev), S(f"W_hh^{side}"))]
    if context:
        terms.append(MatMul(S("c_i"), S(f"W_ch^{side}")))
    return Eq(S(h), Apply("tanh", Add(tuple(terms + [S(f"b_h^{side}")]))))


def score(kind: str, q: Expr = HD_PREV, k: Expr = HE_J) -> Expr:
    """score(q, k) by kind: q · k (dot), q·W_a·kᵀ (general), vᵀ·tanh(q·W_1 + k·W_2) (additive)."""
    if kind == "dot":
        return MatMul(q, k)
    if kind == "general":
        return MatMul(MatMul(q, S("W_a")), Transpose(k))
    return MatMul(Transpose(S("v")), Apply("tanh", Add((MatMul(q, S("W_1")), MatMul(k, S("W_2"))))))


def score_call(q: Expr = HD_PREV, k: Expr = HE_J) -> Call:
    return Call("score", (q, k))


def context(i: str = "i") -> Eq:
    """c_i = Σ_j α_{i,j} h^e_j."""
    return Eq(S(f"c_{i}"), Sum("j", Scale(S(f"α_{{{i},j}}"), HE_J)))


def output_layer(i: str = "i", bias: bool = True) -> Apply:
    """softmax([h^d_i ; c_i]·W_out + b_out)."""
    z = MatMul(Concat((S(f"h^d_{i}"), S(f"c_{i}")), ";"), S("W_out"))
    return softmax(Add((z, S("b_out"))) if bias else z)


def loss(i: str = "i") -> Eq:
    """loss_i = −log y_i[w_i]."""
    return Eq(S(f"loss_{i}"), Neg(Apply("log", S(f"y_{i}[w_{i}]"))))


# ---- --backward ----------------------------------------------------------------------------------
def d(name: str) -> Sym:
    """∂L/∂name."""
    return S(f"∂L/∂{name}")


def jacobian(i: int) -> Eq:
    """J_i = ∂α_i/∂S_i = diag(α_i) − α_iᵀα_i."""
    a = S(f"α_{i}")
    return Eq(S(f"J_{i}"), Eq(S(f"∂α_{i}/∂S_{i}"), Sub(Apply("diag", a), MatMul(Transpose(a), a))))


def layer_norm(r: Expr, k: str = "") -> Add:
    """γ ⊙ (r − μ) / √(σ² + ε) + β, with γ_k, β_k."""
    g, b = (S(f"γ_{k}"), S(f"β_{k}")) if k else (S("γ"), S("β"))
    return Add((Had(g, Div(Sub(r, S("μ")), Sqrt(Add((S("σ²"), S("ε")))))), b))
