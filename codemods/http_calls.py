"""How a URL is used: the HTTP call that sends it, its method, its params/json dicts, and where the reply is read.

Covers requests, httpx (sync and async), aiohttp sessions and urllib: a URL is
the first positional argument (or `url=`) of `<x>.get/post/put/patch/delete/...`,
`<x>.request(METHOD, url)`, `Request(url, method=...)` or `urlopen(url)`. A URL
stored in a variable is followed to the calls in the same function that use it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional

import libcst as cst

from codemods.context import FileContext

HTTP_VERBS = {"get", "post", "put", "patch", "delete", "head", "options"}


@dataclass
class HttpUse:
    call: cst.Call
    method: Optional[str]  # upper-case, None when it cannot be told
    params: Optional[cst.Dict] = None
    body: Optional[cst.Dict] = None
    headers: Optional[cst.Dict] = None
    json_reads: List[cst.Call] = field(default_factory=list)  # `<response>.json()` calls


def _string_value(expr: Optional[cst.BaseExpression]) -> Optional[str]:
    if isinstance(expr, cst.SimpleString):
        # Most literals are plain: their value is their text, read without evaluated_value's compile().
        # (Escapes, and the \r a tokenizer would turn into \n, still go the exact way.)
        prefix = expr.prefix.lower()
        if prefix in ("", "u", "r"):
            quote = expr.quote
            body = expr.value[len(prefix) + len(quote): len(expr.value) - len(quote)]
            if "\\" not in body and "\r" not in body:
                return body
        try:
            value = expr.evaluated_value
        except Exception:  # noqa: BLE001 - malformed literal: just unknown
            return None
        return value if isinstance(value, str) else None
    return None


def _kwarg(call: cst.Call, name: str) -> Optional[cst.BaseExpression]:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == name:
            return arg.value
    return None


def method_of(call: cst.Call, url: cst.BaseExpression) -> Optional[str]:
    """The HTTP method if `url` is the URL argument of an HTTP call, '' if it is but the method is unknown, else None."""
    func = call.func
    positional = [a.value for a in call.args if a.keyword is None and not a.star]
    attr = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
    if attr in HTTP_VERBS and isinstance(func, cst.Attribute):
        if (positional and positional[0] is url) or _kwarg(call, "url") is url:
            return attr.upper()
        return None
    if attr == "request":
        if len(positional) >= 2 and positional[1] is url or _kwarg(call, "url") is url:
            method = _string_value(positional[0] if positional else _kwarg(call, "method"))
            return method.upper() if method else ""
        return None
    if attr in ("Request", "urlopen"):
        if positional and positional[0] is url or _kwarg(call, "url") is url:
            method = _string_value(_kwarg(call, "method"))
            if method:
                return method.upper()
            has_data = _kwarg(call, "data") is not None or len(positional) >= 2
            return "POST" if has_data else "GET"
        return None
    return None


def enclosing_scope(ctx: FileContext, node: cst.CSTNode) -> cst.CSTNode:
    """The innermost function around node, or the module."""
    cur = ctx.parent(node)
    while cur is not None and not isinstance(cur, (cst.FunctionDef, cst.Module)):
        cur = ctx.parent(cur)
    return cur or ctx.module


def scope_id(ctx: FileContext, node: cst.CSTNode) -> int:
    """The scope key module_index uses: id of the enclosing FunctionDef, 0 for the module."""
    scope = enclosing_scope(ctx, node)
    return id(scope) if isinstance(scope, cst.FunctionDef) else 0


def _dict_for(ctx: FileContext, expr: Optional[cst.BaseExpression], scope: cst.CSTNode) -> Optional[cst.Dict]:
    if isinstance(expr, cst.Dict):
        return expr
    if isinstance(expr, cst.Name):
        values = ctx.index.assignments.get((scope, expr.value), [])
        if len(values) == 1 and isinstance(values[0], cst.Dict):
            return values[0]
    return None


def _response_name(ctx: FileContext, call: cst.Call) -> Optional[str]:
    node: cst.CSTNode = call
    parent = ctx.parent(node)
    if isinstance(parent, cst.Await):
        node, parent = parent, ctx.parent(parent)
    if isinstance(parent, cst.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0].target, cst.Name):
        return parent.targets[0].target.value
    if isinstance(parent, cst.WithItem) and parent.asname is not None and isinstance(parent.asname.name, cst.Name):
        return parent.asname.name.value
    return None


def _json_reads(ctx: FileContext, call: cst.Call, scope: cst.CSTNode) -> List[cst.Call]:
    parent = ctx.parent(call)
    if isinstance(parent, cst.Attribute) and parent.attr.value == "json":
        grand = ctx.parent(parent)
        if isinstance(grand, cst.Call):
            return [grand]
    name = _response_name(ctx, call)
    if not name:
        return []
    return [read for read, stack in ctx.index.json_reads.get(name, []) if scope in stack]


def http_uses(ctx: FileContext, root: cst.BaseExpression, assigned_to: Optional[str]) -> List[HttpUse]:
    """The HTTP calls that send this URL: directly, or through the variable it is assigned to."""
    candidates: List[tuple] = []
    arg = ctx.parent(root)
    call = ctx.parent(arg) if isinstance(arg, cst.Arg) else None
    if isinstance(call, cst.Call):
        candidates.append((call, root))
    scope = scope_id(ctx, root)
    if assigned_to and not assigned_to.startswith("."):
        if len(ctx.index.assignments.get((scope, assigned_to), [])) == 1:  # reassigned: could hold anything
            for c in ctx.index.name_arg_calls.get((scope, assigned_to), []):
                url_arg = next(a.value for a in c.args if isinstance(a.value, cst.Name) and a.value.value == assigned_to)
                candidates.append((c, url_arg))
    result = []
    for c, url in candidates:
        method = method_of(c, url)
        if method is None:
            continue
        result.append(
            HttpUse(
                call=c,
                method=method or None,
                params=_dict_for(ctx, _kwarg(c, "params"), scope),
                body=_dict_for(ctx, _kwarg(c, "json"), scope) or _dict_for(ctx, _kwarg(c, "data"), scope),
                headers=_dict_for(ctx, _kwarg(c, "headers"), scope),
                json_reads=_json_reads(ctx, c, scope),
            )
        )
    return result
