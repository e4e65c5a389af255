"""The recurrent cells, written as the lecture writes them (row convention, float64).

Each step function computes one token and records every operation into a ``Recorder``, so the
trace shows exactly what was computed. Shapes: V = vocabulary size, H = hidden size; ``x`` is
(V,), every state and gate is (H,), every ``W_x·`` is (V, H) and every ``W_h·`` is (H, H).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rnntrace.mathx import sigmoid, softmax
from rnntrace.trace import Add, Apply, Expr, Had, MatMul, OneMinus, Op, Outer, Sub, Sym

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

# ---- the backward steps share these -------------------------------------------------------
# What step t passes back to step t−1, named as the chain rule writes it: the gradient at the
# state times the Jacobian of the ledger (``jacobians.py``). BACK[cell] = (name inside step t,
# the same quantity seen from step t−1).
BACK = {
    "h": ("∂L/∂h_t·∂h_t/∂h_{t−1}", "∂L/∂h_{t+1}·∂h_{t+1}/∂h_t"),
    "s": ("∂L/∂s_t·∂s_t/∂h_{t−1}", "∂L/∂s_{t+1}·∂s_{t+1}/∂h_t"),  # LSTM: s_t = (h_t, c_t)
    "c": ("∂L/∂c_t·∂c_t/∂c_{t−1}", "∂L/∂c_{t+1}·∂c_{t+1}/∂c_t"),
}


BACK_TEX = {
    "h": (r"\partial L/\partial h_{t}\cdot \partial h_{t}/\partial h_{t-1}",
          r"\partial L/\partial h_{t+1}\cdot \partial h_{t+1}/\partial h_{t}"),
    "s": (r"\partial L/\partial s_{t}\cdot \partial s_{t}/\partial h_{t-1}",
          r"\partial L/\partial s_{t+1}\cdot \partial s_{t+1}/\partial h_{t}"),
    "c": (r"\partial L/\partial c_{t}\cdot \partial c_{t}/\partial c_{t-1}",
          r"\partial L/\partial c_{t+1}\cdot \partial c_{t+1}/\partial c_{t}"),
}


def back(kind: str, seen_from_before: bool = False) -> Sym:
    """BACK[kind] as a symbol: ("back", kind) is what step t passes back, ("back_in", kind) the
    same quantity seen from step t−1 (what step t+1 passed back)."""
    k = 1 if seen_from_before else 0
    return Sym(BACK[kind][k], ("back_in" if seen_from_before else "back", kind), BACK_TEX[kind][k])


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


def _act_prime(activation: str, a, y) -> Val:
    """f′(a_t) for the Elman cell's activation, written as the lecture would."""
    with np.errstate(all="ignore"):
        value = ACTIVATIONS[activation][1](a, y)
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
            label = f"“{word}”" if word is not None else "target_t"
            dy = rec.sub(grad(Y), p_t, Val(Apply("onehot", Sym(label)), onehot))
    else:
        target = np.asarray(target)
        has = target >= 0
        onehot = np.zeros_like(prob)
        onehot[np.nonzero(has)[0], target[has]] = 1.0
        with np.errstate(all="ignore"):
            value = np.where(has[:, None], prob - onehot, 0.0)
        dy = rec._emit(grad(Y), Sub(p_t.expr, Apply("onehot", Sym("target_t"))), (), value)
    out = Backward({}, None, {})
    _weight(rec, out, "W_hy", Val(H_T, h), dy)
    _weight(rec, out, "b_y", None, dy)
    out.back = rec.matmul(dy, _tr(p, "W_hy"))
    return out


# ---- the cells as objects -------------------------------------------------------------------------
class Cell:
    """One cell kind: its parameter names and shapes, its traced step, its local backward, its
    Jacobian and its fast scan. Everything delegates to the functions above (and to
    ``jacobians`` and ``scan``), so there is one copy of each equation.

    ``state`` is what one step carries: ``h`` (H,), or for the LSTM ``(h, c)``.
    ``backward(p, x, state_prev, values, dh, dc_next, rec)`` takes ∂L/∂h_t as a Val and, for the
    LSTM, what step t+1 passed back to c_t (a Val or None); ``back`` of the result is what goes
    back to the previous state, ``(to h, to c)`` for the LSTM.
    """

    kind = ""
    gates: tuple[str, ...] = ()
    variant = "lecture"
    activation = "tanh"
    deltas: dict[str, Sym] = {}  # W_x· → the δ its backward step names (default δ_{g,t})
    memory = False  # a second state c_t beside h_t (the LSTM): state = (h, c)

    def names(self) -> list[str]:
        """The cell's parameters in the lecture's order (the output layer's are not the cell's)."""
        from rnntrace.params import param_names

        return param_names(self.kind, self.variant)[:-2]

    def recurrent(self) -> list[str]:
        """The matrices that multiply h_{t−1}."""
        return [n for n in self.names() if n.startswith("W_h")]

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

    def step(self, p: P, x, state, rec: Recorder):
        raise NotImplementedError

    def backward(self, p: P, x, state_prev, values: dict, dh: Val, dc_next: Val | None,
                 rec: Recorder) -> Backward:
        raise NotImplementedError

    def jacobian(self, params: dict, values: dict, state_prev) -> np.ndarray:
        """J_t = ∂s_t/∂s_{t−1} for every t, (T, S, S); values and states stacked over t."""
        raise NotImplementedError

    def input_grad(self, p: P, bw: Backward, rec: Recorder) -> Val:
        """∂L/∂x_t = Σ_g δ_{g,t}·W_xgᵀ: what the cell passes down to its input (the layer below,
        or the embedding row). Every W_x· factor of ``bw`` is (x_t, δ), so δ·W_xᵀ is its part."""
        terms = [rec.matmul(Val(self.deltas.get(n, delta(n[3:])), bw.factors[n][1]), _tr(p, n))
                 for n in self.names() if n.startswith("W_x")]
        return rec.add(grad(X), *terms)

    def scan(self, P: dict, X: np.ndarray | None = None, idx: np.ndarray | None = None):
        """The states for every t from h_0 = 0, as a tight loop (``scan.states``). Inputs are
        one-hot (``idx``: x_t·W_x· is row w_t of W_x·) or dense (``X`` (..., T, d_in): every
        x_t·W_x· is computed for all t at once, X·W_x·, and the scan reads its row t as it reads
        row w_t). Any parameter may carry leading batch axes. → (h (..., T, H), c or None)."""
        from rnntrace import scan

        Q = dict(P)
        if X is not None:
            idx = np.arange(X.shape[-2])
            for n in self.names():
                if n.startswith("W_x"):
                    with np.errstate(all="ignore"):
                        Q[n] = X @ P[n]  # (..., T, H)
        Q["W_hy"] = np.zeros((P[self.recurrent()[0]].shape[-1], 1))  # scan.states reads H from W_hy
        return scan.states(self.kind, Q, idx, self.variant, self.activation)


class Elman(Cell):
    """Elman RNN:  a_t = x_t·W_xh + h_{t−1}·W_hh + b_h,   h_t = f(a_t)  (f = tanh, σ or ReLU)."""

    kind, gates = "rnn", ("h",)
    deltas = {"W_xh": delta("a")}

    def __init__(self, activation: str = "tanh"):
        self.activation = activation

    def step(self, p, x, state, rec):
        return rnn_step(p, x, state, rec, self.activation)

    def backward(self, p, x, state_prev, values, dh, dc_next, rec):
        return rnn_backward(p, x, state_prev, values, dh, rec, self.activation)

    def jacobian(self, params, values, state_prev):
        from rnntrace import jacobians

        return jacobians.rnn(params, values, self.activation)


class GRU(Cell):
    """GRU (Γ_t = z_t keeps the old state):

        r_t = σ(x_t·W_xr + h_{t−1}·W_hr + b_r),   z_t = σ(x_t·W_xz + h_{t−1}·W_hz + b_z)
        h̃_t = tanh(x_t·W_xh + (r_t ⊙ h_{t−1})·W_hh + b_h)               (lecture)
        h̃_t = tanh(x_t·W_xh + b_h + r_t ⊙ (h_{t−1}·W_hh + b_hn))         (torch)
        h_t = z_t ⊙ h_{t−1} + (1 − z_t) ⊙ h̃_t
    """

    kind, gates = "gru", ("r", "z", "h")
    deltas = {"W_xh": delta("h̃")}

    def __init__(self, variant: str = "lecture"):
        self.variant = variant

    def step(self, p, x, state, rec):
        return gru_step(p, x, state, rec, self.variant)

    def backward(self, p, x, state_prev, values, dh, dc_next, rec):
        return gru_backward(p, x, state_prev, values, dh, rec, self.variant)

    def jacobian(self, params, values, state_prev):
        from rnntrace import jacobians

        return jacobians.gru(params, values, state_prev, self.variant)


class LSTM(Cell):
    """LSTM, state s_t = (h_t, c_t):

        f_t = σ(x_t·W_xf + h_{t−1}·W_hf + b_f),   i_t = σ(x_t·W_xi + h_{t−1}·W_hi + b_i)
        c̃_t = tanh(x_t·W_xc + h_{t−1}·W_hc + b_c),   c_t = f_t ⊙ c_{t−1} + i_t ⊙ c̃_t
        o_t = σ(x_t·W_xo + h_{t−1}·W_ho + b_o),   h_t = o_t ⊙ tanh(c_t)
    """

    kind, gates = "lstm", ("f", "i", "c", "o")
    deltas = {"W_xc": delta("c̃")}
    memory = True

    def state_size(self, H):
        return 2 * H

    def initial_state(self, H):
        return (np.zeros(H), np.zeros(H))

    @staticmethod
    def h(state):
        return state[0]

    def step(self, p, x, state, rec):
        return lstm_step(p, x, state, rec)

    def backward(self, p, x, state_prev, values, dh, dc_next, rec):
        return lstm_backward(p, x, state_prev, values, dh, dc_next, rec)

    def jacobian(self, params, values, state_prev):
        from rnntrace import jacobians

        return jacobians.lstm(params, values, state_prev[1])


CELLS = {"rnn": Elman, "gru": GRU, "lstm": LSTM}


def make(kind: str, gru_variant: str = "lecture", activation: str = "tanh") -> Cell:
    """The cell object for ``kind`` ("rnn", "gru", "lstm") with its variant or activation."""
    if kind == "rnn":
        return Elman(activation)
    return GRU(gru_variant) if kind == "gru" else LSTM()
