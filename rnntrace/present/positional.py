"""``rnntrace positional`` as a Document: the three encodings side by side, their properties and
the sinusoidal one's relative positions (one page: it has no steps)."""
from __future__ import annotations

from rnntrace.document import Cell, Column, Document, Formula, Heading, Note, Page, Section, View
from rnntrace.i18n import get_lang, t
from rnntrace.notation import fmt_array, fmt_number
from rnntrace.positional import PositionalComparison
from rnntrace.present.attention import MAX_SIN_COLUMNS, detail, short, sin_table
from rnntrace.present.common import row, table


def header(c: PositionalComparison) -> Section:
    blocks = [Note(t("positional.intro")), Note(""), Heading(t("positional.encodings"), 1),
              Note(t("positional.eq.index"), indent=2),
              Note(t("positional.eq.binary", b=c.binary.shape[1], last=c.length - 1), indent=2),
              Note(t("positional.eq.sinusoidal"), indent=2),
              Formula("p_t^(2k) = sin(ω_k t),  p_t^(2k+1) = cos(ω_k t),  ω_k = 1/10000^(2k/d)", indent=4),
              Note("    " + t("positional.eq.k", last=c.dim // 2 - 1, half=c.dim // 2), "detail"),
              Note(""), Heading(t("positional.wanted"), 1)]
    blocks += [Note(t(f"positional.want.{k}"), indent=2) for k in ("unique", "bounded", "relative")]
    return Section(blocks, t("positional.title", n=c.length, d=c.dim), framed=True)


def encodings(c: PositionalComparison, precision: int) -> Section:
    bits = ["".join(str(int(b)) for b in r) for r in c.binary]
    tb = sin_table([(Column("t", "right"), [Cell(str(int(p))) for p in c.positions]),
                    (Column(t("positional.col.index"), "right"), [Cell(str(int(x))) for x in c.index[:, 0]]),
                    (Column(t("positional.col.binary"), "right"), [Cell(b) for b in bits])], c.sinusoidal, precision)
    omegas = ", ".join(f"ω_{k} = {short(w, precision)}" for k, w in enumerate(c.omega[:4]))
    blocks = [Heading(t("positional.table"), 2), tb, detail(omegas + (", …" if len(c.omega) > 4 else ""))]
    if c.dim > MAX_SIN_COLUMNS:
        blocks.append(detail(t("positional.columns_cut", d=c.dim)))
    return Section(blocks)


def _marked(text: str, ok: bool) -> Cell:
    """A figure and ✓ or ✗ after it (the run's role says which)."""
    return Cell(f"{text} {'✓' if ok else '✗'}", "success" if ok else "error")


def properties(c: PositionalComparison, precision: int) -> Section:
    names = ("index", "binary", "sinusoidal")
    tb = table((t("positional.col.property"), "left"), *[(t(f"positional.col.{n}"), "right") for n in names])
    P = {n: c.props[n] for n in names}

    def spread(x: float) -> str:
        return fmt_number(x, 1, True) if 0 < x < 1e-4 else short(x, precision)

    tb.rows.append(row(t("positional.prop.unique"), *[
        _marked(f"{short(P[n].unique.min_distance, precision)} (t={P[n].unique.s},{P[n].unique.t})", P[n].unique.ok)
        for n in names]))
    tb.rows.append(row(t("positional.prop.bounded"), *[
        _marked(f"[{short(P[n].bounds.min, 2)}, {short(P[n].bounds.max, 2)}]", P[n].bounds.ok) for n in names]))
    widths = {"index": 1, "binary": c.binary.shape[1], "sinusoidal": c.dim}
    tb.rows.append(row(t("positional.prop.width"), *[_marked(str(widths[n]), n != "binary") for n in names]))
    tb.rows.append(row(t("positional.prop.relative"), *[
        _marked(spread(P[n].relative.max_spread), P[n].relative.ok) for n in names]))
    notes = [detail(t(f"positional.note.{k}")) for k in ("unique", "bounded", "width", "relative")]
    return Section([Heading(t("positional.props"), 2), tb, *notes])


def relative(c: PositionalComparison, precision: int) -> Section:
    rel = c.props["sinusoidal"].relative
    tb = table(*[(t(f"positional.dcol.{key}"), "right")
                 for key in ("delta", "formula", "min", "max", "spread", "index", "binary")])
    exp = fmt_array(rel.expected, precision)[0]
    lo, hi = fmt_array(rel.dot_min, precision)[0], fmt_array(rel.dot_max, precision)[0]
    for k, delta in enumerate(rel.deltas):
        tb.rows.append(row(str(int(delta)), exp[k], lo[k], hi[k], fmt_number(rel.spread[k], 1, True),
                           short(c.props["index"].relative.spread[k], precision),
                           short(c.props["binary"].relative.spread[k], precision)))
    return Section([Heading(t("positional.delta_title"), 2), tb, detail(t("positional.delta_note"))])


def build(c: PositionalComparison, precision: int = 4, view: View = View()) -> Document:
    """The header, then a page each for the encodings, their properties and the relative positions
    (pages without a step: ``--t`` does not apply)."""
    title = t("positional.title", n=c.length, d=c.dim)
    pages = [Page("opening", title, [header(c)])]
    pages += [Page("step", s.blocks[0].text, [s]) for s in (encodings(c, precision), properties(c, precision),
                                                           relative(c, precision))]
    return Document("positional", title, pages, "row", precision, get_lang(), 0)
