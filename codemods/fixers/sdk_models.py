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
from codemods.http_calls import _string_value, enclosing_scope
from codemods.module_index import scope_stack


MANUAL = ("v6 models are dataclasses: item access and item assignment fail; use attributes, and build a "
          "dict (or an update request_body) for values you add")


def _bound_names(ctx: FileContext, call: cst.Call, method: str, end: Optional[str]) -> List[Tuple[str, cst.CSTNode, bool]]:
    """(name, region, safe to rewrite) for the names that hold the call's model objects."""
    parent = ctx.parent(call)
    single = method in ("get", "first") or end == "first"
    if not single and isinstance(parent, cst.For) and parent.iter is call and isinstance(parent.target, cst.Name):
        return [(parent.target.value, parent, True)]
    if not single and isinstance(parent, cst.CompFor) and parent.iter is call and isinstance(parent.target, cst.Name):
        comprehension = ctx.parent(parent)  # [f.display_name for f in <call>]: the target holds a model
        if isinstance(comprehension, (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp)):
            return [(parent.target.value, comprehension, True)]
    if isinstance(parent, cst.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0].target, cst.Name):
        name = parent.targets[0].target.value
        region = enclosing_scope(ctx, parent)
        scope = scope_stack(ctx.index.parents, call)[-1]
        only_once = len(ctx.index.assignments.get((scope, name), [])) == 1 and not _loop_bound(ctx, region, name)
        if single:
            return [(name, region, only_once)]
        if only_once:  # items = ....list(...).data; then `for item in items` or `[... for item in items]`
            return [(target, loop, not _loop_bound(ctx, region, target, exclude=loop))
                    for target, loop in _loops_over(ctx, region, name)]
    return []


def _loops_over(ctx: FileContext, region: cst.CSTNode, name: str) -> List[Tuple[str, cst.CSTNode]]:
    """(target name, the region it holds an item in) for each for-loop or comprehension over `name`."""
    class V(cst.CSTVisitor):
        def __init__(self):
            self.loops = []

        def visit_For(self, node):
            if isinstance(node.iter, cst.Name) and node.iter.value == name and isinstance(node.target, cst.Name):
                self.loops.append((node.target.value, node))

        def visit_CompFor(self, node):
            if isinstance(node.iter, cst.Name) and node.iter.value == name and isinstance(node.target, cst.Name):
                comprehension = ctx.parent(node)
                while comprehension is not None and not isinstance(
                        comprehension, (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp)):
                    comprehension = ctx.parent(comprehension)
                if comprehension is not None:
                    self.loops.append((node.target.value, comprehension))

    v = V()
    ctx.walk(v, region)  # region.visit(v), over the nodes the index recorded
    return v.loops


def _loop_bound(ctx: FileContext, region: cst.CSTNode, name: str, exclude: Optional[cst.For] = None) -> bool:
    """Is `name` also bound by a for/with target in region (other than `exclude`)? Then it holds other things too."""
    class V(cst.CSTVisitor):
        found = False

        def visit_For(self, node):
            if node is not exclude and isinstance(node.target, cst.Name) and node.target.value == name:
                V.found = True

        def visit_WithItem(self, node):
            if node.asname is not None and isinstance(node.asname.name, cst.Name) and node.asname.name.value == name:
                V.found = True

    ctx.walk(V(), region)
    return V.found


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


def rewrite(ctx: FileContext, results, rule, report_only: bool = False, methods=None, sdk=None,
            members=None, renamed=None) -> None:
    """results: (expression, v5 method, end, client text, v6 collection) per rewritten call; report_only for
    code already on v6. With `methods` (the sdk_model_method rule), model method calls are moved too.
    `members` ({collection: {member: ...}}, SDK064's table): keys v6 models lack are left for SDK064 to report,
    never turned into an attribute that does not exist (m["folder"] → m.folder would raise AttributeError).
    `renamed` (SDK070): members v6 has under another name (m.files → m.attachments), in both forms."""
    renames = rule.get("renames") or {}
    by_collection = (renamed.get("members") or {}) if renamed is not None else {}
    done = set()
    for call, method, end, client, collection in results:
        moved = by_collection.get(collection) or {}
        for name, region, safe in _bound_names(ctx, call, method, end):
            from codemods.analysis.v6_sdk import MODEL_FIELDS

            _one(ctx, name, region, rule, {**renames, **moved}, report_only or not safe, done,
                 skip=(members or {}).get(collection) or {}, fields=MODEL_FIELDS.get(collection))
            if moved:
                _rename_members(ctx, name, region, renamed, moved, report_only or not safe, done)
            if methods is not None and sdk is not None:
                _methods(ctx, name, region, methods, sdk, client, collection, report_only or not safe)


def _rename_members(ctx, name, region, rule, moved, report_only, done) -> None:
    """m.files → m.attachments, folder.display_name → folder.name (SDK070); an assignment to one is reported."""
    from codemods.fixers.sdk_members import MemberUses

    visitor = MemberUses(name, moved)
    ctx.walk(visitor, region.body if isinstance(region, (cst.For, cst.FunctionDef)) else region)
    for attr in (node for node, _ in visitor.found if isinstance(node, cst.Attribute)):  # item access: _one()
        if id(attr) in done:
            continue
        done.add(id(attr))
        if report_only or isinstance(ctx.parent(attr), (cst.AssignTarget, cst.Del, cst.AugAssign)):
            ctx.report(attr, rule, f"{name}.{attr.attr.value}: v6 calls it {moved[attr.attr.value]}; {rule.message}",
                       fixable=False)
            continue
        start, stop = ctx.span(attr.attr)
        ctx.edit(start, stop, moved[attr.attr.value], rule)
        ctx.report(attr, rule)


MANUAL_METHODS = {"add_label", "add_labels", "remove_label", "remove_labels", "save", "update"}
_LABEL_METHODS = {"add_label", "add_labels", "remove_label", "remove_labels", "update_folder", "update_labels"}


class _MethodCalls(cst.CSTVisitor):
    def __init__(self, name: str):
        self.name, self.found = name, []

    def visit_Call(self, node: cst.Call) -> None:
        f = node.func
        if isinstance(f, cst.Attribute) and isinstance(f.value, cst.Name) and f.value.value == self.name:
            self.found.append(node)

    def visit_FunctionDef(self, node) -> bool:
        return False


def _methods(ctx, name, region, rule, sdk, client, collection, report_only) -> None:
    """msg.mark_as_read() → client.messages.update(grant, msg.id, request_body={"unread": False}), and friends."""
    visitor = _MethodCalls(name)
    ctx.walk(visitor, region.body if isinstance(region, (cst.For, cst.FunctionDef)) else region)
    bodies = rule.get("bodies") or {}
    from codemods.fixers.sdk_model_use import DELETE_IDIOM, delete_idiom

    deleting = delete_idiom(ctx)
    for call in visitor.found:
        method = call.func.attr.value
        if method in MANUAL_METHODS and collection not in rule.get("collections"):
            continue  # a draft's or folder's save(): SDK064 (sdk_members) names drafts/folders.update
        if deleting and method in _LABEL_METHODS and collection in rule.get("collections"):
            sdk.note(call, "model_method_manual", f"{name}.{method}(): {DELETE_IDIOM}")  # the idiom moves whole
            continue
        if method in MANUAL_METHODS or (method in bodies and (report_only or collection not in rule.get("collections"))):
            sdk.note(call, "model_method_manual")
            continue
        if method not in bodies:
            continue
        args = [a for a in call.args if a.keyword is None and not a.star]
        if len(args) != len(call.args) or ("{0}" in bodies[method]) != (len(args) == 1) or len(args) > 1:
            sdk.note(call, "model_method_manual")
            continue
        body = bodies[method].replace("{0}", ctx.absorb(args[0].value)) if args else bodies[method]
        text = rule.get("emit").format(client=client, collection=collection, grant=sdk.grant, obj=name, body=body)
        start, stop = ctx.span(call)
        ctx.edit(start, stop, text, rule)
        ctx.report(call, rule)


def _renamed_inside(ctx, sub) -> bool:
    """Did another rule (FLD) already rename the key of this subscript?"""
    start, end = ctx.span(sub.slice[0].slice.value)
    return any(start <= e.start and e.end <= end for e in ctx.edits)


def _one(ctx, name, region, rule, renames, report_only, done, skip=(), fields=None) -> None:
    visitor = _Subscripts(name)
    ctx.walk(visitor, region.body if isinstance(region, (cst.For, cst.FunctionDef)) else region)
    if isinstance(region, (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp)):
        pass  # the comprehension itself is the region: its element reads the target
    reported = ctx.traced.get("codemods.fixers.fields_models.manual", ())  # a field read reported there
    for sub in visitor.found:
        if id(sub) in done or id(sub) in reported:
            continue
        done.add(id(sub))
        key = _string_value(sub.slice[0].slice.value)
        if key in skip:
            continue
        parent = ctx.parent(sub)
        attr = renames.get(key, key) if key else ""
        if isinstance(parent, (cst.AssignTarget, cst.Del, cst.AugAssign)) or not attr.isidentifier() \
                or keyword.iskeyword(attr) or report_only:
            ctx.report(sub, rule, MANUAL, fixable=False)
            continue
        if fields is not None and attr not in fields and not _renamed_inside(ctx, sub):
            # not a field of the v6 model (analysis/v6_sdk.py): `m.attr` would raise AttributeError, so no rewrite
            ctx.report(sub, rule, f"{name}[{key!r}]: the v6 model has no {attr} field, so this read cannot become "
                                  f"{name}.{attr}; {MANUAL}", fixable=False)
            continue
        key_node = sub.slice[0].slice.value
        key_span = ctx.span(key_node)
        if any(key_span[0] <= e.start and e.end <= key_span[1] for e in ctx.edits):
            # Another rule renamed the key itself (FLD: t["last_message_received_timestamp"]): the attribute
            # takes the renamed key, and this edit carries that one instead of overlapping it.
            renamed = _string_value(cst.parse_expression(ctx.absorb(key_node)))
            attr = renames.get(renamed, renamed) if renamed else ""
            if not attr.isidentifier() or keyword.iskeyword(attr):
                ctx.report(sub, rule, MANUAL, fixable=False)
                continue
        start, stop = ctx.span(sub)
        ctx.edit(start, stop, f"{ctx.absorb(sub.value)}.{attr}", rule)
        ctx.report(sub, rule)
