"""Kind `sdk_attachment`: v5 file uploads become inline attachments; `file.download()` becomes download_bytes.

v5 (sdk_mapping.md §1f): `f = client.files.create(); f.filename = ...; f.stream = fh` (or `f.data = raw`);
`f.save()` uploaded the file, and `draft.attach(f)` put its ID on the draft. v3 has no upload endpoint: the
content goes inline in the send body's `attachments`, a list of `CreateAttachmentRequest`
(nylas.models.attachments, 6.18.0: filename, content_type, content = base64 str or binary stream, size).
`messages.send` base64-encodes a stream itself and sends multipart once the sizes add up to 3 MiB, so
`f.data = raw` becomes `"content": io.BytesIO(raw), "size": len(raw)` (right for both paths) when raw is
visibly bytes, and `f.stream = open(p, "rb")` becomes `"content": open(p, "rb")` with a note that its size is
unknown (JSON, 3 MiB at most). Other contents (a str, a framework's upload object) stay a finding.
sdk_drafts folds these blocks into the send call; this module reads them.

`f.download()` for `f` looping over `msg.attachments` of a traced message →
`client.attachments.download_bytes(grant, f.id, query_params={"message_id": msg.id})` (the message is known);
any other `download()` stays a finding (SDK064/SDK059 say what to pass).
"""
from __future__ import annotations

from typing import Dict, List, Optional, Tuple

import libcst as cst

from codemods.context import FileContext
from codemods.http_calls import _string_value


class FileBlock:
    """Statements body[start..end] that build (and maybe upload: v5 attach() saved it anyway) one v5 file."""

    def __init__(self, name: str, start: int, end: int, create: cst.Call, fields: List[Tuple[str, cst.BaseExpression]],
                 saved: bool):
        self.name, self.start, self.end, self.create, self.fields, self.saved = name, start, end, create, fields, saved


def _binary_open(expr: cst.BaseExpression) -> bool:
    """open(path, "rb")-like: a stream v6 can take as content (messages.send base64s io.IOBase streams itself).
    Any other stream (a web framework's upload object, a text-mode file) may not be an io.IOBase of bytes."""
    if not (isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name) and expr.func.value == "open"):
        return False
    positional = [a.value for a in expr.args if a.keyword is None and not a.star]
    mode = [a.value for a in expr.args if a.keyword is not None and a.keyword.value == "mode"] or positional[1:2]
    return len(mode) == 1 and isinstance(mode[0], cst.SimpleString) and "b" in (_string_value(mode[0]) or "")


def _pure(expr: cst.BaseExpression) -> bool:
    """A name or attribute chain: evaluating it twice (content and size) reads the same value."""
    while isinstance(expr, cst.Attribute):
        expr = expr.value
    return isinstance(expr, cst.Name)


def _bytes_evidence(ctx: FileContext, value: cst.BaseExpression) -> bool:
    """Is `value` visibly bytes? v5 also took a str (a text-mode read() in Nylas's own example), which
    io.BytesIO refuses: a b"..." literal, or a name bound once in its scope to `<binary stream>.read()`,
    the stream being open(..., "rb") itself or the name a `with open(..., "rb") as f` binds."""
    from codemods.module_index import scope_stack, scoped_key

    if isinstance(value, cst.SimpleString):
        return "b" in value.prefix.lower()
    if not isinstance(value, cst.Name):
        return False
    stack = scope_stack(ctx.index.parents, value)
    values = ctx.index.assignments.get(scoped_key(ctx.index, value.value, stack), [])
    read = values[0] if len(values) == 1 else None
    if not (isinstance(read, cst.Call) and not read.args and isinstance(read.func, cst.Attribute)
            and read.func.attr.value == "read"):
        return False
    stream = read.func.value
    if _binary_open(stream):
        return True
    scope = ctx.parent(read)
    while scope is not None and not isinstance(scope, (cst.FunctionDef, cst.Module)):
        if isinstance(scope, cst.With) and isinstance(stream, cst.Name) and any(
                item.asname is not None and isinstance(item.asname.name, cst.Name)
                and item.asname.name.value == stream.value and _binary_open(item.item) for item in scope.items):
            return True
        scope = ctx.parent(scope)
    return False


def file_blocks(ctx: FileContext, body, clients, is_client, single, field_of) -> Dict[int, FileBlock]:
    """{start index: block} for each `f = client.files.create()`, `f.x = ...`*, `f.save()` run in body."""
    blocks: Dict[int, FileBlock] = {}
    i = 0
    while i < len(body):
        small = single(body[i])
        call = small.value if isinstance(small, cst.Assign) and len(small.targets) == 1 else None
        f = call.func if isinstance(call, cst.Call) else None
        if not (isinstance(f, cst.Attribute) and f.attr.value == "create" and isinstance(f.value, cst.Attribute)
                and f.value.attr.value == "files" and not call.args and is_client(ctx, f.value.value, clients)
                and isinstance(small.targets[0].target, cst.Name)):
            i += 1
            continue
        name = small.targets[0].target.value
        fields, j = [], i + 1
        while j < len(body) and field_of(single(body[j]), name):
            fields.append(field_of(single(body[j]), name))
            j += 1
        save = single(body[j]) if j < len(body) else None
        saved = (isinstance(save, cst.Expr) and isinstance(save.value, cst.Call) and not save.value.args
                 and isinstance(save.value.func, cst.Attribute) and save.value.func.attr.value == "save"
                 and isinstance(save.value.func.value, cst.Name) and save.value.func.value.value == name)
        if saved or fields:
            end = j if saved else j - 1
            blocks[i] = FileBlock(name, i, end, call, fields, saved)
            i = end + 1
        else:
            i += 1
    return blocks


def attachment(ctx: FileContext, block: FileBlock, rule, render: bool = True) -> Optional[Tuple[str, bool]]:
    """(the CreateAttachmentRequest dict's text, needs `import io`), or None when the file can't be inlined.
    With render=False only the check is made: nothing is absorbed (ctx.absorb takes inner edits over)."""
    text = ctx.absorb if render else (lambda node: "")
    names, contents = rule.get("fields") or {}, rule.get("file_fields") or {}
    items: Dict[str, str] = {}
    content: Optional[Tuple[str, cst.BaseExpression]] = None
    for field, value in block.fields:
        if field in names and names[field] not in items:
            items[names[field]] = text(value)
        elif field in contents and content is None:
            content = (contents[field], value)
        else:
            return None  # an unknown or repeated field: not the shape this rewrite knows
    if content is None or "filename" not in items:
        return None
    kind, value = content
    items.setdefault("content_type", '"%s"' % rule.get("default_content_type", "application/octet-stream"))
    if kind == "data":
        if not _pure(value) or not _bytes_evidence(ctx, value):
            return None
        code = text(value)
        items["content"], items["size"] = f"io.BytesIO({code})", f"len({code})"
    else:
        if not _binary_open(value):
            return None
        items["content"] = text(value)
    return "{" + ", ".join(f'"{k}": {v}' for k, v in items.items()) + "}", kind == "data"


def import_offset(ctx: FileContext, module_name: str) -> Optional[int]:
    """-1 when the module imports `module_name` at top level already; else the offset of its first top-level
    import after `from __future__` (where `import <module_name>` goes); None when it has no top-level import."""
    offset = None
    for stmt in ctx.module.body:
        if not isinstance(stmt, cst.SimpleStatementLine):
            continue
        for small in stmt.body:
            if isinstance(small, cst.Import) and any(isinstance(a.name, cst.Name) and a.name.value == module_name
                                                     and a.asname is None for a in small.names):
                return -1
            future = isinstance(small, cst.ImportFrom) and isinstance(small.module, cst.Name) \
                and small.module.value == "__future__"
            if offset is None and isinstance(small, (cst.Import, cst.ImportFrom)) and not future:
                offset = ctx.span(stmt.body[0])[0]
    return offset


def ensure_import(ctx: FileContext, module_name: str, rule) -> None:
    """Add `import <module_name>` before the module's first top-level import (callers check import_offset)."""
    offset = import_offset(ctx, module_name)
    if offset is None or offset < 0 or any(e.replacement == f"import {module_name}\n" for e in ctx.edits):
        return
    ctx.edit(offset, offset, f"import {module_name}\n", rule)


def rewrite_downloads(ctx: FileContext, sdk, results, rule) -> None:
    """for f in msg.attachments: f.download() → client.attachments.download_bytes(grant, f.id,
    query_params={"message_id": msg.id}), msg being a message a rewritten call returned."""
    from codemods.fixers.sdk_models import _bound_names

    for call, method, end, client, collection in results:
        if collection != "messages" or client is None:
            continue
        for name, region, safe in _bound_names(ctx, call, method, end):
            if not safe:
                continue
            for loop in _attachment_loops(ctx, region, name):
                target = loop.target.value
                for download in _downloads(ctx, loop.body, target):
                    text = rule.get("emit").format(client=client, grant=sdk.grant, file=target, message=name)
                    start, stop = ctx.span(download)
                    ctx.edit(start, stop, text, rule)
                    ctx.report(download, rule)
                    sdk.handled.add(id(download))


def _attachment_loops(ctx: FileContext, region, name) -> List[cst.For]:
    class V(cst.CSTVisitor):
        def __init__(self):
            self.found: List[cst.For] = []

        def visit_For(self, node):
            it = node.iter
            if (isinstance(it, cst.Attribute) and it.attr.value in ("attachments", "files")  # v5: msg.files
                    and isinstance(it.value, cst.Name)
                    and it.value.value == name and isinstance(node.target, cst.Name)):
                self.found.append(node)

    v = V()
    ctx.walk(v, region)
    return v.found


def _downloads(ctx: FileContext, body, target) -> List[cst.Call]:
    class V(cst.CSTVisitor):
        def __init__(self):
            self.found = []

        def visit_Call(self, node):
            f = node.func
            if (isinstance(f, cst.Attribute) and f.attr.value == "download" and not node.args
                    and isinstance(f.value, cst.Name) and f.value.value == target):
                self.found.append(node)

        def visit_FunctionDef(self, node) -> bool:
            return False

    v = V()
    ctx.walk(v, body)
    return v.found
