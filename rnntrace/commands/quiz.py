"""``rnntrace quiz``: the lecture's questions on the worked examples, one at a time, with the right
answer and a short explanation after each and a score at the end.

Answers come from the terminal, a pipe, or ``--answers FILE`` (one per line), so a quiz can be
scripted; when the answers do not come from a terminal each is echoed after its prompt, so the
transcript reads as a dialogue.
"""
import click

from rnntrace.commands.options import CONTEXT_SETTINGS, MAX_SEED, check_range, lang_option
from rnntrace.i18n import t, tn

HINTS = {"shape": "teach.quiz.hint.shape", "output_size": "teach.quiz.hint.size",
         "onehot_product": "teach.quiz.hint.numbers", "keep_gate": "teach.quiz.hint.choice",
         "attention_weight": "teach.quiz.hint.number"}


def read_answers(path: str) -> list[str]:
    import os

    from rnntrace.errors import InputError

    if os.path.isdir(path):
        raise InputError(t("teach.quiz.answers_dir", file=path))
    try:
        with open(path, encoding="utf-8") as f:
            return f.read().splitlines()
    except FileNotFoundError:
        raise InputError(t("teach.quiz.answers_missing", file=path)) from None
    except UnicodeDecodeError:
        raise InputError(t("teach.quiz.answers_utf8", file=path)) from None
    except OSError as e:
        raise InputError(t("teach.quiz.answers_unreadable", file=path, reason=e.strerror or type(e).__name__)) from None


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
@lang_option
def command(seed, count, answers):
    from rich.text import Text

    from rnntrace import quiz
    from rnntrace.output import env, make_console
    from rnntrace.render.matrix import Explanation, Paragraph

    check_range("--seed", seed, 0, MAX_SEED)
    check_range("--count", count, 1, quiz.MAX_COUNT)
    given = read_answers(answers) if answers is not None else None
    questions = quiz.draw(seed, count)
    console = make_console()
    echo = given is not None or not env.stdin_isatty  # the answer is not typed on this terminal
    n, right = len(questions), 0
    console.rule(Text(tn("teach.quiz.title", n, seed=seed), "bold"), align="left")
    for k, q in enumerate(questions, start=1):
        console.line()
        console.print(Text(t("teach.quiz.question", k=k, n=n), "bold cyan"))
        console.print(Paragraph(q.prompt))
        if q.shown:
            console.print(shown_grid(q.shown))
        for j, choice in enumerate(q.choices):
            console.print(Paragraph(choice, 2, f"{chr(ord('a') + j)}) "))
        console.print(Text(t(HINTS[q.kind]), "dim"))
        console.print(Text(t("teach.quiz.prompt"), "bold"), end="")
        console.file.flush()
        if given is not None:
            line = given[k - 1] if k - 1 < len(given) else None
        else:
            line = env.stdin.readline()
            line = line.rstrip("\r\n") if line else None
        if echo:
            console.print(Text(line if line is not None else "", "italic"), highlight=False)
        if line is None:
            console.print(Text(t("teach.quiz.unanswered", answer=q.answer), "yellow"))
        else:
            verdict = q.check(line)
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
