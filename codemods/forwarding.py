"""Follow a URL path that arrives as a function parameter back to the call sites that pass it.

Real v2 wrappers look like this (Nylas's own API demo does):

    def _call(self, endpoint, method):
        url = urljoin(self.base_url, endpoint)      # base bound to https://api.nylas.com
    ...
    self._call("messages", GET)                     # the v2 path is here

The URL site inside `_call` has no readable path, so each caller's argument for
that parameter becomes a URL site of its own, relative to the same base. If no
caller in the module can be read, the original site stays and is reported.
"""
from __future__ import annotations

from typing import Callable, List, Optional, Tuple

import libcst as cst

from codemods.context import FileContext
from codemods.paths import HOLE
from codemods.urls import Piece, Site, Template, is_string_builder


def _param_shape(t: Template) -> Optional[Tuple[cst.Name, bool]]:
    """(parameter name, relative?) when the template is <base><param>, <base>/<param> or urljoin(<base>, <param>)."""
    rest = t.pieces[1:]
    if len(rest) == 1 and isinstance(rest[0].expr, cst.Name):
        return rest[0].expr, t.relative_path
    if len(rest) == 2 and rest[0].text == "/" and isinstance(rest[1].expr, cst.Name):
        return rest[1].expr, True
    return None


def _enclosing_function(ctx: FileContext, node: cst.CSTNode) -> Optional[cst.FunctionDef]:
    cur = ctx.parent(node)
    while cur is not None and not isinstance(cur, cst.FunctionDef):
        cur = ctx.parent(cur)
    return cur


def _argument(call: cst.Call, index: int, name: str) -> Optional[cst.BaseExpression]:
    positional = [a for a in call.args if a.keyword is None]
    if any(a.star for a in call.args):
        return None
    for a in call.args:
        if a.keyword is not None and a.keyword.value == name:
            return a.value
    return positional[index].value if 0 <= index < len(positional) else None


def forward(
    ctx: FileContext,
    site: Site,
    template_of: Callable[[cst.BaseExpression], Optional[Template]],
    single_assignment: Callable[[cst.CSTNode, str], Optional[cst.BaseExpression]],
) -> Optional[List[Site]]:
    """Sites for each caller's path argument, or None when the path is not a parameter or a caller can't be read."""
    shape = _param_shape(site.template)
    if shape is None:
        return None
    param, relative = shape
    func = _enclosing_function(ctx, site.template.root)
    if func is None:
        return None
    params = list(func.params.params)
    names = [p.name.value for p in params]
    if param.value not in names and param.value not in [p.name.value for p in func.params.kwonly_params]:
        return None
    index = names.index(param.value) if param.value in names else -1
    method_like = bool(names) and names[0] in ("self", "cls")
    calls = [(c, attr) for c, attr in ctx.index.calls_by_name.get(func.name.value, [])
             if not attr or (isinstance(c.func.value, cst.Name) and c.func.value.value in ("self", "cls"))]
    if not calls:
        return None
    base_hole = site.template.pieces[0]
    out: List[Site] = []
    for call, as_attribute in calls:
        i = index - 1 if (as_attribute and method_like and index >= 0) else index
        passed = _argument(call, i, param.value)
        if passed is None:
            continue  # the default is used: nothing to read at this call
        arg = single_assignment(call, passed.value) if isinstance(passed, cst.Name) else passed
        t = template_of(arg) if arg is not None and is_string_builder(arg) else None
        # A caller whose path can't be read becomes a site with an opaque path: reported there, not guessed.
        pieces = [Piece(HOLE, expr=base_hole.expr)] + (list(t.pieces) if t else [Piece(HOLE, expr=passed)])
        out.append(Site(Template(t.root if t else passed, pieces, relative_path=relative), base=site.base,
                        assigned_to=site.assigned_to, sent_by=site.template.root))
    return out
