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
