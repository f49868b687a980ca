"""A function annotated to return an APIClient whose constructor is not in its module (`def get_client() ->
APIClient: return _cached`): the tool cannot move a client it cannot see built, so the client stays on v2 with
every use (SDK092 where it is used, project.py). Reported at the def too (SDK094), where the user can fix it: the
def is what to change (build the client here) or to move by hand with its callers.
"""
from __future__ import annotations

import libcst as cst

from codemods.analysis.module_uses import _short


def report(ctx, sdk) -> None:
    rule = sdk.notes.get("client_unseen")
    if rule is None or "APIClient" not in ctx.text or "->" not in ctx.text:  # no return annotation, no such def
        return
    from codemods.analysis.index import facts_of_tree

    if ctx.ast_tree is None:
        return
    facts = facts_of_tree(ctx.ast_tree)
    if not facts.annotated:
        return
    said = {(f.line, f.column) for f in ctx.findings}
    for func in ctx.index.functions:
        name = func.name.value
        if name not in facts.annotated or not isinstance(ctx.parent(func), cst.Module):
            continue
        if ctx.line_col(func.name) in said:
            continue
        returned = _returned(ctx, func)
        ctx.report(func.name, rule, f"{name}() is annotated to return an APIClient, but returns {returned}, a client "
                                    f"built where the tool cannot see; {rule.message}")


def _returned(ctx, func) -> str:
    from codemods.analysis.module_uses import _returns

    values = [r.value for r in _returns(ctx, func) if r.value is not None]
    if not values:
        return "nothing it builds"
    return " or ".join(dict.fromkeys(_short(ctx, v) for v in values[:2]))
