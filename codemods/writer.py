"""Safe writes: a file is either its old bytes or its new bytes, never anything in between.

Write to a temporary file in the same directory, fsync it, give it the old
file's permission bits, then os.replace() it over the original (atomic on
POSIX and Windows). Before replacing, the original is read again: if it changed
since the run read it, nothing is written. Ctrl-C and SIGTERM are held for the few
milliseconds of the write and delivered right after it (a signal landing between creating
the temporary file and the cleanup that guards it would otherwise leave the temporary file).
"""
from __future__ import annotations

import os
import signal
import stat
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path


class WriteError(Exception):
    pass


def write_atomic(path: Path, data: bytes, expected_old: bytes) -> None:
    try:
        current = path.read_bytes()
    except OSError as exc:
        raise WriteError(f"cannot re-read before writing: {exc.strerror or exc}") from None
    if current != expected_old:
        raise WriteError("file changed on disk during the run; not written")
    with _interrupts_held():
        _replace(path, data)


def _replace(path: Path, data: bytes) -> None:
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".nylas-upgrade.tmp", dir=path.parent)
    except OSError as exc:
        raise WriteError(f"cannot create a temporary file beside it: {exc.strerror or exc}") from None
    replaced = False
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
        replaced = True
    except OSError as exc:
        raise WriteError(f"cannot write: {exc.strerror or exc}") from None
    finally:
        if not replaced:  # also on KeyboardInterrupt: the original is untouched, leave no temp file
            try:
                os.unlink(tmp)
            except OSError:
                pass


_HELD = (signal.SIGINT, signal.SIGTERM)


@contextmanager
def _interrupts_held():
    """Record SIGINT/SIGTERM while the block runs, then hand the first one to the handler that was in place
    (KeyboardInterrupt for Ctrl-C; the CLI turns SIGTERM into one too). Signal handlers can only be set from the
    main thread; elsewhere the block runs as it is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught = []
    previous = {}
    try:
        for signum in _HELD:
            previous[signum] = signal.signal(signum, lambda signum, frame: caught.append(signum))
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if caught:
            handler = previous.get(caught[0])
            if callable(handler):
                handler(caught[0], None)
            elif handler != signal.SIG_IGN:
                os.kill(os.getpid(), caught[0])  # SIG_DFL: let the default action happen now
