"""A progress bar on stderr while many files are parsed: only on a terminal, never with --quiet, never piped.

It counts the files that passed the prefilter (reading and prefiltering the rest is fast), draws at most ten
times a second, and erases itself when done, so the finding lines and the summary follow on a clean line.
"""
from __future__ import annotations

import sys
import time
from typing import IO, Callable, Optional

MIN_FILES = 20  # below this a run is over before a bar would tell anyone anything
WIDTH = 30
REDRAW_SECONDS = 0.1


def wanted(count: int, quiet: bool, stream: IO[str]) -> bool:
    """Draw a bar for `count` files on `stream`? Only for a terminal: a pipe or file gets no control codes."""
    if quiet or count < MIN_FILES:
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):  # no isatty, or a closed stream
        return False


class Bar:
    def __init__(self, total: int, stream: IO[str]) -> None:
        self.total, self.done, self.stream = total, 0, stream
        self._drawn_at = float("-inf")
        self._draw()

    def advance(self) -> None:
        self.done += 1
        now = time.monotonic()
        if now - self._drawn_at >= REDRAW_SECONDS or self.done == self.total:
            self._draw(now)

    def _draw(self, now: Optional[float] = None) -> None:
        filled = WIDTH * self.done // max(self.total, 1)
        self.stream.write(f"\r[{'#' * filled}{'.' * (WIDTH - filled)}] {self.done}/{self.total} files")
        self.stream.flush()
        self._drawn_at = time.monotonic() if now is None else now

    def close(self) -> None:
        self.stream.write("\r\x1b[K")  # back to the line start and erase it
        self.stream.flush()


def factory(quiet: bool, stream: Optional[IO[str]] = None) -> Callable[[int], Optional[Bar]]:
    """For engine.run(progress=...): given the number of files to parse, a Bar, or None when none is wanted."""
    def start(count: int) -> Optional[Bar]:
        out = stream if stream is not None else sys.stderr
        return Bar(count, out) if wanted(count, quiet, out) else None
    return start
