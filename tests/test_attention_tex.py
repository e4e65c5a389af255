"""Attention's lines that are formulas reach LaTeX and Markdown as math made from their symbols:
a shape line of its own (``h^d_0 (1×3) · W_a (3×3) → (1×3)``), a line with its numbers
(``α_4 = [0.2029 …]``, ``[…] · J_4 = […]``, ``L = Σ_i −log P[i, y_i] = 7.9659``) carries its TeX
(``Note.tex``) made with its text from the same tree, so the PDF shows math, not the escaped
ASCII of the terminal's notation. The terminal is unchanged (the goldens pin it)."""
from __future__ import annotations

import re

import numpy as np
import pytest

import rnntrace as rt
from rnntrace import attention_formulas as fx
from rnntrace.document import Document, Grid, Matrix, Note, Page, Section
from rnntrace.i18n import concat, formula as formula_text
from rnntrace.present.attention import _vector, formula_note, numbers, shape_note
from rnntrace.render import latex, markdown
from rnntrace.render.latex import parts
from rnntrace.trace import Eq, MatMul

# a symbol in the tool's notation: a sub- or superscript on a name (h^d_0, W_a, α_4, J_{2}, P[i, y_i])
SYMBOL = re.compile(r"[A-Za-zα-ωΑ-Ω](?:_[\w{]|\^\w)")

ATTENTION = [dict(), dict(t=2, heads=2, mask="causal"), dict(no_scale=True), dict(backward=True, explain=True),
             dict(block=True, heads=2, explain=True), dict(mode="seq2seq", feed_context=True),
             dict(mode="seq2seq", score="general", explain=True), dict(mode="seq2seq", score="additive", score_size=2),
             dict(mode="seq2seq", score="additive", score_size=3, decode="greedy")]


def formulas_as_prose(doc: Document, example_prose: set[str]) -> list[str]:
    """The notes whose prose (the text outside the formulas it marks) names a symbol and that carry
    no TeX: a formula the TeX backends would print as escaped text. The example file's own prose
    (its description, its ℹ notes) is the author's, not the tool's, and is left out."""
    out = []
    for page in doc.pages:
        for section in page.sections:
            for b in section.blocks:
                if not isinstance(b, Note) or b.tex or b.kind == "info" or str(b.text).strip() in example_prose:
                    continue
                prose = "".join(piece for piece, is_math in parts(b.text) if not is_math)
                if SYMBOL.search(prose):
                    out.append(str(b.text).strip())
    return out


def test_the_check_can_fail():
    """A note holding a formula as a plain string is found; with its TeX, or its formula marked, it is not."""
    plain = Note("  α_4 = [0.2029 0.1946]", indent=2)
    with_tex = formula_note(Eq(fx.sub("α", "4", r"\alpha"), numbers(np.array([0.2029, 0.1946]), 4)), indent=2)
    marked = Note(concat("  ", formula_text("j = 1"), " (etxe):  ", formula_text("h^e_1·W_2 = [0.1 0.2]")))
    shapes = Note("h^d_0 (1×3) · W_a (3×3) → (1×3)", "detail", indent=2)
    doc = Document("attention", "t", [Page("opening", "t", [Section([plain, with_tex, marked, shapes,
                                                                      Note("the residual connection adds X back")])])])
    assert formulas_as_prose(doc, set()) == ["α_4 = [0.2029 0.1946]", "h^d_0 (1×3) · W_a (3×3) → (1×3)"]
    assert with_tex.text == "α_4 = [0.2029 0.1946]" and with_tex.tex == r"\alpha _{4} = [0.2029\ 0.1946]"


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("options", ATTENTION, ids=[" ".join(f"{k}={v}" for k, v in o.items()) or "self" for o in ATTENTION])
def test_no_attention_formula_travels_as_prose(options, lang):
    tr = rt.attention(lang=lang, **options)
    example = tr.trace.forward_trace if options.get("backward") else tr.trace
    prose = {str(getattr(example, k, "") or "").strip() for k in ("description", "notes")}
    assert formulas_as_prose(tr.document, prose) == []


def test_a_formula_note_is_math_in_latex_and_markdown():
    n = formula_note(Eq(fx.sub("α", "4", r"\alpha"), numbers(np.array([0.2, -0.1]), 4)), "detail", indent=2)
    assert latex.note(n) == r"\quad {\small $\alpha _{4} = [0.2\ {-}0.1]$}\par"
    assert markdown.note(n) == r"- $\alpha _{4} = [0.2\ {-}0.1]$"
    # the same line without its TeX is escaped prose (what the PDF showed before)
    assert r"\ensuremath{\alpha}\_4 = [0.2" in latex.note(Note(n.text, "detail", indent=2))


def test_numbers_are_written_as_the_terminal_writes_them():
    v = np.array([0.25, -1.5, np.inf, np.nan])
    s = numbers(v, 4)
    assert s.name == _vector(v, 4) == "[0.25 -1.50 inf nan]"
    assert s.tex == r"[0.25\ {-}1.50\ \mathrm{inf}\ \mathrm{nan}]"
    assert numbers(np.float64(0.44514), 4).name == "0.4451"


def test_a_shape_note_is_text_and_tex_from_the_same_terms():
    q = fx.side(fx.sub("h", "0"), "d")
    n = shape_note((MatMul(q, fx.sub("W", "a")), "1×3"), " · ", (fx.E, "3×2"), " → ", "1×2")
    assert (n.text, n.kind, n.indent) == ("h^d_0·W_a (1×3) · E (3×2) → (1×2)", "detail", 2)
    assert n.tex == r"h^{d}_{0} \cdot W_{a}\ (1\times 3)\cdot E\ (3\times 2)\to (1\times 2)"


@pytest.mark.parametrize("args, expected, gone", [
    (["attention", "-m", "seq2seq", "--score", "general"],
     [r"{\small $h^{d}_{0}\ (1\times 3)\cdot W_{a}\ (3\times 3)\to (1\times 3)$}",
      r"{\small $h^{d}_{0} \cdot W_{a}\ (1\times 3)\cdot {E}^{\top}\ (3\times 2)\to (1\times 2)$}",
      r"$h^{d}_{0} \cdot W_{a} = [{-}0.2887\ {-}0.1460\ {-}0.2391]$"], r"h\^{}d\_0 (1"),
    (["attention", "-m", "seq2seq", "--score", "additive", "--score-size", "2"],
     [r"{\small $h^{e}_{j}\ (1\times 3)\cdot W_{2}\ (3\times 2)\to (1\times 2)$}",
      r"{\small $\tanh\left(\cdot\right)\ (1\times 2)\cdot v\ (2\times 1)\to (1\times 1)$}",
      r"$\operatorname{score}\left(h^{d}_{0}, h^{e}_{1}\right) = {v}^{\top} \cdot [{-}0.4425\ 0.5389] = 0.4451$",
      r"\textbf{$j=1$ (etxe): \quad $h^{e}_{1}\cdot W_{2}=[-0.4988\ 0.3407]$}"], r"tanh(h\^{}d"),
    (["attention", "--backward"],
     [r"$\alpha _{4} = [0.2029\ 0.1946\ 0.1909\ 0.1980\ 0.2136]$",
      r"$[0.2656\ {-}0.0495\ {-}0.1417\ 0.0413\ 0.1875] \cdot J_{4} = [0.0406\ {-}0.0224\ {-}0.0395\ {-}0.0048\ 0.0261]$",
      r"$L = \sum_{i} -\log\left(P[i, y_i]\right) = 7.9659$"], r"J\_4"),
    (["attention", "-m", "seq2seq", "--feed-context"],
     [r"$h^{d}_{i-1} \to \mathrm{score} \to \alpha _{i,\cdot } \to c_{i} \to h^{d}_{i} \to y_{i}$"], r"c\_i \ensuremath"),
])
def test_the_lines_are_math_in_the_latex(cli, args, expected, gone):
    tex = cli(*args, "--format", "latex").stdout
    md = cli(*args, "--format", "markdown").stdout
    for line in expected:
        assert line in tex
    assert gone not in tex
    for line in expected[:1]:  # Markdown writes the same TeX
        assert line.split("$")[1] in md


def test_a_negative_entry_is_signed_not_subtracted():
    """``[0.7163 -0.3799]`` is two entries: in math the second's sign is braced (a unary minus);
    bare after the space it was a subtraction, set as ``0.7163 − 0.3799`` in the PDF."""
    assert latex.math("[0.7163 -0.3799 0.1974]") == r"[0.7163\ {-}0.3799\ 0.1974]"
    assert latex.math("[-0.5 −0.25]") == r"[-0.5\ {-}0.25]"
    assert latex.math("a - b") == "a-b"  # a subtraction stays one
    assert numbers(np.array([-0.5, -0.25]), 4).tex == r"[{-}0.50\ {-}0.25]"


def test_the_encoder_states_rows_are_named_in_math(cli):
    """E's rows are h^e_1 … h^e_n, symbols the builder marks (math in LaTeX and Markdown); a
    token's row label stays escaped text."""
    for fmt in ("latex", "markdown"):
        out = cli("attention", "-m", "seq2seq", "--format", fmt).stdout
        assert r"\text{$h^{e}_{1}$} \\ \text{$h^{e}_{2}$}" in out
        assert r"\text{h\^{}e\_1}" not in out
    grid = Grid([Matrix("X", np.zeros((2, 1)), "operand", (2, 1), fx.X)], ["el_1", formula_text("h^e_1")])
    out = latex.document(Document("attention", "t", [Page("opening", "t", [Section([grid])])]), "t")
    assert r"\text{el\_1} \\ \text{$h^{e}_{1}$}" in out
