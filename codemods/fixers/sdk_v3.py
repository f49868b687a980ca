"""Code already on the v6 SDK (`from nylas import Client`): never rewritten, but what v5 left behind on it is
reported, so `check` after `fix` keeps listing the places a human still has to change (issue: "code that
already uses Client is left alone, even if it calls v2-style methods on it: a finding, no rewrite")."""
from __future__ import annotations

import libcst as cst

from codemods.context import FileContext
from codemods.fixers.sdk import COLLECTIONS, _is_client, _visibly_int, advise_on_value, collection_calls
from codemods.fixers.sdk_members import api_server_assignments, native_auth, other_collections


def report_v5_calls(ctx: FileContext, sdk, walk) -> None:
    """Code already on the v6 Client is never rewritten, but v5-style calls on it are reported (SDK046), so
    `check` after `fix` still lists the calls that were left for a human."""
    v3 = [c for c in walk.calls if (isinstance(c.func, cst.Name) and c.func.value in sdk.v3_names) or (
        isinstance(c.func, cst.Attribute) and c.func.attr.value == sdk.imp.get("new_name")
        and isinstance(c.func.value, cst.Name) and c.func.value.value in sdk.module_names)]
    if not v3 and not sdk.v3_names:
        return
    ids = {id(c) for c in v3}
    keys = {key for key, value, _ in ctx.index.pairs if id(value) in ids}
    for call, recv, coll, method, inner, end in collection_calls(walk):
        if _is_client(ctx, recv, keys):
            note = sdk.notes.get("v2_call_on_v3_client")
            sdk.note(call, "v2_call_on_v3_client", note and f"{coll}.{method}(): {note.message}")
        else:
            sdk.note(call, "unresolved_client")
    for attr in walk.attributes:
        if _is_client(ctx, attr.value, keys):
            sdk.note(attr, "access_token" if attr.attr.value == "access_token" else "account")
    for assign, _ in api_server_assignments(ctx, walk, keys, _is_client):
        sdk.note(assign, "api_server")
    _time_filters(ctx, sdk, walk, keys)
    _left_over_members(ctx, sdk, walk, keys)
    other_collections(ctx, sdk, walk, keys, v5_only=True)
    native_auth(ctx, sdk, walk, keys)
    model_rule = next((r for r in sdk.rules if r.kind == "sdk_model_access"), None)
    if model_rule is not None:  # item access on v6 results: reported, never rewritten here
        from codemods.fixers import sdk_models

        results = []
        for call in walk.calls:
            f, parent = call.func, ctx.parent(call)
            if (isinstance(f, cst.Attribute) and f.attr.value in ("list", "find") and isinstance(f.value, cst.Attribute)
                    and f.value.attr.value in COLLECTIONS | {"attachments"} and _is_client(ctx, f.value.value, keys)
                    and isinstance(parent, cst.Attribute) and parent.attr.value == "data"):
                results.append((parent, "where" if f.attr.value == "list" else "get", None, None, f.value.attr.value))
        method_rule = next((r for r in sdk.rules if r.kind == "sdk_model_method"), None)
        sdk_models.rewrite(ctx, results, model_rule, report_only=True, methods=method_rule, sdk=sdk,
                           renamed=next((r for r in sdk.rules if r.kind == "sdk_model_rename"), None))
        from codemods.fixers.sdk_model_use import named_uses

        named_uses(ctx, results, model_rule, report_only=True)  # jsonify(<v6 models>) fails on v6 code as well
        member_rule = next((r for r in sdk.rules if r.kind == "sdk_model_member" and r.get("applies_to") == "model"), None)
        if member_rule is not None:
            from codemods.fixers.sdk_members import report_model_members

            report_model_members(ctx, results, member_rule)
            from codemods.fixers.sdk_model_table import check as check_model_table

            check_model_table(ctx, results, member_rule)  # a member v6 models lack fails on v6 code as well
    for call in walk.calls:  # a v5 draft built on a v6 client: drafts.create() that does not bind to v6's signature
        f = call.func
        if (isinstance(f, cst.Attribute) and f.attr.value == "create" and isinstance(f.value, cst.Attribute)
                and f.value.attr.value == "drafts" and not _binds_v6(call, "drafts", "create")
                and _is_client(ctx, f.value.value, keys)):
            sdk.note(call, "draft_manual")


def _binds_v6(call: cst.Call, resource: str, method: str) -> bool:
    """Does the call bind to the v6 method's real signature (analysis/v6_sdk.py)? Then it is v6 code, whatever its
    method name also meant in v5 (`drafts.create(identifier=grant_id, request_body=...)`). Star arguments: unknown,
    taken as v6 (nothing is reported on code that may already be right)."""
    from codemods.analysis.v6_sdk import binds

    if any(a.star for a in call.args):
        return True
    positional = sum(1 for a in call.args if a.keyword is None)
    return binds(resource, method, positional, [a.keyword.value for a in call.args if a.keyword is not None])


def _time_filters(ctx: FileContext, sdk, walk, keys) -> None:
    """query_params={"received_after": since, ...} on a v6 list call: v6 sends the value as it is (SDK033);
    a literal limit over v3's maximum is rejected (SDK035)."""
    from codemods.http_calls import _string_value

    time_rules = [r for r in sdk.key_rules if r.get("time_keys")]
    for call in walk.calls:
        f = call.func
        if not (isinstance(f, cst.Attribute) and f.attr.value == "list" and isinstance(f.value, cst.Attribute)
                and _is_client(ctx, f.value.value, keys)):
            continue
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value == "query_params" and isinstance(arg.value, cst.Dict):
                for element in arg.value.elements:
                    key = _string_value(element.key) if isinstance(element, cst.DictElement) else None
                    value = ctx.module.code_for_node(element.value) if key else ""
                    if key:
                        advise_on_value(ctx, call, sdk.key_rules, key, value)
                    for rule in time_rules:
                        if key in rule.get("time_keys") and not _visibly_int(value):
                            ctx.report(call, rule, f"{key}=: {rule.message}", fixable=False)
                    for rule in sdk.key_rules:  # SDK035: v3 rejects a page larger than its maximum
                        cap = (rule.get("limits") or {}).get(f.value.attr.value)
                        if key == "limit" and cap is not None and value.strip().isdigit() and int(value) > cap:
                            ctx.report(call, rule, f"limit={value.strip()}: {rule.message}", fixable=False)


def _left_over_members(ctx: FileContext, sdk, walk, keys) -> None:
    """v5 outbox/neural/files calls, collection indexing and kwargs-only folders.create() left on a v6 client."""
    from codemods.fixers.sdk import COLLECTIONS
    from codemods.fixers.sdk_members import report_client_calls, report_collection_shapes

    rule = next((r for r in sdk.rules if r.kind == "sdk_model_member" and r.get("applies_to") == "client"), None)
    if rule is not None:
        report_client_calls(ctx, sdk, walk, keys, _is_client, rule)
    report_collection_shapes(ctx, sdk, keys, _is_client, COLLECTIONS)
