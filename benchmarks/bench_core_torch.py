"""The core against PyTorch's nn.RNN with autograd, in one process, interleaved.

Run: python benchmarks/bench_core_torch.py [--runs N] [--threads K]
(needs torch: ``pip install torch==2.13.0``). For H = 3 and H = 64, T = 1000, the Elman cell on
the lecture's vocabulary (weights drawn), three things are timed in turn, N times each, and the
medians printed with their ratios to torch:

- torch: nn.RNN (tanh, batch 1) forward, the output layer, cross-entropy, loss.backward();
- core, gradient: what torch computes, the rnntrace way: the recurrence (``scan.states``), every
  forward value, and the gradient of every weight (``bptt.gradients``);
- core, full: ``bptt.run`` without the gradient check: the gradient and the whole Jacobian
  ledger besides (T Jacobians, T products, 2T spectral norms, the bound, the lecture's sum),
  which torch does not compute.

Both libraries run K BLAS/OpenMP threads (default 1: the sizes here are small, and the CLI runs
one thread too); the variables are set before numpy and torch load. See bench_cli.py's docstring
for OPENBLAS_CORETYPE. A benchmark, not a test: it prints numbers and never fails a build.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=21)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--steps", type=int, default=1000)
    args = ap.parse_args()
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(args.threads)
    import numpy as np
    import torch
    from dataclasses import replace

    from rnntrace import bptt, examples

    torch.set_num_threads(args.threads)
    print(f"T = {args.steps}, {args.threads} thread(s), median of {args.runs} interleaved runs; "
          f"numpy {np.__version__}, torch {torch.__version__}")
    print(f"{'H':>4} {'torch':>9} {'core: gradient':>15} {'ratio':>6} {'core: full':>11} {'ratio':>6}")
    for H in (3, 64):
        ex = examples.load()
        ex = bptt.extend(ex if H == 3 else replace(ex, hidden_size=H, weights={}), args.steps, 0)
        tr = bptt.run(ex, gradcheck=False)
        P = {k: torch.tensor(v) for k, v in tr.params.items()}
        idx = torch.tensor([ex.index(w) for w in ex.sentence])
        tgt = torch.tensor([ex.index(w) for w in ex.targets])
        rnn = torch.nn.RNN(len(ex.vocab), H, nonlinearity="tanh", batch_first=True).double()
        with torch.no_grad():
            rnn.weight_ih_l0.copy_(P["W_xh"].T)
            rnn.weight_hh_l0.copy_(P["W_hh"].T)
            rnn.bias_ih_l0.copy_(P["b_h"])
            rnn.bias_hh_l0.zero_()
        W_hy = P["W_hy"].clone().requires_grad_(True)
        b_y = P["b_y"].clone().requires_grad_(True)
        X = torch.nn.functional.one_hot(idx, len(ex.vocab)).double()[None]

        def with_torch():
            rnn.zero_grad()
            W_hy.grad = b_y.grad = None
            hs, _ = rnn(X)
            loss = torch.nn.functional.cross_entropy(hs[0] @ W_hy + b_y, tgt, reduction="sum")
            loss.backward()
            return rnn.weight_hh_l0.grad

        def gradient():
            return bptt.gradients(ex)["W_hh"]

        def full():
            return bptt.run(ex, gradcheck=False).grads["W_hh"]

        assert np.allclose(with_torch().numpy().T, gradient(), rtol=1e-9, atol=1e-12)
        assert np.allclose(gradient(), full(), rtol=1e-9, atol=1e-12)
        times = {f: [] for f in (with_torch, gradient, full)}
        for _ in range(args.runs):
            for f in times:
                t0 = time.perf_counter()
                f()
                times[f].append(time.perf_counter() - t0)
        med = {f.__name__: statistics.median(v) for f, v in times.items()}
        base = med["with_torch"]
        print(f"{H:>4} {base * 1000:7.1f}ms {med['gradient'] * 1000:13.1f}ms {med['gradient'] / base:5.2f}× "
              f"{med['full'] * 1000:9.1f}ms {med['full'] / base:5.2f}×")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
