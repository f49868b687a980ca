"""Kind `sdk_model_member` (SDK064), checked against the v6 model table (issue 14 item 3).

sdk_mapping.md §0.3: v5 models subclassed dict and returned None for a missing attribute; v6 models are
dataclasses (analysis/v6_sdk.py, derived from the installed nylas 6 by tests/test_v6_sdk_table.py): a member
they lack raises AttributeError, `hasattr` quietly turns False, and `.get()` does not exist. On every name
that holds models of a rewritten call (the names sdk_models traces), each attribute read that is not a v6
field or model method, and not already handled by another rule (SDK064's own table with its v3 way, SDK070's
renames, the FLD thread fields, the model methods SDK060 moves), is reported; so is each `.get(...)` and each
`hasattr(model, "<member v6 lacks>")`. Nothing here edits code.
"""
from __future__ import annotations

import libcst as cst

from codemods.analysis.v6_sdk import MODEL_CLASSES, MODEL_FIELDS, MODEL_METHODS
from codemods.context import FileContext
from codemods.http_calls import _string_value


class _Reads(cst.CSTVisitor):
    def __init__(self, name: str):
        self.name, self.attributes, self.hasattrs = name, [], []

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if isinstance(node.value, cst.Name) and node.value.value == self.name:
            self.attributes.append(node)

    def visit_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, cst.Name) and node.func.value == "hasattr" and len(node.args) == 2 \
                and isinstance(node.args[0].value, cst.Name) and node.args[0].value.value == self.name:
            self.hasattrs.append(node)

    def visit_FunctionDef(self, node) -> bool:
        return False  # a nested function's same name is another variable


def handled_elsewhere(ctx: FileContext, collection: str, member_rule) -> set:
    """Members other rules already rewrite or report on this collection's models."""
    from codemods.fixers.sdk_models import MANUAL_METHODS

    names = set(MANUAL_METHODS)
    for rule in ctx.rules.rules:
        if rule.kind == "sdk_model_member" and rule.get("applies_to") in ("model", "changed"):
            names |= set((rule.get("members") or {}).get(collection) or {})
        elif rule.kind == "sdk_model_rename":
            names |= set((rule.get("members") or {}).get(collection) or {})
        elif rule.kind == "sdk_model_method":
            names |= set(rule.get("bodies") or {})
        elif rule.kind == "field_key" and rule.get("attribute"):
            names.add(rule.get("key"))
    return names


def check(ctx: FileContext, results, rule, access=None) -> None:
    """results: (expression, v5 method, end, client text, v6 collection) per rewritten collection call. With
    `access` (SDK053, code being rewritten), `m.get("k")` with no default becomes `m.k` when k is a v6 field:
    the field always exists on the dataclass, so both read the value or None."""
    from codemods.fixers.sdk_models import _bound_names

    done = set()
    for call, method, end, _client, collection in results:
        fields = MODEL_FIELDS.get(collection)
        if fields is None:
            continue
        model = MODEL_CLASSES[collection]
        known = fields | MODEL_METHODS | handled_elsewhere(ctx, collection, rule)
        for name, region, safe in _bound_names(ctx, call, method, end):
            visitor = _Reads(name)
            ctx.walk(visitor, region.body if isinstance(region, (cst.For, cst.FunctionDef)) else region)
            for attr in visitor.attributes:
                member = attr.attr.value
                parent = ctx.parent(attr)
                if id(attr) in done or member in known or isinstance(parent, (cst.AssignTarget, cst.Del)):
                    continue
                done.add(id(attr))
                if member == "get" and isinstance(parent, cst.Call):
                    field = _get_field(parent, access, fields) if access is not None and safe else None
                    if field is not None:
                        start, stop = ctx.span(parent)
                        ctx.edit(start, stop, f"{name}.{field}", access)
                        ctx.report(parent, access, f"{name}.get(...) → {name}.{field} (v6 models are dataclasses)")
                        continue
                    ctx.report(parent, rule, f"{name}.get(...): v6 {model} is a dataclass with no get(): read "
                                             f"{name}.<field> (getattr({name}, \"<field>\", default) for a default)",
                               fixable=False)
                    continue
                ctx.report(attr, rule, f"{name}.{member}: v6 {model} has no {member} (v5 gave None for a missing "
                                       f"member, v6 raises AttributeError): its fields are "
                                       f"{', '.join(sorted(fields))}", fixable=False)
            for call_node in visitor.hasattrs:
                member = _string_value(call_node.args[1].value)
                if member is not None and member not in fields | MODEL_METHODS and id(call_node) not in done:
                    done.add(id(call_node))
                    ctx.report(call_node, rule, f"hasattr({name}, {member!r}) is always False on a v6 {model}: "
                                                f"it has no {member}", fixable=False)


def _get_field(call: cst.Call, access, fields) -> "str | None":
    """The v6 field `m.get("k")` reads (no default, a literal key), else None."""
    if len(call.args) != 1 or call.args[0].keyword is not None or call.args[0].star:
        return None
    key = _string_value(call.args[0].value)
    field = (access.get("renames") or {}).get(key, key) if key else None
    return field if field in fields else None
