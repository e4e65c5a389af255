"""Drive rnntrace through a real pseudo-terminal (stdlib ``pty``/``os.openpty``; no pexpect).

    with PtySession(["quiz", "--count", "2"]) as s:
        s.expect("Question 1")
        s.send("5x3")
        ...
    assert s.status == 0
"""
from __future__ import annotations

import fcntl
import os
import re
import select
import struct
import subprocess
import sys
import termios
import time

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r")


def plain(s: str) -> str:
    """Terminal output without escape codes and carriage returns."""
    return ANSI.sub("", s)


class PtySession:
    def __init__(self, args: list[str], env: dict | None = None, columns: int = 80, rows: int = 50,
                 timeout: float = 20.0):
        self.args, self.timeout = args, timeout
        self.env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "RNNTRACE_LANG")}
        self.env.update({"COLUMNS": str(columns), "LINES": str(rows), "TERM": "xterm-256color"})
        self.env.update(env or {})
        self.size = (rows, columns)
        self.seen = ""  # everything read so far, escape codes removed
        self._pending = ""
        self.status: int | None = None

    def __enter__(self):
        master, slave = os.openpty()
        rows, cols = self.size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.proc = subprocess.Popen([sys.executable, "-m", "rnntrace", *self.args], stdin=slave, stdout=slave,
                                     stderr=slave, env=self.env, close_fds=True)
        os.close(slave)
        self.master = master
        return self

    def _read(self, deadline: float) -> bool:
        r, _, _ = select.select([self.master], [], [], max(0.0, deadline - time.time()))
        if not r:
            return False
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # the child closed the terminal
            return False
        if not chunk:
            return False
        text = plain(chunk.decode("utf-8", "replace"))
        self.seen += text
        self._pending += text
        return True

    def expect(self, pattern: str) -> str:
        """Wait for ``pattern`` (plain text) and return everything up to and including it."""
        deadline = time.time() + self.timeout
        while pattern not in self._pending:
            if time.time() > deadline or not self._read(deadline):
                if pattern in self._pending:
                    break
                raise AssertionError(f"{pattern!r} did not appear; last output:\n{self._pending[-1500:]}")
        i = self._pending.index(pattern) + len(pattern)
        out, self._pending = self._pending[:i], self._pending[i:]
        return out

    def send(self, line: str) -> None:
        os.write(self.master, (line + "\n").encode())

    def key(self, ch: str) -> None:
        """One key, without Enter (``--step`` reads single keys)."""
        os.write(self.master, ch.encode())

    def rest(self) -> str:
        """Everything until the program exits."""
        deadline = time.time() + self.timeout
        while self._read(deadline):
            pass
        out, self._pending = self._pending, ""
        return out

    def __exit__(self, *exc):
        try:
            self.status = self.proc.wait(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.status = self.proc.wait()
            raise
        finally:
            os.close(self.master)
        return False
