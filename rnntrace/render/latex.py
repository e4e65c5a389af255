r"""``--format latex``: a complete LaTeX document (pdflatex, amsmath) from a command's renderables.

Each operation becomes an ``align*``: its expression and the shapes, then its operands as
``bmatrix`` blocks with their names and shapes underneath, then its result, the ``=`` signs
aligned::

    a_t &= x_t \cdot W_{xh} + h_{t-1} \cdot W_{hh} \qquad (1\times 3) + (1\times 3) \to (1\times 3) \\
        &= \underset{x_t W_{xh}\;(1\times 3)}{\begin{bmatrix}0.3 & 0.2 & 0.1\end{bmatrix}} + … \\
        &= \underset{a_t\;(1\times 3)}{\begin{bmatrix}0.3 & 0.2 & 0.1\end{bmatrix}}

The lecture's notation (``x_t·W_xh``, ``h_{t−1}``, ``h̃_t``, ``L^(t)``, ``σ``, ``⊙``) is turned into
TeX by ``math``; prose by ``text``, which sets the formulas inside a sentence in math mode. Every
other character the tool prints has a TeX spelling (a symbol in math mode, an accent, a rule for a
bar of a chart), so only ASCII reaches the file apart from the Latin-1 letters that ``inputenc``
and ``T1`` handle: it compiles with pdflatex as well as with xelatex and lualatex.
"""
from __future__ import annotations

import re
import unicodedata

from rnntrace.render.flatten import (Eq, Explain, Grid, Matrix, OpHeading, Para, Section, Tab, Title,
                                     Verbatim, flatten)

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
                "⟨": r"\langle ", "⟩": r"\rangle ", "√": r"\surd "}
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
                "√": r"\ensuremath{\surd}", "°": r"\ensuremath{^{\circ}}"}
TEXT_ESCAPES = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "%": r"\%",
                "#": r"\#", "_": r"\_", "^": r"\^{}", "~": r"\~{}", "|": r"\textbar{}", "<": r"\textless{}",
                ">": r"\textgreater{}"}
# bars of a chart (left eighths, lower eighths) and box drawing, as rules and ASCII
LEFT_BLOCKS = {"▏": 1, "▎": 2, "▍": 3, "▌": 4, "▋": 5, "▊": 6, "▉": 7, "█": 8}
LOWER_BLOCKS = {"▁": 1, "▂": 2, "▃": 3, "▄": 4, "▅": 5, "▆": 6, "▇": 7}
BOX_HORIZONTAL = set("─━═╌┄")
BOX_VERTICAL = set("│┃║╎┆")
BOX_CORNERS = set("╭╮╰╯┌┐└┘├┤┬┴┼┏┓┗┛┣┫┳┻╋┡┩╇┢┪╈┠┨┯┷┿╞╡╤╧╪")
# What makes a word of prose a formula
MATH_CHARS = set("_^·⊙−×→≤≥≈∈ℝ∂√‖∏∑ᵀ⁻⁰¹²³⁴⁵⁶⁷⁸⁹=+𝟙÷′") | set(GREEK) | {COMBINING_TILDE}
OPERATORS = {"=", "+", "−", "-", "·", "⊙", "→", "×", "≈", "≤", "≥", "<", ">", "/", "∈", "+=", "÷", "~"}
NUMBER = re.compile(r"[(\[]?[−-]?(\d+(\.\d*)?([eE][+−-]?\d+)?%?|inf|nan|∞)[)\]]?[,.:;]?")
LETTERS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u017f"

# rnnverb: a monospaced block (a chart), each character one column (\rnncw) of the typewriter
# font, the bars of a chart drawn as rules
PREAMBLE = r"""\documentclass[11pt]{article}
\usepackage[utf8]{inputenc}
\usepackage[T1]{fontenc}
\usepackage{lmodern}
\usepackage{amsmath,amssymb}
\usepackage[a4paper,margin=2cm]{geometry}
\usepackage{booktabs}
\usepackage{alltt}
\setcounter{MaxMatrixCols}{64}
\allowdisplaybreaks
\setlength{\parindent}{0pt}
\setlength{\parskip}{4pt}
\newlength{\rnncw}
\newcommand{\rnnchar}[1]{\makebox[\rnncw]{#1}}
\newcommand{\rnnbar}[1]{\makebox[\rnncw][l]{\rule[-0.3ex]{#1\rnncw}{2.2ex}}}
\newcommand{\rnnlowbar}[1]{\makebox[\rnncw][l]{\rule[-0.3ex]{\rnncw}{#1ex}}}
\newcommand{\rnnhline}{\makebox[\rnncw][l]{\rule[0.5ex]{\rnncw}{0.4pt}}}
\newenvironment{rnnverb}{\small\begin{alltt}\settowidth{\rnncw}{x}}{\end{alltt}}
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


def _mono_char(ch: str) -> str:
    """One character of a monospaced block: one column wide whatever it is."""
    if ch in "\\{}":
        return {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}"}[ch]
    if ch in "$&#_%":
        return "\\" + ch
    if ch == "^":
        return r"\textasciicircum{}"
    if ch == "~":
        return r"\textasciitilde{}"
    if ch in "`'\"<>-,!?":  # no ligatures (``, '', <<, --, ?`, !`) in a block
        return r"\rnnchar{" + {"`": r"\textasciigrave", "'": r"\textquotesingle", '"': r"\textquotedbl",
                               "<": r"\textless", ">": r"\textgreater"}.get(ch, ch) + "}"
    if ch.isascii() or ch in LATIN1_LETTERS or ch in "¿¡":
        return ch
    if ch in LEFT_BLOCKS:
        return r"\rnnbar{%.3f}" % (LEFT_BLOCKS[ch] / 8)
    if ch in LOWER_BLOCKS:
        return r"\rnnlowbar{%.2f}" % (LOWER_BLOCKS[ch] * 2.2 / 8)
    if ch in BOX_HORIZONTAL:
        return r"\rnnhline{}"
    if ch in BOX_VERTICAL:
        return r"\rnnchar{|}"
    if ch in BOX_CORNERS:
        return r"\rnnchar{+}"
    if ch in ACCENTS or ch == COMBINING_TILDE:  # drawn over the character before
        return ""
    return r"\rnnchar{" + _escape_char(ch) + "}"


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
    m = re.match(r"[0-9.]+|[A-Za-z]+|.", s[i:])
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
        out[k:] = ["{" + "".join(out[k:]) + "}"]
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
            if i < len(s) and s[i] == COMBINING_TILDE:
                out[-1] = r"\tilde{" + out[-1] + "}"
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
            i = j
        elif c.isascii():
            out.append(c)
            i += 1
        else:
            out.append(r"\text{" + _escape_char(c) + "}")
            i += 1
    return "".join(out).strip()


def _is_formula(word: str) -> bool:
    if NUMBER.fullmatch(word):
        return False
    return any(ch in MATH_CHARS for ch in word) or bool(re.match(r"[(\[]?[A-Za-z]\(", word)) \
        or bool(re.match(r"(" + "|".join(FUNCTIONS) + r")\(", word))


def _neutral(word: str) -> bool:
    """A number or a one-letter name: a formula when an operator stands next to it."""
    return bool(NUMBER.fullmatch(word) or re.fullmatch(r"[(\[]?[A-Za-z][)\]]*[,.:;]?", word))


def _open(run: str) -> int:
    """Brackets opened and not closed in ``run``."""
    return run.count("(") + run.count("[") + run.count("{") - run.count(")") - run.count("]") - run.count("}")


def _peel(word: str) -> tuple[str, str, str]:
    """(leading text, formula, trailing text): sentence punctuation and unmatched brackets stay text."""
    lead, trail = "", ""
    changed = True
    while changed and word:
        changed = False
        if word[-1] in ",.:;!?":
            trail, word, changed = word[-1] + trail, word[:-1], True
        elif word.endswith(")") and word.count(")") > word.count("("):
            trail, word, changed = ")" + trail, word[:-1], True
        elif word.startswith("(") and word.count("(") > word.count(")"):
            lead, word, changed = lead + "(", word[1:], True
    return lead, word, trail


_NEGATIVE = re.compile(r"^-(?=\.?\d)")


def _escape_word(word: str) -> str:
    """A word of prose; a negative number's sign is a minus (``$-$``), not a hyphen."""
    if _NEGATIVE.match(word):
        return "$-$" + _escape(word[1:])
    return _escape(word)


def text(s: str) -> str:
    """Prose as LaTeX text, with its formulas (``x_t·W_xh``, ``(1×3)``, ``z_t ≈ 1``) in math mode.
    A gap of two or more spaces (a formula, then its shapes) stays a gap: ``\\quad``."""
    parts = re.split(r"(?<=\S) {2,}(?=\S)", s)
    if len(parts) > 1:
        return r" \quad ".join(_text(p) for p in parts)
    return _text(s)


def _text(s: str) -> str:
    words = s.split(" ")
    kinds = []
    for w in words:
        if w in OPERATORS:
            kinds.append("op")
        elif _is_formula(w):
            kinds.append("math")
        elif _neutral(w):
            kinds.append("neutral")
        else:
            kinds.append("text")
    is_math = [k in ("op", "math") for k in kinds]
    for k, kind in enumerate(kinds):
        if kind == "neutral" and ((k > 0 and kinds[k - 1] == "op") or (k + 1 < len(kinds) and kinds[k + 1] == "op")):
            is_math[k] = True
        elif (kind in ("text", "neutral") and len(words[k]) == 1 and words[k] in "ABCDEFGHJKLMNOPQRSTUVWXYZ"
              and k + 1 < len(kinds) and kinds[k + 1] == "math"):
            is_math[k] = True  # a matrix named by one capital before its shape: "X (5×4)"
    out: list[str] = []
    k = 0
    while k < len(words):
        if not is_math[k]:
            out.append(_escape_word(words[k]))
            k += 1
            continue
        j = k
        while j + 1 < len(words):
            run = " ".join(words[k:j + 1])
            if _open(run) > 0 and (is_math[j + 1] or kinds[j + 1] == "neutral" or _open(words[j + 1]) < 0
                                   and len(words[j + 1]) <= 3):
                j += 1  # inside a bracket: A(Q, K, V), sin(ω_k t)
            elif is_math[j + 1] and words[j][-1:] not in (",", ";", ":", ".", "?", "!"):
                j += 1
            else:
                break
        run = " ".join(words[k:j + 1])
        lead, formula, trail = _peel(run)
        if not formula.strip() or not any(ch.isalnum() or ch in MATH_CHARS for ch in formula):
            out.append(_escape(run))
        else:
            out.append(_escape(lead) + "$" + math(formula) + "$" + _escape(trail))
        k = j + 1
    return " ".join(out)


# ---- items → LaTeX --------------------------------------------------------------------------
def _cell(c: str) -> str:
    return math(c)


def _label_column(m: Matrix) -> str:
    rows = r" \\ ".join(r"\text{" + _escape(x) + "}" for x in m.row_labels)
    return r"\begin{matrix}" + rows + r"\end{matrix}\;"


def bmatrix(m: Matrix) -> str:
    if m.is_scalar:
        return _cell(m.cells[0][0])
    rows = [" & ".join(_cell(c) for c in row) for row in m.cells]
    body = r"\begin{bmatrix}" + r" \\ ".join(rows) + r"\end{bmatrix}"
    return (_label_column(m) + body) if m.row_labels else body


def _name(m: Matrix) -> str:
    """The operand's name and shape, set under it: ``x_{t}\\;(1\\times 5)``."""
    label = m.labelled()
    shape = re.search(r"\s*\((\d+×\d+)\)\s*$", label)
    if shape is None:
        return math(label)
    return math(label[:shape.start()]) + r"\;" + math("(" + shape.group(1) + ")")


def operand(m: Matrix) -> str:
    """The operand's matrix with its name and shape under it."""
    body = bmatrix(m)
    if m.is_scalar or not m.label:
        return body
    return r"\underset{" + _name(m) + "}{" + body + "}"


def _width(m: Matrix) -> float:
    """Roughly how wide the operand is set, in em (to break lines that would not fit)."""
    if m.is_scalar:
        return 0.6 * len(m.cells[0][0])
    cols = max(len(r) for r in m.cells)
    widths = [max(len(r[j]) for r in m.cells if j < len(r)) for j in range(cols)]
    body = sum(0.5 * w + 0.9 for w in widths) + 0.8
    if m.row_labels:
        body += 0.5 * max(len(x) for x in m.row_labels) + 1.2
    return max(body, 0.42 * len(m.labelled()))


LINE_EM = 40.0  # what fits on a line of the text block (17 cm at 11 pt), leaving room for "="


def _op(sym: str) -> str:
    return {"·": r"\cdot", "+": "+", "⊙": r"\odot", "−": "-", ",": ",", "=": "="}.get(sym, math(sym))


def _chain(blocks: list[Matrix], ops: list[str]) -> list[str]:
    """``A · B + C`` as one line, or as several (each starting with its operator) if too wide."""
    lines, width = [operand(blocks[0])], _width(blocks[0])
    for sym, b in zip(ops, blocks[1:]):
        w = _width(b) + 1.5
        if width + w > LINE_EM:
            lines.append(_op(sym) + " " + operand(b))
            width = w
        else:
            lines[-1] += " " + _op(sym) + " " + operand(b)
            width += w
    return lines


def equation(eq: Eq, heading: OpHeading | None) -> str:
    """One operation as an ``align*``: its expression and shapes, its operands, its result."""
    ops = eq.ops
    lines: list[str] = []
    if heading is not None:
        # beside the expression, not in a column of its own (that would widen every line under it)
        note = r"\qquad\text{\small $" + math(heading.note) + "$}" if heading.note else ""
        m = re.match(r"(.+?) (\+?=) (.+)$", heading.text)
        if m:
            rel = "&= " if m.group(2) == "=" else r"&\mathrel{+}= "
            lines.append(math(m.group(1)) + " " + rel + math(m.group(3)) + note)
        else:  # an expression with no name: it starts where the = of the lines under it stand
            lines.append("& " + math(heading.text) + note)
    blocks = eq.operands
    if ops and ops[-1].startswith("─"):  # a function applied: a_t ─tanh→ h_t
        fn = ops[-1].strip("─→")
        arg = operand(blocks[0])
        lines.append("&= " + ((math(fn) + r"\left(" + arg + r"\right)") if fn else arg))
        lines.append("&= " + operand(blocks[-1]))
    elif ops and ops[-1] == "=":
        chain = _chain(blocks[:-1], ops[:-1])
        lines.append("&= " + chain[0])
        lines += [r"&\phantom{=}\; " + x for x in chain[1:]]
        lines.append("&= " + operand(blocks[-1]))
    else:  # a value shown on its own: x_t = [0 1 0 0 0], or operands without a result
        name = math(blocks[0].label) if blocks[0].label and len(blocks) == 1 else ""
        if name:
            lines.append(name + " &= " + bmatrix(blocks[0]))
        else:
            chain = _chain(blocks, ops)
            lines.append("& " + chain[0])
            lines += ["& " + x for x in chain[1:]]
    return "\\begin{align*}\n" + " \\\\\n".join(lines) + "\n\\end{align*}"


def grid(g: Grid) -> str:
    """Operands side by side, as many on a line as fit."""
    rows: list[list[Matrix]] = [[]]
    width = 0.0
    for m in g.items:
        w = _width(m) + 2
        if rows[-1] and width + w > LINE_EM + 4:
            rows.append([])
            width = 0.0
        rows[-1].append(m)
        width += w
    body = " \\\\\n".join(r" \qquad ".join(operand(m) for m in row) for row in rows)
    return "\\begin{gather*}\n" + body + "\n\\end{gather*}"


def _table_cell(c: str, bold: bool = False) -> str:
    lines = [text(" ".join(x.split())) for x in c.split("\n") if x.strip()]
    if bold:
        lines = [r"\textbf{" + x + "}" for x in lines]
    if len(lines) > 1:  # a cell of several lines: stacked in the column
        return r"\begin{tabular}[b]{@{}c@{}}" + r" \\ ".join(lines) + r"\end{tabular}"
    return lines[0] if lines else ""


def table(tab: Tab) -> str:
    spec = "".join({"right": "r", "center": "c"}.get(j, "l") for j in tab.justify)
    head = " & ".join(_table_cell(h, bold=True) for h in tab.headers)
    rows = [" & ".join(_table_cell(c) for c in row) + r" \\" for row in tab.rows]
    title = (r"\textbf{" + text(tab.title) + "}\n\n") if tab.title else ""
    top = ("\\toprule\n" + head + " \\\\\n\\midrule\n") if any(h.strip() for h in tab.headers) else "\\toprule\n"
    return (title + "\\begin{tabular}{" + spec + "}\n" + top + "\n".join(rows) + "\n\\bottomrule\n\\end{tabular}")


def verbatim(v: Verbatim) -> str:
    """A block kept as the terminal draws it (a chart): monospaced, each character one column,
    the bars of a chart as rules."""
    body = "\n".join("".join(_mono_char(ch) for ch in line) for line in v.text.split("\n"))
    return "\\begin{rnnverb}\n" + body + "\n\\end{rnnverb}"


STYLES = {"bold": r"\textbf{%s}", "note": r"\emph{%s}", "dim": r"{\small %s}", "bad": r"\textbf{%s}",
          "warn": r"\emph{%s}", "good": "%s", "plain": "%s"}


def _line(s: str) -> str:
    """A line of prose; an indented line (a formula under a heading) keeps an indent."""
    indent = len(s) - len(s.lstrip(" "))
    return (r"\quad " if indent >= 2 else "") + text(s.strip())


def body(items) -> list[str]:
    out: list[str] = []
    first_title = True
    pending: OpHeading | None = None
    for item in items:
        if pending is not None and not isinstance(item, Eq):
            out.append(r"\noindent$" + math(pending.text) + "$" + (
                r"\quad{\small $" + math(pending.note) + "$}" if pending.note else "") + r"\par")
            pending = None
        if isinstance(item, Title):
            out.append((r"\section*{" if first_title else r"\subsection*{") + text(item.text) + "}")
            first_title = False
        elif isinstance(item, Section):
            out.append(r"\subsection*{" + text(item.text) + "}")
        elif isinstance(item, Para):
            lines = [_line(line) for line in item.text.split("\n") if line.strip()]
            out.append(STYLES[item.style] % " \\\\ ".join(lines) + r"\par")
        elif isinstance(item, OpHeading):
            pending = item
        elif isinstance(item, Eq):
            out.append(equation(item, pending))
            pending = None
        elif isinstance(item, Explain):
            out.append(r"{\small\itshape $\hookrightarrow$ " + text(" ".join(item.text.split())) + r"\par}")
        elif isinstance(item, Grid):
            out.append(grid(item))
        elif isinstance(item, Tab):
            out.append(table(item))
        elif isinstance(item, Verbatim):
            out.append(verbatim(item))
    if pending is not None:
        out.append(r"\noindent$" + math(pending.text) + r"$\par")
    return out


def document(renderables, title: str) -> str:
    """A complete LaTeX document holding everything the renderables show."""
    items = flatten(renderables)
    parts = [PREAMBLE, "\\begin{document}\n", "% " + _escape(title) + "\n"]
    parts.append("\n\n".join(body(items)))
    parts.append("\n\n\\end{document}\n")
    return "".join(parts)
