"""The command line: parse options, call the core, print once.

Heavy imports (numpy, rich) happen inside the commands, so ``rnntrace --help`` stays instant.
Options shared by several commands come from decorators: ``output_options`` (how the result is
shown or saved: --format, --step, --explain, --export) and ``trace_options`` (the tracing
commands' options, output_options included).
"""
from __future__ import annotations

from rnntrace import startup  # first: a Ctrl-C while the rest loads is one line, not a traceback

import functools
import sys
from dataclasses import dataclass

import click

from rnntrace import __version__
from rnntrace.choices import CELLS, CONVENTIONS, FORMATS, GRU_VARIANTS
from rnntrace.errors import InputError
from rnntrace.i18n import LANGS, install_click_translations, resolve_lang, set_lang, t
from rnntrace.output import EXPORT_EXTENSIONS, META_KEY, OutputOptions

set_lang(resolve_lang(sys.argv[1:]))  # --help text is built now, so the language must be known
install_click_translations()  # click's own texts (Usage:, Error:, …) from the catalogue too

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
MAX_SEED = 2**63 - 1


class Group(click.Group):
    """Turns an InputError anywhere below into one line on stderr and exit status 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except InputError as e:
            from rnntrace.output import fail

            fail(str(e), ctx.invoked_subcommand)
        except BrokenPipeError:  # `rnntrace forward | head`: the reader left; not an error
            sys.stderr.close()
            sys.exit(0)
        except OSError as e:  # the system refused, e.g. a full disk under stdout: one line, exit 2
            from rnntrace.output import fail

            _discard_stdout()
            where = f" ({e.filename})" if e.filename else t("errors.io.stdout")
            fail(t("errors.io", reason=e.strerror or type(e).__name__, file=where), ctx.invoked_subcommand)


def _discard_stdout() -> None:
    """Point stdout at /dev/null, so the final flush at exit does not fail a second time."""
    import os

    try:
        fd = sys.stdout.fileno()
    except (AttributeError, ValueError, OSError):  # not a real file (click's test runner)
        return
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, fd)
    os.close(null)


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
    gru_variant: str
    convention: str
    seed: int | None
    precision: int
    fmt: str
    output: OutputOptions | None = None

    def load_example(self):
        """The example, with ``--sentence`` applied."""
        from rnntrace import examples

        ex = examples.load(self.example)
        if self.sentence is not None:
            ex = ex.with_sentence(self.sentence.split())
        return ex

    def check_gru_variant(self, cell: str, hint: str = "") -> None:
        """``--gru-variant torch`` with a cell that is not a GRU is an error (it would be ignored);
        ``hint`` names another way the option is taken (bptt's ``--compare``)."""
        if self.gru_variant != "lecture" and cell != "gru":
            raise InputError(t("errors.gru_variant_cell", variant=self.gru_variant,
                               cell=t(f"common.cell.{cell}"), compare=hint))


def check_range(option: str, value, lo, hi):
    if value is not None and not lo <= value <= hi:
        raise InputError(t("errors.option_range", option=option, value=value, lo=lo, hi=hi))
    return value


def check_output(out: OutputOptions) -> None:
    """Refuse combinations of output options that cannot work, before anything is computed."""
    import os

    from rnntrace.safeio import check_target

    if out.export is not None:
        check_target(out.export)
        ext = os.path.splitext(out.export)[1].lower()
        if ext not in EXPORT_EXTENSIONS:
            raise InputError(t("teach.export.bad_extension", file=out.export, ext=ext,
                               exts=", ".join(EXPORT_EXTENSIONS)))
    if out.step and out.fmt != "rich":
        raise InputError(t("teach.export.step_format", fmt=out.fmt))
    if out.explain and out.fmt == "json":
        raise InputError(t("teach.export.explain_json"))
    if out.fmt == "rich":  # a console too narrow for whole numbers: said before anything runs
        from rnntrace.output import make_console
        from rnntrace.render.matrix import require_width

        require_width(make_console().width)


def output_options(f):
    """Adds --format, --step, --explain and --export; passes them to the command as one
    ``OutputOptions`` (keyword ``output``) and leaves it in click's context, where
    ``output.emit`` finds it, so ``emit(fmt, sections, document)`` needs nothing more."""
    @click.option("--format", "fmt", type=click.Choice(FORMATS), default="rich", show_default=True,
                  help=t("help.opt.format"))
    @click.option("--step", is_flag=True, help=t("help.opt.step"))
    @click.option("--explain", is_flag=True, help=t("help.opt.explain"))
    @click.option("--export", metavar="FILE", help=t("help.opt.export"))
    @functools.wraps(f)
    def wrapper(*args, fmt, step, explain, export, **kwargs):
        out = OutputOptions(fmt=fmt, step=step, explain=explain, export=export)
        check_output(out)
        click.get_current_context().meta[META_KEY] = out
        return f(*args, output=out, **kwargs)

    return wrapper


def trace_options(f):
    """Adds the shared options (``output_options`` among them) and passes them to the command as
    one ``TraceOptions``."""
    @click.option("--example", "-e", default="lecture", show_default=True, metavar="NAME|FILE",
                  help=t("help.opt.example"))
    @click.option("--sentence", "-s", metavar='"W1 W2 …"', help=t("help.opt.sentence"))
    @click.option("--cell", "-c", type=click.Choice(CELLS), help=t("help.opt.cell"))
    @click.option("--gru-variant", type=click.Choice(GRU_VARIANTS), default="lecture", show_default=True,
                  help=t("help.opt.gru_variant"))
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


@click.group(cls=Group, context_settings=CONTEXT_SETTINGS, help=t("help.main"),
             epilog=t("help.main.examples"))
@click.version_option(__version__, "--version", "-V", prog_name="rnntrace", help=t("help.version"))
@lang_option
def main():
    pass


from rnntrace.commands import examples as _examples, forward as _forward  # noqa: E402
from rnntrace.commands import attention as _attention, positional as _positional  # noqa: E402
from rnntrace.commands import quiz as _quiz  # noqa: E402

main.add_command(_forward.command)
main.add_command(_attention.command)
main.add_command(_positional.command)
main.add_command(_quiz.command)
main.add_command(_examples.command)
from rnntrace.commands import bptt as _bptt  # noqa: E402
main.add_command(_bptt.command)
from rnntrace.commands import check as _check, worksheet as _worksheet  # noqa: E402
main.add_command(_check.command)
main.add_command(_worksheet.command)
startup.restore()
