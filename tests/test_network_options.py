"""bptt's --scale, --forget-bias, --at and --compare on a network (embedding, layers, directions,
tasks): what each changes, checked against the trace without it and against finite differences."""
import json

import numpy as np
import pytest
from click.testing import CliRunner

from rnntrace import bptt, network
from rnntrace.cli import main
from test_network import net_example, random_example


def run_cli(*args):
    return CliRunner().invoke(main, list(args), env={"COLUMNS": "80"})


def traced(ex, cell, L=2, bi=True, d=3, task="tag", scale=1.0, forget_bias=None, **kw):
    s = network.spec(ex, cell, "lecture", embedding=d, layers=L, bidirectional=bi, task=task, scale=scale,
                     forget_bias=forget_bias)
    return network.run(ex, s, detail=kw.get("detail", True), command="bptt")


@pytest.mark.parametrize("cell", ["rnn", "gru", "lstm"])
def test_scale_multiplies_every_recurrent_matrix_and_nothing_else(cell):
    ex = net_example(3, "tag")
    plain, scaled = traced(ex, cell), traced(ex, cell, scale=0.5)
    recurrent = set()
    for layout in plain.params.layers:
        for names in layout.values():
            recurrent |= {k for n, k in names.items() if n.startswith("W_h")}
    assert len(recurrent) == 4 * (1 if cell == "rnn" else 3 if cell == "gru" else 4)  # 2 layers × 2 directions
    for k, v in plain.params.values.items():
        np.testing.assert_array_equal(scaled.params.values[k], v * 0.5 if k in recurrent else v, err_msg=k)
    assert not np.allclose(scaled.top, plain.top)


def test_forget_bias_sets_b_f_in_every_layer_and_direction_and_gradients_check():
    ex = net_example(3, "tag")
    tr = traced(ex, "lstm", forget_bias=3.0)
    keys = [names["b_f"] for layout in tr.params.layers for names in layout.values()]
    assert keys == ["b_f^(1→)", "b_f^(1←)", "b_f^(2→)", "b_f^(2←)"]
    for k in keys:
        np.testing.assert_array_equal(tr.params.values[k], np.full(3, 3.0))
        assert k not in tr.params.implicit_zero
    f = np.concatenate([r.values["f"].ravel() for row in tr.runs for r in row])
    assert f.min() > 0.85  # σ(3 + …): the gate stays open
    network.backward(tr, ex, gradcheck=True)
    assert tr.gradcheck.confirmed and "b_f^(2←)" in tr.grads


def test_scale_and_forget_bias_are_said_and_in_the_json():
    r = run_cli("bptt", "-e", "etiquetas", "--cell", "lstm", "--scale", "0.5", "--forget-bias", "2", "--brief")
    assert r.exit_code == 0, r.output
    assert "recurrent matrices scaled by 0.5: W_hf^(1), W_hi^(1)" in " ".join(r.output.split())
    assert "b_f = 2 for every unit of every layer and direction (--forget-bias): b_f^(1), b_f^(2)" in \
        " ".join(r.output.split())
    plain = run_cli("bptt", "-e", "etiquetas", "--cell", "lstm", "--brief")
    assert "scaled by" not in plain.output and "--forget-bias" not in plain.output
    doc = json.loads(run_cli("bptt", "-e", "etiquetas", "--cell", "lstm", "--scale", "0.5", "--forget-bias", "2",
                             "--format", "json").output)
    assert doc["scale"] == 0.5 and doc["forget_bias"] == 2.0
    assert doc["params"]["layers"][1]["forward"]["b_f"] == [2.0, 2.0, 2.0]


# ---- --at ------------------------------------------------------------------------------------------
def _loss_at(tr, ex, at, values):
    s, P = tr.spec, tr.params
    _, targets = network._classes(ex, s)
    only = np.full(len(targets), -1)
    only[at - 1] = targets[at - 1]
    idx = np.array([tr.vocab.index(w) for w in tr.sentence])
    return float(network.fast_loss(s, P, values, idx, only))


@pytest.mark.parametrize("cell,bi,task", [("rnn", True, "tag"), ("gru", False, "lm"), ("lstm", True, "lm")])
@pytest.mark.parametrize("at", [1, 3])
def test_sum_totals_are_the_gradient_of_that_one_loss(cell, bi, task, at):
    """Σ_k term_k of each layer and direction is ∂L^(t)/∂W_h· by central differences of L^(t)."""
    ex = net_example(5, task)
    tr = network.backward(traced(ex, cell, bi=bi, task=task), ex, gradcheck=False, at=at)
    sums = tr.sums
    assert len(sums.runs) == 2 * (2 if bi else 1)
    eps = 1e-6
    for r in sums.runs:
        for key, g in r.totals.items():
            num = np.zeros_like(g)
            base = tr.params.values[key]
            for i in np.ndindex(g.shape):
                plus, minus = base.copy(), base.copy()
                plus[i] += eps
                minus[i] -= eps
                num[i] = (_loss_at(tr, ex, at, {**tr.params.values, key: plus})
                          - _loss_at(tr, ex, at, {**tr.params.values, key: minus})) / (2 * eps)
            np.testing.assert_allclose(g, num, atol=1e-8, err_msg=key)
        if not bi:  # one way: the steps after t add exactly 0
            assert np.all(r.log10_term[at:] == -np.inf)
    if bi:  # the backward direction of the top layer: k ≥ t reach L^(t), k < t do not
        top_back = sums.runs[-1]
        assert np.all(top_back.log10_term[:at - 1] == -np.inf) and np.isfinite(top_back.log10_term[at - 1])


@pytest.mark.parametrize("cell", ["rnn", "gru", "lstm"])
def test_sum_of_the_plain_network_is_bptts_sum(cell):
    """One layer, one direction, one-hot, lm: each term's size is bptt's (which comes from the
    products of Jacobians, another way)."""
    ex = random_example(4, T=6)
    one = bptt.run(ex, cell=cell, at=5, gradcheck=False)
    s = network.Spec(cell)
    sums = network.backward(network.run(ex, s, detail=False, command="bptt"), ex, gradcheck=False, at=5).sums
    np.testing.assert_allclose(sums.runs[0].log10_term[:5], one.sums.log10_term, atol=1e-10)


def test_at_in_the_view_and_json():
    r = run_cli("bptt", "-e", "etiquetas", "--bidirectional", "--at", "2", "--brief")
    assert r.exit_code == 0, r.output
    text = " ".join(r.output.split())
    assert "layer 2 backward ←: term_k of ∂L^(2)/∂W" in text
    assert "its steps k ≥ 2 reach L^(2) too" in text and "only the steps k ≤" not in text
    assert "k = 4 going backward: h_(T+1)^(←) = 0" in text and "k = 1: h^(0) = 0" in text
    one = " ".join(run_cli("bptt", "-e", "etiquetas", "--at", "2", "--brief").output.split())
    assert "only the steps k ≤ 2 reach L^(2)" in one and "k ≥ 2" not in one and "going backward" not in one
    default = " ".join(run_cli("bptt", "-e", "etiquetas", "--brief").output.split())
    assert "layer 2: term_k of ∂L^(4)/∂W" in default  # as for one layer: the last step with a loss
    assert "term_k" not in " ".join(run_cli("bptt", "-e", "sentimiento", "--brief").output.split())  # classify
    doc = json.loads(run_cli("bptt", "-e", "etiquetas", "--at", "2", "--format", "json").output)
    assert doc["sums"]["t"] == 2 and [r["layer"] for r in doc["sums"]["runs"]] == [1, 2]
    assert doc["sums"]["runs"][1]["log10_terms"][0] is None  # k = 1: h_0 = 0


# ---- --compare --------------------------------------------------------------------------------------
def test_compare_runs_each_cell_on_the_same_network():
    ex = net_example(2, "classify")
    s = network.spec(ex, "lstm", embedding=3, layers=2, bidirectional=True, forget_bias=2.0)
    traces = network.compare(ex, s, "torch")
    assert [tr.cell for tr in traces] == ["rnn", "gru", "lstm"]
    assert traces[1].spec.gru_variant == "torch" and traces[2].spec.forget_bias == 2.0
    assert traces[0].spec.forget_bias is None
    for tr in traces:
        alone = network.backward(network.run(ex, tr.spec, detail=False, command="bptt"), ex, gradcheck=False)
        assert alone.loss == tr.loss
        assert [len(row) for row in tr.runs] == [2, 2]
        np.testing.assert_array_equal(alone.grads["W_hy"], tr.grads["W_hy"])


def test_compare_view_and_json():
    r = run_cli("bptt", "-e", "sentimiento", "--compare", "--layers", "2")
    assert r.exit_code == 0, r.output
    text = " ".join(r.output.split())
    for head in ("layer 1 forward →", "layer 2 backward ←", "rnn: ‖∂s_last/∂s_0‖", "lstm: ‖∂s_last/∂s_0‖"):
        assert head in text
    assert max(len(line) for line in r.output.splitlines()) <= 80
    doc = json.loads(run_cli("bptt", "-e", "sentimiento", "--compare", "--format", "json").output)
    assert doc["compare"] and [c["cell"] for c in doc["curves"]] == ["rnn", "gru", "lstm"]
    assert [(x["layer"], x["direction"]) for x in doc["curves"][0]["ledger"]] == [(1, "forward"), (1, "backward")]


# ---- --explain: the embedding is a look-up ----------------------------------------------------------
def test_explain_calls_the_embedding_a_look_up_in_both_languages():
    en = " ".join(run_cli("forward", "-e", "sentimiento", "--explain", "--t", "1-2").output.split())
    assert ("onehot(“la”) has its only 1 at index 0, so onehot(“la”)·E is not a product to work out but a "
            "look-up: it picks row 0 of E") in en
    assert "Again a look-up: onehot(“película”)·E is row 1 of E" in en
    assert "A product (1×7) · (7×3)" not in en  # no longer the general product
    col = " ".join(run_cli("forward", "-e", "sentimiento", "--explain", "--t", "1", "--convention", "column")
                   .output.split())
    assert "it picks column 0 of E" in col
    back = " ".join(run_cli("bptt", "-e", "sentimiento", "--explain", "--t", "1-2").output.split())
    assert "The look-up backwards: x_t was row 0 of E, so only that row of ∂L/∂E receives ∂L/∂x_t" in back
    assert "Again only row 1 of ∂L/∂E, the row of “película”, receives ∂L/∂x_t." in back
    assert "An outer product of onehot" not in back
    plain = " ".join(run_cli("bptt", "--explain", "--t", "1").output.split())
    assert "The look-up backwards" not in plain and "A weight's gradient at one step is an outer product" in plain
    onehot = " ".join(run_cli("forward", "-e", "lecture", "--explain", "--t", "1").output.split())
    assert "look-up: it picks" not in onehot and "x_t is one-hot" in onehot
    es = " ".join(CliRunner().invoke(main, ["--lang", "es", "bptt", "-e", "sentimiento", "--explain", "--t", "1"],
                                     env={"COLUMNS": "80"}).output.split())
    assert "no es un producto que calcular sino una consulta: selecciona la fila 0 de E" in es
    assert "La consulta hacia atrás: x_t era la fila 0 de E, así que solo esa fila de ∂L/∂E recibe" in es


def test_the_python_api_hands_back_a_networks_trace():
    import rnntrace as rt

    b = rt.bptt(example="etiquetas", at=2, bidirectional=True)
    assert isinstance(b.trace, network.NetTrace) and b.trace.sums.t == 2 and b.to_dict()["sums"]["t"] == 2
    assert isinstance(rt.forward(example="sentimiento").trace, network.NetTrace)
    traces = rt.bptt(example="sentimiento", compare=True).trace
    assert [tr.cell for tr in traces] == ["rnn", "gru", "lstm"]
