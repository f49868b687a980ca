"""Shapes 5 and 6 of issue 12: a parameter that receives a client at every call site in the project
(`def count_unread(nylas, folder)` called as `count_unread(client, "inbox")`), and the attribute a class sets
from such a parameter in `__init__` (`self.client = client`).

Read with CPython's ast over the files of the run. A parameter is a client only when the function (or class)
has at least one call site, every call site passes, at that parameter, a name holding one and the same
client, and the function is never referred to otherwise (passed as a value, called as `module.f(...)`):
anything else leaves it untraced, and its calls are reported, never rewritten.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from codemods.analysis.module_attrs import called
from codemods.analysis.resolve import module_file
from codemods.analysis.trees import walk_module

Group = Tuple[Path, str]


def _parse(raw: bytes, cache: dict, path: Path):
    if path not in cache:
        from codemods.analysis.trees import parse

        cache[path] = parse(raw)
    return cache[path]


def _signature(tree: ast.Module, name: str):
    """(parameter names, {param: self attribute set from it}, class?) of a top-level def or class, else None."""
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
            a = node.args
            return [p.arg for p in a.posonlyargs + a.args], [p.arg for p in a.kwonlyargs], {}, False
        if isinstance(node, ast.ClassDef) and node.name == name:
            init = next((n for n in node.body if isinstance(n, ast.FunctionDef) and n.name == "__init__"), None)
            if init is None:
                return None
            a = init.args
            attrs = {}
            for stmt in ast.walk(init):
                if (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.value, ast.Name)
                        and isinstance(stmt.targets[0], ast.Attribute)
                        and isinstance(stmt.targets[0].value, ast.Name) and stmt.targets[0].value.id == "self"):
                    attrs[stmt.value.id] = stmt.targets[0].attr
            return [p.arg for p in (a.posonlyargs + a.args)[1:]], [p.arg for p in a.kwonlyargs], attrs, True
    return None


def _attr_set_elsewhere(tree: ast.Module, cls: str, attr: str) -> bool:
    """Does another class of the module set self.<attr>? (attributes are traced by name, module-wide)"""
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name != cls:
            for inner in ast.walk(node):
                if (isinstance(inner, ast.Attribute) and isinstance(inner.ctx, ast.Store) and inner.attr == attr
                        and isinstance(inner.value, ast.Name) and inner.value.id == "self"):
                    return True
    return False


def _traced(path: Path, tree: ast.Module, origins, imported: Dict[str, Group]):
    """Per function (and "" for the module): name -> group, for names holding an exported client here."""
    own = origins.get(path)
    module: Dict[str, Group] = {}
    factories: Dict[str, Group] = {}
    if own:
        names, facs, contexts = own
        module.update({n: (path, n) for n in names if n not in facs and n not in contexts})
        factories.update({n: (path, n) for n in facs})
    for local, group in imported.items():
        if group[1] in origins[group[0]][2]:
            continue  # a context manager: `with C() as c` (not followed into calls yet)
        (factories if group[1] in origins[group[0]][1] else module)[local] = group
    scopes = {"": dict(module)}
    for node in walk_module(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names = dict(module)
            for inner in ast.walk(node):
                if isinstance(inner, ast.Assign) and called(inner.value) in factories:  # also mail.make_client()
                    for t in inner.targets:
                        if isinstance(t, ast.Name):
                            names[t.id] = factories[called(inner.value)]
            scopes[id(node)] = names
    return scopes


def param_clients(files, origins, consumers, resolved, trees=None) -> List[Tuple[Path, str, str, Group]]:
    """(module, "f.param" or "Class.attr", "param"|"attr", group) for each parameter every caller fills with
    the same client. resolved: resolved path -> (path, raw) for the files of the run."""

    class _Raw:
        @staticmethod
        def get(key, default=b""):
            hit = resolved.get(key)
            return hit[1] if hit else default

    raw_of = _Raw()
    trees = {} if trees is None else trees  # resolved path -> ast tree, shared with the plan's other passes
    imported: Dict[Path, Dict[str, Group]] = {}
    for consumer, local, _kind, origin, name in consumers:
        imported.setdefault(consumer.resolve(), {})[local] = (origin, name)
    callers = set(origins) | set(imported)
    # 1. candidate callees: calls in caller modules that pass a traced name
    candidates: Dict[Tuple[Path, str], None] = {}
    for caller in callers:
        if not _may_pass_client(raw_of.get(caller, b""), origins.get(caller), imported.get(caller, {}), origins):
            continue
        tree = _parse(raw_of.get(caller, b""), trees, caller)
        if tree is None:
            continue
        scopes = _traced(caller, tree, origins, imported.get(caller, {}))
        functions = {id(n): n for n in walk_module(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
        for func_id, names in scopes.items():
            body = tree if func_id == "" else functions[func_id]
            for call in ast.walk(body):
                if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and any(
                        isinstance(a, ast.Name) and a.id in names for a in list(call.args) + [k.value for k in call.keywords]):
                    target = _resolve(caller, tree, call.func.id)
                    if target is not None:
                        candidates[target] = None
    out = []
    for callee, name in candidates:
        out += _check(callee, name, files, raw_of, trees, origins, imported)
    return out


def _may_pass_client(raw: bytes, own, imported: Dict[str, Group], origins) -> bool:
    """Could a call in this module pass a client it traces (_traced) as an argument? Without a factory, the
    names it traces are the module's clients and those it imports, and a name passed as an argument is followed
    by `,` or `)` (after spaces, comments or a backslash): a module where none is never needs parsing here."""
    names = set()
    if own:
        if own[1]:
            return True  # names bound to a factory's result are traced too, whatever they are called
        names.update(n for n in own[0] if n not in own[2])
    for local, (origin, name) in imported.items():
        if name in origins[origin][1]:
            return True
        if name not in origins[origin][2]:
            names.add(local)
    names = {n for n in names if n.isidentifier()}  # app state paths ("@g.nylas") are never a Name
    if not names:
        return False
    if not all(n.isascii() for n in names):
        return True
    alternatives = b"|".join(re.escape(n.encode()) for n in sorted(names))
    # a comment runs to its newline: one way to match each character, so no exponential backtracking
    return re.search(rb"\b(?:%s)\b(?:\s|\\|#[^\n]*\n)*[,)]" % alternatives, raw) is not None


def _resolve(path: Path, tree: ast.Module, name: str) -> Optional[Tuple[Path, str]]:
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == name:
            return path, name
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if (alias.asname or alias.name) == name:
                    target = module_file(path, node.module, node.level)
                    return (target.resolve(), alias.name) if target is not None else None
    return None


def _check(callee: Path, name: str, files, raw_of, trees, origins, imported):
    """The parameters of callee.name that every call site fills with one client, as plan entries."""
    tree = _parse(raw_of.get(callee, b""), trees, callee)
    sig = _signature(tree, name) if tree is not None else None
    if sig is None:
        return []
    positional, keyword_only, attrs, is_class = sig
    word = re.compile(rb"\b%s\b" % re.escape(name.encode()))
    dotted = re.compile(rb"\.%s\b" % re.escape(name.encode()))
    imports = re.compile(rb"^[ \t]*from[ \t]+[\w.]+[ \t]+import[ \t]+(?:\([^)]*|[^\n]*)\b%s\b" % re.escape(
        name.encode()), re.MULTILINE)
    filled: Dict[str, set] = {}
    sites = 0
    for path, raw in files:
        if not word.search(raw):
            continue
        if dotted.search(raw) or b"import *" in raw:
            return []  # module.f(...), obj.f or a star import: ways in the tool does not follow
        if not imports.search(raw) and path.resolve() != callee:
            continue  # names it without importing it: another thing of the same name
        path = path.resolve()
        ftree = _parse(raw, trees, path)
        if ftree is None:
            return []
        local = _local_name(path, ftree, callee, name)
        if any(isinstance(n, ast.Attribute) and n.attr == name for n in walk_module(ftree)):
            return []  # module.f(...) or obj.f: a way in the tool does not follow
        if local is None:
            continue
        scopes = _traced(path, ftree, origins, imported.get(path, {}))
        calls = {}
        for func in [ftree] + [n for n in walk_module(ftree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]:
            names = scopes["" if func is ftree else id(func)]
            for call in ast.walk(func):
                if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == local:
                    calls[id(call)] = (call, names)  # the innermost function's view wins
        for n in walk_module(ftree):
            if isinstance(n, ast.Name) and n.id == local and isinstance(n.ctx, ast.Load) and not any(
                    c.func is n for c, _ in calls.values()):
                return []  # passed around as a value
        for call, names in calls.values():
            sites += 1
            given = {p: a for p, a in zip(positional, call.args)}
            given.update({k.arg: k.value for k in call.keywords if k.arg})
            if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
                return []
            for param in positional + keyword_only:
                arg = given.get(param)
                group = names.get(arg.id) if isinstance(arg, ast.Name) else None
                filled.setdefault(param, set()).add(group)
    out = []
    for param, groups in filled.items():
        if sites == 0 or len(groups) != 1 or None in groups:
            continue  # some call site passes something else there, or nothing
        (group,) = groups
        if not is_class:
            out.append((callee, f"{name}.{param}", "param", group))
        elif attrs.get(param) and not _attr_set_elsewhere(tree, name, attrs[param]):
            out.append((callee, f"{name}.{attrs[param]}", "attr", group))
    return out


def _local_name(path: Path, tree: ast.Module, callee: Path, name: str) -> Optional[str]:
    """The name under which this module calls callee.name, if it does."""
    if path == callee:
        return name
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            target = module_file(path, node.module, node.level)
            if target is not None and target.resolve() == callee:
                for alias in node.names:
                    if alias.name == name:
                        return alias.asname or alias.name
    return None
