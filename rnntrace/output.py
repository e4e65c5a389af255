"""The one place that prints: rich renderables to the terminal (all at once or one step at a
time), JSON, LaTeX and Markdown to stdout, exports to a file, errors to stderr.

Every command hands ``emit`` two callables: ``build(view)`` (its ``Document``: pages of blocks)
and ``document()`` (the JSON-ready dict, straight from the trace). The terminal, LaTeX and
Markdown are backends of the same Document (``rnntrace.render.terminal``, ``latex``,
``markdown``), so a command gets every format without writing one.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, replace

import click

EXPORT_EXTENSIONS = (".svg", ".html", ".txt", ".tex", ".md", ".json")
META_KEY = "rnntrace.output"  # where output_options leaves its OutputOptions in click's ctx.meta


class Environment:
    """The outside world as rnntrace sees it: the streams and whether they are terminals.

    Read at call time (so click's CliRunner, which swaps sys.stdout, is seen); tests replace the
    module-level ``env`` to pretend to be a terminal (httpie's pattern).
    """

    def __init__(self, stdin=None, stdout=None, stderr=None, stdin_isatty: bool | None = None,
                 stdout_isatty: bool | None = None):
        self._stdin, self._stdout, self._stderr = stdin, stdout, stderr
        self._stdin_isatty, self._stdout_isatty = stdin_isatty, stdout_isatty

    @property
    def stdin(self):
        return self._stdin or sys.stdin

    @property
    def stdout(self):
        return self._stdout or sys.stdout

    @property
    def stderr(self):
        return self._stderr or sys.stderr

    @staticmethod
    def _isatty(stream) -> bool:
        try:
            return bool(stream.isatty())
        except (AttributeError, ValueError):  # no isatty, or a closed stream
            return False

    @property
    def stdin_isatty(self) -> bool:
        return self._isatty(self.stdin) if self._stdin_isatty is None else self._stdin_isatty

    @property
    def stdout_isatty(self) -> bool:
        return self._isatty(self.stdout) if self._stdout_isatty is None else self._stdout_isatty

    @property
    def interactive(self) -> bool:
        """Both ends are a terminal: only then may rnntrace wait for a key."""
        return self.stdin_isatty and self.stdout_isatty

    @property
    def export_width(self) -> int:
        """Exports are laid out at $COLUMNS (default 80), never at the terminal's accidental width,
        so the same command writes the same file."""
        try:
            return max(40, min(400, int(os.environ.get("COLUMNS", "80"))))
        except ValueError:
            return 80


env = Environment()


@dataclass
class OutputOptions:
    """How a command's result is shown or saved (the options of ``cli.output_options``)."""

    fmt: str = "rich"
    step: bool = False
    explain: bool = False
    export: str | None = None
    steps: tuple[int, int] | None = None  # --t: the first and last step shown in full
    brief: bool = False
    theme: str = "light"  # the page-by-page exports' colours (rnntrace.render.export)


def current_options(fmt: str | OutputOptions) -> OutputOptions:
    """The output options of the running command: ``fmt`` itself when it is an OutputOptions,
    else those ``output_options`` left in click's context (with ``fmt`` winning), else defaults."""
    if isinstance(fmt, OutputOptions):
        return fmt
    ctx = click.get_current_context(silent=True)
    found = ctx.meta.get(META_KEY) if ctx is not None else None
    if found is None:
        return OutputOptions(fmt=fmt)
    return found if found.fmt == fmt else replace(found, fmt=fmt)


def make_console(file=None, record: bool = False):
    """A console on stdout (or ``file``). Colour only on a terminal; NO_COLOR is honoured by rich;
    width from the terminal, or COLUMNS, or 80 when piped."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:  # rich would exit 1; the CLI ends quietly with 0
            raise BrokenPipeError

    out = file or env.stdout
    return _Console(file=out, record=record, highlight=False, soft_wrap=False,
                    width=None if Environment._isatty(out) or "COLUMNS" in os.environ else 80)


def recording_console():
    """A console that records for the .txt export: fixed width, writing to nowhere."""
    import io

    from rich.console import Console

    return Console(file=io.StringIO(), record=True, highlight=False, soft_wrap=False,
                   width=env.export_width, legacy_windows=False)


def print_renderables(renderables, console=None) -> None:
    """Print the sections, a blank line between them. Lines lose the trailing spaces rich leaves
    where it wraps a paragraph, so piped output and golden files hold no invisible characters."""
    console = console or make_console()
    with console.capture() as captured:
        _print_sections(renderables, console)
    console.file.write(_rstrip_lines(captured.get()))
    console.file.flush()


def _print_sections(renderables, console) -> None:
    for k, r in enumerate(renderables):
        if k:
            console.line()
        console.print(r)


def _rstrip_lines(text: str) -> str:
    return "\n".join(line.rstrip(" ") for line in text.split("\n"))


def json_text(doc: dict) -> str:
    from rnntrace.render.jsondoc import dumps

    return dumps(doc)


def print_json(doc: dict) -> None:
    # color=True: JSON escapes every control character, so there is no escape code for click to
    # strip, and its scan of a long document (10,000 steps: 9 MB) is skipped
    click.echo(json_text(doc), color=True)


def fail(message: str, command: str | None = None) -> None:
    """One line on stderr, exit status 2."""
    prog = "rnntrace" + (f" {command}" if command else "")
    from rnntrace.i18n import t

    click.echo(f"{prog}: {t('errors.prefix')}: {message}", err=True)
    sys.exit(2)


def command_path() -> str:
    """``rnntrace forward``: the running command's name, whatever the program was invoked as."""
    ctx = click.get_current_context(silent=True)
    names = []
    while ctx is not None and ctx.parent is not None:
        names.append(ctx.info_name)
        ctx = ctx.parent
    return " ".join(["rnntrace", *reversed(names)])


def write_atomic(path: str, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all (``rnntrace.safeio.write_atomic``)."""
    from rnntrace.safeio import write_atomic as write

    write(path, text)


def export_text(path: str, doc, renderables, document, title: str) -> str:
    """The text of an export, chosen by the file's extension: JSON from the trace, LaTeX and
    Markdown from the Document, .txt recorded from the terminal's renderables (.html, .svg, a
    folder of slides and beamer's .tex are ``rnntrace.render.export``'s)."""
    ext = os.path.splitext(path)[1].lower()
    if ext == ".json":
        return json_text(document()) + "\n"
    if ext == ".tex":
        from rnntrace.render import latex

        return latex.document(doc, title)
    if ext == ".md":
        from rnntrace.render import markdown

        return markdown.document(doc, title)
    console = recording_console()
    _print_sections(renderables, console)
    return _rstrip_lines(console.export_text())


def check_steps(steps: tuple[int, int] | None, n: int) -> None:
    """--t against the steps the document has (1 … n), before anything is printed."""
    if steps is None:
        return
    from rnntrace.errors import InputError
    from rnntrace.i18n import t

    value = f"{steps[0]}" if steps[0] == steps[1] else f"{steps[0]}-{steps[1]}"
    if n == 0:
        raise InputError(t("teach.view.t_none", value=value))
    if steps[1] > n:
        raise InputError(t("teach.view.t_range", value=value, n=n))


def emit(fmt: str | OutputOptions, build, document, *, trace=None) -> None:
    """Print a command's result once, in the chosen format; export it first if asked.

    ``build(view)`` returns the command's ``Document`` for a ``document.View`` (what to show: the
    steps of ``--t``, ``--brief``, ``--explain``), ``document()`` the JSON-ready dict; both are
    callables so only what is needed is built. ``fmt`` is the format name (the rest of the output
    options then come from ``cli.output_options`` through click's context) or an OutputOptions.
    With ``--step`` on a terminal, each page of the document is one screen.

    Run by the Python API (``rnntrace.api``), it prints nothing and hands ``trace`` (what the
    command computed), the document and ``document`` to the caller instead.
    """
    from rnntrace.document import View

    out = current_options(fmt)
    title = command_path()
    needs_doc = out.fmt != "json" or (out.export and not out.export.lower().endswith(".json"))
    doc = renderables = None
    if needs_doc:
        from rnntrace import api

        steps = None if out.steps is None else tuple(range(out.steps[0], out.steps[1] + 1))
        doc = build(View(steps=steps, brief=out.brief, explain=out.explain, detail=out.step and env.interactive))
        check_steps(out.steps, doc.steps)
        if api.take(doc, document, trace):  # run by the Python API: it gets the trace back
            return
        from rnntrace.render import terminal

        renderables = terminal.render(doc)
    from rnntrace.render import export

    if out.export and not export.write(out.export, doc, title, out.theme, out.fmt):
        write_atomic(out.export, export_text(out.export, doc, renderables, document, title))
    if out.fmt == "json":
        print_json(document())
    elif out.fmt == "latex":
        from rnntrace.render import latex

        click.echo(latex.document(doc, title), nl=False)
    elif out.fmt == "beamer":
        from rnntrace.render import beamer

        click.echo(beamer.document(doc, title), nl=False)
    elif out.fmt == "markdown":
        from rnntrace.render import markdown

        click.echo(markdown.document(doc, title), nl=False)
    elif out.step and env.interactive:
        from rnntrace.stepper import step_through

        step_through(doc, title, make_console(), env)
    else:
        print_renderables(renderables)
