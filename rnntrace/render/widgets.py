"""Tables that never draw wider than the console and never break a number: they pick the columns
that fit, narrow their text columns (wrapping text at spaces), and split into pieces of columns,
each led by the row labels, when even that is too wide."""
from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.cells import cell_len
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
    simple = Simple.of(table)
    if simple is not None:
        return simple.natural <= options.max_width
    natural = Measurement.get(console, options.update_width(100_000), table).maximum
    return natural <= options.max_width


def _draw(console: Console, options: ConsoleOptions, table: Table) -> RenderResult:
    """``table`` as rich draws it: straight to segments when it is simple and fits (``Simple``)."""
    simple = Simple.of(table)
    if simple is not None and simple.natural <= options.max_width:
        yield from simple.draw(console, options)
    else:
        yield table


_SIMPLE: "weakref.WeakKeyDictionary[Table, Simple | None]" = weakref.WeakKeyDictionary()  # Simple.of, once a table


class Simple:
    """A rich table drawn without rich's layout: one whose every cell is a one-line ``Text`` with
    no spans or justification of its own (nor a tab, a wide character, or a space at either
    end), in ``left`` or ``right`` columns of no set width, with no footer, caption, row styles
    or lines between rows, drawn at its natural width. Its segments are the ones rich's
    ``Table`` yields for it (a 1,000-word ``forward`` ends with a 1,000-row table, which rich
    took 0.6 s to measure twice and draw cell by cell); tests/test_fastdraw.py compares the two.
    ``of`` returns None for any other table, which rich then draws."""

    def __init__(self, table: Table, widths: list[int], pads: list[tuple[int, int]]):
        self.table, self.widths, self.pads = table, widths, pads
        extra = (2 if table.box and table.show_edge else 0) + (len(widths) - 1 if table.box else 0)
        self.natural = sum(widths) + extra

    @classmethod
    def of(cls, table: Table) -> "Simple | None":
        from rich.text import Text

        if table in _SIMPLE:
            return _SIMPLE[table]
        simple = None
        top, right, bottom, left = table.padding
        if (table.columns and table.width is None and not table.expand and not table.show_footer
                and not table.show_lines and not table.leading and not table.row_styles
                and table.style in (None, "", "none") and table.border_style in (None, "", "none")
                and table.caption is None and not top and not bottom
                and all(r.style is None for r in table.rows)):
            widths: list[int] | None = []
            pads = []
            n = len(table.columns)
            for j, column in enumerate(table.columns):
                texts = ([column.header] if table.show_header else []) + list(column._cells)
                if (column.justify not in ("left", "right") or column.width is not None or column.style
                        or column.min_width is not None or column.max_width is not None or column.ratio
                        or column.header_style or column.vertical != "top"
                        or not all(type(x) is Text and not x.spans and x.justify is None and _plain_line(x.plain)
                                   for x in texts)):
                    widths = None
                    break
                lo, hi = left, right
                if table.collapse_padding and j:
                    lo = max(0, lo - hi)
                if not table.pad_edge:
                    lo = 0 if j == 0 else lo
                    hi = 0 if j == n - 1 else hi
                pads.append((lo, hi))
                widths.append((max(len(x.plain) for x in texts) if texts else 0) + lo + hi or 1)
            if widths is not None and all(len(c._cells) == len(table.rows) for c in table.columns):
                simple = cls(table, widths, pads)
        _SIMPLE[table] = simple
        return simple

    def draw(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.segment import Segment
        from rich.style import Style

        table, widths = self.table, self.widths
        render_options = options.update(width=self.natural, highlight=table.highlight, height=None)
        if table.title:
            title = table.title
            if isinstance(title, str):
                title = console.render_str(title, style=Style.pick_first(table.title_style, "table.title"),
                                           highlight=False)
            yield from console.render(title, render_options.update(justify=table.title_justify))
        box = table.box.substitute(render_options, safe=table.safe_box if table.safe_box is not None
                                   else console.safe_box) if table.box else None
        if box and not table.show_header:
            box = box.get_plain_headed_box()
        edge = table.show_edge
        new_line = Segment.line()
        get_style = console.get_style
        null = Style.null()
        header_style = get_style(table.header_style or "")
        columns = table.columns
        inner = [w - lo - hi for w, (lo, hi) in zip(widths, self.pads)]
        if box and edge:
            yield Segment(box.get_top(widths), null)
            yield new_line
        rows = [(True, [c.header for c in columns])] if table.show_header else []
        rows += [(False, [c._cells[i] for c in columns]) for i in range(len(table.rows))]
        last = len(rows) - 1
        for index, (head, cells) in enumerate(rows):
            if box:
                left, right, divider = ((box.head_left, box.head_right, box.head_vertical) if index == 0 else
                                        (box.foot_left, box.foot_right, box.foot_vertical) if index == last else
                                        (box.mid_left, box.mid_right, box.mid_vertical))
                if edge:
                    yield Segment(left, null)
            for j, (text, column, (lo, hi), room) in enumerate(zip(cells, columns, self.pads, inner)):
                if j and box:
                    yield Segment(divider, null)
                pad = header_style if head else null
                plain = text.plain
                body = plain.ljust(room) if column.justify == "left" else plain.rjust(room)
                if lo:
                    yield Segment(" " * lo, pad)
                style = pad + get_style(text.style) if text.style else (pad if pad else None)
                yield Segment(body, style)
                if hi:
                    yield Segment(" " * hi, pad)
            if box and edge:
                yield Segment(right, null)
            yield new_line
            if box and head:
                yield Segment(box.get_row(widths, "head", edge=edge), null)
                yield new_line
            elif box and not head and table.rows[index - (1 if table.show_header else 0)].end_section and index < last:
                yield Segment(box.get_row(widths, "row", edge=edge), null)
                yield new_line
        if box and edge:
            yield Segment(box.get_bottom(widths), null)
            yield new_line


def _plain_line(text: str) -> bool:
    """One line a rich ``Text`` draws as it is: no line break or tab, no space at either end, no
    character wider (or narrower) than one cell."""
    return "\n" not in text and "\t" not in text and text == text.strip() and cell_len(text) == len(text)


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
                yield from _draw(console, options, table)
                return
        cols = self._choices[-1]
        table = self._table(console, options, cols)
        if table is not None:
            yield from _draw(console, options, table)
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
            yield from _draw(console, options, table)
            start = end

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self._build(self._labels + self._choices[0], self._compact,
                                                             self._nowrap))
