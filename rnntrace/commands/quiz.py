"""``rnntrace quiz``: the lecture's questions on the worked examples, one at a time, with the right
answer and a short explanation after each and a score at the end.

Answers come from the terminal, a pipe, or ``--answers FILE`` (one per line), so a quiz can be
scripted; when the answers do not come from a terminal each is echoed after its prompt, so the
transcript reads as a dialogue.
"""
import click

from rnntrace.commands.options import CONTEXT_SETTINGS, MAX_SEED, check_encoding, check_range, lang_option
from rnntrace.i18n import t, tn

TOPICS = ("forward", "bptt", "gates", "attention", "positional", "networks")  # quiz.TOPICS, without importing numpy for --help


MAX_ANSWERS_BYTES = 2**20


def read_answers(path: str) -> list[str]:
    """The lines of a regular file of at most MAX_ANSWERS_BYTES, with no control character."""
    from rnntrace.errors import InputError
    from rnntrace.safeio import control_char, read_text

    label = f"--answers {path}"
    lines = read_text(path, MAX_ANSWERS_BYTES, label).splitlines()
    for k, line in enumerate(lines, start=1):
        char = control_char(line)
        if char is not None:
            raise InputError(t("errors.answers_control_char", file=label, line=k, char=char))
    return lines


def shown_grid(shown):
    """The arrays a question gives, side by side as the traces draw them."""
    from rnntrace.notation import fmt_array
    from rnntrace.render.matrix import Block, BlockGrid, Indented, matrix_block

    blocks = []
    for item in shown:
        if item.labels:  # one number per word: the word above its number
            blocks += [Block(w, [c]) for w, c in zip(item.labels, fmt_array(item.value, 4)[0])]
        else:
            blocks.append(matrix_block(item.label, item.value, 4))
    return Indented(BlockGrid(blocks), 2)


@click.command("quiz", context_settings=CONTEXT_SETTINGS, help=t("help.quiz"), short_help=t("help.quiz.short"),
               epilog=t("help.quiz.examples"))
@click.option("--seed", type=int, default=0, show_default=True, help=t("help.opt.quiz_seed"))
@click.option("--count", "-n", type=int, default=5, show_default=True, help=t("help.opt.count"))
@click.option("--answers", metavar="FILE", help=t("help.opt.answers"))
@click.option("--topic", "topics", type=click.Choice(TOPICS), multiple=True, metavar="TOPIC",
              help=t("help.opt.topic", topics=", ".join(TOPICS)))
@click.option("--format", "fmt", type=click.Choice(("rich", "gift")), default="rich", show_default=True,
              help=t("help.opt.quiz_format"))
@lang_option
def command(seed, count, answers, topics, fmt):
    from rich.text import Text

    from rnntrace import quiz
    from rnntrace.output import env, make_console
    from rnntrace.render.matrix import Explanation, Paragraph, require_width
    from rnntrace.safeio import escape_controls

    check_range("--seed", seed, 0, MAX_SEED)
    check_range("--count", count, 1, quiz.MAX_COUNT)
    given = read_answers(answers) if answers is not None else None
    questions = quiz.draw(seed, count, tuple(topics) or None)
    if fmt == "gift":  # the questions and their answers for Moodle, nothing asked
        from rnntrace.worksheet import gift

        click.echo(gift(questions, seed), nl=False)
        return
    console = make_console()
    require_width(console.width)
    check_encoding(console.file, "errors.stdout_encoding.gift")
    echo = given is not None or not env.stdin_isatty  # the answer is not typed on this terminal
    n, right, used = len(questions), 0, 0  # used: answers read from --answers so far
    console.rule(Text(tn("teach.quiz.title", n, seed=seed), "bold"), align="left")
    for k, q in enumerate(questions, start=1):
        console.line()
        console.print(Text(t("teach.quiz.question", k=k, n=n), "bold cyan"))
        console.print(Paragraph(q.prompt))
        if q.shown:
            console.print(shown_grid(q.shown))
        for j, choice in enumerate(q.choices):
            console.print(Paragraph(choice, 2, f"{chr(ord('a') + j)}) "))
        console.print(Text(q.hint, "dim"))
        while True:  # an answer that cannot be read is asked for again, with the form it should take
            console.print(Text(t("teach.quiz.prompt"), "bold"), end="")
            console.file.flush()
            if given is not None:
                line = given[used] if used < len(given) else None
                used += 1
            else:
                line = env.stdin.readline()
                line = escape_controls(line.rstrip("\r\n")) if line else None  # shown as typed, never obeyed
            if echo:
                console.print(Text(line if line is not None else "", "italic"), highlight=False)
            verdict = q.check(line) if line is not None else None
            if verdict is None or verdict.readable or not line.strip():
                break
            note = f" ({verdict.note})" if verdict.note else ""
            console.print(Paragraph(t("teach.quiz.unreadable", note=note, hint=q.hint), 2, "", "yellow"))
        if line is None:
            console.print(Text(t("teach.quiz.unanswered", answer=q.answer), "yellow"))
        else:
            right += verdict.right
            if verdict.right:
                console.print(Text(t("teach.quiz.right", answer=q.answer), "bold green"))
            else:
                shown = line.strip() or t("teach.quiz.empty")
                console.print(Paragraph(t("teach.quiz.wrong", answer=q.answer, given=shown), style="bold red"))
                if verdict.note:
                    console.print(Paragraph(verdict.note, 2, "", "yellow"))
        console.print(Explanation(q.explanation, 0))
    console.line()
    console.rule(Text(t("teach.quiz.score", right=right, n=n), "bold"), align="left")
    console.print(Text(t("teach.quiz.more", seed=seed + 1 if seed < MAX_SEED else 0), "dim"))
