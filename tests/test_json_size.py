"""bptt's JSON bounds what it writes: the Jacobians only while they hold at most JACOBIAN_LIMIT
numbers, and says so when it leaves them out; every key is there either way."""
import json

import numpy as np

from rnntrace.render import bptt_json


def test_jacobians_written_below_the_limit(cli):
    d = json.loads(cli("bptt", "--cell", "lstm", "--format", "json").output)
    assert d["jacobians_omitted"] is None
    assert [np.shape(j["matrix"]) for j in d["jacobians"]] == [(6, 6)] * 5


def test_jacobians_left_out_above_the_limit_and_said(cli, monkeypatch):
    keys = list(json.loads(cli("bptt", "--cell", "lstm", "--format", "json").output))
    monkeypatch.setattr(bptt_json, "JACOBIAN_LIMIT", 5 * 36 - 1)  # the LSTM's five 6×6: one number too many
    d = json.loads(cli("bptt", "--cell", "lstm", "--format", "json").output)
    assert d["jacobians"] is None
    assert d["jacobians_omitted"] == {"numbers": 180, "limit": 179}
    assert len(d["norms"]) == 5 and d["analysis"]["jacobian_max"] is not None  # the sizes stay
    assert list(d) == keys  # every key, in the same order


def test_network_jacobians_written_below_the_limit_and_left_out_above_it(cli, monkeypatch):
    """The network's ledger (layers × directions × steps of H×H) has the same bound: below it every
    J_t is there and jacobians_omitted is null; one number over, every ledger's jacobians is null,
    the total is said, and the norms stay."""
    args = ("bptt", "--layers", "2", "--bidirectional", "--format", "json")
    d = json.loads(cli(*args).output)
    assert d["jacobians_omitted"] is None
    assert [len(r["jacobians"]) for r in d["ledger"]] == [5] * 4
    total = sum(np.size(j["matrix"]) for r in d["ledger"] for j in r["jacobians"])
    assert total == 4 * 5 * 9  # four runs of five 3×3
    monkeypatch.setattr(bptt_json, "JACOBIAN_LIMIT", total - 1)
    over = json.loads(cli(*args).output)
    assert over["jacobians_omitted"] == {"numbers": total, "limit": total - 1}
    assert [r["jacobians"] for r in over["ledger"]] == [None] * 4
    assert [r["norms"] for r in over["ledger"]] == [r["norms"] for r in d["ledger"]]
    assert list(over) == list(d)
    monkeypatch.setattr(bptt_json, "JACOBIAN_LIMIT", total)
    assert json.loads(cli(*args).output) == d  # at the limit exactly: written


def test_backward_ops_written_below_the_limit_and_left_out_above_it(cli, monkeypatch):
    """The step-by-step view's backward ops (one layer, and a network's) have a bound of their own:
    at it every op is written and backward_omitted is null; one number over, backward is null, the
    count is said, and the gradients and every other key stay."""
    for args in (("bptt", "--cell", "lstm", "--format", "json"),
                 ("bptt", "--layers", "2", "--bidirectional", "--format", "json")):
        d = json.loads(cli(*args).output)
        assert d["backward_omitted"] is None
        total = sum(np.size(op["value"]) for s in d["backward"] for op in s["ops"])
        assert total > 100
        monkeypatch.setattr(bptt_json, "BACKWARD_LIMIT", total)
        assert json.loads(cli(*args).output) == d  # at the limit exactly: written
        monkeypatch.setattr(bptt_json, "BACKWARD_LIMIT", total - 1)
        over = json.loads(cli(*args).output)
        assert over["backward"] is None
        assert over["backward_omitted"] == {"numbers": total, "limit": total - 1}
        assert over["grads"] == d["grads"]
        assert list(over) == list(d)
        monkeypatch.undo()
