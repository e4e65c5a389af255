"""The network path against PyTorch: nn.Embedding + nn.RNN / nn.GRU / nn.LSTM with num_layers and
bidirectional, weights mapped across (theirs are column-convention and stack the gates: GRU
r, z, n; LSTM i, f, g, o), then a linear layer and the summed cross-entropy. Forward values to
1e-10, every gradient to 1e-9, for the three tasks. Skipped without torch (CI installs it)."""
import zlib

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from rnntrace import network  # noqa: E402
from rnntrace.examples import Example  # noqa: E402

GATES = {"rnn": "h", "gru": "rzh", "lstm": "ifco"}  # PyTorch's order, in our letters


def make(seed, cell, L, bi, d, task, V=6, H=3, T=5):
    """An example whose every weight is given: layer 1's forward in weights, the rest in layer
    tables (the file layout), E in weights.E."""
    rng = np.random.default_rng(seed)
    s = network.Spec(cell, "torch" if cell == "gru" else "lecture", "tanh", L, bi, d, task)
    c = __import__("rnntrace.cells", fromlist=["make"]).make(cell, s.gru_variant)
    vocab = tuple(f"w{i}" for i in range(V))
    sentence = tuple(vocab[i] for i in rng.integers(0, V, size=T))
    labels = ["A", "B", "C", "D"]
    K = V if task == "lm" else len(labels)
    weights, layer = {}, {}
    for ell in range(1, L + 1):
        d_in = network.input_size(s, V, H, ell)
        for direction in s.directions:
            w = {n: rng.normal(0, 0.6, size=c.shape(n, d_in, H)).tolist() for n in c.names()}
            if ell == 1 and direction == "forward":
                weights.update({n: np.array(v) for n, v in w.items()})
            elif direction == "forward":
                layer.setdefault(str(ell), {}).update(w)
            else:
                layer.setdefault(str(ell), {})["backward"] = w
    weights["W_hy"] = rng.normal(0, 0.6, size=(H * len(s.directions), K))
    weights["b_y"] = rng.normal(0, 0.3, size=K)
    net = {"layer": layer, "task": task, "labels": labels, "tags": [labels[i] for i in rng.integers(0, 4, T)],
           "label": "C"}
    if d:
        net["E"] = rng.normal(0, 0.6, size=(V, d))
    targets = tuple(list(sentence[1:]) + [vocab[0]])
    ex = Example(name="t", title="", description="", cell=cell, vocab=vocab, sentence=sentence,
                 targets=targets, hidden_size=H, seed=0, weights=weights, source="t", network=net)
    return ex, s


def theirs(ex, s, tr):
    """The same network in PyTorch: (top outputs (T, K_in), final states per layer and
    direction, loss, name → gradient in our names and layout)."""
    V, H = len(ex.vocab), ex.hidden_size
    P = {k: torch.tensor(v, dtype=torch.float64) for k, v in tr.params.values.items()}
    kind = {"rnn": torch.nn.RNN, "gru": torch.nn.GRU, "lstm": torch.nn.LSTM}[s.cell]
    d_in = s.embedding_dim or V
    rnn = kind(d_in, H, num_layers=s.layers, bidirectional=s.bidirectional, dtype=torch.float64)
    gates = GATES[s.cell]
    for ell, layout in enumerate(tr.params.layers):
        for direction, names in layout.items():
            sfx = f"l{ell}" + ("_reverse" if direction == "backward" else "")
            W = {n: P[k] for n, k in names.items()}
            with torch.no_grad():
                getattr(rnn, f"weight_ih_{sfx}").copy_(torch.cat([W[f"W_x{g}"].T for g in gates]))
                getattr(rnn, f"weight_hh_{sfx}").copy_(torch.cat([W[f"W_h{g}"].T for g in gates]))
                getattr(rnn, f"bias_ih_{sfx}").copy_(torch.cat([W[f"b_{g}"] for g in gates]))
                hh = torch.zeros(len(gates) * H, dtype=torch.float64)
                if s.cell == "gru":
                    hh[2 * H:] = W["b_hn"]
                getattr(rnn, f"bias_hh_{sfx}").copy_(hh)
    idx = torch.tensor([ex.index(w) for w in ex.sentence])
    if s.embedding_dim:
        emb = torch.nn.Embedding(V, s.embedding_dim, dtype=torch.float64)
        with torch.no_grad():
            emb.weight.copy_(P["E"])
        x = emb(idx)[:, None, :]
    else:
        x = torch.nn.functional.one_hot(idx, V).to(torch.float64)[:, None, :]
    W_hy = P["W_hy"].clone().requires_grad_(True)
    b_y = P["b_y"].clone().requires_grad_(True)
    out, hn = rnn(x)
    hn = hn[0] if s.cell == "lstm" else hn
    out = out[:, 0, :]
    if s.task == "classify":
        n = len(s.directions)
        last = torch.cat([hn[-n + j, 0] for j in range(n)])
        y = (last @ W_hy + b_y)[None, :]
        target = torch.tensor([tr.classes.index(tr.label)])
    else:
        y = out @ W_hy + b_y
        target = torch.tensor([tr.classes.index(g) for g in tr.targets])
    loss = torch.nn.functional.cross_entropy(y, target, reduction="sum")
    loss.backward()
    g = {"W_hy": W_hy.grad.numpy(), "b_y": b_y.grad.numpy()}
    if s.embedding_dim:
        g["E"] = emb.weight.grad.numpy()
    for ell, layout in enumerate(tr.params.layers):
        for direction, names in layout.items():
            sfx = f"l{ell}" + ("_reverse" if direction == "backward" else "")
            gi, gh = getattr(rnn, f"weight_ih_{sfx}").grad, getattr(rnn, f"weight_hh_{sfx}").grad
            bi, bh = getattr(rnn, f"bias_ih_{sfx}").grad, getattr(rnn, f"bias_hh_{sfx}").grad
            for k, gate in enumerate(gates):
                rows = slice(k * H, (k + 1) * H)
                g[names[f"W_x{gate}"]] = gi[rows].T.numpy()
                g[names[f"W_h{gate}"]] = gh[rows].T.numpy()
                g[names[f"b_{gate}"]] = bi[rows].numpy()
            if s.cell == "gru":
                g[names["b_hn"]] = bh[2 * H:].numpy()
    return out.detach().numpy(), hn.detach().numpy()[:, 0, :], float(loss.detach()), g


CASES = [(cell, L, bi, d, task)
         for cell in ("rnn", "gru", "lstm")
         for L, bi, d in ((1, True, None), (2, False, 4), (2, True, 3), (3, True, None))
         for task in ("lm", "tag", "classify")]


# the step-by-step path for every case; the batched path (long sentences) for every network on lm
@pytest.mark.parametrize("cell,L,bi,d,task,detail", [c + (True,) for c in CASES] +
                         [c + (False,) for c in CASES if c[-1] != "tag"])
def test_network_matches_pytorch(cell, L, bi, d, task, detail):
    ex, s = make(zlib.crc32(repr((cell, L, bi, d, task)).encode()), cell, L, bi, d, task)
    tr = network.backward(network.run(ex, s, detail=detail, command="bptt"), ex, gradcheck=False)
    out, hn, loss, g = theirs(ex, s, tr)
    np.testing.assert_allclose(tr.top, out, rtol=0, atol=1e-10, err_msg="mine vs theirs: top layer")
    finals = np.array([r.values["h"][-1] for row in tr.runs for r in row])  # torch's h_n order
    np.testing.assert_allclose(finals, hn, rtol=0, atol=1e-10, err_msg="final state of every layer and direction")
    assert abs(tr.loss - loss) < 1e-10
    assert set(g) == set(tr.grads)
    for k in g:
        np.testing.assert_allclose(tr.grads[k], g[k], rtol=0, atol=1e-9, err_msg=f"mine vs theirs: ∂L/∂{k}")
