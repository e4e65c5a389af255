"""A table that picks the columns that fit the console."""
from __future__ import annotations

from collections.abc import Callable

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.table import Table


class FittedTable:
    """A table built by ``build(columns)`` from a list of column indices (the row labels are the
    builder's to add); ``choices`` lists the column sets to try, widest first. When even the last
    does not fit, it is drawn as several tables one under the other, each with the row labels and
    the next columns that fit, so no number is ever cut short with "…"; ``piece(columns)``, when
    given, is a line to write above each such piece (which columns it holds), or None."""

    def __init__(self, build: Callable[[list[int]], Table], choices: list[list[int]],
                 piece: Callable[[list[int]], RenderableType | None] | None = None):
        self._build, self._choices, self._piece = build, choices, piece

    @staticmethod
    def _fits(console: Console, options: ConsoleOptions, table: Table) -> bool:
        natural = Measurement.get(console, options.update_width(100_000), table).maximum
        return natural <= options.max_width

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for cols in self._choices:
            table = self._build(cols)
            if self._fits(console, options, table):
                yield table
                return
        cols = self._choices[-1]
        start = 0
        while start < len(cols):
            end = start + 1
            while end < len(cols) and self._fits(console, options, self._build(cols[start:end + 1])):
                end += 1
            line = self._piece(cols[start:end]) if self._piece else None
            if line is not None:
                yield line
            yield self._build(cols[start:end])
            start = end


class NarrowingTable:
    """A table built by ``build(compact, nowrap)`` that never draws wider than the console:
    as built (``compact``/``nowrap`` as the document asked) when it fits; else with one space
    between columns; else with its cells allowed to wrap at spaces (a vector over two lines), so
    rich never cuts a number short with "…" nor draws a rule wider than the terminal."""

    def __init__(self, build: Callable[[bool, bool], Table], compact: bool, nowrap: bool):
        self._build, self._compact, self._nowrap = build, compact, nowrap

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for compact, nowrap in ((self._compact, self._nowrap), (True, self._nowrap)):
            table = self._build(compact, nowrap)
            if FittedTable._fits(console, options, table):
                yield table
                return
        yield self._build(True, False)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self._build(self._compact, self._nowrap))
