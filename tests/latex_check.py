"""Structural checks for a LaTeX document when no TeX engine is at hand: braces, environments,
``\\left``/``\\right`` and ``$`` balanced, every control word one the preamble's packages define,
and only characters pdflatex's utf8 input encoding with T1 fonts can typeset."""
from __future__ import annotations

import re

# control words used by rnntrace's LaTeX, all defined by LaTeX, amsmath, amssymb, booktabs, lmodern
KNOWN = set("""documentclass usepackage setcounter allowdisplaybreaks setlength parindent parskip begin end
section subsection par noindent textbf emph small itshape text ensuremath quad qquad underset
cdot odot times to leftarrow mapsto le ge approx ne in mathbb partial infty prod sum dots cdots pm nabla
otimes sim backslash checkmark hookrightarrow tanh log exp max min sin cos operatorname mathrm tilde sqrt
top circ left right alpha beta gamma delta varepsilon eta theta lambda mu pi rho sigma tau varphi psi omega
Gamma Delta Theta Lambda Pi Sigma Phi Psi Omega textbackslash textbar textless textgreater textbullet
textit toprule midrule bottomrule MaxMatrixCols""".split())
CONTROL = re.compile(r"\\([A-Za-z]+)")
ALLOWED_CHARS = set("áéíóúüñÁÉÍÓÚÜÑàèìòùçÇ¿¡«»ºª")


def strip_verbatim(tex: str) -> str:
    return re.sub(r"\\begin\{verbatim\}.*?\\end\{verbatim\}", "", tex, flags=re.S)


def problems(tex: str) -> list[str]:
    out = []
    body = strip_verbatim(tex)
    nocomment = "\n".join(re.sub(r"(?<!\\)%.*", "", line) for line in body.splitlines())
    unescaped = re.sub(r"\\[{}$%&#_]", "", nocomment)
    depth = 0
    for k, ch in enumerate(unescaped):
        depth += ch == "{"
        depth -= ch == "}"
        if depth < 0:
            out.append(f"unbalanced }} near {unescaped[max(0, k - 60):k + 1]!r}")
            depth = 0
    if depth:
        out.append(f"{depth} unclosed {{")
    stack = []
    for m in re.finditer(r"\\(begin|end)\{([^}]*)\}", nocomment):
        if m.group(1) == "begin":
            stack.append(m.group(2))
        elif not stack or stack.pop() != m.group(2):
            out.append(f"\\end{{{m.group(2)}}} does not close the open environment")
    out += [f"\\begin{{{e}}} never closed" for e in stack]
    if len(re.findall(r"\\left\b", nocomment)) != len(re.findall(r"\\right\b", nocomment)):
        out.append("\\left and \\right unbalanced")
    for k, para in enumerate(re.split(r"\n\s*\n", nocomment)):
        if len(re.findall(r"(?<!\\)\$", para)) % 2:
            out.append(f"odd number of $ in paragraph {k}: {para[:120]!r}")
    for word in sorted(set(CONTROL.findall(nocomment)) - KNOWN):
        out.append(f"unknown control word \\{word}")
    bad = sorted({ch for ch in body if not (ch.isascii() or ch in ALLOWED_CHARS)})
    if bad:
        out.append("characters pdflatex cannot set: " + " ".join(f"{c} (U+{ord(c):04X})" for c in bad))
    return out
