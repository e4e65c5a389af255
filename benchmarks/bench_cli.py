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
    ("rnntrace bptt", ["bptt"], 2.0),
    ("rnntrace bptt --steps 10000", ["bptt", "--steps", "10000"], 2.0),
    ("bptt --layers 2 --bidirectional --steps 10000", ["bptt", "--layers", "2", "--bidirectional", "--steps", "10000"],
     3.0),
]


# As a user runs it: bytecode cached (pip compiles it when it installs a wheel; numpy, rich and
# click in the baseline are measured the same way). A sandbox that sets PYTHONDONTWRITEBYTECODE
# would otherwise make every run recompile rnntrace from source and the baseline not.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def measure(argv: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds user+sys) of one whole process. CPU time is what the process
    itself cost; on a busy machine it is steadier than wall time, so both are shown."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if status != 0:
        raise SystemExit(f"{' '.join(argv)} failed with status {status}")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    script = os.path.join(os.path.dirname(sys.executable), "rnntrace")  # the installed console script
    prog = [script] if os.path.exists(script) else [sys.executable, "-m", "rnntrace"]
    cmds = [("baseline: import numpy, rich, click", BASELINE, None)] + [
        (label, [*prog, *argv], budget) for label, argv, budget in CASES]
    for _, argv, _ in cmds:  # warm the file cache
        measure(argv)
    walls: dict[str, list[float]] = {label: [] for label, _, _ in cmds}
    cpus: dict[str, list[float]] = {label: [] for label, _, _ in cmds}
    for _ in range(args.runs):
        for label, argv, _ in cmds:
            w, c = measure(argv)
            walls[label].append(w)
            cpus[label].append(c)
    base_w = statistics.median(walls[cmds[0][0]])
    base_c = statistics.median(cpus[cmds[0][0]])
    print(f"median of {args.runs} interleaved runs; ratios are to the baseline in the same run")
    print(f"{'case':44} {'wall':>8} {'ratio':>6} {'cpu':>8} {'ratio':>6}  budget")
    for label, _, budget in cmds:
        w, c = statistics.median(walls[label]), statistics.median(cpus[label])
        verdict = "" if budget is None else (f"≤ {budget}× " + ("ok" if w / base_w <= budget else "OVER"))
        print(f"{label:44} {w * 1000:6.0f}ms {w / base_w:5.2f}× {c * 1000:6.0f}ms {c / base_c:5.2f}×  {verdict}")

if __name__ == "__main__":
    main()
