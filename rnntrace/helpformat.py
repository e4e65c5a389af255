"""``--help`` at the terminal's width, narrow ones included. click lays its help out at least 50
columns wide (a 40-column terminal then wraps every long line a second time) and keeps each
option's description in a second column however narrow it gets (four characters a line for
``quiz --help`` at 40 columns). Here the help follows the terminal down to 30 columns, and where
that second column would be narrower than ``NARROW`` each option's description goes on the lines
under it, indented, as wide as the terminal allows. A block of examples (click's ``\\b`` paragraph,
which click never rewraps) that does not fit is laid out one example under another: the command,
broken where it must be with a shell continuation (`` \\``) so it still pastes as one command, and
its description on the lines under it. Imports only click (``rnntrace --help`` stays instant)."""
from __future__ import annotations

import re

import click
from click import formatting

MIN_WIDTH = 30  # narrower than this the help is laid out at 30 (the terminal wraps it)
NARROW = 20  # a description column narrower than this goes under its option instead
KEPT = re.compile(r"\[[^\[\]]*\]$")  # the bracket at the end of an option's help: [default: 5]
UNDER = 4  # how far a description under its option is indented, past the option
CONTINUED = 2  # how far a command's continued line is indented, past the command
EXAMPLE = re.compile(r"^( *)(\S.*?)(?: {2,}(\S.*))?$")  # "  rnntrace forward      what it shows"
WORD = re.compile(r"\"[^\"]*\"|'[^']*'|\S+")  # a shell word; a quoted one whole


class HelpFormatter(click.HelpFormatter):
    def __init__(self, indent_increment: int = 2, width: int | None = None, max_width: int | None = None):
        if width is None and formatting.FORCED_WIDTH is None:
            import shutil

            width = max(min(shutil.get_terminal_size().columns, max_width or 80) - 2, MIN_WIDTH)
        super().__init__(indent_increment, width, max_width)

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        """The usage on one line when it fits (click breaks it once the line is narrower than its
        prefix and 20 more, "Usage: rnntrace quiz" above an indented "[OPTIONS]"), else click's."""
        width, start = self.width, len(self.buffer)
        self.width = 10_000
        try:
            super().write_usage(prog, args, prefix)
        finally:
            self.width = width
        if formatting.term_len("".join(self.buffer[start:]).rstrip("\n")) <= width:
            return
        del self.buffer[start:]
        super().write_usage(prog, args, prefix)

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first = min(max((formatting.term_len(term) for term, _ in rows), default=0), col_max) + col_spacing
        if self.width - first - 2 >= NARROW:  # click's own layout: the description beside its option
            super().write_dl(rows, col_max, col_spacing)
            return
        lead = " " * (self.current_indent + UNDER)
        wrap = max(self.width, len(lead) + 10)
        for term, text in rows:
            self.write("\n".join(_term_lines(term, " " * self.current_indent, self.width)) + "\n")
            if text:  # click's "[default: 0]" at the end stays on one line (a no-break space while wrapping)
                text = KEPT.sub(lambda m: _unbroken(m.group(0), wrap - len(lead)), text)
                wrapped = formatting.wrap_text(text, wrap, initial_indent=lead,
                                               subsequent_indent=lead, preserve_paragraphs=True)
                self.write(wrapped.replace("\xa0", " ") + "\n")

    def write_text(self, text: str) -> None:
        """click's, but a ``\\b`` block wider than the text's width is laid out to fit first."""
        width = self.width - self.current_indent
        out: list[str] = []
        block: list[str] | None = None  # the lines of the \b block being read
        for line in text.split("\n") + [""]:
            if block is not None and line:
                block.append(line)
                continue
            if block is not None:  # a blank line ends the block
                out += _fit_examples(block, width) if any(formatting.term_len(b) > width for b in block) else block
                block = None
            if line.strip() == "\b":
                block = []
            out.append(line)
        super().write_text("\n".join(out[:-1]))


def _unbroken(bracket: str, width: int) -> str:
    """``[default: 5]`` kept on one line (no-break spaces) where it fits one; a longer one (``[default:
    (the example's gru_variant, else lecture)]``) wraps at its spaces, where kept whole it was cut
    inside its words."""
    return bracket.replace(" ", "\xa0") if formatting.term_len(bracket) <= width else bracket


def _term_lines(term: str, indent: str, width: int) -> list[str]:
    """An option (``--format [rich|json|latex|beamer|markdown]``) on one line where it fits, else
    broken after its name, then after a ``|`` of its choices, each further line indented by
    ``CONTINUED``."""
    if len(indent) + formatting.term_len(term) <= width:
        return [indent + term]
    more = indent + " " * CONTINUED
    pieces: list[tuple[str, str]] = []  # (what goes before it on the same line, the piece)
    for k, word in enumerate(term.split(" ")):
        parts = [word] if len(more) + formatting.term_len(word) <= width else re.findall(r"[^|]*\|?", word)[:-1]
        pieces += [(" " if k and not j else "", part) for j, part in enumerate(parts)]
    lines, current = [], indent + pieces[0][1]
    for joint, piece in pieces[1:]:
        if formatting.term_len(current) + len(joint) + formatting.term_len(piece) <= width:
            current += joint + piece
        else:
            lines.append(current)
            current = more + piece
    return lines + [current]


def _fit_examples(lines: list[str], width: int) -> list[str]:
    """Each example (``  command    description``) as its command, continued with `` \\`` on
    indented lines where it is wider than ``width``, then its description, wrapped, indented under
    it. An option stays with its value where a line holds both."""
    out: list[str] = []
    for line in lines:
        lead, command, what = EXAMPLE.match(line).groups()
        out += _command_lines(command, lead, width)
        if what:
            under = lead + " " * UNDER
            out += formatting.wrap_text(what, max(width, len(under) + 10), initial_indent=under,
                                        subsequent_indent=under).split("\n")
    return out


def _command_lines(command: str, lead: str, width: int) -> list[str]:
    """``command`` on as few lines as fit in ``width``, each but the last ending in `` \\``; it
    breaks between options (``--cell gru``), and inside one only where it is wider than a line."""
    words = WORD.findall(command)
    groups: list[list[str]] = [words[:2]]  # the program and its command stay together
    for w in words[2:]:
        if w.startswith(("-", ">", "<", "|")):
            groups.append([w])
        else:
            groups[-1].append(w)
    more = lead + " " * CONTINUED
    pieces: list[str] = []  # a group on one line where it fits on a continued line, else its words
    for g in groups:
        whole = " ".join(g)
        pieces += [whole] if len(more) + formatting.term_len(whole) + 2 <= width else g
    lines, current = [], lead + pieces[0]
    for k, piece in enumerate(pieces[1:], start=2):
        room = width - (2 if k < len(pieces) else 0)  # a line that goes on ends in " \"
        if formatting.term_len(current) + 1 + formatting.term_len(piece) <= room:
            current += " " + piece
        else:
            lines.append(current + " \\")
            current = more + piece
    return lines + [current]


class Context(click.Context):
    """click's context with rnntrace's help layout."""

    formatter_class = HelpFormatter
