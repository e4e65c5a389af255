"""``rnntrace worksheet``: a sheet to fill in and its answer key, per student."""
import re

import click

from rnntrace.commands.options import CONTEXT_SETTINGS, MAX_SEED, check_range, lang_option
from rnntrace.commands.check import example_options
from rnntrace.i18n import t

SHEET_FORMATS = ("markdown", "latex", "html")  # worksheet.FORMATS, without importing numpy for --help
STUDENT_ID = re.compile(r"^[\w.-]{1,64}$")  # letters and digits of any script (Begoña, Łukasz)


@click.command("worksheet", context_settings=CONTEXT_SETTINGS, help=t("help.worksheet"),
               short_help=t("help.worksheet.short"), epilog=t("help.worksheet.examples"))
@click.option("--blank", "-b", default="h,p,loss", show_default=True, metavar="KEY,KEY…", help=t("help.opt.blank"))
@click.option("--student", "students", multiple=True, metavar="ID", help=t("help.opt.student"))
@click.option("--count", "-n", type=int, help=t("help.opt.sheet_count"))
@click.option("--format", "fmt", type=click.Choice(SHEET_FORMATS), default="markdown", show_default=True,
              help=t("help.opt.sheet_format"))
@click.option("--key", is_flag=True, help=t("help.opt.key"))
@click.option("--out", metavar="DIR", help=t("help.opt.out"))
@click.option("--explain", is_flag=True, help=t("help.opt.sheet_explain"))
@click.option("--command", "command_name", type=click.Choice(("forward", "bptt")), help=t("help.opt.sheet_command"))
@example_options
@lang_option
def command(blank, students, count, fmt, key, out, explain, command_name, example, sentence, cell, gru_variant,
            convention, seed):
    import os
    import unicodedata

    from rnntrace import worksheet
    from rnntrace.check.sheet import Spec
    from rnntrace.errors import InputError
    from rnntrace.output import write_atomic

    check_range("--seed", seed, 0, MAX_SEED)
    check_range("--count", count, 1, worksheet.MAX_STUDENTS)
    if students and count is not None:
        raise InputError(t("check.sheet.students_and_count"))
    # one spelling of an ID, however it was typed (ñ as one character or as n and a tilde): the
    # same seed and the same file names
    students = tuple(unicodedata.normalize("NFC", s) for s in students)
    for s in students:
        if not STUDENT_ID.fullmatch(s):
            raise InputError(t("check.sheet.bad_student", student=repr(s)[1:-1]))  # a newline as \n: one line
    ids = list(students) or ([f"{k:0{len(str(count))}d}" for k in range(1, count + 1)] if count else [None])
    if len(ids) > 1 and out is None:
        raise InputError(t("check.sheet.need_out", n=len(ids)))
    if out is not None and os.path.exists(out) and not os.path.isdir(out):
        raise InputError(t("check.sheet.out_not_dir", dir=out))
    words = sentence.split() if sentence is not None else None
    if words == []:
        raise InputError(t("errors.empty_sentence", where="--sentence"))
    blanks = tuple(b.strip() for b in blank.split(",") if b.strip())
    spec = Spec(command_name or "forward", example, cell, gru_variant, convention, seed, words)
    # the default blanks are what the sentence has: a sentence with no target has no loss
    given = click.get_current_context().get_parameter_source("blank") != click.core.ParameterSource.DEFAULT
    sheets = [worksheet.build(spec, blanks, student, auto=command_name is None, explain=explain, optional=not given)
              for student in ids]
    if out is None:
        click.echo(worksheet.render(sheets[0], fmt, key), nl=False)
        return
    os.makedirs(out, exist_ok=True)
    ext = worksheet.EXTENSIONS[fmt]
    names = []
    for student, sheet in zip(ids, sheets):
        stem = student if student is not None else "worksheet"
        for is_key, suffix in ((False, ""), (True, "-key")):
            path = os.path.join(out, f"{stem}{suffix}{ext}")
            write_atomic(path, worksheet.render(sheet, fmt, is_key))
            names.append(os.path.basename(path))
    click.echo(t("check.sheet.written", n=len(names), dir=out, first=names[0], last=names[-1]))
