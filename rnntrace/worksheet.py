"""``rnntrace worksheet``: a trace as a sheet to fill in by hand, and its answer key.

The sheet lists, step by step in the trace's order, every value with the formula that computes it
(the same values and keys as ``rnntrace check``), with the chosen ones (``--blank h,p,delta``)
left blank; the key is the same sheet with the blanks filled in. For a student ID the weights are
drawn from a seed computed from the ID (SHA-256, stable across runs and machines, unlike Python's
``hash``), so each student gets their own numbers and their key matches them. Both are written
from the trace's arrays, as LaTeX, Markdown or HTML; nothing is read back from another output.
"""
from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass, replace

import numpy as np

from rnntrace.check.core import DEFAULT_EXAMPLE, Plan, Slot, build_plan
from rnntrace.check.sheet import Spec
from rnntrace.check.view import cell_name
from rnntrace.errors import InputError
from rnntrace.explain import Explainer
from rnntrace.i18n import Text, listed, t
from rnntrace.notation import as_shown, dims, fmt_array, fmt_scalar, is_gradient, statement

FORMATS = ("markdown", "latex", "html")
EXTENSIONS = {"markdown": ".md", "latex": ".tex", "html": ".html"}
DEFAULT_BLANKS = ("h", "p", "loss")
PRECISION = 4
MAX_STUDENTS = 500


def student_seed(student: str) -> int:
    """The weights' seed for a student ID: the first 8 bytes of SHA-256 of the ID, as a number
    below 2^63 (the same on every machine and every run)."""
    digest = hashlib.sha256(b"rnntrace worksheet\0" + student.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") >> 1


@dataclass
class Entry:
    """One value on the sheet: its key, how the trace writes it, its formula, its value as the
    convention shows it (2-D), and whether the student fills it in."""

    key: str
    name: str
    formula: str
    value: np.ndarray
    blank: bool
    scalar: bool = False  # a number, not a vector (L_t): written without brackets
    explanation: str | None = None  # --explain: what the op does and why
    tree: tuple | None = None  # (target, expression, accumulate): the formula as trees, for TeX


@dataclass
class Part:
    """One step of the forward or the backward pass."""

    phase: str
    t: int
    title: str
    entries: list[Entry]


@dataclass
class Sheet:
    title: str
    student: str | None
    seed: int
    cell: str
    hidden_size: int
    vocab: list[str]
    convention: str
    params: dict[str, np.ndarray]  # as the convention shows them
    parts: list[Part]
    gru_variant: str | None = None  # the GRU's form (None for the other cells)
    drawn: tuple[str, ...] = ()  # the weights drawn from ``seed``; the others are the example's

    @property
    def blanks(self) -> int:
        return sum(e.blank for p in self.parts for e in p.entries)


def _formula(slot: Slot, step, conv: str) -> str:
    if slot.key == "x":
        return f"x_t = onehot(“{step.token}”)"
    if slot.key == "loss":
        return f"L_t = −log p_t[“{step.target}”]"
    return statement(slot.op, conv)


def _tree(slot: Slot, step) -> tuple:
    """The formula as trees (target, expression, whether it adds to a gradient), as ``_formula``
    writes it: what a TeX sheet writes from each symbol's own TeX."""
    from rnntrace import cells
    from rnntrace.notation import indexed, word
    from rnntrace.trace import Apply, Neg, Sym

    if slot.key == "x":
        return cells.X, Apply("onehot", word(step.token)), False
    if slot.key == "loss":
        return Sym("L_t", None, "L_{t}"), Neg(Apply("log", indexed(cells.PROB, word(step.target)))), False
    return slot.op.target, slot.op.expr, is_gradient(slot.op.target)


def _title(step) -> str:
    if step.target is None:
        return t("forward.step", t=step.t, token=step.token)
    return t("forward.step_target", t=step.t, token=step.token, target=step.target)


def build(spec: Spec, blanks: tuple[str, ...], student: str | None = None, auto: bool = False,
          explain: bool = False, optional: bool = False) -> Sheet:
    """The sheet of the trace ``spec`` names, for ``student`` (None: the example's own numbers).

    A student's sheet draws every weight from ``student_seed(student)`` (the example's own weights
    are set aside; its biases stay as the example gives them). The backward pass lists what it
    passes back (∂L/∂y_t, ∂L/∂h_t, δ_t …), and a weight's or bias's gradient only when blanked.
    ``auto``: a forward sheet, or a bptt one when a blank is a value of the backward pass only.
    ``explain``: each op's explanation (``rnntrace.explain``), said under its step. ``optional``:
    the blanks are the default ones, and one the trace does not have (the loss of a sentence with
    no target) is left out rather than refused."""
    from rnntrace import examples

    ex = examples.load(spec.example or DEFAULT_EXAMPLE[spec.command])
    seed = spec.seed
    if student is not None:
        seed = student_seed(student)
        ex = replace(ex, weights={k: v for k, v in ex.weights.items() if k.startswith("b_")})
        spec = replace(spec, seed=seed)
    plan: Plan = build_plan(spec, ex)
    keys = {s.key for s in plan.slots()}
    unknown = [b for b in blanks if b not in keys]
    if unknown and optional:
        blanks, unknown = tuple(b for b in blanks if b in keys), []
    if unknown and auto and spec.command == "forward":
        return build(replace(spec, command="bptt"), blanks, student, explain=explain)
    if unknown:
        raise InputError(t("check.sheet.unknown_blank", key=unknown[0], command=plan.command,
                           keys=", ".join(sorted(keys))))
    conv = plan.convention
    steps = {("forward", s.t): s for s in plan.forward}
    parts: dict[tuple[str, int], Part] = {}
    explainer = Explainer(explain)
    for slot in plan.slots():
        _add_entry(parts, slot, steps["forward", slot.t], conv, blanks, explainer)
    return Sheet(ex.title, student, seed if seed is not None else ex.seed, plan.cell,
                 plan.forward[0].values["h"].shape[-1], plan.vocab, conv,
                 {n: as_shown(v, conv) for n, v in plan.params.items() if n not in plan.implicit_zero},
                 list(parts.values()), plan.cell_variant, tuple(plan.drawn))


def _add_entry(parts: dict, slot: Slot, step, conv: str, blanks: tuple[str, ...], explainer: Explainer) -> None:
    """The slot's line on the sheet, under its step (the backward pass: what it passes back, and
    a weight's or bias's gradient only when blanked)."""
    if slot.phase == "backward" and is_gradient(slot.op.target) and slot.key not in blanks:
        return
    title = _title(step) if slot.phase == "forward" else t("check.where.backward", t=slot.t)
    part = parts.setdefault((slot.phase, slot.t), Part(slot.phase, slot.t, title, []))
    said = explainer.op(slot.op, conv) if slot.op is not None else None
    part.entries.append(Entry(slot.key, slot.name(conv), _formula(slot, step, conv), as_shown(slot.value, conv),
                              slot.key in blanks, np.ndim(slot.value) == 0, said, _tree(slot, step)))


def said(part: Part, key: bool) -> list[tuple[str, str]]:
    """(name, explanation) under a step; a blank's only in the key (it may quote the answer)."""
    return [(e.name, e.explanation) for e in _said(part, key)]


def _said(part: Part, key: bool) -> list[Entry]:
    return [e for e in part.entries if e.explanation and (key or not e.blank)]


def _numbers(value: np.ndarray, scalar: bool = False) -> list[list[str]]:
    """The numbers as the terminal writes them: an array's common decimals, a scalar's all four."""
    return [[fmt_scalar(float(value.ravel()[0]), PRECISION)]] if scalar else fmt_array(value, PRECISION)


# ---- Markdown -------------------------------------------------------------------------------------------
def _md_code(s: str) -> str:
    s = s.replace("`", "ˋ")
    return f"`{s}`"


def _md_value(e: Entry, key: bool) -> str:
    rows = _numbers(e.value, e.scalar)
    if e.blank and not key:
        rows = [["____"] * len(r) for r in rows]
    text = "; ".join(" ".join(r) for r in rows)
    text = _md_code(text if e.scalar else f"[{text}]")
    return f"**{text}**" if e.blank and key else text


def markdown(sheet: Sheet, key: bool) -> str:
    out = [f"# {_heading(sheet, key)}", "", _intro(sheet), ""]
    out += [f"## {t('forward.params')}", ""]
    for name, value in sheet.params.items():
        out += [f"{_md_code(name)} ({dims(value.shape)})", "", "```"]
        out += [" ".join(c.rjust(7) for c in row).rstrip() for row in _numbers(value)]
        out += ["```", ""]
    for part in sheet.parts:
        out += [f"## {part.title}", "", f"| {t('check.sheet.col.value')} | {t('check.sheet.col.formula')} | "
                f"{t('check.sheet.col.numbers')} |", "|---|---|---|"]
        for e in part.entries:
            out.append(f"| {_md_code(e.name)} | {_md_code(e.formula)} | {_md_value(e, key)} |")
        out.append("")
        out += [f"- {_md_code(name)}: {text}" for name, text in said(part, key)]
        if said(part, key):
            out.append("")
    return "\n".join(out)


# ---- LaTeX ------------------------------------------------------------------------------------------------
def _tex_value(e: Entry, key: bool) -> str:
    rows = _numbers(e.value, e.scalar)
    if e.blank and not key:
        cells = [[r"\rule{1.3cm}{0.4pt}"] * len(r) for r in rows]
    else:
        cells = rows
        if e.blank:
            cells = [[rf"\mathbf{{{c}}}" for c in r] for r in cells]
    body = r" \\ ".join(" & ".join(r) for r in cells)
    return f"${body}$" if e.scalar else rf"$\begin{{bmatrix}}{body}\end{{bmatrix}}$"


def latex(sheet: Sheet, key: bool) -> str:
    from rnntrace.cells import param
    from rnntrace.render import latex as tex

    out = [tex.PREAMBLE.rstrip(), r"\begin{document}", rf"\section*{{{tex.text(_heading(sheet, key))}}}",
           tex.text(_intro(sheet)), "", rf"\subsection*{{{tex.text(t('forward.params'))}}}"]
    out.append(r"{\raggedright")  # a row of matrices breaks before the margin (justified, it ran past it)
    for name, value in sheet.params.items():
        rows = r" \\ ".join(" & ".join(r) for r in _numbers(value))
        out.append(rf"${tex.expr(param(name), sheet.convention)} = \begin{{bmatrix}}{rows}\end{{bmatrix}}$ \quad")
    out.append(r"\par}")
    for part in sheet.parts:
        out += ["", rf"\subsection*{{{tex.text(part.title)}}}", r"{\small", r"\begin{tabular}{lll}", r"\toprule"]
        out.append(" & ".join(tex.text(t(f"check.sheet.col.{c}")) for c in ("value", "formula", "numbers"))
                   + r" \\ \midrule")
        for e in part.entries:
            target, expr, adds = e.tree
            name = tex.expr(target, sheet.convention)
            formula = name + (r" \mathrel{+}= " if adds else " = ") + tex.expr(expr, sheet.convention)
            out.append(rf"${name}$ & ${formula}$ & {_tex_value(e, key)} \\")
        out += [r"\bottomrule", r"\end{tabular}}"]
        out += [rf"\par{{\small ${tex.expr(e.tree[0], sheet.convention)}$: {tex.text(e.explanation)}}}"
                for e in _said(part, key)]
    out += [r"\end{document}", ""]
    return "\n".join(out)


# ---- HTML -------------------------------------------------------------------------------------------------
STYLE = ("body{font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:collapse;margin:.5em 0}"
         "td,th{border:1px solid #999;padding:.25em .6em;text-align:left}code{font-size:1em}"
         ".blank{display:inline-block;min-width:3.5em;border-bottom:1px solid #000;margin:0 .2em}"
         ".answer{font-weight:bold;background:#ffe9a8}pre{margin:.2em 0 1em}")


def _open(name: str, *flags: str, **attrs: str) -> str:
    """An opening tag: ``_open("span", cls="blank")`` → ``<span class="blank">``."""
    words = [name, *flags] + [f'{"class" if k == "cls" else k}="{html.escape(v)}"' for k, v in attrs.items()]
    return "<" + " ".join(words) + ">"


BLANK_SPAN = _open("span", cls="blank") + "</span>"


def _html_value(e: Entry, key: bool) -> str:
    rows = _numbers(e.value, e.scalar)
    if e.blank and not key:
        cells = "<br>".join(BLANK_SPAN * len(r) for r in rows)
        return cells if e.scalar else f"[{cells}]"
    text = "<br>".join(html.escape(" ".join(r)) for r in rows)
    text = text if e.scalar else f"[{text}]"
    return f"{_open('span', cls='answer')}{text}</span>" if e.blank else f"<code>{text}</code>"


def html_sheet(sheet: Sheet, key: bool) -> str:
    esc = html.escape
    lang = "es" if t("check.conv.row") != "row" else "en"
    out = [_open("!DOCTYPE", "html"), _open("html", lang=lang), "<head>", _open("meta", charset="utf-8"),
           f"<title>{esc(_heading(sheet, key))}</title>", f"<style>{STYLE}</style>", "</head>", "<body>",
           f"<h1>{esc(_heading(sheet, key))}</h1>", f"<p>{esc(_intro(sheet))}</p>", f"<h2>{esc(t('forward.params'))}</h2>"]
    for name, value in sheet.params.items():
        rows = "\n".join(" ".join(c.rjust(7) for c in r).rstrip() for r in _numbers(value))
        out.append(f"<p><code>{esc(name)}</code> ({esc(dims(value.shape))})</p><pre>{esc(rows)}</pre>")
    for part in sheet.parts:
        out += [f"<h2>{esc(part.title)}</h2>", "<table>",
                "<tr>" + "".join(f"<th>{esc(t(f'check.sheet.col.{c}'))}</th>" for c in ("value", "formula", "numbers"))
                + "</tr>"]
        for e in part.entries:
            out.append(f"<tr><td><code>{esc(e.name)}</code></td><td><code>{esc(e.formula)}</code></td>"
                       f"<td>{_html_value(e, key)}</td></tr>")
        out.append("</table>")
        if said(part, key):
            out += ["<ul>"] + [f"<li><code>{esc(name)}</code>: {esc(text)}</li>" for name, text in said(part, key)] + ["</ul>"]
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


# ---- shared words -------------------------------------------------------------------------------------------
def _heading(sheet: Sheet, key: bool) -> str:
    who = t("check.sheet.student", student=sheet.student) if sheet.student is not None else ""
    return t("check.sheet.key_title" if key else "check.sheet.title", title=sheet.title, student=who)


def _weights(sheet: Sheet) -> str:
    """Where the sheet's weights come from: the seed, the example, or some from each (by name)."""
    drawn = [n for n in sheet.params if n in sheet.drawn]
    if not drawn:
        return t("check.sheet.weights_given")
    if all(n in sheet.drawn or n.startswith("b_") for n in sheet.params):
        return t("check.sheet.weights_drawn", seed=sheet.seed)
    return t("check.sheet.weights_some", names=listed(drawn), seed=sheet.seed)


def _intro(sheet: Sheet) -> str:
    """The sheet's opening sentence. It starts with the cell's name, which the catalogue words for
    the middle of a sentence (Spanish «célula GRU»): its first letter is made a capital here, the
    formulas' spans kept (a str slice would drop them and LaTeX would set ⟦H = 3⟧ as prose)."""
    vocab = "  ".join(f"{i}:{w}" for i, w in enumerate(sheet.vocab))
    intro = t("check.sheet.intro", cell=cell_name(sheet.cell, sheet.gru_variant), H=sheet.hidden_size,
              V=len(sheet.vocab), vocab=vocab, weights=_weights(sheet), conv=t(f"check.conv.{sheet.convention}"))
    return Text.of(intro[:1].upper() + intro[1:], intro.spans)  # the cell's name, never a formula


WRITERS = {"markdown": markdown, "latex": latex, "html": html_sheet}


def render(sheet: Sheet, fmt: str, key: bool) -> str:
    return WRITERS[fmt](sheet, key)


# ---- Moodle GIFT: the quiz, for a course page ----------------------------------------------------------
GIFT_SPECIAL = "\\~=#{}:"


def gift_escape(text: str) -> str:
    """GIFT's special characters (``~ = # { } :`` and the backslash) written with a backslash."""
    return "".join("\\" + ch if ch in GIFT_SPECIAL else ch for ch in text)


def _gift_text(q) -> str:
    """The question as GIFT's [html] text: the prompt, then the arrays it shows, one per line."""
    lines = [html.escape(q.prompt, quote=False)]
    for item in q.shown:
        if item.labels:
            cells = fmt_array(item.value, PRECISION)[0]
            lines.append(html.escape(item.label + ": " + "  ".join(f"{w} {c}" for w, c in zip(item.labels, cells)),
                                     quote=False))
        else:
            rows = fmt_array(np.atleast_2d(item.value), PRECISION)
            lines.append(html.escape(item.label + " = " + " ; ".join(" ".join(r) for r in rows), quote=False))
    return "[html]" + gift_escape("<br>".join(lines))


def _gift_number(x: float, tol: float) -> str:
    """``{#0.2913:0.005}``: the colon here is GIFT's own (answer:tolerance), not escaped."""
    return "{#" + (f"{x!r}:{tol!r}" if tol else repr(x)) + "}"


def gift(questions, seed: int) -> str:
    """The quiz's questions in Moodle's GIFT format: a number as a numerical question with the
    quiz's tolerance, a vector as one numerical question per entry, a shape as a short answer in
    its usual spellings, a choice as multiple choice. Every answer is the quiz's computed one."""
    from rnntrace.quiz import SHAPE_KINDS, parse_ints

    out = [f"// {t('check.gift.comment', seed=seed)}", ""]
    for k, q in enumerate(questions, start=1):
        title = gift_escape(f"{k} {q.kind}")
        text = _gift_text(q)
        if q.choices:
            right = q.choices.index(q.answer)
            options = " ".join(("=" if j == right else "~") + gift_escape(c) for j, c in enumerate(q.choices))
            out.append(f"::{title}:: {text} {{{options}}}")
        elif q.values is not None and q.values.size > 1:
            for j, x in enumerate(q.values, start=1):
                entry = gift_escape(html.escape(" " + t("check.gift.entry", j=j, n=q.values.size), quote=False))
                out += [f"::{title}.{j}:: {text}{entry} {_gift_number(float(x), q.tolerance)}", ""]
            continue
        elif q.values is not None:
            out.append(f"::{title}:: {text} {_gift_number(float(q.values[0]), q.tolerance)}")
        elif q.kind in SHAPE_KINDS:
            r, c = parse_ints(q.answer)
            spellings = (f"{r}x{c}", f"{r}×{c}", f"{r} x {c}", f"{r} × {c}", f"({r}, {c})")
            out.append(f"::{title}:: {text} {{" + " ".join("=" + gift_escape(s) for s in spellings) + "}")
        else:
            out.append(f"::{title}:: {text} {{#{gift_escape(q.answer)}}}")
        out.append("")
    return "\n".join(out)
