"""Kind `query_param`: v2 list parameters renamed or dropped in v3.

Follows the upgrade guide ("not_in and filename … deprecated", "view=count …
deprecated", view=expanded removed, metadata filters narrowed to key1..key5) and
rest_api_facts.md §4. Parameters are read from the URL's query string and from
the `params=` dict sent with it; renames edit the key, drops are findings. A limit
over v3's maximum (the v3 OpenAPI spec: threads 50, other lists 200) is a finding.
"""
from __future__ import annotations

from typing import List

import libcst as cst

from codemods.http_calls import _string_value
from codemods.rules import Rule
from codemods.site_plan import SitePlan

KINDS = ("query_param",)


def _applies(rule: Rule, resource: str, value) -> bool:
    resources = rule.get("resources") or []
    if resource not in resources and "*" not in resources:
        return False
    above = rule.get("above")
    if above is not None:  # a v3 maximum (limit): only a literal over it is known to be rejected
        return value is not None and value.isdigit() and int(value) > above
    values = rule.get("values")
    return not values or value in values


def _literal(expr) -> object:
    """A dict value's text when it is a string or an integer literal (None: not known here)."""
    return expr.value if isinstance(expr, cst.Integer) else _string_value(expr)


def plan(sp: SitePlan, rules: List[Rule]) -> None:
    resource = sp.resource
    if resource is None or sp.endpoint_rule is None and sp.endpoint_path is None:
        return
    for rule in rules:
        param = rule.get("param")
        for key, value, index in sp.query_keys():
            if key == param and _applies(rule, resource, value):
                if rule.fixable:
                    sp.replace(index, index + len(key), rule.get("rename"), rule)
                else:
                    sp.report(sp.node_at(index), rule)
        for params in sp.param_dicts():
            for node, key, value_expr in sp.dict_keys(params):
                if key == param and _applies(rule, resource, _literal(value_expr)):
                    if rule.fixable:
                        sp.key_edits.append((node, rule.get("rename"), rule))
                    else:
                        sp.report(node, rule)
