"""The figures the views show are computed with the trace (rnntrace.analysis) and are in the JSON;
each is checked here against an independent computation from the JSON's own values."""
import json
import math

import numpy as np
import pytest


def _json(cli, *args):
    r = cli(*args, "--format", "json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.output)


def test_forward_probabilities_are_those_of_p_t(cli):
    d = _json(cli, "forward", "--cell", "gru")
    for s in d["steps"]:
        p = np.array(s["values"]["p"])
        assert s["p_prediction"] == pytest.approx(p.max(), abs=0) and d["vocab"][int(p.argmax())] == s["prediction"]
        if s["target"] is None:
            assert s["p_target"] is None
        else:
            assert s["p_target"] == p[d["vocab"].index(s["target"])]


@pytest.mark.parametrize("args", [[], ["--cell", "gru"], ["--cell", "lstm"], ["--steps", "40"],
                                  ["--activation", "sigmoid", "--scale", "2"]])
def test_bptt_figures_match_the_values(cli, args):
    d = _json(cli, "bptt", *args)
    a = d["analysis"]
    for name, g in d["grads"].items():
        assert a["grad_norms"][name] == pytest.approx(float(np.sqrt(np.sum(np.square(g)))), rel=1e-12)
    assert a["largest_grad"] == max(a["grad_norms"], key=a["grad_norms"].get)
    logs = [n["log10_norm"] for n in d["norms"]]  # k = 0 … T−1
    T = len(logs)
    factor = (10 ** logs[0] / 10 ** logs[T - 1]) ** (1 / (T - 1))
    assert a["per_step_factor"] == pytest.approx(factor, rel=1e-9)
    by_distance = logs[::-1]
    rising = [b - c for c, b in zip(by_distance, by_distance[1:])]
    mean = sum(rising) / len(rising)  # a steady factor: each step within ×/÷ 2 of the average
    expected = "uneven" if max(abs(x - mean) for x in rising) > math.log10(2) else ("down" if factor < 1 else "up")
    assert a["decay"] == expected
    jac = [np.linalg.norm(np.array(j["matrix"]), 2) for j in d["jacobians"]]
    assert a["jacobian_max"] == int(np.argmax(jac)) + 1 and a["jacobian_min"] == int(np.argmin(jac)) + 1
    for s, p in zip(d["steps"], a["p_target"]):
        assert p == (None if s["target"] is None else s["values"]["p"][d["vocab"].index(s["target"])])
    if d["cell"] == "rnn":
        h = np.array([s["values"]["h"] for s in d["steps"]])
        slope = {"tanh": 1 - h * h, "sigmoid": h * (1 - h)}[d["activation"]]
        assert a["mean_activation_slope"] == pytest.approx(float(slope.mean()), rel=1e-12)
        W = np.array(d["params"]["W_hh"])
        gamma = {"tanh": 1.0, "sigmoid": 0.25}[d["activation"]]
        assert a["bound_rate"] == pytest.approx(gamma * np.linalg.norm(W, 2), rel=1e-12)
        assert a["gate_mean"] is None
    else:
        gate = "z" if d["cell"] == "gru" else "f"
        assert a["gate_mean"] == pytest.approx(float(np.mean([s["values"][gate] for s in d["steps"]])), rel=1e-12)


def test_sum_shares_add_up_and_the_verdict_follows_them(cli):
    for args in ([], ["--cell", "lstm"], ["--steps", "12", "--scale", "3", "--activation", "relu"]):
        d = _json(cli, "bptt", *args)
        s, terms = d["analysis"]["sum_shares"], d["sum"]["terms"]
        sizes = np.array([0.0 if x["log10_term_norm"] is None else 10.0 ** x["log10_term_norm"] for x in terms])
        assert s["shares"] == pytest.approx(list(sizes / sizes.sum()), rel=1e-9, abs=1e-300)
        t = len(terms)
        far = float(np.sum(sizes[: t - s["far_distance"]]) / sizes.sum())
        assert s["far"] == pytest.approx(far, rel=1e-9, abs=1e-300) and s["near"] == pytest.approx(s["shares"][-1])
        assert s["verdict"] == ("small" if far < 0.1 else "near" if far < s["near"] else "far")


def test_a_far_reaching_sum_is_called_so(cli):
    """The verdict "far" (and its warning) where the far terms outweigh the near one; the
    "truncating is safe" one where they are under 10 %, and not the other way round."""
    from rnntrace.i18n import t
    from rnntrace.notation import fmt_share

    far_args = ["bptt", "--steps", "12", "--scale", "3", "--activation", "relu"]
    for args, verdict in ((far_args, "far"), (["bptt"], "small")):
        s = _json(cli, *args)["analysis"]["sum_shares"]
        assert s["verdict"] == verdict
        out = " ".join(cli(*args).output.split())
        d, d_max = s["far_distance"], s["far_max_distance"]
        far_text = t("bptt.sum.verdict_far", dist=f"{d}…{d_max}" if d_max > d else f"{d}", far=fmt_share(s["far"], True))
        assert (" ".join(far_text.split()) in out) == (verdict == "far")


def test_compare_curves_carry_their_figures(cli):
    d = _json(cli, "bptt", "--compare", "--forget-bias", "2")
    lstm = {c["cell"]: c for c in d["curves"]}["lstm"]
    assert lstm["analysis"]["forget_bias"] == 2.0 and not math.isnan(lstm["analysis"]["gate_mean"])
