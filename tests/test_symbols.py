"""Symbols have an identity (``Sym.key``) apart from their names: ``--explain`` and the bptt
builder recognise an operation by what it computes, so renaming what is shown (another language,
the lecture's Γ_t for z_t, a layer's superscript) changes no sentence that is chosen."""
from __future__ import annotations

import pytest

import rnntrace as rt
from rnntrace.cells import CANDIDATE, GATE, H_PREV
from rnntrace.document import Note, Operation
from rnntrace.explain import Explainer
from rnntrace.i18n import set_lang
from rnntrace.network import rename_ops
from rnntrace.present import bptt as present_bptt
from rnntrace.trace import Had, Op, OneMinus, Sym


def _shown(s: Sym) -> Sym:
    """Every name written otherwise: z_t as the lecture's Γ_t, the rest with a Spanish ñ in front."""
    return s._replace(name="Γ_t" if s.name == "z_t" else "ñ" + s.name)


def _kinds(ops) -> list[str]:
    ex = Explainer(True)
    return [ex.kind(op) for op in ops]


@pytest.mark.parametrize("cell,variant", [("rnn", "lecture"), ("gru", "lecture"), ("gru", "torch"),
                                          ("lstm", "lecture")])
def test_explain_kinds_do_not_depend_on_the_names_shown(cell, variant):
    tr = rt.forward(cell=cell, gru_variant=variant)
    for step in tr.steps:
        kinds = _kinds(step.ops)
        renamed = rename_ops([Op(o.target, o.expr, o.operands, o.value) for o in step.ops], _shown)
        assert [o.target.name for o in renamed if o.target is not None][0].startswith(("ñ", "Γ"))
        assert _kinds(renamed) == kinds
    expected = {"rnn": set(), "gru": {"keep", "take_candidate", "gate_update", "gate_reset"},
                "lstm": {"forget", "write", "read", "lstm_memory"}}[cell]
    if cell == "gru" and variant == "lecture":
        expected |= {"reset"}
    assert expected <= set(_kinds(tr.steps[0].ops))
    if variant == "torch":  # r_t multiplies h_{t−1}·W_hh + b_hn there: no r_t ⊙ h_{t−1} product
        assert "reset" not in _kinds(tr.steps[0].ops)


def test_a_product_is_recognised_by_its_operands_keys_not_their_names():
    z, h_prev = GATE["z"], H_PREV
    keyed = Op(None, Had(z, h_prev), ((z, [0.5]), (h_prev, [1.0])), [0.5])
    assert Explainer(True).kind(keyed) == "keep"
    plain = Op(None, Had(Sym("z_t"), Sym("h_{t−1}")), keyed.operands, [0.5])
    assert Explainer(True).kind(plain) == "hadamard"  # the same names, no identity: a plain ⊙
    gamma = Op(None, Had(OneMinus(Sym("Γ_t", z.key)), Sym("ĥ_t", CANDIDATE["h"].key)), keyed.operands, [0.5])
    assert Explainer(True).kind(gamma) == "take_candidate"


def _notes(doc) -> list[tuple[str, str]]:
    """(kind of operation or "note", its text for a note) on the backward pages, in order."""
    out = []
    for page in doc.pages:
        if page.kind != "backward":
            continue
        for b in page.blocks:
            if isinstance(b, Operation):
                out.append((b.kind, ""))
            elif isinstance(b, Note) and b.kind == "info":
                out.append(("note", b.text))
    return out


@pytest.mark.parametrize("cell,variant", [("rnn", "lecture"), ("gru", "lecture"), ("gru", "torch"), ("lstm", "lecture")])
def test_bptt_notes_do_not_depend_on_the_names_shown(cell, variant):
    from rnntrace.document import View

    tr = rt.bptt(cell=cell, gru_variant=variant)
    doc = present_bptt.build(tr.trace, view=View())
    notes = _notes(doc)
    assert sum(k == "note" for k, _ in notes) >= 3  # ∂L/∂y_t, ∂L/∂h_t, what goes back
    for s in tr.trace.steps:
        rename_ops(s.ops, _shown)
    assert _notes(present_bptt.build(tr.trace, view=View())) == notes


def test_the_same_notes_are_chosen_in_spanish():
    from rnntrace.document import View

    tr = rt.bptt(cell="gru")
    try:
        en = [k for k, _ in _notes(present_bptt.build(tr.trace, view=View()))]
        set_lang("es")
        es_notes = _notes(present_bptt.build(tr.trace, view=View()))
    finally:
        set_lang("en")
    assert [k for k, _ in es_notes] == en
    assert any("compuerta" in text for _, text in es_notes)


@pytest.mark.parametrize("cell,variant", [("rnn", "lecture"), ("gru", "lecture"), ("gru", "torch"), ("lstm", "lecture")])
def test_latex_writes_the_cells_symbols_with_their_own_tex(cell, variant):
    """Every symbol the cells name carries its TeX, in both conventions: writing every op of a
    forward and a bptt trace spells no name from its Unicode (target words and the column
    convention's chain-rule names included: they are made with their TeX)."""
    from rnntrace.notation import write_tex
    from rnntrace.render import latex

    fw, bw = rt.forward(cell=cell, gru_variant=variant), rt.bptt(cell=cell, gru_variant=variant)
    ops = [op for s in fw.steps for op in s.ops] + [op for s in bw.trace.steps for op in s.ops]
    for conv in ("row", "column"):
        latex.MISSING.clear()
        written = [latex.expr(e, conv) for op in ops for e in (op.expr, op.target) if e is not None]
        assert latex.MISSING == [] and written
    back = [op.target for op in ops if op.target is not None and op.target.key and op.target.key[0] == "back"][0]
    y = back.key[1]  # h, or the LSTM's s = (h, c)
    assert latex.expr(back, "row") == rf"\partial L/\partial {y}_{{t}}\cdot \partial {y}_{{t}}/\partial h_{{t-1}}"
    assert latex.expr(back, "column") == rf"(\partial {y}_{{t}}/\partial h_{{t-1}})^{{\top }}\cdot \partial L/\partial {y}_{{t}}"
    words = [s for op in ops for s in _syms(op.expr) if s.key and s.key[0] == "word"]
    assert any(latex.expr(w, "row") == r"\text{``love''}" for w in words)
    # a symbol without TeX is recorded, never guessed
    latex.MISSING.clear()
    assert latex.expr(Sym("z_t"), "row") == r"\text{z\_t}" and latex.MISSING == ["z_t"]
    latex.MISSING.clear()
    assert write_tex(GATE["z"]) == "z_{t}"


def _syms(e):
    if isinstance(e, Sym):
        yield e
    elif isinstance(e, tuple):
        for x in e:
            yield from _syms(x)
