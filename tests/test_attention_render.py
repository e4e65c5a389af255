"""The rich output of ``rnntrace attention`` and ``rnntrace positional`` pinned at 80 columns
(golden files, no colour); ``pytest --update-golden`` rewrites them, on purpose only."""
import pytest


@pytest.mark.parametrize("name,args", [
    ("attention_self", ["attention"]),
    ("attention_self_heads2_causal", ["attention", "--heads", "2", "--mask", "causal"]),
    ("attention_self_no_scale", ["attention", "--no-scale", "--dk", "16", "--precision", "3"]),
    ("attention_seq2seq", ["attention", "--mode", "seq2seq"]),
    ("attention_seq2seq_es", ["attention", "--mode", "seq2seq", "--lang", "es"]),
    ("positional", ["positional"]),
    ("positional_wide_es", ["positional", "--length", "6", "--dim", "12", "--lang", "es"]),
])
def test_attention_golden(cli, golden, name, args):
    r = cli(*args)
    assert r.exit_code == 0, r.output
    assert "\x1b[" not in r.output
    assert max(len(line) for line in r.output.splitlines()) <= 80
    golden(name, r.output)


def test_weight_tables_are_heat_coloured_on_a_terminal():
    import io
    import re

    from rich.console import Console

    from rnntrace import attention_examples as ae, attention_trace
    from rnntrace.render import attention_rich

    tr = attention_trace.run_seq2seq(ae.load("etxe_handia", "seq2seq"))
    buf = io.StringIO()
    Console(file=buf, force_terminal=True, width=80, color_system="standard").print(
        attention_rich.seq_alignment(tr, 4))
    text = buf.getvalue()
    assert re.search(r"\x1b\[[0-9;]*31m0\.8116", text)  # α ≥ 0.6: red
    assert re.search(r"\x1b\[[0-9;]*33m0\.2942", text)  # 0.2 ≤ α < 0.4: yellow
    assert attention_rich.heat(0.01) == "dim" and attention_rich.heat(float("nan")) == "bold red"
