"""Each cell against an independent hand-written computation on small random cases.

The reference below is written the other way round on purpose: column vectors and transposed
matrices (W.T @ x, as PyTorch writes it) with explicit scalar loops for the gates, so it shares
no code with ``rnntrace.cells``. On failure the message prints mine vs theirs.
"""
import math

import numpy as np
import pytest

from rnntrace import cells, forward
from rnntrace.examples import Example
from rnntrace.params import param_names


def sig(a):
    return 1.0 / (1.0 + math.exp(-a))


def col(W, v):
    """W.T @ v with loops: (W is n×m, v has n entries) → m entries."""
    n, m = len(W), len(W[0])
    return [sum(W[i][j] * v[i] for i in range(n)) for j in range(m)]


def ref_rnn(P, xs, H):
    h, out = [0.0] * H, []
    for x in xs:
        a = [u + w + b for u, w, b in zip(col(P["W_xh"], x), col(P["W_hh"], h), P["b_h"])]
        h = [math.tanh(v) for v in a]
        out.append({"a": a, "h": h})
    return out


def ref_gru(P, xs, H, variant):
    h, out = [0.0] * H, []
    for x in xs:
        r = [sig(u + w + b) for u, w, b in zip(col(P["W_xr"], x), col(P["W_hr"], h), P["b_r"])]
        z = [sig(u + w + b) for u, w, b in zip(col(P["W_xz"], x), col(P["W_hz"], h), P["b_z"])]
        if variant == "lecture":
            rh = [ri * hi for ri, hi in zip(r, h)]
            ht = [math.tanh(u + w + b) for u, w, b in zip(col(P["W_xh"], x), col(P["W_hh"], rh), P["b_h"])]
        else:  # PyTorch: n = tanh(W_in x + b_in + r * (W_hn h + b_hn))
            hn = [w + b for w, b in zip(col(P["W_hh"], h), P["b_hn"])]
            ht = [math.tanh(u + b + ri * v) for u, b, ri, v in zip(col(P["W_xh"], x), P["b_h"], r, hn)]
        h = [zi * hi + (1 - zi) * ti for zi, hi, ti in zip(z, h, ht)]
        out.append({"r": r, "z": z, "h_tilde": ht, "h": h})
    return out


def ref_lstm(P, xs, H):
    h, c, out = [0.0] * H, [0.0] * H, []
    for x in xs:
        def gate(g, f):
            return [f(u + w + b) for u, w, b in zip(col(P[f"W_x{g}"], x), col(P[f"W_h{g}"], h), P[f"b_{g}"])]
        f, i, ct, o = gate("f", sig), gate("i", sig), gate("c", math.tanh), gate("o", sig)
        c = [fi * ci + ii * ti for fi, ci, ii, ti in zip(f, c, i, ct)]
        h = [oi * math.tanh(ci) for oi, ci in zip(o, c)]
        out.append({"f": f, "i": i, "c_tilde": ct, "c": c, "o": o, "h": h})
    return out


def random_example(rng, cell, variant="lecture"):
    V, H, T = int(rng.integers(2, 7)), int(rng.integers(1, 6)), int(rng.integers(1, 6))
    vocab = tuple(f"w{i}" for i in range(V))
    sentence = tuple(vocab[i] for i in rng.integers(0, V, size=T))
    weights = {}
    for name in param_names(cell, variant):
        shape = {"W_hy": (H, V), "b_y": (V,)}.get(name) or (
            (V, H) if name.startswith("W_x") else (H, H) if name.startswith("W_h") else (H,))
        weights[name] = rng.normal(0, 0.8, size=shape)
    return Example(name="random", title="", description="", cell=cell, vocab=vocab, sentence=sentence,
                   targets=tuple(list(sentence[1:]) + [None]), hidden_size=H, seed=0, weights=weights,
                   source="random")


@pytest.mark.parametrize("cell,variant", [("rnn", "lecture"), ("gru", "lecture"), ("gru", "torch"),
                                          ("lstm", "lecture")])
@pytest.mark.parametrize("seed", range(12))
def test_cell_against_independent_reference(cell, variant, seed):
    rng = np.random.default_rng(1000 + seed)
    ex = random_example(rng, cell, variant)
    tr = forward.run(ex, gru_variant=variant)
    P = {k: v.tolist() for k, v in ex.weights.items()}
    xs = [[1.0 if w == tok else 0.0 for w in ex.vocab] for tok in ex.sentence]
    ref = {"rnn": lambda: ref_rnn(P, xs, ex.hidden_size), "lstm": lambda: ref_lstm(P, xs, ex.hidden_size),
           "gru": lambda: ref_gru(P, xs, ex.hidden_size, variant)}[cell]()
    for step, theirs in zip(tr.steps, ref):
        for key, want in theirs.items():
            mine = step.values[key]
            assert np.allclose(mine, want, rtol=1e-12, atol=1e-14), \
                f"t={step.t} {key}: mine {mine} vs theirs {np.array(want)}"
        y = col(P["W_hy"], theirs["h"])
        y = [v + b for v, b in zip(y, P["b_y"])]
        e = [math.exp(v - max(y)) for v in y]
        p = [v / sum(e) for v in e]
        assert np.allclose(step.values["p"], p, rtol=1e-12, atol=1e-15)
        if step.target is not None:
            want = -math.log(p[ex.vocab.index(step.target)])
            assert math.isclose(step.values["loss"], want, rel_tol=1e-12)


def test_gru_variants_agree_when_reset_gate_is_open_and_b_hn_zero():
    """With r_t = 1 (a huge reset bias) and b_hn = 0 the lecture and torch candidates coincide."""
    rng = np.random.default_rng(5)
    ex = random_example(rng, "gru", "torch")
    ex.weights["b_r"] = np.full(ex.hidden_size, 50.0)
    ex.weights["b_hn"] = np.zeros(ex.hidden_size)
    lec, tor = forward.run(ex, gru_variant="lecture"), forward.run(ex, gru_variant="torch")
    for a, b in zip(lec.steps, tor.steps):
        np.testing.assert_allclose(a.values["h"], b.values["h"], rtol=1e-12)


def test_recorder_disabled_computes_the_same_values():
    rng = np.random.default_rng(9)
    ex = random_example(rng, "lstm")
    on, off = forward.run(ex), forward.run(ex, record=False)
    assert all(s.ops == [] for s in off.steps)
    for a, b in zip(on.steps, off.steps):
        np.testing.assert_array_equal(a.values["h"], b.values["h"])


def test_stable_functions_do_not_overflow():
    from rnntrace.mathx import cross_entropy, sigmoid, softmax

    with np.errstate(over="raise", invalid="raise", divide="raise"):
        assert sigmoid(np.array([-1000.0, 0.0, 1000.0])).tolist() == [0.0, 0.5, 1.0]
        assert softmax(np.array([1000.0, 1000.0])).tolist() == [0.5, 0.5]
        assert math.isclose(cross_entropy(np.array([1000.0, 0.0]), 1), 1000.0)


def test_activations_table_matches_numpy():
    a = np.linspace(-3, 3, 13)
    for name, (f, df, gamma) in cells.ACTIVATIONS.items():
        y = f(a)
        eps = 1e-6
        numeric = (f(a + eps) - f(a - eps)) / (2 * eps)
        mask = np.abs(a) > 1e-3  # relu has a kink at 0
        np.testing.assert_allclose(df(a, y)[mask], numeric[mask], rtol=1e-6, atol=1e-9)
        assert np.max(np.abs(df(a, y))) <= gamma + 1e-12


@pytest.mark.parametrize("cell,variant", [("rnn", "lecture"), ("gru", "lecture"), ("gru", "torch"),
                                          ("lstm", "lecture")])
def test_steps_on_stacked_rows_with_biases_match_one_row_at_a_time(cell, variant):
    """A step given T inputs and T previous states at once, as (T, V) and (T, H) arrays, computes
    each row as the one-row step does; the (H,) biases broadcast over the rows."""
    rng = np.random.default_rng(21)
    V, H, T = 4, 3, 5
    weights = {}
    for name in param_names(cell, variant):
        shape = {"W_hy": (H, V), "b_y": (V,)}.get(name) or (
            (V, H) if name.startswith("W_x") else (H, H) if name.startswith("W_h") else (H,))
        weights[name] = rng.normal(0, 0.8, size=shape)
    p = cells.P(weights)
    xs, hs, cs = np.eye(V)[rng.integers(0, V, size=T)], rng.normal(size=(T, H)), rng.normal(size=(T, H))

    def step(x, h, c):
        rec = cells.Recorder(enabled=False)
        if cell == "rnn":
            return cells.rnn_step(p, x, h, rec)[0]
        if cell == "gru":
            return cells.gru_step(p, x, h, rec, variant)[0]
        return cells.lstm_step(p, x, (h, c), rec)[0]

    stacked = step(xs, hs, cs)
    for t in range(T):
        one = step(xs[t], hs[t], cs[t])
        for key, value in one.items():
            np.testing.assert_allclose(stacked[key][t], value, rtol=1e-14, atol=1e-15, err_msg=key)
