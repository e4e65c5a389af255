"""rnntrace: trace RNN, GRU, LSTM and attention computations symbol by symbol.

From Python: ``rnntrace.forward(...)``, ``rnntrace.bptt(...)``, ``rnntrace.attention(...)``,
``rnntrace.positional(...)``, ``rnntrace.train(...)`` and ``rnntrace.generate(...)`` run the command of that name and return a ``Trace`` (see
``rnntrace.api``). Nothing heavy is imported until one of them is used.
"""
import importlib as _importlib
import sys as _sys
import types as _types

__version__ = "0.1.0"
_COMMANDS = ("forward", "bptt", "attention", "positional", "train", "generate")


def _command_module(name: str):
    """The module ``rnntrace.NAME``, imported now if need be, made callable as the command."""
    module = _importlib.import_module(f"{__name__}.{name}")
    if type(module) is _types.ModuleType:
        from rnntrace.api import CommandModule

        module.__class__ = CommandModule
    return module


class _Package(_types.ModuleType):
    """The package: its attributes ``forward``, ``bptt``, ``attention``, ``positional``, ``train``
    and ``generate`` are always the callable modules, however they were imported (the import system's own
    ``setattr(rnntrace, "forward", module)`` lands in the setter and changes nothing)."""

    def __getattr__(self, name: str):
        if name in ("api", "Trace"):
            api = _importlib.import_module(f"{__name__}.api")
            return api if name == "api" else api.Trace
        raise AttributeError(name)


def _command_property(name: str) -> property:
    return property(lambda self: _command_module(name), lambda self, value: None)


for _name in _COMMANDS:
    setattr(_Package, _name, _command_property(_name))
_sys.modules[__name__].__class__ = _Package
