"""``rnntrace train`` and ``rnntrace generate`` as rich renderables (all their terminal output).

train: the header (what is trained, how), the first update traced (``--trace-update``), the loss
and gradient-norm charts (log scale), the predictions before and after, the parameters before
and after. ``--compare``: the three cells' loss curves side by side and their accuracy on the
example's key words. generate: the forward trace of the generated words, then the picks.
"""
from __future__ import annotations

import math

import numpy as np
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from rnntrace import explain
from rnntrace.i18n import t, tn
from rnntrace.notation import dims, fmt_scalar, shape
from rnntrace.render.bptt_rich import LogChart, sample
from rnntrace.render.forward_rich import Heading
from rnntrace.render.matrix import (RESULT_STYLE, SHAPE_STYLE, Block, BlockGrid, Equation,
                                    Explanation, matrix_lines)
from rnntrace.train import Result, key_accuracy


def _log10(x: float) -> float:
    with np.errstate(divide="ignore"):
        return float(np.log10(x)) if x > 0 else (-math.inf if x == 0 else math.nan)


def _options_line(r: Result) -> str:
    o = r.options
    clip = t("train.clip_off") if o.clip is None else t("train.clip_on", c=f"{o.clip:g}")
    return t("train.options", optimizer=o.optimizer, lr=f"{o.lr:g}", epochs=o.epochs, clip=clip, seed=r.seed)


def header(r: Result) -> RenderableType:
    ex = r.example
    lines: list[RenderableType] = []
    if ex.description:
        lines.append(Text(ex.description))
    cell = t(f"common.cell.{r.cell}")
    lines.append(Text(" · ".join([cell, t("common.hidden_lstm" if r.cell == "lstm" else "common.hidden",
                                          H=ex.hidden_size), t("common.vocab", V=len(ex.vocab))])))
    lines.append(Text(tn("train.corpus", len(r.sentences), tokens=r.tokens)))
    lines.append(Text(_options_line(r)))
    lines.append(Text(t("train.rule", names=", ".join(r.names)), SHAPE_STYLE))
    if r.implicit_zero:
        lines.append(Text(t("train.implicit", names=", ".join(r.implicit_zero)), SHAPE_STYLE))
    if explain.enabled():
        lines.append(Explanation(t(f"train.explain.{r.options.optimizer}", lr=f"{r.options.lr:g}"), 0))
        lines.append(Explanation(t("train.explain.clip"), 0))
    return Panel(Group(*lines), title=Text(t("train.title", title=ex.title), "bold"), title_align="left",
                 expand=False)


def update_section(r: Result, conv: str, precision: int) -> RenderableType:
    """The first update, parameter by parameter: θ ← θ − η·∂L/∂θ (sgd) or η·m̂/(√v̂ + ε) (adam)."""
    u = r.update
    parts: list[RenderableType] = [Rule(Text(t("train.update.title"), "bold"), align="left")]
    parts.append(Text(t("train.update.norm", norm=fmt_scalar(u.norm, precision), loss=fmt_scalar(r.losses[0], precision))))
    if u.scale != 1.0:
        parts.append(Text(t("train.update.clipped", norm=fmt_scalar(u.norm, precision), c=f"{r.options.clip:g}",
                            s=fmt_scalar(u.scale, precision)), "yellow"))
    elif r.options.clip is not None:
        parts.append(Text(t("train.update.not_clipped", c=f"{r.options.clip:g}"), SHAPE_STYLE))
    if u.optimizer == "adam":
        parts.append(Text(t("train.update.adam"), SHAPE_STYLE))
    grad_name = "g" if u.scale != 1.0 else "∂L/∂{n}"
    for n in r.names:
        shp = dims(shape(u.params[n], conv))
        g = grad_name.format(n=n)
        if u.optimizer == "sgd":
            head = f"{n} ← {n} − η·{g}"
            note = f"({shp}) − {u.lr:g}·({shp}) → ({shp})"
            grad = u.grads[n] * u.scale
            blocks = [Block(n, matrix_lines(u.params[n], precision, conv)), Block("η", [f"{u.lr:g}"]),
                      Block(g, matrix_lines(grad, precision, conv)),
                      Block(f"{n}′", matrix_lines(u.new[n], precision, conv), RESULT_STYLE)]
            ops = ["−", "·", "="]
        else:
            head = f"{n} ← {n} − η·m̂/(√v̂ + ε)"
            note = f"({shp}) − ({shp}) → ({shp})"
            step = Block("η·m̂/(√v̂ + ε)", matrix_lines(u.steps[n], precision, conv))
            parts.append(Heading(head, note))
            parts.append(Equation([Block(g, matrix_lines(u.grads[n] * u.scale, precision, conv)), step], ["─Adam→"]))
            blocks = [Block(n, matrix_lines(u.params[n], precision, conv)), step,
                      Block(f"{n}′", matrix_lines(u.new[n], precision, conv), RESULT_STYLE)]
            parts.append(Equation(blocks, ["−", "="]))
            continue
        parts.append(Heading(head, note))
        parts.append(Equation(blocks, ops))
    return Group(*parts)


def curves_section(r: Result, precision: int) -> RenderableType:
    """The loss and ‖∂L/∂θ‖ each epoch started from, on log scales (sampled rows when long)."""
    epochs = sample(r.epochs)
    rows = [[str(e), fmt_scalar(float(r.losses[e - 1]), precision), fmt_scalar(float(r.grad_norms[e - 1]), precision),
             "✂" if r.clipped[e - 1] else ""] for e in epochs]
    values = [[_log10(float(r.losses[e - 1])), _log10(float(r.grad_norms[e - 1]))] for e in epochs]
    headers = [t("train.col.epoch"), "L", "‖∂L/∂θ‖", ""]
    parts: list[RenderableType] = [Rule(Text(t("train.curves.title"), "bold"), align="left"),
                                   LogChart(headers, rows, values, ["L", "‖∂L/∂θ‖"])]
    if len(epochs) < r.epochs:
        parts.append(Text(t("train.curves.sampled", n=len(epochs), E=r.epochs), SHAPE_STYLE))
    n_clipped = int(np.sum(r.clipped))
    if n_clipped:
        parts.append(Text(tn("train.curves.clipped", n_clipped, E=r.epochs, c=f"{r.options.clip:g}"), "yellow"))
    elif r.options.clip is not None:
        parts.append(Text(t("train.curves.never_clipped", c=f"{r.options.clip:g}"), SHAPE_STYLE))
    parts.append(Text(t("train.final", first=fmt_scalar(float(r.losses[0]), precision),
                        last=fmt_scalar(r.final_loss, precision), E=r.epochs), "bold"))
    return Group(*parts)


def _pick(word: str | None, target: str | None, p_target: float | None, precision: int) -> str:
    mark = "" if target is None or word is None else (" ✓" if word == target else " ✗")
    pt = "" if p_target is None else f" ({fmt_scalar(p_target, precision)})"
    return (word or "—") + mark + pt


def predictions_section(r: Result, precision: int) -> RenderableType:
    """Each step of each sentence: the prediction (p of the target) before and after."""
    table = Table(title=Text(t("train.pred.title"), "bold"), title_justify="left")
    several = len(r.sentences) > 1
    cols = (["#"] if several else []) + ["t", t("forward.col.token"), t("forward.col.target"),
                                          t("train.col.before"), t("train.col.after")]
    for c in cols:
        table.add_column(Text(c), justify="right" if c in ("#", "t") else "left", overflow="fold")
    for b, a in zip(r.predictions_before, r.predictions_after):
        row = ([str(b.sentence + 1)] if several else []) + [str(b.t), b.token, b.target or "—",
                                                             _pick(b.word, b.target, b.p_target, precision),
                                                             _pick(a.word, a.target, a.p_target, precision)]
        table.add_row(*(Text(c) for c in row))
    (before, total), (after, _) = _right(r.predictions_before), _right(r.predictions_after)
    return Group(table, Text(t("train.pred.right", before=before, after=after, n=total), "bold"))


def params_section(r: Result, conv: str, precision: int) -> RenderableType:
    items = []
    for n in r.names:
        shp = dims(shape(r.before[n], conv))
        items.append(Block(t("train.param.before", name=n, dims=shp), matrix_lines(r.before[n], precision, conv)))
        items.append(Block(t("train.param.after", name=n, dims=shp), matrix_lines(r.after[n], precision, conv)))
    notes = []
    if r.drawn:
        notes.append(Text(t("forward.drawn", seed=r.seed, names=", ".join(r.drawn)), SHAPE_STYLE))
    return Group(Rule(Text(t("train.param.title"), "bold"), align="left"), BlockGrid(items), *notes)


def saved_line(path: str) -> RenderableType:
    return Text(t("train.saved", file=path), "bold green")


def render(r: Result, conv: str = "row", precision: int = 4, saved: str | None = None) -> list[RenderableType]:
    out: list[RenderableType] = [header(r)]
    if r.update is not None:
        out.append(update_section(r, conv, precision))
    out += [curves_section(r, precision), predictions_section(r, precision), params_section(r, conv, precision)]
    if saved:
        out.append(saved_line(saved))
    return out


# ---- --compare -----------------------------------------------------------------------------------------
def compare_render(results: list[Result], precision: int = 4) -> list[RenderableType]:
    """The three cells side by side: the loss curves on one log axis, the accuracy on the key words."""
    r0 = results[0]
    lines: list[RenderableType] = []
    if r0.example.description:
        lines.append(Text(r0.example.description))
    lines.append(Text(tn("train.corpus", len(r0.sentences), tokens=r0.tokens)))
    lines.append(Text(_options_line(r0)))
    lines.append(Text(t("train.compare.same"), SHAPE_STYLE))
    head = Panel(Group(*lines), title=Text(t("train.compare.title", title=r0.example.title), "bold"),
                 title_align="left", expand=False)
    epochs = sample(r0.epochs)
    names = [t(f"common.cell.{r.cell}") for r in results]
    # the bars alone, so the three fit side by side at 80 columns; the numbers are in the table below
    rows = [[str(e)] for e in epochs] + [[t("train.col.final")]]
    values = [[_log10(float(r.losses[e - 1])) for r in results] for e in epochs]
    values.append([_log10(r.final_loss) for r in results])
    chart = [Rule(Text(t("train.compare.curves"), "bold"), align="left"),
             LogChart([t("train.col.epoch")], rows, values, [r.cell for r in results])]
    if len(epochs) < r0.epochs:
        chart.append(Text(t("train.curves.sampled", n=len(epochs), E=r0.epochs), SHAPE_STYLE))
    clipped = [f"{r.cell} {int(np.sum(r.clipped))}" for r in results if np.any(r.clipped)]
    if clipped:
        chart.append(Text(t("train.compare.clipped", cells=", ".join(clipped), E=r0.epochs), "yellow"))
    return [head, Group(*chart), accuracy_section(results, names, precision)]


def _right(preds) -> tuple[int, int]:
    """(right, total) over the steps that have a target."""
    scored = [p for p in preds if p.target is not None]
    return sum(p.word == p.target for p in scored), len(scored)


def accuracy_section(results: list[Result], names: list[str], precision: int) -> RenderableType:
    """Per cell: the loss before and after, the right predictions, and (when the example names key
    words) the right predictions of the key words by the step t that predicts them."""
    table = Table()
    table.add_column(Text(""), justify="left", overflow="fold")
    for name in names:
        table.add_column(Text(name), justify="right", overflow="fold")
    table.add_row(Text(t("train.compare.loss_first")), *(Text(fmt_scalar(float(r.losses[0]), precision)) for r in results))
    table.add_row(Text(t("train.compare.loss_final")), *(Text(fmt_scalar(r.final_loss, precision)) for r in results))
    table.add_row(Text(t("train.compare.right_all")), *(Text("{}/{}".format(*_right(r.predictions_after))) for r in results))
    keys = results[0].example.key_words
    parts: list[RenderableType] = [Rule(Text(t("train.compare.after"), "bold"), align="left")]
    if keys:
        acc = [key_accuracy(r) for r in results]
        table.add_section()
        for pos in acc[0]:
            table.add_row(Text(t("train.compare.key_at", words="/".join(keys), t=pos)),
                          *(Text(f"{a[pos][0]}/{a[pos][1]}", "" if a[pos][0] == a[pos][1] else "yellow") for a in acc))
        totals = [(sum(x[0] for x in a.values()), sum(x[1] for x in a.values())) for a in acc]
        table.add_row(Text(t("train.compare.key_all", words="/".join(keys)), "bold"),
                      *(Text(f"{r}/{n}", "bold") for r, n in totals))
        parts.append(table)
        learned = [n for n, (r, k) in zip(names, totals) if r == k]
        missed = [f"{n} ({r}/{k})" for n, (r, k) in zip(names, totals) if r < k]
        if learned:
            parts.append(Text(t("train.compare.learned", cells=", ".join(learned), words="/".join(keys))))
        if missed:
            parts.append(Text(t("train.compare.missed", cells=", ".join(missed), words="/".join(keys)), "yellow"))
    else:
        parts.append(table)
    parts.append(Text(t("train.compare.acc_note"), SHAPE_STYLE))
    return Group(*parts)


# ---- generate --------------------------------------------------------------------------------------------
def picks_section(g, precision: int) -> RenderableType:
    """One row per generated word: the step, what it read, the argmax, what was picked and its p."""
    table = Table(title=Text(t("train.gen.picks.title"), "bold"), title_justify="left")
    for c, j in (("t", "right"), (t("forward.col.token"), "left"), ("argmax p_t", "left"),
                 (t("train.gen.col.picked"), "left"), ("p", "right")):
        table.add_column(Text(c), justify=j, overflow="fold")
    for k, (tok, best, pick, p) in enumerate(zip(g.words, g.argmax, g.picked, g.p_picked), start=1):
        table.add_row(Text(str(k)), Text(tok), Text(best or "—"), Text(pick), Text(fmt_scalar(p, precision)))
    how = t("train.gen.argmax") if g.temperature is None else t("train.gen.sampled", T=f"{g.temperature:g}", seed=g.seed)
    return Group(table, Text(how, SHAPE_STYLE), Text(t("train.gen.text", text=" ".join(g.words + [g.picked[-1]])), "bold"))
