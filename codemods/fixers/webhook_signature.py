"""Kind `webhook_signature`: webhook signatures checked with the application's client secret.

Follows ../shared/reference/rest_api_facts.md §8 (Signature) and the upgrade guide: v2 signed each
notification's body (HMAC-SHA256, hex, in X-Nylas-Signature) with the application's client secret; v3 signs it
with the webhook's own secret, returned when the webhook is created (POST /v3/webhooks, client.webhooks.create),
so the v2 check rejects every v3 notification. Reported at an HMAC call in a function that reads
X-Nylas-Signature (or in a function such a function calls), unless its key visibly is a webhook secret.
"""
from __future__ import annotations

from typing import List

import libcst as cst

from codemods.context import FileContext
from codemods.module_index import dotted_name
from codemods.rules import Rule

KINDS = ("webhook_signature",)
HMAC_CALLS = {"hmac.new", "hmac.HMAC", "hmac.digest"}


def run(ctx: FileContext, rules: List[Rule]) -> None:
    if "x-nylas-signature" not in ctx.text.lower() or "hmac" not in ctx.text:
        return
    local = {}  # from hmac import new as make → {"make": "hmac.new"}
    for stmt in ctx.index.imports:
        if isinstance(stmt, cst.ImportFrom) and dotted_name(stmt.module) == "hmac" and not isinstance(stmt.names, cst.ImportStar):
            for alias in stmt.names:
                local[alias.asname.name.value if alias.asname else alias.name.value] = f"hmac.{alias.name.value}"
    handlers = [f for f in ctx.index.functions if "x-nylas-signature" in ctx.module.code_for_node(f).lower()]
    helpers = {c.func.value for h in handlers for c in ctx.index.calls
               if isinstance(c.func, cst.Name) and _within(ctx, c, h)}
    for call in ctx.index.calls:
        name = dotted_name(call.func) or ""
        if local.get(name, name) not in HMAC_CALLS or not call.args:
            continue
        function = _function_of(ctx, call)
        if function is None or not (function in handlers or function.name.value in helpers):
            continue  # an HMAC for something else than the notification this module verifies
        key = ctx.module.code_for_node(call.args[0].value)
        if "webhook" in key.lower():
            continue
        for rule in rules:
            ctx.report(call, rule, f"key {key}: {rule.message}")


def _function_of(ctx: FileContext, node: cst.CSTNode):
    cur = ctx.parent(node)
    while cur is not None and not isinstance(cur, cst.FunctionDef):
        cur = ctx.parent(cur)
    return cur


def _within(ctx: FileContext, node: cst.CSTNode, ancestor: cst.CSTNode) -> bool:
    cur = ctx.parent(node)
    while cur is not None and cur is not ancestor:
        cur = ctx.parent(cur)
    return cur is ancestor
