"""rnntrace generate: the network predicts, picks and reads its pick, traced as forward traces."""
import json

import numpy as np
import pytest

from latex_check import problems
from rnntrace import examples, forward, generate
from rnntrace.mathx import softmax


def test_argmax_generation_feeds_back_the_prediction():
    ex = examples.load("perro_gru")
    g = generate.run(ex, "los", 14)
    assert " ".join(g.words + [g.picked[-1]]) == "los perros que vi ayer en casa de Ana por la tarde , estaban llenos"
    assert g.picked == g.argmax and g.words[1:] == g.picked[:-1]
    for s, pick, p in zip(g.trace.steps, g.picked, g.p_picked):
        assert s.target == pick and s.prediction == pick
        assert p == float(np.max(s.values["p"]))


def test_the_trace_is_forward_over_the_words_read():
    ex = examples.load("lecture")
    g = generate.run(ex, "I", 4)
    tr = forward.run(ex.with_sentence(g.words))
    for mine, theirs in zip(g.trace.steps, tr.steps):
        np.testing.assert_array_equal(mine.values["p"], theirs.values["p"])
    assert g.trace.command == "generate"


def test_sampling_draws_from_the_tempered_softmax_with_the_seed():
    ex = examples.load("perro_lstm")
    a = generate.run(ex, "el", 12, temperature=1.5, seed=4)
    b = generate.run(ex, "el", 12, temperature=1.5, seed=4)
    assert a.picked == b.picked and a.p_picked == b.p_picked
    rng = np.random.default_rng(4)
    for s, pick, p in zip(a.trace.steps, a.picked, a.p_picked):
        q = softmax(s.values["y"] / 1.5)
        k = int(rng.choice(len(ex.vocab), p=q))
        assert ex.vocab[k] == pick and p == pytest.approx(float(q[k]), rel=1e-12)
    assert any(generate.run(ex, "el", 12, temperature=1.5, seed=s).picked != a.picked for s in range(5, 10))


def test_cli_rich_and_json(cli):
    r = cli("generate", "-e", "perro_gru", "--start", "el", "--length", "8")
    assert r.exit_code == 0, r.stderr
    assert "t = 1 · “el” → target “perro” ─" in r.output
    assert "text: el perro que vi ayer en casa de Ana" in r.output
    assert "Each step picks argmax p_t." in r.output
    d = json.loads(cli("generate", "-e", "perro_gru", "--start", "el", "-n", "3", "--format", "json").output)
    assert d["command"] == "generate" and d["generated"] == ["perro", "que", "vi"]
    assert [s["token"] for s in d["steps"]] == ["el", "perro", "que"]
    assert d["temperature"] is None and len(d["p_picked"]) == 3


def test_cli_sampling_says_so(cli):
    out = cli("generate", "--start", "I", "--temperature", "2", "--seed", "1").output
    assert "Each step draws from softmax(y_t/2) with seed 1" in out and "picks argmax" not in out


def test_latex_and_spanish(cli):
    r = cli("generate", "--start", "I", "-n", "2", "--format", "latex")
    assert r.exit_code == 0 and problems(r.output) == []
    assert "Las palabras generadas" in cli("generate", "--start", "I", "-n", "2", "--lang", "es").output


@pytest.mark.parametrize("args,message", [
    (["--start", "dog"], "--start: the word 'dog' is not in the vocabulary"),
    (["--start", "I", "--length", "0"], "--length"),
    (["--start", "I", "--temperature", "-1"], "--temperature -1.0: the temperature must be"),
    (["--start", "I", "--temperature", "nan"], "--temperature nan"),
    (["--start", "I", "--sentence", "I love"], "--sentence does not go with generate"),
])
def test_bad_input(cli, args, message):
    r = cli("generate", *args)
    assert r.exit_code == 2 and r.stdout == ""
    assert message in r.stderr and len(r.stderr.splitlines()) == 1


def test_bidirectional_is_not_offered_and_refused_with_the_reason(cli):
    """generate cannot run a backward direction, so its help does not offer --bidirectional (the
    commands that can, do); passing it anyway is one line with the reason, exit 2, in both languages."""
    assert "--bidirectional" not in cli("generate", "--help").output
    assert "--bidirectional" in cli("forward", "--help").output
    for lang, reason in (("en", "cannot generate"), ("es", "no puede generar")):
        r = cli("generate", "--start", "I", "--bidirectional", "--lang", lang)
        assert r.exit_code == 2 and r.stdout == ""
        assert reason in r.stderr and len(r.stderr.splitlines()) == 1


@pytest.mark.parametrize("more", [[], ["--temperature", "1"], ["--lang", "es"]])
def test_scores_that_overflow_leave_no_word_to_pick(cli, tmp_path, more):
    """Weights of 1e308: y_t = h_t·W_hy overflows to inf and p_t is zeros, not a distribution.
    Refused in one line (exit 2), argmax and draw alike, where the argmax 'picked' a word with
    p = 0 and the draw ended in an internal error; finite weights still generate."""
    f = tmp_path / "huge.toml"
    big = "[[1e308, 1e308], [1e308, 1e308], [1e308, 1e308]]"
    f.write_text('cell = "rnn"\nvocab = ["a", "b"]\nsentence = ["a", "b"]\nhidden_size = 3\n'
                 f"[weights]\nW_xh = [[1e308, 1e308, 1e308], [1e308, 1e308, 1e308]]\nW_hy = {big}\n")
    r = cli("generate", "-e", str(f), "--start", "a", "-n", "1", *more)
    assert r.exit_code == 2 and r.stdout == "" and len(r.stderr.splitlines()) == 1, r.output
    assert ("y_t o p_t contiene inf o nan en el paso 1" if "es" in more else "y_t or p_t holds inf or nan at step 1") in r.stderr
    assert cli("generate", "--start", "I", "-n", "1", *more).exit_code == 0
