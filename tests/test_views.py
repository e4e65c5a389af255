"""Classroom views on every command: ``--t N`` / ``--t A-B`` (those steps in full, the rest in
the summary), ``--brief`` (the summary only), and their bad input (one line, exit 2)."""
import re

import pytest


def titles(out: str) -> list[str]:
    """The section titles (the text before a rule that runs to the edge)."""
    return [m.group(1) for m in re.finditer(r"^(\S.*?) ─{3,}$", out, flags=re.M)]


def bad(result, *fragments):
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    for f in fragments:
        assert f in lines[0], (f, lines[0])


def test_forward_t_shows_only_those_steps_and_every_step_in_the_summary(cli):
    out = cli("forward", "--t", "2-3").output
    steps = [x for x in titles(out) if x.startswith("t = ")]
    assert [x[:5] for x in steps] == ["t = 2", "t = 3"]
    summary = out[out.index("Summary"):]
    assert all(f"│ {t} │" in summary for t in range(1, 6))  # the summary keeps all five
    one = cli("forward", "--t", "4").output
    assert [x[:5] for x in titles(one) if x.startswith("t = ")] == ["t = 4"]


def test_forward_brief_is_the_compact_table(cli):
    out = cli("forward", "--brief").output
    assert not [x for x in titles(out) if x.startswith("t = ")]
    table = out[out.index("Summary ─"):]
    assert "h_t" in table and "[0.2913 0.1974 0.0997]" in table and "L = Σ_t L_t = 6.4781" in table
    assert len(out.splitlines()) < len(cli("forward").output.splitlines()) / 4


@pytest.mark.parametrize("columns", ["40", "80", "200"])
def test_forward_brief_shows_every_number_of_h_at_any_width(cli, monkeypatch, columns):
    """perro_gru's h_t (8 units) is too wide for one vector column at 80: each unit gets a column,
    split into pieces that fit, and no number is cut to "…"; at 200 it is the vector again."""
    import json

    monkeypatch.setenv("COLUMNS", columns)
    out = cli("forward", "-e", "perro_gru", "--brief").output
    table = out[out.index("Summary ─"):]
    assert "…" not in table and max(len(line) for line in table.splitlines()) <= int(columns)
    steps = json.loads(cli("forward", "-e", "perro_gru", "--format", "json").output)["steps"]
    for s in steps:
        for v in s["values"]["h"]:
            assert f"{v:.4f}" in table
    if columns == "200":
        assert "h_t[1]" not in table and "[0.7693 0.7860 -0.8960 0.7268 0.9527 -0.8296 -0.8176 0.5465]" in table
    else:
        pieces = re.findall(r"^h_t, units (\d)–(\d) of 8$", table, flags=re.M)
        assert pieces[0][0] == "1" and pieces[-1][1] == "8"
        assert all(int(b[0]) == int(a[1]) + 1 for a, b in zip(pieces, pieces[1:]))  # every unit, in order
        assert len(re.findall(r"L_t$", table, flags=re.M)) == 1 and "h_t[8]" in table


def test_bptt_t_and_brief(cli):
    out = cli("bptt", "--t", "4").output
    assert [x for x in titles(out) if x.startswith("Backward")] == ["Backward · t = 4 · “neural” → target “networks”"]
    assert "Forward pass" in out and "Jacobians J^(i)" in out
    brief = cli("bptt", "--brief").output
    assert not [x for x in titles(brief) if x.startswith("Backward")]
    assert "Key figures" in brief and "⎡" not in brief[brief.index("Jacobians"):]  # no matrices in the ledger


def test_attention_t_is_a_query_row_and_brief_drops_the_heads(cli):
    out = cli("attention", "--t", "2").output
    assert [x for x in titles(out) if x.startswith("query i")] == ["query i = 2 · “doctor”: where its weights come from"]
    assert "Scores and attention weights" in titles(out)
    brief = cli("attention", "--brief").output
    assert "Scores and attention weights" not in titles(brief) and "Every row of weights sums to 1" in brief
    seq = cli("attention", "--mode", "seq2seq", "--t", "2").output
    words = [x for x in titles(seq) if x.startswith("i = ")]
    assert words == ["i = 2 · target “big”: scored by h^d_1"]
    assert "Attention weights α_{i,j}" in " ".join(titles(seq))


@pytest.mark.parametrize("args,fragments", [
    (["forward", "--t", "9"], ["--t 9", "5 steps"]),
    (["forward", "--t", "3-2"], ["--t 3-2", "write 2-3"]),
    (["forward", "--t", "0"], ["--t 0"]),
    (["forward", "--t", "two"], ["--t two", "2-3"]),
    (["forward", "--t", "2", "--brief"], ["--brief"]),
    (["forward", "--brief", "--format", "json"], ["--brief", "json"]),
    (["bptt", "--steps", "200", "--t", "3"], ["--t 3"]),
    (["positional", "--t", "1"], ["--t 1"]),
    (["attention", "--t", "6"], ["--t 6", "5 steps"]),
])
def test_bad_views_are_one_line_and_exit_2(cli, args, fragments):
    bad(cli(*args), *fragments)


def test_bad_view_in_spanish(cli):
    bad(cli("--lang", "es", "forward", "--t", "9"), "esta traza tiene 5 pasos")
