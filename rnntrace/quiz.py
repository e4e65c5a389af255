"""``rnntrace quiz``: the lecture's questions, asked on the worked examples and answered by the core.

Every right answer is computed, never typed in: the shapes are the shapes of the parameters a
forward run used, the size of the output is the size of the y_t it computed, x_t·W_xh is the
value of that op in the trace, the gate that keeps the old state is the factor of h_{t−1} in the
trace's h_t (of c_{t−1} in c_t for the LSTM), and an attention weight is the one
``rnntrace.attention`` computed. Answers are checked leniently: ``5x3``, ``5×3``, ``(5, 3)``,
``5 por 3`` are one shape; numbers within half a unit of the second decimal count, with ``.`` or
``,`` as the decimal mark; a gate by its letter, its symbol or its name in either language.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from rnntrace.i18n import catalogue, t
from rnntrace.notation import fmt_array, fmt_scalar, write

KINDS = ("shape", "output_size", "onehot_product", "keep_gate", "attention_weight")
TOLERANCE = 0.005  # answers are asked to 2 decimals: half a unit of the last place
MAX_COUNT = 20
MAX_DIGITS = 9  # digits of a size in an answer
SHAPE_EXAMPLES = ("lecture", "pseudocode")


@dataclass
class Verdict:
    right: bool
    note: str = ""  # e.g. why a transposed shape is wrong


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
        return Verdict(got in ([n], [1, n], [n, 1]))
    return check


def numbers_check(want: np.ndarray) -> Callable[[str], Verdict]:
    want = np.atleast_1d(np.asarray(want, dtype=np.float64))

    def check(text: str) -> Verdict:
        got = parse_numbers(text, want.size)
        if got is None:
            return Verdict(False, t("teach.quiz.want_numbers", n=want.size) if want.size > 1 else "")
        return Verdict(bool(np.all(np.abs(np.asarray(got) - want) <= TOLERANCE + 1e-12)))
    return check


def choice_check(choices: list[tuple[str, set[str]]], right: int) -> Callable[[str], Verdict]:
    """``choices``: (shown text, accepted spellings) in the order shown; letters a, b, c … and
    numbers 1, 2, 3 … pick by position."""
    def check(text: str) -> Verdict:
        s = plain(text)
        if not s:
            return Verdict(False)
        for k, (_, names) in enumerate(choices):
            if s in (chr(ord("a") + k), str(k + 1)) or s in names:
                return Verdict(k == right)
        return Verdict(False)
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
        t(f"teach.quiz.why.{name}", V=V, H=H, shape=_dims(shape)))


def output_size_questions() -> Pool:
    return [(e == "lecture", lambda example=e: output_size_question(example)) for e in SHAPE_EXAMPLES]


def output_size_question(example: str) -> Question:
    tr = _forward(example)
    y = tr.steps[0].values["y"]  # (V,)
    V, H = len(tr.vocab), tr.hidden_size
    return Question(
        "output_size", t("teach.quiz.output_size", V=V, H=H, words=", ".join(tr.vocab)),
        str(y.size), size_check(y.size), t("teach.quiz.why.output_size", V=y.size, H=H))


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
        shown=[Shown("x_t", x), Shown("W_xh", W)])


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

    from rnntrace.trace import Add, Apply, Had, Sym

    tr = _forward("lecture", cell=cell)
    ops = tr.steps[0].ops
    target, old = ("h_t", "h_{t−1}") if cell == "gru" else ("c_t", "c_{t−1}")
    update = next(o for o in ops if o.target == Sym(target) and isinstance(o.expr, Add))
    keeper = next((x.a if x.b == Sym(old) else x.b) for x in update.expr.terms
                  if isinstance(x, Had) and Sym(old) in (x.a, x.b))
    symbols = [o.target.name for o in ops if o.target is not None and isinstance(o.expr, Apply)
               and o.expr.fn == "σ"]
    symbols += [o.target.name for o in ops if o.target is not None and o.target.name in ("h̃_t", "c̃_t")]
    order = sorted(symbols, key=lambda s: random.Random(cell).random())  # a fixed shuffle
    choices = [(f"{s} ({t('teach.quiz.gate.' + GATE_NAMES[s])})", _spellings(s)) for s in order]
    right = order.index(keeper.name)
    return Question(
        "keep_gate", t(f"teach.quiz.keep.{cell}", old=old), choices[right][0],
        choice_check(choices, right),
        t(f"teach.quiz.why.keep.{cell}", eq=f"{target} = {write(update.expr)}", gate=keeper.name),
        choices=[c for c, _ in choices])


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
          **_softmax_detail(row, k)), shown=[Shown("q·k_j / √d_k", row, words)])


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
          **_softmax_detail(scores, j)), shown=[Shown("h^d_{i−1} · h^e_j", scores, tr.source)])


POOLS = {"shape": shape_questions, "output_size": output_size_questions, "onehot_product": onehot_questions,
         "keep_gate": gate_questions, "attention_weight": attention_questions}


def draw(seed: int, count: int) -> list[Question]:
    """``count`` questions for ``seed``: the lecture's kinds in the lecture's order (the first
    ``count`` of them, or round after round for more), each variant (which matrix, which word,
    which query and key) drawn from the seed; the lecture's own examples (its RNN, its GRU, its
    self-attention) come first, the other worked examples in later rounds."""
    rng = np.random.default_rng(seed)
    pools = {}
    for kind in KINDS:
        pool = POOLS[kind]()
        order = rng.permutation(len(pool))
        pools[kind] = [pool[k][1] for k in sorted(order, key=lambda k: not pool[k][0])]
    total = sum(len(p) for p in pools.values())
    count = max(1, min(count, total))
    kinds: list[str] = []  # the lecture's order, round after round while variants last
    while len(kinds) < count:
        for kind in KINDS:
            if len(kinds) < count and kinds.count(kind) < len(pools[kind]):
                kinds.append(kind)
    used = {kind: 0 for kind in KINDS}
    out = []
    for kind in kinds:
        out.append(pools[kind][used[kind]]())
        used[kind] += 1
    return out
