"""The one place that prints: rich renderables to the terminal, JSON to stdout, errors to stderr."""
from __future__ import annotations

import os
import sys

import click


def make_console(file=None, record: bool = False):
    """A console on stdout (or ``file``). Colour only on a terminal; NO_COLOR is honoured by rich;
    width from the terminal, or COLUMNS, or 80 when piped."""
    from rich.console import Console

    return Console(file=file, record=record, highlight=False, soft_wrap=False,
                   width=None if (file or sys.stdout).isatty() or "COLUMNS" in os.environ else 80)


def print_renderables(renderables, console=None) -> None:
    console = console or make_console()
    for k, r in enumerate(renderables):
        if k:
            console.line()
        console.print(r)


def print_json(doc: dict) -> None:
    import json

    click.echo(json.dumps(doc, ensure_ascii=False, indent=1, allow_nan=False))


def fail(message: str, command: str | None = None) -> None:
    """One line on stderr, exit status 2."""
    prog = "rnntrace" + (f" {command}" if command else "")
    from rnntrace.i18n import t

    click.echo(f"{prog}: {t('errors.prefix')}: {message}", err=True)
    sys.exit(2)


def emit(fmt: str, sections, document) -> None:
    """Print a command's result once, in the chosen format.

    ``sections()`` returns the rich renderables in order (for a trace: header, parameters, one per
    step, summary); ``document()`` returns the JSON-ready dict. Both are callables so only the
    chosen format is built. Every command prints through here.
    """
    if fmt == "json":
        print_json(document())
    else:
        print_renderables(sections())
