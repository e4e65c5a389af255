"""The standing corpus of large and hostile inputs (issue 15). Every input is generated here
(nothing large is stored). For each case: the exit status, no traceback, a message that names the
problem (one line on stderr for exit 2), and no temporary file left behind (.rnntrace-*.tmp).

Cases that could hang (a FIFO, /dev/zero, a signal) run in a subprocess with a timeout, so a
regression fails instead of stalling CI; the timeouts guard against hangs and measure nothing.
"""
from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.cells import cell_len

from rnntrace.errors import InputError
from rnntrace.render.matrix import MIN_WIDTH

HANG = 60  # seconds before a case counts as hung

WORDS40 = [f"w{i:02d}" for i in range(40)]


def toml_list(words) -> str:
    return "[" + ", ".join(f'"{w}"' for w in words) + "]"


def vocab40(cell: str = "rnn") -> str:
    return (f'title = "forty words"\ncell = "{cell}"\nvocab = {toml_list(WORDS40)}\n'
            f'sentence = {toml_list(WORDS40[:6])}\nhidden_size = 3\n')


def leftovers(*dirs) -> list[str]:
    return [str(p) for d in dirs for p in Path(d).glob(".rnntrace-*.tmp")]


def check(code: int, stdout: str, stderr: str, status: int, *fragments: str, dirs=()) -> None:
    assert code == status, (code, stdout[-2000:], stderr[-2000:])
    assert "Traceback" not in stdout + stderr
    for f in fragments:
        assert f in stderr, (f, stderr)
    if status == 2:
        assert stderr.count("\n") == 1 and stderr.startswith("rnntrace"), stderr
    assert not leftovers(*dirs, os.getcwd())


def run_cli(cli, status: int, *args, fragments=(), dirs=(), input=None):
    r = cli(*args, input=input)
    check(r.exit_code, r.stdout, r.stderr, status, *fragments, dirs=dirs)
    return r


def run_process(args, status, *fragments, env=None, dirs=(), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE):
    """``rnntrace ARGS`` in a subprocess (``python -m rnntrace``), killed if it hangs."""
    p = subprocess.run([sys.executable, "-m", "rnntrace", *args], stdin=stdin, stdout=stdout,
                       stderr=subprocess.PIPE, text=True, timeout=HANG,
                       env={**os.environ, "COLUMNS": "80", **(env or {})})
    check(p.returncode, p.stdout or "", p.stderr, status, *fragments, dirs=dirs)
    return p


# ---- a 40-word vocabulary, at 80 columns, at the minimum and below it ---------------------------
VARIANTS = [[], ["--step"], ["--explain"], ["--export", "out.svg"], ["--export", "out.html"],
            ["--export", "out.txt"]]


@pytest.mark.parametrize("command", ["forward", "bptt"])
@pytest.mark.parametrize("cell", ["rnn", "gru", "lstm"])
@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: "-".join(v) or "plain")
def test_forty_words_at_80_columns(cli, tmp_path, monkeypatch, command, cell, variant):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "v40.toml").write_text(vocab40(cell))
    r = run_cli(cli, 0, command, "-e", "v40.toml", *variant, dirs=[tmp_path])
    assert all(cell_len(line) <= 80 for line in r.stdout.splitlines())
    if command == "forward":  # x_t's one-hot row, 40 entries, in column ranges
        assert "x_t, columns 1–20 of 40" in r.stdout and "columns 21–40 of 40" in r.stdout
    if variant[:1] == ["--export"]:
        text = (tmp_path / variant[1]).read_text(encoding="utf-8")
        if variant[1].endswith(".svg"):
            ET.fromstring(text)
        assert "w39" in text


@pytest.mark.parametrize("command", ["forward", "bptt"])
@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: "-".join(v) or "plain")
def test_forty_words_below_the_minimum_width_is_refused_before_anything_is_written(
        cli, tmp_path, monkeypatch, command, variant):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "12")
    (tmp_path / "v40.toml").write_text(vocab40())
    r = run_cli(cli, 2, command, "-e", "v40.toml", *variant,
                fragments=["the terminal is 12 columns wide", f"at least {MIN_WIDTH}"], dirs=[tmp_path])
    assert r.stdout == "" and sorted(p.name for p in tmp_path.iterdir()) == ["v40.toml"]


@pytest.mark.parametrize("fmt", ["json", "markdown", "latex"])
def test_a_narrow_terminal_does_not_matter_to_text_formats(cli, tmp_path, monkeypatch, fmt):
    monkeypatch.setenv("COLUMNS", "12")
    (tmp_path / "v40.toml").write_text(vocab40())
    run_cli(cli, 0, "forward", "-e", str(tmp_path / "v40.toml"), "--format", fmt)


@pytest.mark.parametrize("command", ["forward", "bptt"])
def test_forty_words_at_the_minimum_width(cli, tmp_path, monkeypatch, command):
    monkeypatch.setenv("COLUMNS", str(MIN_WIDTH))
    (tmp_path / "v40.toml").write_text(vocab40("lstm"))
    r = run_cli(cli, 0, command, "-e", str(tmp_path / "v40.toml"), "--explain")
    assert all(cell_len(line) <= MIN_WIDTH for line in r.stdout.splitlines())


def test_the_lecture_at_12_columns_says_the_terminal_is_too_narrow(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "12")
    for command in ("forward", "bptt", "attention", "positional", "quiz"):
        assert run_cli(cli, 2, command, fragments=["the terminal is 12 columns wide"]).stdout == ""


# ---- files that are not regular files, or too large ------------------------------------------------
@pytest.mark.parametrize("args", [["forward", "-e"], ["bptt", "-e"], ["attention", "-e"], ["quiz", "--answers"]])
def test_dev_zero_is_refused_before_it_is_read(args):
    run_process([*args, "/dev/zero"], 2, "/dev/zero: is a device, not a regular file")


@pytest.mark.parametrize("args", [["forward", "-e"], ["quiz", "--answers"]])
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path, args):
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    run_process([*args, str(fifo)], 2, "pipe.toml: is a FIFO (named pipe), not a regular file")


def test_a_file_over_the_size_limit_is_refused(cli, tmp_path):
    from rnntrace.examples import MAX_FILE_BYTES

    big = tmp_path / "big.toml"
    with open(big, "wb") as f:
        f.write(b'title = "x"\n')
        f.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing large is written
    run_cli(cli, 2, "forward", "-e", str(big), fragments=["big.toml: is 16.0 MB", "at most 16.0 MB are read"])


def test_a_200000_word_vocabulary_is_refused_before_the_duplicate_check(cli, tmp_path):
    path = tmp_path / "huge.toml"
    path.write_text(f'vocab = {toml_list(["a"] * 200_000)}\nsentence = ["a"]\nhidden_size = 3\n')
    run_cli(cli, 2, "forward", "-e", str(path), fragments=["vocab has 200000 entries; at most 1000"])


@pytest.mark.parametrize("field, limit", [("title", 200), ("description", 2000), ("name", 200)])
def test_long_titles_and_descriptions_are_refused(cli, tmp_path, field, limit):
    path = tmp_path / "long.toml"
    path.write_text(f'{field} = "{"x" * 1_000_000}"\nvocab = ["a"]\nsentence = ["a"]\nhidden_size = 3\n')
    run_cli(cli, 2, "forward", "-e", str(path), fragments=[f"long.toml: {field} has 1000000 characters; at most {limit}"])


def test_a_long_note_and_a_long_word_are_refused(cli, tmp_path):
    path = tmp_path / "note.toml"
    path.write_text(f'vocab = ["a"]\nsentence = ["a"]\nhidden_size = 3\n[notes]\n1 = "{"y" * 2001}"\n')
    run_cli(cli, 2, "forward", "-e", str(path), fragments=["note.toml: notes.1 has 2001 characters; at most 2000"])
    path.write_text(f'vocab = ["{"a" * 41}"]\nsentence = ["a"]\nhidden_size = 3\n')
    run_cli(cli, 2, "forward", "-e", str(path), fragments=["has 41 characters; a word has at most 40"])


# ---- values that used to raise -------------------------------------------------------------------------
def test_a_400_digit_weight(cli, tmp_path):
    path = tmp_path / "w.toml"
    path.write_text('vocab = ["a"]\nsentence = ["a"]\nhidden_size = 1\n'
                    f'[weights]\nW_xh = [[{"9" * 400}]]\n')
    run_cli(cli, 2, "forward", "-e", str(path), fragments=["weights.W_xh: holds an integer too large for a float64"])


def test_a_5000_digit_integer_anywhere(cli, tmp_path):
    path = tmp_path / "w.toml"
    path.write_text(f'vocab = ["a"]\nsentence = ["a"]\nhidden_size = 3\nseed = {"1" * 5000}\n')
    run_cli(cli, 2, "forward", "-e", str(path), fragments=["w.toml: invalid TOML", "4300"])


@pytest.mark.parametrize("key", ["²", "1" * 5000, "٣"])
def test_notes_keys_that_look_like_digits(cli, tmp_path, key):
    path = tmp_path / "n.toml"
    path.write_text(f'vocab = ["a"]\nsentence = ["a"]\nhidden_size = 3\n[notes]\n"{key}" = "hi"\n')
    run_cli(cli, 2, "forward", "-e", str(path), fragments=["a note is keyed by a step number 1..1"])


def test_a_5000_digit_quiz_answer(cli, tmp_path):
    answers = tmp_path / "a.txt"
    answers.write_text(("9" * 5000 + "\n") * 3)
    r = run_cli(cli, 0, "quiz", "--answers", str(answers), "--count", "3")
    assert "Score: 0 of 3" in r.stdout


def test_a_byte_order_mark(cli, tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + vocab40().encode())
    run_cli(cli, 0, "forward", "-e", str(path), "--format", "json")
    answers = tmp_path / "a.txt"
    answers.write_bytes(b"\xef\xbb\xbfa\n")
    r = run_cli(cli, 0, "quiz", "--answers", str(answers), "--count", "1")
    assert "\ufeff" not in r.stdout


# ---- control characters: refused in files, escaped when typed --------------------------------------
ESC = "\\u001b]0;owned\\u0007"  # TOML escapes: OSC "set the window title"
CELL_DOC = 'vocab = ["a", "b"]\nsentence = ["a", "b"]\nhidden_size = 3\n'


@pytest.mark.parametrize("doc, field", [
    (f'title = "x{ESC}"\n' + CELL_DOC, "title"),
    (f'description = "x{ESC}"\n' + CELL_DOC, "description"),
    (f'name = "{ESC}"\n' + CELL_DOC, "name"),
    (f'vocab = ["a", "b{ESC}"]\nsentence = ["a"]\nhidden_size = 3\n', "vocab[1]"),
    (CELL_DOC + f'[notes]\n1 = "x{ESC}"\n', "notes.1"),
    (CELL_DOC + f'[notes_es]\n"1{ESC}" = "x"\n', "notes_es.1\\x1b]0;owned\\x07"),
    (CELL_DOC + '[weights]\n"W_xh\\u009b2J" = [[1.0]]\n', "weights.W_xh\\x9b2J"),
    ('title = "\\u202eevil"\n' + CELL_DOC, "title"),
    ('title = "a\\tb"\n' + CELL_DOC, "title"),
])
def test_control_characters_in_example_files_are_refused(cli, tmp_path, doc, field):
    path = tmp_path / "esc.toml"
    path.write_text(doc)
    r = run_cli(cli, 2, "forward", "-e", str(path), fragments=[f"esc.toml: {field} holds the control character U+"])
    assert "\x1b" not in r.stderr and "\x9b" not in r.stderr


@pytest.mark.parametrize("doc", [
    f'kind = "self-attention"\nsentence = ["a"]\nd_model = 2\n[embeddings]\n"a{ESC}" = [0.1, 0.2]\n',
    f'kind = "seq2seq"\nsource_vocab = ["x{ESC}"]\ntarget_vocab = ["<s>", "y"]\nsource = ["x"]\n'
    'target = ["y"]\nhidden_size = 2\n',
])
def test_control_characters_in_attention_files_are_refused(cli, tmp_path, doc):
    path = tmp_path / "esc.toml"
    path.write_text(doc)
    run_cli(cli, 2, "attention", "-e", str(path), fragments=["holds the control character U+001B"])


def test_control_characters_in_an_answers_file_are_refused(cli, tmp_path):
    answers = tmp_path / "a.txt"
    answers.write_text("5x3\n\x1b[2J\n")
    run_cli(cli, 2, "quiz", "--answers", str(answers), fragments=["line 2 holds the control character U+001B"])


def test_a_piped_answer_is_echoed_escaped(cli):
    r = run_cli(cli, 0, "quiz", "--count", "1", input="\x1b]0;owned\x07\n")
    assert "\x1b" not in r.stdout and "\x07" not in r.stdout and "\\x1b]0;owned\\x07" in r.stdout


def test_the_svg_export_is_xml_with_markup_characters_in_the_file(cli, tmp_path):
    path = tmp_path / "xml.toml"
    path.write_text('title = "<b>&amp; \\"quoted\\" ]]>"\nvocab = ["<a>", "&b", "c\'"]\n'
                    'sentence = ["<a>", "&b"]\nhidden_size = 2\n[notes]\n1 = "<script>x</script>"\n')
    svg = tmp_path / "out.svg"
    run_cli(cli, 0, "forward", "-e", str(path), "--export", str(svg), dirs=[tmp_path])
    ET.fromstring(svg.read_text(encoding="utf-8"))


# ---- exports ------------------------------------------------------------------------------------------
SLOW_FSYNC = """
import os, sys, time
def slow(fd):
    print("writing", file=sys.stderr, flush=True)
    time.sleep({hang})
os.fsync = slow
from rnntrace.cli import main
main(["forward", "--export", sys.argv[1]])
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_during_an_export_leaves_no_temporary_file(tmp_path, signum):
    target = tmp_path / "out.svg"
    target.write_text("before")
    p = subprocess.Popen([sys.executable, "-c", SLOW_FSYNC.format(hang=HANG), str(target)],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert p.stderr.readline().strip() == "writing"  # the temporary file exists now
        assert leftovers(tmp_path)
        p.send_signal(signum)
        assert p.wait(timeout=HANG) == -signum  # ended by the signal, as without rnntrace's handler
    finally:
        p.kill()
    assert "Traceback" not in p.stderr.read()
    assert not leftovers(tmp_path) and target.read_text() == "before"


BLOCK_ONCE = """
import os, sys, time
real = os.{call}
def blocked(*args):
    if not blocked.done:
        blocked.done = True
        print("blocked", file=sys.stderr, flush=True)
        end = time.monotonic() + {hang}
        while not os.path.exists(sys.argv[2]) and time.monotonic() < end:  # until the signal is sent
            time.sleep(0.05)
    return real(*args)
blocked.done = False
os.{call} = blocked
from rnntrace.cli import main
main(["forward", "--export", sys.argv[1]])
"""


def folder_files(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in Path(folder).iterdir()}


def signal_a_folder_export(work, signum, call: str) -> tuple[Path, dict[str, bytes], str]:
    """A folder export in ``work`` onto an existing folder of an earlier export (and a file of the
    user's), blocked once in ``os.<call>`` until it has been sent ``signum``: the folder, what it
    held before, and the process's stderr. The process must end by the signal."""
    from rnntrace.cli import main

    work.mkdir()
    out, sent = work / "slides", work.parent / "sent"
    assert CliRunner().invoke(main, ["forward", "--sentence", "I love", "--export", f"{out}/"]).exit_code == 0
    (out / "notes.txt").write_text("mine")
    before = folder_files(out)
    p = subprocess.Popen([sys.executable, "-c", BLOCK_ONCE.format(call=call, hang=HANG), f"{out}/", str(sent)],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert p.stderr.readline().strip() == "blocked"
        assert leftovers(work)  # the temporary folder exists now
        p.send_signal(signum)
        sent.touch()
        assert p.wait(timeout=HANG) == -signum  # ended by the signal, as without rnntrace's handler
    finally:
        p.kill()
    return out, before, p.stderr.read()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_while_a_folder_export_is_written_leaves_the_folder_and_no_temporary(tmp_path, signum):
    out, before, err = signal_a_folder_export(tmp_path / "w", signum, "fsync")
    assert "Traceback" not in err
    assert not leftovers(tmp_path / "w") and os.listdir(tmp_path / "w") == ["slides"]
    assert folder_files(out) == before  # untouched


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_while_a_folder_export_is_moved_in_waits_until_it_is_whole(cli, tmp_path, signum):
    out, before, err = signal_a_folder_export(tmp_path / "w", signum, "replace")
    assert "Traceback" not in err
    assert not leftovers(tmp_path / "w") and os.listdir(tmp_path / "w") == ["slides"]
    assert cli("forward", "--export", f"{tmp_path}/whole/").exit_code == 0
    expected = {**folder_files(tmp_path / "whole"), "notes.txt": b"mine"}
    assert folder_files(out) == expected and expected != before  # every page moved in, the stale ones gone


def test_export_onto_a_fifo_is_refused_and_the_fifo_kept(tmp_path):
    fifo = tmp_path / "out.svg"
    os.mkfifo(fifo)
    run_process(["forward", "--export", str(fifo)], 2, "out.svg: is a FIFO (named pipe), not a regular file",
                "--export replaces only regular files", dirs=[tmp_path])
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_export_onto_a_device_is_refused(cli):
    run_cli(cli, 2, "forward", "--export", "/dev/null", fragments=["--export /dev/null: is a device"])


def test_export_keeps_the_permissions_of_the_file_it_replaces(cli, tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old")
    os.chmod(target, 0o600)
    run_cli(cli, 0, "forward", "--export", str(target), dirs=[tmp_path])
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600 and "x_t·W_xh" in target.read_text()


def test_a_new_export_gets_the_umask_permissions(cli, tmp_path):
    old = os.umask(0o027)
    try:
        run_cli(cli, 0, "forward", "--export", str(tmp_path / "new.txt"), dirs=[tmp_path])
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "new.txt").st_mode) == 0o640


def test_export_through_a_symlink_replaces_the_file_it_points_to(cli, tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("old")
    (tmp_path / "link.txt").symlink_to(real)
    run_cli(cli, 0, "forward", "--export", str(tmp_path / "link.txt"), dirs=[tmp_path])
    assert (tmp_path / "link.txt").is_symlink() and "x_t·W_xh" in real.read_text()


# ---- the process's own streams and signals ---------------------------------------------------------------
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["forward"], ["forward", "--format", "json"], ["quiz", "--count", "1"]])
def test_a_full_disk_under_stdout(args):
    with open("/dev/full", "w") as full:
        run_process(args, 2, "No space left on device (writing the output)", stdout=full)


INTERRUPT_WHILE_LOADING = """
import os, signal, sys
class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == "rnntrace.output":  # imported by rnntrace.cli, after rnntrace.startup
            os.kill(os.getpid(), signal.SIGINT)
        return None
sys.meta_path.insert(0, Interrupt())
from rnntrace.cli import main
main(["forward"])
"""


def test_ctrl_c_while_the_modules_load():
    p = subprocess.run([sys.executable, "-c", INTERRUPT_WHILE_LOADING], capture_output=True, text=True,
                       timeout=HANG)
    assert p.returncode == 1 and p.stdout == "" and p.stderr == "Aborted!\n", p.stderr


# ---- sizes that would exhaust memory or time ----------------------------------------------------------------
def long_lstm(tmp_path, T: int = 1000) -> str:
    path = tmp_path / "long.toml"
    path.write_text(f'cell = "lstm"\nvocab = ["a", "b", "c"]\nsentence = {toml_list(["a", "b", "c"] * (T // 3) + ["a"] * (T % 3))}\n'
                    'hidden_size = 256\n')
    return str(path)


def test_a_1000_token_lstm_at_h256_is_refused_whatever_sets_the_length(cli, tmp_path):
    path = long_lstm(tmp_path)
    need = ["1000 tokens with a 512×512 Jacobian per step need about 9.8 GB", "at most 50 tokens fit in 512.0 MB"]
    run_cli(cli, 2, "bptt", "-e", path, fragments=[f"long.toml: sentence: {need[0]}", need[1]])
    run_cli(cli, 2, "bptt", "-e", path, "--sentence", " ".join(["a"] * 1000), fragments=[f"--sentence: {need[0]}"])
    run_cli(cli, 2, "bptt", "-e", path, "--sentence", "a", "--steps", "1000", fragments=[f"--steps 1000: {need[0]}"])
    run_cli(cli, 2, "bptt", "-e", path, "--compare", fragments=[need[0]])
    from rnntrace import bptt

    bptt.check_memory("lstm", 50, 3, 256, "here")  # the limit itself is allowed
    with pytest.raises(InputError, match="here: 51 tokens"):
        bptt.check_memory("lstm", 51, 3, 256, "here")


def test_a_gradient_check_that_would_take_minutes_is_refused(cli, tmp_path):
    path = long_lstm(tmp_path, 20)  # the check samples 128 entries of a large parameter: 1.6e11
    run_cli(cli, 2, "bptt", "-e", path, "--gradcheck",
            fragments=["--gradcheck: checking the LSTM cell (V = 3, H = 256) over 20 tokens", "at most 1e+11"])
    mid = tmp_path / "mid.toml"  # 12 tokens, LSTM, V = 40, H = 128: about 2.6e10 multiply-adds
    mid.write_text(vocab40("lstm").replace("hidden_size = 3", "hidden_size = 128")
                   .replace(toml_list(WORDS40[:6]), toml_list(WORDS40[:12])))
    r = run_cli(cli, 0, "bptt", "-e", str(mid))  # by default it is off, and the trace says why
    assert "Gradient check off: for these sizes it takes about 2.6e+10 multiply-adds" in " ".join(r.stdout.split())
    r = run_cli(cli, 0, "bptt")  # the lecture's is cheap: it runs, and no note says otherwise
    assert "Gradient check off" not in r.stdout and "Gradient check" in r.stdout


@pytest.mark.parametrize("precision", [1, 4, 15])
def test_equations_fit_whole_at_every_width_from_the_minimum(precision):
    """x_t's one-hot row alone (no operator), and a product with a wide matrix: at every width from
    MIN_WIDTH to 200 every row fits, and every number is there (none cut at the edge)."""
    import numpy as np

    from rnntrace.render.matrix import NAME_STYLE, Equation, matrix_block

    def numbers(row) -> list[str]:  # the numbers of a row: not the names, not the operators
        out = []
        for text, style in row:
            if style != NAME_STYLE and text.strip() not in ("", "·", "="):
                out += text.strip().strip("[⎡⎢⎣]⎤⎥⎦").split()
        return out

    onehot = np.zeros(40)
    onehot[7] = 1.0
    wide = np.linspace(-1.234567, 9.87654, 3 * 40).reshape(3, 40)
    equations = [Equation([matrix_block("x_t", onehot, precision)], []),
                 Equation([matrix_block("h_t", wide[0, :3], precision), matrix_block("W_hy", wide, precision),
                           matrix_block("y_t", wide[0], precision)], ["·", "="])]
    for eq in equations:
        cells = sorted(c for b in eq.blocks for row in b.cells for c in row)
        for width in range(MIN_WIDTH, 201):
            rows = eq.rows(width)
            assert all(cell_len("".join(text for text, _ in row).rstrip()) <= width for row in rows), width
            assert sorted(c for row in rows for c in numbers(row)) == cells, width


# ---- found by the hostile-input sweep (branch fuzz) ------------------------------------------------
@pytest.mark.parametrize("lang, fragment", [("en", "the folder that would hold it does not exist"),
                                            ("es", "no existe la carpeta que la contendría")])
def test_an_export_into_a_missing_folder_is_refused_before_train_saves(cli, tmp_path, monkeypatch, lang, fragment):
    """train --save wrote its file, then the export into a folder that does not exist failed:
    exit 2, but a file left behind. The export's folder is checked with the other options now."""
    monkeypatch.chdir(tmp_path)
    r = run_cli(cli, 2, "train", "--epochs", "1", "--save", "t.toml", "--export", "nodir/out.svg", "--lang", lang,
                fragments=["--export nodir/out.svg", fragment], dirs=[tmp_path])
    assert r.stdout == "" and sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.parametrize("target", ["nodir/out.txt", "a/b/out.md", "nodir/out.html"])
def test_an_export_into_a_missing_folder_is_refused_before_any_work(cli, tmp_path, monkeypatch, target):
    monkeypatch.chdir(tmp_path)
    r = run_cli(cli, 2, "forward", "--export", target,
                fragments=[f"--export {target}: cannot write it (the folder that would hold it does not exist)"],
                dirs=[tmp_path])
    assert r.stdout == ""


HUGE_W_HH = ('cell = "rnn"\nvocab = ["a", "b"]\nsentence = ["a", "b", "a"]\nhidden_size = 2\n'
             "[weights]\nW_hh = [[1e200, -1e200], [1e200, 1e200]]\n")


@pytest.mark.parametrize("args", [["bptt", "--scale", "1e200"], ["bptt", "--scale", "1e200", "--layers", "2"],
                                  ["bptt", "--scale", "1e200", "--lang", "es"]])
def test_overflow_is_shown_in_the_trace_not_as_numpy_warnings(tmp_path, args):
    """--scale 1e200 on weights of 1e200 overflows float64 as it scales them: numpy printed
    "RuntimeWarning: overflow encountered in multiply" and the source line on stderr, above a
    trace that already shows the inf and says why. Now stderr stays empty."""
    (tmp_path / "huge.toml").write_text(HUGE_W_HH)
    p = run_process([args[0], "-e", str(tmp_path / "huge.toml"), *args[1:]], 0)
    assert p.stderr == ""
    said = " ".join(p.stdout.split())  # the warning under the trace, unwrapped
    assert "holds inf or nan" in said or "contiene inf o nan" in said


def test_the_norm_of_a_finite_gradient_beyond_1e154_is_not_inf(cli):
    """--scale 3 --activation relu explodes: after 560 steps the gradients hold entries near
    1e166, finite, but squaring them overflowed, and ‖∂L/∂θ‖ was shown as inf (with no warning,
    since no gradient is inf). Each norm now matches math.hypot over the gradient's entries."""
    import json
    import math

    args = ("bptt", "--scale", "3", "--activation", "relu", "--steps", "560", "--no-gradcheck")
    doc = json.loads(run_cli(cli, 0, *args, "--format", "json").stdout)
    norms = doc["analysis"]["grad_norms"]
    for name, g in doc["grads"].items():
        entries = [x for row in g for x in row] if isinstance(g[0], list) else g
        assert norms[name] == pytest.approx(math.hypot(*entries), rel=1e-12), name
    assert max(norms.values()) > 1e160
    largest = [line for line in run_cli(cli, 0, *args).stdout.splitlines() if line.startswith("largest ‖∂L/∂θ‖")]
    assert len(largest) == 1 and "inf" not in largest[0]


def test_clipping_a_gradient_whose_squares_overflow(cli, tmp_path):
    """W_hy of 1e160 makes ∂L/∂θ about 1e160: its norm overflowed to inf, so train stopped
    ("diverged: the gradient norm is inf") though --clip 1 is there to scale it down."""
    import json
    import math

    (tmp_path / "g.toml").write_text('cell = "rnn"\nvocab = ["a", "b"]\nsentence = ["a", "b", "a"]\n'
                                     "hidden_size = 2\n[weights]\nW_hy = [[1e160, -1e160], [-1e160, 1e160]]\n")
    doc = json.loads(run_cli(cli, 0, "train", "-e", str(tmp_path / "g.toml"), "--epochs", "3", "--clip", "1",
                             "--format", "json").stdout)
    assert all(math.isfinite(n) and n > 1e159 for n in doc["grad_norms"]) and doc["clipped_epochs"] == [1, 2, 3]


def test_a_forget_bias_of_1e308_is_reported_as_it_is(cli):
    """The analysis's forget bias was the mean of H equal values, which overflowed: JSON null."""
    import json

    doc = json.loads(run_cli(cli, 0, "bptt", "--cell", "lstm", "--forget-bias", "1e308", "--format", "json").stdout)
    assert doc["analysis"]["forget_bias"] == 1e308


def test_norm_past_overflow_against_hypot():
    """mathx.norm, what every gradient-norm figure goes through (bptt, networks, train, attention's
    backward): the caller's own value where it is finite, else the norm computed scaled."""
    import math

    import numpy as np

    from rnntrace.mathx import norm

    a, b = np.array([[3e200, -4e200], [1e-300, 0.0]]), np.array([12e199])
    with np.errstate(over="ignore"):
        plain = float(np.sqrt(np.sum(a * a) + np.sum(b * b)))
    assert plain == math.inf and norm(plain, a, b) == pytest.approx(math.hypot(3e200, 4e200, 12e199), rel=1e-15)
    assert norm(5.0, np.array([3.0, 4.0])) == 5.0  # finite: the caller's value, untouched
    assert norm(math.inf, np.array([math.inf, 1.0])) == math.inf  # an inf entry: the norm is inf
    assert math.isnan(norm(math.nan, np.array([math.nan])))
    assert norm(math.inf, np.array([1.5e308, 1.5e308])) == math.inf  # √2·1.5e308 leaves float64 too


RELU_1E308 = ('cell = "rnn"\nvocab = ["a", "b"]\nsentence = ["a"]\nhidden_size = 2\n'
              "[weights]\nW_xh = [[1.0, 1.0], [1.0, 1.0]]\nW_hh = [[1.7e308, 1.7e308], [1.7e308, 1.7e308]]\n")


TANH_1E308 = ('cell = "rnn"\nvocab = ["a", "b"]\nsentence = ["a"]\nhidden_size = 3\n[weights]\n'
              "W_hy = [[-1e308, 1e308], [1e308, 1e308], [1e308, 1e308]]\nb_y = [1e308, -1e308]\n"
              "b_h = [1e308, -1e308, 1e308]\nW_xh = [[-1e308, 1e308, -1e308], [1e308, 1e308, -1e308]]\n"
              "W_hh = [[1e308, -1e308, 1e308], [-1e308, -1e308, 1e308], [-1e308, -1e308, 1e308]]\n")


@pytest.mark.parametrize("doc, args", [(RELU_1E308, ["bptt", "--activation", "relu"]),
                                       (RELU_1E308, ["bptt", "--activation", "relu", "--format", "json"]),
                                       (TANH_1E308, ["check", "--template", "--command", "bptt", "--lang", "es"]),
                                       (TANH_1E308, ["worksheet", "--command", "bptt", "-b", "h"])])
def test_a_jacobian_norm_beyond_float64_is_inf_not_a_crash(cli, tmp_path, doc, args):
    """‖J^(1)‖ of a relu step with W_hh of 1.7e308 is 3.4e308: exact as a log10 (308.5), but the
    factor per step read back from it, 10.0 ** 308.5, raised OverflowError (exit 1, a bug report).
    check --template and worksheet trace bptt too (the sweep found them through a tanh file)."""
    (tmp_path / "r.toml").write_text(doc)
    r = run_cli(cli, 0, args[0], "-e", str(tmp_path / "r.toml"), *args[1:])
    if "json" in args:
        import json

        assert json.loads(r.stdout)["analysis"]["per_step_factor"] is None  # inf: JSON has no number for it


def test_pow10_and_the_factor_per_step_past_float64():
    import math

    import numpy as np

    from rnntrace.analysis import per_step
    from rnntrace.mathx import pow10

    assert pow10(308.5) == math.inf and pow10(2.0) == 100.0 and pow10(-400.0) == 0.0
    assert per_step(np.array([308.5])) == math.inf  # one step: the norm itself
    assert per_step(np.array([620.0, 0.0])) == math.inf  # 10^620 over one step of distance
    assert per_step(np.array([4.0, 0.0])) == pytest.approx(1e4)


@pytest.mark.parametrize("args, hint", [(["forward", "--export", "out.svg"], "--format json, latex or markdown"),
                                        (["positional"], "--format json, latex or markdown"),
                                        (["quiz", "-n", "1"], "--format gift"),
                                        (["check", "filled.toml"], "--format json")])
@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_standard_output_that_cannot_encode_a_trace_is_refused_first(tmp_path, monkeypatch, args, hint, encoding):
    """PYTHONIOENCODING=ascii (or a Latin-1 locale): printing the first ⎡ raised UnicodeEncodeError,
    an internal error (exit 1), after --export had already written its file."""
    monkeypatch.chdir(tmp_path)
    if args[0] == "check":  # a file to check, with one value filled in
        (tmp_path / "filled.toml").write_text(run_process(["check", "--template"], 0).stdout.replace('"?"', "0.5", 1))
    p = run_process(args, 2, "standard output is encoded as", hint, env={"PYTHONIOENCODING": encoding},
                    dirs=[tmp_path], stdin=subprocess.DEVNULL)
    assert p.stdout == "" and [f.name for f in tmp_path.iterdir()] in ([], ["filled.toml"])


def test_standard_output_that_cannot_encode_a_trace_in_spanish_and_the_formats_that_still_work():
    run_process(["bptt", "--lang", "es"], 2, "la salida estándar usa la codificación ascii",
                env={"PYTHONIOENCODING": "ascii"})
    for args in (["forward", "--format", "json"], ["forward", "--format", "markdown"], ["quiz", "--format", "gift"]):
        run_process(args, 0, env={"PYTHONIOENCODING": "ascii"})


def test_train_json_with_a_nan_probability_writes_null_and_says_so(cli, tmp_path):
    """A GRU whose W_xh and W_hy are 1e308 overflows at the last step (no target there, so
    training goes on): its p_prediction is nan before and after training, and the JSON
    writer refused the document (ValueError: out of range float, exit 1)."""
    import json

    (tmp_path / "g.toml").write_text(
        'cell = "gru"\nvocab = ["w00"]\nsentence = ["w00", "w00", "w00"]\nhidden_size = 2\n[weights]\n'
        "b_y = [-1e154]\nW_hh = [[0.713, -0.828], [0.166, 0.488]]\nW_xz = [[0.503, 0.551]]\n"
        "W_hy = [[1e308], [1e308]]\nW_xh = [[1e308, 1e308]]\nb_h = [1e-300, 1e-300]\nb_z = [-0.921, -0.525]\n"
        "W_hr = [[-0.899, -0.482], [0.418, 0.25]]\nW_xr = [[-1e154, -1e154]]\n"
        "W_hz = [[1e-300, -1e-300], [-1e-300, -1e-300]]\nb_r = [38.791, 37.383]\n")
    doc = json.loads(run_cli(cli, 0, "train", "-e", str(tmp_path / "g.toml"), "--epochs", "5", "--lr", "1e5",
                             "--format", "json").stdout)
    assert doc["before"][2]["p_prediction"] is None and doc["after"][2]["p_prediction"] is None
    assert "before[2].p_prediction is nan: written as null" in doc["warnings"]
    assert doc["before"][0]["p_prediction"] is not None  # the finite ones stay numbers
