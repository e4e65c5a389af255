"""``rnntrace attention``: self-attention (default) or encoder–decoder attention, traced."""
import click

from rnntrace.commands.options import (CONTEXT_SETTINGS, MAX_SEED, check_range, lang_option, output_options,
                                       precision_option)
from rnntrace.errors import InputError
from rnntrace.i18n import t

MODES = ("self", "seq2seq")
MASKS = ("none", "causal")


@click.command("attention", context_settings=CONTEXT_SETTINGS, help=t("attention.help"),
               short_help=t("attention.help.short"), epilog=t("attention.help.examples"))
@click.option("--mode", "-m", type=click.Choice(MODES), help=t("attention.help.opt.mode"))
@click.option("--example", "-e", metavar="NAME|FILE", help=t("attention.help.opt.example"))
@click.option("--sentence", "-s", metavar='"W1 W2 …"', help=t("attention.help.opt.sentence"))
@click.option("--mask", type=click.Choice(MASKS), help=t("attention.help.opt.mask"))
@click.option("--heads", type=int, help=t("attention.help.opt.heads"))
@click.option("--dk", type=int, help=t("attention.help.opt.dk"))
@click.option("--no-scale", is_flag=True, help=t("attention.help.opt.no_scale"))
@click.option("--feed-context", is_flag=True, help=t("attention.help.opt.feed_context"))
@click.option("--seed", type=int, help=t("help.opt.seed"))
@precision_option
@output_options
@lang_option
def command(mode, example, sentence, mask, heads, dk, no_scale, feed_context, seed, precision, output):
    from rnntrace import attention_examples as ae, attention_trace
    from rnntrace.output import emit

    check_range("--seed", seed, 0, MAX_SEED)
    if mode is None:
        mode = "seq2seq" if example is not None and ae.kind_of(example) == ae.SEQ2SEQ else "self"
    if mode == "seq2seq":
        for option, given in (("--mask", mask), ("--heads", heads), ("--dk", dk), ("--no-scale", no_scale or None)):
            if given is not None:
                raise InputError(t("attention.self_only", option=option))
    elif feed_context:
        raise InputError(t("attention.seq2seq_only", option="--feed-context"))
    ex = ae.load(example or ae.DEFAULT[mode], mode)
    if sentence is not None:
        ex = ex.with_sentence(sentence if mode == "seq2seq" else sentence.split())

    if mode == "self":
        tr = attention_trace.run_self(ex, heads=1 if heads is None else heads, d_k=dk, scale=not no_scale,
                                      causal=mask == "causal", seed=seed)
    else:
        tr = attention_trace.run_seq2seq(ex, seed=seed, feed_context=feed_context)

    def build(view):
        from rnntrace.present import attention as present

        return (present.build_self if mode == "self" else present.build_seq2seq)(tr, precision, view)

    def document():
        from rnntrace.render import attention_json

        return (attention_json.self_document if mode == "self" else attention_json.seq2seq_document)(tr)

    emit(output.fmt, build, document, trace=tr)
