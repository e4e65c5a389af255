"""``rnntrace attention --backward`` as a Document: backpropagation through one self-attention head
with a per-token classifier on its output. The opening states the task and the equations; then
the forward pass and its loss, the classifier's gradients, A = α·V backwards, one page per query
row for the softmax's Jacobian, the scores back to Q, K and the weights, and the gradient check.

Only layout: every number comes from the trace (``attention_trace.run_backward``).
"""
from __future__ import annotations

import numpy as np

from rnntrace.attention_backward import round_off
from rnntrace.attention_trace import BackwardTrace
from rnntrace.document import Cell, Document, Grid, Heading, Note, Page, Run, Section, View
from rnntrace.explain import Explainer
from rnntrace.i18n import formula as formula_text, get_lang, join, t, tn
from rnntrace.mathx import norm
from rnntrace.notation import dims, fmt_number, indexed, stated_shapes, write_tex
from rnntrace import attention_formulas as fx
from rnntrace.present.attention import (detail, formula, formula_note, labelled, matrix_table, named, numbers, said,
                                        short)
from rnntrace.trace import Add, Apply, Div, Eq, MatMul, Neg, Sub, Sum, Sym, Transpose
from rnntrace.present.common import row, table

LOSS = Sum("i", Neg(Apply("log", fx.S("P[i, y_i]"))))  # the classifier's loss, L = Σ_i −log P[i, y_i]

MAX_JACOBIAN_PAGES = 6  # a page per query row up to this many; a long sentence shows the first ones


def labelled_op(head: str, tree, shapes: tuple[str, str], labels: list[str], M: np.ndarray, name: str,
                note: str | None = None) -> list:
    """An operation on token rows: its formula (text and tree: ``target = expr``, an ``Eq``, or
    an expression) and shapes (``notation.stated_shapes``), a note, the labelled result."""
    target, expr = (tree.lhs, tree.rhs) if isinstance(tree, Eq) else (None, tree)
    return ([formula(head, expr, target, shapes=shapes)] + ([detail(note)] if note else [])
            + [labelled(_named(target, name), labels, M, "result", expr if target is None else None)])


def _named(target, name: str):
    """The result's label: the formula's own target (a symbol with its TeX) when it is named so."""
    return target if isinstance(target, Sym) and target.name == name else name


def matrix_op(head: str, tree: Eq, shapes: tuple[str, str], M: np.ndarray, name: str) -> list:
    """An operation whose result is a parameter's gradient (no token rows)."""
    return [formula(head, tree.rhs, tree.lhs, shapes=shapes), Grid([named(_named(tree.lhs, name), M, "result")])]


def header(tr: BackwardTrace) -> Section:
    f, ft = tr.forward, tr.forward_trace
    n, C = f.Z.shape
    s = "√d_k" if ft.result.scale else "1"
    d, S = fx.d, fx.S
    div = fx.scaling(ft.result.scale)
    scaled = Div(d("S"), div)
    blocks: list = [Note(t("attention.task", task=tr.task))] if tr.task else []
    blocks.append(Note(t("attention.labels_line", pairs=",  ".join(f"{w} → {y}" for w, y in zip(ft.labels, tr.labels)))))
    blocks.append(Note(join(" · ", [formula_text(f"n = {n}"), formula_text(f"d_k = {ft.result.d_k}"), formula_text(f"d_v = {ft.result.d_v}"),
                                   t("attention.facts.classes", C=C, words=" ".join(tr.classes))])))
    blocks += [Note(""), Heading(t("attention.eq.forward"), 1)]
    alpha_i = fx.sub("α", "i", r"\alpha")
    blocks += [formula(text, tree, indent=2) for text, tree in (
        ("Q = X·W_Q,  K = X·W_K,  V = X·W_V", fx.projections()),
        (f"S = Q·Kᵀ / {s},  α = softmax(S),  A = α·V",
         fx.eqs((S("S"), fx.scaled(scale=ft.result.scale)), (fx.ALPHA, fx.softmax(S("S"))), (S("A"), MatMul(fx.ALPHA, fx.V)))),
        ("Z = A·W_C + b_C,  P = softmax(Z),  L = Σ_i −log P[i, y_i]",
         fx.eqs((S("Z"), Add((MatMul(S("A"), S("W_C")), S("b_C")))), (fx.P, fx.softmax(S("Z"))),
                (S("L"), LOSS))))]
    blocks.append(detail(t("attention.eq.rows")))
    blocks.append(Heading(t("attention.eq.backward"), 1))
    blocks += [formula("∂L/∂Z = P − Y", Sub(fx.P, S("Y")), d("Z"), indent=2), Note(t("attention.eq.Y"), indent=4)]
    blocks += [formula(text, tree, indent=2) for text, tree in (
        ("∂L/∂A = ∂L/∂Z·W_Cᵀ", Eq(d("A"), MatMul(d("Z"), Transpose(S("W_C"))))),
        ("∂L/∂α = ∂L/∂A·Vᵀ,   ∂L/∂V = αᵀ·∂L/∂A",
         fx.eqs((d(fx.ALPHA), MatMul(d("A"), Transpose(fx.V))), (d("V"), MatMul(Transpose(fx.ALPHA), d("A"))))),
        ("∂L/∂S_i = ∂L/∂α_i·J_i,   J_i = diag(α_i) − α_iᵀα_i",
         fx.eqs((d("S_i"), MatMul(d(alpha_i), S("J_i"))), (S("J_i"), Sub(Apply("diag", alpha_i), MatMul(Transpose(alpha_i), alpha_i))))),
        (f"∂L/∂Q = (∂L/∂S / {s})·K,   ∂L/∂K = (∂L/∂S / {s})ᵀ·Q",
         fx.eqs((d("Q"), MatMul(scaled, fx.K)), (d("K"), MatMul(Transpose(scaled), fx.Q)))),
        ("∂L/∂W_Q = Xᵀ·∂L/∂Q,  ∂L/∂W_K = Xᵀ·∂L/∂K,  ∂L/∂W_V = Xᵀ·∂L/∂V",
         fx.eqs(*[(d(f"W_{n}"), MatMul(Transpose(fx.X), d(n))) for n in ("Q", "K", "V")])))]
    return Section(blocks, t("attention.backward_title", title=ft.title), framed=True)


def forward_section(tr: BackwardTrace, precision: int, explainer: Explainer) -> Section:
    f, ft = tr.forward, tr.forward_trace
    labels = ft.labels
    n, C = f.Z.shape
    d_v = f.V.shape[1]
    blocks: list = [labelled(fx.X, labels, f.X),
                    Grid([named(fx.S(k), f.params[k], "plain")
                          for k in ("W_Q", "W_K", "W_V")], gap=2),
                    Grid([named(fx.S("W_C"), tr.W_C, "plain"), named(fx.S("b_C"), tr.b_C, "plain")], gap=2)]
    if tr.training is not None:
        tg = tr.training
        blocks.append(Note(tn("attention.trained", len(tr.trained_on), steps=tg.steps, lr=short(tg.lr, 6), seed=ft.seed,
                              before=short(float(tg.losses[0]), precision),
                              after=short(float(tg.losses[-1]), precision)), "strong"))
    drawn = ft.drawn + tr.drawn
    if drawn:
        blocks.append(detail(t("attention.backward_drawn", seed=ft.seed, names=", ".join(drawn)), 0))
    if tr.zero_bias:
        blocks.append(detail(t("attention.bc_zero"), 0))
    blocks.append(Heading(t("attention.backward_alpha"), 2))
    blocks.append(matrix_table(labels, labels, f.alpha, precision, weights=True, hidden=f.mask,
                               top=np.argmax(f.alpha, axis=1), corner="q \\ k"))
    blocks += said(explainer, "formula_softmax")
    blocks += labelled_op("A = α·V", Eq(fx.S("A"), MatMul(fx.ALPHA, fx.V)), stated_shapes((fx.ALPHA, f"{n}×{n}"), " · ", (fx.V, f"{n}×{d_v}"), " → ", f"{n}×{d_v}"), labels, f.A, "A")
    blocks += said(explainer, "formula_weighted_average")
    blocks.append(formula("Z = A·W_C + b_C", Add((MatMul(fx.S("A"), fx.S("W_C")), fx.S("b_C"))), fx.S("Z"), shapes=stated_shapes(
        (fx.S("A"), f"{n}×{d_v}"), " · ", (fx.S("W_C"), f"{d_v}×{C}"), " + ", (fx.S("b_C"), f"1×{C}"), " → ", f"{n}×{C}")))
    blocks.append(matrix_table(labels, tr.classes, f.Z, precision, corner="i \\ c"))
    blocks += [formula("P = softmax(Z)", fx.softmax(fx.S("Z")), fx.P), detail(t("attention.row_by_row_p"))]
    blocks.append(matrix_table(labels, tr.classes, f.P, precision, weights=True, corner="i \\ c"))
    tb = table(("i", "right"), ("", "left"), (t("attention.col.label"), "left"), (formula_text("P[i, y_i]"), "right"),
               (formula_text("−log P[i, y_i]"), "right"), (t("attention.col.prediction"), "left"))
    for i in range(n):
        y, pred = int(f.labels[i]), int(f.predictions[i])
        tb.rows.append(row(str(i + 1), Cell(labels[i], "name"), tr.classes[y], short(float(f.P[i, y]), precision),
                           short(float(f.losses[i]), precision),
                           Cell(tr.classes[pred] + (" ✓" if pred == y else " ✗"), "success" if pred == y else "error")))
    L = short(f.loss, precision)
    loss = f"L = Σ_i −log P[i, y_i] = {L}"
    tex = write_tex(Eq(fx.S("L"), Eq(LOSS, fx.S(L))))
    blocks += [tb, Note(loss, runs=[Run(loss, "result")], tex=tex)]
    return Section(blocks, t("attention.backward_forward"))


def classifier_section(tr: BackwardTrace, precision: int, explainer: Explainer) -> Section:
    f, b, labels = tr.forward, tr.backward, tr.forward_trace.labels
    n, C = f.Z.shape
    d_v = f.V.shape[1]
    blocks: list = [formula("∂L/∂Z = P − Y", Sub(fx.P, fx.S("Y")), fx.d("Z"))]
    if round_off(b.identities["dZ_row_sum"], f.P):  # each row: probabilities summing to 1, minus 1
        blocks.append(detail(t("attention.dZ_note", n=n, C=C)))
    blocks.append(matrix_table(labels, tr.classes, b.dZ, precision, corner="i \\ c"))
    blocks += said(explainer, "formula_ce_grad_rows")
    blocks += matrix_op("∂L/∂W_C = Aᵀ·∂L/∂Z", Eq(fx.d("W_C"), MatMul(Transpose(fx.S("A")), fx.d("Z"))), stated_shapes(
        (Transpose(fx.S("A")), f"{d_v}×{n}"), " · ", (fx.d("Z"), f"{n}×{C}"), " → ", f"{d_v}×{C}"), b.dW_C, "∂L/∂W_C")
    blocks += matrix_op("∂L/∂b_C = Σ_i ∂L/∂Z[i]", Eq(fx.d("b_C"), Sum("i", fx.d("Z[i]"))), stated_shapes(f"{n}×{C}", " → ", f"1×{C}"), b.db_C, "∂L/∂b_C")
    blocks += labelled_op("∂L/∂A = ∂L/∂Z·W_Cᵀ", Eq(fx.d("A"), MatMul(fx.d("Z"), Transpose(fx.S("W_C")))), stated_shapes(
        (fx.d("Z"), f"{n}×{C}"), " · ", (Transpose(fx.S("W_C")), f"{C}×{d_v}"), " → ", f"{n}×{d_v}"), labels, b.dA,
                          "∂L/∂A")
    return Section(blocks, t("attention.backward_classifier"))


def weighted_sum_section(tr: BackwardTrace, precision: int) -> Section:
    f, b, labels = tr.forward, tr.backward, tr.forward_trace.labels
    n = f.X.shape[0]
    d_v = f.V.shape[1]
    blocks: list = [formula("∂L/∂α = ∂L/∂A·Vᵀ", MatMul(fx.d("A"), Transpose(fx.V)), fx.d(fx.ALPHA), shapes=stated_shapes(
        (fx.d("A"), f"{n}×{d_v}"), " · ", (Transpose(fx.V), f"{d_v}×{n}"), " → ", f"{n}×{n}")),
                    matrix_table(labels, labels, b.dalpha, precision, corner="q \\ k")]
    blocks += labelled_op("∂L/∂V = αᵀ·∂L/∂A", Eq(fx.d("V"), MatMul(Transpose(fx.ALPHA), fx.d("A"))), stated_shapes(
        (Transpose(fx.ALPHA), f"{n}×{n}"), " · ", (fx.d("A"), f"{n}×{d_v}"), " → ", f"{n}×{d_v}"), labels, b.dV,
                          "∂L/∂V", t("attention.dV_note"))
    return Section(blocks, t("attention.backward_av"))


def jacobian_entry() -> Eq:
    """J[j, k] = α_j(δ_jk − α_k), one entry of the softmax's Jacobian (its shape line's)."""
    a_j, a_k, delta = fx.sub("α", "j", r"\alpha"), fx.sub("α", "k", r"\alpha"), fx.sub("δ", "jk", r"\delta", "jk")
    product = Sym(f"{a_j.name}({delta.name} − {a_k.name})", None, rf"{a_j.tex}\left({delta.tex} - {a_k.tex}\right)")
    return Eq(indexed(fx.S("J"), fx.S("j, k")), product)


def jacobian_section(tr: BackwardTrace, i: int, precision: int, explainer: Explainer) -> Section:
    """Query row i (0-based): J_i = diag(α_i) − α_iᵀα_i and ∂L/∂S_i = ∂L/∂α_i·J_i."""
    f, b, labels = tr.forward, tr.backward, tr.forward_trace.labels
    n = f.X.shape[0]
    I = i + 1
    dalpha, dS = numbers(b.dalpha[i], precision), numbers(b.dS[i], precision)
    result = dS.name
    lead = f"{dalpha.name} · J_{I} = "
    jac = fx.jacobian(I)
    blocks: list = [formula(f"J_{I} = ∂α_{I}/∂S_{I} = diag(α_{I}) − α_{I}ᵀα_{I}", jac.rhs, jac.lhs, shapes=stated_shapes(f"{n}×{n}", "; ", jacobian_entry())),
                    formula_note(Eq(fx.sub("α", str(I), r"\alpha"), numbers(f.alpha[i], precision)), indent=2),
                    matrix_table(labels, labels, b.jacobians[i], precision, corner="j \\ k")]
    blocks += said(explainer, "formula_softmax_jacobian")
    blocks += [formula(f"∂L/∂S_{I} = ∂L/∂α_{I}·J_{I}", MatMul(fx.d(fx.sub("α", str(I), r"\alpha")), fx.sub("J", str(I))), fx.d(fx.sub("S", str(I))), shapes=stated_shapes(f"1×{n}", " · ", f"{n}×{n}", " → ", f"1×{n}")),
               Note(lead + result, runs=[Run(lead), Run(result, "result")], indent=2,
                    tex=write_tex(Eq(MatMul(dalpha, fx.sub("J", str(I))), dS)))]
    ident = b.identities
    if round_off(ident["jacobian_row_sum"][i], f.alpha[i]) and round_off(ident["jacobian_asymmetry"][i], f.alpha[i]):
        blocks.append(detail(t("attention.jacobian_note", i=I)))
    return Section(blocks, t("attention.jacobian_rule", i=I, word=labels[i]))


def scores_section(tr: BackwardTrace, precision: int) -> Section:
    f, b, labels = tr.forward, tr.backward, tr.forward_trace.labels
    n, d = f.X.shape
    d_k = f.Q.shape[1]
    d_v = f.V.shape[1]
    s = short(f.scaling, precision)
    blocks: list = [Heading("∂L/∂S", 2), matrix_table(labels, labels, b.dS, precision, corner="q \\ k")]
    if round_off(b.identities["dS_row_sum"], b.dalpha):
        blocks.append(detail(t("attention.dS_rows")))
    scaled = Div(fx.d("S"), fx.S(s))
    blocks += labelled_op(f"∂L/∂Q = (∂L/∂S / {s})·K", Eq(fx.d("Q"), MatMul(scaled, fx.K)), stated_shapes(
        f"{n}×{n}", " · ", (fx.K, f"{n}×{d_k}"), " → ", f"{n}×{d_k}"), labels, b.dQ, "∂L/∂Q")
    blocks += labelled_op(f"∂L/∂K = (∂L/∂S / {s})ᵀ·Q", Eq(fx.d("K"), MatMul(Transpose(scaled), fx.Q)), stated_shapes(
        f"{n}×{n}", " · ", (fx.Q, f"{n}×{d_k}"), " → ", f"{n}×{d_k}"), labels, b.dK,
                          "∂L/∂K")
    blocks.append(Heading(t("attention.backward_weights"), 2))
    for name, g, width, src in (("W_Q", b.dW_Q, d_k, "∂L/∂Q"), ("W_K", b.dW_K, d_k, "∂L/∂K"),
                                ("W_V", b.dW_V, d_v, "∂L/∂V")):
        blocks += matrix_op(f"∂L/∂{name} = Xᵀ·{src}", Eq(fx.d(name), MatMul(Transpose(fx.X), fx.d(src[4:]))), stated_shapes(
            (Transpose(fx.X), f"{d}×{n}"), " · ", (fx.d(src[4:]), f"{n}×{width}"), " → ", f"{d}×{width}"), g,
                            f"∂L/∂{name}")
    blocks += labelled_op("∂L/∂X = ∂L/∂Q·W_Qᵀ + ∂L/∂K·W_Kᵀ + ∂L/∂V·W_Vᵀ",
                          Eq(fx.d("X"), Add(tuple(MatMul(fx.d(n), Transpose(fx.sub("W", n))) for n in "QKV"))), stated_shapes(
                              fx.S("3"), " × ", f"{n}×{d}", " → ", f"{n}×{d}"), labels, b.dX,
                          "∂L/∂X", t("attention.dX_note"))
    return Section(blocks, t("attention.backward_qk"))


def check_section(tr: BackwardTrace, precision: int) -> Section:
    c = tr.check
    tb = table((t("attention.col.param"), "left"), (t("attention.col.shape"), "left"), (formula_text("‖∂L/∂θ‖"), "right"),
               (t("attention.col.checked"), "right"), (t("attention.col.rel_error"), "right"), ("", "left"))
    for name, g in tr.backward.grads.items():
        ok = c.rel_error[name] < 1e-6
        tb.rows.append(row(formula_text(name), dims(g.shape if g.ndim == 2 else (1, g.size)), short(norm(float(np.linalg.norm(g)), g), precision),
                           f"{c.entries[name].size}/{c.sizes[name]}", fmt_number(c.rel_error[name], 1, True),
                           Cell("✓" if ok else "✗", "success" if ok else "error")))
    worst = c.worst
    verdict = Note(t("attention.check_ok" if worst < 1e-6 else "attention.check_bad", err=fmt_number(worst, 1, True)),
                   "success" if worst < 1e-6 else "error")
    blocks = [Note(t("attention.check_explain", eps=fmt_number(c.eps, 0, True)))]
    sampled = [name for name in c.sizes if c.entries[name].size < c.sizes[name]]
    if sampled:  # the table's "entries" column shows it too: k/size
        blocks.append(Note(tn("attention.check_sampled", len(sampled), names=", ".join(sampled),
                              max=max(c.entries[name].size for name in sampled))))
    return Section(blocks + [tb, verdict], t("attention.check_rule"))


def build_backward(tr: BackwardTrace, precision: int = 4, view: View = View()) -> Document:
    """The opening (the task and the equations), the forward pass and its loss, the backward pass
    page by page (a Jacobian page per query row: the first MAX_JACOBIAN_PAGES, or the rows ``--t``
    names), and the gradient check as the closing."""
    explainer = Explainer(view.explain)
    n = tr.forward.X.shape[0]
    title = tr.forward_trace.title
    pages = [Page("opening", title, [header(tr)]),
             Page("step", t("attention.backward_forward"), [forward_section(tr, precision, explainer)])]
    if not view.brief:
        pages += [Page("backward", t("attention.backward_classifier"), [classifier_section(tr, precision, explainer)]),
                  Page("backward", t("attention.backward_av"), [weighted_sum_section(tr, precision)])]
        rows = [i for i in range(n) if view.shows(i + 1)]
        if view.steps is None:
            rows = rows[:MAX_JACOBIAN_PAGES]
        jac = [jacobian_section(tr, i, precision, explainer) for i in rows]
        if view.steps is None and len(rows) < n:  # n pages of n×n tables would be n³ numbers: the rest are in the JSON
            jac[-1].blocks.append(detail(t("attention.jacobians_cut", k=len(rows), n=n), 0))
        pages += [Page("backward", s.title, [s], t=i + 1) for i, s in zip(rows, jac)]
        pages.append(Page("backward", t("attention.backward_qk"), [scores_section(tr, precision)]))
    pages.append(Page("closing", t("attention.check_rule"), [check_section(tr, precision)]))
    return Document("attention", title, pages, "row", precision, get_lang(), n)
