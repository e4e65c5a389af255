"""``notation.fmt_array``'s one-pass path for large arrays writes the strings the number-by-number
definition writes (the common decimals by ``round``, then each number at them)."""
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rnntrace.notation import decimals, fmt_array, fmt_number, use_scientific


def reference(arr, precision: int) -> list[list[str]]:
    a = np.asarray(arr, dtype=np.float64)
    rows = a.reshape(1, -1).tolist() if a.ndim <= 1 else a.tolist()
    flat = [x for row in rows for x in row]
    sci = use_scientific(flat, precision)
    d = precision if sci else decimals(flat, precision)
    return [[fmt_number(x, d, sci) for x in row] for row in rows]


numbers = st.one_of(
    st.floats(-1e6, 1e6, allow_nan=False),
    st.sampled_from([0.0, -0.0, 0.5, 0.25, 0.125, 0.00005, -0.00005, 0.00015, 2.5, 1e-5, 99999.99995,
                     math.inf, -math.inf, math.nan, 1e-300]),
    st.integers(-1000, 1000).map(lambda k: k / 8),
    st.integers(-10 ** 6, 10 ** 6).map(lambda k: k / 10 ** 4),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(numbers, min_size=65, max_size=200), st.integers(1, 6))
def test_large_arrays_as_number_by_number(values, precision):
    a = np.array(values)
    assert fmt_array(a, precision) == reference(a, precision)
    m = a[:64].reshape(8, 8)
    assert fmt_array(np.vstack([m, m]), precision) == reference(np.vstack([m, m]), precision)


@pytest.mark.parametrize("scale", [1.0, 1e-3, 1e-6, 1e4, 1e6])
def test_random_matrices(scale):
    rng = np.random.default_rng(0)
    for p in (1, 2, 4, 6):
        a = rng.standard_normal((70, 9)) * scale
        assert fmt_array(a, p) == reference(a, p)
        r = np.round(a, 2)  # numbers that need fewer decimals than p
        assert fmt_array(r, p) == reference(r, p)
        z = np.zeros((10, 10))
        z[3, 3] = -1e-9  # shows as 0, never "-0"
        assert fmt_array(z, p) == reference(z, p)
