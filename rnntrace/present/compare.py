"""``rnntrace bptt --compare`` as a Document: the three cells' norm-against-distance curves on one
log axis, and what they say."""
from __future__ import annotations

from rnntrace.analysis import SUGGESTED_FORGET_BIAS
from rnntrace.analysis import compare as compare_analysis
from rnntrace.document import Chart, Document, Explanation, Note, Page, Section, View
from rnntrace.explain import Explainer
from rnntrace.i18n import get_lang, join, t
from rnntrace.notation import fmt_log, fmt_ratio, fmt_scalar
from rnntrace.params import recurrent_names
from rnntrace.present.bptt import sample, sentence_line
from rnntrace.present.common import vocab_line


def header(rnn) -> Section:
    blocks = [Note(t("bptt.cmp.state"), "detail")]
    facts = [t("common.hidden_lstm", H=rnn.hidden_size)]
    if rnn.activation != "tanh":
        facts.append(t("common.activation", act=rnn.activation))
    blocks.append(Note(join(" · ", facts)))
    if rnn.scale != 1.0:
        names = "; ".join(", ".join(recurrent_names(c, "lecture")) for c in ("rnn", "gru", "lstm"))
        blocks.append(Note(t("common.scale", s=f"{rnn.scale:g}", names=names)))
    blocks += [vocab_line(rnn.vocab), sentence_line(rnn)]
    return Section(blocks, t("bptt.cmp.title"), framed=True)


def curves(traces, precision: int, forget_bias: float | None, explainer: Explainer = Explainer(False)) -> Section:
    """The chart, a line per cell, and what they say; ``--explain`` says how to read the chart,
    the factor per step and the gates' means."""
    rnn, gru, lstm = traces
    T = rnn.T
    dist = sample(T)
    rows = [[str(d), str(T - d)] for d in dist]
    values = [[tr.products.log10_norm[T - d] for tr in traces] for d in dist]
    labels = ["rnn", "gru" + (" (torch)" if gru.gru_variant == "torch" else ""), "lstm"]
    blocks: list = [Chart(["T−k", "k"], rows, values, labels)]
    if len(dist) < T:
        blocks.append(Note(t("bptt.chart.sampled", n=len(dist), T=T), "detail"))
    why = explainer.topic("compare_chart", T=T)
    if why:
        blocks.append(Explanation(why, "compare_chart"))
    for tr, label in zip(traces, labels):
        a = tr.analysis
        extra = ""
        if a.gate_mean is not None:
            mean = fmt_scalar(a.gate_mean, precision)
            if tr.paths.gate == "z":
                extra = t("bptt.cmp.gate_z", mean=mean)
            elif forget_bias is not None:
                extra = t("bptt.cmp.gate_f_bias", mean=mean, bf=f"{forget_bias:g}")
            else:
                extra = t("bptt.cmp.gate_f", mean=mean)
        blocks.append(Note(t("bptt.cmp.line", cell=label, T=T, end=fmt_log(tr.products.log10_norm[0], precision),
                             factor=fmt_ratio(a.per_step), extra=extra)))
    why = explainer.topic("compare_factor", T=T, last=T - 1)
    if why:
        blocks.append(Explanation(why + " " + explainer.topic("compare_gates"), "compare_factor"))
    blocks.append(Note(t("bptt.cmp.explain")))
    c = compare_analysis(traces)
    if c.keeps is not None:
        blocks.append(Note(t("bptt.cmp.keeps", T=T, ratio=fmt_log(c.keeps, 1 if c.keeps < 5 else 2)), "strong"))
    if c.forget_low:
        bf = lstm.analysis.b_f
        trained = t("bptt.cmp.untrained") if c.forget_untrained else ""
        blocks.append(Note(t("bptt.cmp.forget", mean=fmt_scalar(lstm.analysis.gate_mean, 2),
                             bf=f"{bf:g}" if bf is not None else "…", untrained=trained)))
        if c.suggested is not None:
            blocks.append(Note(t("bptt.cmp.forget_more", b=f"{SUGGESTED_FORGET_BIAS:g}",
                                 mean=fmt_scalar(c.suggested, 2))))
    if T < 20 and c.gap_grows:
        blocks.append(Note(t("bptt.cmp.short"), "detail"))
    return Section(blocks)


def build(traces, conv: str = "row", precision: int = 4, view: View = View(),
          forget_bias: float | None = None) -> Document:
    title = t("bptt.cmp.title")
    pages = [Page("opening", title, [header(traces[0])]),
             Page("closing", title, [curves(traces, precision, forget_bias, Explainer(view.explain))])]
    return Document("bptt", title, pages, conv, precision, get_lang(), traces[0].T)


def network_explanation(explainer: Explainer, part: str, T: int) -> list:
    """``--explain`` on a network's --compare (``present.network.compare_section``), said once
    each: how to read a layer's chart (``part`` "chart"), its lines' × per step, which there is
    the T-th root of ‖∂s_last/∂s_0‖ ("factor"), and the table of losses and gradient sizes ("table")."""
    why = explainer.once(f"compare_network_{part}", T=T)
    return [Explanation(why, f"compare_network_{part}")] if why else []
