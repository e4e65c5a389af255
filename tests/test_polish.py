"""Small user-facing fixes: ``generate --temperature 0`` is the argmax (and a subnormal temperature
draws without overflowing); the worksheet's opening sentence starts with a capital; the lecture
example's English title is English; ``--help`` fits narrow terminals (examples, long options,
long defaults); symbols named in the catalogue's prose are marked as formulas."""
import json
import re

import pytest

from rnntrace import examples, generate
from rnntrace.mathx import softmax


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("fmt", ["rich", "json"])
@pytest.mark.parametrize("extra", [[], ["--embedding", "2"]])
def test_temperature_zero_is_the_argmax_exactly(cli, lang, fmt, extra):
    """``--temperature 0`` prints byte for byte what leaving the option out prints (the argmax note,
    ``temperature`` null in the JSON), for a plain cell and for a network."""
    args = ["generate", "-e", "perro_gru", "--start", "el", "-n", "6", "--lang", lang, "--format", fmt, *extra]
    greedy = cli(*args)
    zero = cli(*args, "--temperature", "0")
    assert greedy.exit_code == 0 and zero.exit_code == 0, zero.stderr
    assert zero.output == greedy.output
    if fmt == "json":
        assert json.loads(zero.output)["temperature"] is None
    else:
        assert ("Each step picks argmax p_t." if lang == "en" else "Cada paso elige argmax p_t.") in zero.output
        assert "softmax(y_t/" not in zero.output


def test_temperature_zero_through_the_api_is_the_argmax():
    ex = examples.load("perro_lstm")
    zero, greedy = generate.run(ex, "el", 8, temperature=0.0), generate.run(ex, "el", 8)
    assert zero.temperature is None and zero.picked == greedy.picked == greedy.argmax
    assert zero.p_picked == greedy.p_picked


def test_a_tiny_positive_temperature_still_samples(cli):
    """T = 1e-9 is not 0: it draws from softmax(y_t/T) with the seed and says so (the draw is all
    but certain to be the argmax, but the path and the note are the sampler's)."""
    out = cli("generate", "--start", "I", "-n", "3", "--temperature", "1e-9", "--seed", "5").output
    assert "Each step draws from softmax(y_t/1e-09) with seed 5" in out and "picks argmax" not in out
    d = json.loads(cli("generate", "--start", "I", "-n", "3", "--temperature", "1e-9", "--format", "json").output)
    assert d["temperature"] == 1e-9
    ex = examples.load("lecture")
    g = generate.run(ex, "I", 3, temperature=1e-9, seed=5)
    assert g.temperature == 1e-9
    for s, p in zip(g.trace.steps, g.p_picked):
        assert p == pytest.approx(float(softmax(s.values["y"] / 1e-9).max()))


@pytest.mark.parametrize("lang,message", [
    ("en", "--temperature -0.5: the temperature must be a finite number, 0 (the argmax) or greater"),
    ("es", "--temperature -0.5: la temperatura debe ser un número finito, 0 (el argmax) o mayor"),
])
def test_a_negative_temperature_is_refused(cli, lang, message):
    r = cli("generate", "--start", "I", "--temperature", "-0.5", "--lang", lang)
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr.splitlines() == [f"rnntrace generate: error: {message}"]
    with pytest.raises(Exception, match="temperature"):
        generate.run(examples.load("lecture"), "I", 2, temperature=-1e-9)


@pytest.mark.parametrize("T", ["1e-320", "5e-324"])
def test_a_subnormal_temperature_draws_the_argmax_instead_of_crashing(cli, T):
    """y/T overflows to inf for T this small (and inf − inf is nan); the draw shifts by max y
    first, so every other word gets probability 0 and the draw is the argmax, with p = 1."""
    r = cli("generate", "--start", "I", "-n", "4", "--temperature", T, "--format", "json")
    assert r.exit_code == 0, r.stderr
    d = json.loads(r.output)
    assert d["generated"] == d["argmax"] and d["p_picked"] == [1.0] * 4


@pytest.mark.parametrize("fmt,before", [("markdown", "\n\n"), ("latex", "}\n"), ("html", "<p>")])
@pytest.mark.parametrize("lang,cell,opening", [
    ("en", "rnn", "Elman RNN cell, "), ("en", "lstm", "LSTM cell, "),
    ("es", "rnn", "Célula RNN de Elman, "), ("es", "gru", "Célula GRU (variante lecture), "),
    ("es", "lstm", "Célula LSTM, "),
])
def test_the_worksheet_opens_with_a_capital(cli, fmt, before, lang, cell, opening):
    """In every format and both languages; LaTeX still sets the sentence's formulas as math
    (capitalised as a plain string, the sentence lost them: ``H = 3`` set as prose)."""
    r = cli("worksheet", "--cell", cell, "--format", fmt, "--lang", lang)
    assert r.exit_code == 0, r.stderr
    assert before + opening + ("$H=3$" if fmt == "latex" else "H = 3") in r.output
    assert "célula" not in r.output.lower().replace(opening.lower(), "", 1)  # named once, at the start


def test_the_cell_name_keeps_its_lower_case_inside_a_line(cli, tmp_path):
    """The capital is the sentence's, not the name's: check's title names the cell mid-line."""
    path = tmp_path / "mine.toml"
    path.write_text(cli("check", "--template", "--cell", "gru").output, encoding="utf-8")
    r = cli("--lang", "es", "check", str(path))
    title = " ".join(r.output.split("\n\n")[0].split())  # the title, however it wraps
    assert title.endswith(" · célula GRU (variante lecture)"), title


@pytest.mark.parametrize("lang,title", [
    ("en", "Forward computations: the lecture's worked example"),
    ("es", "Cálculos Forward: el ejemplo de la clase"),  # the slide's own words
])
def test_the_lecture_example_is_titled_in_each_language(cli, lang, title):
    """English in English (it quoted the Spanish slide's «Cálculos Forward»); Spanish keeps the slide's words."""
    from rnntrace.i18n import set_lang

    set_lang(lang)
    assert examples.load("lecture").title == title
    md = cli("forward", "--format", "markdown", "--lang", lang).output
    assert md.startswith(f"# {title}\n")
    assert ("Cálculos" in md) == (lang == "es")


def _help(args, columns: int, lang: str) -> str:
    """``rnntrace … --help`` as a terminal of ``columns`` shows it (a real process: the width is
    the terminal's, read from COLUMNS, not click's test runner's)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "COLUMNS": str(columns), "RNNTRACE_LANG": lang}
    r = subprocess.run([sys.executable, "-m", "rnntrace", *args, "--help"], env=env, capture_output=True,
                       text=True, encoding="utf-8")
    assert r.returncode == 0 and r.stderr == "", r.stderr
    return r.stdout


def _examples(text: str) -> list[str]:
    """The example commands in the help's examples block, a command continued with `` \\`` joined
    back into one line, descriptions left out."""
    block = text.split("Examples:\n\n" if "Examples:" in text else "Ejemplos:\n\n")[1].splitlines()
    commands: list[str] = []
    going_on = False
    for line in block:
        if going_on:
            commands[-1] += " " + line.strip().removesuffix(" \\")
        elif re.match(r"    \S", line):  # a command starts 4 in; its continued lines 6, a description 8
            commands.append(re.split(" {2,}", line.strip())[0].removesuffix(" \\"))
        going_on = line.endswith(" \\")
    return commands


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("columns", [40, 60, 80])
def test_the_main_help_fits_the_terminal(columns, lang):
    """No line of ``rnntrace --help`` is wider than the terminal. At 80 columns the examples keep
    their two columns as the catalogue writes them; narrower, each description goes under its
    command, and the commands are the same."""
    from rnntrace.i18n import set_lang, t

    text = _help([], columns, lang)
    assert max(len(line) for line in text.splitlines()) <= columns
    set_lang(lang)
    written = [line for line in t("help.main.examples").splitlines() if line.startswith("  rnntrace")]
    assert _examples(text) == [re.split(" {2,}", line.strip())[0] for line in written]
    side_by_side = [line for line in text.splitlines() if re.match(r"    rnntrace.*\S {2,}\S", line)]
    assert len(side_by_side) == (len(written) if columns == 80 else 0)
    if columns < 80:
        assert "\n        " + (" ".join(written[0].split()[2:5])) in text  # the description, under its command


COMMANDS = ["attention", "bptt", "check", "examples", "forward", "generate", "positional", "quiz", "train",
            "worksheet"]


def _shown(capsys, monkeypatch, args, columns: int) -> str:
    """``rnntrace … --help`` at COLUMNS=columns, in this process (click's test runner would pin 80)."""
    from rnntrace.cli import main

    monkeypatch.setenv("COLUMNS", str(columns))
    main.main([*args, "--help"], prog_name="rnntrace", standalone_mode=False)
    return capsys.readouterr().out


@pytest.mark.parametrize("command", [c for c in COMMANDS if c != "examples"])
@pytest.mark.parametrize("columns", [40, 60])
def test_every_examples_block_fits_and_pastes_whole(capsys, monkeypatch, command, columns):
    """Each command's examples at 40 and 60 columns: no line of the block wider than the terminal,
    and each command, its continued lines joined, is the command the catalogue writes at 200."""
    narrow, wide = _shown(capsys, monkeypatch, [command], columns), _shown(capsys, monkeypatch, [command], 200)
    block = narrow.split("Examples:\n\n")[1].splitlines()
    assert max(len(line) for line in block) <= columns
    assert _examples(narrow) == _examples(wide)


@pytest.mark.parametrize("command", [[]] + [[c] for c in COMMANDS])
@pytest.mark.parametrize("columns", [40, 60, 80])
def test_no_line_of_any_help_is_wider_than_the_terminal(capsys, monkeypatch, command, columns):
    """Every command's --help, options included: an option with a long list of choices
    (``--format [rich|json|latex|beamer|markdown]``, 44 columns with its indent) no longer runs
    past a 40-column terminal."""
    text = _shown(capsys, monkeypatch, command, columns)
    assert max(len(line) for line in text.splitlines()) <= columns


def test_a_long_option_breaks_after_its_name_then_between_choices(capsys, monkeypatch):
    at40 = _shown(capsys, monkeypatch, ["forward"], 40)
    assert "\n  --format\n    [rich|json|latex|beamer|markdown]\n" in at40
    at32 = _shown(capsys, monkeypatch, ["forward"], 32)  # 30 columns of help: the choices break too
    assert "\n  --format [rich|json|latex|\n    beamer|markdown]\n" in at32
    at80 = _shown(capsys, monkeypatch, ["forward"], 80)  # room enough: one line
    assert "\n  --format [rich|json|latex|beamer|markdown]\n" in at80


@pytest.mark.parametrize("columns", [32, 40, 60])
def test_a_default_too_long_for_a_line_wraps_at_its_spaces(capsys, monkeypatch, columns):
    """``[default: (the example's gru_variant, else lecture)]`` under a narrow option was kept on
    one line with no-break spaces, so the wrapper cut it inside its words ("[d" / "efault: …
    gru_varia" / "nt, …"); now it wraps between words. A short one (``[default: h,p,loss]``) stays whole."""
    text = _shown(capsys, monkeypatch, ["forward"], columns)
    assert "[default: (the example's gru_variant, else lecture)]" in " ".join(text.split())
    sheet = _shown(capsys, monkeypatch, ["worksheet"], columns)
    assert any(line.strip().endswith("[default: h,p,loss]") for line in sheet.splitlines())


# ---- symbols named in prose are marked as formulas ----------------------------------------------
# A one-letter matrix or quantity of the lecture (Q, K, V, X, E, P, the loss L, W, H, T, C) standing
# alone in a sentence; not one glued to a word or a field name (weights.E, [layer.N]). Left out on
# purpose: A (the English article), Y (the Spanish «y» opening a sentence), I (a word), N (a
# count's placeholder in --help).
LONE_SYMBOL = re.compile(r"(?<![\w.'’\[\-])[QKVXEPLWHTC](?![\w'’\-\]])")
# the minus sign U+2212 and infinity are math (prose writes a hyphen); so is ± before a number
MATH_SIGN = re.compile(r"[−∞]|±\d")


def test_symbols_in_prose_are_marked():
    """Every Q, K, V, X … and every −∞, (−1, 1) or ±1 of the catalogue stands inside ⟦…⟧, in both
    languages (the LaTeX and Markdown writers set only marked spans as math), but a one-letter
    option value (--clip C) is what the user types, not a formula."""
    from test_formula_markup import messages, prose_of

    unmarked = []
    for key, lang, text in messages():
        prose = prose_of(text)
        for m in list(LONE_SYMBOL.finditer(prose)) + list(MATH_SIGN.finditer(prose)):
            if re.search(r"--[\w-]+ $", prose[:m.start()]):
                continue
            unmarked.append((key, lang, prose[max(0, m.start() - 20):m.end() + 20]))
    assert unmarked == []
    for key, symbol in (("attention.eq.Y", "⟦Y⟧"), ("attention.help.opt.backward", "⟦A⟧")):
        from rnntrace.i18n import source

        assert all(symbol in text for text in source()[key]), key


def test_the_pattern_finds_a_lone_symbol_and_leaves_words_alone():
    from test_formula_markup import prose_of

    for unmarked in ("X feeds Q, K and V", "(masked: −∞)", "in [−1, 1]", "so L has no term", "at ±1."):
        assert LONE_SYMBOL.search(prose_of(unmarked)) or MATH_SIGN.search(prose_of(unmarked)), unmarked
    for fine in ("⟦X⟧ feeds ⟦Q⟧", "(masked: ⟦−∞⟧)", "weights.E is", "I love", "A word's row", "--clip C rescales",
                 "[layer.N] tables", "ID-key.md", "±inf", "±{res}", "well-formed"):
        prose = prose_of(fine)
        hits = [m for m in list(LONE_SYMBOL.finditer(prose)) + list(MATH_SIGN.finditer(prose))
                if not re.search(r"--[\w-]+ $", prose[:m.start()])]
        assert hits == [], fine


@pytest.mark.parametrize("lang,tex_lines", [
    ("en", [r"Query, key and value: $Q$, $K$, $V$", r"(masked: $-\infty$)", r"a masked score becomes $-\infty$, so",
            r"Each row of $X$ (one token)", r"stays in $[-1,1]$, so"]),
    ("es", [r"Consulta, clave y valor: $Q$, $K$, $V$", r"(enmascarado: $-\infty$)", r"enmascarada pasa a $-\infty$ y",
            r"Cada fila de $X$ (un token)", r"se mantiene en $[-1,1]$, así"]),
])
def test_the_latex_export_sets_them_as_math_and_the_terminal_reads_as_before(cli, lang, tex_lines):
    """In LaTeX each symbol is one formula (the −∞ of a sentence was \\ensuremath{-}\\ensuremath{\\infty},
    "Q, K, V" prose); the terminal prints the same sentence with the marks gone."""
    from latex_check import problems

    tex = cli("attention", "--mask", "causal", "--explain", "--format", "latex", "--lang", lang).output
    assert [x for x in tex_lines if x not in tex] == [] and problems(tex) == []
    terminal = " ".join(cli("attention", "--mask", "causal", "--explain", "--lang", lang).output.split())
    for x in tex_lines:
        assert x.replace("$", "").replace("\\infty", "∞").replace("-", "−").replace("[−1,1]", "[−1, 1]") in terminal
