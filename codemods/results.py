"""Frozen result types: what the pipeline says about one file.

Modelled on libcst's codemod results (success / failure / skip): a file is
either skipped before parsing, failed (could not be read, decoded, parsed or
safely rewritten), or processed, with its findings and possibly new text.
"""
from __future__ import annotations

import enum
import functools
from dataclasses import dataclass, field
from typing import Optional, Tuple


TODO_PREFIX = "# TODO(nylas-v3):"  # the comment fix --add-todos writes (codemods/todos.py)


@functools.total_ordering
@dataclass(frozen=True)
class Finding:
    """One v2 usage at `path:line:column` (1-based, as ruff and flake8 print them).

    In a notebook, `cell` is the 1-based position of the cell (markdown cells count) and line and column
    are within that cell's source; the location then reads `nb.ipynb:cell_3:5:1`, as nbQA prints it.
    """

    path: str
    line: int
    column: int
    rule: str
    message: str
    doc_url: str
    fixable: bool
    cell: Optional[int] = None
    todo: bool = False  # a `# TODO(nylas-v3): RULE` comment for it is already in place (fix --add-todos)

    def _order(self) -> tuple:
        return (self.path, self.cell or 0, self.line, self.column, self.rule, self.message, self.doc_url, self.fixable)

    def __lt__(self, other: "Finding") -> bool:
        return self._order() < other._order()

    @property
    def location(self) -> str:
        cell = f"cell_{self.cell}:" if self.cell is not None else ""
        return f"{self.path}:{cell}{self.line}:{self.column}"

    def to_dict(self) -> dict:
        cell = {"cell": self.cell} if self.cell is not None else {}  # only notebooks' findings carry the key
        return {
            "path": self.path,
            **cell,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "fixable": self.fixable,
            "message": self.message,
            "doc_url": self.doc_url,
            **({"todo": True} if self.todo else {}),
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
    # `fix --diff` only: the file's unified diff, made where the file was processed (in a worker process, in
    # parallel) with colour as `diff_color` says; the texts, bytes and edits are then left out (see engine.run).
    diff: Optional[str] = None
    diff_color: bool = False
    requests: Tuple[object, ...] = ()  # the module's Nylas requests as left (analysis/requests_made.RequestMade)

    @property
    def changed(self) -> bool:
        return self.status is Status.CHANGED
