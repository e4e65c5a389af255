"""Trace → strict JSON-ready dict: nested lists of float64 at full precision, no NaN/inf.

A non-finite number is written as null and named (by its path) in the document's ``warnings``.
"""
from __future__ import annotations

import math

import numpy as np

from rnntrace.i18n import t
from rnntrace.notation import shape_line, statement
from rnntrace.trace import ForwardTrace


def jsonable(obj, path: str, warnings: list[str]):
    """Convert numpy arrays and floats recursively; non-finite floats become None (+ a warning)."""
    if isinstance(obj, np.ndarray):
        return jsonable(obj.tolist(), path, warnings)
    if isinstance(obj, (np.floating, float)):
        x = float(obj)
        if not math.isfinite(x):
            warnings.append(t("common.json_nonfinite", path=path, value=x))
            return None
        return x
    if isinstance(obj, (np.integer,)):
        return int(obj)
    if isinstance(obj, dict):
        return {k: jsonable(v, f"{path}.{k}", warnings) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [jsonable(v, f"{path}[{i}]", warnings) for i, v in enumerate(obj)]
    return obj


def op_entries(ops, conv: str, where: str, warnings: list[str]) -> list[dict]:
    """Each op as {expr, shapes, value}: the statement as the trace writes it, its shape line, and
    its value laid out as the shape line says (a matrix transposed in the column convention;
    vectors flat; a non-finite entry null and named in ``warnings``)."""
    def shown(v):
        v = np.asarray(v)
        return v.T if conv == "column" and v.ndim == 2 else v

    return [{"expr": statement(op, conv), "shapes": shape_line(op, conv),
             "value": jsonable(shown(op.value), f"{where}.ops[{k}].value", warnings)} for k, op in enumerate(ops)]


def forward_document(tr: ForwardTrace, conv: str = "row", figures: bool = True) -> dict:
    """The ``rnntrace forward`` JSON document (see the README for every field). ``figures``: each
    step also gives ``p_prediction`` and ``p_target`` (the probabilities the view shows; ``bptt``
    gives its own figures under ``analysis``)."""
    warnings: list[str] = []
    doc: dict = {"command": tr.command, "cell": tr.cell}
    if tr.cell == "gru":
        doc["gru_variant"] = tr.gru_variant
    if tr.cell == "rnn":
        doc["activation"] = tr.activation
    doc.update({
        "convention": conv,
        "example": tr.example,
        "vocab": tr.vocab,
        "hidden_size": tr.hidden_size,
        "seed": tr.seed,
        "drawn": tr.drawn,
        "unused": tr.unused,
        "params": jsonable(tr.params, "params", warnings),
    })
    steps = []
    for s in tr.steps:
        where = f"steps[{s.t - 1}]"
        steps.append({
            "t": s.t, "token": s.token, "target": s.target, "prediction": s.prediction,
            "values": jsonable(s.values, f"{where}.values", warnings),
            "ops": op_entries(s.ops, conv, where, warnings),
        })
        if figures:
            steps[-1]["p_prediction"] = jsonable(s.p_prediction, f"{where}.p_prediction", warnings)
            steps[-1]["p_target"] = jsonable(s.p_target, f"{where}.p_target", warnings)
    doc["steps"] = steps
    doc["loss"] = jsonable(tr.loss, "loss", warnings)
    doc["warnings"] = warnings
    return doc
