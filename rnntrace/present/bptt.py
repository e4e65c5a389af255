"""``rnntrace bptt`` as a Document.

The opening: header, parameters and (step-by-step view) the forward pass in one table. One page
per backward step (t = T … 1). The closing: the gradients and their check, then the Jacobian
ledger (every J^(i), the products ∂h^(T)/∂h^(k), the chart, the bound and the lecture's sum),
last so it is what stays on the screen. Long sentences (the summary view): no backward pages and
no matrices in the ledger. Every figure comes from the trace's ``analysis``.
"""
from __future__ import annotations

import math

import numpy as np

from rnntrace.cells import H_T, Y, ZERO, grad, param
from rnntrace.document import Cell, Chart, Document, Formula, Grid, Heading, Matrix, Note, Page, Section, View
from rnntrace.explain import Explainer, identity
from rnntrace.i18n import formula, get_lang, join, t
from rnntrace.notation import (dims, fmt_array, fmt_log, fmt_ratio, fmt_scalar, fmt_share, norm_label, shape, transposed,
                               write)
from rnntrace.present import forward as fwd
from rnntrace.present.common import matrix, operation, row, table, vocab_line
from rnntrace.trace import Had, Outer, Sym

CHART_ROWS = 16  # distances shown when there are more


def sample(n: int, rows: int = CHART_ROWS) -> list[int]:
    """Which of 1 … n to show: all of them, or ``rows`` evenly spaced ones with both ends."""
    if n <= rows:
        return list(range(1, n + 1))
    return sorted({int(round(x)) for x in np.linspace(1, n, rows)})


def _table(*columns: tuple[str, str]):
    """bptt's tables keep each cell on one line (a vector is cut short, not broken over lines)."""
    return table(*columns, nowrap=True)


def cell_facts(tr) -> list[str]:
    facts = [t(f"common.cell.{tr.cell}"), t("common.hidden_lstm" if tr.unit.memory else "common.hidden",
                                             H=tr.hidden_size)]
    if "activation" in tr.unit.options and tr.activation != "tanh":
        facts.append(t("common.activation", act=tr.activation))
    return facts


def sentence_line(tr) -> Note:
    if tr.T <= 12:
        return Note(t("bptt.sentence", T=tr.T, words=" ".join(tr.sentence)))
    return Note(t("bptt.sentence_long", T=tr.T, words=" ".join(tr.sentence[:8]), more=tr.T - 8))


def header(tr, conv: str) -> Section:
    blocks: list = [Note(t("bptt.subtitle"))]
    if tr.description:
        blocks.append(Note(tr.description))
    blocks.append(Note(join(" · ", cell_facts(tr))))
    if tr.gru_variant is not None:
        blocks.append(Note(t(f"forward.gru.{tr.gru_variant}")))
    blocks += [vocab_line(tr.vocab), sentence_line(tr), Note(t(f"common.conv.{conv}"), "detail"),
               Note(t("bptt.loss_def")), Note(""), Heading(t("bptt.equations"), 1)]
    off = Explainer(False)
    blocks += [Formula(o.statement, o.expr, o.target, indent=2)
               for o in (operation(op, conv, off, numbers=False) for op in tr.template) if o.target is not None]
    blocks.append(Note(t("bptt.delta.gated" if tr.unit.gated else "bptt.delta.rnn"), "detail"))
    if tr.unit.memory:
        blocks.append(Note(t("bptt.state.lstm"), "detail"))
    return Section(blocks, t("bptt.title", title=tr.title), framed=True)


def _vector(v, precision: int) -> str:
    return "[" + " ".join(fmt_array(v, precision)[0]) + "]"


def forward_section(tr, precision: int) -> Section:
    tb = _table((t("bptt.col.t"), "right"), (t("bptt.col.token"), "left"), (t("bptt.col.target"), "left"),
               (formula("h_t"), "left"), (t("bptt.col.p_target"), "right"), (t("bptt.col.loss"), "right"))
    pt = tr.analysis.p_target
    for i, (tok, tgt) in enumerate(zip(tr.sentence, tr.targets)):
        tb.rows.append(row(str(i + 1), tok, tgt or "—", _vector(tr.values["h"][i], precision),
                           fmt_scalar(float(pt[i]), precision) if tgt else "—",
                           fmt_scalar(float(tr.losses[i]), precision) if tgt else "—"))
    total = (Note(t("bptt.total", loss=fmt_scalar(tr.loss, precision)), "strong") if tr.loss is not None
             else Note(t("bptt.no_loss"), "detail"))
    return Section([tb, total], t("bptt.forward"))


def step_title(s) -> str:
    return (t("bptt.step_target", t=s.t, token=s.token, target=s.target) if s.target
            else t("bptt.step", t=s.t, token=s.token))


def _bias_grad(what) -> bool:
    """Whether a symbol's key is a bias's gradient, ∂L/∂b_·."""
    match what:
        case ("grad", ("param", name)):
            return name.startswith("b_")
    return False


def slide_derivative(tr, conv: str, precision: int) -> str | None:
    """The slide's «la derivada será W_hh», named where the tool computes the derivative (the
    lecture's example, Elman cell): what J^(i) is, the slopes on this trace, the transpose."""
    if not (tr.slide and not tr.unit.gated and tr.analysis.slope_range is not None):
        return None
    lo, hi = tr.analysis.slope_range
    W = "W_hhᵀ" if conv == "row" else "W_hh"
    text = t("bptt.slide.derivative", formula=jacobian_formula(tr, conv))
    text += " " + (t("bptt.slide.slope_one", W=W) if lo == hi == 1.0 else
                   t("bptt.slide.slope", lo=fmt_scalar(lo, precision), hi=fmt_scalar(hi, precision)))
    return text + (" " + t("bptt.slide.transposed") if conv == "row" else "")


def step_section(tr, s, conv: str, explainer: Explainer, shown: set, precision: int = 4) -> Section:
    """One backward step: each op with its numbers, a note on why the first time an op of its
    kind appears (``shown``: the notes said so far), and the running totals."""
    blocks: list = []
    if s.zero:
        blocks.append(Note(t("bptt.zero_last" if s.t == tr.T else "bptt.zero_mid", t=s.t), "detail"))
        return Section(blocks, step_title(s))
    back_h = ("back", tr.unit.state_symbol)

    def note(key: str) -> None:
        if key not in shown:
            shown.add(key)
            blocks.append(Note(t(key), "info"))

    for op in s.ops:
        name = op.target.name if op.target else None
        what = identity(op.target)  # what the op computes, whatever it is called on screen
        if _bias_grad(what):  # a bias's contribution is δ itself: the statement says it all
            blocks.append(operation(op, conv, explainer, numbers=False))
            continue
        if identity(op.expr) == ZERO.key:
            blocks.append(Note(f"{name} = 0: {t('bptt.no_target_dy')}", "strong"))
            continue
        if isinstance(op.expr, (Outer, Had)):  # said once for the run, not under every step's product
            o = operation(op, conv, explainer, numbers=True)
            o.explanation = None
            if isinstance(op.expr, Outer):
                o.explanation = explainer.once("formula_weight_grad")
            elif what == ("delta", "a") and tr.activation == "tanh":
                o.explanation = explainer.once("formula_tanh_grad")
            blocks.append(o)
        else:
            blocks.append(operation(op, conv, explainer))
        if what == grad(Y).key:
            if not explainer.covers(op, conv):  # --explain says the same under the op already
                note("bptt.why.dy")
        elif what == grad(H_T).key:
            if s.t == tr.T:
                note("bptt.why.dh_last")
            elif not explainer.covers(op, conv):  # --explain's sum of paths says it already
                note("bptt.why.dh")
        elif what == back_h:
            if tr.unit.path_gate == "z":
                note("bptt.why.z")
            note("bptt.why.back_lstm" if tr.unit.memory else f"bptt.why.back.{conv}")
            slip = slide_derivative(tr, conv, precision)
            if slip and "bptt.slide.derivative" not in shown:
                shown.add("bptt.slide.derivative")
                blocks.append(Note("ℹ " + slip, "info"))
        elif what == ("back", "c"):
            note("bptt.why.memory")
    blocks.append(Note(t("bptt.running", t=s.t, T=tr.T), "strong"))
    blocks.append(Grid([matrix(f"∂L/∂{n}", v, conv, expr=grad(param(n))) for n, v in s.totals.items()]))
    return Section(blocks, step_title(s))


def grads_section(tr, conv: str) -> Section:
    items = [matrix(f"∂L/∂{n} ({dims(shape(v, conv))})", v, conv, "result", grad(param(n)))
             for n, v in tr.grads.items()]
    blocks: list = [Grid(items)]
    if tr.implicit_zero:
        blocks.append(Note(t("bptt.grads.implicit", names=", ".join(tr.implicit_zero)), "detail"))
    return Section(blocks, t("bptt.grads", T=tr.T))


def grad_norms_section(tr, conv: str, precision: int) -> Section:
    """Long runs: one row per parameter instead of its matrix."""
    tb = _table((t("bptt.col.param"), "left"), (t("bptt.col.shape"), "left"), (t("bptt.col.grad_norm"), "right"))
    for n, g in tr.grads.items():
        norm = tr.analysis.grad_norms[n]
        tb.rows.append(row(f"∂L/∂{n}", dims(shape(g, conv)),
                           Cell(fmt_scalar(norm, precision), "" if math.isfinite(norm) else "error")))
    return Section([tb], t("bptt.grads", T=tr.T))


def gradcheck_section(tr, precision: int) -> Section:
    from rnntrace.bptt import GRADCHECK_BUDGET, GRADCHECK_BUDGET_FORCED, GRADCHECK_MAX

    gc = tr.gradcheck
    if gc is None:
        if tr.gradcheck_cost is not None:
            return Section([Note(t("bptt.gc.off_cost", cost=f"{tr.gradcheck_cost:.1e}", budget=f"{GRADCHECK_BUDGET:.0e}",
                                   forced=f"{GRADCHECK_BUDGET_FORCED:.0e}"), "detail")])
        return Section([Note(t("bptt.gc.off", max=GRADCHECK_MAX), "detail")])
    from rnntrace.gradcheck import LEVELS  # a check ran, so its module is loaded already

    blocks: list = [Note(t("bptt.gc.formula"), "detail")]
    tb = _table((t("bptt.col.param"), "left"), (t("bptt.gc.col.entries"), "right"),
                (t("bptt.gc.col.analytic"), "right"), (t("bptt.gc.col.numeric"), "right"),
                (t("bptt.gc.col.rel"), "right"), ("", "left"))
    marks = {"confirmed": "✓", "within_resolution": "≈", "not_checked": "—", "failed": "✗"}
    for pc in gc.params:
        entries = str(pc.entries) if not pc.sampled else t("bptt.gc.sampled_of", k=pc.checked, n=pc.entries)
        role = "error" if pc.status == "failed" else "success" if pc.confirmed else ""
        tb.rows.append(row(formula(pc.name), entries, fmt_scalar(pc.norm_analytic, precision),
                           fmt_scalar(pc.norm_numeric, precision), f"{pc.rel_error:.1e}", Cell(marks[pc.status], role)))
    blocks.append(tb)
    sampled = [pc for pc in gc.params if pc.sampled]
    if sampled:
        blocks.append(Note(t("bptt.gc.sampled", names=", ".join(pc.name for pc in sampled),
                             k=max(pc.checked for pc in sampled)), "detail"))
    statuses = {pc.status for pc in gc.params}
    for pc in gc.params:
        if pc.status == "within_resolution":
            blocks.append(Note(t("bptt.gc.resolution", name=pc.name, norm=f"{pc.norm_analytic:.1e}",
                                 err=f"{pc.abs_error:.1e}", res=f"{pc.resolution:.1e}"), "detail"))
        elif pc.status == "not_checked":
            blocks.append(Note(t("bptt.gc.not_checked", name=pc.name, norm=f"{pc.norm_analytic:.1e}",
                                 num=f"{pc.norm_numeric:.1e}", res=f"{pc.resolution:.1e}"), "warning"))
    if statuses == {"confirmed"}:
        blocks.append(Note(t("bptt.gc.ok", max=f"{gc.max_rel_error:.1e}"), "success"))
    elif statuses <= {"confirmed", "within_resolution"}:
        blocks.append(Note(t("bptt.gc.ok_resolution"), "success"))
    elif "failed" not in statuses and statuses != {"not_checked"}:
        blocks.append(Note(t("bptt.gc.ok_partial"), "success"))
    elif "failed" in statuses:
        blocks.append(Note(t("bptt.gc.bad", names=", ".join(gc.failed)), "error"))
        if tr.loss is None or not math.isfinite(tr.loss) or gc.max_rel_error != gc.max_rel_error:
            blocks.append(Note(t("bptt.gc.nonfinite"), "warning"))
        elif tr.activation == "relu":  # only the Elman cell takes one
            blocks.append(Note(t("bptt.gc.relu"), "warning"))
    return Section(blocks, t("bptt.gc.title", eps=f"{gc.eps:g}", levels=LEVELS))


def jacobian_expr(tr, conv: str):
    """J^(i) as a tree: the row convention's gradient meets W_hhᵀ, the column one's W_hh."""
    W = param("W_hh")
    return tr.unit.jacobian_formula(transposed(W) if conv == "row" else W)


def jacobian_formula(tr, conv: str) -> str:
    return write(jacobian_expr(tr, conv), conv)


def _normed(head: Sym, key: str, norm: str, value, **kw) -> Matrix:
    """A matrix (drawn as stored) labelled with its name and its norm (``J^(1)  ‖·‖₂ = 0.7985``)."""
    text = t(key, norm=norm, **kw)
    return matrix(text, value, "row", expr=norm_label(head, norm, text))


def jacobians_section(tr, conv: str, precision: int, compact: bool = False) -> Section:
    lstm = tr.unit.memory
    jac = jacobian_expr(tr, conv)
    blocks: list = [Formula(write(jac, conv), jac, shapes=t("bptt.jac.layout_lstm" if lstm else "bptt.jac.layout"))]
    if lstm:
        H = tr.hidden_size
        blocks.append(Note(t("bptt.jac.lstm_blocks", H=H, H1=H + 1, S=2 * H), "detail"))
    if tr.unit.path_gate == "z":
        blocks.append(Note(t("bptt.jac.gru_direct"), "detail"))
    if not compact:
        blocks.append(Grid([_normed(Sym(f"J^({i})", None, f"J^{{({i})}}"), "bptt.jac.label",
                                    fmt_log(tr.log10_jacobian_norms[i - 1], precision), tr.jacobians[i - 1], i=i)
                            for i in range(1, tr.T + 1)], gap=2))
    return Section(blocks, t("bptt.jac.title_lstm" if lstm else "bptt.jac.title", T=tr.T))


def products_section(tr, precision: int) -> Section:
    T = tr.T
    title = t("bptt.prod.title_lstm" if tr.unit.memory else "bptt.prod.title", T=T, last=T - 1)
    blocks: list = [Grid([_normed(Sym(f"k = {k}", None, f"k={k}"), "bptt.prod.label",
                                  fmt_log(tr.products.log10_norm[k], precision), tr.products.matrix(k), k=k)
                          for k in range(T - 1, -1, -1)], gap=2)]
    order = tr.analysis.order
    if tr.slide and not tr.unit.gated and order is not None:  # the slide's t = 3 product, in its order
        blocks.append(Note("ℹ " + t("bptt.slide.order", T=T, a=T - 1, k=T - 2, right=fmt_log(order[0], precision),
                             wrong=fmt_log(order[1], precision)), "info"))
    return Section(blocks, title)


def chart_section(tr, precision: int, compact: bool = False) -> Section:
    T, a = tr.T, tr.analysis
    dist = sample(T)
    logs = tr.products.log10_norm
    rows, values, marks = [], [], []
    b = tr.bound
    headers = ["T−k", "k", t("bptt.chart.norm")] + ([t("bptt.chart.bound")] if b else [])
    for d in dist:
        k = T - d
        r = [str(d), str(k), fmt_log(logs[k], precision)]
        if b:
            mark = d * b.log10_rate if math.isfinite(b.log10_rate) else b.log10_rate
            r.append(fmt_log(mark, precision))
            marks.append(mark)
        rows.append(r)
        values.append([logs[k]])
    blocks: list = [Chart(headers, rows, values, [""], marks if b else None)]
    notes = []
    if b:
        notes.append(t("bptt.chart.bound_mark"))
    if len(dist) < T:
        notes.append(t("bptt.chart.sampled", n=len(dist), T=T))
    if a.decay is not None:
        key = {"uneven": "bptt.uneven", "down": "bptt.geometric", "up": "bptt.geometric_up"}[a.decay]
        notes.append(t(key, factor=fmt_ratio(a.per_step)))
    if notes:
        blocks.append(Note(join(" ", notes), "detail"))
    sv = a.survival
    if sv is not None and sv.survives:
        blocks.append(Note(t("bptt.survives", k1=T - 1, T=T, s=tr.state, first=tr.sentence[0], last=tr.sentence[T - 2],
                             min=fmt_log(sv.log10_smallest, precision), kmin=sv.k_smallest,
                             max=fmt_log(sv.log10_largest, precision), kmax=sv.k_largest), "info"))
    if compact:
        blocks += figures(tr, precision)
    return Section(blocks, t("bptt.chart.title_lstm" if tr.unit.memory else "bptt.chart.title", T=T))


def figures(tr, precision: int) -> list:
    """The summary view's key figures."""
    T, logs, lj, a = tr.T, tr.products.log10_norm, tr.log10_jacobian_norms, tr.analysis
    tb = _table(("", "left"), ("", "right"))
    tb.header = False
    sym = tr.state
    tb.rows.append(row(t("bptt.fig.loss"), fmt_scalar(tr.loss, precision)))
    tb.rows.append(row(t("bptt.fig.first", T=T, k=T - 1, s=sym), fmt_log(logs[T - 1], precision)))
    tb.rows.append(row(t("bptt.fig.last", T=T, s=sym), fmt_log(logs[0], precision)))
    if T > 1 and math.isfinite(logs[0]) and math.isfinite(logs[T - 1]):
        tb.rows.append(row(t("bptt.fig.rate"), fmt_ratio(a.per_step)))
    if a.jacobian_max is not None:
        tb.rows.append(row(t("bptt.fig.jmax", i=a.jacobian_max), fmt_log(lj[a.jacobian_max - 1], precision)))
        tb.rows.append(row(t("bptt.fig.jmin", i=a.jacobian_min), fmt_log(lj[a.jacobian_min - 1], precision)))
    tb.rows.append(row(t("bptt.fig.grad", name=a.largest_grad), fmt_scalar(a.grad_norms[a.largest_grad], precision)))
    if tr.paths is not None:
        key = "bptt.cmp.gate_z" if tr.paths.gate == "z" else "bptt.cmp.gate_f"
        tb.rows.append(row(t(key, mean="").strip("; =").strip(), fmt_scalar(a.gate_mean, precision)))
        if tr.paths.log10_memory_products is not None:
            tb.rows.append(row(t("bptt.chart.memory", T=T).replace("(k)", "(0)"),
                               fmt_log(tr.paths.log10_memory_products[0], precision)))
    return [Heading(t("bptt.figures"), 2), tb]


def bound_section(tr, precision: int) -> Section:
    b, a = tr.bound, tr.analysis
    title = t("bptt.bound.title")
    if b is None:
        return Section([Note(t("bptt.bound.gated"))], title)
    scaled = t("bptt.bound.scaled", s=f"{tr.scale:g}") if tr.scale != 1.0 else ""
    blocks: list = [
        Note(t("bptt.bound.values", sigma=fmt_scalar(b.sigma_max, precision), scaled=scaled,
               gamma=f"{b.gamma:g}", act=tr.activation, rate=fmt_scalar(a.bound_rate, precision),
               ge=t("bptt.bound.ge") if b.holds else "")),
        Note(t("bptt.bound.holds") if b.holds else t("bptt.bound.fails"), "success" if b.holds else "error")]
    logs = tr.products.log10_norm
    if b.vanishing:
        blocks.append(Note(t("bptt.bound.vanishing")))
    else:
        blocks.append(Note(t("bptt.bound.could_explode")))
        if logs[0] > 0:
            blocks.append(Note(t("bptt.bound.exploding", T=tr.T, norm=fmt_log(logs[0], precision)), "warning"))
            sh = a.sums
            if a.exploding == "dominate":
                blocks.append(Note(t("bptt.bound.dominate", t=tr.sums.t, dist=far_distances(sh),
                                     far=fmt_share(sh.far, sh.far_positive), near=fmt_share(sh.near, True)), "warning"))
            elif a.exploding == "nearest":
                blocks.append(Note(t("bptt.bound.nearest", t=tr.sums.t, near=fmt_share(sh.near, True))))
        elif a.shrinking is not None:
            key = {"saturated": "bptt.bound.saturated", "off": "bptt.bound.off", "ceiling": "bptt.bound.ceiling"}
            blocks.append(Note(t(key[a.shrinking], slope=fmt_scalar(a.mean_slope, precision), gamma=f"{b.gamma:g}")))
    return Section(blocks, title)


def paths_section(tr, precision: int) -> Section:
    p = tr.paths
    mean = fmt_scalar(tr.analysis.gate_mean, precision)
    if p.gate == "z":
        tb = _table(("i", "right"), (t("bptt.paths.col.direct_z"), "right"), (t("bptt.paths.col.total_gru"), "right"))
        for i in range(tr.T):
            tb.rows.append(row(str(i + 1), fmt_log(p.log10_direct[i], precision), fmt_log(p.log10_total[i], precision)))
        return Section([Note(t("bptt.paths.gru", mean=mean)), tb])
    tb = _table(("i", "right"), (t("bptt.paths.col.direct_f"), "right"), (t("bptt.paths.col.total_lstm"), "right"),
               (t("bptt.paths.col.hidden"), "right"))
    for i in range(tr.T):
        tb.rows.append(row(str(i + 1), fmt_log(p.log10_direct[i], precision), fmt_log(p.log10_total[i], precision),
                           fmt_log(p.log10_hidden[i], precision)))
    return Section([Note(t("bptt.paths.lstm", mean=mean)), tb])


def far_distances(sh) -> str:
    """The distances the far share counts: ``≥ d`` up to the first step, else ``d…d_max`` (the
    term k = 1, exactly 0 because h^(0) = 0, left out), or ``d`` alone."""
    if sh.d_max == len(sh.shares) - 1:
        return f"≥ {sh.d}"
    return f"{sh.d}" if sh.d_max == sh.d else f"{sh.d}…{sh.d_max}"


def sum_section(tr, precision: int) -> Section:
    s, sh = tr.sums, tr.analysis.sums
    at = s.t
    blocks: list = [Note(t("bptt.sum.formula", t=at)),
                    Note(t("bptt.sum.weights", names=", ".join(s.weights), t=at), "detail")]
    ks = sample(at)  # k = 1 … t (sampled when long)
    prod_col = t("bptt.sum.col.prod_lstm" if tr.unit.memory else "bptt.sum.col.prod")
    headers = [t("bptt.sum.col.k"), t("bptt.sum.col.dist"), prod_col, t("bptt.sum.col.term"), t("bptt.sum.col.share")]
    rows, values = [], []
    for k in reversed(ks):
        i = k - 1
        rows.append([str(k), str(at - k), fmt_log(s.log10_product[i], precision),
                     fmt_log(s.log10_term[i], precision), fmt_share(sh.shares[i], bool(sh.positive[i]))])
        values.append([s.log10_term[i]])
    blocks.append(Chart(headers, rows, values, [""]))
    if len(ks) < at:
        blocks.append(Note(t("bptt.chart.sampled", n=len(ks), T=at), "detail"))
    if s.log10_term[0] == -np.inf:
        blocks.append(Note(t("bptt.sum.h0"), "detail"))
    if sh.verdict == "h0":
        blocks.append(Note(t("bptt.sum.verdict_h0", t=at, d=sh.d), "verdict"))
    elif sh.verdict is not None:
        far = fmt_share(sh.far, sh.far_positive)
        near = fmt_share(sh.near, bool(sh.positive[at - 1]))
        dist = far_distances(sh)
        if sh.verdict == "small":
            blocks.append(Note(t("bptt.sum.verdict", t=at, near=near, dist=dist, far=far), "verdict"))
        elif sh.verdict == "near":
            blocks.append(Note(t("bptt.sum.verdict_near", t=at, near=near, dist=dist, far=far), "verdict"))
        else:
            blocks.append(Note(t("bptt.sum.verdict_far", dist=dist, far=far), "warning"))
    return Section(blocks, t("bptt.sum.title", t=at))


def warnings_section(tr) -> Section | None:
    nf = tr.nonfinite
    blocks = []
    fw = {k.split(":", 1)[1]: v for k, v in nf.items() if k.startswith("forward:")}
    if fw:
        first = min(fw.values())
        blocks.append(Note(t("bptt.nonfinite.forward", t=first, names=", ".join(sorted(fw, key=fw.get))), "error"))
    if "jacobian" in nf and np.any(np.isnan(tr.products.log10_norm)):
        blocks.append(Note(t("bptt.nonfinite.norms", t=nf["jacobian"]), "error"))
    gr = [k.split(":", 1)[1] for k in nf if k.startswith("grad:")]
    if gr:
        key = "bptt.nonfinite.grads_forward" if fw else "bptt.nonfinite.grads"
        blocks.append(Note(t(key, names=", ".join(gr)), "error"))
    return Section(blocks) if blocks else None


def ledger(tr, conv: str, precision: int, compact: bool = False) -> list[Section]:
    """Jacobians, products, chart, bound, paths, the lecture's sum; ``compact`` (the summary view,
    --brief) without the matrices, with the key figures."""
    out = [jacobians_section(tr, conv, precision, compact)]
    if not compact:
        out.append(products_section(tr, precision))
    out += [chart_section(tr, precision, compact), bound_section(tr, precision)]
    if tr.paths is not None and not compact:
        out.append(paths_section(tr, precision))
    if tr.sums is not None:
        out.append(sum_section(tr, precision))
    return out


def build(tr, conv: str = "row", precision: int = 4, view: View = View()) -> Document:
    """The opening, a page per backward step shown (none in the summary view or with --brief), the
    closing; --brief gives the summary view's closing (gradient norms, no matrices, key figures)."""
    explainer = Explainer(view.explain)
    compact = tr.summary or view.brief
    opening = [header(tr, conv), fwd.params(tr, conv, explainer)]
    pages = []
    if not tr.summary:
        opening.append(forward_section(tr, precision))
        shown: set = set()
        pages = [Page("backward", step_title(s), [step_section(tr, s, conv, explainer, shown, precision)], t=s.t)
                 for s in tr.steps if view.shows(s.t)]
    closing = [grad_norms_section(tr, conv, precision) if compact else grads_section(tr, conv)]
    closing.append(gradcheck_section(tr, precision))
    warn = warnings_section(tr)
    if warn is not None:
        closing.append(warn)
    closing += ledger(tr, conv, precision, compact)
    title = t("bptt.title", title=tr.title)
    return Document("bptt", title, [Page("opening", title, opening), *pages, Page("closing", title, closing)],
                    conv, precision, get_lang(), 0 if tr.summary else tr.T)  # the summary view has no step pages
