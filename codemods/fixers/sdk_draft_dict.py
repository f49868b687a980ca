"""The draft idiom when it cannot be folded into one call: the draft becomes the request body, in place.

    draft = nylas.drafts.create()          →   draft = {}
    # the subject                                # the subject
    draft.subject = s                      →   draft["subject"] = s
    try:                                         try:
        sent = draft.send()                →       sent = nylas.messages.send("me", request_body=draft).data

sdk_drafts folds create → fields → send() into one messages.send call, but only when the statements are
contiguous, in one block and free of comments. Real code is rarely that tidy: Nylas's own SendEmail sample
sends inside a `try:`, others comment every line or set a field under an `if`. Every statement stays where it
is here, so comments, blocks and evaluation order are kept; only the draft's name changes what it holds
(sdk_mapping.md §1d: messages.send takes the body as a dict, `from_` for the sender, tracking →
tracking_options). Rewritten only when every use of the name in its scope is a field assignment or a plain
send(); anything else (a read, save(), attach(), passing it on, a use in a nested function) stays SDK051.
"""
from __future__ import annotations

from typing import List, Optional, Tuple

import libcst as cst

from codemods.context import FileContext
from codemods.http_calls import _string_value

_SCOPES = (cst.FunctionDef, cst.ClassDef, cst.Lambda, cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)


def rewrite_in_place(ctx: FileContext, sdk, scope: cst.CSTNode, name: str, recv: cst.BaseExpression,
                     create: cst.Call, rule) -> bool:
    """Rewrite the draft bound by `name = <client>.drafts.create(...)` in `scope`; False (nothing done) if unsafe."""
    plan = _plan(ctx, scope, name, create, rule)
    if plan is None:
        return False
    fields, keys, sends = plan
    renames = rule.get("renames") or {}
    items = ", ".join(f'"{renames.get(a.keyword.value, a.keyword.value)}": {ctx.absorb(a.value)}' for a in create.args)
    client = ctx.absorb(recv)
    start, end = ctx.span(create)
    ctx.edit(start, end, "{" + items + "}", rule)
    for target, field in fields:  # d.subject → d["subject"]
        start, end = ctx.span(target)
        ctx.edit(start, end, f'{name}["{renames.get(field, field)}"]', rule)
    for string, key in keys:  # d["from"] → d["from_"]; other keys stay as written
        if renames.get(key, key) != key:
            start, end = ctx.span(string)
            quote = string.value[len(string.prefix)]
            ctx.edit(start, end, f"{quote}{renames[key]}{quote}", rule)
    for call, used in sends:
        start, end = ctx.span(call)
        ctx.edit(start, end, rule.get("emit").format(client=client, grant=sdk.grant, body=name), rule)
        if used:
            sdk.note(call, "send_result")
    ctx.report(create, rule)
    return True


def _plan(ctx: FileContext, scope: cst.CSTNode, name: str, create: cst.Call, rule):
    """([(attribute target, field)], [(key string, key)], [(send call, result used)]) or None."""
    if any(a.keyword is None or a.star for a in create.args):
        return None
    manual = set(rule.get("manual_fields") or ())
    if any(a.keyword.value in manual for a in create.args):
        return None
    fields: List[Tuple[cst.Attribute, str]] = []
    keys: List[Tuple[cst.SimpleString, str]] = []
    sends: List[Tuple[cst.Call, bool]] = []
    binding = ctx.parent(create)  # the Assign whose target is the draft itself
    for node in ctx.index.names.get(name, []):
        if not _directly_in(ctx, node, scope):
            if _inside(ctx, node, scope):
                return None  # a use in a nested function or comprehension: the draft escapes
            continue
        if isinstance(binding, cst.Assign) and any(t.target is node for t in binding.targets):
            continue
        use = _use_of(ctx, node)
        if use is None:
            return None
        kind, what, value = use
        if kind == "field":
            if what.attr.value in manual:
                return None
            fields.append((what, what.attr.value))
        elif kind == "key":
            if value in manual:
                return None
            keys.append((what, value))
        else:
            sends.append((what, value))
    return (fields, keys, sends) if sends else None


def _use_of(ctx: FileContext, node: cst.Name) -> Optional[tuple]:
    """('field', attribute, None) for `d.x = v`, ('key', string, key) for `d["k"] = v`, ('send', call, result
    used) for `d.send()`; None for any other use."""
    parent = ctx.parent(node)
    if isinstance(parent, cst.Attribute) and parent.value is node:
        holder = ctx.parent(parent)
        if isinstance(holder, cst.AssignTarget) and _sole_target(ctx, holder):
            return "field", parent, None
        if parent.attr.value == "send" and isinstance(holder, cst.Call) and holder.func is parent and not holder.args:
            above = ctx.parent(holder)
            if isinstance(above, cst.Expr):
                return "send", holder, False
            if isinstance(above, (cst.Return, cst.Assign)) and above.value is holder:
                return "send", holder, True
        return None
    if isinstance(parent, cst.Subscript) and parent.value is node and len(parent.slice) == 1:
        index = parent.slice[0].slice
        holder = ctx.parent(parent)
        if (isinstance(index, cst.Index) and isinstance(index.value, cst.SimpleString)
                and isinstance(holder, cst.AssignTarget) and _sole_target(ctx, holder)):
            key = _string_value(index.value)
            if key:
                return "key", index.value, key
    return None


def _sole_target(ctx: FileContext, target: cst.AssignTarget) -> bool:
    assign = ctx.parent(target)
    return isinstance(assign, cst.Assign) and len(assign.targets) == 1


def _inside(ctx: FileContext, node: cst.CSTNode, scope: cst.CSTNode) -> bool:
    cur = ctx.parent(node)
    while cur is not None:
        if cur is scope:
            return True
        cur = ctx.parent(cur)
    return scope is ctx.module


def _directly_in(ctx: FileContext, node: cst.CSTNode, scope: cst.CSTNode) -> bool:
    """In `scope` and not inside a function, class or comprehension nested in it."""
    cur = ctx.parent(node)
    while cur is not None and cur is not scope:
        if isinstance(cur, _SCOPES):
            return False
        cur = ctx.parent(cur)
    return cur is scope or scope is ctx.module
