"""The command group imports a command's module only when that command runs (what a plain
``rnntrace forward`` pays at startup), while ``--help`` and ``main.commands`` still see every
command, with help texts in the language of the command line."""
from __future__ import annotations

import subprocess
import sys

PROBE = ("import sys; from rnntrace.cli import main\n"
         "try: main({args!r})\nexcept SystemExit: pass\n"
         "print(sorted(m for m in sys.modules if m.startswith({prefix!r})))")


def _modules(args: list[str], prefix: str = "rnntrace.commands.") -> list[str]:
    out = subprocess.run([sys.executable, "-c", PROBE.format(args=args, prefix=prefix)], capture_output=True,
                         text=True, check=True).stdout
    return eval(out.strip().splitlines()[-1])


def test_a_command_imports_its_own_module_and_not_the_others():
    loaded = _modules(["examples"])
    assert "rnntrace.commands.examples" in loaded
    assert not {"rnntrace.commands.attention", "rnntrace.commands.bptt", "rnntrace.commands.quiz"} & set(loaded)


def test_help_lists_every_command():
    from rnntrace import cli

    loaded = _modules(["--help"])
    assert {f"rnntrace.commands.{n}" for n in cli.COMMANDS} <= set(loaded)
    assert sorted(cli.main.commands) == sorted(cli.COMMANDS)
    assert all(cli.main.commands[n].name == n for n in cli.COMMANDS)


def test_a_module_first_imported_under_another_language_keeps_the_help_language(monkeypatch):
    """In one process (the tests, ``api``) a command may first be looked up while --lang es is in
    force: its help texts are still built in the language every module was built in before."""
    from rnntrace import cli, i18n

    group = cli.Group("probe")
    sys.modules.pop("rnntrace.commands.positional", None)
    monkeypatch.setattr(cli, "HELP_LANG", "en")
    i18n.set_lang("es")
    try:
        cmd = group._load("positional")
        assert i18n.get_lang() == "es"
    finally:
        i18n.set_lang("en")
    assert cmd.help == i18n.t("positional.help")


def test_a_long_sentence_does_not_load_the_gradient_check():
    """Past GRADCHECK_MAX tokens the check is off by default: its module is not imported for
    its cost (one layer or a network); a short sentence, checked, imports it."""
    for args in (["bptt", "--steps", "60"], ["bptt", "--steps", "60", "--layers", "2"]):
        assert "rnntrace.gradcheck" not in _modules(args, "rnntrace.gradcheck"), args
    assert "rnntrace.gradcheck" in _modules(["bptt", "--steps", "12"], "rnntrace.gradcheck")
