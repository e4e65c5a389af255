"""The gradient of a long sentence costs time linear in its length T.

Run: python benchmarks/bench_bptt_linear.py [--runs N] [--cell rnn|gru|lstm]
Times ``bptt.run`` (forward, every Jacobian, their products, the gradient of every weight; no
gradient check, no rendering) on the lecture's example extended to T tokens, for several T up to
10,000, takes the median of N runs, fits time = a + b·T by least squares and prints the slope
b (µs per token), R², and time(2T)/time(T) (2 for linear growth). A benchmark, not a test: it
prints numbers and never fails a build.
"""
from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from rnntrace import bptt, examples

LENGTHS = [500, 1000, 2000, 4000, 6000, 8000, 10_000]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--cell", default="rnn", choices=["rnn", "gru", "lstm"])
    args = ap.parse_args()
    ex = examples.load("lecture")
    bptt.run(bptt.extend(ex, 100, 0), cell=args.cell)  # warm up
    times = []
    for T in LENGTHS:
        long = bptt.extend(ex, T, 0)
        runs = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            bptt.run(long, cell=args.cell, gradcheck=False)
            runs.append(time.perf_counter() - t0)
        times.append(statistics.median(runs))
    T = np.array(LENGTHS, dtype=float)
    y = np.array(times)
    b, a = np.polyfit(T, y, 1)
    r2 = 1 - np.sum((y - (a + b * T)) ** 2) / np.sum((y - y.mean()) ** 2)
    print(f"bptt.run, {args.cell} cell, median of {args.runs} runs")
    print(f"{'T':>7} {'time':>9} {'per token':>10} {'fit':>9}")
    for n, s in zip(LENGTHS, times):
        print(f"{n:7d} {s * 1000:7.1f}ms {s / n * 1e6:8.2f}µs {(a + b * n) * 1000:7.1f}ms")
    print(f"fit: time = {a * 1000:.1f} ms + {b * 1e6:.2f} µs × T   (R² = {r2:.4f})")
    by = dict(zip(LENGTHS, times))
    print(f"time(10000) / time(4000) = {by[10_000] / by[4000]:.2f}   (linear: {10_000 / 4000:.2f})")
    print(f"time(8000) / time(4000)  = {by[8000] / by[4000]:.2f}   (linear: 2.00)")


if __name__ == "__main__":
    main()
