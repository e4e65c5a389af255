"""The terminal backend: a Document as rich renderables, one per section (``output`` prints them
with a blank line between). Only drawing: every number comes formatted from the document's
arrays at its precision, every sentence from its notes.

A weight is drawn in full once: when ``render`` meets an operand matrix it has already drawn with
the same name and the same numbers (in the Parameters, or on an earlier step), it names it with
its shape and where it was drawn, ``W_hh (3×3), as printed in Parameters``, instead of drawing the
grid again (a 1,000-word sentence drew W_xh, W_hh and W_hy a thousand times each). The document
keeps every array; the other backends and ``--step`` (one page a screen, where the Parameters are
not on screen) draw every grid."""
from __future__ import annotations

from functools import lru_cache

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.segment import Segment
from rich.table import Table as RichTable
from rich.text import Text

from rnntrace.document import (Chart, Document, Explanation, Formula, Grid, Heading, Matrix, Note, Operation, Page,
                               Section, Table)
from rnntrace.notation import fmt_array
from rnntrace.render.chart import LogChart
from rnntrace.render.matrix import (BAD_STYLE, NAME_STYLE, RESULT_STYLE, SHAPE_STYLE, Block, BlockGrid, Equation,
                                    Explanation as ExplanationWidget, HangingText, OneLine, OpHeading)

NOTE_STYLES = {"text": "", "strong": "bold", "detail": SHAPE_STYLE, "info": "italic", "verdict": "",
               "success": "green", "warning": "yellow", "error": BAD_STYLE}
ROLE_STYLES = {"": "", "name": NAME_STYLE, "detail": SHAPE_STYLE, "strong": "bold", "result": RESULT_STYLE,
               "success": "green", "error": BAD_STYLE}
MATRIX_STYLES = {"operand": "", "result": RESULT_STYLE, "plain": ""}


def heat(w: float | None) -> str:
    """An attention weight's colour, from dim (≈ 0) to bold red (≥ 0.6)."""
    if w is None or w != w or w in (float("inf"), float("-inf")):
        return "bold red"
    return ("dim" if w < 0.05 else "" if w < 0.2 else "yellow" if w < 0.4
            else "bold dark_orange" if w < 0.6 else "bold red")


def numbers(value, precision: int) -> list[list[str]]:
    """``fmt_array(value, precision)``; a small array's strings are made once for each value
    (a trace shows most of its vectors twice, as a result and then as the next operand: a
    1,000-word ``forward`` formats 14,000 arrays, 7,000 of them different). The lists are
    shared: a Block only reads them."""
    import numpy as np

    a = np.asarray(value, dtype=np.float64)
    if a.size > 64:
        return fmt_array(a, precision)
    return _small_numbers(a.shape, a.tobytes(), precision)


@lru_cache(maxsize=4096)
def _small_numbers(shape: tuple[int, ...], data: bytes, precision: int) -> list[list[str]]:
    import numpy as np

    return fmt_array(np.frombuffer(data, dtype=np.float64).reshape(shape), precision)


def block(m: Matrix, precision: int) -> Block:
    cells = numbers(m.value, precision)
    if not m.bracketed:
        return Block(m.label, [cells[0][0]], MATRIX_STYLES[m.role])
    return Block(m.label, None, MATRIX_STYLES[m.role], cells)


def note(n: Note) -> RenderableType:
    lead = " " * n.indent
    if n.runs:
        text = Text.assemble(lead, *[(r.text, ROLE_STYLES.get(r.role, "")) for r in n.runs])
    else:
        text = Text(lead + n.text, NOTE_STYLES[n.kind])
    return HangingText(text) if n.indent else OneLine(text)


def formula(f: Formula) -> RenderableType:
    if f.indent:  # an item of an equation list
        return OneLine(Text(" " * f.indent + f.text))
    if f.shapes:
        return OneLine(Text.assemble((f.text, "bold"), ("    " + f.shapes, SHAPE_STYLE)))
    return OneLine(Text(f.text, "bold"))


class Drawn:
    """The matrices a rendering has drawn in full so far: name → [(numbers as shown, where)].
    ``where`` is the place being drawn now: ``("in", "Parameters")`` (a section's or a page's
    title) or ``("at", 4)`` (the page of step 4, which ``var`` names: ``t``, or ``i`` for
    attention's target words)."""

    def __init__(self, var: str = "t"):
        self.seen: dict[str, list[tuple[object, tuple[str, object]]]] = {}
        self.where: tuple[str, object] = ("in", "")
        self.var = var

    @staticmethod
    def key(m: Matrix) -> str | None:
        """The name a weight is known by, for a matrix that may be drawn once (2-D, more than one
        row and column, a bracketed operand or parameter); None for anything else (vectors,
        results, a bare 1)."""
        from rnntrace.trace import Sym

        shape = getattr(m.value, "shape", ())
        if not m.bracketed or m.role == "result" or len(shape) != 2 or min(shape) < 2:
            return None
        return m.expr.name if isinstance(m.expr, Sym) else m.label

    def find(self, m: Matrix) -> tuple[str, object] | None:
        """Where the same name with the same numbers was drawn, or None (and then it is drawn in
        full here, and remembered)."""
        import numpy as np

        name = self.key(m)
        if name is None:
            return None
        for value, where in self.seen.get(name, ()):
            if value.shape == m.value.shape and np.array_equal(value, m.value):
                return where
        self.add(m)
        return None

    def add(self, m: Matrix) -> None:
        name = self.key(m)
        if name is not None:
            self.seen.setdefault(name, []).append((m.value, self.where))


def pointer(m: Matrix, where: tuple[str, object], var: str) -> Block:
    """An operand drawn before: its name, shape and where it was drawn, in one dimmed line."""
    from rnntrace.i18n import t
    from rnntrace.notation import dims

    shape = dims(m.value.shape)
    text = (t("common.as_printed_at", dims=shape, var=var, t=where[1]) if where[0] == "at"
            else t("common.as_printed_in", dims=shape, where=where[1]))
    return Block(m.label, [text], SHAPE_STYLE)


def operand(m: Matrix, precision: int, drawn: Drawn | None) -> Block:
    where = drawn.find(m) if drawn is not None else None
    return block(m, precision) if where is None else pointer(m, where, drawn.var)


def operation(op: Operation, precision: int, drawn: Drawn | None = None) -> list[RenderableType]:
    if not op.numbers:
        return [OneLine(Text(op.statement, SHAPE_STYLE))]
    blocks = [operand(m, precision, drawn) for m in op.operands] + [block(op.result, precision)]
    return [OpHeading(op.statement, op.shapes), Equation(blocks, list(op.symbols), note=op.explanation)]


def grid(g: Grid, precision: int, drawn: Drawn | None = None) -> BlockGrid:
    items: list[Block] = [Block("", list(g.row_labels), NAME_STYLE)] if g.row_labels else []
    height = len(g.row_labels) if g.row_labels else max(len(m.value) for m in g.items)
    if g.lead:
        items.append(Block("", [g.lead if i == (height - 1) // 2 else "" for i in range(height)]))
    for k, m in enumerate(g.items):
        items.append(block(m, precision))
        if drawn is not None:
            drawn.add(m)
        if g.symbols and k < len(g.symbols):  # the symbol halfway down, between two matrices
            items.append(Block("", [g.symbols[k] if i == (height - 1) // 2 else "" for i in range(height)]))
    return BlockGrid(items, gap=g.gap)


def table(tb: Table) -> RenderableType:
    """A document's table as a ``FittedTable``: one that lets a view choose its columns (``fit``)
    shows those that fit; any table too wide for the console narrows (one space between columns,
    then text wrapping at spaces, then pieces of columns led by the row labels), and a number is
    never folded over two lines nor cut short."""
    from rnntrace.render.widgets import FittedTable

    def build(cols: list[int], compact: bool = tb.compact, nowrap: bool = tb.nowrap) -> RichTable:
        if tb.style == "framed":
            rt = RichTable(title=Text(tb.title, "bold") if tb.title else None, title_justify="left",
                           show_header=tb.header)
        else:
            rt = RichTable(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold",
                           show_header=tb.header, collapse_padding=compact)
        for j in cols:
            c = tb.columns[j]
            rt.add_column(Text(c.header, ROLE_STYLES.get(c.role, "")), justify=c.justify,
                          no_wrap=nowrap, overflow="ellipsis" if nowrap else "fold")
        for i, r in enumerate(tb.rows):
            rt.add_row(*[Text(r[j].text, heat(r[j].value) if r[j].role == "heat" else ROLE_STYLES.get(r[j].role, ""))
                         for j in cols], end_section=i in tb.rules)
        return rt

    def piece(cols: list[int]) -> Text | None:
        """The line above one piece of a split table: which numbered columns it holds."""
        first = tb.label_columns
        held = [j - first + 1 for j in cols if first <= j < first + tb.numbered]
        return Text(tb.piece.format(lo=held[0], hi=held[-1]), SHAPE_STYLE) if held and tb.piece else None

    # a table without row labels is split with its first column leading every piece
    labels = list(range(tb.label_columns if tb.fit or len(tb.columns) < 2 else max(1, tb.label_columns)))
    choices = tb.fit or [list(range(len(labels), len(tb.columns)))]
    return FittedTable(build, lambda cols: sizes(tb, cols), labels, choices, tb.compact, tb.nowrap, piece)


def sizes(tb: Table, cols: list[int]):
    """The widths of the table's columns ``cols``: every line whole, no word broken, no word
    with a digit in it broken (a number, ``h_1``); a ``nowrap`` table's cells are kept whole
    before they wrap."""
    from rich.cells import cell_len

    from rnntrace.render.widgets import Sizes

    natural, soft, hard = [], [], []
    for j in cols:
        texts = [tb.columns[j].header] + [r[j].text for r in tb.rows]
        lines = [line for text in texts for line in text.split("\n")]
        words = [w for line in lines for w in line.split()]
        natural.append(max([cell_len(line) for line in lines] + [1]))
        numbers = max([cell_len(w) for w in words if any(ch.isdigit() for ch in w)] + [1])
        whole = words
        if tb.nowrap:  # the header's words, and every cell whole
            whole = tb.columns[j].header.split() + [line for text in texts[1:] for line in text.split("\n")]
        soft.append(max([cell_len(w) for w in whole] + [numbers]))
        hard.append(numbers)
    return Sizes(natural, soft, hard)


def draw(b, precision: int, drawn: Drawn | None = None) -> list[RenderableType]:
    """The block's renderables; with ``drawn`` (a whole document's rendering), an operand matrix
    drawn before is named, not drawn again."""
    if isinstance(b, Operation):
        return operation(b, precision, drawn)
    if isinstance(b, Note):
        return [note(b)]
    if isinstance(b, Heading):
        return [OneLine(Text(b.text, "bold underline" if b.level == 1 else "bold"))]
    if isinstance(b, Explanation):
        return [ExplanationWidget(b.text, 2)]
    if isinstance(b, Formula):
        return [formula(b)]
    if isinstance(b, Matrix):
        if drawn is not None:
            drawn.add(b)
        return [Equation([block(b, precision)], [])]
    if isinstance(b, Grid):
        return [grid(b, precision, drawn)]
    if isinstance(b, Table):
        return [table(b)]
    if isinstance(b, Chart):
        return [LogChart(b.headers, b.rows, b.values, b.series, b.marks, b.justify)]
    raise TypeError(type(b).__name__)


class TitleRule:
    """A section's title in a rule across the console; a title too long for that (rich would cut
    it short with "…", "from h = 0.…") is written whole, wrapped at spaces, above the rule."""

    def __init__(self, title: str, style: str = "rule.line"):
        self.title, self.style = Text(title, "bold"), style

    def __rich_console__(self, console, options):
        if self.title.cell_len <= options.max_width - 2:  # rich's rule keeps 2 cells for its line
            yield Rule(self.title, align="left", style=self.style)
        else:
            yield self.title
            yield Rule(style=self.style)


class TitledPanel:
    """A framed section: its title in the frame's top line; a title too long for that (rich cuts
    it off at the frame's corner: "n = 16 positions" read "n = 1" at 40 columns) is written whole,
    wrapped at spaces, above the frame."""

    def __init__(self, body: RenderableType, title: str):
        self.body, self.title = body, Text(title, "bold")

    def __rich_console__(self, console, options):
        if self.title.cell_len + 6 <= options.max_width:  # "╭─ " and " ─╮"
            yield Panel(self.body, title=self.title, title_align="left", expand=False)
        else:
            yield self.title
            yield Panel(self.body, expand=False)


class Blocks(Group):
    """A section's renderables one under the other, as rich's ``Group`` draws (and measures)
    them; the widgets of ``rnntrace.render.matrix`` are asked for their segments directly, not
    through ``Console.render`` (which, for each of a 1,000-word ``forward``'s 28,000 lines,
    looked for ``__rich__`` and ``__rich_console__`` and passed every segment up one more
    generator). Anything else, and anything they yield that is not a segment, rich renders."""

    def __rich_console__(self, console, options):
        if options.max_width < 1:  # as Console.render: no room, nothing drawn
            return
        inner = options.reset_height()
        render = console.render
        for r in self.renderables:
            if type(r) not in DIRECT:
                yield from render(r, inner)
                continue
            for out in r.__rich_console__(console, inner):
                if isinstance(out, Segment):
                    yield out
                else:
                    yield from render(out, inner)


DIRECT = (OneLine, HangingText, OpHeading, Equation, BlockGrid, ExplanationWidget, TitleRule)


def section(s: Section, precision: int, drawn: Drawn | None = None) -> RenderableType:
    parts = [r for b in s.blocks for r in draw(b, precision, drawn)]
    if s.framed:
        return TitledPanel(Blocks(*parts), s.title)
    if s.title:
        parts.insert(0, TitleRule(s.title))
    return Blocks(*parts)


def page(p: Page, precision: int, drawn: Drawn | None = None) -> list[RenderableType]:
    out = []
    for s in p.sections:
        if drawn is not None:
            drawn.where = ("at", p.t) if p.kind in ("step", "backward") and p.t is not None else ("in", s.title or p.label)
        out.append(section(s, precision, drawn))
    return out


def render(doc: Document) -> list[RenderableType]:
    """Every page's sections, in order; a weight drawn once (``Drawn``)."""
    drawn = Drawn("i" if doc.command == "attention" else "t")
    return [r for p in doc.pages for r in page(p, doc.precision, drawn)]
