"""How a trace is written: expressions and shapes in the row or the column convention, and numbers.

Row convention (the lecture's): vectors are 1×n rows and a product is ``x_t·W_xh`` with
``W_xh`` V×H. Column convention (PyTorch, the lecture's Keras cell): vectors are n×1 columns and
the same product is written ``W_xh·x_t`` with ``W_xh`` H×V, the transpose. The numbers are the same.
"""
from __future__ import annotations

import math
import re

import numpy as np

from rnntrace.trace import (Add, Apply, Call, Concat, Div, Eq, Expr, Had, MatMul, Neg, OneMinus, Op, Outer, Pow, Scale,
                            Seq, Sqrt, Sub, Sum, Sym, Transpose)


class _Unicode:
    """How the text target spells what the tree walker puts between and around the names."""

    dot, minus, had, open, close, top, brace, neg, seq = "·", " − ", " ⊙ ", "(", ")", "ᵀ", False, "−", ",  "

    def name(self, e: Sym, conv: str) -> str:
        return _shown(e, conv).name

    def spell(self, s: str) -> str:
        """A name that is not a symbol (a sum's index)."""
        return s

    def function(self, fn: str) -> str:
        return fn

    def transpose(self, a: str) -> str:
        return f"{a}ᵀ"

    def div(self, e: Div, conv: str) -> str:
        return f"{_atom(e.a, conv, self, product_ok=True)} / {_atom(e.b, conv, self)}"

    def sqrt(self, e: Sqrt, conv: str) -> str:
        return f"√{_atom(e.a, conv, self)}"

    def power(self, e: Pow, conv: str) -> str:
        return f"{_atom(e.a, conv, self)}^({_walk(e.b, conv, self)})"

    def sum(self, e: Sum, conv: str) -> str:
        return f"Σ_{e.index} {_walk(e.body, conv, self)}"

    def concat(self, e: Concat, conv: str) -> str:
        return "[" + f" {e.sep} ".join(_walk(x, conv, self) for x in e.items) + "]"


class _Tex(_Unicode):
    """The TeX target: a symbol from its own ``Sym.tex`` when the convention writes it as named,
    else its name spelled by ``spell`` (the LaTeX backend's; the name itself if None)."""

    dot, minus, had, open, close, top, brace, neg, seq = (r" \cdot ", " - ", r" \odot ", r"\left(", r"\right)",
                                                         r"^\top", True, "-", r",\quad ")

    def __init__(self, spell=None, missing=None):
        self._spell = spell
        self._missing = missing

    def name(self, e: Sym, conv: str) -> str:
        shown = _shown(e, conv)
        if shown.tex is not None:
            return shown.tex
        if self._missing is not None:
            return self._missing(shown.name)
        return self.spell(shown.name)

    def spell(self, s: str) -> str:
        return self._spell(s) if self._spell else s

    def function(self, fn: str) -> str:
        if fn not in TEX_FUNCTIONS and "_" in fn:  # softmax_j: the function, its index below
            base, index = fn.split("_", 1)
            return self.function(base) + "_{" + self.spell(index) + "}"
        return TEX_FUNCTIONS.get(fn, fn if len(fn) == 1 else r"\operatorname{" + fn + "}")

    def transpose(self, a: str) -> str:
        return "{" + a + "}^{\\top}"

    def div(self, e: Div, conv: str) -> str:
        return r"\frac{" + _walk(e.a, conv, self) + "}{" + _walk(e.b, conv, self) + "}"

    def sqrt(self, e: Sqrt, conv: str) -> str:
        return r"\sqrt{" + _walk(e.a, conv, self) + "}"

    def power(self, e: Pow, conv: str) -> str:
        return "{" + _atom(e.a, conv, self) + "}^{" + _walk(e.b, conv, self) + "}"

    def sum(self, e: Sum, conv: str) -> str:
        return r"\sum_{" + self.spell(e.index) + "} " + _walk(e.body, conv, self)

    def concat(self, e: Concat, conv: str) -> str:
        sep = r" \mid " if e.sep == "|" else " ; "
        return r"\left[" + sep.join(_walk(x, conv, self) for x in e.items) + r"\right]"


def _walk(e: Expr, conv: str, to: _Unicode) -> str:
    """The one walk over an expression tree, for both targets; ``to`` spells each piece."""
    if isinstance(e, Sym):
        return to.name(e, conv)
    if isinstance(e, MatMul):
        v, m = _atom(e.vec, conv, to), _atom(e.mat, conv, to)
        return f"{v}{to.dot}{m}" if conv == "row" else f"{m}{to.dot}{v}"
    if isinstance(e, Add):
        return " + ".join(_walk(x, conv, to) for x in e.terms)
    if isinstance(e, Sub):
        return f"{_walk(e.a, conv, to)}{to.minus}{_atom(e.b, conv, to)}"
    if isinstance(e, Had):
        return f"{_atom(e.a, conv, to, True)}{to.had}{_atom(e.b, conv, to, True)}"
    if isinstance(e, OneMinus):
        return f"(1{to.minus}{_walk(e.a, conv, to)})"
    if isinstance(e, Apply):
        return to.function(e.fn) + to.open + _walk(e.arg, conv, to) + to.close
    if isinstance(e, Outer):
        a, b = _atom(e.a, conv, to), _atom(e.b, conv, to)
        if to.brace and "^" in a:
            a = f"{{{a}}}"  # h_{t−1}^(2)ᵀ in TeX: one superscript on a braced base
        return f"{a}{to.top}{to.dot}{b}" if conv == "row" else f"{b}{to.dot}{a}{to.top}"
    if isinstance(e, Scale):
        return f"{_atom(e.s, conv, to)}{to.dot}{_atom(e.a, conv, to)}"
    if isinstance(e, Transpose):
        return to.transpose(_atom(e.a, conv, to))
    if isinstance(e, Div):
        return to.div(e, conv)
    if isinstance(e, Sqrt):
        return to.sqrt(e, conv)
    if isinstance(e, Pow):
        return to.power(e, conv)
    if isinstance(e, Sum):
        return to.sum(e, conv)
    if isinstance(e, Concat):
        return to.concat(e, conv)
    if isinstance(e, Call):
        return to.function(e.fn) + to.open + ", ".join(_walk(x, conv, to) for x in e.args) + to.close
    if isinstance(e, Neg):
        return to.neg + _atom(e.a, conv, to)
    if isinstance(e, Eq):
        return f"{_walk(e.lhs, conv, to)} = {_walk(e.rhs, conv, to)}"
    if isinstance(e, Seq):
        return to.seq.join(_walk(x, conv, to) for x in e.items)
    raise TypeError(e)


def _atom(e: Expr, conv: str, to: _Unicode, had_ok: bool = False, product_ok: bool = False) -> str:
    """``e`` written so it can stand as one operand (bracketed when compound; a product may stand
    unbracketed before a division: Q·Kᵀ / √d_k)."""
    if isinstance(e, (Sym, Apply, OneMinus, Call, Concat, Sqrt, Transpose, Pow)) or (had_ok and isinstance(e, Had)) \
            or (product_ok and isinstance(e, (MatMul, Scale))):
        return _walk(e, conv, to)
    return to.open + _walk(e, conv, to) + to.close


TEX_FUNCTIONS = {"tanh": r"\tanh", "σ": r"\sigma", "softmax": r"\operatorname{softmax}", "sin": r"\sin",
                 "cos": r"\cos", "log": r"\log", "exp": r"\exp",
                 "onehot": r"\operatorname{onehot}", "relu": r"\operatorname{relu}", "sigmoid": r"\sigma",
                 "𝟙": r"\mathbf{1}"}
UNICODE, TEX = _Unicode(), _Tex()


def write(e: Expr, conv: str = "row") -> str:
    """The expression as text, e.g. ``x_t·W_xh + h_{t−1}·W_hh`` (row) / ``W_xh·x_t + W_hh·h_{t−1}``."""
    return _walk(e, conv, UNICODE)


def write_tex(e: Expr, conv: str = "row", name=None, missing=None) -> str:
    """The expression as TeX math, from its tree: ``x_t \\cdot W_{xh} + …``. A symbol is written
    with its own TeX (``Sym.tex``); ``name`` spells a sum's index and a function's subscript (the
    name itself if None); ``missing`` writes a symbol nobody gave TeX for (a backend's: it records
    the name), else ``name`` spells it."""
    return _walk(e, conv, _Tex(name, missing) if name or missing else TEX)


def _shown(e: Sym, conv: str) -> Sym:
    """The symbol as the convention writes it: its ``column`` form in the column convention."""
    return e.column if conv == "column" and e.column is not None else e


def is_gradient(s: Sym | None) -> bool:
    """A weight's, a bias's or the embedding's gradient (``∂L/∂W_hh``: key ("grad", ("param", …))):
    a backward step adds a contribution to it."""
    key = s.key if s is not None else None
    return bool(key) and key[0] == "grad" and bool(key[1]) and key[1][0] == "param"


# ---- composed names: the Unicode and the TeX made together ---------------------------------------
def sym(name: str, tex: str, key: tuple | None = None) -> Sym:
    """A symbol with its TeX (the two spellings side by side where the name is made)."""
    return Sym(name, key, tex)


def word(w: str) -> Sym:
    """A word of the vocabulary as a quantity's index (``p_t[“love”]``): text in TeX, escaped."""
    return Sym(f"“{w}”", ("word", w), r"\text{``" + text_tex(w) + "''}")


_TEXT_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "%": r"\%", "#": r"\#",
                 "_": r"\_", "^": r"\^{}", "~": r"\~{}", "|": r"\textbar{}", "<": r"\textless{}", ">": r"\textgreater{}"}


def text_tex(w: str) -> str:
    """A word as TeX text. ASCII and Latin-1 letters (what inputenc and T1 typeset) are escaped
    here, so a trace does not import the LaTeX backend; any other character is spelled by it."""
    if all(" " <= ch <= "~" or ("\u00c0" <= ch <= "\u00ff" and ch not in "×÷") for ch in w):
        return "".join(_TEXT_SPECIAL.get(ch, ch) for ch in w)
    from rnntrace.render.latex import _escape

    return _escape(w)


def indexed(s: Sym, index: Sym) -> Sym:
    """``s[index]``: ``p_t[“love”]``, ``y_i[w_i]``."""
    return Sym(f"{s.name}[{index.name}]", None, f"{s.tex}[{index.tex}]")


def transposed(s: Sym) -> Sym:
    """``sᵀ`` named as one symbol (``W_hhᵀ``)."""
    return Sym(f"{s.name}ᵀ", ("transposed", s.key), s.tex + r"^{\top }")


def tex_number(c: str) -> str:
    """A number as ``fmt_array``/``fmt_log`` write it (``-0.1234``, ``1.2e-05``, ``inf``, ``nan``) in TeX math."""
    return c.replace("inf", r"\mathrm{inf}").replace("nan", r"\mathrm{nan}")


def norm_label(head: Sym, norm: str, text: str) -> Sym:
    """A matrix's name and its norm, ``text`` as the terminal writes it (``J^(1)  ‖·‖₂ = 0.7985``)."""
    return Sym(text, None, head.tex + r"\quad \|\cdot \|_{2}=" + tex_number(norm))


def annotated(s: Sym, words: str) -> Sym:
    """``s`` with a word or two after it (``W_xh before``): the words are text in TeX."""
    return Sym(f"{s.name} {words}", None, s.tex + r"\ \text{" + text_tex(words) + "}")


def primed(s: Sym) -> Sym:
    """``s′``: the value after an update (``W_hh′``)."""
    return Sym(f"{s.name}′", ("updated", s.key), ("{" + s.tex + "}" if _superscripted(s.tex) else s.tex) + "'")


def _superscripted(tex: str) -> bool:
    """Whether ``tex`` ends in a superscript of its own (outside any group): another (a prime)
    would be a double superscript."""
    depth = 0
    for ch in tex:
        depth += (ch == "{") - (ch == "}")
        if ch == "^" and depth == 0:
            return True
    return False


def grad_of(s: Sym, of: str = "L", of_tex: str = "L") -> Sym:
    """``∂L/∂s`` (``∂L^(t)/∂h_t`` with ``of``): the gradient of the loss with respect to ``s``."""
    return Sym(f"∂{of}/∂{s.name}", ("grad", s.key), r"\partial " + of_tex + r"/\partial " + s.tex)


def chain_rule(y: Sym, x: Sym, key: tuple | None = None) -> Sym:
    """What the chain rule passes from ``y`` back to ``x``, the gradient times the Jacobian:
    ``∂L/∂y·∂y/∂x`` in the row convention, ``(∂y/∂x)ᵀ·∂L/∂y`` in the column one (the gradient is a
    column there), each with its TeX."""
    row = Sym(f"∂L/∂{y.name}·∂{y.name}/∂{x.name}", key,
              rf"\partial L/\partial {y.tex}\cdot \partial {y.tex}/\partial {x.tex}")
    column = Sym(f"(∂{y.name}/∂{x.name})ᵀ·∂L/∂{y.name}", key,
                 rf"(\partial {y.tex}/\partial {x.tex})^{{\top }}\cdot \partial L/\partial {y.tex}")
    return row._replace(column=column)


ARROWS = {"forward": ("→", r"\to "), "backward": ("←", r"\leftarrow ")}


def layer_tag(layer: int | None, direction: str | None) -> tuple[str, str]:
    """The superscript that names a layer and a direction, as (Unicode, TeX): ``("^(2→)",
    "^{(2\\to )}")``; ("", "") when neither is named (the plain network)."""
    u = (str(layer) if layer else "") + (ARROWS[direction][0] if direction else "")
    tex = (str(layer) if layer else "") + (ARROWS[direction][1] if direction else "")
    return (f"^({u})", "^{(" + tex + ")}") if u else ("", "")


def tagged(s: Sym, tag: tuple[str, str]) -> Sym:
    """``s`` with a layer's superscript (``layer_tag``): ``h_t^(2)``, TeX ``{h_{t}^{(2)}}`` (braced:
    a square or a transpose may follow)."""
    return Sym(s.name + tag[0], s.key, _braced(s.tex + tag[1])) if tag[0] else s


def _braced(tex: str) -> str:
    """A scripted name as one group, so a square or a transpose can follow it: ``{h_{t}^{(2)}}``;
    an accented one (``\\tilde{h}``) after an empty group, else amsmath reads the group's
    superscript and the next as a double superscript."""
    return "{" + ("{}" if tex.startswith(("\\tilde", "\\hat", "\\bar")) else "") + tex + "}"


def joined(a: Sym, b: Sym) -> Sym:
    """Two vectors joined into one row: ``[h_t^(→) ; h_t^(←)]``."""
    return Sym(f"[{a.name} ; {b.name}]", None, r"\left[" + a.tex + " ; " + b.tex + r"\right]")


# A cell's names that a layer renames: its parameters (not the output layer's W_hy, b_y) and its
# states (h_t, h_{t−1}, r_t, h̃_t, …), in Unicode and in the TeX ``cells`` gives them, side by side.
_PARAM = (re.compile(r"(?<![A-Za-z_])(W_x[a-z]|W_h(?!y)[a-z]|b_hn|b_(?!y)[a-z])(?![A-Za-z])"),
          re.compile(r"(?<![A-Za-z\\])(W_\{\\mathrm\{(?:x[a-z]|h(?!y)[a-z])\}\}|b_\{\\mathrm\{hn\}\}|b_\{(?!y)[a-z]\})"))
_STATE = (re.compile(r"(?<![A-Za-z])(h̃|c̃|[hcarzfio])_(t|\{t[−+]1\})"),
          re.compile(r"(\\tilde\{[hc]\}|(?<![A-Za-z\\{])[hcarzfio])_\{t(?:[-+]1)?\}"))
_X = (re.compile(r"x_t(?!\^)"), re.compile(r"x_\{t\}(?!\^)"))
_SWAP = (("t−1", "t+1"), ("t-1", "t+1"))


def layer_renamer(tag: tuple[str, str], reverse: bool, x: Sym | None):
    """A function that renames a cell's symbol (``Sym`` → ``Sym``, its column form too) for a layer
    and a direction, in Unicode and TeX together: the layer's tag (``layer_tag``) on every parameter
    and state, t−1 ↔ t+1 for the backward direction (its previous state is h_{t+1}), and x_t → ``x``
    for a layer above the first."""
    def one(text: str, k: int) -> str:
        if reverse:
            a, b = _SWAP[k]
            text = text.replace(a, "\0").replace(b, a).replace("\0", b)
        if tag[0]:
            add = (lambda m: m.group(0) + tag[0]) if k == 0 else (lambda m: _braced(m.group(0) + tag[1]))
            text = _PARAM[k].sub(add, text)
            text = _STATE[k].sub(add, text)
        if x is not None:
            text = _X[k].sub(lambda m: (x.name, x.tex)[k], text)
        return text

    def rename(s: Sym) -> Sym:
        column = rename(s.column) if s.column is not None else None
        return Sym(one(s.name, 0), s.key, one(s.tex, 1) if s.tex is not None else None, column)

    return rename


def exact_renamer(mapping: dict[str, Sym]):
    """Renames the symbols ``mapping`` names (by their whole name) to its symbols; others stay."""
    return lambda s: mapping.get(s.name, s)


def statement(op: Op, conv: str = "row") -> str:
    """The op as written in a trace: ``a_t = x_t·W_xh + h_{t−1}·W_hh``, ``∂L/∂W_hh += h_{t−1}ᵀ·δ_t``
    (a contribution to a gradient adds to it), or the bare expression when it has no name."""
    expr = write(op.expr, conv)
    if op.target is None:
        return expr
    return f"{write(op.target, conv)} {'+=' if is_gradient(op.target) else '='} {expr}"


def shape(arr: np.ndarray, conv: str = "row") -> tuple[int, ...]:
    """A vector is 1×n (row) or n×1 (column); a matrix is transposed in the column convention."""
    arr = np.asarray(arr)
    if arr.ndim == 0:
        return ()
    if arr.ndim == 1:
        return (1, arr.shape[0]) if conv == "row" else (arr.shape[0], 1)
    return arr.shape if conv == "row" else arr.shape[::-1]


def dims(shp: tuple[int, ...]) -> str:
    if shp:
        return "×".join(str(d) for d in shp)
    from rnntrace.i18n import t

    return t("common.scalar")


def as_shown(arr: np.ndarray, conv: str = "row") -> np.ndarray:
    """The array laid out as the convention writes it: 2-D, vectors as a row or a column."""
    arr = np.asarray(arr, dtype=np.float64)
    if arr.ndim == 0:
        return arr.reshape(1, 1)
    if arr.ndim == 1:
        return arr[None, :] if conv == "row" else arr[:, None]
    return arr if conv == "row" else arr.T


def shape_line(op: Op, conv: str = "row") -> str:
    """e.g. ``x_t (1×5) · W_xh (5×3) → (1×3)``; shapes come from the arrays."""
    return "".join(_shape_parts(op, conv, UNICODE))


def shape_line_tex(op: Op, conv: str = "row") -> str:
    """``shape_line`` in TeX, each name from its symbol's own TeX:
    ``x_{t}\\ (1\\times 5)\\cdot W_{\\mathrm{xh}}\\ (5\\times 3)\\to (1\\times 3)``."""
    return "".join(_shape_parts(op, conv, TEX))


_SHAPE_SYMBOLS = {"·": (" · ", r"\cdot "), "+": (" + ", "+"), "⊙": (" ⊙ ", r"\odot "), "−": (" − ", "-"),
                  ",": (", ", ","), "→": (" → ", r"\to "), "ᵀ": ("ᵀ", r"^{\top }")}


def _shape_parts(op: Op, conv: str, to: _Unicode) -> list[str]:
    """The shape line's pieces for one target (``UNICODE`` or ``TEX``): the operands' names, their
    shapes, the symbols between them and the result's shape."""
    k = 0 if to is UNICODE else 1

    def sym(c: str) -> str:
        return _SHAPE_SYMBOLS[c][k]

    def dims_(d: str) -> str:
        return "(" + (d if k == 0 else d.replace("×", r"\times ")) + ")"

    def named(e: Expr, d: str, top: bool = False) -> str:
        name = _walk(e, conv, to)
        if top:
            name = name + sym("ᵀ") if k == 0 or "^" not in name else "{" + name + "}" + sym("ᵀ")
        return name + (" " if k == 0 else r"\ ") + dims_(d)

    ops = [(e, dims(shape(v, conv))) for e, v in op.operands]
    out = dims_(dims(shape(op.value, conv)))
    e = op.expr
    if isinstance(e, MatMul) and len(ops) == 2:
        (v, vs), (m, ms) = ops
        left = [named(v, vs), sym("·"), named(m, ms)] if conv == "row" else [named(m, ms), sym("·"), named(v, vs)]
        return left + [sym("→"), out]
    if isinstance(e, Outer) and len(ops) == 2:
        (a, _), (b, _) = ops
        va, vb = (np.asarray(x) for _, x in op.operands)
        if conv == "row":
            return [named(a, f"{va.size}×1", True), sym("·"), named(b, f"1×{vb.size}"), sym("→"), out]
        return [named(b, f"{vb.size}×1"), sym("·"), named(a, f"1×{va.size}", True), sym("→"), out]
    if isinstance(e, Apply):
        return [to.function(e.fn), (": ", " :")[k], dims_(ops[0][1]), sym("→"), out]
    if isinstance(e, OneMinus):
        return ["1", sym("−"), dims_(ops[0][1]), sym("→"), out]
    between = sym({Add: "+", Had: "⊙", Sub: "−", Scale: "·"}.get(type(e), ","))
    return [between.join(dims_(d) for _, d in ops), sym("→"), out]


# The symbols a builder's shape line puts between its terms, as text and as TeX.
_STATED_SYMBOLS = {" · ": r"\cdot ", "·": r"\cdot ", " + ": "+", " − ": "-", " → ": r"\to ", " × ": r"\times ",
                   ", ": r",\ ", "; ": r";\quad ", ": ": ":"}


def stated_shapes(*terms, conv: str = "row") -> tuple[str, str]:
    r"""A shape line a builder states (a formula's, where no ``Op`` holds the arrays), as text and
    as TeX made together from the same terms, in order: ``(expr, "5×4")`` a name and its shape,
    ``"5×4"`` a shape alone, an ``Expr`` alone (a count, ``√d_k = 2``), or one of the symbols
    between them (``" · "``, ``" + "``, ``" → "``, ``"·"`` …)::

        stated_shapes((E, "5×4"), " + ", (P, "5×4"), " → ", "5×4")
        → ("E (5×4) + P (5×4) → (5×4)", r"E\ (5\times 4)+P\ (5\times 4)\to (5\times 4)")
    """
    text, tex = [], []
    for term in terms:
        if type(term) is tuple:  # (the tree nodes are named tuples)
            e, d = term
            text.append(f"{write(e, conv)} ({d})")
            tex.append(write_tex(e, conv) + r"\ (" + d.replace("×", r"\times ") + ")")
        elif not isinstance(term, str):
            text.append(write(term, conv))
            tex.append(write_tex(term, conv))
        elif term in _STATED_SYMBOLS:
            text.append(term)
            tex.append(_STATED_SYMBOLS[term])
        else:
            text.append(f"({term})")
            tex.append("(" + term.replace("×", r"\times ") + ")")
    return "".join(text), "".join(tex)


def decimals(values: list[float], precision: int) -> int:
    """The fewest decimals (≤ precision) that show every finite entry as precision would:
    0.2 stays ``0.2``, tanh(0.3) shows ``0.2913`` at precision 4.

    Plain Python on purpose: traces format hundreds of tiny arrays, where numpy's per-call
    overhead dominates. One formatting pass, as ``_fmt_large``: x rounds to the same value at d
    decimals as at ``precision`` exactly when its ``precision``-decimal string ends in
    ``precision − d`` zeros (a 1,000-word ``forward`` formats 14,000 arrays: rounding each
    number at every d took 0.2 s)."""
    if precision <= 0:
        return precision
    full = f"{{:.{precision}f}}".format
    return precision - min((len(s) - len(s.rstrip("0")) for s in map(full, values) if s[-1:].isdigit()),
                           default=precision)


def use_scientific(values: list[float], precision: int) -> bool:
    """Scientific notation when fixed decimals would hide the numbers (≥ 1e5, or all < 10^−p)."""
    mags = [abs(x) for x in values if math.isfinite(x) and x != 0]
    return bool(mags) and (max(mags) >= 1e5 or max(mags) < 10.0 ** (-precision))


def fmt_number(x: float, d: int, sci: bool = False) -> str:
    """One number; ``inf``/``-inf``/``nan`` as such."""
    if x != x:
        return "nan"
    if x in (math.inf, -math.inf):
        return "inf" if x > 0 else "-inf"
    if sci:
        return f"{x + 0.0:.{max(d, 1)}e}"  # −0.0 + 0.0 is 0.0: no "-0.0000e+00"
    s = f"{x:.{d}f}"
    return s.lstrip("-") if float(s) == 0 else s  # no "-0.0000"


def fmt_array(arr, precision: int) -> list[list[str]]:
    """A 2-D array of strings, one common number of decimals for the whole array."""
    a = np.asarray(arr, dtype=np.float64)
    rows = a.reshape(1, -1).tolist() if a.ndim <= 1 else a.tolist()
    if a.size > 64 and precision > 0:
        return _fmt_large(a, rows, precision)
    flat = [x for row in rows for x in row]
    sci = use_scientific(flat, precision)
    d = precision if sci else decimals(flat, precision)
    return [[fmt_number(x, d, sci) for x in row] for row in rows]


def _fmt_large(a: np.ndarray, rows: list[list[float]], precision: int) -> list[list[str]]:
    """``fmt_array`` of a large array, the same strings in one formatting pass: each number at
    ``precision`` decimals (correctly rounded, as ``round`` is), then the common number of
    decimals is the most any number needs once its trailing zeros go (x rounds to the same
    value at d decimals as at ``precision`` exactly when its ``precision``-decimal string ends
    in ``precision − d`` zeros), and each string is cut to it."""
    finite = np.isfinite(a)
    mags = np.abs(a[finite & (a != 0)])
    if mags.size and (mags.max() >= 1e5 or mags.max() < 10.0 ** (-precision)):
        return [[fmt_number(x, precision, True) for x in row] for row in rows]
    full = f"{{:.{precision}f}}".format
    every = bool(finite.all())
    if every:
        out = [list(map(full, row)) for row in rows]
    else:
        out = [[full(x) if math.isfinite(x) else "" for x in row] for row in rows]
    if any(s and s[-1] != "0" for row in out for s in row):  # a number needs every decimal
        cut = 0
    else:
        cut = min((len(s) - len(s.rstrip("0")) for row in out for s in row if s), default=precision)
    d = precision - cut
    drop = cut + (1 if d == 0 else 0)  # no decimals left: the point goes too
    if every:  # the common case in one pass (a 256×256 gradient is 65,536 strings)
        if drop:
            out = [[s[:-drop] for s in row] for row in out]
        shape = (len(out), len(out[0]) if out else 0)
        # only a negative number (or -0.0) above -10^-d may show as "-0…": look at those alone
        for i, j in zip(*np.nonzero((np.signbit(a) & (a > -(10.0 ** -d))).reshape(shape))):
            if not out[i][j].strip("-0."):
                out[i][j] = out[i][j][1:]
        return out
    for row, values in zip(out, rows):
        for j, s in enumerate(row):
            if not s:
                row[j] = fmt_number(values[j], d)
                continue
            if drop:
                s = s[:-drop]
            if s[0] == "-" and not s.strip("-0."):
                s = s[1:]  # no "-0.0000"
            row[j] = s
    return out


def fmt_scalar(x: float | None, precision: int) -> str:
    """A scalar at exactly ``precision`` decimals (a loss of 1.6220 is not shown as 1.622)."""
    if x is None:
        return "—"
    return fmt_number(x, precision, use_scientific([x], precision))


def fmt_log(x: float, precision: int) -> str:
    """A number given by its log10: 0.0358 as such, 1e-3506 as ``7.834e-3507`` (never 0 or inf)."""
    if x != x:
        return "nan"
    if x == -math.inf:
        from rnntrace.i18n import t

        return t("bptt.chart.zero")
    if x == math.inf:
        return "inf"
    if -2.0 <= x < 5.0:
        return fmt_number(10.0 ** x, precision)
    d = max(precision - 1, 1)
    e = math.floor(x)
    m = 10.0 ** (x - e)
    if round(m, d) >= 10.0:
        m, e = m / 10.0, e + 1
    return f"{m:.{d}f}e{e:+03d}"


def fmt_share(x: float, positive: bool = False) -> str:
    """A share of a sum; ``positive``: the part is not 0 even if it underflows to 0 here.
    A sum of zeros has no shares: "—"."""
    if x != x:
        return "—"
    if x == 0 and not positive:
        return "0%"
    if x < 0.001:
        return "<0.1%"
    return f"{100 * x:.1f}%"


def fmt_ratio(x: float) -> str:
    """A factor like 0.6123 or 3.2e+05, three significant digits."""
    if x != x:
        return "nan"
    return f"{x:.3g}" if 1e-3 <= abs(x) < 1e5 else f"{x:.2e}"
