"""Kinds `host` and `scheme`: v2 API hosts → v3 hosts, http → https.

Follows the upgrade guide's host table (api.nylas.com → api.us.nylas.com,
ireland.api.nylas.com → api.eu.nylas.com, canada.api.nylas.com → api.us.nylas.com)
and "v3 is HTTPS only". Only the host part of a URL that already starts with a
Nylas host is touched.
"""
from __future__ import annotations

from typing import List

from codemods.rules import Rule
from codemods.site_plan import SitePlan

KINDS = ("host", "scheme")


def plan(sp: SitePlan, rules: List[Rule]) -> None:
    parts = sp.parts
    if parts.host is None:
        return
    v2_hosts = {r.get("host"): r for r in rules if r.kind == "host"}
    host_rule = v2_hosts.get(parts.host_name)
    if host_rule is not None:
        sp.replace(parts.host[0], parts.host[1], host_rule.get("replace"), host_rule)
    scheme = sp.text[parts.scheme[0]:parts.scheme[1]]
    for rule in rules:
        if rule.kind == "scheme" and scheme == rule.get("from"):
            sp.replace(parts.scheme[0], parts.scheme[1], rule.get("to"), rule)
