"""train and generate as Documents (rnntrace.present.train, rnntrace.present.generate): the pages and
blocks the builders lay out, checked against the training result they come from, and the views
(--brief, --t, --explain) and backends (LaTeX, Markdown) that draw them."""
import math
import re

import numpy as np
import pytest

from latex_check import lost, problems
from rnntrace import examples, generate, train
from rnntrace.document import Chart, Explanation, Grid, Operation, Table, View
from rnntrace.present import generate as present_generate, train as present


@pytest.fixture(scope="module")
def lecture():
    return train.run(examples.load("lecture"), train.Options(epochs=20, lr=0.5, clip=0.5), trace_update=True)


def blocks(doc, kind):
    return [b for p in doc.pages for b in p.blocks if isinstance(b, kind)]


def test_pages_in_order_and_what_each_holds(lecture):
    doc = present.build(lecture)
    assert [p.kind for p in doc.pages] == ["opening", "step", "step", "step", "closing"]
    assert [p.label for p in doc.pages[1:]] == ["The first update",
                                                "Loss L and gradient norm ‖∂L/∂θ‖ each epoch starts from (log scale)",
                                                "Predictions (argmax p_t, and p_t of the target) before and after training",
                                                "Parameters before and after"]
    assert doc.command == "train" and doc.steps == 0
    assert all(isinstance(b, Operation) for b in doc.pages[1].blocks[2:])
    assert [type(b) for b in doc.pages[4].blocks][:1] == [Grid]


def test_the_chart_is_the_curves_on_a_log_axis(lecture):
    (chart,) = blocks(present.build(lecture), Chart)
    assert chart.series == ["L", "‖∂L/∂θ‖"] and len(chart.rows) == 16  # 16 of 20 epochs, evenly spaced
    for r, vals in zip(chart.rows, chart.values):
        e = int(r[0])
        assert vals == [math.log10(lecture.losses[e - 1]), math.log10(lecture.grad_norms[e - 1])]
        assert (r[3] == "✂") == bool(lecture.clipped[e - 1])


@pytest.mark.parametrize("width", [40, 60, 80, 200])
def test_the_chart_draws_every_series_whole_at_any_width(lecture, width):
    """Both curves, every bar as long as its value and no line past the edge: side by side when
    both fit at 10 cells or more, else one below the other (at 40 columns the gradient norm used
    to be cut off at the edge)."""
    import io

    from rich.cells import cell_len
    from rich.console import Console

    from rnntrace.render.chart import EIGHTHS, LogChart

    (chart,) = blocks(present.build(lecture), Chart)
    buf = io.StringIO()
    Console(file=buf, width=width, color_system=None).print(
        LogChart(chart.headers, chart.rows, chart.values, chart.series, chart.marks, chart.justify))
    lines = buf.getvalue().splitlines()
    assert max(cell_len(line) for line in lines) <= width
    axes = [re.findall(r"┬─*┬", line) for line in lines if "┬" in line]
    assert [len(a) for a in axes] == ([2] if width >= 60 else [1, 1])
    text = "\n".join(lines)
    assert "L: 1e-1" in text and "‖∂L/∂θ‖: 1e-1" in text
    rows = [re.findall(r"[█▏▎▍▌▋▊▉]+", line) for line in lines if re.match(r"\s*\d+\s", line)]
    bars = [[r[0] for r in rows[:16]], [r[0] for r in rows[16:]]] if len(axes) == 2 else [[r[0] for r in rows], [r[1] for r in rows]]
    lo, hi = chart.axis()
    for k in range(2):
        w = len(axes[0][0] if len(axes) == 1 else axes[k][0])
        assert len(bars[k]) == 16
        for bar, vals in zip(bars[k], chart.values):
            eighths = 8 * bar.count("█") + (EIGHTHS.index(bar[-1]) if bar[-1] != "█" else 0)
            assert eighths == round((vals[k] - lo) / (hi - lo) * w * 8)


def test_each_update_is_the_parameter_minus_the_step(lecture):
    u = lecture.update
    ops = [b for b in present.build(lecture).pages[1].blocks if isinstance(b, Operation)]
    assert [o.statement for o in ops] == [f"{n} ← {n} − η·g" for n in ("W_xh", "W_hh", "W_hy")]  # clipped: g
    for n, o in zip(("W_xh", "W_hh", "W_hy"), ops):
        w, eta, g = (m.value for m in o.operands)
        np.testing.assert_array_equal(w, u.params[n])
        assert eta[0, 0] == 0.5
        np.testing.assert_allclose(g, u.grads[n] * 0.5 / u.norm, rtol=1e-12)  # clipped to norm 0.5
        np.testing.assert_allclose(o.result.value, w - eta[0, 0] * g, rtol=1e-12, atol=1e-15)
        assert o.target.name == f"{n}′" and o.symbols == ["−", "·", "="]


def test_adam_states_its_step_then_subtracts_it():
    r = train.run(examples.load("lecture"), train.Options(epochs=1, optimizer="adam"), trace_update=True)
    ops = [b for b in present.build(r).pages[1].blocks if isinstance(b, Operation)]
    assert [o.statement for o in ops[:2]] == ["η·m̂/(√v̂ + ε) = Adam(∂L/∂W_xh)", "W_xh ← W_xh − η·m̂/(√v̂ + ε)"]
    step, update = ops[:2]
    g = step.operands[0].value
    np.testing.assert_allclose(step.result.value, 0.1 * g / (np.abs(g) + 1e-8), rtol=1e-12)  # step 1: m̂ = g, v̂ = g²
    np.testing.assert_allclose(update.result.value, update.operands[0].value - step.result.value, rtol=1e-12)


def test_no_update_page_without_trace_update():
    r = train.run(examples.load("lecture"), train.Options(epochs=2))
    assert "The first update" not in [p.label for p in present.build(r).pages]


def test_explain_is_attached_when_asked_only(lecture):
    on = blocks(present.build(lecture, view=View(explain=True)), Explanation)
    assert [e.topic for e in on] == ["learning_rate", "clipping"]
    assert on[0].text.startswith("The learning rate η = 0.5 is how far each step goes")
    assert blocks(present.build(lecture), Explanation) == []


def test_brief_is_the_opening_and_the_curves(lecture):
    doc = present.build(lecture, view=View(brief=True))
    assert [p.kind for p in doc.pages] == ["opening", "closing"]
    assert len(blocks(doc, Chart)) == 1 and blocks(doc, Table) == [] and blocks(doc, Grid) == []
    assert blocks(doc, Operation) == []


def test_compare_marks_only_a_key_word_count_that_is_all_right():
    ex = examples.load("perro")
    results = train.compare(ex, train.Options(epochs=2))
    doc = present.build_compare(results)
    assert [p.kind for p in doc.pages] == ["opening", "step", "closing"]
    (tb,) = blocks(doc, Table)
    acc = [train.key_accuracy(r) for r in results]
    keyed = [row for row in tb.rows if row[0].text.startswith("estaba/estaban predicted at t = ")]
    assert len(keyed) == 5
    for row, pos in zip(keyed, acc[0]):
        for cell, a in zip(row[1:], acc):
            assert cell.text == f"{a[pos][0]}/{a[pos][1]}"
            assert (cell.role == "success") == (a[pos][0] == a[pos][1])
    assert [p.kind for p in present.build_compare(results, view=View(brief=True)).pages] == ["opening", "closing"]


def test_generate_is_forward_then_the_picks():
    g = generate.run(examples.load("perro_gru"), "el", 4)
    doc = present_generate.build(g)
    assert doc.command == "generate" and [p.kind for p in doc.pages].count("step") == 4
    picks = doc.pages[-1].sections[-1]
    assert picks.blocks[0].title == "The words generated"
    assert [r[3].text for r in picks.blocks[0].rows] == g.picked
    assert picks.blocks[-1].text == "text: el perro que vi ayer" == "text: " + g.text
    brief = present_generate.build(g, view=View(brief=True))
    assert [p.kind for p in brief.pages] == ["opening", "closing"]
    assert brief.pages[-1].sections[-1].blocks[0].title == "The words generated"


# ---- through the command line -----------------------------------------------------------------------
def test_brief_and_t_on_the_command_line(cli, tmp_path):
    out = cli("train", "--epochs", "30", "--lr", "0.5", "--brief").output
    assert "loss 6.4781 before training →" in out and "right predictions: 1 of 4 before" in out
    assert "Parameters before and after" not in out and "Predictions (argmax" not in out
    saved = tmp_path / "x.toml"
    r = cli("train", "--t", "1", "--save", str(saved))
    assert r.exit_code == 2 and r.stdout == "" and not saved.exists()  # refused before training
    assert r.stderr.strip() == "rnntrace train: error: --t 1: this view has no step to show in full"
    g = cli("generate", "--start", "I", "-n", "3", "--t", "2").output
    assert "t = 2 · “recurrent”" in g and "t = 1 · “I”" not in g and "The words generated" in g


def test_the_progress_bar_stays_out_of_exports(cli, monkeypatch, tmp_path):
    from rnntrace import output

    monkeypatch.setattr(output, "env", output.Environment(stdout_isatty=True))
    path = tmp_path / "t.txt"
    r = cli("train", "--epochs", "300", "--export", str(path))
    bar = re.compile(r"training\s+\S*━+.*\d+/300")
    assert bar.search(r.output)  # on the terminal
    text = path.read_text()
    assert not bar.search(text) and "300/300" not in text and "Parameters before and after" in text


def test_latex_writes_the_updates_as_equations(cli):
    tex = cli("train", "--epochs", "3", "--trace-update", "--optimizer", "adam", "--clip", "0.5",
              "--format", "latex").output
    assert problems(tex) == [] and lost(tex) == []
    assert r"W_{\mathrm{hh}}' &= W_{\mathrm{hh}} - \eta \cdot \hat{m}/(\sqrt{\hat{v}}+\varepsilon )" in tex
    assert r"\ensuremath{\dagger} clipping acted in 3 of 3 epochs" in tex
    sgd = cli("train", "--epochs", "1", "--trace-update", "--format", "latex").output
    assert r"W_{\mathrm{hh}}' &= W_{\mathrm{hh}} - \left(\eta \cdot \partial L/\partial W_{\mathrm{hh}}\right)" in sgd
    assert r"\dagger" not in sgd  # no clipping, no mark


def test_markdown_has_the_curves_the_predictions_and_the_parameters(cli):
    md = cli("train", "--epochs", "3", "--format", "markdown").output
    assert ("| epoch | $L$ | $\\Vert \\partial L/\\partial \\theta \\Vert $ |   | $L$: 1e-1 … 1e+1 | "
            "$\\Vert \\partial L/\\partial \\theta \\Vert $: 1e-1 … 1e+1 |") in md
    assert r"**Predictions ($\operatorname{argmax} \ p_{t}$, and $p_{t}$ of the target) before and after training**" in md
    assert r"\underset{W_{\mathrm{xh}}\ \text{before}\;(5\times 3)}" in md  # the word is text
    assert r"\underset{W_{\mathrm{hy}}\ \text{after}\;(3\times 5)}" in md


def test_train_and_generate_from_python(cli, capsys, monkeypatch):
    """rt.train and rt.generate run the commands and hand back the result, the document and the
    JSON; no progress bar even when stdout is a terminal (the API prints nothing)."""
    import json

    import rnntrace as rt
    from rnntrace import output

    monkeypatch.setattr(output, "env", output.Environment(stdout_isatty=True))
    tr = rt.train(epochs=300, lr=0.5, trace_update=True)
    assert capsys.readouterr().out == ""
    assert isinstance(tr.trace, train.Result) and tr.final_loss == tr.to_dict()["final_loss"]
    assert [p.kind for p in tr.pages] == ["opening", "step", "step", "step", "closing"]
    monkeypatch.setattr(output, "env", output.Environment())
    assert json.loads(tr.to_json()) == json.loads(cli("train", "--epochs", "300", "--lr", "0.5", "--trace-update",
                                                      "--format", "json").output)
    g = rt.generate(example="perro_gru", start="el", length=4)
    assert isinstance(g.trace, generate.Generated) and g.text == "el perro que vi ayer"
    assert g.to_dict() == json.loads(cli("generate", "-e", "perro_gru", "--start", "el", "-n", "4",
                                         "--format", "json").output)
    assert g._repr_html_().count('class="page"') == len(g.pages)
