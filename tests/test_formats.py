"""``--explain``, ``--format latex`` and ``--format markdown`` on the forward trace: content,
structure, golden files at 80 columns, and compiling where a TeX engine is installed."""
import re
import shutil
import subprocess

import pytest

from latex_check import lost, problems


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
    assert "h_{t−1} is 0 here (h_0 = 0 at the first step), so h_{t−1}·W_hh = 0" in out


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
    from rnntrace import examples, forward
    from rnntrace.explain import Explainer

    for cell, variant in (("rnn", "lecture"), ("gru", "lecture"), ("gru", "torch"), ("lstm", "lecture")):
        tr = forward.run(examples.load("lecture"), cell=cell, gru_variant=variant)
        on, off = Explainer(True), Explainer(False)
        for op in tr.steps[1].ops:
            said = on.op(op)
            assert said and "{{" not in said and "}}" not in said, (cell, variant, op.expr, said)
            assert off.op(op) is None and off.kind(op) == on.kind(op) != ""


def test_explanations_of_backward_and_attention_ops():
    """The texts the bptt and attention renderers can ask for: p − onehot and √d_k."""
    import numpy as np

    from rnntrace.explain import Explainer, text
    from rnntrace.trace import Apply, Op, Scale, Sub, Sym

    grad = Op(Sym("∂L/∂y_t"), Sub(Sym("p_t"), Apply("onehot", Sym("target"))),
              ((Sym("p_t"), np.array([0.2, 0.8])), (Apply("onehot", Sym("target")), np.array([0.0, 1.0]))),
              np.array([0.2, -0.2]))
    scaled = Op(None, Scale(Sym("1/√d_k"), Sym("Q·Kᵀ")), ((Sym("1/√d_k"), np.array(0.5)), (Sym("Q·Kᵀ"), np.eye(2))),
                0.5 * np.eye(2))
    on = Explainer(True)
    assert "the derivative with respect to score j is p_t[j] − 1 for the target" in on.op(grad)
    assert "Why divide by 1/√d_k" in on.op(scaled)
    assert "softmax saturates" in on.once("sqrt_dk", value="2", d_k=4) and on.once("sqrt_dk", value="2", d_k=4) is None
    assert "p_t − onehot(target) is the gradient of the cross-entropy" in text("softmax_ce")


# ---- LaTeX ---------------------------------------------------------------------------------
# every command and the variants that draw something of their own (gates, the column convention,
# explanations, inf/nan, the summary view, the comparison, heads, a mask, seq2seq, the encodings)
VARIANTS = {
    "forward": ["forward"], "forward-gru": ["forward", "--cell", "gru"],
    "forward-gru-torch": ["forward", "--cell", "gru", "--gru-variant", "torch"],
    "forward-lstm": ["forward", "--cell", "lstm"], "forward-column": ["forward", "--convention", "column"],
    "forward-explain": ["forward", "--explain"], "forward-pseudocode": ["forward", "--example", "pseudocode"],
    "bptt": ["bptt"], "bptt-lstm": ["bptt", "--cell", "lstm"], "bptt-steps200": ["bptt", "--steps", "200"],
    "bptt-compare": ["bptt", "--compare"], "bptt-relu-scale3": ["bptt", "--scale", "3", "--activation", "relu"],
    "bptt-explain": ["bptt", "--explain"],
    "attention": ["attention"], "attention-heads2": ["attention", "--heads", "2"],
    "attention-causal": ["attention", "--mask", "causal"], "attention-no-scale": ["attention", "--no-scale"],
    "attention-seq2seq": ["attention", "--mode", "seq2seq", "--explain"],
    "attention-seq2seq-additive": ["attention", "--mode", "seq2seq", "--score", "additive", "--score-size", "2",
                                   "--decode", "greedy", "--explain"],
    "attention-backward": ["attention", "--backward", "--explain"],
    "attention-block": ["attention", "--block", "--heads", "2", "--explain"],
    "positional": ["positional"],
    # a step without a target: ∂L/∂y_t = 0 is an operation with a result and no operands
    "bptt-network": ["bptt", "--layers", "2", "--embedding", "3"],
}


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", list(VARIANTS))
def test_latex_is_balanced_and_loses_nothing(cli, name, lang):
    """Structure (braces, environments, known commands, characters pdflatex sets) and nothing lost:
    no character without a TeX spelling, no ``L^{(}t)``, no more ``?`` than the terminal shows.
    Runs without TeX, so CI checks it."""
    args = VARIANTS[name]
    r = cli("--lang", lang, *args, "--format", "latex")
    assert r.exit_code == 0, r.stderr
    tex = r.output
    assert tex.startswith("\\documentclass") and tex.rstrip().endswith("\\end{document}")
    assert problems(tex) == []
    assert lost(tex, cli("--lang", lang, *args).output) == []


def test_notation_with_grouped_scripts():
    """A ``^`` or ``_`` takes its whole (group) or {group}; the lecture's time index keeps its
    parentheses, an exponent or a subscript only groups."""
    from rnntrace.render.latex import math

    assert math("L^(t)") == "L^{(t)}"
    assert math("p_t^(2k)") == "p_{t}^{(2k)}"
    assert math("p_t^(2k+1)") == "p_{t}^{(2k+1)}"
    assert math("∂h^(i)/∂h^(i−1)") == "\\partial h^{(i)}/\\partial h^{(i-1)}"
    assert math("∏_(i=k+1…5) J^(i)") == "\\prod _{i=k+1\\dots 5}\\ J^{(i)}"
    assert math("ω_k = 1/10000^(2k/d)") == "\\omega _{k}=1/10000^{2k/d}"
    assert math("e^(s_{i,j} − m_i)") == "e^{s_{i,j}-m_{i}}"
    assert math("(γ·σ_max)^(t−k)") == "(\\gamma \\cdot \\sigma _{\\max})^{t-k}"
    assert math("diag(1 − h^(i)²)") == "\\operatorname{diag} (1-{h^{(i)}}^{2})"  # no double superscript
    assert math("h_{t−1}") == "h_{t-1}"
    assert math("ĝ_j") == "\\hat{g}_{j}" and math("ã_t") == "\\tilde{a}_{t}"
    assert math("δ_t ⊙ 𝟙(a_t > 0)") == "\\delta _{t}\\odot \\mathbf{1}(a_{t}>0)"


def test_every_character_of_every_command_has_a_tex_spelling(cli):
    """Whatever the terminal shows (English and Spanish, every command) has a TeX spelling of its
    own in prose, in math and in a monospaced block; none is written as ``[U+XXXX]`` or ``?``."""
    from rnntrace.render import latex

    seen = set()
    for lang in ("en", "es"):
        for args in VARIANTS.values():
            seen |= set(cli("--lang", lang, *args).output)
    assert {ch for ch in seen if not latex.supported(ch)} == set()
    for ch in seen - {"\n"}:
        for spelled in (latex._escape(ch), latex.math(ch)):
            assert "?" not in spelled or ch == "?", (ch, spelled)
            assert not any(c not in latex.TEXT_SAFE for c in spelled), (ch, spelled)


def test_a_chart_keeps_its_columns_and_draws_its_bars():
    """A log-scale chart in LaTeX: its text columns as a table, each bar a rule as long as its log10
    is far along the axis (10⁰ of 10⁻² … 10⁰: the whole bar), an exact zero as a word."""
    import math

    from rnntrace.document import Chart
    from rnntrace.i18n import formula
    from rnntrace.render.latex import BAR_EM, chart

    tex = chart(Chart(["k", formula("‖∂h^(t)/∂h^(k)‖")], [["4", "1.0000"], ["3", "0.0100"], ["1", "0"]],
                      [[0.0], [-2.0], [-math.inf]], [""]))
    assert tex.count("\\rule") == 2 and "\\rule[-0.3ex]{%.2fem}{1.8ex}" % BAR_EM in tex
    assert "\\rule[-0.3ex]{0.05em}{1.8ex}" in tex  # the bar at the axis' left end is a sliver
    assert "$\\|\\partial h^{(t)}/\\partial h^{(k)}\\|$" in tex and "1e-2" in tex
    assert problems(tex) == []


def test_latex_shows_each_product_as_bmatrix_operands_with_shapes(cli):
    tex = cli("forward", "--format", "latex").output
    assert "\\begin{align*}" in tex and "&=" in tex
    first = tex[tex.index("& x_{t} \\cdot W_{\\mathrm{xh}}\\qquad\\text{\\small $x_{t}\\ (1\\times 5)\\cdot W_{\\mathrm{xh}}\\ "
                          "(5\\times 3)\\to (1\\times 3)$}"):]
    first = first[:first.index("\\end{align*}")]
    assert "&= \\underset{x_{t}\\;(1\\times 5)}{\\begin{bmatrix}0 & 1 & 0 & 0 & 0\\end{bmatrix}} \\cdot " in first
    assert "\\underset{W_{\\mathrm{xh}}\\;(5\\times 3)}{\\begin{bmatrix}0.2 & 0.1 & 0.2 \\\\ 0.3 & 0.2 & 0.1" in first
    assert "&= \\underset{x_{t} \\cdot W_{\\mathrm{xh}}\\;(1\\times 3)}{\\begin{bmatrix}0.3 & 0.2 & 0.1\\end{bmatrix}}" in first
    assert "a_{t} &= x_{t} \\cdot W_{\\mathrm{xh}} + h_{t-1} \\cdot W_{\\mathrm{hh}}\\qquad\\text{\\small $(1\\times 3)+(1\\times 3)" in tex


def test_attention_tokens_label_the_rows_and_the_grid_is_an_equation(cli):
    """X = E + P: one line with the tokens beside the rows of E (never a bracketed matrix of words),
    then = X; Q and K each keep the tokens."""
    tex = cli("attention", "--format", "latex").output
    assert "\\begin{bmatrix}\\mathrm{el}" not in tex and "\\text{salvó}" in tex
    at = tex.index("\\underset{P\\;(5\\times 4)}")
    eq = tex[tex.rindex("\\begin{gather*}", 0, at):tex.index("\\end{gather*}", at)]
    assert eq.count("\\begin{matrix}\\text{el} \\\\ \\text{doctor} \\\\ \\text{salvó}") == 1
    assert "\\end{bmatrix}} + \\underset{P\\;(5\\times 4)}" in eq
    assert "\\begin{gather*}\n= \\underset{X\\;(5\\times 4)}{\\begin{matrix}\\text{el}" in tex
    for name in ("Q", "K", "A"):
        assert "\\underset{%s\\;(5\\times 4)}{\\begin{matrix}\\text{el} \\\\ " % name in tex


def test_latex_golden(cli, golden):
    golden("forward_i_love_latex", cli("forward", "--sentence", "I love", "--format", "latex").output)
    golden("positional_latex", cli("positional", "--format", "latex").output)


def test_notation_to_tex():
    from rnntrace.i18n import fill
    from rnntrace.render.latex import math, text

    assert math("h_{t−1}·W_hh") == "h_{t-1}\\cdot W_{\\mathrm{hh}}"
    assert math("h̃_t") == "\\tilde{h}_{t}"
    assert math("(1 − z_t) ⊙ h̃_t") == "(1-z_{t})\\odot \\tilde{h}_{t}"
    assert math("softmax(Q·Kᵀ / √d_k)") == "\\operatorname{softmax} (Q\\cdot K^{\\top }/\\sqrt{d_{k}})"
    assert math("h^d_{i−1} · h^e_j") == "h^{d}_{i-1}\\cdot h^{e}_{j}"
    assert math("W_xh V×H") == "W_{\\mathrm{xh}}\\ V\\times H"
    assert math("J^(1)  ‖·‖₂ = 0.7985") == "J^{(1)}\\quad \\|\\cdot \\|_{2}=0.7985"
    assert math("10⁻⁶") == "10^{-6}"
    assert math("p_t[“love”]") == "p_{t}[\\text{``love''}]"
    assert text(fill("so ⟦x_t·W_xh⟧ is ⟦1×3⟧, and 50% & $5.", {})) == \
        "so $x_{t}\\cdot W_{\\mathrm{xh}}$ is $1\\times 3$, and 50\\% \\& \\$5."
    # prose the catalogue did not mark is prose, whatever it looks like: nothing is guessed
    assert text("so x_t·W_xh is 1×3") == "so x\\_t\\ensuremath{\\cdot}W\\_xh is 1\\ensuremath{\\times}3"
    # a marked formula is translated as a whole, brackets, commas and gaps included
    marked = {"⟦Γ_t = 1⟧ keeps it": "$\\Gamma _{t}=1$ keeps it",
              "hidden size ⟦H = 3⟧; ⟦h_0 = 0⟧": "hidden size $H=3$; $h_{0}=0$",
              "⟦A(Q, K, V) = softmax(Q·Kᵀ / √d_k)·V⟧":
                  "$A(Q,K,V)=\\operatorname{softmax} (Q\\cdot K^{\\top }/\\sqrt{d_{k}})\\cdot V$",
              "⟦p_t^(2k) = sin(ω_k t)⟧,  x": "$p_{t}^{(2k)}=\\sin (\\omega _{k}\\ t)$, \\quad x",
              "what are ⟦W_hy⟧? ⟦x_t⟧ is": "what are $W_{\\mathrm{hy}}$? $x_{t}$ is",
              "¿Qué dimensión tiene ⟦W_xh⟧?": "¿Qué dimensión tiene $W_{\\mathrm{xh}}$?",
              "max ⟦|tanh′| ≤ 1⟧": "max $|\\tanh '|\\le 1$"}
    for source, tex in marked.items():
        assert text(fill(source, {})) == tex
    # numbers in prose stay text, a negative one gets a minus sign
    assert text("spread 2.2e-16 and 0.0e+00, -0.5") == "spread 2.2e-16 and 0.0e+00, $-$0.5"


def _compile(tmp_path, tex: str, name: str = "t") -> str:
    """pdflatex once (draft mode: no PDF written, every error and missing glyph still reported);
    the log."""
    (tmp_path / f"{name}.tex").write_text(tex, encoding="utf-8")
    r = subprocess.run(["pdflatex", "-draftmode", "-interaction=nonstopmode", "-halt-on-error", f"{name}.tex"],
                       cwd=tmp_path, capture_output=True, text=True, timeout=120)
    log = (tmp_path / f"{name}.log").read_text(encoding="utf-8", errors="replace")
    assert r.returncode == 0, "\n".join(line for line in log.splitlines() if line.startswith("!"))[:2000] + r.stdout[-2000:]
    assert "Missing character" not in log, re.findall(r"Missing character.*", log)
    return log


# together these documents hold every variant above, in both languages
COMPILED = [["--lang", "es", "forward", "--cell", "gru", "--gru-variant", "torch", "--explain"],
            ["forward", "--cell", "lstm", "--convention", "column"],
            ["--lang", "es", "bptt", "--cell", "lstm"],
            ["bptt", "--scale", "3", "--activation", "relu", "--explain"],
            ["--lang", "es", "bptt", "--steps", "200"],
            ["bptt", "--compare"],
            ["attention", "--heads", "2", "--mask", "causal", "--no-scale"],
            ["--lang", "es", "attention", "--mode", "seq2seq"],
            ["attention", "--mode", "seq2seq", "--score", "additive", "--score-size", "2", "--explain"],
            ["--lang", "es", "attention", "--backward", "--explain"],
            ["attention", "--block", "--heads", "2", "--explain"],
            ["attention", "--t", "2", "--explain"],
            ["attention", "-m", "seq2seq", "--score", "general", "--feed-context"],
            ["--lang", "es", "positional"],
            ["bptt", "--layers", "2", "--embedding", "3", "--explain"],
            ["positional", "--explain", "--dim", "2", "--length", "3"],
            ["train", "--epochs", "3", "--trace-update", "--optimizer", "adam", "--clip", "0.5", "--explain"],
            ["--lang", "es", "train", "-e", "perro", "--compare", "--epochs", "2"],
            ["--lang", "es", "generate", "-e", "perro_gru", "--start", "el", "-n", "3"]]


@pytest.mark.skipif(not shutil.which("pdflatex"), reason="no TeX engine installed (pdflatex)")
@pytest.mark.parametrize("args", COMPILED, ids=[" ".join(a) for a in COMPILED])
def test_latex_compiles(cli, tmp_path, args):
    r = cli(*args, "--format", "latex")
    assert r.exit_code == 0, r.stderr
    _compile(tmp_path, r.output)


@pytest.mark.skipif(not shutil.which("pdflatex"), reason="no TeX engine installed (pdflatex)")
def test_latex_compiles_to_a_pdf(cli, tmp_path):
    (tmp_path / "t.tex").write_text(cli("forward", "--sentence", "I love", "--format", "latex").output,
                                    encoding="utf-8")
    r = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "t.tex"], cwd=tmp_path,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout[-3000:]
    assert (tmp_path / "t.pdf").read_bytes().startswith(b"%PDF")


# ---- Markdown ------------------------------------------------------------------------------
def test_markdown_golden(cli, golden):
    golden("forward_i_love_markdown", cli("forward", "--sentence", "I love", "--format", "markdown").output)
    golden("positional_markdown", cli("positional", "--format", "markdown").output)


def table_problems(md: str) -> tuple[int, list[str]]:
    """(number of tables, what is wrong): every row of a table has the header's number of cells,
    the second line is the alignment rule, and no table is cut by a line that is not a row."""
    out, count = [], 0
    for tab in re.findall(r"(?:^\|.*\|\n)+", md, flags=re.M):
        count += 1
        rows = tab.splitlines()
        widths = {len(re.findall(r"(?<!\\)\|", r)) for r in rows}
        if len(widths) != 1:
            out.append(f"rows of different widths: {tab[:300]!r}")
        if len(rows) < 2 or not re.fullmatch(r"\|( (:--|--:|:-:|---) \|)+", rows[1]):
            out.append(f"no alignment rule: {tab[:200]!r}")
    for line in md.splitlines():
        if line.startswith("|") != line.endswith("|") and not line.startswith("```"):
            out.append(f"a row broken across lines: {line!r}")
    return count, out


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", list(VARIANTS))
def test_markdown_tables_are_well_formed(cli, name, lang):
    r = cli("--lang", lang, *VARIANTS[name], "--format", "markdown")
    assert r.exit_code == 0, r.stderr
    count, wrong = table_problems(r.output)
    assert wrong == []
    assert count >= 1  # every command has a table (a summary, a chart's rows, the encodings)


def test_markdown_header_on_two_lines_stays_one_row(cli):
    md = cli("positional", "--format", "markdown").output
    assert ("| t | index | binary | $\\sin$<br>$\\omega _{0}\\cdot t$ | $\\cos$<br>$\\omega _{0}\\cdot t$ | "
            "$\\sin$<br>$\\omega _{1}\\cdot t$ | $\\cos$<br>$\\omega _{1}\\cdot t$ |") in md
    assert "| index<br>spread | binary<br>spread |" in md


def test_markdown_writes_real_math(cli):
    """Formulas and numbers as TeX that MathJax, Jupyter and Quarto render: the statement, then
    the operands as bmatrix with their names under them and the result; prose stays escaped."""
    md = cli("forward", "--format", "markdown").output
    assert md.startswith("# Forward computations: the lecture's worked example\n")
    assert "$$\na_{t} = x_{t} \\cdot W_{\\mathrm{xh}} + h_{t-1} \\cdot W_{\\mathrm{hh}} \\qquad \\small (1\\times 3)" in md
    assert ("$$\n\\underset{x_{t} \\cdot W_{\\mathrm{xh}}\\;(1\\times 3)}{\\begin{bmatrix}0.3 & 0.2 & 0.1\\end{bmatrix}} + "
            "\\underset{h_{t-1} \\cdot W_{\\mathrm{hh}}\\;(1\\times 3)}{\\begin{bmatrix}0 & 0 & 0\\end{bmatrix}} = "
            "\\underset{a_{t}\\;(1\\times 3)}{\\begin{bmatrix}0.3 & 0.2 & 0.1\\end{bmatrix}}\n$$") in md
    assert "| t | $x_{t}$ | prediction | target | $p_{t}[\\mathrm{target}]$ | $L_{t}$ |" in md
    # a formula the catalogue marks in a sentence is math; the rest of the sentence escaped prose
    assert "hidden size $H=3$; $h_{0}=0$" in md and "h\\_0" not in md


def test_markdown_attention_tokens_are_a_column(cli):
    md = cli("attention", "--format", "markdown").output
    assert "\\underset{E\\;(5\\times 4)}{\\begin{matrix}\\text{el} \\\\ \\text{doctor}" in md
    assert "\\end{bmatrix}} + \\underset{P\\;(5\\times 4)}{\\begin{bmatrix}0.0000" in md
    assert "$$\n= \\underset{X\\;(5\\times 4)}" in md


def test_markdown_in_spanish(cli):
    md = cli("forward", "--format", "markdown", "--lang", "es", "--explain").output
    assert "## Parámetros" in md and "> ↳ $x_{t}$ es one-hot" in md and "**Resumen**" in md


def test_every_block_type_is_drawn_by_every_backend():
    """A document holding one block of each type: the terminal, LaTeX and Markdown each draw all
    of them (a block type a backend does not know is an error, not a silent loss)."""
    import io

    import numpy as np

    from rnntrace.document import (Cell, Chart, Column, Document, Explanation, Formula, Grid, Heading, Matrix,
                                   Note, Page, Section, Table)
    from rnntrace.explain import Explainer
    from rnntrace.output import make_console, print_renderables
    from rnntrace.present.common import operation
    from rnntrace.render import latex, markdown, terminal
    from rnntrace.trace import MatMul, Op, Sym

    x, W = np.array([0.0, 1.0]), np.array([[0.5, -1.0], [2.0, 0.25]])
    op = Op(None, MatMul(Sym("x_t"), Sym("W_xh")), ((Sym("x_t"), x), (Sym("W_xh"), W)), x @ W)
    blocks = [Heading("heading one", 1), Note("a note with x_t", "warning"), Explanation("because so", "add"),
              Matrix("M", W, "result", (2, 2)), operation(op, "row", Explainer(False)), Formula("s_{1,j} = q_1 · k_j"),
              Grid([Matrix("A (2×2)", W, "operand", (2, 2))], ["el", "gato"]),
              Table([Column("col", "right")], [[Cell("4.5")]]), Chart(["k"], [["1"], ["2"]], [[-1.0], [0.0]], [""])]
    doc = Document("forward", "test", [Page("opening", "test", [Section(blocks, "all blocks")])])
    buf = io.StringIO()
    print_renderables(terminal.render(doc), make_console(file=buf))
    out = buf.getvalue()
    for text in ("heading one", "a note with x_t", "↳ because so", "x_t·W_xh", "gato", "4.5", "s_{1,j}", "┬"):
        assert text in out, text
    tex = latex.document(doc, "test")
    assert problems(tex) == [] and "\\rule" in tex and "\\hookrightarrow" in tex and tex.count("bmatrix") >= 6
    md = markdown.document(doc, "test")
    assert "> ↳ because so" in md and "**heading one**" in md and "| col |" in md and "`█" in md


def test_gradient_sums_are_explained_as_the_chain_rule():
    import numpy as np

    from rnntrace.cells import H_T, grad
    from rnntrace.explain import Explainer
    from rnntrace.trace import Add, MatMul, Op, Sym

    a, b = MatMul(Sym("∂L/∂y_t"), Sym("W_hyᵀ")), Sym("∂L/∂h_{t+1}·J")
    op = Op(grad(H_T), Add((a, b)), ((a, np.zeros(3)), (b, np.zeros(3))), np.zeros(3))
    said = Explainer(True).op(op)
    assert "∂L/∂h_t collects the 2 paths from h_t to the loss" in said and "1×3" in said
    # what the sum is comes from the symbol's key, not its name: the same name without it is a plain sum
    plain = Op(Sym("∂L/∂h_t"), Add((a, b)), op.operands, op.value)
    assert "collects" not in Explainer(True).op(plain)


def test_formulas_are_explained_once_under_their_numbers():
    """Attention's --explain: each of the lecture's formulas gets its sentence once per document,
    as the block right after the numbers it gives (a table or a grid); without --explain none."""
    from rnntrace import attention_examples as ae, attention_trace
    from rnntrace.document import Explanation, Grid, Table, View
    from rnntrace.present.attention import build_self

    tr = attention_trace.run_self(ae.load("doctor", "self"), heads=2)
    blocks = [b for p in build_self(tr, 4, View(explain=True)).pages for b in p.blocks]
    said = [(k, b) for k, b in enumerate(blocks) if isinstance(b, Explanation)]
    topics = [b.topic for _, b in said]
    assert sorted(topics) == sorted(set(topics)) and {"formula_scores", "sqrt_dk", "formula_softmax"} <= set(topics)
    assert all(isinstance(blocks[k - 1], (Table, Grid)) for k, _ in said)
    assert "d_k = 2" in next(b.text for _, b in said if b.topic == "sqrt_dk")  # the trace's d_k, not a reading
    plain = [b for p in build_self(tr, 4).pages for b in p.blocks]
    assert not any(isinstance(b, Explanation) for b in plain)


def test_multi_line_cells_stay_valid():
    from rnntrace.document import Cell, Column, Document, Page, Section, Table
    from rnntrace.i18n import formula
    from rnntrace.render import latex, markdown

    tb = Table([Column("a\nb"), Column("c")], [[Cell(formula("x_t\n\nh_t")), Cell("")]])
    doc = Document("forward", "test", [Page("opening", "test", [Section([tb])])])
    tex = latex.document(doc, "rnntrace test")
    assert problems(tex) == []
    assert "\\begin{tabular}[b]{@{}c@{}}\\textbf{a} \\\\ \\textbf{b}\\end{tabular} & \\textbf{c}" in tex
    assert "\\begin{tabular}[b]{@{}c@{}}$x_{t}$ \\\\ $h_{t}$\\end{tabular} &" in tex
    md = markdown.document(doc, "rnntrace test")
    assert "| a<br>b | c |" in md and "| $x_{t}$<br>$h_{t}$ |" in md
    assert table_problems(md)[1] == []


def test_a_negative_number_in_prose_or_a_table_has_a_minus_sign():
    """In LaTeX's text mode '-' is a hyphen: a negative number outside math gets a real minus,
    while words with a hyphen ('-a', '--scale') stay as they are."""
    from rnntrace.render.latex import text

    assert text("-0.4161") == "$-$0.4161" and text("-.5") == "$-$.5"
    assert "$-$" not in text("the suffix -a") and "$-$" not in text("try --scale 3")


def test_a_signed_infinity_is_one_formula():
    """A masked score (a table cell "−∞") is set as one formula, not a minus and an infinity each
    in its own math group."""
    from rnntrace.render.latex import text

    assert [text(w) for w in ("−∞", "-∞", "+∞", "∞")] == [r"$-\infty$", r"$-\infty$", r"$+\infty$", r"$\infty$"]
    assert text("the score is −∞ here") == r"the score is $-\infty$ here"


def test_plus_equals_is_one_relation():
    """'∂L/∂b_h += δ_t': += is one relation (\\mathrel{+}=), not a binary + then =, which TeX
    spaces as 'b_h+ = δ_t'."""
    from rnntrace.render.latex import math

    assert math("∂L/∂b_h += δ_t") == r"\partial L/\partial b_{h}\mathrel{+}=\delta _{t}"
    assert math("a + b") == "a+b"


def test_a_gap_between_a_formula_and_its_shapes_stays_a_gap():
    """Two or more spaces separate parts of a line (an operation and its shape note, the
    vocabulary's entries): in LaTeX a \\quad, between two formulas and in prose."""
    from rnntrace.i18n import fill
    from rnntrace.render.latex import text

    assert text(fill("⟦Q = X·W_Q⟧    ⟦X (5×4) · W_Q (4×4) → (5×4)⟧", {})) == \
        r"$Q=X\cdot W_{Q}$ \quad $X\ (5\times 4)\cdot W_{Q}\ (4\times 4)\to (5\times 4)$"
    assert text(fill("I love ⟦(1×3)⟧", {})) == r"I love $(1\times 3)$"  # the pronoun stays a word
    assert text("a  b") == r"a \quad b"  # in prose too


@pytest.mark.parametrize("lang,full,again", [
    ("en", "Multiplying by a one-hot vector is looking a word up in a table", "Again a look-up: x_t·W_xh is row"),
    ("es", "Multiplicar por un vector one-hot es buscar una palabra en una tabla",
     "Otra vez una búsqueda en una tabla: x_t·W_xh es la fila"),
])
def test_the_same_explanation_is_said_in_full_once_then_in_a_sentence(cli, lang, full, again):
    """The look-up x_t·W_xh is explained in full at t = 1 and in one sentence at t = 2 … 5 (and
    per run: a second run explains it in full again)."""
    for _ in range(2):
        out = " ".join(cli("forward", "--explain", "--lang", lang).output.split())
        assert out.count(full) == 1 and out.count(again) == 4


def test_the_bound_the_chart_note_names_is_drawn_in_every_format(cli):
    """'│ = bound' under the chart is a claim: the tick is on the bars in LaTeX and Markdown too (an
    Elman cell has the bound); a gated cell has no bound, no tick and no such note."""
    for fmt, tick in (("markdown", "│`"), ("latex", "\\hspace")):
        out = cli("bptt", "--format", fmt).output
        assert "bound" in out and tick in out
        gated = cli("bptt", "--cell", "gru", "--format", fmt).output
        assert tick not in gated


def test_latex_keeps_a_possessive_after_a_formula_as_text():
    """h^d_i's in math would be a double superscript (pdflatex stops): the 's stays prose."""
    from rnntrace.i18n import fill
    from rnntrace.render.latex import text

    assert text(fill("Rows of ⟦W_out⟧: ⟦h^d_i⟧'s 3 entries", {})) == r"Rows of $W_{\mathrm{out}}$: $h^{d}_{i}$'s 3 entries"
    assert text("the decoder's row") == "the decoder's row"
