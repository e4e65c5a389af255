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
from dataclasses import dataclass, field

import numpy as np

from rnntrace import attention as att, cells, params as params_mod, positional as pe
from rnntrace.attention_examples import START, Seq2SeqExample, SelfAttentionExample
from rnntrace.errors import InputError
from rnntrace.i18n import t
from rnntrace.trace import Op, Sym


def draw(name: str, shape: tuple[int, ...], seed: int, fan_in: int) -> np.ndarray:
    """U(−1/√fan_in, 1/√fan_in) (PyTorch's nn.Linear), rounded to two decimals like the lecture's
    matrices; each name has its own stream. The bound depends on d_model only, not on d_k, so
    the entries of Q and K keep their size as --dk grows (and so does the variance of q·k)."""
    rng = np.random.default_rng([seed, zlib.crc32(name.encode())])
    k = 1.0 / np.sqrt(fan_in)
    return np.round(rng.uniform(-k, k, size=shape), 2)


def _dims(shape) -> str:
    return "×".join(str(s) for s in shape)


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
    nonfinite = [name for name, v in (("Q", result.Q), ("K", result.K), ("V", result.V),
                                      ("output", result.output)) if not np.all(np.isfinite(v))]
    return SelfAttentionTrace(
        example=ex.name, title=ex.title, description=ex.description, notes=ex.notes,
        tokens=list(ex.sentence), E=E, positional=ex.positional, positions=np.arange(n), P=P,
        omega=omega, X=X, result=result, seed=seed, drawn=drawn,
        saturation=None if scale else att.saturation(d_ks=sorted({1, 4, 16, 64, 256, d_k}), n_keys=n),
        nonfinite=nonfinite)


# ---- seq2seq ---------------------------------------------------------------------------------
class Side(cells.P):
    """The encoder's or the decoder's weights, written W_xh^e / W_xh^d in the trace."""

    def __init__(self, params: dict[str, np.ndarray], side: str, implicit_zero=frozenset()):
        super().__init__(params, implicit_zero)
        self.side = side

    def __getitem__(self, name: str) -> cells.Val:
        return cells.Val(Sym(f"{name}^{self.side}"), super().__getitem__(name).value)

    def bias(self, name: str) -> cells.Val | None:
        v = super().bias(name)
        return None if v is None else cells.Val(Sym(f"{name}^{self.side}"), v.value)


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
    inputs = () if context is None else ((cells.Val(Sym(f"c_{k}"), context), p["W_ch"]),)
    with np.errstate(over="ignore", invalid="ignore"):
        _, h = cells.rnn_step(p, x, h_prev, rec, inputs=inputs)
    return RnnStep(k, word, x, h_prev, h, rec.ops, context)


def _rnn(p: Side, words, vocab, h: np.ndarray, start: int) -> tuple[list[RnnStep], np.ndarray]:
    steps = []
    for k, word in enumerate(words, start=start):
        steps.append(_rnn_one(p, k, word, vocab, h))
        h = steps[-1].h
    return steps, h


def run_seq2seq(ex: Seq2SeqExample, seed: int | None = None, feed_context: bool = False) -> Seq2SeqTrace:
    """Encoder, then for i = 1 … m: h^d_{i−1} scores the source (α_{i,·}, c_i), and decoder step i
    (i < m) reads y_{i−1} (y_0 = <s>), h^d_{i−1} and, with ``feed_context``, c_i."""
    seed = ex.seed if seed is None else seed
    H = ex.hidden_size
    enc, drawn_e, zero_e = _side_params(ex.encoder, "e", len(ex.source_vocab), H, seed, ex.source)
    dec, drawn_d, zero_d = _side_params(ex.decoder, "d", len(ex.target_vocab), H, seed, ex.source)
    unused = []
    if feed_context:
        dec["W_ch"], drawn_c = _context_weight(ex.decoder, H, seed, ex.source)
        drawn_d += drawn_c
    elif "W_ch" in ex.decoder:
        unused.append("W_ch^d")
    pe_, pd = Side(enc, "e", frozenset(zero_e)), Side(dec, "d", frozenset(zero_d))
    encoder, h_n = _rnn(pe_, ex.source_sentence, ex.source_vocab, np.zeros(H), 1)  # h^e_0 = 0
    E = np.stack([s.h for s in encoder])  # (n, H)
    m = len(ex.target_sentence)
    reads = [START] + list(ex.target_sentence)  # y_0 = <s>, y_1, …; step i reads y_{i−1}
    h, steps, decoder = h_n, [], []  # h^d_0 = h^e_n
    for i in range(1, m + 1):
        with np.errstate(over="ignore", invalid="ignore"):
            steps.append(att.attention_step(i, h, E))  # h^d_{i−1} → α_{i,·}, c_i
        if i < m:  # h^d_m would score no target word
            decoder.append(_rnn_one(pd, i, reads[i - 1], ex.target_vocab, h,
                                    steps[-1].context if feed_context else None))
            h = decoder[-1].h  # h^d_i
    cross = att.stack(steps, E)
    D = cross.decoder_states  # (m, H)  h^d_0 … h^d_{m−1}
    nonfinite = [name for name, v in (("encoder_states", E), ("decoder_states", D),
                                      ("contexts", cross.contexts)) if not np.all(np.isfinite(v))]
    return Seq2SeqTrace(
        example=ex.name, title=ex.title, description=ex.description, notes=ex.notes,
        source=list(ex.source_sentence), target=list(ex.target_sentence),
        source_vocab=list(ex.source_vocab), target_vocab=list(ex.target_vocab), hidden_size=H,
        seed=seed, encoder_params=enc, decoder_params=dec,
        implicit_zero=[f"{n}^e" for n in sorted(zero_e)] + [f"{n}^d" for n in sorted(zero_d)],
        drawn=drawn_e + drawn_d, encoder=encoder, decoder=decoder, attention=cross,
        nonfinite=nonfinite, feed_context=feed_context, unused=unused)
