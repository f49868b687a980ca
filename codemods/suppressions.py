"""Inline suppressions: `# nylas-upgrade: ignore` or `# nylas-upgrade: ignore[EP001,QP]` after the code of a
line, or alone on the line before it, silences the findings and stops the rewrites that start on that
line (IDs or family prefixes, as with --ignore)."""
from __future__ import annotations

import bisect
import re
from typing import Dict, List, Optional, Set

_MARKER = re.compile(r"#\s*nylas-upgrade:\s*ignore(?:\[([A-Za-z0-9_,\s]*)\])?")
_NEWLINE = re.compile(r"\r\n|\r|\n")
ALL = "*"


def suppressed_lines(text: str) -> Dict[int, Set[str]]:
    """1-based line -> rule codes suppressed there ({"*"} for all)."""
    if "nylas-upgrade:" not in text:
        return {}
    out: Dict[int, Set[str]] = {}
    for number, line in enumerate(_NEWLINE.split(text), start=1):
        m = _MARKER.search(line)
        if m:
            codes = {c.strip().upper() for c in (m.group(1) or "").split(",") if c.strip()} or {ALL}
            # After code, the marker covers its own line; alone on a line, the line below it.
            target = number + 1 if not line[:m.start()].strip() else number
            out.setdefault(target, set()).update(codes)
    return out


def is_suppressed(lines: Dict[int, Set[str]], line: int, rule: str) -> bool:
    codes = lines.get(line)
    return bool(codes) and (ALL in codes or any(rule.startswith(c) for c in codes))


def line_of(starts: List[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset)


def line_starts(text: str) -> List[int]:
    return [0] + [m.end() for m in _NEWLINE.finditer(text)]


def apply(text: str, findings: list, edits: list) -> Optional[tuple]:
    """(findings, edits) without the suppressed ones, or None when nothing in the file is suppressed."""
    lines = suppressed_lines(text)
    if not lines:
        return None
    starts = line_starts(text)
    kept_findings = [f for f in findings if not is_suppressed(lines, f.line, f.rule)]
    kept_edits = [e for e in edits if not is_suppressed(lines, line_of(starts, e.start), e.rule)]
    return kept_findings, kept_edits
