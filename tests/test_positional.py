"""Positional encodings against the lecture's formulas, written out independently with loops."""
from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from rnntrace import positional as pe
from rnntrace.errors import InputError


def close(mine, theirs, what, atol=1e-12):
    mine, theirs = np.asarray(mine, dtype=float), np.asarray(theirs, dtype=float)
    assert mine.shape == theirs.shape, f"{what}: shape mine {mine.shape} vs theirs {theirs.shape}"
    assert np.allclose(mine, theirs, rtol=0, atol=atol), f"{what}:\nmine\n{mine}\ntheirs\n{theirs}"


def sinusoid_by_hand(n: int, d: int) -> list[list[float]]:
    """p_t^(i) = sin(ω_k t) for i = 2k, cos(ω_k t) for i = 2k + 1, ω_k = 1/10000^(2k/d)."""
    rows = []
    for t in range(n):
        row = []
        for i in range(d):
            k = i // 2
            w = 1.0 / 10000 ** (2 * k / d)
            row.append(math.sin(w * t) if i % 2 == 0 else math.cos(w * t))
        rows.append(row)
    return rows


# the lecture's table: positions 0..15 in 4 bits
LECTURE_BINARY = """
0 0 0 0 | 0 0 0 1 | 0 0 1 0 | 0 0 1 1 | 0 1 0 0 | 0 1 0 1 | 0 1 1 0 | 0 1 1 1 |
1 0 0 0 | 1 0 0 1 | 1 0 1 0 | 1 0 1 1 | 1 1 0 0 | 1 1 0 1 | 1 1 1 0 | 1 1 1 1
"""


def test_binary_is_the_lecture_table():
    table = [[int(b) for b in row.split()] for row in LECTURE_BINARY.replace("\n", "").split("|")]
    assert pe.binary_width(16) == 4
    close(pe.binary_encoding(16), table, "binary 0..15")


@pytest.mark.parametrize("n, bits", [(1, 1), (2, 1), (3, 2), (4, 2), (5, 3), (16, 4), (17, 5), (256, 8)])
def test_binary_width_is_bits_of_the_longest_position(n, bits):
    assert pe.binary_width(n) == bits
    B = pe.binary_encoding(n)
    assert B.shape == (n, bits)
    for t in range(n):  # read the bits back
        assert sum(int(b) << (bits - 1 - i) for i, b in enumerate(B[t])) == t


def test_index_is_t():
    close(pe.index_encoding(7), [[t] for t in range(7)], "index")
    assert list(pe.positions(4)) == [0, 1, 2, 3]


@given(n=st.integers(1, 40), half=st.integers(1, 16))
@settings(max_examples=60, deadline=None)
def test_sinusoidal_matches_the_formula(n, half):
    d = 2 * half
    close(pe.sinusoidal_encoding(n, d), sinusoid_by_hand(n, d), f"sinusoidal n={n} d={d}")
    close(pe.frequencies(d), [1 / 10000 ** (2 * k / d) for k in range(half)], "ω_k")


def test_sinusoidal_first_rows():
    P = pe.sinusoidal_encoding(3, 4)
    close(P[0], [0, 1, 0, 1], "p_0 = (sin 0, cos 0, …)")
    close(P[1], [math.sin(1), math.cos(1), math.sin(0.01), math.cos(0.01)], "p_1 with ω = (1, 1/100)")


@given(n=st.integers(2, 60), half=st.integers(1, 32))
@settings(max_examples=60, deadline=None)
def test_dot_product_depends_on_delta_alone(n, half):
    d = 2 * half
    P = sinusoid_by_hand(n, d)
    rel = pe.relative(pe.sinusoidal_encoding(n, d), pe.frequencies(d))
    for delta in range(n):
        expected = sum(math.cos(delta / 10000 ** (2 * k / d)) for k in range(half))
        by_hand = [sum(a * b for a, b in zip(P[t], P[t + delta])) for t in range(n - delta)]
        close(rel.dots[delta], by_hand, f"p_t·p_(t+{delta})")
        assert max(by_hand) - min(by_hand) < 1e-12
        assert rel.spread[delta] < 1e-12
        assert rel.expected[delta] == pytest.approx(expected, abs=1e-12)
        assert rel.deviation[delta] < 1e-12


def test_index_and_binary_dot_products_depend_on_t():
    c = pe.compare(8, 4)
    idx, binary = c.props["index"].relative, c.props["binary"].relative
    close(idx.dots[1], [t * (t + 1) for t in range(7)], "index p_t·p_(t+1) = t(t+1)")
    assert idx.spread[1] == 6 * 7 - 0
    assert binary.spread[1] > 0  # 0·1 = 0 but 1·2 = 0, 3·4 = 0, 2·3 = 1 …
    assert idx.expected is None and binary.expected is None


def test_uniqueness_and_bounds():
    c = pe.compare(16, 6)
    u = c.props["index"].unique
    assert (u.min_distance, u.s, u.t) == (1.0, 0, 1)
    assert c.props["binary"].unique.min_distance == 1.0
    assert c.props["index"].bounds.max == 15 and c.props["index"].bounds.min == 0
    assert (c.props["binary"].bounds.min, c.props["binary"].bounds.max) == (0.0, 1.0)
    s = c.props["sinusoidal"]
    assert -1 <= s.bounds.min < 0 < s.bounds.max <= 1
    # by hand: the smallest distance between two different rows
    P = sinusoid_by_hand(16, 6)
    dists = [(math.dist(P[a], P[b]), a, b) for a in range(16) for b in range(a + 1, 16)]
    best = min(dists)
    assert s.unique.min_distance == pytest.approx(best[0], abs=1e-12)
    assert (s.unique.s, s.unique.t) == best[1:]
    assert s.unique.min_distance > 0


def test_sinusoidal_norm_is_constant():
    P = pe.sinusoidal_encoding(20, 8)
    close(np.sum(P * P, axis=1), [4.0] * 20, "‖p_t‖² = d/2")


@pytest.mark.parametrize("call", [
    lambda: pe.sinusoidal_encoding(5, 5),  # odd
    lambda: pe.sinusoidal_encoding(5, 0),
    lambda: pe.sinusoidal_encoding(0, 4),
    lambda: pe.sinusoidal_encoding(5, pe.MAX_DIM + 2),
    lambda: pe.binary_encoding(pe.MAX_LENGTH + 1),
    lambda: pe.compare(1, 4),  # one position has nothing to compare
    lambda: pe.compare(-3, 4),
])
def test_bad_sizes_are_input_errors(call):
    with pytest.raises(InputError):
        call()


def test_odd_dim_message_names_the_option():
    with pytest.raises(InputError, match=r"--dim 5 is odd.*even \(try 4 or 6\)"):
        pe.compare(4, 5)
