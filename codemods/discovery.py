"""Which files a run looks at.

Files named on the command line are always taken (pre-commit passes them one by
one). Directories are walked for *.py, skipping VCS folders, virtualenvs,
node_modules and build output; inside a git work tree, files git ignores are
skipped too (asked of git itself, once per directory argument). Symlinked
directories are not followed and symlinked files that lead outside the given
path are left out, so a run never reads or writes outside what it was given.
Walked with os.scandir and plain strings: the fast path (fastpath.py) uses it for
whole-repo sweeps, where pathlib objects and a stat per file would cost more than
reading the files.
"""
from __future__ import annotations

import os
from typing import Iterable, Iterator, List, Optional, Set

SKIP_DIRS = {
    ".git", ".hg", ".svn", ".tox", ".nox", ".venv", "venv", ".mypy_cache", ".pytest_cache", ".ruff_cache",
    "__pycache__", ".ipynb_checkpoints", "node_modules", "build", "dist", "site-packages", ".eggs", "__pypackages__",
}

SUFFIXES = (".py", ".ipynb")


def _git_visible(directory: str) -> Optional[Set[str]]:
    """Files under directory (normalised paths) that git does not ignore, or None when it is not a git work tree.

    A directory named on the command line that git ignores as a whole (a vendored tree, a
    virtualenv's lib inside a dotfiles repo) is walked without git's filter: the user asked for it.
    """
    import subprocess  # only here: the fast path walks directories too, and this import costs ~3 ms

    try:
        ignored = subprocess.run(["git", "check-ignore", "-q", "."], cwd=directory, capture_output=True, timeout=30)
        if ignored.returncode == 0:
            return None
        out = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "."],
            cwd=directory, capture_output=True, timeout=30, check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode != 0:
        return None
    return {os.path.normpath(os.path.join(directory, p.decode("utf-8", "surrogateescape")))
            for p in out.stdout.split(b"\0") if p}


def iter_files(paths: Iterable, errors: List[str], excluded=None) -> Iterator:
    """Explicit files always; files under directories unless skipped, git-ignored or `excluded(path)`.
    Yields pathlib Paths (iter_file_names yields the same files as strings)."""
    from pathlib import Path

    seen: Set[Path] = set()
    for name in iter_file_names([str(p) for p in paths], errors, excluded):
        path = Path(name)
        if path not in seen:
            seen.add(path)
            yield path


def iter_file_names(paths: Iterable[str], errors: List[str], excluded=None) -> Iterator[str]:
    """iter_files without pathlib (the fast path's walk); a file may come twice if named twice.
    `excluded`, when given, is called with pathlib Paths."""
    for path in paths:
        if not os.path.lexists(path):
            errors.append(f"{path}: no such file or directory")
            continue
        if os.path.isfile(path):
            yield path
        elif os.path.isdir(path):
            yield from _walk(path, errors, excluded)


def _walk(root: str, errors: List[str], excluded=None) -> Iterator[str]:
    """Depth first, each directory's files (sorted) before its subdirectories (sorted), as os.walk gives them;
    os.scandir's entries answer is_dir/is_symlink without a system call per file."""
    visible = _git_visible(root)
    real_root = None
    pending = [root]
    while pending:
        here = pending.pop()
        try:
            with os.scandir(here) as listing:
                entries = list(listing)
        except OSError as exc:
            errors.append(f"{exc.filename}: cannot read directory: {exc.strerror}")
            continue
        dirs, files = [], []
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            (dirs if is_dir else files).append(entry)
        for entry in sorted(files, key=lambda e: e.name):
            name = entry.name
            if not name.endswith(SUFFIXES):
                continue
            path = os.path.join(here, name)
            if visible is not None and os.path.normpath(path) not in visible:
                continue
            if excluded and excluded(_as_path(path)):
                continue
            if entry.is_symlink():
                if real_root is None:
                    real_root = _as_path(root).resolve()
                try:
                    _as_path(path).resolve().relative_to(real_root)
                except (ValueError, OSError, RuntimeError):
                    continue  # leads outside the tree, or loops
            yield path
        subdirs = []
        for entry in sorted(dirs, key=lambda e: e.name):
            name = entry.name
            if entry.is_symlink():
                continue  # os.walk(followlinks=False) lists it but never enters it
            sub = os.path.join(here, name)
            if name in SKIP_DIRS or name.endswith(".egg-info") or os.path.isfile(os.path.join(sub, "pyvenv.cfg")):
                continue  # a virtualenv under any name
            if excluded and excluded(_as_path(sub)):
                continue
            subdirs.append(sub)
        pending.extend(reversed(subdirs))


def _as_path(name: str):
    from pathlib import Path

    return Path(name)
