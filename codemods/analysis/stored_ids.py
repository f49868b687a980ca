"""Where an object id comes from, when it visibly comes from storage kept across the upgrade.

v3 object IDs are not v2's (rest_api_facts.md §5: v3 uses the provider's ids), so an id saved under v2 (a
database column, a cache entry, a link or form carrying it back as a request argument) finds nothing in v3.
Only plain, visible origins count, never a guess from a bare parameter:

- a request argument: a subscript or `.get()` on `request.args`, `.form`, `.values`, `.json`, `.GET`, `.POST`,
  `.query_params`, `request.get_json()`, or the Flask/Django `session`;
- a cache read: `.get(...)`/`.hget(...)` on a receiver whose name says cache or redis;
- a stored column named for Nylas: an attribute or key whose name holds "nylas" and ends in "id"
  (`user.nylas_thread_id`, `row["nylas_message_id"]`);
- a name bound once, in the same scope, to one of those.
"""
from __future__ import annotations

import re
from typing import Optional

import libcst as cst

from codemods.context import FileContext
from codemods.http_calls import _string_value
from codemods.module_index import dotted_name

REQUEST_PARTS = {"args", "form", "values", "json", "GET", "POST", "query_params", "data", "view_args", "cookies"}
_NYLAS_ID = re.compile(r"nylas\w*id$", re.I)
_CACHE = re.compile(r"cache|redis", re.I)


def stored_origin(ctx: FileContext, expr: cst.BaseExpression, follow: bool = True) -> Optional[str]:
    """A few words saying where the id comes from, or None when it is not visibly stored."""
    if isinstance(expr, cst.Attribute) and _NYLAS_ID.search(expr.attr.value):
        return f"the stored column {ctx.module.code_for_node(expr)}"
    if isinstance(expr, cst.Subscript) and len(expr.slice) == 1 and isinstance(expr.slice[0].slice, cst.Index):
        return _keyed(ctx, expr, expr.value, _string_value(expr.slice[0].slice.value))
    if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.args:
        method = expr.func.attr.value
        if method == "get":
            return _keyed(ctx, expr, expr.func.value, _string_value(expr.args[0].value))
        if method == "hget" and _CACHE.search(dotted_name(expr.func.value) or ""):
            return f"the cache read {ctx.module.code_for_node(expr)}"
    if follow and isinstance(expr, cst.Name):
        value = _single_binding(ctx, expr)
        if value is not None:
            found = stored_origin(ctx, value, follow=False)
            return f"{expr.value}, which is {found}" if found else None
    return None


def _keyed(ctx: FileContext, node, receiver: cst.BaseExpression, key: Optional[str]) -> Optional[str]:
    code = ctx.module.code_for_node(node)
    name = dotted_name(receiver) or ""
    if isinstance(receiver, cst.Call) and (dotted_name(receiver.func) or "").endswith("request.get_json"):
        name = "request.json"
    parts = name.split(".")
    if (len(parts) >= 2 and parts[-2] == "request" and parts[-1] in REQUEST_PARTS) or parts[-1] == "session":
        return f"the request argument {code}" if parts[-1] != "session" else f"the session value {code}"
    if _CACHE.search(name):
        return f"the cache read {code}"
    if key is not None and _NYLAS_ID.search(key):
        return f"the stored value {code}"
    return None


def _single_binding(ctx: FileContext, name: cst.Name) -> Optional[cst.BaseExpression]:
    from codemods.module_index import scope_stack, scoped_key

    key = scoped_key(ctx.index, name.value, scope_stack(ctx.index.parents, name))
    values = ctx.index.assignments.get(key, [])
    return values[0] if len(values) == 1 else None
