"""The options several commands share, as click decorators and the dataclasses they fill.

The commands import this module; ``cli`` imports the commands (and never the other way round).
``output_options`` (how the result is shown or saved: --format, --step, --explain, --export),
``trace_options`` (the tracing commands' options, output_options included), ``precision_option``
and ``lang_option``. Help texts are built when the decorators run, so the language is set (from
``sys.argv``) when this module is imported.
"""
from __future__ import annotations

import functools
import sys
from dataclasses import dataclass

import click

from rnntrace.choices import CELLS, CONVENTIONS, FORMATS, GRU_VARIANTS
from rnntrace.errors import InputError
from rnntrace.i18n import LANGS, install_click_translations, resolve_lang, set_lang, t
from rnntrace.output import EXPORT_EXTENSIONS, META_KEY, OutputOptions

set_lang(resolve_lang(sys.argv[1:]))  # --help text is built now, so the language must be known
install_click_translations()  # click's own texts (Usage:, Error:, …) from the catalogue too

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
MAX_SEED = 2**63 - 1


def _set_lang(ctx, param, value):
    if value:
        set_lang(value)
    return value


lang_option = click.option("--lang", type=click.Choice(LANGS), callback=_set_lang, expose_value=False,
                           is_eager=True, help=t("help.opt.lang"))


@dataclass
class TraceOptions:
    """The options every tracing command shares."""

    example: str
    sentence: str | None
    cell: str | None
    gru_variant: str | None  # None until the example is loaded: --gru-variant, else the example's
    convention: str
    seed: int | None
    precision: int
    fmt: str
    output: OutputOptions | None = None
    variant_given: bool = False  # --gru-variant was on the command line (an example's own is never an error)

    def __post_init__(self):
        self.variant_given = self.gru_variant is not None

    def load_example(self):
        """The example, with ``--sentence`` applied."""
        from rnntrace import examples

        ex = examples.load(self.example)
        self.gru_variant = ex.variant_for(self.gru_variant)
        if self.sentence is not None:
            ex = ex.with_sentence(self.sentence.split())
        return ex

    def check_gru_variant(self, cell: str, hint: str = "") -> None:
        """``--gru-variant torch`` with a cell that is not a GRU is an error (it would be ignored);
        ``hint`` names another way the option is taken (bptt's ``--compare``)."""
        from rnntrace.cells import unused_variant

        if self.variant_given and unused_variant(cell, self.gru_variant):
            raise InputError(t("errors.gru_variant_cell", variant=self.gru_variant,
                               cell=t(f"common.cell.{cell}"), compare=hint))


def check_range(option: str, value, lo, hi):
    if value is not None and not lo <= value <= hi:
        raise InputError(t("errors.option_range", option=option, value=value, lo=lo, hi=hi))
    return value


def check_output(out: OutputOptions) -> None:
    """Refuse combinations of output options that cannot work, before anything is computed."""
    import os

    from rnntrace.render import export
    from rnntrace.safeio import check_target

    export.check(out.export, out.theme)  # --theme, and --export DIR/ (one SVG per page)
    if out.export is not None and not export.is_folder(out.export):
        check_target(out.export)
        ext = os.path.splitext(out.export)[1].lower()
        if ext not in EXPORT_EXTENSIONS:
            raise InputError(t("teach.export.bad_extension", file=out.export, ext=ext,
                               exts=", ".join(EXPORT_EXTENSIONS)))
        # a missing folder is known now, not after the work (nor after train --save wrote its file)
        if not os.path.isdir(os.path.dirname(os.path.realpath(out.export))):
            raise InputError(t("teach.export.cannot_write", file=out.export, reason=t("views.export.no_parent")))
    if out.step and out.fmt != "rich":
        raise InputError(t("teach.export.step_format", fmt=out.fmt))
    if out.explain and out.fmt == "json":
        raise InputError(t("teach.export.explain_json"))
    if out.steps is not None and out.brief:
        raise InputError(t("teach.view.both"))
    if out.fmt == "json" and (out.steps is not None or out.brief):
        raise InputError(t("teach.view.json", option="--t" if out.steps is not None else "--brief"))
    if out.fmt == "rich":  # a console too narrow for whole numbers, or that cannot encode them: said before anything runs
        from rnntrace.output import make_console
        from rnntrace.render.matrix import require_width

        console = make_console()
        require_width(console.width)
        check_encoding(console.file, "errors.stdout_encoding.formats")


# what every rich trace draws with: a rule, a matrix bracket, a product's dot, a minus sign, an arrow, an ellipsis
TRACE_SYMBOLS = "\u2500\u23a1\u00b7\u2212\u2192\u2026"


def check_encoding(stream, hint: str) -> None:
    """Refuse a stream whose encoding cannot write TRACE_SYMBOLS (an ASCII or Latin-1 locale,
    PYTHONIOENCODING=ascii) before anything is computed: the print failed half-way with a
    UnicodeEncodeError, after an --export had been written. ``hint``: the catalogue key of the
    formats that can still be written there."""
    encoding = getattr(stream, "encoding", None)
    if not encoding:
        return
    try:
        TRACE_SYMBOLS.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        raise InputError(t("errors.stdout_encoding", encoding=encoding, hint=t(hint))) from None


def parse_steps(value: str | None) -> tuple[int, int] | None:
    """``--t 3`` → (3, 3), ``--t 2-3`` → (2, 3); a malformed value or a range that runs backwards
    is an InputError (whether the steps exist is known once the trace is: ``output.check_steps``)."""
    if value is None:
        return None
    import re

    m = re.fullmatch(r"\s*(\d+)\s*(?:[-–]\s*(\d+)\s*)?", value)
    if m is None or int(m[1]) < 1:
        raise InputError(t("teach.view.t_format", value=value))
    lo, hi = int(m[1]), int(m[2] or m[1])
    if hi < lo:
        raise InputError(t("teach.view.t_order", value=value, lo=hi, hi=lo))
    return lo, hi


def output_options(f):
    """Adds --format, --step, --explain and --export; passes them to the command as one
    ``OutputOptions`` (keyword ``output``) and leaves it in click's context, where
    ``output.emit`` finds it, so ``emit(fmt, sections, document)`` needs nothing more."""
    @click.option("--format", "fmt", type=click.Choice(FORMATS), default="rich", show_default=True,
                  help=t("help.opt.format"))
    @click.option("--step", is_flag=True, help=t("help.opt.step"))
    @click.option("--t", "t_steps", metavar="N|A-B", help=t("help.opt.t"))
    @click.option("--brief", is_flag=True, help=t("help.opt.brief"))
    @click.option("--explain", is_flag=True, help=t("help.opt.explain"))
    @click.option("--export", metavar="FILE|DIR/", help=t("help.opt.export"))
    @click.option("--theme", default="light", metavar="light|dark", help=t("views.opt.theme"))
    @functools.wraps(f)
    def wrapper(*args, fmt, step, t_steps, brief, explain, export, theme, **kwargs):
        out = OutputOptions(fmt=fmt, step=step, explain=explain, export=export, steps=parse_steps(t_steps),
                            brief=brief, theme=theme)
        check_output(out)
        click.get_current_context().meta[META_KEY] = out
        return f(*args, output=out, **kwargs)

    return wrapper


# --gru-variant, unset unless given: ``Example.variant_for`` then takes the example's own
gru_variant_option = click.option("--gru-variant", type=click.Choice(GRU_VARIANTS),
                                  show_default=t("help.gru_variant_default"), help=t("help.opt.gru_variant"))


def trace_options(f):
    """Adds the shared options (``output_options`` among them) and passes them to the command as
    one ``TraceOptions``."""
    @click.option("--example", "-e", default="lecture", show_default=True, metavar="NAME|FILE",
                  help=t("help.opt.example"))
    @click.option("--sentence", "-s", metavar='"W1 W2 …"', help=t("help.opt.sentence"))
    @click.option("--cell", "-c", type=click.Choice(CELLS), help=t("help.opt.cell"))
    @gru_variant_option
    @click.option("--convention", type=click.Choice(CONVENTIONS), default="row", show_default=True,
                  help=t("help.opt.convention"))
    @click.option("--seed", type=int, help=t("help.opt.seed"))
    @click.option("--precision", "-p", type=int, default=4, show_default=True, help=t("help.opt.precision"))
    @output_options
    @lang_option
    @functools.wraps(f)
    def wrapper(example, sentence, cell, gru_variant, convention, seed, precision, output, **kwargs):
        check_range("--precision", precision, 1, 15)
        check_range("--seed", seed, 0, MAX_SEED)
        opts = TraceOptions(example, sentence, cell, gru_variant, convention, seed, precision, output.fmt,
                            output)
        return f(opts, **kwargs)

    return wrapper


def precision_option(f):
    """--precision, as the tracing commands write it."""
    @click.option("--precision", "-p", type=int, default=4, show_default=True, help=t("help.opt.precision"))
    @functools.wraps(f)
    def wrapper(precision, **kwargs):
        check_range("--precision", precision, 1, 15)
        return f(precision=precision, **kwargs)

    return wrapper
