"""Unified diffs with `a/` and `b/` paths, which `git apply` and `patch -p1` take.

Lines keep their own endings (CRLF files diff as CRLF; a lone CR stays inside its
line, as git reads it), and a last line without a newline gets the usual
`\\ No newline at end of file` marker. Colour (for a terminal only; see colour.py) goes inside each line,
before its ending.
"""
from __future__ import annotations

import difflib
from typing import Iterable

from codemods.results import FileResult


def _posix(path: str) -> str:
    return path.replace("\\", "/")


def _lines(text: str) -> list:
    """Lines as git and patch see them: split on "\n" only. str.splitlines would also split on a lone
    CR, form feed, \x1c-\x1e, \x85 and \u2028/9, and git rejects such a patch as corrupt."""
    lines = text.split("\n")
    out = [line + "\n" for line in lines[:-1]]
    return out + [lines[-1]] if lines[-1] else out


def file_diff(result: FileResult, color: bool = False) -> str:
    if result.diff is not None and result.diff_color == color:
        return result.diff  # made in the worker that processed the file (engine.with_diff)
    old = _lines(result.old_text)
    new = _lines(result.new_text)
    path = _posix(result.path)
    out = []
    for i, line in enumerate(difflib.unified_diff(old, new, f"a/{path}", f"b/{path}", n=3)):
        if i < 2 or line.startswith("@@"):  # by position: a removed line "--x" also starts with "---"
            out.append(_paint(line.rstrip("\n") + "\n", "header" if i < 2 else "@", color))
        elif line.endswith("\n"):
            out.append(_paint(line, line[0], color))
        else:
            out.append(_paint(line + "\n", line[0], color) + "\\ No newline at end of file\n")
    return "".join(out)


def _paint(line: str, kind: str, color: bool) -> str:
    """As git colours a diff: file headers bold, hunk headers cyan, removed lines red, added lines green."""
    if not color or kind == " ":
        return line
    from codemods.reporters import colour

    styles = {"header": colour.BOLD, "@": colour.CYAN, "-": colour.RED, "+": colour.GREEN}
    return colour.paint(line, styles[kind])


def render(results: Iterable[FileResult], color: bool = False) -> str:
    return "".join(file_diff(r, color) for r in sorted(results, key=lambda r: r.path) if r.changed)
