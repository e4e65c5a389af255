"""The fast ways of drawing a table (``widgets.Simple``) against rich's own layout: the same bytes,
with colour and without, at widths from 12 to 200, for a spread of tables."""
from __future__ import annotations

import io
import math

import pytest
import numpy as np
from rich import box
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table as RichTable
from rich.text import Text

from rnntrace import notation
from rnntrace.document import Cell, Column, Table
from rnntrace.render import terminal, widgets

WIDTHS = (12, 40, 60, 80, 200)


def console(width: int, colour: bool) -> Console:
    return Console(file=io.StringIO(), width=width, force_terminal=colour, color_system="truecolor" if colour else None,
                   highlight=False, soft_wrap=False, legacy_windows=False)


def printed(width: int, colour: bool, renderable) -> str:
    c = console(width, colour)
    with c.capture() as out:
        c.print(renderable)
    return out.get()


class Fast:
    """``table`` drawn as the FittedTable draws it: ``widgets._draw``."""

    def __init__(self, table):
        self.table = table

    def __rich_console__(self, console, options):
        yield from widgets._draw(console, options, self.table)


def rich_tables():
    """Tables as terminal.table builds them and as rich lets them be: framed or plain, compact
    or not, with or without a header, title, rules, styled and empty cells, both justifications."""
    rows = [["1", "love", "0.2471", ""], ["12", "recurrent ✓", "-1.5", "x"], ["1000", "I", "—", "networks ✗"]]
    for style in ("framed", "plain"):
        for header in (True, False):
            for compact in (False, True):
                for title in ("", "Loss per step"):
                    columns = [Column("t", "right"), Column("word", "left", "name"), Column("p_t[target]", "right"),
                               Column("", "left")]
                    cells = [[Cell(rows[i][0], "detail"), Cell(rows[i][1], "name"),
                              Cell(rows[i][2], "heat", value=0.1 * i), Cell(rows[i][3], "strong" if i else "")]
                             for i in range(3)]
                    tb = Table(columns, cells, title=title, style=style, header=header, compact=compact,
                               rules=[1] if compact else [])
                    yield terminal.table(tb)._build(list(range(4)), compact, False)
    plain = RichTable(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=True, show_header=True)
    plain.add_column(Text("a"), justify="right")
    plain.add_column(Text("bb", "bold cyan"))
    plain.add_row(Text("123"), Text("4", "dim"), end_section=True)
    plain.add_row(Text(""), Text("56"))
    yield plain


@pytest.mark.parametrize("colour", [False, True])
@pytest.mark.parametrize("width", WIDTHS)
def test_simple_tables_draw_as_rich_draws_them(width, colour):
    drawn = 0
    for table in rich_tables():
        simple = widgets.Simple.of(table)
        assert simple is not None
        natural = Measurement.get(console(width, colour), console(width, colour).options.update_width(100_000),
                                  table).maximum
        assert simple.natural == natural  # what the FittedTable's choice of columns measures
        assert printed(width, colour, Fast(table)) == printed(width, colour, table)
        drawn += simple.natural <= width
    assert drawn > 0 or width < 40  # the fast path was taken (every table is wider than 12)


def test_tables_rich_must_draw_are_left_to_it():
    """Two-line headers, cells with a space at an end, a column of set width, a caption, a cell
    with a justification of its own: rich's."""
    two_lines = RichTable()
    two_lines.add_column("cos\nω_0·t")
    two_lines.add_row(Text("1"))
    spaced = RichTable()
    spaced.add_column("a")
    spaced.add_row(Text(" 1"))
    fixed = RichTable()
    fixed.add_column("a", width=5)
    fixed.add_row(Text("1"))
    caption = RichTable(caption="c")
    caption.add_column("a")
    caption.add_row(Text("1"))
    centred = RichTable()
    centred.add_column(Text("abc"))
    centred.add_row(Text("1", justify="center"))
    for table in (two_lines, spaced, fixed, caption, centred):
        assert widgets.Simple.of(table) is None
        assert printed(80, True, Fast(table)) == printed(80, True, table)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_long_fitted_table_prints_as_before(width, monkeypatch):
    """A 1,000-row table (forward's summary at 1,000 words) through the FittedTable, fast path on
    and off: the same bytes with colour."""
    columns = [Column("t", "right"), Column("x_t", "left"), Column("prediction", "left"), Column("L_t", "right")]
    cells = [[Cell(str(i)), Cell("love", "name"), Cell("networks ✗" if i % 3 else "love ✓"), Cell(f"{i / 7:.4f}")]
             for i in range(1, 1001)]
    fitted = terminal.table(Table(columns, cells, style="framed"))
    fast = printed(width, True, fitted)
    monkeypatch.setattr(widgets.Simple, "of", classmethod(lambda cls, table: None))
    assert fast == printed(width, True, fitted)


def decimals_by_rounding(values: list[float], precision: int) -> int:
    """The definition: the fewest d ≤ precision at which every finite value rounds as it does at
    ``precision``."""
    finite = [x for x in values if math.isfinite(x)]
    for d in range(precision):
        if all(round(x, d) == round(x, precision) for x in finite):
            return d
    return precision


def test_decimals_is_the_fewest_that_round_as_precision_does():
    rng = np.random.default_rng(0)
    special = [0.0, -0.0, 0.2, 0.25, 0.125, 0.5, 1.0, -1.5, 0.00005, 0.000049999, 0.12995, 0.1249999, 1e20,
               123456.789, -2.675, 2.675, math.inf, -math.inf, math.nan]
    samples = [[], [math.nan], special, [0.2, 0.31], [1 / 3], [0.1, 0.2, 0.3]]
    samples += [list(rng.normal(0, 10.0 ** rng.integers(-5, 4), rng.integers(1, 9))) for _ in range(400)]
    samples += [list(np.round(rng.normal(0, 1, 6), int(rng.integers(0, 6)))) for _ in range(400)]
    samples += [[x] for x in special]
    for values in samples:
        for precision in range(7):
            assert notation.decimals(values, precision) == decimals_by_rounding(values, precision), (values, precision)


def test_numbers_are_fmt_array_once_a_value():
    rng = np.random.default_rng(1)
    values = [np.array(0.5), np.array([0.0, -0.0, math.nan, math.inf]), np.array([-0.0]), np.array([0.0]),
              rng.normal(size=5), rng.normal(size=(3, 3)), rng.normal(size=(9, 9)), np.round(rng.normal(size=4), 1)]
    for precision in (0, 2, 4):
        for v in values:
            assert terminal.numbers(v, precision) == notation.fmt_array(v, precision)
            assert terminal.numbers(v.copy(), precision) == notation.fmt_array(v, precision)  # from the cache
