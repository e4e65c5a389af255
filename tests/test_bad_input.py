"""Every bad input named in the forward issue: one line on stderr, exit status 2, no traceback,
nothing on stdout."""
import pytest

GOOD = """
name = "tiny"
vocab = ["a", "b", "c"]
sentence = ["a", "b", "c"]
hidden_size = 2
"""


def check(result, *fragments):
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    err = result.stderr.strip()
    assert "Traceback" not in err
    last = err.splitlines()[-1]
    assert last.startswith("rnntrace forward: error:") or last.startswith("Error:") or "Usage" in err
    for f in fragments:
        assert f in last, f"{f!r} not in {last!r}"
    return last


def test_missing_file(cli):
    check(cli("forward", "--example", "nope/missing.toml"), "missing.toml: no such file")


def test_unknown_builtin_name_lists_the_builtins(cli):
    check(cli("forward", "--example", "lectur"), "'lectur'", "did you mean 'lecture'", "pseudocode")


def test_directory(cli, tmp_path):
    d = tmp_path / "dir.toml"
    d.mkdir()
    check(cli("forward", "--example", str(d)), "is a directory")


def test_unreadable_file(cli, write_example, monkeypatch):
    import os

    path = write_example(GOOD)
    real_open = os.open

    def denied(file, *args, **kwargs):
        if file == path:
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)  # chmod means nothing to root
    check(cli("forward", "--example", path), "cannot be read (Permission denied)")


def test_invalid_toml(cli, write_example):
    check(cli("forward", "--example", write_example("vocab = [\"a\",")), "invalid TOML")


def test_not_utf8(cli, tmp_path):
    p = tmp_path / "latin1.toml"
    p.write_bytes("vocab = ['salvó']".encode("latin-1"))
    check(cli("forward", "--example", str(p)), "not UTF-8")


def test_word_not_in_vocabulary_names_it_and_lists_the_vocabulary(cli):
    last = check(cli("forward", "--sentence", "I love transformers"),
                 "'transformers' is not in the vocabulary", "recurrent I networks love neural")
    assert last.startswith("rnntrace forward: error: --sentence")


def test_word_not_in_vocabulary_in_the_file(cli, write_example):
    path = write_example(GOOD.replace('sentence = ["a", "b", "c"]', 'sentence = ["a", "bb"]'))
    check(cli("forward", "--example", path), "sentence", "'bb'", "did you mean 'b'", "a b c")


@pytest.mark.parametrize("weights,fragment", [
    ("W_hh = [[0.1, 0.2, 0.3], [0.1, 0.2, 0.3]]", "W_hh is 2×3, but h_{t−1}·W_hh must be 1×2 to add to x_t·W_xh"),
    ("W_hh = [[0.1, 0.2], [0.1, 0.2], [0.3, 0.4]]", "W_hh is 3×2, but h_{t−1} is 1×2, so h_{t−1}·W_hh needs 2 rows"),
    ("W_xh = [[0.1, 0.2], [0.1, 0.2]]", "W_xh is 2×2, but x_t is 1×3 (one-hot over 3 words), so x_t·W_xh needs 3 rows"),
    ("W_xh = [[0.1], [0.1], [0.2]]", "W_xh is 3×1, but x_t·W_xh must be 1×2 (hidden_size 2) to add to h_{t−1}·W_hh"),
    ("W_hy = [[0.1, 0.2], [0.1, 0.2]]", "W_hy is 2×2, but y_t = h_t·W_hy must be 1×3: one score per word"),
    ("b_h = [0.1, 0.2, 0.3]", "b_h has 3 entries, but it is added to a 1×2 vector"),
    ("W_hh = [0.1, 0.2]", "W_hh must be a 2×2 matrix"),
])
def test_weight_of_the_wrong_shape_says_which_product_breaks(cli, write_example, weights, fragment):
    check(cli("forward", "--example", write_example(GOOD + "[weights]\n" + weights)), fragment)


def test_the_issues_own_example_message(cli, write_example):
    path = write_example(GOOD.replace("hidden_size = 2", "hidden_size = 3") +
                         "[weights]\nW_hh = [[0,0,0,0],[0,0,0,0],[0,0,0,0]]\n")
    check(cli("forward", "--example", path), "W_hh is 3×4, but h_{t−1}·W_hh must be 1×3 to add to x_t·W_xh")


def test_gru_reset_product_is_named_in_the_message(cli, write_example):
    path = write_example(GOOD + "[weights]\nW_hh = [[0.1, 0.2, 0.3], [0.1, 0.2, 0.3]]\n")
    check(cli("forward", "--example", path, "--cell", "gru"), "but (r_t ⊙ h_{t−1})·W_hh must be 1×2")


@pytest.mark.parametrize("weights,fragment", [
    ("W_hh = [[0.1, nan], [0.1, 0.2]]", "weights.W_hh: holds nan; every weight must be a finite number"),
    ("W_hh = [[0.1, inf], [0.1, 0.2]]", "holds inf"),
    ('W_hh = [[0.1, "x"], [0.1, 0.2]]', "weights.W_hh: must be numbers"),
    ("W_hh = [[0.1], [0.1, 0.2]]", "rows have different lengths"),
    ("W_hh = true", "must be numbers"),
    ("W_qq = [[0.1]]", "no cell has a weight named 'W_qq'"),
    ("W_hhh = [[0.1]]", "did you mean 'W_hh'"),
])
def test_bad_weight_values_and_names(cli, write_example, weights, fragment):
    check(cli("forward", "--example", write_example(GOOD + "[weights]\n" + weights)), fragment)


@pytest.mark.parametrize("change,fragment", [
    (('vocab = ["a", "b", "c"]', "vocab = []"), "the vocabulary is empty"),
    (('vocab = ["a", "b", "c"]', 'vocab = ["a", "b", "a", "c"]'), "lists 'a' twice"),
    (('sentence = ["a", "b", "c"]', "sentence = []"), "the sentence is empty"),
    (('sentence = ["a", "b", "c"]', 'sentence = ["a", "b"]\ntargets = ["b"]'), "'targets' has 1 words but the sentence has 2"),
    (('sentence = ["a", "b", "c"]', 'sentence = ["a", "b"]\ntargets = ["b", "z"]'), "targets: the word 'z' is not in the vocabulary"),
    (("hidden_size = 2", "hidden_size = 0"), "hidden_size = 0 is out of range; expected 1 to 256"),
    (("hidden_size = 2", "hidden_size = -3"), "hidden_size = -3 is out of range"),
    (("hidden_size = 2", "hidden_size = 100000"), "hidden_size = 100000 is out of range"),
    (("hidden_size = 2", 'hidden_size = "two"'), "'hidden_size' must be an integer"),
    (("hidden_size = 2", ""), "the field 'hidden_size' is missing"),
    (("hidden_size = 2", "hidden_size = 2\nseed = -1"), "seed = -1 is out of range"),
    (("hidden_size = 2", 'hidden_size = 2\ncell = "transformer"'), "cell = 'transformer' is not one of: rnn, gru, lstm"),
    (("hidden_size = 2", "hidden_size = 2\nhiden = 3"), "unknown field 'hiden'"),
    (('vocab = ["a", "b", "c"]', 'vocab = ["a", "", "c"]'), "'vocab' must be a list of non-empty words"),
])
def test_bad_example_fields(cli, write_example, change, fragment):
    check(cli("forward", "--example", write_example(GOOD.replace(*change))), fragment)


def test_vocabulary_absurdly_large(cli, write_example):
    words = ", ".join(f'"w{i}"' for i in range(1001))
    path = write_example(GOOD.replace('vocab = ["a", "b", "c"]', f"vocab = [{words}]").replace('"a", "b", "c"]', '"w1"]'))
    check(cli("forward", "--example", path), "vocab has 1001 entries")


@pytest.mark.parametrize("args,fragment", [
    (("--precision", "-1"), "--precision = -1 is out of range; expected 1 to 15"),
    (("--precision", "0"), "--precision = 0 is out of range; expected 1 to 15"),
    (("--precision", "99"), "--precision = 99 is out of range"),
    (("--seed", "-5"), "--seed = -5 is out of range"),
    (("--sentence", "   "), "--sentence: the sentence is empty"),
])
def test_options_that_make_no_sense(cli, args, fragment):
    check(cli("forward", *args), fragment)


@pytest.mark.parametrize("args", [("--cell", "transformer"), ("--convention", "diagonal"),
                                  ("--format", "xml"), ("--precision", "four")])
def test_click_rejects_bad_choices_with_status_2(cli, args):
    r = cli("forward", *args)
    assert r.exit_code == 2 and r.stdout == "" and "Invalid value" in r.stderr and "Traceback" not in r.stderr


def test_unknown_name_lists_only_the_examples_forward_can_trace(cli):
    last = check(cli("forward", "--example", "nope"), "built-in examples: etiquetas, lecture, perro, perro_gru, perro_lstm, pseudocode, sentimiento (or give")
    assert "doctor" not in last and "etxe_handia" not in last


def test_an_attention_example_says_which_command_traces_it(cli, write_example):
    last = check(cli("forward", "--example", "doctor"), "kind 'self-attention'", "(rnntrace attention traces it)",
                 "recurrent-cell examples: etiquetas, lecture, perro, perro_gru, perro_lstm, pseudocode, sentimiento")
    assert last
    other = check(cli("forward", "--example", str(write_example('kind = "banana"\n'))), "kind 'banana'")
    assert "rnntrace attention" not in other


@pytest.mark.parametrize("cell", [None, "lstm"])
def test_gru_variant_without_a_gru_is_refused_not_ignored(cli, cell):
    """--gru-variant torch on the lecture's Elman cell printed the Elman trace as if it applied."""
    args = ["forward", "--gru-variant", "torch"] + (["--cell", cell] if cell else [])
    name = "LSTM cell" if cell else "Elman RNN cell"
    check(cli(*args), "--gru-variant torch chooses how the GRU's reset gate acts", f"the {name} has no reset gate",
          "use it with --cell gru")
    assert cli("forward", "--gru-variant", "torch", "--cell", "gru").exit_code == 0


# ---- a bug is not bad input ------------------------------------------------------------------------
def _break_forward(monkeypatch):
    """An internal error forced where no input can cause one: forward's core raises."""
    from rnntrace import forward

    def broken(*args, **kwargs):
        raise ZeroDivisionError("forced\nfor the test")

    monkeypatch.setattr(forward, "run", broken)


def test_an_internal_error_is_one_line_naming_the_saved_traceback(cli, monkeypatch, tmp_path):
    _break_forward(monkeypatch)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.delenv("RNNTRACE_DEBUG", raising=False)
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # re-read TMPDIR
    r = cli("forward")
    assert r.exit_code == 1 and r.stdout == ""
    assert len(r.stderr.splitlines()) == 1 and "Traceback" not in r.stderr
    saved = sorted(tmp_path.glob("rnntrace-bug-*.txt"))
    assert len(saved) == 1
    assert r.stderr == (f"rnntrace forward: error: internal error (a bug in rnntrace, not in your input): "
                        f"ZeroDivisionError: forced for the test; please report it with the details written to "
                        f"{saved[0]} (RNNTRACE_DEBUG=1 shows the traceback)\n")
    report = saved[0].read_text()
    assert "Traceback (most recent call last)" in report and "ZeroDivisionError: forced" in report
    assert "rnntrace 0." in report.splitlines()[0]


def test_an_internal_error_in_spanish_and_when_no_file_can_be_written(cli, monkeypatch, tmp_path):
    _break_forward(monkeypatch)
    monkeypatch.delenv("RNNTRACE_DEBUG", raising=False)
    import tempfile

    def refuse(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    r = cli("--lang", "es", "forward")
    assert r.exit_code == 1 and len(r.stderr.splitlines()) == 1
    assert r.stderr.startswith("rnntrace forward: error: error interno (un fallo de rnntrace, no de tu entrada): "
                               "ZeroDivisionError: forced for the test; por favor, notifícalo con la traza que "
                               "muestra RNNTRACE_DEBUG=1")


def test_rnntrace_debug_raises_the_traceback(cli, monkeypatch):
    _break_forward(monkeypatch)
    monkeypatch.setenv("RNNTRACE_DEBUG", "1")
    with pytest.raises(ZeroDivisionError, match="forced"):
        cli("forward")


def test_an_internal_error_from_the_installed_command(tmp_path):
    """The real entry point, in a fresh process: an internal error forced through the Python
    API's module (a sitecustomize that breaks forward.run) is one line and exit status 1."""
    import os
    import subprocess
    import sys

    (tmp_path / "sitecustomize.py").write_text(
        "import rnntrace.forward as f\n"
        "def run(*a, **k):\n    raise KeyError('forced')\n"
        "f.run = run\n")
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "TMPDIR": str(tmp_path)}
    env.pop("RNNTRACE_DEBUG", None)
    p = subprocess.run([sys.executable, "-m", "rnntrace", "forward"], capture_output=True, text=True, env=env)
    assert p.returncode == 1 and p.stdout == "" and len(p.stderr.splitlines()) == 1, p.stderr
    assert "internal error" in p.stderr and "KeyError: 'forced'" in p.stderr
    assert len(list(tmp_path.glob("rnntrace-bug-*.txt"))) == 1
    env["RNNTRACE_DEBUG"] = "1"
    p = subprocess.run([sys.executable, "-m", "rnntrace", "forward"], capture_output=True, text=True, env=env)
    assert p.returncode == 1 and "Traceback (most recent call last)" in p.stderr
