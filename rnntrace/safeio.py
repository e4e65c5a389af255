"""Files in and out, safely: bounded reads of regular files, and atomic writes.

Reading: only a regular file is read (a FIFO, a device such as ``/dev/zero`` or a socket is
refused before a byte is read: opening never blocks), and at most ``limit`` bytes of it (a file
that is larger, or grows while it is read, is refused). A UTF-8 byte-order mark is dropped.

Writing: ``write_atomic`` writes a temporary file in the target's directory and renames it over
the target, so the target is whole or untouched; only a regular file is replaced, and it keeps
its permissions. ``temporary`` makes that temporary file, or the temporary folder of a folder
export (``rnntrace.render.export``), and removes it on any error, on Ctrl-C, and on SIGTERM and
SIGHUP (closing the terminal) too; those two signals wait while it is being put in place.
"""
from __future__ import annotations

import contextlib
import os
import stat

from rnntrace.errors import InputError
from rnntrace.i18n import t

BOM = "\ufeff"
TEMP_PREFIX, TEMP_SUFFIX = ".rnntrace-", ".tmp"
_KINDS = ((stat.S_ISFIFO, "fifo"), (stat.S_ISCHR, "device"), (stat.S_ISBLK, "device"),
          (stat.S_ISSOCK, "socket"))


def _kind(mode: int) -> str:
    """What a non-regular file is, as a catalogue key suffix."""
    return next((name for test, name in _KINDS if test(mode)), "special")


def size_text(n: float) -> str:
    """``512.0 MB``: a byte count for a message."""
    for unit in ("bytes", "KB", "MB", "GB", "TB"):
        if n < 1024 or unit == "TB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024


def read_bytes(path: str, limit: int, label: str | None = None) -> bytes:
    """At most ``limit`` bytes of the regular file ``path``; an InputError (naming ``label``,
    the path by default) for anything else."""
    label = path if label is None else label
    try:
        # O_NONBLOCK: opening a FIFO for reading must not wait for a writer
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(t("errors.no_file", file=label)) from None
    except IsADirectoryError:
        raise InputError(t("errors.is_dir", file=label)) from None
    except OSError as e:
        raise InputError(t("errors.unreadable", file=label, reason=e.strerror or e)) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(t("errors.is_dir", file=label))
        if not stat.S_ISREG(st.st_mode):
            raise InputError(t("errors.not_regular", file=label, kind=t(f"errors.kind.{_kind(st.st_mode)}")))
        if st.st_size > limit:
            raise InputError(t("errors.file_too_big", file=label, size=size_text(st.st_size), max=size_text(limit)))
        chunks, got = [], 0
        while got <= limit:  # the size can change after fstat: read no more than limit + 1
            chunk = os.read(fd, min(1 << 20, limit + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        if got > limit:
            raise InputError(t("errors.file_too_big", file=label, size=t("errors.more_than", max=size_text(limit)),
                               max=size_text(limit)))
        return b"".join(chunks)
    except OSError as e:
        raise InputError(t("errors.unreadable", file=label, reason=e.strerror or e)) from None
    finally:
        os.close(fd)


def read_text(path: str, limit: int, label: str | None = None) -> str:
    """``read_bytes`` decoded as UTF-8, without a leading byte-order mark."""
    raw = read_bytes(path, limit, label)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(t("errors.not_utf8", file=path if label is None else label)) from None
    return text[1:] if text.startswith(BOM) else text


# ---- control characters ----------------------------------------------------------------------
# C0 (tab and newline included), DEL, C1, and the bidirectional embeddings, overrides and
# isolates, which reorder or hide text (U+202A–U+202E, U+2066–U+2069)
_BIDI = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))


def is_control(ch: str) -> bool:
    o = ord(ch)
    return o < 0x20 or 0x7F <= o <= 0x9F or o in _BIDI


def control_char(s: str) -> str | None:
    """The first control character of ``s`` as ``U+001B``, or None."""
    for ch in s:
        if is_control(ch):
            return f"U+{ord(ch):04X}"
    return None


def escape_controls(s: str) -> str:
    """``s`` with every control character written as an escape (``\\x1b``, ``\\u202e``): what a
    terminal shows instead of obeying it."""
    if control_char(s) is None:
        return s
    return "".join(ch.encode("unicode_escape").decode("ascii") if is_control(ch) else ch for ch in s)


# ---- writing -----------------------------------------------------------------------------------
def check_target(path: str) -> None:
    """Refuse a target that is not a regular file (a directory, a FIFO, a device): replacing it
    would destroy it, and writing into it may block or go nowhere."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as e:
        raise InputError(t("teach.export.cannot_write", file=path, reason=e.strerror or type(e).__name__)) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(t("teach.export.is_dir", file=path))
    if not stat.S_ISREG(st.st_mode):
        raise InputError(t("errors.export_not_regular", file=path, kind=t(f"errors.kind.{_kind(st.st_mode)}")))


class _Signalled(BaseException):
    """SIGTERM or SIGHUP arrived while a temporary file or folder existed."""


class Temporary:
    """A temporary file or folder that ``temporary`` made: ``path`` until it is put in place
    (the caller sets ``path`` to None once it is renamed into place); a file's ``file`` is open
    for writing (UTF-8, no newline translation)."""

    def __init__(self, folder: bool):
        self.folder = folder
        self.path: str | None = None
        self.file = None
        self.holding = False  # SIGTERM and SIGHUP wait (in ``pending``) instead of interrupting
        self.pending: int | None = None

    @contextlib.contextmanager
    def committing(self):
        """The block that puts the temporary in place: SIGTERM and SIGHUP wait until it ends,
        so a target is never left half-replaced, and then end the process."""
        self.holding = True
        try:
            yield
        finally:
            self.holding = False
        if self.pending is not None:
            raise _Signalled()

    def _discard(self) -> None:
        import shutil

        if self.file is not None:
            try:
                self.file.close()
            except OSError:
                pass
        if self.path is not None:
            if self.folder:
                shutil.rmtree(self.path, ignore_errors=True)
            else:
                try:
                    os.unlink(self.path)
                except OSError:
                    pass
            self.path = None


@contextlib.contextmanager
def temporary(directory: str, label: str, folder: bool = False):
    """A new temporary file (``folder``: folder) in ``directory``, named ``.rnntrace-*.tmp``,
    removed when the block ends unless the block put it in place (``Temporary.path`` None), on
    any error, Ctrl-C, SIGTERM and SIGHUP alike. An OSError becomes an InputError naming
    ``label`` and the reason. After SIGTERM or SIGHUP the signal ends the process as it would
    have, once the temporary is gone (exit status 128 + the signal if it does not)."""
    import signal
    import tempfile

    temp = Temporary(folder)

    def on_signal(signum, frame):
        if temp.pending is None:
            temp.pending = signum
        if not temp.holding:
            temp.holding = True  # a second signal waits for the cleanup
            raise _Signalled()

    previous = {}
    try:
        for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)):
            if s is not None:
                previous[s] = signal.signal(s, on_signal)
    except ValueError:  # not the main thread: signals cannot be caught here
        pass
    try:
        with temp.committing():  # a signal while the temporary is being made waits for its name
            if folder:
                temp.path = tempfile.mkdtemp(dir=directory, prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX)
            else:
                fd, temp.path = tempfile.mkstemp(dir=directory, prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX)
                temp.file = os.fdopen(fd, "w", encoding="utf-8", newline="")
        yield temp
    except OSError as e:
        raise InputError(t("teach.export.cannot_write", file=label, reason=e.strerror or type(e).__name__)) from None
    except _Signalled:
        pass
    finally:
        temp.holding = True
        temp._discard()
        for s, handler in previous.items():
            signal.signal(s, handler)
        if temp.pending is not None:
            signal.signal(temp.pending, signal.SIG_DFL)
            os.kill(os.getpid(), temp.pending)  # end as the signal would have ended us
            raise SystemExit(128 + temp.pending)  # only if the signal did not end the process


def write_atomic(path: str, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all: a temporary file in the same directory,
    flushed to disk, given the permissions the file has (or that ``open`` would give a new one),
    then renamed over ``path`` (``os.replace`` is atomic). A symbolic link is followed, so the
    file it points to is replaced. The temporary file is removed as ``temporary`` says; a failure
    is an InputError that names the path and the reason."""
    check_target(path)
    target = os.path.realpath(path)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~umask()
    except OSError as e:
        raise InputError(t("teach.export.cannot_write", file=path, reason=e.strerror or type(e).__name__)) from None
    with temporary(os.path.dirname(target), path) as temp:
        with temp.file as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temp.path, mode)
        with temp.committing():
            os.replace(temp.path, target)
            temp.path = None


def umask() -> int:
    """The process's umask (reading it means setting it: set back at once)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
