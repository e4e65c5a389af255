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
