"""Kinds `reply_field`, `reply_object_field`, `body_key_to_list`: keys of Nylas replies and update bodies.

Follows the upgrade guide's "Changes to the Email API in v3" (labels and folders consolidated into
folders, files are attachments, events deprecated) and "Modify parsing methods for folders" (`folders`
holds folder IDs, not Folder objects), with rest_api_facts.md §6a–§6c (the update body's
`folder_id`/`label_ids` became `folders: [ids]`; threads and drafts lost `version`).

Precision: `folder`, `labels`, `files`, `display_name` are ordinary words, so they change only on a value
traced to a Nylas reply: the `.json()` read of an HTTP call whose URL an endpoint rule matched
(`r = requests.get(nylas_url)`, then `m = r.json()`, `for m in r.json():`, `r.json()["data"]`, `[0]` of a
list, a name assigned once from those, and the loops over such a name). The URL sites are seen through
observe() before they are committed; the keys are changed in run(), once every site is done.

A `reply_object_field` was an object (or a list of objects) in v2 and is a list of IDs in v3: where the code
reads into the old object (`m["folder"]["name"]`, `for l in m["labels"]: l["id"]`) it is a finding (a folder
lookup is needed), never a rename.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, List, Optional, Tuple

import libcst as cst

from codemods.context import FileContext
from codemods.fixers.fields import _quoted
from codemods.fixers.sdk_models import _loop_bound, _loops_over
from codemods.http_calls import _string_value, enclosing_scope
from codemods.module_index import scope_stack
from codemods.rules import Rule
from codemods.site_plan import SitePlan

KINDS = ("reply_field", "reply_object_field", "body_key_to_list")
_COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp)


@dataclass
class Reply:
    """A `.json()` read of a Nylas reply: `resource` is the v2 collection, `many` when it is a list."""

    read: cst.BaseExpression
    resource: str
    many: bool


@dataclass
class _Notes:
    replies: List[Reply] = field(default_factory=list)
    wraps: List[Tuple[SitePlan, cst.SimpleString, cst.BaseExpression, Rule, bool]] = field(default_factory=list)
    nylas_reads: List[cst.BaseExpression] = field(default_factory=list)  # `.json()` of any request to a Nylas URL


def _notes(ctx: FileContext) -> _Notes:
    return ctx.traced.setdefault(__name__, _Notes())


# -- seeing the URL sites ---------------------------------------------------------------------------
def observe(sp: SitePlan, rules: List[Rule]) -> None:
    _notes(sp.ctx).nylas_reads.extend(read for use in sp.uses for read in use.json_reads)  # any Nylas URL's reply
    endpoint = sp.endpoint_rule
    if sp.resource is None or endpoint is None or endpoint.kind != "endpoint":
        return
    if sp.reply_shape == "same":  # outbox lists, file downloads: not objects these rules know
        return
    notes = _notes(sp.ctx)
    many = sp.reply_shape == "list"
    for use in sp.uses:
        for read in use.json_reads:
            notes.replies.append(Reply(read, sp.resource, many))
    for rule in rules:
        if rule.kind != "body_key_to_list" or sp.endpoint_path not in (rule.get("endpoints") or []):
            continue
        new = rule.get("rename")
        for use in sp.uses:
            keys = sp.dict_keys(use.body)
            # Keys that are, or will be, the new key (label_ids → folders): two "folders" would be a silent bug.
            taken = sum(1 for _, k, _ in keys if k == new or any(
                r.get("key") == k and r.get("rename") == new for r in sp.ctx.rules.rules if r.kind == "body_key"))
            for node, key, value in keys:
                if key != rule.get("key"):
                    continue
                # A held URL (already v3, or left for a human) is not moved, nor is its body: still reported.
                manual = sp.held or bool(taken) or (isinstance(value, cst.Name) and value.value == "None")
                if isinstance(value, (cst.List, cst.Tuple)) and not manual:  # already a list: only the key changes
                    sp.key_edits.append((node, new, rule))
                else:  # key and value change in one edit, in run(), once the site is known to be committed
                    notes.wraps.append((sp, node, value, rule, manual))


def traced_seeds(ctx: FileContext) -> List[cst.BaseExpression]:
    """The `.json()` reads of replies to Nylas URLs seen so far, Email endpoints or not (and their `["data"]`):
    where a Nylas origin starts for analysis/origins.py."""
    notes = ctx.traced.get(__name__)
    if notes is None:
        return []
    reads = [reply.read for reply in notes.replies] + notes.nylas_reads
    return [node for read in reads for node in (read, _unwrapped(ctx, read))]


# -- tracing a reply to the names that hold its objects ------------------------------------------------
def _string_key(sub: cst.CSTNode) -> Optional[cst.SimpleString]:
    if isinstance(sub, cst.Subscript) and len(sub.slice) == 1 and isinstance(sub.slice[0].slice, cst.Index):
        value = sub.slice[0].slice.value
        return value if isinstance(value, cst.SimpleString) else None
    return None


def _is_index(sub: cst.Subscript) -> bool:
    if len(sub.slice) != 1 or not isinstance(sub.slice[0].slice, cst.Index):
        return False
    value = sub.slice[0].slice.value
    if isinstance(value, cst.UnaryOperation) and isinstance(value.operator, cst.Minus):
        value = value.expression
    return isinstance(value, cst.Integer)


def _get_call(ctx: FileContext, expr: cst.CSTNode) -> Optional[cst.Call]:
    """`expr.get("key", ...)`: the call, when its first argument is a string literal."""
    attr = ctx.parent(expr)
    if isinstance(attr, cst.Attribute) and attr.value is expr and attr.attr.value == "get":
        call = ctx.parent(attr)
        if isinstance(call, cst.Call) and call.func is attr and call.args \
                and isinstance(call.args[0].value, cst.SimpleString):
            return call
    return None


def _unwrapped(ctx: FileContext, read: cst.BaseExpression) -> cst.BaseExpression:
    """`r.json()`, `await r.json()`, or `r.json()["data"]` (a v3 envelope already unwrapped)."""
    node, parent = read, ctx.parent(read)
    if isinstance(parent, cst.Await):
        node, parent = parent, ctx.parent(parent)
    key = _string_key(parent)
    if key is not None and parent.value is node and _string_value(key) == "data":
        return parent
    call = _get_call(ctx, node)
    if call is not None and _string_value(call.args[0].value) == "data":
        return call
    return node


def _assigned_name(ctx: FileContext, expr: cst.BaseExpression) -> Optional[Tuple[str, cst.CSTNode]]:
    """(name, region) when `name = expr` is the only binding of name in its scope."""
    parent = ctx.parent(expr)
    if not (isinstance(parent, cst.Assign) and parent.value is expr and len(parent.targets) == 1
            and isinstance(parent.targets[0].target, cst.Name)):
        return None
    name = parent.targets[0].target.value
    region = enclosing_scope(ctx, parent)
    scope = scope_stack(ctx.index.parents, expr)[-1]
    if len(ctx.index.assignments.get((scope, name), [])) != 1 or _loop_bound(ctx, region, name):
        return None
    return name, region


def _loop_target(ctx: FileContext, expr: cst.BaseExpression) -> Optional[Tuple[str, cst.CSTNode]]:
    """(target, region) when expr is what a for-loop or comprehension iterates over."""
    parent = ctx.parent(expr)
    if isinstance(parent, cst.For) and parent.iter is expr and isinstance(parent.target, cst.Name):
        return parent.target.value, parent.body
    if isinstance(parent, cst.CompFor) and parent.iter is expr and isinstance(parent.target, cst.Name):
        comprehension = ctx.parent(parent)
        while comprehension is not None and not isinstance(comprehension, _COMPREHENSIONS):
            comprehension = ctx.parent(comprehension)
        if comprehension is not None:
            return parent.target.value, comprehension
    return None


def through_or(ctx: FileContext, expr: cst.BaseExpression) -> cst.BaseExpression:
    """`expr or []` (or `or {}`): the same value when it is there."""
    parent = ctx.parent(expr)
    while isinstance(parent, cst.BooleanOperation) and isinstance(parent.operator, cst.Or) and parent.left is expr \
            and isinstance(parent.right, (cst.List, cst.Dict, cst.Tuple)) and not getattr(parent.right, "elements", ()):
        expr, parent = parent, ctx.parent(parent)
    return expr


def _holders(ctx: FileContext, expr: cst.BaseExpression, many: bool) -> Iterator[Tuple[Optional[str], cst.CSTNode]]:
    """(None, expr) for an expression that is one reply object; (name, region) for a name holding one."""
    expr = through_or(ctx, expr)
    if not many:
        yield None, expr
        named = _assigned_name(ctx, expr)
        if named:
            yield named
        return
    parent = ctx.parent(expr)
    loop = _loop_target(ctx, expr)
    if loop:
        yield loop
    elif isinstance(parent, cst.Subscript) and parent.value is expr and _is_index(parent):
        yield from _holders(ctx, parent, False)
    else:
        named = _assigned_name(ctx, expr)
        if named:
            name, region = named
            for target, loop_node in _loops_over(ctx, region, name):
                if not _loop_bound(ctx, region, target, exclude=loop_node):
                    yield target, (loop_node.body if isinstance(loop_node, cst.For) else loop_node)


class _NameReads(cst.CSTVisitor):
    """`name["k"]`, `name.get("k")` and `"k" in name` in a region (not inside nested functions)."""

    def __init__(self, name: str):
        self.name = name
        self.found: List[Tuple[cst.SimpleString, cst.BaseExpression]] = []  # (key node, the read)

    def _is_name(self, node) -> bool:
        return isinstance(node, cst.Name) and node.value == self.name

    def visit_Subscript(self, node: cst.Subscript) -> None:
        key = _string_key(node)
        if key is not None and self._is_name(node.value):
            self.found.append((key, node))

    def visit_Call(self, node: cst.Call) -> None:
        f = node.func
        if isinstance(f, cst.Attribute) and f.attr.value == "get" and self._is_name(f.value) and node.args \
                and isinstance(node.args[0].value, cst.SimpleString):
            self.found.append((node.args[0].value, node))

    def visit_Comparison(self, node: cst.Comparison) -> None:
        if isinstance(node.left, cst.SimpleString) and len(node.comparisons) == 1 \
                and isinstance(node.comparisons[0].operator, (cst.In, cst.NotIn)) \
                and self._is_name(node.comparisons[0].comparator):
            self.found.append((node.left, node))

    def visit_FunctionDef(self, node) -> bool:
        return False  # a nested function's same name is another variable


def _reads(ctx: FileContext, holder: Optional[str], where: cst.CSTNode):
    """(key node, read expression) for each string-keyed read of one reply object."""
    if holder is None:
        parent = ctx.parent(where)
        key = _string_key(parent)
        if key is not None and parent.value is where:
            yield key, parent
        call = _get_call(ctx, where)
        if call is not None:
            yield call.args[0].value, call
        return
    visitor = _NameReads(holder)
    ctx.walk(visitor, where.body if isinstance(where, cst.FunctionDef) else where)
    yield from visitor.found


# -- is the old object read into? ---------------------------------------------------------------------
class _ObjectUse(cst.CSTVisitor):
    """Does `name` get subscripted, an attribute read, or iterated with its items read into?"""

    def __init__(self, ctx: FileContext, name: str):
        self.ctx, self.name, self.used = ctx, name, False

    def _is_name(self, node) -> bool:
        return isinstance(node, cst.Name) and node.value == self.name

    def visit_Subscript(self, node: cst.Subscript) -> None:
        self.used |= self._is_name(node.value)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.used |= self._is_name(node.value)

    def visit_Name(self, node: cst.Name) -> None:
        if node.value == self.name:
            loop = _loop_target(self.ctx, node)
            self.used |= loop is not None and _name_used_as_object(self.ctx, *loop)


def _name_used_as_object(ctx: FileContext, name: str, region: cst.CSTNode) -> bool:
    visitor = _ObjectUse(ctx, name)
    ctx.walk(visitor, region.body if isinstance(region, cst.FunctionDef) else region)
    return visitor.used


def _uses_object(ctx: FileContext, read: cst.BaseExpression) -> bool:
    parent = ctx.parent(read)
    if isinstance(parent, (cst.Subscript, cst.Attribute)) and parent.value is read:
        return True
    loop = _loop_target(ctx, read)
    if loop:
        return _name_used_as_object(ctx, *loop)
    named = _assigned_name(ctx, read)
    if named:
        return _name_used_as_object(ctx, *named)
    return isinstance(parent, cst.Assign)  # assigned to several names or an attribute: cannot follow it


# -- the rewrite --------------------------------------------------------------------------------------
def run(ctx: FileContext, rules: List[Rule]) -> None:
    notes = ctx.traced.get(__name__)
    if notes is None:
        return
    _wrap_values(ctx, notes.wraps)
    by_key = {}
    for rule in rules:
        if rule.kind in ("reply_field", "reply_object_field"):
            by_key.setdefault(rule.get("key"), []).append(rule)
    done: set = set()
    for reply in notes.replies:
        for holder, where in _holders(ctx, _unwrapped(ctx, reply.read), reply.many):
            groups: dict = {}
            for key_node, read in _reads(ctx, holder, where):
                if id(key_node) not in done:
                    done.add(id(key_node))
                    groups.setdefault(_string_value(key_node), []).append((key_node, read))
            for key, reads in groups.items():
                rule = next((r for r in by_key.get(key, ()) if reply.resource in r.get("resources")), None)
                if rule is None:
                    continue
                # A renaming rule: one object read into makes every read of that key on this value manual (a
                # half-renamed `m["folder"]["name"] if m["folders"] else None` would only hide the place to fix).
                # A rule that only reports (thread folders) looks at each read: the reads whole are already v3.
                grouped = rule.kind == "reply_object_field" and rule.fixable and any(
                    not isinstance(read, cst.Comparison) and _uses_object(ctx, read) for _, read in reads)
                for key_node, read in reads:
                    object_use = grouped or (rule.kind == "reply_object_field" and not isinstance(read, cst.Comparison)
                                             and _uses_object(ctx, read))
                    _apply(ctx, rule, key_node, read, object_use)


def _apply(ctx: FileContext, rule: Rule, key_node: cst.SimpleString, read: cst.BaseExpression,
           object_use: bool) -> None:
    if rule.kind == "reply_object_field":
        if object_use:
            ctx.report(key_node, rule, fixable=False)  # the old object is read into: a folder lookup is needed
            return
        if not rule.fixable:
            return  # an ID list read as a whole reads the same in v3
    elif not rule.fixable:
        ctx.report(key_node, rule)
        return
    if isinstance(ctx.parent(read), (cst.AssignTarget, cst.Del, cst.AugAssign)) or "\\" in key_node.value:
        ctx.report(key_node, rule, rule.message or f"{rule.summary}: rename this read by hand (it writes or deletes "
                                   f"the key, or the key has escapes)", fixable=False)
        return
    start, end = ctx.span(key_node)
    ctx.edit(start, end, _quoted(key_node, rule.get("rename")), rule)
    ctx.report(key_node, rule)


def _wrap_values(ctx: FileContext, wraps) -> None:
    """`"folder_id": x` → `"folders": [x]` as one edit, only where the URL site was committed unblocked
    (a site is all-or-nothing: see site_plan.py)."""
    for sp, key_node, value, rule, manual in wraps:
        if manual or sp.blockers:
            ctx.report(key_node, rule, fixable=False)
            continue
        start, key_end = ctx.span(key_node)
        value_start, value_end = ctx.span(value)
        between = ctx.text[key_end:value_start]  # the colon and its spacing, kept as written
        ctx.edit(start, value_end, f"{_quoted(key_node, rule.get('rename'))}{between}[{ctx.absorb(value)}]", rule)
        ctx.report(key_node, rule)
