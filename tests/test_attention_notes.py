"""Every conditional note of ``rnntrace attention`` is a computed claim: for each, a run where the
numbers make it true (it appears) and one where they do not (it stays away), with the numbers it
rests on checked against the JSON or an independent computation."""
import json
from pathlib import Path

import numpy as np
import pytest

DOCTOR = (Path(__file__).parent.parent / "examples" / "doctor.toml").read_text(encoding="utf-8")
EL = "el       = [0.4, 0.2, 0.3, 0.1]"
DOCTOR_ROW = "doctor   = [0.2, 0.2, 0.6, 0.2]"


def example(write_example, positional="sinusoidal", el=None, doctor=None, name="ex.toml"):
    """doctor.toml with its positional encodings and the embeddings of el / doctor replaced."""
    text = DOCTOR.replace('positional = "sinusoidal"', f'positional = "{positional}"')
    if el is not None:
        text = text.replace(EL, f"el = {el}")
    if doctor is not None:
        text = text.replace(DOCTOR_ROW, f"doctor = {doctor}")
    return write_example(text, name)


def run(cli, *args):
    r = cli("attention", *args)
    assert r.exit_code == 0, r.output
    return r.output, json.loads(cli("attention", *args, "--format", "json").output)


def flat(text: str) -> str:
    """The output with its wrapped lines joined (a note may wrap under a hanging indent)."""
    return " ".join(text.replace("│", " ").split())


def softmax(s):
    e = np.exp(s - np.max(s, axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


# ---- no positional encodings: does the order of the words matter? ------------------------------------
def test_without_positions_and_mask_the_order_only_permutes_the_rows(cli, write_example):
    path = example(write_example, "none")
    out, d = run(cli, "--example", path)
    assert "the order of the words does not change the rows, it only permutes them" in flat(out)
    assert "makes the order matter" not in flat(out)
    assert d["order_free"] is True and d["reorder_change"] < 1e-12
    # the claim, independently: the words reversed give the same rows, reversed
    rev = json.loads(cli("attention", "--example", path, "--sentence", "paciente al salvó doctor el",
                         "--format", "json").output)
    np.testing.assert_allclose(np.array(rev["output"])[::-1], d["output"], rtol=0, atol=1e-14)


def test_a_causal_mask_makes_the_order_matter_even_without_positions(cli, write_example):
    path = example(write_example, "none")
    out, d = run(cli, "--example", path, "--mask", "causal")
    assert "it only permutes them" not in flat(out)
    assert d["order_free"] is False
    change = f"{d['reorder_change']:.4f}"
    assert f"yet the causal mask makes the order matter: with the words reversed, a row of the output changes by up to {change}" in flat(out)
    rev = json.loads(cli("attention", "--example", path, "--mask", "causal", "--sentence",
                         "paciente al salvó doctor el", "--format", "json").output)
    measured = np.max(np.abs(np.array(rev["output"])[::-1] - np.array(d["output"])))
    assert measured == pytest.approx(d["reorder_change"], abs=1e-15) and measured > 0.01
    out = cli("attention", "--example", path, "--mask", "causal", "--lang", "es").output
    assert "la máscara causal hace que el orden importe" in flat(out) and "solo las permuta" not in flat(out)


def test_with_positions_neither_order_note(cli):
    out, d = run(cli, "--mask", "causal")
    assert "permutes them" not in flat(out) and "makes the order matter" not in flat(out)
    assert d["order_free"] is None and d["reorder_change"] is None


# ---- ÷ √d_k and what the rows show --------------------------------------------------------------
BIG = dict(el="[40, 20, 30, 10]", doctor="[20, -20, 60, 20]")  # scores tens apart, even ÷ √d_k


def test_scaled_rows_not_saturated_say_so_with_the_largest_weight(cli):
    out, d = run(cli)
    W = np.array(d["weights"])
    top = W.max(axis=1)
    assert top.max() < 1.5 / 5 and d["sharpness"][0]["verdict"] == "uniform"
    assert f"every row is close to uniform (largest α {top.max():.4f}; uniform: 1/5 = 0.2)" in flat(out)
    assert "one-hot" not in flat(out).split("Q·Kᵀ / √d_k")[1].split("α = softmax")[0]
    es = flat(cli("attention", "--lang", "es").output)
    assert f"todas las filas son casi uniformes (mayor α {top.max():.4f}; uniforme: 1/5 = 0.2)" in es


def test_scaled_rows_between_are_not_called_uniform(cli, write_example):
    """Scaled scores a few units apart: no row one-hot, but not every row close to uniform either."""
    path = example(write_example, el="[2.0, 2.0, 2.0, 2.0]", doctor="[2.0, -2.0, 2.0, 2.0]")
    out, d = run(cli, "--example", path)
    top = np.array(d["weights"]).max(axis=1)
    assert 1.5 / 5 <= top.max() < 0.99 and d["sharpness"][0]["verdict"] == "between"
    text = flat(out)
    assert f"no row saturated (largest α {top.max():.4f} < 0.99)" in text
    assert "close to uniform" not in text


@pytest.mark.parametrize("args", [[], ["--no-scale", "--dk", "64"], ["--heads", "2"], ["--mask", "causal"]])
def test_the_doctor_example_claims_nothing_about_its_rows(cli, args):
    """doctor.toml's own note (printed whatever the options) says where the rows are measured,
    not what they are: under --no-scale --dk 64 they are far from uniform (largest α ≥ 0.3)."""
    for lang in ("en", "es"):
        out = flat(cli("attention", *args, "--lang", lang).output)
        header = out.split("╰")[0]
        assert "ℹ" in header and "close to uniform" not in header and "casi uniforme" not in header


def test_scaled_one_hot_rows_are_named_not_called_unsaturated(cli, write_example):
    path = example(write_example, **BIG)
    out, d = run(cli, "--example", path)
    W = np.array(d["weights"])
    S = np.array(d["scaled_scores"])
    assert "no row saturated" not in flat(out) and "no saturation" not in flat(out)
    hot = [i for i in range(5) if W[i].max() >= 0.99]
    assert hot and d["sharpness"][0]["verdict"] == "one_hot"
    i = int(np.argmax(W.max(axis=1)))
    gap = S[i].max() - S[i].min()
    word = d["tokens"][i]
    n = len(hot)
    assert (f"yet {n} row{'s' if n > 1 else ''} here {'are' if n > 1 else 'is'} one-hot (largest α 1, “{word}”): "
            f"its scaled scores still lie {gap:.2f} apart") in flat(out)
    es = flat(cli("attention", "--example", path, "--lang", "es").output)
    assert (f"pero {n} fila es one-hot" if n == 1 else f"pero {n} filas son one-hot") in es
    assert "ninguna fila saturada" not in es


def test_unscaled_near_uniform_rows_are_not_called_one_hot(cli):
    out, d = run(cli, "--no-scale")
    top = np.array(d["weights"]).max(axis=1)
    assert top.max() < 1.5 / 5 and d["sharpness"][0]["verdict"] == "uniform"
    text = flat(out)
    assert "rows head for one-hot" not in text
    assert f"at this d_k the rows are still close to uniform (largest α {top.max():.4f}; uniform: 1/5 = 0.2)" in text
    assert "the measurement at the end shows rows heading for one-hot as d_k grows" in text


def test_unscaled_rows_neither_uniform_nor_one_hot(cli):
    out, d = run(cli, "--no-scale", "--dk", "64")
    top = np.array(d["weights"]).max(axis=1)
    assert 1.5 / 5 <= top.max() < 0.99 and d["sharpness"][0]["verdict"] == "between"
    text = flat(out)
    assert f"no row here is one-hot yet (largest α {top.max():.4f} < 0.99)" in text
    assert "rows are still close to uniform" not in text


def test_unscaled_one_hot_rows_are_counted(cli, write_example):
    path = example(write_example, **BIG)
    out, d = run(cli, "--example", path, "--no-scale")
    W = np.array(d["weights"])
    n = int(np.sum(W.max(axis=1) >= 0.99))
    text = flat(out)
    assert n >= 2 and f"{n} rows here are one-hot" in text
    assert "rows are still close to uniform" not in text and "heading for one-hot" not in text  # they are there already


def test_sharpness_json_against_the_weights(cli):
    _, d = run(cli, "--mask", "causal", "--heads", "2", "--no-scale")
    for k, s in enumerate(d["sharpness"]):
        W = np.array(d["weights"][k])
        np.testing.assert_array_equal(s["max_weight"], W.max(axis=1))
        assert s["keys"] == [1, 2, 3, 4, 5]
        assert s["row"] == 1 + int(np.argmax(W.max(axis=1)[1:]))  # row 1 sees one key: left out


def test_one_token_has_no_verdict(cli):
    out, d = run(cli, "--sentence", "el", "--no-scale")
    assert d["sharpness"][0]["verdict"] is None
    line = next(x for x in out.splitlines() if "unscaled:" in x)
    assert line.strip() == "unscaled: q·k spreads like √d_k (d_k = 4, √d_k = 2)"


# ---- the measurement under --no-scale ------------------------------------------------------------
def test_saturation_sentence_holds_for_the_measured_table(cli):
    out, d = run(cli, "--no-scale")
    assert "the spread of q·k grows like √d_k; unscaled, the largest weight heads for 1" in flat(out)
    s = d["saturation"]
    assert s["as_expected"] is True and s["n_keys"] == 5
    assert np.all(np.abs(np.array(s["score_std"]) / np.sqrt(s["d_k"]) - 1) <= 0.1)
    assert np.all(np.diff(s["max_weight_unscaled"]) > 0) and np.ptp(s["max_weight_scaled"]) <= 0.1
    assert d["saturation"] is not None and run(cli)[1]["saturation"] is None


def test_one_token_cannot_show_saturation(cli):
    out, d = run(cli, "--sentence", "el", "--no-scale")
    assert d["saturation"]["as_expected"] is False and d["saturation"]["max_weight_unscaled"] == [1.0] * 5
    out = flat(out)
    assert "heads for 1" not in out and "one key always gets weight 1" in out
    es = flat(cli("attention", "--sentence", "el", "--no-scale", "--lang", "es").output)
    assert "una sola clave siempre recibe peso 1" in es


# ---- rows sum to 1, masked weights exactly 0 -----------------------------------------------------------
NAN_EL = "[-1e308, 1e308, 1e308, 1e308]"  # Q·Kᵀ holds inf − inf: row 1's weights are nan


def test_rows_sum_and_masked_zero_when_true(cli):
    out, d = run(cli, "--mask", "causal")
    out += cli("attention", "--mask", "causal", "--t", "2").output
    assert "Every row of weights sums to 1" in out and "Masked weights are exactly 0, and no row is NaN." in out
    assert "the weights sum to 1, and a_2 is row 2 of A" in out
    assert d["rows_sum_to_one"] is True and d["masked_zero"] is True
    out = cli("attention").output
    assert "Masked weights" not in out  # no mask, nothing to say


def test_rows_sum_and_masked_zero_stay_away_from_nan_rows(cli, write_example):
    path = example(write_example, el=NAN_EL)
    out, d = run(cli, "--example", path, "--mask", "causal")
    out += cli("attention", "--example", path, "--mask", "causal", "--t", "1").output
    assert d["weights"][0][0] is None  # nan, written as null
    assert d["rows_sum_to_one"] is False and d["masked_zero"] is False
    assert "sums to 1" not in out and "Masked weights are exactly 0" not in out and "sum to 1" not in out
    assert "a_1 is row 1 of A" in out and "hold inf or nan" in out
    assert "no row saturated" not in out and "one-hot" not in out  # no verdict on nan rows


def test_alignment_rows_sum_to_one_only_when_they_do():
    from rnntrace import attention_trace as at
    from rnntrace.present import attention as present
    from rnntrace.attention_examples import load
    from rnntrace.document import Note

    def notes(tr):
        return [b.text for s in present.build_seq2seq(tr).pages[-1].sections for b in s.blocks if isinstance(b, Note)]

    tr = at.run_seq2seq(load("etxe_handia", "seq2seq"))
    assert any(x.endswith("each row sums to 1") for x in notes(tr))
    tr.attention.weights[1, 0] = np.nan  # a weight the float range lost
    assert tr.attention.rows_sum_to_one is False
    assert not any("sums to 1" in x for x in notes(tr))
    assert any(x.startswith("row i = softmax_j(score(") for x in notes(tr))


# ---- --backward: the rows that sum to 0, J_i symmetric ---------------------------------------------
def test_backward_identities_when_true(cli):
    out, d = run(cli, "--backward")
    ident = d["identities"]
    assert ident["dZ_row_sum"] < 1e-15 and max(ident["jacobian_asymmetry"]) < 1e-15
    assert "each row sums to 0" in out and "J_1 is symmetric and each of its rows sums to 0" in out
    P = np.array(d["probabilities"])
    assert np.abs(P.sum(axis=1) - 1).max() < 1e-15  # so P − Y sums to 0 row by row


def test_backward_identities_stay_away_when_false(cli):
    from rnntrace import attention_trace as at
    from rnntrace.present import attention_backward
    from rnntrace.attention_examples import load
    from rnntrace.document import Note

    def notes(tr):
        return [b.text for p in attention_backward.build_backward(tr).pages for s in p.sections for b in s.blocks
                if isinstance(b, Note)]

    tr = at.run_backward(load("doctor", "self"))
    before = notes(tr)
    assert sum("sums to 0" in x for x in before) == 7  # dZ, five J_i, dS
    tr.backward.dZ[0, 0] = np.nan
    tr.backward.dS[0, 0] = np.inf
    tr.backward.jacobians[1, 0, 1] += 0.5  # J_2 no longer symmetric, its row 1 no longer sums to 0
    after = notes(tr)
    assert not any("P[i] minus 1" in x for x in after) and not any("∂L/∂S_i, the product" in x for x in after)
    assert not any(x.startswith("J_2 is symmetric") for x in after)
    assert any(x.startswith("J_1 is symmetric") for x in after)


# ---- the gradient check: which parameters were sampled ------------------------------------------------
def test_sampled_parameters_are_named_only_when_sampled(cli):
    out, d = run(cli, "--backward", "--dk", "32")
    entries = d["gradient_check"]["entries"]
    assert len(entries["W_Q"]) == 64 and len(entries["W_V"]) == 16  # W_Q is 4×32 = 128 entries
    assert "W_Q, W_K: more than 64 entries each, so each is checked on 64 of them, evenly spaced." in flat(out)
    assert "64/128" in out
    es = flat(cli("attention", "--backward", "--dk", "32", "--lang", "es").output)
    assert "W_Q, W_K: más de 64 elementos cada uno" in es
    out, d = run(cli, "--backward")
    assert all(len(v) == n for v, n in zip(d["gradient_check"]["entries"].values(), (16, 16, 16, 20, 5)))
    assert "more than 64 entries" not in flat(out) and "checked on 64" not in flat(out)
