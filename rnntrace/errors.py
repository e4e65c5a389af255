"""The one exception type that means "the user's input is wrong", and what a bug looks like."""
from __future__ import annotations

DEBUG_VARIABLE = "RNNTRACE_DEBUG"  # =1: an internal error raises its traceback (for developers)


class InputError(Exception):
    """Bad input or usage. The CLI prints its message as one line on stderr and exits with 2.

    The message names the file, field or option and says what was expected.
    """


def report_internal(exc: Exception, command: str | None) -> None:
    """An exception rnntrace did not expect (a bug, not bad input): one line on stderr that names
    a file holding the traceback to attach to a bug report, then exit status 1. With
    ``RNNTRACE_DEBUG=1`` it returns instead, and the caller re-raises the traceback."""
    import os
    import sys

    if os.environ.get(DEBUG_VARIABLE, "") not in ("", "0"):
        return
    import click

    from rnntrace.i18n import t

    reason = " ".join(f"{type(exc).__name__}: {exc}".split())
    if len(reason) > 200:
        reason = reason[:199] + "…"
    path = _write_report(exc)
    prog = "rnntrace" + (f" {command}" if command else "")
    key = "errors.internal" if path else "errors.internal_unsaved"
    click.echo(f"{prog}: {t('errors.prefix')}: {t(key, reason=reason, file=path, var=DEBUG_VARIABLE)}", err=True)
    sys.exit(1)


def _write_report(exc: Exception) -> str | None:
    """The traceback, the version and the command line, in a new file in the temporary folder;
    its path, or None when it cannot be written."""
    import platform
    import sys
    import tempfile
    import traceback

    from rnntrace import __version__

    text = "".join([f"rnntrace {__version__}, Python {platform.python_version()}, {platform.platform()}\n",
                    "argv: " + " ".join(sys.argv) + "\n\n", *traceback.format_exception(exc)])
    try:
        fd, path = tempfile.mkstemp(prefix="rnntrace-bug-", suffix=".txt")
        with open(fd, "w", encoding="utf-8") as f:
            f.write(text)
    except OSError:
        return None
    return path
