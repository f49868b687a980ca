"""Kinds `sdk_kept_import` and `sdk_v5_only`: imports that fail once nylas 6 is installed.

Follows nylas-python's CHANGELOG 6.0.0 and UPGRADE.md, and ../shared/reference/sdk_mapping.md (checked against
nylas 5.14.1 and 6.18.0): nylas 6 has no `APIClient`, no `nylas.client` package, no `nylas.services` (the
local webhook tunnel: "Local Webhook development support is removed"), and its `nylas.utils` holds only file
helpers (v5's timestamp_from_dt, create_request_body, convert_metadata_pairs_to_array are gone).

- `from nylas import APIClient` left in a module that stays on v2 (its client could not be rewritten): once
  nylas is upgraded the import raises ImportError and takes the module, and every module importing it, down.
  Said once per module at the import (`sdk_kept_import`); SDK007 says it already where no client is traced.
- Names imported from a v5-only module (`sdk_v5_only`: `modules`, optionally only the listed `names`): reported
  at the import (unless `at_import: false`, where another rule reports the import) and at each use, also
  through the module (`nylas.utils.timestamp_from_dt(...)` after `import nylas`).
"""
from __future__ import annotations

from typing import Dict, List

import libcst as cst

from codemods.context import FileContext
from codemods.module_index import dotted_name
from codemods.rules import Rule

KINDS = ("sdk_kept_import", "sdk_v5_only")


def run(ctx: FileContext, rules: List[Rule]) -> None:
    if "nylas" not in ctx.text:
        return
    for rule in rules:
        if rule.kind == "sdk_kept_import":
            _kept_import(ctx, rule)
        else:
            _v5_only(ctx, rule)


def _kept_import(ctx: FileContext, rule: Rule) -> None:
    old, module = rule.get("old_name"), rule.get("module")
    for stmt in ctx.index.imports:
        if not (isinstance(stmt, cst.ImportFrom) and not stmt.relative and dotted_name(stmt.module) == module
                and not isinstance(stmt.names, cst.ImportStar)):
            continue
        for alias in stmt.names:
            if dotted_name(alias.name) != old:
                continue
            start, end = ctx.span(alias.name)
            if any(e.start < end and start < e.end for e in ctx.edits):
                return  # the import moves to v6 with its module
            line, _ = ctx.line_col(stmt)
            if any(f.line == line and (r := ctx.rule(f.rule)) is not None and r.get("when") == "import_only"
                   for f in ctx.findings):
                return  # SDK007 says it already
            ctx.report(alias.name, rule)
            return  # once per module
    _kept_attribute(ctx, rule, old, module)


class _ModuleAttributes(cst.CSTVisitor):
    """`<module name>.<attribute>` reads, in source order."""

    def __init__(self, names, attribute):
        self.names, self.attribute, self.found = names, attribute, []

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if node.attr.value == self.attribute and dotted_name(node.value) in self.names:
            self.found.append(node)


def _kept_attribute(ctx: FileContext, rule: Rule, old: str, module: str) -> None:
    """`import nylas` then `nylas.APIClient(...)` kept on v2: under nylas 6 the attribute read fails (once a module,
    at the first read no edit moved)."""
    if f".{old}" not in ctx.text or rule.get("attribute_message") is None:
        return
    names = {alias.asname.name.value if alias.asname else dotted_name(alias.name)
             for stmt in ctx.index.imports if isinstance(stmt, cst.Import) for alias in stmt.names
             if dotted_name(alias.name) == module}
    if not names:
        return
    visitor = _ModuleAttributes(names, old)
    ctx.walk(visitor)
    for node in visitor.found:
        start, end = ctx.span(node)
        if any(e.start < end and start < e.end for e in ctx.edits):
            continue  # this constructor moved to v6
        line, _ = ctx.line_col(node)
        if any(f.line == line and (r := ctx.rule(f.rule)) is not None and r.get("when") == "import_only"
               for f in ctx.findings):
            return
        ctx.report(node, rule, rule.get("attribute_message"))
        return


def _matches(module: str, prefixes) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def _v5_only(ctx: FileContext, rule: Rule) -> None:
    prefixes, names = rule.get("modules"), rule.get("names")
    at_import = rule.get("at_import", True)
    locals_: Dict[str, str] = {}  # local name -> dotted v5 origin
    module_names: List[str] = []  # names bound to the nylas package (import nylas, import nylas.x)
    for stmt in ctx.index.imports:
        if isinstance(stmt, cst.ImportFrom) and not stmt.relative and not isinstance(stmt.names, cst.ImportStar):
            module = dotted_name(stmt.module) or ""
            for alias in stmt.names:
                name = dotted_name(alias.name)
                origin = f"{module}.{name}"
                if _matches(module, prefixes) and (not names or name in names) or (
                        _matches(origin, prefixes) and not names):
                    locals_[alias.asname.name.value if alias.asname else name] = origin
                    if at_import:
                        ctx.report(alias.name, rule, f"{origin}: {rule.message}")
        elif isinstance(stmt, cst.Import):
            for alias in stmt.names:
                full = dotted_name(alias.name) or ""
                if at_import and not names and _matches(full, prefixes):
                    ctx.report(alias.name, rule, f"{full}: {rule.message}")
                if alias.asname is None and full.split(".")[0] in ("nylas", "nylas_legacy"):
                    module_names.append(full.split(".")[0])
    for local, origin in locals_.items():
        for node in ctx.index.names.get(local, []):
            if _is_use(ctx, node):
                ctx.report(node, rule, f"{local} ({origin}): {rule.message}")
    if module_names:
        _dotted_uses(ctx, rule, prefixes, names, set(module_names))


def _dotted_uses(ctx: FileContext, rule: Rule, prefixes, names, heads) -> None:
    wanted = {f"{p}.{n}" for p in prefixes for n in names} if names else set(prefixes)
    for attr_name in ({w.rsplit(".", 1)[1] for w in wanted}):
        for node in ctx.index.attributes.get(attr_name, []):
            dotted = dotted_name(node)
            if dotted in wanted and dotted.split(".")[0] in heads and not ctx.in_import(node):
                ctx.report(node, rule, f"{_outermost(ctx, node)}: {rule.message}")


def _outermost(ctx: FileContext, node: cst.Attribute) -> str:
    cur = node
    parent = ctx.parent(cur)
    while isinstance(parent, cst.Attribute) and parent.value is cur:
        cur, parent = parent, ctx.parent(parent)
    return dotted_name(cur) or dotted_name(node)


def _is_use(ctx: FileContext, node: cst.Name) -> bool:
    """A read of the imported name: not the import itself, not an attribute's name (x.Message), not a
    keyword argument's name, not a definition's name."""
    parent = ctx.parent(node)
    if ctx.in_import(node):
        return False
    if isinstance(parent, cst.Attribute) and parent.attr is node:
        return False
    if isinstance(parent, (cst.Arg, cst.Param)) and getattr(parent, "keyword", None) is node:
        return False
    if isinstance(parent, (cst.FunctionDef, cst.ClassDef, cst.Param)) and parent.name is node:
        return False
    return True


