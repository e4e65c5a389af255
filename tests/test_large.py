"""Large and extreme runs keep what they show: norms under saturation, exact zeros beyond
float64's range, long JSON documents written fast and unchanged.

The independent computations here use sech²(a) = 4·e^(−2|a|)/(1 + e^(−2|a|))², which float64
holds down to |a| ≈ 354, against the ledger's log-space slope."""
from __future__ import annotations

import json
import math

import numpy as np
import pytest

from rnntrace import bptt, examples, jacobians as jac, mathx


def sech2(a):
    e = np.exp(-2.0 * np.abs(a))
    return 4.0 * e / (1.0 + e) ** 2


def test_log_slope_against_the_closed_forms():
    a = np.array([-300.0, -40.0, -19.5, -1.0, 0.0, 0.5, 19.5, 40.0, 300.0])
    np.testing.assert_allclose(np.exp(mathx.log_slope("tanh", a)), sech2(a), rtol=1e-13)
    s = 1.0 / (1.0 + np.exp(-a))
    np.testing.assert_allclose(np.exp(mathx.log_slope("sigmoid", a)), np.exp(-np.abs(a)) / (1 + np.exp(-np.abs(a))) ** 2,
                               rtol=1e-13)
    np.testing.assert_allclose(np.exp(mathx.log_slope("sigmoid", a[3:6])), s[3:6] * (1 - s[3:6]), rtol=1e-13)
    # beyond float64: ln sech²(a) = ln 4 − 2|a| − 2·ln(1 + e^(−2|a|)), the last term 0 here
    assert mathx.log_slope("tanh", np.array([1000.0]))[0] == pytest.approx(math.log(4) - 2000, rel=1e-15)
    assert list(mathx.log_slope("relu", np.array([-1.0, 0.0, 2.0]))) == [-np.inf, -np.inf, 0.0]


def test_saturated_norms_keep_their_magnitude():
    """--scale 100: |a| > 19 everywhere after step 1, so 1 − h² was 0 and every norm '0 (exact)'."""
    tr = bptt.run(examples.load(), scale=100, gradcheck=False)
    a, W = tr.values["a"], tr.params["W_hh"]
    assert np.all(1.0 - np.tanh(a[2:]) ** 2 == 0.0)  # the case the issue found: |a| > 19
    J = [np.diag(sech2(a[i])) @ W.T for i in range(tr.T)]  # 1e-17 … 1e-40: float64 holds them
    for k in range(tr.T):
        P = np.eye(3)
        for i in range(tr.T - 1, k - 1, -1):
            P = P @ J[i]
        theirs = np.log10(np.linalg.norm(P, 2))
        assert tr.products.log10_norm[k] == pytest.approx(theirs, abs=1e-9), f"k={k}: mine {tr.products.log10_norm[k]} vs theirs {theirs}"
    np.testing.assert_allclose(tr.log10_jacobian_norms, [np.log10(np.linalg.norm(j, 2)) for j in J], atol=1e-9)
    assert tr.products.log10_norm[-1] == pytest.approx(-32.839, abs=1e-3)  # about 1e-33 at distance 1


def test_saturated_sum_terms_keep_their_magnitude():
    """The lecture's sum at t = 4 under --scale 100: term_4 = h_3ᵀ·(∂L^(4)/∂h_4 ⊙ sech²(a_4)) is
    about 1e-35, the largest, not '0 (exact)' (which made the distant terms '100%' of the sum)."""
    tr = bptt.run(examples.load(), scale=100, gradcheck=False)
    s = tr.sums
    t = s.t
    d = tr.values["p"][t - 1].copy()
    d[tr.vocab.index(tr.targets[t - 1])] -= 1.0  # ∂L^(t)/∂y_t
    dh = d @ tr.params["W_hy"].T
    theirs = np.linalg.norm(tr.values["h"][t - 2]) * np.linalg.norm(dh * sech2(tr.values["a"][t - 1]))
    assert s.log10_term[t - 1] == pytest.approx(np.log10(theirs), abs=1e-9)
    assert np.argmax(s.log10_term) == t - 1 and theirs < 1e-30
    assert s.terms is not None and np.linalg.norm(s.terms[t - 1]) == pytest.approx(theirs, rel=1e-9)


def test_10000_saturated_steps_keep_every_norm(cli):
    d = json.loads(cli("bptt", "--steps", "10000", "--scale", "100", "--format", "json").stdout)
    logs = [n["log10_norm"] for n in sorted(d["norms"], key=lambda n: n["distance"])]
    assert all(isinstance(v, float) and math.isfinite(v) for v in logs)  # was null ("0 (exact)") for all
    assert logs[0] < -10 and logs[-1] < -100_000
    assert all(b < a for a, b in zip(logs[:100], logs[1:101]))  # each step multiplies by ≪ 1


def test_an_exact_zero_stays_zero_beyond_616():
    """A product with exact zeros whose scale passes 10^616: 10^(ls/2) is inf, and 0·inf was nan."""
    J = np.stack([np.diag([1e100, 0.0, 1e100])] * 7)  # the product: diag(1e700, 0, 1e700)
    P = jac.products(J)
    assert P.log_scale[0] > 616
    M = P.matrix(0)
    assert not np.isnan(M).any()
    assert M[0, 0] == np.inf and M[1, 1] == 0.0 and M[0, 1] == 0.0
    assert mathx.times_pow10(np.array([0.0, np.nan, 1.0]), 700.0).tolist()[::2] == [0.0, np.inf]
    assert np.isnan(mathx.times_pow10(np.array([0.0, 1.0]), np.nan)).all()  # after nan: nan


# ---- the JSON of a long run ------------------------------------------------------------------
def test_json_text_has_json_dumps_values_with_arrays_on_one_line(cli):
    """Keys and values exactly json.dumps(doc, indent=1)'s; a vector or matrix on one line (with
    indent=1 every number had a line: 163 MiB for 10,000 steps)."""
    from rnntrace.render import bptt_json
    from rnntrace.render.jsondoc import dumps, plain

    tr = bptt.run(bptt.extend(examples.load(), 300, 0))
    doc = bptt_json.document(tr)
    text = dumps(doc)
    assert json.loads(text) == json.loads(json.dumps(plain(doc), indent=1))
    lines = text.split("\n")
    assert ' "vocab": ["recurrent","I","networks","love","neural"],' in lines
    assert '  "W_hh": [[0.2,0.1,0.2],[0.3,0.2,0.1],[0.6,0.4,0.1]],' in lines
    assert len(lines) < 2000 < len(json.dumps(plain(doc), indent=1).split("\n")) / 10
    assert dumps({1: [], "a": {}, "b": [{"c": None}], "d": [[1.5, "é"], True]}) == (
        '{\n "1": [],\n "a": {},\n "b": [\n  {"c":null}\n ],\n "d": [[1.5,"é"],true]\n}')


def test_json_of_10000_steps_is_the_same_document(cli):
    """The fast paths (rows converted once, finite steps not looked at number by number) write
    what the step-by-step conversion writes, nulls and warnings included."""
    from rnntrace.render import bptt_json
    from rnntrace.render.jsondoc import jsonable, plain

    tr = bptt.run(bptt.extend(examples.load(), 10_000, 0))
    fast = plain(bptt_json.document(tr))
    slow = [{"t": s.t, "values": plain(jsonable({k: np.asarray(v) if isinstance(v, list) else v
                                                  for k, v in s.values.items()}, "v", []))}
            for s in bptt.forward_trace(tr).steps]
    assert [{"t": s["t"], "values": s["values"]} for s in fast["steps"]] == slow
    assert fast["jacobians"][9999]["matrix"] == tr.jacobians[9999].tolist()
    # a run that overflows: nulls where inf/nan are, each named in the warnings
    over = bptt.run(bptt.extend(examples.load(), 60, 0), scale=1e200, activation="relu")
    d = plain(bptt_json.document(over))
    assert any(s["values"]["a"] is not None and None in s["values"]["a"] for s in d["steps"])
    assert any("steps[" in w and ".values.a" in w for w in d["warnings"])
    assert all(isinstance(x, float) for s in d["steps"] for x in (s["values"]["x"] or []))


# ---- the gradient alone, fast ---------------------------------------------------------------------
@pytest.mark.parametrize("cell,activation", [("rnn", "tanh"), ("rnn", "relu"), ("rnn", "sigmoid"), ("gru", "tanh"),
                                             ("lstm", "tanh")])
def test_gradients_alone_are_the_step_by_step_ones(cell, activation):
    """bptt.gradients (Elman: no Jacobian built) against the step-by-step backward pass."""
    from dataclasses import replace

    ex = bptt.extend(replace(examples.load(), hidden_size=7, weights={}), 40, 3)
    mine = bptt.gradients(ex, cell=cell, activation=activation, scale=1.5)
    theirs = bptt.run(ex, cell=cell, activation=activation, scale=1.5, detail=True, gradcheck=False).grads
    assert list(mine) == list(theirs)
    for n in theirs:
        np.testing.assert_allclose(mine[n], theirs[n], rtol=1e-11, atol=1e-14, err_msg=f"{n}: mine vs theirs")
    long = bptt.run(ex, cell=cell, activation=activation, scale=1.5, detail=False, gradcheck=False).grads
    for n in theirs:
        np.testing.assert_allclose(long[n], theirs[n], rtol=1e-11, atol=1e-14, err_msg=f"{n}: long path vs steps")


def test_elman_gradients_agree_with_torch_at_h64_t1000():
    torch = pytest.importorskip("torch")
    from dataclasses import replace

    ex = bptt.extend(replace(examples.load(), hidden_size=64, weights={}), 1000, 0)
    mine = bptt.gradients(ex)
    P = bptt.run(bptt.extend(ex, 2, 0), gradcheck=False).params  # the same drawn weights
    T = {k: torch.tensor(v) for k, v in P.items()}
    rnn = torch.nn.RNN(5, 64, nonlinearity="tanh").double()
    with torch.no_grad():
        rnn.weight_ih_l0.copy_(T["W_xh"].T)
        rnn.weight_hh_l0.copy_(T["W_hh"].T)
        rnn.bias_ih_l0.copy_(T["b_h"])
        rnn.bias_hh_l0.zero_()
    W_hy, b_y = T["W_hy"].requires_grad_(True), T["b_y"].requires_grad_(True)
    idx = torch.tensor([ex.index(w) for w in ex.sentence])
    hs, _ = rnn(torch.nn.functional.one_hot(idx, 5).double()[:, None, :])
    loss = torch.nn.functional.cross_entropy(hs[:, 0] @ W_hy + b_y, torch.tensor([ex.index(w) for w in ex.targets]),
                                             reduction="sum")
    loss.backward()
    theirs = {"W_xh": rnn.weight_ih_l0.grad.T, "W_hh": rnn.weight_hh_l0.grad.T, "b_h": rnn.bias_ih_l0.grad,
              "W_hy": W_hy.grad, "b_y": b_y.grad}
    for n, g in theirs.items():
        np.testing.assert_allclose(mine[n], g.numpy(), rtol=1e-9, atol=1e-13, err_msg=f"{n}: mine vs torch")


def test_the_cli_runs_one_blas_thread_unless_told():
    """Threads only contend at these sizes; the CLI sets one before numpy loads, and a user's own
    setting wins."""
    import os
    import subprocess
    import sys

    probe = "import os, rnntrace.cli, numpy; print(os.environ['OPENBLAS_NUM_THREADS'], os.environ['OMP_NUM_THREADS'])"
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")}
    assert subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True).stdout.split() == ["1", "1"]
    env["OPENBLAS_NUM_THREADS"] = "2"
    assert subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True).stdout.split() == ["2", "1"]


def test_json_output_does_not_load_rich():
    """rich is a third of the start-up; the JSON of 10,000 steps has no use for it."""
    import subprocess
    import sys

    probe = ("import sys, runpy\nsys.argv = ['rnntrace', 'bptt', '--steps', '20', '--format', 'json']\n"
             "try:\n runpy.run_module('rnntrace', run_name='__main__')\nexcept SystemExit:\n pass\n"
             "print('rich' in sys.modules, file=sys.stderr)")
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert json.loads(r.stdout)["command"] == "bptt" and r.stderr.strip() == "False", r.stderr[-500:]


def test_building_and_writing_a_document_leave_the_collector_as_they_found_it():
    import gc

    from rnntrace.render import bptt_json
    from rnntrace.render.jsondoc import dumps

    tr = bptt.run(bptt.extend(examples.load(), 30, 0))
    assert gc.isenabled()
    seen = []
    gc.collect()  # counts at zero: no collection due from allocations made before the call
    gc.callbacks.append(lambda phase, info: seen.append(phase))
    try:
        dumps(bptt_json.document(tr))  # no collection runs while it builds and writes
        assert gc.isenabled() and seen == []
        gc.disable()
        dumps(bptt_json.document(tr))
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()
        gc.callbacks.pop()
