"""Narrow terminals (40–60 columns, split panes, laptops) never break a number: every command's
default screen and a few of its options, at widths 40 … 60, shows each number whole on one line,
never folded over two ("0.29" / "13") nor cut short with "…" or at a frame's corner, and no line
wider than the terminal. A number is "whole" when the same text appears at 200 columns, where
nothing narrows."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from rich.cells import cell_len

from rnntrace.render.widgets import narrowed

COMMANDS = [
    ("forward",), ("forward", "--cell", "gru"), ("forward", "--cell", "lstm"), ("forward", "--brief"),
    ("bptt",), ("bptt", "--cell", "lstm"), ("bptt", "--compare"), ("bptt", "--layers", "2", "--bidirectional"),
    ("attention",), ("attention", "--backward"), ("positional",), ("train", "-e", "lecture", "--epochs", "50"),
]
WIDTHS = [12, 40, 44, 48, 52, 56, 60]
# a number as a whole word: not part of a name (h_1, x1) nor of a longer number
NUMBER = re.compile(r"(?<![\w.,])[-−]?\d[\d.,]*(?:e[-+]?\d+)?(?!\w)")
# "0.29…": rich's ellipsis in place of digits (1…5 is a range); "n = 1─╮": a frame's title cut at
# its corner (n = 16), where a title that fits leaves a space before the frame's line
CUT = re.compile(r"\d[.,]?…(?!\d)|\d─")


def run(monkeypatch, args, width: int, lang: str = "en"):
    from rnntrace.cli import main
    from rnntrace.i18n import set_lang

    monkeypatch.setenv("COLUMNS", str(width))
    set_lang(lang)
    return CliRunner().invoke(main, ["--lang", lang, *args], catch_exceptions=False)


def numbers(text: str) -> set[str]:
    return {m.group(0).rstrip(".,") for line in text.splitlines() for m in NUMBER.finditer(line)}


def broken(text: str, whole: set[str], width: int) -> list[str]:
    """Every line of ``text`` with a number that is not one of ``whole``, a number cut short with
    "…", or wider than ``width``."""
    out = []
    lines = text.splitlines()
    for i, line in enumerate(lines):
        parts = [m.group(0).rstrip(".,") for m in NUMBER.finditer(line)]
        if any(p not in whole for p in parts) or CUT.search(line) or cell_len(line) > width:
            out.append(f"{lines[i - 1] if i else ''!r} / {line!r}")
    return out


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_no_number_is_broken_at_narrow_widths(monkeypatch, args):
    for lang in ("en", "es") if args in (("forward",), ("bptt",), ("positional",)) else ("en",):
        wide = run(monkeypatch, args, 200, lang)
        assert wide.exit_code == 0, wide.output
        whole = numbers(wide.output)
        for width in WIDTHS:
            result = run(monkeypatch, args, width, lang)
            if width < 40:  # below 40 a trace is refused in one line, exit status 2
                assert result.exit_code == 2 and not result.stdout, result.output
                continue
            assert result.exit_code == 0, result.output
            assert broken(result.output, whole, width) == [], f"{' '.join(args)} at {width} columns ({lang})"


def test_the_check_finds_a_folded_number_and_an_ellipsis():
    whole = {"0.2913", "1"}
    assert broken("1  [0.29\n   13]", whole, 40)
    assert broken("1  0.29…", whole, 40)
    assert broken("1  0.2913", whole, 8)  # wider than the terminal
    assert broken("╭─ Making the position explicit: n = 1─╮", whole, 40)
    assert broken("1  [0.2913]  steps 1…5", whole | {"5"}, 40) == []
    assert broken("╭─ n = 1 ─╮", whole, 40) == []


def test_a_table_narrows_its_text_before_its_numbers(monkeypatch):
    """At 44 columns bptt's forward table keeps each vector's numbers whole: the header wraps,
    the numbers do not (rich folded 0.2913 into 0.29 / 13 here)."""
    out = run(monkeypatch, ("bptt",), 44).output
    assert "[0.2913 0.1974 0.0997]" in out and "0.1944" in out


def test_narrowed_widths():
    assert narrowed([10, 6, 4], [3, 6, 4], 16) == [6, 6, 4]  # the widest narrows first
    assert narrowed([10, 9], [2, 2], 15) == [7, 8]  # then whichever is widest, by turns
    assert narrowed([10, 6], [5, 6], 10) is None  # the floors need 11
    assert narrowed([3, 4], [1, 1], 20) == [3, 4]  # it fits: as it is


@pytest.mark.parametrize("lang", ["en", "es"])
def test_quiz_help_reads_at_40_columns(lang):
    """At 40 columns every line of ``quiz --help`` fits, each option's description goes under it
    (click kept a 4-character column beside --topic's choices, and laid the text out 50 wide)."""
    from rnntrace.cli import main

    out = CliRunner().invoke(main, ["quiz", "--help", "--lang", lang], prog_name="rnntrace",
                                 terminal_width=40).output
    lines = out.splitlines()
    assert max(cell_len(line) for line in lines) <= 40, out
    assert lines[0] == "Usage: rnntrace quiz [OPTIONS]"
    topic = lines.index("  --topic TOPIC")
    assert lines[topic + 1].startswith("      ") and "[default: 5]" in out  # under it; the default whole
    assert "forward, bptt, gates, attention, positional, networks" in " ".join(out.split())


def test_help_beside_its_option_where_there_is_room():
    from rnntrace.cli import main

    out = CliRunner().invoke(main, ["quiz", "--help"], prog_name="rnntrace").output  # click's runner: 80 columns
    assert any(line.startswith("  --topic TOPIC ") and "Ask only about TOPIC" in line for line in out.splitlines())
    assert "Usage: rnntrace quiz [OPTIONS]" in out


@pytest.mark.parametrize("columns, width", [("40", 38), ("12", 30), ("200", 78)])
def test_help_follows_the_terminal_below_50_columns(monkeypatch, columns, width):
    """click lays help out at least 50 wide; rnntrace's at the terminal's width less click's 2,
    down to 30, and up to click's max_width (80 unless a context says otherwise)."""
    from click import formatting

    from rnntrace.helpformat import HelpFormatter

    monkeypatch.setattr(formatting, "FORCED_WIDTH", None)
    monkeypatch.setenv("COLUMNS", columns)
    assert HelpFormatter().width == width


@pytest.mark.parametrize("width", range(40, 61))
def test_a_chart_title_is_never_cut_inside_its_number(width):
    """Three series on an axis from 1e-100: each title ("gru: 1e-100", 11 characters) is wider
    than the narrowest bar (10); side by side only when every title fits over its bar, else one
    below the other."""
    import io

    from rich.console import Console

    from rnntrace.render.chart import LogChart

    values = [[-100.0, -60.0, -20.0], [-50.0, -30.0, -1.0]]
    chart = LogChart(["k"], [["1"], ["2"]], values, ["rnn", "gru", "lstm"])
    out = io.StringIO()
    Console(file=out, width=width, color_system=None).print(chart)
    heads = [line for line in out.getvalue().splitlines() if line.startswith("k ")]
    assert heads and all(re.search(r"(rnn|gru|lstm): 1e-100(?!\d)", h) for h in heads)
    assert sum(len(re.findall(r"(rnn|gru|lstm): 1e-100", h)) for h in heads) == 3, out.getvalue()
