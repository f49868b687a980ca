"""v2 SDK calls on a receiver the tool cannot trace to a client: reported (SDK093), never rewritten.

In a module that does not build or import a client but shows Nylas evidence, a call whose shape exists only
in the v2 SDK is reported with what could not be traced and how to help. The shape alone decides only where
no other library has it: `<recv>.<collection>.where(...)` (Django managers filter, SQLAlchemy's where() hangs
off a select). `.all()`, `.first()`, `.get(id)`, `.search(q)`, `.delete(id)`, `.drafts.create()` and
`.account` are also a Django related manager's or another API client's, so they count only on a receiver
whose name says nylas (`nylas`, `self.nylas_client`, `get_nylas()`). A Slack or Gmail client's `messages`,
`ticket.messages.all()` and `Message.objects.filter()` stay silent.
"""
from __future__ import annotations

import re

import libcst as cst

from codemods.analysis.module_uses import _short

COLLECTIONS = {"messages", "threads", "drafts", "labels", "folders", "files", "contacts", "events", "calendars"}
NAMED_ONLY = {"all", "first", "get", "search", "delete", "create", "count"}
_SAYS_NYLAS = re.compile(r"nylas", re.IGNORECASE)


def _receiver_text(ctx, node) -> str:
    """The receiver's code, and for a plain name the value it was assigned (`client = request.app.state.nylas`)."""
    text = ctx.module.code_for_node(node)
    if isinstance(node, cst.Name):
        from codemods.module_index import scope_stack, scoped_key

        key = scoped_key(ctx.index, node.value, scope_stack(ctx.index.parents, node))
        values = [v for k, v, _ in ctx.index.pairs if k == key and v is not None]
        text += " " + " ".join(ctx.module.code_for_node(v) for v in values[:3])
    return text


def report(ctx, sdk, is_traced=None) -> None:
    """is_traced(receiver): a client this module traced (reported by the client's own rules)."""
    rule = sdk.notes.get("untraced_receiver")
    if rule is None:
        return
    from codemods.fixers.fields import has_evidence

    evidence = has_evidence(ctx.text)
    known = _project_names(ctx)
    known |= _bound_from(ctx, known)
    said = {(f.line, f.column) for f in ctx.findings}  # a place another rule already reported
    for call in ctx.index.calls:
        f = call.func
        if not (isinstance(f, cst.Attribute) and isinstance(f.value, cst.Attribute)
                and f.value.attr.value in COLLECTIONS):
            continue
        method, recv = f.attr.value, f.value.value
        if _root_name(recv) in known or (is_traced is not None and is_traced(recv)):
            continue  # imported by name from a module of the project that does not make it a client
        named = bool(_SAYS_NYLAS.search(_receiver_text(ctx, recv)))
        if method == "where" and (evidence or named):
            why = "a where() filter on a collection, which only the v2 SDK has"
        elif method in NAMED_ONLY and named and not (method == "create" and _v6_create(call)):
            why = "a receiver named for Nylas"
        else:
            continue
        if ctx.line_col(call) not in said:
            ctx.report(call, rule, f"{_short(ctx, call)} ({why}): {rule.message}")
    for attr in ctx.index.attributes.get("account", []):
        parent = ctx.parent(attr)
        if is_traced is not None and is_traced(attr.value):
            continue
        if isinstance(parent, cst.Attribute) and parent.value is attr and _SAYS_NYLAS.search(
                _receiver_text(ctx, attr.value)):
            if ctx.line_col(attr) not in said:
                ctx.report(attr, rule, f"{_short(ctx, attr)} (a receiver named for Nylas): {rule.message}")


def _root_name(node):
    while isinstance(node, (cst.Attribute, cst.Call, cst.Subscript)):
        node = node.func if isinstance(node, cst.Call) else node.value
    return node.value if isinstance(node, cst.Name) else None


def _project_names(ctx) -> set:
    """Names this module imports from a module of the project that it could read (imported.origins found no
    client or factory among them): what they hold is known not to be an APIClient built there."""
    from pathlib import Path

    from codemods.analysis.index import facts_of
    from codemods.analysis.resolve import module_file
    from codemods.module_index import dotted_name

    here = Path(ctx.path)
    out = set()
    if not here.is_file():
        return out
    for stmt in ctx.index.imports:
        if not isinstance(stmt, cst.ImportFrom) or isinstance(stmt.names, cst.ImportStar):
            continue
        module = dotted_name(stmt.module) if stmt.module is not None else None
        target = module_file(here, module, len(stmt.relative))
        if target is None or facts_of(target) is None:
            continue
        out |= {a.asname.name.value if a.asname else dotted_name(a.name) for a in stmt.names}
    return _module_objects(ctx, here, out)


def _module_objects(ctx, here, known: set) -> set:
    """Modules of the project imported as objects (`import services.chat`, `from services import chat`): known
    not to hold a client when the module builds none (their root names join known), else not known at all."""
    from codemods.analysis.index import facts_of
    from codemods.analysis.module_attrs import file_imports

    if "import" not in ctx.text:
        return known
    if ctx.ast_tree is None:
        return known
    plain, clientful = set(), set()
    for local, target, _ in file_imports(ctx):
        facts = facts_of(target)
        bad = facts is None or facts.clients or facts.factories or facts.contexts or facts.shared
        (clientful if bad else plain).add(local.split(".")[0])
    return (known | plain) - clientful


def _v6_create(call: cst.Call) -> bool:
    """v6 create(identifier, request_body=...) takes the grant first; v5 create() took nothing or keywords."""
    keywords = {a.keyword.value for a in call.args if a.keyword is not None}
    return len([a for a in call.args if a.keyword is None]) >= 1 or bool(keywords & {"identifier", "request_body"})


def _bound_from(ctx, known: set) -> set:
    """Names bound from a known non-client (`nylas = Chat(token)`, `with ChatSession() as nylas`)."""
    out = set()
    for call in ctx.index.calls:
        if _root_name(call.func) not in known:  # Chat(token), chat.make_client(token)
            continue
        parent = ctx.parent(call)
        if isinstance(parent, cst.WithItem) and parent.asname is not None and isinstance(parent.asname.name, cst.Name):
            out.add(parent.asname.name.value)
        elif isinstance(parent, cst.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0].target,
                                                                                          cst.Name):
            out.add(parent.targets[0].target.value)
    return out
