"""Kind `helper_envelope`: a Nylas reply handed out by a helper function and read by its callers.

rest_api_facts.md §5: v3 wraps replies in {"data": ...} (lists add "next_cursor"). The RESP rules report a
`.json()` read where the request is made; this module follows the reply one step further, through the helper
that makes the request (`def _get(path): return requests.get(BASE + path).json()`, or `return requests.get(...)`
with `.json()` at the caller), to the callers of that helper in the same module, and reports each place a
caller reads the v2 shape: a subscript or `.get()` on the result, a loop over it, or its `.json()`. The call
that is followed is the one whose argument is the URL's path (a forwarded path), else every call of the helper
when the helper builds the whole URL itself. A read of `["data"]` already unwraps v3.
"""
from __future__ import annotations

from typing import Iterator, List, Optional

import libcst as cst

from codemods.context import FileContext
from codemods.http_calls import _string_value
from codemods.rules import Rule
from codemods.site_plan import SitePlan

KINDS = ("helper_envelope",)


def observe(sp: SitePlan, rules: List[Rule]) -> None:
    endpoint = sp.endpoint_rule
    returns = sp.reply_shape
    if endpoint is None or endpoint.kind != "endpoint" or returns == "same":
        return
    rule = next((r for r in rules if r.get("when") == returns), None)
    if rule is None:
        return
    ctx = sp.ctx
    for use in sp.uses:
        helper = _returned_by(ctx, use.call)
        if helper is not None:  # return requests.get(...): the callers read .json()
            for call in _callers(ctx, sp, helper):
                read = _json_of(ctx, call)
                if read is not None and not _unwraps(ctx, read):
                    _report(ctx, rule, read, helper, sp, "the response")
            continue
        for json_read in use.json_reads:
            helper = _returned_by(ctx, json_read)
            if helper is None:
                continue
            for call in _callers(ctx, sp, helper):
                for read in _shape_reads(ctx, call):
                    _report(ctx, rule, read, helper, sp, "the .json()")


def _report(ctx: FileContext, rule: Rule, node: cst.CSTNode, helper: cst.FunctionDef, sp: SitePlan, what: str):
    line = ctx.line_col(helper)[0]
    ctx.report(node, rule, f"{helper.name.value}() (line {line}) returns {what} of a Nylas "
                           f"{sp.endpoint_path} call: {rule.message}")


def _returned_by(ctx: FileContext, node: cst.CSTNode) -> Optional[cst.FunctionDef]:
    """The function that returns `node` as it is (`return node`, or `x = node` ... `return x`), else None."""
    parent = ctx.parent(node)
    if isinstance(parent, cst.Return) and parent.value is node:
        return _function_of(ctx, parent)
    if isinstance(parent, cst.AssignTarget):
        return None
    if isinstance(parent, cst.Assign) and parent.value is node and len(parent.targets) == 1 \
            and isinstance(parent.targets[0].target, cst.Name):
        function = _function_of(ctx, parent)
        name = parent.targets[0].target.value
        if function is None or len(ctx.index.assignments.get((id(function), name), [])) != 1:
            return None
        for ret in _returns(ctx, function):
            if isinstance(ret.value, cst.Name) and ret.value.value == name:
                return function
    return None


def _returns(ctx: FileContext, function: cst.FunctionDef) -> Iterator[cst.Return]:
    found: List[cst.Return] = []

    class _Returns(cst.CSTVisitor):
        def visit_Return(self, node: cst.Return) -> None:
            found.append(node)

        def visit_FunctionDef(self, node) -> bool:
            return node is function

    ctx.walk(_Returns(), function)
    return iter(found)


def _function_of(ctx: FileContext, node: cst.CSTNode) -> Optional[cst.FunctionDef]:
    cur = ctx.parent(node)
    while cur is not None and not isinstance(cur, cst.FunctionDef):
        cur = ctx.parent(cur)
    return cur


def _callers(ctx: FileContext, sp: SitePlan, helper: cst.FunctionDef) -> List[cst.Call]:
    """The call of the helper that passes this URL's path, or every call of it when the URL is its own."""
    name = helper.name.value
    root = sp.site.template.root
    cur = ctx.parent(root)
    while cur is not None and not isinstance(cur, cst.BaseStatement):
        if isinstance(cur, cst.Call) and _callee(cur) == name:
            return [cur]
        cur = ctx.parent(cur)
    if _function_of(ctx, root) is not helper:
        return []  # the path comes from somewhere this module does not show
    return [call for call, _ in ctx.index.calls_by_name.get(name, []) if _function_of(ctx, call) is not helper]


def _callee(call: cst.Call) -> Optional[str]:
    if isinstance(call.func, cst.Name):
        return call.func.value
    if isinstance(call.func, cst.Attribute):
        return call.func.attr.value
    return None


def _json_of(ctx: FileContext, call: cst.Call) -> Optional[cst.Call]:
    """helper(...).json(), or `r = helper(...)` then r.json() in the same scope."""
    parent = ctx.parent(call)
    if isinstance(parent, cst.Attribute) and parent.value is call and parent.attr.value == "json":
        outer = ctx.parent(parent)
        return outer if isinstance(outer, cst.Call) else None
    for name_node in _bound_reads(ctx, call):
        attr = ctx.parent(name_node)
        if isinstance(attr, cst.Attribute) and attr.attr.value == "json" and isinstance(ctx.parent(attr), cst.Call):
            return ctx.parent(attr)
    return None


def _bound_reads(ctx: FileContext, call: cst.Call) -> List[cst.Name]:
    """The reads of `x` after `x = call`, x bound once in its scope."""
    from codemods.module_index import scope_stack, scoped_key

    parent = ctx.parent(call)
    if not (isinstance(parent, cst.Assign) and parent.value is call and len(parent.targets) == 1
            and isinstance(parent.targets[0].target, cst.Name)):
        return []
    target = parent.targets[0].target
    key = scoped_key(ctx.index, target.value, scope_stack(ctx.index.parents, parent))
    if len(ctx.index.assignments.get(key, [])) != 1:
        return []
    return [n for n in ctx.index.names.get(target.value, []) if n is not target
            and scoped_key(ctx.index, n.value, scope_stack(ctx.index.parents, n)) == key
            and ctx.positions[n].start.line > ctx.positions[target].start.line]


def _shape_reads(ctx: FileContext, call: cst.Call) -> List[cst.CSTNode]:
    """Where the caller reads the returned JSON as the v2 shape: the call itself or the name it is bound to,
    subscripted (not by "data"), `.get(...)` (not "data"), or looped over."""
    out = []
    for node in [call] + _bound_reads(ctx, call):
        parent = ctx.parent(node)
        if isinstance(parent, cst.Subscript) and parent.value is node and not _key_is_data(parent):
            out.append(parent)
        elif isinstance(parent, cst.Attribute) and parent.value is node and parent.attr.value == "get":
            get = ctx.parent(parent)
            if isinstance(get, cst.Call) and get.args and _string_value(get.args[0].value) != "data":
                out.append(get)
        elif isinstance(parent, (cst.For, cst.CompFor)) and parent.iter is node:
            out.append(node)
    return out


def _key_is_data(subscript: cst.Subscript) -> bool:
    if len(subscript.slice) != 1 or not isinstance(subscript.slice[0].slice, cst.Index):
        return False
    return _string_value(subscript.slice[0].slice.value) == "data"


def _unwraps(ctx: FileContext, read: cst.Call) -> bool:
    parent = ctx.parent(read)
    if isinstance(parent, cst.Subscript) and parent.value is read:
        return _key_is_data(parent)
    if isinstance(parent, cst.Attribute) and parent.attr.value == "get":
        get = ctx.parent(parent)
        return isinstance(get, cst.Call) and bool(get.args) and _string_value(get.args[0].value) == "data"
    return False
