"""Pieces of the old rich renderers that ``bptt_rich`` and ``attention_rich`` still use: an op's
heading and equation, the parameters section. (``forward`` itself goes through rnntrace.present.)"""
from __future__ import annotations

import numpy as np
from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.text import Text

from rnntrace import explain
from rnntrace.i18n import t
from rnntrace.notation import dims, shape, shape_line, statement, write
from rnntrace.params import recurrent_names
from rnntrace.render.matrix import (RESULT_STYLE, SHAPE_STYLE, Block,
                                    BlockGrid, Equation, Explanation, OpHeading, matrix_lines)
from rnntrace.trace import Add, Apply, ForwardTrace, Had, MatMul, OneMinus, Op, Outer, Sub, Sym


def op_heading(op: Op, conv: str) -> OpHeading:
    """``a_t = x_t·W_xh + h_{t−1}·W_hh`` (or ``∂L/∂W_hh += …``) followed by its shape line, dimmed."""
    return OpHeading(statement(op, conv), shape_line(op, conv))


def op_equation(op: Op, conv: str, precision: int) -> Equation:
    """The operands side by side with the operator between them and the result last."""
    blocks = [Block(write(e, conv), matrix_lines(v, precision, conv)) for e, v in op.operands]
    e = op.expr
    if isinstance(e, (MatMul, Outer)):
        if conv == "column":
            blocks.reverse()
        seps = ["·"]
    elif isinstance(e, Add):
        seps = ["+"] * (len(blocks) - 1)
    elif isinstance(e, Had):
        seps = ["⊙"]
    elif isinstance(e, Sub):
        seps = ["−"]
    elif isinstance(e, OneMinus):
        blocks.insert(0, Block("", ["1"]))
        seps = ["−"]
    elif isinstance(e, Apply):  # a_t ─tanh→ h_t
        seps = [f"─{e.fn}→"]
    else:
        seps = [","] * (len(blocks) - 1)
    label = write(op.target or e, conv)
    blocks.append(Block(label, matrix_lines(op.value, precision, conv), RESULT_STYLE))
    return Equation(blocks, seps if isinstance(e, Apply) else seps + ["="], note=explain.for_op(op, conv))


def params_section(tr: ForwardTrace, conv: str, precision: int) -> RenderableType:
    items = [Block(f"{name} ({dims(shape(value, conv))})", matrix_lines(value, precision, conv))
             for name, value in tr.params.items() if name not in tr.implicit_zero]
    notes = []
    if tr.scale != 1.0:
        names = ", ".join(recurrent_names(tr.cell, tr.gru_variant or "lecture"))
        notes.append(Text(t("common.scale", s=f"{tr.scale:g}", names=names)))
    if tr.drawn:
        notes.append(Text(t("forward.drawn", seed=tr.seed, names=", ".join(tr.drawn)), SHAPE_STYLE))
    if tr.implicit_zero:
        notes.append(Text(t("forward.implicit_zero", names=", ".join(tr.implicit_zero)), SHAPE_STYLE))
    if tr.unused:
        notes.append(Text(t("forward.unused", cell=t(f"common.cell.{tr.cell}"), names=", ".join(tr.unused)),
                          "yellow"))
    why = shapes_explanation(tr, conv)
    return Group(Rule(Text(t("forward.params"), "bold"), align="left"),
                 BlockGrid(items), *notes, *([Explanation(why, 0)] if why else []))


def shapes_explanation(tr: ForwardTrace, conv: str) -> str | None:
    """``--explain``: why W_xh, W_hh and W_hy have the shapes they have (the lecture's question)."""
    if not explain.enabled():
        return None
    V, H = len(tr.vocab), tr.hidden_size
    wx = "W_xh" if "W_xh" in tr.params else next(n for n in tr.params if n.startswith("W_x"))
    wh = "W_hh" if "W_hh" in tr.params else next(n for n in tr.params if n.startswith("W_h") and n != "W_hy")
    shown = lambda *shp: dims(shape(np.zeros(shp), conv))  # noqa: E731
    text = explain.topic("shapes", x=shown(V), h=shown(H), wx=shown(V, H), wh=shown(H, H), wy=shown(H, V),
                         wxn=wx, whn=wh, xw=write(MatMul(Sym("x_t"), Sym(wx)), conv),
                         hw=write(MatMul(Sym("h_{t−1}"), Sym(wh)), conv))
    return text + (" " + explain.topic("shapes_gates") if tr.cell != "rnn" else "")
