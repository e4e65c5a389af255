"""The newer attention views as rich renderables, printed through ``output.emit`` like the others
(kept apart from ``attention_rich`` so the document-model port can take them one by one):
the seq2seq decoder's scores by kind and its output layer, ``--backward`` and ``--block``.

Only layout: every number comes from the trace.
"""
from __future__ import annotations

import numpy as np
from rich.console import Group, RenderableType
from rich.text import Text

from rnntrace.attention_trace import BackwardTrace, BlockTrace, Seq2SeqTrace
from rnntrace.i18n import t, tn
from rnntrace.notation import dims, fmt_array, fmt_number
from rnntrace.render.attention_rich import Note, _panel, dim_line, heat, labelled, matrix_table, rule, short, table
from rnntrace.render.matrix import NAME_STYLE, RESULT_STYLE, SHAPE_STYLE, Block, BlockGrid, matrix_lines


def _row(v: np.ndarray, precision: int) -> str:
    return matrix_lines(v, precision)[0]


def _op(head: str, shapes: str) -> Note:
    """An operation's heading: the formula in bold, its shapes dimmed after it (wrapping under a
    hanging indent when the line is too long)."""
    return Note(head, "bold").append(f"    {shapes}", SHAPE_STYLE)


# ---- seq2seq: the score, by kind --------------------------------------------------------------
SCORE_EQUATIONS = {
    "dot": "score(h^d_{i−1}, h^e_j) = h^d_{i−1} · h^e_j",
    "general": "score(h^d_{i−1}, h^e_j) = h^d_{i−1}·W_a·h^e_jᵀ",
    "additive": "score(h^d_{i−1}, h^e_j) = vᵀ·tanh(h^d_{i−1}·W_1 + h^e_j·W_2)",
}


def score_lines(tr: Seq2SeqTrace, i: int, precision: int) -> list[RenderableType]:
    """Target word i's scores against every h^e_j, term by term with shapes, as ``tr.score`` makes them."""
    a = tr.attention
    st = a.steps[i - 1]
    sc = st.scoring
    n, H = a.encoder_states.shape
    q = f"h^d_{i - 1}"
    scores = fmt_array(st.scores, precision)[0]
    width = max(len(x) for x in scores)
    parts: list[RenderableType] = []
    if tr.score == "dot":
        parts.append(_op(f"score({q}, h^e_j) = {q} · h^e_j", f"{q} (1×{H}) · Eᵀ ({H}×{n}) → (1×{n})"))
        for j in range(n):
            parts.append(Text.assemble(f"  score({q}, h^e_{j + 1}) = {q} · h^e_{j + 1} = {scores[j].rjust(width)}",
                                       (f"    ({tr.source[j]})", SHAPE_STYLE)))
    elif tr.score == "general":
        parts.append(_op(f"score({q}, h^e_j) = ({q}·W_a) · h^e_j",
                         f"{q} (1×{H}) · W_a ({H}×{H}) → (1×{H});  · Eᵀ ({H}×{n}) → (1×{n})"))
        parts.append(Text(f"  {q}·W_a = {_row(sc.qW, precision)}"))
        for j in range(n):
            parts.append(Text.assemble(f"  score({q}, h^e_{j + 1}) = ({q}·W_a) · h^e_{j + 1} = {scores[j].rjust(width)}",
                                       (f"    ({tr.source[j]})", SHAPE_STYLE)))
    else:
        d_a = sc.q1.size
        parts.append(Text(f"score({q}, h^e_j) = vᵀ·tanh({q}·W_1 + h^e_j·W_2)", "bold"))
        for shapes in (f"{q} (1×{H}) · W_1 ({H}×{d_a}) → (1×{d_a})", f"h^e_j (1×{H}) · W_2 ({H}×{d_a}) → (1×{d_a})",
                       f"tanh(·) (1×{d_a}) · v ({d_a}×1) → (1×1)"):
            parts.append(dim_line("  " + shapes))
        parts.append(Text(f"  {q}·W_1 = {_row(sc.q1, precision)}"))
        for j in range(n):
            parts.append(Text(f"  j = {j + 1} ({tr.source[j]}):  h^e_{j + 1}·W_2 = {_row(sc.E2[j], precision)}", NAME_STYLE))
            parts.append(Text(f"    tanh({q}·W_1 + h^e_{j + 1}·W_2) = tanh({_row(sc.pre[j], precision)}) = "
                              f"{_row(sc.act[j], precision)}"))
            parts.append(Text(f"    score({q}, h^e_{j + 1}) = vᵀ·{_row(sc.act[j], precision)} = {scores[j]}"))
    return parts


# ---- seq2seq: the output layer ----------------------------------------------------------------
def output_section(tr: Seq2SeqTrace, i: int, precision: int) -> RenderableType:
    """y_i = softmax([h^d_i ; c_i]·W_out + b_out), the loss of target word i and the prediction."""
    o = tr.outputs[i - 1]
    H, V = tr.hidden_size, len(tr.output_vocab)
    word = tr.target[i - 1]
    b = " + b_out" if "b_out^d" not in tr.implicit_zero else ""
    parts: list[RenderableType] = [Text(t("attention.output_rule", i=i, word=word), "bold")]
    parts.append(_op(f"y_{i} = softmax([h^d_{i} ; c_{i}]·W_out{b})",
                     f"[h^d_{i} ; c_{i}] (1×{2 * H}) · W_out ({2 * H}×{V}) → (1×{V})"))
    parts.append(Text(f"  [h^d_{i} ; c_{i}] = {_row(o.concat, precision)}"))
    parts.append(Text(f"  z_{i} = [h^d_{i} ; c_{i}]·W_out{b} = {_row(o.logits, precision)}"))
    probs = fmt_array(o.probs, precision)[0]
    tb = table(*[(w, "right") for w in tr.output_vocab])
    tb.add_row(*[Text(p, heat(float(x)) + (" underline" if k == o.target else ""))
                 for k, (p, x) in enumerate(zip(probs, o.probs))])
    parts.append(Text(f"  y_{i} = softmax(z_{i})", "bold"))
    parts.append(tb)
    parts.append(Text(f"  loss_{i} = −log y_{i}[“{word}”] = −log {probs[o.target]} = {short(o.loss, precision)}",
                      RESULT_STYLE))
    if o.prediction is None:
        parts.append(Text("  " + t("attention.no_prediction", i=i), "bold red"))
    elif o.hit:
        parts.append(Text("  " + t("attention.hit", i=i, word=tr.output_vocab[o.prediction]), "bold green"))
    else:
        parts.append(Text("  " + t("attention.miss", i=i, word=tr.output_vocab[o.prediction], ref=word), "bold red"))
    return Group(*parts)


def predictions_section(tr: Seq2SeqTrace, precision: int) -> RenderableType:
    tb = table(("i", "right"), (t("attention.col.reads"), "left"), (t("attention.col.reference"), "left"),
               (t("attention.col.prediction"), "left"), (t("attention.col.p_reference"), "right"),
               (t("attention.col.loss"), "right"))
    for o, s, ref, pred in zip(tr.outputs, tr.decoder, tr.target, tr.predictions):
        mark = "" if pred is None else (" ✓" if o.hit else " ✗")
        tb.add_row(str(o.i), s.word, ref, Text(f"{pred or '—'}{mark}", "bold green" if o.hit else "bold red"),
                   short(float(o.probs[o.target]), precision), short(o.loss, precision))
    hits = sum(o.hit for o in tr.outputs)
    parts: list[RenderableType] = [rule(t("attention.predictions_rule")), tb,
                                   Text(tn("attention.total_loss", len(tr.outputs), loss=short(tr.loss, precision),
                                           hits=hits, m=len(tr.outputs)), "bold")]
    parts.append(dim_line("  " + t("attention.teacher_note" if tr.decode == "teacher" else "attention.greedy_note")))
    return Group(*parts)


def output_params(tr: Seq2SeqTrace, precision: int) -> RenderableType:
    """W_out (and b_out), and the score's weights: the parameters the older view does not show."""
    d = tr.decoder_params
    blocks = [Block(f"W_out^d ({dims(d['W_out'].shape)})", matrix_lines(d["W_out"], precision))]
    if "b_out^d" not in tr.implicit_zero:
        blocks.append(Block(f"b_out^d (1×{d['b_out'].size})", matrix_lines(d["b_out"], precision)))
    for name, v in tr.score_params.items():
        blocks.append(Block(f"{name} ({dims(v.shape if v.ndim == 2 else (v.size, 1))})", matrix_lines(
            v if v.ndim == 2 else v[:, None], precision)))
    return Group(BlockGrid(blocks, gap=2),
                 dim_line(t("attention.out_rows", words=" ".join(tr.output_vocab), H=tr.hidden_size)))


# ---- --backward -------------------------------------------------------------------------------
def _labelled_op(head: str, shapes: str, labels: list[str], M: np.ndarray, name: str, precision: int,
                 note: str | None = None) -> Group:
    parts: list[RenderableType] = [_op(head, shapes)]
    if note:
        parts.append(dim_line("  " + note))
    parts.append(labelled(name, labels, M, precision, RESULT_STYLE))
    return Group(*parts)


def _matrix_op(head: str, shapes: str, M: np.ndarray, name: str, precision: int, note: str | None = None) -> Group:
    parts: list[RenderableType] = [_op(head, shapes)]
    if note:
        parts.append(dim_line("  " + note))
    M2 = M if M.ndim == 2 else M[None, :]
    parts.append(BlockGrid([Block(f"{name} ({dims(M2.shape)})", matrix_lines(M2, precision), RESULT_STYLE)]))
    return Group(*parts)


def backward_header(tr: BackwardTrace, precision: int) -> RenderableType:
    f = tr.forward
    ft = tr.forward_trace
    n, C = f.Z.shape
    s = "√d_k" if ft.result.scale else "1"
    lines: list[RenderableType] = []
    if tr.task:
        lines.append(Text(t("attention.task", task=tr.task)))
    lines.append(Text(t("attention.labels_line", pairs=",  ".join(f"{w} → {y}" for w, y in zip(ft.labels, tr.labels)))))
    lines.append(Text(" · ".join([f"n = {n}", f"d_k = {ft.result.d_k}", f"d_v = {ft.result.d_v}",
                                   t("attention.facts.classes", C=C, words=" ".join(tr.classes))])))
    lines.append(Text(""))
    lines.append(Text(t("attention.eq.forward"), "bold underline"))
    for eq in ("Q = X·W_Q,  K = X·W_K,  V = X·W_V", f"S = Q·Kᵀ / {s},  α = softmax(S),  A = α·V",
               "Z = A·W_C + b_C,  P = softmax(Z),  L = Σ_i −log P[i, y_i]"):
        lines.append(Text("  " + eq))
    lines.append(dim_line("  " + t("attention.eq.rows")))
    lines.append(Text(t("attention.eq.backward"), "bold underline"))
    for eq in ("∂L/∂Z = P − Y   " + t("attention.eq.Y"), "∂L/∂A = ∂L/∂Z·W_Cᵀ",
               "∂L/∂α = ∂L/∂A·Vᵀ,   ∂L/∂V = αᵀ·∂L/∂A",
               "∂L/∂S_i = ∂L/∂α_i·J_i,   J_i = diag(α_i) − α_iᵀα_i",
               f"∂L/∂Q = (∂L/∂S / {s})·K,   ∂L/∂K = (∂L/∂S / {s})ᵀ·Q",
               "∂L/∂W_Q = Xᵀ·∂L/∂Q,  ∂L/∂W_K = Xᵀ·∂L/∂K,  ∂L/∂W_V = Xᵀ·∂L/∂V"):
        lines.append(Text("  " + eq))
    return _panel(t("attention.backward_title", title=ft.title), lines)


def backward_forward(tr: BackwardTrace, precision: int) -> RenderableType:
    f, ft = tr.forward, tr.forward_trace
    labels = ft.labels
    n, C = f.Z.shape
    d_v = f.V.shape[1]
    parts: list[RenderableType] = [rule(t("attention.backward_forward"))]
    parts.append(labelled("X", labels, f.X, precision))
    parts.append(BlockGrid([Block(f"{k} ({dims(f.params[k].shape)})", matrix_lines(f.params[k], precision))
                            for k in ("W_Q", "W_K", "W_V")], gap=2))
    parts.append(BlockGrid([Block(f"W_C ({dims(tr.W_C.shape)})", matrix_lines(tr.W_C, precision)),
                            Block(f"b_C (1×{C})", matrix_lines(tr.b_C, precision))], gap=2))
    if tr.training is not None:
        tg = tr.training
        parts.append(Note(tn("attention.trained", len(tr.trained_on), steps=tg.steps, lr=short(tg.lr, 6), seed=ft.seed,
                             before=short(float(tg.losses[0]), precision), after=short(float(tg.losses[-1]), precision)),
                          "bold"))
    drawn = ft.drawn + tr.drawn
    if drawn:
        parts.append(dim_line(t("attention.backward_drawn", seed=ft.seed, names=", ".join(drawn))))
    if tr.zero_bias:
        parts.append(dim_line(t("attention.bc_zero")))
    parts.append(Text(t("attention.backward_alpha"), "bold"))
    parts.append(matrix_table(labels, labels, f.alpha, precision, weights=True, hidden=f.mask,
                              top=np.argmax(f.alpha, axis=1), corner="q \\ k"))
    parts.append(_labelled_op("A = α·V", f"α ({n}×{n}) · V ({n}×{d_v}) → ({n}×{d_v})", labels, f.A, "A", precision))
    parts.append(_op("Z = A·W_C + b_C", f"A ({n}×{d_v}) · W_C ({d_v}×{C}) + b_C (1×{C}) → ({n}×{C})"))
    parts.append(matrix_table(labels, tr.classes, f.Z, precision, corner="i \\ c"))
    parts.append(Text("P = softmax(Z) " + t("attention.row_by_row_p"), "bold"))
    parts.append(matrix_table(labels, tr.classes, f.P, precision, weights=True, corner="i \\ c"))
    tb = table(("i", "right"), ("", "left"), (t("attention.col.label"), "left"), ("P[i, y_i]", "right"),
               ("−log P[i, y_i]", "right"), (t("attention.col.prediction"), "left"))
    for i in range(n):
        y, pred = int(f.labels[i]), int(f.predictions[i])
        tb.add_row(str(i + 1), Text(labels[i], NAME_STYLE), tr.classes[y], short(float(f.P[i, y]), precision),
                   short(float(f.losses[i]), precision),
                   Text(tr.classes[pred] + (" ✓" if pred == y else " ✗"), "bold green" if pred == y else "bold red"))
    parts.append(tb)
    parts.append(Text(f"L = Σ_i −log P[i, y_i] = {short(f.loss, precision)}", RESULT_STYLE))
    return Group(*parts)


def backward_output(tr: BackwardTrace, precision: int) -> RenderableType:
    f, b, labels = tr.forward, tr.backward, tr.forward_trace.labels
    n, C = f.Z.shape
    d_v = f.V.shape[1]
    parts: list[RenderableType] = [rule(t("attention.backward_classifier"))]
    parts.append(Text("∂L/∂Z = P − Y", "bold"))
    parts.append(dim_line("  " + t("attention.dZ_note", n=n, C=C)))
    parts.append(matrix_table(labels, tr.classes, b.dZ, precision, corner="i \\ c"))
    parts.append(_matrix_op("∂L/∂W_C = Aᵀ·∂L/∂Z", f"Aᵀ ({d_v}×{n}) · ∂L/∂Z ({n}×{C}) → ({d_v}×{C})", b.dW_C,
                            "∂L/∂W_C", precision))
    parts.append(_matrix_op("∂L/∂b_C = Σ_i ∂L/∂Z[i]", f"({n}×{C}) → (1×{C})", b.db_C, "∂L/∂b_C", precision))
    parts.append(_labelled_op("∂L/∂A = ∂L/∂Z·W_Cᵀ", f"∂L/∂Z ({n}×{C}) · W_Cᵀ ({C}×{d_v}) → ({n}×{d_v})", labels,
                              b.dA, "∂L/∂A", precision))
    return Group(*parts)


def backward_attention(tr: BackwardTrace, precision: int) -> RenderableType:
    f, b, labels = tr.forward, tr.backward, tr.forward_trace.labels
    n = f.X.shape[0]
    d_v = f.V.shape[1]
    parts: list[RenderableType] = [rule(t("attention.backward_av"))]
    parts.append(_op("∂L/∂α = ∂L/∂A·Vᵀ", f"∂L/∂A ({n}×{d_v}) · Vᵀ ({d_v}×{n}) → ({n}×{n})"))
    parts.append(matrix_table(labels, labels, b.dalpha, precision, corner="q \\ k"))
    parts.append(_labelled_op("∂L/∂V = αᵀ·∂L/∂A", f"αᵀ ({n}×{n}) · ∂L/∂A ({n}×{d_v}) → ({n}×{d_v})", labels,
                              b.dV, "∂L/∂V", precision, t("attention.dV_note")))
    return Group(*parts)


def jacobian_section(tr: BackwardTrace, i: int, precision: int) -> RenderableType:
    """Query row i (0-based): J_i = diag(α_i) − α_iᵀα_i and ∂L/∂S_i = ∂L/∂α_i·J_i."""
    f, b, labels = tr.forward, tr.backward, tr.forward_trace.labels
    n = f.X.shape[0]
    I = i + 1
    parts: list[RenderableType] = [rule(t("attention.jacobian_rule", i=I, word=labels[i]))]
    parts.append(_op(f"J_{I} = ∂α_{I}/∂S_{I} = diag(α_{I}) − α_{I}ᵀα_{I}", f"({n}×{n}); J[j, k] = α_j(δ_jk − α_k)"))
    parts.append(Text(f"  α_{I} = {_row(f.alpha[i], precision)}"))
    parts.append(matrix_table(labels, labels, b.jacobians[i], precision, corner="j \\ k"))
    parts.append(_op(f"∂L/∂S_{I} = ∂L/∂α_{I}·J_{I}", f"(1×{n}) · ({n}×{n}) → (1×{n})"))
    parts.append(Note(f"  {_row(b.dalpha[i], precision)} · J_{I} = ").append(_row(b.dS[i], precision), RESULT_STYLE))
    parts.append(dim_line("  " + t("attention.jacobian_note", i=I)))
    return Group(*parts)


def backward_scores(tr: BackwardTrace, precision: int) -> RenderableType:
    f, b, labels = tr.forward, tr.backward, tr.forward_trace.labels
    n, d = f.X.shape
    d_k = f.Q.shape[1]
    d_v = f.V.shape[1]
    s = short(f.scaling, precision)
    parts: list[RenderableType] = [rule(t("attention.backward_qk"))]
    parts.append(Text("∂L/∂S", "bold"))
    parts.append(matrix_table(labels, labels, b.dS, precision, corner="q \\ k"))
    parts.append(dim_line("  " + t("attention.dS_rows")))
    parts.append(_labelled_op(f"∂L/∂Q = (∂L/∂S / {s})·K", f"({n}×{n}) · K ({n}×{d_k}) → ({n}×{d_k})", labels,
                              b.dQ, "∂L/∂Q", precision))
    parts.append(_labelled_op(f"∂L/∂K = (∂L/∂S / {s})ᵀ·Q", f"({n}×{n}) · Q ({n}×{d_k}) → ({n}×{d_k})", labels,
                              b.dK, "∂L/∂K", precision))
    parts.append(Text(t("attention.backward_weights"), "bold"))
    for name, g, shp in (("W_Q", b.dW_Q, d_k), ("W_K", b.dW_K, d_k), ("W_V", b.dW_V, d_v)):
        src = {"W_Q": "∂L/∂Q", "W_K": "∂L/∂K", "W_V": "∂L/∂V"}[name]
        parts.append(_matrix_op(f"∂L/∂{name} = Xᵀ·{src}", f"Xᵀ ({d}×{n}) · {src} ({n}×{shp}) → ({d}×{shp})", g,
                                f"∂L/∂{name}", precision))
    parts.append(_labelled_op("∂L/∂X = ∂L/∂Q·W_Qᵀ + ∂L/∂K·W_Kᵀ + ∂L/∂V·W_Vᵀ", f"3 × ({n}×{d}) → ({n}×{d})", labels,
                              b.dX, "∂L/∂X", precision, t("attention.dX_note")))
    return Group(*parts)


def backward_check(tr: BackwardTrace, precision: int) -> RenderableType:
    c = tr.check
    tb = table((t("attention.col.param"), "left"), (t("attention.col.shape"), "left"), ("‖∂L/∂θ‖", "right"),
               (t("attention.col.checked"), "right"), (t("attention.col.rel_error"), "right"), ("", "left"))
    for name, g in tr.backward.grads.items():
        ok = c.rel_error[name] < 1e-6
        tb.add_row(name, dims(g.shape if g.ndim == 2 else (1, g.size)), short(float(np.linalg.norm(g)), precision),
                   f"{c.entries[name].size}/{c.sizes[name]}", fmt_number(c.rel_error[name], 1, True),
                   Text("✓" if ok else "✗", "bold green" if ok else "bold red"))
    lines: list[RenderableType] = [rule(t("attention.check_rule")),
                                   Text(t("attention.check_explain", eps=fmt_number(c.eps, 0, True))), tb]
    worst = c.worst
    key = "attention.check_ok" if worst < 1e-6 else "attention.check_bad"
    lines.append(Text(t(key, err=fmt_number(worst, 1, True)), "bold"))
    return Group(*lines)


MAX_JACOBIAN_PAGES = 6  # a page per query row up to this many; a long sentence shows the first ones


def render_backward(tr: BackwardTrace, precision: int = 4) -> list[RenderableType]:
    n = tr.forward.X.shape[0]
    shown = min(n, MAX_JACOBIAN_PAGES)
    pages = [jacobian_section(tr, i, precision) for i in range(shown)]
    if shown < n:  # n pages of n×n tables would be n³ numbers: the rest are in the JSON
        pages[-1] = Group(pages[-1], dim_line(t("attention.jacobians_cut", k=shown, n=n)))
    return ([backward_header(tr, precision), backward_forward(tr, precision), backward_output(tr, precision),
             backward_attention(tr, precision)] + pages
            + [backward_scores(tr, precision), backward_check(tr, precision)])


# ---- --block ----------------------------------------------------------------------------------
def block_header(tr: BlockTrace, precision: int) -> RenderableType:
    b = tr.block
    n, d = b.X.shape
    lines: list[RenderableType] = [Text(" · ".join([f"n = {n}", f"d_model = {d}", f"h = {b.attention.n_heads}",
                                                     f"d_k = d_v = {b.attention.d_k}", f"d_ff = {b.d_ff}",
                                                     f"ε = {fmt_number(b.epsilon, 0, True)}"])), Text("")]
    lines.append(Text(t("attention.equations"), "bold underline"))
    for eq in ("M = [head_1 | … | head_h]·W_O,   head_k = softmax(Q_k·K_kᵀ / √d_k)·V_k",
               "R_1 = X + M", "N_1 = LayerNorm(R_1; γ_1, β_1)", "F = ReLU(N_1·W_1 + b_1)·W_2 + b_2",
               "R_2 = N_1 + F", "Y = LayerNorm(R_2; γ_2, β_2)",
               "LayerNorm(r) = γ ⊙ (r − μ) / √(σ² + ε) + β"):
        lines.append(Text("  " + eq))
    lines.append(dim_line("  " + t("attention.block_norm_note")))
    lines.append(dim_line("  " + t("attention.block_dff", d_ff=b.d_ff, d=d)))
    return _panel(t("attention.block_title", title=tr.forward_trace.title), lines)


def block_params(tr: BlockTrace, precision: int) -> RenderableType:
    p = tr.block.params
    parts: list[RenderableType] = [rule(t("forward.params"))]
    parts.append(BlockGrid([Block(f"{k} ({dims(p[k].shape)})", matrix_lines(p[k], precision))
                            for k in ("W_Q", "W_K", "W_V", "W_O")], gap=2))
    parts.append(BlockGrid([Block(f"W_1 ({dims(p['W_1'].shape)})", matrix_lines(p["W_1"], precision))]))
    parts.append(BlockGrid([Block(f"W_2 ({dims(p['W_2'].shape)})", matrix_lines(p["W_2"], precision)),
                            Block(f"b_1 ({p['b_1'].size}×1)", matrix_lines(p["b_1"][:, None], precision))], gap=2))
    parts.append(BlockGrid([Block(f"{k} (1×{p[k].size})", matrix_lines(p[k], precision))
                            for k in ("b_2", "gamma_1", "beta_1", "gamma_2", "beta_2")], gap=2))
    if tr.drawn:
        parts.append(dim_line(t("attention.block_drawn", seed=tr.forward_trace.seed, names=", ".join(tr.drawn))))
    if tr.initial:
        parts.append(dim_line(t("attention.block_initial", names=", ".join(tr.initial))))
    return Group(*parts)


def block_attention(tr: BlockTrace, precision: int) -> RenderableType:
    b = tr.block
    a = b.attention
    labels = tr.forward_trace.labels
    n, d = b.X.shape
    parts: list[RenderableType] = [rule(t("attention.block_mha"))]
    parts.append(labelled("X", labels, b.X, precision))
    parts.append(_op("Q = X·W_Q,  K = X·W_K,  V = X·W_V", f"X ({n}×{d}) · ({d}×{d}) → ({n}×{d})"))
    if a.n_heads > 1:
        parts.append(dim_line(t("attention.split", h=a.n_heads, dk=a.d_k, dv=a.d_v)))
    for h in a.heads:
        sub = f"_{h.index}"
        parts.append(_op(f"α{sub} = softmax(Q{sub}·K{sub}ᵀ / {short(h.scaling, precision)})",
                         f"Q{sub} ({dims(h.Q.shape)}) · K{sub}ᵀ ({dims(h.K.T.shape)}) → ({n}×{n})"))
        parts.append(matrix_table(labels, labels, h.weights, precision, weights=True, top=h.argmax, corner="q \\ k"))
        parts.append(_labelled_op(f"head{sub} = α{sub}·V{sub}", f"({n}×{n}) · V{sub} ({dims(h.V.shape)}) → "
                                  f"({dims(h.output.shape)})", labels, h.output, f"head{sub}", precision))
    heads = " | ".join(f"head_{h.index}" for h in a.heads)
    parts.append(_labelled_op(f"M = [{heads}]·W_O", f"({dims(a.concat.shape)}) · W_O ({d}×{d}) → ({n}×{d})",
                              labels, a.output, "M", precision))
    return Group(*parts)


def _norm_lines(name: str, k: int, ln, labels: list[str], precision: int) -> list[RenderableType]:
    n, d = ln.input.shape
    tb = table(("", "left"), ("μ", "right"), ("σ²", "right"), ("√(σ² + ε)", "right"))
    mu, var, std = (fmt_array(v, precision)[0] for v in (ln.mean, ln.var, ln.std))
    for i in range(n):
        tb.add_row(Text(labels[i], NAME_STYLE), mu[i], var[i], std[i])
    return [_op(f"{name} = LayerNorm(R_{k}) = γ_{k} ⊙ (R_{k} − μ) / √(σ² + ε) + β_{k}",
                f"({n}×{d}) → ({n}×{d}), " + t("attention.per_row", d=d)), tb,
            labelled(f"(R_{k} − μ) / √(σ² + ε)", labels, ln.normed, precision),
            labelled(name, labels, ln.output, precision, RESULT_STYLE)]


def block_add_norm(tr: BlockTrace, k: int, precision: int) -> RenderableType:
    """Residual connection k and the layer norm after it: R_1 = X + M → N_1, R_2 = N_1 + F → Y."""
    b = tr.block
    labels = tr.forward_trace.labels
    n, d = b.X.shape
    head, R, name, norm = (("R_1 = X + M", b.residual_1, "N_1", b.norm_1) if k == 1 else
                           ("R_2 = N_1 + F", b.residual_2, "Y", b.norm_2))
    parts: list[RenderableType] = [rule(t("attention.block_add_norm", k=k))]
    parts.append(_labelled_op(head, f"({n}×{d}) + ({n}×{d}) → ({n}×{d})", labels, R, f"R_{k}", precision,
                              t("attention.residual_note") if k == 1 else None))
    parts += _norm_lines(name, k, norm, labels, precision)
    if k == 2:
        parts.append(dim_line(t("attention.block_out", n=n, d=d)))
    return Group(*parts)


def block_ff(tr: BlockTrace, precision: int) -> RenderableType:
    b = tr.block
    labels = tr.forward_trace.labels
    n, d = b.X.shape
    f = b.d_ff
    parts: list[RenderableType] = [rule(t("attention.block_ff"))]
    parts.append(_labelled_op("N_1·W_1 + b_1", f"({n}×{d}) · W_1 ({d}×{f}) + b_1 (1×{f}) → ({n}×{f})", labels,
                              b.hidden_pre, "N_1·W_1 + b_1", precision))
    zeros = int(np.sum(b.hidden_pre <= 0))
    parts.append(_labelled_op("ReLU(N_1·W_1 + b_1)", f"({n}×{f}) → ({n}×{f})", labels, b.hidden, "ReLU", precision,
                              t("attention.relu_note", k=zeros, total=b.hidden.size)))
    parts.append(_labelled_op("F = ReLU(·)·W_2 + b_2", f"({n}×{f}) · W_2 ({f}×{d}) + b_2 (1×{d}) → ({n}×{d})", labels,
                              b.ff, "F", precision))
    return Group(*parts)


def render_block(tr: BlockTrace, precision: int = 4) -> list[RenderableType]:
    return [block_header(tr, precision), block_params(tr, precision), block_attention(tr, precision),
            block_add_norm(tr, 1, precision), block_ff(tr, precision), block_add_norm(tr, 2, precision)]
