"""Saturated cells keep their sizes: the gated cells' Jacobians (the ledger's norms and products)
and the Elman cell's step-by-step backward, where a slope written with the rounded output
(z ⊙ (1 − z), 1 − h̃², 1 − h_t²) is exactly 0 and the true one is 1e-20 … 1e-100.

The independent computations here write every slope from the pre-activation in closed form,
σ′(a) = e^(−|a|)/(1 + e^(−|a|))² and sech²(a) = 4·e^(−2|a|)/(1 + e^(−2|a|))², which float64 holds
for the sizes used (|a| < 350), and build each Jacobian from the equations entry by entry."""
from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from rnntrace import bptt, examples, jacobians as jac
from rnntrace.mathx import sigmoid

V, H = 5, 3


def sig_prime(a):
    e = np.exp(-np.abs(a))
    return e / (1.0 + e) ** 2


def sech2(a):
    e = np.exp(-2.0 * np.abs(a))
    return 4.0 * e / (1.0 + e) ** 2


def full(shape, v):
    return np.full(shape, float(v))


def saturated(cell: str):
    """The lecture's sentence with weights that saturate every gate: GRU z_t = σ(−800) = 0 and
    |a_h̃| ≈ 30; LSTM f_t = 0, i_t = o_t = 1, c̃_t = tanh(40). Every slope written with the
    rounded gate is 0, so the float Jacobian is exactly 0; the true one is 1e-23 … 1e-26."""
    common = {"W_hy": full((H, V), 0.1), "b_y": np.zeros(V)}
    if cell == "gru":
        w = {"W_xr": full((V, H), 0.1), "W_hr": full((H, H), 0.1), "b_r": np.zeros(H),
             "W_xz": full((V, H), -800), "W_hz": full((H, H), 0.1), "b_z": np.zeros(H),
             "W_xh": full((V, H), 30), "W_hh": full((H, H), 0.1), "b_h": np.zeros(H), "b_hn": full(H, 0.2)}
    else:
        w = {f"W_h{g}": full((H, H), 0.1) for g in "fico"} | {f"b_{g}": np.zeros(H) for g in "fico"}
        w |= {"W_xf": full((V, H), -800), "W_xi": full((V, H), 50), "W_xc": full((V, H), 40),
              "W_xo": full((V, H), 800)}
    return replace(examples.load(), weights=w | common)


def gru_reference(P, x, h, variant):
    """∂h_t/∂h_{t−1}[a, b], entry by entry from the GRU's equations."""
    ar, az = x @ P["W_xr"] + h @ P["W_hr"] + P["b_r"], x @ P["W_xz"] + h @ P["W_hz"] + P["b_z"]
    r, z = sigmoid(ar), sigmoid(az)
    if variant == "lecture":
        an = x @ P["W_xh"] + (r * h) @ P["W_hh"] + P["b_h"]
    else:
        hn = h @ P["W_hh"] + P["b_hn"]
        an = x @ P["W_xh"] + P["b_h"] + r * hn
    n = np.tanh(an)
    J = np.zeros((H, H))
    for a in range(H):
        for b in range(H):
            dr = lambda k: sig_prime(ar[k]) * P["W_hr"][b, k]  # noqa: E731  ∂r_k/∂h_b
            if variant == "lecture":
                dpre = sum(P["W_hh"][k, a] * ((r[k] if k == b else 0.0) + h[k] * dr(k)) for k in range(H))
            else:
                dpre = r[a] * P["W_hh"][b, a] + hn[a] * dr(a)
            J[a, b] = ((z[a] if a == b else 0.0) + (h[a] - n[a]) * sig_prime(az[a]) * P["W_hz"][b, a]
                       + sigmoid(-az[a]) * sech2(an[a]) * dpre)
    return J


def lstm_reference(P, x, h, c_prev):
    """∂s_t/∂s_{t−1} for s = (h, c), entry by entry from the LSTM's equations."""
    a = {g: x @ P[f"W_x{g}"] + h @ P[f"W_h{g}"] + P[f"b_{g}"] for g in "fico"}
    f, i, o, g = sigmoid(a["f"]), sigmoid(a["i"]), sigmoid(a["o"]), np.tanh(a["c"])
    c = f * c_prev + i * g
    J = np.zeros((2 * H, 2 * H))
    for u in range(H):
        for b in range(H):
            dc = (c_prev[u] * sig_prime(a["f"][u]) * P["W_hf"][b, u] + g[u] * sig_prime(a["i"][u]) * P["W_hi"][b, u]
                  + i[u] * sech2(a["c"][u]) * P["W_hc"][b, u])
            J[H + u, b] = dc
            J[u, b] = np.tanh(c[u]) * sig_prime(a["o"][u]) * P["W_ho"][b, u] + o[u] * sech2(c[u]) * dc
        J[u, H + u] = o[u] * sech2(c[u]) * f[u]
        J[H + u, H + u] = f[u]
    return J


@pytest.mark.parametrize("cell, variant", [("gru", "lecture"), ("gru", "torch"), ("lstm", "lecture")])
def test_saturated_gated_jacobians_keep_their_size(cell, variant):
    tr = bptt.run(saturated(cell), cell=cell, gru_variant=variant, gradcheck=False)
    P, x = tr.params, tr.values["x"]
    h_prev = np.vstack([np.zeros((1, H)), tr.values["h"][:-1]])
    c_prev = np.vstack([np.zeros((1, H)), tr.values["c"][:-1]]) if cell == "lstm" else None
    # the case: every Jacobian written with the rounded gates is exactly 0 ("0 (exact)" before)
    plain = jac.gru(P, tr.values, h_prev, variant) if cell == "gru" else jac.lstm(P, tr.values, c_prev)
    assert not plain.any()
    theirs = [gru_reference(P, x[t], h_prev[t], variant) if cell == "gru" else lstm_reference(P, x[t], h_prev[t], c_prev[t])
              for t in range(tr.T)]
    want = [np.log10(np.linalg.norm(J, 2)) for J in theirs]
    assert max(want) < -20  # tiny, and far from 0 in float64
    np.testing.assert_allclose(tr.log10_jacobian_norms, want, atol=1e-9,
                               err_msg=f"mine {tr.log10_jacobian_norms} vs theirs {want}")
    for t in range(tr.T):  # the matrices shown: the same entries
        np.testing.assert_allclose(tr.jacobians[t], theirs[t], rtol=1e-9, atol=1e-12 * np.abs(theirs[t]).max())
    # the products: ∂s_T/∂s_k, from the reference Jacobians (each step's size set aside by hand)
    for k in range(tr.T):
        Q, scale = np.eye(len(theirs[0])), 0.0
        for J in theirs[k:][::-1]:
            Q = Q @ (J / np.abs(J).max())
            scale += np.log10(np.abs(J).max())
        assert tr.products.log10_norm[k] == pytest.approx(np.log10(np.linalg.norm(Q, 2)) + scale, abs=1e-8)


def test_saturated_gated_norms_are_not_printed_as_exact_zeros():
    """The JSON's norms are numbers (null was "0 (exact)"), and so are the LSTM's path norms."""
    from rnntrace.render import bptt_json

    tr = bptt.run(saturated("lstm"), cell="lstm", gradcheck=False)

    from rnntrace.render.jsondoc import plain

    doc = json.loads(json.dumps(plain(bptt_json.document(tr))))
    logs = [n["log10_norm"] for n in doc["norms"]]
    assert all(isinstance(v, float) for v in logs) and max(logs) < -20
    assert all(np.isfinite(tr.log10_jacobian_norms))
    assert all(np.isfinite(tr.paths.log10_hidden))
    # dc_t/dc_{t−1} = diag(f_t) + ∂c_t/∂h_{t−1}·∂h_{t−1}/∂c_{t−1}: 1e-23 through h_{t−1} from t = 2;
    # at t = 1 only diag(f_1), and f_1 = σ(−800) is itself 0 in float64
    assert all(np.isfinite(tr.paths.log10_total[1:])) and max(tr.paths.log10_total) < -20


def test_unsaturated_gated_ledger_is_the_float_jacobian():
    """Nothing saturated: the factored ledger is the plain Jacobian, to rounding."""
    for cell, variant in (("gru", "lecture"), ("gru", "torch"), ("lstm", "lecture")):
        tr = bptt.run(examples.load(), cell=cell, gru_variant=variant, gradcheck=False)
        h_prev = np.vstack([np.zeros((1, H)), tr.values["h"][:-1]])
        plain = (jac.gru(tr.params, tr.values, h_prev, variant) if cell == "gru"
                 else jac.lstm(tr.params, tr.values, np.vstack([np.zeros((1, H)), tr.values["c"][:-1]])))
        np.testing.assert_allclose(tr.jacobians, plain, rtol=1e-13, atol=1e-15)


def test_saturated_elman_backward_step_keeps_its_slope():
    """--scale 100: 1 − h_t² is 0 in float64 (|a| > 19), so δ_t and every recurrent gradient
    contribution were 0; from a_t they are ∂L/∂h_t ⊙ sech²(a_t), about 1e-35 at the last target."""
    tr = bptt.run(examples.load(), scale=100, gradcheck=False)
    a, h = tr.values["a"], tr.values["h"]
    last = next(s for s in tr.steps if s.target is not None)  # t = 4: the last word has no target
    t = last.t
    assert np.all(1.0 - h[t - 1] ** 2 == 0.0)  # the case: the old slope is exactly 0
    delta = next(op for op in last.ops if op.target is not None and op.target.name == "δ_t")
    dh = next(op for op in last.ops if op.target is not None and op.target.name == "∂L/∂h_t").value
    want = dh * sech2(a[t - 1])
    np.testing.assert_allclose(delta.value, want, rtol=1e-12)
    assert 0 < np.max(np.abs(delta.value)) < 1e-30
    # the step-by-step gradients are the batched ones (both take the slope from a_t)
    g = bptt.gradients(examples.load(), scale=100)
    for n in ("W_hh", "W_xh", "b_h"):
        np.testing.assert_allclose(tr.grads[n], g[n], rtol=1e-9, atol=0)
        assert np.any(tr.grads[n] != 0)


def test_unsaturated_elman_backward_keeps_the_lectures_slope():
    """Away from saturation the slope is 1 − h_t², as the lecture writes it, bit for bit."""
    tr = bptt.run(examples.load(), gradcheck=False)
    h = tr.values["h"]
    for s in tr.steps:
        ops = {op.target.name: op for op in s.ops if op.target is not None}
        if "δ_t" in ops:
            assert np.array_equal(ops["δ_t"].value, ops["∂L/∂h_t"].value * (1.0 - h[s.t - 1] * h[s.t - 1]))
