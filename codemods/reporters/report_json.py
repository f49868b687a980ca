"""The migration report as JSON, for tools (dashboards, bots that post their own PR comments).

{"format": 1, "tool": {...}, "summary": {...}, "families": {prefix: title}, "errors": [...],
 "files": [{"path", "status", "diff", "findings": [Finding.to_dict()], "error"}]}

`summary.rewritten_by_family` counts the edits `fix` makes (sites rewritten); `summary.manual_left`
counts the findings it leaves for a human. `files` lists only files with a rewrite, a finding or an error.
"""
from __future__ import annotations

import json
from typing import IO

from codemods import __version__
from codemods.report_data import Report

FORMAT_VERSION = 1  # bump when a key changes meaning or goes away


def to_dict(report: Report) -> dict:
    rewritten = report.rewritten_by_family
    return {
        "format": FORMAT_VERSION,
        "tool": {"name": "nylas-upgrade", "version": __version__},
        "summary": {
            "files_scanned": report.files_scanned,
            "files_changed": report.files_changed,
            "files_failed": len(report.failed),
            "sites_rewritten": sum(rewritten.values()),
            "rewritten_by_family": rewritten,
            "manual_left": report.manual_left,
            "manual_by_family": report.manual_by_family,
        },
        "families": {family: report.title(family) for family in report.families},
        "errors": list(report.errors),
        "files": [
            {
                "path": f.path,
                "status": f.status,
                "diff": f.diff,
                "findings": [finding.to_dict() for finding in f.findings],
                "error": f.error,
            }
            for f in report.files
        ],
    }


def write(report: Report, out: IO[str]) -> None:
    out.write(json.dumps(to_dict(report), indent=2, ensure_ascii=False) + "\n")
