"""The recurrent cells, written as the lecture writes them (row convention, float64).

Each step function computes one token and records every operation into a ``Recorder``, so the
trace shows exactly what was computed. Shapes: V = vocabulary size, H = hidden size; ``x`` is
(V,), every state and gate is (H,), every ``W_x·`` is (V, H) and every ``W_h·`` is (H, H).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rnntrace.mathx import sigmoid, softmax
from rnntrace.trace import Add, Apply, Expr, Had, MatMul, OneMinus, Op, Sym

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


class Recorder:
    """Collects the ops of one step. ``enabled=False`` computes the same values, records nothing
    (long ``bptt`` runs and finite differences use that)."""

    def __init__(self, enabled: bool = True):
        self.enabled = enabled
        self.ops: list[Op] = []

    def _emit(self, name: str | None, expr: Expr, args: tuple[Val, ...], value: np.ndarray) -> Val:
        if self.enabled:
            target = Sym(name) if name else None
            self.ops.append(Op(target, expr, tuple((a.expr, a.value) for a in args), value))
        return Val(Sym(name) if name else expr, value)

    def matmul(self, v: Val, W: Val) -> Val:
        with np.errstate(over="ignore", invalid="ignore"):
            return self._emit(None, MatMul(v.expr, W.expr), (v, W), v.value @ W.value)

    def add(self, name: str | None, *terms: Val | None) -> Val:
        """Σ terms; a ``None`` term (a bias that is an implicit zero) is left out."""
        terms = tuple(x for x in terms if x is not None)
        if len(terms) == 1:  # no bias: nothing to add; the product itself gets the name
            if name is None:
                return terms[0]
            if self.enabled and self.ops and self.ops[-1].expr is terms[0].expr:
                self.ops[-1].target = Sym(name)
            return Val(Sym(name), terms[0].value)
        with np.errstate(over="ignore", invalid="ignore"):
            value = np.sum([x.value for x in terms], axis=0)
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


class P:
    """The parameters as traced values; ``P.bias(name)`` is None for an implicit-zero bias."""

    def __init__(self, params: dict[str, np.ndarray], implicit_zero=frozenset()):
        self._v = {k: Val(Sym(k), v) for k, v in params.items()}
        self._implicit = implicit_zero

    def __getitem__(self, name: str) -> Val:
        return self._v[name]

    def bias(self, name: str) -> Val | None:
        return None if name in self._implicit else self._v[name]


X, H_PREV, C_PREV = "x_t", "h_{t−1}", "c_{t−1}"


def rnn_step(p: P, x: np.ndarray, h_prev: np.ndarray, rec: Recorder, activation: str = "tanh"):
    """Elman cell: a_t = x_t·W_xh + h_{t−1}·W_hh + b_h,  h_t = tanh(a_t).

    (V,), (H,) → values {a, h} and the new state h (H,).
    """
    x, hp = Val(Sym(X), x), Val(Sym(H_PREV), h_prev)
    a = rec.add("a_t", rec.matmul(x, p["W_xh"]), rec.matmul(hp, p["W_hh"]), p.bias("b_h"))
    h = rec.apply("h_t", activation, a)
    return {"a": a.value, "h": h.value}, h.value


def gru_step(p: P, x: np.ndarray, h_prev: np.ndarray, rec: Recorder, variant: str = "lecture"):
    """GRU as in the lecture (Γ_t = z_t keeps the old state):

        r_t = σ(x_t·W_xr + h_{t−1}·W_hr + b_r)          reset gate
        z_t = σ(x_t·W_xz + h_{t−1}·W_hz + b_z)          update gate Γ_t
        h̃_t = tanh(x_t·W_xh + (r_t ⊙ h_{t−1})·W_hh + b_h)               (lecture)
        h̃_t = tanh(x_t·W_xh + b_h + r_t ⊙ (h_{t−1}·W_hh + b_hn))         (torch)
        h_t = z_t ⊙ h_{t−1} + (1 − z_t) ⊙ h̃_t

    (V,), (H,) → values {r, z, h_tilde, h} and the new state h (H,).
    """
    x, hp = Val(Sym(X), x), Val(Sym(H_PREV), h_prev)
    r = rec.apply("r_t", "σ", rec.add(None, rec.matmul(x, p["W_xr"]), rec.matmul(hp, p["W_hr"]), p.bias("b_r")))
    z = rec.apply("z_t", "σ", rec.add(None, rec.matmul(x, p["W_xz"]), rec.matmul(hp, p["W_hz"]), p.bias("b_z")))
    if variant == "lecture":
        rh = rec.had(None, r, hp)
        pre = rec.add(None, rec.matmul(x, p["W_xh"]), rec.matmul(rh, p["W_hh"]), p.bias("b_h"))
    else:
        hn = rec.add(None, rec.matmul(hp, p["W_hh"]), p.bias("b_hn"))
        pre = rec.add(None, rec.matmul(x, p["W_xh"]), p.bias("b_h"), rec.had(None, r, hn))
    ht = rec.apply("h̃_t", "tanh", pre)
    h = rec.add("h_t", rec.had(None, z, hp), rec.had(None, rec.one_minus(z), ht))
    return {"r": r.value, "z": z.value, "h_tilde": ht.value, "h": h.value}, h.value


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
    x, hp, cp = Val(Sym(X), x), Val(Sym(H_PREV), h_prev), Val(Sym(C_PREV), c_prev)

    def gate(name: str, g: str, fn: str) -> Val:
        pre = rec.add(None, rec.matmul(x, p[f"W_x{g}"]), rec.matmul(hp, p[f"W_h{g}"]), p.bias(f"b_{g}"))
        return rec.apply(name, fn, pre)

    f = gate("f_t", "f", "σ")
    i = gate("i_t", "i", "σ")
    ct = gate("c̃_t", "c", "tanh")
    c = rec.add("c_t", rec.had(None, f, cp), rec.had(None, i, ct))
    o = gate("o_t", "o", "σ")
    h = rec.had("h_t", o, rec.apply(None, "tanh", c))
    vals = {"f": f.value, "i": i.value, "c_tilde": ct.value, "c": c.value, "o": o.value, "h": h.value}
    return vals, (h.value, c.value)


def output_step(p: P, h: np.ndarray, rec: Recorder):
    """y_t = h_t·W_hy + b_y (logits, (V,)) and p_t = softmax(y_t)."""
    y = rec.add("y_t", rec.matmul(Val(Sym("h_t"), h), p["W_hy"]), p.bias("b_y"))
    prob = rec.apply("p_t", "softmax", y)
    return y.value, prob.value
