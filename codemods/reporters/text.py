"""Plain text: one finding a line, `path:line:col: RULE message`, as ruff and flake8 print them
(`nb.ipynb:cell_3:5:1: RULE message` in a notebook, as nbQA prints them)."""
from __future__ import annotations

from typing import IO, Iterable

from codemods.results import Finding


def finding_line(f: Finding, color: bool = False) -> str:
    """With colour: the location bold, the rule yellow when fix rewrites it, red when it is left by hand."""
    marked = " (TODO in place)" if f.todo else ""
    if not color:
        return f"{f.location}: {f.rule} {f.message}{marked}"
    from codemods.reporters.colour import BOLD, RED, YELLOW, paint

    return f"{paint(f.location, BOLD)}: {paint(f.rule, BOLD, YELLOW if f.fixable else RED)} {f.message}{marked}"


def write_lines(findings: Iterable[Finding], errors: Iterable[str], out: IO[str], err: IO[str],
                color: bool = False) -> None:
    for f in findings:
        out.write(finding_line(f, color) + "\n")
    for e in errors:
        err.write(f"error: {e}\n")


def render(run_result, out: IO[str], err: IO[str]) -> None:
    from codemods.reporters import errors_of

    write_lines(run_result.findings, errors_of(run_result), out, err)
