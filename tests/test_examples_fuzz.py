"""Whatever an example file holds, loading it gives an Example or an InputError: never another
exception (which the user would see as a traceback)."""
import math

import numpy as np
from hypothesis import event, given, settings, strategies as st

from rnntrace import forward
from rnntrace.errors import InputError
from rnntrace.examples import from_document

scalars = st.one_of(st.integers(-5, 300), st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=4),
                    st.booleans())
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    st.text(max_size=5), inner, max_size=3), max_leaves=12)
names = st.sampled_from(["W_xh", "W_hh", "W_hy", "b_h", "b_y", "W_xr", "b_hn", "W_qq", "W_xf"])
FIELDS = ["name", "cell", "vocab", "sentence", "targets", "hidden_size", "seed", "weights", "notes", "extra"]


@st.composite
def documents(draw):
    """A valid document, then 0–2 fields replaced by anything or removed: every outcome occurs."""
    V, H = draw(st.integers(1, 4)), draw(st.integers(1, 3))
    vocab = [f"w{i}" for i in range(V)]
    sentence = draw(st.lists(st.sampled_from(vocab), min_size=1, max_size=4))
    weights = {}
    for name in draw(st.sets(names, max_size=3)):
        shape = {"W_hy": (H, V), "b_y": (V,)}.get(name) or (
            (V, H) if name.startswith("W_x") else (H, H) if name.startswith("W_h") else (H,))
        if draw(st.booleans()):  # sometimes the wrong shape
            shape = tuple(d + draw(st.integers(0, 1)) for d in shape)
        weights[name] = np.round(draw(st.lists(st.floats(-3, 3), min_size=int(np.prod(shape)),
                                               max_size=int(np.prod(shape)))), 3).reshape(shape).tolist()
    doc = {"name": "fuzz", "cell": draw(st.sampled_from(["rnn", "gru", "lstm"])), "vocab": vocab,
           "sentence": sentence, "hidden_size": H, "seed": draw(st.integers(0, 2**40)), "weights": weights}
    for field in draw(st.lists(st.sampled_from(FIELDS), max_size=2)):
        if draw(st.booleans()):
            doc.pop(field, None)
        else:
            doc[field] = draw(values)
    return doc


@settings(max_examples=400, deadline=None)
@given(documents(), st.sampled_from(["rnn", "gru", "lstm"]), st.sampled_from(["lecture", "torch"]))
def test_any_document_loads_or_says_what_is_wrong(doc, cell, variant):
    try:
        ex = from_document(doc, "fuzz.toml")
    except InputError as e:
        assert str(e).strip() and "\n" not in str(e)
        event("rejected by the loader")
        return
    try:
        tr = forward.run(ex, cell=cell, gru_variant=variant)
    except InputError as e:
        assert str(e).startswith("fuzz.toml: ") and "\n" not in str(e)
        event("rejected when building the cell's parameters")
        return
    event("traced")
    for s in tr.steps:
        p = s.values["p"]
        assert p.shape == (len(ex.vocab),) and (not np.all(np.isfinite(p)) or math.isclose(p.sum(), 1.0))
