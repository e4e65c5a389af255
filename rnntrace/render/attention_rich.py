"""``rnntrace attention`` and ``rnntrace positional`` as rich renderables.

Only layout: every number comes from the trace (``attention_trace``, ``positional``); weight
tables are heat-coloured (the colour goes away when the output is not a terminal).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np
from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.panel import Panel
from rich.segment import Segment
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from rnntrace import explain
from rnntrace.attention_trace import RnnStep, Seq2SeqTrace, SelfAttentionTrace, position_labels
from rnntrace.i18n import t, tn
from rnntrace.notation import dims, fmt_array, fmt_number
from rnntrace.positional import PositionalComparison
from rnntrace.render.forward_rich import op_equation, op_heading
from rnntrace.render.matrix import NAME_STYLE, RESULT_STYLE, SHAPE_STYLE, Block, BlockGrid, matrix_lines
from rnntrace.trace import MatMul

MAX_SIN_COLUMNS = 6  # wider sinusoidal encodings show their first four and last two columns


def _more():
    """The newer seq2seq pieces (scores by kind, the output layer); imported when used, since that
    module builds on this one's widgets."""
    from rnntrace.render import attention_more_rich

    return attention_more_rich


def heat(w: float) -> str:
    """A weight's colour, from dim (≈ 0) to bold red (≥ 0.6)."""
    if not np.isfinite(w):
        return "bold red"
    return ("dim" if w < 0.05 else "" if w < 0.2 else "yellow" if w < 0.4
            else "bold dark_orange" if w < 0.6 else "bold red")


def short(x: float, precision: int) -> str:
    """A scalar with the fewest decimals that show it at ``precision``: 2, 1.4142."""
    return fmt_array(np.array([x]), precision)[0][0]


def rule(text: str) -> Rule:
    return Rule(Text(text, "bold"), align="left")


class Note(Text):
    """A line of text that, when it is wider than the console, wraps with a hanging indent: the
    continuation lines start two columns right of the first. Still a ``Text``, so ``--explain``
    and the document renderers read it as the one line it is."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lead = len(self.plain) - len(self.plain.lstrip(" "))
        body = self.divide([lead])[-1] if lead else self.copy()
        width = max(10, options.max_width - lead - 2)
        for k, line in enumerate(body.wrap(console, width)):
            line.rstrip()
            yield Segment(" " * (lead if k == 0 else lead + 2))
            yield from line.render(console)
            yield Segment.line()


def dim_line(text: str) -> Note:
    return Note(text, SHAPE_STYLE)


class WideTable(Table):
    """A table whose columns are chosen to fit the console: ``build(columns)`` makes it from a
    list of column indices; ``choices`` lists the column sets to try, widest first. When even the
    last does not fit, it is drawn as several tables one under the other, each with the row
    labels and the next columns that fit, so no number is ever cut short with "…".

    It is the first choice, whole, to everything that reads tables (``--explain``, LaTeX,
    Markdown); only drawing on a console picks the columns."""

    def __init__(self, build: Callable[[list[int]], Table], choices: list[list[int]]):
        super().__init__()
        self.__dict__.update(build(choices[0]).__dict__)
        self._build, self._choices = build, choices

    @staticmethod
    def _fits(console: Console, options: ConsoleOptions, table: Table) -> bool:
        natural = Measurement.get(console, options.update_width(100_000), table).maximum
        return natural <= options.max_width

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for k, cols in enumerate(self._choices):
            table = self if k == 0 else self._build(cols)
            if self._fits(console, options, table):
                yield from Table.__rich_console__(table, console, options)
                return
        cols = self._choices[-1]
        numbered = [c for c in cols if isinstance(c, int) and c >= 0]  # not "…", Σ_j or the largest α
        start = 0
        while start < len(cols):
            end = start + 1
            while end < len(cols) and self._fits(console, options, self._build(cols[start:end + 1])):
                end += 1
            shown = [c for c in cols[start:end] if isinstance(c, int) and c >= 0]
            if shown:  # which columns this piece holds, so a split table still reads as one
                yield from dim_line(t("attention.columns_range", lo=min(shown) + 1, hi=max(shown) + 1,
                                      n=max(numbered) + 1)).__rich_console__(console, options)
            yield from Table.__rich_console__(self._build(cols[start:end]), console, options)
            start = end


def table(*heads: tuple[str, str]) -> Table:
    """A plain table: a rule under the header, no frame. ``heads``: (header, justify)."""
    tb = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    for head, justify in heads:
        tb.add_column(Text(head), justify=justify)
    return tb


def sin_choices(d: int) -> list[list[int]]:
    """The column sets of a d-wide sinusoidal encoding to try, widest first (−1: the "…" column):
    every column up to d = 6; beyond, the first pairs and the last pair around "…"."""
    if d <= MAX_SIN_COLUMNS:
        return [list(range(d))]
    return [list(range(MAX_SIN_COLUMNS - 2)) + [-1, d - 2, d - 1], [0, 1, -1, d - 2, d - 1]]


def sin_header(i: int) -> str:
    """Column i of p_t, on two lines so the column is no wider than its numbers."""
    return "…" if i < 0 else f"{'sin' if i % 2 == 0 else 'cos'}\nω_{i // 2}·t"


def sin_table(labels: list[tuple[tuple[str, str], list[str | Text]]], P: np.ndarray, precision: int) -> WideTable:
    """Label columns (header and justification, one cell per row) then the columns of P that fit."""
    cells = fmt_array(P, precision)

    def build(cols: list[int]) -> Table:
        tb = table(*[head for head, _ in labels], *[(sin_header(i), "right") for i in cols])
        for row in range(P.shape[0]):
            tb.add_row(*[column[row] for _, column in labels],
                       *[("…" if i < 0 else cells[row][i]) for i in cols])
        return tb

    return WideTable(build, sin_choices(P.shape[1]))


def matrix_table(rows: list[str], cols: list[str], M: np.ndarray, precision: int, *,
                 weights: bool = False, hidden: np.ndarray | None = None,
                 row_sums: np.ndarray | None = None, top: np.ndarray | None = None,
                 corner: str = "") -> WideTable:
    """A labelled matrix: queries down, keys across. ``weights`` colours by value; ``hidden``
    entries (a mask) are shown as −∞ (scores) or dimmed (weights); ``row_sums`` adds Σ_j and
    ``top`` (one column index per row) the key each row weighs most. Too wide for the console,
    it is split by columns."""
    shown = np.where(hidden, 0.0, M) if hidden is not None else M
    cells = fmt_array(shown, precision)
    sums = fmt_array(row_sums, precision)[0] if row_sums is not None else None
    top = [t("attention.top_at", word=cols[int(j)], j=int(j) + 1) for j in top] if top is not None else None
    extra = (["sum"] if sums is not None else []) + (["top"] if top is not None else [])

    def cell(i: int, j: int | str) -> Text:
        if j == "sum":
            return Text(sums[i], "bold")
        if j == "top":
            return Text(top[i], NAME_STYLE)
        if hidden is not None and hidden[i, j]:
            return Text("0" if weights else "−∞", SHAPE_STYLE)
        return Text(cells[i][j], heat(float(M[i, j])) if weights else "")

    def build(which: list[int | str]) -> Table:
        tb = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
        tb.add_column(Text(corner), style=NAME_STYLE, justify="left")
        for j in which:
            if j == "sum":
                tb.add_column("Σ_j", justify="right", header_style="bold")
            elif j == "top":
                tb.add_column(Text(t("attention.col.top")), justify="left", header_style="bold")
            else:
                tb.add_column(Text(cols[j]), justify="right", header_style=NAME_STYLE)
        for i, label in enumerate(rows):
            tb.add_row(Text(label), *[cell(i, j) for j in which])
        return tb

    return WideTable(build, [list(range(len(cols))) + extra])


def labelled(name: str, labels: list[str], M: np.ndarray, precision: int, style: str = "") -> BlockGrid:
    """``name (n×d)`` over the matrix, one token label per row."""
    return BlockGrid([_token_block(labels), Block(f"{name} ({dims(M.shape)})", matrix_lines(M, precision), style)],
                     gap=2)


def _panel(title: str, lines: list[RenderableType]) -> Panel:
    return Panel(Group(*lines), title=Text(title, "bold"), title_align="left", expand=False)


# ---- self-attention --------------------------------------------------------------------------
def self_header(tr: SelfAttentionTrace, precision: int) -> RenderableType:
    r = tr.result
    lines: list[RenderableType] = []
    if tr.description:
        lines.append(Text(tr.description))
    facts = [tn("attention.facts.tokens", len(tr.tokens)), f"d_model = {r.X.shape[1]}",
             t("attention.facts.head" if r.n_heads == 1 else "attention.facts.heads", h=r.n_heads),
             f"d_k = {r.d_k}", f"d_v = {r.d_v}",
             t("attention.facts.mask_causal" if r.mask is not None else "attention.facts.mask_none")]
    lines.append(Text(" · ".join(facts)))
    lines.append(Text(""))
    lines.append(Text(t("attention.equations"), "bold underline"))
    if tr.positional == "sinusoidal":
        lines.append(Text("  X = E + P"))
        lines.append(Text("  p_t^(2k) = sin(ω_k t),  p_t^(2k+1) = cos(ω_k t),  ω_k = 1/10000^(2k/d)"))
    else:
        lines.append(Text("  X = E   " + t("attention.no_positional")))
    lines.append(Text("  Q = X·W_Q,   K = X·W_K,   V = X·W_V"))
    scaling = "√d_k" if r.scale else "1"
    if r.n_heads == 1:
        lines.append(Text(f"  A(Q, K, V) = softmax(Q·Kᵀ / {scaling})·V"))
    else:
        lines.append(Text(f"  head_h = softmax(Q_h·K_hᵀ / {scaling})·V_h,   h = 1 … {r.n_heads}"))
        lines.append(Text(f"  A = [head_1 | … | head_{r.n_heads}]·W_O"))
    if r.mask is not None:
        lines.append(Text("  " + t("attention.causal_rule")))
    if not r.scale:
        lines.append(Text(t("attention.no_scale_warning"), "yellow"))
    if tr.notes:
        lines.append(Text(""))
        lines.append(Text("ℹ " + tr.notes, "italic"))
    return _panel(tr.title, lines)


def self_inputs(tr: SelfAttentionTrace, precision: int) -> RenderableType:
    labels = tr.labels
    if tr.positional != "sinusoidal":
        return Group(rule(t("attention.inputs_none")), Text("X = E", "bold"),
                     labelled("X", labels, tr.X, precision, RESULT_STYLE))
    parts: list[RenderableType] = [rule(t("attention.inputs"))]
    words = [Text(w, NAME_STYLE) for w in tr.labels]
    parts.append(Text(t("attention.positional_title", n1=len(tr.tokens) - 1), "bold"))
    parts.append(sin_table([(("t", "right"), [str(int(p)) for p in tr.positions]), (("", "left"), words)],
                           tr.P, precision))
    omegas = ", ".join(f"ω_{k} = {short(w, precision)}" for k, w in enumerate(tr.omega))
    parts.append(dim_line("  " + omegas))
    parts.append(Text.assemble(("X = E + P", "bold"), (f"    E ({dims(tr.E.shape)}) + P ({dims(tr.P.shape)}) → "
                                                       f"({dims(tr.X.shape)})", SHAPE_STYLE)))
    mid = [("+" if k == (len(labels) - 1) // 2 else "") for k in range(len(labels))]
    eq = [("=" if k == (len(labels) - 1) // 2 else "") for k in range(len(labels))]
    parts.append(BlockGrid([_token_block(labels), Block(f"E ({dims(tr.E.shape)})", matrix_lines(tr.E, precision)),
                            Block("", mid), Block(f"P ({dims(tr.P.shape)})", matrix_lines(tr.P, precision))],
                           gap=1))
    parts.append(BlockGrid([_token_block(labels), Block("", eq),
                            Block(f"X ({dims(tr.X.shape)})", matrix_lines(tr.X, precision), RESULT_STYLE)],
                           gap=1))
    return Group(*parts)


def _token_block(labels: list[str]) -> Block:
    return Block("", labels, NAME_STYLE)


def self_projections(tr: SelfAttentionTrace, precision: int) -> RenderableType:
    r = tr.result
    parts: list[RenderableType] = [rule(t("attention.projections"))]
    mats = [("W_Q", r.W_Q), ("W_K", r.W_K), ("W_V", r.W_V)] + ([("W_O", r.W_O)] if r.W_O is not None else [])
    parts.append(BlockGrid([Block(f"{n} ({dims(m.shape)})", matrix_lines(m, precision)) for n, m in mats], gap=2))
    if tr.drawn:
        parts.append(dim_line(t("attention.drawn", seed=tr.seed, names=", ".join(tr.drawn),
                                d=r.X.shape[1])))
    products = Text()  # one Text for the three products, so an explanation goes under their numbers
    for name, W in (("Q", r.W_Q), ("K", r.W_K), ("V", r.W_V)):
        if products:
            products.append("\n")
        products.append(f"{name} = X·W_{name}", "bold")
        products.append(f"    X ({dims(r.X.shape)}) · W_{name} ({dims(W.shape)}) → "
                        f"({dims(getattr(r, name).shape)})", SHAPE_STYLE)
    parts.append(products)
    for group in (("Q", "K"), ("V",)):
        parts.append(BlockGrid([_token_block(tr.labels)] +
                               [Block(f"{n} ({dims(getattr(r, n).shape)})", matrix_lines(getattr(r, n), precision),
                                      RESULT_STYLE) for n in group], gap=2))
    if r.n_heads > 1:
        parts.append(dim_line(t("attention.split", h=r.n_heads, dk=r.d_k, dv=r.d_v)))
    return Group(*parts)


def head_section(tr: SelfAttentionTrace, h, precision: int) -> RenderableType:
    r = tr.result
    n = len(tr.tokens)
    sub = "" if r.n_heads == 1 else f"_{h.index}"
    parts: list[RenderableType] = []
    if r.n_heads > 1:
        parts.append(rule(t("attention.head", h=h.index, of=r.n_heads, lo=(h.index - 1) * r.d_k + 1,
                            hi=h.index * r.d_k, vlo=(h.index - 1) * r.d_v + 1, vhi=h.index * r.d_v)))
        parts.append(BlockGrid([_token_block(tr.labels)] +
                               [Block(f"{n_}{sub} ({dims(m.shape)})", matrix_lines(m, precision), RESULT_STYLE)
                                for n_, m in (("Q", h.Q), ("K", h.K))], gap=2))
        parts.append(BlockGrid([_token_block(tr.labels),
                                Block(f"V{sub} ({dims(h.V.shape)})", matrix_lines(h.V, precision), RESULT_STYLE)],
                               gap=2))
    else:
        parts.append(rule(t("attention.weights_rule")))
    q, k, v = f"Q{sub}", f"K{sub}", f"V{sub}"
    parts.append(Text.assemble((f"{q}·{k}ᵀ", "bold"), (f"    {q} ({dims(h.Q.shape)}) · {k}ᵀ ({dims(h.K.T.shape)}) → "
                                                        f"({dims(h.scores.shape)})", SHAPE_STYLE)))
    parts.append(dim_line("  " + t("attention.scores_rows")))
    parts.append(matrix_table(tr.labels, tr.labels, h.scores, precision, corner="q \\ k"))
    if r.scale:
        head = f"{q}·{k}ᵀ / √d_k = {q}·{k}ᵀ / {short(h.scaling, precision)}"
        explain = t("attention.scale_why", dk=r.d_k)
    else:
        head = f"{q}·{k}ᵀ / 1"
        explain = t("attention.no_scale_why", dk=r.d_k, root=short(np.sqrt(r.d_k), 2))
    if r.mask is not None:
        head += "   " + t("attention.masked_head")
    parts.append(Text(head, "bold"))
    parts.append(dim_line("  " + explain))
    if r.scale or r.mask is not None:  # otherwise the table would repeat Q·Kᵀ
        parts.append(matrix_table(tr.labels, tr.labels, h.scaled_scores, precision, hidden=r.mask,
                                  corner="q \\ k"))
    parts.append(Text(f"α = softmax({q}·{k}ᵀ / {'√d_k' if r.scale else '1'})" + " " + t("attention.row_by_row"), "bold"))
    parts.append(dim_line("  " + t("attention.softmax_rule")))
    parts.append(matrix_table(tr.labels, tr.labels, h.weights, precision, weights=True, hidden=r.mask,
                              row_sums=h.row_sums, top=h.argmax, corner="q \\ k"))
    out = f"head{sub}" if r.n_heads > 1 else "A"
    parts.append(Text.assemble((f"{out} = α·{v}", "bold"), (f"    α ({n}×{n}) · {v} ({dims(h.V.shape)}) → "
                                                           f"({dims(h.output.shape)})", SHAPE_STYLE)))
    parts.append(dim_line("  " + t("attention.output_rows")))
    parts.append(labelled(out, tr.labels, h.output, precision, RESULT_STYLE))
    return Group(*parts)


def query_section(tr: SelfAttentionTrace, h, i: int, precision: int) -> RenderableType:
    """Query i (0-based) of one head, worked out like the lecture's c_i: its score with every key,
    the scaling, the softmax and what it sums, and its output row as a weighted sum term by term."""
    r = tr.result
    n, I = len(tr.tokens), i + 1
    sub = "" if r.n_heads == 1 else f"_{h.index}"
    title = t("attention.query_rule", i=I, word=tr.tokens[i])
    if r.n_heads > 1:
        title += " · " + t("attention.query_head", h=h.index, of=r.n_heads)
    hidden = r.mask[i] if r.mask is not None else np.zeros(n, dtype=bool)
    div = "√d_k" if r.scale else "1"
    scaling = f", √d_k = {short(h.scaling, precision)}" if r.scale else ""
    parts: list[RenderableType] = [rule(title)]
    parts.append(Text.assemble((f"s_{{{I},j}} = q_{I} · k_j / {div}", "bold"),
                               (f"    q_{I} (1×{h.Q.shape[1]}) · K{sub}ᵀ ({dims(h.K.T.shape)}) → (1×{n}){scaling}",
                                SHAPE_STYLE)))
    parts.append(Text(f"α_{{{I},j}} = softmax_j(s_{{{I},j}}),   a_{I} = Σ_j α_{{{I},j}} v_j", "bold"))
    raw = fmt_array(h.scores, precision)[i]
    scaled = fmt_array(np.where(r.mask, 0.0, h.scaled_scores) if r.mask is not None else h.scaled_scores,
                       precision)[i]
    al = fmt_array(h.weights, precision)[i]
    terms = h.terms(i)  # (n, d_v)
    term_lines = matrix_lines(np.vstack([terms, h.output[i]]), precision)
    term_lines = [x.strip("⎡⎢⎣⎤⎥⎦") for x in term_lines]
    tb = table(("j", "right"), ("", "left"), (f"q_{I}·k_j", "right"), (f"s_{{{I},j}}", "right"),
               (f"α_{{{I},j}}", "right"), (f"α_{{{I},j}} v_j", "left"))
    tb.collapse_padding = True  # one space between columns, so a row of four-decimal terms fits 80 columns
    for j in range(n):
        word, last = Text(tr.labels[j], NAME_STYLE), j == n - 1
        if hidden[j]:
            tb.add_row(str(j + 1), word, Text(raw[j], SHAPE_STYLE), Text("−∞", SHAPE_STYLE),
                       Text("0", SHAPE_STYLE), Text(t("attention.masked_key"), SHAPE_STYLE), end_section=last)
        else:
            tb.add_row(str(j + 1), word, raw[j], scaled[j], Text(al[j], heat(float(h.weights[i, j]))),
                       f"[{term_lines[j]}]", end_section=last)
    tb.add_row("Σ_j", "", "", "", Text(short(float(h.row_sums[i]), precision), "bold"),
               Text(f"[{term_lines[-1]}]", RESULT_STYLE))
    parts.append(tb)
    out = f"head{sub}" if r.n_heads > 1 else "A"
    parts.append(dim_line("  " + t("attention.query_sum", i=I, out=out)))
    return Group(*parts)


def self_output(tr: SelfAttentionTrace, precision: int) -> RenderableType | None:
    r = tr.result
    if r.n_heads == 1:
        return None
    heads = " | ".join(f"head_{h.index}" for h in r.heads)
    parts: list[RenderableType] = [rule(t("attention.concat_rule"))]
    parts.append(Text.assemble((f"[{heads}]", "bold"), (f"    {r.n_heads} × ({len(tr.tokens)}×{r.d_v}) → "
                                                          f"({dims(r.concat.shape)})", SHAPE_STYLE)))
    parts.append(labelled("concat", tr.labels, r.concat, precision))
    parts.append(Text.assemble((f"A = [{heads}]·W_O", "bold"), (f"    ({dims(r.concat.shape)}) · W_O "
                                                                 f"({dims(r.W_O.shape)}) → ({dims(r.output.shape)})",
                                                                 SHAPE_STYLE)))
    parts.append(labelled("A", tr.labels, r.output, precision, RESULT_STYLE))
    return Group(*parts)


def saturation_section(tr: SelfAttentionTrace, precision: int) -> RenderableType | None:
    s = tr.saturation
    if s is None:
        return None
    tb = table(*[(t(f"attention.sat.{key}"), "right") for key in ("dk", "std", "scaled", "unscaled")], ("", "left"))
    std = fmt_array(s.score_std, 2)[0]
    ms, mu = fmt_array(s.max_weight_scaled, precision)[0], fmt_array(s.max_weight_unscaled, precision)[0]
    for k, d in enumerate(s.d_k):
        mark = Text(t("attention.sat.this", dk=int(d)), "bold") if int(d) == tr.result.d_k else ""
        tb.add_row(str(int(d)), std[k], ms[k], Text(mu[k], heat(float(s.max_weight_unscaled[k]))), mark)
    return Group(rule(t("attention.sat.rule")),
                 Text(t("attention.sat.explain", n=s.n_keys, trials=s.trials)), tb)


def self_footer(tr: SelfAttentionTrace, precision: int) -> RenderableType:
    r = tr.result
    worst = r.row_sum_error
    lines = [Text(t("attention.rows_sum", err=fmt_number(worst, 1, True) if worst else "0"), "bold")]
    if r.mask is not None:
        lines.append(Text(t("attention.masked_zero"), "bold"))
    if tr.nonfinite:
        lines.append(Text("⚠ " + t("attention.nonfinite", names=", ".join(tr.nonfinite)), "bold red"))
    return Group(*lines)


def render_self(tr: SelfAttentionTrace, precision: int = 4, per_query: bool = False) -> list[RenderableType]:
    """The sections in order; ``per_query`` (``--step``) adds, after each head's tables, one
    section per query row."""
    out = [self_header(tr, precision), self_inputs(tr, precision), self_projections(tr, precision)]
    for h in tr.result.heads:
        out.append(head_section(tr, h, precision))
        if per_query:
            out += [query_section(tr, h, i, precision) for i in range(len(tr.tokens))]
    out += [x for x in (self_output(tr, precision), saturation_section(tr, precision)) if x is not None]
    out.append(self_footer(tr, precision))
    return out


# ---- seq2seq ---------------------------------------------------------------------------------
def seq_header(tr: Seq2SeqTrace, precision: int) -> RenderableType:
    lines: list[RenderableType] = []
    if tr.description:
        lines.append(Text(tr.description))
    lines.append(Text(f"{' '.join(tr.source)}  →  {' '.join(tr.target)}", "bold"))
    lines.append(Text(" · ".join([t("attention.facts.elman"), f"H = {tr.hidden_size}"])))
    if tr.feed_context:
        lines.append(Text(t("attention.facts.fed")))
    lines.append(Text(t("attention.facts.source_vocab", words=" ".join(tr.source_vocab))))
    lines.append(Text(t("attention.facts.target_vocab", words=" ".join(tr.target_vocab))))
    lines.append(Text(""))
    lines.append(Text(t("attention.equations"), "bold underline"))
    lines.append(Text("  " + t("attention.eq.encoder")))
    lines.append(Text("    h^e_j = tanh(x_j·W_xh^e + h^e_{j−1}·W_hh^e + b_h^e),  h^e_0 = 0"))
    if tr.feed_context:
        lines.append(Text("  " + t("attention.eq.decoder_fed")))
        lines.append(Text("    h^d_i = tanh(y_{i−1}·W_xh^d + h^d_{i−1}·W_hh^d + c_i·W_ch^d + b_h^d)"))
    else:
        lines.append(Text("  " + t("attention.eq.decoder")))
        lines.append(Text("    h^d_i = tanh(y_{i−1}·W_xh^d + h^d_{i−1}·W_hh^d + b_h^d)"))
    lines.append(Text("    h^d_0 = h^e_n,  y_0 = <s>,  " + t("attention.eq.yi" if tr.decode == "teacher" else "attention.eq.greedy")))
    lines.append(Text("  " + t("attention.eq.attention")))
    lines.append(Text("    " + _more().SCORE_EQUATIONS[tr.score]))
    lines.append(Text("    α_{i,j} = softmax(score(h^d_{i−1}, h^e_j))"))
    lines.append(Text("    c_i = Σ_j α_{i,j} h^e_j"))
    lines.append(Text("  " + t("attention.eq.output", words=" ".join(tr.output_vocab))))
    lines.append(Text("    y_i = softmax([h^d_i ; c_i]·W_out + b_out),  loss_i = −log y_i[w_i]"))
    if tr.feed_context:
        lines.append(Text("  " + t("attention.eq.order")))
        lines.append(Text("    h^d_{i−1} → score → α_{i,·} → c_i → h^d_i → y_i"))
    if tr.notes:
        lines.append(Text(""))
        lines.append(Text("ℹ " + tr.notes, "italic"))
    return _panel(tr.title, lines)


def seq_params(tr: Seq2SeqTrace, precision: int) -> RenderableType:
    blocks = []
    for side, params in (("e", tr.encoder_params), ("d", tr.decoder_params)):
        for name, value in params.items():
            if f"{name}^{side}" not in tr.implicit_zero:
                blocks.append(Block(f"{name}^{side} ({dims(value.shape if value.ndim == 2 else (1, value.size))})",
                                    matrix_lines(value, precision)))
    parts: list[RenderableType] = [rule(t("forward.params")), BlockGrid(blocks), _more().output_params(tr, precision)]
    parts.append(dim_line(t("attention.rows_are", src=" ".join(tr.source_vocab), tgt=" ".join(tr.target_vocab))))
    if tr.drawn:
        parts.append(dim_line(t("forward.drawn", seed=tr.seed, names=", ".join(tr.drawn))))
    if tr.implicit_zero:
        parts.append(dim_line(t("forward.implicit_zero", names=", ".join(tr.implicit_zero))))
    if tr.unused:
        parts.append(dim_line(t("attention.unused", names=", ".join(tr.unused))))
    return Group(*parts)


def _is_context_term(s: RnnStep, op) -> bool:
    """The product c_i·W_ch^d of a decoder step fed its context."""
    return s.context is not None and isinstance(op.expr, MatMul) and op.expr.vec.name == f"c_{s.index}"


def _rnn_step(s: RnnStep, title: str, precision: int) -> Group:
    """The step's named values (a_t, h_t) with their shape lines; a decoder step fed its context
    shows the product c_i·W_ch^d before them (with --explain, why the decoder reads c_i)."""
    x = " ".join(fmt_array(s.x, 0)[0])
    parts: list[RenderableType] = [Text(title, "bold"),
                                   Text(f"  x_t = onehot(“{s.word}”) = [{x}]", SHAPE_STYLE)]
    for op in s.ops:
        if op.target is not None or _is_context_term(s, op):
            parts.append(op_heading(op, "row"))
            equation = op_equation(op, "row", precision)
            if _is_context_term(s, op) and explain.enabled():
                equation = replace(equation, note=t("attention.explain.feed_context", i=s.index))
            parts.append(equation)
    return Group(*parts)


def seq_encoder(tr: Seq2SeqTrace, precision: int) -> RenderableType:
    parts: list[RenderableType] = [rule(t("attention.encoder_rule", words=" ".join(tr.source)))]
    parts.append(dim_line(t("attention.encoder_names")))
    for s in tr.encoder:
        parts.append(_rnn_step(s, t("attention.encoder_step", j=s.index, word=s.word), precision))
    E = tr.attention.encoder_states
    parts.append(labelled("E = [h^e_1; …; h^e_n]", [f"h^e_{j}" for j in range(1, len(tr.source) + 1)], E,
                          precision, RESULT_STYLE))
    return Group(*parts)


def seq_decoder(tr: Seq2SeqTrace, precision: int) -> RenderableType:
    """The decoder's steps, all of them; fed its context, only h^d_0 and how the steps go (each
    step then follows the attention that gives its c_i, ``seq_fed_step``)."""
    title = t("attention.decoder_rule_fed" if tr.feed_context else "attention.decoder_rule")
    parts: list[RenderableType] = [rule(title)]
    n = len(tr.source)
    parts.append(Text.assemble((f"h^d_0 = h^e_{n} = ", "bold"),
                               (matrix_lines(tr.attention.decoder_states[0], precision)[0], RESULT_STYLE)))
    if tr.feed_context:
        parts.append(dim_line(t("attention.decoder_order")))
    if tr.decoder:
        parts.append(dim_line(t("attention.decoder_names")))
    if not tr.feed_context:
        for s in tr.decoder:
            parts.append(_rnn_step(s, t("attention.decoder_step", i=s.index, word=s.word), precision))
    return Group(*parts)


def seq_fed_step(tr: Seq2SeqTrace, i: int, precision: int) -> RenderableType:
    """Target word i, fed decoder: h^d_{i−1} scores the source and gives c_i, then decoder step i
    reads y_{i−1}, h^d_{i−1} and c_i."""
    s = tr.decoder[i - 1]
    return Group(seq_attention_step(tr, i, precision),
                 _rnn_step(s, t("attention.decoder_step_fed", i=i, word=s.word), precision))


def seq_attention_step(tr: Seq2SeqTrace, i: int, precision: int) -> RenderableType:
    a = tr.attention
    st = a.steps[i - 1]
    word = tr.target[i - 1]
    n, H = a.encoder_states.shape
    parts: list[RenderableType] = [rule(t("attention.target_rule", i=i, word=word, prev=i - 1))]
    parts += _more().score_lines(tr, i, precision)  # by --score, term by term
    sc = fmt_array(st.scores, precision)[0]
    al = fmt_array(st.weights, precision)[0]
    parts.append(Text.assemble((f"α_{{{i},·}} = softmax([{' '.join(sc)}]) = ", "bold"),
                               (f"[{' '.join(al)}]", RESULT_STYLE),
                               (f"    Σ_j α_{{{i},j}} = {short(float(a.row_sums[i - 1]), precision)}", SHAPE_STYLE)))
    parts.append(Text(f"c_{i} = Σ_j α_{{{i},j}} h^e_j", "bold"))
    for j in range(n):
        h_e = matrix_lines(a.encoder_states[j], precision)[0]
        term = matrix_lines(st.terms[j], precision)[0]
        parts.append(Text.assemble((f"  α_{{{i},{j + 1}}} h^e_{j + 1} = ", ""), (al[j], heat(float(st.weights[j]))),
                                   (f" · {h_e} = {term}", "")))
    parts.append(Text.assemble((f"  c_{i} = ", "bold"), (matrix_lines(st.context, precision)[0], RESULT_STYLE)))
    return Group(*parts)


def seq_alignment(tr: Seq2SeqTrace, precision: int) -> RenderableType:
    a = tr.attention
    tb = matrix_table(position_labels(tr.target), position_labels(tr.source), a.weights, precision, weights=True, row_sums=a.row_sums,
                      top=a.argmax, corner="i \\ j")
    lines: list[RenderableType] = [rule(t("attention.alignment")), tb,
                                   dim_line("  " + t("attention.alignment_rows"))]
    if tr.nonfinite:
        lines.append(Text("⚠ " + t("attention.nonfinite", names=", ".join(tr.nonfinite)), "bold red"))
    return Group(*lines)


def render_seq2seq(tr: Seq2SeqTrace, precision: int = 4) -> list[RenderableType]:
    """The sections in order. Fed its context, the decoder's steps are interleaved with the
    attention, in the order they are computed: c_i, then h^d_i."""
    out = [seq_header(tr, precision), seq_params(tr, precision), seq_encoder(tr, precision)]
    targets = range(1, len(tr.target) + 1)
    step = seq_fed_step if tr.feed_context else seq_attention_step  # then the output layer of word i
    steps = [Group(step(tr, i, precision), _more().output_section(tr, i, precision)) for i in targets]
    if tr.feed_context:  # the decoder's opening lines go with target word 1 (one --step page)
        out.append(Group(seq_decoder(tr, precision), Text(""), steps[0]))
        out += steps[1:]
    else:
        out.append(seq_decoder(tr, precision))
        out += steps
    out += [seq_alignment(tr, precision), _more().predictions_section(tr, precision)]
    return out


# ---- positional ------------------------------------------------------------------------------
def pos_header(c: PositionalComparison) -> RenderableType:
    lines = [Text(t("positional.intro")),
             Text(""),
             Text(t("positional.encodings"), "bold underline"),
             Text("  " + t("positional.eq.index")),
             Text("  " + t("positional.eq.binary", b=c.binary.shape[1], last=c.length - 1)),
             Text("  " + t("positional.eq.sinusoidal")),
             Text("    p_t^(2k) = sin(ω_k t),  p_t^(2k+1) = cos(ω_k t),  ω_k = 1/10000^(2k/d)"),
             Text("    " + t("positional.eq.k", last=c.dim // 2 - 1, half=c.dim // 2), SHAPE_STYLE),
             Text(""),
             Text(t("positional.wanted"), "bold underline"),
             Text("  " + t("positional.want.unique")),
             Text("  " + t("positional.want.bounded")),
             Text("  " + t("positional.want.relative"))]
    return _panel(t("positional.title", n=c.length, d=c.dim), lines)


def pos_table(c: PositionalComparison, precision: int) -> RenderableType:
    bits = ["".join(str(int(b)) for b in row) for row in c.binary]
    tb = sin_table([(("t", "right"), [str(int(p)) for p in c.positions]),
                    ((t("positional.col.index"), "right"), [str(int(x)) for x in c.index[:, 0]]),
                    ((t("positional.col.binary"), "right"), bits)], c.sinusoidal, precision)
    parts: list[RenderableType] = [Text(t("positional.table"), "bold"), tb]
    omegas = ", ".join(f"ω_{k} = {short(w, precision)}" for k, w in enumerate(c.omega[:4]))
    more = ", …" if len(c.omega) > 4 else ""
    parts.append(dim_line("  " + omegas + more))
    if c.dim > MAX_SIN_COLUMNS:
        parts.append(dim_line("  " + t("positional.columns_cut", d=c.dim)))
    return Group(*parts)


def _mark(ok: bool) -> Text:
    return Text("✓", "bold green") if ok else Text("✗", "bold red")


def pos_properties(c: PositionalComparison, precision: int) -> RenderableType:
    names = ("index", "binary", "sinusoidal")
    tb = table((t("positional.col.property"), "left"), *[(t(f"positional.col.{n}"), "right") for n in names])
    P = {n: c.props[n] for n in names}

    def spread(x: float) -> str:
        return fmt_number(x, 1, True) if 0 < x < 1e-4 else short(x, precision)

    tb.add_row(Text(t("positional.prop.unique")),
               *[Text.assemble(f"{short(P[n].unique.min_distance, precision)} (t={P[n].unique.s},{P[n].unique.t}) ",
                               _mark(P[n].unique.ok)) for n in names])
    tb.add_row(Text(t("positional.prop.bounded")),
               *[Text.assemble(f"[{short(P[n].bounds.min, 2)}, {short(P[n].bounds.max, 2)}] ",
                               _mark(P[n].bounds.ok)) for n in names])
    widths = {"index": 1, "binary": c.binary.shape[1], "sinusoidal": c.dim}
    tb.add_row(Text(t("positional.prop.width")), *[Text.assemble(f"{widths[n]} ", _mark(n != "binary")) for n in names])
    tb.add_row(Text(t("positional.prop.relative")),
               *[Text.assemble(f"{spread(P[n].relative.max_spread)} ", _mark(P[n].relative.ok)) for n in names])
    notes = [dim_line("  " + t(f"positional.note.{k}")) for k in ("unique", "bounded", "width", "relative")]
    return Group(Text(t("positional.props"), "bold"), tb, *notes)


def pos_relative(c: PositionalComparison, precision: int) -> RenderableType:
    rel = c.props["sinusoidal"].relative
    tb = table(*[(t(f"positional.dcol.{key}"), "right")
                 for key in ("delta", "formula", "min", "max", "spread", "index", "binary")])
    exp = fmt_array(rel.expected, precision)[0]
    lo, hi = fmt_array(rel.dot_min, precision)[0], fmt_array(rel.dot_max, precision)[0]
    for k, delta in enumerate(rel.deltas):
        tb.add_row(str(int(delta)), exp[k], lo[k], hi[k], fmt_number(rel.spread[k], 1, True),
                   short(c.props["index"].relative.spread[k], precision),
                   short(c.props["binary"].relative.spread[k], precision))
    return Group(Text(t("positional.delta_title"), "bold"), tb, dim_line("  " + t("positional.delta_note")))


def render_positional(c: PositionalComparison, precision: int = 4) -> list[RenderableType]:
    return [pos_header(c), pos_table(c, precision), pos_properties(c, precision), pos_relative(c, precision)]
