"""Which parameters each cell has, their shapes, and how missing ones are drawn.

Everything is stored in the lecture's row convention: ``x_t`` is a 1×V row vector and
``x_t·W_xh`` needs ``W_xh`` to be V×H.
"""
from __future__ import annotations

import numpy as np

from rnntrace.choices import CELLS, GRU_VARIANTS
from rnntrace.errors import InputError
from rnntrace.i18n import t


def param_names(cell: str, gru_variant: str = "lecture") -> list[str]:
    """The parameters of ``cell`` in the order the lecture introduces them, then the output
    layer's."""
    from rnntrace.cells import make

    return make(cell, gru_variant).names() + ["W_hy", "b_y"]


ALL_NAMES = sorted({n for c in CELLS for v in GRU_VARIANTS for n in param_names(c, v)})


def expected_shape(name: str, V: int, H: int) -> tuple[int, ...]:
    if name == "W_hy":
        return (H, V)
    if name == "b_y":
        return (V,)
    if name.startswith("W_x"):
        return (V, H)
    if name.startswith("W_h"):
        return (H, H)
    return (H,)


def is_bias(name: str) -> bool:
    return name.startswith("b_")


def recurrent_names(cell: str, gru_variant: str = "lecture") -> list[str]:
    """The matrices that multiply h_{t−1}: what ``--scale`` scales."""
    return [n for n in param_names(cell, gru_variant) if n.startswith("W_h") and n != "W_hy"]


def draw(name: str, shape: tuple[int, ...], seed: int) -> np.ndarray:
    """A weight drawn from U(−1/√H, 1/√H) (PyTorch's initialisation) and rounded to two decimals
    so the trace reads like the lecture's matrices. Each name has its own stream, so a weight
    depends only on (seed, name, shape), not on which other weights the file gives."""
    import zlib

    rng = np.random.default_rng([seed, zlib.crc32(name.encode())])
    H = shape[-1] if name != "W_hy" else shape[0]
    k = 1.0 / np.sqrt(H)
    return np.round(rng.uniform(-k, k, size=shape), 2)


def _dims(shape: tuple[int, ...]) -> str:
    return "×".join(str(d) for d in shape)


def check_shape(name: str, arr: np.ndarray, V: int, H: int, source: str, left: str) -> None:
    """Raise an InputError that says which product a wrongly shaped weight breaks.

    ``left`` is the row vector this weight multiplies (``x_t``, ``h_{t−1}``, ``(r_t ⊙ h_{t−1})``).
    """
    want = expected_shape(name, V, H)
    if arr.shape == want:
        return
    f = dict(file=source, name=name, dims=_dims(arr.shape), V=V, H=H, left=left)
    if len(want) == 1:
        raise InputError(t("errors.bias_shape", n=arr.size, m=want[0], **f))
    if arr.ndim != 2:
        raise InputError(t("errors.not_matrix", rows=want[0], cols=want[1], **f))
    r, c = arr.shape
    partner = _partner(name)
    if name == "W_hy":
        key = "errors.why_rows" if r != H else "errors.why_cols"
    elif name.startswith("W_x"):
        key = "errors.wx_rows" if r != V else "errors.wx_cols"
    else:
        key = "errors.wh_rows" if r != H else "errors.wh_cols"
    raise InputError(t(key, partner=partner, **f))


def _left_operand(name: str, cell: str, gru_variant: str) -> str:
    """The row vector that ``name`` multiplies in the chosen cell."""
    from rnntrace.cells import make

    return make(cell, gru_variant).left_operand(name)


def _partner(name: str) -> str:
    """The product that ``name``'s product is added to."""
    if name.startswith("W_x"):
        g = name[3:]
        return f"h_{{t−1}}·W_h{g}"
    if name.startswith("W_h") and name != "W_hy":
        g = name[3:]
        return f"x_t·W_x{g}"
    return ""


class Params(dict):
    """name -> float64 array, plus which biases are implicit zeros (absent from the file)."""

    implicit_zero: frozenset[str] = frozenset()


def build(cell: str, gru_variant: str, given: dict[str, np.ndarray], V: int, H: int, seed: int,
          source: str, scale: float = 1.0) -> tuple[Params, list[str], list[str]]:
    """The parameters the chosen cell uses: the file's where it names them, the rest drawn.

    Returns (params, drawn, unused): which were drawn from the seed, and which of the file's
    weights this cell does not use. Missing biases are zero (and not "drawn").
    ``scale`` multiplies every recurrent matrix (W_h· but W_hy), after validation.
    """
    names = param_names(cell, gru_variant)
    params = Params()
    drawn, implicit = [], set()
    for name in names:
        shape = expected_shape(name, V, H)
        if name in given:
            check_shape(name, given[name], V, H, source, _left_operand(name, cell, gru_variant))
            params[name] = np.array(given[name], dtype=np.float64)
        elif is_bias(name):
            params[name] = np.zeros(shape)
            implicit.add(name)
        else:
            params[name] = draw(name, shape, seed)
            drawn.append(name)
    if scale != 1.0:
        for name in recurrent_names(cell, gru_variant):
            params[name] = params[name] * scale
    params.implicit_zero = frozenset(implicit)
    unused = [n for n in given if n not in names]
    return params, drawn, unused
