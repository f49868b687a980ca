"""Shape 4 of issue 12: a client kept in the application's shared state and read elsewhere by the same path.

FastAPI/Starlette `app.state.nylas = APIClient(...)` read as `request.app.state.nylas`; Flask
`app.config["NYLAS"]` read as `current_app.config["NYLAS"]` (or `.config.get("NYLAS")`),
`app.extensions["nylas"]`, `g.nylas`, and `app.nylas` read as `current_app.nylas`. The path, not the
receiver's name, says which client it is: `app.state.db`, `g.user` and `app.config["SLACK"]` are other
things, and only a path some module of the run assigns an `APIClient(...)` to is traced. A path is named
"state.nylas", "g.nylas", "config[NYLAS]", "extensions[nylas]" or "app.nylas" whatever the object in front
(`app`, `request.app`, `self.app`, `current_app`), as both sides of a Flask or Starlette app name it.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from codemods.analysis.trees import walk_module

PREFIX = "@"  # marks a shared path among exported names: "@state.nylas"
_APP_ROOTS = {"app", "current_app"}
_FLASK_ATTRS = {"config", "extensions", "state", "logger", "name", "debug", "testing", "secret_key", "json",
                "jinja_env", "url_map", "view_functions", "blueprints", "root_path", "instance_path"}


def ast_path(node) -> Optional[str]:
    """The shared path an ast expression names, or None."""
    if isinstance(node, ast.Attribute):
        inner = node.value
        if isinstance(inner, ast.Attribute) and inner.attr == "state":
            return f"state.{node.attr}"
        if isinstance(inner, ast.Name) and inner.id == "g":
            return f"g.{node.attr}"
        if isinstance(inner, ast.Name) and inner.id in _APP_ROOTS and node.attr not in _FLASK_ATTRS:
            return f"app.{node.attr}"
        return None
    if isinstance(node, ast.Subscript):
        key = node.slice
        if (isinstance(node.value, ast.Attribute) and node.value.attr in ("config", "extensions")
                and isinstance(key, ast.Constant) and isinstance(key.value, str)):
            return f"{node.value.attr}[{key.value}]"
        return None
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get"
            and isinstance(node.func.value, ast.Attribute) and node.func.value.attr in ("config", "extensions")
            and len(node.args) == 1 and not node.keywords and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)):
        return f"{node.func.value.attr}[{node.args[0].value}]"
    return None


def cst_path(node) -> Optional[str]:
    """The shared path a libcst expression names, or None (the same rules as ast_path)."""
    import libcst as cst  # here, not at the top: index.py reads app state with ast alone

    if isinstance(node, cst.Attribute):
        inner, attr = node.value, node.attr.value
        if isinstance(inner, cst.Attribute) and inner.attr.value == "state":
            return f"state.{attr}"
        if isinstance(inner, cst.Name) and inner.value == "g":
            return f"g.{attr}"
        if isinstance(inner, cst.Name) and inner.value in _APP_ROOTS and attr not in _FLASK_ATTRS:
            return f"app.{attr}"
        return None
    if isinstance(node, cst.Subscript):
        if (isinstance(node.value, cst.Attribute) and node.value.attr.value in ("config", "extensions")
                and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index)):
            key = _literal(node.slice[0].slice.value)
            return f"{node.value.attr.value}[{key}]" if key is not None else None
        return None
    if (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "get"
            and isinstance(node.func.value, cst.Attribute) and node.func.value.attr.value in ("config", "extensions")
            and len(node.args) == 1 and node.args[0].keyword is None and not node.args[0].star):
        key = _literal(node.args[0].value)
        return f"{node.func.value.attr.value}[{key}]" if key is not None else None
    return None


def _literal(node) -> Optional[str]:
    import libcst as cst

    if isinstance(node, cst.SimpleString) and not node.prefix.strip("rRuU"):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def assigned(tree: ast.Module, is_ctor) -> Dict[str, int]:
    """Shared paths this module assigns an APIClient(...) to, anywhere in it -> the constructor's line."""
    out = {}
    for node in walk_module(tree):
        if isinstance(node, ast.Assign) and is_ctor(node.value):
            for target in node.targets:
                path = ast_path(target)
                if path is not None:
                    out[path] = node.value.lineno
    return out


def _word(path: str) -> bytes:
    return re.split(r"[.\[\]]", path)[1].encode()


def readers(files: Sequence[Tuple[Path, bytes]], shared: Dict[str, Tuple[Path, str]], parse):
    """(module, "@path", "shared", origin, "@path") for each module of the run that reads a traced path."""
    words = {_word(path) for path in shared}
    out: List[tuple] = []
    for path, raw in files:
        if not str(path).endswith(".py") or not any(w in raw for w in words):
            continue
        tree = parse(path, raw)
        if tree is None:
            continue
        seen = set()
        for node in walk_module(tree):
            if isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)) and not isinstance(
                    getattr(node, "ctx", None), ast.Store):
                name = ast_path(node)
                if name in shared and name not in seen:
                    seen.add(name)
                    origin, exported = shared[name]
                    out.append((path, exported, "shared", origin, exported))
    return out
