"""Kind `mock_envelope`: a test mocks a Nylas URL with a v2-shaped reply body.

rest_api_facts.md §5: v3 wraps replies in {"data": ...} (lists add "next_cursor"). A test that registers a
Nylas URL with `responses` (`responses.add(responses.GET, url, json=...)`, `responses.get(url, json=...)`) or
`requests_mock` (`m.get(url, json=...)` on a `requests_mock.Mocker()` or the `requests_mock` fixture) sees its
URL moved to v3 by the endpoint rules, but its `json=` body keeps the v2 shape, so the code under test now reads
v3 the way the test does not. With unittest.mock, `<mock>.return_value.json.return_value = ...` in the test
function that names the URL (`mock_get.assert_called_with(url, ...)`) is that body. Reported at the body (a list, or a dict without "data") of a URL that moves to v3
or is already there; a URL left on v2 keeps a consistent mock. (The mock's URL moves only with the requests it
answers: analysis/mocks.py takes the move back, and this finding with it, when one of them stays on v2.)
"""
from __future__ import annotations

from typing import List, Optional

import libcst as cst

from codemods.http_calls import _string_value
from codemods.module_index import dotted_name
from codemods.rules import Rule
from codemods.site_plan import SitePlan

KINDS = ("mock_envelope",)
RESPONSES_CALLS = {"add", "replace", "upsert", "get", "post", "put", "patch", "delete", "head"}
REQUESTS_MOCK_CALLS = {"get", "post", "put", "patch", "delete", "head", "register_uri", "request"}


def observe(sp: SitePlan, rules: List[Rule]) -> None:
    if sp.endpoint_rule is None or sp.endpoint_rule.kind != "endpoint":
        return
    if (sp.held or sp.blockers) and "/v3/" not in sp.text:
        return  # the URL stays on v2, and so may its mock
    ctx = sp.ctx
    arg = ctx.parent(sp.site.template.root)
    call = ctx.parent(arg) if isinstance(arg, cst.Arg) else None
    if not isinstance(call, cst.Call) or not _registers_a_mock(sp, call):
        _mocked_json_next_to(sp, rules)
        return
    body = next((a.value for a in call.args if a.keyword is not None and a.keyword.value == "json"), None)
    returns = sp.endpoint_rule.get("returns", "list")
    if _mock_method(call) not in (None, "GET") and returns == "list":
        returns = "object"  # POST /drafts, POST /folders answer the created object
    if body is None or returns == "same" or not _v2_shaped(body, returns):
        return
    for rule in rules:
        if rule.get("when") in (None, returns):
            ctx.report(body, rule, f"{sp.endpoint_path} ({returns}): {rule.message}")


def _registers_a_mock(sp: SitePlan, call: cst.Call) -> bool:
    func = call.func
    if not isinstance(func, cst.Attribute) or not isinstance(func.value, cst.Name):
        return False
    receiver, method = func.value.value, func.attr.value
    imports = _imported_modules(sp)
    if receiver == "responses" and "responses" in imports:
        return method in RESPONSES_CALLS
    if method not in REQUESTS_MOCK_CALLS:
        return False
    return receiver == "requests_mock" or _mocker_target(sp, func.value) and "requests_mock" in imports


def _mock_method(call: cst.Call) -> Optional[str]:
    """responses.add(responses.POST, url) / responses.post(url) / m.post(url): the HTTP method mocked."""
    name = call.func.attr.value if isinstance(call.func, cst.Attribute) else ""
    if name not in ("add", "replace", "upsert", "register_uri", "request"):
        return name.upper()
    first = next((a.value for a in call.args if a.keyword is None), None)
    method = (dotted_name(first) or "").rsplit(".", 1)[-1] if first is not None else ""
    method = method or (_string_value(first) or "") if first is not None else method
    return method.upper() if method.upper() in ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD") else None


def _imported_modules(sp: SitePlan) -> set:
    found = set()
    for stmt in sp.ctx.index.imports:
        if isinstance(stmt, cst.Import):
            found.update(dotted_name(a.name) for a in stmt.names if a.asname is None)
    return found


def _mocker_target(sp: SitePlan, name: cst.Name) -> bool:
    """`name` is the `as` target of `with requests_mock.Mocker() as name` around it."""
    ctx = sp.ctx
    cur = ctx.parent(name)
    while cur is not None:
        if isinstance(cur, cst.With):
            for item in cur.items:
                if (isinstance(item.asname, cst.AsName) and isinstance(item.asname.name, cst.Name)
                        and item.asname.name.value == name.value and isinstance(item.item, cst.Call)
                        and (dotted_name(item.item.func) or "").endswith("Mocker")):
                    return True
        cur = ctx.parent(cur)
    return False


def _v2_shaped(body: cst.BaseExpression, returns: str) -> bool:
    """A v2 list reply is a bare list; a v2 object reply a dict without "data". (A dict for a list endpoint is
    neither shape: a placeholder the test passes through, not a v2 reply.)"""
    if returns == "list":
        return isinstance(body, (cst.List, cst.ListComp))
    if isinstance(body, cst.Dict):
        keys = [_key(e) for e in body.elements]
        return None not in keys and "data" not in keys
    return False


def _key(element) -> Optional[str]:
    if not isinstance(element, cst.DictElement):
        return None  # **spread: unknown keys
    return _string_value(element.key)


def _mocked_json_next_to(sp: SitePlan, rules: List[Rule]) -> None:
    """unittest.mock: `<mock>.return_value.json.return_value = [...]` in the function (a test) that also names
    this Nylas URL (e.g. in `assert_called_with(url)`): the reply it fakes is the v2 one."""
    ctx = sp.ctx
    if "return_value" not in ctx.text:  # the word the function's code must hold (a word the file lacks)
        return
    function = ctx.parent(sp.site.template.root)
    while function is not None and not isinstance(function, cst.FunctionDef):
        function = ctx.parent(function)
    if function is None or "return_value" not in ctx.module.code_for_node(function):
        return
    returns = sp.endpoint_rule.get("returns", "list")
    if returns == "same":
        return
    seen = ctx.traced.setdefault("mock_replies", set())
    walk = ctx.index.nodes
    start = walk.where(function)
    for node in walk.order[start:walk.ends[start]]:
        if not isinstance(node, cst.Assign) or id(node.value) in seen or len(node.targets) != 1:
            continue
        target = dotted_name(node.targets[0].target) or ""
        if target.endswith(".json.return_value") and _v2_shaped(node.value, returns):
            seen.add(id(node.value))  # the mock's body: kept on v2 with its URL if that stays (analysis/mocks.py)
            ctx.traced.setdefault("mock_bodies", {}).setdefault(id(sp.site.template), []).append(node.value)
            for rule in rules:
                ctx.report(node.value, rule, f"{sp.endpoint_path} ({returns}): {rule.message}")
