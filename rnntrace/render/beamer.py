r"""LaTeX beamer: a Document as slides, one frame per page (``--format beamer``, and ``--export
FILE.tex`` with ``--format beamer``; without it a ``.tex`` export is the article).

Each page is a frame titled with the page's label; a page taller than a slide breaks onto
continuation slides (``allowframebreaks``, numbered I, II, …: a GRU step holds 14 operations).
The blocks are written by the article's own writer (``rnntrace.render.latex.block``: each
operation an ``align*`` from its expression tree, operands as ``bmatrix`` with their names and
shapes), so the slides and the article say the same in the same notation, and compile with
pdflatex as it does, in both languages. Packages: beamer (with pgf), amsmath, amssymb, booktabs,
lmodern.
"""
from __future__ import annotations

from rnntrace.document import Document, Page
from rnntrace.render.latex import block, text

PREAMBLE = r"""\documentclass[aspectratio=169,10pt]{beamer}
\usepackage[utf8]{inputenc}
\usepackage[T1]{fontenc}
\usepackage{lmodern}
\usepackage{amsmath,amssymb}
\usepackage{booktabs}
\setcounter{MaxMatrixCols}{64}
\setbeamertemplate{navigation symbols}{}
\setbeamertemplate{frametitle continuation}{\insertcontinuationcountroman}
\setbeamerfont{frametitle}{size=\normalsize}
"""


def document(doc: Document, title: str) -> str:
    """A complete beamer document: a title frame, then one frame per page of ``doc``."""
    frames = "\n".join(_frame(doc, p) for p in doc.pages)
    return (PREAMBLE + f"\\title{{{text(doc.title or title)}}}\n\\subtitle{{{text(title)}}}\n\\date{{}}\n"
            "\\begin{document}\n\\begin{frame}\n\\titlepage\n\\end{frame}\n" + frames + "\\end{document}\n")


def _frame(doc: Document, page: Page) -> str:
    parts = []
    for s in page.sections:
        if s.title and s.title != page.label:  # the frame's own title is not said twice
            parts.append(f"\\textbf{{{text(s.title)}}}\\par")
        parts += [x for x in (block(b, doc) for b in s.blocks) if x]
    body = "\n\n".join(parts)
    return (f"\\begin{{frame}}[allowframebreaks]{{{text(page.label)}}}\n\\footnotesize\n{body}\n"
            "\\end{frame}\n")
