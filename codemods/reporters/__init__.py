"""Output formats, one module each behind one interface: render(run, stream) for findings reports.

`text` prints clickable `path:line:col: RULE message` lines; `json` prints
{"findings": [...], "errors": [...]}; `diff` renders unified diffs of changed files.
"""
from __future__ import annotations

from codemods.reporters import json_format, text

FINDINGS_FORMATS = {"text": text.render, "json": json_format.render}
