r"""``--format latex``: a complete LaTeX document (pdflatex, amsmath) from a command's renderables.

Each operation becomes an ``align*``: its expression, then its operands as ``bmatrix`` blocks with
their names and shapes underneath, then its result, the ``=`` signs aligned::

    a_t &= x_t \cdot W_{xh} + h_{t-1} \cdot W_{hh}  && (1\times 3) + (1\times 3) \to (1\times 3) \\
        &= \underset{x_t W_{xh}\;(1\times 3)}{\begin{bmatrix}0.3 & 0.2 & 0.1\end{bmatrix}} + … \\
        &= \underset{a_t\;(1\times 3)}{\begin{bmatrix}0.3 & 0.2 & 0.1\end{bmatrix}}

The lecture's notation (``x_t·W_xh``, ``h_{t−1}``, ``h̃_t``, ``σ``, ``⊙``) is turned into TeX by
``math``; prose by ``text``, which sets the formulas inside a sentence in math mode. Only ASCII
reaches the file apart from the Latin-1 letters and quotes that ``inputenc``/``T1`` handle, so it
compiles with pdflatex as well as with xelatex and lualatex.
"""
from __future__ import annotations

import re

from rnntrace.render.flatten import (Eq, Explain, Grid, Matrix, OpHeading, Para, Section, Tab, Title,
                                     Verbatim, flatten)

GREEK = {"α": r"\alpha", "β": r"\beta", "γ": r"\gamma", "δ": r"\delta", "ε": r"\varepsilon",
         "η": r"\eta", "θ": r"\theta", "λ": r"\lambda", "μ": r"\mu", "π": r"\pi", "ρ": r"\rho",
         "σ": r"\sigma", "τ": r"\tau", "φ": r"\varphi", "ψ": r"\psi", "ω": r"\omega", "Γ": r"\Gamma",
         "Δ": r"\Delta", "Θ": r"\Theta", "Λ": r"\Lambda", "Π": r"\Pi", "Σ": r"\Sigma", "Φ": r"\Phi",
         "Ψ": r"\Psi", "Ω": r"\Omega"}
MATH_SYMBOLS = {"·": r"\cdot ", "⊙": r"\odot ", "−": "-", "×": r"\times ", "→": r"\to ",
                "←": r"\leftarrow ", "↦": r"\mapsto ", "≤": r"\le ", "≥": r"\ge ", "≈": r"\approx ",
                "≠": r"\ne ", "∈": r"\in ", "ℝ": r"\mathbb{R}", "∂": r"\partial ", "∞": r"\infty ",
                "‖": r"\|", "∏": r"\prod ", "∑": r"\sum ", "…": r"\dots ", "⋯": r"\cdots ", "±": r"\pm ",
                "∇": r"\nabla ", "⊗": r"\otimes ", "%": r"\%", "#": r"\#", "&": r"\&", "$": r"\$",
                "~": r"\sim ", "{": r"\{", "}": r"\}", "\\": r"\backslash ", "′": "'", "─": "-",
                "—": "-", "–": "-", "✓": r"\checkmark ", "✗": r"\times ", "|": "|", "°": r"^{\circ}"}
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
# Latin-1 letters and punctuation that utf8 inputenc + T1 fonts typeset as they are
TEXT_SAFE = set("áéíóúüñÁÉÍÓÚÜÑàèìòùçÇ¿¡«»ºª") | {chr(c) for c in range(32, 127)}
TEXT_SYMBOLS = {"“": "``", "”": "''", "‘": "`", "’": "'", "…": r"\dots{}", "—": "---", "–": "--",
                "✓": r"\ensuremath{\checkmark}", "✗": r"\ensuremath{\times}", "⚠": r"\textbf{!}",
                "ℹ": r"\textit{i}", "↳": r"\ensuremath{\hookrightarrow}", "─": "-", "│": "|",
                "•": r"\textbullet{}", "·": r"\ensuremath{\cdot}", "×": r"\ensuremath{\times}",
                "→": r"\ensuremath{\to}", "−": r"\ensuremath{-}", "\u00a0": "~"}
TEXT_ESCAPES = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "%": r"\%",
                "#": r"\#", "_": r"\_", "^": r"\^{}", "~": r"\~{}", "|": r"\textbar{}", "<": r"\textless{}",
                ">": r"\textgreater{}"}
# What makes a word of prose a formula
MATH_CHARS = set("_^·⊙−×→≤≥≈∈ℝ∂√‖∏∑ᵀ⁻⁰¹²³⁴⁵⁶⁷⁸⁹=+") | set(GREEK) | {COMBINING_TILDE}
OPERATORS = {"=", "+", "−", "-", "·", "⊙", "→", "×", "≈", "≤", "≥", "<", ">", "/", "∈"}
VERBATIM_MAP = {"─": "-", "━": "-", "│": "|", "┃": "|", "╭": "+", "╮": "+", "╰": "+", "╯": "+",
                "┌": "+", "┐": "+", "└": "+", "┘": "+", "├": "+", "┤": "+", "┬": "+", "┴": "+",
                "┼": "+", "█": "#", "▉": "#", "▊": "#", "▋": "=", "▌": "=", "▍": "-", "▎": "-", "▏": "-",
                "▁": "_", "▂": ".", "▃": "-", "▄": "=", "▅": "=", "▆": "#", "▇": "#", "⎡": "[", "⎢": "[",
                "⎣": "[", "⎤": "]", "⎥": "]", "⎦": "]", "“": '"', "”": '"', "‘": "'", "’": "'",
                "…": "...", "·": ".", "×": "x", "→": "->", "−": "-", "✓": "v", "✗": "x"}

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


def _script(s: str, i: int) -> tuple[str, int]:
    """The sub/superscript after ``_`` or ``^`` at s[i−1]: a {group}, a run of letters and digits,
    or one symbol. Returns (TeX, next index)."""
    if i >= len(s):
        return "{}", i
    if s[i] == "{":
        end = _group_end(s, i)
        return "{" + math(s[i + 1:end - 1]) + "}", end
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
        j = _group_end(s, j + 1) if j + 1 < len(s) and s[j + 1] == "{" else j + 1 + (
            len(re.match(r"[A-Za-z0-9]+|.", s[j + 1:]).group(0)) if j + 1 < len(s) else 0)
    return j


def math(s: str) -> str:
    """The lecture's notation as TeX math: ``h_{t−1}·W_hh`` → ``h_{t-1}\\cdot W_{hh}``."""
    out: list[str] = []
    i = 0
    while i < len(s):
        c = s[i]
        if c.isascii() and c.isalpha():
            m = re.match(r"[A-Za-z]+", s[i:])
            word = m.group(0)
            i += len(word)
            if word in FUNCTIONS:
                out.append(FUNCTIONS[word] + " ")
            elif len(word) > 1 and not (i < len(s) and s[i] in "_^" and len(word) <= 2):
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
            script, i = _script(s, i + 1)
            out.append(c + script)
        elif c == "√":
            end = _atom_end(s, i + 1)
            inner = s[i + 1:end]
            if inner.startswith("(") and inner.endswith(")"):
                inner = inner[1:-1]
            out.append(r"\sqrt{" + math(inner) + "}")
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
            out.append(mark + "{" + "".join(table[x] for x in s[i:j]) + "}")
            i = j
        elif c in MATH_SYMBOLS:
            out.append(MATH_SYMBOLS[c])
            i += 1
        elif c == COMBINING_TILDE:
            i += 1
        elif c == " ":  # spaces vanish in math; keep one between two names: "W_xh V×H"
            before, after = s[:i].rstrip()[-1:], s[i:].lstrip()[:1]
            if (before.isalnum() or before in ")]}'\u201d") and (after.isalnum() or after in "([{\u201c"):
                out.append(r"\ ")
            i += 1
        elif c.isascii():
            out.append(c)
            i += 1
        elif c in TEXT_SAFE or c in TEXT_SYMBOLS:
            out.append(r"\text{" + text(c) + "}")
            i += 1
        else:
            out.append("?")
            i += 1
    return "".join(out).strip()


def supported(ch: str) -> bool:
    """Whether ``ch`` is written as itself or as TeX (anything else becomes ``?``)."""
    return (ch.isascii() or ch in TEXT_SAFE or ch in TEXT_SYMBOLS or ch in GREEK or ch in MATH_SYMBOLS
            or ch in SUPERSCRIPTS or ch in SUBSCRIPTS or ch in (COMBINING_TILDE, "√"))


def _escape(word: str) -> str:
    out = []
    for ch in word:
        if ch in TEXT_ESCAPES:
            out.append(TEXT_ESCAPES[ch])
        elif ch in TEXT_SYMBOLS:
            out.append(TEXT_SYMBOLS[ch])
        elif ch in TEXT_SAFE:
            out.append(ch)
        elif ch in GREEK:
            out.append(r"\ensuremath{" + GREEK[ch] + "}")
        elif ch == COMBINING_TILDE:
            continue
        else:
            out.append("?")
    return "".join(out)


def _is_formula(word: str) -> bool:
    return any(ch in MATH_CHARS for ch in word)


def _neutral(word: str) -> bool:
    """A number or a one-letter name: a formula when an operator stands next to it."""
    return bool(re.fullmatch(r"[(\[]?(-?[0-9.]+|[A-Za-z])[)\]]?[,.:;]?", word))


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


def text(s: str) -> str:
    """Prose as LaTeX text, with its formulas (``x_t·W_xh``, ``(1×3)``, ``z_t ≈ 1``) in math mode."""
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
    out: list[str] = []
    k = 0
    while k < len(words):
        if not is_math[k]:
            out.append(_escape(words[k]))
            k += 1
            continue
        j = k
        while j + 1 < len(words) and is_math[j + 1] and words[j][-1:] not in (",", ";", ":", "."):
            j += 1
        run = " ".join(words[k:j + 1])
        lead, formula, trail = _peel(run)
        piece = _escape(lead) + ("$" + math(formula) + "$" if formula.strip() else "") + _escape(trail)
        out.append(piece)
        k = j + 1
    return " ".join(out)


# ---- items → LaTeX --------------------------------------------------------------------------
def _cell(c: str) -> str:
    return math(c)


def bmatrix(m: Matrix) -> str:
    if m.is_scalar:
        return _cell(m.cells[0][0])
    rows = [" & ".join(_cell(c) for c in row) for row in m.cells]
    return r"\begin{bmatrix}" + r" \\ ".join(rows) + r"\end{bmatrix}"


def operand(m: Matrix) -> str:
    """The operand's matrix with its name and shape under it."""
    body = bmatrix(m)
    if m.is_scalar or not m.label:
        return body
    return r"\underset{" + math(m.labelled()).replace("(", r"\;(", 1) + "}{" + body + "}"


def _op(sym: str) -> str:
    return {"·": r"\cdot", "+": "+", "⊙": r"\odot", "−": "-", ",": ",", "=": "="}.get(sym, math(sym))


def equation(eq: Eq, heading: OpHeading | None) -> str:
    """One operation as an ``align*``: expression, operands, result."""
    ops = eq.ops
    lines: list[str] = []
    lhs, note = "", ""
    if heading is not None:
        note = r" && \text{\small $" + math(heading.note) + "$}" if heading.note else ""
        if " = " in heading.text:
            left, right = heading.text.split(" = ", 1)
            lines.append(math(left) + " &= " + math(right) + note)
            note = ""
        else:
            lhs = math(heading.text)
    blocks = eq.operands
    if ops and ops[-1].startswith("─"):  # a function applied: a_t ─tanh→ h_t
        fn = ops[-1].strip("─→")
        expr = (math(fn) + r"\left(" + operand(blocks[0]) + r"\right)") if fn else operand(blocks[0])
        lines.append(lhs + " &= " + expr + note)
        lines.append(" &= " + operand(blocks[-1]))
    elif ops and ops[-1] == "=":
        parts = [operand(blocks[0])]
        for sym, b in zip(ops[:-1], blocks[1:-1]):
            parts.append(" " + _op(sym) + " " + operand(b))
        lines.append(lhs + " &= " + "".join(parts) + note)
        lines.append(" &= " + operand(blocks[-1]))
    else:  # a value shown on its own: x_t = [0 1 0 0 0]
        parts = [operand(blocks[0])]
        for sym, b in zip(ops, blocks[1:]):
            parts.append(" " + _op(sym) + " " + operand(b))
        name = math(blocks[0].label) if blocks[0].label else ""
        body = " ".join(parts) if len(blocks) > 1 or not name else bmatrix(blocks[0])
        lines.append((name + " &= " if name else "&") + body)
    return "\\begin{align*}\n" + " \\\\\n".join(lines) + "\n\\end{align*}"


def grid(g: Grid, per_line: int = 3) -> str:
    rows = [g.items[k:k + per_line] for k in range(0, len(g.items), per_line)]
    body = " \\\\\n".join(r" \qquad ".join(operand(m) for m in row) for row in rows)
    return "\\begin{gather*}\n" + body + "\n\\end{gather*}"


def table(tab: Tab) -> str:
    spec = "".join({"right": "r", "center": "c"}.get(j, "l") for j in tab.justify)
    head = " & ".join(r"\textbf{" + text(h) + "}" for h in tab.headers)
    rows = [" & ".join(text(" ".join(c.split())) for c in row) + r" \\" for row in tab.rows]
    title = (r"\textbf{" + text(tab.title) + "}\n\n") if tab.title else ""
    return (title + "\\begin{tabular}{" + spec + "}\n\\toprule\n" + head + " \\\\\n\\midrule\n"
            + "\n".join(rows) + "\n\\bottomrule\n\\end{tabular}")


def verbatim(v: Verbatim) -> str:
    body = "".join(VERBATIM_MAP.get(ch, ch) if not (ch.isascii() or ch in TEXT_SAFE) else ch for ch in v.text)
    body = "".join(ch if ch.isascii() else "?" for ch in body)  # verbatim is set byte by byte
    return "\\begin{verbatim}\n" + body.replace("\\end{verbatim}", "\\end {verbatim}") + "\n\\end{verbatim}"


STYLES = {"bold": r"\textbf{%s}", "note": r"\emph{%s}", "dim": r"{\small %s}", "bad": r"\textbf{%s}",
          "warn": r"\emph{%s}", "good": "%s", "plain": "%s"}


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
            lines = [text(line) for line in item.text.split("\n") if line.strip()]
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
