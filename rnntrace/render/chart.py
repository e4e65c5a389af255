"""A bar chart on a log10 axis: text columns, then one bar per series, on one shared axis."""
from __future__ import annotations

import math

from rich.console import Console, ConsoleOptions, RenderResult

from rnntrace.document import Chart
from rnntrace.i18n import t
from rnntrace.render.matrix import BAD_STYLE, SHAPE_STYLE, segments

BAR_STYLE, BOUND_STYLE = "cyan", "magenta"
EIGHTHS = " ▏▎▍▌▋▊▉█"


def fmt_pow(e: int) -> str:
    return f"1e{e:+d}" if e else "1"


class LogChart(Chart):
    """Rows of text columns, then one bar column per series, on one shared log10 axis.

    ``marks`` (optional) puts a │ at a log10 value on each row's first bar (the bound)."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        ncol = len(self.headers)
        widths = [max([len(self.headers[j])] + [len(r[j]) for r in self.rows]) for j in range(ncol)]
        justify = self.justify or ["right"] * ncol
        used = sum(widths) + 2 * ncol
        n = len(self.series)
        bar_w = max(10, (options.max_width - used - 1 - 2 * (n - 1)) // n)
        lo, hi = self.axis()
        span = hi - lo

        def pad(s: str, w: int, j: str) -> str:
            return s.rjust(w) if j == "right" else s.ljust(w)

        out = []
        head = [("  ".join(pad(h, w, j) for h, w, j in zip(self.headers, widths, justify)) + "  ", "bold")]
        axis = [(" " * used, "")]
        for k, name in enumerate(self.series):
            label = f"{name}: " if n > 1 else ""
            left, right = fmt_pow(lo), fmt_pow(hi)
            title = (label + left).ljust(bar_w - len(right)) + right
            head.append((title[:bar_w].ljust(bar_w) + ("  " if k < n - 1 else ""), "bold"))
            axis.append(("┬" + "─" * (bar_w - 2) + "┬" + ("  " if k < n - 1 else ""), SHAPE_STYLE))
        out += [head, axis]
        for r, (texts, vals) in enumerate(zip(self.rows, self.values)):
            row = [("  ".join(pad(s, w, j) for s, w, j in zip(texts, widths, justify)) + "  ", "")]
            for k, v in enumerate(vals):
                mark = self.marks[r] if (self.marks is not None and k == 0) else None
                row += self._bar(v, lo, span, bar_w, mark)
                if k < n - 1:
                    row.append(("  ", ""))
            out.append(row)
        yield from segments(out, console)

    @staticmethod
    def _bar(v: float, lo: int, span: int, width: int, mark: float | None):
        if not math.isfinite(v):
            word = t("bptt.chart.zero") if v == -math.inf else ("inf" if v == math.inf else "nan")
            return [(word.ljust(width), SHAPE_STYLE if v == -math.inf else BAD_STYLE)]
        eighths = int(round((v - lo) / span * width * 8))
        eighths = max(0, min(width * 8, eighths))
        full, part = divmod(eighths, 8)
        bar = "█" * full + (EIGHTHS[part] if part else "")
        cells = list(bar.ljust(width))
        if mark is not None and math.isfinite(mark):
            pos = min(width - 1, max(0, int(round((mark - lo) / span * width)) - 1))
            if pos >= len(bar.rstrip()):
                cells[pos] = "│"
                return [("".join(cells[:pos]), BAR_STYLE), ("│", BOUND_STYLE), ("".join(cells[pos + 1:]), "")]
        return [("".join(cells), BAR_STYLE)]
