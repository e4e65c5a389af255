"""Every label a document block carries for a matrix, an operand, a grid or a formula reaches the
TeX backends (LaTeX article, beamer, Markdown's MathJax) with its own TeX: a symbol made with its
TeX where it is named, or an expression tree of such symbols. Nothing is guessed from the Unicode;
a label without TeX is recorded in ``latex.MISSING`` (and written as plain text), which these
tests require to stay empty for every command, in both languages."""
from __future__ import annotations

import numpy as np
import pytest

from rnntrace import cells
from rnntrace.document import Document, Grid, Matrix, Page, Section
from rnntrace.notation import (chain_rule, is_gradient, layer_renamer, layer_tag, primed, tagged, word, write,
                               write_tex)
from rnntrace.render import latex, markdown
from rnntrace.trace import Sym

COMMANDS = [
    ["forward"], ["forward", "--cell", "gru"], ["forward", "--cell", "lstm"],
    ["forward", "--cell", "gru", "--gru-variant", "torch", "--convention", "column"],
    ["forward", "--cell", "lstm", "--convention", "column"],
    ["forward", "--layers", "2", "--bidirectional", "--cell", "gru"],
    ["forward", "--embedding", "3", "--layers", "2", "--convention", "column"],
    ["forward", "-e", "sentimiento", "--task", "classify"], ["forward", "-e", "etiquetas", "--task", "tag"],
    ["bptt"], ["bptt", "--cell", "gru", "--convention", "column"], ["bptt", "--cell", "lstm"],
    ["bptt", "--activation", "relu", "--explain"],
    ["bptt", "--layers", "2", "--bidirectional", "--convention", "column"],
    ["bptt", "--layers", "2", "--bidirectional", "--cell", "lstm"],
    ["bptt", "--embedding", "3"], ["bptt", "-e", "sentimiento", "--task", "classify", "--bidirectional"],
    ["bptt", "-e", "etiquetas", "--task", "tag"], ["bptt", "--compare"],
    ["attention"], ["attention", "--heads", "2", "--mask", "causal", "--t", "2"], ["attention", "--no-scale"],
    ["attention", "--mode", "seq2seq", "--feed-context"], ["attention", "--mode", "seq2seq", "--score", "general"],
    ["attention", "--mode", "seq2seq", "--score", "additive", "--score-size", "2", "--decode", "greedy"],
    ["attention", "--backward"], ["attention", "--block", "--heads", "2"],
    ["positional"],
    ["train", "--epochs", "3", "--trace-update", "--clip", "0.5"],
    ["train", "--epochs", "2", "--optimizer", "adam", "--trace-update", "--cell", "gru"],
    ["train", "--epochs", "2", "--trace-update", "--layers", "2", "--bidirectional", "--embedding", "3"],
    ["train", "-e", "perro", "--compare", "--epochs", "2"],
    ["generate", "--start", "I", "-n", "3"], ["generate", "-e", "perro_lstm", "--start", "los", "-n", "2"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a) for a in COMMANDS])
def test_no_label_reaches_the_tex_backends_without_its_tex(cli, args):
    for lang in ("en", "es"):
        for fmt in ("latex", "beamer", "markdown"):
            latex.MISSING.clear()
            r = cli(*args, "--format", fmt, "--lang", lang)
            assert r.exit_code == 0, r.stderr
            assert latex.MISSING == [], (fmt, lang, sorted(set(latex.MISSING))[:12])


def test_a_label_without_tex_is_recorded_not_guessed():
    """The check can fail: a matrix labelled by text alone, or a symbol made without TeX, is
    recorded and written as text in every TeX backend (never spelled from its Unicode)."""
    bare = Matrix("W_xh (5×3)", np.zeros((5, 3)), "plain", (5, 3))
    untexed = Matrix("h_t^(2)", np.zeros((1, 3)), "plain", (1, 3), Sym("h_t^(2)"))
    doc = Document("forward", "t", [Page("opening", "t", [Section([Grid([bare, untexed])])])])
    for render in (latex.document, markdown.document):
        latex.MISSING.clear()
        out = render(doc, "t")
        assert latex.MISSING == ["W_xh (5×3)", "h_t^(2)"]
        assert r"\text{h\_t\^{}(2)}" in out and "W_{" not in out
    latex.MISSING.clear()


def test_a_layer_renames_the_name_and_the_tex_together():
    rename = layer_renamer(layer_tag(2, "backward"), True, tagged(cells.X, layer_tag(2, None)))
    cases = {cells.param("W_xh"): ("W_xh^(2←)", r"{W_{\mathrm{xh}}^{(2\leftarrow )}}"),
             cells.param("b_hn"): ("b_hn^(2←)", r"{b_{\mathrm{hn}}^{(2\leftarrow )}}"),
             cells.param("W_hy"): ("W_hy", r"W_{\mathrm{hy}}"),  # the output layer's: not a layer's
             cells.H_PREV: ("h_{t+1}^(2←)", r"{h_{t+1}^{(2\leftarrow )}}"),  # backward: the next state
             cells._squared(cells.H_T): ("h_t^(2←)²", r"{h_{t}^{(2\leftarrow )}}^{2}"),  # one superscript each
             cells.CANDIDATE["h"]: ("h̃_t^(2←)", r"{{}\tilde{h}_{t}^{(2\leftarrow )}}"),  # {} first: see _braced
             cells.X: ("x_t^(2)", r"{x_{t}^{(2)}}")}
    for s, (name, tex) in cases.items():
        renamed = rename(s)
        assert (renamed.name, renamed.tex, renamed.key) == (name, tex, s.key)
    back = rename(cells.back("h"))
    assert write(back, "column") == "(∂h_t^(2←)/∂h_{t+1}^(2←))ᵀ·∂L/∂h_t^(2←)"
    assert write_tex(back, "column") == (r"(\partial {h_{t}^{(2\leftarrow )}}/\partial {h_{t+1}^{(2\leftarrow )}})"
                                         r"^{\top }\cdot \partial L/\partial {h_{t}^{(2\leftarrow )}}")


def test_composed_names_carry_their_tex():
    assert word("película").tex == r"\text{``película''}"  # Latin-1: inputenc typesets it
    assert word("a_b&c").tex == r"\text{``a\_b\&c''}"  # a word is text: escaped, never math
    assert primed(cells.param("W_hh")) == Sym("W_hh′") and primed(cells.param("W_hh")).tex == r"W_{\mathrm{hh}}'"
    w2 = tagged(cells.param("W_hh"), layer_tag(2, None))
    assert primed(w2).tex == r"{W_{\mathrm{hh}}^{(2)}}'"  # one superscript each
    y, x = Sym("y", None, "y"), Sym("h_t", None, "h_{t}")
    assert write(chain_rule(y, x), "row") == "∂L/∂y·∂y/∂h_t"
    assert write(chain_rule(y, x), "column") == "(∂y/∂h_t)ᵀ·∂L/∂y"


def test_a_gradient_is_told_by_its_key_not_its_name():
    assert is_gradient(cells.grad(cells.param("W_hh"))) and is_gradient(cells.grad(cells.param("E")))
    assert not is_gradient(Sym("∂L/∂W_hh"))  # the name alone says nothing
    assert not is_gradient(cells.grad(cells.H_T)) and not is_gradient(None)
    renamed = Sym("∂L/∂Ŵ", cells.grad(cells.param("W_hh")).key)  # any name: its key says what it is
    assert is_gradient(renamed)


def test_a_word_is_escaped_as_the_latex_backend_escapes_text():
    """``notation.text_tex`` escapes ASCII and Latin-1 itself (a trace names its target words
    without importing the LaTeX backend) and gives what ``latex._escape`` gives."""
    from rnntrace.notation import text_tex

    for w in ("película", "después", "a_b&c", "x^y~z|<>", "a{b}\\c$%#", "×", "÷", "ÿÀ", "Ω", "naïve"):
        assert text_tex(w) == latex._escape(w), w


def test_a_trace_does_not_import_the_latex_backend():
    import subprocess
    import sys

    code = ("import sys, rnntrace as rt; rt.bptt(); rt.forward(embedding=3); "
            "print('rnntrace.render.latex' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_an_operations_shape_line_is_written_from_its_trees():
    """The shape line's names come from their symbols' TeX: a layer's h_{t−1}^(1→) keeps its
    superscript's parentheses (spelling the printed line dropped them: h_{t-1}^{1→}); the text line
    is the terminal's, unchanged."""
    import rnntrace as rt
    from rnntrace.notation import shape_line, shape_line_tex

    tr = rt.forward(layers=2, bidirectional=True)
    op = next(o for o in tr.runs[0][0].steps[1].ops if o.target is not None and o.target.key == ("pre",))
    ops = [o for o in tr.runs[0][0].steps[1].ops if type(o.expr).__name__ == "MatMul"]
    rec = ops[1]  # h_{t−1}^(1→)·W_hh^(1→)
    assert shape_line(rec) == "h_{t−1}^(1→) (1×3) · W_hh^(1→) (3×3) → (1×3)"
    assert shape_line_tex(rec) == (r"{h_{t-1}^{(1\to )}}\ (1\times 3)\cdot {W_{\mathrm{hh}}^{(1\to )}}\ (3\times 3)"
                                   r"\to (1\times 3)")
    assert shape_line_tex(op) == r"(1\times 3)+(1\times 3)\to (1\times 3)"
