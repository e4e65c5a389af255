"""``rnntrace attention``: self-attention (default) or encoder–decoder attention, traced."""
import click

from rnntrace.commands.options import (CONTEXT_SETTINGS, MAX_SEED, check_range, lang_option, output_options,
                                       precision_option)
from rnntrace.errors import InputError
from rnntrace.i18n import t

MODES = ("self", "seq2seq")
MASKS = ("none", "causal")
SCORES = ("dot", "general", "additive")
DEFAULT_LR, MAX_LR, MAX_TRAIN = 0.01, 10.0, 100_000
DECODES = ("teacher", "greedy")


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
@click.option("--score", type=click.Choice(SCORES), help=t("attention.help.opt.score"))
@click.option("--score-size", type=int, metavar="D_A", help=t("attention.help.opt.score_size"))
@click.option("--decode", type=click.Choice(DECODES), help=t("attention.help.opt.decode"))
@click.option("--backward", is_flag=True, help=t("attention.help.opt.backward"))
@click.option("--labels", metavar='"W1 W2 …"', help=t("attention.help.opt.labels"))
@click.option("--train", "train_steps", type=int, metavar="STEPS", help=t("attention.help.opt.train"))
@click.option("--lr", type=float, help=t("attention.help.opt.lr"))
@click.option("--block", is_flag=True, help=t("attention.help.opt.block"))
@click.option("--seed", type=int, help=t("help.opt.seed"))
@precision_option
@output_options
@lang_option
def command(mode, example, sentence, mask, heads, dk, no_scale, feed_context, score, score_size, decode,
            backward, labels, train_steps, lr, block, seed, precision, output):
    from rnntrace import attention_examples as ae, attention_trace
    from rnntrace.output import emit

    check_range("--seed", seed, 0, MAX_SEED)
    if mode is None:
        mode = "seq2seq" if example is not None and ae.kind_of(example) == ae.SEQ2SEQ else "self"
    _check_options(mode, locals())
    ex = ae.load(example or ae.DEFAULT[mode], mode)
    if sentence is not None:
        ex = ex.with_sentence(sentence if mode == "seq2seq" else sentence.split())
    if labels is not None:
        ex = ex.with_labels(labels.split())

    if backward or block:
        kind = "backward" if backward else "block"
        tr = (attention_trace.run_backward(ex, d_k=dk, scale=not no_scale, causal=mask == "causal", seed=seed,
                                           train_steps=train_steps, lr=DEFAULT_LR if lr is None else lr)
              if backward else attention_trace.run_block(ex, heads=1 if heads is None else heads, seed=seed))

        def build_more(view):
            import importlib

            present = importlib.import_module(f"rnntrace.present.attention_{kind}")
            return getattr(present, f"build_{kind}")(tr, precision, view)

        def more_document():
            from rnntrace.render import attention_json

            return getattr(attention_json, f"{kind}_document")(tr)

        emit(output.fmt, build_more, more_document, trace=tr)
        return
    if mode == "self":
        tr = attention_trace.run_self(ex, heads=1 if heads is None else heads, d_k=dk, scale=not no_scale,
                                      causal=mask == "causal", seed=seed)
    else:
        tr = attention_trace.run_seq2seq(ex, seed=seed, feed_context=feed_context, score=score or "dot",
                                         score_size=score_size, decode=decode or "teacher")

    def build(view):
        from rnntrace.present import attention as present

        return (present.build_self if mode == "self" else present.build_seq2seq)(tr, precision, view)

    def document():
        from rnntrace.render import attention_json

        return (attention_json.self_document if mode == "self" else attention_json.seq2seq_document)(tr)

    emit(output.fmt, build, document, trace=tr)


def _check_options(mode: str, given: dict) -> None:
    """Each option where it applies: one line and exit 2 otherwise."""
    if mode == "seq2seq":
        for option, key in (("--mask", "mask"), ("--heads", "heads"), ("--dk", "dk"), ("--no-scale", "no_scale"),
                            ("--backward", "backward"), ("--labels", "labels"), ("--block", "block"),
                            ("--train", "train_steps"), ("--lr", "lr")):
            if given[key]:
                raise InputError(t("attention.self_only", option=option))
        if given["score_size"] is not None and given["score"] != "additive":
            raise InputError(t("attention.score_size_only"))
        return
    if given["decode"] is not None:
        raise InputError(t("attention.greedy_self"))
    if given["feed_context"]:
        raise InputError(t("attention.seq2seq_only", option="--feed-context"))
    for option, key in (("--score", "score"), ("--score-size", "score_size")):
        if given[key] is not None:
            raise InputError(t("attention.score_seq2seq", option=option))
    if given["backward"] and given["block"]:
        raise InputError(t("attention.one_of", a="--backward", b="--block"))
    if given["backward"] and given["heads"] not in (None, 1):
        raise InputError(t("attention.backward_heads", heads=given["heads"]))
    if given["labels"] is not None and not given["backward"]:
        raise InputError(t("attention.labels_backward"))
    if (given["train_steps"] is not None or given["lr"] is not None) and not given["backward"]:
        raise InputError(t("attention.train_backward"))
    if given["train_steps"] is not None and not 1 <= given["train_steps"] <= MAX_TRAIN:
        raise InputError(t("attention.bad_train", value=given["train_steps"], max=MAX_TRAIN))
    if given["lr"] is not None and not 0 < given["lr"] <= MAX_LR:
        raise InputError(t("attention.bad_lr", value=given["lr"], max=MAX_LR))
    if given["block"]:
        for option, key in (("--mask", "mask"), ("--dk", "dk"), ("--no-scale", "no_scale")):
            if given[key]:
                raise InputError(t("attention.block_options", option=option))
