"""One walk of the paths a run is given, with the byte prefilter: which files hold a rule's trigger word.

Every entry point shares it, so a run walks once and in one order. The console script's fast path walks
until the first file with a trigger word (a clean sweep ends there, with a count), then hands the same
Sweep, half walked, to engine.run. From that first hit, when it was found inside a directory, the rest of
the walk goes on in a forked process while this one loads the rules, libcst and the analysis (~0.2 s that
would otherwise come after the walk). With a CPU to spare, handover.py does better for a directory: the
load begins with the walk, in a child that then takes the whole walk over (send/receive), so a run over a
large repo with a few Nylas files takes about max(walk, load) + analysis. The child sends back what it found once it is done
(marshal: built in, nothing to import). Each file is read once, with os.read; clean files are never
stat'ed (scandir's entries say what is a directory), and their displayed paths come from one normpath
where that says what os.path.relpath would (display_names).
"""
from __future__ import annotations

import os
import sys
from typing import List, Optional, Sequence, Tuple

from codemods.discovery import path_str, walk_names


handed_over: Optional["Sweep"] = None  # the console script's walk, while it hands a command to the full CLI


def take_handed_over() -> Optional["Sweep"]:
    global handed_over
    sweep, handed_over = handed_over, None
    return sweep


def read(name: str) -> bytes:
    """The whole file, with two system calls fewer than open().read() (no fstat for a buffer size, no
    ioctl for isatty): on a sweep of thousands of files that is a tenth of the time."""
    fd = os.open(name, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        return _read_all(fd)
    finally:
        os.close(fd)


class Sweep:
    """The files under `paths`, read in walk order (discovery.walk_names) and sorted by the prefilter:
    `clean` (names), `candidates` ((name, bytes)), `unreadable` ((name, reason)), and the walk's `errors`."""

    def __init__(self, paths: Sequence, prefilter, excluded=None) -> None:
        self.paths = [path_str(str(p)) for p in paths]  # as the run names them: str(Path(p))
        self.prefilter = prefilter
        self.excluded = excluded
        self.errors: List[str] = []
        self.clean: List[str] = []
        self.candidates: List[Tuple[str, bytes]] = []
        self.unreadable: List[Tuple[str, str]] = []
        self.done = False
        self._given = set(self.paths)
        self._in_directory = False  # the last file read was found by walking a directory, not named
        self._names = walk_names(self.paths, self.errors, excluded)
        self._child: Optional[Tuple[int, int]] = None  # (pid, read end of its pipe)
        self._shown: Optional[List[str]] = None  # display_names(self.clean), when the child made them

    def fits(self, paths: Sequence, prefilter, excluded) -> bool:
        """Is this the sweep a run over `paths` with this prefilter and exclusion would make?"""
        return ([path_str(str(p)) for p in paths] == self.paths and prefilter.words == self.prefilter.words
                and excluded is self.excluded)

    def until_hit(self) -> bool:
        """Read on until a file with a trigger word (True) or the end of the walk (False)."""
        search, clean = self.prefilter.search, self.clean
        for name in self._names:
            try:
                raw = read(name)
            except OSError as exc:
                self.unreadable.append((name, str(exc.strerror or exc)))
                continue
            if search(raw):
                self.candidates.append((name, raw))
                self._in_directory = name not in self._given
                return True
            clean.append(name)
        self.done = True
        return False

    def finish(self, meanwhile=None) -> None:
        """Walk to the end; after a hit inside a directory, in a forked child while `meanwhile()` runs here."""
        if not self.done and self._child is None and (self.candidates or self.until_hit()):
            self.go_on_in_child()
        if self._child is not None:
            if meanwhile is not None:
                try:
                    meanwhile()
                except BaseException:
                    self.abandon()
                    raise
            self._collect()
        while not self.done:
            self.until_hit()

    def go_on_in_child(self) -> bool:
        """Fork a child that walks the rest and reports it; False (nothing done) where that is not worth it
        (the hit was a named file: pre-commit's few files) or not safe (no fork, or threads running)."""
        if self.done or self._child is not None or not self._in_directory or not _can_fork():
            return False
        before = len(self.clean), len(self.candidates), len(self.unreadable)
        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:
            _child_main(self, reader, writer, before)
        os.close(writer)
        self._child = (pid, reader)
        return True

    def abandon(self) -> None:
        """Stop the child, if one is walking, and forget what it would have said."""
        if self._child is None:
            return
        pid, reader = self._child
        self._child = None
        stop_child(pid, reader)

    def _collect(self) -> None:
        pid, reader = self._child
        try:
            got = _read_all(reader)
        except BaseException:
            self.abandon()
            raise
        self._child = None
        os.close(reader)
        _, status = os.waitpid(pid, 0)
        if status != 0 or not self._take(got):  # the child failed (out of memory, killed): walk it all again
            self.__init__(self.paths, self.prefilter, self.excluded)

    def _take(self, got: bytes) -> bool:
        """Add what another process's walk found (_report's bytes); False if they cannot be read."""
        import marshal

        try:
            clean, candidates, unreadable, errors, shown = marshal.loads(got)
        except (EOFError, ValueError, TypeError):
            return False
        self._shown = shown  # of every clean file: the other process's walk began where this one did
        self.clean.extend(clean)
        self.candidates.extend(candidates)
        self.unreadable.extend(unreadable)
        self.errors[:] = errors
        self.done = True
        return True

    def send(self, writer: int) -> None:
        """The whole walk, done here, to the process that runs on with it (handover.py), and close the pipe."""
        try:
            _write_all(writer, _report(self, (0, 0, 0)))
        finally:
            os.close(writer)

    def receive(self, reader: int) -> None:
        """Take the whole walk from the process that did it (handover.py); raises EOFError if it sent none."""
        got = _read_all(reader)
        os.close(reader)
        if not self._take(got):
            raise EOFError("the walk was not handed over")

    def file_results(self) -> list:
        """A FileResult for each clean file (SKIPPED) and each unreadable one (FAILED)."""
        from codemods.results import FileResult, Status

        shown = self._shown if self._shown is not None else display_names(self.clean)
        results = _skipped(shown, FileResult, Status)
        shown = display_names([name for name, _ in self.unreadable])
        results.extend(FileResult(d, Status.FAILED, error=f"cannot read: {reason}")
                       for d, (_, reason) in zip(shown, self.unreadable))
        return results


def _skipped(shown: Sequence[str], FileResult, Status) -> list:
    """FileResult(path, Status.SKIPPED) for each path: a copy of one such result's fields with the path
    changed, about 5x faster than the frozen dataclass's __init__ (thousands of files on a sweep; a test
    holds them equal). The constructor itself where a result keeps no __dict__."""
    template = FileResult("", Status.SKIPPED)
    fields = getattr(template, "__dict__", None)
    if fields is None or set(fields) != {f for f in FileResult.__dataclass_fields__}:
        return [FileResult(path, Status.SKIPPED) for path in shown]
    new, results = object.__new__, []
    for path in shown:
        result = new(FileResult)
        state = result.__dict__
        state.update(fields)
        state["path"] = path
        results.append(result)
    return results


def _child_main(sweep: Sweep, reader: int, writer: int, before: Tuple[int, int, int]) -> None:
    """The forked walker: finish the walk, write what is new since the fork to the pipe, and leave without
    running anything of the parent's (atexit, buffered output): os._exit."""
    code = 1
    try:
        os.close(reader)
        while not sweep.done:
            sweep.until_hit()
        _write_all(writer, _report(sweep, before))
        code = 0
    except BaseException:  # noqa: BLE001 - Ctrl-C or anything else: the parent sees a failed child
        pass
    finally:
        os._exit(code)


def _report(sweep: Sweep, before: Tuple[int, int, int]) -> bytes:
    """What the walk found since `before` (counts of clean, candidates, unreadable), with the display names of
    all the clean files: the process that makes them is idle sooner than the one that takes them."""
    import marshal

    clean, candidates, unreadable = before
    return marshal.dumps((sweep.clean[clean:], sweep.candidates[candidates:], sweep.unreadable[unreadable:],
                          sweep.errors, display_names(sweep.clean)))


def _write_all(writer: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(writer, view):]


def stop_child(pid: int, end: Optional[int]) -> None:
    """Close this process's end of the pipe to a forked child (if any), kill the child and reap it."""
    if end is not None:
        os.close(end)
    try:
        import signal

        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except OSError:
        pass


def _read_all(reader: int) -> bytes:
    chunks = []
    while True:
        chunk = os.read(reader, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _can_fork() -> bool:
    """Only where fork is the platform's usual way (not macOS, whose system libraries dislike it) and no
    other thread runs (a host program's thread could hold a lock the child would then wait for forever)."""
    if not hasattr(os, "fork") or sys.platform == "darwin":
        return False
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() == 1


def display_names(names: Sequence[str]) -> List[str]:
    """engine.display_path of each name, the relative path where the file is under the current directory:
    for a name that stays below it, what os.path.relpath computes from two abspaths and a getcwd per call is
    its normpath (less the current directory's, when absolute); any other name goes through display_path."""
    out = []
    fast, here = os.sep == "/", None
    normpath = os.path.normpath
    for name in names:
        if fast:
            if not name.startswith("/"):
                shown = normpath(name)
            else:  # absolute: relative to the current directory when under it (its prefix, once normalised)
                if here is None:
                    try:
                        here = os.getcwd().rstrip("/") + "/"
                    except OSError:
                        here = ""
                shown = normpath(name)
                shown = shown[len(here):] if here and shown.startswith(here) and not shown.startswith("//") else ".."
            if shown and not shown.startswith(".."):
                out.append(shown)
                continue
        out.append(_display_path(name))
    return out


def _display_path(name: str) -> str:
    from pathlib import Path

    from codemods.engine import display_path

    return display_path(Path(name))


def load_analysis() -> None:
    """Import what analysing a file needs (libcst, the fixers, the URL analysis): ~0.2 s, worth doing
    while something else waits (a walk in a child; before forking pool workers, which then share it)."""
    import gc

    collecting = gc.isenabled()
    gc.disable()  # the imports make only long-lived objects: collections meanwhile find nothing
    try:
        import codemods.fixers  # noqa: F401 - libcst, context, the fixers
        import codemods.forwarding  # noqa: F401
        import codemods.site_plan  # noqa: F401 - urls, paths, http_calls, bindings
        import codemods.suppressions  # noqa: F401
        import codemods.urls  # noqa: F401
    finally:
        if collecting:
            gc.enable()
