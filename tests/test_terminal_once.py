"""A weight drawn once in the terminal view: an operand matrix with the name and the numbers of a
grid already drawn (the Parameters, or an earlier step) is named with its shape and where it
was drawn; one that differs, or that was not drawn before, is drawn in full; ``--step`` pages
and the other backends draw every grid."""
import io

import numpy as np
import pytest

from rnntrace.document import Document, Grid, Matrix, Operation, Page, Section
from rnntrace.i18n import set_lang
from rnntrace.trace import MatMul, Sym


def text_of(doc: Document, width: int = 80) -> str:
    from rnntrace.output import make_console, print_renderables
    from rnntrace.render import terminal

    buf = io.StringIO()
    console = make_console(file=buf)
    console.width = width
    print_renderables(terminal.render(doc), console)
    return buf.getvalue()


def product(w: np.ndarray, label: str = "W_hh") -> Operation:
    h = Matrix("h_{t−1}", np.array([[1.0, 2.0]]), expr=Sym("h_{t−1}"))
    out = h.value @ w
    return Operation(Sym("a"), MatMul(Sym("h_{t−1}"), Sym(label)), [h, Matrix(label, w, expr=Sym(label))], ["·", "="],
                     Matrix("a", out, "result"), statement=f"h_{{t−1}}·{label}")


def doc_with(params: np.ndarray, steps: list[np.ndarray]) -> Document:
    pages = [Page("opening", "demo", [Section([Grid([Matrix("W_hh (2×2)", params, "plain", (2, 2), Sym("W_hh"))])],
                                             "Parameters")])]
    pages += [Page("step", f"t = {k}", [Section([product(w)], f"t = {k}")], t=k) for k, w in enumerate(steps, 1)]
    return Document("forward", "demo", pages)


W = np.array([[0.25, -0.5], [0.75, 0.125]])


def test_a_weight_equal_to_the_parameters_is_named_not_drawn():
    out = text_of(doc_with(W, [W, W.copy()]))
    assert out.count("(2×2), as printed in Parameters") == 2
    assert out.count("⎡0.250 -0.500⎤") == 1  # the Parameters' grid only


def test_a_weight_that_differs_is_drawn_in_full_then_named_by_its_step():
    other = W * 2
    out = text_of(doc_with(W, [other, other, W]))
    assert "as printed in Parameters" in out  # step 3 is the Parameters' W_hh again
    assert out.count("(2×2), as printed at t = 1") == 1  # step 2: step 1's numbers
    assert out.count("⎡0.50 -1.00⎤") == 1  # drawn once, at step 1


def test_a_matrix_first_drawn_on_a_step_is_drawn_there():
    pages = [Page("step", "t = 1", [Section([product(W)], "t = 1")], t=1)]
    out = text_of(Document("forward", "demo", pages))
    assert "as printed" not in out and "⎡0.250 -0.500⎤" in out


def test_vectors_and_results_are_always_drawn():
    """A row vector with the same numbers twice (x_t of the same word) is drawn both times."""
    row = np.array([[0.0, 1.0, 0.0]])
    m = [Matrix("x_t", row, expr=Sym("x_t")), Matrix("W", np.eye(3), expr=Sym("W"))]
    op = Operation(Sym("a"), MatMul(Sym("x_t"), Sym("W")), m, ["·", "="], Matrix("a", row, "result"))
    pages = [Page("step", f"t = {k}", [Section([op], f"t = {k}")], t=k) for k in (1, 2)]
    out = text_of(Document("forward", "demo", pages))
    assert out.count("[0 1 0]") == 4  # x_t and the result, at both steps
    assert out.count("(3×3), as printed at t = 1") == 1


def test_forward_names_its_weights_at_every_step(cli):
    out = cli("forward").output
    for name, dims in (("W_xh", "5×3"), ("W_hh", "3×3"), ("W_hy", "3×5")):
        assert out.count(f"· ({dims}), as printed in Parameters") == 5, name
    assert out.count("⎢0.8 0.1 0.2⎥") == 1  # W_xh's fourth row: in the Parameters only


def test_spanish(cli):
    set_lang("es")
    try:
        out = cli("forward", "--lang", "es").output
    finally:
        set_lang("en")
    assert "(3×3), como se mostró en Parámetros" in out
    out = cli("bptt", "--lang", "es").output
    assert "(3×3), como se mostró en t = 4" in out


def test_bptt_names_the_transposed_weight_by_the_first_backward_step(cli):
    out = cli("bptt").output
    first = out[out.index("Backward · t = 4"):out.index("Backward · t = 3")]
    assert "as printed" not in first and "W_hhᵀ" in first  # the first backward step draws W_hhᵀ
    rest = out[out.index("Backward · t = 3"):]
    assert rest.count("(3×3), as printed at t = 4") == 3  # W_hhᵀ at t = 3, 2 and 1


def test_step_pages_draw_their_weights():
    """--step: each page is a screen of its own, so each step draws its weights in full."""
    from rich.console import Console

    from rnntrace import stepper

    console = Console(file=io.StringIO(), width=80, height=24, color_system=None)
    screens = stepper.screens(doc_with(W, [W, W]), "demo", console, 22)
    lines = ["".join(seg.text for seg in line) for s in screens for line in s.lines]
    assert sum("⎡0.250 -0.500⎤" in x for x in lines) == 3
    assert not any("as printed" in x for x in lines)


@pytest.mark.parametrize("fmt", ["markdown", "latex"])
def test_other_formats_draw_every_step(cli, fmt):
    out = cli("forward", "--format", fmt).output
    assert "as printed" not in out
