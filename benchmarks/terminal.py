"""A program in a real pseudo-terminal, timed by when known text reaches the screen.

Output is read as fast as it arrives and stamped on arrival; nothing is parsed while the program
runs, so the reader never slows the program down. Whether text is on screen is then decided by
replaying the same bytes through pyte, a VT100 screen parser: a mark is the arrival time of the
first chunk after which the parsed screen shows every wanted text.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pyte

COLUMNS, LINES = 120, 40


class ScreenTimeout(RuntimeError):
    """The wanted text never appeared; carries what the screen showed instead."""


@dataclass
class _Chunk:
    at: float
    data: bytes


@dataclass
class TerminalRun:
    """One process in a pty of `columns` × `lines`; `started` is taken just before the fork."""

    argv: Sequence[str]
    env: Mapping[str, str]
    columns: int = COLUMNS
    lines: int = LINES
    cwd: str | None = None
    """The folder the program starts in (default: this one)."""
    started: float = 0.0
    pid: int = 0
    fd: int = -1
    chunks: list[_Chunk] = field(default_factory=list)
    exit_status: int | None = None

    def start(self) -> TerminalRun:
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: size the terminal it was given, then become the program
            try:
                winsize = struct.pack("HHHH", self.lines, self.columns, 0, 0)
                fcntl.ioctl(0, termios.TIOCSWINSZ, winsize)
                if self.cwd is not None:
                    os.chdir(self.cwd)
                os.execve(self.argv[0], list(self.argv), dict(self.env))
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        return self

    # ------------------------------------------------------------------ reading

    def _read(self, timeout: float) -> bool:
        """Take what has arrived within `timeout`; False once the program has closed the pty."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError:
            return False
        if not data:
            return False
        self.chunks.append(_Chunk(time.perf_counter(), data))
        return True

    def wait_for_bytes(self, texts: Sequence[str], since: int, timeout: float) -> None:
        """Read until every text has arrived in the output after chunk `since` (a fast,
        unparsed check that only decides when to stop waiting)."""
        wanted = [text.encode() for text in texts]
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            arrived = b"".join(chunk.data for chunk in self.chunks[since:])
            if all(text in arrived for text in wanted):
                return
            if not self._read(0.05):
                break
        raise ScreenTimeout(f"never saw {list(texts)!r}; the screen showed:\n{self.screen_text()}")

    def wait_for_any_text(self, timeout: float) -> float:
        """Read until the screen shows any text at all; the arrival time of the chunk that
        first showed it. The screen is parsed only when output pauses for half a second."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if not self.chunks:
                if not self._read(0.05):
                    raise ScreenTimeout("the program ended without showing any text")
                continue
            self.settle(quiet=0.5, limit=max(0.0, deadline - time.perf_counter()))
            painted = self.first_paint()
            if painted is not None:
                return painted
            if not self._read(0.05):
                raise ScreenTimeout("the program ended without showing any text")
        raise ScreenTimeout(f"no text on screen within {timeout:.0f} s")

    def settle(self, quiet: float = 0.3, limit: float = 10.0) -> None:
        """Read until no output has arrived for `quiet` seconds."""
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            before = len(self.chunks)
            if not self._read(quiet) or len(self.chunks) == before:
                return

    def read_until_exit(self, process: subprocess.Popen[bytes], timeout: float) -> float:
        """Keep reading this program's output while `process` (another program) runs; returns
        when `process` ended, to the millisecond, or raises ScreenTimeout after `timeout`."""
        deadline = time.perf_counter() + timeout
        try:
            exited_fd: int | None = os.pidfd_open(process.pid)
        except (AttributeError, OSError):  # not Linux 5.3+: poll the process every 2 ms
            exited_fd = None
        try:
            while time.perf_counter() < deadline:
                watched = [self.fd] if exited_fd is None else [self.fd, exited_fd]
                ready, _, _ = select.select(watched, [], [], 0.002 if exited_fd is None else 0.5)
                ended = time.perf_counter()
                if (exited_fd in ready if exited_fd is not None else True) and (
                    process.poll() is not None
                ):
                    return ended
                if self.fd in ready:
                    self._read(0)
        finally:
            if exited_fd is not None:
                os.close(exited_fd)
        process.kill()
        process.wait()
        raise ScreenTimeout(f"{process.args!r} did not finish within {timeout:.0f} s")

    def send(self, data: bytes) -> tuple[float, int]:
        """Type `data`; returns when, and the index of the next chunk to arrive."""
        index = len(self.chunks)
        at = time.perf_counter()
        os.write(self.fd, data)
        return at, index

    # ------------------------------------------------------------------ the screen

    def _replay(self) -> tuple[pyte.Screen, pyte.ByteStream]:
        screen = pyte.Screen(self.columns, self.lines)
        return screen, pyte.ByteStream(screen)

    def first_showing(self, texts: Sequence[str], since: int = 0) -> float | None:
        """Arrival time of the first chunk at or after `since` after which the screen shows
        every text (None when that never happened)."""
        screen, stream = self._replay()
        for index, chunk in enumerate(self.chunks):
            stream.feed(chunk.data)
            if index >= since:
                shown = _text(screen)
                if all(text in shown for text in texts):
                    return chunk.at
        return None

    def first_paint(self) -> float | None:
        """Arrival time of the first chunk after which anything at all is on screen."""
        screen, stream = self._replay()
        for chunk in self.chunks:
            stream.feed(chunk.data)
            if _text(screen).strip():
                return chunk.at
        return None

    def screen_text(self) -> str:
        screen, stream = self._replay()
        for chunk in self.chunks:
            stream.feed(chunk.data)
        return _text(screen)

    # ------------------------------------------------------------------ the process

    def peak_rss_mb(self) -> float | None:
        """The process's peak resident set so far (VmHWM), in MB."""
        try:
            with open(f"/proc/{self.pid}/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            return None
        return None

    def quit(self, keys: bytes = b"q", timeout: float = 15.0) -> float | None:
        """Press `keys` and wait for the process to end; seconds it took, or None if killed."""
        at, _ = self.send(keys)
        deadline = at + timeout
        while time.perf_counter() < deadline:
            if self._reap():
                return time.perf_counter() - at
            if not self._read(0.02) and self._reap(block=True):
                return time.perf_counter() - at
        self.kill()
        return None

    def _reap(self, block: bool = False) -> bool:
        if self.exit_status is not None:
            return True
        pid, status = os.waitpid(self.pid, 0 if block else os.WNOHANG)
        if pid == 0:
            return False
        self.exit_status = status
        return True

    def kill(self) -> None:
        if self.exit_status is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            self._reap(block=True)

    def close(self) -> None:
        self.kill()
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


def _text(screen: pyte.Screen) -> str:
    return "\n".join(screen.display)
