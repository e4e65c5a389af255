"""Matrices as text blocks, and equations laid out side by side when they fit.

``Equation`` lays its operands out left to right (``x_t · W_xh = x_t·W_xh``) with each operand's
name above it; when that is wider than the console it falls back to one operand per line.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

from rnntrace.notation import as_shown, fmt_array

NAME_STYLE = "bold cyan"
RESULT_STYLE = "bold"
SHAPE_STYLE = "dim"
BAD_STYLE = "bold red"


def matrix_lines(arr: np.ndarray, precision: int, conv: str = "row") -> list[str]:
    """The array as the convention shows it, in brackets: ``[0.3 0.2 0.1]`` or a ⎡⎢⎣ block."""
    cells = fmt_array(as_shown(arr, conv), precision)
    widths = [max(len(row[j]) for row in cells) for j in range(len(cells[0]))]
    rows = [" ".join(c.rjust(w) for c, w in zip(row, widths)) for row in cells]
    if len(rows) == 1:
        return [f"[{rows[0]}]"]
    out = []
    for i, r in enumerate(rows):
        left, right = ("⎡", "⎤") if i == 0 else (("⎣", "⎦") if i == len(rows) - 1 else ("⎢", "⎥"))
        out.append(f"{left}{r}{right}")
    return out


@dataclass
class Block:
    """One operand: its label and its lines."""

    label: str
    lines: list[str]
    style: str = ""

    @property
    def width(self) -> int:
        return max([len(self.label)] + [len(x) for x in self.lines])


@dataclass
class Equation:
    """``blocks[0] op0 blocks[1] op1 … = result``; ``ops`` has one symbol between neighbours."""

    blocks: list[Block]
    ops: list[str]
    indent: int = 2

    def _horizontal(self) -> list[Text]:
        height = max(len(b.lines) for b in self.blocks)
        mid = (height - 1) // 2
        rows = [Text(" " * self.indent) for _ in range(height + 1)]
        for k, b in enumerate(self.blocks):
            w = b.width
            top = mid - (len(b.lines) - 1) // 2
            rows[0].append(b.label.ljust(w), style=NAME_STYLE)
            for i in range(height):
                j = i - top
                s = b.lines[j] if 0 <= j < len(b.lines) else ""
                rows[i + 1].append(s.ljust(w), style=_value_style(s, b.style))
            if k < len(self.ops):
                sep = f" {self.ops[k]} "
                rows[0].append(" " * len(sep))
                for i in range(height):
                    rows[i + 1].append(sep if i == mid else " " * len(sep))
        for r in rows:
            r.rstrip()
        return rows

    def width(self) -> int:
        return self.indent + sum(b.width for b in self.blocks) + sum(len(o) + 2 for o in self.ops)

    def _vertical(self) -> list[Text]:
        rows = []
        for k, b in enumerate(self.blocks):
            prefix = " " * self.indent + (f"{self.ops[k - 1]} " if k else "  ")
            rows.append(Text(prefix) + Text(b.label, style=NAME_STYLE))
            for s in b.lines:
                rows.append(Text(" " * (len(prefix) + 2)) + Text(s, style=_value_style(s, b.style)))
        return rows

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """Everything on one row if it fits; else the operands on one row and ``= result`` under
        them; else one operand per line."""
        if self.width() <= options.max_width:
            yield from self._horizontal()
            return
        operands = Equation(self.blocks[:-1], self.ops[:-1], self.indent)
        result = Equation([self.blocks[-1]], [], self.indent + len(self.ops[-1]) + 1)
        if len(self.blocks) > 1 and max(operands.width(), result.width()) <= options.max_width:
            yield from operands._horizontal()
            rows = result._horizontal()
            rows[0] = Text(" " * self.indent + self.ops[-1] + " ") + rows[0][self.indent + len(self.ops[-1]) + 1:]
            yield from rows
            return
        yield from self._vertical()


def _value_style(s: str, base: str) -> str:
    return BAD_STYLE if ("inf" in s or "nan" in s) else base
