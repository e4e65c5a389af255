"""``rnntrace attention`` as a Document: self-attention (header, inputs, projections, a page per
head and, worked out, one per query row; the output and the closing checks) and encoder–decoder
attention (header and parameters, the encoder, a page per target word: its scores by --score, α,
c_i and the output layer's y_i, loss and prediction; the alignment and the predictions). The
--backward and --block views are ``present.attention_backward`` and ``present.attention_block``.

Only layout: every number comes from the trace (``attention_trace``); ``--explain`` says each of
the lecture's formulas once, under the numbers it gives.
"""
from __future__ import annotations

import re

import numpy as np

from rnntrace import attention as att, attention_formulas as fx
from rnntrace.attention_trace import RnnStep, Seq2SeqTrace, SelfAttentionTrace, position_labels
from rnntrace.document import (Cell, Column, Document, Explanation, Formula, Grid, Heading, Matrix, Note, Page,
                               Run, Section, Table, View)
from rnntrace.explain import Explainer
from rnntrace.i18n import concat, formula as formula_text, get_lang, join, t, tn
from rnntrace.notation import as_shown, dims, fmt_array, fmt_number, stated_shapes, tex_number, write, write_tex
from rnntrace.present.common import operation, row, table
from rnntrace.cells import param
from rnntrace.trace import Add, Apply, Concat, Eq, MatMul, Sym, Transpose

MAX_SIN_COLUMNS = 6  # wider sinusoidal encodings show their first four and last two columns


def short(x: float, precision: int) -> str:
    """A scalar with the fewest decimals that show it at ``precision``: 2, 1.4142."""
    return fmt_array(np.array([x]), precision)[0][0]


def formula(text: str, expr, target=None, shapes: tuple[str, str] = ("", ""), indent: int = 0) -> Formula:
    """A formula with its tree (``attention_formulas``), which LaTeX and Markdown write; ``text``
    is how the terminal writes it, the lecture's way (``sin(ω_k t)``, ``α_{i,j} v_j``); ``shapes``
    its shape line as text and TeX (``notation.stated_shapes``)."""
    return Formula(text, expr, target, shapes[0], indent, shapes[1])


def sin_formula(indent: int = 2) -> Formula:
    """The sinusoidal encoding's formula, as the lecture writes it (k from 0)."""
    return formula("p_t^(2k) = sin(ω_k t),  p_t^(2k+1) = cos(ω_k t),  ω_k = 1/10000^(2k/d)", fx.sinusoidal(),
                   indent=indent)


def detail(text: str, indent: int = 2) -> Note:
    return Note(text, "detail", indent=indent)


def shape_note(*terms) -> Note:
    """A shape line of its own under a formula (``h^d_0 (1×3) · W_a (3×3) → (1×3)``), as text and
    TeX from the same terms (``notation.stated_shapes``)."""
    text, tex = stated_shapes(*terms)
    return Note(text, "detail", indent=2, tex=tex)


def numbers(v, precision: int) -> Sym:
    """A vector's (or a number's) entries as a symbol in a formula: ``[0.2 -0.1]`` (as ``_vector``
    writes it), in TeX ``[0.2\\ {-}0.1]`` (a sign in braces is a sign, not a subtraction between
    entries); a single number bare."""
    cells = fmt_array(np.atleast_1d(v), precision)[0]
    if np.ndim(v) == 0:
        return Sym(cells[0], None, tex_number(cells[0]))
    return Sym("[" + " ".join(cells) + "]", None,
               "[" + r"\ ".join(re.sub("^-", "{-}", tex_number(c)) for c in cells) + "]")


def formula_note(e, kind: str = "text", indent: int = 0, lead: str = "", result: Sym | None = None) -> Note:
    """A line that is a formula with its numbers in it (``h^d_0·W_a = [-0.2887 …]``): the text
    (after ``lead``, its spaces) and the TeX written from the same tree; ``result``, the tree's
    last symbol, set off as the line's result."""
    text = lead + write(e, "row")
    runs = None
    if result is not None:
        runs = [Run(text[:len(text) - len(result.name)]), Run(result.name, "result")]
    return Note(text, kind, runs, indent, write_tex(e, "row"))


def said(explainer: Explainer, kind: str, **fields) -> list:
    """``--explain``'s sentence on one of the lecture's formulas, the first time (else nothing)."""
    text = explainer.once(kind, **fields)
    return [Explanation(text, kind)] if text else []


def named(name: Sym | str, M: np.ndarray, role: str = "operand", expr=None) -> Matrix:
    """``name (rows×cols)``, the matrix and its name as a tree (the symbol ``name`` unless ``expr``
    is given with a text ``name``), so a backend writes the name from the tree."""
    M2 = as_shown(M)
    if isinstance(name, Sym):
        name, expr = name.name, name
    return Matrix(f"{name} ({dims(M2.shape)})", M2, role, M2.shape, expr)


def labelled(name: Sym | str, labels: list[str], M: np.ndarray, role: str = "operand", expr=None) -> Grid:
    """``name (n×d)`` over the matrix, one token label per row."""
    return Grid([named(name, M, role, expr)], list(labels), gap=2)


def sin_columns(d: int) -> tuple[list[Column], list[list[int]]]:
    """p_t's columns (two-line headers, so a column is no wider than its numbers) and a "…"
    column, and the sets of them to try, widest first: every column up to d = 6; beyond, the first
    pairs and the last pair around "…"."""
    cols = [Column(formula_text(f"{'sin' if i % 2 == 0 else 'cos'}\nω_{i // 2}·t"), "right") for i in range(d)]
    cols.append(Column("…", "right"))
    if d <= MAX_SIN_COLUMNS:
        return cols, [list(range(d))]
    dots = d
    return cols, [list(range(MAX_SIN_COLUMNS - 2)) + [dots, d - 2, d - 1], [0, 1, dots, d - 2, d - 1]]


def sin_table(labels: list[tuple[Column, list[Cell]]], P: np.ndarray, precision: int) -> Table:
    """Label columns (one cell per row) then the columns of P that fit."""
    cells = fmt_array(P, precision)
    cols, fit = sin_columns(P.shape[1])
    L = len(labels)
    rows = [[column[r] for _, column in labels] + [Cell(x) for x in cells[r]] + [Cell("…")]
            for r in range(P.shape[0])]
    return Table([c for c, _ in labels] + cols, rows, fit=[[L + j for j in s] for s in fit], label_columns=L)


def matrix_table(rows: list[str], cols: list[str], M: np.ndarray, precision: int, *, weights: bool = False,
                 hidden: np.ndarray | None = None, row_sums: np.ndarray | None = None,
                 top: np.ndarray | None = None, corner: str = "") -> Table:
    """A labelled matrix: queries down, keys across. ``weights`` colours by value; ``hidden``
    entries (a mask) are shown as −∞ (scores) or dimmed (weights); ``row_sums`` adds Σ_j and
    ``top`` (one column index per row) the key each row weighs most."""
    shown = np.where(hidden, 0.0, M) if hidden is not None else M
    cells = fmt_array(shown, precision)
    sums = fmt_array(row_sums, precision)[0] if row_sums is not None else None
    columns = [Column(corner)] + [Column(c, "right", "name") for c in cols]
    if sums is not None:
        columns.append(Column(formula_text("Σ_j"), "right", "strong"))
    if top is not None:
        columns.append(Column(t("attention.col.top"), "left", "strong"))
    out = []
    for i, label in enumerate(rows):
        r = [Cell(label, "name")]
        for j in range(len(cols)):
            if hidden is not None and hidden[i, j]:
                r.append(Cell("0" if weights else "−∞", "detail"))
            else:
                r.append(Cell(cells[i][j], "heat" if weights else "", float(M[i, j])))
        if sums is not None:
            r.append(Cell(sums[i], "strong", float(row_sums[i])))
        if top is not None:
            r.append(Cell(t("attention.top_at", word=cols[int(top[i])], j=int(top[i]) + 1), "name"))
        out.append(r)
    return Table(columns, out, fit=[list(range(1, len(columns)))], label_columns=1, numbered=len(cols),
                 piece=t("attention.columns_range", lo="{lo}", hi="{hi}", n=len(cols)))


# ---- self-attention --------------------------------------------------------------------------
def self_header(tr: SelfAttentionTrace) -> Section:
    r = tr.result
    blocks: list = []
    if tr.description:
        blocks.append(Note(tr.description))
    facts = [tn("attention.facts.tokens", len(tr.tokens)), formula_text(f"d_model = {r.X.shape[1]}"),
             t("attention.facts.head" if r.n_heads == 1 else "attention.facts.heads", h=r.n_heads),
             formula_text(f"d_k = {r.d_k}"), formula_text(f"d_v = {r.d_v}"),
             t("attention.facts.mask_causal" if r.mask is not None else "attention.facts.mask_none")]
    blocks += [Note(join(" · ", facts)), Note(""), Heading(t("attention.equations"), 1)]
    if tr.positional == "sinusoidal":
        blocks.append(formula("X = E + P", fx.Add((fx.E, fx.P)), fx.X, indent=2))
        blocks.append(sin_formula())
    else:
        blocks += [formula("X = E", fx.E, fx.X, indent=2), Note(order_note(tr), indent=4)]
    blocks.append(formula("Q = X·W_Q,   K = X·W_K,   V = X·W_V", fx.projections(), indent=2))
    scaling = "√d_k" if r.scale else "1"
    if r.n_heads == 1:
        blocks.append(formula(f"A(Q, K, V) = softmax(Q·Kᵀ / {scaling})·V", fx.attention(r.scale), indent=2))
    else:
        blocks.append(formula(f"head_h = softmax(Q_h·K_hᵀ / {scaling})·V_h,   h = 1 … {r.n_heads}",
                              fx.head(r.scale, r.n_heads), indent=2))
        blocks.append(formula(f"A = [head_1 | … | head_{r.n_heads}]·W_O", fx.output(r.n_heads), fx.S("A"), indent=2))
    if r.mask is not None:
        blocks.append(Note(t("attention.causal_rule"), indent=2))
    if not r.scale:
        blocks.append(Note(t("attention.no_scale_warning"), "warning"))
    if tr.notes:
        blocks += [Note(""), Note("ℹ " + tr.notes, "info")]
    return Section(blocks, tr.title, framed=True)


def order_note(tr: SelfAttentionTrace) -> str:
    """Without positional encodings, what reordering the words does, as measured: it only permutes
    the rows, or (the causal mask) it changes them."""
    if tr.order_free:
        return t("attention.no_positional")
    if tr.order_free is False and tr.result.mask is not None:
        return t("attention.no_positional_causal", change=short(tr.reorder_change, 4))
    return t("attention.no_positional_bare")


def scale_notes(tr: SelfAttentionTrace, h, precision: int) -> list:
    """``scale_note`` under the scaled scores; unscaled rows that are not one-hot yet, and a
    measurement where the unscaled rows do head for one-hot as d_k grows, point to it."""
    s = tr.sharpness[h.index - 1]
    blocks = [detail(scale_note(tr, h, precision))]
    if (not tr.result.scale and s.verdict in ("uniform", "between") and tr.saturation is not None
            and tr.saturation.unscaled_grows):
        blocks.append(detail(t("attention.no_scale_grows")))
    return blocks


def scale_note(tr: SelfAttentionTrace, h, precision: int) -> str:
    """Why the scores are (or are not) divided by √d_k, and what the rows on this page show:
    one-hot, close to uniform or neither (``attention.sharpness``)."""
    r = tr.result
    s = tr.sharpness[h.index - 1]
    fields = {}
    if s.verdict is not None:
        fields = dict(top=short(s.largest, precision), word=tr.labels[s.row], limit=short(att.SATURATED, 2),
                      gap=short(float(s.gap[s.row]), 2))
    if r.scale:
        why = t("attention.scale_why", dk=r.d_k)
        if s.verdict == "one_hot":
            return tn("attention.scale_one_hot", len(s.saturated), why=why, **fields)
        if s.verdict == "uniform":
            m = int(s.keys[s.row])
            return t("attention.scale_uniform", why=why, m=m, u=short(1 / m, precision), **fields)
        return t("attention.scale_calm", why=why, **fields) if s.verdict else why
    why = t("attention.no_scale_why", dk=r.d_k, root=short(np.sqrt(r.d_k), 2))
    if s.verdict == "one_hot":
        return tn("attention.no_scale_one_hot", len(s.saturated), why=why, **fields)
    if s.verdict == "uniform":
        m = int(s.keys[s.row])
        text = t("attention.no_scale_uniform", why=why, m=m, u=short(1 / m, precision), **fields)
    elif s.verdict == "between":
        text = t("attention.no_scale_between", why=why, **fields)
    else:
        return why
    return text


def self_inputs(tr: SelfAttentionTrace, precision: int, explainer: Explainer) -> Section:
    labels = tr.labels
    if tr.positional != "sinusoidal":
        return Section([formula("X = E", fx.E, fx.X), labelled(fx.X, labels, tr.X, "result")], t("attention.inputs_none"))
    blocks: list = [Heading(t("attention.positional_title", n1=len(tr.tokens) - 1), 2)]
    blocks.append(sin_table([(Column("t", "right"), [Cell(str(int(p))) for p in tr.positions]),
                             (Column(""), [Cell(w, "name") for w in labels])], tr.P, precision))
    omegas = formula_text(", ".join(f"ω_{k} = {short(w, precision)}" for k, w in enumerate(tr.omega)))
    blocks.append(detail(omegas))
    blocks.append(detail(t("positional.slip_short")))
    blocks.append(formula("X = E + P", fx.Add((fx.E, fx.P)), fx.X, shapes=stated_shapes(
        (fx.E, dims(tr.E.shape)), " + ", (fx.P, dims(tr.P.shape)), " → ", dims(tr.X.shape))))
    blocks.append(Grid([named(fx.E, tr.E), named(fx.P, tr.P)], list(labels), ["+"], gap=1))
    blocks.append(Grid([named(fx.X, tr.X, "result")], list(labels), gap=1,
                       lead="="))
    blocks += said(explainer, "formula_positional_sum")
    return Section(blocks, t("attention.inputs"))


def self_projections(tr: SelfAttentionTrace, precision: int, explainer: Explainer) -> Section:
    r = tr.result
    mats = [("W_Q", r.W_Q), ("W_K", r.W_K), ("W_V", r.W_V)] + ([("W_O", r.W_O)] if r.W_O is not None else [])
    blocks: list = [Grid([named(fx.S(n), m, "plain") for n, m in mats], gap=2)]
    if tr.drawn:
        blocks.append(detail(t("attention.drawn", seed=tr.seed, names=", ".join(tr.drawn), d=r.X.shape[1]), 0))
    for name, W in (("Q", r.W_Q), ("K", r.W_K), ("V", r.W_V)):
        blocks.append(formula(f"{name} = X·W_{name}", MatMul(fx.X, fx.sub("W", name)), fx.S(name), shapes=stated_shapes(
            (fx.X, dims(r.X.shape)), " · ", (fx.sub("W", name), dims(W.shape)), " → ", dims(getattr(r, name).shape))))
    for group in (("Q", "K"), ("V",)):
        blocks.append(Grid([named(fx.S(n), getattr(r, n), "result")
                            for n in group], list(tr.labels), gap=2))
    blocks += said(explainer, "formula_projection")
    if r.n_heads > 1:
        blocks.append(detail(t("attention.split", h=r.n_heads, dk=r.d_k, dv=r.d_v), 0))
    return Section(blocks, t("attention.projections"))


def head_title(tr: SelfAttentionTrace, h) -> str:
    r = tr.result
    if r.n_heads == 1:
        return t("attention.weights_rule")
    return t("attention.head", h=h.index, of=r.n_heads, lo=(h.index - 1) * r.d_k + 1, hi=h.index * r.d_k,
             vlo=(h.index - 1) * r.d_v + 1, vhi=h.index * r.d_v)


def head_section(tr: SelfAttentionTrace, h, precision: int, explainer: Explainer) -> Section:
    r = tr.result
    n = len(tr.tokens)
    Q, K, V = (fx.S(x) if r.n_heads == 1 else fx.sub(x, str(h.index)) for x in "QKV")
    blocks: list = []
    if r.n_heads > 1:
        blocks.append(Grid([named(x, m, "result") for x, m in ((Q, h.Q), (K, h.K))], list(tr.labels), gap=2))
        blocks.append(Grid([named(V, h.V, "result")], list(tr.labels), gap=2))
    q, k, v = Q.name, K.name, V.name
    blocks.append(formula(f"{q}·{k}ᵀ", fx.scores(Q, K), shapes=stated_shapes(
        (Q, dims(h.Q.shape)), " · ", (Transpose(K), dims(h.K.T.shape)), " → ", dims(h.scores.shape))))
    blocks.append(detail(t("attention.scores_rows")))
    blocks.append(matrix_table(tr.labels, tr.labels, h.scores, precision, corner="q \\ k"))
    blocks += said(explainer, "formula_scores")
    if r.scale:
        value = short(h.scaling, precision)
        head = formula(f"{q}·{k}ᵀ / √d_k = {q}·{k}ᵀ / {value}",
                       Eq(fx.scaled(Q, K), fx.scaled(Q, K, value=value)))
    else:
        head = formula(f"{q}·{k}ᵀ / 1", fx.scaled(Q, K, scale=False))
    blocks += [head] + ([detail(t("attention.masked_head"))] if r.mask is not None else [])
    blocks += scale_notes(tr, h, precision)
    if r.scale or r.mask is not None:  # otherwise the table would repeat Q·Kᵀ
        blocks.append(matrix_table(tr.labels, tr.labels, h.scaled_scores, precision, hidden=r.mask, corner="q \\ k"))
    if r.scale:
        blocks += said(explainer, "sqrt_dk", value=value, d_k=r.d_k)
    blocks.append(formula(f"α = softmax({q}·{k}ᵀ / {'√d_k' if r.scale else '1'})",
                          fx.softmax(fx.scaled(Q, K, r.scale)), fx.ALPHA))
    blocks += [detail(t("attention.row_by_row")), detail(t("attention.softmax_rule"))]
    blocks.append(matrix_table(tr.labels, tr.labels, h.weights, precision, weights=True, hidden=r.mask,
                               row_sums=h.row_sums, top=h.argmax, corner="q \\ k"))
    blocks += said(explainer, "formula_softmax")
    Out = fx.sub("head", str(h.index), r"\mathrm{head}") if r.n_heads > 1 else fx.S("A")
    out = Out.name
    blocks.append(formula(f"{out} = α·{v}", MatMul(fx.ALPHA, V), Out, shapes=stated_shapes(
        (fx.ALPHA, f"{n}×{n}"), " · ", (V, dims(h.V.shape)), " → ", dims(h.output.shape))))
    blocks.append(detail(t("attention.output_rows")))
    blocks.append(labelled(Out, tr.labels, h.output, "result"))
    blocks += said(explainer, "formula_weighted_average")
    return Section(blocks, head_title(tr, h))


def query_title(tr: SelfAttentionTrace, h, i: int) -> str:
    title = t("attention.query_rule", i=i + 1, word=tr.tokens[i])
    if tr.result.n_heads > 1:
        title += " · " + t("attention.query_head", h=h.index, of=tr.result.n_heads)
    return title


def query_section(tr: SelfAttentionTrace, h, i: int, precision: int) -> Section:
    """Query i (0-based) of one head, worked out like the lecture's c_i: its score with every key,
    the scaling, the softmax and what it sums, and its output row as a weighted sum term by term."""
    r = tr.result
    n, I = len(tr.tokens), i + 1
    sub = "" if r.n_heads == 1 else f"_{h.index}"
    hidden = r.mask[i] if r.mask is not None else np.zeros(n, dtype=bool)
    div = "√d_k" if r.scale else "1"
    scaling = (", ", Eq(fx.scaling(True), fx.S(short(h.scaling, precision)))) if r.scale else ()
    K = fx.S("K") if r.n_heads == 1 else fx.sub("K", str(h.index))
    blocks: list = [formula(f"s_{{{I},j}} = q_{I} · k_j / {div}", fx.query_score(I, r.scale), fx.sub("s", f"{I},j"),
                            shapes=stated_shapes((fx.sub("q", str(I)), f"1×{h.Q.shape[1]}"), " · ",
                                                (Transpose(K), dims(h.K.T.shape)), " → ", f"1×{n}", *scaling)),
                    formula(f"α_{{{I},j}} = softmax_j(s_{{{I},j}}),   a_{I} = Σ_j α_{{{I},j}} v_j", fx.query_weights(I))]
    raw = fmt_array(h.scores, precision)[i]
    scaled = fmt_array(np.where(r.mask, 0.0, h.scaled_scores) if r.mask is not None else h.scaled_scores,
                       precision)[i]
    al = fmt_array(h.weights, precision)[i]
    terms = h.terms(i)  # (n, d_v)
    term_rows = [" ".join(x) for x in _aligned(np.vstack([terms, h.output[i]]), precision)]
    tb = table(("j", "right"), ("", "left"), *[(formula_text(head), side) for head, side in (
        (f"q_{I}·k_j", "right"), (f"s_{{{I},j}}", "right"), (f"α_{{{I},j}}", "right"), (f"α_{{{I},j}} v_j", "left"))])
    tb.compact = True  # one space between columns, so a row of four-decimal terms fits 80 columns
    for j in range(n):
        word = Cell(tr.labels[j], "name")
        if hidden[j]:
            tb.rows.append(row(str(j + 1), word, Cell(raw[j], "detail"), Cell("−∞", "detail"), Cell("0", "detail"),
                               Cell(t("attention.masked_key"), "detail")))
        else:
            tb.rows.append(row(str(j + 1), word, raw[j], scaled[j], Cell(al[j], "heat", float(h.weights[i, j])),
                               f"[{term_rows[j]}]"))
    tb.rules = [n - 1]
    tb.rows.append(row(formula_text("Σ_j"), "", "", "", Cell(short(float(h.row_sums[i]), precision), "strong"),
                       Cell(f"[{term_rows[-1]}]", "result")))
    out = formula_text(f"head{sub}" if r.n_heads > 1 else "A")
    blocks += [tb, detail(t("attention.query_sum" if h.sums_to_one[i] else "attention.query_row", i=I, out=out))]
    return Section(blocks, query_title(tr, h, i))


def _aligned(M: np.ndarray, precision: int) -> list[list[str]]:
    """The rows of M with each column right-aligned to its widest entry (one block of numbers)."""
    cells = fmt_array(M, precision)
    widths = [max(len(r[j]) for r in cells) for j in range(len(cells[0]))]
    return [[c.rjust(w) for c, w in zip(r, widths)] for r in cells]


def self_output(tr: SelfAttentionTrace) -> Section | None:
    r = tr.result
    if r.n_heads == 1:
        return None
    heads = " | ".join(f"head_{h.index}" for h in r.heads)
    return Section([formula(f"[{heads}]", fx.heads_concat(r.n_heads, full=True), shapes=stated_shapes(
                        fx.S(str(r.n_heads)), " × ", f"{len(tr.tokens)}×{r.d_v}", " → ", dims(r.concat.shape))),
                    labelled(fx.word("concat"), tr.labels, r.concat),
                    formula(f"A = [{heads}]·W_O", fx.output(r.n_heads, full=True), fx.S("A"), shapes=stated_shapes(
                        dims(r.concat.shape), " · ", (fx.sub("W", "O"), dims(r.W_O.shape)), " → ", dims(r.output.shape))),
                    labelled(fx.S("A"), tr.labels, r.output, "result")], t("attention.concat_rule"))


def saturation_section(tr: SelfAttentionTrace, precision: int) -> Section | None:
    s = tr.saturation
    if s is None:
        return None
    tb = table(*[(t(f"attention.sat.{key}"), "right") for key in ("dk", "std", "scaled", "unscaled")], ("", "left"))
    std = fmt_array(s.score_std, 2)[0]
    ms, mu = fmt_array(s.max_weight_scaled, precision)[0], fmt_array(s.max_weight_unscaled, precision)[0]
    for k, d in enumerate(s.d_k):
        mark = Cell(t("attention.sat.this", dk=int(d)), "strong") if int(d) == tr.result.d_k else ""
        tb.rows.append(row(str(int(d)), std[k], ms[k], Cell(mu[k], "heat", float(s.max_weight_unscaled[k])), mark))
    key = "explain" if s.as_expected else ("one_key" if s.n_keys == 1 else "measured")
    return Section([Note(t(f"attention.sat.{key}", n=s.n_keys, trials=s.trials)), tb], t("attention.sat.rule"))


def self_footer(tr: SelfAttentionTrace) -> Section:
    r = tr.result
    worst = r.row_sum_error
    blocks = []
    if r.rows_sum_to_one:  # not when a weight is inf or nan: the warning below says so instead
        blocks.append(Note(t("attention.rows_sum", err=fmt_number(worst, 1, True) if worst else "0"), "strong"))
    if tr.masked_zero:
        blocks.append(Note(t("attention.masked_zero"), "strong"))
    if tr.nonfinite:
        blocks.append(Note("⚠ " + t("attention.nonfinite", names=", ".join(tr.nonfinite)), "error"))
    return Section(blocks)


def build_self(tr: SelfAttentionTrace, precision: int = 4, view: View = View()) -> Document:
    """The opening, a page per head (with ``view.detail``, or the rows ``--t`` names, a page per
    query row after each head's page), the closing."""
    explainer = Explainer(view.explain)
    pages = [Page("opening", tr.title, [self_header(tr), self_inputs(tr, precision, explainer),
                                        self_projections(tr, precision, explainer)])]
    n = len(tr.tokens)
    for h in tr.result.heads:
        if not view.brief:
            pages.append(Page("step", head_title(tr, h), [head_section(tr, h, precision, explainer)]))
        pages += [Page("query", query_title(tr, h, i), [query_section(tr, h, i, precision)], t=i + 1)
                  for i in range(n) if (view.detail or view.steps is not None) and view.shows(i + 1)]
    closing = [s for s in (self_output(tr), saturation_section(tr, precision)) if s is not None]
    pages.append(Page("closing", tr.title, closing + [self_footer(tr)]))
    return Document("attention", tr.title, pages, "row", precision, get_lang(), n)


# ---- seq2seq ---------------------------------------------------------------------------------
def seq_header(tr: Seq2SeqTrace) -> Section:
    blocks: list = []
    if tr.description:
        blocks.append(Note(tr.description))
    blocks.append(Note(f"{' '.join(tr.source)}  →  {' '.join(tr.target)}", "strong"))
    blocks.append(Note(join(" · ", [t("attention.facts.elman"), formula_text(f"H = {tr.hidden_size}")])))
    if tr.feed_context:
        blocks.append(Note(t("attention.facts.fed")))
    blocks.append(Note(t("attention.facts.source_vocab", words=" ".join(tr.source_vocab))))
    blocks.append(Note(t("attention.facts.target_vocab", words=" ".join(tr.target_vocab))))
    blocks += [Note(""), Heading(t("attention.equations"), 1)]
    S, sub, side = fx.S, fx.sub, fx.side
    hd_i, he_j, hd_0, he_n = side(sub("h", "i"), "d"), fx.HE_J, side(sub("h", "0"), "d"), side(sub("h", "n"), "e")
    y_prev = sub("y", "i−1", index_tex="i-1")
    yi = t("attention.eq.yi" if tr.decode == "teacher" else "attention.eq.greedy")
    y, out = fx.output_layer(), fx.loss()
    # indent 2: a sentence naming the part; indent 4: its formula (with its tree)
    lines = [(2, t("attention.eq.encoder"), None),
             (4, "h^e_j = tanh(x_j·W_xh^e + h^e_{j−1}·W_hh^e + b_h^e),  h^e_0 = 0",
              fx.Seq((fx.rnn(he_j, sub("x", "j"), side(sub("h", "j−1", index_tex="j-1"), "e"), "e"),
                      Eq(side(sub("h", "0"), "e"), S("0")))))]
    if tr.feed_context:
        lines += [(2, t("attention.eq.decoder_fed"), None),
                  (4, "h^d_i = tanh(y_{i−1}·W_xh^d + h^d_{i−1}·W_hh^d + c_i·W_ch^d + b_h^d)",
                   fx.rnn(hd_i, y_prev, fx.HD_PREV, "d", context=True))]
    else:
        lines += [(2, t("attention.eq.decoder"), None),
                  (4, "h^d_i = tanh(y_{i−1}·W_xh^d + h^d_{i−1}·W_hh^d + b_h^d)", fx.rnn(hd_i, y_prev, fx.HD_PREV, "d"))]
    lines += [(4, "h^d_0 = h^e_n,  y_0 = <s>", fx.eqs((hd_0, he_n), (sub("y", "0"), S("<s>", r"\langle s\rangle ")))),
              (4, yi, None),
              (2, t("attention.eq.attention"), None),
              (4, SCORE_EQUATIONS[tr.score], Eq(fx.score_call(), fx.score(tr.score))),
              (4, "α_{i,j} = softmax(score(h^d_{i−1}, h^e_j))", Eq(sub("α", "i,j", r"\alpha"), fx.softmax(fx.score_call()))),
              (4, "c_i = Σ_j α_{i,j} h^e_j", fx.context()),
              (2, t("attention.eq.output", words=" ".join(tr.output_vocab)), None),
              (4, "y_i = softmax([h^d_i ; c_i]·W_out + b_out),  loss_i = −log y_i[w_i]", fx.Seq((Eq(sub("y", "i"), y), out)))]
    blocks += [formula(text, tree, indent=k) if tree is not None else Note(text, indent=k) for k, text, tree in lines]
    if tr.feed_context:  # the order of a step, each quantity as the equations above name it
        order = (fx.HD_PREV, fx.word("score"), sub("α", "i,·", r"\alpha", r"i,\cdot "), sub("c", "i"), hd_i, sub("y", "i"))
        blocks += [Note(t("attention.eq.order"), indent=2),
                   Note(" → ".join(write(e) for e in order), indent=4, tex=r" \to ".join(write_tex(e) for e in order))]
    if tr.notes:
        blocks += [Note(""), Note("ℹ " + tr.notes, "info")]
    return Section(blocks, tr.title, framed=True)


def seq_params(tr: Seq2SeqTrace) -> Section:
    items = []
    for side, params in (("e", tr.encoder_params), ("d", tr.decoder_params)):
        for name, value in params.items():
            if f"{name}^{side}" not in tr.implicit_zero and name not in OUTPUT_PARAMS:
                items.append(named(fx.side(param(name), side), value, "plain"))
    blocks: list = [Grid(items), output_params(tr),
                    detail(t("attention.out_rows", words=" ".join(tr.output_vocab), H=tr.hidden_size), 0),
                    detail(t("attention.rows_are", src=" ".join(tr.source_vocab), tgt=" ".join(tr.target_vocab)), 0)]
    if tr.drawn:
        blocks.append(detail(t("forward.drawn", seed=tr.seed, names=", ".join(tr.drawn)), 0))
    if tr.implicit_zero:
        blocks.append(detail(t("forward.implicit_zero", names=", ".join(tr.implicit_zero)), 0))
    if tr.unused:
        blocks.append(detail(t("attention.unused", names=", ".join(tr.unused)), 0))
    return Section(blocks, t("forward.params"))


def _is_context_term(s: RnnStep, op) -> bool:
    """The product c_i·W_ch^d of a decoder step fed its context."""
    return s.context is not None and isinstance(op.expr, MatMul) and op.expr.vec.name == f"c_{s.index}"


def rnn_step(s: RnnStep, title: str, precision: int, explainer: Explainer) -> list:
    """The step's named values (a_t, h_t) with their shape lines; a decoder step fed its context
    shows the product c_i·W_ch^d before them (with --explain, why the decoder reads c_i)."""
    x = " ".join(fmt_array(s.x, 0)[0])
    blocks: list = [Heading(title, 2), detail(formula_text(f"x_t = onehot(“{s.word}”) = [{x}]"))]
    for op in s.ops:
        if op.target is not None or _is_context_term(s, op):
            o = operation(op, "row", explainer)
            if _is_context_term(s, op) and explainer.on:
                o.explanation = t("attention.explain.feed_context", i=s.index)
            blocks.append(o)
    return blocks


def seq_encoder(tr: Seq2SeqTrace, precision: int, explainer: Explainer) -> Section:
    blocks: list = [detail(t("attention.encoder_names"), 0)]
    for s in tr.encoder:
        blocks += rnn_step(s, t("attention.encoder_step", j=s.index, word=s.word), precision, explainer)
    E = tr.attention.encoder_states
    he = [fx.side(fx.sub("h", x), "e") for x in ("1", "n")]
    stacked = Eq(fx.E, fx.Concat((he[0], fx.ELLIPSIS, he[1]), ";"))
    blocks.append(labelled("E = [h^e_1; …; h^e_n]", [formula_text(f"h^e_{j}") for j in range(1, len(tr.source) + 1)], E, "result",
                           stacked))
    return Section(blocks, t("attention.encoder_rule", words=" ".join(tr.source)))


def _vector(v, precision: int) -> str:
    return "[" + " ".join(fmt_array(v, precision)[0]) + "]"


def seq_decoder(tr: Seq2SeqTrace, precision: int, explainer: Explainer) -> Section:
    """The decoder's steps, all of them; fed its context, only h^d_0 and how the steps go (each
    step then follows the attention that gives its c_i)."""
    n = len(tr.source)
    h0 = _vector(tr.attention.decoder_states[0], precision)
    blocks: list = [Note(formula_text(f"h^d_0 = h^e_{n} = {h0}"), runs=[Run(f"h^d_0 = h^e_{n} = ", "strong"), Run(h0, "result")])]
    if tr.feed_context:
        blocks.append(detail(t("attention.decoder_order"), 0))
    if tr.decoder:
        blocks.append(detail(t("attention.decoder_names"), 0))
    if not tr.feed_context:
        for s in tr.decoder:
            blocks += rnn_step(s, t("attention.decoder_step", i=s.index, word=s.word), precision, explainer)
    return Section(blocks, t("attention.decoder_rule_fed" if tr.feed_context else "attention.decoder_rule"))


def seq_attention_step(tr: Seq2SeqTrace, i: int, precision: int, explainer: Explainer) -> Section:
    a = tr.attention
    st = a.steps[i - 1]
    n, H = a.encoder_states.shape
    blocks: list = score_blocks(tr, i, precision)  # by --score, term by term
    blocks += said(explainer, f"formula_{tr.score}_score")
    sc = fmt_array(st.scores, precision)[0]
    al = fmt_array(st.weights, precision)[0]
    head = f"α_{{{i},·}} = softmax([{' '.join(sc)}]) = "
    value = f"[{' '.join(al)}]"
    total = f"    Σ_j α_{{{i},j}} = {short(float(a.row_sums[i - 1]), precision)}"
    blocks.append(Note(formula_text(head + value + total), runs=[Run(head, "strong"), Run(value, "result"), Run(total, "detail")]))
    blocks += said(explainer, "formula_softmax")
    c = fx.context(str(i))
    blocks.append(formula(f"c_{i} = Σ_j α_{{{i},j}} h^e_j", c.rhs, c.lhs))
    for j in range(n):
        lead = f"  α_{{{i},{j + 1}}} h^e_{j + 1} = "
        rest = f" · {_vector(a.encoder_states[j], precision)} = {_vector(st.terms[j], precision)}"
        blocks.append(Note(formula_text(lead + al[j] + rest), runs=[Run(lead), Run(al[j], "strong"), Run(rest)]))
    c = _vector(st.context, precision)
    blocks.append(Note(formula_text(f"  c_{i} = {c}"), runs=[Run(f"  c_{i} = ", "strong"), Run(c, "result")]))
    blocks += said(explainer, "formula_context")
    return Section(blocks, t("attention.target_rule", i=i, word=tr.target[i - 1], prev=i - 1))


def seq_fed_step(tr: Seq2SeqTrace, i: int, precision: int, explainer: Explainer) -> list[Section]:
    """Target word i, fed decoder: h^d_{i−1} scores the source and gives c_i, then decoder step i
    reads y_{i−1}, h^d_{i−1} and c_i."""
    step = seq_attention_step(tr, i, precision, explainer)
    s = tr.decoder[i - 1]
    step.blocks += rnn_step(s, t("attention.decoder_step_fed", i=i, word=s.word), precision, explainer)
    return [step]


def seq_alignment(tr: Seq2SeqTrace, precision: int) -> Section:
    a = tr.attention
    blocks: list = [matrix_table(position_labels(tr.target), position_labels(tr.source), a.weights, precision, weights=True, row_sums=a.row_sums,
                                 top=a.argmax, corner="i \\ j"),
                    detail(t("attention.alignment_rows" if a.rows_sum_to_one else "attention.alignment_rows_def"))]
    if tr.nonfinite:
        blocks.append(Note("⚠ " + t("attention.nonfinite", names=", ".join(tr.nonfinite)), "error"))
    return Section(blocks, t("attention.alignment"))


def build_seq2seq(tr: Seq2SeqTrace, precision: int = 4, view: View = View()) -> Document:
    """The opening (header, parameters, encoder, decoder), a page per target word (its scores,
    α, c_i, and the output layer's y_i, loss and prediction), the alignment and the predictions.
    Fed its context, the decoder step c_i feeds comes before the output layer that reads h^d_i."""
    explainer = Explainer(view.explain)
    opening = [seq_header(tr), seq_params(tr), seq_encoder(tr, precision, explainer),
               seq_decoder(tr, precision, explainer)]
    pages = [Page("opening", tr.title, opening)]
    for i in range(1, len(tr.target) + 1):
        if not view.shows(i):
            continue
        sections = (seq_fed_step(tr, i, precision, explainer) if tr.feed_context
                    else [seq_attention_step(tr, i, precision, explainer)])
        sections[-1].blocks += output_blocks(tr, i, precision, explainer)
        pages.append(Page("step", sections[0].title, sections, t=i))
    pages.append(Page("closing", t("attention.alignment"), [seq_alignment(tr, precision),
                                                           predictions_section(tr, precision)]))
    return Document("attention", tr.title, pages, "row", precision, get_lang(), len(tr.target))


# ---- seq2seq: the score by kind, the output layer -----------------------------------------------
SCORE_EQUATIONS = {
    "dot": "score(h^d_{i−1}, h^e_j) = h^d_{i−1} · h^e_j",
    "general": "score(h^d_{i−1}, h^e_j) = h^d_{i−1}·W_a·h^e_jᵀ",
    "additive": "score(h^d_{i−1}, h^e_j) = vᵀ·tanh(h^d_{i−1}·W_1 + h^e_j·W_2)",
}
OUTPUT_PARAMS = ("W_out", "b_out")  # the output layer's, shown by output_params with their rows named


def score_blocks(tr: Seq2SeqTrace, i: int, precision: int) -> list:
    """Target word i's scores against every h^e_j, term by term with shapes, as ``tr.score`` makes them."""
    a = tr.attention
    st = a.steps[i - 1]
    sc = st.scoring
    n, H = a.encoder_states.shape
    Q = fx.side(fx.sub("h", str(i - 1)), "d")
    q = Q.name
    scores = fmt_array(st.scores, precision)[0]
    width = max(len(x) for x in scores)

    def score_line(j: int, product: str) -> Note:
        text = f"  score({q}, h^e_{j + 1}) = {product} = {scores[j].rjust(width)}"
        src = f"    ({tr.source[j]})"
        return Note(concat(formula_text(text), src), runs=[Run(text), Run(src, "detail")])

    if tr.score == "dot":
        return [formula(f"score({q}, h^e_j) = {q} · h^e_j", fx.score("dot", Q), fx.score_call(Q), shapes=stated_shapes(
            (Q, f"1×{H}"), " · ", (Transpose(fx.E), f"{H}×{n}"), " → ", f"1×{n}"))] + [
            score_line(j, f"{q} · h^e_{j + 1}") for j in range(n)]
    if tr.score == "general":
        qW = MatMul(Q, fx.sub("W", "a"))
        return [formula(f"score({q}, h^e_j) = ({q}·W_a) · h^e_j", MatMul(qW, fx.HE_J), fx.score_call(Q)),
                shape_note((Q, f"1×{H}"), " · ", (fx.sub("W", "a"), f"{H}×{H}"), " → ", f"1×{H}"),
                shape_note((qW, f"1×{H}"), " · ", (Transpose(fx.E), f"{H}×{n}"), " → ", f"1×{n}"),
                formula_note(Eq(qW, numbers(sc.qW, precision)), lead="  ")] + [
            score_line(j, f"({q}·W_a) · h^e_{j + 1}") for j in range(n)]
    d_a = sc.q1.size
    W_1, W_2, v = fx.sub("W", "1"), fx.sub("W", "2"), fx.S("v")
    blocks: list = [formula(f"score({q}, h^e_j) = vᵀ·tanh({q}·W_1 + h^e_j·W_2)", fx.score("additive", Q),
                            fx.score_call(Q)),
                    shape_note((Q, f"1×{H}"), " · ", (W_1, f"{H}×{d_a}"), " → ", f"1×{d_a}"),
                    shape_note((fx.HE_J, f"1×{H}"), " · ", (W_2, f"{H}×{d_a}"), " → ", f"1×{d_a}"),
                    shape_note((Apply("tanh", fx.S("·", r"\cdot")), f"1×{d_a}"), " · ", (v, f"{d_a}×1"), " → ", "1×1"),
                    formula_note(Eq(MatMul(Q, W_1), numbers(sc.q1, precision)), lead="  ")]
    for j in range(n):
        he = fx.side(fx.sub("h", str(j + 1)), "e")
        act = numbers(sc.act[j], precision)
        projected = write(Eq(MatMul(he, W_2), numbers(sc.E2[j], precision)))
        blocks.append(Note(concat("  ", formula_text(f"j = {j + 1}"), f" ({tr.source[j]}):  ", formula_text(projected)),
                           "strong"))
        blocks.append(formula_note(Eq(Apply("tanh", Add((MatMul(Q, W_1), MatMul(he, W_2)))),
                                      Eq(Apply("tanh", numbers(sc.pre[j], precision)), act)), indent=4))
        score = Sym(scores[j], None, tex_number(scores[j]))
        blocks.append(formula_note(Eq(fx.score_call(Q, he), Eq(MatMul(Transpose(v), act), score)), indent=4,
                                   result=score))
    return blocks


def output_blocks(tr: Seq2SeqTrace, i: int, precision: int, explainer: Explainer) -> list:
    """y_i = softmax([h^d_i ; c_i]·W_out + b_out), the loss of target word i and the prediction."""
    o = tr.outputs[i - 1]
    H, V = tr.hidden_size, len(tr.output_vocab)
    word = tr.target[i - 1]
    b = " + b_out" if "b_out^d" not in tr.implicit_zero else ""
    probs = fmt_array(o.probs, precision)[0]
    y = Table([Column(w, "right", "strong" if k == o.target else "name") for k, w in enumerate(tr.output_vocab)],
              [[Cell(p, "heat", float(x)) for p, x in zip(probs, o.probs)]])
    loss = f"loss_{i} = −log y_{i}[“{word}”] = −log {probs[o.target]} = {short(o.loss, precision)}"
    blocks: list = [Heading(t("attention.output_rule", i=i, word=word), 2),
                    formula(f"y_{i} = softmax([h^d_{i} ; c_{i}]·W_out{b})", fx.output_layer(str(i), bool(b)), fx.sub("y", str(i)),
                            shapes=stated_shapes((Concat((fx.side(fx.sub("h", str(i)), "d"), fx.sub("c", str(i))), ";"), f"1×{2 * H}"),
                                                " · ", (fx.sub("W", "out"), f"{2 * H}×{V}"), " → ", f"1×{V}")),
                    Note(formula_text(f"[h^d_{i} ; c_{i}] = {_vector(o.concat, precision)}"), indent=2),
                    Note(formula_text(f"z_{i} = [h^d_{i} ; c_{i}]·W_out{b} = {_vector(o.logits, precision)}"), indent=2),
                    Note(formula_text(f"  y_{i} = softmax(z_{i})"), "strong"), y,
                    Note(formula_text(loss), runs=[Run(loss, "result")], indent=2)]
    if o.prediction is None:
        blocks.append(Note(t("attention.no_prediction", i=i), "error", indent=2))
    elif o.hit:
        blocks.append(Note(t("attention.hit", i=i, word=tr.output_vocab[o.prediction]), "success", indent=2))
    else:
        blocks.append(Note(t("attention.miss", i=i, word=tr.output_vocab[o.prediction], ref=word), "error", indent=2))
    return blocks + said(explainer, "formula_output_layer")


def predictions_section(tr: Seq2SeqTrace, precision: int) -> Section:
    """Each target word's reference, prediction, y_i[reference] and loss; L and the words right;
    teacher forcing or greedy decoding named."""
    tb = table(("i", "right"), (t("attention.col.reads"), "left"), (t("attention.col.reference"), "left"),
               (t("attention.col.prediction"), "left"), (t("attention.col.p_reference"), "right"),
               (t("attention.col.loss"), "right"))
    for o, s, ref, pred in zip(tr.outputs, tr.decoder, tr.target, tr.predictions):
        mark = "" if pred is None else (" ✓" if o.hit else " ✗")
        tb.rows.append(row(str(o.i), s.word, ref, Cell(f"{pred or '—'}{mark}", "success" if o.hit else "error"),
                           short(float(o.probs[o.target]), precision), short(o.loss, precision)))
    hits = sum(o.hit for o in tr.outputs)
    total = tn("attention.total_loss", len(tr.outputs), loss=short(tr.loss, precision), hits=hits, m=len(tr.outputs))
    return Section([tb, Note(total, "strong"),
                    detail(t("attention.teacher_note" if tr.decode == "teacher" else "attention.greedy_note"))],
                   t("attention.predictions_rule"))


def output_params(tr: Seq2SeqTrace) -> Grid:
    """W_out (and b_out), and the score's weights (W_a, or W_1, W_2 and v as a column)."""
    d = tr.decoder_params
    items = [named(fx.side(param("W_out"), "d"), d["W_out"], "plain")]
    if "b_out^d" not in tr.implicit_zero:
        items.append(named(fx.side(param("b_out"), "d"), d["b_out"], "plain"))
    for name, v in tr.score_params.items():
        items.append(named(param(name), v if v.ndim == 2 else v[:, None], "plain"))
    return Grid(items, gap=2)
