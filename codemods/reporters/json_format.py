"""JSON for tools: {"findings": [...], "errors": [...]}, findings sorted like the text output."""
from __future__ import annotations

from typing import IO, Iterable

from codemods.results import Finding


def render(findings: Iterable[Finding], errors: Iterable[str], out: IO[str], err: IO[str]) -> None:
    import json  # here, not at import: `check` in text mode should not pay for it

    doc = {"findings": [f.to_dict() for f in findings], "errors": list(errors)}
    out.write(json.dumps(doc, indent=2) + "\n")
