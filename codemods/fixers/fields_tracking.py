"""Kinds `tracking_recent`, `tracking_recent_id`, `tracking_metadata`: reading tracking notifications.

Follows the upgrade guide's "Update message tracking for v3" (`recent.payload` → `recent.label`;
`recent.id` → `recent.opened_id` for message.opened and `recent.click_id` for message.link_clicked) and
rest_api_facts.md §7–§8 (the `.legacy` triggers keep delivering the v2 shape for messages tracked under v2).

Precision: only in a module with Nylas evidence (see fields.has_evidence), and only on an item of a
`recents` list: the target of `for r in x["recents"]` (or `.get("recents")`, `... or []`, or a comprehension
over it), `x["recents"][i]`, or a name assigned once from that. Which id the item carries depends on the
trigger: it is known inside `if <...> == "message.opened":` (or `elif`) and after a guard
`if <...> != "message.opened": return` (or continue, raise); elsewhere `id` is a finding naming both. In a
branch on a `.legacy` trigger nothing changes: those notifications still carry the v2 fields.

`tracking_metadata`: reads of a v2 delta's `object_data["metadata"][key]` (payload, count, link_data) are
findings naming where v3 puts the value (data.object.label, ...): the whole path changes, so no key rename
would be right on its own.
"""
from __future__ import annotations

from typing import Iterator, List, Optional, Tuple

import libcst as cst

from codemods.context import FileContext
from codemods.fixers.fields import _quoted, has_evidence
from codemods.fixers.fields_replies import (_assigned_name, _get_call, _holders, _is_index, _loop_target, _reads,
                                           _string_key, through_or)
from codemods.http_calls import _string_value
from codemods.rules import Rule

KINDS = ("tracking_recent", "tracking_recent_id", "tracking_metadata")


def _key_reads(ctx: FileContext, key: str) -> Iterator[cst.BaseExpression]:
    """`x[key]` and `x.get(key)` expressions."""
    for sub in ctx.index.key_reads:  # the index's subscripts and `.get(...)` calls, in visit order
        if type(sub) is cst.Subscript:
            if _string_value(_string_key(sub)) == key:
                yield sub
        elif sub.args and _string_value(sub.args[0].value) == key and _get_call(ctx, sub.func.value) is sub:
            yield sub


def _v2_metadata(ctx: FileContext, keep=lambda read: True) -> Iterator[Tuple[Optional[str], cst.CSTNode]]:
    """Holders of a v2 webhook delta's `object_data["metadata"]` (directly, or through names assigned once)."""
    for object_data in [read for read in _key_reads(ctx, "object_data") if keep(read)]:
        for holder, where in _holders(ctx, object_data, False):
            for key_node, read in _reads(ctx, holder, where):
                if _string_value(key_node) == "metadata":
                    yield from _holders(ctx, read, False)


def _items(ctx: FileContext, recents: cst.BaseExpression) -> Iterator[Tuple[Optional[str], cst.CSTNode]]:
    """(None, expr) for an expression that is one item; (name, region) for a name holding one."""
    recents = through_or(ctx, recents)
    loop = _loop_target(ctx, recents)
    if loop:
        yield loop
        return
    parent = ctx.parent(recents)
    if isinstance(parent, cst.Subscript) and parent.value is recents and _is_index(parent):
        yield None, parent
        named = _assigned_name(ctx, parent)
        if named:
            yield named


def _compared(test: cst.BaseExpression, operator: type) -> Optional[str]:
    """The string a `<x> == "..."` (or `!=`) test compares to."""
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1 \
            and isinstance(test.comparisons[0].operator, operator):
        for side in (test.left, test.comparisons[0].comparator):
            value = _string_value(side)
            if value is not None:
                return value
    return None


def _guard(statement: cst.CSTNode) -> Optional[str]:
    """`if <x> != "<trigger>": return` (or continue, raise): what follows it sees only that trigger."""
    if isinstance(statement, cst.If) and statement.orelse is None and isinstance(statement.body, cst.IndentedBlock):
        exits = (cst.Return, cst.Continue, cst.Raise)
        lines = statement.body.body
        if lines and all(isinstance(line, cst.SimpleStatementLine) and all(isinstance(s, exits) for s in line.body)
                         for line in lines):
            return _compared(statement.test, cst.NotEqual)
    return None


def trigger_of(ctx: FileContext, node: cst.CSTNode) -> Optional[str]:
    """The trigger the innermost `if <x> == "<trigger>":` whose body holds node tests for, or an earlier
    `if <x> != "<trigger>": return` in an enclosing block guarantees; None when neither says."""
    child, cur = node, ctx.parent(node)
    while cur is not None and not isinstance(cur, cst.FunctionDef):
        if isinstance(cur, cst.If) and child is cur.body:
            found = _compared(cur.test, cst.Equal)
            if found is not None:
                return found
        if isinstance(cur, (cst.IndentedBlock, cst.Module)):
            index = next((i for i, statement in enumerate(cur.body) if statement is child), 0)
            for statement in reversed(cur.body[:index]):
                found = _guard(statement)
                if found is not None:
                    return found
        child, cur = cur, ctx.parent(cur)
    return None


def run(ctx: FileContext, rules: List[Rule]) -> None:
    from codemods.analysis.data_apply import nylas_read, regions

    scope = None if has_evidence(ctx.text) else regions(ctx)  # see fixers/fields.py
    if scope == []:
        return
    keep = (lambda read: True) if scope is None else (lambda read: nylas_read(ctx, read, scope))
    by_key = {r.get("key"): r for r in rules if r.kind != "tracking_metadata"}
    done: set = set()
    for recents in [r for r in _key_reads(ctx, "recents") if keep(r)]:
        for holder, where in _items(ctx, recents):
            for key_node, read in _reads(ctx, holder, where):
                rule = by_key.get(_string_value(key_node))
                if rule is None or id(key_node) in done:
                    continue
                done.add(id(key_node))
                _apply(ctx, rule, key_node, read)
    for rule in (r for r in rules if r.kind == "tracking_metadata"):
        moved = rule.get("renames") or {}
        for holder, where in _v2_metadata(ctx, keep):
            for key_node, _read in _reads(ctx, holder, where):
                key = _string_value(key_node)
                if key in moved and id(key_node) not in done and not _legacy(ctx, key_node):
                    done.add(id(key_node))
                    ctx.report(key_node, rule, f"{rule.message}: metadata.{key} is {moved[key]} in v3")


def _legacy(ctx: FileContext, node: cst.CSTNode) -> bool:
    trigger = trigger_of(ctx, node)
    return trigger is not None and trigger.endswith(".legacy")


def _apply(ctx: FileContext, rule: Rule, key_node: cst.SimpleString, read: cst.BaseExpression) -> None:
    if _legacy(ctx, key_node):
        return  # .legacy notifications carry the v2 tracking data unchanged
    trigger = trigger_of(ctx, key_node)
    if rule.kind == "tracking_recent_id":
        new = (rule.get("renames") or {}).get(trigger) if trigger else None
        if new is None:
            ctx.report(key_node, rule, fixable=False)
            return
    else:
        new = rule.get("rename")
    if "\\" in key_node.value or isinstance(ctx.parent(read), (cst.AssignTarget, cst.Del, cst.AugAssign)):
        ctx.report(key_node, rule, fixable=False)
        return
    start, end = ctx.span(key_node)
    ctx.edit(start, end, _quoted(key_node, new), rule)
    ctx.report(key_node, rule, f"{rule.summary} ({trigger})" if trigger and rule.kind == "tracking_recent_id" else None)
