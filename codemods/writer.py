"""Safe writes: a file is either its old bytes or its new bytes, never anything in between.

Write to a temporary file in the same directory, fsync it, give it the old
file's permission bits, then os.replace() it over the original (atomic on
POSIX and Windows). Before replacing, the original is read again: if it changed
since the run read it, nothing is written.
"""
from __future__ import annotations

import os
import stat
import tempfile
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
