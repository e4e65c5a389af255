"""HTML: a Document as one self-contained page that works offline.

Every page of the document is a ``<section class="page">``; a small script (``assets/page.js``)
shows one at a time, stepped through by the Next/Back buttons and the ←/→ keys (without
JavaScript every page shows, one below the other). The style sheet and the script are inlined:
nothing is fetched, no web font, no CDN. Formulas are plain text in the lecture's notation;
matrices are tables between brackets; a note's kind and a run's role become CSS classes.

``fragment(doc, pages)`` is the same markup without the page chrome, for a notebook cell.
"""
from __future__ import annotations

import math
from html import escape
from importlib import resources

from rnntrace.document import (Chart, Document, Explanation, Formula, Grid, Heading, Matrix, Note,
                               Operation, Page, Section, Table)
from rnntrace.render.views import bar_fraction, matrix_cells, power

DARK = ".rnntrace { color-scheme: dark; --fg: #d9d9d9; --bg: #0c0c0c; --name: #61d6d6; --detail: #8a8a8a; " \
       "--error: #f14c4c; --warning: #e5e510; --success: #23d18b; --info: #3b8eea; --verdict: #d670d6; " \
       "--rule: #5a5a5a; --panel: #1a1a1a; --bar: #3b8eea; --bound: #f14c4c; }"
HEAT = {"light": "9, 105, 218", "dark": "59, 142, 234"}


def _asset(name: str) -> str:
    return resources.files("rnntrace.render").joinpath("assets", name).read_text(encoding="utf-8")


def document(doc: Document, title: str, theme: str = "light") -> str:
    """The whole page: title, the Back/Next bar, every page of ``doc``, the inlined style and script."""
    from rnntrace.i18n import t

    css = _asset("page.css") + ("\n" + DARK if theme == "dark" else "")
    pages = "\n".join(_page(doc, p, k, theme) for k, p in enumerate(doc.pages))
    return (
        f'<!DOCTYPE html>\n<html lang="{doc.lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="rnntrace">\n'
        f"<title>{escape(title)}</title>\n<style>\n{css}</style>\n</head>\n<body class=\"rnntrace\">\n"
        f'<header><h1>{escape(title)}</h1>'
        f'<button id="back" type="button" title="←">{escape(t("views.html.back"))}</button>'
        f'<span id="where">{len(doc.pages)}</span>'
        f'<button id="next" type="button" title="→">{escape(t("views.html.next"))}</button></header>\n'
        f"<main>\n{pages}\n</main>\n<script>\n{_asset('page.js')}</script>\n</body>\n</html>\n")


def fragment(doc: Document, pages: list[Page] | None = None, theme: str = "light") -> str:
    """The pages (default: all) as markup with its style scoped to a ``div``, for a notebook's
    output cell: no header bar and no script, every page shown."""
    css = _asset("page.css") + ("\n" + DARK if theme == "dark" else "")
    chosen = doc.pages if pages is None else pages
    body = "\n".join(_page(doc, p, k, theme) for k, p in enumerate(chosen))
    return f'<div class="rnntrace"><style>{css}</style>\n{body}\n</div>'


# ---- pages and sections -----------------------------------------------------------------------------
def _page(doc: Document, page: Page, k: int, theme: str) -> str:
    body = "\n".join(_section(doc, s, theme, page.label) for s in page.sections)
    label = f"<h2>{escape(page.label)}</h2>\n" if page.label else ""
    return (f'<section class="page" id="page-{k + 1}" data-kind="{page.kind}">\n'
            f"{label}{body}\n</section>")


def _section(doc: Document, s: Section, theme: str, page_label: str) -> str:
    title = f"<h3>{escape(s.title)}</h3>\n" if s.title and s.title != page_label else ""
    blocks = "\n".join(_block(doc, b, theme) for b in s.blocks)
    return f'<section class="sec{" framed" if s.framed else ""}">\n{title}{blocks}\n</section>'


def _block(doc: Document, b, theme: str) -> str:
    if isinstance(b, Heading):
        return f"<h{3 + b.level}>{escape(b.text)}</h{3 + b.level}>" if b.level == 1 else \
            f'<p class="strong">{escape(b.text)}</p>'
    if isinstance(b, Note):
        return _note(b)
    if isinstance(b, Explanation):
        return f'<p class="explain">{escape(b.text)}</p>'
    if isinstance(b, Matrix):
        return f'<div class="grid">{_matrix(b, doc.precision, b.label)}</div>'
    if isinstance(b, Operation):
        return _operation(doc, b)
    if isinstance(b, Formula):
        shapes = f' <span class="shapes">{escape(b.shapes)}</span>' if b.shapes else ""
        return f'<p class="formula math"{_indent(b.indent)}>{escape(b.text)}{shapes}</p>'
    if isinstance(b, Grid):
        return _grid(doc, b)
    if isinstance(b, Table):
        return _table(b, theme)
    if isinstance(b, Chart):
        return _chart(b)
    raise TypeError(b)


def _indent(n: int) -> str:
    return f' style="padding-left: {n}ch"' if n else ""


def _note(n: Note) -> str:
    if n.runs:
        inner = "".join(f'<span class="{r.role}">{escape(r.text)}</span>' if r.role else escape(r.text)
                        for r in n.runs)
    else:
        inner = escape(n.text)
    return f'<p class="note {n.kind}"{_indent(n.indent)}>{inner}</p>'


# ---- numbers ----------------------------------------------------------------------------------------
def _matrix(m: Matrix, precision: int, label: str | None = None, row_labels: list[str] | None = None) -> str:
    """A figure: the caption (the label) above the numbers, in brackets unless ``bracketed`` is
    False (a bare 1 in ``1 − z_t``)."""
    cells = matrix_cells(m, precision)
    cls = "result" if m.role == "result" else "operand"
    cap = f"<figcaption>{escape(label if label is not None else m.label)}</figcaption>"
    if not m.bracketed:  # a bare number in an equation: no caption, the number says what it is
        return f'<figure class="{cls}"><figcaption>&#160;</figcaption><span class="bare">{escape(cells[0][0])}</span></figure>'
    labels = row_labels or m.row_labels
    rows = []
    for i, row in enumerate(cells):
        head = f"<th>{escape(labels[i])}</th>" if labels and i < len(labels) else ""
        rows.append("<tr>" + head + "".join(_number_cell(c) for c in row) + "</tr>")
    return f'<figure class="{cls}">{cap}<table class="mat">{"".join(rows)}</table></figure>'


def _number_cell(text: str) -> str:
    bad = text in ("inf", "-inf", "nan")
    return f'<td class="error">{text}</td>' if bad else f"<td>{escape(text)}</td>"


def _operation(doc: Document, op: Operation) -> str:
    shapes = f'<span class="shapes">{escape(op.shapes)}</span>' if op.shapes else ""
    head = f'<div class="stmt math">{escape(op.statement)} {shapes}</div>'
    parts = [head]
    if op.numbers:
        items = []
        for m, sym in zip(op.operands, op.symbols):
            items.append(_matrix(m, doc.precision))
            items.append(f'<span class="sym">{escape(sym)}</span>')
        items.append(_matrix(op.result, doc.precision))
        parts.append(f'<div class="eq">{"".join(items)}</div>')
    if op.explanation:
        parts.append(f'<p class="explain">{escape(op.explanation)}</p>')
    return f'<div class="op">{"".join(parts)}</div>'


def _grid(doc: Document, g: Grid) -> str:
    items = [f'<span class="sym">{escape(g.lead)}</span>'] if g.lead else []
    for k, m in enumerate(g.items):
        items.append(_matrix(m, doc.precision, m.label, g.row_labels if k == 0 else None))
        if g.symbols and k < len(g.symbols):
            items.append(f'<span class="sym">{escape(g.symbols[k])}</span>')
    return f'<div class="grid">{"".join(items)}</div>'


def _table(tab: Table, theme: str) -> str:
    tab = tab.as_shown()
    cap = f"<caption>{escape(tab.title)}</caption>" if tab.title else ""
    head = ""
    if tab.header:
        head = "<tr>" + "".join(
            f'<th class="{c.justify} {c.role}">{escape(c.header)}</th>' for c in tab.columns) + "</tr>"
    rows = []
    for i, row in enumerate(tab.rows):
        cells = []
        for j, cell in enumerate(row):
            justify = tab.columns[j].justify if j < len(tab.columns) else "left"
            style = ""
            if cell.role == "heat" and cell.value is not None and math.isfinite(cell.value):
                alpha = max(0.0, min(1.0, cell.value))
                style = f' style="background: rgba({HEAT[theme]}, {alpha:.3f})"'
            cells.append(f'<td class="{justify} {cell.role}"{style}>{escape(cell.text)}</td>')
        rule = ' class="rule"' if i in tab.rules else ""
        rows.append(f'<tr{rule}>{"".join(cells)}</tr>')
    return f'<table class="tab {tab.style}">{cap}{head}{"".join(rows)}</table>'


def _chart(c: Chart) -> str:
    axis = c.axis()
    justify = c.justify or ["right"] * len(c.headers)
    head = "".join(f'<th class="{j}">{escape(h)}</th>' for h, j in zip(c.headers, justify))
    ends = f'<span>{power(axis[0])}</span><span>{power(axis[1])}</span>'
    head += "".join(f'<th>{escape(s) if len(c.series) > 1 else ""}<div class="axis">{ends}</div></th>'
                    for s in c.series)
    rows = []
    for r, (texts, vals) in enumerate(zip(c.rows, c.values)):
        cells = [f'<td class="{j}">{escape(x)}</td>' for x, j in zip(texts, justify)]
        for k, v in enumerate(vals):
            mark = c.marks[r] if c.marks is not None and k == 0 else None
            cells.append(_bar(v, axis, mark))
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f'<table class="chart"><tr>{head}</tr>{"".join(rows)}</table>'


def _bar(v: float, axis, mark: float | None) -> str:
    from rnntrace.i18n import t

    if not math.isfinite(v):
        word = t("bptt.chart.zero") if v == -math.inf else ("inf" if v == math.inf else "nan")
        return f'<td class="barcell {"detail" if v == -math.inf else "error"}">{escape(word)}</td>'
    tick = ""
    if mark is not None and math.isfinite(mark):
        tick = f'<span class="mark" style="left: {100 * bar_fraction(mark, axis):.2f}%"></span>'
    width = 100 * bar_fraction(v, axis)
    return f'<td class="barcell"><span class="bar" style="width: {width:.2f}%"></span>{tick}</td>'
