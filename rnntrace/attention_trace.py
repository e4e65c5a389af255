"""Run the attention examples into traces: plain data that the renderers only turn into text.

Self-attention: X = E + P (embeddings plus sinusoidal positional encodings, positions
t = 0, 1, …), then ``attention.self_attention``. Seq2seq: an Elman-RNN encoder over the source
(``cells.rnn_step``, the forward machinery, every op recorded) gives h^e_1 … h^e_n; the decoder,
another Elman RNN started from h^d_0 = h^e_n, reads <s>, y_1, …, y_{m−2} and gives
h^d_1 … h^d_{m−1}; target word i is scored by h^d_{i−1}:

    score(h^d_{i−1}, h^e_j) = h^d_{i−1} · h^e_j,  α_{i,j} = softmax_j,  c_i = Σ_j α_{i,j} h^e_j

With ``feed_context`` the decoder also reads the context, as Jurafsky & Martin's
h^d_i = g(ŷ_{i−1}, h^d_{i−1}, c_i) does. Step i runs in this order: h^d_{i−1} scores the source
and gives α_{i,·} and c_i; then

    h^d_i = tanh(y_{i−1}·W_xh^d + h^d_{i−1}·W_hh^d + c_i·W_ch^d + b_h^d)      (W_ch^d is H×H)

and h^d_i scores target word i+1. So c_i depends on h^d_{i−1} only, and c_m (the last) feeds
nothing: h^d_m would score no target word.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass, field, replace

import numpy as np

from rnntrace import attention as att, attention_backward as ab, attention_block as blk, attention_formulas as fx
from rnntrace import attention_decoder as dec, attention_scoring as scoring, cells
from rnntrace import params as params_mod, positional as pe
from rnntrace.attention_examples import START, Seq2SeqExample, SelfAttentionExample
from rnntrace.errors import InputError
from rnntrace.i18n import t
from rnntrace.trace import Op


def draw(name: str, shape: tuple[int, ...], seed: int, fan_in: int) -> np.ndarray:
    """U(−1/√fan_in, 1/√fan_in) (PyTorch's nn.Linear), rounded to two decimals like the lecture's
    matrices; each name has its own stream. The bound depends on d_model only, not on d_k, so
    the entries of Q and K keep their size as --dk grows (and so does the variance of q·k)."""
    rng = np.random.default_rng([seed, zlib.crc32(name.encode())])
    k = 1.0 / np.sqrt(fan_in)
    return np.round(rng.uniform(-k, k, size=shape), 2)


def _dims(shape) -> str:
    return "×".join(str(s) for s in shape)


def position_labels(words: list[str]) -> list[str]:
    """Row and column labels: a word that occurs more than once carries its position as a
    subscript (el₁ … el₆), so a table names which occurrence it means; other words stay bare."""
    sub = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
    return [f"{w}{str(k).translate(sub)}" if words.count(w) > 1 else w for k, w in enumerate(words, start=1)]


# ---- self-attention --------------------------------------------------------------------------
@dataclass
class SelfAttentionTrace:
    example: str
    title: str
    description: str
    notes: str
    tokens: list[str]
    E: np.ndarray  # (n, d_model)  the tokens' embeddings
    positional: str  # "sinusoidal" | "none"
    positions: np.ndarray  # (n,)  t = 0 … n−1
    P: np.ndarray  # (n, d_model)  p_t (zeros with positional = "none")
    omega: np.ndarray | None  # (d_model/2,)
    X: np.ndarray  # (n, d_model)  E + P
    result: att.SelfAttention
    seed: int
    drawn: list[str]  # weights drawn from the seed
    saturation: att.Saturation | None = None  # measured when scaling is off
    nonfinite: list[str] = field(default_factory=list)
    sharpness: list[att.Sharpness] = field(default_factory=list)  # one per head: how one-hot its rows are
    reorder_change: float | None = None  # positional "none": the words reversed, the largest change of a row
    order_free: bool | None = None  # positional "none": reversing the words only reverses the rows
    masked_zero: bool | None = None  # with the mask: every masked weight exactly 0, no weight inf or nan

    @property
    def labels(self) -> list[str]:
        return position_labels(self.tokens)


def run_self(ex: SelfAttentionExample, heads: int = 1, d_k: int | None = None, scale: bool = True,
             causal: bool = False, seed: int | None = None) -> SelfAttentionTrace:
    seed = ex.seed if seed is None else seed
    d = ex.d_model
    d_k, d_v = att.head_dims(d, heads, d_k)
    n = len(ex.sentence)
    E = np.stack([ex.embeddings[w] for w in ex.sentence])  # (n, d_model)
    if ex.positional == "sinusoidal":
        P, omega = pe.sinusoidal_encoding(n, d), pe.frequencies(d)  # (n, d_model), (d/2,)
    else:
        P, omega = np.zeros((n, d)), None
    X = E + P  # (n, d_model)
    shapes = {"W_Q": (d, heads * d_k), "W_K": (d, heads * d_k), "W_V": (d, heads * d_v)}
    if heads > 1:
        shapes["W_O"] = (heads * d_v, d)
    weights, drawn = {}, []
    for name, shp in shapes.items():
        given = ex.weights.get(name)
        if given is not None:  # a weight of another shape is an error that names its product
            att.check_product("X" if name != "W_O" else "[head_1 | … | head_h]",
                              X if name != "W_O" else np.zeros((n, shp[0])), name, given, want=_dims(shp))
            weights[name] = given
            continue
        weights[name] = draw(name, shp, seed, shp[0])
        drawn.append(name)
    with np.errstate(over="ignore", invalid="ignore"):
        result = att.self_attention(X, weights["W_Q"], weights["W_K"], weights["W_V"], heads=heads,
                                    W_O=weights.get("W_O"), scale=scale, causal=causal)
        change = att.reorder_change(X, result) if ex.positional == "none" else None
    scores = [(f"scores{'' if heads == 1 else f'_{h.index}'}", h.scores) for h in result.heads]
    nonfinite = [name for name, v in (("Q", result.Q), ("K", result.K), ("V", result.V), *scores,
                                      ("output", result.output)) if not np.all(np.isfinite(v))]
    return SelfAttentionTrace(
        example=ex.name, title=ex.title, description=ex.description, notes=ex.notes,
        tokens=list(ex.sentence), E=E, positional=ex.positional, positions=np.arange(n), P=P,
        omega=omega, X=X, result=result, seed=seed, drawn=drawn,
        saturation=None if scale else att.saturation(d_ks=sorted({1, 4, 16, 64, 256, d_k}), n_keys=n),
        nonfinite=nonfinite, sharpness=[att.sharpness(h.weights, h.scaled_scores, result.mask) for h in result.heads],
        reorder_change=change, order_free=None if change is None else att.order_free(change, result.output),
        masked_zero=att.masked_exactly_zero(result))


# ---- seq2seq ---------------------------------------------------------------------------------
class Side(cells.P):
    """The encoder's or the decoder's weights, written W_xh^e / W_xh^d in the trace."""

    def __init__(self, params: dict[str, np.ndarray], side: str, implicit_zero=frozenset()):
        super().__init__(params, implicit_zero)
        self.side = side

    def __getitem__(self, name: str) -> cells.Val:
        return cells.Val(fx.side(cells.param(name)._replace(key=None), self.side), super().__getitem__(name).value)

    def bias(self, name: str) -> cells.Val | None:
        v = super().bias(name)
        return None if v is None else cells.Val(fx.side(cells.param(name)._replace(key=None), self.side), v.value)


@dataclass
class RnnStep:
    """One Elman step of the encoder (index j, reading source word j) or the decoder (index i,
    reading y_{i−1}): h = tanh(x·W_xh + h_prev·W_hh + b_h), every op recorded. A decoder fed its
    context also reads c_i: the sum gets the term c_i·W_ch^d."""

    index: int
    word: str
    x: np.ndarray  # (V,)  one-hot
    h_prev: np.ndarray  # (H,)
    h: np.ndarray  # (H,)
    ops: list[Op]
    context: np.ndarray | None = None  # (H,)  c_i, when the decoder is fed its context


@dataclass
class Seq2SeqTrace:
    example: str
    title: str
    description: str
    notes: str
    source: list[str]
    target: list[str]
    source_vocab: list[str]
    target_vocab: list[str]
    hidden_size: int
    seed: int
    encoder_params: dict[str, np.ndarray]
    decoder_params: dict[str, np.ndarray]  # with W_ch when the decoder is fed its context
    implicit_zero: list[str]  # e.g. "b_h^e": absent from the file, zero, left out of the sums
    drawn: list[str]  # e.g. "W_hh^d"
    encoder: list[RnnStep]  # j = 1 … n
    decoder: list[RnnStep]  # i = 1 … m−1 (h^d_m would score nothing); step i read c_i if fed
    attention: att.CrossAttention
    nonfinite: list[str] = field(default_factory=list)
    feed_context: bool = False  # h^d_i reads c_i too (``--feed-context``)
    unused: list[str] = field(default_factory=list)  # weights the file gives that this run does not use
    score: str = "dot"  # dot | general | additive
    score_params: dict[str, np.ndarray] = field(default_factory=dict)  # W_a, or W_1, W_2, v
    decode: str = "teacher"  # teacher (forcing) | greedy
    output_vocab: list[str] = field(default_factory=list)  # the words y_i ranges over (no <s>)
    outputs: list[dec.OutputStep] = field(default_factory=list)  # i = 1 … m

    @property
    def losses(self) -> np.ndarray:
        return np.array([o.loss for o in self.outputs])

    @property
    def loss(self) -> float:
        return float(self.losses.sum())

    @property
    def predictions(self) -> list[str | None]:
        return [None if o.prediction is None else self.output_vocab[o.prediction] for o in self.outputs]


def _side_params(given: dict[str, np.ndarray], side: str, V: int, H: int, seed: int, source: str):
    params, drawn, implicit = {}, [], set()
    for name in params_mod.param_names("rnn")[:3]:  # W_xh, W_hh, b_h
        shape = params_mod.expected_shape(name, V, H)
        if name in given:
            left = "x_t" if name == "W_xh" else "h_{t−1}"
            params_mod.check_shape(name, given[name], V, H, f"{source} [{t(f'attention.side.{side}')}]", left)
            params[name] = np.array(given[name], dtype=np.float64)
        elif params_mod.is_bias(name):
            params[name] = np.zeros(shape)
            implicit.add(name)
        else:
            params[name] = params_mod.draw(f"{name}^{side}", shape, seed)
            drawn.append(f"{name}^{side}")
    return params, drawn, implicit


def _context_weight(given: dict[str, np.ndarray], H: int, seed: int, source: str) -> tuple[np.ndarray, list[str]]:
    """W_ch^d (H×H), which the context c_i (1×H) multiplies: the file's [decoder] W_ch if given,
    else drawn from the seed like the other weights (U(−1/√H, 1/√H), 2 decimals)."""
    if "W_ch" in given:
        W = np.array(given["W_ch"], dtype=np.float64)
        if W.shape != (H, H):
            raise InputError(t("attention.bad_wch", file=f"{source} [{t('attention.side.d')}]",
                               dims=_dims(W.shape), H=H))
        return W, []
    return params_mod.draw("W_ch^d", (H, H), seed), ["W_ch^d"]


def _rnn_one(p: Side, k: int, word: str, vocab, h_prev: np.ndarray, context: np.ndarray | None = None) -> RnnStep:
    """Step k of an Elman RNN reading ``word`` (one-hot over ``vocab``); with ``context`` (c_k),
    the decoder's step fed its context: a_t = x_t·W_xh^d + h_{t−1}·W_hh^d + c_k·W_ch^d + b_h^d."""
    x = np.zeros(len(vocab))
    x[vocab.index(word)] = 1.0
    rec = cells.Recorder()
    inputs = () if context is None else ((cells.Val(fx.sub("c", str(k)), context), p["W_ch"]),)
    with np.errstate(over="ignore", invalid="ignore"):
        _, h = cells.rnn_step(p, x, h_prev, rec, inputs=inputs)
    return RnnStep(k, word, x, h_prev, h, rec.ops, context)


def _rnn(p: Side, words, vocab, h: np.ndarray, start: int) -> tuple[list[RnnStep], np.ndarray]:
    steps = []
    for k, word in enumerate(words, start=start):
        steps.append(_rnn_one(p, k, word, vocab, h))
        h = steps[-1].h
    return steps, h


def _output_params(given: dict[str, np.ndarray], H: int, V_out: int, seed: int, source: str):
    """W_out (2H×V_out) and b_out (V_out): the file's [decoder] W_out, b_out if given, else drawn
    (W_out from the seed like the other weights; b_out = 0, left out of the sums, as b_h is)."""
    where = f"{source} [{t('attention.side.d')}]"
    drawn, zero = [], []
    if "W_out" in given:
        W = np.array(given["W_out"], dtype=np.float64)
    else:
        W = params_mod.draw("W_out^d", (2 * H, V_out), seed)
        drawn.append("W_out")
    if "b_out" in given:
        b = np.array(given["b_out"], dtype=np.float64)
    else:
        b = np.zeros(V_out)
        zero.append("b_out")
    dec.check_output_weights(W, b, H, V_out, where)
    return W, b, drawn, zero


def run_seq2seq(ex: Seq2SeqExample, seed: int | None = None, feed_context: bool = False,
                score: str = "dot", score_size: int | None = None, decode: str = "teacher") -> Seq2SeqTrace:
    """Encoder, then for i = 1 … m: h^d_{i−1} scores the source (α_{i,·}, c_i); decoder step i reads
    y_{i−1} (y_0 = <s>; the reference word with teacher forcing, the word it predicted at step
    i−1 with ``decode="greedy"``), h^d_{i−1} and, with ``feed_context``, c_i; then the output
    layer predicts word i from [h^d_i ; c_i]."""
    seed = ex.seed if seed is None else seed
    H = ex.hidden_size
    enc, drawn_e, zero_e = _side_params(ex.encoder, "e", len(ex.source_vocab), H, seed, ex.source)
    dec_p, drawn_d, zero_d = _side_params(ex.decoder, "d", len(ex.target_vocab), H, seed, ex.source)
    out_vocab = [w for w in ex.target_vocab if w != START]
    W_out, b_out, drawn_o, zero_o = _output_params(ex.decoder, H, len(out_vocab), seed, ex.source)
    s_params, drawn_s = scoring.score_params(score, ex.attention, H, score_size,
                                             lambda name, shape: draw(name, shape, seed, shape[0]),
                                             f"{ex.source} [attention]")
    unused = []
    if feed_context:
        dec_p["W_ch"], drawn_c = _context_weight(ex.decoder, H, seed, ex.source)
        drawn_d += drawn_c
    elif "W_ch" in ex.decoder:
        unused.append("W_ch^d")
    unused += [name for name in ex.attention if name not in s_params]
    pe_, pd = Side(enc, "e", frozenset(zero_e)), Side(dec_p, "d", frozenset(zero_d))
    encoder, h_n = _rnn(pe_, ex.source_sentence, ex.source_vocab, np.zeros(H), 1)  # h^e_0 = 0
    E = np.stack([s.h for s in encoder])  # (n, H)
    m = len(ex.target_sentence)
    h, steps, decoder, outputs = h_n, [], [], []  # h^d_0 = h^e_n
    for i in range(1, m + 1):
        with np.errstate(over="ignore", invalid="ignore"):
            steps.append(att.attention_step(i, h, E, score, s_params))  # h^d_{i−1} → α_{i,·}, c_i
        read = START if i == 1 else ex.target_sentence[i - 2]  # teacher forcing: the reference y_{i−1}
        if i > 1 and decode == "greedy" and outputs[-1].prediction is not None:
            read = out_vocab[outputs[-1].prediction]  # greedy: the word it predicted at step i−1
        c = steps[-1].context
        decoder.append(_rnn_one(pd, i, read, ex.target_vocab, h, c if feed_context else None))
        h = decoder[-1].h  # h^d_i
        outputs.append(dec.output_step(i, h, c, W_out, b_out, out_vocab.index(ex.target_sentence[i - 1])))
    cross = att.stack(steps, E)
    D = cross.decoder_states  # (m, H)  h^d_0 … h^d_{m−1}
    probs = np.stack([o.probs for o in outputs])  # (m, V_out)
    nonfinite = [name for name, v in (("encoder_states", E), ("decoder_states", D),
                                      ("contexts", cross.contexts), ("outputs", probs)) if not np.all(np.isfinite(v))]
    dec_p.update(W_out=W_out, b_out=b_out)
    return Seq2SeqTrace(
        example=ex.name, title=ex.title, description=ex.description, notes=ex.notes,
        source=list(ex.source_sentence), target=list(ex.target_sentence),
        source_vocab=list(ex.source_vocab), target_vocab=list(ex.target_vocab), hidden_size=H,
        seed=seed, encoder_params=enc, decoder_params=dec_p,
        implicit_zero=[f"{n}^e" for n in sorted(zero_e)] + [f"{n}^d" for n in sorted(zero_d | set(zero_o))],
        drawn=drawn_e + drawn_d + [f"{n}^d" for n in drawn_o] + drawn_s, encoder=encoder, decoder=decoder,
        attention=cross, nonfinite=nonfinite, feed_context=feed_context, unused=unused,
        score=score, score_params=s_params, decode=decode, output_vocab=out_vocab, outputs=outputs)


# ---- backprop through self-attention (--backward) ---------------------------------------------
@dataclass
class BackwardTrace:
    forward_trace: SelfAttentionTrace  # X, W_Q, W_K, W_V and the head, as the forward view shows them
    classes: list[str]  # what the classifier chooses among: the example's vocabulary
    labels: list[str]  # one per token
    task: str  # the example's description of its task
    W_C: np.ndarray  # (d_v, C)
    b_C: np.ndarray  # (C,)
    drawn: list[str]  # W_C when the example does not give it
    forward: ab.Forward
    backward: ab.Backward
    check: ab.Check
    zero_bias: bool  # b_C is not in the example, so 0
    training: ab.Training | None = None  # --train: the descent that gave these weights
    trained_on: list[list[str]] = field(default_factory=list)  # the sentences it learnt from


def _classifier(ex: SelfAttentionExample, r: att.SelfAttention, seed: int):
    """W_C (d_v×C) and b_C (C): the example's [weights] if given, else W_C drawn and b_C = 0."""
    C = len(ex.vocab)
    given_W, given_b = ex.weights.get("W_C"), ex.weights.get("b_C")
    if given_W is not None:
        att.check_product("A", r.output, "W_C", given_W, want=_dims((r.d_v, C)))
    if given_b is not None and given_b.shape != (C,):
        raise InputError(t("attention.bad_bc", n=given_b.size, C=C))
    W_C = given_W if given_W is not None else draw("W_C", (r.d_v, C), seed, r.d_v)
    b_C = given_b if given_b is not None else np.zeros(C)
    return W_C, b_C, [] if given_W is not None else ["W_C"], given_b is None


def _train(ex: SelfAttentionExample, steps: int, lr: float, d_k, scale: bool, causal: bool, seed):
    """Gradient descent from weights drawn from the seed (the example's own are left aside) on the
    task's training sentences, or on the example's sentence alone; returns the example with the
    trained weights and the record of the training."""
    start = run_self(replace(ex, weights={}), d_k=d_k, scale=scale, causal=causal, seed=seed)
    r = start.result
    W_C, b_C, _, _ = _classifier(replace(ex, weights={}), r, start.seed)
    params = {"W_Q": r.W_Q, "W_K": r.W_K, "W_V": r.W_V, "W_C": W_C, "b_C": b_C}
    pairs = ex.train or ((ex.sentence, ex.labels),)
    classes = list(ex.vocab)
    data = [(run_self(ex.with_sentence(list(s)), d_k=d_k, scale=scale, causal=causal, seed=seed).X,
             [classes.index(w) for w in y]) for s, y in pairs]
    training = ab.train(data, params, steps, lr, scale, causal)
    return replace(ex, weights={**ex.weights, **training.params}), training, [list(s) for s, _ in pairs]


def run_backward(ex: SelfAttentionExample, d_k: int | None = None, scale: bool = True, causal: bool = False,
                 seed: int | None = None, train_steps: int | None = None, lr: float = 0.01) -> BackwardTrace:
    """One head, the example's task: Z = A·W_C + b_C, L = Σ_i −log softmax(Z[i])[y_i]; the backward
    pass op by op and its finite-difference check. With ``train_steps``, first that many steps of
    gradient descent from the seed's weights (``_train``), and the trace at the trained weights."""
    if not ex.labels:
        raise InputError(t("attention.need_labels", file=ex.source))
    training, trained_on = None, []
    if train_steps:
        ex, training, trained_on = _train(ex, train_steps, lr, d_k, scale, causal, seed)
    tr = run_self(ex, heads=1, d_k=d_k, scale=scale, causal=causal, seed=seed)
    r = tr.result
    W_C, b_C, drawn, zero_bias = _classifier(ex, r, tr.seed)
    labels = [list(ex.vocab).index(w) for w in ex.labels]
    params = {"W_Q": r.W_Q, "W_K": r.W_K, "W_V": r.W_V, "W_C": W_C, "b_C": b_C}
    with np.errstate(over="ignore", invalid="ignore"):
        f = ab.forward(tr.X, params, labels, scale, r.mask)
        b = ab.backward(f)
        check = ab.gradient_check(f, b, scale)
    return BackwardTrace(tr, list(ex.vocab), list(ex.labels), ex.task, W_C, b_C, drawn, f, b, check,
                         zero_bias and training is None, training, trained_on)


# ---- the encoder block (--block) ---------------------------------------------------------------
@dataclass
class BlockTrace:
    forward_trace: SelfAttentionTrace  # the example's X
    block: blk.EncoderBlock
    drawn: list[str]  # weights drawn from the seed
    initial: list[str]  # γ, β at PyTorch's initial values (1 and 0) because the example gives none


def run_block(ex: SelfAttentionExample, heads: int = 1, seed: int | None = None) -> BlockTrace:
    tr = run_self(ex, heads=heads, seed=seed)  # X, and the heads check (h must divide d_model)
    d = ex.d_model
    given = {**{k: v for k, v in ex.weights.items() if k in ("W_Q", "W_K", "W_V", "W_O")}, **ex.block}
    params, drawn, initial = {}, [], []
    for name, shape in blk.block_shapes(d, heads).items():
        if name in given:
            if given[name].shape != shape:
                raise InputError(t("attention.bad_block_weight", file=ex.source, name=name,
                                   dims=_dims(given[name].shape), want=_dims(shape)))
            params[name] = given[name]
        elif name.startswith(("gamma", "beta")):
            params[name] = np.ones(shape) if name.startswith("gamma") else np.zeros(shape)
            initial.append(name)
        else:
            fan_in = d if name != "b_2" and name != "W_2" else blk.FF_FACTOR * d
            params[name] = draw(name, shape, tr.seed, fan_in)
            drawn.append(name)
    with np.errstate(over="ignore", invalid="ignore"):
        b = blk.encoder_block(tr.X, params, heads)
    return BlockTrace(tr, b, drawn, initial)
