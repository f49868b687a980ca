"""One `ast` parse per module per run, shared by the project passes (clients: project.py and calls.py; base
URLs: base_project.py; Nylas data: nylas_data.py and data_sites.py), which read many of the same files.

Keyed by the bytes object itself (the sweep's bytes of a candidate, which every pass is handed), so a file
read again from disk is parsed again, and two files with the same text are never confused. engine.run
clears it once the plans are made: the trees are not kept while the modules are processed.
"""
from __future__ import annotations

import ast
from typing import Dict, Optional, Tuple

_BY_RAW: Dict[int, Tuple[bytes, Optional[ast.Module]]] = {}


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


def clear() -> None:
    _BY_RAW.clear()
