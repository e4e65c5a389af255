"""The recurrent cells, written as the lecture writes them (row convention, float64).

Each step function computes one token and records every operation into a ``Recorder``, so the
trace shows exactly what was computed. Shapes: V = vocabulary size, H = hidden size; ``x`` is
(V,), every state and gate is (H,), every ``W_x·`` is (V, H) and every ``W_h·`` is (H, H).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rnntrace import notation
from rnntrace.mathx import log_slope, sigmoid, softmax
from rnntrace.trace import Add, Apply, Eq, Expr, Had, MatMul, OneMinus, Op, Outer, Scale, Sub, Sym

# name -> (f(a), f'(a) written with the output y = f(a)); γ = max |f'|
ACTIVATIONS = {
    "tanh": (np.tanh, lambda a, y: 1.0 - y * y, 1.0),
    "sigmoid": (sigmoid, lambda a, y: y * (1.0 - y), 0.25),
    "relu": (lambda a: np.maximum(a, 0.0), lambda a, y: (a > 0).astype(np.float64), 1.0),
}
_FUNCS = {"σ": sigmoid, "softmax": softmax, **{k: v[0] for k, v in ACTIVATIONS.items()}}


@dataclass(slots=True)
class Val:
    """A value together with the expression that names it in the trace."""

    expr: Expr
    value: np.ndarray


def _sym(name: Sym | str | None) -> Sym | None:
    """A target as given (a keyed symbol), or a plain name as a symbol without a key."""
    return name if isinstance(name, Sym) or name is None else Sym(name) if name else None


class Recorder:
    """Collects the ops of one step. ``enabled=False`` computes the same values, records nothing
    (long ``bptt`` runs and finite differences use that)."""

    def __init__(self, enabled: bool = True):
        self.enabled = enabled
        self.ops: list[Op] = []

    def _emit(self, name: Sym | str | None, expr: Expr, args: tuple[Val, ...], value: np.ndarray) -> Val:
        target = _sym(name)
        if self.enabled:
            self.ops.append(Op(target, expr, tuple((a.expr, a.value) for a in args), value))
        return Val(target or expr, value)

    def matmul(self, v: Val, W: Val) -> Val:
        with np.errstate(over="ignore", invalid="ignore"):
            return self._emit(None, MatMul(v.expr, W.expr), (v, W), v.value @ W.value)

    def add(self, name: Sym | str | None, *terms: Val | None) -> Val:
        """Σ terms; a ``None`` term (a bias that is an implicit zero) is left out."""
        terms = tuple(x for x in terms if x is not None)
        if len(terms) == 1:  # no bias: nothing to add; the product itself gets the name
            if name is None:
                return terms[0]
            if self.enabled and self.ops and self.ops[-1].expr is terms[0].expr:
                self.ops[-1].target = _sym(name)
            return Val(_sym(name), terms[0].value)
        with np.errstate(over="ignore", invalid="ignore"):
            value = terms[0].value
            for x in terms[1:]:  # broadcasting: a (H,) bias adds to every row of stacked (T, H) values
                value = value + x.value
        return self._emit(name, Add(tuple(x.expr for x in terms)), terms, value)

    def had(self, name: str | None, a: Val, b: Val) -> Val:
        with np.errstate(over="ignore", invalid="ignore"):
            return self._emit(name, Had(a.expr, b.expr), (a, b), a.value * b.value)

    def one_minus(self, a: Val) -> Val:
        with np.errstate(over="ignore", invalid="ignore"):
            return self._emit(None, OneMinus(a.expr), (a,), 1.0 - a.value)

    def apply(self, name: str | None, fn: str, a: Val) -> Val:
        with np.errstate(over="ignore", invalid="ignore"):
            return self._emit(name, Apply(fn, a.expr), (a,), _FUNCS[fn](a.value))

    # ---- used by the backward steps ---------------------------------------------------------
    def sub(self, name: str | None, a: Val, b: Val) -> Val:
        with np.errstate(over="ignore", invalid="ignore"):
            return self._emit(name, Sub(a.expr, b.expr), (a, b), a.value - b.value)

    def hadamard(self, name: str | None, *factors: Val) -> Val:
        """a ⊙ b ⊙ …, written as one product (a local derivative is often two factors)."""
        with np.errstate(over="ignore", invalid="ignore"):
            value = factors[0].value
            for f in factors[1:]:
                value = value * f.value
        expr = factors[0].expr
        for f in factors[1:]:
            expr = Had(expr, f.expr)
        return self._emit(name, expr, factors, value)

    def outer(self, name: str, a: Val, b: Val) -> Val:
        """aᵀ·b, one step's contribution to a weight gradient. With a leading time axis
        ((T, m) and (T, n)) it is Σ_t a_tᵀ·b_t, all steps' contributions at once."""
        with np.errstate(over="ignore", invalid="ignore"):
            u, w = np.asarray(a.value), np.asarray(b.value)
            value = np.outer(u, w) if u.ndim == 1 else u.T @ w  # (T, m)ᵀ·(T, n) = Σ_t u_tᵀ·w_t
        return self._emit(name, Outer(a.expr, b.expr), (a, b), value)

    def accumulate(self, name: str, delta: Val) -> Val:
        """A bias's contribution: the δ itself (summed over a leading time axis, if any)."""
        value = delta.value if np.ndim(delta.value) == 1 else np.sum(delta.value, axis=0)
        return self._emit(name, delta.expr, (delta,), value)


class P:
    """The parameters as traced values; ``P.bias(name)`` is None for an implicit-zero bias."""

    def __init__(self, params: dict[str, np.ndarray], implicit_zero=frozenset()):
        self._v = {k: Val(param(k), v) for k, v in params.items()}
        self._implicit = implicit_zero

    def __getitem__(self, name: str) -> Val:
        return self._v[name]

    def bias(self, name: str) -> Val | None:
        return None if name in self._implicit else self._v[name]


# ---- the symbols: each with what it is (``Sym.key``), for code that must recognise it whatever it
# is called on screen (``explain``, the builders), and its TeX (``Sym.tex``), so no backend guesses
# TeX from the name. A subscript of several letters is upright: W_{\mathrm{xh}}, b_{h}.
def _sub(sub: str) -> str:
    return sub if len(sub) == 1 else r"\mathrm{" + sub + "}"


def param(name: str) -> Sym:
    """A weight or a bias: ``W_xh``, ``b_h``, the embedding ``E``."""
    base, _, sub = name.partition("_")
    return Sym(name, ("param", name), f"{base}_{{{_sub(sub)}}}" if sub else base)


def grad(s: Sym) -> Sym:
    """∂L/∂s, the loss's gradient with respect to ``s``."""
    return Sym(f"∂L/∂{s.name}", ("grad", s.key), r"\partial L/\partial " + s.tex if s.tex is not None else None)


X, H_PREV, C_PREV = (Sym("x_t", ("input",), "x_{t}"), Sym("h_{t−1}", ("prev", "h"), "h_{t-1}"),
                     Sym("c_{t−1}", ("prev", "c"), "c_{t-1}"))
A_T, H_T, C_T = Sym("a_t", ("pre",), "a_{t}"), Sym("h_t", ("state", "h"), "h_{t}"), Sym("c_t", ("state", "c"), "c_{t}")
GATE = {g: Sym(f"{g}_t", ("gate", g), f"{g}_{{t}}") for g in "rzfio"}  # r_t, z_t (the lecture's Γ_t), f_t, …
TILDE = {"h": r"\tilde{h}", "c": r"\tilde{c}"}  # h̃, c̃: the candidates
CANDIDATE = {g: Sym(f"{g}\u0303_t", ("candidate", g), TILDE[g] + "_{t}") for g in "hc"}
Y, PROB = Sym("y_t", ("logits",), "y_{t}"), Sym("p_t", ("probs",), "p_{t}")
RESET_STATE = Sym("(r_t ⊙ h_{t−1})", ("reset_state",), r"(r_{t}\odot h_{t-1})")  # the GRU's r_t ⊙ h_{t−1}, named as one
ZERO = Sym("0", ("zero",), "0")  # ∂L/∂y_t at a step without a target
JACOBIAN = Sym("J^(i)", None, "J^{(i)}")  # step i's Jacobian, in the bptt view's formula
TARGET = Sym("target_t", ("target",), r"\mathrm{target}_{t}")  # the target word at t, in a formula for every t

# ---- the backward steps share these -------------------------------------------------------
# What step t passes back to step t−1, named as the chain rule writes it: the gradient at the
# state times the Jacobian of the ledger (``jacobians.py``). BACK[cell] = (name inside step t,
# the same quantity seen from step t−1).
BACK = {
    "h": ("∂L/∂h_t·∂h_t/∂h_{t−1}", "∂L/∂h_{t+1}·∂h_{t+1}/∂h_t"),
    "s": ("∂L/∂s_t·∂s_t/∂h_{t−1}", "∂L/∂s_{t+1}·∂s_{t+1}/∂h_t"),  # LSTM: s_t = (h_t, c_t)
    "c": ("∂L/∂c_t·∂c_t/∂c_{t−1}", "∂L/∂c_{t+1}·∂c_{t+1}/∂c_t"),
}

# (the quantity y, the state x it is passed back to) inside step t, and seen from step t−1
_BACK_PARTS = {k: ((Sym(f"{y}_t", None, f"{y}_{{t}}"), Sym(f"{x}_{{t−1}}", None, f"{x}_{{t-1}}")),
                   (Sym(f"{y}_{{t+1}}", None, f"{y}_{{t+1}}"), Sym(f"{x}_t", None, f"{x}_{{t}}")))
               for k, (y, x) in {"h": ("h", "h"), "s": ("s", "h"), "c": ("c", "c")}.items()}


def back(kind: str, seen_from_before: bool = False) -> Sym:
    """BACK[kind] as a symbol: ("back", kind) is what step t passes back, ("back_in", kind) the
    same quantity seen from step t−1 (what step t+1 passed back)."""
    k = 1 if seen_from_before else 0
    return notation.chain_rule(*_BACK_PARTS[kind][k], ("back_in" if seen_from_before else "back", kind))


def delta(g: str) -> Sym:
    """δ of a gate or candidate ``g`` (its gradient before its activation): ``δ_{r,t}``, ``δ_{h̃,t}``
    (g = "h̃": the GRU's candidate), or the Elman cell's ``δ_t`` (g = "a": δ_t = ∂L/∂a_t)."""
    if g == "a":
        return Sym("δ_t", ("delta", g), r"\delta _{t}")
    tex = TILDE[g[0]] if g.endswith("\u0303") else g
    return Sym(f"δ_{{{g},t}}", ("delta", g), r"\delta _{" + tex + ",t}")


@dataclass(slots=True)
class Backward:
    """One backward step: the weight-gradient contributions, what is passed back, and for each
    weight the two vectors whose outer product is its contribution (``left``ᵀ·``delta``)."""

    grads: dict[str, np.ndarray]
    back: Val | tuple[Val, Val]
    factors: dict[str, tuple[np.ndarray, np.ndarray]]


def _tr(p: P, name: str) -> Val:
    """``W_hhᵀ``: backwards, a row gradient meets the transposed matrix."""
    w = param(name)
    return Val(Sym(f"{name}ᵀ", ("transposed", w.key), w.tex + r"^{\top }"), p[name].value.T)


def _sig_prime(g: Sym, value) -> Val:
    """σ′ written with the gate's own value: g ⊙ (1 − g)."""
    with np.errstate(all="ignore"):
        return Val(Had(g, OneMinus(g)), value * (1.0 - value))


def _tanh_prime(y: Sym, value) -> Val:
    """tanh′ written with its output: 1 − y²."""
    with np.errstate(all="ignore"):
        return Val(OneMinus(_squared(y)), 1.0 - value * value)


def _squared(y: Sym) -> Sym:
    return Sym(f"{y.name}²", None, f"{y.tex}^{{2}}")


SLOPE_FROM_A = 1e-6  # below this, f′ written with the rounded output has lost digits; take it from a_t


def slope(activation: str, a, y) -> np.ndarray:
    """f′(a_t) for the Elman cell's activation: from the output (1 − h_t² for tanh) as the lecture
    writes it, but where that is below SLOPE_FROM_A from a_t itself (``mathx.log_slope``): 1 − h_t²
    rounds to 0 once |a_t| > 19, where sech²(a_t) is still 1e-17 … 1e-300, and has lost digits
    well before (1e-6 relative at 1 − h_t² = 1e-10)."""
    with np.errstate(all="ignore"):
        value = ACTIVATIONS[activation][1](a, y)
        lost = value < SLOPE_FROM_A
        if np.any(lost):
            value = np.where(lost, np.exp(log_slope(activation, a)), value)
    return value


def _act_prime(activation: str, a, y) -> Val:
    """f′(a_t) for the Elman cell's activation, written as the lecture would (``slope``)."""
    value = slope(activation, a, y)
    if activation == "tanh":
        return Val(OneMinus(_squared(H_T)), value)
    if activation == "sigmoid":
        return Val(Had(H_T, OneMinus(H_T)), value)
    return Val(Apply("𝟙", Sym("a_t > 0", None, "a_{t}>0")), value)


def _weight(rec: Recorder, out: Backward, name: str, left: Val, delta: Val) -> None:
    """∂L/∂W += leftᵀ·δ (an outer product), or ∂L/∂b += δ for a bias (``left`` None)."""
    if left is None:
        out.grads[name] = rec.accumulate(grad(param(name)), delta).value
    else:
        out.grads[name] = rec.outer(grad(param(name)), left, delta).value
        out.factors[name] = (left.value, delta.value)


def rnn_step(p: P, x: np.ndarray, h_prev: np.ndarray, rec: Recorder, activation: str = "tanh",
             inputs: tuple[tuple[Val, Val], ...] = ()):
    """Elman cell: a_t = x_t·W_xh + h_{t−1}·W_hh + b_h,  h_t = tanh(a_t).

    (V,), (H,) → values {a, h} and the new state h (H,). ``inputs``: more (vector, weight) pairs
    whose products join the sum before the bias (a decoder fed its context: c_i·W_ch).
    """
    x, hp = Val(X, x), Val(H_PREV, h_prev)
    products = [rec.matmul(x, p["W_xh"]), rec.matmul(hp, p["W_hh"])] + [rec.matmul(v, W) for v, W in inputs]
    a = rec.add(A_T, *products, p.bias("b_h"))
    h = rec.apply(H_T, activation, a)
    return {"a": a.value, "h": h.value}, h.value


def rnn_backward(p: P, x: np.ndarray, h_prev: np.ndarray, v: dict, dh: Val, rec: Recorder,
                 activation: str = "tanh") -> Backward:
    """The Elman cell backwards, from ∂L/∂h_t (row convention):

        δ_t = ∂L/∂a_t = ∂L/∂h_t ⊙ f′(a_t)          f′(a_t) = 1 − h_t² for tanh
        ∂L/∂W_xh += x_tᵀ·δ_t                       (V×1)·(1×H) → (V×H)
        ∂L/∂W_hh += h_{t−1}ᵀ·δ_t                   (H×1)·(1×H) → (H×H)
        ∂L/∂b_h  += δ_t
        ∂L/∂h_t·∂h_t/∂h_{t−1} = δ_t·W_hhᵀ          passed back to h_{t−1}, (1×H)

    ``v`` holds the forward step's values {a, h}. Every array may carry a leading time axis
    (T, ·): then every step is done at once and the contributions are summed over t.
    """
    d = rec.hadamard(delta("a"), dh, _act_prime(activation, v["a"], v["h"]))
    out = Backward({}, None, {})
    _weight(rec, out, "W_xh", Val(X, x), d)
    _weight(rec, out, "W_hh", Val(H_PREV, h_prev), d)
    _weight(rec, out, "b_h", None, d)
    out.back = rec.add(back("h"), rec.matmul(d, _tr(p, "W_hh")))
    return out


def gru_step(p: P, x: np.ndarray, h_prev: np.ndarray, rec: Recorder, variant: str = "lecture"):
    """GRU as in the lecture (Γ_t = z_t keeps the old state):

        r_t = σ(x_t·W_xr + h_{t−1}·W_hr + b_r)          reset gate
        z_t = σ(x_t·W_xz + h_{t−1}·W_hz + b_z)          update gate Γ_t
        h̃_t = tanh(x_t·W_xh + (r_t ⊙ h_{t−1})·W_hh + b_h)               (lecture)
        h̃_t = tanh(x_t·W_xh + b_h + r_t ⊙ (h_{t−1}·W_hh + b_hn))         (torch)
        h_t = z_t ⊙ h_{t−1} + (1 − z_t) ⊙ h̃_t

    (V,), (H,) → values {r, z, h_tilde, h} and the new state h (H,).
    """
    x, hp = Val(X, x), Val(H_PREV, h_prev)
    r = rec.apply(GATE["r"], "σ", rec.add(None, rec.matmul(x, p["W_xr"]), rec.matmul(hp, p["W_hr"]), p.bias("b_r")))
    z = rec.apply(GATE["z"], "σ", rec.add(None, rec.matmul(x, p["W_xz"]), rec.matmul(hp, p["W_hz"]), p.bias("b_z")))
    if variant == "lecture":
        rh = rec.had(None, r, hp)
        pre = rec.add(None, rec.matmul(x, p["W_xh"]), rec.matmul(rh, p["W_hh"]), p.bias("b_h"))
    else:
        hn = rec.add(None, rec.matmul(hp, p["W_hh"]), p.bias("b_hn"))
        pre = rec.add(None, rec.matmul(x, p["W_xh"]), p.bias("b_h"), rec.had(None, r, hn))
    ht = rec.apply(CANDIDATE["h"], "tanh", pre)
    h = rec.add(H_T, rec.had(None, z, hp), rec.had(None, rec.one_minus(z), ht))
    return {"r": r.value, "z": z.value, "h_tilde": ht.value, "h": h.value}, h.value


def gru_backward(p: P, x: np.ndarray, h_prev: np.ndarray, v: dict, dh: Val, rec: Recorder,
                 variant: str = "lecture") -> Backward:
    """The GRU backwards, from ∂L/∂h_t, through every gate (row convention):

        ∂L/∂z_t  = ∂L/∂h_t ⊙ (h_{t−1} − h̃_t)         h_t = z_t ⊙ h_{t−1} + (1 − z_t) ⊙ h̃_t
        ∂L/∂h̃_t = ∂L/∂h_t ⊙ (1 − z_t)
        δ_{h̃,t}  = ∂L/∂h̃_t ⊙ (1 − h̃_t²)              through tanh
        lecture:  ∂L/∂(r_t ⊙ h_{t−1}) = δ_{h̃,t}·W_hhᵀ,   ∂L/∂r_t = ∂L/∂(r_t ⊙ h_{t−1}) ⊙ h_{t−1}
        torch:    ∂L/∂r_t = δ_{h̃,t} ⊙ (h_{t−1}·W_hh + b_hn),   δ_{n,t} = δ_{h̃,t} ⊙ r_t
        δ_{r,t}  = ∂L/∂r_t ⊙ r_t ⊙ (1 − r_t),   δ_{z,t} = ∂L/∂z_t ⊙ z_t ⊙ (1 − z_t)   through σ
        ∂L/∂W_x· += x_tᵀ·δ_{·,t},  ∂L/∂W_h· += h_{t−1}ᵀ·δ_{·,t},  ∂L/∂b_· += δ_{·,t}
            (lecture: ∂L/∂W_hh += (r_t ⊙ h_{t−1})ᵀ·δ_{h̃,t}; torch: ∂L/∂W_hh += h_{t−1}ᵀ·δ_{n,t})
        ∂L/∂h_t·∂h_t/∂h_{t−1} = ∂L/∂h_t ⊙ z_t + δ_{z,t}·W_hzᵀ + δ_{r,t}·W_hrᵀ + (the candidate's path)

    The first term is the path through z_t: where z_t ≈ 1 the gradient passes back unchanged.
    ``v`` holds the forward step's values {r, z, h_tilde, h}; arrays may carry a time axis.
    """
    r, z, ht = Val(GATE["r"], v["r"]), Val(GATE["z"], v["z"]), Val(CANDIDATE["h"], v["h_tilde"])
    x, hp = Val(X, x), Val(H_PREV, h_prev)
    with np.errstate(all="ignore"):
        old_minus_new = Val(Sub(hp.expr, ht.expr), hp.value - ht.value)
        keep = Val(OneMinus(z.expr), 1.0 - z.value)
    dz = rec.hadamard(grad(z.expr), dh, old_minus_new)
    dht = rec.hadamard(grad(ht.expr), dh, keep)
    d_ht = rec.hadamard(delta("h̃"), dht, _tanh_prime(ht.expr, ht.value))
    if variant == "lecture":
        with np.errstate(all="ignore"):
            rh = Val(RESET_STATE, r.value * hp.value)  # as the forward trace writes it
        drh = rec.add(grad(RESET_STATE), rec.matmul(d_ht, _tr(p, "W_hh")))
        dr = rec.hadamard(grad(r.expr), drh, hp)
    else:
        b_hn = p.bias("b_hn")
        with np.errstate(all="ignore"):
            hn_value = hp.value @ p["W_hh"].value + (b_hn.value if b_hn is not None else 0.0)
        hn_expr = MatMul(hp.expr, param("W_hh"))
        hn = Val(Add((hn_expr, param("b_hn"))) if b_hn is not None else hn_expr, hn_value)
        dr = rec.hadamard(grad(r.expr), d_ht, hn)
        dn = rec.hadamard(delta("n"), d_ht, r)
    d_r = rec.hadamard(delta("r"), dr, _sig_prime(r.expr, r.value))
    d_z = rec.hadamard(delta("z"), dz, _sig_prime(z.expr, z.value))
    out = Backward({}, None, {})
    for g, d in (("r", d_r), ("z", d_z)):
        _weight(rec, out, f"W_x{g}", x, d)
        _weight(rec, out, f"W_h{g}", hp, d)
        _weight(rec, out, f"b_{g}", None, d)
    _weight(rec, out, "W_xh", x, d_ht)
    if variant == "lecture":
        _weight(rec, out, "W_hh", rh, d_ht)
        _weight(rec, out, "b_h", None, d_ht)
        via_candidate = rec.hadamard(None, drh, r)
    else:
        _weight(rec, out, "W_hh", hp, dn)
        _weight(rec, out, "b_h", None, d_ht)
        _weight(rec, out, "b_hn", None, dn)
        via_candidate = rec.matmul(dn, _tr(p, "W_hh"))
    direct = rec.hadamard(None, dh, z)
    out.back = rec.add(back("h"), direct, rec.matmul(d_z, _tr(p, "W_hz")),
                       rec.matmul(d_r, _tr(p, "W_hr")), via_candidate)
    return out


def lstm_step(p: P, x: np.ndarray, state: tuple[np.ndarray, np.ndarray], rec: Recorder):
    """LSTM as in the lecture:

        f_t = σ(x_t·W_xf + h_{t−1}·W_hf + b_f)      forget gate
        i_t = σ(x_t·W_xi + h_{t−1}·W_hi + b_i)      input gate
        c̃_t = tanh(x_t·W_xc + h_{t−1}·W_hc + b_c)   candidate
        c_t = f_t ⊙ c_{t−1} + i_t ⊙ c̃_t               long-term memory
        o_t = σ(x_t·W_xo + h_{t−1}·W_ho + b_o)      output gate
        h_t = o_t ⊙ tanh(c_t)                         short-term memory

    (V,), ((H,), (H,)) → values {f, i, c_tilde, c, o, h} and the new state (h, c).
    """
    h_prev, c_prev = state
    x, hp, cp = Val(X, x), Val(H_PREV, h_prev), Val(C_PREV, c_prev)

    def gate(name: Sym, g: str, fn: str) -> Val:
        pre = rec.add(None, rec.matmul(x, p[f"W_x{g}"]), rec.matmul(hp, p[f"W_h{g}"]), p.bias(f"b_{g}"))
        return rec.apply(name, fn, pre)

    f = gate(GATE["f"], "f", "σ")
    i = gate(GATE["i"], "i", "σ")
    ct = gate(CANDIDATE["c"], "c", "tanh")
    c = rec.add(C_T, rec.had(None, f, cp), rec.had(None, i, ct))
    o = gate(GATE["o"], "o", "σ")
    h = rec.had(H_T, o, rec.apply(None, "tanh", c))
    vals = {"f": f.value, "i": i.value, "c_tilde": ct.value, "c": c.value, "o": o.value, "h": h.value}
    return vals, (h.value, c.value)


def lstm_backward(p: P, x: np.ndarray, state_prev: tuple[np.ndarray, np.ndarray], v: dict, dh: Val,
                  dc_next: Val | None, rec: Recorder) -> Backward:
    """The LSTM backwards, from ∂L/∂h_t and what step t+1 passed back to c_t (row convention):

        ∂L/∂o_t  = ∂L/∂h_t ⊙ tanh(c_t)                              h_t = o_t ⊙ tanh(c_t)
        ∂L/∂c_t  = ∂L/∂h_t ⊙ o_t ⊙ (1 − tanh²(c_t)) + ∂L/∂c_{t+1}·∂c_{t+1}/∂c_t
        ∂L/∂f_t  = ∂L/∂c_t ⊙ c_{t−1},  ∂L/∂i_t = ∂L/∂c_t ⊙ c̃_t,  ∂L/∂c̃_t = ∂L/∂c_t ⊙ i_t
        δ_{g,t}  = ∂L/∂g_t ⊙ g_t ⊙ (1 − g_t) for g = f, i, o;   δ_{c̃,t} = ∂L/∂c̃_t ⊙ (1 − c̃_t²)
        ∂L/∂W_xg += x_tᵀ·δ_{g,t},  ∂L/∂W_hg += h_{t−1}ᵀ·δ_{g,t},  ∂L/∂b_g += δ_{g,t}
        ∂L/∂s_t·∂s_t/∂h_{t−1} = Σ_g δ_{g,t}·W_hgᵀ                    passed back to h_{t−1}
        ∂L/∂c_t·∂c_t/∂c_{t−1} = ∂L/∂c_t ⊙ f_t                       passed back to c_{t−1}

    The last line is the memory path: c_t = f_t ⊙ c_{t−1} + i_t ⊙ c̃_t adds, so going back it
    multiplies by f_t alone, not by a weight matrix and an activation's slope.
    ``dc_next`` is None at the last step. Returns a Backward whose ``back`` is (to h, to c).
    """
    h_prev, c_prev = state_prev
    x, hp, cp = Val(X, x), Val(H_PREV, h_prev), Val(C_PREV, c_prev)
    f, i, o = (Val(GATE[g], v[g]) for g in "fio")
    ct = Val(CANDIDATE["c"], v["c_tilde"])
    with np.errstate(all="ignore"):
        tc = np.tanh(v["c"])
        tanh_c = Val(Apply("tanh", C_T), tc)
        slope = Val(OneMinus(Sym("tanh²(c_t)", None, r"\tanh ^{2}(c_{t})")), 1.0 - tc * tc)
    do = rec.hadamard(grad(o.expr), dh, tanh_c)
    dc = rec.add(grad(C_T), rec.hadamard(None, dh, o, slope), dc_next)
    df = rec.hadamard(grad(f.expr), dc, cp)
    di = rec.hadamard(grad(i.expr), dc, ct)
    dct = rec.hadamard(grad(ct.expr), dc, i)
    deltas = {"f": rec.hadamard(delta("f"), df, _sig_prime(f.expr, f.value)),
              "i": rec.hadamard(delta("i"), di, _sig_prime(i.expr, i.value)),
              "c": rec.hadamard(delta("c̃"), dct, _tanh_prime(ct.expr, ct.value)),
              "o": rec.hadamard(delta("o"), do, _sig_prime(o.expr, o.value))}
    out = Backward({}, None, {})
    for g, d in deltas.items():
        _weight(rec, out, f"W_x{g}", x, d)
        _weight(rec, out, f"W_h{g}", hp, d)
        _weight(rec, out, f"b_{g}", None, d)
    back_h = rec.add(back("s"), *(rec.matmul(d, _tr(p, f"W_h{g}")) for g, d in deltas.items()))
    back_c = rec.hadamard(back("c"), dc, f)
    out.back = (back_h, back_c)
    return out


def output_step(p: P, h: np.ndarray, rec: Recorder):
    """y_t = h_t·W_hy + b_y (logits, (V,)) and p_t = softmax(y_t)."""
    y = rec.add(Y, rec.matmul(Val(H_T, h), p["W_hy"]), p.bias("b_y"))
    prob = rec.apply(PROB, "softmax", y)
    return y.value, prob.value


def output_backward(p: P, h: np.ndarray, prob: np.ndarray, target, rec: Recorder,
                    word: str | None = None) -> Backward:
    """Softmax and cross-entropy backwards. With L_t = −log p_t[target_t]:

        ∂L/∂y_t   = p_t − onehot(target_t)      (0 at a step without a target: no L_t there)
        ∂L/∂W_hy += h_tᵀ·∂L/∂y_t                 (H×1)·(1×V) → (H×V)
        ∂L/∂b_y  += ∂L/∂y_t
        ∂L/∂y_t·W_hyᵀ                            the output's part of ∂L/∂h_t, (1×H)

    ``target`` is the target's index or None; with a leading time axis (h (T, H), prob (T, V)),
    an integer array holding −1 where a step has no target. ``word`` names the target on screen.
    Returns a Backward whose ``back`` is ∂L/∂y_t·W_hyᵀ.
    """
    prob = np.asarray(prob, dtype=np.float64)
    p_t = Val(PROB, prob)
    if prob.ndim == 1:
        if target is None:
            dy = rec._emit(grad(Y), ZERO, (), np.zeros_like(prob))
        else:
            onehot = np.zeros_like(prob)
            onehot[target] = 1.0
            dy = rec.sub(grad(Y), p_t, Val(Apply("onehot", notation.word(word) if word is not None else TARGET), onehot))
    else:
        target = np.asarray(target)
        has = target >= 0
        onehot = np.zeros_like(prob)
        onehot[np.nonzero(has)[0], target[has]] = 1.0
        with np.errstate(all="ignore"):
            value = np.where(has[:, None], prob - onehot, 0.0)
        dy = rec._emit(grad(Y), Sub(p_t.expr, Apply("onehot", TARGET)), (), value)
    out = Backward({}, None, {})
    _weight(rec, out, "W_hy", Val(H_T, h), dy)
    _weight(rec, out, "b_y", None, dy)
    out.back = rec.matmul(dy, _tr(p, "W_hy"))
    return out


# ---- the cells as objects -------------------------------------------------------------------------
class Cell:
    """One cell kind: its parameter names and shapes, its traced step, its local backward, its
    Jacobian, its fast scan, and what a view says about it. Everything delegates to the functions
    above (and to ``jacobians`` and ``scan``), so there is one copy of each equation; code outside
    this module asks a cell what it has (``memory``, ``options``, ``path_gate``), never which kind
    it is.

    ``state`` is what one step carries: ``h`` (H,), or for the LSTM ``(h, c)``; stacked over t,
    each part gains a leading time axis. ``backward(p, x, state_prev, values, dh, dc_next, rec)``
    takes ∂L/∂h_t as a Val and, for the LSTM, what step t+1 passed back to c_t (a Val or None;
    the other cells ignore it); ``back`` of the result is what goes back to the previous state,
    ``(to h, to c)`` for the LSTM. A state gradient as one array is S wide (``state_size``):
    h's part, then c's.
    """

    kind = ""
    gates: tuple[str, ...] = ()
    variant = "lecture"
    activation = "tanh"
    deltas: dict[str, Sym] = {}  # W_x· → the δ its backward step names (default δ_{g,t})
    memory = False  # a second state c_t beside h_t (the LSTM): state = (h, c)
    gated = True  # gates beside the candidate, each with its own δ_{g,t} (not the Elman cell)
    state_symbol = "h"  # the state a step passes its gradient back to: h, or s = (h, c)
    options: tuple[str, ...] = ()  # the command-line options that qualify this kind
    keeps: tuple[Sym, Sym] | None = None  # (the sum a keep gate writes, the old state it keeps)
    path_gate: str | None = None  # the gate of the additive path beside the full Jacobian
    kept_state: str | None = None  # the state that gate keeps where it is near 1 (its value's name)
    jacobian_needed = True  # False: the backward carries the gradient without building J (Elman)

    @property
    def gru_variant(self) -> str | None:
        """The GRU's variant (None for the other kinds: nothing to qualify)."""
        return None

    def qualifiers(self) -> dict:
        """What a document writes after ``cell``: the GRU's variant, the Elman cell's activation."""
        return {}

    def names(self) -> list[str]:
        """The cell's parameters in the lecture's order (the output layer's are not the cell's)."""
        names: list[str] = []
        for g in self.gates:
            names += [f"W_x{g}", f"W_h{g}", f"b_{g}"]
        return names

    def recurrent(self) -> list[str]:
        """The matrices that multiply h_{t−1}."""
        return [n for n in self.names() if n.startswith("W_h")]

    def left_operand(self, name: str) -> str:
        """The row vector the weight ``name`` multiplies."""
        if name.startswith("W_x"):
            return X.name
        return H_T.name if name == "W_hy" else H_PREV.name

    def shape(self, name: str, d_in: int, H: int) -> tuple[int, ...]:
        """W_x· is d_in×H (d_in: the one-hot V, an embedding's d, or the layer below's H or 2H)."""
        from rnntrace.params import expected_shape

        return expected_shape(name, d_in, H)

    def state_size(self, H: int) -> int:
        return H

    def initial_state(self, H: int):
        """h_0 = 0, as in the lecture."""
        return np.zeros(H)

    @staticmethod
    def h(state) -> np.ndarray:
        return state

    @staticmethod
    def parts(state) -> tuple[np.ndarray, np.ndarray | None]:
        """(h, c or None)."""
        return state, None

    @staticmethod
    def state_of(h, c):
        """The state from its parts (``c`` is not part of this cell's state)."""
        return h

    def previous(self, hs: np.ndarray, cs: np.ndarray | None):
        """s_{t−1} for every t from the states s_1 … s_T (stacked over t): s_0 = 0 first."""
        shift = lambda a: np.concatenate([np.zeros_like(a[:1]), a[:-1]])  # noqa: E731
        return self.state_of(shift(hs), None if cs is None else shift(cs))

    @staticmethod
    def index(state, key):
        """A step (or a slice of steps) of a stacked state."""
        return state[key]

    def pad(self, D: np.ndarray) -> np.ndarray:
        """A gradient at h_t, (..., H), as one at the whole state, (..., S)."""
        return D

    def split(self, G: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        """A gradient at the state (..., S) as (its part at h_t, its part at c_t or None)."""
        return G, None

    @staticmethod
    def join(back) -> np.ndarray:
        """What a backward step passed back (its ``back``), as one array (..., S)."""
        return back.value

    def arriving(self, G: np.ndarray | None) -> tuple[Val | None, Val | None]:
        """What step t+1 passed back to s_t, as the chain rule names it: (to h_t, to c_t); Nones
        at the last step (``G`` None)."""
        if G is None:
            return None, None
        h, c = self.split(G)
        return Val(back(self.state_symbol, True), h), (None if c is None else Val(back("c", True), c))

    def step(self, p: P, x, state, rec: Recorder):
        raise NotImplementedError

    def backward(self, p: P, x, state_prev, values: dict, dh: Val, dc_next: Val | None,
                 rec: Recorder) -> Backward:
        raise NotImplementedError

    def jacobian(self, params: dict, values: dict, state_prev) -> np.ndarray:
        """J_t = ∂s_t/∂s_{t−1} for every t, (T, S, S); values and states stacked over t."""
        raise NotImplementedError

    def jacobian_formula(self, W: Sym) -> Expr:
        """J^(i) as the view writes it (``W``: W_hhᵀ in the row convention, W_hh in the column)."""
        raise NotImplementedError

    def ledger(self, params: dict, values: dict, state_prev) -> tuple[np.ndarray, np.ndarray | None]:
        """The Jacobians with each step's size set aside: (J̃ (T, S, S), e (T,) or None) with
        J_t = J̃_t·10^(e_t) (e None: J̃ is J), so norms and products keep their magnitude where
        float64 entries would round to 0."""
        return self.jacobian(params, values, state_prev), None

    def state_gradients(self, D: np.ndarray, J: np.ndarray | None, p: P, values: dict) -> np.ndarray:
        """∂L/∂s_t for every t, (T, S), from what each step's loss puts on h_t (D (T, H)):
        ∂L/∂s_t = D_t + ∂L/∂s_{t+1}·J_{t+1}, carried back through the Jacobians ``J``."""
        from rnntrace.bptt import _state_gradients

        return _state_gradients(self.pad(D), J)

    def bound(self, params: dict, log10_products: np.ndarray, log10_jacobians: np.ndarray):
        """The bound on ‖∂h_t/∂h_k‖ (``jacobians.Bound``), where the cell has one (the Elman cell)."""
        return None

    def paths(self, values: dict, Jt: np.ndarray, e: np.ndarray | None, prods):
        """The additive path beside the full Jacobian (``jacobians.Paths``), for the gated cells;
        ``(Jt, e)`` is the ledger (J_t = Jt[t]·10^e[t])."""
        return None

    def sum_terms(self, p: P, values: dict, state_prev, rows: np.ndarray, log_rows: np.ndarray,
                  detail: bool) -> tuple[np.ndarray, list[np.ndarray] | None]:
        """The lecture's sum at step t: log10 ‖term_k‖ for k = 1 … t (``rows``: the gradient of
        L^(t) alone at s_k, (t, S), times 10^(−log_rows)) and, where the view shows them, the
        terms themselves (None here). A term is step k's part of ∂L^(t)/∂(every recurrent matrix):
        each its outer product h_{k−1}ᵀ·δ_k, so its size is ‖left‖·‖δ‖."""
        dh, dc = self.split(rows)
        with np.errstate(all="ignore"):
            bw = self.backward(p, values["x"], state_prev, values, Val(grad(H_T), dh),
                               None if dc is None else Val(back("c", True), dc), Recorder(False))
            sq = np.zeros(len(rows))
            for w in self.recurrent():
                left, delta = bw.factors[w]
                sq += np.sum(left * left, axis=1) * np.sum(delta * delta, axis=1)
            return 0.5 * np.log10(sq) + log_rows, None

    def sequence_grads(self, params: dict, X: np.ndarray, state_prev, values: dict, D: np.ndarray,
                       sizes) -> dict[str, np.ndarray]:
        """∂L/∂θ for the cell's parameters over packed rows of sentences (``gradscan``): the
        backward recursion with vector products only, no Jacobian formed (what training needs)."""
        raise NotImplementedError

    def input_grad(self, p: P, bw: Backward, rec: Recorder) -> Val:
        """∂L/∂x_t = Σ_g δ_{g,t}·W_xgᵀ: what the cell passes down to its input (the layer below,
        or the embedding row). Every W_x· factor of ``bw`` is (x_t, δ), so δ·W_xᵀ is its part."""
        terms = [rec.matmul(Val(self.deltas.get(n, delta(n[3:])), bw.factors[n][1]), _tr(p, n))
                 for n in self.names() if n.startswith("W_x")]
        return rec.add(grad(X), *terms)

    def scan(self, P: dict, X: np.ndarray | None = None, idx: np.ndarray | None = None):
        """The states for every t from h_0 = 0, as a tight loop (``states``). Inputs are
        one-hot (``idx``: x_t·W_x· is row w_t of W_x·) or dense (``X`` (..., T, d_in): every
        x_t·W_x· is computed for all t at once, X·W_x·, and the scan reads its row t as it reads
        row w_t). Any parameter may carry leading batch axes. → (h (..., T, H), c or None)."""
        if X is None:
            return self.states(P, idx)
        Q = dict(P)
        for n in self.names():
            if n.startswith("W_x"):
                with np.errstate(all="ignore"):
                    Q[n] = X @ P[n]  # (..., T, H)
        return self.states(Q, np.arange(X.shape[-2]))

    def scan_many(self, jobs: list) -> list:
        """``scan`` for several runs of one length with no batch axes (a layer's two directions):
        [(P, X, idx)] → [(h, c or None)], each run's states the same as ``scan`` gives it alone."""
        return [self.scan(P, X, idx) for P, X, idx in jobs]

    def states(self, P: dict, idx: np.ndarray):
        """``scan`` for one-hot inputs (``idx``): the cell's own tight loop in the ``scan`` module."""
        raise NotImplementedError


class Elman(Cell):
    """Elman RNN:  a_t = x_t·W_xh + h_{t−1}·W_hh + b_h,   h_t = f(a_t)  (f = tanh, σ or ReLU)."""

    kind, gates = "rnn", ("h",)
    deltas = {"W_xh": delta("a")}
    options = ("activation",)
    gated = False
    jacobian_needed = False
    # f′ as J^(i) writes it
    SLOPES = {"tanh": Sym("1 − h^(i)²", None, "1-{h^{(i)}}^{2}"),
              "sigmoid": Sym("h^(i) ⊙ (1 − h^(i))", None, r"h^{(i)}\odot (1-h^{(i)})"),
              "relu": Sym("𝟙[a^(i) > 0]", None, r"\mathbf{1}[a^{(i)}>0]")}

    def __init__(self, activation: str = "tanh"):
        self.activation = activation

    def qualifiers(self):
        return {"activation": self.activation}

    def step(self, p, x, state, rec):
        return rnn_step(p, x, state, rec, self.activation)

    def states(self, P, idx):
        from rnntrace import scan

        return scan.elman(P, idx, self.activation)

    def scan_many(self, jobs):
        """tanh: the runs side by side, one product and one tanh a step for all (``scan.tanh_rows``),
        each x_t·W_xh + b_h looked up or computed as ``scan`` does it."""
        if self.activation != "tanh" or len(jobs) < 2:
            return super().scan_many(jobs)
        from rnntrace import scan

        inputs = []
        for P, X, idx in jobs:
            if X is not None:
                with np.errstate(all="ignore"):
                    P = {**P, "W_xh": X @ P["W_xh"]}
                idx = np.arange(X.shape[-2])
            inputs.append(scan._inputs(P, "h", idx))
        hs = scan.tanh_rows(np.stack([P["W_hh"] for P, _, _ in jobs]), np.stack(inputs))
        return [(h, None) for h in hs]

    def backward(self, p, x, state_prev, values, dh, dc_next, rec):
        return rnn_backward(p, x, state_prev, values, dh, rec, self.activation)

    def sequence_grads(self, params, X, state_prev, values, D, sizes):
        from rnntrace import gradscan

        return gradscan.elman(params, X, state_prev, values, D, sizes, self.activation)

    def jacobian(self, params, values, state_prev):
        from rnntrace import jacobians

        return jacobians.rnn(params, values, self.activation)

    def jacobian_formula(self, W):
        return Eq(JACOBIAN, Scale(Apply("diag", self.SLOPES[self.activation]), W))

    def ledger(self, params, values, state_prev):
        """J_t = diag(f′(a_t))·W_hhᵀ with f′ from its logarithm (``jacobians.rnn_factored``)."""
        from rnntrace import jacobians

        return jacobians.rnn_factored(params, values, self.activation)

    def state_gradients(self, D, J, p, values):
        """Without the Jacobians (J_t = diag(f′(a_t))·W_hhᵀ: one row times W_hhᵀ a step) unless
        they are at hand and the state is small (then the blocked recurrence loops T/4 times)."""
        from rnntrace.bptt import SMALL_STATE, _elman_state_gradients

        if J is not None and D.shape[1] <= SMALL_STATE:
            return super().state_gradients(D, J, p, values)
        return _elman_state_gradients(D, slope(self.activation, values["a"], values["h"]), p["W_hh"].value)

    def bound(self, params, log10_products, log10_jacobians):
        from rnntrace import jacobians

        return jacobians.bound(params["W_hh"], self.activation, log10_products, log10_jacobians)

    def sum_terms(self, p, values, state_prev, rows, log_rows, detail):
        """term_k = h_{k−1}ᵀ·(row_k ⊙ f′(a_k)), with f′ = rel·10^e: its size survives saturation,
        where the backward step's 1 − h² is 0; the terms themselves when ``detail``."""
        from rnntrace import jacobians
        from rnntrace.mathx import times_pow10

        with np.errstate(all="ignore"):
            rel, e = jacobians.slope_factored(self.activation, values["a"])
            left, delta = state_prev, rows * rel
            log_term = (np.log10(np.linalg.norm(left, axis=1)) + np.log10(np.linalg.norm(delta, axis=1))
                        + e + log_rows)
            terms = None
            if detail:
                terms = [times_pow10(np.outer(left[k], delta[k]), log_rows[k] + e[k]) for k in range(len(rows))]
        return log_term, terms


class GRU(Cell):
    """GRU (Γ_t = z_t keeps the old state):

        r_t = σ(x_t·W_xr + h_{t−1}·W_hr + b_r),   z_t = σ(x_t·W_xz + h_{t−1}·W_hz + b_z)
        h̃_t = tanh(x_t·W_xh + (r_t ⊙ h_{t−1})·W_hh + b_h)               (lecture)
        h̃_t = tanh(x_t·W_xh + b_h + r_t ⊙ (h_{t−1}·W_hh + b_hn))         (torch)
        h_t = z_t ⊙ h_{t−1} + (1 − z_t) ⊙ h̃_t
    """

    kind, gates = "gru", ("r", "z", "h")
    deltas = {"W_xh": delta("h̃")}
    options = ("gru_variant",)
    keeps = (H_T, H_PREV)
    path_gate, kept_state = "z", "h"

    def __init__(self, variant: str = "lecture"):
        self.variant = variant

    @property
    def gru_variant(self):
        return self.variant

    def qualifiers(self):
        return {"gru_variant": self.variant}

    def names(self):
        """torch's variant has a second candidate bias, b_hn, inside r_t ⊙ (…)."""
        return super().names() + (["b_hn"] if self.variant == "torch" else [])

    def left_operand(self, name):
        if name == "W_hh" and self.variant == "lecture":
            return RESET_STATE.name
        return super().left_operand(name)

    def step(self, p, x, state, rec):
        return gru_step(p, x, state, rec, self.variant)

    def states(self, P, idx):
        from rnntrace import scan

        return scan.gru(P, idx, self.variant)

    def backward(self, p, x, state_prev, values, dh, dc_next, rec):
        return gru_backward(p, x, state_prev, values, dh, rec, self.variant)

    def sequence_grads(self, params, X, state_prev, values, D, sizes):
        from rnntrace import gradscan

        return gradscan.gru(params, X, state_prev, values, D, sizes, self.variant)

    def jacobian(self, params, values, state_prev):
        from rnntrace import jacobians

        return jacobians.gru(params, values, state_prev, self.variant)

    def jacobian_formula(self, W):
        return Eq(JACOBIAN, Add((Apply("diag", Sym("z^(i)", None, "z^{(i)}")),
                                 Scale(Apply("diag", Sym("h^(i−1) − h̃^(i)", None, r"h^{(i-1)}-\tilde{h}^{(i)}")),
                                       Sym("∂z^(i)/∂h^(i−1)", None, r"\partial z^{(i)}/\partial h^{(i-1)}")),
                                 Scale(Apply("diag", Sym("1 − z^(i)", None, "1-z^{(i)}")),
                                       Sym("∂h̃^(i)/∂h^(i−1)", None, r"\partial \tilde{h}^{(i)}/\partial h^{(i-1)}")))))

    def ledger(self, params, values, state_prev):
        """J_t with each term's slope from its logarithm (``jacobians.gru_factored``)."""
        from rnntrace import jacobians

        return jacobians.gru_factored(params, values, state_prev, self.variant)

    def paths(self, values, Jt, e, prods):
        """diag(z_t) inside ∂h_t/∂h_{t−1}, beside the whole J_t."""
        from rnntrace import jacobians

        z = values["z"]
        with np.errstate(all="ignore"):
            direct = np.log10(np.max(np.abs(z), axis=1))
        return jacobians.Paths("z", z, direct, jacobians.log10_spectral(Jt) + e, None, None)


class LSTM(Cell):
    """LSTM, state s_t = (h_t, c_t):

        f_t = σ(x_t·W_xf + h_{t−1}·W_hf + b_f),   i_t = σ(x_t·W_xi + h_{t−1}·W_hi + b_i)
        c̃_t = tanh(x_t·W_xc + h_{t−1}·W_hc + b_c),   c_t = f_t ⊙ c_{t−1} + i_t ⊙ c̃_t
        o_t = σ(x_t·W_xo + h_{t−1}·W_ho + b_o),   h_t = o_t ⊙ tanh(c_t)
    """

    kind, gates = "lstm", ("f", "i", "c", "o")
    deltas = {"W_xc": delta("c̃")}
    memory = True
    state_symbol = "s"
    options = ("forget_bias",)
    keeps = (C_T, C_PREV)
    path_gate, kept_state = "f", "c"

    def state_size(self, H):
        return 2 * H

    def initial_state(self, H):
        return (np.zeros(H), np.zeros(H))

    @staticmethod
    def h(state):
        return state[0]

    @staticmethod
    def parts(state):
        return state

    @staticmethod
    def state_of(h, c):
        return (h, c)

    @staticmethod
    def index(state, key):
        return (state[0][key], state[1][key])

    def pad(self, D):
        """Nothing is put on c_t directly by the loss."""
        return np.concatenate([D, np.zeros_like(D)], axis=-1)

    def split(self, G):
        H = G.shape[-1] // 2
        return G[..., :H], G[..., H:]

    @staticmethod
    def join(back):
        return np.concatenate([back[0].value, back[1].value], axis=-1)

    def step(self, p, x, state, rec):
        return lstm_step(p, x, state, rec)

    def states(self, P, idx):
        from rnntrace import scan

        return scan.lstm(P, idx)

    def backward(self, p, x, state_prev, values, dh, dc_next, rec):
        return lstm_backward(p, x, state_prev, values, dh, dc_next, rec)

    def sequence_grads(self, params, X, state_prev, values, D, sizes):
        from rnntrace import gradscan

        return gradscan.lstm(params, X, state_prev, values, D, sizes)

    def jacobian(self, params, values, state_prev):
        from rnntrace import jacobians

        return jacobians.lstm(params, values, state_prev[1])

    def jacobian_formula(self, W):
        return Eq(JACOBIAN, Sym("[∂h^(i)/∂h^(i−1)  ∂h^(i)/∂c^(i−1); ∂c^(i)/∂h^(i−1)  ∂c^(i)/∂c^(i−1)]", None,
                                r"\begin{bmatrix}\partial h^{(i)}/\partial h^{(i-1)} & \partial h^{(i)}/\partial c^{(i-1)} \\ "
                                r"\partial c^{(i)}/\partial h^{(i-1)} & \partial c^{(i)}/\partial c^{(i-1)}\end{bmatrix}"))

    def ledger(self, params, values, state_prev):
        """J_t with each term's slope from its logarithm (``jacobians.lstm_factored``)."""
        from rnntrace import jacobians

        return jacobians.lstm_factored(params, values, *state_prev)

    def paths(self, values, Jt, e, prods):
        """diag(f_t) inside ∂c_t/∂c_{t−1}, the whole dc_t/dc_{t−1} with the indirect terms through
        h_{t−1}, the hidden path ∂h_t/∂h_{t−1}, and ‖∂c_T/∂c_k‖ (the c-block of the products)."""
        from rnntrace import jacobians

        H = Jt.shape[1] // 2
        f, total = jacobians.memory_path(Jt, values)  # the scaled blocks: one scale per step
        with np.errstate(all="ignore"):
            direct = np.log10(np.max(np.abs(f), axis=1))
            # ‖∂c_T/∂c_k‖: the c rows and c columns of the scaled product, with its scale
            cc = jacobians.log10_spectral(np.ascontiguousarray(prods.scaled[:, H:, H:])) + prods.log_scale
        return jacobians.Paths("f", f, direct, jacobians.log10_spectral(total) + e,
                               jacobians.log10_spectral(Jt[:, :H, :H]) + e, cc)


CELLS = {"rnn": Elman, "gru": GRU, "lstm": LSTM}


def unused_variant(kind: str, gru_variant: str | None) -> bool:
    """``gru_variant`` names the GRU's torch form for a cell with no reset gate, which would
    ignore it (an error where it was asked for; lecture, the default form, never is one)."""
    return gru_variant not in (None, "lecture") and "gru_variant" not in CELLS[kind].options


def make(kind: str, gru_variant: str | None = "lecture", activation: str = "tanh") -> Cell:
    """The cell object for ``kind`` ("rnn", "gru", "lstm") with its variant or activation (each
    taken only by the kind it qualifies; None: the default)."""
    made = {"rnn": lambda: Elman(activation or "tanh"), "gru": lambda: GRU(gru_variant or "lecture"), "lstm": LSTM}
    return made[kind]()
