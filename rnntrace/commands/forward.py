"""``rnntrace forward``."""
import click

from rnntrace.commands.options import CONTEXT_SETTINGS, TraceOptions, trace_options
from rnntrace.i18n import t


@click.command("forward", context_settings=CONTEXT_SETTINGS, help=t("help.forward"), short_help=t("help.forward.short"),
               epilog=t("help.forward.examples"))
@trace_options
def command(opts: TraceOptions):
    from rnntrace import forward
    from rnntrace.output import emit

    ex = opts.load_example()
    opts.check_gru_variant(opts.cell or ex.cell)
    tr = forward.run(ex, cell=opts.cell, gru_variant=opts.gru_variant, seed=opts.seed)

    def build(view):
        from rnntrace.present import forward as present

        return present.build(tr, opts.convention, opts.precision, view)

    def document():
        from rnntrace.render.jsondoc import forward_document

        return forward_document(tr, opts.convention)

    emit(opts.fmt, build, document, trace=tr)
