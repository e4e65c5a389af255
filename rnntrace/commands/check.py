"""``rnntrace check FILE`` and ``rnntrace check --template``."""
import functools
import sys

import click

from rnntrace.choices import CELLS, CONVENTIONS
from rnntrace.commands.options import CONTEXT_SETTINGS, MAX_SEED, check_encoding, check_range, gru_variant_option, lang_option
from rnntrace.i18n import t

TEMPLATE_ONLY = ("--command", "--example", "--sentence", "--cell", "--gru-variant", "--convention", "--seed")


def example_options(f, example: str | None = "lecture", example_help: str = "help.opt.example"):
    """The trace a file or a sheet follows: --example, --sentence, --cell, --gru-variant,
    --convention, --seed (as the tracing commands take them; check --template and worksheet)."""
    for option in reversed((
            click.option("--example", "-e", default=example, show_default=example is not None, metavar="NAME|FILE",
                         help=t(example_help)),
            click.option("--sentence", "-s", metavar='"W1 W2 …"', help=t("help.opt.sentence")),
            click.option("--cell", "-c", type=click.Choice(CELLS), help=t("help.opt.cell")),
            gru_variant_option,
            click.option("--convention", type=click.Choice(CONVENTIONS), default="row", show_default=True,
                         help=t("help.opt.convention")),
            click.option("--seed", type=int, help=t("help.opt.seed")))):
        f = option(f)
    return f


@click.command("check", context_settings=CONTEXT_SETTINGS, help=t("help.check"), short_help=t("help.check.short"),
               epilog=t("help.check.examples"))
@click.argument("file", required=False, metavar="[FILE]")
@click.option("--template", is_flag=True, help=t("help.opt.template"))
@click.option("--command", "command_name", type=click.Choice(("forward", "bptt", "attention")), default="forward",
              show_default=True, help=t("help.opt.check_command"))
@functools.partial(example_options, example=None, example_help="help.opt.check_example")
@click.option("--tol", type=float, metavar="X", help=t("help.opt.tol"))
@click.option("--format", "fmt", type=click.Choice(("rich", "json")), default="rich", show_default=True,
              help=t("help.opt.check_format"))
@click.option("--explain", is_flag=True, help=t("help.opt.check_explain"))
@lang_option
def command(file, template, command_name, example, sentence, cell, gru_variant, convention, seed, tol, fmt, explain):
    from rnntrace.errors import InputError

    ctx = click.get_current_context()
    given = [o for o, p in zip(TEMPLATE_ONLY, ("command_name", "example", "sentence", "cell", "gru_variant",
                                               "convention", "seed"))
             if ctx.get_parameter_source(p) == click.core.ParameterSource.COMMANDLINE]
    check_range("--seed", seed, 0, MAX_SEED)
    if tol is not None and not tol >= 0:
        raise InputError(t("check.option.tol", value=tol))
    if template and file is not None:
        raise InputError(t("check.option.template_file"))
    if not template and file is None:
        raise InputError(t("check.option.no_file"))
    if not template and given:
        raise InputError(t("check.option.template_only", option=given[0]))
    cell_only = [o for o in ("--cell", "--gru-variant", "--convention") if o in given]
    if command_name == "attention" and cell_only:
        raise InputError(t("check.option.not_attention", option=cell_only[0]))

    from rnntrace.check import core, sheet

    if not template and fmt == "rich":  # a console too narrow for whole numbers: said before any work
        from rnntrace.output import make_console
        from rnntrace.render.matrix import require_width

        console = make_console()
        require_width(console.width)
        check_encoding(console.file, "errors.stdout_encoding.json")
    if template:
        spec = sheet.Spec(command_name, example, cell, gru_variant, convention, seed,
                          sentence.split() if sentence is not None else None)
        if spec.sentence == []:
            raise InputError(t("errors.empty_sentence", where="--sentence"))
        plan = _plan(spec, None)
        text = sheet.template(spec, plan, "json" if fmt == "json" else "toml")
        size = len(text.encode("utf-8"))
        if size > sheet.MAX_BYTES:  # check could not read it back
            raise InputError(t("check.template.too_big", size=-(-size // 2**20), max=sheet.MAX_BYTES // 2**20))
        click.echo(text, nl=False)
        return
    doc = sheet.read(file)
    plan = _plan(doc.spec, file)
    result = core.run(plan, sheet.answers(doc, plan, file), tol)
    from rnntrace.check import view

    if fmt == "json":
        from rnntrace.output import print_json

        print_json(view.document(result, file, tol, doc.spec))
    else:
        from rnntrace.output import print_renderables

        print_renderables(view.renderables(result, file, tol, doc.spec.example, explain))
    sys.exit(0 if result.agree else 1)


def _plan(spec, where: str | None):
    """The trace ``spec`` names (``where``: the check file it comes from; None for --template);
    bptt only as far as it is traced step by step."""
    from rnntrace import bptt, examples
    from rnntrace.check import core
    from rnntrace.errors import InputError

    if spec.command == "bptt":
        example = spec.example or core.DEFAULT_EXAMPLE["bptt"]
        n = len(spec.sentence) if spec.sentence is not None else len(examples.load(example).sentence)
        if n > bptt.DETAIL_MAX:
            raise InputError(t("check.file.long_bptt", file=where or "--template", max=bptt.DETAIL_MAX, T=n))
    return core.build_plan(spec, source=where)
