"""``rnntrace examples``: the built-in examples, one line each."""
import click

from rnntrace.cli import CONTEXT_SETTINGS, lang_option
from rnntrace.i18n import get_lang, t


@click.command("examples", context_settings=CONTEXT_SETTINGS, help=t("help.examples"))
@lang_option
def command():
    from rnntrace import examples

    names = examples.builtin_names()
    width = max(len(n) for n in names)
    for name in names:
        doc, _ = examples.read_document(name)
        kind = doc.get("kind", "cell")
        facts = doc.get("cell", "rnn") if kind == "cell" else kind
        title = doc.get("title_es" if get_lang() == "es" and "title_es" in doc else "title", name)
        click.echo(f"{name.ljust(width)}  {title}  ({facts})")
