"""Worked examples: TOML files parsed into a validated ``Example``.

Built-in examples live in ``examples/`` at the repository root and ship inside the wheel as
``rnntrace/examples``. Example files are parsed (tomllib), never executed.
"""
from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass, field, replace
import os.path

import numpy as np

from rnntrace import safeio
from rnntrace.choices import GRU_VARIANTS
from rnntrace.errors import InputError
from rnntrace.i18n import get_lang, t
from rnntrace.params import ALL_NAMES, CELLS

MAX_VOCAB = 1000
MAX_HIDDEN = 256
MAX_TOKENS = 10_000
MAX_FILE_BYTES = 16 * 2**20  # an LSTM with every weight at V = 1,000, H = 256 takes about 10 MB
MAX_WORD = 40  # characters in a word
MAX_TITLE = 200  # characters in a title or a name
MAX_TEXT = 2000  # characters in a description or a note
DEFAULT_EXAMPLE = "lecture"

_FIELDS = {"kind", "name", "title", "title_es", "description", "description_es", "cell", "vocab",
           "sentence", "targets", "hidden_size", "seed", "weights", "notes", "notes_es",
           "sentences", "key_words", "slide", "gru_variant"}
# a network's keys (embedding, layers, directions, task): kept as given, checked by rnntrace.network
NETWORK_FIELDS = {"task", "layers", "bidirectional", "embedding_dim", "labels", "label", "tags", "layer",
                  "corpus_tags", "corpus_labels"}


@dataclass(frozen=True)
class Example:
    """A validated worked example (see the README for the file format)."""

    name: str
    title: str
    description: str
    cell: str
    vocab: tuple[str, ...]
    sentence: tuple[str, ...]
    targets: tuple[str | None, ...]
    hidden_size: int
    seed: int
    weights: dict[str, np.ndarray] = field(default_factory=dict)
    notes: dict[int, str] = field(default_factory=dict)
    source: str = ""
    sentence_from: str = ""  # what set the sentence, for messages: "FILE: sentence", "--sentence"
    sentences: tuple[tuple[str, ...], ...] = ()  # a small corpus for ``train`` (else: the sentence)
    key_words: tuple[str, ...] = ()  # the target words ``train --compare`` scores (agreement verbs)
    network: dict = field(default_factory=dict)  # NETWORK_FIELDS the file gives, and weights.E
    slide: bool = False  # the file is the lecture's worked example: the slide's steps and slips are named
    gru_variant: str = "lecture"  # the GRU's form when the GRU runs, unless --gru-variant says otherwise

    def index(self, word: str) -> int:
        return self.vocab.index(word)

    def variant_for(self, given: str | None) -> str:
        """The GRU's form a command runs on this example: ``given`` (--gru-variant, or a check
        file's ``gru_variant``) when there is one, else the example's own (lecture unless it pins one)."""
        return self.gru_variant if given is None else given

    def with_sentence(self, words: list[str], what: str = "--sentence") -> "Example":
        """The same example over another sentence; its targets are then the next tokens."""
        words = list(words)
        if not words:
            raise InputError(t("errors.empty_sentence", where=what))
        if len(words) > MAX_TOKENS:
            raise InputError(t("errors.too_long", where=what, n=len(words), max=MAX_TOKENS))
        _check_words(words, self.vocab, what)
        return replace(self, sentence=tuple(words), targets=_next_tokens(words), notes={}, sentence_from=what,
                       slide=False)


def examples_dir() -> str:
    """Where the built-in examples are: inside the installed package, or the checkout's root.
    (os.path rather than pathlib: pathlib costs the CLI 8 ms of start-up.)"""
    here = os.path.dirname(os.path.abspath(__file__))
    packaged = os.path.join(here, "examples")
    return packaged if os.path.isdir(packaged) else os.path.join(os.path.dirname(here), "examples")


def builtin_names(kind: str | tuple[str, ...] | None = None) -> list[str]:
    """Names of the built-in examples (all, or only those of one ``kind`` or of several)."""
    kinds = (kind,) if isinstance(kind, str) else kind
    names = []
    folder = examples_dir()
    for entry in sorted(os.listdir(folder)):
        if entry.endswith(".toml"):
            if kinds is None or _read(os.path.join(folder, entry)).get("kind", "cell") in kinds:
                names.append(entry[:-5])
    return names


def resolve(name_or_path: str, kind: str | tuple[str, ...] | None = None) -> str:
    """A built-in example's name or a path to a TOML file. An unknown name's message lists the
    built-in examples of ``kind`` (all when None): those the asking command can trace."""
    builtin = os.path.join(examples_dir(), f"{name_or_path}.toml")
    is_path = "/" in name_or_path or os.sep in name_or_path
    if not is_path and os.path.isfile(builtin):
        return builtin
    if is_path or name_or_path.endswith(".toml") or os.path.exists(name_or_path):
        return name_or_path
    import difflib

    names = builtin_names(kind)
    hint = difflib.get_close_matches(name_or_path, names, n=1)
    raise InputError(t("errors.unknown_example", name=name_or_path, names=", ".join(names),
                       hint=(t("errors.did_you_mean", word=hint[0]) if hint else "")))


def read_document(name_or_path: str, kind: str | tuple[str, ...] | None = None) -> tuple[dict, str]:
    """Parse an example file into a dict; (document, source label for messages)."""
    path = resolve(name_or_path, kind)
    return _read(path), path


def _read(path: str) -> dict:
    """The file parsed: a regular file of at most MAX_FILE_BYTES (a byte-order mark is dropped),
    valid TOML, and no control character in any key or string (see ``check_controls``)."""
    text = safeio.read_text(path, MAX_FILE_BYTES)
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise InputError(t("errors.bad_toml", file=path, reason=str(e))) from None
    except ValueError as e:  # an integer of more than 4,300 digits (Python's conversion limit)
        raise InputError(t("errors.bad_toml", file=path, reason=str(e).split(";")[0])) from None
    check_controls(doc, path)
    return doc


def check_controls(value, source: str, where: str = "") -> None:
    """Refuse a control character (``safeio.is_control``: C0 such as ESC, tab and newline, DEL,
    C1, the bidirectional overrides) in any key or string of the document: printed raw they
    would drive the terminal, and they make an SVG export invalid XML."""
    if isinstance(value, str):
        char = safeio.control_char(value)
        if char is not None:
            raise InputError(t("errors.control_char", file=source, field=where or "?", char=char))
    elif isinstance(value, dict):
        for k, v in value.items():
            path = f"{where}.{k}" if where else k
            if safeio.control_char(k) is not None:
                raise InputError(t("errors.control_char", file=source, field=safeio.escape_controls(path),
                                   char=safeio.control_char(k)))
            check_controls(v, source, path)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            check_controls(v, source, f"{where}[{i}]")


def load(name_or_path: str = DEFAULT_EXAMPLE) -> Example:
    """Load and validate a cell example (a built-in name or a file)."""
    doc, source = read_document(name_or_path, "cell")
    return from_document(doc, source)


def from_document(doc: dict, source: str) -> Example:
    kind = doc.get("kind", "cell")
    if kind != "cell":
        hint = t("errors.wrong_kind.attention") if kind in ("self-attention", "seq2seq") else ""
        raise InputError(t("errors.wrong_kind", file=source, kind=kind, hint=hint,
                           names=", ".join(builtin_names("cell"))))
    unknown = sorted(set(doc) - _FIELDS - NETWORK_FIELDS)
    if unknown:
        raise InputError(t("errors.unknown_field", file=source, field=unknown[0],
                           fields=", ".join(sorted(_FIELDS - {"kind"}))))
    lang_es = get_lang() == "es"

    def text(key: str, default: str = "", limit: int = MAX_TEXT) -> str:
        v = doc.get(f"{key}_es") if lang_es and f"{key}_es" in doc else doc.get(key, default)
        if not isinstance(v, str):
            raise InputError(t("errors.field_type", file=source, field=key, want="string"))
        check_length(v, limit, source, key)
        return v

    name = text("name", os.path.splitext(os.path.basename(source))[0], MAX_TITLE)
    cell = doc.get("cell", "rnn")
    if cell not in CELLS:
        raise InputError(t("errors.bad_choice", file=source, field="cell", value=cell,
                           choices=", ".join(CELLS)))
    vocab = vocabulary(doc, "vocab", source)
    sentence = _string_list(doc, "sentence", source, MAX_TOKENS)
    if not sentence:
        raise InputError(t("errors.empty_sentence", where=f"{source}: sentence"))
    if len(sentence) > MAX_TOKENS:
        raise InputError(t("errors.too_long", where=f"{source}: sentence", n=len(sentence), max=MAX_TOKENS))
    _check_words(sentence, vocab, f"{source}: sentence")
    if "targets" in doc:
        targets = _string_list(doc, "targets", source, MAX_TOKENS)
        if len(targets) != len(sentence):
            raise InputError(t("errors.targets_len", file=source, n=len(targets), m=len(sentence)))
        _check_words(targets, vocab, f"{source}: targets")
        tgt: tuple[str | None, ...] = tuple(targets)
    else:
        tgt = _next_tokens(sentence)
    hidden = _int(doc, "hidden_size", source, None, 1, MAX_HIDDEN)
    seed = _int(doc, "seed", source, 0, 0, 2**63 - 1)
    table = doc.get("weights", {})
    network = {k: doc[k] for k in NETWORK_FIELDS if k in doc}
    if isinstance(table, dict) and "E" in table:  # the embedding (V×d), a network's
        network["E"] = _numbers(table["E"], f"{source}: weights.E")
        table = {k: v for k, v in table.items() if k != "E"}
    weights = _weights(table, source)
    notes = _notes(doc, "notes_es" if lang_es and "notes_es" in doc else "notes", source, len(sentence))
    slide = doc.get("slide", False)
    if not isinstance(slide, bool):
        raise InputError(t("errors.field_type", file=source, field="slide", want=t("errors.want_bool")))
    gru_variant = doc.get("gru_variant", "lecture")
    if not isinstance(gru_variant, str):
        raise InputError(t("errors.field_type", file=source, field="gru_variant", want="string"))
    if gru_variant not in GRU_VARIANTS:
        raise InputError(t("errors.bad_choice", file=source, field="gru_variant", value=gru_variant,
                           choices=", ".join(GRU_VARIANTS)))
    return Example(name=name, title=text("title", name, MAX_TITLE), description=text("description"),
                   cell=cell, vocab=tuple(vocab), sentence=tuple(sentence), targets=tgt,
                   hidden_size=hidden, seed=seed, weights=weights, notes=notes, source=source,
                   sentence_from=f"{source}: sentence", sentences=_sentences(doc, vocab, source),
                   key_words=_key_words(doc, vocab, source), network=network, slide=slide,
                   gru_variant=gru_variant)


def check_length(text: str, limit: int, source: str, field: str) -> None:
    """A title, description or note longer than ``limit`` characters is refused before it is
    laid out (wrapping one long word costs time that grows faster than its length)."""
    if len(text) > limit:
        raise InputError(t("errors.text_too_long", file=source, field=field, n=len(text), max=limit))


def vocabulary(doc: dict, key: str, source: str) -> list[str]:
    """The vocabulary ``doc[key]``: not empty, at most MAX_VOCAB words (checked before anything
    else looks at them), words of at most MAX_WORD characters, none twice."""
    words = _string_list(doc, key, source, MAX_VOCAB)
    if not words:
        raise InputError(t("errors.empty_vocab", file=f"{source}: {key}"))
    seen = set()
    for w in words:
        if w in seen:
            raise InputError(t("errors.dup_vocab", file=f"{source}: {key}", word=w))
        seen.add(w)
    return words


def _sentences(doc: dict, vocab: list[str], source: str) -> tuple[tuple[str, ...], ...]:
    """``sentences = [["el", "perro", …], …]``: a small corpus, each sentence checked like
    ``sentence`` (its targets are its next tokens)."""
    table = doc.get("sentences", [])
    if not isinstance(table, list):
        raise InputError(t("errors.field_type", file=source, field="sentences", want=t("errors.want_sentences")))
    if len(table) > MAX_TOKENS:
        raise InputError(t("errors.too_big", file=source, field="sentences", n=len(table), max=MAX_TOKENS))
    out, total = [], 0
    for k in range(len(table)):
        key = f"sentences[{k}]"
        where = f"{source}: {key}"
        words = _string_list({key: table[k]}, key, source, MAX_TOKENS)
        if not words:
            raise InputError(t("errors.empty_sentence", where=where))
        total += len(words)
        if total > MAX_TOKENS:
            raise InputError(t("errors.too_long", where=f"{source}: sentences", n=total, max=MAX_TOKENS))
        _check_words(words, vocab, where)
        out.append(tuple(words))
    return tuple(out)


def _key_words(doc: dict, vocab: list[str], source: str) -> tuple[str, ...]:
    if "key_words" not in doc:
        return ()
    words = _string_list(doc, "key_words", source, MAX_VOCAB)
    _check_words(words, vocab, f"{source}: key_words")
    return tuple(words)


def _next_tokens(words) -> tuple[str | None, ...]:
    return tuple(list(words[1:]) + [None])


def _string_list(doc: dict, key: str, source: str, limit: int) -> list[str]:
    """A list of at most ``limit`` non-empty words of at most MAX_WORD characters, stripped."""
    if key not in doc:
        raise InputError(t("errors.missing_field", file=source, field=key))
    v = doc[key]
    if isinstance(v, list) and len(v) > limit:
        raise InputError(t("errors.too_big", file=source, field=key, n=len(v), max=limit))
    if not isinstance(v, list) or not all(isinstance(w, str) and w.strip() for w in v):
        raise InputError(t("errors.field_type", file=source, field=key, want=t("errors.want_words")))
    words = [w.strip() for w in v]
    for w in words:
        check_word(w, source, key)
    return words


def check_word(word: str, source: str, field: str) -> None:
    if len(word) > MAX_WORD:
        raise InputError(t("errors.word_too_long", file=source, field=field, word=word[:MAX_WORD] + "…",
                           n=len(word), max=MAX_WORD))


def _check_words(words, vocab, where: str) -> None:
    known = set(vocab)
    for w in words:
        if w not in known:
            import difflib  # only on the error path

            hint = difflib.get_close_matches(w, vocab, n=1)
            raise InputError(t("errors.not_in_vocab", where=where, word=w, vocab=" ".join(vocab),
                               hint=(t("errors.did_you_mean", word=hint[0]) if hint else "")))


def _int(doc, key, source, default, lo, hi) -> int:
    if key not in doc:
        if default is None:
            raise InputError(t("errors.missing_field", file=source, field=key))
        return default
    v = doc[key]
    if not isinstance(v, int) or isinstance(v, bool):
        raise InputError(t("errors.field_type", file=source, field=key, want=t("errors.want_int")))
    if not lo <= v <= hi:
        raise InputError(t("errors.out_of_range", file=source, field=key, value=v, lo=lo, hi=hi))
    return v


def _weights(table, source: str) -> dict[str, np.ndarray]:
    if not isinstance(table, dict):
        raise InputError(t("errors.field_type", file=source, field="weights", want="table"))
    out = {}
    for name, value in table.items():
        if name not in ALL_NAMES:
            import difflib

            hint = difflib.get_close_matches(name, ALL_NAMES, n=1)
            raise InputError(t("errors.unknown_weight", file=source, name=name,
                               names=" ".join(ALL_NAMES),
                               hint=(t("errors.did_you_mean", word=hint[0]) if hint else "")))
        out[name] = _numbers(value, f"{source}: weights.{name}")
    return out


def _numbers(value, where: str) -> np.ndarray:
    """A list of numbers or a list of equal-length rows of numbers, all finite."""
    def ok(x):
        return isinstance(x, (int, float)) and not isinstance(x, bool)

    if isinstance(value, list) and value and all(ok(x) for x in value):
        arr = _float_array(value, where)
    elif isinstance(value, list) and value and all(isinstance(r, list) for r in value):
        if not all(ok(x) for r in value for x in r):
            raise InputError(t("errors.non_numeric", where=where))
        lengths = {len(r) for r in value}
        if len(lengths) != 1 or 0 in lengths:
            raise InputError(t("errors.ragged", where=where, lengths=sorted(lengths)))
        arr = _float_array(value, where)
    else:
        raise InputError(t("errors.non_numeric", where=where))
    if not np.all(np.isfinite(arr)):
        bad = next(x for x in arr.ravel() if not math.isfinite(x))
        raise InputError(t("errors.non_finite", where=where, value=bad))
    return arr


def _float_array(value: list, where: str) -> np.ndarray:
    try:
        return np.array(value, dtype=np.float64)
    except OverflowError:  # an integer beyond float64 (about 1.8e308)
        raise InputError(t("errors.number_too_big", where=where)) from None


_STEP = re.compile(r"[0-9]{1,5}")


def _notes(doc: dict, key: str, source: str, T: int) -> dict[int, str]:
    table = doc.get(key, {})
    if not isinstance(table, dict):
        raise InputError(t("errors.field_type", file=source, field=key, want="table"))
    notes = {}
    for k, v in table.items():
        if not (_STEP.fullmatch(k) and 1 <= int(k) <= T) or not isinstance(v, str):
            shown = k if len(k) <= MAX_WORD else k[:MAX_WORD] + "…"
            raise InputError(t("errors.bad_note", file=source, field=key, key=shown, T=T))
        check_length(v, MAX_TEXT, source, f"{key}.{k}")
        notes[int(k)] = v
    return notes
