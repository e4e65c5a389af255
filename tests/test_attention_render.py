"""The rich output of ``rnntrace attention`` and ``rnntrace positional`` pinned at 80 columns
(golden files, no colour); ``pytest --update-golden`` rewrites them, on purpose only."""
import io
import json
import re

import numpy as np
import pytest


@pytest.mark.parametrize("name,args", [
    ("attention_self", ["attention"]),
    ("attention_self_heads2_causal", ["attention", "--heads", "2", "--mask", "causal"]),
    ("attention_self_no_scale", ["attention", "--no-scale", "--dk", "16", "--precision", "3"]),
    ("attention_seq2seq", ["attention", "--mode", "seq2seq"]),
    ("attention_seq2seq_es", ["attention", "--mode", "seq2seq", "--lang", "es"]),
    ("attention_seq2seq_feed_context", ["attention", "--mode", "seq2seq", "--feed-context"]),
    ("positional", ["positional"]),
    ("positional_wide_es", ["positional", "--length", "6", "--dim", "12", "--lang", "es"]),
])
def test_attention_golden(cli, golden, name, args):
    r = cli(*args)
    assert r.exit_code == 0, r.output
    assert "\x1b[" not in r.output
    assert max(len(line) for line in r.output.splitlines()) <= 80
    golden(name, r.output)


def test_weight_tables_are_heat_coloured_on_a_terminal():
    import io
    import re

    from rich.console import Console

    from rnntrace import attention_examples as ae, attention_trace
    from rnntrace.present import attention as present
    from rnntrace.render import terminal

    tr = attention_trace.run_seq2seq(ae.load("etxe_handia", "seq2seq"))
    buf = io.StringIO()
    Console(file=buf, force_terminal=True, width=80, color_system="standard").print(
        terminal.section(present.seq_alignment(tr, 4), 4))
    text = buf.getvalue()
    assert re.search(r"\x1b\[[0-9;]*31m0\.8116", text)  # α ≥ 0.6: red
    assert re.search(r"\x1b\[[0-9;]*33m0\.2942", text)  # 0.2 ≤ α < 0.4: yellow
    assert terminal.heat(0.01) == "dim" and terminal.heat(float("nan")) == "bold red"


# ---- layout at 80 columns ------------------------------------------------------------------------
VARIANTS = [["attention"], ["attention", "--heads", "2"], ["attention", "--mask", "causal"],
            ["attention", "--no-scale"], ["attention", "--dk", "64", "--no-scale"],
            ["attention", "--heads", "2", "--mask", "causal", "--dk", "8"],
            ["attention", "--mode", "seq2seq"], ["attention", "--mode", "seq2seq", "--feed-context"], ["positional"], ["positional", "--length", "10", "--dim", "6"],
            ["attention", "--backward"], ["attention", "--block", "--heads", "2"],
            ["attention", "-m", "seq2seq", "--score", "additive", "--score-size", "3", "--decode", "greedy"],
            ["attention", "-m", "seq2seq", "--score", "general", "--feed-context"]]


BRACKETS = str.maketrans({c: " " for c in "[]⎡⎢⎣⎤⎥⎦"})


def _body(text: str) -> list[str]:
    """The lines after the header panel (whose paragraphs wrap to the width on purpose)."""
    lines = text.splitlines()
    return lines[next(k for k, line in enumerate(lines) if line.startswith("╰")) + 1:]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("args", VARIANTS, ids=[" ".join(a) for a in VARIANTS])
def test_nothing_wraps_or_is_cut_at_80_columns(cli, monkeypatch, args, lang):
    """Below the header, every line at 80 columns is part of a line at 400 columns, or the
    continuation of a long line under a hanging indent, or the "= result" an equation too wide
    for one row puts under its operands: no text wrapped back to column 0, no table
    header squeezed onto more lines (blocks of matrices moving below each other are fine), and no
    number cut short with "…" (the "…" column of a wide sinusoidal encoding stands alone)."""
    def lines(text):
        return [line.rstrip("─ ") for line in _body(text)]

    def indent(line):
        return len(line) - len(line.lstrip(" "))

    narrow = lines(cli(*args, "--lang", lang).output)
    monkeypatch.setenv("COLUMNS", "400")
    wide = "\n".join(lines(cli(*args, "--lang", lang).output))
    wide_cells = [line.translate(BRACKETS).split() for line in wide.splitlines()]

    def split_matrix_row(line):
        """A row of a matrix split into column ranges: its cells run on in one wide row."""
        cells = line.translate(BRACKETS).split()
        label = [c for c in cells if not re.fullmatch(r"-?[\d.]+(e[-+]\d+)?", c)]
        cells = cells[len(label):]  # the row's word, when a column of words labels the rows
        n = len(cells)
        return n > 0 and any(row[:len(label)] == label and row[i:i + n] == cells
                             for row in wide_cells for i in range(len(label), len(row) - n + 1))

    broken = [line for k, line in enumerate(narrow)
              if line not in wide and not (k and line.strip() and indent(line) >= indent(narrow[k - 1]) + 2)
              and not re.search(r"(columns|columnas) \d+–\d+ (of|de) \d+", line) and not split_matrix_row(line)
              and not re.fullmatch(r"  = \S+", line)]  # a sum too wide: "= a_t" under its operands (Equation.rows)
    assert broken == []  # a hanging indent (two more spaces than the line above) is how a long line wraps
    assert not [line for line in narrow if re.search(r"\d…|…\d", line)]


def test_a_table_too_wide_for_the_console_is_split_by_columns_not_cut(cli):
    """Eight words: the weight table needs more than 80 columns. Every weight is printed whole
    (it used to be cut to "0.10…"), the keys split over two tables that both list every query."""
    sentence = "el doctor salvó al paciente al el doctor"
    out = "\n".join(_body(cli("attention", "--sentence", sentence).output))
    W = np.array(json.loads(cli("attention", "--sentence", sentence, "--format", "json").output)["weights"])
    assert not re.search(r"\d…|\w…$", out, flags=re.M) and max(len(line) for line in out.splitlines()) <= 80
    weights = out[out.index("α = softmax"):out.index("A = α·V")]
    cells = re.findall(r"-?\d\.\d{4}", weights)
    assert sorted(cells) == sorted(f"{w:.4f}" for w in W.ravel())
    headers = [line for line in weights.splitlines() if line.startswith("q \\ k")]
    assert len(headers) == 2 and "Σ_j" in headers[1]


@pytest.mark.parametrize("args", [["--length", "12", "--dim", "8", "--lang", "es"], ["--length", "20", "--dim", "64"]])
def test_a_wide_sinusoidal_table_leaves_out_middle_columns_before_cutting_numbers(cli, args):
    """d > 6: the first pairs of columns, "…", the last pair; at 80 columns fewer pairs rather
    than numbers cut to "-0.41…" (as the Spanish headers, wider, used to)."""
    out = cli("positional", *args).output
    S = np.array(json.loads(cli("positional", *args, "--format", "json").output)["sinusoidal"])
    start = out.index("\n t ") + 1
    table = out[start:out.index("ω_0 = 1", start)].splitlines()[2:-1]  # up to the ω line under the table
    assert len(table) == S.shape[0] and max(len(line) for line in out.splitlines()) <= 80
    for t, line in enumerate(table):
        cells = line.split()
        k = cells.index("…")
        assert cells[3:k] == [f"{x:.4f}" for x in S[t, :k - 3]]
        assert cells[k + 1:] == [f"{x:.4f}" for x in S[t, -2:]]


# ---- --explain: each explanation under its own operation -----------------------------------------
# the lecture's formulas as the trace prints them, and the explanation each must get (the builder
# chooses it from what it lays out; these read the printed lines only to check where it went)
FORMULAS = (
    (re.compile(r"^X = E \+ P\b"), "formula_positional_sum"),
    (re.compile(r"^([QKV])(_\d+)? = X·W_\1"), "formula_projection"),
    (re.compile(r"^Q(_\d+)?·K(_\d+)?ᵀ / √d_k = .*/ (?P<value>[0-9.]+)"), "sqrt_dk"),
    (re.compile(r"^Q(_\d+)?·K(_\d+)?ᵀ(\s|$)"), "formula_scores"),
    (re.compile(r"^score\(h\^d_[^,]*, h\^e_j\) = h\^d_\S+ · h\^e_j"), "formula_dot_score"),
    (re.compile(r"^y_\d+ = softmax\(\[h\^d_\d+ ; c_\d+\]"), "formula_output_layer"),
    (re.compile(r"^α(_\{[^}]*\})? = softmax\("), "formula_softmax"),
    (re.compile(r"^(A|head(_\d+)?) = α·V"), "formula_weighted_average"),
    (re.compile(r"^c_\d+ = Σ_j α_"), "formula_context"),
)


def formula_kind(line: str) -> tuple[str, dict] | None:
    for pattern, kind in FORMULAS:
        m = pattern.search(line.strip())
        if m:
            value = m.groupdict().get("value")
            return kind, ({"value": value, "d_k": round(float(value) ** 2)} if value else {})
    return None


def _explained(out: str) -> list[tuple[str, str, str]]:
    """(the formula line that the explanation belongs to, the line just above the explanation, the
    explanation as one line) for every "↳" in ``out`` whose nearest formula line above is one of
    the lecture's formulas."""
    lines, found = out.splitlines(), []
    for k, line in enumerate(lines):
        if not line.startswith("  ↳ "):
            continue
        para, m = [line[4:]], k + 1
        while m < len(lines) and lines[m].startswith("    ") and lines[m].strip():
            para.append(lines[m].strip())
            m += 1
        h = k - 1
        while h >= 0 and not (lines[h][:1] not in ("", " ") and formula_kind(lines[h])):
            h -= 1
        found.append((lines[h] if h >= 0 else "", lines[k - 1], " ".join(para)))
    return found


SELF_EXPLAINED = {"formula_positional_sum": "X = E + P", "formula_projection": "V = X·W_V",
                  "formula_scores": "Q·Kᵀ ", "sqrt_dk": "Q·Kᵀ / √d_k", "formula_softmax": "α = softmax(",
                  "formula_weighted_average": "A = α·V"}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_explain_puts_each_explanation_under_its_operations_numbers(cli, lang):
    """Every formula of the self-attention trace gets its explanation (a changed heading that
    explain no longer recognises fails here), once, after the last row of that operation's
    numbers and before the next operation; and the text is the one for that formula."""
    from rnntrace.explain import text
    from rnntrace.i18n import set_lang

    out = cli("attention", "--explain", "--lang", lang).output
    set_lang(lang)
    seen = {}
    for heading, above, explanation in _explained(out):
        kind, fields = formula_kind(heading)
        assert kind not in seen, f"{kind} explained twice"
        seen[kind] = heading
        assert explanation == " ".join(text(kind, **fields).split())
        assert above.startswith("paciente"), f"{kind}: explained under {above!r}, not under its numbers"
    assert {k: h[:len(SELF_EXPLAINED[k])] for k, h in seen.items()} == SELF_EXPLAINED


@pytest.mark.parametrize("lang", ["en", "es"])
def test_explain_in_seq2seq_goes_under_the_scores_the_weights_and_the_context(cli, lang):
    from rnntrace.explain import text
    from rnntrace.i18n import set_lang

    out = cli("attention", "--mode", "seq2seq", "--explain", "--lang", lang).output
    set_lang(lang)
    attention = out[out.index("\nscore(h^d_0, h^e_j)") + 1:]  # from the first target word on
    found = {formula_kind(h)[0]: (h, above, e) for h, above, e in _explained(attention)}
    assert set(found) == {"formula_dot_score", "formula_softmax", "formula_context", "formula_output_layer"}
    assert found["formula_dot_score"][1].startswith("  score(h^d_0, h^e_2) = ")
    assert found["formula_output_layer"][1].startswith(("  prediction: ", "  predicción: "))  # under y_1's numbers
    assert found["formula_softmax"][1].startswith("α_{1,·} = softmax(")
    assert found["formula_context"][1].startswith("  c_1 = [")
    for kind, (heading, _, explanation) in found.items():
        assert explanation == " ".join(text(kind, **formula_kind(heading)[1]).split())


@pytest.mark.parametrize("lang", ["en", "es"])
def test_explain_says_why_the_fed_decoder_reads_its_context(cli, lang):
    """--feed-context --explain: one sentence right under the result of c_i·W_ch^d (the first
    one), the catalogue's text; the default run has no such sentence."""
    from rnntrace.i18n import set_lang, t

    out = cli("attention", "--mode", "seq2seq", "--feed-context", "--explain", "--lang", lang).output
    set_lang(lang)
    lines = out.splitlines()
    k = next(k for k, line in enumerate(lines) if line.startswith("c_1·W_ch^d    c_1 (1×3) · W_ch^d (3×3)"))
    # W_ch^d was drawn in the Parameters: named there by its shape, then the product's result
    where = t("common.as_printed_in", dims="3×3", where=t("forward.params"))
    assert lines[k + 2].endswith("· " + where)
    assert lines[k + 3] == "  = c_1·W_ch^d"
    para = [lines[k + 5]]
    assert para[0].startswith("  ↳ ")
    m = k + 6
    while lines[m].startswith("    "):
        para.append(lines[m].strip())
        m += 1
    assert " ".join(para)[4:] == " ".join(t("attention.explain.feed_context", i=1).split())
    assert lines[m].startswith("a_t = x_t·W_xh^d + h_{t−1}·W_hh^d + c_1·W_ch^d")
    assert t("attention.explain.feed_context", i=2) in " ".join(" ".join(out.split()).split("↳"))
    plain = cli("attention", "--mode", "seq2seq", "--explain", "--lang", lang).output
    assert "W_ch" not in plain


# ---- --step: a page per query row --------------------------------------------------------------
def test_per_query_sections_show_where_each_row_of_weights_comes_from():
    """What --step pages through on a terminal: after the head's tables, one section per query
    with its scores, their scaling, its weights (summing to 1) and its output row term by term;
    the numbers are the trace's own."""
    from rich.console import Console

    from rnntrace import attention_examples as ae, attention_trace
    from rnntrace.document import View
    from rnntrace.present.attention import build_self
    from rnntrace.render import terminal

    tr = attention_trace.run_self(ae.load("doctor", "self"), causal=True)
    h = tr.result.heads[0]
    plain = build_self(tr, 4)
    doc = build_self(tr, 4, View(detail=True))
    queries = [p for p in doc.pages if p.kind == "query"]
    assert len(doc.pages) == len(plain.pages) + 5 and [p.t for p in queries] == [1, 2, 3, 4, 5]
    assert doc.pages.index(queries[0]) == 2  # right after the head's page
    console = Console(width=80, record=True, color_system=None, file=io.StringIO())
    for i, page in enumerate(queries):
        for section in terminal.page(page, 4):
            console.print(section)
        page = console.export_text()
        assert page.startswith(f"query i = {i + 1} · “{tr.tokens[i]}”")
        assert max(len(line) for line in page.splitlines()) <= 80
        rows = page.splitlines()
        for j in range(5):
            row = next(r for r in rows if r.split()[:2] == [str(j + 1), tr.tokens[j]])
            assert f"{h.scores[i, j]:.4f}" in row
            if j > i:
                assert "−∞" in row and "masked: j > i" in row
            else:
                assert f"{h.scaled_scores[i, j]:.4f}" in row and f"{h.weights[i, j]:.4f}" in row
        total = next(r for r in rows if r.startswith("Σ_j"))
        assert total.split()[1] == "1"
        assert [float(x) for x in total[total.index("[") + 1:total.index("]")].split()] == \
            [float(f"{x:.4f}") for x in h.output[i]]


def test_step_on_a_terminal_pages_one_query_row_at_a_time():
    from pty_session import PtySession

    with PtySession(["attention", "--step", "--mask", "causal"]) as s:
        page = s.expect("q: quit")  # the opening: header, inputs, Q K V (in parts if need be)
        while "query i = 1 ·" not in page:
            s.send("")
            page = s.expect("q: quit")
        assert "step 2 of 6" in page and "query i = 2" not in page  # the head's page, then query 1
        s.send("")
        page = s.expect("q: quit")
        assert "step 3 of 6" in page and "query i = 2 · “doctor”" in page and "masked: j > i" in page
        s.key("q")
        s.rest()
    assert s.status == 0
