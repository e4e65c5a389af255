"""SVG slides: one image per page of a Document, 1280 px wide (a 16:9 slide's width), light by
default, with no font fetched from anywhere.

Alignment never depends on the font: the page is laid out on a grid of character cells, and every
piece that must line up (a number in a matrix, a table cell, a shape note after its formula) is
its own ``<text>`` at its own x, numbers anchored at their right edge. A monospaced font is asked
for by name (the fallback is the renderer's ``monospace``); a narrower font only leaves more room
between the pieces, and brackets, rules and bars are drawn as lines and rectangles, not glyphs.
Within the 1280 px the page is 100 characters wide; a matrix wider than that is cut into groups of
columns, named as the terminal names them ("columns 1–9 of 16").

A slide (``slides``) is at most 720 px high, 16:9: a taller page is cut at block boundaries (as
``--step`` cuts a page for the terminal) into parts, "part 1 of 3" in each one's heading; a block
taller than a slide on its own (a long table, a 64-row matrix) is cut between two of its lines of
text, as ``--step`` cuts it, so every slide keeps the font's size (a scaled 64-row matrix would be
a third of it). ``document`` (``--export FILE.svg``) is every page in one image, as tall as it
needs.
"""
from __future__ import annotations

import bisect
import math
import textwrap
from html import escape

from rnntrace.document import (Chart, Document, Explanation, Formula, Grid, Heading, Matrix, Note,
                               Operation, Page, Section, Table)
from rnntrace.i18n import t
from rnntrace.render.views import PALETTES, bar_fraction, matrix_cells, power

WIDTH_PX = 1280
HEIGHT_PX = 720  # a slide's: 16:9
COLUMNS = 100
FONT = 20.0  # px
CW = FONT * 0.6021  # px per character cell: the advance of DejaVu Sans Mono and Menlo (1233/2048 em)
LH = 27.0  # px per line
MARGIN = (WIDTH_PX - COLUMNS * CW) / 2
FONTS = "'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace"


class Canvas:
    """What a page draws, in character cells: texts, lines, rectangles and brackets."""

    def __init__(self):
        self.items: list[str] = []
        self.y = 0.0  # the next free line
        self.tops: dict[str, float] = {}  # a text item → where its line starts (slides are cut between)

    def text(self, x: float, y: float, s: str, role: str = "", anchor: str = "start") -> None:
        if not s:
            return
        px, py = MARGIN + x * CW, MARGIN + y * LH + LH * 0.72
        cls = f' class="{role}"' if role else ""
        end = ' text-anchor="end"' if anchor == "end" else ""
        self.items.append(f'<text x="{px:.1f}" y="{py:.1f}"{cls}{end}>{escape(s, quote=False)}</text>')
        self.tops[self.items[-1]] = y

    def line(self, x1: float, y1: float, x2: float, y2: float, role: str = "rule") -> None:
        self.items.append(f'<line x1="{MARGIN + x1 * CW:.1f}" y1="{MARGIN + y1 * LH:.1f}" '
                          f'x2="{MARGIN + x2 * CW:.1f}" y2="{MARGIN + y2 * LH:.1f}" class="{role}"/>')

    def rect(self, x: float, y: float, w: float, h: float, role: str, opacity: float | None = None) -> None:
        op = f' fill-opacity="{opacity:.3f}"' if opacity is not None else ""
        self.items.append(f'<rect x="{MARGIN + x * CW:.1f}" y="{MARGIN + y * LH:.1f}" width="{w * CW:.1f}" '
                          f'height="{h * LH:.1f}" class="{role}"{op}/>')

    def bracket(self, x: float, y: float, rows: int, side: str) -> None:
        """A square bracket one cell wide, ``rows`` lines tall, opening right (``[``) or left."""
        x0, x1 = (x + 0.65, x + 0.3) if side == "left" else (x + 0.35, x + 0.7)
        top, bottom = y + 0.12, y + rows - 0.12
        self.items.append(f'<path d="M{MARGIN + x0 * CW:.1f},{MARGIN + top * LH:.1f} '
                          f'H{MARGIN + x1 * CW:.1f} V{MARGIN + bottom * LH:.1f} H{MARGIN + x0 * CW:.1f}" '
                          f'class="bracket"/>')


def page_svg(doc: Document, page: Page, theme: str = "light", title: str = "") -> str:
    """One page as a standalone SVG document, as tall as it needs."""
    c = Canvas()
    _page(c, doc, page, title)
    return _svg(c, theme, page.label)


def slides(doc: Document, theme: str = "light", title: str = "") -> list[tuple[str, str]]:
    """Every page of ``doc`` as slides, (file name, SVG document), in order: ``03-step-2.svg``,
    or ``03-step-2-part-1.svg`` … for a page cut into parts."""
    from rnntrace.render.views import page_stem

    out = []
    for k, page in enumerate(doc.pages):
        cut = parts(doc, page, title)
        for j, part in enumerate(cut, start=1):
            label = page.label if len(cut) == 1 else page.label + " · " + t("teach.step.part", k=j, n=len(cut))
            c = Canvas()
            _head(c, label, title)
            for draw in part:
                draw(c)
            name = page_stem(doc, k) + (f"-part-{j}" if len(cut) > 1 else "")
            out.append((name + ".svg", _svg(c, theme, label)))
    return out


class Recording(Canvas):
    """A canvas that keeps what is drawn on it as calls (method, arguments), to draw them again
    on another canvas lower down (``replay``): a block taller than a slide is drawn once, and each
    of its windows replays the calls of its own lines (drawing the whole block again for every
    window took time that grew as the square of its size: 473 slides of an H = 256 step, minutes)."""

    def __init__(self):
        super().__init__()
        self._index: tuple | None = None  # (the texts' lines in order, their items' places, the rest's places)

    def text(self, x: float, y: float, s: str, role: str = "", anchor: str = "start") -> None:
        if s:
            self.items.append(("text", (x, y, s, role, anchor)))
            self.tops[self.items[-1]] = y

    def line(self, x1: float, y1: float, x2: float, y2: float, role: str = "rule") -> None:
        self.items.append(("line", (x1, y1, x2, y2, role)))

    def rect(self, x: float, y: float, w: float, h: float, role: str, opacity: float | None = None) -> None:
        self.items.append(("rect", (x, y, w, h, role, opacity)))

    def bracket(self, x: float, y: float, rows: int, side: str) -> None:
        self.items.append(("bracket", (x, y, rows, side)))

    def replay(self, c: Canvas, dy: float, top: float, bottom: float) -> None:
        """Draw the calls on ``c``, ``dy`` lines lower, leaving out the texts whose line is not
        wholly between lines ``top`` and ``bottom`` (rules, rectangles and brackets are kept:
        the window's clip path cuts them). The texts near the window are found by bisection, so
        a window costs its own lines, not the block's."""
        if self._index is None:  # once the drawing is done
            texts = sorted((args[1], k) for k, (kind, args) in enumerate(self.items) if kind == "text")
            self._index = ([y for y, _ in texts], [k for _, k in texts],
                           [k for k, (kind, _) in enumerate(self.items) if kind != "text"])
        ys, places, others = self._index
        lo = bisect.bisect_left(ys, top - dy - 1e-3)
        hi = bisect.bisect_right(ys, bottom - dy - 1 + 1e-3)
        for k in sorted(others + places[lo:hi]):
            kind, args = self.items[k]
            if kind == "text":
                x, y, s, role, anchor = args
                if top - 1e-6 <= y + dy and y + dy + 1 <= bottom + 1e-6:
                    c.text(x, y + dy, s, role, anchor)
            elif kind == "line":
                x1, y1, x2, y2, role = args
                c.line(x1, y1 + dy, x2, y2 + dy, role)
            elif kind == "rect":
                x, y, w, h, role, opacity = args
                c.rect(x, y + dy, w, h, role, opacity)
            else:
                x, y, rows, side = args
                c.bracket(x, y + dy, rows, side)


class Window:
    """Lines ``start`` to ``end`` of a block taller than a slide (a 64-row matrix, a long table),
    drawn on a slide: the block is cut between two lines of text, as ``--step`` cuts it for the
    terminal; the first shares its slide with what comes before it, the rest have one each."""

    def __init__(self, block: Recording, start: float, end: float):
        self.block, self.start, self.end = block, start, end

    def __call__(self, c: Canvas) -> None:
        """The block drawn with its line ``start`` at the canvas's next line: its lines of text
        outside the window left out, its brackets and rules clipped to it."""
        base = c.y
        end = base + self.end - self.start
        shown = Canvas()
        self.block.replay(shown, base - self.start, base, end)
        top, height = MARGIN + base * LH, (self.end - self.start) * LH
        clip = f"lines-{self.start:g}".replace(".", "_")
        c.items.append(f'<clipPath id="{clip}"><rect x="0" y="{top:.1f}" width="{WIDTH_PX}" height="{height:.1f}"/>'
                       f'</clipPath>\n<g clip-path="url(#{clip})">\n' + "\n".join(shown.items) + "\n</g>")
        c.y = end


def windows(block: Recording, room: float, first: float) -> list[Window]:
    """A chunk (``block``: it drawn from line 0) cut into windows of at most ``room``
    lines (``first`` for the first, which shares a slide with what comes before it), each cut
    between two lines of text (never through one), as few as will do."""
    tops = sorted(set(block.tops.values()))

    def inside_a_line(x: float) -> bool:  # the line that starts last before x reaches furthest
        k = bisect.bisect_left(tops, x - 1e-9) - 1
        return k >= 0 and x + 1e-9 < tops[k] + 1

    cuts = [x for x in sorted({x for y in tops for x in (y, y + 1)} | {block.y}) if not inside_a_line(x)]
    out, start, size = [], 0.0, first
    while start < block.y - 1e-9:
        k = bisect.bisect_right(cuts, start + size + 1e-9) - 1  # the last cut that fits
        end = cuts[k] if k >= 0 and cuts[k] > start else min(start + size, block.y)
        out.append(Window(block, start, end))
        start, size = end, room
    return out


def lines_per_slide(title: str) -> float:
    """The lines a slide's body holds under its heading (and the title line, if any)."""
    return (HEIGHT_PX - 2 * MARGIN) / LH - _head(Canvas(), "x", title)


def parts(doc: Document, page: Page, title: str = "") -> list:
    """The page's chunks (``_chunks``) packed into slides: as many as fit under the heading, a
    chunk never split unless it is taller than a slide on its own, when it is cut between lines
    of text into windows (``Window``)."""
    room = lines_per_slide(title)
    out: list = [[]]
    used = 0.0
    for draw in _chunks(doc, page):
        scratch = Recording()
        draw(scratch)
        if scratch.y > room + 1e-9:  # in windows: the first under what is on the slide, if 3 lines fit
            if room - used < 3:
                out.append([])
                used = 0.0
            cut = windows(scratch, room, room - used)
            out[-1].append(cut[0])
            out += [[w] for w in cut[1:]]
            used = (cut[-1].end - cut[-1].start) if len(cut) > 1 else used + cut[0].end - cut[0].start
            continue
        if out[-1] and used + scratch.y > room + 1e-9:
            out.append([])
            used = 0.0
        out[-1].append(draw)
        used += scratch.y
    return [p for p in out if p]


def document(doc: Document, theme: str = "light", title: str = "") -> str:
    """Every page in one image, one below the other, a rule between pages (``--export FILE.svg``)."""
    c = Canvas()
    for k, page in enumerate(doc.pages):
        if k:
            c.line(0, c.y + 0.5, COLUMNS, c.y + 0.5, "strongrule")
            c.y += 1.5
        _page(c, doc, page, title if k == 0 else "")
    return _svg(c, theme, title)


def _head(c: Canvas, label: str, title: str) -> float:
    """The title line (if any) and the page's heading; returns the lines they take."""
    top = c.y
    if title:
        c.text(0, c.y, title, "detail")
        c.y += 1
    c.text(0, c.y, label, "heading")
    c.y += 1.5
    return c.y - top


def _page(c: Canvas, doc: Document, page: Page, title: str) -> None:
    _head(c, page.label, title)
    for draw in _chunks(doc, page):
        draw(c)


def _svg(c: Canvas, theme: str, title: str) -> str:
    height = 2 * MARGIN + c.y * LH
    pal = PALETTES[theme]
    style = (f"text {{ font-family: {FONTS}; font-size: {FONT:.0f}px; fill: {pal['fg']}; white-space: pre; }}\n"
             f".heading {{ font-weight: bold; font-size: {FONT * 1.2:.0f}px; }}\n"
             f".name {{ fill: {pal['name']}; font-weight: bold; }}\n"
             f".detail {{ fill: {pal['detail']}; }}\n"
             f".strong, .result {{ font-weight: bold; fill: {pal['strong']}; }}\n"
             + "".join(f".{k} {{ fill: {pal[k]}; }}\n" for k in ("error", "warning", "success", "info", "verdict"))
             + f".error {{ font-weight: bold; }}\n.explain {{ font-style: italic; }}\n"
             f"line.rule {{ stroke: {pal['rule']}; stroke-width: 1.5; }}\n"
             f"line.strongrule {{ stroke: {pal['fg']}; stroke-width: 1.5; }}\n"
             f"line.bound {{ stroke: {pal['bound']}; stroke-width: 2.5; }}\n"
             f"path.bracket {{ fill: none; stroke: {pal['fg']}; stroke-width: 1.6; }}\n"
             f"rect.bar {{ fill: {pal['bar']}; }}\nrect.heat {{ fill: rgb({pal['heat']}); }}\n"
             f"rect.panel {{ fill: {pal['panel']}; stroke: {pal['rule']}; stroke-width: 1.5; }}\n")
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH_PX}" height="{height:.0f}" '
            f'viewBox="0 0 {WIDTH_PX} {height:.0f}">\n'
            f"<title>{escape(title)}</title>\n<style>\n{style}</style>\n"
            f'<rect width="100%" height="100%" fill="{pal["bg"]}"/>\n'
            + "\n".join(c.items) + "\n</svg>\n")


# ---- sections and blocks --------------------------------------------------------------------------------
def _chunks(doc: Document, page: Page) -> list:
    """The page as pieces that stay together on a slide, each a function that draws it at the
    canvas's next line: a block (a section's title goes with its first block), a framed section
    whole."""
    out = []
    for s in page.sections:
        out += _section(doc, s, page.label)
    return out


def _section(doc: Document, s: Section, page_label: str) -> list:
    titled = bool(s.title and s.title != page_label)  # the slide's own title is not said twice

    def title(c: Canvas) -> None:
        if titled:
            c.text(0, c.y, s.title, "strong")
            c.line(len(s.title) + 1, c.y + 0.5, COLUMNS, c.y + 0.5)
            c.y += 1.2

    if s.framed:
        def framed(c: Canvas) -> None:
            title(c)
            start = len(c.items)
            top = c.y
            c.y += 0.3
            for b in s.blocks:
                _block(c, doc, b, indent=1, width=COLUMNS - 2)
            c.y += 0.3
            c.rect(0, top, COLUMNS, c.y - top, "panel")
            c.items.insert(start, c.items.pop())  # the panel goes under what it frames
            c.y += 0.6
        return [framed]

    def piece(k: int):
        def draw(c: Canvas) -> None:
            if k == 0:
                title(c)
            if k < len(s.blocks):
                _block(c, doc, s.blocks[k])
            if k >= len(s.blocks) - 1:
                c.y += 0.6
        return draw

    return [piece(k) for k in range(max(1, len(s.blocks)))]


def _block(c: Canvas, doc: Document, b, indent: int = 0, width: int = COLUMNS) -> None:
    if isinstance(b, Heading):
        c.text(indent, c.y, b.text, "strong")
        c.y += 1
    elif isinstance(b, Note):
        _note(c, b, indent + b.indent, width - b.indent)
    elif isinstance(b, Explanation):
        _prose(c, b.text, "explain", indent + 2, width - 2)
    elif isinstance(b, Formula):
        _statement(c, indent + b.indent, b.text, b.shapes, width)
    elif isinstance(b, Matrix):
        _items(c, [(_Mat(b, doc.precision, b.label), None)], indent + 2, width - 2)
    elif isinstance(b, Operation):
        _operation(c, doc, b, indent, width)
    elif isinstance(b, Grid):
        mats = [_Mat(m, doc.precision, m.label, b.row_labels if k == 0 else None) for k, m in enumerate(b.items)]
        syms = b.symbols or []
        _items(c, [(m, syms[k] if k < len(syms) else None) for k, m in enumerate(mats)], indent + 2, width - 2,
               gap=max(1, b.gap), lead=b.lead or None)
    elif isinstance(b, Table):
        _table(c, b, indent, width)
    elif isinstance(b, Chart):
        _chart(c, b, indent, width)
    else:
        raise TypeError(b)


def _prose(c: Canvas, text: str, role: str, x: int, width: int) -> None:
    for line in textwrap.wrap(text, max(20, width)) or [""]:
        c.text(x, c.y, line, role)
        c.y += 1


def _note(c: Canvas, n: Note, x: int, width: int) -> None:
    if not n.runs:
        _prose(c, n.text, n.kind if n.kind != "text" else "", x, width)
        return
    col = 0
    for r in n.runs:  # a line of set-off pieces wraps between pieces
        if col and col + len(r.text.rstrip()) > width:
            c.y += 1
            col = 0
            if not r.text.strip():
                continue
        c.text(x + col, c.y, r.text, r.role)
        col += len(r.text)
    c.y += 1


# ---- matrices and equations --------------------------------------------------------------------------------
class _Mat:
    """A matrix laid out: its caption, its numbers' strings and column widths."""

    def __init__(self, m: Matrix, precision: int, label: str, row_labels: list[str] | None = None,
                 cells: list[list[str]] | None = None):
        self.m, self.label = m, label
        self.cells = cells if cells is not None else matrix_cells(m, precision)
        self.row_labels = row_labels or m.row_labels
        self.widths = [max(len(row[j]) for row in self.cells) for j in range(len(self.cells[0]))]
        self.lab_w = max((len(x) for x in self.row_labels), default=0) + 1 if self.row_labels else 0

    @property
    def rows(self) -> int:
        return len(self.cells)

    @property
    def body_width(self) -> int:
        if not self.m.bracketed:
            return len(self.cells[0][0])
        return self.lab_w + 1 + sum(self.widths) + len(self.widths) - 1 + 1  # [ numbers ]

    @property
    def width(self) -> int:
        return max(self.body_width, len(self.label))

    def split(self, width: int) -> list["_Mat"]:
        """This matrix as groups of consecutive columns, each within ``width`` characters."""
        if self.width <= width or len(self.widths) < 2:
            return [self]
        n, out, a = len(self.widths), [], 0
        fixed = self.lab_w + 2
        while a < n:
            b, used = a + 1, fixed + self.widths[a]
            while b < n and used + 1 + self.widths[b] <= width:
                used += 1 + self.widths[b]
                b += 1
            part = t("common.columns", a=a + 1, b=b, n=n) if b - a > 1 else t("common.column", a=a + 1, n=n)
            out.append(_Mat(self.m, 0, f"{self.m.label} · {part}", self.row_labels,
                            [row[a:b] for row in self.cells]))
            a = b
        return out

    def draw(self, c: Canvas, x: float, y: float, label_y: float) -> None:
        role = "result" if self.m.role == "result" else ""
        if self.m.bracketed or self.label != self.cells[0][0]:
            c.text(x, label_y, self.label, "name")
        if not self.m.bracketed:
            c.text(x, y, self.cells[0][0], role)
            return
        if self.row_labels:
            for i in range(self.rows):
                if i < len(self.row_labels):
                    c.text(x, y + i, self.row_labels[i], "name")
        bx = x + self.lab_w
        c.bracket(bx, y, self.rows, "left")
        right = bx + 1  # each column's right edge: the numbers are right-aligned on it
        for j, w in enumerate(self.widths):
            right += (1 if j else 0) + w
            for i in range(self.rows):
                s = self.cells[i][j]
                c.text(right, y + i, s, "error" if s in ("inf", "-inf", "nan") else role, anchor="end")
        c.bracket(right, y, self.rows, "right")


def _items(c: Canvas, items: list[tuple[_Mat, str | None]], x0: int, width: int, gap: int = 1,
           lead: str | None = None) -> None:
    """Matrices side by side, each followed by its symbol (``·``, ``=``, ``─tanh→``), wrapping to
    a new line of matrices (the symbol leading it) when the next one would not fit; ``lead``, a
    symbol before the first."""
    pieces: list[tuple[_Mat, str | None]] = []
    for m, sym in items:
        parts = m.split(width - 4)
        pieces += [(p, None) for p in parts[:-1]] + [(parts[-1], sym)]
    line: list[tuple[_Mat, str | None]] = []
    used = len(lead) + 1 if lead else 0
    for m, sym in pieces:
        need = m.width + (len(sym) + 2 if sym else 0)
        if line and used + need > width:
            _line(c, line, x0, lead)
            lead = line[-1][1]
            line, used = [], (len(lead) + 1 if lead else 0)
        line.append((m, sym))
        used += need + gap
    if line:
        _line(c, line, x0, lead, last=True)


def _line(c: Canvas, line, x0: int, lead: str | None, last: bool = False) -> None:
    height = max(m.rows for m, _ in line)
    mid = c.y + 1 + (height - 1) // 2
    x = x0
    if lead:
        c.text(x, mid, lead)
        x += len(lead) + 1
    for k, (m, sym) in enumerate(line):
        top = c.y + 1 + (height - m.rows) // 2
        m.draw(c, x, top, c.y)
        x += m.width + 1
        if sym and (k < len(line) - 1 or last):
            c.text(x, mid, sym)
            x += len(sym) + 1
    c.y += 1 + height


def _statement(c: Canvas, x: int, formula: str, shapes: str, width: int) -> None:
    """A formula, and its shape line four cells after it (or on the next line when it would not
    fit): two pieces at their own x, so they never run together whatever the font."""
    c.text(x, c.y, formula, "strong")
    if shapes and x + len(formula) + 4 + len(shapes) <= width:
        c.text(x + len(formula) + 4, c.y, shapes, "detail")
    elif shapes:
        c.y += 1
        c.text(x + 2, c.y, shapes, "detail")
    c.y += 1


def _operation(c: Canvas, doc: Document, op: Operation, x: int, width: int) -> None:
    _statement(c, x, op.statement, op.shapes, width)
    if op.numbers:
        items = [(_Mat(m, doc.precision, m.label), s) for m, s in zip(op.operands, op.symbols)]
        items.append((_Mat(op.result, doc.precision, op.result.label), None))
        _items(c, items, x + 2, width - 2)
    if op.explanation:
        _prose(c, op.explanation, "explain", x + 2, width - 2)
    c.y += 0.3


# ---- tables and charts ----------------------------------------------------------------------------------
def _table(c: Canvas, tab: Table, x0: int, width: int) -> None:
    tab = tab.as_shown()
    framed = tab.style == "framed"
    n = len(tab.columns)
    widths = [max([len(col.header) if tab.header else 0] + [len(r[j].text) for r in tab.rows if j < len(r)])
              for j, col in enumerate(tab.columns)]
    gap = 3 if framed else 2
    lefts = []
    x = x0 + (gap / 2 if framed else 0)  # framed: a cell reaches half a gap either side of its text
    for w in widths:
        lefts.append(x)
        x += w + gap
    right_edge = x - (gap / 2 if framed else gap)
    if tab.title:
        c.text(x0, c.y, tab.title, "strong")
        c.y += 1
    top = c.y

    def put_row(cells, y, header=False):
        for j, cell in enumerate(cells[:n]):
            text, role = (cell, tab.columns[j].role or "strong") if header else (cell.text, cell.role)
            if not header and role == "heat":
                if cell.value is not None and math.isfinite(cell.value):
                    c.rect(lefts[j] - gap / 2, y, widths[j] + gap, 1, "heat", max(0.0, min(1.0, cell.value)))
                role = ""
            if tab.columns[j].justify == "right":
                c.text(lefts[j] + widths[j], y, text, role, anchor="end")
            else:
                c.text(lefts[j], y, text, role)

    if tab.header:
        put_row([col.header for col in tab.columns], c.y, header=True)
        c.y += 1
        c.line(x0, c.y, right_edge, c.y, "strongrule")
    for i, row in enumerate(tab.rows):
        put_row(row, c.y)
        c.y += 1
        if i in tab.rules or framed and i < len(tab.rows) - 1:
            c.line(x0, c.y, right_edge, c.y, "strongrule" if i in tab.rules else "rule")
    if framed:
        for xx in [x0] + [left + w + gap / 2 for left, w in zip(lefts[:-1], widths[:-1])] + [right_edge]:
            c.line(xx, top, xx, c.y)
        c.line(x0, top, right_edge, top)
        c.line(x0, c.y, right_edge, c.y)
    c.y += 0.5


def _chart(c: Canvas, ch: Chart, x0: int, width: int) -> None:
    justify = ch.justify or ["right"] * len(ch.headers)
    widths = [max([len(h)] + [len(r[j]) for r in ch.rows]) for j, h in enumerate(ch.headers)]
    lefts, x = [], x0
    for w in widths:
        lefts.append(x)
        x += w + 2
    n = len(ch.series)
    bar_w = max(10, (width - (x - x0) - 2 * (n - 1)) // n)
    axis = ch.axis()
    for j, h in enumerate(ch.headers):
        c.text(lefts[j] + (widths[j] if justify[j] == "right" else 0), c.y, h, "strong",
               "end" if justify[j] == "right" else "start")
    for k, name in enumerate(ch.series):
        bx = x + k * (bar_w + 2)
        if n > 1:
            c.text(bx, c.y, name, "strong")
        c.text(bx, c.y + 1, power(axis[0]), "detail")
        c.text(bx + bar_w, c.y + 1, power(axis[1]), "detail", "end")
    c.y += 2
    c.line(x0, c.y, x + n * (bar_w + 2) - 2, c.y, "strongrule")
    for r, (texts, vals) in enumerate(zip(ch.rows, ch.values)):
        for j, s in enumerate(texts):
            if justify[j] == "right":
                c.text(lefts[j] + widths[j], c.y, s, "", "end")
            else:
                c.text(lefts[j], c.y, s)
        for k, v in enumerate(vals):
            bx = x + k * (bar_w + 2)
            if not math.isfinite(v):
                word = t("bptt.chart.zero") if v == -math.inf else ("inf" if v == math.inf else "nan")
                c.text(bx, c.y, word, "detail" if v == -math.inf else "error")
                continue
            c.rect(bx, c.y + 0.2, bar_w * bar_fraction(v, axis), 0.6, "bar")
            mark = ch.marks[r] if ch.marks is not None and k == 0 else None
            if mark is not None and math.isfinite(mark):
                mx = bx + bar_w * bar_fraction(mark, axis)
                c.line(mx, c.y + 0.05, mx, c.y + 0.95, "bound")
        c.y += 1
    c.y += 0.5
