"""Evaluate a trace's ops again, reading the student's own numbers where they wrote one.

Every op the core recorded says how it was computed: an expression whose operands are named
(``h_{t−1}``, ``W_hh``, ``δ_t``) or are earlier ops of the same step. ``evaluate`` computes the op
once more from an environment that maps those expressions to values: the parameters, the step's
inputs, and every earlier result, where a result the student wrote replaces the computed one
("follow-through": a later value is judged against the student's own earlier numbers).

A slip (``slips.py``) is a pair of hooks: one may replace an operand (``W_hh`` by ``W_hhᵀ``), the
other the combination itself (a softmax taken down the columns). The same evaluation then gives
the value that slip would have produced.
"""
from __future__ import annotations

import re
from typing import Callable

import numpy as np

from rnntrace.cells import _FUNCS
from rnntrace.trace import Add, Apply, Expr, Had, MatMul, OneMinus, Op, Outer, Scale, Sub, Sym

Env = dict  # Expr -> np.ndarray
OperandHook = Callable[[Expr, Env], "np.ndarray | None"]
CombineHook = Callable[[Op, list], "np.ndarray | None"]

_SQUARED = re.compile(r"^(.+)²$")
_TANH_SQUARED = re.compile(r"^tanh²\((.+)\)$")
_PRODUCT = re.compile(r"^\((\S+) ⊙ (\S+)\)$")


def derive(e: Expr, env: Env) -> np.ndarray | None:
    """The value of ``e`` from ``env``: looked up, or built from its parts (``h_t²``, ``W_hhᵀ``,
    ``tanh²(c_t)``, ``(r_t ⊙ h_{t−1})``, ``1 − z_t``, ``z_t ⊙ (1 − z_t)`` …). None when a part is
    not in ``env`` (the recorded value is used then)."""
    if e in env:
        return env[e]
    with np.errstate(all="ignore"):
        if isinstance(e, Sym):
            name = e.name
            if name.endswith("ᵀ") and Sym(name[:-1]) in env:
                return np.asarray(env[Sym(name[:-1])]).T
            m = _TANH_SQUARED.match(name)
            if m and Sym(m[1]) in env:
                return np.tanh(env[Sym(m[1])]) ** 2
            m = _SQUARED.match(name)
            if m and Sym(m[1]) in env:
                return env[Sym(m[1])] ** 2
            m = _PRODUCT.match(name)
            if m and Sym(m[1]) in env and Sym(m[2]) in env:
                return env[Sym(m[1])] * env[Sym(m[2])]
            return None
        if isinstance(e, OneMinus):
            a = derive(e.a, env)
            return None if a is None else 1.0 - a
        if isinstance(e, (Had, Sub, MatMul, Outer, Scale)):
            a, b = (derive(x, env) for x in e)
            if a is None or b is None:
                return None
            return {Had: np.multiply, Sub: np.subtract, MatMul: np.matmul, Outer: np.outer,
                    Scale: np.multiply}[type(e)](a, b)
        if isinstance(e, Add):
            parts = [derive(x, env) for x in e.terms]
            return None if any(p is None for p in parts) else sum(parts[1:], parts[0])
        if isinstance(e, Apply) and e.fn in _FUNCS:
            a = derive(e.arg, env)
            return None if a is None else _FUNCS[e.fn](a)
    return None


def combine(op: Op, values: list[np.ndarray]) -> np.ndarray:
    """The op's own computation, from its operands' values."""
    e = op.expr
    with np.errstate(all="ignore"):
        if isinstance(e, MatMul):
            return values[0] @ values[1]
        if isinstance(e, Add):
            return sum(values[1:], values[0])
        if isinstance(e, Sub):
            return values[0] - values[1]
        if isinstance(e, Had):  # a ⊙ b, or a ⊙ b ⊙ c recorded as one product
            out = values[0]
            for v in values[1:]:
                out = out * v
            return out
        if isinstance(e, OneMinus):
            return 1.0 - values[0]
        if isinstance(e, Apply):
            return _FUNCS[e.fn](values[0])
        if isinstance(e, Outer):
            return np.outer(values[0], values[1])
        if isinstance(e, Scale):
            return values[0] * values[1]
    # a bias's contribution is its δ itself; a constant (∂L/∂y_t = 0 without a target) has no operand
    return values[0] if values else op.value


def evaluate(op: Op, env: Env, operand_hook: OperandHook | None = None,
             combine_hook: CombineHook | None = None) -> np.ndarray:
    """``op`` computed from ``env`` (hooks first); an operand ``env`` cannot give keeps the value
    the trace recorded."""
    values = []
    for e, recorded in op.operands:
        v = operand_hook(e, env) if operand_hook else None
        if v is None:
            v = derive(e, env)
        values.append(recorded if v is None else v)
    if combine_hook is not None:
        v = combine_hook(op, values)
        if v is not None:
            return v
    return combine(op, values)


def key_of(op: Op) -> Expr:
    """Where an op's result lives in the environment: its name, or its expression if unnamed."""
    return op.target if op.target is not None else op.expr
