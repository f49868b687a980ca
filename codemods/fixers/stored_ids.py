"""Kind `stored_id`: a v3 call whose object id visibly comes from storage written under v2.

The upgrade guide and rest_api_facts.md §5: v3 object IDs are not v2's, so an id saved before the upgrade (a
database column, a cache entry, a request argument carrying it back) finds nothing, or the wrong object, in
v3. Reported at the id, where it is a hole of a Nylas URL path that moves to v3 (or is on v3 already), or the
id argument of an SDK call on a traced client (`get(id)`/`delete(id)` that `fix` turns into `find`/`destroy`,
or v6's own `find(grant, id)`/`update`/`destroy`). Where the id comes from is codemods.analysis.stored_ids's.
"""
from __future__ import annotations

from typing import List, Set

import libcst as cst

from codemods.analysis.stored_ids import stored_origin
from codemods.context import FileContext
from codemods.paths import HOLE
from codemods.rules import Rule
from codemods.site_plan import SitePlan

KINDS = ("stored_id",)
V5_ID_METHODS = {"get", "delete"}
V6_ID_METHODS = {"find", "destroy", "update"}


def observe(sp: SitePlan, rules: List[Rule]) -> None:
    path = sp.endpoint_path or ""
    if sp.endpoint_rule is None or sp.endpoint_rule.kind != "endpoint" or "{" not in path:
        return
    if (sp.held or sp.blockers) and "/v3/" not in sp.text:
        return  # stays on v2, with its v2 ids
    position, seen_base = 0, sp.site.base is None
    for piece in sp.site.template.pieces:
        if piece.text == HOLE and piece.expr is not None:
            if not seen_base:
                seen_base = True  # the base name's hole, not an id
            elif "?" not in sp.text[:position]:
                _report(sp.ctx, rules, piece.expr)
        position += len(piece.text)


def run(ctx: FileContext, rules: List[Rule]) -> None:
    if "nylas" not in ctx.text:
        return
    from codemods.analysis.sdk_calls import SdkCalls

    sdk = SdkCalls(ctx, ctx.rules.rules)
    if not sdk.keys:
        return
    for call in ctx.index.calls:
        f = call.func
        if not (isinstance(f, cst.Attribute) and isinstance(f.value, cst.Attribute) and sdk.is_client(f.value.value)):
            continue
        positional = [a.value for a in call.args if a.keyword is None and not a.star]
        if f.attr.value in V5_ID_METHODS and sdk.on_v6 and len(positional) == 1:
            _report(ctx, rules, positional[0])
        elif f.attr.value in V6_ID_METHODS and len(positional) >= 2:
            _report(ctx, rules, positional[1])


def _report(ctx: FileContext, rules: List[Rule], expr: cst.BaseExpression) -> None:
    origin = stored_origin(ctx, expr)
    if origin is None:
        return
    seen: Set[int] = ctx.traced.setdefault("stored_ids", set())
    if id(expr) in seen:
        return
    seen.add(id(expr))
    for rule in rules:
        ctx.report(expr, rule, f"{origin}: {rule.message}")
