"""``rnntrace forward``."""
import click

from rnntrace.cli import CONTEXT_SETTINGS, TraceOptions, trace_options
from rnntrace.i18n import t


@click.command("forward", context_settings=CONTEXT_SETTINGS, help=t("help.forward"), short_help=t("help.forward.short"),
               epilog=t("help.forward.examples"))
@trace_options
def command(opts: TraceOptions):
    from rnntrace import forward
    from rnntrace.output import print_json, print_renderables

    tr = forward.run(opts.load_example(), cell=opts.cell, gru_variant=opts.gru_variant, seed=opts.seed)
    if opts.fmt == "json":
        from rnntrace.render.jsondoc import forward_document

        print_json(forward_document(tr, opts.convention))
    else:
        from rnntrace.render import forward_rich

        print_renderables(forward_rich.render(tr, opts.convention, opts.precision))
