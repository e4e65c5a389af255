"""A bar chart on a log10 axis: text columns, then one bar per series, on one shared axis (the
series side by side, or one below the other when the console is too narrow for that)."""
from __future__ import annotations

import math

from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment

from rnntrace.document import Chart
from rnntrace.i18n import t
from rnntrace.render.matrix import BAD_STYLE, SHAPE_STYLE, segments

BAR_STYLE, BOUND_STYLE = "cyan", "magenta"
MIN_BAR = 10  # the narrowest bar drawn; series that would be narrower go one below the other
EIGHTHS = " ▏▎▍▌▋▊▉█"


def fmt_pow(e: int) -> str:
    return f"1e{e:+d}" if e else "1"


class LogChart(Chart):
    """Rows of text columns, then one bar column per series, on one shared log10 axis.

    ``marks`` (optional) puts a │ at a log10 value on each row's first bar (the bound)."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        ncol = len(self.headers)
        widths = [max([len(self.headers[j])] + [len(r[j]) for r in self.rows]) for j in range(ncol)]
        used = sum(widths) + 2 * ncol
        if ncol > 1 and used + MIN_BAR > options.max_width:  # the text columns leave no room for a bar
            yield from self._apart(widths, console, options)
            return
        n = len(self.series)
        side_by_side = (options.max_width - used - 1 - 2 * (n - 1)) // n
        titles = self.titles()
        bar_w = max(MIN_BAR, side_by_side)
        spare = options.max_width - used - n * bar_w - 2 * (n - 1)
        # side by side when each title fits over its bar (the last may run into the spare room)
        if n == 1 or (side_by_side >= max([MIN_BAR] + titles[:-1]) and titles[-1] <= bar_w + max(0, spare)):
            yield from segments(self._block(widths, list(range(n)), bar_w, spare), console)
            return
        # too narrow for the series side by side: one block per series, each with the text columns
        alone = max(MIN_BAR, options.max_width - used - 1)
        for k in range(n):
            if k:
                yield Segment.line()
            yield from segments(self._block(widths, [k], alone, options.max_width - used - alone), console)

    def titles(self) -> list[int]:
        """The width of each series' title over its bar as far as the axis' left end (``rnn:
        1e-21``): a bar narrower than it would cut the title inside its number."""
        left = len(fmt_pow(self.axis()[0]))
        return [len(f"{s}: " if len(self.series) > 1 else "") + left for s in self.series]

    def _apart(self, widths: list[int], console: Console, options: ConsoleOptions) -> RenderResult:
        """On a console too narrow for the text columns and a bar: the text columns as a table
        of their own (in as many pieces as it takes, each led by the first column), then the
        chart with the first column alone, so nothing is cut at the edge."""
        from dataclasses import replace

        justify = self.justify or ["right"] * len(self.headers)
        groups: list[list[int]] = [[]]
        for j in range(1, len(self.headers)):
            if groups[-1] and widths[0] + sum(widths[i] + 2 for i in groups[-1] + [j]) > options.max_width:
                groups.append([])
            groups[-1].append(j)
        for cols in groups:
            cols = [0] + cols
            lines = [[(self.headers[j].rjust(widths[j]) if justify[j] == "right" else self.headers[j].ljust(widths[j]))
                      for j in cols]]
            lines += [[r[j].rjust(widths[j]) if justify[j] == "right" else r[j].ljust(widths[j]) for j in cols]
                      for r in self.rows]
            rows = [[("  ".join(lines[0]), "bold")]] + [[("  ".join(x), "")] for x in lines[1:]]
            yield from segments(rows + [[]], console)
        yield from replace(self, headers=self.headers[:1], rows=[r[:1] for r in self.rows],
                           justify=justify[:1]).__rich_console__(console, options)

    def _block(self, widths: list[int], which: list[int], bar_w: int, spare: int) -> list:
        """The rows of the chart with the series ``which`` side by side, each bar ``bar_w`` wide;
        the last title may run ``spare`` cells past its bar (the console's room left over)."""
        ncol = len(self.headers)
        justify = self.justify or ["right"] * ncol
        used = sum(widths) + 2 * ncol
        lo, hi = self.axis()
        span = hi - lo
        labelled = len(self.series) > 1

        def pad(s: str, w: int, j: str) -> str:
            return s.rjust(w) if j == "right" else s.ljust(w)

        head = [("  ".join(pad(h, w, j) for h, w, j in zip(self.headers, widths, justify)) + "  ", "bold")]
        axis = [(" " * used, "")]
        for i, k in enumerate(which):
            gap = "  " if i < len(which) - 1 else ""
            label = f"{self.series[k]}: " if labelled else ""
            left, right = fmt_pow(lo), fmt_pow(hi)
            room = bar_w + (max(0, spare) if not gap else 0)
            title = (label + left).ljust(bar_w - len(right)) + right
            if len(label + left) + 1 + len(right) > bar_w:  # no room for both ends: the left one
                title = label + left  # (run together they would read as one number: 1e+21e+3)
            head.append((title[:room].ljust(bar_w) + gap, "bold"))
            axis.append(("┬" + "─" * (bar_w - 2) + "┬" + gap, SHAPE_STYLE))
        out = [head, axis]
        for r, (texts, vals) in enumerate(zip(self.rows, self.values)):
            row = [("  ".join(pad(s, w, j) for s, w, j in zip(texts, widths, justify)) + "  ", "")]
            for i, k in enumerate(which):
                mark = self.marks[r] if (self.marks is not None and k == 0) else None
                row += self._bar(vals[k], lo, span, bar_w, mark)
                if i < len(which) - 1:
                    row.append(("  ", ""))
            out.append(row)
        return out

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
