"""Kind `body_key`: keys of JSON request bodies renamed or dropped in v3.

Follows rest_api_facts.md §3/§6c/§7: sending a saved draft by `draft_id` moved
to POST /drafts/{id}; `file_ids` gave way to inline `attachments`; `tracking`
is `tracking_options`. A rule with `hold_url: true` means the call moves to
another endpoint entirely, so its URL is left alone. Only dict literals sent as `json=`/`data=` to a matched
Nylas endpoint are looked at.

Kind `body_content_type`: a body sent as `data=` goes out as a form (a dict, and urllib's bytes:
application/x-www-form-urlencoded) or with no Content-Type at all (requests with a str or bytes); v3 reads only
JSON and multipart bodies (the v3 OpenAPI spec; found by the contract tests). Reported when the call sends
neither `json=` nor `files=` and the module never names a Content-Type (set in headers, add_header, a session).
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
            _form_body(sp, rule)
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


def _form_body(sp: SitePlan, rule: Rule) -> None:
    if "content-type" in sp.ctx.text.lower():
        return  # a Content-Type set somewhere here (headers=, add_header, a session's headers): trust it
    for use in sp.uses:
        call = use.call
        func = call.func
        name = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
        keywords = {a.keyword.value for a in call.args if a.keyword is not None}
        positional = [a for a in call.args if a.keyword is None]
        if name == "Request":  # urllib.request.Request(url, data)
            sends_data = "data" in keywords or len(positional) >= 2
        else:
            sends_data = "data" in keywords and not keywords & {"json", "files"}
        if sends_data:
            sp.report(call, rule)
