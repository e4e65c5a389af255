"""``rnntrace bptt`` as rich renderables.

Short sentences: header, parameters, the forward pass in one table, one section per backward
step (t = T … 1), the gradients, the gradient check, and last (so it is what stays on the
screen) the Jacobian ledger: every J^(i), the products ∂h^(T)/∂h^(k), the chart, the bound and
the lecture's sum. Long sentences: the same without the per-step sections and matrices.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from rnntrace import explain
from rnntrace.cells import BACK
from rnntrace.i18n import t
from rnntrace.notation import dims, fmt_array, fmt_number, fmt_scalar, is_gradient, shape, statement, write
from rnntrace.render.forward_rich import op_equation, op_heading, params_section
from rnntrace.render.matrix import (BAD_STYLE, NAME_STYLE, RESULT_STYLE, SHAPE_STYLE, Block, BlockGrid,
                                    Equation, matrix_lines, segments)
from rnntrace.trace import Had, Op, Outer, Sym

GOOD, WARN = "green", "yellow"
BAR_STYLE, BOUND_STYLE = "cyan", "magenta"
EIGHTHS = " ▏▎▍▌▋▊▉█"
CHART_ROWS = 16  # distances shown when there are more


# ---- numbers ----------------------------------------------------------------------------------------
def fmt_log(x: float, precision: int) -> str:
    """A number given by its log10: 0.0358 as such, 1e-3506 as ``7.834e-3507`` (never 0 or inf)."""
    if x != x:
        return "nan"
    if x == -math.inf:
        return t("bptt.chart.zero")
    if x == math.inf:
        return "inf"
    if -2.0 <= x < 5.0:
        return fmt_number(10.0 ** x, precision)
    d = max(precision - 1, 1)
    e = math.floor(x)
    m = 10.0 ** (x - e)
    if round(m, d) >= 10.0:
        m, e = m / 10.0, e + 1
    return f"{m:.{d}f}e{e:+03d}"


def fmt_pow(e: int) -> str:
    return f"1e{e:+d}" if e else "1"


def fmt_share(x: float, positive: bool = False) -> str:
    """A share of a sum; ``positive``: the part is not 0 even if it underflows to 0 here.
    A sum of zeros has no shares: "—"."""
    if x != x:
        return "—"
    if x == 0 and not positive:
        return "0%"
    if x < 0.001:
        return "<0.1%"
    return f"{100 * x:.1f}%"


def per_step(logs) -> float:
    """The average factor per step of ‖∂h^(T)/∂h^(k)‖: the slope of the chart's line from
    distance 1 to distance T (``logs[k]`` is log10 of the norm at k = 0 … T−1)."""
    T = len(logs)
    first, last = float(logs[T - 1]), float(logs[0])
    if T == 1:
        return 10.0 ** first if math.isfinite(first) else (0.0 if first == -math.inf else math.nan)
    if not (math.isfinite(first) and math.isfinite(last)):
        return 0.0 if last == -math.inf and math.isfinite(first) else math.nan
    return 10.0 ** ((last - first) / (T - 1))


def _ratio(x: float) -> str:
    """A factor like 0.6123 or 3.2e+05, three significant digits."""
    if x != x:
        return "nan"
    return f"{x:.3g}" if 1e-3 <= abs(x) < 1e5 else f"{x:.2e}"


# ---- a log-scale bar chart ----------------------------------------------------------------------------
@dataclass
class LogChart:
    """Rows of text columns, then one bar column per series, on one shared log10 axis.

    ``marks`` (optional) puts a │ at a log10 value on each row's first bar (the bound)."""

    headers: list[str]
    rows: list[list[str]]
    values: list[list[float]]  # per row, one log10 per series
    series: list[str]
    marks: list[float] | None = None
    justify: list[str] | None = None

    def _axis(self) -> tuple[int, int]:
        vals = [v for row in self.values for v in row if math.isfinite(v)]
        vals += [m for m in (self.marks or []) if math.isfinite(m)]
        if not vals:
            return -1, 0
        lo, hi = math.floor(min(vals)), math.ceil(max(vals))
        if hi <= lo:
            hi = lo + 1
        return lo, hi

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        ncol = len(self.headers)
        widths = [max([len(self.headers[j])] + [len(r[j]) for r in self.rows]) for j in range(ncol)]
        justify = self.justify or ["right"] * ncol
        used = sum(widths) + 2 * ncol
        n = len(self.series)
        bar_w = max(10, (options.max_width - used - 1 - 2 * (n - 1)) // n)
        lo, hi = self._axis()
        span = hi - lo

        def pad(s: str, w: int, j: str) -> str:
            return s.rjust(w) if j == "right" else s.ljust(w)

        out = []
        head = [("  ".join(pad(h, w, j) for h, w, j in zip(self.headers, widths, justify)) + "  ", "bold")]
        axis = [(" " * used, "")]
        for k, name in enumerate(self.series):
            label = f"{name}: " if n > 1 else ""
            left, right = fmt_pow(lo), fmt_pow(hi)
            title = (label + left).ljust(bar_w - len(right)) + right
            head.append((title[:bar_w].ljust(bar_w) + ("  " if k < n - 1 else ""), "bold"))
            axis.append(("┬" + "─" * (bar_w - 2) + "┬" + ("  " if k < n - 1 else ""), SHAPE_STYLE))
        out += [head, axis]
        for r, (texts, vals) in enumerate(zip(self.rows, self.values)):
            row = [("  ".join(pad(s, w, j) for s, w, j in zip(texts, widths, justify)) + "  ", "")]
            for k, v in enumerate(vals):
                mark = self.marks[r] if (self.marks is not None and k == 0) else None
                row += self._bar(v, lo, span, bar_w, mark)
                if k < n - 1:
                    row.append(("  ", ""))
            out.append(row)
        yield from segments(out, console)

    @staticmethod
    def _bar(v: float, lo: int, span: int, width: int, mark: float | None):
        if not math.isfinite(v):
            word = t("bptt.chart.zero") if v == -math.inf else ("inf" if v == math.inf else "nan")
            return [(word.ljust(width), SHAPE_STYLE if v == -math.inf else BAD_STYLE)]
        eighths = int(round((v - lo) / span * width * 8))
        eighths = max(0, min(width * 8, eighths))
        full, part = divmod(eighths, 8)
        bar = "█" * full + (EIGHTHS[part] if part else "")
        cells = list(bar.ljust(width))
        if mark is not None and math.isfinite(mark):
            pos = min(width - 1, max(0, int(round((mark - lo) / span * width)) - 1))
            if pos >= len(bar.rstrip()):
                cells[pos] = "│"
                return [("".join(cells[:pos]), BAR_STYLE), ("│", BOUND_STYLE), ("".join(cells[pos + 1:]), "")]
        return [("".join(cells), BAR_STYLE)]


def sample(n: int, rows: int = CHART_ROWS) -> list[int]:
    """Which of 1 … n to show: all of them, or ``rows`` evenly spaced ones with both ends."""
    if n <= rows:
        return list(range(1, n + 1))
    return sorted({int(round(x)) for x in np.linspace(1, n, rows)})


# ---- ops -------------------------------------------------------------------------------------------------
def _transposed_label(e) -> str:
    return f"{e.name}ᵀ" if isinstance(e, Sym) else f"({write(e)})ᵀ"


def op_block(op: Op, conv: str, precision: int):
    """The operands and the result side by side; ⊙ with any number of factors; an outer product
    with its left factor as a column."""
    named = op.target is not None and not is_gradient(op.target.name)  # a contribution is not the total
    label = write(op.target if named else op.expr, conv)
    result = Block(label, matrix_lines(op.value, precision, conv), RESULT_STYLE)
    if isinstance(op.expr, Outer):
        (ea, va), (eb, vb) = op.operands
        col = Block(_transposed_label(ea) if conv == "row" else write(eb, conv),
                    matrix_lines(va if conv == "row" else vb, precision, "column"))
        row = Block(write(eb, conv) if conv == "row" else _transposed_label(ea),
                    matrix_lines(vb if conv == "row" else va, precision, "row"))
        return Equation([col, row, result], ["·", "="])
    if isinstance(op.expr, Had):
        blocks = [Block(write(e, conv), matrix_lines(v, precision, conv)) for e, v in op.operands]
        return Equation(blocks + [result], ["⊙"] * (len(blocks) - 1) + ["="])
    return op_equation(op, conv, precision)


# ---- sections -----------------------------------------------------------------------------------------------
def _cell_facts(tr) -> list[str]:
    facts = [t(f"common.cell.{tr.cell}"), t("common.hidden_lstm" if tr.cell == "lstm" else "common.hidden",
                                             H=tr.hidden_size)]
    if tr.cell == "rnn" and tr.activation != "tanh":
        facts.append(t("common.activation", act=tr.activation))
    return facts


def header(tr, conv: str, precision: int) -> RenderableType:
    lines: list[RenderableType] = [Text(t("bptt.subtitle"))]
    if tr.description:
        lines.append(Text(tr.description))
    lines.append(Text(" · ".join(_cell_facts(tr))))
    if tr.cell == "gru":
        lines.append(Text(t(f"forward.gru.{tr.gru_variant}")))
    vocab = Text(t("common.vocab", V=len(tr.vocab)) + ": ")
    for i, w in enumerate(tr.vocab):
        vocab.append(f"{i}:", SHAPE_STYLE)
        vocab.append(w + ("  " if i < len(tr.vocab) - 1 else ""), NAME_STYLE)
    lines.append(vocab)
    if tr.T <= 12:
        lines.append(Text(t("bptt.sentence", T=tr.T, words=" ".join(tr.sentence))))
    else:
        lines.append(Text(t("bptt.sentence_long", T=tr.T, words=" ".join(tr.sentence[:8]), more=tr.T - 8)))
    lines.append(Text(t(f"common.conv.{conv}"), SHAPE_STYLE))
    lines.append(Text(t("bptt.loss_def")))
    lines.append(Text(""))
    lines.append(Text(t("bptt.equations"), "bold underline"))
    for op in tr.template:
        if op.target is not None:
            lines.append(Text("  " + statement(op, conv)))
    lines.append(Text(t("bptt.delta.rnn" if tr.cell == "rnn" else "bptt.delta.gated"), SHAPE_STYLE))
    if tr.cell == "lstm":
        lines.append(Text(t("bptt.state.lstm"), SHAPE_STYLE))
    return Panel(Group(*lines), title=Text(t("bptt.title", title=tr.title), "bold"), title_align="left",
                 expand=False)


def _table(*columns: tuple[str, str]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold")
    for name, justify in columns:
        table.add_column(Text(name), justify=justify, no_wrap=True)
    return table


def _vector(v, precision: int) -> str:
    return "[" + " ".join(fmt_array(v, precision)[0]) + "]"


def forward_section(tr, conv: str, precision: int) -> RenderableType:
    table = _table((t("bptt.col.t"), "right"), (t("bptt.col.token"), "left"), (t("bptt.col.target"), "left"),
                   ("h_t", "left"), (t("bptt.col.p_target"), "right"), (t("bptt.col.loss"), "right"))
    P, vocab = tr.values["p"], tr.vocab
    for i, (tok, tgt) in enumerate(zip(tr.sentence, tr.targets)):
        pt = fmt_scalar(float(P[i][vocab.index(tgt)]), precision) if tgt else "—"
        loss = fmt_scalar(float(tr.losses[i]), precision) if tgt else "—"
        table.add_row(*(Text(c) for c in (str(i + 1), tok, tgt or "—", _vector(tr.values["h"][i], precision), pt, loss)))
    total = (Text(t("bptt.total", loss=fmt_scalar(tr.loss, precision)), "bold") if tr.loss is not None
             else Text(t("bptt.no_loss"), SHAPE_STYLE))
    return Group(Rule(Text(t("bptt.forward"), "bold"), align="left"), table, total)


def step_section(tr, s, conv: str, precision: int, shown: set) -> RenderableType:
    title = (t("bptt.step_target", t=s.t, token=s.token, target=s.target) if s.target
             else t("bptt.step", t=s.t, token=s.token))
    parts: list[RenderableType] = [Rule(Text(title, "bold"), align="left")]
    if s.zero:
        parts.append(Text(t("bptt.zero_last" if s.t == tr.T else "bptt.zero_mid", t=s.t), SHAPE_STYLE))
        return Group(*parts)
    back_h = BACK["s" if tr.cell == "lstm" else "h"][0]

    def note(key: str, style: str = "italic") -> None:
        if key not in shown:
            shown.add(key)
            parts.append(Text(t(key), style))

    for op in s.ops:
        name = op.target.name if op.target else None
        if name and name.startswith("∂L/∂b_"):
            parts.append(Text(statement(op, conv), SHAPE_STYLE))
            continue
        if op.expr == Sym("0"):
            parts.append(Text(f"{name} = 0: {t('bptt.no_target_dy')}", "bold"))
            continue
        parts.append(op_heading(op, conv))
        parts.append(op_block(op, conv, precision))
        if name == "∂L/∂y_t":
            if not explain.explains(op, conv):  # --explain says the same under the op already
                note("bptt.why.dy")
        elif name == "∂L/∂h_t":
            if s.t == tr.T:
                note("bptt.why.dh_last")
            elif not explain.explains(op, conv):  # --explain's sum of paths says it already
                note("bptt.why.dh")
        elif name == back_h:
            if tr.cell == "gru":
                note("bptt.why.z")
            note("bptt.why.back_lstm" if tr.cell == "lstm" else f"bptt.why.back.{conv}")
        elif name == BACK["c"][0]:
            note("bptt.why.memory")
    parts.append(Text(t("bptt.running", t=s.t, T=tr.T), "bold"))
    parts.append(BlockGrid([Block(f"∂L/∂{n}", matrix_lines(v, precision, conv)) for n, v in s.totals.items()]))
    return Group(*parts)


def grads_section(tr, conv: str, precision: int) -> RenderableType:
    items = [Block(f"∂L/∂{n} ({dims(shape(v, conv))})", matrix_lines(v, precision, conv), RESULT_STYLE)
             for n, v in tr.grads.items()]
    parts: list[RenderableType] = [Rule(Text(t("bptt.grads", T=tr.T), "bold"), align="left"), BlockGrid(items)]
    if tr.implicit_zero:
        parts.append(Text(t("bptt.grads.implicit", names=", ".join(tr.implicit_zero)), SHAPE_STYLE))
    return Group(*parts)


def grad_norms_section(tr, conv: str, precision: int) -> RenderableType:
    """Long runs: one row per parameter instead of its matrix."""
    table = _table((t("bptt.col.param"), "left"), (t("bptt.col.shape"), "left"), (t("bptt.col.grad_norm"), "right"))
    for n, g in tr.grads.items():
        with np.errstate(all="ignore"):
            norm = float(np.linalg.norm(g))
        table.add_row(Text(f"∂L/∂{n}"), Text(dims(shape(g, conv))),
                      Text(fmt_scalar(norm, precision), BAD_STYLE if not math.isfinite(norm) else ""))
    return Group(Rule(Text(t("bptt.grads", T=tr.T), "bold"), align="left"), table)


def gradcheck_section(tr, precision: int) -> RenderableType:
    from rnntrace.bptt import GRADCHECK_BUDGET, GRADCHECK_BUDGET_FORCED, GRADCHECK_MAX

    gc = tr.gradcheck
    if gc is None:
        if tr.gradcheck_cost is not None:
            return Text(t("bptt.gc.off_cost", cost=f"{tr.gradcheck_cost:.1e}", budget=f"{GRADCHECK_BUDGET:.0e}",
                          forced=f"{GRADCHECK_BUDGET_FORCED:.0e}"), SHAPE_STYLE)
        return Text(t("bptt.gc.off", max=GRADCHECK_MAX), SHAPE_STYLE)
    parts: list[RenderableType] = [Rule(Text(t("bptt.gc.title", eps=f"{gc.eps:g}"), "bold"), align="left"),
                                   Text(t("bptt.gc.formula"), SHAPE_STYLE)]
    table = _table((t("bptt.col.param"), "left"), (t("bptt.gc.col.analytic"), "right"),
                   (t("bptt.gc.col.numeric"), "right"), (t("bptt.gc.col.rel"), "right"), ("", "left"))
    for pc in gc.params:
        mark = "✓" if pc.within_tolerance else "≈" if pc.within_resolution else "✗"
        table.add_row(Text(pc.name), Text(fmt_scalar(pc.norm_analytic, precision)),
                      Text(fmt_scalar(pc.norm_numeric, precision)), Text(f"{pc.rel_error:.1e}"),
                      Text(mark, GOOD if pc.confirmed else BAD_STYLE))
    parts.append(table)
    worst = gc.max_rel_error
    if worst < 1e-6:
        parts.append(Text(t("bptt.gc.ok", max=f"{worst:.1e}"), GOOD))
    elif gc.confirmed:
        for pc in gc.params:
            if pc.within_resolution:
                parts.append(Text(t("bptt.gc.resolution", name=pc.name, norm=f"{pc.norm_analytic:.1e}",
                                    err=f"{pc.abs_error:.1e}", res=f"{pc.resolution:.1e}"), SHAPE_STYLE))
        parts.append(Text(t("bptt.gc.ok_resolution"), GOOD))
    else:
        bad = [pc.name for pc in gc.params if not pc.confirmed]
        parts.append(Text(t("bptt.gc.bad", names=", ".join(bad)), BAD_STYLE))
        if tr.loss is None or not math.isfinite(tr.loss) or worst != worst:
            parts.append(Text(t("bptt.gc.nonfinite"), WARN))
        elif tr.cell == "rnn" and tr.activation == "relu":
            parts.append(Text(t("bptt.gc.relu"), WARN))
    return Group(*parts)


def jacobian_formula(tr, conv: str) -> str:
    W = "W_hhᵀ" if conv == "row" else "W_hh"
    if tr.cell == "rnn":
        slope = {"tanh": "1 − h^(i)²", "sigmoid": "h^(i) ⊙ (1 − h^(i))", "relu": "𝟙[a^(i) > 0]"}[tr.activation]
        return f"J^(i) = diag({slope})·{W}"
    if tr.cell == "gru":
        return "J^(i) = diag(z^(i)) + diag(h^(i−1) − h̃^(i))·∂z^(i)/∂h^(i−1) + diag(1 − z^(i))·∂h̃^(i)/∂h^(i−1)"
    return "J^(i) = [∂h^(i)/∂h^(i−1)  ∂h^(i)/∂c^(i−1); ∂c^(i)/∂h^(i−1)  ∂c^(i)/∂c^(i−1)]"


def ledger_size(tr) -> int:
    """How many sections ``ledger`` returns (``--step`` shows them as one closing page)."""
    return 3 + (not tr.summary) + (tr.paths is not None and not tr.summary) + (tr.sums is not None)


def opening_size(tr) -> int:
    """Header and parameters, and the forward table in the step-by-step view."""
    return 2 if tr.summary else 3


def ledger(tr, conv: str, precision: int) -> list[RenderableType]:
    """The last screen: Jacobians, products, chart, bound, paths, the lecture's sum."""
    lstm = tr.cell == "lstm"
    T = tr.T
    out: list[RenderableType] = []
    jac_title = t("bptt.jac.title_lstm" if lstm else "bptt.jac.title", T=T)
    parts: list[RenderableType] = [Rule(Text(jac_title, "bold"), align="left"),
                                   Text.assemble(jacobian_formula(tr, conv),
                                                 ("    " + t("bptt.jac.layout_lstm" if lstm else "bptt.jac.layout"),
                                                  SHAPE_STYLE))]
    if lstm:
        H = tr.hidden_size
        parts.append(Text(t("bptt.jac.lstm_blocks", H=H, H1=H + 1, S=2 * H), SHAPE_STYLE))
    if tr.cell == "gru":
        parts.append(Text(t("bptt.jac.gru_direct"), SHAPE_STYLE))
    if not tr.summary:
        parts.append(BlockGrid([
            Block(t("bptt.jac.label", i=i, norm=fmt_log(tr.log10_jacobian_norms[i - 1], precision)),
                  matrix_lines(tr.jacobians[i - 1], precision, "row")) for i in range(1, T + 1)], gap=2))
    out.append(Group(*parts))
    if not tr.summary:
        prod_title = t("bptt.prod.title_lstm" if lstm else "bptt.prod.title", T=T, last=T - 1)
        out.append(Group(Rule(Text(prod_title, "bold"), align="left"), BlockGrid([
            Block(t("bptt.prod.label", k=k, norm=fmt_log(tr.products.log10_norm[k], precision)),
                  matrix_lines(tr.products.matrix(k), precision, "row")) for k in range(T - 1, -1, -1)], gap=2)))
    out.append(chart_section(tr, precision))
    out.append(bound_section(tr, precision))
    if tr.paths is not None and not tr.summary:
        out.append(paths_section(tr, precision))
    if tr.sums is not None:
        out.append(sum_section(tr, precision))
    return out


def chart_section(tr, precision: int) -> RenderableType:
    T = tr.T
    lstm = tr.cell == "lstm"
    dist = sample(T)
    logs = tr.products.log10_norm
    rows, values, marks = [], [], []
    b = tr.bound
    headers = ["T−k", "k", t("bptt.chart.norm")] + ([t("bptt.chart.bound")] if b else [])
    for d in dist:
        k = T - d
        row = [str(d), str(k), fmt_log(logs[k], precision)]
        if b:
            mark = d * b.log10_rate if math.isfinite(b.log10_rate) else b.log10_rate
            row.append(fmt_log(mark, precision))
            marks.append(mark)
        rows.append(row)
        values.append([logs[k]])
    title = t("bptt.chart.title_lstm" if lstm else "bptt.chart.title", T=T)
    parts: list[RenderableType] = [Rule(Text(title, "bold"), align="left"),
                                   LogChart(headers, rows, values, [""], marks if b else None)]
    notes = []
    if b:
        notes.append(t("bptt.chart.bound_mark"))
    if len(dist) < T:
        notes.append(t("bptt.chart.sampled", n=len(dist), T=T))
    if T > 1 and np.all(np.isfinite(logs)):
        factor = per_step(logs)
        steps = np.diff(logs[::-1])  # change of log10 norm per unit of distance
        steady = np.all(steps <= 0) or np.all(steps >= 0)
        key = "bptt.uneven" if not steady else ("bptt.geometric" if factor < 1 else "bptt.geometric_up")
        notes.append(t(key, factor=_ratio(factor)))
    if notes:
        parts.append(Text(" ".join(notes), SHAPE_STYLE))
    if tr.summary:
        parts.append(figures(tr, precision))
    return Group(*parts)


def figures(tr, precision: int) -> RenderableType:
    """The summary view's key figures."""
    T, logs, lj = tr.T, tr.products.log10_norm, tr.log10_jacobian_norms
    table = _table(("", "left"), ("", "right"))
    table.show_header = False
    table.add_row(Text(t("bptt.fig.loss")), Text(fmt_scalar(tr.loss, precision)))
    sym = "s" if tr.cell == "lstm" else "h"
    table.add_row(Text(t("bptt.fig.first", T=T, k=T - 1, s=sym)), Text(fmt_log(logs[T - 1], precision)))
    table.add_row(Text(t("bptt.fig.last", T=T, s=sym)), Text(fmt_log(logs[0], precision)))
    if T > 1 and math.isfinite(logs[0]) and math.isfinite(logs[T - 1]):
        table.add_row(Text(t("bptt.fig.rate")), Text(_ratio(per_step(logs))))
    with np.errstate(all="ignore"):
        ok = np.where(np.isnan(lj), -np.inf, lj)
        if np.any(np.isfinite(ok)):
            i_max, i_min = int(np.argmax(ok)), int(np.argmin(np.where(np.isnan(lj), np.inf, lj)))
            table.add_row(Text(t("bptt.fig.jmax", i=i_max + 1)), Text(fmt_log(lj[i_max], precision)))
            table.add_row(Text(t("bptt.fig.jmin", i=i_min + 1)), Text(fmt_log(lj[i_min], precision)))
        norms = {n: float(np.linalg.norm(g)) for n, g in tr.grads.items()}
    name = max(norms, key=lambda n: -1.0 if norms[n] != norms[n] else norms[n])
    table.add_row(Text(t("bptt.fig.grad", name=name)), Text(fmt_scalar(norms[name], precision)))
    if tr.paths is not None:
        gate = tr.paths.gate
        key = "bptt.cmp.gate_z" if gate == "z" else "bptt.cmp.gate_f"
        table.add_row(Text(t(key, mean="").strip("; =").strip()), Text(fmt_scalar(float(np.mean(tr.paths.gate_values)), precision)))
        if tr.paths.log10_memory_products is not None:
            table.add_row(Text(t("bptt.chart.memory", T=T).replace("(k)", "(0)")),
                          Text(fmt_log(tr.paths.log10_memory_products[0], precision)))
    return Group(Text(t("bptt.figures"), "bold"), table)


def bound_section(tr, precision: int) -> RenderableType:
    b = tr.bound
    title = Rule(Text(t("bptt.bound.title"), "bold"), align="left")
    if b is None:
        return Group(title, Text(t("bptt.bound.gated")))
    scaled = t("bptt.bound.scaled", s=f"{tr.scale:g}") if tr.scale != 1.0 else ""
    rate = b.gamma * b.sigma_max
    parts: list[RenderableType] = [
        title,
        Text(t("bptt.bound.values", sigma=fmt_scalar(b.sigma_max, precision), scaled=scaled,
               gamma=f"{b.gamma:g}", act=tr.activation, rate=fmt_scalar(rate, precision))),
        Text(t("bptt.bound.holds") if b.holds else t("bptt.bound.fails"), GOOD if b.holds else BAD_STYLE)]
    logs = tr.products.log10_norm
    if b.vanishing:
        parts.append(Text(t("bptt.bound.vanishing")))
    else:
        parts.append(Text(t("bptt.bound.could_explode")))
        if logs[0] > 0 or logs[0] != logs[0]:
            parts.append(Text(t("bptt.bound.exploding", T=tr.T, norm=fmt_log(logs[0], precision)), WARN))
        else:
            from rnntrace.cells import ACTIVATIONS

            with np.errstate(all="ignore"):
                slope = float(np.mean(ACTIVATIONS[tr.activation][1](tr.values["a"], tr.values["h"])))
            parts.append(Text(t("bptt.bound.saturated", slope=fmt_scalar(slope, precision), gamma=f"{b.gamma:g}")))
    return Group(*parts)


def paths_section(tr, precision: int) -> RenderableType:
    p = tr.paths
    mean = fmt_scalar(float(np.mean(p.gate_values)), precision)
    if p.gate == "z":
        table = _table(("i", "right"), (t("bptt.paths.col.direct_z"), "right"), (t("bptt.paths.col.total_gru"), "right"))
        for i in range(tr.T):
            table.add_row(str(i + 1), fmt_log(p.log10_direct[i], precision), fmt_log(p.log10_total[i], precision))
        return Group(Text(t("bptt.paths.gru", mean=mean)), table)
    table = _table(("i", "right"), (t("bptt.paths.col.direct_f"), "right"), (t("bptt.paths.col.total_lstm"), "right"),
                   (t("bptt.paths.col.hidden"), "right"))
    for i in range(tr.T):
        table.add_row(str(i + 1), fmt_log(p.log10_direct[i], precision), fmt_log(p.log10_total[i], precision),
                      fmt_log(p.log10_hidden[i], precision))
    return Group(Text(t("bptt.paths.lstm", mean=mean)), table)


def sum_section(tr, precision: int) -> RenderableType:
    s = tr.sums
    at = s.t
    parts: list[RenderableType] = [Rule(Text(t("bptt.sum.title", t=at), "bold"), align="left"),
                                   Text(t("bptt.sum.formula", t=at)),
                                   Text(t("bptt.sum.weights", names=", ".join(s.weights), t=at), SHAPE_STYLE)]
    with np.errstate(all="ignore"):
        finite = np.isfinite(s.log10_term)
        top = np.max(s.log10_term[finite]) if finite.any() else 0.0
        # shares of the sum of the sizes, from the logs (a term of 1e-3000 is a share of 0, not nan)
        sizes = np.where(finite, 10.0 ** (s.log10_term - top), np.where(s.log10_term == -np.inf, 0.0, np.nan))
        shares = sizes / np.sum(sizes) if np.sum(sizes) > 0 else sizes * np.nan
    ks = sample(at)  # k = 1 … t (sampled when long)
    prod_col = t("bptt.sum.col.prod_lstm" if tr.cell == "lstm" else "bptt.sum.col.prod")
    headers = [t("bptt.sum.col.k"), t("bptt.sum.col.dist"), prod_col, t("bptt.sum.col.term"), t("bptt.sum.col.share")]
    rows, values = [], []
    for k in reversed(ks):
        i = k - 1
        rows.append([str(k), str(at - k), fmt_log(s.log10_product[i], precision),
                     fmt_log(s.log10_term[i], precision), fmt_share(shares[i], bool(finite[i]))])
        values.append([s.log10_term[i]])
    parts.append(LogChart(headers, rows, values, [""]))
    if len(ks) < at:
        parts.append(Text(t("bptt.chart.sampled", n=len(ks), T=at), SHAPE_STYLE))
    if s.log10_term[0] == -np.inf:
        parts.append(Text(t("bptt.sum.h0"), SHAPE_STYLE))
    if at >= 3 and np.all(np.isfinite(shares)):
        d = max(2, at // 2)
        # distance t − k ≥ d means k ≤ t − d: the first t − d terms (k = 1 … t − d)
        far = float(np.sum(shares[: at - d]))
        far_text = fmt_share(far, bool(np.any(finite[: at - d])))
        near = fmt_share(shares[at - 1], bool(finite[at - 1]))
        if far < 0.1:
            parts.append(Text(t("bptt.sum.verdict", t=at, near=near, d=d, far=far_text)))
        elif far < shares[at - 1]:
            parts.append(Text(t("bptt.sum.verdict_near", t=at, near=near, d=d, far=far_text)))
        else:
            parts.append(Text(t("bptt.sum.verdict_far", d=d, far=far_text), WARN))
    return Group(*parts)


def warnings_section(tr) -> RenderableType | None:
    nf = tr.nonfinite
    lines = []
    fw = {k.split(":", 1)[1]: v for k, v in nf.items() if k.startswith("forward:")}
    if fw:
        first = min(fw.values())
        lines.append(Text(t("bptt.nonfinite.forward", t=first, names=", ".join(sorted(fw, key=fw.get))), BAD_STYLE))
    if "jacobian" in nf and np.any(np.isnan(tr.products.log10_norm)):
        lines.append(Text(t("bptt.nonfinite.norms", t=nf["jacobian"]), BAD_STYLE))
    gr = [k.split(":", 1)[1] for k in nf if k.startswith("grad:")]
    if gr:
        key = "bptt.nonfinite.grads_forward" if fw else "bptt.nonfinite.grads"
        lines.append(Text(t(key, names=", ".join(gr)), BAD_STYLE))
    return Group(*lines) if lines else None


def render(tr, conv: str = "row", precision: int = 4) -> list[RenderableType]:
    out: list[RenderableType] = [header(tr, conv, precision), params_section(tr, conv, precision)]
    if not tr.summary:
        out.append(forward_section(tr, conv, precision))
        shown: set = set()
        out += [step_section(tr, s, conv, precision, shown) for s in tr.steps]
        out.append(grads_section(tr, conv, precision))
    else:
        out.append(grad_norms_section(tr, conv, precision))
    out.append(gradcheck_section(tr, precision))
    warn = warnings_section(tr)
    if warn is not None:
        out.append(warn)
    out += ledger(tr, conv, precision)
    return out
