"""Pieces every builder uses: an array as a ``Matrix``, an ``Op`` as an ``Operation``, the
vocabulary line, a column list."""
from __future__ import annotations

import numpy as np

from rnntrace.document import Cell, Column, Matrix, Note, Operation, Run, Table
from rnntrace.explain import Explainer
from rnntrace.i18n import join, t
from rnntrace.notation import (as_shown, is_gradient, shape, shape_line, shape_line_tex, statement, transposed,
                               write)
from rnntrace.trace import Add, Apply, Had, MatMul, OneMinus, Op, Outer, Sub, Sym, Transpose


def matrix(label: str, arr, conv: str = "row", role: str = "operand", expr=None,
           layout: str | None = None) -> Matrix:
    """``arr`` as the convention shows it (``layout`` overrides: ``"column"`` for a vector drawn
    as a column whatever the convention); ``shape`` is the convention's."""
    return Matrix(label, as_shown(arr, layout or conv), role, shape(np.asarray(arr), conv), expr)


def _transposed(e) -> Sym | Transpose:
    """An outer product's left factor, transposed: a symbol's ``h_tᵀ`` (TeX ``h_{t}^{\\top }``), or a
    compound one's tree."""
    return transposed(e) if isinstance(e, Sym) else Transpose(e)


def _transposed_label(e) -> str:
    return f"{e.name}ᵀ" if isinstance(e, Sym) else f"({write(e)})ᵀ"


def operation(op: Op, conv: str, explainer: Explainer, numbers: bool = True) -> Operation:
    """The op with its operands side by side in the convention's order, the symbol after each,
    and its result. An outer product shows its left factor as a column; a contribution to a
    gradient (``∂L/∂W += …``) labels its result with the expression (it is not the total)."""
    e = op.expr
    named = op.target is not None and not is_gradient(op.target)
    label_expr = op.target if named else e
    result = matrix(write(label_expr, conv), op.value, conv, "result", label_expr)
    if isinstance(e, Outer):
        (ea, va), (eb, vb) = op.operands
        if conv == "row":
            operands = [matrix(_transposed_label(ea), va, conv, expr=_transposed(ea), layout="column"),
                        matrix(write(eb, conv), vb, conv, expr=eb, layout="row")]
        else:
            operands = [matrix(write(eb, conv), vb, conv, expr=eb, layout="column"),
                        matrix(_transposed_label(ea), va, conv, expr=_transposed(ea), layout="row")]
        symbols = ["·", "="]
    else:
        operands = [matrix(write(x, conv), v, conv, expr=x) for x, v in op.operands]
        if isinstance(e, MatMul):
            if conv == "column":
                operands.reverse()
            symbols = ["·"]
        elif isinstance(e, Add):
            symbols = ["+"] * (len(operands) - 1)
        elif isinstance(e, Had):
            symbols = ["⊙"] * (len(operands) - 1)
        elif isinstance(e, Sub):
            symbols = ["−"]
        elif isinstance(e, OneMinus):
            one = Matrix("", np.ones((1, 1)), "operand", (), None, bracketed=False)
            operands.insert(0, one)
            symbols = ["−"]
        elif isinstance(e, Apply):  # a_t ─tanh→ h_t
            symbols = []
        else:
            symbols = [","] * (len(operands) - 1)
        symbols.append(f"─{e.fn}→" if isinstance(e, Apply) else "=")
    return Operation(op.target, e, operands, symbols, result,
                     accumulate=is_gradient(op.target),
                     shapes=shape_line(op, conv), kind=explainer.kind(op, conv),
                     explanation=explainer.op(op, conv) if numbers else None, numbers=numbers,
                     statement=statement(op, conv), shapes_tex=shape_line_tex(op, conv))


def vocab_line(vocab: list[str]) -> Note:
    """``Vocabulary (V = 5): 0:el 1:gato …`` with the indices set off from the words."""
    runs = [Run(t("common.vocab", V=len(vocab)) + ": ")]
    for i, w in enumerate(vocab):
        runs.append(Run(f"{i}:", "detail"))
        runs.append(Run(w + ("  " if i < len(vocab) - 1 else ""), "name"))
    return Note(join("", [r.text for r in runs]), runs=runs)


def table(*columns: tuple[str, str], title: str = "", style: str = "plain", nowrap: bool = False) -> Table:
    """An empty table with these (header, justify) columns."""
    return Table([Column(h, j) for h, j in columns], [], title=title, style=style, nowrap=nowrap)


def row(*texts) -> list[Cell]:
    """Table cells from strings (a Cell stays as it is)."""
    return [x if isinstance(x, Cell) else Cell(x) for x in texts]
