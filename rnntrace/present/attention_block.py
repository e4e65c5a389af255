"""``rnntrace attention --block`` as a Document: one post-norm Transformer encoder block, op by op.
The opening states the sizes and the equations, with the parameters; then a page each for
multi-head attention and W_O, the first residual and layer norm, the ReLU feed-forward layer, and
the second residual and layer norm, which gives the block's output.

Only layout: every number comes from the trace (``attention_trace.run_block``).
"""
from __future__ import annotations

import numpy as np

from rnntrace import attention_formulas as fx
from rnntrace.attention_trace import BlockTrace
from rnntrace.document import Cell, Document, Grid, Heading, Matrix, Note, Page, Section, View
from rnntrace.explain import Explainer
from rnntrace.i18n import formula as formula_text, get_lang, join, t
from rnntrace.notation import dims, fmt_array, fmt_number, stated_shapes
from rnntrace.present.attention import detail, formula, labelled, matrix_table, named, said, short
from rnntrace.present.attention_backward import labelled_op
from rnntrace.present.common import row, table
from rnntrace.trace import Add, Apply, Call, Div, Eq, MatMul, Sqrt, Sub, Transpose


def hidden() -> Add:
    """N_1·W_1 + b_1."""
    return Add((MatMul(fx.S("N_1"), fx.S("W_1")), fx.S("b_1")))


def ffn(inner=None) -> Add:
    """ReLU(N_1·W_1 + b_1)·W_2 + b_2 (``inner`` in place of the ReLU's argument)."""
    return Add((MatMul(Apply("ReLU", hidden() if inner is None else inner), fx.S("W_2")), fx.S("b_2")))


def header(tr: BlockTrace) -> Section:
    b = tr.block
    n, d = b.X.shape
    blocks: list = [Note(join(" · ", [formula_text(x) for x in (f"n = {n}", f"d_model = {d}", f"h = {b.attention.n_heads}",
                                     f"d_k = d_v = {b.attention.d_k}", f"d_ff = {b.d_ff}",
                                     f"ε = {fmt_number(b.epsilon, 0, True)}")])), Note(""),
                    Heading(t("attention.equations"), 1)]
    S = fx.S
    head = lambda k: fx.sub("head", k, r"\mathrm{head}")  # noqa: E731
    heads = fx.Concat((head("1"), fx.ELLIPSIS, head("h")), "|")
    blocks += [formula(text, tree, indent=2) for text, tree in (
        ("M = [head_1 | … | head_h]·W_O,   head_k = softmax(Q_k·K_kᵀ / √d_k)·V_k",
         fx.eqs((S("M"), MatMul(heads, S("W_O"))), (head("k"), MatMul(fx.softmax(fx.scaled(S("Q_k"), S("K_k"))), S("V_k"))))),
        ("R_1 = X + M", Eq(S("R_1"), Add((fx.X, S("M"))))),
        ("N_1 = LayerNorm(R_1; γ_1, β_1)", Eq(S("N_1"), Call("LayerNorm", (S("R_1"), fx.sub("γ", "1", r"\gamma"), fx.sub("β", "1", r"\beta"))))),
        ("F = ReLU(N_1·W_1 + b_1)·W_2 + b_2", Eq(S("F"), ffn())),
        ("R_2 = N_1 + F", Eq(S("R_2"), Add((S("N_1"), S("F"))))),
        ("Y = LayerNorm(R_2; γ_2, β_2)", Eq(S("Y"), Call("LayerNorm", (S("R_2"), fx.sub("γ", "2", r"\gamma"), fx.sub("β", "2", r"\beta"))))),
        ("LayerNorm(r) = γ ⊙ (r − μ) / √(σ² + ε) + β", Eq(Call("LayerNorm", (S("r"),)), fx.layer_norm(S("r")))))]
    blocks += [detail(t("attention.block_norm_note")), detail(t("attention.block_dff", d_ff=b.d_ff, d=d))]
    return Section(blocks, t("attention.block_title", title=tr.forward_trace.title), framed=True)


def params_section(tr: BlockTrace) -> Section:
    p = tr.block.params

    def m(name: str, value: np.ndarray | None = None) -> Matrix:
        base, _, index = name.partition("_")
        s = fx.sub(base, index, r"\mathrm{" + base + "}") if base in ("gamma", "beta") else fx.S(name)
        return named(s, p[name] if value is None else value, "plain")

    blocks: list = [Grid([m(k) for k in ("W_Q", "W_K", "W_V", "W_O")], gap=2), Grid([m("W_1")]),
                    Grid([m("W_2"), m("b_1", p["b_1"][:, None])], gap=2),
                    Grid([m(k) for k in ("b_2", "gamma_1", "beta_1", "gamma_2", "beta_2")], gap=2)]
    if tr.drawn:
        blocks.append(detail(t("attention.block_drawn", seed=tr.forward_trace.seed, names=join(", ", map(formula_text, tr.drawn))), 0))
    if tr.initial:
        blocks.append(detail(t("attention.block_initial", names=join(", ", map(formula_text, tr.initial))), 0))
    return Section(blocks, t("forward.params"))


def attention_section(tr: BlockTrace, precision: int, explainer: Explainer) -> Section:
    b = tr.block
    a = b.attention
    labels = tr.forward_trace.labels
    n, d = b.X.shape
    blocks: list = [labelled(fx.X, labels, b.X),
                    formula("Q = X·W_Q,  K = X·W_K,  V = X·W_V", fx.projections(), shapes=stated_shapes(
                        (fx.X, f"{n}×{d}"), " · ", f"{d}×{d}", " → ", f"{n}×{d}"))]
    blocks += said(explainer, "formula_projection")
    if a.n_heads > 1:
        blocks.append(detail(t("attention.split", h=a.n_heads, dk=a.d_k, dv=a.d_v), 0))
    for h in a.heads:
        sub = f"_{h.index}"
        (Q, K, V), A = (fx.sub(x, str(h.index)) for x in "QKV"), fx.sub("α", str(h.index), r"\alpha")
        H = fx.sub("head", str(h.index), r"\mathrm{head}")
        value = short(h.scaling, precision)
        blocks.append(formula(f"α{sub} = softmax(Q{sub}·K{sub}ᵀ / {value})",
                              fx.softmax(fx.scaled(Q, K, value=value)), A,
                              shapes=stated_shapes(
                                  (Q, dims(h.Q.shape)), " · ", (Transpose(K), dims(h.K.T.shape)), " → ", f"{n}×{n}")))
        blocks.append(matrix_table(labels, labels, h.weights, precision, weights=True, top=h.argmax, corner="q \\ k"))
        blocks += said(explainer, "formula_softmax")
        blocks += labelled_op(f"head{sub} = α{sub}·V{sub}", Eq(H, MatMul(A, V)), stated_shapes(
                              f"{n}×{n}", " · ", (V, dims(h.V.shape)), " → ", dims(h.output.shape)), labels, h.output, f"head{sub}")
    heads = " | ".join(f"head_{h.index}" for h in a.heads)
    blocks += labelled_op(f"M = [{heads}]·W_O", Eq(fx.S("M"), fx.output(a.n_heads, full=True)), stated_shapes(
        dims(a.concat.shape), " · ", (fx.sub("W", "O"), f"{d}×{d}"), " → ", f"{n}×{d}"), labels,
                          a.output, "M")
    return Section(blocks, t("attention.block_mha"))


def add_norm_section(tr: BlockTrace, k: int, precision: int, explainer: Explainer) -> Section:
    """Residual connection k and the layer norm after it: R_1 = X + M → N_1, R_2 = N_1 + F → Y."""
    b = tr.block
    labels = tr.forward_trace.labels
    n, d = b.X.shape
    head, R, name, ln = (("R_1 = X + M", b.residual_1, "N_1", b.norm_1) if k == 1 else
                         ("R_2 = N_1 + F", b.residual_2, "Y", b.norm_2))
    left, right = ("X", "M") if k == 1 else ("N_1", "F")
    r = fx.sub("R", str(k))
    blocks = labelled_op(head, Eq(r, Add((fx.S(left), fx.S(right)))), stated_shapes(
        f"{n}×{d}", " + ", f"{n}×{d}", " → ", f"{n}×{d}"), labels, R, f"R_{k}",
                         t("attention.residual_note") if k == 1 else None)
    normed = Div(Sub(r, fx.MU), Sqrt(Add((fx.SIGMA2, fx.EPS))))  # (R_k − μ) / √(σ² + ε)
    tb = table(("", "left"), ("μ", "right"), ("σ²", "right"), ("√(σ² + ε)", "right"))
    mu, var, std = (fmt_array(v, precision)[0] for v in (ln.mean, ln.var, ln.std))
    for i in range(n):
        tb.rows.append(row(Cell(labels[i], "name"), mu[i], var[i], std[i]))
    blocks += [formula(f"{name} = LayerNorm(R_{k}) = γ_{k} ⊙ (R_{k} − μ) / √(σ² + ε) + β_{k}",
                       Eq(Call("LayerNorm", (r,)), fx.layer_norm(r, str(k))), fx.S(name),
                       shapes=stated_shapes(f"{n}×{d}", " → ", f"{n}×{d}")), detail(t("attention.per_row", d=d)), tb,
               labelled(f"(R_{k} − μ) / √(σ² + ε)", labels, ln.normed, expr=normed),
               labelled(fx.S(name), labels, ln.output, "result")]
    blocks += said(explainer, "formula_layer_norm")
    if k == 2:
        blocks.append(detail(t("attention.block_out", n=n, d=d), 0))
    return Section(blocks, t("attention.block_add_norm", k=k))


def feed_forward_section(tr: BlockTrace, explainer: Explainer) -> Section:
    b = tr.block
    labels = tr.forward_trace.labels
    n, d = b.X.shape
    f = b.d_ff
    zeros = int(np.sum(b.hidden_pre <= 0))
    blocks = labelled_op("N_1·W_1 + b_1", hidden(), stated_shapes(
        f"{n}×{d}", " · ", (fx.S("W_1"), f"{d}×{f}"), " + ", (fx.S("b_1"), f"1×{f}"), " → ", f"{n}×{f}"), labels,
                         b.hidden_pre, "N_1·W_1 + b_1")
    blocks += labelled_op("ReLU(N_1·W_1 + b_1)", Apply("ReLU", hidden()), stated_shapes(f"{n}×{f}", " → ", f"{n}×{f}"), labels, b.hidden, "ReLU",
                          t("attention.relu_note", k=zeros, total=b.hidden.size))
    blocks += said(explainer, "formula_relu")
    blocks += labelled_op("F = ReLU(·)·W_2 + b_2", Eq(fx.S("F"), ffn(fx.S("·", r"\cdot"))), stated_shapes(
        f"{n}×{f}", " · ", (fx.S("W_2"), f"{f}×{d}"), " + ", (fx.S("b_2"), f"1×{d}"), " → ", f"{n}×{d}"), labels,
                          b.ff, "F")
    return Section(blocks, t("attention.block_ff"))


def build_block(tr: BlockTrace, precision: int = 4, view: View = View()) -> Document:
    """The opening (sizes, equations, parameters), a page per stage of the block, in the order it
    computes them; the second residual and layer norm, which give the output, close it."""
    explainer = Explainer(view.explain)
    title = tr.forward_trace.title
    pages = [Page("opening", title, [header(tr), params_section(tr)])]
    if not view.brief:
        pages += [Page("step", s.title, [s]) for s in (attention_section(tr, precision, explainer),
                                                      add_norm_section(tr, 1, precision, explainer),
                                                      feed_forward_section(tr, explainer))]
    pages.append(Page("closing", t("attention.block_add_norm", k=2), [add_norm_section(tr, 2, precision, explainer)]))
    return Document("attention", title, pages, "row", precision, get_lang(), 0)
