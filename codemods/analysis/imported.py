"""Clients that come from another module of the project: `from services.mail import nylas`, `from . import
nylas` (a package's __init__.py), `client = make_client(token)` with make_client imported from a module whose
function returns an APIClient. The origin is read on demand (index.py), only for the modules this one
imports from, so a one-file pre-commit run reads those and nothing else.

Each v2 use of such a client is reported (SDK092), naming where it is built: a client moves to v6 only with
every use of it, in every module, so nothing here is rewritten.
"""
from __future__ import annotations

from pathlib import Path
from typing import Dict, Set, Tuple

import libcst as cst

from codemods.analysis.index import facts_of
from codemods.analysis.module_uses import _outer, _short
from codemods.analysis.resolve import module_file


def _relative_level(stmt: cst.ImportFrom) -> int:
    return len(stmt.relative)


def origins(ctx) -> Tuple[Dict[str, str], Dict[str, str]]:
    """(local client names -> "origin:line", local factory names -> "origin:line") from this module's imports."""
    from codemods.module_index import dotted_name

    here = Path(ctx.path)
    clients, factories = {}, {}
    if not here.is_file():
        return clients, factories
    for stmt in ctx.index.imports:
        if not isinstance(stmt, cst.ImportFrom) or isinstance(stmt.names, cst.ImportStar):
            continue
        module = dotted_name(stmt.module) if stmt.module is not None else None
        if module and module.split(".")[0] in ("nylas", "nylas_legacy"):
            continue
        level = _relative_level(stmt)
        target = module_file(here, module, level)
        for alias in stmt.names:
            name = dotted_name(alias.name)
            local = alias.asname.name.value if alias.asname else name
            facts = facts_of(target) if target is not None else None
            if facts is None or not name:
                # `from . import mail` names a submodule: its module-level client is read as mail.nylas (not yet)
                continue
            shown = _display(target)
            if name in facts.clients:
                clients[local] = f"{shown}:{facts.clients[name]}"
            elif name in facts.factories:
                factories[local] = f"{shown}:{facts.factories[name]}"
    return clients, factories


def _display(path: Path) -> str:
    import os

    rel = os.path.relpath(path)
    return str(path) if rel.startswith("..") else rel


def report(ctx, sdk) -> None:
    clients, factories = origins(ctx)
    if not clients and not factories:
        return
    from codemods.fixers.sdk import _is_client
    from codemods.module_index import scope_stack, scoped_key

    keys: Dict[Tuple[int, str], str] = {(0, name): where for name, where in clients.items()}
    for key, value, _ in ctx.index.pairs:  # client = make_client(token)
        if isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and value.func.value in factories:
            keys[key] = factories[value.func.value]
    rule = sdk.notes.get("client_imported")
    if rule is None:
        return
    done: Set[int] = set()
    for attrs in ctx.index.attributes.values():
        for attr in attrs:
            recv = attr.value
            if not isinstance(recv, cst.Name):
                continue
            key = scoped_key(ctx.index, recv.value, scope_stack(ctx.index.parents, recv))
            if key not in keys or not _is_client(ctx, recv, set(keys)):
                continue
            chain = _outer(ctx, attr)
            if id(chain) in done or not isinstance(chain, (cst.Call, cst.Subscript, cst.Attribute)):
                continue
            done.add(id(chain))
            ctx.report(chain, rule, f"{_short(ctx, chain)}: the v2 client built at {keys[key]}; {rule.message}")
