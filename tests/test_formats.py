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
    "positional": ["positional"],
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
        for spelled in (latex._escape(ch), latex.math(ch), latex._mono_char(ch)):
            assert "?" not in spelled or ch == "?", (ch, spelled)
            assert not any(c not in latex.TEXT_SAFE for c in spelled), (ch, spelled)


def test_a_chart_keeps_its_columns_and_draws_its_bars():
    from rnntrace.render.latex import verbatim
    from rnntrace.render.flatten import Verbatim

    tex = verbatim(Verbatim("k  ‖∂h^(t)/∂h^(k)‖  share\n4  1.0000  █▌ 78.5% $5 {x}"))
    assert tex.startswith("\\begin{rnnverb}\n") and tex.endswith("\n\\end{rnnverb}")
    assert "\\rnnchar{\\ensuremath{\\|}}\\rnnchar{\\ensuremath{\\partial}}h\\textasciicircum{}(t)" in tex
    assert "\\rnnbar{1.000}\\rnnbar{0.500} 78.5\\% \\$5 \\{x\\}" in tex
    assert problems(tex) == []


def test_latex_shows_each_product_as_bmatrix_operands_with_shapes(cli):
    tex = cli("forward", "--format", "latex").output
    assert "\\begin{align*}" in tex and "&=" in tex
    first = tex[tex.index("& x_{t}\\cdot W_{\\mathrm{xh}}\\qquad\\text{\\small $x_{t}\\ (1\\times 5)\\cdot W_{\\mathrm{xh}}\\ "
                          "(5\\times 3)\\to (1\\times 3)$}"):]
    first = first[:first.index("\\end{align*}")]
    assert "&= \\underset{x_{t}\\;(1\\times 5)}{\\begin{bmatrix}0 & 1 & 0 & 0 & 0\\end{bmatrix}} \\cdot " in first
    assert "\\underset{W_{\\mathrm{xh}}\\;(5\\times 3)}{\\begin{bmatrix}0.2 & 0.1 & 0.2 \\\\ 0.3 & 0.2 & 0.1" in first
    assert "&= \\underset{x_{t}\\cdot W_{\\mathrm{xh}}\\;(1\\times 3)}{\\begin{bmatrix}0.3 & 0.2 & 0.1\\end{bmatrix}}" in first
    assert "a_{t} &= x_{t}\\cdot W_{\\mathrm{xh}}+h_{t-1}\\cdot W_{\\mathrm{hh}}\\qquad\\text{\\small $(1\\times 3)+(1\\times 3)" in tex


def test_attention_tokens_label_the_rows_and_the_grid_is_an_equation(cli):
    """Attention draws X = E + P as grids with a column of tokens and the operators as blocks:
    one aligned equation, the tokens beside the rows, never a bracketed matrix of words."""
    tex = cli("attention", "--format", "latex").output
    assert "\\begin{bmatrix}\\mathrm{el}" not in tex and "\\text{salvó}" in tex
    at = tex.index("\\underset{P\\;(5\\times 4)}")
    eq = tex[tex.rindex("\\begin{align*}", 0, at):tex.index("\\end{align*}", at)]
    assert eq.count("\\begin{matrix}\\text{el} \\\\ \\text{doctor} \\\\ \\text{salvó}") == 2
    assert "\\end{bmatrix}} + \\underset{P\\;(5\\times 4)}" in eq and "&= \\underset{X\\;(5\\times 4)}" in eq
    a = tex[tex.index("\\underset{A\\;(5\\times 4)}"):]
    assert a.startswith("\\underset{A\\;(5\\times 4)}{\\begin{matrix}\\text{el} \\\\ ")


def test_latex_golden(cli, golden):
    golden("forward_i_love_latex", cli("forward", "--sentence", "I love", "--format", "latex").output)
    golden("positional_latex", cli("positional", "--format", "latex").output)


def test_notation_to_tex():
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
    assert text("so x_t·W_xh is 1×3, and 50% & $5.") == "so $x_{t}\\cdot W_{\\mathrm{xh}}$ is $1\\times 3$, and 50\\% \\& \\$5."
    assert text("Γ_t = 1 keeps it") == "$\\Gamma _{t}=1$ keeps it"
    assert text("hidden size H = 3; h_0 = 0") == "hidden size $H=3$; $h_{0}=0$"
    # a formula with commas or spaces inside its brackets stays one formula
    assert text("A(Q, K, V) = softmax(Q·Kᵀ / √d_k)·V") == \
        "$A(Q,K,V)=\\operatorname{softmax} (Q\\cdot K^{\\top }/\\sqrt{d_{k}})\\cdot V$"
    assert text("p_t^(2k) = sin(ω_k t),  x") == "$p_{t}^{(2k)}=\\sin (\\omega _{k}\\ t)$, \\quad x"  # a gap stays a gap
    # numbers stay text, a question mark ends a formula, Spanish stays as it is
    assert text("spread 2.2e-16 and 0.0e+00") == "spread 2.2e-16 and 0.0e+00"
    assert text("what are W_hy? x_t is") == "what are $W_{\\mathrm{hy}}$? $x_{t}$ is"
    assert text("¿Qué dimensión tiene W_xh?") == "¿Qué dimensión tiene $W_{\\mathrm{xh}}$?"
    assert text("max |tanh′| ≤ 1") == "max $|\\tanh '|\\le 1$"


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
            ["--lang", "es", "positional"]]


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
    assert count >= (0 if name == "bptt-compare" else 3)


def test_markdown_header_on_two_lines_stays_one_row(cli):
    md = cli("positional", "--format", "markdown").output
    assert "| t | index | binary | sin<br>ω\\_0·t | cos<br>ω\\_0·t | sin<br>ω\\_1·t | cos<br>ω\\_1·t |" in md
    assert "| index<br>spread | binary<br>spread |" in md


def test_markdown_keeps_formulas_literal(cli):
    md = cli("forward", "--format", "markdown").output
    assert md.startswith("# Cálculos Forward")
    assert "**`a_t = x_t·W_xh + h_{t−1}·W_hh`** — `(1×3) + (1×3) → (1×3)`" in md
    assert "| `x_t·W_xh (1×3)` |   | `h_{t−1}·W_hh (1×3)` |   | `a_t (1×3)` |" in md
    assert "| `[0.3 0.2 0.1]` | + | `[0 0 0]` | = | **`[0.3 0.2 0.1]`** |" in md
    assert "| t | x\\_t | prediction | target | p\\_t\\[target\\] | L\\_t |" in md


def test_markdown_attention_tokens_are_a_column(cli):
    md = cli("attention", "--format", "markdown").output
    assert "|   | `E (5×4)` |   | `P (5×4)` |   |   | `X (5×4)` |" in md
    assert "| salvó | `0.1 0.1 0.5 0.3` | + | ` 0.9093 -0.4161 0.0200 0.9998` | = | salvó |" in md


def test_markdown_in_spanish(cli):
    md = cli("forward", "--format", "markdown", "--lang", "es", "--explain").output
    assert "## Parámetros" in md and "> ↳ x\\_t es one-hot" in md and "**Resumen**" in md


def test_unrecognised_renderables_are_kept_as_text():
    from rich.columns import Columns

    from rnntrace.render import latex, markdown

    md = markdown.document([Columns(["█▇▆ bars", "x"])], "rnntrace test")
    assert md.startswith("# rnntrace test") and "```text\n█▇▆ bars" in md
    tex = latex.document([Columns(["█▇▆ bars"])], "rnntrace test")
    assert "\\begin{rnnverb}\n\\rnnbar{1.000}\\rnnlowbar{1.93}\\rnnlowbar{1.65} bars\n\\end{rnnverb}" in tex
    assert problems(tex) == [] and lost(tex) == []


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
    assert "\\begin{tabular}[b]{@{}c@{}}\\textbf{a} \\\\ \\textbf{b}\\end{tabular} & \\textbf{c}" in tex
    assert "\\begin{tabular}[b]{@{}c@{}}$x_{t}$ \\\\ $h_{t}$\\end{tabular} &" in tex
    md = markdown.document(doc, "rnntrace test")
    assert "**first line**  \n**second line**" in md
    assert "| a<br>b | c |" in md and "| x\\_t<br>h\\_t |" in md
    assert table_problems(md)[1] == []


def test_a_negative_number_in_prose_or_a_table_has_a_minus_sign():
    """In LaTeX's text mode '-' is a hyphen: a negative number outside math gets a real minus,
    while words with a hyphen ('-a', '--scale') stay as they are."""
    from rnntrace.render.latex import text

    assert text("-0.4161") == "$-$0.4161" and text("-.5") == "$-$.5"
    assert "$-$" not in text("the suffix -a") and "$-$" not in text("try --scale 3")


def test_plus_equals_is_one_relation():
    """'∂L/∂b_h += δ_t': += is one relation (\\mathrel{+}=), not a binary + then =, which TeX
    spaces as 'b_h+ = δ_t'."""
    from rnntrace.render.latex import math

    assert math("∂L/∂b_h += δ_t") == r"\partial L/\partial b_{h}\mathrel{+}=\delta _{t}"
    assert math("a + b") == "a+b"


def test_a_gap_between_a_formula_and_its_shapes_stays_a_gap():
    """Two or more spaces separate parts of a line (an operation and its shape note, the
    vocabulary's entries): in LaTeX a \\quad; a matrix named by one capital before its shape is
    math, like the rest of the note."""
    from rnntrace.render.latex import text

    assert text("Q = X·W_Q    X (5×4) · W_Q (4×4) → (5×4)") == \
        r"$Q=X\cdot W_{Q}$ \quad $X\ (5\times 4)\cdot W_{Q}\ (4\times 4)\to (5\times 4)$"
    assert text("I love (1×3)") == r"I love $(1\times 3)$"  # the pronoun stays a word


def test_a_leading_column_of_words_labels_every_matrix_of_a_grid():
    """Attention draws Q and K beside one column of tokens; read back for LaTeX/Markdown, both
    matrices carry the tokens as row labels (K lost them); in an equation grid (E + P) only the
    first operand does."""
    import numpy as np

    from rnntrace.render.attention_rich import _token_block
    from rnntrace.render.flatten import Grid, _grid
    from rnntrace.render.matrix import Block, BlockGrid, matrix_lines

    Q, K = np.ones((2, 3)), np.zeros((2, 3))
    g = _grid(BlockGrid([_token_block(["el", "doctor"]), Block("Q (2×3)", matrix_lines(Q, 2)),
                         Block("K (2×3)", matrix_lines(K, 2))]))
    assert isinstance(g, Grid) and [m.row_labels for m in g.items] == [["el", "doctor"]] * 2


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
