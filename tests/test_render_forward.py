"""The rich output of ``rnntrace forward`` pinned at 80 columns (golden files, no colour)."""
import pytest


@pytest.mark.parametrize("name,args", [
    ("forward_rnn", []),
    ("forward_rnn_column", ["--convention", "column"]),
    ("forward_gru", ["--cell", "gru", "--sentence", "I love"]),
    ("forward_gru_torch", ["--cell", "gru", "--gru-variant", "torch", "--sentence", "I love"]),
    ("forward_lstm", ["--cell", "lstm", "--sentence", "I love", "--precision", "3"]),
    ("forward_pseudocode", ["--example", "pseudocode"]),
])
def test_forward_golden(cli, golden, name, args):
    r = cli("forward", *args)
    assert r.exit_code == 0
    golden(name, r.output)


# ---- matrices wider than the console ----------------------------------------------------------------
def test_split_wide_keeps_every_column_in_balanced_parts():
    import numpy as np

    from rnntrace.notation import fmt_array
    from rnntrace.render.matrix import Block, matrix_block, split_wide

    M = np.arange(42, dtype=float).reshape(3, 14) / 7 - 3
    block = matrix_block("W_hy (3×14)", M, 4)
    parts = split_wide(block, 60)
    assert len(parts) == 2 and all(p.width <= 60 for p in parts)
    cells = [[line.strip("[]⎡⎢⎣⎤⎥⎦").split() for line in p.lines] for p in parts]  # as printed
    assert [len(c[0]) for c in cells] == [7, 7]  # 7 + 7, not 13 + 1
    joined = [sum((c[i] for c in cells), []) for i in range(3)]
    assert joined == fmt_array(M, 4)
    assert parts[0].label == "W_hy (3×14), columns 1–7 of 14" and parts[1].label == "columns 8–14 of 14"
    assert split_wide(block, 200) == [block]  # a block that fits is left alone
    words = Block("", ["el", "doctor"])
    assert split_wide(words, 3) == [words]  # only matrices are split


WIDE = """
name = "wide"
vocab = ["a","b","c","d","e","f","g","h","i","j","k","l","m","n"]
sentence = ["a","b","c"]
hidden_size = 3
seed = 1
"""


@pytest.mark.parametrize("args", [["forward"], ["forward", "--convention", "column"],
                                  ["bptt", "--no-gradcheck"]])
def test_a_wide_vocabulary_is_shown_whole_at_80_columns(cli, write_example, args):
    """V = 14: W_hy (3×14) and y_t, p_t (1×14) are wider than 80 columns at 4 decimals. They are
    split into column ranges; no line is longer than 80 and every entry of W_hy is shown."""
    import json

    path = write_example(WIDE)
    out = cli(*args, "-e", path).output
    assert all(len(line) <= 80 for line in out.splitlines()), max(out.splitlines(), key=len)
    import re

    assert not re.search(r"[\d.]…(?!\d)", out) and "columns 1–7 of 14" in out  # no number cut "0.41…"
    W = json.loads(cli("forward", "-e", path, "--format", "json").output)["params"]["W_hy"]
    shown = out.split("W_hy (")[1]
    for row in W:
        for x in row:
            assert f"{x:.2f}" in shown


def test_a_heading_too_long_for_the_line_keeps_its_parts_indented():
    """An operation's heading and its shape note that do not fit on one line: the note goes on
    the next line and every continuation is indented, so nothing but the heading starts at column
    0 (a line at column 0 reads as the next operation)."""
    import io

    from rnntrace.output import make_console
    from rnntrace.render.matrix import OpHeading as Heading

    text = "∂L/∂c_t = ∂L/∂h_t ⊙ o_t ⊙ (1 − tanh²(c_t)) + ∂L/∂c_{t+1}·∂c_{t+1}/∂c_t"
    note = "(1×3) + (1×3) → (1×3)"
    for width in (80, 50, 30):
        buf = io.StringIO()
        console = make_console(file=buf)
        console.width = width
        console.print(Heading(text, note))
        lines = buf.getvalue().splitlines()
        assert lines[0].startswith("∂L/∂c_t =") and all(line.startswith("    ") for line in lines[1:])
        assert all(len(line) <= width for line in lines)
        assert " ".join(line.strip() for line in lines).split() == f"{text} {note}".split()
    buf = io.StringIO()
    make_console(file=buf).print(Heading("x_t·W_xh", "x_t (1×5) · W_xh (5×3) → (1×3)"))
    assert buf.getvalue() == "x_t·W_xh    x_t (1×5) · W_xh (5×3) → (1×3)\n"  # fits: one line
