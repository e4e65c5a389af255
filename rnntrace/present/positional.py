"""``rnntrace positional`` as a Document: the three encodings side by side, their properties and
the sinusoidal one's relative positions (one page: it has no steps). The slide's numbering of the
frequencies is named as its slip, with the numbers; ``--explain`` says what each operation is (the
frequency ω_k, the angle ω_k·t, its sine and cosine, the sum with the embedding, p_t · p_{t+Δ})."""
from __future__ import annotations

import numpy as np

from rnntrace.document import Cell, Column, Document, Heading, Note, Page, Section, View
from rnntrace.explain import Explainer
from rnntrace.i18n import concat, formula, get_lang, t
from rnntrace.notation import fmt_array, fmt_number
from rnntrace.positional import PositionalComparison
from rnntrace.present.attention import MAX_SIN_COLUMNS, detail, said, short, sin_formula, sin_table
from rnntrace.present.common import row, table


def values(v: np.ndarray, precision: int, first: int = 2) -> str:
    """``a, b, c`` (each as short as it shows), or the first ones, "…" and the last."""
    shown = [short(float(x), precision) for x in v]
    return ", ".join(shown if len(shown) <= first + 2 else shown[:first] + ["…", shown[-1]])


def slip(c: PositionalComparison, precision: int) -> Note:
    """The slide's ω_1 … ω_{d/2} taken literally against the right ω_0 … ω_{d/2−1}, both computed."""
    half = c.dim // 2
    if half == 1:
        return Note(t("positional.slip_one", literal=values(c.slide_omega, precision)), "info", indent=2)
    return Note(t("positional.slip", half=half, last=half - 1, literal=values(c.slide_omega, precision),
                  right=values(c.omega, precision)), "info", indent=2)


def header(c: PositionalComparison, precision: int, explainer: Explainer) -> Section:
    half = c.dim // 2
    k_line = (t("positional.eq.k", last=half - 1, slowest=short(float(c.omega[-1]), precision)) if half > 1
              else t("positional.eq.k_one"))
    blocks = [Note(t("positional.intro"))]
    blocks += said(explainer, "positional_add")
    blocks += [Note(""), Heading(t("positional.encodings"), 1),
               Note(t("positional.eq.index"), indent=2),
               Note(t("positional.eq.binary", b=c.binary.shape[1], last=c.length - 1), indent=2),
               Note(t("positional.eq.sinusoidal"), indent=2), sin_formula(indent=4),
               Note("    " + k_line, "detail"), slip(c, precision),
               Note(""), Heading(t("positional.wanted"), 1)]
    blocks += [Note(t(f"positional.want.{k}"), indent=2) for k in ("unique", "bounded", "relative")]
    return Section(blocks, t("positional.title", n=c.length, d=c.dim), framed=True)


def explain_encodings(c: PositionalComparison, precision: int, explainer: Explainer) -> list:
    """--explain under the table: the frequencies, the angle and its sine and cosine, worked out
    at t = ``c.example_t`` with the table's own numbers."""
    if not explainer.on:
        return []
    last = len(c.omega) - 1
    p = c.periods
    if c.step_ratio is None:
        blocks = said(explainer, "positional_frequency_one", p0=short(float(p[0]), 2))
    else:
        blocks = said(explainer, "positional_frequency", p0=short(float(p[0]), 2), ratio=short(c.step_ratio, 2),
                      last=last, wl=short(float(c.omega[-1]), precision), pl=short(float(p[-1]), 1))
    T = c.example_t
    angles = c.omega * T  # (d/2,) the angles of row t = T, as the table's entries are their sines and cosines
    a0 = short(float(angles[0]), precision)
    if last:
        blocks += said(explainer, "positional_angle", t=T, a0=a0, last=last, al=short(float(angles[-1]), precision))
    else:
        blocks += said(explainer, "positional_angle_one", t=T, a0=a0)
    row_t = fmt_array(c.sinusoidal[T], precision)[0]
    blocks += said(explainer, "positional_sincos", t=T, a0=a0, s0=row_t[0], c0=row_t[1])
    return blocks


def encodings(c: PositionalComparison, precision: int, explainer: Explainer) -> Section:
    bits = ["".join(str(int(b)) for b in r) for r in c.binary]
    tb = sin_table([(Column("t", "right"), [Cell(str(int(p))) for p in c.positions]),
                    (Column(t("positional.col.index"), "right"), [Cell(str(int(x))) for x in c.index[:, 0]]),
                    (Column(t("positional.col.binary"), "right"), [Cell(b) for b in bits])], c.sinusoidal, precision)
    omegas = ", ".join(f"ω_{k} = {short(w, precision)}" for k, w in enumerate(c.omega[:4]))
    blocks = [Heading(t("positional.table"), 2), tb, detail(formula(omegas + (", …" if len(c.omega) > 4 else "")))]
    if c.dim > MAX_SIN_COLUMNS:
        blocks.append(detail(t("positional.columns_cut", d=c.dim)))
    return Section(blocks + explain_encodings(c, precision, explainer))


def _marked(text: str, ok: bool) -> Cell:
    """A figure and ✓ or ✗ after it (the run's role says which)."""
    return Cell(concat(text, " ", "✓" if ok else "✗"), "success" if ok else "error")


def bounded_note(c: PositionalComparison) -> str:
    """What the bounded row shows: the index past 1 (or, with two positions, not yet), and the
    other two inside [−1, 1] when they are."""
    idx = c.props["index"].bounds
    last = int(idx.max)
    text = (t("positional.note.bounded_in", n=c.length, last=last) if idx.ok
            else t("positional.note.bounded_out", last=last))
    if c.props["binary"].bounds.ok and c.props["sinusoidal"].bounds.ok:
        text += t("positional.note.bounded_others")
    return text


def properties(c: PositionalComparison, precision: int) -> Section:
    names = ("index", "binary", "sinusoidal")
    tb = table((t("positional.col.property"), "left"), *[(t(f"positional.col.{n}"), "right") for n in names])
    P = {n: c.props[n] for n in names}

    def spread(x: float) -> str:
        return fmt_number(x, 1, True) if 0 < x < 1e-4 else short(x, precision)

    tb.rows.append(row(t("positional.prop.unique"), *[
        _marked(concat(short(P[n].unique.min_distance, precision), " ", formula(f"(t={P[n].unique.s},{P[n].unique.t})")), P[n].unique.ok)
        for n in names]))
    tb.rows.append(row(t("positional.prop.bounded"), *[
        _marked(f"[{short(P[n].bounds.min, 2)}, {short(P[n].bounds.max, 2)}]", P[n].bounds.ok) for n in names]))
    widths = {"index": 1, "binary": c.binary.shape[1], "sinusoidal": c.dim}
    tb.rows.append(row(t("positional.prop.width"), *[_marked(str(widths[n]), n != "binary") for n in names]))
    tb.rows.append(row(t("positional.prop.relative"), *[
        _marked(spread(P[n].relative.max_spread), P[n].relative.ok) for n in names]))
    notes = [detail(t("positional.note.unique")), detail(bounded_note(c)), detail(t("positional.note.width")),
             detail(t("positional.note.relative"))]
    return Section([Heading(t("positional.props"), 2), tb, *notes])


def relative(c: PositionalComparison, precision: int, explainer: Explainer) -> Section:
    rel = c.props["sinusoidal"].relative
    tb = table(*[(t(f"positional.dcol.{key}"), "right")
                 for key in ("delta", "formula", "min", "max", "spread", "index", "binary")])
    exp = fmt_array(rel.expected, precision)[0]
    lo, hi = fmt_array(rel.dot_min, precision)[0], fmt_array(rel.dot_max, precision)[0]
    for k, delta in enumerate(rel.deltas):
        tb.rows.append(row(str(int(delta)), exp[k], lo[k], hi[k], fmt_number(rel.spread[k], 1, True),
                           short(c.props["index"].relative.spread[k], precision),
                           short(c.props["binary"].relative.spread[k], precision)))
    holds = rel.matches_expected  # "the same for every t, Σ_k cos(ω_k Δ)" only when the table bears it out
    blocks = [Heading(t("positional.delta_title" if holds else "positional.delta_title_plain"), 2), tb,
              detail(t("positional.delta_note"))]
    if holds:
        blocks += said(explainer, "positional_dot", d1=exp[1])
    return Section(blocks)


def build(c: PositionalComparison, precision: int = 4, view: View = View()) -> Document:
    """The header, then a page each for the encodings, their properties and the relative positions
    (pages without a step: ``--t`` does not apply)."""
    explainer = Explainer(view.explain)
    title = t("positional.title", n=c.length, d=c.dim)
    pages = [Page("opening", title, [header(c, precision, explainer)])]
    pages += [Page("step", s.blocks[0].text, [s]) for s in (encodings(c, precision, explainer), properties(c, precision),
                                                           relative(c, precision, explainer))]
    return Document("positional", title, pages, "row", precision, get_lang(), 0)
