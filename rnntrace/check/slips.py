"""The slips students typically make, each recomputed on the op where a value first differs.

A slip is the same op evaluated with one thing changed (``replay.evaluate``'s hooks), from the
student's own earlier numbers; the first slip whose value is the student's (within the
tolerance) is the diagnosis. ``KEYS`` is the list the README documents (the JSON's
``diagnosis``):

- ``convention``: a matrix written with rows and columns swapped (laid out as the other
  convention writes it: ``δ_tᵀ·h_{t−1}`` for ``h_{t−1}ᵀ·δ_t``);
- ``transposed``: a square weight used transposed in a product (``h_{t−1}·W_hhᵀ`` for
  ``h_{t−1}·W_hh``, or ``δ_t·W_hh`` for ``δ_t·W_hhᵀ``);
- ``tanh_derivative``: tanh′ written with the pre-activation, 1 − a_t², for 1 − h_t²;
- ``missing_path``: ∂L/∂h_t (∂L/∂c_t) without what step t+1 passes back;
- ``previous_state``: h_t (c_t) where h_{t−1} (c_{t−1}) belongs;
- ``softmax_axis``: the softmax taken down the columns instead of along the rows (for the 1×V
  row p_t every entry is then alone: 1);
- ``no_scale``: attention's scores not divided by √d_k;
- ``gru_variant``: the GRU's other form (the reset gate before or after the product).
"""
from __future__ import annotations

from typing import Iterator

import numpy as np

from rnntrace.cells import BACK
from rnntrace.check.core import SCALE, Diagnosis, Difference, Plan, StepState, close
from rnntrace.check.replay import evaluate, key_of
from rnntrace.mathx import softmax
from rnntrace.trace import Apply, Expr, OneMinus, Op, Sym

KEYS = ("convention", "transposed", "tanh_derivative", "missing_path", "previous_state", "softmax_axis",
        "no_scale", "gru_variant")


def replay(ops: list[Op], k: int, state: StepState, operand_hook=None, combine_hook=None,
           changed: bool = False) -> np.ndarray | None:
    """Op ``k`` of a step with the hooks on, from the step's start and the values the student
    wrote before it; None when no hook changed anything (the slip does not apply here; ``changed``:
    the ops themselves are the slip) or the slip breaks a product's shapes."""
    env = dict(state.start)
    fired = [True] if changed else []

    def on_operand(e, env):
        v = operand_hook(e, env)
        if v is not None:
            fired.append(e)
        return v

    def on_combine(op, values):
        v = combine_hook(op, values)
        if v is not None:
            fired.append(op)
        return v

    try:
        for i, op in enumerate(ops[:k + 1]):
            v = evaluate(op, env, on_operand if operand_hook else None, on_combine if combine_hook else None)
            if i == k:
                return v if fired else None
            env[key_of(op)] = state.written.get(key_of(op), v)
    except ValueError:  # a transposed non-square matrix: the slip cannot be made with these shapes
        return None
    return None


def _leaves(e: Expr) -> Iterator[Sym]:
    if isinstance(e, Sym):
        yield e
    elif isinstance(e, tuple):
        for part in e:
            if isinstance(part, tuple):
                yield from _leaves(part)


def _square_weights(plan: Plan, ops: list[Op]) -> list[str]:
    names = []
    for op in ops:
        for e, _ in op.operands:
            for leaf in _leaves(e):
                name = leaf.name.rstrip("ᵀ")
                w = plan.params.get(name)
                if w is not None and w.ndim == 2 and w.shape[0] == w.shape[1] and name not in names:
                    names.append(name)
    return names


def _transposed(name: str):
    def hook(e, env):
        if e == Sym(name):
            return np.asarray(env[Sym(name)]).T
        if e == Sym(f"{name}ᵀ"):
            return np.asarray(env[Sym(name)])
        return None
    return hook


# tanh′ as 1 − y²; the slip writes it with the pre-activation instead (for h_t of the Elman cell
# that is a_t; a gate's pre-activation is artanh of its value)
_SLOPES = {"h_t²": "h_t", "h̃_t²": "h̃_t", "c̃_t²": "c̃_t", "tanh²(c_t)": "c_t"}


def _tanh_derivative(e, env):
    if not (isinstance(e, OneMinus) and isinstance(e.a, Sym) and e.a.name in _SLOPES):
        return None
    out = Sym(_SLOPES[e.a.name])
    if e.a.name == "tanh²(c_t)":  # 1 − c_t² for 1 − tanh²(c_t)
        pre = env.get(out)
    elif out == Sym("h_t") and Sym("a_t") in env:
        pre = env[Sym("a_t")]
    else:
        with np.errstate(all="ignore"):
            pre = np.arctanh(env[out]) if out in env else None
    return None if pre is None else 1.0 - np.asarray(pre) ** 2


_CARRIED = {Sym(BACK[s][1]) for s in BACK}


def _missing_path(e, env):
    return np.zeros_like(np.asarray(env[e], dtype=np.float64)) if e in _CARRIED and e in env else None


def _previous_state(e, env):
    now = {Sym("h_{t−1}"): Sym("h_t"), Sym("c_{t−1}"): Sym("c_t")}
    if e in now and now[e] in env:
        return env[now[e]]
    if e == Sym("(r_t ⊙ h_{t−1})") and Sym("h_t") in env and Sym("r_t") in env:
        return env[Sym("r_t")] * env[Sym("h_t")]
    return None


def _softmax_axis(op: Op, values):
    if isinstance(op.expr, Apply) and op.expr.fn == "softmax":
        v = np.asarray(values[0])
        return softmax(v[None, :], axis=0)[0] if v.ndim == 1 else softmax(v, axis=0)  # a row: each entry alone, 1
    return None


def _no_scale(e, env):
    return np.float64(1.0) if e == Sym(SCALE) else None


def _other_gru(plan: Plan, diff: Difference, state: StepState) -> tuple[np.ndarray, str] | None:
    """The same step through the GRU's other variant, from the student's numbers."""
    from rnntrace import cells

    other = "torch" if plan.gru_variant == "lecture" else "lecture"
    params, implicit = dict(plan.params), set(plan.implicit_zero)
    if "b_hn" not in params:  # the lecture's GRU has no b_hn: PyTorch's with the file's, else b_hn = 0
        if "b_hn" in plan.unused:
            params["b_hn"] = plan.unused["b_hn"]
        else:
            params["b_hn"] = np.zeros(plan.forward[0].values["h"].shape[-1])
            implicit.add("b_hn")
    rec = cells.Recorder(True)
    step = plan.forward[diff.slot.t - 1]
    cells.gru_step(cells.P(params, frozenset(implicit)), step.values["x"], step.values["h"], rec, variant=other)
    k = next((i for i, op in enumerate(rec.ops) if op.target == diff.slot.op.target), None)
    if k is None:
        return None
    value = replay(rec.ops, k, state, changed=True)
    return None if value is None else (value, other)


def diagnose(plan: Plan, diff: Difference, state: StepState) -> Diagnosis | None:
    """The slip that gives the student's value at ``diff``, or None when no known slip does."""
    slot, got, tol = diff.slot, diff.got, diff.tol
    if slot.op is None:
        return None
    value = np.asarray(got.value, dtype=np.float64)
    if value.ndim == 2 and close(value.T, diff.expected, tol):
        return Diagnosis("convention", value, {})
    if got.transposed:
        return None
    step = plan.forward[slot.t - 1] if slot.phase != "backward" else \
        next(s for s in plan.backward if s.t == slot.t)
    ops, k = step.ops, slot.index
    tries = [("transposed", _transposed(w), None, {"weight": w}) for w in _square_weights(plan, ops[:k + 1])]
    tries += [("tanh_derivative", _tanh_derivative, None, {}),
              ("missing_path", _missing_path, None, {}),
              ("previous_state", _previous_state, None, {}),
              ("softmax_axis", None, _softmax_axis, {}),
              ("no_scale", _no_scale, None, {})]
    for key, operand_hook, combine_hook, fields in tries:
        slipped = replay(ops, k, state, operand_hook, combine_hook)
        if slipped is not None and close(value, slipped, tol):
            return Diagnosis(key, slipped, fields)
    if plan.cell_variant is not None and slot.phase == "forward":  # the GRU's other variant
        other = _other_gru(plan, diff, state)
        if other is not None and close(value, other[0], tol):
            return Diagnosis("gru_variant", other[0], {"variant": other[1]})
    return None
