"""The Python API, for scripts and notebooks::

    import rnntrace as rt

    tr = rt.forward(example="lecture", cell="gru", sentence="I love recurrent")
    tr.steps[0].values["h"]          # numpy arrays, as the trace computed them
    tr.document.pages[1]             # the document every view draws
    tr.to_json()                     # what --format json prints
    tr                               # in Jupyter: the document, every page
    tr.page(2)                       # in Jupyter: one page

``rt.forward``, ``rt.bptt``, ``rt.attention``, ``rt.positional``, ``rt.train`` and
``rt.generate`` take the options of the commands of the same name, as keywords (``--gru-variant torch`` is ``gru_variant="torch"``, a
flag is ``True``, ``--no-gradcheck`` is ``gradcheck=False``, ``--lang es`` is ``lang="es"``).
They run the command itself, so every option means the same and every bad input raises the
same ``rnntrace.errors.InputError`` the command reports in one line; the command stops where it
would print and hands back what it computed, as a ``Trace``.

The six names are also the package's modules that compute them (``rnntrace.forward.run``):
``rnntrace/__init__.py`` makes those modules callable, so ``rt.forward(...)`` and
``from rnntrace import forward; forward.run(...)`` both keep working.
"""
from __future__ import annotations

import types

COMMANDS = ("forward", "bptt", "attention", "positional", "train", "generate")
CAPTURE_KEY = "rnntrace.api"  # where a command run from Python leaves what emit would have printed


class Trace:
    """What a command computed: ``trace`` (the core's trace: numpy arrays; its attributes are
    this object's too, ``tr.steps``, ``tr.params``, ``tr.loss`` …), ``document`` (the pages every
    view draws), ``to_dict()`` / ``to_json()`` (the command's JSON). In Jupyter it shows as its
    document; ``page(k)`` is one page of it."""

    def __init__(self, command: str, trace, document, json_document, lang: str, theme: str = "light"):
        self.command, self.trace, self.document = command, trace, document
        self._json, self._lang, self.theme = json_document, lang, theme

    def __getattr__(self, name: str):
        if name.startswith("__") or name in ("trace", "document", "_json", "_lang", "theme", "command"):
            raise AttributeError(name)
        return getattr(self.trace, name)

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(dir(self.trace)))

    def __repr__(self) -> str:
        pages = len(self.document.pages) if self.document is not None else 0
        return f"<rnntrace.Trace {self.command}: {self.document.title!r}, {pages} pages>"

    def to_dict(self) -> dict:
        """The command's JSON document (``--format json``) as Python data."""
        from rnntrace.i18n import get_lang, set_lang
        from rnntrace.render.jsondoc import plain

        previous = get_lang()
        set_lang(self._lang)
        try:
            return plain(self._json())
        finally:
            set_lang(previous)

    def to_json(self) -> str:
        """Exactly what ``--format json`` prints."""
        from rnntrace.output import json_text

        return json_text(self.to_dict())

    @property
    def pages(self) -> list:
        return self.document.pages

    def page(self, k: int) -> "PageView":
        """Page ``k`` (0-based: 0 the opening, then the steps, the closing last), for display."""
        return PageView(self, [self.document.pages[k]])

    def _repr_html_(self) -> str:
        from rnntrace.render import html

        return html.fragment(self.document, theme=self.theme)


class PageView:
    """Some pages of a trace's document, displayed as HTML in a notebook."""

    def __init__(self, trace: Trace, pages: list):
        self.trace, self.pages = trace, pages

    def __repr__(self) -> str:
        return "\n".join(f"<rnntrace page {p.kind}: {p.label}>" for p in self.pages)

    def _repr_html_(self) -> str:
        from rnntrace.render import html

        return html.fragment(self.trace.document, self.pages, theme=self.trace.theme)


def run(command: str, options: dict) -> Trace:
    """Run ``rnntrace COMMAND`` with ``options`` (keywords as above) and return its Trace."""
    import click

    from rnntrace.cli import main
    from rnntrace.errors import InputError
    from rnntrace.i18n import get_lang, set_lang

    cmd = main.commands[command]
    args = arguments(cmd, options)
    previous = get_lang()
    try:
        ctx = cmd.make_context(f"rnntrace {command}", args)
        box: dict = {}
        ctx.meta[CAPTURE_KEY] = box
        with ctx:
            cmd.invoke(ctx)
        return Trace(command, box.get("trace"), box.get("doc"), box["json"], get_lang(),
                     options.get("theme", "light"))
    except click.UsageError as e:  # an unknown choice, a value of the wrong type
        raise InputError(e.format_message()) from None
    finally:
        set_lang(previous)


def arguments(cmd, options: dict) -> list[str]:
    """Keywords as the command line: ``cell="gru"`` → ``--cell gru``, ``explain=True`` →
    ``--explain``, ``gradcheck=False`` → ``--no-gradcheck``; None leaves an option out."""
    import click

    from rnntrace.errors import InputError
    from rnntrace.i18n import t

    # what the command prints or saves is not the API's business: it returns the Trace instead
    params = {_keyword(p): p for p in cmd.params
              if isinstance(p, click.Option) and _keyword(p) not in ("format", "step", "export", "help")}
    args: list[str] = []
    for key, value in options.items():
        p = params.get(key)
        if p is None:
            raise InputError(t("views.api.unknown_option", name=key, command=cmd.name, names=", ".join(sorted(params))))
        if value is None:
            continue
        flag = p.opts[0]
        if p.is_flag and p.secondary_opts:  # --gradcheck/--no-gradcheck
            args.append(flag if value else p.secondary_opts[0])
        elif p.is_flag:
            if value:
                args.append(flag)
        else:
            args += [flag, str(value)]
    return args


def _keyword(p) -> str:
    """An option's keyword: its long flag in Python's spelling (``--gru-variant`` → ``gru_variant``,
    ``--t`` → ``t``)."""
    flag = max((o for o in p.opts if o.startswith("--")), key=len, default=p.opts[0])
    return flag.lstrip("-").replace("-", "_")


def take(doc, json_document, trace) -> bool:
    """In ``output.emit``: when the running command was called from Python, keep what it built
    for the caller (and print nothing). False on the command line."""
    import click

    ctx = click.get_current_context(silent=True)
    box = ctx.meta.get(CAPTURE_KEY) if ctx is not None else None
    if box is None:
        return False
    box.update(doc=doc, json=json_document, trace=trace)
    return True


class CommandModule(types.ModuleType):
    """``rnntrace.forward`` and its siblings: the module that computes the trace, callable as
    the command (``rnntrace.forward(cell="gru")``)."""

    def __call__(self, **options) -> Trace:
        """Run the command of this name with ``options`` (the command's options as keywords) and
        return its Trace; see ``rnntrace.api``."""
        return run(self.__name__.rsplit(".", 1)[1], options)
