"""Guards around `fix` that protect the user's working tree: signals and uncommitted changes.

- SIGTERM is turned into KeyboardInterrupt, so both stop a run the same way: the file being written is
  either replaced whole or left alone (writer.py), and the CLI exits 130 saying what was written.
- In a git work tree, files with uncommitted changes are named before `fix` rewrites them (so `git diff`
  keeps telling the user's edits and ours apart), and `--require-clean` refuses to run at all.
"""
from __future__ import annotations

import signal
import subprocess
from pathlib import Path
from typing import Iterable, Set


def sigterm_as_interrupt() -> None:
    def handler(signum, frame):  # noqa: ARG001 - signal handler signature
        raise KeyboardInterrupt

    try:
        signal.signal(signal.SIGTERM, handler)
    except (ValueError, OSError):  # not the main thread, or no SIGTERM on this platform
        pass


def uncommitted_python_files(paths: Iterable[Path]) -> Set[str]:
    """Paths (relative to the current directory) of .py files under `paths` that git shows as modified."""
    dirty: Set[str] = set()
    for path in paths:
        directory = path if path.is_dir() else path.parent
        try:
            top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=directory, capture_output=True,
                                 text=True, timeout=30)
            if top.returncode != 0:
                continue
            status = subprocess.run(["git", "status", "--porcelain", "-z", "--untracked-files=no", "--",
                                     str(path.resolve())], cwd=directory, capture_output=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            continue
        root = Path(top.stdout.strip())
        for entry in status.stdout.split(b"\0"):
            if len(entry) > 3 and entry[:2].strip() and entry.endswith(b".py"):
                full = root / entry[3:].decode("utf-8", "surrogateescape")
                try:
                    dirty.add(str(full.relative_to(Path.cwd().resolve())))
                except ValueError:
                    dirty.add(str(full))
    return dirty
