"""Backpropagation through time: the backward pass, the Jacobian ledger, the bound, the check.

The lecture's total loss is L = Σ_t L^(t) and, for one step t,

    ∂L^(t)/∂W_hh = ∂L^(t)/∂y^(t) · ∂y^(t)/∂h^(t) · Σ_{k=1}^{t} (∂h^(t)/∂h^(k)) · ∂h^(k)/∂W_hh,
    ∂h^(t)/∂h^(k) = ∏_{i=k+1}^{t} ∂h^(i)/∂h^(i−1).

Two ways through, with the same numbers:

- a short sentence (T ≤ DETAIL_MAX) runs ``forward.run`` and then the cells' backward steps one
  step at a time, from t = T down to 1, recording every op for the step-by-step view;
- a long one (up to 10,000 tokens) runs the recurrence as a tight loop (``scan``), recomputes
  every gate with the cells' own step functions batched over t, carries the gradient at the
  state back through the Jacobians (∂L/∂s_{t} = ∂L^(t)/∂s_t + ∂L/∂s_{t+1}·J_{t+1}), and calls
  the cells' backward steps once for all t. Nothing is recorded; the view is a summary.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass, field, replace

import numpy as np

from rnntrace import analysis, cells, forward, jacobians as jac, mathx, params as params_mod
from rnntrace.examples import Example
from rnntrace.mathx import log_softmax
from rnntrace.trace import ForwardTrace, Op, Step

DETAIL_MAX = 10  # longest sentence traced step by step; longer ones get the summary view
GRADCHECK_MAX = 50  # longest sentence checked by default (--gradcheck forces it)
MAX_STEPS = 10_000
MEMORY_BUDGET = 512 * 2**20  # bytes the ledger of a long run may take
SMALL_STATE = 16  # up to this many units the Elman backward uses the Jacobians it has anyway
# multiply-adds the gradient check may take: by default (a few seconds), and when --gradcheck asks
GRADCHECK_BUDGET = 10**10
GRADCHECK_BUDGET_FORCED = 10**11


# ---- the sentence ------------------------------------------------------------------------------
def extend(ex: Example, T: int, seed: int) -> Example:
    """The example's sentence cut or extended to T tokens, every token with the next word as its
    target: the words after the example's are drawn uniformly from the vocabulary with ``seed``
    (the same seed, the same sentence), and one more is drawn as the last token's target."""
    words = list(ex.sentence[:T + 1])
    if len(words) < T + 1:
        rng = np.random.default_rng([seed, zlib.crc32(b"--steps")])
        words += [ex.vocab[i] for i in rng.integers(0, len(ex.vocab), size=T + 1 - len(words))]
    # every word comes from the vocabulary, so ``with_sentence``'s checks have nothing to find
    return replace(ex, sentence=tuple(words[:T]), targets=tuple(words[1:]), notes={},
                   sentence_from=f"--steps {T}")


def state_size(cell: str, H: int) -> int:
    """S: H, or 2H for the LSTM's (h_t, c_t)."""
    return cells.make(cell).state_size(H)


def bytes_per_step(cell: str, V: int, H: int) -> int:
    """What one more token costs a long run: its Jacobian and product (S×S several times over),
    its one-hot x_t, and every gate value and gradient."""
    S = state_size(cell, H)
    return 8 * (5 * S * S + 2 * V + 40 * H)


def max_steps(cell: str, V: int, H: int) -> int:
    return max(1, min(MAX_STEPS, MEMORY_BUDGET // bytes_per_step(cell, V, H)))


def check_memory(cell: str, T: int, V: int, H: int, where: str) -> None:
    """Refuse (an InputError naming ``where``, what set the length) a run of T tokens whose
    ledger would not fit in MEMORY_BUDGET: checked from the real sizes before anything large is
    allocated, whether T comes from the file, --sentence or --steps."""
    limit = max_steps(cell, V, H)
    if T > limit:
        from rnntrace.errors import InputError
        from rnntrace.i18n import t
        from rnntrace.safeio import size_text

        S = state_size(cell, H)
        raise InputError(t("bptt.err.steps_memory", where=where, T=T, S=S, max=limit,
                           need=size_text(T * bytes_per_step(cell, V, H)), budget=size_text(MEMORY_BUDGET)))


def gradcheck_cost(cell: str, T: int, V: int, H: int) -> int:
    """Multiply-adds of the gradient check: 2·LEVELS perturbed losses per checked entry (every
    entry of a parameter, or SAMPLE of them), each a run of T steps (every gate's h_{t−1}·W_h·,
    H×H, and the scores h_t·W_hy, H×V); the output layer's own entries leave the states as they
    are, so they need the scores only."""
    from rnntrace.gradcheck import LEVELS, SAMPLE

    total = 0
    for name in params_mod.param_names(cell):
        n = min(SAMPLE, int(np.prod(params_mod.expected_shape(name, V, H))))
        total += n * (H * V if name in ("W_hy", "b_y") else len(cells.CELLS[cell].gates) * H * H + H * V)
    return 2 * LEVELS * T * total


def gradcheck_runs(cell: str, T: int, V: int, H: int, asked: bool | None) -> bool:
    """Whether the check runs: by default for up to GRADCHECK_MAX tokens within GRADCHECK_BUDGET;
    when ``asked`` (--gradcheck), always, or an InputError if it would exceed
    GRADCHECK_BUDGET_FORCED (minutes of work), said before anything runs."""
    if asked is None:  # by default a long sentence is not checked, whatever it would cost
        return T <= GRADCHECK_MAX and gradcheck_cost(cell, T, V, H) <= GRADCHECK_BUDGET
    cost = gradcheck_cost(cell, T, V, H) if asked else 0
    if cost > GRADCHECK_BUDGET_FORCED:
        from rnntrace.errors import InputError
        from rnntrace.i18n import t

        raise InputError(t("bptt.err.gradcheck_cost", T=T, V=V, H=H, cell=t(f"common.cell.{cell}"),
                           cost=f"{cost:.1e}", max=f"{GRADCHECK_BUDGET_FORCED:.0e}"))
    return asked


# ---- the result ----------------------------------------------------------------------------------
@dataclass(eq=False, repr=False)
class BackStep:
    """One step of the backward pass, t = T … 1, with every op it computed, in order."""

    t: int
    token: str
    target: str | None
    ops: list[Op]
    totals: dict[str, np.ndarray]  # every gradient summed over the steps done so far (t … T)
    zero: bool  # ∂L/∂h_t (and ∂L/∂c_t) exactly 0: nothing reaches this step


@dataclass(eq=False, repr=False)
class SumTerms:
    """The lecture's sum for one step t: per k = 1 … t, the term (∂h^(t)/∂h^(k))·∂h^(k)/∂W_hh
    times ∂L^(t)/∂h^(t), i.e. step k's part of ∂L^(t)/∂W_hh (for gated cells: of ∂L^(t)/∂(every
    recurrent matrix) together). Sizes are Frobenius norms, as log10."""

    t: int
    weights: list[str]  # the recurrent matrices the sum is over
    log10_product: np.ndarray  # (t,) ‖∂h^(t)/∂h^(k)‖₂ for k = 1 … t (k = t: the identity, 0)
    log10_term: np.ndarray  # (t,) ‖term_k‖
    terms: list[np.ndarray] | None  # Elman, short view: each term as a matrix
    total: np.ndarray | None  # Elman, short view: Σ_k term_k = ∂L^(t)/∂W_hh


@dataclass(eq=False, repr=False)
class Stacked:
    """One sentence's forward pass stacked over t: what every backward helper reads."""

    cell: cells.Cell
    p: cells.P  # the parameters as traced values
    values: dict[str, np.ndarray]  # every forward value, (T, ·): x, the gates, h, y, p
    prev: object  # s_{t−1} for every t: h (T, H), or for the LSTM (h, c)
    targets: np.ndarray  # (T,) the targets' indices, −1 where a step has none


@dataclass(eq=False, repr=False)
class BPTTTrace:
    cell: str
    gru_variant: str | None
    activation: str
    scale: float
    example: str
    title: str
    description: str
    vocab: list[str]
    hidden_size: int
    seed: int
    sentence: list[str]
    targets: list[str | None]
    params: dict[str, np.ndarray]
    implicit_zero: list[str]
    drawn: list[str]
    unused: list[str]
    values: dict[str, np.ndarray]  # forward values stacked over t: x, h, y, p, gates …
    losses: np.ndarray  # (T,) L^(t), nan where there is no target
    loss: float | None
    grads: dict[str, np.ndarray]
    steps: list[BackStep] | None  # the step-by-step backward pass (short view only)
    jacobians: np.ndarray  # (T, S, S), J[t−1] = ∂s_t/∂s_{t−1}
    log10_jacobian_norms: np.ndarray  # (T,)
    products: jac.Products  # ∂h^(T)/∂h^(k), k = 0 … T−1
    bound: jac.Bound | None
    paths: jac.Paths | None
    sums: SumTerms | None
    gradcheck: object | None  # gradcheck.GradCheck
    template: list[Op] = field(default_factory=list)  # one backward step's ops, for the equations
    forward_trace: ForwardTrace | None = None  # the short view's forward trace (ops recorded)
    nonfinite: dict[str, int] = field(default_factory=dict)  # what first holds inf/nan → its t
    gradcheck_cost: int | None = None  # its multiply-adds, when that kept it off by default
    analysis: object | None = None  # analysis.BPTTAnalysis: the figures the views show
    slide: bool = False  # the lecture's worked example, on its own sentence: the slide's slips are named

    @property
    def T(self) -> int:
        return len(self.sentence)

    @property
    def summary(self) -> bool:
        return self.steps is None

    @property
    def unit(self) -> cells.Cell:
        """The cell as an object (what the views ask about it)."""
        return cells.make(self.cell, self.gru_variant, self.activation)

    @property
    def state(self) -> str:
        return self.unit.state_symbol

    def target_steps(self) -> list[int]:
        return [t for t, g in enumerate(self.targets, start=1) if g is not None]


# ---- the run -------------------------------------------------------------------------------------
def run(ex: Example, cell: str | None = None, gru_variant: str = "lecture", seed: int | None = None,
        activation: str = "tanh", scale: float = 1.0, at: int | None = None,
        gradcheck: bool | None = None, detail: bool | None = None, sums: bool = True) -> BPTTTrace:
    """Forward, backward, ledger, bound and (if asked, or by default for short sentences) the
    gradient check for ``ex``. ``at`` is the step whose sum is shown (default: the last step with
    a target; ``sums=False`` skips it); ``detail`` forces (True) or prevents (False) the
    step-by-step view."""
    kind = cell or ex.cell
    seed = ex.seed if seed is None else seed
    T, V, H = len(ex.sentence), len(ex.vocab), ex.hidden_size
    check_memory(kind, T, V, H, ex.sentence_from)
    checked = gradcheck_runs(kind, T, V, H, gradcheck)
    detail = T <= DETAIL_MAX if detail is None else detail
    cell = cells.make(kind, gru_variant, activation)
    position = {w: i for i, w in enumerate(ex.vocab)}
    idx = np.array([position[w] for w in ex.sentence])
    if detail:
        ftr = forward.run(ex, cell=kind, gru_variant=cell.variant, seed=seed, activation=activation,
                          scale=scale, command="bptt")
        params, implicit = ftr.params, frozenset(ftr.implicit_zero)
        drawn, unused = ftr.drawn, ftr.unused
        values = {k: np.array([s.values[k] for s in ftr.steps]) for k in ftr.steps[0].values if k != "loss"}
        prev = cell.previous(values["h"], values.get("c"))
    else:
        ftr = None
        params, drawn, unused = params_mod.build(kind, cell.variant, ex.weights, V, H, seed, ex.source, scale)
        implicit = params.implicit_zero
        params = dict(params)
        values, prev = _batched_values(cell, params, implicit, idx, V)
    targets = np.array([position[w] if w is not None else -1 for w in ex.targets])
    with np.errstate(all="ignore"):
        logp = log_softmax(values["y"])
        losses = np.where(targets >= 0, -logp[np.arange(T), np.maximum(targets, 0)], np.nan)
    loss = float(np.sum(losses[targets >= 0])) if np.any(targets >= 0) else None
    p = cells.P(params, implicit)
    fw = Stacked(cell, p, values, prev, targets)

    # the ledger: J_t = Jt[t]·10^e[t] (a size set aside where the cell can, so saturation keeps it)
    Jt, e = cell.ledger(params, values, prev)
    J = Jt if e is None else mathx.times_pow10(Jt, e)
    log_J = jac.log10_spectral(Jt) + (0.0 if e is None else e)
    prods = jac.products(Jt, e)
    bound = cell.bound(params, prods.log10_norm, log_J)

    # the backward pass
    names = params_mod.param_names(kind, cell.variant)
    if detail:
        steps, grads = _backward_steps(fw, ex, names)
    else:
        steps = None
        grads = _backward_batched(fw, J, names)

    at = _default_at(targets) if at is None else at
    sum_terms = _sum_terms(fw, (Jt, e), prods, at, detail) if at is not None and sums else None
    paths = cell.paths(values, Jt, e, prods)

    check = None
    if checked:
        from rnntrace import gradcheck as gc

        check = gc.check(kind, params, grads, idx, targets, cell.variant, activation, seed=seed)

    tr = BPTTTrace(
        cell=kind, gru_variant=cell.gru_variant, activation=cell.activation, scale=scale, example=ex.name,
        title=ex.title, description=ex.description, vocab=list(ex.vocab), hidden_size=H, seed=seed,
        sentence=list(ex.sentence), targets=list(ex.targets), params=params, implicit_zero=sorted(implicit, key=names.index),
        drawn=drawn, unused=unused, values=values, losses=losses, loss=loss, grads=grads, steps=steps,
        jacobians=J, log10_jacobian_norms=log_J, products=prods, bound=bound, paths=paths, sums=sum_terms,
        gradcheck=check, forward_trace=ftr, slide=ex.slide,
        gradcheck_cost=gradcheck_cost(kind, T, V, H) if gradcheck is None and not checked and T <= GRADCHECK_MAX else None,
        template=_template(fw))
    tr.nonfinite = _nonfinite(tr)
    tr.analysis = analysis.bptt(tr)
    return tr


def _arriving(cell: cells.Cell, rec: cells.Recorder, dy_back: cells.Val, carry: np.ndarray | None):
    """∂L/∂h_t = what the output passes back + what step t+1 passed back (``carry``, the state
    gradient (S,), None at the last step), and the part for c_t (None but for the LSTM)."""
    from_h, from_c = cell.arriving(carry)
    return rec.add(cells.grad(cells.H_T), dy_back, from_h), from_c


def _template(fw: Stacked) -> list[Op]:
    """The ops of one generic backward step (a target, and something coming back from t + 1):
    the equations the header lists."""
    cell, rec = fw.cell, cells.Recorder(True)
    v = {k: a[0] for k, a in fw.values.items()}
    out = cells.output_backward(fw.p, v["h"], v["p"], 0, rec)
    dh, dc = _arriving(cell, rec, out.back, np.zeros(cell.state_size(v["h"].shape[-1])))
    cell.backward(fw.p, v["x"], cell.index(fw.prev, 0), v, dh, dc, rec)
    return rec.ops


def with_forget_bias(ex: Example, b: float) -> Example:
    """The example with the LSTM's forget-gate bias b_f set to ``b`` for every unit."""
    return replace(ex, weights={**ex.weights, "b_f": np.full(ex.hidden_size, float(b))})


def compare(ex: Example, gru_variant: str = "lecture", seed: int | None = None, activation: str = "tanh",
            scale: float = 1.0, forget_bias: float | None = None) -> list[BPTTTrace]:
    """rnn, gru and lstm on the same sentence (the ledger only: no gradient check, no sum).
    ``forget_bias`` applies to the LSTM."""
    # before any cell runs: the LSTM's ledger is the largest
    check_memory("lstm", len(ex.sentence), len(ex.vocab), ex.hidden_size, ex.sentence_from)
    out = []
    for kind, c in cells.CELLS.items():
        e = with_forget_bias(ex, forget_bias) if ("forget_bias" in c.options and forget_bias is not None) else ex
        out.append(run(e, cell=kind, gru_variant=gru_variant, seed=seed,
                       activation=activation if "activation" in c.options else "tanh",
                       scale=scale, gradcheck=False, detail=False, sums=False))
    return out


def _default_at(targets: np.ndarray) -> int | None:
    """The last step with a target (its L^(t) exists)."""
    has = np.nonzero(targets >= 0)[0]
    return int(has[-1]) + 1 if has.size else None


def _batched_values(cell: cells.Cell, params, implicit, idx, V) -> tuple[dict, object]:
    """Every forward value for all t at once, and s_{t−1} for every t: the recurrence as a tight
    loop (``cell.scan``), then the cell's own step function applied to the stacked inputs (x_t
    one-hot (T, V), s_{t−1}), then the output layer."""
    hs, cs = cell.scan(params, idx=idx)
    prev = cell.previous(hs, cs)
    values = _stacked_values(cell, params, implicit, idx, V, *cell.parts(prev))
    return values, prev


def _backward_steps(fw: Stacked, ex: Example, names: list[str]):
    """t = T … 1, one step at a time, recording every op."""
    cell, p, values, targets = fw.cell, fw.p, fw.values, fw.targets
    T = len(targets)
    totals = {n: np.zeros_like(p[n].value) for n in names}
    carry = None  # the state gradient step t+1 passed back, (S,)
    steps = []
    for t in range(T, 0, -1):
        i = t - 1
        rec = cells.Recorder(True)
        tgt = int(targets[i]) if targets[i] >= 0 else None
        v = {k: a[i] for k, a in values.items()}
        out = cells.output_backward(p, v["h"], v["p"], tgt, rec, word=ex.targets[i])
        dh, dc = _arriving(cell, rec, out.back, carry)
        bw = cell.backward(p, v["x"], cell.index(fw.prev, i), v, dh, dc, rec)
        for n, g in {**out.grads, **bw.grads}.items():
            with np.errstate(all="ignore"):
                totals[n] = totals[n] + g
        zero = not np.any(dh.value) and (dc is None or not np.any(dc.value))
        carry = cell.join(bw.back)
        steps.append(BackStep(t, ex.sentence[i], ex.targets[i], rec.ops, dict(totals), zero))
    return steps, {n: totals[n] for n in names}


def _state_gradients(D: np.ndarray, J: np.ndarray, block: int = 4) -> np.ndarray:
    """∂L/∂s_t = D_t + ∂L/∂s_{t+1}·J_{t+1}, from t = T down to 1: the only sequential part.
    D (..., T, S): what the loss at t puts on s_t directly; J (..., T, S, S), J[t] = J_{t+1}.
    → (..., T, S). Leading axes are independent recurrences run side by side (a layer's two
    directions; several D through the same J, whose leading axes broadcast against D's): each
    gets the numbers it gets alone (one vector–matrix product per recurrence).

    Unrolled ``block`` steps at a time, so Python loops T/block times: over a block starting at
    t, ∂L/∂s_t = E_t + ∂L/∂s_{t+block}·A_t with A_t = J_{t+block}⋯J_{t+1} and E_t the block's own
    D terms carried to t (both for all blocks at once); then the steps inside the blocks are
    filled in, one offset at a time, for all blocks at once. The same sums as step by step, in
    another order (they agree to rounding)."""
    T, S = D.shape[-2:]
    lead = D.shape[:-2]
    G = np.empty(D.shape)

    def back(g, Js):  # g·J for rows g (..., S) and matrices Js (..., S, S)
        return (g[..., None, :] @ Js)[..., 0, :]

    with np.errstate(all="ignore"):
        n = (T - 1) // block if T > 2 * block else 0  # blocks [t, t + block) for t = 0, block, …
        tail = n * block  # from T down to the first block's end, step by step
        g = D[..., T - 1, :]
        G[..., T - 1, :] = g
        for t in range(T - 2, tail - 1, -1):
            g = D[..., t, :] + back(g, J[..., t + 1, :, :])
            G[..., t, :] = g
        if n == 0:
            return G
        starts = np.arange(n) * block
        A = np.broadcast_to(np.eye(S), J.shape[:-3] + (n, S, S)).copy()  # once per J, whatever the D
        E = np.zeros(lead + (n, S))
        for j in range(block):  # A_t = J_{t+block}⋯J_{t+1}, E_t = Σ_j D_{t+j}·J_{t+j}⋯J_{t+1}
            E += back(D[..., starts + j, :], A)
            A = J[..., starts + j + 1, :, :] @ A
        # [∂L/∂s_{t+block}, 1]·[A_t; E_t] = ∂L/∂s_t
        M = np.concatenate([np.broadcast_to(A, lead + (n, S, S)), E[..., None, :]], axis=-2)
        # rows[b] = [∂L/∂s at block b's start, 1]: each product is written where the next reads it
        rows = np.ones((n + 1,) + lead + (1, S + 1))
        rows[n, ..., 0, :S] = G[..., tail, :]
        lefts, outs, Ms = list(rows), list(rows[..., :S]), list(np.moveaxis(M, -3, 0))
        for b in range(n - 1, -1, -1):
            np.matmul(lefts[b + 1], Ms[b], out=outs[b])
        G[..., starts, :] = np.moveaxis(rows[:n, ..., 0, :S], 0, -2)
        for j in range(block - 1, 0, -1):  # inside the blocks, from the back: one offset at a time
            idx = starts + j
            G[..., idx, :] = D[..., idx, :] + back(G[..., idx + 1, :], J[..., idx + 1, :, :])
    return G


def _elman_state_gradients(D: np.ndarray, slope: np.ndarray, W_hh: np.ndarray) -> np.ndarray:
    """``_state_gradients`` for the Elman cell without building a Jacobian: with J_{t+1} =
    diag(f′(a_{t+1}))·W_hhᵀ, ∂L/∂h_t = D_t + (∂L/∂h_{t+1} ⊙ f′(a_{t+1}))·W_hhᵀ. One row times an
    H×H matrix per step, in place (T·H² flops, against T·H³ to build and use the Jacobians).
    D, slope (T, H) → (T, H)."""
    T, H = D.shape
    G = D.copy()
    with np.errstate(all="ignore"):
        U = np.empty((T, H))
        Wt = np.ascontiguousarray(W_hh.T)
        rows, us, slopes, back = list(G), list(U), list(slope), np.empty(H)
        multiply, matmul, add = np.multiply, np.matmul, np.add
        for t in range(T - 1, 0, -1):
            multiply(rows[t], slopes[t], out=us[t])  # ∂L/∂a_{t+1}
            matmul(us[t], Wt, out=back)
            add(rows[t - 1], back, out=rows[t - 1])
    return G


def _backward_batched(fw: Stacked, J: np.ndarray | None, names: list[str]):
    """Every step at once: the cells' backward steps on stacked arrays, with the gradient at
    each state from ``cell.state_gradients`` (``J`` may be None for a cell whose
    ``jacobian_needed`` is False)."""
    rec = cells.Recorder(False)
    out = cells.output_backward(fw.p, fw.values["h"], fw.values["p"], fw.targets, rec)
    G = fw.cell.state_gradients(out.back.value, J, fw.p, fw.values)  # from D (T, H): ∂L^(t)/∂y_t·W_hyᵀ
    bw = _backward_from(fw.cell, fw.p, fw.values["x"], fw.values, fw.prev, G, rec)
    grads = {**out.grads, **bw.grads}
    return {n: grads[n] for n in names}


def gradients(ex: Example, cell: str | None = None, gru_variant: str = "lecture", seed: int | None = None,
              activation: str = "tanh", scale: float = 1.0) -> dict[str, np.ndarray]:
    """∂L/∂θ for every parameter and nothing else: ``run``'s long path (the recurrence as a tight
    loop, every forward value batched over t, the backward pass) without the ledger, the sum or
    the check; what an autograd framework computes. The same numbers as ``run(...).grads``."""
    kind = cell or ex.cell
    seed = ex.seed if seed is None else seed
    unit = cells.make(kind, gru_variant, activation)
    V, H = len(ex.vocab), ex.hidden_size
    built, _, _ = params_mod.build(kind, unit.variant, ex.weights, V, H, seed, ex.source, scale)
    params = dict(built)
    idx = np.array([ex.index(w) for w in ex.sentence])
    targets = np.array([ex.index(w) if w is not None else -1 for w in ex.targets])
    values, prev = _batched_values(unit, params, built.implicit_zero, idx, V)
    J = unit.jacobian(params, values, prev) if unit.jacobian_needed else None
    fw = Stacked(unit, cells.P(params, built.implicit_zero), values, prev, targets)
    return _backward_batched(fw, J, params_mod.param_names(kind, unit.variant))


def _backward_from(cell: cells.Cell, p, x, values, prev, G, rec) -> cells.Backward:
    """The cell's backward step for every t at once, from the state gradients G (T, S)."""
    dh, dc = cell.split(G)
    return cell.backward(p, x, prev, values, cells.Val(cells.grad(cells.H_T), dh),
                         None if dc is None else cells.Val(cells.back("c", True), dc), rec)


def _sum_terms(fw: Stacked, ledger, prods: jac.Products, at: int, detail: bool) -> SumTerms:
    """Step k's part of ∂L^(t)/∂W_hh for k = 1 … t (t = ``at``), sizes as log10.

    The gradient of L^(t) alone at h_k is ∂L^(t)/∂h^(t)·∂h^(t)/∂h^(k); the products are kept
    scaled, so each row is scaled too (a linear map: the backward step commutes with the scale)."""
    cell, p, values, targets = fw.cell, fw.p, fw.values, fw.targets
    T = len(targets)
    t = at
    Jt, e = ledger  # J_t = Jt[t]·10^e[t] (e None: 0)
    P = prods if t == T else jac.products(Jt[:t], None if e is None else e[:t])
    rec = cells.Recorder(False)
    only = np.full(t, -1)
    only[t - 1] = targets[t - 1]
    sub = {k: v[:t] for k, v in values.items()}
    out = cells.output_backward(p, sub["h"], sub["p"], only, rec)
    d = cell.pad(out.back.value)[t - 1]  # ∂L^(t)/∂h^(t) (and 0 for c)
    with np.errstate(all="ignore"):
        rows = np.empty((t, d.size))
        rows[t - 1] = d
        log_rows = np.zeros(t)
        if t > 1:
            rows[: t - 1] = d @ P.scaled[1:]  # k = 1 … t−1: d·∂h^(t)/∂h^(k) (scaled)
            log_rows[: t - 1] = P.log_scale[1:]
        m = np.max(np.abs(rows), axis=1)
        ok = (m > 0) & np.isfinite(m)
        rows[ok] /= m[ok, None]
        log_rows = np.where(ok, log_rows + np.log10(np.where(ok, m, 1.0)), np.where(m == 0, -np.inf, np.nan))
        log_term, terms = cell.sum_terms(p, sub, cell.index(fw.prev, slice(0, t)), rows, log_rows, detail)
        log_term[np.isnan(log_rows)] = np.nan
        log_prod = np.zeros(t)
        if t > 1:
            log_prod[: t - 1] = P.log10_norm[1:]
        total = np.sum(terms, axis=0) if terms is not None else None
    return SumTerms(t, cell.recurrent(), log_prod, log_term, terms, total)


def _nonfinite(tr: BPTTTrace) -> dict[str, int]:
    """Where inf or nan first appear: forward values, state gradients, weight gradients."""
    out = {}
    for k, a in tr.values.items():
        bad = ~np.all(np.isfinite(a.reshape(len(a), -1)), axis=1)
        if bad.any():
            out[f"forward:{k}"] = int(np.argmax(bad)) + 1
    bad = ~np.all(np.isfinite(tr.jacobians.reshape(tr.T, -1)), axis=1)
    if bad.any():
        out["jacobian"] = int(np.argmax(bad)) + 1
    for n, g in tr.grads.items():
        if not np.all(np.isfinite(g)):
            out[f"grad:{n}"] = 0
    return out


# ---- the forward fields of the JSON document ---------------------------------------------------------
def forward_trace(tr: BPTTTrace, steps: bool = True) -> ForwardTrace:
    """The forward trace: the short view's own, or one built from the stacked values (no ops).
    Predictions and inf/nan flags are found for all steps at once (10,000 steps are common), and
    since this trace is made for the JSON document only, each step's values are the rows as
    lists (one conversion per value name, not one per step and name). ``steps=False``: the
    header alone (no steps), for a document that writes the steps from the stacked values."""
    if tr.forward_trace is not None:
        return tr.forward_trace
    return ForwardTrace(
        command="bptt", cell=tr.cell, gru_variant=tr.gru_variant, activation=tr.activation,
        example=tr.example, title=tr.title, description=tr.description, vocab=tr.vocab,
        hidden_size=tr.hidden_size, params=tr.params, implicit_zero=tr.implicit_zero, drawn=tr.drawn,
        unused=tr.unused, seed=tr.seed, steps=_forward_steps(tr) if steps else [], loss=tr.loss, scale=tr.scale)


def value_names(tr: BPTTTrace) -> list[str]:
    """The names of a step's values, in the order the forward trace gives them (y and p last)."""
    return [k for k in tr.values if k not in ("y", "p")] + ["y", "p"]


def _forward_steps(tr: BPTTTrace) -> list[Step]:
    keys = value_names(tr)
    P = tr.values["p"]
    with np.errstate(all="ignore"):
        finite_p = np.all(np.isfinite(P), axis=1)
        best = np.argmax(np.where(np.isnan(P), -np.inf, P), axis=1)
        bad = {k: ~np.all(np.isfinite(tr.values[k].reshape(tr.T, -1)), axis=1) for k in keys}
    bad["loss"] = ~np.isfinite(tr.losses) & np.array([g is not None for g in tr.targets])
    rows = {k: list(tr.values[k]) for k in keys}  # row views: the JSON writer takes arrays
    losses = tr.losses.tolist()
    names = keys + ["loss"]
    bad_at = np.stack([bad[k] for k in names], axis=1)  # (T, names)
    flagged = {int(i): [names[j] for j in np.flatnonzero(bad_at[i])] for i in np.flatnonzero(bad_at.any(axis=1))}
    predicted = [tr.vocab[b] if ok else None for b, ok in zip(best.tolist(), finite_p.tolist())]
    steps = []
    for i, (tok, tgt, row) in enumerate(zip(tr.sentence, tr.targets, zip(*(rows[k] for k in keys)))):
        vals = dict(zip(keys, row))
        vals["loss"] = None if tgt is None else losses[i]
        steps.append(Step(t=i + 1, token=tok, target=tgt, values=vals, ops=[], prediction=predicted[i],
                          nonfinite=flagged.get(i, [])))
    return steps


# ---- training: the loss and its gradient, nothing more ---------------------------------------------
def loss_and_grads(cell: str, params: dict, sentences: list[tuple[np.ndarray, np.ndarray]],
                   gru_variant: str = "lecture", activation: str = "tanh",
                   implicit_zero=frozenset()) -> tuple[float, dict[str, np.ndarray]]:
    """L = Σ over the sentences of Σ_t L^(t), and ∂L/∂θ for every parameter (what ``rnntrace
    train`` descends on). ``sentences`` holds (idx (T,), targets (T,), −1 where a step has no
    target); ``params`` maps every name of the cell to its array (zeros for the implicit biases,
    whose gradient is left out). Every sentence starts from h_0 = 0 (and c_0 = 0).

    The same equations as ``run``, without its ledger: the recurrence runs for all sentences at
    once (``scan``, padded after their ends, which changes none of their states); every step of
    every sentence becomes one row, packed as ``gradscan`` says (time-major, longest sentence
    first), and the cell's step function computes every forward value of all rows at once. The
    output layer's backward step, batched too, gives what each loss puts on its h_t; the cell's
    ``sequence_grads`` carries it back through time with vector products (no Jacobian: they are
    for what ``bptt`` shows, S×S a step, and training needs none of them)."""

    unit = cells.make(cell, gru_variant, activation)
    H, V = params["W_hy"].shape
    lengths = np.array([len(i) for i, _ in sentences])
    B, T = len(sentences), int(lengths.max())
    padded = np.zeros((B, T), dtype=np.intp)
    wanted = np.full((B, T), -1, dtype=np.intp)
    for b, (i, g) in enumerate(sentences):
        padded[b, : len(i)] = i
        wanted[b, : len(g)] = g
    hs, cs = unit.states(params, padded[0] if B == 1 else padded)
    # the packed rows: step by step, and within a step the sentences still running, longest first
    order = np.argsort(-lengths, kind="stable")
    ts, js = np.nonzero(np.arange(T)[:, None] < lengths[order][None, :])
    bs = order[js]
    sizes = np.bincount(ts, minlength=T)

    def previous(states):  # s_{t−1} of every row: s_0 = 0, then the states shifted by one step
        return np.concatenate([np.zeros((B, 1, H)), states.reshape(B, T, H)[:, :-1]], axis=1)[bs, ts]

    h_prev = previous(hs)
    c_prev = previous(cs) if cs is not None else None
    targets = wanted[bs, ts]
    values = _stacked_values(unit, params, implicit_zero, padded[bs, ts], V, h_prev, c_prev)
    has = np.nonzero(targets >= 0)[0]
    with np.errstate(all="ignore"):
        loss = float(-np.sum(log_softmax(values["y"][has])[np.arange(has.size), targets[has]]))
    p = cells.P(params, implicit_zero)
    out = cells.output_backward(p, values["h"], values["p"], targets, cells.Recorder(False))
    state_prev = (h_prev, c_prev) if c_prev is not None else h_prev
    grads = {**unit.sequence_grads(params, values["x"], state_prev, values, out.back.value, sizes), **out.grads}
    return loss, {n: grads[n] for n in unit.names() + ["W_hy", "b_y"] if n not in implicit_zero}


def _stacked_values(cell: cells.Cell, params, implicit, idx, V, h_prev, c_prev) -> dict:
    """Every forward value of rows whose h_{t−1} (and c_{t−1}) are given (one sentence's steps, or
    several sentences'): the cell's own step function on the stacked rows, then the output layer."""
    X = np.zeros((len(idx), V))
    X[np.arange(len(idx)), idx] = 1.0
    p = cells.P(params, implicit)  # the (H,) biases broadcast over the rows
    rec = cells.Recorder(False)
    state = (h_prev, c_prev) if c_prev is not None else h_prev
    vals, _ = cell.step(p, X, state, rec)
    y, prob = cells.output_step(p, vals["h"], rec)
    return {"x": X, **vals, "y": y, "p": prob}
