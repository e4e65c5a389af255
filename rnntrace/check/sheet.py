"""The file a student fills in for ``rnntrace check``: read it, validate it, write its template.

TOML (or JSON of the same shape)::

    [trace]                        # the trace the numbers follow
    command = "forward"            # or "bptt"
    example = "lecture"
    cell = "rnn"
    convention = "row"
    sentence = "I love recurrent neural"

    [t1]                           # forward values of step 1, named as the JSON's ``values``
    h = [0.2913, 0.1974, 0.0997]
    loss = 1.6378

    [backward.t4]                  # bptt: step 4 of the backward pass
    delta = [0.1, -0.2, 0.05]

A value still holding the template's ``"?"`` is blank (not checked). Numbers are read with the
decimals they were written with, which set the default tolerance.
"""
from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field

import numpy as np

from rnntrace.check.core import COMMANDS, DEFAULT_EXAMPLE, Answer, Plan, Slot, decimals_of
from rnntrace.choices import CELLS, CONVENTIONS, GRU_VARIANTS
from rnntrace.errors import InputError
from rnntrace.i18n import t
from rnntrace.notation import dims, shape, statement

BLANK = "?"
MAX_BYTES = 64 * 2**20


@dataclass
class Spec:
    """What a file says it follows (the ``[trace]`` table)."""

    command: str = "forward"
    example: str | None = None  # None: the command's default (core.DEFAULT_EXAMPLE)
    cell: str | None = None
    gru_variant: str | None = None  # None: the example's own (``Example.variant_for``)
    convention: str = "row"
    seed: int | None = None
    sentence: list[str] | None = None


@dataclass
class Sheet:
    spec: Spec
    tables: dict[tuple[str, int], dict] = field(default_factory=dict)  # (phase, t) -> {key: raw}


class Literal(str):
    """A number as the file wrote it (``0.2913``): its decimals set the default tolerance. Kept as
    text while parsing (a float made with its decimals at once doubled the time tomllib takes);
    a plain string (``"?"``, ``"0.5"``) is never a number."""

    __slots__ = ()


# ---- reading ---------------------------------------------------------------------------------------
def read(path: str) -> Sheet:
    """The check file at ``path``: a regular file of at most MAX_BYTES, UTF-8 (``safeio``); ``-``
    is standard input (a student's script piped in), read up to the same bound."""
    from rnntrace.safeio import read_text

    if path == "-":
        from rnntrace.output import env

        text = env.stdin.read(MAX_BYTES + 1)
        if len(text.encode("utf-8")) > MAX_BYTES:
            raise InputError(t("check.file.stdin_too_big", max=MAX_BYTES // 2**20))
    else:
        text = read_text(path, MAX_BYTES)
    if not text.strip():
        raise InputError(t("check.file.empty", file=path))
    return parse(text, path)


def parse(text: str, path: str) -> Sheet:
    if text.lstrip().startswith("{"):
        try:
            doc = json.loads(text, parse_float=Literal, parse_constant=Literal)
        except json.JSONDecodeError as e:
            raise InputError(t("check.file.not_toml_json", file=path, reason=f"JSON: {e}")) from None
        if not isinstance(doc, dict):
            raise InputError(t("check.file.not_toml_json", file=path, reason="JSON"))
    else:
        try:
            doc = tomllib.loads(text, parse_float=Literal)
        except tomllib.TOMLDecodeError as e:
            raise InputError(t("check.file.not_toml_json", file=path, reason=f"TOML: {e}")) from None
    return from_document(doc, path)


def _step_number(name: str) -> int | None:
    return int(name[1:]) if len(name) > 1 and name[0] == "t" and name[1:].isdigit() and name[1] != "0" else None


def _no_controls(doc: dict, path: str, where: str = "") -> None:
    """Every key, and every string of a table, free of control characters (what check says
    quotes them; strings inside a value's list are never quoted, only refused as not numbers)."""
    from rnntrace.safeio import control_char

    for k, v in doc.items():
        field = f"{where}.{k}" if where else str(k)
        for text in (k, v):
            if isinstance(text, str) and not isinstance(text, Literal) and control_char(text) is not None:
                raise InputError(t("errors.control_char", file=path, field=field.encode("unicode_escape").decode(),
                                   char=control_char(text)))
        if isinstance(v, dict):
            _no_controls(v, path, field)


def from_document(doc: dict, path: str) -> Sheet:
    _no_controls(doc, path)
    spec = _spec(doc.get("trace", {}), path)
    sheet = Sheet(spec)
    for name, table in doc.items():
        if name == "trace":
            continue
        if name == "attention":
            if not isinstance(table, dict):
                raise InputError(t("check.file.not_table", file=path, key=name))
            sheet.tables["attention", 1] = table
            continue
        if name == "backward":
            if not isinstance(table, dict):
                raise InputError(t("check.file.not_table", file=path, key=name))
            for sub, values in table.items():
                _add(sheet, "backward", sub, values, path, f"backward.{sub}")
            continue
        _add(sheet, "forward", name, table, path, name)
    if not sheet.tables:
        raise InputError(t("check.file.no_steps", file=path))
    return sheet


def _add(sheet: Sheet, phase: str, name: str, table, path: str, where: str) -> None:
    n = _step_number(name)
    if n is None:
        raise InputError(t("check.file.unknown_table", file=path, key=where))
    if not isinstance(table, dict):
        raise InputError(t("check.file.not_table", file=path, key=where))
    sheet.tables[phase, n] = table


def _spec(table, path: str) -> Spec:
    if not isinstance(table, dict):
        raise InputError(t("check.file.not_table", file=path, key="trace"))
    spec = Spec()
    choices = {"command": COMMANDS, "cell": CELLS, "gru_variant": GRU_VARIANTS, "convention": CONVENTIONS}
    for key, value in table.items():
        where = f"trace.{key}"
        if key in choices:
            if value not in choices[key]:
                raise InputError(t("check.file.bad_choice", file=path, key=where, choices=", ".join(choices[key])))
            setattr(spec, key, value)
        elif key == "example":
            if not isinstance(value, str) or not value:
                raise InputError(t("check.file.want_string", file=path, key=where))
            spec.example = value
        elif key == "sentence":
            if not isinstance(value, str) or not value.split():
                raise InputError(t("check.file.want_string", file=path, key=where))
            spec.sentence = value.split()
        elif key == "seed":
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**63:
                raise InputError(t("check.file.want_seed", file=path, key=where))
            spec.seed = value
        else:
            raise InputError(t("check.file.unknown_trace_key", file=path, key=where,
                               keys="command, example, cell, gru_variant, convention, seed, sentence"))
    return spec


# ---- matching the file to the trace ----------------------------------------------------------------
def expected_shape(slot: Slot, conv: str) -> str:
    """``a list of 3 numbers (1×3)``, ``a number``, ``5 lists of 3 numbers (5×3)``."""
    v = np.asarray(slot.value)
    shp = shape(v, conv)
    if v.ndim == 0:
        return t("check.shape.scalar")
    if v.ndim == 1:
        return t("check.shape.vector", n=v.size, shape=dims(shp))
    return t("check.shape.matrix", rows=shp[0], cols=shp[1], shape=dims(shp))


def _numbers(raw, slot: Slot, conv: str, path: str) -> Answer | None:
    """The answer for ``slot`` (row convention), None if blank; InputError on a wrong shape."""
    where = f"{slot.where}.{slot.key}"

    def bad():
        return InputError(t("check.file.bad_shape", file=path, key=where, want=expected_shape(slot, conv)))

    def flat(x):
        return [y for row in x for y in (row if isinstance(row, list) else [row])]

    items = flat(raw) if isinstance(raw, list) else [raw]
    if all(x == BLANK for x in items):
        return None
    for x in items:
        if isinstance(x, bool) or not isinstance(x, (int, Literal)):
            if x == BLANK:
                raise InputError(t("check.file.partly_blank", file=path, key=where))
            raise bad()
    if isinstance(raw, list) and any(isinstance(r, list) for r in raw) and \
            not all(isinstance(r, list) and len(r) == len(raw[0]) and not any(isinstance(x, list) for x in r)
                    for r in raw):
        raise bad()
    arr = np.array(_floats(raw), dtype=np.float64)
    want = np.asarray(slot.value)
    if want.ndim == 1 and arr.ndim == 2 and 1 in arr.shape:  # numpy's (1, n) or (n, 1) for a vector
        arr = arr.ravel()
    row_layout = arr.T if (conv == "column" and arr.ndim == 2) else arr
    written = [decimals_of(x) for x in items if isinstance(x, Literal)]
    d = max((x for x in written if x is not None), default=None)
    if row_layout.shape == want.shape:
        return Answer(row_layout, d)
    if want.ndim == 2 and row_layout.shape == want.shape[::-1]:
        return Answer(row_layout, d, transposed=True)
    raise bad()


def _floats(raw):
    """Nested lists of literals and integers as nested lists of floats."""
    if isinstance(raw, list):
        return [_floats(x) for x in raw]
    return float(raw.replace("_", "")) if isinstance(raw, Literal) else float(raw)


def answers(sheet: Sheet, plan: Plan, path: str) -> dict:
    """The file's values keyed (phase, t, key), checked against the trace's slots."""
    by_step: dict[tuple[str, int], dict[str, Slot]] = {}
    for s in plan.slots():
        by_step.setdefault((s.phase, s.t), {})[s.key] = s
    T = len(plan.forward)
    out = {}
    for (phase, n), table in sheet.tables.items():
        if phase == "backward" and plan.command != "bptt":
            raise InputError(t("check.file.backward_forward", file=path))
        if (phase == "attention") != (plan.command == "attention"):
            raise InputError(t("check.file.attention_table", file=path))
        if (phase, n) not in by_step:
            raise InputError(t("check.file.no_such_step", file=path, key=f"{'backward.' if phase == 'backward' else ''}t{n}",
                               T=T))
        slots = by_step[phase, n]
        for key, raw in table.items():
            if key not in slots:
                where = f"{next(iter(slots.values())).where}.{key}"
                raise InputError(t("check.file.unknown_key", file=path, key=where, keys=", ".join(slots)))
            ans = _numbers(raw, slots[key], plan.convention, path)
            if ans is not None:
                out[phase, n, key] = ans
    return out


# ---- the template ------------------------------------------------------------------------------------
def _toml_value(v, fill) -> str:
    if np.ndim(v) == 0:
        return fill(float(v))
    if np.ndim(v) == 1:
        return "[" + ", ".join(fill(float(x)) for x in v) + "]"
    return "[" + ", ".join(_toml_value(row, fill) for row in v) + "]"


def _blank(_x: float) -> str:
    return json.dumps(BLANK)


def _layout(slot: Slot, conv: str) -> np.ndarray:
    v = np.asarray(slot.value)
    return v.T if conv == "column" and v.ndim == 2 else v


def template(spec: Spec, plan: Plan, fmt: str = "toml", fill=None) -> str:
    """The file to fill in: ``[trace]`` as ``spec`` and the trace say, then every value of every
    step as ``"?"`` (``fill(x)``: each number written by ``fill`` instead, e.g. by a test)."""
    fill = fill or _blank
    trace = {"command": plan.command, "example": spec.example or DEFAULT_EXAMPLE[plan.command]}
    if plan.command != "attention":
        trace["cell"] = plan.cell
        if plan.cell_variant is not None:
            trace["gru_variant"] = plan.cell_variant
        trace["convention"] = plan.convention
    if spec.seed is not None:
        trace["seed"] = spec.seed
    if spec.sentence is not None:  # the example's own sentence keeps the example's own targets
        trace["sentence"] = " ".join(spec.sentence)
    steps: dict[str, list[Slot]] = {}
    for s in plan.slots():
        steps.setdefault(s.where, []).append(s)
    if fmt == "json":  # one value a line, as in the TOML
        def table(entries: list[str], indent: str) -> str:
            return "{\n" + ",\n".join(indent + " " + e for e in entries) + "\n" + indent + "}"

        def values(slots: list[Slot], indent: str) -> str:
            return table([f"{json.dumps(s.key)}: {_toml_value(_layout(s, plan.convention), fill)}" for s in slots], indent)

        top = [f'"trace": {json.dumps(trace, ensure_ascii=False)}']
        top += [f"{json.dumps(w)}: {values(sl, ' ')}" for w, sl in steps.items() if not w.startswith("backward.")]
        back = [f"{json.dumps(w.split('.')[1])}: {values(sl, '  ')}" for w, sl in steps.items() if w.startswith("backward.")]
        if back:
            top.append(f'"backward": {table(back, " ")}')
        return table(top, "") + "\n"
    lines = [f"# {t('check.template.head')}", f"# {t('check.template.blank', blank=BLANK)}", "", "[trace]"]
    lines += [f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in trace.items()]
    for where, slots in steps.items():
        step = plan.forward[slots[0].t - 1]
        title = _step_title(step) if slots[0].phase == "forward" else t(f"check.where.{slots[0].phase}", t=step.t)
        lines += ["", f"# {title}", f"[{where}]"]
        for s in slots:
            lines.append(f"{s.key} = {_toml_value(_layout(s, plan.convention), fill)}  # {_comment(s, plan, step)}")
    return "\n".join(lines) + "\n"


def _step_title(step) -> str:
    if step.target is None:
        return t("forward.step", t=step.t, token=step.token)
    return t("forward.step_target", t=step.t, token=step.token, target=step.target)


def _comment(slot: Slot, plan: Plan, step) -> str:
    shp = dims(shape(np.asarray(slot.value), plan.convention))
    if slot.key == "x":
        return f"x_t = onehot(“{step.token}”)  ({shp})"
    if slot.key == "loss":
        return f"L_t = −log p_t[“{step.target}”]"
    return f"{statement(slot.op, plan.convention)}  ({shp})"
