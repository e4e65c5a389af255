"""Rewrite the shipped trained examples (examples/perro_gru.toml, examples/perro_lstm.toml) with
the command each one's description holds, so the files stay what those commands write after a
change that moves the trained floats (the training's arithmetic, the optimizer, the corpus):

    python tools/regenerate_perro.py           # rewrite both files
    python tools/regenerate_perro.py --check   # only compare: exit 1 and name the files that differ

tests/test_train_cli.py re-runs the same commands (through ``command_of``) and compares with
``difference``: the text with every decimal number masked must be the same character for
character, and each number the same to RTOL relative (ATOL absolute near 0). 600 epochs of Adam
turn a last-bit difference in the arithmetic (another BLAS, another summation order) into about
5e-10 relative in the trained weights (measured: every starting weight moved by one ulp gives
5.4e-10 on perro_lstm, 1.7e-10 on perro_gru), so a byte comparison holds on one machine's
numpy only; anything that changes the training itself (the optimizer, the corpus, a formula)
moves them by far more than RTOL.
"""
from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = [ROOT / "examples" / "perro_gru.toml", ROOT / "examples" / "perro_lstm.toml"]
RTOL, ATOL = 1e-7, 1e-8
NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?")  # a number as repr writes it (1.5, -2e-05, 600)


def command_of(path: Path) -> list[str]:
    """The ``rnntrace train`` arguments in the file's description ("… by: rnntrace train … --save
    NAME.toml"), without the program name."""
    import tomllib

    description = tomllib.loads(path.read_text(encoding="utf-8"))["description"]
    words = description.split(": ", 1)[1].split()
    if words[:2] != ["rnntrace", "train"] or words[-2:] != ["--save", path.name]:
        raise SystemExit(f"{path}: its description does not end with the rnntrace train command that wrote it")
    return words[1:]


def write(path: Path, into: Path) -> Path:
    """Run ``path``'s command with ``--save`` into the folder ``into``; the file written."""
    from rnntrace.cli import main as rnntrace

    args = command_of(path)
    out = into / path.name
    rnntrace([*args[:-1], str(out), "--brief"], standalone_mode=False)
    return out


def difference(written: str, shipped: str) -> str | None:
    """What differs between two saved files beyond the last digits, or None: a line whose text
    (numbers masked) differs, a different count of numbers, or a number further than RTOL/ATOL."""
    for k, (a, b) in enumerate(zip(written.splitlines(), shipped.splitlines()), start=1):
        if NUMBER.sub("#", a) != NUMBER.sub("#", b):
            return f"line {k}: {a[:60]!r} against {b[:60]!r}"
    if written.count("\n") != shipped.count("\n"):
        return f"{written.count(chr(10))} lines against {shipped.count(chr(10))}"
    new, old = NUMBER.findall(written), NUMBER.findall(shipped)
    if len(new) != len(old):
        return f"{len(new)} numbers against {len(old)}"
    for k, (a, b) in enumerate(zip(new, old)):
        if abs(float(a) - float(b)) > ATOL + RTOL * abs(float(b)):
            return f"number {k + 1}: {a} against {b}"
    return None


def main(argv: list[str]) -> int:
    check = argv == ["--check"]
    if argv and not check:
        print(__doc__, file=sys.stderr)
        return 2
    if not check:
        for path in SHIPPED:
            write(path, path.parent)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        stale = [p.name for p in SHIPPED
                 if difference(write(p, Path(tmp)).read_text(encoding="utf-8"), p.read_text(encoding="utf-8"))]
    if stale:
        print("differ from what their commands write now: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
