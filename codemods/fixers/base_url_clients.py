"""Kind `base_url_client`: an HTTP client built on a bare Nylas host, `httpx.Client(base_url=...)` or
requests-toolbelt's `BaseUrlSession(base_url=...)`, whose methods then take paths alone (`client.get("/messages")`).

Follows the upgrade guide's endpoint table like the endpoint rules, but those paths are not URLs the tool can
read: they are strings given to a client's methods. The host itself moves (HOST001) wherever it is written,
so without a word here the client would send v2 paths to a v3 host, which v3 rejects (found by the contract
tests, tests/contract). Reported at the `base_url=` argument: move each path to /v3/grants/{grant}/... by hand. Silent once every
path literal given to the client's methods starts with /v3/ (so a second run, after the paths were moved, says
nothing), and for a base that already carries a path (`.../v3/grants/me`).
"""
from __future__ import annotations

import re
from typing import Dict, List, Optional, Tuple

import libcst as cst

from codemods.http_calls import _string_value
from codemods.rules import Rule

KINDS = ("base_url_client",)
_BARE_NYLAS_HOST = re.compile(r"^https?://(?:[\w-]+\.)*nylas\.com(?::\d+)?/?$", re.IGNORECASE)


_METHODS = {"get", "post", "put", "patch", "delete", "head", "options", "request", "stream"}


class _Calls(cst.CSTVisitor):
    def __init__(self):
        self.base_urls: List[Tuple[cst.Call, cst.Arg]] = []
        self.constants: Dict[str, List[cst.BaseExpression]] = {}
        self.method_calls: List[cst.Call] = []

    def visit_Call(self, node: cst.Call) -> None:
        self.base_urls.extend((node, a) for a in node.args if a.keyword is not None and a.keyword.value == "base_url")
        if isinstance(node.func, cst.Attribute) and node.func.attr.value in _METHODS:
            self.method_calls.append(node)

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            if isinstance(target.target, cst.Name):
                self.constants.setdefault(target.target.value, []).append(node.value)


def run(ctx, rules: List[Rule]) -> None:
    visitor = _Calls()
    ctx.walk(visitor)
    held = ctx.note_rule("base_unseen")
    held_lines = {f.line for f in ctx.findings if held is not None and f.rule == held.id}
    for client, arg in visitor.base_urls:
        if _host_held(ctx, arg.value, visitor.constants, held_lines):
            continue  # its host stays on v2 (EP113 says why): no v2 path goes to a v3 host
        if _bare_nylas_host(arg.value, visitor.constants) and not _paths_are_v3(ctx, client, visitor.method_calls):
            for rule in rules:
                ctx.report(arg, rule)


def _host_held(ctx, expr, constants, held_lines) -> bool:
    """Did the URL pass keep this base's host on v2 (a bare host no URL of the module is built on)?"""
    nodes = constants.get(expr.value) or [] if isinstance(expr, cst.Name) else [expr]
    return any(ctx.line_col(node)[0] in held_lines for node in nodes)


def _paths_are_v3(ctx, client: cst.Call, calls: List[cst.Call]) -> bool:
    """Do all the path literals given to this client's methods start with /v3/ (and is there one)?"""
    parent = ctx.parent(client)
    name = None
    if isinstance(parent, cst.WithItem) and parent.asname is not None and isinstance(parent.asname.name, cst.Name):
        name = parent.asname.name.value
    elif isinstance(parent, cst.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0].target, cst.Name):
        name = parent.targets[0].target.value
    receivers = [c for c in calls if c.func.value is client
                 or (name is not None and isinstance(c.func.value, cst.Name) and c.func.value.value == name)]
    paths = []
    for call in receivers:
        positional = [a.value for a in call.args if a.keyword is None]
        index = 1 if call.func.attr.value in ("request", "stream") else 0
        if len(positional) <= index:
            return False
        text = _leading_text(positional[index])
        if text is None:
            return False  # a path the tool cannot read: it may be v2
        paths.append(text)
    return bool(paths) and all(p.startswith("/v3/") or p.startswith("v3/") for p in paths)


def _leading_text(expr: cst.BaseExpression) -> Optional[str]:
    """The literal start of a string or f-string ("" when it starts with an interpolation)."""
    if isinstance(expr, cst.SimpleString):
        return _string_value(expr)
    if isinstance(expr, cst.FormattedString):
        first = expr.parts[0] if expr.parts else None
        return first.value if isinstance(first, cst.FormattedStringText) else ""
    return None


def _bare_nylas_host(expr: cst.BaseExpression, constants: Dict[str, List[cst.BaseExpression]]) -> bool:
    """A bare Nylas host literal, or a name assigned only once, to one (possibly as os.environ.get's default)."""
    if isinstance(expr, cst.Name):
        values = constants.get(expr.value) or []
        return len(values) == 1 and _bare_nylas_host(values[0], {})
    if isinstance(expr, cst.Call) and expr.args:  # os.environ.get("NYLAS_API_SERVER", "https://api.nylas.com")
        return _bare_nylas_host(expr.args[-1].value, {})
    value: Optional[str] = _string_value(expr) if isinstance(expr, cst.SimpleString) else None
    return value is not None and bool(_BARE_NYLAS_HOST.match(value))
