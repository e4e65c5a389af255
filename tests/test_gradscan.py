"""The training gradient (``bptt.loss_and_grads`` → each cell's ``sequence_grads`` → ``gradscan``):
the backward recursion with vector products, over packed sentences, no Jacobian formed.

Held to three independent computations: ``bptt.run``'s backward pass through the Jacobians (the
ledger's path) sentence by sentence, finite differences of ``scan``'s loss, and PyTorch's
autograd through the cells' equations written in torch; and its memory to ``train.epoch_bytes``.
"""
import tracemalloc
from dataclasses import replace

import numpy as np
import pytest

from rnntrace import bptt, cells, scan, train
from rnntrace.examples import Example
from rnntrace.params import expected_shape, param_names

KINDS = [("rnn", "lecture", "tanh"), ("rnn", "lecture", "sigmoid"), ("rnn", "lecture", "relu"),
         ("gru", "lecture", "tanh"), ("gru", "torch", "tanh"), ("lstm", "lecture", "tanh")]


def corpus(seed: int, cell: str, variant: str, V: int = 5, H: int = 4, lengths=None, sd: float = 0.7,
           biases: bool = True) -> Example:
    """Random weights and a corpus: by default 1 to 6 sentences of 1 to 9 tokens (ties and
    one-token sentences included), in no particular order of length."""
    rng = np.random.default_rng(seed)
    if lengths is None:
        lengths = rng.integers(1, 10, size=rng.integers(1, 7)).tolist()
    vocab = tuple(f"w{i}" for i in range(V))
    sentences = tuple(tuple(vocab[i] for i in rng.integers(0, V, size=n)) for n in lengths)
    weights = {n: rng.normal(0, sd, size=expected_shape(n, V, H)) for n in param_names(cell, variant)
               if biases or not n.startswith("b_")}
    return Example(name="g", title="g", description="", cell=cell, vocab=vocab, sentence=sentences[0],
                   targets=tuple(list(sentences[0][1:]) + [None]), hidden_size=H, seed=0, weights=weights,
                   source="g", sentences=sentences)


def trained(ex: Example, cell: str, variant: str, activation: str = "tanh"):
    P, _, _ = train.initial_params(ex, cell, variant, 0)
    data = train.corpus(ex)
    loss, grads = bptt.loss_and_grads(cell, dict(P), data, variant, activation, implicit_zero=P.implicit_zero)
    return dict(P), P.implicit_zero, data, loss, grads


def relative(mine: np.ndarray, ref: np.ndarray) -> float:
    return float(np.max(np.abs(mine - ref)) / max(np.max(np.abs(ref)), 1e-300))


@pytest.mark.parametrize("cell,variant,activation", KINDS)
@pytest.mark.parametrize("seed", range(4))
def test_the_recursion_gives_the_jacobian_paths_gradients(cell, variant, activation, seed):
    """Against bptt.run on each sentence alone (the step-by-step backward pass, and the long path
    through the Jacobians J_t), summed: the same numbers to rounding."""
    ex = corpus(seed, cell, variant, biases=seed != 3)
    P, implicit, data, loss, grads = trained(ex, cell, variant, activation)
    for detail in (True, False):
        ref, ref_loss = {}, 0.0
        for s in ex.sentences:
            one = replace(ex, sentences=(), sentence=s, targets=tuple(list(s[1:]) + [None]))
            tr = bptt.run(one, cell=cell, gru_variant=variant, activation=activation, gradcheck=False,
                          detail=detail, sums=False)
            for n, g in tr.grads.items():
                ref[n] = ref.get(n, 0.0) + g
            ref_loss += tr.loss or 0.0
        assert sorted(grads) == sorted(n for n in ref if n not in implicit)
        assert loss == pytest.approx(ref_loss, rel=1e-13)
        for n in grads:
            assert relative(grads[n], ref[n]) < 1e-12, n


def finite_differences(cell, variant, activation, P, data, names, eps=1e-6):
    def loss(Q):
        return sum(float(scan.loss(Q, scan.states(cell, Q, idx, variant, activation)[0], tg)) for idx, tg in data)

    out = {}
    for n in names:
        g = np.zeros_like(P[n])
        for j in np.ndindex(P[n].shape):
            plus, minus = {**P, n: P[n].copy()}, {**P, n: P[n].copy()}
            plus[n][j] += eps
            minus[n][j] -= eps
            g[j] = (loss(plus) - loss(minus)) / (2 * eps)
        out[n] = g
    return out


@pytest.mark.parametrize("cell,variant,activation", KINDS)
def test_finite_differences_confirm_every_gradient(cell, variant, activation):
    ex = corpus(11, cell, variant, V=4, H=3, lengths=[5, 1, 3, 5])
    P, _, data, _, grads = trained(ex, cell, variant, activation)
    fd = finite_differences(cell, variant, activation, P, data, list(grads))
    for n in grads:
        err = np.linalg.norm(grads[n] - fd[n]) / max(np.linalg.norm(fd[n]), 1e-12)
        assert err < 1e-6, (n, grads[n], fd[n])


def test_no_gradient_crosses_from_one_sentence_into_another():
    """A sentence's gradient does not depend on the sentences packed beside it: each alone, and
    all together in any order, give the same sum."""
    ex = corpus(5, "lstm", "lecture", lengths=[3, 7, 7, 1, 4])
    P, implicit, data, _, grads = trained(ex, "lstm", "lecture")
    parts = [bptt.loss_and_grads("lstm", P, [d], implicit_zero=implicit)[1] for d in data]
    shuffled = bptt.loss_and_grads("lstm", P, data[::-1], implicit_zero=implicit)[1]
    for n in grads:
        np.testing.assert_allclose(grads[n], sum(p[n] for p in parts), rtol=1e-12, atol=1e-15, err_msg=n)
        np.testing.assert_allclose(grads[n], shuffled[n], rtol=1e-12, atol=1e-15, err_msg=n)


def test_every_cell_answers_for_itself():
    """loss_and_grads asks the cell object for the recursion: each kind has its own."""
    for cell, variant, activation in KINDS:
        unit = cells.make(cell, variant, activation)
        assert type(unit).sequence_grads is not cells.Cell.sequence_grads, cell


def epoch_peak(cell, variant, activation, V, H, lengths) -> int:
    """The peak bytes tracemalloc sees while loss_and_grads runs one epoch on a random corpus."""
    ex = corpus(0, cell, variant, V=V, H=H, lengths=lengths, sd=0.2)
    P, _, _ = train.initial_params(ex, cell, variant, 0)
    data = train.corpus(ex)
    tracemalloc.start()
    try:
        bptt.loss_and_grads(cell, dict(P), data, variant, activation, implicit_zero=P.implicit_zero)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("cell,variant,activation", KINDS)
def test_the_epoch_estimate_bounds_what_an_epoch_allocates(cell, variant, activation):
    """train.epoch_bytes (what check_memory refuses by) is above the peak tracemalloc sees: many
    equal sentences, one long one among many of one token (the padding), the perro sizes."""
    for V, H, lengths in [(5, 96, [150] * 4), (30, 8, [400] + [1] * 60), (19, 16, [12] * 10)]:
        assert epoch_peak(cell, variant, activation, V, H, lengths) < train.epoch_bytes(lengths, V, H), (V, H)


@pytest.mark.parametrize("cell,variant,activation", KINDS[:1] + KINDS[3:])
def test_a_token_costs_no_jacobian(cell, variant, activation):
    """What one more token adds to an epoch's peak: linear in H, far below one S×S Jacobian
    (S = 160 or, for the LSTM, 320), which the Jacobian path built for every token."""
    H = 160
    S = bptt.state_size(cell, H)
    small = epoch_peak(cell, variant, activation, 5, H, [40] * 2)
    large = epoch_peak(cell, variant, activation, 5, H, [40] * 8)
    per_token = (large - small) / (6 * 40)
    assert per_token < 8 * S * S / 4
    assert per_token < 8 * 60 * H


def torch_loss(torch, cell: str, variant: str, activation: str, W: dict, data) -> "torch.Tensor":
    """The cells' equations written in torch, sentence by sentence, step by step (row convention)."""
    sig = torch.sigmoid
    act = {"tanh": torch.tanh, "sigmoid": torch.sigmoid, "relu": torch.relu}[activation]
    V, H = W["W_hy"].shape[1], W["W_hy"].shape[0]
    total = 0
    for idx, tg in data:
        h = torch.zeros(H, dtype=torch.float64)
        c = torch.zeros(H, dtype=torch.float64)
        for i, t in zip(idx.tolist(), tg.tolist()):
            x = torch.zeros(V, dtype=torch.float64)
            x[i] = 1.0
            if cell == "rnn":
                h = act(x @ W["W_xh"] + h @ W["W_hh"] + W["b_h"])
            elif cell == "gru":
                r = sig(x @ W["W_xr"] + h @ W["W_hr"] + W["b_r"])
                z = sig(x @ W["W_xz"] + h @ W["W_hz"] + W["b_z"])
                if variant == "lecture":
                    n = torch.tanh(x @ W["W_xh"] + (r * h) @ W["W_hh"] + W["b_h"])
                else:
                    n = torch.tanh(x @ W["W_xh"] + W["b_h"] + r * (h @ W["W_hh"] + W["b_hn"]))
                h = z * h + (1 - z) * n
            else:
                f = sig(x @ W["W_xf"] + h @ W["W_hf"] + W["b_f"])
                i_ = sig(x @ W["W_xi"] + h @ W["W_hi"] + W["b_i"])
                ct = torch.tanh(x @ W["W_xc"] + h @ W["W_hc"] + W["b_c"])
                o = sig(x @ W["W_xo"] + h @ W["W_ho"] + W["b_o"])
                c = f * c + i_ * ct
                h = o * torch.tanh(c)
            if t >= 0:
                total = total - torch.log_softmax(h @ W["W_hy"] + W["b_y"], dim=0)[t]
    return total


@pytest.mark.parametrize("cell,variant,activation", KINDS)
@pytest.mark.parametrize("seed", range(2))
def test_gradients_agree_with_torch_autograd(cell, variant, activation, seed):
    torch = pytest.importorskip("torch")
    ex = corpus(20 + seed, cell, variant, V=6, H=5)
    P, implicit, data, loss, grads = trained(ex, cell, variant, activation)
    W = {n: torch.tensor(v, dtype=torch.float64, requires_grad=n in grads) for n, v in P.items()}
    theirs = torch_loss(torch, cell, variant, activation, W, data)
    theirs.backward()
    assert loss == pytest.approx(float(theirs.detach()), rel=1e-12)
    for n in grads:
        ref = W[n].grad.numpy()
        assert relative(grads[n], ref) < 1e-9, n
