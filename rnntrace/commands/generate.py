"""``rnntrace generate``."""
import click

from rnntrace.commands.network import network_options
from rnntrace.commands.options import CONTEXT_SETTINGS, TraceOptions, trace_options
from rnntrace.i18n import t


@click.command("generate", context_settings=CONTEXT_SETTINGS, help=t("train.gen.help"),
               short_help=t("train.gen.help.short"), epilog=t("train.gen.help.examples"))
@trace_options
@click.option("--start", required=True, metavar="WORD", help=t("train.gen.opt.start"))
@click.option("--length", "-n", type=int, default=5, show_default=True, help=t("train.gen.opt.length"))
@click.option("--temperature", type=float, metavar="T", help=t("train.gen.opt.temperature"))
@network_options(refuse_bidirectional="train.gen.err.bidirectional")
def command(opts: TraceOptions, start, length, temperature, net):
    from rnntrace import generate
    from rnntrace.output import emit

    if opts.sentence is not None:
        from rnntrace.errors import InputError

        raise InputError(t("train.gen.err.sentence"))
    ex = opts.load_example()
    opts.check_gru_variant(opts.cell or ex.cell)
    if net.wanted(ex):  # a network: an embedding, stacked layers (not two directions, not tag or classify)
        from rnntrace.commands.network import _spec

        g = generate.run_network(ex, _spec(opts, net, ex, opts.cell or ex.cell), start, length, opts.seed,
                                 temperature)
    else:
        g = generate.run(ex, start, length, opts.cell, opts.gru_variant, opts.seed, temperature)

    def build(view):
        from rnntrace.present import generate as present

        return present.build(g, opts.convention, opts.precision, view)

    def document():
        if g.network:
            from rnntrace.render.network_json import document as network_document

            doc = network_document(g.trace, opts.convention)
        else:
            from rnntrace.render.jsondoc import forward_document

            doc = forward_document(g.trace, opts.convention)
        doc.update({"start": start, "length": length, "temperature": g.temperature,
                    "generated": g.picked, "argmax": g.argmax, "p_picked": g.p_picked, "text": g.text})
        return doc

    emit(opts.fmt, build, document, trace=g)
