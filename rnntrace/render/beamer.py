r"""LaTeX beamer: a Document as slides, one frame per page (``--format beamer``, and ``--export
FILE.tex`` with ``--format beamer``; without it a ``.tex`` export is the article).

A frame is titled with its page's label and breaks onto continuation slides when its page is
taller than one (``allowframebreaks``: a GRU step holds 14 operations). Each operation is its
formula and shape line, then its operands as ``bmatrix`` blocks with their names underneath, set
at the slide's width when wider. The notation and the prose are spelled in TeX by
``rnntrace.render.latex`` (``math`` and ``text``), so the slides compile with pdflatex as the article
does, in both languages. Packages: beamer (with pgf), amsmath, amssymb, booktabs, xcolor with
colortbl, graphicx, lmodern.
"""
from __future__ import annotations

import math as _m

from rnntrace.document import (Chart, Document, Explanation, Formula, Grid, Heading, Matrix, Note,
                               Operation, Page, Section, Table)
from rnntrace.render.latex import math, text
from rnntrace.render.views import bar_fraction, matrix_cells, power

PREAMBLE = r"""\documentclass[aspectratio=169,10pt,xcolor=table]{beamer}
\usepackage[utf8]{inputenc}
\usepackage[T1]{fontenc}
\usepackage{lmodern}
\usepackage{amsmath,amssymb}
\usepackage{booktabs}
\usepackage{graphicx}
\setcounter{MaxMatrixCols}{64}
\setbeamertemplate{navigation symbols}{}
\setbeamertemplate{frametitle continuation}{\insertcontinuationcountroman}
\setbeamerfont{frametitle}{size=\normalsize}
\definecolor{rnnname}{HTML}{0550AE}
\definecolor{rnndetail}{HTML}{6E7781}
\definecolor{rnnerror}{HTML}{CF222E}
\definecolor{rnnwarning}{HTML}{9A6700}
\definecolor{rnnsuccess}{HTML}{1A7F37}
\definecolor{rnninfo}{HTML}{0969DA}
\definecolor{rnnverdict}{HTML}{8250DF}
\definecolor{rnnheat}{HTML}{0969DA}
\newcommand{\rnnunder}[2]{\begin{array}[t]{@{}c@{}}#1\\[-0.2ex]\scriptstyle #2\end{array}}
\newcommand{\rnnfit}[1]{\resizebox{\ifdim\width>\linewidth\linewidth\else\width\fi}{!}{#1}}
"""
KIND_COLOURS = {"detail": "rnndetail", "error": "rnnerror", "warning": "rnnwarning", "success": "rnnsuccess",
                "info": "rnninfo", "verdict": "rnnverdict", "name": "rnnname"}
BAR_CM = 4.0  # a chart's bar at full length


def document(doc: Document, title: str) -> str:
    """A complete beamer document: a title frame, then one frame per page of ``doc``."""
    frames = "\n".join(_frame(doc, p) for p in doc.pages)
    return (PREAMBLE + f"\\title{{{text(doc.title or title)}}}\n\\subtitle{{{text(title)}}}\n\\date{{}}\n"
            "\\begin{document}\n\\begin{frame}\n\\titlepage\n\\end{frame}\n" + frames + "\\end{document}\n")


def _frame(doc: Document, page: Page) -> str:
    body = "\n".join(_section(doc, s, page.label) for s in page.sections)
    return (f"\\begin{{frame}}[allowframebreaks]{{{text(page.label)}}}\n\\footnotesize\n{body}\n"
            "\\end{frame}\n")


def _section(doc: Document, s: Section, page_label: str) -> str:
    head = f"\\textbf{{{text(s.title)}}}\\par\\smallskip\n" if s.title and s.title != page_label else ""
    return head + "\n".join(_block(doc, b) for b in s.blocks) + "\n\\medskip\n"


def _coloured(kind: str, body: str) -> str:
    colour = KIND_COLOURS.get(kind)
    return f"\\textcolor{{{colour}}}{{{body}}}" if colour else body


def _block(doc: Document, b) -> str:
    if isinstance(b, Heading):
        return f"\\textbf{{{text(b.text)}}}\\par"
    if isinstance(b, Note):
        body = text(b.text)
        if b.kind in ("strong", "error"):
            body = f"\\textbf{{{body}}}"
        return _coloured(b.kind, body) + "\\par"
    if isinstance(b, Explanation):
        return f"{{\\itshape {text(b.text)}}}\\par"
    if isinstance(b, Formula):
        shapes = f"\\quad \\textcolor{{rnndetail}}{{${math(b.shapes)}$}}" if b.shapes else ""
        return f"\\rnnfit{{${math(b.text)}$}}{shapes}\\par"
    if isinstance(b, Matrix):
        return f"\\rnnfit{{${_operand(b, doc.precision)}$}}\\par"
    if isinstance(b, Operation):
        return _operation(doc, b)
    if isinstance(b, Grid):
        return _grid(doc, b)
    if isinstance(b, Table):
        return _table(b)
    if isinstance(b, Chart):
        return _chart(b)
    raise TypeError(b)


# ---- numbers ----------------------------------------------------------------------------------------
def _number(s: str) -> str:
    return {"inf": r"\infty", "-inf": r"-\infty", "nan": r"\mathrm{nan}"}.get(s, s)


def _bmatrix(m: Matrix, precision: int, row_labels: list[str] | None = None) -> str:
    cells = matrix_cells(m, precision)
    if not m.bracketed:
        return _number(cells[0][0])
    rows = [" & ".join(_number(c) for c in row) for row in cells]
    body = r"\begin{bmatrix}" + r" \\ ".join(rows) + r"\end{bmatrix}"
    labels = row_labels or m.row_labels
    if labels:
        column = r" \\ ".join(f"\\text{{{text(x)}}}" for x in labels)
        body = r"\begin{matrix}" + column + r"\end{matrix}" + body
    return r"\mathbf{" + body + "}" if m.role == "result" else body


def _operand(m: Matrix, precision: int, row_labels: list[str] | None = None) -> str:
    body = _bmatrix(m, precision, row_labels)
    if not m.bracketed or not m.label:
        return body
    return r"\rnnunder{" + body + r"}{\textcolor{rnnname}{" + math(m.label) + "}}"


def _symbol(sym: str) -> str:
    """``·``, ``+``, ``⊙``, ``−``, ``=``, or an arrow naming a function (``─tanh→``)."""
    core = sym.strip("─→ ")
    if sym.endswith("→") and core:
        return r"\xrightarrow{" + math(core) + "}"
    return math(sym)


def _operation(doc: Document, op: Operation) -> str:
    shapes = f"\\quad\\textcolor{{rnndetail}}{{${math(op.shapes)}$}}" if op.shapes else ""
    out = [f"\\rnnfit{{$\\mathbf{{{math(op.statement)}}}$}}{shapes}\\par"]
    if op.numbers:
        parts = []
        for m, sym in zip(op.operands, op.symbols):
            parts += [_operand(m, doc.precision), _symbol(sym)]
        parts.append(_operand(op.result, doc.precision))
        out.append("\\rnnfit{$\\displaystyle " + " ".join(parts) + "$}\\par")
    if op.explanation:
        out.append(f"{{\\itshape {text(op.explanation)}}}\\par")
    return "\n".join(out) + "\n\\smallskip"


def _grid(doc: Document, g: Grid) -> str:
    parts = [_symbol(g.lead)] if g.lead else []
    for k, m in enumerate(g.items):
        parts.append(_operand(m, doc.precision, g.row_labels if k == 0 else None))
        if g.symbols and k < len(g.symbols):
            parts.append(_symbol(g.symbols[k]))
        elif k < len(g.items) - 1:
            parts.append(r"\quad")
    return "\\rnnfit{$\\displaystyle " + " ".join(parts) + "$}\\par"


def _table(tab: Table) -> str:
    shown = tab.shown()
    spec = "".join("r" if tab.columns[j].justify == "right" else "l" for j in shown)
    lines = []
    if tab.title:
        lines.append(f"\\textbf{{{text(tab.title)}}}\\par")
    lines.append(f"\\rnnfit{{\\begin{{tabular}}{{{spec}}}\n\\toprule")
    if tab.header:
        lines.append(" & ".join(f"\\textbf{{{text(tab.columns[j].header)}}}" for j in shown) + r" \\" + "\n\\midrule")
    for i, row in enumerate(tab.rows):
        cells = []
        for j in shown:
            cell = row[j]
            body = _coloured(cell.role, text(cell.text))
            if cell.role in ("strong", "result"):
                body = f"\\textbf{{{body}}}"
            if cell.role == "heat" and cell.value is not None and _m.isfinite(cell.value):
                body = f"\\cellcolor{{rnnheat!{round(100 * max(0.0, min(1.0, cell.value)) * 0.6)}}}{body}"
            cells.append(body)
        lines.append(" & ".join(cells) + r" \\" + ("\n\\midrule" if i in tab.rules else ""))
    lines.append("\\bottomrule\n\\end{tabular}}\\par")
    return "\n".join(lines)


def _chart(c: Chart) -> str:
    from rnntrace.i18n import t

    axis = c.axis()
    justify = c.justify or ["right"] * len(c.headers)
    spec = "".join("r" if j == "right" else "l" for j in justify) + "l" * len(c.series)
    ends = f"${math(power(axis[0]))}$ \\hfill ${math(power(axis[1]))}$"
    head = [f"\\textbf{{{text(h)}}}" for h in c.headers]

    def over_bars(name: str) -> str:  # a series' name (one series needs none), the axis' ends
        return (text(name) + r"\\" if len(c.series) > 1 else "") + ends

    head += [f"\\parbox{{{BAR_CM}cm}}{{{over_bars(s)}}}" for s in c.series]
    lines = [f"\\rnnfit{{\\begin{{tabular}}{{{spec}}}\n\\toprule", " & ".join(head) + r" \\" + "\n\\midrule"]
    for r, (texts, vals) in enumerate(zip(c.rows, c.values)):
        cells = [text(x) for x in texts]
        for k, v in enumerate(vals):
            mark = c.marks[r] if c.marks is not None and k == 0 else None
            if not _m.isfinite(v):
                word = t("bptt.chart.zero") if v == -_m.inf else ("inf" if v == _m.inf else "nan")
                cells.append(_coloured("detail" if v == -_m.inf else "error", text(word)))
            else:
                bar = f"\\textcolor{{rnninfo}}{{\\rule{{{BAR_CM * bar_fraction(v, axis):.3f}cm}}{{1.2ex}}}}"
                if mark is not None and _m.isfinite(mark):  # the bound's tick, over the bar
                    bar = (f"\\rlap{{{bar}}}\\hspace*{{{BAR_CM * bar_fraction(mark, axis):.3f}cm}}"
                           "\\textcolor{rnnerror}{\\rule[-0.3ex]{0.6pt}{1.8ex}}")
                cells.append(bar)
        lines.append(" & ".join(cells) + r" \\")
    lines.append("\\bottomrule\n\\end{tabular}}\\par")
    return "\n".join(lines)
