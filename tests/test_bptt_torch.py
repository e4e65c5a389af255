"""Optional: gradients against PyTorch's autograd through its own nn.GRU and nn.LSTM (float64).

Skipped when torch is not installed; the suite never depends on it. PyTorch stores weights in the
column convention and stacks the gates (GRU: r, z, n; LSTM: i, f, g, o), so each of our row-
convention matrices is a transposed block of theirs.
"""
import numpy as np
import pytest

torch = pytest.importorskip("torch")

import torch_layers  # noqa: E402

from rnntrace import bptt  # noqa: E402
from rnntrace.examples import Example  # noqa: E402
from rnntrace.params import expected_shape, param_names  # noqa: E402


def example(seed, cell, variant="lecture", V=5, H=3, T=6) -> Example:
    rng = np.random.default_rng(seed)
    vocab = tuple(f"w{i}" for i in range(V))
    sentence = tuple(vocab[i] for i in rng.integers(0, V, size=T))
    targets = tuple(list(sentence[1:]) + [vocab[0]])
    weights = {n: rng.normal(0, 0.7, size=expected_shape(n, V, H)) for n in param_names(cell, variant)}
    return Example(name="t", title="", description="", cell=cell, vocab=vocab, sentence=sentence,
                   targets=targets, hidden_size=H, seed=0, weights=weights, source="t")


def theirs(ex: Example, cell: str) -> dict[str, np.ndarray]:
    W = {k: torch.tensor(v, dtype=torch.float64) for k, v in ex.weights.items()}
    V, H = len(ex.vocab), ex.hidden_size
    net = torch_layers.layer(W, cell, V, H)
    W_hy = W["W_hy"].clone().requires_grad_(True)
    b_y = W["b_y"].clone().requires_grad_(True)
    x = torch.zeros(len(ex.sentence), 1, V, dtype=torch.float64)
    for t, w in enumerate(ex.sentence):
        x[t, 0, ex.index(w)] = 1.0
    out, _ = net(x)
    y = out[:, 0, :] @ W_hy + b_y
    target = torch.tensor([ex.index(w) for w in ex.targets])
    loss = torch.nn.functional.cross_entropy(y, target, reduction="sum")
    loss.backward()
    g = {"W_hy": W_hy.grad.numpy(), "b_y": b_y.grad.numpy()}
    gi, gh = net.weight_ih_l0.grad, net.weight_hh_l0.grad
    bi, bh = net.bias_ih_l0.grad, net.bias_hh_l0.grad
    for k, gate in enumerate(torch_layers.GATES[cell]):
        rows = slice(k * H, (k + 1) * H)
        g[f"W_x{gate}"] = gi[rows].T.numpy()
        g[f"W_h{gate}"] = gh[rows].T.numpy()
        g[f"b_{gate}"] = bi[rows].numpy()
    if cell == "gru":
        g["b_hn"] = bh[2 * H:].numpy()
    return g, float(loss.detach())


@pytest.mark.parametrize("cell,variant", [("gru", "torch"), ("lstm", "lecture")])
@pytest.mark.parametrize("seed", range(3))
def test_gradients_agree_with_torch_autograd(cell, variant, seed):
    ex = example(seed, cell, variant)
    mine = bptt.run(ex, cell=cell, gru_variant=variant, gradcheck=False)
    g, loss = theirs(ex, cell)
    assert mine.loss == pytest.approx(loss, rel=1e-13)
    for name, value in mine.grads.items():
        np.testing.assert_allclose(value, g[name], rtol=1e-10, atol=1e-13, err_msg=f"{name}: mine vs theirs")
