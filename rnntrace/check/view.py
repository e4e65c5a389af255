"""How ``rnntrace check`` shows its result: rich renderables (terminal) and the JSON document.

Everything said is read off the ``core.Result``; a sentence is printed only when the numbers
make it true (the follow-through note only when the student's earlier numbers changed the
expected value; the blank count only when something was blank).
"""
from __future__ import annotations

import numpy as np

from rnntrace.check.core import DEFAULT_EXAMPLE, Difference, Result, Slot
from rnntrace.i18n import t, tn
from rnntrace.notation import dims, fmt_array, fmt_scalar, shape, shape_line, statement, write
from rnntrace.trace import Sym

PRECISION = 4


def cell_name(cell: str, gru_variant: str | None) -> str:
    """``GRU cell (torch variant)``: the cell, and the GRU's form where it has one."""
    name = t(f"common.cell.{cell}")
    return name if gru_variant is None else t("check.cell_variant", cell=name, variant=gru_variant)


def where_of(slot: Slot) -> str:
    return t(f"check.where.{slot.phase}", t=slot.t)


def inline(value, conv: str, precision: int = PRECISION) -> str:
    """``[0.2913 0.1974 0.0997]``, a scalar, or a matrix as rows in brackets on one line."""
    v = np.asarray(value, dtype=np.float64)
    if v.ndim == 0:
        return fmt_scalar(float(v), precision)
    rows = fmt_array(v.T if conv == "column" and v.ndim == 2 else v, precision)
    return " ".join("[" + " ".join(r) + "]" for r in rows) if v.ndim == 2 else "[" + " ".join(rows[0]) + "]"


def diagnosis_text(d: Difference, plan) -> str:
    g, conv = d.diagnosis, plan.convention
    if g is None:
        return t("check.slip.none")
    value = t("check.slip.your_matrix") if np.ndim(g.value) == 2 else \
        t("check.slip.your_value", value=inline(g.value, conv, _precision(d)))
    if g.key == "convention":
        want = dims(shape(d.expected, conv))
        return t("check.slip.convention", shape=dims(shape(np.asarray(g.value).T, conv)), conv=t(f"check.conv.{conv}"),
                 name=d.slot.name(conv), want=want)
    if g.key == "transposed":
        return t("check.slip.transposed", weight=g.fields["weight"], value=value)
    if g.key == "missing_path":
        carried = [e for e, _ in d.slot.op.operands if isinstance(e, Sym) and e.name.startswith("∂L/∂") and "+1" in e.name]
        return t("check.slip.missing_path", path=write(carried[0], conv) if carried else "", value=value)
    if g.key == "previous_state":
        state = "c" if any(e == Sym("c_{t−1}") for e, _ in d.slot.op.operands) else "h"
        return t("check.slip.previous_state", now=f"{state}_t", before=f"{state}_{{t−1}}", value=value)
    if g.key == "softmax_axis":
        alone = t("check.slip.softmax_alone", n=np.size(g.value), value=fmt_scalar(1.0, 0)) if np.ndim(g.value) == 1 else ""
        return t("check.slip.softmax_axis", alone=alone)
    if g.key == "no_scale":
        from rnntrace.check.core import SCALE

        return t("check.slip.no_scale", root=fmt_scalar(1.0 / float(plan.params[SCALE]), 4), value=value)
    if g.key == "gru_variant":
        return t("check.slip.gru_variant", variant=g.fields["variant"], value=value)
    return t(f"check.slip.{g.key}", value=value)


def _precision(d: Difference) -> int:
    return min(8, max(PRECISION, d.got.decimals or 0))


def renderables(result: Result, file: str, tol: float | None, example: str | None, explain: bool = False) -> list:
    from rich.text import Text

    from rnntrace.explain import Explainer
    from rnntrace.render.matrix import BlockGrid, Explanation, Indented, Paragraph, matrix_block

    plan, conv = result.plan, result.plan.convention
    out: list = []
    what = cell_name(plan.cell, plan.cell_variant) if plan.command != "attention" else t("check.where.attention")
    title = t("check.title", file=file, command=plan.command, example=example or DEFAULT_EXAMPLE[plan.command],
              cell=what)
    out.append(Text(title, "bold"))
    out.append(Paragraph(t("check.tolerance.written") if tol is None else t("check.tolerance.given", tol=tol), style="dim"))
    d = result.first
    if d is None:
        if result.checked:
            out.append(Text(tn("check.all_agree", result.checked), "bold green"))
        else:
            out.append(Paragraph(t("check.nothing"), style="yellow"))
    else:
        before = result.checked - result.later - 1
        if before:
            out.append(Text(tn("check.agreed_before", before), "green"))
        slot = d.slot
        out.append(Text(t("check.differs", where=where_of(slot), name=slot.name(conv)), "bold red"))
        p = _precision(d)
        if slot.op is not None:
            out.append(Paragraph(f"{statement(slot.op, conv)}    {shape_line(slot.op, conv)}", 2, style="bold"))
        elif slot.key == "loss":
            target = plan.forward[slot.t - 1].target
            out.append(Paragraph(f"L_t = −log p_t[“{target}”]", 2, style="bold"))
        if d.operands:
            out.append(Indented(BlockGrid([matrix_block(write(e, conv), np.asarray(v), p, conv)
                                           for e, v in d.operands]), 2))
        name = slot.name(conv)
        out.append(Indented(BlockGrid([
            matrix_block(f"{name} {t('check.expected')}", np.asarray(d.expected), p, conv, "bold"),
            matrix_block(f"{name} {t('check.yours')}", np.asarray(d.got.value), p, conv, "bold red")]), 2))
        out.append(Paragraph(diagnosis_text(d, plan), 2, style="yellow"))
        if explain:
            said = Explainer(True).op(slot.op, conv) if slot.op is not None else None
            if said:
                out.append(Explanation(said))
            if d.diagnosis is not None:
                out.append(Explanation(t(f"check.why.{d.diagnosis.key}")))
        if result.later:
            nxt = result.later_differ[0] if result.later_differ else None
            first = t("check.after.first", name=nxt.name(conv), where=where_of(nxt)) if nxt else ""
            out.append(Paragraph(t("check.after", n=result.later, ok=result.later - len(result.later_differ),
                                   bad=len(result.later_differ), first=first)))
        else:
            out.append(Paragraph(t("check.none_after"), style="dim"))
    if result.blank and result.checked:
        out.append(Paragraph(tn("check.blank", result.blank), style="dim"))
    return out


def _entry(slot: Slot) -> dict:
    return {"phase": slot.phase, "t": slot.t, "name": slot.key}


def document(result: Result, file: str, tol: float | None, spec) -> dict:
    """The JSON document (the README lists every field)."""
    from rnntrace.render.jsondoc import jsonable

    warnings: list[str] = []
    plan, d = result.plan, result.first
    conv = plan.convention

    def shown(v):
        v = np.asarray(v)
        return v.T if conv == "column" and v.ndim == 2 else v

    first = None
    if d is not None:
        first = {**_entry(d.slot),
                 "expected": jsonable(shown(d.expected), "first_difference.expected", warnings),
                 "got": jsonable(shown(d.got.value), "first_difference.got", warnings),
                 "tolerance": d.tol}
    return {
        "command": "check", "file": file,
        "trace": {"command": plan.command, "example": spec.example or DEFAULT_EXAMPLE[plan.command],
                  "cell": plan.cell if plan.command != "attention" else None,
                  "gru_variant": plan.cell_variant, "convention": conv,
                  "seed": spec.seed,
                  "sentence": plan.vocab if plan.command == "attention" else [s.token for s in plan.forward]},
        "checked": result.checked, "blank": result.blank, "agree": result.agree,
        "tolerance": tol,
        "first_difference": first,
        "diagnosis": d.diagnosis.key if d is not None and d.diagnosis is not None else None,
        "follow_through": None if d is None else {
            "checked": result.later, "differ": [_entry(s) for s in result.later_differ]},
        "warnings": warnings,
    }
