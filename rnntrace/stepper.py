"""``--step``: a Document one screen at a time on a terminal: the opening first, then a page per
step, the closing last. A page taller than the terminal is cut at block boundaries into parts
("step 2 of 5 · part 1 of 3"), so nothing scrolls away; a block taller than the whole screen is
cut by lines. Keys work without Enter: Enter, space or ``n`` next, ``b`` back, ``q`` quit
(Ctrl-D too). ``output.emit`` only calls this when both standard input and standard output are
terminals; otherwise the whole document is printed and nothing waits.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass

from rnntrace.i18n import t, tn

NEXT = ("\n", "\r", " ", "n")
BACK = ("b",)
QUIT = ("q", "", "\x04")  # q, end of input, Ctrl-D


@dataclass
class Screen:
    """What one screen shows: its label (``step 2 of 5 · part 1 of 3``) and its lines (rich
    segments, one list per line)."""

    label: str
    lines: list


class Chunk(list):
    """A chunk's lines, and ``glued``: the indices of the lines that must stay on the same screen
    as the line after them (a section's title, a grid's labels above a matrix's first row)."""

    def __init__(self, lines=(), glued=()):
        super().__init__(lines)
        self.glued = set(glued)


def _chunks(page, precision: int, console) -> list[Chunk]:
    """The page's lines in pieces that stay together: each block (a section's title with its
    first block, so no screen ends on a title), a framed section whole; a blank line before each
    section but the first. Where a block taller than a screen must be cut by lines, a grid's
    label line (``W_hf (8×8)``) stays with the first row under it (``Chunk.glued``)."""
    from rnntrace.render import terminal
    from rnntrace.render.matrix import BlockGrid

    options = console.options
    out: list[Chunk] = []
    for k, s in enumerate(page.sections):
        lead = [[]] if k else []
        if s.framed:
            out.append(Chunk(lead + console.render_lines(terminal.section(s, precision), options, pad=False)))
            continue
        if s.title:
            lead = lead + console.render_lines(terminal.TitleRule(s.title), options, pad=False)
            if not s.blocks:
                out.append(Chunk(lead))
        for b in s.blocks:
            chunk = Chunk(lead, range(len(lead)))
            for r in terminal.draw(b, precision):
                if isinstance(r, BlockGrid):
                    chunk.glued.update(len(chunk) + i for i in r.layout(options)[1])
                chunk += console.render_lines(r, options, pad=False)
            out.append(chunk)
            lead = []
    return out


def _cuts(n: int, height: int, glued) -> list[int]:
    """The sizes of the pieces a chunk of ``n`` lines taller than ``height`` is cut into: the
    fewest that fit, of near-equal size, never ending on a glued line (moved to the next piece);
    more pieces only when no cut of the fewest avoids every glued line."""
    for k in range(-(-n // height), n + 1):
        sizes, start = [], 0
        for left in range(k, 1, -1):  # ``left`` pieces still to cut, the last one whatever remains
            ideal = start + -(-(n - start) // left)
            lo, hi = max(start + 1, n - (left - 1) * height), min(start + height, n - 1)
            cut = next((c for c in sorted(range(lo, hi + 1), key=lambda c: (abs(c - ideal), c))
                        if c - 1 not in glued), None)
            if cut is None:
                break
            sizes.append(cut - start)
            start = cut
        else:
            if n - start <= height:
                return sizes + [n - start]
    return [height] * (n // height) + ([n % height] if n % height else [])


def parts(chunks: list[list], height: int) -> list[list]:
    """The chunks packed into parts of at most ``height`` lines, a chunk never split unless it is
    taller than a part on its own (then into the fewest pieces that fit, of near-equal size); no
    part starts with a blank line."""
    out: list[list] = [[]]
    for chunk in chunks:
        glued = getattr(chunk, "glued", set())
        if out[-1] and len(out[-1]) + len(chunk) > height:
            out.append([])
        if not out[-1] and chunk and not chunk[0]:
            chunk, glued = chunk[1:], {i - 1 for i in glued if i}
        if len(chunk) > height:  # taller than a screen: cut by lines into pieces of near-equal size,
            if out[-1]:          # so no piece is a lone line (a panel's bottom border)
                out.append([])
            sizes = _cuts(len(chunk), height, glued)
            for size in sizes[:-1]:
                out[-1] = list(chunk[:size])
                out.append([])
                chunk = chunk[size:]
        out[-1] += chunk
    return [p for p in out if p] or [[]]


def screens(doc, command: str, console, height: int) -> list[Screen]:
    """The document's pages as screens of at most ``height`` lines each: the opening (named for
    ``command``, ``rnntrace forward · 5 steps``), "step k of n" for each step page, the closing;
    a page taller than ``height`` as several parts."""
    steps = [p for p in doc.pages if p.kind not in ("opening", "closing")]
    out, k = [], 0
    for p in doc.pages:
        if p.kind == "opening":  # a trace with no page per step (bptt on 15 tokens) is not "0 steps"
            label = tn("teach.step.start", len(steps), command=command) if steps else command
        elif p.kind == "closing":
            label = t("teach.step.end")
        else:
            k += 1
            label = t("teach.step.of", k=k, n=len(steps))
        cut = parts(_chunks(p, doc.precision, console), height)
        out += [Screen(label + (" · " + t("teach.step.part", k=j, n=len(cut)) if len(cut) > 1 else ""), lines)
                for j, lines in enumerate(cut, start=1)]
    return out


@contextmanager
def single_keys(stdin):
    """A function that reads one key from ``stdin``: on a terminal, without waiting for Enter (the
    terminal is in cbreak mode for the whole session, so a key pressed early is not lost); else a
    line's first character ("\\n" for an empty line). "" at the end of input."""
    try:
        import termios
        import tty

        fd = stdin.fileno()
        saved = termios.tcgetattr(fd)
    except (ImportError, AttributeError, OSError, ValueError):
        def by_line() -> str:
            line = stdin.readline()
            return line[:1] if line else ""

        yield by_line
        return
    tty.setcbreak(fd, termios.TCSANOW)  # not TCSAFLUSH, which would drop a key already pressed
    try:
        yield lambda: os.read(fd, 1).decode("utf-8", "ignore").lower()
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def step_through(doc, command: str, console, env) -> None:
    """Show the document a screen at a time, waiting for a key after each."""
    pages = screens(doc, command, console, max(4, console.size.height - 2))  # the label and the keys
    with single_keys(env.stdin) as read_key:
        _show(pages, console, read_key)


def _show(pages: list[Screen], console, read_key) -> None:
    from rich.segment import Segment, Segments
    from rich.text import Text

    from rnntrace.render.terminal import TitleRule

    k = 0
    while 0 <= k < len(pages):
        page = pages[k]
        if console.is_terminal:
            console.clear()
        console.print(TitleRule(page.label, "cyan"))
        console.print(Segments([s for line in page.lines for s in (*line, Segment.line())]), end="")
        last = k == len(pages) - 1
        console.print(Text(t("teach.step.keys_last" if last else "teach.step.keys"), "dim"), end=" ")
        console.file.flush()
        key = read_key()
        if key in QUIT or (last and key in NEXT):
            console.line()
            return
        k = max(0, k - 1) if key in BACK else (k + 1 if key in NEXT else k)
