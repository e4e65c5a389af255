"""rnntrace train's numbers: the gradient it descends is bptt's (and finite differences confirm it),
one SGD epoch is θ − η·∂L/∂θ exactly, clipping rescales to the threshold, Adam is Adam."""
import math
from dataclasses import replace

import numpy as np
import pytest

from rnntrace import bptt, examples, scan, train
from rnntrace.examples import Example
from rnntrace.params import expected_shape, param_names

CELLS = [("rnn", "lecture"), ("gru", "lecture"), ("gru", "torch"), ("lstm", "lecture")]


def corpus_example(seed: int, cell: str, variant: str = "lecture", V: int = 6, H: int = 4,
                   lengths=(5, 2, 7), biases: bool = True) -> Example:
    """Random weights (every bias given, or none) and a corpus of sentences of the given lengths."""
    rng = np.random.default_rng(seed)
    vocab = tuple(f"w{i}" for i in range(V))
    sentences = tuple(tuple(vocab[i] for i in rng.integers(0, V, size=n)) for n in lengths)
    weights = {n: rng.normal(0, 0.6, size=expected_shape(n, V, H)) for n in param_names(cell, variant)
               if biases or not n.startswith("b_")}
    return Example(name="c", title="c", description="", cell=cell, vocab=vocab, sentence=sentences[0],
                   targets=tuple(list(sentences[0][1:]) + [None]), hidden_size=H, seed=0, weights=weights,
                   source="c", sentences=sentences)


def params_of(ex: Example, cell: str, variant: str):
    P, _, _ = train.initial_params(ex, cell, variant, 0)
    return {k: np.array(v) for k, v in P.items()}, P.implicit_zero


def norm_of(arrays: dict) -> float:
    """‖g‖ over every array at once, computed apart from train's flat vector."""
    return math.sqrt(sum(float(np.sum(a * a)) for a in arrays.values()))


def loss_by_scan(cell, variant, P, data) -> float:
    """An independent forward: scan's recurrence and scan's loss, sentence by sentence."""
    total = 0.0
    for idx, targets in data:
        hs, _ = scan.states(cell, P, idx, variant)
        total += float(scan.loss(P, hs, targets))
    return total


def finite_differences(cell, variant, P, data, names, eps=1e-5) -> dict[str, np.ndarray]:
    out = {}
    for n in names:
        g = np.zeros_like(P[n])
        for j in np.ndindex(P[n].shape):
            plus, minus = dict(P), dict(P)
            plus[n], minus[n] = P[n].copy(), P[n].copy()
            plus[n][j] += eps
            minus[n][j] -= eps
            g[j] = (loss_by_scan(cell, variant, plus, data) - loss_by_scan(cell, variant, minus, data)) / (2 * eps)
        out[n] = g
    return out


@pytest.mark.parametrize("cell,variant", CELLS)
def test_loss_and_grads_is_bptt_run_on_one_sentence(cell, variant):
    ex = corpus_example(1, cell, variant, lengths=(6,))
    ex = replace(ex, sentences=())
    tr = bptt.run(ex, cell=cell, gru_variant=variant, gradcheck=False)
    P, implicit = params_of(ex, cell, variant)
    loss, grads = bptt.loss_and_grads(cell, P, train.corpus(ex), variant, implicit_zero=implicit)
    assert loss == pytest.approx(tr.loss, rel=1e-14)
    assert set(grads) == set(tr.grads)
    for n in grads:
        np.testing.assert_allclose(grads[n], tr.grads[n], rtol=1e-12, atol=1e-15, err_msg=n)


@pytest.mark.parametrize("cell,variant", CELLS)
def test_a_corpus_gradient_is_the_sum_over_its_sentences(cell, variant):
    """Stacking the sentences must not leak the state gradient from one sentence into another."""
    ex = corpus_example(2, cell, variant)
    P, implicit = params_of(ex, cell, variant)
    data = train.corpus(ex)
    loss, grads = bptt.loss_and_grads(cell, P, data, variant, implicit_zero=implicit)
    parts = [bptt.loss_and_grads(cell, P, [d], variant, implicit_zero=implicit) for d in data]
    assert loss == pytest.approx(sum(p[0] for p in parts), rel=1e-13)
    for n in grads:
        np.testing.assert_allclose(grads[n], sum(p[1][n] for p in parts), rtol=1e-12, atol=1e-15, err_msg=n)


@pytest.mark.parametrize("cell,variant", CELLS)
def test_corpus_gradients_confirmed_by_finite_differences(cell, variant):
    ex = corpus_example(3, cell, variant, V=4, H=3, lengths=(4, 1, 3))
    P, implicit = params_of(ex, cell, variant)
    data = train.corpus(ex)
    loss, grads = bptt.loss_and_grads(cell, P, data, variant, implicit_zero=implicit)
    assert loss == pytest.approx(loss_by_scan(cell, variant, P, data), rel=1e-12)
    fd = finite_differences(cell, variant, P, data, list(grads))
    for n in grads:
        err = np.linalg.norm(grads[n] - fd[n]) / max(np.linalg.norm(fd[n]), 1e-12)
        assert err < 1e-6, f"{n}: mine {grads[n]} vs finite differences {fd[n]}"


def test_implicit_biases_are_neither_returned_nor_trained():
    ex = examples.load("lecture")
    r = train.run(ex, train.Options(epochs=3, lr=0.5))
    assert r.names == ["W_xh", "W_hh", "W_hy"] and r.implicit_zero == ["b_h", "b_y"]
    assert set(r.after) == {"W_xh", "W_hh", "W_hy"}


@pytest.mark.parametrize("cell,variant", CELLS)
def test_one_sgd_epoch_is_theta_minus_lr_times_the_gradient(cell, variant):
    ex = corpus_example(4, cell, variant, V=4, H=3, lengths=(4, 3))
    P, implicit = params_of(ex, cell, variant)
    lr = 0.3
    r = train.run(ex, train.Options(epochs=1, lr=lr, optimizer="sgd", cell=cell, gru_variant=variant))
    _, grads = bptt.loss_and_grads(cell, P, train.corpus(ex), variant, implicit_zero=implicit)
    fd = finite_differences(cell, variant, P, train.corpus(ex), r.names)
    for n in r.names:
        np.testing.assert_array_equal(r.after[n], P[n] - lr * grads[n], err_msg=n)
        np.testing.assert_allclose(r.after[n], P[n] - lr * fd[n], rtol=1e-7, atol=1e-9, err_msg=n)
    assert r.losses[0] == bptt.loss_and_grads(cell, P, train.corpus(ex), variant, implicit_zero=implicit)[0]
    assert r.grad_norms[0] == pytest.approx(math.sqrt(sum(np.sum(g * g) for g in grads.values())), rel=1e-14)


def test_clipping_rescales_the_whole_gradient_to_the_threshold():
    ex = examples.load("lecture")
    P, implicit = params_of(ex, "rnn", "lecture")
    _, grads = bptt.loss_and_grads("rnn", P, train.corpus(ex), implicit_zero=implicit)
    norm = norm_of(grads)
    c = norm / 4
    r = train.run(ex, train.Options(epochs=1, lr=0.5, clip=c, seed=None), trace_update=True)
    assert r.clipped.tolist() == [True] and r.update.scale == pytest.approx(0.25, rel=1e-14)
    moved = norm_of({n: (P[n] - r.after[n]) / 0.5 for n in r.names})
    assert moved == pytest.approx(c, rel=1e-12)
    loose = train.run(ex, train.Options(epochs=1, lr=0.5, clip=norm * 2))
    assert loose.clipped.tolist() == [False]
    for n in r.names:
        np.testing.assert_array_equal(loose.after[n], P[n] - 0.5 * grads[n])


def test_the_curves_hold_one_number_per_epoch_and_the_final_loss_is_the_saved_parameters():
    ex = examples.load("lecture")
    r = train.run(ex, train.Options(epochs=7, lr=0.5))
    assert r.losses.shape == r.grad_norms.shape == r.clipped.shape == (7,)
    P, implicit = params_of(ex, "rnn", "lecture")
    final, _ = bptt.loss_and_grads("rnn", {**P, **r.after}, train.corpus(ex), implicit_zero=implicit)
    assert r.final_loss == final
    assert np.all(np.diff(r.losses) < 0)  # a small step on this example: the loss falls every epoch


def test_a_diverging_run_stops_and_names_the_epoch():
    ex = examples.load("lecture")
    with pytest.raises(train.Diverged, match=r"epoch \d+.*--lr"):
        train.run(ex, train.Options(epochs=50, lr=1e308))


def test_bad_options_are_refused():
    ex = examples.load("lecture")
    for opts in (train.Options(lr=0), train.Options(lr=-1), train.Options(lr=math.nan), train.Options(lr=math.inf),
                 train.Options(epochs=0), train.Options(clip=-1), train.Options(clip=0), train.Options(optimizer="sgdm")):
        with pytest.raises(train.InputError):
            train.run(ex, opts)


# ---- Adam against PyTorch's -----------------------------------------------------------------------------
def test_adam_matches_torch_optim_adam():
    torch = pytest.importorskip("torch")
    ex = corpus_example(5, "gru", "lecture", V=5, H=3, lengths=(5, 4))
    P, implicit = params_of(ex, "gru", "lecture")
    data = train.corpus(ex)
    lr, epochs = 0.05, 6
    r = train.run(ex, train.Options(epochs=epochs, lr=lr, optimizer="adam", cell="gru"))
    theirs = {n: torch.tensor(P[n], dtype=torch.float64, requires_grad=True) for n in r.names}
    opt = torch.optim.Adam(list(theirs.values()), lr=lr)
    for _ in range(epochs):
        current = {**P, **{n: v.detach().numpy().copy() for n, v in theirs.items()}}
        _, grads = bptt.loss_and_grads("gru", current, data, implicit_zero=implicit)
        for n, v in theirs.items():
            v.grad = torch.tensor(grads[n], dtype=torch.float64)
        opt.step()
    for n in r.names:
        np.testing.assert_allclose(r.after[n], theirs[n].detach().numpy(), rtol=1e-12, atol=1e-14,
                                   err_msg=f"{n}: mine vs torch.optim.Adam")
