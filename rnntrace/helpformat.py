"""``--help`` at the terminal's width, narrow ones included. click lays its help out at least 50
columns wide (a 40-column terminal then wraps every long line a second time) and keeps each
option's description in a second column however narrow it gets (four characters a line for
``quiz --help`` at 40 columns). Here the help follows the terminal down to 30 columns, and where
that second column would be narrower than ``NARROW`` each option's description goes on the lines
under it, indented, as wide as the terminal allows. Imports only click (``rnntrace --help`` stays
instant)."""
from __future__ import annotations

import re

import click
from click import formatting

MIN_WIDTH = 30  # narrower than this the help is laid out at 30 (the terminal wraps it)
NARROW = 20  # a description column narrower than this goes under its option instead
KEPT = re.compile(r"\[[^\[\]]*\]$")  # the bracket at the end of an option's help: [default: 5]
UNDER = 4  # how far a description under its option is indented, past the option


class HelpFormatter(click.HelpFormatter):
    def __init__(self, indent_increment: int = 2, width: int | None = None, max_width: int | None = None):
        if width is None and formatting.FORCED_WIDTH is None:
            import shutil

            width = max(min(shutil.get_terminal_size().columns, max_width or 80) - 2, MIN_WIDTH)
        super().__init__(indent_increment, width, max_width)

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        """The usage on one line when it fits (click breaks it once the line is narrower than its
        prefix and 20 more, "Usage: rnntrace quiz" above an indented "[OPTIONS]"), else click's."""
        width, start = self.width, len(self.buffer)
        self.width = 10_000
        try:
            super().write_usage(prog, args, prefix)
        finally:
            self.width = width
        if formatting.term_len("".join(self.buffer[start:]).rstrip("\n")) <= width:
            return
        del self.buffer[start:]
        super().write_usage(prog, args, prefix)

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first = min(max((formatting.term_len(term) for term, _ in rows), default=0), col_max) + col_spacing
        if self.width - first - 2 >= NARROW:  # click's own layout: the description beside its option
            super().write_dl(rows, col_max, col_spacing)
            return
        lead = " " * (self.current_indent + UNDER)
        for term, text in rows:
            self.write(f"{'':>{self.current_indent}}{term}\n")
            if text:  # click's "[default: 0]" at the end stays on one line (a no-break space while wrapping)
                text = KEPT.sub(lambda m: m.group(0).replace(" ", "\xa0"), text)
                wrapped = formatting.wrap_text(text, max(self.width, len(lead) + 10), initial_indent=lead,
                                               subsequent_indent=lead, preserve_paragraphs=True)
                self.write(wrapped.replace("\xa0", " ") + "\n")


class Context(click.Context):
    """click's context with rnntrace's help layout."""

    formatter_class = HelpFormatter
