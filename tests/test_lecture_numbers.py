"""The slide "Cálculos Forward" (001_01fce93f44315647.txt), number for number."""
import numpy as np

from rnntrace import examples, forward

W_XH = [[0.2, 0.1, 0.2], [0.3, 0.2, 0.1], [0.6, 0.4, 0.1], [0.8, 0.1, 0.2], [0.1, 0.1, 0.4]]
W_HH = [[0.2, 0.1, 0.2], [0.3, 0.2, 0.1], [0.6, 0.4, 0.1]]
W_HY = [[0.2, 0.1, 0.2, 0.1, 0.1], [0.3, 0.2, 0.1, 0.2, 0.1], [0.6, 0.4, 0.1, 0.1, 0.3]]


def test_default_example_holds_the_lectures_matrices():
    ex = examples.load()
    assert ex.name == "lecture" and len(ex.vocab) == 5 and ex.hidden_size == 3
    tr = forward.run(ex)
    assert tr.params["W_xh"].tolist() == W_XH
    assert tr.params["W_hh"].tolist() == W_HH
    assert tr.params["W_hy"].tolist() == W_HY
    assert tr.drawn == [] and tr.implicit_zero == ["b_h", "b_y"]
    assert not tr.params["b_h"].any() and not tr.params["b_y"].any()


def test_first_step_is_the_slides():
    ex = examples.load()
    s = forward.run(ex).steps[0]
    assert s.values["x"].tolist() == [0, 1, 0, 0, 0]
    products = [op for op in s.ops if op.target is None]
    xw, hw = products[0].value, products[1].value
    assert xw.tolist() == [0.3, 0.2, 0.1]  # one-hot picks row 2 of W_xh, exactly
    assert hw.tolist() == [0.0, 0.0, 0.0]  # h_0 = 0
    assert s.values["a"].tolist() == [0.3, 0.2, 0.1]
    assert s.values["h"].tolist() == np.tanh([0.3, 0.2, 0.1]).tolist()
    target = np.zeros(5)
    target[ex.index(s.target)] = 1
    assert target.tolist() == [0, 0, 0, 1, 0]  # the slide's outputReal


def test_output_and_loss_by_hand():
    s = forward.run(examples.load()).steps[0]
    h = np.tanh([0.3, 0.2, 0.1])
    y = [sum(h[k] * W_HY[k][j] for k in range(3)) for j in range(5)]
    e = np.exp(y)
    p = e / e.sum()
    np.testing.assert_allclose(s.values["y"], y, rtol=0, atol=1e-15)
    np.testing.assert_allclose(s.values["p"], p, rtol=0, atol=1e-15)
    np.testing.assert_allclose(s.values["loss"], -np.log(p[3]), rtol=1e-14)


def test_total_loss_is_the_sum_over_steps_with_a_target():
    tr = forward.run(examples.load())
    losses = [s.values["loss"] for s in tr.steps]
    assert losses[-1] is None  # the last token has no next word
    assert tr.loss == sum(losses[:-1])


def test_pseudocode_example_predicts_after_neural():
    ex = examples.load("pseudocode")
    assert ex.sentence == ("I", "love", "recurrent", "neural")
    assert ex.targets[-1] == "networks" and ex.hidden_size == 4
    tr = forward.run(ex)
    assert sorted(tr.drawn) == ["W_hh", "W_hy", "W_xh"]
    assert tr.steps[-1].target == "networks" and tr.steps[-1].values["loss"] > 0
