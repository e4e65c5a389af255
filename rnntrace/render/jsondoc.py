"""Trace → strict JSON-ready dict: float64 at full precision, no NaN/inf.

A non-finite number is written as null and named (by its path) in the document's ``warnings``.
An array of finite floats stays a numpy array in the dict (``dumps`` writes all of them at once,
``rnntrace.render.floattext``); ``plain`` turns a document into lists and floats only.
"""
from __future__ import annotations

import contextlib
import gc
import math
import sys
from itertools import chain, repeat

import numpy as np

from rnntrace.i18n import t
from rnntrace.notation import shape_line, statement
from rnntrace.trace import ForwardTrace


@contextlib.contextmanager
def gc_paused():
    """Python's cycle collector off while a document of plain dicts and lists (no cycles) is
    built or written: 10,000 steps make hundreds of thousands of containers, and the collector
    would walk them again and again (half the time of building the document)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def jsonable(obj, path: str, warnings: list[str]):
    """Convert numpy arrays and floats recursively; non-finite floats become None (+ a warning).
    An array of finite floats stays an array (float64)."""
    if isinstance(obj, np.ndarray):
        if obj.dtype.kind == "f" and obj.ndim and np.isfinite(obj).all():
            return np.asarray(obj, dtype=np.float64)  # every entry finite: nothing to look at one by one
        return jsonable(obj.tolist(), path, warnings)
    if isinstance(obj, (np.floating, float)):
        x = float(obj)
        if not math.isfinite(x):
            warnings.append(t("common.json_nonfinite", path=path, value=x))
            return None
        return x
    if isinstance(obj, (np.integer,)):
        return int(obj)
    if isinstance(obj, dict):
        return {k: jsonable(v, f"{path}.{k}", warnings) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [jsonable(v, f"{path}[{i}]", warnings) for i, v in enumerate(obj)]
    return obj


def _finite(values: dict) -> dict:
    """``jsonable`` for a step's values that hold no inf or nan (``Step.nonfinite`` is empty):
    the same arrays and floats, without looking at every number (10,000 steps are common)."""
    return {k: finite(v) if isinstance(v, (np.ndarray, np.floating)) else v for k, v in values.items()}


def finite(v):
    """An array known to hold no inf or nan as ``jsonable`` gives it, without looking at it."""
    return v if v.__class__ is np.ndarray and v.ndim else v.tolist()


class Records:
    """A list of JSON objects with the same keys, held key by key: each column a list (one value
    an object), a float64 array whose row i is object i's value (finite), Records (nested
    objects) or RecordLists (a list of nested objects). ``dumps`` writes one object a line with every column written at once; ``plain``
    gives the list of dicts."""

    def __init__(self, columns: dict):
        self.columns = columns

    def rows(self) -> list[dict]:
        cols = [c.rows() if isinstance(c, (Records, RecordLists)) else list(c) for c in self.columns.values()]
        return [dict(zip(self.columns, values)) for values in zip(*cols)]

    def text(self, encode, sep: str) -> str:
        """The objects' JSON texts (as ``encode``, json's with separators "," and ":", writes
        them) joined by ``sep``."""
        parts = self._parts(encode)
        parts[-1] += sep
        text = "".join(chain.from_iterable(zip(*(repeat(p) if isinstance(p, str) else p for p in parts))))
        return text[:-len(sep)] if sep else text

    def _parts(self, encode) -> list:
        """The text of every object as a list of parts: a string (the same in every object: keys,
        braces) or a list (one text an object: a column's values)."""
        parts: list = []
        for i, (k, c) in enumerate(self.columns.items()):
            inner = c._parts(encode) if isinstance(c, (Records, RecordLists)) else [_column(c, encode)]
            for p in [("{" if i == 0 else ",") + encode(_key(k)) + ":"] + inner:
                if isinstance(p, str) and parts and isinstance(parts[-1], str):
                    parts[-1] += p
                else:
                    parts.append(p)
        if isinstance(parts[-1], str):
            parts[-1] += "}"
        else:
            parts.append("}")
        return parts


class RecordLists:
    """A column of ``Records`` whose value in every object is a list of the same length: item j
    of object i's list is object i of ``records[j]`` (a network's layers, step by step)."""

    def __init__(self, records: list[Records]):
        self.records = records

    def rows(self) -> list[list[dict]]:
        return [list(items) for items in zip(*(r.rows() for r in self.records))]

    def _parts(self, encode) -> list:
        parts: list = ["["]
        for j, r in enumerate(self.records):
            parts += ([","] if j else []) + r._parts(encode)
        parts.append("]")
        merged: list = []  # neighbouring strings joined, as Records._parts leaves them
        for p in parts:
            if isinstance(p, str) and merged and isinstance(merged[-1], str):
                merged[-1] += p
            else:
                merged.append(p)
        return merged


def _column(c, encode) -> list[str]:
    """The JSON text of each value of a column of ``Records``: floats (and None) written at once."""
    from rnntrace.render.floattext import rows_text

    if isinstance(c, np.ndarray):
        return rows_text(c)
    kinds = set(map(type, c))
    if kinds <= {int}:
        return list(map(int.__repr__, c))
    if kinds <= {str, type(None)}:
        from json.encoder import encode_basestring  # what the line encoder writes strings with

        text = {v: "null" if v is None else encode_basestring(v) for v in set(c)}
        return list(map(text.__getitem__, c))
    if kinds == {list} and not any(c):
        return ["[]"] * len(c)
    if kinds == {float}:
        return rows_text(np.array(c, dtype=np.float64))
    if float in kinds and kinds <= {float, type(None)}:
        floats = [i for i, v in enumerate(c) if v is not None]
        out = ["null"] * len(c)
        for i, text in zip(floats, rows_text(np.array([c[i] for i in floats], dtype=np.float64))):
            out[i] = text
        return out
    return list(map(encode, c))


def plain(doc):
    """The document as lists, dicts, strings, numbers: its arrays as nested lists of floats."""
    if isinstance(doc, np.ndarray):
        return doc.tolist()
    if isinstance(doc, (Records, RecordLists)):
        return plain(doc.rows())
    if isinstance(doc, dict):
        return {k: plain(v) for k, v in doc.items()}
    if isinstance(doc, (list, tuple)):
        return [plain(v) for v in doc]
    return doc


def op_entries(ops, conv: str, where: str, warnings: list[str]) -> list[dict]:
    """Each op as {expr, shapes, value}: the statement as the trace writes it, its shape line, and
    its value laid out as the shape line says (a matrix transposed in the column convention;
    vectors flat; a non-finite entry null and named in ``warnings``)."""
    def shown(v):
        v = np.asarray(v)
        return v.T if conv == "column" and v.ndim == 2 else v

    return [{"expr": statement(op, conv), "shapes": shape_line(op, conv),
             "value": jsonable(shown(op.value), f"{where}.ops[{k}].value", warnings)} for k, op in enumerate(ops)]


def cell_fields(cell: str, gru_variant: str, activation: str) -> dict:
    """``cell``, then what qualifies it: the GRU's variant, the Elman cell's activation."""
    from rnntrace.cells import make

    return {"cell": cell, **make(cell, gru_variant, activation).qualifiers()}


def forward_document(tr: ForwardTrace, conv: str = "row", figures: bool = True, steps: Records | None = None) -> dict:
    """The ``rnntrace forward`` JSON document (see the README for every field). ``figures``: each
    step also gives ``p_prediction`` and ``p_target`` (the probabilities the view shows; ``bptt``
    gives its own figures under ``analysis``). ``steps``: the steps already as ``Records``
    (bptt's, from its stacked values), written instead of ``tr.steps``."""
    warnings: list[str] = []
    doc: dict = {"command": tr.command, **cell_fields(tr.cell, tr.gru_variant, tr.activation)}
    doc.update({
        "convention": conv,
        "example": tr.example,
        "vocab": tr.vocab,
        "hidden_size": tr.hidden_size,
        "seed": tr.seed,
        "drawn": tr.drawn,
        "unused": tr.unused,
        "params": jsonable(tr.params, "params", warnings),
    })
    rows = []
    for s in tr.steps if steps is None else ():
        where = f"steps[{s.t - 1}]"
        rows.append({
            "t": s.t, "token": s.token, "target": s.target, "prediction": s.prediction,
            "values": jsonable(s.values, f"{where}.values", warnings) if s.nonfinite else _finite(s.values),
            "ops": op_entries(s.ops, conv, where, warnings),
        })
        if figures:
            rows[-1]["p_prediction"] = jsonable(s.p_prediction, f"{where}.p_prediction", warnings)
            rows[-1]["p_target"] = jsonable(s.p_target, f"{where}.p_target", warnings)
    doc["steps"] = rows if steps is None else steps
    doc["loss"] = jsonable(tr.loss, "loss", warnings)
    k = tr.kept
    doc["kept"] = None if k is None else {
        "gate": k.gate, "state": k.state, "threshold": k.threshold, "from_t": k.start, "to_t": k.end,
        "units": k.units, "min_gate": k.min_gate, "kept": k.kept, "before": k.before, "after": k.after}
    doc["warnings"] = warnings
    return doc


def dumps(doc) -> str:
    """The JSON text of ``doc``, with the keys and values of ``json.dumps(plain(doc), indent=1)``
    but other line breaks: objects one key a line, indented one space per level; a list of plain
    values (a vector, a matrix, a sentence) on one line; a list of objects (steps, Jacobians,
    norms) one object a line. One line is one call of json's C encoder, instead of its indenting
    encoder in Python, which wrote one number a line (10,000 steps: 12.5 MB, 3 s). ``doc`` holds
    no inf or nan (``jsonable`` made them null). Its arrays (finite float64) are written
    together afterwards (``floattext``): the encoder leaves a mark where each goes."""
    if sys.byteorder != "little":  # floattext lays its bytes out in little-endian words
        doc = plain(doc)
    arrays: list[np.ndarray] = []
    line = _line_encoder(arrays)

    out: list[str] = []
    marked: list[int] = []  # the pieces of ``out`` that hold a mark

    def write(text: str, before: int) -> None:
        if len(arrays) != before:
            marked.append(len(out))
        out.append(text)

    def walk(x, pad: str) -> None:
        n = len(arrays)
        if isinstance(x, dict) and x:
            inner, sep = pad + " ", "{\n"
            for k, v in x.items():
                out.append(sep + inner + line(_key(k)) + ": ")
                sep = ",\n"
                walk(v, inner)
            out.append("\n" + pad + "}")
        elif isinstance(x, (list, tuple)) and x and not _plain(x):
            inner = pad + " "
            write("[\n" + inner + (",\n" + inner).join(map(line, x)) + "\n" + pad + "]", n)
        elif isinstance(x, Records):
            inner = pad + " "
            text = x.text(line, ",\n" + inner)  # 10,000 lines: written apart, not copied again
            out.append("[\n" + inner if text else "[")
            write(text, n)
            out.append("\n" + pad + "]" if text else "]")
        else:
            write(line(x), n)

    with gc_paused():
        walk(doc, "")
        if arrays:
            from rnntrace.render.floattext import arrays_text

            texts = iter(arrays_text(arrays, _line_encoder([])))
            found = 0
            for i in marked:
                parts = out[i].split(_MARK)
                found += len(parts) - 1
                out[i] = "".join(chain.from_iterable(zip(parts[:-1], texts))) + parts[-1]
            if found != len(arrays):  # a string of the document is the mark itself
                return dumps(plain(doc))
        return "".join(out)


_SCALARS = (str, int, float, type(None))
_MARK = '"\\u0000"'  # how the encoder writes the string "\0" it is given for an array


def _line_encoder(arrays: list):
    """``json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode``:
    the same text, from json's C encoder made once (``encode`` makes a new one at every call,
    and 10,000 steps are 40,000 calls). An array (any object json does not know) goes to
    ``arrays`` and is written as ``_MARK``."""
    import json
    from json import encoder

    def default(o):  # arrays_text checks that o is an array
        if o.__class__ is Records:  # inside a line: as its objects
            return plain(o)
        arrays.append(o)
        return "\0"

    if encoder.c_make_encoder is None:  # a Python without json's C accelerator
        return json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":"), default=default).encode

    make = encoder.c_make_encoder(None, default, encoder.encode_basestring, None, ":", ",", False, False, False)
    join = "".join
    return lambda x: join(make(x, 0))


def _key(k) -> str:
    """A key as json writes it: non-strings become their JSON text (1 → "1", True → "true")."""
    if isinstance(k, str):
        return k
    if k is None or isinstance(k, bool):
        return {None: "null", True: "true", False: "false"}[k]
    return repr(float(k)) if isinstance(k, float) else str(int(k))


def _plain(xs) -> bool:
    """A list of scalars, or of lists of them (any depth): it goes on one line."""
    return all(isinstance(v, _SCALARS) or isinstance(v, np.ndarray) or (isinstance(v, (list, tuple)) and _plain(v))
               for v in xs)
