"""``rnntrace train`` as a Document.

The opening: what is trained and how (``--explain``: what the learning rate does, why clipping).
Then a page each for the first update (``--trace-update``: θ′ = θ − η·∂L/∂θ per parameter, or
Adam's step), the loss and gradient-norm curves (log scale, ✂ where clipping acted), and the
predictions before and after; the closing holds the parameters before and after. ``--brief``: the
opening and a closing with the curves and the figures only. ``--compare``: the three cells' loss
curves on one axis, then their accuracy, the example's key words counted by position.

Every number comes from the ``train.Result``; nothing is trained here.
"""
from __future__ import annotations

import math

import numpy as np

from rnntrace import cells
from rnntrace.document import (Cell, Chart, Column, Document, Explanation, Grid, Matrix, Note, Operation, Page,
                               Section, Table, View)
from rnntrace.i18n import formula, get_lang, join, t, tn
from rnntrace.notation import annotated, dims, fmt_scalar, primed, shape, stated_shapes, sym
from rnntrace.present.bptt import sample
from rnntrace.present.common import matrix, row, table
from rnntrace.trace import Apply, Scale, Sub, Sym
from rnntrace.train import Result, key_accuracy


def log10(x: float) -> float:
    """A bar's value: log10 x, ``-inf`` for an exact 0, ``nan`` for a negative or nan."""
    if x > 0:
        return math.log10(x)
    return -math.inf if x == 0 else math.nan


def options_line(r: Result) -> str:
    o = r.options
    clip = t("train.clip_off") if o.clip is None else t("train.clip_on", c=f"{o.clip:g}")
    return t("train.options", optimizer=o.optimizer, lr=f"{o.lr:g}", epochs=o.epochs, clip=clip, seed=r.seed)


def explanations(r: Result, view: View) -> list:
    """--explain: what the learning rate (or Adam's step) does, and why clipping exists."""
    if not view.explain:
        return []
    return [Explanation(t(f"train.explain.{r.options.optimizer}", lr=f"{r.options.lr:g}"), "learning_rate"),
            Explanation(t("train.explain.clip"), "clipping")]


def header(r: Result, view: View, conv: str = "row") -> Section:
    ex = r.example
    blocks: list = [Note(ex.description)] if ex.description else []
    if r.spec is None:
        facts = [t(f"common.cell.{r.cell}"), t("common.hidden_lstm" if cells.CELLS[r.cell].memory else "common.hidden",
                                               H=ex.hidden_size), t("common.vocab", V=len(ex.vocab))]
    else:
        from rnntrace.present.network import spec_facts

        facts = spec_facts(r.spec, len(ex.vocab), ex.hidden_size)
    blocks += [Note(join(" · ", facts))]
    if r.spec is not None and r.task != "lm":
        blocks.append(Note(t(f"train.task.{r.task}", labels=", ".join(r.example.network["labels"]))))
    blocks += [Note(tn("train.corpus", len(r.sentences), tokens=r.tokens)),
               Note(options_line(r)), *explanations(r, view),
               Note(t("train.rule_classify" if r.task == "classify" else "train.rule", names=", ".join(r.names)),
                    "detail")]
    if r.implicit_zero:
        blocks.append(Note(t("train.implicit", names=", ".join(r.implicit_zero)), "detail"))
    if "E" in r.names:
        occur = {w for s in r.sentences for w in s}
        absent = [w for w in ex.vocab if w not in occur]
        if absent:  # their rows of ∂L/∂E are 0 at every epoch: nothing looks them up
            blocks.append(Note(t("train.E_rows" if conv == "row" else "train.E_columns", absent=", ".join(absent)),
                               "detail"))
    return Section(blocks, t("train.title", title=ex.title), framed=True)


# ---- --trace-update ---------------------------------------------------------------------------------
ETA = sym("η", r"\eta")
ADAM_STEP = sym("η·m̂/(√v̂ + ε)", r"\eta \cdot \hat{m}/(\sqrt{\hat{v}}+\varepsilon )")  # Adam's step, one name


def _scalar(s: Sym, value: float) -> Matrix:
    """A number standing bare in an equation (η)."""
    return Matrix(s.name, np.array([[value]]), "operand", (), s, bracketed=False)


def _param(s: Sym, value, conv: str, role: str = "operand") -> Matrix:
    return matrix(s.name, value, conv, role, s)


def _symbol(r: Result, n: str) -> Sym:
    """Parameter ``n`` as a symbol with its TeX (a network's ``W_xh^(2←)`` from its layout)."""
    return r.layout.symbol(n) if r.layout is not None else cells.param(n)


def _shapes(*terms) -> dict[str, str]:
    """An update's shape line as text and TeX (``notation.stated_shapes``), as ``Operation`` fields."""
    text, tex = stated_shapes(*terms)
    return {"shapes": text, "shapes_tex": tex}


def update_ops(r: Result, n: str, conv: str) -> list[Operation]:
    """Parameter ``n``'s first update. sgd: n′ = n − η·g, g = ∂L/∂n (clipped: the scaled one).
    adam: the step η·m̂/(√v̂ + ε) from g, then n′ = n − step."""
    u = r.update
    shp = dims(shape(u.params[n], conv))
    p = _symbol(r, n)
    g = sym("g", "g") if u.scale != 1.0 else cells.grad(p)
    grad = u.grads[n] * u.scale
    new = primed(p)
    if u.optimizer == "sgd":
        expr = Sub(p, Scale(ETA, g))
        return [Operation(new, expr, [_param(p, u.params[n], conv), _scalar(ETA, u.lr), _param(g, grad, conv)],
                          ["−", "·", "="], _param(new, u.new[n], conv, "result"), kind="sgd_update",
                          statement=f"{n} ← {n} − η·{g.name}",
                          **_shapes(shp, " − ", sym(f"{u.lr:g}", f"{u.lr:g}"), "·", shp, " → ", shp))]
    step = ADAM_STEP
    adam = Operation(step, Apply("Adam", g), [_param(g, grad, conv)], ["─Adam→"],
                     _param(step, u.steps[n], conv, "result"), kind="adam_step",
                     statement=f"{step.name} = Adam({g.name})",
                     **_shapes(sym("Adam", r"\operatorname{Adam}"), ": ", shp, " → ", shp))
    apply = Operation(new, Sub(p, step), [_param(p, u.params[n], conv), _param(step, u.steps[n], conv)],
                      ["−", "="], _param(new, u.new[n], conv, "result"), kind="adam_update",
                      statement=f"{n} ← {n} − {step.name}", **_shapes(shp, " − ", shp, " → ", shp))
    return [adam, apply]


def update_section(r: Result, conv: str, precision: int) -> Section:
    """The first update, parameter by parameter, after what it starts from (L, ‖∂L/∂θ‖, clipping)."""
    u, clip = r.update, r.options.clip
    blocks: list = [Note(t("train.update.norm", norm=fmt_scalar(u.norm, precision),
                           loss=fmt_scalar(float(r.losses[0]), precision)))]
    if u.scale != 1.0:
        blocks.append(Note(t("train.update.clipped", norm=fmt_scalar(u.norm, precision), c=f"{clip:g}",
                             s=fmt_scalar(u.scale, precision)), "warning"))
    elif clip is not None:
        blocks.append(Note(t("train.update.not_clipped", c=f"{clip:g}"), "detail"))
    if u.optimizer == "adam":
        blocks.append(Note(t("train.update.adam"), "detail"))
    for n in r.names:
        blocks += update_ops(r, n, conv)
    return Section(blocks, t("train.update.title"))


# ---- the curves -----------------------------------------------------------------------------------------
def curves_section(r: Result, precision: int) -> Section:
    """The loss and ‖∂L/∂θ‖ each epoch started from, on log scales (evenly spaced rows when long),
    ✂ on the epochs where clipping acted; then the loss before and after."""
    epochs = sample(r.epochs)
    rows = [[str(e), fmt_scalar(float(r.losses[e - 1]), precision), fmt_scalar(float(r.grad_norms[e - 1]), precision),
             "✂" if r.clipped[e - 1] else ""] for e in epochs]
    values = [[log10(float(r.losses[e - 1])), log10(float(r.grad_norms[e - 1]))] for e in epochs]
    blocks: list = [Chart([t("train.col.epoch"), formula("L"), formula("‖∂L/∂θ‖"), ""], rows, values, [formula("L"), formula("‖∂L/∂θ‖")])]
    if len(epochs) < r.epochs:
        blocks.append(Note(t("train.curves.sampled", n=len(epochs), E=r.epochs), "detail"))
    n_clipped = int(np.sum(r.clipped))
    if n_clipped:
        blocks.append(Note(tn("train.curves.clipped", n_clipped, E=r.epochs, c=f"{r.options.clip:g}"), "warning"))
    elif r.options.clip is not None:
        blocks.append(Note(t("train.curves.never_clipped", c=f"{r.options.clip:g}"), "detail"))
    blocks.append(Note(t("train.final", first=fmt_scalar(float(r.losses[0]), precision),
                         last=fmt_scalar(r.final_loss, precision), E=r.epochs), "strong"))
    return Section(blocks, t("train.curves.title"))


# ---- predictions ------------------------------------------------------------------------------------------
def right(preds) -> tuple[int, int]:
    """(right, total) over the steps that have a target."""
    scored = [p for p in preds if p.target is not None]
    return sum(p.word == p.target for p in scored), len(scored)


def right_line(r: Result) -> Note:
    (before, total), (after, _) = right(r.predictions_before), right(r.predictions_after)
    return Note(t("train.pred.right", before=before, after=after, n=total), "strong")


def _pick(word: str | None, target: str | None, p_target: float | None, precision: int) -> str:
    mark = "" if target is None or word is None else (" ✓" if word == target else " ✗")
    pt = "" if p_target is None else f" ({fmt_scalar(p_target, precision)})"
    return (word or "—") + mark + pt


def predictions_section(r: Result, precision: int) -> Section:
    """Each step of each sentence: the prediction (and p of the target) before and after; a tag
    per token (tag), or a label per sentence (classify)."""
    several = len(r.sentences) > 1
    before, after = (t("train.col.before"), "left"), (t("train.col.after"), "left")
    if r.task == "classify":
        tb = table(("#", "right"), (t("train.col.sentence"), "left"), (t("train.col.label"), "left"), before, after,
                   title=t("train.pred.title_classify"), style="framed")
        for b, a in zip(r.predictions_before, r.predictions_after):
            tb.rows.append(row(str(b.sentence + 1), b.token, b.target, _pick(b.word, b.target, b.p_target, precision),
                               _pick(a.word, a.target, a.p_target, precision)))
        return Section([tb, right_line(r)])
    target = t("train.col.tag") if r.task == "tag" else t("forward.col.target")
    columns = ([("#", "right")] if several else []) + [
        ("t", "right"), (t("forward.col.token"), "left"), (target, "left"), before, after]
    tb = table(*columns, title=t("train.pred.title_tag" if r.task == "tag" else "train.pred.title"), style="framed")
    for b, a in zip(r.predictions_before, r.predictions_after):
        tb.rows.append(row(*([str(b.sentence + 1)] if several else []), str(b.t), b.token, b.target or "—",
                           _pick(b.word, b.target, b.p_target, precision), _pick(a.word, a.target, a.p_target, precision)))
    return Section([tb, right_line(r)])


# ---- parameters ---------------------------------------------------------------------------------------------
def params_section(r: Result, conv: str) -> Section:
    items = []
    for n in r.names:
        shp = dims(shape(r.before[n], conv))
        p = _symbol(r, n)
        items.append(matrix(t("train.param.before", name=n, dims=shp), r.before[n], conv, "plain",
                            annotated(p, t("train.param.when_before"))))
        items.append(matrix(t("train.param.after", name=n, dims=shp), r.after[n], conv, "plain",
                            annotated(p, t("train.param.when_after"))))
    blocks: list = [Grid(items)]
    if r.drawn:
        blocks.append(Note(t("forward.drawn", seed=r.seed, names=", ".join(r.drawn)), "detail"))
    if r.layout is not None and r.layout.replaced:  # the file's one-layer weights this network cannot use
        blocks.append(Note(t("network.replaced", names=", ".join(r.layout.replaced)), "warning"))
    return Section(blocks, t("train.param.title"))


def saved_section(path: str) -> Section:
    return Section([Note(t("train.saved", file=path), "success")])


def build(r: Result, conv: str = "row", precision: int = 4, view: View = View(),
          saved: str | None = None) -> Document:
    """The opening, the first update (--trace-update), the curves, the predictions, the parameters
    (the closing); --brief: the opening and a closing with the curves and the figures."""
    title = t("train.title", title=r.example.title)
    pages = [Page("opening", title, [header(r, view, conv)])]
    tail = [saved_section(saved)] if saved else []
    if view.brief:
        closing = [curves_section(r, precision), Section([right_line(r)]), *tail]
        pages.append(Page("closing", t("train.curves.title"), closing))
    else:
        if r.update is not None:
            pages.append(Page("step", t("train.update.title"), [update_section(r, conv, precision)]))
        pages.append(Page("step", t("train.curves.title"), [curves_section(r, precision)]))
        pages.append(Page("step", t("train.pred.title"), [predictions_section(r, precision)]))
        pages.append(Page("closing", t("train.param.title"), [params_section(r, conv), *tail]))
    return Document("train", title, pages, conv, precision, get_lang(), 0)


# ---- --compare ------------------------------------------------------------------------------------------------
def compare_header(results: list[Result], view: View) -> Section:
    r0 = results[0]
    blocks: list = [Note(r0.example.description)] if r0.example.description else []
    blocks += [Note(tn("train.corpus", len(r0.sentences), tokens=r0.tokens)), Note(options_line(r0)),
               *explanations(r0, view), Note(t("train.compare.same"), "detail")]
    return Section(blocks, t("train.compare.title", title=r0.example.title), framed=True)


def compare_curves(results: list[Result]) -> Section:
    """The three loss curves on one log axis: the bars alone, so they fit side by side at 80
    columns (the numbers are in the table after them)."""
    r0 = results[0]
    epochs = sample(r0.epochs)
    rows = [[str(e)] for e in epochs] + [[t("train.col.final")]]
    values = [[log10(float(r.losses[e - 1])) for r in results] for e in epochs]
    values.append([log10(r.final_loss) for r in results])
    blocks: list = [Chart([t("train.col.epoch")], rows, values, [r.cell for r in results])]
    if len(epochs) < r0.epochs:
        blocks.append(Note(t("train.curves.sampled", n=len(epochs), E=r0.epochs), "detail"))
    clipped = [f"{r.cell} {int(np.sum(r.clipped))}" for r in results if np.any(r.clipped)]
    if clipped:
        blocks.append(Note(t("train.compare.clipped", cells=", ".join(clipped), E=r0.epochs), "warning"))
    return Section(blocks, t("train.compare.curves"))


def accuracy_section(results: list[Result], precision: int) -> Section:
    """Per cell: the loss at epoch 1 and after, the right predictions, and (when the example names
    key words) the right predictions of the key words by the step t that predicts them."""
    names = [t(f"common.cell.{r.cell}") for r in results]
    tb = Table([Column(""), *(Column(n, "right") for n in names)], [], style="framed")
    tb.rows.append(row(t("train.compare.loss_first"), *(fmt_scalar(float(r.losses[0]), precision) for r in results)))
    tb.rows.append(row(t("train.compare.loss_final"), *(fmt_scalar(r.final_loss, precision) for r in results)))
    tb.rows.append(row(t("train.compare.right_all"), *("{}/{}".format(*right(r.predictions_after)) for r in results)))
    blocks: list = [tb]
    keys = "/".join(results[0].example.key_words)
    if keys:
        acc = [key_accuracy(r) for r in results]
        tb.rules.append(len(tb.rows) - 1)
        for pos in acc[0]:
            tb.rows.append([Cell(t("train.compare.key_at", words=keys, t=pos))] +
                           [Cell(f"{a[pos][0]}/{a[pos][1]}", "success" if a[pos][0] == a[pos][1] else "")
                            for a in acc])
        totals = [(sum(x[0] for x in a.values()), sum(x[1] for x in a.values())) for a in acc]
        tb.rows.append([Cell(t("train.compare.key_all", words=keys), "strong")] +
                       [Cell(f"{k}/{n}", "strong") for k, n in totals])
        learned = [name for name, (k, n) in zip(names, totals) if k == n]
        missed = [f"{name} ({k}/{n})" for name, (k, n) in zip(names, totals) if k < n]
        if learned:
            blocks.append(Note(t("train.compare.learned", cells=", ".join(learned), words=keys)))
        if missed:
            blocks.append(Note(t("train.compare.missed", cells=", ".join(missed), words=keys), "warning"))
    blocks.append(Note(t("train.compare.acc_note"), "detail"))
    return Section(blocks, t("train.compare.after"))


def build_compare(results: list[Result], precision: int = 4, view: View = View()) -> Document:
    """The opening, the loss curves (a step page), the accuracy (the closing); --brief: no curves."""
    title = t("train.compare.title", title=results[0].example.title)
    pages = [Page("opening", title, [compare_header(results, view)])]
    if not view.brief:
        pages.append(Page("step", t("train.compare.curves"), [compare_curves(results)]))
    pages.append(Page("closing", t("train.compare.after"), [accuracy_section(results, precision)]))
    return Document("train", title, pages, "row", precision, get_lang(), 0)
