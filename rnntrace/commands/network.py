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

    def flags(self) -> tuple[str, ...]:
        """The options given, as a command line writes them (a saved file's command)."""
        out: list[str] = []
        for option, value in (("--embedding", self.embedding), ("--layers", self.layers), ("--task", self.task)):
            if value is not None:
                out += [option, str(value)]
        return tuple(out) + (("--bidirectional",) if self.bidirectional else ())

    def wanted(self, ex) -> bool:
        """Whether the network path is asked for: by an option or by the example's own keys
        (decided here, so a plain trace does not import the network module)."""
        return self.bidirectional or any(v is not None for v in (self.embedding, self.layers, self.task)) \
            or bool(ex.network)

    def spec(self, ex, cell: str, gru_variant: str, activation: str = "tanh", scale: float = 1.0,
             forget_bias: float | None = None):
        from rnntrace import network

        return network.spec(ex, cell, gru_variant, activation, self.embedding, self.layers, self.bidirectional,
                            self.task, scale, forget_bias)


def network_options(f=None, *, refuse_bidirectional: str | None = None):
    """Adds the four options; passes them to the command as one ``NetOptions`` (keyword ``net``).
    ``refuse_bidirectional``, a catalogue key: the command cannot run two directions, so
    --bidirectional is left out of its help, and passing it anyway is refused with that message."""
    if f is None:
        return functools.partial(network_options, refuse_bidirectional=refuse_bidirectional)

    @click.option("--embedding", type=int, metavar="d", help=t("network.opt.embedding"))
    @click.option("--layers", type=int, metavar="N", help=t("network.opt.layers"))
    @click.option("--bidirectional", is_flag=True, help=t("network.opt.bidirectional"),
                  hidden=refuse_bidirectional is not None)
    @click.option("--task", type=click.Choice(TASKS), help=t("network.opt.task"))
    @functools.wraps(f)
    def wrapper(*args, embedding, layers, bidirectional, task, **kwargs):
        if bidirectional and refuse_bidirectional is not None:
            from rnntrace.errors import InputError

            raise InputError(t(refuse_bidirectional))
        return f(*args, net=NetOptions(embedding, layers, bidirectional, task), **kwargs)

    return wrapper


def _spec(opts: TraceOptions, net: NetOptions, ex, cell: str, activation: str = "tanh", scale: float = 1.0,
          forget_bias: float | None = None):
    """The network, checked; a tagging example's tags label its own sentence, not --sentence's."""
    from rnntrace.errors import InputError

    if (net.task or ex.network.get("task")) == "tag" and opts.sentence is not None:
        raise InputError(t("network.err.sentence_tag"))
    return net.spec(ex, cell, opts.gru_variant, activation, scale, forget_bias)


def forward(opts: TraceOptions, net: NetOptions, ex) -> None:
    from rnntrace import network

    cell = opts.cell or ex.cell
    opts.check_gru_variant(cell)
    tr = network.run(ex, _spec(opts, net, ex, cell), seed=opts.seed)
    _emit(opts, tr)


def bptt(opts: TraceOptions, net: NetOptions, ex, at, scale, activation, steps, gradcheck, compare,
         forget_bias) -> None:
    """``bptt`` on a network. --scale scales every layer's and direction's W_h·, --forget-bias
    sets every LSTM layer's and direction's b_f, --at shows the sum of L^(t) for every layer and
    direction (by default the last step with a loss), --compare traces rnn, gru and lstm on the same network shape."""
    import math

    from rnntrace import bptt as bptt_mod, cells, network
    from rnntrace.choices import ACTIVATIONS
    from rnntrace.errors import InputError

    for option, value in (("--scale", scale), ("--forget-bias", forget_bias)):
        if value is not None and not math.isfinite(value):
            raise InputError(t("errors.option_finite", option=option, value=value))
    if compare:
        for option, value, key in (("--cell", opts.cell, "bptt.err.compare_cell"), ("--at", at, "bptt.err.compare_at"),
                                   ("--gradcheck", gradcheck or None, "bptt.err.compare_gradcheck")):
            if value is not None:
                raise InputError(t(key))
    cell = opts.cell or ex.cell
    if activation is not None and activation not in ACTIVATIONS:
        raise InputError(t("bptt.err.activation_unknown", value=activation, choices=", ".join(ACTIVATIONS), hint=""))
    if activation is not None and "activation" not in cells.CELLS[cell].options and not compare:
        raise InputError(t("bptt.err.activation_gated", act=activation, cell=t(f"common.cell.{cell}")))
    opts.check_gru_variant("gru" if compare else cell, hint=t("errors.gru_variant_compare"))
    # --compare: the LSTM's spec takes --forget-bias; the others are the same network with their cell
    s = _spec(opts, net, ex, "lstm" if compare else cell, activation or "tanh", scale, forget_bias)
    check_range("--steps", steps, 1, bptt_mod.MAX_STEPS)
    if steps is not None:
        limit = network.max_steps(s, len(ex.vocab), ex.hidden_size)
        if steps > limit:
            per = network.bytes_per_step(s, len(ex.vocab), ex.hidden_size)
            raise InputError(t("network.err.steps_memory", T=steps, max=limit, need=f"{steps * per / 2**20:.1f} MB",
                               budget=f"{bptt_mod.MEMORY_BUDGET / 2**20:.0f} MB"))
        ex = network.extend(ex, s, steps, ex.seed if opts.seed is None else opts.seed)
    if compare:
        traces = network.compare(ex, s, opts.gru_variant, activation or "tanh", seed=opts.seed)
        return _emit(opts, traces, compare=True)
    if at is not None:
        _check_at(ex, s, at)
    else:  # as for one layer: the last step with a loss (none on a classified sentence)
        at = (network.loss_steps(ex, s) or [None])[-1]
    detail = len(ex.sentence) <= bptt_mod.DETAIL_MAX
    tr = network.run(ex, s, seed=opts.seed, detail=detail, command="bptt")
    network.backward(tr, ex, gradcheck, at=at)  # with the sum at ``at``
    _emit(opts, tr)


def _check_at(ex, s, at: int) -> None:
    """--at t names a step with a loss L^(t); a classified sentence has one loss, at the end."""
    from rnntrace import network
    from rnntrace.commands.bptt import _ranges
    from rnntrace.errors import InputError

    if s.task == "classify":
        raise InputError(t("network.err.at_classify", t=at))
    check_range("--at", at, 1, len(ex.sentence))
    has = network.loss_steps(ex, s)
    if at not in has:
        raise InputError(t("bptt.err.at_no_target", t=at, token=ex.sentence[at - 1], steps=_ranges(has)))


def _emit(opts: TraceOptions, tr, compare: bool = False) -> None:
    """Print a network's trace (or, ``compare``, the list of three cells' traces) once."""
    from rnntrace.output import emit

    def build(view):
        from rnntrace.present import network as present

        return (present.build_compare if compare else present.build)(tr, opts.convention, opts.precision, view)

    def document():
        from rnntrace.render import network_json

        return (network_json.compare_document if compare else network_json.document)(tr, opts.convention)

    emit(opts.fmt, build, document, trace=tr)
