"""Every text the user sees comes from one message catalogue, in English and Spanish.

The catalogue lives in ``rnntrace/messages/``: one module per area (``common``, ``forward``, …),
each a ``MESSAGES`` dict mapping a key to its ``(english, spanish)`` pair. They are merged into
one catalogue here; a key defined twice is an error, and a test checks that both languages exist
for every key and use the same ``{placeholders}``.

    >>> set_lang("es"); t("common.total_loss")
    'pérdida total'

A formula inside a message is marked ``⟦…⟧`` (``"where ⟦z_t ≈ 1⟧ the cell keeps ⟦h_{{t−1}}⟧"``),
a field too when its value is one (``"⟦{name}⟧ has no value"``). ``t`` returns what the terminal
prints, the markers removed, as a ``Text``: a ``str`` that remembers where its formulas are, so
the LaTeX and Markdown writers set those spans as math and the rest as prose (they never guess
which words are formulas). A ``Text`` passed as a field keeps its spans in the sentence it goes
into; ``+``, ``strip`` and ``join`` keep them too (an f-string or ``str.join`` does not: the
result is plain prose to every writer).
"""
from __future__ import annotations

import importlib
import os
import re
import string
from collections.abc import Sequence

LANGS = ("en", "es")
AREAS = ("common", "errors", "forward", "bptt", "network", "attention", "teach", "help", "click", "check",
         "views", "train")
MATH_OPEN, MATH_CLOSE = "⟦", "⟧"  # a formula's span in a message (never printed)
_MARKERS = re.compile(f"([{MATH_OPEN}{MATH_CLOSE}])")
_lang = "en"
_source: dict[str, tuple[str, str]] | None = None
_catalogue: dict[str, tuple[str, str]] | None = None


class Text(str):
    """A sentence as the terminal prints it; ``spans`` are the (start, end) offsets of its
    formulas, in order, not overlapping (``Text(s)`` has none; ``Text.of(s, spans)`` sets them)."""

    spans: tuple[tuple[int, int], ...] = ()

    @classmethod
    def of(cls, plain: str, spans: tuple[tuple[int, int], ...] = ()) -> "Text":
        self = cls(plain)
        if spans:
            self.spans = tuple(spans)
        return self

    def parts(self) -> list[tuple[str, bool]]:
        """The text in order as (piece, is a formula) pairs, empty pieces left out."""
        out, at = [], 0
        for a, b in self.spans:
            if a > at:
                out.append((str.__getitem__(self, slice(at, a)), False))
            out.append((str.__getitem__(self, slice(a, b)), True))
            at = b
        if at < len(self):
            out.append((str.__getitem__(self, slice(at, None)), False))
        return out

    def __add__(self, other: str) -> "Text":
        if not isinstance(other, str):
            return NotImplemented
        return concat(self, other)

    def __radd__(self, other: str) -> "Text":
        if not isinstance(other, str):
            return NotImplemented
        return concat(other, self)

    def strip(self, chars: str | None = None) -> "Text":
        return self.lstrip(chars).rstrip(chars)

    def lstrip(self, chars: str | None = None) -> "Text":
        cut = len(self) - len(str.lstrip(self, chars))
        return _slice(self, cut, len(self))

    def rstrip(self, chars: str | None = None) -> "Text":
        return _slice(self, 0, len(str.rstrip(self, chars)))


def _slice(s: Text, a: int, b: int) -> Text:
    spans = [(max(x, a) - a, min(y, b) - a) for x, y in s.spans if y > a and x < b]
    return Text.of(str.__getitem__(s, slice(a, b)), tuple((x, y) for x, y in spans if y > x))


def formula(s: str) -> Text:
    """``s`` as a formula, but for the spaces at its ends: a symbol's name or an equation written
    by the code (``h_t``, ``x_t = onehot(“el”) = [0 1 0]``; a quoted word in it is set as text by
    ``latex.math``)."""
    spans: list[tuple[int, int]] = []
    _add_span(spans, len(s) - len(s.lstrip()), len(s.rstrip()))
    return Text.of(s, tuple(spans))


def listed(names) -> Text:
    """``a, b and c`` in the current language, each name a formula, the words between them prose."""
    items = [formula(x) for x in names]
    return join(t("teach.word.and"), [join(", ", items[:-1]), items[-1]]) if len(items) > 1 else items[0]


def join(sep: str, items) -> Text:
    """``sep.join(items)`` keeping the formulas of every ``Text`` among the items (and the separator)."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    at = 0
    for k, item in enumerate(items):
        for piece in ((sep, item) if k else (item,)):
            for a, b in getattr(piece, "spans", ()):
                _add_span(spans, at + a, at + b)
            out.append(str(piece))
            at += len(piece)
    return Text.of("".join(out), tuple(spans))


def concat(*items: str) -> Text:
    """The items one after the other, keeping their formulas."""
    return join("", items)


def squeeze(s: str) -> Text:
    """``" ".join(s.split())`` keeping the formulas: every run of whitespace one space, none at
    the ends."""
    out: list[str] = []
    where: list[int] = []  # the position in the result of each character of s (of its run)
    for ch in s:
        if ch.isspace():
            if out and out[-1] != " ":
                out.append(" ")
            where.append(len(out) - 1 if out else 0)
        else:
            where.append(len(out))
            out.append(ch)
    if out and out[-1] == " ":
        out.pop()
    spans: list[tuple[int, int]] = []
    for a, b in getattr(s, "spans", ()):
        _add_span(spans, where[a], min(where[b - 1] + 1, len(out)))
    return Text.of("".join(out), tuple(spans))


def lines(s: str) -> list[Text]:
    """The lines of ``s`` that hold something, each squeezed, keeping the formulas."""
    out, at = [], 0
    for line in str.split(s, "\n"):
        if line.strip():
            out.append(squeeze(_slice(s, at, at + len(line)) if isinstance(s, Text) else line))
        at += len(line) + 1
    return out


def _add_span(spans: list[tuple[int, int]], a: int, b: int) -> None:
    """Append a span, merged with the last when they touch (``⟦x⟧⟦y⟧`` is one formula)."""
    if b <= a:
        return
    if spans and spans[-1][1] >= a:
        spans[-1] = (spans[-1][0], max(spans[-1][1], b))
    else:
        spans.append((a, b))


def plain(s: str) -> str:
    """A catalogue message without its formula markers."""
    return s.replace(MATH_OPEN, "").replace(MATH_CLOSE, "")


def source() -> dict[str, tuple[str, str]]:
    """The merged catalogue as written, formulas marked ``⟦…⟧``; loaded once."""
    global _source
    if _source is None:
        merged: dict[str, tuple[str, str]] = {}
        for area in AREAS:
            try:
                module = importlib.import_module(f"rnntrace.messages.{area}")
            except ModuleNotFoundError:
                continue
            for key, pair in module.MESSAGES.items():
                if key in merged:
                    raise RuntimeError(f"message key {key!r} is defined twice")
                merged[key] = pair
        _source = merged
    return _source


def catalogue() -> dict[str, tuple[str, str]]:
    """The merged catalogue as the terminal shows it (no formula markers), loaded once."""
    global _catalogue
    if _catalogue is None:
        _catalogue = {key: tuple(plain(x) for x in pair) for key, pair in source().items()}
    return _catalogue


def set_lang(lang: str) -> None:
    global _lang
    if lang not in LANGS:
        raise ValueError(lang)
    _lang = lang


def get_lang() -> str:
    return _lang


def t(key: str, /, **fields: object) -> Text:
    """The message ``key`` in the current language, with ``{fields}`` filled in. Always
    formatted, so a literal brace is written ``{{`` in every message, with fields or without.
    The markers ``⟦…⟧`` of the message's formulas become the result's spans, and a field's
    value that is a ``Text`` brings its own; a marker inside a field's value that is a plain
    ``str`` (a token from an example file) is text, never a span."""
    en, es = source()[key]
    return fill(es if _lang == "es" else en, fields)


_parsed: dict[str, list] = {}
_FORMATTER = string.Formatter()


def _parse(template: str) -> list:
    """The template as pieces: a literal's text, a formula marker, or a field (name, spec, conversion)."""
    if template not in _parsed:
        pieces: list = []
        for literal, name, spec, conv in _FORMATTER.parse(template):
            pieces += [x for x in _MARKERS.split(literal) if x]
            if name is not None:
                pieces.append((name, spec or "", conv))
        _parsed[template] = pieces
    return _parsed[template]


def fill(template: str, fields: dict) -> Text:
    """A catalogue template (formulas marked) formatted with ``fields``, as a ``Text``."""
    if not (fields and any(getattr(v, "spans", None) for v in fields.values())):
        out = template.format(**fields)  # str.format, then the markers read off: 4× faster
        if MATH_OPEN not in out and MATH_CLOSE not in out:
            return Text(out)
        if out.count(MATH_OPEN) == template.count(MATH_OPEN) and out.count(MATH_CLOSE) == template.count(MATH_CLOSE):
            return _unmark(out)
    return _fill(template, fields)  # a field brings spans or markers of its own: piece by piece


def _unmark(s: str) -> Text:
    """``s`` without its markers, which become spans."""
    if MATH_OPEN not in s:
        return Text.of(s)
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    at, opened = 0, 0
    for piece in _MARKERS.split(s):
        if piece == MATH_OPEN:
            opened = at
        elif piece == MATH_CLOSE:
            _add_span(spans, opened, at)
        else:
            plain.append(piece)
            at += len(piece)
    return Text.of("".join(plain), tuple(spans))


def _fill(template: str, fields: dict) -> Text:
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    at, opened = 0, None
    for piece in _parse(template):
        if piece == MATH_OPEN:
            opened = at
        elif piece == MATH_CLOSE:
            _add_span(spans, opened, at)
            opened = None
        elif isinstance(piece, str):
            out.append(piece)
            at += len(piece)
        else:
            name, spec, conv = piece
            value = _FORMATTER.get_field(name, (), fields)[0]
            shown = format(_FORMATTER.convert_field(value, conv), spec)
            if opened is None and conv is None and not spec:
                for a, b in getattr(value, "spans", ()):
                    _add_span(spans, at + a, at + b)
            out.append(shown)
            at += len(shown)
    return Text.of("".join(out), tuple(spans))


def tn(key: str, n: int, /, **fields: object) -> Text:
    """A message about ``n`` things: the key ``<key>.one`` for exactly one when the catalogue has
    it ("1 step", "1 paso"), else ``key``; ``n`` is passed as a field."""
    one = f"{key}.one"
    return t(one if n == 1 and one in source() else key, n=n, **fields)


def gettext(msgid: str) -> str:
    """click's own texts (``Usage:``, ``Error: {message}``, …) in the current language: a
    catalogue key ``click.*`` holds click's English msgid and its Spanish text."""
    if _lang == "en":
        return msgid
    key = _click_msgids().get(msgid)
    return catalogue()[key][1] if key else msgid


def ngettext(singular: str, plural: str, n: int) -> str:
    return gettext(singular if n == 1 else plural)


_msgids: dict[str, str] | None = None


def _click_msgids() -> dict[str, str]:
    global _msgids
    if _msgids is None:
        _msgids = {en: key for key, (en, _es) in catalogue().items() if key.startswith("click.")}
    return _msgids


CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui")


def install_click_translations() -> None:
    """click writes its texts through ``gettext``'s ``_`` and ``ngettext``, bound in each of its
    modules at import; point those names at the catalogue. Idempotent."""
    for name in CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext


def resolve_lang(argv: Sequence[str], environ: os._Environ | dict = os.environ) -> str:
    """The language asked for: ``--lang X`` / ``--lang=X`` on the command line wins over
    ``RNNTRACE_LANG``; anything unknown falls back to English (the option itself then
    reports the bad value)."""
    lang = environ.get("RNNTRACE_LANG", "en")
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    return lang if lang in LANGS else "en"

