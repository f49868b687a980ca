"""JSON for tools: {"findings": [...], "errors": [...]}, findings sorted like the text output."""
from __future__ import annotations

import json
from typing import IO, Iterable

from codemods.results import Finding


def render(findings: Iterable[Finding], errors: Iterable[str], out: IO[str], err: IO[str]) -> None:
    doc = {"findings": [f.to_dict() for f in findings], "errors": list(errors)}
    out.write(json.dumps(doc, indent=2) + "\n")
