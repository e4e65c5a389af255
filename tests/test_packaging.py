"""The wheel carries the built-in examples and runs from outside the checkout."""
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(ROOT), "-w", str(out)],
                       capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip(f"cannot build a wheel here (no build backend reachable): {r.stderr.strip()[-200:]}")
    return next(out.glob("rnntrace-*.whl"))


def test_wheel_ships_the_examples(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {Path(n).name for n in names if n.startswith("rnntrace/examples/")}
    assert shipped == {p.name for p in (ROOT / "examples").glob("*.toml")}


def test_forward_runs_from_the_installed_wheel_outside_the_checkout(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import rnntrace, rnntrace.examples as e; "
            "assert rnntrace.__file__.startswith(sys.argv[1]), rnntrace.__file__; "
            "assert e.examples_dir().startswith(sys.argv[1]); "
            "from rnntrace.cli import main; main(['forward', '--example', 'pseudocode'])")
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    env = {**os.environ, "COLUMNS": "80"}
    r = subprocess.run([sys.executable, "-c", code, str(target)], cwd=cwd, capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    assert "t = 4 · “neural” → target “networks”" in r.stdout
