"""Output formats, one module each behind one interface: render(run_result, out, err).

text: clickable `path:line:col: RULE message` lines; json: {"findings", "errors"}; sarif: SARIF 2.1.0
for code-scanning UIs, with fixes; github: workflow-command annotations;
gitlab: a GitLab Code Quality report. diff.py renders unified diffs.
"""
from __future__ import annotations

import importlib

FINDINGS_FORMATS = {"text": "text", "json": "json_format", "sarif": "sarif", "github": "github",
                    "gitlab": "gitlab"}


def render(fmt: str, run_result, out, err) -> None:
    """Import only the chosen format's module."""
    importlib.import_module(f"codemods.reporters.{FINDINGS_FORMATS[fmt]}").render(run_result, out, err)


def errors_of(run_result) -> list:
    return list(run_result.errors) + [f"{r.path}: {r.error}" for r in run_result.failed]
