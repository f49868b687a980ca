"""The commonest v2 SDK idiom (26 of 67 surveyed files): build a draft, set its fields, send it.

    d = nylas.drafts.create()            →   nylas.messages.send("me", request_body={
    d.subject = "Hi"                             "subject": "Hi", "to": [...], "tracking_options": {...}}).data
    d.to = [{"email": e}]
    d.tracking = {...}
    d.send()

Follows sdk_mapping.md §1d (messages.send takes the body as a dict; `from_` for the sender; tracking →
tracking_options, whose payload → label is TRK001's). Rewritten only when the statements are contiguous in
one block, carry no comments, the draft is not used anywhere else in its scope, and its fields are all
plain ones; otherwise a finding (SDK051) says what to build by hand.
"""
from __future__ import annotations

from typing import List, Optional, Tuple

import libcst as cst

from codemods.context import FileContext
from codemods.http_calls import _string_value


def _single(stmt: cst.BaseStatement) -> Optional[cst.BaseSmallStatement]:
    if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1:
        return stmt.body[0]
    return None


def _create_of(small, sdk, ctx, clients, is_client) -> Optional[Tuple[str, cst.BaseExpression, cst.Call]]:
    if not (isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name)):
        return None
    call = small.value
    f = call.func if isinstance(call, cst.Call) else None
    if (isinstance(f, cst.Attribute) and f.attr.value == "create" and isinstance(f.value, cst.Attribute)
            and f.value.attr.value == "drafts" and is_client(ctx, f.value.value, clients)):
        return small.targets[0].target.value, f.value.value, call
    return None


def _field_of(small, name: str) -> Optional[Tuple[str, cst.BaseExpression]]:
    if not (isinstance(small, cst.Assign) and len(small.targets) == 1):
        return None
    target = small.targets[0].target
    if isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) and target.value.value == name:
        return target.attr.value, small.value
    if (isinstance(target, cst.Subscript) and isinstance(target.value, cst.Name) and target.value.value == name
            and len(target.slice) == 1 and isinstance(target.slice[0].slice, cst.Index)):
        key = _string_value(target.slice[0].slice.value)
        return (key, small.value) if key else None
    return None


def _send_of(small, name: str) -> Optional[str]:
    """'' for `d.send()`, 'x = ' for `x = d.send()`, 'return ' for `return d.send()`; None otherwise."""
    def is_send(expr) -> bool:
        return (isinstance(expr, cst.Call) and not expr.args and isinstance(expr.func, cst.Attribute)
                and expr.func.attr.value == "send" and isinstance(expr.func.value, cst.Name)
                and expr.func.value.value == name)

    if isinstance(small, cst.Expr) and is_send(small.value):
        return ""
    if isinstance(small, cst.Return) and is_send(small.value):
        return "return "
    if (isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name)
            and is_send(small.value)):
        return f"{small.targets[0].target.value} = "
    return None


def _has_comments(stmts: List[cst.BaseStatement], first: bool) -> bool:
    for k, stmt in enumerate(stmts):
        if not isinstance(stmt, cst.SimpleStatementLine):
            return True
        if (k > 0 or not first) and any(line.comment for line in stmt.leading_lines):
            return True
        if k < len(stmts) - 1 and stmt.trailing_whitespace.comment:
            return True
    return False


class _Uses(cst.CSTVisitor):
    def __init__(self, name: str, skip: List[cst.CSTNode]):
        self.name, self.skip, self.count = name, {id(s) for s in skip}, 0

    def on_visit(self, node) -> bool:
        if id(node) in self.skip:
            return False
        if isinstance(node, cst.Name) and node.value == self.name:
            self.count += 1
        return True


def rewrite(ctx: FileContext, sdk, clients, is_client, rule) -> None:
    blocks = [ctx.module] + [n for n in ctx.index.parents if isinstance(n, cst.IndentedBlock)]
    for block in blocks:
        body = list(block.body)
        i = 0
        while i < len(body):
            found = _create_of(_single(body[i]), sdk, ctx, clients, is_client)
            if found is None:
                i += 1
                continue
            name, recv, create = found
            fields: List[Tuple[str, cst.BaseExpression]] = [
                (a.keyword.value, a.value) for a in create.args if a.keyword is not None]
            ok = len(fields) == len(create.args)
            j = i + 1
            while ok and j < len(body) and _field_of(_single(body[j]), name):
                fields.append(_field_of(_single(body[j]), name))
                j += 1
            prefix = _send_of(_single(body[j]), name) if ok and j < len(body) else None
            scope = _scope_body(ctx, block)
            uses = _Uses(name, body[i:j + 1])
            scope.visit(uses)
            manual = [f for f, _ in fields if f in (rule.get("manual_fields") or ())]
            if prefix is None or uses.count or manual or _has_comments(body[i:j + 1], first=True):
                sdk.note(create, "draft_manual")
                i += 1
                continue
            renames = rule.get("renames") or {}
            items = ", ".join(f'"{renames.get(f, f)}": {ctx.absorb(v)}' for f, v in fields)
            text = prefix + rule.get("emit").format(client=ctx.absorb(recv), grant=sdk.grant, body="{" + items + "}")
            start, _ = ctx.span(_single(body[i]))
            _, end = ctx.span(_single(body[j]))
            ctx.edits = [e for e in ctx.edits if not (start <= e.start and e.end <= end)]  # carried by `text`
            ctx.edit(start, end, text, rule)
            ctx.report(create, rule)
            if prefix not in ("",):
                sdk.note(_single(body[j]), "send_result")
            i = j + 1


def _scope_body(ctx: FileContext, block: cst.CSTNode) -> cst.CSTNode:
    cur = block
    while cur is not None and not isinstance(cur, (cst.FunctionDef, cst.Module)):
        cur = ctx.parent(cur)
    return cur or ctx.module
