"""``rnntrace generate``: from a start word the network predicts, picks a word and reads it next.

Each step is the tracer's forward step (the cell, then y_t = h_t·W_hy + b_y and p_t = softmax(y_t));
the pick is argmax p_t, or with a temperature T > 0 a draw from softmax(y_t / T) with ``seed``
(T = 0 is the argmax: the limit of softmax(y_t / T) as T falls to 0).
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
    trace: ForwardTrace  # or a network.NetTrace (``run_network``)

    @property
    def network(self) -> bool:
        """Whether the trace is a network's (an embedding, stacked layers)."""
        from rnntrace.network import NetTrace

        return isinstance(self.trace, NetTrace)

    @property
    def text(self) -> str:
        """The start word and every word picked."""
        return " ".join(self.words + [self.picked[-1]])


def check(ex: Example, start: str, length: int, temperature: float | None) -> float | None:
    """Refuse a start word outside the vocabulary, a length outside 1..MAX_LENGTH and a negative or
    non-finite temperature. → the temperature to draw with: None (the argmax) for None or 0."""
    if start not in ex.vocab:
        import difflib

        hint = difflib.get_close_matches(start, ex.vocab, n=1)
        raise InputError(t("errors.not_in_vocab", where="--start", word=start, vocab=" ".join(ex.vocab),
                           hint=(t("errors.did_you_mean", word=hint[0]) if hint else "")))
    if not 1 <= length <= MAX_LENGTH:
        raise InputError(t("errors.option_range", option="--length", value=length, lo=1, hi=MAX_LENGTH))
    if temperature is not None and not (math.isfinite(temperature) and temperature >= 0):
        raise InputError(t("train.gen.err.temperature", value=temperature))
    return None if temperature == 0 else temperature


def run(ex: Example, start: str, length: int, cell: str | None = None, gru_variant: str = "lecture",
        seed: int | None = None, temperature: float | None = None) -> Generated:
    """Generate ``length`` words after ``start``."""
    temperature = check(ex, start, length, temperature)
    cell = cell or ex.cell
    variant = cells.make(cell, gru_variant).variant
    seed = ex.seed if seed is None else seed
    V, H = len(ex.vocab), ex.hidden_size
    params, _, _ = params_mod.build(cell, variant, ex.weights, V, H, seed, ex.source)
    p = cells.P(params, params.implicit_zero)
    step = forward.step_function(cell, variant)
    state = forward.initial_state(cell, H)

    def output(word: str):
        nonlocal state
        rec = cells.Recorder(False)
        values, state = step(p, forward.onehot(ex.index(word), V), state, rec)
        return cells.output_step(p, values["h"], rec)

    fed, best, picked, probs = _generate(ex, start, length, output, seed, temperature)
    traced = replace(ex, sentence=tuple(fed), targets=tuple(picked), notes={}, sentences=())
    tr = forward.run(traced, cell=cell, gru_variant=variant, seed=seed, command="generate")
    return Generated(fed, best, picked, probs, temperature, seed, tr)


def _generate(ex: Example, start: str, length: int, output, seed: int, temperature: float | None):
    """``length`` picks from ``start``: ``output(word)`` reads the next word and returns (y_t, p_t);
    the pick is argmax p_t, or a draw from softmax(y_t / T). → (the words read, argmax p_t at each
    step, the words picked, their probabilities)."""
    rng = np.random.default_rng(seed)
    V = len(ex.vocab)
    words, best, picked, probs = [start], [], [], []
    for _ in range(length):
        y, prob = output(words[-1])
        ok = bool(np.all(np.isfinite(y)) and np.all(np.isfinite(prob)))  # y_t of ±inf: p_t of zeros, no distribution
        best.append(ex.vocab[int(np.argmax(prob))] if ok else None)
        if not ok:
            raise InputError(t("train.gen.err.nonfinite", t=len(words)))
        if temperature is None:
            k = int(np.argmax(prob))
            probs.append(float(prob[k]))
        else:
            # softmax((y − max y)/T) = softmax(y/T); shifted first, a tiny T sends the other words
            # to −inf (probability 0) where y/T would overflow to inf and inf − inf to nan.
            with np.errstate(over="ignore"):
                q = softmax((y - np.max(y)) / temperature)
            k = int(rng.choice(V, p=q))
            probs.append(float(q[k]))
        picked.append(ex.vocab[k])
        words.append(ex.vocab[k])
    return words[:-1], best, picked, probs


def run_network(ex: Example, s, start: str, length: int, seed: int | None = None,
                temperature: float | None = None) -> Generated:
    """Generate with a network (an embedding, stacked layers): each step looks the word up (or
    reads it one-hot), steps every layer's cell from its state, and reads the top layer's h_t.
    A bidirectional network or another task than lm cannot generate: refused with the reason.
    The trace is ``network.run`` over the words read, each step's target the word picked."""
    from rnntrace import network

    if s.bidirectional:
        raise InputError(t("train.gen.err.bidirectional"))
    if s.task != "lm":
        raise InputError(t("train.gen.err.task", task=s.task))
    temperature = check(ex, start, length, temperature)
    seed = ex.seed if seed is None else seed
    V, H = len(ex.vocab), ex.hidden_size
    P = network.build(ex, s, seed)
    cell = cells.make(s.cell, s.gru_variant, s.activation)
    layers = [cells.P(P.of(ell, "forward"), {n for n, k in P.layers[ell - 1]["forward"].items()
                                            if k in P.implicit_zero}) for ell in range(1, s.layers + 1)]
    p_out = cells.P({"W_hy": P.values["W_hy"], "b_y": P.values["b_y"]}, P.implicit_zero)
    states = [cell.initial_state(H) for _ in layers]

    def output(word: str):
        rec = cells.Recorder(False)
        x = P.values["E"][ex.index(word)] if s.embedding_dim is not None else forward.onehot(ex.index(word), V)
        for j, p in enumerate(layers):
            values, states[j] = cell.step(p, x, states[j], rec)
            x = values["h"]
        return cells.output_step(p_out, x, rec)

    fed, best, picked, probs = _generate(ex, start, length, output, seed, temperature)
    traced = replace(ex, sentence=tuple(fed), targets=tuple(picked), notes={}, sentences=())
    tr = network.run(traced, s, seed=seed, command="generate", params=P)
    return Generated(fed, best, picked, probs, temperature, seed, tr)
