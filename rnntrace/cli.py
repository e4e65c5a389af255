"""The command line: the ``rnntrace`` group and its commands.

Heavy imports (numpy, rich) happen inside the commands, so ``rnntrace --help`` stays instant.
The options the commands share live in ``rnntrace.commands.options``, which the commands import;
this module only builds the group and names the commands (no module imports this one back). A
command's module is imported when the command is looked up (``rnntrace forward`` imports
``rnntrace.commands.forward`` alone; ``--help`` and ``main.commands`` import every one), with its
help texts in the language they had when every module was imported here.
"""
from __future__ import annotations

from rnntrace import startup  # first: a Ctrl-C while the rest loads is one line, not a traceback

import importlib
import os
import sys
import warnings

import click

from rnntrace import __version__
from rnntrace.commands.options import (CONTEXT_SETTINGS, MAX_SEED, TraceOptions, check_output,
                                       check_range, lang_option, output_options, trace_options)
from rnntrace.errors import InputError
from rnntrace.helpformat import Context
from rnntrace.i18n import get_lang, set_lang, t

# every command, each in the module of rnntrace.commands of its name
COMMANDS = ("forward", "attention", "positional", "quiz", "examples", "bptt", "train", "generate", "check",
            "worksheet")
HELP_LANG = get_lang()  # set from sys.argv when rnntrace.commands.options was imported
# numpy's floating-point warnings (IEEE overflow, 0/0, …) and nanmax's of a row of nan, only
FLOAT_WARNINGS = r"(overflow|underflow|invalid value|divide by zero) encountered|All-NaN (slice|axis) encountered"

# One BLAS thread unless the user says otherwise: every product here is small (H ≤ 256, in stacks),
# where a second thread only contends for the cores (benchmarks/bench_cli.py: bptt at H = 64 and
# 256). Set before any command imports numpy, which reads it once.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

# The shared options stay importable from here, as before they moved, for commands written
# against that layout on other branches; new code imports rnntrace.commands.options.
__all__ = ["main", "Group", "CONTEXT_SETTINGS", "MAX_SEED", "TraceOptions", "check_output", "check_range",
           "lang_option", "output_options", "trace_options"]


class Group(click.Group):
    """Turns an InputError anywhere below into one line on stderr and exit status 2, and any
    other exception (a bug) into one line naming a file with its traceback, exit status 1.
    Imports a command's module when the command is first looked up (``COMMANDS``). Its help and
    every command's is laid out by ``rnntrace.helpformat`` (narrow terminals included)."""

    context_class = Context

    @property
    def commands(self) -> dict:
        """Every command, each module imported (what ``api`` and the tests read)."""
        for name in COMMANDS:
            self._load(name)
        return self._loaded

    @commands.setter
    def commands(self, value) -> None:  # click.Group.__init__ sets it
        self._loaded = dict(value)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        return self._load(name) if name in COMMANDS else None

    def _load(self, name: str) -> click.Command:
        if name not in self._loaded:
            lang = get_lang()
            set_lang(HELP_LANG)  # the help texts are built as the module is imported
            try:
                self._loaded[name] = importlib.import_module(f"rnntrace.commands.{name}").command
                self._loaded[name].context_class = Context
            finally:
                set_lang(lang)
        return self._loaded[name]

    def invoke(self, ctx: click.Context):
        try:
            with warnings.catch_warnings():
                # numpy's floating-point warnings ("overflow encountered in multiply") are not for
                # the user: the trace shows the inf or nan itself and says where it comes from
                warnings.filterwarnings("ignore", FLOAT_WARNINGS, RuntimeWarning)
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
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise  # click's own: usage errors, --help, Ctrl-C; click reports them
        except Exception as e:  # a bug: one line naming the saved traceback, exit 1
            from rnntrace.errors import report_internal

            report_internal(e, ctx.invoked_subcommand)  # returns only under RNNTRACE_DEBUG=1
            raise


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


@click.group(cls=Group, context_settings=CONTEXT_SETTINGS, help=t("help.main"),
             epilog=t("help.main.examples"))
@click.version_option(__version__, "--version", "-V", prog_name="rnntrace", help=t("help.version"))
@lang_option
def main():
    pass


startup.restore()
