"""Whole-process time of rnntrace commands against the bare import of numpy, rich and click.

Run: python benchmarks/bench_cli.py [--runs N] [--only SUBSTRING]
Each case and the baseline are timed side by side in one run (interleaved, median of N), and the
ratio is printed; the issue's budgets are shown beside them. This is a benchmark, not a test:
it prints numbers and never fails a build.

The larger cases run on example files written to a temporary folder: the lecture's sentence with
hidden_size = 64 and 256 (weights drawn), and a 1,000-word sentence over the lecture's vocabulary.

OPENBLAS_CORETYPE (and OPENBLAS_L2_SIZE) may be set on this machine for older OpenBLAS builds;
they slow a current numpy. To measure what a user gets, unset both for the benchmark's command
alone: ``env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python benchmarks/bench_cli.py``; the
first line printed says which kernel numpy's OpenBLAS then runs.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

BASELINE = [sys.executable, "-c", "import numpy, rich.console, rich.table, rich.panel, click"]
VOCAB = ["recurrent", "I", "networks", "love", "neural"]


def example_files(folder: str) -> dict[str, str]:
    """The lecture's sentence at H = 64 and H = 256, and a 1,000-word sentence (H = 3)."""
    import random

    out = {}
    head = 'cell = "rnn"\nvocab = ["recurrent", "I", "networks", "love", "neural"]\n'
    for H in (64, 256):
        out[f"h{H}"] = os.path.join(folder, f"h{H}.toml")
        with open(out[f"h{H}"], "w", encoding="utf-8") as f:
            f.write(f'name = "h{H}"\n{head}sentence = ["I", "love", "recurrent", "neural", "networks"]\n'
                    f"hidden_size = {H}\n")
    rng = random.Random(0)
    words = [rng.choice(VOCAB) for _ in range(1000)]
    out["long"] = os.path.join(folder, "long.toml")
    with open(out["long"], "w", encoding="utf-8") as f:
        f.write(f'name = "long"\n{head}sentence = [{", ".join(chr(34) + w + chr(34) for w in words)}]\n'
                "hidden_size = 3\n")
    return out


def cases(files: dict[str, str]) -> list[tuple[str, list[str], float | None]]:
    """(label, argv after the program, budget as a ratio to the baseline or None)."""
    return [
        ("rnntrace --help", ["--help"], None),
        ("rnntrace forward", ["forward"], 1.3),
        ("rnntrace forward --cell lstm --format json", ["forward", "--cell", "lstm", "--format", "json"], None),
        ("rnntrace forward, 1,000 words", ["forward", "--example", files["long"]], None),
        ("rnntrace bptt", ["bptt"], 2.0),
        ("rnntrace bptt --steps 10000", ["bptt", "--steps", "10000"], 2.0),
        ("rnntrace bptt --steps 10000 --format json", ["bptt", "--steps", "10000", "--format", "json"], 2.0),
        ("rnntrace bptt, H = 64", ["bptt", "--example", files["h64"]], None),
        ("rnntrace bptt, H = 256", ["bptt", "--example", files["h256"]], None),
        ("bptt --layers 2 --bidirectional --steps 10000",
         ["bptt", "--layers", "2", "--bidirectional", "--steps", "10000"], 3.0),
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


def blas() -> str:
    """Which OpenBLAS kernel and how many threads numpy runs with here (threadpoolctl, if present)."""
    probe = ("import numpy\ntry:\n from threadpoolctl import threadpool_info\n"
             " print('; '.join(f\"{i['internal_api']} {i.get('architecture')}, {i['num_threads']} threads\""
             " for i in threadpool_info()))\nexcept ImportError:\n print('threadpoolctl not installed')")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=ENV).stdout.strip()
    core = ENV.get("OPENBLAS_CORETYPE")
    return f"BLAS: {out}" + (f"  (OPENBLAS_CORETYPE={core} is set)" if core else "")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--only", default="", help="run only the cases whose label holds this text")
    args = ap.parse_args()
    script = os.path.join(os.path.dirname(sys.executable), "rnntrace")  # the installed console script
    prog = [script] if os.path.exists(script) else [sys.executable, "-m", "rnntrace"]
    with tempfile.TemporaryDirectory() as folder:
        cmds = [("baseline: import numpy, rich, click", BASELINE, None)] + [
            (label, [*prog, *argv], budget) for label, argv, budget in cases(example_files(folder))
            if args.only in label]
        print(blas())
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
