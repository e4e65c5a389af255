"""``rnntrace forward`` as rich renderables: header, one section per token, summary."""
from __future__ import annotations

import numpy as np
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from rnntrace import explain
from rnntrace.i18n import t
from rnntrace.notation import dims, fmt_scalar, shape, shape_line, statement, write
from rnntrace.params import recurrent_names
from rnntrace.render.matrix import (BAD_STYLE, NAME_STYLE, RESULT_STYLE, SHAPE_STYLE, Block,
                                    BlockGrid, Equation, Explanation, Paragraph, matrix_lines,
                                    segments)
from rnntrace.trace import Add, Apply, ForwardTrace, Had, MatMul, OneMinus, Op, Outer, Step, Sub, Sym


def op_heading(op: Op, conv: str) -> "Heading":
    """``a_t = x_t·W_xh + h_{t−1}·W_hh`` (or ``∂L/∂W_hh += …``) followed by its shape line, dimmed."""
    return Heading(statement(op, conv), shape_line(op, conv))


class Heading:
    """A bold line and a dim note after it: plain segments when it fits (fast); when not, the
    note goes on the next line, indented, and each part wraps under a hanging indent (never back
    to column 0, where it would read as a new operation)."""

    def __init__(self, text: str, note: str = ""):
        self.text, self.note = text, note

    def __rich_console__(self, console, options):
        full = f"{self.text}    {self.note}" if self.note else self.text
        if len(full) <= options.max_width:
            yield from segments([[(self.text, "bold"), ("    " + self.note if self.note else "", SHAPE_STYLE)]],
                                console)
            return
        yield from console.render(Paragraph(self.text, style="bold", hang=4), options)
        if self.note:
            yield from console.render(Paragraph(self.note, indent=4, style=SHAPE_STYLE), options)


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


def header(tr: ForwardTrace, conv: str, precision: int) -> RenderableType:
    lines: list[RenderableType] = []
    if tr.description:
        lines.append(Text(tr.description))
    cell = t(f"common.cell.{tr.cell}")
    facts = [cell, t("common.hidden_lstm" if tr.cell == "lstm" else "common.hidden", H=tr.hidden_size)]
    if tr.cell == "rnn" and tr.activation != "tanh":
        facts.append(t("common.activation", act=tr.activation))
    lines.append(Text(" · ".join(facts)))
    vocab = Text(t("common.vocab", V=len(tr.vocab)) + ": ")
    for i, w in enumerate(tr.vocab):
        vocab.append(f"{i}:", SHAPE_STYLE)
        vocab.append(w + ("  " if i < len(tr.vocab) - 1 else ""), NAME_STYLE)
    lines.append(vocab)
    lines.append(Text(t(f"common.conv.{conv}"), SHAPE_STYLE))
    if tr.cell == "gru":
        lines.append(Text(t(f"forward.gru.{tr.gru_variant}")))
        lines.append(Text(t("forward.gru.update")))
    if tr.cell == "lstm":
        lines.append(Text(t("forward.lstm.memory")))
    if tr.steps:
        lines.append(Text(""))
        lines.append(Text(t("forward.equations"), "bold underline"))
        for op in tr.steps[0].ops:
            if op.target is not None:
                lines.append(Text("  " + statement(op, conv)))
    return Panel(Group(*lines), title=Text(tr.title, "bold"), title_align="left", expand=False)


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


def step_section(tr: ForwardTrace, s: Step, conv: str, precision: int) -> RenderableType:
    title = (t("forward.step_target", t=s.t, token=s.token, target=s.target) if s.target
             else t("forward.step", t=s.t, token=s.token))
    parts: list[RenderableType] = [Rule(Text(title, "bold"), align="left")]
    pos = tr.vocab.index(s.token)
    parts.append(Text(t("forward.onehot", token=s.token, pos=pos, last=len(tr.vocab) - 1), "bold"))
    parts.append(Equation([Block("x_t", matrix_lines(s.values["x"], precision, conv), RESULT_STYLE)], []))
    for op in s.ops:
        parts.append(op_heading(op, conv))
        parts.append(op_equation(op, conv, precision))
    p = s.values["p"]
    if s.prediction is None:
        parts.append(Text(t("forward.prediction_none"), "bold"))
    else:
        parts.append(Text(t("forward.prediction", word=s.prediction, p=fmt_scalar(float(np.max(p)), precision)),
                          "bold"))
    if s.target is not None:
        pt = float(p[tr.vocab.index(s.target)])
        parts.append(Text(t("forward.loss", target=s.target, t=s.t, p=fmt_scalar(pt, precision),
                            loss=fmt_scalar(s.values["loss"], precision)), "bold"))
        hit = s.prediction == s.target
        if s.prediction is not None:
            parts.append(Text(t("forward.hit" if hit else "forward.miss"), "green" if hit else "yellow"))
        why = explain.topic("loss")
        if why:
            parts.append(Explanation(why, 0))
    else:
        parts.append(Text(t("forward.no_target"), SHAPE_STYLE))
    if s.note:
        parts.append(Text("ℹ " + s.note, "italic"))
    if s.nonfinite:
        parts.append(Text("⚠ " + t("common.nonfinite", names=", ".join(s.nonfinite), t=s.t), BAD_STYLE))
    return Group(*parts)


def summary(tr: ForwardTrace, precision: int) -> RenderableType:
    """One row per step. Every cell is a Text: a word such as "[UNK]" is not rich markup."""
    table = Table(title=Text(t("forward.summary"), "bold"), title_justify="left")
    for key, justify in (("t", "right"), ("token", "left"), ("prediction", "left"),
                         ("target", "left"), ("p_target", "right"), ("loss", "right")):
        table.add_column(Text(t(f"forward.col.{key}")), justify=justify)
    for s in tr.steps:
        pt = fmt_scalar(float(s.values["p"][tr.vocab.index(s.target)]), precision) if s.target else "—"
        mark = "" if s.target is None or s.prediction is None else (" ✓" if s.prediction == s.target else " ✗")
        cells = (str(s.t), s.token, (s.prediction or "—") + mark, s.target or "—", pt, fmt_scalar(s.values["loss"], precision))
        table.add_row(*(Text(c) for c in cells))
    total = (Text(t("forward.total", loss=fmt_scalar(tr.loss, precision)), "bold") if tr.loss is not None
             else Text(t("forward.no_loss"), SHAPE_STYLE))
    return Group(table, total)


def render(tr: ForwardTrace, conv: str = "row", precision: int = 4) -> list[RenderableType]:
    """The whole trace as a list of renderables, printed in order."""
    out: list[RenderableType] = [header(tr, conv, precision), params_section(tr, conv, precision)]
    out += [step_section(tr, s, conv, precision) for s in tr.steps]
    out.append(summary(tr, precision))
    return out
