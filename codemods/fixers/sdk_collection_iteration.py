"""Kind `sdk_collection_use`: a v5 collection used as a value (iterated, listed, or bound to a name).

Follows ../shared/reference/sdk_mapping.md (§1a, pagination) and nylas-python's UPGRADE.md ("doesn't support
pagination out of the box"): a v5 `client.messages` was a RestfulModelCollection, iterable, whose iteration
walked every page; a v6 `client.messages` is a resource with list()/find()/..., not iterable. The SDK fixer
rewrites calls made on the collection (`client.messages.where(...)`); these uses it never rewrites:

- `for m in client.messages:`, `[m for m in client.threads]`, `list(client.messages)`, `len(...)`, `sorted(...)`
  on a traced client's collection (`when: iterated`);
- `msgs = client.messages` (an alias), reported at each use of the alias: its calls and iterations stay v5
  (`when: alias`).
"""
from __future__ import annotations

from typing import List

import libcst as cst

from codemods.context import FileContext
from codemods.fixers.sdk_members import MODEL_COLLECTIONS, OTHER_COLLECTIONS
from codemods.rules import Rule

KINDS = ("sdk_collection_use",)
CONSUMERS = {"list", "sorted", "tuple", "set", "iter", "enumerate"}  # what calls __iter__ (v5 had no __len__)


def run(ctx: FileContext, rules: List[Rule]) -> None:
    if "nylas" not in ctx.text:
        return
    by_when = {r.get("when"): r for r in rules}
    from codemods.analysis.sdk_calls import SdkCalls

    sdk = SdkCalls(ctx, ctx.rules.rules)
    if not sdk.keys:
        return
    for coll in sorted(MODEL_COLLECTIONS | OTHER_COLLECTIONS):
        for attr in ctx.index.attributes.get(coll, []):
            if not sdk.is_client(attr.value):
                continue
            parent = ctx.parent(attr)
            if _iterated(ctx, attr, parent) and by_when.get("iterated") is not None:
                rule = by_when["iterated"]
                ctx.report(attr, rule, f"{ctx.module.code_for_node(attr)}: {rule.message}{_gone_note(coll)}")
            elif isinstance(parent, cst.Assign) and parent.value is attr and by_when.get("alias") is not None:
                _alias_uses(ctx, parent, attr, by_when["alias"])


# v5 collections the nylas 6 Client has no attribute for (the contract run of sdk/collection_iteration found
# `list(client.labels)` failing with AttributeError, not the TypeError the message names).
NOT_ON_V6_CLIENT = {"labels": "labels and folders are merged in v3: client.folders", "files": "", "outbox": "",
                    "neural": "", "deltas": "", "job_statuses": "", "accounts": ""}


def _gone_note(coll: str) -> str:
    if coll not in NOT_ON_V6_CLIENT:
        return ""
    where = NOT_ON_V6_CLIENT[coll]
    return f" (here it fails sooner: nylas 6's Client has no {coll}, AttributeError{'; ' + where if where else ''})"


def _iterated(ctx: FileContext, node: cst.CSTNode, parent) -> bool:
    if isinstance(parent, (cst.For, cst.CompFor)) and parent.iter is node:
        return True
    if isinstance(parent, cst.Arg) and parent.value is node:
        call = ctx.parent(parent)
        return (isinstance(call, cst.Call) and isinstance(call.func, cst.Name) and call.func.value in CONSUMERS
                and len(call.args) == 1)
    return False


def _alias_uses(ctx: FileContext, assign: cst.Assign, attr: cst.Attribute, rule: Rule) -> None:
    """Each read of `alias` (bound once, to client.<collection>) in the scope of the assignment."""
    from codemods.module_index import scope_stack, scoped_key

    if len(assign.targets) != 1 or not isinstance(assign.targets[0].target, cst.Name):
        return
    name = assign.targets[0].target.value
    stack = scope_stack(ctx.index.parents, assign)
    key = scoped_key(ctx.index, name, stack)
    if len(ctx.index.assignments.get(key, [])) > 1:
        return  # rebound elsewhere: which value a read sees is not known
    where = ctx.line_col(assign)[0]
    origin = ctx.module.code_for_node(attr)
    for node in ctx.index.names.get(name, []):
        if node is assign.targets[0].target:
            continue
        if scoped_key(ctx.index, name, scope_stack(ctx.index.parents, node)) != key:
            continue
        parent = ctx.parent(node)
        called = isinstance(parent, cst.Attribute) and parent.value is node and isinstance(ctx.parent(parent), cst.Call)
        if called or _iterated(ctx, node, parent):
            ctx.report(node, rule, f"{name} is {origin} (line {where}): {rule.message}")
