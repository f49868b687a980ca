"""Which files a run looks at.

Files named on the command line are always taken (pre-commit passes them one by
one). Directories are walked for *.py, skipping VCS folders, virtualenvs,
node_modules and build output; inside a git work tree, files git ignores are
skipped too (asked of git itself, once per directory argument). Symlinked
directories are not followed and symlinked files that lead outside the given
path are left out, so a run never reads or writes outside what it was given.
Walked with os.scandir and plain strings, one walk for every entry point (codemods.sweep reads
what it yields): on a whole-repo sweep pathlib objects, or a stat per file or per directory, would
cost more than reading the files.
"""
from __future__ import annotations

import operator
import os
import stat
from typing import Iterable, Iterator, List, Optional, Sequence, Set

SKIP_DIRS = {
    ".git", ".hg", ".svn", ".tox", ".nox", ".venv", "venv", ".mypy_cache", ".pytest_cache", ".ruff_cache",
    "__pycache__", ".ipynb_checkpoints", "node_modules", "build", "dist", "site-packages", ".eggs", "__pypackages__",
}

SUFFIXES = (".py", ".ipynb")
_NAME = operator.attrgetter("name")


def _git_visible(directory: str) -> Optional[Set[str]]:
    """Files under directory that git does not ignore, or None when it is not a git work tree: on POSIX their
    paths below the directory as git gives them (normalised), elsewhere their normalised whole paths.

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
    if os.sep == "/":  # git's paths as they are: the walk compares each file's path below `directory`
        return {p.decode("utf-8", "surrogateescape") for p in out.stdout.split(b"\0") if p}
    return {os.path.normpath(os.path.join(directory, p.decode("utf-8", "surrogateescape")))
            for p in out.stdout.split(b"\0") if p}


def iter_files(paths: Iterable, errors: List[str], excluded=None) -> Iterator:
    """Explicit files always; files under directories unless skipped, git-ignored or `excluded(path)`.
    Yields pathlib Paths (walk_names yields the same files as strings)."""
    from pathlib import Path

    for name in walk_names([str(p) for p in paths], errors, excluded):
        yield Path(name)


def walk_names(paths: Sequence[str], errors: List[str], excluded=None) -> Iterator[str]:
    """iter_files as strings, each file once: a file named twice, or under two arguments, comes the first
    time only (the same file for pathlib: `a//b.py` is `a/b.py`, `a/../b.py` is not `b.py`)."""
    if len(paths) < 2:
        yield from iter_file_names(paths, errors, excluded)
        return
    seen: Set[str] = set()
    for name in iter_file_names(paths, errors, excluded):
        key = path_str(name)
        if key not in seen:
            seen.add(key)
            yield name


def path_str(name: str) -> str:
    """str(pathlib.Path(name)), what pathlib compares paths by, without importing pathlib (a pre-commit run
    names files one by one): on POSIX the parts without empty or `.` ones, under a root of `/` or exactly `//`."""
    if os.sep != "/":
        from pathlib import Path

        return str(Path(name))
    root = ""
    if name.startswith("/"):
        root = "//" if name.startswith("//") and not name.startswith("///") else "/"
    return root + "/".join(part for part in name.split("/") if part and part != ".") or "."


def iter_file_names(paths: Iterable[str], errors: List[str], excluded=None) -> Iterator[str]:
    """iter_files without pathlib; a file may come twice if named twice (walk_names takes it once).
    `excluded`, when given, is called with pathlib Paths. One lstat per named path (and a stat when it is a
    symlink): os.path.lexists, isfile and isdir would make three."""
    for path in paths:
        try:
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode):
                mode = os.stat(path).st_mode
        except (OSError, ValueError):
            if not os.path.lexists(path):
                errors.append(f"{path}: no such file or directory")
            continue  # else a symlink leading nowhere: neither a file nor a directory
        if stat.S_ISREG(mode):
            yield path
        elif stat.S_ISDIR(mode):
            yield from _walk(path, errors, excluded)


def _walk(root: str, errors: List[str], excluded=None) -> Iterator[str]:
    """Depth first, each directory's files (sorted) before its subdirectories (sorted), as os.walk gives them;
    os.scandir's entries answer is_dir/is_symlink without a system call per file."""
    visible = _git_visible(root)
    below = len(os.path.join(root, "")) if os.sep == "/" else None  # path[below:]: the path below root
    real_root = None
    pending = [root]
    while pending:
        here = pending.pop()
        dirs, files, virtualenv = [], [], False
        try:
            with os.scandir(here) as listing:
                for entry in listing:
                    try:
                        is_dir = entry.is_dir()
                    except OSError:
                        is_dir = False
                    if is_dir:
                        dirs.append(entry)
                    elif entry.name.endswith(SUFFIXES):
                        files.append(entry)
                    elif entry.name == "pyvenv.cfg" and here != root:
                        virtualenv = _is_file(entry)
        except OSError as exc:
            if here != root and os.path.isfile(os.path.join(here, "pyvenv.cfg")):
                continue  # an unreadable virtualenv is still a virtualenv: skipped, not an error
            errors.append(f"{exc.filename}: cannot read directory: {exc.strerror}")
            continue
        if virtualenv:
            continue  # a virtualenv under any name; told by its listing, not by a stat of every directory
        prefix = os.path.join(here, "")  # + name: os.path.join(here, name), without a call per entry
        if len(files) > 1:
            files.sort(key=_NAME)
        for entry in files:
            name = entry.name
            path = prefix + name
            if visible is not None and (path[below:] if below else os.path.normpath(path)) not in visible:
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
        if not dirs:
            continue
        if len(dirs) > 1:
            dirs.sort(key=_NAME)
        subdirs = []
        for entry in dirs:
            name = entry.name
            if entry.is_symlink():
                continue  # os.walk(followlinks=False) lists it but never enters it
            sub = prefix + name
            if name in SKIP_DIRS or name.endswith(".egg-info"):
                continue
            if excluded and excluded(_as_path(sub)):
                continue
            subdirs.append(sub)
        pending.extend(reversed(subdirs))


def _is_file(entry) -> bool:
    try:
        return entry.is_file()  # follows a symlink, as os.path.isfile does
    except OSError:
        return False


def _as_path(name: str):
    from pathlib import Path

    return Path(name)
