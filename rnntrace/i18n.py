"""Every text the user sees comes from one message catalogue, in English and Spanish.

The catalogue lives in ``rnntrace/messages/``: one module per area (``common``, ``forward``, …),
each a ``MESSAGES`` dict mapping a key to its ``(english, spanish)`` pair. They are merged into
one catalogue here; a key defined twice is an error, and a test checks that both languages exist
for every key and use the same ``{placeholders}``.

    >>> set_lang("es"); t("common.total_loss")
    'pérdida total'
"""
from __future__ import annotations

import importlib
import os
from collections.abc import Sequence

LANGS = ("en", "es")
AREAS = ("common", "errors", "forward", "bptt", "attention", "teach", "help", "click", "check", "views", "train")
_lang = "en"
_catalogue: dict[str, tuple[str, str]] | None = None


def catalogue() -> dict[str, tuple[str, str]]:
    """The merged catalogue, loaded once."""
    global _catalogue
    if _catalogue is None:
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
        _catalogue = merged
    return _catalogue


def set_lang(lang: str) -> None:
    global _lang
    if lang not in LANGS:
        raise ValueError(lang)
    _lang = lang


def get_lang() -> str:
    return _lang


def t(key: str, /, **fields: object) -> str:
    """The message ``key`` in the current language, with ``{fields}`` filled in. Always
    formatted, so a literal brace is written ``{{`` in every message, with fields or without."""
    en, es = catalogue()[key]
    return (es if _lang == "es" else en).format(**fields)


def tn(key: str, n: int, /, **fields: object) -> str:
    """A message about ``n`` things: the key ``<key>.one`` for exactly one when the catalogue has
    it ("1 step", "1 paso"), else ``key``; ``n`` is passed as a field."""
    one = f"{key}.one"
    return t(one if n == 1 and one in catalogue() else key, n=n, **fields)


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
