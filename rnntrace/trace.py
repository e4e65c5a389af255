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
    """A named quantity: ``x_t``, ``W_xh``, ``h_{t−1}``, ``a_t``."""

    name: str


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


Expr = Union[Sym, MatMul, Add, Sub, Had, OneMinus, Apply, Outer, Scale]


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
    kept: KeptRun | None = None  # where the keeping gate (z_t, f_t) stays near 1 (rnntrace.gates)
