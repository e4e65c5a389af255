"""--step, --explain, --export and --format latex|markdown on every command that traces (forward,
attention, positional, bptt): the shared output machinery, through each command's own renderer."""
import re
import xml.etree.ElementTree as ET

import pytest

from latex_check import problems
from pty_session import PtySession
from rnntrace.cli import main

RUNS = {
    "forward": [["forward"], ["forward", "--cell", "lstm"]],
    "attention": [["attention"], ["attention", "--mode", "seq2seq"], ["attention", "--heads", "2", "--mask", "causal"],
                  ["attention", "--no-scale"]],
    "positional": [["positional"]],
    "bptt": [["bptt"], ["bptt", "--cell", "lstm"], ["bptt", "--steps", "200"]],
}
CASES = [args for runs in RUNS.values() for args in runs]
IDS = [" ".join(a) for a in CASES]


def test_every_tracing_command_has_the_output_options():
    assert set(RUNS) <= set(main.commands)
    for name in RUNS:
        opts = {o for p in main.commands[name].params for o in getattr(p, "opts", [])}
        assert {"--format", "--step", "--explain", "--export"} <= opts, name


@pytest.mark.parametrize("args", CASES, ids=IDS)
def test_latex_for_every_command(cli, args):
    r = cli(*args, "--format", "latex")
    assert r.exit_code == 0, r.stderr
    assert r.output.startswith("\\documentclass") and problems(r.output) == []


@pytest.mark.parametrize("args", CASES, ids=IDS)
def test_markdown_for_every_command(cli, args):
    r = cli(*args, "--format", "markdown")
    assert r.exit_code == 0, r.stderr
    md = r.output
    assert md.startswith("# ")
    for tab in re.findall(r"(?:^\|.*\|\n)+", md, flags=re.M):
        rows = tab.splitlines()
        assert len({len(re.findall(r"(?<!\\)\|", row)) for row in rows}) == 1, tab


@pytest.mark.parametrize("args", CASES, ids=IDS)
def test_svg_export_for_every_command(cli, tmp_path, args):
    path = tmp_path / "t.svg"
    r = cli(*args, "--export", str(path))
    assert r.exit_code == 0, r.stderr
    assert ET.parse(path).getroot().tag.endswith("svg")
    assert [p.name for p in tmp_path.iterdir()] == ["t.svg"]


@pytest.mark.parametrize("args", CASES, ids=IDS)
def test_step_prints_everything_when_piped(cli, args):
    assert cli(*args, "--step").output == cli(*args).output


@pytest.mark.parametrize("args", CASES, ids=IDS)
def test_spanish_latex_for_every_command(cli, args):
    r = cli(*args, "--format", "latex", "--lang", "es", "--explain")
    assert r.exit_code == 0, r.stderr
    assert problems(r.output) == []


def explanations(out: str) -> str:
    return " ".join(line.strip() for line in out.splitlines() if line.strip().startswith("↳") or line.startswith("    "))


def test_explain_self_attention(cli):
    out = " ".join(cli("attention", "--explain").output.split())
    assert "Entry (i, j) of Q·Kᵀ is the dot product q_i · k_j" in out
    assert "Why divide by √d_k = 2: a dot product of d_k = 4 terms" in out
    assert "softmax, row by row, turns each query's scores into weights" in out
    assert "The positional encoding is added, literally, to each word's embedding" in out
    assert out.count("Why divide by √d_k") == 1  # once per document
    assert "↳" not in cli("attention").output


def test_explain_seq2seq_attention_in_spanish(cli):
    out = " ".join(cli("attention", "--mode", "seq2seq", "--explain", "--lang", "es").output.split())
    assert "un producto escalar es grande cuando los dos estados apuntan en la misma dirección" in out
    assert "El contexto c_i es la media de los estados del codificador" in out
    assert "tanh comprime cada elemento de a_t en (−1, 1)" in out  # the RNN steps, op by op
    assert "{{" not in out


def test_explain_bptt(cli):
    out = " ".join(cli("bptt", "--explain").output.split())
    assert "the derivative with respect to score j is p_t[j] − 1 for the target" in out


@pytest.mark.parametrize("command", ["attention", "bptt"])
def test_steps_through_a_terminal(command):
    with PtySession([command, "--step"]) as s:
        page = s.expect("q: quit")
        assert f"rnntrace {command} ·" in page
        for _ in range(5):  # the opening, in parts when it is taller than the terminal
            if "step 1 of" in page:
                break
            s.send("")
            page = s.expect("q: quit")
        assert "step 1 of" in page
        s.key("q")
        s.rest()
    assert s.status == 0
