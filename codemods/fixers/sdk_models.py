"""Item access on objects a rewritten SDK call returned: v6 models are dataclasses, so m["subject"] raises.

sdk_mapping.md §0.3: v5 models subclassed dict (m.x and m["x"] both worked); v6 models are dataclasses
(`to_dict()` aside, only m.x works). For the loop variable of `for m in <rewritten list call>` and the name
assigned once from `<rewritten find/first call>`, string subscripts that are read become attributes
(`"from"` → `.from_`, the v6 field). Nested values (addresses) stay dicts in v6, so only the first
subscript on the name changes. Assignments through subscripts (m["x"] = ...) are left alone.
"""
from __future__ import annotations

import keyword
from typing import List, Optional, Tuple

import libcst as cst

from codemods.context import FileContext
from codemods.http_calls import _string_value
from codemods.module_index import scope_stack


MANUAL = ("v6 models are dataclasses: item access and item assignment fail; use attributes, and build a "
          "dict (or an update request_body) for values you add")


def _bound_name(ctx: FileContext, call: cst.Call, method: str, end: Optional[str]) -> Optional[Tuple[str, cst.CSTNode]]:
    parent = ctx.parent(call)
    single = method in ("get", "first") or end == "first"
    if not single and isinstance(parent, cst.For) and parent.iter is call and isinstance(parent.target, cst.Name):
        return parent.target.value, parent
    if single and isinstance(parent, cst.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0].target, cst.Name):
        name = parent.targets[0].target.value
        scope = scope_stack(ctx.index.parents, call)[-1]
        if len(ctx.index.assignments.get((scope, name), [])) == 1:
            return name, _enclosing(ctx, parent)
    return None


def _enclosing(ctx: FileContext, node: cst.CSTNode) -> cst.CSTNode:
    cur = ctx.parent(node)
    while cur is not None and not isinstance(cur, (cst.FunctionDef, cst.Module)):
        cur = ctx.parent(cur)
    return cur or ctx.module


class _Subscripts(cst.CSTVisitor):
    def __init__(self, name: str):
        self.name = name
        self.found: List[cst.Subscript] = []

    def visit_Subscript(self, node: cst.Subscript) -> None:
        if isinstance(node.value, cst.Name) and node.value.value == self.name and len(node.slice) == 1 \
                and isinstance(node.slice[0].slice, cst.Index) and isinstance(node.slice[0].slice.value, cst.SimpleString):
            self.found.append(node)

    def visit_FunctionDef(self, node) -> bool:
        return False  # a nested function's same name is another variable


def rewrite(ctx: FileContext, results, rule, report_only: bool = False) -> None:
    """results: (expression, v5 method, end) for each rewritten call; report_only for code already on v6."""
    renames = rule.get("renames") or {}
    for call, method, end in results:
        bound = _bound_name(ctx, call, method, end)
        if bound is None:
            continue
        name, region = bound
        visitor = _Subscripts(name)
        (region.body if isinstance(region, (cst.For, cst.FunctionDef)) else region).visit(visitor)
        for sub in visitor.found:
            key = _string_value(sub.slice[0].slice.value)
            parent = ctx.parent(sub)
            attr = renames.get(key, key) if key else ""
            if isinstance(parent, (cst.AssignTarget, cst.Del, cst.AugAssign)) or not attr.isidentifier() \
                    or keyword.iskeyword(attr) or report_only:
                ctx.report(sub, rule, MANUAL, fixable=False)
                continue
            start, stop = ctx.span(sub)
            ctx.edit(start, stop, f"{ctx.absorb(sub.value)}.{attr}", rule)
            ctx.report(sub, rule)
