"""Names the tool introduces, checked against the module's own bindings (issue 13 class 2).

`from nylas import APIClient` → `from nylas import Client` is wrong in a module that also binds `Client`
(`from .http import Client`, `class Client`, `Client = ...`): whichever binding comes later wins, and
`Client(api_key=...)` may build the app's class. On such a clash the SDK class is imported under an alias
(`from nylas import Client as NylasClient`) and every rewritten use says the alias.
"""
from __future__ import annotations

from typing import Iterable

import libcst as cst

from codemods.module_index import dotted_name

ALIAS = "NylasClient"


def binds(ctx, name: str, ignore: Iterable[str] = ()) -> bool:
    """Does the module use `name` as a plain name anywhere (a binding, or a read of one from a star import)?
    Conservative: any plain `name` counts (an attribute `x.name` does not)."""
    if name in ignore:
        return False
    for node in ctx.index.names.get(name, ()):
        parent = ctx.parent(node)
        if isinstance(parent, cst.Attribute) and parent.attr is node:
            continue
        return True
    for stmt in ctx.index.imports:  # `from .http import *` may bind it where no name shows it
        if isinstance(stmt, cst.ImportFrom) and isinstance(stmt.names, cst.ImportStar) and (
                stmt.relative or (dotted_name(stmt.module) or "").split(".")[0] not in ("nylas", "nylas_legacy")):
            return True
    return False


def free_name(ctx, wanted: str, alias: str = ALIAS, ignore: Iterable[str] = ()) -> str:
    """`wanted` when the module does not use it already, else an alias no name of the module uses."""
    if not binds(ctx, wanted, ignore):
        return wanted
    candidate, n = alias, 2
    while ctx.index.names.get(candidate) or candidate in ctx.text:
        candidate, n = f"{alias}{n}", n + 1
    return candidate
