"""`fix --add-todos`: each manual finding also becomes a `# TODO(nylas-v3): RULE message` comment line.

The comment goes directly above the first line of the *logical line* (Python's statement line, as the
tokenizer sees it) that holds the finding, with that line's indentation and line ending. So a finding in
the middle of a multi-line call, after a backslash continuation, or on the second line of a triple-quoted
string gets its TODO above the statement, never inside a string or between continued lines. A finding
inside the span of another rewrite moves above that rewrite's statement, so the two edits never overlap.

Idempotent: a line with TODO(nylas-v3) comments directly above it gets no new one, whatever their rules.
Keying on the rule alone would not be enough: once a module is migrated, a call the first run left alone
can draw a second finding (a v5 call left on what is now a v6 `Client`), and the second run would add
its TODO. The place is already marked for a human, and `check` lists every finding there.

`check` treats the comment as documentation only: the finding is still reported (the work is not done);
`# nylas-upgrade: ignore[RULE]` is what silences it.

The TODOs are ordinary Edits spliced by engine.apply_edits and re-parsed by engine.verify, with the
rule-less marker TODO_RULE. They are made after select/ignore, suppressions and --since have filtered
the findings, so they follow those; SARIF fixes match edits by rule ID and never pick them up; the
strings-only check skips IDs that are not rules (a comment never changes the AST anyway).
"""
from __future__ import annotations

import bisect
import io
import re
import tokenize
from typing import Dict, Iterable, List, Optional, Sequence

from codemods.results import TODO_PREFIX, Edit, Finding
from codemods.suppressions import line_of, line_starts

TODO_RULE = "TODO(nylas-v3)"  # Edit.rule of the comment edits; not a rule ID
PREFIX = TODO_PREFIX
_ENDING = re.compile(r"\r\n|\r|\n")


def logical_line_starts(text: str) -> Optional[List[int]]:
    """Sorted 1-based numbers of the lines on which a logical line (a statement, a decorator, an
    `except:` clause...) begins, or None when the tokenizer cannot read the file."""
    starts: List[int] = []
    at_start = True
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text, newline="").readline):
            if tok.type in (tokenize.NEWLINE, tokenize.NL):
                at_start = at_start or tok.type == tokenize.NEWLINE
                continue
            if tok.type in (tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER):
                continue
            if at_start:
                starts.append(tok.start[0])
                at_start = False
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return None
    return starts


def _anchor(line: int, logical: Sequence[int]) -> int:
    """The first line of the logical line that holds `line`."""
    i = bisect.bisect_right(logical, line)
    return logical[i - 1] if i else line


def _line_text(text: str, starts: List[int], number: int) -> str:
    begin = starts[number - 1]
    end = starts[number] if number < len(starts) else len(text)
    return text[begin:end]


def _marked(text: str, starts: List[int], number: int) -> bool:
    """A TODO(nylas-v3) comment (ours, or written by hand) on the line directly above."""
    return number > 1 and _line_text(text, starts, number - 1).lstrip().startswith(PREFIX)


def _one_line(message: str) -> str:
    return " ".join(message.split())


def _encodable(message: str, encoding: str) -> str:
    """A `# coding: latin-1` file cannot hold the messages' arrows: spell them out, or "?" as a last resort
    (the file must stay encodable, or the engine refuses the whole rewrite)."""
    try:
        message.encode(encoding)
        return message
    except UnicodeEncodeError:
        message = message.replace("\u2192", "->").replace("\u2026", "...")
        return message.encode(encoding, errors="replace").decode(encoding)
    except LookupError:
        return message


def todo_edits(text: str, findings: Iterable[Finding], edits: Sequence[Edit], encoding: str = "utf-8") -> List[Edit]:
    """Insertions of TODO comment lines for the manual findings (one Edit per target line)."""
    manual = sorted(f for f in findings if not f.fixable)
    if not manual:
        return []
    logical = logical_line_starts(text)
    if logical is None:
        return []  # cannot tell where statements begin: adding nothing is better than a wrong place
    starts = line_starts(text)
    by_target: Dict[int, Dict[str, str]] = {}
    for f in manual:
        if f.line > len(starts):
            continue
        target = _anchor(f.line, logical)
        for _ in range(len(edits) + 1):  # move above any rewrite whose span holds the insertion point
            offset = starts[target - 1]
            inside = [e for e in edits if e.start < offset < e.end]
            if not inside:
                break
            target = _anchor(line_of(starts, min(e.start for e in inside)), logical)
        else:
            continue
        by_target.setdefault(target, {}).setdefault(f.rule, _encodable(_one_line(f.message), encoding))
    out = []
    for target, rules in sorted(by_target.items()):
        if _marked(text, starts, target):
            continue
        line = _line_text(text, starts, target)
        indent = line[: len(line) - len(line.lstrip(" \t\f"))]
        ending = _ending(text, starts, target)
        comment = "".join(f"{indent}{PREFIX} {rule} {msg}{ending}" for rule, msg in sorted(rules.items()))
        out.append(Edit(starts[target - 1], starts[target - 1], comment, TODO_RULE))
    return out


def _ending(text: str, starts: List[int], number: int) -> str:
    """The line's own ending; for a last line without one, the previous line's (or "\\n")."""
    for n in (number, number - 1):
        if n >= 1:
            m = _ENDING.search(_line_text(text, starts, n))
            if m:
                return m.group(0)
    return "\n"


def mark_existing(text: str, findings: List[Finding]) -> List[Finding]:
    """`check` recognises the TODOs --add-todos wrote: a manual finding whose rule is named in the block of
    `# TODO(nylas-v3):` lines directly above its statement comes back with todo=True (still reported: the TODO
    documents the work, it does not do it)."""
    if PREFIX not in text or not any(not f.fixable for f in findings):
        return findings  # the usual case: one substring test
    logical = logical_line_starts(text)
    if logical is None:
        return findings
    from dataclasses import replace

    starts = line_starts(text)
    out = []
    for f in findings:
        if f.fixable or f.cell is not None or f.line > len(starts):
            out.append(f)
            continue
        named, above = set(), _anchor(f.line, logical) - 1
        while above >= 1 and _line_text(text, starts, above).lstrip().startswith(PREFIX):
            named.update(_line_text(text, starts, above).lstrip()[len(PREFIX):].split()[:1])
            above -= 1
        out.append(replace(f, todo=True) if f.rule in named else f)
    return out
