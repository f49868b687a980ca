"""Unified diffs with `a/` and `b/` paths, which `git apply` and `patch -p1` take.

Lines keep their own endings (CRLF files diff as CRLF), and a last line without
a newline gets the usual `\\ No newline at end of file` marker.
"""
from __future__ import annotations

import difflib
from typing import Iterable

from codemods.results import FileResult


def _posix(path: str) -> str:
    return path.replace("\\", "/")


def file_diff(result: FileResult) -> str:
    old = result.old_text.splitlines(keepends=True)
    new = result.new_text.splitlines(keepends=True)
    path = _posix(result.path)
    out = []
    for line in difflib.unified_diff(old, new, f"a/{path}", f"b/{path}", n=3):
        if line.startswith(("---", "+++", "@@")):
            out.append(line.rstrip("\n") + "\n")
        elif line.endswith(("\n", "\r")):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


def render(results: Iterable[FileResult]) -> str:
    return "".join(file_diff(r) for r in sorted(results, key=lambda r: r.path) if r.changed)
