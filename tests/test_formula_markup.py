"""Formulas in the message catalogue are marked ``⟦…⟧``, never guessed: every formula character of a
message stands inside a marked span (in both languages, and both mark the same formulas), the
markers never reach the terminal, ``--help`` or stderr, and ``i18n.Text`` keeps the spans through
formatting, joining and trimming for the LaTeX and Markdown writers."""
from __future__ import annotations

import re
import string
import unicodedata

import pytest

from rnntrace.i18n import (LANGS, MATH_OPEN, MATH_CLOSE, Text, catalogue, concat, fill, formula, join, lines,
                           listed, set_lang, source, squeeze, t)

# what makes a piece of a message a formula
FORMULA = re.compile(r"[∂⊙σ∑∏√‖ᵀΓΔΣαβγδεηθλμπρτφψωℓ]"          # operators and Greek letters
                     r"|(?<![\w.])[A-Za-zα-ω]_(?:\{|[A-Za-z0-9])"  # a one-letter name with a subscript: x_t, h_{t−1}
                     r"|[A-Za-z)]\^[({\w]"                         # a superscript: L^(t), h^d
                     r"|(?:\w|\})×(?:\w|\{)"                       # a shape: 1×3, V×H, {H}×{V}
                     r"|\S·|·\S")                                   # a product (a spaced · separates, as in headings)
SPAN = re.compile(f"{MATH_OPEN}[^{MATH_CLOSE}]*{MATH_CLOSE}")


def messages():
    """(key, language, template) for every message but click's own msgids (click looks them up)."""
    return [(key, lang, text) for key, pair in source().items() if not key.startswith("click.")
            for lang, text in zip(LANGS, pair)]


def prose_of(template: str) -> str:
    """The template outside its formulas, its fields and literal braces left out."""
    prose = SPAN.sub(" ", template).replace("{{", "").replace("}}", "")
    return re.sub(r"\{[^{}]*\}", "F", prose)


def test_the_formula_pattern_tells_formulas_from_prose():
    for formula_text in ("x_t·W_xh", "h_{t−1}", "(1×3)", "{H}×{V}", "∂L/∂h_t", "σ", "L^(t)", "W_hhᵀ", "r_t ⊙ h"):
        assert FORMULA.search(formula_text), formula_text
    for prose in ("my_example.toml", "t = 2 · “el”", "task.train_labels", "hidden_size", "--gru-variant"):
        assert not FORMULA.search(prose), prose


def test_every_formula_in_the_catalogue_is_marked():
    """Outside ⟦…⟧ no message holds a formula character, in either language."""
    unmarked = [(key, lang, m.group(0), prose_of(text)[max(0, m.start() - 25):m.end() + 25])
                for key, lang, text in messages() for m in FORMULA.finditer(prose_of(text))]
    assert unmarked == []


def test_markers_pair_up_and_do_not_nest():
    bad = [(key, lang) for key, lang, text in messages()
           if re.sub(r"[^⟦⟧]", "", text).replace("⟦⟧", "") != "" or "⟦⟧" in text]
    assert bad == []


def formula_atoms(template: str) -> list[str]:
    """The symbols and operators of a message's formulas, sorted: a word of several letters is left
    out (it is translated: target/objetivo, last/ultimo), and so are the quotes around a word (“…”
    or «…») and "=", which a translation may say in words ("entry (i, j) = q_i · k_j" / "el
    elemento (i, j) es q_i · k_j")."""
    inside = " ".join(SPAN.findall(template))
    inside = "".join(c for c in unicodedata.normalize("NFD", inside) if not unicodedata.combining(c)
                     or c in "\u0302\u0303")  # máx/max alike; h̃ and ĝ keep their marks
    atoms = re.findall(r"\{\w+\}|[^\W\d_]+|\S", inside.replace(MATH_OPEN, "").replace(MATH_CLOSE, ""))
    return sorted(a for a in atoms if a not in "=“”«»" and not (a.isalpha() and len(a) > 1))


def test_english_and_spanish_mark_the_same_formulas():
    differ = [(key, formula_atoms(en), formula_atoms(es)) for key, (en, es) in source().items()
              if formula_atoms(en) != formula_atoms(es)]
    assert differ == []


def test_no_marker_reaches_what_is_printed():
    """Every message through t(), in both languages, and the catalogue click and the quiz read."""
    try:
        for lang in LANGS:
            set_lang(lang)
            for key, (en, _es) in source().items():
                if key.startswith("click."):
                    continue
                names = {name for _, name, _, _ in string.Formatter().parse(en) if name is not None}
                out = t(key, **{name: "X" for name in names})
                assert MATH_OPEN not in out and MATH_CLOSE not in out, key
    finally:
        set_lang("en")
    assert not any(MATH_OPEN in x or MATH_CLOSE in x for pair in catalogue().values() for x in pair)


def commands():
    from rnntrace.cli import main

    return sorted(main.commands)


@pytest.mark.parametrize("lang", LANGS)
def test_no_marker_in_any_help(lang):
    from click.testing import CliRunner

    from rnntrace.cli import main

    runner = CliRunner()
    for args in [[]] + [[c] for c in commands()]:
        r = runner.invoke(main, ["--lang", lang, *args, "--help"])
        assert r.exit_code == 0, (args, r.output)
        assert MATH_OPEN not in r.output and MATH_CLOSE not in r.output, args


def test_no_marker_on_stderr(cli):
    """A bad input's one line names a formula (d_model = 4) without a marker."""
    r = cli("attention", "--heads", "3")
    assert r.exit_code == 2 and r.stdout == ""
    assert "d_model = 4" in r.stderr and MATH_OPEN not in r.stderr and MATH_CLOSE not in r.stderr


def test_fill_keeps_the_spans_of_the_message_and_of_a_text_field():
    inner = fill("⟦h_t⟧ and more", {})
    s = fill("so ⟦{a} = {n}⟧: {b} ⟦x_{t}⟧", {"a": "W_xh", "n": 3, "b": inner, "t": 2})
    assert s == "so W_xh = 3: h_t and more x_2"
    assert [p for p, is_math in s.parts() if is_math] == ["W_xh = 3", "h_t", "x_2"]


def test_a_marker_in_a_plain_field_is_text():
    """A field's value (a token from an example file) is never read as markup."""
    s = fill("word {w}", {"w": "⟦a⟧"})
    assert s == "word ⟦a⟧" and s.spans == ()


def test_spans_survive_joining_trimming_and_splitting():
    a, b = fill("⟦x_t⟧ one", {}), formula("h_t")
    assert join(" · ", [a, b]).parts() == [("x_t", True), (" one · ", False), ("h_t", True)]
    assert ("> " + a).parts() == [("> ", False), ("x_t", True), (" one", False)]
    assert (a + "!").parts() == [("x_t", True), (" one!", False)]
    assert concat("  ", b, "  ").strip().parts() == [("h_t", True)]
    assert squeeze(concat(" a  ", b, " \n b ")).parts() == [("a ", False), ("h_t", True), (" b", False)]
    assert [x.parts() for x in lines(concat(b, "\n\n", a))] == [[("h_t", True)], [("x_t", True), (" one", False)]]
    assert formula("  c_1 = [0 1] ").parts() == [("  ", False), ("c_1 = [0 1]", True), (" ", False)]
    assert isinstance(t("forward.total", loss="1.0"), Text)


def test_a_list_of_names_is_formulas_and_words():
    set_lang("es")
    try:
        assert listed(["W_xh", "W_hh", "W_hy"]).parts() == [("W_xh", True), (", ", False), ("W_hh", True),
                                                           (" y ", False), ("W_hy", True)]
    finally:
        set_lang("en")


def test_latex_and_markdown_write_the_marked_spans_as_math_and_the_rest_as_prose():
    from rnntrace.render import latex, markdown

    s = fill("keeps ⟦h_{{t−1}}⟧ where ⟦z_t ≈ 1⟧ (50% of “el_1”)", {})
    assert latex.text(s) == r"keeps $h_{t-1}$ where $z_{t}\approx 1$ (50\% of ``el\_1'')"
    assert markdown.escape(s) == r"keeps $h_{t-1}$ where $z_{t}\approx 1$ (50% of “el\_1”)"
    assert markdown.escape(formula("‖p_s − p_t‖ |x|")) == r"$\Vert p_{s}-p_{t}\Vert \vert x\vert $"
