"""``--step``: a trace one page at a time on a terminal: the opening sections first, then one step
per Enter; ``b`` goes back, ``q`` quits; the current step and the total are shown.

Input is read a line at a time (Enter ends it), so it works with any terminal and can be driven
through a pseudo-terminal in tests. ``output.emit`` only calls this when both standard input and
standard output are terminals; otherwise the whole trace is printed and nothing waits.
"""
from __future__ import annotations

from dataclasses import dataclass

from rnntrace.i18n import t, tn

BACK = ("b", "back", "atrás", "atras")
QUIT = ("q", "quit", "exit", "salir")


@dataclass
class Page:
    """What one screen shows, and its label (``step 2 of 5``)."""

    label: str
    renderables: list


def document_pages(doc, command: str) -> list[Page]:
    """A Document's pages as screens: the opening, "step k of n" for each step page, the closing.
    ``command`` (``rnntrace forward``) names the run on the opening screen."""
    from rnntrace.render import terminal

    steps = [p for p in doc.pages if p.kind not in ("opening", "closing")]
    out, k = [], 0
    for p in doc.pages:
        if p.kind == "opening":
            label = tn("teach.step.start", len(steps), command=command)
        elif p.kind == "closing":
            label = t("teach.step.end")
        else:
            k += 1
            label = t("teach.step.of", k=k, n=len(steps))
        out.append(Page(label, terminal.page(p, doc.precision)))
    return out


def pages(renderables: list, command: str = "rnntrace", lead: int = 1, tail: int = 0) -> list[Page]:
    """The opening page (``lead`` sections), one page per step section, a closing page (``tail``).
    ``command`` (``rnntrace forward``) names the run on the opening page.

    When there is nothing between the lead and the tail, everything is one page."""
    lead = max(0, min(lead, len(renderables)))
    tail = max(0, min(tail, len(renderables) - lead))
    steps = renderables[lead:len(renderables) - tail]
    n = len(steps)
    out = [Page(tn("teach.step.start", n, command=command), renderables[:lead])] if lead else []
    out += [Page(t("teach.step.of", k=k, n=n), [r]) for k, r in enumerate(steps, start=1)]
    if tail:
        out.append(Page(t("teach.step.end"), renderables[len(renderables) - tail:]))
    return out or [Page(tn("teach.step.start", 0, command=command), renderables)]


def step_through(pages: list[Page], console, env) -> None:
    """Show ``pages`` one at a time, waiting for a line on ``env.stdin`` after each."""
    from rich.rule import Rule
    from rich.text import Text

    k = 0
    while 0 <= k < len(pages):
        page = pages[k]
        if console.is_terminal:
            console.clear()
        console.print(Rule(Text(page.label, "bold"), align="left", style="cyan"))
        for r in page.renderables:
            console.print(r)
        last = k == len(pages) - 1
        console.print(Text(t("teach.step.keys_last" if last else "teach.step.keys"), "dim"), end=" ")
        console.file.flush()
        line = env.stdin.readline()
        if not line:  # end of input (Ctrl-D): stop, as quitting does
            console.line()
            return
        key = line.strip().lower()
        if key in QUIT:
            return
        k = max(0, k - 1) if key in BACK else k + 1
