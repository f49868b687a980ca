"""JSON for tools: {"findings": [...], "errors": [...]}, findings sorted like the text output."""
from __future__ import annotations

from typing import IO


def render(run_result, out: IO[str], err: IO[str]) -> None:
    import json

    from codemods.reporters import errors_of

    doc = {"findings": [f.to_dict() for f in run_result.findings], "errors": errors_of(run_result)}
    out.write(json.dumps(doc, indent=2) + "\n")
