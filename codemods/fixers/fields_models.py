"""Kind `field_key` on values fields.py could not trace: SDK models, and values of unknown origin.

Follows the upgrade guide's "Modify parsing methods for threads" (as fields.py) and issue 13 class 1: a field
is renamed or reported only on a value whose origin is Nylas. fields.py decides the reads of replies and
webhook bodies; the rest wait here:

- `on_models()` (called by the SDK fixer, before item access becomes attribute access) takes the reads on the
  names that hold models of a rewritten SDK call: `thread.first_message_timestamp` → `.earliest_message_date`,
  `thread["first_message_timestamp"]` → `thread["earliest_message_date"]` (then `thread.earliest_message_date`,
  sdk_models.py). What a v6 dataclass cannot do (`.get()`, `in`, the nested `latest_draft_or_message`) is
  reported.
- `run()` (after every other fixer) reports the dict reads left, of a rule marked `untraced: report` (the thread
  timestamp names, distinctive enough to be worth a look), saying their origin could not be traced; nothing
  else is touched.
"""
from __future__ import annotations

from typing import List

import libcst as cst

from codemods.context import FileContext
from codemods.fixers.fields import PENDING, _quoted
from codemods.rules import Rule

KINDS = ("field_key",)
MANUAL_SUBSCRIPTS = __name__ + ".manual"  # ids of model subscripts reported here: sdk_models leaves them


def on_models(ctx: FileContext, results) -> None:
    """results: (expression, v5 method, end, client text, v6 collection) per rewritten SDK call."""
    pending = ctx.traced.get(PENDING)
    if not pending:
        return
    from codemods.fixers.sdk_models import _bound_names

    by_receiver = {id(item[1]): item for item in pending}
    claimed = set()
    for call, method, end, _client, _collection in results:
        for name, region, safe in _bound_names(ctx, call, method, end):
            visitor = _NameReads(name)
            ctx.walk(visitor, region.body if isinstance(region, (cst.For, cst.FunctionDef)) else region)
            for node in visitor.found:
                item = by_receiver.get(id(node))
                if item is not None and id(item[0]) not in claimed:
                    claimed.add(id(item[0]))
                    _on_model(ctx, name, safe, *item)
    ctx.traced[PENDING] = [item for item in pending if id(item[0]) not in claimed]


class _NameReads(cst.CSTVisitor):
    def __init__(self, name: str):
        self.name, self.found = name, []

    def visit_Name(self, node: cst.Name) -> None:
        if node.value == self.name:
            self.found.append(node)

    def visit_FunctionDef(self, node) -> bool:
        return False  # a nested function's same name is another variable


def _on_model(ctx: FileContext, name: str, safe: bool, node, receiver, rule: Rule, how: str) -> None:
    key = node.value if isinstance(node, cst.Name) else None
    renamable = rule.fixable and rule.get("rename") and not rule.get("subscript_rename") and safe
    site = ctx.parent(node)  # the Attribute, or (key → Index → SubscriptElement →) the Subscript
    while how == "subscript" and site is not None and not isinstance(site, cst.Subscript):
        site = ctx.parent(site)
    writes = isinstance(ctx.parent(site), (cst.AssignTarget, cst.Del, cst.AugAssign))
    if how == "attribute" and renamable and not writes and key is not None:
        start, end = ctx.span(node)
        ctx.edit(start, end, rule.get("rename"), rule)
        ctx.report(node, rule)
        return
    if how == "subscript" and renamable and not writes and "\\" not in node.value:
        start, end = ctx.span(node)
        ctx.edit(start, end, _quoted(node, rule.get("rename")), rule)
        ctx.report(node, rule)
        return
    if how == "subscript":
        ctx.traced.setdefault(MANUAL_SUBSCRIPTS, set()).add(id(site))
    new = rule.get("rename") or rule.get("subscript_rename")
    if how in ("get", "in") and new:
        message = (f"{name} is a v6 model (a dataclass): `.get()` and `in` fail on it; read {name}.{new}"
                   f"{' (check latest_draft_or_message for None)' if rule.get('subscript_rename') else ''}")
    else:
        message = rule.message or f"{rule.summary}: rename this read by hand"
    ctx.report(node, rule, message, fixable=False)


def run(ctx: FileContext, rules: List[Rule]) -> None:
    for node, _receiver, rule, how in ctx.traced.pop(PENDING, ()):
        if how != "attribute" and rule.get("untraced") == "report":
            ctx.report(node, rule, f"{rule.summary}, if this value is a Nylas thread: where it comes from could not "
                                   f"be traced to a Nylas call, so it was not renamed", fixable=False)
