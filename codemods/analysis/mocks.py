"""A test's mock of a Nylas URL moves to v3 only together with the requests it answers (issue 13, class 4).

A mock is a URL handed to a mocking library's registration (`responses.add(responses.GET, url)`,
`responses.get(url)`, `requests_mock`'s `m.get(url)`, `respx.get(url)`, `aioresponses`' `m.get(url)`,
`httpretty.register_uri(...)`, pytest-httpx's `httpx_mock.add_response(url=...)`) or to a unittest.mock call
assertion (`mock_get.assert_called_once_with(url)`). Each is paired with the run's requests to the same v2
endpoint (same path pattern, same method where both say it; requests_made.py): the requests of this module and
those engine.run collected from the run's other modules. If every paired request moves to v3, so does the mock
(its URL and body). If one stays on v2, or none is in the run (pre-commit over the test file alone), the mock
keeps its v2 URL and its body whole, and a finding says which request holds it (EP114) or that none was seen
(EP115): a test left answering a URL the code no longer asks for fails, or worse, passes without checking it.
"""
from __future__ import annotations

from typing import List, Optional, Tuple

import libcst as cst

from codemods.analysis.requests_made import RequestMade, paired
from codemods.module_index import dotted_name

_LIBRARIES = ("responses", "requests_mock", "respx", "httpretty")  # modules whose own functions register
_FIXTURES = ("requests_mock", "respx_mock", "httpx_mock", "mocked_responses", "aioresponses", "aioresponses_mock")
_CONTEXTS = ("RequestsMock", "Mocker", "aioresponses", "mock", "Router", "HTTPretty")  # `with X() as m`
_VERBS = ("get", "post", "put", "patch", "delete", "head", "options")
_REGISTER = set(_VERBS) | {"add", "replace", "upsert", "register_uri", "request", "route", "add_response",
                           "add_callback", "Response", "CallbackResponse"}  # responses.Response(...) too
_ASSERTS = ("assert_called_with", "assert_called_once_with", "assert_any_call")
_METHODS = {v.upper() for v in _VERBS}


def mock_call(ctx, site) -> Optional[Tuple[cst.Call, Optional[str]]]:
    """(the registration or assertion call, the HTTP method it mocks or None) when the site's URL is a mock's."""
    root = site.template.root
    for call, url in _calls_of(ctx, root, site.assigned_to):
        method = _mock_method(ctx, call, url)
        if method is not False:
            return call, method
    return None


def _calls_of(ctx, root, assigned_to):
    arg = ctx.parent(root)
    call = ctx.parent(arg) if isinstance(arg, cst.Arg) else None
    if isinstance(call, cst.Call):
        yield call, root
    if assigned_to and not assigned_to.startswith("."):
        from codemods.http_calls import scope_id

        scope = scope_id(ctx, root)
        if len(ctx.index.assignments.get((scope, assigned_to), [])) == 1:
            for c in ctx.index.name_arg_calls.get((scope, assigned_to), []):
                yield c, next(a.value for a in c.args if isinstance(a.value, cst.Name) and a.value.value == assigned_to)


def _mock_method(ctx, call: cst.Call, url) -> object:
    """False when `call` is not a mock of `url`; else the method it mocks (None: not said)."""
    func = call.func
    if not isinstance(func, cst.Attribute):
        return False
    name = func.attr.value
    if name in _ASSERTS:  # `request.assert_called_once_with("GET", url)` says the method too
        if not any(a.value is url for a in call.args):
            return False
        first = call.args[0].value if call.args and call.args[0].value is not url else None
        return _method_named(first)
    if name not in _REGISTER or not isinstance(func.value, cst.Name) or not _is_mocker(ctx, func.value):
        return False
    positional = [a.value for a in call.args if a.keyword is None and not a.star]
    keyword = {a.keyword.value: a.value for a in call.args if a.keyword is not None}
    if name in _VERBS:
        return name.upper() if (positional[:1] == [url] or keyword.get("url") is url) else False
    if url not in positional[:2] and keyword.get("url") is not url:
        return False
    return _method_named(keyword.get("method", positional[0] if len(positional) == 2 and positional[1] is url else None))


def _method_named(said) -> Optional[str]:
    """`responses.GET`, `httpretty.GET` or "GET": the method; anything else: None (not said)."""
    if said is None:
        return None
    from codemods.http_calls import _string_value

    text = ((dotted_name(said) or "").rsplit(".", 1)[-1] or _string_value(said) or "").upper()
    return text if text in _METHODS else None


def _is_mocker(ctx, name: cst.Name) -> bool:
    """`responses` (imported), `m` of `with requests_mock.Mocker() as m`, a fixture parameter, or the parameter
    a `@requests_mock.Mocker()` decorator passes."""
    if name.value in _LIBRARIES and name.value in _imported(ctx):
        return True
    cur = ctx.parent(name)
    while cur is not None:
        if isinstance(cur, (cst.With, cst.FunctionDef)):
            if isinstance(cur, cst.With) and any(_binds(item, name.value) for item in cur.items):
                return True
            if isinstance(cur, cst.FunctionDef) and _param_mocker(cur, name.value):
                return True
        cur = ctx.parent(cur)
    return False


def _binds(item: cst.WithItem, name: str) -> bool:
    if not (isinstance(item.asname, cst.AsName) and isinstance(item.asname.name, cst.Name)
            and item.asname.name.value == name and isinstance(item.item, cst.Call)):
        return False
    called = dotted_name(item.item.func) or ""
    return called.rsplit(".", 1)[-1] in _CONTEXTS and (called.split(".")[0] in _LIBRARIES + ("aioresponses",)
                                                       or called.rsplit(".", 1)[-1] != "mock")


def _param_mocker(function: cst.FunctionDef, name: str) -> bool:
    params = [p.name.value for p in function.params.params]
    if name not in params:
        return False
    if name in _FIXTURES:
        return True
    for decorator in function.decorators:
        target = decorator.decorator.func if isinstance(decorator.decorator, cst.Call) else decorator.decorator
        if (dotted_name(target) or "").endswith("Mocker"):
            return True
    return False


def _imported(ctx) -> set:
    found = ctx.traced.get("mock_modules")
    if found is None:
        found = set()
        for stmt in ctx.index.imports:
            if isinstance(stmt, cst.Import):
                found.update((dotted_name(a.name) or "").split(".")[0] for a in stmt.names if a.asname is None)
        ctx.traced["mock_modules"] = found
    return found


# The findings that say why a request stays on v2: the notes first (EP106, EP112), else the rewrites it did not
# get; never the advice that comes with it (FLD019's IMAP window)
_WHY = (("manual_endpoint", "note", "url_userinfo", "sdk_note"), ("host", "scheme", "endpoint", "sdk_client"))


# -- this module's requests, and the run's ------------------------------------------------------------------------
def record_requests(ctx, committed) -> list:
    """The committed URL sites that are requests (not mocks) of a known v2 endpoint: kept for requests_made()."""
    sites = [(c, c.plan) for c in committed if c.plan is not None and c.plan.endpoint_path]
    requests = [(c, sp) for c, sp in sites if mock_call(ctx, c.site) is None]
    ctx.traced["request_sites"] = requests
    return requests


def requests_made(ctx, edits=None) -> Tuple[RequestMade, ...]:
    """This module's requests as the run leaves them (call after every filter: --select, noqa, --since), or as
    they are with `edits` applied (none: the file left unchanged)."""
    live = set(ctx.edits if edits is None else edits)
    endpoint_ids = {r.id for r in ctx.rules.of_kind("endpoint")}
    notes, missed = ({r.id for r in ctx.rules.of_kinds(kinds)} for kinds in _WHY)
    out = []
    for c, sp in ctx.traced.get("request_sites", ()):
        line, col = ctx.line_col(c.site.template.root)
        moves = any(e in live and e.rule in endpoint_ids for e in c.edits) or (sp.held and "/v3/" in sp.text)
        said = set() if moves else {f.rule for f in ctx.findings if (f.line, f.column) == (line, col) and not f.fixable}
        why = sorted(said & notes) or sorted(said & missed)
        out.append(RequestMade(ctx.path, line, sp.endpoint_path, sp.method, moves, ", ".join(why)))
    return tuple(out)


# -- the decision ----------------------------------------------------------------------------------------------
def settle(ctx, committed) -> None:
    """Keep on v2 each mock whose requests do not all move (after every fixer: their edits are final)."""
    requests = record_requests(ctx, committed)
    mocks = [(c, mock_call(ctx, c.site)) for c in committed if c.plan is not None and (c.plan.endpoint_path or c.edits)]
    live = set(ctx.edits)
    mocks = [(c, m) for c, m in mocks if m is not None and any(e in live for e in c.edits)]
    if not mocks:
        return
    known = ctx.options.requests_made if getattr(ctx.options, "requests_made", None) is not None else ()
    here = requests_made(ctx) if requests else ()
    held_note, unpaired_note = ctx.note_rule("mock_held"), ctx.note_rule("mock_unpaired")
    kept = []
    for c, (call, method) in mocks:
        sp = c.plan
        answers = paired(tuple(known) + here, sp.endpoint_path, method) if sp.endpoint_path else []
        if answers and all(r.moves for r in answers):
            continue
        asked = f"{method + ' ' if method else ''}{sp.endpoint_path or '(a path the tool cannot read)'}"
        held = [r for r in answers if not r.moves]
        if held:
            shown = "; ".join(r.describe(ctx.path) for r in held[:3]) + (
                f"; and {len(held) - 3} more" if len(held) > 3 else "")
            note, text = held_note, held_note and f"{asked}: held back by {shown}: {held_note.message}"
        else:
            note, text = unpaired_note, unpaired_note and f"{asked}: {unpaired_note.message}"
        kept.append(c)
        _keep(ctx, c, call)
        if note is not None:
            ctx.report(c.site.template.root, note, text)
    _hold_bases(ctx, committed, kept)


def _hold_bases(ctx, committed, kept) -> None:
    """A kept mock built on a base (`API + "/threads"`): the base keeps its v2 host, and so does every URL built
    on it here (bases.py), or the kept mock would send its v2 path to the v3 host."""
    from codemods.analysis.bases import _hold

    done = set()
    for c in kept:
        base = c.site.base
        if base is None or base.template is None or id(base.template) in done:
            continue
        done.add(id(base.template))
        group = [g for g in committed if g.site.base is not None and g.site.base.template is base.template]
        own = [g for g in committed if g.site.template is base.template]
        if any(e in set(ctx.edits) for g in own + group for e in g.edits):
            _hold(ctx, base, own, group, [g for g in group if g in kept])


def _keep(ctx, c, call: cst.Call) -> None:
    """Take back every rewrite of the mock: its URL (and a base it alone is built on), its body's renames, and
    what was said about its v3 form (RUN052 on the body, the URL's fixed findings)."""
    v3_only = {r.id for r in ctx.rules.of_kinds(("mock_envelope", "response_envelope", "listing_note"))}
    taken = {id(e) for e in c.edits}
    ctx.edits = [e for e in ctx.edits if id(e) not in taken]
    said = {id(f) for f in c.findings if f.fixable or f.rule in v3_only}
    ctx.findings = [f for f in ctx.findings if id(f) not in said]
    bodies: List[cst.CSTNode] = [call] + list(ctx.traced.get("mock_bodies", {}).get(id(c.site.template), ()))
    for node in bodies:
        start, end = ctx.positions[node].start, ctx.positions[node].end
        inside = lambda f: (start.line, start.column + 1) <= (f.line, f.column) <= (end.line, end.column)  # noqa: E731
        ctx.retract(node)
        ctx.findings = [f for f in ctx.findings if not (f.rule in v3_only and inside(f))]
