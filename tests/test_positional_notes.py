"""``rnntrace positional``: its notes are computed claims (each with a case where it holds and one
where it does not), the slide's slip about ω_1 … ω_{d/2} is named with the numbers in both
languages, and ``--explain`` explains each operation (frequency, angle, sine and cosine, the sum
with the embedding, p_t · p_{t+Δ}) with the page's own numbers."""
import json
import math

import numpy as np
import pytest

from rnntrace import positional as pe


def flat(text: str) -> str:
    """The output with its wrapped lines joined and the header panel's borders dropped."""
    return " ".join(text.replace("│", " ").split())


def run(cli, *args):
    r = cli("positional", *args)
    assert r.exit_code == 0, r.output
    return flat(r.output), json.loads(cli("positional", *args, "--format", "json").output)


def short(x: float) -> str:
    """As the tool writes one number at precision 4 (fewest decimals that show it)."""
    s = f"{x:.4f}".rstrip("0").rstrip(".")
    return s


# ---- the slide's slip ----------------------------------------------------------------------------
@pytest.mark.parametrize("d", [4, 12])
def test_the_slip_names_the_slides_frequencies_taken_literally_and_the_right_ones(cli, d):
    out, doc = run(cli, "--dim", str(d))
    half = d // 2
    literal = [1 / 10000 ** (2 * k / d) for k in range(1, half + 1)]  # the slide's ω_1 … ω_{d/2}
    right = [1 / 10000 ** (2 * k / d) for k in range(half)]  # ω_0 … ω_{d/2−1}
    np.testing.assert_allclose(doc["slide_omega"], literal, rtol=1e-15)
    np.testing.assert_allclose(doc["omega"], right, rtol=1e-15)
    assert doc["omega"][0] == 1.0 and doc["slide_omega"][-1] == pytest.approx(1e-4, rel=1e-15)
    assert doc["omega"][0] not in doc["slide_omega"]  # ω_0 = 1 is what the slide's numbering loses

    def listed(v):
        s = [short(x) for x in v]
        return ", ".join(s if len(s) <= 4 else s[:2] + ["…", s[-1]])

    assert "Slip in the slide: its vector p_t runs from sin(ω_1·t) to cos(ω_{d/2}·t)" in out
    assert f"ω_1 … ω_{half} are {listed(literal)}: ω_0 = 1 is left out and ω_{half} = 1/10000 comes in" in out
    assert f"Right: ω_0 … ω_{half - 1} = {listed(right)}, so the first pair is sin(ω_0·t) = sin t and cos t" in out
    assert "the same frequencies" not in out  # the old note, false taken literally
    es = flat(cli("positional", "--dim", str(d), "--lang", "es").output)
    assert "Errata de la transparencia" in es and f"ω_1 … ω_{half} son {listed(literal)}: falta ω_0 = 1" in es


def test_the_slip_with_one_pair(cli):
    out, doc = run(cli, "--dim", "2", "--length", "3")
    assert doc["slide_omega"] == [1e-4] and doc["omega"] == [1.0]
    assert "for d = 2 its vector p_t is [sin(ω_1·t), cos(ω_1·t)]" in out
    assert "ω_1 = 1/10000^(2/2) = 0.0001, where the right one is ω_0 = 1" in out
    assert "k = 0 only: d = 2 has one pair, ω_0 = 1" in out and "k = 0 …" not in out


def test_the_slip_is_named_where_attention_shows_the_frequencies(cli):
    out = flat(cli("attention").output)
    assert "ω_0 = 1, ω_1 = 0.01 Slip in the slide: it numbers these ω_1 … ω_{d/2}" in out
    assert "Errata de la transparencia: las numera ω_1 … ω_{d/2}" in flat(cli("attention", "--lang", "es").output)


def test_the_slip_stays_away_without_sinusoidal_encodings(cli, write_example):
    from pathlib import Path

    text = (Path(__file__).parent.parent / "examples" / "doctor.toml").read_text(encoding="utf-8")
    path = write_example(text.replace('positional = "sinusoidal"', 'positional = "none"'))
    assert "Slip in the slide" not in cli("attention", "--example", path).output


def test_the_k_line_names_the_slowest_frequency(cli):
    out, doc = run(cli, "--dim", "8")
    assert f"k = 0 … 3: ω_0 = 1 turns fastest, ω_3 = {short(doc['omega'][3])} slowest" in out


# ---- the notes under the properties ----------------------------------------------------------
def test_bounded_note_when_the_index_leaves_the_range(cli):
    out, doc = run(cli, "--length", "16")
    assert doc["properties"]["index"]["bounded"] is False and doc["properties"]["index"]["max"] == 15
    assert "bounded: the index reaches n − 1 = 15, past 1, and grows with the sentence; binary and sinusoidal stay in [−1, 1]" in out
    assert "inside [0, 1]" not in out


def test_bounded_note_when_two_positions_keep_the_index_in_range(cli):
    out, doc = run(cli, "--length", "2")
    assert doc["properties"]["index"]["bounded"] is True and doc["properties"]["index"]["max"] == 1
    assert "bounded: with n = 2 the index ends at 1, inside [0, 1]; it grows with the sentence (n − 1)" in out
    assert "past 1" not in out
    es = flat(cli("positional", "--length", "2", "--lang", "es").output)
    assert "con n = 2 el índice acaba en 1, dentro de [0, 1]" in es


def test_the_relative_title_claims_only_what_the_table_shows():
    from rnntrace.document import Heading
    from rnntrace.present import positional as present

    def titles(c):
        return [b.text for p in present.build(c).pages for s in p.sections for b in s.blocks if isinstance(b, Heading)]

    c = pe.compare(16, 4)
    assert c.props["sinusoidal"].relative.matches_expected
    assert any(x.endswith("the same for every t, Σ_k cos(ω_k Δ)") for x in titles(c))
    rel = c.props["sinusoidal"].relative
    rel.dots[3][5] += 0.25  # one product off: it no longer depends on Δ alone
    rel.spread[3] = np.max(rel.dots[3]) - np.min(rel.dots[3])
    rel.deviation[3] = np.max(np.abs(rel.dots[3] - rel.expected[3]))
    assert not rel.matches_expected
    assert not any("the same for every t" in x for x in titles(c))
    assert any(x.endswith("against Σ_k cos(ω_k Δ)") for x in titles(c))


def test_relative_json(cli):
    _, doc = run(cli)
    assert doc["properties"]["sinusoidal"]["dot_matches_expected"] is True
    np.testing.assert_allclose(doc["periods"], [2 * math.pi / w for w in doc["omega"]], rtol=1e-15)


# ---- --explain -------------------------------------------------------------------------------------
def test_explain_explains_each_operation_with_the_tables_numbers(cli):
    plain, doc = run(cli)
    out = flat(cli("positional", "--explain").output)
    S = np.array(doc["sinusoidal"])
    assert "↳" not in plain and "↳" in out
    # the sum with the embedding
    assert "p_t is added, entry by entry, to the embedding of the word at position t: x_t = e_t + p_t" in out
    # the frequency: ω_0 = 1 turns every 2π positions, each next pair 10000^(2/d) = 100 times slower
    assert f"a full turn every {2 * math.pi:.2f} positions" in out and "each next pair turns 100 times slower" in out
    assert f"down to ω_1 = 0.01 ({2 * math.pi / 0.01:.1f} positions per turn)" in out
    # the angle, at t = 2
    assert "at t = 2 pair 0 is at ω_0·2 = 2 rad and pair 1 at ω_1·2 = 0.02 rad" in out
    # sine and cosine of that angle: the table's row t = 2
    assert f"Row t = 2: sin(2) = {S[2, 0]:.4f}, cos(2) = {S[2, 1]:.4f}" in out
    assert (f"{math.sin(2):.4f}", f"{math.cos(2):.4f}") == (f"{S[2, 0]:.4f}", f"{S[2, 1]:.4f}")
    # p_t · p_{t+Δ}
    d1 = np.array(doc["properties"]["sinusoidal"]["dot_expected"])[1]
    assert f"(Δ = 1: {d1:.4f} at every t)" in out and d1 == pytest.approx(math.cos(1) + math.cos(0.01), abs=1e-15)


def test_explain_in_spanish_and_with_one_pair(cli):
    out = flat(cli("positional", "--explain", "--lang", "es", "--dim", "2", "--length", "2").output)
    assert "x_t = e_t + p_t" in out and "el único par de d = 2 da una vuelta cada 6.28 posiciones" in out
    assert "en t = 1 vale ω_0·1 = 1 rad" in out and "Fila t = 1: sin(1) = 0.8415, cos(1) = 0.5403" in out
    assert "(Δ = 1: 0.5403 en todo t)" in out


@pytest.mark.parametrize("fmt", ["latex", "markdown"])
def test_explain_reaches_the_other_formats(cli, fmt):
    out = cli("positional", "--explain", "--format", fmt).output
    assert "radian" in out and "unit circle" in out
