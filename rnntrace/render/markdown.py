"""``--format markdown``: a command's renderables as Markdown (GitHub-flavoured tables).

An operation is a table laid out like the terminal: one column per operand (its name and shape in
the header, one matrix row per table row) with the operator between them and the result last.
Parameters are such a table without operators; summaries are plain tables. Formulas inside
sentences are escaped, never reinterpreted (``x_t`` stays ``x_t``, not an emphasis).
"""
from __future__ import annotations

import re

from rnntrace.render.flatten import (Eq, Explain, Grid, Matrix, OpHeading, Para, Section, Tab, Title,
                                     Verbatim, flatten)

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def escape(s: str) -> str:
    """Prose with Markdown's punctuation escaped (GitHub-flavoured Markdown)."""
    return _SPECIAL.sub(r"\\\1", s)


def code(s: str) -> str:
    """A code span that survives a ``|`` inside a table and backticks inside the text."""
    s = s.replace("|", "\\|")
    fence = "``" if "`" in s else "`"
    pad = " " if s.startswith("`") or s.endswith("`") else ""
    return f"{fence}{pad}{s}{pad}{fence}" if s else ""


def _row_text(m: Matrix, i: int) -> str:
    """Row i of the operand as shown: ``[0.3 0.2 0.1]`` for a vector, ``0.2 0.1 0.2`` for a matrix row."""
    row = m.cells[i]
    if m.is_scalar:
        return row[0]
    widths = [max(len(r[j]) for r in m.cells if j < len(r)) for j in range(max(len(r) for r in m.cells))]
    body = " ".join(c.rjust(w) for c, w in zip(row, widths))
    return f"[{body}]" if len(m.cells) == 1 else body


def cell(s: str) -> str:
    """A table cell's text: escaped, its lines joined by ``<br>`` (a newline would end the row)."""
    return "<br>".join(escape(" ".join(line.split())) for line in s.split("\n") if line.strip())


def _table(header: list[str], align: list[str], rows: list[list[str]]) -> str:
    """A GitHub table; a header or cell must not hold a newline (``cell`` turns them into ``<br>``)."""
    rule = {"left": ":--", "right": "--:", "center": ":-:"}
    header = [h if h.strip() else " " for h in header]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(rule.get(a, "---") for a in align) + " |"]
    lines += ["| " + " | ".join(r + [""] * (len(header) - len(r))) + " |" for r in rows]
    return "\n".join(lines)


def side_by_side(blocks: list[Matrix], ops: list[str], centre: bool = True) -> str:
    """Operands (and operators) as table columns, each operand's rows centred on the middle row
    (or, ``centre=False``, all starting at the top)."""
    height = max(len(b.cells) for b in blocks)
    mid = (height - 1) // 2
    header, align, columns = [], [], []
    for k, b in enumerate(blocks):
        top = mid - (len(b.cells) - 1) // 2 if centre else 0
        if b.row_labels:  # attention's tokens: a column of their own, left of the matrix
            header.append(" ")
            align.append("left")
            col = [""] * height
            for i, name in enumerate(b.row_labels):
                col[top + i] = escape(name)
            columns.append(col)
        header.append(code(b.labelled()) if b.labelled() else " ")
        align.append("center" if b.is_scalar else "left")
        col = [""] * height
        for i in range(len(b.cells)):
            text = _row_text(b, i)
            col[top + i] = f"**{code(text)}**" if b.result else code(text)
        columns.append(col)
        if k < len(ops):
            op = ops[k].strip("─")
            header.append(" ")
            align.append("center")
            columns.append([escape(op) if i == mid else "" for i in range(height)])
    rows = [[col[i] for col in columns] for i in range(height)]
    return _table(header, align, rows)


def grid(g: Grid, per_table: int = 3) -> str:
    chunks = [g.items[k:k + per_table] for k in range(0, len(g.items), per_table)]
    return "\n\n".join(side_by_side(chunk, [], centre=False) for chunk in chunks)


def table(tab: Tab) -> str:
    rows = [[cell(c) for c in row] for row in tab.rows]
    out = _table([cell(h) for h in tab.headers], tab.justify, rows)
    return (f"**{escape(tab.title)}**\n\n" if tab.title else "") + out


STYLES = {"bold": "**{}**", "note": "*{}*", "warn": "*{}*", "bad": "**{}**", "dim": "{}", "good": "{}",
          "plain": "{}"}


def document(renderables, title: str) -> str:
    """The renderables as one Markdown document."""
    items = flatten(renderables)
    out: list[str] = []
    if not any(isinstance(x, Title) for x in items[:1]):
        out.append(f"# {escape(title)}")
    first_title = True
    for item in items:
        if isinstance(item, Title):
            out.append(("# " if first_title else "## ") + escape(item.text))
            first_title = False
        elif isinstance(item, Section):
            out.append("## " + escape(item.text))
        elif isinstance(item, Para):
            lead = len(item.text) - len(item.text.lstrip(" "))
            lines = [STYLES[item.style].format(escape(line.strip())) for line in item.text.split("\n") if line.strip()]
            out.append(("- " if lead else "") + "  \n".join(lines))
        elif isinstance(item, OpHeading):
            out.append(f"**{code(item.text)}**" + (f" — {code(item.note)}" if item.note else ""))
        elif isinstance(item, Eq):
            out.append(side_by_side(item.operands, item.ops))
        elif isinstance(item, Explain):
            out.append("> ↳ " + escape(item.text))
        elif isinstance(item, Grid):
            out.append(grid(item))
        elif isinstance(item, Tab):
            out.append(table(item))
        elif isinstance(item, Verbatim):
            out.append("```text\n" + item.text + "\n```")
    return _join(out)


def _join(blocks: list[str]) -> str:
    """Blocks separated by a blank line, except consecutive list items, which stay one list."""
    text = ""
    for k, b in enumerate(blocks):
        if k:
            text += "\n" if (b.startswith("- ") and blocks[k - 1].startswith("- ")) else "\n\n"
        text += b
    return text + "\n"
