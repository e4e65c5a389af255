"""The page-by-page exports of a Document: ``--export DIR/`` (one SVG per page), ``--export
FILE.html`` (the step-through page), ``--export FILE.svg`` (every page in one image), and
``--export FILE.tex`` under ``--format beamer`` (the slides); ``--theme`` picks their colours.

Everything is rendered before anything is written. A folder is written atomically too: the pages
go into a temporary folder beside it, which becomes the folder by one rename when the folder is
new; into an existing folder each page is moved by an atomic rename once all are written, and the
pages of an earlier export that this one does not have are removed, so the folder holds exactly
this export's slides (other files in it are left alone). The temporary folder is removed on an
error, Ctrl-C, SIGTERM and SIGHUP as a temporary file is (``rnntrace.safeio.temporary``), and
SIGTERM or SIGHUP during the renames waits until the folder is whole.
"""
from __future__ import annotations

import difflib
import os
import re

from rnntrace.errors import InputError
from rnntrace.i18n import t
from rnntrace.render.views import THEMES

PAGE_FILE = re.compile(r"^\d{2,}-(opening|step|backward|query|closing)(-\d+)?(-part-\d+)?\.svg$")


def is_folder(path: str) -> bool:
    """``--export slides/``: a path ending in a separator names a folder of slides."""
    return path.endswith(("/", os.sep))


def check(export: str | None, theme: str) -> None:
    """Refuse an unknown theme, or a folder that is a file or has no parent, before any work."""
    if theme not in THEMES:
        close = difflib.get_close_matches(theme, THEMES, n=1)
        raise InputError(t("views.theme.unknown", value=theme, choices=", ".join(THEMES),
                           hint=t("errors.did_you_mean", word=close[0]) if close else ""))
    if export is not None and is_folder(export):
        folder = export.rstrip("/" + os.sep) or export
        if os.path.exists(folder) and not os.path.isdir(folder):
            raise InputError(t("views.export.folder_is_file", path=export))
        parent = os.path.dirname(os.path.abspath(folder))
        if not os.path.isdir(parent):
            raise InputError(t("teach.export.cannot_write", file=export, reason=t("views.export.no_parent")))


def write(path: str, doc, title: str, theme: str, fmt: str) -> bool:
    """Write the export ``path`` of ``doc`` when it is one of the page-by-page kinds and say so
    (True); False leaves the export to the terminal rendering's writer."""
    from rnntrace.output import write_atomic

    if is_folder(path):
        from rnntrace.render import svg

        write_folder(path, svg.slides(doc, theme, title))
        return True
    ext = os.path.splitext(path)[1].lower()
    if ext == ".html":
        from rnntrace.render import html

        write_atomic(path, html.document(doc, title, theme))
    elif ext == ".svg":
        from rnntrace.render import svg

        write_atomic(path, svg.document(doc, theme, title))
    elif ext == ".tex" and fmt == "beamer":
        from rnntrace.render import beamer

        write_atomic(path, beamer.document(doc, title))
    else:
        return False
    return True


def write_folder(path: str, files: list[tuple[str, str]]) -> None:
    """Write ``files`` (name, text) into the folder ``path`` whole or not at all: into a temporary
    folder beside it (``safeio.temporary``, removed on an error, Ctrl-C, SIGTERM and SIGHUP), then
    one rename when the folder is new, or each page renamed in and the stale pages removed, with
    SIGTERM and SIGHUP waiting until all are in, when it exists."""
    from rnntrace import safeio

    folder = os.path.abspath(path.rstrip("/" + os.sep) or path)
    with safeio.temporary(os.path.dirname(folder), path, folder=True) as temp:
        for name, text in files:
            with open(os.path.join(temp.path, name), "w", encoding="utf-8", newline="") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
        names = {name for name, _ in files}  # each made by open with the umask's permissions
        with temp.committing():
            if not os.path.exists(folder):
                os.chmod(temp.path, 0o777 & ~safeio.umask())  # what mkdir would have given
                os.rename(temp.path, folder)
                temp.path = None
                return
            for name in names:
                os.replace(os.path.join(temp.path, name), os.path.join(folder, name))
            for old in os.listdir(folder):
                if PAGE_FILE.match(old) and old not in names:
                    os.unlink(os.path.join(folder, old))
