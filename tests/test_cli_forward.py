"""``rnntrace forward`` through click's CliRunner: exit codes, messages, output."""
import json
import re
import subprocess
import sys

import numpy as np
import pytest

from rnntrace import __version__


def test_version(cli):
    r = cli("--version")
    assert r.exit_code == 0 and r.output.strip() == f"rnntrace, version {__version__}"


def test_every_command_has_help(cli):
    from rnntrace.cli import main

    for name, cmd in main.commands.items():
        assert cmd.help and len(cmd.help) > 20, name
        r = cli(name, "--help")
        assert r.exit_code == 0 and "Usage:" in r.output
        for p in cmd.params:
            if isinstance(p, __import__("click").Option) and p.name != "help":
                assert p.help, f"{name} {p.opts}"


def test_help_imports_neither_numpy_nor_rich():
    code = ("import sys; from rnntrace.cli import main\n"
            "try: main(['--help'])\nexcept SystemExit: pass\n"
            "print(sorted(m for m in ('numpy', 'rich') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("[]")


def test_python_dash_m():
    r = subprocess.run([sys.executable, "-m", "rnntrace", "--version"], capture_output=True, text=True)
    assert r.returncode == 0 and __version__ in r.stdout


@pytest.mark.parametrize("cell", ["rnn", "gru", "lstm"])
def test_forward_runs_for_every_cell(cli, cell):
    r = cli("forward", "--cell", cell)
    assert r.exit_code == 0, r.output
    assert "t = 5 · “networks”" in r.output and "L = Σ_t L_t =" in r.output


def test_gru_says_which_weights_were_drawn_and_how_variants_differ(cli):
    out = " ".join(cli("forward", "--cell", "gru", "--gru-variant", "torch").output.split())
    assert "Drawn from seed 0" in out and "W_xr, W_hr, W_xz, W_hz" in out
    assert "r_t ⊙ (h_{t−1}·W_hh + b_hn)" in out and "(r_t ⊙ h_{t−1})·W_hh" in out


def test_lstm_names_the_files_unused_weights(cli):
    out = " ".join(cli("forward", "--cell", "lstm").output.split())
    assert "not used by the LSTM cell: W_xh, W_hh" in out


def test_no_colour_codes_when_not_a_terminal(cli):
    assert "\x1b[" not in cli("forward").output


def test_no_color_is_honoured_on_a_terminal(monkeypatch):
    import io

    from rich.console import Console

    from rnntrace import examples, forward
    from rnntrace.present import forward as present
    from rnntrace.render import terminal

    tr = forward.run(examples.load())
    step = terminal.render(present.build(tr))[2]
    monkeypatch.setenv("NO_COLOR", "1")
    buf = io.StringIO()
    c = Console(file=buf, force_terminal=True, width=80)
    c.print(step)
    colour = re.compile(r"\x1b\[[0-9;]*(3[0-9]|9[0-7])m")  # foreground colour codes
    assert not colour.search(buf.getvalue())  # bold and italic may remain
    monkeypatch.delenv("NO_COLOR")
    buf = io.StringIO()
    Console(file=buf, force_terminal=True, width=80, color_system="standard").print(step)
    assert colour.search(buf.getvalue())


def test_precision_sets_the_digits(cli):
    assert "[0.29131 0.19738 0.09967]" in cli("forward", "--precision", "5").output
    assert "[0.29 0.20 0.10]" in cli("forward", "--precision", "2").output


def test_sentence_replaces_the_sentence_and_targets(cli):
    r = cli("forward", "--sentence", "love neural networks", "--format", "json")
    doc = json.loads(r.output)
    assert [s["token"] for s in doc["steps"]] == ["love", "neural", "networks"]
    assert [s["target"] for s in doc["steps"]] == ["neural", "networks", None]


def test_conventions_give_identical_numbers(cli):
    row = json.loads(cli("forward", "--cell", "lstm", "--format", "json").output)
    colm = json.loads(cli("forward", "--cell", "lstm", "--format", "json", "--convention", "column").output)
    assert row["params"] == colm["params"] and row["loss"] == colm["loss"]
    for a, b in zip(row["steps"], colm["steps"]):
        assert a["values"] == b["values"]
        assert [o["value"] for o in a["ops"]] == [o["value"] for o in b["ops"]]
    assert row["steps"][0]["ops"][0]["shapes"] == "x_t (1×5) · W_xf (5×3) → (1×3)"
    assert colm["steps"][0]["ops"][0]["shapes"] == "W_xf (3×5) · x_t (5×1) → (3×1)"
    assert colm["steps"][0]["ops"][0]["expr"] == "W_xf·x_t"


def test_column_convention_shows_transposed_matrices(cli):
    out = cli("forward", "--convention", "column").output
    assert "W_xh (3×5)" in out and "W_xh (5×3)" not in out
    assert "W_xh (3×5) · x_t (5×1) → (3×1)" in out


# ---- JSON ----------------------------------------------------------------------------------
KEYS = {"rnn": ["x", "a", "h", "y", "p", "loss"], "gru": ["x", "r", "z", "h_tilde", "h", "y", "p", "loss"],
        "lstm": ["x", "f", "i", "c_tilde", "c", "o", "h", "y", "p", "loss"]}


@pytest.mark.parametrize("cell", ["rnn", "gru", "lstm"])
def test_json_document_keys_and_shapes(cli, cell):
    doc = json.loads(cli("forward", "--cell", cell, "--format", "json").output)
    for key in ("command", "cell", "convention", "example", "vocab", "params", "steps", "loss", "warnings"):
        assert key in doc
    assert doc["command"] == "forward" and doc["cell"] == cell and doc["convention"] == "row"
    assert ("gru_variant" in doc) == (cell == "gru")
    V, H = len(doc["vocab"]), 3
    assert np.array(doc["params"]["W_hy"]).shape == (H, V)
    assert len(doc["steps"]) == 5
    for k, s in enumerate(doc["steps"], start=1):
        assert s["t"] == k and list(s["values"]) == KEYS[cell]
        assert len(s["values"]["x"]) == V and len(s["values"]["h"]) == H and len(s["values"]["p"]) == V
        assert all(set(op) == {"expr", "shapes", "value"} for op in s["ops"])
    assert doc["steps"][-1]["target"] is None and doc["steps"][-1]["values"]["loss"] is None
    assert doc["loss"] == pytest.approx(sum(s["values"]["loss"] for s in doc["steps"][:-1]), rel=1e-15)
    assert doc["warnings"] == []


def test_json_keeps_full_precision(cli):
    doc = json.loads(cli("forward", "--format", "json").output)
    assert doc["steps"][0]["values"]["h"] == np.tanh([0.3, 0.2, 0.1]).tolist()


def test_overflow_is_shown_and_explained_not_a_crash(cli, write_example):
    big = "[[1e308, 1e308], [1e308, 1e308]]"
    path = write_example(f"""
name = "huge"
vocab = ["a", "b"]
sentence = ["a", "b", "a"]
hidden_size = 2
[weights]
W_xh = {big}
W_hh = [[-1e308, -1e308], [-1e308, -1e308]]
W_hy = {big}
""")
    r = cli("forward", "--example", path)
    assert r.exit_code == 0
    assert "inf" in r.output and "left the float64 range" in r.output
    r = cli("forward", "--example", path, "--format", "json")
    doc = json.loads(r.output)  # strict JSON: would fail on NaN/Infinity
    assert r.exit_code == 0 and doc["warnings"]
    assert any("steps[" in w and "written as null" in w for w in doc["warnings"])


def test_a_nan_in_p_t_has_no_prediction(cli, write_example):
    """softmax([inf, 0]) computes inf − inf = nan: p_t holds nan, which has no order, so there is
    no argmax: the prediction is none (null in JSON), and no 'the prediction is (not) the
    target' line is drawn from it."""
    path = write_example("""
name = "nan"
vocab = ["a", "b"]
sentence = ["a", "b"]
hidden_size = 2
[weights]
W_xh = [[1e308, -1e308], [1e308, 1e308]]
W_hh = [[1e308, 1e308], [-1e308, 1e308]]
W_hy = [[1e308, 1e308], [1e308, -1e308]]
""")
    out = cli("forward", "--example", path).output
    assert "prediction: none (p_t holds nan, so argmax p_t is undefined)" in out
    assert "the prediction is" not in out and "│ 1 │ a   │ —" in out
    doc = json.loads(cli("forward", "--example", path, "--format", "json").output)
    assert doc["steps"][0]["prediction"] is None
    assert json.loads(cli("bptt", "--example", path, "--format", "json").output)["steps"][0]["prediction"] is None


def test_brackets_in_words_are_not_markup(cli, write_example):
    path = write_example('name = "unk"\nvocab = ["[UNK]", "[b]", "c"]\nsentence = ["[UNK]", "[b]", "c"]\nhidden_size = 2\n')
    out = cli("forward", "--example", path).output
    assert "p_t[target]" in out
    assert "│ 1 │ [UNK]" in out and "[b]" in out


def test_spanish_step_without_target_reads_as_a_sentence(cli):
    out = " ".join(cli("forward", "--lang", "es").output.split())
    assert "no hay objetivo en este paso, así que no hay pérdida" in out


@pytest.mark.parametrize("lang", ["en", "es"])
def test_examples_fit_80_columns_and_say_which_command_takes_each(cli, lang):
    from rnntrace import examples

    out = cli("examples", "--lang", lang).output
    assert all(len(line) <= 80 for line in out.splitlines()), out
    flat = " ".join(out.split())
    for name in examples.builtin_names("cell"):
        assert f"rnntrace forward -e {name}, rnntrace bptt -e {name}" in flat
    for name in set(examples.builtin_names()) - set(examples.builtin_names("cell")):
        assert f"rnntrace attention -e {name}" in flat and f"forward -e {name}" not in flat
    trains = {name for name in examples.builtin_names("cell") if not examples.load(name).network}
    assert {"lecture", "perro", "perro_gru"} <= trains and "sentimiento" not in trains
    for name in examples.builtin_names("cell"):
        assert (f"rnntrace train -e {name}," in flat) == (name in trains)


def test_every_command_the_examples_list_suggests_runs(cli):
    """Each 'rnntrace … -e NAME …' that `rnntrace examples` prints is a command that runs."""
    import re
    import shlex

    flat = " ".join(cli("examples").output.split())
    suggested = re.findall(r"rnntrace ([a-z]+ -e \S+(?: --start \S+)?)(?=,|\s|$)", flat)
    assert len(suggested) >= 20
    for command in suggested:
        args = shlex.split(command.rstrip(","))
        extra = ["--epochs", "2"] if args[0] == "train" else ["--length", "2"] if args[0] == "generate" else []
        r = cli(*args, *extra, "--format", "json")
        assert r.exit_code == 0, (command, r.stderr)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_pseudocode_header_does_not_promise_a_prediction_the_trace_denies(cli, lang):
    """Untrained weights predict 'I' at the last step; the header said it 'should predict networks'."""
    d = json.loads(cli("forward", "-e", "pseudocode", "--format", "json").output)
    assert d["steps"][-1]["target"] == "networks" and d["steps"][-1]["prediction"] != "networks"
    out = " ".join(cli("forward", "-e", "pseudocode", "--lang", lang).output.split())
    assert ("the last step's target is \"networks\"" in out if lang == "en"
            else "el objetivo del último paso es \"networks\"" in out)
    assert "should predict" not in out and "debería predecir" not in out


@pytest.mark.parametrize("args", [["forward"], ["quiz"], ["bptt", "--steps", "2000"], ["forward", "--format", "json"]])
def test_a_reader_that_leaves_early_is_not_an_error(args):
    """`rnntrace … | head`: when the pipe closes, the command ends with status 0 and says
    nothing on stderr (no traceback, no 'Exception ignored')."""
    import subprocess
    import sys

    p = subprocess.Popen([sys.executable, "-m", "rnntrace", *args], stdin=subprocess.DEVNULL,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    p.stdout.read(10)
    p.stdout.close()
    err = p.stderr.read()
    assert p.wait(timeout=60) == 0 and err == b""
