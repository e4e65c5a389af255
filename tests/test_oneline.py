"""matrix.OneLine draws a line that fits straight to segments: the same segments, colour and all,
as rich's own Text rendering, whatever the base style and spans."""
import pytest
from rich.console import Console
from rich.text import Text

from rnntrace.render.matrix import OneLine


def drawn(renderable, width: int) -> str:
    c = Console(force_terminal=True, width=width, color_system="truecolor", legacy_windows=False)
    with c.capture() as cap:
        c.print(renderable)
    return cap.get()


def texts():
    yield Text("plain line")
    yield Text("bold green line", style="bold green")
    yield Text("✓ the prediction is the target", style="green")
    t = Text("a_t = x_t·W_xh + h_{t−1}·W_hh", style="bold")
    t.stylize("italic cyan", 0, 3)
    yield t
    t = Text("no base style, one span")
    t.stylize("red", 3, 7)
    yield t
    t = Text("underlined heading with a styled word", style="underline")
    t.stylize("on blue", 20, 26)
    yield t


@pytest.mark.parametrize("width", [12, 40, 80, 200])
def test_oneline_draws_what_rich_draws(width):
    for t in texts():
        assert drawn(OneLine(t), width) == drawn(t, width), (t.plain, t.style, width)


def test_a_styled_line_keeps_its_style():
    out = drawn(OneLine(Text("warning", style="bold yellow")), 80)
    assert "\x1b[" in out and "warning" in out
