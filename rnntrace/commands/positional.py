"""``rnntrace positional``: index, binary and sinusoidal position encodings, and their properties."""
import click

from rnntrace.commands.options import CONTEXT_SETTINGS, lang_option, output_options, precision_option
from rnntrace.i18n import t


@click.command("positional", context_settings=CONTEXT_SETTINGS, help=t("positional.help"),
               short_help=t("positional.help.short"), epilog=t("positional.help.examples"))
@click.option("--length", "-n", type=int, default=16, show_default=True, help=t("positional.help.opt.length"))
@click.option("--dim", "-d", type=int, default=4, show_default=True, help=t("positional.help.opt.dim"))
@precision_option
@output_options
@lang_option
def command(length, dim, precision, output):
    from rnntrace import positional
    from rnntrace.output import emit

    c = positional.compare(length, dim)

    def build(view):
        from rnntrace.present import positional as present

        return present.build(c, precision, view)

    def document():
        from rnntrace.render import attention_json

        return attention_json.positional_document(c)

    emit(output.fmt, build, document, trace=c)
