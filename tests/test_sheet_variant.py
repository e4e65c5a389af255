"""check and worksheet follow the GRU's variant as the tracing commands do: the example's own
``gru_variant`` unless ``--gru-variant`` (or a check file's ``gru_variant``) says otherwise. The
numbers are checked against a GRU written out here in both forms, on an example whose two forms
give different numbers; bad input is one line and exit status 2, as ``forward`` says it."""
from __future__ import annotations

import json
import re
import tomllib

import numpy as np
import pytest
from test_example_gru_variant import GRU

WEIGHTS = """
[weights]
W_xr = [[0.5, -0.3], [0.2, 0.8], [-0.6, 0.1]]
W_hr = [[0.7, -0.4], [0.3, 0.9]]
b_r = [0.1, -0.2]
W_xz = [[-0.2, 0.4], [0.6, -0.1], [0.3, 0.5]]
W_hz = [[0.2, 0.3], [-0.5, 0.4]]
b_z = [0.05, 0.1]
W_xh = [[0.9, -0.7], [-0.4, 0.6], [0.8, 0.2]]
W_hh = [[1.1, -0.8], [0.6, 1.3]]
b_h = [0.2, -0.1]
b_hn = [0.4, -0.3]
W_hy = [[0.3, -0.2, 0.5], [-0.6, 0.4, 0.1]]
b_y = [0.0, 0.1, -0.1]
"""
EXAMPLE = GRU + WEIGHTS  # V = 3, H = 2, the sentence a b c; {cell} and the {key} line to fill in
OTHER = {"lecture": "torch", "torch": "lecture"}


def gru(variant: str) -> list[dict[str, np.ndarray]]:
    """r_t, z_t, h̃_t, h_t for t = 1 … 3 of the sentence a b c, written out from the equations:
    the lecture's h̃_t = tanh(x_t·W_xh + (r_t ⊙ h_{t−1})·W_hh + b_h), PyTorch's
    h̃_t = tanh(x_t·W_xh + b_h + r_t ⊙ (h_{t−1}·W_hh + b_hn)); h_t = z_t ⊙ h_{t−1} + (1 − z_t) ⊙ h̃_t."""
    W = {k: np.array(v) for k, v in tomllib.loads(WEIGHTS)["weights"].items()}
    sigmoid = lambda a: 1 / (1 + np.exp(-a))  # noqa: E731
    h, out = np.zeros(2), []
    for i in range(3):
        x = np.eye(3)[i]
        r = sigmoid(x @ W["W_xr"] + h @ W["W_hr"] + W["b_r"])
        z = sigmoid(x @ W["W_xz"] + h @ W["W_hz"] + W["b_z"])
        if variant == "torch":
            h_tilde = np.tanh(x @ W["W_xh"] + W["b_h"] + r * (h @ W["W_hh"] + W["b_hn"]))
        else:
            h_tilde = np.tanh(x @ W["W_xh"] + (r * h) @ W["W_hh"] + W["b_h"])
        h = z * h + (1 - z) * h_tilde
        out.append({"r": r, "z": z, "h_tilde": h_tilde, "h": h})
    return out


def test_the_two_forms_give_different_numbers_here():
    assert not np.allclose(gru("lecture")[0]["h"], gru("torch")[0]["h"], atol=1e-3)


def test_the_torch_form_written_out_is_pytorchs_own_gru():
    torch = pytest.importorskip("torch")
    import torch_layers

    W = {k: torch.tensor(v, dtype=torch.float64) for k, v in tomllib.loads(WEIGHTS)["weights"].items()}
    out, _ = torch_layers.layer(W, "gru", 3, 2)(torch.eye(3, dtype=torch.float64)[:, None, :])
    np.testing.assert_allclose(out[:, 0].detach().numpy(), [s["h"] for s in gru("torch")], atol=1e-12)


@pytest.fixture
def pinned(write_example):
    """An example whose file pins the GRU's torch form."""
    return write_example(EXAMPLE.format(cell="gru", key='gru_variant = "torch"'))


@pytest.fixture
def unpinned(write_example):
    return write_example(EXAMPLE.format(cell="gru", key=""), name="plain.toml")


def answers(tmp_path, trace: dict, variant: str) -> str:
    """A student's file: every r, z, h̃, h computed in ``variant``'s form, to full precision."""
    doc = {"trace": trace}
    for t, values in enumerate(gru(variant), start=1):
        doc[f"t{t}"] = {k: v.tolist() for k, v in values.items()}
    path = tmp_path / f"{variant}.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return str(path)


def check(cli, path: str):
    r = cli("check", path, "--format", "json")
    return r.exit_code, json.loads(r.stdout)


def one_line(r, *words: str) -> None:
    assert r.exit_code == 2 and r.stdout == "", r.stdout
    assert len(r.stderr.splitlines()) == 1, r.stderr
    assert all(w in r.stderr for w in words), r.stderr


# ---- check --template ---------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_the_template_records_the_examples_own_variant(cli, pinned, fmt):
    r = cli("check", "--template", "-e", pinned, "--format", "json" if fmt == "json" else "rich")
    assert r.exit_code == 0, r.stderr
    trace = (json.loads(r.stdout) if fmt == "json" else tomllib.loads(r.stdout))["trace"]
    assert trace["cell"] == "gru" and trace["gru_variant"] == "torch"


@pytest.mark.parametrize("example,option,want", [("pinned", "lecture", "lecture"), ("unpinned", "torch", "torch"),
                                                 ("unpinned", None, "lecture")])
def test_the_option_overrides_the_example_in_the_template(cli, request, example, option, want):
    args = ["check", "--template", "-e", request.getfixturevalue(example)]
    r = cli(*args, *(["--gru-variant", option] if option else []))
    assert r.exit_code == 0, r.stderr
    assert tomllib.loads(r.stdout)["trace"]["gru_variant"] == want


def test_a_template_filled_in_with_the_torch_form_agrees(cli, pinned, tmp_path):
    """The round trip a student makes: the template, its blanks of r, z, h̃, h filled in with
    numbers of the form it names (as JSON, which check reads too)."""
    doc = tomllib.loads(cli("check", "--template", "-e", pinned).stdout)
    for t, values in enumerate(gru("torch"), start=1):
        doc[f"t{t}"] = {k: v.tolist() for k, v in values.items()}
    path = tmp_path / "filled.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    code, out = check(cli, str(path))
    assert code == 0 and out["agree"] and out["checked"] == 4 * 3, out


# ---- check FILE ----------------------------------------------------------------------------------------
def test_a_file_that_names_no_variant_follows_the_examples(cli, pinned, tmp_path):
    """[trace] names the example only: its pinned torch form is the trace; numbers of the torch
    form agree, the lecture's differ at the first h̃_t and are named as the other variant."""
    code, out = check(cli, answers(tmp_path, {"example": pinned}, "torch"))
    assert code == 0 and out["agree"] and out["checked"] == 12, out
    assert out["trace"]["gru_variant"] == "torch"
    code, out = check(cli, answers(tmp_path, {"example": pinned}, "lecture"))
    assert code == 1 and not out["agree"]
    assert (out["first_difference"]["t"], out["first_difference"]["name"]) == (1, "h_tilde")
    assert out["diagnosis"] == "gru_variant"


@pytest.mark.parametrize("variant", ["lecture", "torch"])
@pytest.mark.parametrize("example", ["pinned", "unpinned"])
def test_a_files_own_variant_overrides_the_examples(cli, request, tmp_path, example, variant):
    trace = {"example": request.getfixturevalue(example), "cell": "gru", "gru_variant": variant}
    code, out = check(cli, answers(tmp_path, trace, variant))
    assert code == 0 and out["agree"] and out["trace"]["gru_variant"] == variant, out
    code, out = check(cli, answers(tmp_path, trace, OTHER[variant]))
    assert code == 1 and out["diagnosis"] == "gru_variant", out


def test_a_pinned_variant_is_no_error_on_another_cell(cli, write_example, tmp_path):
    """As for forward: the key says which GRU the example means when a GRU runs; on its own rnn
    the template and the check follow the rnn and write no variant."""
    path = write_example(EXAMPLE.format(cell="rnn", key='gru_variant = "torch"'))
    r = cli("check", "--template", "-e", path)
    assert r.exit_code == 0 and "gru_variant" not in tomllib.loads(r.stdout)["trace"]
    r = cli("check", "--template", "-e", path, "--cell", "gru")
    assert tomllib.loads(r.stdout)["trace"]["gru_variant"] == "torch"


# ---- worksheet -----------------------------------------------------------------------------------------
def key_values(markdown: str, name: str) -> list[np.ndarray]:
    """The bold (blanked, filled in) values of ``name`` in a Markdown answer key, step by step."""
    rows = re.findall(rf"^\| `{re.escape(name)}` \|.*\| \*\*`\[([^\]]*)\]`\*\* \|$", markdown, re.M)
    return [np.array([float(x) for x in row.split()]) for row in rows]


@pytest.mark.parametrize("option,want", [(None, "torch"), ("torch", "torch"), ("lecture", "lecture")])
def test_the_answer_key_follows_the_examples_variant_unless_the_option_says(cli, pinned, option, want):
    r = cli("worksheet", "-e", pinned, "--blank", "h,h_tilde", "--key", *(["--gru-variant", option] if option else []))
    assert r.exit_code == 0, r.stderr
    for key in ("h", "h_tilde"):
        got = key_values(r.stdout, "h_t" if key == "h" else "h̃_t")
        assert len(got) == 3
        for t, values in enumerate(gru(want)):
            np.testing.assert_allclose(got[t], values[key], atol=5e-5)
            assert not np.allclose(got[t], gru(OTHER[want])[t][key], atol=5e-5)


def test_a_students_sheet_keeps_the_examples_variant(pinned):
    """A student's weights are drawn anew; the form stays the example's: h̃_1 recomputed from the
    sheet's own parameters in the torch form is the key's, and b_hn is on the sheet."""
    from rnntrace import worksheet
    from rnntrace.check.sheet import Spec

    sheet = worksheet.build(Spec("forward", pinned), ("h",), student="ana")
    P = sheet.params
    assert "b_hn" in P
    entries = {e.key: e.value for e in sheet.parts[0].entries}
    r = entries["r"].ravel()
    want = np.tanh(P["W_xh"][0] + P["b_h"].ravel() + r * P["b_hn"].ravel())  # x_1 = onehot(a), h_0 = 0
    np.testing.assert_allclose(entries["h_tilde"].ravel(), want.ravel(), atol=1e-12)


# ---- bad input -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("command", [("check", "--template"), ("worksheet",)])
def test_the_torch_variant_on_another_cell_is_refused_as_forward_refuses_it(cli, command, tmp_path):
    forward = cli("forward", "--cell", "rnn", "--gru-variant", "torch")
    out = tmp_path / "class"
    extra = ["--out", str(out), "--count", "2"] if command == ("worksheet",) else []
    r = cli(*command, "--cell", "rnn", "--gru-variant", "torch", *extra)
    one_line(r, "--gru-variant torch", "--cell gru")
    assert r.stderr.split(": error: ", 1)[1] == forward.stderr.split(": error: ", 1)[1]
    assert not out.exists()
    r = cli("--lang", "es", *command, "--cell", "lstm", "--gru-variant", "torch")
    one_line(r, "compuerta de reinicio", "--cell gru")


@pytest.mark.parametrize("command", [("check", "--template"), ("worksheet",)])
def test_the_lecture_variant_on_another_cell_is_no_error(cli, command):
    """As for forward: --gru-variant lecture names the default and changes nothing."""
    assert cli("forward", "--cell", "rnn", "--gru-variant", "lecture").exit_code == 0
    assert cli(*command, "--cell", "rnn", "--gru-variant", "lecture").exit_code == 0


def test_a_file_with_the_torch_variant_on_another_cell_is_one_line(cli, tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('[trace]\ncell = "lstm"\ngru_variant = "torch"\n[t1]\nh = [0.1, 0.2, 0.3]\n', encoding="utf-8")
    one_line(cli("check", str(path)), str(path), "trace.gru_variant", "torch", 'cell = "gru"')
    one_line(cli("--lang", "es", "check", str(path)), str(path), "trace.gru_variant", "compuerta de reinicio")


def test_an_unknown_variant_is_refused_as_forward_refuses_it(cli, tmp_path):
    """On the command line, click's usage error as for forward (exit 2); in a file, one line."""
    said = cli("forward", "--gru-variant", "pytorch").stderr.splitlines()[-1]
    assert "'pytorch' is not one of 'lecture', 'torch'" in said
    for command in (("check", "--template"), ("worksheet",)):
        r = cli(*command, "--gru-variant", "pytorch")
        assert r.exit_code == 2 and r.stdout == "" and r.stderr.splitlines()[-1] == said
    path = tmp_path / "mine.toml"
    path.write_text('[trace]\ncell = "gru"\ngru_variant = "pytorch"\n[t1]\nh = [0.1, 0.2, 0.3]\n', encoding="utf-8")
    one_line(cli("check", str(path)), str(path), "trace.gru_variant", "lecture, torch")


# ---- what the sheet and the check say ------------------------------------------------------------------
@pytest.mark.parametrize("option,want", [(None, "GRU cell (torch variant), "),
                                         ("lecture", "GRU cell (lecture variant), ")])
def test_the_sheet_names_the_form_it_follows(cli, pinned, option, want):
    for fmt in ("markdown", "latex", "html"):
        r = cli("worksheet", "-e", pinned, "--format", fmt, *(["--gru-variant", option] if option else []))
        assert r.exit_code == 0 and want in r.stdout, r.stdout
    r = cli("--lang", "es", "worksheet", "-e", pinned, *(["--gru-variant", option] if option else []))
    assert f"\n\nCélula GRU (variante {option or 'torch'}), " in r.stdout


def test_a_sheet_of_another_cell_names_no_form(cli, write_example):
    path = write_example(EXAMPLE.format(cell="rnn", key='gru_variant = "torch"'))
    r = cli("worksheet", "-e", path)
    assert r.exit_code == 0 and "Elman RNN cell, H = 2" in r.stdout and "variant" not in r.stdout


def test_the_check_names_the_form_it_follows(cli, pinned, tmp_path, write_example):
    r = cli("check", answers(tmp_path, {"example": pinned}, "torch"))
    assert r.exit_code == 0 and "GRU cell (torch variant)" in " ".join(r.stdout.split())
    r = cli("check", answers(tmp_path, {"example": pinned, "gru_variant": "lecture"}, "torch"))
    assert r.exit_code == 1 and "GRU cell (lecture variant)" in " ".join(r.stdout.split())
    rnn = tmp_path / "rnn.toml"
    rnn.write_text('[trace]\ncell = "rnn"\n[t1]\nh = ["?", "?", "?"]\n', encoding="utf-8")
    r = cli("check", str(rnn))
    assert r.exit_code == 0 and "Elman RNN cell" in r.stdout and "variant" not in r.stdout
