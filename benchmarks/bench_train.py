"""One epoch of ``rnntrace train`` against PyTorch doing the same, and a whole run against the import.

Run: python benchmarks/bench_train.py [--epochs N] [--runs R] [--threads K]

1. In process, on the perro corpus (10 sentences, 104 tokens, V = 19) at H = 3, 16 and 64, for each
   cell: the time of one epoch of ``train.run`` (forward, ``bptt.loss_and_grads``, the SGD step),
   and of one epoch of the same model and loss in PyTorch (float64, nn.RNN / nn.GRU / nn.LSTM on the
   padded, packed batch of sentences, y = h·W_hy + b_y, summed cross-entropy, backward, SGD step).
   The GRU is PyTorch's variant on both sides. The two are run in turn, R times each (interleaved,
   so a load that comes and goes falls on both); printed: the medians in ms per epoch, and
   torch / rnntrace (> 1: rnntrace is faster).
2. ``rnntrace train -e lecture --epochs 500`` and, for a network (trained sentence by sentence),
   ``rnntrace train -e perro --layers 2 --bidirectional --epochs 20`` as processes against
   ``python -c "import numpy, rich, click"`` (the bare import), interleaved, median of R runs each
   (wall and CPU time), and their ratios; with bytecode cached, as installed
   (PYTHONDONTWRITEBYTECODE is dropped, as in bench_cli).

Both libraries run K BLAS/OpenMP threads (default 1, as the CLI does: every product here is
small); the variables are set before numpy and torch load. The load average is printed before
and after: other processes on the machine slow both sides, not always equally.
A benchmark, not a test: it prints numbers and never fails a build. Needs torch for part 1.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from dataclasses import replace


def rnntrace_epochs(ex, cell: str, epochs: int):
    """A function running ``epochs`` epochs of ``train.run`` (warmed up)."""
    from rnntrace import train

    opts = train.Options(epochs=epochs, lr=0.01, cell=cell, gru_variant="torch")
    train.run(ex, replace(opts, epochs=2))
    return lambda: train.run(ex, opts)


def torch_epochs(ex, cell: str, epochs: int):
    """A function running ``epochs`` epochs of the same model in PyTorch (warmed up)."""
    import torch

    from rnntrace import train

    V, H = len(ex.vocab), ex.hidden_size
    sents = train.corpus(ex)
    B, T = len(sents), max(len(i) for i, _ in sents)
    x = torch.zeros(T, B, V, dtype=torch.float64)
    target = torch.full((T, B), -1, dtype=torch.long)
    for b, (idx, tg) in enumerate(sents):
        x[torch.arange(len(idx)), b, torch.as_tensor(idx)] = 1.0
        target[: len(tg), b] = torch.as_tensor(tg)
    lengths = torch.tensor([len(i) for i, _ in sents])
    net = {"rnn": torch.nn.RNN, "gru": torch.nn.GRU, "lstm": torch.nn.LSTM}[cell](V, H, dtype=torch.float64)
    W_hy = torch.zeros(H, V, dtype=torch.float64, requires_grad=True)
    b_y = torch.zeros(V, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD(list(net.parameters()) + [W_hy, b_y], lr=0.01)
    packed = torch.nn.utils.rnn.pack_padded_sequence(x, lengths, enforce_sorted=False)

    def epoch():
        opt.zero_grad()
        out, _ = net(packed)
        h, _ = torch.nn.utils.rnn.pad_packed_sequence(out, total_length=T)
        y = h @ W_hy + b_y
        loss = torch.nn.functional.cross_entropy(y.reshape(-1, V), target.reshape(-1), ignore_index=-1,
                                                 reduction="sum")
        loss.backward()
        opt.step()

    for _ in range(2):
        epoch()

    def run():
        for _ in range(epochs):
            epoch()

    return run


def interleaved(fs: list, runs: int) -> list[float]:
    """The median time in ms of each function, run in turn ``runs`` times."""
    times = [[] for _ in fs]
    for _ in range(runs):
        for f, ts in zip(fs, times):
            t0 = time.perf_counter()
            f()
            ts.append(time.perf_counter() - t0)
    return [statistics.median(ts) * 1000 for ts in times]


# As a user runs it: bytecode cached (pip compiles it when it installs a wheel; numpy, rich and
# click in the baseline are measured the same way), as bench_cli.py does. A sandbox that sets
# PYTHONDONTWRITEBYTECODE would otherwise make every run recompile rnntrace from source.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV["COLUMNS"] = "80"


def processes(commands: list[list[str]], runs: int) -> list[tuple[float, float]]:
    """(median wall ms, median CPU ms user+sys) of each command, run in turn ``runs`` times. CPU
    time is what the process itself cost: on a busy machine it is steadier than wall time."""
    for argv in commands:  # once each first: the bytecode is written, the files are cached
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=ENV)
    walls, cpus = [[] for _ in commands], [[] for _ in commands]
    for _ in range(runs):
        for argv, wall, cpu in zip(commands, walls, cpus):
            t0 = time.perf_counter()
            proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, env=ENV)
            _, status, usage = os.wait4(proc.pid, 0)
            wall.append(time.perf_counter() - t0)
            if status != 0:
                raise SystemExit(f"{' '.join(argv)} failed with status {status}")
            cpu.append(usage.ru_utime + usage.ru_stime)
    return [(statistics.median(w) * 1000, statistics.median(c) * 1000) for w, c in zip(walls, cpus)]


def load() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=int, default=50)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(args.threads)
    import importlib.util

    from rnntrace import examples

    print(f"{args.threads} BLAS thread(s); {load()} (2 cores here: above 2, others are running)")
    have_torch = importlib.util.find_spec("torch") is not None
    if not have_torch:
        print("torch is not installed: part 1 skipped")
    if have_torch:
        import torch

        torch.set_num_threads(args.threads)
        perro = examples.load("perro")
        print(f"One epoch on the perro corpus (104 tokens), median of {args.runs} interleaved runs of "
              f"{args.epochs} epochs")
        print(f"{'cell':>5} {'H':>4} {'rnntrace':>11} {'torch':>11} {'torch / rnntrace':>17}")
        for H in (3, 16, 64):
            ex = replace(perro, hidden_size=H)
            for cell in ("rnn", "gru", "lstm"):
                mine, theirs = interleaved([rnntrace_epochs(ex, cell, args.epochs),
                                            torch_epochs(ex, cell, args.epochs)], args.runs)
                mine, theirs = mine / args.epochs, theirs / args.epochs
                print(f"{cell:>5} {H:>4} {mine:8.3f} ms {theirs:8.3f} ms {theirs / mine:16.2f}×")
    runs = [["train", "-e", "lecture", "--epochs", "500"],
            # a network trains sentence by sentence (network.loss_and_grads): 10 sentences an epoch
            ["train", "-e", "perro", "--layers", "2", "--bidirectional", "--epochs", "20"]]
    (bare, bare_cpu), *timed = processes(
        [[sys.executable, "-c", "import numpy, rich, click"]]
        + [[sys.executable, "-m", "rnntrace", *argv] for argv in runs], args.runs)
    print(f"\n{'':64} {'wall':>9} {'CPU':>9} {'ratio':>7} {'CPU ratio':>9}")
    print(f"{'bare import of numpy, rich, click':64} {bare:6.1f} ms {bare_cpu:6.1f} ms")
    for argv, (run, run_cpu) in zip(runs, timed):
        print(f"{'rnntrace ' + ' '.join(argv):64} {run:6.1f} ms {run_cpu:6.1f} ms {run / bare:6.2f}× "
              f"{run_cpu / bare_cpu:8.2f}×")
    print(load())


if __name__ == "__main__":
    main()
