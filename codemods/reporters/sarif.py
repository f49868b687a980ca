"""SARIF 2.1.0, for code-scanning UIs (GitHub code scanning, VS Code SARIF viewer).

Every rule that fired is described with its doc link as helpUri; every finding is a result with its
location; a fixable finding carries the replacements `fix` would make on its line. A finding in a notebook
cell has no region (its lines are the cell's, not the JSON file's): the cell, line and column are in its
properties and at the start of its message; it carries no fix.
"""
from __future__ import annotations

import json
from typing import IO, Dict, List

from codemods import __version__
from codemods.results import Edit, Finding

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _line_col(text: str, offset: int):
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    return line, offset - start + 1


def _fix(path: str, text: str, edits: List[Edit]) -> dict:
    replacements = []
    for e in edits:
        sl, sc = _line_col(text, e.start)
        el, ec = _line_col(text, e.end)
        replacements.append({
            "deletedRegion": {"startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec},
            "insertedContent": {"text": e.replacement},
        })
    return {"description": {"text": "Rewrite for the Nylas API v3"},
            "artifactChanges": [{"artifactLocation": {"uri": path.replace("\\", "/")}, "replacements": replacements}]}


def render(run_result, out: IO[str], err: IO[str]) -> None:
    from codemods.rules import load_rules

    by_id = load_rules().by_id()
    findings: List[Finding] = run_result.findings
    rule_ids = sorted({f.rule for f in findings})
    index = {rid: i for i, rid in enumerate(rule_ids)}
    rules = []
    for rid in rule_ids:
        rule = by_id.get(rid)
        rules.append({
            "id": rid,
            "name": rule.kind if rule else rid,
            "shortDescription": {"text": rule.summary if rule else rid},
            "fullDescription": {"text": (rule.message or rule.summary) if rule else rid},
            "helpUri": rule.doc_url if rule else "",
            "properties": {"fixable": bool(rule and rule.fixable)},
        })
    files = {r.path: r for r in run_result.files}
    results = []
    for f in findings:
        location: Dict[str, object] = {"artifactLocation": {"uri": f.path.replace("\\", "/")}}
        if f.cell is None:
            location["region"] = {"startLine": f.line, "startColumn": f.column}
        cell = f"cell {f.cell}, line {f.line}, column {f.column}: " if f.cell is not None else ""
        result: Dict[str, object] = {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": "warning",
            "message": {"text": cell + f.message},
            "locations": [{"physicalLocation": location}],
        }
        if f.cell is not None:
            result["properties"] = {"cell": f.cell, "cellLine": f.line, "cellColumn": f.column}
        source = files.get(f.path)
        if f.fixable and source is not None and source.old_text is not None:
            mine = [e for e in source.edits if e.rule == f.rule and _line_col(source.old_text, e.start)[0] == f.line]
            if mine:
                result["fixes"] = [_fix(f.path, source.old_text, mine)]
        results.append(result)
    notifications = [{"level": "error", "message": {"text": f"{r.path}: {r.error}"}} for r in run_result.failed]
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "nylas-upgrade", "version": __version__,
                                "informationUri": "https://developer.nylas.com/docs/v2/upgrade-to-v3/",
                                "rules": rules}},
            "results": results,
            "invocations": [{"executionSuccessful": not run_result.failed,
                             "toolExecutionNotifications": notifications}],
        }],
    }
    out.write(json.dumps(doc, indent=2) + "\n")
