r"""``--format latex``: a complete LaTeX document (pdflatex, amsmath) from a command's Document.

Each operation becomes an ``align*``: its expression and the shapes, then its operands as
``bmatrix`` blocks with their names and shapes underneath, then its result, the ``=`` signs
aligned::

    a_t &= x_t \cdot W_{xh} + h_{t-1} \cdot W_{hh} \qquad (1\times 3) + (1\times 3) \to (1\times 3) \\
        &= \underset{x_t W_{xh}\;(1\times 3)}{\begin{bmatrix}0.3 & 0.2 & 0.1\end{bmatrix}} + … \\
        &= \underset{a_t\;(1\times 3)}{\begin{bmatrix}0.3 & 0.2 & 0.1\end{bmatrix}}

Labels and formulas are written from their trees (``notation.write_tex``), each symbol from its
own ``Sym.tex``, and shape lines (``x_t (1×5) · W_xh (5×3) → (1×3)``) from the TeX their builder
made with them from the same symbols (``Operation.shapes_tex``, ``Formula.shapes_tex``): nothing is
guessed from a name's Unicode (a label or shape line that comes without TeX is written as text and
recorded in ``MISSING``). Prose goes through ``text``, which sets in math mode exactly the formulas
the message catalogue marks in a sentence (``⟦x_t·W_xh⟧``, kept as the spans of an ``i18n.Text``)
or the builder declares (``i18n.formula``), and escapes everything else. Those spans are the only
text ``math`` reads (here and in ``markdown.escape``): it spells the tool's notation written as
text, where a sentence has no tree. Numbers come from the document's arrays,
formatted at its precision. Every
other character the tool prints has a TeX spelling (a symbol in math mode, an accent, a rule for a
bar of a chart), so only ASCII reaches the file apart from the Latin-1 letters that ``inputenc``
and ``T1`` handle: it compiles with pdflatex as well as with xelatex and lualatex.
"""
from __future__ import annotations

import re
import unicodedata

import math as _m

from rnntrace.document import (Chart, Document, Explanation, Formula, Grid, Heading, Matrix, Note, Operation,
                               Section, Table)
from rnntrace.i18n import Text, concat, lines, squeeze
from rnntrace.notation import TEX, fmt_array, tex_number, write_tex

GREEK = {"α": r"\alpha", "β": r"\beta", "γ": r"\gamma", "δ": r"\delta", "ε": r"\varepsilon",
         "η": r"\eta", "θ": r"\theta", "λ": r"\lambda", "μ": r"\mu", "π": r"\pi", "ρ": r"\rho",
         "σ": r"\sigma", "τ": r"\tau", "φ": r"\varphi", "ψ": r"\psi", "ω": r"\omega", "Γ": r"\Gamma",
         "Δ": r"\Delta", "Θ": r"\Theta", "Λ": r"\Lambda", "Π": r"\Pi", "Σ": r"\Sigma", "Φ": r"\Phi",
         "Ψ": r"\Psi", "Ω": r"\Omega", "ξ": r"\xi", "ζ": r"\zeta", "κ": r"\kappa", "ν": r"\nu",
         "χ": r"\chi", "ϵ": r"\epsilon", "ϕ": r"\phi"}
MATH_SYMBOLS = {"·": r"\cdot ", "⋅": r"\cdot ", "⊙": r"\odot ", "−": "-", "×": r"\times ", "÷": r"\div ",
                "→": r"\to ", "←": r"\leftarrow ", "↔": r"\leftrightarrow ", "⇒": r"\Rightarrow ",
                "↦": r"\mapsto ", "↩": r"\hookleftarrow ", "↳": r"\hookrightarrow ", "≤": r"\le ",
                "≥": r"\ge ", "≈": r"\approx ", "≠": r"\ne ", "≡": r"\equiv ", "∝": r"\propto ",
                "∈": r"\in ", "ℝ": r"\mathbb{R}", "∂": r"\partial ", "∞": r"\infty ", "‖": r"\|",
                "∏": r"\prod ", "∑": r"\sum ", "…": r"\dots ", "⋯": r"\cdots ", "±": r"\pm ",
                "∇": r"\nabla ", "⊗": r"\otimes ", "⊕": r"\oplus ", "∘": r"\circ ", "%": r"\%", "#": r"\#",
                "&": r"\&", "$": r"\$", "~": r"\sim ", "{": r"\{", "}": r"\}", "\\": r"\backslash ",
                "′": "'", "″": "''", "─": "-", "—": "-", "–": "-", "✓": r"\checkmark ", "✗": r"\times ",
                "|": "|", "°": r"^{\circ}", "𝟙": r"\mathbf{1}", "½": r"\tfrac{1}{2}", "¼": r"\tfrac{1}{4}",
                "¾": r"\tfrac{3}{4}", "⎡": "[", "⎢": "[", "⎣": "[", "⎤": "]", "⎥": "]", "⎦": "]",
                "⟨": r"\langle ", "⟩": r"\rangle ", "√": r"\surd ", "ℓ": r"\ell "}
SUPERSCRIPTS = {"⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7",
                "⁸": "8", "⁹": "9", "⁻": "-", "⁺": "+", "ᵀ": r"\top ", "ⁿ": "n"}
SUBSCRIPTS = {"₀": "0", "₁": "1", "₂": "2", "₃": "3", "₄": "4", "₅": "5", "₆": "6", "₇": "7",
              "₈": "8", "₉": "9", "₋": "-", "₊": "+"}
FUNCTIONS = {"tanh": r"\tanh", "log": r"\log", "exp": r"\exp", "max": r"\max", "min": r"\min",
             "sin": r"\sin", "cos": r"\cos", "softmax": r"\operatorname{softmax}",
             "onehot": r"\operatorname{onehot}", "argmax": r"\operatorname{argmax}",
             "relu": r"\operatorname{relu}", "diag": r"\operatorname{diag}", "score": r"\operatorname{score}",
             "mean": r"\operatorname{mean}", "std": r"\operatorname{std}"}
COMBINING_TILDE = "\u0303"
MATH_ACCENTS = {COMBINING_TILDE: r"\tilde", "\u0302": r"\hat"}  # a mark after a name: h̃_t, m̂ (Adam's)
# combining marks: as a math accent and as a text accent
ACCENTS = {"\u0303": (r"\tilde", r"\~"), "\u0302": (r"\hat", r"\^"), "\u0304": (r"\bar", r"\="),
           "\u0307": (r"\dot", r"\."), "\u0308": (r"\ddot", r"\\\""), "\u0301": (r"\acute", r"\'"),
           "\u0300": (r"\grave", r"\`"), "\u030c": (r"\check", r"\v")}
# Latin-1 letters and punctuation that utf8 inputenc + T1 fonts typeset as they are
LATIN1_LETTERS = {chr(c) for c in range(0xC0, 0x100)} - {"×", "÷"}
TEXT_SAFE = LATIN1_LETTERS | set("¿¡«»ºª") | {chr(c) for c in range(32, 127)}
TEXT_SYMBOLS = {"“": "``", "”": "''", "‘": "`", "’": "'", "…": r"\dots{}", "—": "---", "–": "--",
                "✓": r"\ensuremath{\checkmark}", "✗": r"\ensuremath{\times}", "⚠": r"\textbf{!}",
                "ℹ": r"\textit{i}", "↳": r"\ensuremath{\hookrightarrow}", "─": "-", "│": "|",
                "•": r"\textbullet{}", "·": r"\ensuremath{\cdot}", "×": r"\ensuremath{\times}",
                "→": r"\ensuremath{\to}", "−": r"\ensuremath{-}", "\u00a0": "~", "\n": " ", "\t": " ",
                "√": r"\ensuremath{\surd}", "°": r"\ensuremath{^{\circ}}", "✂": r"\ensuremath{\dagger}"}
TEXT_ESCAPES = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "%": r"\%",
                "#": r"\#", "_": r"\_", "^": r"\^{}", "~": r"\~{}", "|": r"\textbar{}", "<": r"\textless{}",
                ">": r"\textgreater{}"}
# bars of a chart (left eighths, lower eighths) and box drawing, as rules and ASCII
LEFT_BLOCKS = {"▏": 1, "▎": 2, "▍": 3, "▌": 4, "▋": 5, "▊": 6, "▉": 7, "█": 8}
LOWER_BLOCKS = {"▁": 1, "▂": 2, "▃": 3, "▄": 4, "▅": 5, "▆": 6, "▇": 7}
BOX_HORIZONTAL = set("─━═╌┄")
BOX_VERTICAL = set("│┃║╎┆")
BOX_CORNERS = set("╭╮╰╯┌┐└┘├┤┬┴┼┏┓┗┛┣┫┳┻╋┡┩╇┢┪╈┠┨┯┷┿╞╡╤╧╪")
LETTERS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u017f"

PREAMBLE = r"""\documentclass[11pt]{article}
\usepackage[utf8]{inputenc}
\usepackage[T1]{fontenc}
\usepackage{lmodern}
\usepackage{amsmath,amssymb}
\usepackage[a4paper,margin=2cm]{geometry}
\usepackage{booktabs}
\setcounter{MaxMatrixCols}{64}
\allowdisplaybreaks
\setlength{\parindent}{0pt}
\setlength{\parskip}{4pt}
"""


# ---- one character -----------------------------------------------------------------------------
def _accented(ch: str) -> tuple[str, str] | None:
    """A letter with an accent the table knows: (base letter, combining mark)."""
    parts = unicodedata.normalize("NFD", ch)
    if len(parts) == 2 and parts[0].isascii() and parts[0].isalpha() and parts[1] in ACCENTS:
        return parts[0], parts[1]
    return None


def _fallback(ch: str) -> str:
    """A character no table knows, spelled out rather than lost: ``[U+2603]``."""
    return r"\texttt{[U+%04X]}" % ord(ch)


def _escape_char(ch: str) -> str:
    """One character of prose as LaTeX text."""
    if ch in TEXT_ESCAPES:
        return TEXT_ESCAPES[ch]
    if ch in TEXT_SYMBOLS:
        return TEXT_SYMBOLS[ch]
    if ch in TEXT_SAFE:
        return ch
    if ch in GREEK:
        return r"\ensuremath{" + GREEK[ch] + "}"
    if ch in MATH_SYMBOLS:
        return r"\ensuremath{" + MATH_SYMBOLS[ch].strip() + "}"
    if ch in SUPERSCRIPTS:
        return r"\ensuremath{^{" + SUPERSCRIPTS[ch].strip() + "}}"
    if ch in SUBSCRIPTS:
        return r"\ensuremath{_{" + SUBSCRIPTS[ch] + "}}"
    if ch in LEFT_BLOCKS:
        return r"\rule[-0.3ex]{%.3fem}{2ex}" % (LEFT_BLOCKS[ch] / 16)
    if ch in LOWER_BLOCKS:
        return r"\rule{0.5em}{%.3fex}" % (LOWER_BLOCKS[ch] / 4)
    if ch in BOX_HORIZONTAL:
        return "-"
    if ch in BOX_VERTICAL:
        return "|"
    if ch in BOX_CORNERS:
        return "+"
    if ch in ACCENTS or ch == COMBINING_TILDE:
        return ""
    acc = _accented(ch)
    if acc:
        return ACCENTS[acc[1]][1] + "{" + acc[0] + "}"
    return _fallback(ch)


def supported(ch: str) -> bool:
    """Whether ``ch`` has a TeX spelling of its own (anything else is written as ``[U+XXXX]``)."""
    return _escape_char(ch) != _fallback(ch)


def _escape(word: str) -> str:
    return "".join(_escape_char(ch) for ch in word)


# ---- notation → TeX ------------------------------------------------------------------------
def _group_end(s: str, i: int, open_: str = "{", close: str = "}") -> int:
    """Index just past the group that opens at s[i]."""
    depth = 0
    for j in range(i, len(s)):
        if s[j] == open_:
            depth += 1
        elif s[j] == close:
            depth -= 1
            if depth == 0:
                return j + 1
    return len(s)


def _script(s: str, i: int, mark: str, base: str) -> tuple[str, int]:
    """The sub/superscript after ``mark`` (``_`` or ``^``) at s[i−1], whose base ends with ``base``:
    a {group}, a (group), a run of letters and digits, or one symbol. A (group) is taken whole:
    ``L^(t)`` → ``L^{(t)}`` (the lecture's time index keeps its parentheses), but an exponent of a
    number, of ``e`` or of a bracket only groups (``10000^(2k/d)`` → ``10000^{2k/d}``), and so does
    a subscript (``∏_(i=k+1…T)`` → ``\\prod_{i=k+1\\dots T}``). Returns (TeX, next index)."""
    if i >= len(s):
        return "{}", i
    if s[i] == "{":
        end = _group_end(s, i)
        return "{" + math(s[i + 1:end - 1]) + "}", end
    if s[i] == "(":
        end = _group_end(s, i, "(", ")")
        inner = s[i + 1:end - 1] if s[end - 1:end] == ")" else s[i + 1:end]
        grouping = mark == "_" or base[-1:].isdigit() or base[-1:] in ")]}" or base == "e"
        return "{" + (math(inner) if grouping else "(" + math(inner) + ")") + "}", end
    m = re.match(r"[A-Za-z0-9]+|.", s[i:])
    return "{" + math(m.group(0)) + "}", i + len(m.group(0))


def _atom_end(s: str, i: int) -> int:
    """Index just past the operand that starts at s[i] (for √): a (group), or a name with its
    sub/superscripts, or a number."""
    if i < len(s) and s[i] == "(":
        return _group_end(s, i, "(", ")")
    m = re.match(r"[0-9.]+|[A-Za-z]+[\u0302\u0303]?|.", s[i:])
    j = i + (len(m.group(0)) if m else 1)
    while j < len(s) and s[j] in "_^":
        if j + 1 < len(s) and s[j + 1] in "{(":
            j = _group_end(s, j + 1, s[j + 1], "}" if s[j + 1] == "{" else ")")
        else:
            j = j + 1 + (len(re.match(r"[A-Za-z0-9]+|.", s[j + 1:]).group(0)) if j + 1 < len(s) else 0)
    return j


def _base(s: str, i: int) -> str:
    """What a ``_`` or ``^`` at s[i] is attached to: the word or character just before it."""
    m = re.search(r"([A-Za-z]+|[0-9.]+|.)$", s[:i])
    return m.group(1) if m else ""


def _attach(out: list[str], mark: str, script: str) -> None:
    """Append ``mark{script}`` to the atom before it; a second superscript (``h^{(i)}`` then ``²``)
    or subscript makes the atom with its scripts the base: ``{h^{(i)}}^{2}``."""
    if out and out[-1].startswith(mark):
        k = len(out) - 1
        while k > 0 and out[k - 1][:1] in "^_":
            k -= 1
        k = max(k - 1, 0)
        inner = "".join(out[k:])
        # a braced accent with a script ({\tilde{h}_t^{(2)}}^{2}) is a double superscript to
        # amsmath; an empty group first keeps it one subformula
        lead = "{}" if inner.startswith(tuple(a for a, _ in ACCENTS.values())) else ""
        out[k:] = ["{" + lead + inner + "}"]
    out.append(mark + script)


def math(s: str) -> str:
    """The lecture's notation as TeX math: ``h_{t−1}·W_hh`` → ``h_{t-1}\\cdot W_{hh}``."""
    out: list[str] = []
    i = 0
    while i < len(s):
        c = s[i]
        if c.isalpha() and (c.isascii() or c in LATIN1_LETTERS or _accented(c)):
            word = re.match(f"[{LETTERS}]+", s[i:]).group(0)
            i += len(word)
            scripted = i < len(s) and s[i] in "_^"
            if not word.isascii():
                acc = _accented(word) if len(word) == 1 else None
                if acc and acc[1] in ACCENTS and (scripted or acc[1] in "\u0303\u0302\u0304\u0307"):
                    out.append(ACCENTS[acc[1]][0] + "{" + acc[0] + "}")  # ã_t, ĝ_j
                else:
                    out.append(r"\text{" + _escape(word) + "}")
            elif word in FUNCTIONS:
                out.append(FUNCTIONS[word] + " ")
            elif len(word) > 1 and not (scripted and len(word) <= 2):
                out.append(r"\mathrm{" + word + "}")
            else:
                out.append(word)
            if i < len(s) and s[i] in MATH_ACCENTS:
                out[-1] = MATH_ACCENTS[s[i]] + "{" + out[-1] + "}"
                i += 1
        elif c in GREEK:
            out.append(GREEK[c] + " ")
            i += 1
            if i < len(s) and s[i] == COMBINING_TILDE:
                out[-1] = r"\tilde{" + out[-1].strip() + "}"
                i += 1
        elif c in "_^":
            script, j = _script(s, i + 1, c, _base(s, i))
            _attach(out, c, script)
            i = j
        elif c == "√":
            end = _atom_end(s, i + 1)
            inner = s[i + 1:end]
            if inner.startswith("(") and inner.endswith(")"):
                inner = inner[1:-1]
            out.append(r"\sqrt{" + math(inner) + "}" if inner.strip() else r"\surd ")
            i = end
        elif c in "“\"‘":
            close = {"“": "”", '"': '"', "‘": "’"}[c]
            end = s.find(close, i + 1)
            end = len(s) if end < 0 else end
            out.append(r"\text{" + text(c + s[i + 1:end] + close) + "}")
            i = end + 1
        elif c in SUPERSCRIPTS or c in SUBSCRIPTS:
            table, mark = (SUPERSCRIPTS, "^") if c in SUPERSCRIPTS else (SUBSCRIPTS, "_")
            j = i
            while j < len(s) and s[j] in table:
                j += 1
            _attach(out, mark, "{" + "".join(table[x] for x in s[i:j]) + "}")
            i = j
        elif s.startswith("+=", i):  # ∂L/∂b_h += δ_t: one relation, spaced as "="
            out.append(r"\mathrel{+}=")
            i += 2
        elif c in "′″" and out and out[-1].startswith("^"):  # W^(2→)′: one superscript, not two
            _attach(out, "^", "{" + r"\prime" * (1 if c == "′" else 2) + "}")
            i += 1
        elif c in MATH_SYMBOLS:
            out.append(MATH_SYMBOLS[c])
            i += 1
        elif c in ACCENTS or c == COMBINING_TILDE:
            i += 1
        elif c in " \n\t":  # spaces vanish in math; keep one between two names: "W_xh V×H",
            j = i             # and a gap between two parts: "J^(1)  ‖·‖₂ = 0.7985"
            while j < len(s) and s[j] in " \n\t":
                j += 1
            before, after = s[:i].rstrip()[-1:], s[j:j + 1]
            if j - i >= 2 and i > 0 and j < len(s):
                out.append(r"\quad ")
            elif (before.isalnum() or before in ")]}'\u201d") and (after.isalnum() or after in "([{\u201c"):
                out.append(r"\ ")
            elif before.isdigit() and after in "-−" and s[j + 1:j + 2].isdigit():  # [-0.45 -0.43]: two entries,
                out.append(r"\ {-}")  # the second's sign a unary minus ({-}), not "0.45 − 0.43"
                j += 1
            i = j
        elif c.isascii():
            out.append(c)
            i += 1
        else:
            out.append(r"\text{" + _escape_char(c) + "}")
            i += 1
    return "".join(out).strip()


_NEGATIVE = re.compile(r"^-(?=\.?\d)")
_INFINITE = re.compile(r"^([-−+]?)∞$")  # a table's masked score, a bound: one formula, not two symbols


def _escape_word(word: str) -> str:
    """A word of prose; a negative number's sign is a minus (``$-$``), not a hyphen; a signed
    infinity is one formula (``$-\\infty$``)."""
    if _NEGATIVE.match(word):
        return "$-$" + _escape(word[1:])
    if m := _INFINITE.match(word):
        return "$" + m.group(1).replace("−", "-") + r"\infty$"
    return _escape(word)


def _prose(s: str) -> str:
    return " ".join(_escape_word(w) for w in s.split(" "))


def text(s: str) -> str:
    """A sentence as LaTeX: the formulas its catalogue message marks (``i18n.Text`` spans:
    ``x_t·W_xh``, ``(1×3)``, ``z_t ≈ 1``) in math mode through ``math``, the rest as escaped prose.
    A plain ``str`` is prose throughout: nothing is guessed. A gap of two or more spaces inside the
    sentence (a formula, then its shapes) stays a gap: ``\\quad``."""
    full = str(s)
    gaps = [m.span() for m in re.finditer(r"(?<=\S) {2,}(?=\S)", full)]
    out: list[str] = []
    at = 0
    for piece, is_math in parts(s):
        a, b = at, at + len(piece)
        at = b
        if is_math:
            out.append("$" + math(piece) + "$")
            continue
        k = a
        for g0, g1 in gaps:
            if a <= g0 and g1 <= b:
                out += [_prose(full[k:g0]), r" \quad "]
                k = g1
        out.append(_prose(full[k:b]))
    return "".join(out)


def parts(s: str) -> list[tuple[str, bool]]:
    """(piece, is a formula) in order: a ``Text``'s own, a plain ``str`` one piece of prose."""
    return s.parts() if isinstance(s, Text) else [(s, False)]


# ---- blocks → LaTeX ------------------------------------------------------------------------
LINE_EM = 40.0  # what fits on a line of the text block (17 cm at 11 pt), leaving room for "="


# Every label a block carries (a matrix's, an operand's, a grid's, a formula's) is a symbol with its
# TeX or an expression tree of them: the label functions below write that TeX and never guess it
# from the Unicode. A label that reaches them without TeX is written as plain text and recorded
# here (the tests render every command and require this to stay empty).
MISSING: list[str] = []


def missing(label: str) -> str:
    """A label that came without its TeX: recorded in ``MISSING``, written as text (not guessed)."""
    MISSING.append(label)
    return r"\text{" + _escape(label) + "}"


def expr(e, conv: str) -> str:
    """An expression tree as TeX, each symbol from its own ``Sym.tex``."""
    return write_tex(e, conv, missing=missing)


def _cells(m: Matrix, precision: int) -> list[list[str]]:
    return fmt_array(m.value, precision)


def bmatrix(m: Matrix, precision: int) -> str:
    """The matrix's numbers in a ``bmatrix`` (a bare number for an unbracketed scalar), its row
    labels in a column on its left."""
    cells = _cells(m, precision)
    if not m.bracketed:
        return tex_number(cells[0][0])
    rows = [" & ".join(tex_number(c) for c in row) for row in cells]
    body = r"\begin{bmatrix}" + r" \\ ".join(rows) + r"\end{bmatrix}"
    if m.row_labels:
        labels = r" \\ ".join(r"\text{" + (text(x) if getattr(x, "spans", ()) else _escape(x)) + "}"  # a marked symbol: math
                                for x in m.row_labels)
        return r"\begin{matrix}" + labels + r"\end{matrix}\;" + body
    return body


def label(m: Matrix, conv: str) -> str:
    """The matrix's name as TeX: its expression tree's (``missing`` when it came without one)."""
    return expr(m.expr, conv) if m.expr is not None else missing(m.label)


def dims(rows: int, cols: int) -> str:
    return f"({rows}\\times {cols})"


def name(m: Matrix, conv: str) -> str:
    """The matrix's name and shape, set under it: ``x_{t}\\;(1\\times 5)``."""
    if not m.bracketed or not m.label:
        return label(m, conv)
    return label(m, conv) + r"\;" + dims(*m.value.shape)


def operand(m: Matrix, precision: int, conv: str) -> str:
    body = bmatrix(m, precision)
    if not m.bracketed or not m.label:
        return body
    return r"\underset{" + name(m, conv) + "}{" + body + "}"


def width(m: Matrix, precision: int) -> float:
    """Roughly how wide the operand is set, in em (to break lines that would not fit)."""
    cells = _cells(m, precision)
    if not m.bracketed:
        return 0.6 * len(cells[0][0])
    widths = [max(len(r[j]) for r in cells) for j in range(len(cells[0]))]
    body = sum(0.5 * w + 0.9 for w in widths) + 0.8
    if m.row_labels:
        body += 0.5 * max(len(x) for x in m.row_labels) + 1.2
    return max(body, 0.42 * (len(m.label) + 6))


SYMBOLS = {"·": r"\cdot", "+": "+", "⊙": r"\odot", "−": "-", ",": ",", "=": "="}


def symbol(s: str) -> str:
    """A symbol between two operands (``SYMBOLS``)."""
    return SYMBOLS[s] if s in SYMBOLS else missing(s)


def chain(ms: list[Matrix], symbols: list[str], precision: int, conv: str) -> list[str]:
    """``A · B + C`` as one line, or as several (each starting with its symbol) if too wide."""
    lines, used = [operand(ms[0], precision, conv)], width(ms[0], precision)
    for sym, m in zip(symbols, ms[1:]):
        w = width(m, precision) + 1.5
        if used + w > LINE_EM:
            lines.append(symbol(sym) + " " + operand(m, precision, conv))
            used = w
        else:
            lines[-1] += " " + symbol(sym) + " " + operand(m, precision, conv)
            used += w
    return lines


def shapes(s: str, tex: str) -> str:
    """A shape line in math mode: the TeX its builder made with it from the same symbols (an op's
    ``notation.shape_line_tex``, a formula's ``notation.stated_shapes``). One that came without
    its TeX is recorded in ``MISSING`` and written as text, never guessed from the Unicode."""
    return tex or missing(s)


def _shapes(s: str, tex: str) -> str:
    return r"\qquad\text{\small $" + shapes(s, tex) + "$}" if s else ""


def operation(op: Operation, precision: int, conv: str) -> str:
    """One operation as an ``align*``: its expression and shapes, its operands, its result."""
    rel = r"&\mathrel{+}= " if op.accumulate else "&= "
    if op.target is not None:
        first = expr(op.target, conv) + " " + rel + expr(op.expr, conv)
    else:
        first = "& " + expr(op.expr, conv)
    if not op.numbers:
        return r"\noindent$" + first.replace("&", "") + r"$\par"
    lines = [first + _shapes(op.shapes, op.shapes_tex)]
    last = op.symbols[-1]
    if last.startswith("─"):  # a function applied: a_t ─tanh→ h_t
        lines.append("&= " + TEX.function(last.strip("─→")) + r"\left(" + operand(op.operands[0], precision, conv) + r"\right)")
    elif op.operands:  # (an op computed from nothing, ∂L/∂y_t = 0 without a target, has only its result)
        parts = chain(op.operands, op.symbols[:-1], precision, conv)
        lines.append("&= " + parts[0])
        lines += [r"&\phantom{=}\; " + x for x in parts[1:]]
    lines.append("&= " + operand(op.result, precision, conv))
    out = "\\begin{align*}\n" + " \\\\\n".join(lines) + "\n\\end{align*}"
    if op.explanation:
        out += "\n" + explanation(op.explanation)
    return out


def matrix(m: Matrix, precision: int, conv: str) -> str:
    """A value shown on its own: ``x_t = [0 1 0 0 0]``."""
    return "\\begin{align*}\n" + label(m, conv) + " &= " + bmatrix(m, precision) + "\n\\end{align*}"


def grid(g: Grid, precision: int, conv: str) -> str:
    """Matrices side by side, as many on a line as fit; a grid's symbols between them."""
    items = [Matrix(m.label, m.value, m.role, m.shape, m.expr, m.bracketed, g.row_labels if k == 0 or not g.symbols
                    else None) for k, m in enumerate(g.items)]
    parts = [operand(m, precision, conv) for m in items]
    if g.symbols or g.lead:
        line = (symbol(g.lead) + " " if g.lead else "") + parts[0]
        for k, p in enumerate(parts[1:]):
            line += " " + symbol(g.symbols[k]) + " " + p
        return "\\begin{gather*}\n" + line + "\n\\end{gather*}"
    rows: list[list[str]] = [[]]
    used = 0.0
    for m, p in zip(items, parts):
        w = width(m, precision) + 2
        if rows[-1] and used + w > LINE_EM + 4:
            rows.append([])
            used = 0.0
        rows[-1].append(p)
        used += w
    return "\\begin{gather*}\n" + " \\\\\n".join(r" \qquad ".join(r) for r in rows) + "\n\\end{gather*}"


def _table_cell(c: str, bold: bool = False) -> str:
    rows = [text(x) for x in lines(c)]
    if bold:
        rows = [r"\textbf{" + x + "}" for x in rows]
    if len(rows) > 1:  # a cell of several lines: stacked in the column
        return r"\begin{tabular}[b]{@{}c@{}}" + r" \\ ".join(rows) + r"\end{tabular}"
    return rows[0] if rows else ""


def tabular(headers: list[str], justify: list[str], rows: list[list[str]], title: str = "") -> str:
    spec = "".join({"right": "r", "center": "c"}.get(j, "l") for j in justify)
    head = " & ".join(_table_cell(h, bold=True) for h in headers)
    body = [" & ".join(rows_cell for rows_cell in row) + r" \\" for row in rows]
    top = ("\\toprule\n" + head + " \\\\\n\\midrule\n") if any(h.strip() for h in headers) else "\\toprule\n"
    lead = (r"\textbf{" + text(title) + "}\n\n") if title else ""
    return lead + "\\begin{tabular}{" + spec + "}\n" + top + "\n".join(body) + "\n\\bottomrule\n\\end{tabular}"


def table(tb: Table) -> str:
    cols = tb.shown()
    rows = []
    for i, r in enumerate(tb.rows):
        rows.append([_table_cell(r[j].text) for j in cols])
        if i in tb.rules and i < len(tb.rows) - 1:
            rows[-1][-1] += r" \\ \midrule %"
    headers = [tb.columns[j].header if tb.header else "" for j in cols]
    return tabular(headers, [tb.columns[j].justify for j in cols], rows, tb.title)


BAR_EM = 12.0  # the longest bar of a chart


def chart(c: Chart) -> str:
    """The chart's text columns, then each series' bar as a rule, on one log10 axis."""
    lo, hi = c.axis()

    def bar(v: float, mark: float | None = None) -> str:
        """The bar, and the bound's tick beyond its end (as the terminal draws it)."""
        if not _m.isfinite(v):
            return text("0" if v == -_m.inf else ("inf" if v > 0 else "nan"))
        length = max(0.05, BAR_EM * (v - lo) / (hi - lo))
        out = r"\rule[-0.3ex]{%.2fem}{1.8ex}" % length
        if mark is not None and _m.isfinite(mark) and BAR_EM * (mark - lo) / (hi - lo) > length:
            out += r"\hspace{%.2fem}\rule[-0.6ex]{0.08em}{2.4ex}" % (BAR_EM * (mark - lo) / (hi - lo) - length)
        return out

    axis = f"1e{lo:+d} … 1e{hi:+d}"
    headers = list(c.headers) + [concat(s, ": ", axis) if s else axis for s in c.series]
    justify = (c.justify or ["right"] * len(c.headers)) + ["left"] * len(c.series)
    marks = c.marks or [None] * len(c.rows)
    rows = [[_table_cell(x) for x in texts] + [bar(v, marks[r] if k == 0 else None) for k, v in enumerate(vals_)]
            for r, (texts, vals_) in enumerate(zip(c.rows, c.values))]
    return tabular(headers, justify, rows)


NOTE_STYLES = {"strong": r"\textbf{%s}", "info": r"\emph{%s}", "detail": r"{\small %s}", "warning": r"\emph{%s}",
               "error": r"\textbf{%s}", "success": "%s", "verdict": "%s", "text": "%s"}


def note(n: Note) -> str:
    if not n.text.strip():
        return ""
    body = "$" + n.tex + "$" if n.tex else text(n.text.strip())  # a formula line: the TeX its builder made
    return (r"\quad " if n.indent >= 2 else "") + NOTE_STYLES[n.kind] % body + r"\par"


def explanation(s: str) -> str:
    return r"{\small\itshape $\hookrightarrow$ " + text(squeeze(s)) + r"\par}"


def formula(f: Formula, conv: str) -> str:
    if f.expr is not None:
        tex = (expr(f.target, conv) + " = " if f.target is not None else "") + expr(f.expr, conv)
    else:
        tex = missing(f.text)  # every formula the builders state has its tree
    if not f.shapes:
        after = ""
    elif isinstance(f.shapes, Text) and not f.shapes_tex:  # a catalogue sentence, its formula marked
        after = r"\quad{\small " + text(f.shapes) + "}"
    else:
        after = r"\quad{\small $" + shapes(f.shapes, f.shapes_tex) + "$}"
    return (r"\quad " if f.indent else r"\noindent") + "$" + tex + "$" + after + r"\par"


def block(b, doc: Document) -> str:
    p, conv = doc.precision, doc.conv
    if isinstance(b, Operation):
        return operation(b, p, conv)
    if isinstance(b, Note):
        return note(b)
    if isinstance(b, Heading):
        return r"\textbf{" + text(b.text) + r"}\par"
    if isinstance(b, Explanation):
        return explanation(b.text)
    if isinstance(b, Formula):
        return formula(b, conv)
    if isinstance(b, Matrix):
        return matrix(b, p, conv)
    if isinstance(b, Grid):
        return grid(b, p, conv)
    if isinstance(b, Table):
        return table(b)
    if isinstance(b, Chart):
        return chart(b)
    raise TypeError(type(b).__name__)


def section(s: Section, doc: Document, first: bool) -> list[str]:
    out = []
    if s.title:
        out.append((r"\section*{" if s.framed and first else r"\subsection*{") + text(s.title) + "}")
    out += [x for x in (block(b, doc) for b in s.blocks) if x]
    return out


def body(doc: Document) -> list[str]:
    out: list[str] = []
    first = True
    for page in doc.pages:
        for s in page.sections:
            out += section(s, doc, first)
            first = False
    return out


def document(doc: Document, title: str) -> str:
    """A complete LaTeX document holding everything the document shows."""
    parts = [PREAMBLE, "\\begin{document}\n", "% " + _escape(title) + "\n"]
    parts.append("\n\n".join(body(doc)))
    parts.append("\n\n\\end{document}\n")
    return "".join(parts)

