"""Kind `response_envelope`: v2 replies read with `.json()` where v3 wraps them.

rest_api_facts.md §5: a v3 list reply is {"request_id", "data": [...], "next_cursor"}
and a single object is {"request_id", "data": {...}}. Which one an endpoint
returns is the endpoint rule's `returns:`, except that a POST to a list endpoint answers the one object
it made (SitePlan.reply_shape). A finding goes on each `.json()` read.
"""
from __future__ import annotations

from typing import List

import libcst as cst

from codemods.http_calls import _string_value
from codemods.rules import Rule
from codemods.site_plan import SitePlan

KINDS = ("response_envelope",)


def plan(sp: SitePlan, rules: List[Rule]) -> None:
    endpoint = sp.endpoint_rule
    if endpoint is None or endpoint.kind != "endpoint":
        return
    returns = sp.reply_shape
    for rule in rules:
        if rule.get("when") != returns:
            continue
        for use in sp.uses:
            for read in use.json_reads:
                if not _reads_data(sp, read):
                    sp.report(read, rule)


def _reads_data(sp: SitePlan, read: cst.Call) -> bool:
    """`.json()["data"]` (or .get("data")) already unwraps the v3 envelope."""
    parent = sp.ctx.parent(read)
    if isinstance(parent, cst.Subscript) and len(parent.slice) == 1:
        index = parent.slice[0].slice
        return isinstance(index, cst.Index) and _string_value(index.value) == "data"
    if isinstance(parent, cst.Attribute) and parent.attr.value == "get":
        call = sp.ctx.parent(parent)
        return isinstance(call, cst.Call) and bool(call.args) and _string_value(call.args[0].value) == "data"
    return False
