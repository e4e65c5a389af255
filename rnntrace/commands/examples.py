"""``rnntrace examples``: the built-in examples: each one's name and title, then its kind and the
commands that take it (train and generate for the one-layer next-word models, which are what they
take), wrapped to the terminal's width under a hanging indent."""
import click

from rnntrace.commands.options import CONTEXT_SETTINGS, lang_option
from rnntrace.i18n import get_lang, t

COMMANDS = {"cell": ("forward", "bptt"), "self-attention": ("attention",), "seq2seq": ("attention",)}


@click.command("examples", context_settings=CONTEXT_SETTINGS, help=t("help.examples"),
               short_help=t("help.examples.short"))
@lang_option
def command():
    import shutil
    import textwrap

    from rnntrace import examples

    names = examples.builtin_names()
    width = max(len(n) for n in names)
    columns = max(40, shutil.get_terminal_size((80, 24)).columns)
    for name in names:
        doc, _ = examples.read_document(name)
        kind = doc.get("kind", "cell")
        facts = doc.get("cell", "rnn") if kind == "cell" else kind
        title = doc.get("title_es" if get_lang() == "es" and "title_es" in doc else "title", name)
        uses = [(c, "") for c in COMMANDS.get(kind, ("forward", "bptt"))]
        if kind == "cell" and not examples.load(name).network:  # a one-layer next-word model: it trains
            uses += [("train", ""), ("generate", f" --start {doc['sentence'][0]}")]
        commands = ", ".join(f"rnntrace {c} -e {name}{extra}" for c, extra in uses)
        indent = " " * (width + 2)
        lines = ((f"{name.ljust(width)}  {title}", ""),
                 (t("help.examples.use", kind=facts, commands=commands), indent))
        for text, first in lines:
            click.echo(textwrap.fill(text, width=columns, initial_indent=first, subsequent_indent=indent,
                                     break_long_words=False, break_on_hyphens=False))
