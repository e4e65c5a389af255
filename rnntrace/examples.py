"""Worked examples: TOML files parsed into a validated ``Example``.

Built-in examples live in ``examples/`` at the repository root and ship inside the wheel as
``rnntrace/examples``. Example files are parsed (tomllib), never executed.
"""
from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field, replace
import os.path

import numpy as np

from rnntrace.errors import InputError
from rnntrace.i18n import get_lang, t
from rnntrace.params import ALL_NAMES, CELLS

MAX_VOCAB = 1000
MAX_HIDDEN = 256
MAX_TOKENS = 10_000
DEFAULT_EXAMPLE = "lecture"

_FIELDS = {"kind", "name", "title", "title_es", "description", "description_es", "cell", "vocab",
           "sentence", "targets", "hidden_size", "seed", "weights", "notes", "notes_es"}
# a network's keys (embedding, layers, directions, task): kept as given, checked by rnntrace.network
NETWORK_FIELDS = {"task", "layers", "bidirectional", "embedding_dim", "labels", "label", "tags", "layer"}


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
    network: dict = field(default_factory=dict)  # NETWORK_FIELDS the file gives, and weights.E

    def index(self, word: str) -> int:
        return self.vocab.index(word)

    def with_sentence(self, words: list[str], what: str = "--sentence") -> "Example":
        """The same example over another sentence; its targets are then the next tokens."""
        words = list(words)
        if not words:
            raise InputError(t("errors.empty_sentence", where=what))
        _check_words(words, self.vocab, what)
        if len(words) > MAX_TOKENS:
            raise InputError(t("errors.too_long", where=what, n=len(words), max=MAX_TOKENS))
        return replace(self, sentence=tuple(words), targets=_next_tokens(words), notes={})


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
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except FileNotFoundError:
        raise InputError(t("errors.no_file", file=path)) from None
    except IsADirectoryError:
        raise InputError(t("errors.is_dir", file=path)) from None
    except OSError as e:
        raise InputError(t("errors.unreadable", file=path, reason=e.strerror or e)) from None
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InputError(t("errors.not_utf8", file=path)) from None
    except tomllib.TOMLDecodeError as e:
        raise InputError(t("errors.bad_toml", file=path, reason=str(e))) from None


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

    def text(key: str, default: str = "") -> str:
        v = doc.get(f"{key}_es") if lang_es and f"{key}_es" in doc else doc.get(key, default)
        if not isinstance(v, str):
            raise InputError(t("errors.field_type", file=source, field=key, want="string"))
        return v

    name = text("name", os.path.splitext(os.path.basename(source))[0])
    cell = doc.get("cell", "rnn")
    if cell not in CELLS:
        raise InputError(t("errors.bad_choice", file=source, field="cell", value=cell,
                           choices=", ".join(CELLS)))
    vocab = _string_list(doc, "vocab", source)
    if not vocab:
        raise InputError(t("errors.empty_vocab", file=source))
    dup = sorted({w for w in vocab if vocab.count(w) > 1})
    if dup:
        raise InputError(t("errors.dup_vocab", file=source, word=dup[0]))
    if len(vocab) > MAX_VOCAB:
        raise InputError(t("errors.too_big", file=source, field="vocab", n=len(vocab), max=MAX_VOCAB))
    sentence = _string_list(doc, "sentence", source)
    if not sentence:
        raise InputError(t("errors.empty_sentence", where=f"{source}: sentence"))
    if len(sentence) > MAX_TOKENS:
        raise InputError(t("errors.too_long", where=f"{source}: sentence", n=len(sentence), max=MAX_TOKENS))
    _check_words(sentence, vocab, f"{source}: sentence")
    if "targets" in doc:
        targets = _string_list(doc, "targets", source)
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
    return Example(name=name, title=text("title", name), description=text("description"),
                   cell=cell, vocab=tuple(vocab), sentence=tuple(sentence), targets=tgt,
                   hidden_size=hidden, seed=seed, weights=weights, notes=notes, source=source, network=network)


def _next_tokens(words) -> tuple[str | None, ...]:
    return tuple(list(words[1:]) + [None])


def _string_list(doc: dict, key: str, source: str) -> list[str]:
    if key not in doc:
        raise InputError(t("errors.missing_field", file=source, field=key))
    v = doc[key]
    if not isinstance(v, list) or not all(isinstance(w, str) and w.strip() for w in v):
        raise InputError(t("errors.field_type", file=source, field=key, want=t("errors.want_words")))
    return [w.strip() for w in v]


def _check_words(words, vocab, where: str) -> None:
    for w in words:
        if w not in vocab:
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
        arr = np.array(value, dtype=np.float64)
    elif isinstance(value, list) and value and all(isinstance(r, list) for r in value):
        if not all(ok(x) for r in value for x in r):
            raise InputError(t("errors.non_numeric", where=where))
        lengths = {len(r) for r in value}
        if len(lengths) != 1 or 0 in lengths:
            raise InputError(t("errors.ragged", where=where, lengths=sorted(lengths)))
        arr = np.array(value, dtype=np.float64)
    else:
        raise InputError(t("errors.non_numeric", where=where))
    if not np.all(np.isfinite(arr)):
        bad = next(x for x in arr.ravel() if not math.isfinite(x))
        raise InputError(t("errors.non_finite", where=where, value=bad))
    return arr


def _notes(doc: dict, key: str, source: str, T: int) -> dict[int, str]:
    table = doc.get(key, {})
    if not isinstance(table, dict):
        raise InputError(t("errors.field_type", file=source, field=key, want="table"))
    notes = {}
    for k, v in table.items():
        if not (k.isdigit() and 1 <= int(k) <= T) or not isinstance(v, str):
            raise InputError(t("errors.bad_note", file=source, field=key, key=k, T=T))
        notes[int(k)] = v
    return notes
