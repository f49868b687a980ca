"""Per-module facts about v2 clients, read with CPython's `ast` (cheaper than libcst, enough to state them).

What one module alone can say: which module-level names are bound to `APIClient(...)`, and which functions
return one (`return APIClient(...)`, or a name bound to one in that function). Read on demand, for a
module another module imports from, and cached per process by path and modification time.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, FrozenSet, Optional, Tuple

_CACHE: Dict[Tuple[str, int], Optional["ModuleFacts"]] = {}


@dataclass(frozen=True)
class ModuleFacts:
    clients: Dict[str, int]  # module-level name -> line of its APIClient(...)
    factories: Dict[str, int]  # function returning an APIClient -> line of the constructor
    contexts: Dict[str, int] = field(default_factory=dict)  # class whose __enter__ returns one -> its line


def _ctor_names(tree: ast.Module) -> Tuple[FrozenSet[str], FrozenSet[str]]:
    """(names meaning APIClient, names meaning the nylas module) imported at module level."""
    classes, modules = set(), set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module in ("nylas", "nylas_legacy"):
            classes |= {a.asname or a.name for a in node.names if a.name == "APIClient"}
        elif isinstance(node, ast.Import):
            modules |= {a.asname or a.name for a in node.names if a.name in ("nylas", "nylas_legacy")}
    return frozenset(classes), frozenset(modules)


def _is_ctor(value, classes, modules) -> bool:
    if not isinstance(value, ast.Call):
        return False
    f = value.func
    return (isinstance(f, ast.Name) and f.id in classes) or (
        isinstance(f, ast.Attribute) and f.attr == "APIClient" and isinstance(f.value, ast.Name) and f.value.id in modules)


def facts_of_tree(tree: ast.Module) -> ModuleFacts:
    classes, modules = _ctor_names(tree)
    clients, factories, contexts = {}, {}, {}
    if not classes and not modules:
        return ModuleFacts(clients, factories, contexts)
    for node in tree.body:
        if isinstance(node, ast.Assign) and _is_ctor(node.value, classes, modules):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    clients[target.id] = node.lineno
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            local = {}
            for inner in ast.walk(node):
                if isinstance(inner, ast.Assign) and _is_ctor(inner.value, classes, modules):
                    local.update({t.id: inner.lineno for t in inner.targets if isinstance(t, ast.Name)})
            for inner in ast.walk(node):
                if isinstance(inner, ast.Return) and inner.value is not None:
                    if _is_ctor(inner.value, classes, modules):
                        factories[node.name] = inner.value.lineno
                    elif isinstance(inner.value, ast.Name) and inner.value.id in local:
                        factories[node.name] = local[inner.value.id]
        elif isinstance(node, ast.ClassDef):
            line = _entered_client(node, classes, modules)
            if line is not None:
                contexts[node.name] = line
    return ModuleFacts(clients, factories, contexts)


def _entered_client(cls: ast.ClassDef, classes, modules) -> Optional[int]:
    """The constructor line when the class's __enter__ returns an APIClient: directly, through a name bound to
    one there, or through `self.<attr>` that one of its methods sets to one (shape 3)."""
    enter = next((n for n in cls.body if isinstance(n, ast.FunctionDef) and n.name == "__enter__"), None)
    if enter is None:
        return None
    attrs, local = {}, {}
    for method in cls.body:
        for inner in ast.walk(method) if isinstance(method, ast.FunctionDef) else ():
            if isinstance(inner, ast.Assign) and _is_ctor(inner.value, classes, modules):
                for t in inner.targets:
                    if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == "self":
                        attrs[t.attr] = inner.lineno
                    elif isinstance(t, ast.Name) and method is enter:
                        local[t.id] = inner.lineno
    for inner in ast.walk(enter):
        if isinstance(inner, ast.Return) and inner.value is not None:
            value = inner.value
            if _is_ctor(value, classes, modules):
                return value.lineno
            if isinstance(value, ast.Name) and value.id in local:
                return local[value.id]
            if (isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name) and value.value.id == "self"
                    and value.attr in attrs):
                return attrs[value.attr]
    return None


def facts_of(path: Path) -> Optional[ModuleFacts]:
    """The facts of the module at path, or None if it cannot be read or parsed."""
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return None
    key = (str(path), stamp)
    if key not in _CACHE:
        try:
            raw = path.read_bytes()
            _CACHE[key] = facts_of_tree(ast.parse(raw)) if b"APIClient" in raw else ModuleFacts({}, {})
        except (OSError, SyntaxError, ValueError, RecursionError, MemoryError):
            _CACHE[key] = None
    return _CACHE[key]
