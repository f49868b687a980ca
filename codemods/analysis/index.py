"""Per-module facts about v2 clients, read with CPython's `ast` (cheaper than libcst, enough to state them).

What one module alone can say: which module-level names are bound to `APIClient(...)`, and which functions
return one (`return APIClient(...)`, or a name bound to one in that function; the result of another such
function of the module, `client = create_client()` then `return client`; or anything, when the function is
annotated `-> APIClient`, `-> nylas.APIClient`, `-> Optional[APIClient]`). Read on demand, for a
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
    # factories known only by their `-> APIClient` annotation: the constructor they return is not in the module
    annotated: FrozenSet[str] = frozenset()
    shared: Dict[str, int] = field(default_factory=dict)  # app state path (shared_state.py) -> constructor line


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
    chained: Dict[str, Tuple[str, int]] = {}  # function -> (the module function whose result it returns, line)
    annotated: Dict[str, int] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and _is_ctor(node.value, classes, modules):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    clients[target.id] = node.lineno
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            local, called = {}, {}
            for inner in ast.walk(node):
                if isinstance(inner, ast.Assign) and _is_ctor(inner.value, classes, modules):
                    local.update({t.id: inner.lineno for t in inner.targets if isinstance(t, ast.Name)})
                elif isinstance(inner, ast.Assign) and _called_name(inner.value):
                    called.update({t.id: _called_name(inner.value) for t in inner.targets if isinstance(t, ast.Name)})
            for inner in ast.walk(node):
                if isinstance(inner, ast.Return) and inner.value is not None:
                    if _is_ctor(inner.value, classes, modules):
                        factories[node.name] = inner.value.lineno
                    elif isinstance(inner.value, ast.Name) and inner.value.id in local:
                        factories[node.name] = local[inner.value.id]
                    elif _called_name(inner.value) or (isinstance(inner.value, ast.Name) and inner.value.id in called):
                        chained[node.name] = (_called_name(inner.value) or called[inner.value.id], inner.lineno)
            if node.returns is not None and _names_client(node.returns, classes, modules):
                annotated[node.name] = node.lineno
        elif isinstance(node, ast.ClassDef):
            line = _entered_client(node, classes, modules)
            if line is not None:
                contexts[node.name] = line
    grew = True
    while grew:  # create_client_for(user) returns create_client()'s client: a factory too
        grew = False
        for name, (callee, _) in chained.items():
            if name not in factories and callee in factories:
                factories[name] = factories[callee]
                grew = True
    untraced = set()
    for name, line in annotated.items():
        if name not in factories:
            factories[name] = line
            untraced.add(name)
    from codemods.analysis.shared_state import assigned

    shared = assigned(tree, lambda value: _is_ctor(value, classes, modules))
    return ModuleFacts(clients, factories, contexts, frozenset(untraced), shared)


def _called_name(value) -> Optional[str]:
    """`f(...)` (or `await f(...)`) with f a plain name: f."""
    if isinstance(value, ast.Await):
        value = value.value
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
        return value.func.id
    return None


def _names_client(annotation, classes, modules) -> bool:
    """`APIClient`, `nylas.APIClient`, `Optional[APIClient]`, `"APIClient"`, `APIClient | None`."""
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            annotation = ast.parse(annotation.value, mode="eval").body
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return False
    if isinstance(annotation, ast.Name):
        return annotation.id in classes
    if isinstance(annotation, ast.Attribute):
        return annotation.attr == "APIClient" and isinstance(annotation.value, ast.Name) and (
            annotation.value.id in modules)
    if isinstance(annotation, ast.Subscript):  # Optional[APIClient], Union[APIClient, None]
        head = annotation.value.attr if isinstance(annotation.value, ast.Attribute) else getattr(
            annotation.value, "id", "")
        if head not in ("Optional", "Union"):
            return False
        inner = annotation.slice.elts if isinstance(annotation.slice, ast.Tuple) else [annotation.slice]
        named = [e for e in inner if not (isinstance(e, ast.Constant) and e.value is None)]
        return len(named) == 1 and _names_client(named[0], classes, modules)
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        sides = [annotation.left, annotation.right]
        named = [e for e in sides if not (isinstance(e, ast.Constant) and e.value is None)]
        return len(named) == 1 and _names_client(named[0], classes, modules)
    return False


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
