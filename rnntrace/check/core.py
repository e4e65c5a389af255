"""``rnntrace check``: a student's numbers against the trace, value by value, in the trace's order.

The trace (``forward`` or ``bptt``, step by step) is run from what the student's file says it
follows; each value the student wrote is then compared with the op that defines it, computed
again from the student's own earlier numbers (``replay``), so one slip does not mark every later
value wrong. A value agrees when it is within the tolerance of that follow-through value or of
the trace's own. At the first value that differs, ``slips.diagnose`` recomputes the op the ways
students typically get it wrong and names the one that gives the student's number.

Value names (the keys of the file): forward ones are the JSON's ``values`` names (``x``, ``a``,
``h``, ``y``, ``p``, ``loss``, gates ``r``, ``z``, ``h_tilde``, ``f``, ``i``, ``c_tilde``, ``c``,
``o``); backward ones are ASCII spellings of the ops' names (``backward_key``).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np

from rnntrace import cells
from rnntrace.cells import BACK
from rnntrace.check.replay import Env, derive, evaluate, key_of
from rnntrace.notation import write
from rnntrace.trace import Op, Sym

COMMANDS = ("forward", "bptt", "attention")
DEFAULT_EXAMPLE = {"forward": "lecture", "bptt": "lecture", "attention": "doctor"}

# ---- names -------------------------------------------------------------------------------------
_TILDE = {"h̃": "h_tilde", "c̃": "c_tilde"}


def _base(name: str) -> str:
    """``h_t`` → ``h``, ``h̃_t`` → ``h_tilde``, ``W_xh`` → ``W_xh``."""
    if name.endswith("_t"):
        name = name[:-2]
    return _TILDE.get(name, name)


def forward_key(name: str) -> str:
    return _base(name)


_BACK_KEYS = {BACK["h"][0]: "dh_prev", BACK["s"][0]: "dh_prev", BACK["c"][0]: "dc_prev"}
_DELTA = re.compile(r"^δ_\{(.+),t\}$")


def backward_key(name: str) -> str:
    """``∂L/∂y_t`` → ``dy``, ``δ_t`` → ``delta``, ``δ_{h̃,t}`` → ``delta_h_tilde``,
    ``∂L/∂W_hh`` → ``dW_hh``, ``∂L/∂(r_t ⊙ h_{t−1})`` → ``d_rh``, what is passed back to
    h_{t−1} (c_{t−1}) → ``dh_prev`` (``dc_prev``)."""
    if name in _BACK_KEYS:
        return _BACK_KEYS[name]
    if name == "δ_t":
        return "delta"
    m = _DELTA.match(name)
    if m:
        return f"delta_{_base(m[1])}"
    if name == "∂L/∂(r_t ⊙ h_{t−1})":
        return "d_rh"
    if name.startswith("∂L/∂"):
        return "d" + _base(name[4:])
    raise ValueError(name)


# ---- what is checked -----------------------------------------------------------------------------
@dataclass
class Slot:
    """One value of the trace the student may write: where it is, the op that defines it (None for
    x_t and L_t) and the trace's own value (row convention)."""

    phase: str  # "forward" | "backward"
    t: int
    key: str
    op: Op | None
    index: int  # the op's position in its step
    value: np.ndarray

    @property
    def where(self) -> str:
        return {"forward": f"t{self.t}", "backward": f"backward.t{self.t}"}.get(self.phase, self.phase)

    def name(self, conv: str) -> str:
        """The value as the trace writes it: ``h_t``, ``δ_t``, ``x_t``, ``L_t``."""
        if self.key == "x":
            return "x_t"
        if self.key == "loss":
            return "L_t"
        return write(self.op.target, conv)


@dataclass
class Plan:
    """The trace a file follows, as the ordered steps whose values can be checked."""

    command: str
    cell: str
    gru_variant: str
    convention: str
    implicit_zero: list[str]
    vocab: list[str]
    params: dict[str, np.ndarray]
    forward: list  # trace.Step, t = 1 … T
    backward: list  # bptt.BackStep, t = T … 1 (empty for forward)
    targets: list[int | None]
    unused: dict[str, np.ndarray] = field(default_factory=dict)  # the example's weights the cell left aside (b_hn)
    drawn: list[str] = field(default_factory=list)  # the weights drawn from the seed (the others are the example's)

    @property
    def cell_variant(self) -> str | None:
        """The GRU's variant, where the cell takes one (None for the other cells and attention)."""
        kind = cells.CELLS.get(self.cell)
        return self.gru_variant if kind is not None and "gru_variant" in kind.options else None

    def step_slots(self, phase: str, step) -> list[Slot]:
        ops = step.ops
        if phase in ("backward", "attention"):
            key = backward_key if phase == "backward" else forward_key
            return [Slot(phase, step.t, key(op.target.name), op, i, op.value)
                    for i, op in enumerate(ops) if op.target is not None]
        slots = [Slot(phase, step.t, "x", None, -1, step.values["x"])]
        slots += [Slot(phase, step.t, forward_key(op.target.name), op, i, op.value)
                  for i, op in enumerate(ops) if op.target is not None]
        if step.values.get("loss") is not None:
            slots.append(Slot(phase, step.t, "loss", None, len(ops), np.float64(step.values["loss"])))
        return slots

    @property
    def phase(self) -> str:
        """What the forward steps are called: ``forward``, or ``attention`` (one step, [attention])."""
        return "attention" if self.command == "attention" else "forward"

    def slots(self) -> list[Slot]:
        out = [s for step in self.forward for s in self.step_slots(self.phase, step)]
        return out + [s for step in self.backward for s in self.step_slots("backward", step)]


def build_plan(spec, ex=None, source: str | None = None) -> Plan:
    """Run the trace ``spec`` (a ``sheet.Spec``) names; ``ex``: the example itself, instead of
    the one ``spec.example`` names (a worksheet's, its weights drawn for a student). ``source``:
    the check file the spec comes from, named in what a bad example or sentence says."""
    from rnntrace import bptt, examples, forward
    from rnntrace.errors import InputError
    from rnntrace.i18n import t

    name = spec.example or DEFAULT_EXAMPLE[spec.command]
    try:
        if spec.command == "attention":
            from rnntrace import attention_examples

            ex = attention_examples.load(name, "self")
        elif ex is None:
            ex = examples.load(name)
    except InputError as e:
        if source is None:
            raise
        raise InputError(f"{source}: trace.example: {e}") from None
    if spec.sentence is not None:
        where = f"{source}: trace.sentence" if source else "--sentence"
        ex = ex.with_sentence(spec.sentence) if spec.command == "attention" else ex.with_sentence(spec.sentence, where)
    if spec.command == "attention":
        return attention_plan(ex, spec)
    cell = spec.cell or ex.cell
    if cells.unused_variant(cell, spec.gru_variant):
        cell_name = t(f"common.cell.{cell}")
        raise InputError(t("errors.gru_variant_cell", variant=spec.gru_variant, cell=cell_name, compare="")
                         if source is None else
                         t("check.file.gru_variant_cell", file=source, variant=spec.gru_variant, cell=cell_name))
    variant = cells.make(cell, ex.variant_for(spec.gru_variant)).variant
    if spec.command == "bptt":
        tr = bptt.run(ex, cell=cell, gru_variant=variant, seed=spec.seed, detail=True, gradcheck=False,
                      sums=False)
        ftr, back = tr.forward_trace, tr.steps
    else:
        ftr, back = forward.run(ex, cell=cell, gru_variant=variant, seed=spec.seed), []
    targets = [ex.index(w) if w is not None else None for w in ex.targets]
    return Plan(spec.command, cell, variant, spec.convention, list(ftr.implicit_zero), list(ex.vocab),
                dict(ftr.params), ftr.steps, back, targets, {n: ex.weights[n] for n in ftr.unused},
                list(ftr.drawn))


SCALE = "1/√d_k"


def attention_plan(ex, spec) -> Plan:
    """Self-attention (one head) as ops, so it is checked as the cells are: X = E + P (with
    positional encodings), Q = X·W_Q, K = X·W_K, V = X·W_V, scores = Q·Kᵀ,
    scaled_scores = scores / √d_k, weights = softmax by rows, output = weights·V. The names are
    the JSON's of ``rnntrace attention``."""
    from rnntrace import attention_trace
    from rnntrace.trace import Add, Apply, MatMul, Scale, Step

    tr = attention_trace.run_self(ex, seed=spec.seed)
    r, head = tr.result, tr.result.heads[0]
    params = {"W_Q": r.W_Q, "W_K": r.W_K, "W_V": r.W_V, "E": tr.E, SCALE: np.float64(1.0 / head.scaling)}
    ops = []

    def op(name, expr, operands, value):
        ops.append(Op(Sym(name), expr, tuple((Sym(n), v) for n, v in operands), value))

    if tr.positional == "sinusoidal":
        params["P"] = tr.P
        op("X", Add((Sym("E"), Sym("P"))), (("E", tr.E), ("P", tr.P)), tr.X)
    else:
        params["X"] = tr.X
    for m in ("Q", "K", "V"):
        op(m, MatMul(Sym("X"), Sym(f"W_{m}")), (("X", tr.X), (f"W_{m}", params[f"W_{m}"])), getattr(r, m))
    op("scores", MatMul(Sym("Q"), Sym("Kᵀ")), (("Q", head.Q), ("Kᵀ", head.K.T)), head.scores)
    op("scaled_scores", Scale(Sym(SCALE), Sym("scores")), ((SCALE, params[SCALE]), ("scores", head.scores)),
       head.scaled_scores)
    op("weights", Apply("softmax", Sym("scaled_scores")), (("scaled_scores", head.scaled_scores),), head.weights)
    op("output", MatMul(Sym("weights"), Sym("V")), (("weights", head.weights), ("V", head.V)), head.output)
    step = Step(t=1, token=" ".join(tr.tokens), target=None, values={}, ops=ops, prediction=None)
    return Plan("attention", "attention", "lecture", "row", [], list(tr.tokens), params, [step], [], [])


# ---- the student's numbers -----------------------------------------------------------------------
@dataclass
class Answer:
    """A value the student wrote, in the row convention, and the decimals they wrote it with
    (None: only whole numbers). ``transposed``: a matrix written with its rows and columns
    swapped (kept as written)."""

    value: np.ndarray
    decimals: int | None
    transposed: bool = False


FLOAT32_TOLERANCE = 1e-6  # what code computing in float32 (PyTorch's default) agrees to


def default_tolerance(decimals: int | None) -> float:
    """One unit in the last decimal place written; half a unit for whole numbers; never tighter
    than 1e-6, so numbers printed in full from float32 code agree."""
    return 0.5 if decimals is None else max(10.0 ** (-decimals), FLOAT32_TOLERANCE)


def close(got: np.ndarray, want: np.ndarray, tol: float) -> bool:
    got, want = np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64)
    if got.shape != want.shape:
        return False
    with np.errstate(all="ignore"):
        same = (got == want) | (np.isnan(got) & np.isnan(want))
        near = np.abs(got - want) <= tol + 1e-9 * np.maximum(1.0, np.abs(want))
    return bool(np.all(same | near))


# ---- the result ------------------------------------------------------------------------------------
@dataclass
class Diagnosis:
    key: str  # one of slips.KEYS
    value: np.ndarray  # what the slip gives
    fields: dict = field(default_factory=dict)  # for the message: which weight, which path


@dataclass
class Difference:
    slot: Slot
    got: Answer
    expected: np.ndarray  # from the student's own earlier numbers
    tol: float
    operands: list[tuple[object, np.ndarray]]  # (expr, value used) of the op
    diagnosis: Diagnosis | None


@dataclass
class Result:
    plan: Plan
    checked: int  # values the student wrote
    blank: int  # values left to fill in
    first: Difference | None
    later: int = 0  # values checked after the first difference
    later_differ: list[Slot] = field(default_factory=list)

    @property
    def agree(self) -> bool:
        return self.first is None


@dataclass
class StepState:
    """What a step's replay starts from and what the student wrote in it (for the slips)."""

    start: Env
    written: Env


def run(plan: Plan, answers: dict[tuple[str, int, str], Answer], tol: float | None = None) -> Result:
    """Check every answer in the trace's order (see the module docstring)."""
    from rnntrace.check import slips

    base: Env = {Sym(n): v for n, v in plan.params.items()}
    result = Result(plan, 0, 0, None)
    states: dict[tuple[str, int], StepState] = {}

    def judge(slot: Slot, expected, operands, state: StepState) -> np.ndarray:
        """Compare the answer (if any) for ``slot``; return the value later ops should read."""
        ans = answers.get((slot.phase, slot.t, slot.key))
        if ans is None:
            result.blank += 1
            return expected
        result.checked += 1
        tolerance = default_tolerance(ans.decimals) if tol is None else tol
        ok = not ans.transposed and (close(ans.value, expected, tolerance) or close(ans.value, slot.value, tolerance))
        if result.first is not None:
            result.later += 1
            if not ok:
                result.later_differ.append(slot)
        elif not ok:
            diff = Difference(slot, ans, np.asarray(expected), tolerance, operands, None)
            diff.diagnosis = slips.diagnose(plan, diff, state)
            result.first = diff
        return expected if ans.transposed else ans.value

    def ops_of(phase: str, step, env: Env, state: StepState) -> Env:
        by_index = {s.index: s for s in plan.step_slots(phase, step)}
        for i, op in enumerate(step.ops):
            value = evaluate(op, env)
            slot = by_index.get(i)
            if slot is not None and slot.key != "x":
                operands = [(e, v if derive(e, env) is None else derive(e, env)) for e, v in op.operands]
                value = judge(slot, value, operands, state)
                if (phase, step.t, slot.key) in answers:
                    state.written[key_of(op)] = value
            env[key_of(op)] = value
        return env

    if plan.command == "attention":
        env = dict(base)
        state = StepState(dict(env), {})
        ops_of("attention", plan.forward[0], env, state)
        return result
    forward_envs: dict[int, Env] = {}
    H = plan.forward[0].values["h"].shape[-1]
    h_prev, c_prev = np.zeros(H), np.zeros(H)
    for step in plan.forward:
        env = dict(base)
        env[Sym("h_{t−1}")], env[Sym("c_{t−1}")] = h_prev, c_prev
        state = StepState(env, {})
        env[Sym("x_t")] = judge(plan.step_slots("forward", step)[0], step.values["x"], [], state)
        state.start = dict(env)
        states["forward", step.t] = state
        ops_of("forward", step, env, state)
        target = plan.targets[step.t - 1]
        if target is not None:
            with np.errstate(all="ignore"):
                loss = -np.log(np.asarray(env[Sym("p_t")], dtype=np.float64)[target])
            judge(plan.step_slots("forward", step)[-1], loss, [(Sym("p_t"), env[Sym("p_t")])], state)
        forward_envs[step.t] = env
        h_prev, c_prev = env[Sym("h_t")], env.get(Sym("c_t"), c_prev)

    carry: Env = {}
    for step in plan.backward:
        env = dict(base)
        env.update({k: v for k, v in forward_envs[step.t].items() if isinstance(k, Sym) and k not in base})
        env.update(carry)
        state = StepState(dict(env), {})
        states["backward", step.t] = state
        ops_of("backward", step, env, state)
        carry = {Sym(BACK[s][1]): env[Sym(BACK[s][0])] for s in BACK if Sym(BACK[s][0]) in env}
    return result


def decimals_of(text: str) -> int | None:
    """The decimals a number was written with: ``0.2913`` → 4, ``1.5e-3`` → 4, ``2`` → None."""
    s = text.strip().lower().replace("_", "")
    mantissa, _, exponent = s.partition("e")
    if "." not in mantissa and not exponent:
        return None
    frac = mantissa.partition(".")[2]
    d = len(frac) - (int(exponent) if exponent else 0)
    return max(d, 0) if math.isfinite(float(s)) else None
