"""Where an import points, the way Python finds it: relative imports from the importer's package; absolute
ones from the import root, the nearest directory above the importer's top package that has no __init__.py
(so `src/` layouts and plain script folders work); a package is its __init__.py.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional


def import_root(importer: Path) -> Path:
    folder = importer.parent
    while (folder / "__init__.py").exists() and folder.parent != folder:
        folder = folder.parent
    return folder


def module_file(importer: Path, module: Optional[str], level: int) -> Optional[Path]:
    """The file of `from <level dots><module> import ...` written in importer, if it is in the project."""
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
