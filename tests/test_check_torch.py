"""Optional: rnntrace check on numbers a student computed with PyTorch (float64): its nn.GRU and
nn.LSTM, autograd's ∂L/∂h_t, and attention written with torch ops, all agree with the trace; the
same attention without ÷ √d_k is named ``no_scale``. Skipped without torch."""
import json

import numpy as np
import pytest

torch = pytest.importorskip("torch")

import torch_layers  # noqa: E402

from rnntrace.check import core, sheet  # noqa: E402


def write(tmp_path, doc):
    path = tmp_path / "torch.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return str(path)


def torch_states(plan, cell):
    """h_t (and c_t) for t = 1 … T from PyTorch's own layer with the trace's weights (PyTorch keeps
    them column-convention and stacked: GRU r, z, n; LSTM i, f, g, o)."""
    W = {k: torch.tensor(v, dtype=torch.float64) for k, v in plan.params.items()}
    V, H = len(plan.vocab), plan.forward[0].values["h"].shape[-1]
    net = torch_layers.layer(W, cell, V, H)
    x = torch.tensor(np.array([s.values["x"] for s in plan.forward]), dtype=torch.float64)[:, None, :]
    hs, cs, h, c = [], [], None, None
    for t in range(x.shape[0]):  # step by step, to read c_t too
        state = None if h is None else (h if cell == "gru" else (h, c))
        out, state = net(x[t:t + 1], state)
        h, c = (state, None) if cell == "gru" else state
        hs.append(h[0, 0].detach().numpy())
        cs.append(None if c is None else c[0, 0].detach().numpy())
    return hs, cs


@pytest.mark.parametrize("cell,variant", [("gru", "torch"), ("lstm", "lecture")])
def test_states_from_torchs_own_layers_agree(cli, tmp_path, cell, variant):
    spec = sheet.Spec(cell=cell, gru_variant=variant, seed=5)
    plan = core.build_plan(spec)
    hs, cs = torch_states(plan, cell)
    doc = {"trace": {"cell": cell, "gru_variant": variant, "seed": 5}}
    for t, (h, c) in enumerate(zip(hs, cs), start=1):
        doc[f"t{t}"] = {"h": h.tolist(), **({"c": c.tolist()} if c is not None else {})}
    r = cli("check", write(tmp_path, doc), "--format", "json")
    out = json.loads(r.stdout)
    assert r.exit_code == 0 and out["checked"] == len(hs) * (1 if cell == "gru" else 2), out


def test_dL_dh_from_autograd_agrees(cli, tmp_path):
    """∂L/∂h_t as autograd gives it (the gradient of the whole loss at h_t) is the trace's dh."""
    plan = core.build_plan(sheet.Spec(command="bptt"))
    P = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in plan.params.items()}
    h, hs, loss = torch.zeros(3, dtype=torch.float64), [], 0
    for s, target in zip(plan.forward, plan.targets):
        x = torch.tensor(s.values["x"], dtype=torch.float64)
        h = torch.tanh(x @ P["W_xh"] + h @ P["W_hh"])
        h.retain_grad()
        hs.append(h)
        if target is not None:
            loss = loss - torch.log_softmax(h @ P["W_hy"], dim=0)[target]
    loss.backward()
    grads = [h.grad if h.grad is not None else torch.zeros(3) for h in hs]  # None: the loss does not reach h_t
    doc = {"trace": {"command": "bptt"}, "backward": {f"t{t}": {"dh": g.tolist()} for t, g in enumerate(grads, 1)}}
    r = cli("check", write(tmp_path, doc), "--format", "json")
    assert r.exit_code == 0 and json.loads(r.stdout)["checked"] == len(hs)


@pytest.mark.parametrize("scaled", [True, False])
def test_attention_written_with_torch(cli, tmp_path, scaled):
    plan = core.build_plan(sheet.Spec(command="attention"))
    X = torch.tensor(plan.forward[0].ops[0].value, dtype=torch.float64)  # X = E + P
    W = {k: torch.tensor(plan.params[k], dtype=torch.float64) for k in ("W_Q", "W_K", "W_V")}
    Q, K, V = X @ W["W_Q"], X @ W["W_K"], X @ W["W_V"]
    scores = Q @ K.T / (np.sqrt(Q.shape[1]) if scaled else 1.0)
    weights = torch.softmax(scores, dim=-1)
    doc = {"trace": {"command": "attention"},
           "attention": {"weights": weights.tolist(), "output": (weights @ V).tolist()}}
    r = cli("check", write(tmp_path, doc), "--format", "json")
    out = json.loads(r.stdout)
    if scaled:
        assert r.exit_code == 0 and out["checked"] == 2
    else:
        assert r.exit_code == 1 and out["diagnosis"] == "no_scale"
        assert out["follow_through"] == {"checked": 1, "differ": []}  # output follows from their weights
