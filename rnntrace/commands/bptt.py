"""``rnntrace bptt``."""
import click

from rnntrace.choices import ACTIVATIONS
from rnntrace.commands.network import network_options
from rnntrace.commands.options import CONTEXT_SETTINGS, TraceOptions, check_range, trace_options
from rnntrace.i18n import t

@click.command("bptt", context_settings=CONTEXT_SETTINGS, help=t("bptt.help"), short_help=t("bptt.help.short"),
               epilog=t("bptt.help.examples"))
@trace_options
@click.option("--at", type=int, metavar="t", help=t("bptt.opt.at"))
@click.option("--scale", type=float, default=1.0, show_default=True, help=t("bptt.opt.scale"))
@click.option("--activation", metavar="|".join(ACTIVATIONS), help=t("bptt.opt.activation"))
@click.option("--steps", type=int, metavar="T", help=t("bptt.opt.steps"))
@click.option("--gradcheck/--no-gradcheck", default=None, help=t("bptt.opt.gradcheck"))
@click.option("--compare", is_flag=True, help=t("bptt.opt.compare"))
@click.option("--forget-bias", type=float, metavar="B", help=t("bptt.opt.forget_bias"))
@network_options
def command(opts: TraceOptions, at, scale, activation, steps, gradcheck, compare, forget_bias, net):
    from rnntrace import bptt
    from rnntrace.output import emit

    ex = opts.load_example()
    if net.wanted(ex):
        from rnntrace.commands import network

        return network.bptt(opts, net, ex, at, scale, activation, steps, gradcheck, compare, forget_bias)

    ex, cell = _checked(opts, at, scale, activation, steps, gradcheck, compare, forget_bias)
    activation = activation or "tanh"
    if compare:
        traces = bptt.compare(ex, opts.gru_variant, opts.seed, activation, scale, forget_bias)

        def build(view):
            from rnntrace.present import compare as present

            return present.build(traces, opts.convention, opts.precision, view, forget_bias)

        def document():
            from rnntrace.render.bptt_json import compare_document

            return compare_document(traces, opts.convention, forget_bias)
    else:
        if forget_bias is not None:
            ex = bptt.with_forget_bias(ex, forget_bias)
        tr = bptt.run(ex, cell=cell, gru_variant=opts.gru_variant, seed=opts.seed, activation=activation,
                      scale=scale, at=at, gradcheck=gradcheck)

        def build(view):
            from rnntrace.present import bptt as present

            return present.build(tr, opts.convention, opts.precision, view)

        def document():
            from rnntrace.render.bptt_json import document as bptt_document

            return bptt_document(tr, opts.convention)

    emit(opts.fmt, build, document, trace=traces if compare else tr)


def _checked(opts: TraceOptions, at, scale, activation, steps, gradcheck, compare, forget_bias):
    """Every option against the others and the example; an InputError (one line, exit 2) names
    the first that does not fit. Returns the example (with --steps applied) and the cell."""
    import math

    from rnntrace import bptt, cells
    from rnntrace.errors import InputError

    for option, value in (("--scale", scale), ("--forget-bias", forget_bias)):
        if value is not None and not math.isfinite(value):
            raise InputError(t("errors.option_finite", option=option, value=value))
    if activation is not None and activation not in ACTIVATIONS:
        import difflib

        close = difflib.get_close_matches(activation, ACTIVATIONS, n=1)
        raise InputError(t("bptt.err.activation_unknown", value=activation, choices=", ".join(ACTIVATIONS),
                           hint=t("errors.did_you_mean", word=close[0]) if close else ""))
    if compare:
        if opts.cell is not None:
            raise InputError(t("bptt.err.compare_cell"))
        if at is not None:
            raise InputError(t("bptt.err.compare_at"))
        if gradcheck:
            raise InputError(t("bptt.err.compare_gradcheck"))
    check_range("--steps", steps, 1, bptt.MAX_STEPS)
    ex = opts.load_example()
    cell = opts.cell or ex.cell
    if not compare:
        if activation is not None and "activation" not in cells.CELLS[cell].options:
            raise InputError(t("bptt.err.activation_gated", act=activation, cell=t(f"common.cell.{cell}")))
        if forget_bias is not None and "forget_bias" not in cells.CELLS[cell].options:
            raise InputError(t("bptt.err.forget_bias_cell", cell=t(f"common.cell.{cell}")))
        opts.check_gru_variant(cell, hint=t("errors.gru_variant_compare"))
    if steps is not None:  # bptt.run checks that the ledger of T steps fits in memory
        ex = bptt.extend(ex, steps, ex.seed if opts.seed is None else opts.seed)
    if at is not None:
        T = len(ex.sentence)
        check_range("--at", at, 1, T)
        has = [i for i, g in enumerate(ex.targets, start=1) if g is not None]
        if not has:
            raise InputError(t("bptt.err.at_no_loss", t=at))
        if at not in has:
            raise InputError(t("bptt.err.at_no_target", t=at, token=ex.sentence[at - 1], steps=_ranges(has)))
    return ex, cell


def _ranges(steps: list[int]) -> str:
    """[1, 2, 3, 5] → "1–3, 5"."""
    out, start, prev = [], steps[0], steps[0]
    for s in steps[1:] + [None]:
        if s is not None and s == prev + 1:
            prev = s
            continue
        out.append(str(start) if start == prev else f"{start}–{prev}")
        if s is not None:
            start = prev = s
    return ", ".join(out)
