"""``forward`` / ``bptt --format json`` for a network with an embedding, layers or directions.

Top level: ``command``, ``cell`` (``gru_variant`` / ``activation``), ``convention``,
``example``, ``task``, ``layers``, ``bidirectional``, ``embedding_dim`` (null: one-hot),
``scale`` and ``forget_bias`` (--scale, --forget-bias: 1 and null when not given),
``vocab``, ``labels`` (tag and classify: the output's classes), ``hidden_size``, ``seed``,
``drawn``, ``replaced`` (weights of the file shaped for the one-layer network, drawn here),
``unused``, ``params`` (``E`` V×d; ``layers``, layer 1 first, each {forward, backward}
with the cell's weights under today's names; ``W_hy`` (2H rows when bidirectional, the forward
half first) and ``b_y``), ``steps`` (per t: ``token``, ``target``, ``prediction``, ``values``
{x, h, y, p, loss} where ``h`` is what the output layer reads, ``ops`` (the embedding look-up,
the output layer), ``layers`` (per layer, per direction: the cell's values and ops)), ``loss``;
for classify also ``p``, ``y``, ``prediction``, ``label``, ``output_ops``. bptt adds ``grads``
(mirroring ``params`` key for key), ``backward`` (the steps of the short view, in the order
computed: output layer, layers from the top, each direction against its running order, then
∂L/∂E; null when their values hold more than ``bptt_json.BACKWARD_LIMIT`` numbers),
``backward_omitted`` (null, or {numbers, limit} when they were left out), ``ledger`` (per layer and direction: every J_t (short view; null in the summary and
when all of them hold more than ``bptt_json.JACOBIAN_LIMIT`` numbers), ‖J_t‖ and ‖∂h_last/∂h_k‖
as log10, in running order, with the time step each belongs to), ``jacobians_omitted`` (null, or
{numbers, limit} when the Jacobians were left out) and ``gradcheck``; with --at, ``sums`` (per layer and direction, each step k's part of
∂L^(t)/∂W_h· and their sum).
"""
from __future__ import annotations

import numpy as np

from rnntrace.mathx import norm
from rnntrace.render import bptt_json
from rnntrace.render.bptt_json import gradcheck, numbers
from rnntrace.render.jsondoc import RecordLists, Records, cell_fields, jsonable, op_entries


def _tree(tr, flat: dict, path: str, warnings: list[str]) -> dict:
    return tree(tr.params.layers, flat, path, warnings)


def tree(layers: list, flat: dict, path: str, warnings: list[str]) -> dict:
    """Flat name → array, laid out as ``params``: E, layers[…].forward/backward, W_hy, b_y
    (``layers``: ``network.Params.layers``; a name ``flat`` does not hold is left out)."""
    out = {}
    if "E" in flat:
        out["E"] = numbers(flat["E"], f"{path}.E", warnings)
    out["layers"] = [{d: {n: numbers(flat[k], f"{path}.layers[{i}].{d}.{n}", warnings) for n, k in names.items()
                          if k in flat}
                      for d, names in layout.items()} for i, layout in enumerate(layers)]
    for n in ("W_hy", "b_y"):
        if n in flat:
            out[n] = numbers(flat[n], f"{path}.{n}", warnings)
    return out


def document(tr, conv: str = "row") -> dict:
    s = tr.spec
    warnings: list[str] = []
    doc: dict = {"command": tr.command, **cell_fields(s.cell, s.gru_variant, s.activation)}
    doc.update({"convention": conv, "example": tr.example, "task": s.task, "layers": s.layers,
                "bidirectional": s.bidirectional, "embedding_dim": s.embedding_dim, "scale": s.scale,
                "forget_bias": s.forget_bias, "vocab": tr.vocab})
    if s.task != "lm":
        doc["labels"] = tr.classes
    doc.update({"hidden_size": tr.hidden_size, "seed": tr.seed, "drawn": tr.params.drawn,
                "replaced": tr.params.replaced, "unused": tr.params.unused, "params": _tree(tr, tr.params.values, "params", warnings)})
    first = tr.runs[0][0]
    inputs = first.x[np.argsort(first.order)]  # x_t in time order
    per_step = {}  # (layer, direction, t) → the cell's ops
    position = {}  # (layer, direction) → time index → position in the run
    rows = {}  # (layer, direction) → name → its values as lists, by position (None: not all finite)
    for row in tr.runs:
        for r in row:
            position[(r.layer, r.direction)] = np.argsort(r.order)
            # every value looked at once for inf or nan (10,000 steps are common)
            rows[(r.layer, r.direction)] = {n: np.asarray(a, dtype=np.float64) if np.all(np.isfinite(a)) else None
                                           for n, a in r.values.items()}
            for c in r.steps or ():
                per_step[(r.layer, r.direction, c.t)] = c.ops
    classify = s.task == "classify"
    preds = tr.predictions()
    steps = _step_records(tr, inputs, position, rows, preds, classify) or []
    for i, tok in enumerate(tr.sentence if not steps else ()):
        where = f"steps[{i}]"
        values = {"x": inputs[i], "h": tr.top[i]}
        if not classify:
            values.update({"y": tr.y[i], "p": tr.p[i],
                           "loss": None if tr.targets[i] is None else float(tr.losses[i])})
        ops = (tr.embed_ops[i] if tr.embed_ops else []) + (tr.output_ops[i] if tr.output_ops and not classify else [])
        layers = []
        for row in tr.runs:
            entry = {}
            for r in row:
                k = int(position[(r.layer, r.direction)][i])
                listed = rows[(r.layer, r.direction)]
                entry[r.direction] = {
                    "values": {n: listed[n][k] if listed[n] is not None else
                               jsonable(a[k], f"{where}.layers[{r.layer - 1}].{r.direction}.values.{n}", warnings)
                               for n, a in r.values.items()},
                    "ops": op_entries(per_step.get((r.layer, r.direction, i + 1), []), conv,
                                      f"{where}.layers[{r.layer - 1}].{r.direction}", warnings)}
            layers.append(entry)
        step = {"t": i + 1, "token": tok, "target": tr.targets[i]}
        if not classify:
            step["prediction"] = preds[i]
        step.update({"values": jsonable(values, f"{where}.values", warnings),
                     "ops": op_entries(ops, conv, where, warnings), "layers": layers})
        steps.append(step)
    doc["steps"] = steps
    if classify:
        doc["y"] = jsonable(tr.y, "y", warnings)
        doc["p"] = jsonable(tr.p, "p", warnings)
        doc["prediction"] = preds[0]
        doc["label"] = tr.label
        doc["output_ops"] = op_entries(tr.output_ops or [], conv, "output", warnings)
    doc["loss"] = jsonable(tr.loss, "loss", warnings)
    if tr.grads is not None:
        doc["grads"] = _tree(tr, tr.grads, "grads", warnings)
        ops = 0 if tr.back_steps is None else bptt_json.backward_size(tr.back_steps)
        keep_ops = ops <= bptt_json.BACKWARD_LIMIT
        doc["backward"] = None if tr.back_steps is None or not keep_ops else [
            {"layer": b.layer if b.layer > 0 else ("output" if b.layer == 0 else "embedding"),
             "direction": b.direction or None, "t": b.t,
             "ops": op_entries(b.ops, conv, f"backward[{k}]", warnings)} for k, b in enumerate(tr.back_steps)]
        doc["backward_omitted"] = None if keep_ops else {"numbers": ops, "limit": bptt_json.BACKWARD_LIMIT}
        # the Jacobians, bounded as bptt's one-layer JSON bounds them
        size = sum(int(np.size(r.jacobians)) for row in tr.runs for r in row if r.steps is not None)
        keep = size <= bptt_json.JACOBIAN_LIMIT
        doc["ledger"] = [_ledger(r, warnings, keep) for row in tr.runs for r in row]
        doc["jacobians_omitted"] = None if keep else {"numbers": size, "limit": bptt_json.JACOBIAN_LIMIT}
        doc["gradcheck"] = gradcheck(tr.gradcheck, warnings)
        if tr.sums is not None:
            doc["sums"] = _sums(tr.sums, warnings)
    doc["warnings"] = warnings
    return doc


def _step_records(tr, inputs: np.ndarray, position: dict, rows: dict, preds: list, classify: bool) -> Records | None:
    """The summary view's steps (no ops) as ``Records``, each value a column in time order: the
    objects the loop in ``document`` makes, written at once (10,000 steps are common). None when
    a step has ops or a value is not finite (the loop writes its nulls and warnings)."""
    if not tr.summary or any(tr.embed_ops or ()) or (not classify and any(tr.output_ops or ())):
        return None
    if any(a is None for listed in rows.values() for a in listed.values()):
        return None
    values = {"x": inputs, "h": tr.top}
    if not classify:
        values.update({"y": tr.y, "p": tr.p})
    values = {n: np.asarray(a, dtype=np.float64) for n, a in values.items()}
    if not all(a.ndim == 2 and np.isfinite(a).all() for a in values.values()):
        return None
    T, empty = tr.T, [[] for _ in tr.sentence]
    if not classify:
        loss = [None if g is None else float(x) for g, x in zip(tr.targets, tr.losses.tolist())]
        if not all(x is None or np.isfinite(x) for x in loss):
            return None
        values["loss"] = loss
    columns = {"t": list(range(1, T + 1)), "token": list(tr.sentence), "target": list(tr.targets)}
    if not classify:
        columns["prediction"] = preds
    layers = RecordLists([Records({r.direction: Records({
        "values": Records({n: a[position[(r.layer, r.direction)]] for n, a in rows[(r.layer, r.direction)].items()}),
        "ops": empty}) for r in row}) for row in tr.runs])
    return Records({**columns, "values": Records(values), "ops": empty, "layers": layers})


def _sums(S, warnings: list[str]) -> dict:
    """--at t: per layer and direction, log10 ‖term_k‖ for k = 1 … T (null: exactly 0) and
    Σ_k term_k, ∂L^(t)/∂W_h· (its cell names)."""
    return {"t": S.t, "weights": S.weights, "runs": [
        {"layer": r.layer, "direction": r.direction,
         "log10_terms": [None if v == -np.inf else jsonable(float(v), f"sums.{r.layer}.{r.direction}", warnings)
                         for v in r.log10_term],
         "totals": {n: numbers(g, f"sums.{r.layer}.{r.direction}.{n}", warnings)
                    for n, g in zip(S.weights, r.totals.values())}} for r in S.runs]}


def compare_document(traces, conv: str = "row") -> dict:
    """``bptt --compare`` on a network: the network, then per cell its loss, the size of its
    gradient and its ledger (as ``ledger`` above, without the Jacobians)."""
    first, s = traces[0], traces[0].spec
    warnings: list[str] = []
    curves = []
    for tr in traces:
        c = cell_fields(tr.cell, tr.spec.gru_variant, tr.spec.activation)
        c["loss"] = jsonable(tr.loss, f"curves.{tr.cell}.loss", warnings)
        c["grad_norm"] = jsonable(norm(float(np.sqrt(sum(np.sum(g * g) for g in tr.grads.values()))), *tr.grads.values()),
                                  f"curves.{tr.cell}.grad_norm", warnings)
        c["ledger"] = [_ledger(r, warnings) for row in tr.runs for r in row]
        curves.append(c)
    return {"command": "bptt", "compare": True, "convention": conv, "example": first.example, "task": s.task,
            "layers": s.layers, "bidirectional": s.bidirectional, "embedding_dim": s.embedding_dim,
            "scale": s.scale, "forget_bias": traces[-1].spec.forget_bias, "vocab": first.vocab,
            "sentence": first.sentence, "hidden_size": first.hidden_size, "seed": first.seed, "curves": curves,
            "warnings": warnings}


def _ledger(r, warnings: list[str], jacobians: bool = False) -> dict:
    """One layer and direction: J per step (short view, and ``jacobians``: not over the limit),
    ‖J‖ and ‖∂h_last/∂h_k‖, in the order it runs."""
    T = len(r.order)
    path = f"ledger.{r.layer}.{r.direction}"
    jacobians = None if r.steps is None or not jacobians else [
        {"t": int(r.order[k]) + 1, "matrix": numbers(r.jacobians[k], f"{path}.jacobians[{k}]", warnings)}
        for k in range(T)]
    logs = np.asarray(r.log10_jacobian_norms, dtype=np.float64)
    if not np.isfinite(logs).all():
        logs = [jsonable(v, f"{path}.log10_jacobian_norms", warnings) if v != -np.inf else None for v in logs.tolist()]
    norms = bptt_json.norms(r.log10_products, T, f"{path}.norms", warnings)
    times = [r.state_time(0)] + (r.order + 1).tolist()[:T - 1]  # the k-th state's step (state_time)
    if isinstance(norms, Records):
        norms.columns["t"] = times
    else:
        norms = [dict(n, t=t) for n, t in zip(norms, times)]
    return {"layer": r.layer, "direction": r.direction, "jacobians": jacobians,
            "t": [int(i) + 1 for i in r.order],
            "log10_jacobian_norms": logs,
            "norms": norms}
