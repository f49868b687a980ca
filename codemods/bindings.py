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
from typing import Callable, Dict, List, Optional, Tuple

import libcst as cst

from codemods.context import FileContext
from codemods.module_index import attr_key, dotted_name, scope_stack, scoped_key
from codemods.paths import HOLE, split_url

Key = Tuple[int, str]  # (id of the FunctionDef, or 0 for module and class level; name or ".attr")


@dataclass
class Binding:
    """A name bound to a Nylas URL: `path` is its v2 path text ('' for a bare base)."""

    key: str
    template: object  # urls.Template
    path: str


class Resolver:
    def __init__(self, ctx: FileContext, template_of: Callable, hosts):
        self.ctx = ctx
        self.locals = ctx.index.locals
        self.bound: Dict[Key, Binding] = {}
        self.configured = set(getattr(ctx.options, "base_names", ()))
        self._resolve(ctx.index.pairs, template_of, hosts)
        for name in self.configured:  # [tool.nylas-upgrade] base-names: a Nylas base whose value is set elsewhere
            self.bound.setdefault((0, name), Binding(name, None, ""))

    def _key_in(self, name: str, stack: Tuple[int, ...]) -> Key:
        return scoped_key(self.ctx.index, name, stack)

    def _key_of(self, expr: Optional[cst.BaseExpression], stack: Tuple[int, ...]) -> Optional[Key]:
        if isinstance(expr, cst.Name):
            return self._key_in(expr.value, stack)
        attr = attr_key(expr) if expr is not None else None
        if attr:
            return (0, attr)
        dotted = dotted_name(expr) if self.configured else None
        return (0, dotted) if dotted in self.configured else None

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
        from codemods.urls_shapes import env_default

        value = env_default(value) or value
        other = self._lookup(self._key_of(value, stack))
        if other is not None:
            return Binding(key[1], other.template, other.path)
        if isinstance(value, cst.AugAssign):
            return None
        t = template_of(value)
        return bare_base_binding(key[1], t, hosts) if t is not None else None

    def binding_of(self, expr: Optional[cst.BaseExpression]) -> Optional[Binding]:
        """The Nylas binding an expression at this place in the module reads, if any."""
        if expr is None:
            return None
        return self._lookup(self._key_of(expr, scope_stack(self.ctx.index.parents, expr)))


def bare_base_binding(name: str, t, hosts) -> Optional["Binding"]:
    """`name` bound to the URL template t, when t is a bare base on one of the hosts (a host and a readable
    path, no query): the path without its trailing slash."""
    parts = split_url(t.text, base_hole=False)
    if not parts or parts.host_name not in hosts:
        return None
    path = t.text[parts.path_start:parts.path_end]
    if HOLE in path or parts.query_start is not None:
        return None
    return Binding(name, t, path.rstrip("/"))
