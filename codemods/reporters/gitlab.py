"""GitLab Code Quality: the JSON array a job names in `artifacts: reports: codequality:`, which GitLab shows in the
merge request's widget and diff. It follows the fields GitLab documents (docs.gitlab.com/ci/testing/code_quality/,
"Code Quality report format", a subset of the Code Climate spec): description, check_name, fingerprint, severity
(info, minor, major, critical, blocker), location.path (relative to the project) and location.lines.begin; plus the
Code Climate `type` and `categories`, which GitLab ignores and Code Climate tools read.

Severity: `minor` for what `fix` rewrites, `major` for a place left for a human, `critical` for a file that could
not be checked (it may hide v2 code). Errors that name no file go to stderr, as in the text format.

Fingerprint (GitLab matches findings across pipelines by it, to say which are new or fixed in a merge request):
the first 32 hex digits of SHA-256 over the project-relative path, the rule ID, the text of the finding's line with
its whitespace collapsed, and a counter that tells apart findings with all three alike in that file (in line and
column order). No line number, column or absolute path goes in: a finding keeps its fingerprint when unrelated
edits move it up or down, when its line is re-indented, and on another checkout directory or runner; editing the
line itself makes it a new finding, which it is. The message stays out too, so rewording a message in a later
version of the tool does not make every finding look new. In a notebook the line is the cell's line (and the cell
number goes in: the cell is the notebook's unit, as the line is a file's).
"""
from __future__ import annotations

import hashlib
import json
import os
from typing import IO, Dict, List, Optional

from codemods.results import Finding

SEVERITY_FIXABLE, SEVERITY_MANUAL, SEVERITY_FAILED = "minor", "major", "critical"
ERROR_CHECK = "nylas-upgrade/file-error"


def project_path(path: str) -> str:
    """The path as GitLab links it: relative to the project (the current directory in a CI job), with `/`."""
    if os.path.isabs(path):
        try:
            relative = os.path.relpath(path)
        except ValueError:  # another drive (Windows)
            relative = ".."
        if not relative.startswith(".."):
            path = relative
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def _read_lines(path: str, cell: Optional[int]) -> List[str]:
    """The file's lines (a notebook's: the cell's), or [] when it cannot be read back."""
    from codemods.source import Source, SourceError

    try:
        with open(path, "rb") as handle:
            raw = handle.read()
        if cell is None:
            return Source.decode(raw).text.splitlines()
        source = json.loads(raw)["cells"][cell - 1].get("source", "")
        return ("".join(source) if isinstance(source, list) else str(source)).splitlines()
    except (OSError, SourceError, ValueError, KeyError, IndexError, TypeError, AttributeError):
        return []


def fingerprints(findings: List[Finding]) -> List[str]:
    """One fingerprint per finding, in order (see the module's docstring for what goes in)."""
    lines: Dict[tuple, List[str]] = {}
    seen: Dict[tuple, int] = {}
    out = [""] * len(findings)
    for i in sorted(range(len(findings)), key=lambda k: findings[k]):
        f = findings[i]
        where = (f.path, f.cell)
        if where not in lines:
            lines[where] = _read_lines(f.path, f.cell)
        text = lines[where][f.line - 1] if 0 < f.line <= len(lines[where]) else ""
        key = (project_path(f.path), "" if f.cell is None else str(f.cell), f.rule, " ".join(text.split()))
        seen[key] = seen.get(key, 0) + 1
        digest = hashlib.sha256("\0".join((*key, str(seen[key]))).encode("utf-8", "surrogatepass"))
        out[i] = digest.hexdigest()[:32]
    return out


def issue(f: Finding, fingerprint: str) -> dict:
    kind = "rewritten by nylas-upgrade fix" if f.fixable else "left for a human"
    cell = f"cell {f.cell}, line {f.line}, column {f.column}: " if f.cell is not None else ""
    return {
        "type": "issue",
        "check_name": f.rule,
        "description": f"{cell}{f.message} ({kind}; {f.doc_url})",
        "categories": ["Compatibility"],
        "severity": SEVERITY_FIXABLE if f.fixable else SEVERITY_MANUAL,
        "fingerprint": fingerprint,
        # A notebook's findings are on the file: the cell's lines are not the JSON file's.
        "location": {"path": project_path(f.path), "lines": {"begin": f.line if f.cell is None else 1}},
    }


def failed_issue(path: str, error: str) -> dict:
    digest = hashlib.sha256("\0".join((project_path(path), ERROR_CHECK)).encode("utf-8", "surrogatepass"))
    return {
        "type": "issue",
        "check_name": ERROR_CHECK,
        "description": f"nylas-upgrade could not check this file, so it may still hold v2 code: {error}",
        "categories": ["Bug Risk"],
        "severity": SEVERITY_FAILED,
        "fingerprint": digest.hexdigest()[:32],
        "location": {"path": project_path(path), "lines": {"begin": 1}},
    }


def render(run_result, out: IO[str], err: IO[str]) -> None:
    findings = run_result.findings
    issues = [issue(f, fp) for f, fp in zip(findings, fingerprints(findings))]
    issues += [failed_issue(r.path, r.error or "failed") for r in run_result.failed]
    out.write(json.dumps(issues, indent=2, ensure_ascii=False) + "\n")
    for e in run_result.errors:
        err.write(f"error: {e}\n")
