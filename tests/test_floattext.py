"""The vectorised float writer (rnntrace.render.floattext) against json.dumps, number by number:
the same bytes (Python's shortest repr), and every number reads back bit for bit."""
import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rnntrace.render.floattext import arrays_text, numbers
from rnntrace.render.jsondoc import RecordLists, Records, _line_encoder, dumps, plain


def written(x: np.ndarray) -> list[str]:
    rows = numbers(x)
    return [bytes(r[r != 0]).decode("ascii") for r in rows]


def samples(seed: int, n: int = 200_000) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    sign = np.where(rng.random(n) < 0.5, np.int64(-2**63), np.int64(0))
    bits = (rng.integers(0, 2**63 - 1, n, dtype=np.int64) | sign).view(np.float64)
    powers = 10.0 ** np.arange(-30, 31)
    twos = 2.0 ** np.arange(-1074, 1024)
    return {
        "normal": rng.standard_normal(n),
        "magnitudes": rng.standard_normal(n) * 10.0 ** rng.integers(-30, 30, n),
        "every exponent": rng.uniform(-1, 1, n) * 10.0 ** rng.uniform(-323, 308, n),
        "bit patterns": bits[np.isfinite(bits)],
        "short decimals": np.concatenate([np.round(rng.standard_normal(n // 17) * 10.0 ** rng.integers(-6, 6, n // 17), d)
                                          for d in range(17)]),
        "integers times powers of ten": rng.integers(-10**6, 10**6, n) * 10.0 ** rng.integers(-22, 23, n),
        "integers as floats": rng.integers(-2**54, 2**54, n).astype(np.float64),
        "small whole numbers and one-hot rows": np.concatenate([rng.integers(-1000, 1000, n // 2).astype(np.float64),
                                                                np.eye(5).ravel(), -np.eye(3).ravel()]),
        "whole numbers next to 2^53": 2.0**53 + np.arange(-64, 64, dtype=np.float64) * 2,
        "powers of ten and neighbours": np.concatenate([powers, np.nextafter(powers, 0), np.nextafter(powers, np.inf)]),
        "powers of two and neighbours": np.concatenate([twos, np.nextafter(twos, 0), np.nextafter(twos, np.inf)]),
        "near 1e-4 and 1e16": np.concatenate([np.nextafter(1e-4, 0) - np.arange(200) * 2e-20, 1e-4 + np.arange(200) * 2e-20,
                                              1e16 + np.arange(-200, 200) * 2.0]),
        "edges": np.array([0.0, -0.0, 5e-324, -5e-324, 2.2250738585072014e-308, 2.225073858507201e-308,
                           1.7976931348623157e308, -1.7976931348623157e308, 0.1, 0.2, 0.30000000000000004, 1.0,
                           1e-05, 1e+16, 9999999999999998.0, 0.0001, 123456789012345680.0, 1e22, 1e23]),
    }


@pytest.mark.parametrize("seed", [0, 1])
def test_numbers_are_json_dumps_numbers_byte_for_byte(seed):
    for name, x in samples(seed).items():
        ours = written(x)
        theirs = [json.dumps(v) for v in x.tolist()]
        wrong = [(a, b) for a, b in zip(ours, theirs) if a != b]
        assert not wrong, f"{name}: {len(wrong)} differ, e.g. {wrong[:3]} (mine, json's)"
        back = np.array([float(s) for s in ours])
        assert np.array_equal(back.view(np.int64), x.view(np.int64)), name  # bit for bit, -0.0 too


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=1, max_size=40))
def test_any_finite_floats(values):
    x = np.array(values, dtype=np.float64)
    assert written(x) == [repr(v) for v in values]


def test_arrays_of_every_shape_as_json_writes_their_lists():
    rng = np.random.default_rng(3)
    arrays = [np.asarray(rng.standard_normal(s) * 10.0 ** rng.integers(-8, 8, s))
              for s in [(3,), (2, 3), (3,), (1, 1), (2, 2, 2), (), (5,), (2, 3), (1,)]]
    arrays += [np.arange(4), np.zeros((0, 3)), np.array([True, False])]
    texts = arrays_text(arrays, _line_encoder([]))
    assert texts == [json.dumps(a.tolist(), separators=(",", ":")) for a in arrays]


def test_a_nonfinite_array_is_refused_as_json_refuses_it():
    with pytest.raises(ValueError):
        dumps({"a": np.array([1.0, np.inf])})
    with pytest.raises(ValueError):
        json.dumps([1.0, float("inf")], allow_nan=False)


def test_a_string_that_looks_like_the_mark_is_written_as_a_string():
    doc = {"a": "\0", "b": np.array([0.5, -2.0]), "c": [np.array([[1.0, 2.0]]), "x"]}
    assert json.loads(dumps(doc)) == plain(doc) == {"a": "\0", "b": [0.5, -2.0], "c": [[[1.0, 2.0]], "x"]}


@pytest.mark.parametrize("args", [("bptt", "--steps", "300"), ("bptt", "--steps", "300", "--cell", "lstm"),
                                  ("bptt", "--steps", "60", "--scale", "1e200", "--activation", "relu"),
                                  ("bptt", "--layers", "2", "--bidirectional"), ("forward", "--cell", "gru"),
                                  ("bptt", "--layers", "2", "--bidirectional", "--steps", "200"),
                                  ("bptt", "-e", "sentimiento", "--steps", "50", "--cell", "lstm"),
                                  ("attention", "--heads", "2")])
def test_documents_written_fast_are_the_json_encoders_bytes(args, monkeypatch):
    """A document with its arrays and Records (written by floattext) against the same document as
    plain lists and dicts, which json's C encoder writes number by number: the same bytes."""
    from click.testing import CliRunner

    import rnntrace.output as output
    from rnntrace.cli import main

    captured = []
    monkeypatch.setattr(output, "json_text", lambda doc: captured.append(doc) or "")
    assert CliRunner().invoke(main, [*args, "--format", "json"]).exit_code == 0
    doc = captured[0]
    assert _fast_parts(doc)  # arrays or Records: what floattext writes
    assert dumps(doc) == dumps(plain(doc))


def _fast_parts(x) -> int:
    if isinstance(x, (np.ndarray, Records, RecordLists)):
        return 1
    if isinstance(x, dict):
        return sum(map(_fast_parts, x.values()))
    if isinstance(x, list):
        return sum(map(_fast_parts, x))
    return 0
