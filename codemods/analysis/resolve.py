"""Where an import points, the way Python finds it: relative imports from the importer's package; absolute
ones from the import root, the nearest directory above the importer's top package that has no __init__.py
(so `src/` layouts and plain script folders work); a package is its __init__.py.
"""
from __future__ import annotations

from pathlib import Path
from typing import Dict, Optional, Tuple

# During a run (engine.run: remember, then forget): where each import resolves, per importing folder. The
# modules of one folder ask the same imports again and again, each answer two or three stats; files are not
# added or removed while a run reads them. A forked worker inherits the parent's answers.
_MEMO: Optional[Dict[Tuple[str, Optional[str], int], Optional[Path]]] = None


def remember() -> None:
    global _MEMO
    _MEMO = {}


def forget() -> None:
    global _MEMO
    _MEMO = None


def import_root(importer: Path) -> Path:
    folder = importer.parent
    while (folder / "__init__.py").exists() and folder.parent != folder:
        folder = folder.parent
    return folder


def covers(run_paths, origin: Path) -> bool:
    """Does the run hold every module that could import from origin (its whole import root)?"""
    import os

    root = str(import_root(origin).resolve())
    for given in run_paths:
        given = str(Path(given).resolve())
        if os.path.isdir(given) and (root == given or root.startswith(given + os.sep)):
            return True
    return False


def module_file(importer: Path, module: Optional[str], level: int) -> Optional[Path]:
    """The file of `from <level dots><module> import ...` written in importer, if it is in the project."""
    if _MEMO is None:
        return _module_file(importer, module, level)
    key = (str(importer.parent), module, level)
    if key not in _MEMO:
        _MEMO[key] = _module_file(importer, module, level)
    return _MEMO[key]


def _module_file(importer: Path, module: Optional[str], level: int) -> Optional[Path]:
    if level:
        base = importer.parent
        for _ in range(level - 1):
            base = base.parent
    else:
        base = import_root(importer)
    parts = module.split(".") if module else []
    target = base.joinpath(*parts) if parts else base
    for candidate in (target.with_suffix(".py") if parts else None, target / "__init__.py"):
        if candidate is not None and candidate.is_file():
            return candidate
    return None
