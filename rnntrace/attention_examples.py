"""Attention examples: TOML files of kind ``self-attention`` or ``seq2seq``, parsed into validated
dataclasses, the same way ``rnntrace.examples`` reads the recurrent-cell examples (and with its
helpers, so the messages are the same).

A self-attention example gives the sentence, an embedding per word and optionally the
projections; a seq2seq example gives a source and a target sentence, their vocabularies and the
encoder's and decoder's Elman-cell weights (the decoder's table may also give W_ch, the context's
weights that ``--feed-context`` uses). Weights a file leaves out are drawn from its seed.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from rnntrace import examples as ex_mod
from rnntrace.attention import MAX_DIM, MAX_TOKENS
from rnntrace.errors import InputError
from rnntrace.i18n import get_lang, t

SELF, SEQ2SEQ = "self-attention", "seq2seq"
KINDS = {"self": SELF, "seq2seq": SEQ2SEQ}  # --mode → kind
DEFAULT = {"self": "doctor", "seq2seq": "etxe_handia"}  # --mode → built-in example
POSITIONAL = ("sinusoidal", "none")
SELF_WEIGHTS = ("W_Q", "W_K", "W_V", "W_O")
RNN_WEIGHTS = ("W_xh", "W_hh", "b_h")
DECODER_WEIGHTS = RNN_WEIGHTS + ("W_ch",)  # W_ch: the context's weights, used by --feed-context
DECODER_WEIGHTS += ("W_out", "b_out")  # the output layer y_i = softmax([h^d_i ; c_i]·W_out + b_out)
SCORE_WEIGHTS = ("W_a", "W_1", "W_2", "v")  # [attention]: --score general (W_a), additive (W_1, W_2, v)
SELF_WEIGHTS += ("W_C", "b_C")  # --backward's per-token classifier
BLOCK_WEIGHTS = ("gamma_1", "beta_1", "W_1", "b_1", "W_2", "b_2", "gamma_2", "beta_2")  # [block], --block
START = "<s>"
MAX_HIDDEN = 64
MAX_TRAIN_SENTENCES = 64  # [task] train_sentences

_COMMON = {"kind", "name", "title", "title_es", "description", "description_es", "notes", "notes_es", "seed"}
_FIELDS = {SELF: _COMMON | {"sentence", "d_model", "positional", "embeddings", "weights"},
           SEQ2SEQ: _COMMON | {"source_vocab", "target_vocab", "source", "target", "hidden_size",
                               "encoder", "decoder"}}
_FIELDS[SELF] |= {"task", "block"}  # --backward's labels, --block's weights
_FIELDS[SEQ2SEQ] |= {"attention"}  # the score's weights


@dataclass(frozen=True)
class SelfAttentionExample:
    name: str
    title: str
    description: str
    notes: str
    vocab: tuple[str, ...]  # the words that have an embedding, in file order
    embeddings: dict[str, np.ndarray]  # word -> (d_model,)
    sentence: tuple[str, ...]
    d_model: int
    positional: str  # "sinusoidal" | "none"
    seed: int
    weights: dict[str, np.ndarray] = field(default_factory=dict)
    source: str = ""
    labels: tuple[str, ...] = ()  # [task] labels: one word per token of ``sentence``, for --backward
    task: str = ""  # [task] description
    train: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()  # [task] train: (sentence, labels) pairs
    block: dict[str, np.ndarray] = field(default_factory=dict)  # [block] weights, for --block

    def with_sentence(self, words: list[str]) -> "SelfAttentionExample":
        """A new sentence; the task's labels belong to the old one, so they go."""
        return replace(self, sentence=_sentence(words, self.vocab, "--sentence"), labels=())

    def with_labels(self, words: list[str], where: str = "--labels") -> "SelfAttentionExample":
        labels = _sentence(words, self.vocab, where)
        if len(labels) != len(self.sentence):
            raise InputError(t("attention.labels_count", where=where, n=len(labels), m=len(self.sentence)))
        return replace(self, labels=labels)


@dataclass(frozen=True)
class Seq2SeqExample:
    name: str
    title: str
    description: str
    notes: str
    source_vocab: tuple[str, ...]
    target_vocab: tuple[str, ...]  # its first word is the start symbol <s>
    source_sentence: tuple[str, ...]
    target_sentence: tuple[str, ...]
    hidden_size: int
    seed: int
    encoder: dict[str, np.ndarray] = field(default_factory=dict)  # W_xh W_hh b_h, as given
    decoder: dict[str, np.ndarray] = field(default_factory=dict)  # the same and W_ch, as given
    source: str = ""
    attention: dict[str, np.ndarray] = field(default_factory=dict)  # [attention]: W_a, W_1, W_2, v

    def with_sentence(self, text: str) -> "Seq2SeqExample":
        """``"etxe handia"`` replaces the source; ``"etxe handia -> the big house"`` both."""
        src, arrow, tgt = text.replace("→", "->").partition("->")
        ex = replace(self, source_sentence=_sentence(src.split(), self.source_vocab, "--sentence"))
        if arrow:
            vocab = tuple(w for w in self.target_vocab if w != START)
            ex = replace(ex, target_sentence=_sentence(tgt.split(), vocab, "--sentence (target)"))
        return ex


def _sentence(words, vocab, where: str) -> tuple[str, ...]:
    words = list(words)
    if not words:
        raise InputError(t("errors.empty_sentence", where=where))
    if len(words) > MAX_TOKENS:
        raise InputError(t("errors.too_long", where=where, n=len(words), max=MAX_TOKENS))
    ex_mod._check_words(words, vocab, where)
    return tuple(words)


def kind_of(name_or_path: str) -> str:
    """The example's kind (``cell`` when the file does not say)."""
    doc, _ = ex_mod.read_document(name_or_path, tuple(KINDS.values()))  # an unknown name lists these
    return doc.get("kind", "cell")


def load(name_or_path: str, mode: str) -> SelfAttentionExample | Seq2SeqExample:
    """Load and validate an example for ``--mode`` self or seq2seq."""
    want = KINDS[mode]
    doc, source = ex_mod.read_document(name_or_path, want)
    kind = doc.get("kind", "cell")
    if kind != want:
        raise InputError(t("attention.wrong_kind", file=source, kind=kind, want=want,
                           names=", ".join(ex_mod.builtin_names(want))))
    unknown = sorted(set(doc) - _FIELDS[want])
    if unknown:
        raise InputError(t("errors.unknown_field", file=source, field=unknown[0],
                           fields=", ".join(sorted(_FIELDS[want] - {"kind"}))))
    return (_self_example if want == SELF else _seq2seq_example)(doc, source)


def _texts(doc: dict, source: str) -> dict[str, str]:
    lang_es = get_lang() == "es"

    def text(key: str, default: str = "", limit: int = ex_mod.MAX_TEXT) -> str:
        v = doc.get(f"{key}_es") if lang_es and f"{key}_es" in doc else doc.get(key, default)
        if not isinstance(v, str):
            raise InputError(t("errors.field_type", file=source, field=key, want="string"))
        ex_mod.check_length(v, limit, source, key)
        return v.strip()

    name = text("name", Path(source).stem, ex_mod.MAX_TITLE)
    return dict(name=name, title=text("title", name, ex_mod.MAX_TITLE), description=text("description"),
                notes=text("notes"))


def _table(doc: dict, key: str, source: str) -> dict:
    v = doc.get(key, {})
    if not isinstance(v, dict):
        raise InputError(t("errors.field_type", file=source, field=key, want="table"))
    return v


def _self_example(doc: dict, source: str) -> SelfAttentionExample:
    d_model = ex_mod._int(doc, "d_model", source, None, 1, MAX_DIM)
    table = _table(doc, "embeddings", source)
    if not table:
        raise InputError(t("errors.missing_field", file=source, field="embeddings"))
    if len(table) > ex_mod.MAX_VOCAB:
        raise InputError(t("errors.too_big", file=source, field="embeddings", n=len(table), max=ex_mod.MAX_VOCAB))
    embeddings = {}
    for word, value in table.items():
        ex_mod.check_word(word, source, "embeddings")
        vec = ex_mod._numbers(value, f"{source}: embeddings.{word}")
        if vec.shape != (d_model,):
            raise InputError(t("attention.embedding_size", file=source, word=word, n=vec.size, d=d_model))
        embeddings[word] = vec
    vocab = tuple(embeddings)
    sentence = ex_mod._string_list(doc, "sentence", source, MAX_TOKENS)
    sentence = _sentence(sentence, vocab, f"{source}: sentence")
    positional = doc.get("positional", "sinusoidal")
    if positional not in POSITIONAL:
        raise InputError(t("errors.bad_choice", file=source, field="positional", value=positional,
                           choices=", ".join(POSITIONAL)))
    if positional == "sinusoidal" and d_model % 2:
        raise InputError(t("attention.odd_d_model", file=source, d=d_model))
    weights = _weights(_table(doc, "weights", source), SELF_WEIGHTS, f"{source}: weights")
    ex = SelfAttentionExample(**_texts(doc, source), vocab=vocab, embeddings=embeddings,
                              sentence=sentence, d_model=d_model, positional=positional,
                              seed=ex_mod._int(doc, "seed", source, 0, 0, 2**63 - 1),
                              weights=weights, source=source,
                              block=_weights(_table(doc, "block", source), BLOCK_WEIGHTS, f"{source}: block"))
    return _task(ex, _table(doc, "task", source), source)


def _task(ex: SelfAttentionExample, table: dict, source: str) -> SelfAttentionExample:
    """[task]: ``labels`` (one word of the vocabulary per token) and its ``description``."""
    fields = ("labels", "description", "description_es", "train_sentences", "train_labels")
    unknown = sorted(set(table) - set(fields))
    if unknown:
        raise InputError(t("errors.unknown_field", file=source, field=f"task.{unknown[0]}",
                           fields=", ".join(f"task.{f}" for f in fields)))
    if not table:
        return ex
    texts = _texts({"name": ex.name, **{k: v for k, v in table.items() if k.startswith("description")}}, source)
    ex = ex.with_labels(ex_mod._string_list(table, "labels", f"{source}: task", MAX_TOKENS), f"{source}: task.labels")
    return replace(ex, task=texts["description"], train=_train_pairs(ex, table, source))


def _train_pairs(ex: SelfAttentionExample, table: dict, source: str):
    """[task] train_sentences and train_labels: the sentences ``--train`` learns from, each with one
    label per token (default: the example's sentence and labels alone)."""
    if "train_sentences" not in table and "train_labels" not in table:
        return ()
    rows = {}
    for key in ("train_sentences", "train_labels"):
        v = table.get(key)
        if not isinstance(v, list) or not v or not all(isinstance(r, list) for r in v):
            raise InputError(t("errors.field_type", file=source, field=f"task.{key}", want=t("attention.want_rows")))
        if len(v) > MAX_TRAIN_SENTENCES:
            raise InputError(t("errors.too_big", file=source, field=f"task.{key}", n=len(v), max=MAX_TRAIN_SENTENCES))
        rows[key] = v
    if len(rows["train_sentences"]) != len(rows["train_labels"]):
        raise InputError(t("attention.train_count", file=source, n=len(rows["train_sentences"]),
                           m=len(rows["train_labels"])))
    pairs = []
    for k, (words, labels) in enumerate(zip(rows["train_sentences"], rows["train_labels"]), start=1):
        if not all(isinstance(w, str) for w in words + labels):
            raise InputError(t("errors.field_type", file=source, field=f"task.train_*[{k}]", want=t("errors.want_words")))
        one = replace(ex, sentence=_sentence(words, ex.vocab, f"{source}: task.train_sentences[{k}]"))
        one = one.with_labels(labels, f"{source}: task.train_labels[{k}]")
        pairs.append((one.sentence, one.labels))
    return tuple(pairs)


def _seq2seq_example(doc: dict, source: str) -> Seq2SeqExample:
    vocabs = {}
    for key in ("source_vocab", "target_vocab"):
        vocabs[key] = tuple(ex_mod.vocabulary(doc, key, source))
    if vocabs["target_vocab"][0] != START:
        raise InputError(t("attention.start_symbol", file=source, start=START))
    src = _sentence(ex_mod._string_list(doc, "source", source, MAX_TOKENS), vocabs["source_vocab"], f"{source}: source")
    tgt_vocab = tuple(w for w in vocabs["target_vocab"] if w != START)
    tgt = _sentence(ex_mod._string_list(doc, "target", source, MAX_TOKENS), tgt_vocab, f"{source}: target")
    return Seq2SeqExample(
        **_texts(doc, source), source_vocab=vocabs["source_vocab"], target_vocab=vocabs["target_vocab"],
        source_sentence=src, target_sentence=tgt,
        hidden_size=ex_mod._int(doc, "hidden_size", source, None, 1, MAX_HIDDEN),
        seed=ex_mod._int(doc, "seed", source, 0, 0, 2**63 - 1),
        encoder=_weights(_table(doc, "encoder", source), RNN_WEIGHTS, f"{source}: encoder"),
        decoder=_weights(_table(doc, "decoder", source), DECODER_WEIGHTS, f"{source}: decoder"),
        source=source,
        attention=_weights(_table(doc, "attention", source), SCORE_WEIGHTS, f"{source}: attention"))


def _weights(table: dict, names: tuple[str, ...], where: str) -> dict[str, np.ndarray]:
    out = {}
    for name, value in table.items():
        if name not in names:
            raise InputError(t("attention.unknown_weight", where=where, name=name, names=" ".join(names)))
        out[name] = ex_mod._numbers(value, f"{where}.{name}")
    return out
