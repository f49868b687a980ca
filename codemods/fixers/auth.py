"""Kind `url_userinfo`: credentials in a Nylas URL (`https://TOKEN:@api.nylas.com/...`).

v3 accepts only `Authorization: Bearer <token>` (upgrade guide, "Start"), so a
token in the URL's user-info part is reported for a human to move.
"""
from __future__ import annotations

from typing import List

from codemods.rules import Rule
from codemods.site_plan import SitePlan

KINDS = ("url_userinfo",)


def plan(sp: SitePlan, rules: List[Rule]) -> None:
    if sp.parts.userinfo is None:
        return
    for rule in rules:
        sp.report(sp.node_at(sp.parts.userinfo[0]), rule)
