"""Runs side by side give each run the numbers it gets alone, bit for bit: a layer's two
directions scanned together (``scan.tanh_rows``, ``Cell.scan_many``), their state gradients
carried back together (``bptt._state_gradients`` with a leading axis), and norms of products
computed for a sample of k (``jacobians.product_norms_at``). The references are the one-run code
paths; equality is exact (``array_equal``), not within a tolerance."""
from __future__ import annotations

import numpy as np
import pytest

from rnntrace import bptt, cells, jacobians as jac, scan


def _elman_params(rng, V, H, scale):
    return {"W_xh": rng.normal(size=(V, H)) * scale, "W_hh": rng.normal(size=(H, H)) * scale,
            "b_h": rng.normal(size=H)}


@pytest.mark.parametrize("H", [1, 3, 8, 64])
@pytest.mark.parametrize("scale", [0.1, 1.0, 30.0])
def test_two_directions_scanned_together_are_each_scanned_alone(H, scale):
    rng = np.random.default_rng([H, int(scale * 10)])
    V, T = 7, 300
    P = [_elman_params(rng, V, H, scale) for _ in range(2)]
    idx = rng.integers(0, V, T)
    X = rng.normal(size=(T, 5))
    dense = [{**p, "W_xh": rng.normal(size=(5, H))} for p in P]
    cell = cells.make("rnn")
    together = cell.scan_many([(P[0], None, idx), (P[1], None, idx[::-1])])
    alone = [scan.elman(P[0], idx), scan.elman(P[1], idx[::-1])]
    for (a, _), (b, _) in zip(together, alone):
        assert np.array_equal(a, b)
    together = cell.scan_many([(dense[0], X, None), (dense[1], X[::-1], None)])
    for (a, _), p, x in zip(together, dense, (X, X[::-1])):
        assert np.array_equal(a, cell.scan(p, x)[0])
    # the stacked loop for one run is the fast path itself; other activations run alone
    assert cells.make("rnn", activation="relu").scan_many([(P[0], None, idx)])[0][0].shape == (T, H)


@pytest.mark.parametrize("T", [1, 2, 8, 9, 10, 57, 1000])
@pytest.mark.parametrize("S", [1, 3, 6])
def test_state_gradients_side_by_side_are_each_alone_and_step_by_step_to_rounding(T, S):
    rng = np.random.default_rng([T, S])
    D = rng.normal(size=(2, T, S)) * 10.0 ** rng.uniform(-3, 3, size=(2, T, 1))
    J = rng.normal(size=(2, T, S, S)) * 0.6
    together = bptt._state_gradients(D, J)
    # two gradients (L's, L^(t)'s) through the same Jacobians: J's leading axes broadcast
    streams = bptt._state_gradients(np.stack([D, D[::-1] * 0.5]), J)
    for k in range(2):
        alone = bptt._state_gradients(D[k], J[k])
        assert np.array_equal(together[k], alone) and np.array_equal(streams[0, k], alone)
        assert np.array_equal(streams[1, k], bptt._state_gradients(D[1 - k] * 0.5, J[k]))
        # the blocked recurrence against the plain one: ∂L/∂s_t = D_t + ∂L/∂s_{t+1}·J_{t+1}
        g, want = D[k, T - 1], np.empty((T, S))
        want[T - 1] = g
        for t in range(T - 2, -1, -1):
            g = D[k, t] + g @ J[k, t + 1]
            want[t] = g
        np.testing.assert_allclose(alone, want, rtol=1e-9, atol=1e-12 * np.max(np.abs(want)))


@pytest.mark.parametrize("S", [1, 2, 3, 6, 9])
@pytest.mark.parametrize("n", [1, 2, 3, 500, 1025])
def test_norms_of_sampled_products_are_those_of_all(S, n):
    """Only the partial products a sample of k is made of (``jacobians.product_norms_at``): the
    same bits as the whole scan's, zeros, saturation and nan included."""
    rng = np.random.default_rng([S, n])
    Jt = rng.normal(size=(n, S, S)) * rng.uniform(0.1, 3.0, size=(n, 1, 1))
    if n > 20:
        Jt[17] = 0.0  # an exact zero: −inf from there on
        Jt[n - 3, 0, 0] = np.nan
    e = rng.uniform(-5, 5, size=n)
    every = jac.products(Jt, e)
    for ks in ([0], [n - 1], sorted({0, 3 % n, 17 % n, 18 % n, n // 2, n - 1}), list(range(0, n, 7))):
        ks = np.array(ks)
        assert np.array_equal(jac.product_norms_at(Jt, e, ks), every.log10_norm[ks], equal_nan=True)
        assert np.array_equal(jac.product_norms_at(Jt, None, ks), jac.products(Jt).log10_norm[ks],
                              equal_nan=True)


def test_a_network_run_samples_the_norms_it_would_compute_in_full():
    from rnntrace import examples, network

    ex = examples.load("lecture")
    s = network.spec(ex, "rnn", layers=2, bidirectional=True)
    ex = network.extend(ex, s, 300, ex.seed)
    tr = network.backward(network.run(ex, s, detail=False, command="bptt"), ex, gradcheck=False)
    ks = np.array([0, 1, 150, 299])
    for row in tr.runs:
        for r in row:
            sampled = r.log10_products_at(ks)  # before the full array exists
            assert "log10_products" not in r.__dict__
            assert np.array_equal(sampled, r.log10_products[ks])
            assert np.array_equal(r.log10_products_at(ks), sampled)


@pytest.mark.parametrize("S", [1, 2, 3, 4, 5, 6])
def test_max_abs_is_numpys_reduction(S):
    rng = np.random.default_rng(S)
    M = rng.normal(size=(400, S, S)) * 10.0 ** rng.uniform(-300, 300, size=(400, 1, 1))
    M[3, 0, -1] = np.nan
    M[4, -1, 0] = -np.inf
    M[5] = -0.0
    assert np.array_equal(jac.max_abs(M), np.max(np.abs(M), axis=(1, 2)), equal_nan=True)
    assert jac.max_abs(np.zeros((0, S, S))).shape == (0,)


def test_sigmoid_is_bit_for_bit_the_two_sided_formula_over_many_magnitudes():
    """mathx.sigmoid against the formula picked half by half (the previous code, written out
    here): 10^6 values from 1e-8 to 1e3 in size, both signs, and the edges."""
    from rnntrace import mathx

    rng = np.random.default_rng(7)
    a = np.concatenate([rng.normal(size=100_000) * 10.0 ** k for k in range(-8, 4)]
                       + [np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 709.0, -745.0, 1e308, -1e308])])
    want = np.empty_like(a)
    pos = a >= 0
    want[pos] = 1.0 / (1.0 + np.exp(-a[pos]))
    ea = np.exp(a[~pos])
    want[~pos] = ea / (1.0 + ea)
    got = mathx.sigmoid(a)
    assert a.size > 10**6 and np.array_equal(got.view(np.int64), want.view(np.int64))
    assert mathx.sigmoid(np.array(-1000.0)) == 0.0 and mathx.sigmoid(1000.0) == 1.0
