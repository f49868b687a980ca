"""Kind `body_key`: keys of JSON request bodies renamed or dropped in v3.

Follows rest_api_facts.md §3/§6c/§7: sending a saved draft by `draft_id` moved
to POST /drafts/{id}; `file_ids` gave way to inline `attachments`; `tracking`
is `tracking_options`. A rule with `hold_url: true` means the call moves to
another endpoint entirely, so its URL is left alone. Only dict literals sent as `json=`/`data=` to a matched
Nylas endpoint are looked at.

Kind `body_content_type`: urllib's Request(url, data=...) sends its bytes as
application/x-www-form-urlencoded unless told otherwise; v3 reads only JSON and multipart bodies (the v3
OpenAPI spec; found by the contract tests). Reported when the module never names a Content-Type.
"""
from __future__ import annotations

from typing import List

import libcst as cst

from codemods.rules import Rule
from codemods.site_plan import SitePlan

KINDS = ("body_key", "body_content_type")


def plan(sp: SitePlan, rules: List[Rule]) -> None:
    if sp.endpoint_path is None:
        return
    for rule in rules:
        if rule.kind == "body_content_type":
            _urllib_content_type(sp, rule)
            continue
        if sp.endpoint_path not in (rule.get("endpoints") or []):
            continue
        for use in sp.uses:
            for node, key, _ in sp.dict_keys(use.body):
                if key != rule.get("key"):
                    continue
                if rule.fixable:
                    sp.key_edits.append((node, rule.get("rename"), rule))
                else:
                    sp.report(node, rule)
                    if rule.get("hold_url"):
                        sp.hold()


def _urllib_content_type(sp: SitePlan, rule: Rule) -> None:
    if "content-type" in sp.ctx.text.lower():
        return  # a Content-Type set somewhere here (headers=, add_header): trust it
    for use in sp.uses:
        func = use.call.func
        name = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
        positional = [a for a in use.call.args if a.keyword is None]
        if name == "Request" and (len(positional) >= 2 or any(a.keyword and a.keyword.value == "data"
                                                               for a in use.call.args)):
            sp.report(use.call, rule)

