"""Shape lines reach the TeX backends with their own TeX, made by their builder from the same
symbols as the formula beside them (``notation.shape_line_tex`` for an operation,
``notation.stated_shapes`` for a formula): LaTeX and Markdown never guess it from the Unicode.
``latex.math`` (the tool's notation as text → TeX) reads only the formula spans prose marks."""
from __future__ import annotations

import sys

import numpy as np
import pytest

from rnntrace import attention_formulas as fx
from rnntrace.i18n import Text
from rnntrace.document import Document, Formula, Matrix, Operation, Page, Section
from rnntrace.notation import stated_shapes
from rnntrace.render import latex, markdown
from rnntrace.trace import Eq, MatMul, Transpose

from test_tex_labels import COMMANDS


def test_a_stated_shape_line_is_text_and_tex_from_the_same_terms():
    K1 = fx.sub("K", "1")
    text, tex = stated_shapes((fx.sub("q", "2"), "1×4"), " · ", (Transpose(K1), "4×5"), " → ", "1×5",
                              ", ", Eq(fx.scaling(True), fx.S("2")))
    assert text == "q_2 (1×4) · K_1ᵀ (4×5) → (1×5), √d_k = 2"
    assert tex == r"q_{2}\ (1\times 4)\cdot {K_{1}}^{\top}\ (4\times 5)\to (1\times 5),\ \sqrt{d_{k}} = 2"
    # a count, a shape alone, a sum: each term as the formula's own symbols write it
    assert stated_shapes(fx.S("3"), " × ", "5×4", " → ", "5×12") == ("3 × (5×4) → (5×12)",
                                                                     r"3\times (5\times 4)\to (5\times 12)")
    assert stated_shapes((fx.ALPHA, "5×5"), " + ", (fx.S("b_C"), "1×5")) == (
        "α (5×5) + b_C (1×5)", r"\alpha\ (5\times 5)+b_C\ (1\times 5)")


def _doc(*blocks) -> Document:
    return Document("attention", "t", [Page("opening", "t", [Section(list(blocks))])])


def test_a_formula_shape_line_is_written_from_its_tex():
    text, tex = stated_shapes((fx.X, "5×4"), " · ", (fx.sub("W", "Q"), "4×4"), " → ", "5×4")
    f = Formula("Q = X·W_Q", MatMul(fx.X, fx.sub("W", "Q")), fx.Q, text, shapes_tex=tex)
    latex.MISSING.clear()
    out_tex, out_md = latex.document(_doc(f), "t"), markdown.document(_doc(f), "t")
    assert latex.MISSING == []
    assert r"\quad{\small $X\ (5\times 4)\cdot W_{Q}\ (4\times 4)\to (5\times 4)$}" in out_tex
    assert r"$Q = X \cdot W_{Q} \qquad \small X\ (5\times 4)\cdot W_{Q}\ (4\times 4)\to (5\times 4)$" in out_md


def test_a_shape_line_without_tex_is_recorded_not_guessed():
    """The check can fail: an operation's or a formula's shape line that came without its TeX is
    recorded in ``MISSING`` and written as text, in LaTeX and in Markdown."""
    m = Matrix("X", np.zeros((1, 2)), "operand", (1, 2), fx.X)
    op = Operation(fx.Q, fx.X, [m], ["="], Matrix("Q", np.zeros((1, 2)), "result", (1, 2), fx.Q),
                   shapes="X (1×2) → (1×2)")
    f = Formula("Q = X·W_Q", MatMul(fx.X, fx.sub("W", "Q")), fx.Q, "X (5×4) · W_Q (4×4) → (5×4)")
    for render in (latex.document, markdown.document):
        latex.MISSING.clear()
        out = render(_doc(op, f), "t")
        assert latex.MISSING == ["X (1×2) → (1×2)", "X (5×4) · W_Q (4×4) → (5×4)"]
        assert r"\text{X (5" in out and r"W_{Q}\ (4\times 4)" not in out
    latex.MISSING.clear()


@pytest.mark.parametrize("lang, word", [("en", "entry"), ("es", "elemento")])
def test_a_shape_line_that_is_a_catalogue_sentence_is_prose(cli, lang, word):
    """bptt's Jacobian entry is a sentence with its formula marked: the word upright as prose, the
    formula as math (it was one math italic run)."""
    tex = cli("bptt", "--format", "latex", "--lang", lang).stdout
    md = cli("bptt", "--format", "markdown", "--lang", lang).stdout
    entry = r"$(a,b)=\partial h^{(i)}[a]/\partial h^{(i-1)}[b]$"
    assert r"\quad{\small " + word + " " + entry + "}" in tex
    assert r"\qquad$ " + word + " " + entry in md
    assert r"\mathrm{" + word + "}" not in tex + md


@pytest.fixture
def math_callers(monkeypatch):
    """The function that called ``latex.math`` (not ``math`` itself, which calls itself on groups),
    one entry per call."""
    real, callers, depth = latex.math, [], [0]

    def spy(s: str) -> str:
        if depth[0] == 0:
            frame = sys._getframe(1)
            while frame.f_code.co_name.startswith("<"):  # a comprehension: the function it is in
                frame = frame.f_back
            callers.append(frame.f_code.co_name)
        depth[0] += 1
        try:
            return real(s)
        finally:
            depth[0] -= 1

    monkeypatch.setattr(latex, "math", spy)
    return callers


def test_the_spy_sees_who_calls_math(math_callers):
    """The check below can fail: a shape line spelled by ``math`` directly is seen."""
    def guessed_shape_line(s):
        return latex.math(s)

    guessed_shape_line("X (5×4) · W_Q (4×4) → (5×4)")
    latex.text(Text.of("h_t is the state", ((0, 3),)))
    assert math_callers == ["guessed_shape_line", "text"]


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a) for a in COMMANDS])
def test_math_reads_only_the_formulas_prose_marks(cli, math_callers, args):
    for fmt in ("latex", "markdown"):
        math_callers.clear()
        r = cli(*args, "--format", fmt)
        assert r.exit_code == 0, r.stderr
        assert set(math_callers) <= {"text", "escape"}, (fmt, sorted(set(math_callers)))
