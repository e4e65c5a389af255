"""``--explain``: one or two plain sentences under an operation, saying what it does and why.

A builder (``rnntrace.present``) makes one ``Explainer`` per document and asks it, while it lays
out the document, for the sentence under an op (``op``), on a topic that is not an op (the loss,
the shapes of the weights: ``topic``), or on one of the lecture's formulas, once (``once``). Off,
every answer is None, so a builder can always ask. The texts are catalogue keys
``teach.explain.<kind>``, always used as format strings (``{{``/``}}`` are literal braces);
``classify`` picks the kind from the op's expression and from what its target and operands are
(``Sym.key``, never their names), and fills the fields from the op's own operands (shapes and
values are read, never computed anew).
"""
from __future__ import annotations

import numpy as np

from rnntrace.i18n import Text, join, listed, t
from rnntrace.notation import dims, fmt_array, fmt_scalar, shape, write
from rnntrace.trace import Add, Apply, Expr, Had, MatMul, OneMinus, Op, Outer, Scale, Sub, Sym

# kinds that, once said in full, are said again in a sentence (the same look-up or sum, step after
# step, gate after gate): ``teach.explain.<kind>_again``
AGAIN = frozenset({"onehot_product", "embedding_lookup", "embedding_grad", "add", "recurrent"})

# Symbols are recognised by what they are (``Sym.key``, set by ``cells``), never by how they are
# written: a layer's superscript, the reverse direction's h_{t+1} or a renamed gate change nothing.
GATE_Z, GATE_R = ("gate", "z"), ("gate", "r")
STATE_H, STATE_C, PREV_H, PREV_C = ("state", "h"), ("state", "c"), ("prev", "h"), ("prev", "c")
CANDIDATE_H, CANDIDATE_C = ("candidate", "h"), ("candidate", "c")
# the gates a σ can produce, by their keys
GATES = {GATE_R: "gate_reset", GATE_Z: "gate_update", ("gate", "f"): "gate_forget", ("gate", "i"): "gate_input",
         ("gate", "o"): "gate_output"}
# ⊙ products the cells form, by what their operands are (``identity``)
HADAMARDS = {(GATE_Z, PREV_H): "keep", (("1 −", GATE_Z), CANDIDATE_H): "take_candidate",
             (("gate", "f"), PREV_C): "forget", (("gate", "i"), CANDIDATE_C): "write",
             (("gate", "o"), ("tanh", STATE_C)): "read", (GATE_R, PREV_H): "reset"}
# what a gradient's key starts with: ∂L/∂·, a δ, what a step passes back
GRADIENTS = ("grad", "delta", "back", "back_in")


def identity(e: Expr | None):
    """What ``e`` is, whatever its name: a symbol's key; ``(1 − g)`` and ``f(g)`` built from
    their operand's; None for anything else (or a symbol without a key)."""
    if isinstance(e, Sym):
        return e.key
    if isinstance(e, OneMinus):
        return ("1 −", identity(e.a))
    if isinstance(e, Apply):
        return (e.fn, identity(e.arg))
    return None


def text(kind: str, **fields) -> str:
    """The explanation ``teach.explain.<kind>`` in the current language, its fields filled in."""
    return t(f"teach.explain.{kind}", **fields)


class Explainer:
    """``--explain`` for one document: the builders ask it, as they lay out each operation, for
    the sentence that goes under it. Off, every answer is None (so a builder can always ask).
    It remembers what it said: an explanation of a kind in AGAIN, said once in full, is said again
    in one sentence, and a formula's explanation (``once``) is said once per document."""

    def __init__(self, on: bool = False):
        self.on = on
        self._said: set[str] = set()

    def kind(self, op: Op, conv: str = "row") -> str:
        """What ``op`` is (its classification, whether explanations are on or not; "" if none)."""
        return classify(op, conv)[0] or ""

    def covers(self, op: Op, conv: str = "row") -> bool:
        """Whether ``op`` gets an explanation (asked without saying it)."""
        return self.on and classify(op, conv)[0] is not None

    def op(self, op: Op, conv: str = "row") -> str | None:
        """The sentence under ``op``, or None."""
        if not self.on:
            return None
        kind, fields = classify(op, conv)
        if not kind:
            return None
        if kind in AGAIN:
            if kind in self._said:
                return text(f"{kind}_again", **fields)
            self._said.add(kind)
        return text(kind, **fields)

    def topic(self, name: str, **fields) -> str | None:
        """The explanation ``teach.explain.<name>``, or None."""
        return text(name, **fields) if self.on else None

    def once(self, kind: str, **fields) -> str | None:
        """The explanation ``teach.explain.<kind>`` the first time it is asked for, else None."""
        if not self.on or kind in self._said:
            return None
        self._said.add(kind)
        return text(kind, **fields)


def _name(e: Expr, conv: str) -> str:
    return write(e, conv)


def _shape(v, conv: str) -> str:
    return dims(shape(np.asarray(v), conv))


def _range(v) -> dict:
    a = np.asarray(v, dtype=np.float64)
    a = a[np.isfinite(a)]
    if not a.size:
        return {"lo": "nan", "hi": "nan"}
    return {"lo": fmt_scalar(float(a.min()), 2), "hi": fmt_scalar(float(a.max()), 2)}


def _is_onehot(v) -> bool:
    a = np.asarray(v)
    return a.ndim == 1 and a.size > 1 and np.count_nonzero(a) == 1 and np.count_nonzero(a == 1.0) == 1


def _tanh_examples(a, h) -> Text:
    """The tanh_state sentence's examples from this step's own entries: one where tanh is almost
    the identity and one where it saturates (``analysis.tanh_examples``), each only if there is one."""
    from rnntrace.analysis import tanh_examples

    a, h = np.asarray(a, dtype=np.float64).ravel(), np.asarray(h, dtype=np.float64).ravel()
    near, sat = tanh_examples(a, h)
    out = []
    if near is not None:
        out.append(t("teach.explain.tanh_near", a=fmt_scalar(float(a[near]), 2), h=fmt_scalar(float(h[near]), 2)))
    if sat is not None:
        out.append(t("teach.explain.tanh_saturated", a=fmt_scalar(float(a[sat]), 2), h=fmt_scalar(float(h[sat]), 2)))
    return join("", [" " + x for x in out])


def classify(op: Op, conv: str = "row") -> tuple[str | None, dict]:
    """(kind, fields) for ``op``: the catalogue key's last part and what fills its placeholders."""
    e, target = op.expr, (op.target.name if op.target else None)
    what = identity(op.target)
    expr = _name(e, conv)
    out = _shape(op.value, conv)
    if isinstance(e, MatMul):
        (ve, vv), (me, mv) = op.operands
        W = _name(me, conv)
        fields = {"expr": expr, "W": W, "out": out, "left": _shape(vv, conv), "right": _shape(mv, conv)}
        if identity(ve) == ("input",) and _is_onehot(vv):
            i = int(np.argmax(vv))
            value = " ".join(fmt_array(op.value, 4)[0])
            return "onehot_product", {**fields, "i": i, "n": i + 1, "value": f"[{value}]",
                                      "part": t("teach.word.row" if conv == "row" else "teach.word.column")}
        if isinstance(ve, Apply) and ve.fn == "onehot" and _is_onehot(vv):  # x_t = onehot(w_t)·E
            i = int(np.argmax(vv))
            value = " ".join(fmt_array(op.value, 4)[0])
            return "embedding_lookup", {**fields, "word": _name(ve.arg, conv), "i": i, "n": i + 1,
                                        "value": f"[{value}]", "V": np.asarray(vv).size,
                                        "d": np.asarray(op.value).size,
                                        "part": t("teach.word.row" if conv == "row" else "teach.word.column")}
        if identity(ve) == PREV_H:
            if not np.any(vv):
                return "recurrent_zero", fields
            return "recurrent", {**fields, "H": np.asarray(vv).size}
        if identity(ve) == STATE_H and identity(me) == ("param", "W_hy"):
            return "output_product", {**fields, "V": np.asarray(op.value).size}
        if isinstance(ve, Had):
            return "reset_product", fields
        return "matmul", fields
    if isinstance(e, Add):
        if what == STATE_H and all(isinstance(x, Had) for x in e.terms):
            return "gru_update", {}
        if what == STATE_C:
            return "lstm_memory", {}
        if what and what[0] in GRADIENTS:
            names = [_name(x, conv) for x in e.terms]
            shown = _name(Sym(target), conv)
            if what[0] == "back" and "·∂" in target:  # ∂L/∂h_t·∂h_t/∂h_{t−1}: the part of ∂L/∂h_{t−1} that comes through h_t
                via, of = target.split("·∂", 1)[1].split("/∂", 1)
                return "add_grad_via", {"target": shown, "of": of, "via": via, "shape": out, "n": len(names)}
            of = target.split("/∂", 1)[1] if "/∂" in target else target
            return "add_grad", {"target": shown, "of": of, "shape": out, "n": len(names)}
        mats = [_name(x.mat, conv) for x in e.terms if isinstance(x, MatMul)]
        names = [_name(x, conv) for x in e.terms]
        fields = {"terms": listed(names), "shape": out, "n": np.asarray(op.value).size}
        if mats:
            part = "teach.word.columns" if conv == "row" else "teach.word.rows"
            return "add", {**fields, "mats": listed(mats), "part": t(part)}
        return "add_plain", fields
    if isinstance(e, Apply):
        arg = _name(e.arg, conv)
        if e.fn == "σ" and what in GATES:
            return GATES[what], _range(op.value)
        if e.fn == "softmax":
            total = fmt_scalar(float(np.sum(op.value)), 4) if np.all(np.isfinite(op.value)) else "nan"
            if what == ("probs",):
                return "softmax", {"V": np.asarray(op.value).size, "sum": total, "target": target}
            return "softmax_weights", {"target": target or expr}
        if e.fn == "tanh" and what in (CANDIDATE_H, CANDIDATE_C):
            return "tanh_candidate", {"target": target}
        if e.fn == "tanh" and target is None:
            return "tanh_memory", {"arg": arg}
        if what == STATE_H and e.fn == "tanh":
            (_, av), = op.operands
            return "tanh_state", {"arg": arg, "examples": _tanh_examples(av, op.value)}
        if what == STATE_H and e.fn in ("σ", "relu", "sigmoid"):
            (_, av), = op.operands
            a0, h0 = float(np.asarray(av).flat[0]), float(np.asarray(op.value).flat[0])
            h = np.asarray(op.value, dtype=np.float64)
            fields = {"arg": arg, "a": fmt_scalar(a0, 2), "h": fmt_scalar(h0, 2)}
            if e.fn == "relu":
                return "relu_state", fields
            return "sigmoid_state", {**fields, **_range(h * (1.0 - h))}  # σ′(a) = σ(a)(1 − σ(a)), this step's slopes
        if e.fn == "onehot":
            return None, {}
        if e.fn == "σ":
            return "sigmoid", {"target": target or expr, **_range(op.value)}
        return None, {}
    if isinstance(e, Had):
        key = (identity(e.a), identity(e.b))
        if key in HADAMARDS:
            return HADAMARDS[key], {}
        return "hadamard", {"shape": out}
    if isinstance(e, OneMinus):
        return "one_minus", {"g": _name(e.a, conv)}
    if isinstance(e, Sub):
        if isinstance(e.b, Apply) and e.b.fn == "onehot":
            return "softmax_ce_grad", {"p": _name(e.a, conv)}
        return "sub", {"shape": out}
    if isinstance(e, Outer):
        (_, av), (_, bv) = op.operands
        if isinstance(e.a, Apply) and e.a.fn == "onehot" and _is_onehot(av):  # ∂L/∂E += onehot(w_t)ᵀ·∂L/∂x_t
            i = int(np.argmax(av))
            return "embedding_grad", {"word": _name(e.a.arg, conv), "b": _name(e.b, conv), "i": i, "n": i + 1,
                                      "part": t("teach.word.row" if conv == "row" else "teach.word.column")}
        return "outer", {"a": _name(e.a, conv), "b": _name(e.b, conv), "out": out,
                         "m": np.asarray(av).size, "n": np.asarray(bv).size}
    if isinstance(e, Scale):
        s = _name(e.s, conv)
        if "√d_k" in s or "d_k" in s:
            return "sqrt_dk_op", {"s": s}
        return "scale", {"s": s}
    return None, {}
