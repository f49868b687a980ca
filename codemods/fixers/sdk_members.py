"""Kind `sdk_model_member` and the other report-only SDK shapes: v5 calls with no mechanical v6 call, each
reported with its v3 way.

Follows sdk_mapping.md §1a–§1g, the rows marked "no" or "partly": model attributes and methods that v6 models
(plain dataclasses, CHANGELOG 6.0.0 "Removed all REST calls from models") no longer have, e.g. `msg.raw`,
`thread.messages`, `folder.threads`, `draft.send_raw()`; client calls on the v5-only collections (outbox, neural,
files) that no fixer rewrote; indexing a collection (`client.messages[0]`, offsets are gone); and
`client.labels.create()` / `client.folders.create()`, which v6 does in one call. The messages are YAML data
(`members`, per v6 collection or per v5 client collection); this module only finds the sites.

Models are the names sdk_models traces (loop variables and single assignments from rewritten calls); client
calls need a receiver traced to the APIClient. Nothing here edits code.
"""
from __future__ import annotations

import libcst as cst

from codemods.context import FileContext
from codemods.module_index import dotted_name

NATIVE_AUTH = {"authentication_url", "token_for_code", "send_authorization", "revoke_token", "revoke_all_tokens"}
MODEL_COLLECTIONS = {"messages", "threads", "drafts", "folders", "labels"}  # the call table's collections
OTHER_COLLECTIONS = {"contacts", "events", "calendars", "outbox", "files", "neural", "webhooks", "deltas",
                     "job_statuses", "accounts"}


class MemberUses(cst.CSTVisitor):
    """`name.member` and `name["member"]` reads and calls in a region, not looking into nested functions (another
    scope): found holds (node, member)."""

    def __init__(self, name: str, members):
        self.name, self.members, self.found = name, members, []

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if isinstance(node.value, cst.Name) and node.value.value == self.name and node.attr.value in self.members:
            self.found.append((node, node.attr.value))

    def visit_Subscript(self, node: cst.Subscript) -> None:
        from codemods.http_calls import _string_value

        if (isinstance(node.value, cst.Name) and node.value.value == self.name and len(node.slice) == 1
                and isinstance(node.slice[0].slice, cst.Index) and isinstance(node.slice[0].slice.value, cst.SimpleString)):
            key = _string_value(node.slice[0].slice.value)
            if key in self.members:
                self.found.append((node, key))

    def visit_FunctionDef(self, node) -> bool:
        return False


def report_model_members(ctx: FileContext, results, rule, handled=frozenset()) -> None:
    """results: (expression, v5 method, end, client text, v6 collection) per rewritten collection call;
    handled: ids of calls a fixer already rewrote. thread.folders exists in v6 too, but holds IDs where v5 held
    objects: it is reported on code already on v6 as well, since the tool cannot tell which the code expects."""
    from codemods.fixers.sdk_models import _bound_names

    by_collection = rule.get("members") or {}
    done = set()
    for call, method, end, _client, collection in results:
        members = by_collection.get(collection) or {}
        if not members:
            continue
        for name, region, _safe in _bound_names(ctx, call, method, end):
            visitor = MemberUses(name, members)
            ctx.walk(visitor, region.body if isinstance(region, (cst.For, cst.FunctionDef)) else region)
            for node, member in visitor.found:
                if id(node) in done:
                    continue
                done.add(id(node))
                parent = ctx.parent(node)
                site = parent if isinstance(parent, cst.Call) and parent.func is node else node
                if id(site) in handled:
                    continue
                shown = f'{name}["{member}"]' if isinstance(node, cst.Subscript) else f"{name}.{member}"
                what = f"{shown}{'()' if site is not node else ''}"
                ctx.report(site, rule, f"{what}: {members[member]}", fixable=False)


def report_client_calls(ctx: FileContext, sdk, walk, clients, is_client, rule) -> None:
    """client.outbox.update(...), client.neural.ocr_request(...), client.files.get(...), ...: the v3 way for each
    call a fixer did not rewrite (those are in sdk.handled)."""
    by_collection = rule.get("members") or {}
    for call in walk.calls:
        f = call.func
        if id(call) in sdk.handled or not (isinstance(f, cst.Attribute) and isinstance(f.value, cst.Attribute)):
            continue
        members = by_collection.get(f.value.attr.value) or {}
        if f.attr.value in members and is_client(ctx, f.value.value, clients):
            sdk.handled.add(id(call))
            ctx.report(call, rule, f"{f.value.attr.value}.{f.attr.value}(): {members[f.attr.value]}", fixable=False)


def report_collection_shapes(ctx: FileContext, sdk, clients, is_client, collections) -> None:
    """client.messages[0] / client.messages[10:20] (offsets are gone: SDK041), and client.labels.create() /
    client.folders.create() (one create call in v6: SDK065)."""
    for coll in collections:
        for attr in ctx.index.attributes.get(coll, []):
            if not is_client(ctx, attr.value, clients):
                continue
            parent = ctx.parent(attr)
            if isinstance(parent, cst.Subscript) and parent.value is attr:
                sdk.note(parent, "unsupported_call")
            elif (coll in ("folders", "labels") and isinstance(parent, cst.Attribute) and parent.attr.value == "create"
                  and isinstance(ctx.parent(parent), cst.Call)
                  and all(a.keyword is not None for a in ctx.parent(parent).args)):  # v6 create takes the grant first
                sdk.note(ctx.parent(parent), "folder_create")


V5_METHODS = {"where", "all", "first", "get", "delete", "search", "count", "send", "save"}


def other_collections(ctx: FileContext, sdk, walk, clients, v5_only: bool = False) -> None:
    """client.contacts.where(...), client.outbox.send(...), ...: no rewrite here, and the client under them
    is now v6, so each is reported (on a traced client, or on any receiver of the same shape). On code
    already on v6 (v5_only), only v5 method names are, since contacts.list(...) is valid v6."""
    from codemods.fixers.sdk import _is_client as is_client

    for call in walk.calls:
        f = call.func
        if (isinstance(f, cst.Attribute) and isinstance(f.value, cst.Attribute)
                and f.value.attr.value in OTHER_COLLECTIONS and isinstance(f.value.value, (cst.Name, cst.Attribute))
                and (not v5_only or f.attr.value in V5_METHODS)):
            if id(call) not in sdk.handled and (is_client(ctx, f.value.value, clients) or (
                    isinstance(f.value.value, cst.Name) and not _app_object(ctx, f.value.value, f.attr.value))):
                sdk.note(call, "other_collection")


_ORM_METHODS = {"filter", "filter_by", "exclude", "order_by", "select_related", "prefetch_related", "annotate",
                "values", "values_list", "aggregate", "add", "remove", "set", "clear", "exists", "get_or_create"}


def _app_object(ctx: FileContext, receiver: cst.Name, method: str) -> bool:
    """`box.events.filter(...)` on `box = Mailbox.objects.get(...)`: a related manager of the app's model
    (issue 13 class 1), not a v5 collection on an untraced client."""
    from codemods.analysis.origins import OTHER, Origins

    if method in _ORM_METHODS:
        return True
    origins = ctx.traced.get("origins")
    if origins is None:
        origins = ctx.traced["origins"] = Origins(ctx)
    return origins.of(receiver) == OTHER


def native_auth(ctx: FileContext, sdk, walk, clients, any_receiver: bool = False) -> None:
    """authentication_url / token_for_code / ... on a client: v3 uses client.auth with hosted OAuth (SDK062).
    any_receiver: in a module that imports APIClient, these v5-only names are reported on any receiver."""
    from codemods.fixers.sdk import _is_client as is_client

    for call in walk.calls:
        f = call.func
        if (isinstance(f, cst.Attribute) and f.attr.value in NATIVE_AUTH
                and (any_receiver or is_client(ctx, f.value, clients))):
            revoke = f.attr.value in ("revoke_token", "revoke_all_tokens") and "native_auth_revoke" in sdk.notes
            sdk.note(call, "native_auth_revoke" if revoke else "native_auth")


def report_import_only(ctx: FileContext, sdk, walk) -> None:
    """APIClient imported (or named as nylas.APIClient) in a module that neither builds a client nor receives one
    through an annotated parameter: nothing can be traced, so nothing is rewritten, but the import fails under
    nylas 6: say so at the import (SDK007), and report the v5-only auth calls on whatever receiver."""
    if sdk.import_edits:
        sdk.note(sdk.import_edits[0][0], "import_only")
    elif walk.references:
        sdk.note(walk.references[0], "import_only")
    else:
        return
    native_auth(ctx, sdk, walk, set(), any_receiver=True)


def report_v5_modules(ctx: FileContext, sdk) -> None:
    """from nylas.client.restful_models import Draft, import nylas.client.neural_api_models, ...: v6 has no
    nylas.client package (CHANGELOG 6.0.0: models are dataclasses under nylas.models), so the import fails
    after the upgrade (SDK069). nylas.client.errors is sdk._errors' (SDK063)."""
    from codemods.fixers.sdk import _dotted

    for stmt in ctx.index.imports:
        if isinstance(stmt, cst.ImportFrom):
            modules = [] if stmt.relative else [_dotted(stmt.module)]
        else:
            modules = [_dotted(alias.name) for alias in stmt.names]
        for module in modules:
            parts = module.split(".")
            if module == "nylas.client" and _v6_client_import(stmt):
                continue  # v6 has a nylas.client module too: `from nylas.client import Client` is v6 code
            if parts[:1] in (["nylas"], ["nylas_legacy"]) and parts[1:2] == ["client"] and module != "nylas.client.errors":
                sdk.note(stmt, "v5_module", f"{module}: {sdk.notes['v5_module'].message}"
                         if "v5_module" in sdk.notes else None)
                break


def _v6_client_import(stmt) -> bool:
    """`import nylas.client`, or `from nylas.client import <names v6's nylas.client module has>` (v6_sdk.py)."""
    from codemods.analysis.v6_sdk import CLIENT_MODULE_NAMES

    if isinstance(stmt, cst.Import):
        return True
    if isinstance(stmt.names, cst.ImportStar):
        return False
    return all(isinstance(a.name, cst.Name) and a.name.value in CLIENT_MODULE_NAMES for a in stmt.names)


def keep_v2_client(ctx: FileContext, sdk, walk, ctors, client_keys, is_client, kept: str = "client_kept_v2") -> None:
    """A module whose APIClient(...) can't be rewritten stays on the v2 SDK as a whole: the hosts inside the
    constructor and in `client.api_server = ...` keep their v2 value (a v2 client pointed at a v3 host breaks
    every call), and each v2 call left on the client is reported, so the work is listed, not hidden."""
    for call in ctors:
        ctx.retract(call)  # the HOST rule's edits inside it go, and so do their findings
    clients = client_keys(ctx, sdk, ctors)
    for _, value in api_server_assignments(ctx, walk, clients, is_client):
        ctx.retract(value)
    for call in walk.calls:  # recv.<collection>.<method>(...): one per chain (an .all() after it has a Call receiver)
        f = call.func
        if (isinstance(f, cst.Attribute) and isinstance(f.value, cst.Attribute)
                and f.value.attr.value in MODEL_COLLECTIONS | OTHER_COLLECTIONS and is_client(ctx, f.value.value, clients)):
            sdk.note(call, kept)
    for attr in walk.attributes:
        if is_client(ctx, attr.value, clients):
            sdk.note(attr, "access_token" if attr.attr.value == "access_token" else "account")
    native_auth(ctx, sdk, walk, clients)


def api_server_assignments(ctx: FileContext, walk, clients, is_client):
    """(statement, value) for each `<client>.api_server = value`."""
    for attr in walk.api_server:
        assign = ctx.parent(ctx.parent(attr))  # Attribute → AssignTarget → Assign
        if (isinstance(assign, cst.Assign) and any(t.target is attr for t in assign.targets)
                and is_client(ctx, attr.value, clients)):
            yield assign, assign.value


# Callees that only look at an object; passing the client to them does not hand it to v2 code.
_INSPECTING = {"print", "repr", "str", "id", "type", "isinstance", "hasattr", "getattr", "setattr", "vars", "dir",
               "len", "bool", "callable", "hash"}


def _nylas_imported_names(ctx: FileContext) -> set:
    names = set()
    for stmt in ctx.index.imports:
        module = getattr(stmt, "module", None)
        if isinstance(stmt, cst.ImportFrom) and not stmt.relative and not isinstance(stmt.names, cst.ImportStar) \
                and (dotted_name(module) or "").split(".")[0] in ("nylas", "nylas_legacy"):
            names.update(a.asname.name.value if a.asname else a.name.value for a in stmt.names)
    return names


def report_passed_client(ctx: FileContext, sdk, walk, clients, is_client) -> None:
    """A rewritten client handed to a function this module does not define (another module's helper that
    calls v5 methods on it) is a v3 client in v2 code: say so at the argument, naming the callee. Functions
    defined here are not reported: their v5 calls on an untraced parameter are reported where they are."""
    defined = {f.name.value for f in ctx.index.functions}
    library = _nylas_imported_names(ctx)  # the SDK's own functions (open_webhook_tunnel): not code to annotate
    for call in walk.calls:
        f = call.func
        callee = f.value if isinstance(f, cst.Name) else f.attr.value if isinstance(f, cst.Attribute) else None
        if callee is None or callee in defined or callee in _INSPECTING or (isinstance(f, cst.Name) and callee in library):
            continue
        for arg in call.args:
            if isinstance(arg.value, (cst.Name, cst.Attribute)) and is_client(ctx, arg.value, clients):
                note = sdk.notes.get("client_passed")
                sdk.note(arg.value, "client_passed", note and f"{callee}(): {note.message}")
