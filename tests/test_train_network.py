"""rnntrace train and generate on networks (an embedding, stacked layers, two directions, the tag
and classify tasks): the gradients are network.backward's, --save reads back bit for bit, the
tables show tags and labels, generate refuses what cannot generate."""
import json

import numpy as np
import pytest

from rnntrace import examples, generate, network, train


def run_json(cli, *args):
    r = cli(*args, "--format", "json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.output)


def flat(text: str) -> str:
    """The output as one line of words, the panel's borders taken out."""
    return " ".join(text.replace("│", " ").split())


def result(name, spec_kw=None, **opts):
    ex = examples.load(name)
    s = network.spec(ex, ex.cell, **(spec_kw or {}))
    return ex, s, train.run(ex, train.Options(**opts), spec=s)


# ---- the gradients train descends on -------------------------------------------------------------------
@pytest.mark.parametrize("cell", ["rnn", "gru", "lstm"])
@pytest.mark.parametrize("name,kw", [("etiquetas", {"bidirectional": True}), ("sentimiento", {"layers": 2}),
                                     ("lecture", {"embedding": 3, "layers": 2})])
def test_one_sgd_epoch_is_theta_minus_lr_times_network_backward(name, kw, cell):
    """One epoch: θ′ = θ − η·∂L/∂θ with ∂L/∂θ from network.backward (bptt's core for networks),
    whose gradient check passes at the same θ; the implicit zero biases stay out."""
    ex = examples.load(name)
    s = network.spec(ex, cell, **kw)
    r = train.run(ex, train.Options(epochs=1, lr=0.3, cell=cell), spec=s)
    tr = network.backward(network.run(ex, s, detail=True, command="bptt"), ex, gradcheck=True)
    assert tr.gradcheck.confirmed, tr.gradcheck.max_rel_error
    assert r.losses[0] == pytest.approx(tr.loss, abs=1e-13)
    assert set(r.names) == {k for k in tr.grads if k not in tr.params.implicit_zero}
    for n in r.names:
        np.testing.assert_allclose(r.after[n], r.before[n] - 0.3 * tr.grads[n], atol=1e-14, err_msg=n)
        np.testing.assert_array_equal(r.before[n], tr.params.values[n])
    assert r.implicit_zero == [k for k in network.param_order(tr.params) if k in tr.params.implicit_zero]


def test_embedding_rows_of_absent_words_never_move():
    ex, s, r = result("etiquetas", epochs=30, lr=0.3)
    moved = ~np.all(r.after["E"] == r.before["E"], axis=1)
    occur = [w in ex.sentence for w in ex.vocab]
    assert moved.tolist() == occur  # el, gato, come, pescado move; la, perro, bebe, agua do not


def test_training_a_network_learns_its_task():
    _, _, r = result("etiquetas", epochs=100, lr=0.3)
    assert [p.word for p in r.predictions_after] == ["DET", "NOUN", "VERB", "NOUN"]
    assert r.final_loss < 0.05 * r.losses[0]


def test_a_corpus_of_labelled_sentences(tmp_path, cli):
    f = tmp_path / "c.toml"
    f.write_text('cell = "gru"\nvocab = ["la", "película", "es", "buena", "mala", "muy"]\n'
                 'sentence = ["la", "película", "es", "buena"]\nhidden_size = 3\nseed = 2\ntask = "classify"\n'
                 'embedding_dim = 2\nlabels = ["neg", "pos"]\nlabel = "pos"\n'
                 'sentences = [["la", "película", "es", "buena"], ["la", "película", "es", "mala"], '
                 '["es", "muy", "mala"], ["es", "muy", "buena"]]\ncorpus_labels = ["pos", "neg", "neg", "pos"]\n')
    d = run_json(cli, "train", "-e", str(f), "--epochs", "150", "--lr", "0.5")
    assert [a["label"] for a in d["after"]] == ["pos", "neg", "neg", "pos"]
    assert [a["prediction"] for a in d["after"]] == ["pos", "neg", "neg", "pos"]
    assert d["after"][2]["text"] == "es muy mala" and d["task"] == "classify" and d["labels"] == ["neg", "pos"]
    out = " ".join(cli("train", "-e", str(f), "--epochs", "150", "--lr", "0.5").output.split())
    assert "Each sentence's class (argmax p, and p of its label) before and after training" in out
    assert "right predictions: 2 of 4 before, 4 of 4 after" in out
    # the same losses as network.loss_and_grads over the four sentences, from the same θ
    ex = examples.load(str(f))
    s = network.spec(ex, "gru")
    data = train.network_corpus(ex, s)
    P = network.build(data[0], s, ex.seed)
    L, _ = network.loss_and_grads(s, P, data)
    assert d["losses"][0] == L
    f.write_text(f.read_text().replace('corpus_labels = ["pos", "neg", "neg", "pos"]', 'corpus_labels = ["pos"]'))
    bad = cli("train", "-e", str(f))
    assert bad.exit_code == 2 and "corpus_labels must hold one label for each of the 4 sentences" in bad.stderr
    f.write_text(f.read_text().replace('corpus_labels = ["pos"]', 'corpus_labels = ["pos", "neg", "meh", "pos"]'))
    bad = cli("train", "-e", str(f))
    assert bad.exit_code == 2 and "corpus_labels[3]: label: “meh” is not one of the labels" in bad.stderr


def test_tag_table_and_the_E_note(cli):
    out = flat(cli("train", "-e", "etiquetas", "--epochs", "100", "--lr", "0.3").output)
    assert "Tags (argmax p_t, and p_t of the right tag) before and after training" in out
    assert "3 come VERB NOUN ✗ (0.3243) VERB ✓" in out
    assert "the rows of la, perro, bebe, agua get no gradient and stay as they are" in out
    one_hot = flat(cli("train", "-e", "etiquetas", "--epochs", "2", "--embedding", "4", "--layers", "1").output)
    assert "task tag" in one_hot
    lecture = flat(cli("train", "-e", "lecture", "--epochs", "2", "--embedding", "2").output)
    assert "∂L/∂E reaches only" not in lecture  # every word of the vocabulary occurs
    # the lecture's W_xh is V×H; with an embedding the network needs it 2×3, so it is drawn
    assert "one-layer network's shape, which this network cannot use, so drawn from the seed instead: W_xh" in lecture
    assert "cannot use" not in out


def test_train_compare_on_a_network_shape():
    ex = examples.load("sentimiento")
    s = network.spec(ex, "gru")
    results = train.compare(ex, train.Options(epochs=3, lr=0.2), spec=s)
    assert [r.cell for r in results] == ["rnn", "gru", "lstm"]
    assert all(r.spec.bidirectional and r.spec.embedding_dim == 3 for r in results)
    assert "W_hf^(←)" in results[2].names


# ---- --save ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("args", [("-e", "etiquetas", "--bidirectional", "--cell", "lstm"),
                                  ("-e", "sentimiento", "--layers", "2", "--cell", "gru"),
                                  ("-e", "lecture", "--embedding", "3", "--layers", "2")])
def test_saved_network_reads_back_bit_for_bit(cli, tmp_path, args):
    path = tmp_path / "net.toml"
    d = run_json(cli, "train", *args, "--epochs", "25", "--lr", "0.3", "--save", str(path))
    fwd = run_json(cli, "forward", "-e", str(path))
    for key in ("task", "layers", "bidirectional", "embedding_dim"):
        assert fwd[key] == d[key], key
    # every trained weight, as forward reads it back: the same float64 to the last bit
    for mine, theirs in zip(d["params"]["layers"], fwd["params"]["layers"]):
        for direction, weights in mine.items():
            assert weights == {n: theirs[direction][n] for n in weights}  # the implicit zero biases aside
            assert all(not any(theirs[direction][n]) for n in theirs[direction] if n not in weights)
    assert fwd["params"]["W_hy"] == d["params"]["W_hy"]
    assert fwd["params"].get("E") == d["params"].get("E")
    text = path.read_text()
    assert f"layers = {d['layers']}" in text and ("[layer.2]" in text) == (d["layers"] == 2)
    assert ("[layer.1.backward]" in text) == d["bidirectional"]
    again = run_json(cli, "train", "-e", str(path), "--epochs", "1")
    assert again["losses"][0] == d["final_loss"]  # the saved parameters' loss, to the last bit
    assert [a["prediction"] for a in again["before"]] == [a["prediction"] for a in d["after"]]
    assert cli("bptt", "-e", str(path)).exit_code == 0
    if not d["bidirectional"]:
        assert cli("generate", "-e", str(path), "--start", "I").exit_code == 0
    ex = examples.load(str(path))
    s = network.spec(ex, ex.cell)
    tr = network.run(ex, s, detail=False)
    assert tr.loss == d["final_loss"]


# ---- generate ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("cell", ["rnn", "gru", "lstm"])
def test_generate_with_a_network_picks_what_its_trace_predicts(cell):
    ex = examples.load("lecture")
    s = network.spec(ex, cell, embedding=3, layers=2)
    g = generate.run_network(ex, s, "I", 6)
    assert g.trace.sentence == g.words and g.trace.targets == g.picked
    assert g.argmax == g.trace.predictions()
    np.testing.assert_array_equal([g.trace.p[i][ex.vocab.index(w)] for i, w in enumerate(g.picked)], g.p_picked)
    sampled = generate.run_network(ex, s, "I", 6, seed=4, temperature=2.0)
    assert sampled.picked == generate.run_network(ex, s, "I", 6, seed=4, temperature=2.0).picked


def test_generate_refuses_two_directions_and_other_tasks(cli):
    r = cli("generate", "-e", "sentimiento", "--start", "la")
    assert r.exit_code == 2 and "a bidirectional network's backward direction reads the words after t" in r.stderr
    r = cli("generate", "-e", "etiquetas", "--start", "el")
    assert r.exit_code == 2 and "this network's task is tag, whose output is a label, not a word" in r.stderr
    r = cli("generate", "-e", "lecture", "--start", "I", "--embedding", "2", "--layers", "2")
    assert r.exit_code == 0 and "text: I " in r.output
    doc = run_json(cli, "generate", "-e", "lecture", "--start", "I", "--embedding", "2", "--layers", "2")
    assert doc["layers"] == 2 and doc["embedding_dim"] == 2 and doc["generated"] == [s["target"] for s in doc["steps"]]


def test_a_weight_of_the_wrong_shape_is_named_where_the_file_has_it(cli, tmp_path):
    f = tmp_path / "bw.toml"
    f.write_text('cell = "rnn"\nvocab = ["a", "b", "c"]\nsentence = ["a", "b"]\nhidden_size = 2\ntask = "classify"\n'
                 'labels = ["x", "y"]\nlabel = "x"\nsentences = [["a", "b"], ["b", "c"]]\ncorpus_labels = ["x", "y"]\n'
                 '[layer.2]\nW_hh = [[1, 2, 3], [1, 2, 3], [1, 2, 3]]\n')
    r = cli("train", "-e", str(f), "--layers", "2")
    assert r.exit_code == 2
    assert r.stderr.strip().splitlines() == [
        f"rnntrace train: error: {f}: layer.2.W_hh is 3×3, but this network needs it 2×2"]
