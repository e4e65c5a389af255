"""A Document holding every kind of block, made from a real forward trace, for the backends' tests
(each backend must draw every block type, whichever command happens to use it)."""
from __future__ import annotations

import math

import numpy as np

from rnntrace import examples, forward, notation
from rnntrace.document import (Cell, Chart, Column, Document, Explanation, Formula, Grid, Heading, Matrix,
                               Note, Operation, Page, Run, Section, Table)


def _matrix(label, value, role="operand", conv="row", expr=None):
    return Matrix(label=label, value=notation.as_shown(value, conv), role=role,
                  shape=notation.shape(value, conv), expr=expr)


def operation(op, conv="row", explanation=None) -> Operation:
    operands = [_matrix(notation.write(e, conv), v, conv=conv, expr=e) for e, v in op.operands]
    symbols = ["·"] * (len(operands) - 1) + ["="] if len(operands) > 1 else ["="]
    name = notation.write(op.target, conv) if op.target is not None else notation.write(op.expr, conv)
    return Operation(target=op.target, expr=op.expr, operands=operands, symbols=symbols,
                     result=_matrix(name, op.value, "result", conv, op.target), shapes=notation.shape_line(op, conv),
                     statement=notation.statement(op, conv), explanation=explanation)


def sample(steps: int = 2, sentence: str | None = None, hidden: int | None = None) -> Document:
    ex = examples.load("lecture")
    if sentence:
        ex = ex.with_sentence(sentence.split())
    tr = forward.run(ex)
    vocab = Note(text=" ".join(f"{i}:{w}" for i, w in enumerate(tr.vocab)), kind="text",
                 runs=[r for i, w in enumerate(tr.vocab) for r in (Run(f"{i}:", "detail"), Run(w, "name"), Run(" "))][:-1])
    opening = Page("opening", "rnntrace forward", [
        Section([Heading(tr.title), Note(tr.description, "detail"),
                 Formula("a_t = x_t·W_xh + h_{t−1}·W_hh + b_h", shapes="(1×3)"),
                 Formula("h_t = tanh(a_t)", indent=2)], framed=True),
        Section([vocab, Grid([_matrix(n, v) for n, v in tr.params.items() if n.startswith("W_")])],
                title="Parameters"),
    ])
    pages = [opening]
    for st in tr.steps[:steps]:
        blocks = [Heading(f"t = {st.t} · {st.token}", level=2)]
        for k, op in enumerate(st.ops):
            blocks.append(operation(op, explanation="Explained." if k == 0 else None))
        blocks += [Note(f"prediction {st.prediction}", "strong"), Explanation("Why the prediction is what it is.")]
        pages.append(Page("step", f"t = {st.t} · {st.token}", [Section(blocks)], t=st.t))
    rows = [[Cell(str(s.t)), Cell(s.token, "name"), Cell(notation.fmt_scalar(s.values["loss"], 4), "result")]
            for s in tr.steps]
    weights = Table([Column("query"), *(Column(w, "right", "name") for w in tr.vocab[:3])],
                    [[Cell(w, "name"), *(Cell(f"{a:.2f}", "heat", a) for a in (0.1, 0.5, 0.9))] for w in tr.vocab[:2]],
                    style="framed", title="α")
    losses = [s.values["loss"] for s in tr.steps if s.values["loss"] is not None]
    chart = Chart(["t", "L_t"], [[str(s.t), notation.fmt_scalar(L, 4)] for s, L in zip(tr.steps, losses)],
                  [[math.log10(L), math.log10(L) - 1] for L in losses], ["loss", "tenth"],
                  marks=[0.0] * len(losses))
    chart.values[0][1] = -math.inf
    closing = Page("closing", "summary", [Section([
        Table([Column("t", "right"), Column("token"), Column("L_t", "right")], rows, title="Summary", rules=[len(rows) - 1]),
        weights, chart,
        Note("inf in a value", "error"), Note("a warning", "warning"), Note("checked", "success"),
        Note("an aside", "info"), Note("the verdict", "verdict"),
        Grid([_matrix("E", np.eye(2)), _matrix("P", np.ones((2, 2))), _matrix("X", np.eye(2) + 1, "result")],
             row_labels=["el", "gato"], symbols=["+", "="]),
        Grid([_matrix("X", np.eye(2) + 1, "result")], row_labels=["el", "gato"], lead="="),
        Operation(None, operation(tr.steps[0].ops[0]).expr, [Matrix("1", np.ones((1, 1)), bracketed=False)],
                  ["−"], _matrix("r", np.array([0.5, 0.25])), statement="1 − z", numbers=True),
    ])])
    pages.append(closing)
    return Document(command="forward", title=tr.title, pages=pages, steps=len(tr.steps))
