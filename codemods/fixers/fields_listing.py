"""Kinds `metadata_filter`, `listing_note`: what a list call sent to Nylas must know about v3's listings.

Follows the upgrade guide's "Changes to Metadata filters" (v3 indexes only the metadata keys key1…key5,
filtered with `metadata_pair=keyN:value`) and "Changes to the Email API in v3" (Nylas keeps IMAP messages
in a 90-day rolling window), with rest_api_facts.md §4a and §9. The sites are seen through observe()
(see fixers.run); the findings are reported there, at the URL site.

`listing_note` is said at a file's first v2 list call of the rule's resources that the tool rewrites (not on
code already on v3, nor on a call left for a human, so `check` goes quiet once `fix` has run and a second
`fix` adds nothing); engine.run keeps only the first one of a run, so a project hears it once. It is
project-wide, so `fix --add-todos` (TODOs mark places) and `--since` (a slice of the project) leave it out.
"""
from __future__ import annotations

from typing import List, Optional

import libcst as cst

from codemods.http_calls import _string_value
from codemods.rules import Rule
from codemods.site_plan import SitePlan

KINDS = ("metadata_filter", "listing_note")


def observe(sp: SitePlan, rules: List[Rule]) -> None:
    endpoint = sp.endpoint_rule
    if sp.resource is None or endpoint is None or endpoint.kind != "endpoint":
        return
    for rule in rules:
        if rule.kind == "metadata_filter":
            _metadata(sp, rule)
        elif rule.kind == "listing_note" and sp.resource in rule.get("resources") and not sp.held \
                and endpoint.get("returns") == "list" and sp.method in (None, "GET"):
            sp.ctx.traced.setdefault(__name__, []).append((sp, rule))


def run(ctx, rules: List[Rule]) -> None:
    """Say each listing note at the file's first list call that was rewritten (known once sites are committed):
    after `fix`, no v2 listing that the tool moves is left, so the note is not said again, nor added as a TODO."""
    if ctx.options.add_todos or ctx.options.changed_lines is not None:
        return  # a project-wide advisory: not a place to mark with a TODO, nor part of a --since slice
    said = set()
    rewritten = [(ctx.line_col(sp.site.template.root), sp, rule) for sp, rule in ctx.traced.get(__name__, ())
                 if not sp.blockers and _still_edited(ctx, sp.site.template.root)]
    for _, sp, rule in sorted(rewritten, key=lambda item: item[0]):
        if rule.id not in said:
            said.add(rule.id)
            ctx.report(sp.site.template.root, rule)


def _still_edited(ctx, node) -> bool:
    """Is the URL still rewritten once committed? A shared base held on v2 takes its sites' edits back
    (analysis/bases.py, base_project.py): such a call stays on v2 and is no v3 listing."""
    try:
        start, end = ctx.span(node)
    except Exception:  # noqa: BLE001 - a node whose text cannot be placed: count it as rewritten, as before
        return True
    return any(start <= e.start and e.end <= end for e in ctx.edits)


def _metadata(sp: SitePlan, rule: Rule) -> None:
    """`metadata_pair=<key>:<value>` whose key is not one v3 indexes (or cannot be read)."""
    param, indexed = rule.get("param"), set(rule.get("values"))
    for key, value, index in sp.query_keys():
        if key == param and _pair_key(value) not in indexed:
            sp.report(sp.node_at(index), rule)
    for params in sp.param_dicts():
        for node, key, value_expr in sp.dict_keys(params):
            if key == param and _pair_key(_literal_prefix(value_expr)) not in indexed:
                sp.report(node, rule)


def _literal_prefix(expr: cst.BaseExpression) -> Optional[str]:
    """The value's text up to its first interpolation (`f"key1:{v}"` → "key1:")."""
    if isinstance(expr, cst.SimpleString):
        return _string_value(expr)
    if isinstance(expr, cst.FormattedString) and expr.parts and isinstance(expr.parts[0], cst.FormattedStringText):
        return expr.parts[0].value
    return None


def _pair_key(value: Optional[str]) -> Optional[str]:
    if not value or ":" not in value:
        return None
    return value.split(":", 1)[0]
