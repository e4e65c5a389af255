"""What the page-by-page views (HTML and SVG slides) share: the themes, where a value falls on a
chart's log axis, the strings of a matrix, and the file name of each page.

The views draw a ``rnntrace.document.Document``; they never compute a number the document does
not hold (a chart's axis, ``Chart.axis()``, is where its bars are drawn, not a figure the reader
is told).
"""
from __future__ import annotations

THEMES = ("light", "dark")

# colours by role: the page, its text, and how each kind of note or run is set off
PALETTES = {
    "light": {
        "bg": "#ffffff", "fg": "#1f2328", "name": "#0550ae", "detail": "#6e7781", "strong": "#1f2328",
        "result": "#1f2328", "error": "#cf222e", "warning": "#9a6700", "success": "#1a7f37",
        "info": "#0969da", "verdict": "#8250df", "rule": "#d0d7de", "bar": "#0969da", "bound": "#cf222e",
        "heat": "9, 105, 218", "panel": "#f6f8fa",
    },
    "dark": {
        "bg": "#0c0c0c", "fg": "#d9d9d9", "name": "#61d6d6", "detail": "#8a8a8a", "strong": "#ffffff",
        "result": "#ffffff", "error": "#f14c4c", "warning": "#e5e510", "success": "#23d18b",
        "info": "#3b8eea", "verdict": "#d670d6", "rule": "#5a5a5a", "bar": "#3b8eea", "bound": "#f14c4c",
        "heat": "59, 142, 234", "panel": "#1a1a1a",
    },
}


def matrix_cells(m, precision: int) -> list[list[str]]:
    """A Matrix block's numbers as the terminal writes them (one number of decimals per array)."""
    from rnntrace.notation import fmt_array

    return fmt_array(m.value, precision)


def power(e: int) -> str:
    """An axis end: ``1e-3``, ``1``, ``1e+2``."""
    return f"1e{e:+d}" if e else "1"


def bar_fraction(v: float, axis: tuple[int, int]) -> float:
    """Where a finite log10 value falls on the axis, from 0 (left end) to 1 (right end)."""
    lo, hi = axis
    return max(0.0, min(1.0, (v - lo) / (hi - lo)))


def page_stem(doc, k: int) -> str:
    """The file name of page ``k`` (0-based) without its extension: ``03-step-2``; numbered so
    the files sort in reading order."""
    digits = max(2, len(str(len(doc.pages))))
    page = doc.pages[k]
    return f"{k + 1:0{digits}d}-{page.kind}" + (f"-{page.t}" if page.t is not None else "")
