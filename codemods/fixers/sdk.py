"""Kinds `sdk_*`: the v2 Python SDK (nylas 5.x `APIClient`, also `nylas_legacy`) → the v3 SDK (nylas 6.x `Client`).

Follows ../shared/reference/sdk_mapping.md (§0.1 entry point and constructor, §1a collection calls, §1h
where() keys), itself checked against nylas 5.14.1 and 6.18.0. The call table (which v5 method becomes which
v6 call) is the YAML's `emit` templates; this module reads the shapes.

Precision: nothing happens unless the module imports APIClient from nylas or nylas_legacy (or `import nylas`
and calls nylas.APIClient). Clients are the names bound to an APIClient(...) call, scoped like Python scopes
them, plus parameters annotated APIClient; a collection call on any other receiver is reported (SDK045),
never rewritten. A module whose client calls cannot all be read keeps its v2 import, so nothing is left
half-migrated: the findings say what to do.
"""
from __future__ import annotations

import re
from typing import Dict, List, Optional, Set, Tuple

import libcst as cst

from codemods.context import FileContext
from codemods.fixers import sdk_members, sdk_model_use
from codemods.http_calls import _string_value
from codemods.module_index import dotted_name
from codemods.rules import Rule

KINDS = ("sdk_import", "sdk_client", "sdk_collection_call", "sdk_collection", "sdk_query_key", "sdk_note",
         "sdk_draft_send", "sdk_model_access", "sdk_model_method", "sdk_errors", "sdk_draft_save", "sdk_attachment",
         "sdk_client_call", "sdk_model_member", "sdk_model_rename")
COLLECTIONS = sdk_members.MODEL_COLLECTIONS
ENDS = {"all", "first", "count"}  # methods called on a where(...) result


class _Sdk:
    def __init__(self, ctx: FileContext, rules: List[Rule]):
        self.ctx = ctx
        self.rules = rules
        self.imp = next(r for r in rules if r.kind == "sdk_import")
        self.new_local = self.imp.get("new_name")  # what rewritten code calls the v6 class (see _new_local)
        self.why_unreadable: Optional[Tuple[str, Optional[str]]] = None  # (note, message) for the last constructor
        self.configured_servers: List[cst.BaseExpression] = []  # api_server values api_uri= takes as they are
        self.client_rule = next(r for r in rules if r.kind == "sdk_client")
        self.calls = {r.get("method"): r for r in rules if r.kind == "sdk_collection_call"}
        self.collection_renames = {r.get("collection"): r for r in rules if r.kind == "sdk_collection"}
        self.key_rules = [r for r in rules if r.kind == "sdk_query_key"]
        self.notes = {r.get("when"): r for r in rules if r.kind == "sdk_note"}
        self.local_names: Set[str] = set()  # names that mean APIClient here (from-imports)
        self.module_names: Set[str] = set()  # names that mean the nylas module (import nylas)
        self.import_edits: List[Tuple[cst.CSTNode, str]] = []
        self.renamed: List[Rule] = []  # query-key renames made for the call being rewritten
        self.results: List[tuple] = []  # (call, v5 method, end, client text, v6 collection) of rewritten calls
        self.handled: Set[int] = set()  # ids of client calls a fixer rewrote or reported on its own

    # -- grant and notes ------------------------------------------------------------------------------
    @property
    def grant(self) -> str:
        grant = self.ctx.options.grant
        return '"me"' if grant == "me" else grant

    def note(self, node: cst.CSTNode, when: str, message: Optional[str] = None) -> None:
        rule = self.notes.get(when)
        if rule is not None:
            self.ctx.report(node, rule, message)

    # -- 1. imports ----------------------------------------------------------------------------------------
    def find_imports(self) -> None:
        old, modules = self.imp.get("old_name"), set(self.imp.get("modules"))
        self.v3_names = set()  # names that mean the v6 Client (already migrated code)
        for stmt in self.ctx.index.imports:
            if isinstance(stmt, cst.ImportFrom) and not stmt.relative and _dotted(stmt.module) == "nylas.client" \
                    and not isinstance(stmt.names, cst.ImportStar):  # v6's own module for Client
                self.v3_names |= {a.asname.name.value if a.asname else a.name.value for a in stmt.names
                                  if isinstance(a.name, cst.Name) and a.name.value == self.imp.get("new_name")}
            if isinstance(stmt, cst.ImportFrom) and not stmt.relative and _dotted(stmt.module) in modules:
                if isinstance(stmt.names, cst.ImportStar):
                    continue
                for alias in stmt.names:
                    if isinstance(alias.name, cst.Name) and alias.name.value == self.imp.get("new_name"):
                        self.v3_names.add(alias.asname.name.value if alias.asname else alias.name.value)
                    if isinstance(alias.name, cst.Name) and alias.name.value == old:
                        local = alias.asname.name.value if alias.asname else old
                        self.local_names.add(local)
                        self.import_edits.append((alias.name, self.imp.get("new_name")))
                        if _dotted(stmt.module) != self.imp.get("new_module") and len(stmt.names) == 1:
                            self.import_edits.append((stmt.module, self.imp.get("new_module")))
            elif isinstance(stmt, cst.Import):
                for alias in stmt.names:
                    if _dotted(alias.name) == "nylas":
                        self.module_names.add(alias.asname.name.value if alias.asname else "nylas")

    def is_client_ctor(self, call: cst.Call) -> bool:
        f = call.func
        if isinstance(f, cst.Name):
            return f.value in self.local_names
        return (isinstance(f, cst.Attribute) and f.attr.value == self.imp.get("old_name")
                and isinstance(f.value, cst.Name) and f.value.value in self.module_names)

    # -- 2. the constructor ---------------------------------------------------------------------------------
    def constructor(self, call: cst.Call) -> Optional[str]:
        """The v6 constructor call's text, or None when the arguments can't be read."""
        params = self.client_rule.get("params")
        self.why_unreadable = None
        if any(a.star for a in call.args):
            return None
        values: Dict[str, cst.BaseExpression] = {}
        positional = [a.value for a in call.args if a.keyword is None]
        for name, value in zip(params, positional):
            values[name] = value
        for a in call.args:
            if a.keyword is not None:
                if a.keyword.value not in params:
                    return None
                values[a.keyword.value] = a.value
        key, server = values.get(self.client_rule.get("key_param")), values.get(self.client_rule.get("server_param"))
        from codemods.fixers.sdk_credentials import blocker, server_needs_note

        self.why_unreadable = blocker(self.ctx, key)  # an app-level client, a server URL where the token goes
        if self.why_unreadable is not None:
            return None
        if server_needs_note(server):
            self.configured_servers.append(server)
        func = call.func
        new_func = self.new_local if isinstance(func, cst.Name) and func.value == self.imp.get(
            "old_name") else self.ctx.module.code_for_node(func).replace(self.imp.get("old_name"), self.imp.get("new_name"))
        args = f"api_key={self.ctx.absorb(key)}"
        if server is not None:
            args += f", api_uri={self.ctx.absorb(server)}"
        return f"{new_func}({args})"

    # -- 3. collection calls ----------------------------------------------------------------------------------
    def query_params(self, collection: str, call: cst.Call, extra: Dict[str, str],
                     site: Optional[cst.CSTNode] = None) -> Optional[List[Tuple[str, str]]]:
        """[(v6 key, value code)] from where()/all()/search() arguments, or None if a filter has no v3 equivalent.
        Findings go on `site` (the call in the source; `call` may be a synthetic one holding some arguments)."""
        site = call if site is None else site
        pairs: List[Tuple[str, str]] = []
        for a in call.args:
            if a.star == "**" or a.star == "*":
                return None
            if a.keyword is not None:
                pairs.append((a.keyword.value, self.ctx.absorb(a.value)))
            elif isinstance(a.value, cst.Dict):
                for e in a.value.elements:
                    if not isinstance(e, cst.DictElement) or not isinstance(e.key, cst.SimpleString):
                        return None
                    pairs.append((_string_value(e.key), self.ctx.absorb(e.value)))
            else:
                return None
        out = [(k, v) for k, v in extra.items()]
        for key, value in pairs:
            advise_on_value(self.ctx, site, self.key_rules, key, value)
            for rule in self.key_rules:  # v5 turned datetimes into epoch seconds; v6 sends values as they are
                if key in (rule.get("time_keys") or ()) and not _visibly_int(value):
                    self.ctx.report(site, rule, f"{key}=: {rule.message}", fixable=False)
                cap = (rule.get("limits") or {}).get(collection)  # v3 rejects a page larger than its maximum
                if key == "limit" and cap is not None and value.strip().isdigit() and int(value) > cap:
                    self.ctx.report(site, rule, f"limit={value.strip()}: {rule.message}", fixable=False)
            for rule in self.key_rules:
                scope = rule.get("collections")
                if scope and collection not in scope:
                    continue
                if key in (rule.get("manual") or ()):
                    self.ctx.report(site, rule, f"{key}=: {rule.message}")
                    return None
                renamed = (rule.get("renames") or {}).get(key, key)
                if renamed != key:
                    self.renamed.append(rule)
                key = renamed
            out.append((key, value))
        return out

    def rewrite_collection_call(self, outer: cst.Call, recv: cst.BaseExpression, coll: str, method: str,
                                call: cst.Call, end: Optional[str]) -> None:
        rule = self.calls.get("first" if end == "first" else method if end is None or end == "all" else "")
        if end == "count" or rule is None:
            self.note(outer, "unsupported_call")
            return
        new_coll = coll
        if coll in self.collection_renames:
            new_coll = self.collection_renames[coll].get("rename")
        from codemods.fixers.sdk_model_use import chain_blocked

        if chain_blocked(self.ctx, self, outer, method, end, new_coll):  # the whole chain moves, or none of it
            return
        extra: Dict[str, str] = {}
        identifier = None
        if method in ("get", "delete"):
            if len(call.args) != 1 or call.args[0].keyword is not None or call.args[0].star:
                self.note(outer, "unsupported_call")
                return
            identifier = self.ctx.absorb(call.args[0].value)
            params: Optional[List[Tuple[str, str]]] = []
        elif method == "search":
            if not call.args or call.args[0].keyword is not None:
                self.note(outer, "unsupported_call")
                return
            q = call.args[0]
            rest = cst.Call(func=call.func, args=call.args[1:])
            extra = {"search_query_native": self.ctx.absorb(q.value)}
            params = self.query_params(coll, rest, extra, site=call)
        else:
            params = self.query_params(coll, call, extra)
        if params is None:
            self.renamed = []
            return
        if end == "first" or method == "first":
            params = [p for p in params if p[0] != "limit"] + [("limit", "1")]
        query = ", ".join(f'"{k}": {v}' for k, v in params)
        args = self.grant + (f", query_params={{{query}}}" if query else "")
        client_text = self.ctx.absorb(recv)
        text = rule.get("emit").format(
            client=client_text, collection=new_coll, args=args, args_limit_1=args,
            grant=self.grant, id=identifier,
        )
        start, stop = self.ctx.span(outer)
        self.ctx.absorb(outer)  # anything rewritten inside is now part of `text`
        self.ctx.edit(start, stop, text, rule)
        self.results.append((outer, method, end, client_text, new_coll))
        self.ctx.report(outer, rule)
        for renamed in {r.id: r for r in self.renamed}.values():
            self.ctx.report(outer, renamed)
        self.renamed = []
        if coll in self.collection_renames:
            self.ctx.report(outer, self.collection_renames[coll])
        limited = any(k == "limit" for k, _ in params or [])
        if rule.get("emit").endswith(".list({args}).data") and not limited:
            self.note(outer, "pagination")


def advise_on_value(ctx: FileContext, call: cst.Call, key_rules: List[Rule], key: str, value: str) -> None:
    """Report a filter whose key maps as it is but whose value may not (`in` wants a folder ID in v3); a value
    that visibly is an ID (`folder.id`, `inbox_id`) needs nothing."""
    if value.strip().lower().rstrip("]\"' )").endswith("id"):
        return
    for rule in key_rules:
        if key in (rule.get("advise") or ()):
            ctx.report(call, rule, f"{key}=: {rule.message}", fixable=False)


_INT = re.compile(r"\s*(?:\d+|(?:int|round|math\.floor|math\.ceil|calendar\.timegm|timestamp_from_dt)\(.*\))"
                  r"(?:\s*[-+*]\s*(?:\d+|\w+))*\s*", re.S)


def _visibly_int(value: str) -> bool:
    """`1700000000`, `int(dt.timestamp())`, `calendar.timegm(t) - 3600`: no "pass an int" advice for these."""
    return bool(_INT.fullmatch(value))


def _dotted(node) -> str:
    return dotted_name(node) or ""


def _collection_call(call: cst.Call):
    """(receiver, collection, method, the collection call, end) for recv.coll.method(...)[.end()], else None."""
    end = None
    inner = call
    f = call.func
    if isinstance(f, cst.Attribute) and f.attr.value in ENDS and isinstance(f.value, cst.Call):
        end, inner = f.attr.value, f.value
    g = inner.func
    if not (isinstance(g, cst.Attribute) and isinstance(g.value, cst.Attribute)):
        return None
    coll, method = g.value.attr.value, g.attr.value
    if coll not in COLLECTIONS or method not in ("all", "where", "first", "get", "delete", "search", "count"):
        return None
    if end is not None and method != "where":
        return None
    return g.value.value, coll, method, inner, end


def collection_calls(walk):
    """(call, receiver, collection, method, the collection call, end) for each recv.coll.method(...)[.end()]."""
    done: Set[int] = set()
    for call in walk.calls:
        shape = _collection_call(call)
        if shape is None or id(shape[3]) in done:
            continue
        done.add(id(shape[3]))
        yield (call,) + shape


class _Walk:
    """What the SDK fixers look at, read off the module index (no extra traversal)."""

    def __init__(self, ctx: FileContext, old_name: str):
        index = ctx.index
        self.calls: List[cst.Call] = index.calls
        self.attributes: List[cst.Attribute] = index.attributes.get("access_token", []) + index.attributes.get(
            "account", [])
        self.api_server: List[cst.Attribute] = index.attributes.get("api_server", [])
        self.references: List[cst.CSTNode] = []  # APIClient / <module>.APIClient outside imports
        for name in index.names.get(old_name, []):
            parent = index.parents.get(name)
            if isinstance(parent, (cst.ImportAlias, cst.ImportFrom)) or ctx.in_import(name):
                continue
            if isinstance(parent, cst.Attribute) and parent.attr is name and not isinstance(parent.value, cst.Name):
                continue
            self.references.append(name)


def run(ctx: FileContext, rules: List[Rule]) -> None:
    planned = bool(ctx.options.project) and ctx.path in ctx.options.project  # uses a client built elsewhere
    django = "NYLAS" in ctx.text and "django.conf" in ctx.text  # settings.NYLAS_CLIENT (analysis/module_attrs.py)
    if ("nylas" not in ctx.text and not planned and not django) or not any(r.kind == "sdk_import" for r in rules):
        return
    errors_rule = next((r for r in rules if r.kind == "sdk_errors"), None)
    if errors_rule is not None:
        _errors(ctx, errors_rule)
    sdk = _Sdk(ctx, rules)
    sdk.find_imports()
    sdk.new_local = _new_local(ctx, sdk)
    sdk_members.report_v5_modules(ctx, sdk)
    if not sdk.local_names and not sdk.module_names and not sdk.v3_names:
        from codemods.analysis import imported

        imported.run(ctx, sdk, rules, _Walk, _migrate)  # a client built in another module of the project
        return
    from codemods.analysis import imported, unseen

    moving = imported.moving_keys(ctx)  # clients from other modules that the project pass moves with these
    _module_clients(ctx, sdk, rules, moving)
    imported.report_alongside(ctx, sdk)  # ... and the uses of those it keeps on v2 that nothing reported yet
    unseen.report(ctx, sdk)  # def get_client() -> APIClient: return _cached (SDK094)


def _module_clients(ctx: FileContext, sdk: _Sdk, rules: List[Rule], moving) -> None:
    walk = _Walk(ctx, sdk.imp.get("old_name"))
    ctors = [c for c in walk.calls if sdk.is_client_ctor(c)]
    # A module that only receives the client (a parameter annotated APIClient) is migrated like one that builds it.
    if not ctors and not _client_keys(ctx, sdk, []) and not moving:
        from codemods.fixers.sdk_v3 import report_v5_calls

        sdk_members.report_import_only(ctx, sdk, walk)
        report_v5_calls(ctx, sdk, walk)
        if not sdk.v3_names:
            from codemods.analysis import untraced

            untraced.report(ctx, sdk)  # e.g. a parameter: `def count(nylas, folder): nylas.threads.where(...)`
        return
    # Every constructor must be readable, or the module keeps its v2 client (and says why, at each one).
    rendered, reasons = [], {}
    for call in ctors:
        text = sdk.constructor(call)
        rendered.append((call, text))
        if text is None and sdk.why_unreadable is not None:
            reasons[id(call)] = sdk.why_unreadable  # an app-level client, a server URL where the token goes
    if any(text is None for _, text in rendered):
        from codemods.analysis import hold

        hold.unreadable(ctx, sdk, walk, rendered, _client_keys, _is_client, reasons)
        return
    saved = list(ctx.edits), list(ctx.findings)
    from codemods.analysis.module_uses import local_factory_keys

    clients = _migrate(ctx, sdk, walk, rules, ctors, rendered, extra=local_factory_keys(ctx, ctors) | moving)
    # A client moves only with every use of it (issue 13 class 7): else it all stays on v2, each use reported.
    from codemods.analysis import hold

    hold.within_module(ctx, sdk, walk, ctors, clients, saved, _client_keys, _is_client, imported_held(ctx))


def imported_held(ctx):
    from codemods.analysis import imported

    return imported.held_keys(ctx)


def _migrate(ctx: FileContext, sdk: _Sdk, walk: _Walk, rules: List[Rule], ctors, rendered, extra=frozenset()):
    clients = _client_keys(ctx, sdk, ctors) | set(extra)  # extra: clients imported from a module that moves too
    for assign, _ in sdk_members.api_server_assignments(ctx, walk, clients, _is_client):
        sdk.note(assign, "api_server")
    sdk_members.report_passed_client(ctx, sdk, walk, clients, _is_client)
    for call, text in rendered:
        start, end = ctx.span(call)
        ctx.absorb(call)
        ctx.edit(start, end, text, sdk.client_rule)
        ctx.report(call, sdk.client_rule)
        sdk.note(call, "credentials")
    for server in sdk.configured_servers:
        sdk.note(server, "api_server_value")
    for node, new in sdk.import_edits:
        start, end = ctx.span(node)
        alias = ctx.parent(node)
        if new == sdk.imp.get("new_name") and sdk.new_local != new and isinstance(alias, cst.ImportAlias) \
                and alias.asname is None:
            new = f"{new} as {sdk.new_local}"  # the module binds Client itself: import the SDK's under an alias
        ctx.edit(start, end, new, sdk.imp)
    # Every other reference (annotations, isinstance checks) names the v6 class too: v6 has no APIClient.
    taken = [ctx.span(call) for call, _ in rendered]
    for ref in walk.references:
        start, end = ctx.span(ref)
        bare = isinstance(ref, cst.Name) and ctx.parent(ref) is not None and not isinstance(ctx.parent(ref), cst.Attribute)
        if bare and ref.value not in sdk.local_names:
            continue  # a local alias (as X) keeps its name; only the bare imported name changes
        if not any(a <= start and end <= b for a, b in taken):
            ctx.edit(start, end, sdk.new_local if bare else sdk.imp.get("new_name"), sdk.imp)
    if sdk.import_edits:
        aliased = sdk.new_local != sdk.imp.get("new_name")
        ctx.report(sdk.import_edits[0][0], sdk.imp, f"{sdk.imp.summary}, imported as {sdk.new_local}: this module uses "
                   f"the name {sdk.imp.get('new_name')} for something else" if aliased else None)
    for call, recv, coll, method, inner, end in collection_calls(walk):
        if _is_client(ctx, recv, clients):
            sdk.rewrite_collection_call(call, recv, coll, method, inner, end)
        elif not sdk_model_use.is_chain_on_client(recv, COLLECTIONS):  # a chain is reported at its inner call
            sdk.note(call, "unresolved_client")
    for attr in walk.attributes:
        if _is_client(ctx, attr.value, clients):
            sdk.note(attr, "access_token" if attr.attr.value == "access_token" else "account")
    sdk_members.native_auth(ctx, sdk, walk, clients)
    _model_fixers(ctx, sdk, walk, clients, rules)
    sdk_members.other_collections(ctx, sdk, walk, clients)
    return clients


def _new_local(ctx: FileContext, sdk: _Sdk) -> str:
    """The name the v6 class gets where `APIClient` was imported unaliased: `Client`, or an alias when the module
    uses `Client` for something of its own (analysis/names.py)."""
    from codemods.analysis.names import free_name

    new = sdk.imp.get("new_name")
    if sdk.imp.get("old_name") not in sdk.local_names:
        return new
    return free_name(ctx, new, ignore=sdk.v3_names)


def _model_fixers(ctx: FileContext, sdk: _Sdk, walk: _Walk, clients, rules: List[Rule]) -> None:
    """Models, drafts, files and the outbox/neural calls (their own modules), before the catch-all SDK047."""
    from codemods.fixers import sdk_drafts, sdk_files, sdk_members, sdk_models, sdk_scheduled

    by = {(r.kind, r.get("applies_to") or r.get("method")): r for r in reversed(rules)}  # first rule of a kind wins
    from codemods.fixers.fields_models import on_models

    on_models(ctx, sdk.results)  # field renames on the models of rewritten calls, before item access moves
    member_rule = by.get(("sdk_model_member", "model"))
    if by.get(("sdk_model_access", None)) is not None:
        sdk_model_use.inline_uses(ctx, sdk.results, by[("sdk_model_access", None)])
        sdk_model_use.named_uses(ctx, sdk.results, by[("sdk_model_access", None)])
        sdk_models.rewrite(ctx, sdk.results, by[("sdk_model_access", None)], methods=by.get(("sdk_model_method", None)),
                           sdk=sdk, members=member_rule.get("members") if member_rule is not None else None,
                           renamed=by.get(("sdk_model_rename", None)))
    sdk_drafts.rewrite_fetched(ctx, sdk, sdk.results, rules)
    if by.get(("sdk_model_member", "model")) is not None:
        sdk_members.report_model_members(ctx, sdk.results, by[("sdk_model_member", "model")], sdk.handled)
        from codemods.fixers.sdk_model_table import check as check_model_table

        check_model_table(ctx, sdk.results, by[("sdk_model_member", "model")],  # members v6 models lack
                          access=by.get(("sdk_model_access", None)))
    if by.get(("sdk_model_member", "changed")) is not None:  # v5 code only: on v6 code these read as they should
        sdk_members.report_model_members(ctx, sdk.results, by[("sdk_model_member", "changed")], sdk.handled)
    sdk_members.report_collection_shapes(ctx, sdk, clients, _is_client, COLLECTIONS)
    if by.get(("sdk_draft_send", None)) is not None:
        sdk_drafts.rewrite(ctx, sdk, clients, _is_client, by[("sdk_draft_send", None)], rules)
    sdk_scheduled.rewrite(ctx, sdk, walk, clients, _is_client, rules)
    if by.get(("sdk_client_call", "download")) is not None:
        sdk_files.rewrite_downloads(ctx, sdk, sdk.results, by[("sdk_client_call", "download")])
    if by.get(("sdk_model_member", "client")) is not None:
        sdk_members.report_client_calls(ctx, sdk, walk, clients, _is_client, by[("sdk_model_member", "client")])


def _errors(ctx: FileContext, rule: Rule) -> None:
    """from nylas.client.errors import NylasApiError → from nylas.models.errors import ...; other names reported."""
    for stmt in ctx.index.imports:
        if isinstance(stmt, cst.ImportFrom) and _dotted(stmt.module) == rule.get("module") \
                and not isinstance(stmt.names, cst.ImportStar):
            names = {a.name.value for a in stmt.names if isinstance(a.name, cst.Name)}
            if names and names <= set(rule.get("names")):
                start, end = ctx.span(stmt.module)
                ctx.edit(start, end, rule.get("new_module"), rule)
                ctx.report(stmt, rule)
            else:
                ctx.report(stmt, rule, fixable=False)


def _client_keys(ctx: FileContext, sdk: _Sdk, ctors: List[cst.Call]) -> Set[Tuple[int, str]]:
    """Scoped keys (see module_index) of the names bound to a client: assignments and annotated parameters."""
    ctor_ids = {id(c) for c in ctors}
    keys = {key for key, value, _ in ctx.index.pairs if id(value) in ctor_ids}

    for node in ctx.index.functions:
        for p in list(node.params.params) + list(node.params.kwonly_params):
            ann = p.annotation.annotation if p.annotation else None
            name = _dotted(ann) if ann is not None else ""
            if name.split(".")[-1] == sdk.imp.get("old_name") or name in sdk.local_names:
                keys.add((id(node), p.name.value))
    return keys


def _is_client(ctx: FileContext, recv: cst.BaseExpression, keys: Set[Tuple[int, str]]) -> bool:
    from codemods.module_index import attr_key, scope_stack, scoped_key

    if isinstance(recv, cst.Name):
        return scoped_key(ctx.index, recv.value, scope_stack(ctx.index.parents, recv)) in keys
    key = attr_key(recv)
    if isinstance(recv, cst.Call) and isinstance(recv.func, cst.Name):  # make_client(token): a factory's call
        key = "()" + recv.func.value
    elif key is None:  # a client kept in app state, traced by its path (analysis/shared_state.py)
        from codemods.analysis.shared_state import cst_path

        path = cst_path(recv)
        key = "@" + path if path is not None else None
    if key is not None and (0, key) in keys:
        return True
    from codemods.analysis.module_attrs import dotted_keys, receiver_key  # `import app` then app.nylas

    return dotted_keys(keys) and receiver_key(ctx, recv) in keys
