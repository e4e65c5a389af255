"""Both languages complete: every message in English and Spanish with the same placeholders, every
key the code asks for defined, click's own texts translated, Spanish ``--help`` end to end, and no
user-visible prose written as a string literal outside ``rnntrace/messages/``."""
from __future__ import annotations

import ast
import importlib
import os
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

from rnntrace.i18n import AREAS, LANGS, catalogue

PACKAGE = Path(__file__).resolve().parent.parent / "rnntrace"


def fields(text: str) -> list[tuple[str, str | None]]:
    """The placeholders of a message: ``{name!r}`` fields and ``%(name)s`` (click's version text)."""
    out = [(name, conv) for _, name, _, conv in string.Formatter().parse(text) if name is not None]
    out += [(name, "%") for name in re.findall(r"%\((\w+)\)s", text)]
    return sorted(out)


def test_every_message_has_both_languages_with_the_same_placeholders():
    problems = []
    for key, pair in catalogue().items():
        if not (isinstance(pair, tuple) and len(pair) == len(LANGS)):
            problems.append(f"{key}: not an (english, spanish) pair")
            continue
        en, es = pair
        if not (isinstance(en, str) and en.strip() and isinstance(es, str) and es.strip()):
            problems.append(f"{key}: a language is missing or empty")
            continue
        if fields(en) != fields(es):
            problems.append(f"{key}: placeholders differ: en {fields(en)} vs es {fields(es)}")
    assert problems == []


def test_every_message_formats_to_text_without_doubled_braces():
    """t() always formats, so ``{{``/``}}`` are literal braces in every message: filled with its
    own placeholders, each message formats in both languages and shows no doubled brace."""
    from rnntrace.i18n import set_lang, t

    problems = []
    try:
        for lang in LANGS:
            set_lang(lang)
            for key, (en, _es) in catalogue().items():
                if key.startswith("click."):  # click's msgids: click fills them in itself
                    continue
                names = {name for name, conv in fields(en) if conv != "%"}
                problems += [f"{key}: {{{name}}} is notation, write {{{{{name}}}}}"
                             for name in names if not name.isidentifier()]
                try:
                    text = t(key, **{name: "X" for name in names})
                except (KeyError, IndexError, ValueError) as e:
                    problems.append(f"{lang} {key}: {e!r}")
                    continue
                if "{{" in text or "}}" in text:
                    problems.append(f"{lang} {key}: {text[:60]!r}")
    finally:
        set_lang("en")
    assert problems == []


def test_keys_live_in_their_area():
    for area in AREAS:
        try:
            module = importlib.import_module(f"rnntrace.messages.{area}")
        except ModuleNotFoundError:
            continue
        for key in module.MESSAGES:
            assert key.split(".")[0] in (area, "positional") or area == "attention", key


def test_a_missing_translation_is_caught(monkeypatch):
    """The check above really fails on a one-language or mismatched message."""
    broken = {"teach.x": ("only english", ""), "teach.y": ("{a} and {b}", "{a} y {c}"), "teach.z": ("{v!r}", "{v}")}
    cat = dict(catalogue(), **broken)
    bad = [k for k, (en, es) in cat.items() if not es.strip() or fields(en) != fields(es)]
    assert sorted(bad) == ["teach.x", "teach.y", "teach.z"]


# ---- every key the code uses exists --------------------------------------------------------
def python_files():
    return sorted(p for p in PACKAGE.rglob("*.py") if "messages" not in p.parts)


def literal_keys():
    """(file, key) for each literal first argument of t(...) / topic(...), and the fixed prefix
    of each f-string key."""
    for path in python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and node.args and (
                    (isinstance(node.func, ast.Name) and node.func.id == "t")
                    or (isinstance(node.func, ast.Attribute) and node.func.attr == "t")):
                arg = node.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    yield path.name, arg.value, False
                elif isinstance(arg, ast.JoinedStr) and isinstance(arg.values[0], ast.Constant):
                    yield path.name, arg.values[0].value, True


def test_every_key_the_code_asks_for_exists():
    cat = catalogue()
    missing = []
    for name, key, prefix in literal_keys():
        ok = any(k.startswith(key) for k in cat) if prefix else key in cat
        if not ok:
            missing.append(f"{name}: {key}{'…' if prefix else ''}")
    assert missing == []


def test_every_explanation_kind_has_a_text():
    import inspect

    from rnntrace import explain

    source = inspect.getsource(explain)
    kinds = set(re.findall(r'return "([a-z_]+)"', source)) | set(explain.GATES.values()) | set(explain.HADAMARDS.values())
    kinds |= set(re.findall(r'"(tanh_state|relu_state|sigmoid_state)"', source))
    assert {k for k in kinds if f"teach.explain.{k}" not in catalogue()} == set()


# ---- click's own texts -------------------------------------------------------------------------
def test_click_texts_are_clicks_msgids():
    """Each ``click.*`` English text is a message click really writes (so a click upgrade that
    changes one is noticed)."""
    import click

    src = "".join((Path(click.__file__).parent / f"{m}.py").read_text(encoding="utf-8")
                  for m in ("core", "decorators", "exceptions", "formatting", "parser", "types"))
    flat = re.sub(r'"\s*\n\s*"', "", src)  # join implicitly concatenated literals
    stale = [key for key, (en, _) in catalogue().items() if key.startswith("click.") and f'"{en}"' not in flat]
    assert stale == []


def test_click_errors_in_spanish(cli):
    r = cli("--lang", "es", "forward", "--cell", "x")
    assert r.exit_code == 2
    assert "Uso: " in r.stderr and "Prueba " in r.stderr and "para ver la ayuda." in r.stderr
    assert "Error: Valor no válido para '--cell' / '-c': 'x' no es ninguno de 'rnn', 'gru', 'lstm'." in r.stderr
    r = cli("forward", "--lang", "es", "--nope")
    assert "No existe la opción '--nope'." in r.stderr
    r = cli("forward", "--lang", "es", "--seed", "abc")
    assert "'abc' no es un valor válido (integer)." in r.stderr
    r = cli("forward", "--lang", "es", "--export")
    assert "La opción '--export' necesita un argumento." in r.stderr


def test_click_errors_stay_english_in_english(cli):
    r = cli("forward", "--cell", "x")
    assert "Error: Invalid value for '--cell' / '-c': 'x' is not one of 'rnn', 'gru', 'lstm'." in r.stderr
    assert "Usage: " in r.stderr and re.search(r"Try '.* forward --help' for help\.", r.stderr)


def run(*args, lang="es"):
    env = {k: v for k, v in os.environ.items() if k not in ("RNNTRACE_LANG", "NO_COLOR", "FORCE_COLOR")}
    env.update({"RNNTRACE_LANG": lang, "COLUMNS": "100"})
    return subprocess.run([sys.executable, "-m", "rnntrace", *args], capture_output=True, text=True, env=env,
                          timeout=60)


def spanish(key):
    return catalogue()[key][1]


def test_spanish_help_in_a_subprocess():
    from rnntrace.cli import main

    r = run("--help")
    assert r.returncode == 0
    out = " ".join(r.stdout.split())
    assert out.startswith("Uso: ") and "rnntrace [OPTIONS] COMMAND [ARGS]..." in out
    assert "Opciones:" in out and "Comandos:" in out
    assert "Muestra este mensaje y termina." in out and "Muestra la versión y termina." in out
    assert " ".join(spanish("help.main").split()) in out
    for name in main.commands:
        r = run(name, "--help")
        assert r.returncode == 0, (name, r.stderr)
        text = " ".join(r.stdout.split())
        assert text.startswith("Uso: ") and f"rnntrace {name} [OPTIONS]" in text and "Opciones:" in text, name
        assert "Show this message" not in text and "Options:" not in text, name


def test_spanish_forward_help_translates_every_option():
    from rnntrace.cli import main

    text = " ".join(run("forward", "--help").stdout.split())
    cmd = main.commands["forward"]
    english_helps = [" ".join(p.help.split()) for p in cmd.params if getattr(p, "help", None)]
    for h in english_helps:  # built at import in English here, in Spanish in the subprocess
        assert h not in text or h == " ".join(spanish_of(h).split()), h
    for key in ("help.opt.step", "help.opt.explain", "help.opt.export", "help.opt.format"):
        assert " ".join(spanish(key).split())[:60] in text, key
    assert "[por defecto: lecture]" in text


def spanish_of(english: str) -> str:
    for en, es in catalogue().values():
        if " ".join(en.split()) == english:
            return es
    return ""


def test_lang_option_wins_over_the_environment():
    r = run("forward", "--lang", "en", "--help", lang="es")
    assert "Usage:" in r.stdout and "Uso:" not in r.stdout
    r = run("--lang", "es", "forward", "--sentence", "I love", lang="en")
    assert "Parámetros" in r.stdout and "Resumen" in r.stdout


def test_version_in_spanish():
    from rnntrace import __version__

    assert run("--version").stdout.strip() == f"rnntrace, versión {__version__}"


@pytest.mark.parametrize("args", [["forward"], ["forward", "--cell", "gru", "--explain"],
                                  ["forward", "--cell", "lstm", "--explain"]])
def test_spanish_output_has_no_english_headings(cli, args):
    out = cli(*args, "--lang", "es").output
    for english in ("Parameters", "prediction:", "target “", "Summary", "The cell, as traced", "Drawn from",
                    "Vectors add", "is one-hot", "the update gate", "forget gate"):
        assert english not in out, english


# ---- no prose outside the catalogue --------------------------------------------------------------
# Strings that look like two words but are not prose for a reader: rich styles, expressions,
# file formats, identifiers. Anything else with two words in a row must come from the catalogue.
NOT_PROSE = re.compile(
    r"^((bold|italic|dim|underline|reverse|not|on|red|green|yellow|blue|cyan|magenta|white|black|"
    r"bright_\w+|grey\d*|default|none|#[0-9a-fA-F]{6})( |$))+$")
ALLOW = {
    "rnntrace",  # the program's name
    "central differences, Richardson extrapolation (Ridders)",  # a JSON value naming the method (bptt's gradcheck.stencil)
    "'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace",  # the SVG slides' font names
    # numpy's warning messages, matched to be ignored (rnntrace.cli.FLOAT_WARNINGS): never shown
    "(overflow|underflow|invalid value|divide by zero) encountered|All-NaN (slice|axis) encountered",
}
MARKUP = re.compile(r"<[!?/]?[A-Za-z][^<>]*>")  # an HTML or SVG tag: its attributes are not prose


def prose_words(s: str) -> bool:
    """Two words of letters in a row: ``hidden size``, ``no such file``."""
    return bool(re.search(r"(?<![\w\\{])[A-Za-zÀ-ÿ]{2,} [A-Za-zÀ-ÿ]{2,}(?![\w(])", s))


def is_docstring(node, parents) -> bool:
    parent = parents.get(node)
    if not isinstance(parent, ast.Expr):
        return False
    holder = parents.get(parent)
    return isinstance(holder, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) \
        and holder.body and holder.body[0] is parent


DEVELOPER_ERRORS = {"ValueError", "TypeError", "RuntimeError", "KeyError", "AssertionError",
                    "NotImplementedError", "SystemExit"}


def in_developer_error(node, parents) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and \
                isinstance(node.exc.func, ast.Name) and node.exc.func.id in DEVELOPER_ERRORS:
            return True
    return False


def prose_literals(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            s = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and not isinstance(parents.get(node), ast.JoinedStr):
            s = node.value
        else:
            continue
        if is_docstring(node, parents) or in_developer_error(node, parents):
            continue
        if s in ALLOW or NOT_PROSE.match(s.strip()) or not prose_words(MARKUP.sub(" ", s)):
            continue
        found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {s!r}")
    return found


def test_no_user_visible_prose_outside_the_catalogue():
    found = [hit for path in python_files() for hit in prose_literals(path)]
    assert found == [], "\n".join(found)


def test_the_scan_finds_prose():
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "m.py"
        p.write_text('"""Docstring with words."""\nx = "bold cyan"\ny = "x_t·W_xh"\n'
                     'z = "no such file"\nw = f"{n} tokens are traced"\n'
                     'def f():\n    raise ValueError("internal words here")\n', encoding="utf-8")
        global PACKAGE
        saved, PACKAGE = PACKAGE, Path(d)
        try:
            hits = prose_literals(p)
        finally:
            PACKAGE = saved
    assert [h.split(": ", 1)[1] for h in hits] == ["'no such file'", "'{} tokens are traced'"]


def test_spanish_says_compuerta_as_the_lecture_does():
    """The lecture's Spanish for a gate is «compuerta» (de reinicio, de actualización, de olvido);
    the recurrent commands' texts never say «puerta» for it."""
    areas = ("common", "errors", "forward", "bptt", "teach", "help")
    found = [key for key, (_, es) in catalogue().items()
             if key.split(".")[0] in areas and re.search(r"(?<![a-záéíóúñ])puertas?\b", es)]
    assert found == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_help_fits_80_columns_and_no_summary_is_cut(cli, lang):
    """--help of the program and of every command, in both languages, at 80 columns: no line is
    longer (the examples are laid out by hand, so click cannot wrap them), and the command list
    shows each command's whole summary (click cuts a long first sentence with '...')."""
    from rnntrace.cli import main

    for args in [[]] + [[name] for name in main.commands]:
        out = cli("--lang", lang, *args, "--help").output
        assert [line for line in out.splitlines() if len(line) > 80] == [], args
    commands = cli("--lang", lang, "--help").output.partition("Commands:" if lang == "en" else "Comandos:")[2]
    assert commands and "..." not in commands


def test_one_of_a_thing_is_singular(cli):
    """tn() takes the '.one' message for exactly one ('1 step', '1 token'), the plural otherwise;
    every '.one' key has its plural beside it."""
    from rnntrace.i18n import set_lang, tn

    ones = [k for k in catalogue() if k.endswith(".one")]
    assert ones and all(k[:-4] in catalogue() for k in ones)
    try:
        for lang, one, many in [("en", "· 1 step", "· 2 steps"), ("es", "· 1 paso", "· 2 pasos")]:
            set_lang(lang)
            assert tn("teach.step.start", 1, command="rnntrace forward").endswith(one)
            assert tn("teach.step.start", 2, command="rnntrace forward").endswith(many)
    finally:
        set_lang("en")
    assert "n = 1 token ·" in cli("attention", "--sentence", "el").output
    assert "n = 2 tokens ·" in cli("attention", "--sentence", "el doctor").output
