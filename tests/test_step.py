"""``--step`` through a real pseudo-terminal: one page per Enter, ``b`` back, ``q`` quit, the step
and the total shown; and never waiting when stdin or stdout is not a terminal."""
import re
import subprocess
import sys

import pytest

from pty_session import PtySession


def test_forward_steps_forward_back_and_quits():
    with PtySession(["forward", "--step"]) as s:
        first = s.expect("Enter: next · b: back · q: quit")
        assert "rnntrace forward · 5 steps" in first
        assert "The cell, as traced" in first and "Parameters" in first  # header sections first
        assert "t = 1 ·" not in first
        s.send("")
        page = s.expect("q: quit")
        assert "step 1 of 5" in page and "t = 1 · “I” → target “love”" in page
        assert "t = 2 ·" not in page
        s.send("")
        assert "step 2 of 5" in s.expect("q: quit")
        s.key("b")
        page = s.expect("q: quit")
        assert "step 1 of 5" in page and "t = 1 · “I”" in page
        s.key("q")
        rest = s.rest()
    assert s.status == 0
    assert "step 2 of 5" not in rest and "Summary" not in s.seen


def test_forward_steps_to_the_summary_and_ends():
    with PtySession(["forward", "--step", "--sentence", "I love"]) as s:
        s.expect("q: quit")
        s.send("")
        assert "step 1 of 2" in s.expect("q: quit")
        s.send("")
        assert "step 2 of 2" in s.expect("q: quit")
        s.send("")
        last = s.expect("Enter or q: quit · b: back")
        assert "summary" in last and "L = Σ_t L_t =" in last
        s.send("")
        s.rest()
    assert s.status == 0


def test_end_of_input_stops_cleanly():
    with PtySession(["forward", "--step"]) as s:
        s.expect("q: quit")
        s.send("\x04")  # Ctrl-D on an empty line: end of input
        s.rest()
    assert s.status == 0


def test_spanish_step_through():
    with PtySession(["forward", "--step", "--lang", "es"]) as s:
        first = s.expect("Intro: siguiente · b: atrás · q: salir")
        assert "rnntrace forward · 5 pasos" in first and "Parámetros" in first
        s.send("")
        page = s.expect("q: salir")
        assert "paso 1 de 5" in page and "t = 1 · “I” → objetivo “love”" in page
        s.key("q")
        s.rest()
    assert s.status == 0


def test_step_prints_everything_when_stdin_is_not_a_terminal():
    r = subprocess.run([sys.executable, "-m", "rnntrace", "forward", "--step"], input="", capture_output=True,
                       text=True, timeout=60)
    assert r.returncode == 0 and "t = 5 · “networks”" in r.stdout and "Summary" in r.stdout
    assert "q: quit" not in r.stdout


def test_step_never_waits_when_stdout_is_not_a_terminal(cli):
    r = cli("forward", "--step")  # CliRunner: neither end is a terminal
    plain = cli("forward")
    assert r.exit_code == 0 and r.output == plain.output


def test_step_prints_everything_when_only_stdout_is_redirected():
    """stdin a terminal, stdout a pipe: still no waiting."""
    import os

    master, slave = os.openpty()
    try:
        r = subprocess.run([sys.executable, "-m", "rnntrace", "forward", "--step"], stdin=slave,
                           capture_output=True, text=True, timeout=60)
    finally:
        os.close(master)
        os.close(slave)
    assert r.returncode == 0 and "Summary" in r.stdout and "q: quit" not in r.stdout


def test_parts_cut_at_block_boundaries_and_never_exceed_the_height():
    from rnntrace.stepper import parts

    chunks = [["a1", "a2"], [[], "b1", "b2", "b3"], ["c1"], ["d"] * 7]
    out = parts(chunks, 5)
    assert out[0] == ["a1", "a2"] and out[1] == ["b1", "b2", "b3", "c1"]  # b's blank line dropped at the top
    assert out[2:] == [["d"] * 4, ["d"] * 3]  # a chunk taller than a part is cut by lines, evenly
    assert all(len(p) <= 5 for p in out) and parts([], 5) == [[]]


def test_a_chunk_one_line_taller_than_a_part_is_not_cut_into_a_lone_line():
    """An opening panel one line taller than the screen was shown as a full part and then a part
    holding only its bottom border; the fewest pieces that fit are of near-equal size instead."""
    from rnntrace.stepper import parts

    panel = [f"line {i}" for i in range(23)]
    out = parts([panel, ["next"]], 22)
    assert [len(p) for p in out] == [12, 12] and out[1][-1] == "next"
    assert sum(out, []) == panel + ["next"]
    for n in range(1, 100):  # every height: as few pieces as fit, none more than one line longer
        sizes = [len(p) for p in parts([["x"] * n], 7)]
        assert sum(sizes) == n and max(sizes) <= 7 and len(sizes) == -(-n // 7) and max(sizes) - min(sizes) <= 1


def step_screens(args, height):
    """--step's screens of ``rnntrace ARGS`` on an 80-column terminal ``height`` lines tall (the
    label and the keys take two): (the document, its screens, the console)."""
    import io

    from rich.console import Console

    import rnntrace.stepper as st
    from rnntrace.cli import main
    from rnntrace.output import env

    console = Console(file=io.StringIO(), width=80, height=height, color_system=None)
    seen = {}

    def capture(doc, command, c, e):
        seen["doc"], seen["screens"] = doc, st.screens(doc, command, console, height - 2)

    saved, saved_env = st.step_through, (env._stdin_isatty, env._stdout_isatty)
    st.step_through = capture
    env._stdin_isatty = env._stdout_isatty = True
    try:
        main([*args, "--step"], standalone_mode=False)
    finally:
        st.step_through = saved
        env._stdin_isatty, env._stdout_isatty = saved_env
    return seen["doc"], seen["screens"], console


@pytest.mark.parametrize("args", [["forward", "--cell", "lstm"], ["forward", "--cell", "gru"], ["bptt"],
                                  ["bptt", "--cell", "lstm"], ["attention", "--heads", "2"],
                                  ["attention", "--mode", "seq2seq", "--feed-context"], ["positional"],
                                  ["bptt", "-e", "etiquetas", "--bidirectional", "--at", "2"],
                                  ["bptt", "-e", "sentimiento", "--compare"],
                                  ["train", "-e", "etiquetas", "--epochs", "3", "--trace-update"]])
def test_every_screen_fits_an_80_by_24_terminal(args):
    """--step at 80×24: every page of every command fits in 22 lines (the label and the keys take
    the other two), tall pages as parts labelled "part k of n"; nothing is lost."""
    from rnntrace import stepper

    doc, screens, console = step_screens(args, 24)
    assert all(len(s.lines) <= 22 for s in screens)
    assert len(screens) >= len(doc.pages)
    whole = sum(len(stepper.parts(stepper._chunks(p, 4, console), 10 ** 6)[0]) for p in doc.pages)
    assert sum(len(s.lines) for s in screens) <= whole  # only blank lines at the top of a part go
    split = [s.label for s in screens if "part" in s.label]
    if args[:3] == ["forward", "--cell", "lstm"]:
        assert "step 1 of 5 · part 1 of " in " ".join(split)
    titles = {s.title for p in doc.pages for s in p.sections if s.title}

    def text(line) -> str:
        return "".join(seg.text for seg in line).strip(" ─")

    ending_on_a_title = [s.label for s in screens if s.lines and text(s.lines[-1]) in titles]
    assert ending_on_a_title == []  # a section's title goes with its first block


def test_a_glued_line_stays_with_the_next_when_a_chunk_is_cut():
    """A chunk cut by lines never ends a piece on a glued line (a grid's label): the cut moves one
    line up, and a piece more is used only when no cut of the fewest avoids it."""
    from rnntrace.stepper import Chunk, parts

    lines = [f"l{i}" for i in range(10)]
    assert [len(p) for p in parts([Chunk(lines)], 6)] == [5, 5]
    out = parts([Chunk(lines, {4})], 6)  # the even cut would end the first piece on l4
    assert [len(p) for p in out] == [4, 6] and out[1][0] == "l4" and sum(out, []) == lines
    out = parts([Chunk(lines, {4})], 5)  # 5 + 5 is the only two-piece cut: three pieces instead
    assert len(out) == 3 and all(len(p) <= 5 for p in out) and sum(out, []) == lines
    assert all(p[-1] != "l4" for p in out)


LABEL_LINE = re.compile(r"^(\S+ \(\d+×\d+\)(, \S+ \d+–\d+ \S+ \d+)?\s*)+$")  # W_hf^(1) (8×8)  W_xi^(1) (19×8)


@pytest.mark.parametrize("args,height", [(["forward", "--layers", "2", "-e", "perro_lstm", "--lang", "es"], 24),
                                         (["bptt", "-e", "perro_gru"], 20), (["bptt", "-e", "perro_lstm", "--lang", "es"], 19)])
def test_a_matrix_label_stays_with_its_first_row(args, height):
    """The Parameters grid, one block taller than the screen, is cut by lines: "W_hf^(1) (8×8)"
    ended part 2 of forward --layers 2 -e perro_lstm --lang es at 80×24 with its rows on part 3
    (and W_hz on bptt -e perro_gru at 80×20). The label now opens the part its rows are on."""
    def text(line) -> str:
        return "".join(seg.text for seg in line).rstrip()

    _, screens, _ = step_screens(args, height)
    assert all(len(s.lines) <= height - 2 for s in screens)
    labels = [text(line) for s in screens for line in s.lines if LABEL_LINE.match(text(line))]
    assert len(labels) >= 7  # the grid's labels are there to check
    assert [s.label for s in screens if s.lines and LABEL_LINE.match(text(s.lines[-1]))] == []


def test_the_opening_counts_steps_only_when_there_are_step_pages():
    """bptt on perro_gru (15 tokens) has no page per step: its opening is "rnntrace bptt", not
    "rnntrace bptt · 0 steps"; bptt on the lecture's 5 tokens does count its 5."""
    many = step_screens(["bptt", "-e", "perro_gru"], 24)[1]
    assert many[0].label.startswith("rnntrace bptt · part 1 of ") and "steps" not in many[0].label
    assert step_screens(["bptt"], 24)[1][0].label.startswith("rnntrace bptt · 5 steps")
