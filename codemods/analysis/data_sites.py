"""Where a function of the project is called, read with CPython's ast (the data-flow pass, nylas_data.py).

For `handle_delta` in app/handlers.py: every call site in the files of the run (`handle_delta(delta)`,
`handlers.handle_delta(d)`, a Celery task's `process_delta.delay(delta)`, `.apply_async(args=[delta])`,
`.s(delta)`), each with the argument expression that fills each parameter; and every place it is reached some
other way (passed as a value, named in a string as a task sent by name, a star import, a decorator that lets a
framework call it), which means some call sites cannot be seen.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from codemods.analysis.resolve import module_file
from codemods.analysis.trees import imports, walk_module

TASK_CALLS = ("delay", "apply_async", "s", "si")  # Celery's ways to call a task with its arguments
# Calls that run the function given first with the arguments after it: FastAPI/Starlette
# BackgroundTasks.add_task, RQ's Queue.enqueue, concurrent.futures' Executor.submit
HANDOFF_CALLS = ("add_task", "enqueue", "submit")
THREADS = ("Thread", "Process")  # threading.Thread(target=f, args=(...), kwargs={...}), multiprocessing's
_TASK_DECORATORS = {"task", "shared_task", "actor"}  # Celery, Dramatiq: the calls above are its call sites
_NEWLINE = re.compile(rb"\r\n|\r|\n")
Position = Tuple[int, int]  # line (1-based), column in characters (0-based)


@dataclass(frozen=True)
class Signature:
    params: Tuple[str, ...]  # positional parameters, a bound task's `self` left out
    keyword_only: Tuple[str, ...]
    outside: str = ""  # why it may be called from code the pass cannot see ("" when nothing says so)


@dataclass
class Site:
    path: Path  # resolved
    line: int
    args: Dict[str, Position] = field(default_factory=dict)  # parameter -> position of its argument


def parse(raw: bytes, cache: dict, path: Path):
    if path not in cache:
        from codemods.analysis.trees import parse as parse_once

        cache[path] = parse_once(raw)
    return cache[path]


def signature(tree, name: str) -> Optional[Signature]:
    """The top-level function `name` of the module, if it is one."""
    for node in tree.body if tree is not None else ():
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
            a = node.args
            params = [p.arg for p in a.posonlyargs + a.args]
            outside = ""
            for decorator in node.decorator_list:
                call = decorator if isinstance(decorator, ast.Call) else None
                dotted = _dotted(call.func if call else decorator) or "?"
                if dotted.split(".")[-1] not in _TASK_DECORATORS:
                    outside = f"{name}() is decorated with @{dotted}, so it may be called in ways the tool cannot see"
                elif call is not None and any(k.arg == "bind" and isinstance(k.value, ast.Constant) and k.value.value
                                              for k in call.keywords):
                    params = params[1:]  # a bound task: Celery passes the task itself first
            return Signature(tuple(params), tuple(p.arg for p in a.kwonlyargs), outside)
    return None


def _dotted(node) -> Optional[str]:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else None
    return None


def resolve_callee(path: Path, tree, local: str) -> Optional[Tuple[Path, str]]:
    """(resolved module file, function name) that `local` (`f` or `module.f`) names in this module."""
    if tree is None:
        return None
    head, _, attr = local.partition(".")
    for node in tree.body:
        if not attr and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == head:
            return path, head
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if (alias.asname or alias.name) != head:
                    continue
                if not attr:
                    target = module_file(path, node.module, node.level)
                    return (target.resolve(), alias.name) if target is not None else None
                sub = ".".join(p for p in (node.module, alias.name) if p)
                target = module_file(path, sub, node.level)  # `from app import tasks` then tasks.f
                return (target.resolve(), attr) if target is not None else None
        if isinstance(node, ast.Import) and attr:
            for alias in node.names:
                if alias.asname == head or (alias.asname is None and alias.name == head):
                    target = module_file(path, alias.name, 0)
                    return (target.resolve(), attr) if target is not None else None
    return None


def files_naming(files: Sequence[Tuple[Path, bytes]], names) -> Dict[str, List[Tuple[Path, bytes]]]:
    """name -> the files whose bytes contain it as a word: one search per file for all the names."""
    names = sorted(set(names), key=len, reverse=True)
    if not names:
        return {}
    pattern = re.compile(rb"\b(%s)\b" % b"|".join(re.escape(n.encode()) for n in names))
    out: Dict[str, List[Tuple[Path, bytes]]] = {}
    for path, raw in files:
        if not str(path).endswith(".py"):
            continue
        for hit in set(pattern.findall(raw)):
            out.setdefault(hit.decode(), []).append((path, raw))
    return out


def bindings(path: Path, tree, callee: Path, name: str):
    """(names that call the function here, names of its module here, star import of its module?)"""
    local, modules, star = set(), set(), False
    if path == callee:
        local.add(name)
    for node in imports(tree):
        if isinstance(node, ast.ImportFrom):
            here = _target(path, node.module, node.level) == callee
            for alias in node.names:
                if here and alias.name == "*":
                    star = True
                elif here and alias.name == name:
                    local.add(alias.asname or alias.name)
                elif not here and _target(path, ".".join(p for p in (node.module, alias.name) if p),
                                          node.level) == callee:
                    modules.add(alias.asname or alias.name)
        else:
            for alias in node.names:
                if _target(path, alias.name, 0) == callee:
                    modules.add(alias.asname or alias.name)
    return local, modules, star


# A run asks for the bindings of each (module, function) pair in each file that names the function: the
# import statements of a file (trees.imports, once per tree) and where each import leads are found once, not
# once per pair (a dense run has hundreds of files returning a reply, with common function names).
_TARGETS: Dict[Tuple[Path, Optional[str], int], Optional[Path]] = {}


def _target(path: Path, module: Optional[str], level: int) -> Optional[Path]:
    key = (path, module, level)
    if key not in _TARGETS:
        target = module_file(path, module, level)
        _TARGETS[key] = target.resolve() if target is not None else None
    return _TARGETS[key]


def sites(callee: Path, name: str, sig: Signature, naming, trees, display) -> Tuple[List[Site], List[str]]:
    """(call sites, places where it is reached some other way) over the files that name it."""
    found: List[Site] = []
    unseen: List[str] = []
    for path, raw in naming:
        resolved = path.resolve()
        tree = parse(raw, trees, resolved)
        if tree is None:
            unseen.append(f"{display(path)} names {name} but cannot be parsed")
            continue
        local, modules, star = bindings(resolved, tree, callee, name)
        if star:
            unseen.append(f"{display(path)} imports * from its module")
        parents = {child: node for node in walk_module(tree) for child in ast.iter_child_nodes(node)}
        lines = None
        for node in walk_module(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and (
                    node.value == name or node.value.endswith("." + name)) and not _in_all(node, parents):
                unseen.append(f"{display(path)}:{node.lineno} names {name} in a string (a task sent by name?)")
                continue
            ref = (isinstance(node, ast.Name) and node.id in local and isinstance(node.ctx, ast.Load)) or (
                isinstance(node, ast.Attribute) and node.attr == name and isinstance(node.value, ast.Name)
                and node.value.id in modules)
            if not ref:
                continue
            parent = parents.get(node)
            how = None
            call = parent
            if isinstance(parent, ast.Call) and parent.func is node:
                how = "call"
            elif isinstance(parent, ast.Attribute) and parent.attr in TASK_CALLS:
                call = parents.get(parent)
                how = parent.attr if isinstance(call, ast.Call) and call.func is parent else None
            elif isinstance(parent, ast.Call) and parent.args and parent.args[0] is node and isinstance(
                    parent.func, ast.Attribute) and parent.func.attr in HANDOFF_CALLS:
                how = "handoff"
            elif isinstance(parent, ast.keyword) and parent.arg == "target":
                call = parents.get(parent)
                how = "thread" if isinstance(call, ast.Call) and (_dotted(call.func) or "").split(".")[-1] in THREADS \
                    else None
            if how is None:
                unseen.append(f"{display(path)}:{node.lineno} refers to {name}() other than by calling it")
                continue
            lines = lines if lines is not None else _NEWLINE.split(raw)
            found.append(Site(resolved, call.lineno, _arguments(call, how, sig, lines)))
    found.sort(key=lambda site: (str(site.path), site.line))  # ast.walk is breadth-first: say them in file order
    return found, sorted(unseen)


def _in_all(node, parents) -> bool:
    """A string of `__all__ = [...]`: an export list, not a call."""
    cur = parents.get(node)
    while cur is not None and not isinstance(cur, ast.stmt):
        cur = parents.get(cur)
    return isinstance(cur, (ast.Assign, ast.AugAssign)) and any(
        isinstance(t, ast.Name) and t.id == "__all__" for t in getattr(cur, "targets", [getattr(cur, "target", None)]))


def _arguments(call: ast.Call, how: str, sig: Signature, lines) -> Dict[str, Position]:
    positional, keywords = list(call.args), {k.arg: k.value for k in call.keywords if k.arg}
    if how == "handoff":  # add_task(f, *args, **kwargs)
        positional = positional[1:]
    if how in ("apply_async", "thread"):  # apply_async(args=[...], kwargs={...}) or apply_async((...), {...})
        given = keywords.get("args", positional[0] if positional and how == "apply_async" else None)
        extra = keywords.get("kwargs", positional[1] if len(positional) > 1 and how == "apply_async" else None)
        positional = list(given.elts) if isinstance(given, (ast.List, ast.Tuple)) else []
        keywords = {k.value: v for k, v in zip(extra.keys, extra.values) if isinstance(k, ast.Constant)
                    and isinstance(k.value, str)} if isinstance(extra, ast.Dict) else {}
    out = {}
    for param, arg in zip(sig.params, positional):
        if isinstance(arg, ast.Starred):
            break
        out[param] = _position(arg, lines)
    for param in sig.params + sig.keyword_only:
        if param in keywords and param not in out:
            out[param] = _position(keywords[param], lines)
    return out


def _position(node, lines) -> Position:
    """ast's column counts UTF-8 bytes; libcst's counts characters."""
    line = lines[node.lineno - 1] if node.lineno - 1 < len(lines) else b""
    return node.lineno, len(line[:node.col_offset].decode("utf-8", "replace"))
