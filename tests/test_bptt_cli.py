"""``rnntrace bptt`` through click's CliRunner: golden renders at 80 columns, the one-screen
ledger, the JSON document, and every bad input the issue names (one line on stderr, exit 2)."""
import io
import json
import math

import numpy as np
import pytest

# ---- golden renders ---------------------------------------------------------------------------------
def mask_rounding(text: str) -> str:
    """The gradient check's relative errors (1e-12 … 1e-9) are rounding noise: they change with
    the order of float operations, so golden files hold ``x.xe-xx`` in their place (the tests
    above and below check their size)."""
    import re

    return re.sub(r"\d\.\de-1[0-9]|\d\.\de-0[7-9]", "x.xe-xx", text)


@pytest.mark.parametrize("name,args", [
    ("bptt_default", []),
    ("bptt_column", ["--convention", "column", "--sentence", "I love recurrent"]),
    ("bptt_gru_torch", ["--cell", "gru", "--gru-variant", "torch", "--sentence", "I love recurrent", "-p", "3"]),
    ("bptt_lstm", ["--cell", "lstm", "--sentence", "I love recurrent", "-p", "3"]),
    ("bptt_summary", ["--steps", "200"]),
    ("bptt_compare", ["--compare"]),
    ("bptt_compare_long", ["--compare", "--steps", "50", "--forget-bias", "3"]),
])
def test_bptt_golden(cli, golden, name, args):
    r = cli("bptt", *args)
    assert r.exit_code == 0, r.output
    golden(name, mask_rounding(r.output))


def chart_text(**kwargs) -> str:
    from rnntrace import bptt, examples
    from rnntrace.output import make_console, print_renderables
    from rnntrace.present import bptt as present
    from rnntrace.render import terminal

    tr = bptt.run(examples.load(), gradcheck=False, **kwargs)
    buf = io.StringIO()
    print_renderables([terminal.section(present.chart_section(tr, 4), 4)], make_console(file=buf))
    return buf.getvalue()


def test_chart_golden(golden):
    golden("bptt_chart", chart_text())


def test_exploding_chart_golden(golden):
    text = chart_text(scale=3.0, activation="relu")
    assert "geometric growth" in text
    golden("bptt_chart_relu_scale3", text)


def ledger_lines(output: str) -> list[str]:
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(("Jacobians J^(i)", "Jacobianos J^(i)")))
    return lines[start:]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_default_ledger_fits_one_screen(cli, lang):
    """Every Jacobian, the shrinking products and the chart (and the bound and the sum) in the
    last 50 lines at 80 columns, in either language: what stays on a student's screen."""
    out = cli("bptt", "--lang", lang).output
    ledger = ledger_lines(out)
    assert len(ledger) <= 50, len(ledger)
    text = "\n".join(ledger)
    for i in range(1, 6):
        assert f"J^({i})  ‖·‖₂ = " in text
    for k in range(5):
        assert f"k = {k}  ‖·‖₂ = " in text
    norms = [float(line.split()[2]) for line in ledger if line[:5].strip().isdigit() and "█" in line][:5]
    assert norms == sorted(norms, reverse=True) and len(norms) == 5  # shrinking with the distance
    assert all(len(line) <= 80 for line in out.splitlines())


@pytest.mark.parametrize("sentence,at", [("I love recurrent neural networks", 4),
                                          ("I love recurrent neural networks I love", 6)])
def test_sum_verdict_counts_only_the_distant_terms(cli, sentence, at):
    """"steps at distance ≥ d" is the share of the terms with t − k ≥ d, i.e. k = 1 … t − d,
    recomputed here from the term matrices (d = max(2, ⌊t/2⌋))."""
    import re

    from rnntrace import bptt, examples

    ex = examples.load()
    tr = bptt.run(ex.with_sentence(sentence.split()), gradcheck=False)
    assert tr.sums.t == at
    sizes = np.array([np.linalg.norm(m) for m in tr.sums.terms])  # k = 1 … t
    d = max(2, at // 2)
    far = sizes[: at - d].sum() / sizes.sum()
    out = cli("bptt", "--sentence", sentence, "--no-gradcheck").output.replace("\n", " ")
    m = re.search(r"steps at distance (\d+)(?:…(\d+))?:(?: only)? ([\d.]+)%", out)
    assert m, out[-600:]
    # k = 1's term is exactly 0 (h^(0) = 0): the distances named stop at t − 2
    assert sizes[0] == 0 and int(m.group(1)) == d and int(m.group(2) or m.group(1)) == at - 2
    assert float(m.group(3)) == pytest.approx(100 * far, abs=0.05)


# ---- what the student is promised ---------------------------------------------------------------------
def doc(cli, *args) -> dict:
    r = cli("bptt", "--format", "json", *args)
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def logs(d) -> list[float]:
    return [n["log10_norm"] for n in sorted(d["norms"], key=lambda n: n["distance"])]


def test_scale_half_vanishes_faster(cli):
    one, half = logs(doc(cli)), logs(doc(cli, "--scale", "0.5"))
    assert all(h < o for h, o in zip(half, one))


def test_relu_scale_three_explodes(cli):
    d = doc(cli, "--scale", "3", "--activation", "relu")
    grow = logs(d)
    assert grow == sorted(grow) and grow[-1] > 1.0
    assert d["bound"]["holds"] and d["bound"]["sigma_max"] == pytest.approx(3 * 0.8566434765178949)


def test_scale_is_applied_to_the_reported_params(cli):
    d = doc(cli, "--scale", "3")
    assert d["scale"] == 3.0
    assert d["params"]["W_hh"][0] == pytest.approx([0.6, 0.3, 0.6])
    assert d["params"]["W_xh"][0] == pytest.approx([0.2, 0.1, 0.2])


def test_compare_shows_the_lstm_keeping_its_gradient(cli):
    d = doc(cli, "--compare", "--steps", "50")
    curves = {c["cell"]: logs(c) for c in d["curves"]}
    assert all(l > r for l, r in zip(curves["lstm"][5:], curves["rnn"][5:]))
    assert curves["lstm"][-1] - curves["rnn"][-1] > 5  # a million times more after 50 steps
    lstm = next(c for c in doc(cli, "--compare", "--steps", "50", "--forget-bias", "3")["curves"]
                if c["cell"] == "lstm")
    assert logs(lstm)[-1] > -1  # f_t ≈ 0.95: more than a tenth left after 50 steps


def test_gradcheck_confirms_every_number(cli):
    for args in ([], ["--cell", "gru"], ["--cell", "gru", "--gru-variant", "torch"], ["--cell", "lstm"],
                 ["--example", "pseudocode"]):
        gc = doc(cli, *args)["gradcheck"]
        assert gc["max_rel_error"] < 1e-6 and all(e < 1e-6 for e in gc["per_parameter"].values()), args


def test_gradcheck_switches(cli):
    assert doc(cli, "--no-gradcheck")["gradcheck"] is None
    assert doc(cli, "--steps", "60")["gradcheck"] is None
    assert doc(cli, "--steps", "60", "--gradcheck")["gradcheck"]["max_rel_error"] < 1e-6
    assert "Gradient check off" in cli("bptt", "--steps", "60").output


# ---- JSON -----------------------------------------------------------------------------------------------
def test_json_keys_and_shapes(cli):
    d = doc(cli)
    for key in ("command", "cell", "convention", "example", "vocab", "hidden_size", "seed", "params", "steps",
                "loss", "grads", "jacobians", "norms", "bound", "gradcheck", "warnings"):
        assert key in d, key
    assert d["command"] == "bptt"
    assert {k: np.shape(v) for k, v in d["grads"].items()} == {k: np.shape(v) for k, v in d["params"].items()}
    assert [j["t"] for j in d["jacobians"]] == [1, 2, 3, 4, 5]
    assert all(np.shape(j["matrix"]) == (3, 3) for j in d["jacobians"])
    assert [(n["k"], n["distance"]) for n in d["norms"]] == [(k, 5 - k) for k in range(5)]
    for n in d["norms"]:
        assert n["norm"] == pytest.approx(10 ** n["log10_norm"])
    assert set(d["bound"]) == {"sigma_max", "gamma", "holds"}
    assert set(d["gradcheck"]) >= {"max_rel_error", "per_parameter"}
    assert set(d["gradcheck"]["per_parameter"]) == set(d["params"])
    assert d["loss"] == pytest.approx(sum(s["values"]["loss"] for s in d["steps"] if s["target"]))


def test_json_lstm_jacobians_are_2h_square_and_bound_is_null(cli):
    d = doc(cli, "--cell", "lstm")
    assert all(np.shape(j["matrix"]) == (6, 6) for j in d["jacobians"])
    assert d["bound"] is None


def test_json_long_run_norms_are_logs(cli):
    d = doc(cli, "--steps", "10000")
    assert len(d["norms"]) == 10000 and len(d["jacobians"]) == 10000
    far = d["norms"][0]
    assert far["distance"] == 10000 and far["norm"] is None and far["log10_norm"] < -1000
    assert all(isinstance(n["log10_norm"], float) and math.isfinite(n["log10_norm"]) for n in d["norms"])
    assert d["gradcheck"] is None and d["warnings"] == []


def test_json_exact_zero_is_null_log(cli):
    d = doc(cli, "--scale", "0")
    assert all(n["norm"] is None and n["log10_norm"] is None for n in d["norms"])


def test_overflow_is_explained_not_a_crash(cli):
    r = cli("bptt", "--steps", "40", "--scale", "1e300", "--activation", "relu")
    assert r.exit_code == 0
    assert "inf or nan" in " ".join(r.output.split())
    d = doc(cli, "--steps", "40", "--scale", "1e300", "--activation", "relu")
    assert d["warnings"]  # every null that stands for inf or nan is named


# ---- languages and help -----------------------------------------------------------------------------------
def test_spanish(cli):
    out = cli("bptt", "--lang", "es").output
    assert "Jacobianos J^(i)" in out and "La suma de la clase para L^(4)" in out
    assert "Hacia atrás · t = 4 · “neural” → objetivo “networks”" in out
    assert "Backward" not in out


def test_help_names_every_option(cli):
    out = cli("bptt", "--help").output
    for opt in ("--at", "--scale", "--activation", "--steps", "--gradcheck", "--compare", "--forget-bias",
                "--example", "--cell", "--format"):
        assert opt in out


# ---- bad input: one line on stderr, exit status 2 -----------------------------------------------------
def bad(result, *fragments):
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    err = result.stderr.strip()
    assert "Traceback" not in err and len(err.splitlines()) == 1, err
    assert err.startswith("rnntrace bptt: error: "), err
    for f in fragments:
        assert f in err, f"{f!r} not in {err!r}"


@pytest.mark.parametrize("args,fragments", [
    (["--at", "0"], ["--at = 0 is out of range; expected 1 to 5"]),
    (["--at", "6"], ["--at = 6 is out of range; expected 1 to 5"]),
    (["--at", "5"], ["step 5 (“networks”) has no target", "steps with a target: 1–4"]),
    (["--sentence", "I", "--at", "1"], ["no step of this sentence has a target"]),
    (["--steps", "0"], ["--steps = 0 is out of range; expected 1 to 10000"]),
    (["--steps", "-3"], ["--steps = -3 is out of range"]),
    (["--steps", "20000"], ["--steps = 20000 is out of range; expected 1 to 10000"]),
    (["--steps", "3", "--at", "4"], ["--at = 4 is out of range; expected 1 to 3"]),
    (["--scale", "nan"], ["--scale = nan is not a finite number"]),
    (["--scale", "inf"], ["--scale = inf is not a finite number"]),
    (["--scale", "1e999"], ["--scale = inf is not a finite number"]),
    (["--activation", "swish"], ["--activation 'swish' is not an activation", "tanh, sigmoid, relu"]),
    (["--activation", "relux"], ["did you mean 'relu'"]),
    (["--activation", "relu", "--cell", "gru"], ["the GRU cell keeps its own activations", "--cell rnn"]),
    (["--activation", "sigmoid", "--cell", "lstm"], ["the LSTM cell keeps its own activations"]),
    (["--compare", "--cell", "rnn"], ["--compare traces rnn, gru and lstm together"]),
    (["--compare", "--at", "2"], ["--at follows one cell's sum"]),
    (["--compare", "--gradcheck"], ["--gradcheck checks one cell's gradients"]),
    (["--gru-variant", "torch"], ["the Elman RNN cell has no reset gate", "use it with --cell gru or --compare"]),
    (["--gru-variant", "torch", "--cell", "lstm"], ["the LSTM cell has no reset gate"]),
    (["--forget-bias", "2"], ["the Elman RNN cell has no forget gate"]),
    (["--forget-bias", "nan", "--cell", "lstm"], ["--forget-bias = nan is not a finite number"]),
])
def test_bad_input(cli, args, fragments):
    bad(cli("bptt", *args), *fragments)


def test_steps_beyond_memory(cli, write_example):
    path = write_example('name = "big"\ncell = "lstm"\nvocab = ["a", "b"]\nsentence = ["a", "b"]\n'
                         'hidden_size = 256\n')
    bad(cli("bptt", "--example", path, "--steps", "10000"), "--steps 10000", "512×512", "at most")


def test_bad_example_file_is_the_forward_message(cli):
    bad(cli("bptt", "--example", "nope/missing.toml"), "missing.toml: no such file")


@pytest.mark.parametrize("args", [[], ["--cell", "lstm"], ["--steps", "30"], ["--steps", "30", "--cell", "gru"],
                                  ["--sentence", "I"]])
def test_step_pages_end_with_the_whole_ledger(args):
    """--step: the opening, one page per backward step (t = T … 1, the step-by-step view only),
    and a closing page that ends with the whole ledger, the Jacobians first."""
    from rnntrace import bptt, examples
    from rnntrace.i18n import t
    from rnntrace.present import bptt as present

    ex = examples.load()
    ex = ex.with_sentence(args[1].split()) if args[:1] == ["--sentence"] else ex
    ex = bptt.extend(ex, int(args[1]), 0) if args[:1] == ["--steps"] else ex
    cell = args[3] if len(args) > 3 else (args[1] if args[:1] == ["--cell"] else None)
    tr = bptt.run(ex, cell=cell)
    doc = present.build(tr)
    steps = [] if tr.summary else list(range(tr.T, 0, -1))
    assert [p.kind for p in doc.pages] == ["opening"] + ["backward"] * len(steps) + ["closing"]
    assert [p.t for p in doc.pages[1:-1]] == steps
    closing = [s.title for s in doc.pages[-1].sections]
    ledger = [s.title for s in present.ledger(tr, "row", 4, compact=tr.summary)]
    assert closing[-len(ledger):] == ledger and ledger[0].startswith("Jacobians")
    assert t("bptt.bound.title") in ledger


def test_overflow_warning_points_down_to_the_norms_it_mentions(cli):
    """The warnings come before the ledger, so the norms they speak of are below them."""
    out = cli("bptt", "--steps", "2000", "--scale", "3", "--activation", "relu").output
    flat = " ".join(out.split())
    assert "The norms below are carried as logarithms" in flat and "norms above" not in flat
    warn = out.index("⚠ gradients hold inf or nan")
    assert warn < out.index("‖∂h^(2000)/∂h^(k)‖₂ against the distance")
    es = " ".join(cli("bptt", "--steps", "2000", "--scale", "3", "--activation", "relu", "--lang", "es").output.split())
    assert "Las normas de abajo" in es and "normas de arriba" not in es


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("args", [[], ["--cell", "gru"], ["--cell", "lstm"], ["--steps", "200"], ["--compare"]])
def test_no_heading_is_cut_at_80_columns(cli, lang, args):
    """A heading too long for its rule is cut with '…' by rich: none may be."""
    import re

    out = cli("bptt", *args, "--lang", lang).output
    cut = [line for line in out.splitlines() if re.search(r"…\s*─+$", line)]
    assert cut == []


@pytest.mark.parametrize("cell", ["rnn", "gru", "lstm"])
def test_compare_gives_each_cell_the_factor_per_step_of_its_own_view(cli, cell):
    """--compare and 'rnntrace bptt --cell X' describe the same curve: one factor per step
    (0.514 against 0.542 for the Elman cell on the lecture's example, before)."""
    import re

    own = " ".join(cli("bptt", "--cell", cell).output.split())
    want = re.search(r"× ([0-9.]+) per step", own).group(1)
    cmp = " ".join(cli("bptt", "--compare").output.split())
    got = re.search(rf"{cell}: ‖∂s\^\(5\)/∂s\^\(0\)‖ = [0-9.]+, × ([0-9.]+) per step", cmp).group(1)
    assert got == want
    # and the factor is the slope of the curve from distance 1 to distance T, from the JSON's norms
    norms = {c["cell"]: c["norms"] for c in doc(cli, "--compare")["curves"]}[cell]
    slope = 10 ** ((norms[0]["log10_norm"] - norms[-1]["log10_norm"]) / (len(norms) - 1))
    assert got == f"{slope:.3g}"


def test_compare_says_which_forget_bias_the_lstm_has(cli):
    out = " ".join(cli("bptt", "--compare", "--steps", "50", "--forget-bias", "3").output.split())
    assert "with b_f = 3 (--forget-bias)" in out
    assert "b_f =" not in " ".join(cli("bptt", "--compare").output.split()).split("The LSTM's forget gate decides")[0]
    es = " ".join(cli("bptt", "--compare", "--forget-bias", "3", "--lang", "es").output.split())
    assert "con b_f = 3 (--forget-bias)" in es


@pytest.mark.parametrize("cell", ["rnn", "gru", "lstm"])
def test_explain_says_why_dh_is_a_sum_once(cli, cell):
    """With --explain, the ↳ under ∂L/∂h_t explains the sum of paths; the plain note saying the
    same ('h_t is used twice …') is left out, as the note on p_t − onehot(target) is."""
    plain = " ".join(cli("bptt", "--cell", cell).output.split())
    assert "h_t is used twice" in plain
    out = " ".join(cli("bptt", "--cell", cell, "--explain").output.split())
    assert "collects the 2 paths from h_t to the loss" in out
    assert "h_t is used twice" not in out


def test_scale_is_written_as_given_and_named_next_to_sigma(cli):
    out = " ".join(cli("bptt", "--scale", "3").output.split())
    assert "recurrent matrices scaled by 3: W_hh" in out and "3.0000" not in out
    assert "σ_max(W_hh) = 2.5699 (W_hh after --scale 3), γ = 1" in out
    es = " ".join(cli("bptt", "--scale", "0.5", "--lang", "es").output.split())
    assert "multiplicadas por 0.5: W_hh" in es and "σ_max(W_hh) = 0.4283 (W_hh tras --scale 0.5), γ = 1" in es


def test_sum_verdict_is_a_sentence_and_share_is_defined(cli):
    out = " ".join(cli("bptt", "--scale", "3", "--activation", "relu").output.split())
    assert "share = ‖term_k‖ / Σ_j ‖term_j‖" in out
    assert "k = 4: 56.7% of the sum; steps at distance 2: 16.1%. The nearer steps weigh more." in out
    es = " ".join(cli("bptt", "--scale", "3", "--activation", "relu", "--lang", "es").output.split())
    assert "pasos a distancia 2: 16.1%. Los cercanos pesan más." in es


def test_the_column_convention_writes_the_chain_rule_jacobian_first(cli):
    """Row vectors: gradient times Jacobian, ∂L/∂h_t·∂h_t/∂h_{t−1}; column vectors: the
    Jacobian transposed times the gradient, (∂h_t/∂h_{t−1})ᵀ·∂L/∂h_t: the same numbers."""
    from rnntrace.cells import BACK, back
    from rnntrace.notation import write
    from rnntrace.trace import Sym

    assert [write(back(k), "column") for k in BACK] == [
        "(∂h_t/∂h_{t−1})ᵀ·∂L/∂h_t", "(∂s_t/∂h_{t−1})ᵀ·∂L/∂s_t", "(∂c_t/∂c_{t−1})ᵀ·∂L/∂c_t"]
    assert [write(back(k, True), "column") for k in BACK] == [
        "(∂h_{t+1}/∂h_t)ᵀ·∂L/∂h_{t+1}", "(∂s_{t+1}/∂h_t)ᵀ·∂L/∂s_{t+1}", "(∂c_{t+1}/∂c_t)ᵀ·∂L/∂c_{t+1}"]
    assert [write(back(k), "row") for k in BACK] == [a for a, _ in BACK.values()]  # the row names as BACK has them
    assert write(Sym("∂L/∂h_t"), "column") == "∂L/∂h_t"  # other names stay
    # the column form belongs to the symbol made by the chain rule, not to a name that looks like one
    assert write(Sym(BACK["h"][0]), "column") == BACK["h"][0]
    col = cli("bptt", "--convention", "column", "--no-gradcheck").output
    row = cli("bptt", "--no-gradcheck").output
    assert "(∂h_t/∂h_{t−1})ᵀ·∂L/∂h_t = W_hhᵀ·δ_t" in col and "∂L/∂h_t·∂h_t/∂h_{t−1}" not in col
    assert "∂L/∂h_t·∂h_t/∂h_{t−1} = δ_t·W_hhᵀ" in row


@pytest.mark.parametrize("args", [[], ["--cell", "gru", "--gru-variant", "torch"], ["--cell", "lstm"],
                                  ["--convention", "column"]])
def test_json_backward_ops_add_up_to_the_gradients(cli, args):
    """The JSON's ``backward`` holds every op of the step-by-step view, t = T … 1; the values of
    the ``∂L/∂θ += …`` contributions, summed over the steps, are ``grads[θ]`` (transposed back
    from the column convention, where an op's value is laid out as its shape line says), and the
    summary view has none."""
    d = doc(cli, *args)
    assert [s["t"] for s in d["backward"]] == list(range(len(d["steps"]), 0, -1))
    column = "--convention" in args
    totals: dict[str, np.ndarray] = {}
    for s in d["backward"]:
        for op in s["ops"]:
            assert set(op) == {"expr", "shapes", "value"}
            if " += " in op["expr"]:
                name = op["expr"].split(" += ")[0].removeprefix("∂L/∂")
                v = np.array(op["value"], dtype=float)
                v = v.T if column and v.ndim == 2 else v
                totals[name] = totals.get(name, 0) + v
    assert set(totals) <= set(d["grads"]) and "W_hy" in totals and len(totals) >= 5
    for name, total in totals.items():
        np.testing.assert_allclose(total, np.array(d["grads"][name]), rtol=1e-12, atol=1e-15, err_msg=name)
    assert doc(cli, "--steps", "20")["backward"] is None


def uncropped(monkeypatch):
    """Print every section with crop=False: a renderable wider than the console then shows its
    full width, instead of rich cutting it at the edge."""
    from rnntrace import output

    def sections(renderables, console):
        for k, r in enumerate(renderables):
            if k:
                console.line()
            console.print(r, crop=False)

    monkeypatch.setattr(output, "_print_sections", sections)


@pytest.mark.parametrize("columns", [80, 200])
@pytest.mark.parametrize("example", ["lecture", "pseudocode"])
def test_the_forward_table_fits_the_terminal(cli, monkeypatch, columns, example):
    """bptt's forward-pass table (pseudocode's H = 4 vectors made it 85 columns wide, drawn with an
    82-character rule that rich cropped and the t column squeezed to nothing) narrows to fit:
    every line, uncropped, within the terminal; every h_t printed whole."""
    from rich.cells import cell_len

    uncropped(monkeypatch)
    monkeypatch.setenv("COLUMNS", str(columns))
    r = cli("bptt", "-e", example, "--format", "json")
    steps = json.loads(r.output)["steps"]
    out = cli("bptt", "-e", example).output
    assert max(cell_len(line) for line in out.splitlines()) <= columns
    table = out.split("Forward pass")[1].split("L = Σ_t")[0]
    assert "…" not in table
    head = table.splitlines()[1].split()
    assert head[:3] == ["t", "x_t", "target"]
    for s in steps:
        h = " ".join(f"{v:.4f}" for v in s["values"]["h"])
        assert f"[{h}]" in " ".join(table.split()).replace("[ ", "[")


def test_twelve_columns_are_refused_not_cropped(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "12")
    r = cli("bptt")
    assert r.exit_code == 2 and r.stdout == "" and "12 columns wide" in r.stderr


@pytest.mark.parametrize("args", [[], ["-e", "perro_lstm"], ["--cell", "gru"]])
def test_at_40_columns_the_sum_chart_keeps_every_column(cli, monkeypatch, args):
    """At 40 columns the lecture's sum (five text columns and a bar, 44 columns at least) was cut
    at the edge ("shar", "78.5"); the text columns now go above the bars, in pieces that fit."""
    from rich.cells import cell_len

    uncropped(monkeypatch)
    monkeypatch.setenv("COLUMNS", "40")
    out = cli("bptt", *args).output
    assert max(cell_len(line) for line in out.splitlines()) <= 40
    terms = json.loads(cli("bptt", *args, "--format", "json").output)["sum"]["terms"]
    norms = [10 ** x["log10_term_norm"] for x in terms if x["log10_term_norm"] is not None]
    shares = [f"{100 * n / sum(norms):.1f}%" for n in norms]
    assert len(shares) >= 3 and all(s in out for s in shares)
