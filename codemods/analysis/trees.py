"""One read and one `ast` parse per module per run, shared by the project passes (clients: project.py and
calls.py; base URLs: base_project.py; Nylas data: nylas_data.py and data_sites.py), which read many of the same
files: the candidates, and the .py files the prefilter skipped (a module may use an imported client or receive
Nylas data without naming Nylas).

Keyed by the bytes object itself (the sweep's bytes of a candidate, which every pass is handed), so a file
read again from disk is parsed again, and two files with the same text are never confused. engine.run
clears it once the plans are made: the trees are not kept while the modules are processed.
"""
from __future__ import annotations

import ast
import weakref
from collections import deque
from itertools import chain
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

_BY_RAW: Dict[int, Tuple[bytes, Optional[ast.Module]]] = {}
_SKIPPED: Dict[str, Optional[bytes]] = {}  # display path -> its bytes (None: it cannot be read)
# tree -> every node below it in ast.walk's order; weak, so a module's list goes with its tree (the list does
# not hold the tree: ast nodes have no parent links)
_BELOW: "weakref.WeakKeyDictionary[ast.AST, List[ast.AST]]" = weakref.WeakKeyDictionary()
_IMPORTS: "weakref.WeakKeyDictionary[ast.AST, List[ast.stmt]]" = weakref.WeakKeyDictionary()  # tree -> its imports
# What can hold a statement: an import is found without descending into any expression (most of a tree's nodes)
_HOLDERS = (ast.stmt, ast.excepthandler, ast.match_case)


def skipped_sources(results) -> List[Tuple[Path, bytes]]:
    """(path, bytes) of each .py file the prefilter skipped, read once per run whichever pass asks first."""
    from codemods.results import Status

    out = []
    for result in results:  # a skipped file's display path opens it (relative to here, or absolute)
        if result.status is not Status.SKIPPED or not result.path.endswith(".py"):
            continue
        if result.path not in _SKIPPED:
            try:
                with open(result.path, "rb") as skipped:  # (not Path.read_bytes: a Path per file costs as much)
                    _SKIPPED[result.path] = skipped.read()
            except OSError:
                _SKIPPED[result.path] = None
        raw = _SKIPPED[result.path]
        if raw is not None:
            out.append((Path(result.path), raw))
    return out


def parse(raw: bytes) -> Optional[ast.Module]:
    """The module's tree, or None when it does not parse (Python 2, a NUL byte, too deep)."""
    kept = _BY_RAW.get(id(raw))
    if kept is not None and kept[0] is raw:
        return kept[1]
    try:
        tree: Optional[ast.Module] = ast.parse(raw)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        tree = None
    _BY_RAW[id(raw)] = (raw, tree)
    return tree


def walk_module(tree: ast.AST) -> Iterator[ast.AST]:
    """ast.walk(tree): the same nodes in the same order. The passes walk each module many times (imports,
    constructors, assignments, calls); its nodes are listed by the first walk and read from the list after."""
    below = _BELOW.get(tree)
    if below is None:
        nodes = ast.walk(tree)
        next(nodes)
        below = _BELOW[tree] = list(nodes)
    return chain((tree,), below)


def imports(tree: ast.AST) -> List[ast.stmt]:
    """The tree's Import and ImportFrom nodes, in ast.walk's order: the same breadth-first walk, pruned to the
    nodes that can hold statements (every ancestor of a statement is one, so their order is unchanged)."""
    found = _IMPORTS.get(tree)
    if found is None:
        found, queue = [], deque([tree])
        while queue:
            node = queue.popleft()
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                found.append(node)
                continue
            queue.extend(child for child in ast.iter_child_nodes(node) if isinstance(child, _HOLDERS))
        _IMPORTS[tree] = found
    return found


def clear() -> None:
    _BY_RAW.clear()
    _SKIPPED.clear()
