"""The network path against PyTorch: nn.Embedding + nn.RNN / nn.GRU / nn.LSTM with num_layers and
bidirectional, weights mapped across (theirs are column-convention and stack the gates: GRU
r, z, n; LSTM i, f, g, o), then a linear layer and the summed cross-entropy. Forward values to
1e-10, every gradient to 1e-9, for the three tasks. Skipped without torch (CI installs it)."""
import zlib
from dataclasses import replace

import numpy as np
import pytest

torch = pytest.importorskip("torch")

import torch_layers  # noqa: E402
from rnntrace import network  # noqa: E402
from rnntrace.examples import Example  # noqa: E402


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
    emb, rnn = torch_layers.network(s, tr.params, V, H)
    idx = torch.tensor([ex.index(w) for w in ex.sentence])
    x = emb(idx)[:, None, :] if emb is not None else torch.nn.functional.one_hot(idx, V).to(torch.float64)[:, None, :]
    W_hy = torch.tensor(tr.params.values["W_hy"], dtype=torch.float64, requires_grad=True)
    b_y = torch.tensor(tr.params.values["b_y"], dtype=torch.float64, requires_grad=True)
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
    g = {"W_hy": W_hy.grad.numpy(), "b_y": b_y.grad.numpy(), **torch_layers.network_values(s, tr.params, emb, rnn, H)}
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


# ---- rnntrace train: one epoch of SGD ------------------------------------------------------------------
@pytest.mark.parametrize("task", ["lm", "tag", "classify"])
@pytest.mark.parametrize("cell", ["gru", "lstm"])
def test_one_sgd_epoch_on_a_network_matches_pytorch(cell, task):
    """A 2-layer bidirectional network with an embedding (every weight given, so every one is
    trained), three sentences: one epoch of ``train --optimizer sgd`` against nn.Embedding +
    nn.GRU/nn.LSTM + a linear layer, the summed cross-entropy, loss.backward() and
    torch.optim.SGD: every parameter after the step to 1e-9."""
    from rnntrace import train

    ex, s = make(zlib.crc32(repr(("train", cell, task)).encode()), cell, 2, True, 3, task)
    V, H = len(ex.vocab), ex.hidden_size
    rng = np.random.default_rng(11)
    sentences = tuple(tuple(ex.vocab[i] for i in rng.integers(0, V, size=n)) for n in (5, 3, 4))
    labels = ex.network["labels"]
    corpus = {"corpus_tags": [[labels[i] for i in rng.integers(0, 4, size=len(w))] for w in sentences],
              "corpus_labels": [labels[i] for i in rng.integers(0, 4, size=3)]}
    ex = replace(ex, sentences=sentences, network={**ex.network, **corpus})
    lr = 0.2
    r = train.run(ex, train.Options(epochs=1, lr=lr, cell=cell, gru_variant=s.gru_variant), spec=s)
    assert not r.implicit_zero

    emb, rnn = torch_layers.network(s, r.layout, V, H)
    W_hy = torch.tensor(r.before["W_hy"], dtype=torch.float64, requires_grad=True)
    b_y = torch.tensor(r.before["b_y"], dtype=torch.float64, requires_grad=True)
    params = [*emb.parameters(), *rnn.parameters(), W_hy, b_y]
    opt = torch.optim.SGD(params, lr=lr)
    opt.zero_grad()
    total = 0.0
    for k, words in enumerate(sentences):
        idx = torch.tensor([ex.vocab.index(w) for w in words])
        out, hn = rnn(emb(idx)[:, None, :])
        hn = hn[0] if cell == "lstm" else hn
        if task == "classify":
            y = (torch.cat([hn[-2, 0], hn[-1, 0]]) @ W_hy + b_y)[None, :]
            target = torch.tensor([labels.index(corpus["corpus_labels"][k])])
        elif task == "tag":
            y = out[:, 0, :] @ W_hy + b_y
            target = torch.tensor([labels.index(g) for g in corpus["corpus_tags"][k]])
        else:  # the next word at every step but the last
            y = out[:-1, 0, :] @ W_hy + b_y
            target = idx[1:]
        loss = torch.nn.functional.cross_entropy(y, target, reduction="sum")
        loss.backward()
        total += float(loss.detach())
    assert abs(r.losses[0] - total) < 1e-10
    opt.step()
    after = {"W_hy": W_hy.detach().numpy(), "b_y": b_y.detach().numpy(),
             **torch_layers.network_values(s, r.layout, emb, rnn, H, attr="data")}
    assert set(after) == set(r.after)
    for n, v in after.items():
        np.testing.assert_allclose(r.after[n], v, rtol=0, atol=1e-9, err_msg=f"mine vs theirs: {n} after one epoch")
