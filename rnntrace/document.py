"""The document model: what a command shows, as plain data, for every view to draw.

One way through: example → trace (numbers) → **Document** (this module: pages of blocks) →
a backend (rich terminal, LaTeX, Markdown, HTML, SVG, beamer) → the CLI or the Python API.

A ``Document`` is a list of ``Page``s: an opening, one page per step (per backward step, per query
row), a closing. A page is a list of ``Section``s and a section a list of blocks. Numbers travel
as numpy arrays (already laid out as the convention shows them: 2-D, a vector as a row or a
column), formulas as expression trees (``rnntrace.trace`` nodes), prose as finished sentences from
the message catalogue (in the document's language, with any number in them already written at the
document's precision). A backend walks the pages and draws each block; it never computes a number
and never reads another backend's output. See DOCMODEL.md for the walk and the views.

Nothing here imports numpy, rich or click: building a document is the builders' job
(``rnntrace.present``), drawing it the backends'. The classes are dataclasses without ``__eq__``
(two blocks are equal only when they are the same block): generating it for every class cost a few
milliseconds of every command's start-up.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:  # only for the annotations: this module stays import-light
    import numpy as np

    from rnntrace.trace import Expr

# ---- kinds ----------------------------------------------------------------------------------------
PAGE_KINDS = ("opening", "step", "backward", "query", "closing")
# a Note's kind: what the sentence is, which each backend shows its own way
NOTE_KINDS = (
    "text",     # plain prose
    "strong",   # prose to read first (the prediction of a step, a running total's title)
    "detail",   # secondary: shape notes, where a number came from
    "info",     # an aside that teaches (why a δ is what it is, a note from the example file)
    "verdict",  # a conclusion the numbers on the page support, neutral in tone
    "success",  # a conclusion that something holds (gradient check passed, prediction right)
    "warning",  # something to look at (a miss, a far-reaching sum, a replaced parameter)
    "error",    # something broke (inf/nan in a trace, a check that failed)
)
# a Run's or a Cell's role: how a piece of text inside a line or a table is set off
ROLES = ("", "name", "detail", "strong", "result", "heat", "success", "error")
MATRIX_ROLES = ("operand", "result", "plain")


# ---- inline pieces ----------------------------------------------------------------------------------
@dataclass(eq=False, repr=False)
class Run:
    """A piece of a line with a role: ``Run("0:", "detail")``, ``Run("el", "name")``."""

    text: str
    role: str = ""


@dataclass(eq=False, repr=False)
class Cell:
    """A table cell: its text and a role. ``role="heat"`` colours by ``value`` (an attention
    weight in [0, 1]); ``value`` is the number the text shows, when it shows one."""

    text: str
    role: str = ""
    value: float | None = None


# ---- blocks -----------------------------------------------------------------------------------------
@dataclass(eq=False, repr=False)
class Heading:
    """A heading inside a section: level 1 a titled list (``Equations``), level 2 a bold line."""

    text: str
    level: int = 1


@dataclass(eq=False, repr=False)
class Note:
    """A sentence or a line of prose; ``kind`` from NOTE_KINDS. ``runs``, when given, are its
    pieces in order (their texts join to ``text``) for a line whose parts are set off (the
    vocabulary ``0:el 1:gato …``). ``indent`` is the line's indentation in characters. ``tex``: the
    line in TeX when it is a formula (a shape line, ``α_4 = [0.2113 …]``), made by its builder with
    ``text`` from the same symbols (``notation.stated_shapes``, ``notation.write_tex``); LaTeX and
    Markdown set it as math, the other views show ``text``."""

    text: str
    kind: str = "text"
    runs: list[Run] | None = None
    indent: int = 0
    tex: str = ""


@dataclass(eq=False, repr=False)
class Explanation:
    """``--explain``: one or two sentences about the block before it. ``topic`` is what it
    explains (a catalogue kind such as ``onehot_product``, ``softmax``, ``sqrt_dk``)."""

    text: str
    topic: str = ""


@dataclass(eq=False, repr=False)
class Matrix:
    """A named array. ``value`` is 2-D as shown (a row vector 1×n, a column n×1, a scalar 1×1);
    ``shape`` is the shape the convention gives the quantity (``()`` for a scalar), which the label
    may print after the name. ``expr`` is the quantity as an expression tree when it has one (for
    a backend that writes math: LaTeX, MathJax), ``label`` how the terminal writes it. ``bracketed``
    is False for a bare number standing in an equation (the 1 of ``1 − z_t``). ``row_labels`` name
    the rows (attention's tokens)."""

    label: str
    value: "np.ndarray"
    role: str = "operand"
    shape: tuple[int, ...] = ()
    expr: "Expr | None" = None
    bracketed: bool = True
    row_labels: list[str] | None = None


@dataclass(eq=False, repr=False)
class Operation:
    """One computed quantity with its numbers: ``target = expr`` (or ``target += expr`` for a
    contribution to a gradient), the operands as laid out (in the convention's order), a symbol
    after each operand (``·``, ``+``, ``⊙``, ``−``, and last ``=`` or ``─tanh→``, which leads to
    the result), and the result. ``shapes`` is the shape line (``x_t (1×5) · W_xh (5×3) → (1×3)``).
    ``kind`` is what the operation is (the ``--explain`` classification: ``onehot_product``,
    ``recurrent``, ``gate_update`` …; empty when none fits), so a view can tell the look-up from
    the recurrent product without reading the formula. ``numbers`` False: the statement alone."""

    target: "Expr | None"
    expr: "Expr"
    operands: list[Matrix]
    symbols: list[str]
    result: Matrix
    accumulate: bool = False
    shapes: str = ""
    kind: str = ""
    explanation: str | None = None
    numbers: bool = True
    statement: str = ""  # the statement as the terminal writes it (``a_t = x_t·W_xh + …``)
    shapes_tex: str = ""  # ``shapes`` in TeX from the op's trees (``notation.shape_line_tex``), when it has them


@dataclass(eq=False, repr=False)
class Formula:
    """A formula stated without its numbers: ``expr`` (a tree) or, where the lecture's notation
    has no tree here (``s_{i,j} = q_i · k_j / √d_k``), ``text`` alone; ``shapes`` an optional
    shape line and ``shapes_tex`` the same line in TeX, made with it from the formula's symbols
    (``notation.stated_shapes``), as ``Operation.shapes_tex`` is; a shape line that is a catalogue
    sentence (an ``i18n.Text`` with its formula marked) has none. In an equation list (a header)
    several follow each other."""

    text: str
    expr: "Expr | None" = None
    target: "Expr | None" = None
    shapes: str = ""
    indent: int = 0
    shapes_tex: str = ""


@dataclass(eq=False, repr=False)
class Grid:
    """Named matrices side by side (wrapping as the width allows). ``row_labels`` label the rows of
    every matrix in the grid (the tokens); ``symbols`` (optional, one between neighbours) draw
    ``E + P`` as a sum, and ``lead`` a symbol before the first (``= X``, the result of the grid
    before); ``gap`` is the space between items, in characters."""

    items: list[Matrix]
    row_labels: list[str] | None = None
    symbols: list[str] | None = None
    gap: int = 3
    lead: str = ""


@dataclass(eq=False, repr=False)
class Column:
    header: str
    justify: str = "left"  # left | right
    role: str = ""  # the header's role ("name": a token heading a column)


@dataclass(eq=False, repr=False)
class Table:
    """Rows of cells under column headers. ``title`` is drawn with the table; ``style`` is
    ``"framed"`` (lines around every cell) or ``"plain"`` (a rule under the header). The first
    ``label_columns`` columns label the rows (always shown, repeated when a narrow view splits
    the table). ``fit``: the sets of the other columns' indices a view may show, widest first
    (a column headed "…" may stand for the ones left out); ``fit[0]`` is what a view that does not
    measure shows; None: every column. ``rules`` lists the rows after which a rule is drawn (before
    a Σ row). ``header`` False: no header row. ``nowrap``: a cell stays on one line while the
    table fits (a narrow view splits the table into pieces first, and wraps a cell only when one
    column alone is wider than the view, never inside a number). ``compact``: one space between columns instead of two.
    ``numbered``: the first ``numbered`` columns after the labels count 1 … numbered (attention's
    key positions j); ``piece``, a sentence with ``{lo}`` and ``{hi}`` in it, is the line a view
    that splits the table writes above each piece, naming the first and last it holds."""

    columns: list[Column]
    rows: list[list[Cell]]
    title: str = ""
    style: str = "plain"
    fit: list[list[int]] | None = None
    rules: list[int] = field(default_factory=list)
    header: bool = True
    label_columns: int = 0
    nowrap: bool = False
    compact: bool = False
    numbered: int = 0
    piece: str = ""

    def shown(self) -> list[int]:
        """The columns a view that does not measure shows: the labels and ``fit[0]``."""
        if self.fit is None:
            return list(range(len(self.columns)))
        return list(range(self.label_columns)) + list(self.fit[0])

    def as_shown(self) -> "Table":
        """The table with only the columns of ``shown()``, for a view that draws every column."""
        if self.fit is None:
            return self
        from dataclasses import replace

        cols = self.shown()
        return replace(self, columns=[self.columns[j] for j in cols], rows=[[r[j] for j in cols] for r in self.rows],
                       fit=None, label_columns=0, numbered=0)


@dataclass(eq=False, repr=False)
class Chart:
    """A bar chart on a log10 axis: text columns (``headers``, ``rows``) then one bar per series
    per row, ``values[r][s]`` the log10 of row r's bar in series s (``-inf`` for an exact 0, ``nan``
    undefined). ``marks`` (optional) puts a tick at a log10 value on each row's first bar (a
    bound)."""

    headers: list[str]
    rows: list[list[str]]
    values: list[list[float]]
    series: list[str]
    marks: list[float] | None = None
    justify: list[str] | None = None

    def axis(self) -> tuple[int, int]:
        """The shared log10 axis: whole powers of ten around every finite value and mark."""
        import math

        vals = [v for row in self.values for v in row if math.isfinite(v)]
        vals += [m for m in (self.marks or []) if math.isfinite(m)]
        if not vals:
            return -1, 0
        lo, hi = math.floor(min(vals)), math.ceil(max(vals))
        return lo, (hi if hi > lo else lo + 1)


Block = Union[Heading, Note, Explanation, Matrix, Operation, Formula, Grid, Table, Chart]


# ---- structure ----------------------------------------------------------------------------------------
@dataclass(eq=False, repr=False)
class Section:
    """Blocks under an optional title. ``framed``: the document's title box (the opening's
    header), drawn framed in the terminal, as a title block in documents."""

    blocks: list[Block]
    title: str = ""
    framed: bool = False


@dataclass(eq=False, repr=False)
class Page:
    """One screen, frame or slide. ``kind`` from PAGE_KINDS; ``label`` names it for a reader
    (``t = 2 · gato``, ``Query 3``); ``t`` is the step it shows (1-based; for a query page, the
    query's row), ``None`` for the opening and closing."""

    kind: str
    label: str
    sections: list[Section]
    t: int | None = None

    @property
    def blocks(self) -> list[Block]:
        """Every block of the page in order (section titles aside)."""
        return [b for s in self.sections for b in s.blocks]


@dataclass(eq=False, repr=False)
class Document:
    """A command's result for people to read. ``conv`` (row | column) and ``precision`` are those
    it was built with: a backend formats each array at ``precision`` decimals and writes each
    expression tree in ``conv``. ``steps`` is how many steps the trace has (a ``--t`` view shows
    fewer step pages); ``lang`` the language its sentences are in."""

    command: str
    title: str
    pages: list[Page]
    conv: str = "row"
    precision: int = 4
    lang: str = "en"
    steps: int = 0

    def select(self, kinds: tuple[str, ...]) -> list[Page]:
        return [p for p in self.pages if p.kind in kinds]


@dataclass(frozen=True)
class View:
    """What a document shows of its trace: ``steps`` (``--t``: the 1-based steps shown in full, or
    None for all), ``brief`` (the summary only), ``explain`` (``--explain`` sentences), ``detail``
    (every step worked out, even those a printout leaves to a table: attention's query rows,
    which ``--step`` on a terminal pages through)."""

    steps: tuple[int, ...] | None = None
    brief: bool = False
    explain: bool = False
    detail: bool = False

    def shows(self, t: int) -> bool:
        """Whether step ``t`` gets its page in full."""
        return not self.brief and (self.steps is None or t in self.steps)
