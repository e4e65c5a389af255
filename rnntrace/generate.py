"""``rnntrace generate``: from a start word the network predicts, picks a word and reads it next.

Each step is the tracer's forward step (the cell, then y_t = h_t·W_hy + b_y and p_t = softmax(y_t));
the pick is argmax p_t, or with a temperature T a draw from softmax(y_t / T) with ``seed``.
The trace is ``forward.run`` over the words read, each step's target being the word picked there,
so it shows every product exactly as ``rnntrace forward`` would.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from rnntrace import cells, forward, params as params_mod
from rnntrace.errors import InputError
from rnntrace.examples import Example
from rnntrace.i18n import t
from rnntrace.mathx import softmax
from rnntrace.trace import ForwardTrace

MAX_LENGTH = 1000


@dataclass
class Generated:
    words: list[str]  # the words read, w_1 = the start word
    argmax: list[str | None]  # argmax p_t at each step (None when p_t holds inf or nan)
    picked: list[str]  # the word picked at each step (read at the next one)
    p_picked: list[float]  # its probability under p_t (or under softmax(y_t/T) when sampling)
    temperature: float | None
    seed: int
    trace: ForwardTrace

    @property
    def text(self) -> str:
        """The start word and every word picked."""
        return " ".join(self.words + [self.picked[-1]])


def check(ex: Example, start: str, length: int, temperature: float | None) -> None:
    if start not in ex.vocab:
        import difflib

        hint = difflib.get_close_matches(start, ex.vocab, n=1)
        raise InputError(t("errors.not_in_vocab", where="--start", word=start, vocab=" ".join(ex.vocab),
                           hint=(t("errors.did_you_mean", word=hint[0]) if hint else "")))
    if not 1 <= length <= MAX_LENGTH:
        raise InputError(t("errors.option_range", option="--length", value=length, lo=1, hi=MAX_LENGTH))
    if temperature is not None and not (math.isfinite(temperature) and temperature > 0):
        raise InputError(t("train.gen.err.temperature", value=temperature))


def run(ex: Example, start: str, length: int, cell: str | None = None, gru_variant: str = "lecture",
        seed: int | None = None, temperature: float | None = None) -> Generated:
    """Generate ``length`` words after ``start``."""
    check(ex, start, length, temperature)
    cell = cell or ex.cell
    variant = cells.make(cell, gru_variant).variant
    seed = ex.seed if seed is None else seed
    V, H = len(ex.vocab), ex.hidden_size
    params, _, _ = params_mod.build(cell, variant, ex.weights, V, H, seed, ex.source)
    p = cells.P(params, params.implicit_zero)
    step = forward.step_function(cell, variant)
    state = forward.initial_state(cell, H)
    rng = np.random.default_rng(seed)
    words, best, picked, probs = [start], [], [], []
    for _ in range(length):
        rec = cells.Recorder(False)
        values, state = step(p, forward.onehot(ex.index(words[-1]), V), state, rec)
        y, prob = cells.output_step(p, values["h"], rec)
        ok = bool(np.all(np.isfinite(prob)))
        best.append(ex.vocab[int(np.argmax(prob))] if ok else None)
        if not ok:
            raise InputError(t("train.gen.err.nonfinite", t=len(words)))
        if temperature is None:
            k = int(np.argmax(prob))
            probs.append(float(prob[k]))
        else:
            with np.errstate(over="ignore"):
                q = softmax(y / temperature)
            k = int(rng.choice(V, p=q))
            probs.append(float(q[k]))
        picked.append(ex.vocab[k])
        words.append(ex.vocab[k])
    fed = words[:-1]
    traced = replace(ex, sentence=tuple(fed), targets=tuple(picked), notes={}, sentences=())
    tr = forward.run(traced, cell=cell, gru_variant=variant, seed=seed, command="generate")
    return Generated(fed, best, picked, probs, temperature, seed, tr)
