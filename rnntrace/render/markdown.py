r"""``--format markdown``: a command's Document as Markdown with real math.

Formulas and numbers are TeX between ``$…$`` / ``$$…$$`` (``$\begin{bmatrix}…\end{bmatrix}$``),
which MathJax, Jupyter and Quarto render: an operation is its statement and its shape line (the
TeX their builder made, as in ``latex``), then its operands and its result as matrices with their
names under them. Prose is escaped, never reinterpreted
(``x_t`` stays ``x_t``, not an emphasis), and the formulas the message catalogue marks in it are
math; tables are GitHub-flavoured, a chart's bars drawn with
block characters.
"""
from __future__ import annotations

import math as _m
import re

from rnntrace.document import (Chart, Document, Explanation, Formula, Grid, Heading, Matrix, Note, Operation,
                               Table)
from rnntrace.i18n import Text, concat, lines, squeeze
from rnntrace.notation import TEX
from rnntrace.render import latex

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~$])")
_BARS = re.compile(r"\\?\|")  # | and \| (‖) in math: \vert, \Vert (a bare | would end a table's cell)


def escape(s: str) -> str:
    """A sentence as Markdown: the formulas its catalogue message marks (``i18n.Text`` spans) as
    ``$…$`` math through ``latex.math``, the rest prose with Markdown's punctuation escaped
    (GitHub-flavoured Markdown; ``$`` too, so no sentence opens a formula of its own)."""
    return "".join("$" + _BARS.sub(lambda m: r"\Vert " if m.group(0) == "\\|" else r"\vert ", latex.math(piece)) + "$"
                   if is_math else _SPECIAL.sub(r"\\\1", piece) for piece, is_math in latex.parts(s))


def cell(s: str) -> str:
    """A table cell's text: escaped, its lines joined by ``<br>`` (a newline would end the row)."""
    return "<br>".join(escape(line) for line in lines(s))


def _table(header: list[str], align: list[str], rows: list[list[str]]) -> str:
    rule = {"left": ":--", "right": "--:", "center": ":-:"}
    header = [h if h.strip() else " " for h in header]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(rule.get(a, "---") for a in align) + " |"]
    lines += ["| " + " | ".join(r + [""] * (len(header) - len(r))) + " |" for r in rows]
    return "\n".join(lines)


def display(tex: str) -> str:
    return "$$\n" + tex + "\n$$"


def operation(op: Operation, doc: Document) -> str:
    p, conv = doc.precision, doc.conv
    rel = r" \mathrel{+}= " if op.accumulate else " = "
    statement = (latex.expr(op.target, conv) + rel if op.target is not None else "") + latex.expr(op.expr, conv)
    shapes = r" \qquad \small " + latex.shapes(op.shapes, op.shapes_tex) if op.shapes else ""
    if not op.numbers:
        return "$" + statement + "$"
    out = [display(statement + shapes)]
    last = op.symbols[-1]
    if last.startswith("─"):
        fn = TEX.function(last.strip("─→"))
        numbers = fn + r"\left(" + latex.operand(op.operands[0], p, conv) + r"\right) = "
    else:
        numbers = ""
        for m, sym in zip(op.operands, op.symbols):
            numbers += latex.operand(m, p, conv) + " " + latex.symbol(sym) + " "
    out.append(display(numbers + latex.operand(op.result, p, conv)))
    if op.explanation:
        out.append(explanation(op.explanation))
    return "\n\n".join(out)


def grid(g: Grid, doc: Document) -> str:
    p, conv = doc.precision, doc.conv
    items = [Matrix(m.label, m.value, m.role, m.shape, m.expr, m.bracketed,
                    g.row_labels if k == 0 or not g.symbols else None) for k, m in enumerate(g.items)]
    parts = [latex.operand(m, p, conv) for m in items]
    if g.symbols or g.lead:
        line = (latex.symbol(g.lead) + " " if g.lead else "") + parts[0]
        for k, x in enumerate(parts[1:]):
            line += " " + latex.symbol(g.symbols[k]) + " " + x
        return display(line)
    return display(r" \qquad ".join(parts))


def table(tb: Table) -> str:
    cols = tb.shown()
    rows = [[cell(r[j].text) for j in cols] for r in tb.rows]
    headers = [cell(tb.columns[j].header) if tb.header else "" for j in cols]
    out = _table(headers, [tb.columns[j].justify for j in cols], rows)
    return (f"**{escape(tb.title)}**\n\n" if tb.title else "") + out


EIGHTHS = " ▏▎▍▌▋▊▉█"
BAR = 20  # characters of the longest bar


def chart(c: Chart) -> str:
    lo, hi = c.axis()

    def bar(v: float, mark: float | None = None) -> str:
        """The bar in block characters, and the bound's │ beyond its end (as the terminal draws it)."""
        if not _m.isfinite(v):
            return "0" if v == -_m.inf else ("inf" if v > 0 else "nan")
        full, part = divmod(max(0, min(BAR * 8, int(round((v - lo) / (hi - lo) * BAR * 8)))), 8)
        drawn = "█" * full + (EIGHTHS[part] if part else "")
        if mark is not None and _m.isfinite(mark):
            pos = min(BAR - 1, max(0, int(round((mark - lo) / (hi - lo) * BAR)) - 1))
            if pos >= len(drawn):
                drawn = drawn.ljust(pos) + "│"
        return "`" + drawn.ljust(1) + "`"

    axis = f"1e{lo:+d} … 1e{hi:+d}"
    headers = [cell(h) for h in c.headers] + [escape(concat(s, ": ", axis) if s else axis) for s in c.series]
    justify = (c.justify or ["right"] * len(c.headers)) + ["left"] * len(c.series)
    marks = c.marks or [None] * len(c.rows)
    rows = [[cell(x) for x in texts] + [bar(v, marks[r] if k == 0 else None) for k, v in enumerate(vs)]
            for r, (texts, vs) in enumerate(zip(c.rows, c.values))]
    return _table(headers, justify, rows)


STYLES = {"strong": "**{}**", "info": "*{}*", "warning": "*{}*", "error": "**{}**", "detail": "{}", "success": "{}",
          "verdict": "{}", "text": "{}"}


def note(n: Note) -> str:
    if not n.text.strip():
        return ""
    body = "$" + n.tex + "$" if n.tex else escape(n.text.strip())  # a formula line: the TeX its builder made
    return ("- " if n.indent else "") + STYLES[n.kind].format(body)


def explanation(s: str) -> str:
    return "> ↳ " + escape(squeeze(s))


def formula(f: Formula, doc: Document) -> str:
    if f.expr is not None:
        tex = (latex.expr(f.target, doc.conv) + " = " if f.target is not None else "") + latex.expr(f.expr, doc.conv)
    else:
        tex = latex.missing(f.text)  # every formula the builders state has its tree
    if isinstance(f.shapes, Text) and not f.shapes_tex:  # a catalogue sentence, its formula marked
        return ("- " if f.indent else "") + "$" + tex + r" \qquad$ " + escape(f.shapes)
    shapes = r" \qquad \small " + latex.shapes(f.shapes, f.shapes_tex) if f.shapes else ""
    return ("- " if f.indent else "") + "$" + tex + shapes + "$"


def block(b, doc: Document) -> str:
    if isinstance(b, Operation):
        return operation(b, doc)
    if isinstance(b, Note):
        return note(b)
    if isinstance(b, Heading):
        return "**" + escape(b.text) + "**"
    if isinstance(b, Explanation):
        return explanation(b.text)
    if isinstance(b, Formula):
        return formula(b, doc)
    if isinstance(b, Matrix):
        return display(latex.label(b, doc.conv) + " = " + latex.bmatrix(b, doc.precision))
    if isinstance(b, Grid):
        return grid(b, doc)
    if isinstance(b, Table):
        return table(b)
    if isinstance(b, Chart):
        return chart(b)
    raise TypeError(type(b).__name__)


def document(doc: Document, title: str) -> str:
    """The document as Markdown: its title, then each section's title and blocks."""
    out: list[str] = [f"# {escape(doc.title)}"]
    first = True
    for page in doc.pages:
        for s in page.sections:
            if s.title and not (first and s.framed and s.title == doc.title):
                out.append("## " + escape(s.title))
            first = False
            out += [x for x in (block(b, doc) for b in s.blocks) if x]
    return _join(out)


def _join(blocks: list[str]) -> str:
    """Blocks separated by a blank line, except consecutive list items, which stay one list."""
    text = ""
    for k, b in enumerate(blocks):
        if k:
            text += "\n" if (b.startswith("- ") and blocks[k - 1].startswith("- ")) else "\n\n"
        text += b
    return text + "\n"
