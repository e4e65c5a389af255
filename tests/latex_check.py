"""Structural checks for a LaTeX document when no TeX engine is at hand: braces, environments,
``\\left``/``\\right`` and ``$`` balanced, every control word one the preamble's packages define
(or the preamble itself), only characters pdflatex's utf8 input encoding with T1 fonts can
typeset, and no sign of a character or a notation lost on the way (``[U+XXXX]``, ``^{(}``)."""
from __future__ import annotations

import re

# control words used by rnntrace's LaTeX, all defined by LaTeX, amsmath, amssymb, booktabs or lmodern
KNOWN = set("""documentclass usepackage raggedright setcounter allowdisplaybreaks setlength parindent parskip begin end
section subsection par noindent textbf emph small itshape text ensuremath quad qquad underset
cdot odot times to leftarrow mapsto le ge approx ne in mathbb partial infty prod sum dots cdots pm nabla
otimes sim backslash ell checkmark hookrightarrow tanh log exp max min sin cos operatorname mathrm tilde sqrt
top circ left right alpha beta gamma delta varepsilon eta theta lambda mu pi rho sigma tau varphi psi omega
Gamma Delta Theta Lambda Pi Sigma Phi Psi Omega textbackslash textbar textless textgreater textbullet
textit toprule midrule bottomrule MaxMatrixCols
rule hspace
div leftrightarrow Rightarrow hookleftarrow equiv propto oplus langle rangle surd mathbf tfrac
xi zeta kappa nu chi epsilon phi hat bar dot ddot acute grave check mathrel phantom texttt dagger
textasciicircum textasciitilde textasciigrave textquotesingle textquotedbl
frac mid""".split())
CONTROL = re.compile(r"\\([A-Za-z]+)")
ALLOWED_CHARS = {chr(c) for c in range(0xC0, 0x100)} - {"×", "÷"} | set("¿¡«»ºª")
LOST = re.compile(r"\[U\+[0-9A-F]{4,5}\]|[\^_]\{[(\[]\}|\?")


def lost(tex: str, shown: str = "") -> list[str]:
    """Signs of something lost between the terminal's text ``shown`` and the LaTeX: a character
    without a TeX spelling (``[U+2016]``), a script that took one bracket instead of its group
    (``L^{(}t)``), or more ``?`` than the text itself holds (a character replaced by ``?``)."""
    out = [f"lost: {m.group(0)!r} in {tex[max(0, m.start() - 50):m.end() + 30]!r}"
           for m in LOST.finditer(tex) if m.group(0) != "?"]
    if tex.count("?") > shown.count("?"):
        out.append(f"{tex.count('?')} '?' in the LaTeX for {shown.count('?')} in the text")
    return out


def problems(tex: str) -> list[str]:
    out = []
    body = tex[tex.index("\\begin{document}"):] if "\\begin{document}" in tex else tex
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
