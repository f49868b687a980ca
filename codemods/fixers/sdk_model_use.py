"""How the result of a rewritten SDK call is used next (issue 13 class 5): the whole chain moves, or none of it.

sdk_mapping.md §0.3: v5 models subclassed dict; v6 models are dataclasses (fields in analysis/v6_sdk.py) that
serialise only through `to_dict()`. Around a rewritten call:

- a chain that reads a member v6 lacks on the result (`nylas.threads.first().messages.first()`: a v6 Thread has
  no messages) is not rewritten at all, and reported once at the inner call (SDK041), not blamed on the client;
- item access on the result (`nylas.messages.get(i)["subject"]`) becomes an attribute when the key is a v6
  field, and `dict(<model>)` becomes `<model>.to_dict()` (SDK053), inline or on a name holding one model;
- a model handed to `jsonify`/`JSONResponse`/`json.dumps` (which cannot serialise a dataclass) becomes
  `<model>.to_dict()` on a name that holds one model; a list of models is reported at that line;
- `sent["subject"]` on the Message a rewritten draft send returned becomes `sent.subject` (a name bound once);
- the v2 delete idiom (look up the "trash" label, then add_label/update_folder and save) is reported as one:
  v3 deletes with client.messages.destroy(grant, id), and its folder names are not roles (see SDK071).
"""
from __future__ import annotations

from typing import Optional

import libcst as cst

from codemods.analysis.v6_sdk import MODEL_FIELDS, MODEL_METHODS
from codemods.context import FileContext
from codemods.http_calls import _string_value

SERIALISERS = {"jsonify", "JSONResponse", "dumps", "Response", "make_response"}
_SINGLE = ("get", "first")


def _single(method: str, end: Optional[str]) -> bool:
    return method in _SINGLE or end == "first"


def chain_blocked(ctx: FileContext, sdk, outer: cst.Call, method: str, end: Optional[str], collection: str) -> bool:
    """`<call>.member` where the v6 model has no `member`: leave the chain on v5 and say so (True)."""
    parent = ctx.parent(outer)
    fields = MODEL_FIELDS.get(collection)
    if fields is None or not _single(method, end) or not isinstance(parent, cst.Attribute) or parent.value is not outer:
        return False
    member = parent.attr.value
    if member in fields or member in MODEL_METHODS:
        return False
    sdk.note(outer, "unsupported_call", f".{member} on this call's result: the v6 model has no {member}, so the chain "
                                        f"cannot move in parts; rewrite it whole by hand (for thread messages: "
                                        f"client.messages.list(grant, query_params={{\"thread_id\": thread.id}}).data)")
    return True


def is_chain_on_client(recv: cst.BaseExpression, collections) -> bool:
    """Is the receiver itself a collection call's result (`nylas.threads.first()`)? The inner call reports it."""
    node = recv
    while isinstance(node, (cst.Call, cst.Attribute, cst.Subscript)):
        if isinstance(node, cst.Attribute) and node.attr.value in collections:
            return True
        node = node.func if isinstance(node, cst.Call) else node.value
    return False


def inline_uses(ctx: FileContext, results, rule) -> None:
    """`<rewritten>["k"]` → `<rewritten>.k` (a v6 field), `dict(<rewritten>)` → `<rewritten>.to_dict()`."""
    renames = rule.get("renames") or {}
    for outer, method, end, _client, collection in results:
        fields = MODEL_FIELDS.get(collection)
        if fields is None or not _single(method, end):
            continue
        parent = ctx.parent(outer)
        if isinstance(parent, cst.Subscript) and parent.value is outer and len(parent.slice) == 1 \
                and isinstance(parent.slice[0].slice, cst.Index):
            key = _string_value(parent.slice[0].slice.value)
            attr = renames.get(key, key) if key else None
            if attr in fields and not isinstance(ctx.parent(parent), (cst.AssignTarget, cst.Del, cst.AugAssign)):
                start, stop = ctx.span(parent)
                ctx.edit(start, stop, f"{ctx.absorb(outer)}.{attr}", rule)
                ctx.report(parent, rule)
            else:
                ctx.report(parent, rule, f"[{key!r}] on a v6 model: it has no such field; read an attribute",
                           fixable=False)
        elif _dict_call(ctx, outer) is not None:
            call = _dict_call(ctx, outer)
            start, stop = ctx.span(call)
            ctx.edit(start, stop, f"{ctx.absorb(outer)}.to_dict()", rule)
            ctx.report(call, rule, "dict(<v6 model>) → <model>.to_dict() (a dataclass is not a mapping)")


def _dict_call(ctx: FileContext, node: cst.BaseExpression) -> Optional[cst.Call]:
    arg = ctx.parent(node)
    call = ctx.parent(arg) if isinstance(arg, cst.Arg) else None
    if isinstance(call, cst.Call) and isinstance(call.func, cst.Name) and call.func.value == "dict" \
            and len(call.args) == 1 and arg.keyword is None and not arg.star:
        return call
    return None


class _NameArgs(cst.CSTVisitor):
    """Calls that take `name` as their only positional argument: dict(name), jsonify(name), ..."""

    def __init__(self, name: str):
        self.name, self.found = name, []

    def visit_Arg(self, node: cst.Arg) -> None:
        if isinstance(node.value, cst.Name) and node.value.value == self.name and node.keyword is None and not node.star:
            self.found.append(node.value)

    def visit_FunctionDef(self, node) -> bool:
        return False


def _callee(ctx: FileContext, name_node: cst.Name) -> Optional[cst.Call]:
    arg = ctx.parent(name_node)
    call = ctx.parent(arg)
    return call if isinstance(call, cst.Call) else None


def named_uses(ctx: FileContext, results, rule, report_only: bool = False) -> None:
    """dict(m) → m.to_dict(); jsonify(m) → jsonify(m.to_dict()) on a name holding one model; a list reported.
    On code already on v6 (report_only) nothing is rewritten and every such use is reported, so a second run
    still lists the jsonify(list) the first run left for a human."""
    from codemods.fixers.sdk_models import _bound_names

    done = set()
    for outer, method, end, _client, collection in results:
        if MODEL_FIELDS.get(collection) is None:
            continue
        holders = [(name, region, safe, True) for name, region, safe in _bound_names(ctx, outer, method, end)]
        listed = _list_name(ctx, outer, method, end)
        if listed is not None:
            holders.append(listed + (False,))
        for name, region, safe, one in holders:
            safe = safe and not report_only
            visitor = _NameArgs(name)
            ctx.walk(visitor, region.body if isinstance(region, (cst.For, cst.FunctionDef)) else region)
            for name_node in visitor.found:
                call = _callee(ctx, name_node)
                if call is None or id(name_node) in done:
                    continue
                callee = call.func.attr.value if isinstance(call.func, cst.Attribute) else getattr(call.func, "value", "")
                done.add(id(name_node))
                if callee == "dict" and len(call.args) == 1 and one and safe:
                    start, stop = ctx.span(call)
                    ctx.edit(start, stop, f"{name}.to_dict()", rule)
                    ctx.report(call, rule, "dict(<v6 model>) → <model>.to_dict() (a dataclass is not a mapping)")
                elif callee in SERIALISERS and one and safe:
                    start, stop = ctx.span(name_node)
                    ctx.edit(start, stop, f"{name}.to_dict()", rule)
                    ctx.report(call, rule, f"{callee}(<v6 model>): a dataclass does not serialise: {name} → "
                                           f"{name}.to_dict()")
                elif callee in SERIALISERS or callee == "dict":
                    ctx.report(call, rule, f"{callee}({name}): {name} holds v6 models (dataclasses), which do not "
                                           f"serialise: pass [m.to_dict() for m in {name}]" if not one else
                               f"{callee}({name}): {name} is a v6 model (a dataclass): pass {name}.to_dict()",
                               fixable=False)


def _list_name(ctx: FileContext, outer, method, end):
    """(name, region, safe) for `name = <rewritten list call>` bound once in its scope."""
    from codemods.fixers.sdk_models import _loop_bound
    from codemods.http_calls import enclosing_scope
    from codemods.module_index import scope_stack

    if _single(method, end):
        return None
    parent = ctx.parent(outer)
    if not (isinstance(parent, cst.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0].target, cst.Name)):
        return None
    name = parent.targets[0].target.value
    region = enclosing_scope(ctx, parent)
    scope = scope_stack(ctx.index.parents, outer)[-1]
    once = len(ctx.index.assignments.get((scope, name), [])) == 1 and not _loop_bound(ctx, region, name)
    return (name, region, once) if once else None


def send_result(ctx: FileContext, sdk, terminal: cst.CSTNode, prefix: str) -> None:
    """`sent = <draft>.send()` became `sent = client.messages.send(...).data`: `sent["k"]` → `sent.k` where certain."""
    from codemods.fixers.sdk_models import _loop_bound, _one
    from codemods.http_calls import enclosing_scope
    from codemods.module_index import scope_stack

    name = prefix.strip().rstrip("=").strip()
    rule = next((r for r in sdk.rules if r.kind == "sdk_model_access"), None)
    if rule is None or not name.isidentifier():
        return
    region = enclosing_scope(ctx, terminal)
    scope = scope_stack(ctx.index.parents, terminal)[-1]
    safe = len(ctx.index.assignments.get((scope, name), [])) == 1 and not _loop_bound(ctx, region, name)
    _one(ctx, name, region, rule, rule.get("renames") or {}, not safe, set(), fields=MODEL_FIELDS["messages"])


def delete_idiom(ctx: FileContext) -> bool:
    """Does the module look up the v2 "trash" label or folder by name (the first half of the v2 delete idiom)?"""
    return "\"trash\"" in ctx.text or "'trash'" in ctx.text


DELETE_IDIOM = ("the v2 delete idiom (find the \"trash\" label, add it or move the message there, save()) does not "
                "carry over: v3 folder names are display names, not roles, so the lookup finds nothing; delete with "
                "client.messages.destroy(grant, message.id) (it moves the message to the trash)")
