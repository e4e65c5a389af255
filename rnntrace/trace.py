"""A trace is plain data: what was computed, in which order, from what.

The core math records each operation as an ``Op``: the symbol it defines (if any), a small
expression tree saying how it was computed, its operands with their values, and its result.
Renderers turn the same trace into text in either convention (row ``x_t·W_xh`` or column
``W_xh·x_t``); nothing here knows how it will be written.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple, Union

if TYPE_CHECKING:
    from rnntrace.gates import KeptRun

import numpy as np


# ---- expressions -------------------------------------------------------------------------
# NamedTuples: immutable, hashable, and cheap to define (start-up time matters for a CLI).
# Compare nodes with ``is`` or by type too: two different nodes may hold equal fields.
class Sym(NamedTuple):
    """A named quantity: ``x_t``, ``W_xh``, ``h_{t−1}``, ``a_t``.

    ``name`` is how it is written (it may change: a layer's superscript, the reverse direction's
    ``h_{t+1}``); ``key`` is what it is, whatever it is called, for code that must recognise it
    (``("gate", "z")``, ``("prev", "h")``, ``("grad", ("param", "b_h"))``; see ``cells``), or None;
    ``tex`` its TeX, given where it is named, so no backend guesses TeX from the Unicode name;
    ``column`` the symbol as the column convention writes it, when that differs (the chain rule's
    ``∂L/∂h_t·∂h_t/∂h_{t−1}`` is ``(∂h_t/∂h_{t−1})ᵀ·∂L/∂h_t`` there: the gradient is a column).
    Two symbols written alike are equal (``key``, ``tex`` and ``column`` are not compared)."""

    name: str
    key: tuple | None = None
    tex: str | None = None  # how TeX writes it (row convention), when whoever named it says so
    column: "Sym | None" = None

    def __eq__(self, other) -> bool:
        return isinstance(other, Sym) and other.name == self.name

    def __ne__(self, other) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return hash(self.name)


class MatMul(NamedTuple):
    """A row vector times a matrix: ``vec·mat`` (row convention) = ``matᵀ·vec`` (column)."""

    vec: "Expr"
    mat: "Expr"


class Add(NamedTuple):
    terms: tuple["Expr", ...]


class Sub(NamedTuple):
    a: "Expr"
    b: "Expr"


class Had(NamedTuple):
    """Elementwise (Hadamard) product ``a ⊙ b``."""

    a: "Expr"
    b: "Expr"


class OneMinus(NamedTuple):
    a: "Expr"


class Apply(NamedTuple):
    """An elementwise or row function: ``tanh``, ``σ``, ``relu``, ``softmax``, ``onehot``."""

    fn: str
    arg: "Expr"


class Outer(NamedTuple):
    """Outer product of two vectors: ``aᵀ·b`` (row convention) = ``b·aᵀ`` (column)."""

    a: "Expr"
    b: "Expr"


class Scale(NamedTuple):
    """A scalar times an expression, ``s·a``."""

    s: "Expr"
    a: "Expr"


# The formulas attention and the positional encodings state without numbers (a header's
# equations, Q·Kᵀ / √d_k, Σ_j α_{i,j} v_j, ω_k = 1/10000^(2k/d)) need a few more kinds.
class Transpose(NamedTuple):
    """A matrix transposed: ``Kᵀ``."""

    a: "Expr"


class Div(NamedTuple):
    """``a / b``: a scaling (Q·Kᵀ / √d_k) or a fraction (1/10000^(2k/d))."""

    a: "Expr"
    b: "Expr"


class Sqrt(NamedTuple):
    """``√a``."""

    a: "Expr"


class Pow(NamedTuple):
    """``a^b``: 10000^(2k/d)."""

    a: "Expr"
    b: "Expr"


class Sum(NamedTuple):
    """``Σ_index body``: Σ_j α_{i,j} v_j."""

    index: str
    body: "Expr"


class Concat(NamedTuple):
    """Matrices side by side ``[a | … | b]`` (``sep`` "|"), or vectors joined into one row
    ``[a ; b]`` (``sep`` ";")."""

    items: tuple["Expr", ...]
    sep: str


class Call(NamedTuple):
    """A named function of several arguments: ``score(h^d_{i−1}, h^e_j)``, ``A(Q, K, V)``."""

    fn: str
    args: tuple["Expr", ...]


class Neg(NamedTuple):
    """``−a``."""

    a: "Expr"


class Eq(NamedTuple):
    """``lhs = rhs``, one of several equations stated together (``Seq``)."""

    lhs: "Expr"
    rhs: "Expr"


class Seq(NamedTuple):
    """Several formulas on one line: ``Q = X·W_Q,  K = X·W_K,  V = X·W_V``."""

    items: tuple["Expr", ...]


Expr = Union[Sym, MatMul, Add, Sub, Had, OneMinus, Apply, Outer, Scale, Transpose, Div, Sqrt, Pow, Sum, Concat, Call,
             Neg, Eq, Seq]


# ---- records -------------------------------------------------------------------------------
@dataclass
class Op:
    """One computed quantity: ``target = expr``, with the operands it read and its value."""

    target: Sym | None
    expr: Expr
    operands: tuple[tuple[Expr, np.ndarray], ...]
    value: np.ndarray


@dataclass
class Step:
    """One token of the forward pass: its inputs, every op in order, and the named values."""

    t: int  # 1-based
    token: str
    target: str | None
    values: dict[str, object]  # name -> np.ndarray | float | None
    ops: list[Op]
    prediction: str | None  # argmax p_t; None when p_t holds inf or nan (no argmax then)
    note: str | None = None
    nonfinite: list[str] = field(default_factory=list)  # value names holding inf/nan
    p_prediction: float | None = None  # p_t of the predicted word (max p_t); None without a prediction
    p_target: float | None = None  # p_t of the target word; None without a target


@dataclass
class ForwardTrace:
    """Everything ``rnntrace forward`` computed, ready for any renderer."""

    command: str
    cell: str
    gru_variant: str | None
    activation: str
    example: str
    title: str
    description: str
    vocab: list[str]
    hidden_size: int
    params: dict[str, np.ndarray]
    implicit_zero: list[str]  # biases absent from the example: zero, left out of the sums
    drawn: list[str]  # parameters drawn from the seed
    unused: list[str]  # parameters in the file that this cell does not use
    seed: int
    steps: list[Step]
    loss: float | None
    scale: float = 1.0
    slide: bool = False  # the lecture's worked example, on its own sentence: the slide's notes apply
    kept: KeptRun | None = None  # where the keeping gate (z_t, f_t) stays near 1 (rnntrace.gates)

    @property
    def unit(self):
        """The cell as an object (``cells.Cell``: what the views ask about it)."""
        from rnntrace.cells import make

        return make(self.cell, self.gru_variant, self.activation)
