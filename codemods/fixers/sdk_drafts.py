"""The commonest v2 SDK idiom (26 of 67 surveyed files): build a draft, set its fields, send it.

    d = nylas.drafts.create()            →   nylas.messages.send("me", request_body={
    d.subject = "Hi"                             "subject": "Hi", "to": [...], "tracking_options": {...}}).data
    d.to = [{"email": e}]
    d.tracking = {...}
    d.send()

Follows sdk_mapping.md §1d (messages.send takes the body as a dict; `from_` for the sender; tracking →
tracking_options, whose payload → label is TRK001's). Rewritten only when the statements are contiguous in
one block, carry no comments, the draft is not used anywhere else in its scope, and its fields are all
plain ones; otherwise a finding (SDK051) says what to build by hand. The same block may end in

- `d.save()` (SDK054): `d = client.drafts.create(grant, request_body={...}).data` ("from", not from_: drafts.create
  does not rename it), and a later `d.send()` in the same block becomes `client.drafts.send(grant, d.id).data`;
- `client.outbox.send(d, send_at)` (SDK056, §1g): messages.send with "send_at" in the body;

and may take in `f = client.files.create(); f.x = ...; f.save()` blocks and `d.attach(f)` (SDK055, see
sdk_files), but only when the draft is sent at once: drafts.create fails on 3 MiB of attachments (§4).
"""
from __future__ import annotations

from typing import List, Optional, Tuple

import libcst as cst

from codemods.context import FileContext
from codemods.fixers import sdk_draft_dict, sdk_files
from codemods.fixers.sdk_files import attachment
from codemods.http_calls import _string_value, enclosing_scope


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
    """Uses of `name` outside the statements in `skip` (the fold's own, all simple statement lines)."""

    def __init__(self, name: str, skip: List[cst.CSTNode]):
        self.name, self.skip, self.count = name, {id(s) for s in skip}, 0

    def visit_SimpleStatementLine(self, node) -> bool:
        return id(node) not in self.skip

    def visit_Name(self, node) -> None:
        if node.value == self.name:
            self.count += 1


def _attach_of(small, name: str) -> Optional[str]:
    """The file name in `d.attach(f)`, else None."""
    call = small.value if isinstance(small, cst.Expr) else None
    if (isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) and call.func.attr.value == "attach"
            and isinstance(call.func.value, cst.Name) and call.func.value.value == name and len(call.args) == 1
            and call.args[0].keyword is None and not call.args[0].star and isinstance(call.args[0].value, cst.Name)):
        return call.args[0].value.value
    return None


def _method_of(small, name: str, method: str) -> bool:
    call = small.value if isinstance(small, cst.Expr) else None
    return (isinstance(call, cst.Call) and not call.args and isinstance(call.func, cst.Attribute)
            and call.func.attr.value == method and isinstance(call.func.value, cst.Name) and call.func.value.value == name)


def _outbox_send_of(small, name: str, ctx, clients, is_client) -> Optional[Tuple[str, cst.Call]]:
    """(prefix, call) for `[x = ]client.outbox.send(d, send_at)`, else None."""
    prefix, call = "", small
    if isinstance(small, cst.Expr):
        call = small.value
    elif isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name):
        prefix, call = f"{small.targets[0].target.value} = ", small.value
    elif isinstance(small, cst.Return):
        prefix, call = "return ", small.value
    f = call.func if isinstance(call, cst.Call) else None
    if not (isinstance(f, cst.Attribute) and f.attr.value == "send" and isinstance(f.value, cst.Attribute)
            and f.value.attr.value == "outbox" and is_client(ctx, f.value.value, clients)):
        return None
    args = call.args
    if (len(args) == 2 and not any(a.star for a in args) and args[0].keyword is None
            and (args[1].keyword is None or args[1].keyword.value == "send_at")
            and isinstance(args[0].value, cst.Name) and args[0].value.value == name):
        return prefix, call  # retry_limit_datetime (or a draft= keyword) has no v3 equivalent: left to a finding
    return None


class _Names(cst.CSTVisitor):
    def __init__(self, names):
        self.names, self.count = set(names), 0

    def visit_Name(self, node) -> None:
        if node.value in self.names:
            self.count += 1


def _count(ctx: FileContext, stmts, names) -> int:
    v = _Names(names)
    for stmt in stmts:
        ctx.walk(v, stmt)
    return v.count


def rewrite(ctx: FileContext, sdk, clients, is_client, rule, rules=()) -> None:
    by_kind = {r.kind: r for r in rules}
    save_rule, file_rule = by_kind.get("sdk_draft_save"), by_kind.get("sdk_attachment")
    outbox_rule = next((r for r in rules if r.kind == "sdk_client_call" and r.get("collection") == "outbox"
                        and r.get("method") == "send"), None)
    blocks = [ctx.module] + ctx.index.blocks
    for block in blocks:
        body = list(block.body)
        files = sdk_files.file_blocks(ctx, body, clients, is_client, _single, _field_of) if file_rule else {}
        ends = {b.end: b for b in files.values()}
        i = 0
        while i < len(body):
            found = _create_of(_single(body[i]), sdk, ctx, clients, is_client)
            if found is None:
                i += 1
                continue
            name, recv, create = found
            used_files: List[sdk_files.FileBlock] = []
            fields: List[Tuple[str, cst.BaseExpression]] = [
                (a.keyword.value, a.value) for a in create.args if a.keyword is not None]
            ok = len(fields) == len(create.args)
            attached: List[str] = []
            j = i + 1
            while ok and j < len(body):
                small = _single(body[j])
                if _field_of(small, name):
                    fields.append(_field_of(small, name))
                elif _attach_of(small, name):
                    attached.append(_attach_of(small, name))
                elif j in files:
                    used_files.append(files[j])
                    j = files[j].end
                else:
                    break
                j += 1
            first = i
            while first - 1 in ends and ends[first - 1].name in attached:  # the draft's files built right before it
                first = ends[first - 1].start
                used_files.insert(0, files[first])
            terminal = _single(body[j]) if ok and j < len(body) else None
            prefix = _send_of(terminal, name) if terminal is not None else None
            outbox = _outbox_send_of(terminal, name, ctx, clients, is_client) if terminal is not None else None
            saved = terminal is not None and _method_of(terminal, name, "save") and save_rule is not None
            if outbox is not None and outbox_rule is None:
                outbox = None
            manual = [f for f, _ in fields if f in (rule.get("manual_fields") or ())]
            region = body[first:j + 1]
            later = _later_send(body, j, name) if saved else None
            skip = region + ([body[later]] if later is not None else [])
            uses = _Uses(name, skip)
            ctx.walk(uses, enclosing_scope(ctx, block))
            file_uses = sum(_outside(ctx, block, b.name, skip) for b in used_files)
            attachments = _attachments(ctx, used_files, attached, file_rule, region, name) if used_files or attached \
                else []
            if (not (prefix is not None or outbox is not None or saved) or uses.count or file_uses or manual
                    or attachments is None or (saved and attachments) or _has_comments(region, first=True)):
                # Not foldable; the draft may still become the request body in place (sdk_draft_dict).
                if not sdk_draft_dict.rewrite_in_place(ctx, sdk, enclosing_scope(ctx, block), name, recv, create, rule):
                    sdk.note(create, "draft_manual")
                i += 1
                continue
            items = []
            renames = (save_rule if saved else rule).get("renames") or {}
            for f, v in fields:
                items.append(f'"{renames.get(f, f)}": {ctx.absorb(v)}')
            if attachments:
                in_order = sorted(used_files, key=lambda b: attached.index(b.name))
                attachments = [attachment(ctx, b, file_rule) for b in in_order]
                items.append('"attachments": [' + ", ".join(text for text, _ in attachments) + "]")
                if any(needs_io for _, needs_io in attachments):
                    sdk_files.ensure_import(ctx, "io", file_rule)
                for b in used_files:
                    sdk.handled.add(id(b.create))
                    ctx.report(b.create, file_rule, file_rule.message, fixable=True)
            start, _ = ctx.span(_single(body[first]))
            _, end = ctx.span(terminal)
            client = ctx.absorb(recv)
            if outbox is not None:
                out_prefix, out_call = outbox
                items.append(f'"send_at": {ctx.absorb(out_call.args[1].value)}')
                text = out_prefix + outbox_rule.get("emit").format(client=client, grant=sdk.grant,
                                                                    body="{" + ", ".join(items) + "}")
                sdk.handled.add(id(out_call))
            elif saved:
                text = f"{name} = " + save_rule.get("create_emit").format(client=client, grant=sdk.grant,
                                                                          body="{" + ", ".join(items) + "}")
            else:
                text = prefix + rule.get("emit").format(client=client, grant=sdk.grant, body="{" + ", ".join(items) + "}")
            ctx.edits = [e for e in ctx.edits if not (start <= e.start and e.end <= end)]  # carried by `text`
            ctx.edit(start, end, text, outbox_rule if outbox is not None else save_rule if saved else rule)
            if outbox is not None:
                ctx.report(create, outbox_rule)
                sdk.note(terminal, "send_result", outbox_rule.message)
            elif saved:
                ctx.report(create, save_rule)
                if later is not None:
                    _send_saved(ctx, sdk, save_rule, body[later], name, client)
            else:
                ctx.report(create, rule)
                if prefix not in ("",):
                    sdk.note(terminal, "send_result")
                    if prefix.endswith("= "):  # sent["subject"] → sent.subject on the Message it now is
                        from codemods.fixers.sdk_model_use import send_result

                        send_result(ctx, sdk, terminal, prefix)
            i = j + 1


def _later_send(body, j: int, name: str) -> Optional[int]:
    """The index of the first `[x = ]d.send()` after body[j] in the same block, if any."""
    for k in range(j + 1, len(body)):
        small = _single(body[k])
        if small is not None and _send_of(small, name) is not None:
            return k
    return None


def _send_saved(ctx, sdk, rule, stmt, name: str, client: str) -> None:
    """d.send() on a draft drafts.create made: client.drafts.send(grant, d.id).data (a Message)."""
    small = _single(stmt)
    prefix = _send_of(small, name)
    start, end = ctx.span(small)
    ctx.edit(start, end, prefix + rule.get("send_emit").format(client=client, grant=sdk.grant, name=name), rule)
    if prefix:
        sdk.note(small, "send_result")


def _outside(ctx, block, file_name: str, skip) -> int:
    uses = _Uses(file_name, skip)
    ctx.walk(uses, enclosing_scope(ctx, block))
    return uses.count


def _attachments(ctx, used_files, attached, rule, region, draft_name):
    """[(dict text, needs io)] in attach order, or None unless each file block is attached exactly once and the
    file names appear nowhere else in the fold (a draft field reading f.filename would lose its value)."""
    if rule is None or sorted(attached) != sorted(b.name for b in used_files) or len(set(attached)) != len(attached):
        return None
    by_name = {b.name: b for b in used_files}
    for b in used_files:
        if _count(ctx, region, [b.name]) != 1 + len(b.fields) + b.saved + 1:  # create, fields, save, attach
            return None
    out = []
    for file_name in attached:
        one = attachment(ctx, by_name[file_name], rule, render=False)
        if one is None or (one[1] and sdk_files.import_offset(ctx, "io") is None):
            return None  # io.BytesIO needs `import io`, and there is no top-level import to put it by
        out.append(one)
    return out


def rewrite_fetched(ctx: FileContext, sdk, results, rules) -> None:
    """d.send() / d.delete() on a draft drafts.get returned: it has an id, so v6 sends and deletes it by id
    (sdk_mapping.md §1d; SDK067, SDK068). v5 send() returned a dict, v6 a Message: noted where it is used."""
    from codemods.fixers.sdk_models import _bound_names, _MethodCalls

    table = {r.get("method"): r for r in rules if r.kind == "sdk_client_call" and r.get("applies_to") == "model"
             and r.get("collection") == "drafts"}
    for call, method, end, client, collection in results:
        if collection != "drafts" or client is None or not table:
            continue
        for name, region, safe in _bound_names(ctx, call, method, end):
            if not safe:
                continue
            visitor = _MethodCalls(name)
            ctx.walk(visitor, region.body if isinstance(region, (cst.For, cst.FunctionDef)) else region)
            for found in visitor.found:
                rule = table.get(found.func.attr.value)
                if rule is None or found.args or id(found) in sdk.handled:
                    continue
                start, stop = ctx.span(found)
                ctx.edit(start, stop, rule.get("emit").format(client=client, grant=sdk.grant, obj=name), rule)
                ctx.report(found, rule)
                sdk.handled.add(id(found))
                if rule.get("method") == "send" and not isinstance(ctx.parent(found), cst.Expr):
                    sdk.note(found, "send_result")
