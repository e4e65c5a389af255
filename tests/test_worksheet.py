"""rnntrace worksheet: the answer key is the trace of the same seed, a student's seed is stable
(SHA-256 of the ID, not Python's hash), blanks are where asked, LaTeX compiles, and the quiz's
Moodle export escapes GIFT's special characters and carries the computed answers."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest

from rnntrace import examples, forward, quiz, worksheet
from rnntrace.check.sheet import Spec

ROW = re.compile(r"^\| `([^`]+)` \| `([^`]+)` \| (\*\*)?`([^`]+)`(\*\*)? \|$")


def rows(markdown: str) -> list[tuple[str, str, str, bool]]:
    """(section, name, numbers, bold) for every value row of a Markdown sheet."""
    out, section = [], None
    for line in markdown.splitlines():
        if line.startswith("## "):
            section = line[3:]
        m = ROW.match(line)
        if m:
            out.append((section, m[1], m[4], bool(m[3])))
    return out


def student_trace(student: str, cell: str | None = None):
    ex = examples.load("lecture")
    ex = replace(ex, weights={k: v for k, v in ex.weights.items() if k.startswith("b_")})
    return forward.run(ex, cell=cell, seed=worksheet.student_seed(student))


NAMES = {"x_t": "x", "a_t": "a", "h_t": "h", "y_t": "y", "p_t": "p", "L_t": "loss", "r_t": "r", "z_t": "z",
         "h̃_t": "h_tilde"}


@pytest.mark.parametrize("student,cell", [("ana", None), ("luis", "gru"), ("0042", None)])
def test_the_answer_key_is_the_trace_of_the_same_seed(cli, student, cell):
    args = ["worksheet", "--student", student, "--key", "--blank", "h,p,loss"] + (["--cell", cell] if cell else [])
    key = cli(*args).stdout
    tr = student_trace(student, cell)
    seen = 0
    for section, name, numbers, bold in rows(key):
        t = int(re.match(r"t = (\d+)", section)[1])
        want = np.atleast_1d(tr.steps[t - 1].values[NAMES[name]])
        got = np.array([float(x) for x in numbers.strip("[]").split()])
        assert np.allclose(got, want, atol=0.5e-4, rtol=0), (section, name)
        assert bold == (NAMES[name] in ("h", "p", "loss"))  # the blanks' answers stand out
        seen += 1
    assert seen == sum(len(s.values) - (s.values["loss"] is None) for s in tr.steps)


def test_the_sheet_leaves_exactly_the_blanks_asked_for(cli):
    sheet = cli("worksheet", "--student", "ana", "--blank", "h,loss").stdout
    tr = student_trace("ana")
    blanks = sum(3 + (s.target is not None) for s in tr.steps)
    assert sheet.count("____") == blanks
    for _, name, numbers, _ in rows(sheet):
        assert ("____" in numbers) == (name in ("h_t", "L_t"))
    assert "0.2913" not in sheet  # the lecture's own numbers are not a student's


def test_a_students_seed_is_stable_across_processes_and_hash_seeds():
    code = "from rnntrace.worksheet import student_seed; print(student_seed('ana'))"
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env={**os.environ, "PYTHONHASHSEED": h}).stdout for h in ("0", "1", "random")}
    assert outs == {f"{worksheet.student_seed('ana')}\n"}
    assert worksheet.student_seed("ana") != worksheet.student_seed("Ana")


def test_each_student_their_own_numbers_and_the_same_each_time(cli):
    a, b, a2 = (cli("worksheet", "--student", s, "--key").stdout for s in ("ana", "luis", "ana"))
    assert a == a2 and a != b


def test_without_a_student_the_example_itself(cli):
    key = cli("worksheet", "--key").stdout
    assert "`[0.2913 0.1974 0.0997]`" in key and "student" not in key


def test_bptt_sheet_with_delta(cli):
    key = cli("worksheet", "--blank", "h,delta", "--key").stdout
    assert "## backward, t = 4" in key and "**`[-0.0439 0.0772 0.1639]`**" in key
    assert "∂L/∂W_hh" not in key  # a weight's gradient only when blanked
    assert "∂L/∂W_hh" in cli("worksheet", "--blank", "dW_hh").stdout


def test_a_class_writes_a_sheet_and_a_key_each(cli, tmp_path):
    r = cli("worksheet", "--count", "3", "--format", "html", "--out", str(tmp_path / "class"))
    assert r.exit_code == 0
    files = sorted(os.listdir(tmp_path / "class"))
    assert files == ["1-key.html", "1.html", "2-key.html", "2.html", "3-key.html", "3.html"]
    sheet = (tmp_path / "class" / "2.html").read_text(encoding="utf-8")
    key = (tmp_path / "class" / "2-key.html").read_text(encoding="utf-8")
    tr = student_trace("2")
    targets = sum(s.target is not None for s in tr.steps)
    assert sheet.count('class="blank"') == len(tr.steps) * (3 + 5) + targets  # h, p and L_t, entry by entry
    assert key.count('class="answer"') == 2 * len(tr.steps) + targets  # one per blanked value
    assert 'class="blank"' not in key and 'class="answer"' in key
    assert cli("worksheet", "--student", "2", "--format", "html", "--key").stdout == key


def test_html_is_well_formed():
    from html.parser import HTMLParser

    class Depth(HTMLParser):
        def __init__(self):
            super().__init__()
            self.stack = []

        def handle_starttag(self, tag, attrs):
            if tag not in ("meta", "br"):
                self.stack.append(tag)

        def handle_endtag(self, tag):
            assert self.stack.pop() == tag

    sheet = worksheet.build(Spec(cell="lstm"), ("c", "h"), "ana")
    for key in (False, True):
        p = Depth()
        p.feed(worksheet.render(sheet, "html", key))
        assert p.stack == []


@pytest.mark.parametrize("key", [False, True])
def test_latex_compiles(tmp_path, key):
    from latex_check import problems

    tex = worksheet.render(worksheet.build(Spec(command="bptt", cell="gru"), ("h", "delta_h_tilde"), "ana"),
                           "latex", key)
    assert problems(tex) == []
    _compile(tex, tmp_path)


def test_spanish(cli):
    out = cli("worksheet", "--student", "ana", "--lang", "es").stdout
    assert out.startswith("# Hoja de ejercicios: ") and "estudiante ana" in out and "cómo se calcula" in out


def test_bad_input(cli, tmp_path):
    def bad(*args):
        r = cli("worksheet", *args)
        assert r.exit_code == 2 and r.stdout == "" and r.stderr.count("\n") == 1, r.stderr
        return r.stderr

    assert "--blank q: bptt has no value q; its values are a, dW_hh" in bad("--blank", "q")
    assert "--blank q: forward has no value q; its values are a, h, loss, p, x, y" in bad("--blank", "q",
                                                                                         "--command", "forward")
    assert "need --out DIR" in bad("--count", "3")
    assert "an ID is 1 to 64 letters" in bad("--student", "../x")
    assert "an ID is 1 to 64 letters" in bad("--student", "a b")
    assert "an ID is 1 to 64 letters" in bad("--student", "a\n")
    assert "not both" in bad("--student", "a", "--count", "2")
    (tmp_path / "f").write_text("", encoding="utf-8")
    assert "is a file" in bad("--count", "2", "--out", str(tmp_path / "f"))
    assert "--count" in bad("--count", "0")


def test_the_default_blanks_are_what_the_sentence_has(cli):
    """A one-word sentence has no target, so no loss: the default blanks (h, p, loss) leave h and p
    blank and the loss out, where it was refused ("bptt has no value loss") though nobody asked
    for it; asked for by name, it is still refused."""
    r = cli("worksheet", "--sentence", "I")
    assert r.exit_code == 0, r.output
    assert "| `h_t` | `h_t = tanh(a_t)` | `[____ ____ ____]` |" in r.output and "L_t" not in r.output
    r = cli("worksheet", "--sentence", "I", "--blank", "loss")
    assert r.exit_code == 2 and "--blank loss: bptt has no value loss" in r.stderr
    assert "L_t" in cli("worksheet", "--sentence", "I love").output


def test_a_student_id_in_any_script_and_one_seed_however_it_is_typed(cli, tmp_path):
    """Letters are letters in any script ("Begoña", "Łukasz"); "Begoña" typed with a combining
    tilde (n + U+0303) is the same ID: the same file and the same numbers."""
    composed, decomposed = "Bego\u00f1a", "Begon\u0303a"
    for student, folder in ((composed, "a"), (decomposed, "b"), ("Łukasz", "c")):
        r = cli("worksheet", "--student", student, "--out", str(tmp_path / folder))
        assert r.exit_code == 0, r.output
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == [f"{composed}-key.md", f"{composed}.md"]
    assert (tmp_path / "a" / f"{composed}-key.md").read_text() == (tmp_path / "b" / f"{composed}-key.md").read_text()
    assert (tmp_path / "c" / "Łukasz.md").exists()


# ---- GIFT ------------------------------------------------------------------------------------------------
def test_gift_escape():
    assert worksheet.gift_escape("a = {b}: ~c # d \\ e") == "a \\= \\{b\\}\\: \\~c \\# d \\\\ e"


def unescaped(text: str) -> list[str]:
    """GIFT's special characters in ``text`` that are not preceded by a backslash."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] in "~=#{}:":
            out.append(text[i])
        i += 1
    return out


ITEM = re.compile(r"^::(?P<title>(?:\\.|[^:\\])*)::\s(?P<text>.*)\s\{(?P<answer>(?:\\.|[^\\}])*)\}$")


@pytest.mark.parametrize("seed", [0, 3])
def test_gift_export_is_escaped_and_carries_the_computed_answers(cli, seed):
    out = cli("quiz", "--format", "gift", "--count", "20", "--seed", str(seed)).stdout
    items = [line for line in out.splitlines() if line.startswith("::")]
    questions = quiz.draw(seed, 20)
    expected = sum(q.values.size if q.values is not None and q.values.size > 1 else 1 for q in questions)
    assert len(items) == expected
    numeric = iter([(x, q.tolerance) for q in questions if q.values is not None for x in q.values])
    for line in items:
        m = ITEM.match(line)
        assert m, line
        assert unescaped(m["title"]) == [] and unescaped(m["text"]) == [], line
        answer = m["answer"]
        if answer.startswith("#") and ":" in answer:
            x, tol = next(numeric)
            got, got_tol = (float(v) for v in answer[1:].split(":"))
            assert got == x and got_tol == tol
        else:
            assert answer.startswith(("=", "~", "#"))
    assert "{=3x5 =3×5" in out


def test_explain_says_what_each_op_does_but_not_a_blanks_in_the_sheet(cli):
    sheet = cli("worksheet", "--explain", "--blank", "h").stdout
    key = cli("worksheet", "--explain", "--blank", "h", "--key").stdout
    assert "- `a_t`: " in sheet and "- `h_t`: " not in sheet
    assert "- `h_t`: " in key
    assert "- `a_t`: " not in cli("worksheet", "--blank", "h").stdout
    tex = worksheet.render(worksheet.build(Spec(), ("h",), explain=True), "latex", True)
    from latex_check import problems

    assert r"\par{\small $h_{t}$: " in tex and problems(tex) == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_opening_line_says_where_the_weights_come_from(cli, lang):
    """The sheet says 'from seed N' only of weights the seed drew: the lecture's Elman sheet uses
    the example's weights (no seed named), its GRU sheet draws the gates' weights (named, the rest
    the example's), and a student's sheet draws them all from the student's seed."""
    words = {"en": ("every weight as the example gives it", "from seed", "the other weights as the example gives them"),
             "es": ("cada peso como lo da el ejemplo", "de la semilla", "los demás pesos como los da el ejemplo")}[lang]
    given, seed, rest = words

    def intro(*args):
        r = cli("worksheet", "--lang", lang, *args)
        assert r.exit_code == 0, r.output
        return r.output.splitlines()[2]

    lecture = intro()
    assert given in lecture and seed not in lecture
    gru = intro("--cell", "gru")
    drawn = forward.run(examples.load("lecture"), cell="gru").drawn
    assert sorted(drawn) == ["W_hr", "W_hz", "W_xr", "W_xz"]
    assert all(n in gru for n in drawn) and f"{seed} 0" in gru and rest in gru and given not in gru
    assert "W_xh" not in gru.split(seed)[0]  # the example's W_xh is not among the drawn
    student = intro("--student", "ana")
    assert f"{seed} {worksheet.student_seed('ana')}" in student and rest not in student and given not in student


def _compile(tex: str, folder) -> None:
    """pdflatex on ``tex`` in ``folder`` (s.tex, s.log): it must compile."""
    if shutil.which("pdflatex") is None:
        pytest.skip("pdflatex not installed")
    (folder / "s.tex").write_text(tex, encoding="utf-8")
    r = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "s.tex"], cwd=folder,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout[-2000:]


def test_latex_parameters_stay_inside_the_margin(tmp_path):
    """The GRU sheet's eight matrices break into rows before the margin: no overfull line in the
    Parameters (justified, the row holding W_hy ran past the page's edge)."""
    tex = worksheet.render(worksheet.build(Spec(command="forward", cell="gru"), ()), "latex", False)
    _compile(tex, tmp_path)
    log = (tmp_path / "s.log").read_text(encoding="latin-1")
    assert "Overfull \\hbox" not in log
