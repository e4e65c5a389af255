"""A command's rich renderables, read back as a flat list of plain items, for the renderers that
write documents (``latex``, ``markdown``).

Every command already builds its output as rich renderables from a few shared pieces (a ``Panel``
header, ``Rule`` section titles, ``Text`` lines, ``Heading`` + ``Equation`` for an operation,
``BlockGrid`` for parameters, ``Table`` for summaries, ``Explanation`` for ``--explain``).
Reading those back gives every command LaTeX and Markdown without a second renderer per command;
anything not recognised is kept as preformatted text, so nothing is lost.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from rnntrace.render.matrix import BlockGrid, Equation, Explanation, parse_lines

_SHAPE_SUFFIX = re.compile(r"\(\d+×\d+\)\s*$")


@dataclass
class Title:
    text: str


@dataclass
class Section:
    text: str


@dataclass
class Para:
    """A line of text; ``style`` is one of plain, bold, dim, note, good, warn, bad."""

    text: str
    style: str = "plain"


@dataclass
class OpHeading:
    """An operation's expression and its shape line: ``a_t = x_t·W_xh + …``, ``(1×3) + …``."""

    text: str
    note: str = ""


@dataclass
class Explain:
    text: str


@dataclass
class Matrix:
    """An operand: its label, its cells as shown (strings), whether it is the result."""

    label: str
    cells: list[list[str]]
    result: bool = False
    bracketed: bool = True  # drawn in brackets (a vector or matrix), not a bare scalar like the 1 of 1 − z_t
    row_labels: list[str] = field(default_factory=list)  # a name per row (attention's tokens), or none

    @property
    def shape(self) -> str:
        """``1×5``: the shape as drawn (rows × columns of the cells)."""
        return f"{len(self.cells)}×{max(len(r) for r in self.cells)}" if self.cells else ""

    @property
    def is_scalar(self) -> bool:
        return len(self.cells) == 1 and len(self.cells[0]) == 1 and not self.bracketed

    def labelled(self) -> str:
        """The label with the shape after it, unless the label already ends with one."""
        if not self.label or self.is_scalar:
            return self.label
        if _SHAPE_SUFFIX.search(self.label):
            return self.label
        return f"{self.label} ({self.shape})"


@dataclass
class Eq:
    """``operands[0] ops[0] operands[1] … ops[-1] result``: ``=`` last, or ``─f→`` for a function.
    As many ops as operands: the first op leads (``= X``, the second half of a split equation)."""

    operands: list[Matrix]
    ops: list[str]


@dataclass
class Grid:
    items: list[Matrix]


@dataclass
class Tab:
    title: str
    headers: list[str]
    justify: list[str]
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Verbatim:
    text: str


Item = Title | Section | Para | OpHeading | Explain | Eq | Grid | Tab | Verbatim


def _plain(x) -> str:
    """The text of a title, header or cell: a Text's or a string's own, anything else rendered."""
    if x is None:
        return ""
    if hasattr(x, "plain"):
        return x.plain
    if isinstance(x, str):
        return x
    return _verbatim(x).text


def _text_style(text) -> str:
    style = str(text.style or "")
    if not style and text.spans and len(text.spans) == 1 and text.spans[0].start == 0 \
            and text.spans[0].end >= len(text.plain):
        style = str(text.spans[0].style)
    if "red" in style:
        return "bad"
    if "green" in style:
        return "good"
    if "yellow" in style:
        return "warn"
    if "bold" in style:
        return "bold"
    if "italic" in style:
        return "note"
    if "dim" in style:
        return "dim"
    return "plain"


def _formula_heading(text) -> OpHeading | None:
    """A line drawn like ``op_heading`` draws one, a bold formula then a dim shape line
    (``Q·Kᵀ    Q (5×4) · Kᵀ (4×5) → (5×5)``), read back as an operation's heading."""
    spans = sorted(text.spans, key=lambda sp: sp.start)
    if len(spans) != 2 or spans[0].start != 0 or "bold" not in str(spans[0].style) \
            or "dim" not in str(spans[1].style):
        return None
    formula, note = text.plain[:spans[0].end].strip(), text.plain[spans[1].start:].strip()
    if not formula or not any(ch in formula for ch in "=·ᵀ_^⊙") or not note:
        return None
    return OpHeading(formula, note)


def _matrix(block, result: bool = False) -> Matrix:
    bracketed = any(line.strip()[:1] in "[⎡⎢⎣" for line in block.lines if line.strip())
    return Matrix(block.label, parse_lines(block.lines), result or bool(block.style), bracketed)


_CELL = re.compile(r"[−-]?(\d+(\.\d*)?([eE][+−-]?\d+)?|inf|nan|∞)")
_LABELLED_ROW = re.compile(r"^(\S(?:.*?\S)?)?\s*([\[⎡⎢⎣].*[\]⎤⎥⎦])\s*$")


def _labelled_rows(text) -> Matrix | None:
    """Lines drawn like attention's ``labelled`` (a token, then a row of the matrix in brackets:
    ``el        ⎡0.0703 -0.1802⎤``) read back as one matrix with its row labels."""
    lines = [line for line in text.plain.split("\n") if line.strip()]
    if not lines:
        return None
    labels, rows = [], []
    for line in lines:
        m = _LABELLED_ROW.match(line)
        if m is None:
            return None
        cells = parse_lines([m.group(2)])
        if not cells or not all(_CELL.fullmatch(c) for c in cells[0]):
            return None
        labels.append((m.group(1) or "").strip())
        rows.append(cells[0])
    if len(lines) == 1 and not labels[0]:
        return None
    bold = any("bold" in str(sp.style) and "cyan" not in str(sp.style) for sp in text.spans) \
        or "bold" in str(text.style or "")
    return Matrix("", rows, bold, True, labels if any(labels) else [])


def _grid(grid) -> Eq | Grid:
    """A BlockGrid read back: a block of names only (attention's tokens) labels the rows of the
    matrix after it, a block holding one operator (``+``, ``=``) between two matrices is that
    operator: an equation drawn as a grid is an ``Eq``."""
    from rnntrace.render.matrix import NAME_STYLE

    operands: list[Matrix] = []
    ops: list[str] = []
    labels: list[str] = []
    lead: list[str] = []  # a column of names first: it labels every matrix of the grid (Q and K)
    for k, b in enumerate(grid.blocks):
        filled = [line.strip() for line in b.lines if line.strip()]
        if not b.label and len(filled) == 1 and not _CELL.fullmatch(filled[0]) \
                and filled[0][:1] not in "[⎡⎢⎣" and len(b.lines) > 1:
            ops.append(filled[0])
        elif not b.label and b.style == NAME_STYLE and not any(x[:1] in "[⎡⎢⎣" for x in filled):
            labels = [line.strip() for line in b.lines]
            lead = labels if k == 0 else lead
        else:
            m = _matrix(b)
            if labels and len(labels) == len(m.cells):
                m.row_labels = labels
            labels = []
            operands.append(m)
    if not ops or len(ops) not in (len(operands), len(operands) - 1):
        for m in operands:
            if lead and not m.row_labels and len(lead) == len(m.cells):
                m.row_labels = lead
        return Grid(operands)
    if ops[-1] == "=" or ops[-1].startswith("─"):
        operands[-1].result = True
    return Eq(operands, ops)


def _verbatim(renderable) -> Verbatim:
    from rich.console import Console

    buf = io.StringIO()
    Console(file=buf, width=80, color_system=None, force_terminal=False, highlight=False,
            soft_wrap=False).print(renderable)
    return Verbatim("\n".join(line.rstrip() for line in buf.getvalue().rstrip("\n").splitlines()))


def flatten(renderables) -> list[Item]:
    """The renderables as plain items, in order."""
    out: list[Item] = []
    for r in renderables:
        _walk(r, out)
    return _join_split_equations(out)


def _join_split_equations(items: list[Item]) -> list[Item]:
    """``E + P`` then ``= X`` (one equation drawn as two grids, for width) as one ``Eq``; a leading
    operator with nothing before it to join is dropped."""
    out: list[Item] = []
    for item in items:
        if isinstance(item, Eq) and len(item.ops) == len(item.operands):
            prev = out[-1] if out else None
            if isinstance(prev, Eq) and len(prev.ops) == len(prev.operands) - 1 \
                    and not (prev.ops and (prev.ops[-1] == "=" or prev.ops[-1].startswith("─"))):
                out[-1] = Eq(prev.operands + item.operands, prev.ops + item.ops)
                continue
            item = Eq(item.operands, item.ops[1:]) if item.ops[1:] else Grid(item.operands)
        out.append(item)
    return out


def _walk(r, out: list[Item]) -> None:
    from rich.console import Group
    from rich.padding import Padding
    from rich.panel import Panel
    from rich.rule import Rule
    from rich.table import Table
    from rich.text import Text

    from rnntrace.render.matrix import OpHeading as Heading

    if r is None:
        return
    if isinstance(r, str):
        if r.strip():
            out.append(Para(r))
    elif isinstance(r, Text):
        heading = _formula_heading(r)
        if heading is not None:
            out.append(heading)
        elif r.plain.strip():
            out.append(Para(r.plain, _text_style(r)))
    elif isinstance(r, Group):
        for x in r.renderables:
            labelled = _labelled_rows(x) if isinstance(x, Text) else None
            if labelled is not None:
                if out and isinstance(out[-1], Para) and _SHAPE_SUFFIX.search(out[-1].text) \
                        and "\n" not in out[-1].text:
                    labelled.label = out.pop().text.strip()  # the name over it: A (5×4)
                out.append(Grid([labelled]))
            else:
                _walk(x, out)
    elif isinstance(r, Panel):
        if r.title:
            out.append(Title(_plain(r.title)))
        _walk(r.renderable, out)
    elif isinstance(r, Padding):
        _walk(r.renderable, out)
    elif isinstance(r, Rule):
        if _plain(r.title).strip():
            out.append(Section(_plain(r.title)))
    elif isinstance(r, Heading):
        out.append(OpHeading(r.text, r.note))
    elif isinstance(r, Equation):
        blocks = [_matrix(b) for b in r.blocks]
        if r.ops and (r.ops[-1] == "=" or r.ops[-1].startswith("─")):
            blocks[-1].result = True
        out.append(Eq(blocks, list(r.ops)))
        if r.note:
            out.append(Explain(r.note))
    elif isinstance(r, Explanation):
        out.append(Explain(r.text))
    elif isinstance(r, BlockGrid):
        out.append(_grid(r))
    elif isinstance(r, Table):
        cols = r.columns
        n = max((len(list(c.cells)) for c in cols), default=0)
        cells = [list(c.cells) for c in cols]
        rows = [[_plain(cells[j][i]) if i < len(cells[j]) else "" for j in range(len(cols))] for i in range(n)]
        out.append(Tab(_plain(r.title), [_plain(c.header) for c in cols], [c.justify or "left" for c in cols], rows))
    else:
        out.append(_verbatim(r))
