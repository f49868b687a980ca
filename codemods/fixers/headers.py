"""Kind `header`: HTTP headers sent with a Nylas URL that v3 treats differently.

Follows the v3 upgrade guide's "Start" notes (rest_api_facts.md §2): v3 accepts
only `Authorization: Bearer <token>` (a bare token or Basic auth is refused), and
no longer honours `Nylas-API-Version`. Only `headers=` dict literals sent with a
Nylas URL (directly or through a variable in the same function) are read.
"""
from __future__ import annotations

from typing import List, Optional

import libcst as cst

from codemods.site_plan import SitePlan
from codemods.rules import Rule

KINDS = ("header",)


def _leading_text(expr: cst.BaseExpression) -> Optional[str]:
    """The literal text a header value starts with, or None when it starts with a variable."""
    if isinstance(expr, cst.SimpleString):
        return expr.raw_value
    if isinstance(expr, cst.FormattedString):
        first = expr.parts[0] if expr.parts else None
        return first.value if isinstance(first, cst.FormattedStringText) else None
    if isinstance(expr, cst.ConcatenatedString):
        return _leading_text(expr.left)
    if isinstance(expr, cst.BinaryOperation):
        return _leading_text(expr.left)
    if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "format":
        return _leading_text(expr.func.value)
    return None


def plan(sp: SitePlan, rules: List[Rule]) -> None:
    for use in sp.uses:
        for node, key, value in sp.dict_keys(use.headers):
            for rule in rules:
                if key.lower() != rule.get("header").lower():
                    continue
                prefix = rule.get("require_prefix")
                if prefix is not None:
                    text = _leading_text(value)
                    if text is not None and text.lower().startswith(prefix.lower()):
                        continue
                sp.report(node, rule)


def scan_module(ctx, rules: List[Rule]) -> None:
    """Headers built away from the request (`headers["authorization"] = token` in a helper, a dict a function
    returns): read only in a module that sends Nylas URLs, and only reported, never rewritten. A header sent with
    the URL is found by plan() too; a finding is a value, so the two reports of one header are one."""
    wanted = {r.get("header").lower(): r for r in rules if r.kind == "header"}
    if not wanted or not any(name in ctx.text.lower() for name in wanted):
        return  # the usual case: one substring test, no walk

    found = header_assignments(ctx)
    for node, key, value in found:
        rule = wanted.get(key.lower())
        if rule is None:
            continue
        prefix = rule.get("require_prefix")
        text = _leading_text(value) if prefix is not None else None
        if prefix is not None and text is not None and text.lower().startswith(prefix.lower()):
            continue
        ctx.report(node, rule)


def header_assignments(ctx) -> List[tuple]:
    """(key node, literal key, value) for every `x["Key"] = value` and `{"Key": value}` in the module: where
    headers are built away from the request (look-only: the walk replays the recorded nodes)."""
    found: List[tuple] = []

    class _Headers(cst.CSTVisitor):
        def visit_Assign(self, node: cst.Assign) -> None:
            for target in node.targets:
                t = target.target
                if isinstance(t, cst.Subscript) and len(t.slice) == 1 and isinstance(t.slice[0].slice, cst.Index):
                    key = _literal(t.slice[0].slice.value)
                    if key is not None:
                        found.append((t, key, node.value))

        def visit_DictElement(self, node: cst.DictElement) -> None:
            key = _literal(node.key)
            if key is not None:
                found.append((node.key, key, node.value))

    ctx.walk(_Headers())
    return found


def _literal(expr: cst.BaseExpression) -> Optional[str]:
    if isinstance(expr, cst.SimpleString) and "{" not in expr.value:
        return expr.evaluated_value if isinstance(expr.evaluated_value, str) else None
    return None
