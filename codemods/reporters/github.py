"""GitHub Actions workflow commands: one `::warning` (or `::error` for files that failed) per line.

Property values escape %, CR, LF, `:` and `,`; messages escape %, CR and LF, as the runner expects.
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
        out.write(
            f"::warning file={_prop(f.path)},line={f.line},col={f.column},title={_prop(f.rule)}::"
            f"{_data(f'{f.message} ({kind}; {f.doc_url})')}\n"
        )
    for r in run_result.failed:
        out.write(f"::error file={_prop(r.path)},title=nylas-upgrade::{_data(r.error or 'failed')}\n")
    for e in run_result.errors:
        out.write(f"::error title=nylas-upgrade::{_data(e)}\n")
