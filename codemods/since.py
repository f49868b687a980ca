"""`--since REF`: only the lines changed since a git revision (CI on a pull request).

The changed lines come from git itself: `git diff --unified=0 REF -- PATHS` in the work tree that holds
the paths compares the working tree (staged or not) with REF; every `+c,d` hunk header is a range of
changed lines in the current file. Untracked files (not ignored) are new in every line. Files with no
changed line are left out before they are read.

Findings are kept when their line changed. Rewrites are all-or-nothing per file: a file is rewritten
when one of its rewrites starts on a changed line, and then wholly, because a module's rewrites depend on
each other (a base-URL constant on one line gives the host of the paths on others; a v6 `Client` built on
one line is what makes `.list("me")` on another line valid). Rewriting only the changed lines would leave
a module half on v2 and half on v3, which runs neither.
"""
from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Dict, FrozenSet, List, Mapping, Optional, Sequence, Tuple

from codemods.suppressions import line_of, line_starts

ALL_LINES = None  # value in the map for an untracked file: every line is new
_HUNK = re.compile(rb"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
ChangedLines = Dict[str, Optional[FrozenSet[int]]]


class SinceError(Exception):
    """A bad revision, or a path outside a git work tree: one line, exit 2."""


def _git(args: List[str], cwd: Path) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-c", "core.quotePath=false", *args], cwd=cwd, capture_output=True,
                              timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SinceError(f"cannot run git: {exc}") from None


def _unquote(name: bytes) -> bytes:
    """git quotes a path holding a quote, a backslash or a control character, C style."""
    if name.startswith(b'"') and name.endswith(b'"'):
        return name[1:-1].decode("unicode_escape").encode("latin-1")
    return name


def parse_diff(diff: bytes) -> Dict[bytes, set]:
    """Path (relative to the work tree's top, as bytes) -> set of changed line numbers in the new file."""
    out: Dict[bytes, set] = {}
    current: Optional[set] = None
    for line in diff.split(b"\n"):
        if line.startswith(b"+++ "):
            target = line[4:].rstrip(b"\r")
            if target == b"/dev/null":
                current = None  # deleted: no line left to report
            else:
                name = _unquote(target)
                current = out.setdefault(name[2:] if name.startswith(b"b/") else name, set())
        elif line.startswith(b"@@") and current is not None:
            m = _HUNK.match(line)
            if m:
                first, count = int(m.group(1)), int(m.group(2) if m.group(2) is not None else 1)
                current.update(range(first, first + count))
    return out


def _top_level(path: Path) -> Path:
    directory = path if path.is_dir() else path.parent
    while not directory.is_dir() and directory != directory.parent:
        directory = directory.parent
    top = _git(["rev-parse", "--show-toplevel"], directory)
    if top.returncode != 0:
        raise SinceError(f"--since: {path} is not in a git work tree")
    return Path(top.stdout.decode("utf-8", "surrogateescape").strip())


def key(path) -> str:
    """Files are matched by real path: git names them from the top of the work tree, the run relative to
    the current directory (`../pkg/a.py`, `./a.py`, or absolute)."""
    return os.path.realpath(path)


def changed_lines(paths: Sequence[Path], ref: str) -> ChangedLines:
    """key(file) -> changed lines (ALL_LINES for untracked files), for the files under `paths`."""
    if not ref or ref.startswith("-"):
        raise SinceError(f"--since: {ref!r} is not a git revision")
    by_top: Dict[Path, List[str]] = {}
    for path in paths:
        by_top.setdefault(_top_level(path), []).append(str(path.resolve()))
    out: ChangedLines = {}
    for top, members in by_top.items():
        if _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], top).returncode != 0:
            raise SinceError(f"--since: unknown git revision {ref!r} in {top}")
        diff = _git(["diff", "--unified=0", "--no-color", "--no-ext-diff", "--no-textconv", ref, "--", *members],
                    top)
        if diff.returncode != 0:
            raise SinceError(f"--since: git diff failed: {' '.join(diff.stderr.decode(errors='replace').split())}")
        untracked = _git(["ls-files", "-z", "--others", "--exclude-standard", "--", *members], top)
        for name, lines in parse_diff(diff.stdout).items():
            if lines:
                out[key(top / name.decode("utf-8", "surrogateescape"))] = frozenset(lines)
        for name in untracked.stdout.split(b"\0"):
            if name:
                out[key(top / name.decode("utf-8", "surrogateescape"))] = ALL_LINES
    return out


def restrict(display: str, text: str, findings: list, edits: list,
             changed: Mapping[str, Optional[FrozenSet[int]]]) -> Tuple[list, list]:
    """The findings on changed lines, and either every edit (one starts on a changed line) or none."""
    name = key(display)
    if name not in changed:
        return [], []
    lines = changed[name]
    # git numbers a notebook's lines in its JSON, findings in its cells: a touched notebook counts whole.
    if lines is ALL_LINES or display.endswith(".ipynb"):
        return findings, edits
    kept = [f for f in findings if f.line in lines]
    starts = line_starts(text)
    touched = any(line_of(starts, e.start) in lines for e in edits)
    return kept, (list(edits) if touched else [])


def keep_paths(paths: Sequence[Path], changed: Mapping[str, object]) -> List[Path]:
    """Explicitly named files that did not change are dropped before they are read."""
    return [p for p in paths if p.is_dir() or not p.exists() or key(p) in changed]


def excluder(changed: Mapping[str, object], base=None):
    """An `excluded(path)` for discovery: unchanged .py files under the directories are not read."""

    def excluded(path: Path) -> bool:
        if base is not None and base(path):
            return True
        return path.suffix == ".py" and not path.is_dir() and key(path) not in changed

    return excluded
