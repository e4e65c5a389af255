"""Rewrite the shipped trained examples (examples/perro_gru.toml, examples/perro_lstm.toml) with
the command each one's description holds, so the files stay what those commands write after a
change that moves the trained floats (the training's arithmetic, the optimizer, the corpus):

    python tools/regenerate_perro.py           # rewrite both files
    python tools/regenerate_perro.py --check   # only compare: exit 1 and name the files that differ

tests/test_train_cli.py re-runs the same commands (through ``command_of``) and compares the bytes.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = [ROOT / "examples" / "perro_gru.toml", ROOT / "examples" / "perro_lstm.toml"]


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
        stale = [p.name for p in SHIPPED if write(p, Path(tmp)).read_bytes() != p.read_bytes()]
    if stale:
        print("differ from what their commands write now: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
