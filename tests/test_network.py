"""The network path: cells as objects, embeddings, stacked and bidirectional layers, the three
tasks. (Against PyTorch: test_network_torch.py.)"""
import json
from dataclasses import replace

import numpy as np
import pytest
from click.testing import CliRunner

from rnntrace import bptt, cells, examples, network
from rnntrace.cli import main
from rnntrace.examples import Example


def run_cli(*args, env=None):
    return CliRunner().invoke(main, list(args), env={"COLUMNS": "100", **(env or {})})


def random_example(seed, V=6, H=3, T=5, **network_keys) -> Example:
    rng = np.random.default_rng(seed)
    vocab = tuple(f"w{i}" for i in range(V))
    sentence = tuple(vocab[i] for i in rng.integers(0, V, size=T))
    return Example(name="r", title="r", description="", cell="rnn", vocab=vocab, sentence=sentence,
                   targets=tuple(list(sentence[1:]) + [None]), hidden_size=H, seed=seed, source="r",
                   network=network_keys)


# ---- the cells as objects -----------------------------------------------------------------------
@pytest.mark.parametrize("kind,variant", [("rnn", "lecture"), ("gru", "lecture"), ("gru", "torch"), ("lstm", "lecture")])
def test_cell_objects_delegate_to_the_cell_functions(kind, variant):
    """step, scan and input_grad of the object against the module's functions and a hand-written
    δ·W_xᵀ sum; the names are params.param_names without the output layer."""
    from rnntrace.params import param_names

    cell = cells.make(kind, variant)
    assert cells.CELLS[kind] is type(cell)
    assert cell.names() == param_names(kind, variant)[:-2]
    rng = np.random.default_rng(1)
    d, H, T = 4, 3, 6
    P = {n: rng.normal(0, 0.5, size=cell.shape(n, d, H)) for n in cell.names()}
    X = rng.normal(size=(T, d))
    hs, cs = cell.scan(P, X)
    state = cell.initial_state(H)
    p = cells.P(P)
    for k in range(T):
        vals, state = cell.step(p, X[k], state, cells.Recorder(False))
        np.testing.assert_allclose(vals["h"], hs[k], atol=1e-14)
    # ∂L/∂x_t, by hand: Σ over the input weights of δ·W_xᵀ
    v, prev = cell.step(p, X[0], cell.initial_state(H), cells.Recorder(False))
    dh = cells.Val(cells.Sym("∂L/∂h_t"), rng.normal(size=H))
    bw = cell.backward(p, X[0], cell.initial_state(H), v, dh, None, cells.Recorder(False))
    dx = cell.input_grad(p, bw, cells.Recorder(False)).value
    want = sum(bw.factors[n][1] @ P[n].T for n in cell.names() if n.startswith("W_x"))
    np.testing.assert_allclose(dx, want, atol=1e-15)
    # and by finite differences of h_1 along dh
    eps = 1e-6
    f = lambda x: cell.step(p, x, cell.initial_state(H), cells.Recorder(False))[0]["h"] @ dh.value  # noqa: E731
    num = np.array([(f(X[0] + eps * e) - f(X[0] - eps * e)) / (2 * eps) for e in np.eye(d)])
    np.testing.assert_allclose(dx, num, atol=1e-8)


# ---- the lecture's network is today's ----------------------------------------------------------------
@pytest.mark.parametrize("cell,variant", [("rnn", "lecture"), ("gru", "lecture"), ("gru", "torch"), ("lstm", "lecture")])
@pytest.mark.parametrize("steps", [None, 30])
def test_one_layer_one_direction_onehot_lm_is_bptt_exactly(cell, variant, steps):
    """The general path on the lecture's network gives bptt.run's values and gradients bit for
    bit, step by step (5 tokens) and batched (30): a later session can retire the old path."""
    ex = examples.load("lecture")
    if steps:
        ex = bptt.extend(ex, steps, ex.seed)
    s = network.spec(ex, cell, variant)
    assert s.plain
    tr = network.backward(network.run(ex, s, detail=steps is None, command="bptt"), ex, gradcheck=False)
    old = bptt.run(ex, cell=cell, gru_variant=variant, gradcheck=False)
    assert np.array_equal(tr.top, old.values["h"])
    assert np.array_equal(tr.p, old.values["p"])
    assert tr.loss == old.loss
    assert list(tr.grads) == list(old.grads)
    for k in old.grads:
        assert np.array_equal(tr.grads[k], old.grads[k]), k
    assert np.array_equal(tr.runs[0][0].jacobians, old.jacobians)


# ---- step by step and batched agree; the gradient check passes everywhere -------------------------------
NETS = [(cell, L, bi, d, task) for cell in ("rnn", "gru", "lstm") for L, bi, d in
        ((1, True, None), (2, False, 3), (2, True, 4)) for task in ("lm", "tag", "classify")]


def net_example(seed, task):
    return random_example(seed, labels=["A", "B", "C"], tags=["A", "C", "B", "B", "A"], label="B", task=task)


@pytest.mark.parametrize("cell,L,bi,d,task", NETS)
def test_gradient_check_and_both_paths(cell, L, bi, d, task):
    ex = net_example(7, task)
    s = network.spec(ex, cell, "torch" if cell == "gru" else "lecture", embedding=d, layers=L, bidirectional=bi)
    short = network.backward(network.run(ex, s, detail=True, command="bptt"), ex, gradcheck=True)
    assert short.gradcheck.confirmed, short.gradcheck.max_rel_error
    assert short.gradcheck.max_rel_error < 1e-6
    long = network.backward(network.run(ex, s, detail=False, command="bptt"), ex, gradcheck=False)
    np.testing.assert_allclose(long.top, short.top, atol=1e-14)
    for k in short.grads:
        np.testing.assert_allclose(long.grads[k], short.grads[k], atol=1e-13, err_msg=k)
    for a, b in zip(short.runs, long.runs):
        for ra, rb in zip(a, b):
            np.testing.assert_allclose(ra.log10_products, rb.log10_products, atol=1e-12)


def test_backward_direction_runs_from_T_down():
    ex = net_example(3, "lm")
    s = network.spec(ex, "rnn", embedding=2, bidirectional=True)
    tr = network.run(ex, s)
    back = tr.runs[0][1]
    assert [c.t for c in back.steps] == [5, 4, 3, 2, 1]
    assert back.steps[0].ops[1].expr.vec.name == "h_{t+1}^(←)"  # its previous state is h_{t+1}
    # h←_t = tanh(x_t·W_xh^(←) + h←_{t+1}·W_hh^(←)), by hand from t = T
    W_x, W_h = tr.params.values["W_xh^(←)"], tr.params.values["W_hh^(←)"]
    E = tr.params.values["E"]
    h = np.zeros(3)
    for i in range(4, -1, -1):
        h = np.tanh(E[ex.index(ex.sentence[i])] @ W_x + h @ W_h)
        np.testing.assert_allclose(tr.top[i, 3:], h, atol=1e-15)


def test_embedding_gradient_only_in_the_rows_of_words_that_occur():
    ex = random_example(2, V=8, T=4)
    absent = [k for k, w in enumerate(ex.vocab) if w not in ex.sentence]
    assert absent
    s = network.spec(ex, "gru", embedding=3)
    tr = network.backward(network.run(ex, s, command="bptt"), ex, gradcheck=False)
    gE = tr.grads["E"]
    assert not np.any(gE[absent])
    assert all(np.any(gE[ex.index(w)]) for w in ex.sentence)


def test_gradient_E_note_only_with_an_embedding():
    r = run_cli("bptt", "-e", "etiquetas", env={"COLUMNS": "300"})
    assert r.exit_code == 0, r.output
    assert "only the rows of the words that occur receive a gradient (el, gato, come, pescado)" in r.output
    assert "the others stay 0 (la, perro, bebe, agua)" in r.output
    r = run_cli("bptt", "--layers", "2")
    assert r.exit_code == 0
    assert "∂L/∂E" not in r.output
    r = run_cli("bptt", "-e", "sentimiento", "--steps", "300", env={"COLUMNS": "300"})
    assert "here all 7 words occur" in r.output and "the others stay 0" not in r.output


def test_classify_prediction_line_both_ways():
    r = run_cli("forward", "-e", "sentimiento")
    assert "prediction: argmax p = “positivo” (p = 0.5491)" in r.output
    assert "✓ the prediction is the label" in r.output
    doc = json.loads(run_cli("forward", "-e", "sentimiento", "--format", "json").output)
    ex = replace(examples.load("sentimiento"), network={**examples.load("sentimiento").network, "label": "negativo"})
    tr = network.run(ex, network.spec(ex, "rnn"))
    assert tr.predictions()[0] == doc["prediction"] == "positivo"
    from rnntrace.present import network as present

    text = [b.text for p in present.build(tr).pages for b in p.blocks if hasattr(b, "text")]
    assert "✗ the prediction is not the label" in text
    assert "✓ the prediction is the label" not in text


# ---- JSON -------------------------------------------------------------------------------------------
def test_json_layout_bidirectional_stacked():
    r = run_cli("bptt", "-e", "pseudocode", "--layers", "2", "--bidirectional", "--embedding", "3",
                "--cell", "lstm", "--format", "json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.output)
    assert (doc["task"], doc["layers"], doc["bidirectional"], doc["embedding_dim"]) == ("lm", 2, True, 3)
    V, H = 5, 4
    p = doc["params"]
    assert list(p) == ["E", "layers", "W_hy", "b_y"]
    assert np.shape(p["E"]) == (V, 3)
    assert [sorted(layer) for layer in p["layers"]] == [["backward", "forward"]] * 2
    assert np.shape(p["layers"][0]["forward"]["W_xf"]) == (3, H)
    assert np.shape(p["layers"][1]["backward"]["W_xf"]) == (2 * H, H)  # a second layer's W_xf reads 1×2H
    assert np.shape(p["W_hy"]) == (2 * H, V)
    g = doc["grads"]
    assert list(g) == list(p)
    for i, layer in enumerate(p["layers"]):
        for d, ws in layer.items():
            assert list(g["layers"][i][d]) == list(ws)
            for n, w in ws.items():
                assert np.shape(g["layers"][i][d][n]) == np.shape(w)
    for s in doc["steps"]:
        top = [s["layers"][1][d]["values"]["h"] for d in ("forward", "backward")]
        assert s["values"]["h"] == top[0] + top[1]  # [h→_t ; h←_t], the forward half first
        assert len(s["values"]["p"]) == V
    assert doc["gradcheck"]["confirmed"]
    assert {(e["layer"], e["direction"]) for e in doc["ledger"]} == {(1, "forward"), (1, "backward"),
                                                                      (2, "forward"), (2, "backward")}
    back = [e for e in doc["ledger"] if e["direction"] == "backward"][0]
    assert back["t"] == [4, 3, 2, 1]  # pseudocode: 4 tokens, run t = T … 1
    assert [j["t"] for j in back["jacobians"]] == [4, 3, 2, 1]
    assert np.shape(back["jacobians"][0]["matrix"]) == (2 * H, 2 * H)  # the LSTM's state (h, c)
    # ‖J‖ in the ledger is the spectral norm of the matrix beside it
    for j, lg in zip(back["jacobians"], back["log10_jacobian_norms"]):
        assert abs(np.log10(np.linalg.norm(np.array(j["matrix"]), 2)) - lg) < 1e-12


def test_json_classify_top_level():
    doc = json.loads(run_cli("bptt", "-e", "sentimiento", "--format", "json").output)
    for key in ("p", "prediction", "label", "loss"):
        assert key in doc
    assert doc["label"] == "positivo" and doc["labels"] == ["negativo", "positivo"]
    assert abs(sum(doc["p"]) - 1) < 1e-12
    assert abs(doc["loss"] + np.log(doc["p"][1])) < 1e-12
    assert all("p" not in s["values"] for s in doc["steps"])
    # [h→_T ; h←_1] is what the classifier read
    steps = doc["steps"]
    final = steps[-1]["layers"][0]["forward"]["values"]["h"] + steps[0]["layers"][0]["backward"]["values"]["h"]
    y = np.array(final) @ np.array(doc["params"]["W_hy"])
    np.testing.assert_allclose(doc["y"], y, atol=1e-15)


def test_replaced_weights_are_said_only_when_replaced():
    """The lecture's W_xh (V×H) and W_hy (H×V) cannot serve a network with an embedding and two
    directions: drawn instead, and the output says so; the built-in network examples give none."""
    r = run_cli("forward", "--embedding", "2", "--bidirectional", env={"COLUMNS": "300"})
    assert r.exit_code == 0, r.output
    assert "so drawn from the seed instead: W_xh^(→), W_hy" in r.output
    doc = json.loads(run_cli("forward", "--embedding", "2", "--bidirectional", "--format", "json").output)
    assert doc["replaced"] == ["W_xh^(→)", "W_hy"]
    assert doc["params"]["layers"][0]["forward"]["W_hh"] == examples.load("lecture").weights["W_hh"].tolist()
    r = run_cli("forward", "-e", "sentimiento", env={"COLUMNS": "300"})
    assert "drawn from the seed instead" not in r.output


def test_plain_network_keeps_todays_document():
    a = run_cli("bptt", "--format", "json")
    assert "layers" not in json.loads(a.output)


# ---- the command line ---------------------------------------------------------------------------------
@pytest.mark.parametrize("args", [
    ("forward", "-e", "etiquetas"), ("bptt", "-e", "etiquetas"), ("bptt", "-e", "sentimiento", "--cell", "gru"),
    ("bptt", "-e", "sentimiento", "--cell", "lstm", "--layers", "3", "--lang", "es"),
    ("forward", "-e", "pseudocode", "--bidirectional", "--layers", "2"),
    ("bptt", "-e", "pseudocode", "--bidirectional", "--steps", "40"),
    ("bptt", "-e", "etiquetas", "--steps", "25", "--cell", "gru", "--gru-variant", "torch"),
    ("forward", "-e", "sentimiento", "--format", "markdown"), ("bptt", "-e", "etiquetas", "--format", "latex"),
])
@pytest.mark.parametrize("columns", ["40", "80", "200"])  # under 40 columns every command refuses
def test_commands_run(args, columns):
    r = run_cli(*args, env={"COLUMNS": columns})
    assert r.exit_code == 0, r.output
    assert "Traceback" not in r.output


def test_spanish_titles():
    r = run_cli("forward", "-e", "sentimiento", "--lang", "es")
    assert "clasificar el sentimiento de una frase" in r.output
    assert "etiqueta «positivo»: L = −log p[«positivo»]" in r.output


def test_sizes_beyond_the_lecture():
    """1,000 tokens through two layers and two directions, and 40 words with H = 64: it runs, the
    gradients are finite; a 20-token sentence of that size leaves the check off by its cost
    (said), and asks too much with --gradcheck (one line, exit 2)."""
    r = run_cli("bptt", "-e", "pseudocode", "--layers", "2", "--bidirectional", "--embedding", "16",
                "--steps", "1000", "--cell", "gru")
    assert r.exit_code == 0, r.output
    ex = random_example(5, V=40, H=64, T=1000)
    s = network.spec(ex, "rnn", embedding=8, layers=2, bidirectional=True)
    tr = network.backward(network.run(ex, s, detail=False, command="bptt"), ex, gradcheck=False)
    assert all(np.all(np.isfinite(g)) for g in tr.grads.values())
    assert tr.gradcheck is None
    big = random_example(6, V=40, H=64, T=20)
    tr = network.backward(network.run(big, network.spec(big, "lstm", layers=2, bidirectional=True), command="bptt"),
                          big)
    assert tr.gradcheck is None and tr.gradcheck_cost > bptt.GRADCHECK_BUDGET
    with pytest.raises(network.InputError, match="--gradcheck: the finite differences of this network"):
        network.backward(network.run(big, network.spec(big, "lstm", layers=3, bidirectional=True, embedding=64),
                                     command="bptt"), big, gradcheck=True)


BAD = [
    (("forward", "--layers", "0"), "--layers = 0"),
    (("bptt", "--layers", "100"), "--layers = 100"),
    (("forward", "-e", "{E}"), "weights.E is 2×2"),
    (("forward", "-e", "sentimiento", "--task", "tag"), "needs tags"),
    (("forward", "-e", "{cls}"), "label: “z” is not one of the labels"),
    (("forward", "--task", "classify"), "classify needs labels"),
    (("bptt", "-e", "{nolabel}"), "classify needs label,"),
    (("bptt", "-e", "{l3}"), "[layer.3]: the network has 2 layers"),
    (("bptt", "-e", "{tagbad}"), "tags[2]: “ADJ” is not one of the labels"),
    (("bptt", "-e", "{l2bad}"), "layer.2.W_hh is 3×3, but this network needs it 2×2"),
    (("bptt", "-e", "{back}"), "[layer.2.backward]: the network is not bidirectional"),
    (("bptt", "-e", "{wx}", "--embedding", "4"), "weights.W_xh is 2×2, but in this network x_t is 1×4"),
    (("bptt", "-e", "{wx2}", "--layers", "2"), "layer.2.W_xh is 2×3, but in this network x_t^(2) is 1×2"),
    (("bptt", "-e", "sentimiento", "--at", "1"), "--at 1: a classified sentence has one loss, at the end"),
    (("bptt", "-e", "etiquetas", "--forget-bias", "2"), "--forget-bias sets the LSTM's b_f"),
    (("bptt", "-e", "etiquetas", "--scale", "nan"), "--scale"),
    (("bptt", "-e", "etiquetas", "--at", "9"), "--at"),
    (("bptt", "-e", "sentimiento", "--compare", "--at", "2"), "--at follows one cell's sum"),
    (("bptt", "-e", "sentimiento", "--compare", "--cell", "gru"), "leave out --cell"),
    (("bptt", "-e", "etiquetas", "-s", "el gato"), "--sentence"),
]

FILES = {
    "E": '[weights]\nE = [[0.1, 0.2], [0.3, 0.4]]\n',
    "cls": 'task = "classify"\nlabels = ["x", "y"]\nlabel = "z"\n',
    "nolabel": 'task = "classify"\nlabels = ["x", "y"]\n',
    "l3": 'layers = 2\n[layer.3]\nW_xh = [[0.1, 0.2], [0.3, 0.4]]\n',
    "tagbad": 'task = "tag"\nlabels = ["N", "V"]\ntags = ["N", "ADJ", "V"]\n',
    "l2bad": 'layers = 2\n[layer.2]\nW_hh = [[1, 2, 3], [1, 2, 3], [1, 2, 3]]\n',
    "back": 'layers = 2\n[layer.2.backward]\nW_hh = [[1, 2], [3, 4]]\n',
    "wx": '[weights]\nW_xh = [[0.1, 0.2], [0.3, 0.4]]\n',
    "wx2": '[layer.2]\nW_xh = [[0.1, 0.2, 0.3], [0.3, 0.4, 0.5]]\n',
}


@pytest.mark.parametrize("args,fragment", BAD)
def test_bad_input(tmp_path, args, fragment):
    paths = {}
    for k, body in FILES.items():
        f = tmp_path / f"{k}.toml"
        f.write_text('cell = "rnn"\nvocab = ["a", "b", "c"]\nsentence = ["a", "b", "c"]\nhidden_size = 2\n' + body)
        paths[k] = str(f)
    r = run_cli(*(a.format(**paths) for a in args))
    assert r.exit_code == 2, r.output
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0], r.output
    assert "Traceback" not in r.output


def test_overflow_is_shown_and_said(tmp_path):
    """W_hy of 1e308: p_1 underflows to 0 for the target (L = inf) and ∂L/∂y·W_hyᵀ overflows on
    the way back; nothing crashes and the closing says where; a finite run says nothing."""
    f = tmp_path / "huge.toml"
    f.write_text('cell = "rnn"\nvocab = ["a", "b", "c"]\nsentence = ["a", "b", "c", "a"]\nhidden_size = 2\n'
                 'bidirectional = true\n[weights]\nW_hy = [[1e308, -1e308, 1e308], [1e308, 1e308, -1e308], '
                 '[1e308, 1e308, 1e308], [1e308, 1e308, 1e308]]\n')
    r = run_cli("bptt", "-e", str(f), env={"COLUMNS": "400"})
    assert r.exit_code == 0, r.output
    assert "⚠ gradients hold inf or nan (W_xh^(→), W_hh^(→), b_h^(→)) though every forward value is finite" in r.output
    r = run_cli("bptt", "-e", "sentimiento", env={"COLUMNS": "400"})
    assert "inf or nan" not in r.output


@pytest.mark.skipif(not __import__("shutil").which("pdflatex"), reason="no TeX engine installed (pdflatex)")
@pytest.mark.parametrize("args", [("bptt", "-e", "pseudocode", "--layers", "2", "--bidirectional", "--cell", "gru"),
                                  ("--lang", "es", "bptt", "-e", "sentimiento", "--cell", "lstm", "--convention", "column"),
                                  ("bptt", "-e", "etiquetas", "--bidirectional", "--at", "2"),
                                  ("bptt", "-e", "sentimiento", "--compare"),
                                  ("train", "-e", "etiquetas", "--epochs", "3", "--trace-update", "--bidirectional")])
def test_network_latex_compiles(tmp_path, args):
    """Names with a layer's superscript transposed (h_{t−1}^(2→)ᵀ), squared (h̃_t^(2→)²) or
    updated (W_xh^(1→)′) stay one superscript each in TeX."""
    import subprocess

    r = run_cli(*args, "--format", "latex")
    assert r.exit_code == 0, r.output
    (tmp_path / "n.tex").write_text(r.output, encoding="utf-8")
    done = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "n.tex"], cwd=tmp_path,
                          capture_output=True, text=True, errors="replace", timeout=300)
    assert done.returncode == 0, done.stdout[-3000:]


def _json_document(args, monkeypatch) -> dict:
    """The document ``--format json`` writes for ``args``, as the command hands it to the writer."""
    import rnntrace.output as output

    captured = []
    monkeypatch.setattr(output, "json_text", lambda doc: captured.append(doc) or "")
    r = run_cli(*args, "--format", "json")
    assert r.exit_code == 0, r.output
    return captured[0]


@pytest.mark.parametrize("args", [("bptt", "--layers", "2", "--bidirectional", "--steps", "40"),
                                  ("bptt", "-e", "sentimiento", "--steps", "30", "--bidirectional", "--cell", "lstm"),
                                  ("bptt", "-e", "etiquetas", "--steps", "30", "--layers", "2", "--cell", "gru"),
                                  ("bptt", "--embedding", "4", "--steps", "30", "--layers", "2")])
def test_summary_steps_written_at_once_are_the_step_loops_objects(args, monkeypatch):
    """The summary view's steps, written column by column from the stacked values
    (``_step_records``), are the objects the step-by-step loop makes, key for key and bit for bit;
    with a value that is not finite the loop writes them (nulls and warnings)."""
    from rnntrace.render import network_json
    from rnntrace.render.jsondoc import Records, plain

    fast = _json_document(args, monkeypatch)
    assert isinstance(fast["steps"], Records)
    monkeypatch.setattr(network_json, "_step_records", lambda *a: None)
    assert plain(_json_document(args, monkeypatch)) == plain(fast)
    monkeypatch.undo()
    over = _json_document(("bptt", "--layers", "2", "--steps", "40", "--scale", "1e200", "--activation", "relu"),
                          monkeypatch)
    assert isinstance(over["steps"], list) and over["warnings"]


def test_network_norm_warnings_name_the_entry_once(monkeypatch):
    """A nan norm in a layer's ledger is named by its own path (norms[k], not norms[k][k])."""
    doc = _json_document(("bptt", "--layers", "3", "--bidirectional", "--steps", "300", "--scale", "30",
                          "--activation", "relu"), monkeypatch)
    named = [w for w in doc["warnings"] if ".norms[" in w]
    assert named and all(w.split(".norms[")[1].count("[") == 0 for w in named), named[:3]
