"""Tables that never draw wider than the console and never break a number: they pick the columns
that fit, narrow their text columns (wrapping text at spaces), and split into pieces of columns,
each led by the row labels, when even that is too wide."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.table import Table


@dataclass
class Sizes:
    """Per column of a table, its content's width: ``natural`` (every cell on its line),
    ``soft`` (the narrowest with no word broken) and ``hard`` (the narrowest with no number, or
    any word holding a digit, broken: text may fold)."""

    natural: list[int]
    soft: list[int]
    hard: list[int]


Build = Callable[[list[int], bool, bool], Table]  # (columns, compact, nowrap) → the table


def _fits(console: Console, options: ConsoleOptions, table: Table) -> bool:
    natural = Measurement.get(console, options.update_width(100_000), table).maximum
    return natural <= options.max_width


def narrowed(natural: list[int], floor: list[int], room: int) -> list[int] | None:
    """Column widths that add up to at most ``room``: the widest column narrowed first, one cell
    at a time, none below its ``floor``; None when the floors alone need more than ``room``."""
    if sum(floor) > room:
        return None
    widths = list(natural)
    for _ in range(sum(widths) - room):
        j = max((k for k in range(len(widths)) if widths[k] > floor[k]), key=lambda k: widths[k])
        widths[j] -= 1
    return widths


def squeezed(console: Console, options: ConsoleOptions, table: Table, natural: list[int],
             floor: list[int]) -> Table | None:
    """``table`` with fixed column widths that fit the console, its cells wrapping within them
    (never narrower than ``floor``), or None when they cannot."""
    overhead = Measurement.get(console, options.update_width(100_000), table).maximum - sum(natural)
    widths = narrowed(natural, floor, options.max_width - overhead)
    if widths is None:
        return None
    for column, width in zip(table.columns, widths):
        column.width, column.no_wrap, column.overflow = width, False, "fold"
    return table


class FittedTable:
    """A table built by ``build(columns, compact, nowrap)`` from a list of column indices: the
    ``labels`` (always shown, first) and others. ``choices`` lists the sets of the other columns
    to try, widest first, each drawn as the document asks (``compact``, ``nowrap``) when it fits.
    Else the last choice is drawn with one space between columns; else with its text columns
    narrowed (text wrapping at spaces, numbers whole: ``sizes(columns)``); else as several tables
    one under the other, each with the labels and the next columns that fit (``piece(columns)``,
    when given, is a line to write above each such piece, or None). A number is never cut short
    with "…" nor folded over two lines."""

    def __init__(self, build: Build, sizes: Callable[[list[int]], Sizes], labels: list[int],
                 choices: list[list[int]], compact: bool, nowrap: bool,
                 piece: Callable[[list[int]], RenderableType | None] | None = None):
        self._build, self._sizes, self._labels, self._choices = build, sizes, labels, choices
        self._compact, self._nowrap, self._piece = compact, nowrap, piece

    def _table(self, console: Console, options: ConsoleOptions, cols: list[int], hard: bool = False) -> Table | None:
        """The labels and ``cols`` as one table that fits the console, or None."""
        every = self._labels + cols
        for compact in dict.fromkeys((self._compact, True)):
            table = self._build(every, compact, self._nowrap)
            if _fits(console, options, table):
                return table
        sizes = self._sizes(every)
        return squeezed(console, options, self._build(every, True, False), sizes.natural,
                        sizes.hard if hard else sizes.soft)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for cols in self._choices[:-1]:
            table = self._build(self._labels + cols, self._compact, self._nowrap)
            if _fits(console, options, table):
                yield table
                return
        cols = self._choices[-1]
        table = self._table(console, options, cols)
        if table is not None:
            yield table
            return
        start = 0
        while start < len(cols):
            end = start + 1
            table = self._table(console, options, cols[start:end])
            while end < len(cols):
                wider = self._table(console, options, cols[start:end + 1])
                if wider is None:
                    break
                table, end = wider, end + 1
            if table is None:  # one column with its labels: their text folds, their numbers do not
                table = self._table(console, options, cols[start:end], hard=True)
            if table is None:  # wider than the console even so: drawn whole, cut at its edge
                table = self._build(self._labels + cols[start:end], True, True)
            line = self._piece(cols[start:end]) if self._piece else None
            if line is not None and self._labels:
                yield line
            yield table
            start = end

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self._build(self._labels + self._choices[0], self._compact,
                                                             self._nowrap))
