"""Kind `v2_string`: string literals that name v2 things no URL rule sees.

Follows the v2 → v3 upgrade guide (https://developer.nylas.com/docs/v2/upgrade-to-v3/): v2 OAuth was also
served from login.nylas.com, which no v3 flow uses (Hosted OAuth is /v3/connect/auth on api.us/api.eu); and a
test that patches `...APIClient` (mock.patch, mocker.patch, monkeypatch.setattr, patch.object) names the v5
class, which a migrated module no longer has. `pattern` is a regex on the literal's value; `inside_call`, when
given, limits the rule to literals passed to a call whose callee ends with one of these names.
"""
from __future__ import annotations

import re
from typing import List

import libcst as cst

from codemods.context import FileContext
from codemods.http_calls import _string_value
from codemods.rules import Rule

KINDS = ("v2_string",)


def run(ctx: FileContext, rules: List[Rule]) -> None:
    live = [(r, re.compile(r.get("pattern"))) for r in rules if re.search(r.get("pattern").strip("^$"), ctx.text)]
    if not live:
        return
    for node in ctx.index.nodes.order:
        if type(node) is not cst.SimpleString:
            continue
        value = _string_value(node)
        if value is None or isinstance(ctx.parent(node), cst.Expr):  # a docstring describes, it does not call
            continue
        for rule, pattern in live:
            m = pattern.search(value)
            if m and _inside_call(ctx, node, rule.get("inside_call")):
                ctx.report(node, rule, f"{m.group(0).lstrip('.')}: {rule.message}")
                break


def _inside_call(ctx: FileContext, node: cst.CSTNode, names) -> bool:
    if not names:
        return True
    arg = ctx.parent(node)
    call = ctx.parent(arg) if isinstance(arg, cst.Arg) else None
    if not isinstance(call, cst.Call):
        return False
    func = call.func
    last = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
    return last in names
