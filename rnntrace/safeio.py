"""Files in and out, safely: bounded reads of regular files, and atomic writes.

Reading: only a regular file is read (a FIFO, a device such as ``/dev/zero`` or a socket is
refused before a byte is read: opening never blocks), and at most ``limit`` bytes of it (a file
that is larger, or grows while it is read, is refused). A UTF-8 byte-order mark is dropped.

Writing: ``write_atomic`` writes a temporary file in the target's directory and renames it over
the target, so the target is whole or untouched. The temporary file is removed on any error, on
Ctrl-C, and on SIGTERM and SIGHUP (closing the terminal) too; only a regular file is replaced,
and it keeps its permissions.
"""
from __future__ import annotations

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
    """SIGTERM or SIGHUP arrived while a temporary file existed."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def write_atomic(path: str, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all: a temporary file in the same directory,
    flushed to disk, given the permissions the file has (or that ``open`` would give a new one),
    then renamed over ``path`` (``os.replace`` is atomic). A symbolic link is followed, so the
    file it points to is replaced. On any failure the temporary file is removed and an InputError
    names the path and the reason; on SIGTERM or SIGHUP it is removed and the signal then ends the
    process as it would have."""
    import signal
    import tempfile

    check_target(path)
    target = os.path.realpath(path)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    except OSError as e:
        raise InputError(t("teach.export.cannot_write", file=path, reason=e.strerror or type(e).__name__)) from None

    def on_signal(signum, frame):
        raise _Signalled(signum)

    watched = [s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None]
    previous = {}
    try:
        for s in watched:
            previous[s] = signal.signal(s, on_signal)
    except ValueError:  # not the main thread: signals cannot be caught here
        previous = {}
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target), prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
        tmp = None
    except OSError as e:
        raise InputError(t("teach.export.cannot_write", file=path, reason=e.strerror or type(e).__name__)) from None
    except _Signalled as e:
        _remove(tmp)
        tmp = None
        _restore(previous)
        previous = {}
        signal.signal(e.signum, signal.SIG_DFL)
        os.kill(os.getpid(), e.signum)  # end as the signal would have ended us
        raise SystemExit(128 + e.signum) from None  # only if the signal did not end the process
    finally:
        _remove(tmp)
        _restore(previous)


def _remove(tmp: str | None) -> None:
    if tmp is not None:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def _restore(previous: dict) -> None:
    import signal

    for s, handler in previous.items():
        signal.signal(s, handler)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
