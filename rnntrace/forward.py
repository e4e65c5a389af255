"""Run a worked example through a cell, token by token, into a ``ForwardTrace``."""
from __future__ import annotations

from functools import partial

import numpy as np

from rnntrace import analysis, cells, gates, params as params_mod
from rnntrace.examples import Example
from rnntrace.mathx import cross_entropy
from rnntrace.trace import ForwardTrace, Step


def step_function(cell: str, gru_variant: str = "lecture", activation: str = "tanh"):
    """``f(P, x, state, rec) -> (values, new_state)`` for the chosen cell."""
    if cell == "rnn":
        return partial(cells.rnn_step, activation=activation)
    if cell == "gru":
        return partial(cells.gru_step, variant=gru_variant)
    return cells.lstm_step


def initial_state(cell: str, H: int):
    """h_0 = 0 (and c_0 = 0 for the LSTM), as in the lecture."""
    return (np.zeros(H), np.zeros(H)) if cell == "lstm" else np.zeros(H)


def onehot(index: int, V: int) -> np.ndarray:
    x = np.zeros(V)
    x[index] = 1.0
    return x


def run(ex: Example, cell: str | None = None, gru_variant: str = "lecture", seed: int | None = None,
        activation: str = "tanh", scale: float = 1.0, record: bool = True,
        command: str = "forward") -> ForwardTrace:
    """Trace ``ex`` through ``cell`` (default: the example's own cell).

    Weights the file gives are used wherever the cell has that name; the others are drawn from
    ``seed`` (default: the example's). ``record=False`` skips the per-op records (values only).
    """
    cell = cell or ex.cell
    seed = ex.seed if seed is None else seed
    V, H = len(ex.vocab), ex.hidden_size
    params, drawn, unused = params_mod.build(cell, gru_variant, ex.weights, V, H, seed, ex.source, scale)
    p = cells.P(params, params.implicit_zero)
    step = step_function(cell, gru_variant, activation)
    state = initial_state(cell, H)
    steps, total, any_target = [], 0.0, False
    for t, (token, target) in enumerate(zip(ex.sentence, ex.targets), start=1):
        rec = cells.Recorder(record)
        x = onehot(ex.index(token), V)
        values, state = step(p, x, state, rec)
        y, prob = cells.output_step(p, values["h"], rec)
        loss = None
        if target is not None:
            with np.errstate(over="ignore", invalid="ignore"):
                loss = cross_entropy(y, ex.index(target))
            total += loss
            any_target = True
        values = {"x": x, **values, "y": y, "p": prob, "loss": loss}
        nonfinite = [k for k, v in values.items() if v is not None and not np.all(np.isfinite(v))]
        pred, p_pred, p_target = analysis.prediction(prob, ex.vocab, target)
        steps.append(Step(t=t, token=token, target=target, values=values, ops=rec.ops,
                          prediction=pred, note=ex.notes.get(t), nonfinite=nonfinite,
                          p_prediction=p_pred, p_target=p_target))
    return ForwardTrace(
        command=command, cell=cell, gru_variant=gru_variant if cell == "gru" else None,
        activation=activation if cell == "rnn" else "tanh", example=ex.name, title=ex.title,
        description=ex.description, vocab=list(ex.vocab), hidden_size=H, params=dict(params),
        implicit_zero=[n for n in params if n in params.implicit_zero], drawn=drawn, unused=unused, seed=seed,
        steps=steps, loss=total if any_target else None, scale=scale, kept=kept(cell, steps))


def kept(cell: str, steps: list[Step]):
    """Where the cell's keeping gate stays near 1 (``rnntrace.gates.kept_run``), or None."""
    if cell not in gates.GATE_OF or not steps:
        return None
    gate, state = gates.GATE_OF[cell]
    return gates.kept_run(cell, np.array([s.values[gate] for s in steps]), np.array([s.values[state] for s in steps]))
