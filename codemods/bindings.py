"""Which names hold a Nylas base URL, with Python's scoping, so a same-named local elsewhere is never taken.

`BASE = "https://api.nylas.com"` at module level binds BASE for every function
that does not have its own BASE (a parameter, an assignment, a loop or `with`
target, an import); `url = "https://api.nylas.com"` inside a function binds
`url` in that function only; `self.base_url = ...` / `cls.X = ...` bind the
attribute for `self.`/`cls.` reads anywhere in the module (a class-level
constant is read as `self.X` too). A name binds only if every assignment of it
in its scope is a Nylas URL (directly, through an `os.environ.get(..., default)`
default, or through another bound name); parameter defaults bind too.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Set, Tuple

import libcst as cst

from codemods.context import FileContext
from codemods.paths import HOLE, split_url

Key = Tuple[int, str]  # (id of the FunctionDef, or 0 for module and class level; name or ".attr")
_SELF = ("self", "cls")


@dataclass
class Binding:
    """A name bound to a Nylas URL: `path` is its v2 path text ('' for a bare base)."""

    key: str
    template: object  # urls.Template
    path: str


def _attr_key(expr: cst.BaseExpression) -> Optional[str]:
    if isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name) and expr.value.value in _SELF:
        return "." + expr.attr.value
    return None


class _Scopes(cst.CSTVisitor):
    def __init__(self) -> None:
        self.stack: List[int] = [0]
        self.locals: Dict[int, Set[str]] = {0: set()}
        self.pairs: List[Tuple[Key, cst.BaseExpression, Tuple[int, ...]]] = []  # key, value, stack to read value in

    def _local(self, name: str) -> None:
        self.locals[self.stack[-1]].add(name)

    def _target(self, target: cst.BaseExpression, value: Optional[cst.BaseExpression]) -> None:
        if isinstance(target, cst.Name):
            self._local(target.value)
            if value is not None:
                self.pairs.append(((self.stack[-1], target.value), value, tuple(self.stack)))
        elif _attr_key(target) and value is not None:
            self.pairs.append(((0, _attr_key(target)), value, tuple(self.stack)))
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._target(element.value, None)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        outer = tuple(self.stack)
        self.stack.append(id(node))
        self.locals[id(node)] = set()
        params = node.params
        for p in list(params.posonly_params) + list(params.params) + list(params.kwonly_params):
            self._local(p.name.value)
            if p.default is not None:
                self.pairs.append(((id(node), p.name.value), p.default, outer))
        for star in (params.star_arg, params.star_kwarg):
            if isinstance(star, cst.Param):
                self._local(star.name.value)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.stack.pop()

    def visit_Assign(self, node: cst.Assign) -> None:
        for t in node.targets:
            self._target(t.target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._target(node.target, node.value)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._target(node.target, None)
        if isinstance(node.target, cst.Name):  # x += "..." : x is no longer a plain base
            self.pairs.append(((self.stack[-1], node.target.value), node, tuple(self.stack)))

    def visit_For(self, node: cst.For) -> None:
        self._target(node.target, None)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            self._target(node.asname.name, None)

    def visit_ImportAlias(self, node: cst.ImportAlias) -> None:
        name = node.asname.name if node.asname else node.name
        if isinstance(name, cst.Name):
            self._local(name.value)


class Resolver:
    def __init__(self, ctx: FileContext, template_of: Callable, hosts):
        self.ctx = ctx
        scopes = _Scopes()
        ctx.module.visit(scopes)
        self.locals = scopes.locals
        self.bound: Dict[Key, Binding] = {}
        self._resolve(scopes.pairs, template_of, hosts)

    def _key_in(self, name: str, stack: Tuple[int, ...]) -> Key:
        for scope in reversed(stack):
            if scope and name in self.locals.get(scope, ()):
                return (scope, name)
        return (0, name)

    def _key_of(self, expr: Optional[cst.BaseExpression], stack: Tuple[int, ...]) -> Optional[Key]:
        if isinstance(expr, cst.Name):
            return self._key_in(expr.value, stack)
        attr = _attr_key(expr) if expr is not None else None
        return (0, attr) if attr else None

    def _lookup(self, key: Optional[Key]) -> Optional[Binding]:
        if key is None:
            return None
        found = self.bound.get(key)
        if found is None and key[1].startswith("."):
            found = self.bound.get((0, key[1][1:]))  # class constant read as self.X
        return found

    def _resolve(self, pairs, template_of, hosts) -> None:
        by_key: Dict[Key, List[Tuple[cst.BaseExpression, Tuple[int, ...]]]] = {}
        for key, value, stack in pairs:
            by_key.setdefault(key, []).append((value, stack))
        changed = True
        while changed:
            changed = False
            for key, values in by_key.items():
                if key in self.bound:
                    continue
                found: Optional[Binding] = None
                for value, stack in values:
                    b = self._binding_for(key, value, stack, template_of, hosts)
                    if b is None:
                        found = None
                        break
                    found = found or b
                if found is not None:
                    self.bound[key] = found
                    changed = True

    def _binding_for(self, key, value, stack, template_of, hosts) -> Optional[Binding]:
        from codemods.urls import env_default

        value = env_default(value) or value
        other = self._lookup(self._key_of(value, stack))
        if other is not None:
            return Binding(key[1], other.template, other.path)
        if isinstance(value, cst.AugAssign):
            return None
        t = template_of(value)
        if t is None:
            return None
        parts = split_url(t.text, base_hole=False)
        if not parts or parts.host_name not in hosts:
            return None
        path = t.text[parts.path_start:parts.path_end]
        if HOLE in path or parts.query_start is not None:
            return None
        return Binding(key[1], t, path.rstrip("/"))

    def binding_of(self, expr: Optional[cst.BaseExpression]) -> Optional[Binding]:
        """The Nylas binding an expression at this place in the module reads, if any."""
        if expr is None:
            return None
        stack: List[int] = []
        cur = self.ctx.parent(expr)
        while cur is not None:
            if isinstance(cur, cst.FunctionDef):
                stack.append(id(cur))
            cur = self.ctx.parent(cur)
        return self._lookup(self._key_of(expr, tuple([0] + stack[::-1])))
