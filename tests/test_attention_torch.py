"""Attention's new pieces against PyTorch (float64): the encoder block against
nn.TransformerEncoderLayer and nn.MultiheadAttention with the weights mapped across (to 1e-10),
and every gradient of --backward against autograd (to 1e-9). CI installs the torch extra."""
from __future__ import annotations

import numpy as np
import pytest

from rnntrace import attention_backward as ab, attention_block as blk
from rnntrace import attention_examples as ae, attention_trace as at

torch = pytest.importorskip("torch")
torch.set_default_dtype(torch.float64)

SIZES = [(5, 4, 1), (5, 4, 2), (3, 8, 4), (7, 6, 3), (1, 2, 2)]  # (n, d_model, heads)


def random_block(rng, d, heads):
    shapes = blk.block_shapes(d, heads)
    return {k: rng.standard_normal(s) * (0.2 if k.startswith("beta") else 0.5) + (1.0 if k.startswith("gamma") else 0.0)
            for k, s in shapes.items()}


def torch_layer(p, d, heads):
    layer = torch.nn.TransformerEncoderLayer(d, heads, dim_feedforward=p["W_1"].shape[1], dropout=0.0,
                                             activation="relu", batch_first=True, norm_first=False)
    T = lambda a: torch.tensor(np.ascontiguousarray(a))  # noqa: E731
    with torch.no_grad():
        mha = layer.self_attn
        mha.in_proj_weight.copy_(T(np.concatenate([p["W_Q"].T, p["W_K"].T, p["W_V"].T])))
        mha.in_proj_bias.zero_()
        mha.out_proj.weight.copy_(T(p["W_O"].T))
        mha.out_proj.bias.zero_()
        layer.linear1.weight.copy_(T(p["W_1"].T))
        layer.linear1.bias.copy_(T(p["b_1"]))
        layer.linear2.weight.copy_(T(p["W_2"].T))
        layer.linear2.bias.copy_(T(p["b_2"]))
        for k in (1, 2):
            norm = getattr(layer, f"norm{k}")
            norm.weight.copy_(T(p[f"gamma_{k}"]))
            norm.bias.copy_(T(p[f"beta_{k}"]))
    assert layer.norm1.eps == blk.EPSILON
    return layer.eval()


@pytest.mark.parametrize("n,d,heads", SIZES)
def test_encoder_block_equals_transformer_encoder_layer(n, d, heads):
    rng = np.random.default_rng(n * 100 + d * 10 + heads)
    X, p = rng.standard_normal((n, d)), random_block(rng, d, heads)
    mine = blk.encoder_block(X, p, heads)
    layer = torch_layer(p, d, heads)
    with torch.no_grad():
        theirs = layer(torch.tensor(X)[None]).numpy()[0]
        attn, w = layer.self_attn(*(torch.tensor(X)[None],) * 3, need_weights=True, average_attn_weights=False)
    assert np.max(np.abs(mine.output - theirs)) < 1e-10, f"mine\n{mine.output}\ntheirs\n{theirs}"
    # nn.MultiheadAttention alone: the projected attention M and each head's weights
    assert np.max(np.abs(mine.attention.output - attn.numpy()[0])) < 1e-10
    for k, h in enumerate(mine.attention.heads):
        assert np.max(np.abs(h.weights - w.numpy()[0, k])) < 1e-10


def test_the_doctor_block_equals_torch_with_its_traced_weights():
    ex = ae.load("doctor", "self")
    tr = at.run_block(ex, heads=2)
    b = tr.block
    with torch.no_grad():
        theirs = torch_layer(b.params, 4, 2)(torch.tensor(b.X)[None]).numpy()[0]
    assert np.max(np.abs(b.output - theirs)) < 1e-10
    assert tr.initial == ["gamma_1", "beta_1", "gamma_2", "beta_2"]  # PyTorch's initial γ = 1, β = 0
    assert np.all(b.params["gamma_1"] == 1) and np.all(b.params["beta_2"] == 0)


def autograd(X, p, labels, scale, causal):
    t = {k: torch.tensor(v, requires_grad=True) for k, v in p.items()}
    Xt = torch.tensor(X)
    Q, K, V = Xt @ t["W_Q"], Xt @ t["W_K"], Xt @ t["W_V"]
    for x in (Q, K, V):
        x.retain_grad()
    S = Q @ K.T / (np.sqrt(Q.shape[1]) if scale else 1.0)
    if causal:
        S = S.masked_fill(torch.triu(torch.ones(S.shape, dtype=torch.bool), 1), float("-inf"))
    S.retain_grad()
    alpha = torch.softmax(S, dim=1)
    alpha.retain_grad()
    A = alpha @ V
    A.retain_grad()
    Z = A @ t["W_C"] + t["b_C"]
    Z.retain_grad()
    L = torch.nn.functional.cross_entropy(Z, torch.tensor(labels), reduction="sum")
    L.backward()
    return float(L.detach()), {"dZ": Z.grad, "dA": A.grad, "dalpha": alpha.grad, "dV": V.grad, "dS": S.grad, "dQ": Q.grad,
                      "dK": K.grad, "dW_Q": t["W_Q"].grad, "dW_K": t["W_K"].grad, "dW_V": t["W_V"].grad,
                      "dW_C": t["W_C"].grad, "db_C": t["b_C"].grad}


@pytest.mark.parametrize("n,d,dk,C,scale,causal", [(5, 4, 4, 5, True, False), (5, 4, 2, 5, True, True),
                                                  (6, 3, 5, 2, False, False), (1, 2, 2, 3, True, False),
                                                  (8, 6, 3, 4, True, True)])
def test_every_gradient_of_backward_equals_autograd(n, d, dk, C, scale, causal):
    rng = np.random.default_rng(n + 10 * d + 100 * C)
    X = rng.standard_normal((n, d))
    p = {"W_Q": rng.standard_normal((d, dk)), "W_K": rng.standard_normal((d, dk)),
         "W_V": rng.standard_normal((d, d)), "W_C": rng.standard_normal((d, C)), "b_C": rng.standard_normal(C)}
    labels = rng.integers(0, C, n)
    mask = np.triu(np.ones((n, n), dtype=bool), 1) if causal else None
    f = ab.forward(X, p, labels, scale, mask)
    b = ab.backward(f)
    loss, theirs = autograd(X, p, labels, scale, causal)
    assert abs(f.loss - loss) < 1e-10
    for name, g in theirs.items():
        mine = getattr(b, name)
        assert np.max(np.abs(mine - g.numpy())) < 1e-9, f"{name}\nmine\n{mine}\ntheirs\n{g.numpy()}"
    # the softmax's Jacobian row by row, against autograd's
    for i in range(n):
        J = torch.autograd.functional.jacobian(lambda s: torch.softmax(s, 0), torch.tensor(f.S[i]))
        J = np.nan_to_num(J.numpy()) if causal else J.numpy()
        assert np.max(np.abs(b.jacobians[i] - J)) < 1e-12
    check = ab.gradient_check(f, b, scale)
    assert check.worst < 1e-6, check.rel_error


def test_a_batch_of_sentences_gives_the_sum_of_their_gradients():
    """``train`` stacks sentences of one length on a leading axis: forward's loss and backward's
    parameter gradients are then the sums of the sentences' own."""
    rng = np.random.default_rng(7)
    n, d, C, s = 5, 4, 3, 4
    p = {"W_Q": rng.standard_normal((d, 2)), "W_K": rng.standard_normal((d, 2)), "W_V": rng.standard_normal((d, d)),
         "W_C": rng.standard_normal((d, C)), "b_C": rng.standard_normal(C)}
    X, Y = rng.standard_normal((s, n, d)), rng.integers(0, C, (s, n))
    mask = np.triu(np.ones((n, n), dtype=bool), 1)
    fb = ab.forward(X, p, Y, True, mask)
    gb = ab.backward(fb).grads
    fs = [ab.forward(X[k], p, Y[k], True, mask) for k in range(s)]
    assert abs(fb.loss - sum(f.loss for f in fs)) < 1e-12
    for name, g in gb.items():
        assert np.max(np.abs(g - sum(ab.backward(f).grads[name] for f in fs))) < 1e-12, name
