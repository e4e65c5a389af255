"""``--step`` through a real pseudo-terminal: one page per Enter, ``b`` back, ``q`` quit, the step
and the total shown; and never waiting when stdin or stdout is not a terminal."""
import subprocess
import sys

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
        s.send("b")
        page = s.expect("q: quit")
        assert "step 1 of 5" in page and "t = 1 · “I”" in page
        s.send("q")
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
        s.send("q")
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


def test_pages_split_lead_steps_and_tail():
    from rnntrace.stepper import pages

    ps = pages(list("HPabcS"), lead=2, tail=1)
    assert [p.label for p in ps] == ["rnntrace · 3 steps", "step 1 of 3", "step 2 of 3", "step 3 of 3", "summary"]
    assert ps[0].renderables == ["H", "P"] and ps[-1].renderables == ["S"]
    assert [p.label for p in pages(["only"], lead=1)] == ["rnntrace · 0 steps"]
