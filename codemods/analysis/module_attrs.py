"""Clients reached through a module object: `import app` then `app.nylas.threads.where(...)` (a module-level
client read as a module attribute), and `from services import mail` (or `import services.mail as mail`) then
`mail.make_client(token)` (a factory called as a module attribute).

The project pass (project.py) treats each as it treats `from app import nylas`: the consumer's local name is the
dotted one (`app.nylas`, `mail.make_client`), and only a module that writes `<local>.<name>` is a consumer. A
dotted use the pass cannot follow (the module is reached some other way: importlib, a name rebound to it) holds
its client on v2 (unfollowed_uses), so a client never moves without every use of it.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

import libcst as cst

from codemods.analysis.resolve import module_file
from codemods.analysis.trees import imports


def module_imports(path: Path, tree: ast.Module, cache: Optional[dict] = None) -> Iterator[Tuple[str, Path, int]]:
    """(the local dotted name of an imported module of the project, its file, the import's line). cache: where
    imports resolve, shared by the modules of one folder (a run asks the same ones over and over)."""
    cache = {} if cache is None else cache

    def find(dotted, level):
        key = (str(path.parent), dotted, level)
        if key not in cache:
            cache[key] = module_file(path, dotted, level)
        return cache[key]

    for node in imports(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in ("nylas", "nylas_legacy"):
                    continue
                target = find(alias.name, 0)
                if target is not None:
                    yield alias.asname or alias.name, target, node.lineno
                parts = alias.name.split(".")
                for size in range(1, len(parts)) if alias.asname is None else ():
                    package = find(".".join(parts[:size]), 0)  # `import app.views` binds app too
                    if package is not None:
                        yield ".".join(parts[:size]), package, node.lineno
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] not in ("nylas", "nylas_legacy"):
            for alias in node.names:
                if alias.name == "*":
                    continue
                dotted = f"{node.module}.{alias.name}" if node.module else alias.name
                target = find(dotted, node.level)  # a submodule, not a name of the package
                if target is not None:
                    yield alias.asname or alias.name, target, node.lineno


def file_imports(ctx) -> List[Tuple[str, Path, int]]:
    """module_imports of the module being fixed, found once for the analyses that ask (module attributes,
    untraced receivers)."""
    found = ctx.memo.get("module_imports")
    if found is None:
        found = ctx.memo["module_imports"] = list(module_imports(Path(ctx.path), ctx.ast_tree))
    return found


def called(value) -> Optional[str]:
    """`f(...)`, `mail.make_client(...)` (or awaited): the dotted name called, else None."""
    if isinstance(value, ast.Await):
        value = value.value
    if not isinstance(value, ast.Call):
        return None
    parts, node = [], value.func
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    return ".".join([node.id] + parts[::-1]) if isinstance(node, ast.Name) else None


def consumers(files, origins, raw_of, tree_of) -> List[Tuple[Path, str, str, Path, str]]:
    """(consumer, "local.name", client|factory|context, origin, name) for each `<module>.<name>` written in a
    module that imports the origin as a module object."""
    stems = {(o.parent.name if o.name == "__init__.py" else o.stem).encode() for o in origins}
    names = {n.encode() for names, _, _ in origins.values() for n in names if n[:1] != "@"}
    if not names:
        return []
    dotted_names = [b"." + n for n in names]  # <module>.<name>, searched as plain bytes (a regex is slower)
    out, cache = [], {}
    for path, raw in files:
        if not str(path).endswith(".py") or not any(n in raw for n in dotted_names) or b"import" not in raw or (
                not any(s in raw for s in stems)):
            continue
        tree = tree_of(path, raw)
        if tree is None:
            continue
        here = path.resolve()
        for local, target, _ in module_imports(path, tree, cache):
            target = target.resolve()
            if target not in origins or target == here:
                continue
            names, factories, contexts = origins[target]
            for name in names:
                if name.startswith("@"):
                    continue  # app state is read by its path (shared_state.py)
                dotted = f"{local}.{name}"
                if not re.search(rb"(?<![\w.])%s\b" % re.escape(dotted.encode()), raw):
                    continue
                raw_of.seed(path, raw)
                kind = "factory" if name in factories else "context" if name in contexts else "client"
                out.append((path, dotted, kind, target, name))
    return out


def is_settings(path: Path) -> bool:
    """A Django settings module: settings.py, *_settings.py, or a module of a settings/ package."""
    return path.stem == "settings" or path.stem.endswith("_settings") or path.parent.name == "settings"


def settings_consumers(files, origins, raw_of, tree_of):
    """Django settings: `NYLAS_CLIENT = APIClient(...)` in a settings module of the run, read elsewhere as
    `settings.NYLAS_CLIENT` after `from django.conf import settings`. Returns (consumers as consumers() gives them,
    {(origin, name): why it is held} for a name more than one settings module assigns a client to: which one
    django.conf.settings holds depends on DJANGO_SETTINGS_MODULE, which the tool does not know)."""
    by_name: Dict[str, List[Path]] = {}
    for origin, (names, factories, contexts) in origins.items():
        if is_settings(origin):
            for name in names:
                if name not in factories and name not in contexts and name[:1] != "@":
                    by_name.setdefault(name, []).append(origin)
    if not by_name:
        return [], {}
    held = {}
    for name, where in by_name.items():
        if len(where) > 1:
            from codemods.analysis.imported import _display

            shown = ", ".join(sorted(_display(p) for p in where))
            why = (f"{name} is assigned a client in more than one settings module ({shown}): which one "
                   "django.conf.settings holds depends on DJANGO_SETTINGS_MODULE")
            held.update({(origin, name): why for origin in where})
    out = []
    for path, raw in files:
        if not str(path).endswith(".py") or b"django.conf" not in raw:
            continue
        tree = tree_of(path, raw)
        if tree is None:
            continue
        locals_ = {a.asname or a.name for node in imports(tree) if isinstance(node, ast.ImportFrom)
                   and node.module == "django.conf" and not node.level for a in node.names if a.name == "settings"}
        for local in locals_:
            for name, where in by_name.items():
                dotted = f"{local}.{name}"
                if path.resolve() in where or not re.search(rb"(?<![\w.])%s\b" % re.escape(dotted.encode()), raw):
                    continue
                raw_of.seed(path, raw)
                out.append((path, dotted, "client", sorted(where)[0], name))
    return out, held


def unfollowed_uses(files, origin: Path, name: str, members) -> List[Tuple[Path, int]]:
    """Modules outside the client's members that write `<stem>.<name>` and import something named stem (or
    name it in a string: import_module("app")): a module attribute read the pass did not follow (it must hold
    the client back)."""
    return UnfollowedUses(files, [(origin, name)]).of(origin, name, members)


class UnfollowedUses:
    """unfollowed_uses for every (origin, name) of a plan, found in one pass over the files (a pass per client
    grew with clients times files). A file is searched for `<stem>.<name>` only when it holds `.<name>`, a
    plain bytes search: the names are few (every client of a monorepo may be called `client`)."""

    def __init__(self, files, pairs):
        searches = {}  # b"stem.name" -> (its use, an import of stem)
        for origin, name in pairs:
            stem = _stem(origin).encode()
            plain = stem + b"." + name.encode()
            if plain not in searches:
                searches[plain] = (
                    re.compile(rb"(?<![\w.])%s\.%s\b" % (re.escape(stem), re.escape(name.encode()))),
                    re.compile(rb"^[ \t]*(?:import|from)[ \t][^\n]*\b%s\b|[\"'.]%s[\"']" % (
                        re.escape(stem), re.escape(stem)), re.MULTILINE))  # or import_module("app")
        gates: Dict[bytes, List[bytes]] = {}  # b".name" -> the searches that need it
        for plain in searches:
            gates.setdefault(plain[plain.index(b"."):], []).append(plain)
        self._hits: Dict[bytes, List[Tuple[Path, int]]] = {plain: [] for plain in searches}
        for path, raw in files:
            if not str(path).endswith(".py"):
                continue
            for gate, plains in gates.items():
                if gate not in raw:
                    continue
                for plain in plains:
                    use, imports = searches[plain]
                    hit = use.search(raw) if plain in raw else None
                    if hit is not None and imports.search(raw):
                        self._hits[plain].append((path, raw.count(b"\n", 0, hit.start()) + 1))

    def of(self, origin: Path, name: str, members) -> List[Tuple[Path, int]]:
        plain = _stem(origin).encode() + b"." + name.encode()
        return [(path, line) for path, line in self._hits[plain]
                if path.resolve() not in members and path.resolve() != origin]


def _stem(origin: Path) -> str:
    return origin.parent.name if origin.name == "__init__.py" else origin.stem


# -- the libcst side: the key a receiver is traced by ------------------------------------------------------

def dotted_keys(keys) -> bool:
    """Do the keys hold a module attribute (`app.nylas`, `()mail.make_client`)? (not `.attr`, `@state.x`)"""
    return any(isinstance(k[1], str) and "." in k[1] and k[1][0] not in ".@" for k in keys)


def receiver_key(ctx, recv) -> Optional[Tuple[int, str]]:
    """(0, "app.nylas") for `app.nylas`, (0, "()mail.make_client") for `mail.make_client(token)`, when the
    chain's root name is an import of the module (not a local variable of the same name)."""
    from codemods.module_index import dotted_name

    call = isinstance(recv, cst.Call)
    dotted = dotted_name(recv.func if call else recv)
    if dotted is None or "." not in dotted:
        return None
    root = dotted.split(".")[0]
    if root in ("self", "cls") or not _module_bound(ctx, root, recv):
        return None
    return (0, ("()" if call else "") + dotted)


def _module_bound(ctx, root: str, node) -> bool:
    """Does `root` here mean what the module's imports bind (module scope, or an import in this function)?"""
    from codemods.module_index import scope_stack, scoped_key

    stack = scope_stack(ctx.index.parents, node)
    scope, _ = scoped_key(ctx.index, root, stack)
    if scope == 0:
        return True
    return any(scope_stack(ctx.index.parents, stmt)[-1] == scope and root in _bound_names(stmt)
               for stmt in ctx.index.imports)


def _bound_names(stmt) -> set:
    from codemods.module_index import dotted_name

    if isinstance(stmt.names, cst.ImportStar):
        return set()
    out = set()
    for alias in stmt.names:
        name = alias.asname.name.value if alias.asname else (dotted_name(alias.name) or "").split(".")[0]
        out.add(name)
    return out


def one_file_origins(ctx) -> Tuple[Dict[str, str], Dict[str, str], Dict[str, str]]:
    """For a run without the project pass's plan: (clients, factories, contexts) reached as module attributes,
    local dotted name -> "origin:line", read on demand from the modules this one imports."""
    from pathlib import Path as _Path

    from codemods.analysis.imported import _display
    from codemods.analysis.index import facts_of

    here = _Path(ctx.path)
    clients, factories, contexts = {}, {}, {}
    if not here.is_file():
        return clients, factories, contexts
    tree = ctx.ast_tree
    if tree is None:
        return clients, factories, contexts
    for local, target, _ in file_imports(ctx):
        facts = facts_of(target)
        if facts is None:
            continue
        shown = _display(target)
        for names, into in ((facts.clients, clients), (facts.factories, factories), (facts.contexts, contexts)):
            for name, line in names.items():
                if f"{local}.{name}" in ctx.text:
                    into[f"{local}.{name}"] = f"{shown}:{line}"
    for local, target, name, line in _settings_reads(here, tree, ctx.text):
        clients[f"{local}.{name}"] = f"{_display(target)}:{line}"
    return clients, factories, contexts


def _settings_reads(here: Path, tree: ast.Module, text: str):
    """(local, settings module, name, line) for `settings.NAME` read here through django.conf, NAME a client some
    settings module near the import root builds (settings.py, settings/*.py one package down): read on demand."""
    from codemods.analysis.index import facts_of
    from codemods.analysis.resolve import import_root

    locals_ = {a.asname or a.name for node in imports(tree) if isinstance(node, ast.ImportFrom)
               and node.module == "django.conf" and not node.level for a in node.names if a.name == "settings"}
    if not locals_:
        return
    root = import_root(here)
    found = {}
    for pattern in ("settings.py", "*/settings.py", "*_settings.py", "*/*_settings.py", "*/settings/*.py",
                    "settings/*.py"):
        for candidate in sorted(root.glob(pattern)):
            facts = facts_of(candidate)
            for name, line in (facts.clients.items() if facts is not None else ()):
                found.setdefault(name, []).append((candidate, line))
    for local in locals_:
        for name, where in found.items():
            if f"{local}.{name}" in text and len(where) == 1:  # several: see settings_consumers (held, reported)
                yield local, where[0][0], name, where[0][1]
