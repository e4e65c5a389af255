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
