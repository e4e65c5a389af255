"""Attention's and the positional encodings' formulas as expression trees (``rnntrace.trace``'s
nodes), so every view writes them from the tree: the terminal as text, LaTeX and Markdown as TeX.

Plain data, no numbers and no text formatting: the builders (``present.attention*``,
``present.positional``) put these trees in their ``Formula`` blocks.
"""
from __future__ import annotations

from rnntrace.cells import param
from rnntrace.notation import grad_of, indexed
from rnntrace.trace import (Add, Apply, Call, Concat, Div, Eq, Expr, Had, MatMul, Neg, Pow, Scale, Seq, Sqrt, Sub, Sum,
                            Sym, Transpose)



def S(name: str, tex: str | None = None) -> Sym:
    """A symbol with its TeX (``tex``; the name itself when it is already TeX: ``Q``, ``d``, ``W_C``,
    which only an ASCII name can be)."""
    if tex is None and not name.isascii():
        raise ValueError(f"{name!r} needs its TeX")
    return Sym(name, None, name if tex is None else tex)


def sub(base: str, index: str, base_tex: str | None = None, index_tex: str | None = None) -> Sym:
    """``base_index`` (``W_Q``, ``q_2``, ``α_{2,j}``, ``head_1``): the name and its TeX made together.
    An index of several characters is braced in the name (``α_{2,j}``) unless it is a number or
    a word (``W_out``, upright in TeX)."""
    word = len(index) > 1 and index.isalpha()
    name = f"{base}_{index}" if index.isalnum() else f"{base}_{{{index}}}"
    it = index_tex if index_tex is not None else (r"\mathrm{" + index + "}" if word else index)
    bt = base if base_tex is None else base_tex
    if bt.startswith("\\") and bt[-1].isalpha():
        bt += " "  # a command before its subscript, spaced as the TeX the files have always had: \omega _{k}
    return Sym(name, None, f"{bt}_{{{it}}}")


def side(s: Sym, which: str) -> Sym:
    """An encoder's or a decoder's symbol: ``h^e_j``, ``W_xh^d`` (``which`` "e" or "d")."""
    if s.name.startswith("h_"):  # the lecture writes the states h^e_j, h^d_{i−1}: the side first
        return Sym(f"h^{which}" + s.name[1:], None, "h^{" + which + "}" + s.tex[1:])
    return Sym(f"{s.name}^{which}", None, s.tex + "^{" + which + "}")


def word(name: str) -> Sym:
    """A name that is a word (``head``, ``loss``): upright in TeX."""
    return Sym(name, None, r"\mathrm{" + name + "}")


Q, K, V, X, E, P = S("Q"), S("K"), S("V"), S("X"), S("E"), S("P")
ALPHA = S("α", r"\alpha")


def eqs(*pairs: tuple[Expr, Expr]) -> Seq:
    """``a = b,  c = d, …`` on one line."""
    return Seq(tuple(Eq(a, b) for a, b in pairs))


def scaling(scale: bool, value: str | None = None) -> Expr:
    """What the scores are divided by: √d_k, the number it is (``value``), or 1 unscaled."""
    if not scale:
        return S("1")
    return S(value) if value is not None else Sqrt(sub("d", "k"))


def scores(q: Expr = Q, k: Expr = K) -> MatMul:
    """Q·Kᵀ."""
    return MatMul(q, Transpose(k))


def scaled(q: Expr = Q, k: Expr = K, scale: bool = True, value: str | None = None) -> Div:
    """Q·Kᵀ / √d_k (or / 1)."""
    return Div(scores(q, k), scaling(scale, value))


def softmax(e: Expr) -> Apply:
    return Apply("softmax", e)


# ---- the positional encodings ----------------------------------------------------------------
OMEGA_K = sub("ω", "k", r"\omega")


def sinusoidal() -> Seq:
    """p_t^(2k) = sin(ω_k t),  p_t^(2k+1) = cos(ω_k t),  ω_k = 1/10000^(2k/d)."""
    angle = Scale(OMEGA_K, S("t"))
    return eqs((S("p_t^(2k)", "p_{t}^{(2k)}"), Apply("sin", angle)), (S("p_t^(2k+1)", "p_{t}^{(2k+1)}"), Apply("cos", angle)),
               (OMEGA_K, Div(S("1"), Pow(S("10000"), Div(S("2k"), S("d"))))))


# ---- self-attention ------------------------------------------------------------------------
def projections() -> Seq:
    """Q = X·W_Q,  K = X·W_K,  V = X·W_V."""
    return eqs(*[(S(n), MatMul(X, sub("W", n))) for n in ("Q", "K", "V")])


def attention(scale: bool) -> Eq:
    """A(Q, K, V) = softmax(Q·Kᵀ / √d_k)·V."""
    return Eq(Call("A", (Q, K, V)), MatMul(softmax(scaled(scale=scale)), V))


def head(scale: bool, heads: int) -> Seq:
    """head_h = softmax(Q_h·K_hᵀ / √d_k)·V_h,  h = 1 … H."""
    return Seq((Eq(sub("head", "h", r"\mathrm{head}"), MatMul(softmax(scaled(sub("Q", "h"), sub("K", "h"), scale)),
                                                                sub("V", "h"))),
                Eq(S("h"), S(f"1 … {heads}", rf"1 \dots {heads}"))))


def heads_concat(heads: int, full: bool = False) -> Concat:
    """[head_1 | … | head_H] as the header writes it; ``full``: every head written out."""
    names = [sub("head", str(h), r"\mathrm{head}") for h in range(1, heads + 1)]
    return Concat(tuple(names if full else [names[0], ELLIPSIS, names[-1]]), "|")


def output(heads: int, full: bool = False) -> MatMul:
    """[head_1 | … | head_H]·W_O."""
    return MatMul(heads_concat(heads, full), sub("W", "O"))


def query_score(i: int, scale: bool) -> Div:
    """q_i · k_j / √d_k, query i's score against key j."""
    return Div(MatMul(sub("q", str(i)), sub("k", "j")), scaling(scale))


def query_weights(i: int) -> Seq:
    """α_{i,j} = softmax_j(s_{i,j}),  a_i = Σ_j α_{i,j} v_j."""
    a = sub("α", f"{i},j", r"\alpha")
    return Seq((Eq(a, Apply("softmax_j", sub("s", f"{i},j"))), Eq(sub("a", str(i)), Sum("j", Scale(a, sub("v", "j"))))))


# ---- seq2seq -------------------------------------------------------------------------------
ELLIPSIS = S("…", r"\dots")
HD_PREV, HE_J = side(sub("h", "i−1", index_tex="i-1"), "d"), side(sub("h", "j"), "e")


def rnn(h: Sym, x: Sym, h_prev: Sym, which: str, context: bool = False) -> Eq:
    """h = tanh(x·W_xh + h_prev·W_hh (+ c_i·W_ch) + b_h), the side's weights (``which``: e or d)."""
    terms = [MatMul(x, side(param("W_xh"), which)), MatMul(h_prev, side(param("W_hh"), which))]
    if context:
        terms.append(MatMul(sub("c", "i"), side(param("W_ch"), which)))
    return Eq(h, Apply("tanh", Add(tuple(terms + [side(param("b_h"), which)]))))


def score(kind: str, q: Expr = HD_PREV, k: Expr = HE_J) -> Expr:
    """score(q, k) by kind: q · k (dot), q·W_a·kᵀ (general), vᵀ·tanh(q·W_1 + k·W_2) (additive)."""
    if kind == "dot":
        return MatMul(q, k)
    if kind == "general":
        return MatMul(MatMul(q, sub("W", "a")), Transpose(k))
    return MatMul(Transpose(S("v")), Apply("tanh", Add((MatMul(q, sub("W", "1")), MatMul(k, sub("W", "2"))))))


def score_call(q: Expr = HD_PREV, k: Expr = HE_J) -> Call:
    return Call("score", (q, k))


def context(i: str = "i") -> Eq:
    """c_i = Σ_j α_{i,j} h^e_j."""
    return Eq(sub("c", i), Sum("j", Scale(sub("α", f"{i},j", r"\alpha"), HE_J)))


def output_layer(i: str = "i", bias: bool = True) -> Apply:
    """softmax([h^d_i ; c_i]·W_out + b_out)."""
    z = MatMul(Concat((side(sub("h", i), "d"), sub("c", i)), ";"), sub("W", "out"))
    return softmax(Add((z, sub("b", "out"))) if bias else z)


def loss(i: str = "i") -> Eq:
    """loss_i = −log y_i[w_i]."""
    return Eq(sub("loss", i, r"\mathrm{loss}"), Neg(Apply("log", indexed(sub("y", i), sub("w", i)))))


# ---- --backward ----------------------------------------------------------------------------------
def d(s: Sym | str) -> Sym:
    """∂L/∂s (a name already TeX: ``d("Z")``)."""
    return grad_of(S(s) if isinstance(s, str) else s)._replace(key=None)


def jacobian(i: int) -> Eq:
    """J_i = ∂α_i/∂S_i = diag(α_i) − α_iᵀα_i."""
    a, s = sub("α", str(i), r"\alpha"), sub("S", str(i))
    return Eq(sub("J", str(i)), Eq(Sym(f"∂{a.name}/∂{s.name}", None, rf"\partial {a.tex}/\partial {s.tex}"),
                                   Sub(Apply("diag", a), MatMul(Transpose(a), a))))


def layer_norm(r: Expr, k: str = "") -> Add:
    """γ ⊙ (r − μ) / √(σ² + ε) + β, with γ_k, β_k."""
    g, b = (sub("γ", k, r"\gamma"), sub("β", k, r"\beta")) if k else (GAMMA, BETA)
    return Add((Had(g, Div(Sub(r, MU), Sqrt(Add((SIGMA2, EPS))))), b))


GAMMA, BETA, MU, SIGMA2, EPS = (S("γ", r"\gamma"), S("β", r"\beta"), S("μ", r"\mu"), S("σ²", r"\sigma ^{2}"),
                                S("ε", r"\varepsilon"))
