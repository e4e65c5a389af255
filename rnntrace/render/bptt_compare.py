"""``rnntrace bptt --compare``: the three cells' norm-against-distance curves on one log axis."""
from __future__ import annotations

import math

import numpy as np
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from rnntrace.i18n import t
from rnntrace.notation import fmt_scalar
from rnntrace.render.bptt_rich import LogChart, _ratio, fmt_log, per_step, sample
from rnntrace.render.matrix import NAME_STYLE, SHAPE_STYLE


def render(traces, conv: str = "row", precision: int = 4, forget_bias: float | None = None) -> list[RenderableType]:
    rnn, gru, lstm = traces
    T = rnn.T
    head = [Text(t("bptt.cmp.state"), SHAPE_STYLE)]
    facts = [t("common.hidden_lstm", H=rnn.hidden_size)]
    if rnn.activation != "tanh":
        facts.append(t("common.activation", act=rnn.activation))
    head.append(Text(" · ".join(facts)))
    if rnn.scale != 1.0:
        head.append(Text(t("common.scale", s=f"{rnn.scale:g}", names="W_hh; W_hr, W_hz, W_hh; W_hf, W_hi, W_hc, W_ho")))
    vocab = Text(t("common.vocab", V=len(rnn.vocab)) + ": ")
    for i, w in enumerate(rnn.vocab):
        vocab.append(f"{i}:", SHAPE_STYLE)
        vocab.append(w + ("  " if i < len(rnn.vocab) - 1 else ""), NAME_STYLE)
    head.append(vocab)
    if T <= 12:
        head.append(Text(t("bptt.sentence", T=T, words=" ".join(rnn.sentence))))
    else:
        head.append(Text(t("bptt.sentence_long", T=T, words=" ".join(rnn.sentence[:8]), more=T - 8)))
    out: list[RenderableType] = [Panel(Group(*head), title=Text(t("bptt.cmp.title"), "bold"), title_align="left",
                                       expand=False)]
    dist = sample(T)
    rows, values = [], []
    for d in dist:
        k = T - d
        rows.append([str(d), str(k)])
        values.append([tr.products.log10_norm[k] for tr in traces])
    labels = ["rnn", "gru" + (" (torch)" if gru.gru_variant == "torch" else ""), "lstm"]
    parts: list[RenderableType] = [LogChart(["T−k", "k"], rows, values, labels)]
    if len(dist) < T:
        parts.append(Text(t("bptt.chart.sampled", n=len(dist), T=T), SHAPE_STYLE))
    for tr, label in zip(traces, labels):
        end = tr.products.log10_norm[0]
        factor = per_step(tr.products.log10_norm)
        extra = ""
        if tr.paths is not None:
            mean = fmt_scalar(float(np.mean(tr.paths.gate_values)), precision)
            if tr.paths.gate == "z":
                extra = t("bptt.cmp.gate_z", mean=mean)
            elif forget_bias is not None:
                extra = t("bptt.cmp.gate_f_bias", mean=mean, bf=f"{forget_bias:g}")
            else:
                extra = t("bptt.cmp.gate_f", mean=mean)
        parts.append(Text(t("bptt.cmp.line", cell=label, T=T, end=fmt_log(end, precision), factor=_ratio(factor),
                            extra=extra)))
    parts.append(Text(t("bptt.cmp.explain")))
    e_rnn, e_lstm = rnn.products.log10_norm[0], lstm.products.log10_norm[0]
    if math.isfinite(e_rnn) and math.isfinite(e_lstm) and e_lstm > e_rnn:
        parts.append(Text(t("bptt.cmp.keeps", T=T, ratio=fmt_log(e_lstm - e_rnn, 1 if e_lstm - e_rnn < 5 else 2)),
                          "bold"))
    f_mean = float(np.mean(lstm.paths.gate_values))
    if f_mean < 0.9:
        bf = lstm.params["b_f"]
        parts.append(Text(t("bptt.cmp.forget", mean=fmt_scalar(f_mean, 2),
                            bf=f"{float(np.mean(bf)):g}" if np.all(bf == bf.flat[0]) else "…")))
    if T < 20:
        parts.append(Text(t("bptt.cmp.short"), SHAPE_STYLE))
    out.append(Group(*parts))
    return out
