"""The expression nodes attention and the positional encodings need (Transpose, Div, Sqrt, Pow,
Sum, Concat, Call, Neg, Eq, Seq), written as text and as TeX from the tree."""
from rnntrace.notation import write, write_tex
from rnntrace.trace import Apply, Call, Concat, Div, Eq, MatMul, Neg, Pow, Scale, Seq, Sqrt, Sum, Sym, Transpose

Q, K, V, dk = Sym("Q"), Sym("K"), Sym("V"), Sym("d_k")
SCORES = Div(MatMul(Q, Transpose(K)), Sqrt(dk))


def test_text():
    assert write(SCORES) == "Q·Kᵀ / √d_k"
    assert write(Eq(Call("A", (Q, K, V)), MatMul(Apply("softmax", SCORES), V))) == "A(Q, K, V) = softmax(Q·Kᵀ / √d_k)·V"
    assert write(Div(Sym("1"), Pow(Sym("10000"), Div(Sym("2k"), Sym("d"))))) == "1 / 10000^(2k / d)"
    assert write(Sum("j", Scale(Sym("α_{i,j}"), Sym("v_j")))) == "Σ_j α_{i,j}·v_j"
    assert write(Concat((Sym("head_1"), Sym("…"), Sym("head_h")), "|")) == "[head_1 | … | head_h]"
    assert write(Seq((Eq(Q, MatMul(Sym("X"), Sym("W_Q"))), Eq(K, MatMul(Sym("X"), Sym("W_K")))))) == \
        "Q = X·W_Q,  K = X·W_K"
    assert write(Neg(Apply("log", Sym("y")))) == "−log(y)"


def test_tex():
    assert write_tex(SCORES) == r"\frac{Q \cdot {K}^{\top}}{\sqrt{d_k}}"
    assert write_tex(Apply("sin", Scale(Sym("ω_k"), Sym("t")))) == r"\sin\left(ω_k \cdot t\right)"
    assert write_tex(Pow(Sym("10000"), Div(Sym("2k"), Sym("d")))) == r"{10000}^{\frac{2k}{d}}"
    assert write_tex(Sum("j", Sym("v_j"))) == r"\sum_{j} v_j"
    assert write_tex(Concat((Sym("a"), Sym("b")), ";")) == r"\left[a ; b\right]"
    assert write_tex(Call("score", (Sym("q"), Sym("k")))) == r"\operatorname{score}\left(q, k\right)"
    assert write_tex(Call("A", (Q,))) == r"A\left(Q\right)"
    assert write_tex(Seq((Eq(Q, K), Neg(V)))) == r"Q = K,\quad -V"
    assert write_tex(Apply("softmax_j", Sym("s"))) == r"\operatorname{softmax}_{j}\left(s\right)"


# ---- every formula attention and positional state has its tree ------------------------------------
import pytest  # noqa: E402

DOCUMENTS = [("attention", {}), ("attention", dict(heads=4, mask="causal", no_scale=True)), ("attention", dict(t="2")),
             ("attention", dict(mode="seq2seq")),
             ("attention", dict(mode="seq2seq", score="general", feed_context=True)),
             ("attention", dict(mode="seq2seq", score="additive", score_size=2, decode="greedy")),
             ("attention", dict(backward=True)), ("attention", dict(block=True, heads=2)),
             ("positional", dict(dim=2)), ("positional", {})]


@pytest.mark.parametrize("command,options", DOCUMENTS, ids=[f"{c} {o}" for c, o in DOCUMENTS])
def test_every_formula_has_a_tree_that_writes_its_tex(command, options):
    """No Formula of attention or positional goes to LaTeX as text for ``latex.math`` to guess from:
    each has an expression tree, and the LaTeX backend writes the tree."""
    from rnntrace import api
    from rnntrace.document import Formula, Grid
    from rnntrace.render import latex

    doc = api.run(command, options).document
    formulas = [b for p in doc.pages for s in p.sections for b in s.blocks if isinstance(b, Formula)]
    assert formulas and all(f.expr is not None for f in formulas), [f.text for f in formulas if f.expr is None]
    for f in formulas:
        assert write_tex(f.expr, doc.conv, latex.math) in latex.formula(f, doc.conv)
    matrices = [m for p in doc.pages for s in p.sections for b in s.blocks if isinstance(b, Grid) for m in b.items]
    assert all(m.expr is not None for m in matrices), [m.label for m in matrices if m.expr is None]
