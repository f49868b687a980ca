"""`fix --split-by-rule DIR`: the rewrite as one patch per rule family, to land as a series of commits.

`DIR/01-HOST.patch`, `DIR/02-EP.patch`, ...: applied in order with `git apply` (or `patch -p1`) from the
directory the tool ran in, they give exactly the files `fix` writes. Patch N holds only family N's edits,
applied on top of families 1..N-1: the engine's edits are spans on the original text and edits of
different families never overlap, so each step is engine.apply_edits on the original with the edits of
the families so far. A family whose intermediate result does not parse (a rewrite that only makes sense
together with the next family's) is merged into the next patch, named `NN-A+B.patch`, and said so.

Patches are byte-exact: each file's old and new contents are diffed as bytes in the file's own encoding
(BOM, coding cookie and line endings included), so `git apply` matches the file on disk.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List, Sequence, Tuple

from codemods.engine import apply_edits
from codemods.reporters.diff import file_diff
from codemods.results import Edit, FileResult, Status
from codemods.rules import family_of_id
from codemods.source import Source, SourceError
from codemods.todos import TODO_RULE

# The README's family order: hosts first (the smallest, safest change), then paths, then what builds on
# them; the SDK and response fields after. Families of a team's own rules follow alphabetically.
ORDER = ("HOST", "EP", "SRCH", "QP", "BODY", "RESP", "AUTH", "DEP", "SDK", "FLD", "TRK", "WH")
TODO_FAMILY = "TODO"  # the --add-todos comments, always last
NOTEBOOK_FAMILY = "NOTEBOOKS"  # notebooks' edits are on their cells, not the JSON: one patch of their own, at the end
_OURS = re.compile(r"^[0-9]{2}-[A-Z][A-Z+]*\.patch$")


class SplitError(Exception):
    pass


@dataclass(frozen=True)
class Patch:
    name: str  # "01-HOST.patch"
    families: Tuple[str, ...]
    files: Tuple[str, ...]


def family_of(edit: Edit, by_id: Dict[str, object]) -> str:
    if edit.rule == TODO_RULE:
        return TODO_FAMILY
    rule = by_id.get(edit.rule)
    return rule.family if rule is not None else family_of_id(edit.rule)


def _family_order(families: Iterable[str]) -> List[str]:
    def key(family: str):
        if family == TODO_FAMILY:
            return (2, 0, family)
        return (0, ORDER.index(family), family) if family in ORDER else (1, 0, family)

    return sorted(set(families), key=key)


def _parses(text: str) -> bool:
    try:
        ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def _as_bytes_text(source: Source, text: str) -> str:
    """The file's bytes as they would be on disk, as a str that encodes back to exactly those bytes."""
    return source.encode(text).decode("utf-8", "surrogateescape")


def _original_source(result: FileResult) -> Source:
    """The file is read again (fix --split-by-rule writes nothing, so it is still the original) for its
    encoding and BOM, which FileResult does not carry."""
    try:
        source = Source.decode(Path(result.path).read_bytes())
    except (OSError, SourceError) as exc:
        raise SplitError(f"{result.path}: cannot read again: {exc}") from None
    if source.text != result.old_text:
        raise SplitError(f"{result.path}: changed on disk during the run")
    return source


Step = Tuple[Tuple[str, ...], Dict[str, Tuple[str, str]]]  # (families, {path: (before, after)})


def plan(changed: Sequence[FileResult], by_id: Dict[str, object]) -> List[Step]:
    """[(families, {path: (before, after)})] in patch order, merging a family whose result does not parse."""
    notebooks = [r for r in changed if r.path.endswith(".ipynb")]
    changed = [r for r in changed if not r.path.endswith(".ipynb")]
    edits_by_family: Dict[str, Dict[str, List[Edit]]] = {}
    for result in changed:
        for edit in result.edits:
            edits_by_family.setdefault(family_of(edit, by_id), {}).setdefault(result.path, []).append(edit)
    applied: Dict[str, List[Edit]] = {r.path: [] for r in changed}
    current: Dict[str, str] = {r.path: r.old_text for r in changed}
    originals = {r.path: r.old_text for r in changed}
    steps = []
    pending: List[str] = []
    pending_before: Dict[str, str] = {}
    for family in _family_order(edits_by_family):
        pending.append(family)
        for path, edits in edits_by_family[family].items():
            pending_before.setdefault(path, current[path])
            applied[path].extend(edits)
            text, problem = apply_edits(originals[path], applied[path])
            if problem is not None:
                raise SplitError(f"{path}: {problem}")
            current[path] = text
        if all(_parses(current[p]) for p in pending_before):
            steps.append((tuple(pending), {p: (pending_before[p], current[p]) for p in sorted(pending_before)}))
            pending, pending_before = [], {}
    if pending:  # the last families together give fix's own result, which the engine verified
        steps.append((tuple(pending), {p: (pending_before[p], current[p]) for p in sorted(pending_before)}))
    for result in changed:
        if current[result.path] != result.new_text:
            raise SplitError(f"{result.path}: the patches would not add up to fix's result")
    if notebooks:  # each notebook whole, as fix writes it (the engine verified its cells and its JSON)
        steps.append(((NOTEBOOK_FAMILY,), {r.path: (r.old_text, r.new_text) for r in notebooks}))
    return steps


def write(run_result, by_id: Dict[str, object], directory: Path) -> List[Patch]:
    changed = [r for r in run_result.files if r.status is Status.CHANGED]
    steps = plan(changed, by_id)
    sources = {r.path: _original_source(r) for r in changed}
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SplitError(f"cannot create {directory}: {exc.strerror or exc}") from None
    for stale in directory.glob("[0-9][0-9]-*.patch"):  # a previous run's series would mix with this one
        if _OURS.match(stale.name):
            stale.unlink()
    patches = []
    for number, (families, files) in enumerate(steps, start=1):
        name = f"{number:02d}-{'+'.join(families)}.patch"
        body = "".join(
            file_diff(FileResult(path, Status.CHANGED, old_text=_as_bytes_text(sources[path], before),
                                 new_text=_as_bytes_text(sources[path], after)))
            for path, (before, after) in files.items() if before != after
        )
        try:
            (directory / name).write_bytes(body.encode("utf-8", "surrogateescape"))
        except OSError as exc:
            raise SplitError(f"cannot write {directory / name}: {exc.strerror or exc}") from None
        patches.append(Patch(name, families, tuple(p for p, (before, after) in files.items() if before != after)))
    return patches
