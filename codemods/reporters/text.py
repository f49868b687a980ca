"""Plain text: one finding a line, `path:line:col: RULE message`, as ruff and flake8 print them
(`nb.ipynb:cell_3:5:1: RULE message` in a notebook, as nbQA prints them)."""
from __future__ import annotations

from typing import IO, Iterable

from codemods.results import Finding


def finding_line(f: Finding) -> str:
    return f"{f.location}: {f.rule} {f.message}"


def write_lines(findings: Iterable[Finding], errors: Iterable[str], out: IO[str], err: IO[str]) -> None:
    for f in findings:
        out.write(finding_line(f) + "\n")
    for e in errors:
        err.write(f"error: {e}\n")


def render(run_result, out: IO[str], err: IO[str]) -> None:
    from codemods.reporters import errors_of

    write_lines(run_result.findings, errors_of(run_result), out, err)
