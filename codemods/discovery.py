"""Which files a run looks at.

Files named on the command line are always taken (pre-commit passes them one by
one). Directories are walked for *.py, skipping VCS folders, virtualenvs,
node_modules and build output; inside a git work tree, files git ignores are
skipped too (asked of git itself, once per directory argument). Symlinked
directories are not followed and symlinked files that lead outside the given
path are left out, so a run never reads or writes outside what it was given.
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Iterable, Iterator, List, Optional, Set

SKIP_DIRS = {
    ".git", ".hg", ".svn", ".tox", ".nox", ".venv", "venv", ".mypy_cache", ".pytest_cache", ".ruff_cache",
    "__pycache__", ".ipynb_checkpoints", "node_modules", "build", "dist", "site-packages", ".eggs", "__pypackages__",
}

SUFFIXES = (".py", ".ipynb")


def _is_venv(path: Path) -> bool:
    return (path / "pyvenv.cfg").is_file()


def _git_visible(directory: Path) -> Optional[Set[Path]]:
    """Files under directory that git does not ignore, or None when it is not a git work tree.

    A directory named on the command line that git ignores as a whole (a vendored tree, a
    virtualenv's lib inside a dotfiles repo) is walked without git's filter: the user asked for it.
    """
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
    return {(directory / p.decode("utf-8", "surrogateescape")) for p in out.stdout.split(b"\0") if p}


def iter_files(paths: Iterable[Path], errors: List[str], excluded=None) -> Iterator[Path]:
    """Explicit files always; files under directories unless skipped, git-ignored or `excluded(path)`."""
    seen: Set[Path] = set()
    for path in paths:
        if not os.path.lexists(path):
            errors.append(f"{path}: no such file or directory")
            continue
        if path.is_file():
            if path not in seen:
                seen.add(path)
                yield path
            continue
        if path.is_dir():
            for found in _walk(path, errors, excluded):
                if found not in seen:
                    seen.add(found)
                    yield found


def _walk(root: Path, errors: List[str], excluded=None) -> Iterator[Path]:
    visible = _git_visible(root)
    real_root = root.resolve()

    def onerror(exc: OSError) -> None:
        errors.append(f"{exc.filename}: cannot read directory: {exc.strerror}")

    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror, followlinks=False):
        here = Path(dirpath)
        dirnames[:] = sorted(
            d for d in dirnames
            if d not in SKIP_DIRS and not d.endswith(".egg-info") and not _is_venv(here / d)
            and not (excluded and excluded(here / d))
        )
        for name in sorted(filenames):
            if not name.endswith(SUFFIXES):
                continue
            path = here / name
            if visible is not None and path not in visible:
                continue
            if excluded and excluded(path):
                continue
            if path.is_symlink():
                try:
                    path.resolve().relative_to(real_root)
                except (ValueError, OSError, RuntimeError):
                    continue  # leads outside the tree, or loops
            yield path
