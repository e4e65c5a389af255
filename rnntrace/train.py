"""Gradient descent on an example's sentences, with the gradients ``bptt`` computes.

One epoch is one full-batch step over every sentence of the example (its ``sentences``, or its
one ``sentence``), from the parameters θ the epoch starts with:

    L(θ) = Σ_sentences Σ_t L^(t),   g = ∂L/∂θ  (``bptt.loss_and_grads``)
    clipping (--clip c):  g ← g·c/‖g‖  when ‖g‖ = √(Σ_θ ‖∂L/∂θ‖²) > c
    sgd:   θ ← θ − η·g
    adam:  m ← β₁m + (1 − β₁)g,  v ← β₂v + (1 − β₂)g²,
           θ ← θ − η·(m/(1 − β₁ᵏ)) / (√(v/(1 − β₂ᵏ)) + ε)     (β₁ = 0.9, β₂ = 0.999, ε = 1e-8)

A network (an embedding, stacked layers, two directions, the tag and classify tasks) descends the
same way on ``network.loss_and_grads``: ``network.run`` and ``network.backward`` on each sentence
(for classify, L = Σ_sentences −log p[label]); E is a parameter like the others, and only the rows
of the words the sentences use ever receive a gradient.

Only the curves are kept per epoch (the loss and ‖g‖ each epoch starts from), so memory does not
grow with the parameters' history. Biases the example leaves out stay out (zero, never updated).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from rnntrace import bptt, cells, mathx, params as params_mod
from rnntrace.errors import InputError
from rnntrace.examples import Example
from rnntrace.i18n import t, tn
from rnntrace.mathx import log_softmax

OPTIMIZERS = ("sgd", "adam")
MAX_EPOCHS = 100_000
BETA1, BETA2, EPS = 0.9, 0.999, 1e-8


@dataclass
class Options:
    epochs: int = 100
    lr: float = 0.1
    optimizer: str = "sgd"
    clip: float | None = None
    seed: int | None = None
    cell: str | None = None
    gru_variant: str = "lecture"

    def check(self) -> None:
        """Every option in range; an InputError names the first that is not."""
        if not 1 <= self.epochs <= MAX_EPOCHS:
            raise InputError(t("errors.option_range", option="--epochs", value=self.epochs, lo=1, hi=MAX_EPOCHS))
        if not (math.isfinite(self.lr) and self.lr > 0):
            raise InputError(t("train.err.lr", value=self.lr))
        if self.clip is not None and not (math.isfinite(self.clip) and self.clip > 0):
            raise InputError(t("train.err.clip", value=self.clip))
        if self.optimizer not in OPTIMIZERS:
            raise InputError(t("train.err.optimizer", value=self.optimizer, choices=", ".join(OPTIMIZERS)))


@dataclass
class Prediction:
    """One step of one sentence: what the network predicts, and how sure it is of the target."""

    sentence: int  # 0-based index into the corpus
    t: int  # 1-based
    token: str
    target: str | None
    word: str | None  # argmax p_t; None when p_t holds inf or nan
    p_word: float
    p_target: float | None


@dataclass
class Update:
    """The first update, for ``--trace-update``: θ, ∂L/∂θ, what the optimizer applies, θ′."""

    optimizer: str
    lr: float
    norm: float
    scale: float  # c/‖g‖ when clipping acts, else 1
    params: dict[str, np.ndarray]
    grads: dict[str, np.ndarray]  # as computed (before clipping)
    steps: dict[str, np.ndarray]  # what is subtracted: η·g (sgd), η·m̂/(√v̂ + ε) (adam)
    new: dict[str, np.ndarray]


@dataclass
class Result:
    cell: str
    gru_variant: str | None
    example: Example
    options: Options
    seed: int
    names: list[str]  # the parameters trained, in the lecture's order
    implicit_zero: list[str]
    drawn: list[str]
    before: dict[str, np.ndarray]
    after: dict[str, np.ndarray]
    losses: np.ndarray  # (epochs,) L(θ) each epoch starts from
    grad_norms: np.ndarray  # (epochs,) ‖∂L/∂θ‖ each epoch starts from, before clipping
    clipped: np.ndarray  # (epochs,) bool: clipping acted that epoch
    final_loss: float
    predictions_before: list[Prediction]
    predictions_after: list[Prediction]
    update: Update | None = None
    tokens: int = 0
    spec: object | None = None  # network.Spec: a network (an embedding, layers, directions, a task)
    layout: object | None = None  # network.Params: where each of its parameters sits

    @property
    def task(self) -> str:
        return self.spec.task if self.spec is not None else "lm"

    @property
    def epochs(self) -> int:
        return len(self.losses)

    @property
    def sentences(self) -> list[tuple[str, ...]]:
        return corpus_words(self.example)


class Diverged(InputError):
    """The loss or the gradient became inf or nan: training stops, nothing is saved."""


def corpus_words(ex: Example) -> list[tuple[str, ...]]:
    """The sentences trained on: the example's corpus, or its one sentence."""
    return [tuple(s) for s in ex.sentences] if ex.sentences else [tuple(ex.sentence)]


def corpus(ex: Example) -> list[tuple[np.ndarray, np.ndarray]]:
    """(idx, targets) per sentence: targets are the next tokens (the example's own targets for
    its one sentence), −1 where a step has none."""
    pos = {w: i for i, w in enumerate(ex.vocab)}
    if ex.sentences:
        return [(np.array([pos[w] for w in s]), np.array([pos[w] for w in s[1:]] + [-1])) for s in ex.sentences]
    return [(np.array([pos[w] for w in ex.sentence]),
             np.array([pos[w] if w is not None else -1 for w in ex.targets]))]


def initial_params(ex: Example, cell: str, variant: str, seed: int):
    """The parameters the tracer would use (the file's, the rest drawn from ``seed``)."""
    return params_mod.build(cell, variant, ex.weights, len(ex.vocab), ex.hidden_size, seed, ex.source)


def epoch_bytes(lengths, V: int, H: int) -> int:
    """At most what one epoch allocates (``bptt.loss_and_grads``; no Jacobian: nothing grows as
    H² a token), for sentences of these lengths: per token its one-hot x_t, logits, probabilities
    and their gradients (10·V numbers) and every gate's value, slope and δ (40·H); per cell of the
    padded batch the recurrence runs on (every sentence padded to the longest) its inputs and
    states (12·H + 4); the weights' copies, gradients and Adam's moments (12·(H² + V·H)); and a
    fixed 64 KiB. An upper bound for every cell: tests hold it above the peak tracemalloc sees."""
    N, B, T = sum(lengths), len(lengths), max(lengths)
    return 8 * (N * (10 * V + 40 * H) + B * T * (12 * H + 4) + 12 * (H * H + V * H)) + 2**16


def check_memory(cell: str, lengths, V: int, H: int, where: str) -> None:
    """Refuse a corpus (sentences of these lengths) whose epoch would not fit in bptt's memory
    budget, before anything is allocated (``where`` names what set its sentences)."""
    need = epoch_bytes(lengths, V, H)
    if need > bptt.MEMORY_BUDGET:
        from rnntrace.safeio import size_text

        raise InputError(tn("train.err.memory", len(lengths), where=where, cell=t(f"common.cell.{cell}"), V=V,
                            H=H, N=sum(lengths), T=max(lengths), need=size_text(need),
                            budget=size_text(bptt.MEMORY_BUDGET)))


def run(ex: Example, opts: Options, trace_update: bool = False, progress=None, spec=None) -> Result:
    """Train ``ex`` with ``opts``. ``progress(epoch, loss)`` is called after each epoch (a
    progress bar). Raises Diverged when L or ‖g‖ stops being finite. ``spec`` (a
    ``network.Spec``) trains that network instead of the one-layer language model."""
    opts.check()
    if spec is not None:
        return _run_network(ex, opts, spec, trace_update, progress)
    cell = opts.cell or ex.cell
    variant = cells.make(cell, opts.gru_variant).variant
    seed = ex.seed if opts.seed is None else opts.seed
    P, drawn, _ = initial_params(ex, cell, variant, seed)
    implicit = P.implicit_zero
    names = [n for n in params_mod.param_names(cell, variant) if n not in implicit]
    data = corpus(ex)
    if not any(np.any(g >= 0) for _, g in data):
        raise InputError(t("train.err.no_targets", example=ex.name))
    check_memory(cell, [len(i) for i, _ in data], len(ex.vocab), ex.hidden_size,
                 f"{ex.source}: sentences" if ex.sentences else ex.sentence_from)
    before = {n: P[n].copy() for n in names}
    theta, curves = descend(dict(P), names, lambda theta: bptt.loss_and_grads(cell, theta, data, variant,
                                                                              implicit_zero=implicit),
                            opts, trace_update, progress)
    return Result(cell=cell, gru_variant=cells.make(cell, variant).gru_variant, example=ex, options=opts, seed=seed,
                  names=names, implicit_zero=sorted(implicit, key=params_mod.param_names(cell, variant).index),
                  drawn=drawn, before=before, after={n: theta[n].copy() for n in names}, **curves,
                  predictions_before=predictions(ex, cell, variant, {**P, **before}),
                  predictions_after=predictions(ex, cell, variant, theta),
                  tokens=sum(len(i) for i, _ in data))


def descend(P: dict, names: list[str], loss_and_grads, opts: Options, trace_update: bool = False,
            progress=None) -> tuple[dict, dict]:
    """``opts.epochs`` steps of gradient descent on the parameters ``names`` of ``P`` (name →
    array; the others stay as they are), each from ``loss_and_grads(θ) → (L, {name: ∂L/∂θ})``.
    → (the final θ, the Result's curves: losses, grad_norms, clipped, final_loss, update)."""
    # every trained parameter is a view into one flat vector θ, so a step is a few vector operations
    sizes = [P[n].size for n in names]
    flat = np.concatenate([P[n].ravel() for n in names])
    bounds = np.cumsum([0] + sizes)
    theta = dict(P)
    theta.update({n: flat[bounds[j]:bounds[j + 1]].reshape(P[n].shape) for j, n in enumerate(names)})
    losses = np.empty(opts.epochs)
    norms = np.empty(opts.epochs)
    clipped = np.zeros(opts.epochs, dtype=bool)
    m = np.zeros_like(flat)
    v = np.zeros_like(flat)
    update = None
    for k in range(1, opts.epochs + 1):
        loss, grads = loss_and_grads(theta)
        g = np.concatenate([grads[n].ravel() for n in names])
        with np.errstate(all="ignore"):
            norm = mathx.norm(float(np.sqrt(g @ g)), g)
        _check_finite(loss, norm, k, opts)
        losses[k - 1], norms[k - 1] = loss, norm
        scale = 1.0
        if opts.clip is not None and norm > opts.clip:
            scale = opts.clip / norm
            clipped[k - 1] = True
            g = g * scale
        with np.errstate(all="ignore"):
            if opts.optimizer == "sgd":
                step = opts.lr * g
            else:
                m = BETA1 * m + (1 - BETA1) * g
                v = BETA2 * v + (1 - BETA2) * (g * g)
                step = opts.lr * (m / (1 - BETA1 ** k)) / (np.sqrt(v / (1 - BETA2 ** k)) + EPS)
            if trace_update and k == 1:
                steps = {n: step[bounds[j]:bounds[j + 1]].reshape(P[n].shape) for j, n in enumerate(names)}
                update = Update(opts.optimizer, opts.lr, norm, scale, {n: theta[n].copy() for n in names},
                                {n: grads[n] for n in names}, steps, {n: theta[n] - steps[n] for n in names})
            flat -= step  # θ ← θ − step, every parameter (its view) at once
        if progress is not None:
            progress(k, loss)
    final_loss, _ = loss_and_grads(theta)
    _check_finite(final_loss, 0.0, opts.epochs + 1, opts)
    return theta, dict(losses=losses, grad_norms=norms, clipped=clipped, final_loss=final_loss, update=update)


# ---- a network: an embedding, layers, directions, the tasks ------------------------------------------
def network_corpus(ex: Example, s) -> list[Example]:
    """The sentences trained on, each as the example of one sentence that ``network.run`` takes:
    its next words (lm), its tags (tag: ``tags`` for the one sentence, ``corpus_tags`` for
    ``sentences``), or its label (classify: ``label``, ``corpus_labels``)."""
    from rnntrace import network

    if not ex.sentences:
        return [ex]
    src, net = ex.source, ex.network
    key = {"tag": "corpus_tags", "classify": "corpus_labels"}.get(s.task)
    given = net.get(key) if key else None
    if key and (not isinstance(given, list) or len(given) != len(ex.sentences)):
        raise InputError(t(f"train.err.{key}", file=src, n=len(ex.sentences)))
    out = []
    for k, words in enumerate(ex.sentences):
        one = replace(ex, sentence=tuple(words), targets=tuple(words[1:]) + (None,), sentences=(),
                      sentence_from=f"{src}: sentences[{k + 1}]")
        if key:
            field = {"corpus_tags": "tags", "corpus_labels": "label"}[key]
            one = replace(one, network={**net, field: given[k]}, source=f"{src}: {key}[{k + 1}]")
            network.spec(one, s.cell, s.gru_variant, s.activation, s.embedding_dim, s.layers, s.bidirectional,
                         s.task)  # its tags or label checked against the labels
        out.append(one)
    return out


def _run_network(ex: Example, opts: Options, s, trace_update: bool, progress) -> Result:
    """Train the network ``s``: the loss and every gradient from ``network.run`` and
    ``network.backward`` (bptt's core for networks), summed over the sentences."""
    from rnntrace import network

    seed = ex.seed if opts.seed is None else opts.seed
    data = network_corpus(ex, s)
    longest = max(len(e.sentence) for e in data)
    limit = network.max_steps(s, len(ex.vocab), ex.hidden_size)
    if longest > limit:
        from rnntrace.safeio import size_text

        raise InputError(t("network.err.steps_memory", T=longest, max=limit, budget=size_text(bptt.MEMORY_BUDGET),
                           need=size_text(longest * network.bytes_per_step(s, len(ex.vocab), ex.hidden_size))))
    if not any(network.loss_steps(e, s) for e in data) and s.task != "classify":
        raise InputError(t("train.err.no_targets", example=ex.name))
    P = network.build(ex, s, seed)  # the file's weights, errors named where the file has them
    names = [k for k in network.param_order(P) if k not in P.implicit_zero]
    before = {n: P.values[n].copy() for n in names}

    def loss_and_grads(theta: dict):
        return network.loss_and_grads(s, replace(P, values=theta), data)

    theta, curves = descend(dict(P.values), names, loss_and_grads, opts, trace_update, progress)
    return Result(cell=s.cell, gru_variant=cells.make(s.cell, s.gru_variant).gru_variant, example=ex, options=opts,
                  seed=seed, names=names, implicit_zero=[k for k in network.param_order(P) if k in P.implicit_zero],
                  drawn=P.drawn, before=before, after={n: theta[n].copy() for n in names}, **curves,
                  predictions_before=network_predictions(s, replace(P, values={**P.values, **before}), data),
                  predictions_after=network_predictions(s, replace(P, values=theta), data),
                  tokens=sum(len(e.sentence) for e in data), spec=s, layout=P)


def network_predictions(s, P, data: list[Example]) -> list[Prediction]:
    """Each token's prediction (lm: the next word; tag: its tag), or each sentence's (classify:
    ``t`` = 0, the token is the sentence), from the network's forward values."""
    from rnntrace import network

    out = []
    for k, e in enumerate(data):
        tr = network.run(e, s, detail=False, command="train", params=P)
        best = tr.predictions()
        probs = tr.p if tr.p.ndim == 2 else tr.p[None, :]
        if s.task == "classify":
            rows = [(0, " ".join(e.sentence), tr.label)]
        else:
            rows = [(i + 1, w, tr.targets[i]) for i, w in enumerate(e.sentence)]
        for j, (t_, token, target) in enumerate(rows):
            word = best[j]
            p = probs[j]
            out.append(Prediction(k, t_, token, target, word,
                                  float(p[tr.classes.index(word)]) if word is not None else math.nan,
                                  float(p[tr.classes.index(target)]) if target is not None else None))
    return out


def _check_finite(loss: float, norm: float, epoch: int, opts: Options) -> None:
    if math.isfinite(loss) and math.isfinite(norm):
        return
    what = t("train.err.what_loss", value=loss) if not math.isfinite(loss) else t("train.err.what_norm", value=norm)
    hint = t("train.err.hint_clip") if opts.clip is None else t("train.err.hint_lr_only")
    key = "train.err.diverged_end" if epoch > opts.epochs else "train.err.diverged"
    raise Diverged(t(key, epoch=min(epoch, opts.epochs), what=what, lr=opts.lr, hint=hint))


def predictions(ex: Example, cell: str, variant: str, params: dict) -> list[Prediction]:
    """Each step of each sentence: argmax p_t and p_t[target] (the tracer's forward values)."""
    from rnntrace import scan

    out = []
    for s, ((idx, targets), words) in enumerate(zip(corpus(ex), corpus_words(ex))):
        hs, _ = scan.states(cell, params, idx, variant)
        with np.errstate(all="ignore"):
            logp = log_softmax(hs @ params["W_hy"] + params["b_y"])
            prob = np.exp(logp)
        for i, (tok, g) in enumerate(zip(words, targets)):
            ok = bool(np.all(np.isfinite(prob[i])))
            best = int(np.argmax(prob[i])) if ok else None
            out.append(Prediction(s, i + 1, tok, ex.vocab[g] if g >= 0 else None,
                                  ex.vocab[best] if ok else None, float(prob[i, best]) if ok else math.nan,
                                  float(prob[i, g]) if g >= 0 else None))
    return out


def key_accuracy(result: Result, which: str = "after") -> dict[int, tuple[int, int]]:
    """On the steps whose target is one of the example's key words: position t → (right, total)."""
    keys = set(result.example.key_words)
    preds = result.predictions_after if which == "after" else result.predictions_before
    out: dict[int, list[int]] = {}
    for p in preds:
        if p.target in keys:
            right, total = out.setdefault(p.t, [0, 0])
            out[p.t] = [right + (p.word == p.target), total + 1]
    return {k: (r, n) for k, (r, n) in sorted(out.items())}


def compare(ex: Example, opts: Options, progress=None, spec=None) -> list[Result]:
    """rnn, gru and lstm on the same sentences with the same options and seed (and the same
    network shape, given ``spec``)."""
    if spec is None:
        return [run(ex, replace(opts, cell=c), progress=progress) for c in ("rnn", "gru", "lstm")]
    specs = [replace(spec, cell=c, gru_variant=cells.make(c, opts.gru_variant).variant,
                     activation=cells.make(c, activation=spec.activation).activation) for c in ("rnn", "gru", "lstm")]
    return [run(ex, replace(opts, cell=sc.cell), progress=progress, spec=sc) for sc in specs]


# ---- the saved example -------------------------------------------------------------------------------
def command_line(ex_name: str, opts: Options, save: str, network: tuple[str, ...] = ()) -> str:
    """The command that reproduces a saved file, options in a fixed order (so the same options
    write the same bytes whatever order they were typed in); ``network``: the network options
    given (--embedding, --layers, --bidirectional, --task), in that order."""
    import os

    parts = ["rnntrace", "train", "-e", ex_name, *network]
    if opts.cell:
        parts += ["--cell", opts.cell]
    if opts.gru_variant != "lecture":
        parts += ["--gru-variant", opts.gru_variant]
    parts += ["--optimizer", opts.optimizer, "--lr", repr(opts.lr), "--epochs", str(opts.epochs)]
    if opts.clip is not None:
        parts += ["--clip", repr(opts.clip)]
    if opts.seed is not None:
        parts += ["--seed", str(opts.seed)]
    parts += ["--save", os.path.basename(save)]
    return " ".join(parts)


def _toml_str(s: str) -> str:
    import json

    return json.dumps(s, ensure_ascii=False)  # a JSON string is a TOML basic string


def _toml_value(a) -> str:
    """Numbers as Python's repr: the shortest text that reads back to the same float64."""
    if isinstance(a, np.ndarray) and a.ndim == 2:
        return "[" + ", ".join(_toml_value(r) for r in a) + "]"
    return "[" + ", ".join(repr(float(x)) for x in a) + "]"


def _titles(ex: Example) -> tuple[str, str]:
    """The example's title in English and in Spanish, from its file (the Example holds the one of
    the language it was loaded in)."""
    from rnntrace.examples import read_document

    try:
        doc, _ = read_document(ex.source)
    except InputError:  # an example built in code, with no file behind it
        return ex.title, ex.title
    title = doc.get("title", ex.title)
    return title, doc.get("title_es", title)


def saved_text(result: Result, command: str) -> str:
    """The trained network as an example file that ``forward``, ``bptt``, ``generate`` and
    ``train`` take: the same vocabulary, sentences and cell, every trained weight written so it
    reads back bit for bit."""
    from rnntrace.i18n import catalogue

    ex = result.example
    name = command.rsplit(" ", 1)[-1].removesuffix(".toml")
    en_title, es_title = catalogue()["train.saved.title"]
    en_desc, es_desc = catalogue()["train.saved.description"]
    titles = _titles(ex)
    fields = dict(example=ex.name, cell=result.cell, epochs=result.epochs, loss=repr(result.final_loss),
                  command=command)
    lines = [
        f"name = {_toml_str(name)}",
        f"title = {_toml_str(en_title.format(title=titles[0]))}",
        f"title_es = {_toml_str(es_title.format(title=titles[1]))}",
        f"description = {_toml_str(en_desc.format(**fields))}",
        f"description_es = {_toml_str(es_desc.format(**fields))}",
        f"cell = {_toml_str(result.cell)}",
        *([f"gru_variant = {_toml_str(result.gru_variant)}"] if result.gru_variant == "torch" else []),
        "vocab = [" + ", ".join(_toml_str(w) for w in ex.vocab) + "]",
        "sentence = [" + ", ".join(_toml_str(w) for w in ex.sentence) + "]",
    ]
    if tuple(ex.targets) != tuple(ex.sentence[1:]) + (None,):  # the file gave its own targets
        lines.append("targets = [" + ", ".join(_toml_str(w) for w in ex.targets) + "]")
    if ex.sentences:
        lines.append("sentences = [")
        lines += ["  [" + ", ".join(_toml_str(w) for w in s) + "]," for s in ex.sentences]
        lines.append("]")
    if ex.key_words:
        lines.append("key_words = [" + ", ".join(_toml_str(w) for w in ex.key_words) + "]")
    if result.spec is not None:
        lines += _network_keys(result)
    lines += [f"hidden_size = {ex.hidden_size}", f"seed = {result.seed}", "", "[weights]"]
    if result.spec is None:
        lines += [f"{n} = {_toml_value(result.after[n])}" for n in result.names]
    else:
        lines += _network_weights(result)
    return "\n".join(lines) + "\n"


def _network_keys(r: Result) -> list[str]:
    """The network's shape and task as the example's own keys (so no option is needed to read
    it back), its labels and the tags or labels of its sentences."""
    s, net = r.spec, r.example.network
    out = [f"task = {_toml_str(s.task)}", f"layers = {s.layers}", f"bidirectional = {str(s.bidirectional).lower()}"]
    if s.embedding_dim is not None:
        out.append(f"embedding_dim = {s.embedding_dim}")
    if s.task != "lm":
        out.append("labels = [" + ", ".join(_toml_str(w) for w in net["labels"]) + "]")
    if s.task == "tag":
        out.append("tags = [" + ", ".join(_toml_str(w) for w in net["tags"]) + "]")
        if r.example.sentences:
            out.append("corpus_tags = [")
            out += ["  [" + ", ".join(_toml_str(w) for w in tags) + "]," for tags in net["corpus_tags"]]
            out.append("]")
    if s.task == "classify":
        out.append(f"label = {_toml_str(net['label'].strip())}")
        if r.example.sentences:
            out.append("corpus_labels = [" + ", ".join(_toml_str(w) for w in net["corpus_labels"]) + "]")
    return out


def _network_weights(r: Result) -> list[str]:
    """[weights]: E, layer 1's forward weights under their plain names, W_hy and b_y; then
    [layer.1.backward], [layer.2], [layer.2.backward] …, each with its cell's names."""
    def table(names: dict) -> list[str]:
        return [f"{n} = {_toml_value(r.after[k])}" for n, k in names.items() if k in r.after]

    layers = r.layout.layers
    out = [f"E = {_toml_value(r.after['E'])}"] if "E" in r.after else []
    out += table(layers[0]["forward"])
    out += [f"{n} = {_toml_value(r.after[n])}" for n in ("W_hy", "b_y") if n in r.after]
    for ell, layout in enumerate(layers, start=1):
        for direction, names in layout.items():
            if (ell, direction) == (1, "forward"):
                continue
            out += ["", f"[layer.{ell}{'.backward' if direction == 'backward' else ''}]", *table(names)]
    return out


# ---- JSON ------------------------------------------------------------------------------------------------
def _prediction_entry(p: Prediction, task: str, where: str, warnings: list[str]) -> dict:
    """One prediction before or after training; a probability that is nan (p_t of an overflowed
    step) is null with a warning, as every number of the document (``where``: its path)."""
    from rnntrace.render.jsondoc import jsonable

    entry = ({"sentence": p.sentence + 1, "text": p.token, "label": p.target, "prediction": p.word,
              "p_prediction": p.p_word, "p_label": p.p_target} if task == "classify"  # one per sentence
             else {"sentence": p.sentence + 1, "t": p.t, "token": p.token, "target": p.target, "prediction": p.word,
                   "p_prediction": p.p_word, "p_target": p.p_target})
    return jsonable(entry, where, warnings)


def document(r: Result, saved: str | None = None) -> dict:
    """The ``rnntrace train`` JSON document: curves per epoch, predictions before and after, the
    final parameters (row convention, the tracer's names)."""
    from rnntrace.render.jsondoc import jsonable

    warnings: list[str] = []
    o = r.options
    doc = {"command": "train", "cell": r.cell}
    if r.gru_variant is not None:
        doc["gru_variant"] = r.gru_variant
    if r.spec is not None:  # a network: its shape and task, as forward's and bptt's JSON give them
        sp = r.spec
        doc.update({"task": sp.task, "layers": sp.layers, "bidirectional": sp.bidirectional,
                    "embedding_dim": sp.embedding_dim})
        if sp.task != "lm":
            doc["labels"] = list(r.example.network["labels"])
    params = _params_json(r)
    doc.update({
        "example": r.example.name, "vocab": list(r.example.vocab), "hidden_size": r.example.hidden_size,
        "sentences": [list(s) for s in r.sentences], "optimizer": o.optimizer, "lr": o.lr, "epochs": r.epochs,
        "clip": o.clip, "seed": r.seed, "trained": r.names, "implicit_zero": r.implicit_zero, "drawn": r.drawn,
        "losses": jsonable(r.losses, "losses", warnings),
        "grad_norms": jsonable(r.grad_norms, "grad_norms", warnings),
        "clipped_epochs": [int(k) + 1 for k in np.nonzero(r.clipped)[0]],
        "final_loss": jsonable(r.final_loss, "final_loss", warnings),
        "before": [_prediction_entry(p, r.task, f"before[{k}]", warnings) for k, p in enumerate(r.predictions_before)],
        "after": [_prediction_entry(p, r.task, f"after[{k}]", warnings) for k, p in enumerate(r.predictions_after)],
        "params_before": params(r.before, "params_before", warnings),
        "params": params(r.after, "params", warnings),
    })
    if r.update is not None:
        u = r.update
        doc["first_update"] = {"grad_norm": jsonable(u.norm, "first_update.grad_norm", warnings), "clip_scale": u.scale,
                               "grads": params(u.grads, "first_update.grads", warnings),
                               "steps": params(u.steps, "first_update.steps", warnings),
                               "params": params(u.new, "first_update.params", warnings)}
    if r.example.key_words:
        doc["key_accuracy"] = {str(k): {"right": a, "total": n} for k, (a, n) in key_accuracy(r).items()}
    doc["saved"] = saved
    doc["warnings"] = warnings
    return doc


def _params_json(r: Result):
    """How parameters are written: name → matrix (the one-layer network), or a network's layout
    (``params.E``, ``params.layers[…].forward/backward``, ``W_hy``, ``b_y``) as forward and bptt
    write it."""
    if r.layout is None:
        from rnntrace.render.jsondoc import jsonable

        return jsonable
    from rnntrace.render.network_json import tree

    return lambda flat, path, warnings: tree(r.layout.layers, flat, path, warnings)


def compare_document(results: list[Result]) -> dict:
    docs = [document(r) for r in results]
    keep = ("cell", "losses", "grad_norms", "clipped_epochs", "final_loss", "after", "params", "key_accuracy")
    head = {k: v for k, v in docs[0].items() if k not in keep + ("gru_variant", "trained", "implicit_zero", "drawn",
                                                                  "before", "params_before", "saved", "warnings")}
    head["command"] = "train --compare"
    head["gru_variant"] = next(r.gru_variant for r in results if r.gru_variant is not None)
    head["cells"] = [{k: d[k] for k in keep if k in d} for d in docs]
    head["warnings"] = [w for d in docs for w in d["warnings"]]
    return head
