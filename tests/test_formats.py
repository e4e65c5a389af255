"""``--explain``, ``--format latex`` and ``--format markdown`` on the forward trace: content,
structure, golden files at 80 columns, and compiling where a TeX engine is installed."""
import re
import shutil
import subprocess

import pytest

from latex_check import problems


# ---- --explain -----------------------------------------------------------------------------
def test_explain_golden(cli, golden):
    golden("forward_rnn_explain", cli("forward", "--explain").output)


def test_explain_golden_spanish(cli, golden):
    golden("forward_rnn_explain_es", cli("forward", "--explain", "--lang", "es").output)


def test_explain_covers_the_lecture_points(cli):
    out = " ".join(cli("forward", "--explain").output.split())
    assert "x_t is one-hot, with its only 1 at index 1, so x_t·W_xh adds nothing up: it picks row 1 of W_xh (counting from 0; the lecture's row 2), [0.3 0.2 0.1]" in out
    assert "Vectors add entry by entry, so x_t·W_xh and h_{t−1}·W_hh must have the same shape, 1×3" in out
    assert "The lecture asks: what are the shapes of W_xh, W_hh and W_hy?" in out and "so W_xh is 5×3 and W_hh is 3×3" in out
    assert "W_hy is 3×5" in out
    assert "p_t − onehot(target)" in out
    assert "h_0 = 0, so h_{t−1}·W_hh = 0" in out


def test_explain_gates(cli):
    gru = " ".join(cli("forward", "--explain", "--cell", "gru").output.split())
    assert "σ puts every entry of the update gate z_t (the lecture's Γ_t) in (0, 1); here from" in gru
    assert "Near 1, h_t keeps that entry of h_{t−1}; near 0, it takes the candidate's" in gru
    assert "weights z_t and 1 − z_t that add up to 1" in gru
    lstm = " ".join(cli("forward", "--explain", "--cell", "lstm").output.split())
    assert "Near 1 the long-term memory c_{t−1} is kept, near 0 it is forgotten" in lstm
    assert "adds derivatives instead of multiplying them" in lstm


def test_explain_column_convention_picks_a_column(cli):
    out = " ".join(cli("forward", "--explain", "--convention", "column").output.split())
    assert "W_xh·x_t adds nothing up: it picks column 1 of W_xh" in out
    assert "W_xh is 3×5" in out


def test_without_explain_there_is_no_explanation(cli):
    assert "↳" not in cli("forward").output


def test_every_op_of_every_cell_has_an_explanation():
    from rnntrace import examples, explain, forward

    for cell, variant in (("rnn", "lecture"), ("gru", "lecture"), ("gru", "torch"), ("lstm", "lecture")):
        tr = forward.run(examples.load("lecture"), cell=cell, gru_variant=variant)
        with explain.explaining(True):
            for op in tr.steps[1].ops:
                said = explain.for_op(op)
                assert said and "{{" not in said and "}}" not in said, (cell, variant, op.expr, said)
                with explain.explaining(False):
                    assert explain.for_op(op) is None


def test_explanations_of_backward_and_attention_ops():
    """The texts the bptt and attention renderers can ask for: p − onehot and √d_k."""
    import numpy as np

    from rnntrace import explain
    from rnntrace.trace import Apply, Op, Scale, Sub, Sym

    grad = Op(Sym("∂L/∂y_t"), Sub(Sym("p_t"), Apply("onehot", Sym("target"))),
              ((Sym("p_t"), np.array([0.2, 0.8])), (Apply("onehot", Sym("target")), np.array([0.0, 1.0]))),
              np.array([0.2, -0.2]))
    scaled = Op(None, Scale(Sym("1/√d_k"), Sym("Q·Kᵀ")), ((Sym("1/√d_k"), np.array(0.5)), (Sym("Q·Kᵀ"), np.eye(2))),
                0.5 * np.eye(2))
    with explain.explaining():
        assert "the derivative with respect to score j is p_t[j] − 1 for the target" in explain.for_op(grad)
        assert "Why divide by 1/√d_k" in explain.for_op(scaled)
        assert "softmax saturates" in explain.topic("sqrt_dk", value="2", d_k=4)
        assert "p_t − onehot(target) is the gradient of the cross-entropy" in explain.topic("softmax_ce")


# ---- LaTeX ---------------------------------------------------------------------------------
@pytest.mark.parametrize("args", [[], ["--cell", "gru"], ["--cell", "gru", "--gru-variant", "torch"],
                                  ["--cell", "lstm"], ["--convention", "column"], ["--explain"],
                                  ["--explain", "--lang", "es"], ["--example", "pseudocode"]])
def test_latex_is_balanced_and_uses_only_known_commands(cli, args):
    r = cli("forward", "--format", "latex", *args)
    assert r.exit_code == 0, r.stderr
    tex = r.output
    assert tex.startswith("\\documentclass") and tex.rstrip().endswith("\\end{document}")
    assert problems(tex) == []


def test_latex_shows_each_product_as_bmatrix_operands_with_shapes(cli):
    tex = cli("forward", "--format", "latex").output
    assert "\\begin{align*}" in tex and "&=" in tex
    first = tex[tex.index("x_{t}\\cdot W_{\\mathrm{xh}} &="):]
    first = first[:first.index("\\end{align*}")]
    assert "\\underset{x_{t}\\ \\;(1\\times 5)}{\\begin{bmatrix}0 & 1 & 0 & 0 & 0\\end{bmatrix}}" in first
    assert "\\underset{W_{\\mathrm{xh}}\\ \\;(5\\times 3)}{\\begin{bmatrix}0.2 & 0.1 & 0.2 \\\\ 0.3 & 0.2 & 0.1" in first
    assert "{\\begin{bmatrix}0.3 & 0.2 & 0.1\\end{bmatrix}}" in first


def test_latex_golden(cli, golden):
    golden("forward_rnn_latex", cli("forward", "--format", "latex").output)


def test_every_character_of_every_trace_is_supported():
    from rnntrace import examples, explain, forward
    from rnntrace.i18n import set_lang
    from rnntrace.render import forward_rich, latex
    from rnntrace.render.flatten import flatten

    seen = set()
    for lang in ("en", "es"):
        set_lang(lang)
        for cell in ("rnn", "gru", "lstm"):
            tr = forward.run(examples.load("lecture"), cell=cell)
            with explain.explaining():
                for item in flatten(forward_rich.render(tr)):
                    seen |= set(str(vars(item)))
    set_lang("en")
    assert {ch for ch in seen if not latex.supported(ch)} == set()


def test_notation_to_tex():
    from rnntrace.render.latex import math, text

    assert math("h_{t−1}·W_hh") == "h_{t-1}\\cdot W_{\\mathrm{hh}}"
    assert math("h̃_t") == "\\tilde{h}_{t}"
    assert math("(1 − z_t) ⊙ h̃_t") == "(1-z_{t})\\odot \\tilde{h}_{t}"
    assert math("softmax(Q·Kᵀ / √d_k)") == "\\operatorname{softmax} (Q\\cdot K^{\\top }/\\sqrt{d_{k}})"
    assert math("h^d_{i−1} · h^e_j") == "h^{d}_{i-1}\\cdot h^{e}_{j}"
    assert math("W_xh V×H") == "W_{\\mathrm{xh}}\\ V\\times H"
    assert math("10⁻⁶") == "10^{-6}"
    assert math("p_t[“love”]") == "p_{t}[\\text{``love''}]"
    assert text("so x_t·W_xh is 1×3, and 50% & $5.") == "so $x_{t}\\cdot W_{\\mathrm{xh}}$ is $1\\times 3$, and 50\\% \\& \\$5."
    assert text("Γ_t = 1 keeps it") == "$\\Gamma _{t}=1$ keeps it"
    assert text("hidden size H = 3; h_0 = 0") == "hidden size $H=3$; $h_{0}=0$"


@pytest.mark.skipif(not shutil.which("pdflatex"), reason="no TeX engine installed (pdflatex)")
@pytest.mark.parametrize("args", [[], ["--cell", "lstm", "--explain", "--lang", "es"]])
def test_latex_compiles(cli, tmp_path, args):
    tex = tmp_path / "t.tex"
    tex.write_text(cli("forward", "--format", "latex", *args).output, encoding="utf-8")
    r = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", tex.name], cwd=tmp_path,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout[-3000:]
    assert (tmp_path / "t.pdf").stat().st_size > 0


# ---- Markdown ------------------------------------------------------------------------------
def test_markdown_golden(cli, golden):
    golden("forward_rnn_markdown", cli("forward", "--format", "markdown").output)


def test_markdown_tables_are_well_formed(cli):
    md = cli("forward", "--format", "markdown", "--cell", "lstm", "--explain").output
    tables = re.findall(r"(?:^\|.*\|\n)+", md, flags=re.M)
    assert len(tables) > 20
    for tab in tables:
        rows = [r for r in tab.splitlines()]
        widths = {len(re.findall(r"(?<!\\)\|", r)) for r in rows}
        assert len(widths) == 1, tab  # every row has as many cells as the header
        assert re.fullmatch(r"\|( (:--|--:|:-:|---) \|)+", rows[1]), rows[1]


def test_markdown_keeps_formulas_literal(cli):
    md = cli("forward", "--format", "markdown").output
    assert md.startswith("# Cálculos Forward")
    assert "**`a_t = x_t·W_xh + h_{t−1}·W_hh`** — `(1×3) + (1×3) → (1×3)`" in md
    assert "| `x_t·W_xh (1×3)` |   | `h_{t−1}·W_hh (1×3)` |   | `a_t (1×3)` |" in md
    assert "| `[0.3 0.2 0.1]` | + | `[0 0 0]` | = | **`[0.3 0.2 0.1]`** |" in md
    assert "| t | x\\_t | prediction | target | p\\_t\\[target\\] | L\\_t |" in md


def test_markdown_in_spanish(cli):
    md = cli("forward", "--format", "markdown", "--lang", "es", "--explain").output
    assert "## Parámetros" in md and "> ↳ x\\_t es one-hot" in md and "**Resumen**" in md


def test_unrecognised_renderables_are_kept_as_text():
    from rich.columns import Columns

    from rnntrace.render import latex, markdown

    md = markdown.document([Columns(["█▇▆ bars", "x"])], "rnntrace test")
    assert md.startswith("# rnntrace test") and "```text\n█▇▆ bars" in md
    tex = latex.document([Columns(["█▇▆ bars"])], "rnntrace test")
    assert "\\begin{verbatim}\n##" in tex and problems(tex) == []


def test_gradient_sums_are_explained_as_the_chain_rule():
    import numpy as np

    from rnntrace import explain
    from rnntrace.trace import Add, MatMul, Op, Sym

    a, b = MatMul(Sym("∂L/∂y_t"), Sym("W_hyᵀ")), Sym("∂L/∂h_{t+1}·J")
    op = Op(Sym("∂L/∂h_t"), Add((a, b)), ((a, np.zeros(3)), (b, np.zeros(3))), np.zeros(3))
    with explain.explaining():
        said = explain.for_op(op)
    assert "∂L/∂h_t collects the 2 paths from h_t to the loss" in said and "1×3" in said


def test_formula_lines_are_explained_once_under_their_numbers():
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from rnntrace import explain
    from rnntrace.render.matrix import Explanation

    table = Table("q \\ k")
    doc = [Group(Text("Q·Kᵀ    Q (5×4) · Kᵀ (4×5) → (5×5)"), Text("  row = query"), table,
                 Text("Q·Kᵀ / √d_k = Q·Kᵀ / 2", "bold"), table, Text("∂L/∂W_xh += x_tᵀ·δ_t")),
           Group(Text("Q_2·K_2ᵀ    Q_2 (5×2) · K_2ᵀ (2×5) → (5×5)"), table)]
    assert explain.annotate(doc) is doc  # explanations off: untouched
    with explain.explaining():
        out = explain.annotate(doc)
    first = list(out[0].renderables)
    kinds = [type(x).__name__ for x in first]
    assert kinds == ["Text", "Text", "Table", "Explanation", "Text", "Table", "Explanation", "Text", "Explanation"]
    assert "dot product q_i · k_j" in first[3].text
    assert "Why divide by √d_k = 2: a dot product of d_k = 4 terms" in first[6].text
    assert "outer product" in first[8].text
    assert not any(isinstance(x, Explanation) for x in out[1].renderables)  # once per document


def test_multi_line_text_and_odd_cells_stay_valid():
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from rnntrace.render import latex, markdown

    table = Table("a\nb", "c")
    table.add_row(Text("x_t\n\nh_t"), Table("inner"))
    doc = [Group(Text("first line\n\nsecond line", "bold"), table)]
    tex = latex.document(doc, "rnntrace test")
    assert problems(tex) == [] and "\\textbf{first line \\\\ second line}" in tex
    md = markdown.document(doc, "rnntrace test")
    assert "**first line**  \n**second line**" in md
    assert "| $x_t h_t$ |" not in md and "| x\\_t h\\_t |" in md
