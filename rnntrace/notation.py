"""How a trace is written: expressions and shapes in the row or the column convention, and numbers.

Row convention (the lecture's): vectors are 1×n rows and a product is ``x_t·W_xh`` with
``W_xh`` V×H. Column convention (PyTorch, the lecture's Keras cell): vectors are n×1 columns and
the same product is written ``W_xh·x_t`` with ``W_xh`` H×V, the transpose. The numbers are the same.
"""
from __future__ import annotations

import math
import re

import numpy as np

from rnntrace.trace import Add, Apply, Expr, Had, MatMul, OneMinus, Op, Outer, Scale, Sub, Sym



def write(e: Expr, conv: str = "row") -> str:
    """The expression as text, e.g. ``x_t·W_xh + h_{t−1}·W_hh`` (row) / ``W_xh·x_t + W_hh·h_{t−1}``."""
    if isinstance(e, Sym):
        return e.name if conv == "row" else _column_name(e.name)
    if isinstance(e, MatMul):
        v, m = _atom(e.vec, conv), _atom(e.mat, conv)
        return f"{v}·{m}" if conv == "row" else f"{m}·{v}"
    if isinstance(e, Add):
        return " + ".join(write(x, conv) for x in e.terms)
    if isinstance(e, Sub):
        return f"{write(e.a, conv)} − {_atom(e.b, conv)}"
    if isinstance(e, Had):
        return f"{_atom(e.a, conv, had_ok=True)} ⊙ {_atom(e.b, conv, had_ok=True)}"
    if isinstance(e, OneMinus):
        return f"(1 − {write(e.a, conv)})"
    if isinstance(e, Apply):
        return f"{e.fn}({write(e.arg, conv)})"
    if isinstance(e, Outer):
        a, b = _atom(e.a, conv), _atom(e.b, conv)
        return f"{a}ᵀ·{b}" if conv == "row" else f"{b}·{a}ᵀ"
    if isinstance(e, Scale):
        return f"{_atom(e.s, conv)}·{_atom(e.a, conv)}"
    raise TypeError(e)


TEX_FUNCTIONS = {"tanh": r"\tanh", "σ": r"\sigma", "softmax": r"\operatorname{softmax}",
                 "onehot": r"\operatorname{onehot}", "relu": r"\operatorname{relu}", "sigmoid": r"\sigma",
                 "𝟙": r"\mathbf{1}"}


def write_tex(e: Expr, conv: str = "row", name=None) -> str:
    """The expression as TeX math, from its tree: ``x_t \\cdot W_{xh} + …``. ``name`` turns a
    symbol's name into TeX (the LaTeX backend's; the identity if none)."""
    name = name or (lambda x: x)

    def atom(x: Expr, had_ok: bool = False) -> str:
        if isinstance(x, (Sym, Apply, OneMinus)) or (had_ok and isinstance(x, Had)):
            return write_tex(x, conv, name)
        return r"\left(" + write_tex(x, conv, name) + r"\right)"

    if isinstance(e, Sym):
        return name(e.name if conv == "row" else _column_name(e.name))
    if isinstance(e, MatMul):
        v, m = atom(e.vec), atom(e.mat)
        return f"{v} \\cdot {m}" if conv == "row" else f"{m} \\cdot {v}"
    if isinstance(e, Add):
        return " + ".join(write_tex(x, conv, name) for x in e.terms)
    if isinstance(e, Sub):
        return f"{write_tex(e.a, conv, name)} - {atom(e.b)}"
    if isinstance(e, Had):
        return f"{atom(e.a, True)} \\odot {atom(e.b, True)}"
    if isinstance(e, OneMinus):
        return f"(1 - {write_tex(e.a, conv, name)})"
    if isinstance(e, Apply):
        fn = TEX_FUNCTIONS.get(e.fn, r"\operatorname{" + e.fn + "}")
        return fn + r"\left(" + write_tex(e.arg, conv, name) + r"\right)"
    if isinstance(e, Outer):
        a, b = atom(e.a), atom(e.b)
        a = f"{{{a}}}" if "^" in a else a  # h_{t−1}^(2)ᵀ: one superscript on a braced base
        return f"{a}^\\top \\cdot {b}" if conv == "row" else f"{b} \\cdot {a}^\\top"
    if isinstance(e, Scale):
        return f"{atom(e.s)} \\cdot {atom(e.a)}"
    raise TypeError(e)


def is_gradient(name: str | None) -> bool:
    """A weight's or a bias's gradient (``∂L/∂W_hh``): a backward step adds a contribution to it."""
    return bool(name) and name.startswith(("∂L/∂W_", "∂L/∂b_", "∂L/∂E"))


def statement(op: Op, conv: str = "row") -> str:
    """The op as written in a trace: ``a_t = x_t·W_xh + h_{t−1}·W_hh``, ``∂L/∂W_hh += h_{t−1}ᵀ·δ_t``
    (a contribution to a gradient adds to it), or the bare expression when it has no name."""
    expr = write(op.expr, conv)
    if op.target is None:
        return expr
    return f"{write(op.target, conv)} {'+=' if is_gradient(op.target.name) else '='} {expr}"


_CHAIN = re.compile(r"^∂L/∂(\w_[^·/]+)·∂\1/∂(.+)$")


def _column_name(name: str) -> str:
    """A name written as the row convention's chain rule, gradient times Jacobian
    (``∂L/∂h_t·∂h_t/∂h_{t−1}``), is Jacobian-transposed times gradient in the column one
    (``(∂h_t/∂h_{t−1})ᵀ·∂L/∂h_t``): the gradient is a column there. Other names stay."""
    m = _CHAIN.match(name)
    return f"(∂{m[1]}/∂{m[2]})ᵀ·∂L/∂{m[1]}" if m else name


def _atom(e: Expr, conv: str, had_ok: bool = False) -> str:
    """``e`` written so it can stand as one operand (parenthesised when compound)."""
    if isinstance(e, (Sym, Apply, OneMinus)) or (had_ok and isinstance(e, Had)):
        return write(e, conv)
    return f"({write(e, conv)})"


def shape(arr: np.ndarray, conv: str = "row") -> tuple[int, ...]:
    """A vector is 1×n (row) or n×1 (column); a matrix is transposed in the column convention."""
    arr = np.asarray(arr)
    if arr.ndim == 0:
        return ()
    if arr.ndim == 1:
        return (1, arr.shape[0]) if conv == "row" else (arr.shape[0], 1)
    return arr.shape if conv == "row" else arr.shape[::-1]


def dims(shp: tuple[int, ...]) -> str:
    if shp:
        return "×".join(str(d) for d in shp)
    from rnntrace.i18n import t

    return t("common.scalar")


def as_shown(arr: np.ndarray, conv: str = "row") -> np.ndarray:
    """The array laid out as the convention writes it: 2-D, vectors as a row or a column."""
    arr = np.asarray(arr, dtype=np.float64)
    if arr.ndim == 0:
        return arr.reshape(1, 1)
    if arr.ndim == 1:
        return arr[None, :] if conv == "row" else arr[:, None]
    return arr if conv == "row" else arr.T


def shape_line(op: Op, conv: str = "row") -> str:
    """e.g. ``x_t (1×5) · W_xh (5×3) → (1×3)``; shapes come from the arrays."""
    ops = [(write(e, conv), dims(shape(v, conv))) for e, v in op.operands]
    out = dims(shape(op.value, conv))
    e = op.expr
    if isinstance(e, MatMul) and len(ops) == 2:
        (v, vs), (m, ms) = ops
        left = f"{v} ({vs}) · {m} ({ms})" if conv == "row" else f"{m} ({ms}) · {v} ({vs})"
        return f"{left} → ({out})"
    if isinstance(e, Outer) and len(ops) == 2:
        (a, _), (b, _) = ops
        va, vb = (np.asarray(x) for _, x in op.operands)
        if conv == "row":
            return f"{a}ᵀ ({va.size}×1) · {b} (1×{vb.size}) → ({out})"
        return f"{b} ({vb.size}×1) · {a}ᵀ (1×{va.size}) → ({out})"
    if isinstance(e, Apply):
        return f"{e.fn}: ({ops[0][1]}) → ({out})"
    if isinstance(e, OneMinus):
        return f"1 − ({ops[0][1]}) → ({out})"
    sym = {Add: " + ", Had: " ⊙ ", Sub: " − ", Scale: " · "}.get(type(e), ", ")
    return sym.join(f"({s})" for _, s in ops) + f" → ({out})"


def decimals(values: list[float], precision: int) -> int:
    """The fewest decimals (≤ precision) that show every finite entry as precision would:
    0.2 stays ``0.2``, tanh(0.3) shows ``0.2913`` at precision 4.

    Plain Python on purpose: traces format hundreds of tiny arrays, where numpy's per-call
    overhead dominates."""
    finite = [x for x in values if math.isfinite(x)]
    full = [round(x, precision) for x in finite]
    for d in range(precision):
        if all(round(x, d) == f for x, f in zip(finite, full)):
            return d
    return precision


def use_scientific(values: list[float], precision: int) -> bool:
    """Scientific notation when fixed decimals would hide the numbers (≥ 1e5, or all < 10^−p)."""
    mags = [abs(x) for x in values if math.isfinite(x) and x != 0]
    return bool(mags) and (max(mags) >= 1e5 or max(mags) < 10.0 ** (-precision))


def fmt_number(x: float, d: int, sci: bool = False) -> str:
    """One number; ``inf``/``-inf``/``nan`` as such."""
    if x != x:
        return "nan"
    if x in (math.inf, -math.inf):
        return "inf" if x > 0 else "-inf"
    if sci:
        return f"{x:.{max(d, 1)}e}"
    s = f"{x:.{d}f}"
    return s.lstrip("-") if float(s) == 0 else s  # no "-0.0000"


def fmt_array(arr, precision: int) -> list[list[str]]:
    """A 2-D array of strings, one common number of decimals for the whole array."""
    a = np.asarray(arr, dtype=np.float64)
    rows = a.reshape(1, -1).tolist() if a.ndim <= 1 else a.tolist()
    if a.size > 64 and precision > 0:
        return _fmt_large(a, rows, precision)
    flat = [x for row in rows for x in row]
    sci = use_scientific(flat, precision)
    d = precision if sci else decimals(flat, precision)
    return [[fmt_number(x, d, sci) for x in row] for row in rows]


def _fmt_large(a: np.ndarray, rows: list[list[float]], precision: int) -> list[list[str]]:
    """``fmt_array`` of a large array, the same strings in one formatting pass: each number at
    ``precision`` decimals (correctly rounded, as ``round`` is), then the common number of
    decimals is the most any number needs once its trailing zeros go (x rounds to the same
    value at d decimals as at ``precision`` exactly when its ``precision``-decimal string ends
    in ``precision − d`` zeros), and each string is cut to it."""
    finite = np.isfinite(a)
    mags = np.abs(a[finite & (a != 0)])
    if mags.size and (mags.max() >= 1e5 or mags.max() < 10.0 ** (-precision)):
        return [[fmt_number(x, precision, True) for x in row] for row in rows]
    full = f"{{:.{precision}f}}".format
    every = bool(finite.all())
    out = [[full(x) if every or math.isfinite(x) else "" for x in row] for row in rows]
    cut = min((len(s) - len(s.rstrip("0")) for row in out for s in row if s), default=precision)
    d = precision - cut
    drop = cut + (1 if d == 0 else 0)  # no decimals left: the point goes too
    for row, values in zip(out, rows):
        for j, s in enumerate(row):
            if not s:
                row[j] = fmt_number(values[j], d)
                continue
            if drop:
                s = s[:-drop]
            if s[0] == "-" and not s.strip("-0."):
                s = s[1:]  # no "-0.0000"
            row[j] = s
    return out


def fmt_scalar(x: float | None, precision: int) -> str:
    """A scalar at exactly ``precision`` decimals (a loss of 1.6220 is not shown as 1.622)."""
    if x is None:
        return "—"
    return fmt_number(x, precision, use_scientific([x], precision))


def fmt_log(x: float, precision: int) -> str:
    """A number given by its log10: 0.0358 as such, 1e-3506 as ``7.834e-3507`` (never 0 or inf)."""
    if x != x:
        return "nan"
    if x == -math.inf:
        from rnntrace.i18n import t

        return t("bptt.chart.zero")
    if x == math.inf:
        return "inf"
    if -2.0 <= x < 5.0:
        return fmt_number(10.0 ** x, precision)
    d = max(precision - 1, 1)
    e = math.floor(x)
    m = 10.0 ** (x - e)
    if round(m, d) >= 10.0:
        m, e = m / 10.0, e + 1
    return f"{m:.{d}f}e{e:+03d}"


def fmt_share(x: float, positive: bool = False) -> str:
    """A share of a sum; ``positive``: the part is not 0 even if it underflows to 0 here.
    A sum of zeros has no shares: "—"."""
    if x != x:
        return "—"
    if x == 0 and not positive:
        return "0%"
    if x < 0.001:
        return "<0.1%"
    return f"{100 * x:.1f}%"


def fmt_ratio(x: float) -> str:
    """A factor like 0.6123 or 3.2e+05, three significant digits."""
    if x != x:
        return "nan"
    return f"{x:.3g}" if 1e-3 <= abs(x) < 1e5 else f"{x:.2e}"
