"""The gates' story, in numbers: where a gated cell keeps what it read, and where the gradient
survives a gap. Numpy only; the views choose their notes from these numbers.

The lecture's picture ("La red GRU"): in "El perro que ya había comido …, estaba lleno" the
update gate Γ_t stays near 1 across the words that can be skipped, so the state keeps "perro"
until "estaba". The GRU's step is h_t = z_t ⊙ h_{t−1} + (1 − z_t) ⊙ h̃_t (z_t is Γ_t), and the
LSTM's memory c_t = f_t ⊙ c_{t−1} + i_t ⊙ c̃_t; unrolled over steps a … b, for each unit,

    h_b = (∏_{t=a…b} z_t) · h_{a−1} + Σ_{j=a…b} (1 − z_j) · (∏_{t=j+1…b} z_t) · h̃_j

so ∏ z_t is exactly the share of h_{a−1} that is still in h_b (for the LSTM, ∏ f_t of c_{a−1}
in c_b; the input gate only adds).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

KEEP_GATE = 0.9  # a gate at or above this keeps at least 90% of the old state each step
KEEP_STEPS = 3  # "stays": at least this many steps in a row
GATE_OF = {"gru": ("z", "h"), "lstm": ("f", "c")}  # the gate that keeps the old state, and that state


@dataclass
class KeptRun:
    """The longest stretch of steps start … end (1-based t) over which some units' keeping gate
    stays ≥ ``threshold``; ``units`` (1-based) are every unit whose gate stays there over that
    whole stretch. ``kept[j]`` = ∏_{t=start…end} gate_t[unit j], the share of the state before
    ``start`` still in the state at ``end``; ``before``/``after`` that state's values (h or c)
    at start − 1 and at end."""

    gate: str  # "z" (GRU) or "f" (LSTM)
    state: str  # "h" (GRU) or "c" (LSTM)
    threshold: float
    start: int
    end: int
    units: list[int]
    min_gate: float  # the smallest gate value of those units over the stretch
    kept: list[float]
    before: list[float]
    after: list[float]

    @property
    def steps(self) -> int:
        return self.end - self.start + 1


def kept_run(cell: str, gates: np.ndarray, states: np.ndarray, threshold: float = KEEP_GATE,
             min_steps: int = KEEP_STEPS) -> KeptRun | None:
    """The longest run (T×H ``gates``, the keeping gate at each step; ``states`` the kept state
    h_t or c_t) of at least ``min_steps`` steps from t = 2 on where a unit's gate stays
    ≥ ``threshold``; the earliest of equally long runs. None for an Elman cell, or when no unit keeps that long
    (a gate of nan never keeps)."""
    if cell not in GATE_OF or gates.size == 0:
        return None
    T, H = gates.shape
    with np.errstate(invalid="ignore"):
        keeps = gates >= threshold  # (T, H)
    keeps[0] = False  # at t = 1 the gate acts on h_0 = c_0 = 0: nothing read yet to keep
    best = (0, 0, 0)  # (length, start index, end index)
    for k in range(H):
        run = 0
        for i in range(T):
            run = run + 1 if keeps[i, k] else 0
            if run > best[0] or (run == best[0] and run and i - run + 1 < best[1]):
                best = (run, i - run + 1, i)
    length, a, b = best
    if length < min_steps:
        return None
    units = [k for k in range(H) if keeps[a:b + 1, k].all()]
    g = gates[a:b + 1, units]
    before = states[a - 1, units]
    gate, state = GATE_OF[cell]
    return KeptRun(gate, state, threshold, a + 1, b + 1, [k + 1 for k in units], float(g.min()),
                   [float(x) for x in np.prod(g, axis=0)], [float(x) for x in before],
                   [float(x) for x in states[b, units]])


@dataclass
class Survival:
    """‖∂s^(T)/∂s^(k)‖ over k = 1 … T−1 (the states after each word but the last; s^(0) is the
    zero start, not a word): the log10 of its smallest and largest value and where.
    ``survives``: it stays between 1, the norm of ∂s^(T)/∂s^(T) (the identity), and 10: going
    back over the gap neither shrinks the gradient nor blows it up by more than a power of ten."""

    T: int
    log10_smallest: float
    k_smallest: int
    log10_largest: float
    k_largest: int
    survives: bool


def survival(log10_norm: np.ndarray) -> Survival | None:
    """From ``log10_norm[k]`` = log10 ‖∂s^(T)/∂s^(k)‖, k = 0 … T−1; None when T − 1 < ``KEEP_STEPS``
    or a norm on k = 1 … T−1 is not finite."""
    T = len(log10_norm)
    logs = np.asarray(log10_norm[1:], dtype=float)  # k = 1 … T−1
    if len(logs) < KEEP_STEPS or not np.all(np.isfinite(logs)):
        return None
    lo, hi = int(np.argmin(logs)), int(np.argmax(logs))
    return Survival(T, float(logs[lo]), lo + 1, float(logs[hi]), hi + 1, bool(logs[lo] >= 0.0 and logs[hi] <= 1.0))
