"""Kind `body_key`: keys of JSON request bodies renamed or dropped in v3.

Follows rest_api_facts.md §3/§6c/§7: sending a saved draft by `draft_id` moved
to POST /drafts/{id}; `file_ids` gave way to inline `attachments`; `tracking`
is `tracking_options`. A rule with `hold_url: true` means the call moves to
another endpoint entirely, so its URL is left alone. Only dict literals sent as `json=`/`data=` to a matched
Nylas endpoint are looked at.
"""
from __future__ import annotations

from typing import List

from codemods.rules import Rule
from codemods.site_plan import SitePlan

KINDS = ("body_key",)


def plan(sp: SitePlan, rules: List[Rule]) -> None:
    if sp.endpoint_path is None:
        return
    for rule in rules:
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
