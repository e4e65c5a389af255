"""``rnntrace forward`` as a Document: the header and the parameters, one page per token, the
summary."""
from __future__ import annotations

import numpy as np

from rnntrace.cells import H_PREV, X, param
from rnntrace.document import Column, Document, Formula, Grid, Heading, Note, Page, Section, Table, View
from rnntrace.explain import Explainer
from rnntrace.i18n import formula, get_lang, join, listed, t
from rnntrace.notation import dims, fmt_array, fmt_scalar, shape, write
from rnntrace.params import recurrent_names
from rnntrace.present.common import matrix, operation, row, table, vocab_line
from rnntrace.trace import ForwardTrace, MatMul, Step, Sym


def header(tr: ForwardTrace, conv: str) -> Section:
    blocks: list = []
    if tr.description:
        blocks.append(Note(tr.description))
    facts = [t(f"common.cell.{tr.cell}"),
             t("common.hidden_lstm" if tr.unit.memory else "common.hidden", H=tr.hidden_size)]
    if "activation" in tr.unit.options and tr.activation != "tanh":
        facts.append(t("common.activation", act=tr.activation))
    blocks.append(Note(join(" · ", facts)))
    blocks.append(vocab_line(tr.vocab))
    blocks.append(Note(t(f"common.conv.{conv}"), "detail"))
    if tr.gru_variant is not None:
        blocks.append(Note(t(f"forward.gru.{tr.gru_variant}")))
    if tr.unit.path_gate == "z":
        blocks.append(Note(t("forward.gru.update")))
    if tr.unit.memory:
        blocks.append(Note(t("forward.lstm.memory")))
    if tr.steps:
        blocks.append(Note(""))
        blocks.append(Heading(t("forward.equations"), 1))
        ex = Explainer(False)
        blocks += [Formula(op.statement, op.expr, op.target, indent=2)
                   for op in (operation(o, conv, ex, numbers=False) for o in tr.steps[0].ops)
                   if op.target is not None]
    return Section(blocks, tr.title, framed=True)


def params(tr: ForwardTrace, conv: str, explainer: Explainer) -> Section:
    items = [matrix(f"{name} ({dims(shape(value, conv))})", value, conv, "plain", param(name))
             for name, value in tr.params.items() if name not in tr.implicit_zero]
    blocks: list = [Grid(items)]
    if tr.scale != 1.0:
        names = ", ".join(recurrent_names(tr.cell, tr.gru_variant or "lecture"))
        blocks.append(Note(t("common.scale", s=f"{tr.scale:g}", names=names)))
    if tr.drawn:
        blocks.append(Note(t("forward.drawn", seed=tr.seed, names=", ".join(tr.drawn)), "detail"))
    if tr.implicit_zero:
        blocks.append(Note(t("forward.implicit_zero", names=", ".join(tr.implicit_zero)), "detail"))
    if tr.unused:
        blocks.append(Note(t("forward.unused", cell=t(f"common.cell.{tr.cell}"), names=", ".join(tr.unused)),
                           "warning"))
    why = shapes_explanation(tr, conv, explainer)
    if why:
        blocks.append(_explanation(why, "shapes"))
    return Section(blocks, t("forward.params"))


def _explanation(text: str, topic: str):
    from rnntrace.document import Explanation

    return Explanation(text, topic)


def shapes_explanation(tr: ForwardTrace, conv: str, explainer: Explainer) -> str | None:
    """``--explain``: why W_xh, W_hh and W_hy have the shapes they have (the lecture's question)."""
    if not explainer.on:
        return None
    V, H = len(tr.vocab), tr.hidden_size
    wx = "W_xh" if "W_xh" in tr.params else next(n for n in tr.params if n.startswith("W_x"))
    wh = "W_hh" if "W_hh" in tr.params else next(n for n in tr.params if n.startswith("W_h") and n != "W_hy")
    shown = lambda *shp: dims(shape(np.zeros(shp), conv))  # noqa: E731
    text = explainer.topic("shapes", x=shown(V), h=shown(H), wx=shown(V, H), wh=shown(H, H), wy=shown(H, V),
                           wxn=wx, whn=wh, xw=write(MatMul(X, param(wx)), conv),
                           hw=write(MatMul(H_PREV, param(wh)), conv))
    return text + (" " + explainer.topic("shapes_gates") if tr.unit.gated else "")


def step_title(s: Step) -> str:
    return (t("forward.step_target", t=s.t, token=s.token, target=s.target) if s.target
            else t("forward.step", t=s.t, token=s.token))


def step(tr: ForwardTrace, s: Step, conv: str, precision: int, explainer: Explainer) -> Section:
    pos = tr.vocab.index(s.token)
    blocks: list = [Note(t("forward.onehot", token=s.token, pos=pos, last=len(tr.vocab) - 1), "strong"),
                    matrix("x_t", s.values["x"], conv, "result", X)]
    blocks += [operation(op, conv, explainer) for op in s.ops]
    if s.prediction is None:
        blocks.append(Note(t("forward.prediction_none"), "strong"))
    else:
        blocks.append(Note(t("forward.prediction", word=s.prediction,
                             p=fmt_scalar(s.p_prediction, precision)), "strong"))
    if s.target is not None:
        blocks.append(Note(t("forward.loss", target=s.target, t=s.t, p=fmt_scalar(s.p_target, precision),
                             loss=fmt_scalar(s.values["loss"], precision)), "strong"))
        if s.prediction is not None:
            hit = s.prediction == s.target
            blocks.append(Note(t("forward.hit" if hit else "forward.miss"), "success" if hit else "warning"))
        why = explainer.topic("loss")
        if why:
            blocks.append(_explanation(why, "loss"))
    else:
        blocks.append(Note(t("forward.no_target"), "detail"))
    if s.note:
        blocks.append(Note("ℹ " + s.note, "info"))
    if tr.slide:
        blocks += slide_notes(tr, s, conv, precision)
    if s.nonfinite:
        blocks.append(Note("⚠ " + t("common.nonfinite", names=", ".join(s.nonfinite), t=s.t), "error"))
    return Section(blocks, step_title(s))


def _vec(v, precision: int) -> str:
    return "[" + " ".join(fmt_array(v, precision)[0]) + "]"


def slide_notes(tr: ForwardTrace, s: Step, conv: str, precision: int) -> list[Note]:
    """The lecture's slide at t = 1 (``analysis.slide_step``), in the cell and convention traced:
    what x_1 picks from each input weight, that h_0 adds nothing, the expected output; and the
    slide's slip, h_0·W_hy where the output at t = 1 uses h_1."""
    from rnntrace.analysis import slide_step

    sl = slide_step(s)
    if sl is None:
        return []
    x = _vec(s.values["x"], 0)
    picks = join("; ", [formula(f"{write(MatMul(Sym('x_1'), param(name)), conv)} = {_vec(v, precision)}")
                        for name, v in sl.inputs])
    names = listed([n for n, _ in sl.inputs])
    recurrent = ", ".join(recurrent_names(tr.cell, tr.gru_variant or "lecture"))
    part = t("teach.word.row" if conv == "row" else "teach.word.column")
    text = t("forward.slide.step", x=x, part=part, n=sl.index + 1, names=names, picks=picks, recurrent=recurrent)
    if s.target is not None:
        onehot = np.zeros(len(tr.vocab))
        onehot[tr.vocab.index(s.target)] = 1.0
        text += " " + t("forward.slide.expected", target=s.target, onehot=_vec(onehot, 0))
    out = [Note("ℹ " + text, "info")]
    if sl.output_slip:
        h0 = np.zeros(tr.hidden_size)
        zero = h0 @ tr.params["W_hy"]
        out.append(Note("ℹ " + t("forward.slide.output", h0=_vec(h0, 0), zero=_vec(zero, 0),
                                 slide=write(MatMul(Sym("h_0"), param("W_hy")), conv),
                                 h1=_vec(s.values["h"], precision), y1=_vec(s.values["y"], precision),
                                 ours=write(MatMul(Sym("h_1"), param("W_hy")), conv)), "info"))
    return out


def summary(tr: ForwardTrace, precision: int) -> Section:
    """One row per step, and the total loss."""
    tb = table(*[(t(f"forward.col.{key}"), justify) for key, justify in (
        ("t", "right"), ("token", "left"), ("prediction", "left"), ("target", "left"), ("p_target", "right"),
        ("loss", "right"))], title=t("forward.summary"), style="framed")
    for s in tr.steps:
        pt = fmt_scalar(s.p_target, precision) if s.target else "—"
        mark = "" if s.target is None or s.prediction is None else (" ✓" if s.prediction == s.target else " ✗")
        tb.rows.append(row(str(s.t), s.token, (s.prediction or "—") + mark, s.target or "—", pt,
                           fmt_scalar(s.values["loss"], precision)))
    return Section([tb, total(tr, precision), *filter(None, [kept_note(tr, precision)])])


def kept_note(tr: ForwardTrace, precision: int) -> Note | None:
    """Where the keeping gate (z_t, f_t) stays near 1 over several steps (``tr.kept``, computed by
    ``rnntrace.gates``): the units, the words, and the share of the old state still there."""
    k = tr.kept
    if k is None:
        return None
    words = [s.token for s in tr.steps]
    units = t("forward.kept.unit", k=k.units[0]) if len(k.units) == 1 else t(
        "forward.kept.units", ks=", ".join(map(str, k.units)))
    g, a1 = k.gate, k.start - 1
    shares = "; ".join(f"{k.state}_{a1}[{u}] = {fmt_scalar(before, precision)}, ∏ {g}_t = {fmt_scalar(share, precision)}, "
                       f"{k.state}_{k.end}[{u}] = {fmt_scalar(after, precision)}"
                       for u, share, before, after in zip(k.units, k.kept, k.before, k.after))
    return Note(t(f"forward.kept.{g}", threshold=f"{k.threshold:g}", min=fmt_scalar(k.min_gate, precision), units=units,
                  first=words[k.start - 1], last=words[k.end - 1], a=k.start, b=k.end, a1=a1,
                  prev=words[k.start - 2], shares=shares), "info")


def total(tr: ForwardTrace, precision: int) -> Note:
    return (Note(t("forward.total", loss=fmt_scalar(tr.loss, precision)), "strong") if tr.loss is not None
            else Note(t("forward.no_loss"), "detail"))


def compact(tr: ForwardTrace, precision: int) -> Section:
    """--brief: the forward pass in one table, as bptt gives it (t, token, target, h_t, p_t[target],
    L_t), each row on one line. When h_t as one vector is too wide for the view, its entries
    h_t[1] … h_t[H] get a column each, and a view too narrow for them all splits the table into
    pieces (the rows' t, token and target repeated), so no number is cut short."""
    H = tr.hidden_size
    columns = [Column(t(f"forward.col.{key}"), "left" if key != "t" else "right") for key in ("t", "token", "target")]
    columns += [Column(formula(f"h_t[{k}]"), "right") for k in range(1, H + 1)]
    columns += [Column(formula("h_t"), "left"), *[Column(t(f"forward.col.{key}"), "right") for key in ("p_target", "loss")]]
    rows = []
    for s in tr.steps:
        h = fmt_array(s.values["h"], precision)[0]
        rows.append(row(str(s.t), s.token, s.target or "—", *h, "[" + " ".join(h) + "]",
                        fmt_scalar(s.p_target, precision) if s.target else "—",
                        fmt_scalar(s.values["loss"], precision) if s.target else "—"))
    vector, rest = 3 + H, [4 + H, 5 + H]
    tb = Table(columns, rows, nowrap=True, label_columns=3, fit=[[vector, *rest], [*range(3, 3 + H), *rest]],
               numbered=H, piece=t("forward.units_range", lo="{lo}", hi="{hi}", H=H))
    return Section([tb, total(tr, precision), *filter(None, [kept_note(tr, precision)])], t("forward.summary"))


def build(tr: ForwardTrace, conv: str = "row", precision: int = 4, view: View = View()) -> Document:
    """The opening (header and parameters), a page per step shown, the closing summary."""
    explainer = Explainer(view.explain)
    pages = [Page("opening", tr.title, [header(tr, conv), params(tr, conv, explainer)])]
    pages += [Page("step", step_title(s), [step(tr, s, conv, precision, explainer)], t=s.t)
              for s in tr.steps if view.shows(s.t)]
    closing = compact(tr, precision) if view.brief else summary(tr, precision)
    pages.append(Page("closing", t("forward.summary"), [closing]))
    return Document("forward", tr.title, pages, conv, precision, get_lang(), len(tr.steps))
