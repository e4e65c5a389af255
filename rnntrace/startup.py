"""Ctrl-C while rnntrace's modules load: ``rnntrace.cli`` imports this module first, so a Ctrl-C
before click can catch one ends with click's own line ("Aborted!") and status 1, as it does once
a command runs, instead of a traceback from the middle of an import. ``restore`` (called when
the CLI's modules are loaded) gives Ctrl-C back to Python's handler, which click catches."""
import signal
import sys


def _interrupted(signum, frame):
    try:
        from rnntrace.i18n import t

        sys.stderr.write(t("click.aborted") + "\n")
    finally:
        raise SystemExit(1)


_previous = signal.signal(signal.SIGINT, _interrupted)


def restore() -> None:
    signal.signal(signal.SIGINT, _previous)
