"""``rnntrace quiz``: the lecture's questions, asked on the worked examples and answered by the core.

Every right answer is computed, never typed in: the shapes are the shapes of the parameters a
forward run used, the size of the output is the size of the y_t it computed, x_t·W_xh is the
value of that op in the trace, the gate that keeps the old state is the factor of h_{t−1} in the
trace's h_t (of c_{t−1} in c_t for the LSTM), and an attention weight is the one
``rnntrace.attention`` computed; h_t, p_t, L_t, the prediction and the LSTM's c_t are the forward
trace's values, δ_t and the Jacobian's factors the backward trace's, the positional properties
what ``rnntrace.positional`` measures, and a network's shapes ([h→_t ; h←_t], E, a second layer's
W_xh, a bidirectional W_hy) the shapes of the operands in ``rnntrace.network``'s trace. Answers are checked leniently: ``5x3``, ``5×3``, ``(5, 3)``,
``5 por 3`` are one shape; numbers within half a unit of the second decimal count, with ``.`` or
``,`` as the decimal mark; a gate by its letter, its symbol or its name in either language.
"""
from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from rnntrace.i18n import catalogue, t, tn
from rnntrace.notation import fmt_array, fmt_scalar, write

# the kinds of question by topic, each topic in the lecture's order
TOPICS = {
    "forward": ("shape", "output_size", "onehot_product", "hidden_state", "softmax", "loss", "prediction"),
    "bptt": ("delta", "jacobian_factor"),
    "gates": ("keep_gate", "lstm_memory"),
    "attention": ("attention_weight", "scaling"),
    "positional": ("positional_bounded", "positional_relative", "positional_binary"),
    "networks": ("concat_shape", "embedding_shape", "stacked_input_shape", "bidirectional_output_shape"),
}
KINDS = tuple(k for kinds in TOPICS.values() for k in kinds)
SHAPE_KINDS = ("shape",) + TOPICS["networks"]  # answered by a rows×columns shape
DECIMALS = 2  # numbers are asked to 2 decimals unless a question says otherwise
MAX_COUNT = 20
MAX_DIGITS = 9  # digits of a size in an answer
SHAPE_EXAMPLES = ("lecture", "pseudocode")


@dataclass
class Verdict:
    right: bool
    note: str = ""  # e.g. why a transposed shape is wrong
    readable: bool = True  # False: the answer is not in the form asked for (it is asked again)


@dataclass
class Shown:
    """What a question shows: a named array, or (``labels``) one named number per entry."""

    label: str
    value: np.ndarray
    labels: list[str] | None = None


@dataclass
class Question:
    """One question: what is asked, the right answer as shown, how to check, why."""

    kind: str
    prompt: str
    answer: str
    check: Callable[[str], Verdict]
    explanation: str
    choices: list[str] = field(default_factory=list)
    shown: list[Shown] = field(default_factory=list)  # the arrays the question gives (W_xh, scores)
    hint: str = ""  # how to answer (said with the question, and again when an answer cannot be read)
    tolerance: float = 0.0  # numbers: how far from the answer is still right (half a unit of the last place asked)
    values: np.ndarray | None = None  # numbers: the answer itself, at full precision (for exports)


# ---- lenient parsing --------------------------------------------------------------------------
def parse_ints(text: str) -> list[int] | None:
    """The integers of a shape answer: ``5x3``, ``5×3``, ``(5, 3)``, ``5 por 3``, ``R^{5×3}`` → [5, 3]."""
    s = text.lower()
    if re.search(r"\d\.\d", s):  # a decimal number is not a size
        return None
    nums = re.findall(r"\d+", s)
    rest = re.sub(r"\d+|[x×*,;()\[\]{}^ℝr\s]|by|por|de", "", s)
    if not nums or rest.strip("._-:=") or len(nums) > 3 or any(len(n) > MAX_DIGITS for n in nums):
        return None  # (a size of more than MAX_DIGITS digits is no size a question asks for)
    return [int(n) for n in nums]


def parse_numbers(text: str, n: int) -> list[float] | None:
    """``n`` numbers from an answer: ``0.3 0.2 0.1``, ``[0.3, 0.2, 0.1]``, ``0,3 0,2 0,1`` (a
    decimal comma), ``0.21``, ``0,21``. None when it does not read as n numbers."""
    s = text.strip().strip("[](){}").replace("−", "-")
    if not s:
        return None
    candidates = [re.split(r"[\s,;]+", s)]  # comma as a separator
    if "." not in s:
        candidates.append([x.replace(",", ".") for x in re.split(r"[\s;]+", s)])  # comma as decimal mark
    for parts in candidates:
        parts = [p for p in parts if p]
        try:
            values = [float(p) for p in parts]
        except ValueError:
            continue
        if len(values) == n and all(math.isfinite(v) for v in values):
            return values
    return None


def plain(text: str) -> str:
    """Lower case, no accents, no spaces or underscores: ``Γ_t`` → ``γt``, ``Actualización`` → ``actualizacion``."""
    s = unicodedata.normalize("NFKD", text.strip().lower())
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return re.sub(r"[\s_.()\[\]'\"“”]+", "", s)


# ---- checks -----------------------------------------------------------------------------------
def shape_check(want: tuple[int, int]) -> Callable[[str], Verdict]:
    def check(text: str) -> Verdict:
        got = parse_ints(text)
        if got is None:
            return Verdict(False, readable=False)
        if got == list(want):
            return Verdict(True)
        if got == list(want[::-1]) and want[0] != want[1]:
            return Verdict(False, t("teach.quiz.transposed", got="×".join(map(str, got)),
                                    want="×".join(map(str, want))))
        return Verdict(False)
    return check


def size_check(n: int) -> Callable[[str], Verdict]:
    def check(text: str) -> Verdict:
        got = parse_ints(text)
        if got is None:
            return Verdict(False, readable=False)
        return Verdict(got in ([n], [1, n], [n, 1]))
    return check


def tolerance(decimals: int) -> float:
    """Half a unit of the last place asked for: 0.005 for 2 decimals."""
    return 0.5 * 10.0 ** -decimals


def numbers_check(want: np.ndarray, decimals: int = DECIMALS) -> Callable[[str], Verdict]:
    want = np.atleast_1d(np.asarray(want, dtype=np.float64))
    tol = tolerance(decimals)

    def check(text: str) -> Verdict:
        got = parse_numbers(text, want.size)
        if got is None:
            return Verdict(False, t("teach.quiz.want_numbers", n=want.size) if want.size > 1 else "", readable=False)
        return Verdict(bool(np.all(np.abs(np.asarray(got) - want) <= tol + 1e-12)))
    return check


def choice_check(choices: list[tuple[str, set[str]]], right: int) -> Callable[[str], Verdict]:
    """``choices``: (shown text, accepted spellings) in the order shown; letters a, b, c … and
    numbers 1, 2, 3 … pick by position."""
    def check(text: str) -> Verdict:
        s = plain(text)
        if not s:
            return Verdict(False)
        for k, (shown, names) in enumerate(choices):
            if s in (chr(ord("a") + k), str(k + 1), plain(shown)) or s in names:
                return Verdict(k == right)
        return Verdict(False, readable=False)
    return check


# ---- the questions ------------------------------------------------------------------------------
def _forward(example: str, cell: str | None = None, sentence: list[str] | None = None):
    from rnntrace import examples, forward

    ex = examples.load(example)
    if sentence is not None:
        ex = ex.with_sentence(sentence)
    return forward.run(ex, cell=cell)


def _dims(shape) -> str:
    return "×".join(str(d) for d in shape)


Pool = list[tuple[bool, Callable[[], Question]]]  # (asked in the first round, how to make it)


def shape_questions() -> Pool:
    out = []
    for example in SHAPE_EXAMPLES:
        for name in ("W_xh", "W_hh", "W_hy"):
            out.append((example == "lecture", lambda example=example, name=name: shape_question(example, name)))
    return out


def shape_question(example: str, name: str) -> Question:
    tr = _forward(example)
    shape = tr.params[name].shape
    V, H = len(tr.vocab), tr.hidden_size
    return Question(
        "shape", t("teach.quiz.shape", name=name, V=V, H=H, title=tr.title),
        _dims(shape), shape_check(shape),
        t(f"teach.quiz.why.{name}", V=V, H=H, shape=_dims(shape)), hint=t("teach.quiz.hint.shape"))


def output_size_questions() -> Pool:
    return [(e == "lecture", lambda example=e: output_size_question(example)) for e in SHAPE_EXAMPLES]


def output_size_question(example: str) -> Question:
    tr = _forward(example)
    y = tr.steps[0].values["y"]  # (V,)
    V, H = len(tr.vocab), tr.hidden_size
    return Question(
        "output_size", t("teach.quiz.output_size", V=V, H=H, words=", ".join(tr.vocab)),
        str(y.size), size_check(y.size), t("teach.quiz.why.output_size", V=y.size, H=H),
        hint=t("teach.quiz.hint.size"))


def onehot_questions() -> Pool:
    from rnntrace import examples

    out = []
    for example in SHAPE_EXAMPLES:
        for word in examples.load(example).vocab:
            out.append((example == "lecture", lambda example=example, word=word: onehot_question(example, word)))
    return out


def onehot_question(example: str, word: str) -> Question:
    from rnntrace.trace import MatMul, Sym

    tr = _forward(example, sentence=[word])
    step = tr.steps[0]
    op = next(o for o in step.ops if isinstance(o.expr, MatMul) and o.expr.vec == Sym("x_t")
              and o.expr.mat == Sym("W_xh"))
    (_, x), (_, W) = op.operands
    i = int(np.argmax(x))
    row = "[" + " ".join(fmt_array(op.value, 4)[0]) + "]"
    return Question(
        "onehot_product", t("teach.quiz.onehot", word=word, i=i, last=len(tr.vocab) - 1),
        row, numbers_check(op.value), t("teach.quiz.why.onehot", i=i, n=i + 1, row=row),
        shown=[Shown("x_t", x), Shown("W_xh", W)], hint=t("teach.quiz.hint.numbers", d=DECIMALS),
        tolerance=tolerance(DECIMALS), values=np.asarray(op.value, dtype=np.float64))


GATE_NAMES = {"r_t": "reset", "z_t": "update", "h̃_t": "candidate", "f_t": "forget", "i_t": "input",
              "o_t": "output", "c̃_t": "candidate"}


FILLER = {"gate", "the", "compuerta", "puerta", "de", "la", "el"}


def _spellings(symbol: str) -> set[str]:
    """Every accepted way to name a gate: its symbol with or without _t (Γ for z), and its name in
    either language, with or without "gate"/"compuerta"."""
    base = symbol.split("_")[0]
    names = {plain(symbol), plain(base)}
    if symbol == "z_t":
        names |= {plain("Γ_t"), plain("Γ"), "gamma", "gammat"}
    for text in catalogue()[f"teach.quiz.gate.{GATE_NAMES[symbol]}"]:
        names.add(plain(text))
        names.add(plain(" ".join(w for w in text.lower().split() if w not in FILLER)))
    return names


def gate_questions() -> Pool:
    return [(True, lambda: keep_gate_question("gru")), (False, lambda: keep_gate_question("lstm"))]


def keep_gate_question(cell: str) -> Question:
    """Which gate keeps the old state: read off the trace, as the factor that multiplies the old
    state (h_{t−1} in the GRU's h_t, c_{t−1} in the LSTM's c_t)."""
    import random

    from rnntrace.cells import make
    from rnntrace.trace import Add, Apply, Had

    tr = _forward("lecture", cell=cell)
    ops = tr.steps[0].ops
    target, old = make(cell).keeps
    update = next(o for o in ops if o.target == target and isinstance(o.expr, Add))
    keeper = next((x.a if x.b == old else x.b) for x in update.expr.terms
                  if isinstance(x, Had) and old in (x.a, x.b))
    symbols = [o.target.name for o in ops if o.target is not None and isinstance(o.expr, Apply)
               and o.expr.fn == "σ"]
    symbols += [o.target.name for o in ops if o.target is not None and o.target.name in ("h̃_t", "c̃_t")]
    order = sorted(symbols, key=lambda s: random.Random(cell).random())  # a fixed shuffle
    choices = [(f"{s} ({t('teach.quiz.gate.' + GATE_NAMES[s])})", _spellings(s)) for s in order]
    right = order.index(keeper.name)
    return Question(
        "keep_gate", t(f"teach.quiz.keep.{cell}", old=old.name), choices[right][0],
        choice_check(choices, right),
        t(f"teach.quiz.why.keep.{cell}", eq=f"{target.name} = {write(update.expr)}", gate=keeper.name),
        choices=[c for c, _ in choices], hint=t("teach.quiz.hint.choice"))


def attention_questions() -> Pool:
    from rnntrace import attention_examples as ae

    self_ex = ae.load(ae.DEFAULT["self"], "self")
    out = []
    n = len(self_ex.sentence)
    for q in range(n):
        for k in range(n):
            out.append((True, lambda q=q, k=k: self_attention_question(q, k)))
    seq = ae.load(ae.DEFAULT["seq2seq"], "seq2seq")
    for i in range(len(seq.target_sentence) - 1):
        for j in range(len(seq.source_sentence)):
            out.append((False, lambda i=i, j=j: seq2seq_question(i, j)))
    return out


def _softmax_detail(scores: np.ndarray, j: int) -> dict:
    """The explanation's numbers: exp(s_j) and Σ_k exp(s_k)."""
    exps = np.exp(scores)
    return {"e": fmt_scalar(float(exps[j]), 4), "sum": fmt_scalar(float(exps.sum()), 4)}


def self_attention_question(q: int, k: int) -> Question:
    """The weight query q gives key k in the lecture's self-attention example (rnntrace.attention)."""
    from rnntrace import attention_examples as ae, attention_trace

    tr = attention_trace.run_self(ae.load(ae.DEFAULT["self"], "self"))
    head = tr.result.heads[0]
    row = head.scaled_scores[q]  # (n,)  q·k_j / √d_k
    w = float(head.weights[q, k])
    words = tr.tokens
    return Question(
        "attention_weight",
        t("teach.quiz.self_weight", query=words[q], key=words[k], sentence=" ".join(words),
          d_k=tr.result.d_k), fmt_scalar(w, 2), numbers_check(np.array([w])),
        t("teach.quiz.why.weight", key=words[k], s=fmt_scalar(float(row[k]), 4), w=fmt_scalar(w, 4),
          **_softmax_detail(row, k)), shown=[Shown("q·k_j / √d_k", row, words)],
        hint=t("teach.quiz.hint.number", d=DECIMALS), tolerance=tolerance(DECIMALS), values=np.array([w]))


def seq2seq_question(i: int, j: int) -> Question:
    """The weight α_{i,j} decoder step i gives source word j in the lecture's translation example."""
    from rnntrace import attention_examples as ae, attention_trace

    tr = attention_trace.run_seq2seq(ae.load(ae.DEFAULT["seq2seq"], "seq2seq"))
    scores = tr.attention.scores[i]  # (n,)  h^d_{i−1}·h^e_j
    w = float(tr.attention.weights[i, j])
    return Question(
        "attention_weight",
        t("teach.quiz.seq2seq_weight", i=i + 1, target=" ".join(tr.target), source=" ".join(tr.source),
          word=tr.source[j], j=j + 1), fmt_scalar(w, 2), numbers_check(np.array([w])),
        t("teach.quiz.why.weight", key=tr.source[j], s=fmt_scalar(float(scores[j]), 4), w=fmt_scalar(w, 4),
          **_softmax_detail(scores, j)), shown=[Shown("h^d_{i−1} · h^e_j", scores, tr.source)],
        hint=t("teach.quiz.hint.number", d=DECIMALS), tolerance=tolerance(DECIMALS), values=np.array([w]))


# ---- the forward pass, from the trace ------------------------------------------------------------
@functools.lru_cache(maxsize=None)
def _trace(example: str, cell: str):
    """The forward trace of a built-in example through ``cell`` (kept: several questions read it)."""
    from rnntrace import examples, forward

    return forward.run(examples.load(example), cell=cell)


@functools.lru_cache(maxsize=None)
def _backward(example: str, scale: float):
    """The Elman cell's backward trace of a built-in example, recurrent weights × ``scale``."""
    from rnntrace import bptt, examples

    return bptt.run(examples.load(example), cell="rnn", scale=scale, gradcheck=False, sums=False)


def _row(v, d: int) -> str:
    return "[" + " ".join(fmt_array(np.atleast_1d(v), d)[0]) + "]"


def _numbers(kind: str, prompt: str, want, d: int, why: str, shown: list[Shown]) -> Question:
    """A question answered by numbers, asked to ``d`` decimals."""
    want = np.atleast_1d(np.asarray(want, dtype=np.float64))
    hint = t("teach.quiz.hint.numbers", d=d) if want.size > 1 else t("teach.quiz.hint.number", d=d)
    return Question(kind, prompt, _row(want, d) if want.size > 1 else fmt_scalar(float(want[0]), d),
                    numbers_check(want, d), why, shown=shown, hint=hint, tolerance=tolerance(d), values=want)


def _steps(example: str, first_round: bool, make) -> Pool:
    from rnntrace import examples

    T = len(examples.load(example).sentence)
    return [(first_round, lambda t=t: make(example, t)) for t in range(1, T + 1)]


def _by_step(make) -> Callable[[], Pool]:
    def pool() -> Pool:
        return [q for e in SHAPE_EXAMPLES for q in _steps(e, e == "lecture", make)]
    return pool


def hidden_state_question(example: str, t_: int) -> Question:
    step = _trace(example, "rnn").steps[t_ - 1]
    a, h = step.values["a"], step.values["h"]
    return _numbers("hidden_state", t("teach.quiz.hidden", t=t_, word=step.token), h, DECIMALS,
                    t("teach.quiz.why.hidden", a=fmt_scalar(float(a[0]), 4), h=fmt_scalar(float(h[0]), 4),
                      row=_row(h, 4)), [Shown("a_t", a)])


def _with_target(example: str, t_: int):
    """(trace, step, index of its target) of the Elman cell's step t, or None without a target."""
    tr = _trace(example, "rnn")
    step = tr.steps[t_ - 1]
    return None if step.target is None else (tr, step, tr.vocab.index(step.target))


def softmax_question(example: str, t_: int) -> Question | None:
    found = _with_target(example, t_)
    if found is None:
        return None
    tr, step, j = found
    y, p = step.values["y"], step.values["p"]
    return _numbers("softmax", t("teach.quiz.softmax", t=t_, word=step.target), p[j], 3,
                    t("teach.quiz.why.softmax", word=step.target, y=fmt_scalar(float(y[j]), 4),
                      p=fmt_scalar(float(p[j]), 4), **_softmax_detail(y, j)), [Shown("y_t", y, tr.vocab)])


def loss_question(example: str, t_: int) -> Question | None:
    found = _with_target(example, t_)
    if found is None:
        return None
    tr, step, j = found
    p, loss = step.values["p"], step.values["loss"]
    return _numbers("loss", t("teach.quiz.loss", t=t_, word=step.target), loss, DECIMALS,
                    t("teach.quiz.why.loss", word=step.target, p=fmt_scalar(float(p[j]), 4),
                      loss=fmt_scalar(float(loss), 4)), [Shown("p_t", p, tr.vocab)])


# (example, cell, asked in the first round: the lecture's own network, its example with its cell)
PREDICTION_CELLS = (("lecture", "rnn", True), ("lecture", "gru", False), ("lecture", "lstm", False),
                    ("pseudocode", "rnn", False))


def prediction_questions() -> Pool:
    from rnntrace import examples

    return [(own, lambda e=example, c=cell, t=t_: prediction_question(e, c, t))
            for example, cell, own in PREDICTION_CELLS
            for t_ in range(1, len(examples.load(example).sentence) + 1)]


def prediction_question(example: str, cell: str, t_: int) -> Question | None:
    """The word the model predicts: argmax p_t, asked only where the largest p_t shows apart from
    the next at 4 decimals (else the reader could not tell)."""
    tr = _trace(example, cell)
    step = tr.steps[t_ - 1]
    p = step.values["p"]
    if step.prediction is None:
        return None
    top = np.sort(p)[::-1]
    if fmt_scalar(float(top[0]), 4) == fmt_scalar(float(top[1]), 4):
        return None
    choices = [(w, {plain(w)}) for w in tr.vocab]
    right = tr.vocab.index(step.prediction)
    return Question("prediction", t("teach.quiz.prediction", t=t_, word=step.token, cell=t(f"common.cell.{cell}")),
                    step.prediction, choice_check(choices, right),
                    t("teach.quiz.why.prediction", word=step.prediction, p=fmt_scalar(float(p[right]), 4)),
                    choices=[w for w, _ in choices], shown=[Shown("p_t", p, tr.vocab)], hint=t("teach.quiz.hint.choice"))


# ---- backpropagation through time ---------------------------------------------------------------------
def _op(step, name: str) -> np.ndarray:
    return next(op.value for op in step.ops if op.target is not None and op.target.name == name)


def delta_question(example: str, t_: int) -> Question | None:
    tr = _backward(example, 1.0)
    step = next(s for s in tr.steps if s.t == t_)
    dh, delta, h = _op(step, "∂L/∂h_t"), _op(step, "δ_t"), tr.values["h"][t_ - 1]
    if not np.any(delta):
        return None  # nothing reaches this step: a question whose answer is 0 teaches nothing
    return _numbers("delta", t("teach.quiz.delta", t=t_, T=tr.T), delta, 3,
                    t("teach.quiz.why.delta", slope=_row(1 - h * h, 4), delta=_row(delta, 4)),
                    [Shown("∂L/∂h_t", dh), Shown("h_t", h)])


JACOBIAN_SCALES = (1.0, 3.0)


def jacobian_questions() -> Pool:
    from rnntrace import examples

    T = len(examples.load("lecture").sentence)
    return [(scale == 1.0, lambda s=scale, t=t_: jacobian_question(s, t)) for scale in JACOBIAN_SCALES
            for t_ in range(2, T + 1)]


def jacobian_question(scale: float, t_: int) -> Question | None:
    """Which factor of ∂h_t/∂h_{t−1} = diag(1 − h_t²)·W_hhᵀ shrinks a gradient more: the one with
    the smaller spectral norm (neither when both are ≥ 1); asked only where the norms show apart."""
    tr = _backward("lecture", scale)
    h, W = tr.values["h"][t_ - 1], tr.params["W_hh"]
    slope = float(np.max(np.abs(1 - h * h)))  # ‖diag(1 − h_t²)‖₂
    sigma = float(np.linalg.norm(W, 2))  # ‖W_hh‖₂
    if abs(slope - sigma) < 0.01:
        return None
    names = ["diag(1 − h_t²)", "W_hh", t("teach.quiz.neither")]
    right = 2 if min(slope, sigma) >= 1 else (0 if slope < sigma else 1)
    spellings = [{plain(names[0]), "tanh", "tanh'", "tanh′", plain("1 − h_t²"), "1-h^2", "1-h2"},
                 {plain("W_hh"), plain("W_hhᵀ"), "whh"}, {plain(x) for x in catalogue()["teach.quiz.neither"]} | {plain(x.split(" (")[0]) for x in catalogue()["teach.quiz.neither"]}]
    choices = list(zip(names, spellings))
    J = 10.0 ** float(tr.log10_jacobian_norms[t_ - 1])
    return Question(
        "jacobian_factor", t("teach.quiz.jacobian", t=t_, scale=fmt_scalar(scale, 0)), names[right],
        choice_check(choices, right),
        t("teach.quiz.why.jacobian", slope=fmt_scalar(slope, 4), sigma=fmt_scalar(sigma, 4),
          bound=fmt_scalar(slope * sigma, 4), J=fmt_scalar(J, 4)),
        choices=names, shown=[Shown("h_t", h), Shown("W_hh", W)], hint=t("teach.quiz.hint.choice"))


# ---- gates ------------------------------------------------------------------------------------------------
def lstm_memory_question(t_: int) -> Question:
    tr = _trace("lecture", "lstm")
    v = tr.steps[t_ - 1].values
    c_prev = tr.steps[t_ - 2].values["c"] if t_ > 1 else np.zeros_like(v["c"])
    keep, write = v["f"] * c_prev, v["i"] * v["c_tilde"]
    return _numbers("lstm_memory", t("teach.quiz.lstm_memory", t=t_), v["c"], 3,
                    t("teach.quiz.why.lstm_memory", keep=_row(keep, 4), write=_row(write, 4), c=_row(v["c"], 4)),
                    [Shown("f_t", v["f"]), Shown("c_{t−1}", c_prev), Shown("i_t", v["i"]), Shown("c̃_t", v["c_tilde"])])


def lstm_memory_questions() -> Pool:
    from rnntrace import examples

    return [(True, lambda t=t_: lstm_memory_question(t)) for t_ in range(1, len(examples.load("lecture").sentence) + 1)]


# ---- attention: the √d_k scaling ------------------------------------------------------------------------------
def scaling_questions() -> Pool:
    from rnntrace import attention_examples as ae

    n = len(ae.load(ae.DEFAULT["self"], "self").sentence)
    return [(True, lambda q=q, k=k: scaling_question(q, k)) for q in range(n) for k in range(n)]


def scaling_question(q: int, k: int) -> Question:
    from rnntrace import attention_examples as ae, attention_trace

    tr = attention_trace.run_self(ae.load(ae.DEFAULT["self"], "self"))
    head = tr.result.heads[0]
    raw, scaled = head.scores[q], float(head.scaled_scores[q, k])
    words = tr.tokens
    return _numbers("scaling", t("teach.quiz.scaling", sentence=" ".join(words), d_k=tr.result.d_k, query=words[q],
                                 key=words[k]), scaled, DECIMALS,
                    t("teach.quiz.why.scaling", d_k=tr.result.d_k, root=fmt_scalar(head.scaling, 4),
                      s=fmt_scalar(float(raw[k]), 4), v=fmt_scalar(scaled, 4)), [Shown("q·k_j", raw, words)])


# ---- positional encodings ---------------------------------------------------------------------------------------
POSITIONS, SIN_DIM = 16, 8  # the lecture's 4 bits for positions 0…15
ENCODINGS = ("index", "binary", "sinusoidal")


@functools.lru_cache(maxsize=None)
def _positional():
    from rnntrace import positional

    return positional.compare(POSITIONS, SIN_DIM)


def _yes_no(right: bool) -> tuple[list[tuple[str, set[str]]], int]:
    yes, no = catalogue()["teach.quiz.yes"], catalogue()["teach.quiz.no"]
    choices = [(t("teach.quiz.yes"), {plain(x) for x in yes} | {"y", "s", "true"}),
               (t("teach.quiz.no"), {plain(x) for x in no} | {"n", "false"})]
    return choices, 0 if right else 1


def positional_question(kind: str, encoding: str) -> Question:
    """Yes or no, as ``rnntrace positional`` measures it: does the encoding stay within [−1, 1]
    (``positional_bounded``), does p_t · p_{t+Δ} depend on Δ alone (``positional_relative``)?"""
    props = _positional().props[encoding]
    name = t(f"positional.col.{encoding}")
    if kind == "positional_bounded":
        holds, lo, hi = props.bounds.ok, *fmt_array(np.array([props.bounds.min, props.bounds.max]), 4)[0]
        prompt = t("teach.quiz.bounded", encoding=name, n=POSITIONS, last=POSITIONS - 1, d=SIN_DIM)
        why = t("teach.quiz.why.bounded", lo=lo, hi=hi)
    else:
        holds = props.relative.ok
        prompt = t("teach.quiz.relative", encoding=name, n=POSITIONS, d=SIN_DIM)
        why = t("teach.quiz.why.relative", spread=fmt_scalar(props.relative.max_spread, 4))
    choices, right = _yes_no(holds)
    return Question(kind, prompt, choices[right][0], choice_check(choices, right), why,
                    choices=[c for c, _ in choices], hint=t("teach.quiz.hint.choice"))


def positional_binary_question(position: int) -> Question:
    bits = _positional().binary[position]
    powers = [2 ** (len(bits) - 1 - i) for i, b in enumerate(bits) if b]
    q = _numbers("positional_binary", t("teach.quiz.binary", p=position, last=POSITIONS - 1, b=len(bits)), bits, 0,
                 t("teach.quiz.why.binary", p=position, sum=" + ".join(map(str, powers)),
                   bits="".join(str(int(b)) for b in bits)), [])
    q.hint = t("teach.quiz.hint.bits")
    return q


# ---- networks: embeddings, stacked and bidirectional layers ------------------------------------------------------
# (example, network options): the built-in networks, and the lecture's example run both ways
NETWORKS = (("sentimiento", ()), ("etiquetas", ()), ("sentimiento", (("layers", 2),)),
            ("etiquetas", (("bidirectional", True),)), ("lecture", (("bidirectional", True),)))


def _network(example: str, options: tuple):
    """The forward trace of a network of NETWORKS (its title in the language asked in)."""
    from rnntrace.i18n import get_lang

    return _network_in(example, options, get_lang())


@functools.lru_cache(maxsize=None)
def _network_in(example: str, options: tuple, lang: str):
    from rnntrace import examples, network

    ex = examples.load(example)
    return network.run(ex, network.spec(ex, ex.cell, **dict(options)))


def _matmul(ops, mat: str):
    """(the row vector's name, its value, the matrix's value) of the op ``vec·mat`` in ``ops``."""
    from rnntrace.trace import MatMul, Sym

    op = next(o for o in ops if isinstance(o.expr, MatMul) and o.expr.mat == Sym(mat))
    (vec, x), (_, W) = op.operands
    return write(vec), x, W


def _output_ops(tr):
    return tr.output_ops if tr.spec.task == "classify" else tr.output_ops[0]


def _describe(tr) -> str:
    """The network in one sentence: its layers, its input, its task (what the question needs)."""
    s = tr.spec
    cell = t(f"teach.quiz.net.cell.{s.cell}")
    layers = tn("teach.quiz.net.layers" + (".bi" if s.bidirectional else ""), s.layers, cell=cell, H=tr.hidden_size)
    V = len(tr.vocab)
    inputs = t("teach.quiz.net.onehot", V=V) if s.embedding_dim is None else \
        t("teach.quiz.net.embedding", V=V, d=s.embedding_dim)
    task = t(f"teach.quiz.net.task.{s.task}", K=len(tr.classes), labels=", ".join(tr.classes))
    return t("teach.quiz.net", title=tr.title, layers=layers, inputs=inputs, task=task)


def _net_shape(kind: str, tr, name: str, shape: tuple[int, int], why: str) -> Question:
    return Question(kind, t("teach.quiz.net.shape", network=_describe(tr), name=name), _dims(shape),
                    shape_check(shape), why, hint=t("teach.quiz.hint.shape"))


def _network_pool(make, which: Callable) -> Callable[[], Pool]:
    """The networks of NETWORKS whose spec ``which`` accepts, in the seed's order (none comes first)."""
    def pool() -> Pool:
        return [(True, lambda e=e, o=o: make(e, o)) for e, o in NETWORKS if which(_network(e, o).spec)]
    return pool


def concat_shape_question(example: str, options: tuple) -> Question:
    """The shape of [h→ ; h←], the vector the output layer of a bidirectional network reads."""
    tr = _network(example, options)
    name, x, _ = _matmul(_output_ops(tr), "W_hy")
    return _net_shape("concat_shape", tr, name, (1, x.size),
                      t("teach.quiz.why.concat", H=tr.hidden_size, n=x.size, name=name))


def embedding_shape_question(example: str, options: tuple) -> Question:
    tr = _network(example, options)
    _, onehot, E = _matmul(tr.embed_ops[0], "E")
    return _net_shape("embedding_shape", tr, "E", E.shape,
                      t("teach.quiz.why.embedding", V=onehot.size, d=E.shape[1], shape=_dims(E.shape)))


def stacked_input_shape_question(example: str, options: tuple) -> Question:
    """A second layer's W_xh (its forward direction's): its rows are what layer 2 reads."""
    tr = _network(example, options)
    run = tr.runs[1][0]
    W_name = tr.params.layers[1]["forward"]["W_xh"]
    x_name, x, W = _matmul(run.steps[0].ops, W_name)
    read = write(run.steps[0].ops[0].expr)  # x_t^(2) = h_t^(1), or [h_t^(1→) ; h_t^(1←)]
    return _net_shape("stacked_input_shape", tr, W_name, W.shape,
                      t("teach.quiz.why.stacked", x=x_name, read=read, n=x.size, H=W.shape[1], name=W_name,
                        shape=_dims(W.shape)))


def bidirectional_output_shape_question(example: str, options: tuple) -> Question:
    tr = _network(example, options)
    name, x, W = _matmul(_output_ops(tr), "W_hy")
    return _net_shape("bidirectional_output_shape", tr, "W_hy", W.shape,
                      t(f"teach.quiz.why.bi_output.{tr.spec.task}", read=name, n=x.size, K=W.shape[1],
                        H=tr.hidden_size, shape=_dims(W.shape)))


POOLS = {"shape": shape_questions, "output_size": output_size_questions, "onehot_product": onehot_questions,
         "hidden_state": _by_step(hidden_state_question), "softmax": _by_step(softmax_question),
         "loss": _by_step(loss_question), "prediction": prediction_questions,
         "delta": lambda: _steps("lecture", True, delta_question), "jacobian_factor": jacobian_questions,
         "keep_gate": gate_questions, "lstm_memory": lstm_memory_questions,
         "attention_weight": attention_questions, "scaling": scaling_questions,
         "positional_bounded": lambda: [(True, lambda e=e: positional_question("positional_bounded", e))
                                        for e in ENCODINGS],
         "positional_relative": lambda: [(True, lambda e=e: positional_question("positional_relative", e))
                                         for e in ENCODINGS],
         "positional_binary": lambda: [(True, lambda p=p: positional_binary_question(p)) for p in range(1, POSITIONS)],
         "concat_shape": _network_pool(concat_shape_question, lambda s: s.bidirectional),
         "embedding_shape": _network_pool(embedding_shape_question, lambda s: s.embedding_dim is not None),
         "stacked_input_shape": _network_pool(stacked_input_shape_question, lambda s: s.layers > 1),
         "bidirectional_output_shape": _network_pool(bidirectional_output_shape_question, lambda s: s.bidirectional)}


def _same(q: Question) -> tuple:
    """What makes two questions the same question (two examples can share a matrix and a word)."""
    return (q.prompt, tuple(q.choices), tuple((x.label, x.value.tobytes()) for x in q.shown))


def draw(seed: int, count: int, topics: tuple[str, ...] | None = None) -> list[Question]:
    """``count`` questions for ``seed`` over ``topics`` (default: all, in the lecture's order).

    Pass after pass over the kinds: the first kind of each topic, then the second of each, and so
    on, so every kind is asked once before any is asked again (six questions: one per topic; the
    default five: one for each topic but the last, networks).
    Each kind's variants (which matrix, word, step, query and key) come in an order drawn from the
    seed, the lecture's own examples first. A question the same as one already asked (two examples
    can share a matrix) is skipped, and none is asked twice: fewer than ``count`` come back when the
    variants run out. Every kind draws its order whatever the topics, so a seed asks the same
    questions of a topic with or without the others."""
    rng = np.random.default_rng(seed)
    pools = {}
    for kind in KINDS:
        pool = POOLS[kind]()
        order = rng.permutation(len(pool))
        pools[kind] = [pool[k][1] for k in sorted(order, key=lambda k: not pool[k][0])]
    chosen = [TOPICS[topic] for topic in TOPICS if topics is None or topic in topics]
    one_pass = [kinds[r] for r in range(max(map(len, chosen))) for kinds in chosen if r < len(kinds)]
    used = {kind: 0 for kind in KINDS}
    seen: set[tuple] = set()

    def take(kind: str) -> Question | None:
        while used[kind] < len(pools[kind]):
            q = pools[kind][used[kind]]()
            used[kind] += 1
            if q is not None and _same(q) not in seen:
                seen.add(_same(q))
                return q
        return None

    out: list[Question] = []
    while len(out) < count:
        before = len(out)
        for kind in one_pass:
            q = take(kind) if len(out) < count else None
            if q is not None:
                out.append(q)
        if len(out) == before:
            break
    return out
