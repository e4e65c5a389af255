"""``rnntrace train``."""
import click

from rnntrace.commands.network import network_options
from rnntrace.commands.options import CONTEXT_SETTINGS, TraceOptions, trace_options
from rnntrace.i18n import t

OPTIMIZERS = ("sgd", "adam")  # rnntrace.train.OPTIMIZERS, without importing numpy for --help


@click.command("train", context_settings=CONTEXT_SETTINGS, help=t("train.help"), short_help=t("train.help.short"),
               epilog=t("train.help.examples"))
@trace_options
@click.option("--epochs", type=int, default=100, show_default=True, help=t("train.opt.epochs"))
@click.option("--lr", type=float, default=0.1, show_default=True, help=t("train.opt.lr"))
@click.option("--optimizer", type=click.Choice(OPTIMIZERS), default="sgd", show_default=True,
              help=t("train.opt.optimizer"))
@click.option("--clip", type=float, metavar="C", help=t("train.opt.clip"))
@click.option("--trace-update", is_flag=True, help=t("train.opt.trace_update"))
@click.option("--save", metavar="FILE.toml", help=t("train.opt.save"))
@click.option("--compare", is_flag=True, help=t("train.opt.compare"))
@network_options
def command(opts: TraceOptions, epochs, lr, optimizer, clip, trace_update, save, compare, net):
    from rnntrace import train
    from rnntrace.errors import InputError
    from rnntrace.output import check_steps, emit

    o = train.Options(epochs=epochs, lr=lr, optimizer=optimizer, clip=clip, seed=opts.seed, cell=opts.cell,
                      gru_variant=opts.gru_variant)
    o.check()
    check_steps(opts.output.steps, 0)  # --t: training has no step to show in full (said before it runs)
    if compare:
        for flag, value in (("--cell", opts.cell), ("--save", save), ("--trace-update", trace_update or None)):
            if value is not None:
                raise InputError(t("train.err.compare_with", option=flag))
    if save is not None:
        _check_save(save)
    ex = opts.load_example()
    o.gru_variant = opts.gru_variant  # --gru-variant, else the example's own
    if opts.sentence is not None:  # --sentence: that sentence alone, not the file's corpus
        from dataclasses import replace

        ex = replace(ex, sentences=())
    if not compare:  # --compare trains a GRU, which takes --gru-variant
        opts.check_gru_variant(opts.cell or ex.cell, hint=t("errors.gru_variant_compare"))
    spec = None
    if net.wanted(ex):  # a network: an embedding, layers, two directions or another task
        from rnntrace.commands.network import _spec

        spec = _spec(opts, net, ex, "gru" if compare else opts.cell or ex.cell)
    with _progress(opts, epochs * (3 if compare else 1)) as progress:
        if compare:
            results = train.compare(ex, o, progress, spec)
        else:
            result = train.run(ex, o, trace_update=trace_update, progress=progress, spec=spec)
    if compare:
        def build(view):
            from rnntrace.present import train as present

            return present.build_compare(results, opts.precision, view)

        emit(opts.fmt, build, lambda: train.compare_document(results), trace=results)
        return
    if save is not None:
        from dataclasses import replace

        from rnntrace.output import write_atomic

        write_atomic(save, train.saved_text(result, train.command_line(opts.example, o if opts.variant_given else replace(o, gru_variant="lecture"), save,
                                                                 net.flags())))

    def build(view):
        from rnntrace.present import train as present

        return present.build(result, opts.convention, opts.precision, view, save)

    emit(opts.fmt, build, lambda: train.document(result, save), trace=result)


def _check_save(path: str) -> None:
    """--save must name a .toml file in a folder that exists (checked before any training)."""
    import os

    from rnntrace.errors import InputError

    if os.path.isdir(path):
        raise InputError(t("teach.export.is_dir", file=path))
    if not path.endswith(".toml"):
        raise InputError(t("train.err.save_ext", file=path))
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise InputError(t("train.err.save_folder", file=path, folder=os.path.dirname(path) or "."))


class _progress:
    """A rich progress bar (epoch, loss) on a terminal in the rich format; nothing otherwise (nor
    when the Python API runs the command: it prints nothing)."""

    def __init__(self, opts: TraceOptions, total: int):
        from rnntrace.api import CAPTURE_KEY
        from rnntrace.output import env

        self.on = (opts.fmt == "rich" and env.stdout_isatty
                   and CAPTURE_KEY not in click.get_current_context().meta)
        self.total = total
        self.done = 0

    def __enter__(self):
        if not self.on:
            return None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        from rnntrace.output import env

        self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("L = {task.fields[loss]}"), TimeRemainingColumn(),
                            console=Console(file=env.stdout, force_terminal=True, highlight=False), transient=True)
        self.bar.__enter__()
        self.task = self.bar.add_task(t("train.progress"), total=self.total, loss="—")
        return self.tick

    def tick(self, epoch: int, loss: float) -> None:
        self.done += 1
        if self.done % 10 == 0 or self.done == self.total:  # redrawing costs more than an epoch
            self.bar.update(self.task, completed=self.done, loss=f"{loss:.4g}")

    def __exit__(self, *exc):
        if self.on:
            self.bar.__exit__(*exc)
        return False
