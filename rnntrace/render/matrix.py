"""Matrices as text blocks, and equations laid out side by side when they fit.

``Equation`` lays its operands out left to right (``x_t · W_xh = x_t·W_xh``) with each operand's
name above it; when that is wider than the console it falls back to one operand per line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style

from rnntrace.notation import as_shown, fmt_array

MIN_WIDTH = 40  # columns: below this a trace is refused (exports are laid out at 40 or more)
NAME_STYLE = "bold cyan"
RESULT_STYLE = "bold"
SHAPE_STYLE = "dim"
BAD_STYLE = "bold red"


def matrix_block(label: str, arr: np.ndarray, precision: int, conv: str = "row", style: str = "") -> "Block":
    """A labelled block of the array as the convention shows it, its cells kept (for splitting)."""
    return Block(label, None, style, fmt_array(as_shown(arr, conv), precision))


def _framed(rows: list[str]) -> list[str]:
    """Rows of a matrix in its brackets: ``[…]`` for one row, ⎡ ⎢ ⎣ … ⎤ ⎥ ⎦ for more."""
    if len(rows) == 1:
        return [f"[{rows[0]}]"]
    return [left + r + right for r, (left, right) in zip(rows, _brackets(len(rows)))]


class Block:
    """One operand: its label and its lines; ``cells``, for a matrix, the numbers its lines show
    (so a block too wide for the console can be split by columns). A matrix's lines are made
    only when they are drawn whole: one split into column ranges is drawn from its cells (a
    256×256 matrix is 65,536 numbers to pad, once)."""

    def __init__(self, label: str, lines: list[str] | None = None, style: str = "",
                 cells: list[list[str]] | None = None):
        self.label, self.style, self.cells = label, style, cells
        self._lines = lines
        self._widths: list[int] | None = None
        self._width: int | None = None
        self._padded: list[list[str]] | None = None

    @property
    def widths(self) -> list[int]:
        """Each column's width (a matrix's)."""
        if self._widths is None:
            cells = self.cells
            self._widths = (list(map(len, cells[0])) if len(cells) == 1  # a vector: most of a trace
                            else [max(map(len, col)) for col in zip(*cells)])
        return self._widths

    @property
    def padded(self) -> list[list[str]]:
        """The cells right-aligned in their columns."""
        if self._padded is None:
            w = self.widths
            self._padded = [[c.rjust(k) for c, k in zip(row, w)] for row in self.cells]
        return self._padded

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = _framed([" ".join(row) for row in self.padded])
        return self._lines

    @property
    def width(self) -> int:
        """The block's width: its label's or its widest line's (measured once: an equation asks
        for it to choose its layout, and again to lay it out)."""
        if self._width is None:
            if self._lines is None and self.cells is not None:
                w = self.widths
                self._width = max(len(self.label), 2 + sum(w) + len(w) - 1)
            else:
                self._width = max([len(self.label)] + [len(x) for x in self.lines])
        return self._width


Row = list[tuple[str, str]]  # one output line as (text, style) pieces


def require_width(width: int) -> None:
    """A console narrower than MIN_WIDTH cannot show a trace's numbers whole: say so (exit 2)."""
    if width < MIN_WIDTH:
        from rnntrace.errors import InputError
        from rnntrace.i18n import t

        raise InputError(t("errors.too_narrow", width=width, min=MIN_WIDTH))


def _wrap_label(label: str, width: int) -> list[str]:
    """A label in lines of at most ``width`` characters, broken at spaces where it can be."""
    import textwrap

    return textwrap.wrap(label, max(1, width), break_on_hyphens=False) or [""]


def _brackets(n: int) -> list[tuple[str, str]]:
    if n == 1:
        return [("[", "]")]
    return [("⎡", "⎤")] + [("⎢", "⎥")] * (n - 2) + [("⎣", "⎦")]


def split_wide(block: Block, max_width: int) -> list[Block]:
    """A matrix block wider than ``max_width`` as several blocks of consecutive columns, each
    labelled with the columns it holds (1-based, "columns 1–9 of 16"), so no number is ever cut
    off at the console's edge. Anything else (or a block that fits) is returned as it is."""
    if block.width <= max_width or block.cells is None or len(block.cells[0]) < 2:
        return [block]
    from rnntrace.i18n import t

    cells = block.cells
    n = len(cells[0])
    widths = block.widths

    def fits(a: int, b: int) -> bool:
        return 2 + sum(widths[a:b]) + (b - a - 1) <= max_width

    # as few parts as will do, of (nearly) equal numbers of columns: 7 + 7, not 13 + 1
    for k in range(2, n + 1):
        bounds = [round(i * n / k) for i in range(k + 1)]
        chunks = list(zip(bounds[:-1], bounds[1:]))
        if all(fits(a, b) for a, b in chunks):
            break
    out = []
    padded = block.padded
    for a, b in chunks:
        lines = _framed([" ".join(row[a:b]) for row in padded])
        part = t("common.columns", a=a + 1, b=b, n=n) if b - a > 1 else t("common.column", a=a + 1, n=n)
        out.append(Block(f"{block.label}, {part}" if a == 0 else part, lines, block.style))
    return out


def _pad(row: Row, width: int) -> Row:
    used = sum(len(x) for x, _ in row)
    return row + [(" " * (width - used), "")] if used < width else row


@dataclass
class Equation:
    """``blocks[0] op0 blocks[1] op1 … = result``; ``ops`` has one symbol between neighbours.

    Rendered straight to segments (no wrapping machinery): this is most of what a trace prints.
    """

    blocks: list[Block]
    ops: list[str]
    indent: int = 2
    note: str | None = None  # an explanation shown under it (``--explain``)

    def width(self) -> int:
        return self.indent + sum(b.width for b in self.blocks) + sum(len(o) + 2 for o in self.ops)

    def _horizontal(self) -> list[Row]:
        height = max(len(b.lines) for b in self.blocks)
        mid = (height - 1) // 2
        rows: list[Row] = [[(" " * self.indent, "")] for _ in range(height + 1)]
        for k, b in enumerate(self.blocks):
            w = b.width
            top = mid - (len(b.lines) - 1) // 2
            rows[0].append((b.label.ljust(w), NAME_STYLE))
            for i in range(height):
                j = i - top
                line = b.lines[j] if 0 <= j < len(b.lines) else ""
                rows[i + 1].append((line.ljust(w), _value_style(line, b.style)))
            if k < len(self.ops):
                sep = f" {self.ops[k]} "
                rows[0].append((" " * len(sep), ""))
                for i in range(height):
                    rows[i + 1].append((sep if i == mid else " " * len(sep), ""))
        return rows

    def _vertical(self, max_width: int | None = None) -> list[Row]:
        rows: list[Row] = []
        for k, block in enumerate(self.blocks):
            prefix = " " * self.indent + (f"{self.ops[k - 1]} " if k else "  ")
            room = None if max_width is None else max_width - len(prefix) - 2
            for m, b in enumerate(split_wide(block, room) if room else [block]):
                labels = [b.label] if max_width is None else _wrap_label(b.label, max_width - len(prefix))
                for k, label in enumerate(labels):
                    rows.append([(prefix if m == 0 and k == 0 else " " * len(prefix), ""), (label, NAME_STYLE)])
                rows += [[(" " * (len(prefix) + 2), ""), (line, _value_style(line, b.style))] for line in b.lines]
        return rows

    def rows(self, max_width: int) -> list[Row]:
        """Everything on one row if it fits; else the operands on one row and ``= result`` under
        them; else one operand per line (a matrix wider than the console in column ranges)."""
        if self.width() <= max_width:
            return self._horizontal()
        if len(self.blocks) == 1:  # one operand and no operator: x_t's one-hot row
            return self._vertical(max_width)
        operands = Equation(self.blocks[:-1], self.ops[:-1], self.indent)
        lead = self.indent + len(self.ops[-1]) + 1
        result = Equation([self.blocks[-1]], [], lead)
        if max(operands.width(), result.width()) <= max_width:
            rows = result._horizontal()
            rows[0][0] = (" " * self.indent + self.ops[-1] + " ", "")
            return operands._horizontal() + rows
        return self._vertical(max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        require_width(options.size.width)  # the console's width (``console.width`` reads the environment)
        yield from segments(self.rows(options.max_width), console)
        if self.note:
            yield from console.render(Explanation(self.note, self.indent), options)


EXPLAIN_STYLE = "italic"


class Paragraph:
    """Text wrapped to the console's width with a hanging indent and no trailing spaces: ``mark``
    starts the first line, the others are indented to match."""

    def __init__(self, text: str, indent: int = 0, mark: str = "", style: str = "", hang: int = 0):
        self.text, self.indent, self.mark, self.style, self.hang = text, indent, mark, style, hang

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        lead = " " * self.indent + self.mark
        rest = " " * (len(lead) + self.hang)  # continuation lines: under the text, ``hang`` further in
        width = max(10, options.max_width - len(rest))
        style = console.get_style(self.style) if self.style else None
        for k, line in enumerate(Text(self.text).wrap(console, width)):
            yield Segment(lead if k == 0 else rest)
            yield Segment(line.plain.rstrip(), style)
            yield Segment.line()


class OpHeading:
    """An operation's heading: its statement in bold and its shape line dimmed after it: plain segments when it fits (fast); when not, the
    note goes on the next line, indented, and each part wraps under a hanging indent (never back
    to column 0, where it would read as a new operation)."""

    def __init__(self, text: str, note: str = ""):
        self.text, self.note = text, note

    def __rich_console__(self, console, options):
        full = f"{self.text}    {self.note}" if self.note else self.text
        if len(full) <= options.max_width:
            yield from segments([[(self.text, "bold"), ("    " + self.note if self.note else "", SHAPE_STYLE)]],
                                console)
            return
        yield from console.render(Paragraph(self.text, style="bold", hang=4), options)
        if self.note:
            yield from console.render(Paragraph(self.note, indent=4, style=SHAPE_STYLE), options)


class OneLine:
    """A rich ``Text`` that is drawn straight to segments when it fits on one line (nearly every
    note, heading and statement of a trace: a 1,000-word ``forward`` draws 11,000 of them), and
    as rich draws it otherwise. The segments are the same as rich's: a line that fits is neither
    wrapped nor justified by its default justification, and its base style (a heading's bold, a
    note's colour) is laid under its spans as rich's wrapping lays it."""

    def __init__(self, text):
        self.text = text

    def __rich_measure__(self, console: Console, options: ConsoleOptions):
        from rich.measure import Measurement

        return Measurement.get(console, options, self.text)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.cells import cell_len

        text = self.text
        plain = text.plain
        if ((text.justify or options.justify or "default") == "default" and "\n" not in plain and "\t" not in plain
                and cell_len(plain) <= options.max_width):
            if text.style:  # as rich's own path has it: the base style a span under the others
                from rich.text import Span, Text

                text = Text(plain, spans=[Span(0, len(plain), text.style), *text.spans])
            yield from text.render(console, end=self.text.end)
        else:
            yield from text.__rich_console__(console, options)


class HangingText:
    """A line of text that, when it is wider than the console, wraps with a hanging indent: the
    continuation lines start two columns right of the first (whose own indentation is kept)."""

    def __init__(self, text):
        self.text = text

    def __rich_measure__(self, console: Console, options: ConsoleOptions):
        from rich.measure import Measurement

        return Measurement.get(console, options, self.text)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        plain = self.text.plain
        lead = len(plain) - len(plain.lstrip(" "))
        body = self.text.divide([lead])[-1] if lead else self.text.copy()
        if body.cell_len + lead <= options.max_width:  # it fits: one line
            lines = [body]
        else:
            lines = body.wrap(console, max(10, options.max_width - lead - 2))
        for k, line in enumerate(lines):
            line.rstrip()
            yield Segment(" " * (lead if k == 0 else lead + 2))
            yield from line.render(console)
            yield Segment.line()


class Indented:
    """Any renderable shifted right by ``indent`` columns (no padding added on the right)."""

    def __init__(self, renderable, indent: int = 2):
        self.renderable, self.indent = renderable, indent

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        inner = options.update_width(max(10, options.max_width - self.indent))
        for line in console.render_lines(self.renderable, inner, pad=False):
            yield Segment(" " * self.indent)
            yield from line
            yield Segment.line()


class Explanation(Paragraph):
    """A sentence or two under an operation (``--explain``): ``↳`` and the text, wrapped with a
    hanging indent."""

    def __init__(self, text: str, indent: int = 2):
        super().__init__(text, indent, "↳ ", EXPLAIN_STYLE)


_BRACKETS = re.compile("([⎡⎢⎣⎤⎥⎦])")
_BRACKET_SET = frozenset("⎡⎢⎣⎤⎥⎦")
_LINE = Segment.line()


def segments(rows: list[Row], console: Console):
    """Rows of (text, style) pieces as rich segments, trailing spaces trimmed. A long piece with a
    matrix's brackets is cut at them: rich measures a segment character by character when it
    holds a character outside its one-cell ranges (⎡ is), at once when it does not, and a row of
    a 256-column matrix is 2,000 characters (rich then measured 10 million characters for one
    ``bptt`` at H = 256). A bracket's segment, and the end of a line's, is made once and yielded
    again (a segment is an immutable tuple: the same bytes are written; at H = 256 ``bptt``
    yields 650,000 segments, three in four of them a bracket or a line's end)."""
    styles: dict[str, Style | None] = {}
    brackets: dict[tuple[str, str], Segment] = {}
    for row in rows:
        while row and not row[-1][0].strip():
            row = row[:-1]
        if row:
            last_text, last_style = row[-1]
            row = row[:-1] + [(last_text.rstrip(), last_style)]
        for text, name in row:
            if name not in styles:
                styles[name] = console.get_style(name) if name else None
            if len(text) > 40 and not text.isascii():
                for part in _BRACKETS.split(text):
                    if len(part) == 1 and part in _BRACKET_SET:
                        seg = brackets.get((part, name))
                        if seg is None:
                            seg = brackets[part, name] = Segment(part, styles[name])
                        yield seg
                    elif part:
                        yield Segment(part, styles[name])
            else:
                yield Segment(text, styles[name])
        yield _LINE


@dataclass
class BlockGrid:
    """Labelled blocks side by side, wrapping onto more rows when the console is too narrow.

    When the first block is a column of row labels (words, not a matrix), every row of the grid
    starts with it. A matrix too wide for the console is split into column ranges, each on a
    row of its own, so no number is cut off at the edge."""

    blocks: list[Block]
    gap: int = 3

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        require_width(options.size.width)
        yield from segments(self.layout(options)[0], console)

    def layout(self, options: ConsoleOptions) -> tuple[list[Row], list[int]]:
        """The grid's lines at this width, and which of them are label lines (each row of the
        grid starts with one: the blocks' labels above their first line)."""
        blocks = list(self.blocks)
        labels = None
        if len(blocks) > 1 and blocks[0].cells is None and blocks[0].lines:
            labels = blocks.pop(0)
        room = options.max_width - (labels.width + self.gap if labels else 0)
        if labels and room < _narrowest(blocks):  # long row labels: they become a block of their own
            blocks.insert(0, labels)
            labels, room = None, options.max_width
        rows: list[Row] = []
        label_lines: list[int] = []
        line: list[Block] = []

        def flush() -> None:
            if not line:
                return
            label_lines.append(len(rows))
            row = ([labels] if labels else []) + line
            height = max(len(x.lines) for x in row)
            out: list[Row] = [[] for _ in range(height + 1)]
            for k, x in enumerate(row):
                w = x.width + (self.gap if k < len(row) - 1 else 0)
                out[0] = _pad(out[0] + [(x.label, NAME_STYLE)], sum(len(t) for t, _ in out[0]) + w)
                for i in range(height):
                    text = x.lines[i] if i < len(x.lines) else ""
                    out[i + 1] = _pad(out[i + 1] + [(text, x.style)], sum(len(t) for t, _ in out[i + 1]) + w)
            rows.extend(out)
            line.clear()

        for b in blocks:
            parts = split_wide(b, room)
            for part in parts:
                width = sum(x.width + self.gap for x in line) + part.width
                if len(parts) > 1 or (line and width > room):
                    flush()
                line.append(part)
                if len(parts) > 1:
                    flush()
        flush()
        return rows, label_lines


def _narrowest(blocks: list[Block]) -> int:
    """The width of the widest single column among the blocks: what a row needs at least."""
    widths = [2 + max(b.widths, default=0) if b.cells is not None else b.width for b in blocks]
    return max(widths, default=0)


def _value_style(s: str, base: str) -> str:
    return BAD_STYLE if ("inf" in s or "nan" in s) else base
