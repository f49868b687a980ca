"""Frozen result types: what the pipeline says about one file.

Modelled on libcst's codemod results (success / failure / skip): a file is
either skipped before parsing, failed (could not be read, decoded, parsed or
safely rewritten), or processed, with its findings and possibly new text.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Optional, Tuple


@dataclass(frozen=True, order=True)
class Finding:
    """One v2 usage at `path:line:column` (1-based, as ruff and flake8 print them)."""

    path: str
    line: int
    column: int
    rule: str
    message: str
    doc_url: str
    fixable: bool

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "fixable": self.fixable,
            "message": self.message,
            "doc_url": self.doc_url,
        }


@dataclass(frozen=True, order=True)
class Edit:
    """Replace text[start:end] of the decoded source with `replacement`."""

    start: int
    end: int
    replacement: str
    rule: str = field(compare=False)


class Status(enum.Enum):
    SKIPPED = "skipped"  # no Nylas words: never parsed
    UNCHANGED = "unchanged"  # parsed; nothing to rewrite (findings possible)
    CHANGED = "changed"  # parsed; new text differs
    FAILED = "failed"  # unreadable, undecodable, unparsable, or unsafe to rewrite


@dataclass(frozen=True)
class FileResult:
    path: str  # as displayed: relative to the current directory where possible
    status: Status
    findings: Tuple[Finding, ...] = ()
    error: Optional[str] = None
    old_text: Optional[str] = None
    new_text: Optional[str] = None
    new_bytes: Optional[bytes] = None
    edits: Tuple[Edit, ...] = ()  # on old_text, for formats that carry fixes (SARIF)

    @property
    def changed(self) -> bool:
        return self.status is Status.CHANGED
