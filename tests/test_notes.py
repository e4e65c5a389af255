"""Every conditional note of forward, bptt and bptt --compare is a claim about the numbers on the
same page: each is tested here on a case where it must appear and one where it must not, and a
sweep over cells, activations, --scale values and examples checks every note found on the
default screen against the numbers of the same run's JSON (recomputed here, not read from the
analysis that chose the note)."""
from __future__ import annotations

import json
import math
import re

import numpy as np
import pytest

from rnntrace.i18n import catalogue, get_lang


def flat(text: str) -> str:
    return " ".join(text.split())


def pattern(key: str) -> re.Pattern:
    """The catalogue sentence ``key`` (current language) as a regex, each {field} a group."""
    template = catalogue()[key][0 if get_lang() == "en" else 1].replace("{{", "{").replace("}}", "}")
    parts = re.split(r"\{(\w+)(?:![rs])?\}", template)
    out = []
    for i, p in enumerate(parts):
        out.append(re.escape(p) if i % 2 == 0 else f"(?P<{p}_{i}>.*?)")
    return re.compile("".join(out).replace(r"\ ", " ") + r"(?=\s|$)")  # a sentence ends at a space


def found(key: str, text: str) -> list[dict[str, str]]:
    """Each occurrence of the sentence ``key`` in ``text``: its fields by name."""
    out = []
    for m in pattern(key).finditer(text):
        fields: dict[str, str] = {}
        for group, value in m.groupdict().items():
            fields.setdefault(group.rsplit("_", 1)[0], value)
        out.append(fields)
    return out


def run(cli, *args) -> tuple[str, dict]:
    r = cli(*args)
    assert r.exit_code == 0, r.stderr
    j = cli(*[a for a in args if a != "--explain"], "--format", "json")  # JSON holds numbers only
    assert j.exit_code == 0, j.stderr
    return flat(r.output), json.loads(j.output)


def norms_by_distance(curve) -> list[float]:
    """log10 ‖∂s^(T)/∂s^(k)‖ by distance 1 … T (−inf for an exact 0, which the JSON writes as null)."""
    return [-math.inf if n["log10_norm"] is None else n["log10_norm"]
            for n in sorted(curve["norms"], key=lambda n: n["distance"])]


def shares(d) -> tuple[np.ndarray, int, int]:
    """The sum's shares, recomputed from the JSON's term sizes; t and d (= max(2, t // 2))."""
    terms = d["sum"]["terms"]
    sizes = np.array([0.0 if x["log10_term_norm"] is None else 10.0 ** x["log10_term_norm"] for x in terms])
    at = len(terms)
    return sizes / sizes.sum(), at, max(2, at // 2)


# ---- the bound's notes ------------------------------------------------------------------------------
EXPLODE_NEAR = ("bptt", "--scale", "3", "--activation", "relu", "--no-gradcheck")
EXPLODE_FAR = ("bptt", "--steps", "12", "--scale", "3", "--activation", "relu", "--no-gradcheck")


def test_distant_steps_dominate_only_when_the_sum_says_so(cli):
    """The issue's case: the products grow on --scale 3 --activation relu, and the sum on the same
    screen gives the nearest step the largest share; 'dominate' is said on --steps 12 instead."""
    out, d = run(cli, *EXPLODE_NEAR)
    sh, at, _ = shares(d)
    assert norms_by_distance(d)[-1] > 0 and int(np.argmax(sh)) == at - 1
    assert not found("bptt.bound.dominate", out) and "dominate every update" not in out
    (f,) = found("bptt.bound.nearest", out)
    assert int(f["t"]) == at and f["near"] == f"{100 * sh[-1]:.1f}%"

    out, d = run(cli, *EXPLODE_FAR)
    sh, at, dd = shares(d)
    (f,) = found("bptt.bound.dominate", out)
    assert f["far"] == f"{100 * sh[: at - dd].sum():.1f}%" and sh[: at - dd].sum() >= sh[-1]
    assert f["dist"] == f"{dd}…{at - 2}" and not found("bptt.bound.nearest", out)


def test_growth_is_said_only_when_the_products_grow(cli):
    out, d = run(cli, *EXPLODE_NEAR)
    assert found("bptt.bound.exploding", out) and norms_by_distance(d)[-1] > 0
    out, d = run(cli, "bptt", "--no-gradcheck")
    assert not found("bptt.bound.exploding", out) and norms_by_distance(d)[-1] < 0


@pytest.mark.parametrize("args,key", [
    (("bptt", "--scale", "10", "--no-gradcheck"), "bptt.bound.saturated"),
    (("bptt", "--scale", "1.3", "--no-gradcheck"), "bptt.bound.ceiling"),
    (("bptt", "-e", "pseudocode", "--activation", "relu", "--scale", "2", "--no-gradcheck"), "bptt.bound.off"),
])
def test_why_the_products_shrink_is_the_reason_the_numbers_give(cli, args, key):
    """'h_t saturates' below half of γ (tanh: mean 1 − h² = 0.24 at --scale 10), not at
    0.73 (--scale 1.3: the bound is only a ceiling); relu's units that are off."""
    out, d = run(cli, *args)
    others = {"bptt.bound.saturated", "bptt.bound.ceiling", "bptt.bound.off"} - {key}
    assert found(key, out) and not any(found(k, out) for k in others)
    h = np.array([s["values"]["h"] for s in d["steps"]])
    a = np.array([s["values"]["a"] for s in d["steps"]])
    slope = {"tanh": lambda: 1 - h * h, "relu": lambda: (a > 0).astype(float)}[d["activation"]]().mean()
    assert norms_by_distance(d)[-1] < 0 and d["analysis"]["bound_rate"] >= 1
    if key == "bptt.bound.saturated":
        assert slope < 0.5
    elif key == "bptt.bound.ceiling":
        assert slope >= 0.5
    else:
        assert slope < 1
    assert d["analysis"]["shrinking"] == key.rsplit(".", 1)[1]


def test_no_reason_to_shrink_where_the_bound_itself_vanishes(cli):
    out, d = run(cli, "bptt", "--no-gradcheck")
    assert d["analysis"]["bound_rate"] < 1 and d["analysis"]["shrinking"] is None
    assert "shrink all the same" not in out


# ---- the lecture's sum ------------------------------------------------------------------------------
def test_an_exact_zero_is_not_counted_as_vanishing(cli):
    """L^(3): the only term at distance ≥ 2 is k = 1's, exactly 0 because h^(0) = 0; the verdict
    says so instead of 'distant terms vanish'. At L^(4) there is a far term that is not 0."""
    for cell in ("rnn", "gru", "lstm"):
        out, d = run(cli, "bptt", "--at", "3", "--cell", cell, "--no-gradcheck")
        assert d["sum"]["terms"][0]["log10_term_norm"] is None  # exactly 0
        assert found("bptt.sum.verdict_h0", out) and not found("bptt.sum.verdict", out)
        assert d["analysis"]["sum_shares"]["verdict"] == "h0"
    out, d = run(cli, "bptt", "--no-gradcheck")
    sh, at, dd = shares(d)
    (f,) = found("bptt.sum.verdict", out)
    assert f["dist"] == "2" and sh[1] > 0 and sh[: at - dd].sum() < 0.1 and not found("bptt.sum.verdict_h0", out)


# ---- --explain ----------------------------------------------------------------------------------------
def test_tanh_is_quoted_near_0_only_where_an_entry_is(cli, write_example):
    near_0 = pattern("teach.explain.tanh_near")
    out = flat(cli("forward", "--explain").output)
    quoted = near_0.findall(out)
    assert quoted
    for a, h, a2 in quoted:
        assert a == a2 and abs(float(h) - float(a)) <= 0.05 * abs(float(a)) + 0.01  # at 2 decimals
    assert not found("teach.explain.tanh_saturated", out)
    # every entry of a_t large: no entry near 0 to quote, and the saturated one is quoted instead
    big = write_example('vocab = ["a", "b"]\nsentence = ["a", "b", "a"]\nhidden_size = 2\n'
                        '[weights]\nW_xh = [[10.0, -12.0], [8.0, 9.0]]\nW_hh = [[0.0, 0.0], [0.0, 0.0]]\n')
    out = flat(cli("forward", "-e", big, "--explain").output)
    assert not near_0.findall(out) and "Near 0 tanh" not in out
    sat = found("teach.explain.tanh_saturated", out)
    assert sat and all(abs(float(f["h"])) == 1.0 and abs(float(f["a"])) >= 8 for f in sat)


@pytest.mark.parametrize("cell,via", [("gru", "h_t"), ("lstm", "s_t")])
def test_the_sum_of_paths_names_h_t_minus_1(cli, cell, via):
    for conv in ("row", "column"):
        out = flat(cli("bptt", "--cell", cell, "--explain", "--no-gradcheck", "--convention", conv).output)
        assert f"collects the 4 paths from h_{{t−1}} to the loss that pass through {via}" in out
        assert "paths from h_t·" not in out and "paths from s_t·" not in out
    es = flat(cli("bptt", "--cell", cell, "--explain", "--no-gradcheck", "--lang", "es").output)
    assert f"reúne los 4 caminos de h_{{t−1}} a la pérdida que pasan por {via}" in es


def test_compare_explains_when_asked(cli):
    plain = cli("bptt", "--compare").output
    said = cli("bptt", "--compare", "--explain").output
    assert "↳" not in plain and said.count("↳") == 2
    assert "Each row is one distance T − k" in flat(said) and "(1/4)" in flat(said)


# ---- bptt --compare ----------------------------------------------------------------------------------
def test_compare_keeps_and_gap_only_where_the_lstm_keeps_more(cli):
    def curves(d):
        return {c["cell"]: norms_by_distance(c) for c in d["curves"]}

    out, d = run(cli, "bptt", "--compare")
    c = curves(d)
    gap = [lstm - rnn for lstm, rnn in zip(c["lstm"], c["rnn"])]  # by distance 1 … T
    (f,) = found("bptt.cmp.keeps", out)
    assert gap[-1] > 0 and float(f["ratio"]) == pytest.approx(10 ** gap[-1], abs=0.05)
    assert gap[-1] > gap[0] and found("bptt.cmp.short", out)
    out, d = run(cli, "bptt", "--compare", "--scale", "3", "--activation", "relu")
    c = curves(d)
    assert c["lstm"][-1] < c["rnn"][-1]
    assert not found("bptt.cmp.keeps", out) and not found("bptt.cmp.short", out)


def test_the_forget_bias_suggestion_is_computed(cli):
    """'--forget-bias 3 … f_t ≈ X': X is the mean f_t of the run with --forget-bias 3."""
    out, _ = run(cli, "bptt", "--compare")
    (f,) = found("bptt.cmp.forget", out)
    assert f["bf"] + f["untrained"] == "0, untrained"  # two fields side by side: read together
    (g,) = found("bptt.cmp.forget_more", out)
    b, got = g["b"], g["mean"]
    _, d3 = run(cli, "bptt", "--compare", "--forget-bias", "3")
    want = {c["cell"]: c for c in d3["curves"]}["lstm"]["analysis"]["gate_mean"]
    assert b == "3" and float(got) == pytest.approx(want, abs=0.005)
    out3 = flat(cli("bptt", "--compare", "--forget-bias", "3").output)
    assert want >= 0.9 and not found("bptt.cmp.forget", out3) and not found("bptt.cmp.forget_more", out3)
    trained = flat(cli("bptt", "--compare", "-e", "perro_lstm").output)
    assert found("bptt.cmp.forget", trained) and "untrained" not in trained


# ---- the slide's step and slips ----------------------------------------------------------------------
def test_the_slides_step_in_every_cell_and_convention(cli):
    out, d = flat(cli("forward", "--t", "1").output), json.loads(cli("forward", "--format", "json").output)
    (f,) = found("forward.slide.step", out)
    W = np.array(d["params"]["W_xh"])
    assert (f["x"], f["part"], f["n"], f["names"]) == ("[0 1 0 0 0]", "row", "2", "W_xh") and f["recurrent"] == "W_hh"
    assert f["picks"] == "x_1·W_xh = [" + " ".join(f"{v:g}" for v in W[1]) + "]"
    col = flat(cli("forward", "--t", "1", "--convention", "column").output)
    assert "picks column 2" in col and "W_xh·x_1 = [0.3 0.2 0.1]" in col and "picks row" not in col
    lstm = flat(cli("forward", "--t", "1", "--cell", "lstm").output)
    (f,) = found("forward.slide.step", lstm)
    assert f["names"] == "W_xf, W_xi, W_xc and W_xo" and "W_xh" not in f["picks"]
    assert f["recurrent"] == "W_hf, W_hi, W_hc, W_ho"
    other = flat(cli("forward", "--sentence", "love I").output)
    assert not found("forward.slide.step", other) and not found("forward.slide.output", other)


def test_the_slides_output_slip_uses_h_1(cli, write_example):
    out, d = run(cli, "forward")
    (f,) = found("forward.slide.output", out)
    assert (f["h0"], f["zero"], f["slide"], f["ours"]) == ("[0 0 0]", "[0 0 0 0 0]", "h_0·W_hy", "h_1·W_hy")
    y = np.array(d["steps"][0]["values"]["y"])
    assert f["y1"] == "[" + " ".join(f"{v:.4f}" for v in y) + "]" and np.any(y != 0)
    # a file that sets slide = true where x_1 picks a zero row: h_1 = 0, and the slide's h_0·W_hy
    # is then the output at t = 1, so no slip is named (the step note still is)
    zero_row = write_example('vocab = ["a", "b"]\nsentence = ["b", "a"]\nhidden_size = 2\nslide = true\n'
                             '[weights]\nW_xh = [[0.5, 0.1], [0.0, 0.0]]\n')
    out = flat(cli("forward", "-e", zero_row).output)
    assert found("forward.slide.step", out) and not found("forward.slide.output", out)


def test_a_slide_key_that_is_not_a_boolean_is_refused(cli, write_example):
    bad = write_example('vocab = ["a", "b"]\nsentence = ["b", "a"]\nhidden_size = 2\nslide = "yes"\n')
    r = cli("forward", "-e", bad)
    assert r.exit_code == 2 and "'slide' must be true or false" in r.stderr and "Traceback" not in r.stderr


def test_the_slides_product_order(cli):
    """The products' title states the order; the slide's order is named with both norms,
    recomputed here from the JSON's Jacobians."""
    out, d = run(cli, "bptt", "--no-gradcheck")
    assert "Products ∂h^(5)/∂h^(k) = J^(5)·…·J^(k+1), the later step on the left" in out
    J = [np.array(j["matrix"]) for j in d["jacobians"]]
    (f,) = found("bptt.slide.order", out)
    assert (f["a"], f["T"], f["k"]) == ("4", "5", "3")
    assert float(f["right"]) == pytest.approx(np.linalg.norm(J[4] @ J[3], 2), abs=5e-5)
    assert float(f["wrong"]) == pytest.approx(np.linalg.norm(J[3] @ J[4], 2), abs=5e-5)
    assert f["right"] != f["wrong"]
    for other in (("--cell", "gru"), ("--sentence", "I love recurrent")):
        assert not found("bptt.slide.order", flat(cli("bptt", "--no-gradcheck", *other).output))


def test_the_slides_derivative(cli):
    out, d = run(cli, "bptt", "--no-gradcheck")
    (f,) = found("bptt.slide.derivative", out)
    assert f["formula"] == "J^(i) = diag(1 − h^(i)²)·W_hhᵀ"
    h = np.array([s["values"]["h"] for s in d["steps"]])
    (g,) = found("bptt.slide.slope", out)
    lo, hi = g["lo"], g["hi"]
    assert float(lo) == pytest.approx((1 - h * h).min(), abs=5e-5) and float(hi) == pytest.approx((1 - h * h).max(), abs=5e-5)
    assert found("bptt.slide.transposed", out) and not found("bptt.slide.slope_one", out)
    relu = flat(cli(*EXPLODE_NEAR).output)  # the lecture's weights are positive: every a > 0
    assert found("bptt.slide.slope_one", relu) and not found("bptt.slide.slope", relu)
    col = flat(cli("bptt", "--no-gradcheck", "--convention", "column").output)
    assert not found("bptt.slide.transposed", col) and "diag(1 − h^(i)²)·W_hh." in col
    assert not found("bptt.slide.derivative", flat(cli("bptt", "--no-gradcheck", "--cell", "lstm").output))
    es = flat(cli("bptt", "--no-gradcheck", "--lang", "es").output)
    assert "El «la derivada será W_hh» de la transparencia es una simplificación" in es


# ---- the sweep: no note on a default screen contradicts a number on it ---------------------------------
SWEEP = [
    (), ("--cell", "gru"), ("--cell", "lstm"), ("--activation", "sigmoid"), ("--activation", "relu"),
    ("--scale", "0.5"), ("--scale", "1.3"), ("--scale", "3"), ("--scale", "10"),
    ("--scale", "3", "--activation", "relu"), ("--scale", "5", "--activation", "sigmoid"),
    ("--steps", "12", "--scale", "3", "--activation", "relu"), ("--steps", "12"), ("--at", "3"),
    ("-e", "pseudocode"), ("-e", "pseudocode", "--activation", "relu", "--scale", "2"),
    ("-e", "perro", "--cell", "rnn"), ("--cell", "gru", "--scale", "3"), ("--cell", "lstm", "--scale", "0.5"),
]


def check_bptt(out: str, d: dict) -> None:
    logs = norms_by_distance(d)  # distance 1 … T
    a = d["analysis"]
    if d["sum"] is not None:
        sh, at, dd = shares(d)
        far = float(sh[: at - dd].sum()) if at >= 3 else None
        for _ in found("bptt.sum.verdict", out):
            assert far < 0.1 and at - dd >= 2  # a far term besides k = 1's, exactly 0 by h^(0) = 0
        for _ in found("bptt.sum.verdict_near", out):
            assert 0.1 <= far < sh[-1]
        for _ in found("bptt.sum.verdict_far", out):
            assert far >= 0.1 and far >= sh[-1]
        for _ in found("bptt.bound.dominate", out):
            assert logs[-1] > 0 and far >= sh[-1]
        for _ in found("bptt.bound.nearest", out):
            assert logs[-1] > 0 and sh[-1] == sh.max()
        for _ in found("bptt.sum.verdict_h0", out):
            assert at - dd == 1 and sh[0] == 0
        if found("bptt.sum.h0", out):
            assert d["sum"]["terms"][0]["log10_term_norm"] is None
    assert "dominate every update" not in out
    if found("bptt.bound.exploding", out):
        assert logs[-1] > 0
    if found("bptt.bound.vanishing", out):
        assert a["bound_rate"] < 1
    if found("bptt.bound.could_explode", out):
        assert a["bound_rate"] >= 1
    for f in found("bptt.bound.saturated", out):
        assert logs[-1] < 0 and float(f["slope"]) < 0.5 * float(f["gamma"])
    for f in found("bptt.bound.ceiling", out):
        assert logs[-1] < 0 and float(f["slope"]) >= 0.5 * float(f["gamma"]) - 1e-4
    steps = np.diff(logs) if len(logs) > 1 and np.all(np.isfinite(logs)) else None
    if "geometric decay" in out or "geometric growth" in out:  # a nearly straight line: ×/÷ 2 at most
        assert steps is not None and np.max(np.abs(steps - steps.mean())) <= math.log10(2)
        assert (a["per_step_factor"] < 1) == ("geometric decay" in out)
    if found("bptt.uneven", out):
        assert np.max(np.abs(steps - steps.mean())) > math.log10(2)
    if d["bound"] is not None and "✓ it holds on this trace" in out:
        rate = math.log10(a["bound_rate"])
        assert all(x <= (i + 1) * rate + 1e-9 for i, x in enumerate(logs))


@pytest.mark.parametrize("args", SWEEP, ids=lambda a: " ".join(a) or "default")
def test_no_bptt_note_contradicts_its_numbers(cli, args):
    out, d = run(cli, "bptt", "--no-gradcheck", *args)
    check_bptt(out, d)


@pytest.mark.parametrize("args", [(), ("--scale", "3", "--activation", "relu"), ("--steps", "30", "--scale", "0.3"),
                                  ("--forget-bias", "1"), ("-e", "perro_lstm"), ("--scale", "3")],
                         ids=lambda a: " ".join(a) or "default")
def test_no_compare_note_contradicts_its_numbers(cli, args):
    out, d = run(cli, "bptt", "--compare", *args)
    c = {x["cell"]: x for x in d["curves"]}
    rnn, lstm = norms_by_distance(c["rnn"]), norms_by_distance(c["lstm"])
    for _ in found("bptt.cmp.keeps", out):
        assert lstm[-1] > rnn[-1]
    if found("bptt.cmp.short", out):
        assert lstm[-1] - rnn[-1] > max(0.0, lstm[0] - rnn[0])
    for f in found("bptt.cmp.forget", out):
        assert c["lstm"]["analysis"]["gate_mean"] < 0.9
        assert float(f["mean"]) == pytest.approx(c["lstm"]["analysis"]["gate_mean"], abs=0.005)
    for f in found("bptt.cmp.forget_more", out):
        assert float(f["mean"]) > c["lstm"]["analysis"]["gate_mean"]


@pytest.mark.parametrize("args", [(), ("--cell", "gru"), ("--cell", "lstm"), ("--convention", "column"),
                                  ("-e", "pseudocode"), ("--sentence", "love I neural")],
                         ids=lambda a: " ".join(a) or "default")
def test_no_forward_note_contradicts_its_numbers(cli, args):
    out, d = run(cli, "forward", *args)
    for s in d["steps"]:
        if s["target"] is not None and s["prediction"] is not None:
            hit = s["prediction"] == s["target"]
            assert ("✓ the prediction is the target" in out) or not hit
    for f in found("forward.slide.step", out):
        x1 = np.array(d["steps"][0]["values"]["x"])
        assert int(f["n"]) == int(np.argmax(x1)) + 1 and f["part"] == ("row" if d["convention"] == "row" else "column")
        for name in f["names"].replace(" and ", ", ").split(", "):
            assert name in d["params"]
    for _ in found("forward.slide.output", out):
        assert np.any(np.array(d["steps"][0]["values"]["h"]) != 0)


def test_a_straight_line_only_where_the_factors_are_steady(cli):
    """'geometric decay, a straight line on a log scale' where each step's factor is within ×/÷ 2
    of the average (the lecture: 0.53, 0.53, 0.48, 0.65); --scale 5 --activation sigmoid decays at
    every step too, but by factors from 0.09 to 0.89: not a straight line, and said so."""
    out, d = run(cli, "bptt", "--no-gradcheck")
    steps = np.diff(norms_by_distance(d))
    assert "geometric decay, a straight line" in out and np.max(np.abs(steps - steps.mean())) <= math.log10(2)
    out, d = run(cli, "bptt", "--scale", "5", "--activation", "sigmoid", "--no-gradcheck")
    steps = np.diff(norms_by_distance(d))
    assert np.all(steps < 0) and np.max(np.abs(steps - steps.mean())) > math.log10(2)
    assert "geometric" not in out and found("bptt.uneven", out) and d["analysis"]["decay"] == "uneven"


def test_nothing_from_the_past_exactly_where_h_t_minus_1_is_0(cli, write_example):
    """Said at t = 1 (h_0 = 0) and at any later step whose h_{t−1} is exactly 0 (a word whose
    row of W_xh is 0 gives h_1 = tanh(0) = 0), and nowhere else."""
    key = "teach.explain.recurrent_zero"
    steps = re.split(r"\nt = \d+ · “", cli("forward", "--explain").output)  # the step pages' titles
    assert [bool(found(key, flat(s))) for s in steps[1:6]] == [True, False, False, False, False]
    ex = write_example('vocab = ["a", "b"]\nsentence = ["b", "b", "a"]\nhidden_size = 2\n'
                       '[weights]\nW_xh = [[0.5, 0.1], [0.0, 0.0]]\nW_hh = [[0.3, 0.1], [0.2, 0.4]]\n')
    out, d = run(cli, "forward", "-e", ex, "--explain")
    h = [np.array(s["values"]["h"]) for s in d["steps"]]
    assert not np.any(h[0]) and not np.any(h[1]) and np.any(h[2])
    assert len(found(key, out)) == 3 and "h_0 = 0, so" not in out  # t = 1, 2 and 3 (h_2 = 0 too)


def test_the_bound_is_said_to_cover_every_jacobian_only_when_it_holds():
    """'γ·σ_max = … ≥ every ‖J^(i)‖' beside '✓ it holds'; beside '✗ it fails' (inf or nan in a
    Jacobian, which --scale cannot reach any more since the norms are carried as logarithms: the
    trace's bound is replaced here) the values line no longer claims it."""
    from dataclasses import replace

    from rnntrace import bptt, examples
    from rnntrace.i18n import t
    from rnntrace.present.bptt import bound_section

    tr = bptt.run(examples.load(), gradcheck=False)
    ge = t("bptt.bound.ge")
    holds = [b.text for b in bound_section(tr, 4).blocks]
    assert tr.bound.holds and holds[0].endswith(ge) and holds[1] == t("bptt.bound.holds")
    tr.bound = replace(tr.bound, holds=False)
    fails = [b.text for b in bound_section(tr, 4).blocks]
    assert ge not in fails[0] and fails[1] == t("bptt.bound.fails")


@pytest.mark.parametrize("weights,small", [("", False), ("[weights]\nW_xh = [[9.0, -8.0], [7.0, 10.0]]\n", True)])
def test_the_sigmoid_slope_is_this_steps(cli, write_example, weights, small):
    """σ's sentence quotes this step's slopes h_t(1 − h_t), never a general "gradients shrink fast":
    near 0.25 on the lecture's small pre-activations, near 0 where every entry saturates."""
    path = write_example('vocab = ["a", "b"]\nsentence = ["a", "b", "a"]\nhidden_size = 2\n' + weights)
    for lang in ("en", "es"):
        out, d = run(cli, "bptt", "-e", path, "--layers", "1", "--activation", "sigmoid", "--explain", "--lang", lang)
        said = found("teach.explain.sigmoid_state", out)
        assert len(said) == len(d["steps"]) == 3
        assert "shrink fast" not in out and "deprisa" not in out
        for f, step in zip(said, d["steps"]):
            h = np.array(step["values"]["h"], dtype=float).ravel()
            slope = h * (1 - h)
            for field, value in (("lo", slope.min()), ("hi", slope.max())):  # printed to 2 digits
                assert math.isclose(float(f[field]), value, rel_tol=0.01, abs_tol=0.005), (field, f[field], value)
            assert (slope.max() < 0.01) == small


@pytest.mark.parametrize("args", [["--layers", "2"], ["--layers", "2", "--bidirectional"]])
def test_network_compare_explains_when_asked(cli, args):
    """--explain on the network path of --compare says, once each, how to read a layer's chart,
    what its × per step is (the T-th root of the line's own ‖∂s_last/∂s_0‖) and what the table
    holds; without --explain none of it."""
    plain = cli("bptt", "--compare", *args).output
    assert "↳" not in plain
    for lang, chart in (("en", "One chart per layer"), ("es", "Un gráfico por capa")):
        said = cli("bptt", "--compare", "--explain", *args, "--lang", lang).output
        assert said.count("↳") == 3 and flat(said).count(chart) == 1
        assert found("teach.explain.compare_network_factor", flat(said))[0]["T"] == "5"
        lines = found("network.cmp.line", flat(said))
        assert len(lines) == 3 * (4 if "--bidirectional" in args else 2)
        for f in lines:
            assert math.isclose(float(f["factor"]), float(f["end"]) ** (1 / 5), rel_tol=5e-3)


@pytest.mark.parametrize("conv,said,product", [("row", "x_t = onehot(“la”)·E is a look-up: row 1 of E, 1×3",
                                                "onehot(“la”) (1×7) · E (7×3) → (1×3)"),
                                               ("column", "x_t = E·onehot(“la”) is a look-up: column 1 of E, 3×1",
                                                "E (3×7) · onehot(“la”) (7×1) → (3×1)")])
def test_the_embedding_lookup_is_said_as_the_product_below_writes_it(cli, conv, said, product):
    """In the column convention the product is E·onehot(w_t), E is d×V and x_t a column: the
    sentence above it said "onehot(“la”)·E … row 1 of E, 1×3" there too."""
    out = cli("forward", "-e", "sentimiento", "--convention", conv).output
    assert said in out and product in out
    other = "row 1 of E" if conv == "column" else "column 1 of E"
    assert other not in out


@pytest.mark.parametrize("conv,part", [("row", "rows"), ("column", "columns")])
def test_the_embedding_gradient_names_the_words_part_of_e(cli, conv, part):
    """∂L/∂E is V×d in the row convention and d×V in the column one: the words that occur own
    rows in one and columns in the other, and the note says which (it said rows in both)."""
    out = flat(cli("bptt", "-e", "sentimiento", "--convention", conv).output)
    other = "columns" if part == "rows" else "rows"
    assert f"∂L/∂E: only the {part} of the words that occur receive a gradient" in out
    assert f"∂L/∂E: only the {other} of the words" not in out
    assert f"∂L/∂E ({'7×3' if conv == 'row' else '3×7'})" in out


@pytest.mark.parametrize("conv,part", [("row", "rows"), ("column", "columns")])
def test_train_says_which_part_of_e_gets_no_gradient(cli, conv, part):
    out = flat(cli("train", "-e", "sentimiento", "--convention", conv, "--epochs", "2").output.replace("│", " "))
    assert f"∂L/∂E reaches only the {part} of the words the sentences use: the {part} of mala, aburrida" in out
    assert f"E before ({'7×3' if conv == 'row' else '3×7'})" in out
