"""GitHub Actions workflow commands: one `::warning` (or `::error` for files that failed) per line.

A finding in a notebook cell is annotated on the file (its line numbers are the cell's, not the JSON
file's), and its message starts with the cell and line. Property values escape %, CR, LF, `:` and `,`;
messages escape %, CR and LF, as the runner expects.
"""
from __future__ import annotations

from typing import IO


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(run_result, out: IO[str], err: IO[str]) -> None:
    for f in run_result.findings:
        kind = "fixable with nylas-upgrade fix" if f.fixable else "manual"
        where = f"line={f.line},col={f.column}," if f.cell is None else ""
        cell = f"cell {f.cell}, line {f.line}, column {f.column}: " if f.cell is not None else ""
        out.write(
            f"::warning file={_prop(f.path)},{where}title={_prop(f.rule)}::"
            f"{_data(f'{cell}{f.message} ({kind}; {f.doc_url})')}\n"
        )
    for r in run_result.failed:
        out.write(f"::error file={_prop(r.path)},title=nylas-upgrade::{_data(r.error or 'failed')}\n")
    for e in run_result.errors:
        out.write(f"::error title=nylas-upgrade::{_data(e)}\n")
