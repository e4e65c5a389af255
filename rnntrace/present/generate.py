"""``rnntrace generate`` as a Document: ``forward``'s document of the words read (each step's
target is the word picked there), its closing followed by the picks: what each step read, its
argmax, what was picked and with which probability, and the text."""
from __future__ import annotations

from rnntrace.document import Document, Note, Section, View
from rnntrace.generate import Generated
from rnntrace.i18n import t
from rnntrace.notation import fmt_scalar
from rnntrace.present import forward
from rnntrace.present.common import row, table


def picks_section(g: Generated, precision: int) -> Section:
    """One row per generated word; then how the words were picked, and the text."""
    tb = table(("t", "right"), (t("forward.col.token"), "left"), ("argmax p_t", "left"),
               (t("train.gen.col.picked"), "left"), ("p", "right"), title=t("train.gen.picks.title"), style="framed")
    for k, (tok, best, pick, p) in enumerate(zip(g.words, g.argmax, g.picked, g.p_picked), start=1):
        tb.rows.append(row(str(k), tok, best or "—", pick, fmt_scalar(p, precision)))
    how = (t("train.gen.argmax") if g.temperature is None
           else t("train.gen.sampled", T=f"{g.temperature:g}", seed=g.seed))
    return Section([tb, Note(how, "detail"), Note(t("train.gen.text", text=g.text), "strong")])


def build(g: Generated, conv: str = "row", precision: int = 4, view: View = View()) -> Document:
    if g.network:
        from rnntrace.present import network

        doc = network.build(g.trace, conv, precision, view)
    else:
        doc = forward.build(g.trace, conv, precision, view)
    doc.command = "generate"
    doc.pages[-1].sections.append(picks_section(g, precision))
    return doc
