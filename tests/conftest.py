"""Shared fixtures: a pinned environment (80 columns, no colour variables, English), the CLI
runner, and golden files (``pytest --update-golden`` rewrites them, on purpose only).

Property tests draw the same cases on every run (hypothesis ``derandomize``), so a run of the
suite is reproducible; ``HYPOTHESIS_PROFILE=explore`` draws new cases each time, to hunt."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

GOLDEN = Path(__file__).parent / "golden"

settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/*.txt")


# RNNTRACE_REQUIRE="torch,pdflatex": a test skipped because one of these is missing fails instead.
# .ci/run sets it for what it installs, so a comparison CI is meant to run can never skip silently.
REQUIRED = [w.strip() for w in os.environ.get("RNNTRACE_REQUIRE", "").split(",") if w.strip()]


def _required_but_skipped(report) -> str | None:
    if not (REQUIRED and report.skipped) or not isinstance(report.longrepr, tuple):
        return None
    reason = str(report.longrepr[2])
    return next((w for w in REQUIRED if w in reason), None)


def _fail_if_required(outcome) -> None:
    report = outcome.get_result()
    missing = _required_but_skipped(report)
    if missing:
        report.outcome = "failed"
        report.longrepr = f"skipped, but RNNTRACE_REQUIRE names {missing!r}: {report.longrepr[2]}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    _fail_if_required((yield))


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    _fail_if_required((yield))


@pytest.fixture(autouse=True)
def pinned_env(monkeypatch):
    for var in ("FORCE_COLOR", "NO_COLOR", "RNNTRACE_LANG", "TERM", "COLORTERM"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LINES", "50")
    from rnntrace.i18n import set_lang

    set_lang("en")
    yield
    set_lang("en")


@pytest.fixture
def cli():
    """``cli("forward", "--cell", "gru")`` → click Result (stdout and stderr kept apart)."""
    from rnntrace.cli import main

    def invoke(*args, input=None):
        return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def golden(request):
    """``golden("name", text)`` compares with tests/golden/name.txt."""
    update = request.config.getoption("--update-golden")

    def check(name: str, text: str):
        path = GOLDEN / f"{name}.txt"
        if update or not path.exists():
            path.write_text(text, encoding="utf-8")
            if not update:
                pytest.fail(f"golden file {path.name} was missing and has been written; check it and rerun")
        expected = path.read_text(encoding="utf-8")
        assert text == expected, f"output differs from {path} (pytest --update-golden rewrites it)"

    return check


@pytest.fixture
def write_example(tmp_path):
    """Write a TOML example from text and return its path as a string."""
    def write(text: str, name: str = "ex.toml") -> str:
        p = tmp_path / name
        p.write_text(text, encoding="utf-8")
        return str(p)

    return write
