"""The Python API: ``import rnntrace as rt``; ``rt.forward(...)`` and its siblings take the
commands' options as keywords and return a Trace (numpy values, the document, the JSON); bad
input raises the command's InputError; importing rnntrace stays light; and a real Jupyter kernel
runs a small notebook that displays a trace as its document (nbclient + ipykernel)."""
from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

import rnntrace as rt
from rnntrace.errors import InputError


def test_forward_returns_the_trace_the_document_and_the_json(cli):
    tr = rt.forward(example="lecture", cell="gru", sentence="I love recurrent")
    assert isinstance(tr.steps[0].values["h"], np.ndarray)
    assert tr.trace.cell == "gru" and len(tr.steps) == 3
    assert [p.kind for p in tr.document.pages] == ["opening", "step", "step", "step", "closing"]
    args = ("forward", "--cell", "gru", "--sentence", "I love recurrent", "--format", "json")
    assert json.loads(tr.to_json()) == json.loads(cli(*args).output)  # the command's own JSON
    assert tr.to_dict()["cell"] == "gru"


def test_values_match_the_lecture():
    h1 = rt.forward().steps[0].values["h"]
    assert np.allclose(h1, np.tanh([0.3, 0.2, 0.1]))


def test_options_mean_what_the_command_options_mean(cli):
    tr = rt.bptt(cell="lstm", gradcheck=False, precision=3, convention="column")
    assert tr.document.precision == 3 and tr.document.conv == "column"
    assert tr.to_dict()["gradcheck"] is None
    assert json.loads(tr.to_json()) == json.loads(
        cli("bptt", "--cell", "lstm", "--no-gradcheck", "--convention", "column", "--format", "json").output)


def test_language_applies_to_the_document_and_is_restored():
    from rnntrace.i18n import get_lang

    tr = rt.bptt(lang="es")
    assert tr.document.lang == "es" and "ejemplo de la clase" in tr.document.title
    assert get_lang() == "en"


def test_explain_adds_the_sentences():
    plain, explained = rt.forward(), rt.forward(explain=True)
    assert not any(getattr(b, "explanation", None) for p in plain.pages for b in p.blocks)
    assert any(getattr(b, "explanation", None) for p in explained.pages for b in p.blocks)


def test_bad_input_raises_the_commands_error():
    with pytest.raises(InputError, match="'hate' is not in the vocabulary"):
        rt.forward(sentence="I hate")
    with pytest.raises(InputError, match="'grux' is not one of"):
        rt.forward(cell="grux")
    with pytest.raises(InputError, match=r"no option 'cel'; its options: bidirectional, brief, cell, "):
        rt.forward(cel="gru")
    with pytest.raises(InputError, match="no option 'export'"):
        rt.forward(export="x.svg")  # saving is the command line's business


def test_nothing_is_printed(capsys):
    rt.forward()
    assert capsys.readouterr() == ("", "")


def test_html_display_one_page_or_all():
    tr = rt.forward(sentence="I love")
    every = tr._repr_html_()
    assert every.count('class="page"') == len(tr.pages) and "<script" not in every
    one = tr.page(1)._repr_html_()
    assert one.count('class="page"') == 1 and "0.2913" in one  # h_1
    assert "0.2913" not in tr.page(0)._repr_html_()


def test_the_modules_stay_modules():
    from rnntrace import forward

    assert forward is rt.forward and forward.run is not None  # the core's run() is still there
    import rnntrace.bptt as b

    assert b is rt.bptt and callable(b)


def test_import_is_light():
    code = "import sys, rnntrace; print(sorted(m for m in ('numpy', 'rich', 'click') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


NOTEBOOK = [
    "import rnntrace as rt\ntr = rt.forward(cell='gru', sentence='I love')\nprint(tr.steps[0].values['h'].round(4))",
    "tr.page(1)",
    "tr",
    "rt.bptt(lang='es').to_dict()['loss']",
]


def test_a_notebook_runs_in_a_real_kernel(tmp_path):
    nbformat = pytest.importorskip("nbformat", reason="the notebook test needs the test extra (nbformat)")
    nbclient = pytest.importorskip("nbclient", reason="the notebook test needs the test extra (nbclient)")
    pytest.importorskip("ipykernel", reason="the notebook test needs the test extra (ipykernel)")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(src) for src in NOTEBOOK])
    nbclient.NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    first, page, whole, loss = (c.outputs for c in nb.cells)
    assert first[0]["text"].strip() == "[0.1813 0.11   0.0369]"  # the GRU's h_1 on the lecture's weights
    html = page[0]["data"]["text/html"]
    assert html.count('class="page"') == 1 and "0.3894" in html  # r_1
    assert whole[0]["data"]["text/html"].count('class="page"') == 4
    assert float(loss[0]["data"]["text/plain"]) == pytest.approx(rt.bptt().to_dict()["loss"])


def test_the_readme_shows_what_the_api_returns():
    """The README's Python sample: the call it shows returns the array its comment prints."""
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme[readme.index("```python\nimport rnntrace as rt"):]
    call = re.search(r"^tr = (rt\.forward\(.*\))$", block, re.M).group(1)
    shown = re.search(r'^tr\.steps\[0\]\.values\["h"\] +# (array\(\[.*?\]\))', block, re.M).group(1)
    tr = eval(call, {"rt": rt})
    assert repr(tr.steps[0].values["h"]) == shown


@pytest.mark.parametrize("call, args", [
    (lambda: rt.attention(example="doctor", heads=2), ["attention", "-e", "doctor", "--heads", "2"]),
    (lambda: rt.attention(mode="seq2seq", feed_context=True), ["attention", "--mode", "seq2seq", "--feed-context"]),
    (lambda: rt.positional(length=8, dim=4), ["positional", "--length", "8", "--dim", "4"]),
    (lambda: rt.bptt(compare=True), ["bptt", "--compare"]),
], ids=["attention", "seq2seq", "positional", "bptt --compare"])
def test_every_command_from_python(cli, call, args):
    tr = call()
    assert json.loads(tr.to_json()) == json.loads(cli(*args, "--format", "json").output)
    assert tr.document.pages and tr._repr_html_().count('class="page"') == len(tr.pages)


def test_attention_values_are_numpy():
    tr = rt.attention(example="doctor")
    assert isinstance(tr.trace.X, np.ndarray) and tr.trace.X.shape == (5, 4)


def test_view_options_are_keywords_too():
    assert [p.t for p in rt.forward(t="2-3").pages] == [None, 2, 3, None]
    assert [p.kind for p in rt.bptt(brief=True).pages] == ["opening", "closing"]
    with pytest.raises(InputError, match="--t 9: this trace has 5 steps"):
        rt.forward(t=9)
