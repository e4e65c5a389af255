"""Whole-process time of rnntrace commands against the bare import of numpy, rich and click.

Run: python benchmarks/bench_cli.py [--runs N]
Each case and the baseline are timed side by side in one run (interleaved, median of N), and the
ratio is printed; the issue's budgets are shown beside them. This is a benchmark, not a test:
it prints numbers and never fails a build.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

BASELINE = [sys.executable, "-c", "import numpy, rich.console, rich.table, rich.panel, click"]
CASES = [
    # (label, argv after `python -m rnntrace`, budget as a ratio to the baseline or None)
    ("rnntrace --help", ["--help"], None),
    ("rnntrace forward", ["forward"], 1.3),
    ("rnntrace forward --cell lstm --format json", ["forward", "--cell", "lstm", "--format", "json"], None),
]


def wall(argv: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    script = os.path.join(os.path.dirname(sys.executable), "rnntrace")  # the installed console script
    prog = [script] if os.path.exists(script) else [sys.executable, "-m", "rnntrace"]
    cmds = [("baseline: import numpy, rich, click", BASELINE, None)] + [
        (label, [*prog, *argv], budget) for label, argv, budget in CASES]
    for _, argv, _ in cmds:  # warm the file cache
        wall(argv)
    times: dict[str, list[float]] = {label: [] for label, _, _ in cmds}
    for _ in range(args.runs):
        for label, argv, _ in cmds:
            times[label].append(wall(argv))
    base = statistics.median(times[cmds[0][0]])
    print(f"{'case':48} {'median':>9} {'ratio':>7}  budget")
    for label, _, budget in cmds:
        m = statistics.median(times[label])
        verdict = "" if budget is None else (f"≤ {budget}× " + ("ok" if m / base <= budget else "OVER"))
        print(f"{label:48} {m * 1000:7.1f}ms {m / base:6.2f}×  {verdict}")


if __name__ == "__main__":
    main()
