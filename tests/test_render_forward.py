"""The rich output of ``rnntrace forward`` pinned at 80 columns (golden files, no colour)."""
import pytest


@pytest.mark.parametrize("name,args", [
    ("forward_rnn", []),
    ("forward_rnn_column", ["--convention", "column"]),
    ("forward_gru", ["--cell", "gru", "--sentence", "I love"]),
    ("forward_gru_torch", ["--cell", "gru", "--gru-variant", "torch", "--sentence", "I love"]),
    ("forward_lstm", ["--cell", "lstm", "--sentence", "I love", "--precision", "3"]),
    ("forward_pseudocode", ["--example", "pseudocode"]),
])
def test_forward_golden(cli, golden, name, args):
    r = cli("forward", *args)
    assert r.exit_code == 0
    golden(name, r.output)
