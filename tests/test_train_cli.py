"""rnntrace train on the command line: what it shows, --save, the shipped perro examples, bad input."""
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

from rnntrace import examples

ROOT = Path(__file__).resolve().parent.parent
PROGRESS = re.compile(r"training\s+\S*━+.*\d+/300")


def test_a_progress_bar_on_a_terminal_only(cli, monkeypatch):
    from rnntrace import output

    monkeypatch.setattr(output, "env", output.Environment(stdout_isatty=True))
    out = cli("train", "--epochs", "300").output
    assert PROGRESS.search(out)
    assert not PROGRESS.search(cli("train", "--epochs", "300", "--format", "json").output)


def run_json(cli, *args):
    r = cli("train", *args, "--format", "json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.output)


def test_default_run_shows_curves_predictions_and_parameters(cli):
    r = cli("train", "--epochs", "300", "--lr", "0.5")
    assert r.exit_code == 0, r.stderr
    out = r.output
    for heading in ("Loss L and gradient norm ‖∂L/∂θ‖ each epoch starts from (log scale)",
                    "Predictions (argmax p_t, and p_t of the target) before and after training",
                    "Parameters before and after", "W_hh before (3×3)", "W_hh after (3×3)"):
        assert heading in out
    assert "right predictions: 1 of 4 before, 4 of 4 after" in out
    assert "16 of 300 epochs shown, evenly spaced" in out
    assert "│ 1 │ I         │ love      │ recurrent ✗ (0.1944) │ love ✓ (0.9971)      │" in out
    assert not PROGRESS.search(out)  # no progress bar when piped
    assert all(len(line) <= 80 for line in out.splitlines())


def test_json_fields(cli):
    d = run_json(cli, "--epochs", "5", "--lr", "0.5")
    assert len(d["losses"]) == len(d["grad_norms"]) == 5
    assert d["losses"][0] == pytest.approx(6.478075519634875, rel=1e-15)  # the lecture's total loss
    assert d["final_loss"] < d["losses"][-1] < d["losses"][0]
    assert [p["prediction"] for p in d["before"]] == ["recurrent"] * 5
    assert set(d["params"]) == {"W_xh", "W_hh", "W_hy"} and np.array(d["params"]["W_xh"]).shape == (5, 3)
    assert d["clipped_epochs"] == [] and d["saved"] is None and d["warnings"] == []


def test_clipping_is_shown_only_when_it_acts(cli):
    acts = cli("train", "--epochs", "20", "--lr", "0.5", "--clip", "0.5").output
    assert "✂ clipping acted in" in acts
    never = cli("train", "--epochs", "20", "--lr", "0.5", "--clip", "100").output
    assert "✂" not in never and "‖∂L/∂θ‖ never exceeded 100: clipping never acted" in never
    off = cli("train", "--epochs", "20", "--lr", "0.5").output
    assert "✂" not in off and "clipping never acted" not in off


def test_trace_update_writes_each_parameter_update_with_shapes(cli):
    out = cli("train", "--epochs", "1", "--trace-update").output
    assert "W_hh ← W_hh − η·∂L/∂W_hh    (3×3) − 0.1·(3×3) → (3×3)" in out
    assert "W_xh ← W_xh − η·∂L/∂W_xh    (5×3) − 0.1·(5×3) → (5×3)" in out
    assert "clipping acts" not in out
    adam = cli("train", "--epochs", "1", "--trace-update", "--optimizer", "adam", "--clip", "0.5").output
    assert "W_hh ← W_hh − η·m̂/(√v̂ + ε)    (3×3) − (3×3) → (3×3)" in adam
    assert "‖∂L/∂θ‖ = 0.8253 > 0.5: clipping acts, g = ∂L/∂θ·0.5/‖∂L/∂θ‖ = ∂L/∂θ·0.6058" in adam
    assert "The first update" not in cli("train", "--epochs", "1").output


def test_trace_update_numbers_are_the_json_first_update(cli):
    d = run_json(cli, "--epochs", "1", "--trace-update", "--lr", "0.25")
    u = d["first_update"]
    for n in ("W_xh", "W_hh", "W_hy"):
        np.testing.assert_array_equal(np.array(u["params"][n]), np.array(d["params"][n]))
        np.testing.assert_array_equal(np.array(d["params_before"][n]) - 0.25 * np.array(u["grads"][n]),
                                      np.array(d["params"][n]))


def unwrapped(out: str) -> str:
    """The output's lines joined into one, without the panel's borders and the indentation (a
    sentence wrapped over lines reads whole)."""
    return " ".join(line.strip("│ ") for line in out.splitlines())


def test_explain_says_what_the_learning_rate_and_clipping_do(cli):
    out = unwrapped(cli("train", "--epochs", "2", "--explain").output)
    assert "↳ The learning rate η = 0.1 is how far each step goes against the gradient" in out
    assert "↳ Clipping: through a long sentence ∂L/∂θ can explode" in out
    assert "The learning rate η" not in cli("train", "--epochs", "2").output


def test_spanish(cli):
    out = cli("train", "--epochs", "2", "--lang", "es").output
    assert "Entrenamiento: Cálculos Forward: el ejemplo de la clase" in out
    assert "Parámetros antes y después" in out and "predicciones acertadas" in out


def test_generate_exports_through_the_same_path(cli, tmp_path):
    path = tmp_path / "g.html"
    r = cli("generate", "--start", "I", "-n", "2", "--export", str(path))
    assert r.exit_code == 0 and "The words generated" in path.read_text()


def test_export_svg_and_markdown(cli, tmp_path):
    path = tmp_path / "t.svg"
    r = cli("train", "--epochs", "3", "--export", str(path))
    assert r.exit_code == 0 and ET.parse(path).getroot().tag.endswith("svg")
    md = cli("train", "--epochs", "3", "--format", "markdown").output
    assert md.startswith("# ") and "Parameters before and after" in md


# ---- --save ---------------------------------------------------------------------------------------------
def test_save_writes_an_example_that_reproduces_the_trained_numbers_bit_for_bit(cli, tmp_path):
    path = tmp_path / "trained.toml"
    d = run_json(cli, "--epochs", "40", "--lr", "0.5", "--cell", "gru", "--save", str(path))
    assert d["saved"] == str(path)
    ex = examples.load(str(path))
    assert ex.cell == "gru" and ex.name == "trained"
    for n, v in d["params"].items():
        assert np.array_equal(ex.weights[n], np.array(v)), n
    fwd = json.loads(cli("forward", "-e", str(path), "--format", "json").output)
    for n, v in d["params"].items():
        assert fwd["params"][n] == v, n
    again = run_json(cli, "-e", str(path), "--epochs", "1")
    assert again["losses"][0] == d["final_loss"]  # the saved parameters' loss, to the last bit
    assert cli("bptt", "-e", str(path)).exit_code == 0
    assert cli("generate", "-e", str(path), "--start", "I").exit_code == 0


@pytest.mark.parametrize("first,second,command", [
    (("--epochs", "30", "--optimizer", "adam", "--lr", "0.05", "--seed", "3"),
     ("--seed", "3", "--lr", "0.05", "--optimizer", "adam", "--epochs", "30"),
     b"rnntrace train -e lecture --optimizer adam --lr 0.05 --epochs 30 --seed 3 --save n.toml"),
    (("-e", "lecture", "--layers", "2", "--embedding", "2", "--epochs", "5"),  # a network
     ("--epochs", "5", "--embedding", "2", "-e", "lecture", "--layers", "2"),
     b"rnntrace train -e lecture --embedding 2 --layers 2 --optimizer sgd --lr 0.1 --epochs 5 --save n.toml")])
def test_save_is_byte_identical_for_the_same_options_in_any_order(cli, tmp_path, first, second, command):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    cli("train", *first, "--save", str(a / "n.toml"))
    cli("train", "--save", str(b / "n.toml"), *second)
    text = (a / "n.toml").read_bytes()
    assert text == (b / "n.toml").read_bytes()
    assert command in text


def test_saved_file_keeps_the_example_targets_and_implicit_biases(cli, tmp_path):
    path = tmp_path / "p.toml"
    cli("train", "-e", "pseudocode", "--epochs", "2", "--save", str(path))
    src, saved = examples.load("pseudocode"), examples.load(str(path))
    assert saved.targets == src.targets and saved.sentence == src.sentence
    given = set(src.weights)
    assert {n for n in saved.weights if n.startswith("b_")} <= given | {"b_h", "b_y"}


def regenerate():
    """tools/regenerate_perro.py, the one command that rewrites the shipped trained examples."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("regenerate_perro", ROOT / "tools" / "regenerate_perro.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("cell", ["gru", "lstm"])
def test_the_shipped_perro_example_is_what_its_command_writes(cli, tmp_path, cell):
    shipped = ROOT / "examples" / f"perro_{cell}.toml"
    ex = examples.load(str(shipped))
    args = regenerate().command_of(shipped)
    assert " ".join(["rnntrace", *args]) == ex.description.split(": ", 1)[1]
    assert args[:4] == ["train", "-e", "perro", "--cell"] and args[-2:] == ["--save", f"perro_{cell}.toml"]
    args[-1] = str(tmp_path / f"perro_{cell}.toml")
    r = cli(*args)
    assert r.exit_code == 0, r.stderr
    written = (tmp_path / f"perro_{cell}.toml").read_text(encoding="utf-8")
    assert regenerate().difference(written, shipped.read_text(encoding="utf-8")) is None


def test_the_perro_comparison_takes_last_digits_and_nothing_more():
    """``difference`` (what the test above and --check use) lets through what another BLAS's
    rounding does to 600 epochs (a few 1e-10 relative) and catches a number moved by 1e-6, a
    changed word, a number more or fewer, and a line more."""
    import numpy as np

    module = regenerate()
    text = (ROOT / "examples" / "perro_lstm.toml").read_text(encoding="utf-8")
    numbers = module.NUMBER.findall(text)
    assert len(numbers) > 1000

    def changed(k: int, value: float) -> str:
        spans = list(module.NUMBER.finditer(text))
        a, b = spans[k].span()
        return text[:a] + repr(value) + text[b:]

    k = next(i for i, n in enumerate(numbers) if "." in n and abs(float(n)) > 0.5)  # a trained weight
    w = float(numbers[k])
    assert module.difference(text, text) is None
    assert module.difference(changed(k, float(np.nextafter(w, np.inf))), text) is None
    assert module.difference(changed(k, w * (1 + 5e-10)), text) is None
    assert module.difference(changed(k, w * (1 + 1e-6)), text) == f"number {k + 1}: {w * (1 + 1e-6)!r} against {w!r}"
    assert module.difference(text.replace("adam", "sgd", 1), text).startswith("line ")
    assert module.difference(text.replace("hidden_size = 8", "hidden_size = 9"), text) is not None
    assert module.difference(text + "x = 1\n", text) is not None
    assert module.difference(text.replace(", ", ",  ", 1), text) is not None


def test_the_regeneration_script_checks_and_rewrites(tmp_path, monkeypatch, capsys):
    """--check passes on the shipped files and names a file that differs; without it the files
    are rewritten to what their commands write."""
    module = regenerate()
    assert module.main(["--check"]) == 0
    copies = []
    for path in module.SHIPPED:
        copy = tmp_path / path.name
        copy.write_bytes(path.read_bytes().replace(b"[weights]", b"# edited\n[weights]"))
        copies.append(copy)
    monkeypatch.setattr(module, "SHIPPED", copies)
    assert module.main(["--check"]) == 1
    assert "differ from what their commands write now: perro_gru.toml, perro_lstm.toml" in capsys.readouterr().err
    assert module.main([]) == 0
    assert [c.read_bytes() for c in copies] == [p.read_bytes() for p in regenerate().SHIPPED]
    assert module.main(["--bad"]) == 2


# ---- --compare ------------------------------------------------------------------------------------------
def test_compare_on_perro_says_what_the_numbers_show(cli):
    r = cli("train", "-e", "perro", "--compare", "--optimizer", "adam", "--lr", "0.05", "--epochs", "600")
    assert r.exit_code == 0, r.stderr
    out = r.output
    assert "Every estaba/estaban right: GRU cell, LSTM cell" in out
    assert "Not every estaba/estaban right: Elman RNN cell (5/10)" in out
    assert "│ estaba/estaban, all                │           5/10 │    10/10 │     10/10 │" in out


def test_the_elman_cell_with_seed_1_loses_the_longer_gaps(cli):
    """The README's seed-1 run: right at t = 5, 6, 8, wrong at t = 10 and 13."""
    d = run_json(cli, "-e", "perro", "--cell", "rnn", "--optimizer", "adam", "--lr", "0.1", "--epochs", "600",
                 "--seed", "1")
    assert {t: (a["right"], a["total"]) for t, a in d["key_accuracy"].items()} == {
        "5": (2, 2), "6": (2, 2), "8": (2, 2), "10": (1, 2), "13": (1, 2)}


def test_compare_claims_nothing_learned_after_one_epoch(cli):
    d = json.loads(cli("train", "-e", "perro", "--compare", "--epochs", "1", "--format", "json").output)
    assert [c["cell"] for c in d["cells"]] == ["rnn", "gru", "lstm"]
    out = cli("train", "-e", "perro", "--compare", "--epochs", "1").output
    assert "Every estaba/estaban right" not in out
    assert "Not every estaba/estaban right: Elman RNN cell (1/10), GRU cell (" in out


def test_compare_without_key_words_counts_every_step(cli):
    out = cli("train", "--compare", "--epochs", "50", "--lr", "0.5").output
    assert "right predictions, every step" in out and "estaba" not in out


def test_sentence_replaces_the_corpus(cli):
    d = run_json(cli, "-e", "perro", "--sentence", "el perro que vi , estaba lleno", "--epochs", "1")
    assert d["sentences"] == [["el", "perro", "que", "vi", ",", "estaba", "lleno"]]
    assert len(run_json(cli, "-e", "perro", "--epochs", "1")["sentences"]) == 10


def test_gru_variant_goes_with_compare_and_with_a_gru_only(cli):
    d = json.loads(cli("train", "--compare", "--gru-variant", "torch", "--epochs", "2", "--format", "json").output)
    assert d["gru_variant"] == "torch"
    lecture = json.loads(cli("train", "--compare", "--epochs", "2", "--format", "json").output)
    assert lecture["gru_variant"] == "lecture" and lecture["cells"][1]["losses"] != d["cells"][1]["losses"]
    r = cli("train", "--gru-variant", "torch")
    assert r.exit_code == 2 and "use it with --cell gru or --compare" in r.stderr


# ---- bad input ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("args,message", [
    (["--lr", "0"], "--lr 0.0: the learning rate must be a finite number greater than 0"),
    (["--lr", "-1"], "--lr -1.0: the learning rate must be"),
    (["--lr", "nan"], "--lr nan: the learning rate must be"),
    (["--epochs", "0"], "--epochs"),
    (["--clip", "-1"], "--clip -1.0: the clipping threshold must be"),
    (["--compare", "--cell", "gru"], "--cell does not go with --compare"),
    (["--save", "x.txt"], "whose name ends in .toml"),
    (["--sentence", "I"], "lecture: no step has a target, so L = 0 and there is nothing to learn"),
])
def test_bad_options(cli, args, message):
    r = cli("train", *args)
    assert r.exit_code == 2 and r.stdout == ""
    assert message in r.stderr and len(r.stderr.splitlines()) == 1


def test_save_into_a_missing_folder_or_onto_a_directory(cli, tmp_path):
    r = cli("train", "--save", str(tmp_path / "no" / "x.toml"))
    assert r.exit_code == 2 and "does not exist" in r.stderr
    d = tmp_path / "d.toml"
    d.mkdir()
    r = cli("train", "--save", str(d))
    assert r.exit_code == 2 and "is a directory" in r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.toml"]


def test_a_corpus_sentence_with_an_unknown_word(cli, tmp_path):
    src = (ROOT / "examples" / "perro.toml").read_text()
    bad = tmp_path / "bad.toml"
    bad.write_text(src.replace('["el", "perro", "que", "vi", ",", "estaba", "lleno"]',
                               '["el", "perro", "que", "vi", ",", "estaba", "lenno"]'))
    r = cli("train", "-e", str(bad), "--save", str(tmp_path / "out.toml"))
    assert r.exit_code == 2 and "sentences[0]" in r.stderr and "'lenno'" in r.stderr
    assert len(r.stderr.splitlines()) == 1
    assert not (tmp_path / "out.toml").exists()


def test_a_corpus_whose_epoch_does_not_fit_is_refused_before_training(cli, tmp_path):
    words = ["a", "b", "c"]
    path = tmp_path / "long.toml"
    path.write_text(f'vocab = {json.dumps(words)}\nsentence = {json.dumps(words * 2000)}\ncell = "lstm"\n'
                    'hidden_size = 256\n')
    r = cli("train", "-e", str(path), "--save", str(tmp_path / "out.toml"))
    assert r.exit_code == 2 and r.stdout == "" and len(r.stderr.splitlines()) == 1
    assert ("long.toml: sentence: training the LSTM cell (V = 3, H = 256) on a sentence of 6000 tokens needs about "
            in r.stderr)
    assert "an epoch, more than the 512.0 MB a run may take; use a shorter sentence or a smaller H" in r.stderr
    assert not (tmp_path / "out.toml").exists()
    # training builds no Jacobian: 120 tokens at H = 256 fit, which the 512×512 Jacobians per token did not
    r = cli("train", "-e", str(path), "--sentence", " ".join(words * 40), "--epochs", "1")
    assert r.exit_code == 0, r.stderr
    # few tokens, but one long sentence among many short ones: the recurrence runs on all of them
    # padded to the longest, and that is what does not fit
    path.write_text(f'vocab = {json.dumps(words)}\nsentence = ["a", "b"]\n'
                    f'sentences = {json.dumps([words * 1000] + [words[:2]] * 3000)}\ncell = "gru"\nhidden_size = 64\n')
    r = cli("train", "-e", str(path))
    assert r.exit_code == 2 and r.stdout == "" and len(r.stderr.splitlines()) == 1
    assert "training the GRU cell (V = 3, H = 64) on 9000 tokens in 3001 sentences, the longest of 3000" in r.stderr


def test_a_diverging_run_stops_says_where_and_saves_nothing(cli, tmp_path):
    out = tmp_path / "never.toml"
    r = cli("train", "--lr", "1e308", "--epochs", "50", "--save", str(out))
    assert r.exit_code == 2 and r.stdout == ""
    assert "training diverged at epoch" in r.stderr and "try a smaller --lr (now 1e+308) or --clip" in r.stderr
    assert not out.exists()


def test_what_the_readme_says_of_the_trained_gates(cli):
    """perro_lstm: unit 8's forget gate stays ≥ 0.92 from "perros" to "la" (t = 2 … 11) and drops
    at "tarde"; perro_gru: no unit's update gate stays near 1 across the words between (more in
    tests/test_gates.py)."""
    f = np.array([s["values"]["f"] for s in json.loads(cli("forward", "-e", "perro_lstm", "--format", "json").output)["steps"]])
    assert f[1:11, 7].min() >= 0.92 and f[11, 7] < 0.5
    z = np.array([s["values"]["z"] for s in json.loads(cli("forward", "-e", "perro_gru", "--format", "json").output)["steps"]])
    assert z[2:12].min(axis=0).max() < 0.5
