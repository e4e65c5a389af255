"""rnntrace check: files written from the trace itself agree; each slip it names, made by applying
that slip to a correct file (computed here with numpy, independently of the check's own replay),
is named; noise is "no known slip"; bad files are one line and exit status 2."""
from __future__ import annotations

import json

import numpy as np
import pytest

from rnntrace.check import core, sheet, slips


def plan_of(**kw):
    spec = sheet.Spec(**kw)
    return spec, core.build_plan(spec)


def correct_doc(**kw) -> tuple[dict, core.Plan]:
    """The file a student would write if every number were right, at full precision."""
    spec, plan = plan_of(**kw)
    return json.loads(sheet.template(spec, plan, "json", fill=repr)), plan


def write(tmp_path, doc: dict, name="mine.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return str(path)


def run_json(cli, path, *args):
    r = cli("check", path, "--format", "json", *args)
    return r, json.loads(r.stdout)


def tanh_slope(a):
    return 1 - a ** 2


def back_step(plan, t):
    return next(s for s in plan.backward if s.t == t)


def op_value(step, name):
    return next(op.value for op in step.ops if op.target is not None and op.target.name == name)


# ---- files from the trace itself ------------------------------------------------------------------
CASES = [dict(), dict(command="bptt"), dict(command="bptt", cell="gru"), dict(command="bptt", cell="gru", gru_variant="torch"),
         dict(command="bptt", cell="lstm"), dict(convention="column", command="bptt"),
         dict(example="pseudocode", cell="lstm"), dict(sentence=["I", "love", "I"], command="bptt", cell="gru", seed=7)]


@pytest.mark.parametrize("kw", CASES)
def test_a_file_written_from_the_trace_agrees(cli, tmp_path, kw):
    doc, plan = correct_doc(**kw)
    n = len(plan.slots())
    r, out = run_json(cli, write(tmp_path, doc))
    assert r.exit_code == 0, out
    assert out["agree"] is True and out["checked"] == n and out["first_difference"] is None
    assert out["diagnosis"] is None
    r = cli("check", write(tmp_path, doc))
    assert r.exit_code == 0 and f"All {n} values agree" in r.stdout


@pytest.mark.parametrize("kw", [dict(), dict(command="bptt", cell="lstm")])
def test_the_toml_template_filled_to_four_decimals_agrees(cli, tmp_path, kw):
    spec, plan = plan_of(**kw)
    path = tmp_path / "mine.toml"
    path.write_text(sheet.template(spec, plan, fill=lambda x: f"{x:.4f}"), encoding="utf-8")
    r = cli("check", str(path))
    assert r.exit_code == 0, r.stdout
    assert "agree" in r.stdout


def test_the_template_is_blank_and_says_what_it_follows(cli, tmp_path):
    r = cli("check", "--template", "--command", "bptt", "--cell", "gru")
    assert r.exit_code == 0
    assert '[trace]\ncommand = "bptt"\nexample = "lecture"\ncell = "gru"\ngru_variant = "lecture"' in r.stdout
    assert '[backward.t5]' in r.stdout and 'delta_h_tilde = ["?", "?", "?"]' in r.stdout
    path = tmp_path / "blank.toml"
    path.write_text(r.stdout, encoding="utf-8")
    r = cli("check", str(path))
    assert r.exit_code == 0 and "every value is still blank" in r.stdout


def test_every_value_has_its_own_ascii_key():
    for kw in CASES[:5]:
        _, plan = plan_of(**kw)
        for step in plan.forward + plan.backward:
            keys = [s.key for s in plan.step_slots("backward" if step in plan.backward else "forward", step)]
            assert len(keys) == len(set(keys))
            assert all(k.replace("_", "").isalnum() and k.isascii() for k in keys), keys


def test_the_replay_reproduces_every_op_of_the_trace():
    """With nothing written, every value the check expects is the trace's own, bit for bit."""
    for kw in CASES:
        _, plan = plan_of(**kw)
        r = core.run(plan, {})
        assert r.blank == len(plan.slots()) and r.first is None
        answers = {(s.phase, s.t, s.key): core.Answer(np.asarray(s.value), 20) for s in plan.slots()}
        r = core.run(plan, answers, tol=0.0)
        assert r.agree and r.checked == len(plan.slots())


# ---- each slip, applied to a correct file ------------------------------------------------------------
def first(out):
    return out["first_difference"]["phase"], out["first_difference"]["t"], out["first_difference"]["name"]


def test_transposed_weight(cli, tmp_path):
    doc, plan = correct_doc()
    P, f = plan.params, plan.forward
    doc["t2"]["a"] = list(f[1].values["x"] @ P["W_xh"] + f[0].values["h"] @ P["W_hh"].T)
    r, out = run_json(cli, write(tmp_path, doc))
    assert r.exit_code == 1
    assert first(out) == ("forward", 2, "a") and out["diagnosis"] == "transposed"
    r = cli("check", write(tmp_path, doc))
    assert "W_hh used transposed" in r.stdout and "No known slip" not in r.stdout


def test_transposed_weight_backwards(cli, tmp_path):
    doc, plan = correct_doc(command="bptt")
    s = back_step(plan, 3)
    doc["backward"]["t3"]["dh_prev"] = list(op_value(s, "δ_t") @ plan.params["W_hh"])  # δ_t·W_hh, not W_hhᵀ
    r, out = run_json(cli, write(tmp_path, doc))
    assert first(out) == ("backward", 3, "dh_prev") and out["diagnosis"] == "transposed"


@pytest.mark.parametrize("name", ["dW_hh", "dW_xh"])
def test_other_convention(cli, tmp_path, name):
    doc, plan = correct_doc(command="bptt")
    s = back_step(plan, 2)
    h_prev, delta = plan.forward[0].values["h"], op_value(s, "δ_t")
    left = h_prev if name == "dW_hh" else plan.forward[1].values["x"]
    doc["backward"]["t2"][name] = np.outer(delta, left).tolist()  # δ_tᵀ·h_{t−1}: the column layout
    r, out = run_json(cli, write(tmp_path, doc))
    assert first(out) == ("backward", 2, name) and out["diagnosis"] == "convention"


def test_tanh_derivative_written_with_a(cli, tmp_path):
    doc, plan = correct_doc(command="bptt")
    s = back_step(plan, 3)
    doc["backward"]["t3"]["delta"] = list(op_value(s, "∂L/∂h_t") * tanh_slope(plan.forward[2].values["a"]))
    r, out = run_json(cli, write(tmp_path, doc))
    assert first(out) == ("backward", 3, "delta") and out["diagnosis"] == "tanh_derivative"
    r = cli("check", write(tmp_path, doc), "--explain")
    assert "1 − a²" in r.stdout and "tanh′(a) = 1 − tanh²(a)" in r.stdout


def test_tanh_derivative_in_the_gru_candidate(cli, tmp_path):
    doc, plan = correct_doc(command="bptt", cell="gru")
    s = back_step(plan, 4)
    pre = np.arctanh(plan.forward[3].values["h_tilde"])
    doc["backward"]["t4"]["delta_h_tilde"] = list(op_value(s, "∂L/∂h̃_t") * (1 - pre ** 2))
    r, out = run_json(cli, write(tmp_path, doc))
    assert first(out) == ("backward", 4, "delta_h_tilde") and out["diagnosis"] == "tanh_derivative"


def test_missing_gradient_path(cli, tmp_path):
    doc, plan = correct_doc(command="bptt")
    s = back_step(plan, 3)
    doc["backward"]["t3"]["dh"] = list(op_value(s, "∂L/∂y_t") @ plan.params["W_hy"].T)  # no ∂L/∂h_4 term
    r, out = run_json(cli, write(tmp_path, doc))
    assert first(out) == ("backward", 3, "dh") and out["diagnosis"] == "missing_path"


def test_missing_memory_path_in_the_lstm(cli, tmp_path):
    doc, plan = correct_doc(command="bptt", cell="lstm")
    s, v = back_step(plan, 2), plan.forward[1].values
    doc["backward"]["t2"]["dc"] = list(op_value(s, "∂L/∂h_t") * v["o"] * (1 - np.tanh(v["c"]) ** 2))
    r, out = run_json(cli, write(tmp_path, doc))
    assert first(out) == ("backward", 2, "dc") and out["diagnosis"] == "missing_path"


def test_h_t_for_h_t_minus_1(cli, tmp_path):
    doc, plan = correct_doc(command="bptt")
    s = back_step(plan, 3)
    doc["backward"]["t3"]["dW_hh"] = np.outer(plan.forward[2].values["h"], op_value(s, "δ_t")).tolist()
    r, out = run_json(cli, write(tmp_path, doc))
    assert first(out) == ("backward", 3, "dW_hh") and out["diagnosis"] == "previous_state"


def test_softmax_by_column(cli, tmp_path):
    doc, plan = correct_doc()
    doc["t1"]["p"] = [1.0] * 5  # each entry of the 1×5 row normalised alone, down its column
    r, out = run_json(cli, write(tmp_path, doc))
    assert first(out) == ("forward", 1, "p") and out["diagnosis"] == "softmax_axis"


def test_the_other_gru_variant(cli, tmp_path):
    doc, plan = correct_doc(cell="gru")
    P, v, h1 = plan.params, plan.forward[1].values, plan.forward[0].values["h"]
    doc["t2"]["h_tilde"] = list(np.tanh(v["x"] @ P["W_xh"] + v["r"] * (h1 @ P["W_hh"])))  # PyTorch's form
    r, out = run_json(cli, write(tmp_path, doc))
    assert first(out) == ("forward", 2, "h_tilde") and out["diagnosis"] == "gru_variant"


def test_the_lecture_variant_in_a_torch_trace(cli, tmp_path):
    doc, plan = correct_doc(cell="gru", gru_variant="torch")
    P, v, h1 = plan.params, plan.forward[1].values, plan.forward[0].values["h"]
    doc["t2"]["h_tilde"] = list(np.tanh(v["x"] @ P["W_xh"] + (v["r"] * h1) @ P["W_hh"]))
    r, out = run_json(cli, write(tmp_path, doc))
    assert first(out) == ("forward", 2, "h_tilde") and out["diagnosis"] == "gru_variant"


def test_the_diagnoses_are_the_documented_list():
    from pathlib import Path

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for key in slips.KEYS:
        assert f"`{key}`" in readme, key


@pytest.mark.parametrize("seed", range(5))
def test_random_noise_is_no_known_slip(cli, tmp_path, seed):
    doc, plan = correct_doc(command="bptt")
    rng = np.random.default_rng(seed)
    h = np.array(doc["t2"]["h"]) + rng.normal(0, 0.05, 3)
    doc["t2"]["h"] = list(h)
    r, out = run_json(cli, write(tmp_path, doc))
    assert r.exit_code == 1 and first(out) == ("forward", 2, "h") and out["diagnosis"] is None
    r = cli("check", write(tmp_path, doc))
    assert "No known slip gives your value" in r.stdout and "Likely slip" not in r.stdout


# ---- follow-through ---------------------------------------------------------------------------------------
def slipped_forward(plan, t_slip: int, decimals: int = 4):
    """A student who transposes W_hh at step t_slip and otherwise computes correctly from their
    own numbers, rounding each value to ``decimals``."""
    from rnntrace.mathx import softmax

    P, doc, h = plan.params, {}, np.zeros(3)
    r = lambda v: [round(float(x), decimals) for x in np.atleast_1d(v)]  # noqa: E731
    for s in plan.forward:
        x = s.values["x"]
        W = P["W_hh"].T if s.t == t_slip else P["W_hh"]
        a = np.array(r(x @ P["W_xh"] + h @ W))
        h = np.array(r(np.tanh(a)))
        y = np.array(r(h @ P["W_hy"]))
        p = np.array(r(softmax(y)))
        step = {"x": r(x), "a": list(a), "h": list(h), "y": list(y), "p": list(p)}
        if s.target is not None:
            step["loss"] = round(float(-np.log(p[plan.vocab.index(s.target)])), decimals)
        doc[f"t{s.t}"] = step
    return doc


def test_later_values_follow_from_the_students_own_numbers(cli, tmp_path):
    _, plan = plan_of()
    doc = slipped_forward(plan, 2)
    r, out = run_json(cli, write(tmp_path, doc))
    assert first(out) == ("forward", 2, "a") and out["diagnosis"] == "transposed"
    assert out["follow_through"] == {"checked": 21, "differ": []}
    r = cli("check", write(tmp_path, doc))
    assert "later values 21 · follow from them 21 · differ 0." in " ".join(r.stdout.split())


def test_a_second_slip_after_the_first_is_counted(cli, tmp_path):
    _, plan = plan_of()
    doc = slipped_forward(plan, 2)
    doc["t4"]["p"] = [1.0] * 5
    r, out = run_json(cli, write(tmp_path, doc))
    assert out["follow_through"]["differ"][0] == {"phase": "forward", "t": 4, "name": "p"}
    assert "the next: p_t at t = 4" in " ".join(cli("check", write(tmp_path, doc)).stdout.split())


def test_spanish(cli, tmp_path):
    doc, plan = correct_doc()
    doc["t1"]["p"] = [1.0] * 5
    r = cli("check", write(tmp_path, doc), "--lang", "es")
    assert "Error probable: la softmax calculada por columnas" in r.stdout and "Likely" not in r.stdout


# ---- bad input --------------------------------------------------------------------------------------------
def bad(cli, tmp_path, text: str, name="mine.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    r = cli("check", str(path))
    assert r.exit_code == 2 and r.stdout == "" and r.stderr.count("\n") == 1, (r.stdout, r.stderr)
    return r.stderr


def test_bad_files(cli, tmp_path):
    assert "t1.h must be a list of 3 numbers (1×3)" in bad(cli, tmp_path, "[t1]\nh = [0.1, 0.2]\n")
    assert "t1.h must be a list of 3 numbers (1×3)" in bad(cli, tmp_path, '[t1]\nh = "0.1"\n')
    assert "t1.loss must be a number" in bad(cli, tmp_path, "[t1]\nloss = [1.6]\n")
    assert "t1.h must be a list of 3 numbers" in bad(cli, tmp_path, "[t1]\nh = [[0.1, 0.2], [0.3]]\n")
    assert "t1.h must be a list of 3 numbers" in bad(cli, tmp_path, "[t1]\nh = [[[0.1, 0.2, 0.3]]]\n")
    assert "t1.h must be a list of 3 numbers" in bad(cli, tmp_path, "[t1]\nh = [true, 0.2, 0.3]\n")
    assert "unknown value t1.q; this step has x, a, h, y, p, loss" in bad(cli, tmp_path, "[t1]\nq = 1.0\n")
    assert "there is no step t9: the sentence has 5 steps" in bad(cli, tmp_path, "[t9]\nh = [0.1, 0.2, 0.3]\n")
    assert "unknown table [step1]" in bad(cli, tmp_path, "[step1]\nh = [0.1, 0.2, 0.3]\n")
    assert "neither TOML nor JSON" in bad(cli, tmp_path, "h = [0.1, \n")
    assert "neither TOML nor JSON" in bad(cli, tmp_path, '{"t1": ', "mine.json")
    assert "is empty" in bad(cli, tmp_path, "\n \n")
    assert "trace.example holds the control character U+001B" in bad(cli, tmp_path, '[trace]\nexample = "\\u001b[2J"\n[t1]\n')
    assert "holds the control character U+202E" in bad(cli, tmp_path, '[t1]\n"h\\u202e" = 1.0\n')
    assert "partly blank" in bad(cli, tmp_path, '[t1]\nh = [0.1, "?", 0.3]\n')
    assert "trace.cell must be one of rnn, gru, lstm" in bad(cli, tmp_path, '[trace]\ncell = "cnn"\n[t1]\n')
    assert "trace.example: no built-in example named 'nosuch'" in bad(cli, tmp_path, '[trace]\nexample = "nosuch"\n[t1]\n')
    assert "trace.sentence: the word 'zzz' is not in the vocabulary" in bad(
        cli, tmp_path, '[trace]\nsentence = "I zzz"\n[t1]\n')
    assert "up to 10 tokens; this one has 11" in bad(
        cli, tmp_path, '[trace]\ncommand = "bptt"\nsentence = "' + " ".join(["I"] * 11) + '"\n[t1]\n')
    assert "need command = \"bptt\"" in bad(cli, tmp_path, "[backward.t1]\ndelta = [0.1, 0.2, 0.3]\n")
    assert "backward.t1.dW_hh must be 3 lists of 3 numbers (3×3)" in bad(
        cli, tmp_path, '[trace]\ncommand = "bptt"\n[backward.t1]\ndW_hh = [[0.1, 0.2], [0.3, 0.4]]\n')


def test_a_file_too_large_or_not_a_file(cli, tmp_path):
    from rnntrace.check.sheet import MAX_BYTES

    big = tmp_path / "big.toml"
    with open(big, "wb") as f:
        f.truncate(MAX_BYTES + 1)
    r = cli("check", str(big))
    assert r.exit_code == 2 and "big.toml" in r.stderr and "64" in r.stderr
    r = cli("check", str(tmp_path))
    assert r.exit_code == 2 and "is a directory" in r.stderr


def test_bad_options(cli, tmp_path):
    r = cli("check")
    assert r.exit_code == 2 and "missing FILE" in r.stderr
    r = cli("check", "x.toml", "--template")
    assert r.exit_code == 2 and "not both" in r.stderr
    r = cli("check", "x.toml", "--cell", "gru")
    assert r.exit_code == 2 and "--cell is for --template" in r.stderr
    r = cli("check", "x.toml", "--tol", "-1")
    assert r.exit_code == 2 and "--tol" in r.stderr


def test_a_vector_written_as_numpy_prints_a_row_is_read(cli, tmp_path):
    path = tmp_path / "np.toml"
    path.write_text("[t1]\nh = [[0.2913, 0.1974, 0.0997]]\na = [[0.3], [0.2], [0.1]]\n", encoding="utf-8")
    assert cli("check", str(path)).exit_code == 0


def test_tolerance_option(cli, tmp_path):
    doc, _ = correct_doc()
    doc["t1"]["h"] = [x + 0.003 for x in doc["t1"]["h"]]
    assert cli("check", write(tmp_path, doc), "--tol", "0.01").exit_code == 0
    assert cli("check", write(tmp_path, doc), "--tol", "0.001").exit_code == 1


def test_what_is_said_after_the_first_difference_and_about_blanks(cli, tmp_path):
    doc = {"t1": {"h": [0.9, 0.9, 0.9]}}
    out = " ".join(cli("check", write(tmp_path, doc)).stdout.split())
    assert "Nothing after it was filled in." in out and "After it" not in out
    assert "28 values left blank were not checked." in out  # every value not written
    doc = {"t1": {"h": [0.9, 0.9, 0.9], "p": "?"}, "t2": {"a": [0.1, 0.2, 0.3]}}
    out = " ".join(cli("check", write(tmp_path, doc)).stdout.split())
    assert "later values 1 · follow from them 0 · differ 1 (the next: a_t at t = 2)" in out
    assert "Nothing after it" not in out
    full, _ = correct_doc()
    full["t3"]["h"] = [0.9, 0.9, 0.9]
    assert "left blank" not in cli("check", write(tmp_path, full)).stdout
    del full["t5"]["p"]
    assert "1 value left blank was not checked." in " ".join(cli("check", write(tmp_path, full)).stdout.split())


def test_a_json_template_reads_back(cli, tmp_path):
    r = cli("check", "--template", "--format", "json", "--command", "bptt", "--cell", "lstm")
    path = tmp_path / "t.json"
    path.write_text(r.stdout, encoding="utf-8")
    r = cli("check", str(path), "--format", "json")
    assert r.exit_code == 0 and json.loads(r.stdout)["checked"] == 0


# ---- self-attention ---------------------------------------------------------------------------------
def attention_parts():
    from rnntrace import attention_examples as ae, attention_trace

    tr = attention_trace.run_self(ae.load("doctor", "self"))
    return tr, tr.result.heads[0]


def test_attention_from_the_trace_agrees(cli, tmp_path):
    doc, plan = correct_doc(command="attention")
    assert list(doc) == ["trace", "attention"]
    r, out = run_json(cli, write(tmp_path, doc))
    assert r.exit_code == 0 and out["checked"] == 8


def softmax_rows(s, axis=1):
    e = np.exp(s - s.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def test_attention_without_the_scaling(cli, tmp_path):
    doc, _ = correct_doc(command="attention")
    tr, head = attention_parts()
    del doc["attention"]["scaled_scores"]
    doc["attention"]["weights"] = softmax_rows(head.Q @ head.K.T).tolist()  # softmax(Q·Kᵀ), no ÷ √d_k
    r, out = run_json(cli, write(tmp_path, doc))
    assert first(out) == ("attention", 1, "weights") and out["diagnosis"] == "no_scale"
    assert "not divided by √d_k" in cli("check", write(tmp_path, doc)).stdout
    doc, _ = correct_doc(command="attention")
    doc["attention"]["scaled_scores"] = (head.Q @ head.K.T).tolist()
    r, out = run_json(cli, write(tmp_path, doc))
    assert first(out) == ("attention", 1, "scaled_scores") and out["diagnosis"] == "no_scale"
    assert "√d_k = 2.0000" in cli("check", write(tmp_path, doc)).stdout


def test_attention_softmax_by_column(cli, tmp_path):
    doc, _ = correct_doc(command="attention")
    tr, head = attention_parts()
    doc["attention"]["weights"] = softmax_rows(head.Q @ head.K.T / 2.0, axis=0).tolist()
    r, out = run_json(cli, write(tmp_path, doc))
    assert first(out) == ("attention", 1, "weights") and out["diagnosis"] == "softmax_axis"


def test_attention_transposed_projection(cli, tmp_path):
    doc, _ = correct_doc(command="attention")
    tr, head = attention_parts()
    doc["attention"]["Q"] = (tr.X @ tr.result.W_Q.T).tolist()
    r, out = run_json(cli, write(tmp_path, doc))
    assert first(out) == ("attention", 1, "Q") and out["diagnosis"] == "transposed"


def test_attention_file_shape(cli, tmp_path):
    r = cli("check", "--template", "--command", "attention", "--cell", "gru")
    assert r.exit_code == 2 and "--cell is for the cells' traces" in r.stderr
    path = tmp_path / "a.toml"
    path.write_text('[trace]\ncommand = "attention"\n[t1]\n', encoding="utf-8")
    r = cli("check", str(path))
    assert r.exit_code == 2 and "one [attention] table" in r.stderr
    path.write_text('[trace]\ncommand = "attention"\n[attention]\nweights = [[0.2, 0.8]]\n', encoding="utf-8")
    r = cli("check", str(path))
    assert r.exit_code == 2 and "attention.weights must be 5 lists of 5 numbers (5×5)" in r.stderr


def test_numbers_printed_in_full_from_float32_code_agree(cli, tmp_path):
    """A student's own numpy code in float32: every number printed in full (16 digits of a float32
    value) is within 1e-6 of the float64 trace, not within the 1e-16 its digits suggest."""
    _, plan = plan_of()
    P = {k: v.astype(np.float32) for k, v in plan.params.items()}
    h, doc = np.zeros(3, np.float32), {}
    for s in plan.forward:
        x = s.values["x"].astype(np.float32)
        a = x @ P["W_xh"] + h @ P["W_hh"]
        h = np.tanh(a)
        doc[f"t{s.t}"] = {"a": a.tolist(), "h": h.tolist()}
    assert abs(doc["t3"]["h"][0] - plan.forward[2].values["h"][0]) > 1e-12  # float32 really differs
    r, out = run_json(cli, write(tmp_path, doc))
    assert r.exit_code == 0 and out["checked"] == 10


def test_a_terminal_too_narrow_is_said_before_anything(cli, tmp_path, monkeypatch):
    doc, _ = correct_doc()
    path = write(tmp_path, doc)
    monkeypatch.setenv("COLUMNS", "12")
    r = cli("check", path)
    assert r.exit_code == 2 and r.stdout == "" and "12 columns wide" in r.stderr
    assert cli("check", path, "--format", "json").exit_code == 0  # JSON has no width
    monkeypatch.setenv("COLUMNS", "200")
    assert cli("check", path).exit_code == 0


def test_standard_input(cli):
    r = cli("check", "-", input="[t1]\nh = [0.2913, 0.1974, 0.0997]\n")
    assert r.exit_code == 0 and "rnntrace check - · forward · lecture" in r.stdout
    r = cli("check", "-", input="")
    assert r.exit_code == 2 and "- is empty" in r.stderr
