"""The network options of ``forward`` and ``bptt`` (--embedding, --layers, --bidirectional,
--task) and the network path both take when one is set or the example has a network's keys."""
from __future__ import annotations

import functools
from dataclasses import dataclass

import click

from rnntrace.choices import TASKS
from rnntrace.commands.options import TraceOptions, check_range
from rnntrace.i18n import t


@dataclass
class NetOptions:
    embedding: int | None
    layers: int | None
    bidirectional: bool
    task: str | None

    def wanted(self, ex) -> bool:
        from rnntrace import network

        return network.wanted(ex, self.embedding, self.layers, self.bidirectional, self.task)

    def spec(self, ex, cell: str, gru_variant: str, activation: str = "tanh"):
        from rnntrace import network

        return network.spec(ex, cell, gru_variant, activation, self.embedding, self.layers, self.bidirectional,
                            self.task)


def network_options(f):
    """Adds the four options; passes them to the command as one ``NetOptions`` (keyword ``net``)."""
    @click.option("--embedding", type=int, metavar="d", help=t("network.opt.embedding"))
    @click.option("--layers", type=int, metavar="N", help=t("network.opt.layers"))
    @click.option("--bidirectional", is_flag=True, help=t("network.opt.bidirectional"))
    @click.option("--task", type=click.Choice(TASKS), help=t("network.opt.task"))
    @functools.wraps(f)
    def wrapper(*args, embedding, layers, bidirectional, task, **kwargs):
        return f(*args, net=NetOptions(embedding, layers, bidirectional, task), **kwargs)

    return wrapper


def _spec(opts: TraceOptions, net: NetOptions, ex, cell: str, activation: str = "tanh"):
    """The network, checked; a tagging example's tags label its own sentence, not --sentence's."""
    from rnntrace.errors import InputError

    if (net.task or ex.network.get("task")) == "tag" and opts.sentence is not None:
        raise InputError(t("network.err.sentence_tag"))
    return net.spec(ex, cell, opts.gru_variant, activation)


def forward(opts: TraceOptions, net: NetOptions, ex) -> None:
    from rnntrace import network

    cell = opts.cell or ex.cell
    opts.check_gru_variant(cell)
    tr = network.run(ex, _spec(opts, net, ex, cell), seed=opts.seed)
    _emit(opts, tr)


def bptt(opts: TraceOptions, net: NetOptions, ex, at, scale, activation, steps, gradcheck, compare,
         forget_bias) -> None:
    """``bptt`` on a network: --at, --scale, --compare and --forget-bias belong to the one-layer
    ledger and are refused here."""
    from rnntrace import bptt as bptt_mod, cells, network
    from rnntrace.choices import ACTIVATIONS
    from rnntrace.errors import InputError

    for option, value in (("--at", at), ("--compare", compare or None), ("--forget-bias", forget_bias),
                          ("--scale", None if scale == 1.0 else scale)):
        if value is not None:
            raise InputError(t("network.err.option", option=option))
    cell = opts.cell or ex.cell
    if activation is not None and activation not in ACTIVATIONS:
        raise InputError(t("bptt.err.activation_unknown", value=activation, choices=", ".join(ACTIVATIONS), hint=""))
    if activation is not None and "activation" not in cells.CELLS[cell].options:
        raise InputError(t("bptt.err.activation_gated", act=activation, cell=t(f"common.cell.{cell}")))
    opts.check_gru_variant(cell)
    s = _spec(opts, net, ex, cell, activation or "tanh")
    check_range("--steps", steps, 1, bptt_mod.MAX_STEPS)
    if steps is not None:
        limit = network.max_steps(s, len(ex.vocab), ex.hidden_size)
        if steps > limit:
            per = network.bytes_per_step(s, len(ex.vocab), ex.hidden_size)
            raise InputError(t("network.err.steps_memory", T=steps, max=limit, need=f"{steps * per / 2**20:.1f} MB",
                               budget=f"{bptt_mod.MEMORY_BUDGET / 2**20:.0f} MB"))
        ex = network.extend(ex, s, steps, ex.seed if opts.seed is None else opts.seed)
    detail = len(ex.sentence) <= bptt_mod.DETAIL_MAX
    tr = network.run(ex, s, seed=opts.seed, detail=detail, command="bptt")
    network.backward(tr, ex, gradcheck)
    _emit(opts, tr)


def _emit(opts: TraceOptions, tr) -> None:
    from rnntrace.output import emit

    def build(view):
        from rnntrace.present import network as present

        return present.build(tr, opts.convention, opts.precision, view)

    def document():
        from rnntrace.render.network_json import document as network_document

        return network_document(tr, opts.convention)

    emit(opts.fmt, build, document)
