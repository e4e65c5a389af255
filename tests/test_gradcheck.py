"""The gradient check itself: right on steep losses, honest where it cannot resolve, sampled on
large networks (and saying so).

- Elman cells with output weights of ±100…300 and pre-activations ~1e-3: a fixed-step stencil's
  truncation error passed 1e-6 on about a third to nine tenths of these (depending on the draw);
  every one must now be confirmed to 1e-6 relative.
- A gradient of 3.8e-20 against a loss that does not change at all (ĝ = 0 exactly) is not
  checked, never ✓; a wrong gradient that finite differences do resolve is still ✗.
- Small networks: every entry; large ones: a sample, with how many, on screen and in JSON.
"""
from __future__ import annotations

import io
import json
import math
from dataclasses import replace

import numpy as np
import pytest

from rnntrace import bptt, examples, gradcheck
from rnntrace.examples import Example
from rnntrace.params import expected_shape, param_names


def steep_elman(seed: int) -> Example:
    """An Elman cell whose loss is steep along W_xh and b_h: output weights of ±100…300 and
    pre-activations ~1e-3 (W_xh, b_h ~ N(0, 1e-3), W_hh ~ N(0, 0.8))."""
    rng = np.random.default_rng(seed)
    V, H, T = int(rng.integers(2, 6)), int(rng.integers(1, 5)), int(rng.integers(2, 7))
    vocab = tuple(f"w{i}" for i in range(V))
    sentence = tuple(vocab[i] for i in rng.integers(0, V, size=T))
    targets = tuple(vocab[i] for i in rng.integers(0, V, size=T))
    w = {n: rng.normal(0, 0.8, size=expected_shape(n, V, H)) for n in param_names("rnn", "lecture")}
    w["W_hy"] = rng.choice([-1.0, 1.0], size=(H, V)) * rng.uniform(100, 300, size=(H, V))
    w["W_xh"] = rng.normal(0, 1e-3, size=(V, H))
    w["b_h"] = rng.normal(0, 1e-3, size=H)
    return Example(name="steep", title="", description="", cell="rnn", vocab=vocab, sentence=sentence,
                   targets=targets, hidden_size=H, seed=0, weights=w, source="steep")


def inputs(ex: Example):
    idx = np.array([ex.index(w) for w in ex.sentence])
    targets = np.array([ex.index(w) if w else -1 for w in ex.targets])
    return idx, targets


def fixed_stencil(ex: Example, tr, name: str, eps: float = 1e-3) -> np.ndarray:
    """The old check's ĝ: the 4-point stencil at a fixed ε, on every entry."""
    from rnntrace import scan

    idx, targets = inputs(ex)
    base = tr.params[name]
    out = np.empty(base.size)
    for j in range(base.size):
        L = []
        for d in (-2, -1, 1, 2):
            P = dict(tr.params)
            p = base.copy().reshape(-1)
            p[j] += d * eps
            P[name] = p.reshape(base.shape)
            L.append(float(scan.loss(P, scan.states("rnn", P, idx)[0], targets)))
        out[j] = (L[0] - 8 * L[1] + 8 * L[2] - L[3]) / (12 * eps)
    return out.reshape(base.shape)


@pytest.mark.parametrize("seed", range(30))
def test_steep_losses_are_confirmed(seed):
    ex = steep_elman(seed)
    tr = bptt.run(ex, gradcheck=True)
    report = [(p.name, p.status, p.rel_error, p.norm_analytic, p.resolution) for p in tr.gradcheck.params]
    for p in tr.gradcheck.params:
        if np.any(tr.grads[p.name] != 0):  # W_hh is exactly 0 when h_0 = 0 is all it meets
            assert p.status == "confirmed" and p.rel_error < 1e-6, report


def test_the_fixed_stencil_fails_on_steep_losses():
    """What the check replaced: the same gradients, the old fixed ε = 1e-3 stencil, and most of
    these cases fail it (so the test above is not passing on easy cases)."""
    failing = 0
    for seed in range(10):
        ex = steep_elman(seed)
        tr = bptt.run(ex, gradcheck=False)
        g, num = tr.grads["b_h"], fixed_stencil(ex, tr, "b_h")
        failing += np.linalg.norm(g - num) / np.linalg.norm(g) > 1e-6
    assert failing >= 5


def one_token():
    """A one-token sentence: h_0 = 0, so W_hh changes nothing and L does not move at all."""
    ex = replace(examples.load().with_sentence(["I"]), targets=("love",))
    tr = bptt.run(ex, gradcheck=False)
    assert not np.any(tr.grads["W_hh"])
    return ex, tr


def render(tr) -> str:
    from rnntrace.output import make_console
    from rnntrace.present.bptt import gradcheck_section
    from rnntrace.render.terminal import section

    buf = io.StringIO()
    make_console(file=buf).print(section(gradcheck_section(tr, 4), 4))
    return buf.getvalue()


def test_a_gradient_below_the_resolution_is_not_checked():
    """3.8e-20 against an exact 0: the old floor made it "relative error 3.8e-08 ✓"."""
    ex, tr = one_token()
    idx, targets = inputs(ex)
    tiny = dict(tr.grads, W_hh=np.full((3, 3), 3.8e-20 / 3))
    check = gradcheck.check("rnn", tr.params, tiny, idx, targets)
    pc = {p.name: p for p in check.params}
    assert pc["W_hh"].norm_numeric == 0.0 and pc["W_hh"].status == "not_checked"
    assert not check.confirmed and not check.failed
    assert all(p.status == "confirmed" for n, p in pc.items() if n != "W_hh")
    text = render(replace(tr, gradcheck=check))
    assert "— W_hh: not checked, below the resolution" in text
    assert "every relative error is below 1e-6" not in text and "✗" not in text
    assert "✓ every gradient finite differences can resolve agrees with them" in text


def test_a_resolved_wrong_gradient_is_still_a_failure():
    ex, tr = one_token()
    idx, targets = inputs(ex)
    wrong = dict(tr.grads, W_hh=np.full((3, 3), 1e-6))
    check = gradcheck.check("rnn", tr.params, wrong, idx, targets)
    assert check.failed == ["W_hh"]
    text = render(replace(tr, gradcheck=check))
    assert "✗ relative error above 1e-6" in text and "not checked" not in text


def test_every_entry_of_a_small_network(cli):
    d = json.loads(cli("bptt", "--format", "json").stdout)["gradcheck"]
    assert d["sampled"] == {n: False for n in d["status"]}
    assert d["entries_checked"] == d["entries"] == {"W_xh": 15, "W_hh": 9, "b_h": 3, "W_hy": 15, "b_y": 5}
    assert set(d["status"].values()) == {"confirmed"} and d["confirmed"]
    assert d["stencil"] == gradcheck.METHOD and d["levels"] == gradcheck.LEVELS
    assert "Sampled" not in cli("bptt").output


@pytest.fixture
def wide(write_example):
    return write_example('name = "wide"\ncell = "rnn"\nvocab = ["a", "b", "c"]\nsentence = ["a", "b", "c", "a"]\n'
                         'hidden_size = 32\n')


def test_a_sample_of_a_large_network_said_so(cli, wide):
    d = json.loads(cli("bptt", "--example", wide, "--format", "json").stdout)["gradcheck"]
    k = gradcheck.SAMPLE
    assert d["entries"] == {"W_xh": 96, "W_hh": 1024, "b_h": 32, "W_hy": 96, "b_y": 3}
    assert d["entries_checked"] == {"W_xh": 96, "W_hh": k, "b_h": 32, "W_hy": 96, "b_y": 3}
    assert d["sampled"] == {"W_xh": False, "W_hh": True, "b_h": False, "W_hy": False, "b_y": False}
    assert set(d["status"].values()) == {"confirmed"}
    out = cli("bptt", "--example", wide).output
    assert f"{k} of 1024" in out and f"Sampled, {k} entries of each, drawn at random" in " ".join(out.split())
    assert "not 0): W_hh. Their norms" in " ".join(out.split())
    assert json.loads(cli("bptt", "--example", wide, "--format", "json").stdout)["gradcheck"] == d  # the same sample


def test_a_wrong_gradient_in_a_sampled_parameter_is_caught(wide):
    ex = examples.load(wide)
    tr = bptt.run(ex, gradcheck=False)
    idx, targets = inputs(ex)
    wrong = dict(tr.grads, W_hh=tr.grads["W_hh"] + 1e-5)
    check = gradcheck.check("rnn", tr.params, wrong, idx, targets)
    assert check.failed == ["W_hh"] and {p.name: p.checked for p in check.params}["W_hh"] == gradcheck.SAMPLE


def test_the_sample_includes_nonzero_entries():
    """A sparse gradient (most rows of W_xh are 0: their words are not in the sentence) is not
    checked on zeros alone."""
    g = np.zeros((40, 64))
    g[3] = 1.0
    j = gradcheck.entries_to_check(g, np.random.default_rng(0))
    assert len(j) == gradcheck.SAMPLE and len(set(j)) == len(j)
    assert np.count_nonzero(g.reshape(-1)[j]) == gradcheck.SAMPLE // 2


def test_a_loss_without_targets_is_resolved_exactly(cli):
    """No step has a target: L is 0 whatever θ is, every difference is exactly 0 and so is every
    gradient; nothing is below a resolution of 0, so every parameter is confirmed."""
    d = json.loads(cli("bptt", "--sentence", "I", "--format", "json").stdout)["gradcheck"]
    assert set(d["status"].values()) == {"confirmed"} and set(d["resolution"].values()) == {0.0}
    assert "not checked" not in cli("bptt", "--sentence", "I").output


def test_a_nan_gradient_is_a_failure_not_a_confirmation():
    ex, tr = one_token()
    idx, targets = inputs(ex)
    check = gradcheck.check("rnn", tr.params, dict(tr.grads, b_y=np.full(5, np.nan)), idx, targets)
    pc = {p.name: p for p in check.params}
    assert math.isnan(pc["b_y"].rel_error) and pc["b_y"].status == "failed" and check.failed == ["b_y"]
