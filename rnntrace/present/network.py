"""A network's trace (``forward`` and ``bptt`` with an embedding, layers, two directions or another
task) as a Document.

The opening: what network it is (cell, layers, directions, embedding, task, the shapes the output
layer reads) and every parameter under its name (``W_xh^(2←)``). Then one page per time step with
every layer's products at that step when the network runs one way; with two directions each
layer's forward run (t = 1 … T) and then its backward run (t = T … 1), a page a step, since the
layer above needs both, then the output layer. bptt adds one page per backward step in the order
computed, and closes with the gradients (∂L/∂E: only the rows of the words that occur), their
check and each layer's and direction's ‖∂h/∂h_k‖ along time.
"""
from __future__ import annotations

import numpy as np

from rnntrace import cells
from rnntrace.document import Chart, Document, Grid, Note, Page, Section, View
from rnntrace.explain import Explainer
from rnntrace.i18n import formula, get_lang, join, t, tn
from rnntrace.mathx import norm, pow10
from rnntrace.notation import dims, fmt_log, fmt_ratio, fmt_scalar, shape
from rnntrace.present.bptt import gradcheck_section, sample
from rnntrace.present.compare import network_explanation
from rnntrace.present.common import matrix, operation, row, table, vocab_line
from rnntrace.cells import grad


def _direction(d: str) -> str:
    return t(f"network.dir.{d}")


def facts(tr) -> list[str]:
    return spec_facts(tr.spec, len(tr.vocab), tr.hidden_size)


def spec_facts(s, V: int, H: int) -> list[str]:
    """The cell, H, the layers, the directions, the inputs (one-hot or the embedding)."""
    out = [t(f"common.cell.{s.cell}"), t("common.hidden_lstm" if cells.CELLS[s.cell].memory else "common.hidden", H=H),
           tn("network.layers", s.layers)]
    if s.bidirectional:
        out.append(t("network.bidirectional", H=H, H2=2 * H))
    out.append(t("network.embedding", V=V, d=s.embedding_dim) if s.embedding_dim else t("network.onehot", V=V))
    return out


def header(tr, conv: str, facts_line: list[str] | None = None) -> Section:
    """The network; ``facts_line`` replaces its facts (--compare: three cells, one shape)."""
    s = tr.spec
    blocks: list = []
    if tr.description:
        blocks.append(Note(tr.description))
    blocks.append(Note(join(" · ", facts_line or facts(tr))))
    if "gru_variant" in cells.CELLS[s.cell].options and facts_line is None:
        blocks.append(Note(t(f"forward.gru.{s.gru_variant}")))
    blocks.append(vocab_line(tr.vocab))
    blocks.append(Note(t(f"network.task.{s.task}", labels=", ".join(tr.classes), label=tr.label or "",
                         K=len(tr.classes))))
    tag = s.tag(s.layers, s.directions[-1])
    blocks.append(Note(t("network.names", top=_top_shape(tr), example=f"W_xh{tag}, h_t{tag}") if tag
                       else t("network.names_plain", top=_top_shape(tr)), "detail"))
    blocks.append(Note(t(f"common.conv.{conv}"), "detail"))
    return Section(blocks, tr.title, framed=True)


def _top_shape(tr) -> str:
    from rnntrace.network import _final_name, _top_name

    name = _final_name(tr.spec) if tr.spec.task == "classify" else _top_name(tr.spec)
    return f"{name.name} (1×{tr.top.shape[1]})"


def params(tr, conv: str) -> Section:
    P = tr.params
    items = [matrix(f"{n} ({dims(shape(v, conv))})", v, conv, "plain", P.symbol(n))
             for n, v in P.values.items() if n not in P.implicit_zero]
    blocks: list = [Grid(items)]
    if P.drawn:
        blocks.append(Note(t("forward.drawn", seed=tr.seed, names=", ".join(P.drawn)), "detail"))
    zero = [n for n in P.values if n in P.implicit_zero]
    if zero:
        blocks.append(Note(t("forward.implicit_zero", names=", ".join(zero)), "detail"))
    s = tr.spec
    if s.scale != 1.0:
        names = [k for layout in P.layers for names in layout.values() for n, k in names.items() if n.startswith("W_h")]
        blocks.append(Note(t("common.scale", s=f"{s.scale:g}", names=", ".join(names))))
    if s.forget_bias is not None:
        names = [names["b_f"] for layout in P.layers for names in layout.values()]
        blocks.append(Note(t("network.forget_bias", b=f"{s.forget_bias:g}", names=", ".join(names))))
    if P.replaced:
        blocks.append(Note(t("network.replaced", names=", ".join(P.replaced)), "warning"))
    if P.unused:
        blocks.append(Note(t("forward.unused", cell=t(f"common.cell.{tr.spec.cell}"), names=", ".join(P.unused)),
                           "warning"))
    return Section(blocks, t("forward.params"))


def _ops(ops, conv, explainer) -> list:
    return [operation(op, conv, explainer) for op in ops]


def _cell_steps(tr):
    """(layer, direction) → t → the cell's ops at t (1-based)."""
    return {(r.layer, r.direction): {c.t: c.ops for c in r.steps} for row in tr.runs for r in row}


def _run_title(tr, layer: int, direction: str, t_: int) -> str:
    token = tr.sentence[t_ - 1]
    if tr.spec.bidirectional:
        return t("network.run_step", layer=layer, dir=_direction(direction), t=t_, token=token)
    return t("network.layer_step", layer=layer, t=t_, token=token)


def _output_notes(tr, i: int, precision: int) -> list:
    pred = tr.predictions()[i]
    out = [Note(t("forward.prediction", word=pred, p=fmt_scalar(float(np.max(tr.p[i])), precision)), "strong")
           if pred is not None else Note(t("forward.prediction_none"), "strong")]
    target = tr.targets[i]
    if target is None:
        out.append(Note(t("forward.no_target"), "detail"))
        return out
    k = tr.classes.index(target)
    out.append(Note(t("forward.loss", target=target, t=i + 1, p=fmt_scalar(float(tr.p[i][k]), precision),
                      loss=fmt_scalar(float(tr.losses[i]), precision)), "strong"))
    if pred is not None:
        out.append(Note(t("forward.hit" if pred == target else "forward.miss"),
                        "success" if pred == target else "warning"))
    return out


def forward_pages(tr, conv: str, precision: int, view: View, explainer: Explainer) -> list[Page]:
    s = tr.spec
    cells = _cell_steps(tr)
    pages = []

    def step_title(i: int) -> str:
        target = tr.targets[i]
        return (t("forward.step_target", t=i + 1, token=tr.sentence[i], target=target) if target
                else t("forward.step", t=i + 1, token=tr.sentence[i]))

    def head(i: int) -> list[Section]:
        """The input x_t: the embedding's look-up, or the one-hot vector."""
        if tr.embed_ops:
            key = "network.lookup" if conv == "row" else "network.lookup_column"  # as the product below writes it
            return [Section([Note(t(key, token=tr.sentence[i], k=tr.vocab.index(tr.sentence[i]) + 1,
                                    d=s.embedding_dim), "strong")] + _ops(tr.embed_ops[i], conv, explainer),
                            step_title(i))]
        k = tr.vocab.index(tr.sentence[i])
        return [Section([Note(t("forward.onehot", token=tr.sentence[i], pos=k, last=len(tr.vocab) - 1), "strong")],
                        step_title(i))]

    def out_section(i: int) -> Section:
        return Section(_ops(tr.output_ops[i], conv, explainer) + _output_notes(tr, i, precision),
                       t("network.output"))

    if not s.bidirectional:
        for i in range(tr.T):
            if not view.shows(i + 1):
                continue
            secs = head(i)
            for layer in range(1, s.layers + 1):
                secs.append(Section(_ops(cells[(layer, "forward")][i + 1], conv, explainer),
                                    t("network.layer", layer=layer)))
            if s.task != "classify":
                secs.append(out_section(i))
            pages.append(Page("step", step_title(i), secs, t=i + 1))
    else:
        for layer in range(1, s.layers + 1):
            for r in tr.runs[layer - 1]:
                for k in range(tr.T):
                    t_ = int(r.order[k]) + 1
                    if not view.shows(t_):
                        continue
                    secs = head(t_ - 1) if layer == 1 and r.direction == "forward" else []
                    secs.append(Section(_ops(cells[(layer, r.direction)][t_], conv, explainer),
                                        _run_title(tr, layer, r.direction, t_)))
                    pages.append(Page("step", _run_title(tr, layer, r.direction, t_), secs, t=t_))
        if s.task != "classify":
            pages += [Page("step", step_title(i), [out_section(i)], t=i + 1)
                      for i in range(tr.T) if view.shows(i + 1)]
    if s.task == "classify" and not view.brief:
        pred = tr.predictions()[0]
        k = tr.classes.index(tr.label)
        blocks = _ops(tr.output_ops, conv, explainer)
        blocks.append(Note(t("network.class_prediction", label=pred, p=fmt_scalar(float(np.max(tr.p)), precision))
                           if pred is not None else t("forward.prediction_none"), "strong"))
        blocks.append(Note(t("network.class_loss", label=tr.label, p=fmt_scalar(float(tr.p[k]), precision),
                             loss=fmt_scalar(tr.loss, precision)), "strong"))
        if pred is not None:
            blocks.append(Note(t("network.class_hit" if pred == tr.label else "network.class_miss"),
                               "success" if pred == tr.label else "warning"))
        pages.append(Page("step", t("network.classifier"), [Section(blocks, t("network.classifier"))]))
    return pages


def backward_pages(tr, conv: str, view: View, explainer: Explainer) -> list[Page]:
    pages = []
    for b in tr.back_steps:
        if not view.shows(b.t):
            continue
        token = tr.sentence[b.t - 1]
        if b.layer == 0:
            title = t("network.back_output", t=b.t, token=token)
        elif b.layer < 0:
            title = t("network.back_embedding", t=b.t, token=token)
        elif tr.spec.bidirectional:
            title = t("network.back_run", layer=b.layer, dir=_direction(b.direction), t=b.t, token=token)
        else:
            title = t("network.back_layer", layer=b.layer, t=b.t, token=token)
        pages.append(Page("backward", title, [Section(_ops(b.ops, conv, explainer), title)], t=b.t))
    return pages


def summary(tr, precision: int) -> Section:
    if tr.spec.task == "classify":
        pred = tr.predictions()[0]
        return Section([Note(t("network.class_prediction", label=pred, p=fmt_scalar(float(np.max(tr.p)), precision))
                             if pred is not None else t("forward.prediction_none")),
                        Note(t("network.total_classify", label=tr.label, loss=fmt_scalar(tr.loss, precision)),
                             "strong")], t("forward.summary"))
    tb = table(*[(t(f"forward.col.{key}"), j) for key, j in (
        ("t", "right"), ("token", "left"), ("prediction", "left"), ("target", "left"), ("loss", "right"))],
        title=t("forward.summary"), style="framed")
    preds = tr.predictions()
    rows = sample(tr.T, 40) if tr.T > 40 else range(1, tr.T + 1)
    for n in rows:
        i = n - 1
        mark = "" if tr.targets[i] is None or preds[i] is None else (" ✓" if preds[i] == tr.targets[i] else " ✗")
        tb.rows.append(row(str(n), tr.sentence[i], (preds[i] or "—") + mark, tr.targets[i] or "—",
                           fmt_scalar(None if tr.targets[i] is None else float(tr.losses[i]), precision)))
    total = (Note(t("forward.total", loss=fmt_scalar(tr.loss, precision)), "strong") if tr.loss is not None
             else Note(t("forward.no_loss"), "detail"))
    return Section([tb, total])


def grads_section(tr, conv: str, precision: int) -> Section:
    blocks: list = []
    if tr.summary:
        tb = table((t("bptt.col.param"), "left"), (t("bptt.col.shape"), "left"), (t("bptt.col.grad_norm"), "right"))
        for n, g in tr.grads.items():
            tb.rows.append(row(f"∂L/∂{n}", dims(shape(g, conv)), fmt_scalar(norm(float(np.linalg.norm(g)), g), precision)))
        blocks.append(tb)
    else:
        blocks.append(Grid([matrix(f"∂L/∂{n} ({dims(shape(v, conv))})", v, conv, "result", grad(tr.params.symbol(n)))
                            for n, v in tr.grads.items()]))
    if "E" in tr.grads:
        occur = set(tr.sentence)
        present = [w for w in tr.vocab if w in occur]
        absent = [w for w in tr.vocab if w not in occur]  # their rows are 0: nothing looked them up
        col = "" if conv == "row" else "_column"  # E is d×V there: a word is a column
        blocks.append(Note(t("network.grad_E" + col, words=", ".join(present), absent=", ".join(absent)) if absent
                           else t("network.grad_E_all" + col, V=len(tr.vocab)), "info"))
    return Section(blocks, t("bptt.grads", T=tr.T))


def warnings(tr) -> Section | None:
    """Where inf or nan first appear: the forward values (bptt's sentence), the gradients."""
    nf = tr.nonfinite
    fw = {k.split(":", 1)[1]: v for k, v in nf.items() if k.startswith("forward:")}
    blocks = []
    if fw:
        blocks.append(Note(t("bptt.nonfinite.forward", t=min(fw.values()), names=", ".join(sorted(fw, key=fw.get))),
                           "error"))
    grads = [k.split(":", 1)[1] for k in nf if k.startswith("grad:")]
    if grads:
        key = "bptt.nonfinite.grads_forward" if fw else "network.nonfinite.grads"
        blocks.append(Note(t(key, names=", ".join(grads)), "error"))
    return Section(blocks) if blocks else None


def ledger_section(tr, precision: int) -> Section:
    """‖∂h_last/∂h_k‖ for each layer and direction, against the distance (a bar chart, log scale)."""
    blocks: list = []
    for row_ in tr.runs:
        for r in row_:
            T = len(r.order)
            rows, values = [], []
            logs = r.log10_products_at(np.array([T - d for d in sample(T)]))
            for d, v in zip(sample(T), logs):
                k = T - d
                rows.append([str(d), str(r.state_time(k)), fmt_log(v, precision)])
                values.append([v])
            last = int(r.order[-1]) + 1
            title = (t("network.ledger_run", layer=r.layer, dir=_direction(r.direction), last=last)
                     if tr.spec.bidirectional else t("network.ledger_layer", layer=r.layer, last=last))
            blocks.append(Note(title, "strong"))
            blocks.append(Chart(["|Δt|", "t", t("bptt.chart.norm")], rows, values, [""]))
    if tr.T > len(sample(tr.T)):
        blocks.append(Note(t("bptt.chart.sampled", n=len(sample(tr.T)), T=tr.T), "detail"))
    return Section(blocks, t("network.ledger"))


def sum_section(tr, precision: int) -> Section:
    """--at t: per layer and direction, step k's part of ∂L^(t)/∂(its recurrent matrices) against
    k (log scale), and the size of their sum, ∂L^(t)/∂W_h· itself. One way, only k ≤ t (the later
    steps add exactly 0); with a backward direction every k."""
    S = tr.sums
    at, T = S.t, tr.T
    blocks: list = [Note(t("network.sum.weights", names=", ".join(S.weights), t=at), "detail"),
                    Note(t("network.sum.formula", t=at))]
    last = T if tr.spec.bidirectional else at
    ks = sample(last)
    for r in S.runs:
        title = (t("network.sum.run", layer=r.layer, dir=_direction(r.direction), t=at) if tr.spec.bidirectional
                 else t("network.sum.layer", layer=r.layer, t=at))
        blocks.append(Note(title, "strong"))
        rows, values = [], []
        for k in reversed(ks):
            rows.append([str(k), str(abs(at - k)), fmt_log(r.log10_term[k - 1], precision)])
            values.append([r.log10_term[k - 1]])
        blocks.append(Chart([t("bptt.sum.col.k"), "|t−k|", t("bptt.sum.col.term")], rows, values, [""]))
        total = norm(float(np.sqrt(sum(np.sum(g * g) for g in r.totals.values()))), *r.totals.values())
        blocks.append(Note(t("network.sum.total", t=at, names=", ".join(r.totals), norm=fmt_scalar(total, precision))))
    if len(ks) < last:
        blocks.append(Note(t("bptt.chart.sampled", n=len(ks), T=last), "detail"))
    if any(r.direction == "forward" and r.log10_term[0] == -np.inf for r in S.runs):
        blocks.append(Note(t("bptt.sum.h0"), "detail"))
    if any(r.direction == "backward" and r.log10_term[T - 1] == -np.inf for r in S.runs):
        blocks.append(Note(t("network.sum.h_end", T=T), "detail"))
    blocks.append(Note(t("network.sum.both" if tr.spec.bidirectional else "network.sum.oneway", t=at), "detail"))
    return Section(blocks, t("bptt.sum.title", t=at))


def build(tr, conv: str = "row", precision: int = 4, view: View = View()) -> Document:
    explainer = Explainer(view.explain)
    title = t("bptt.title", title=tr.title) if tr.command == "bptt" else tr.title
    pages = [Page("opening", title, [header(tr, conv), params(tr, conv)])]
    if not tr.summary:
        pages += forward_pages(tr, conv, precision, view, explainer)
    closing = [summary(tr, precision)]
    if tr.grads is not None:
        if not tr.summary:
            pages += backward_pages(tr, conv, view, explainer)
        closing += [grads_section(tr, conv, precision), gradcheck_section(tr, precision)]
        warn = warnings(tr)
        if warn is not None:
            closing.append(warn)
        closing.append(ledger_section(tr, precision))
        if tr.sums is not None:
            closing.append(sum_section(tr, precision))
    pages.append(Page("closing", title, closing))
    return Document(tr.command, title, pages, conv, precision, get_lang(), tr.T)


# ---- --compare -----------------------------------------------------------------------------------------
def compare_section(traces, precision: int, explainer: Explainer = Explainer(False)) -> Section:
    """Per layer and direction, the three cells' ‖∂s_last/∂s_k‖ against the distance on one log
    axis; then each cell's loss, the size of its whole gradient, and the lecture's reason."""
    first = traces[0]
    labels = [tr.cell + (" (torch)" if tr.spec.gru_variant == "torch" else "") for tr in traces]
    blocks: list = []
    T = first.T
    dist = sample(T)
    for j, r0 in enumerate(r for row_ in first.runs for r in row_):
        runs = [[r for row_ in tr.runs for r in row_][j] for tr in traces]
        title = (t("network.ledger_run", layer=r0.layer, dir=_direction(r0.direction), last=int(r0.order[-1]) + 1)
                 if first.spec.bidirectional else t("network.ledger_layer", layer=r0.layer, last=int(r0.order[-1]) + 1))
        blocks.append(Note(title, "strong"))
        rows = [[str(d), str(r0.state_time(T - d))] for d in dist]
        values = [[r.log10_products[T - d] for r in runs] for d in dist]
        blocks.append(Chart(["|Δt|", "t"], rows, values, labels))
        blocks += network_explanation(explainer, "chart", T)
        for r, label in zip(runs, labels):
            end = r.log10_products[0]
            blocks.append(Note(t("network.cmp.line", cell=label, T=T, end=fmt_log(end, precision),
                                 factor=fmt_ratio(pow10(end / T)))))
        blocks += network_explanation(explainer, "factor", T)
    if len(dist) < T:
        blocks.append(Note(t("bptt.chart.sampled", n=len(dist), T=T), "detail"))
    tb = table(("", "left"), *((label, "right") for label in labels), style="framed")
    tb.rows.append(row("L", *(fmt_scalar(tr.loss, precision) for tr in traces)))
    tb.rows.append(row(formula("‖∂L/∂θ‖"), *(fmt_scalar(norm(float(np.sqrt(sum(np.sum(g * g) for g in tr.grads.values()))), *tr.grads.values()), precision)
                                   for tr in traces)))
    blocks += [tb, *network_explanation(explainer, "table", T), Note(t("bptt.cmp.explain"))]
    return Section(blocks)


def build_compare(traces, conv: str = "row", precision: int = 4, view: View = View()) -> Document:
    """The network (the rnn's header: the shape the three cells share), then the curves."""
    first = traces[0]
    title = t("bptt.cmp.title")
    head = header(first, conv, [t("network.cmp.cells")] + facts(first)[1:])
    head.blocks.insert(0, Note(t("bptt.cmp.state"), "detail"))
    if first.spec.scale != 1.0:
        head.blocks.append(Note(t("network.cmp.scale", s=f"{first.spec.scale:g}")))
    if traces[-1].spec.forget_bias is not None:
        head.blocks.append(Note(t("network.cmp.forget_bias", b=f"{traces[-1].spec.forget_bias:g}")))
    pages = [Page("opening", title, [head]), Page("closing", title, [compare_section(traces, precision, Explainer(view.explain))])]
    return Document("bptt", title, pages, conv, precision, get_lang(), first.T)
